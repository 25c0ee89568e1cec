//! Image pulls as the kubelet's image manager does them (`EnsureImageExists`): `Pulling`,
//! then `Pulled`, or for an image the registry does not have `Failed` with containerd's
//! error and `ErrImagePull`, the next sync `BackOff` and `ImagePullBackOff`, and a new
//! pull when the back-off (10 s, doubling up to 300 s) is over.

use super::{images, set_stage, go_duration};
use crate::api::meta::Key;
use crate::api::model::*;
use crate::runtime::queue::TimerKind;
use crate::runtime::rand::fnv32a;
use crate::runtime::time::Dur;
use crate::runtime::why::{WhyItem, WhyRecord};
use crate::state::{PodStage, State};

/// An image pulled: the kubelet's `Pulled` event, and the image kept on the node.
pub(super) fn pulled(c: &mut State, key: &Key, uid: &str, node: &str, image: &str, present: bool) {
    let took = if present { Dur::ms(400) } else { c.timings.image_pull };
    let size = 20_000_000 + (fnv32a(image.as_bytes()) % 180_000_000) as u64;
    let t = go_duration(took);
    c.record_event(
        "Pod",
        key,
        uid,
        "Normal",
        "Pulled",
        format!("Successfully pulled image \"{image}\" in {t} ({t} including waiting). Image size: {size} bytes."),
        "kubelet",
        node,
    );
    c.agents.node_images.entry(node.to_string()).or_default().insert(image.to_string());
}

/// How long a pull takes: a cached image only checks its digest, a new one downloads, a
/// missing one fails as soon as the registry answers.
fn pull_time(c: &State, image: &str, present: bool) -> Dur {
    if present {
        Dur::ms(400)
    } else if images::pull(image).is_err() {
        FAILED_PULL
    } else {
        c.timings.image_pull
    }
}

/// Whether the kubelet pulls an image (`shouldPullImage`): missing on the node, or `Always`.
pub(super) fn needs_pull(policy: &str, present: bool) -> bool {
    policy != "Never" && (!present || policy == "Always")
}

/// The kubelet's pass over the pod's images: `Pulling` for each one it must pull and, on the
/// first pass, `already present` for the others. How long the pulls take (zero: none).
pub(super) fn begin_pulls(c: &mut State, key: &Key, uid: &str, first: bool) -> Dur {
    let Some(pod) = c.store.pods.get(key) else { return Dur::ZERO };
    let node = pod.spec.node_name.clone();
    let images: Vec<(String, String)> = pod.spec.containers.iter().map(|ct| (ct.image.clone(), ct.image_pull_policy.clone())).collect();
    let cached = c.agents.node_images.entry(node.clone()).or_default().clone();
    let mut pull = Dur::ZERO;
    for (image, policy) in &images {
        let present = cached.contains(image);
        if needs_pull(policy, present) {
            c.record_event("Pod", key, uid, "Normal", "Pulling", format!("Pulling image \"{image}\""), "kubelet", &node);
            pull = pull.max(pull_time(c, image, present));
        } else if first {
            c.record_event("Pod", key, uid, "Normal", "Pulled", format!("Container image \"{image}\" already present on machine"), "kubelet", &node);
        }
    }
    pull
}

/// How long the registry takes to say an image does not exist.
const FAILED_PULL: Dur = Dur(1000);

/// The kubelet's image back-off (`flowcontrol.NewBackOff(10s, 300s)` for image pulls).
const PULL_BACKOFF_FIRST: u64 = 10;
const PULL_BACKOFF_MAX: u64 = 300;

/// Containers whose image must be pulled and does not exist: (index, image, containerd's error).
pub(super) fn failing_pulls(c: &State, key: &Key) -> Vec<(usize, String, String)> {
    let Some(pod) = c.store.pods.get(key) else { return Vec::new() };
    let cached = c.agents.node_images.get(&pod.spec.node_name);
    pod.spec
        .containers
        .iter()
        .enumerate()
        .filter(|(_, ct)| needs_pull(&ct.image_pull_policy, cached.is_some_and(|s| s.contains(&ct.image))))
        .filter_map(|(i, ct)| match images::pull(&ct.image) {
            Err(images::PullError::NotFound(m)) => Some((i, ct.image.clone(), m)),
            _ => None,
        })
        .collect()
}

/// A container's waiting reason and message.
pub(super) fn set_waiting(c: &mut State, key: &Key, index: usize, reason: &str, message: &str) {
    let rv = c.bump_rv();
    let Some(pod) = c.store.pods.get_mut(key) else { return };
    pod.metadata.resource_version = rv;
    if let Some(cs) = pod.status.container_statuses.get_mut(index) {
        cs.state = ContainerState {
            waiting: Some(StateDetail { reason: reason.into(), message: message.into(), ..Default::default() }),
            ..Default::default()
        };
    }
}

/// The pulls of the pod ended; if an image does not exist, the kubelet reports
/// `ErrImagePull` and backs off (`EnsureImageExists`). Images that did pull are kept on the
/// node. Whether the pod stopped here.
pub(super) fn pull_failed(c: &mut State, key: &Key, uid: &str) -> bool {
    if c.agents.runtime.get(key).is_none_or(|r| r.stage != PodStage::Pulling) {
        return false;
    }
    let failing = failing_pulls(c, key);
    if failing.is_empty() {
        return false;
    }
    let Some(pod) = c.store.pods.get(key) else { return true };
    let node = pod.spec.node_name.clone();
    let cached = c.agents.node_images.get(&node).cloned().unwrap_or_default();
    let good: Vec<(String, bool)> = pod
        .spec
        .containers
        .iter()
        .enumerate()
        .filter(|(i, ct)| !failing.iter().any(|(f, _, _)| f == i) && needs_pull(&ct.image_pull_policy, cached.contains(&ct.image)))
        .map(|(_, ct)| (ct.image.clone(), cached.contains(&ct.image)))
        .collect();
    for (image, present) in good {
        pulled(c, key, uid, &node, &image, present);
    }
    for (i, image, message) in &failing {
        c.record_event("Pod", key, uid, "Warning", "Failed", format!("Failed to pull image \"{image}\": {message}"), "kubelet", &node);
        c.record_event("Pod", key, uid, "Warning", "Failed", "Error: ErrImagePull".into(), "kubelet", &node);
        set_waiting(c, key, *i, "ErrImagePull", message);
    }
    let backoff = match c.agents.runtime.get_mut(key) {
        Some(r) => {
            r.pull_backoff_secs = if r.pull_backoff_secs == 0 { PULL_BACKOFF_FIRST } else { (r.pull_backoff_secs * 2).min(PULL_BACKOFF_MAX) };
            r.stage = PodStage::PullFailed;
            r.pull_backoff_secs
        }
        None => return true,
    };
    c.after(Dur::secs(backoff), TimerKind::Kubelet { pod: key.clone(), uid: uid.to_string() });
    // The why panel names the image that does not pull and when the kubelet tries again.
    let items = failing.iter().map(|(_, image, _)| WhyItem::ImagePullFailed { pod: key.name.clone(), image: image.clone(), seconds: backoff }).collect();
    let at_ms = c.rt.now.millis();
    c.rec.why.insert(("Pod".into(), key.clone()), WhyRecord { at_ms, items });
    c.pod_changed(key);
    true
}

/// The next sync finds the image in back-off: `ImagePullBackOff` until it is over.
pub(super) fn pull_back_off(c: &mut State, key: &Key, uid: &str) {
    let Some(node) = c.store.pods.get(key).map(|p| p.spec.node_name.clone()) else { return };
    let failing = failing_pulls(c, key);
    for (i, image, message) in &failing {
        c.record_event("Pod", key, uid, "Normal", "BackOff", format!("Back-off pulling image \"{image}\""), "kubelet", &node);
        c.record_event("Pod", key, uid, "Warning", "Failed", "Error: ImagePullBackOff".into(), "kubelet", &node);
        set_waiting(c, key, *i, "ImagePullBackOff", &format!("Back-off pulling image \"{image}\": ErrImagePull: {message}"));
    }
    let backoff = c.agents.runtime.get(key).map_or(PULL_BACKOFF_FIRST, |r| r.pull_backoff_secs);
    set_stage(c, key, PodStage::PullBackOff);
    c.after(Dur::secs(backoff), TimerKind::Kubelet { pod: key.clone(), uid: uid.to_string() });
    c.pod_changed(key);
}

/// The back-off is over: the kubelet pulls again what is missing (the pod's images as they
/// are now: `kubectl set image` on the pod changes them).
pub(super) fn pull_again(c: &mut State, key: &Key, uid: &str) {
    let pull = begin_pulls(c, key, uid, false);
    set_stage(c, key, PodStage::Pulling);
    c.after(pull.max(Dur::ms(1)), TimerKind::Kubelet { pod: key.clone(), uid: uid.to_string() });
}

/// Images the kubelet will not pull at all: a reference it cannot read (`InvalidImageName`,
/// after `InspectFailed`), or `imagePullPolicy: Never` for an image not on the node
/// (`ErrImageNeverPull`). Whether the pod stops here.
pub(super) fn images_refused(c: &mut State, key: &Key, uid: &str, node: &str) -> bool {
    let containers = c.store.pods.get(key).map(|p| p.spec.containers.clone()).unwrap_or_default();
    let invalid: Vec<(usize, String)> = containers
        .iter()
        .enumerate()
        .filter_map(|(i, ct)| match images::pull(&ct.image) {
            Err(images::PullError::InvalidName(m)) => Some((i, m)),
            _ => None,
        })
        .collect();
    if !invalid.is_empty() {
        for (i, m) in invalid {
            c.record_event("Pod", key, uid, "Warning", "InspectFailed", m.clone(), "kubelet", node);
            c.record_event("Pod", key, uid, "Warning", "Failed", "Error: InvalidImageName".into(), "kubelet", node);
            set_waiting(c, key, i, "InvalidImageName", &m);
        }
        return true;
    }
    let cached = c.agents.node_images.get(node).cloned().unwrap_or_default();
    let never: Vec<(usize, String)> = containers
        .iter()
        .enumerate()
        .filter(|(_, ct)| ct.image_pull_policy == "Never" && !cached.contains(&ct.image))
        .map(|(i, ct)| (i, format!("Container image \"{}\" is not present with pull policy of Never", ct.image)))
        .collect();
    for (i, m) in &never {
        c.record_event("Pod", key, uid, "Warning", "ErrImageNeverPull", m.clone(), "kubelet", node);
        c.record_event("Pod", key, uid, "Warning", "Failed", "Error: ErrImageNeverPull".into(), "kubelet", node);
        set_waiting(c, key, *i, "ErrImageNeverPull", m);
    }
    !never.is_empty()
}
