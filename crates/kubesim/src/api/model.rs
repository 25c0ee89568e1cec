//! API objects as plain data. Field names follow the Kubernetes API (camelCase on the wire);
//! the same types are read from manifests, stored, and printed back as YAML/JSON.
//! Unknown fields are rejected when reading, as the API server's strict field validation does.
//! One file per API group and version; this module gathers them.

pub use crate::api::apps_v1::*;
pub use crate::api::core_v1::*;
pub use crate::api::core_v1_services::*;
pub use crate::api::core_v1_volumes::*;
pub use crate::api::meta_v1::*;
pub use crate::api::storage_v1::*;
