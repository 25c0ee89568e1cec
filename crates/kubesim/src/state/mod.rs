//! The cluster's state: the object store and its indexes, the clock, the generator, timers
//! and the work queue, the event recorder and history, and the kubelet's private records.
//! The API server's write path (`apiserver/`), the controllers and the kubelet work on it;
//! the `Cluster` facade owns it and runs the control loop over it.

use crate::api::meta::{Key, Object};
use crate::api::model::*;
use crate::runtime::history::{Happening, HappeningKind};
use crate::runtime::queue::{Timer, TimerKind, Work};
use crate::runtime::rand::Rng;
use crate::runtime::time::{parse_rfc3339, Dur, Time};
use crate::runtime::why::WhyRecord;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, VecDeque};

mod flat;
pub mod files;
pub(crate) mod kinds;

/// client-go `EventAggregator`: similar events are combined from the 10th distinct message
/// on, counted within a 600 s window since the last similar one.
const AGGREGATE_MAX_EVENTS: usize = 10;
const AGGREGATE_WINDOW_SECS: u64 = 600;

/// Kubernetes version the simulated cluster reports (`kubectl version`, node VERSION).
pub const K8S_VERSION: &str = "v1.33.1";

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
    pub output: String,    /// The kubelet's image pull back-off for the pod (10 s, doubling up to 300 s): 0 before
    /// the first failed pull.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub pull_backoff_secs: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
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
    /// A pull failed (`ErrImagePull`); the kubelet's next sync finds the image in back-off.
    PullFailed,
    /// Waiting out the image back-off (`ImagePullBackOff`) before pulling again.
    PullBackOff,
    /// An image reference that cannot be read (`InvalidImageName`): nothing is pulled.
    InvalidImage,
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

/// Everything a cluster is, in parts: the object store, the runtime that drives the loop,
/// the recorder, the controllers' memory and the node side. `Cluster` serializes as this,
/// field for field in one flat record (`StateOut`: the order and names are the state hash's,
/// do not reorder).
#[derive(Clone, Debug)]
pub struct State {
    /// What the API server and the controllers work on.
    pub(crate) ctx: Ctx,
    /// The node side, which only the kubelet and the facade touch.
    pub(crate) agents: NodeAgents,
}

/// What a controller gets to work with: the object store, the runtime (clock, generator,
/// timers, queue), the recorder and its own memory, never the node side. The API server's
/// write path works on it too; `State` adds the kubelets' records around it.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub seed: u64,
    pub timings: Timings,
    pub(crate) store: Store,
    pub(crate) rt: Runtime,
    pub(crate) rec: Recorder,
    pub(crate) memory: ControllerMemory,
    /// The pod event handlers of the controllers that watch pods (not part of the state).
    pub(crate) informers: Informers,
    /// Pods whose objects left the store since the node side last heard of it: the kubelet's
    /// records of them go at the next `State::forget_gone_pods` (before the kubelet runs;
    /// the state's serialized form and hash read as if they had gone at once).
    pub(crate) gone_pods: Vec<Key>,
}

impl std::ops::Deref for State {
    type Target = Ctx;
    #[inline]
    fn deref(&self) -> &Ctx {
        &self.ctx
    }
}

impl std::ops::DerefMut for State {
    #[inline]
    fn deref_mut(&mut self) -> &mut Ctx {
        &mut self.ctx
    }
}

/// The API objects and the indexes kept in step with them (the store behind the API
/// server), and the counters of resourceVersions and uids.
#[derive(Clone, Debug)]
pub(crate) struct Store {
    pub(crate) next_rv: u64,
    pub(crate) next_uid: u64,
    pub(crate) nodes: BTreeMap<String, Node>,
    pub(crate) pods: BTreeMap<Key, Pod>,
    pub(crate) daemonsets: BTreeMap<Key, DaemonSet>,
    pub(crate) deployments: BTreeMap<Key, Deployment>,
    pub(crate) replicasets: BTreeMap<Key, ReplicaSet>,
    pub(crate) namespaces: BTreeMap<String, Namespace>,
    pub(crate) storageclasses: BTreeMap<String, StorageClass>,
    /// Pods not bound to a node yet (the scheduler's queue).
    pub(crate) unscheduled: BTreeSet<Key>,
    /// Pods per node, for the scheduler and the view.
    pub(crate) pods_on_node: BTreeMap<String, BTreeSet<Key>>,
    pub(crate) statefulsets: BTreeMap<Key, StatefulSet>,
    pub(crate) controllerrevisions: BTreeMap<Key, ControllerRevision>,
    pub(crate) pvcs: BTreeMap<Key, PersistentVolumeClaim>,
    pub(crate) pvs: BTreeMap<String, PersistentVolume>,
    pub(crate) services: BTreeMap<Key, Service>,
    pub(crate) endpoints: BTreeMap<Key, Endpoints>,
    /// Pods per claim they mount (pod volumes never change), for pvc-protection, the
    /// scheduler and attach checks without scanning every pod.
    pub(crate) claim_users: BTreeMap<Key, BTreeSet<Key>>,
    /// Pods by the uid of every owner they reference, pods without a controller, and pods by
    /// uid: the garbage collector and the controllers find a parent's pods (and orphans to
    /// adopt) without scanning every pod. Kept in step by `index_pod` wherever pods are
    /// created, removed or re-owned.
    pub(crate) pods_by_owner: BTreeMap<String, BTreeSet<Key>>,
    pub(crate) orphan_pods: BTreeSet<Key>,
    pub(crate) pod_uids: BTreeMap<String, Key>,
}

/// What drives the control loop: the logical clock, the seeded generator, the timers and the
/// work queue (with the look-agains already pending).
#[derive(Clone, Debug)]
pub(crate) struct Runtime {
    pub(crate) now: Time,
    pub(crate) rng: Rng,
    /// Timers fired and work items run (see `revision`). Not part of the state: two clusters
    /// that differ only here are the same cluster.
    pub(crate) work_done: u64,
    pub(crate) timer_seq: u64,
    pub(crate) timers: BinaryHeap<Reverse<Timer>>,
    pub(crate) queue: VecDeque<Work>,
    pub(crate) queued: BTreeSet<Work>,
    pub(crate) resyncs: BTreeSet<(Time, Work)>,
}

/// What the cluster records of itself: events (client-go's recorder and aggregator), the
/// history the timeline shows, and why each controller did what it did last.
#[derive(Clone, Debug)]
pub(crate) struct Recorder {
    pub(crate) events: Vec<Event>,
    pub(crate) event_index: HashMap<(String, String, String, String), usize>,
    pub(crate) why: BTreeMap<(String, Key), WhyRecord>,
    pub(crate) history: Vec<Happening>,
    /// Similar-event aggregation of client-go (`EventAggregator`), by aggregate key.
    pub(crate) similar_events: BTreeMap<String, SimilarEvents>,
}

/// What controllers keep in memory between their passes (not API objects).
#[derive(Clone, Debug)]
pub(crate) struct ControllerMemory {
    /// Pods the taint eviction controller has scheduled for deletion.
    pub(crate) scheduled_evictions: BTreeSet<Key>,
    /// Pods the attach/detach controller holds back (Multi-Attach).
    pub(crate) attach_waiting: BTreeSet<Key>,
}

/// The node side: each kubelet's state and its private records of the pods it runs, the
/// images on each node, and the pod address ranges handed to nodes.
#[derive(Clone, Debug)]
pub(crate) struct NodeAgents {
    /// Images present on each node.
    pub(crate) node_images: BTreeMap<String, BTreeSet<String>>,
    /// Next host byte for pod IPs on each node.
    pub(crate) node_ip_next: BTreeMap<String, u32>,
    /// Index of the node's /24 in 10.244.0.0/16.
    pub(crate) node_subnet: BTreeMap<String, u32>,
    pub(crate) next_subnet: u32,
    pub(crate) runtime: BTreeMap<Key, PodRuntime>,
    /// Kubelet state per node; absent means posting.
    pub(crate) kubelets: BTreeMap<String, KubeletState>,
    /// The files containers wrote, in their layers and volumes, and their logs.
    pub(crate) disks: files::Disks,
}

/// What the controllers that must hear of a pod or claim write at once register, as their informers'
/// event handlers do in Kubernetes: the API server's write path calls these without knowing
/// the controllers, and the facade (`cluster/`) wires them when it makes or reads a state.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Informers {
    /// A pod was created, bound or otherwise written (the endpoints controller updates the
    /// pod's address in the Services that select it, in place).
    pub touched: fn(&mut Ctx, &Key),
    /// A pod finished or its object is gone (the PV controller looks again at the claims it
    /// held and the pods waiting to attach them).
    pub released: fn(&mut Ctx, &Pod),
    /// A pod object is gone (its address leaves the endpoints that held it).
    pub removed: fn(&mut Ctx, &Pod),
    /// A claim was written or is gone (the StatefulSet controller looks again at the sets
    /// whose claim templates name it).
    pub claim_changed: fn(&mut Ctx, &Key),
}

impl Default for Informers {
    /// Handlers that say the state was never wired: a state that writes pods without its
    /// controllers would silently drift from Kubernetes, so it stops instead.
    fn default() -> Informers {
        fn unwired() -> ! {
            panic!("a cluster state was used before the facade wired its pod informers")
        }
        Informers { touched: |_, _| unwired(), released: |_, _| unwired(), removed: |_, _| unwired(), claim_changed: |_, _| unwired() }
    }
}

/// Distinct messages seen recently for one aggregate key, and when the last one came.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimilarEvents {
    pub messages: BTreeSet<String>,
    pub last: Time,
}

impl State {
    /// An empty cluster state: no objects, the clock at zero, the generator seeded.
    pub(crate) fn empty(seed: u64, informers: Informers) -> State {
        let mut s = State::blank(seed);
        s.informers = informers;
        s
    }

    /// An empty state, not wired yet (see `Informers`).
    fn blank(seed: u64) -> State {
        State::assemble(
            seed,
            Timings::default(),
            Store {
                next_rv: 1,
                next_uid: 1,
                nodes: BTreeMap::new(),
                pods: BTreeMap::new(),
                daemonsets: BTreeMap::new(),
                deployments: BTreeMap::new(),
                replicasets: BTreeMap::new(),
                namespaces: BTreeMap::new(),
                storageclasses: BTreeMap::new(),
                unscheduled: BTreeSet::new(),
                pods_on_node: BTreeMap::new(),
                statefulsets: BTreeMap::new(),
                controllerrevisions: BTreeMap::new(),
                pvcs: BTreeMap::new(),
                pvs: BTreeMap::new(),
                services: BTreeMap::new(),
                endpoints: BTreeMap::new(),
                claim_users: BTreeMap::new(),
                pods_by_owner: BTreeMap::new(),
                orphan_pods: BTreeSet::new(),
                pod_uids: BTreeMap::new(),
            },
            Runtime {
                now: Time::ZERO,
                rng: Rng::new(seed),
                work_done: 0,
                timer_seq: 0,
                timers: BinaryHeap::new(),
                queue: VecDeque::new(),
                queued: BTreeSet::new(),
                resyncs: BTreeSet::new(),
            },
            Recorder {
                events: Vec::new(),
                event_index: HashMap::new(),
                why: BTreeMap::new(),
                history: Vec::new(),
                similar_events: BTreeMap::new(),
            },
            ControllerMemory {
                scheduled_evictions: BTreeSet::new(),
                attach_waiting: BTreeSet::new(),
            },
            NodeAgents {
                node_images: BTreeMap::new(),
                node_ip_next: BTreeMap::new(),
                node_subnet: BTreeMap::new(),
                next_subnet: 0,
                runtime: BTreeMap::new(),
                kubelets: BTreeMap::new(),
                disks: files::Disks::default(),
            },
        )
    }

    /// A state from its parts, not wired yet (see `Informers`).
    fn assemble(seed: u64, timings: Timings, store: Store, rt: Runtime, rec: Recorder, memory: ControllerMemory, agents: NodeAgents) -> State {
        State { ctx: Ctx { seed, timings, store, rt, rec, memory, informers: Informers::default(), gone_pods: Vec::new() }, agents }
    }

    /// Bytes of stored files and logs, and the largest one (for tests of the limits).
    #[doc(hidden)]
    pub fn stored_file_bytes(&self) -> (usize, usize) {
        let d = &self.agents.disks;
        let files = d.nodes.values().chain(d.empty_dirs.values()).chain(d.volumes.values()).chain(d.layers.values());
        let largest = files
            .flat_map(|t| t.0.values())
            .filter_map(|e| if let files::Entry::File(s) = e { Some(s.len()) } else { None })
            .chain(d.logs.values().map(String::len))
            .max()
            .unwrap_or(0);
        (d.bytes(), largest)
    }

    /// Drops the kubelet's records of the pods whose objects are gone (see `Ctx::gone_pods`).
    #[inline]
    pub(crate) fn forget_gone_pods(&mut self) {
        // The common case, every idle step: nothing to forget.
        if self.ctx.gone_pods.is_empty() && self.agents.disks.volumes.is_empty() {
            return;
        }
        for k in std::mem::take(&mut self.ctx.gone_pods) {
            if let Some(r) = self.agents.runtime.remove(&k) {
                self.agents.disks.forget_pod(&r.uid);
            }
        }
        // A deleted PersistentVolume's contents go with it (its reclaim policy deleted it).
        if !self.agents.disks.volumes.is_empty() {
            let pvs = &self.ctx.store.pvs;
            self.agents.disks.volumes.retain(|name, _| pvs.contains_key(name));
        }
    }
}

impl Ctx {

    // ------------------------------------------------------------ bookkeeping

    pub(crate) fn new_uid(&mut self) -> String {
        self.store.next_uid += 1;
        self.rt.rng.uuid()
    }

    pub(crate) fn bump_rv(&mut self) -> String {
        self.store.next_rv += 1;
        self.store.next_rv.to_string()
    }

    /// Fills uid, resourceVersion, creationTimestamp and generation of a new object.
    pub(crate) fn stamp_new<T: Object>(&mut self, obj: &mut T) {
        let uid = self.new_uid();
        let rv = self.bump_rv();
        let now = self.rt.now.rfc3339();
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
        if self.rt.queued.insert(w.clone()) {
            self.rt.queue.push_back(w);
        }
    }

    pub(crate) fn after(&mut self, d: Dur, kind: TimerKind) {
        self.rt.timer_seq += 1;
        self.rt.timers.push(Reverse(Timer { at: self.rt.now.plus(d), seq: self.rt.timer_seq, kind }));
    }

    /// Queues `w` again after `d`, unless the same look-again is already pending.
    pub(crate) fn resync_later(&mut self, w: Work, d: Dur) {
        let at = self.rt.now.plus(d);
        if self.rt.resyncs.insert((at, w.clone())) {
            self.after(d, TimerKind::Resync(w));
        }
    }

    pub(crate) fn happen(&mut self, what: HappeningKind) {
        self.rec.history.push(Happening { at: self.rt.now, what });
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
        let now = self.rt.now;
        let aggregate_key = format!("{component}\u{0}{host}\u{0}{involved_kind}\u{0}{involved}\u{0}{involved_uid}\u{0}{type_}\u{0}{reason}");
        let similar = self.rec.similar_events.entry(aggregate_key.clone()).or_default();
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
        if let Some(&i) = self.rec.event_index.get(&dedupe) {
            let rv = self.bump_rv();
            let e = &mut self.rec.events[i];
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
                name: format!("{}.{:x}", involved.name, now.unix_nanos() + self.rec.events.len() as u128),
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
        self.rec.event_index.insert(dedupe, self.rec.events.len());
        self.rec.events.push(e);
    }
    /// When the next timed thing happens, if anything is pending.
    pub fn next_event_at(&self) -> Option<Time> {
        self.rt.timers.peek().map(|Reverse(t)| t.at)
    }

    // ------------------------------------------------------------ reads

    /// The logical clock: simulated time since the cluster was made.
    pub fn now(&self) -> Time {
        self.rt.now
    }

    /// What happened, in order: what the timeline and the lesson goals read.
    pub fn history(&self) -> &[Happening] {
        &self.rec.history
    }

    /// A number that changes whenever the cluster may have changed: every resource version
    /// issued, timer fired and controller work item run moves it on.
    /// Renderers compare it with the last one they drew to skip rebuilding a view of an
    /// unchanged cluster (a clock tick with nothing due changes only `now`).
    pub fn revision(&self) -> u64 {
        self.store.next_rv.wrapping_add(self.rt.work_done)
    }

    pub fn node(&self, name: &str) -> Option<&Node> {
        self.store.nodes.get(name)
    }
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.store.nodes.values()
    }
    pub fn pod(&self, k: &Key) -> Option<&Pod> {
        self.store.pods.get(k)
    }
    pub fn pods(&self) -> impl Iterator<Item = &Pod> {
        self.store.pods.values()
    }
    pub fn daemonset(&self, k: &Key) -> Option<&DaemonSet> {
        self.store.daemonsets.get(k)
    }
    pub fn daemonsets(&self) -> impl Iterator<Item = &DaemonSet> {
        self.store.daemonsets.values()
    }
    pub fn deployment(&self, k: &Key) -> Option<&Deployment> {
        self.store.deployments.get(k)
    }
    pub fn deployments(&self) -> impl Iterator<Item = &Deployment> {
        self.store.deployments.values()
    }
    pub fn replicaset(&self, k: &Key) -> Option<&ReplicaSet> {
        self.store.replicasets.get(k)
    }
    pub fn replicasets(&self) -> impl Iterator<Item = &ReplicaSet> {
        self.store.replicasets.values()
    }
    pub fn namespaces(&self) -> impl Iterator<Item = &Namespace> {
        self.store.namespaces.values()
    }
    pub fn storageclasses(&self) -> impl Iterator<Item = &StorageClass> {
        self.store.storageclasses.values()
    }
    pub fn events(&self) -> &[Event] {
        &self.rec.events
    }
    pub fn why(&self, kind: &str, k: &Key) -> Option<&WhyRecord> {
        self.rec.why.get(&(kind.to_string(), k.clone()))
    }

    /// Pods that reference the owner with this uid (any namespace), in key order.
    pub(crate) fn pods_owned_by(&self, uid: &str) -> impl Iterator<Item = (&Key, &Pod)> {
        self.store.pods_by_owner.get(uid).into_iter().flatten().filter_map(|k| self.store.pods.get(k).map(|p| (k, p)))
    }

    /// Whether the pod indexes agree with the pods (for tests).
    #[doc(hidden)]
    pub fn pod_indexes_consistent(&self) -> bool {
        let mut by_owner: BTreeMap<String, BTreeSet<Key>> = BTreeMap::new();
        let mut orphans = BTreeSet::new();
        let mut uids = BTreeMap::new();
        for (k, p) in &self.store.pods {
            for r in &p.metadata.owner_references {
                by_owner.entry(r.uid.clone()).or_default().insert(k.clone());
            }
            if p.controller_ref().is_none() {
                orphans.insert(k.clone());
            }
            uids.insert(p.metadata.uid.clone(), k.clone());
        }
        by_owner == self.store.pods_by_owner && orphans == self.store.orphan_pods && uids == self.store.pod_uids
    }

    /// Pods bound to a node, in name order.
    pub fn pods_on(&self, node: &str) -> impl Iterator<Item = &Pod> {
        self.store.pods_on_node
            .get(node)
            .into_iter()
            .flat_map(|s| s.iter())
            .filter_map(|k| self.store.pods.get(k))
    }
}
