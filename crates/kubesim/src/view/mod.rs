//! A plain-data snapshot of the cluster for renderers. No behaviour: the app draws it.

use crate::cluster::Cluster;
use crate::api::model::*;
use crate::kubectl::printers;
use crate::api::meta::{Key, Object};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterView {
    pub now_ms: u64,
    /// Sorted by name (`node` relies on it).
    pub nodes: Vec<NodeView>,
    /// Pods not bound to any node yet.
    pub unscheduled: Vec<PodView>,
    pub workloads: Vec<WorkloadView>,
    /// Every claim, also those whose pod is gone (StatefulSet claims outlive their pods).
    #[serde(default)]
    pub claims: Vec<ClaimView>,
    /// The storage strip: every PersistentVolume.
    #[serde(default)]
    pub volumes: Vec<VolumeView>,
    #[serde(default)]
    pub services: Vec<ServiceView>,
}

impl ClusterView {
    /// The node called `name`: a binary search, since nodes are sorted by name (a card per
    /// node looks its node up on every change, so a scan would cost nodes² per change).
    pub fn node(&self, name: &str) -> Option<&NodeView> {
        match self.nodes.binary_search_by(|n| n.name.as_str().cmp(name)) {
            Ok(i) => Some(&self.nodes[i]),
            // Not sorted after all (a view built by hand): a scan still finds it.
            Err(_) => self.nodes.iter().find(|n| n.name == name),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimView {
    pub namespace: String,
    pub name: String,
    /// `Pending`, `Bound`, `Lost`, or `Terminating` while being deleted.
    pub status: String,
    pub volume: Option<String>,
    pub capacity: Option<String>,
    pub storage_class: Option<String>,
    /// Pods whose volumes name this claim.
    pub used_by: Vec<String>,
    /// The node its volume lives on (local volumes), if known.
    pub node: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VolumeView {
    pub name: String,
    pub capacity: String,
    pub access_modes: String,
    pub reclaim_policy: String,
    /// `Available`, `Bound`, `Released`, … or `Terminating`.
    pub status: String,
    /// `namespace/name` of the claim it is (or was) bound to.
    pub claim: Option<String>,
    pub storage_class: String,
    pub node: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceView {
    pub namespace: String,
    pub name: String,
    pub headless: bool,
    /// `None` for headless Services (kubectl prints `None`).
    pub cluster_ip: Option<String>,
    pub ports: String,
    /// DNS names this Service gives and the addresses they resolve to: the Service name,
    /// and for headless Services one name per ready endpoint with a hostname.
    pub dns: Vec<(String, Vec<String>)>,
    pub ready_endpoints: usize,
    pub not_ready_endpoints: usize,
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
    /// Claims its volumes name (`www-web-0`).
    #[serde(default)]
    pub claims: Vec<String>,
    /// `<hostname>.<subdomain>` when the pod has a stable network identity.
    #[serde(default)]
    pub dns_name: Option<String>,
    /// The workload the pod belongs to, for the view's filter: its controller, or, for a
    /// ReplicaSet's pod, the Deployment that controls that ReplicaSet. `None` for a bare pod.
    #[serde(default)]
    pub workload: Option<WorkloadRef>,
}

/// A workload named by kind, namespace and name (`DaemonSet default/nginx-ds`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct WorkloadRef {
    pub kind: String,
    pub namespace: String,
    pub name: String,
}

/// Which pods the cluster view shows: all, those of one workload, or the bare ones.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PodFilter {
    #[default]
    All,
    /// Pods no controller owns.
    Bare,
    Workload(WorkloadRef),
}

impl PodFilter {
    pub fn admits(&self, pod: &PodView) -> bool {
        match self {
            PodFilter::All => true,
            PodFilter::Bare => pod.workload.is_none(),
            PodFilter::Workload(w) => pod.workload.as_ref() == Some(w),
        }
    }

    /// A stable text form, for a `<select>`'s values and for saving: `all`, `bare`,
    /// `Kind/namespace/name`.
    pub fn key(&self) -> String {
        match self {
            PodFilter::All => "all".into(),
            PodFilter::Bare => "bare".into(),
            PodFilter::Workload(w) => format!("{}/{}/{}", w.kind, w.namespace, w.name),
        }
    }

    /// The filter `key` gave; unknown text is `None`.
    pub fn from_key(key: &str) -> Option<PodFilter> {
        match key {
            "all" => Some(PodFilter::All),
            "bare" => Some(PodFilter::Bare),
            _ => {
                let mut parts = key.splitn(3, '/');
                let (kind, namespace, name) = (parts.next()?, parts.next()?, parts.next()?);
                if kind.is_empty() || name.is_empty() {
                    return None;
                }
                Some(PodFilter::Workload(WorkloadRef { kind: kind.into(), namespace: namespace.into(), name: name.into() }))
            }
        }
    }
}

impl ClusterView {
    /// Every pod in the view: on nodes, then not scheduled yet.
    pub fn pods(&self) -> impl Iterator<Item = &PodView> {
        self.nodes.iter().flat_map(|n| n.pods.iter()).chain(self.unscheduled.iter())
    }

    /// The filters worth offering: all, every workload (the listed DaemonSets, Deployments
    /// and StatefulSets, and any other owner a pod names, such as a ReplicaSet of its own),
    /// and bare pods. Workloads sorted by kind, namespace and name.
    pub fn pod_filters(&self) -> Vec<PodFilter> {
        let mut workloads: Vec<WorkloadRef> = self
            .workloads
            .iter()
            .map(|w| WorkloadRef { kind: w.kind.clone(), namespace: w.namespace.clone(), name: w.name.clone() })
            .chain(self.pods().filter_map(|p| p.workload.clone()))
            .collect();
        crate::runtime::sort::natural(&mut workloads);
        workloads.dedup();
        let mut out = vec![PodFilter::All];
        out.extend(workloads.into_iter().map(PodFilter::Workload));
        out.push(PodFilter::Bare);
        out
    }
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
        claims: crate::controllers::common::pod_claims(&p.spec).map(str::to_string).collect(),
        dns_name: (!p.spec.hostname.is_empty() && !p.spec.subdomain.is_empty())
            .then(|| format!("{}.{}.{}.svc.{}", p.spec.hostname, p.spec.subdomain, p.metadata.namespace, crate::apiserver::services::CLUSTER_DOMAIN)),
        workload: owner.map(|o| WorkloadRef { kind: o.kind.clone(), namespace: p.metadata.namespace.clone(), name: o.name.clone() }),
    }
}

impl Cluster {
    /// A pod's view, its workload followed up from a ReplicaSet to the Deployment that
    /// controls it (a ReplicaSet of its own, or whose Deployment is gone, stays itself).
    fn pod_view_in(&self, p: &Pod) -> PodView {
        let mut v = pod_view(p);
        if let Some(w) = v.workload.as_mut().filter(|w| w.kind == ReplicaSet::KIND) {
            let deployment = self
                .replicaset(&Key::new(&w.namespace, &w.name))
                .and_then(|rs| rs.controller_ref())
                .filter(|o| o.kind == Deployment::KIND)
                .map(|o| o.name.clone());
            if let Some(name) = deployment {
                w.kind = Deployment::KIND.into();
                w.name = name;
            }
        }
        v
    }
}

fn volume_node(pv: &PersistentVolume) -> Option<String> {
    pv.spec
        .node_affinity
        .as_ref()?
        .required
        .as_ref()?
        .node_selector_terms
        .iter()
        .flat_map(|t| t.match_expressions.iter())
        .find(|e| e.key == "kubernetes.io/hostname" && e.operator == "In")
        .and_then(|e| e.values.first().cloned())
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
                pods: self.pods_on(&n.metadata.name).map(|p| self.pod_view_in(p)).collect(),
            })
            .collect();
        let unscheduled = self.store.unscheduled.iter().filter_map(|k| self.pod(k)).map(|p| self.pod_view_in(p)).collect();
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
        workloads.extend(self.statefulsets().map(|s| WorkloadView {
            kind: StatefulSet::KIND.into(),
            namespace: s.metadata.namespace.clone(),
            name: s.metadata.name.clone(),
            desired: s.spec.replicas.unwrap_or(1),
            ready: s.status.ready_replicas,
        }));
        let claims = self
            .pvcs()
            .map(|p| ClaimView {
                namespace: p.metadata.namespace.clone(),
                name: p.metadata.name.clone(),
                status: if p.metadata.deletion_timestamp.is_some() { "Terminating".into() } else { p.status.phase.clone() },
                volume: (!p.spec.volume_name.is_empty()).then(|| p.spec.volume_name.clone()),
                capacity: p.status.capacity.get("storage").map(|q| q.canonical()),
                storage_class: p.spec.storage_class_name.clone().filter(|c| !c.is_empty()),
                used_by: self.claim_users(&p.key()).map(|k| k.name.clone()).collect(),
                node: self
                    .pv(&p.spec.volume_name)
                    .and_then(volume_node)
                    .or_else(|| p.metadata.annotations.get(crate::controllers::storage::SELECTED_NODE).cloned()),
            })
            .collect();
        let volumes = self
            .pvs()
            .map(|v| VolumeView {
                name: v.metadata.name.clone(),
                capacity: v.spec.capacity.get("storage").map(|q| q.canonical()).unwrap_or_default(),
                access_modes: crate::controllers::storage::access_modes_string(&v.spec.access_modes),
                reclaim_policy: v.spec.persistent_volume_reclaim_policy.clone(),
                status: if v.metadata.deletion_timestamp.is_some() { "Terminating".into() } else { v.status.phase.clone() },
                claim: v.spec.claim_ref.as_ref().map(|r| format!("{}/{}", r.namespace, r.name)),
                storage_class: v.spec.storage_class_name.clone(),
                node: volume_node(v),
            })
            .collect();
        let services = self
            .services()
            .map(|s| {
                let headless = crate::api::model::is_headless(s);
                let fqdn = format!("{}.{}.svc.{}", s.metadata.name, s.metadata.namespace, crate::apiserver::services::CLUSTER_DOMAIN);
                let e = self.endpoints_of(&s.key());
                let ready: Vec<&EndpointAddress> = e.map(|e| e.subsets.iter().flat_map(|x| x.addresses.iter()).collect()).unwrap_or_default();
                let not_ready = e.map(|e| e.subsets.iter().map(|x| x.not_ready_addresses.len()).sum()).unwrap_or(0);
                let mut dns = vec![(
                    fqdn.clone(),
                    if headless { ready.iter().map(|a| a.ip.clone()).collect() } else { vec![s.spec.cluster_ip.clone()] },
                )];
                if headless {
                    for a in ready.iter().filter(|a| !a.hostname.is_empty()) {
                        dns.push((format!("{}.{fqdn}", a.hostname), vec![a.ip.clone()]));
                    }
                }
                ServiceView {
                    namespace: s.metadata.namespace.clone(),
                    name: s.metadata.name.clone(),
                    headless,
                    cluster_ip: (!headless && !s.spec.cluster_ip.is_empty()).then(|| s.spec.cluster_ip.clone()),
                    ports: crate::controllers::service::ports_string(s),
                    dns,
                    ready_endpoints: ready.len(),
                    not_ready_endpoints: not_ready,
                }
            })
            .collect();
        ClusterView { now_ms: self.rt.now.millis(), nodes, unscheduled, workloads, claims, volumes, services }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Cluster, Dur};

    #[test]
    fn claims_stay_in_the_view_after_their_pod_is_gone() {
        let mut c = Cluster::new(1);
        c.apply_text(
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: 2\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: db\n        image: postgres:16\n  volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 1Gi\n",
        )
        .unwrap();
        c.advance(Dur::secs(60));
        let v = c.view();
        assert!(v.nodes.windows(2).all(|w| w[0].name < w[1].name), "nodes sorted by name");
        assert_eq!(v.node("kind-worker2").map(|n| n.name.as_str()), Some("kind-worker2"));
        assert!(v.node("kind-worker9").is_none());
        let w = v.workloads.iter().find(|w| w.kind == "StatefulSet").unwrap();
        assert_eq!((w.desired, w.ready), (2, 2));
        let pod = v.nodes.iter().flat_map(|n| n.pods.iter()).find(|p| p.name == "db-1").unwrap();
        assert_eq!(pod.ordinal, Some(1));
        assert_eq!(pod.claims, vec!["data-db-1"]);
        assert_eq!(pod.dns_name.as_deref(), Some("db-1.db.default.svc.cluster.local"));
        assert_eq!(v.volumes.len(), 2);
        assert!(v.volumes.iter().all(|x| x.node.is_some() && x.status == "Bound"));
        c.scale_statefulset(&crate::Key::new("default", "db"), 1);
        c.advance(Dur::secs(30));
        let v = c.view();
        let claim = v.claims.iter().find(|x| x.name == "data-db-1").unwrap();
        assert_eq!(claim.status, "Bound");
        assert!(claim.used_by.is_empty());
        assert_eq!(v.services.iter().find(|s| s.name == "kubernetes").unwrap().cluster_ip.as_deref(), Some("10.96.0.1"));
    }

    #[test]
    fn pods_name_their_workload_and_the_filters_list_every_workload() {
        use super::{PodFilter, WorkloadRef};
        let mut c = Cluster::new(1);
        let deploy = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n";
        let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n      - name: agent\n        image: busybox:1.36\n";
        let bare = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  containers:\n  - name: solo\n    image: nginx:1.27\n";
        for m in [deploy, ds, bare] {
            c.apply_text(m).unwrap();
        }
        c.advance(Dur::secs(30));
        let v = c.view();
        let of = |name_prefix: &str| v.pods().filter(|p| p.name.starts_with(name_prefix)).cloned().collect::<Vec<_>>();
        let web = of("web-");
        assert_eq!(web.len(), 2);
        let web_ref = WorkloadRef { kind: "Deployment".into(), namespace: "default".into(), name: "web".into() };
        for p in &web {
            // The pod's controller is the ReplicaSet; its workload is the Deployment.
            assert_eq!(p.owner_kind.as_deref(), Some("ReplicaSet"));
            assert_eq!(p.workload.as_ref(), Some(&web_ref));
        }
        assert_eq!(of("solo")[0].workload, None);
        assert_eq!(of("agent-").len(), 3, "one per worker");
        assert!(of("agent-").iter().all(|p| p.workload.as_ref().is_some_and(|w| w.kind == "DaemonSet" && w.name == "agent")));

        let filters = v.pod_filters();
        let keys: Vec<String> = filters.iter().map(PodFilter::key).collect();
        assert_eq!(keys, ["all", "DaemonSet/default/agent", "Deployment/default/web", "bare"]);
        for f in &filters {
            assert_eq!(PodFilter::from_key(&f.key()).as_ref(), Some(f), "key round trip");
        }
        assert_eq!(PodFilter::from_key("nonsense"), None);
        let count = |f: &PodFilter| v.pods().filter(|p| f.admits(p)).count();
        assert_eq!(count(&PodFilter::All), 6);
        assert_eq!(count(&PodFilter::Workload(web_ref)), 2);
        assert_eq!(count(&PodFilter::Bare), 1);
        assert_eq!(count(&filters[1]), 3);
    }
}
