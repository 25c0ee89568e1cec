//! What several controllers share (none imports another): pods a controller owns or may
//! adopt, ControllerRevision history, template hashes, the scheduling predicates that the
//! scheduler and the DaemonSet controller both ask, a pod's claims, and which set a claim
//! belongs to.

use crate::api::meta::{controller_ref_to, Key, Object};
use crate::api::model::*;
use crate::runtime::queue::Work;
use crate::runtime::rand::{fnv32a, safe_encode_hash};
use crate::runtime::why::WhyItem;
use crate::state::Ctx;

pub const REVISION_LABEL: &str = "controller-revision-hash";

/// The ordinal of a pod of this set: the name must be `<set>-<digits>` (`(.*)-([0-9]+)$`).
pub fn parse_ordinal(set: &str, pod: &str) -> Option<i32> {
    let rest = pod.strip_prefix(set)?.strip_prefix('-')?;
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    rest.parse().ok()
}

/// The data of a StatefulSet ControllerRevision: a patch that replaces `spec.template`.
pub fn revision_data(template: &PodTemplateSpec) -> serde_json::Value {
    let mut t = serde_json::to_value(template).unwrap_or_default();
    if let Some(m) = t.as_object_mut() {
        m.insert("$patch".into(), serde_json::Value::String("replace".into()));
    }
    serde_json::json!({ "spec": { "template": t } })
}

/// The ControllerRevisions `owner` controls (a range scan of the name prefix `<owner>-`,
/// filtered by controller uid), oldest revision first. Shared by StatefulSets and DaemonSets.
pub(crate) fn owned_revisions<'a, T: Object>(c: &'a Ctx, owner: &T) -> Vec<&'a ControllerRevision> {
    let m = owner.meta();
    let prefix = format!("{}-", m.name);
    let mut revs: Vec<&ControllerRevision> = c
        .store.controllerrevisions
        .range(Key::new(&m.namespace, &prefix)..)
        .take_while(|(k, _)| k.ns == m.namespace && k.name.starts_with(&prefix))
        .filter(|(_, r)| r.controller_ref().is_some_and(|o| o.uid == m.uid))
        .map(|(_, r)| r)
        .collect();
    crate::runtime::sort::by_key(&mut revs, |r| (r.revision, r.metadata.name.clone()));
    revs
}

/// Makes the revision `name` (holding `data`) the newest of `owner`'s history
/// (`history.CreateControllerRevision` plus the "rollback" case of `constructHistory` /
/// `getStatefulSetRevisions`): created with the next revision number, or, when an equal
/// older one exists because the template went back, that one gets the next number.
pub(crate) fn ensure_revision<T: Object>(
    c: &mut Ctx,
    owner: &T,
    name: &str,
    data: serde_json::Value,
    labels: Labels,
    annotations: Labels,
) -> ControllerRevision {
    let ns = owner.meta().namespace.clone();
    let (found, max) = {
        let revs = owned_revisions(c, owner);
        (revs.iter().find(|r| r.metadata.name == name).map(|r| r.revision), revs.last().map_or(0, |r| r.revision))
    };
    let k = Key::new(&ns, name);
    match found {
        Some(r) if r == max => c.store.controllerrevisions[&k].clone(),
        Some(_) => {
            let rv = c.bump_rv();
            let obj = c.store.controllerrevisions.get_mut(&k).expect("listed");
            obj.revision = max + 1;
            obj.metadata.resource_version = rv;
            obj.clone()
        }
        None => {
            let mut r = ControllerRevision {
                api_version: "apps/v1".into(),
                kind: "ControllerRevision".into(),
                data,
                revision: max + 1,
                ..Default::default()
            };
            r.metadata.name = name.to_string();
            r.metadata.namespace = ns;
            r.metadata.labels = labels;
            r.metadata.annotations = annotations;
            r.metadata.owner_references = vec![controller_ref_to(owner)];
            c.stamp_new(&mut r);
            c.store.controllerrevisions.insert(k, r.clone());
            r
        }
    }
}

/// How a controller counts its history against `revisionHistoryLimit`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum HistoryLimit {
    /// StatefulSet (`truncateHistory`): only revisions not in use count; the oldest of them
    /// beyond the limit go.
    NotLiveOnly,
    /// DaemonSet (`cleanupHistory`): every revision but the current one counts; the oldest
    /// not in use go until the count is down to the limit or none is left to delete.
    AllButCurrent,
}

/// Deletes the oldest revisions of `owner` beyond `limit`, never one in `live` nor `current`.
pub(crate) fn prune_revisions<T: Object>(c: &mut Ctx, owner: &T, limit: i32, live: &[String], mode: HistoryLimit, current: &str) {
    let revs = owned_revisions(c, owner);
    let limit = limit.max(0) as usize;
    let doomed: Vec<Key> = match mode {
        HistoryLimit::NotLiveOnly => {
            let old: Vec<Key> = revs.iter().filter(|r| !live.contains(&r.metadata.name)).map(|r| r.key()).collect();
            let excess = old.len().saturating_sub(limit);
            old.into_iter().take(excess).collect()
        }
        HistoryLimit::AllButCurrent => {
            let old: Vec<&&ControllerRevision> = revs.iter().filter(|r| r.metadata.name != current).collect();
            let excess = old.len().saturating_sub(limit);
            old.into_iter().filter(|r| !live.contains(&r.metadata.name)).take(excess).map(|r| r.key()).collect()
        }
    };
    for k in doomed {
        c.store.controllerrevisions.remove(&k);
    }
}

/// A claim changed: the set it belongs to (by name) looks again.
pub(crate) fn claim_changed(c: &mut Ctx, claim: &Key) {
    let sets: Vec<Key> = c
        .store.statefulsets
        .range(Key::new(&claim.ns, "")..)
        .take_while(|(k, _)| k.ns == claim.ns)
        .filter(|(k, s)| {
            s.spec.volume_claim_templates.iter().any(|t| {
                claim
                    .name
                    .strip_prefix(&format!("{}-", t.metadata.name))
                    .is_some_and(|rest| parse_ordinal(&k.name, rest).is_some())
            })
        })
        .map(|(k, _)| k.clone())
        .collect();
    for k in sets {
        c.enqueue(Work::SyncStatefulSet(k));
    }
}

/// Takes over pods without a controller that the selector matches, and lets go of owned pods
/// that no longer match (`ClaimPods`). Returns what changed, for the decision record.
pub(crate) fn claim_pods<T: Object>(c: &mut Ctx, owner: &T, selector: &LabelSelector) -> Vec<WhyItem> {
    let mut why = Vec::new();
    if selector.is_empty() || owner.meta().deletion_timestamp.is_some() {
        return why;
    }
    let ns = owner.meta().namespace.clone();
    let uid = owner.meta().uid.clone();
    let mut adopt = Vec::new();
    let mut release = Vec::new();
    // Orphans and the owner's own pods, from the indexes (in key order, as a full scan).
    let orphans = c
        .store.orphan_pods
        .range(Key::new(&ns, "")..)
        .take_while(|k| k.ns == ns)
        .filter_map(|k| c.store.pods.get(k));
    let own = c.pods_owned_by(&uid).map(|(_, p)| p).filter(|p| p.metadata.namespace == ns && p.controller_ref().is_some());
    for p in orphans.chain(own) {
        match p.controller_ref() {
            None if p.metadata.deletion_timestamp.is_none() && selector.matches(&p.metadata.labels) => adopt.push(p.key()),
            Some(r) if r.uid == uid && !selector.matches(&p.metadata.labels) => release.push(p.key()),
            _ => {}
        }
    }
    let oref = controller_ref_to(owner);
    for k in adopt {
        let rv = c.bump_rv();
        c.index_pod(&k, false);
        if let Some(p) = c.store.pods.get_mut(&k) {
            p.metadata.owner_references.retain(|r| r.uid != oref.uid);
            p.metadata.owner_references.push(oref.clone());
            p.metadata.resource_version = rv;
            why.push(WhyItem::Adopted { kind: "Pod".into(), name: k.name.clone() });
        }
        c.index_pod(&k, true);
    }
    for k in release {
        let rv = c.bump_rv();
        c.index_pod(&k, false);
        if let Some(p) = c.store.pods.get_mut(&k) {
            p.metadata.owner_references.retain(|r| r.uid != uid);
            p.metadata.resource_version = rv;
            why.push(WhyItem::Released { kind: "Pod".into(), name: k.name.clone() });
        }
        c.index_pod(&k, true);
    }
    why
}

/// Pods whose controller reference points at `uid`, in name order.
pub(crate) fn owned_pods(c: &Ctx, ns: &str, uid: &str) -> Vec<Key> {
    c.pods_owned_by(uid)
        .filter(|(_, p)| p.metadata.namespace == ns && p.controller_ref().is_some_and(|r| r.uid == uid))
        .map(|(k, _)| k.clone())
        .collect()
}

/// The revision hash of a template (`controller.ComputeHash`: FNV-32a of the template,
/// safe-encoded; same template → same hash).
pub fn template_hash(template: &PodTemplateSpec) -> String {
    let json = serde_json::to_string(template).unwrap_or_default();
    safe_encode_hash(fnv32a(json.as_bytes()))
}

/// The first NoSchedule/NoExecute taint not tolerated (PreferNoSchedule is ignored).
pub fn untolerated_taint<'a>(node: &'a Node, tolerations: &[Toleration]) -> Option<&'a Taint> {
    node.spec.taints.iter().find(|t| {
        (t.effect == "NoSchedule" || t.effect == "NoExecute") && !tolerations.iter().any(|tol| tol.tolerates(t))
    })
}

/// `spec.nodeSelector` and required node affinity both match.
pub fn node_affinity_matches(node: &Node, spec: &PodSpec) -> bool {
    let labels = &node.metadata.labels;
    if !spec.node_selector.iter().all(|(k, v)| labels.get(k) == Some(v)) {
        return false;
    }
    match spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|na| na.required_during_scheduling_ignored_during_execution.as_ref())
    {
        Some(sel) => sel.matches(&node.metadata.name, labels),
        None => true,
    }
}

pub use crate::api::core_v1_volumes::pod_claims;
