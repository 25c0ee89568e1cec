//! The API server's side of `DELETE` with a propagation policy, and object access by kind
//! for it and the garbage collector (`controllers/gc.rs`), which deletes dependents.
//!
//! * Background (default): the owner is removed at once; the collector then deletes every
//!   dependent none of whose other owners still exists.
//! * Foreground: the owner gets a deletionTimestamp and the `foregroundDeletion` finalizer;
//!   the collector deletes its dependents (foreground again for dependents that own things
//!   themselves) and removes the owner once no dependent with `blockOwnerDeletion` is left.
//! * Orphan: the owner references to it are removed from its dependents, then it goes.

use crate::api::meta::Key;
use crate::api::model::*;
use crate::runtime::history::HappeningKind;
use crate::runtime::queue::Work;
use crate::state::Ctx;
use crate::state::kinds::collected;
use serde::{Deserialize, Serialize};

pub const FOREGROUND_FINALIZER: &str = "foregroundDeletion";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Propagation {
    Background,
    Foreground,
    Orphan,
}

impl Propagation {
    /// `--cascade` values (`true`/`false` are the deprecated spellings).
    pub fn parse(s: &str) -> Option<Propagation> {
        match s {
            "background" | "true" => Some(Propagation::Background),
            "foreground" => Some(Propagation::Foreground),
            "orphan" | "false" => Some(Propagation::Orphan),
            _ => None,
        }
    }
}


impl Ctx {
    /// Deletes a DaemonSet; its pods are garbage-collected (background propagation).
    pub fn delete_daemonset(&mut self, k: &Key) -> bool {
        self.delete_object("DaemonSet", k, Propagation::Background, None).is_ok()
    }

    /// The metadata of a namespaced object of a kind the collector knows.
    pub fn object_meta(&self, kind: &str, key: &Key) -> Option<&ObjectMeta> {
        collected(kind).and_then(|k| (k.meta)(&self.store, key))
    }

    pub(crate) fn object_meta_mut(&mut self, kind: &str, key: &Key) -> Option<&mut ObjectMeta> {
        collected(kind).and_then(|k| (k.meta_mut)(&mut self.store, key))
    }

    /// Changes an object's metadata where its owner references may change, keeping the pod
    /// indexes in step.
    pub(crate) fn reown(&mut self, kind: &str, key: &Key, f: impl FnOnce(&mut ObjectMeta)) {
        if kind == "Pod" {
            self.index_pod(key, false);
        }
        if let Some(m) = self.object_meta_mut(kind, key) {
            f(m);
        }
        if kind == "Pod" {
            self.index_pod(key, true);
        }
    }

    /// The object with this uid in a namespace, if it still exists.
    pub(crate) fn find_by_uid(&self, ns: &str, uid: &str) -> Option<(String, Key)> {
        let hit = |m: &ObjectMeta| m.namespace == ns && m.uid == uid;
        if let Some(o) = self.store.deployments.values().find(|o| hit(&o.metadata)) {
            return Some(("Deployment".into(), Key::new(ns, &o.metadata.name)));
        }
        if let Some(o) = self.store.replicasets.values().find(|o| hit(&o.metadata)) {
            return Some(("ReplicaSet".into(), Key::new(ns, &o.metadata.name)));
        }
        if let Some(o) = self.store.daemonsets.values().find(|o| hit(&o.metadata)) {
            return Some(("DaemonSet".into(), Key::new(ns, &o.metadata.name)));
        }
        if let Some(o) = self.store.statefulsets.values().find(|o| hit(&o.metadata)) {
            return Some(("StatefulSet".into(), Key::new(ns, &o.metadata.name)));
        }
        if let Some(o) = self.store.pod_uids.get(uid).and_then(|k| self.store.pods.get(k)).filter(|o| hit(&o.metadata)) {
            return Some(("Pod".into(), Key::new(ns, &o.metadata.name)));
        }
        None
    }

    /// Objects with an owner reference to `uid`: (kind, key, blockOwnerDeletion).
    pub(crate) fn dependents_of(&self, ns: &str, uid: &str) -> Vec<(String, Key, bool)> {
        let mut v = Vec::new();
        let refs = |m: &ObjectMeta| m.owner_references.iter().find(|r| r.uid == uid).map(|r| r.block_owner_deletion == Some(true));
        for o in self.store.replicasets.values().filter(|o| o.metadata.namespace == ns) {
            if let Some(b) = refs(&o.metadata) {
                v.push(("ReplicaSet".to_string(), Key::new(ns, &o.metadata.name), b));
            }
        }
        for (_, o) in self.pods_owned_by(uid).filter(|(_, o)| o.metadata.namespace == ns) {
            if let Some(b) = refs(&o.metadata) {
                v.push(("Pod".to_string(), Key::new(ns, &o.metadata.name), b));
            }
        }
        for o in self.store.controllerrevisions.values().filter(|o| o.metadata.namespace == ns) {
            if let Some(b) = refs(&o.metadata) {
                v.push(("ControllerRevision".to_string(), Key::new(ns, &o.metadata.name), b));
            }
        }
        for o in self.store.pvcs.values().filter(|o| o.metadata.namespace == ns) {
            if let Some(b) = refs(&o.metadata) {
                v.push(("PersistentVolumeClaim".to_string(), Key::new(ns, &o.metadata.name), b));
            }
        }
        v
    }

    /// `DELETE` of a namespaced object with a propagation policy and, for pods, a grace
    /// period. `Err` carries kubectl's NotFound line.
    pub fn delete_object(&mut self, kind: &str, key: &Key, propagation: Propagation, grace: Option<i64>) -> Result<(), String> {
        let Some(meta) = self.object_meta(kind, key) else {
            let plural = collected(kind).map_or("objects", |k| k.resource);
            return Err(format!("Error from server (NotFound): {plural} \"{}\" not found", key.name));
        };
        let uid = meta.uid.clone();
        let already = meta.deletion_timestamp.is_some();
        match propagation {
            Propagation::Orphan => {
                for (dk, dkey, _) in self.dependents_of(&key.ns, &uid) {
                    let rv = self.bump_rv();
                    self.reown(&dk, &dkey, |m| {
                        m.owner_references.retain(|r| r.uid != uid);
                        m.resource_version = rv;
                    });
                }
                self.remove_or_terminate(kind, key, grace);
            }
            Propagation::Foreground if kind != "Pod" => {
                if !already {
                    let now = self.rt.now.rfc3339();
                    let rv = self.bump_rv();
                    let m = self.object_meta_mut(kind, key).expect("checked");
                    m.deletion_timestamp = Some(now);
                    m.deletion_grace_period_seconds = Some(0);
                    if !m.finalizers.iter().any(|f| f == FOREGROUND_FINALIZER) {
                        m.finalizers.push(FOREGROUND_FINALIZER.into());
                    }
                    m.resource_version = rv;
                    self.owner_changed(kind, key);
                }
                self.enqueue(Work::GarbageCollect { ns: key.ns.clone(), uid });
            }
            _ => self.remove_or_terminate(kind, key, grace),
        }
        Ok(())
    }

    /// Pods terminate gracefully, claims wait for pvc-protection; other kinds go at once.
    fn remove_or_terminate(&mut self, kind: &str, key: &Key, grace: Option<i64>) {
        match kind {
            "Pod" => {
                self.delete_pod(key, grace);
            }
            "PersistentVolumeClaim" => {
                self.delete_pvc(key);
            }
            _ => self.remove_object(kind, key),
        }
    }

    /// Removes a workload object from the store and lets the collector look at what it owned.
    pub(crate) fn remove_object(&mut self, kind: &str, key: &Key) {
        let uid = match kind {
            "Pod" => {
                self.remove_pod_object(key);
                return;
            }
            "ReplicaSet" => {
                let uid = self.store.replicasets.get(key).map(|o| o.metadata.uid.clone());
                self.remove_replicaset_object(key);
                uid
            }
            "Deployment" => self.store.deployments.remove(key).map(|o| o.metadata.uid),
            "DaemonSet" => self.store.daemonsets.remove(key).map(|o| o.metadata.uid),
            "StatefulSet" => self.store.statefulsets.remove(key).map(|o| o.metadata.uid),
            "ControllerRevision" => {
                self.store.controllerrevisions.remove(key);
                return;
            }
            _ => None,
        };
        let Some(uid) = uid else { return };
        if kind != "ReplicaSet" {
            self.rec.why.remove(&(kind.to_string(), key.clone()));
            self.happen(HappeningKind::ObjectDeleted { kind: kind.to_string(), key: key.clone() });
        }
        self.enqueue(Work::GarbageCollect { ns: key.ns.clone(), uid });
    }

    /// An object with owner references went away: its owners may be waiting for it.
    pub(crate) fn dependent_removed(&mut self, meta: &ObjectMeta) {
        for r in &meta.owner_references {
            self.enqueue(Work::GarbageCollect { ns: meta.namespace.clone(), uid: r.uid.clone() });
        }
    }
}
