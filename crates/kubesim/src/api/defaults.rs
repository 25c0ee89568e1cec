//! Defaults the API server applies on create (`pkg/apis/*/v1/defaults.go`).

use crate::api::model::*;

/// Pod spec defaults (also applied to pod templates).
pub fn pod_spec(s: &mut PodSpec) {
    if s.restart_policy.is_empty() {
        s.restart_policy = "Always".into();
    }
    if s.termination_grace_period_seconds.is_none() {
        s.termination_grace_period_seconds = Some(30);
    }
    if s.dns_policy.is_empty() {
        s.dns_policy = "ClusterFirst".into();
    }
    if s.scheduler_name.is_empty() {
        s.scheduler_name = "default-scheduler".into();
    }
    if s.security_context.is_none() {
        s.security_context = Some(serde_yaml::Value::Mapping(Default::default()));
    }
    for c in s.init_containers.iter_mut().chain(s.containers.iter_mut()) {
        container(c);
    }
}

fn container(c: &mut Container) {
    if c.image_pull_policy.is_empty() {
        c.image_pull_policy = if image_tag(&c.image).is_none_or(|t| t == "latest") {
            "Always".into()
        } else {
            "IfNotPresent".into()
        };
    }
    if c.termination_message_path.is_empty() {
        c.termination_message_path = "/dev/termination-log".into();
    }
    if c.termination_message_policy.is_empty() {
        c.termination_message_policy = "File".into();
    }
    for p in &mut c.ports {
        if p.protocol.is_empty() {
            p.protocol = "TCP".into();
        }
    }
    for p in [&mut c.readiness_probe, &mut c.liveness_probe, &mut c.startup_probe].into_iter().flatten() {
        p.timeout_seconds.get_or_insert(1);
        p.period_seconds.get_or_insert(10);
        p.success_threshold.get_or_insert(1);
        p.failure_threshold.get_or_insert(3);
    }
}

/// The tag of an image reference (`nginx:1.27` → `1.27`), ignoring a registry port and digests.
pub fn image_tag(image: &str) -> Option<&str> {
    let without_digest = image.split('@').next().unwrap_or(image);
    let last = without_digest.rsplit('/').next().unwrap_or(without_digest);
    last.split_once(':').map(|(_, t)| t)
}

/// DaemonSet defaults (`SetDefaults_DaemonSet`).
pub fn daemonset(ds: &mut DaemonSet) {
    let s = &mut ds.spec;
    if s.update_strategy.type_.is_empty() {
        s.update_strategy.type_ = "RollingUpdate".into();
    }
    if s.update_strategy.type_ == "RollingUpdate" {
        let ru = s.update_strategy.rolling_update.get_or_insert_with(Default::default);
        ru.max_unavailable.get_or_insert(IntOrString::Int(1));
        ru.max_surge.get_or_insert(IntOrString::Int(0));
    }
    s.revision_history_limit.get_or_insert(10);
    if let Some(t) = &mut s.template {
        pod_spec(&mut t.spec);
    }
    if ds.metadata.namespace.is_empty() {
        ds.metadata.namespace = "default".into();
    }
}

/// Deployment defaults (`SetDefaults_Deployment`): replicas 1, RollingUpdate 25%/25%,
/// revisionHistoryLimit 10, progressDeadlineSeconds 600.
pub fn deployment(d: &mut Deployment) {
    let s = &mut d.spec;
    s.replicas.get_or_insert(1);
    if s.strategy.type_.is_empty() {
        s.strategy.type_ = "RollingUpdate".into();
    }
    if s.strategy.type_ == "RollingUpdate" {
        let ru = s.strategy.rolling_update.get_or_insert_with(Default::default);
        ru.max_unavailable.get_or_insert(IntOrString::Str("25%".into()));
        ru.max_surge.get_or_insert(IntOrString::Str("25%".into()));
    }
    s.revision_history_limit.get_or_insert(10);
    s.progress_deadline_seconds.get_or_insert(600);
    if let Some(t) = &mut s.template {
        pod_spec(&mut t.spec);
    }
    if d.metadata.namespace.is_empty() {
        d.metadata.namespace = "default".into();
    }
}

/// ReplicaSet defaults (`SetDefaults_ReplicaSet`): replicas 1.
pub fn replicaset(rs: &mut ReplicaSet) {
    rs.spec.replicas.get_or_insert(1);
    if let Some(t) = &mut rs.spec.template {
        pod_spec(&mut t.spec);
    }
    if rs.metadata.namespace.is_empty() {
        rs.metadata.namespace = "default".into();
    }
}

/// API defaults (`SetDefaults_StatefulSet`), with the MaxUnavailableStatefulSet gate off.
pub fn statefulset(set: &mut StatefulSet) {
    let s = &mut set.spec;
    s.replicas.get_or_insert(1);
    if s.pod_management_policy.is_empty() {
        s.pod_management_policy = "OrderedReady".into();
    }
    if s.update_strategy.type_.is_empty() {
        s.update_strategy.type_ = "RollingUpdate".into();
        s.update_strategy.rolling_update.get_or_insert_with(Default::default);
    }
    if s.update_strategy.type_ == "RollingUpdate" {
        if let Some(ru) = &mut s.update_strategy.rolling_update {
            ru.partition.get_or_insert(0);
        }
    }
    s.revision_history_limit.get_or_insert(10);
    let p = s.persistent_volume_claim_retention_policy.get_or_insert_with(Default::default);
    if p.when_deleted.is_empty() {
        p.when_deleted = "Retain".into();
    }
    if p.when_scaled.is_empty() {
        p.when_scaled = "Retain".into();
    }
    if let Some(t) = &mut s.template {
        pod_spec(&mut t.spec);
    }
    for pvc in &mut s.volume_claim_templates {
        claim(pvc);
        if pvc.status.phase.is_empty() {
            pvc.status.phase = "Pending".into();
        }
    }
    if set.metadata.namespace.is_empty() {
        set.metadata.namespace = "default".into();
    }
}

/// API defaults for a claim (also used for volumeClaimTemplates): volumeMode Filesystem.
pub fn claim(pvc: &mut PersistentVolumeClaim) {
    pvc.spec.volume_mode.get_or_insert_with(|| "Filesystem".into());
}

/// API defaults for a volume: reclaim Retain, volumeMode Filesystem.
pub fn volume(pv: &mut PersistentVolume) {
    if pv.spec.persistent_volume_reclaim_policy.is_empty() {
        pv.spec.persistent_volume_reclaim_policy = "Retain".into();
    }
    if pv.spec.volume_mode.is_empty() {
        pv.spec.volume_mode = "Filesystem".into();
    }
}

/// API defaults for a Service (`SetDefaults_Service`): type ClusterIP, TCP ports with
/// targetPort = port, sessionAffinity None, single-stack IPv4.
pub fn service(s: &mut Service) {
    if s.spec.type_.is_empty() {
        s.spec.type_ = "ClusterIP".into();
    }
    if s.spec.session_affinity.is_empty() {
        s.spec.session_affinity = "None".into();
    }
    for p in &mut s.spec.ports {
        if p.protocol.is_empty() {
            p.protocol = "TCP".into();
        }
        if p.target_port.is_none() {
            p.target_port = Some(IntOrString::Int(p.port as i64));
        }
    }
    if s.spec.ip_families.is_empty() {
        s.spec.ip_families = vec!["IPv4".into()];
    }
    if s.spec.ip_family_policy.is_empty() {
        s.spec.ip_family_policy = "SingleStack".into();
    }
    if s.spec.internal_traffic_policy.is_empty() {
        s.spec.internal_traffic_policy = "Cluster".into();
    }
    if s.metadata.namespace.is_empty() {
        s.metadata.namespace = "default".into();
    }
}
