//! The API server's write path: apply (and its three-way merge), validation, warnings.

pub mod apply;
pub mod merge;
pub mod nodes;
pub mod pods;
pub mod validation;
pub mod warnings;
