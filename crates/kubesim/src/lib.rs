//! kubesim: a simulated Kubernetes cluster for teaching, as plain data and pure functions.
//!
//! No browser dependencies, no wall clock, no OS randomness: time is a logical clock the
//! caller advances, randomness is one seeded generator. The same seed and inputs give the
//! same cluster, byte for byte, natively and in WebAssembly.

// Manifest errors and parsed documents are big plain values made once per `kubectl apply`;
// boxing them would only make the API clumsier.
#![allow(clippy::result_large_err, clippy::large_enum_variant)]

pub mod apply;
pub mod cluster;
pub mod complete;
pub mod daemonset;
pub mod defaults;
pub mod deployment;
pub mod gc;
pub mod journal;
pub mod kubectl;
pub mod kubelet;
pub mod manifest;
pub mod model;
pub mod nodelifecycle;
pub mod model_sts;
pub mod printers;
pub mod program;
pub mod quantity;
pub mod replicaset;
pub mod rand;
pub mod scheduler;
pub mod service;
pub mod session;
pub mod state_hash;
pub mod statefulset;
pub mod storage;
pub mod store;
pub mod time;
pub mod view;
pub mod warnings;
pub mod why;
mod yaml_syntax;
mod yaml_tree;
/// Typed decoding of YAML through kubesim's small decoder (one instance for every type,
/// where serde_yaml compiles its reader once per type).
pub mod yaml {
    pub use crate::yaml_tree::{from_str, Error, ReadError};
}

pub use apply::{Applied, ApplyError, ApplyOutcome};
pub use cluster::{Cluster, NodeSpecInput};
pub use journal::{At, Journal, Setup};
pub use kubectl::Output;
pub use manifest::{ManifestError, ManifestErrorKind};
pub use session::Session;
pub use store::Key;
pub use time::{Dur, Time};
pub use view::{ClusterView, NodeView, PodFilter, PodView, WorkloadRef};
pub use warnings::{ManifestWarning, WarningKind};
