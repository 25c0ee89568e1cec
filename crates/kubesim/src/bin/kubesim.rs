//! `kubesim [--seed N] [--nodes SPEC] [SCRIPT]`: runs a transcript against the simulated
//! cluster and prints what a terminal would show. SPEC is a number N (a kind cluster with N
//! workers) or a comma list of node names, each optionally suffixed `:cp` for a
//! control-plane node (default: a kind cluster with three workers).
//!
//! Besides `kubectl …`, a script may use `sleep DURATION`, `cat > FILE <<EOF` heredocs,
//! `^C` (ends running watches) and the simulator's controls: `sim node add|remove|fail|
//! notready|recover NAME`, `sim pod unready|ready|crash|fix POD`, `sim step` and
//! `sim hash` (prints `state <16 hex digits>`, the whole cluster state's hash: the same
//! script gives the same hash here and in the browser).

use kubesim::cluster::{kind_nodes, parse_node_spec};
use kubesim::session::run_script;
use kubesim::{Cluster, Session};
use std::io::Read;

fn main() {
    let mut seed = 1u64;
    let mut nodes = kind_nodes(3);
    let mut script_path: Option<String> = None;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--seed" => {
                i += 1;
                seed = match args.get(i).and_then(|s| s.parse().ok()) {
                    Some(s) => s,
                    None => fail("--seed needs a number"),
                };
            }
            "--nodes" => {
                i += 1;
                let spec = args.get(i).cloned().unwrap_or_default();
                nodes = parse_node_spec(&spec).unwrap_or_else(|e| fail(&e));
            }
            "-h" | "--help" => {
                println!("usage: kubesim [--seed N] [--nodes SPEC] [SCRIPT]");
                println!();
                println!("Runs SCRIPT (or standard input) line by line: kubectl …, sleep 10s, cat > f <<EOF,");
                println!("^C, sim node add|remove|fail|notready|recover NAME, sim pod crash|fix|unready|ready POD,");
                println!("sim step, and sim hash (prints `state <hex>`, the cluster state's hash).");
                return;
            }
            other if script_path.is_none() && !other.starts_with('-') => script_path = Some(other.to_string()),
            other => fail(&format!("unknown argument {other}")),
        }
        i += 1;
    }
    let (bytes, source) = match &script_path {
        Some(p) => (std::fs::read(p).unwrap_or_else(|e| fail(&format!("{p}: {e}"))), p.clone()),
        None => {
            let mut b = Vec::new();
            std::io::stdin().read_to_end(&mut b).unwrap_or_else(|e| fail(&e.to_string()));
            (b, "<stdin>".to_string())
        }
    };
    let script = text_of(bytes).unwrap_or_else(|e| fail(&format!("{source}: {e}")));
    let mut session = Session::new(Cluster::with_nodes(seed, &nodes));
    print!("{}", run_script(&mut session, &script));
}

/// The script as text; invalid UTF-8 (a paste from a mis-encoded file) is reported with its
/// line and column instead of being read.
fn text_of(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..at];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = at - before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1) + 1;
        format!("not valid UTF-8 at line {line}, column {column} (byte {at}); save the file as UTF-8")
    })
}

fn fail(msg: &str) -> ! {
    eprintln!("kubesim: {msg}");
    std::process::exit(2)
}
