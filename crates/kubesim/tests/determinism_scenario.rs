//! The long determinism scenario (`tests/determinism/scenario.txt`) run as the browser's
//! terminal runs a paste (`Sim::run_pasted`): line by line, heredocs included, each
//! command's output followed by the watch rows it let through. The result is a golden
//! file pair, `expected.txt` (readable) and `expected.json` (per command), that
//! `tests/e2e/determinism.spec.mjs` compares byte for byte with the page running the same
//! script in WebAssembly. `UPDATE_GOLDEN=1 cargo test -p kubesim --test determinism_scenario`
//! rewrites them.

use kubesim::journal::{self, Setup};
use kubesim::Session;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/determinism")
}

/// (line, output) per command, as the terminal shows them.
fn run_pasted(s: &mut Session, text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        i += 1;
        if line.is_empty() {
            continue;
        }
        let mut stdin = None;
        if let Some(pos) = line.find("<<") {
            let marker = line[pos + 2..].trim().trim_matches(|c| c == '\'' || c == '"' || c == '-').to_string();
            let mut body = String::new();
            while i < lines.len() && lines[i].trim() != marker {
                body.push_str(lines[i]);
                body.push('\n');
                i += 1;
            }
            i += 1;
            stdin = Some(body);
        }
        let o = s.run(line, stdin.as_deref());
        let rows = s.take_watch_output();
        out.push((line.to_string(), format!("{}{rows}{}", o.stdout, o.stderr)));
    }
    out
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

#[test]
fn the_scenario_transcript_is_current_and_reproducible() {
    let script = std::fs::read_to_string(dir().join("scenario.txt")).unwrap();
    // The app's cluster: seed 1, a kind cluster with three workers, with a journal.
    let mut s = Session::start(Setup::kind(1));
    let entries = run_pasted(&mut s, &script);
    let text: String = entries.iter().map(|(l, o)| format!("$ {l}\n{o}")).collect();
    let json = format!("[\n{}\n]\n", entries.iter().map(|(l, o)| format!("  {{\"line\": {}, \"output\": {}}}", json_string(l), json_string(o))).collect::<Vec<_>>().join(",\n"));
    let (last_line, last_out) = entries.last().unwrap();
    assert_eq!(last_line, "sim hash");
    assert_eq!(last_out, &format!("state {:016x}\n", s.cluster.state_hash()));
    // It exercises what it claims to.
    for needle in ["daemonset.apps/log-agent created", "statefulset.apps/db created", "data-db-4", "NotReady", "node/kind-worker4 added", "Terminating", "successfully rolled out", "node/kind-worker3 removed"] {
        assert!(text.contains(needle), "the scenario reaches {needle:?}");
    }
    // The same inputs again give the same bytes; replaying the journal, the same state.
    let mut again = Session::start(Setup::kind(1));
    assert_eq!(run_pasted(&mut again, &script), entries);
    let replayed = journal::replay(s.journal().unwrap()).unwrap();
    assert_eq!(replayed.cluster.state_hash(), s.cluster.state_hash());

    let (txt, js) = (dir().join("expected.txt"), dir().join("expected.json"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&txt, &text).unwrap();
        std::fs::write(&js, &json).unwrap();
    }
    let want = std::fs::read_to_string(&txt).unwrap_or_default();
    assert!(want == text, "tests/determinism/expected.txt is stale: UPDATE_GOLDEN=1 cargo test -p kubesim --test determinism_scenario");
    assert_eq!(std::fs::read_to_string(&js).unwrap_or_default(), json, "expected.json is stale");
}
