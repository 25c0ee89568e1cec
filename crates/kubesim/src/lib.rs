//! kubesim: a simulated Kubernetes cluster for teaching, as plain data and pure functions.
//!
//! No browser dependencies, no wall clock, no OS randomness: time is a logical clock the
//! caller advances, randomness is one seeded generator. The same seed and inputs give the
//! same cluster, byte for byte, natively and in WebAssembly.
//!
//! Inside, layers that only look down (see `tests/layers.rs`, which checks it):
//! `api` (types, quantities, defaults) → `store` (keys, the object trait) → `runtime` (time,
//! rng, state hash, why records) → `apiserver` (apply, validation, warnings) →
//! `controllers` and `kubelet` → `cluster` (the facade that owns the state and dispatches
//! work) → `kubectl` → `session` → `journal`, and `view` for renderers. The folders are
//! private; what the course and the app use is re-exported below.

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
pub use controllers::{daemonset, deployment, gc, nodelifecycle, replicaset, scheduler, service, statefulset, storage};
pub use kubectl::{complete, printers};
pub use kubelet::program;
pub use runtime::{rand, state_hash, time, why};

/// Typed decoding of YAML through kubesim's small decoder (one instance for every type,
/// where serde_yaml compiles its reader once per type).
/// Object keys and the trait every stored kind implements.
pub mod store {
    pub use crate::api::meta::{Key, Object};
}
pub mod yaml {
    pub use crate::manifest::yaml_tree::{from_str, Error, ReadError};
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
