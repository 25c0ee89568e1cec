//! The simulated cluster: the facade that owns the state (`state/`) and runs the control
//! loop over it: work items and timers dispatched, in order, to the controllers, the
//! scheduler and the kubelet stand-in, which are functions over the state (their modules).

use crate::api::model::*;
use crate::apiserver::apply::{Applied, ApplyError, ApplyOutcome};
use crate::apiserver::warnings::ManifestWarning;
use crate::api::meta::Key;
use crate::runtime::queue::{TimerKind, Work};
use crate::runtime::time::{Dur, Time};
use crate::state::{Informers, State};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::{Deref, DerefMut};

mod warnings;

// Paths the course, the app and the upper layers use.
pub use crate::apiserver::nodes::NodeSpecInput;
pub use crate::runtime::history::{Happening, HappeningKind};
pub use crate::runtime::time::parse_rfc3339;
pub use crate::state::{KubeletState, PodRuntime, PodStage, SimilarEvents, Timings, K8S_VERSION};

/// A fresh `kind` cluster: one control-plane node and `workers` workers.
pub fn kind_nodes(workers: usize) -> Vec<NodeSpecInput> {
    let mut v = vec![NodeSpecInput::control_plane("kind-control-plane")];
    for i in 0..workers {
        let name = if i == 0 { "kind-worker".to_string() } else { format!("kind-worker{}", i + 1) };
        v.push(NodeSpecInput::worker(&name));
    }
    v
}

/// The most nodes a node spec may ask for: enough for the benchmarks (1,000 nodes), few
/// enough that a mistyped link cannot freeze the page.
pub const MAX_SPEC_NODES: usize = 5_000;

/// Reads a node spec, as `kubesim --nodes` and the page's `?nodes=` take it: either a
/// number N (a kind cluster with N workers) or a comma list of node names, each optionally
/// suffixed `:cp` for a control-plane node.
pub fn parse_node_spec(spec: &str) -> Result<Vec<NodeSpecInput>, String> {
    let spec = spec.trim();
    if let Ok(n) = spec.parse::<usize>() {
        if n > MAX_SPEC_NODES {
            return Err(format!("at most {MAX_SPEC_NODES} workers, not {n}"));
        }
        return Ok(kind_nodes(n));
    }
    let mut v: Vec<NodeSpecInput> = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (name, cp) = match part.strip_suffix(":cp") {
            Some(n) => (n, true),
            None => (part, false),
        };
        let valid = name.len() <= 253
            && name.split('.').all(|p| {
                !p.is_empty()
                    && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && !p.starts_with('-')
                    && !p.ends_with('-')
            });
        if !valid {
            return Err(format!("node name {name:?} is not a lowercase RFC 1123 subdomain"));
        }
        if v.iter().any(|x| x.name == name) {
            return Err(format!("node {name} is named twice"));
        }
        if v.len() > MAX_SPEC_NODES {
            return Err(format!("at most {} nodes", MAX_SPEC_NODES + 1));
        }
        v.push(if cp { NodeSpecInput::control_plane(name) } else { NodeSpecInput::worker(name) });
    }
    if v.is_empty() {
        return Err("a node spec needs at least one node".into());
    }
    Ok(v)
}

/// A simulated cluster. It reads as its state (`Deref`): objects, clock, history, and the
/// API server's operations; what runs the control loop is here.
#[derive(Clone, Debug)]
pub struct Cluster {
    state: State,
}

impl Deref for Cluster {
    type Target = State;
    fn deref(&self) -> &State {
        &self.state
    }
}

impl DerefMut for Cluster {
    fn deref_mut(&mut self) -> &mut State {
        &mut self.state
    }
}

/// The controllers' pod event handlers the API server's write path calls (see
/// `Informers`): the endpoints controller's and the PV controller's.
fn informers() -> Informers {
    Informers {
        touched: crate::controllers::service::pod_touched,
        released: crate::controllers::storage::pod_released,
        removed: crate::controllers::service::pod_removed,
        claim_changed: crate::controllers::common::claim_changed,
    }
}

/// The cluster serializes as its state, field for field (what `state_hash` hashes).
impl Serialize for Cluster {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.state.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Cluster {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Cluster, D::Error> {
        State::deserialize(d).map(|mut state| {
            state.informers = informers();
            Cluster { state }
        })
    }
}

impl Cluster {
    /// A cluster like a fresh `kind` cluster: one control-plane node and three workers.
    pub fn new(seed: u64) -> Cluster {
        Cluster::with_nodes(seed, &kind_nodes(3))
    }

    pub fn with_nodes(seed: u64, nodes: &[NodeSpecInput]) -> Cluster {
        let mut c = Cluster { state: State::empty(seed, informers()) };
        for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            let mut n = Namespace { api_version: "v1".into(), kind: "Namespace".into(), ..Default::default() };
            n.metadata.name = ns.into();
            n.metadata.labels.insert("kubernetes.io/metadata.name".into(), ns.into());
            c.stamp_new(&mut n);
            c.store.namespaces.insert(ns.into(), n);
        }
        let mut sc = StorageClass {
            api_version: "storage.k8s.io/v1".into(),
            kind: "StorageClass".into(),
            provisioner: "rancher.io/local-path".into(),
            reclaim_policy: Some("Delete".into()),
            volume_binding_mode: Some("WaitForFirstConsumer".into()),
            ..Default::default()
        };
        sc.metadata.name = "standard".into();
        sc.metadata
            .annotations
            .insert("storageclass.kubernetes.io/is-default-class".into(), "true".into());
        c.stamp_new(&mut sc);
        c.store.storageclasses.insert("standard".into(), sc);
        for n in nodes {
            // A repeated name is skipped: the first node of that name stays.
            let _ = c.add_node(n.clone());
        }
        crate::apiserver::services::add_kubernetes_service(&mut c);
        c.settle();
        c
    }

    // ------------------------------------------------------------ time

    /// Runs the control loop until nothing is left to do at the current instant.
    pub fn settle(&mut self) {
        let mut guard = 0usize;
        while let Some(w) = self.rt.queue.pop_front() {
            self.rt.queued.remove(&w);
            self.rt.work_done += 1;
            guard += 1;
            if guard > 5_000_000 {
                // A controller that keeps re-queueing itself would otherwise spin forever.
                self.rt.queue.clear();
                self.rt.queued.clear();
                break;
            }
            match w {
                Work::SyncDaemonSet(k) => crate::controllers::daemonset::sync(self, &k),
                Work::Schedule(k) => crate::controllers::scheduler::schedule(self, &k),
                Work::Kubelet(k) => crate::kubelet::on_change(self, &k),
                Work::SyncDeployment(k) => crate::controllers::deployment::sync(self, &k),
                Work::SyncReplicaSet(k) => crate::controllers::replicaset::sync(self, &k),
                Work::GarbageCollect { ns, uid } => crate::controllers::gc::collect(self, &ns, &uid),
                Work::NodeMonitor(n) => {
                    let kubelet = self.agents.kubelets.get(&n).copied();
                    crate::controllers::nodelifecycle::monitor(self, &n, kubelet)
                }
                Work::TaintEviction(n) => crate::controllers::nodelifecycle::evict(self, &n),
                Work::PodGc(n) => crate::controllers::nodelifecycle::pod_gc(self, &n),
                Work::SyncStatefulSet(k) => crate::controllers::statefulset::sync(self, &k),
                Work::SyncClaim(k) => crate::controllers::storage::sync_claim(self, &k),
                Work::SyncVolume(n) => crate::controllers::storage::sync_volume(self, &n),
                Work::Provision(k) => crate::controllers::storage::provision(self, &k),
                Work::SyncEndpoints(k) => crate::controllers::service::sync_endpoints(self, &k),
            }
        }
    }


    fn fire_due(&mut self) {
        while let Some(Reverse(t)) = self.rt.timers.peek() {
            if t.at > self.rt.now {
                break;
            }
            let Reverse(t) = self.rt.timers.pop().expect("peeked");
            self.rt.work_done += 1;
            match t.kind {
                TimerKind::Kubelet { pod, uid } => crate::kubelet::on_timer(self, &pod, &uid),
                TimerKind::Probe { pod, uid } => crate::kubelet::on_probe(self, &pod, &uid),
                TimerKind::Restart { pod, uid } => crate::kubelet::on_restart(self, &pod, &uid),
                TimerKind::Exit { pod, uid } => crate::kubelet::on_exit(self, &pod, &uid),
                TimerKind::Resync(w) => {
                    self.rt.resyncs.remove(&(t.at, w.clone()));
                    self.enqueue(w)
                }
            }
        }
        // Everything due at this instant has happened; controllers react once to all of it
        // (as a work queue coalesces a burst of watch events), so a burst of n pod changes
        // costs one sync of their owner, not n.
        self.settle();
    }

    /// Advances the clock by `d`, running everything that falls due on the way, in order.
    pub fn advance(&mut self, d: Dur) {
        let target = self.rt.now.plus(d);
        self.settle();
        while let Some(at) = self.next_event_at() {
            if at > target {
                break;
            }
            self.rt.now = self.rt.now.max(at);
            self.fire_due();
        }
        self.rt.now = target;
        self.settle();
    }

    /// Moves the clock forward until `done` holds or `limit` has passed, running what falls
    /// due on the way (what a command that waits, like `kubectl delete`, lets happen).
    pub fn advance_until(&mut self, limit: Dur, done: impl Fn(&Cluster) -> bool) {
        let deadline = self.rt.now.plus(limit);
        self.settle();
        while !done(self) {
            match self.next_event_at() {
                Some(at) if at <= deadline => {
                    self.rt.now = self.rt.now.max(at);
                    self.fire_due();
                }
                _ => {
                    self.rt.now = deadline;
                    self.settle();
                    break;
                }
            }
        }
    }

    /// Jumps to the next timed thing and runs it; returns false when nothing is pending.
    pub fn step(&mut self) -> bool {
        self.settle();
        match self.next_event_at() {
            Some(at) => {
                self.rt.now = self.rt.now.max(at);
                self.fire_due();
                true
            }
            None => false,
        }
    }


    /// FNV-1a 64 of a canonical serialization of the whole cluster state (every field that
    /// `Serialize` writes: objects, clock, generator state, timers, queues, indexes, history).
    /// Equal states give equal hashes whatever the order in which their maps were filled;
    /// pending timers count as a set (the heap's internal layout does not matter).
    pub fn state_hash(&self) -> u64 {
        let mut canonical = self.state.clone();
        canonical.forget_gone_pods();
        canonical.ctx.rt.timers = BinaryHeap::from(std::mem::take(&mut canonical.ctx.rt.timers).into_sorted_vec());
        crate::runtime::state_hash::fnv1a64(&crate::runtime::state_hash::canonical_bytes(&canonical))
    }


    /// Simulated time at which an object was created.
    pub fn created_at(meta: &ObjectMeta) -> Time {
        crate::state::Ctx::created_at(meta)
    }

    // ------------------------------------------------------------ writes that let the loop run

    /// Reads, validates and applies a manifest: all of it, or nothing.
    pub fn apply_text(&mut self, text: &str) -> Result<Vec<ApplyOutcome>, ApplyError> {
        self.apply_text_with_warnings(text).map(|a| a.outcomes)
    }

    /// [`Cluster::apply_text`], with the warnings (worded by the app) found before applying.
    /// The control loop runs after each document, as the API server's watchers would see them.
    pub fn apply_text_with_warnings(&mut self, text: &str) -> Result<Applied, ApplyError> {
        let docs = self.state.prepare_apply(text)?;
        let warnings = self.state.manifest_warnings(&docs, text);
        let outcomes = docs
            .into_iter()
            .map(|d| {
                let o = self.state.apply_document(d);
                self.settle();
                o
            })
            .collect();
        Ok(Applied { outcomes, warnings })
    }

    /// What applying `text` would say before it changes anything: the first error, or the
    /// warnings. The cluster is only read (the editor's check while the student types).
    pub fn check_text(&self, text: &str) -> Result<Vec<ManifestWarning>, ApplyError> {
        let docs = self.state.prepare_apply(text)?;
        Ok(self.state.manifest_warnings(&docs, text))
    }

    /// `kubectl scale sts NAME --replicas=N`.
    pub fn scale_statefulset(&mut self, k: &Key, replicas: i32) -> bool {
        if !self.state.scale_statefulset_spec(k, replicas) {
            return false;
        }
        self.settle();
        true
    }
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClusterView;

    fn record(c: &mut Cluster, msg: &str) {
        let k = Key::new("default", "web-0");
        c.record_event("Pod", &k, "uid-1", "Warning", "FailedMount", msg.to_string(), "kubelet", "n1");
    }

    #[test]
    fn revision_moves_with_changes_and_stays_when_only_time_passes() {
        let mut c = Cluster::new(1);
        c.advance(Dur::secs(5));
        let idle = c.revision();
        c.advance(Dur::secs(5));
        assert_eq!(c.revision(), idle, "nothing due: only the clock moved");
        c.apply_text("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\nspec:\n  selector:\n    matchLabels:\n      app: a\n  template:\n    metadata:\n      labels:\n        app: a\n    spec:\n      containers:\n      - name: a\n        image: nginx\n").unwrap();
        let applied = c.revision();
        assert_ne!(applied, idle);
        let mut last = applied;
        let mut moved = 0;
        for _ in 0..100 {
            let before = c.view();
            c.advance(Dur::ms(100));
            let after = c.view();
            let same = ClusterView { now_ms: 0, ..after.clone() } == ClusterView { now_ms: 0, ..before };
            if c.revision() == last {
                assert!(same, "the view changed at {} ms but the revision did not", after.now_ms);
            } else {
                moved += 1;
            }
            last = c.revision();
        }
        assert!(moved > 0, "the rollout never moved the revision");
    }

    #[test]
    fn node_specs_read_a_count_or_a_list_and_refuse_bad_ones() {
        let v = parse_node_spec("2").unwrap();
        assert_eq!(v.iter().map(|n| (n.name.as_str(), n.control_plane)).collect::<Vec<_>>(), [("kind-control-plane", true), ("kind-worker", false), ("kind-worker2", false)]);
        let v = parse_node_spec("cp:cp, a,b").unwrap();
        assert_eq!(v.iter().map(|n| (n.name.as_str(), n.control_plane)).collect::<Vec<_>>(), [("cp", true), ("a", false), ("b", false)]);
        for bad in ["", " , ", "A", "a,a", "-x", "a_b", "5001"] {
            assert!(parse_node_spec(bad).is_err(), "{bad:?} was accepted");
        }
        assert_eq!(parse_node_spec("1000").unwrap().len(), 1001);
    }

    #[test]
    fn identical_events_fold_into_a_count() {
        let mut c = Cluster::with_nodes(1, &[]);
        let before = c.events().len();
        record(&mut c, "same");
        c.advance(Dur::secs(5));
        record(&mut c, "same");
        assert_eq!(c.events().len(), before + 1);
        let e = c.events().last().unwrap();
        assert_eq!(e.count, 2);
        assert_ne!(e.first_timestamp, e.last_timestamp);
    }

    #[test]
    fn many_similar_events_are_combined() {
        let mut c = Cluster::with_nodes(1, &[]);
        let before = c.events().len();
        for i in 0..9 {
            record(&mut c, &format!("volume {i} not found"));
        }
        assert_eq!(c.events().len(), before + 9);
        assert!(c.events().iter().all(|e| !e.message.starts_with("(combined")));
        // The 10th distinct message within 600 s is combined, and so are later new ones,
        // all into one event that counts them.
        record(&mut c, "volume 9 not found");
        record(&mut c, "volume 10 not found");
        assert_eq!(c.events().len(), before + 10);
        let e = c.events().last().unwrap();
        assert_eq!(e.message, "(combined from similar events): volume 10 not found");
        assert_eq!(e.count, 2);
        // Other reasons and objects are not affected.
        let k = Key::new("default", "web-1");
        c.record_event("Pod", &k, "uid-2", "Warning", "FailedMount", "volume 0 not found".into(), "kubelet", "n1");
        assert_eq!(c.events().last().unwrap().message, "volume 0 not found");
    }

    #[test]
    fn similar_events_window_is_600_seconds() {
        let mut c = Cluster::with_nodes(1, &[]);
        for i in 0..9 {
            record(&mut c, &format!("m{i}"));
        }
        c.advance(Dur::secs(601));
        record(&mut c, "m9");
        assert_eq!(c.events().last().unwrap().message, "m9");
    }
}

