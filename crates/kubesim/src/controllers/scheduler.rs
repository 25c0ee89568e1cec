//! The default scheduler, reduced to its filters (`pkg/scheduler/framework/plugins`):
//! NodeUnschedulable, TaintToleration, NodeAffinity (nodeSelector + required affinity,
//! including matchFields). Ties between feasible nodes break on fewest pods, then at random
//! (the seeded generator), as `selectHost` does with reservoir sampling.

use crate::controllers::common::{node_affinity_matches, untolerated_taint};
use crate::state::Ctx;
use crate::api::model::*;
use crate::api::meta::Key;

/// Why a node cannot take a pod: the scheduler's per-node status message.
pub fn filter(node: &Node, pod_spec: &PodSpec) -> Result<(), String> {
    // NodeUnschedulable: a cordoned node only takes pods tolerating its taint.
    if node.spec.unschedulable {
        let t = Taint {
            key: "node.kubernetes.io/unschedulable".into(),
            value: String::new(),
            effect: "NoSchedule".into(),
            time_added: None,
        };
        if !pod_spec.tolerations.iter().any(|tol| tol.tolerates(&t)) {
            return Err("node(s) were unschedulable".into());
        }
    }
    if !pod_spec.node_name.is_empty() && pod_spec.node_name != node.metadata.name {
        return Err("node(s) didn't match the requested node name".into());
    }
    if let Some(t) = untolerated_taint(node, &pod_spec.tolerations) {
        return Err(format!("node(s) had untolerated taint {{{}: {}}}", t.key, t.value));
    }
    if !node_affinity_matches(node, pod_spec) {
        return Err("node(s) didn't match Pod's node affinity/selector".into());
    }
    Ok(())
}

/// Tries to place one pending pod. Leaves a FailedScheduling event when nothing fits.
pub fn schedule(c: &mut Ctx, key: &Key) {
    let Some(pod) = c.store.pods.get(key) else { return };
    if !pod.spec.node_name.is_empty() || pod.metadata.deletion_timestamp.is_some() {
        c.store.unscheduled.remove(key);
        return;
    }
    let spec = pod.spec.clone();
    let uid = pod.metadata.uid.clone();
    // VolumeBinding PreFilter: claims that are missing or unbound (Immediate) stop the pod
    // before any node is looked at.
    let plan = match crate::controllers::volume_binding::prefilter(c, pod) {
        Ok(p) => p,
        Err(msg) => {
            let n = c.store.nodes.len();
            let msg = format!("0/{n} nodes are available: {msg}. preemption: 0/{n} nodes are available: {n} Preemption is not helpful for scheduling.");
            c.record_event("Pod", key, &uid, "Warning", "FailedScheduling", msg, "default-scheduler", "");
            return;
        }
    };
    if plan.selected_node.is_some() {
        // A node was picked and its volumes are being provisioned: wait for the binding.
        return;
    }
    let mut failures: std::collections::BTreeMap<String, usize> = Default::default();
    let mut best: Vec<(usize, String)> = Vec::new();
    // PreFilter of NodeAffinity: a `matchFields metadata.name In [...]` term (what DaemonSet
    // pods carry) narrows the candidates to those nodes, so a pinned pod costs O(1).
    if let Some(names) = pinned_nodes(&spec) {
        for name in names {
            if let Some(node) = c.store.nodes.get(&name) {
                if filter(node, &spec).and_then(|_| crate::controllers::volume_binding::filter(c, &plan, node)).is_ok() {
                    let load = c.store.pods_on_node.get(&name).map_or(0, |s| s.len());
                    best.push((load, name));
                }
            }
        }
    }
    let candidates: Box<dyn Iterator<Item = &Node>> =
        if best.is_empty() { Box::new(c.store.nodes.values()) } else { Box::new(std::iter::empty()) };
    for node in candidates {
        match filter(node, &spec).and_then(|_| crate::controllers::volume_binding::filter(c, &plan, node)) {
            Ok(()) => {
                let load = c.store.pods_on_node.get(&node.metadata.name).map_or(0, |s| s.len());
                best.push((load, node.metadata.name.clone()));
            }
            Err(reason) => *failures.entry(reason).or_default() += 1,
        }
    }
    if best.is_empty() {
        let n = c.store.nodes.len();
        let reasons: Vec<String> = failures.iter().map(|(r, k)| format!("{k} {r}")).collect();
        let msg = if n == 0 {
            "no nodes available to schedule pods".to_string()
        } else {
            format!(
                "0/{n} nodes are available: {}. preemption: 0/{n} nodes are available: {n} Preemption is not helpful for scheduling.",
                reasons.join(", ")
            )
        };
        c.record_event("Pod", key, &uid, "Warning", "FailedScheduling", msg, "default-scheduler", "");
        return;
    }
    let min = best.iter().map(|b| b.0).min().unwrap_or(0);
    let ties: Vec<&String> = best.iter().filter(|b| b.0 == min).map(|b| &b.1).collect();
    let pick = ties[c.rt.rng.below(ties.len() as u64) as usize].clone();
    if crate::controllers::volume_binding::assume(c, &plan, &pick) {
        // Bound once the provisioner and the PV controller have bound its claims.
        return;
    }
    c.record_event(
        "Pod",
        key,
        &uid,
        "Normal",
        "Scheduled",
        format!("Successfully assigned {}/{} to {}", key.ns, key.name, pick),
        "default-scheduler",
        "",
    );
    c.bind_pod(key, &pick);
}

/// Node names a pod is pinned to by a single `matchFields` term on `metadata.name`.
fn pinned_nodes(spec: &PodSpec) -> Option<Vec<String>> {
    let sel = spec.affinity.as_ref()?.node_affinity.as_ref()?.required_during_scheduling_ignored_during_execution.as_ref()?;
    let [term] = sel.node_selector_terms.as_slice() else { return None };
    let [f] = term.match_fields.as_slice() else { return None };
    (f.key == "metadata.name" && f.operator == "In").then(|| f.values.clone())
}
