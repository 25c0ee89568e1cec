//! StatefulSets and ControllerRevisions in the store: reads, the write that queues the
//! StatefulSet controller, and `kubectl scale`'s spec change.

use crate::api::meta::{Key, Object};
use crate::api::model::*;
use crate::runtime::queue::Work;
use crate::state::Ctx;

impl Ctx {
    pub fn statefulset(&self, k: &Key) -> Option<&StatefulSet> {
        self.store.statefulsets.get(k)
    }
    pub fn statefulsets(&self) -> impl Iterator<Item = &StatefulSet> {
        self.store.statefulsets.values()
    }
    pub fn controllerrevisions(&self) -> impl Iterator<Item = &ControllerRevision> {
        self.store.controllerrevisions.values()
    }

    pub(crate) fn put_statefulset(&mut self, s: StatefulSet) {
        let k = s.key();
        self.store.statefulsets.insert(k.clone(), s);
        self.enqueue(Work::SyncStatefulSet(k));
    }

    /// `kubectl scale sts NAME --replicas=N` (the spec change; `Cluster::scale_statefulset`
    /// lets the control loop run after it).
    pub(crate) fn scale_statefulset_spec(&mut self, k: &Key, replicas: i32) -> bool {
        // Not found: nothing changes, not even the resource version counter.
        if !self.store.statefulsets.contains_key(k) {
            return false;
        }
        let rv = self.bump_rv();
        let Some(s) = self.store.statefulsets.get_mut(k) else { return false };
        if s.spec.replicas != Some(replicas) {
            s.spec.replicas = Some(replicas);
            s.metadata.generation = Some(s.metadata.generation.unwrap_or(1) + 1);
            s.metadata.resource_version = rv;
        }
        self.enqueue(Work::SyncStatefulSet(k.clone()));
        true
    }

}
