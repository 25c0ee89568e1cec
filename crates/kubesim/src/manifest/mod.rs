//! Manifests: YAML text → typed objects, with errors that carry line and column.
//!
//! Errors are structured (`ManifestErrorKind`) so the app can word them in the student's
//! language; `api_message` keeps what the real kubectl/API server would print.

// ManifestError carries line, column and both wordings on purpose; it is built once per
// failed apply, so its size does not matter.
#![allow(clippy::result_large_err)]

use crate::api::model::*;
use serde::{Deserialize, Serialize};

pub mod yaml_syntax;
pub mod yaml_tree;

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
    /// The text is not valid YAML (`detail` is the reader's English wording).
    Syntax { detail: String, problem: SyntaxProblem },
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
    /// A value of the wrong type: `replicas: tres` expects an integer and finds the
    /// string "tres" (`value` is the value as written, empty for lists and maps).
    WrongType { path: String, expected: ValueType, found: ValueType, value: String },
    /// A number too big for its field (`replicas: 9999999999`, int32).
    OutOfRange { path: String, value: String },
    /// A value the decoder refuses for another reason (detail in English).
    BadValue { path: String, detail: String },
    /// The same key twice in one mapping (`path` is the mapping, empty at the top).
    DuplicateKey { path: String, key: String },
    /// A `resource.Quantity` that does not parse (`5 Gi`, `5GB`).
    BadQuantity { path: String, value: String },
    /// Nesting deeper than the reader accepts.
    TooDeep,
    /// Aliases that expand to too much data ("billion laughs").
    AliasBomb,
    /// A document bigger than the API server accepts in one request.
    TooLarge { bytes: usize, limit: usize },
    /// More objects in one apply than this simulator takes ([`MAX_OBJECTS`]).
    TooManyObjects { limit: usize },
    /// A required field is missing.
    Required { path: String },
    /// A value the API server rejects.
    Invalid { path: String, detail: InvalidDetail },
    /// The document holds no object at all.
    Empty,
}

/// What a YAML syntax error most likely means, for wording it to a student. Each variant is
/// one mistake; where libyaml noticed it and where the student made it often differ, and the
/// error's line and column are the student's (see `yaml_syntax` for the rule of each).
/// Keys are as written in the text, cut to [`MAX_KEY_CHARS`] characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SyntaxProblem {
    /// A tab where YAML wants spaces.
    Tab,
    /// `key: value` where none fits: a second `: ` in a value on the same line (`a: b: c`).
    KeyValueHere,
    /// A key that does not line up with the keys around it (dedented, or between two levels).
    Indentation,
    /// A `[` or `{` that is never closed (the error points at it).
    UnclosedBracket { close: char },
    /// The text ends inside a quoted string (or a `---` line comes inside it): the quote that
    /// opens it is never closed (the error points at it).
    UnexpectedEnd,
    /// `*name` with no `&name` before it.
    UnknownAlias,
    /// A control character (e.g. a NUL byte).
    ControlCharacter,
    /// `image nginx` or `metadata` alone on its line: a key without its `:`.
    MissingColon { key: String },
    /// `replicas:3`: a `:` with no space after it, so key and value read as one word.
    NoSpaceAfterColon { key: String },
    /// A key indented further than the keys before it, read as part of the value above.
    OverIndented { key: String },
    /// `-name: web`: a list item whose `-` has no space after it.
    NoSpaceAfterDash { key: String },
    /// A `- ` item that does not line up with the `-` of its list.
    MisalignedListItem,
    /// `key:` at the column of a list's `-`: neither inside the item nor a new item.
    KeyInList { key: String },
    /// `args: - a`: a list item on the same line as its key.
    ListItemAfterKey { key: String },
    /// A `- ` list item somewhere else no item can start.
    ListItemNotAllowed,
    /// Two items of a `[ ]` or `{ }` without a `,` between them.
    MissingComma { close: char },
    /// A quote not closed on its line: YAML read on up to the next quote, on `until_line`.
    UnclosedQuote { quote: char, until_line: usize },
    /// Text after a closing quote or bracket on the same line: `image: "nginx":1.27`.
    TextAfterValue { close: char },
    /// A line less indented than the text of the `|` or `>` block above it.
    BlockScalarIndent,
    /// Something after `|` or `>` on its line (or an indentation indicator of 0).
    BlockScalarHeader,
    /// `--` or `----` where a `---` document separator was meant.
    DocumentSeparator,
    /// A ```` ``` ```` line copied from a Markdown code block.
    MarkdownFence,
    /// A character that cannot start a value or a key (`@`, `` ` ``).
    UnexpectedCharacter { ch: char },
    /// A `{{ … }}` template placeholder (Helm, Go templates) left in the manifest.
    TemplatePlaceholder,
    /// A value that starts with `*` or `&` (read as an alias or anchor): `*.log`.
    AliasCharacter { ch: char },
    /// A `\` escape inside double quotes that YAML does not know: `"C:\datos"`.
    BadEscape,
    /// A value that starts with `!`, read as a YAML tag that does not parse.
    BadTag,
    /// A line that starts with `%`, read as a YAML directive that does not parse.
    BadDirective,
    /// A `?` complex-key indicator where none can go.
    ComplexKey,
    /// A `:` right before `,`, `]` or `}` inside `[ ]` or `{ }`.
    ColonInFlow,
    /// A `]`, `}`, `,` (or other indicator) where a value or key should be.
    StrayIndicator { ch: char },
    /// More content after the document ended (after `...` or a top-level `{ }`/`[ ]`).
    AfterDocumentEnd,
    /// A `<<` merge key whose value is not a mapping or a list of mappings.
    BadMerge,
    /// Bytes that are not text (not valid UTF-8).
    Encoding,
    /// Anything else the reader refuses.
    Other,
}

/// Keys named in [`SyntaxProblem`]s are cut to this many characters.
pub const MAX_KEY_CHARS: usize = 40;

/// The kinds of YAML values, for wrong-type errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ValueType {
    Integer,
    Number,
    String,
    Boolean,
    List,
    Map,
    Null,
    /// `maxUnavailable`-style fields: an integer or a percentage string.
    IntOrString,
    /// Anything else serde names (kept for completeness).
    Other,
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
    /// A label key that is not a qualified name (`[prefix/]name`).
    LabelKey { key: String },
    /// A label value that is not empty and not a valid label value.
    LabelValue { key: String, value: String },
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
    // A second reader over the same text, kept in step, reads each plain document into a
    // tree that keeps every scalar as written and every node's line and column, and the
    // object is decoded from that tree, so decoding errors keep their line and column.
    // It only moves when a document needs it (empty documents are not read twice).
    let mut typed_reader = TreeDocs { reader: yaml_tree::Reader::new(text) };
    let mut typed_next = 0usize;
    for (raw_index, de) in serde_yaml::Deserializer::from_str(text).enumerate() {
        let start_line = bounds.get(raw_index).map(|b| b.line).unwrap_or(1);
        let mut value = match serde_yaml::Value::deserialize(de) {
            Ok(v) => v,
            Err(e) => return Err(reader_error(index, start_line, text, &e)),
        };
        if value.is_null() {
            continue;
        }
        // `<<: *base` merge keys: resolved here, so positions of later errors come from
        // the field path rather than from the reader.
        let merged = has_merge_key(&value);
        if merged {
            if let Err(e) = value.apply_merge() {
                // The merge is resolved on the whole document: point at its first `<<`.
                let (l, c) = document_region(text, start_line)
                    .iter()
                    .find_map(|(n, l)| l.find("<<").filter(|_| significant(l)).map(|i| (*n, l[..i].chars().count() + 1)))
                    .unwrap_or((start_line, 1));
                return Err(err(index, l, c, ManifestErrorKind::Syntax { detail: strip_location(&e), problem: SyntaxProblem::BadMerge }, format!("error converting YAML to JSON: yaml: {}", strip_location(&e))));
            }
        }
        let at = |path: &str| locate(text, start_line, path);
        let (api_version, kind) = type_fields(index, &value, || at(""))?;
        let name = object_name(&value);
        if kind == "List" && api_version == "v1" {
            let serde_yaml::Value::Mapping(map) = &value else { unreachable!("type_fields checked") };
            for k in map.keys() {
                let name = k.as_str().unwrap_or("");
                if !["apiVersion", "kind", "metadata", "items"].contains(&name) {
                    let (l, c) = at(name);
                    let expected: Vec<String> = ["apiVersion", "items", "kind", "metadata"].iter().map(|s| s.to_string()).collect();
                    return Err(err(index, l, c, ManifestErrorKind::UnknownField { field: name.into(), path: String::new(), suggestion: nearest(name, &expected) },
                        format!("Error from server (BadRequest): error when creating: List in version \"v1\" cannot be handled as a List: strict decoding error: unknown field \"{name}\"")));
                }
            }
            let items = match map.get("items") {
                None | Some(serde_yaml::Value::Null) => &[][..],
                Some(serde_yaml::Value::Sequence(s)) => &s[..],
                Some(other) => {
                    let (l, c) = at("items");
                    return Err(err(index, l, c, ManifestErrorKind::WrongType { path: "items".into(), expected: ValueType::List, found: type_of(other), value: scalar_text(other) },
                        "error: error parsing: json: cannot unmarshal object into Go struct field List.items of type []runtime.RawExtension".into()));
                }
            };
            for (i, item) in items.iter().enumerate() {
                let prefix = format!("items[{i}]");
                let (item_version, item_kind) = type_fields(index, item, || at(&prefix))?;
                let object = check_kind(index, &item_kind, &item_version, &object_name(item), || at(&prefix))
                    .and_then(|_| decode_value(&item_kind, item).map_err(|_| decode_via_path(index, &item_kind, item, text, start_line, &prefix)))?;
                strings_are_strings(index, &item_kind, item, text, start_line, &prefix)?;
                let applied_json = serde_json::to_string(item).unwrap_or_default();
                docs.push(Document { index, line: start_line, path_prefix: prefix, object, applied_json });
                too_many(&docs, index, start_line)?;
            }
            index += 1;
            continue;
        }
        check_kind(index, &kind, &api_version, &name, || at(""))?;
        let object = if merged {
            decode_value(&kind, &value).map_err(|_| decode_via_path(index, &kind, &value, text, start_line, ""))?
        } else {
            let typed_tree = typed_reader.nth(raw_index - typed_next);
            typed_next = raw_index + 1;
            match typed_tree.map(|tree| decode_tree(&kind, &tree)) {
                Some(Ok(o)) => o,
                Some(Err(e)) => return Err(decode_error(index, &kind, &e, text, None)),
                None => decode_value(&kind, &value).map_err(|e| decode_error(index, &kind, &e, text, Some((start_line, ""))))?,
            }
        };
        strings_are_strings(index, &kind, &value, text, start_line, "")?;
        let applied_json = serde_json::to_string(&value).unwrap_or_default();
        docs.push(Document { index, line: start_line, path_prefix: String::new(), object, applied_json });
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

/// The first number or boolean where [`STRING_FIELDS`] wants a string.
fn strings_are_strings(index: usize, kind: &str, value: &serde_yaml::Value, text: &str, start_line: usize, prefix: &str) -> Result<(), ManifestError> {
    fn walk(v: &serde_yaml::Value, segs: &[&str], path: String, out: &mut Option<(String, ValueType, String)>) {
        if out.is_some() {
            return;
        }
        let Some((first, rest)) = segs.split_first() else {
            if matches!(v, serde_yaml::Value::Number(_) | serde_yaml::Value::Bool(_)) {
                *out = Some((path, type_of(v), scalar_text(v)));
            }
            return;
        };
        let (key, any_index) = match first.strip_suffix("[*]") {
            Some(k) => (k, true),
            None => (*first, false),
        };
        let children: Vec<(String, &serde_yaml::Value)> = if key == "*" {
            match v {
                serde_yaml::Value::Mapping(m) => m.iter().filter_map(|(k, v)| k.as_str().map(|k| (join_path(&path, k), v))).collect(),
                _ => vec![],
            }
        } else {
            v.get(key).map(|c| vec![(join_path(&path, key), c)]).unwrap_or_default()
        };
        for (p, c) in children {
            if any_index {
                if let serde_yaml::Value::Sequence(items) = c {
                    for (i, item) in items.iter().enumerate() {
                        walk(item, rest, format!("{p}[{i}]"), out);
                    }
                }
            } else {
                walk(c, rest, p, out);
            }
        }
    }
    for (pattern, go_struct) in STRING_FIELDS {
        let segs: Vec<&str> = pattern.split('.').collect();
        let mut found = None;
        walk(value, &segs, String::new(), &mut found);
        if let Some((path, found_type, written)) = found {
            let (line, column) = locate(text, start_line, &join_path(prefix, &path));
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
fn type_fields(index: usize, value: &serde_yaml::Value, at: impl Fn() -> (usize, usize)) -> Result<(String, String), ManifestError> {
    let serde_yaml::Value::Mapping(map) = value else {
        let (line, column) = at();
        return Err(err(index, line, column, ManifestErrorKind::NotAnObject, "error: error parsing: json: cannot unmarshal into Go value of type map[string]interface {}".into()));
    };
    let get = |k: &str| map.get(k).and_then(|v| v.as_str()).map(str::to_string);
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

fn object_name(v: &serde_yaml::Value) -> String {
    v.get("metadata").and_then(|m| m.get("name")).and_then(|n| n.as_str()).unwrap_or("").to_string()
}

/// The documents of a text as trees, in step with serde_yaml's documents.
struct TreeDocs<'a> {
    reader: yaml_tree::Reader<'a>,
}

impl Iterator for TreeDocs<'_> {
    type Item = yaml_tree::Tree;
    fn next(&mut self) -> Option<yaml_tree::Tree> {
        self.reader.next_document()
    }
}

/// The one place typed objects are decoded: from a tree, through one small deserializer
/// (see [`yaml_tree`]), so the model's decoders are compiled once.
fn decode_tree(kind: &str, tree: &yaml_tree::Tree) -> Result<AnyObject, yaml_tree::Error> {
    use yaml_tree::from_tree;
    Ok(match kind {
        "DaemonSet" => AnyObject::DaemonSet(from_tree(tree)?),
        "Pod" => AnyObject::Pod(from_tree(tree)?),
        "Deployment" => AnyObject::Deployment(from_tree(tree)?),
        "ReplicaSet" => AnyObject::ReplicaSet(from_tree(tree)?),
        "StatefulSet" => AnyObject::StatefulSet(from_tree(tree)?),
        "Service" => AnyObject::Service(from_tree(tree)?),
        "PersistentVolumeClaim" => AnyObject::PersistentVolumeClaim(from_tree(tree)?),
        "PersistentVolume" => AnyObject::PersistentVolume(from_tree(tree)?),
        _ => AnyObject::Namespace(from_tree(tree)?),
    })
}

/// Reads a text's first document as a tree (an empty document when the text has none).
fn tree_of(text: &str) -> Result<yaml_tree::Tree, yaml_tree::Error> {
    yaml_tree::read_one(text).ok_or_else(|| <yaml_tree::Error as serde::de::Error>::custom("unreadable document"))
}

/// Decodes an already-read value (merge keys resolved, `List` items) by writing it out as
/// YAML and reading that again, so it is decoded exactly as a document written that way.
fn decode_value(kind: &str, value: &serde_yaml::Value) -> Result<AnyObject, yaml_tree::Error> {
    let again = serde_yaml::to_string(value).map_err(<yaml_tree::Error as serde::de::Error>::custom)?;
    decode_tree(kind, &tree_of(&again)?)
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

/// The error for an object that does not decode and whose text positions the reader cannot
/// give (merge keys, `List` items): the value is written out again to learn the field path,
/// and the path is found in the original text.
fn decode_via_path(index: usize, kind: &str, value: &serde_yaml::Value, text: &str, start_line: usize, prefix: &str) -> ManifestError {
    let fallback = (start_line, prefix);
    match decode_value(kind, value) {
        Err(e) => decode_error(index, kind, &e, text, Some(fallback)),
        Ok(_) => err(index, start_line, 1, ManifestErrorKind::Syntax { detail: "unreadable object".into(), problem: SyntaxProblem::Other }, "error: unable to decode".into()),
    }
}

fn has_merge_key(v: &serde_yaml::Value) -> bool {
    // Iterative: the reader already bounds the depth, but stay off the stack anyway.
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            serde_yaml::Value::Mapping(m) => {
                for (k, v) in m {
                    if k.as_str() == Some("<<") {
                        return true;
                    }
                    stack.push(v);
                }
            }
            serde_yaml::Value::Sequence(s) => stack.extend(s.iter()),
            serde_yaml::Value::Tagged(t) => stack.push(&t.value),
            _ => {}
        }
    }
    false
}

fn type_of(v: &serde_yaml::Value) -> ValueType {
    use serde_yaml::Value as V;
    match v {
        V::Null => ValueType::Null,
        V::Bool(_) => ValueType::Boolean,
        V::Number(n) if n.is_f64() => ValueType::Number,
        V::Number(_) => ValueType::Integer,
        V::String(_) => ValueType::String,
        V::Sequence(_) => ValueType::List,
        V::Mapping(_) => ValueType::Map,
        V::Tagged(t) => type_of(&t.value),
    }
}

fn scalar_text(v: &serde_yaml::Value) -> String {
    use serde_yaml::Value as V;
    match v {
        V::Bool(b) => b.to_string(),
        V::Number(n) => n.to_string(),
        V::String(s) => s.clone(),
        _ => String::new(),
    }
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

/// serde_yaml prefixes errors with the field path (`spec.template.spec: …`).
fn split_path_message(msg: &str) -> (String, String) {
    match msg.split_once(": ") {
        Some((p, r)) if !p.contains(' ') && !p.is_empty() => (p.to_string(), r.to_string()),
        _ => (String::new(), msg.to_string()),
    }
}

/// An error of the YAML reader itself (before any Kubernetes type is involved).
fn reader_error(index: usize, start_line: usize, text: &str, e: &serde_yaml::Error) -> ManifestError {
    let (mut l, mut c) = location(e);
    if l == 0 {
        (l, c) = (start_line, 1);
    }
    let msg = strip_location(e);
    let (path, rest) = split_path_message(&msg);
    if let Some(after) = rest.strip_prefix("duplicate entry with key ") {
        let key = after.trim_matches('"').to_string();
        let (l2, c2) = locate_duplicate(text, start_line, &path, &key).unwrap_or((l, c));
        return err(index, l2, c2, ManifestErrorKind::DuplicateKey { path, key: key.clone() },
            format!("error converting YAML to JSON: yaml: unmarshal errors:\n  line {l2}: key \"{key}\" already set in map"));
    }
    if rest.contains("recursion limit exceeded") {
        return err(index, l, c, ManifestErrorKind::TooDeep, format!("error converting YAML to JSON: yaml: line {l}: exceeded max depth"));
    }
    if rest.contains("repetition limit exceeded") {
        return err(index, l, c, ManifestErrorKind::AliasBomb, "error converting YAML to JSON: yaml: document contains excessive aliasing".into());
    }
    if let Some(v) = rest.strip_prefix("invalid type: integer `").and_then(|r| r.split('`').next()) {
        return err(index, l, c, ManifestErrorKind::OutOfRange { path: path.clone(), value: v.to_string() },
            format!("error converting YAML to JSON: yaml: line {l}: integer {v} out of range"));
    }
    // The reader gives control characters a byte position instead of a line and column.
    if let Some(pos) = msg.split("at position ").nth(1).and_then(|p| p.trim().parse::<usize>().ok()) {
        let before = &text.as_bytes()[..pos.min(text.len())];
        l = before.iter().filter(|b| **b == b'\n').count() + 1;
        c = String::from_utf8_lossy(&before[before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1)..]).chars().count() + 1;
    }
    // The student's line and column; the real message keeps libyaml's own line, as kubectl
    // prints it.
    let placed = yaml_syntax::place(text, &msg, (l, c));
    err(index, placed.line, placed.column, ManifestErrorKind::Syntax { detail: msg.clone(), problem: placed.problem }, format!("error converting YAML to JSON: yaml: line {l}: {msg}"))
}

/// serde's "expected …" wording → the kind of value.
fn expected_type(s: &str) -> ValueType {
    let s = s.trim();
    match s {
        "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "isize" => ValueType::Integer,
        "f32" | "f64" => ValueType::Number,
        "a string" | "string" | "a character" | "a borrowed string" => ValueType::String,
        "a boolean" | "bool" => ValueType::Boolean,
        "a sequence" | "sequence" => ValueType::List,
        "unit" | "null" => ValueType::Null,
        _ if s.starts_with("struct ") || s.contains("map") => ValueType::Map,
        _ => ValueType::Other,
    }
}

/// serde's "invalid type: …" wording of what was found → kind and value as written.
fn found_type(s: &str) -> (ValueType, String) {
    let inner = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    if let Some(r) = s.strip_prefix("string ") {
        (ValueType::String, r.trim_matches('"').to_string())
    } else if s.starts_with("integer") {
        (ValueType::Integer, inner(s))
    } else if s.starts_with("floating point") {
        (ValueType::Number, inner(s))
    } else if s.starts_with("boolean") {
        (ValueType::Boolean, inner(s))
    } else if s.starts_with("sequence") {
        (ValueType::List, String::new())
    } else if s.starts_with("map") {
        (ValueType::Map, String::new())
    } else if s.starts_with("unit") || s.starts_with("null") {
        (ValueType::Null, String::new())
    } else {
        (ValueType::Other, s.to_string())
    }
}

fn go_json_word(t: ValueType) -> &'static str {
    match t {
        ValueType::Integer | ValueType::Number => "number",
        ValueType::String => "string",
        ValueType::Boolean => "bool",
        ValueType::List => "array",
        ValueType::Map => "object",
        ValueType::Null => "null",
        ValueType::IntOrString | ValueType::Other => "value",
    }
}

fn go_type_word(t: ValueType) -> &'static str {
    match t {
        ValueType::Integer => "int32",
        ValueType::Number => "float64",
        ValueType::String => "string",
        ValueType::Boolean => "bool",
        ValueType::List => "[]interface {}",
        ValueType::Map => "map[string]interface {}",
        ValueType::IntOrString => "intstr.IntOrString",
        ValueType::Null | ValueType::Other => "interface {}",
    }
}

/// A typed-decoding error → a structured kind. `located` is `None` when `e` carries the
/// position in `text`; otherwise the field path is looked up from that document start
/// under that path prefix.
fn decode_error(index: usize, kind: &str, e: &yaml_tree::Error, text: &str, located: Option<(usize, &str)>) -> ManifestError {
    let msg = e.message();
    let (path, rest) = split_path_message(&msg);
    let (mut l, mut c) = e.location();
    let mut position = |field_path: &str| {
        if let Some((start, prefix)) = located {
            (l, c) = locate(text, start, &join_path(prefix, field_path));
        } else if l == 0 {
            (l, c) = (1, 1);
        }
    };
    let cannot = format!("Error from server (BadRequest): error when creating: {kind} in version \"v1\" cannot be handled as a {kind}:");
    if let Some(after) = rest.strip_prefix("unknown field `") {
        let field = after.split('`').next().unwrap_or("").to_string();
        let expected: Vec<String> = after.split('`').skip(2).step_by(2).map(str::to_string).collect();
        let suggestion = nearest(&field, &expected);
        let full = join_path(&path, &field);
        position(&full);
        return err(index, l, c, ManifestErrorKind::UnknownField { field: field.clone(), path: path.clone(), suggestion }, format!("{cannot} strict decoding error: unknown field \"{full}\""));
    }
    if let Some(after) = rest.strip_prefix("missing field `") {
        let field = after.split('`').next().unwrap_or("");
        let full = join_path(&path, field);
        position(&path);
        return err(index, l, c, ManifestErrorKind::Required { path: full.clone() }, format!("error: error validating data: ValidationError({kind}.{full}): missing required field"));
    }
    if rest.starts_with("quantities must match") || rest.starts_with("quantity ") {
        let value = rest.split("(got ").nth(1).map(|v| v.trim_end_matches(')').trim_matches('"').to_string())
            .or_else(|| rest.strip_prefix("quantity ").and_then(|r| r.split('"').nth(1)).map(str::to_string))
            .unwrap_or_default();
        // The reader points at the quantity's key: name it in the path.
        position(&path);
        let key = text.lines().nth(l.saturating_sub(1)).and_then(|line| line.trim_start().trim_start_matches("- ").split(':').next()).map(|k| k.trim().trim_matches('"').to_string());
        let full = match key {
            Some(k) if !k.is_empty() && located.is_none() => join_path(&path, &k),
            _ => path.clone(),
        };
        return err(index, l, c, ManifestErrorKind::BadQuantity { path: full, value },
            format!("{cannot} quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
    }
    if let Some(after) = rest.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = after.rsplit_once(", expected ") {
            let (found, value) = found_type(found);
            let expected = expected_type(expected);
            position(&path);
            return err(index, l, c, ManifestErrorKind::WrongType { path: path.clone(), expected, found, value },
                format!("{cannot} json: cannot unmarshal {} into Go struct field {path} of type {}", go_json_word(found), go_type_word(expected)));
        }
    }
    if let Some(after) = rest.strip_prefix("invalid value: integer `") {
        let value = after.split('`').next().unwrap_or("").to_string();
        position(&path);
        return err(index, l, c, ManifestErrorKind::OutOfRange { path: path.clone(), value: value.clone() },
            format!("{cannot} json: cannot unmarshal number {value} into Go struct field {path} of type int32"));
    }
    if rest.starts_with("data did not match any variant of untagged enum IntOrString") {
        position(&path);
        return err(index, l, c, ManifestErrorKind::WrongType { path: path.clone(), expected: ValueType::IntOrString, found: ValueType::Other, value: String::new() },
            format!("{cannot} json: cannot unmarshal into Go struct field {path} of type intstr.IntOrString"));
    }
    position(&path);
    err(index, l, c, ManifestErrorKind::BadValue { path: path.clone(), detail: rest.clone() }, format!("{cannot} {rest}"))
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

/// One YAML document of a text: its first line (1-based) and its bytes.
struct Bounds {
    line: usize,
    start: usize,
    end: usize,
}

fn is_separator(line: &str) -> bool {
    line.starts_with("---") && (line.len() == 3 || line[3..].starts_with([' ', '\t', '\r']))
}

/// Where each document of a multi-document text starts, as the reader counts them.
fn document_bounds(text: &str) -> Vec<Bounds> {
    let mut out = vec![Bounds { line: 1, start: 0, end: text.len() }];
    let mut offset = 0usize;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if is_separator(line.trim_end_matches(['\n', '\r'])) {
            let next = offset + line.len();
            if i == 0 {
                out[0] = Bounds { line: 2, start: next, end: text.len() };
            } else {
                if let Some(last) = out.last_mut() {
                    last.end = offset;
                }
                out.push(Bounds { line: i + 2, start: next, end: text.len() });
            }
        }
        offset += line.len();
    }
    out
}

/// One step of a field path: a key or a list index.
#[derive(Debug, PartialEq)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// `spec.containers[1].image` → `spec`, `containers`, `1`, `image`; `requests[storage]` →
/// `requests`, `storage`.
fn split_path(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        if let Some(i) = rest.find('[') {
            if i > 0 {
                out.push(Seg::Key(&rest[..i]));
            }
            rest = &rest[i..];
            while let Some(inner) = rest.strip_prefix('[') {
                let Some(close) = inner.find(']') else { break };
                let what = &inner[..close];
                out.push(match what.parse() {
                    Ok(n) => Seg::Index(n),
                    Err(_) => Seg::Key(what),
                });
                rest = &inner[close + 1..];
            }
        } else {
            out.push(Seg::Key(rest));
        }
    }
    out
}

/// A block of lines (1-based line number, text); the first line may have had its `- `
/// blanked out so the item's first key lines up with the others.
type Region = Vec<(usize, String)>;

fn indent(s: &str) -> usize {
    s.len() - s.trim_start_matches(' ').len()
}

fn significant(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && !t.starts_with('#')
}

fn is_item(content: &str) -> bool {
    content == "-" || content.starts_with("- ") || content.starts_with("-\t")
}

/// The key of a `key: value` line (content without its indentation), unquoted.
fn key_of(content: &str) -> Option<&str> {
    if let Some(q) = content.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let end = content[1..].find(q)? + 1;
        let after = content[end + 1..].trim_start();
        return after.starts_with(':').then(|| &content[1..end]);
    }
    let colon = content.char_indices().find(|&(i, ch)| ch == ':' && content[i + 1..].chars().next().is_none_or(|n| n == ' ' || n == '\t'))?.0;
    Some(content[..colon].trim_end())
}

/// The lines of the document that starts at `doc_start` (1-based).
fn document_region(text: &str, doc_start: usize) -> Region {
    text.lines()
        .enumerate()
        .skip(doc_start.saturating_sub(1))
        .take_while(|(i, l)| !(is_separator(l) || *l == "...") || *i + 1 < doc_start)
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect()
}

/// The lines under a key or item at column `col` that starts at `region[at]`.
fn children(region: &Region, at: usize, col: usize, item: bool) -> Region {
    let mut out = Vec::new();
    if item {
        // The item's own line, with its `-` blanked out.
        let (n, l) = &region[at];
        let mut first = l.clone();
        first.replace_range(col..col + 1, " ");
        out.push((*n, first));
    }
    for (n, l) in &region[at + 1..] {
        if significant(l) {
            let ind = indent(l);
            let content = &l[ind..];
            let ends = if item { ind <= col } else { ind < col || (ind == col && !is_item(content)) };
            if ends {
                break;
            }
        }
        out.push((*n, l.clone()));
    }
    out
}

fn child_column(region: &Region) -> Option<usize> {
    region.iter().find(|(_, l)| significant(l)).map(|(_, l)| indent(l))
}

/// Every line of `region` that holds `key` at the region's own column.
fn key_lines(region: &Region, key: &str) -> Vec<(usize, usize)> {
    let Some(col) = child_column(region) else { return vec![] };
    region
        .iter()
        .enumerate()
        .filter(|(_, (_, l))| significant(l) && indent(l) == col && key_of(&l[col..]) == Some(key))
        .map(|(i, _)| (i, col))
        .collect()
}

/// Follows `segs` as far as the text allows; returns the deepest position found, the
/// region under it, and whether the whole path was followed.
fn descend(mut region: Region, segs: &[Seg<'_>], doc_start: usize) -> ((usize, usize), Region, bool) {
    let mut best = region.iter().find(|(_, l)| significant(l)).map(|(n, l)| (*n, indent(l) + 1)).unwrap_or((doc_start, 1));
    for seg in segs {
        let Some(col) = child_column(&region) else { return (best, region, false) };
        match seg {
            Seg::Key(k) => {
                let Some(&(i, col)) = key_lines(&region, k).first() else { return (best, region, false) };
                best = (region[i].0, col + 1);
                region = children(&region, i, col, false);
            }
            Seg::Index(want) => {
                let items: Vec<usize> = region
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, l))| significant(l) && indent(l) == col && is_item(&l[col..]))
                    .map(|(i, _)| i)
                    .collect();
                let Some(&i) = items.get(*want) else { return (best, region, false) };
                let line = &region[i].1;
                let content_col = col + 1 + indent(&line[col + 1..]);
                best = (region[i].0, if content_col < line.len() { content_col + 1 } else { col + 1 });
                region = children(&region, i, col, true);
            }
        }
    }
    (best, region, true)
}

/// Finds the 1-based line and column of a field path like `spec.selector` or
/// `spec.template.spec.containers[1].image` in the document that starts at `doc_start`, for
/// errors found after decoding. When the path cannot be followed to the end (flow style,
/// a missing field), the deepest part found is returned; at worst the document start.
pub fn locate(text: &str, doc_start: usize, path: &str) -> (usize, usize) {
    let segs = split_path(path);
    descend(document_region(text, doc_start), &segs, doc_start).0
}

/// The second occurrence of `key` in the mapping at `path` (for duplicate keys).
fn locate_duplicate(text: &str, doc_start: usize, path: &str, key: &str) -> Option<(usize, usize)> {
    let segs = split_path(path);
    let region = document_region(text, doc_start);
    let region = match descend(region, &segs, doc_start) {
        (_, region, true) => region,
        _ => return None,
    };
    let lines = key_lines(&region, key);
    lines.get(1).map(|&(i, col)| (region[i].0, col + 1))
}
