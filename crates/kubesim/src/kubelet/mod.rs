//! A kubelet stand-in: moves bound pods through their phases over simulated time.
//!
//! Bound → (pickup) `ContainerCreating` → image pull on first use per node (then cached)
//! → containers Created/Started → `Running` → Ready (at once, or after the readiness probe's
//! initialDelaySeconds) … and on deletion: `Killing`, containers stop (capped by the grace
//! period), phase `Succeeded` (`Completed`), then the object is removed.

use crate::api::meta::set_condition;
use crate::runtime::history::HappeningKind;
use crate::runtime::queue::TimerKind;
use crate::state::{KubeletState, PodRuntime, PodStage, State};
use crate::api::model::*;
use crate::kubelet::program::Program;
use crate::runtime::rand::fnv32a;
use crate::api::meta::{Key, Object};
use crate::runtime::time::Dur;

pub(crate) mod container_fs;
pub(crate) mod exec;
pub mod logs;
pub(crate) mod image_files;
pub mod images;
pub mod node;
pub mod program;
mod pulls;
pub(crate) mod shell;

use pulls::{begin_pulls, images_refused, needs_pull, pull_again, pull_back_off, pull_failed, pulled};

/// Whether the kubelet of a node is there to act on its pods.
fn kubelet_up(c: &State, node: &str) -> bool {
    c.store.nodes.contains_key(node) && !matches!(c.agents.kubelets.get(node), Some(KubeletState::Stopped { .. }))
}

/// A pod changed (bound, or deletion requested): start or redirect its lifecycle.
pub fn on_change(c: &mut State, key: &Key) {
    c.forget_gone_pods();
    let Some(pod) = c.store.pods.get(key) else { return };
    if pod.spec.node_name.is_empty() || !kubelet_up(c, &pod.spec.node_name) {
        return;
    }
    let uid = pod.metadata.uid.clone();
    let deleting = pod.metadata.deletion_timestamp.is_some();
    let stage = c.agents.runtime.get(key).filter(|r| r.uid == uid).map(|r| r.stage);
    match (stage, deleting) {
        (None, false) => {
            c.agents.runtime.insert(key.clone(), PodRuntime { uid: uid.clone(), stage: PodStage::Bound, probe_failing: false, probe_failures: 0, crashing: false, backoff_secs: 0, output: String::new(), pull_backoff_secs: 0 });
            let d = c.timings.kubelet_pickup;
            c.after(d, TimerKind::Kubelet { pod: key.clone(), uid });
        }
        (None | Some(PodStage::Bound | PodStage::Finished | PodStage::PullFailed | PodStage::PullBackOff | PodStage::InvalidImage), true) => {
            // Nothing was started yet (no container ever ran: its image never came), or
            // nothing runs any more: the kubelet confirms the deletion at once.
            c.remove_pod_object(key);
        }
        (Some(PodStage::Stopping | PodStage::Stopped), true) => {}
        (Some(_), true) => begin_stop(c, key, &uid),
        (Some(_), false) => {}
    }
}

fn begin_stop(c: &mut State, key: &Key, uid: &str) {
    let Some(pod) = c.store.pods.get(key) else { return };
    let node = pod.spec.node_name.clone();
    let names: Vec<String> = pod.spec.containers.iter().map(|x| x.name.clone()).collect();
    let grace = pod.metadata.deletion_grace_period_seconds.unwrap_or(30).max(0) as u64;
    for n in names {
        c.record_event("Pod", key, uid, "Normal", "Killing", format!("Stopping container {n}"), "kubelet", &node);
    }
    if let Some(r) = c.agents.runtime.get_mut(key) {
        r.stage = PodStage::Stopping;
    }
    let d = c.timings.stop.min(Dur::secs(grace));
    c.after(d, TimerKind::Kubelet { pod: key.clone(), uid: uid.to_string() });
}

/// A timer for this pod fired: advance it one stage (stale timers of a replaced pod are ignored).
pub fn on_timer(c: &mut State, key: &Key, uid: &str) {
    c.forget_gone_pods();
    let Some(rt) = c.agents.runtime.get(key) else { return };
    if rt.uid != uid {
        return;
    }
    let Some(pod) = c.store.pods.get(key) else { return };
    if !kubelet_up(c, &pod.spec.node_name) {
        // A silent kubelet does nothing; `resume` picks the pod up when it is back.
        return;
    }
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
            if !crate::controllers::storage::attach_blocked(&mut c.ctx, &c.agents.runtime, key) && !pull_failed(c, key, uid) {
                start_containers(c, key, uid)
            }
        }
        PodStage::PullFailed => pull_back_off(c, key, uid),
        PodStage::PullBackOff => pull_again(c, key, uid),
        PodStage::InvalidImage => {}
        PodStage::Started => become_ready(c, key),
        PodStage::Ready => {}
        PodStage::Stopping => containers_stopped(c, key, uid),
        PodStage::Stopped => c.remove_pod_object(key),
        PodStage::Finished => {}
    }
}

fn set_stage(c: &mut State, key: &Key, stage: PodStage) {
    if let Some(r) = c.agents.runtime.get_mut(key) {
        r.stage = stage;
    }
}

/// The kubelet's first status: IPs, start time, containers waiting in `ContainerCreating`;
/// then the image: already present, or pulled (and cached on the node).
fn start_sandbox(c: &mut State, key: &Key, uid: &str) {
    let now = c.rt.now.rfc3339();
    let Some(pod) = c.store.pods.get(key) else { return };
    let node = pod.spec.node_name.clone();
    let host_ip = c
        .store.nodes
        .get(&node)
        .and_then(|n| n.status.addresses.iter().find(|a| a.type_ == "InternalIP"))
        .map(|a| a.address.clone())
        .unwrap_or_default();
    let pod_ip = if pod.spec.host_network { host_ip.clone() } else { alloc_ip(c, &node) };
    let rv = c.bump_rv();
    let pod = c.store.pods.get_mut(key).expect("checked");
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
    if images_refused(c, key, uid, &node) {
        set_stage(c, key, PodStage::InvalidImage);
        c.pod_changed(key);
        return;
    }
    // Image pulls: the first use of an image on a node pulls it; later uses find it cached.
    let pull = begin_pulls(c, key, uid, true);
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

fn alloc_ip(c: &mut State, node: &str) -> String {
    let subnet = c.agents.node_subnet.get(node).copied().unwrap_or(0);
    let next = c.agents.node_ip_next.entry(node.to_string()).or_insert(2);
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

fn start_containers(c: &mut State, key: &Key, uid: &str) {
    // The images pulled after all: what kept the pod back is over.
    let pull_why = ("Pod".to_string(), key.clone());
    if c.rec.why.get(&pull_why).is_some_and(|r| r.items.iter().any(|i| matches!(i, crate::runtime::why::WhyItem::ImagePullFailed { .. }))) {
        c.rec.why.remove(&pull_why);
    }
    let now = c.rt.now.rfc3339();
    let Some(pod) = c.store.pods.get(key) else { return };
    let node = pod.spec.node_name.clone();
    let was_pulling = c.agents.runtime.get(key).is_some_and(|r| r.stage == PodStage::Pulling);
    let containers = pod.spec.containers.clone();
    if was_pulling {
        let cached = c.agents.node_images.get(&node).cloned().unwrap_or_default();
        for ct in &containers {
            let present = cached.contains(&ct.image);
            if needs_pull(&ct.image_pull_policy, present) {
                pulled(c, key, uid, &node, &ct.image, present);
            }
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
    let pod = c.store.pods.get_mut(key).expect("checked");
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
    schedule_end(c, key, uid);
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

fn become_ready(c: &mut State, key: &Key) {
    if c.agents.runtime.get(key).is_some_and(|r| r.probe_failing) {
        set_stage(c, key, PodStage::Ready);
        return;
    }
    let now = c.rt.now.rfc3339();
    let rv = c.bump_rv();
    let Some(pod) = c.store.pods.get_mut(key) else { return };
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

fn containers_stopped(c: &mut State, key: &Key, uid: &str) {
    let now = c.rt.now.rfc3339();
    let rv = c.bump_rv();
    let Some(pod) = c.store.pods.get_mut(key) else { return };
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
                ..Default::default()
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

// ------------------------------------------------------------ failures (`sim pod …`)

fn runtime_of<'a>(c: &'a mut State, key: &Key) -> Result<&'a mut PodRuntime, String> {
    let uid = c.store.pods.get(key).map(|p| p.metadata.uid.clone()).ok_or_else(|| format!("pods \"{}\" not found", key.name))?;
    match c.agents.runtime.get_mut(key) {
        Some(r) if r.uid == uid => Ok(r),
        _ => Err(format!("pod \"{}\" has no running containers yet", key.name)),
    }
}

/// The kubelet of a node that came back reports this pod again.
pub fn resume(c: &mut State, key: &Key) {
    c.forget_gone_pods();
    let Some(pod) = c.store.pods.get(key) else { return };
    let uid = pod.metadata.uid.clone();
    let Some(rt) = c.agents.runtime.get(key).filter(|r| r.uid == uid).cloned() else {
        c.enqueue(crate::runtime::queue::Work::Kubelet(key.clone()));
        return;
    };
    if rt.stage == PodStage::Ready && pod.metadata.deletion_timestamp.is_none() {
        let running = pod.status.container_statuses.iter().all(|cs| cs.state.running.is_some());
        if running && !rt.probe_failing {
            become_ready(c, key);
        }
        return;
    }
    let d = c.timings.kubelet_pickup;
    c.after(d, TimerKind::Kubelet { pod: key.clone(), uid });
}

/// The readiness probe's failure output, by probe type.
fn probe_failure(pod: &Pod) -> String {
    let probe = pod.spec.containers.iter().find_map(|c| c.readiness_probe.as_ref());
    match probe {
        Some(p) if p.tcp_socket.is_some() => {
            let port = p.tcp_socket.as_ref().and_then(|v| v.get("port")).and_then(|v| v.as_i64()).unwrap_or(80);
            format!("dial tcp {}:{port}: connect: connection refused", pod.status.pod_ip)
        }
        Some(p) if p.exec.is_some() => "command terminated with non-zero exit code: error executing command, exit code 1".into(),
        _ => "HTTP probe failed with statuscode: 503".into(),
    }
}

fn probe_period(pod: &Pod) -> (u64, u32) {
    let probe = pod.spec.containers.iter().find_map(|c| c.readiness_probe.as_ref());
    let period = probe.and_then(|p| p.period_seconds).unwrap_or(10).max(1) as u64;
    let threshold = probe.and_then(|p| p.failure_threshold).unwrap_or(3).max(1) as u32;
    (period, threshold)
}

/// `sim pod unready`: the readiness probe starts failing. Each failed probe is an `Unhealthy`
/// warning; after `failureThreshold` failures in a row the pod is not Ready.
pub fn fail_readiness(c: &mut State, key: &Key) -> Result<(), String> {
    c.forget_gone_pods();
    let rt = runtime_of(c, key)?;
    if rt.probe_failing {
        return Ok(());
    }
    rt.probe_failing = true;
    rt.probe_failures = 0;
    let uid = rt.uid.clone();
    on_probe(c, key, &uid);
    Ok(())
}

/// `sim pod ready`: the readiness probe passes again (successThreshold 1).
pub fn pass_readiness(c: &mut State, key: &Key) -> Result<(), String> {
    c.forget_gone_pods();
    let rt = runtime_of(c, key)?;
    rt.probe_failing = false;
    rt.probe_failures = 0;
    let stage = rt.stage;
    let running = c.store.pods.get(key).is_some_and(|p| p.status.container_statuses.iter().all(|cs| cs.state.running.is_some()));
    if stage == PodStage::Ready && running && c.store.pods.get(key).is_some_and(|p| p.metadata.deletion_timestamp.is_none()) {
        become_ready(c, key);
    }
    Ok(())
}

/// A readiness probe runs (while it keeps failing).
pub fn on_probe(c: &mut State, key: &Key, uid: &str) {
    c.forget_gone_pods();
    let Some(pod) = c.ctx.store.pods.get(key) else { return };
    if pod.metadata.uid != uid || pod.metadata.deletion_timestamp.is_some() || !kubelet_up(c, &pod.spec.node_name) {
        return;
    }
    let Some(rt) = c.agents.runtime.get_mut(key).filter(|r| r.uid == uid && r.probe_failing) else { return };
    rt.probe_failures += 1;
    let failures = rt.probe_failures;
    let node = pod.spec.node_name.clone();
    let msg = probe_failure(pod);
    let (period, threshold) = probe_period(pod);
    c.record_event("Pod", key, uid, "Warning", "Unhealthy", format!("Readiness probe failed: {msg}"), "kubelet", &node);
    if failures >= threshold {
        mark_unready(c, key);
    }
    c.after(Dur::secs(period), TimerKind::Probe { pod: key.clone(), uid: uid.to_string() });
}

fn mark_unready(c: &mut State, key: &Key) {
    let now = c.rt.now.rfc3339();
    let rv = c.bump_rv();
    let Some(pod) = c.store.pods.get_mut(key) else { return };
    let was_ready = pod.status.conditions.iter().any(|x| x.type_ == "Ready" && x.status == "True");
    for cs in &mut pod.status.container_statuses {
        cs.ready = false;
    }
    set_condition(&mut pod.status.conditions, "ContainersReady", "False", &now);
    set_condition(&mut pod.status.conditions, "Ready", "False", &now);
    pod.metadata.resource_version = rv;
    if was_ready {
        c.pod_changed(key);
    }
}

/// `sim pod crash`: the containers exit with an error shortly after every start, and the
/// kubelet restarts them with a back-off of 10 s, doubling up to 300 s (`CrashLoopBackOff`).
pub fn crash(c: &mut State, key: &Key) -> Result<(), String> {
    c.forget_gone_pods();
    let rt = runtime_of(c, key)?;
    rt.crashing = true;
    let (stage, uid) = (rt.stage, rt.uid.clone());
    if matches!(stage, PodStage::Started | PodStage::Ready) {
        container_exit(c, key, &uid, 1);
    }
    Ok(())
}

/// `sim pod fix`: the next start of the containers keeps running.
pub fn fix(c: &mut State, key: &Key) -> Result<(), String> {
    c.forget_gone_pods();
    runtime_of(c, key)?.crashing = false;
    Ok(())
}

/// How long a crashing container runs before it exits again.
const CRASH_AFTER: Dur = Dur(2000);
/// The kubelet notices an exited container (PLEG) after about a second.
const PLEG_DELAY: Dur = Dur(1000);

/// The containers exited with `code`. The restart policy says what follows: `Always`
/// restarts (with back-off), `OnFailure` only after an error, `Never` leaves the pod
/// `Succeeded` (`Completed`) or `Failed` (`Error`).
fn container_exit(c: &mut State, key: &Key, uid: &str, code: i32) {
    let now = c.rt.now.rfc3339();
    let rv = c.bump_rv();
    let Some(pod) = c.store.pods.get_mut(key) else { return };
    if pod.metadata.deletion_timestamp.is_some() {
        return;
    }
    let restart = match pod.spec.restart_policy.as_str() {
        "Never" => false,
        "OnFailure" => code != 0,
        _ => true,
    };
    pod.metadata.resource_version = rv;
    let reason = if code == 0 { "Completed" } else { "Error" };
    for cs in &mut pod.status.container_statuses {
        let started_at = cs.state.running.as_ref().and_then(|r| r.started_at.clone());
        let t = ContainerState {
            terminated: Some(StateDetail { reason: reason.into(), exit_code: Some(code), started_at, finished_at: Some(now.clone()), ..Default::default() }),
            ..Default::default()
        };
        cs.state = t.clone();
        if restart {
            cs.last_state = t;
        }
        cs.ready = false;
        cs.started = false;
    }
    set_condition(&mut pod.status.conditions, "ContainersReady", "False", &now);
    set_condition(&mut pod.status.conditions, "Ready", "False", &now);
    if restart {
        set_stage(c, key, PodStage::Started);
        c.pod_changed(key);
        c.after(PLEG_DELAY, TimerKind::Restart { pod: key.clone(), uid: uid.to_string() });
    } else {
        pod.status.phase = if code == 0 { "Succeeded" } else { "Failed" }.into();
        set_stage(c, key, PodStage::Finished);
        c.pod_changed(key);
    }
}

/// The process an attached session ran as the container's command (`kubectl run -it … --
/// sh`) exits with `code` when the session ends: the container ends as its command would.
pub fn attached_exited(c: &mut State, key: &Key, code: i32) {
    c.forget_gone_pods();
    let Some(uid) = c.store.pods.get(key).map(|p| p.metadata.uid.clone()) else { return };
    container_exit(c, key, &uid, code);
}

/// A container's command ends, or a crashing container exits (if it is still meant to
/// crash and still running).
pub fn on_exit(c: &mut State, key: &Key, uid: &str) {
    c.forget_gone_pods();
    let Some(pod) = c.store.pods.get(key) else { return };
    if pod.metadata.uid != uid || !kubelet_up(c, &pod.spec.node_name) {
        return;
    }
    let running = pod.status.container_statuses.iter().all(|cs| cs.state.running.is_some());
    let Some(rt) = c.agents.runtime.get(key).filter(|r| r.uid == uid) else { return };
    if !running {
        return;
    }
    if rt.crashing {
        container_exit(c, key, uid, 1);
        return;
    }
    let (output, code) = match pod_program(pod) {
        Program::Serves => return,
        Program::Sleeps(_) => (String::new(), 0),
        Program::Exits(code) => (String::new(), code),
        Program::Once(words) => {
            let name = pod.spec.containers.first().map(|x| x.name.clone()).unwrap_or_default();
            match exec::ContainerHost::new(c, key, &name) {
                Some(mut host) => {
                    let o = shell::exec(&mut host, &words);
                    (o.stdout + &o.stderr, o.status)
                }
                None => (String::new(), 0),
            }
        }
    };
    if let Some(rt) = c.agents.runtime.get_mut(key) {
        rt.output = output;
    }
    container_exit(c, key, uid, code);
}

/// The kubelet's sync for an exited container: restart now, or wait out the back-off.
pub fn on_restart(c: &mut State, key: &Key, uid: &str) {
    c.forget_gone_pods();
    let Some(pod) = c.store.pods.get(key) else { return };
    if pod.metadata.uid != uid || pod.metadata.deletion_timestamp.is_some() || !kubelet_up(c, &pod.spec.node_name) {
        return;
    }
    let node = pod.spec.node_name.clone();
    let pod_name = format!("{}_{}({})", key.name, key.ns, uid);
    let finished = pod
        .status
        .container_statuses
        .iter()
        .filter_map(|cs| cs.last_state.terminated.as_ref().and_then(|t| t.finished_at.as_deref()))
        .filter_map(crate::runtime::time::parse_rfc3339)
        .max()
        .unwrap_or(c.rt.now);
    let names: Vec<String> = pod.spec.containers.iter().map(|x| x.name.clone()).collect();
    let Some(rt) = c.agents.runtime.get_mut(key).filter(|r| r.uid == uid) else { return };
    if rt.backoff_secs == 0 {
        // First exit: no back-off entry yet, restart at once (`backOff.Next` sets 10 s).
        rt.backoff_secs = 10;
    } else {
        let until = finished.plus(Dur::secs(rt.backoff_secs));
        if c.ctx.rt.now < until {
            let rv = c.bump_rv();
            let pod = c.store.pods.get_mut(key).expect("checked");
            pod.metadata.resource_version = rv;
            for cs in &mut pod.status.container_statuses {
                cs.state = ContainerState {
                    waiting: Some(StateDetail { reason: "CrashLoopBackOff".into(), ..Default::default() }),
                    ..Default::default()
                };
            }
            for n in &names {
                c.record_event("Pod", key, uid, "Warning", "BackOff", format!("Back-off restarting failed container {n} in pod {pod_name}"), "kubelet", &node);
            }
            c.pod_changed(key);
            c.ctx.after(until.since(c.ctx.rt.now), TimerKind::Restart { pod: key.clone(), uid: uid.to_string() });
            return;
        }
        rt.backoff_secs = (rt.backoff_secs * 2).min(300);
    }
    restart_containers(c, key, uid);
}

fn restart_containers(c: &mut State, key: &Key, uid: &str) {
    let now = c.rt.now.rfc3339();
    let rv = c.bump_rv();
    let Some(pod) = c.store.pods.get_mut(key) else { return };
    pod.metadata.resource_version = rv;
    let node = pod.spec.node_name.clone();
    let containers: Vec<(String, String)> = pod.spec.containers.iter().map(|x| (x.name.clone(), x.image.clone())).collect();
    // A new container: its writable layer and its log start empty (volumes stay).
    for (name, _) in &containers {
        c.agents.disks.container_restarted(uid, name);
    }
    let Some(pod) = c.ctx.store.pods.get_mut(key) else { return };
    for cs in &mut pod.status.container_statuses {
        cs.restart_count += 1;
        cs.started = true;
        cs.state = ContainerState {
            running: Some(StateDetail { started_at: Some(now.clone()), ..Default::default() }),
            ..Default::default()
        };
    }
    for (n, image) in &containers {
        c.record_event("Pod", key, uid, "Normal", "Pulled", format!("Container image \"{image}\" already present on machine"), "kubelet", &node);
        c.record_event("Pod", key, uid, "Normal", "Created", format!("Created container: {n}"), "kubelet", &node);
        c.record_event("Pod", key, uid, "Normal", "Started", format!("Started container {n}"), "kubelet", &node);
    }
    let crashing = c.agents.runtime.get(key).is_some_and(|r| r.crashing);
    let has_probe = c.store.pods.get(key).is_some_and(|p| p.spec.containers.iter().any(|x| x.readiness_probe.is_some()));
    if has_probe {
        set_stage(c, key, PodStage::Started);
        c.after(Dur::secs(1), TimerKind::Kubelet { pod: key.clone(), uid: uid.to_string() });
        c.pod_changed(key);
    } else {
        become_ready(c, key);
    }
    if crashing {
        c.after(CRASH_AFTER, TimerKind::Exit { pod: key.clone(), uid: uid.to_string() });
    } else {
        schedule_end(c, key, uid);
    }
}

/// What a pod's container runs (`program::of`). Pods of several containers are taken to
/// serve: their containers would end one by one, which the simulator does not follow.
fn pod_program(pod: &Pod) -> Program {
    match pod.spec.containers.as_slice() {
        [one] => program::of(one),
        _ => Program::Serves,
    }
}

/// How long a command that runs once takes before it exits.
const RUN_ONCE: Dur = Dur(300);

/// Containers just started: if their command ends, its end is due then.
fn schedule_end(c: &mut State, key: &Key, uid: &str) {
    let Some(pod) = c.store.pods.get(key) else { return };
    let after = match pod_program(pod) {
        Program::Serves => return,
        Program::Sleeps(d) => d,
        Program::Once(_) | Program::Exits(_) => RUN_ONCE,
    };
    c.after(after, TimerKind::Exit { pod: key.clone(), uid: uid.to_string() });
}

/// What `kubectl logs` shows of a container whose command ends (`None` for one that serves):
/// the output of its last run, nothing while it still runs.
pub fn program_logs(c: &State, pod: &Pod) -> Option<String> {
    if pod_program(pod) == Program::Serves {
        return None;
    }
    let ended = pod.status.container_statuses.iter().any(|cs| cs.state.terminated.is_some() || cs.last_state.terminated.is_some());
    Some(if ended { c.agents.runtime.get(&pod.key()).filter(|r| r.uid == pod.metadata.uid).map(|r| r.output.clone()).unwrap_or_default() } else { String::new() })
}

#[cfg(test)]
mod tests {
    use super::go_duration;
    use crate::runtime::time::Dur;

    #[test]
    fn go_durations() {
        assert_eq!(go_duration(Dur::ms(452)), "452ms");
        assert_eq!(go_duration(Dur::ms(2500)), "2.5s");
        assert_eq!(go_duration(Dur::ms(3000)), "3s");
    }
}
