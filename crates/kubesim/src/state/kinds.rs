//! Every kind of object the store holds, by name: where its objects are and their metadata.
//! The API server's delete and the garbage collector (`apiserver/delete.rs`) and kubectl's
//! resource registry (`kubectl/registry.rs`) reach any kind's objects through this one table
//! instead of matching on kind names.

use super::Store;
use crate::api::meta::Key;
use crate::api::model::ObjectMeta;

/// One kind of stored object.
pub(crate) struct StoredKind {
    pub(crate) kind: &'static str,
    /// The resource as the API server names it in its errors (`daemonsets.apps`).
    pub(crate) resource: &'static str,
    /// Whether the garbage collector follows owner references from objects of the kind (the
    /// kinds whose objects this cluster makes owned by others, or that own others).
    pub(crate) collected: bool,
    /// Every object of the kind, in the store's order.
    pub(crate) metas: fn(&Store) -> Vec<&ObjectMeta>,
    pub(crate) meta: for<'a> fn(&'a Store, &Key) -> Option<&'a ObjectMeta>,
    pub(crate) meta_mut: for<'a> fn(&'a mut Store, &Key) -> Option<&'a mut ObjectMeta>,
}

/// An entry for a namespaced kind (`ns`) or a cluster-scoped one (`cluster`: keyed by name).
macro_rules! stored {
    (ns $kind:literal, $resource:literal, $field:ident, $collected:literal) => {
        StoredKind {
            kind: $kind,
            resource: $resource,
            collected: $collected,
            metas: |s| s.$field.values().map(|o| &o.metadata).collect(),
            meta: |s, k| s.$field.get(k).map(|o| &o.metadata),
            meta_mut: |s, k| s.$field.get_mut(k).map(|o| &mut o.metadata),
        }
    };
    (cluster $kind:literal, $resource:literal, $field:ident) => {
        StoredKind {
            kind: $kind,
            resource: $resource,
            collected: false,
            metas: |s| s.$field.values().map(|o| &o.metadata).collect(),
            meta: |s, k| s.$field.get(&k.name).map(|o| &o.metadata),
            meta_mut: |s, k| s.$field.get_mut(&k.name).map(|o| &mut o.metadata),
        }
    };
}

pub(crate) const STORED: &[StoredKind] = &[
    stored!(ns "Pod", "pods", pods, true),
    stored!(ns "ReplicaSet", "replicasets.apps", replicasets, true),
    stored!(ns "Deployment", "deployments.apps", deployments, true),
    stored!(ns "DaemonSet", "daemonsets.apps", daemonsets, true),
    stored!(ns "StatefulSet", "statefulsets.apps", statefulsets, true),
    stored!(ns "PersistentVolumeClaim", "persistentvolumeclaims", pvcs, true),
    stored!(ns "ControllerRevision", "controllerrevisions.apps", controllerrevisions, true),
    stored!(ns "Service", "services", services, false),
    stored!(ns "Endpoints", "endpoints", endpoints, false),
    stored!(cluster "Node", "nodes", nodes),
    stored!(cluster "Namespace", "namespaces", namespaces),
    stored!(cluster "PersistentVolume", "persistentvolumes", pvs),
    stored!(cluster "StorageClass", "storageclasses.storage.k8s.io", storageclasses),
];

/// The stored kind of this name.
pub(crate) fn stored(kind: &str) -> Option<&'static StoredKind> {
    STORED.iter().find(|k| k.kind == kind)
}

/// A kind the garbage collector follows.
pub(crate) fn collected(kind: &str) -> Option<&'static StoredKind> {
    stored(kind).filter(|k| k.collected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_once_and_the_collected_ones() {
        let mut names: Vec<&str> = STORED.iter().map(|k| k.kind).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), STORED.len());
        let collected: Vec<&str> = STORED.iter().filter(|k| k.collected).map(|k| k.kind).collect();
        assert_eq!(collected, ["Pod", "ReplicaSet", "Deployment", "DaemonSet", "StatefulSet", "PersistentVolumeClaim", "ControllerRevision"]);
    }
}
