//! Bad manifests and the exact (line, column, kind) each must get. The student-facing
//! wording of these errors, in Spanish and English, is checked in the app's `src/i18n.rs`.

use kubesim::manifest::{self, InvalidDetail, ManifestError, ManifestErrorKind as K, SyntaxProblem, Unsupported, ValueType as T};
use kubesim::{ApplyError, Cluster};

const DEPLOY: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
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
        image: nginx:1.25
";

const STS: &str = "\
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
";

const PVC: &str = "\
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 5Gi
";

const DS: &str = "\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
spec:
  selector:
    matchLabels:
      name: fluentd
  template:
    metadata:
      labels:
        name: fluentd
    spec:
      containers:
      - name: fluentd
        image: fluentd:v1.16
";

/// The whole cluster state, as a short hash (its `Debug` text).
fn fingerprint(c: &Cluster) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{c:?}").hash(&mut h);
    h.finish()
}

fn cluster() -> Cluster {
    Cluster::new(7)
}

/// The error a fresh cluster gives for `text` (reading and validating).
fn apply_err(text: &str) -> ManifestError {
    let mut c = cluster();
    let before = fingerprint(&c);
    match c.apply_text(text) {
        Ok(o) => panic!("expected an error, got {o:?}\n{text}"),
        Err(ApplyError::Manifest(e)) => {
            assert!(before == fingerprint(&c), "a failed apply changed the cluster");
            e
        }
        Err(other) => panic!("expected a manifest error, got {other:?}"),
    }
}

fn edit(base: &str, from: &str, to: &str) -> String {
    assert!(base.contains(from), "{from:?} not in the base manifest");
    base.replacen(from, to, 1)
}

fn wrong(path: &str, expected: T, found: T, value: &str) -> K {
    K::WrongType { path: path.into(), expected, found, value: value.into() }
}

fn inv(path: &str, detail: InvalidDetail) -> K {
    K::Invalid { path: path.into(), detail }
}

#[test]
fn table_of_bad_manifests() {
    let cases: Vec<(&str, String, usize, usize, K)> = vec![
        (
            "misspelled field",
            edit(DEPLOY, "      containers:", "      contaners:"),
            15,
            7,
            K::UnknownField { field: "contaners".into(), path: "spec.template.spec".into(), suggestion: Some("containers".into()) },
        ),
        (
            "misspelled top-level field",
            edit(DEPLOY, "metadata:\n  name: web", "metdata:\n  name: web"),
            3,
            1,
            K::UnknownField { field: "metdata".into(), path: "".into(), suggestion: Some("metadata".into()) },
        ),
        ("replicas: tres", edit(DEPLOY, "replicas: 2", "replicas: tres"), 6, 13, wrong("spec.replicas", T::Integer, T::String, "tres")),
        ("replicas: 2.5", edit(DEPLOY, "replicas: 2", "replicas: 2.5"), 6, 13, wrong("spec.replicas", T::Integer, T::Number, "2.5")),
        ("replicas: [2]", edit(DEPLOY, "replicas: 2", "replicas: [2]"), 6, 13, wrong("spec.replicas", T::Integer, T::List, "")),
        (
            "replicas beyond int32",
            edit(DEPLOY, "replicas: 2", "replicas: 9999999999"),
            6,
            13,
            K::OutOfRange { path: "spec.replicas".into(), value: "9999999999".into() },
        ),
        (
            "a number beyond any integer",
            edit(DEPLOY, "replicas: 2", "replicas: 99999999999999999999999"),
            6,
            13,
            K::OutOfRange { path: "spec.replicas".into(), value: "99999999999999999999999".into() },
        ),
        (
            "labels as a list",
            edit(DEPLOY, "      labels:\n        app: web", "      labels: [app]"),
            12,
            15,
            wrong("spec.template.metadata.labels", T::Map, T::List, ""),
        ),
        (
            "containerPort: http",
            edit(DEPLOY, "        image: nginx:1.25", "        image: nginx:1.25\n        ports:\n        - containerPort: http"),
            19,
            26,
            wrong("spec.template.spec.containers[0].ports[0].containerPort", T::Integer, T::String, "http"),
        ),
        (
            "duplicate key",
            edit(DEPLOY, "  replicas: 2", "  replicas: 2\n  replicas: 3"),
            7,
            3,
            K::DuplicateKey { path: "spec".into(), key: "replicas".into() },
        ),
        (
            "duplicate key in a container",
            edit(DEPLOY, "        image: nginx:1.25", "        image: nginx:1.25\n        image: nginx:1.26"),
            18,
            9,
            K::DuplicateKey { path: "spec.template.spec.containers[0]".into(), key: "image".into() },
        ),
        ("missing selector", edit(DEPLOY, "  selector:\n    matchLabels:\n      app: web\n", ""), 5, 1, K::Required { path: "spec.selector".into() }),
        (
            "missing template",
            DEPLOY.split("  template:").next().unwrap().to_string(),
            5,
            1,
            K::Required { path: "spec.template".into() },
        ),
        (
            "no containers",
            edit(DEPLOY, "      containers:\n      - name: nginx\n        image: nginx:1.25\n", "      containers: []\n"),
            15,
            7,
            inv("spec.template.spec.containers", InvalidDetail::NoContainers),
        ),
        (
            "no image",
            edit(DEPLOY, "        image: nginx:1.25\n", ""),
            16,
            9,
            inv("spec.template.spec.containers[0].image", InvalidDetail::NoImage { container: "nginx".into() }),
        ),
        (
            "second container without image",
            format!("{DEPLOY}      - name: sidecar\n        imagePullPolicy: Always\n"),
            18,
            9,
            inv("spec.template.spec.containers[1].image", InvalidDetail::NoImage { container: "sidecar".into() }),
        ),
        (
            "selector does not match the template labels",
            edit(DEPLOY, "        app: web", "        app: api"),
            12,
            7,
            inv("spec.template.metadata.labels", InvalidDetail::SelectorMismatch { labels: r#"{"app":"api"}"#.into() }),
        ),
        ("negative replicas", edit(DEPLOY, "replicas: 2", "replicas: -1"), 6, 3, inv("spec.replicas", InvalidDetail::Negative { value: -1 })),
        (
            "name not a DNS-1123 subdomain",
            edit(DEPLOY, "name: web", "name: Web_1"),
            4,
            3,
            inv("metadata.name", InvalidDetail::NotDnsSubdomain { value: "Web_1".into() }),
        ),
        (
            "label key with a space",
            edit(DEPLOY, "  name: web\n", "  name: web\n  labels:\n    \"my app\": web\n"),
            6,
            5,
            inv("metadata.labels", InvalidDetail::LabelKey { key: "my app".into() }),
        ),
        (
            "label value too long",
            edit(DEPLOY, "  name: web\n", &format!("  name: web\n  labels:\n    app: web\n    note: {}\n", "x".repeat(64))),
            7,
            5,
            inv("metadata.labels", InvalidDetail::LabelValue { key: "note".into(), value: "x".repeat(64) }),
        ),
        (
            "template label value with a space",
            edit(DEPLOY, "        app: web", "        app: web\n        tier: front end"),
            14,
            9,
            inv("spec.template.metadata.labels", InvalidDetail::LabelValue { key: "tier".into(), value: "front end".into() }),
        ),
        (
            "selector key with an upper-case prefix (the labels line: the key has dots)",
            edit(DEPLOY, "      app: web", "      Example.com/app: web"),
            8,
            5,
            inv("spec.selector.matchLabels", InvalidDetail::LabelKey { key: "Example.com/app".into() }),
        ),
        (
            "StatefulSet name not a DNS label",
            edit(STS, "  name: web", "  name: my.web"),
            15,
            3,
            inv("metadata.name", InvalidDetail::NotDnsLabel { value: "my.web".into() }),
        ),
        (
            "Service name not a DNS-1035 label",
            edit(STS, "  name: nginx", "  name: 1nginx"),
            4,
            3,
            inv("metadata.name", InvalidDetail::NotDns1035Label { value: "1nginx".into() }),
        ),
        (
            "serviceName not a DNS label",
            edit(STS, "serviceName: nginx", "serviceName: Nginx"),
            17,
            3,
            inv("spec.serviceName", InvalidDetail::NotDnsLabel { value: "Nginx".into() }),
        ),
        (
            "podManagementPolicy",
            edit(STS, "  serviceName: nginx", "  serviceName: nginx\n  podManagementPolicy: Random"),
            18,
            3,
            inv(
                "spec.podManagementPolicy",
                InvalidDetail::UnsupportedValue { unsupported: Box::new(Unsupported { value: "Random".into(), supported: vec!["OrderedReady".into(), "Parallel".into()] }) },
            ),
        ),
        (
            "quantity with a space",
            edit(PVC, "storage: 5Gi", "storage: 5 Gi"),
            9,
            7,
            K::BadQuantity { path: "spec.resources.requests.storage".into(), value: "5 Gi".into() },
        ),
        (
            "quantity in GB",
            edit(PVC, "storage: 5Gi", "storage: 5GB"),
            9,
            7,
            K::BadQuantity { path: "spec.resources.requests.storage".into(), value: "5GB".into() },
        ),
        (
            "quantity in a claim template",
            edit(STS, "storage: 1Gi", "storage: 1 Gi"),
            37,
            11,
            K::BadQuantity { path: "spec.volumeClaimTemplates[0].spec.resources.requests.storage".into(), value: "1 Gi".into() },
        ),
        (
            "PVC without accessModes",
            edit(PVC, "  accessModes: [ReadWriteOnce]\n", ""),
            5,
            1,
            K::Required { path: "spec.accessModes".into() },
        ),
        (
            "ConfigMap",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: b\n".into(),
            1,
            1,
            K::UnsupportedKind { kind: "ConfigMap".into(), api_version: "v1".into() },
        ),
        (
            "Job",
            format!("{DEPLOY}---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\n"),
            19,
            1,
            K::UnsupportedKind { kind: "Job".into(), api_version: "batch/v1".into() },
        ),
        (
            "apps/v1beta1 Deployment",
            edit(DEPLOY, "apps/v1", "apps/v1beta1"),
            1,
            1,
            K::WrongApiVersion { kind: "Deployment".into(), api_version: "apps/v1beta1".into(), expected: "apps/v1".into() },
        ),
        (
            "extensions/v1beta1 DaemonSet",
            edit(DS, "apps/v1", "extensions/v1beta1"),
            1,
            1,
            K::WrongApiVersion { kind: "DaemonSet".into(), api_version: "extensions/v1beta1".into(), expected: "apps/v1".into() },
        ),
        ("no kind", edit(DEPLOY, "kind: Deployment\n", ""), 1, 1, K::MissingTypeField { field: "kind".into() }),
        ("a scalar document", "hello\n".into(), 1, 1, K::NotAnObject),
        ("a list document", "- a\n- b\n".into(), 1, 1, K::NotAnObject),
        ("tab indentation", edit(DEPLOY, "  name: web", "\tname: web"), 4, 1, K::Syntax { detail: "found character that cannot start any token".into(), problem: SyntaxProblem::Tab }),
        (
            "key: value where none fits",
            edit(DEPLOY, "  name: web", "  name: web: api"),
            4,
            12,
            K::Syntax { detail: "mapping values are not allowed in this context".into(), problem: SyntaxProblem::KeyValueHere },
        ),
        (
            "indentation",
            edit(DEPLOY, "  selector:", " selector:"),
            7,
            2,
            K::Syntax { detail: "did not find expected key".into(), problem: SyntaxProblem::Indentation },
        ),
        (
            "unclosed bracket",
            // At the `[` that is never closed, not where libyaml gave up (10:11).
            edit(DEPLOY, "      app: web\n", "      app: [web\n"),
            9,
            12,
            K::Syntax { detail: "did not find expected ',' or ']'".into(), problem: SyntaxProblem::UnclosedBracket { close: ']' } },
        ),
        (
            "unclosed quote",
            // At the quote that is never closed, not at the end of the text (19:1).
            format!("{DEPLOY}        args: [\"--port]\n"),
            18,
            16,
            K::Syntax { detail: "found unexpected end of stream".into(), problem: SyntaxProblem::UnexpectedEnd },
        ),
        ("unknown alias", edit(DEPLOY, "replicas: 2", "replicas: *n"), 6, 13, K::Syntax { detail: "unknown anchor".into(), problem: SyntaxProblem::UnknownAlias }),
        (
            "NUL byte",
            edit(DEPLOY, "name: web", "name: w\0eb"),
            4,
            10,
            K::Syntax { detail: "control characters are not allowed at position 56".into(), problem: SyntaxProblem::ControlCharacter },
        ),
        (
            "bad second document",
            format!("{DS}---\n{}", edit(DEPLOY, "replicas: 2", "replicas: tres")),
            23,
            13,
            wrong("spec.replicas", T::Integer, T::String, "tres"),
        ),
        ("only comments", "# nothing here\n---\n# nor here\n".into(), 1, 1, K::Empty),
        (
            "a number as a label value",
            edit(DEPLOY, "        app: web", "        app: web\n        version: 1.0"),
            14,
            9,
            wrong("spec.template.metadata.labels.version", T::String, T::Number, "1.0"),
        ),
        (
            "a number as an env value",
            edit(DEPLOY, "        image: nginx:1.25", "        image: nginx:1.25\n        env:\n        - name: PORT\n          value: 8080"),
            20,
            11,
            wrong("spec.template.spec.containers[0].env[0].value", T::String, T::Integer, "8080"),
        ),
        (
            "a boolean in args",
            edit(DEPLOY, "        image: nginx:1.25", "        image: nginx:1.25\n        args: [--debug, true]"),
            18,
            9,
            wrong("spec.template.spec.containers[0].args[1]", T::String, T::Boolean, "true"),
        ),
    ];
    let mut failures = Vec::new();
    for (name, text, line, column, kind) in &cases {
        let e = apply_err(text);
        if (e.line, e.column, &e.kind) != (*line, *column, kind) {
            failures.push(format!("{name}: expected ({line},{column}) {kind:?}\n          got ({},{}) {:?}", e.line, e.column, e.kind));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases wrong:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn the_failing_document_is_named() {
    let e = apply_err(&format!("{DS}---\n{}", edit(DEPLOY, "replicas: 2", "replicas: -3")));
    assert_eq!(e.document, 1);
    assert_eq!((e.line, e.column), (23, 3));
}

#[test]
fn real_api_messages() {
    let m = |t: &str| apply_err(t).api_message;
    assert_eq!(
        m(&edit(DEPLOY, "        app: web", "        app: api")),
        "The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: {\"app\":\"api\"}: `selector` does not match template `labels`"
    );
    assert_eq!(m(&edit(DEPLOY, "replicas: 2", "replicas: -1")), "The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    assert_eq!(
        m(&edit(DEPLOY, "      containers:", "      contaners:")),
        "Error from server (BadRequest): error when creating: Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.template.spec.contaners\""
    );
    assert_eq!(
        m(&edit(PVC, "storage: 5Gi", "storage: 5GB")),
        "Error from server (BadRequest): error when creating: PersistentVolumeClaim in version \"v1\" cannot be handled as a PersistentVolumeClaim: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    );
    assert_eq!(
        m(&edit(DEPLOY, "  replicas: 2", "  replicas: 2\n  replicas: 3")),
        "error converting YAML to JSON: yaml: unmarshal errors:\n  line 7: key \"replicas\" already set in map"
    );
    assert_eq!(
        m(&edit(DS, "apps/v1", "extensions/v1beta1")),
        "error: resource mapping not found for name: \"fluentd\" namespace: \"\" from \"\": no matches for kind \"DaemonSet\" in version \"extensions/v1beta1\"\nensure CRDs are installed first"
    );
    assert_eq!(
        m(&edit(DEPLOY, "        app: web", "        app: web\n        version: 1.0")),
        "Error from server (BadRequest): error when creating: Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field ObjectMeta.spec.template.metadata.labels of type string"
    );
    assert_eq!(
        m(&edit(DEPLOY, "        image: nginx:1.25", "        image: nginx:1.25\n        env:\n        - name: PORT\n          value: 8080")),
        "Error from server (BadRequest): error when creating: Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string"
    );
    assert!(m(&edit(STS, "  name: web", "  name: my.web")).starts_with(
        "The StatefulSet \"my.web\" is invalid: metadata.name: Invalid value: \"my.web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'"
    ));
}

#[test]
fn quantities_read_as_the_api_server_reads_them() {
    for ok in ["5Gi", "500Mi", "5G", "1e3", "5", "0.5Gi", "100m"] {
        let mut c = cluster();
        c.apply_text(&edit(PVC, "storage: 5Gi", &format!("storage: {ok}"))).unwrap_or_else(|e| panic!("{ok}: {e:?}"));
    }
    for bad in ["5 Gi", "5GB", "5gi", "Gi", "5Gb", "-", ""] {
        let e = apply_err(&edit(PVC, "storage: 5Gi", &format!("storage: \"{bad}\"")));
        assert!(matches!(e.kind, K::BadQuantity { .. }), "{bad}: {:?}", e.kind);
    }
}

#[test]
fn immutable_statefulset_fields_on_update() {
    for (field, from, to) in [
        ("spec.serviceName", "  serviceName: nginx", "  serviceName: other"),
        ("spec.podManagementPolicy", "  serviceName: nginx", "  serviceName: nginx\n  podManagementPolicy: Parallel"),
        ("spec.selector", "      app: nginx\n  template", "      app: nginx\n      tier: web\n  template"),
        ("spec.volumeClaimTemplates", "storage: 1Gi", "storage: 2Gi"),
    ] {
        let mut c = cluster();
        c.apply_text(STS).unwrap();
        let changed = edit(STS, from, to);
        let changed = if field == "spec.selector" { edit(&changed, "        app: nginx\n", "        app: nginx\n        tier: web\n") } else { changed };
        let before = fingerprint(&c);
        let Err(ApplyError::Manifest(e)) = c.apply_text(&changed) else { panic!("{field}: accepted") };
        assert!(before == fingerprint(&c), "{field}: half applied");
        assert_eq!(e.kind, inv("spec", InvalidDetail::StatefulSetSpecImmutable), "{field}");
        assert_eq!((e.line, e.column), manifest::locate(&changed, 12, field), "{field}");
        assert_ne!(e.line, 15, "{field}: points at `spec`, not at the field");
        assert!(e.api_message.starts_with("The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than"), "{}", e.api_message);
    }
    // The mutable ones go through.
    let mut c = cluster();
    c.apply_text(STS).unwrap();
    let o = c.apply_text(&edit(STS, "replicas: 2", "replicas: 3")).unwrap();
    assert_eq!(o[1].line(), "statefulset.apps/web configured");
}

#[test]
fn daemonset_selector_is_immutable() {
    let mut c = cluster();
    c.apply_text(DS).unwrap();
    let changed = edit(&edit(DS, "      name: fluentd\n  template", "      name: fluentd\n      tier: logs\n  template"), "        name: fluentd\n", "        name: fluentd\n        tier: logs\n");
    let e = match c.apply_text(&changed) {
        Err(ApplyError::Manifest(e)) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(e.kind, inv("spec.selector", InvalidDetail::FieldImmutable));
    assert_eq!((e.line, e.column), (6, 3));
}

#[test]
fn locate_follows_keys_and_list_indexes() {
    let text = format!("{DEPLOY}      - name: sidecar\n        image: busybox\n");
    assert_eq!(manifest::locate(&text, 1, "spec.template.spec.containers[1].image"), (19, 9));
    assert_eq!(manifest::locate(&text, 1, "spec.template.spec.containers[0]"), (16, 9));
    assert_eq!(manifest::locate(&text, 1, "spec.template.spec.containers[5].image"), (15, 7));
    assert_eq!(manifest::locate(&text, 1, "spec.selector.matchLabels.app"), (9, 7));
    assert_eq!(manifest::locate(&text, 1, "spec.nothing.here"), (5, 1));
    assert_eq!(manifest::locate(&text, 1, ""), (1, 1));
    // Indented lists, comments, quoted keys, flow style and a second document.
    let text = "a: 1\n---\n# c\nkind: X\n\"spec\":\n  # c\n  list:\n    - x: 1\n    -   y: 2\n        z: {q: 1}\n";
    assert_eq!(manifest::locate(text, 3, "spec.list[1].z"), (10, 9));
    assert_eq!(manifest::locate(text, 3, "spec.list[1].y"), (9, 9));
    assert_eq!(manifest::locate(text, 3, "spec.list[1].z.q"), (10, 9));
    assert_eq!(manifest::locate(text, 3, "spec"), (5, 1));
    // Nonsense paths and texts never panic.
    for path in ["[", "]", "a[", "a[x", "a[99999999999999999999]", "..", "[0][0]", "-", ":"] {
        manifest::locate(text, 3, path);
        manifest::locate("", 1, path);
        manifest::locate("-\n- - -\n  -", 1, path);
        manifest::locate(text, 999, path);
    }
}
