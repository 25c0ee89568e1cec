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
use crate::state::Ctx;
use crate::api::model::*;
use crate::api::meta::{Key, Object};
use std::collections::BTreeMap;

pub const HEADLESS_LABEL: &str = "service.kubernetes.io/headless";

/// A pod changed: Services in its namespace whose selector matches it update that pod's
/// address (incrementally, so a large set costs one address per change, not a rebuild).
pub(crate) fn pod_touched(c: &mut Ctx, pod: &Key) {
    let Some(p) = c.store.pods.get(pod) else { return };
    let ip = p.status.pod_ip.clone();
    let hit = selecting(c, &pod.ns, &p.metadata.labels);
    for k in hit {
        update_pod_address(c, &k, pod, &ip);
    }
}

/// A pod object is gone: its address leaves the endpoints of the Services that selected it.
pub(crate) fn pod_removed(c: &mut Ctx, pod: &Pod) {
    let key = pod.key();
    for k in selecting(c, &key.ns, &pod.metadata.labels) {
        update_pod_address(c, &k, &key, &pod.status.pod_ip);
    }
}

fn selecting(c: &Ctx, ns: &str, labels: &Labels) -> Vec<Key> {
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
fn update_pod_address(c: &mut Ctx, svc_key: &Key, pod: &Key, ip: &str) {
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
pub fn sync_endpoints(c: &mut Ctx, key: &Key) {
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
