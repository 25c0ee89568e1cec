//! The simulator's runtime: simulated time, the seeded generator, the canonical state hash
//! and the records of controllers' decisions ("why").

pub mod history;
pub mod queue;
pub mod rand;
pub mod sort;
pub mod state_hash;
pub mod time;
pub mod why;
