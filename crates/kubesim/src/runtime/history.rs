//! What happened, in order: the plain log goals and timelines read.

use crate::api::meta::Key;
use crate::runtime::time::Time;
use serde::{Deserialize, Serialize};

/// What happened, in order, for goals and timelines: a plain log with simulated times.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Happening {
    pub at: Time,
    pub what: HappeningKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HappeningKind {
    PodCreated { pod: Key, owner_kind: String, owner: String },
    PodScheduled { pod: Key, node: String },
    PodRunning { pod: Key },
    PodReady { pod: Key },
    PodTerminating { pod: Key },
    PodDeleted { pod: Key },
    NodeAdded { node: String },
    NodeRemoved { node: String },
    ObjectApplied { kind: String, key: Key, verb: String },
    ObjectDeleted { kind: String, key: Key },
}
