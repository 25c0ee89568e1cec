//! The crate's layers, checked from its source text.
//!
//! The graph: every file of `src/` (except `lib.rs`, the facade, and `bin/`, a crate of its
//! own) is a node; an edge `a → b` means `a` names a module path that lives in `b`:
//! `use crate::…` lines (grouped `use crate::{a::X, b::{Y}}` forms expanded), `crate::x::y`
//! paths written inline in code, `super::…` and `self::…` paths, and in a folder's `mod.rs`
//! its child modules named inline (`program::run`). Names that `lib.rs` re-exports
//! (`crate::Cluster`, `crate::why`) are followed to the file that defines them. Comments are
//! ignored, and so is a file's `#[cfg(test)]` module: unit tests may look at any layer.
//! Inherent methods called on `Ctx` name no path, so they make no edge: the rules below
//! are about what a file imports.
//!
//! A file's folder is the first directory under `src/`; a file at the top, if any, is a
//! folder of its own (there is none but `lib.rs` today).
//!
//! - **No import cycle across folders**: cycles inside one folder are allowed (the files of
//!   a folder are one layer); a cycle through files of two folders fails.
//! - **Layers only look down** (`LAYERS`, lowest first), without exceptions: where the API
//!   server's write path must reach a controller at once (a pod written, a pod gone), it
//!   calls the handlers the facade registered (`state::Informers`), as informers do.
//! - **Controllers never import each other**; what they share is in `controllers/common.rs`
//!   (and `controllers/volume_binding.rs`, the claim binding rules the PV controller and the
//!   scheduler share).
//! - **Controllers and the API server work on the narrow context** (`state::Ctx`: store,
//!   runtime, recorder, controller memory), never on the whole `State`: the node side (the
//!   kubelets' records) is out of their reach. The one exception is the API server's node
//!   create and delete (`apiserver/nodes.rs`), which hand a node its pod address range and
//!   forget its kubelet.
//! - **No file over 700 lines** in `src/`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "layers/graph.rs"]
mod graph;

const MAX_LINES: usize = 700;

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// A file's folder: the first directory under `src/`, or the file itself at the top.
fn folder(file: &str) -> &str {
    file.split_once('/').map(|(d, _)| d).unwrap_or(file)
}

#[test]
fn no_import_cycle_crosses_folders() {
    let g = graph::graph(&src_dir(), "lib.rs");
    assert!(g.len() > 30, "suspiciously few files: {:?}", g.keys().collect::<Vec<_>>());
    let mut bad = Vec::new();
    for comp in graph::cycles(&g) {
        let folders: BTreeSet<&str> = comp.iter().map(|f| folder(f)).collect();
        if folders.len() > 1 {
            bad.push(format!("{} files in {:?}, e.g. {}", comp.len(), folders, graph::example_cycle(&g, &comp, |f| folder(f).to_string()).join(" → ")));
        }
    }
    assert!(bad.is_empty(), "import cycles across folders:\n{}", bad.join("\n"));
}

#[test]
fn the_cycle_check_sees_grouped_inline_and_super_paths() {
    assert_eq!(graph::expand("crate::{a::X, b::{Y, c::Z}}").len(), 3);
    assert_eq!(graph::expand("crate::{a::X, b::{Y, c::Z}}")[2], ["crate", "b", "c", "Z"]);
    let g = graph::graph(&src_dir(), "lib.rs");
    // `use super::{...}` in a kubectl submodule reaches kubectl/mod.rs.
    assert!(g["kubectl/info.rs"].contains("kubectl/mod.rs"));
    // `crate::api::model::*` through a use line.
    assert!(g["api/meta.rs"].contains("api/model.rs"));
    // A cycle across folders is found.
    let mut g2 = g.clone();
    g2.get_mut("api/model.rs").unwrap().insert("kubectl/mod.rs".into());
    assert!(graph::cycles(&g2).iter().any(|c| c.iter().map(|f| folder(f)).collect::<BTreeSet<_>>().len() > 1));
}

/// The layers, lowest first: a file may name files of its own layer and of layers below.
const LAYERS: &[&str] = &[
    "api", "manifest", "runtime", "state", "apiserver", "controllers", "kubelet", "cluster", "kubectl", "view", "session",
    "journal",
];

#[test]
fn layers_only_look_down() {
    let rank = |f: &str| LAYERS.iter().position(|l| *l == folder(f)).unwrap_or_else(|| panic!("{f}: its folder is not in LAYERS"));
    let g = graph::graph(&src_dir(), "lib.rs");
    let mut up = Vec::new();
    for (f, deps) in &g {
        for d in deps.iter().filter(|d| rank(d) > rank(f)) {
            up.push((f.clone(), d.clone()));
        }
    }
    let lines: Vec<String> = up.iter().map(|(a, b)| format!("{a} → {b}")).collect();
    assert!(lines.is_empty(), "files that import a higher layer:\n{}", lines.join("\n"));
}

/// Files of `controllers/` that are not controllers but what several of them share.
const CONTROLLER_HELPERS: &[&str] = &["controllers/common.rs", "controllers/volume_binding.rs", "controllers/mod.rs"];

#[test]
fn controllers_never_import_each_other() {
    let g = graph::graph(&src_dir(), "lib.rs");
    let mut bad = Vec::new();
    for (f, deps) in g.iter().filter(|(f, _)| f.starts_with("controllers/") && !CONTROLLER_HELPERS.contains(&f.as_str())) {
        for d in deps.iter().filter(|d| d.starts_with("controllers/") && !CONTROLLER_HELPERS.contains(&d.as_str())) {
            bad.push(format!("{f} → {d}"));
        }
    }
    assert!(bad.is_empty(), "controllers import each other (share through controllers/common.rs):\n{}", bad.join("\n"));
}

/// Files of the controllers and the API server that may name the whole state.
const WHOLE_STATE_ALLOWED: &[&str] = &["apiserver/nodes.rs"];

#[test]
fn controllers_and_the_api_server_take_the_narrow_context() {
    let mut bad = Vec::new();
    for f in graph::files(&src_dir()).iter().filter(|f| f.starts_with("controllers/") || f.starts_with("apiserver/")) {
        if WHOLE_STATE_ALLOWED.contains(&f.as_str()) {
            continue;
        }
        let code = graph::code_of(&fs::read_to_string(src_dir().join(f)).expect("readable"));
        let words: Vec<&str> = code.split(|c: char| !(c.is_alphanumeric() || c == '_')).collect();
        if words.contains(&"State") || words.contains(&"agents") || words.contains(&"NodeAgents") {
            bad.push(f.clone());
        }
    }
    assert!(bad.is_empty(), "files that reach past `Ctx` to the whole state or the node side:\n{}", bad.join("\n"));
}

#[test]
fn no_source_file_is_over_700_lines() {
    let mut long = Vec::new();
    for f in graph::files(&src_dir()) {
        let n = fs::read_to_string(src_dir().join(&f)).expect("readable").lines().count();
        if n > MAX_LINES {
            long.push(format!("{f}: {n} lines"));
        }
    }
    assert!(long.is_empty(), "files over {MAX_LINES} lines:\n{}", long.join("\n"));
}

#[test]
#[ignore]
fn print_graph() {
    for (f, deps) in graph::graph(&src_dir(), "lib.rs") {
        println!("{f} -> {}", deps.iter().cloned().collect::<Vec<_>>().join(" "));
    }
    let g = graph::graph(&src_dir(), "lib.rs");
    for comp in graph::cycles(&g) {
        if comp.iter().map(|f| folder(f)).collect::<BTreeSet<_>>().len() > 1 {
            println!("cycle: {}", comp.join(" "));
        }
    }
}
