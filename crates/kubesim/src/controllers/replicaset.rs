//! The ReplicaSet controller (`pkg/controller/replicaset`): keep `spec.replicas` active pods.
//!
//! Pods are `<rs>-<5 random chars>`. Terminating and finished pods are not active, so a
//! deleted pod is replaced at once while it is still shutting down. On scale-down the
//! victims are ranked as `controller.ActivePodsWithRanks` does (unscheduled, pending, not
//! ready, deletion cost, doubled-up, ready for less time, more restarts, newer go first).

use crate::controllers::common::{claim_pods, owned_pods};
use crate::runtime::queue::Work;
use crate::state::Ctx;
use crate::api::model::*;
use crate::api::meta::{controller_ref_to, Key, Object};
use crate::runtime::time::{Dur, Time};
use crate::runtime::why::{DeleteCause, WhyItem, WhyRecord};
use std::cmp::Ordering;
use std::collections::BTreeMap;

pub const POD_DELETION_COST: &str = "controller.kubernetes.io/pod-deletion-cost";

/// Phase `Running` and condition `Ready=True`.
pub fn pod_ready(p: &Pod) -> bool {
    p.status.phase == "Running" && ready_condition(p)
}

fn ready_condition(p: &Pod) -> bool {
    p.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True")
}

/// When the pod last turned Ready, if it is ready.
pub fn ready_since(p: &Pod) -> Option<Time> {
    p.status
        .conditions
        .iter()
        .find(|c| c.type_ == "Ready" && c.status == "True")
        .and_then(|c| c.last_transition_time.as_deref())
        .and_then(crate::runtime::time::parse_rfc3339)
}

/// Ready for at least `min_ready` seconds.
pub fn pod_available(p: &Pod, min_ready: i32, now: Time) -> bool {
    if !pod_ready(p) {
        return false;
    }
    if min_ready <= 0 {
        return true;
    }
    let since = ready_since(p).unwrap_or(now);
    now.since(since).as_secs() >= min_ready as u64
}

/// `FilterActivePods`: not finished and not being deleted.
pub fn is_active(p: &Pod) -> bool {
    p.status.phase != "Succeeded" && p.status.phase != "Failed" && p.metadata.deletion_timestamp.is_none()
}

fn phase_ordinal(p: &Pod) -> u8 {
    match p.status.phase.as_str() {
        "Pending" | "" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 3,
    }
}

fn deletion_cost(p: &Pod) -> i64 {
    p.metadata.annotations.get(POD_DELETION_COST).and_then(|v| v.parse().ok()).unwrap_or(0)
}

fn max_restarts(p: &Pod) -> i32 {
    p.status.container_statuses.iter().map(|c| c.restart_count).max().unwrap_or(0)
}

/// `logarithmicRankDiff`: compares how long ago two instants were on a log2 scale (in
/// nanoseconds), so pods of about the same age are treated alike.
fn log_rank(t: Time, now: Time) -> i64 {
    let d = now.since(t).0 as f64 * 1_000_000.0;
    if d > 0.0 {
        d.log2().floor() as i64
    } else {
        -1
    }
}

/// `ActivePodsWithRanks.Less`: true if `a` should be deleted before `b`.
fn delete_first(a: &Pod, ra: usize, b: &Pod, rb: usize, now: Time) -> Ordering {
    let (na, nb) = (a.spec.node_name.is_empty(), b.spec.node_name.is_empty());
    if a.spec.node_name != b.spec.node_name && (na || nb) {
        return if na { Ordering::Less } else { Ordering::Greater };
    }
    if phase_ordinal(a) != phase_ordinal(b) {
        return phase_ordinal(a).cmp(&phase_ordinal(b));
    }
    if ready_condition(a) != ready_condition(b) {
        return if !ready_condition(a) { Ordering::Less } else { Ordering::Greater };
    }
    if deletion_cost(a) != deletion_cost(b) {
        return deletion_cost(a).cmp(&deletion_cost(b));
    }
    if ra != rb {
        return rb.cmp(&ra);
    }
    let uid_order = a.metadata.uid.cmp(&b.metadata.uid);
    if ready_condition(a) && ready_condition(b) {
        if let (Some(ta), Some(tb)) = (ready_since(a), ready_since(b)) {
            if ta != tb {
                // Ready for less time goes first.
                let diff = log_rank(tb, now) - log_rank(ta, now);
                return if diff == 0 { uid_order } else if diff > 0 { Ordering::Less } else { Ordering::Greater };
            }
        }
    }
    if max_restarts(a) != max_restarts(b) {
        return max_restarts(b).cmp(&max_restarts(a));
    }
    let (ca, cb) = (Ctx::created_at(&a.metadata), Ctx::created_at(&b.metadata));
    if ca != cb {
        let diff = log_rank(cb, now) - log_rank(ca, now);
        return if diff == 0 { uid_order } else if diff > 0 { Ordering::Less } else { Ordering::Greater };
    }
    Ordering::Equal
}

/// The `n` pods to delete first. `related` are the active pods of this ReplicaSet and its
/// siblings (same owner): a pod sharing its node with more of them ranks as doubled up.
pub(crate) fn pods_to_delete(c: &Ctx, candidates: &[Key], related: &[Key], n: usize) -> Vec<Key> {
    let mut per_node: BTreeMap<&str, usize> = BTreeMap::new();
    for k in related {
        if let Some(p) = c.store.pods.get(k) {
            *per_node.entry(p.spec.node_name.as_str()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&Pod, usize)> = candidates
        .iter()
        .filter_map(|k| c.store.pods.get(k))
        .map(|p| (p, if p.spec.node_name.is_empty() { 0 } else { per_node.get(p.spec.node_name.as_str()).copied().unwrap_or(0) }))
        .collect();
    crate::runtime::sort::by(&mut ranked, |(a, ra), (b, rb)| delete_first(a, *ra, b, *rb, c.rt.now).then_with(|| a.metadata.name.cmp(&b.metadata.name)));
    ranked.into_iter().take(n).map(|(p, _)| p.key()).collect()
}

/// One sync of one ReplicaSet: claim pods, create or delete the difference, write status.
pub fn sync(c: &mut Ctx, key: &Key) {
    let Some(rs) = c.store.replicasets.get(key).cloned() else { return };
    let Some(template) = rs.spec.template.clone() else { return };
    let selector = rs.spec.selector.clone().unwrap_or_default();
    let uid = rs.metadata.uid.clone();
    let deleting = rs.metadata.deletion_timestamp.is_some();
    let mut why = claim_pods(c, &rs, &selector);
    let owned = owned_pods(c, &key.ns, &uid);
    let active: Vec<Key> = owned.iter().filter(|k| is_active(&c.store.pods[*k])).cloned().collect();
    let want = rs.spec.replicas.unwrap_or(1).max(0) as usize;
    if deleting {
        why.push(WhyItem::OwnerBeingDeleted);
    } else if active.len() < want {
        for _ in active.len()..want {
            let mut pod = Pod::default();
            pod.metadata.generate_name = format!("{}-", key.name);
            pod.metadata.namespace = key.ns.clone();
            pod.metadata.labels = template.metadata.labels.clone();
            pod.metadata.annotations = template.metadata.annotations.clone();
            pod.metadata.owner_references = vec![controller_ref_to(&rs)];
            pod.spec = template.spec.clone();
            let pk = c.create_pod(pod);
            c.record_event("ReplicaSet", key, &uid, "Normal", "SuccessfulCreate", format!("Created pod: {}", pk.name), "replicaset-controller", "");
            why.push(WhyItem::PodCreated { pod: pk.name.clone(), node: None });
        }
    } else if active.len() > want {
        // Related pods: the active pods of every ReplicaSet with the same controller.
        let owner_uid = rs.controller_ref().map(|r| r.uid.clone());
        let mut related = active.clone();
        if let Some(ou) = owner_uid {
            let siblings: Vec<String> = c
                .store.replicasets
                .values()
                .filter(|r| r.metadata.namespace == key.ns && r.metadata.uid != uid && r.controller_ref().is_some_and(|x| x.uid == ou))
                .map(|r| r.metadata.uid.clone())
                .collect();
            for s in siblings {
                related.extend(owned_pods(c, &key.ns, &s).into_iter().filter(|k| is_active(&c.store.pods[k])));
            }
        }
        for k in pods_to_delete(c, &active, &related, active.len() - want) {
            let node = c.store.pods.get(&k).map(|p| p.spec.node_name.clone()).filter(|n| !n.is_empty());
            if c.delete_pod(&k, None) {
                c.record_event("ReplicaSet", key, &uid, "Normal", "SuccessfulDelete", format!("Deleted pod: {}", k.name), "replicaset-controller", "");
                why.push(WhyItem::PodDeleted { pod: k.name.clone(), node, cause: DeleteCause::ScaleDown });
            }
        }
    }

    // Status over the pods as they are after this sync's writes.
    let mut status = ReplicaSetStatus { observed_generation: rs.metadata.generation.unwrap_or(1), ..Default::default() };
    let mut recheck = false;
    for k in owned_pods(c, &key.ns, &uid) {
        let p = &c.store.pods[&k];
        if !is_active(p) {
            continue;
        }
        status.replicas += 1;
        if template.metadata.labels.iter().all(|(k, v)| p.metadata.labels.get(k) == Some(v)) {
            status.fully_labeled_replicas += 1;
        }
        if pod_ready(p) {
            status.ready_replicas += 1;
            if pod_available(p, rs.spec.min_ready_seconds, c.rt.now) {
                status.available_replicas += 1;
            } else {
                recheck = true;
            }
        }
    }
    let rv = c.bump_rv();
    let mut changed = false;
    if let Some(r) = c.store.replicasets.get_mut(key) {
        if r.status != status {
            r.status = status;
            r.metadata.resource_version = rv;
            changed = true;
        }
    }
    c.rec.why.insert(("ReplicaSet".into(), key.clone()), WhyRecord { at_ms: c.rt.now.millis(), items: why });
    if changed {
        if let Some(owner) = rs.controller_ref() {
            c.owner_changed(&owner.kind, &Key::new(&key.ns, &owner.name));
        }
    }
    if recheck {
        c.resync_later(Work::SyncReplicaSet(key.clone()), Dur::secs(rs.spec.min_ready_seconds as u64 + 1));
    }
}
