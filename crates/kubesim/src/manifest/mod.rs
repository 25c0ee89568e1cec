//! Manifests: YAML text → typed objects, with errors that carry line and column.
//!
//! Errors are structured (`ManifestErrorKind`) so the app can word them in the student's
//! language; `api_message` keeps what the real kubectl/API server would print.

// ManifestError carries line, column and both wordings on purpose; it is built once per
// failed apply, so its size does not matter.
#![allow(clippy::result_large_err)]

use crate::api::model::*;
use serde::{Deserialize, Serialize};

mod errors;
mod locate;
mod reader_errors;
pub mod yaml_check;
mod yaml_de;
mod yaml_scalars;
pub mod yaml_syntax;
pub mod yaml_tree;
mod yaml_value;

pub use errors::*;
pub use locate::*;
pub(crate) use reader_errors::*;
use yaml_check::{as_str, bare, value, Val};

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
    /// 0-based index among the non-empty documents of the text (the `List` document's index
    /// for each of its items).
    pub index: usize,
    /// 1-based line where the YAML document starts.
    pub line: usize,
    /// Where the object sits inside its YAML document: empty for a plain document,
    /// `items[2]` for the third item of a `kind: List`.
    pub path_prefix: String,
    pub object: AnyObject,
    /// The document as JSON, kept as `last-applied-configuration`.
    pub applied_json: String,
}

impl Document {
    /// Line and column of a field path (`spec.template.spec.containers[1].image`) of this
    /// object in the manifest text.
    pub fn locate(&self, text: &str, path: &str) -> (usize, usize) {
        locate(text, self.line, &join_path(&self.path_prefix, path))
    }
}

fn join_path(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.is_empty()) {
        (true, _) => path.to_string(),
        (false, true) => prefix.to_string(),
        (false, false) => format!("{prefix}.{path}"),
    }
}


/// The API server refuses request bodies above 3 MiB (`MaxRequestBodyBytes`); a document
/// whose text is bigger is refused before it is even read.
pub const MAX_DOCUMENT_BYTES: usize = 3 * 1024 * 1024;

/// Objects one apply may hold. Not a Kubernetes limit: a simulated cluster in a browser tab
/// answers in well under a second up to here, and no lesson needs more.
pub const MAX_OBJECTS: usize = 1000;

/// Reads every document of a manifest. Fails on the first bad document and says which.
/// `kind: List` documents give one [`Document`] per item, in order.
pub fn parse(text: &str) -> Result<Vec<Document>, ManifestError> {
    let bounds = document_bounds(text);
    // Too-large documents are refused before the reader spends time on them.
    let mut non_empty = 0usize;
    for b in &bounds {
        let body = &text[b.start..b.end];
        if body.len() > MAX_DOCUMENT_BYTES {
            return Err(err(non_empty, b.line, 1, ManifestErrorKind::TooLarge { bytes: body.len(), limit: MAX_DOCUMENT_BYTES },
                format!("Error from server (RequestEntityTooLarge): error when creating: Request entity too large: limit is {MAX_DOCUMENT_BYTES}")));
        }
        if let Some((l, c)) = too_deep_flow(body) {
            let line = b.line + l - 1;
            return Err(err(non_empty, line, c, ManifestErrorKind::TooDeep, format!("error converting YAML to JSON: yaml: line {line}: exceeded max depth")));
        }
        if body.lines().any(|l| { let t = l.trim(); !t.is_empty() && !t.starts_with('#') && t != "---" && !t.starts_with("--- #") }) {
            non_empty += 1;
        }
    }
    let mut docs = Vec::new();
    let mut index = 0usize;
    // The one reading of the text: each document into a tree that keeps every scalar as
    // written and every node's line and column, checked as serde_yaml checks what it reads.
    // Everything below (merge keys, `List` items, typed objects, JSON, positions) comes
    // from that tree.
    let mut reader = yaml_tree::Reader::new(text);
    let mut raw_index = 0usize;
    while let Some(read) = reader.next_read() {
        let start_line = bounds.get(raw_index).map(|b| b.line).unwrap_or(1);
        raw_index += 1;
        let tree = match yaml_check::check(read) {
            Ok(t) => t,
            Err(e) => return Err(reader_error(index, start_line, text, &e)),
        };
        if matches!(bare(&tree, value(&tree, tree.root)), Val::Null) {
            continue;
        }
        // `<<: *base` merge keys, resolved on the tree as serde_yaml resolves them.
        let merged = yaml_value::has_merge_key(&tree);
        let tree = if merged {
            match yaml_value::apply_merge(&tree) {
                Ok(t) => t,
                Err(e) => {
                    // Placed at the document's first `<<`, as the line scan has always placed it.
                    let _ = e.at;
                    let (l, c) = document_region(text, start_line)
                        .iter()
                        .find_map(|(n, l)| l.find("<<").filter(|_| significant(l)).map(|i| (*n, l[..i].chars().count() + 1)))
                        .unwrap_or((start_line, 1));
                    return Err(err(index, l, c, ManifestErrorKind::Syntax { detail: e.msg.into(), problem: SyntaxProblem::BadMerge }, format!("error converting YAML to JSON: yaml: {}", e.msg)));
                }
            }
        } else {
            tree
        };
        let t = &tree;
        // Positions of errors found from here on are those of their field path in the text.
        let at = |path: &str| locate(text, start_line, path);
        let (api_version, kind) = type_fields(index, t, t.root, || at(""))?;
        if kind == "List" && api_version == "v1" {
            let Val::Map(map) = value(t, t.root) else { unreachable!("type_fields checked") };
            for &(k, _) in map {
                let name = as_str(t, k).unwrap_or("");
                if !["apiVersion", "kind", "metadata", "items"].contains(&name) {
                    let (l, c) = at(name);
                    let expected: Vec<String> = ["apiVersion", "items", "kind", "metadata"].iter().map(|s| s.to_string()).collect();
                    return Err(err(index, l, c, ManifestErrorKind::UnknownField { field: name.into(), path: String::new(), suggestion: nearest(name, &expected) },
                        format!("Error from server (BadRequest): error when creating: List in version \"v1\" cannot be handled as a List: strict decoding error: unknown field \"{name}\"")));
                }
            }
            let items = match yaml_check::get(t, map, "items") {
                None => &[][..],
                Some(v) => match value(t, v) {
                    Val::Null => &[][..],
                    Val::Seq(s) => s,
                    other => {
                        let (l, c) = at("items");
                        return Err(err(index, l, c, ManifestErrorKind::WrongType { path: "items".into(), expected: ValueType::List, found: type_of(t, other), value: scalar_text(other) },
                            "error: error parsing: json: cannot unmarshal object into Go struct field List.items of type []runtime.RawExtension".into()));
                    }
                },
            };
            for (i, &item) in items.iter().enumerate() {
                let prefix = format!("items[{i}]");
                let (item_version, item_kind) = type_fields(index, t, item, || at(&prefix))?;
                check_kind(index, &item_kind, &item_version, &object_name(t, item), || at(&prefix))?;
                let object = decode_tree(&item_kind, t, item).map_err(|e| decode_error(index, &item_kind, &e, text, Some((start_line, &prefix))))?;
                strings_are_strings(index, &item_kind, t, item, &|path| at(&join_path(&prefix, path)))?;
                docs.push(Document { index, line: start_line, path_prefix: prefix, object, applied_json: yaml_value::to_json(t, item) });
                too_many(&docs, index, start_line)?;
            }
            index += 1;
            continue;
        }
        check_kind(index, &kind, &api_version, &object_name(t, t.root), || at(""))?;
        // A merged document's nodes are not all where its paths are written: its errors are
        // placed by path, as the merged keys read.
        let located = merged.then_some((start_line, ""));
        let object = decode_tree(&kind, t, t.root).map_err(|e| decode_error(index, &kind, &e, text, located))?;
        strings_are_strings(index, &kind, t, t.root, &|path| at(path))?;
        docs.push(Document { index, line: start_line, path_prefix: String::new(), object, applied_json: yaml_value::to_json(t, t.root) });
        too_many(&docs, index, start_line)?;
        index += 1;
    }
    if docs.is_empty() {
        return Err(err(0, 1, 1, ManifestErrorKind::Empty, "error: no objects passed to apply".into()));
    }
    Ok(docs)
}

fn too_many(docs: &[Document], index: usize, line: usize) -> Result<(), ManifestError> {
    if docs.len() > MAX_OBJECTS {
        return Err(err(index, line, 1, ManifestErrorKind::TooManyObjects { limit: MAX_OBJECTS },
            format!("error: this simulated cluster applies at most {MAX_OBJECTS} objects at once")));
    }
    Ok(())
}

/// Flow nesting (`[[[…` / `{a: {a: …`) the reader would take quadratic time over. The reader
/// refuses anything past 128 levels anyway; this cheap scan stops absurd depths before it
/// starts (quotes and comments are skipped; the limit is far above any real manifest).
const MAX_FLOW_SCAN_DEPTH: usize = 1000;

fn too_deep_flow(body: &str) -> Option<(usize, usize)> {
    let (mut depth, mut line, mut col) = (0usize, 1usize, 0usize);
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut prev = ' ';
    for ch in body.chars() {
        col += 1;
        if ch == '\n' {
            (line, col, comment, prev) = (line + 1, 0, false, ' ');
            continue;
        }
        if comment {
            continue;
        }
        match (quote, ch) {
            (Some('"'), '"') if prev != '\\' => quote = None,
            (Some('\''), '\'') => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(ch),
            (None, '#') if prev == ' ' || prev == '\t' => comment = true,
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_FLOW_SCAN_DEPTH {
                    return Some((line, col));
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = ch;
    }
    None
}

/// Fields the API server decodes as strings (or lists of strings), with the Go struct that
/// holds them (for the real message). YAML reads `version: 1.0` or `value: 8080` as
/// numbers, and the API server refuses them: a classic mistake the typed reader would let
/// through, since it turns any scalar into a string.
const STRING_FIELDS: &[(&str, &str)] = &[
    ("metadata.labels.*", "ObjectMeta"),
    ("metadata.annotations.*", "ObjectMeta"),
    ("spec.selector.*", "ServiceSpec"),
    ("spec.selector.matchLabels.*", "LabelSelector"),
    ("spec.template.metadata.labels.*", "ObjectMeta"),
    ("spec.template.metadata.annotations.*", "ObjectMeta"),
    ("spec.nodeSelector.*", "PodSpec"),
    ("spec.template.spec.nodeSelector.*", "PodSpec"),
    ("spec.containers[*].env[*].value", "EnvVar"),
    ("spec.template.spec.containers[*].env[*].value", "EnvVar"),
    ("spec.containers[*].args[*]", "Container"),
    ("spec.template.spec.containers[*].args[*]", "Container"),
    ("spec.containers[*].command[*]", "Container"),
    ("spec.template.spec.containers[*].command[*]", "Container"),
    ("spec.containers[*].image", "Container"),
    ("spec.template.spec.containers[*].image", "Container"),
    ("spec.volumeClaimTemplates[*].metadata.labels.*", "ObjectMeta"),
];

/// The first number or boolean where [`STRING_FIELDS`] wants a string; `at` places a
/// field path.
fn strings_are_strings(index: usize, kind: &str, tree: &yaml_tree::Tree, root: usize, at: &dyn Fn(&str) -> (usize, usize)) -> Result<(), ManifestError> {
    type Found = (String, ValueType, String);
    fn walk(t: &yaml_tree::Tree, v: usize, segs: &[&str], path: String, out: &mut Option<Found>) {
        if out.is_some() {
            return;
        }
        let Some((first, rest)) = segs.split_first() else {
            let val = value(t, v);
            if matches!(val, Val::Num(_) | Val::Bool(_)) {
                *out = Some((path, type_of(t, val), scalar_text(val)));
            }
            return;
        };
        let (key, any_index) = match first.strip_suffix("[*]") {
            Some(k) => (k, true),
            None => (*first, false),
        };
        let children: Vec<(String, usize)> = if key == "*" {
            match value(t, v) {
                Val::Map(m) => m.iter().filter_map(|&(k, c)| as_str(t, k).map(|name| (join_path(&path, name), c))).collect(),
                _ => vec![],
            }
        } else {
            match bare(t, value(t, v)) {
                Val::Map(m) => yaml_check::get(t, m, key).map(|c| vec![(join_path(&path, key), c)]).unwrap_or_default(),
                _ => vec![],
            }
        };
        for (p, c) in children {
            if any_index {
                if let Val::Seq(items) = value(t, c) {
                    for (i, &item) in items.iter().enumerate() {
                        walk(t, item, rest, format!("{p}[{i}]"), out);
                    }
                }
            } else {
                walk(t, c, rest, p, out);
            }
        }
    }
    for (pattern, go_struct) in STRING_FIELDS {
        let segs: Vec<&str> = pattern.split('.').collect();
        let mut found = None;
        walk(tree, root, &segs, String::new(), &mut found);
        if let Some((path, found_type, written)) = found {
            let (line, column) = at(&path);
            let go_path: String = path.split('[').map(|p| p.split_once(']').map_or(p, |(_, r)| r)).collect();
            // Go names the map field, not the key, and drops list indexes.
            let field = match (pattern.ends_with(".*"), go_path.rsplit_once('.')) {
                (true, Some((parent, _))) => parent,
                _ => go_path.as_str(),
            };
            return Err(err(index, line, column, ManifestErrorKind::WrongType { path, expected: ValueType::String, found: found_type, value: written },
                format!("Error from server (BadRequest): error when creating: {kind} in version \"v1\" cannot be handled as a {kind}: json: cannot unmarshal {} into Go struct field {go_struct}.{field} of type string", go_json_word(found_type))));
        }
    }
    Ok(())
}

/// `apiVersion` and `kind` of a document (or of a `List` item) that must be a mapping.
fn type_fields(index: usize, tree: &yaml_tree::Tree, node: usize, at: impl Fn() -> (usize, usize)) -> Result<(String, String), ManifestError> {
    let Val::Map(map) = value(tree, node) else {
        let (line, column) = at();
        return Err(err(index, line, column, ManifestErrorKind::NotAnObject, "error: error parsing: json: cannot unmarshal into Go value of type map[string]interface {}".into()));
    };
    let get = |k: &str| yaml_check::get(tree, map, k).and_then(|v| as_str(tree, v)).map(str::to_string);
    let (api_version, kind) = (get("apiVersion"), get("kind"));
    match (api_version, kind) {
        (Some(a), Some(k)) if !a.is_empty() && !k.is_empty() => Ok((a, k)),
        (_, k) => {
            let (line, column) = at();
            let field = if k.as_deref().unwrap_or("").is_empty() { "kind" } else { "apiVersion" };
            Err(err(index, line, column, ManifestErrorKind::MissingTypeField { field: field.into() }, format!("error: error validating data: {field} not set")))
        }
    }
}

/// A kind the simulator models, at the apiVersion it models it.
fn check_kind(index: usize, kind: &str, api_version: &str, name: &str, at: impl Fn() -> (usize, usize)) -> Result<(), ManifestError> {
    if SUPPORTED.contains(&(kind, api_version)) {
        return Ok(());
    }
    let (line, column) = at();
    let no_match = format!("error: resource mapping not found for name: \"{name}\" namespace: \"\" from \"\": no matches for kind \"{kind}\" in version \"{api_version}\"\nensure CRDs are installed first");
    let Some((_, expected)) = SUPPORTED.iter().find(|(k, _)| *k == kind) else {
        // A kind the real API server serves would be created there: say it is this
        // simulator that does not model it, rather than pretend kubectl fails.
        let api_message = if REAL_KINDS.contains(&(kind, api_version)) {
            format!("error: {kind} ({api_version}) is served by a real cluster, but this simulated cluster does not model it")
        } else {
            no_match
        };
        return Err(err(index, line, column, ManifestErrorKind::UnsupportedKind { kind: kind.into(), api_version: api_version.into() }, api_message));
    };
    Err(err(index, line, column, ManifestErrorKind::WrongApiVersion { kind: kind.into(), api_version: api_version.into(), expected: expected.to_string() }, no_match))
}

/// Built-in kinds of a real cluster that this simulator does not model (so that
/// `kubectl` here does not claim the real one would refuse them).
const REAL_KINDS: &[(&str, &str)] = &[
    ("ConfigMap", "v1"),
    ("Secret", "v1"),
    ("ServiceAccount", "v1"),
    ("Endpoints", "v1"),
    ("LimitRange", "v1"),
    ("ResourceQuota", "v1"),
    ("Job", "batch/v1"),
    ("CronJob", "batch/v1"),
    ("Ingress", "networking.k8s.io/v1"),
    ("NetworkPolicy", "networking.k8s.io/v1"),
    ("StorageClass", "storage.k8s.io/v1"),
    ("HorizontalPodAutoscaler", "autoscaling/v2"),
    ("PodDisruptionBudget", "policy/v1"),
    ("Role", "rbac.authorization.k8s.io/v1"),
    ("RoleBinding", "rbac.authorization.k8s.io/v1"),
    ("ClusterRole", "rbac.authorization.k8s.io/v1"),
    ("ClusterRoleBinding", "rbac.authorization.k8s.io/v1"),
    ("ControllerRevision", "apps/v1"),
];

fn object_name(tree: &yaml_tree::Tree, node: usize) -> String {
    yaml_check::get_in(tree, node, "metadata").and_then(|m| yaml_check::get_in(tree, m, "name")).and_then(|n| as_str(tree, n)).unwrap_or("").to_string()
}

/// The one place typed objects are decoded: from a node of a tree, through one small
/// deserializer (see [`yaml_tree`]), so the model's decoders are compiled once.
fn decode_tree(kind: &str, tree: &yaml_tree::Tree, node: usize) -> Result<AnyObject, yaml_tree::Error> {
    use yaml_tree::from_node;
    Ok(match kind {
        "DaemonSet" => AnyObject::DaemonSet(from_node(tree, node)?),
        "Pod" => AnyObject::Pod(from_node(tree, node)?),
        "Deployment" => AnyObject::Deployment(from_node(tree, node)?),
        "ReplicaSet" => AnyObject::ReplicaSet(from_node(tree, node)?),
        "StatefulSet" => AnyObject::StatefulSet(from_node(tree, node)?),
        "Service" => AnyObject::Service(from_node(tree, node)?),
        "PersistentVolumeClaim" => AnyObject::PersistentVolumeClaim(from_node(tree, node)?),
        "PersistentVolume" => AnyObject::PersistentVolume(from_node(tree, node)?),
        _ => AnyObject::Namespace(from_node(tree, node)?),
    })
}

/// Reads a text's first document as a tree (an empty document when the text has none).
fn tree_of(text: &str) -> Result<yaml_tree::Tree, yaml_tree::Error> {
    yaml_tree::read_one(text).ok_or_else(|| <yaml_tree::Error as serde::de::Error>::custom("unreadable document"))
}

/// A typed object from JSON (a merge or a patch result), read by the same decoder as
/// manifests (JSON is YAML). Errors keep serde's wording, without the reader's position.
pub(crate) fn from_json<T: serde::de::DeserializeOwned + Serialize>(v: &serde_json::Value) -> Result<T, String> {
    let text = serde_json::to_string(v).map_err(|e| e.to_string())?;
    let t: T = tree_of(&text).and_then(|tree| yaml_tree::from_tree(&tree)).map_err(|e| split_path_message(&e.message()).1)?;
    // The YAML reader takes any plain scalar for a string; JSON does not.
    let back = serde_json::to_value(&t).map_err(|e| e.to_string())?;
    match number_for_string(v, &back, "") {
        Some(found) => Err(format!("invalid type: {found}, expected a string")),
        None => Ok(t),
    }
}

/// A number or boolean of `input` that came out as a string in `output` (the same object
/// decoded and written again), in serde's wording. Quantities take numbers on purpose.
fn number_for_string(input: &serde_json::Value, output: &serde_json::Value, parent: &str) -> Option<String> {
    use serde_json::Value as J;
    match (input, output) {
        (J::Object(i), J::Object(o)) => i.iter().find_map(|(k, v)| o.get(k).and_then(|w| number_for_string(v, w, k))),
        (J::Array(i), J::Array(o)) => i.iter().zip(o).find_map(|(v, w)| number_for_string(v, w, parent)),
        (J::Number(_) | J::Bool(_), J::String(_)) if matches!(parent, "requests" | "limits" | "capacity") => None,
        (J::Bool(b), J::String(_)) => Some(format!("boolean `{b}`")),
        (J::Number(n), J::String(_)) => Some(match n.as_f64().filter(|_| n.is_f64()) {
            Some(f) if f.fract() == 0.0 && f.is_finite() => format!("floating point `{f}.0`"),
            Some(f) => format!("floating point `{f}`"),
            None => format!("integer `{n}`"),
        }),
        _ => None,
    }
}
