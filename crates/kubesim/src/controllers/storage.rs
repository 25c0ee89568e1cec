//! Storage: the PersistentVolume controller (binding, phases, reclaim), a dynamic provisioner
//! for classes that name one, the default-StorageClass admission, pvc/pv-protection, and the
//! volume checks the scheduler (VolumeBinding) and the attach/detach controller make.
//!
//! The default class `standard` is kind's: provisioner `rancher.io/local-path`, reclaim
//! `Delete`, `WaitForFirstConsumer`; its volumes are node-local (node affinity to the node
//! the scheduler picked), so a pod that comes back follows its volume to the same node.

pub use crate::controllers::common::pod_claims;
use crate::controllers::volume_binding::{bind, claim_class, find_matching_volume, storage_request, volume_suits, NO_PROVISIONER};
pub use crate::controllers::volume_binding::SELECTED_NODE;
use crate::runtime::queue::Work;
use crate::state::{Ctx, PodRuntime};
use crate::apiserver::volumes::default_class;
use std::collections::BTreeMap;
use crate::api::model::*;
use crate::api::meta::{Key, Object};
use crate::runtime::why::{WhyItem, WhyRecord};

pub const STORAGE_PROVISIONER: &str = "volume.kubernetes.io/storage-provisioner";
pub const BETA_STORAGE_PROVISIONER: &str = "volume.beta.kubernetes.io/storage-provisioner";
pub const PROVISIONED_BY: &str = "pv.kubernetes.io/provisioned-by";
const PV_CONTROLLER: &str = "persistentvolume-controller";

/// kubectl's ACCESS MODES cell: `RWO,ROX,RWX,RWOP` in that order.
pub fn access_modes_string(modes: &[String]) -> String {
    let mut out = Vec::new();
    for (long, short) in [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP")] {
        if modes.iter().any(|m| m == long) {
            out.push(short);
        }
    }
    out.join(",")
}

/// A pod went away or finished: claims it held may be released, and pods waiting to attach
/// its volumes may go on.
pub(crate) fn pod_released(c: &mut Ctx, pod: &Pod) {
    let claims: Vec<Key> = pod_claims(&pod.spec).map(|n| Key::new(&pod.metadata.namespace, n)).collect();
    if claims.is_empty() {
        return;
    }
    for k in claims {
        if c.store.pvcs.get(&k).is_some_and(|p| p.metadata.deletion_timestamp.is_some()) {
            c.enqueue(Work::SyncClaim(k));
        }
    }
    let waiting: Vec<Key> = c.memory.attach_waiting.iter().cloned().collect();
    for k in waiting {
        if let Some(uid) = c.store.pods.get(&k).map(|p| p.metadata.uid.clone()) {
            c.after(crate::runtime::time::Dur::ZERO, crate::runtime::queue::TimerKind::Kubelet { pod: k, uid });
        }
    }
}

/// One pass of the PV controller over a claim.
pub fn sync_claim(c: &mut Ctx, key: &Key) {
    let Some(pvc) = c.store.pvcs.get(key).cloned() else { return };
    let uid = pvc.metadata.uid.clone();
    if pvc.metadata.deletion_timestamp.is_some() {
        // pvc-protection: the finalizer goes once no pod uses the claim.
        if !c.claim_in_use(key) {
            c.remove_pvc_object(key);
        } else {
            c.rec.why.insert(
                ("PersistentVolumeClaim".into(), key.clone()),
                WhyRecord { at_ms: c.rt.now.millis(), items: vec![WhyItem::ClaimInUse { claim: key.name.clone() }] },
            );
        }
        return;
    }
    if pvc.status.phase == "Bound" {
        let pv_ok = c.store.pvs.get(&pvc.spec.volume_name).is_some_and(|pv| {
            pv.spec.claim_ref.as_ref().is_some_and(|r| r.name == key.name && r.namespace == key.ns)
        });
        if !pv_ok {
            set_claim_phase(c, key, "Lost");
            c.record_event("PersistentVolumeClaim", key, &uid, "Warning", "ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!".into(), PV_CONTROLLER, "");
        }
        return;
    }
    if pvc.status.phase == "Lost" {
        return;
    }
    let mut pvc = pvc;
    if pvc.spec.storage_class_name.is_none() {
        // Retroactive default class for claims created before a default existed.
        if let Some(d) = default_class(c) {
            let rv = c.bump_rv();
            let p = c.store.pvcs.get_mut(key).expect("exists");
            p.spec.storage_class_name = Some(d.clone());
            p.metadata.resource_version = rv;
            pvc.spec.storage_class_name = Some(d);
        }
    }
    let class = claim_class(&pvc);
    let sc = c.store.storageclasses.get(&class).cloned();
    let delayed = sc.as_ref().is_some_and(|s| s.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer"));
    let selected = pvc.metadata.annotations.get(SELECTED_NODE).cloned();

    if !pvc.spec.volume_name.is_empty() {
        // Pre-bound by the user: only that volume will do.
        let name = pvc.spec.volume_name.clone();
        let Some(pv) = c.store.pvs.get(&name).cloned() else { return };
        if let Some(r) = &pv.spec.claim_ref {
            if r.name != key.name || r.namespace != key.ns || (!r.uid.is_empty() && r.uid != uid) {
                c.record_event("PersistentVolumeClaim", key, &uid, "Warning", "FailedBinding", format!("volume \"{name}\" already bound to a different claim."), PV_CONTROLLER, "");
                return;
            }
        }
        if let Err(reason) = volume_suits(&pv, &pvc) {
            c.record_event("PersistentVolumeClaim", key, &uid, "Warning", "VolumeMismatch", format!("Cannot bind to requested volume \"{name}\": {reason}"), PV_CONTROLLER, "");
            return;
        }
        bind(c, key, &name);
        return;
    }

    let node = selected.as_ref().and_then(|n| c.store.nodes.get(n)).cloned();
    if let Some(pv) = find_matching_volume(c, &pvc, if delayed { node.as_ref() } else { None }) {
        if delayed && node.is_none() {
            // Delayed binding: the scheduler picks the node (and the volume) later.
        } else {
            bind(c, key, &pv);
            return;
        }
    }
    if class.is_empty() {
        c.record_event("PersistentVolumeClaim", key, &uid, "Normal", "FailedBinding", "no persistent volumes available for this claim and no storage class is set".into(), PV_CONTROLLER, "");
        return;
    }
    let Some(sc) = sc else {
        c.record_event("PersistentVolumeClaim", key, &uid, "Warning", "ProvisioningFailed", format!("storageclass.storage.k8s.io \"{class}\" not found"), PV_CONTROLLER, "");
        return;
    };
    if delayed && selected.is_none() {
        let pods = unscheduled_pods_using(c, key);
        // The controller's informer has not seen a pod created in the same instant yet.
        if pods.is_empty() || Ctx::created_at(&pvc.metadata) == c.rt.now {
            c.record_event("PersistentVolumeClaim", key, &uid, "Normal", "WaitForFirstConsumer", "waiting for first consumer to be created before binding".into(), PV_CONTROLLER, "");
        } else {
            let msg = if pods.len() == 1 {
                format!("waiting for pod {} to be scheduled", pods[0])
            } else {
                format!("waiting for pods {} to be scheduled", pods.join(","))
            };
            c.record_event("PersistentVolumeClaim", key, &uid, "Normal", "WaitForPodScheduled", msg, PV_CONTROLLER, "");
        }
        return;
    }
    if sc.provisioner == NO_PROVISIONER || sc.provisioner.is_empty() {
        c.record_event("PersistentVolumeClaim", key, &uid, "Normal", "FailedBinding", "no persistent volumes available for this claim and no storage class is set".into(), PV_CONTROLLER, "");
        return;
    }
    if pvc.metadata.annotations.get(STORAGE_PROVISIONER) != Some(&sc.provisioner) {
        let rv = c.bump_rv();
        let p = c.store.pvcs.get_mut(key).expect("exists");
        p.metadata.annotations.insert(STORAGE_PROVISIONER.into(), sc.provisioner.clone());
        p.metadata.annotations.insert(BETA_STORAGE_PROVISIONER.into(), sc.provisioner.clone());
        p.metadata.resource_version = rv;
        c.record_event(
            "PersistentVolumeClaim",
            key,
            &uid,
            "Normal",
            "ExternalProvisioning",
            format!("Waiting for a volume to be created either by the external provisioner '{}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.", sc.provisioner),
            PV_CONTROLLER,
            "",
        );
        let d = c.timings.provision;
        c.resync_later(Work::Provision(key.clone()), d);
        c.rec.why.insert(
            ("PersistentVolumeClaim".into(), key.clone()),
            WhyRecord { at_ms: c.rt.now.millis(), items: vec![WhyItem::Provisioning { claim: key.name.clone(), provisioner: sc.provisioner.clone(), node: selected }] },
        );
    }
}

fn unscheduled_pods_using(c: &Ctx, key: &Key) -> Vec<String> {
    c.claim_users(key).filter(|k| c.store.unscheduled.contains(k)).map(|k| k.name.clone()).collect()
}

fn set_claim_phase(c: &mut Ctx, key: &Key, phase: &str) {
    let rv = c.bump_rv();
    if let Some(p) = c.store.pvcs.get_mut(key) {
        p.status.phase = phase.into();
        p.metadata.resource_version = rv;
    }
}

fn set_volume_phase(c: &mut Ctx, name: &str, phase: &str) {
    let rv = c.bump_rv();
    let now = c.rt.now.rfc3339();
    if let Some(p) = c.store.pvs.get_mut(name) {
        if p.status.phase != phase {
            p.status.phase = phase.into();
            p.status.last_phase_transition_time = Some(now);
            p.metadata.resource_version = rv;
        }
    }
}

/// The external provisioner creates the volume `pvc-<claim uid>` and the controller binds it.
pub fn provision(c: &mut Ctx, key: &Key) {
    let Some(pvc) = c.store.pvcs.get(key).cloned() else { return };
    if pvc.metadata.deletion_timestamp.is_some() || pvc.status.phase == "Bound" {
        return;
    }
    let class = claim_class(&pvc);
    let Some(sc) = c.store.storageclasses.get(&class).cloned() else { return };
    let uid = pvc.metadata.uid.clone();
    let source = if sc.provisioner == "rancher.io/local-path" {
        format!("{}_local-path-provisioner-7577fdbbfb-4nmnq_{}", sc.provisioner, "2f1d7c3e-9a4b-4c5d-8e6f-0a1b2c3d4e5f")
    } else {
        sc.provisioner.clone()
    };
    c.record_event("PersistentVolumeClaim", key, &uid, "Normal", "Provisioning", format!("External provisioner is provisioning volume for claim \"{}/{}\"", key.ns, key.name), &source, "");
    let name = format!("pvc-{uid}");
    let selected = pvc.metadata.annotations.get(SELECTED_NODE).cloned();
    let mut pv = PersistentVolume::default();
    pv.metadata.name = name.clone();
    pv.metadata.annotations.insert(PROVISIONED_BY.into(), sc.provisioner.clone());
    pv.spec.capacity.insert("storage".into(), storage_request(&pvc));
    pv.spec.access_modes = pvc.spec.access_modes.clone();
    pv.spec.persistent_volume_reclaim_policy = sc.reclaim_policy.clone().unwrap_or_else(|| "Delete".into());
    pv.spec.storage_class_name = class;
    pv.spec.volume_mode = pvc.spec.volume_mode.clone().unwrap_or_else(|| "Filesystem".into());
    pv.spec.claim_ref = Some(ClaimRef {
        kind: "PersistentVolumeClaim".into(),
        namespace: key.ns.clone(),
        name: key.name.clone(),
        uid: uid.clone(),
        api_version: "v1".into(),
        resource_version: pvc.metadata.resource_version.clone(),
    });
    if let Some(node) = &selected {
        pv.spec.host_path = Some(HostPathVolumeSource {
            path: format!("/var/local-path-provisioner/{name}_{}_{}", key.ns, key.name),
            type_: "DirectoryOrCreate".into(),
        });
        pv.spec.node_affinity = Some(VolumeNodeAffinity {
            required: Some(NodeSelector {
                node_selector_terms: vec![NodeSelectorTerm {
                    match_expressions: vec![NodeSelectorRequirement {
                        key: "kubernetes.io/hostname".into(),
                        operator: "In".into(),
                        values: vec![node.clone()],
                    }],
                    match_fields: vec![],
                }],
            }),
        });
    }
    c.create_pv(pv);
    c.record_event("PersistentVolumeClaim", key, &uid, "Normal", "ProvisioningSucceeded", format!("Successfully provisioned volume {name}"), &source, "");
    // The volume's sync runs now, so a freshly provisioned volume binds in the same instant.
    sync_volume(c, &name);
}

/// One pass of the PV controller over a volume: phase, release and reclaim.
pub fn sync_volume(c: &mut Ctx, name: &str) {
    let Some(pv) = c.store.pvs.get(name).cloned() else { return };
    let claim = pv.spec.claim_ref.as_ref().map(|r| Key::new(&r.namespace, &r.name));
    let claim_obj = claim.as_ref().and_then(|k| c.store.pvcs.get(k)).filter(|p| {
        let r = pv.spec.claim_ref.as_ref().expect("some");
        r.uid.is_empty() || r.uid == p.metadata.uid
    });
    if pv.metadata.deletion_timestamp.is_some() {
        // pv-protection: a volume still bound to an existing claim stays.
        if claim_obj.is_none() || pv.status.phase != "Bound" {
            c.store.pvs.remove(name);
            c.happen(crate::runtime::history::HappeningKind::ObjectDeleted { kind: "PersistentVolume".into(), key: Key::cluster(name) });
        }
        return;
    }
    match (&pv.spec.claim_ref, claim_obj) {
        (None, _) => set_volume_phase(c, name, "Available"),
        (Some(_), Some(p)) => {
            if p.spec.volume_name == name && p.status.phase == "Bound" {
                set_volume_phase(c, name, "Bound");
            } else {
                if pv.status.phase == "Pending" {
                    set_volume_phase(c, name, "Available");
                }
                let k = claim.expect("some");
                c.enqueue(Work::SyncClaim(k));
            }
        }
        (Some(r), None) => {
            if r.uid.is_empty() {
                // Pre-bound to a claim that does not exist yet.
                set_volume_phase(c, name, "Available");
                return;
            }
            if pv.status.phase == "Released" || pv.status.phase == "Failed" {
                return;
            }
            match pv.spec.persistent_volume_reclaim_policy.as_str() {
                "Delete" => {
                    set_volume_phase(c, name, "Released");
                    c.store.pvs.remove(name);
                    c.happen(crate::runtime::history::HappeningKind::ObjectDeleted { kind: "PersistentVolume".into(), key: Key::cluster(name) });
                }
                _ => set_volume_phase(c, name, "Released"),
            }
        }
    }
}

// ------------------------------------------------------------ attach/detach

/// A ReadWriteOnce attachable volume already attached to another node: the attach/detach
/// controller's Multi-Attach error. Returns the volume and the pods holding it.
pub fn attach_conflict(c: &Ctx, kubelet_records: &BTreeMap<Key, PodRuntime>, pod: &Pod) -> Option<(String, Vec<String>)> {
    for name in pod_claims(&pod.spec) {
        let k = Key::new(&pod.metadata.namespace, name);
        let Some(pvc) = c.store.pvcs.get(&k) else { continue };
        let Some(pv) = c.store.pvs.get(&pvc.spec.volume_name) else { continue };
        // Only attachable volumes (CSI here) go through attach/detach; hostPath and local
        // volumes are mounted wherever the pod runs, ReadWriteOnce or not.
        if pv.spec.csi.is_none() {
            continue;
        }
        let modes = &pv.spec.access_modes;
        let single_node = modes.iter().any(|m| m == "ReadWriteOnce") && !modes.iter().any(|m| m == "ReadWriteMany" || m == "ReadOnlyMany");
        if !single_node {
            continue;
        }
        let holders: Vec<String> = c
            .claim_users(&k)
            .filter_map(|pk| c.store.pods.get(pk))
            .filter(|p| {
                p.metadata.uid != pod.metadata.uid
                    && !p.spec.node_name.is_empty()
                    && p.spec.node_name != pod.spec.node_name
                    && !is_terminal(p)
                    && kubelet_records.get(&p.key()).is_some_and(|r| r.stage != crate::state::PodStage::Bound)
                    && !c.memory.attach_waiting.contains(&p.key())
                    && pod_claims(&p.spec).any(|n| n == name)
            })
            .map(|p| p.metadata.name.clone())
            .collect();
        if !holders.is_empty() {
            return Some((pv.metadata.name.clone(), holders));
        }
    }
    None
}

/// The kubelet asks before starting containers: may this pod's volumes be attached here?
/// Records the Multi-Attach warning and parks the pod when not. `kubelet_records` say which
/// holders their kubelets have started (a pod still only bound holds nothing yet).
pub(crate) fn attach_blocked(c: &mut Ctx, kubelet_records: &BTreeMap<Key, PodRuntime>, key: &Key) -> bool {
    let Some(pod) = c.store.pods.get(key) else { return false };
    match attach_conflict(c, kubelet_records, pod) {
        None => {
            c.memory.attach_waiting.remove(key);
            false
        }
        Some((pv, holders)) => {
            let uid = pod.metadata.uid.clone();
            c.memory.attach_waiting.insert(key.clone());
            c.record_event(
                "Pod",
                key,
                &uid,
                "Warning",
                "FailedAttachVolume",
                format!("Multi-Attach error for volume \"{pv}\" Volume is already used by pod(s) {}", holders.join(", ")),
                "attachdetach-controller",
                "",
            );
            c.rec.why.insert(
                ("Pod".into(), key.clone()),
                WhyRecord { at_ms: c.rt.now.millis(), items: vec![WhyItem::MultiAttach { pod: key.name.clone(), volume: pv, holders }] },
            );
            true
        }
    }
}
