//! The core and the course stay pure: no browser crate may enter their dependency trees.
//! (A panic-free, wasm-free core is what lets them be tested natively in seconds.)

use std::process::Command;

const FORBIDDEN: &[&str] = &["leptos", "web-sys", "js-sys", "wasm-bindgen", "gloo"];

/// Names of the packages in a workspace member's dependency tree (itself included).
fn tree(krate: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml");
    let out = Command::new(&cargo)
        .args(["tree", "--offline", "--manifest-path", manifest, "-p", krate])
        .args(["-e", "normal,build", "--prefix", "none", "--target", "all", "--format", "{p}"])
        .output()
        .expect("cargo tree runs");
    assert!(out.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

fn web_crates(names: &[String]) -> Vec<String> {
    names
        .iter()
        .filter(|n| FORBIDDEN.iter().any(|bad| n.as_str() == *bad || n.starts_with(&format!("{bad}-"))))
        .cloned()
        .collect()
}

#[test]
fn kubesim_and_course_have_no_web_dependencies() {
    for krate in ["kubesim", "course"] {
        let names = tree(krate);
        assert!(names.len() > 3, "suspiciously small tree for {krate}: {names:?}");
        let bad = web_crates(&names);
        assert!(bad.is_empty(), "{krate} depends on {bad:?}: the core must stay free of browser crates");
    }
}

#[test]
fn the_check_does_see_web_crates_where_they_are() {
    // The app itself depends on leptos: the same check must find it there.
    let bad = web_crates(&tree("kubeaula"));
    assert!(bad.iter().any(|n| n == "leptos"), "{bad:?}");
}
