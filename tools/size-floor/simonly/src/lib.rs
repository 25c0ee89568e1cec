use kubesim::cluster::kind_nodes;
use kubesim::session::run_script;
use kubesim::{Cluster, Session};
use wasm_bindgen::prelude::*;
/// The simulator with no UI at all: a script in, its transcript out.
#[wasm_bindgen]
pub fn run(seed: u64, script: &str) -> String {
    let mut session = Session::new(Cluster::with_nodes(seed, &kind_nodes(3)));
    run_script(&mut session, script)
}
