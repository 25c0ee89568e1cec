//! The container shell and filesystem under random input, as the other readers are fuzzed:
//! random command lines (made from a fixed seed, so a failure repeats) run in a pod with an
//! emptyDir, a hostPath and a claim mounted. Nothing panics, no file and no output passes the
//! limits, stored files stay bounded, and what another pod on another node holds (its own
//! files, its own volumes) does not change.

use kubesim::rand::Rng;
use kubesim::{Cluster, Session};

const POD: &str = "apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: fuzz
spec:
  nodeSelector: {kubernetes.io/hostname: kind-worker}
  containers:
  - name: sh
    image: busybox:1.36
    command: [sleep, \"3600\"]
    volumeMounts:
    - {name: scratch, mountPath: /scratch}
    - {name: host, mountPath: /host}
    - {name: data, mountPath: /data}
    - {name: scratch, mountPath: /ro, readOnly: true}
  volumes:
  - {name: scratch, emptyDir: {}}
  - {name: host, hostPath: {path: /var/log}}
  - {name: data, persistentVolumeClaim: {claimName: data}}
---
apiVersion: v1
kind: Pod
metadata:
  name: other
spec:
  nodeSelector: {kubernetes.io/hostname: kind-worker2}
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - {name: scratch, mountPath: /scratch}
    - {name: host, mountPath: /host}
  volumes:
  - {name: scratch, emptyDir: {}}
  - {name: host, hostPath: {path: /var/log}}
";

/// One of `xs`, drawn from kubesim's seeded generator.
fn pick<'a>(g: &mut Rng, xs: &[&'a str]) -> &'a str {
    xs[g.below(xs.len() as u64) as usize]
}

const PATHS: &[&str] = &["/scratch/a", "/scratch/d/e", "/host/x.log", "/data/f", "/ro/z", "/tmp/t", "/", "/etc/hostname", "/data", "..", "/proc", "/scratch/../etc/passwd", "/host/pods", "/nope/deep/p"];
const WORDS: &[&str] = &["echo", "cat", "ls", "-l", "-a", "mkdir", "-p", "rm", "-r", "-rf", "touch", "grep", "wc", "head", "tail", "-n", "1", "x", "\"$(cat /scratch/a)$(cat /scratch/a)\"", "$HOSTNAME", "'q'", "\\", "$(", ")", "|", "||", "&&", ";", ">", ">>", "<", "2>&1", "`", "\"", "'", "*", "wget", "-qO-", "web-0.nginx", "nslookup", "sleep", "0.1", "exit", "cd", "printf", "%s%s%s", "test", "-d", "[", "]", "hostname", "-f", "env", "date", "+%s"];

fn script(g: &mut Rng) -> String {
    let n = 1 + g.below(12);
    let mut s = String::new();
    for _ in 0..n {
        if g.below(3) == 0 {
            s.push_str(pick(g, PATHS));
        } else {
            s.push_str(pick(g, WORDS));
        }
        s.push(' ');
    }
    s
}

fn other_view(s: &mut Session) -> String {
    let o = s.run("kubectl exec other -- sh -c 'ls -la / /scratch /usr/share/nginx/html; cat /usr/share/nginx/html/index.html /scratch/* 2>&1'", None);
    o.stdout + &o.stderr
}

#[test]
fn random_command_lines_stay_inside_their_container_and_their_limits() {
    let mut s = Session::new(Cluster::new(7));
    s.files.insert("pod.yaml".into(), POD.into());
    assert_eq!(s.run("kubectl apply -f pod.yaml", None).status, 0);
    s.run("sleep 30s", None);
    // A file that doubles each time it is written to itself grows until the limit stops it.
    assert_eq!(s.run("kubectl exec fuzz -- sh -c 'echo 0123456789abcdef > /scratch/a'", None).status, 0);
    let mut said = String::new();
    for _ in 0..20 {
        let o = s.run("kubectl exec fuzz -- sh -c 'cat /scratch/a /scratch/a > /scratch/b && cat /scratch/b > /scratch/a'", None);
        said.push_str(&o.stderr);
    }
    assert!(said.contains("File too large") || said.contains("at most 1048576 bytes"), "a file past the size limit is refused with a message: {said}");
    let before = other_view(&mut s);
    let mut g = Rng::new(0x9e37_79b9_7f4a_7c15);
    let mut ran = 0;
    for i in 0..400 {
        let line = script(&mut g);
        let cmd = format!("kubectl exec fuzz -- sh -c {}", shell_quote(&line));
        let o = s.run(&cmd, None);
        // The line reached the container's shell (not refused by the terminal's own reader).
        ran += usize::from(!o.stderr.starts_with("bash:") && !o.stderr.contains("unable to upgrade"));
        assert!(o.stdout.len() + o.stderr.len() <= (1 << 20) + 4096, "line {i}: {line:?} printed {} bytes", o.stdout.len() + o.stderr.len());
        let (total, largest) = s.cluster.stored_file_bytes();
        assert!(largest <= 1 << 20, "line {i}: {line:?} left a file of {largest} bytes");
        assert!(total <= 16 << 20, "line {i}: stored files grew to {total} bytes");
    }
    assert!(ran > 300, "only {ran} of 400 lines ran in the container");
    // The other pod, on another node, sees what it saw: its files, its emptyDir, and its
    // node's disk (the fuzzed pod's hostPath is kind-worker's, not kind-worker2's).
    assert_eq!(other_view(&mut s), before);
    assert!(s.cluster.pod_indexes_consistent());
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}
