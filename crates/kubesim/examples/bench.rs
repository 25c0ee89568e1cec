//! Benchmark of the simulation core. Prints figures; asserts nothing.
//!
//!     cargo run --release -p kubesim --example bench
//!
//! - time to converge a DaemonSet (every pod Ready) on 10, 100, 1,000 and 5,000 nodes;
//! - the cost of one idle clock step on a converged cluster, and the ratio of that cost at
//!   5,000 nodes to 10 nodes (a step should cost what changed, not the cluster's size);
//! - time to converge a StatefulSet (headless Service, `podManagementPolicy: Parallel`,
//!   every pod Ready) of 100 and 1,000 replicas on 10 workers;
//! - next to such a StatefulSet of 1,000 and 5,000 Ready pods, the time for 20 rounds of
//!   creating a DaemonSet on the 10 workers, letting it converge and deleting it again (a
//!   controller's work should follow its own pods, not every pod in the namespace);
//! - the idle clock step of a StatefulSet of 1,000 Ready nginx pods on 10 workers before and
//!   after each pod has written a file in its container (stored files cost nothing while
//!   nothing reads them).

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

const STS_SVC: &str = "apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - port: 80
    name: web
";

fn sts(replicas: usize) -> String {
    format!(
        "apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: {replicas}
  podManagementPolicy: Parallel
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.27
"
    )
}

fn sts_ready(c: &Cluster, replicas: usize) -> bool {
    c.statefulsets().all(|s| s.status.ready_replicas as usize == replicas)
}

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
        let sim = c.now();
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

    println!();
    println!("{:>8}  {:>14}  {:>12}", "replicas", "converge (ms)", "sim time");
    for &n in &[100usize, 1_000] {
        let mut c = cluster(10);
        let start = Instant::now();
        c.apply_text(STS_SVC).expect("valid manifest");
        c.apply_text(&sts(n)).expect("valid manifest");
        let mut steps = 0;
        while !sts_ready(&c, n) && steps < 1_000_000 {
            if !c.step() {
                break;
            }
            steps += 1;
        }
        let converge = start.elapsed();
        assert!(sts_ready(&c, n), "StatefulSet of {n} did not converge");
        println!("{:>8}  {:>14.1}  {:>11.1}s", n, converge.as_secs_f64() * 1e3, c.now().millis() as f64 / 1000.0);
    }

    println!();
    println!("{:>10}  {:>22}", "other pods", "20 DaemonSet rounds (ms)");
    for &n in &[1_000usize, 5_000] {
        let mut c = cluster(10);
        c.apply_text(STS_SVC).expect("valid manifest");
        c.apply_text(&sts(n)).expect("valid manifest");
        while !sts_ready(&c, n) && c.step() {}
        let key = kubesim::Key::new("default", "agent");
        let start = Instant::now();
        for _ in 0..20 {
            c.apply_text(DS).expect("valid manifest");
            c.advance(Dur::secs(20));
            assert!(all_ready(&c), "DaemonSet did not converge next to {n} pods");
            c.delete_daemonset(&key);
            c.advance(Dur::secs(60));
        }
        println!("{:>10}  {:>22.1}", n, start.elapsed().as_secs_f64() * 1e3);
    }

    println!();
    println!("{:>10}  {:>22}  {:>22}", "pods", "idle step (µs)", "with files (µs)");
    {
        let n = 1_000usize;
        let mut c = cluster(10);
        c.apply_text(STS_SVC).expect("valid manifest");
        c.apply_text(&sts(n)).expect("valid manifest");
        while !sts_ready(&c, n) && c.step() {}
        let idle = |c: &mut Cluster| {
            let reps = 2_000u32;
            let t = Instant::now();
            for _ in 0..reps {
                c.advance(Dur::ms(100));
            }
            t.elapsed().as_secs_f64() * 1e6 / reps as f64
        };
        let before = idle(&mut c);
        let mut s = kubesim::Session::new(c);
        for i in 0..n {
            let o = s.run(&format!("kubectl exec web-{i} -- sh -c 'echo \"$(hostname) $(date +%s)\" > /usr/share/nginx/html/index.html'"), None);
            assert_eq!(o.status, 0, "{}", o.stderr);
        }
        let after = idle(&mut s.cluster);
        println!("{:>10}  {:>22.3}  {:>22.3}", n, before, after);
    }
}
