//! Services, the endpoints controller and cluster DNS.
//!
//! * ClusterIP allocation from kind's service range 10.96.0.0/16 (dynamic band first, as the
//!   allocator does since v1.27), drawn from the seeded generator; `clusterIP: None` is
//!   headless.
//! * The legacy `v1/Endpoints` object per selector Service: ready / notReady addresses,
//!   `publishNotReadyAddresses`, and the pod `hostname` when the pod's hostname and subdomain
//!   name this Service (what StatefulSet pods carry).
//! * `Cluster::resolve`: what `nslookup` inside a pod would answer, with the pod's search
//!   path `<ns>.svc.cluster.local svc.cluster.local cluster.local` and `ndots:5`.

use crate::runtime::queue::Work;
use crate::state::State;
use crate::api::model::*;
use crate::runtime::rand::fnv32a;
use crate::api::meta::{Key, Object};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const CLUSTER_DOMAIN: &str = "cluster.local";
pub const HEADLESS_LABEL: &str = "service.kubernetes.io/headless";

/// A name that does not resolve.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NxDomain {
    pub name: String,
}

pub fn is_headless(s: &Service) -> bool {
    s.spec.cluster_ip == "None"
}

/// API defaults for a Service (`SetDefaults_Service`): type ClusterIP, TCP ports with
/// targetPort = port, sessionAffinity None, single-stack IPv4.
pub fn defaults(s: &mut Service) {
    if s.spec.type_.is_empty() {
        s.spec.type_ = "ClusterIP".into();
    }
    if s.spec.session_affinity.is_empty() {
        s.spec.session_affinity = "None".into();
    }
    for p in &mut s.spec.ports {
        if p.protocol.is_empty() {
            p.protocol = "TCP".into();
        }
        if p.target_port.is_none() {
            p.target_port = Some(IntOrString::Int(p.port as i64));
        }
    }
    if s.spec.ip_families.is_empty() {
        s.spec.ip_families = vec!["IPv4".into()];
    }
    if s.spec.ip_family_policy.is_empty() {
        s.spec.ip_family_policy = "SingleStack".into();
    }
    if s.spec.internal_traffic_policy.is_empty() {
        s.spec.internal_traffic_policy = "Cluster".into();
    }
    if s.metadata.namespace.is_empty() {
        s.metadata.namespace = "default".into();
    }
}

/// The `kubernetes` Service every cluster has (10.96.0.1, endpoints on the API server).
/// Its uid comes from the seed, not from the shared generator, so it shifts no other name.
pub(crate) fn add_kubernetes_service(c: &mut State) {
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
    defaults(&mut s);
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

impl State {
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
        defaults(&mut s);
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
        defaults(&mut s);
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

/// A pod changed: Services in its namespace whose selector matches it update that pod's
/// address (incrementally, so a large set costs one address per change, not a rebuild).
pub(crate) fn pod_touched(c: &mut State, pod: &Key) {
    let Some(p) = c.store.pods.get(pod) else { return };
    let ip = p.status.pod_ip.clone();
    let hit = selecting(c, &pod.ns, &p.metadata.labels);
    for k in hit {
        update_pod_address(c, &k, pod, &ip);
    }
}

/// A pod object is gone: its address leaves the endpoints of the Services that selected it.
pub(crate) fn pod_removed(c: &mut State, pod: &Pod) {
    let key = pod.key();
    for k in selecting(c, &key.ns, &pod.metadata.labels) {
        update_pod_address(c, &k, &key, &pod.status.pod_ip);
    }
}

fn selecting(c: &State, ns: &str, labels: &Labels) -> Vec<Key> {
    c.store.services
        .range(Key::new(ns, "")..)
        .take_while(|(k, _)| k.ns == ns)
        .filter(|(_, s)| !s.spec.selector.is_empty() && s.spec.selector.iter().all(|(k, v)| labels.get(k) == Some(v)))
        .map(|(k, _)| k.clone())
        .collect()
}

/// The address a pod contributes to a Service's endpoints: ports, address, ready.
fn pod_address(svc: &Service, p: &Pod) -> Option<(Vec<EndpointPort>, EndpointAddress, bool)> {
    if !svc.spec.selector.iter().all(|(lk, lv)| p.metadata.labels.get(lk) == Some(lv)) {
        return None;
    }
    if p.status.pod_ip.is_empty() || p.status.phase == "Succeeded" || p.status.phase == "Failed" {
        return None;
    }
    let publish = svc.spec.publish_not_ready_addresses;
    if p.metadata.deletion_timestamp.is_some() && !publish {
        return None;
    }
    let ready = publish || p.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True");
    let ports: Vec<EndpointPort> = svc
        .spec
        .ports
        .iter()
        .filter_map(|sp| resolve_port(p, sp).map(|port| EndpointPort { name: sp.name.clone(), port, protocol: sp.protocol.clone() }))
        .collect();
    let name = &svc.metadata.name;
    let addr = EndpointAddress {
        ip: p.status.pod_ip.clone(),
        hostname: if !p.spec.hostname.is_empty() && &p.spec.subdomain == name { p.spec.hostname.clone() } else { String::new() },
        node_name: (!p.spec.node_name.is_empty()).then(|| p.spec.node_name.clone()),
        target_ref: Some(ObjectReference {
            kind: "Pod".into(),
            namespace: p.metadata.namespace.clone(),
            name: p.metadata.name.clone(),
            uid: p.metadata.uid.clone(),
            ..Default::default()
        }),
    };
    Some((ports, addr, ready))
}

fn is_pod(a: &EndpointAddress, pod: &str) -> bool {
    a.target_ref.as_ref().is_some_and(|r| r.name == pod)
}

/// Where a pod's address is in an address list sorted by IP. With the pod's IP (a pod keeps
/// its IP for life) this is a binary search, so a Service with n endpoints pays O(log n) per
/// pod change rather than O(n); without one, a scan.
fn find_address(list: &[EndpointAddress], pod: &str, ip: &str) -> Option<usize> {
    if ip.is_empty() {
        return list.iter().position(|a| is_pod(a, pod));
    }
    let lo = list.partition_point(|a| a.ip.as_str() < ip);
    list[lo..].iter().take_while(|a| a.ip == ip).position(|a| is_pod(a, pod)).map(|i| lo + i)
}

/// Puts one pod's address where it belongs in a Service's endpoints (or takes it out).
/// `ip` is the pod's IP, if it has one.
fn update_pod_address(c: &mut State, svc_key: &Key, pod: &Key, ip: &str) {
    let Some(svc) = c.store.services.get(svc_key) else { return };
    if !c.store.endpoints.contains_key(svc_key) {
        c.enqueue(Work::SyncEndpoints(svc_key.clone()));
        return;
    }
    let want = c.store.pods.get(pod).and_then(|p| pod_address(svc, p));
    let e = c.store.endpoints.get(svc_key).expect("checked");
    // Unchanged? Then nothing to write.
    let current = e.subsets.iter().find_map(|s| {
        find_address(&s.addresses, &pod.name, ip).map(|i| (&s.ports, &s.addresses[i], true))
            .or_else(|| find_address(&s.not_ready_addresses, &pod.name, ip).map(|i| (&s.ports, &s.not_ready_addresses[i], false)))
    });
    match (&want, current) {
        (None, None) => return,
        (Some((ports, addr, ready)), Some((cp, ca, cr))) if ports == cp && addr == ca && *ready == cr => return,
        _ => {}
    }
    let rv = c.bump_rv();
    let e = c.store.endpoints.get_mut(svc_key).expect("checked");
    for s in &mut e.subsets {
        if let Some(i) = find_address(&s.addresses, &pod.name, ip) {
            s.addresses.remove(i);
        }
        if let Some(i) = find_address(&s.not_ready_addresses, &pod.name, ip) {
            s.not_ready_addresses.remove(i);
        }
    }
    if let Some((ports, addr, ready)) = want {
        let i = match e.subsets.iter().position(|s| s.ports == ports) {
            Some(i) => i,
            None => {
                e.subsets.push(EndpointSubset { ports, ..Default::default() });
                e.subsets.len() - 1
            }
        };
        let list = if ready { &mut e.subsets[i].addresses } else { &mut e.subsets[i].not_ready_addresses };
        let at = list.partition_point(|a| a.ip < addr.ip);
        list.insert(at, addr);
    }
    e.subsets.retain(|s| !s.addresses.is_empty() || !s.not_ready_addresses.is_empty());
    e.metadata.resource_version = rv;
}

fn resolve_port(pod: &Pod, sp: &ServicePort) -> Option<i32> {
    match &sp.target_port {
        None => Some(sp.port),
        Some(IntOrString::Int(i)) => Some(*i as i32),
        Some(IntOrString::Str(name)) => match name.parse::<i32>() {
            Ok(i) => Some(i),
            Err(_) => pod
                .spec
                .containers
                .iter()
                .flat_map(|c| c.ports.iter())
                .find(|p| &p.name == name)
                .map(|p| p.container_port),
        },
    }
}

/// The endpoints controller for one Service.
pub fn sync_endpoints(c: &mut State, key: &Key) {
    let Some(svc) = c.store.services.get(key).cloned() else {
        c.store.endpoints.remove(key);
        return;
    };
    if svc.spec.selector.is_empty() {
        return; // endpoints of selector-less Services are the user's
    }
    type Group = (Vec<EndpointAddress>, Vec<EndpointAddress>);
    let mut groups: BTreeMap<Vec<(String, i32, String)>, Group> = BTreeMap::new();
    for (k, p) in c.store.pods.range(Key::new(&key.ns, "")..) {
        if k.ns != key.ns {
            break;
        }
        let Some((ports, addr, ready)) = pod_address(&svc, p) else { continue };
        let ports = ports.into_iter().map(|p| (p.name, p.port, p.protocol)).collect();
        let g = groups.entry(ports).or_default();
        if ready {
            g.0.push(addr);
        } else {
            g.1.push(addr);
        }
    }
    let subsets: Vec<EndpointSubset> = groups
        .into_iter()
        .map(|(ports, (mut ready, mut not_ready))| {
            crate::runtime::sort::by(&mut ready, |a, b| a.ip.cmp(&b.ip));
            crate::runtime::sort::by(&mut not_ready, |a, b| a.ip.cmp(&b.ip));
            EndpointSubset {
                addresses: ready,
                not_ready_addresses: not_ready,
                ports: ports.into_iter().map(|(name, port, protocol)| EndpointPort { name, port, protocol }).collect(),
            }
        })
        .collect();
    let mut labels = svc.metadata.labels.clone();
    if is_headless(&svc) {
        labels.insert(HEADLESS_LABEL.into(), String::new());
    }
    match c.store.endpoints.get(key) {
        Some(e) if e.subsets == subsets && e.metadata.labels == labels => {}
        Some(_) => {
            let rv = c.bump_rv();
            let e = c.store.endpoints.get_mut(key).expect("exists");
            e.subsets = subsets;
            e.metadata.labels = labels;
            e.metadata.resource_version = rv;
        }
        None => {
            let mut e = Endpoints { api_version: "v1".into(), kind: "Endpoints".into(), subsets, ..Default::default() };
            e.metadata.name = key.name.clone();
            e.metadata.namespace = key.ns.clone();
            e.metadata.labels = labels;
            c.stamp_new(&mut e);
            c.store.endpoints.insert(key.clone(), e);
        }
    }
}

/// kubectl's ENDPOINTS cell: `ip:port` pairs, at most three, then ` + N more...`.
pub fn endpoints_string(e: &Endpoints) -> String {
    let mut all = Vec::new();
    for s in &e.subsets {
        for a in &s.addresses {
            if s.ports.is_empty() {
                all.push(a.ip.clone());
            }
            for p in &s.ports {
                all.push(format!("{}:{}", a.ip, p.port));
            }
        }
    }
    if all.is_empty() {
        return "<none>".into();
    }
    let more = all.len().saturating_sub(3);
    let mut s = all.into_iter().take(3).collect::<Vec<_>>().join(",");
    if more > 0 {
        s.push_str(&format!(" + {more} more..."));
    }
    s
}

/// kubectl's PORT(S) cell: `80/TCP`, `80:31816/TCP`, comma-joined, `<none>` if none.
pub fn ports_string(s: &Service) -> String {
    if s.spec.ports.is_empty() {
        return "<none>".into();
    }
    s.spec
        .ports
        .iter()
        .map(|p| match p.node_port {
            Some(np) => format!("{}:{np}/{}", p.port, p.protocol),
            None => format!("{}/{}", p.port, p.protocol),
        })
        .collect::<Vec<_>>()
        .join(",")
}
