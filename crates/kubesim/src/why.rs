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
}
