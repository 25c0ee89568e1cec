//! Fuzzing the manifest reader, validator and apply with proptest: random YAML-ish text and
//! mutations of valid manifests never panic, every error has a position, and a refused
//! apply leaves the cluster exactly as it was.
//!
//! Bounded for CI: 256 cases per target by default; `PROPTEST_CASES=100000 cargo test -p
//! kubesim --release --test manifest_fuzz -- --nocapture` runs more. Each target prints how
//! many cases ran.

use kubesim::{ApplyError, Cluster};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::hash::{Hash, Hasher};

const DAEMONSET: &str = include_str!("../../../content/01-daemonset/daemonset.yaml");

/// semantics §11.2 (`web.yaml`).
const WEB: &str = "\
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: nginx # has to match .spec.template.metadata.labels
  serviceName: \"nginx\"
  replicas: 3 # by default is 1
  minReadySeconds: 10 # by default is 0
  template:
    metadata:
      labels:
        app: nginx # has to match .spec.selector.matchLabels
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ \"ReadWriteOnce\" ]
      storageClassName: \"standard\"
      resources:
        requests:
          storage: 1Gi
";

const DEPLOY_LIST: &str = "\
apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: api
    labels: &l {app: api}
  spec:
    replicas: 2
    strategy:
      rollingUpdate: {maxUnavailable: 25%, maxSurge: 1}
    selector: {matchLabels: *l}
    template:
      metadata: {labels: *l}
      spec:
        containers:
        - name: api
          image: nginx:1.25
          resources:
            requests: {cpu: 100m, memory: 64Mi}
- apiVersion: v1
  kind: PersistentVolumeClaim
  metadata: {name: data}
  spec:
    accessModes: [ReadWriteOnce]
    resources: {requests: {storage: 500Mi}}
- apiVersion: v1
  kind: PersistentVolume
  metadata: {name: pv1}
  spec:
    capacity: {storage: 1e9}
    accessModes: [ReadWriteOnce]
    hostPath: {path: /tmp/pv1}
";

const EXAMPLES: &[&str] = &[DAEMONSET, WEB, DEPLOY_LIST];

/// Pieces of YAML and Kubernetes to build and mutate text with.
const TOKENS: &[&str] = &[
    "apiVersion: ", "apps/v1", "v1", "kind: ", "Deployment", "StatefulSet", "DaemonSet", "Service", "Pod", "List",
    "PersistentVolumeClaim", "Namespace", "metadata:", "name: ", "spec:", "replicas: ", "selector:", "matchLabels:",
    "template:", "containers:", "image: ", "items:", "storage: ", "5Gi", "5 Gi", "-1", "tres", "99999999999999999999",
    "\n", "\n  ", "\n    ", "  ", "- ", "---\n", "...\n", "# c", ": ", ":", "&a ", "*a", "<<: *a", "{", "}", "[", "]", ",",
    "\"", "'", "|\n", ">-\n", "!!str ", "!!map ", "? ", "%YAML 1.2\n", "\t", "\0", "ñ", "web", "nginx", "app", "null", "~",
    "true", "0x1F", "1e3", ".inf", "clusterIP: None", "serviceName: ", "volumeClaimTemplates:", "accessModes: [ReadWriteOnce]",
];

fn fingerprint(c: &Cluster) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{c:?}").hash(&mut h);
    h.finish()
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

/// A cluster that already holds objects, so updates (three-way merge, immutable fields) are
/// exercised too.
fn base_cluster() -> Cluster {
    let mut c = Cluster::new(11);
    c.apply_text(WEB).expect("web.yaml applies");
    c.apply_text(DAEMONSET).expect("the lesson's DaemonSet applies");
    c
}

/// The property: no panic (proptest reports one as a failure), every refusal has a
/// position and leaves the cluster untouched.
fn check(base: &Cluster, text: &str) -> Result<(), TestCaseError> {
    let _ = kubesim::manifest::parse(text);
    let mut c = base.clone();
    let before = fingerprint(&c);
    match c.apply_text_with_warnings(text) {
        Ok(applied) => {
            for w in &applied.warnings {
                prop_assert!(w.line >= 1 && w.column >= 1, "warning without a position: {w:?}");
            }
        }
        Err(e) => {
            prop_assert!(before == fingerprint(&c), "a refused apply changed the cluster: {e:?}");
            if let ApplyError::Manifest(m) = e {
                prop_assert!(m.line >= 1 && m.column >= 1, "error without a position: {m:?}");
                prop_assert!(!m.api_message.is_empty(), "error without a real message: {m:?}");
            }
        }
    }
    Ok(())
}

fn run(name: &str, strategy: impl Strategy<Value = String>) {
    let base = base_cluster();
    let ran = std::cell::Cell::new(0u32);
    let mut runner = TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() });
    let result = runner.run(&strategy, |text| {
        ran.set(ran.get() + 1);
        check(&base, &text)
    });
    eprintln!("manifest fuzz [{name}]: {} cases ran", ran.get());
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

fn token() -> impl Strategy<Value = String> {
    prop::sample::select(TOKENS).prop_map(str::to_string)
}

/// Random text from YAML's own characters.
#[test]
fn random_yamlish_text() {
    run("random text", "[a-zA-Z0-9:\\-\\[\\]{}&*!|>#'\" \n\t.,?%@`<~]{0,300}");
}

/// Random sequences of YAML and Kubernetes tokens.
#[test]
fn random_token_soup() {
    run("token soup", prop::collection::vec(token(), 0..80).prop_map(|t| t.concat()));
}

#[derive(Clone, Debug)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, token: String },
    DuplicateLine { line: usize },
    SwapLines { a: usize, b: usize },
    Indent { line: usize, by: i8 },
    ReplaceValue { line: usize, token: String },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..12).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), token()).prop_map(|(at, token)| Mutation::Insert { at, token }),
        any::<usize>().prop_map(|line| Mutation::DuplicateLine { line }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines { a, b }),
        (any::<usize>(), -4i8..5).prop_map(|(line, by)| Mutation::Indent { line, by }),
        (any::<usize>(), token()).prop_map(|(line, token)| Mutation::ReplaceValue { line, token }),
    ]
}

fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let n = lines.len().max(1);
    match m {
        Mutation::Delete { at, len } => {
            let a = floor_char(text, at % (text.len() + 1));
            let b = floor_char(text, a + len);
            return format!("{}{}", &text[..a], &text[b..]);
        }
        Mutation::Insert { at, token } => {
            let a = floor_char(text, at % (text.len() + 1));
            return format!("{}{token}{}", &text[..a], &text[a..]);
        }
        Mutation::DuplicateLine { line } if !lines.is_empty() => {
            let l = lines[line % n].clone();
            lines.insert(line % n, l);
        }
        Mutation::SwapLines { a, b } if !lines.is_empty() => lines.swap(a % n, b % n),
        Mutation::Indent { line, by } if !lines.is_empty() => {
            let l = &mut lines[line % n];
            if *by >= 0 {
                *l = format!("{}{l}", " ".repeat(*by as usize));
            } else {
                let strip = l.len() - l.trim_start_matches(' ').len();
                *l = l[strip.min(by.unsigned_abs() as usize)..].to_string();
            }
        }
        Mutation::ReplaceValue { line, token } if !lines.is_empty() => {
            let l = &mut lines[line % n];
            if let Some(i) = l.find(": ") {
                *l = format!("{}: {token}", &l[..i]);
            }
        }
        _ => {}
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Valid manifests (the lesson's DaemonSet, web.yaml, a List with anchors) with 1–6 random
/// mutations each.
#[test]
fn mutated_valid_manifests() {
    let strategy = (prop::sample::select(EXAMPLES), prop::collection::vec(mutation(), 1..6))
        .prop_map(|(base, ms)| ms.iter().fold(base.to_string(), |t, m| mutate(&t, m)));
    run("mutated manifests", strategy);
}

/// The examples themselves apply, with no error, on a fresh cluster and again unchanged.
#[test]
fn the_examples_apply() {
    for e in EXAMPLES {
        let mut c = Cluster::new(5);
        c.apply_text(e).unwrap_or_else(|err| panic!("{err:?}"));
        assert!(c.apply_text(e).unwrap().iter().all(|o| o.verb == "unchanged"));
    }
}
