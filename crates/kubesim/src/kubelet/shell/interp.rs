//! Running a parsed script: lists, and-or chains, pipelines (each stage in a subshell, its
//! output the next one's input), compound commands, redirections, and the limits that keep
//! any input finite (output, commands per line, nesting).

use super::ast::*;
use super::builtins;
use super::expand;
use super::host::{FileKind, FsError, Host, Userland};
use super::parse::{parse, ParseError, SyntaxError};
use super::{Outcome, Shell, MAX_FILE, MAX_OUTPUT};

/// Commands (and loop rounds) one line may run.
pub(super) const MAX_STEPS: u32 = 100_000;
/// Bytes one line may move (words expanded, files read, output routed): a loop over a big
/// file or a growing variable stops here rather than keep the browser busy.
pub(super) const MAX_WORK: u64 = 32 << 20;
/// How deep shells started from the shell and command substitutions may nest.
pub(super) const MAX_RUN_DEPTH: u32 = 24;

/// What a run shares, however deep: the container, the userland's wording, the budgets.
pub(super) struct Ctx<'h> {
    pub host: &'h mut dyn Host,
    /// Debian's dash (and GNU wording) rather than busybox.
    pub dash: bool,
    steps: u32,
    /// Bytes moved so far (see [`MAX_WORK`]).
    pub work: u64,
    pub depth: u32,
    /// The script line of the command running (dash's messages name it).
    pub line: u32,
    /// The status of the last command substitution (an assignment-only command's status).
    pub subst_status: Option<i32>,
}

impl<'h> Ctx<'h> {
    pub fn new(host: &'h mut dyn Host) -> Ctx<'h> {
        let dash = host.userland() == Userland::Debian;
        Ctx { host, dash, steps: 0, work: 0, depth: 0, line: 1, subst_status: None }
    }
    fn step(&mut self) -> Result<(), Stop> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return Err(Stop::Limit(format!("sh: stopped: this simulated shell runs at most {MAX_STEPS} commands per line\n")));
        }
        self.check_work()
    }
    /// Counts bytes a command moved.
    pub fn add_work(&mut self, bytes: usize) {
        self.work = self.work.saturating_add(bytes as u64);
    }
    fn check_work(&self) -> Result<(), Stop> {
        if self.work > MAX_WORK {
            return Err(Stop::Limit(format!("sh: stopped: this simulated shell moves at most {} MiB of data per line\n", MAX_WORK >> 20)));
        }
        Ok(())
    }
    /// A message of the shell itself: `sh: MSG` (busybox) or `sh: LINE: MSG` (dash).
    pub fn sh_msg(&self, msg: &str) -> String {
        if self.dash {
            format!("sh: {}: {msg}\n", self.line)
        } else {
            format!("sh: {msg}\n")
        }
    }
}

/// Why a run stops before its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Stop {
    /// `exit N`: the shell ends.
    Exit(i32),
    /// An error that ends the line (or the script) but not an interactive session.
    Abort(i32),
    /// A limit was reached (what to say).
    Limit(String),
}

pub(super) type Res = Result<i32, Stop>;

/// Output collected for a command's caller, capped at [`MAX_OUTPUT`].
#[derive(Clone, Debug, Default)]
pub(super) struct Buf {
    pub s: String,
    pub full: bool,
}

impl Buf {
    pub fn push(&mut self, t: &str) {
        if self.full {
            return;
        }
        if self.s.len() + t.len() > MAX_OUTPUT {
            let mut cut = MAX_OUTPUT - self.s.len();
            while !t.is_char_boundary(cut) {
                cut -= 1;
            }
            self.s.push_str(&t[..cut]);
            self.full = true;
        } else {
            self.s.push_str(t);
        }
    }
}

fn limit() -> Stop {
    Stop::Limit(format!("sh: output stopped: this simulated shell prints at most {MAX_OUTPUT} bytes per command line\n"))
}

/// Runs a script from the top: what `Shell::run` does.
pub(super) fn run_top(sh: &mut Shell, host: &mut dyn Host, script: &str, first_line: u32) -> Outcome {
    let mut ctx = Ctx::new(host);
    let (mut out, mut err) = (Buf::default(), Buf::default());
    let r = script_in(sh, &mut ctx, script, first_line, &mut String::new(), &mut out, &mut err);
    finish(sh, out, err, r, true)
}

/// `kubectl exec POD -- sh -c …` (or `sh FILE`, `sh`).
pub(super) fn run_shell_program(sh: &mut Shell, host: &mut dyn Host, argv: &[String]) -> Outcome {
    let mut ctx = Ctx::new(host);
    let (mut out, mut err) = (Buf::default(), Buf::default());
    let r = shell_program(sh, &mut ctx, argv, &mut String::new(), &mut out, &mut err);
    finish(sh, out, err, r, false)
}

/// `kubectl exec POD -- CMD ARGS…` with no shell: the command itself.
pub(super) fn run_argv(sh: &mut Shell, host: &mut dyn Host, argv: &[String]) -> Outcome {
    let mut ctx = Ctx::new(host);
    let (mut out, mut err) = (Buf::default(), Buf::default());
    let r = builtins::dispatch(sh, &mut ctx, argv, &mut String::new(), &mut out, &mut err, false);
    let r = match r {
        Err(Stop::Exit(n) | Stop::Abort(n)) => Ok(n),
        r => r,
    };
    finish(sh, out, err, r, false)
}

fn finish(sh: &mut Shell, out: Buf, err: Buf, r: Res, interactive: bool) -> Outcome {
    let (mut status, exited, mut msg) = match r {
        Ok(s) => (s, false, None),
        Err(Stop::Exit(n)) => (n, true, None),
        Err(Stop::Abort(n)) => (n, !interactive, None),
        Err(Stop::Limit(m)) => (1, false, Some(m)),
    };
    let (mut stdout, mut stderr) = (out.s, err.s);
    if out.full || err.full || stdout.len() + stderr.len() > MAX_OUTPUT {
        msg = msg.or_else(|| match limit() {
            Stop::Limit(m) => Some(m),
            _ => None,
        });
        let room = MAX_OUTPUT.saturating_sub(stderr.len());
        truncate(&mut stdout, room);
    }
    if let Some(m) = msg {
        status = 1;
        stderr.push_str(&m);
    }
    sh.status = status;
    Outcome { stdout, stderr, status, exited: exited && interactive }
}

/// Cuts a string to at most `n` bytes, on a character boundary.
pub(super) fn truncate(s: &mut String, n: usize) {
    if s.len() > n {
        let mut cut = n;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
}

fn syntax_msg(dash: bool, e: &ParseError) -> String {
    let q = |t: &str| if t == "newline" { t.to_string() } else { format!("\"{t}\"") };
    let l = e.line;
    match (&e.error, dash) {
        (SyntaxError::Unexpected(t), false) => format!("sh: syntax error: unexpected {}\n", q(t)),
        (SyntaxError::Unexpected(t), true) => format!("sh: {l}: Syntax error: {} unexpected\n", q(t)),
        (SyntaxError::Eof, false) => "sh: syntax error: unexpected end of file\n".into(),
        (SyntaxError::Eof, true) => format!("sh: {l}: Syntax error: end of file unexpected\n"),
        (SyntaxError::Unterminated, false) => "sh: syntax error: unterminated quoted string\n".into(),
        (SyntaxError::Unterminated, true) => format!("sh: {l}: Syntax error: Unterminated quoted string\n"),
        (SyntaxError::BadSubst, false) => "sh: syntax error: bad substitution\n".into(),
        (SyntaxError::BadSubst, true) => format!("sh: {l}: Bad substitution\n"),
        (SyntaxError::Unsupported(what), false) => format!("sh: {what}: not supported by this simulated shell\n"),
        (SyntaxError::Unsupported(what), true) => format!("sh: {l}: {what}: not supported by this simulated shell\n"),
        (SyntaxError::TooDeep, false) => "sh: nesting too deep for this simulated shell\n".into(),
        (SyntaxError::TooDeep, true) => format!("sh: {l}: nesting too deep for this simulated shell\n"),
    }
}

/// Parses and runs a script in this shell.
pub(super) fn script_in(sh: &mut Shell, ctx: &mut Ctx, script: &str, first_line: u32, stdin: &mut String, out: &mut Buf, err: &mut Buf) -> Res {
    match parse(script, first_line) {
        Err(e) => {
            err.push(&syntax_msg(ctx.dash, &e));
            sh.status = 2;
            Err(Stop::Abort(2))
        }
        Ok(list) => run_list(sh, ctx, &list, stdin, out, err),
    }
}

/// A shell started as a program (`sh -c SCRIPT [name args…]`, `sh FILE`, `sh` reading its
/// input); `argv[0]` is its name. Its `exit` ends it, not its caller.
pub(super) fn shell_program(sh: &mut Shell, ctx: &mut Ctx, argv: &[String], stdin: &mut String, out: &mut Buf, err: &mut Buf) -> Res {
    if ctx.depth >= MAX_RUN_DEPTH {
        err.push(&ctx.sh_msg("nesting too deep for this simulated shell"));
        return Ok(2);
    }
    let name = argv.first().map(String::as_str).unwrap_or("sh");
    let (script, args, first) = match argv.get(1).map(String::as_str) {
        None => (std::mem::take(stdin), vec![name.to_string()], 1),
        Some("-c") => {
            let Some(script) = argv.get(2) else {
                err.push(&if ctx.dash { "sh: 0: -c requires an argument\n".to_string() } else { "sh: -c requires an argument\n".to_string() });
                return Ok(2);
            };
            let args = if argv.len() > 3 { argv[3..].to_vec() } else { vec![name.to_string()] };
            (script.clone(), args, 1)
        }
        Some(opt) if opt.starts_with('-') && opt != "-" => {
            err.push(&format!("sh: {opt}: this simulated shell takes only -c\n"));
            return Ok(2);
        }
        Some(file) => {
            let path = builtins::abs_path(&sh.cwd, file);
            match ctx.host.read(&path) {
                Ok(s) => (s, argv[1..].to_vec(), 1),
                Err(e) => {
                    let msg = match (ctx.dash, e) {
                        (true, FsError::NotFound) => format!("sh: 0: cannot open {file}: No such file\n"),
                        (true, e) => format!("sh: 0: cannot open {file}: {}\n", e.text()),
                        (false, e) => format!("sh: can't open '{file}': {}\n", e.text()),
                    };
                    err.push(&msg);
                    return Ok(if ctx.dash { 2 } else { 127 });
                }
            }
        }
    };
    sh.args = args;
    ctx.depth += 1;
    let saved_line = ctx.line;
    let mut input = std::mem::take(stdin);
    let r = script_in(sh, ctx, &script, first, &mut input, out, err);
    ctx.depth -= 1;
    ctx.line = saved_line;
    match r {
        Err(Stop::Exit(n) | Stop::Abort(n)) => Ok(n),
        r => r,
    }
}

pub(super) fn run_list(sh: &mut Shell, ctx: &mut Ctx, list: &List, stdin: &mut String, out: &mut Buf, err: &mut Buf) -> Res {
    let mut status = 0;
    for ao in list {
        status = run_pipeline(sh, ctx, &ao.first, stdin, out, err)?;
        for (and, p) in &ao.rest {
            if *and == (status == 0) {
                status = run_pipeline(sh, ctx, p, stdin, out, err)?;
            }
        }
    }
    Ok(status)
}

fn run_pipeline(sh: &mut Shell, ctx: &mut Ctx, p: &Pipeline, stdin: &mut String, out: &mut Buf, err: &mut Buf) -> Res {
    ctx.step()?;
    let mut status = 0;
    if let [only] = p.cmds.as_slice() {
        status = run_command(sh, ctx, only, stdin, out, err)?;
    } else {
        let mut data = std::mem::take(stdin);
        for c in &p.cmds {
            let mut sub = sh.clone();
            let mut o = Buf::default();
            status = match run_command(&mut sub, ctx, c, &mut data, &mut o, err) {
                Ok(s) | Err(Stop::Exit(s) | Stop::Abort(s)) => s,
                Err(l) => return Err(l),
            };
            if o.full || err.full {
                return Err(limit());
            }
            data = o.s;
        }
        out.push(&data);
    }
    if p.bang {
        status = i32::from(status == 0);
    }
    sh.status = status;
    if out.full || err.full {
        return Err(limit());
    }
    Ok(status)
}

fn run_command(sh: &mut Shell, ctx: &mut Ctx, cmd: &Command, stdin: &mut String, out: &mut Buf, err: &mut Buf) -> Res {
    ctx.line = cmd.line;
    if let CommandKind::Simple { assigns, words } = &cmd.kind {
        return run_simple(sh, ctx, assigns, words, &cmd.redirs, stdin, out, err);
    }
    let plan = match setup(sh, ctx, &cmd.redirs, err)? {
        Ok(p) => p,
        Err(status) => return Ok(status),
    };
    let mut own;
    let input: &mut String = match plan.input.clone() {
        Some(s) => {
            own = s;
            &mut own
        }
        None => stdin,
    };
    let (mut o, mut e) = (Buf::default(), Buf::default());
    let r = run_compound(sh, ctx, &cmd.kind, input, &mut o, &mut e);
    route(ctx, &plan, "sh", o, e, out, err);
    if out.full || err.full {
        return Err(limit());
    }
    r
}

fn run_compound(sh: &mut Shell, ctx: &mut Ctx, kind: &CommandKind, stdin: &mut String, out: &mut Buf, err: &mut Buf) -> Res {
    match kind {
        CommandKind::Simple { .. } => Ok(0),
        CommandKind::Group { body, subshell: true } => {
            let mut sub = sh.clone();
            match run_list(&mut sub, ctx, body, stdin, out, err) {
                Err(Stop::Exit(n) | Stop::Abort(n)) => Ok(n),
                r => r,
            }
        }
        CommandKind::Group { body, subshell: false } => run_list(sh, ctx, body, stdin, out, err),
        CommandKind::If { branches, otherwise } => {
            for (cond, body) in branches {
                if run_list(sh, ctx, cond, stdin, out, err)? == 0 {
                    return run_list(sh, ctx, body, stdin, out, err);
                }
            }
            match otherwise {
                Some(body) => run_list(sh, ctx, body, stdin, out, err),
                None => Ok(0),
            }
        }
        CommandKind::Loop { cond, body, until } => {
            let mut status = 0;
            loop {
                ctx.step()?;
                let c = run_list(sh, ctx, cond, stdin, out, err)?;
                if (c == 0) == *until {
                    break;
                }
                status = run_list(sh, ctx, body, stdin, out, err)?;
            }
            Ok(status)
        }
        CommandKind::For { var, items, body } => {
            let values = match items {
                Some(words) => {
                    let mut v = Vec::new();
                    for w in words {
                        v.extend(expand::fields(sh, ctx, w, err)?);
                    }
                    v
                }
                None => sh.args.iter().skip(1).cloned().collect(),
            };
            let mut status = 0;
            for v in values {
                ctx.step()?;
                sh.set_var(var, v);
                status = run_list(sh, ctx, body, stdin, out, err)?;
            }
            Ok(status)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn run_simple(sh: &mut Shell, ctx: &mut Ctx, assigns: &[(String, Word)], words: &[Word], redirs: &[Redir], stdin: &mut String, out: &mut Buf, err: &mut Buf) -> Res {
    ctx.step()?;
    ctx.subst_status = None;
    let mut fields = Vec::new();
    let mut total = 0usize;
    for w in words {
        for f in expand::fields(sh, ctx, w, err)? {
            total += f.len() + 1;
            if total > MAX_OUTPUT {
                return Err(Stop::Limit(format!("sh: stopped: a command's words would pass {MAX_OUTPUT} bytes in this simulated shell\n")));
            }
            fields.push(f);
        }
    }
    let mut values = Vec::new();
    for (name, w) in assigns {
        let v = expand::string(sh, ctx, w, err)?;
        total += v.len();
        values.push((name.clone(), v));
    }
    ctx.add_work(total);
    ctx.check_work()?;
    let plan = match setup(sh, ctx, redirs, err)? {
        Ok(p) => p,
        Err(status) => return Ok(status),
    };
    if fields.is_empty() {
        for (name, v) in values {
            sh.set_var(&name, v);
        }
        return Ok(ctx.subst_status.unwrap_or(0));
    }
    // `NAME=value cmd`: the variables hold for the command only, exported.
    let saved: Vec<(String, Option<String>, bool)> = values.iter().map(|(n, _)| (n.clone(), sh.vars.get(n).cloned(), sh.exported.contains(n))).collect();
    for (name, v) in values {
        sh.exported.insert(name.clone());
        sh.set_var(&name, v);
    }
    let mut own;
    let input: &mut String = match plan.input.clone() {
        Some(s) => {
            own = s;
            &mut own
        }
        None => stdin,
    };
    let (mut o, mut e) = (Buf::default(), Buf::default());
    let r = builtins::dispatch(sh, ctx, &fields, input, &mut o, &mut e, true);
    for (name, old, was_exported) in saved {
        match old {
            Some(v) => sh.set_var(&name, v),
            None => {
                sh.vars.remove(&name);
            }
        }
        if !was_exported {
            sh.exported.remove(&name);
        }
    }
    ctx.add_work(o.s.len() + e.s.len());
    let write_failed = route(ctx, &plan, &fields[0], o, e, out, err);
    if out.full || err.full {
        return Err(limit());
    }
    ctx.check_work()?;
    match r {
        Ok(s) if write_failed => Ok(if s == 0 { 1 } else { s }),
        r => r,
    }
}

/// Where a descriptor's output goes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    /// The caller's output (the terminal, the pipe, the substitution).
    Out,
    /// The caller's error output.
    Err,
    /// A file, by absolute path (created when the redirection was set up).
    File(String),
    Null,
}

#[derive(Clone, Debug)]
struct Plan {
    out: Target,
    err: Target,
    input: Option<String>,
}

/// Sets up a command's redirections in order: files are created (or emptied) now, as the
/// shell does before the command runs. `Ok(Err(status))`: one failed, its message said.
fn setup(sh: &mut Shell, ctx: &mut Ctx, redirs: &[Redir], err: &mut Buf) -> Result<Result<Plan, i32>, Stop> {
    let mut plan = Plan { out: Target::Out, err: Target::Err, input: None };
    let fail = if ctx.dash { 2 } else { 1 };
    for r in redirs {
        let target = expand::string(sh, ctx, &r.target, err)?;
        let fd = r.fd();
        match r.op {
            RedirOp::In => {
                let data = if target == "/dev/null" {
                    Ok(String::new())
                } else {
                    let path = builtins::abs_path(&sh.cwd, &target);
                    ctx.host.read(&path)
                };
                match data {
                    Ok(s) if fd == 0 => plan.input = Some(s),
                    Ok(_) => {}
                    Err(e) => {
                        let msg = match (ctx.dash, e) {
                            (true, FsError::NotFound) => format!("cannot open {target}: No such file"),
                            (true, e) => format!("cannot open {target}: {}", e.text()),
                            (false, e) => format!("can't open '{target}': {}", e.text()),
                        };
                        err.push(&ctx.sh_msg(&msg));
                        return Ok(Err(fail));
                    }
                }
            }
            RedirOp::Out | RedirOp::Append => {
                let t = match target.as_str() {
                    "/dev/null" => Target::Null,
                    "/dev/stdout" => plan.out.clone(),
                    "/dev/stderr" => plan.err.clone(),
                    _ => {
                        let path = builtins::abs_path(&sh.cwd, &target);
                        let made = match ctx.host.kind(&path) {
                            Some(FileKind::Dir) => Err(FsError::IsADirectory),
                            _ => ctx.host.write(&path, "", r.op == RedirOp::Append),
                        };
                        if let Err(e) = made {
                            let msg = match (ctx.dash, e) {
                                (true, FsError::NotFound) => format!("cannot create {target}: Directory nonexistent"),
                                (true, e) => format!("cannot create {target}: {}", e.text()),
                                (false, FsError::NotFound) => format!("can't create {target}: nonexistent directory"),
                                (false, e) => format!("can't create {target}: {}", e.text()),
                            };
                            err.push(&ctx.sh_msg(&msg));
                            return Ok(Err(fail));
                        }
                        Target::File(path)
                    }
                };
                match fd {
                    1 => plan.out = t,
                    2 => plan.err = t,
                    _ => {}
                }
            }
            RedirOp::DupOut | RedirOp::DupIn => {
                let t = match target.as_str() {
                    "1" => plan.out.clone(),
                    "2" => plan.err.clone(),
                    "-" => Target::Null,
                    "0" if r.op == RedirOp::DupIn => continue,
                    _ => {
                        let msg = if ctx.dash { "Syntax error: Bad fd number".to_string() } else { format!("{target}: Bad file descriptor") };
                        err.push(&ctx.sh_msg(&msg));
                        return Ok(Err(fail));
                    }
                };
                match fd {
                    1 => plan.out = t,
                    2 => plan.err = t,
                    _ => {}
                }
            }
        }
    }
    Ok(Ok(plan))
}

/// Sends a command's output where its redirections say. True when a write to a file
/// failed (its message is on the caller's error output).
fn route(ctx: &mut Ctx, plan: &Plan, who: &str, o: Buf, e: Buf, out: &mut Buf, err: &mut Buf) -> bool {
    let mut failed = false;
    for (target, data) in [(&plan.out, o), (&plan.err, e)] {
        if data.s.is_empty() {
            continue;
        }
        match target {
            Target::Out => out.push(&data.s),
            Target::Err => err.push(&data.s),
            Target::Null => {}
            Target::File(path) => {
                let size = ctx.host.read(path).map(|s| s.len()).unwrap_or(0);
                let r = if size + data.s.len() > MAX_FILE { Err(FsError::TooLarge) } else { ctx.host.write(path, &data.s, true) };
                if let Err(x) = r {
                    let name = who.rsplit('/').next().unwrap_or(who);
                    err.push(&format!("{name}: write error: {}\n", x.text()));
                    failed = true;
                }
            }
        }
        if data.full {
            out.full = true;
        }
    }
    failed
}
