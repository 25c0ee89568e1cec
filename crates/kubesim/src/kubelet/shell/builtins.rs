//! How a command name finds its code (the shell's own built-ins first, then the image's
//! programs, which the host must have), what a command gets (`Call`), option parsing
//! with each userland's wording, and the small commands: echo, printf, test, cd, pwd,
//! export, unset, exit, true, false, env, hostname, date, sleep, nslookup, sh.

use super::interp::{self, Buf, Ctx, Res, Stop};
use super::small::{date, echo, hostname, nslookup, printf, sleep};
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
                let r = self.ctx.host.read(&p);
                if let Ok(s) = &r {
                    self.ctx.add_work(s.len());
                }
                r
            }
        }
    }
    /// GNU's pointer to `--help` after a usage error.
    pub fn try_help(&mut self) {
        let line = format!("Try '{} --help' for more information.\n", self.name());
        self.err.push(&line);
    }
    /// A command given nothing to work on: busybox's usage line, or GNU's `missing …` and
    /// its pointer to `--help`. Status 1.
    pub fn missing_operand(&mut self, busybox_usage: &str, gnu: &str) -> Res {
        if self.busybox() {
            self.err.push(&format!("Usage: {busybox_usage}\n"));
        } else {
            self.fail(gnu);
            self.try_help();
        }
        Ok(1)
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
