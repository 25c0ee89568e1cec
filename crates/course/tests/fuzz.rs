//! The bounded fuzz run of `cargo test`: a fixed number of seeded executions per target
//! (the long run is `scripts/fuzz.sh`). Each prints its figures; any panic, or a refusal
//! that changed the cluster, fails with the input that caused it.

#[path = "../fuzz/mod.rs"]
mod fuzz;

use fuzz::{Budget, Target};
use std::time::Instant;

/// Executions per target: enough to cover every generator branch many times, few enough
/// for a debug build. `FUZZ_ITERS` raises it.
fn iters(default: u64) -> u64 {
    std::env::var("FUZZ_ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn check(t: Target, n: u64) {
    let start = Instant::now();
    let s = fuzz::run(t, 2024, Budget::Iters(n));
    eprintln!("{}", s.line(t, 2024, start.elapsed()));
    assert_eq!(s.executions, n);
    assert!(s.panics == 0 && s.violations == 0, "{}:\n{}", t.name(), s.failures.join("\n"));
    // The generators reach both sides: some inputs are read, some refused.
    assert!(s.refused > 0, "{}: nothing was refused", t.name());
    assert!(s.refused < s.executions, "{}: everything was refused", t.name());
}

// One test per target, each from its own seed stream; they share the process's panic hook,
// so they run one after another.
static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn fuzz_manifest_reader_and_validator() {
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    check(Target::Manifest, iters(400));
}

#[test]
fn fuzz_kubectl_parser_and_executor() {
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    check(Target::Kubectl, iters(400));
}

#[test]
fn fuzz_share_link_decoder() {
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    check(Target::Share, iters(1500));
}

#[test]
fn fuzz_stored_state_loader() {
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    check(Target::Saved, iters(1500));
}
