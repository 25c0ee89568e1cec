//! The `sim node` controls of a node's kubelet: it stops posting (machine down), reports
//! not ready, or recovers and reports its pods again.

use crate::api::meta::Key;
use crate::apiserver::nodes::node_key;
use crate::controllers::nodelifecycle::{ready_status, set_node_condition, NODE_MONITOR_GRACE};
use crate::runtime::queue::Work;
use crate::state::{KubeletState, State};

impl State {
    /// `sim node fail`: the kubelet stops posting status. After the grace period the node
    /// lifecycle controller marks the node `Unknown` and taints it unreachable.
    pub fn fail_node(&mut self, name: &str) -> Result<(), String> {
        if !self.store.nodes.contains_key(name) {
            return Err(format!("nodes \"{name}\" not found"));
        }
        if !matches!(self.agents.kubelets.get(name), Some(KubeletState::Stopped { .. })) {
            self.agents.kubelets.insert(name.to_string(), KubeletState::Stopped { since: self.rt.now });
            self.resync_later(Work::NodeMonitor(name.to_string()), NODE_MONITOR_GRACE);
        }
        Ok(())
    }

    /// `sim node notready`: the kubelet keeps posting, but reports Ready=False.
    pub fn node_not_ready(&mut self, name: &str) -> Result<(), String> {
        if !self.store.nodes.contains_key(name) {
            return Err(format!("nodes \"{name}\" not found"));
        }
        self.agents.kubelets.insert(name.to_string(), KubeletState::NotReady);
        let now = self.rt.now.rfc3339();
        let rv = self.bump_rv();
        let n = self.store.nodes.get_mut(name).expect("checked");
        let was = ready_status(n);
        set_node_condition(n, "Ready", "False", "KubeletNotReady",
            "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized", &now);
        n.metadata.resource_version = rv;
        if was != "False" {
            self.record_event("Node", &node_key(name), name, "Normal", "NodeNotReady", format!("Node {name} status is now: NodeNotReady"), "kubelet", name);
        }
        self.enqueue(Work::NodeMonitor(name.to_string()));
        Ok(())
    }

    /// `sim node recover`: the kubelet posts Ready=True again and picks up its pods.
    pub fn recover_node(&mut self, name: &str) -> Result<(), String> {
        if !self.store.nodes.contains_key(name) {
            return Err(format!("nodes \"{name}\" not found"));
        }
        self.agents.kubelets.remove(name);
        let now = self.rt.now.rfc3339();
        let rv = self.bump_rv();
        let n = self.store.nodes.get_mut(name).expect("checked");
        let was = ready_status(n);
        set_node_condition(n, "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", &now);
        set_node_condition(n, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", &now);
        set_node_condition(n, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", &now);
        set_node_condition(n, "Ready", "True", "KubeletReady", "kubelet is posting ready status", &now);
        n.metadata.resource_version = rv;
        if was != "True" {
            self.record_event("Node", &node_key(name), name, "Normal", "NodeReady", format!("Node {name} status is now: NodeReady"), "kubelet", name);
        }
        // The kubelet reports its pods again: ready ones are Ready, others carry on.
        let keys: Vec<Key> = self.store.pods_on_node.get(name).map(|s| s.iter().cloned().collect()).unwrap_or_default();
        for k in keys {
            super::resume(self, &k);
        }
        self.enqueue(Work::NodeMonitor(name.to_string()));
        Ok(())
    }
}
