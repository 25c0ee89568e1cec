//! The controllers: each a reconcile of one kind of object, run from the work queue.

pub mod common;
pub mod daemonset;
pub mod deployment;
pub mod gc;
pub mod nodelifecycle;
pub mod replicaset;
pub mod scheduler;
pub mod service;
pub mod statefulset;
pub mod storage;
pub mod volume_binding;
