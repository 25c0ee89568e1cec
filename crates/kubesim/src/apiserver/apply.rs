//! `kubectl apply`: validate every document first, then create or update each object in
//! order. A manifest with one bad document changes nothing.

// ManifestError carries line, column and both wordings on purpose; it is built once per
// failed apply, so its size does not matter.
#![allow(clippy::result_large_err)]

use crate::runtime::history::HappeningKind;
use crate::state::Ctx;
use crate::manifest::{self, AnyObject, Document, InvalidDetail, ManifestError};
use crate::api::model::*;
use crate::api::meta::{Key, Object};
use crate::apiserver::merge::merged;
pub use crate::apiserver::merge::merge3;
pub use crate::apiserver::validation::{label_error, valid_label_key, valid_label_value, validate};
pub(crate) use crate::apiserver::validation::*;
use serde::{Deserialize, Serialize};

pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyOutcome {
    /// `daemonset.apps/fluentd`
    pub resource: String,
    /// `created`, `configured` or `unchanged`
    pub verb: String,
    pub kind: String,
    pub key: Key,
}

impl ApplyOutcome {
    pub fn line(&self) -> String {
        format!("{} {}", self.resource, self.verb)
    }
}

/// `kind[.group]` as kubectl's name printer writes it.
pub fn resource_prefix(kind: &str) -> String {
    let lower = kind.to_lowercase();
    match kind {
        "DaemonSet" | "StatefulSet" | "Deployment" | "ReplicaSet" | "ControllerRevision" => format!("{lower}.apps"),
        "StorageClass" => format!("{lower}.storage.k8s.io"),
        _ => lower,
    }
}



/// `ValidateStatefulSetUpdate`: only some spec fields may change.
pub fn statefulset_update_allowed(old: &StatefulSet, new: &StatefulSet) -> bool {
    let mut restored = new.spec.clone();
    restored.replicas = old.spec.replicas;
    restored.ordinals = old.spec.ordinals.clone();
    restored.template = old.spec.template.clone();
    restored.update_strategy = old.spec.update_strategy.clone();
    restored.revision_history_limit = old.spec.revision_history_limit;
    restored.persistent_volume_claim_retention_policy = old.spec.persistent_volume_claim_retention_policy.clone();
    restored.min_ready_seconds = old.spec.min_ready_seconds;
    restored == old.spec
}

/// What went wrong when applying, as kubectl reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplyError {
    Manifest(ManifestError),
    /// The object's namespace does not exist.
    NamespaceNotFound { document: usize, namespace: String },
}

impl ApplyError {
    /// The line kubectl prints.
    pub fn api_message(&self, source: &str) -> String {
        match self {
            ApplyError::Manifest(e) => e.api_message.clone(),
            ApplyError::NamespaceNotFound { namespace, .. } => {
                format!("Error from server (NotFound): error when creating \"{source}\": namespaces \"{namespace}\" not found")
            }
        }
    }
}

/// A successful apply: what kubectl prints, and the mistakes the app points out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    pub outcomes: Vec<ApplyOutcome>,
    pub warnings: Vec<crate::apiserver::warnings::ManifestWarning>,
}

impl Ctx {
    /// Reads and validates a manifest for `Cluster::apply_text`: the documents to apply, in
    /// order, or the error, with nothing changed.
    pub(crate) fn prepare_apply(&self, text: &str) -> Result<Vec<Document>, ApplyError> {
        let mut docs = manifest::parse(text).map_err(ApplyError::Manifest)?;
        for d in &mut docs {
            if d.object.meta().namespace.is_empty() && d.object.namespaced() {
                d.object.meta_mut().namespace = "default".into();
            }
            validate(d, text).map_err(ApplyError::Manifest)?;
            self.validate_update(d, text).map_err(ApplyError::Manifest)?;
        }
        // Namespaces created earlier in the same file count.
        let mut known: Vec<String> = self.store.namespaces.keys().cloned().collect();
        for d in &docs {
            match &d.object {
                AnyObject::Namespace(n) => known.push(n.metadata.name.clone()),
                AnyObject::PersistentVolume(_) => {}
                o => {
                    let ns = &o.meta().namespace;
                    if !known.contains(ns) {
                        return Err(ApplyError::NamespaceNotFound { document: d.index, namespace: ns.clone() });
                    }
                }
            }
        }
        Ok(docs)
    }

    /// Apply of a workload: create it with the API defaults, or three-way merge the file into
    /// the live object (a field changed behind apply's back, e.g. by `kubectl scale`, stays as
    /// it is live unless the file changed it since the last apply).
    fn apply_workload<T: Workload>(&mut self, mut obj: T, applied: String) -> ApplyOutcome {
        let key = obj.key();
        let kind = T::KIND;
        let outcome = |verb: &str| ApplyOutcome {
            resource: format!("{}/{}", resource_prefix(kind), key.name),
            verb: verb.into(),
            kind: kind.into(),
            key: key.clone(),
        };
        let Some(old) = T::stored(self, &key).cloned() else {
            obj.apply_defaults();
            obj.reset_type_and_status();
            let m = obj.meta_mut();
            m.annotations.insert(LAST_APPLIED.into(), applied);
            m.generation = Some(1);
            obj.on_create();
            self.stamp_new(&mut obj);
            T::put(self, obj);
            return outcome("created");
        };
        if old.meta().annotations.get(LAST_APPLIED) == Some(&applied) {
            return outcome("unchanged");
        }
        let Some(mut new) = merged(&old, &applied) else { return outcome("unchanged") };
        new.apply_defaults();
        new.meta_mut().annotations.insert(LAST_APPLIED.into(), applied);
        new.keep_status_of(&old);
        new.on_update(&old);
        if new.spec_differs(&old) {
            new.meta_mut().generation = Some(old.meta().generation.unwrap_or(1) + 1);
        }
        new.meta_mut().resource_version = self.bump_rv();
        T::put(self, new);
        outcome("configured")
    }

    /// Applies one validated document; the caller lets the control loop run after it.
    pub(crate) fn apply_document(&mut self, doc: Document) -> ApplyOutcome {
        let kind = doc.object.kind().to_string();
        let applied = doc.applied_json.clone();
        let outcome = match doc.object {
            AnyObject::DaemonSet(ds) => self.apply_workload(ds, applied),
            AnyObject::Pod(p) => self.apply_pod(p, applied),
            AnyObject::Namespace(n) => self.apply_namespace(n, applied),
            AnyObject::Deployment(d) => self.apply_workload(d, applied),
            AnyObject::ReplicaSet(rs) => self.apply_workload(rs, applied),
            AnyObject::StatefulSet(s) => self.apply_workload(s, applied),
            AnyObject::Service(s) => self.apply_service(s, applied),
            AnyObject::PersistentVolumeClaim(p) => self.apply_pvc(p, applied),
            AnyObject::PersistentVolume(p) => self.apply_pv(p, applied),
        };
        self.happen(HappeningKind::ObjectApplied { kind, key: outcome.key.clone(), verb: outcome.verb.clone() });
        outcome
    }


    /// Update-only rules: a workload's selector cannot change (`field is immutable`).
    fn validate_update(&self, doc: &Document, text: &str) -> Result<(), ManifestError> {
        let key = doc.object.meta().key_in_default();
        let (old, new) = match &doc.object {
            AnyObject::DaemonSet(n) => (self.store.daemonsets.get(&key).map(|o| o.spec.selector.clone()), n.spec.selector.clone()),
            AnyObject::Deployment(n) => (self.store.deployments.get(&key).map(|o| o.spec.selector.clone()), n.spec.selector.clone()),
            AnyObject::ReplicaSet(n) => (self.store.replicasets.get(&key).map(|o| o.spec.selector.clone()), n.spec.selector.clone()),
            _ => (None, None),
        };
        match old {
            Some(old) if old != new => {
                let shown = serde_json::to_string(&new).unwrap_or_default();
                Err(invalid(doc, text, doc.object.kind(), &key.name, "spec.selector", InvalidDetail::FieldImmutable,
                    format!("Invalid value: {shown}: field is immutable")))
            }
            _ => self.validate_update_fields(doc, text),
        }
    }



    fn apply_pod(&mut self, mut p: Pod, applied: String) -> ApplyOutcome {
        let key = p.key();
        let resource = format!("pod/{}", key.name);
        let mk = |verb: &str| ApplyOutcome { resource: resource.clone(), verb: verb.into(), kind: "Pod".into(), key: key.clone() };
        if let Some(old) = self.store.pods.get(&key) {
            // Pod specs are (almost entirely) immutable; only metadata follows the manifest.
            if old.metadata.annotations.get(LAST_APPLIED) == Some(&applied) {
                return mk("unchanged");
            }
            let rv = self.bump_rv();
            let old = self.store.pods.get_mut(&key).expect("exists");
            old.metadata.labels = p.metadata.labels;
            old.metadata.annotations = p.metadata.annotations;
            old.metadata.annotations.insert(LAST_APPLIED.into(), applied);
            old.metadata.resource_version = rv;
            return mk("configured");
        }
        p.status = Default::default();
        p.metadata.annotations.insert(LAST_APPLIED.into(), applied);
        self.create_pod(p);
        mk("created")
    }

    /// Update-time rules that need the stored object (immutable fields).
    fn validate_update_fields(&self, doc: &Document, text: &str) -> Result<(), ManifestError> {
        let name = doc.object.meta().name.clone();
        match &doc.object {
            AnyObject::StatefulSet(s) => {
                let Some(old) = self.store.statefulsets.get(&s.key()) else { return Ok(()) };
                let Some(mut new) = merged(old, &doc.applied_json) else { return Ok(()) };
                crate::api::defaults::statefulset(&mut new);
                if !statefulset_update_allowed(old, &new) {
                    let mut e = invalid(doc, text, "StatefulSet", &name, "spec", InvalidDetail::StatefulSetSpecImmutable,
                        "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden".into());
                    // The real error names `spec`; the position points at the field that changed.
                    let changed = [
                        ("spec.selector", old.spec.selector != new.spec.selector),
                        ("spec.serviceName", old.spec.service_name != new.spec.service_name),
                        ("spec.podManagementPolicy", old.spec.pod_management_policy != new.spec.pod_management_policy),
                        ("spec.volumeClaimTemplates", old.spec.volume_claim_templates != new.spec.volume_claim_templates),
                    ];
                    if let Some((path, _)) = changed.iter().find(|(_, c)| *c) {
                        (e.line, e.column) = doc.locate(text, path);
                    }
                    return Err(e);
                }
                Ok(())
            }
            AnyObject::PersistentVolumeClaim(p) => {
                let Some(old) = self.store.pvcs.get(&p.key()) else { return Ok(()) };
                let Some(mut new) = merged(old, &doc.applied_json) else { return Ok(()) };
                crate::api::defaults::claim(&mut new);
                new.spec.resources = old.spec.resources.clone();
                new.spec.volume_attributes_class_name = old.spec.volume_attributes_class_name.clone();
                if new.spec != old.spec {
                    return Err(invalid(doc, text, "PersistentVolumeClaim", &name, "spec", InvalidDetail::ClaimSpecImmutable,
                        "Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims".into()));
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }


    fn apply_service(&mut self, mut s: Service, applied: String) -> ApplyOutcome {
        let key = s.key();
        let resource = format!("service/{}", key.name);
        let mk = |verb: &str| ApplyOutcome { resource: resource.clone(), verb: verb.into(), kind: "Service".into(), key: key.clone() };
        match self.store.services.get(&key).cloned() {
            None => {
                s.metadata.annotations.insert(LAST_APPLIED.into(), applied);
                self.create_service(s);
                mk("created")
            }
            Some(old) => {
                if old.metadata.annotations.get(LAST_APPLIED) == Some(&applied) {
                    return mk("unchanged");
                }
                let Some(mut new) = merged(&old, &applied) else { return mk("unchanged") };
                new.metadata.annotations.insert(LAST_APPLIED.into(), applied);
                self.update_service(new);
                mk("configured")
            }
        }
    }

    fn apply_pvc(&mut self, mut p: PersistentVolumeClaim, applied: String) -> ApplyOutcome {
        let key = p.key();
        let resource = format!("persistentvolumeclaim/{}", key.name);
        let mk = |verb: &str| ApplyOutcome { resource: resource.clone(), verb: verb.into(), kind: "PersistentVolumeClaim".into(), key: key.clone() };
        match self.store.pvcs.get(&key).cloned() {
            None => {
                p.metadata.annotations.insert(LAST_APPLIED.into(), applied);
                p.metadata.uid = String::new();
                self.create_pvc(p);
                mk("created")
            }
            Some(old) => {
                if old.metadata.annotations.get(LAST_APPLIED) == Some(&applied) {
                    return mk("unchanged");
                }
                let Some(mut new) = merged(&old, &applied) else { return mk("unchanged") };
                new.metadata.annotations.insert(LAST_APPLIED.into(), applied);
                new.status = old.status.clone();
                new.metadata.resource_version = self.bump_rv();
                self.store.pvcs.insert(key.clone(), new);
                self.enqueue(crate::runtime::queue::Work::SyncClaim(key.clone()));
                mk("configured")
            }
        }
    }

    fn apply_pv(&mut self, mut p: PersistentVolume, applied: String) -> ApplyOutcome {
        let name = p.metadata.name.clone();
        let key = Key::cluster(&name);
        let resource = format!("persistentvolume/{name}");
        let mk = |verb: &str| ApplyOutcome { resource: resource.clone(), verb: verb.into(), kind: "PersistentVolume".into(), key: key.clone() };
        match self.store.pvs.get(&name).cloned() {
            None => {
                p.metadata.annotations.insert(LAST_APPLIED.into(), applied);
                self.create_pv(p);
                mk("created")
            }
            Some(old) => {
                if old.metadata.annotations.get(LAST_APPLIED) == Some(&applied) {
                    return mk("unchanged");
                }
                let Some(mut new) = merged(&old, &applied) else { return mk("unchanged") };
                crate::api::defaults::volume(&mut new);
                new.metadata.annotations.insert(LAST_APPLIED.into(), applied);
                new.status = old.status.clone();
                new.metadata.resource_version = self.bump_rv();
                self.store.pvs.insert(name.clone(), new);
                self.enqueue(crate::runtime::queue::Work::SyncVolume(name.clone()));
                mk("configured")
            }
        }
    }

    fn apply_namespace(&mut self, mut n: Namespace, applied: String) -> ApplyOutcome {
        let key = Key::cluster(&n.metadata.name);
        let resource = format!("namespace/{}", key.name);
        let mk = |verb: &str| ApplyOutcome { resource: resource.clone(), verb: verb.into(), kind: "Namespace".into(), key: key.clone() };
        if let Some(old) = self.store.namespaces.get(&key.name) {
            if old.metadata.annotations.get(LAST_APPLIED) == Some(&applied) {
                return mk("unchanged");
            }
        }
        let existed = self.store.namespaces.contains_key(&key.name);
        n.api_version = "v1".into();
        n.kind = "Namespace".into();
        n.metadata.annotations.insert(LAST_APPLIED.into(), applied);
        n.metadata.labels.insert("kubernetes.io/metadata.name".into(), key.name.clone());
        if existed {
            let old = &self.store.namespaces[&key.name];
            n.metadata.uid = old.metadata.uid.clone();
            n.metadata.creation_timestamp = old.metadata.creation_timestamp.clone();
            n.metadata.resource_version = self.bump_rv();
        } else {
            self.stamp_new(&mut n);
        }
        self.store.namespaces.insert(key.name.clone(), n);
        mk(if existed { "configured" } else { "created" })
    }
}

/// The owner kind and name of an object, from its controller reference.
pub fn owner_of<T: Object>(o: &T) -> Option<(String, String)> {
    o.controller_ref().map(|r| (r.kind.clone(), r.name.clone()))
}

/// What apply needs of a workload kind (DaemonSet, Deployment, ReplicaSet, StatefulSet).
trait Workload: Object + Clone + Serialize + serde::de::DeserializeOwned {
    fn stored<'a>(c: &'a Ctx, k: &Key) -> Option<&'a Self>;
    fn put(c: &mut Ctx, obj: Self);
    /// The API server's defaults for the kind.
    fn apply_defaults(&mut self);
    fn reset_type_and_status(&mut self);
    fn keep_status_of(&mut self, old: &Self);
    fn spec_differs(&self, old: &Self) -> bool;
    /// Kind-specific bookkeeping when the object is created or updated.
    fn on_create(&mut self) {}
    fn on_update(&mut self, _old: &Self) {}
}

macro_rules! workload {
    ($t:ty, $map:ident, $put:ident, $defaults:path) => {
        fn stored<'a>(c: &'a Ctx, k: &Key) -> Option<&'a Self> {
            c.store.$map.get(k)
        }
        fn put(c: &mut Ctx, obj: Self) {
            c.$put(obj)
        }
        fn apply_defaults(&mut self) {
            $defaults(self)
        }
        fn reset_type_and_status(&mut self) {
            self.api_version = <$t as Object>::API_VERSION.into();
            self.kind = <$t as Object>::KIND.into();
            self.status = Default::default();
        }
        fn keep_status_of(&mut self, old: &Self) {
            self.status = old.status.clone();
        }
        fn spec_differs(&self, old: &Self) -> bool {
            self.spec != old.spec
        }
    };
}

impl Workload for Deployment {
    workload!(Deployment, deployments, put_deployment, crate::api::defaults::deployment);
}

impl Workload for ReplicaSet {
    workload!(ReplicaSet, replicasets, put_replicaset, crate::api::defaults::replicaset);
}

impl Workload for StatefulSet {
    workload!(StatefulSet, statefulsets, put_statefulset, crate::api::defaults::statefulset);
}

impl Workload for DaemonSet {
    workload!(DaemonSet, daemonsets, put_daemonset, crate::api::defaults::daemonset);

    fn on_create(&mut self) {
        self.metadata.annotations.insert(crate::api::apps_v1::TEMPLATE_GENERATION_ANNOTATION.into(), "1".into());
    }

    /// `deprecated.daemonset.template.generation` counts template changes.
    fn on_update(&mut self, old: &Self) {
        let tg: i64 = old
            .metadata
            .annotations
            .get(crate::api::apps_v1::TEMPLATE_GENERATION_ANNOTATION)
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        let changed = old.spec.template != self.spec.template;
        self.metadata.annotations.insert(
            crate::api::apps_v1::TEMPLATE_GENERATION_ANNOTATION.into(),
            (if changed { tg + 1 } else { tg }).to_string(),
        );
    }
}

