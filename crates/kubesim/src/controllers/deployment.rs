//! The Deployment controller (`pkg/controller/deployment`): one ReplicaSet per pod template,
//! named `<deploy>-<pod-template-hash>`, scaled up and down by the rollout strategy.
//!
//! RollingUpdate follows `rolling.go`: scale the new ReplicaSet up within `maxSurge`, or (in
//! a later sync) scale old ones down while at least `replicas − maxUnavailable` pods stay
//! available. Recreate scales the old ReplicaSets to zero and waits for their pods to be gone.

use crate::api::meta::set_condition;
use crate::state::Ctx;
use crate::controllers::common::template_hash;
use crate::api::model::*;
use crate::controllers::common::owned_pods;
use crate::api::meta::{controller_ref_to, Key, Object};
use crate::runtime::why::{WhyItem, WhyRecord};

pub const REVISION: &str = "deployment.kubernetes.io/revision";
pub const DESIRED_REPLICAS: &str = "deployment.kubernetes.io/desired-replicas";
pub const MAX_REPLICAS: &str = "deployment.kubernetes.io/max-replicas";
pub const POD_TEMPLATE_HASH: &str = "pod-template-hash";

/// `ResolveFenceposts`: (maxSurge rounded up, maxUnavailable rounded down); both zero → 1
/// unavailable.
pub fn fenceposts(d: &Deployment) -> (i32, i32) {
    let replicas = d.spec.replicas.unwrap_or(1) as i64;
    if d.spec.strategy.type_ != "RollingUpdate" {
        return (0, 0);
    }
    let ru = d.spec.strategy.rolling_update.clone().unwrap_or_default();
    let surge = ru.max_surge.as_ref().and_then(|v| v.scaled(replicas, true)).unwrap_or(0) as i32;
    let unavailable = ru.max_unavailable.as_ref().and_then(|v| v.scaled(replicas, false)).unwrap_or(0) as i32;
    if surge == 0 && unavailable == 0 {
        return (0, 1);
    }
    (surge, unavailable.min(replicas as i32))
}

fn revision_of(rs: &ReplicaSet) -> i64 {
    rs.metadata.annotations.get(REVISION).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// The template without the `pod-template-hash` label (`EqualIgnoreHash`).
fn strip_hash(t: &PodTemplateSpec) -> PodTemplateSpec {
    let mut t = t.clone();
    t.metadata.labels.remove(POD_TEMPLATE_HASH);
    t
}

/// Takes over ReplicaSets without a controller whose labels the selector matches.
fn claim_replicasets(c: &mut Ctx, d: &Deployment, why: &mut Vec<WhyItem>) {
    let Some(sel) = d.spec.selector.clone().filter(|s| !s.is_empty()) else { return };
    if d.metadata.deletion_timestamp.is_some() {
        return;
    }
    let ns = &d.metadata.namespace;
    let orphans: Vec<Key> = c
        .store.replicasets
        .values()
        .filter(|r| &r.metadata.namespace == ns && r.controller_ref().is_none() && r.metadata.deletion_timestamp.is_none())
        .filter(|r| sel.matches(&r.metadata.labels))
        .map(|r| r.key())
        .collect();
    let oref = controller_ref_to(d);
    for k in orphans {
        let rv = c.bump_rv();
        if let Some(r) = c.store.replicasets.get_mut(&k) {
            r.metadata.owner_references.push(oref.clone());
            r.metadata.resource_version = rv;
            why.push(WhyItem::Adopted { kind: "ReplicaSet".into(), name: k.name.clone() });
        }
        c.enqueue(crate::runtime::queue::Work::SyncReplicaSet(k));
    }
}

/// Sets a ReplicaSet's replicas (and the Deployment's bookkeeping annotations on it), with
/// the `ScalingReplicaSet` event.
fn scale(c: &mut Ctx, d: &Deployment, rs_key: &Key, to: i32, why: &mut Vec<WhyItem>) {
    let (surge, _) = fenceposts(d);
    let want = d.spec.replicas.unwrap_or(1);
    let rv = c.bump_rv();
    let Some(rs) = c.store.replicasets.get_mut(rs_key) else { return };
    let from = rs.spec.replicas.unwrap_or(0);
    rs.spec.replicas = Some(to);
    rs.metadata.annotations.insert(DESIRED_REPLICAS.into(), want.to_string());
    rs.metadata.annotations.insert(MAX_REPLICAS.into(), (want + surge).to_string());
    rs.metadata.resource_version = rv;
    if from != to {
        rs.metadata.generation = Some(rs.metadata.generation.unwrap_or(1) + 1);
        let dir = if to > from { "up" } else { "down" };
        let key = d.key();
        c.record_event(
            "Deployment",
            &key,
            &d.metadata.uid,
            "Normal",
            "ScalingReplicaSet",
            format!("Scaled {dir} replica set {} from {from} to {to}", rs_key.name),
            "deployment-controller",
            "",
        );
        why.push(WhyItem::ReplicaSetScaled { replica_set: rs_key.name.clone(), from, to });
    }
    c.enqueue(crate::runtime::queue::Work::SyncReplicaSet(rs_key.clone()));
}

/// One sync of one Deployment.
pub fn sync(c: &mut Ctx, key: &Key) {
    let Some(d) = c.store.deployments.get(key).cloned() else { return };
    let Some(template) = d.spec.template.clone() else { return };
    let mut why = Vec::new();
    claim_replicasets(c, &d, &mut why);
    let rss = owned_replicasets(c, &d);
    if d.metadata.deletion_timestamp.is_some() {
        why.push(WhyItem::OwnerBeingDeleted);
        write_status(c, &d, &rss, None, why);
        return;
    }
    let want = d.spec.replicas.unwrap_or(1);
    if d.spec.paused {
        // A paused Deployment rolls nothing out: a changed template waits for `rollout
        // resume`; only the replica count follows spec.replicas, on its one active ReplicaSet.
        let active: Vec<&ReplicaSet> = rss.iter().filter(|r| r.spec.replicas.unwrap_or(0) > 0).collect();
        if let [only] = active.as_slice() {
            if only.spec.replicas.unwrap_or(0) != want {
                let k = only.key();
                scale(c, &d, &k, want, &mut why);
            }
        }
        why.push(WhyItem::RolloutPaused);
        let current = rss.iter().find(|r| r.spec.template.as_ref().map(strip_hash).as_ref() == Some(&template)).map(|r| r.key());
        let rss = owned_replicasets(c, &d);
        write_status(c, &d, &rss, current, why);
        return;
    }
    let hash = template_hash(&template);
    let new_rs = rss.iter().find(|r| r.spec.template.as_ref().map(strip_hash).as_ref() == Some(&template)).cloned();
    let olds: Vec<ReplicaSet> = rss.iter().filter(|r| Some(&r.metadata.uid) != new_rs.as_ref().map(|n| &n.metadata.uid)).cloned().collect();
    let max_old_revision = olds.iter().map(revision_of).max().unwrap_or(0);
    let recreate = d.spec.strategy.type_ == "Recreate";

    // Recreate: old ReplicaSets to zero first, and no new pods while old ones exist.
    if recreate {
        let mut scaled = false;
        for o in &olds {
            if o.spec.replicas.unwrap_or(0) != 0 {
                scale(c, &d, &o.key(), 0, &mut why);
                scaled = true;
            }
        }
        let old_pods: i32 = olds
            .iter()
            .map(|o| owned_pods(c, &key.ns, &o.metadata.uid).iter().filter(|k| !is_finished(&c.store.pods[*k])).count() as i32)
            .sum();
        if scaled || old_pods > 0 {
            why.push(WhyItem::WaitingForOldPods { count: old_pods });
            let rss = owned_replicasets(c, &d);
            write_status(c, &d, &rss, new_rs.as_ref().map(|r| r.key()), why);
            return;
        }
    }

    let (surge, max_unavailable) = fenceposts(&d);
    // The new ReplicaSet: created when missing, its revision raised above every old one.
    let new_key = match &new_rs {
        Some(n) => {
            if revision_of(n) <= max_old_revision {
                let rv = c.bump_rv();
                if let Some(r) = c.store.replicasets.get_mut(&n.key()) {
                    r.metadata.annotations.insert(REVISION.into(), (max_old_revision + 1).to_string());
                    r.metadata.resource_version = rv;
                }
            }
            n.key()
        }
        None => {
            let current: i32 = olds.iter().map(|r| r.spec.replicas.unwrap_or(0)).sum();
            let replicas = if recreate { want } else { new_rs_replicas(want, surge, current, 0) };
            let mut rs = ReplicaSet { api_version: "apps/v1".into(), kind: "ReplicaSet".into(), ..Default::default() };
            rs.metadata.name = format!("{}-{}", key.name, hash);
            rs.metadata.namespace = key.ns.clone();
            rs.metadata.labels = template.metadata.labels.clone();
            rs.metadata.labels.insert(POD_TEMPLATE_HASH.into(), hash.clone());
            let mut t = template.clone();
            t.metadata.labels.insert(POD_TEMPLATE_HASH.into(), hash.clone());
            let mut sel = d.spec.selector.clone().unwrap_or_default();
            sel.match_labels.insert(POD_TEMPLATE_HASH.into(), hash.clone());
            rs.spec = ReplicaSetSpec { replicas: Some(0), selector: Some(sel), template: Some(t), min_ready_seconds: d.spec.min_ready_seconds };
            rs.metadata.annotations.insert(DESIRED_REPLICAS.into(), want.to_string());
            rs.metadata.annotations.insert(MAX_REPLICAS.into(), (want + surge).to_string());
            rs.metadata.annotations.insert(REVISION.into(), (max_old_revision + 1).to_string());
            rs.metadata.owner_references = vec![controller_ref_to(&d)];
            rs.metadata.generation = Some(1);
            c.stamp_new(&mut rs);
            let k = rs.key();
            c.put_replicaset(rs);
            if replicas > 0 {
                scale(c, &d, &k, replicas, &mut why);
            }
            let rss = owned_replicasets(c, &d);
            write_status(c, &d, &rss, Some(k.clone()), why);
            // Progressing: a new ReplicaSet was created.
            set_progressing(c, key, "NewReplicaSetCreated", format!("Created new replica set \"{}\"", k.name));
            return;
        }
    };
    let new = new_rs.expect("set above");
    let new_replicas = new.spec.replicas.unwrap_or(0);

    if recreate {
        if new_replicas != want {
            scale(c, &d, &new_key, want, &mut why);
        }
    } else {
        // reconcileNewReplicaSet
        let all: i32 = rss.iter().map(|r| r.spec.replicas.unwrap_or(0)).sum();
        let target = if new_replicas > want { want } else { new_rs_replicas(want, surge, all, new_replicas) };
        if target != new_replicas {
            scale(c, &d, &new_key, target, &mut why);
        } else {
            reconcile_old(c, &d, &olds, &new, all, max_unavailable, &mut why);
        }
        if why.iter().all(|w| !matches!(w, WhyItem::ReplicaSetScaled { .. })) && olds.iter().any(|o| o.spec.replicas.unwrap_or(0) > 0) {
            let available: i32 = rss.iter().map(|r| r.status.available_replicas).sum();
            why.push(WhyItem::RolloutBudgetUsed { max_surge: surge, max_unavailable, total: all, available });
        }
    }
    let rss = owned_replicasets(c, &d);
    let complete = write_status(c, &d, &rss, Some(new_key.clone()), why);
    if complete {
        cleanup(c, &d, &rss, &new_key);
        set_progressing(c, key, "NewReplicaSetAvailable", format!("ReplicaSet \"{}\" has successfully progressed.", new_key.name));
    } else if rss.iter().any(|r| r.key() != new_key && r.spec.replicas.unwrap_or(0) > 0) || new.status.available_replicas < want {
        set_progressing(c, key, "ReplicaSetUpdated", format!("ReplicaSet \"{}\" is progressing.", new_key.name));
    }
}

fn is_finished(p: &Pod) -> bool {
    p.status.phase == "Succeeded" || p.status.phase == "Failed"
}

/// `NewRSNewReplicas` for RollingUpdate: grow towards `want` without exceeding
/// `want + maxSurge` pods over all ReplicaSets.
fn new_rs_replicas(want: i32, surge: i32, current_total: i32, new_replicas: i32) -> i32 {
    let max_total = want + surge;
    if current_total >= max_total {
        return new_replicas;
    }
    let up = (max_total - current_total).min(want - new_replicas).max(0);
    new_replicas + up
}

/// `reconcileOldReplicaSets`: scale old ReplicaSets down while enough pods stay available.
fn reconcile_old(c: &mut Ctx, d: &Deployment, olds: &[ReplicaSet], new: &ReplicaSet, all: i32, max_unavailable: i32, why: &mut Vec<WhyItem>) {
    let old_total: i32 = olds.iter().map(|r| r.spec.replicas.unwrap_or(0)).sum();
    if old_total == 0 {
        return;
    }
    let want = d.spec.replicas.unwrap_or(1);
    let min_available = want - max_unavailable;
    let new_unavailable = new.spec.replicas.unwrap_or(0) - new.status.available_replicas;
    let mut max_scaled_down = all - min_available - new_unavailable;
    if max_scaled_down <= 0 {
        return;
    }
    // cleanupUnhealthyReplicas: unavailable old pods go first.
    let mut olds: Vec<ReplicaSet> = olds.to_vec();
    let mut cleaned = 0;
    for o in olds.iter_mut() {
        if cleaned >= max_scaled_down {
            break;
        }
        let r = o.spec.replicas.unwrap_or(0);
        let unhealthy = r - o.status.available_replicas;
        if r == 0 || unhealthy <= 0 {
            continue;
        }
        let down = (max_scaled_down - cleaned).min(unhealthy);
        scale(c, d, &o.key(), r - down, why);
        o.spec.replicas = Some(r - down);
        cleaned += down;
    }
    max_scaled_down -= cleaned;
    let _ = max_scaled_down;
    // scaleDownOldReplicaSetsForRollingUpdate
    let available: i32 = olds.iter().map(|r| r.status.available_replicas).sum::<i32>() + new.status.available_replicas;
    if available <= min_available {
        return;
    }
    let total_down = available - min_available;
    let mut done = 0;
    for o in &olds {
        if done >= total_down {
            break;
        }
        let r = o.spec.replicas.unwrap_or(0);
        if r == 0 {
            continue;
        }
        let down = r.min(total_down - done);
        scale(c, d, &o.key(), r - down, why);
        done += down;
    }
}

/// The ReplicaSets the Deployment owns now, oldest first.
fn owned_replicasets(c: &Ctx, d: &Deployment) -> Vec<ReplicaSet> {
    let mut rss: Vec<ReplicaSet> = c
        .store.replicasets
        .values()
        .filter(|r| r.metadata.namespace == d.metadata.namespace && r.controller_ref().is_some_and(|x| x.uid == d.metadata.uid))
        .cloned()
        .collect();
    // `ReplicaSetsByCreationTimestamp`: creation time, then name.
    crate::runtime::sort::by(&mut rss, |a, b| (Ctx::created_at(&a.metadata), &a.metadata.name).cmp(&(Ctx::created_at(&b.metadata), &b.metadata.name)));
    rss
}

/// Old ReplicaSets beyond `revisionHistoryLimit` that have no pods left are deleted.
fn cleanup(c: &mut Ctx, d: &Deployment, rss: &[ReplicaSet], new_key: &Key) {
    let limit = d.spec.revision_history_limit.unwrap_or(10).max(0) as usize;
    let mut idle: Vec<&ReplicaSet> = rss
        .iter()
        .filter(|r| &r.key() != new_key && r.spec.replicas.unwrap_or(0) == 0 && r.status.replicas == 0 && r.metadata.deletion_timestamp.is_none())
        .collect();
    if idle.len() <= limit {
        return;
    }
    crate::runtime::sort::by_key(&mut idle, |r| revision_of(r));
    let n = idle.len() - limit;
    let keys: Vec<Key> = idle.into_iter().take(n).map(|r| r.key()).collect();
    for k in keys {
        c.remove_replicaset_object(&k);
    }
}

fn set_progressing(c: &mut Ctx, key: &Key, reason: &str, message: String) {
    let now = c.rt.now.rfc3339();
    let Some(d) = c.store.deployments.get_mut(key) else { return };
    let conds = &mut d.status.conditions;
    set_condition(conds, "Progressing", "True", &now);
    if let Some(cd) = conds.iter_mut().find(|x| x.type_ == "Progressing") {
        cd.reason = reason.into();
        cd.message = message;
    }
}

/// Writes the status summed over the ReplicaSets; true when the rollout is complete.
fn write_status(c: &mut Ctx, d: &Deployment, rss: &[ReplicaSet], new_key: Option<Key>, why: Vec<WhyItem>) -> bool {
    let key = d.key();
    let want = d.spec.replicas.unwrap_or(1);
    let (_, max_unavailable) = fenceposts(d);
    let mut status = DeploymentStatus { observed_generation: d.metadata.generation.unwrap_or(1), ..Default::default() };
    for r in rss {
        status.replicas += r.status.replicas;
        status.ready_replicas += r.status.ready_replicas;
        status.available_replicas += r.status.available_replicas;
        if Some(r.key()) == new_key {
            status.updated_replicas = r.status.replicas;
        }
    }
    status.unavailable_replicas = (want - status.available_replicas).max(0);
    let now = c.rt.now.rfc3339();
    let new_rev = new_key.as_ref().and_then(|k| c.store.replicasets.get(k)).map(revision_of);
    let rv = c.bump_rv();
    let Some(stored) = c.store.deployments.get_mut(&key) else { return false };
    status.conditions = stored.status.conditions.clone();
    let (avail, reason, msg) = if status.available_replicas >= want - max_unavailable {
        ("True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
    } else {
        ("False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.")
    };
    set_condition(&mut status.conditions, "Available", avail, &now);
    if let Some(cd) = status.conditions.iter_mut().find(|x| x.type_ == "Available") {
        cd.reason = reason.into();
        cd.message = msg.into();
    }
    // Conditions in the order the API shows them: Available, then Progressing.
    crate::runtime::sort::by_key(&mut status.conditions, |x| x.type_ != "Available");
    if stored.status != status {
        stored.status = status.clone();
        stored.metadata.resource_version = rv;
    }
    if let Some(rev) = new_rev {
        stored.metadata.annotations.insert(REVISION.into(), rev.to_string());
    }
    c.rec.why.insert(("Deployment".into(), key), WhyRecord { at_ms: c.rt.now.millis(), items: why });
    status.updated_replicas == want && status.available_replicas == want && status.replicas == want
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deploy(replicas: i32, surge: IntOrString, unavailable: IntOrString) -> Deployment {
        let mut d = Deployment::default();
        d.spec.replicas = Some(replicas);
        d.spec.strategy = DeploymentStrategy {
            type_: "RollingUpdate".into(),
            rolling_update: Some(RollingUpdateDeployment { max_surge: Some(surge), max_unavailable: Some(unavailable) }),
        };
        d
    }

    #[test]
    fn fenceposts_round_surge_up_and_unavailable_down() {
        let pct = |s: &str| IntOrString::Str(s.into());
        assert_eq!(fenceposts(&deploy(3, pct("25%"), pct("25%"))), (1, 0));
        assert_eq!(fenceposts(&deploy(4, pct("25%"), pct("25%"))), (1, 1));
        assert_eq!(fenceposts(&deploy(10, pct("25%"), pct("25%"))), (3, 2));
        // Both zero: one pod may be unavailable so the rollout can move.
        assert_eq!(fenceposts(&deploy(1, IntOrString::Int(0), IntOrString::Int(0))), (0, 1));
    }

    #[test]
    fn new_replicaset_grows_within_surge() {
        assert_eq!(new_rs_replicas(3, 1, 3, 0), 1);
        assert_eq!(new_rs_replicas(3, 1, 4, 1), 1);
        assert_eq!(new_rs_replicas(3, 1, 0, 0), 3);
        assert_eq!(new_rs_replicas(3, 1, 2, 1), 3);
    }
}
