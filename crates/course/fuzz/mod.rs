//! The fuzz targets, shared by the bounded run in `cargo test` (`tests/fuzz.rs`) and the
//! long run (`examples/fuzz.rs`, `scripts/fuzz.sh`). Seeded property loops on
//! `kubesim::rand::Rng`: cargo-fuzz needs a nightly toolchain this project does not
//! require, and a seeded loop replays any failure from its seed and iteration alone.
//!
//! Each execution generates one input (random, or a mutation of a valid one), runs the
//! reader under `catch_unwind`, and checks the property of its target: no panic, and a
//! refusal changes nothing (the cluster's `state_hash` is the same before and after).

#![allow(dead_code)]

use course::saved::{self, Saved, Shared};
use kubesim::journal::{self, Setup};
use kubesim::rand::Rng;
use kubesim::{Cluster, Session};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The manifest reader and validator: `apply` on a cluster that holds objects.
    Manifest,
    /// The kubectl line parser and executor: a terminal session fed random lines.
    Kubectl,
    /// The share-link decoder, then the replay of the journal it carries.
    Share,
    /// The stored-state loader, then the replay of its journal.
    Saved,
}

pub const TARGETS: [Target; 4] = [Target::Manifest, Target::Kubectl, Target::Share, Target::Saved];

impl Target {
    pub fn name(self) -> &'static str {
        match self {
            Target::Manifest => "manifest",
            Target::Kubectl => "kubectl",
            Target::Share => "share",
            Target::Saved => "saved",
        }
    }
    pub fn parse(s: &str) -> Option<Target> {
        TARGETS.into_iter().find(|t| t.name() == s)
    }
}

/// How long a run goes on.
#[derive(Clone, Copy, Debug)]
pub enum Budget {
    Iters(u64),
    Time(Duration),
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Stats {
    pub executions: u64,
    /// Inputs the reader refused (an error, not a panic).
    pub refused: u64,
    pub panics: u64,
    /// A refusal that changed the cluster, or another broken property.
    pub violations: u64,
    /// The first few failures: the iteration, the message and the input (cut).
    pub failures: Vec<String>,
}

impl Stats {
    pub fn line(&self, t: Target, seed: u64, took: Duration) -> String {
        format!(
            "fuzz {:<8} seed {seed}: {} executions ({} refused), {} panics, {} violations, {:.1}s",
            t.name(),
            self.executions,
            self.refused,
            self.panics,
            self.violations,
            took.as_secs_f64()
        )
    }
}

// ------------------------------------------------------------------ valid inputs to mutate

pub const DAEMONSET: &str = include_str!("../../../content/01-daemonset/daemonset.yaml");
const DS_SSD: &str = include_str!("../../../content/01-daemonset/daemonset-ssd.yaml");
const DS_V2: &str = include_str!("../../../content/01-daemonset/daemonset-v2.yaml");
const WEB: &str = include_str!("../../../content/02-statefulset/web.yaml");
const WEB_PARALLEL: &str = include_str!("../../../content/02-statefulset/web-parallel.yaml");
const PV_PVC: &str = include_str!("../../../content/02-statefulset/pv-pvc.yaml");
const WEB_DEPLOY: &str = include_str!("../../../content/02-statefulset/web-deployment.yaml");
const LIST: &str = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p, labels: &l {app: p}}\n  spec:\n    containers: [{name: c, image: busybox}]\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n  spec: {selector: *l, ports: [{port: 80}]}\n";

pub const MANIFESTS: &[&str] = &[DAEMONSET, DS_SSD, DS_V2, WEB, WEB_PARALLEL, PV_PVC, WEB_DEPLOY, LIST];

/// The lesson files journals refer to by id, as the app names them.
pub fn known() -> Vec<(String, String)> {
    course::catalogue()
        .unwrap_or_default()
        .iter()
        .flat_map(|l| l.files.iter().map(move |(n, t)| (format!("{}/{n}", l.spec.id), t.clone())))
        .collect()
}

fn refs(k: &[(String, String)]) -> Vec<(&str, &str)> {
    k.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

/// A session with objects in it, and its journal.
pub fn busy_session() -> Session {
    let mut s = Session::start(Setup::kind(3));
    s.write_file("daemonset.yaml", DAEMONSET);
    let _ = s.apply_file("daemonset.yaml", DAEMONSET);
    s.write_file("web.yaml", WEB);
    let _ = s.apply_file("web.yaml", WEB);
    s.tick(kubesim::Dur::ms(20_000));
    s.run("sim node add kind-worker4 --label disk=ssd", None);
    s.run("kubectl label node kind-worker2 zone=b", None);
    s.tick(kubesim::Dur::ms(5_000));
    s
}

// ------------------------------------------------------------------ generators

const HOSTILE: &[&str] = &[
    "<img src=x onerror=alert(1)>",
    "\"><script>window.__pwned=1</script>",
    "'; DROP TABLE pods; --",
    "${jndi:ldap://x}",
    "$(rm -rf /)",
    "`id`",
    "\u{202e}gnp.exe",
    "\u{0}",
    "ñandú-ü",
    "🙂",
    "a\u{301}",
    "\u{feff}",
    "\r\n",
    "\\",
    "%00",
    "{{7*7}}",
    "../../etc/passwd",
];

const YAML_TOKENS: &[&str] = &[
    "apiVersion: ", "apps/v1", "v1", "kind: ", "Deployment", "StatefulSet", "DaemonSet", "Service", "Pod", "List",
    "PersistentVolumeClaim", "PersistentVolume", "Namespace", "metadata:", "name: ", "namespace: ", "labels:", "spec:",
    "replicas: ", "selector:", "matchLabels:", "template:", "containers:", "image: ", "items:", "storage: ", "5Gi",
    "-1", "99999999999999999999", "1e308", "NaN", "\n", "\n  ", "\n    ", "  ", "- ", "---\n", "...\n", "# c", ": ",
    ":", "&a ", "*a", "<<: *a", "{", "}", "[", "]", ",", "\"", "'", "|\n", ">-\n", "!!str ", "!!binary ", "!!map ",
    "!custom ", "? ", "%YAML 1.2\n", "%TAG ! tag:x,2000:\n", "\t", "ñ", "web", "nginx", "app", "null", "~", "true",
    "0x1F", "0o17", ".inf", "-.inf", "clusterIP: None", "serviceName: ", "volumeClaimTemplates:", "accessModes: [ReadWriteOnce]",
    "nodeSelector:", "tolerations:", "updateStrategy:", "rollingUpdate:", "maxUnavailable: ", "partition: ", "podManagementPolicy: Parallel",
    "nodeName: ", "hostPort: ", "resources:", "requests:", "cpu: ", "memory: ", "100m", "1.5", "0", "2147483648",
    "terminationGracePeriodSeconds: ", "ownerReferences:", "finalizers:", "generateName: ", "uid: ", "resourceVersion: ",
];

fn pick<'a>(rng: &mut Rng, xs: &[&'a str]) -> &'a str {
    xs[rng.below(xs.len() as u64) as usize]
}

fn chance(rng: &mut Rng, percent: u64) -> bool {
    rng.below(100) < percent
}

fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A random string: printable ASCII, YAML punctuation, hostile strings, unicode.
fn random_text(rng: &mut Rng, max: u64) -> String {
    let n = rng.below(max + 1);
    let mut s = String::new();
    while (s.len() as u64) < n {
        match rng.below(10) {
            0 => s.push_str(pick(rng, HOSTILE)),
            1 => s.push(char::from_u32(rng.below(0x3000) as u32).unwrap_or('?')),
            2 => s.push(['\n', ' ', '\t', ':', '-', '#', '"', '\''][rng.below(8) as usize]),
            _ => s.push(char::from(32 + rng.below(95) as u8)),
        }
    }
    s
}

/// Mutates text: deletes, inserts tokens, duplicates or swaps lines, indents, replaces
/// values with hostile ones, flips bytes, cuts.
pub fn mutate(rng: &mut Rng, text: &str, tokens: &[&str]) -> String {
    let mut t = text.to_string();
    for _ in 0..1 + rng.below(6) {
        let at = floor_char(&t, rng.below(t.len() as u64 + 1) as usize);
        match rng.below(9) {
            0 => {
                let end = floor_char(&t, at + 1 + rng.below(16) as usize);
                t.replace_range(at..end, "");
            }
            1 => t.insert_str(at, pick(rng, tokens)),
            2 => t.insert_str(at, pick(rng, HOSTILE)),
            3 | 4 => {
                let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
                if lines.is_empty() {
                    continue;
                }
                let i = rng.below(lines.len() as u64) as usize;
                let j = rng.below(lines.len() as u64) as usize;
                match rng.below(4) {
                    0 => {
                        let l = lines[i].clone();
                        lines.insert(j, l);
                    }
                    1 => lines.swap(i, j),
                    2 => lines[i] = format!("{}{}", " ".repeat(rng.below(5) as usize), lines[i].trim_start()),
                    _ => {
                        if let Some(k) = lines[i].find(": ") {
                            let v = if chance(rng, 50) { pick(rng, HOSTILE).to_string() } else { pick(rng, tokens).to_string() };
                            lines[i] = format!("{}: {v}", &lines[i][..k]);
                        }
                    }
                }
                t = lines.join("\n");
                t.push('\n');
            }
            5 => {
                let mut b = t.into_bytes();
                if !b.is_empty() {
                    let i = rng.below(b.len() as u64) as usize;
                    b[i] = rng.below(256) as u8;
                }
                t = String::from_utf8_lossy(&b).into_owned();
            }
            6 => t.truncate(at),
            7 => {
                // Repeat a chunk (many documents, long lists).
                let end = floor_char(&t, at + rng.below(200) as usize);
                let chunk = t[at..end].to_string();
                for _ in 0..rng.below(20) {
                    t.insert_str(end, &chunk);
                }
            }
            _ => t.insert_str(at, &random_text(rng, 12)),
        }
    }
    t
}

/// YAML that is deep, wide, anchored or otherwise shaped to hurt a parser.
fn shaped_yaml(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => {
            let d = 1 + rng.below(3000) as usize;
            format!("kind: Pod\nmetadata: {}{}", "[".repeat(d), "]".repeat(if chance(rng, 50) { d } else { d / 2 }))
        }
        1 => {
            let d = 1 + rng.below(400) as usize;
            let mut s = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n");
            for i in 0..d {
                s.push_str(&" ".repeat(2 * (i + 1)));
                s.push_str("k:\n");
            }
            s
        }
        2 => {
            // Billion laughs, at a random depth and width.
            let depth = 1 + rng.below(12);
            let width = 1 + rng.below(12);
            let mut s = String::from("a0: &a0 [\"lol\"]\n");
            for i in 1..=depth {
                let refs: Vec<String> = (0..width).map(|_| format!("*a{}", i - 1)).collect();
                s.push_str(&format!("a{i}: &a{i} [{}]\n", refs.join(",")));
            }
            s.push_str(&format!("kind: Pod\nmetadata:\n  name: bomb\n  labels: *a{depth}\n"));
            s
        }
        3 => {
            let n = rng.below(2000) as usize;
            "---\n".repeat(n) + DAEMONSET
        }
        4 => format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {}\nspec:\n  containers:\n  - name: {}\n    image: {}\n", random_text(rng, 300), pick(rng, HOSTILE), random_text(rng, 40)),
        _ => {
            let n = 1 + rng.below(80) as usize;
            (0..n).map(|_| pick(rng, YAML_TOKENS)).collect()
        }
    }
}

fn manifest_input(rng: &mut Rng) -> String {
    match rng.below(10) {
        0 => random_text(rng, 400),
        1 | 2 => shaped_yaml(rng),
        _ => {
            let base = pick(rng, MANIFESTS);
            mutate(rng, base, YAML_TOKENS)
        }
    }
}

const VERBS: &[&str] = &[
    "get", "describe", "apply", "create", "delete", "scale", "cordon", "uncordon", "drain", "taint", "label", "patch",
    "set", "annotate", "rollout", "logs", "exec", "run", "explain", "api-resources", "version", "cluster-info", "config",
    "edit", "top", "wait", "",
];
const RESOURCES: &[&str] = &[
    "pods", "po", "pod/web-0", "nodes", "no", "ds", "daemonset", "daemonsets.apps", "sts", "statefulset/web", "deploy",
    "rs", "svc", "pvc", "pv", "ns", "events", "ev", "all", "sc", "cm", "endpoints", "controllerrevisions", "nodes,pods",
    "ds/nginx-ds", "node/kind-worker", "status", "history", "undo", "restart", "image", "pause", "resume",
];
const FLAGS: &[&str] = &[
    "-o", "wide", "yaml", "json", "name", "jsonpath={.items[*].metadata.name}", "jsonpath='{.spec", "-o=jsonpath={..x}",
    "custom-columns=N:.metadata.name", "-w", "--watch-only", "-A", "--all-namespaces", "-n", "kube-system", "-l", "app=nginx",
    "-l", "app in (a,b)", "-l", "!app", "-l", "=,=", "--selector=app!=x", "--show-labels", "-L", "app", "--sort-by=.metadata.name",
    "--sort-by={.status", "--replicas=3", "--replicas=-1", "--replicas=99999999999", "--replicas=x", "--cascade=orphan",
    "--grace-period=0", "--force", "--now", "--all", "--ignore-daemonsets", "--delete-emptydir-data", "--overwrite",
    "-p", "{\"spec\":{\"replicas\":2}}", "-p", "{", "--type=merge", "--type=json", "-p", "[{\"op\":\"remove\",\"path\":\"/spec\"}]",
    "-f", "-", "-f", "web.yaml", "-f", ".", "-f", "nope.yaml", "--to-revision=1", "--to-revision=999", "--timeout=1s",
    "--tail=-5", "--previous", "-c", "nginx", "--image=busybox", "--restart=Never", "--rm", "-it", "--", "sh", "-c",
    "--no-headers", "--dry-run=client", "--recursive", "--client", "--output", "--namespace=", "--=", "-", "---x", "-ox",
    "zone=a", "zone-", "dedicated=db:NoSchedule", "dedicated=db:NoSchedule-", "k=v:Bad", "nginx=nginx:1.28", "*=x",
    "web-0", "nginx-ds", "web", "kind-worker", "kind-worker2", "kind-control-plane",
];

/// Commands that work on the busy session, to mutate.
const VALID: &[&str] = &[
    "kubectl get pods -o wide", "kubectl get ds nginx-ds -o yaml", "kubectl get sts web -o json", "kubectl describe pod web-0",
    "kubectl scale sts web --replicas=5", "kubectl delete pod web-1", "kubectl cordon kind-worker2", "kubectl uncordon kind-worker2",
    "kubectl drain kind-worker3 --ignore-daemonsets --delete-emptydir-data", "kubectl taint nodes kind-worker dedicated=db:NoSchedule",
    "kubectl label pod web-0 tier=db --overwrite", "kubectl annotate ds nginx-ds note=x", "kubectl set image ds/nginx-ds nginx=nginx:1.28",
    "kubectl rollout status ds/nginx-ds", "kubectl rollout undo ds/nginx-ds", "kubectl rollout history sts/web --revision=1",
    "kubectl patch sts web -p '{\"spec\":{\"replicas\":2}}'", "kubectl patch ds nginx-ds --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"nginx:1\"}]'",
    "kubectl get pods -l 'app in (nginx,nginx-app)' --sort-by=.metadata.name", "kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{\"\\n\"}{end}'",
    "kubectl get pvc -w", "kubectl delete sts web --cascade=orphan", "kubectl logs web-0", "kubectl exec web-0 -- hostname",
    "kubectl run tmp --image=busybox --restart=Never", "kubectl get events --sort-by=.lastTimestamp", "kubectl explain sts.spec.updateStrategy",
    "sim node fail kind-worker", "sim node recover kind-worker", "sim pod crash web-0", "sim pod fix web-0", "sleep 30s", "^C",
];

fn kubectl_line(rng: &mut Rng) -> String {
    let mut words: Vec<String> = Vec::new();
    match rng.below(14) {
        0 => return random_text(rng, 120),
        12 => return pick(rng, VALID).to_string(),
        13 => {
            let base = pick(rng, VALID);
            return mutate(rng, base, FLAGS);
        }
        1 => {
            let sim = ["sim node add", "sim node remove", "sim node fail", "sim node recover", "sim node notready", "sim pod crash", "sim pod fix", "sim pod unready", "sim pod ready", "sim step", "sim hash", "sim", "sleep", "^C", "cat", "cat >", "ls"];
            words.push(pick(rng, &sim).to_string());
            for _ in 0..rng.below(4) {
                words.push(match rng.below(4) {
                    0 => pick(rng, HOSTILE).to_string(),
                    1 => pick(rng, &["--label", "--taint", "--control-plane", "-n", "web-0", "kind-worker3", "10s", "1h", "-1s", "9999999999h", "1.5m", "k=v:NoExecute"]).to_string(),
                    _ => pick(rng, FLAGS).to_string(),
                });
            }
        }
        _ => {
            words.push(if chance(rng, 90) { "kubectl".into() } else { "k".into() });
            words.push(pick(rng, VERBS).to_string());
            if chance(rng, 80) {
                words.push(pick(rng, RESOURCES).to_string());
            }
            for _ in 0..rng.below(6) {
                words.push(match rng.below(10) {
                    0 => pick(rng, HOSTILE).to_string(),
                    1 => "x".repeat(rng.below(20_000) as usize),
                    2 => random_text(rng, 10),
                    _ => pick(rng, FLAGS).to_string(),
                });
            }
        }
    }
    // Quote some words, break some quotes.
    let mut line = String::new();
    for w in words {
        if !line.is_empty() {
            line.push(' ');
        }
        match rng.below(12) {
            0 => line.push_str(&format!("'{w}'")),
            1 => line.push_str(&format!("\"{w}\"")),
            2 => line.push_str(&format!("\"{w}")),
            3 => line.push_str(&format!("{w}\\")),
            _ => line.push_str(&w),
        }
    }
    if chance(rng, 8) {
        line.push_str(" <<EOF");
    }
    if chance(rng, 5) {
        return "kubectl apply -f - <<EOF".into();
    }
    line
}

fn heredoc(rng: &mut Rng, line: &str) -> Option<String> {
    (line.contains("<<") || chance(rng, 30)).then(|| manifest_input(rng))
}

fn share_input(rng: &mut Rng, good: &str) -> String {
    match rng.below(8) {
        0 => random_text(rng, 300),
        1 => {
            // A well-formed head with hostile fields around a real journal.
            let (_, j) = good.strip_prefix("ks1.").and_then(|r| r.split_once('.')).unwrap_or(("", ""));
            let f = |s: &str| format!("{}:{s}", s.len());
            let mut head = String::new();
            for _ in 0..3 {
                head.push_str(&f(if chance(rng, 50) { pick(rng, HOSTILE) } else { pick(rng, &["es", "en", "daemonset", "apply", "xx", ""]) }));
            }
            let n = rng.below(3);
            head.push_str(&format!("{n}:"));
            for _ in 0..n {
                head.push_str(&f(if chance(rng, 50) { pick(rng, HOSTILE) } else { "a.yaml" }));
                head.push_str(&f(&manifest_input(rng)));
            }
            format!("ks1.{}.{j}", journal::base64url(head.as_bytes()))
        }
        2 => {
            // The journal's bytes mutated under a valid encoding.
            let (head, j) = good.strip_prefix("ks1.").and_then(|r| r.split_once('.')).unwrap_or(("", ""));
            let body = j.strip_prefix("kj1.").and_then(journal::unbase64url).unwrap_or_default();
            let mut b = body;
            for _ in 0..1 + rng.below(4) {
                if b.is_empty() {
                    break;
                }
                let i = rng.below(b.len() as u64) as usize;
                match rng.below(3) {
                    0 => b[i] = rng.below(256) as u8,
                    1 => b.truncate(i),
                    _ => b.insert(i, rng.below(256) as u8),
                }
            }
            format!("ks1.{head}.kj1.{}", journal::base64url(&b))
        }
        _ => mutate(rng, good, &["A", "-", "_", ".", ":", "0", "9", "ks1.", "kj1.", "=", "%", "#"]),
    }
}

fn saved_input(rng: &mut Rng, good: &str) -> String {
    match rng.below(6) {
        0 => random_text(rng, 300),
        1 => shaped_yaml(rng),
        _ => mutate(rng, good, &["version: 1\n", "lang: es\n", "files:\n- - a.yaml\n  - x\n", "history: []\n", "current_file: 99\n", "journal: kj1.AA\n", "- ", ": ", "&a ", "*a", "[", "{", "\n", "-1"]),
    }
}

// ------------------------------------------------------------------ the loop

/// Silences the default panic message while fuzzing and keeps the last one.
fn quiet_panics() -> Arc<Mutex<String>> {
    let last = Arc::new(Mutex::new(String::new()));
    let keep = last.clone();
    std::panic::set_hook(Box::new(move |info| {
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let msg = info.payload().downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| info.payload().downcast_ref::<String>().cloned()).unwrap_or_default();
        if let Ok(mut l) = keep.lock() {
            *l = format!("{msg}{at}");
        }
    }));
    last
}

enum Outcome {
    Accepted,
    Refused,
    Violation(String),
}

/// Runs `target` from `seed` until the budget is spent.
pub fn run(target: Target, seed: u64, budget: Budget) -> Stats {
    let last_panic = quiet_panics();
    let mut rng = Rng::new(seed ^ (target as u64).wrapping_mul(0x9E37));
    let known_files = known();
    let known = refs(&known_files);
    let base = busy_session();
    let base_hash = base.cluster.state_hash();
    let good_journal = base.journal().cloned().expect("a started session keeps a journal");
    let shared = Shared { lang: "es".into(), lesson: "daemonset".into(), step: "apply".into(), files: vec![("mine.yaml".into(), "kind: Pod\n".into())], journal: good_journal.clone() };
    let good_link = saved::share_encode(&shared, &known);
    let good_saved = saved::store(&Saved {
        version: saved::SAVE_VERSION,
        lang: "en".into(),
        prefs: "theme: dark\n".into(),
        lesson: "daemonset".into(),
        step: "apply".into(),
        progress: Default::default(),
        files: vec![("daemonset.yaml".into(), DAEMONSET.into())],
        current_file: 0,
        history: vec!["kubectl get pods".into()],
        journal: journal::encode(&good_journal, &known),
    });
    let mut session = base.clone();
    let mut cluster: Cluster = base.cluster.clone();
    let mut stats = Stats::default();
    let start = Instant::now();
    let mut i: u64 = 0;
    loop {
        match budget {
            Budget::Iters(n) if i >= n => break,
            Budget::Time(d) if start.elapsed() >= d => break,
            _ => {}
        }
        i += 1;
        // Every so often, start again from the busy cluster.
        if i % 64 == 0 {
            session = base.clone();
            cluster = base.cluster.clone();
        }
        let (input, result) = match target {
            Target::Manifest => {
                let text = manifest_input(&mut rng);
                let r = catch_unwind(AssertUnwindSafe(|| {
                    let _ = kubesim::manifest::parse(&text);
                    let before = cluster.state_hash();
                    match cluster.apply_text_with_warnings(&text) {
                        Ok(_) => Outcome::Accepted,
                        Err(e) if cluster.state_hash() != before => Outcome::Violation(format!("refused but changed the cluster: {e:?}")),
                        Err(_) => Outcome::Refused,
                    }
                }));
                (text, r)
            }
            Target::Kubectl => {
                let line = kubectl_line(&mut rng);
                let stdin = heredoc(&mut rng, &line);
                let r = catch_unwind(AssertUnwindSafe(|| {
                    let before = session.cluster.state_hash();
                    let o = session.run(&line, stdin.as_deref());
                    let _ = session.take_watch_output();
                    let after = session.cluster.state_hash();
                    // The clock moves on now and then, so timed work meets the fuzzed state.
                    if chance(&mut rng, 10) {
                        let _ = session.tick(kubesim::Dur::ms(rng.below(60_000)));
                    }
                    if o.status == 0 {
                        Outcome::Accepted
                    } else if o.stdout.is_empty() && o.stderr.is_empty() {
                        Outcome::Violation("failed without a message".into())
                    } else if is_read_only(&line) && after != before {
                        Outcome::Violation("a refused read-only command changed the cluster".into())
                    } else {
                        Outcome::Refused
                    }
                }));
                (format!("{line}\n<<{}", stdin.unwrap_or_default()), r)
            }
            Target::Share => {
                let text = share_input(&mut rng, &good_link);
                let r = catch_unwind(AssertUnwindSafe(|| match saved::share_decode(&text, &known) {
                    Ok(sh) => match journal::replay(&sh.journal) {
                        Ok(_) => Outcome::Accepted,
                        Err(_) => Outcome::Refused,
                    },
                    Err(_) => Outcome::Refused,
                }));
                (text, r)
            }
            Target::Saved => {
                let text = saved_input(&mut rng, &good_saved);
                let r = catch_unwind(AssertUnwindSafe(|| match saved::load(&text, &known) {
                    Ok((s, j)) => {
                        if !s.files.iter().all(|(n, _)| saved::valid_file_name(n)) {
                            return Outcome::Violation("a bad file name was read".into());
                        }
                        match journal::replay(&j) {
                            Ok(_) => Outcome::Accepted,
                            Err(_) => Outcome::Refused,
                        }
                    }
                    Err(_) => Outcome::Refused,
                }));
                (text, r)
            }
        };
        stats.executions += 1;
        let failure = match result {
            Ok(Outcome::Accepted) => None,
            Ok(Outcome::Refused) => {
                stats.refused += 1;
                None
            }
            Ok(Outcome::Violation(m)) => {
                stats.violations += 1;
                Some(m)
            }
            Err(_) => {
                stats.panics += 1;
                // State touched by a panic is not trusted further.
                session = base.clone();
                cluster = base.cluster.clone();
                Some(format!("panic: {}", last_panic.lock().map(|l| l.clone()).unwrap_or_default()))
            }
        };
        if let Some(m) = failure {
            if stats.failures.len() < 5 {
                let cut: String = input.chars().take(300).collect();
                stats.failures.push(format!("iteration {i}: {m}\n  input: {cut:?}"));
            }
        }
    }
    let _ = std::panic::take_hook();
    let _ = base_hash;
    stats
}

/// Commands that only read: refused or not, they never change the cluster.
fn is_read_only(line: &str) -> bool {
    let w: Vec<&str> = line.split_whitespace().collect();
    matches!(w.as_slice(), ["kubectl" | "k", "get" | "describe" | "explain" | "api-resources" | "version" | "cluster-info" | "logs", ..])
        && !line.contains("-w")
        && !line.contains("watch")
}
