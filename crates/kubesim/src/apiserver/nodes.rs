//! Nodes through the API server: registering (`sim node add`) and removing them.

use crate::api::meta::{cond, Key};
use crate::api::model::*;
use crate::runtime::history::HappeningKind;
use crate::runtime::queue::Work;
use crate::state::{Ctx, State, K8S_VERSION};
use serde::{Deserialize, Serialize};
use crate::runtime::time::Dur;
use std::collections::BTreeMap;

/// The shape of a cluster at creation: nodes and their roles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeSpecInput {
    pub name: String,
    pub control_plane: bool,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub taints: Vec<Taint>,
}

impl NodeSpecInput {
    pub fn worker(name: &str) -> NodeSpecInput {
        NodeSpecInput { name: name.into(), control_plane: false, labels: BTreeMap::new(), taints: vec![] }
    }
    pub fn control_plane(name: &str) -> NodeSpecInput {
        NodeSpecInput { name: name.into(), control_plane: true, labels: BTreeMap::new(), taints: vec![] }
    }
}

/// podgc's quarantine for pods of a node that no longer exists.
pub const POD_GC_QUARANTINE: Dur = Dur(40_000);

impl State {
    // ------------------------------------------------------------ nodes

    /// Adds a node (the `sim node add` control), Ready at once, as kind's nodes are.
    pub fn add_node(&mut self, input: NodeSpecInput) -> Result<(), String> {
        // What the API server would refuse, refused before anything changes.
        if !crate::apiserver::validation::dns1123_subdomain(&input.name) {
            return Err(format!("Node \"{}\" is invalid: metadata.name: Invalid value: \"{}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", input.name, input.name));
        }
        for (k, v) in &input.labels {
            if let Some(e) = crate::apiserver::validation::label_error(k, v) {
                return Err(format!("Node \"{}\" is invalid: {e}", input.name));
            }
        }
        for t in &input.taints {
            if !crate::apiserver::validation::valid_label_key(&t.key) || !crate::apiserver::validation::valid_label_value(&t.value) {
                return Err(format!("Node \"{}\" is invalid: spec.taints[0].key: Invalid value: \"{}\"", input.name, t.key));
            }
        }
        if self.store.nodes.contains_key(&input.name) {
            return Err(format!("nodes \"{}\" already exists", input.name));
        }
        let subnet = self.agents.next_subnet;
        self.agents.next_subnet += 1;
        let mut n = Node { api_version: "v1".into(), kind: "Node".into(), ..Default::default() };
        n.metadata.name = input.name.clone();
        let l = &mut n.metadata.labels;
        l.insert("beta.kubernetes.io/arch".into(), "amd64".into());
        l.insert("beta.kubernetes.io/os".into(), "linux".into());
        l.insert("kubernetes.io/arch".into(), "amd64".into());
        l.insert("kubernetes.io/hostname".into(), input.name.clone());
        l.insert("kubernetes.io/os".into(), "linux".into());
        if input.control_plane {
            l.insert("node-role.kubernetes.io/control-plane".into(), String::new());
            l.insert("node.kubernetes.io/exclude-from-external-load-balancers".into(), String::new());
            n.spec.taints.push(Taint {
                key: "node-role.kubernetes.io/control-plane".into(),
                value: String::new(),
                effect: "NoSchedule".into(),
                time_added: None,
            });
        }
        for (k, v) in &input.labels {
            l.insert(k.clone(), v.clone());
        }
        n.spec.taints.extend(input.taints.iter().cloned());
        n.spec.pod_cidr = format!("10.244.{subnet}.0/24");
        n.spec.provider_id = format!("kind://docker/kind/{}", input.name);
        let now = self.rt.now.rfc3339();
        n.status.conditions = vec![
            cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", &now),
            cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", &now),
            cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", &now),
            cond("Ready", "True", "KubeletReady", "kubelet is posting ready status", &now),
        ];
        n.status.addresses = vec![
            NodeAddress { type_: "InternalIP".into(), address: format!("172.18.0.{}", subnet + 2) },
            NodeAddress { type_: "Hostname".into(), address: input.name.clone() },
        ];
        n.status.node_info = NodeSystemInfo {
            kubelet_version: K8S_VERSION.into(),
            os_image: "Debian GNU/Linux 12 (bookworm)".into(),
            kernel_version: "6.8.0-generic".into(),
            container_runtime_version: "containerd://2.1.1".into(),
            operating_system: "linux".into(),
            architecture: "amd64".into(),
        };
        self.stamp_new(&mut n);
        self.agents.node_subnet.insert(input.name.clone(), subnet);
        self.agents.node_ip_next.insert(input.name.clone(), 2);
        self.store.nodes.insert(input.name.clone(), n);
        let key = Key::cluster(&input.name);
        self.record_event("Node", &key, &input.name, "Normal", "Starting", "Starting kubelet.".into(), "kubelet", &input.name);
        self.record_event("Node", &key, &input.name, "Normal", "RegisteredNode", format!("Node {} event: Registered Node {} in Controller", input.name, input.name), "node-controller", "");
        self.happen(HappeningKind::NodeAdded { node: input.name.clone() });
        self.nodes_changed();
        Ok(())
    }

    /// Removes a node object (the `sim node remove` control); its pods are deleted.
    pub fn remove_node(&mut self, name: &str) -> Result<(), String> {
        if self.store.nodes.remove(name).is_none() {
            return Err(format!("nodes \"{name}\" not found"));
        }
        // The pod garbage collector force-deletes pods bound to a vanished node once it has
        // been gone for 40 s (podgc's quarantine); until then they are still listed.
        self.agents.kubelets.remove(name);
        self.resync_later(Work::PodGc(name.to_string()), POD_GC_QUARANTINE);
        self.happen(HappeningKind::NodeRemoved { node: name.to_string() });
        self.nodes_changed();
        Ok(())
    }

}

impl Ctx {
    /// Something about nodes changed: every DaemonSet and every unscheduled pod must look again.
    pub(crate) fn nodes_changed(&mut self) {
        let ds: Vec<Key> = self.store.daemonsets.keys().cloned().collect();
        for k in ds {
            self.enqueue(Work::SyncDaemonSet(k));
        }
        let pending: Vec<Key> = self.store.unscheduled.iter().cloned().collect();
        for k in pending {
            self.enqueue(Work::Schedule(k));
        }
    }

}

/// The key of a node (cluster-scoped).
pub(crate) fn node_key(name: &str) -> Key {
    Key::cluster(name)
}
