//! API types of the objects the simulator stores, their quantities, defaults and validation
//! rules. The lowest layer: it imports nothing else of the crate.

pub mod defaults;
pub mod meta;
pub mod model;
pub mod model_sts;
pub mod quantity;
