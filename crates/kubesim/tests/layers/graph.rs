//! The module graph of a crate, read from its source text (for the layer tests of kubesim
//! and of the app): which file names which, through `use` lines (grouped forms expanded),
//! inline `crate::`/`super::`/`self::` paths and a `mod.rs`'s children named inline; what the
//! root file re-exports is followed to its definition; comments and a file's `#[cfg(test)]`
//! module are ignored.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;


/// Every `.rs` file under `src`, relative to it, with `/` separators.
pub fn files(src: &Path) -> Vec<String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
        for e in fs::read_dir(dir).expect("src is readable") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, base, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(base).expect("under src").to_string_lossy().replace('\\', "/");
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    walk(src, src, &mut out);
    out.sort();
    out
}

/// The source without comments, and without the `#[cfg(test)]` module at the top level.
pub fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut in_block = 0usize;
    for line in text.lines() {
        if line.starts_with("#[cfg(test)]") {
            break;
        }
        let mut l = String::new();
        let b = line.as_bytes();
        let mut i = 0;
        let mut in_str = false;
        while i < b.len() {
            if in_block > 0 {
                if b[i..].starts_with(b"*/") {
                    in_block -= 1;
                    i += 2;
                } else {
                    i += 1;
                }
                continue;
            }
            if !in_str && b[i..].starts_with(b"//") {
                break;
            }
            if !in_str && b[i..].starts_with(b"/*") {
                in_block += 1;
                i += 2;
                continue;
            }
            if b[i] == b'"' && (i == 0 || b[i - 1] != b'\\') && !(i > 0 && b[i - 1] == b'\'' && b.get(i + 1) == Some(&b'\'')) {
                in_str = !in_str;
            }
            l.push(b[i] as char);
            i += 1;
        }
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// Expands a use tree (`a::{b, c::{d, e}}`, `a::*`, `a as b`) into its paths.
pub fn expand(tree: &str) -> Vec<Vec<String>> {
    fn split_top(s: &str) -> Vec<&str> {
        let mut parts = Vec::new();
        let (mut depth, mut start) = (0, 0);
        for (i, ch) in s.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(&s[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(&s[start..]);
        parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
    }
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    if let Some(open) = tree.find('{') {
        let prefix: Vec<String> =
            tree[..open].trim_end_matches("::").split("::").filter(|s| !s.is_empty()).map(String::from).collect();
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        for part in split_top(inner) {
            for tail in expand(part) {
                let mut p = prefix.clone();
                p.extend(tail.into_iter().filter(|s| s != "self"));
                out.push(p);
            }
        }
    } else {
        let t = tree.split(" as ").next().unwrap_or(&tree).split("as").next().unwrap_or(&tree);
        out.push(t.split("::").filter(|s| !s.is_empty() && *s != "*").map(String::from).collect());
    }
    out
}

/// The file a module path names: the longest prefix that is a file of the tree (never the
/// crate's root file).
fn file_of(segments: &[String], known: &BTreeSet<String>, root: &str) -> Option<String> {
    for k in (1..=segments.len()).rev() {
        let p = segments[..k].join("/");
        for cand in [format!("{p}.rs"), format!("{p}/mod.rs")] {
            if known.contains(&cand) && cand != root {
                return Some(cand);
            }
        }
    }
    None
}

/// The module path of a file (`kubectl/mod.rs` → `["kubectl"]`).
fn module_of(file: &str) -> Vec<String> {
    let f = file.trim_end_matches(".rs");
    let f = f.strip_suffix("/mod").unwrap_or(f);
    f.split('/').map(String::from).collect()
}

/// What `lib.rs` re-exports: a name at the crate root → the path it stands for.
fn root_aliases(lib: &str) -> BTreeMap<String, Vec<String>> {
    let code = code_of(lib);
    let mut aliases = BTreeMap::new();
    for stmt in code.split(';') {
        let s = stmt.trim();
        // `pub mod yaml { pub use crate::x::{...}` : the inline module stands for its source.
        if let Some(rest) = s.strip_prefix("pub mod ").or_else(|| s.strip_prefix("mod ")) {
            if let Some((name, body)) = rest.split_once('{') {
                if let Some(u) = body.trim().strip_prefix("pub use crate::") {
                    for p in expand(u) {
                        let mut p = p;
                        p.pop();
                        aliases.insert(name.trim().to_string(), p);
                    }
                }
                continue;
            }
        }
        let s = s.trim_start_matches('}').trim();
        if let Some(u) = s.strip_prefix("pub use ") {
            let u = u.trim_start_matches("crate::");
            for p in expand(u) {
                if let Some(last) = p.last() {
                    aliases.insert(last.clone(), p.clone());
                }
            }
        }
    }
    aliases
}

fn resolve(mut path: Vec<String>, aliases: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    for _ in 0..8 {
        match path.first().and_then(|f| aliases.get(f)) {
            Some(target) if target.len() > 1 || target.first() != path.first() => {
                let mut p = target.clone();
                p.extend(path.drain(1..));
                path = p;
            }
            _ => break,
        }
    }
    path
}

/// The dependency graph of the crate whose sources are in `src` and whose root file is
/// `root` (`lib.rs`, `main.rs`): file → files it names. The root file is left out (what it
/// re-exports is followed to where it is defined), and so is `bin/`, crates of their own.
pub fn graph(src: &Path, root: &str) -> BTreeMap<String, BTreeSet<String>> {
    let all: Vec<String> = files(src).into_iter().filter(|f| !f.starts_with("bin/")).collect();
    let known: BTreeSet<String> = all.iter().cloned().collect();
    let aliases = root_aliases(&fs::read_to_string(src.join(root)).expect("the crate's root file"));
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in all.iter().filter(|f| *f != root) {
        let code = code_of(&fs::read_to_string(src.join(f)).expect("readable"));
        let here = module_of(f);
        let is_mod = f.ends_with("mod.rs");
        // The module `super::` names, and `self::`.
        let parent: Vec<String> = here[..here.len().saturating_sub(1)].to_vec();
        let mut paths: Vec<Vec<String>> = Vec::new();
        // `use` statements, possibly over several lines and grouped.
        // A statement ends at `;`: its `use` is the last line of the chunk that begins with
        // one, and runs to the chunk's end (over several lines when grouped).
        for stmt in code.split(';') {
            let mut at = None;
            let mut offset = 0;
            for line in stmt.split_inclusive('\n') {
                let t = line.trim_start();
                let vis = ["pub(crate) ", "pub(super) ", "pub ", ""].into_iter().find(|v| t.strip_prefix(v).is_some_and(|r| r.starts_with("use ")));
                if let Some(v) = vis {
                    at = Some(offset + (line.len() - t.len()) + v.len() + "use ".len());
                }
                offset += line.len();
            }
            let Some(at) = at else { continue };
            let whole = &stmt[at..];
            if whole.contains('"') {
                continue;
            }
            paths.extend(expand(whole));
        }
        // Inline paths: `crate::a::b`, `super::a`, `self::a`, and a mod.rs's children.
        let children: Vec<String> = if is_mod {
            known
                .iter()
                .filter(|k| {
                    let m = module_of(k);
                    m.len() == here.len() + 1 && m[..here.len()] == here[..]
                })
                .map(|k| module_of(k).last().unwrap().clone())
                .collect()
        } else {
            vec![]
        };
        let bytes = code.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b':');
            if boundary && (bytes[i].is_ascii_lowercase()) {
                let mut j = i;
                while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] == b':') {
                    j += 1;
                }
                let word = &code[i..j];
                if word.contains("::") {
                    let segs: Vec<String> = word.split("::").filter(|s| !s.is_empty()).map(String::from).collect();
                    let first = segs[0].as_str();
                    if first == "crate" || first == "super" || first == "self" || children.iter().any(|c| c == first) {
                        paths.push(segs);
                    }
                }
                i = j.max(i + 1);
            } else {
                i += 1;
            }
        }
        let mut deps = BTreeSet::new();
        for p in paths {
            let Some(first) = p.first().cloned() else { continue };
            let abs: Vec<String> = match first.as_str() {
                "crate" => resolve(p[1..].to_vec(), &aliases),
                "super" => {
                    // `super` of a mod.rs is the folder's parent; of a file, its folder.
                    let mut base = if is_mod { parent.clone() } else { here[..here.len() - 1].to_vec() };
                    let mut rest = &p[1..];
                    while rest.first().is_some_and(|s| s == "super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                    base.extend(rest.iter().cloned());
                    if base.is_empty() {
                        continue;
                    }
                    resolve(base, &aliases)
                }
                "self" => {
                    let mut base = here.clone();
                    base.extend(p[1..].iter().cloned());
                    base
                }
                c if children.iter().any(|x| x == c) => {
                    let mut base = here.clone();
                    base.extend(p.iter().cloned());
                    base
                }
                _ => continue,
            };
            if let Some(target) = file_of(&abs, &known, root) {
                if &target != f {
                    deps.insert(target);
                }
            }
        }
        g.insert(f.clone(), deps);
    }
    g
}

/// Strongly connected components (Tarjan), each sorted; singletons left out.
pub fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        t.index.insert(v, t.next);
        t.low.insert(v, t.next);
        t.next += 1;
        t.stack.push(v);
        t.on.insert(v);
        for w in t.g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low[v];
                t.low.insert(v, lv.min(lw));
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low[v];
                t.low.insert(v, lv.min(iw));
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            loop {
                let w = t.stack.pop().expect("on stack");
                t.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T { g, index: BTreeMap::new(), low: BTreeMap::new(), stack: vec![], on: BTreeSet::new(), next: 0, out: vec![] };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

/// One cycle of the component that leaves a unit (`unit`: a file's folder), as a path of
/// files (for the message).
pub fn example_cycle(g: &BTreeMap<String, BTreeSet<String>>, comp: &[String], unit: impl Fn(&str) -> String) -> Vec<String> {
    let inside: BTreeSet<&str> = comp.iter().map(String::as_str).collect();
    for a in comp {
        for b in g[a].iter().filter(|b| inside.contains(b.as_str()) && unit(b) != unit(a)) {
            // The shortest path b → … → a inside the component closes the cycle a → b → … → a.
            let mut prev: BTreeMap<&str, &str> = BTreeMap::new();
            let mut queue = std::collections::VecDeque::from([b.as_str()]);
            let mut seen: BTreeSet<&str> = BTreeSet::from([b.as_str()]);
            while let Some(x) = queue.pop_front() {
                if x == a {
                    let mut back = vec![a.clone()];
                    let mut y = a.as_str();
                    while y != b {
                        y = prev[y];
                        back.push(y.to_string());
                    }
                    back.push(a.clone());
                    back.reverse();
                    return back;
                }
                for n in g[x].iter().filter(|n| inside.contains(n.as_str())) {
                    if seen.insert(n) {
                        prev.insert(n, x);
                        queue.push_back(n);
                    }
                }
            }
        }
    }
    comp.to_vec()
}
