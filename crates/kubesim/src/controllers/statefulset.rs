//! The StatefulSet controller (`pkg/controller/statefulset`): stable names `<sts>-<ordinal>`,
//! one PVC per claim template and ordinal, OrderedReady or Parallel pod management,
//! RollingUpdate (reverse ordinal, partition) or OnDelete, ControllerRevisions, PVC retention.
//!
//! One `sync` recomputes everything from the store and makes a bounded set of writes, as in
//! `stateful_set_control.go`: OrderedReady creates or deletes at most one pod per sync and
//! stops at the first pod that is not Running+Ready(+minReadySeconds). The
//! `MaxUnavailableStatefulSet` gate is off (as in v1.33 and again in v1.35.4–v1.36):
//! `rollingUpdate.maxUnavailable` is accepted but ignored, updates go one pod at a time.
//!
//! Cost per sync is proportional to the set's own pods: they are found by a range scan of
//! the name prefix `<sts>-` in the pod store, never by a scan of every pod.

use crate::controllers::common::{ensure_revision, prune_revisions, revision_data, HistoryLimit, REVISION_LABEL};
pub use crate::controllers::common::parse_ordinal;
use crate::runtime::queue::Work;
use crate::state::Ctx;
use crate::api::model::*;
use crate::runtime::rand::safe_encode_hash;
use crate::api::meta::{controller_ref_to, Key, Object};
use crate::runtime::time::Dur;
use crate::runtime::why::{DeleteCause, WhyItem, WhyRecord};
use std::collections::BTreeSet;

pub const POD_NAME_LABEL: &str = "statefulset.kubernetes.io/pod-name";
pub const POD_INDEX_LABEL: &str = "apps.kubernetes.io/pod-index";
pub const REVISION_HASH_LABEL: &str = "controller.kubernetes.io/hash";
const COMPONENT: &str = "statefulset-controller";

/// FNV-1 (not 1a), 32 bits: what `history.HashControllerRevision` uses.
pub fn fnv32(data: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in data {
        h = h.wrapping_mul(0x0100_0193);
        h ^= *b as u32;
    }
    h
}

/// `<sts>-<hash>` for a template (same template → same name).
pub fn revision_name(set: &str, template: &PodTemplateSpec, collision_count: i32) -> String {
    let mut bytes = serde_json::to_vec(&revision_data(template)).unwrap_or_default();
    if collision_count > 0 {
        bytes.extend_from_slice(collision_count.to_string().as_bytes());
    }
    format!("{set}-{}", safe_encode_hash(fnv32(&bytes)))
}

fn revision_template(rev: &ControllerRevision) -> Option<PodTemplateSpec> {
    let mut t = rev.data.get("spec")?.get("template")?.clone();
    t.as_object_mut()?.remove("$patch");
    crate::manifest::from_json(&t).ok()
}

pub fn is_running_and_ready(p: &Pod) -> bool {
    p.status.phase == "Running" && p.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True")
}

fn ready_since_ms(p: &Pod) -> Option<u64> {
    p.status
        .conditions
        .iter()
        .find(|c| c.type_ == "Ready" && c.status == "True")
        .and_then(|c| c.last_transition_time.as_deref())
        .and_then(crate::runtime::time::parse_rfc3339)
        .map(|t| t.millis())
}

/// Ready for more than `minReadySeconds` (`podutil.IsPodAvailable`).
pub fn is_available(p: &Pod, min_ready: i32, now_ms: u64) -> bool {
    if !is_running_and_ready(p) {
        return false;
    }
    if min_ready <= 0 {
        return true;
    }
    ready_since_ms(p).is_some_and(|t| t + (min_ready as u64) * 1000 < now_ms)
}

fn is_terminating(p: &Pod) -> bool {
    p.metadata.deletion_timestamp.is_some()
}

/// What one sync needs to know about a pod, without cloning it.
struct PodInfo {
    terminal: bool,
    terminating: bool,
    pending: bool,
    running_ready: bool,
    available: bool,
    /// At the update revision.
    updated: bool,
    /// Every claim its volumes name exists (checked only for Pending pods).
    claims_present: bool,
}

impl PodInfo {
    fn of(c: &Ctx, p: &Pod, update_revision: &str, min_ready: i32, now_ms: u64) -> PodInfo {
        let pending = p.status.phase == "Pending";
        PodInfo {
            claims_present: !pending
                || crate::controllers::common::pod_claims(&p.spec).all(|n| c.store.pvcs.contains_key(&Key::new(&p.metadata.namespace, n))),
            terminal: is_terminal(p),
            terminating: is_terminating(p),
            pending,
            running_ready: is_running_and_ready(p),
            available: is_available(p, min_ready, now_ms),
            updated: p.metadata.labels.get(REVISION_LABEL).map(String::as_str) == Some(update_revision),
        }
    }
    fn healthy(&self) -> bool {
        self.available && !self.terminating
    }
}

/// The set's pods by ordinal: a range scan of names `<set>-…`, owned by the set's uid.
/// Orphans whose name and labels fit are adopted.
fn owned_pods(c: &mut Ctx, set: &StatefulSet) -> BTreeSet<i32> {
    let ns = &set.metadata.namespace;
    let name = &set.metadata.name;
    let prefix = format!("{name}-");
    let sel = set.spec.selector.clone().unwrap_or_default();
    let mut out = BTreeSet::new();
    let mut adopt = Vec::new();
    for (k, p) in c.store.pods.range(Key::new(ns, &prefix)..) {
        if k.ns != *ns || !k.name.starts_with(&prefix) {
            break;
        }
        let Some(ord) = parse_ordinal(name, &k.name) else { continue };
        match p.controller_ref() {
            Some(r) if r.uid == set.metadata.uid => {
                out.insert(ord);
            }
            None if !sel.is_empty() && sel.matches(&p.metadata.labels) && !is_terminating(p) => {
                adopt.push((ord, k.clone()));
            }
            _ => {}
        }
    }
    for (ord, k) in adopt {
        let rv = c.bump_rv();
        c.index_pod(&k, false);
        if let Some(p) = c.store.pods.get_mut(&k) {
            p.metadata.owner_references.push(controller_ref_to(set));
            p.metadata.resource_version = rv;
        }
        c.index_pod(&k, true);
        out.insert(ord);
    }
    out
}

/// Keeps the set's ControllerRevisions: the one for the current template (created, or an
/// older equal one brought back with the next revision number) and the one it rolls from.
fn sync_revisions(c: &mut Ctx, set: &StatefulSet, template: &PodTemplateSpec) -> (ControllerRevision, ControllerRevision) {
    let ns = set.metadata.namespace.clone();
    let name = revision_name(&set.metadata.name, template, set.status.collision_count);
    let hash = name.rsplit('-').next().unwrap_or_default().to_string();
    let mut labels = template.metadata.labels.clone();
    labels.insert(REVISION_HASH_LABEL.into(), hash);
    let update = ensure_revision(c, set, &name, revision_data(template), labels, Labels::new());
    let current = if set.status.current_revision.is_empty() {
        update.clone()
    } else {
        c.store.controllerrevisions
            .get(&Key::new(&ns, &set.status.current_revision))
            .cloned()
            .unwrap_or_else(|| update.clone())
    };
    (current, update)
}

/// Drops revisions beyond `revisionHistoryLimit`, oldest first, never one in use.
fn truncate_history(c: &mut Ctx, set: &StatefulSet, live: &[String]) {
    prune_revisions(c, set, set.spec.revision_history_limit.unwrap_or(10), live, HistoryLimit::NotLiveOnly, "");
}

/// Claim name for a template and ordinal: `<template>-<sts>-<ordinal>`.
pub fn claim_name(template: &str, set: &str, ord: i32) -> String {
    format!("{template}-{set}-{ord}")
}

/// The pod for an ordinal at a revision (`newVersionedStatefulSetPod`).
fn new_pod(set: &StatefulSet, ord: i32, rev: &ControllerRevision, template: &PodTemplateSpec) -> Pod {
    let name = format!("{}-{ord}", set.metadata.name);
    let mut pod = Pod::default();
    pod.metadata.name = name.clone();
    pod.metadata.namespace = set.metadata.namespace.clone();
    pod.metadata.labels = template.metadata.labels.clone();
    pod.metadata.labels.insert(POD_NAME_LABEL.into(), name.clone());
    pod.metadata.labels.insert(POD_INDEX_LABEL.into(), ord.to_string());
    pod.metadata.labels.insert(REVISION_LABEL.into(), rev.metadata.name.clone());
    pod.metadata.annotations = template.metadata.annotations.clone();
    pod.metadata.owner_references = vec![controller_ref_to(set)];
    pod.spec = template.spec.clone();
    pod.spec.hostname = name.clone();
    pod.spec.subdomain = set.spec.service_name.clone();
    for t in &set.spec.volume_claim_templates {
        let v = Volume {
            name: t.metadata.name.clone(),
            persistent_volume_claim: Some(PvcVolumeSource {
                claim_name: claim_name(&t.metadata.name, &set.metadata.name, ord),
                read_only: false,
            }),
            ..Default::default()
        };
        match pod.spec.volumes.iter_mut().find(|x| x.name == v.name) {
            Some(x) => *x = v,
            None => pod.spec.volumes.push(v),
        }
    }
    pod
}

fn retention(set: &StatefulSet) -> (bool, bool) {
    let p = set.spec.persistent_volume_claim_retention_policy.clone().unwrap_or_default();
    (p.when_deleted == "Delete", p.when_scaled == "Delete")
}

enum ClaimsResult {
    Ready,
    /// A claim the pod needs is being deleted.
    BeingDeleted(String),
}

/// Creates the missing claims of an ordinal (claims first, then the pod).
fn create_claims(c: &mut Ctx, set: &StatefulSet, ord: i32, pod: &str, why: &mut Vec<WhyItem>) -> ClaimsResult {
    let (when_deleted, _) = retention(set);
    let key = set.key();
    let mut sel_labels = set.spec.selector.as_ref().map(|s| s.match_labels.clone()).unwrap_or_default();
    for t in &set.spec.volume_claim_templates {
        let name = claim_name(&t.metadata.name, &set.metadata.name, ord);
        let ck = Key::new(&set.metadata.namespace, &name);
        match c.store.pvcs.get(&ck) {
            Some(p) if p.metadata.deletion_timestamp.is_some() => return ClaimsResult::BeingDeleted(name),
            Some(_) => {}
            None => {
                let mut pvc = PersistentVolumeClaim { metadata: t.metadata.clone(), spec: t.spec.clone(), ..Default::default() };
                pvc.metadata.name = name.clone();
                pvc.metadata.namespace = set.metadata.namespace.clone();
                let mut labels = t.metadata.labels.clone();
                labels.append(&mut sel_labels.clone());
                pvc.metadata.labels = labels;
                if when_deleted {
                    pvc.metadata.owner_references = vec![controller_ref_to(set)];
                }
                c.create_pvc(pvc);
                c.record_event("StatefulSet", &key, &set.metadata.uid, "Normal", "SuccessfulCreate", format!("create Claim {name} Pod {pod} in StatefulSet {} success", set.metadata.name), COMPONENT, "");
                why.push(WhyItem::PvcCreated { claim: name, pod: pod.to_string() });
            }
        }
    }
    sel_labels.clear();
    ClaimsResult::Ready
}

/// Before a condemned pod is deleted under `whenScaled: Delete`, its claims get an owner
/// reference to it, so they are collected after the pod is gone.
fn own_claims_by_pod(c: &mut Ctx, set: &StatefulSet, ord: i32, pod_name: &str, pod_uid: &str) {
    for t in &set.spec.volume_claim_templates {
        let ck = Key::new(&set.metadata.namespace, &claim_name(&t.metadata.name, &set.metadata.name, ord));
        let rv = c.bump_rv();
        if let Some(p) = c.store.pvcs.get_mut(&ck) {
            if !p.metadata.owner_references.iter().any(|r| r.uid == pod_uid) {
                p.metadata.owner_references.push(OwnerReference {
                    api_version: "v1".into(),
                    kind: "Pod".into(),
                    name: pod_name.to_string(),
                    uid: pod_uid.to_string(),
                    controller: None,
                    block_owner_deletion: Some(true),
                });
                p.metadata.resource_version = rv;
            }
        }
    }
}

/// The garbage collector's part for the set's claims: a claim owned by a pod that is gone
/// is deleted.
fn collect_claims(c: &mut Ctx, set: &StatefulSet) {
    let ns = set.metadata.namespace.clone();
    let mut doomed = Vec::new();
    for t in &set.spec.volume_claim_templates {
        let prefix = format!("{}-{}-", t.metadata.name, set.metadata.name);
        for (k, p) in c.store.pvcs.range(Key::new(&ns, &prefix)..) {
            if k.ns != ns || !k.name.starts_with(&prefix) {
                break;
            }
            if p.metadata.deletion_timestamp.is_some() {
                continue;
            }
            let pod_owners: Vec<&OwnerReference> = p.metadata.owner_references.iter().filter(|r| r.kind == "Pod").collect();
            if pod_owners.is_empty() {
                continue;
            }
            let gone = pod_owners.iter().all(|r| {
                let pk = Key::new(&ns, &r.name);
                c.store.pods.get(&pk).is_none_or(|pod| pod.metadata.uid != r.uid)
            });
            if gone {
                doomed.push(k.clone());
            }
        }
    }
    for k in doomed {
        c.delete_pvc(&k);
    }
}

fn pod_name(set: &StatefulSet, ord: i32) -> String {
    format!("{}-{ord}", set.metadata.name)
}

/// One sync of one StatefulSet (`updateStatefulSet`), then its status.
pub fn sync(c: &mut Ctx, key: &Key) {
    let Some(set) = c.store.statefulsets.get(key).cloned() else { return };
    let Some(template) = set.spec.template.clone() else { return };
    let (current, update) = sync_revisions(c, &set, &template);
    let uid = set.metadata.uid.clone();
    let replicas = set.spec.replicas.unwrap_or(1).max(0);
    let start = set.spec.ordinals.as_ref().map_or(0, |o| o.start.max(0));
    let end = start + replicas;
    let monotonic = set.spec.pod_management_policy != "Parallel";
    let min_ready = set.spec.min_ready_seconds;
    let now_ms = c.rt.now.millis();
    let rolling = set.spec.update_strategy.type_ == "RollingUpdate";
    let partition = set.spec.update_strategy.rolling_update.as_ref().and_then(|r| r.partition).unwrap_or(0).max(0);
    let (_, when_scaled) = retention(&set);
    let pods = owned_pods(c, &set);
    if when_scaled {
        collect_claims(c, &set);
    }
    let mut why: Vec<WhyItem> = Vec::new();
    let mut blocked = false;
    let current_template = revision_template(&current).unwrap_or_else(|| template.clone());

    // The pod of an ordinal as it is now in the store (created earlier in this sync too),
    // summarised without cloning the object.
    let probe = std::cell::RefCell::new(Key::new(&key.ns, ""));
    let get = |c: &Ctx, ord: i32| -> Option<PodInfo> {
        let mut k = probe.borrow_mut();
        k.name.clear();
        use std::fmt::Write;
        let _ = write!(k.name, "{}-{ord}", set.metadata.name);
        c.store.pods
            .get(&*k)
            .filter(|p| p.controller_ref().is_some_and(|r| r.uid == uid))
            .map(|p| PodInfo::of(c, p, &update.metadata.name, min_ready, now_ms))
    };
    let next_waiting = |ord: i32| -> String {
        if ord + 1 < end {
            pod_name(&set, ord + 1)
        } else {
            pods.iter().rev().find(|o| **o >= end || **o < start).map(|o| pod_name(&set, *o)).unwrap_or_default()
        }
    };

    // Replica pass, ascending ordinal.
    for ord in start..end {
        let name = pod_name(&set, ord);
        match get(c, ord) {
            None => {
                if let ClaimsResult::BeingDeleted(claim) = create_claims(c, &set, ord, &name, &mut why) {
                    c.record_event("StatefulSet", key, &uid, "Warning", "FailedCreate", format!("create Pod {name} in StatefulSet {} failed error: pvc {claim} is being deleted", key.name), COMPONENT, "");
                    why.push(WhyItem::WaitingForClaimDeletion { claim, pod: name.clone() });
                    if monotonic {
                        blocked = true;
                        break;
                    }
                    continue;
                }
                let (rev, tmpl) = if rolling && ord < start + partition { (&current, &current_template) } else { (&update, &template) };
                let pod = new_pod(&set, ord, rev, tmpl);
                c.create_pod(pod);
                c.record_event("StatefulSet", key, &uid, "Normal", "SuccessfulCreate", format!("create Pod {name} in StatefulSet {} successful", key.name), COMPONENT, "");
                why.push(WhyItem::PodCreated { pod: name.clone(), node: None });
                if monotonic {
                    // One creation per sync; the next waits for this pod to become Ready.
                    let next = next_waiting(ord);
                    if !next.is_empty() {
                        why.push(WhyItem::WaitingForReady { pod: name.clone(), blocked: next });
                    }
                    blocked = true;
                    break;
                }
            }
            Some(p) => {
                if p.terminal {
                    if !p.terminating && c.delete_pod(&Key::new(&key.ns, &name), None) {
                        c.record_event("StatefulSet", key, &uid, "Normal", "SuccessfulDelete", format!("delete Pod {name} in StatefulSet {} successful", key.name), COMPONENT, "");
                        why.push(WhyItem::PodDeleted { pod: name.clone(), node: None, cause: DeleteCause::Failed });
                    } else {
                        why.push(WhyItem::WaitingForDeletion { pod: name.clone() });
                    }
                    if monotonic {
                        blocked = true;
                        break;
                    }
                    continue;
                }
                if p.pending && !p.terminating && !p.claims_present {
                    let _ = create_claims(c, &set, ord, &name, &mut why);
                }
                if !monotonic {
                    continue;
                }
                if p.terminating {
                    why.push(WhyItem::WaitingForDeletion { pod: name.clone() });
                    blocked = true;
                    break;
                }
                if !p.running_ready {
                    why.push(WhyItem::WaitingForReady { pod: name.clone(), blocked: next_waiting(ord) });
                    blocked = true;
                    break;
                }
                if !p.available {
                    why.push(WhyItem::WaitingForAvailable { pod: name.clone(), min_ready_seconds: min_ready, blocked: next_waiting(ord) });
                    blocked = true;
                    break;
                }
            }
        }
    }

    // Condemned pass, descending ordinal.
    if !blocked {
        let condemned: Vec<i32> = pods.iter().rev().copied().filter(|o| *o >= end || *o < start).collect();
        let first_unhealthy: Option<i32> = (start..end)
            .find(|o| get(c, *o).is_some_and(|p| !p.healthy()))
            .or_else(|| condemned.iter().rev().copied().find(|o| get(c, *o).is_some_and(|p| !p.healthy())));
        for ord in condemned {
            let Some(p) = get(c, ord) else { continue };
            let name = pod_name(&set, ord);
            if p.terminating {
                if monotonic {
                    why.push(WhyItem::WaitingForDeletion { pod: name });
                    blocked = true;
                    break;
                }
                continue;
            }
            if monotonic && !p.healthy() && first_unhealthy != Some(ord) {
                let first = first_unhealthy.map(|o| pod_name(&set, o)).unwrap_or_default();
                why.push(WhyItem::WaitingForReady { pod: first, blocked: name });
                blocked = true;
                break;
            }
            let pk = Key::new(&key.ns, &name);
            if when_scaled {
                let pod_uid = c.store.pods.get(&pk).map(|x| x.metadata.uid.clone()).unwrap_or_default();
                own_claims_by_pod(c, &set, ord, &name, &pod_uid);
            }
            if c.delete_pod(&pk, None) {
                c.record_event("StatefulSet", key, &uid, "Normal", "SuccessfulDelete", format!("delete Pod {name} in StatefulSet {} successful", key.name), COMPONENT, "");
                why.push(WhyItem::PodDeleted { pod: name, node: None, cause: DeleteCause::ScaledDown });
            }
            if monotonic {
                blocked = true;
                break;
            }
        }
    }

    // RollingUpdate: from the highest ordinal down to the partition, one pod at a time.
    if !blocked && rolling {
        for ord in (start + partition..end).rev() {
            let Some(p) = get(c, ord) else { break };
            let name = pod_name(&set, ord);
            if !p.updated && !p.terminating {
                if c.delete_pod(&Key::new(&key.ns, &name), None) {
                    c.record_event("StatefulSet", key, &uid, "Normal", "SuccessfulDelete", format!("delete Pod {name} in StatefulSet {} successful", key.name), COMPONENT, "");
                    why.push(WhyItem::PodDeleted { pod: name, node: None, cause: DeleteCause::Outdated });
                }
                break;
            }
            if !p.healthy() {
                why.push(WhyItem::WaitingForUpdate { pod: name });
                break;
            }
        }
        if partition > 0 && why.is_empty() {
            why.push(WhyItem::Partitioned { partition, below: pod_name(&set, start + partition) });
        }
    }

    // Status (computeReplicaStatus + completeRollingUpdate).
    let mut status = StatefulSetStatus {
        observed_generation: set.metadata.generation.unwrap_or(1),
        collision_count: set.status.collision_count,
        current_revision: current.metadata.name.clone(),
        update_revision: update.metadata.name.clone(),
        ..Default::default()
    };
    let mut live_revisions = vec![current.metadata.name.clone(), update.metadata.name.clone()];
    let mut recheck: Option<u64> = None;
    let prefix = format!("{}-", key.name);
    for (k, p) in c.store.pods.range(Key::new(&key.ns, &prefix)..) {
        if k.ns != key.ns || !k.name.starts_with(&prefix) {
            break;
        }
        if parse_ordinal(&key.name, &k.name).is_none() || p.controller_ref().is_none_or(|r| r.uid != uid) {
            continue;
        }
        if p.status.phase.is_empty() {
            continue;
        }
        status.replicas += 1;
        if is_running_and_ready(p) {
            status.ready_replicas += 1;
            if is_available(p, min_ready, now_ms) {
                status.available_replicas += 1;
            } else if let Some(t) = ready_since_ms(p) {
                let due = t + (min_ready as u64) * 1000 + 1;
                recheck = Some(recheck.map_or(due, |r: u64| r.min(due)));
            }
        }
        let rev = p.metadata.labels.get(REVISION_LABEL).cloned().unwrap_or_default();
        if !is_terminating(p) {
            if rev == status.current_revision {
                status.current_replicas += 1;
            }
            if rev == status.update_revision {
                status.updated_replicas += 1;
            }
        }
        if !live_revisions.contains(&rev) {
            live_revisions.push(rev);
        }
    }
    if rolling && status.updated_replicas == status.replicas && status.ready_replicas == status.replicas {
        status.current_replicas = status.updated_replicas;
        status.current_revision = status.update_revision.clone();
        live_revisions[0] = status.current_revision.clone();
    }
    truncate_history(c, &set, &live_revisions);
    let rv = c.bump_rv();
    if let Some(s) = c.store.statefulsets.get_mut(key) {
        if s.status != status {
            s.status = status;
            s.metadata.resource_version = rv;
        }
    }
    c.rec.why.insert(("StatefulSet".into(), key.clone()), WhyRecord { at_ms: now_ms, items: why });
    if let Some(due) = recheck {
        c.resync_later(Work::SyncStatefulSet(key.clone()), Dur::ms(due.saturating_sub(now_ms).max(1)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_parse_only_for_this_set() {
        assert_eq!(parse_ordinal("web", "web-0"), Some(0));
        assert_eq!(parse_ordinal("web", "web-12"), Some(12));
        assert_eq!(parse_ordinal("web", "web-1-0"), None);
        assert_eq!(parse_ordinal("web-1", "web-1-0"), Some(0));
        assert_eq!(parse_ordinal("web", "webx-0"), None);
        assert_eq!(parse_ordinal("web", "web-"), None);
        assert_eq!(parse_ordinal("web", "web-a"), None);
    }

    #[test]
    fn revision_names_are_stable_and_shaped_like_hashes() {
        let mut t = PodTemplateSpec::default();
        t.metadata.labels.insert("app".into(), "nginx".into());
        let a = revision_name("web", &t, 0);
        assert_eq!(a, revision_name("web", &t, 0));
        let hash = a.strip_prefix("web-").unwrap();
        assert!(hash.chars().all(|c| "456789bcdf".contains(c)), "{a}");
        t.spec.containers.push(Container { name: "nginx".into(), image: "nginx:1".into(), ..Default::default() });
        assert_ne!(a, revision_name("web", &t, 0));
        assert_ne!(revision_name("web", &t, 0), revision_name("web", &t, 1));
    }

    #[test]
    fn fnv1_differs_from_fnv1a() {
        assert_eq!(fnv32(b""), 0x811c_9dc5);
        assert_eq!(fnv32(b"a"), 0x050c_5d7e);
    }
}
