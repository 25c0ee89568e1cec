//! Commands on files: cat, ls, mkdir, rm, touch, and `test`'s expressions. Each says its
//! errors in its userland's words: busybox `cat: can't open 'x': …`, GNU `cat: x: …`.

use super::builtins::Call;
use super::opts::opts;
use super::host::{DirEntry, FileKind, FsError};
use super::interp::Res;
use super::text::strftime;

pub(super) fn cat(c: &mut Call) -> Res {
    let o = match opts(c, "nuA", "", &[("number", 'n')], 1) {
        Ok(o) => o,
        Err(s) => return Ok(s),
    };
    let mut names = o.operands.clone();
    if names.is_empty() {
        names.push("-".into());
    }
    let mut status = 0;
    let mut line_no = 0usize;
    for n in &names {
        match c.read_input(n) {
            Ok(text) => {
                if o.has('n') {
                    let mut s = String::new();
                    for l in text.split_inclusive('\n') {
                        line_no += 1;
                        s.push_str(&format!("{line_no:>6}\t{l}"));
                    }
                    c.print(&s);
                } else {
                    c.print(&text);
                }
            }
            Err(e) => {
                let msg = match (c.busybox(), e) {
                    (true, FsError::IsADirectory) => "read error: Is a directory".to_string(),
                    (true, e) => format!("can't open '{n}': {}", e.text()),
                    (false, e) => format!("{n}: {}", e.text()),
                };
                c.fail(&msg);
                status = 1;
            }
        }
    }
    Ok(status)
}

/// `Dec  4 21:30`: the simulated clock's time stands for every file's (the host keeps none).
fn stamp(c: &Call) -> String {
    strftime("%b %e %H:%M", c.ctx.host.unix_seconds())
}

fn long_line(c: &Call, e: &DirEntry, name: &str, widths: (usize, usize)) -> String {
    let (mode, links, size) = match e.kind {
        FileKind::Dir => ("drwxr-xr-x", 2, 4096),
        FileKind::File => ("-rw-r--r--", 1, e.size),
    };
    if c.busybox() {
        format!("{mode} {links:>4} root     root     {size:>9} {} {name}\n", stamp(c))
    } else {
        format!("{mode} {links:>lw$} root root {size:>sw$} {} {name}\n", stamp(c), lw = widths.0, sw = widths.1)
    }
}

fn lines_of(c: &Call, entries: &[(DirEntry, String)], long: bool) -> String {
    let lw = 1;
    let sw = entries.iter().map(|(e, _)| if e.kind == FileKind::Dir { 4096 } else { e.size }.to_string().len()).max().unwrap_or(1);
    entries.iter().map(|(e, n)| if long { long_line(c, e, n, (lw, sw)) } else { format!("{n}\n") }).collect()
}

pub(super) fn ls(c: &mut Call) -> Res {
    let bad = if c.busybox() { 1 } else { 2 };
    let o = match opts(c, "laA1dr", "", &[("all", 'a'), ("almost-all", 'A'), ("directory", 'd'), ("reverse", 'r')], bad) {
        Ok(o) => o,
        Err(s) => return Ok(s),
    };
    let (long, all, almost, dir_itself) = (o.has('l'), o.has('a'), o.has('A'), o.has('d'));
    let mut ops = o.operands.clone();
    if ops.is_empty() {
        ops.push(".".into());
    }
    ops.sort();
    let mut status = 0;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for op in &ops {
        let p = c.abs(op);
        match c.ctx.host.kind(&p) {
            None => {
                let msg = if c.busybox() { format!("{op}: No such file or directory") } else { format!("cannot access '{op}': No such file or directory") };
                c.fail(&msg);
                status = bad;
            }
            Some(FileKind::Dir) if !dir_itself => dirs.push((op.clone(), p)),
            Some(kind) => {
                let size = if kind == FileKind::File { c.ctx.host.read(&p).map(|s| s.len()).unwrap_or(0) } else { 0 };
                files.push((DirEntry { name: op.clone(), kind, size }, op.clone()));
            }
        }
    }
    if o.has('r') {
        files.reverse();
        dirs.reverse();
    }
    let mut s = lines_of(c, &files, long);
    let headers = ops.len() > 1;
    for (i, (op, p)) in dirs.iter().enumerate() {
        let mut entries = match c.ctx.host.list(p) {
            Ok(v) => v,
            Err(e) => {
                let msg = if c.busybox() { format!("{op}: {}", e.text()) } else { format!("cannot open directory '{op}': {}", e.text()) };
                c.fail(&msg);
                status = bad;
                continue;
            }
        };
        entries.retain(|e| all || almost || !e.name.starts_with('.'));
        let mut named: Vec<(DirEntry, String)> = Vec::new();
        if all {
            for dot in [".", ".."] {
                named.push((DirEntry { name: dot.into(), kind: FileKind::Dir, size: 0 }, dot.into()));
            }
        }
        named.extend(entries.into_iter().map(|e| {
            let n = e.name.clone();
            (e, n)
        }));
        if o.has('r') {
            named.reverse();
        }
        if headers {
            if i > 0 || !files.is_empty() {
                s.push('\n');
            }
            s.push_str(&format!("{op}:\n"));
        }
        if long {
            let blocks: usize = named.iter().filter(|(_, n)| n != "." && n != "..").map(|(e, _)| if e.kind == FileKind::Dir { 4 } else { e.size.div_ceil(4096) * 4 }).sum();
            s.push_str(&format!("total {blocks}\n"));
        }
        s.push_str(&lines_of(c, &named, long));
    }
    c.print(&s);
    Ok(status)
}

pub(super) fn mkdir(c: &mut Call) -> Res {
    let o = match opts(c, "pv", "m", &[("parents", 'p'), ("mode", 'm'), ("verbose", 'v')], 1) {
        Ok(o) => o,
        Err(s) => return Ok(s),
    };
    if o.operands.is_empty() {
        return c.missing_operand("mkdir [-m MODE] [-p] DIRECTORY...", "missing operand");
    }
    let mut status = 0;
    for op in &o.operands {
        let p = c.abs(op);
        let r = if o.has('p') { mkdir_parents(c, &p) } else { mkdir_one(c, &p) };
        if let Err(e) = r {
            let msg = if c.busybox() { format!("can't create directory '{op}': {}", e.text()) } else { format!("cannot create directory '{op}': {}", e.text()) };
            c.fail(&msg);
            status = 1;
        } else if o.has('v') {
            c.print(&format!("mkdir: created directory '{op}'\n"));
        }
    }
    Ok(status)
}

fn mkdir_one(c: &mut Call, p: &str) -> Result<(), FsError> {
    if c.ctx.host.kind(p).is_some() {
        return Err(FsError::Exists);
    }
    c.ctx.host.mkdir(p)
}

fn mkdir_parents(c: &mut Call, p: &str) -> Result<(), FsError> {
    let mut cur = String::new();
    for seg in p.split('/').filter(|s| !s.is_empty()) {
        cur.push('/');
        cur.push_str(seg);
        match c.ctx.host.kind(&cur) {
            Some(FileKind::Dir) => {}
            Some(FileKind::File) => return Err(if cur == p { FsError::Exists } else { FsError::NotADirectory }),
            None => c.ctx.host.mkdir(&cur)?,
        }
    }
    Ok(())
}

pub(super) fn rm(c: &mut Call) -> Res {
    let o = match opts(c, "rRfv", "", &[("recursive", 'r'), ("force", 'f'), ("verbose", 'v')], 1) {
        Ok(o) => o,
        Err(s) => return Ok(s),
    };
    let (rec, force) = (o.has('r') || o.has('R'), o.has('f'));
    if o.operands.is_empty() {
        if force {
            return Ok(0);
        }
        return c.missing_operand("rm [-irf] FILE...", "missing operand");
    }
    let mut status = 0;
    for op in &o.operands {
        let p = c.abs(op);
        let last = op.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        if last == "." || last == ".." {
            let msg = if c.busybox() { "can't remove '.' or '..'".to_string() } else { format!("refusing to remove '.' or '..' directory: skipping '{op}'") };
            c.fail(&msg);
            status = 1;
            continue;
        }
        if p == "/" && rec && !c.busybox() {
            c.fail("it is dangerous to operate recursively on '/'");
            c.fail("use --no-preserve-root to override this failsafe");
            status = 1;
            continue;
        }
        let why = match c.ctx.host.kind(&p) {
            None if force => continue,
            None => Err(FsError::NotFound),
            Some(FileKind::Dir) if !rec => {
                let msg = if c.busybox() { format!("'{op}' is a directory") } else { format!("cannot remove '{op}': Is a directory") };
                c.fail(&msg);
                status = 1;
                continue;
            }
            Some(_) => c.ctx.host.remove(&p, rec),
        };
        match why {
            Err(e) => {
                let msg = if c.busybox() { format!("can't remove '{op}': {}", e.text()) } else { format!("cannot remove '{op}': {}", e.text()) };
                c.fail(&msg);
                status = 1;
            }
            Ok(()) if o.has('v') => c.print(&format!("removed '{op}'\n")),
            Ok(()) => {}
        }
    }
    Ok(status)
}

pub(super) fn touch(c: &mut Call) -> Res {
    let o = match opts(c, "ca", "", &[("no-create", 'c')], 1) {
        Ok(o) => o,
        Err(s) => return Ok(s),
    };
    if o.operands.is_empty() {
        return c.missing_operand("touch [-c] FILE...", "missing file operand");
    }
    let mut status = 0;
    for op in &o.operands {
        let p = c.abs(op);
        if c.ctx.host.kind(&p).is_some() || o.has('c') {
            continue;
        }
        if let Err(e) = c.ctx.host.write(&p, "", true) {
            let msg = if c.busybox() { format!("{op}: {}", e.text()) } else { format!("cannot touch '{op}': {}", e.text()) };
            c.fail(&msg);
            status = 1;
        }
    }
    Ok(status)
}

/// `test`/`[` expressions: `! E`, `E -a E`, `E -o E`, `( E )`, unary file and string tests,
/// string and integer comparisons. Err: the message (after `NAME: `).
pub(super) fn test_expr(c: &mut Call, args: &[String]) -> Result<bool, String> {
    let mut t = Test { args, i: 0 };
    if args.is_empty() {
        return Ok(false);
    }
    let v = t.or(c)?;
    match args.get(t.i) {
        None => Ok(v),
        Some(extra) => Err(if c.busybox() { format!("{extra}: unknown operand") } else { format!("{extra}: unexpected operator") }),
    }
}

struct Test<'a> {
    args: &'a [String],
    i: usize,
}

const UNARY: &[&str] = &["-e", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h", "-z", "-n", "-t"];
const BINARY: &[&str] = &["=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "<", ">"];

impl Test<'_> {
    fn at(&self, k: usize) -> Option<&str> {
        self.args.get(self.i + k).map(String::as_str)
    }
    fn or(&mut self, c: &mut Call) -> Result<bool, String> {
        let mut v = self.and(c)?;
        while self.at(0) == Some("-o") && self.at(1).is_some() {
            self.i += 1;
            let r = self.and(c)?;
            v = v || r;
        }
        Ok(v)
    }
    fn and(&mut self, c: &mut Call) -> Result<bool, String> {
        let mut v = self.not(c)?;
        while self.at(0) == Some("-a") && self.at(1).is_some() {
            self.i += 1;
            let r = self.not(c)?;
            v = v && r;
        }
        Ok(v)
    }
    fn not(&mut self, c: &mut Call) -> Result<bool, String> {
        if self.at(0) == Some("!") && self.at(1).is_some() {
            self.i += 1;
            return Ok(!self.not(c)?);
        }
        self.primary(c)
    }
    fn primary(&mut self, c: &mut Call) -> Result<bool, String> {
        let Some(a) = self.at(0).map(str::to_string) else {
            return Err("argument expected".into());
        };
        if a == "(" && self.at(1).is_some() && !self.at(1).is_some_and(|b| BINARY.contains(&b)) {
            self.i += 1;
            let v = self.or(c)?;
            if self.at(0) != Some(")") {
                return Err(if c.busybox() { "missing )".into() } else { "closing paren expected".into() });
            }
            self.i += 1;
            return Ok(v);
        }
        if let (Some(op), Some(b)) = (self.at(1).map(str::to_string), self.at(2).map(str::to_string)) {
            if BINARY.contains(&op.as_str()) {
                self.i += 3;
                return compare(c, &a, &op, &b);
            }
        }
        if UNARY.contains(&a.as_str()) {
            if let Some(b) = self.at(1).map(str::to_string) {
                self.i += 2;
                return Ok(unary(c, &a, &b));
            }
        }
        self.i += 1;
        Ok(!a.is_empty())
    }
}

fn number(c: &Call, s: &str) -> Result<i64, String> {
    s.trim().parse::<i64>().map_err(|_| if c.busybox() { format!("{s}: bad number") } else { format!("Illegal number: {s}") })
}

fn compare(c: &Call, a: &str, op: &str, b: &str) -> Result<bool, String> {
    Ok(match op {
        "=" | "==" => a == b,
        "!=" => a != b,
        "<" => a < b,
        ">" => a > b,
        _ => {
            let (x, y) = (number(c, a)?, number(c, b)?);
            match op {
                "-eq" => x == y,
                "-ne" => x != y,
                "-lt" => x < y,
                "-le" => x <= y,
                "-gt" => x > y,
                _ => x >= y,
            }
        }
    })
}

fn unary(c: &mut Call, op: &str, arg: &str) -> bool {
    let p = c.abs(arg);
    let kind = if matches!(op, "-z" | "-n" | "-t") { None } else { c.ctx.host.kind(&p) };
    match op {
        "-z" => arg.is_empty(),
        "-n" => !arg.is_empty(),
        "-t" | "-L" | "-h" => false,
        "-f" => kind == Some(FileKind::File),
        "-d" => kind == Some(FileKind::Dir),
        "-s" => match kind {
            Some(FileKind::File) => c.ctx.host.read(&p).is_ok_and(|s| !s.is_empty()),
            Some(FileKind::Dir) => true,
            None => false,
        },
        _ => kind.is_some(),
    }
}
