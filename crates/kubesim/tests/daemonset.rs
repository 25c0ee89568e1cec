//! DaemonSet details beyond the basics of `deployment_gc_nodes.rs`: checklist item 4 (pod
//! identity), RollingUpdate with maxSurge, ControllerRevisions and OnDelete (spec 3.4, 3.7).

use kubesim::cluster::kind_nodes;
use kubesim::query::{daemon_tolerations, template_hash};
use kubesim::Propagation;
use kubesim::model::{DaemonSet, Pod};
use kubesim::session::Session;
use kubesim::{Cluster, Dur, Key};
use std::collections::{BTreeMap, BTreeSet};

const RAND: &str = "bcdfghjklmnpqrstvwxz2456789";
const HASH: &str = "456789bcdf";

/// A DaemonSet `agent` with the given image and extra `spec` lines (indented two spaces).
fn ds(image: &str, extra_spec: &str) -> String {
    format!(
        "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
{extra_spec}  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: {image}
        command: [sleep, infinity]
"
    )
}

const SURGE_1: &str = "  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
";

fn cluster(workers: usize) -> Cluster {
    Cluster::with_nodes(1, &kind_nodes(workers))
}

fn apply(c: &mut Cluster, yaml: &str) {
    c.apply_text(yaml).expect("valid manifest");
}

fn agent(c: &Cluster) -> DaemonSet {
    c.daemonset(&Key::new("default", "agent")).expect("ds").clone()
}

fn current_hash(c: &Cluster) -> String {
    template_hash(agent(c).spec.template.as_ref().expect("template"))
}

fn ds_pods(c: &Cluster) -> Vec<&Pod> {
    c.pods().filter(|p| p.metadata.name.starts_with("agent-")).collect()
}

fn ready(p: &Pod) -> bool {
    p.status.phase == "Running" && p.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True")
}

fn live(p: &Pod) -> bool {
    p.metadata.deletion_timestamp.is_none()
}

fn worker_names(c: &Cluster) -> Vec<String> {
    c.nodes().filter(|n| n.metadata.name.contains("worker")).map(|n| n.metadata.name.clone()).collect()
}

/// Live pods per node, split into (old, new) by the revision hash label.
fn per_node(c: &Cluster, hash: &str) -> BTreeMap<String, (Vec<Pod>, Vec<Pod>)> {
    let mut m: BTreeMap<String, (Vec<Pod>, Vec<Pod>)> = BTreeMap::new();
    for p in ds_pods(c).into_iter().filter(|p| live(p)) {
        let node = kubesim::query::target_node(p).expect("pinned");
        let e = m.entry(node).or_default();
        if p.metadata.labels.get("controller-revision-hash").map(String::as_str) == Some(hash) {
            e.1.push(p.clone());
        } else {
            e.0.push(p.clone());
        }
    }
    m
}

fn rolled_out(c: &Cluster, hash: &str, nodes: &[String]) -> bool {
    let m = per_node(c, hash);
    nodes.iter().all(|n| m.get(n).is_some_and(|(old, new)| old.is_empty() && new.len() == 1 && ready(&new[0])))
        && ds_pods(c).iter().all(|p| live(p))
}

#[test]
fn item4_daemon_pod_names_labels_affinity_and_tolerations() {
    let mut c = cluster(3);
    apply(&mut c, &ds("busybox:1.36", ""));
    c.advance(Dur::secs(10));
    let hash = current_hash(&c);
    assert!(!hash.is_empty() && hash.len() <= 10 && hash.chars().all(|ch| HASH.contains(ch)), "{hash}");
    let pods = ds_pods(&c);
    assert_eq!(pods.len(), 3);
    let mut nodes = BTreeSet::new();
    for p in pods {
        let name = &p.metadata.name;
        // ^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$
        let suffix = name.strip_prefix("agent-").expect("prefix");
        assert!(suffix.len() == 5 && suffix.chars().all(|ch| RAND.contains(ch)), "{name}");
        assert_eq!(p.metadata.generate_name, "agent-");
        let l = &p.metadata.labels;
        assert_eq!(l.get("controller-revision-hash"), Some(&hash), "bare hash, no set-name prefix");
        assert_eq!(l.get("pod-template-generation").map(String::as_str), Some("1"));
        assert_eq!(l.get("app").map(String::as_str), Some("agent"));
        // Exactly one required term: matchFields metadata.name In [node].
        let req = p
            .spec
            .affinity
            .as_ref()
            .and_then(|a| a.node_affinity.as_ref())
            .and_then(|n| n.required_during_scheduling_ignored_during_execution.as_ref())
            .expect("required node affinity");
        assert_eq!(req.node_selector_terms.len(), 1);
        let term = &req.node_selector_terms[0];
        assert!(term.match_expressions.is_empty());
        assert_eq!(term.match_fields.len(), 1);
        let f = &term.match_fields[0];
        assert_eq!((f.key.as_str(), f.operator.as_str()), ("metadata.name", "In"));
        assert_eq!(f.values.len(), 1);
        assert_eq!(f.values[0], p.spec.node_name, "bound where it is pinned");
        nodes.insert(f.values[0].clone());
        // The daemon tolerations of 3.3, Exists and forever (no hostNetwork: no network-unavailable).
        for t in daemon_tolerations(false) {
            assert!(p.spec.tolerations.contains(&t), "{name} lacks {t:?}");
            assert!(t.toleration_seconds.is_none());
        }
        assert!(!p.spec.tolerations.iter().any(|t| t.key == "node.kubernetes.io/network-unavailable"));
        // Owned by the DaemonSet.
        let r = p.metadata.owner_references.iter().find(|r| r.controller == Some(true)).expect("controller ref");
        assert_eq!((r.kind.as_str(), r.name.as_str()), ("DaemonSet", "agent"));
        assert_eq!(r.block_owner_deletion, Some(true));
    }
    assert_eq!(nodes.len(), 3, "one pod per worker");
}

#[test]
fn host_network_adds_the_network_unavailable_toleration() {
    let mut c = cluster(1);
    let yaml = ds("busybox:1.36", "").replace("      containers:", "      hostNetwork: true\n      containers:");
    apply(&mut c, &yaml);
    c.advance(Dur::secs(10));
    let p = ds_pods(&c)[0].clone();
    for t in daemon_tolerations(true) {
        assert!(p.spec.tolerations.contains(&t), "{t:?}");
    }
}

/// Steps the clock until the rollout is done, checking the surge invariants at every step;
/// returns the most nodes that were surging (new pod not yet available next to an old one)
/// at once.
fn surge_rollout(c: &mut Cluster, max_surge: usize) -> usize {
    let nodes = worker_names(c);
    let hash = current_hash(c);
    let mut most = 0;
    let mut steps = 0;
    while !rolled_out(c, &hash, &nodes) {
        assert!(c.step(), "nothing left to do before the rollout finished");
        steps += 1;
        assert!(steps < 10_000);
        let m = per_node(c, &hash);
        // Never fewer than desired available pods: every node keeps a live, ready pod.
        for n in &nodes {
            let (old, new) = m.get(n).cloned().unwrap_or_default();
            assert!(old.iter().chain(new.iter()).any(ready), "node {n} without an available daemon pod at {:?}", c.now());
            assert!(old.len() <= 1 && new.len() <= 1, "at most one old and one new pod on {n}");
        }
        let surging = m.values().filter(|(old, new)| !old.is_empty() && !new.is_empty()).count();
        assert!(surging <= max_surge, "{surging} nodes surging, maxSurge {max_surge}");
        most = most.max(surging);
        let st = agent(c).status;
        assert_eq!(st.number_unavailable, 0, "{st:?}");
    }
    most
}

#[test]
fn max_surge_one_replaces_one_node_at_a_time_without_losing_availability() {
    let mut c = cluster(4);
    apply(&mut c, &ds("busybox:1.36", SURGE_1));
    c.advance(Dur::secs(10));
    let old_names: BTreeSet<String> = ds_pods(&c).iter().map(|p| p.metadata.name.clone()).collect();
    assert_eq!(old_names.len(), 4);
    apply(&mut c, &ds("busybox:1.37", SURGE_1));
    // Right after the change exactly one node gets a new pod next to its old one.
    let hash = current_hash(&c);
    let m = per_node(&c, &hash);
    let surging: Vec<&String> = m.iter().filter(|(_, (o, n))| o.len() == 1 && n.len() == 1).map(|(k, _)| k).collect();
    assert_eq!(surging.len(), 1, "{m:?}");
    assert_eq!(ds_pods(&c).len(), 5);
    assert_eq!(surge_rollout(&mut c, 1), 1);
    let st = agent(&c).status;
    assert_eq!((st.desired_number_scheduled, st.updated_number_scheduled, st.number_available), (4, 4, 4));
    c.advance(Dur::secs(10));
    let pods = ds_pods(&c);
    assert_eq!(pods.len(), 4);
    assert!(pods.iter().all(|p| !old_names.contains(&p.metadata.name)));
    assert!(pods.iter().all(|p| p.spec.containers[0].image == "busybox:1.37"));
}

#[test]
fn max_surge_percentage_rounds_up_against_desired() {
    let mut c = cluster(5);
    let surge = SURGE_1.replace("maxSurge: 1", "maxSurge: 25%");
    apply(&mut c, &ds("busybox:1.36", &surge));
    c.advance(Dur::secs(10));
    apply(&mut c, &ds("busybox:1.37", &surge));
    // 25% of 5 = 1.25, rounded up: two nodes at a time.
    assert_eq!(surge_rollout(&mut c, 2), 2);
}

#[test]
fn max_surge_replaces_an_unavailable_old_pod_at_once() {
    let mut s = Session::new(cluster(4));
    s.cluster.apply_text(&ds("busybox:1.36", SURGE_1)).expect("valid");
    s.cluster.advance(Dur::secs(10));
    let sick = ds_pods(&s.cluster).iter().find(|p| p.spec.node_name == "kind-worker3").expect("pod").metadata.name.clone();
    let out = s.run(&format!("sim pod unready {sick}"), None);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    s.cluster.advance(Dur::secs(30));
    assert!(!ready(s.cluster.pod(&Key::new("default", &sick)).expect("pod")));
    s.cluster.apply_text(&ds("busybox:1.37", SURGE_1)).expect("valid");
    let hash = current_hash(&s.cluster);
    let m = per_node(&s.cluster, &hash);
    // The unready node gets its new pod at once, on top of the one surge node.
    assert_eq!(m["kind-worker3"].1.len(), 1, "{m:?}");
    assert_eq!(m.values().filter(|(_, n)| !n.is_empty()).count(), 2, "{m:?}");
    // The unready old pod goes without waiting for the new one.
    let old = s.cluster.pod(&Key::new("default", &sick));
    assert!(old.is_none_or(|p| !live(p)), "unready old pod still live");
    s.cluster.advance(Dur::secs(60));
    assert!(rolled_out(&s.cluster, &hash, &worker_names(&s.cluster)));
}

#[test]
fn surge_keeps_both_pods_until_the_new_one_is_available_min_ready_seconds() {
    let mut c = cluster(2);
    let spec = format!("  minReadySeconds: 10\n{SURGE_1}");
    apply(&mut c, &ds("busybox:1.36", &spec));
    c.advance(Dur::secs(30));
    apply(&mut c, &ds("busybox:1.37", &spec));
    let hash = current_hash(&c);
    // Ready after a few seconds, but not available for 10 more: the old pod stays.
    c.advance(Dur::secs(8));
    let m = per_node(&c, &hash);
    let (node, (old, new)) = m.iter().find(|(_, (_, n))| !n.is_empty()).expect("surge node");
    assert!(ready(&new[0]), "new pod on {node} ready");
    assert_eq!(old.len(), 1, "old pod kept while the new one is not available yet");
    c.advance(Dur::secs(120));
    assert!(rolled_out(&c, &hash, &worker_names(&c)));
}

fn revisions(c: &Cluster) -> Vec<(String, i64)> {
    let mut v: Vec<(String, i64)> = c
        .controllerrevisions()
        .filter(|r| r.metadata.name.starts_with("agent-"))
        .map(|r| (r.metadata.name.clone(), r.revision))
        .collect();
    v.sort_by_key(|r| r.1);
    v
}

#[test]
fn controller_revisions_are_named_numbered_owned_and_reused() {
    let mut s = Session::new(cluster(2));
    s.cluster.apply_text(&ds("busybox:1.36", "")).expect("valid");
    s.cluster.advance(Dur::secs(10));
    let h1 = current_hash(&s.cluster);
    let r1 = format!("agent-{h1}");
    assert_eq!(revisions(&s.cluster), vec![(r1.clone(), 1)]);
    let uid = agent(&s.cluster).metadata.uid;
    let rev = s.cluster.controllerrevisions().find(|r| r.metadata.name == r1).expect("revision").clone();
    let owner = &rev.metadata.owner_references[0];
    assert_eq!((owner.kind.as_str(), owner.name.as_str(), owner.uid.as_str()), ("DaemonSet", "agent", uid.as_str()));
    assert_eq!((owner.controller, owner.block_owner_deletion), (Some(true), Some(true)));
    assert_eq!(rev.metadata.labels.get("controller-revision-hash"), Some(&h1));
    assert_eq!(rev.metadata.labels.get("app").map(String::as_str), Some("agent"));
    let tmpl = &rev.data["spec"]["template"];
    assert_eq!(tmpl["$patch"], "replace");
    assert_eq!(tmpl["spec"]["containers"][0]["image"], "busybox:1.36");

    s.cluster.apply_text(&ds("busybox:1.37", "")).expect("valid");
    s.cluster.advance(Dur::secs(30));
    let h2 = current_hash(&s.cluster);
    assert_ne!(h1, h2);
    let r2 = format!("agent-{h2}");
    assert_eq!(revisions(&s.cluster), vec![(r1.clone(), 1), (r2.clone(), 2)]);

    // Back to the first template: its revision is reused with the next number.
    s.cluster.apply_text(&ds("busybox:1.36", "")).expect("valid");
    s.cluster.advance(Dur::secs(30));
    assert_eq!(current_hash(&s.cluster), h1);
    assert_eq!(revisions(&s.cluster), vec![(r2.clone(), 2), (r1.clone(), 3)]);
    assert!(ds_pods(&s.cluster).iter().all(|p| p.metadata.labels.get("controller-revision-hash") == Some(&h1)));

    // kubectl lists them.
    let out = s.run("kubectl get controllerrevisions", None);
    assert!(out.stdout.contains(&r1) && out.stdout.contains(&r2), "{}", out.stdout);

    // Deleting the DaemonSet takes its history with it.
    s.cluster.delete_object("DaemonSet", &Key::new("default", "agent"), Propagation::Background, None).expect("exists");
    s.cluster.advance(Dur::secs(60));
    assert!(revisions(&s.cluster).is_empty());
    assert!(s.cluster.pod_indexes_consistent());
}

#[test]
fn revision_history_is_pruned_to_the_limit_but_keeps_revisions_in_use() {
    let mut c = cluster(2);
    let spec = "  revisionHistoryLimit: 1\n";
    for (i, tag) in ["1.34", "1.35", "1.36", "1.37"].iter().enumerate() {
        apply(&mut c, &ds(&format!("busybox:{tag}"), spec));
        c.advance(Dur::secs(60));
        let hash = current_hash(&c);
        assert!(rolled_out(&c, &hash, &worker_names(&c)));
        let revs = revisions(&c);
        // The current revision plus at most one old one.
        assert_eq!(revs.len(), (i + 1).min(2), "{revs:?}");
        assert_eq!(revs.last().map(|r| r.1), Some(i as i64 + 1));
    }
    // Mid-rollout the revision of the old pods is in use and stays even beyond the limit.
    let mut c = cluster(3);
    let spec = "  revisionHistoryLimit: 0\n";
    apply(&mut c, &ds("busybox:1.36", spec));
    c.advance(Dur::secs(30));
    let h1 = current_hash(&c);
    apply(&mut c, &ds("busybox:1.37", spec));
    let names: Vec<String> = revisions(&c).into_iter().map(|r| r.0).collect();
    assert!(names.contains(&format!("agent-{h1}")), "{names:?}");
    c.advance(Dur::secs(120));
    assert_eq!(revisions(&c).len(), 1);
}

#[test]
fn on_delete_replaces_only_pods_the_user_deletes_with_the_new_template() {
    let mut c = cluster(3);
    let spec = "  updateStrategy:\n    type: OnDelete\n";
    apply(&mut c, &ds("busybox:1.36", spec));
    c.advance(Dur::secs(10));
    let before: BTreeMap<String, String> = ds_pods(&c).iter().map(|p| (p.spec.node_name.clone(), p.metadata.name.clone())).collect();
    let h1 = current_hash(&c);
    apply(&mut c, &ds("busybox:1.37", spec));
    let h2 = current_hash(&c);
    assert_ne!(h1, h2);
    c.advance(Dur::secs(120));
    // Nothing replaced automatically.
    let now: BTreeMap<String, String> = ds_pods(&c).iter().map(|p| (p.spec.node_name.clone(), p.metadata.name.clone())).collect();
    assert_eq!(before, now);
    assert!(ds_pods(&c).iter().all(|p| p.metadata.labels.get("controller-revision-hash") == Some(&h1)));
    let st = agent(&c).status;
    assert_eq!((st.updated_number_scheduled, st.number_available), (0, 3));
    // The user deletes one: it comes back (after the old one is gone) at the new revision.
    let victim = before["kind-worker2"].clone();
    c.delete_object("Pod", &Key::new("default", &victim), Propagation::Background, None).expect("exists");
    c.advance(Dur::secs(60));
    let pods = ds_pods(&c);
    assert_eq!(pods.len(), 3);
    let fresh = pods.iter().find(|p| p.spec.node_name == "kind-worker2").expect("replacement");
    assert_ne!(fresh.metadata.name, victim);
    assert_eq!(fresh.metadata.labels.get("controller-revision-hash"), Some(&h2));
    assert_eq!(fresh.metadata.labels.get("pod-template-generation").map(String::as_str), Some("2"));
    assert_eq!(fresh.spec.containers[0].image, "busybox:1.37");
    for (node, name) in &before {
        if node != "kind-worker2" {
            let p = c.pod(&Key::new("default", name)).expect("untouched");
            assert_eq!(p.metadata.labels.get("controller-revision-hash"), Some(&h1));
        }
    }
    assert_eq!(agent(&c).status.updated_number_scheduled, 1);
    assert!(c.pod_indexes_consistent());
}
