//! The one reading of a YAML document: the tree, checked as serde_yaml reads a text into
//! a `serde_yaml::Value`, with its refusals in its words and at its positions.
//!
//! serde_yaml loads a document's events (stopping at a libyaml error or an unknown
//! anchor), then walks them into a value, following aliases: the walk refuses a nesting
//! past 128 containers, more alias jumps than 100 per event ("billion laughs"), a key
//! already in its mapping, an integer past 64 bits and a `!!int`/`!!bool`/`!!float`/
//! `!!null` scalar that is not one; if the walk gets to the end of what was loaded, the
//! libyaml error is the answer. [`check`] walks the tree in the same order with the same
//! rules, so the first refusal is the one serde_yaml gives.

use crate::manifest::yaml_tree::*;
use serde::de::{self, Unexpected};
use std::fmt;

/// Why a text does not read, worded and placed as serde_yaml's error.
#[derive(Clone, Debug)]
pub struct ReadFail {
    /// The whole message, with serde_yaml's ` at line L column C`.
    pub(crate) msg: String,
    /// 1-based line and column (serde_yaml's `location()`).
    pub(crate) at: Option<(usize, usize)>,
    /// libyaml's own account, when it is libyaml that refused the text.
    pub(crate) syntax: Option<SyntaxError>,
}

impl fmt::Display for ReadFail {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for ReadFail {}

impl ReadFail {
    pub(crate) fn location(&self) -> Option<(usize, usize)> {
        self.at
    }

    /// An error with a mark: serde_yaml appends it unless it is the text's very start.
    fn marked(msg: String, (line, column): (usize, usize)) -> ReadFail {
        let msg = if (line, column) != (1, 1) { format!("{msg} at line {line} column {column}") } else { msg };
        ReadFail { msg, at: Some((line, column)), syntax: None }
    }

    fn unmarked(msg: &str) -> ReadFail {
        ReadFail { msg: msg.into(), at: None, syntax: None }
    }

    /// libyaml's error as serde_yaml prints it.
    fn libyaml(e: SyntaxError) -> ReadFail {
        let mut msg = if e.problem.is_empty() { "libyaml parser failed but there is no error".to_string() } else { e.problem.clone() };
        let (l, c) = e.problem_at;
        if (l, c) != (1, 1) {
            msg += &format!(" at line {l} column {c}");
        } else if e.problem_offset != 0 {
            msg += &format!(" at position {}", e.problem_offset);
        }
        if !e.context.is_empty() {
            msg += &format!(", {}", e.context);
            if e.context_at != (1, 1) && e.context_at != e.problem_at {
                msg += &format!(" at line {} column {}", e.context_at.0, e.context_at.1);
            }
        }
        ReadFail { msg, at: Some(e.problem_at), syntax: Some(e) }
    }

    pub(crate) fn more_than_one_document() -> ReadFail {
        ReadFail::unmarked("deserializing from YAML containing more than one document is not supported")
    }
}

/// The document's tree if serde_yaml would read it into a value, else its error.
pub(crate) fn check(read: Read) -> Result<Tree, ReadFail> {
    let Read { tree, events, failed } = read;
    let mut walk = Walk { tree: &tree, jumps: 0, limit: events * 100 };
    let walked = if tree.root == MISSING { Err(Stop::End) } else { walk.node(tree.root, 128, Path::Root, false) };
    match (walked, failed) {
        (Err(Stop::Fail(e)), _) => Err(e),
        (_, Some(Failure::Syntax(e))) => Err(ReadFail::libyaml(e)),
        (_, Some(Failure::UnknownAnchor(l, c))) => Err(ReadFail::marked("unknown anchor".into(), (l, c))),
        // A complete document always has its root.
        (Err(Stop::End), None) => Err(ReadFail::unmarked("EOF while parsing a value")),
        (Ok(()), None) => Ok(tree),
    }
}

enum Stop {
    /// The walk got to the end of what was read.
    End,
    Fail(ReadFail),
}

struct Walk<'t> {
    tree: &'t Tree,
    jumps: usize,
    limit: usize,
}

impl Walk<'_> {
    fn fail(&self, node: usize, path: &Path, msg: impl fmt::Display) -> Stop {
        let n = &self.tree.nodes[node];
        let path = path.to_string();
        let msg = if path == "." { msg.to_string() } else { format!("{path}: {msg}") };
        Stop::Fail(ReadFail::marked(msg, (n.line, n.column)))
    }

    fn node(&mut self, id: usize, depth: u8, path: Path, alias: bool) -> Result<(), Stop> {
        if alias {
            self.jumps += 1;
            if self.jumps > self.limit {
                return Err(Stop::Fail(ReadFail::unmarked("repetition limit exceeded")));
            }
        }
        if id == MISSING {
            return Err(Stop::End);
        }
        let tree = self.tree;
        let n = &tree.nodes[id];
        let enum_tag = enum_tag(n);
        match &n.kind {
            Kind::Scalar(v, style) => match resolve(v, *style, if enum_tag.is_some() { None } else { n.tag.as_deref() }) {
                Err(e) => Err(self.fail(id, &path, e.0.msg)),
                Ok(Sc::U128(i)) => Err(self.fail(id, &path, any_value(&format!("integer `{i}` as u128")))),
                Ok(Sc::I128(i)) => Err(self.fail(id, &path, any_value(&format!("integer `{i}` as i128")))),
                Ok(_) => Ok(()),
            },
            Kind::Seq(items) => {
                let Some(depth) = depth.checked_sub(1) else { return Err(self.too_deep(id)) };
                for (i, &item) in items.iter().enumerate() {
                    self.node(item, depth, Path::Seq { parent: &path, index: i }, tree.aliases.contains(&(id, i)))?;
                }
                Ok(())
            }
            Kind::Map(entries) => {
                let Some(depth) = depth.checked_sub(1) else { return Err(self.too_deep(id)) };
                let mut strings = std::collections::HashSet::new();
                for (i, &(k, v)) in entries.iter().enumerate() {
                    let key_alias = tree.aliases.contains(&(id, 2 * i));
                    self.node(k, depth, path, key_alias)?;
                    let key = value(tree, k);
                    let seen = match key {
                        Val::Str(s) => !strings.insert(s),
                        _ => entries[..i].iter().any(|&(j, _)| equal(tree, j, k)),
                    };
                    if seen {
                        return Err(self.fail(id, &path, format_args!("duplicate entry {}", duplicate_words(key))));
                    }
                    let scalar_key = match (&tree.nodes[k].kind, key_alias) {
                        (Kind::Scalar(s, _), false) => Some(&**s),
                        _ => None,
                    };
                    let child = match scalar_key {
                        Some(key) => Path::Map { parent: &path, key },
                        None => Path::Unknown { parent: &path },
                    };
                    self.node(v, depth, child, tree.aliases.contains(&(id, 2 * i + 1)))?;
                }
                Ok(())
            }
        }
    }

    fn too_deep(&self, id: usize) -> Stop {
        let n = &self.tree.nodes[id];
        Stop::Fail(ReadFail::marked("recursion limit exceeded".into(), (n.line, n.column)))
    }
}

/// serde's words for a value that serde_yaml's value type cannot hold.
fn any_value(what: &str) -> String {
    <Error as de::Error>::invalid_type(Unexpected::Other(what), &"any YAML value").0.msg
}

/// serde_yaml's wording of a duplicate key.
fn duplicate_words(key: Val) -> String {
    match key {
        Val::Null => "with null key".into(),
        Val::Bool(b) => format!("with key `{b}`"),
        Val::Num(n) => format!("with key {}", n.text()),
        Val::Str(s) => format!("with key {s:?}"),
        _ => "in YAML map".into(),
    }
}

// ------------------------------------------------------------------------------ values

/// A node as serde_yaml's value type holds it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Val<'t> {
    Null,
    Bool(bool),
    Num(Num),
    Str(&'t str),
    Seq(&'t [usize]),
    Map(&'t [(usize, usize)]),
    /// `!tag` on a node: the tag (without its `!`) and the node read as its content.
    Tagged(&'t str, usize),
}

/// serde_yaml's number: non-negative integers, negative ones, floats.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Num {
    Pos(u64),
    Neg(i64),
    Float(f64),
}

impl Num {
    fn eq(self, other: Num) -> bool {
        match (self, other) {
            (Num::Pos(a), Num::Pos(b)) => a == b,
            (Num::Neg(a), Num::Neg(b)) => a == b,
            (Num::Float(a), Num::Float(b)) => (a.is_nan() && b.is_nan()) || a == b,
            _ => false,
        }
    }

    /// As serde_yaml's `Number` displays.
    pub(crate) fn text(self) -> String {
        match self {
            Num::Pos(u) => u.to_string(),
            Num::Neg(i) => i.to_string(),
            Num::Float(f) if f.is_nan() => ".nan".into(),
            Num::Float(f) if f.is_infinite() => if f > 0.0 { ".inf".into() } else { "-.inf".into() },
            Num::Float(f) => ryu_like(f),
        }
    }
}

/// Floats as serde_yaml writes them (through `ryu`, which serde_json also uses).
fn ryu_like(f: f64) -> String {
    serde_json::Number::from_f64(f).map(|n| n.to_string()).unwrap_or_default()
}

/// The tag a node is read as an enum by (serde_yaml's `parse_tag`): tags written `!x`.
pub(crate) fn enum_tag(n: &Node) -> Option<&str> {
    let t = n.tag.as_deref()?;
    let rest = t.strip_prefix('!')?;
    Some(if rest.is_empty() { t } else { rest })
}

/// The node as a value (a checked tree: every scalar resolves).
pub(crate) fn value(tree: &Tree, id: usize) -> Val<'_> {
    let n = &tree.nodes[id];
    if let Some(tag) = enum_tag(n) {
        return Val::Tagged(tag, id);
    }
    content(tree, id, n.tag.as_deref())
}

/// The content of a tagged node (its tag already read).
pub(crate) fn untagged(tree: &Tree, id: usize) -> Val<'_> {
    content(tree, id, None)
}

fn content<'t>(tree: &'t Tree, id: usize, tag: Option<&str>) -> Val<'t> {
    match &tree.nodes[id].kind {
        Kind::Seq(items) => Val::Seq(items),
        Kind::Map(entries) => Val::Map(entries),
        Kind::Scalar(v, style) => match resolve(v, *style, tag) {
            Ok(Sc::Unit) => Val::Null,
            Ok(Sc::Bool(b)) => Val::Bool(b),
            Ok(Sc::U64(u)) => Val::Num(Num::Pos(u)),
            Ok(Sc::I64(i)) if i >= 0 => Val::Num(Num::Pos(i as u64)),
            Ok(Sc::I64(i)) => Val::Num(Num::Neg(i)),
            Ok(Sc::F64(f)) => Val::Num(Num::Float(f)),
            Ok(Sc::Str(s)) => Val::Str(s),
            // Refused by `check`.
            Ok(Sc::U128(_) | Sc::I128(_)) | Err(_) => Val::Str(v),
        },
    }
}

/// The value under any tags (serde_yaml's `untag_ref`).
pub(crate) fn bare<'t>(tree: &'t Tree, mut v: Val<'t>) -> Val<'t> {
    while let Val::Tagged(_, id) = v {
        v = untagged(tree, id);
    }
    v
}

/// A string value, under any tags (serde_yaml's `as_str`).
pub(crate) fn as_str(tree: &Tree, id: usize) -> Option<&str> {
    match bare(tree, value(tree, id)) {
        Val::Str(s) => Some(s),
        _ => None,
    }
}

/// The value of a key written as a plain string (serde_yaml's `mapping.get(&str)`).
pub(crate) fn get(tree: &Tree, entries: &[(usize, usize)], key: &str) -> Option<usize> {
    entries.iter().find(|&&(k, _)| matches!(value(tree, k), Val::Str(s) if s == key)).map(|&(_, v)| v)
}

/// `value.get(key)`: the mapping under any tags.
pub(crate) fn get_in(tree: &Tree, id: usize, key: &str) -> Option<usize> {
    match bare(tree, value(tree, id)) {
        Val::Map(entries) => get(tree, entries, key),
        _ => None,
    }
}

/// serde_yaml's value equality (mappings compare as sets of entries).
pub(crate) fn equal(tree: &Tree, a: usize, b: usize) -> bool {
    vals_equal(tree, value(tree, a), value(tree, b))
}

fn vals_equal(tree: &Tree, a: Val, b: Val) -> bool {
    match (a, b) {
        (Val::Null, Val::Null) => true,
        (Val::Bool(x), Val::Bool(y)) => x == y,
        (Val::Num(x), Val::Num(y)) => x.eq(y),
        (Val::Str(x), Val::Str(y)) => x == y,
        (Val::Seq(x), Val::Seq(y)) => x.len() == y.len() && x.iter().zip(y).all(|(&i, &j)| equal(tree, i, j)),
        (Val::Map(x), Val::Map(y)) => {
            x.len() == y.len() && x.iter().all(|&(k, v)| y.iter().find(|&&(k2, _)| equal(tree, k, k2)).is_some_and(|&(_, v2)| equal(tree, v, v2)))
        }
        (Val::Tagged(t, i), Val::Tagged(u, j)) => {
            nobang(t) == nobang(u) && vals_equal(tree, untagged(tree, i), untagged(tree, j))
        }
        _ => false,
    }
}

/// A tag without its `!` (serde_yaml's `nobang`: `!` alone stays).
pub(crate) fn nobang(t: &str) -> &str {
    match t.strip_prefix('!') {
        Some("") | None => t,
        Some(rest) => rest,
    }
}
