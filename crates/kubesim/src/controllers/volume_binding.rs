//! Binding claims to volumes, as the PV controller and the scheduler's `VolumeBinding`
//! plugin both do: which volume matches a claim, which nodes a pod's claims allow, and
//! binding (or asking to provision) delayed claims for the node picked.

use crate::api::meta::Key;
use crate::api::model::*;
use crate::api::quantity::Quantity;
use crate::controllers::common::pod_claims;
use crate::runtime::queue::Work;
use crate::runtime::why::{WhyItem, WhyRecord};
use crate::state::Ctx;

pub const SELECTED_NODE: &str = "volume.kubernetes.io/selected-node";

pub const NO_PROVISIONER: &str = "kubernetes.io/no-provisioner";

pub const BOUND_BY_CONTROLLER: &str = "pv.kubernetes.io/bound-by-controller";

pub const BIND_COMPLETED: &str = "pv.kubernetes.io/bind-completed";

pub(crate) fn storage_request(pvc: &PersistentVolumeClaim) -> Quantity {
    pvc.spec.resources.requests.get("storage").cloned().unwrap_or_default()
}

pub(crate) fn pv_capacity(pv: &PersistentVolume) -> Quantity {
    pv.spec.capacity.get("storage").cloned().unwrap_or_default()
}

/// Why a volume cannot serve a claim (the `VolumeMismatch` reasons).
pub(crate) fn volume_suits(pv: &PersistentVolume, pvc: &PersistentVolumeClaim) -> Result<(), &'static str> {
    if pv_capacity(pv).cmp_value(&storage_request(pvc)).is_lt() {
        return Err("requested PV is too small");
    }
    if pv.spec.storage_class_name != claim_class(pvc) {
        return Err("storageClassName does not match");
    }
    if pv.spec.volume_mode != pvc.spec.volume_mode.clone().unwrap_or_else(|| "Filesystem".into()) {
        return Err("incompatible volumeMode");
    }
    if !pvc.spec.access_modes.iter().all(|m| pv.spec.access_modes.contains(m)) {
        return Err("incompatible accessMode");
    }
    Ok(())
}

pub(crate) fn claim_class(pvc: &PersistentVolumeClaim) -> String {
    pvc.spec.storage_class_name.clone().unwrap_or_default()
}

pub(crate) fn volume_node_ok(pv: &PersistentVolume, node: &Node) -> bool {
    match pv.spec.node_affinity.as_ref().and_then(|a| a.required.as_ref()) {
        Some(sel) => sel.matches(&node.metadata.name, &node.metadata.labels),
        None => true,
    }
}

/// `FindMatchingVolume`: a volume pre-bound to this claim at once; otherwise the smallest
/// Available volume of the same class, mode and a superset of the access modes, trying
/// volumes with the fewest access modes first. With a node, the volume must be usable there.
pub fn find_matching_volume(c: &Ctx, pvc: &PersistentVolumeClaim, node: Option<&Node>) -> Option<String> {
    let mut best: Option<(usize, i128, &str)> = None;
    for pv in c.store.pvs.values() {
        // Cheap checks first: most volumes are bound to other claims.
        if pv.metadata.deletion_timestamp.is_some() {
            continue;
        }
        let prebound = match &pv.spec.claim_ref {
            Some(r) if r.name == pvc.metadata.name && r.namespace == pvc.metadata.namespace && (r.uid.is_empty() || r.uid == pvc.metadata.uid) => true,
            Some(_) => continue,
            None => false,
        };
        if !prebound && (pv.status.phase != "Available" || pv.spec.storage_class_name != claim_class(pvc)) {
            continue;
        }
        if pv_capacity(pv).cmp_value(&storage_request(pvc)).is_lt() {
            continue;
        }
        if pv.spec.volume_mode != pvc.spec.volume_mode.clone().unwrap_or_else(|| "Filesystem".into()) {
            continue;
        }
        if node.is_some_and(|n| !volume_node_ok(pv, n)) {
            continue;
        }
        if prebound {
            return Some(pv.metadata.name.clone());
        }
        if pvc.spec.selector.as_ref().is_some_and(|s| !s.matches(&pv.metadata.labels)) {
            continue;
        }
        if volume_suits(pv, pvc).is_err() {
            continue;
        }
        let rank = (pv.spec.access_modes.len(), pv_capacity(pv).milli().unwrap_or(0), pv.metadata.name.as_str());
        if best.is_none_or(|b| rank < b) {
            best = Some(rank);
        }
    }
    best.map(|b| b.2.to_string())
}

/// Binds a claim and a volume both ways.
pub(crate) fn bind(c: &mut Ctx, key: &Key, pv_name: &str) {
    let Some(pvc) = c.store.pvcs.get(key).cloned() else { return };
    let rv = c.bump_rv();
    let now = c.rt.now.rfc3339();
    let Some(pv) = c.store.pvs.get_mut(pv_name) else { return };
    let prebound = pv.spec.claim_ref.is_some();
    pv.spec.claim_ref = Some(ClaimRef {
        kind: "PersistentVolumeClaim".into(),
        namespace: key.ns.clone(),
        name: key.name.clone(),
        uid: pvc.metadata.uid.clone(),
        api_version: "v1".into(),
        resource_version: pvc.metadata.resource_version.clone(),
    });
    if !prebound {
        pv.metadata.annotations.insert(BOUND_BY_CONTROLLER.into(), "yes".into());
    }
    if pv.status.phase != "Bound" {
        pv.status.phase = "Bound".into();
        pv.status.last_phase_transition_time = Some(now);
    }
    pv.metadata.resource_version = rv.clone();
    let modes = pv.spec.access_modes.clone();
    let capacity = pv.spec.capacity.clone();
    let rv = c.bump_rv();
    let p = c.store.pvcs.get_mut(key).expect("exists");
    if p.spec.volume_name.is_empty() {
        p.spec.volume_name = pv_name.to_string();
        p.metadata.annotations.insert(BOUND_BY_CONTROLLER.into(), "yes".into());
    }
    p.metadata.annotations.insert(BIND_COMPLETED.into(), "yes".into());
    p.status.phase = "Bound".into();
    p.status.access_modes = modes;
    p.status.capacity = capacity;
    p.metadata.resource_version = rv;
    c.rec.why.insert(
        ("PersistentVolumeClaim".into(), key.clone()),
        WhyRecord { at_ms: c.rt.now.millis(), items: vec![WhyItem::ClaimBound { claim: key.name.clone(), volume: pv_name.to_string() }] },
    );
    c.claim_changed(key);
}

/// What the scheduler learnt about a pod's claims before looking at nodes.
#[derive(Clone, Debug, Default)]
pub struct VolumePlan {
    /// Volumes already bound to the pod's claims (their node affinity restricts nodes).
    pub bound: Vec<String>,
    /// Unbound claims of WaitForFirstConsumer classes: bound or provisioned for the node picked.
    pub delayed: Vec<Key>,
    /// A node was picked earlier for the delayed claims: only that node, and wait.
    pub selected_node: Option<String>,
}

/// `VolumeBinding` PreFilter: missing or unbound immediate claims make the pod unschedulable
/// with one message for every node.
pub fn prefilter(c: &Ctx, pod: &Pod) -> Result<VolumePlan, String> {
    let mut plan = VolumePlan::default();
    for name in pod_claims(&pod.spec) {
        let k = Key::new(&pod.metadata.namespace, name);
        let Some(pvc) = c.store.pvcs.get(&k) else {
            return Err(format!("persistentvolumeclaim \"{name}\" not found"));
        };
        if pvc.metadata.deletion_timestamp.is_some() {
            return Err(format!("persistentvolumeclaim \"{name}\" is being deleted"));
        }
        if pvc.status.phase == "Bound" {
            plan.bound.push(pvc.spec.volume_name.clone());
            continue;
        }
        let delayed = c
            .store.storageclasses
            .get(&claim_class(pvc))
            .is_some_and(|s| s.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer"));
        if !delayed || !pvc.spec.volume_name.is_empty() {
            return Err("pod has unbound immediate PersistentVolumeClaims".into());
        }
        if let Some(n) = pvc.metadata.annotations.get(SELECTED_NODE) {
            plan.selected_node = Some(n.clone());
        }
        plan.delayed.push(k);
    }
    Ok(plan)
}

/// `VolumeBinding` Filter for one node.
pub fn filter(c: &Ctx, plan: &VolumePlan, node: &Node) -> Result<(), String> {
    for name in &plan.bound {
        if let Some(pv) = c.store.pvs.get(name) {
            if !volume_node_ok(pv, node) {
                return Err("node(s) had volume node affinity conflict".into());
            }
        }
    }
    for k in &plan.delayed {
        let Some(pvc) = c.store.pvcs.get(k) else { continue };
        let provisioner = c.store.storageclasses.get(&claim_class(pvc)).map(|s| s.provisioner.clone()).unwrap_or_default();
        if (provisioner.is_empty() || provisioner == NO_PROVISIONER) && find_matching_volume(c, pvc, Some(node)).is_none() {
            return Err("node(s) didn't find available persistent volumes to bind".into());
        }
    }
    Ok(())
}

/// Reserve/PreBind for the node picked: static volumes are bound, the others are handed to
/// the provisioner with the `selected-node` annotation. Returns true when the pod must wait
/// for its claims to be bound before it is bound itself.
pub fn assume(c: &mut Ctx, plan: &VolumePlan, node: &str) -> bool {
    if plan.delayed.is_empty() {
        return false;
    }
    let n = c.store.nodes.get(node).cloned();
    let mut wait = false;
    for k in &plan.delayed {
        let Some(pvc) = c.store.pvcs.get(k).cloned() else { continue };
        if pvc.status.phase == "Bound" {
            continue;
        }
        if let Some(pv) = find_matching_volume(c, &pvc, n.as_ref()) {
            bind(c, k, &pv);
            continue;
        }
        wait = true;
        if pvc.metadata.annotations.get(SELECTED_NODE).map(String::as_str) != Some(node) {
            let rv = c.bump_rv();
            let p = c.store.pvcs.get_mut(k).expect("exists");
            p.metadata.annotations.insert(SELECTED_NODE.into(), node.to_string());
            p.metadata.resource_version = rv;
            c.enqueue(Work::SyncClaim(k.clone()));
        }
    }
    wait || plan.delayed.iter().any(|k| c.store.pvcs.get(k).is_none_or(|p| p.status.phase != "Bound"))
}
