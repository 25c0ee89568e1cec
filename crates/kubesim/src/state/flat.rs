//! The state's serialized form: one flat record whose fields keep the order and names they
//! had before the state was split into parts (the state hash and stored states depend on it).
//! `flat_state!` makes the borrowed record written, the owned record read, and both
//! conversions from one list: each field's name and type in the record and its place in the
//! parts. Do not reorder it; a field added later reads as its default when absent.

use super::*;

macro_rules! flat_state {
    ($( $(#[$attr:meta])* $name:ident : $ty:ty => $($place:ident).+ ),* $(,)?) => {
        /// The state as one flat record, borrowed: what `State` serializes as.
        #[derive(Serialize)]
        #[serde(rename = "State")]
        struct StateOut<'a> {
            $( $(#[$attr])* $name: &'a $ty, )*
        }

        /// The flat record read back.
        #[derive(Deserialize)]
        #[serde(rename = "State")]
        struct StateIn {
            $( $(#[$attr])* $name: $ty, )*
        }

        impl Serialize for State {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                // What the node side has not heard of yet (the kubelet hears of it before it
                // next runs) reads as already done: pods gone, a deleted volume's contents.
                let stale = !self.gone_pods.is_empty() || self.agents.disks.volumes.keys().any(|pv| !self.ctx.store.pvs.contains_key(pv));
                if stale {
                    // The kubelet's records of pods already gone are not part of the state
                    // (see `Ctx::gone_pods`): the record reads as if they had been dropped.
                    let mut settled = self.clone();
                    settled.forget_gone_pods();
                    return settled.serialize(s);
                }
                StateOut { $( $name: &self.$($place).+, )* }.serialize(s)
            }
        }

        impl<'de> Deserialize<'de> for State {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<State, D::Error> {
                let i = StateIn::deserialize(d)?;
                let mut s = State::blank(i.seed);
                $( s.$($place).+ = i.$name; )*
                Ok(s)
            }
        }
    };
}

flat_state! {
    seed: u64 => ctx.seed,
    now: Time => ctx.rt.now,
    rng: Rng => ctx.rt.rng,
    timings: Timings => ctx.timings,
    next_rv: u64 => ctx.store.next_rv,
    next_uid: u64 => ctx.store.next_uid,
    timer_seq: u64 => ctx.rt.timer_seq,
    timers: BinaryHeap<Reverse<Timer>> => ctx.rt.timers,
    queue: VecDeque<Work> => ctx.rt.queue,
    queued: BTreeSet<Work> => ctx.rt.queued,
    nodes: BTreeMap<String, Node> => ctx.store.nodes,
    pods: BTreeMap<Key, Pod> => ctx.store.pods,
    daemonsets: BTreeMap<Key, DaemonSet> => ctx.store.daemonsets,
    #[serde(default)]
    deployments: BTreeMap<Key, Deployment> => ctx.store.deployments,
    #[serde(default)]
    replicasets: BTreeMap<Key, ReplicaSet> => ctx.store.replicasets,
    namespaces: BTreeMap<String, Namespace> => ctx.store.namespaces,
    storageclasses: BTreeMap<String, StorageClass> => ctx.store.storageclasses,
    events: Vec<Event> => ctx.rec.events,
    unscheduled: BTreeSet<Key> => ctx.store.unscheduled,
    node_images: BTreeMap<String, BTreeSet<String>> => agents.node_images,
    node_ip_next: BTreeMap<String, u32> => agents.node_ip_next,
    node_subnet: BTreeMap<String, u32> => agents.node_subnet,
    next_subnet: u32 => agents.next_subnet,
    runtime: BTreeMap<Key, PodRuntime> => agents.runtime,
    pods_on_node: BTreeMap<String, BTreeSet<Key>> => ctx.store.pods_on_node,
    why: BTreeMap<(String, Key), WhyRecord> => ctx.rec.why,
    history: Vec<Happening> => ctx.rec.history,
    resyncs: BTreeSet<(Time, Work)> => ctx.rt.resyncs,
    #[serde(default)]
    kubelets: BTreeMap<String, KubeletState> => agents.kubelets,
    #[serde(default)]
    scheduled_evictions: BTreeSet<Key> => ctx.memory.scheduled_evictions,
    #[serde(default)]
    similar_events: BTreeMap<String, SimilarEvents> => ctx.rec.similar_events,
    #[serde(default)]
    statefulsets: BTreeMap<Key, StatefulSet> => ctx.store.statefulsets,
    #[serde(default)]
    controllerrevisions: BTreeMap<Key, ControllerRevision> => ctx.store.controllerrevisions,
    #[serde(default)]
    pvcs: BTreeMap<Key, PersistentVolumeClaim> => ctx.store.pvcs,
    #[serde(default)]
    pvs: BTreeMap<String, PersistentVolume> => ctx.store.pvs,
    #[serde(default)]
    services: BTreeMap<Key, Service> => ctx.store.services,
    #[serde(default)]
    endpoints: BTreeMap<Key, Endpoints> => ctx.store.endpoints,
    #[serde(default)]
    attach_waiting: BTreeSet<Key> => ctx.memory.attach_waiting,
    #[serde(default)]
    claim_users: BTreeMap<Key, BTreeSet<Key>> => ctx.store.claim_users,
    #[serde(default)]
    pods_by_owner: BTreeMap<String, BTreeSet<Key>> => ctx.store.pods_by_owner,
    #[serde(default)]
    orphan_pods: BTreeSet<Key> => ctx.store.orphan_pods,
    #[serde(default)]
    pod_uids: BTreeMap<String, Key> => ctx.store.pod_uids,
    #[serde(default, skip_serializing_if = "files::Disks::is_unused")]
    disks: files::Disks => agents.disks,
}
