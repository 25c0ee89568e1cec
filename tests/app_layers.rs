//! The app's files, checked from their source text (kubesim's own layers are checked by
//! crates/kubesim/tests/layers.rs, whose graph reader this shares).
//!
//! A unit is one component's folder (`components/cluster_view/…`), the `i18n/` folder, or a
//! single file (`app.rs`, `context.rs`, `components/editor.rs`…). Files of one unit may use
//! each other (a folder's `mod.rs` and its parts do); between units there is no import
//! cycle: context types come from `context.rs`, never from `app.rs`, so no component
//! imports the file that assembles the components. No file is over 700 lines.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "../crates/kubesim/tests/layers/graph.rs"]
mod graph;

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The unit a file belongs to.
fn unit(file: &str) -> String {
    let parts: Vec<&str> = file.split('/').collect();
    match parts.as_slice() {
        ["components", dir, _, ..] => format!("components/{dir}"),
        [dir, _, ..] if *dir != "components" => dir.to_string(),
        _ => file.trim_end_matches(".rs").to_string(),
    }
}

#[test]
fn no_import_cycle_between_the_apps_units() {
    let g = graph::graph(&src_dir(), "main.rs");
    assert!(g.len() > 25, "suspiciously few files: {:?}", g.keys().collect::<Vec<_>>());
    // The reader sees the app's paths: a component's context types, a folder's parts.
    assert!(g["components/editor.rs"].contains("context.rs"), "{:?}", g["components/editor.rs"]);
    assert!(g["components/cluster_view/nodes.rs"].contains("components/cluster_view/mod.rs"));
    assert!(g["app.rs"].contains("components/cluster_view/mod.rs"));
    let mut bad = Vec::new();
    for comp in graph::cycles(&g) {
        let units: BTreeSet<String> = comp.iter().map(|f| unit(f)).collect();
        if units.len() > 1 {
            bad.push(format!("{} files in {:?}, e.g. {}", comp.len(), units, graph::example_cycle(&g, &comp, unit).join(" → ")));
        }
    }
    assert!(bad.is_empty(), "import cycles between the app's units:\n{}", bad.join("\n"));
    // And one made up is found.
    let mut g2 = g.clone();
    g2.get_mut("context.rs").unwrap().insert("app.rs".into());
    assert!(graph::cycles(&g2).iter().any(|c| c.iter().map(|f| unit(f)).collect::<BTreeSet<_>>().len() > 1));
}

#[test]
fn no_app_file_is_over_700_lines() {
    let mut long = Vec::new();
    for f in graph::files(&src_dir()) {
        let n = fs::read_to_string(src_dir().join(&f)).expect("readable").lines().count();
        if n > 700 {
            long.push(format!("src/{f}: {n} lines"));
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n"));
}
