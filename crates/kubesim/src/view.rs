//! A plain-data snapshot of the cluster for renderers. No behaviour: the app draws it.

use crate::cluster::Cluster;
use crate::model::*;
use crate::printers;
use crate::store::Object;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterView {
    pub now_ms: u64,
    pub nodes: Vec<NodeView>,
    /// Pods not bound to any node yet.
    pub unscheduled: Vec<PodView>,
    pub workloads: Vec<WorkloadView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeView {
    pub name: String,
    pub control_plane: bool,
    pub ready: bool,
    pub unschedulable: bool,
    /// kubectl's STATUS column (`Ready`, `NotReady`, `Ready,SchedulingDisabled`).
    pub status: String,
    pub labels: Vec<(String, String)>,
    pub taints: Vec<String>,
    pub pods: Vec<PodView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PodView {
    pub name: String,
    pub namespace: String,
    pub uid: String,
    /// `status.phase`
    pub phase: String,
    /// kubectl's STATUS column (`ContainerCreating`, `Terminating`, `Completed`, …).
    pub status: String,
    pub ready: bool,
    /// kubectl's READY column.
    pub ready_text: String,
    pub restarts: i32,
    pub owner_kind: Option<String>,
    pub owner_name: Option<String>,
    /// StatefulSet ordinal, when the pod has one.
    pub ordinal: Option<u32>,
    pub node: Option<String>,
    pub ip: Option<String>,
    pub terminating: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkloadView {
    pub kind: String,
    pub namespace: String,
    pub name: String,
    /// `DESIRED/CURRENT/READY…` summarised as ready/desired.
    pub desired: i32,
    pub ready: i32,
}

pub fn pod_view(p: &Pod) -> PodView {
    let owner = p.controller_ref();
    let ready = p.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True");
    PodView {
        name: p.metadata.name.clone(),
        namespace: p.metadata.namespace.clone(),
        uid: p.metadata.uid.clone(),
        phase: p.status.phase.clone(),
        status: printers::pod_status(p),
        ready,
        ready_text: printers::pod_ready(p),
        restarts: p.status.container_statuses.iter().map(|c| c.restart_count).sum(),
        owner_kind: owner.map(|o| o.kind.clone()),
        owner_name: owner.map(|o| o.name.clone()),
        ordinal: p
            .metadata
            .labels
            .get("apps.kubernetes.io/pod-index")
            .and_then(|v| v.parse().ok()),
        node: (!p.spec.node_name.is_empty()).then(|| p.spec.node_name.clone()),
        ip: (!p.status.pod_ip.is_empty()).then(|| p.status.pod_ip.clone()),
        terminating: p.metadata.deletion_timestamp.is_some(),
    }
}

impl Cluster {
    pub fn view(&self) -> ClusterView {
        let nodes = self
            .nodes()
            .map(|n| NodeView {
                name: n.metadata.name.clone(),
                control_plane: n.metadata.labels.contains_key("node-role.kubernetes.io/control-plane"),
                ready: n.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True"),
                unschedulable: n.spec.unschedulable,
                status: printers::node_status(n),
                labels: n.metadata.labels.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                taints: n.spec.taints.iter().map(|t| t.to_display()).collect(),
                pods: self.pods_on(&n.metadata.name).map(pod_view).collect(),
            })
            .collect();
        let unscheduled = self.unscheduled.iter().filter_map(|k| self.pod(k)).map(pod_view).collect();
        let mut workloads: Vec<WorkloadView> = self
            .daemonsets()
            .map(|d| WorkloadView {
                kind: DaemonSet::KIND.into(),
                namespace: d.metadata.namespace.clone(),
                name: d.metadata.name.clone(),
                desired: d.status.desired_number_scheduled,
                ready: d.status.number_ready,
            })
            .collect();
        workloads.extend(self.deployments().map(|d| WorkloadView {
            kind: Deployment::KIND.into(),
            namespace: d.metadata.namespace.clone(),
            name: d.metadata.name.clone(),
            desired: d.spec.replicas.unwrap_or(1),
            ready: d.status.ready_replicas,
        }));
        ClusterView { now_ms: self.now.millis(), nodes, unscheduled, workloads }
    }
}
