//! Manifests: YAML text → typed objects, with errors that carry line and column.
//!
//! Errors are structured (`ManifestErrorKind`) so the app can word them in the student's
//! language; `api_message` keeps what the real kubectl/API server would print.

// ManifestError carries line, column and both wordings on purpose; it is built once per
// failed apply, so its size does not matter.
#![allow(clippy::result_large_err)]

use crate::model::*;
use serde::{Deserialize, Serialize};

/// One object read from a manifest.
#[derive(Clone, Debug, PartialEq)]
pub enum AnyObject {
    DaemonSet(DaemonSet),
    Pod(Pod),
    Namespace(Namespace),
    Deployment(Deployment),
    ReplicaSet(ReplicaSet),
    StatefulSet(StatefulSet),
    Service(Service),
    PersistentVolumeClaim(PersistentVolumeClaim),
    PersistentVolume(PersistentVolume),
}

impl AnyObject {
    pub fn kind(&self) -> &'static str {
        match self {
            AnyObject::DaemonSet(_) => "DaemonSet",
            AnyObject::Pod(_) => "Pod",
            AnyObject::Namespace(_) => "Namespace",
            AnyObject::Deployment(_) => "Deployment",
            AnyObject::ReplicaSet(_) => "ReplicaSet",
            AnyObject::StatefulSet(_) => "StatefulSet",
            AnyObject::Service(_) => "Service",
            AnyObject::PersistentVolumeClaim(_) => "PersistentVolumeClaim",
            AnyObject::PersistentVolume(_) => "PersistentVolume",
        }
    }
    pub fn meta(&self) -> &ObjectMeta {
        match self {
            AnyObject::DaemonSet(o) => &o.metadata,
            AnyObject::Pod(o) => &o.metadata,
            AnyObject::Namespace(o) => &o.metadata,
            AnyObject::Deployment(o) => &o.metadata,
            AnyObject::ReplicaSet(o) => &o.metadata,
            AnyObject::StatefulSet(o) => &o.metadata,
            AnyObject::Service(o) => &o.metadata,
            AnyObject::PersistentVolumeClaim(o) => &o.metadata,
            AnyObject::PersistentVolume(o) => &o.metadata,
        }
    }
    pub fn meta_mut(&mut self) -> &mut ObjectMeta {
        match self {
            AnyObject::DaemonSet(o) => &mut o.metadata,
            AnyObject::Pod(o) => &mut o.metadata,
            AnyObject::Namespace(o) => &mut o.metadata,
            AnyObject::Deployment(o) => &mut o.metadata,
            AnyObject::ReplicaSet(o) => &mut o.metadata,
            AnyObject::StatefulSet(o) => &mut o.metadata,
            AnyObject::Service(o) => &mut o.metadata,
            AnyObject::PersistentVolumeClaim(o) => &mut o.metadata,
            AnyObject::PersistentVolume(o) => &mut o.metadata,
        }
    }
    /// Does the kind live in a namespace?
    pub fn namespaced(&self) -> bool {
        !matches!(self, AnyObject::Namespace(_) | AnyObject::PersistentVolume(_))
    }
}

/// A document of a manifest: where it starts and what it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// 0-based index among the non-empty documents of the text.
    pub index: usize,
    /// 1-based line where the document starts.
    pub line: usize,
    pub object: AnyObject,
    /// The document as JSON, kept as `last-applied-configuration`.
    pub applied_json: String,
}

/// Kinds (and their apiVersions) the simulator models, for "not supported here" messages.
pub const SUPPORTED: &[(&str, &str)] = &[
    ("DaemonSet", "apps/v1"),
    ("Pod", "v1"),
    ("Namespace", "v1"),
    ("Deployment", "apps/v1"),
    ("ReplicaSet", "apps/v1"),
    ("StatefulSet", "apps/v1"),
    ("Service", "v1"),
    ("PersistentVolumeClaim", "v1"),
    ("PersistentVolume", "v1"),
];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ManifestErrorKind {
    /// The text is not valid YAML.
    Syntax { detail: String },
    /// The document is not a mapping (e.g. a bare string or list).
    NotAnObject,
    /// `apiVersion` or `kind` is missing.
    MissingTypeField { field: String },
    /// A kind this simulator does not model.
    UnsupportedKind { kind: String, api_version: String },
    /// A known kind at the wrong apiVersion.
    WrongApiVersion { kind: String, api_version: String, expected: String },
    /// A field the kind does not have.
    UnknownField { field: String, path: String, suggestion: Option<String> },
    /// A value of the wrong type (detail is serde's wording, English).
    WrongType { path: String, detail: String },
    /// A required field is missing.
    Required { path: String },
    /// A value the API server rejects.
    Invalid { path: String, detail: InvalidDetail },
    /// The document holds no object at all.
    Empty,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum InvalidDetail {
    SelectorMismatch { labels: String },
    EmptySelector { kind: String },
    NotDnsSubdomain { value: String },
    NoContainers,
    NoImage { container: String },
    RestartPolicy { value: String },
    /// A field that cannot change after creation (e.g. `spec.selector`).
    FieldImmutable,
    /// `maxUnavailable` and `maxSurge` of a rolling update are both zero.
    MaxUnavailableZeroWithZeroSurge,
    /// Not a DNS-1123 label (StatefulSet names, serviceName).
    NotDnsLabel { value: String },
    /// Not a DNS-1035 label (Service names: must start with a letter).
    NotDns1035Label { value: String },
    /// A value outside a fixed set.
    UnsupportedValue { unsupported: Box<Unsupported> },
    /// A number that must not be negative.
    Negative { value: i64 },
    /// `rollingUpdate` given with `type: OnDelete`.
    RollingUpdateWithOnDelete,
    /// An update touched a StatefulSet spec field other than the mutable ones.
    StatefulSetSpecImmutable,
    /// An update touched a claim's spec other than its requests.
    ClaimSpecImmutable,
}

/// A value and the values that would have been accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unsupported {
    pub value: String,
    pub supported: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestError {
    /// 0-based index of the document that failed.
    pub document: usize,
    /// 1-based line and column of the mistake (0 when unknown).
    pub line: usize,
    pub column: usize,
    pub kind: ManifestErrorKind,
    /// What the real tool prints for this mistake (English), for students who will meet it.
    pub api_message: String,
}

fn err(document: usize, line: usize, column: usize, kind: ManifestErrorKind, api_message: String) -> ManifestError {
    ManifestError { document, line, column, kind, api_message }
}

/// Reads every document of a manifest. Fails on the first bad document and says which.
pub fn parse(text: &str) -> Result<Vec<Document>, ManifestError> {
    let mut docs = Vec::new();
    let starts = document_start_lines(text);
    let mut index = 0usize;
    for (raw_index, de) in serde_yaml::Deserializer::from_str(text).enumerate() {
        let start_line = starts.get(raw_index).copied().unwrap_or(1);
        let value = match serde_yaml::Value::deserialize(de) {
            Ok(v) => v,
            Err(e) => {
                let (l, c) = location(&e);
                return Err(err(index, l, c, ManifestErrorKind::Syntax { detail: strip_location(&e) }, format!("error converting YAML to JSON: yaml: line {l}: {}", strip_location(&e))));
            }
        };
        if value.is_null() {
            continue;
        }
        let serde_yaml::Value::Mapping(map) = &value else {
            return Err(err(index, start_line, 1, ManifestErrorKind::NotAnObject, "error: error parsing: json: cannot unmarshal into Go value of type map[string]interface {}".into()));
        };
        let get = |k: &str| map.get(k).and_then(|v| v.as_str()).map(str::to_string);
        let api_version = get("apiVersion");
        let kind = get("kind");
        let (Some(api_version), Some(kind)) = (api_version.clone(), kind.clone()) else {
            let field = if kind.is_none() { "kind" } else { "apiVersion" };
            return Err(err(index, start_line, 1, ManifestErrorKind::MissingTypeField { field: field.into() }, format!("error: error validating data: {field} not set")));
        };
        let Some((_, expected)) = SUPPORTED.iter().find(|(k, _)| *k == kind) else {
            return Err(err(index, start_line, 1, ManifestErrorKind::UnsupportedKind { kind: kind.clone(), api_version: api_version.clone() }, format!("error: resource mapping not found for kind \"{kind}\" in version \"{api_version}\"")));
        };
        if *expected != api_version {
            return Err(err(index, start_line, 1, ManifestErrorKind::WrongApiVersion { kind: kind.clone(), api_version: api_version.clone(), expected: expected.to_string() }, format!("error: resource mapping not found for name: \"\" namespace: \"\" from \"\": no matches for kind \"{kind}\" in version \"{api_version}\"")));
        }
        // Deserialize again from the text itself so that errors keep their line and column.
        let de = serde_yaml::Deserializer::from_str(text).nth(raw_index).expect("same document");
        let object = match kind.as_str() {
            "DaemonSet" => DaemonSet::deserialize(de).map(AnyObject::DaemonSet),
            "Pod" => Pod::deserialize(de).map(AnyObject::Pod),
            "Deployment" => Deployment::deserialize(de).map(AnyObject::Deployment),
            "ReplicaSet" => ReplicaSet::deserialize(de).map(AnyObject::ReplicaSet),
            "StatefulSet" => StatefulSet::deserialize(de).map(AnyObject::StatefulSet),
            "Service" => Service::deserialize(de).map(AnyObject::Service),
            "PersistentVolumeClaim" => PersistentVolumeClaim::deserialize(de).map(AnyObject::PersistentVolumeClaim),
            "PersistentVolume" => PersistentVolume::deserialize(de).map(AnyObject::PersistentVolume),
            _ => Namespace::deserialize(de).map(AnyObject::Namespace),
        }
        .map_err(|e| decode_error(index, &kind, &e))?;
        let applied_json = serde_json::to_string(&value).unwrap_or_default();
        docs.push(Document { index, line: start_line, object, applied_json });
        index += 1;
    }
    if docs.is_empty() {
        return Err(err(0, 1, 1, ManifestErrorKind::Empty, "error: no objects passed to apply".into()));
    }
    Ok(docs)
}

fn location(e: &serde_yaml::Error) -> (usize, usize) {
    e.location().map(|l| (l.line(), l.column())).unwrap_or((0, 0))
}

/// serde_yaml appends " at line L column C"; the position is reported separately.
fn strip_location(e: &serde_yaml::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn decode_error(index: usize, kind: &str, e: &serde_yaml::Error) -> ManifestError {
    let (l, c) = location(e);
    let msg = strip_location(e);
    // serde_yaml: "spec.template.spec: unknown field `contaners`, expected one of `a`, `b`"
    let (path, rest) = match msg.split_once(": ") {
        Some((p, r)) if !p.contains(' ') => (p.to_string(), r.to_string()),
        _ => (String::new(), msg.clone()),
    };
    if let Some(after) = rest.strip_prefix("unknown field `") {
        let field = after.split('`').next().unwrap_or("").to_string();
        let expected: Vec<String> = after.split('`').skip(2).step_by(2).map(str::to_string).collect();
        let suggestion = nearest(&field, &expected);
        let full = if path.is_empty() { field.clone() } else { format!("{path}.{field}") };
        return err(index, l, c, ManifestErrorKind::UnknownField { field: field.clone(), path: path.clone(), suggestion }, format!("Error from server (BadRequest): error when creating: {kind} in version \"v1\" cannot be handled as a {kind}: strict decoding error: unknown field \"{full}\""));
    }
    if let Some(after) = rest.strip_prefix("missing field `") {
        let field = after.split('`').next().unwrap_or("");
        let full = if path.is_empty() { field.to_string() } else { format!("{path}.{field}") };
        return err(index, l, c, ManifestErrorKind::Required { path: full.clone() }, format!("error: error validating data: ValidationError({kind}.{full}): missing required field"));
    }
    err(index, l, c, ManifestErrorKind::WrongType { path: path.clone(), detail: rest.clone() }, format!("Error from server (BadRequest): error when creating: {kind} in version \"v1\" cannot be handled as a {kind}: {rest}"))
}

/// The closest candidate by edit distance, if it is close enough to be a likely typo.
pub fn nearest(word: &str, candidates: &[String]) -> Option<String> {
    let lw = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&lw, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.clone())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// 1-based line where each document of a multi-document text starts.
fn document_start_lines(text: &str) -> Vec<usize> {
    let mut starts = vec![1];
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("---") && i > 0 {
            starts.push(i + 2);
        } else if line.starts_with("---") && i == 0 {
            starts[0] = 2;
        }
    }
    starts
}

/// Finds the 1-based line and column of a key path like `spec.selector` in a document,
/// for validation errors found after decoding. Falls back to the document start.
pub fn locate(text: &str, doc_start: usize, path: &str) -> (usize, usize) {
    let mut want: Vec<&str> = path.split('.').collect();
    let lines: Vec<&str> = text.lines().collect();
    let mut indent_floor: isize = -1;
    let mut found = (doc_start, 1);
    let mut i = doc_start.saturating_sub(1);
    while !want.is_empty() && i < lines.len() {
        let line = lines[i];
        if line.starts_with("---") && i + 1 > doc_start {
            break;
        }
        let trimmed = line.trim_start();
        let indent = (line.len() - trimmed.len()) as isize;
        let key = trimmed.trim_start_matches("- ").split(':').next().unwrap_or("").trim();
        if indent > indent_floor && key == want[0] && trimmed.contains(':') {
            let col = line.find(key).unwrap_or(0) + 1;
            found = (i + 1, col);
            indent_floor = indent;
            want.remove(0);
        }
        i += 1;
    }
    found
}
