//! kubesim: a simulated Kubernetes cluster for teaching, as plain data and pure functions.
//!
//! No browser dependencies, no wall clock, no OS randomness: time is a logical clock the
//! caller advances, randomness is one seeded generator. The same seed and inputs give the
//! same cluster, byte for byte, natively and in WebAssembly.
//!
//! Inside, layers that only look down (`tests/layers.rs` checks it), one folder each:
//! `api` (types per API group, keys, defaults) → `manifest` (YAML → typed documents) →
//! `runtime` (time, rng, work queue and timers, history, why records, state hash, the shared
//! stable sort) → `state` (everything the cluster is, in parts: store, runtime, recorder,
//! controller memory, node side) → `apiserver` (apply, validation, merge, pod and node
//! writes; controllers that watch pods hear of them through registered handlers) →
//! `controllers` (each a reconcile over the state; shared code in `controllers/common.rs`)
//! and `kubelet` → `cluster` (the facade: owns the state, dispatches work, lets the loop run)
//! → `kubectl` (the resource registry and one file per command family) → `view`, `session`,
//! `journal`. The folders are private; what the course, the
//! app and the tests use is re-exported below under the paths they have always used.

// Manifest errors and parsed documents are big plain values made once per `kubectl apply`;
// boxing them would only make the API clumsier.
#![allow(clippy::result_large_err, clippy::large_enum_variant)]

mod api;
mod apiserver;
pub mod cluster;
mod controllers;
pub mod journal;
pub mod kubectl;
pub mod kubelet;
pub mod manifest;
mod runtime;
pub mod session;
mod state;
pub mod view;

// The public facade: module paths the course, the app and the tests use.
pub use api::{defaults, model, quantity};
pub use apiserver::{apply, warnings};
pub use kubectl::{complete, printers};
pub use kubelet::program;
pub use runtime::{rand, sort, state_hash, time, why};

/// Object keys and the trait every stored kind implements.
pub mod store {
    pub use crate::api::meta::{Key, Object};
}
/// Typed decoding of YAML through kubesim's small decoder (one instance for every type,
/// where serde_yaml compiles its reader once per type).
pub mod yaml {
    pub use crate::manifest::yaml_tree::{from_str, Error, ReadError};
}

/// Questions about objects that lessons, the app and tests ask, answered by the same rules
/// the controllers follow: where a DaemonSet's pod belongs, whether a pod is ready, which
/// claims it mounts. The controllers themselves stay private.
pub mod query {
    pub use crate::api::core_v1_volumes::pod_claims;
    pub use crate::controllers::common::{parse_ordinal, template_hash};
    pub use crate::controllers::daemonset::{daemon_tolerations, node_should_run, target_node};
    pub use crate::controllers::replicaset::pod_ready;
    pub use crate::api::model::is_headless;
}

pub use apply::{Applied, ApplyError, ApplyOutcome};
pub use apiserver::delete::Propagation;
pub use cluster::{Cluster, NodeSpecInput};
pub use journal::{At, Journal, Setup};
pub use kubectl::Output;
pub use manifest::{ManifestError, ManifestErrorKind};
pub use session::Session;
pub use store::Key;
pub use time::{Dur, Time};
pub use view::{ClusterView, NodeView, PodFilter, PodView, WorkloadRef};
pub use warnings::{ManifestWarning, WarningKind};
