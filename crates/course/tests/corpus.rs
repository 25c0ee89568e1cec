//! The bad-input corpus (`tests/corpus/`, described in its README): every input is refused
//! with its message, never a panic, and leaves the cluster exactly as it was. Huge and deep
//! documents and a wide alias bomb are generated here rather than committed.

use course::saved::{self, Shared};
use kubesim::journal::{self, Setup};
use kubesim::{Cluster, Session};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

const DS: &str = include_str!("../../../content/01-daemonset/daemonset.yaml");
const WEB: &str = include_str!("../../../content/02-statefulset/web.yaml");

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

fn known() -> Vec<(String, String)> {
    course::catalogue().unwrap().iter().flat_map(|l| l.files.iter().map(move |(n, t)| (format!("{}/{n}", l.spec.id), t.clone()))).collect()
}

/// A session with a DaemonSet, a StatefulSet with claims, and an extra node.
fn busy() -> Session {
    let mut s = Session::start(Setup::kind(1));
    s.apply_file("daemonset.yaml", DS).unwrap();
    s.apply_file("web.yaml", WEB).unwrap();
    s.tick(kubesim::Dur::ms(30_000));
    assert_eq!(s.run("sim node add kind-worker4", None).status, 0);
    s
}

/// The files of a corpus folder, with the `# expect:` of their first line.
fn expecting(dir: &str) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = std::fs::read_dir(corpus().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let expect = text.lines().next().and_then(|l| l.strip_prefix("# expect: ")).unwrap_or_else(|| panic!("{}: no # expect: line", p.display())).to_string();
            (p.file_name().unwrap().to_string_lossy().into_owned(), expect, text)
        })
        .collect();
    v.sort();
    assert!(v.len() >= 8, "{dir}: the corpus is there");
    v
}

/// Applies `text` as the editor does; returns the refusal's message.
fn refused_apply(base: &Session, label: &str, text: &str) -> String {
    let mut s = base.clone();
    let before = s.cluster.state_hash();
    let r = catch_unwind(AssertUnwindSafe(|| s.apply_file("bad.yaml", text))).unwrap_or_else(|_| panic!("{label}: apply panicked"));
    let e = r.err().unwrap_or_else(|| panic!("{label}: was applied"));
    assert_eq!(s.cluster.state_hash(), before, "{label}: a refused apply changed the cluster");
    // The terminal's kubectl apply refuses it too, with the same message.
    s.write_file("bad.yaml", text);
    let o = s.run("kubectl apply -f bad.yaml", None);
    assert_ne!(o.status, 0, "{label}: kubectl apply took it");
    assert_eq!(s.cluster.state_hash(), before, "{label}: kubectl apply changed the cluster");
    format!("{} | {e:?}", o.stderr)
}

#[test]
fn bad_manifests_are_refused_with_their_message_and_change_nothing() {
    let base = busy();
    for (name, expect, text) in expecting("manifests") {
        let msg = refused_apply(&base, &name, &text);
        assert!(msg.contains(&expect), "{name}: expected {expect:?} in\n{msg}");
    }
}

/// A manifest error as `yaml-mistakes/index.txt` names it: `syntax/missingColon key=image`,
/// `duplicateKey key=image path=spec`.
fn described(kind: &kubesim::ManifestErrorKind) -> String {
    fn fields(out: &mut String, v: &serde_json::Value, skip: &[&str]) {
        let Some(map) = v.as_object() else { return };
        let mut pairs: Vec<(&String, &serde_json::Value)> = map.iter().filter(|(k, _)| !skip.contains(&k.as_str())).collect();
        pairs.sort_by_key(|(k, _)| k.as_str());
        for (k, v) in pairs {
            let v = v.as_str().map_or_else(|| v.to_string(), str::to_string);
            out.push_str(&format!(" {k}={v}"));
        }
    }
    let v = serde_json::to_value(kind).unwrap();
    let mut out = v["type"].as_str().unwrap_or("?").to_string();
    match &v["problem"] {
        serde_json::Value::Null => fields(&mut out, &v, &["type"]),
        serde_json::Value::String(p) => out.push_str(&format!("/{p}")),
        serde_json::Value::Object(p) => {
            for (name, inner) in p {
                out.push_str(&format!("/{name}"));
                fields(&mut out, inner, &[]);
            }
        }
        other => out.push_str(&format!("/{other}")),
    }
    out
}

/// The classic beginner YAML mistakes of `yaml-mistakes/`: each is refused, by the editor's
/// apply and by `kubectl apply`, with the problem its index names, at the line (and column)
/// where the student made the mistake, and changes nothing; the real message keeps
/// libyaml's own line, which is never before it. `ok` files apply.
#[test]
fn yaml_mistakes_are_placed_where_the_student_made_them() {
    let dir = corpus().join("yaml-mistakes");
    let index = std::fs::read_to_string(dir.join("index.txt")).unwrap();
    let entries: Vec<(String, String, String)> = index
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.split_whitespace();
            let (file, at) = (parts.next().unwrap().to_string(), parts.next().unwrap_or("").to_string());
            (file, at, parts.collect::<Vec<_>>().join(" "))
        })
        .collect();
    let mut files: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".yaml")).collect();
    files.sort();
    let mut listed: Vec<String> = entries.iter().map(|(f, _, _)| f.clone()).collect();
    listed.sort();
    assert_eq!(files, listed, "every file of yaml-mistakes/ is in its index, once");
    assert!(entries.len() >= 21, "the corpus is there");
    let base = busy();
    let mut failures = Vec::new();
    for (file, at, expected) in &entries {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let mut s = base.clone();
        let before = s.cluster.state_hash();
        let r = catch_unwind(AssertUnwindSafe(|| s.apply_file(file, &text))).unwrap_or_else(|_| panic!("{file}: apply panicked"));
        if expected == "ok" {
            if let Err(e) = r {
                failures.push(format!("{file}: refused: {e:?}"));
            }
            continue;
        }
        let m = match r {
            Err(kubesim::ApplyError::Manifest(m)) => m,
            other => {
                failures.push(format!("{file}: expected {expected}, got {other:?}"));
                continue;
            }
        };
        assert_eq!(s.cluster.state_hash(), before, "{file}: a refused apply changed the cluster");
        let got = described(&m.kind);
        let (line, column) = at.split_once(':').map_or((at.as_str(), None), |(l, c)| (l, Some(c)));
        let place_ok = line == m.line.to_string() && column.is_none_or(|c| c == m.column.to_string());
        if got != *expected || !place_ok {
            failures.push(format!("{file}: expected {at} {expected}\n    got {}:{} {got}", m.line, m.column));
        }
        // kubectl says what the real kubectl says, libyaml's line included.
        s.write_file(file, &text);
        let o = s.run(&format!("kubectl apply -f {file}"), None);
        assert!(o.status != 0 && o.stderr.contains(&m.api_message), "{file}: kubectl apply printed {:?}", o.stderr);
        if let Some(real) = m.api_message.split("yaml: line ").nth(1).and_then(|r| r.split(':').next()).and_then(|n| n.parse::<usize>().ok()) {
            assert!(real >= m.line, "{file}: the real message's line {real} is before the student's {}", m.line);
        }
    }
    assert!(failures.is_empty(), "{} of {} wrong:\n{}", failures.len(), entries.len(), failures.join("\n"));
}

#[test]
fn huge_deep_and_exploding_documents_are_refused_quickly() {
    let base = busy();
    // 5 MB: above the API server's 3 MiB request limit.
    let mut huge = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n");
    let mut i = 0;
    while huge.len() < 5 << 20 {
        huge.push_str(&format!("  k{i}: \"{}\"\n", "x".repeat(100)));
        i += 1;
    }
    let msg = refused_apply(&base, "5 MB", &huge);
    assert!(msg.to_lowercase().contains("too large") || msg.contains("TooLarge") || msg.contains("exceeds"), "5 MB: {msg}");
    // 10,000 levels of nesting, flow and block style.
    let flow = format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let msg = refused_apply(&base, "deep flow", &flow);
    assert!(msg.contains("exceeded max depth"), "deep flow: {msg}");
    let mut block = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n");
    for d in 1..=10_000 {
        block.push_str(&" ".repeat(d));
        block.push_str("- \n");
    }
    let msg = refused_apply(&base, "deep block", &block);
    assert!(!msg.is_empty(), "deep block: {msg}");
    // A wide alias bomb: 50^6 leaves if expanded.
    let mut bomb = String::from("a0: &a0 [\"lol\"]\n");
    for d in 1..=6 {
        bomb.push_str(&format!("a{d}: &a{d} [{}]\n", vec![format!("*a{}", d - 1); 50].join(",")));
    }
    bomb.push_str("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  x: *a6\n");
    let msg = refused_apply(&base, "alias bomb", &bomb);
    assert!(msg.contains("excessive aliasing"), "alias bomb: {msg}");
}

#[test]
fn hostile_command_lines_give_their_message_and_change_nothing() {
    let text = std::fs::read_to_string(corpus().join("commands.txt")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let base = busy();
    let mut checked = 0;
    for pair in lines.chunks(2) {
        let line = pair[0].strip_prefix("$ ").expect("a $ line");
        let expect = pair[1].strip_prefix("! ").expect("a ! line");
        let mut s = base.clone();
        let before = s.cluster.state_hash();
        let o = catch_unwind(AssertUnwindSafe(|| s.run(line, None))).unwrap_or_else(|_| panic!("{line}: panicked"));
        assert_ne!(o.status, 0, "{line}: succeeded");
        let shown = format!("{}{}", o.stdout, o.stderr);
        assert!(shown.contains(expect), "{line}: expected {expect:?} in {shown:?}");
        assert_eq!(s.cluster.state_hash(), before, "{line}: changed the cluster");
        checked += 1;
    }
    assert!(checked >= 15);
}

#[test]
fn hostile_share_links_are_refused_with_their_reason() {
    let k = known();
    let known: Vec<(&str, &str)> = k.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let text = std::fs::read_to_string(corpus().join("share-links.txt")).unwrap();
    let mut cases: Vec<(String, String)> = text.lines().map(|l| l.split_once('\t').map(|(a, b)| (a.to_string(), b.to_string())).expect("TEXT<TAB>LINK")).collect();
    // Well-formed links that carry hostile fields.
    let j = busy().journal().unwrap().clone();
    let link = |lang: &str, files: Vec<(&str, &str)>| {
        saved::share_encode(&Shared { lang: lang.into(), lesson: "daemonset".into(), step: "apply".into(), files: files.into_iter().map(|(a, b)| (a.into(), b.into())).collect(), journal: j.clone() }, &known)
    };
    cases.push(("bad file name \"<img src=x onerror=alert(1)>\"".into(), link("es", vec![("<img src=x onerror=alert(1)>", "kind: Pod\n")])));
    cases.push(("bad file name".into(), link("en", vec![("\"><script>window.__pwned=1</script>.yaml", "x")])));
    cases.push(("unknown language".into(), link("<script>window.__pwned=1</script>", vec![])));
    cases.push(("too many files".into(), link("es", vec![("a.yaml", "x"); 65])));
    cases.push(("too large".into(), format!("ks1.{}", "A".repeat(saved::MAX_SHARE_CHARS))));
    for (expect, l) in &cases {
        let r = catch_unwind(AssertUnwindSafe(|| saved::share_decode(l, &known))).unwrap_or_else(|_| panic!("{l:.60}: panicked"));
        let e = r.err().unwrap_or_else(|| panic!("{l:.60}: was read"));
        assert!(e.to_string().contains(expect.as_str()), "{l:.60}: expected {expect:?} in {e}");
    }
    // A link with an edited lesson file whose text is hostile is read (text is data), and
    // its journal replays to the same cluster.
    let ok = link("es", vec![("daemonset.yaml", "# <img src=x onerror=alert(1)>\n")]);
    let sh = saved::share_decode(&ok, &known).unwrap();
    assert_eq!(journal::replay(&sh.journal).unwrap().cluster.state_hash(), busy().cluster.state_hash());
}

#[test]
fn corrupt_stored_states_are_refused_with_their_reason() {
    let k = known();
    let known: Vec<(&str, &str)> = k.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let mut cases = expecting("saved");
    // A 9 MB state, and one 10,000 levels deep.
    cases.push(("9 MB".into(), "too large".into(), format!("version: 1\nlang: es\nprefs: \"{}\"\n", "x".repeat(9 << 20))));
    cases.push(("deep".into(), "corrupt".into(), format!("version: 1\nlang: es\nprefs: {}{}\n", "[".repeat(10_000), "]".repeat(10_000))));
    for (name, expect, text) in cases {
        let r = catch_unwind(AssertUnwindSafe(|| saved::load(&text, &known))).unwrap_or_else(|_| panic!("{name}: panicked"));
        let e = r.err().unwrap_or_else(|| panic!("{name}: was read"));
        assert!(e.to_string().contains(&expect), "{name}: expected {expect:?} in {e}");
    }
}

/// The cluster the app starts from is untouched by all of it (a sanity check that the
/// helpers above compare against something that moves when the cluster does).
#[test]
fn state_hash_sees_a_change() {
    let mut s = busy();
    let before = s.cluster.state_hash();
    s.run("kubectl label node kind-worker zone=a", None);
    assert_ne!(s.cluster.state_hash(), before);
    let _ = Cluster::new(1);
}
