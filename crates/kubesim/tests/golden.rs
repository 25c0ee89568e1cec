//! Golden transcripts: every `transcripts/NAME.txt` is run against a fresh
//! `Cluster::new(1)` and compared with `transcripts/NAME.out`.
//! `UPDATE_GOLDEN=1 cargo test -p kubesim --test golden` rewrites the `.out` files.

use kubesim::session::run_script;
use kubesim::{Cluster, Session};
use std::path::Path;

#[test]
fn transcripts_match() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("transcripts directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no transcripts in {}", dir.display());
    let mut failures = Vec::new();
    for script in names {
        let text = std::fs::read_to_string(&script).expect("readable script");
        let mut session = Session::new(Cluster::new(1));
        let got = run_script(&mut session, &text);
        let out = script.with_extension("out");
        if update {
            std::fs::write(&out, &got).expect("writable .out");
            continue;
        }
        match std::fs::read_to_string(&out) {
            Ok(want) if want == got => {}
            Ok(want) => {
                let line = want.lines().zip(got.lines()).position(|(a, b)| a != b).unwrap_or(want.lines().count().min(got.lines().count()));
                failures.push(format!(
                    "{}: differs at line {}\n  want: {:?}\n  got:  {:?}",
                    out.display(),
                    line + 1,
                    want.lines().nth(line).unwrap_or("<end>"),
                    got.lines().nth(line).unwrap_or("<end>")
                ));
            }
            Err(_) => failures.push(format!("{}: missing (run with UPDATE_GOLDEN=1)", out.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
