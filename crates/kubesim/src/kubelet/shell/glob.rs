//! Pathname expansion: an unquoted `*`, `?` or `[…]` in a word matches the names of the
//! container's files (sorted, dot files only for a pattern that starts with `.`); a pattern
//! that matches nothing stays as typed, as POSIX shells leave it.

use super::builtins::abs_path;
use super::host::{FileKind, Host};

/// Whether a literal piece of a word holds a pattern character.
pub(super) fn has_pattern(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// `fnmatch` for one path component: `*`, `?`, `[abc]`, `[a-z]`, `[!x]`.
fn matches(pat: &[char], name: &[char]) -> bool {
    match pat.first() {
        None => name.is_empty(),
        Some('*') => (0..=name.len()).any(|i| matches(&pat[1..], &name[i..])),
        Some('?') => !name.is_empty() && matches(&pat[1..], &name[1..]),
        Some('[') => {
            let Some(end) = pat.iter().skip(1).position(|c| *c == ']').map(|i| i + 1).filter(|e| *e > 1) else {
                return name.first() == Some(&'[') && matches(&pat[1..], &name[1..]);
            };
            let Some(c) = name.first() else { return false };
            let set = &pat[1..end];
            let (negate, set) = match set.first() {
                Some('!' | '^') => (true, &set[1..]),
                _ => (false, set),
            };
            let mut hit = false;
            let mut i = 0;
            while i < set.len() {
                if i + 2 < set.len() && set[i + 1] == '-' {
                    hit |= set[i] <= *c && *c <= set[i + 2];
                    i += 3;
                } else {
                    hit |= set[i] == *c;
                    i += 1;
                }
            }
            hit != negate && matches(&pat[end + 1..], &name[1..])
        }
        Some(p) => name.first() == Some(p) && matches(&pat[1..], &name[1..]),
    }
}

/// The paths `pattern` names, relative to `cwd` when it is relative.
pub(super) fn expand(host: &dyn Host, cwd: &str, pattern: &str) -> Vec<String> {
    let absolute = pattern.starts_with('/');
    // (as shown, as the host knows it)
    let mut found: Vec<(String, String)> = vec![(if absolute { "/".into() } else { String::new() }, if absolute { "/".into() } else { cwd.to_string() })];
    let parts: Vec<&str> = pattern.split('/').filter(|p| !p.is_empty()).collect();
    for (n, part) in parts.iter().enumerate() {
        let last = n + 1 == parts.len();
        let join = |shown: &str, name: &str| if shown.is_empty() || shown.ends_with('/') { format!("{shown}{name}") } else { format!("{shown}/{name}") };
        let mut next = Vec::new();
        for (shown, real) in &found {
            if !has_pattern(part) {
                next.push((join(shown, part), abs_path(real, part)));
                continue;
            }
            let pat: Vec<char> = part.chars().collect();
            let Ok(entries) = host.list(real) else { continue };
            for e in entries {
                if e.name.starts_with('.') && !part.starts_with('.') {
                    continue;
                }
                if !last && e.kind != FileKind::Dir {
                    continue;
                }
                let name: Vec<char> = e.name.chars().collect();
                if matches(&pat, &name) {
                    next.push((join(shown, &e.name), abs_path(real, &e.name)));
                }
            }
        }
        found = next;
        if found.len() > 10_000 {
            break;
        }
    }
    let mut out: Vec<String> = found.into_iter().filter(|(_, real)| host.kind(real).is_some()).map(|(shown, _)| shown).collect();
    out.sort();
    if out.is_empty() {
        vec![pattern.to_string()]
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    fn m(p: &str, n: &str) -> bool {
        matches(&p.chars().collect::<Vec<_>>(), &n.chars().collect::<Vec<_>>())
    }

    #[test]
    fn patterns_match_as_fnmatch() {
        assert!(m("*.log", "app.log"));
        assert!(!m("*.log", "app.txt"));
        assert!(m("web-?", "web-0"));
        assert!(m("[ab]*", "beta"));
        assert!(m("[!a]*", "beta"));
        assert!(!m("[!b]*", "beta"));
        assert!(m("x[0-9]", "x7"));
        assert!(m("[", "["));
        assert!(m("*", ""));
    }
}
