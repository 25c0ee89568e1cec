//! `grep`: basic and extended patterns (`regex`), fixed strings, and the options students
//! use (`-i -v -c -n -q -l -h -H -s -r -e -E -F`).

use super::builtins::Call;
use super::opts::opts;
use super::host::FileKind;
use super::interp::Res;
use super::regex::Regex;

/// Matching steps one grep may take (a costly pattern over a large input stops).
const BUDGET: u64 = 50_000_000;
/// Files `grep -r` reads at most.
const MAX_WALK: usize = 10_000;

enum Pattern {
    Fixed(String),
    Re(Regex),
}

pub(super) fn grep(c: &mut Call) -> Res {
    let long = [
        ("ignore-case", 'i'),
        ("invert-match", 'v'),
        ("count", 'c'),
        ("line-number", 'n'),
        ("quiet", 'q'),
        ("silent", 'q'),
        ("extended-regexp", 'E'),
        ("fixed-strings", 'F'),
        ("files-with-matches", 'l'),
        ("no-filename", 'h'),
        ("with-filename", 'H'),
        ("no-messages", 's'),
        ("recursive", 'r'),
        ("regexp", 'e'),
    ];
    let o = match opts(c, "ivcnqEFlhHsrR", "e", &long, 2) {
        Ok(o) => o,
        Err(s) => return Ok(s),
    };
    let mut operands = o.operands.clone();
    let mut texts: Vec<String> = o.flags.iter().filter(|(f, _)| *f == 'e').map(|(_, v)| v.clone()).collect();
    if texts.is_empty() {
        if operands.is_empty() {
            if c.busybox() {
                c.err.push("Usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n");
            } else {
                c.err.push("Usage: grep [OPTION]... PATTERNS [FILE]...\n");
                c.try_help();
            }
            return Ok(2);
        }
        texts.push(operands.remove(0));
    }
    let icase = o.has('i');
    let mut pats = Vec::new();
    for t in texts.iter().flat_map(|t| t.split('\n')) {
        if o.has('F') {
            pats.push(Pattern::Fixed(if icase { t.to_lowercase() } else { t.to_string() }));
            continue;
        }
        match Regex::new(t, o.has('E'), icase) {
            Ok(r) => pats.push(Pattern::Re(r)),
            Err(e) => {
                let msg = if c.busybox() { format!("bad regex '{t}': {}", e.text()) } else { e.text().to_string() };
                c.fail(&msg);
                return Ok(2);
            }
        }
    }
    let recursive = o.has('r') || o.has('R');
    if operands.is_empty() {
        operands.push(if recursive { ".".into() } else { "-".into() });
    }
    let mut files = Vec::new();
    let mut error = false;
    for op in &operands {
        let p = c.abs(op);
        if recursive && op != "-" && c.ctx.host.kind(&p) == Some(FileKind::Dir) {
            walk(c, op, &p, &mut files, 0);
        } else {
            files.push(op.clone());
        }
    }
    let names = (files.len() > 1 || recursive) && !o.has('h') || o.has('H');
    let mut budget = BUDGET;
    let mut selected_any = false;
    for f in &files {
        let text = match c.read_input(f) {
            Ok(t) => t,
            Err(e) => {
                if !o.has('s') {
                    c.fail(&format!("{f}: {}", e.text()));
                }
                error = true;
                continue;
            }
        };
        let shown = if f == "-" { "(standard input)".to_string() } else { f.clone() };
        let mut count = 0usize;
        let mut s = String::new();
        for (i, line) in text.split_terminator('\n').enumerate() {
            let mut hit = false;
            for p in &pats {
                let m = match p {
                    Pattern::Fixed(t) if icase => Some(line.to_lowercase().contains(t.as_str())),
                    Pattern::Fixed(t) => Some(line.contains(t.as_str())),
                    Pattern::Re(r) => r.is_match(line, &mut budget),
                };
                match m {
                    Some(true) => {
                        hit = true;
                        break;
                    }
                    Some(false) => {}
                    None => {
                        c.print(&s);
                        c.fail("pattern too costly for this simulated shell");
                        return Ok(2);
                    }
                }
            }
            if hit == o.has('v') {
                continue;
            }
            count += 1;
            selected_any = true;
            if o.has('q') {
                return Ok(0);
            }
            if o.has('l') {
                break;
            }
            if !o.has('c') {
                if names {
                    s.push_str(&shown);
                    s.push(':');
                }
                if o.has('n') {
                    s.push_str(&format!("{}:", i + 1));
                }
                s.push_str(line);
                s.push('\n');
            }
        }
        if o.has('l') {
            if count > 0 {
                s.push_str(&format!("{shown}\n"));
            }
        } else if o.has('c') {
            if names {
                s.push_str(&format!("{shown}:"));
            }
            s.push_str(&format!("{count}\n"));
        }
        c.print(&s);
    }
    Ok(if error && !(o.has('q') && selected_any) {
        2
    } else if selected_any {
        0
    } else {
        1
    })
}

/// The files under a directory, depth first, by name (`grep -r`).
fn walk(c: &mut Call, shown: &str, path: &str, files: &mut Vec<String>, depth: u32) {
    if depth > 32 || files.len() >= MAX_WALK {
        return;
    }
    let Ok(entries) = c.ctx.host.list(path) else { return };
    for e in entries {
        let sub_shown = format!("{}/{}", shown.trim_end_matches('/'), e.name);
        let sub = format!("{}/{}", path.trim_end_matches('/'), e.name);
        match e.kind {
            FileKind::Dir => walk(c, &sub_shown, &sub, files, depth + 1),
            FileKind::File if files.len() < MAX_WALK => files.push(sub_shown),
            FileKind::File => return,
        }
    }
}
