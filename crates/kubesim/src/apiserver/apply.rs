//! `kubectl apply`: validate every document first, then create or update each object in
//! order. A manifest with one bad document changes nothing.

// ManifestError carries line, column and both wordings on purpose; it is built once per
// failed apply, so its size does not matter.
#![allow(clippy::result_large_err)]

use crate::runtime::history::HappeningKind;
use crate::state::State;
use crate::manifest::{self, AnyObject, Document, InvalidDetail, ManifestError, ManifestErrorKind};
use crate::api::model::*;
use crate::api::meta::{Key, Object};
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

pub(crate) fn dns1123_subdomain(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|part| {
            !part.is_empty()
                && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && part.as_bytes()[0].is_ascii_alphanumeric()
                && part.as_bytes()[part.len() - 1].is_ascii_alphanumeric()
        })
}

/// A label value (`IsValidLabelValue`): empty, or at most 63 alphanumerics, '-', '_', '.',
/// starting and ending with an alphanumeric.
pub fn valid_label_value(v: &str) -> bool {
    v.is_empty()
        || (v.len() <= 63
            && v.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
            && v.as_bytes()[0].is_ascii_alphanumeric()
            && v.as_bytes()[v.len() - 1].is_ascii_alphanumeric())
}

/// A label key (`IsQualifiedName`): `[prefix/]name`, the prefix a DNS subdomain, the name
/// a non-empty label value.
pub fn valid_label_key(k: &str) -> bool {
    let (prefix, name) = match k.split_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, k),
    };
    prefix.is_none_or(dns1123_subdomain) && !name.is_empty() && valid_label_value(name)
}

const QUALIFIED_NAME_RULE: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_RULE: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/// The first of apimachinery's `IsQualifiedName` messages for a label key, if any.
fn label_key_message(k: &str) -> Option<String> {
    let parts: Vec<&str> = k.split('/').collect();
    let name = match parts[..] {
        [name] => name,
        [prefix, name] => {
            if prefix.is_empty() {
                return Some("prefix part must be non-empty".into());
            }
            if prefix.len() > 253 {
                return Some("prefix part must be no more than 253 characters".into());
            }
            if !dns1123_subdomain(prefix) {
                return Some("prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".into());
            }
            name
        }
        _ => return Some(format!("a qualified name {QUALIFIED_NAME_RULE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")),
    };
    if name.is_empty() {
        return Some("name part must be non-empty".into());
    }
    if name.len() > 63 {
        return Some("name part must be no more than 63 characters".into());
    }
    if !valid_label_value(name) {
        return Some(format!("name part {QUALIFIED_NAME_RULE}"));
    }
    None
}

/// The first of apimachinery's `IsValidLabelValue` messages for a label value, if any.
fn label_value_message(v: &str) -> Option<String> {
    if v.len() > 63 {
        return Some("must be no more than 63 characters".into());
    }
    if !valid_label_value(v) {
        return Some(LABEL_VALUE_RULE.into());
    }
    None
}

/// What the API server says of one label, after its field path: the detail for the
/// student's message and the API's `Invalid value: …` wording.
fn label_problem(k: &str, v: &str) -> Option<(InvalidDetail, String)> {
    if let Some(m) = label_key_message(k) {
        return Some((InvalidDetail::LabelKey { key: k.into() }, format!("Invalid value: {k:?}: {m}")));
    }
    label_value_message(v).map(|m| (InvalidDetail::LabelValue { key: k.into(), value: v.into() }, format!("Invalid value: {v:?}: {m}")))
}

/// `kubectl label` and `sim node add --label` refuse what the API server would.
pub fn label_error(k: &str, v: &str) -> Option<String> {
    label_problem(k, v).map(|(_, tail)| format!("metadata.labels: {tail}"))
}

/// `ValidateLabels` over one map of labels (metadata, a pod template's metadata, or a
/// selector's `matchLabels`); the position is the offending key's line when it can be found.
fn validate_labels(doc: &Document, text: &str, kind: &str, name: &str, path: &str, labels: &Labels) -> Result<(), ManifestError> {
    for (k, v) in labels {
        if let Some((detail, tail)) = label_problem(k, v) {
            let mut e = invalid(doc, text, kind, name, path, detail, tail);
            if !k.contains(['.', '[', ']']) {
                (e.line, e.column) = doc.locate(text, &format!("{path}[{k}]"));
            }
            return Err(e);
        }
    }
    Ok(())
}

fn labels_json(l: &Labels) -> String {
    serde_json::to_string(l).unwrap_or_default()
}

fn invalid(doc: &Document, text: &str, kind: &str, name: &str, path: &str, detail: InvalidDetail, api_tail: String) -> ManifestError {
    let (line, column) = doc.locate(text, path);
    ManifestError {
        document: doc.index,
        line,
        column,
        kind: ManifestErrorKind::Invalid { path: path.to_string(), detail },
        api_message: format!("The {kind} \"{name}\" is invalid: {path}: {api_tail}"),
    }
}

fn validate_pod_spec(doc: &Document, text: &str, kind: &str, name: &str, base: &str, spec: &PodSpec) -> Result<(), ManifestError> {
    if spec.containers.is_empty() {
        let path = format!("{base}.containers");
        return Err(invalid(doc, text, kind, name, &path, InvalidDetail::NoContainers, "Required value".into()));
    }
    for (i, c) in spec.containers.iter().enumerate() {
        // Container resources are kept as written; they must still read as quantities.
        let resources = c.resources.as_ref().map(|r| [("requests", &r.requests), ("limits", &r.limits)]);
        for (field, map) in resources.into_iter().flatten() {
            for (k, v) in map {
                let written = match v {
                    serde_yaml::Value::String(s) => Some(s.clone()),
                    serde_yaml::Value::Number(n) => Some(n.to_string()),
                    _ => None,
                };
                if written.as_deref().and_then(|w| crate::api::quantity::parse(w).ok()).is_none() {
                    let path = format!("{base}.containers[{i}].resources.{field}.{k}");
                    let (line, column) = doc.locate(text, &path);
                    return Err(ManifestError {
                        document: doc.index,
                        line,
                        column,
                        kind: ManifestErrorKind::BadQuantity { path, value: written.unwrap_or_default() },
                        api_message: format!("Error from server (BadRequest): error when creating: {kind} in version \"v1\" cannot be handled as a {kind}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
                    });
                }
            }
        }
        if !dns1123_label(&c.name) {
            let path = format!("{base}.containers[{i}].name");
            return Err(invalid(doc, text, kind, name, &path, InvalidDetail::NotDnsLabel { value: c.name.clone() }, dns_label_message(&c.name)));
        }
        if c.image.trim().is_empty() {
            let path = format!("{base}.containers[{i}].image");
            let (line, column) = doc.locate(text, &path);
            return Err(ManifestError {
                document: doc.index,
                line,
                column,
                kind: ManifestErrorKind::Invalid { path: path.clone(), detail: InvalidDetail::NoImage { container: c.name.clone() } },
                api_message: format!("The {kind} \"{name}\" is invalid: {path}: Required value"),
            });
        }
    }
    if !spec.node_name.is_empty() && !dns1123_subdomain(&spec.node_name) {
        let v = spec.node_name.clone();
        let path = format!("{base}.nodeName");
        return Err(invalid(doc, text, kind, name, &path, InvalidDetail::NotDnsSubdomain { value: v.clone() },
            format!("Invalid value: \"{v}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")));
    }
    Ok(())
}

/// API-server validation of one object (the rules that apply to what is modelled so far).
pub fn validate(doc: &Document, text: &str) -> Result<(), ManifestError> {
    let kind = doc.object.kind();
    let name = doc.object.meta().name.clone();
    match &doc.object {
        AnyObject::StatefulSet(_) if !dns1123_label(&name) => {
            return Err(invalid(doc, text, kind, &name, "metadata.name", InvalidDetail::NotDnsLabel { value: name.clone() }, dns_label_message(&name)));
        }
        AnyObject::Service(_) if !dns1035_label(&name) => {
            return Err(invalid(doc, text, kind, &name, "metadata.name", InvalidDetail::NotDns1035Label { value: name.clone() },
                format!("Invalid value: \"{name}\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")));
        }
        _ => {}
    }
    if !dns1123_subdomain(&name) {
        return Err(invalid(doc, text, kind, &name, "metadata.name", InvalidDetail::NotDnsSubdomain { value: name.clone() },
            format!("Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")));
    }
    validate_labels(doc, text, kind, &name, "metadata.labels", &doc.object.meta().labels)?;
    let (selector, template) = match &doc.object {
        AnyObject::DaemonSet(o) => (o.spec.selector.as_ref(), o.spec.template.as_ref()),
        AnyObject::Deployment(o) => (o.spec.selector.as_ref(), o.spec.template.as_ref()),
        AnyObject::ReplicaSet(o) => (o.spec.selector.as_ref(), o.spec.template.as_ref()),
        AnyObject::StatefulSet(o) => (o.spec.selector.as_ref(), o.spec.template.as_ref()),
        _ => (None, None),
    };
    if let Some(sel) = selector {
        validate_labels(doc, text, kind, &name, "spec.selector.matchLabels", &sel.match_labels)?;
    }
    if let Some(t) = template {
        validate_labels(doc, text, kind, &name, "spec.template.metadata.labels", &t.metadata.labels)?;
    }
    match &doc.object {
        AnyObject::DaemonSet(ds) => {
            let Some(sel) = &ds.spec.selector else {
                let (line, column) = doc.locate(text, "spec");
                return Err(ManifestError {
                    document: doc.index,
                    line,
                    column,
                    kind: ManifestErrorKind::Required { path: "spec.selector".into() },
                    api_message: format!("The DaemonSet \"{name}\" is invalid: spec.selector: Required value"),
                });
            };
            if sel.is_empty() {
                return Err(invalid(doc, text, kind, &name, "spec.selector", InvalidDetail::EmptySelector { kind: "daemonset".into() },
                    "Invalid value: {}: empty selector is invalid for daemonset".into()));
            }
            let Some(t) = &ds.spec.template else {
                let (line, column) = doc.locate(text, "spec");
                return Err(ManifestError {
                    document: doc.index,
                    line,
                    column,
                    kind: ManifestErrorKind::Required { path: "spec.template".into() },
                    api_message: format!("The DaemonSet \"{name}\" is invalid: spec.template.spec.containers: Required value"),
                });
            };
            if !sel.matches(&t.metadata.labels) {
                let labels = labels_json(&t.metadata.labels);
                return Err(invalid(doc, text, kind, &name, "spec.template.metadata.labels", InvalidDetail::SelectorMismatch { labels: labels.clone() },
                    format!("Invalid value: {labels}: `selector` does not match template `labels`")));
            }
            if !t.spec.restart_policy.is_empty() && t.spec.restart_policy != "Always" {
                let v = t.spec.restart_policy.clone();
                return Err(invalid(doc, text, kind, &name, "spec.template.spec.restartPolicy", InvalidDetail::RestartPolicy { value: v.clone() },
                    format!("Unsupported value: \"{v}\": supported values: \"Always\"")));
            }
            validate_pod_spec(doc, text, kind, &name, "spec.template.spec", &t.spec)
        }
        AnyObject::Pod(p) => validate_pod_spec(doc, text, kind, &name, "spec", &p.spec),
        AnyObject::Deployment(d) => {
            validate_replicas(doc, text, kind, &name, d.spec.replicas)?;
            let st = &d.spec.strategy;
            if !st.type_.is_empty() && st.type_ != "RollingUpdate" && st.type_ != "Recreate" {
                let v = st.type_.clone();
                return Err(invalid(doc, text, kind, &name, "spec.strategy.type",
                    InvalidDetail::UnsupportedValue { unsupported: Box::new(manifest::Unsupported { value: v.clone(), supported: vec!["Recreate".into(), "RollingUpdate".into()] }) },
                    format!("Unsupported value: \"{v}\": supported values: \"Recreate\", \"RollingUpdate\"")));
            }
            if let Some(ru) = &st.rolling_update {
                let replicas = d.spec.replicas.unwrap_or(1) as i64;
                let unavailable = ru.max_unavailable.as_ref().and_then(|v| v.scaled(replicas, false));
                let surge = ru.max_surge.as_ref().and_then(|v| v.scaled(replicas, true));
                // Unset fields take their 25% defaults, which are never both zero.
                if ru.max_unavailable.is_some() && ru.max_surge.is_some() && unavailable == Some(0) && surge == Some(0) {
                    let shown = match &ru.max_unavailable {
                        Some(IntOrString::Str(s)) => format!("\"{s}\""),
                        Some(IntOrString::Int(i)) => i.to_string(),
                        None => "0".into(),
                    };
                    return Err(invalid(doc, text, kind, &name, "spec.strategy.rollingUpdate.maxUnavailable",
                        InvalidDetail::MaxUnavailableZeroWithZeroSurge,
                        format!("Invalid value: {shown}: may not be 0 when `maxSurge` is 0")));
                }
            }
            validate_workload(doc, text, kind, &name, "deployment", d.spec.selector.as_ref(), d.spec.template.as_ref())
        }
        AnyObject::ReplicaSet(rs) => {
            validate_replicas(doc, text, kind, &name, rs.spec.replicas)?;
            validate_workload(doc, text, kind, &name, "replicaset", rs.spec.selector.as_ref(), rs.spec.template.as_ref())
        }
        AnyObject::Namespace(_) => Ok(()),
        AnyObject::StatefulSet(s) => validate_statefulset(doc, text, &name, s),
        AnyObject::Service(s) => {
            if s.spec.ports.is_empty() && s.spec.cluster_ip != "None" && s.spec.type_ != "ExternalName" {
                return Err(required(doc, text, kind, &name, "spec.ports"));
            }
            Ok(())
        }
        AnyObject::PersistentVolumeClaim(p) => {
            if p.spec.access_modes.is_empty() {
                return Err(required(doc, text, kind, &name, "spec.accessModes"));
            }
            if !p.spec.resources.requests.contains_key("storage") {
                return Err(required(doc, text, kind, &name, "spec.resources[storage]"));
            }
            Ok(())
        }
        AnyObject::PersistentVolume(p) => {
            if p.spec.capacity.is_empty() {
                return Err(required(doc, text, kind, &name, "spec.capacity"));
            }
            if p.spec.access_modes.is_empty() {
                return Err(required(doc, text, kind, &name, "spec.accessModes"));
            }
            Ok(())
        }
    }
}

fn validate_replicas(doc: &Document, text: &str, kind: &str, name: &str, replicas: Option<i32>) -> Result<(), ManifestError> {
    match replicas {
        Some(r) if r < 0 => Err(invalid(doc, text, kind, name, "spec.replicas", InvalidDetail::Negative { value: r as i64 },
            format!("Invalid value: {r}: must be greater than or equal to 0"))),
        _ => Ok(()),
    }
}

/// Selector and template checks shared by Deployments and ReplicaSets (`ValidateDeploymentSpec`,
/// `ValidateReplicaSetSpec`): a non-empty selector that matches the template labels, restart
/// policy Always, and a valid pod template.
fn validate_workload(
    doc: &Document,
    text: &str,
    kind: &str,
    name: &str,
    lower: &str,
    selector: Option<&LabelSelector>,
    template: Option<&PodTemplateSpec>,
) -> Result<(), ManifestError> {
    let Some(sel) = selector else {
        let (line, column) = doc.locate(text, "spec");
        return Err(ManifestError {
            document: doc.index,
            line,
            column,
            kind: ManifestErrorKind::Required { path: "spec.selector".into() },
            api_message: format!("The {kind} \"{name}\" is invalid: spec.selector: Required value"),
        });
    };
    if sel.is_empty() {
        return Err(invalid(doc, text, kind, name, "spec.selector", InvalidDetail::EmptySelector { kind: lower.into() },
            format!("Invalid value: {{}}: empty selector is invalid for {lower}")));
    }
    let Some(t) = template else {
        let (line, column) = doc.locate(text, "spec");
        return Err(ManifestError {
            document: doc.index,
            line,
            column,
            kind: ManifestErrorKind::Required { path: "spec.template".into() },
            api_message: format!("The {kind} \"{name}\" is invalid: spec.template.spec.containers: Required value"),
        });
    };
    if !sel.matches(&t.metadata.labels) {
        let labels = labels_json(&t.metadata.labels);
        return Err(invalid(doc, text, kind, name, "spec.template.metadata.labels", InvalidDetail::SelectorMismatch { labels: labels.clone() },
            format!("Invalid value: {labels}: `selector` does not match template `labels`")));
    }
    if !t.spec.restart_policy.is_empty() && t.spec.restart_policy != "Always" {
        let v = t.spec.restart_policy.clone();
        return Err(invalid(doc, text, kind, name, "spec.template.spec.restartPolicy", InvalidDetail::RestartPolicy { value: v.clone() },
            format!("Unsupported value: \"{v}\": supported values: \"Always\"")));
    }
    validate_pod_spec(doc, text, kind, name, "spec.template.spec", &t.spec)
}

fn dns1123_label(s: &str) -> bool {
    !s.is_empty() && s.len() <= 63 && !s.contains('.') && dns1123_subdomain(s)
}

fn dns1035_label(s: &str) -> bool {
    dns1123_label(s) && s.as_bytes()[0].is_ascii_lowercase()
}

fn dns_label_message(v: &str) -> String {
    format!("Invalid value: \"{v}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
}

fn required(doc: &Document, text: &str, kind: &str, name: &str, path: &str) -> ManifestError {
    let (line, column) = doc.locate(text, path.split('[').next().unwrap_or(path));
    ManifestError {
        document: doc.index,
        line,
        column,
        kind: ManifestErrorKind::Required { path: path.into() },
        api_message: format!("The {kind} \"{name}\" is invalid: {path}: Required value"),
    }
}

fn unsupported(doc: &Document, text: &str, name: &str, path: &str, value: &str, supported: &[&str]) -> ManifestError {
    let list = supported.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ");
    invalid(doc, text, "StatefulSet", name, path,
        InvalidDetail::UnsupportedValue { unsupported: Box::new(manifest::Unsupported { value: value.into(), supported: supported.iter().map(|s| s.to_string()).collect() }) },
        format!("Unsupported value: \"{value}\": supported values: {list}"))
}

/// `ValidateStatefulSetSpec` (the rules this simulator models).
fn validate_statefulset(doc: &Document, text: &str, name: &str, s: &StatefulSet) -> Result<(), ManifestError> {
    let kind = "StatefulSet";
    let negative = |path: &str, v: i64| {
        invalid(doc, text, kind, name, path, InvalidDetail::Negative { value: v }, format!("Invalid value: {v}: must be greater than or equal to 0"))
    };
    if let Some(r) = s.spec.replicas.filter(|r| *r < 0) {
        return Err(negative("spec.replicas", r as i64));
    }
    if s.spec.min_ready_seconds < 0 {
        return Err(negative("spec.minReadySeconds", s.spec.min_ready_seconds as i64));
    }
    if let Some(o) = s.spec.ordinals.as_ref().filter(|o| o.start < 0) {
        return Err(negative("spec.ordinals.start", o.start as i64));
    }
    if !s.spec.service_name.is_empty() && !dns1123_label(&s.spec.service_name) {
        let v = s.spec.service_name.clone();
        return Err(invalid(doc, text, kind, name, "spec.serviceName", InvalidDetail::NotDnsLabel { value: v.clone() }, dns_label_message(&v)));
    }
    let policy = &s.spec.pod_management_policy;
    if !policy.is_empty() && policy != "OrderedReady" && policy != "Parallel" {
        return Err(invalid(doc, text, kind, name, "spec.podManagementPolicy",
            InvalidDetail::UnsupportedValue { unsupported: Box::new(manifest::Unsupported { value: policy.clone(), supported: vec!["OrderedReady".into(), "Parallel".into()] }) },
            format!("Invalid value: \"{policy}\": must be 'OrderedReady' or 'Parallel'")));
    }
    let st = &s.spec.update_strategy;
    match st.type_.as_str() {
        "" | "RollingUpdate" => {}
        "OnDelete" => {
            if st.rolling_update.is_some() {
                return Err(invalid(doc, text, kind, name, "spec.updateStrategy.rollingUpdate", InvalidDetail::RollingUpdateWithOnDelete,
                    "Invalid value: \"OnDelete\": only allowed for updateStrategy 'RollingUpdate'".into()));
            }
        }
        other => {
            return Err(invalid(doc, text, kind, name, "spec.updateStrategy",
                InvalidDetail::UnsupportedValue { unsupported: Box::new(manifest::Unsupported { value: other.into(), supported: vec!["RollingUpdate".into(), "OnDelete".into()] }) },
                format!("Invalid value: \"{other}\": must be 'RollingUpdate' or 'OnDelete'")));
        }
    }
    if let Some(p) = st.rolling_update.as_ref().and_then(|r| r.partition).filter(|p| *p < 0) {
        return Err(negative("spec.updateStrategy.rollingUpdate.partition", p as i64));
    }
    if let Some(r) = &s.spec.persistent_volume_claim_retention_policy {
        for (path, v) in [("whenDeleted", &r.when_deleted), ("whenScaled", &r.when_scaled)] {
            if !v.is_empty() && v != "Retain" && v != "Delete" {
                return Err(unsupported(doc, text, name, &format!("spec.persistentVolumeClaimRetentionPolicy.{path}"), v, &["Retain", "Delete"]));
            }
        }
    }
    validate_workload(doc, text, kind, name, "statefulset", s.spec.selector.as_ref(), s.spec.template.as_ref())
}

/// The live object after `kubectl apply`'s three-way merge: fields that changed between the
/// last applied configuration and the new one are written, fields dropped from the file are
/// removed, everything else (e.g. replicas set by `kubectl scale`) stays as it is live.
pub fn merge3(live: &serde_json::Value, last: Option<&serde_json::Value>, new: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match (live, new) {
        (Value::Object(l), Value::Object(n)) => {
            let mut out = l.clone();
            let last_obj = last.and_then(|v| v.as_object());
            for (k, nv) in n {
                let la = last_obj.and_then(|m| m.get(k));
                match l.get(k) {
                    Some(lv) if lv.is_object() && nv.is_object() => {
                        out.insert(k.clone(), merge3(lv, la, nv));
                    }
                    Some(_) if la == Some(nv) => {}
                    _ => {
                        out.insert(k.clone(), nv.clone());
                    }
                }
            }
            if let Some(lm) = last_obj {
                for k in lm.keys() {
                    if !n.contains_key(k) {
                        out.remove(k);
                    }
                }
            }
            Value::Object(out)
        }
        _ => new.clone(),
    }
}

/// The merged object for an update, or `None` when it does not read back.
fn merged<T: Object + serde::Serialize + serde::de::DeserializeOwned>(old: &T, applied: &str) -> Option<T> {
    let live = serde_json::to_value(old).ok()?;
    let last: Option<serde_json::Value> = old.meta().annotations.get(LAST_APPLIED).and_then(|s| serde_json::from_str(s).ok());
    let new: serde_json::Value = serde_json::from_str(applied).ok()?;
    crate::manifest::from_json(&merge3(&live, last.as_ref(), &new)).ok()
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

impl State {
    /// Reads and validates a manifest for `Cluster::apply_text`: the documents to apply, in
    /// order, and the warnings found before applying; or the error, with nothing changed.
    pub(crate) fn prepare_apply(&mut self, text: &str) -> Result<(Vec<Document>, Vec<crate::apiserver::warnings::ManifestWarning>), ApplyError> {
        let mut docs = manifest::parse(text).map_err(ApplyError::Manifest)?;
        for d in &mut docs {
            if d.object.meta().namespace.is_empty() && d.object.namespaced() {
                d.object.meta_mut().namespace = "default".into();
            }
            validate(d, text).map_err(ApplyError::Manifest)?;
            self.validate_update(d, text).map_err(ApplyError::Manifest)?;
        }
        // Namespaces created earlier in the same file count.
        let mut known: Vec<String> = self.namespaces.keys().cloned().collect();
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
        let warnings = self.manifest_warnings(&docs, text);
        Ok((docs, warnings))
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
            AnyObject::DaemonSet(n) => (self.daemonsets.get(&key).map(|o| o.spec.selector.clone()), n.spec.selector.clone()),
            AnyObject::Deployment(n) => (self.deployments.get(&key).map(|o| o.spec.selector.clone()), n.spec.selector.clone()),
            AnyObject::ReplicaSet(n) => (self.replicasets.get(&key).map(|o| o.spec.selector.clone()), n.spec.selector.clone()),
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
        if let Some(old) = self.pods.get(&key) {
            // Pod specs are (almost entirely) immutable; only metadata follows the manifest.
            if old.metadata.annotations.get(LAST_APPLIED) == Some(&applied) {
                return mk("unchanged");
            }
            let rv = self.bump_rv();
            let old = self.pods.get_mut(&key).expect("exists");
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
                let Some(old) = self.statefulsets.get(&s.key()) else { return Ok(()) };
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
                let Some(old) = self.pvcs.get(&p.key()) else { return Ok(()) };
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
        match self.services.get(&key).cloned() {
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
        match self.pvcs.get(&key).cloned() {
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
                self.pvcs.insert(key.clone(), new);
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
        match self.pvs.get(&name).cloned() {
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
                self.pvs.insert(name.clone(), new);
                self.enqueue(crate::runtime::queue::Work::SyncVolume(name.clone()));
                mk("configured")
            }
        }
    }

    fn apply_namespace(&mut self, mut n: Namespace, applied: String) -> ApplyOutcome {
        let key = Key::cluster(&n.metadata.name);
        let resource = format!("namespace/{}", key.name);
        let mk = |verb: &str| ApplyOutcome { resource: resource.clone(), verb: verb.into(), kind: "Namespace".into(), key: key.clone() };
        if let Some(old) = self.namespaces.get(&key.name) {
            if old.metadata.annotations.get(LAST_APPLIED) == Some(&applied) {
                return mk("unchanged");
            }
        }
        let existed = self.namespaces.contains_key(&key.name);
        n.api_version = "v1".into();
        n.kind = "Namespace".into();
        n.metadata.annotations.insert(LAST_APPLIED.into(), applied);
        n.metadata.labels.insert("kubernetes.io/metadata.name".into(), key.name.clone());
        if existed {
            let old = &self.namespaces[&key.name];
            n.metadata.uid = old.metadata.uid.clone();
            n.metadata.creation_timestamp = old.metadata.creation_timestamp.clone();
            n.metadata.resource_version = self.bump_rv();
        } else {
            self.stamp_new(&mut n);
        }
        self.namespaces.insert(key.name.clone(), n);
        mk(if existed { "configured" } else { "created" })
    }
}

/// The owner kind and name of an object, from its controller reference.
pub fn owner_of<T: Object>(o: &T) -> Option<(String, String)> {
    o.controller_ref().map(|r| (r.kind.clone(), r.name.clone()))
}

/// What apply needs of a workload kind (DaemonSet, Deployment, ReplicaSet, StatefulSet).
trait Workload: Object + Clone + Serialize + serde::de::DeserializeOwned {
    fn stored<'a>(c: &'a State, k: &Key) -> Option<&'a Self>;
    fn put(c: &mut State, obj: Self);
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
        fn stored<'a>(c: &'a State, k: &Key) -> Option<&'a Self> {
            c.$map.get(k)
        }
        fn put(c: &mut State, obj: Self) {
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
        self.metadata.annotations.insert(crate::controllers::daemonset::TEMPLATE_GENERATION_ANNOTATION.into(), "1".into());
    }

    /// `deprecated.daemonset.template.generation` counts template changes.
    fn on_update(&mut self, old: &Self) {
        let tg: i64 = old
            .metadata
            .annotations
            .get(crate::controllers::daemonset::TEMPLATE_GENERATION_ANNOTATION)
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        let changed = old.spec.template != self.spec.template;
        self.metadata.annotations.insert(
            crate::controllers::daemonset::TEMPLATE_GENERATION_ANNOTATION.into(),
            (if changed { tg + 1 } else { tg }).to_string(),
        );
    }
}
