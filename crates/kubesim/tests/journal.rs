//! The input journal: replay rebuilds the live session exactly, ticks coalesce without
//! changing anything, the text form round-trips and refuses hostile input, and the look
//! back (`view_at`) shows what the live session showed at that moment.

use kubesim::journal::{self, decode, encode, replay, replay_transcript, view_at, At, DecodeError, Input, Journal, Setup};
use kubesim::rand::Rng;
use kubesim::{ClusterView, Dur, Session, Time};
use std::collections::BTreeMap;

const DS: &str = include_str!("../../../content/01-daemonset/daemonset.yaml");
const DS_V2: &str = include_str!("../../../content/01-daemonset/daemonset-v2.yaml");
const WEB: &str = include_str!("../../../content/02-statefulset/web.yaml");

const KNOWN: &[(&str, &str)] = &[("01/daemonset.yaml", DS), ("01/daemonset-v2.yaml", DS_V2), ("02/web.yaml", WEB)];

/// A live session, driven as the app drives it: the clock in 100 ms ticks, commands typed,
/// the editor's Apply, Ctrl-C. Everything printed is kept, and the view after each tick.
struct Live {
    s: Session,
    shown: String,
    views: BTreeMap<u64, ClusterView>,
}

impl Live {
    fn new(seed: u64) -> Live {
        Live { s: Session::start(Setup::kind(seed)), shown: String::new(), views: BTreeMap::new() }
    }
    fn idle(&mut self, ms: u64) {
        for _ in 0..ms / 100 {
            let rows = self.s.tick(Dur::ms(100));
            self.shown.push_str(&rows);
            self.views.insert(self.s.cluster.now().millis(), self.s.cluster.view());
        }
    }
    fn run(&mut self, line: &str) {
        self.run_with(line, None)
    }
    fn run_with(&mut self, line: &str, stdin: Option<&str>) {
        let o = self.s.run(line, stdin);
        self.shown.push_str(&o.stdout);
        self.shown.push_str(&o.stderr);
        self.shown.push_str(&self.s.take_watch_output());
    }
    fn apply(&mut self, name: &str, text: &str) {
        let r = self.s.apply_file(name, text).expect("the lesson's manifest applies");
        for o in &r.outcomes {
            self.shown.push_str(&format!("{}\n", o.line()));
        }
        self.shown.push_str(&self.s.take_watch_output());
    }
    fn step(&mut self) {
        let rows = self.s.step();
        self.shown.push_str(&rows);
    }
    fn interrupt(&mut self) {
        let rows = self.s.stop_watches();
        self.shown.push_str(&rows);
    }
}

/// DaemonSet, StatefulSet with storage, scale, node add and failure, watches, Ctrl-C,
/// steps, a waiting delete and a sleep.
fn long_scenario() -> Live {
    let mut l = Live::new(42);
    l.idle(2_000);
    l.apply("daemonset.yaml", DS);
    l.run("kubectl get pods -o wide -w");
    l.idle(15_000);
    l.interrupt();
    l.run_with("cat > web.yaml <<EOF", Some(WEB));
    l.run("kubectl apply -f web.yaml");
    l.run("kubectl get pods,pvc -w");
    l.idle(40_000);
    l.run("kubectl scale statefulset web --replicas=5");
    l.idle(30_000);
    l.interrupt();
    l.run("sim node add kind-worker4 --label disktype=ssd");
    l.idle(10_000);
    l.run("kubectl get pods -w");
    l.run("sim node fail kind-worker2");
    l.idle(60_000);
    l.step();
    l.step();
    l.interrupt();
    l.run("kubectl delete pod web-0");
    l.run("sleep 20s");
    l.apply("daemonset.yaml", DS_V2);
    l.idle(30_000);
    l.run("kubectl get pods -o wide");
    l.run("kubectl rollout status ds/fluentd-elasticsearch -n kube-system --timeout=90s");
    l.run("kubectl get events");
    l
}

#[test]
fn replay_of_a_long_scenario_equals_the_live_session() {
    let live = long_scenario();
    let j = live.s.journal().expect("a started session keeps a journal").clone();
    let (replayed, shown) = replay_transcript(&j).expect("replays");
    assert_eq!(replayed.cluster.state_hash(), live.s.cluster.state_hash());
    assert_eq!(shown.concat(), live.shown);
    assert_eq!(replayed.files, live.s.files);
    assert_eq!(replayed.journal(), Some(&j), "the replayed session's journal is the same journal");
    // Hundreds of ticks became a handful of numbers.
    let ticks = j.inputs.iter().filter(|i| matches!(i, Input::Tick(_))).count();
    assert!(ticks <= 12, "consecutive ticks coalesce: {ticks} tick inputs");
    assert!(live.shown.contains("web-4"), "the scenario did scale: {}", live.shown);
    // Through the text form too.
    let text = encode(&j, KNOWN);
    let back = decode(&text, KNOWN).expect("decodes");
    assert_eq!(back, j);
    assert_eq!(replay(&back).unwrap().cluster.state_hash(), live.s.cluster.state_hash());
}

#[test]
fn a_session_built_outside_a_journal_keeps_none() {
    let s = Session::new(kubesim::Cluster::new(1));
    assert!(s.journal().is_none());
}

#[test]
fn split_ticks_equal_one_tick_with_and_without_watches() {
    let mut rng = Rng::new(7);
    for watching in [false, true] {
        for _ in 0..12 {
            let prep = |s: &mut Session| {
                s.apply_file("web.yaml", WEB).unwrap();
                s.apply_file("daemonset.yaml", DS).unwrap();
                if watching {
                    s.run("kubectl get pods -w", None);
                    s.run("kubectl get pvc --watch-only", None);
                }
                s.take_watch_output();
            };
            let mut one = Session::start(Setup::kind(3));
            let mut two = Session::start(Setup::kind(3));
            prep(&mut one);
            prep(&mut two);
            let total = 1 + rng.below(60_000);
            let cut = rng.below(total + 1);
            let a = one.tick(Dur::ms(total));
            let b = two.tick(Dur::ms(cut)) + &two.tick(Dur::ms(total - cut));
            assert_eq!(one.cluster.state_hash(), two.cluster.state_hash(), "split at {cut} of {total}");
            assert_eq!(a, b, "watch rows, split at {cut} of {total}");
            // And the journals agree: the two ticks became one.
            assert_eq!(one.journal(), two.journal());
        }
    }
}

#[test]
fn idle_time_costs_one_number() {
    let mut s = Session::start(Setup::kind(1));
    for _ in 0..10_000 {
        s.tick(Dur::ms(100));
    }
    let j = s.journal().unwrap();
    assert_eq!(j.inputs, vec![Input::Tick(Dur::secs(1_000))]);
    assert!(encode(j, &[]).len() < 16, "{}", encode(j, &[]));
}

/// The share-link case: the lesson's DaemonSet, a node added, a few commands.
fn typical() -> Journal {
    let mut s = Session::start(Setup::kind(1234));
    s.write_file("daemonset.yaml", DS);
    s.tick(Dur::secs(3));
    s.apply_file("daemonset.yaml", DS).unwrap();
    s.tick(Dur::secs(20));
    s.run("kubectl get ds -n kube-system", None);
    s.run("kubectl get pods -n kube-system -o wide", None);
    s.run("sim node add kind-worker4", None);
    s.tick(Dur::secs(15));
    s.run("kubectl get pods -n kube-system -o wide -w", None);
    s.tick(Dur::secs(5));
    s.stop_watches();
    s.run("kubectl describe ds fluentd-elasticsearch -n kube-system", None);
    s.journal().unwrap().clone()
}

#[test]
fn typical_scenarios_fit_in_a_url_fragment() {
    let j = typical();
    let with_known = encode(&j, KNOWN);
    let embedded = encode(&j, &[]);
    eprintln!("typical journal: {} chars naming lesson files, {} embedding them", with_known.len(), embedded.len());
    assert!(with_known.len() < 2_000 && embedded.len() < 2_000, "{} / {}", with_known.len(), embedded.len());
    assert!(with_known.len() < embedded.len() / 2, "a known file is named, not embedded");
    assert!(with_known.starts_with("kj1.") && with_known.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)));
    assert_eq!(decode(&with_known, KNOWN).unwrap(), j);
    assert_eq!(decode(&embedded, &[]).unwrap(), j);
    // The same text written then applied is embedded once.
    let once = encode(&Journal { setup: j.setup.clone(), inputs: vec![Input::Write { name: "d".into(), text: DS.into() }] }, &[]).len();
    let twice = encode(&Journal { setup: j.setup.clone(), inputs: vec![Input::Write { name: "d".into(), text: DS.into() }, Input::Apply { name: "d".into(), text: DS.into() }] }, &[]).len();
    assert!(twice < once + 10, "{once} {twice}");
    // Naming a file the reader does not know is an error, not a different cluster.
    assert_eq!(decode(&with_known, &[]), Err(DecodeError::UnknownFile("01/daemonset.yaml".into())));
}

#[test]
fn round_trip_keeps_every_input_kind_and_custom_nodes() {
    let mut nodes = kubesim::cluster::kind_nodes(1);
    nodes[1].labels.insert("disktype".into(), "ssd".into());
    nodes.push(kubesim::NodeSpecInput::worker("edge-ñ"));
    nodes[2].taints.push(kubesim::session::parse_taint("dedicated=edge:NoSchedule").unwrap());
    let j = Journal {
        setup: Setup { seed: u64::MAX, nodes },
        inputs: vec![
            Input::Tick(Dur::ms(1_000_000_007)),
            Input::Step,
            Input::Interrupt,
            Input::Run { line: "kubectl get pods # ünïcode".into(), stdin: None },
            Input::Run { line: "cat > a.yaml <<EOF".into(), stdin: Some(String::new()) },
            Input::Write { name: "b.yaml".into(), text: "x: 1\n".into() },
            Input::Apply { name: "b.yaml".into(), text: "x: 1\n".into() },
            Input::Tick(Dur::ZERO),
        ],
    };
    assert_eq!(decode(&encode(&j, &[]), &[]).unwrap(), j);
}

#[test]
fn decoder_refuses_bad_input_without_panicking() {
    let good = encode(&typical(), &[]);
    assert_eq!(decode("", &[]), Err(DecodeError::NotAJournal));
    assert_eq!(decode("hello", &[]), Err(DecodeError::NotAJournal));
    assert_eq!(decode(&good.replacen("kj1.", "kj2.", 1), &[]), Err(DecodeError::Version(2)));
    assert_eq!(decode(&good.replacen("kj1.", "kj99999999999.", 1), &[]), Err(DecodeError::NotAJournal));
    assert!(matches!(decode(&good.replacen("kj1.", "kj1.*", 1), &[]), Err(DecodeError::Malformed(_))));
    assert!(matches!(decode(&format!("{good}AAAA"), &[]), Err(DecodeError::Malformed(_))));
    assert_eq!(decode(&"A".repeat(journal::MAX_ENCODED_CHARS + 1), &[]), Err(DecodeError::TooLarge("text")));
    // A count of a billion inputs, a string of a terabyte, a tick of ages.
    let crafted = |bytes: &[u8]| format!("kj1.{}", b64(bytes));
    assert_eq!(decode(&crafted(&[1, 0, 3, 0x80, 0x94, 0xeb, 0xdc, 0x03]), &[]), Err(DecodeError::TooLarge("inputs")));
    assert_eq!(decode(&crafted(&[1, 0, 3, 1, 4, 0xff, 0xff, 0xff, 0xff, 0x0f]), &[]), Err(DecodeError::TooLarge("string")));
    assert_eq!(decode(&crafted(&[1, 0, 3, 1, 1, 0xff, 0xff, 0xff, 0xff, 0x0f]), &[]), Err(DecodeError::TooLarge("simulated time")));
    assert!(matches!(decode(&crafted(&[0xff; 12]), &[]), Err(DecodeError::Malformed(_))));
    assert!(matches!(decode(&crafted(&[1, 0, 3, 1, 9]), &[]), Err(DecodeError::Malformed(_))));
    assert!(matches!(decode(&crafted(&[1, 0, 3, 1, 6, 1, b'a', 2, 5]), &[]), Err(DecodeError::Malformed(_))));
    assert!(matches!(decode(&crafted(&[1, 0, 3, 1, 4, 2, 0xc3, 0x28]), &[]), Err(DecodeError::Malformed(_))));
    assert_eq!(decode(&crafted(&[1, 0, 0xF0, 0x2E]), &[]), Err(DecodeError::TooLarge("nodes"))); // 6,000 nodes
    // Every truncation.
    for cut in 0..good.len() {
        assert!(decode(&good[..cut], &[]).is_err(), "cut at {cut}");
    }
    // Random bytes, random text, and random damage to a good journal.
    let mut rng = Rng::new(99);
    let mut decoded_mutants = 0;
    for round in 0..3_000 {
        let len = rng.below(200) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.below(256) as u8).collect();
        let _ = decode(&String::from_utf8_lossy(&bytes), &[]);
        let _ = decode(&format!("kj1.{}", b64(&bytes)), KNOWN);
        let mut m: Vec<u8> = good.clone().into_bytes();
        for _ in 0..1 + rng.below(3) {
            let i = 4 + rng.below((m.len() - 4) as u64) as usize;
            m[i] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[rng.below(64) as usize];
        }
        if let Ok(j) = decode(std::str::from_utf8(&m).unwrap(), &[]) {
            decoded_mutants += 1;
            // What decodes must also replay without panicking (a few, replay costs time).
            if decoded_mutants <= 40 || round % 50 == 0 {
                let _ = replay(&j);
            }
        }
    }
    assert!(decoded_mutants > 0, "some damage only changes a command's text");
}

fn b64(bytes: &[u8]) -> String {
    // The encoder's own alphabet, through a journal-free route: encode a Write whose text
    // is irrelevant would not give raw bytes, so spell base64url here.
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut s = String::new();
    for c in bytes.chunks(3) {
        let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
        for k in 0..c.len() + 1 {
            s.push(A[(n >> (18 - 6 * k) & 63) as usize] as char);
        }
    }
    s
}

#[test]
fn view_at_matches_the_view_seen_live() {
    let live = long_scenario();
    let j = live.s.journal().unwrap();
    let mut rng = Rng::new(5);
    let times: Vec<u64> = live.views.keys().copied().collect();
    let mut checked = 0;
    for _ in 0..25 {
        let t = times[rng.below(times.len() as u64) as usize];
        let past = view_at(j, At::Time(Time(t))).unwrap();
        assert_eq!(&past, &live.views[&t], "at {t} ms");
        checked += 1;
    }
    assert_eq!(checked, 25);
    // Right after the DaemonSet was applied (before any tick), and at the end.
    let applied = j.inputs.iter().position(|i| matches!(i, Input::Apply { .. })).unwrap() + 1;
    let v = view_at(j, At::Input(applied)).unwrap();
    assert_eq!(v.now_ms, 2_000);
    assert_eq!(view_at(j, At::Input(j.inputs.len())).unwrap(), live.s.cluster.view());
    assert_eq!(view_at(j, At::Time(Time(u64::MAX))).unwrap(), live.s.cluster.view());
}

#[test]
fn view_at_cuts_inside_a_sleep_and_a_waiting_delete() {
    // A sleep is ticking: the view in the middle of one is the view of ticking there.
    let mut sleeper = Session::start(Setup::kind(8));
    sleeper.apply_file("web.yaml", WEB).unwrap();
    sleeper.run("sleep 60s", None);
    let mut ticker = Session::start(Setup::kind(8));
    ticker.apply_file("web.yaml", WEB).unwrap();
    ticker.tick(Dur::ms(23_700));
    assert_eq!(view_at(sleeper.journal().unwrap(), At::Time(Time(23_700))).unwrap(), ticker.cluster.view());

    // A delete waits for its pod to go: in the middle, the pod is there and terminating.
    let mut s = Session::start(Setup::kind(8));
    s.apply_file("web.yaml", WEB).unwrap();
    s.tick(Dur::secs(60));
    let before = s.cluster.now();
    s.run("kubectl delete pod web-1", None);
    let after = s.cluster.now();
    assert!(after > before, "the delete waited for the pod to stop");
    let j = s.journal().unwrap();
    let mid = view_at(j, At::Time(Time((before.millis() + after.millis()) / 2))).unwrap();
    let pod = |v: &ClusterView| v.nodes.iter().flat_map(|n| &n.pods).find(|p| p.name == "web-1").cloned();
    let mid_pod = pod(&mid).expect("web-1 is still there mid-delete");
    assert!(format!("{mid_pod:?}").contains("Terminating"), "{mid_pod:?}");
    let end = view_at(j, At::Time(after)).unwrap();
    assert_eq!(end, s.cluster.view());
}

/// The editor saves its buffer on every keystroke: only the last text before anything read
/// the file is kept, and replay still gives the same session.
#[test]
fn rewrites_of_a_file_before_it_is_read_keep_only_the_last() {
    let mut s = Session::start(Setup::kind(7));
    let mut typed = String::new();
    for (i, c) in DS.chars().enumerate() {
        typed.push(c);
        s.write_file("daemonset.yaml", &typed);
        if i % 40 == 0 {
            s.tick(Dur::ms(100));
        }
    }
    s.write_file("other.yaml", "a: 1\n");
    let j = s.journal().unwrap().clone();
    let writes: Vec<&Input> = j.inputs.iter().filter(|i| matches!(i, Input::Write { name, .. } if name == "daemonset.yaml")).collect();
    assert_eq!(writes.len(), 1, "one write of daemonset.yaml left: {:?}", j.inputs.len());
    // The ticks the dropped writes separated are one again.
    assert!(!j.inputs.windows(2).any(|w| matches!(w, [Input::Tick(_), Input::Tick(_)])));
    let r = replay(&j).unwrap();
    assert_eq!(r.files, s.files);
    assert_eq!(r.cluster.now(), s.cluster.now());

    // A command that reads the file in between keeps the earlier write: it used that text.
    let mut s = Session::start(Setup::kind(7));
    s.write_file("daemonset.yaml", DS);
    s.run("kubectl apply -f daemonset.yaml", None);
    s.write_file("daemonset.yaml", DS_V2);
    let j = s.journal().unwrap().clone();
    let writes = j.inputs.iter().filter(|i| matches!(i, Input::Write { .. })).count();
    assert_eq!(writes, 2);
    let r = replay(&j).unwrap();
    assert_eq!(r.cluster.state_hash(), s.cluster.state_hash());
}
