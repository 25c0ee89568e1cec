//! The tables `kubectl get` prints, one function per kind (the registry points at them):
//! the columns and cells of kubectl's own printers (`pkg/printers/internalversion`), with
//! `-o wide`'s extra columns.

use crate::api::meta::Object;
use crate::cluster::Cluster;
use crate::api::model::{LabelSelector, PodTemplateSpec};
use crate::kubectl::get::{item_meta, Item};
use crate::kubectl::printers::{self, age};
use crate::kubectl::registry::{Keep, ResourceType, Table};

/// CONTAINERS and IMAGES cells of `-o wide` for a pod template.
fn template_cells(t: &PodTemplateSpec) -> [String; 2] {
    [
        t.spec.containers.iter().map(|x| x.name.clone()).collect::<Vec<_>>().join(","),
        t.spec.containers.iter().map(|x| x.image.clone()).collect::<Vec<_>>().join(","),
    ]
}

/// CONTAINERS, IMAGES and SELECTOR cells of `-o wide` for a workload.
fn workload_wide(t: &PodTemplateSpec, sel: Option<&LabelSelector>) -> Vec<String> {
    let [containers, images] = template_cells(t);
    vec![containers, images, sel.map(|s| s.to_display()).unwrap_or_default()]
}

/// An object's listing entry: its metadata, its API form and its row.
fn item<T: serde::Serialize + Object>(o: &T, t: &ResourceType, row: Vec<String>) -> Item {
    let (meta, json) = item_meta(o, t);
    Item { meta, json, row }
}

pub(super) fn pods(c: &Cluster, t: &ResourceType, keep: Keep, wide: bool) -> Table {
    let mut items = Vec::new();
    let header = if wide {
        vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"]
    } else {
        vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    };
    for p in c.pods().filter(|p| keep(&p.metadata)) {
        let mut r = vec![
            p.metadata.name.clone(),
            printers::pod_ready(p),
            printers::pod_status(p),
            printers::pod_restarts_at(p, c.rt.now),
            age(c, &p.metadata),
        ];
        if wide {
            r.push(if p.status.pod_ip.is_empty() { "<none>".into() } else { p.status.pod_ip.clone() });
            r.push(if p.spec.node_name.is_empty() { "<none>".into() } else { p.spec.node_name.clone() });
            r.push("<none>".into());
            r.push("<none>".into());
        }
        items.push(item(p, t, r));
    }
    (header, items)
}

pub(super) fn nodes(c: &Cluster, t: &ResourceType, keep: Keep, wide: bool) -> Table {
    let mut items = Vec::new();
    let header = if wide {
        vec!["NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"]
    } else {
        vec!["NAME", "STATUS", "ROLES", "AGE", "VERSION"]
    };
    for n in c.nodes().filter(|n| keep(&n.metadata)) {
        let mut r = vec![
            n.metadata.name.clone(),
            printers::node_status(n),
            printers::node_roles(n),
            age(c, &n.metadata),
            n.status.node_info.kubelet_version.clone(),
        ];
        if wide {
            let ip = n.status.addresses.iter().find(|a| a.type_ == "InternalIP").map(|a| a.address.clone());
            r.push(ip.unwrap_or_else(|| "<none>".into()));
            r.push("<none>".into());
            r.push(n.status.node_info.os_image.clone());
            r.push(n.status.node_info.kernel_version.clone());
            r.push(n.status.node_info.container_runtime_version.clone());
        }
        items.push(item(n, t, r));
    }
    (header, items)
}

pub(super) fn daemonsets(c: &Cluster, t: &ResourceType, keep: Keep, wide: bool) -> Table {
    let mut items = Vec::new();
    let header = if wide {
        vec!["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"]
    } else {
        vec!["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"]
    };
    for d in c.daemonsets().filter(|d| keep(&d.metadata)) {
        let s = &d.status;
        let tmpl = d.spec.template.clone().unwrap_or_default();
        let ns_sel = if tmpl.spec.node_selector.is_empty() {
            "<none>".to_string()
        } else {
            tmpl.spec.node_selector.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
        };
        let mut r = vec![
            d.metadata.name.clone(),
            s.desired_number_scheduled.to_string(),
            s.current_number_scheduled.to_string(),
            s.number_ready.to_string(),
            s.updated_number_scheduled.to_string(),
            s.number_available.to_string(),
            ns_sel,
            age(c, &d.metadata),
        ];
        if wide {
            r.extend(workload_wide(&tmpl, d.spec.selector.as_ref()));
        }
        items.push(item(d, t, r));
    }
    (header, items)
}

pub(super) fn deployments(c: &Cluster, t: &ResourceType, keep: Keep, wide: bool) -> Table {
    let mut items = Vec::new();
    let header = if wide {
        vec!["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"]
    } else {
        vec!["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]
    };
    for d in c.deployments().filter(|d| keep(&d.metadata)) {
        let s = &d.status;
        let tmpl = d.spec.template.clone().unwrap_or_default();
        let mut r = vec![
            d.metadata.name.clone(),
            format!("{}/{}", s.ready_replicas, d.spec.replicas.unwrap_or(1)),
            s.updated_replicas.to_string(),
            s.available_replicas.to_string(),
            age(c, &d.metadata),
        ];
        if wide {
            r.extend(workload_wide(&tmpl, d.spec.selector.as_ref()));
        }
        items.push(item(d, t, r));
    }
    (header, items)
}

pub(super) fn replicasets(c: &Cluster, t: &ResourceType, keep: Keep, wide: bool) -> Table {
    let mut items = Vec::new();
    let header = if wide {
        vec!["NAME", "DESIRED", "CURRENT", "READY", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"]
    } else {
        vec!["NAME", "DESIRED", "CURRENT", "READY", "AGE"]
    };
    for rs in c.replicasets().filter(|r| keep(&r.metadata)) {
        let tmpl = rs.spec.template.clone().unwrap_or_default();
        let mut r = vec![
            rs.metadata.name.clone(),
            rs.spec.replicas.unwrap_or(1).to_string(),
            rs.status.replicas.to_string(),
            rs.status.ready_replicas.to_string(),
            age(c, &rs.metadata),
        ];
        if wide {
            r.extend(workload_wide(&tmpl, rs.spec.selector.as_ref()));
        }
        items.push(item(rs, t, r));
    }
    (header, items)
}

pub(super) fn namespaces(c: &Cluster, t: &ResourceType, keep: Keep, _wide: bool) -> Table {
    let mut items = Vec::new();
    let header = vec!["NAME", "STATUS", "AGE"];
    for n in c.namespaces().filter(|n| keep(&n.metadata)) {
        let r = vec![n.metadata.name.clone(), "Active".into(), age(c, &n.metadata)];
        items.push(item(n, t, r));
    }
    (header, items)
}

pub(super) fn storageclasses(c: &Cluster, t: &ResourceType, keep: Keep, _wide: bool) -> Table {
    let mut items = Vec::new();
    let header = vec!["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"];
    for s in c.storageclasses().filter(|s| keep(&s.metadata)) {
        let default = s.metadata.annotations.get("storageclass.kubernetes.io/is-default-class").is_some_and(|v| v == "true");
        let r = vec![
            if default { format!("{} (default)", s.metadata.name) } else { s.metadata.name.clone() },
            s.provisioner.clone(),
            s.reclaim_policy.clone().unwrap_or_else(|| "Delete".into()),
            s.volume_binding_mode.clone().unwrap_or_else(|| "Immediate".into()),
            s.allow_volume_expansion.unwrap_or(false).to_string(),
            age(c, &s.metadata),
        ];
        items.push(item(s, t, r));
    }
    (header, items)
}

pub(super) fn statefulsets(c: &Cluster, t: &ResourceType, keep: Keep, wide: bool) -> Table {
    let mut items = Vec::new();
    let header = if wide { vec!["NAME", "READY", "AGE", "CONTAINERS", "IMAGES"] } else { vec!["NAME", "READY", "AGE"] };
    for s in c.statefulsets().filter(|s| keep(&s.metadata)) {
        let mut r = vec![
            s.metadata.name.clone(),
            format!("{}/{}", s.status.ready_replicas, s.spec.replicas.unwrap_or(1)),
            age(c, &s.metadata),
        ];
        if wide {
            r.extend(template_cells(&s.spec.template.clone().unwrap_or_default()));
        }
        items.push(item(s, t, r));
    }
    (header, items)
}

pub(super) fn services(c: &Cluster, t: &ResourceType, keep: Keep, wide: bool) -> Table {
    let mut items = Vec::new();
    let header = if wide {
        vec!["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"]
    } else {
        vec!["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"]
    };
    for s in c.services().filter(|s| keep(&s.metadata)) {
        let external = if !s.spec.external_ips.is_empty() {
            s.spec.external_ips.join(",")
        } else if s.spec.type_ == "LoadBalancer" {
            "<pending>".into()
        } else if s.spec.type_ == "ExternalName" {
            s.spec.external_name.clone()
        } else {
            "<none>".into()
        };
        let mut r = vec![
            s.metadata.name.clone(),
            s.spec.type_.clone(),
            s.spec.cluster_ips.first().cloned().unwrap_or_else(|| if s.spec.cluster_ip.is_empty() { "<none>".into() } else { s.spec.cluster_ip.clone() }),
            external,
            crate::controllers::service::ports_string(s),
            age(c, &s.metadata),
        ];
        if wide {
            r.push(if s.spec.selector.is_empty() { "<none>".into() } else { printers::labels_string(&s.spec.selector) });
        }
        items.push(item(s, t, r));
    }
    (header, items)
}

pub(super) fn endpoints(c: &Cluster, t: &ResourceType, keep: Keep, _wide: bool) -> Table {
    let mut items = Vec::new();
    let header = vec!["NAME", "ENDPOINTS", "AGE"];
    for e in c.all_endpoints().filter(|e| keep(&e.metadata)) {
        let r = vec![e.metadata.name.clone(), crate::controllers::service::endpoints_string(e), age(c, &e.metadata)];
        items.push(item(e, t, r));
    }
    (header, items)
}

pub(super) fn pvcs(c: &Cluster, t: &ResourceType, keep: Keep, wide: bool) -> Table {
    let mut items = Vec::new();
    let header = if wide {
        vec!["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE", "VOLUMEMODE"]
    } else {
        vec!["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"]
    };
    for p in c.pvcs().filter(|p| keep(&p.metadata)) {
        let bound = !p.spec.volume_name.is_empty();
        let mut r = vec![
            p.metadata.name.clone(),
            if p.metadata.deletion_timestamp.is_some() { "Terminating".into() } else { p.status.phase.clone() },
            p.spec.volume_name.clone(),
            if bound { p.status.capacity.get("storage").map(|q| q.canonical()).unwrap_or_default() } else { String::new() },
            if bound { crate::controllers::storage::access_modes_string(&p.status.access_modes) } else { String::new() },
            p.spec.storage_class_name.clone().unwrap_or_default(),
            p.spec.volume_attributes_class_name.clone().unwrap_or_else(|| "<unset>".into()),
            age(c, &p.metadata),
        ];
        if wide {
            r.push(p.spec.volume_mode.clone().unwrap_or_default());
        }
        items.push(item(p, t, r));
    }
    (header, items)
}

pub(super) fn pvs(c: &Cluster, t: &ResourceType, keep: Keep, wide: bool) -> Table {
    let mut items = Vec::new();
    let header = if wide {
        vec!["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE", "VOLUMEMODE"]
    } else {
        vec!["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE"]
    };
    for p in c.pvs().filter(|p| keep(&p.metadata)) {
        let mut r = vec![
            p.metadata.name.clone(),
            p.spec.capacity.get("storage").map(|q| q.canonical()).unwrap_or_default(),
            crate::controllers::storage::access_modes_string(&p.spec.access_modes),
            p.spec.persistent_volume_reclaim_policy.clone(),
            if p.metadata.deletion_timestamp.is_some() { "Terminating".into() } else { p.status.phase.clone() },
            p.spec.claim_ref.as_ref().map(|r| format!("{}/{}", r.namespace, r.name)).unwrap_or_default(),
            p.spec.storage_class_name.clone(),
            p.spec.volume_attributes_class_name.clone().unwrap_or_else(|| "<unset>".into()),
            p.status.reason.clone(),
            age(c, &p.metadata),
        ];
        if wide {
            r.push(p.spec.volume_mode.clone());
        }
        items.push(item(p, t, r));
    }
    (header, items)
}

pub(super) fn controllerrevisions(c: &Cluster, t: &ResourceType, keep: Keep, _wide: bool) -> Table {
    let mut items = Vec::new();
    let header = vec!["NAME", "CONTROLLER", "REVISION", "AGE"];
    for r in c.controllerrevisions().filter(|r| keep(&r.metadata)) {
        use crate::api::meta::Object;
        let controller = r
            .controller_ref()
            .map(|o| {
                let group = o.api_version.split_once('/').map(|(g, _)| g).unwrap_or("");
                if group.is_empty() { format!("{}/{}", o.kind.to_lowercase(), o.name) } else { format!("{}.{group}/{}", o.kind.to_lowercase(), o.name) }
            })
            .unwrap_or_else(|| "<none>".into());
        let row = vec![r.metadata.name.clone(), controller, r.revision.to_string(), age(c, &r.metadata)];
        items.push(item(r, t, row));
    }
    (header, items)
}

pub(super) fn events(c: &Cluster, t: &ResourceType, keep: Keep, wide: bool) -> Table {
    let mut items = Vec::new();
    let header = if wide {
        vec!["LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"]
    } else {
        vec!["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
    };
    // The API server lists events by name: `<object>.<hex time>`.
    let mut evs: Vec<&crate::api::model::Event> = c.events().iter().filter(|e| keep(&e.metadata)).collect();
    crate::runtime::sort::by(&mut evs, |a, b| (&a.metadata.namespace, &a.metadata.name).cmp(&(&b.metadata.namespace, &b.metadata.name)));
    for e in evs {
        let object = format!("{}/{}", e.involved_object.kind.to_lowercase(), e.involved_object.name);
        let last = printers::age_since(c.rt.now, crate::runtime::time::Time(e.last_ms));
        if wide {
            let source = if e.source.host.is_empty() { e.source.component.clone() } else { format!("{}, {}", e.source.component, e.source.host) };
            items.push(item(e, t, vec![
                last,
                e.type_.clone(),
                e.reason.clone(),
                object,
                e.involved_object.field_path.clone(),
                source,
                e.message.clone(),
                printers::age_since(c.rt.now, crate::runtime::time::Time(e.first_ms)),
                e.count.to_string(),
                e.metadata.name.clone(),
            ]));
        } else {
            items.push(item(e, t, vec![last, e.type_.clone(), e.reason.clone(), object, e.message.clone()]));
        }
    }
    (header, items)
}
