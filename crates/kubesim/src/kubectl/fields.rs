//! `--field-selector`: `field=value`, `field==value`, `field!=value`, comma-separated (all
//! must hold), over the fields the API server indexes for each kind (`metadata.name` and
//! `metadata.namespace` for every kind; pods, events, nodes and namespaces add their own,
//! as their registries' `GetAttrs` do). Any other field is the server's BadRequest.

use super::ResourceType;
use serde_json::Value;

/// One requirement: a field, whether it must equal the value (else differ), the value.
type Req = (String, bool, String);

fn kind_fields(kind: &str) -> &'static [&'static str] {
    match kind {
        "Pod" => &["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
        "Event" => &[
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
            "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
        ],
        "Node" => &["spec.unschedulable"],
        "Namespace" => &["status.phase"],
        "ReplicaSet" => &["status.replicas"],
        _ => &[],
    }
}

/// Reads a selector, checked against what the kind supports; the error is the server's.
pub(crate) fn parse(t: &ResourceType, sel: &str) -> Result<Vec<Req>, String> {
    let mut reqs = Vec::new();
    for part in sel.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (field, eq, value) = if let Some((f, v)) = part.split_once("!=") {
            (f, false, v)
        } else if let Some((f, v)) = part.split_once("==") {
            (f, true, v)
        } else if let Some((f, v)) = part.split_once('=') {
            (f, true, v)
        } else {
            return Err(format!("error: invalid selector: '{sel}'; can't understand '{part}'\n"));
        };
        let field = field.trim();
        if !["metadata.name", "metadata.namespace"].contains(&field) && !kind_fields(t.kind).contains(&field) {
            let group = if t.group.is_empty() { String::new() } else { t.group.to_string() };
            return Err(format!(
                "Error from server (BadRequest): Unable to find \"{group}/v1, Resource={}\" that match label selector \"\", field selector \"{sel}\": field label not supported: {field}\n",
                t.plural
            ));
        }
        reqs.push((field.to_string(), eq, value.trim().to_string()));
    }
    Ok(reqs)
}

/// A field's value as the API server compares it (a string; absent is empty).
fn value_of(json: &Value, field: &str) -> String {
    let path = if field == "source" { "source.component" } else { field };
    let mut v = json;
    for p in path.split('.') {
        match v.get(p) {
            Some(x) => v = x,
            None => {
                // Defaults the API server applies, when the stored form leaves them out.
                return match field {
                    "spec.restartPolicy" => "Always".into(),
                    "spec.schedulerName" => "default-scheduler".into(),
                    "spec.serviceAccountName" => "default".into(),
                    "spec.hostNetwork" | "spec.unschedulable" => "false".into(),
                    "status.phase" if json.get("kind").and_then(Value::as_str) == Some("Namespace") => "Active".into(),
                    _ => String::new(),
                };
            }
        }
    }
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Whether an object (its API form) meets every requirement.
pub(crate) fn matches(json: &Value, reqs: &[Req]) -> bool {
    reqs.iter().all(|(f, eq, v)| (value_of(json, f) == *v) == *eq)
}
