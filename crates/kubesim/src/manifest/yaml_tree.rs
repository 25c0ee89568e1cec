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

use serde::de::{self, DeserializeSeed, Expected, IntoDeserializer, Unexpected, Visitor};
use std::fmt;
use unsafe_libyaml as unsafe_yaml;

const TAG_BOOL: &str = "tag:yaml.org,2002:bool";
const TAG_INT: &str = "tag:yaml.org,2002:int";
const TAG_FLOAT: &str = "tag:yaml.org,2002:float";
const TAG_NULL: &str = "tag:yaml.org,2002:null";

/// The reader's nesting limit (serde_yaml's), for trees that did not come from a checked
/// read.
const MAX_DEPTH: usize = 128;

/// How a scalar is written (single and double quotes alike).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    Plain,
    Quoted,
    Literal,
    Folded,
}

#[derive(Debug)]
enum Kind {
    Scalar(Box<str>, Style),
    Seq(Vec<usize>),
    Map(Vec<(usize, usize)>),
}

#[derive(Debug)]
struct Node {
    /// 1-based line and column where the node starts.
    line: usize,
    column: usize,
    tag: Option<Box<str>>,
    kind: Kind,
}

/// One YAML document as nodes; aliases share the node of their anchor.
#[derive(Debug)]
pub(crate) struct Tree {
    nodes: Vec<Node>,
    root: usize,
}

/// Reads the documents of a text one by one.
pub(crate) struct Reader<'a> {
    parser: Box<unsafe_yaml::yaml_parser_t>,
    done: bool,
    documents: usize,
    _input: std::marker::PhantomData<&'a str>,
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
            let mut reader = Reader { parser, done: !ok, documents: 0, _input: std::marker::PhantomData };
            if ok {
                let p: *mut unsafe_yaml::yaml_parser_t = &mut *reader.parser;
                unsafe_yaml::yaml_parser_set_encoding(p, unsafe_yaml::YAML_UTF8_ENCODING);
                unsafe_yaml::yaml_parser_set_input_string(p, text.as_ptr(), text.len() as _);
            }
            reader
        }
    }

    /// The next document, `None` at the end of the text or on a reading error (the caller
    /// has read the same text with serde_yaml first and reports its errors).
    pub(crate) fn next_document(&mut self) -> Option<Tree> {
        if self.done {
            return None;
        }
        let tree = self.read_document();
        if tree.is_none() {
            self.done = true;
        }
        tree
    }

    fn read_document(&mut self) -> Option<Tree> {
        let mut nodes: Vec<Node> = Vec::new();
        let mut anchors: std::collections::HashMap<Box<[u8]>, usize> = std::collections::HashMap::new();
        // Open containers: (node, pending key of a mapping).
        let mut stack: Vec<(usize, Option<usize>)> = Vec::new();
        let mut root: Option<usize> = None;
        loop {
            let Event { line, column, what } = self.event()?;
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
                    return Some(Tree { nodes, root: 0 });
                }
                Ev::DocumentEnd => {
                    self.documents += 1;
                    return root.map(|root| Tree { nodes, root });
                }
                Ev::Alias(anchor) => {
                    let id = *anchors.get(&anchor)?;
                    attach(&mut nodes, &mut stack, &mut root, id);
                    continue;
                }
                Ev::End => {
                    stack.pop()?;
                    continue;
                }
                Ev::Scalar { anchor, tag, value, style } => (Kind::Scalar(value, style), tag, anchor),
                Ev::SeqStart { anchor, tag } => (Kind::Seq(Vec::new()), tag, anchor),
                Ev::MapStart { anchor, tag } => (Kind::Map(Vec::new()), tag, anchor),
            };
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
        }
    }

}

fn attach(nodes: &mut [Node], stack: &mut [(usize, Option<usize>)], root: &mut Option<usize>, id: usize) {
        let Some((parent, key)) = stack.last_mut() else {
            *root = Some(id);
            return;
        };
        match &mut nodes[*parent].kind {
            Kind::Seq(items) => items.push(id),
            Kind::Map(entries) => match key.take() {
                None => *key = Some(id),
                Some(k) => entries.push((k, id)),
            },
            Kind::Scalar(..) => {}
        }
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

    fn event(&mut self) -> Option<Event> {
        self.next_raw(|ev| {
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
            Some(Event { line, column, what })
        })
        .flatten()
    }
}

fn style_of(style: unsafe_yaml::yaml_scalar_style_t) -> Style {
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

struct Event {
    line: usize,
    column: usize,
    what: Ev,
}

enum Ev {
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
pub(crate) fn first_syntax_error(text: &str) -> Option<SyntaxError> {
    let mut reader = Reader::new(text);
    let mut last_scalar = None;
    // Only the kind of each event, and where a scalar is: nothing of the text is copied.
    let mark = |m: &unsafe_yaml::yaml_mark_t| (m.line as usize + 1, m.column as usize + 1);
    loop {
        let event = reader.next_raw(|ev| match ev.type_ {
            unsafe_yaml::YAML_STREAM_END_EVENT => Err(()),
            // SAFETY: a scalar event's data is its scalar.
            unsafe_yaml::YAML_SCALAR_EVENT => Ok(Some((mark(&ev.start_mark), mark(&ev.end_mark), style_of(unsafe { ev.data.scalar.style })))),
            _ => Ok(None),
        });
        match event {
            None => break,
            Some(Err(())) => return None,
            Some(Ok(Some((start, end, style)))) => last_scalar = Some(ScalarSpan { start, end, style }),
            Some(Ok(None)) => {}
        }
    }
    let p = &*reader.parser;
    let stage = match p.error {
        unsafe_yaml::YAML_READER_ERROR => Stage::Reader,
        unsafe_yaml::YAML_SCANNER_ERROR => Stage::Scanner,
        unsafe_yaml::YAML_PARSER_ERROR => Stage::Parser,
        _ => return None,
    };
    // SAFETY: libyaml's problem and context are null or static NUL-terminated strings.
    let text_of = |s: *const std::ffi::c_char| unsafe { c_bytes(s.cast()).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default() };
    Some(SyntaxError {
        stage,
        problem: text_of(p.problem),
        problem_at: mark(&p.problem_mark),
        problem_offset: p.problem_offset as usize,
        context: text_of(p.context),
        context_at: mark(&p.context_mark),
        last_scalar,
    })
}

// ------------------------------------------------------------------------------ errors

/// A decoding error: serde's message, with the field path and position of the node it came
/// from once a node has claimed it (as serde_yaml words and places it).
#[derive(Debug)]
pub struct Error(Box<ErrorInner>);

/// Boxed, so that results stay one word wide through the generated decoders.
#[derive(Debug)]
struct ErrorInner {
    msg: String,
    at: Option<(usize, usize, String)>,
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
fn unplaced(m: &str) -> Error {
    Error(Box::new(ErrorInner { msg: m.to_string(), at: Some((0, 0, ".".into())) }))
}

// ------------------------------------------------------------------------------ paths

#[derive(Clone, Copy)]
enum Path<'a> {
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

// ------------------------------------------------------------------------------ scalars

/// A scalar as the value a visitor is handed.
enum Sc<'a> {
    Unit,
    Bool(bool),
    U64(u64),
    I64(i64),
    U128(u128),
    I128(i128),
    F64(f64),
    Str(&'a str),
}

fn parse_null(s: &str) -> bool {
    matches!(s, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

fn digits_but_not_number(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    s.len() > 1 && s.starts_with('0') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

type Radix<T> = fn(&str, u32) -> Result<T, std::num::ParseIntError>;

fn parse_unsigned_int<T>(s: &str, from: Radix<T>) -> Option<T> {
    let unpositive = s.strip_prefix('+').unwrap_or(s);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(i) = from(rest, radix) {
                return Some(i);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(s) {
        return None;
    }
    from(unpositive, 10).ok()
}

fn parse_signed_int<T>(s: &str, from: Radix<T>) -> Option<T> {
    let unpositive = if let Some(u) = s.strip_prefix('+') {
        if u.starts_with(['+', '-']) {
            return None;
        }
        u
    } else {
        s
    };
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(i) = from(rest, radix) {
                return Some(i);
            }
        }
        if let Some(rest) = s.strip_prefix('-').and_then(|r| r.strip_prefix(prefix)) {
            if let Ok(i) = from(&format!("-{rest}"), radix) {
                return Some(i);
            }
        }
    }
    if digits_but_not_number(s) {
        return None;
    }
    from(unpositive, 10).ok()
}

fn parse_negative_int<T>(s: &str, from: Radix<T>) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = s.strip_prefix(prefix) {
            if let Ok(i) = from(&format!("-{rest}"), radix) {
                return Some(i);
            }
        }
    }
    if digits_but_not_number(s) {
        return None;
    }
    from(s, 10).ok()
}

fn parse_f64(s: &str) -> Option<f64> {
    let unpositive = if let Some(u) = s.strip_prefix('+') {
        if u.starts_with(['+', '-']) {
            return None;
        }
        u
    } else {
        s
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = s {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = s {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

fn int(s: &str) -> Option<Sc<'_>> {
    if let Some(i) = parse_unsigned_int(s, u64::from_str_radix) {
        return Some(Sc::U64(i));
    }
    if let Some(i) = parse_negative_int(s, i64::from_str_radix) {
        return Some(Sc::I64(i));
    }
    if let Some(i) = parse_unsigned_int(s, u128::from_str_radix) {
        return Some(Sc::U128(i));
    }
    parse_negative_int(s, i128::from_str_radix).map(Sc::I128)
}

/// What a scalar hands to a visitor that takes anything (serde_yaml's `visit_scalar`).
fn resolve<'a>(value: &'a str, style: Style, tag: Option<&str>) -> Result<Sc<'a>, Error> {
    if let Some(tag) = tag {
        if tag == TAG_BOOL {
            return parse_bool(value).map(Sc::Bool).ok_or_else(|| de::Error::invalid_value(Unexpected::Str(value), &"a boolean"));
        } else if tag == TAG_INT {
            return int(value).ok_or_else(|| de::Error::invalid_value(Unexpected::Str(value), &"an integer"));
        } else if tag == TAG_FLOAT {
            return parse_f64(value).map(Sc::F64).ok_or_else(|| de::Error::invalid_value(Unexpected::Str(value), &"a float"));
        } else if tag == TAG_NULL {
            return if parse_null(value) { Ok(Sc::Unit) } else { Err(de::Error::invalid_value(Unexpected::Str(value), &"null")) };
        } else if !(tag.starts_with('!') && style == Style::Plain) {
            return Ok(Sc::Str(value));
        }
    } else if style != Style::Plain {
        return Ok(Sc::Str(value));
    }
    if value.is_empty() || parse_null(value) {
        return Ok(Sc::Unit);
    }
    if let Some(b) = parse_bool(value) {
        return Ok(Sc::Bool(b));
    }
    if let Some(i) = int(value) {
        return Ok(i);
    }
    if !digits_but_not_number(value) {
        if let Some(f) = parse_f64(value) {
            return Ok(Sc::F64(f));
        }
    }
    Ok(Sc::Str(value))
}

fn visit_sc<'de, V: Visitor<'de>>(v: V, sc: Sc<'_>) -> Result<V::Value, Error> {
    match sc {
        Sc::Unit => v.visit_unit(),
        Sc::Bool(b) => v.visit_bool(b),
        Sc::U64(i) => v.visit_u64(i),
        Sc::I64(i) => v.visit_i64(i),
        Sc::U128(i) => v.visit_u128(i),
        Sc::I128(i) => v.visit_i128(i),
        Sc::F64(f) => v.visit_f64(f),
        Sc::Str(s) => v.visit_str(s),
    }
}

// ------------------------------------------------------------------------------ the deserializer

/// Decodes one node of a tree.
pub(crate) struct De<'t, 'p> {
    tree: &'t Tree,
    node: usize,
    path: Path<'p>,
    depth: usize,
    /// Read as the content of a `!tag` already (serde_yaml's `tagged_already`): tags are
    /// not looked at again.
    tagged: bool,
}

/// Why a text did not decode: the reader refused it (serde_yaml's error, with its wording
/// and position), or the typed decoding did.
#[derive(Debug)]
pub enum ReadError {
    Syntax(serde_yaml::Error),
    Decode(Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ReadError::Syntax(e) => write!(f, "{e}"),
            ReadError::Decode(e) => match e.location() {
                (0, _) => f.write_str(&e.message()),
                (line, column) => write!(f, "{} at line {line} column {column}", e.message()),
            },
        }
    }
}

/// Typed decoding of a whole YAML text (one document) through this decoder, for data other
/// than manifests (a stored state, preferences, a patch). serde_yaml reads the text first as
/// a plain value (an instance the manifests already need), so syntax errors, alias bombs
/// and the nesting limit are refused exactly as serde_yaml refuses them.
pub(crate) fn read_checked<T: de::DeserializeOwned>(text: &str) -> Result<T, ReadError> {
    serde_yaml::from_str::<serde_yaml::Value>(text).map_err(ReadError::Syntax)?;
    let tree = read_one(text).ok_or_else(|| ReadError::Decode(<Error as de::Error>::custom("unreadable document")))?;
    from_tree(&tree).map_err(ReadError::Decode)
}

/// [`read_checked`] with the error as text (serde_yaml's wording).
pub fn from_str<T: de::DeserializeOwned>(text: &str) -> Result<T, String> {
    read_checked(text).map_err(|e| e.to_string())
}

/// Decodes the whole document.
pub(crate) fn from_tree<T: de::DeserializeOwned>(tree: &Tree) -> Result<T, Error> {
    T::deserialize(De { tree, node: tree.root, path: Path::Root, depth: MAX_DEPTH, tagged: false })
}

/// What a request for one kind of value finds in the node.
enum Found<'t> {
    Sc(Sc<'t>),
    Seq(&'t [usize]),
    Map(&'t [(usize, usize)]),
    /// An empty plain scalar where a list or map is wanted: an empty one.
    Empty,
    Invalid,
}

#[derive(Clone, Copy)]
enum Want {
    Bool,
    I64,
    I128,
    U64,
    U128,
    F64,
    Str,
    Seq,
    Map,
    Unit,
}

impl<'t, 'p> De<'t, 'p> {
    fn n(&self) -> &'t Node {
        &self.tree.nodes[self.node]
    }

    fn tag(&self) -> Option<&'t str> {
        if self.tagged { None } else { self.n().tag.as_deref() }
    }

    /// serde_yaml's `fix_mark`: the innermost node claims an error that has no position.
    #[inline(never)]
    fn fix(&self, mut e: Error) -> Error {
        if e.0.at.is_none() {
            let n = self.n();
            e.0.at = Some((n.line, n.column, self.path.to_string()));
        }
        e
    }

    fn fixed<T>(&self, r: Result<T, Error>) -> Result<T, Error> {
        match r {
            Ok(v) => Ok(v),
            Err(e) => Err(self.fix(e)),
        }
    }

    /// What serde_yaml's typed reader finds in this node for a request of `want`.
    #[inline(never)]
    fn find(&self, want: Want) -> Found<'t> {
        let n = self.n();
        let tag = self.tag();
        match (&n.kind, want) {
            (Kind::Seq(items), Want::Seq) => Found::Seq(items),
            (Kind::Map(entries), Want::Map) => Found::Map(entries),
            (Kind::Scalar(v, Style::Plain), Want::Seq | Want::Map) if v.is_empty() => Found::Empty,
            (Kind::Scalar(v, _), Want::Str) => Found::Sc(Sc::Str(v)),
            (Kind::Scalar(v, style), Want::Unit) => {
                let null = *style == Style::Plain && match tag {
                    Some(t) => t == TAG_NULL && parse_null(v),
                    None => v.is_empty() || parse_null(v),
                };
                if null { Found::Sc(Sc::Unit) } else { Found::Invalid }
            }
            (Kind::Scalar(v, style), _) => {
                let plain_or_literal = |t: &str| *style == Style::Plain || (*style == Style::Literal && tag == Some(t));
                let sc = match want {
                    Want::Bool if plain_or_literal(TAG_BOOL) => parse_bool(v).map(Sc::Bool),
                    Want::I64 if plain_or_literal(TAG_INT) => parse_signed_int(v, i64::from_str_radix).map(Sc::I64),
                    Want::I128 if plain_or_literal(TAG_INT) => parse_signed_int(v, i128::from_str_radix).map(Sc::I128),
                    Want::U64 if plain_or_literal(TAG_INT) => parse_unsigned_int(v, u64::from_str_radix).map(Sc::U64),
                    Want::U128 if plain_or_literal(TAG_INT) => parse_unsigned_int(v, u128::from_str_radix).map(Sc::U128),
                    Want::F64 if plain_or_literal(TAG_FLOAT) => parse_f64(v).map(Sc::F64),
                    _ => None,
                };
                sc.map_or(Found::Invalid, Found::Sc)
            }
            _ => Found::Invalid,
        }
    }

    /// serde_yaml's `invalid_type`: what the node holds, in serde's wording.
    #[inline(never)]
    fn invalid_type(&self, exp: &dyn Expected) -> Error {
        match &self.n().kind {
            Kind::Seq(_) => de::Error::invalid_type(Unexpected::Seq, exp),
            Kind::Map(_) => de::Error::invalid_type(Unexpected::Map, exp),
            Kind::Scalar(v, style) => match resolve(v, *style, self.tag()) {
                Err(e) => e,
                Ok(sc) => {
                    let other;
                    let unexpected = match sc {
                        Sc::Unit => Unexpected::Unit,
                        Sc::Bool(b) => Unexpected::Bool(b),
                        Sc::U64(i) => Unexpected::Unsigned(i),
                        Sc::I64(i) => Unexpected::Signed(i),
                        Sc::U128(i) => {
                            other = format!("integer `{i}` as u128");
                            Unexpected::Other(&other)
                        }
                        Sc::I128(i) => {
                            other = format!("integer `{i}` as i128");
                            Unexpected::Other(&other)
                        }
                        Sc::F64(f) => Unexpected::Float(f),
                        Sc::Str(s) => Unexpected::Str(s),
                    };
                    de::Error::invalid_type(unexpected, exp)
                }
            },
        }
    }

    /// `deserialize_unit` on a scalar that is not null.
    #[inline(never)]
    fn not_null(&self, exp: &dyn Expected) -> Error {
        match &self.n().kind {
            Kind::Scalar(v, _) => de::Error::invalid_value(Unexpected::Str(v), &"null"),
            _ => self.invalid_type(exp),
        }
    }

    fn child(&self, node: usize, path: Path<'p>) -> De<'t, 'p> {
        De { tree: self.tree, node, path, depth: self.depth, tagged: self.tagged }
    }

    #[inline(never)]
    fn deeper(&self) -> Result<usize, Error> {
        let n = self.n();
        self.depth.checked_sub(1).ok_or_else(|| Error(Box::new(ErrorInner { msg: "recursion limit exceeded".into(), at: Some((n.line, n.column, ".".into())) })))
    }

    #[inline(never)]
    fn is_some(&self) -> Result<bool, Error> {
        let n = self.n();
        Ok(match &n.kind {
            Kind::Scalar(v, style) => {
                if *style != Style::Plain {
                    true
                } else if let Some(tag) = self.tag() {
                    if tag == TAG_NULL {
                        if parse_null(v) {
                            false
                        } else {
                            return Err(de::Error::invalid_value(Unexpected::Str(v), &"null"));
                        }
                    } else {
                        true
                    }
                } else {
                    !v.is_empty() && !parse_null(v)
                }
            }
            _ => true,
        })
    }

    /// The error for a request the node cannot serve.
    #[inline(never)]
    fn invalid(&self, want: Want, exp: &dyn Expected) -> Error {
        match want {
            Want::Unit => self.not_null(exp),
            _ => self.invalid_type(exp),
        }
    }

    // The generic methods below are instantiated once per visitor (that is, per model
    // type): they stay small and leave the work to the plain methods above.

    /// A request for a scalar of some kind (only 128-bit integers come here).
    #[inline(never)]
    fn scalar<V: Visitor<'t>>(self, want: Want, v: V) -> Result<V::Value, Error> {
        let r = match self.find(want) {
            Found::Sc(sc) => visit_sc(v, sc),
            _ => Err(self.invalid(want, &v)),
        };
        self.fixed(r)
    }

    // One entry per kind of scalar, each calling the one visitor method that kind can give
    // (serde_yaml's typed reader gives a string request the scalar as written, an integer
    // request an integer, and so on).

    #[inline(never)]
    fn string<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.find(Want::Str) {
            Found::Sc(Sc::Str(s)) => v.visit_str(s),
            _ => Err(self.invalid(Want::Str, &v)),
        };
        self.fixed(r)
    }

    #[inline(never)]
    fn boolean<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.find(Want::Bool) {
            Found::Sc(Sc::Bool(b)) => v.visit_bool(b),
            _ => Err(self.invalid(Want::Bool, &v)),
        };
        self.fixed(r)
    }

    #[inline(never)]
    fn signed<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.find(Want::I64) {
            Found::Sc(Sc::I64(i)) => v.visit_i64(i),
            _ => Err(self.invalid(Want::I64, &v)),
        };
        self.fixed(r)
    }

    #[inline(never)]
    fn unsigned<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.find(Want::U64) {
            Found::Sc(Sc::U64(i)) => v.visit_u64(i),
            _ => Err(self.invalid(Want::U64, &v)),
        };
        self.fixed(r)
    }

    #[inline(never)]
    fn float<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.find(Want::F64) {
            Found::Sc(Sc::F64(f)) => v.visit_f64(f),
            _ => Err(self.invalid(Want::F64, &v)),
        };
        self.fixed(r)
    }

    #[inline(never)]
    fn unit<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.find(Want::Unit) {
            Found::Sc(Sc::Unit) => v.visit_unit(),
            _ => Err(self.invalid(Want::Unit, &v)),
        };
        self.fixed(r)
    }

    /// A request for a list.
    #[inline(never)]
    fn list<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.find(Want::Seq) {
            Found::Seq(items) => self.seq(items, true, v),
            Found::Empty => self.seq(&[], false, v),
            _ => Err(self.invalid(Want::Seq, &v)),
        };
        self.fixed(r)
    }

    /// A request for a map (or a struct).
    #[inline(never)]
    fn mapping<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.find(Want::Map) {
            Found::Map(entries) => self.map(entries, true, v),
            Found::Empty => self.map(&[], false, v),
            _ => Err(self.invalid(Want::Map, &v)),
        };
        self.fixed(r)
    }

    fn seq<V: Visitor<'t>>(&self, items: &'t [usize], nested: bool, v: V) -> Result<V::Value, Error> {
        let mut access = self.seq_access(items, nested)?;
        let value = v.visit_seq(&mut access)?;
        end(access.len, items.len(), false)?;
        Ok(value)
    }

    fn map<V: Visitor<'t>>(&self, entries: &'t [(usize, usize)], nested: bool, v: V) -> Result<V::Value, Error> {
        let mut access = self.map_access(entries, nested)?;
        let value = v.visit_map(&mut access)?;
        end(access.len, entries.len(), true)?;
        Ok(value)
    }

    #[inline(never)]
    fn seq_access(&self, items: &'t [usize], nested: bool) -> Result<SeqAccess<'t, 'p>, Error> {
        let depth = if nested { self.deeper()? } else { self.depth };
        Ok(SeqAccess { tree: self.tree, path: self.path, depth, items, len: 0 })
    }

    #[inline(never)]
    fn map_access(&self, entries: &'t [(usize, usize)], nested: bool) -> Result<MapAccess<'t, 'p>, Error> {
        let depth = if nested { self.deeper()? } else { self.depth };
        Ok(MapAccess { tree: self.tree, path: self.path, depth, tagged: self.tagged, entries, len: 0, key: None })
    }

    /// A request for whatever the node holds.
    #[inline(never)]
    fn any<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        // A `!tag` makes the node an enum variant named by the tag (serde_yaml's reading,
        // kept for `serde_yaml::Value` fields).
        if let Some(tag) = self.enum_tag() {
            let de = De { tagged: true, ..self.child(self.node, self.path) };
            return self.fixed(v.visit_enum(TagAccess { de, tag }));
        }
        let r = match &self.n().kind {
            Kind::Seq(items) => self.seq(items, true, v),
            Kind::Map(entries) => self.map(entries, true, v),
            Kind::Scalar(s, style) => match resolve(s, *style, self.tag()) {
                Ok(sc) => visit_sc(v, sc),
                Err(e) => Err(e),
            },
        };
        self.fixed(r)
    }

    fn enum_tag(&self) -> Option<&'t str> {
        self.tag().and_then(|t| t.strip_prefix('!').map(|r| if r.is_empty() { t } else { r }))
    }
}

/// serde_yaml's check that a visitor took every element.
fn end(taken: usize, total: usize, map: bool) -> Result<(), Error> {
    if taken >= total {
        return Ok(());
    }
    struct Len(usize, bool);
    impl Expected for Len {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            match (self.1, self.0) {
                (false, 1) => f.write_str("sequence of 1 element"),
                (false, n) => write!(f, "sequence of {n} elements"),
                (true, 1) => f.write_str("map containing 1 entry"),
                (true, n) => write!(f, "map containing {n} entries"),
            }
        }
    }
    Err(de::Error::invalid_length(total, &Len(taken, map)))
}

struct SeqAccess<'t, 'p> {
    tree: &'t Tree,
    path: Path<'p>,
    depth: usize,
    items: &'t [usize],
    len: usize,
}

impl<'t> SeqAccess<'t, '_> {
    #[inline(never)]
    fn next_de(&mut self) -> Option<De<'t, '_>> {
        let &item = self.items.get(self.len)?;
        let path = Path::Seq { parent: &self.path, index: self.len };
        self.len += 1;
        Some(De { tree: self.tree, node: item, path, depth: self.depth, tagged: false })
    }
}

impl<'t> de::SeqAccess<'t> for SeqAccess<'t, '_> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'t>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        match self.next_de() {
            Some(de) => seed.deserialize(de).map(Some),
            None => Ok(None),
        }
    }
}

struct MapAccess<'t, 'p> {
    tree: &'t Tree,
    path: Path<'p>,
    depth: usize,
    tagged: bool,
    entries: &'t [(usize, usize)],
    len: usize,
    key: Option<&'t str>,
}

impl<'t> MapAccess<'t, '_> {
    /// The next key, read at the map's path (as serde_yaml reads keys).
    #[inline(never)]
    fn key_de(&mut self) -> Option<De<'t, '_>> {
        let &(key, _) = self.entries.get(self.len)?;
        self.len += 1;
        self.key = match &self.tree.nodes[key].kind {
            Kind::Scalar(s, _) => Some(s),
            _ => None,
        };
        Some(De { tree: self.tree, node: key, path: self.path, depth: self.depth, tagged: self.tagged })
    }

    #[inline(never)]
    fn value_de(&mut self) -> De<'t, '_> {
        let value = self.entries[self.len.max(1) - 1].1;
        let path = match self.key {
            Some(key) => Path::Map { parent: &self.path, key },
            None => Path::Unknown { parent: &self.path },
        };
        De { tree: self.tree, node: value, path, depth: self.depth, tagged: false }
    }
}

impl<'t> de::MapAccess<'t> for MapAccess<'t, '_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'t>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.key_de() {
            Some(de) => seed.deserialize(de).map(Some),
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'t>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(self.value_de())
    }
}

/// A tagged node read as an enum: the tag names the variant, the node is its content.
struct TagAccess<'t, 'p> {
    de: De<'t, 'p>,
    tag: &'t str,
}

impl<'t, 'p> de::EnumAccess<'t> for TagAccess<'t, 'p> {
    type Error = Error;
    type Variant = De<'t, 'p>;
    fn variant_seed<V: DeserializeSeed<'t>>(self, seed: V) -> Result<(V::Value, De<'t, 'p>), Error> {
        let variant = seed.deserialize(de::value::BorrowedStrDeserializer::<Error>::new(self.tag))?;
        Ok((variant, self.de))
    }
}

impl<'t> de::VariantAccess<'t> for De<'t, '_> {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        <() as de::Deserialize>::deserialize(self)
    }
    fn newtype_variant_seed<T: DeserializeSeed<'t>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'t>>(self, _len: usize, v: V) -> Result<V::Value, Error> {
        self.list(v)
    }
    fn struct_variant<V: Visitor<'t>>(self, _fields: &'static [&'static str], v: V) -> Result<V::Value, Error> {
        self.mapping(v)
    }
}

impl<'t> de::Deserializer<'t> for De<'t, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.any(v)
    }
    fn deserialize_bool<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.boolean(v)
    }
    fn deserialize_i8<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.signed(v)
    }
    fn deserialize_i16<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.signed(v)
    }
    fn deserialize_i32<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.signed(v)
    }
    fn deserialize_i64<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.signed(v)
    }
    fn deserialize_i128<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.scalar(Want::I128, v)
    }
    fn deserialize_u8<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.unsigned(v)
    }
    fn deserialize_u16<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.unsigned(v)
    }
    fn deserialize_u32<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.unsigned(v)
    }
    fn deserialize_u64<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.unsigned(v)
    }
    fn deserialize_u128<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.scalar(Want::U128, v)
    }
    fn deserialize_f32<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.float(v)
    }
    fn deserialize_f64<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.float(v)
    }
    fn deserialize_char<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.string(v)
    }
    fn deserialize_str<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.string(v)
    }
    fn deserialize_string<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.string(v)
    }
    fn deserialize_bytes<V: Visitor<'t>>(self, _v: V) -> Result<V::Value, Error> {
        Err(unplaced("serialization and deserialization of bytes in YAML is not implemented"))
    }
    fn deserialize_byte_buf<V: Visitor<'t>>(self, _v: V) -> Result<V::Value, Error> {
        Err(unplaced("serialization and deserialization of bytes in YAML is not implemented"))
    }
    fn deserialize_option<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        match self.is_some() {
            Ok(true) => v.visit_some(self),
            Ok(false) => v.visit_none(),
            Err(e) => Err(e),
        }
    }
    fn deserialize_unit<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.unit(v)
    }
    fn deserialize_unit_struct<V: Visitor<'t>>(self, _name: &'static str, v: V) -> Result<V::Value, Error> {
        self.unit(v)
    }
    fn deserialize_newtype_struct<V: Visitor<'t>>(self, _name: &'static str, v: V) -> Result<V::Value, Error> {
        let depth = self.deeper()?;
        v.visit_newtype_struct(De { depth, ..self })
    }
    fn deserialize_seq<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.list(v)
    }
    fn deserialize_tuple<V: Visitor<'t>>(self, _len: usize, v: V) -> Result<V::Value, Error> {
        self.list(v)
    }
    fn deserialize_tuple_struct<V: Visitor<'t>>(self, _name: &'static str, _len: usize, v: V) -> Result<V::Value, Error> {
        self.list(v)
    }
    fn deserialize_map<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.mapping(v)
    }
    fn deserialize_struct<V: Visitor<'t>>(self, _name: &'static str, _fields: &'static [&'static str], v: V) -> Result<V::Value, Error> {
        self.mapping(v)
    }
    fn deserialize_enum<V: Visitor<'t>>(self, _name: &'static str, _variants: &'static [&'static str], v: V) -> Result<V::Value, Error> {
        // Unit variants written as plain strings (the only enum form the models could use).
        let r = match &self.n().kind {
            Kind::Scalar(s, _) => v.visit_enum(IntoDeserializer::<Error>::into_deserializer(&**s)),
            Kind::Map(_) => Err(de::Error::invalid_type(Unexpected::Map, &"a YAML tag starting with '!'")),
            Kind::Seq(_) => Err(de::Error::invalid_type(Unexpected::Seq, &"a YAML tag starting with '!'")),
        };
        self.fixed(r)
    }
    fn deserialize_identifier<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.string(v)
    }
    fn deserialize_ignored_any<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_unit()
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
