//! Golden transcripts: every `tests/transcripts/*.txt` runs against `Cluster::new(1)` and
//! must print exactly its `*.out`. `UPDATE_GOLDEN=1 cargo test -p kubesim --test golden`
//! rewrites the outputs (read the diff before committing it).

use kubesim::session::run_script;
use kubesim::{Cluster, Session};
use std::path::PathBuf;

#[test]
fn transcripts_match_their_golden_output() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("transcripts directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    scripts.sort();
    assert!(!scripts.is_empty());
    let mut failures = Vec::new();
    for script in scripts {
        let text = std::fs::read_to_string(&script).expect("script");
        let got = run_script(&mut Session::new(Cluster::new(1)), &text);
        let out = script.with_extension("out");
        if update {
            std::fs::write(&out, &got).expect("write golden");
            continue;
        }
        match std::fs::read_to_string(&out) {
            Ok(want) if want == got => {}
            Ok(want) => {
                let line = want.lines().zip(got.lines()).position(|(a, b)| a != b).unwrap_or(want.lines().count().min(got.lines().count()));
                failures.push(format!(
                    "{}: differs at line {}\n  want: {:?}\n   got: {:?}",
                    script.display(),
                    line + 1,
                    want.lines().nth(line).unwrap_or("<end>"),
                    got.lines().nth(line).unwrap_or("<end>")
                ));
            }
            Err(_) => failures.push(format!("{}: no golden output (run with UPDATE_GOLDEN=1)", out.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn transcripts_are_deterministic() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    for e in std::fs::read_dir(&dir).expect("dir") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "txt") {
            let text = std::fs::read_to_string(&p).expect("script");
            let a = run_script(&mut Session::new(Cluster::new(1)), &text);
            let b = run_script(&mut Session::new(Cluster::new(1)), &text);
            assert_eq!(a, b, "{}", p.display());
        }
    }
}
