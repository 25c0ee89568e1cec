//! What a read document holds as serde_yaml's value type would: `<<` merge keys resolved
//! on the tree (serde_yaml's `apply_merge`, rule for rule), and the document as JSON
//! (what `serde_json::to_string(&serde_yaml::Value)` writes).

use crate::manifest::yaml_check::*;
use crate::manifest::yaml_tree::*;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::collections::HashSet;

/// A `<<` that cannot be merged: serde_yaml's message and where its key is.
pub(crate) struct MergeError {
    pub(crate) msg: &'static str,
    pub(crate) at: (usize, usize),
}

/// Is there a `<<` key anywhere in the values of the document?
pub(crate) fn has_merge_key(tree: &Tree) -> bool {
    let mut stack = vec![tree.root];
    let mut seen = HashSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        match &tree.nodes[id].kind {
            Kind::Map(entries) => {
                for &(k, v) in entries {
                    if as_str(tree, k) == Some("<<") {
                        return true;
                    }
                    stack.push(v);
                }
            }
            Kind::Seq(items) => stack.extend(items),
            Kind::Scalar(..) => {}
        }
    }
    false
}

/// The tree with its merge keys resolved as serde_yaml resolves them: each mapping's `<<`
/// entry is swapped out for its last entry, then the entries of the mapping (or mappings)
/// it names are added after the mapping's own, those keys it lacks, as they were written
/// (a `<<` inside them is not resolved again). Mappings are visited as serde_yaml visits
/// them (a mapping, then its values from the last), so the first error is its first.
pub(crate) fn apply_merge(tree: &Tree) -> Result<Tree, MergeError> {
    let mut out = tree.clone();
    let mut stack = vec![tree.root];
    let mut done = HashSet::new();
    while let Some(id) = stack.pop() {
        if !done.insert(id) {
            continue;
        }
        match &tree.nodes[id].kind {
            Kind::Map(entries) => {
                let mut entries = entries.clone();
                if let Some(p) = entries.iter().position(|&(k, _)| matches!(value(tree, k), Val::Str("<<"))) {
                    let (key, from) = entries.swap_remove(p);
                    let n = &tree.nodes[key];
                    let fail = |msg| Err(MergeError { msg, at: (n.line, n.column) });
                    match value(tree, from) {
                        Val::Map(m) => add_missing(tree, &mut entries, m),
                        Val::Seq(items) => {
                            for &item in items {
                                match value(tree, item) {
                                    Val::Map(m) => add_missing(tree, &mut entries, m),
                                    Val::Seq(_) => return fail("expected a mapping for merging, but found sequence"),
                                    Val::Tagged(..) => return fail("unexpected tagged value in merge"),
                                    _ => return fail("expected a mapping for merging, but found scalar"),
                                }
                            }
                        }
                        Val::Tagged(..) => return fail("unexpected tagged value in merge"),
                        _ => return fail("expected a mapping or list of mappings for merging, but found scalar"),
                    }
                }
                stack.extend(entries.iter().map(|&(_, v)| v));
                out.nodes[id].kind = Kind::Map(entries);
            }
            Kind::Seq(items) => stack.extend(items),
            Kind::Scalar(..) => {}
        }
    }
    Ok(out)
}

fn add_missing(tree: &Tree, entries: &mut Vec<(usize, usize)>, from: &[(usize, usize)]) {
    for &(k, v) in from {
        if !entries.iter().any(|&(k2, _)| equal(tree, k, k2)) {
            entries.push((k, v));
        }
    }
}

/// A node written as serde_yaml's value type serializes.
pub(crate) struct Json<'t> {
    pub(crate) tree: &'t Tree,
    pub(crate) val: Val<'t>,
}

impl<'t> Json<'t> {
    pub(crate) fn of(tree: &'t Tree, id: usize) -> Json<'t> {
        Json { tree, val: value(tree, id) }
    }
}

struct TagName<'a>(&'a str);

impl Serialize for TagName<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("!{}", nobang(self.0)))
    }
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let tree = self.tree;
        match self.val {
            Val::Null => s.serialize_unit(),
            Val::Bool(b) => s.serialize_bool(b),
            Val::Num(Num::Pos(u)) => s.serialize_u64(u),
            Val::Num(Num::Neg(i)) => s.serialize_i64(i),
            Val::Num(Num::Float(f)) => s.serialize_f64(f),
            Val::Str(v) => s.serialize_str(v),
            Val::Seq(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for &i in items {
                    seq.serialize_element(&Json::of(tree, i))?;
                }
                seq.end()
            }
            Val::Map(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for &(k, v) in entries {
                    map.serialize_entry(&Json::of(tree, k), &Json::of(tree, v))?;
                }
                map.end()
            }
            Val::Tagged(tag, id) => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry(&TagName(tag), &Json { tree, val: untagged(tree, id) })?;
                map.end()
            }
        }
    }
}

/// The node as JSON (empty when JSON cannot hold it, as with a key that is not a string).
pub(crate) fn to_json(tree: &Tree, id: usize) -> String {
    serde_json::to_string(&Json::of(tree, id)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    //! The one reading against serde_yaml's, which it replaces: the same refusals (wording
    //! and position), the same merged documents and the same JSON.
    use super::*;
    use crate::manifest::yaml_check::check;

    fn same(text: &str) {
        let theirs = serde_yaml::from_str::<serde_yaml::Value>(text).map(|mut v| {
            let merge = v.apply_merge().map(|_| serde_json::to_string(&v).unwrap_or_default());
            merge.map_err(|e| e.to_string())
        });
        let mut reader = Reader::new(text);
        let checked = check(reader.next_read().unwrap());
        let checked = checked.and_then(|t| if reader.more() { Err(crate::manifest::yaml_check::ReadFail::more_than_one_document()) } else { Ok(t) });
        let ours = checked.map(|t| match apply_merge(&t) {
            Ok(m) => Ok(to_json(&m, m.root)),
            Err(e) => Err(e.msg.to_string()),
        });
        match (theirs, ours) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{text:?}"),
            (Err(a), Err(b)) => {
                assert_eq!(a.to_string(), b.to_string(), "{text:?}");
                assert_eq!(a.location().map(|l| (l.line(), l.column())), b.location(), "{text:?}");
            }
            (a, b) => panic!("{text:?}: serde_yaml {a:?}, ours {b:?}"),
        }
    }

    #[test]
    fn reads_as_serde_yaml_reads() {
        let texts = [
            "", "~", "a: 1", "a: [1, -2, 0x1F, 0o7, 1.5, .inf, -.inf, .nan, 1e3, 007, +3, -0, true, False, ~, null, '', \"x\"]",
            "{1: a, true: b, ~: c}", "a: !foo x", "a: !foo {b: 1}", "a: ! x", "a: !!str 1", "a: !!int x", "a: !!bool yes", "a: !!null x",
            "a: !!float 1", "a: 99999999999999999999999", "a: -99999999999999999999999", "a: {b: 1, b: 2}", "a: {[1]: x, [1]: y}",
            "a: {1.0: x, 1.00: y}", "? [a]\n: 1", "a: *x", "a: &x 1\nb: *x", "a: [1\n", "a: b: c", "a:\n\tb: c", "a: \"\\q\"",
            "a: &a [x, *a]", "a: &b {k: v}\nc:\n  <<: *b\n  d: e", "x:\n  a: 1\n  <<: [{a: 2, b: 3}, {c: 4}]\n  z: 0",
            "x: {<<: 1}", "x: {<<: [1]}", "x: {<<: [[1]]}", "x: {<<: !t {a: 1}}", "x: {<<: [!t {a: 1}]}", "x: {<<: ~}",
            "b: &b {<<: {q: 1}, r: 2}\nx: {<<: *b}", "\"<<\": {a: 1}", "x: {!t <<: {a: 1}}", "a: \u{1}", "a: b\n...\nc: d",
            "%YAML 1.1\n%YAML 1.1\n---\na: b", "a: |\n  x\n y", "[[[[[[[[[[]]]]]]]]]]", "a: [*b]", "a: {x: &y 1, z: *y}",
        ];
        for t in texts {
            same(t);
        }
        same(&("a: ".to_string() + &"[".repeat(130) + &"]".repeat(130)));
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 0..9 {
            let prev = if i == 0 { "a".to_string() } else { format!("b{}", i - 1) };
            bomb.push_str(&format!("b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        same(&bomb);
    }
}
