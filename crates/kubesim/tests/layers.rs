//! The crate's layers, checked from its source text.
//!
//! The graph: every file of `src/` (except `lib.rs`, the facade, and `bin/`, a crate of its
//! own) is a node; an edge `a → b` means `a` names a module path that lives in `b`:
//! `use crate::…` lines (grouped `use crate::{a::X, b::{Y}}` forms expanded), `crate::x::y`
//! paths written inline in code, `super::…` and `self::…` paths, and in a folder's `mod.rs`
//! its child modules named inline (`program::run`). Names that `lib.rs` re-exports
//! (`crate::Cluster`, `crate::why`) are followed to the file that defines them. Comments are
//! ignored, and so is a file's `#[cfg(test)]` module: unit tests may look at any layer.
//! Inherent methods called on `State` name no path, so they make no edge: the rules below
//! are about what a file imports.
//!
//! A file's folder is the first directory under `src/`; a file at the top, if any, is a
//! folder of its own (there is none but `lib.rs` today).
//!
//! - **No import cycle across folders**: cycles inside one folder are allowed (the files of
//!   a folder are one layer); a cycle through files of two folders fails.
//! - **Layers only look down** (`LAYERS`, lowest first).
//! - **Controllers never import each other**; what they share is in `controllers/common.rs`
//!   (and `controllers/volume_binding.rs`, the claim binding rules the PV controller and the
//!   scheduler share).
//! - **No file over 700 lines** in `src/`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 700;

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, relative to it, with `/` separators.
fn files() -> Vec<String> {
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
    walk(&src_dir(), &src_dir(), &mut out);
    out.sort();
    out
}

/// The source without comments, and without the `#[cfg(test)]` module at the top level.
fn code_of(text: &str) -> String {
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
fn expand(tree: &str) -> Vec<Vec<String>> {
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

/// The file a module path names: the longest prefix that is a file of `src/`.
fn file_of(segments: &[String], known: &BTreeSet<String>) -> Option<String> {
    for k in (1..=segments.len()).rev() {
        let p = segments[..k].join("/");
        for cand in [format!("{p}.rs"), format!("{p}/mod.rs")] {
            if known.contains(&cand) && cand != "lib.rs" {
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

/// The dependency graph: file → files it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let all: Vec<String> = files().into_iter().filter(|f| !f.starts_with("bin/")).collect();
    let known: BTreeSet<String> = all.iter().cloned().collect();
    let aliases = root_aliases(&fs::read_to_string(src_dir().join("lib.rs")).expect("lib.rs"));
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in all.iter().filter(|f| *f != "lib.rs") {
        let code = code_of(&fs::read_to_string(src_dir().join(f)).expect("readable"));
        let here = module_of(f);
        let is_mod = f.ends_with("mod.rs");
        // The module `super::` names, and `self::`.
        let parent: Vec<String> = here[..here.len().saturating_sub(1)].to_vec();
        let mut paths: Vec<Vec<String>> = Vec::new();
        // `use` statements, possibly over several lines and grouped.
        for stmt in code.split(';') {
            let s = stmt.trim();
            let s = s.rsplit_once('\n').map(|(_, b)| b).unwrap_or(s);
            let s = s.trim().trim_start_matches("pub(crate) ").trim_start_matches("pub ");
            let Some(u) = s.strip_prefix("use ") else { continue };
            let whole = &stmt[stmt.find("use ").unwrap() + 4..];
            let _ = u;
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
            if let Some(target) = file_of(&abs, &known) {
                if &target != f {
                    deps.insert(target);
                }
            }
        }
        g.insert(f.clone(), deps);
    }
    g
}

/// A file's folder: the first directory under `src/`, or the file itself at the top.
fn folder(file: &str) -> &str {
    file.split_once('/').map(|(d, _)| d).unwrap_or(file)
}

/// Strongly connected components (Tarjan), each sorted; singletons left out.
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
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

/// One cycle of the component that leaves a folder, as a path of files (for the message).
fn example_cycle(g: &BTreeMap<String, BTreeSet<String>>, comp: &[String]) -> Vec<String> {
    let inside: BTreeSet<&str> = comp.iter().map(String::as_str).collect();
    for a in comp {
        for b in g[a].iter().filter(|b| inside.contains(b.as_str()) && folder(b) != folder(a)) {
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

#[test]
fn no_import_cycle_crosses_folders() {
    let g = graph();
    assert!(g.len() > 30, "suspiciously few files: {:?}", g.keys().collect::<Vec<_>>());
    let mut bad = Vec::new();
    for comp in cycles(&g) {
        let folders: BTreeSet<&str> = comp.iter().map(|f| folder(f)).collect();
        if folders.len() > 1 {
            bad.push(format!("{} files in {:?}, e.g. {}", comp.len(), folders, example_cycle(&g, &comp).join(" → ")));
        }
    }
    assert!(bad.is_empty(), "import cycles across folders:\n{}", bad.join("\n"));
}

#[test]
fn the_cycle_check_sees_grouped_inline_and_super_paths() {
    assert_eq!(expand("crate::{a::X, b::{Y, c::Z}}").len(), 3);
    assert_eq!(expand("crate::{a::X, b::{Y, c::Z}}")[2], ["crate", "b", "c", "Z"]);
    let g = graph();
    // `use super::{...}` in a kubectl submodule reaches kubectl/mod.rs.
    assert!(g["kubectl/info.rs"].contains("kubectl/mod.rs"));
    // `crate::api::model::*` through a use line.
    assert!(g["api/meta.rs"].contains("api/model.rs"));
    // A cycle across folders is found.
    let mut g2 = g.clone();
    g2.get_mut("api/model.rs").unwrap().insert("kubectl/mod.rs".into());
    assert!(cycles(&g2).iter().any(|c| c.iter().map(|f| folder(f)).collect::<BTreeSet<_>>().len() > 1));
}

/// The layers, lowest first: a file may name files of its own layer and of layers below.
const LAYERS: &[&str] = &[
    "api", "manifest", "runtime", "state", "apiserver", "controllers", "kubelet", "cluster", "kubectl", "view", "session",
    "journal",
];

/// Edges that still look up while issue 15 is under way (the write path telling the
/// controllers' informers of a change, from inside the API server): the list may only shrink.
const KNOWN_UPWARD: &[(&str, &str)] = &[
    // A pod written tells the endpoints controller (its address in the Services that select
    // it, updated in place) and the PV controller (claims released, attach waits).
    ("apiserver/pods.rs", "controllers/service.rs"),
    ("apiserver/pods.rs", "controllers/storage.rs"),
];

#[test]
fn layers_only_look_down() {
    let rank = |f: &str| LAYERS.iter().position(|l| *l == folder(f)).unwrap_or_else(|| panic!("{f}: its folder is not in LAYERS"));
    let g = graph();
    let mut up = Vec::new();
    for (f, deps) in &g {
        for d in deps.iter().filter(|d| rank(d) > rank(f)) {
            up.push((f.clone(), d.clone()));
        }
    }
    let new: Vec<String> =
        up.iter().filter(|(a, b)| !KNOWN_UPWARD.contains(&(a.as_str(), b.as_str()))).map(|(a, b)| format!("(\"{a}\", \"{b}\"),")).collect();
    assert!(new.is_empty(), "files that import a higher layer:\n{}", new.join("\n"));
    let gone: Vec<&(&str, &str)> = KNOWN_UPWARD.iter().filter(|(a, b)| !up.iter().any(|(x, y)| x == a && y == b)).collect();
    assert!(gone.is_empty(), "no longer upward, strike from KNOWN_UPWARD: {gone:?}");
}

/// Files of `controllers/` that are not controllers but what several of them share.
const CONTROLLER_HELPERS: &[&str] = &["controllers/common.rs", "controllers/volume_binding.rs", "controllers/mod.rs"];

#[test]
fn controllers_never_import_each_other() {
    let g = graph();
    let mut bad = Vec::new();
    for (f, deps) in g.iter().filter(|(f, _)| f.starts_with("controllers/") && !CONTROLLER_HELPERS.contains(&f.as_str())) {
        for d in deps.iter().filter(|d| d.starts_with("controllers/") && !CONTROLLER_HELPERS.contains(&d.as_str())) {
            bad.push(format!("{f} → {d}"));
        }
    }
    assert!(bad.is_empty(), "controllers import each other (share through controllers/common.rs):\n{}", bad.join("\n"));
}

#[test]
fn no_source_file_is_over_700_lines() {
    let mut long = Vec::new();
    for f in files() {
        let n = fs::read_to_string(src_dir().join(&f)).expect("readable").lines().count();
        if n > MAX_LINES {
            long.push(format!("{f}: {n} lines"));
        }
    }
    assert!(long.is_empty(), "files over {MAX_LINES} lines:\n{}", long.join("\n"));
}

#[test]
#[ignore]
fn print_graph() {
    for (f, deps) in graph() {
        println!("{f} -> {}", deps.iter().cloned().collect::<Vec<_>>().join(" "));
    }
    let g = graph();
    for comp in cycles(&g) {
        if comp.iter().map(|f| folder(f)).collect::<BTreeSet<_>>().len() > 1 {
            println!("cycle: {}", comp.join(" "));
        }
    }
}
