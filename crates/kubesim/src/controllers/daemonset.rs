//! The DaemonSet controller (`pkg/controller/daemon`): one pod per eligible node.
//!
//! Eligibility (`NodeShouldRunDaemonPod`): the template's nodeName, nodeSelector and required
//! node affinity, then the NoSchedule/NoExecute taints against the template's tolerations plus
//! the ones the controller adds. Pods are pinned with a `matchFields metadata.name` affinity and
//! bound by the scheduler; names are `<ds>-<5 random chars>`.

pub use crate::controllers::common::template_hash;
pub use crate::api::apps_v1::TEMPLATE_GENERATION_ANNOTATION;
use crate::state::Ctx;
use crate::api::model::*;
use crate::controllers::common::{ensure_revision, prune_revisions, revision_data, HistoryLimit, REVISION_LABEL};
use crate::controllers::common::{node_affinity_matches, untolerated_taint};
use crate::api::meta::{controller_ref_to, Key, Object};
use crate::runtime::why::{DeleteCause, SkipReason, WhyItem, WhyRecord};
use std::collections::BTreeMap;

/// Tolerations every daemon pod gets (`AddOrUpdateDaemonPodTolerations`), all `Exists`
/// with no tolerationSeconds.
pub fn daemon_tolerations(host_network: bool) -> Vec<Toleration> {
    let mut v = vec![
        Toleration::exists("node.kubernetes.io/not-ready", "NoExecute"),
        Toleration::exists("node.kubernetes.io/unreachable", "NoExecute"),
        Toleration::exists("node.kubernetes.io/disk-pressure", "NoSchedule"),
        Toleration::exists("node.kubernetes.io/memory-pressure", "NoSchedule"),
        Toleration::exists("node.kubernetes.io/pid-pressure", "NoSchedule"),
        Toleration::exists("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];
    if host_network {
        v.push(Toleration::exists("node.kubernetes.io/network-unavailable", "NoSchedule"));
    }
    v
}

fn with_daemon_tolerations(spec: &PodSpec) -> Vec<Toleration> {
    let mut t = spec.tolerations.clone();
    for d in daemon_tolerations(spec.host_network) {
        if !t.contains(&d) {
            t.push(d);
        }
    }
    t
}

/// `(shouldRun, shouldContinueRunning)` for a node, with the reason when it should not run.
pub fn node_should_run(node: &Node, template: &PodSpec) -> (bool, bool, Option<SkipReason>) {
    if !template.node_name.is_empty() && template.node_name != node.metadata.name {
        return (false, false, Some(SkipReason::OtherNodeName { node_name: template.node_name.clone() }));
    }
    if !node_affinity_matches(node, template) {
        let reason = if !template.node_selector.iter().all(|(k, v)| node.metadata.labels.get(k) == Some(v)) {
            SkipReason::NodeSelectorMismatch {
                selector: template.node_selector.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","),
            }
        } else {
            SkipReason::NodeAffinityMismatch
        };
        return (false, false, Some(reason));
    }
    let tolerations = with_daemon_tolerations(template);
    match untolerated_taint(node, &tolerations) {
        None => (true, true, None),
        Some(t) => {
            let no_execute = node
                .spec
                .taints
                .iter()
                .any(|t| t.effect == "NoExecute" && !tolerations.iter().any(|tol| tol.tolerates(t)));
            (false, !no_execute, Some(SkipReason::UntoleratedTaint { taint: t.to_display() }))
        }
    }
}

/// `util.AllowsSurge`: a RollingUpdate whose maxSurge resolves to more than 0 (against one
/// node, rounded up, so any positive percentage counts).
pub fn allows_surge(ds: &DaemonSet) -> bool {
    ds.spec.update_strategy.type_ == "RollingUpdate"
        && ds
            .spec
            .update_strategy
            .rolling_update
            .as_ref()
            .and_then(|r| r.max_surge.as_ref())
            .and_then(|v| v.scaled(1, true))
            .is_some_and(|v| v > 0)
}

/// The DaemonSet's revision for its current template (`constructHistory` / `snapshot`):
/// `<ds>-<hash>` with the label `controller-revision-hash=<hash>`, the DaemonSet's
/// annotations and a patch replacing `spec.template`; an equal older one is reused with
/// the next revision number.
fn sync_revision(c: &mut Ctx, ds: &DaemonSet, template: &PodTemplateSpec, hash: &str) -> ControllerRevision {
    let name = format!("{}-{hash}", ds.metadata.name);
    let mut labels = template.metadata.labels.clone();
    labels.insert(REVISION_LABEL.into(), hash.to_string());
    ensure_revision(c, ds, &name, revision_data(template), labels, ds.metadata.annotations.clone())
}

fn pod_ready(p: &Pod) -> bool {
    p.status.phase == "Running" && p.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True")
}

fn pod_available(p: &Pod, min_ready: i32, now: crate::runtime::time::Time) -> bool {
    if !pod_ready(p) {
        return false;
    }
    if min_ready <= 0 {
        return true;
    }
    let since = p
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == "Ready")
        .and_then(|c| c.last_transition_time.as_deref())
        .and_then(crate::runtime::time::parse_rfc3339)
        .unwrap_or(now);
    now.since(since).as_secs() >= min_ready as u64
}

/// The node a daemon pod is for: its nodeName, or the node its matchFields affinity names.
pub fn target_node(p: &Pod) -> Option<String> {
    if !p.spec.node_name.is_empty() {
        return Some(p.spec.node_name.clone());
    }
    let sel = p.spec.affinity.as_ref()?.node_affinity.as_ref()?.required_during_scheduling_ignored_during_execution.as_ref()?;
    sel.node_selector_terms
        .iter()
        .flat_map(|t| t.match_fields.iter())
        .find(|f| f.key == "metadata.name" && f.operator == "In")
        .and_then(|f| f.values.first().cloned())
}

/// One sync of one DaemonSet: compare desired and actual per node, create and delete pods,
/// run the rolling update, write status and the decision record.
pub fn sync(c: &mut Ctx, key: &Key) {
    let Some(ds) = c.store.daemonsets.get(key).cloned() else { return };
    let Some(template) = ds.spec.template.clone() else { return };
    // A DaemonSet being deleted (foreground) is left to the garbage collector.
    if ds.metadata.deletion_timestamp.is_some() {
        return;
    }
    let adopted = crate::controllers::common::claim_pods(c, &ds, &ds.spec.selector.clone().unwrap_or_default());
    let hash = template_hash(&template);
    let generation = ds
        .metadata
        .annotations
        .get(TEMPLATE_GENERATION_ANNOTATION)
        .cloned()
        .unwrap_or_else(|| "1".into());
    let uid = ds.metadata.uid.clone();
    let min_ready = ds.spec.min_ready_seconds;
    let revision = sync_revision(c, &ds, &template, &hash);
    let surge = allows_surge(&ds);

    // Pods this DaemonSet owns, grouped by the node they are for.
    let mut by_node: BTreeMap<String, Vec<Key>> = BTreeMap::new();
    for (_, p) in c.pods_owned_by(&uid) {
        if p.metadata.namespace == key.ns && p.controller_ref().is_some_and(|r| r.uid == uid) {
            if let Some(n) = target_node(p) {
                by_node.entry(n).or_default().push(p.key());
            }
        }
    }
    for pods in by_node.values_mut() {
        // Oldest first: scheduled first, then creation time, then name.
        crate::runtime::sort::by_key(pods, |k| {
            let p = &c.store.pods[k];
            (p.spec.node_name.is_empty(), p.metadata.creation_timestamp.clone(), p.metadata.name.clone())
        });
    }

    let mut why = adopted;
    let mut recheck = false;
    let mut to_create: Vec<String> = Vec::new();
    let mut to_delete: Vec<(Key, DeleteCause)> = Vec::new();
    let mut status = DaemonSetStatus { observed_generation: ds.metadata.generation.unwrap_or(1), ..Default::default() };
    let node_names: Vec<String> = c.store.nodes.keys().cloned().collect();
    for name in &node_names {
        let node = &c.store.nodes[name];
        let (should_run, should_continue, reason) = node_should_run(node, &template.spec);
        let pods: Vec<&Pod> = by_node.get(name).map(|v| v.iter().map(|k| &c.store.pods[k]).collect()).unwrap_or_default();
        // Terminal pods that are already being deleted do not count.
        let live: Vec<&Pod> = pods
            .iter()
            .copied()
            .filter(|p| !(is_terminal(p) && p.metadata.deletion_timestamp.is_some()))
            .collect();
        if should_run {
            status.desired_number_scheduled += 1;
        }
        if let Some(r) = reason.clone() {
            why.push(WhyItem::NodeSkipped { node: name.clone(), reason: r });
        }
        if should_continue {
            let mut running: Vec<&Pod> = Vec::new();
            for p in &live {
                if p.status.phase == "Failed" && p.metadata.deletion_timestamp.is_none() {
                    to_delete.push((p.key(), DeleteCause::Failed));
                } else if p.metadata.deletion_timestamp.is_none() {
                    running.push(p);
                }
            }
            let terminating = live.iter().any(|p| p.metadata.deletion_timestamp.is_some());
            if should_run && running.is_empty() {
                // With surge a terminating pod does not hold the node (`podsShouldBeOnNode`).
                if terminating && !surge {
                    // The old pod still occupies the node until it is gone.
                    let p = live.iter().find(|p| p.metadata.deletion_timestamp.is_some()).expect("some");
                    why.push(WhyItem::WaitingForTermination { pod: p.metadata.name.clone() });
                } else {
                    to_create.push(name.clone());
                }
            }
            if !surge {
                for extra in running.iter().skip(1) {
                    to_delete.push((extra.key(), DeleteCause::Duplicate));
                }
            } else if running.len() > 1 {
                // Surge: the oldest new pod and the oldest old pod may share the node; the
                // old one goes once it is not ready or the new one is available.
                let is_new = |p: &Pod| p.metadata.labels.get(REVISION_LABEL) == Some(&hash);
                let oldest_new = running.iter().position(|p| is_new(p));
                let oldest_old = running.iter().position(|p| !is_new(p));
                for (i, p) in running.iter().enumerate() {
                    if Some(i) != oldest_new && Some(i) != oldest_old {
                        to_delete.push((p.key(), DeleteCause::Duplicate));
                    }
                }
                if let (Some(n), Some(o)) = (oldest_new, oldest_old) {
                    if !pod_ready(running[o]) || pod_available(running[n], min_ready, c.rt.now) {
                        to_delete.push((running[o].key(), DeleteCause::Outdated));
                    } else if pod_ready(running[n]) {
                        recheck = true;
                    }
                }
            }
            if let Some(first) = running.first() {
                if should_run {
                    why.push(WhyItem::NodeHasPod { node: name.clone(), pod: first.metadata.name.clone() });
                }
            }
        } else {
            for p in &live {
                if p.metadata.deletion_timestamp.is_none() {
                    to_delete.push((p.key(), DeleteCause::NodeNoLongerEligible));
                }
            }
        }
        // Status, over the oldest pod of each node.
        if let Some(oldest) = live.first() {
            if should_run {
                status.current_number_scheduled += 1;
                if pod_ready(oldest) {
                    status.number_ready += 1;
                }
                if pod_available(oldest, min_ready, c.rt.now) {
                    status.number_available += 1;
                } else if pod_ready(oldest) {
                    recheck = true;
                }
                if oldest.metadata.labels.get("controller-revision-hash") == Some(&hash) {
                    status.updated_number_scheduled += 1;
                }
            } else {
                status.number_misscheduled += 1;
            }
        }
    }
    // Pods for nodes that no longer exist and were never scheduled.
    for (node, pods) in &by_node {
        if !c.store.nodes.contains_key(node) {
            for k in pods {
                if c.store.pods[k].spec.node_name.is_empty() {
                    to_delete.push((k.clone(), DeleteCause::NodeNoLongerEligible));
                }
            }
        }
    }

    // Rolling update (maxSurge 0): replace old pods, keeping at most maxUnavailable nodes
    // without an available pod.
    if surge && to_create.is_empty() && to_delete.is_empty() {
        surge_update(c, &ds, &template, &hash, &node_names, &by_node, &mut to_create, &mut to_delete, &status);
    } else if !surge && ds.spec.update_strategy.type_ == "RollingUpdate" && to_create.is_empty() {
        let desired = status.desired_number_scheduled as i64;
        let ru = ds.spec.update_strategy.rolling_update.clone().unwrap_or_default();
        let max_unavailable = ru
            .max_unavailable
            .as_ref()
            .and_then(|v| v.scaled(desired, true))
            .unwrap_or(1)
            .max(if desired > 0 { 1 } else { 0 });
        let mut unavailable = 0i64;
        let mut old_available: Vec<Key> = Vec::new();
        for name in &node_names {
            let (should_run, _, _) = node_should_run(&c.store.nodes[name], &template.spec);
            if !should_run {
                continue;
            }
            let pods: Vec<&Pod> = by_node
                .get(name)
                .map(|v| v.iter().map(|k| &c.store.pods[k]).filter(|p| p.metadata.deletion_timestamp.is_none()).collect())
                .unwrap_or_default();
            let Some(p) = pods.first() else {
                unavailable += 1;
                continue;
            };
            let is_new = p.metadata.labels.get("controller-revision-hash") == Some(&hash);
            let available = pod_available(p, min_ready, c.rt.now);
            if is_new {
                if !available {
                    unavailable += 1;
                }
            } else if !available {
                // Old and already unavailable: always replaced.
                to_delete.push((p.key(), DeleteCause::Outdated));
                unavailable += 1;
            } else {
                old_available.push(p.key());
            }
        }
        // Nodes with a terminating pod also count as unavailable.
        for name in &node_names {
            if let Some(v) = by_node.get(name) {
                if v.iter().any(|k| c.store.pods[k].metadata.deletion_timestamp.is_some())
                    && !v.iter().any(|k| c.store.pods[k].metadata.deletion_timestamp.is_none())
                {
                    unavailable += 1;
                }
            }
        }
        let budget = (max_unavailable - unavailable).max(0) as usize;
        for k in old_available.into_iter().take(budget) {
            to_delete.push((k, DeleteCause::Outdated));
        }
    }

    // Writes: deletions, then creations (slow start is irrelevant without API errors).
    crate::runtime::sort::by(&mut to_delete, |a, b| a.0.cmp(&b.0));
    to_delete.dedup_by(|a, b| a.0 == b.0);
    for (k, cause) in to_delete {
        let node = c.store.pods.get(&k).map(|p| p.spec.node_name.clone()).filter(|n| !n.is_empty());
        if c.delete_pod(&k, None) {
            c.record_event("DaemonSet", key, &uid, "Normal", "SuccessfulDelete", format!("Deleted pod: {}", k.name), "daemonset-controller", "");
            why.push(WhyItem::PodDeleted { pod: k.name.clone(), node, cause });
        }
    }
    for node in to_create {
        let mut pod = Pod::default();
        pod.metadata.generate_name = format!("{}-", key.name);
        pod.metadata.namespace = key.ns.clone();
        pod.metadata.labels = template.metadata.labels.clone();
        pod.metadata.labels.insert("controller-revision-hash".into(), hash.clone());
        pod.metadata.labels.insert("pod-template-generation".into(), generation.clone());
        pod.metadata.annotations = template.metadata.annotations.clone();
        pod.metadata.owner_references = vec![controller_ref_to(&ds)];
        pod.spec = template.spec.clone();
        pod.spec.tolerations = with_daemon_tolerations(&template.spec);
        pin_to_node(&mut pod.spec, &node);
        let pk = c.create_pod(pod);
        c.record_event("DaemonSet", key, &uid, "Normal", "SuccessfulCreate", format!("Created pod: {}", pk.name), "daemonset-controller", "");
        why.push(WhyItem::PodCreated { pod: pk.name.clone(), node: Some(node) });
    }

    // History (`cleanupHistory`): revisions of pods that still exist are kept.
    let live: Vec<String> = by_node
        .values()
        .flatten()
        .filter_map(|k| c.store.pods.get(k))
        .filter_map(|p| p.metadata.labels.get(REVISION_LABEL))
        .map(|h| format!("{}-{h}", key.name))
        .collect();
    let limit = ds.spec.revision_history_limit.unwrap_or(10);
    prune_revisions(c, &ds, limit, &live, HistoryLimit::AllButCurrent, &revision.metadata.name);

    status.number_unavailable = status.desired_number_scheduled - status.number_available;
    let rv = c.bump_rv();
    if let Some(d) = c.store.daemonsets.get_mut(key) {
        if d.status != status {
            d.status = status;
            d.metadata.resource_version = rv;
        }
    }
    c.rec.why.insert(("DaemonSet".into(), key.clone()), WhyRecord { at_ms: c.rt.now.millis(), items: why });
    // Readiness that becomes availability later (minReadySeconds) needs a later look.
    if recheck {
        c.resync_later(crate::runtime::queue::Work::SyncDaemonSet(key.clone()), crate::runtime::time::Dur::secs(min_ready as u64 + 1));
    }
}

/// `rollingUpdate` with maxSurge > 0 (`daemon/update.go`): on up to maxSurge nodes a new pod
/// starts next to the old one, which goes once the new one is available (the per-node pass
/// above does that); an old pod that is not available gets its new pod at once. Pods on nodes
/// that should no longer run them go only while more pods are available than desired.
#[allow(clippy::too_many_arguments)]
fn surge_update(
    c: &Ctx,
    ds: &DaemonSet,
    template: &PodTemplateSpec,
    hash: &str,
    node_names: &[String],
    by_node: &BTreeMap<String, Vec<Key>>,
    to_create: &mut Vec<String>,
    to_delete: &mut Vec<(Key, DeleteCause)>,
    status: &DaemonSetStatus,
) {
    let desired = status.desired_number_scheduled as i64;
    let max_surge = ds
        .spec
        .update_strategy
        .rolling_update
        .as_ref()
        .and_then(|r| r.max_surge.as_ref())
        .and_then(|v| v.scaled(desired, true))
        .unwrap_or(0);
    let min_ready = ds.spec.min_ready_seconds;
    let mut num_surge = 0i64;
    let mut num_available = 0i64;
    let mut allowed_new: Vec<String> = Vec::new();
    let mut candidates: Vec<String> = Vec::new();
    let mut should_not_run: Vec<Key> = Vec::new();
    // Nodes with daemon pods and nodes that should run one, in name order.
    let mut nodes: Vec<&String> = by_node.keys().collect();
    nodes.extend(node_names.iter().filter(|n| !by_node.contains_key(*n)));
    crate::runtime::sort::natural(&mut nodes);
    for name in nodes {
        let should_run = c.store.nodes.get(name).is_some_and(|n| node_should_run(n, &template.spec).0);
        // `findUpdatedPodsOnNode`: at most one new and one old live pod, else leave the node
        // to the per-node pass and count it as surging.
        let mut new_pod: Option<&Pod> = None;
        let mut old_pod: Option<&Pod> = None;
        let mut excess = false;
        for p in by_node.get(name).into_iter().flatten().filter_map(|k| c.store.pods.get(k)) {
            if p.metadata.deletion_timestamp.is_some() {
                continue;
            }
            let slot = if p.metadata.labels.get(REVISION_LABEL).map(String::as_str) == Some(hash) { &mut new_pod } else { &mut old_pod };
            if slot.is_some() {
                excess = true;
            }
            *slot = Some(p);
        }
        if excess {
            num_surge += 1;
            continue;
        }
        if let Some(p) = old_pod.or(new_pod) {
            if pod_available(p, min_ready, c.rt.now) {
                num_available += 1;
            }
        }
        match (old_pod, new_pod) {
            (None, _) => {}
            (Some(old), None) => {
                if !pod_available(old, min_ready, c.rt.now) {
                    if should_run {
                        allowed_new.push(name.clone());
                    } else {
                        to_delete.push((old.key(), DeleteCause::NodeNoLongerEligible));
                    }
                } else if !should_run {
                    should_not_run.push(old.key());
                } else if num_surge < max_surge {
                    candidates.push(name.clone());
                }
            }
            (Some(old), Some(new)) => {
                if pod_available(new, min_ready, c.rt.now) {
                    to_delete.push((old.key(), DeleteCause::Outdated));
                } else {
                    num_surge += 1;
                }
            }
        }
    }
    let deletable = (num_available - desired).clamp(0, should_not_run.len() as i64) as usize;
    for k in should_not_run.into_iter().take(deletable) {
        to_delete.push((k, DeleteCause::NodeNoLongerEligible));
    }
    let remaining = (max_surge - num_surge).clamp(0, candidates.len() as i64) as usize;
    to_create.extend(allowed_new);
    to_create.extend(candidates.into_iter().take(remaining));
}

/// `ReplaceDaemonSetPodNodeNameNodeAffinity`: the required node affinity becomes exactly one
/// term `matchFields metadata.name In [node]`; preferred terms and other affinities stay.
fn pin_to_node(spec: &mut PodSpec, node: &str) {
    let aff = spec.affinity.get_or_insert_with(Default::default);
    let na = aff.node_affinity.get_or_insert_with(Default::default);
    na.required_during_scheduling_ignored_during_execution = Some(NodeSelector {
        node_selector_terms: vec![NodeSelectorTerm {
            match_expressions: vec![],
            match_fields: vec![NodeSelectorRequirement {
                key: "metadata.name".into(),
                operator: "In".into(),
                values: vec![node.to_string()],
            }],
        }],
    });
}
