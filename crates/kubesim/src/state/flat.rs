//! The state's serialized form: one flat record whose fields keep the order and names they
//! had before the state was split into parts (the state hash and stored states depend on it).

use super::*;

/// The state as one flat record, borrowed: what `State` serializes as.
#[derive(Serialize)]
#[serde(rename = "State")]
struct StateOut<'a> {
    seed: &'a u64,
    now: &'a Time,
    rng: &'a Rng,
    timings: &'a Timings,
    next_rv: &'a u64,
    next_uid: &'a u64,
    timer_seq: &'a u64,
    timers: &'a BinaryHeap<Reverse<Timer>>,
    queue: &'a VecDeque<Work>,
    queued: &'a BTreeSet<Work>,
    nodes: &'a BTreeMap<String, Node>,
    pods: &'a BTreeMap<Key, Pod>,
    daemonsets: &'a BTreeMap<Key, DaemonSet>,
    deployments: &'a BTreeMap<Key, Deployment>,
    replicasets: &'a BTreeMap<Key, ReplicaSet>,
    namespaces: &'a BTreeMap<String, Namespace>,
    storageclasses: &'a BTreeMap<String, StorageClass>,
    events: &'a Vec<Event>,
    unscheduled: &'a BTreeSet<Key>,
    node_images: &'a BTreeMap<String, BTreeSet<String>>,
    node_ip_next: &'a BTreeMap<String, u32>,
    node_subnet: &'a BTreeMap<String, u32>,
    next_subnet: &'a u32,
    runtime: &'a BTreeMap<Key, PodRuntime>,
    pods_on_node: &'a BTreeMap<String, BTreeSet<Key>>,
    why: &'a BTreeMap<(String, Key), WhyRecord>,
    history: &'a Vec<Happening>,
    resyncs: &'a BTreeSet<(Time, Work)>,
    kubelets: &'a BTreeMap<String, KubeletState>,
    scheduled_evictions: &'a BTreeSet<Key>,
    similar_events: &'a BTreeMap<String, SimilarEvents>,
    statefulsets: &'a BTreeMap<Key, StatefulSet>,
    controllerrevisions: &'a BTreeMap<Key, ControllerRevision>,
    pvcs: &'a BTreeMap<Key, PersistentVolumeClaim>,
    pvs: &'a BTreeMap<String, PersistentVolume>,
    services: &'a BTreeMap<Key, Service>,
    endpoints: &'a BTreeMap<Key, Endpoints>,
    attach_waiting: &'a BTreeSet<Key>,
    claim_users: &'a BTreeMap<Key, BTreeSet<Key>>,
    pods_by_owner: &'a BTreeMap<String, BTreeSet<Key>>,
    orphan_pods: &'a BTreeSet<Key>,
    pod_uids: &'a BTreeMap<String, Key>,
}

/// The flat record read back (fields added later default when absent).
#[derive(Deserialize)]
#[serde(rename = "State")]
struct StateIn {
    seed: u64,
    now: Time,
    rng: Rng,
    timings: Timings,
    next_rv: u64,
    next_uid: u64,
    timer_seq: u64,
    timers: BinaryHeap<Reverse<Timer>>,
    queue: VecDeque<Work>,
    queued: BTreeSet<Work>,
    nodes: BTreeMap<String, Node>,
    pods: BTreeMap<Key, Pod>,
    daemonsets: BTreeMap<Key, DaemonSet>,
    #[serde(default)]
    deployments: BTreeMap<Key, Deployment>,
    #[serde(default)]
    replicasets: BTreeMap<Key, ReplicaSet>,
    namespaces: BTreeMap<String, Namespace>,
    storageclasses: BTreeMap<String, StorageClass>,
    events: Vec<Event>,
    unscheduled: BTreeSet<Key>,
    node_images: BTreeMap<String, BTreeSet<String>>,
    node_ip_next: BTreeMap<String, u32>,
    node_subnet: BTreeMap<String, u32>,
    next_subnet: u32,
    runtime: BTreeMap<Key, PodRuntime>,
    pods_on_node: BTreeMap<String, BTreeSet<Key>>,
    why: BTreeMap<(String, Key), WhyRecord>,
    history: Vec<Happening>,
    resyncs: BTreeSet<(Time, Work)>,
    #[serde(default)]
    kubelets: BTreeMap<String, KubeletState>,
    #[serde(default)]
    scheduled_evictions: BTreeSet<Key>,
    #[serde(default)]
    similar_events: BTreeMap<String, SimilarEvents>,
    #[serde(default)]
    statefulsets: BTreeMap<Key, StatefulSet>,
    #[serde(default)]
    controllerrevisions: BTreeMap<Key, ControllerRevision>,
    #[serde(default)]
    pvcs: BTreeMap<Key, PersistentVolumeClaim>,
    #[serde(default)]
    pvs: BTreeMap<String, PersistentVolume>,
    #[serde(default)]
    services: BTreeMap<Key, Service>,
    #[serde(default)]
    endpoints: BTreeMap<Key, Endpoints>,
    #[serde(default)]
    attach_waiting: BTreeSet<Key>,
    #[serde(default)]
    claim_users: BTreeMap<Key, BTreeSet<Key>>,
    #[serde(default)]
    pods_by_owner: BTreeMap<String, BTreeSet<Key>>,
    #[serde(default)]
    orphan_pods: BTreeSet<Key>,
    #[serde(default)]
    pod_uids: BTreeMap<String, Key>,
}

impl Serialize for State {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The kubelet's records of pods already gone are not part of the state (see
        // `Ctx::gone_pods`): the record reads as if they had been dropped at once.
        let runtime = if self.gone_pods.is_empty() {
            std::borrow::Cow::Borrowed(&self.agents.runtime)
        } else {
            let mut r = self.agents.runtime.clone();
            for k in &self.gone_pods {
                r.remove(k);
            }
            std::borrow::Cow::Owned(r)
        };
        StateOut {
            seed: &self.seed,
            now: &self.rt.now,
            rng: &self.rt.rng,
            timings: &self.timings,
            next_rv: &self.store.next_rv,
            next_uid: &self.store.next_uid,
            timer_seq: &self.rt.timer_seq,
            timers: &self.rt.timers,
            queue: &self.rt.queue,
            queued: &self.rt.queued,
            nodes: &self.store.nodes,
            pods: &self.store.pods,
            daemonsets: &self.store.daemonsets,
            deployments: &self.store.deployments,
            replicasets: &self.store.replicasets,
            namespaces: &self.store.namespaces,
            storageclasses: &self.store.storageclasses,
            events: &self.rec.events,
            unscheduled: &self.store.unscheduled,
            node_images: &self.agents.node_images,
            node_ip_next: &self.agents.node_ip_next,
            node_subnet: &self.agents.node_subnet,
            next_subnet: &self.agents.next_subnet,
            runtime: &runtime,
            pods_on_node: &self.store.pods_on_node,
            why: &self.rec.why,
            history: &self.rec.history,
            resyncs: &self.rt.resyncs,
            kubelets: &self.agents.kubelets,
            scheduled_evictions: &self.memory.scheduled_evictions,
            similar_events: &self.rec.similar_events,
            statefulsets: &self.store.statefulsets,
            controllerrevisions: &self.store.controllerrevisions,
            pvcs: &self.store.pvcs,
            pvs: &self.store.pvs,
            services: &self.store.services,
            endpoints: &self.store.endpoints,
            attach_waiting: &self.memory.attach_waiting,
            claim_users: &self.store.claim_users,
            pods_by_owner: &self.store.pods_by_owner,
            orphan_pods: &self.store.orphan_pods,
            pod_uids: &self.store.pod_uids,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for State {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<State, D::Error> {
        let i = StateIn::deserialize(d)?;
        Ok(State::assemble(i.seed, i.timings, Store {
            next_rv: i.next_rv,
            next_uid: i.next_uid,
            nodes: i.nodes,
            pods: i.pods,
            daemonsets: i.daemonsets,
            deployments: i.deployments,
            replicasets: i.replicasets,
            namespaces: i.namespaces,
            storageclasses: i.storageclasses,
            unscheduled: i.unscheduled,
            pods_on_node: i.pods_on_node,
            statefulsets: i.statefulsets,
            controllerrevisions: i.controllerrevisions,
            pvcs: i.pvcs,
            pvs: i.pvs,
            services: i.services,
            endpoints: i.endpoints,
            claim_users: i.claim_users,
            pods_by_owner: i.pods_by_owner,
            orphan_pods: i.orphan_pods,
            pod_uids: i.pod_uids,
        }, Runtime {
            now: i.now,
            rng: i.rng,
            work_done: Default::default(),
            timer_seq: i.timer_seq,
            timers: i.timers,
            queue: i.queue,
            queued: i.queued,
            resyncs: i.resyncs,
        }, Recorder {
            events: i.events,
            event_index: Default::default(),
            why: i.why,
            history: i.history,
            similar_events: i.similar_events,
        }, ControllerMemory {
            scheduled_evictions: i.scheduled_evictions,
            attach_waiting: i.attach_waiting,
        }, NodeAgents {
            node_images: i.node_images,
            node_ip_next: i.node_ip_next,
            node_subnet: i.node_subnet,
            next_subnet: i.next_subnet,
            runtime: i.runtime,
            kubelets: i.kubelets,
        }))
    }
}
