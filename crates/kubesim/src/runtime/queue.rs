//! The control loop's work queue and timers: what to do now, and what to do later.

use crate::api::meta::Key;
use crate::runtime::time::Time;
use serde::{Deserialize, Serialize};

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
pub(crate) struct Timer {
    pub(crate) at: Time,
    pub(crate) seq: u64,
    pub(crate) kind: TimerKind,
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
