//! Warnings that are not errors: the manifest applies (as it would on a real cluster, where
//! kubectl prints none of these), but it holds a mistake students often make. The app words
//! them for the student; `kubectl` here stays silent about them, like the real one.
//! These are the warnings as data; `cluster/warnings.rs` finds them, asking the
//! controllers' predicates.

use crate::runtime::why::SkipReason;
use serde::{Deserialize, Serialize};

/// One warning, at the line and column of the field concerned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestWarning {
    /// 0-based index of the document (as in [`crate::ManifestError`]).
    pub document: usize,
    /// 1-based line and column.
    pub line: usize,
    pub column: usize,
    /// The object, as kubectl names it (`statefulset.apps/web`).
    pub object: String,
    pub kind: WarningKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum WarningKind {
    /// A StatefulSet's `serviceName` names no Service (in the cluster or the same file),
    /// or a Service that is not headless (`clusterIP: None`). Empty name: none given.
    NoHeadlessService { service_name: String, exists: bool },
    /// A claim (or claim template) asks for a StorageClass that does not exist.
    StorageClassNotFound { class: String, claim: String },
    /// No node is eligible for a DaemonSet's pods; why, node by node.
    NoEligibleNode { reasons: Vec<NodeReason> },
    /// An image without a tag, or tagged `latest`.
    LatestTag { container: String, image: String },
    /// A StatefulSet's pod template mounts one claim that every replica shares, and the claim
    /// is ReadWriteOnce (or not found, so its access mode is unknown: `access_mode` empty).
    SharedClaim { claim: String, access_mode: String },
}

/// Why one node gets no daemon pod (`daemonset::node_should_run`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeReason {
    pub node: String,
    pub reason: SkipReason,
}

/// Does an image reference carry no tag, or the `latest` tag? Digests count as pinned.
pub fn floating_tag(image: &str) -> bool {
    if image.contains('@') {
        return false;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        None => true,
        Some((_, tag)) => tag == "latest",
    }
}
