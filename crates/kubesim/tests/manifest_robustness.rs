//! Whatever the text, reading and applying a manifest never panics and never half-applies:
//! malformed YAML, huge or deeply nested documents, alias bombs, NUL bytes, many documents,
//! huge numbers, odd keys. Valid manifests using `List`, comments around `---`, anchors,
//! aliases and merge keys apply as kubectl applies them.

use kubesim::manifest::{self, ManifestErrorKind as K};
use kubesim::{ApplyError, Cluster};

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n";

/// The whole cluster state, as a short hash (its `Debug` text).
fn fingerprint(c: &Cluster) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{c:?}").hash(&mut h);
    h.finish()
}

/// Applies `text` to a fresh cluster expecting a manifest error, and checks the cluster did
/// not change.
fn refused(text: &str) -> manifest::ManifestError {
    let mut c = Cluster::new(3);
    let before = fingerprint(&c);
    let r = c.apply_text(text);
    assert!(before == fingerprint(&c), "a refused manifest changed the cluster");
    match r {
        Err(ApplyError::Manifest(e)) => e,
        other => panic!("expected a manifest error, got {other:?}"),
    }
}

#[test]
fn malformed_yaml_is_an_error() {
    for text in [
        "a: [\n",
        "a: {b: 1\n",
        "a: b: c\n",
        "key: 'unclosed\n",
        "\"unclosed\n",
        "a:\n  - b\n c: d\n",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: [\n",
        "%YAML 9.9\n---\na: 1\n",
        "!!binary notbase64\n",
        "*undefined\n",
        "a: &x 1\nb: *y\n",
        "? [a, b]\n: c\n",
        "@foo\n",
        "`foo\n",
        "---\n...\n---\n- [\n",
    ] {
        let e = refused(text);
        assert!(e.line >= 1 && e.column >= 1, "{text:?}: no position in {e:?}");
    }
}

#[test]
fn nul_bytes_and_control_characters() {
    for text in ["apiVersion: v1\nkind: Pod\0\n", "\0", "a: \u{7}\n", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \"a\0b\"\n"] {
        let e = refused(text);
        assert!(matches!(e.kind, K::Syntax { .. } | K::Invalid { .. }), "{text:?}: {e:?}");
    }
}

#[test]
fn a_document_over_the_request_limit() {
    let text = format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    a: \"{}\"\nspec:\n  containers:\n  - name: c\n    image: b\n", "x".repeat(5 * 1024 * 1024));
    let e = refused(&text);
    assert_eq!(e.kind, K::TooLarge { bytes: text.len(), limit: manifest::MAX_DOCUMENT_BYTES });
    assert_eq!(e.api_message, "Error from server (RequestEntityTooLarge): error when creating: Request entity too large: limit is 3145728");
    // The limit is per document: the big one is named even after a valid one.
    let e = refused(&format!("{POD}---\n{text}"));
    assert_eq!((e.document, e.line), (1, 10));
    // Just under the limit is read (and the annotation is too long for the API, but that is
    // not modelled: what matters is that it answers).
    let under = text.replace(&"x".repeat(5 * 1024 * 1024), &"x".repeat(1024 * 1024));
    let mut c = Cluster::new(3);
    c.apply_text(&under).expect("a 1 MiB document reads");
}

#[test]
fn ten_thousand_levels_of_nesting() {
    for text in [
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
        format!("{}1{}", "{a: ".repeat(10_000), "}".repeat(10_000)),
        format!("{}x\n", "- ".repeat(10_000)),
        format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)),
    ] {
        let e = refused(&text);
        assert_eq!(e.kind, K::TooDeep, "{}", &text[..40]);
    }
    // Realistic depth is fine.
    let deep = format!("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n  annotations:\n    a: \"{}\"\n", "[".repeat(200));
    Cluster::new(1).apply_text(&deep).unwrap();
}

#[test]
fn billion_laughs() {
    let mut text = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for i in 1..10u8 {
        let (cur, prev) = ((b'a' + i) as char, (b'a' + i - 1) as char);
        let refs = vec![format!("*{prev}"); 9].join(",");
        text.push_str(&format!("{cur}: &{cur} [{refs}]\n"));
    }
    let e = refused(&text);
    assert_eq!(e.kind, K::AliasBomb);
    // The same bomb inside an object.
    let e = refused(&format!("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n  annotations:\n{}", text.lines().map(|l| format!("    {l}\n")).collect::<String>()));
    assert_eq!(e.kind, K::AliasBomb);
}

#[test]
fn a_hundred_thousand_documents() {
    // Empty ones: nothing to apply.
    assert_eq!(refused(&"---\n".repeat(100_000)).kind, K::Empty);
    // Comments between separators.
    assert_eq!(refused(&"--- # nothing\n# still nothing\n".repeat(100_000)).kind, K::Empty);
    // Objects: more than one apply takes.
    let e = refused(&"---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n".repeat(100_000));
    assert_eq!(e.kind, K::TooManyObjects { limit: manifest::MAX_OBJECTS });
    assert_eq!(e.document, manifest::MAX_OBJECTS);
    // Many empty documents, then a bad one: found, and named by its line.
    let e = refused(&format!("{}{}", "---\n".repeat(100_000), "kind: Pod\n"));
    assert_eq!((e.line, e.kind), (100_001, K::MissingTypeField { field: "apiVersion".into() }));
    // Up to the limit, all apply.
    let text: String = (0..200).map(|i| format!("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: n{i}\n")).collect();
    assert_eq!(Cluster::new(1).apply_text(&text).unwrap().len(), 200);
}

#[test]
fn huge_numbers() {
    for n in ["99999999999999999999999999999", "-99999999999999999999999", "1e400", "0x7fffffffffffffffffff", ".inf", ".nan", "2147483648"] {
        let e = refused(&format!("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: {n}\n"));
        assert_eq!((e.line, e.column), (6, 13), "{n}: {e:?}");
        assert!(matches!(e.kind, K::OutOfRange { .. } | K::WrongType { .. }), "{n}: {e:?}");
    }
    let e = refused(&POD.replace("image: busybox:1.36", "image: busybox:1.36\n    resources:\n      requests:\n        memory: 99999999999999999999999999999999999Ei"));
    assert!(matches!(e.kind, K::BadQuantity { .. }), "{e:?}");
}

#[test]
fn odd_keys_and_document_shapes() {
    for text in [
        "1: 2\n",
        "{1: 2, apiVersion: v1, kind: Pod}\n",
        "? [a]\n: b\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n",
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n  labels:\n    ? [a]\n    : b\n",
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n  labels:\n    null: b\n",
        "apiVersion: 1\nkind: Pod\n",
        "apiVersion: v1\nkind: [Pod]\n",
        "apiVersion: v1\nkind: Namespace\nmetadata: []\n",
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: [n]}\n",
        "- apiVersion: v1\n  kind: Namespace\n",
        "42\n",
        "\"just a string\"\n",
        "!!map {}\n",
        "~\n---\n[]\n",
        "apiVersion: v1\nkind: List\nitems: 5\n",
        "apiVersion: v1\nkind: List\nitems:\n- 5\n",
        "apiVersion: v1\nkind: List\nitems:\n- kind: List\n  apiVersion: v1\n  items: []\n",
        "apiVersion: v1\nkind: List\nitem: []\n",
    ] {
        let mut c = Cluster::new(3);
        let before = fingerprint(&c);
        if c.apply_text(text).is_err() {
            assert!(before == fingerprint(&c), "{text:?}");
        }
    }
}

#[test]
fn list_objects_apply_each_item_in_order() {
    let text = "\
apiVersion: v1
kind: List
metadata: {}
items:
- apiVersion: v1
  kind: Namespace
  metadata:
    name: shop
- apiVersion: v1
  kind: Service
  metadata:
    name: web
    namespace: shop
  spec:
    selector: {app: web}
    ports:
    - port: 80
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: shop
  spec:
    replicas: 1
    selector:
      matchLabels: {app: web}
    template:
      metadata:
        labels: {app: web}
      spec:
        containers:
        - name: nginx
          image: nginx:1.25
";
    let mut c = Cluster::new(3);
    let lines: Vec<String> = c.apply_text(text).unwrap().iter().map(|o| o.line()).collect();
    assert_eq!(lines, ["namespace/shop created", "service/web created", "deployment.apps/web created"]);
    let lines: Vec<String> = c.apply_text(text).unwrap().iter().map(|o| o.line()).collect();
    assert_eq!(lines, ["namespace/shop unchanged", "service/web unchanged", "deployment.apps/web unchanged"]);

    // An error in an item points into that item, and nothing of the list applies.
    let e = refused(&text.replace("          image: nginx:1.25", "          image: nginx:1.25\n          imagen: x"));
    assert_eq!((e.line, e.column), (34, 11), "{e:?}");
    assert_eq!(e.kind, K::UnknownField { field: "imagen".into(), path: "spec.template.spec.containers[0]".into(), suggestion: Some("image".into()) });
    let e = refused(&text.replace("    replicas: 1", "    replicas: uno"));
    assert_eq!((e.line, e.column, e.kind), (24, 5, K::WrongType { path: "spec.replicas".into(), expected: manifest::ValueType::Integer, found: manifest::ValueType::String, value: "uno".into() }));
    let e = refused(&text.replace("        labels: {app: web}", "        labels: {app: api}"));
    assert_eq!((e.line, e.column), (29, 9), "{e:?}");
    let e = refused(&text.replace("  kind: Service", "  kind: ConfigMap"));
    assert_eq!((e.line, e.column, e.kind), (9, 3, K::UnsupportedKind { kind: "ConfigMap".into(), api_version: "v1".into() }));
    let e = refused(&text.replace("metadata: {}", "metadata: {}\nitemz: []"));
    assert_eq!((e.line, e.column), (4, 1));
    assert!(matches!(e.kind, K::UnknownField { ref suggestion, .. } if suggestion.as_deref() == Some("items")), "{e:?}");
    // An empty list applies nothing, like kubectl.
    assert_eq!(refused("apiVersion: v1\nkind: List\nitems: []\n").kind, K::Empty);
}

#[test]
fn separators_with_comments_and_document_ends() {
    let text = format!("# the app\n--- # first\n{POD}... # end\n--- # second\n# a namespace\n{}\n---\n# trailing comment\n", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team");
    let mut c = Cluster::new(3);
    let lines: Vec<String> = c.apply_text(&text).unwrap().iter().map(|o| o.line()).collect();
    assert_eq!(lines, ["pod/p created", "namespace/team created"]);
    // A mistake in the second document is found at its own line.
    let e = refused(&text.replace("  name: team", "  nam: team"));
    assert_eq!((e.document, e.line, e.column), (1, 17, 3));
}

#[test]
fn anchors_aliases_and_merge_keys() {
    let text = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: &labels
    app: web
spec:
  replicas: 2
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels:
        <<: *labels
        tier: front
    spec:
      containers:
      - &nginx
        name: nginx
        image: nginx:1.25
      - <<: *nginx
        name: nginx-2
";
    let mut c = Cluster::new(3);
    assert_eq!(c.apply_text(text).unwrap()[0].line(), "deployment.apps/web created");
    let d = c.deployments().next().unwrap();
    let t = d.spec.template.as_ref().unwrap();
    assert_eq!(t.metadata.labels.get("app").map(String::as_str), Some("web"));
    assert_eq!(t.metadata.labels.get("tier").map(String::as_str), Some("front"));
    assert_eq!(t.spec.containers.iter().map(|c| (c.name.as_str(), c.image.as_str())).collect::<Vec<_>>(), [("nginx", "nginx:1.25"), ("nginx-2", "nginx:1.25")]);
    // A mistake in a document with merge keys is still found by its path.
    let e = refused(&text.replace("        tier: front", "        tier: front\n    spec2: {}"));
    assert_eq!((e.line, e.column), (16, 5), "{e:?}");
    let e = refused(&text.replace("  replicas: 2", "  replicas: dos"));
    assert_eq!((e.line, e.column), (8, 3), "{e:?}");
}

#[test]
fn invalid_utf8_through_the_runner() {
    let dir = std::env::temp_dir().join(format!("kubesim-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("script.txt");
    std::fs::write(&file, b"kubectl get pods\n# caf\xe9 \xff\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kubesim")).arg(&file).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not valid UTF-8 at line 2, column 6"), "{err}");
}
