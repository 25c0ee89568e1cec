//! Structured records of each controller's latest decision: what it did and what it waits
//! for. Plain data, no prose: the app words it in the student's language.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhyRecord {
    /// Simulated milliseconds of the decision.
    pub at_ms: u64,
    pub items: Vec<WhyItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum WhyItem {
    /// A DaemonSet will not run a pod on this node.
    NodeSkipped { node: String, reason: SkipReason },
    /// The node should run a pod and has one.
    NodeHasPod { node: String, pod: String },
    /// A pod was created for this node (DaemonSet) or ordinal.
    PodCreated { pod: String, node: Option<String> },
    /// A pod was deleted.
    PodDeleted { pod: String, node: Option<String>, cause: DeleteCause },
    /// Waiting for a pod to finish terminating before acting on its node or ordinal.
    WaitingForTermination { pod: String },
    /// An object without a controller was taken over because the selector matches it.
    Adopted { kind: String, name: String },
    /// An owned object no longer matches the selector and was let go.
    Released { kind: String, name: String },
    /// A Deployment changed the size of one of its ReplicaSets.
    ReplicaSetScaled { replica_set: String, from: i32, to: i32 },
    /// A rolling update cannot go further now: the surge or unavailability budget is used up.
    RolloutBudgetUsed { max_surge: i32, max_unavailable: i32, total: i32, available: i32 },
    /// Recreate strategy: old pods must be gone before the new ReplicaSet is scaled up.
    WaitingForOldPods { count: i32 },
    /// The object is being deleted; the controller only writes status.
    OwnerBeingDeleted,
    /// `kubectl rollout pause`: template changes wait for `rollout resume`.
    RolloutPaused,
    /// OrderedReady: `blocked` (the next pod to create, delete or update) waits because
    /// `pod` is not Running and Ready yet ("web-2 waits: web-1 is not Ready yet").
    WaitingForReady { pod: String, blocked: String },
    /// OrderedReady: `pod` is Ready but not yet for `minReadySeconds`.
    WaitingForAvailable { pod: String, min_ready_seconds: i32, blocked: String },
    /// A StatefulSet pod object must be gone before its ordinal is acted on again.
    WaitingForDeletion { pod: String },
    /// A rolling update waits for the pod it just replaced to become available.
    WaitingForUpdate { pod: String },
    /// Pods below the partition ordinal keep the old revision.
    Partitioned { partition: i32, below: String },
    /// A claim was created from a volumeClaimTemplate for a pod (before the pod).
    PvcCreated { claim: String, pod: String },
    /// A pod cannot be created while its claim is being deleted.
    WaitingForClaimDeletion { claim: String, pod: String },
    /// pvc-protection: a deleted claim stays while a pod uses it.
    ClaimInUse { claim: String },
    /// A claim waits for its provisioner (on the node the scheduler picked, if delayed).
    Provisioning { claim: String, provisioner: String, node: Option<String> },
    /// A claim was bound to a volume.
    ClaimBound { claim: String, volume: String },
    /// A ReadWriteOnce volume is attached to another node: the pod stays ContainerCreating.
    MultiAttach { pod: String, volume: String, holders: Vec<String> },
    /// An image of the pod does not pull: the kubelet retries after a back-off (`seconds`)
    /// and the pod waits (`ErrImagePull`, then `ImagePullBackOff`).
    ImagePullFailed { pod: String, image: String, seconds: u64 },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SkipReason {
    /// `spec.nodeSelector` does not match the node's labels.
    NodeSelectorMismatch { selector: String },
    /// Required node affinity does not match.
    NodeAffinityMismatch,
    /// The template names another node in `spec.nodeName`.
    OtherNodeName { node_name: String },
    /// A NoSchedule/NoExecute taint the pod does not tolerate.
    UntoleratedTaint { taint: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DeleteCause {
    /// The node should no longer run the pod.
    NodeNoLongerEligible,
    /// Extra pods on one node: only the oldest is kept.
    Duplicate,
    /// The pod failed.
    Failed,
    /// Replaced by a rolling update.
    Outdated,
    /// More pods than replicas: the lowest-ranked ones go.
    ScaleDown,
    /// Its ordinal is no longer in range (StatefulSet scale-down).
    ScaledDown,
}
