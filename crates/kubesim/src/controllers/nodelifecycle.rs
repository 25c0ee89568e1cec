//! Node health and what follows from it: the node lifecycle controller (conditions, condition
//! taints, pods marked not ready), the taint eviction controller (NoExecute taints delete
//! pods that do not tolerate them, after `tolerationSeconds`), the pod garbage collector for
//! pods of vanished nodes, and the `DefaultTolerationSeconds` admission plugin.

pub use crate::api::core_v1::{TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE};
use crate::api::meta::set_condition;
use crate::runtime::queue::Work;
use crate::state::{Ctx, KubeletState};
use crate::apiserver::nodes::node_key;
use crate::api::model::*;
use crate::api::meta::Key;
use crate::runtime::time::{Dur, Time};

/// `--node-monitor-grace-period`: how long a node may be silent before it is `Unknown`.
pub const NODE_MONITOR_GRACE: Dur = Dur(40_000);

pub(crate) fn ready_status(n: &Node) -> String {
    n.status.conditions.iter().find(|c| c.type_ == "Ready").map(|c| c.status.clone()).unwrap_or_default()
}

pub(crate) fn set_node_condition(n: &mut Node, t: &str, status: &str, reason: &str, message: &str, now: &str) {
    set_condition(&mut n.status.conditions, t, status, now);
    if let Some(c) = n.status.conditions.iter_mut().find(|c| c.type_ == t) {
        c.reason = reason.into();
        c.message = message.into();
        c.last_heartbeat_time = Some(now.into());
    }
}

/// The node lifecycle controller for one node: a silent kubelet makes every condition
/// `Unknown` after the grace period (`kubelet`: what the node's kubelet does, as its
/// heartbeats would show it); condition taints follow the Ready condition and cordon.
pub fn monitor(c: &mut Ctx, name: &str, kubelet: Option<KubeletState>) {
    if !c.store.nodes.contains_key(name) {
        return;
    }
    let now = c.rt.now;
    if let Some(KubeletState::Stopped { since }) = kubelet {
        let due = since.plus(NODE_MONITOR_GRACE);
        if now < due {
            c.resync_later(Work::NodeMonitor(name.to_string()), due.since(now));
        } else if ready_status(&c.store.nodes[name]) != "Unknown" {
            let ts = now.rfc3339();
            let n = c.store.nodes.get_mut(name).expect("checked");
            for t in ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"] {
                set_node_condition(n, t, "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.", &ts);
            }
            // The heartbeat stays at the last time the kubelet posted.
            let last = since.rfc3339();
            for cd in n.status.conditions.iter_mut() {
                cd.last_heartbeat_time = Some(last.clone());
            }
            c.record_event("Node", &node_key(name), name, "Normal", "NodeNotReady", format!("Node {name} status is now: NodeNotReady"), "node-controller", "");
            mark_pods_not_ready(c, name);
        }
    } else if matches!(kubelet, Some(KubeletState::NotReady)) {
        mark_pods_not_ready(c, name);
    }

    // Condition taints (doNoScheduleTaintingPass / doNoExecuteTaintingPass).
    let node = &c.store.nodes[name];
    let ready = ready_status(node);
    let bad = match ready.as_str() {
        "False" => Some(TAINT_NOT_READY),
        "Unknown" => Some(TAINT_UNREACHABLE),
        _ => None,
    };
    let mut taints: Vec<Taint> = node
        .spec
        .taints
        .iter()
        .filter(|t| {
            let condition_taint = t.key == TAINT_NOT_READY || t.key == TAINT_UNREACHABLE;
            let stale_condition = condition_taint && Some(t.key.as_str()) != bad;
            let stale_cordon = t.key == TAINT_UNSCHEDULABLE && !node.spec.unschedulable;
            !stale_condition && !stale_cordon
        })
        .cloned()
        .collect();
    let mut want: Vec<Taint> = Vec::new();
    if node.spec.unschedulable {
        want.push(Taint { key: TAINT_UNSCHEDULABLE.into(), value: String::new(), effect: "NoSchedule".into(), time_added: None });
    }
    if let Some(k) = bad {
        want.push(Taint { key: k.into(), value: String::new(), effect: "NoSchedule".into(), time_added: None });
        want.push(Taint { key: k.into(), value: String::new(), effect: "NoExecute".into(), time_added: Some(now.rfc3339()) });
    }
    for w in want {
        if !taints.iter().any(|t| t.key == w.key && t.effect == w.effect) {
            taints.push(w);
        }
    }
    if taints != node.spec.taints {
        let _ = c.set_node_taints(name, taints);
    }
}

/// `MarkPodsNotReady`: the pods of a node that stopped being ready lose their Ready condition.
fn mark_pods_not_ready(c: &mut Ctx, name: &str) {
    let keys: Vec<Key> = c.store.pods_on_node.get(name).map(|s| s.iter().cloned().collect()).unwrap_or_default();
    let now = c.rt.now.rfc3339();
    for k in keys {
        let rv = c.bump_rv();
        let Some(p) = c.store.pods.get_mut(&k) else { continue };
        if !p.status.conditions.iter().any(|x| x.type_ == "Ready" && x.status == "True") {
            continue;
        }
        set_condition(&mut p.status.conditions, "Ready", "False", &now);
        p.metadata.resource_version = rv;
        let uid = p.metadata.uid.clone();
        c.record_event("Pod", &k, &uid, "Warning", "NodeNotReady", "Node is not ready".into(), "node-controller", "");
        c.pod_changed(&k);
    }
}

/// When `t` tolerates every NoExecute taint, how long (None = forever); Err if one is not
/// tolerated at all (`getMinTolerationTime` over the tolerations in use).
fn toleration_time(taints: &[&Taint], tolerations: &[Toleration]) -> Result<Option<i64>, ()> {
    let mut min: Option<i64> = None;
    for t in taints {
        let used: Vec<&Toleration> = tolerations.iter().filter(|x| x.tolerates(t)).collect();
        if used.is_empty() {
            return Err(());
        }
        for u in used {
            if let Some(s) = u.toleration_seconds {
                let s = s.max(0);
                min = Some(min.map_or(s, |m| m.min(s)));
            }
        }
    }
    Ok(min)
}

/// The taint eviction controller for one node.
pub fn evict(c: &mut Ctx, name: &str) {
    let Some(node) = c.store.nodes.get(name) else { return };
    let taints: Vec<Taint> = node.spec.taints.iter().filter(|t| t.effect == "NoExecute").cloned().collect();
    let refs: Vec<&Taint> = taints.iter().collect();
    // Evictions count from when the newest NoExecute taint was added.
    let start = taints
        .iter()
        .filter_map(|t| t.time_added.as_deref().and_then(crate::runtime::time::parse_rfc3339))
        .max()
        .unwrap_or(c.rt.now);
    let keys: Vec<Key> = c.store.pods_on_node.get(name).map(|s| s.iter().cloned().collect()).unwrap_or_default();
    let mut next: Option<Time> = None;
    for k in keys {
        let Some(p) = c.store.pods.get(&k) else { continue };
        if p.metadata.deletion_timestamp.is_some() {
            c.memory.scheduled_evictions.remove(&k);
            continue;
        }
        let uid = p.metadata.uid.clone();
        let due = if refs.is_empty() {
            None
        } else {
            match toleration_time(&refs, &p.spec.tolerations) {
                Err(()) => Some(c.rt.now),
                Ok(None) => None,
                Ok(Some(secs)) => Some(start.plus(Dur::secs(secs as u64))),
            }
        };
        match due {
            None => {
                if c.memory.scheduled_evictions.remove(&k) {
                    c.record_event("Pod", &k, &uid, "Normal", "TaintManagerEviction", format!("Cancelling deletion of Pod {}/{}", k.ns, k.name), "taint-eviction-controller", "");
                }
            }
            Some(at) if at <= c.rt.now => {
                c.memory.scheduled_evictions.remove(&k);
                c.record_event("Pod", &k, &uid, "Normal", "TaintManagerEviction", format!("Marking for deletion Pod {}/{}", k.ns, k.name), "taint-eviction-controller", "");
                let now = c.rt.now.rfc3339();
                if let Some(p) = c.store.pods.get_mut(&k) {
                    set_condition(&mut p.status.conditions, "DisruptionTarget", "True", &now);
                    if let Some(cd) = p.status.conditions.iter_mut().find(|x| x.type_ == "DisruptionTarget") {
                        cd.reason = "DeletionByTaintManager".into();
                        cd.message = "Taint manager: deleting due to NoExecute taint".into();
                    }
                }
                c.delete_pod(&k, None);
            }
            Some(at) => {
                c.memory.scheduled_evictions.insert(k.clone());
                next = Some(next.map_or(at, |n: Time| n.min(at)));
            }
        }
    }
    if let Some(at) = next {
        c.resync_later(Work::TaintEviction(name.to_string()), at.since(c.rt.now));
    }
}

/// The pod garbage collector for a node that disappeared: its pods are marked Failed with a
/// `DisruptionTarget` condition and force-deleted (unless the node came back).
pub fn pod_gc(c: &mut Ctx, name: &str) {
    if c.store.nodes.contains_key(name) {
        return;
    }
    let keys: Vec<Key> = c.store.pods_on_node.remove(name).unwrap_or_default().into_iter().collect();
    let now = c.rt.now.rfc3339();
    for k in keys {
        if let Some(p) = c.store.pods.get_mut(&k) {
            p.status.phase = "Failed".into();
            set_condition(&mut p.status.conditions, "DisruptionTarget", "True", &now);
            if let Some(cd) = p.status.conditions.iter_mut().find(|x| x.type_ == "DisruptionTarget") {
                cd.reason = "DeletionByPodGC".into();
                cd.message = "PodGC: node no longer exists".into();
            }
        }
        c.remove_pod_object(&k);
    }
}
