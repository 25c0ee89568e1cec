//! The API server's write path: apply (and its three-way merge), validation, warnings, and
//! every write to the store by kind (pods, nodes, workloads, services, volumes, deletes).

pub mod apply;
pub mod delete;
pub mod merge;
pub mod nodes;
pub mod pods;
pub mod services;
pub mod updates;
pub mod validation;
pub mod volumes;
pub mod warnings;
pub mod workloads;
