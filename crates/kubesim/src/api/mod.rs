//! API types of the objects the simulator stores, their quantities, defaults and validation
//! rules. The lowest layer: it imports nothing else of the crate.

pub mod defaults;
pub mod meta;
pub mod apps_v1;
pub mod core_v1;
pub mod core_v1_services;
pub mod core_v1_volumes;
pub mod meta_v1;
pub mod model;
pub mod storage_v1;
pub mod quantity;
