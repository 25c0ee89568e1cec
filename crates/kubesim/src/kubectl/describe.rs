//! `kubectl describe`: the layouts of `pkg/describe/describe.go`, written with tabs and laid
//! out by Go's tabwriter (min width 0, padding 2) as kubectl does.

use super::{qualified_plural, resource_type, selector_matches, Flags, Output};
use crate::cluster::{parse_rfc3339, Cluster};
use crate::api::model::*;
use crate::kubectl::printers::{self, age_since, rfc1123z, tabwrite};
use crate::api::meta::Key;
use crate::runtime::time::Time;

fn ts(s: &str) -> String {
    parse_rfc3339(s).map(rfc1123z).unwrap_or_else(|| "<unset>".into())
}

fn none_if_empty(s: &str) -> String {
    if s.is_empty() {
        "<none>".into()
    } else {
        s.to_string()
    }
}

/// `Labels:\tk=v` and following `\tk2=v2` lines; `indent` goes before each.
fn labels_block(w: &mut String, indent: &str, title: &str, labels: &Labels) {
    w.push_str(&format!("{indent}{title}:\t"));
    if labels.is_empty() {
        w.push_str("<none>\n");
        return;
    }
    for (i, (k, v)) in labels.iter().enumerate() {
        if i > 0 {
            w.push_str(&format!("{indent}\t"));
        }
        w.push_str(&format!("{k}={v}\n"));
    }
}

fn annotations_block(w: &mut String, indent: &str, ann: &Labels) {
    w.push_str(&format!("{indent}Annotations:\t"));
    let shown: Vec<(&String, &String)> = ann.iter().filter(|(k, _)| *k != "kubectl.kubernetes.io/last-applied-configuration").collect();
    if shown.is_empty() {
        w.push_str("<none>\n");
        return;
    }
    for (i, (k, v)) in shown.iter().enumerate() {
        if i > 0 {
            w.push_str(&format!("{indent}\t"));
        }
        w.push_str(&format!("{k}: {v}\n"));
    }
}

/// The Events section: the object's events (by its uid, as kubectl searches them: a pod
/// made again under the same name does not inherit its predecessor's), oldest last seen
/// first.
fn events_block(w: &mut String, c: &Cluster, kind: &str, ns: &str, name: &str, uid: &str) {
    let mut evs: Vec<&Event> = c
        .events()
        .iter()
        .filter(|e| e.involved_object.kind == kind && e.involved_object.name == name && e.involved_object.namespace == ns && e.involved_object.uid == uid)
        .collect();
    if evs.is_empty() {
        w.push_str("Events:\t<none>\n");
        return;
    }
    crate::runtime::sort::by_key(&mut evs, |e| e.last_ms);
    w.push_str("Events:\n  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n");
    for e in evs {
        let interval = if e.count > 1 {
            format!("{} (x{} over {})", age_since(c.rt.now, Time(e.last_ms)), e.count, age_since(c.rt.now, Time(e.first_ms)))
        } else {
            age_since(c.rt.now, Time(e.first_ms))
        };
        w.push_str(&format!("  {}\t{}\t{}\t{}\t{}\n", e.type_, e.reason, interval, e.source.component, e.message.trim()));
    }
}

fn controlled_by(w: &mut String, m: &ObjectMeta) {
    if let Some(r) = m.owner_references.iter().find(|r| r.controller == Some(true)) {
        w.push_str(&format!("Controlled By:\t{}/{}\n", r.kind, r.name));
    }
}

fn port_string(ports: &[ContainerPort]) -> String {
    ports.iter().map(|p| format!("{}/{}", p.container_port, if p.protocol.is_empty() { "TCP" } else { &p.protocol })).collect::<Vec<_>>().join(", ")
}

fn state_lines(w: &mut String, title: &str, st: &ContainerState) {
    if let Some(r) = &st.running {
        w.push_str(&format!("    {title}:\tRunning\n"));
        if let Some(s) = &r.started_at {
            w.push_str(&format!("      Started:\t{}\n", ts(s)));
        }
    } else if let Some(x) = &st.waiting {
        w.push_str(&format!("    {title}:\tWaiting\n"));
        if !x.reason.is_empty() {
            w.push_str(&format!("      Reason:\t{}\n", x.reason));
        }
    } else if let Some(t) = &st.terminated {
        w.push_str(&format!("    {title}:\tTerminated\n"));
        if !t.reason.is_empty() {
            w.push_str(&format!("      Reason:\t{}\n", t.reason));
        }
        w.push_str(&format!("      Exit Code:\t{}\n", t.exit_code.unwrap_or(0)));
        if let Some(s) = &t.started_at {
            w.push_str(&format!("      Started:\t{}\n", ts(s)));
        }
        if let Some(s) = &t.finished_at {
            w.push_str(&format!("      Finished:\t{}\n", ts(s)));
        }
    } else {
        w.push_str(&format!("    {title}:\tWaiting\n"));
    }
}

/// The Containers section of a pod or a pod template (`space` is the extra indent of the
/// container name in templates).
fn containers(w: &mut String, indent: &str, space: &str, cs: &[Container], statuses: Option<&[ContainerStatus]>) {
    w.push_str(&format!("{indent}Containers:\n"));
    for ctr in cs {
        w.push_str(&format!("{indent}{space}{}:\n", ctr.name));
        let st = statuses.and_then(|s| s.iter().find(|s| s.name == ctr.name));
        let l2 = "    ";
        if let Some(st) = st {
            if !st.container_id.is_empty() {
                w.push_str(&format!("{l2}Container ID:\t{}\n", st.container_id));
            }
        }
        w.push_str(&format!("{l2}Image:\t{}\n", ctr.image));
        if let Some(st) = st {
            w.push_str(&format!("{l2}Image ID:\t{}\n", st.image_id));
        }
        if ctr.ports.is_empty() {
            w.push_str(&format!("{l2}Port:\t<none>\n{l2}Host Port:\t<none>\n"));
        } else {
            w.push_str(&format!("{l2}Port:\t{}\n", port_string(&ctr.ports)));
            let hp: Vec<String> = ctr.ports.iter().map(|p| format!("{}/{}", p.host_port.unwrap_or(0), if p.protocol.is_empty() { "TCP" } else { &p.protocol })).collect();
            w.push_str(&format!("{l2}Host Port:\t{}\n", hp.join(", ")));
        }
        if !ctr.command.is_empty() {
            w.push_str(&format!("{l2}Command:\n"));
            for x in &ctr.command {
                w.push_str(&format!("{l2}  {x}\n"));
            }
        }
        if !ctr.args.is_empty() {
            w.push_str(&format!("{l2}Args:\n"));
            for x in &ctr.args {
                w.push_str(&format!("{l2}  {x}\n"));
            }
        }
        if let Some(st) = st {
            state_lines(w, "State", &st.state);
            if st.last_state.terminated.is_some() {
                state_lines(w, "Last State", &st.last_state);
            }
            w.push_str(&format!("{l2}Ready:\t{}\n", if st.ready { "True" } else { "False" }));
            w.push_str(&format!("{l2}Restart Count:\t{}\n", st.restart_count));
        }
        if let Some(p) = &ctr.readiness_probe {
            w.push_str(&format!("{l2}Readiness:\t{}\n", probe_string(p)));
        }
        if let Some(p) = &ctr.liveness_probe {
            w.push_str(&format!("{l2}Liveness:\t{}\n", probe_string(p)));
        }
        if ctr.env.is_empty() {
            w.push_str(&format!("{l2}Environment:\t<none>\n"));
        } else {
            w.push_str(&format!("{l2}Environment:\n"));
            for e in &ctr.env {
                w.push_str(&format!("{l2}  {}:\t{}\n", e.name, e.value.clone().unwrap_or_default()));
            }
        }
        if ctr.volume_mounts.is_empty() {
            w.push_str(&format!("{l2}Mounts:\t<none>\n"));
        } else {
            w.push_str(&format!("{l2}Mounts:\n"));
            for m in &ctr.volume_mounts {
                w.push_str(&format!("{l2}  {} from {} ({})\n", m.mount_path, m.name, if m.read_only { "ro" } else { "rw" }));
            }
        }
    }
}

fn probe_string(p: &Probe) -> String {
    let kind = if let Some(h) = &p.http_get {
        let port = h.get("port").map(|v| serde_yaml::to_string(v).unwrap_or_default().trim().to_string()).unwrap_or_default();
        let path = h.get("path").and_then(|v| v.as_str()).unwrap_or("/");
        format!("http-get http://:{port}{path}")
    } else if let Some(t) = &p.tcp_socket {
        let port = t.get("port").map(|v| serde_yaml::to_string(v).unwrap_or_default().trim().to_string()).unwrap_or_default();
        format!("tcp-socket :{port}")
    } else {
        "exec".to_string()
    };
    format!(
        "{kind} delay={}s timeout={}s period={}s #success={} #failure={}",
        p.initial_delay_seconds.unwrap_or(0),
        p.timeout_seconds.unwrap_or(1),
        p.period_seconds.unwrap_or(10),
        p.success_threshold.unwrap_or(1),
        p.failure_threshold.unwrap_or(3)
    )
}

fn volumes(w: &mut String, indent: &str, vols: &[Volume]) {
    if vols.is_empty() {
        w.push_str(&format!("{indent}Volumes:\t<none>\n"));
        return;
    }
    w.push_str(&format!("{indent}Volumes:\n"));
    for v in vols {
        w.push_str(&format!("{indent}  {}:\n", v.name));
        let l = format!("{indent}    ");
        if let Some(c) = &v.persistent_volume_claim {
            w.push_str(&format!("{l}Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n{l}ClaimName:\t{}\n{l}ReadOnly:\t{}\n", c.claim_name, c.read_only));
        } else if let Some(h) = &v.host_path {
            w.push_str(&format!("{l}Type:\tHostPath (bare host directory volume)\n{l}Path:\t{}\n{l}HostPathType:\t{}\n", h.path, h.type_));
        } else if let Some(e) = &v.empty_dir {
            w.push_str(&format!("{l}Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n{l}Medium:\t{}\n{l}SizeLimit:\t{}\n", e.medium, e.size_limit.clone().unwrap_or_else(|| "<unset>".into())));
        } else if v.config_map.is_some() {
            let name = v.config_map.as_ref().and_then(|m| m.get("name")).and_then(|n| n.as_str()).unwrap_or("");
            w.push_str(&format!("{l}Type:\tConfigMap (a volume populated by a ConfigMap)\n{l}Name:\t{name}\n{l}Optional:\tfalse\n"));
        } else if v.secret.is_some() {
            let name = v.secret.as_ref().and_then(|m| m.get("secretName")).and_then(|n| n.as_str()).unwrap_or("");
            w.push_str(&format!("{l}Type:\tSecret (a volume populated by a Secret)\n{l}SecretName:\t{name}\n{l}Optional:\tfalse\n"));
        }
    }
}

fn tolerations(w: &mut String, indent: &str, ts: &[Toleration]) {
    w.push_str(&format!("{indent}Tolerations:\t"));
    if ts.is_empty() {
        w.push_str("<none>\n");
        return;
    }
    for (i, t) in ts.iter().enumerate() {
        if i > 0 {
            w.push_str(&format!("{indent}\t"));
        }
        let mut s = t.key.clone();
        if !t.value.is_empty() {
            s.push_str(&format!("={}", t.value));
        }
        if !t.effect.is_empty() {
            s.push_str(&format!(":{}", t.effect));
        }
        if t.operator == "Exists" && t.value.is_empty() {
            s.push_str(" op=Exists");
        }
        if let Some(secs) = t.toleration_seconds {
            s.push_str(&format!(" for {secs}s"));
        }
        w.push_str(&format!("{s}\n"));
    }
}

pub(crate) fn pod_template(w: &mut String, t: &PodTemplateSpec) {
    w.push_str("Pod Template:\n");
    labels_block(w, "  ", "Labels", &t.metadata.labels);
    if !t.metadata.annotations.is_empty() {
        annotations_block(w, "  ", &t.metadata.annotations);
    }
    if !t.spec.service_account_name.is_empty() {
        w.push_str(&format!("  Service Account:\t{}\n", t.spec.service_account_name));
    }
    containers(w, "  ", " ", &t.spec.containers, None);
    volumes(w, "  ", &t.spec.volumes);
    let ns = printers::labels_string(&t.spec.node_selector);
    w.push_str(&format!("  Node-Selectors:\t{ns}\n"));
    tolerations(w, "  ", &t.spec.tolerations);
}

/// `N Running / N Waiting / N Succeeded / N Failed` over the pods a controller owns.
fn pods_status(c: &Cluster, uid: &str) -> String {
    let (mut r, mut wt, mut s, mut f) = (0, 0, 0, 0);
    for p in c.pods().filter(|p| p.metadata.owner_references.iter().any(|o| o.uid == uid)) {
        match p.status.phase.as_str() {
            "Running" => r += 1,
            "Succeeded" => s += 1,
            "Failed" => f += 1,
            _ => wt += 1,
        }
    }
    format!("{r} Running / {wt} Waiting / {s} Succeeded / {f} Failed")
}

pub(super) fn describe_pod(c: &Cluster, p: &Pod) -> String {
    let mut w = String::new();
    let m = &p.metadata;
    w.push_str(&format!("Name:\t{}\nNamespace:\t{}\n", m.name, m.namespace));
    w.push_str(&format!("Priority:\t{}\n", p.spec.priority.unwrap_or(0)));
    if !p.spec.priority_class_name.is_empty() {
        w.push_str(&format!("Priority Class Name:\t{}\n", p.spec.priority_class_name));
    }
    w.push_str(&format!("Service Account:\t{}\n", if p.spec.service_account_name.is_empty() { "default" } else { &p.spec.service_account_name }));
    if p.spec.node_name.is_empty() {
        w.push_str("Node:\t<none>\n");
    } else {
        let ip = if p.status.host_ip.is_empty() { String::new() } else { format!("/{}", p.status.host_ip) };
        w.push_str(&format!("Node:\t{}{ip}\n", p.spec.node_name));
    }
    if let Some(s) = &p.status.start_time {
        w.push_str(&format!("Start Time:\t{}\n", ts(s)));
    }
    labels_block(&mut w, "", "Labels", &m.labels);
    annotations_block(&mut w, "", &m.annotations);
    if let Some(d) = &m.deletion_timestamp {
        w.push_str(&format!("Status:\tTerminating (lasts {})\n", age_since(c.rt.now, parse_rfc3339(d).unwrap_or(c.rt.now))));
        w.push_str(&format!("Termination Grace Period:\t{}s\n", m.deletion_grace_period_seconds.unwrap_or(30)));
    } else {
        w.push_str(&format!("Status:\t{}\n", p.status.phase));
    }
    if !p.status.reason.is_empty() {
        w.push_str(&format!("Reason:\t{}\n", p.status.reason));
    }
    if !p.status.message.is_empty() {
        w.push_str(&format!("Message:\t{}\n", p.status.message));
    }
    w.push_str(&format!("IP:\t{}\n", p.status.pod_ip));
    if p.status.pod_ip.is_empty() {
        w.push_str("IPs:\t<none>\n");
    } else {
        w.push_str(&format!("IPs:\n  IP:\t{}\n", p.status.pod_ip));
    }
    controlled_by(&mut w, m);
    if !p.spec.init_containers.is_empty() {
        let mut init = String::new();
        containers(&mut init, "", "  ", &p.spec.init_containers, None);
        w.push_str(&init.replacen("Containers:", "Init Containers:", 1));
    }
    containers(&mut w, "", "  ", &p.spec.containers, Some(&p.status.container_statuses));
    if !p.status.conditions.is_empty() {
        w.push_str("Conditions:\n  Type\tStatus\n");
        for cond in &p.status.conditions {
            w.push_str(&format!("  {} \t{} \n", cond.type_, cond.status));
        }
    }
    volumes(&mut w, "", &p.spec.volumes);
    if !p.status.qos_class.is_empty() {
        w.push_str(&format!("QoS Class:\t{}\n", p.status.qos_class));
    }
    w.push_str(&format!("Node-Selectors:\t{}\n", printers::labels_string(&p.spec.node_selector)));
    tolerations(&mut w, "", &p.spec.tolerations);
    events_block(&mut w, c, "Pod", &m.namespace, &m.name, &m.uid);
    w
}

pub(super) fn describe_node(c: &Cluster, n: &Node) -> String {
    let mut w = String::new();
    let m = &n.metadata;
    w.push_str(&format!("Name:\t{}\nRoles:\t{}\n", m.name, printers::node_roles(n)));
    labels_block(&mut w, "", "Labels", &m.labels);
    annotations_block(&mut w, "", &m.annotations);
    w.push_str(&format!("CreationTimestamp:\t{}\n", ts(&m.creation_timestamp)));
    w.push_str("Taints:\t");
    if n.spec.taints.is_empty() {
        w.push_str("<none>\n");
    } else {
        for (i, t) in n.spec.taints.iter().enumerate() {
            if i > 0 {
                w.push('\t');
            }
            w.push_str(&format!("{}\n", t.to_display()));
        }
    }
    w.push_str(&format!("Unschedulable:\t{}\n", n.spec.unschedulable));
    w.push_str("Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n  ----\t------\t-----------------\t------------------\t------\t-------\n");
    for cond in &n.status.conditions {
        w.push_str(&format!(
            "  {}\t{}\t{}\t{}\t{}\t{}\n",
            cond.type_,
            cond.status,
            cond.last_heartbeat_time.as_deref().map(ts).unwrap_or_default(),
            cond.last_transition_time.as_deref().map(ts).unwrap_or_default(),
            cond.reason,
            cond.message
        ));
    }
    w.push_str("Addresses:\n");
    for a in &n.status.addresses {
        w.push_str(&format!("  {}:\t{}\n", a.type_, a.address));
    }
    let i = &n.status.node_info;
    w.push_str(&format!(
        "System Info:\n  Operating System:\t{}\n  Architecture:\t{}\n  Container Runtime Version:\t{}\n  Kubelet Version:\t{}\n  OS Image:\t{}\n  Kernel Version:\t{}\n",
        i.operating_system, i.architecture, i.container_runtime_version, i.kubelet_version, i.os_image, i.kernel_version
    ));
    w.push_str(&format!("PodCIDR:\t{}\nPodCIDRs:\t{}\n", n.spec.pod_cidr, n.spec.pod_cidr));
    if !n.spec.provider_id.is_empty() {
        w.push_str(&format!("ProviderID:\t{}\n", n.spec.provider_id));
    }
    let pods: Vec<&Pod> = c.pods_on(&m.name).filter(|p| p.status.phase != "Succeeded" && p.status.phase != "Failed").collect();
    w.push_str(&format!("Non-terminated Pods:\t({} in total)\n", pods.len()));
    w.push_str("  Namespace\tName\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n  ---------\t----\t------------\t----------\t---------------\t-------------\t---\n");
    for p in pods {
        w.push_str(&format!("  {}\t{}\t0 (0%)\t0 (0%)\t0 (0%)\t0 (0%)\t{}\n", p.metadata.namespace, p.metadata.name, printers::age(c, &p.metadata)));
    }
    events_block(&mut w, c, "Node", "", &m.name, &m.name);
    w
}

pub(super) fn describe_ds(c: &Cluster, d: &DaemonSet) -> String {
    let mut w = String::new();
    let m = &d.metadata;
    let t = d.spec.template.clone().unwrap_or_default();
    w.push_str(&format!("Name:\t{}\n", m.name));
    w.push_str(&format!("Namespace:\t{}\n", m.namespace));
    w.push_str(&format!("Selector:\t{}\n", d.spec.selector.as_ref().map(|s| s.to_display()).unwrap_or_default()));
    w.push_str(&format!("Node-Selector:\t{}\n", printers::labels_string(&t.spec.node_selector)));
    labels_block(&mut w, "", "Labels", &m.labels);
    annotations_block(&mut w, "", &m.annotations);
    let s = &d.status;
    w.push_str(&format!("Desired Number of Nodes Scheduled: {}\n", s.desired_number_scheduled));
    w.push_str(&format!("Current Number of Nodes Scheduled: {}\n", s.current_number_scheduled));
    w.push_str(&format!("Number of Nodes Scheduled with Up-to-date Pods: {}\n", s.updated_number_scheduled));
    w.push_str(&format!("Number of Nodes Scheduled with Available Pods: {}\n", s.number_available));
    w.push_str(&format!("Number of Nodes Misscheduled: {}\n", s.number_misscheduled));
    w.push_str(&format!("Pods Status:\t{}\n", pods_status(c, &m.uid)));
    pod_template(&mut w, &t);
    events_block(&mut w, c, "DaemonSet", &m.namespace, &m.name, &m.uid);
    w
}

pub(super) fn describe_sts(c: &Cluster, s: &StatefulSet) -> String {
    let mut w = String::new();
    let m = &s.metadata;
    w.push_str(&format!("Name:\t{}\nNamespace:\t{}\n", m.name, m.namespace));
    w.push_str(&format!("CreationTimestamp:\t{}\n", ts(&m.creation_timestamp)));
    w.push_str(&format!("Selector:\t{}\n", s.spec.selector.as_ref().map(|x| x.to_display()).unwrap_or_default()));
    labels_block(&mut w, "", "Labels", &m.labels);
    annotations_block(&mut w, "", &m.annotations);
    w.push_str(&format!("Replicas:\t{} desired | {} total\n", s.spec.replicas.unwrap_or(1), s.status.replicas));
    let strategy = if s.spec.update_strategy.type_.is_empty() { "RollingUpdate" } else { &s.spec.update_strategy.type_ };
    w.push_str(&format!("Update Strategy:\t{strategy}\n"));
    if strategy == "RollingUpdate" {
        let p = s.spec.update_strategy.rolling_update.as_ref().and_then(|r| r.partition).unwrap_or(0);
        w.push_str(&format!("  Partition:\t{p}\n"));
    }
    w.push_str(&format!("Pods Status:\t{}\n", pods_status(c, &m.uid)));
    pod_template(&mut w, &s.spec.template.clone().unwrap_or_default());
    if s.spec.volume_claim_templates.is_empty() {
        w.push_str("Volume Claims:\t<none>\n");
    } else {
        w.push_str("Volume Claims:\n");
        for pvc in &s.spec.volume_claim_templates {
            w.push_str(&format!("  Name:\t{}\n", pvc.metadata.name));
            w.push_str(&format!("  StorageClass:\t{}\n", pvc.spec.storage_class_name.clone().unwrap_or_default()));
            labels_block(&mut w, "  ", "Labels", &pvc.metadata.labels);
            annotations_block(&mut w, "  ", &pvc.metadata.annotations);
            w.push_str(&format!("  Capacity:\t{}\n", pvc.spec.resources.requests.get("storage").map(|q| q.canonical()).unwrap_or_default()));
            w.push_str(&format!("  Access Modes:\t[{}]\n", pvc.spec.access_modes.join(" ")));
        }
    }
    events_block(&mut w, c, "StatefulSet", &m.namespace, &m.name, &m.uid);
    w
}

pub(super) fn describe_deploy(c: &Cluster, d: &Deployment) -> String {
    let mut w = String::new();
    let m = &d.metadata;
    w.push_str(&format!("Name:\t{}\nNamespace:\t{}\n", m.name, m.namespace));
    w.push_str(&format!("CreationTimestamp:\t{}\n", ts(&m.creation_timestamp)));
    labels_block(&mut w, "", "Labels", &m.labels);
    annotations_block(&mut w, "", &m.annotations);
    w.push_str(&format!("Selector:\t{}\n", d.spec.selector.as_ref().map(|x| x.to_display()).unwrap_or_default()));
    let s = &d.status;
    w.push_str(&format!(
        "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable\n",
        d.spec.replicas.unwrap_or(1),
        s.updated_replicas,
        s.replicas,
        s.available_replicas,
        s.unavailable_replicas
    ));
    let strategy = if d.spec.strategy.type_.is_empty() { "RollingUpdate" } else { &d.spec.strategy.type_ };
    w.push_str(&format!("StrategyType:\t{strategy}\n"));
    w.push_str(&format!("MinReadySeconds:\t{}\n", d.spec.min_ready_seconds));
    if strategy == "RollingUpdate" {
        let ru = d.spec.strategy.rolling_update.clone().unwrap_or_default();
        let show = |v: Option<IntOrString>| match v {
            Some(IntOrString::Int(i)) => i.to_string(),
            Some(IntOrString::Str(s)) => s,
            None => "25%".into(),
        };
        w.push_str(&format!("RollingUpdateStrategy:\t{} max unavailable, {} max surge\n", show(ru.max_unavailable), show(ru.max_surge)));
    }
    pod_template(&mut w, &d.spec.template.clone().unwrap_or_default());
    if !s.conditions.is_empty() {
        w.push_str("Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n");
        for cond in &s.conditions {
            w.push_str(&format!("  {}\t{}\t{}\n", cond.type_, cond.status, cond.reason));
        }
    }
    let rss: Vec<&ReplicaSet> = c.replicasets().filter(|r| r.metadata.owner_references.iter().any(|o| o.uid == m.uid)).collect();
    let rev = |r: &ReplicaSet| r.metadata.annotations.get(crate::controllers::deployment::REVISION).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let newest = rss.iter().map(|r| rev(r)).max().unwrap_or(0);
    let (new, old): (Vec<&ReplicaSet>, Vec<&ReplicaSet>) = rss.into_iter().partition(|r| rev(r) == newest);
    let show = |v: &[&ReplicaSet]| {
        if v.is_empty() {
            "<none>".to_string()
        } else {
            v.iter().map(|r| format!("{} ({}/{} replicas created)", r.metadata.name, r.status.replicas, r.spec.replicas.unwrap_or(1))).collect::<Vec<_>>().join(", ")
        }
    };
    let old: Vec<&ReplicaSet> = old.into_iter().filter(|r| r.spec.replicas.unwrap_or(1) > 0 || r.status.replicas > 0).collect();
    w.push_str(&format!("OldReplicaSets:\t{}\nNewReplicaSet:\t{}\n", show(&old), show(&new)));
    events_block(&mut w, c, "Deployment", &m.namespace, &m.name, &m.uid);
    w
}

pub(super) fn describe_svc(c: &Cluster, s: &Service) -> String {
    let mut w = String::new();
    let m = &s.metadata;
    w.push_str(&format!("Name:\t{}\nNamespace:\t{}\n", m.name, m.namespace));
    labels_block(&mut w, "", "Labels", &m.labels);
    annotations_block(&mut w, "", &m.annotations);
    w.push_str(&format!("Selector:\t{}\n", printers::labels_string(&s.spec.selector)));
    w.push_str(&format!("Type:\t{}\n", s.spec.type_));
    if !s.spec.ip_family_policy.is_empty() {
        w.push_str(&format!("IP Family Policy:\t{}\n", s.spec.ip_family_policy));
    }
    if !s.spec.ip_families.is_empty() {
        w.push_str(&format!("IP Families:\t{}\n", s.spec.ip_families.join(",")));
    }
    w.push_str(&format!("IP:\t{}\n", s.spec.cluster_ip));
    w.push_str(&format!("IPs:\t{}\n", if s.spec.cluster_ips.is_empty() { s.spec.cluster_ip.clone() } else { s.spec.cluster_ips.join(",") }));
    let ep = c.endpoints_of(&Key::new(&m.namespace, &m.name)).map(crate::controllers::service::endpoints_string).unwrap_or_default();
    for p in &s.spec.ports {
        let proto = if p.protocol.is_empty() { "TCP" } else { &p.protocol };
        w.push_str(&format!("Port:\t{}\t{}/{proto}\n", none_if_empty(&p.name).replace("<none>", "<unset>"), p.port));
        let tp = match &p.target_port {
            Some(IntOrString::Int(i)) => i.to_string(),
            Some(IntOrString::Str(s)) => s.clone(),
            None => p.port.to_string(),
        };
        w.push_str(&format!("TargetPort:\t{tp}/{proto}\n"));
        if let Some(np) = p.node_port {
            w.push_str(&format!("NodePort:\t{}\t{np}/{proto}\n", none_if_empty(&p.name).replace("<none>", "<unset>")));
        }
        w.push_str(&format!("Endpoints:\t{}\n", if ep.is_empty() || ep == "<none>" { String::new() } else { ep.clone() }));
    }
    w.push_str(&format!("Session Affinity:\t{}\n", if s.spec.session_affinity.is_empty() { "None" } else { &s.spec.session_affinity }));
    w.push_str("Internal Traffic Policy:\tCluster\n");
    events_block(&mut w, c, "Service", &m.namespace, &m.name, &m.uid);
    w
}

pub(super) fn describe_pvc(c: &Cluster, p: &PersistentVolumeClaim) -> String {
    let mut w = String::new();
    let m = &p.metadata;
    w.push_str(&format!("Name:\t{}\nNamespace:\t{}\n", m.name, m.namespace));
    w.push_str(&format!("StorageClass:\t{}\n", p.spec.storage_class_name.clone().unwrap_or_default()));
    let status = if m.deletion_timestamp.is_some() { "Terminating".to_string() } else { p.status.phase.clone() };
    w.push_str(&format!("Status:\t{status}\nVolume:\t{}\n", p.spec.volume_name));
    labels_block(&mut w, "", "Labels", &m.labels);
    annotations_block(&mut w, "", &m.annotations);
    w.push_str(&format!("Finalizers:\t[{}]\n", m.finalizers.join(" ")));
    let bound = !p.spec.volume_name.is_empty();
    w.push_str(&format!("Capacity:\t{}\n", if bound { p.status.capacity.get("storage").map(|q| q.canonical()).unwrap_or_default() } else { String::new() }));
    w.push_str(&format!("Access Modes:\t{}\n", if bound { crate::controllers::storage::access_modes_string(&p.status.access_modes) } else { String::new() }));
    w.push_str(&format!("VolumeMode:\t{}\n", p.spec.volume_mode.clone().unwrap_or_else(|| "Filesystem".into())));
    let users: Vec<String> = c
        .pods()
        .filter(|x| x.metadata.namespace == m.namespace && x.spec.volumes.iter().any(|v| v.persistent_volume_claim.as_ref().is_some_and(|c| c.claim_name == m.name)))
        .map(|x| x.metadata.name.clone())
        .collect();
    w.push_str("Used By:\t");
    if users.is_empty() {
        w.push_str("<none>\n");
    } else {
        w.push_str(&users.join("\n\t"));
        w.push('\n');
    }
    events_block(&mut w, c, "PersistentVolumeClaim", &m.namespace, &m.name, &m.uid);
    w
}

pub(super) fn describe_pv(c: &Cluster, p: &PersistentVolume) -> String {
    let mut w = String::new();
    let m = &p.metadata;
    w.push_str(&format!("Name:\t{}\n", m.name));
    labels_block(&mut w, "", "Labels", &m.labels);
    annotations_block(&mut w, "", &m.annotations);
    w.push_str(&format!("Finalizers:\t[{}]\n", m.finalizers.join(" ")));
    w.push_str(&format!("StorageClass:\t{}\n", p.spec.storage_class_name));
    let status = if m.deletion_timestamp.is_some() { "Terminating".to_string() } else { p.status.phase.clone() };
    w.push_str(&format!("Status:\t{status}\n"));
    w.push_str(&format!("Claim:\t{}\n", p.spec.claim_ref.as_ref().map(|r| format!("{}/{}", r.namespace, r.name)).unwrap_or_default()));
    w.push_str(&format!("Reclaim Policy:\t{}\n", p.spec.persistent_volume_reclaim_policy));
    w.push_str(&format!("Access Modes:\t{}\n", crate::controllers::storage::access_modes_string(&p.spec.access_modes)));
    w.push_str(&format!("VolumeMode:\t{}\n", if p.spec.volume_mode.is_empty() { "Filesystem" } else { &p.spec.volume_mode }));
    w.push_str(&format!("Capacity:\t{}\n", p.spec.capacity.get("storage").map(|q| q.canonical()).unwrap_or_default()));
    match p.spec.node_affinity.as_ref().and_then(|a| a.required.as_ref()) {
        None => w.push_str("Node Affinity:\t<none>\n"),
        Some(sel) => {
            w.push_str("Node Affinity:\t\n  Required Terms:\t\n");
            for t in &sel.node_selector_terms {
                let exprs: Vec<String> = t.match_expressions.iter().map(|e| format!("{} {} [{}]", e.key, e.operator.to_lowercase(), e.values.join(", "))).collect();
                w.push_str(&format!("    Term 0:\t{}\n", exprs.join(", ")));
            }
        }
    }
    w.push_str(&format!("Message:\t{}\n", p.status.message));
    w.push_str("Source:\n");
    if let Some(h) = &p.spec.host_path {
        w.push_str(&format!("    Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{}\n", h.path, h.type_));
    } else if p.spec.local.is_some() {
        let path = p.spec.local.as_ref().and_then(|l| l.get("path")).and_then(|x| x.as_str()).unwrap_or("");
        w.push_str(&format!("    Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t{path}\n"));
    }
    events_block(&mut w, c, "PersistentVolume", "", &m.name, &m.uid);
    w
}

/// `kubectl describe TYPE [NAME…] [-l …]`.
pub(crate) fn describe(c: &Cluster, f: &Flags) -> Output {
    let Some((what, names)) = super::type_and_names(&f.positional) else {
        return Output::err("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples\n");
    };
    let Some(t) = resource_type(&what) else {
        return Output::err(format!("error: the server doesn't have a resource type \"{what}\"\n"));
    };
    let ns = f.namespace.clone().unwrap_or_else(|| "default".into());
    let in_scope = |m: &ObjectMeta| {
        (!t.namespaced || f.all_namespaces || m.namespace == ns)
            && (names.is_empty() || names.contains(&m.name))
            && f.selector.as_ref().is_none_or(|s| selector_matches(s, &m.labels).unwrap_or(false))
    };
    let Some(describe) = t.describe else {
        return Output::err(format!("error: describing {} is not supported by this simulated kubectl\n", t.plural));
    };
    let found: Vec<(String, String)> = t.objects(c)
        .into_iter()
        .filter(|m| in_scope(m))
        .filter_map(|m| describe(c, &Key::new(&m.namespace, &m.name)).map(|text| (m.name.clone(), text)))
        .collect();
    let mut out = Output::default();
    // Named objects come out in the order given.
    if !names.is_empty() {
        for n in &names {
            match found.iter().find(|(name, _)| name == n) {
                Some((_, text)) => {
                    if !out.stdout.is_empty() {
                        out.stdout.push_str("\n\n");
                    }
                    out.stdout.push_str(&tabwrite(text, 0, 2));
                }
                None => {
                    out.stderr.push_str(&format!("Error from server (NotFound): {} \"{n}\" not found\n", qualified_plural(t)));
                    out.status = 1;
                }
            }
        }
        return out;
    }
    if found.is_empty() {
        out.stderr = if t.namespaced && !f.all_namespaces { format!("No resources found in {ns} namespace.\n") } else { "No resources found\n".into() };
        return out;
    }
    let texts: Vec<String> = found.iter().map(|(_, t)| tabwrite(t, 0, 2)).collect();
    out.stdout = texts.join("\n\n");
    out
}
