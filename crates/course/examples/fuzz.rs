//! The long fuzz run: `cargo run --release -p course --example fuzz -- [--target NAME]
//! [--seconds S | --iters N] [--seed N]`. Targets: manifest, kubectl, share, saved (all by
//! default). Prints executions, refusals, panics and violations per target, and the first
//! failures with their input; exits 1 if any target failed. `scripts/fuzz.sh` wraps it.

#[path = "../fuzz/mod.rs"]
mod fuzz;

use fuzz::{Budget, Target, TARGETS};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut targets: Vec<Target> = Vec::new();
    let mut budget = Budget::Time(Duration::from_secs(10));
    let mut seed: u64 = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(1);
    let mut i = 0;
    let value = |i: usize| args.get(i + 1).cloned().unwrap_or_else(|| usage(&format!("{} needs a value", args[i])));
    while i < args.len() {
        match args[i].as_str() {
            "--target" => {
                let v = value(i);
                targets.push(Target::parse(&v).unwrap_or_else(|| usage(&format!("unknown target {v}"))));
                i += 1;
            }
            "--seconds" => {
                budget = Budget::Time(Duration::from_secs_f64(value(i).parse().unwrap_or_else(|_| usage("--seconds needs a number"))));
                i += 1;
            }
            "--iters" => {
                budget = Budget::Iters(value(i).parse().unwrap_or_else(|_| usage("--iters needs a number")));
                i += 1;
            }
            "--seed" => {
                seed = value(i).parse().unwrap_or_else(|_| usage("--seed needs a number"));
                i += 1;
            }
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown argument {other}")),
        }
        i += 1;
    }
    if targets.is_empty() {
        targets = TARGETS.to_vec();
    }
    let mut failed = false;
    let (mut execs, mut panics) = (0, 0);
    for t in targets {
        let start = Instant::now();
        let s = fuzz::run(t, seed, budget);
        println!("{}", s.line(t, seed, start.elapsed()));
        for f in &s.failures {
            println!("  {f}");
        }
        execs += s.executions;
        panics += s.panics;
        failed |= s.panics > 0 || s.violations > 0;
    }
    println!("fuzz total: {execs} executions, {panics} panics");
    if failed {
        std::process::exit(1);
    }
}

fn usage(msg: &str) -> ! {
    if !msg.is_empty() {
        eprintln!("fuzz: {msg}");
    }
    eprintln!("usage: fuzz [--target manifest|kubectl|share|saved]... [--seconds S | --iters N] [--seed N]");
    std::process::exit(2)
}
