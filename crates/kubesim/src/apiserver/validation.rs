//! What the API server refuses: names, labels, pod specs, workloads, StatefulSets, as
//! field errors at the place of the mistake (line and column of the manifest).

// ManifestError carries line, column and both wordings on purpose.
#![allow(clippy::result_large_err)]

use crate::api::model::*;
use crate::manifest::{self, AnyObject, Document, InvalidDetail, ManifestError, ManifestErrorKind};

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

pub(crate) const QUALIFIED_NAME_RULE: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
pub(crate) const LABEL_VALUE_RULE: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/// The first of apimachinery's `IsQualifiedName` messages for a label key, if any.
pub(crate) fn label_key_message(k: &str) -> Option<String> {
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
pub(crate) fn label_value_message(v: &str) -> Option<String> {
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
pub(crate) fn label_problem(k: &str, v: &str) -> Option<(InvalidDetail, String)> {
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
pub(crate) fn validate_labels(doc: &Document, text: &str, kind: &str, name: &str, path: &str, labels: &Labels) -> Result<(), ManifestError> {
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

pub(crate) fn labels_json(l: &Labels) -> String {
    serde_json::to_string(l).unwrap_or_default()
}

pub(crate) fn invalid(doc: &Document, text: &str, kind: &str, name: &str, path: &str, detail: InvalidDetail, api_tail: String) -> ManifestError {
    let (line, column) = doc.locate(text, path);
    ManifestError {
        document: doc.index,
        line,
        column,
        kind: ManifestErrorKind::Invalid { path: path.to_string(), detail },
        api_message: format!("The {kind} \"{name}\" is invalid: {path}: {api_tail}"),
    }
}

pub(crate) fn validate_pod_spec(doc: &Document, text: &str, kind: &str, name: &str, base: &str, spec: &PodSpec) -> Result<(), ManifestError> {
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

pub(crate) fn validate_replicas(doc: &Document, text: &str, kind: &str, name: &str, replicas: Option<i32>) -> Result<(), ManifestError> {
    match replicas {
        Some(r) if r < 0 => Err(invalid(doc, text, kind, name, "spec.replicas", InvalidDetail::Negative { value: r as i64 },
            format!("Invalid value: {r}: must be greater than or equal to 0"))),
        _ => Ok(()),
    }
}

/// Selector and template checks shared by Deployments and ReplicaSets (`ValidateDeploymentSpec`,
/// `ValidateReplicaSetSpec`): a non-empty selector that matches the template labels, restart
/// policy Always, and a valid pod template.
pub(crate) fn validate_workload(
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

pub(crate) fn dns1123_label(s: &str) -> bool {
    !s.is_empty() && s.len() <= 63 && !s.contains('.') && dns1123_subdomain(s)
}

pub(crate) fn dns1035_label(s: &str) -> bool {
    dns1123_label(s) && s.as_bytes()[0].is_ascii_lowercase()
}

pub(crate) fn dns_label_message(v: &str) -> String {
    format!("Invalid value: \"{v}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
}

pub(crate) fn required(doc: &Document, text: &str, kind: &str, name: &str, path: &str) -> ManifestError {
    let (line, column) = doc.locate(text, path.split('[').next().unwrap_or(path));
    ManifestError {
        document: doc.index,
        line,
        column,
        kind: ManifestErrorKind::Required { path: path.into() },
        api_message: format!("The {kind} \"{name}\" is invalid: {path}: Required value"),
    }
}

pub(crate) fn unsupported(doc: &Document, text: &str, name: &str, path: &str, value: &str, supported: &[&str]) -> ManifestError {
    let list = supported.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ");
    invalid(doc, text, "StatefulSet", name, path,
        InvalidDetail::UnsupportedValue { unsupported: Box::new(manifest::Unsupported { value: value.into(), supported: supported.iter().map(|s| s.to_string()).collect() }) },
        format!("Unsupported value: \"{value}\": supported values: {list}"))
}

/// `ValidateStatefulSetSpec` (the rules this simulator models).
pub(crate) fn validate_statefulset(doc: &Document, text: &str, name: &str, s: &StatefulSet) -> Result<(), ManifestError> {
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
