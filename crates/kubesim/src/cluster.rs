//! The simulated cluster: object store, logical clock, timers, work queue and event log.
//! Everything that changes the cluster goes through here; controllers, the scheduler and
//! the kubelet stand-in are functions over it (see their modules).

use crate::api::model::*;
use crate::runtime::rand::Rng;
use crate::api::meta::{Key, Object};
use crate::runtime::time::{Dur, Time};
use crate::runtime::why::WhyRecord;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, VecDeque};

/// client-go `EventAggregator`: similar events are combined from the 10th distinct message
/// on, counted within a 600 s window since the last similar one.
const AGGREGATE_MAX_EVENTS: usize = 10;
const AGGREGATE_WINDOW_SECS: u64 = 600;

/// Kubernetes version the simulated cluster reports (`kubectl version`, node VERSION).
pub const K8S_VERSION: &str = "v1.33.1";

/// The shape of a cluster at creation: nodes and their roles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeSpecInput {
    pub name: String,
    pub control_plane: bool,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub taints: Vec<Taint>,
}

impl NodeSpecInput {
    pub fn worker(name: &str) -> NodeSpecInput {
        NodeSpecInput { name: name.into(), control_plane: false, labels: BTreeMap::new(), taints: vec![] }
    }
    pub fn control_plane(name: &str) -> NodeSpecInput {
        NodeSpecInput { name: name.into(), control_plane: true, labels: BTreeMap::new(), taints: vec![] }
    }
}

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

/// Timed things the cluster does by itself.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TimerKind {
    /// The kubelet moves a pod to its next stage.
    Kubelet { pod: Key, uid: String },
    /// A controller asked to look again later (e.g. when minReadySeconds elapse).
    Resync(Work),
    /// The kubelet runs a failing readiness probe again.
    Probe { pod: Key, uid: String },
    /// The kubelet decides whether to restart an exited container (crash loop back-off).
    Restart { pod: Key, uid: String },
    /// A crashing container exits.
    Exit { pod: Key, uid: String },
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Timer {
    at: Time,
    seq: u64,
    kind: TimerKind,
}

/// Work the control loop has to do, deduplicated while queued.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Work {
    SyncDaemonSet(Key),
    Schedule(Key),
    Kubelet(Key),
    SyncDeployment(Key),
    SyncReplicaSet(Key),
    /// The garbage collector looks at the dependents of the object with this uid.
    GarbageCollect { ns: String, uid: String },
    /// The node lifecycle controller looks at a node's health and condition taints.
    NodeMonitor(String),
    /// The taint eviction controller looks at the pods of a node with NoExecute taints.
    TaintEviction(String),
    /// The pod garbage collector looks for pods bound to a vanished node.
    PodGc(String),
    SyncStatefulSet(Key),
    /// PV controller pass over a claim.
    SyncClaim(Key),
    /// PV controller pass over a volume.
    SyncVolume(String),
    /// The external provisioner creates the claim's volume.
    Provision(Key),
    SyncEndpoints(Key),
}

/// What happened, in order, for goals and timelines: a plain log with simulated times.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Happening {
    pub at: Time,
    pub what: HappeningKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HappeningKind {
    PodCreated { pod: Key, owner_kind: String, owner: String },
    PodScheduled { pod: Key, node: String },
    PodRunning { pod: Key },
    PodReady { pod: Key },
    PodTerminating { pod: Key },
    PodDeleted { pod: Key },
    NodeAdded { node: String },
    NodeRemoved { node: String },
    ObjectApplied { kind: String, key: Key, verb: String },
    ObjectDeleted { kind: String, key: Key },
}

/// The kubelet stand-in's private progress for one pod (not part of the API object).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodRuntime {
    pub uid: String,
    pub stage: PodStage,
    /// The readiness probe fails (`sim pod unready`); consecutive failures so far.
    #[serde(default)]
    pub probe_failing: bool,
    #[serde(default)]
    pub probe_failures: u32,
    /// The container exits with an error shortly after each start (`sim pod crash`).
    #[serde(default)]
    pub crashing: bool,
    /// The kubelet's restart back-off for the container: 0 before the first restart.
    #[serde(default)]
    pub backoff_secs: u64,
    /// What the container's command printed the last time it ran to its end (`kubectl logs`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub output: String,
}

/// What the kubelet of a node does (the `sim node` controls).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum KubeletState {
    /// Posts status as usual.
    #[default]
    Posting,
    /// Stopped posting (machine down or cut off) at this time.
    Stopped { since: Time },
    /// Alive, but reports the node not ready (e.g. container runtime network down).
    NotReady,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PodStage {
    /// Bound; the kubelet has not reported yet.
    Bound,
    /// Sandbox being created; `ContainerCreating`.
    Creating,
    /// Image pull in progress.
    Pulling,
    /// Containers running, waiting for readiness.
    Started,
    /// Running and ready.
    Ready,
    /// Containers being stopped after deletion.
    Stopping,
    /// Containers stopped; the object is about to be removed.
    Stopped,
    /// The container's command ended and the restart policy keeps it ended (`Never`, or
    /// `OnFailure` after a success): the pod is `Completed` or `Error` until deleted.
    Finished,
}

/// Default durations of the kubelet stand-in: a few simulated seconds, so that the order of
/// things is visible at 1× speed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timings {
    /// From binding to the kubelet's first status (`ContainerCreating`).
    pub kubelet_pickup: Dur,
    /// From `ContainerCreating` to the containers started, when the image is cached.
    pub start_cached: Dur,
    /// Image pull time when the image is not on the node yet.
    pub image_pull: Dur,
    /// How long containers take to stop after SIGTERM (capped by the grace period).
    pub stop: Dur,
    /// From containers stopped to the object being removed.
    pub remove_after_stop: Dur,
    /// How long the dynamic provisioner takes to create a volume.
    #[serde(default = "default_provision")]
    pub provision: Dur,
}

fn default_provision() -> Dur {
    Dur::ms(1000)
}

impl Default for Timings {
    fn default() -> Timings {
        Timings {
            kubelet_pickup: Dur::ms(500),
            start_cached: Dur::ms(1000),
            image_pull: Dur::ms(2500),
            stop: Dur::ms(1000),
            remove_after_stop: Dur::ms(500),
            provision: default_provision(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Cluster {
    pub seed: u64,
    pub now: Time,
    pub(crate) rng: Rng,
    pub timings: Timings,
    next_rv: u64,
    /// Timers fired and work items run (see `revision`). Not part of the state: two clusters
    /// that differ only here are the same cluster.
    #[serde(skip)]
    work_done: u64,
    next_uid: u64,
    timer_seq: u64,
    timers: BinaryHeap<Reverse<Timer>>,
    queue: VecDeque<Work>,
    queued: BTreeSet<Work>,
    pub(crate) nodes: BTreeMap<String, Node>,
    pub(crate) pods: BTreeMap<Key, Pod>,
    pub(crate) daemonsets: BTreeMap<Key, DaemonSet>,
    #[serde(default)]
    pub(crate) deployments: BTreeMap<Key, Deployment>,
    #[serde(default)]
    pub(crate) replicasets: BTreeMap<Key, ReplicaSet>,
    pub(crate) namespaces: BTreeMap<String, Namespace>,
    pub(crate) storageclasses: BTreeMap<String, StorageClass>,
    pub(crate) events: Vec<Event>,
    #[serde(skip)]
    event_index: HashMap<(String, String, String, String), usize>,
    /// Pods not bound to a node yet (the scheduler's queue).
    pub(crate) unscheduled: BTreeSet<Key>,
    /// Images present on each node.
    pub(crate) node_images: BTreeMap<String, BTreeSet<String>>,
    /// Next host byte for pod IPs on each node.
    pub(crate) node_ip_next: BTreeMap<String, u32>,
    /// Index of the node's /24 in 10.244.0.0/16.
    pub(crate) node_subnet: BTreeMap<String, u32>,
    next_subnet: u32,
    pub(crate) runtime: BTreeMap<Key, PodRuntime>,
    /// Pods per node, for the scheduler and the view.
    pub(crate) pods_on_node: BTreeMap<String, BTreeSet<Key>>,
    pub(crate) why: BTreeMap<(String, Key), WhyRecord>,
    pub history: Vec<Happening>,
    resyncs: BTreeSet<(Time, Work)>,
    /// Kubelet state per node; absent means posting.
    #[serde(default)]
    pub(crate) kubelets: BTreeMap<String, KubeletState>,
    /// Pods the taint eviction controller has scheduled for deletion.
    #[serde(default)]
    pub(crate) scheduled_evictions: BTreeSet<Key>,
    /// Similar-event aggregation of client-go (`EventAggregator`), by aggregate key.
    #[serde(default)]
    pub(crate) similar_events: BTreeMap<String, SimilarEvents>,
    #[serde(default)]
    pub(crate) statefulsets: BTreeMap<Key, StatefulSet>,
    #[serde(default)]
    pub(crate) controllerrevisions: BTreeMap<Key, ControllerRevision>,
    #[serde(default)]
    pub(crate) pvcs: BTreeMap<Key, PersistentVolumeClaim>,
    #[serde(default)]
    pub(crate) pvs: BTreeMap<String, PersistentVolume>,
    #[serde(default)]
    pub(crate) services: BTreeMap<Key, Service>,
    #[serde(default)]
    pub(crate) endpoints: BTreeMap<Key, Endpoints>,
    /// Pods the attach/detach controller holds back (Multi-Attach).
    #[serde(default)]
    pub(crate) attach_waiting: BTreeSet<Key>,
    /// Pods per claim they mount (pod volumes never change), for pvc-protection, the
    /// scheduler and attach checks without scanning every pod.
    #[serde(default)]
    pub(crate) claim_users: BTreeMap<Key, BTreeSet<Key>>,
    /// Pods by the uid of every owner they reference, pods without a controller, and pods by
    /// uid: the garbage collector and the controllers find a parent's pods (and orphans to
    /// adopt) without scanning every pod. Kept in step by `index_pod` wherever pods are
    /// created, removed or re-owned.
    #[serde(default)]
    pub(crate) pods_by_owner: BTreeMap<String, BTreeSet<Key>>,
    #[serde(default)]
    pub(crate) orphan_pods: BTreeSet<Key>,
    #[serde(default)]
    pub(crate) pod_uids: BTreeMap<String, Key>,
}

/// Distinct messages seen recently for one aggregate key, and when the last one came.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimilarEvents {
    pub messages: BTreeSet<String>,
    pub last: Time,
}

impl Cluster {
    /// A cluster like a fresh `kind` cluster: one control-plane node and three workers.
    pub fn new(seed: u64) -> Cluster {
        Cluster::with_nodes(seed, &kind_nodes(3))
    }

    pub fn with_nodes(seed: u64, nodes: &[NodeSpecInput]) -> Cluster {
        let mut c = Cluster {
            seed,
            now: Time::ZERO,
            rng: Rng::new(seed),
            timings: Timings::default(),
            next_rv: 1,
            work_done: 0,
            next_uid: 1,
            timer_seq: 0,
            timers: BinaryHeap::new(),
            queue: VecDeque::new(),
            queued: BTreeSet::new(),
            nodes: BTreeMap::new(),
            pods: BTreeMap::new(),
            daemonsets: BTreeMap::new(),
            deployments: BTreeMap::new(),
            replicasets: BTreeMap::new(),
            namespaces: BTreeMap::new(),
            storageclasses: BTreeMap::new(),
            events: Vec::new(),
            event_index: HashMap::new(),
            unscheduled: BTreeSet::new(),
            node_images: BTreeMap::new(),
            node_ip_next: BTreeMap::new(),
            node_subnet: BTreeMap::new(),
            next_subnet: 0,
            runtime: BTreeMap::new(),
            pods_on_node: BTreeMap::new(),
            why: BTreeMap::new(),
            history: Vec::new(),
            resyncs: BTreeSet::new(),
            kubelets: BTreeMap::new(),
            scheduled_evictions: BTreeSet::new(),
            similar_events: BTreeMap::new(),
            statefulsets: BTreeMap::new(),
            controllerrevisions: BTreeMap::new(),
            pvcs: BTreeMap::new(),
            pvs: BTreeMap::new(),
            services: BTreeMap::new(),
            endpoints: BTreeMap::new(),
            attach_waiting: BTreeSet::new(),
            claim_users: BTreeMap::new(),
            pods_by_owner: BTreeMap::new(),
            orphan_pods: BTreeSet::new(),
            pod_uids: BTreeMap::new(),
        };
        for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            let mut n = Namespace { api_version: "v1".into(), kind: "Namespace".into(), ..Default::default() };
            n.metadata.name = ns.into();
            n.metadata.labels.insert("kubernetes.io/metadata.name".into(), ns.into());
            c.stamp_new(&mut n);
            c.namespaces.insert(ns.into(), n);
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
        c.storageclasses.insert("standard".into(), sc);
        for n in nodes {
            // A repeated name is skipped: the first node of that name stays.
            let _ = c.add_node(n.clone());
        }
        crate::controllers::service::add_kubernetes_service(&mut c);
        c.settle();
        c
    }

    // ------------------------------------------------------------ bookkeeping

    pub(crate) fn new_uid(&mut self) -> String {
        self.next_uid += 1;
        self.rng.uuid()
    }

    pub(crate) fn bump_rv(&mut self) -> String {
        self.next_rv += 1;
        self.next_rv.to_string()
    }

    /// Fills uid, resourceVersion, creationTimestamp and generation of a new object.
    pub(crate) fn stamp_new<T: Object>(&mut self, obj: &mut T) {
        let uid = self.new_uid();
        let rv = self.bump_rv();
        let now = self.now.rfc3339();
        let m = obj.meta_mut();
        m.uid = uid;
        m.resource_version = rv;
        m.creation_timestamp = now;
    }

    /// Simulated time at which an object was created (parsed back from its timestamp is not
    /// needed: every object we create stamps `now`). Kept as milliseconds in an annotation-free
    /// side table would be overkill; instead ages are computed from the RFC 3339 string.
    pub fn created_at(meta: &ObjectMeta) -> Time {
        parse_rfc3339(&meta.creation_timestamp).unwrap_or(Time::ZERO)
    }

    pub(crate) fn enqueue(&mut self, w: Work) {
        if self.queued.insert(w.clone()) {
            self.queue.push_back(w);
        }
    }

    pub(crate) fn after(&mut self, d: Dur, kind: TimerKind) {
        self.timer_seq += 1;
        self.timers.push(Reverse(Timer { at: self.now.plus(d), seq: self.timer_seq, kind }));
    }

    /// Queues `w` again after `d`, unless the same look-again is already pending.
    pub(crate) fn resync_later(&mut self, w: Work, d: Dur) {
        let at = self.now.plus(d);
        if self.resyncs.insert((at, w.clone())) {
            self.after(d, TimerKind::Resync(w));
        }
    }

    pub(crate) fn happen(&mut self, what: HappeningKind) {
        self.history.push(Happening { at: self.now, what });
    }

    /// Records an event as client-go's recorder does: more than nine distinct messages for the
    /// same object, source, type and reason within 600 s are merged into one event whose
    /// message starts with `(combined from similar events): ` (`EventAggregator`), and
    /// identical repeats fold into a count (`eventLogger`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn record_event(
        &mut self,
        involved_kind: &str,
        involved: &Key,
        involved_uid: &str,
        type_: &str,
        reason: &str,
        message: String,
        component: &str,
        host: &str,
    ) {
        let now = self.now;
        let aggregate_key = format!("{component}\u{0}{host}\u{0}{involved_kind}\u{0}{involved}\u{0}{involved_uid}\u{0}{type_}\u{0}{reason}");
        let similar = self.similar_events.entry(aggregate_key.clone()).or_default();
        if now.since(similar.last) > Dur::secs(AGGREGATE_WINDOW_SECS) {
            similar.messages.clear();
        }
        similar.messages.insert(message.clone());
        similar.last = now;
        let (message, dedupe) = if similar.messages.len() >= AGGREGATE_MAX_EVENTS {
            // `PopAny` keeps the set just under the limit; take the first for determinism.
            similar.messages.pop_first();
            (format!("(combined from similar events): {message}"), (aggregate_key, String::new(), String::new(), String::new()))
        } else {
            let dedupe = (
                format!("{involved_kind}/{involved}/{involved_uid}"),
                reason.to_string(),
                message.clone(),
                component.to_string(),
            );
            (message, dedupe)
        };
        if let Some(&i) = self.event_index.get(&dedupe) {
            let rv = self.bump_rv();
            let e = &mut self.events[i];
            e.count += 1;
            e.message = message;
            e.last_timestamp = now.rfc3339();
            e.last_ms = now.millis();
            e.metadata.resource_version = rv;
            return;
        }
        let ns = if involved.ns.is_empty() { "default".to_string() } else { involved.ns.clone() };
        let mut e = Event {
            api_version: "v1".into(),
            kind: "Event".into(),
            metadata: ObjectMeta {
                name: format!("{}.{:x}", involved.name, now.unix_nanos() + self.events.len() as u128),
                namespace: ns,
                ..Default::default()
            },
            involved_object: ObjectReference {
                kind: involved_kind.to_string(),
                namespace: involved.ns.clone(),
                name: involved.name.clone(),
                uid: involved_uid.to_string(),
                ..Default::default()
            },
            reason: reason.to_string(),
            message,
            source: EventSource { component: component.to_string(), host: host.to_string() },
            type_: type_.to_string(),
            count: 1,
            first_timestamp: now.rfc3339(),
            last_timestamp: now.rfc3339(),
            first_ms: now.millis(),
            last_ms: now.millis(),
        };
        self.stamp_new(&mut e);
        self.event_index.insert(dedupe, self.events.len());
        self.events.push(e);
    }

    // ------------------------------------------------------------ time

    /// Runs the control loop until nothing is left to do at the current instant.
    pub fn settle(&mut self) {
        let mut guard = 0usize;
        while let Some(w) = self.queue.pop_front() {
            self.queued.remove(&w);
            self.work_done += 1;
            guard += 1;
            if guard > 5_000_000 {
                // A controller that keeps re-queueing itself would otherwise spin forever.
                self.queue.clear();
                self.queued.clear();
                break;
            }
            match w {
                Work::SyncDaemonSet(k) => crate::controllers::daemonset::sync(self, &k),
                Work::Schedule(k) => crate::controllers::scheduler::schedule(self, &k),
                Work::Kubelet(k) => crate::kubelet::on_change(self, &k),
                Work::SyncDeployment(k) => crate::controllers::deployment::sync(self, &k),
                Work::SyncReplicaSet(k) => crate::controllers::replicaset::sync(self, &k),
                Work::GarbageCollect { ns, uid } => crate::controllers::gc::collect(self, &ns, &uid),
                Work::NodeMonitor(n) => crate::controllers::nodelifecycle::monitor(self, &n),
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

    /// When the next timed thing happens, if anything is pending.
    pub fn next_event_at(&self) -> Option<Time> {
        self.timers.peek().map(|Reverse(t)| t.at)
    }

    fn fire_due(&mut self) {
        while let Some(Reverse(t)) = self.timers.peek() {
            if t.at > self.now {
                break;
            }
            let Reverse(t) = self.timers.pop().expect("peeked");
            self.work_done += 1;
            match t.kind {
                TimerKind::Kubelet { pod, uid } => crate::kubelet::on_timer(self, &pod, &uid),
                TimerKind::Probe { pod, uid } => crate::kubelet::on_probe(self, &pod, &uid),
                TimerKind::Restart { pod, uid } => crate::kubelet::on_restart(self, &pod, &uid),
                TimerKind::Exit { pod, uid } => crate::kubelet::on_exit(self, &pod, &uid),
                TimerKind::Resync(w) => {
                    self.resyncs.remove(&(t.at, w.clone()));
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
        let target = self.now.plus(d);
        self.settle();
        while let Some(at) = self.next_event_at() {
            if at > target {
                break;
            }
            self.now = self.now.max(at);
            self.fire_due();
        }
        self.now = target;
        self.settle();
    }

    /// Moves the clock forward until `done` holds or `limit` has passed, running what falls
    /// due on the way (what a command that waits, like `kubectl delete`, lets happen).
    pub fn advance_until(&mut self, limit: Dur, done: impl Fn(&Cluster) -> bool) {
        let deadline = self.now.plus(limit);
        self.settle();
        while !done(self) {
            match self.next_event_at() {
                Some(at) if at <= deadline => {
                    self.now = self.now.max(at);
                    self.fire_due();
                }
                _ => {
                    self.now = deadline;
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
                self.now = self.now.max(at);
                self.fire_due();
                true
            }
            None => false,
        }
    }

    // ------------------------------------------------------------ reads

    /// A number that changes whenever the cluster may have changed: every resource version
    /// issued, timer fired and controller work item run moves it on.
    /// Renderers compare it with the last one they drew to skip rebuilding a view of an
    /// unchanged cluster (a clock tick with nothing due changes only `now`).
    pub fn revision(&self) -> u64 {
        self.next_rv.wrapping_add(self.work_done)
    }

    pub fn node(&self, name: &str) -> Option<&Node> {
        self.nodes.get(name)
    }
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.nodes.values()
    }
    pub fn pod(&self, k: &Key) -> Option<&Pod> {
        self.pods.get(k)
    }
    pub fn pods(&self) -> impl Iterator<Item = &Pod> {
        self.pods.values()
    }
    pub fn daemonset(&self, k: &Key) -> Option<&DaemonSet> {
        self.daemonsets.get(k)
    }
    pub fn daemonsets(&self) -> impl Iterator<Item = &DaemonSet> {
        self.daemonsets.values()
    }
    pub fn deployment(&self, k: &Key) -> Option<&Deployment> {
        self.deployments.get(k)
    }
    pub fn deployments(&self) -> impl Iterator<Item = &Deployment> {
        self.deployments.values()
    }
    pub fn replicaset(&self, k: &Key) -> Option<&ReplicaSet> {
        self.replicasets.get(k)
    }
    pub fn replicasets(&self) -> impl Iterator<Item = &ReplicaSet> {
        self.replicasets.values()
    }
    pub fn namespaces(&self) -> impl Iterator<Item = &Namespace> {
        self.namespaces.values()
    }
    pub fn storageclasses(&self) -> impl Iterator<Item = &StorageClass> {
        self.storageclasses.values()
    }
    pub fn events(&self) -> &[Event] {
        &self.events
    }
    pub fn why(&self, kind: &str, k: &Key) -> Option<&WhyRecord> {
        self.why.get(&(kind.to_string(), k.clone()))
    }

    /// FNV-1a 64 of a canonical serialization of the whole cluster state (every field that
    /// `Serialize` writes: objects, clock, generator state, timers, queues, indexes, history).
    /// Equal states give equal hashes whatever the order in which their maps were filled;
    /// pending timers count as a set (the heap's internal layout does not matter).
    pub fn state_hash(&self) -> u64 {
        let mut canonical = self.clone();
        canonical.timers = BinaryHeap::from(canonical.timers.into_sorted_vec());
        crate::runtime::state_hash::fnv1a64(&crate::runtime::state_hash::canonical_bytes(&canonical))
    }

    // ------------------------------------------------------------ nodes

    /// Adds a node (the `sim node add` control), Ready at once, as kind's nodes are.
    pub fn add_node(&mut self, input: NodeSpecInput) -> Result<(), String> {
        // What the API server would refuse, refused before anything changes.
        if !crate::apiserver::apply::dns1123_subdomain(&input.name) {
            return Err(format!("Node \"{}\" is invalid: metadata.name: Invalid value: \"{}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", input.name, input.name));
        }
        for (k, v) in &input.labels {
            if let Some(e) = crate::apiserver::apply::label_error(k, v) {
                return Err(format!("Node \"{}\" is invalid: {e}", input.name));
            }
        }
        for t in &input.taints {
            if !crate::apiserver::apply::valid_label_key(&t.key) || !crate::apiserver::apply::valid_label_value(&t.value) {
                return Err(format!("Node \"{}\" is invalid: spec.taints[0].key: Invalid value: \"{}\"", input.name, t.key));
            }
        }
        if self.nodes.contains_key(&input.name) {
            return Err(format!("nodes \"{}\" already exists", input.name));
        }
        let subnet = self.next_subnet;
        self.next_subnet += 1;
        let mut n = Node { api_version: "v1".into(), kind: "Node".into(), ..Default::default() };
        n.metadata.name = input.name.clone();
        let l = &mut n.metadata.labels;
        l.insert("beta.kubernetes.io/arch".into(), "amd64".into());
        l.insert("beta.kubernetes.io/os".into(), "linux".into());
        l.insert("kubernetes.io/arch".into(), "amd64".into());
        l.insert("kubernetes.io/hostname".into(), input.name.clone());
        l.insert("kubernetes.io/os".into(), "linux".into());
        if input.control_plane {
            l.insert("node-role.kubernetes.io/control-plane".into(), String::new());
            l.insert("node.kubernetes.io/exclude-from-external-load-balancers".into(), String::new());
            n.spec.taints.push(Taint {
                key: "node-role.kubernetes.io/control-plane".into(),
                value: String::new(),
                effect: "NoSchedule".into(),
                time_added: None,
            });
        }
        for (k, v) in &input.labels {
            l.insert(k.clone(), v.clone());
        }
        n.spec.taints.extend(input.taints.iter().cloned());
        n.spec.pod_cidr = format!("10.244.{subnet}.0/24");
        n.spec.provider_id = format!("kind://docker/kind/{}", input.name);
        let now = self.now.rfc3339();
        n.status.conditions = vec![
            cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", &now),
            cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", &now),
            cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", &now),
            cond("Ready", "True", "KubeletReady", "kubelet is posting ready status", &now),
        ];
        n.status.addresses = vec![
            NodeAddress { type_: "InternalIP".into(), address: format!("172.18.0.{}", subnet + 2) },
            NodeAddress { type_: "Hostname".into(), address: input.name.clone() },
        ];
        n.status.node_info = NodeSystemInfo {
            kubelet_version: K8S_VERSION.into(),
            os_image: "Debian GNU/Linux 12 (bookworm)".into(),
            kernel_version: "6.8.0-generic".into(),
            container_runtime_version: "containerd://2.1.1".into(),
            operating_system: "linux".into(),
            architecture: "amd64".into(),
        };
        self.stamp_new(&mut n);
        self.node_subnet.insert(input.name.clone(), subnet);
        self.node_ip_next.insert(input.name.clone(), 2);
        self.nodes.insert(input.name.clone(), n);
        let key = Key::cluster(&input.name);
        self.record_event("Node", &key, &input.name, "Normal", "Starting", "Starting kubelet.".into(), "kubelet", &input.name);
        self.record_event("Node", &key, &input.name, "Normal", "RegisteredNode", format!("Node {} event: Registered Node {} in Controller", input.name, input.name), "node-controller", "");
        self.happen(HappeningKind::NodeAdded { node: input.name.clone() });
        self.nodes_changed();
        Ok(())
    }

    /// Removes a node object (the `sim node remove` control); its pods are deleted.
    pub fn remove_node(&mut self, name: &str) -> Result<(), String> {
        if self.nodes.remove(name).is_none() {
            return Err(format!("nodes \"{name}\" not found"));
        }
        // The pod garbage collector force-deletes pods bound to a vanished node once it has
        // been gone for 40 s (podgc's quarantine); until then they are still listed.
        self.kubelets.remove(name);
        self.resync_later(Work::PodGc(name.to_string()), crate::controllers::nodelifecycle::POD_GC_QUARANTINE);
        self.happen(HappeningKind::NodeRemoved { node: name.to_string() });
        self.nodes_changed();
        Ok(())
    }

    /// Something about nodes changed: every DaemonSet and every unscheduled pod must look again.
    pub(crate) fn nodes_changed(&mut self) {
        let ds: Vec<Key> = self.daemonsets.keys().cloned().collect();
        for k in ds {
            self.enqueue(Work::SyncDaemonSet(k));
        }
        let pending: Vec<Key> = self.unscheduled.iter().cloned().collect();
        for k in pending {
            self.enqueue(Work::Schedule(k));
        }
    }

    // ------------------------------------------------------------ pods

    /// Creates a pod object (API server side: defaults, name generation, uid).
    pub(crate) fn create_pod(&mut self, mut pod: Pod) -> Key {
        if pod.metadata.name.is_empty() && !pod.metadata.generate_name.is_empty() {
            loop {
                let name = format!("{}{}", pod.metadata.generate_name, self.rng.name_suffix());
                if !self.pods.contains_key(&Key::new(&pod.metadata.namespace, &name)) {
                    pod.metadata.name = name;
                    break;
                }
            }
        }
        pod.api_version = "v1".into();
        pod.kind = "Pod".into();
        crate::api::defaults::pod_spec(&mut pod.spec);
        crate::controllers::nodelifecycle::default_toleration_seconds(&mut pod.spec);
        pod.status.phase = "Pending".into();
        pod.status.qos_class = "BestEffort".into();
        self.stamp_new(&mut pod);
        let key = pod.key();
        let owner = pod.controller_ref().map(|r| (r.kind.clone(), r.name.clone())).unwrap_or_default();
        let node = pod.spec.node_name.clone();
        crate::controllers::storage::index_claims(self, &pod, true);
        self.pods.insert(key.clone(), pod);
        self.index_pod(&key, true);
        self.happen(HappeningKind::PodCreated { pod: key.clone(), owner_kind: owner.0, owner: owner.1 });
        if node.is_empty() {
            self.unscheduled.insert(key.clone());
            self.enqueue(Work::Schedule(key.clone()));
        } else {
            self.bind_pod(&key, &node);
        }
        key
    }

    /// Binds a pod to a node (what the scheduler's Bind does).
    pub(crate) fn bind_pod(&mut self, key: &Key, node: &str) {
        let rv = self.bump_rv();
        let now = self.now.rfc3339();
        let Some(p) = self.pods.get_mut(key) else { return };
        p.spec.node_name = node.to_string();
        p.metadata.resource_version = rv;
        set_condition(&mut p.status.conditions, "PodScheduled", "True", &now);
        self.unscheduled.remove(key);
        self.pods_on_node.entry(node.to_string()).or_default().insert(key.clone());
        self.happen(HappeningKind::PodScheduled { pod: key.clone(), node: node.to_string() });
        if self.nodes.get(node).is_some_and(|n| n.spec.taints.iter().any(|t| t.effect == "NoExecute")) {
            self.enqueue(Work::TaintEviction(node.to_string()));
        }
        self.enqueue(Work::Kubelet(key.clone()));
        self.pod_changed(key);
    }

    /// Tells the owner of a pod that the pod changed.
    pub(crate) fn pod_changed(&mut self, key: &Key) {
        crate::controllers::service::pod_touched(self, key);
        if let Some(p) = self.pods.get(key).filter(|p| p.status.phase == "Succeeded" || p.status.phase == "Failed") {
            let p = p.clone();
            crate::controllers::storage::pod_released(self, &p);
        }
        let owner = self.pods.get(key).and_then(|p| p.controller_ref().cloned());
        if let Some(r) = owner {
            self.owner_changed(&r.kind, &Key::new(&key.ns, &r.name));
        }
    }

    pub(crate) fn owner_changed(&mut self, kind: &str, owner: &Key) {
        if kind == "DaemonSet" && self.daemonsets.contains_key(owner) {
            self.enqueue(Work::SyncDaemonSet(owner.clone()));
        }
        if kind == "ReplicaSet" && self.replicasets.contains_key(owner) {
            self.enqueue(Work::SyncReplicaSet(owner.clone()));
        }
        if kind == "Deployment" && self.deployments.contains_key(owner) {
            self.enqueue(Work::SyncDeployment(owner.clone()));
        }
        if kind == "StatefulSet" && self.statefulsets.contains_key(owner) {
            // Pod events reach the controller through its informer: every change of the
            // set's pods at this instant is handled by one sync at the end of the instant.
            self.resync_later(Work::SyncStatefulSet(owner.clone()), Dur::ZERO);
        }
    }

    /// Starts a graceful deletion (what `DELETE /pods/x` does). Pods never started on a node
    /// go at once; others get a deletionTimestamp and the kubelet stops them.
    pub(crate) fn delete_pod(&mut self, key: &Key, grace: Option<i64>) -> bool {
        let Some(p) = self.pods.get(key) else { return false };
        if p.metadata.deletion_timestamp.is_some() {
            return true;
        }
        let bound = !p.spec.node_name.is_empty();
        let terminal = p.status.phase == "Succeeded" || p.status.phase == "Failed";
        let grace = grace.or(p.spec.termination_grace_period_seconds).unwrap_or(30);
        if !bound || terminal || grace == 0 {
            self.remove_pod_object(key);
            return true;
        }
        let rv = self.bump_rv();
        let now = self.now.plus(Dur::secs(grace as u64)).rfc3339();
        let p = self.pods.get_mut(key).expect("checked");
        p.metadata.deletion_timestamp = Some(now);
        p.metadata.deletion_grace_period_seconds = Some(grace);
        p.metadata.resource_version = rv;
        self.happen(HappeningKind::PodTerminating { pod: key.clone() });
        self.enqueue(Work::Kubelet(key.clone()));
        self.pod_changed(key);
        true
    }

    /// Removes the pod object from the store for good.
    pub(crate) fn remove_pod_object(&mut self, key: &Key) {
        let owner = self.pods.get(key).and_then(|p| p.controller_ref().cloned());
        self.index_pod(key, false);
        let Some(p) = self.pods.remove(key) else { return };
        self.unscheduled.remove(key);
        self.runtime.remove(key);
        self.attach_waiting.remove(key);
        crate::controllers::service::pod_removed(self, &p);
        crate::controllers::storage::index_claims(self, &p, false);
        crate::controllers::storage::pod_released(self, &p);
        if let Some(set) = self.pods_on_node.get_mut(&p.spec.node_name) {
            set.remove(key);
        }
        self.happen(HappeningKind::PodDeleted { pod: key.clone() });
        self.dependent_removed(&p.metadata);
        self.enqueue(Work::GarbageCollect { ns: key.ns.clone(), uid: p.metadata.uid.clone() });
        if let Some(r) = owner {
            self.owner_changed(&r.kind, &Key::new(&key.ns, &r.name));
        }
    }

    /// Adds a stored pod to (or removes it from) the owner, orphan and uid indexes. Callers
    /// that change a pod's owner references remove it before and add it back after.
    pub(crate) fn index_pod(&mut self, key: &Key, add: bool) {
        let Some(p) = self.pods.get(key) else { return };
        let uid = p.metadata.uid.clone();
        let owners: Vec<String> = p.metadata.owner_references.iter().map(|r| r.uid.clone()).collect();
        let orphan = p.controller_ref().is_none();
        if add {
            for o in owners {
                self.pods_by_owner.entry(o).or_default().insert(key.clone());
            }
            if orphan {
                self.orphan_pods.insert(key.clone());
            }
            self.pod_uids.insert(uid, key.clone());
        } else {
            for o in owners {
                if let Some(set) = self.pods_by_owner.get_mut(&o) {
                    set.remove(key);
                    if set.is_empty() {
                        self.pods_by_owner.remove(&o);
                    }
                }
            }
            self.orphan_pods.remove(key);
            self.pod_uids.remove(&uid);
        }
    }

    /// Pods that reference the owner with this uid (any namespace), in key order.
    pub(crate) fn pods_owned_by(&self, uid: &str) -> impl Iterator<Item = (&Key, &Pod)> {
        self.pods_by_owner.get(uid).into_iter().flatten().filter_map(|k| self.pods.get(k).map(|p| (k, p)))
    }

    /// Whether the pod indexes agree with the pods (for tests).
    #[doc(hidden)]
    pub fn pod_indexes_consistent(&self) -> bool {
        let mut by_owner: BTreeMap<String, BTreeSet<Key>> = BTreeMap::new();
        let mut orphans = BTreeSet::new();
        let mut uids = BTreeMap::new();
        for (k, p) in &self.pods {
            for r in &p.metadata.owner_references {
                by_owner.entry(r.uid.clone()).or_default().insert(k.clone());
            }
            if p.controller_ref().is_none() {
                orphans.insert(k.clone());
            }
            uids.insert(p.metadata.uid.clone(), k.clone());
        }
        by_owner == self.pods_by_owner && orphans == self.orphan_pods && uids == self.pod_uids
    }

    /// Pods bound to a node, in name order.
    pub fn pods_on(&self, node: &str) -> impl Iterator<Item = &Pod> {
        self.pods_on_node
            .get(node)
            .into_iter()
            .flat_map(|s| s.iter())
            .filter_map(|k| self.pods.get(k))
    }

    // ------------------------------------------------------------ workloads

    pub(crate) fn put_daemonset(&mut self, ds: DaemonSet) {
        let k = ds.key();
        self.daemonsets.insert(k.clone(), ds);
        self.enqueue(Work::SyncDaemonSet(k));
    }

    pub(crate) fn put_deployment(&mut self, d: Deployment) {
        let k = d.key();
        self.deployments.insert(k.clone(), d);
        self.enqueue(Work::SyncDeployment(k));
    }

    pub(crate) fn put_replicaset(&mut self, rs: ReplicaSet) {
        let k = rs.key();
        self.replicasets.insert(k.clone(), rs);
        self.enqueue(Work::SyncReplicaSet(k));
    }

    /// `kubectl scale deployment`: sets `spec.replicas` (a spec change: generation + 1).
    pub fn scale_deployment(&mut self, k: &Key, replicas: i32) -> bool {
        // Not found: nothing changes, not even the resource version counter.
        if !self.deployments.contains_key(k) {
            return false;
        }
        let rv = self.bump_rv();
        let Some(d) = self.deployments.get_mut(k) else { return false };
        if d.spec.replicas != Some(replicas) {
            d.spec.replicas = Some(replicas);
            d.metadata.generation = Some(d.metadata.generation.unwrap_or(1) + 1);
            d.metadata.resource_version = rv;
        }
        self.enqueue(Work::SyncDeployment(k.clone()));
        true
    }

    /// `kubectl scale replicaset`.
    pub fn scale_replicaset(&mut self, k: &Key, replicas: i32) -> bool {
        // Not found: nothing changes, not even the resource version counter.
        if !self.replicasets.contains_key(k) {
            return false;
        }
        let rv = self.bump_rv();
        let Some(r) = self.replicasets.get_mut(k) else { return false };
        if r.spec.replicas != Some(replicas) {
            r.spec.replicas = Some(replicas);
            r.metadata.generation = Some(r.metadata.generation.unwrap_or(1) + 1);
            r.metadata.resource_version = rv;
        }
        self.enqueue(Work::SyncReplicaSet(k.clone()));
        true
    }

    /// Removes a ReplicaSet object from the store for good.
    pub(crate) fn remove_replicaset_object(&mut self, k: &Key) {
        if let Some(rs) = self.replicasets.remove(k) {
            self.why.remove(&("ReplicaSet".to_string(), k.clone()));
            self.happen(HappeningKind::ObjectDeleted { kind: "ReplicaSet".into(), key: k.clone() });
            self.dependent_removed(&rs.metadata);
            self.enqueue(Work::GarbageCollect { ns: k.ns.clone(), uid: rs.metadata.uid.clone() });
            if let Some(r) = rs.controller_ref() {
                self.owner_changed(&r.kind, &Key::new(&k.ns, &r.name));
            }
        }
    }

    /// Deletes a DaemonSet; its pods are garbage-collected (background propagation).
    pub fn delete_daemonset(&mut self, k: &Key) -> bool {
        self.delete_object("DaemonSet", k, crate::controllers::gc::Propagation::Background, None).is_ok()
    }
}

pub(crate) fn cond(t: &str, status: &str, reason: &str, message: &str, now: &str) -> Condition {
    Condition {
        type_: t.into(),
        status: status.into(),
        reason: reason.into(),
        message: message.into(),
        last_transition_time: Some(now.into()),
        last_heartbeat_time: None,
    }
}

/// Sets a condition's status, touching lastTransitionTime only on change.
pub(crate) fn set_condition(conds: &mut Vec<Condition>, t: &str, status: &str, now: &str) {
    if let Some(c) = conds.iter_mut().find(|c| c.type_ == t) {
        if c.status != status {
            c.status = status.into();
            c.last_transition_time = Some(now.into());
        }
    } else {
        conds.push(Condition {
            type_: t.into(),
            status: status.into(),
            reason: String::new(),
            message: String::new(),
            last_transition_time: Some(now.into()),
            last_heartbeat_time: None,
        });
    }
}

/// Parses the timestamps this simulator writes back into simulated time.
pub fn parse_rfc3339(s: &str) -> Option<Time> {
    // YYYY-MM-DDTHH:MM:SSZ
    let b = s.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[10] != b'T' || b[19] != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let days = days_from_civil(y, mo as u32, d as u32);
    let unix = days * 86_400 + h * 3600 + mi * 60 + se;
    let rel = unix - crate::runtime::time::EPOCH_UNIX_SECONDS as i64;
    if rel < 0 {
        return Some(Time::ZERO);
    }
    Some(Time::from_secs(rel as u64))
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u64;
    let mp = if m > 2 { m - 3 } else { m + 9 } as u64;
    let doy = (153 * mp + 2) / 5 + d as u64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i64 - 719_468
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
