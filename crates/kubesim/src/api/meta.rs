//! Object keys and the generic bits every stored kind shares (object meta access, kind names).

use crate::api::model::*;
use serde::{Deserialize, Serialize};
use std::fmt;

/// `(namespace, name)`; cluster-scoped objects have an empty namespace.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    pub ns: String,
    pub name: String,
}

impl Key {
    pub fn new(ns: &str, name: &str) -> Key {
        Key { ns: ns.to_string(), name: name.to_string() }
    }
    pub fn cluster(name: &str) -> Key {
        Key { ns: String::new(), name: name.to_string() }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ns.is_empty() {
            write!(f, "{}", self.name)
        } else {
            write!(f, "{}/{}", self.ns, self.name)
        }
    }
}

/// What every API object offers the generic machinery.
pub trait Object {
    const KIND: &'static str;
    const API_VERSION: &'static str;
    const NAMESPACED: bool;
    fn meta(&self) -> &ObjectMeta;
    fn meta_mut(&mut self) -> &mut ObjectMeta;
    fn key(&self) -> Key {
        Key::new(&self.meta().namespace, &self.meta().name)
    }
    /// The controller owner reference, if any.
    fn controller_ref(&self) -> Option<&OwnerReference> {
        self.meta().owner_references.iter().find(|r| r.controller == Some(true))
    }
}

macro_rules! object {
    ($t:ty, $kind:literal, $api:literal, $ns:literal) => {
        impl Object for $t {
            const KIND: &'static str = $kind;
            const API_VERSION: &'static str = $api;
            const NAMESPACED: bool = $ns;
            fn meta(&self) -> &ObjectMeta {
                &self.metadata
            }
            fn meta_mut(&mut self) -> &mut ObjectMeta {
                &mut self.metadata
            }
        }
    };
}

object!(Pod, "Pod", "v1", true);
object!(Node, "Node", "v1", false);
object!(DaemonSet, "DaemonSet", "apps/v1", true);
object!(Namespace, "Namespace", "v1", false);
object!(StorageClass, "StorageClass", "storage.k8s.io/v1", false);
object!(Event, "Event", "v1", true);
object!(Deployment, "Deployment", "apps/v1", true);
object!(ReplicaSet, "ReplicaSet", "apps/v1", true);
object!(StatefulSet, "StatefulSet", "apps/v1", true);
object!(ControllerRevision, "ControllerRevision", "apps/v1", true);
object!(PersistentVolumeClaim, "PersistentVolumeClaim", "v1", true);
object!(PersistentVolume, "PersistentVolume", "v1", false);
object!(Service, "Service", "v1", true);
object!(Endpoints, "Endpoints", "v1", true);

/// An owner reference with `controller: true` and `blockOwnerDeletion: true`, as controllers
/// put on what they create.
pub fn controller_ref_to<T: Object>(owner: &T) -> OwnerReference {
    OwnerReference {
        api_version: T::API_VERSION.to_string(),
        kind: T::KIND.to_string(),
        name: owner.meta().name.clone(),
        uid: owner.meta().uid.clone(),
        controller: Some(true),
        block_owner_deletion: Some(true),
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

