//! kubectl's polymorphic helpers (`polymorphichelpers`): for each workload kind, its API
//! form, how a changed form is stored, and, for the kinds `kubectl rollout` takes, its
//! revisions, its current template and the line `rollout status` prints. The resource
//! registry points each workload kind at its entry here.

use crate::api::meta::{Key, Object};
use crate::api::model::*;
use crate::cluster::Cluster;
use serde_json::Value;

/// What kubectl does with a workload kind.
pub(crate) struct Workload {
    /// The API form of an object, as the simulator stores it.
    pub(crate) json: fn(&Cluster, &Key) -> Option<Value>,
    /// Stores a changed form (status kept from the live object). `Ok(false)`: no change.
    pub(crate) put: fn(&mut Cluster, &Key, Value) -> Result<bool, String>,
    /// `kubectl rollout`, for the kinds it takes.
    pub(crate) rollout: Option<Rollout>,
}

/// The rollout helpers of a kind (`HistoryViewerFor`, `RollbackerFor`, `StatusViewerFor`).
pub(crate) struct Rollout {
    /// Revision numbers and their templates, oldest first.
    pub(crate) revisions: fn(&Cluster, &Key) -> Vec<(i64, PodTemplateSpec)>,
    pub(crate) template: fn(&Cluster, &Key) -> Option<PodTemplateSpec>,
    /// The line `kubectl rollout status` prints for the object now, and whether it is done.
    pub(crate) status: fn(&Cluster, &Key) -> Result<(String, bool), String>,
}

pub(crate) fn to_json<T: serde::Serialize>(o: &T) -> Value {
    serde_json::to_value(o).unwrap_or(Value::Null)
}

pub(crate) const DAEMONSET: Workload = Workload {
    json: |c, k| c.daemonset(k).map(to_json),
    put: |c, k, v| put_as(c, k, v, |c, k| c.daemonset(k), |old, n| {
        n.status = old.status.clone();
        if n.spec.template != old.spec.template {
            let tg: i64 = old.metadata.annotations.get(crate::api::apps_v1::TEMPLATE_GENERATION_ANNOTATION).and_then(|v| v.parse().ok()).unwrap_or(1);
            n.metadata.annotations.insert(crate::api::apps_v1::TEMPLATE_GENERATION_ANNOTATION.into(), (tg + 1).to_string());
        }
        n.spec != old.spec
    }, |c, n| c.put_daemonset(n)),
    rollout: Some(Rollout {
        revisions: |c, k| controller_revisions(c, k, c.daemonset(k).map(|d| d.metadata.uid.clone()), true),
        template: |c, k| c.daemonset(k).and_then(|d| d.spec.template.clone()),
        status: daemonset_status,
    }),
};

pub(crate) const STATEFULSET: Workload = Workload {
    json: |c, k| c.statefulset(k).map(to_json),
    put: |c, k, v| put_as(c, k, v, |c, k| c.statefulset(k), |old, n| {
        n.status = old.status.clone();
        n.spec != old.spec
    }, |c, n| c.put_statefulset(n)),
    rollout: Some(Rollout {
        revisions: |c, k| controller_revisions(c, k, c.statefulset(k).map(|s| s.metadata.uid.clone()), false),
        template: |c, k| c.statefulset(k).and_then(|d| d.spec.template.clone()),
        status: statefulset_status,
    }),
};

pub(crate) const DEPLOYMENT: Workload = Workload {
    json: |c, k| c.deployment(k).map(to_json),
    put: |c, k, v| put_as(c, k, v, |c, k| c.deployment(k), |old, n| {
        n.status = old.status.clone();
        n.spec != old.spec
    }, |c, n| c.put_deployment(n)),
    rollout: Some(Rollout { revisions: deployment_revisions, template: |c, k| c.deployment(k).and_then(|d| d.spec.template.clone()), status: deployment_status }),
};

pub(crate) const REPLICASET: Workload = Workload {
    json: |c, k| c.replicaset(k).map(to_json),
    put: |c, k, v| put_as(c, k, v, |c, k| c.replicaset(k), |old, n| {
        n.status = old.status.clone();
        n.spec != old.spec
    }, |c, n| c.put_replicaset(n)),
    rollout: None,
};

/// Stores `new` as the object at `key` (read by `get`): `keep` carries over from the live
/// object what a write does not change and says whether the spec changed; an unchanged
/// object is not written.
fn put_as<T>(
    c: &mut Cluster,
    key: &Key,
    new: Value,
    get: for<'a> fn(&'a Cluster, &Key) -> Option<&'a T>,
    keep: fn(&T, &mut T) -> bool,
    store: fn(&mut Cluster, T),
) -> Result<bool, String>
where
    T: Object + Clone + PartialEq + serde::de::DeserializeOwned + serde::Serialize,
{
    let old = get(c, key).cloned().ok_or("not found")?;
    let mut n: T = crate::manifest::from_json(&new).map_err(|e| format!("error: {e}"))?;
    let spec_changed = keep(&old, &mut n);
    if n == old {
        return Ok(false);
    }
    if spec_changed {
        n.meta_mut().generation = Some(old.meta().generation.unwrap_or(1) + 1);
    }
    n.meta_mut().resource_version = c.bump_rv();
    store(c, n);
    Ok(true)
}

/// A Deployment's revisions: its ReplicaSets' `deployment.kubernetes.io/revision`.
fn deployment_revisions(c: &Cluster, key: &Key) -> Vec<(i64, PodTemplateSpec)> {
    let mut out: Vec<(i64, PodTemplateSpec)> = Vec::new();
    let Some(d) = c.deployment(key) else { return out };
    for rs in c.replicasets().filter(|r| r.metadata.namespace == key.ns && r.controller_ref().is_some_and(|o| o.uid == d.metadata.uid)) {
        let rev = rs.metadata.annotations.get(crate::controllers::deployment::REVISION).and_then(|v| v.parse().ok()).unwrap_or(0);
        let mut t = rs.spec.template.clone().unwrap_or_default();
        t.metadata.labels.remove("pod-template-hash");
        out.push((rev, t));
    }
    crate::runtime::sort::by_key(&mut out, |(r, _)| *r);
    out
}

/// A DaemonSet's or StatefulSet's revisions: the ControllerRevisions it owns (`uid`). A
/// DaemonSet without any (`fallback`) counts its template generation as its one revision.
fn controller_revisions(c: &Cluster, key: &Key, uid: Option<String>, fallback: bool) -> Vec<(i64, PodTemplateSpec)> {
    let mut out: Vec<(i64, PodTemplateSpec)> = Vec::new();
    let Some(uid) = uid else { return out };
    for r in c.controllerrevisions().filter(|r| r.metadata.namespace == key.ns && r.controller_ref().is_some_and(|o| o.uid == uid)) {
        let mut t = r.data.pointer("/spec/template").cloned().unwrap_or(Value::Null);
        if let Some(m) = t.as_object_mut() {
            m.remove("$patch");
        }
        if let Ok(t) = crate::manifest::from_json::<PodTemplateSpec>(&t) {
            out.push((r.revision, t));
        }
    }
    if out.is_empty() && fallback {
        if let Some(d) = c.daemonset(key) {
            let g = d.metadata.annotations.get(crate::api::apps_v1::TEMPLATE_GENERATION_ANNOTATION).and_then(|v| v.parse().ok()).unwrap_or(1);
            out.push((g, d.spec.template.clone().unwrap_or_default()));
        }
    }
    crate::runtime::sort::by_key(&mut out, |(r, _)| *r);
    out
}

fn deployment_status(c: &Cluster, key: &Key) -> Result<(String, bool), String> {
    let name = &key.name;
    let d = c.deployment(key).ok_or("gone")?;
    let s = &d.status;
    let want = d.spec.replicas.unwrap_or(1);
    if d.metadata.generation.unwrap_or(1) <= s.observed_generation {
        if s.conditions.iter().any(|c| c.type_ == "Progressing" && c.reason == "ProgressDeadlineExceeded") {
            return Err(format!("deployment \"{name}\" exceeded its progress deadline"));
        }
        if s.updated_replicas < want {
            return Ok((format!("Waiting for deployment \"{name}\" rollout to finish: {} out of {want} new replicas have been updated...", s.updated_replicas), false));
        }
        if s.replicas > s.updated_replicas {
            return Ok((format!("Waiting for deployment \"{name}\" rollout to finish: {} old replicas are pending termination...", s.replicas - s.updated_replicas), false));
        }
        if s.available_replicas < s.updated_replicas {
            return Ok((format!("Waiting for deployment \"{name}\" rollout to finish: {} of {} updated replicas are available...", s.available_replicas, s.updated_replicas), false));
        }
        return Ok((format!("deployment \"{name}\" successfully rolled out"), true));
    }
    Ok(("Waiting for deployment spec update to be observed...".into(), false))
}

fn daemonset_status(c: &Cluster, key: &Key) -> Result<(String, bool), String> {
    let name = &key.name;
    let d = c.daemonset(key).ok_or("gone")?;
    if !d.spec.update_strategy.type_.is_empty() && d.spec.update_strategy.type_ != "RollingUpdate" {
        return Err("rollout status is only available for RollingUpdate strategy type".into());
    }
    let s = &d.status;
    if d.metadata.generation.unwrap_or(1) <= s.observed_generation {
        if s.updated_number_scheduled < s.desired_number_scheduled {
            return Ok((format!("Waiting for daemon set \"{name}\" rollout to finish: {} out of {} new pods have been updated...", s.updated_number_scheduled, s.desired_number_scheduled), false));
        }
        if s.number_available < s.desired_number_scheduled {
            return Ok((format!("Waiting for daemon set \"{name}\" rollout to finish: {} of {} updated pods are available...", s.number_available, s.desired_number_scheduled), false));
        }
        return Ok((format!("daemon set \"{name}\" successfully rolled out"), true));
    }
    Ok(("Waiting for daemon set spec update to be observed...".into(), false))
}

fn statefulset_status(c: &Cluster, key: &Key) -> Result<(String, bool), String> {
    let sts = c.statefulset(key).ok_or("gone")?;
    if !sts.spec.update_strategy.type_.is_empty() && sts.spec.update_strategy.type_ != "RollingUpdate" {
        return Err("rollout status is only available for RollingUpdate strategy type".into());
    }
    let s = &sts.status;
    let want = sts.spec.replicas.unwrap_or(1);
    if s.observed_generation == 0 || sts.metadata.generation.unwrap_or(1) > s.observed_generation {
        return Ok(("Waiting for statefulset spec update to be observed...".into(), false));
    }
    if s.ready_replicas < want {
        return Ok((format!("Waiting for {} pods to be ready...", want - s.ready_replicas), false));
    }
    if let Some(ru) = &sts.spec.update_strategy.rolling_update {
        let partition = ru.partition.unwrap_or(0);
        if s.updated_replicas < want - partition {
            return Ok((format!("Waiting for partitioned roll out to finish: {} out of {} new pods have been updated...", s.updated_replicas, want - partition), false));
        }
        return Ok((format!("partitioned roll out complete: {} new pods have been updated...", s.updated_replicas), true));
    }
    if s.update_revision != s.current_revision {
        return Ok((format!("waiting for statefulset rolling update to complete {} pods at revision {}...", s.updated_replicas, s.update_revision), false));
    }
    Ok((format!("statefulset rolling update complete {} pods at revision {}...", s.current_replicas, s.current_revision), true))
}
