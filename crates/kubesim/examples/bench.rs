//! Benchmark of the simulation core. Prints figures; asserts nothing.
//!
//!     cargo run --release -p kubesim --example bench
//!
//! - time to converge a DaemonSet (every pod Ready) on 10, 100, 1,000 and 5,000 nodes;
//! - the cost of one idle clock step on a converged cluster, and the ratio of that cost at
//!   5,000 nodes to 10 nodes (a step should cost what changed, not the cluster's size).

use kubesim::cluster::NodeSpecInput;
use kubesim::{Cluster, Dur};
use std::time::Instant;

const DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: registry.k8s.io/pause:3.10
";

fn cluster(workers: usize) -> Cluster {
    let mut nodes = vec![NodeSpecInput::control_plane("control-plane")];
    nodes.extend((0..workers).map(|i| NodeSpecInput::worker(&format!("worker-{i:05}"))));
    Cluster::with_nodes(1, &nodes)
}

fn all_ready(c: &Cluster) -> bool {
    c.daemonsets().all(|d| d.status.desired_number_scheduled > 0 && d.status.number_ready == d.status.desired_number_scheduled)
}

fn main() {
    println!("{:>8}  {:>14}  {:>12}  {:>16}", "nodes", "converge (ms)", "sim time", "idle step (µs)");
    let mut idle = Vec::new();
    for &n in &[10usize, 100, 1_000, 5_000] {
        let mut c = cluster(n);
        let start = Instant::now();
        c.apply_text(DS).expect("valid manifest");
        let mut steps = 0;
        while !all_ready(&c) && steps < 100_000 {
            if !c.step() {
                break;
            }
            steps += 1;
        }
        let converge = start.elapsed();
        assert!(all_ready(&c), "did not converge on {n} nodes");
        let sim = c.now;
        // Idle steps: nothing due, nothing queued.
        let reps = 2_000u32;
        let t = Instant::now();
        for _ in 0..reps {
            c.advance(Dur::ms(100));
        }
        let per_step = t.elapsed().as_secs_f64() * 1e6 / reps as f64;
        idle.push(per_step);
        println!(
            "{:>8}  {:>14.1}  {:>11.1}s  {:>16.3}",
            n,
            converge.as_secs_f64() * 1e3,
            sim.millis() as f64 / 1000.0,
            per_step
        );
    }
    println!("idle step ratio 5,000 / 10 nodes: {:.2}", idle[3] / idle[0]);
}
