//! How a command name finds its code (the shell's own built-ins first, then the image's
//! programs, which the host must have), what a command gets (`Call`), option parsing
//! with each userland's wording, and the small commands: echo, printf, test, cd, pwd,
//! export, unset, exit, true, false, env, hostname, date, sleep, nslookup, sh.

use super::interp::{self, Buf, Ctx, Res, Stop};
use super::{files, grep, net, text, Shell};

/// What a command runs with.
pub(super) struct Call<'a, 'h> {
    pub sh: &'a mut Shell,
    pub ctx: &'a mut Ctx<'h>,
    /// The command's words; the first is its name as typed.
    pub args: &'a [String],
    pub stdin: &'a mut String,
    pub out: &'a mut Buf,
    pub err: &'a mut Buf,
}

impl Call<'_, '_> {
    /// The command's name without its directory (`/bin/ls` → `ls`).
    pub fn name(&self) -> String {
        let n = self.args.first().map(String::as_str).unwrap_or("sh");
        n.rsplit('/').next().unwrap_or(n).to_string()
    }
    pub fn busybox(&self) -> bool {
        !self.ctx.dash
    }
    pub fn abs(&self, p: &str) -> String {
        abs_path(&self.sh.cwd, p)
    }
    pub fn print(&mut self, s: &str) {
        self.out.push(s);
    }
    /// `NAME: MSG` on stderr.
    pub fn fail(&mut self, msg: &str) {
        let line = format!("{}: {msg}\n", self.name());
        self.err.push(&line);
    }
    pub fn take_stdin(&mut self) -> String {
        std::mem::take(self.stdin)
    }
    /// A file's text, `-` being standard input.
    pub fn read_input(&mut self, name: &str) -> Result<String, super::host::FsError> {
        match name {
            "-" => Ok(self.take_stdin()),
            "/dev/null" => Ok(String::new()),
            _ => {
                let p = self.abs(name);
                self.ctx.host.read(&p)
            }
        }
    }
    /// GNU's pointer to `--help` after a usage error.
    pub fn try_help(&mut self) {
        let line = format!("Try '{} --help' for more information.\n", self.name());
        self.err.push(&line);
    }
}

/// An absolute, normalized path: `p` against `cwd`, with `.` and `..` resolved.
pub(super) fn abs_path(cwd: &str, p: &str) -> String {
    let joined = if p.starts_with('/') { p.to_string() } else { format!("{cwd}/{p}") };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

type Fun = fn(&mut Call) -> Res;

/// The shell's own commands: they run whatever the image holds.
fn shell_builtin(name: &str) -> Option<Fun> {
    Some(match name {
        "cd" => cd,
        "pwd" => pwd,
        "export" => export,
        "unset" => unset,
        "exit" => exit,
        "echo" => echo,
        "true" | ":" => |_| Ok(0),
        "false" => |_| Ok(1),
        "test" | "[" => test,
        "printf" => printf,
        _ => return None,
    })
}

/// The programs this shell can run when the image has them.
fn program(name: &str) -> Option<Fun> {
    Some(match name {
        "echo" => echo,
        "true" => |_| Ok(0),
        "false" => |_| Ok(1),
        "test" | "[" => test,
        "printf" => printf,
        "pwd" => pwd,
        "env" => env,
        "hostname" => hostname,
        "date" => date,
        "sleep" => sleep,
        "nslookup" => nslookup,
        "sh" | "ash" | "bash" | "dash" => sh,
        "cat" => files::cat,
        "ls" => files::ls,
        "mkdir" => files::mkdir,
        "rm" => files::rm,
        "touch" => files::touch,
        "head" => text::head,
        "tail" => text::tail,
        "wc" => text::wc,
        "grep" => grep::grep,
        "wget" => net::wget,
        "curl" => net::curl,
        _ => return None,
    })
}

/// Runs one command by its words. `in_shell`: found through the shell (its not-found
/// message applies); otherwise the caller already checked the image has the program.
pub(super) fn dispatch(sh: &mut Shell, ctx: &mut Ctx, fields: &[String], stdin: &mut String, out: &mut Buf, err: &mut Buf, in_shell: bool) -> Res {
    let Some(name) = fields.first() else { return Ok(0) };
    let base = name.rsplit('/').next().unwrap_or(name).to_string();
    if !name.contains('/') {
        if let Some(f) = shell_builtin(name) {
            return f(&mut Call { sh, ctx, args: fields, stdin, out, err });
        }
    }
    if base.is_empty() || (in_shell && !ctx.host.has_program(&base)) {
        err.push(&ctx.sh_msg(&format!("{name}: not found")));
        return Ok(127);
    }
    match program(&base) {
        Some(f) => f(&mut Call { sh, ctx, args: fields, stdin, out, err }),
        None => {
            err.push(&format!("{base}: this simulated shell does not run {base}\n"));
            Ok(127)
        }
    }
}

/// A parsed command line: options with their values, and operands.
pub(super) struct Opts {
    pub flags: Vec<(char, String)>,
    pub operands: Vec<String>,
}

impl Opts {
    pub fn has(&self, c: char) -> bool {
        self.flags.iter().any(|(f, _)| *f == c)
    }
    /// The last value given to an option.
    pub fn value(&self, c: char) -> Option<&str> {
        self.flags.iter().rev().find(|(f, _)| *f == c).map(|(_, v)| v.as_str())
    }
}

/// Parses options the getopt way: `flags` are the letters taken, `valued` those taking a
/// value (attached or the next word), `long` maps long names to letters. On a bad option
/// the userland's message is printed and `Err(status)` given.
pub(super) fn opts(c: &mut Call, flags: &str, valued: &str, long: &[(&str, char)], status: i32) -> Result<Opts, i32> {
    let args = c.args;
    opts_args(c, args, flags, valued, long, status)
}

/// [`opts`] over words other than the call's own (`args[0]` is the name).
pub(super) fn opts_args(c: &mut Call, args: &[String], flags: &str, valued: &str, long: &[(&str, char)], status: i32) -> Result<Opts, i32> {
    let mut o = Opts { flags: Vec::new(), operands: Vec::new() };
    let mut i = 1;
    let mut only_operands = false;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if only_operands || a == "-" || !a.starts_with('-') {
            o.operands.push(a.clone());
            continue;
        }
        if a == "--" {
            only_operands = true;
            continue;
        }
        if let Some(l) = a.strip_prefix("--") {
            let (lname, lval) = match l.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (l, None),
            };
            match long.iter().find(|(n, _)| *n == lname) {
                Some((_, f)) if valued.contains(*f) => {
                    let v = match lval {
                        Some(v) => v,
                        None if i < args.len() => {
                            i += 1;
                            args[i - 1].clone()
                        }
                        None => {
                            c.fail(&format!("option '--{lname}' requires an argument"));
                            if !c.busybox() {
                                c.try_help();
                            }
                            return Err(status);
                        }
                    };
                    o.flags.push((*f, v));
                }
                Some((_, f)) => o.flags.push((*f, String::new())),
                None => {
                    c.fail(&format!("unrecognized option '{a}'"));
                    if !c.busybox() {
                        c.try_help();
                    }
                    return Err(status);
                }
            }
            continue;
        }
        let chars: Vec<char> = a.chars().skip(1).collect();
        let mut j = 0;
        while j < chars.len() {
            let f = chars[j];
            j += 1;
            if valued.contains(f) {
                let v: String = chars[j..].iter().collect();
                let v = if !v.is_empty() {
                    v
                } else if i < args.len() {
                    i += 1;
                    args[i - 1].clone()
                } else {
                    c.fail(&format!("option requires an argument -- '{f}'"));
                    if !c.busybox() {
                        c.try_help();
                    }
                    return Err(status);
                };
                o.flags.push((f, v));
                break;
            } else if flags.contains(f) {
                o.flags.push((f, String::new()));
            } else {
                c.fail(&format!("invalid option -- '{f}'"));
                if !c.busybox() {
                    c.try_help();
                }
                return Err(status);
            }
        }
    }
    Ok(o)
}

/// Escapes of `echo -e` (busybox) and dash's `echo`, and of `printf` formats; false when
/// `\c` said to stop.
fn unescape(s: &str, out: &mut String) -> bool {
    let cs: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        i += 1;
        if c != '\\' || i >= cs.len() {
            out.push(c);
            continue;
        }
        let e = cs[i];
        i += 1;
        match e {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            'e' => out.push('\u{1b}'),
            '\\' => out.push('\\'),
            'c' => return false,
            '0'..='7' => {
                let mut n = e.to_digit(8).unwrap_or(0);
                let max = if e == '0' { 3 } else { 2 };
                let mut k = 0;
                while k < max && i < cs.len() && cs[i].is_digit(8) {
                    n = n * 8 + cs[i].to_digit(8).unwrap_or(0);
                    i += 1;
                    k += 1;
                }
                out.extend(char::from_u32(n & 0xff));
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    true
}

fn echo(c: &mut Call) -> Res {
    let mut newline = true;
    let mut escapes = !c.busybox();
    let mut i = 1;
    while let Some(a) = c.args.get(i) {
        let flags = a.strip_prefix('-').filter(|f| !f.is_empty());
        let ok = match flags {
            Some(f) if c.busybox() => f.chars().all(|ch| matches!(ch, 'n' | 'e' | 'E')),
            Some(f) => f == "n",
            None => false,
        };
        if !ok {
            break;
        }
        for ch in a.chars().skip(1) {
            match ch {
                'n' => newline = false,
                'e' => escapes = true,
                _ => escapes = false,
            }
        }
        i += 1;
    }
    let text = c.args.get(i..).unwrap_or(&[]).join(" ");
    let mut s = String::new();
    if escapes {
        if !unescape(&text, &mut s) {
            newline = false;
        }
    } else {
        s = text;
    }
    if newline {
        s.push('\n');
    }
    c.print(&s);
    Ok(0)
}

fn printf(c: &mut Call) -> Res {
    let Some(format) = c.args.get(1).cloned() else {
        if c.busybox() {
            c.err.push("Usage: printf FORMAT [ARG]...\n");
        } else {
            c.err.push(&c.ctx.sh_msg("printf: usage: printf format [arg ...]"));
        }
        return Ok(if c.busybox() { 1 } else { 2 });
    };
    let args: Vec<String> = c.args.get(2..).unwrap_or(&[]).to_vec();
    let mut used = 0;
    let mut s = String::new();
    let mut status = 0;
    loop {
        let (go_on, consumed) = printf_once(c, &format, &args[used.min(args.len())..], &mut s, &mut status);
        used += consumed;
        if !go_on || consumed == 0 || used >= args.len() || s.len() > super::MAX_OUTPUT {
            break;
        }
    }
    c.print(&s);
    Ok(status)
}

/// One pass of a `printf` format over arguments: whether to go on, and how many were used.
fn printf_once(c: &mut Call, format: &str, args: &[String], s: &mut String, status: &mut i32) -> (bool, usize) {
    let cs: Vec<char> = format.chars().collect();
    let mut used = 0;
    let mut i = 0;
    let next_arg = |used: &mut usize| {
        let a = args.get(*used).cloned();
        if a.is_some() {
            *used += 1;
        }
        a
    };
    while i < cs.len() {
        let ch = cs[i];
        if ch == '\\' {
            let mut j = i + 1;
            if cs.get(j).is_some_and(|d| d.is_digit(8)) {
                while j < cs.len() && j < i + 4 && cs[j].is_digit(8) {
                    j += 1;
                }
            } else {
                j = (i + 2).min(cs.len());
            }
            let esc: String = cs[i..j].iter().collect();
            if !unescape(&esc, s) {
                return (false, used);
            }
            i = j;
            continue;
        }
        if ch != '%' {
            s.push(ch);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < cs.len() && matches!(cs[i], '-' | '+' | ' ' | '0' | '#') {
            i += 1;
        }
        while i < cs.len() && (cs[i].is_ascii_digit() || cs[i] == '.') {
            i += 1;
        }
        let Some(&conv) = cs.get(i) else {
            s.extend(&cs[start..]);
            break;
        };
        i += 1;
        let spec: String = cs[start + 1..i - 1].iter().collect();
        let left = spec.contains('-');
        let zero = !left && spec.trim_start_matches(['+', ' ', '#']).starts_with('0');
        let (width, prec) = match spec.trim_start_matches(['-', '+', ' ', '0', '#']).split_once('.') {
            Some((w, p)) => (w.parse::<usize>().unwrap_or(0), Some(p.parse::<usize>().unwrap_or(0))),
            None => (spec.trim_start_matches(['-', '+', ' ', '0', '#']).parse::<usize>().unwrap_or(0), None),
        };
        let width = width.min(4096);
        let body = match conv {
            '%' => {
                s.push('%');
                continue;
            }
            's' | 'b' => {
                let a = next_arg(&mut used).unwrap_or_default();
                let mut t = String::new();
                if conv == 'b' {
                    unescape(&a, &mut t);
                } else {
                    t = a;
                }
                if let Some(p) = prec {
                    t = t.chars().take(p).collect();
                }
                t
            }
            'c' => next_arg(&mut used).and_then(|a| a.chars().next()).map(String::from).unwrap_or_default(),
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let a = next_arg(&mut used).unwrap_or_else(|| "0".into());
                let t = a.trim();
                let n = match t.strip_prefix('\'').or_else(|| t.strip_prefix('"')) {
                    Some(ch) => ch.chars().next().map(|ch| ch as i64).unwrap_or(0),
                    None => match t.parse::<i64>() {
                        Ok(n) => n,
                        Err(_) => {
                            let msg = if c.busybox() { format!("printf: invalid number '{a}'\n") } else { c.ctx.sh_msg(&format!("printf: {a}: expected numeric value")) };
                            c.err.push(&msg);
                            *status = 1;
                            0
                        }
                    },
                };
                match conv {
                    'x' => format!("{n:x}"),
                    'X' => format!("{n:X}"),
                    'o' => format!("{n:o}"),
                    _ => n.to_string(),
                }
            }
            other => {
                let msg = if c.busybox() { format!("printf: %{other}: invalid format\n") } else { c.ctx.sh_msg(&format!("printf: %{other}: invalid directive")) };
                c.err.push(&msg);
                *status = 1;
                return (false, used);
            }
        };
        let n = body.chars().count();
        if n >= width {
            s.push_str(&body);
        } else if left {
            s.push_str(&body);
            s.extend(std::iter::repeat_n(' ', width - n));
        } else if zero && matches!(conv, 'd' | 'i' | 'u' | 'x' | 'X' | 'o') {
            let (sign, digits) = body.strip_prefix('-').map(|d| ("-", d)).unwrap_or(("", body.as_str()));
            s.push_str(sign);
            s.extend(std::iter::repeat_n('0', width - n));
            s.push_str(digits);
        } else {
            s.extend(std::iter::repeat_n(' ', width - n));
            s.push_str(&body);
        }
    }
    (true, used)
}

fn test(c: &mut Call) -> Res {
    let name = c.name();
    let mut args: Vec<String> = c.args.get(1..).unwrap_or(&[]).to_vec();
    if name == "[" {
        if args.last().map(String::as_str) != Some("]") {
            let line = c.ctx.sh_msg("[: missing ]");
            c.err.push(&line);
            return Ok(2);
        }
        args.pop();
    }
    match super::files::test_expr(c, &args) {
        Ok(true) => Ok(0),
        Ok(false) => Ok(1),
        Err(msg) => {
            let line = c.ctx.sh_msg(&format!("{name}: {msg}"));
            c.err.push(&line);
            Ok(2)
        }
    }
}

fn cd(c: &mut Call) -> Res {
    let home = c.sh.vars.get("HOME").cloned().unwrap_or_else(|| "/".into());
    let mut print = false;
    let arg = match c.args.get(1).map(String::as_str) {
        None => home,
        Some("-") => {
            print = true;
            c.sh.vars.get("OLDPWD").cloned().unwrap_or_else(|| c.sh.cwd.clone())
        }
        Some(a) => a.to_string(),
    };
    let path = c.abs(&arg);
    let why = match c.ctx.host.kind(&path) {
        Some(super::host::FileKind::Dir) => None,
        Some(super::host::FileKind::File) => Some(super::host::FsError::NotADirectory),
        None => Some(super::host::FsError::NotFound),
    };
    if let Some(e) = why {
        let msg = if c.busybox() { format!("cd: can't cd to {arg}: {}", e.text()) } else { format!("cd: can't cd to {arg}") };
        c.err.push(&c.ctx.sh_msg(&msg));
        return Ok(2);
    }
    let old = std::mem::replace(&mut c.sh.cwd, path.clone());
    c.sh.set_var("OLDPWD", old);
    c.sh.set_var("PWD", path.clone());
    if print {
        c.print(&format!("{path}\n"));
    }
    Ok(0)
}

fn pwd(c: &mut Call) -> Res {
    let line = format!("{}\n", c.sh.cwd);
    c.print(&line);
    Ok(0)
}

/// A value as `export -p` quotes it.
fn sh_quote(v: &str) -> String {
    format!("'{}'", v.replace('\'', "'\\''"))
}

fn export(c: &mut Call) -> Res {
    let args: Vec<String> = c.args.get(1..).unwrap_or(&[]).iter().filter(|a| *a != "-p").cloned().collect();
    if args.is_empty() {
        let mut s = String::new();
        for k in &c.sh.exported {
            match c.sh.vars.get(k) {
                Some(v) => s.push_str(&format!("export {k}={}\n", sh_quote(v))),
                None => s.push_str(&format!("export {k}\n")),
            }
        }
        c.print(&s);
        return Ok(0);
    }
    for a in args {
        let (name, value) = match a.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (a.clone(), None),
        };
        if !super::ast::is_name(&name) {
            let msg = format!("export: {name}: bad variable name");
            c.err.push(&c.ctx.sh_msg(&msg));
            return Err(Stop::Abort(2));
        }
        if let Some(v) = value {
            c.sh.set_var(&name, v);
        }
        c.sh.exported.insert(name);
    }
    Ok(0)
}

fn unset(c: &mut Call) -> Res {
    for a in c.args.iter().skip(1).filter(|a| !a.starts_with('-')) {
        c.sh.vars.remove(a);
        c.sh.exported.remove(a);
    }
    Ok(0)
}

fn exit(c: &mut Call) -> Res {
    match c.args.get(1) {
        None => Err(Stop::Exit(c.sh.status)),
        Some(a) => match a.parse::<i64>() {
            Ok(n) if n >= 0 => Err(Stop::Exit((n & 255) as i32)),
            _ => {
                let line = c.ctx.sh_msg(&format!("exit: Illegal number: {a}"));
                c.err.push(&line);
                Err(Stop::Abort(2))
            }
        },
    }
}

fn env(c: &mut Call) -> Res {
    let mut i = 1;
    let mut extra = Vec::new();
    while let Some((k, v)) = c.args.get(i).and_then(|a| a.split_once('=')).filter(|(k, _)| super::ast::is_name(k)) {
        extra.push((k.to_string(), v.to_string()));
        i += 1;
    }
    if c.args.get(i).is_some_and(|a| a.starts_with('-')) {
        c.fail("this simulated shell runs env only as `env [NAME=VALUE]... [COMMAND]`");
        return Ok(125);
    }
    if i >= c.args.len() {
        let mut s = String::new();
        let mut env = c.sh.environ(&*c.ctx.host);
        for (k, v) in extra {
            match env.iter_mut().find(|(n, _)| *n == k) {
                Some(e) => e.1 = v,
                None => env.push((k, v)),
            }
        }
        for (k, v) in env {
            s.push_str(&format!("{k}={v}\n"));
        }
        c.print(&s);
        return Ok(0);
    }
    let rest = c.args[i..].to_vec();
    let prog = rest[0].rsplit('/').next().unwrap_or(&rest[0]).to_string();
    if !c.ctx.host.has_program(&prog) {
        let msg = if c.busybox() { format!("can't execute '{}': No such file or directory", rest[0]) } else { format!("'{}': No such file or directory", rest[0]) };
        c.fail(&msg);
        return Ok(127);
    }
    let mut child = c.sh.clone();
    for (k, v) in extra {
        child.exported.insert(k.clone());
        child.set_var(&k, v);
    }
    match dispatch(&mut child, c.ctx, &rest, c.stdin, c.out, c.err, false) {
        Err(Stop::Exit(n) | Stop::Abort(n)) => Ok(n),
        r => r,
    }
}

fn hostname(c: &mut Call) -> Res {
    let o = match opts(c, "fsid", "", &[("fqdn", 'f'), ("long", 'f'), ("short", 's'), ("ip-address", 'i'), ("domain", 'd')], 1) {
        Ok(o) => o,
        Err(s) => return Ok(s),
    };
    if !o.operands.is_empty() {
        c.fail(if c.busybox() { "sethostname: Operation not permitted" } else { "you must be root to change the host name" });
        return Ok(1);
    }
    let name = c.ctx.host.hostname();
    let line = if o.has('i') {
        match c.ctx.host.resolve(&name) {
            Some(ip) => ip,
            None => {
                c.fail(if c.busybox() { "Name or service not known" } else { "Name or service not known" });
                return Ok(1);
            }
        }
    } else if o.has('f') {
        c.ctx.host.fqdn()
    } else if o.has('d') {
        let f = c.ctx.host.fqdn();
        f.split_once('.').map(|(_, d)| d.to_string()).unwrap_or_default()
    } else if o.has('s') {
        name.split('.').next().unwrap_or("").to_string()
    } else {
        name
    };
    c.print(&format!("{line}\n"));
    Ok(0)
}

fn date(c: &mut Call) -> Res {
    let now = c.ctx.host.unix_seconds();
    let mut format = "%a %b %e %H:%M:%S UTC %Y".to_string();
    for a in c.args.iter().skip(1) {
        match a.as_str() {
            "-u" | "--utc" | "--universal" => {}
            "-R" | "--rfc-2822" => format = "%a, %d %b %Y %H:%M:%S +0000".into(),
            "-I" | "--iso-8601" => format = "%Y-%m-%d".into(),
            f if f.starts_with('+') => format = f[1..].to_string(),
            other => {
                let msg = if other.starts_with('-') { format!("this simulated shell's date takes only -u, -R, -I and +FORMAT, not '{other}'") } else { format!("invalid date '{other}'") };
                c.fail(&msg);
                return Ok(1);
            }
        }
    }
    let s = text::strftime(&format, now);
    c.print(&format!("{s}\n"));
    Ok(0)
}

/// `N`, `N.M`, with a suffix `s`, `m`, `h` or `d`, in milliseconds.
fn duration_ms(s: &str) -> Option<u64> {
    let (num, unit) = match s.char_indices().last() {
        Some((i, u @ ('s' | 'm' | 'h' | 'd'))) => (&s[..i], u),
        _ => (s, 's'),
    };
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    if (int.is_empty() && frac.is_empty()) || !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: u64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let mut ms = whole.saturating_mul(1000);
    let digits: String = frac.chars().chain("000".chars()).take(3).collect();
    ms = ms.saturating_add(digits.parse::<u64>().unwrap_or(0));
    let mult = match unit {
        'm' => 60,
        'h' => 3600,
        'd' => 86400,
        _ => 1,
    };
    Some(ms.saturating_mul(mult))
}

fn sleep(c: &mut Call) -> Res {
    let args: Vec<String> = c.args.get(1..).unwrap_or(&[]).to_vec();
    if args.is_empty() {
        if c.busybox() {
            c.err.push("Usage: sleep [N]...\n");
        } else {
            c.fail("missing operand");
            c.try_help();
        }
        return Ok(1);
    }
    let mut total: u64 = 0;
    for a in &args {
        if !c.busybox() && a == "infinity" {
            c.fail("this simulated shell does not sleep forever");
            return Ok(1);
        }
        match duration_ms(a) {
            Some(ms) => total = total.saturating_add(ms),
            None => {
                if c.busybox() {
                    c.fail(&format!("invalid number '{a}'"));
                } else {
                    c.fail(&format!("invalid time interval '{a}'"));
                    c.try_help();
                }
                return Ok(1);
            }
        }
    }
    c.ctx.host.sleep(total);
    Ok(0)
}

fn nslookup(c: &mut Call) -> Res {
    let Some(name) = c.args.iter().skip(1).find(|a| !a.starts_with('-')).cloned() else {
        c.err.push("Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n");
        return Ok(1);
    };
    let (text, status) = c.ctx.host.nslookup(&name);
    c.print(&text);
    Ok(status)
}

/// `sh`, `bash`… run from the shell: a new shell with the exported variables.
fn sh(c: &mut Call) -> Res {
    let mut child = c.sh.clone();
    child.vars.retain(|k, _| c.sh.exported.contains(k));
    child.status = 0;
    child.lines = 0;
    let saved = c.ctx.line;
    let r = interp::shell_program(&mut child, c.ctx, c.args, c.stdin, c.out, c.err);
    c.ctx.line = saved;
    r
}
