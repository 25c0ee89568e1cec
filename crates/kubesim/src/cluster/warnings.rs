//! Finding apply's warnings (`apiserver/warnings.rs` has them as data): the documents are
//! checked against the cluster and against what the controllers would do with them (which
//! nodes a DaemonSet's pods would skip), so this sits above the controllers.

use crate::api::meta::Key;
use crate::api::model::*;
use crate::apiserver::warnings::*;
use crate::manifest::{AnyObject, Document};
use crate::state::State;

fn template_of(o: &AnyObject) -> Option<(&'static str, &PodSpec)> {
    match o {
        AnyObject::Pod(p) => Some(("spec", &p.spec)),
        AnyObject::DaemonSet(d) => d.spec.template.as_ref().map(|t| ("spec.template.spec", &t.spec)),
        AnyObject::Deployment(d) => d.spec.template.as_ref().map(|t| ("spec.template.spec", &t.spec)),
        AnyObject::ReplicaSet(r) => r.spec.template.as_ref().map(|t| ("spec.template.spec", &t.spec)),
        AnyObject::StatefulSet(s) => s.spec.template.as_ref().map(|t| ("spec.template.spec", &t.spec)),
        _ => None,
    }
}

impl State {
    /// The warnings for validated documents about to be applied together (so a Service or
    /// claim in the same file counts).
    pub fn manifest_warnings(&self, docs: &[Document], text: &str) -> Vec<ManifestWarning> {
        let mut out = Vec::new();
        for doc in docs {
            let object = format!("{}/{}", crate::apiserver::apply::resource_prefix(doc.object.kind()), doc.object.meta().name);
            let mut warn = |path: &str, kind: WarningKind| {
                let (line, column) = doc.locate(text, path);
                out.push(ManifestWarning { document: doc.index, line, column, object: object.clone(), kind });
            };
            let ns = doc.object.meta().namespace.clone();
            if let Some((base, spec)) = template_of(&doc.object) {
                for (i, c) in spec.containers.iter().enumerate() {
                    if floating_tag(&c.image) {
                        warn(&format!("{base}.containers[{i}].image"), WarningKind::LatestTag { container: c.name.clone(), image: c.image.clone() });
                    }
                }
            }
            match &doc.object {
                AnyObject::StatefulSet(s) => {
                    let name = &s.spec.service_name;
                    let in_file = docs.iter().find_map(|d| match &d.object {
                        AnyObject::Service(svc) if &svc.metadata.name == name && svc.metadata.namespace == ns => Some(svc),
                        _ => None,
                    });
                    let svc = in_file.or_else(|| self.store.services.get(&Key::new(&ns, name)));
                    match svc {
                        Some(svc) if svc.spec.cluster_ip == "None" => {}
                        Some(_) => warn("spec.serviceName", WarningKind::NoHeadlessService { service_name: name.clone(), exists: true }),
                        None => warn(if name.is_empty() { "spec" } else { "spec.serviceName" }, WarningKind::NoHeadlessService { service_name: name.clone(), exists: false }),
                    }
                    for (i, t) in s.spec.volume_claim_templates.iter().enumerate() {
                        if let Some(class) = t.spec.storage_class_name.as_ref().filter(|c| !c.is_empty() && !self.store.storageclasses.contains_key(*c)) {
                            warn(&format!("spec.volumeClaimTemplates[{i}].spec.storageClassName"), WarningKind::StorageClassNotFound { class: class.clone(), claim: t.metadata.name.clone() });
                        }
                    }
                    let replicas = s.spec.replicas.unwrap_or(1);
                    if let (true, Some(t)) = (replicas > 1, &s.spec.template) {
                        for (j, v) in t.spec.volumes.iter().enumerate() {
                            let Some(pvc) = &v.persistent_volume_claim else { continue };
                            let claim = docs
                                .iter()
                                .find_map(|d| match &d.object {
                                    AnyObject::PersistentVolumeClaim(c) if c.metadata.name == pvc.claim_name && c.metadata.namespace == ns => Some(c),
                                    _ => None,
                                })
                                .or_else(|| self.store.pvcs.get(&Key::new(&ns, &pvc.claim_name)));
                            let mode = match claim {
                                None => Some(String::new()),
                                Some(c) => c.spec.access_modes.iter().find(|m| *m == "ReadWriteOnce" || *m == "ReadWriteOncePod").cloned(),
                            };
                            if let Some(access_mode) = mode {
                                warn(&format!("spec.template.spec.volumes[{j}].persistentVolumeClaim.claimName"), WarningKind::SharedClaim { claim: pvc.claim_name.clone(), access_mode });
                            }
                        }
                    }
                }
                AnyObject::PersistentVolumeClaim(c) => {
                    if let Some(class) = c.spec.storage_class_name.as_ref().filter(|c| !c.is_empty() && !self.store.storageclasses.contains_key(*c)) {
                        warn("spec.storageClassName", WarningKind::StorageClassNotFound { class: class.clone(), claim: c.metadata.name.clone() });
                    }
                }
                AnyObject::DaemonSet(d) => {
                    let Some(t) = &d.spec.template else { continue };
                    let mut reasons = Vec::new();
                    let mut eligible = false;
                    for node in self.store.nodes.values() {
                        let (should_run, _, reason) = crate::controllers::daemonset::node_should_run(node, &t.spec);
                        if should_run {
                            eligible = true;
                            break;
                        }
                        if let Some(reason) = reason {
                            reasons.push(NodeReason { node: node.metadata.name.clone(), reason });
                        }
                    }
                    if !eligible {
                        let path = if !t.spec.node_selector.is_empty() { "spec.template.spec.nodeSelector" } else { "spec.template.spec" };
                        warn(path, WarningKind::NoEligibleNode { reasons });
                    }
                }
                _ => {}
            }
        }
        out
    }
}
