//! Goals as predicates over kubesim's state, history and the commands the student ran.
//!
//! A goal is judged against the moment its step began ([`StepStart`]): `ran` and `lookedUp`
//! count only the commands run since then, and every check that reads the cluster's history
//! (a node added, pods replaced one at a time, a pod created after another was Ready, an
//! event seen…) counts only what happened since then. What the cluster *is* (a pod Ready, a
//! claim Bound, an object gone) is read as it is now. [`step_goals`] judges a step's goals
//! together, with each goal's `requires`; what stays ticked (`once`) and when a step is
//! completed is kept in [`crate::progress`].

use crate::schema::{Check, StepSpec};
use kubesim::cluster::{Happening, HappeningKind};
use kubesim::query::{is_headless, node_should_run, pod_claims, pod_ready, target_node, template_hash};
use kubesim::model::Pod;
use kubesim::store::Object;
use kubesim::time::Time;
use kubesim::{Cluster, Key};
use serde::{Deserialize, Serialize};

/// What the student ran so far, in order (terminal lines and applied files).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Activity {
    pub commands: Vec<String>,
}

/// When the student began a step: the cluster's clock (simulated milliseconds) and how
/// many commands they had run by then. The default is the very beginning: a fresh cluster,
/// nothing run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepStart {
    pub at_ms: u64,
    pub commands: usize,
}

impl StepStart {
    /// The present moment of this cluster and activity: a step begun now.
    pub fn now(cluster: &Cluster, activity: &Activity) -> StepStart {
        StepStart { at_ms: cluster.now().millis(), commands: activity.commands.len() }
    }

    /// Whether the start lies in the future of this cluster and activity (it was taken in
    /// another cluster: a share link opened, the lesson started over).
    pub fn is_after(&self, now: &StepStart) -> bool {
        self.at_ms > now.at_ms || self.commands > now.commands
    }

    fn time(&self) -> Time {
        Time(self.at_ms)
    }
}

/// Each goal of the step, in order: whether its check holds now, counted from `start`, and
/// the goal it `requires` holds too.
pub fn step_goals(step: &StepSpec, cluster: &Cluster, activity: &Activity, start: &StepStart) -> Vec<bool> {
    let own: Vec<bool> = step.goals.iter().map(|g| met(&g.check, cluster, activity, start)).collect();
    step.goals
        .iter()
        .zip(&own)
        .map(|(g, m)| *m && g.requires.is_none_or(|r| step.goals.iter().position(|x| x.id == r).is_some_and(|i| own[i])))
        .collect()
}

/// Whether a goal's check holds now, counting commands and history from `start`.
pub fn met(check: &Check, cluster: &Cluster, activity: &Activity, start: &StepStart) -> bool {
    let since = start.time();
    let ran = activity.commands.get(start.commands..).unwrap_or(&[]);
    // The history since the step began (it is kept in time order).
    let recent = &cluster.history()[cluster.history().partition_point(|h| h.at < since)..];
    match check {
        Check::DaemonSetOnEveryEligibleNode { name, image, node_selector, namespace } => {
            let Some(ds) = cluster.daemonset(&Key::new(namespace, name)) else { return false };
            let Some(t) = &ds.spec.template else { return false };
            if image.is_some_and(|i| !t.spec.containers.iter().any(|c| c.image == i)) {
                return false;
            }
            if let Some((k, v)) = node_selector.and_then(|s| s.split_once('=')) {
                if t.spec.node_selector.get(k).map(String::as_str) != Some(v) {
                    return false;
                }
            }
            let uid = &ds.metadata.uid;
            let hash = template_hash(t);
            let mut eligible = 0;
            for node in cluster.nodes() {
                if !node_should_run(node, &t.spec).0 {
                    continue;
                }
                eligible += 1;
                let has_ready = cluster.pods_on(&node.metadata.name).any(|p| {
                    p.controller_ref().is_some_and(|r| &r.uid == uid)
                        && p.metadata.deletion_timestamp.is_none()
                        && p.metadata.labels.get("controller-revision-hash") == Some(&hash)
                        && p.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True")
                });
                if !has_ready {
                    return false;
                }
            }
            eligible > 0
        }
        Check::NoPodOfOnControlPlane { name, namespace } => {
            let Some(ds) = cluster.daemonset(&Key::new(namespace, name)) else { return false };
            let uid = &ds.metadata.uid;
            let mut pods = cluster.pods().filter(|p| is_live(p) && p.controller_ref().is_some_and(|r| &r.uid == uid)).peekable();
            pods.peek().is_some()
                && !pods.any(|p| {
                    target_node(p)
                        .and_then(|n| cluster.node(&n))
                        .is_some_and(|n| n.metadata.labels.contains_key("node-role.kubernetes.io/control-plane"))
                })
        }
        Check::Ran { command } => {
            let want = normalize(command);
            ran.iter().any(|c| {
                let have = normalize(c);
                have.len() >= want.len() && have[..want.len()] == want[..]
            })
        }
        Check::LookedUp { name, pod, namespace } => {
            ran.iter().any(|c| looked_up(c, name))
                && pod.is_none_or(|pod| {
                    let Some(p) = cluster.pod(&Key::new(namespace, pod)) else { return false };
                    !p.status.pod_ip.is_empty()
                        && cluster.resolve(namespace, name).is_ok_and(|records| records.iter().any(|(_, ip)| *ip == p.status.pod_ip))
                })
        }
        Check::PodsOnNodes { kind, name, nodes, namespace } => {
            if !workload_exists(cluster, kind, namespace, name) || nodes.is_empty() {
                return false;
            }
            let mut on: Vec<String> = live_pods_of(cluster, kind, namespace, name)
                .filter(|p| pod_ready(p))
                .filter_map(target_node)
                .collect();
            kubesim::sort::natural(&mut on);
            let mut want = nodes.to_vec();
            kubesim::sort::natural(&mut want);
            on == want
        }
        Check::PodFollowedNodeAdded { kind, name, node, namespace } => {
            let Some(added) = last_time(recent, |h| matches!(h, HappeningKind::NodeAdded { node: n } if n == node)) else {
                return false;
            };
            // From the history alone: the pod may be gone again with the node by now.
            recent.iter().any(|h| match &h.what {
                HappeningKind::PodScheduled { pod, node: n } if h.at >= added && n == node && pod.ns == *namespace => {
                    history_owner_is(cluster, pod, h.at, kind, name)
                        && recent.iter().any(|r| r.at >= h.at && matches!(&r.what, HappeningKind::PodReady { pod: p } if p == pod))
                }
                _ => false,
            })
        }
        Check::PodsGoneWithNode { kind, name, node, namespace } => {
            workload_exists(cluster, kind, namespace, name)
                && recent.iter().any(|h| matches!(&h.what, HappeningKind::NodeRemoved { node: n } if n == node))
                && cluster.node(node).is_none()
                && !cluster.pods().any(|p| owned_by(cluster, p, kind, name) && target_node(p).as_deref() == Some(*node))
        }
        Check::PodsUseImage { kind, name, image, namespace } => {
            let pods: Vec<&Pod> = live_pods_of(cluster, kind, namespace, name).collect();
            !pods.is_empty() && pods.iter().all(|p| p.spec.containers.iter().any(|c| &c.image == image))
        }
        Check::ReplacedOneAtATime { kind, name, namespace } => {
            let key = Key::new(namespace, name);
            let Some(changed) = last_time(recent, |h| {
                matches!(h, HappeningKind::ObjectApplied { kind: k, key: kk, verb } if k == kind && *kk == key && verb == "configured")
            }) else {
                return false;
            };
            // Pods of the workload as the history names them (names may be reused: take the
            // owner from the latest creation before each happening).
            let mut terminations = Vec::new();
            let mut readies = Vec::new();
            for h in cluster.history().iter().filter(|h| h.at >= changed) {
                match &h.what {
                    HappeningKind::PodTerminating { pod } if history_owner_is(cluster, pod, h.at, kind, name) => terminations.push(h.at),
                    HappeningKind::PodReady { pod }
                        if history_owner_is(cluster, pod, h.at, kind, name) && created(cluster, pod).is_some_and(|t| t >= changed) =>
                    {
                        readies.push(h.at)
                    }
                    _ => {}
                }
            }
            terminations.len() >= 2 && terminations.windows(2).all(|w| readies.iter().any(|r| *r > w[0] && *r <= w[1]))
        }
        Check::StatefulSetReady { name, replicas, namespace } => cluster
            .statefulset(&Key::new(namespace, name))
            .is_some_and(|s| s.spec.replicas.unwrap_or(1) == *replicas && s.status.ready_replicas == *replicas
                && live_pods_of(cluster, "StatefulSet", namespace, name).filter(|p| pod_ready(p)).count() == *replicas as usize),
        Check::DeploymentReady { name, replicas, namespace } => cluster
            .deployment(&Key::new(namespace, name))
            .is_some_and(|d| d.spec.replicas.unwrap_or(1) == *replicas
                && live_pods_of(cluster, "Deployment", namespace, name).filter(|p| pod_ready(p)).count() == *replicas as usize),
        Check::PvcBound { name, namespace } => cluster.pvc(&Key::new(namespace, name)).is_some_and(|c| c.status.phase == "Bound"),
        Check::ClaimSharedBy { claim, pods, namespace } => {
            *pods > 0
                && cluster
                    .pods()
                    .filter(|p| p.metadata.namespace == *namespace && is_live(p) && pod_ready(p) && pod_claims(&p.spec).any(|c| c == *claim))
                    .count()
                    >= *pods
        }
        Check::PodUsesClaim { pod, claim, namespace } => cluster
            .pod(&Key::new(namespace, pod))
            .is_some_and(|p| is_live(p) && pod_ready(p) && pod_claims(&p.spec).any(|c| c == *claim)),
        Check::CreatedAfterReady { before, after, namespace } => {
            let (b, a) = (Key::new(namespace, before), Key::new(namespace, after));
            let (Some(tb), Some(ta)) = (created(cluster, &b), created(cluster, &a)) else { return false };
            ta >= since && tb <= ta && ready_between(cluster, &b, tb, ta)
        }
        Check::CreatedWithoutWaiting { before, after, namespace } => {
            let (b, a) = (Key::new(namespace, before), Key::new(namespace, after));
            let (Some(tb), Some(ta)) = (created(cluster, &b), created(cluster, &a)) else { return false };
            ta >= since && tb <= ta && !ready_between(cluster, &b, tb, ta)
        }
        Check::DeletedInOrder { pods, namespace } => {
            pods.len() >= 2
                && pods.windows(2).all(|w| {
                    let (first, next) = (Key::new(namespace, w[0]), Key::new(namespace, w[1]));
                    let gone = last_time(recent, |h| matches!(h, HappeningKind::PodDeleted { pod } if *pod == first));
                    let started = last_time(recent, |h| matches!(h, HappeningKind::PodTerminating { pod } if *pod == next));
                    matches!((gone, started), (Some(g), Some(s)) if s >= g)
                })
        }
        Check::PodRecreated { pod, namespace } => {
            let k = Key::new(namespace, pod);
            let Some(deleted) = last_time(recent, |h| matches!(h, HappeningKind::PodDeleted { pod } if *pod == k)) else {
                return false;
            };
            created(cluster, &k).is_some_and(|t| t >= deleted) && cluster.pod(&k).is_some_and(|p| is_live(p) && pod_ready(p))
        }
        Check::PodImage { pod, image, namespace } => cluster
            .pod(&Key::new(namespace, pod))
            .is_some_and(|p| is_live(p) && p.spec.containers.iter().any(|c| &c.image == image)),
        Check::ResolvesToPod { name, pod, namespace } => {
            let Some(p) = cluster.pod(&Key::new(namespace, pod)) else { return false };
            if p.status.pod_ip.is_empty() {
                return false;
            }
            cluster.resolve(namespace, name).is_ok_and(|records| records.iter().any(|(_, ip)| *ip == p.status.pod_ip))
        }
        Check::HeadlessService { name, namespace } => {
            cluster.service(&Key::new(namespace, name)).is_some_and(is_headless)
        }
        Check::MultiAttachSeen { pod, namespace } => cluster.events().iter().any(|e| {
            e.reason == "FailedAttachVolume"
                && e.last_ms >= start.at_ms
                && e.involved_object.kind == "Pod"
                && e.involved_object.name == *pod
                && e.involved_object.namespace == *namespace
        }),
        Check::ServiceExists { name, namespace } => cluster.service(&Key::new(namespace, name)).is_some(),
        Check::Deleted { kind, names, namespace } => !names.is_empty() && names.iter().all(|name| deleted(cluster, kind, namespace, name)),
    }
}

/// The object existed at some time, is gone now, and no pod of it is left.
fn deleted(cluster: &Cluster, kind: &str, namespace: &str, name: &str) -> bool {
    let key = if kind == "PersistentVolume" { Key::cluster(name) } else { Key::new(namespace, name) };
    let was = cluster.history().iter().any(|h| match &h.what {
        HappeningKind::ObjectApplied { kind: k, key: kk, .. } | HappeningKind::ObjectDeleted { kind: k, key: kk } => k == kind && *kk == key,
        _ => false,
    });
    let exists = match kind {
        "Service" => cluster.service(&key).is_some(),
        "PersistentVolumeClaim" => cluster.pvc(&key).is_some(),
        "PersistentVolume" => cluster.pv(name).is_some(),
        _ => workload_exists(cluster, kind, namespace, name),
    };
    let pods_left = cluster.pods().any(|p| p.metadata.namespace == namespace && owned_by(cluster, p, kind, name));
    was && !exists && !pods_left
}

/// A command's words with the resource kind spelled one way (`po` → `pods`, `sts` →
/// `statefulsets`) and `k` read as `kubectl`.
/// `kubectl run … -- nslookup NAME` or `kubectl exec … -- nslookup NAME`.
fn looked_up(line: &str, name: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let kubectl = matches!(words.first(), Some(&"kubectl") | Some(&"k"));
    let verb = words.iter().skip(1).find(|w| !w.starts_with('-'));
    let Some(dashes) = words.iter().position(|w| *w == "--") else { return false };
    kubectl && matches!(verb, Some(&"run") | Some(&"exec")) && words[dashes + 1..].first() == Some(&"nslookup") && words[dashes + 2..].contains(&name)
}

fn normalize(line: &str) -> Vec<String> {
    line.split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let w = if i == 0 && w == "k" { "kubectl" } else { w };
            let canon = match w {
                "po" | "pod" | "pods" => "pods",
                "ds" | "daemonset" | "daemonsets" | "daemonset.apps" => "daemonsets",
                "sts" | "statefulset" | "statefulsets" | "statefulset.apps" => "statefulsets",
                "pvc" | "persistentvolumeclaim" | "persistentvolumeclaims" => "pvc",
                "pv" | "persistentvolume" | "persistentvolumes" => "pv",
                "svc" | "service" | "services" => "services",
                "ep" | "endpoints" => "endpoints",
                "deploy" | "deployment" | "deployments" | "deployment.apps" => "deployments",
                "no" | "node" | "nodes" => "nodes",
                "--selector" => "-l",
                other => other,
            };
            canon.to_string()
        })
        .collect()
}

fn is_live(p: &Pod) -> bool {
    p.metadata.deletion_timestamp.is_none() && p.status.phase != "Succeeded" && p.status.phase != "Failed"
}

fn workload_exists(c: &Cluster, kind: &str, ns: &str, name: &str) -> bool {
    let k = Key::new(ns, name);
    match kind {
        "DaemonSet" => c.daemonset(&k).is_some(),
        "StatefulSet" => c.statefulset(&k).is_some(),
        "Deployment" => c.deployment(&k).is_some(),
        "ReplicaSet" => c.replicaset(&k).is_some(),
        _ => false,
    }
}

/// Whether the pod's controller is the workload (for a Deployment: through its ReplicaSet).
fn owned_by(c: &Cluster, p: &Pod, kind: &str, name: &str) -> bool {
    let Some(r) = p.controller_ref() else { return false };
    if kind == "Deployment" {
        return r.kind == "ReplicaSet"
            && c.replicaset(&Key::new(&p.metadata.namespace, &r.name))
                .and_then(|rs| rs.controller_ref().map(|o| o.kind == "Deployment" && o.name == name))
                .unwrap_or(false);
    }
    r.kind == kind && r.name == name
}

fn live_pods_of<'a>(c: &'a Cluster, kind: &'a str, ns: &'a str, name: &'a str) -> impl Iterator<Item = &'a Pod> + 'a {
    c.pods().filter(move |p| p.metadata.namespace == ns && is_live(p) && owned_by(c, p, kind, name))
}

/// When the latest of these happenings that `f` picks happened.
fn last_time(happenings: &[Happening], f: impl Fn(&HappeningKind) -> bool) -> Option<Time> {
    happenings.iter().rev().find(|h| f(&h.what)).map(|h| h.at)
}

/// When the latest pod with this name was created.
fn created(c: &Cluster, pod: &Key) -> Option<Time> {
    last_time(c.history(), |h| matches!(h, HappeningKind::PodCreated { pod: p, .. } if p == pod))
}

/// Whether pod `pod` turned Ready at a time in `[from, to]`.
fn ready_between(c: &Cluster, pod: &Key, from: Time, to: Time) -> bool {
    c.history().iter().any(|h| h.at >= from && h.at <= to && matches!(&h.what, HappeningKind::PodReady { pod: p } if p == pod))
}

/// Whether the pod named `pod`, as it was at `at`, belonged to the workload (history only:
/// the pod may be gone by now). For a Deployment the owner recorded is a ReplicaSet.
fn history_owner_is(c: &Cluster, pod: &Key, at: Time, kind: &str, name: &str) -> bool {
    c.history()
        .iter()
        .rev()
        .filter(|h| h.at <= at)
        .find_map(|h| match &h.what {
            HappeningKind::PodCreated { pod: p, owner_kind, owner } if p == pod => Some(if kind == "Deployment" {
                owner_kind == "ReplicaSet" && owner.starts_with(&format!("{name}-"))
            } else {
                owner_kind == kind && owner == name
            }),
            _ => None,
        })
        .unwrap_or(false)
}
