//! Typed decoding of manifests through one small deserializer.
//!
//! The YAML text is read once into a tree of nodes that keep what the typed reader needs:
//! each scalar as written (with its quoting style and tag) and the line and column where
//! each node starts. Typed objects are then decoded from that tree by [`De`], a
//! `serde::Deserializer` whose generic methods only hand over to plain functions. serde_yaml
//! would compile its whole reader once per model struct; this keeps the wasm small.
//!
//! The decoder follows serde_yaml's typed reader rule for rule, so that objects, error
//! wordings, field paths and positions stay exactly what that reader gives: scalars are
//! resolved per requested type (a plain `8080` is a string where a string is wanted), an
//! empty value reads as an empty list or map, and every error is stamped with the path and
//! position of the innermost node it came from.

use serde::de;
use std::fmt;
use unsafe_libyaml as unsafe_yaml;

pub(crate) use crate::manifest::yaml_de::*;
pub use crate::manifest::yaml_de::{from_str, ReadError};
pub(crate) use crate::manifest::yaml_scalars::*;

pub(crate) const TAG_BOOL: &str = "tag:yaml.org,2002:bool";
pub(crate) const TAG_INT: &str = "tag:yaml.org,2002:int";
pub(crate) const TAG_FLOAT: &str = "tag:yaml.org,2002:float";
pub(crate) const TAG_NULL: &str = "tag:yaml.org,2002:null";

/// The reader's nesting limit (serde_yaml's), for trees that did not come from a checked
/// read.
pub(crate) const MAX_DEPTH: usize = 128;

/// How a scalar is written (single and double quotes alike).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    Plain,
    Quoted,
    Literal,
    Folded,
}

#[derive(Clone, Debug)]
pub(crate) enum Kind {
    Scalar(Box<str>, Style),
    Seq(Vec<usize>),
    Map(Vec<(usize, usize)>),
}

#[derive(Clone, Debug)]
pub(crate) struct Node {
    /// 1-based line and column where the node starts.
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) tag: Option<Box<str>>,
    pub(crate) kind: Kind,
}

/// One YAML document as nodes; aliases share the node of their anchor.
#[derive(Clone, Debug)]
pub(crate) struct Tree {
    pub(crate) nodes: Vec<Node>,
    pub(crate) root: usize,
    /// The children that are aliases, as (container, slot) (see [`attach`]).
    pub(crate) aliases: std::collections::HashSet<(usize, usize)>,
}

/// Reads the documents of a text one by one.
pub(crate) struct Reader<'a> {
    pub(crate) parser: Box<unsafe_yaml::yaml_parser_t>,
    pub(crate) done: bool,
    pub(crate) documents: usize,
    /// The last scalar read in the whole text (syntax errors are placed from it).
    pub(crate) last_scalar: Option<ScalarSpan>,
    pub(crate) _input: std::marker::PhantomData<&'a str>,
}

/// A child that is an alias: never a node's own child (`None` stands for a mapping's
/// pending value when the text stopped before it).
pub(crate) const MISSING: usize = usize::MAX;

/// One document as read: its tree (cut short where the text stopped making sense), how
/// many events it had (serde_yaml's repetition limit counts them) and why it stopped early.
pub(crate) struct Read {
    pub(crate) tree: Tree,
    pub(crate) events: usize,
    pub(crate) failed: Option<Failure>,
}

/// Why libyaml, or the anchors, stopped a document.
pub(crate) enum Failure {
    Syntax(SyntaxError),
    /// `*name` with no `&name` before it, at the alias.
    UnknownAnchor(usize, usize),
}

impl<'a> Reader<'a> {
    pub(crate) fn new(text: &'a str) -> Reader<'a> {
        // SAFETY: the parser is boxed (it points at itself once reading a string) and
        // zero-initialised by `yaml_parser_initialize`; the input outlives the reader.
        unsafe {
            let mut parser: Box<std::mem::MaybeUninit<unsafe_yaml::yaml_parser_t>> = Box::new(std::mem::MaybeUninit::uninit());
            let p = parser.as_mut_ptr();
            let ok = !unsafe_yaml::yaml_parser_initialize(p).fail;
            let parser: Box<unsafe_yaml::yaml_parser_t> = Box::from_raw(Box::into_raw(parser).cast());
            let mut reader = Reader { parser, done: !ok, documents: 0, last_scalar: None, _input: std::marker::PhantomData };
            if ok {
                let p: *mut unsafe_yaml::yaml_parser_t = &mut *reader.parser;
                unsafe_yaml::yaml_parser_set_encoding(p, unsafe_yaml::YAML_UTF8_ENCODING);
                unsafe_yaml::yaml_parser_set_input_string(p, text.as_ptr(), text.len() as _);
            }
            reader
        }
    }

    /// The next document, `None` at the end of the text or on a reading error.
    pub(crate) fn next_document(&mut self) -> Option<Tree> {
        match self.next_read() {
            Some(Read { tree, failed: None, .. }) => Some(tree),
            _ => {
                self.done = true;
                None
            }
        }
    }

    /// Is there anything after the document just read (another document, or an error)?
    /// serde_yaml refuses a second document where it reads one.
    pub(crate) fn more(&mut self) -> bool {
        !self.done && !matches!(self.event(), Ok(Event { what: Ev::StreamEnd, .. }))
    }

    /// The next document as read, `None` at the end of the text (as serde_yaml's loader
    /// gives documents: a text without any reads as one empty document).
    pub(crate) fn next_read(&mut self) -> Option<Read> {
        if self.done {
            return None;
        }
        let mut nodes: Vec<Node> = Vec::new();
        let mut anchors: std::collections::HashMap<Box<[u8]>, usize> = std::collections::HashMap::new();
        // Open containers: (node, pending key of a mapping).
        let mut stack: Vec<(usize, Option<usize>)> = Vec::new();
        let mut root: Option<usize> = None;
        let mut aliases = std::collections::HashSet::new();
        let mut events = 0usize;
        let failed = loop {
            let Event { line, column, what } = match self.event() {
                Ok(e) => e,
                Err(e) => break Failure::Syntax(e),
            };
            let (kind, tag, anchor) = match what {
                Ev::StreamStart | Ev::DocumentStart => continue,
                Ev::StreamEnd => {
                    self.done = true;
                    // A text without any document reads as one empty document.
                    if self.documents > 0 {
                        return None;
                    }
                    self.documents += 1;
                    nodes.push(Node { line, column, tag: None, kind: Kind::Scalar("".into(), Style::Plain) });
                    return Some(Read { tree: Tree { nodes, root: 0, aliases }, events: 1, failed: None });
                }
                Ev::DocumentEnd => {
                    self.documents += 1;
                    let root = root.unwrap_or(MISSING);
                    return Some(Read { tree: Tree { nodes, root, aliases }, events, failed: None });
                }
                Ev::Alias(anchor) => {
                    let Some(&id) = anchors.get(&anchor) else { break Failure::UnknownAnchor(line, column) };
                    events += 1;
                    if let Some(slot) = attach(&mut nodes, &mut stack, &mut root, id) {
                        aliases.insert(slot);
                    }
                    continue;
                }
                Ev::End => {
                    events += 1;
                    stack.pop();
                    continue;
                }
                Ev::Scalar { anchor, tag, value, style } => (Kind::Scalar(value, style), tag, anchor),
                Ev::SeqStart { anchor, tag } => (Kind::Seq(Vec::new()), tag, anchor),
                Ev::MapStart { anchor, tag } => (Kind::Map(Vec::new()), tag, anchor),
            };
            events += 1;
            let open = !matches!(kind, Kind::Scalar(..));
            nodes.push(Node { line, column, tag, kind });
            let id = nodes.len() - 1;
            if let Some(a) = anchor {
                anchors.insert(a, id);
            }
            attach(&mut nodes, &mut stack, &mut root, id);
            if open {
                stack.push((id, None));
            }
        };
        self.done = true;
        // A key read without its value: serde_yaml has read the key when it runs out.
        for (map, key) in stack {
            if let (Some(k), Kind::Map(entries)) = (key, &mut nodes[map].kind) {
                entries.push((k, MISSING));
            }
        }
        Some(Read { tree: Tree { nodes, root: root.unwrap_or(MISSING), aliases }, events, failed: Some(failed) })
    }
}

/// Hangs a node under the open container; returns the container and slot it took there
/// (a mapping's key `2i`, its value `2i + 1`), `None` for the root.
pub(crate) fn attach(nodes: &mut [Node], stack: &mut [(usize, Option<usize>)], root: &mut Option<usize>, id: usize) -> Option<(usize, usize)> {
    let Some((parent, key)) = stack.last_mut() else {
        *root = Some(id);
        return None;
    };
    let slot = match &mut nodes[*parent].kind {
        Kind::Seq(items) => {
            items.push(id);
            items.len() - 1
        }
        Kind::Map(entries) => match key.take() {
            None => {
                *key = Some(id);
                2 * entries.len()
            }
            Some(k) => {
                entries.push((k, id));
                2 * entries.len() - 1
            }
        },
        Kind::Scalar(..) => 0,
    };
    Some((*parent, slot))
}

impl Reader<'_> {
    /// Parses the next event and hands it to `read` before freeing it; `None` once the
    /// parser has failed.
    fn next_raw<T>(&mut self, read: impl FnOnce(&unsafe_yaml::yaml_event_t) -> T) -> Option<T> {
        let mut event = std::mem::MaybeUninit::<unsafe_yaml::yaml_event_t>::uninit();
        // SAFETY: as in serde_yaml's own reader: the event is filled by the parser, read,
        // then freed.
        unsafe {
            let p: *mut unsafe_yaml::yaml_parser_t = &mut *self.parser;
            if self.parser.error != unsafe_yaml::YAML_NO_ERROR {
                return None;
            }
            let e = event.as_mut_ptr();
            if unsafe_yaml::yaml_parser_parse(p, e).fail {
                return None;
            }
            let out = read(&*e);
            unsafe_yaml::yaml_event_delete(e);
            Some(out)
        }
    }

    /// The next event, or libyaml's account of why there is none.
    fn event(&mut self) -> Result<Event, SyntaxError> {
        let mark = |m: &unsafe_yaml::yaml_mark_t| (m.line as usize + 1, m.column as usize + 1);
        let read = self.next_raw(|ev| {
            let line = ev.start_mark.line as usize + 1;
            let column = ev.start_mark.column as usize + 1;
            // SAFETY: the event's data is the union member of its type; its strings are
            // null or NUL-terminated, its scalar value `length` bytes long.
            let what = unsafe {
                match ev.type_ {
                    unsafe_yaml::YAML_STREAM_START_EVENT => Ev::StreamStart,
                    unsafe_yaml::YAML_STREAM_END_EVENT => Ev::StreamEnd,
                    unsafe_yaml::YAML_DOCUMENT_START_EVENT => Ev::DocumentStart,
                    unsafe_yaml::YAML_DOCUMENT_END_EVENT => Ev::DocumentEnd,
                    unsafe_yaml::YAML_ALIAS_EVENT => Ev::Alias(c_bytes(ev.data.alias.anchor).unwrap_or_default()),
                    unsafe_yaml::YAML_SCALAR_EVENT => {
                        let s = ev.data.scalar;
                        let bytes = std::slice::from_raw_parts(s.value, s.length as usize);
                        Ev::Scalar {
                            anchor: c_bytes(s.anchor),
                            tag: c_bytes(s.tag).map(|t| String::from_utf8_lossy(&t).into()),
                            value: String::from_utf8_lossy(bytes).into(),
                            style: style_of(s.style),
                        }
                    }
                    unsafe_yaml::YAML_SEQUENCE_START_EVENT => {
                        let s = ev.data.sequence_start;
                        Ev::SeqStart { anchor: c_bytes(s.anchor), tag: c_bytes(s.tag).map(|t| String::from_utf8_lossy(&t).into()) }
                    }
                    unsafe_yaml::YAML_MAPPING_START_EVENT => {
                        let s = ev.data.mapping_start;
                        Ev::MapStart { anchor: c_bytes(s.anchor), tag: c_bytes(s.tag).map(|t| String::from_utf8_lossy(&t).into()) }
                    }
                    unsafe_yaml::YAML_SEQUENCE_END_EVENT | unsafe_yaml::YAML_MAPPING_END_EVENT => Ev::End,
                    _ => return None,
                }
            };
            // SAFETY: as above.
            let style = matches!(what, Ev::Scalar { .. }).then(|| style_of(unsafe { ev.data.scalar.style }));
            Some((Event { line, column, what }, style.map(|style| ScalarSpan { start: mark(&ev.start_mark), end: mark(&ev.end_mark), style })))
        });
        match read.flatten() {
            Some((event, span)) => {
                if span.is_some() {
                    self.last_scalar = span;
                }
                Ok(event)
            }
            None => Err(self.syntax_error()),
        }
    }

    /// What the parser says of its failure.
    fn syntax_error(&self) -> SyntaxError {
        let mark = |m: &unsafe_yaml::yaml_mark_t| (m.line as usize + 1, m.column as usize + 1);
        let p = &*self.parser;
        let stage = match p.error {
            unsafe_yaml::YAML_READER_ERROR => Stage::Reader,
            unsafe_yaml::YAML_SCANNER_ERROR => Stage::Scanner,
            unsafe_yaml::YAML_PARSER_ERROR => Stage::Parser,
            _ => Stage::Other,
        };
        // SAFETY: libyaml's problem and context are null or static NUL-terminated strings.
        let text_of = |s: *const std::ffi::c_char| unsafe { c_bytes(s.cast()).map(|b| String::from_utf8_lossy(&b).into_owned()) };
        SyntaxError {
            stage,
            problem: text_of(p.problem).unwrap_or_default(),
            problem_at: mark(&p.problem_mark),
            problem_offset: p.problem_offset as usize,
            context: text_of(p.context).unwrap_or_default(),
            context_at: mark(&p.context_mark),
            last_scalar: self.last_scalar,
        }
    }
}

pub(crate) fn style_of(style: unsafe_yaml::yaml_scalar_style_t) -> Style {
    match style {
        unsafe_yaml::YAML_PLAIN_SCALAR_STYLE => Style::Plain,
        unsafe_yaml::YAML_LITERAL_SCALAR_STYLE => Style::Literal,
        unsafe_yaml::YAML_FOLDED_SCALAR_STYLE => Style::Folded,
        _ => Style::Quoted,
    }
}

/// # Safety
/// `p` is null or points at a NUL-terminated string.
unsafe fn c_bytes(p: *const u8) -> Option<Box<[u8]>> {
    if p.is_null() {
        return None;
    }
    let mut n = 0usize;
    // SAFETY: the string is NUL-terminated.
    unsafe {
        while *p.add(n) != 0 {
            n += 1;
        }
        Some(Box::from(std::slice::from_raw_parts(p, n)))
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        // SAFETY: the parser was initialised in `new` (or zeroed when that failed, which
        // `yaml_parser_delete` also handles).
        unsafe { unsafe_yaml::yaml_parser_delete(&mut *self.parser) }
    }
}

pub(crate) struct Event {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) what: Ev,
}

pub(crate) enum Ev {
    StreamStart,
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    Alias(Box<[u8]>),
    Scalar { anchor: Option<Box<[u8]>>, tag: Option<Box<str>>, value: Box<str>, style: Style },
    SeqStart { anchor: Option<Box<[u8]>>, tag: Option<Box<str>> },
    MapStart { anchor: Option<Box<[u8]>>, tag: Option<Box<str>> },
    End,
}

/// The first document of a text (an empty one when there is none).
pub(crate) fn read_one(text: &str) -> Option<Tree> {
    Reader::new(text).next_document()
}

// ------------------------------------------------------------------------------ syntax errors

/// Which part of libyaml refused the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    /// The bytes themselves (encoding, control characters).
    Reader,
    /// Tokens: quotes, indicators, simple keys, indentation.
    Scanner,
    /// The structure: what may follow what.
    Parser,
    /// Anything else (memory).
    Other,
}

/// Where a scalar was read: 1-based line and column of its first character and just past
/// its last one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ScalarSpan {
    pub start: (usize, usize),
    pub end: (usize, usize),
    pub style: Style,
}

/// libyaml's own account of why it stopped, as its parser leaves it: the problem and where
/// it was seen, the construct it was reading and where that began (1-based line and
/// column), and the last scalar it read before (the rules that place syntax errors for
/// students look at all three).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub stage: Stage,
    pub problem: String,
    pub problem_at: (usize, usize),
    /// Byte offset of a reader error (reader errors have no line and column).
    pub problem_offset: usize,
    /// "while scanning a simple key", … (empty when libyaml gives none).
    pub context: String,
    pub context_at: (usize, usize),
    pub last_scalar: Option<ScalarSpan>,
}

/// Reads the whole text with libyaml and returns its first error, `None` if it reads.
#[cfg(test)]
pub(crate) fn first_syntax_error(text: &str) -> Option<SyntaxError> {
    let mut reader = Reader::new(text);
    loop {
        match reader.event() {
            Ok(Event { what: Ev::StreamEnd, .. }) => return None,
            Ok(_) => {}
            Err(e) => return (e.stage != Stage::Other).then_some(e),
        }
    }
}

// ------------------------------------------------------------------------------ errors

/// A decoding error: serde's message, with the field path and position of the node it came
/// from once a node has claimed it (as serde_yaml words and places it).
#[derive(Debug)]
pub struct Error(pub(crate) Box<ErrorInner>);

/// Boxed, so that results stay one word wide through the generated decoders.
#[derive(Debug)]
pub(crate) struct ErrorInner {
    pub(crate) msg: String,
    pub(crate) at: Option<(usize, usize, String)>,
}

impl Error {
    /// The message with its field path in front (`spec.replicas: invalid type: …`).
    pub(crate) fn message(&self) -> String {
        match &self.0.at {
            Some((_, _, path)) if path != "." => format!("{path}: {}", self.0.msg),
            _ => self.0.msg.clone(),
        }
    }
    /// 1-based line and column, `(0, 0)` when unknown.
    pub(crate) fn location(&self) -> (usize, usize) {
        self.0.at.as_ref().map_or((0, 0), |(l, c, _)| (*l, *c))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(Box::new(ErrorInner { msg: msg.to_string(), at: None }))
    }
}

/// An error of the reader itself: no node claims it (serde_yaml gives these no path).
pub(crate) fn unplaced(m: &str) -> Error {
    Error(Box::new(ErrorInner { msg: m.to_string(), at: Some((0, 0, ".".into())) }))
}

// ------------------------------------------------------------------------------ paths

#[derive(Clone, Copy)]
pub(crate) enum Path<'a> {
    Root,
    Seq { parent: &'a Path<'a>, index: usize },
    Map { parent: &'a Path<'a>, key: &'a str },
    Unknown { parent: &'a Path<'a> },
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        struct Parent<'a>(&'a Path<'a>);
        impl fmt::Display for Parent<'_> {
            fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                match self.0 {
                    Path::Root => Ok(()),
                    path => write!(f, "{path}."),
                }
            }
        }
        match self {
            Path::Root => f.write_str("."),
            Path::Seq { parent, index } => write!(f, "{parent}[{index}]"),
            Path::Map { parent, key } => write!(f, "{}{key}", Parent(parent)),
            Path::Unknown { parent } => write!(f, "{}?", Parent(parent)),
        }
    }
}


#[cfg(test)]
mod tests {
    //! The tree decoder against serde_yaml's own typed reader, which it replaces: the same
    //! objects, and the same errors (wording, field path, line and column).
    use super::*;
    use crate::api::model::{DaemonSet, Deployment, Pod};
    use crate::api::model::{PersistentVolumeClaim, Service, StatefulSet};
    use serde::de::DeserializeOwned;
    use std::fmt::Debug;

    fn same<T: DeserializeOwned + PartialEq + Debug>(text: &str) {
        let theirs = serde_yaml::from_str::<T>(text).map_err(|e| {
            let loc = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            let m = e.to_string();
            let m = m.find(" at line ").map_or(m.clone(), |i| m[..i].to_string());
            (m, loc)
        });
        let ours = read_one(text).ok_or(()).map_err(|_| (String::from("unreadable"), (0, 0))).and_then(|t| from_tree::<T>(&t).map_err(|e| (e.message(), e.location())));
        // serde_yaml places errors without a node at 0:0; only the message matters then.
        match (&theirs, &ours) {
            (Err((m1, (0, 0))), Err((m2, _))) => assert_eq!(m1, m2, "{text}"),
            _ => assert_eq!(theirs, ours, "{text}"),
        }
    }

    const DEPLOY: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  strategy:\n    rollingUpdate:\n      maxSurge: 25%\n      maxUnavailable: 1\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.25\n        args: [a, b]\n        env:\n        - name: A\n          value: x\n        resources:\n          requests: {cpu: 100m, memory: 1Gi}\n        securityContext: {runAsUser: 1}\n        ports:\n        - containerPort: 80\n";

    const SCALARS: &[&str] = &[
        "", "~", "null", "NULL", "true", "False", "0", "007", "0x1F", "-0x1F", "0o17", "0b101", "+12", "-3", "1.10", "2.5", "1e3", ".inf", "-.inf",
        ".nan", "99999999999999999999999", "-99999999999999999999999", "18446744073709551615", "9999999999", "\"2\"", "'x'", "\"\"", "abc",
        "[]", "{}", "[1, 2]", "{a: 1}", "!!str 12", "!!int 12", "!!int x", "!!bool yes", "!!null x", "!!float 1", "|\n  text", ">\n  folded",
        "&a 5", "1Gi", "5 Gi", "25%",
    ];

    #[test]
    fn every_value_in_every_place() {
        let lines: Vec<&str> = DEPLOY.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(colon) = line.find(": ").or_else(|| line.strip_suffix(':').map(|l| l.len())) else { continue };
            for s in SCALARS {
                let mut edited = lines.clone();
                let replaced = format!("{}: {s}", &line[..colon]);
                edited[i] = &replaced;
                let text = edited.join("\n") + "\n";
                if serde_yaml::from_str::<serde_yaml::Value>(&text).is_err() {
                    continue;
                }
                same::<Deployment>(&text);
            }
        }
    }

    #[test]
    fn shapes_aliases_and_kinds() {
        same::<Deployment>("");
        same::<Deployment>("---\n");
        same::<Deployment>("{}");
        same::<Deployment>("[]");
        same::<Deployment>("spec: {replicas: tres}");
        same::<Deployment>("spec: {template: {spec: {containers: [{name: a, image: b, ports: [{containerPort: x}]}]}}}");
        same::<Deployment>("metadata: &m {name: a}\nspec:\n  template:\n    metadata: *m\n");
        same::<Deployment>("metadata: &m {name: a, bogus: 1}\nspec:\n  template:\n    metadata: *m\n");
        same::<Deployment>("spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        bogus: 1\n");
        same::<Deployment>("spec:\n  template:\n    spec:\n      containers:\n      -\n");
        same::<Deployment>("spec:\n  strategy:\n    rollingUpdate:\n      maxSurge: [1]\n");
        same::<Deployment>("spec:\n  strategy:\n    rollingUpdate:\n      maxSurge: 1.5\n");
        same::<Deployment>("? [a]\n: 1\n");
        same::<Deployment>("metadata:\n  labels:\n    ? [a]\n    : 1\n");
        same::<Deployment>("metadata:\n  labels:\n    1: 2\n    true: ~\n");
        same::<Deployment>("spec: !foo\n  replicas: 1\n");
        same::<Pod>("spec:\n  containers:\n  - name: c\n    securityContext: !foo {a: 1}\n");
        same::<Pod>("spec:\n  containers:\n  - name: c\n    securityContext: {a: !foo 1}\n");
        same::<Pod>("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i\n    resources:\n      limits:\n        memory: 5GB\n");
        same::<Pod>("spec:\n  containers:\n  - name: c\n    livenessProbe:\n      httpGet: {path: /, port: 80}\n      periodSeconds: x\n");
        same::<DaemonSet>("spec:\n  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate: {maxUnavailable: 10%}\n");
        same::<StatefulSet>("spec:\n  volumeClaimTemplates:\n  - metadata: {name: w}\n    spec:\n      resources:\n        requests:\n          storage: 1 Gi\n");
        same::<Service>("spec:\n  ports:\n  - port: 80\n    targetPort: http\n  - port: x\n");
        same::<PersistentVolumeClaim>("spec:\n  accessModes: ReadWriteOnce\n");
        same::<PersistentVolumeClaim>("spec:\n  resources:\n    requests:\n      storage: 5\n");
    }

    #[test]
    fn whole_texts_are_refused_as_serde_yaml_refuses_them() {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Stored {
            version: u32,
            #[serde(default)]
            lang: String,
        }
        assert_eq!(from_str::<Stored>("version: 1\nlang: es\n"), Ok(Stored { version: 1, lang: "es".into() }));
        let unknown = from_str::<Stored>("version: 1\nlnag: es\n").unwrap_err();
        assert_eq!(unknown, "unknown field `lnag`, expected `version` or `lang` at line 2 column 1");
        assert_eq!(unknown, serde_yaml::from_str::<Stored>("version: 1\nlnag: es\n").unwrap_err().to_string());
        let wrong = from_str::<Stored>("version: one\n").unwrap_err();
        assert_eq!(wrong, serde_yaml::from_str::<Stored>("version: one\n").unwrap_err().to_string());
        // The reader's own refusals: broken syntax and an alias bomb.
        assert!(matches!(read_checked::<Stored>("version: [1\n"), Err(ReadError::Syntax(_))));
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 { "a".to_string() } else { format!("b{}", i - 1) };
            bomb.push_str(&format!("b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        bomb.push_str("version: 1\n");
        assert!(matches!(read_checked::<Stored>(&bomb), Err(ReadError::Syntax(_))));
    }
}

