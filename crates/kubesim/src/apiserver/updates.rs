//! The small writes kubectl makes to existing objects: cordon and uncordon, node taints,
//! node and pod labels, and the Eviction API.

use crate::api::meta::{Key, Object};
use crate::api::model::*;
use crate::runtime::queue::Work;
use crate::state::Ctx;
use crate::api::meta::set_condition;
use crate::apiserver::nodes::node_key;

impl Ctx {
    /// `kubectl cordon` / `uncordon`: false when nothing changed.
    pub fn set_unschedulable(&mut self, name: &str, on: bool) -> Result<bool, String> {
        // Not found: nothing changes, not even the resource version counter.
        if !self.store.nodes.contains_key(name) {
            return Err(format!("Error from server (NotFound): nodes \"{name}\" not found"));
        }
        let rv = self.bump_rv();
        let Some(n) = self.store.nodes.get_mut(name) else { return Err(format!("Error from server (NotFound): nodes \"{name}\" not found")) };
        if n.spec.unschedulable == on {
            return Ok(false);
        }
        n.spec.unschedulable = on;
        n.metadata.resource_version = rv;
        let reason = if on { "NodeNotSchedulable" } else { "NodeSchedulable" };
        self.record_event("Node", &node_key(name), name, "Normal", reason, format!("Node {name} status is now: {reason}"), "kubelet", name);
        self.enqueue(Work::NodeMonitor(name.to_string()));
        Ok(true)
    }

    /// Replaces a node's taints (kubectl taint): DaemonSets, pending pods and the taint
    /// eviction controller look again.
    pub fn set_node_taints(&mut self, name: &str, taints: Vec<Taint>) -> Result<(), String> {
        // Not found: nothing changes, not even the resource version counter.
        if !self.store.nodes.contains_key(name) {
            return Err(format!("Error from server (NotFound): nodes \"{name}\" not found"));
        }
        let rv = self.bump_rv();
        let Some(n) = self.store.nodes.get_mut(name) else { return Err(format!("Error from server (NotFound): nodes \"{name}\" not found")) };
        n.spec.taints = taints;
        n.metadata.resource_version = rv;
        self.nodes_changed();
        self.enqueue(Work::TaintEviction(name.to_string()));
        Ok(())
    }

    /// The Eviction API (what `kubectl drain` uses): a graceful delete, after marking the pod
    /// with a `DisruptionTarget` condition.
    pub fn evict_pod(&mut self, key: &Key) -> bool {
        let now = self.rt.now.rfc3339();
        let Some(p) = self.store.pods.get_mut(key) else { return false };
        set_condition(&mut p.status.conditions, "DisruptionTarget", "True", &now);
        if let Some(cd) = p.status.conditions.iter_mut().find(|x| x.type_ == "DisruptionTarget") {
            cd.reason = "EvictionByEvictionAPI".into();
            cd.message = "Eviction API: evicting".into();
        }
        self.delete_pod(key, None)
    }

    /// Replaces a node's labels (kubectl label).
    pub fn set_node_labels(&mut self, name: &str, labels: Labels) -> Result<(), String> {
        // Not found: nothing changes, not even the resource version counter.
        if !self.store.nodes.contains_key(name) {
            return Err(format!("Error from server (NotFound): nodes \"{name}\" not found"));
        }
        let rv = self.bump_rv();
        let Some(n) = self.store.nodes.get_mut(name) else { return Err(format!("Error from server (NotFound): nodes \"{name}\" not found")) };
        n.metadata.labels = labels;
        n.metadata.resource_version = rv;
        self.nodes_changed();
        Ok(())
    }

    /// Replaces a pod's labels (kubectl label pod): its owners look again (they may release
    /// it, or another controller may adopt it).
    pub fn set_pod_labels(&mut self, key: &Key, labels: Labels) -> Result<(), String> {
        // Not found: nothing changes, not even the resource version counter.
        if !self.store.pods.contains_key(key) {
            return Err(format!("Error from server (NotFound): pods \"{}\" not found", key.name));
        }
        let rv = self.bump_rv();
        let Some(p) = self.store.pods.get_mut(key) else { return Err(format!("Error from server (NotFound): pods \"{}\" not found", key.name)) };
        p.metadata.labels = labels;
        p.metadata.resource_version = rv;
        self.pod_changed(key);
        let ns = key.ns.clone();
        let rs: Vec<Key> = self.store.replicasets.values().filter(|r| r.metadata.namespace == ns).map(|r| r.key()).collect();
        for k in rs {
            self.enqueue(Work::SyncReplicaSet(k));
        }
        let ds: Vec<Key> = self.store.daemonsets.values().filter(|d| d.metadata.namespace == ns).map(|d| Key::new(&ns, &d.metadata.name)).collect();
        for k in ds {
            self.enqueue(Work::SyncDaemonSet(k));
        }
        Ok(())
    }
}
