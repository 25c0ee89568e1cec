//! PersistentVolumeClaims and PersistentVolumes in the store: reads, create, delete (with
//! the pvc-protection finalizer), and the claim users index.

use crate::api::meta::{Key, Object};
use crate::api::model::*;
use crate::runtime::queue::Work;
use crate::state::Ctx;

pub const PVC_PROTECTION: &str = "kubernetes.io/pvc-protection";
pub const PV_PROTECTION: &str = "kubernetes.io/pv-protection";
pub const DEFAULT_CLASS: &str = "storageclass.kubernetes.io/is-default-class";
pub const BETA_DEFAULT_CLASS: &str = "storageclass.beta.kubernetes.io/is-default-class";

/// The default StorageClass: the newest class marked default (ties by name), as the
/// admission plugin picks it.
pub fn default_class(c: &Ctx) -> Option<String> {
    c.store.storageclasses
        .values()
        .filter(|s| {
            let a = &s.metadata.annotations;
            a.get(DEFAULT_CLASS).is_some_and(|v| v == "true") || a.get(BETA_DEFAULT_CLASS).is_some_and(|v| v == "true")
        })
        .max_by(|a, b| {
            Ctx::created_at(&a.metadata)
                .cmp(&Ctx::created_at(&b.metadata))
                .then_with(|| b.metadata.name.cmp(&a.metadata.name))
        })
        .map(|s| s.metadata.name.clone())
}


impl Ctx {
    pub fn pvc(&self, k: &Key) -> Option<&PersistentVolumeClaim> {
        self.store.pvcs.get(k)
    }
    pub fn pvcs(&self) -> impl Iterator<Item = &PersistentVolumeClaim> {
        self.store.pvcs.values()
    }
    pub fn pv(&self, name: &str) -> Option<&PersistentVolume> {
        self.store.pvs.get(name)
    }
    pub fn pvs(&self) -> impl Iterator<Item = &PersistentVolume> {
        self.store.pvs.values()
    }

    /// Creates a claim (API server side): defaults, default-class admission, protection
    /// finalizer, phase Pending.
    pub(crate) fn create_pvc(&mut self, mut pvc: PersistentVolumeClaim) -> Key {
        pvc.api_version = "v1".into();
        pvc.kind = "PersistentVolumeClaim".into();
        if pvc.metadata.namespace.is_empty() {
            pvc.metadata.namespace = "default".into();
        }
        crate::api::defaults::claim(&mut pvc);
        if pvc.spec.storage_class_name.is_none() {
            // DefaultStorageClass admission: nil gets the default; "" stays classless.
            pvc.spec.storage_class_name = default_class(self);
        }
        if !pvc.metadata.finalizers.iter().any(|f| f == PVC_PROTECTION) {
            pvc.metadata.finalizers.push(PVC_PROTECTION.into());
        }
        pvc.status = PersistentVolumeClaimStatus { phase: "Pending".into(), ..Default::default() };
        self.stamp_new(&mut pvc);
        let key = pvc.key();
        self.store.pvcs.insert(key.clone(), pvc);
        self.enqueue(Work::SyncClaim(key.clone()));
        self.claim_changed(&key);
        key
    }

    /// Creates a volume (API server side): defaults, protection finalizer, phase Pending
    /// (the controller makes it Available).
    pub(crate) fn create_pv(&mut self, mut pv: PersistentVolume) {
        pv.api_version = "v1".into();
        pv.kind = "PersistentVolume".into();
        pv.metadata.namespace = String::new();
        crate::api::defaults::volume(&mut pv);
        if !pv.metadata.finalizers.iter().any(|f| f == PV_PROTECTION) {
            pv.metadata.finalizers.push(PV_PROTECTION.into());
        }
        pv.status = PersistentVolumeStatus { phase: "Pending".into(), ..Default::default() };
        self.stamp_new(&mut pv);
        let name = pv.metadata.name.clone();
        self.store.pvs.insert(name.clone(), pv);
        self.enqueue(Work::SyncVolume(name));
    }

    /// `kubectl delete pvc`: with pvc-protection the claim stays `Terminating` while a pod
    /// uses it.
    pub(crate) fn delete_pvc(&mut self, key: &Key) -> bool {
        let Some(pvc) = self.store.pvcs.get(key) else { return false };
        if pvc.metadata.deletion_timestamp.is_none() {
            let rv = self.bump_rv();
            let now = self.rt.now.rfc3339();
            let pvc = self.store.pvcs.get_mut(key).expect("checked");
            pvc.metadata.deletion_timestamp = Some(now);
            pvc.metadata.deletion_grace_period_seconds = Some(0);
            pvc.metadata.resource_version = rv;
        }
        self.enqueue(Work::SyncClaim(key.clone()));
        true
    }

    /// `kubectl delete pv`: a bound volume stays `Terminating` (pv-protection) until its
    /// claim is gone.
    pub(crate) fn delete_pv(&mut self, name: &str) -> bool {
        let Some(pv) = self.store.pvs.get(name) else { return false };
        if pv.metadata.deletion_timestamp.is_none() {
            let rv = self.bump_rv();
            let now = self.rt.now.rfc3339();
            let pv = self.store.pvs.get_mut(name).expect("checked");
            pv.metadata.deletion_timestamp = Some(now);
            pv.metadata.deletion_grace_period_seconds = Some(0);
            pv.metadata.resource_version = rv;
        }
        self.enqueue(Work::SyncVolume(name.to_string()));
        true
    }

    pub(crate) fn remove_pvc_object(&mut self, key: &Key) {
        let Some(pvc) = self.store.pvcs.remove(key) else { return };
        self.happen(crate::runtime::history::HappeningKind::ObjectDeleted { kind: "PersistentVolumeClaim".into(), key: key.clone() });
        if !pvc.spec.volume_name.is_empty() {
            self.enqueue(Work::SyncVolume(pvc.spec.volume_name.clone()));
        }
        self.claim_changed(key);
    }

    /// Something about a claim changed: pending pods that use it look again, and a
    /// StatefulSet whose claim it is re-syncs.
    pub(crate) fn claim_changed(&mut self, key: &Key) {
        let waiting: Vec<Key> = self.claim_users(key).filter(|k| self.store.unscheduled.contains(k)).cloned().collect();
        for k in waiting {
            self.enqueue(Work::Schedule(k));
        }
        (self.informers.claim_changed)(self, key);
    }

    /// Is a claim used by a pod that has not finished? (pvc-protection's question.)
    pub(crate) fn claim_in_use(&self, key: &Key) -> bool {
        self.claim_users(key).filter_map(|k| self.store.pods.get(k)).any(|p| !is_terminal(p))
    }

    /// Pods whose volumes name this claim.
    pub(crate) fn claim_users(&self, key: &Key) -> impl Iterator<Item = &Key> {
        self.store.claim_users.get(key).into_iter().flatten()
    }
}
