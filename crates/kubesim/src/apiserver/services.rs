//! Services and Endpoints in the store: ClusterIP allocation, create, update and delete,
//! and the cluster DNS names (`resolve`) that Services and headless Services give pods.

use crate::api::meta::{Key, Object};
use crate::api::model::*;
use crate::runtime::queue::Work;
use crate::state::Ctx;
use crate::runtime::rand::fnv32a;
use serde::{Deserialize, Serialize};

/// The cluster's DNS domain.
pub const CLUSTER_DOMAIN: &str = "cluster.local";

/// A name that does not resolve.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NxDomain {
    pub name: String,
}


impl Ctx {
    pub fn service(&self, k: &Key) -> Option<&Service> {
        self.store.services.get(k)
    }
    pub fn services(&self) -> impl Iterator<Item = &Service> {
        self.store.services.values()
    }
    pub fn endpoints_of(&self, k: &Key) -> Option<&Endpoints> {
        self.store.endpoints.get(k)
    }
    pub fn all_endpoints(&self) -> impl Iterator<Item = &Endpoints> {
        self.store.endpoints.values()
    }

    /// A free ClusterIP: random in the dynamic band 10.96.1.0–10.96.255.254.
    fn allocate_cluster_ip(&mut self) -> String {
        let used: Vec<&str> = self.store.services.values().map(|s| s.spec.cluster_ip.as_str()).collect();
        loop {
            let off = 256 + self.rt.rng.below(65_534 - 256) as u32;
            let ip = format!("10.96.{}.{}", off >> 8, off & 0xff);
            if !used.contains(&ip.as_str()) {
                return ip;
            }
        }
    }

    /// Creates a Service (API server side): defaults and ClusterIP.
    pub(crate) fn create_service(&mut self, mut s: Service) {
        s.api_version = "v1".into();
        s.kind = "Service".into();
        crate::api::defaults::service(&mut s);
        if s.spec.cluster_ip.is_empty() && s.spec.type_ != "ExternalName" {
            s.spec.cluster_ip = self.allocate_cluster_ip();
        }
        if s.spec.cluster_ips.is_empty() && !s.spec.cluster_ip.is_empty() {
            s.spec.cluster_ips = vec![s.spec.cluster_ip.clone()];
        }
        self.stamp_new(&mut s);
        let k = s.key();
        self.store.services.insert(k.clone(), s);
        self.enqueue(Work::SyncEndpoints(k));
    }

    /// Stores an updated Service (ClusterIP kept) and re-syncs its endpoints.
    pub(crate) fn update_service(&mut self, mut s: Service) {
        let k = s.key();
        if let Some(old) = self.store.services.get(&k) {
            s.spec.cluster_ip = old.spec.cluster_ip.clone();
            s.spec.cluster_ips = old.spec.cluster_ips.clone();
        }
        crate::api::defaults::service(&mut s);
        s.metadata.resource_version = self.bump_rv();
        self.store.services.insert(k.clone(), s);
        self.enqueue(Work::SyncEndpoints(k));
    }

    pub(crate) fn delete_service(&mut self, k: &Key) -> bool {
        if self.store.services.remove(k).is_none() {
            return false;
        }
        self.store.endpoints.remove(k);
        self.happen(crate::runtime::history::HappeningKind::ObjectDeleted { kind: "Service".into(), key: k.clone() });
        true
    }

    /// What a pod in `namespace` gets for `name` from cluster DNS: `(fqdn, ip)` records, or
    /// NXDOMAIN. Short names go through the search path first (ndots:5).
    pub fn resolve(&self, namespace: &str, name: &str) -> Result<Vec<(String, String)>, NxDomain> {
        let absolute = name.ends_with('.');
        let n = name.trim_end_matches('.').to_lowercase();
        let mut candidates = Vec::new();
        if !absolute && n.matches('.').count() < 5 {
            for s in [format!("{namespace}.svc.{CLUSTER_DOMAIN}"), format!("svc.{CLUSTER_DOMAIN}"), CLUSTER_DOMAIN.to_string()] {
                candidates.push(format!("{n}.{s}"));
            }
        }
        candidates.push(n.clone());
        for cand in candidates {
            if let Some(r) = self.lookup(&cand) {
                return Ok(r);
            }
        }
        Err(NxDomain { name: n })
    }

    /// An absolute name: `<svc>.<ns>.svc.<zone>` or `<host>.<svc>.<ns>.svc.<zone>`.
    fn lookup(&self, fqdn: &str) -> Option<Vec<(String, String)>> {
        let rest = fqdn.strip_suffix(&format!(".svc.{CLUSTER_DOMAIN}"))?;
        let parts: Vec<&str> = rest.split('.').collect();
        let (host, svc, ns) = match parts.as_slice() {
            [svc, ns] => (None, *svc, *ns),
            [host, svc, ns] => (Some(*host), *svc, *ns),
            _ => return None,
        };
        let s = self.store.services.get(&Key::new(ns, svc))?;
        let ready: Vec<&EndpointAddress> = self
            .store.endpoints
            .get(&Key::new(ns, svc))
            .map(|e| e.subsets.iter().flat_map(|s| s.addresses.iter()).collect())
            .unwrap_or_default();
        let mut out: Vec<(String, String)> = match host {
            None if !is_headless(s) => vec![(fqdn.to_string(), s.spec.cluster_ip.clone())],
            None => ready.iter().map(|a| (fqdn.to_string(), a.ip.clone())).collect(),
            Some(h) if is_headless(s) => ready.iter().filter(|a| a.hostname == h).map(|a| (fqdn.to_string(), a.ip.clone())).collect(),
            Some(_) => vec![],
        };
        out.dedup();
        (!out.is_empty()).then_some(out)
    }
}

/// The `kubernetes` Service every cluster has (10.96.0.1, endpoints on the API server).
/// Its uid comes from the seed, not from the shared generator, so it shifts no other name.
pub(crate) fn add_kubernetes_service(c: &mut Ctx) {
    let h = fnv32a(format!("kubernetes-service-{}", c.seed).as_bytes());
    let uid = format!("{h:08x}-0000-4000-8000-{:012x}", (h as u64) * 7919);
    let mut s = Service { api_version: "v1".into(), kind: "Service".into(), ..Default::default() };
    s.metadata.name = "kubernetes".into();
    s.metadata.namespace = "default".into();
    s.metadata.labels.insert("component".into(), "apiserver".into());
    s.metadata.labels.insert("provider".into(), "kubernetes".into());
    s.metadata.uid = uid.clone();
    s.metadata.resource_version = c.bump_rv();
    s.metadata.creation_timestamp = c.rt.now.rfc3339();
    s.spec.ports = vec![ServicePort { name: "https".into(), protocol: "TCP".into(), port: 443, target_port: Some(IntOrString::Int(6443)), ..Default::default() }];
    s.spec.cluster_ip = "10.96.0.1".into();
    s.spec.cluster_ips = vec!["10.96.0.1".into()];
    crate::api::defaults::service(&mut s);
    let api_ip = c
        .store.nodes
        .values()
        .find(|n| n.metadata.labels.contains_key("node-role.kubernetes.io/control-plane"))
        .and_then(|n| n.status.addresses.iter().find(|a| a.type_ == "InternalIP"))
        .map(|a| a.address.clone())
        .unwrap_or_else(|| "172.18.0.2".into());
    let mut e = Endpoints { api_version: "v1".into(), kind: "Endpoints".into(), ..Default::default() };
    e.metadata = ObjectMeta { name: "kubernetes".into(), namespace: "default".into(), ..Default::default() };
    e.metadata.labels.insert("endpointslice.kubernetes.io/skip-mirror".into(), "true".into());
    e.metadata.uid = format!("{uid}e");
    e.metadata.resource_version = c.bump_rv();
    e.metadata.creation_timestamp = c.rt.now.rfc3339();
    e.subsets = vec![EndpointSubset {
        addresses: vec![EndpointAddress { ip: api_ip, ..Default::default() }],
        ports: vec![EndpointPort { name: "https".into(), port: 6443, protocol: "TCP".into() }],
        ..Default::default()
    }];
    c.store.services.insert(Key::new("default", "kubernetes"), s);
    c.store.endpoints.insert(Key::new("default", "kubernetes"), e);
}
