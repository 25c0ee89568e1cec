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
