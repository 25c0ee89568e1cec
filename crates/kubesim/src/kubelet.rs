//! A kubelet stand-in: moves bound pods through their phases over simulated time.
//!
//! Bound → (pickup) `ContainerCreating` → image pull on first use per node (then cached)
//! → containers Created/Started → `Running` → Ready (at once, or after the readiness probe's
//! initialDelaySeconds) … and on deletion: `Killing`, containers stop (capped by the grace
//! period), phase `Succeeded` (`Completed`), then the object is removed.

use crate::cluster::{set_condition, Cluster, HappeningKind, PodRuntime, PodStage, TimerKind};
use crate::model::*;
use crate::rand::fnv32a;
use crate::store::Key;
use crate::time::Dur;

/// A pod changed (bound, or deletion requested): start or redirect its lifecycle.
pub fn on_change(c: &mut Cluster, key: &Key) {
    let Some(pod) = c.pods.get(key) else { return };
    if pod.spec.node_name.is_empty() {
        return;
    }
    let uid = pod.metadata.uid.clone();
    let deleting = pod.metadata.deletion_timestamp.is_some();
    let stage = c.runtime.get(key).filter(|r| r.uid == uid).map(|r| r.stage);
    match (stage, deleting) {
        (None, false) => {
            c.runtime.insert(key.clone(), PodRuntime { uid: uid.clone(), stage: PodStage::Bound });
            let d = c.timings.kubelet_pickup;
            c.after(d, TimerKind::Kubelet { pod: key.clone(), uid });
        }
        (None | Some(PodStage::Bound), true) => {
            // Nothing was started yet: the kubelet confirms the deletion at once.
            c.remove_pod_object(key);
        }
        (Some(PodStage::Stopping | PodStage::Stopped), true) => {}
        (Some(_), true) => begin_stop(c, key, &uid),
        (Some(_), false) => {}
    }
}

fn begin_stop(c: &mut Cluster, key: &Key, uid: &str) {
    let Some(pod) = c.pods.get(key) else { return };
    let node = pod.spec.node_name.clone();
    let names: Vec<String> = pod.spec.containers.iter().map(|x| x.name.clone()).collect();
    let grace = pod.metadata.deletion_grace_period_seconds.unwrap_or(30).max(0) as u64;
    for n in names {
        c.record_event("Pod", key, uid, "Normal", "Killing", format!("Stopping container {n}"), "kubelet", &node);
    }
    if let Some(r) = c.runtime.get_mut(key) {
        r.stage = PodStage::Stopping;
    }
    let d = c.timings.stop.min(Dur::secs(grace));
    c.after(d, TimerKind::Kubelet { pod: key.clone(), uid: uid.to_string() });
}

/// A timer for this pod fired: advance it one stage (stale timers of a replaced pod are ignored).
pub fn on_timer(c: &mut Cluster, key: &Key, uid: &str) {
    let Some(rt) = c.runtime.get(key) else { return };
    if rt.uid != uid {
        return;
    }
    let Some(pod) = c.pods.get(key) else { return };
    if pod.metadata.deletion_timestamp.is_some()
        && !matches!(rt.stage, PodStage::Stopping | PodStage::Stopped)
    {
        begin_stop(c, key, uid);
        return;
    }
    match rt.stage {
        PodStage::Bound => start_sandbox(c, key, uid),
        PodStage::Creating | PodStage::Pulling => {
            // The attach/detach controller must attach the pod's volumes first.
            if !crate::storage::attach_blocked(c, key) {
                start_containers(c, key, uid)
            }
        }
        PodStage::Started => become_ready(c, key),
        PodStage::Ready => {}
        PodStage::Stopping => containers_stopped(c, key, uid),
        PodStage::Stopped => c.remove_pod_object(key),
    }
}

fn set_stage(c: &mut Cluster, key: &Key, stage: PodStage) {
    if let Some(r) = c.runtime.get_mut(key) {
        r.stage = stage;
    }
}

/// The kubelet's first status: IPs, start time, containers waiting in `ContainerCreating`;
/// then the image: already present, or pulled (and cached on the node).
fn start_sandbox(c: &mut Cluster, key: &Key, uid: &str) {
    let now = c.now.rfc3339();
    let Some(pod) = c.pods.get(key) else { return };
    let node = pod.spec.node_name.clone();
    let host_ip = c
        .nodes
        .get(&node)
        .and_then(|n| n.status.addresses.iter().find(|a| a.type_ == "InternalIP"))
        .map(|a| a.address.clone())
        .unwrap_or_default();
    let pod_ip = if pod.spec.host_network { host_ip.clone() } else { alloc_ip(c, &node) };
    let rv = c.bump_rv();
    let pod = c.pods.get_mut(key).expect("checked");
    pod.metadata.resource_version = rv;
    pod.status.host_ip = host_ip;
    pod.status.pod_ip = pod_ip;
    pod.status.start_time = Some(now.clone());
    for t in ["Initialized", "Ready", "ContainersReady"] {
        set_condition(&mut pod.status.conditions, t, if t == "Initialized" { "True" } else { "False" }, &now);
    }
    set_condition(&mut pod.status.conditions, "PodReadyToStartContainers", "True", &now);
    pod.status.container_statuses = pod
        .spec
        .containers
        .iter()
        .map(|ct| ContainerStatus {
            name: ct.name.clone(),
            image: ct.image.clone(),
            ready: false,
            restart_count: 0,
            started: false,
            state: ContainerState {
                waiting: Some(StateDetail { reason: "ContainerCreating".into(), ..Default::default() }),
                ..Default::default()
            },
            ..Default::default()
        })
        .collect();
    let images: Vec<(String, String)> =
        pod.spec.containers.iter().map(|ct| (ct.image.clone(), ct.image_pull_policy.clone())).collect();
    // Image pulls: the first use of an image on a node pulls it; later uses find it cached.
    let cached = c.node_images.entry(node.clone()).or_default().clone();
    let mut pull = Dur::ZERO;
    for (image, policy) in &images {
        let present = cached.contains(image);
        if present && policy != "Always" {
            c.record_event(
                "Pod",
                key,
                uid,
                "Normal",
                "Pulled",
                format!("Container image \"{image}\" already present on machine"),
                "kubelet",
                &node,
            );
        } else {
            c.record_event("Pod", key, uid, "Normal", "Pulling", format!("Pulling image \"{image}\""), "kubelet", &node);
            pull = pull.max(if present { Dur::ms(400) } else { c.timings.image_pull });
        }
    }
    if pull > Dur::ZERO {
        set_stage(c, key, PodStage::Pulling);
        c.after(pull, TimerKind::Kubelet { pod: key.clone(), uid: uid.to_string() });
    } else {
        set_stage(c, key, PodStage::Creating);
        let d = c.timings.start_cached;
        c.after(d, TimerKind::Kubelet { pod: key.clone(), uid: uid.to_string() });
    }
    c.pod_changed(key);
}

fn alloc_ip(c: &mut Cluster, node: &str) -> String {
    let subnet = c.node_subnet.get(node).copied().unwrap_or(0);
    let next = c.node_ip_next.entry(node.to_string()).or_insert(2);
    let host = *next;
    *next = if *next >= 254 { 2 } else { *next + 1 };
    format!("10.244.{subnet}.{host}")
}

/// Go's `time.Duration` formatting for the Pulled event (`2.5s`, `452ms`).
fn go_duration(d: Dur) -> String {
    if d.0 < 1000 {
        return format!("{}ms", d.0);
    }
    let s = d.0 as f64 / 1000.0;
    let t = format!("{s:.3}");
    format!("{}s", t.trim_end_matches('0').trim_end_matches('.'))
}

fn start_containers(c: &mut Cluster, key: &Key, uid: &str) {
    let now = c.now.rfc3339();
    let Some(pod) = c.pods.get(key) else { return };
    let node = pod.spec.node_name.clone();
    let was_pulling = c.runtime.get(key).is_some_and(|r| r.stage == PodStage::Pulling);
    let containers = pod.spec.containers.clone();
    if was_pulling {
        let cached = c.node_images.get(&node).cloned().unwrap_or_default();
        for ct in &containers {
            let present = cached.contains(&ct.image);
            if present && ct.image_pull_policy != "Always" {
                continue;
            }
            let took = if present { Dur::ms(400) } else { c.timings.image_pull };
            let size = 20_000_000 + (fnv32a(ct.image.as_bytes()) % 180_000_000) as u64;
            let t = go_duration(took);
            c.record_event(
                "Pod",
                key,
                uid,
                "Normal",
                "Pulled",
                format!("Successfully pulled image \"{}\" in {t} ({t} including waiting). Image size: {size} bytes.", ct.image),
                "kubelet",
                &node,
            );
            c.node_images.entry(node.clone()).or_default().insert(ct.image.clone());
        }
    }
    for ct in &containers {
        c.record_event("Pod", key, uid, "Normal", "Created", format!("Created container: {}", ct.name), "kubelet", &node);
        c.record_event("Pod", key, uid, "Normal", "Started", format!("Started container {}", ct.name), "kubelet", &node);
    }
    let delay = containers
        .iter()
        .filter_map(|ct| ct.readiness_probe.as_ref())
        .map(|p| p.initial_delay_seconds.unwrap_or(0).max(0) as u64)
        .max();
    let rv = c.bump_rv();
    let pod = c.pods.get_mut(key).expect("checked");
    pod.metadata.resource_version = rv;
    pod.status.phase = "Running".into();
    for cs in &mut pod.status.container_statuses {
        cs.started = true;
        cs.image_id = format!("docker.io/library/{}@sha256:{:064x}", cs.image, fnv32a(cs.image.as_bytes()));
        cs.container_id = format!("containerd://{:016x}{:048x}", fnv32a(uid.as_bytes()), fnv32a(cs.name.as_bytes()));
        cs.state = ContainerState {
            running: Some(StateDetail { started_at: Some(now.clone()), ..Default::default() }),
            ..Default::default()
        };
    }
    c.happen(HappeningKind::PodRunning { pod: key.clone() });
    match delay {
        // No readiness probe: ready as soon as the containers run.
        None => become_ready(c, key),
        Some(secs) => {
            set_stage(c, key, PodStage::Started);
            // The first probe runs after initialDelaySeconds (at least one probe period tick).
            let d = Dur::secs(secs.max(1));
            c.after(d, TimerKind::Kubelet { pod: key.clone(), uid: uid.to_string() });
            c.pod_changed(key);
        }
    }
}

fn become_ready(c: &mut Cluster, key: &Key) {
    let now = c.now.rfc3339();
    let rv = c.bump_rv();
    let Some(pod) = c.pods.get_mut(key) else { return };
    pod.metadata.resource_version = rv;
    for cs in &mut pod.status.container_statuses {
        cs.ready = true;
    }
    set_condition(&mut pod.status.conditions, "ContainersReady", "True", &now);
    set_condition(&mut pod.status.conditions, "Ready", "True", &now);
    set_stage(c, key, PodStage::Ready);
    c.happen(HappeningKind::PodReady { pod: key.clone() });
    c.pod_changed(key);
}

fn containers_stopped(c: &mut Cluster, key: &Key, uid: &str) {
    let now = c.now.rfc3339();
    let rv = c.bump_rv();
    let Some(pod) = c.pods.get_mut(key) else { return };
    pod.metadata.resource_version = rv;
    // Every container exits 0 on SIGTERM: the pod ends Succeeded (`Completed`).
    pod.status.phase = "Succeeded".into();
    for cs in &mut pod.status.container_statuses {
        cs.ready = false;
        cs.started = false;
        let started_at = cs.state.running.as_ref().and_then(|r| r.started_at.clone());
        cs.state = ContainerState {
            terminated: Some(StateDetail {
                reason: "Completed".into(),
                exit_code: Some(0),
                started_at,
                finished_at: Some(now.clone()),
            }),
            ..Default::default()
        };
    }
    set_condition(&mut pod.status.conditions, "Ready", "False", &now);
    set_condition(&mut pod.status.conditions, "ContainersReady", "False", &now);
    set_stage(c, key, PodStage::Stopped);
    let d = c.timings.remove_after_stop;
    c.after(d, TimerKind::Kubelet { pod: key.clone(), uid: uid.to_string() });
    c.pod_changed(key);
}

#[cfg(test)]
mod tests {
    use super::go_duration;
    use crate::time::Dur;

    #[test]
    fn go_durations() {
        assert_eq!(go_duration(Dur::ms(452)), "452ms");
        assert_eq!(go_duration(Dur::ms(2500)), "2.5s");
        assert_eq!(go_duration(Dur::ms(3000)), "3s");
    }
}
