//! Word expansion: `~`, parameters (`$V`, `${V:-w}`, `$?`, `$1`, `"$@"`), command
//! substitution, field splitting of what came from an unquoted expansion, then pathname
//! expansion of a word whose literal text holds `*`, `?` or `[` (`glob.rs`).

use super::ast::*;
use super::interp::{run_list, Buf, Ctx, Stop, MAX_RUN_DEPTH};
use super::{Shell, MAX_OUTPUT};

/// The fields a word expands to (unquoted expansions split at blanks and newlines).
pub(super) fn fields(sh: &mut Shell, ctx: &mut Ctx, w: &Word, err: &mut Buf) -> Result<Vec<String>, Stop> {
    let mut acc = Acc { split: true, ..Acc::default() };
    expand_into(sh, ctx, w, err, &mut acc)?;
    acc.flush();
    if !acc.patterns.iter().any(|p| *p) {
        return Ok(acc.fields);
    }
    let mut out = Vec::new();
    for (f, pattern) in acc.fields.into_iter().zip(acc.patterns) {
        if pattern {
            out.extend(super::glob::expand(&*ctx.host, &sh.cwd, &f));
        } else {
            out.push(f);
        }
    }
    Ok(out)
}

/// A word expanded without splitting (assignments, redirection targets).
pub(super) fn string(sh: &mut Shell, ctx: &mut Ctx, w: &Word, err: &mut Buf) -> Result<String, Stop> {
    let mut acc = Acc { split: false, ..Acc::default() };
    expand_into(sh, ctx, w, err, &mut acc)?;
    acc.flush();
    Ok(acc.fields.join(" "))
}

#[derive(Default)]
struct Acc {
    fields: Vec<String>,
    /// For each field, whether its literal text holds a pattern to expand.
    patterns: Vec<bool>,
    pattern: bool,
    cur: String,
    started: bool,
    split: bool,
    total: usize,
}

impl Acc {
    fn text(&mut self, s: &str) -> Result<(), Stop> {
        self.total += s.len();
        if self.total > MAX_OUTPUT {
            return Err(Stop::Limit(format!("sh: stopped: a word would pass {MAX_OUTPUT} bytes in this simulated shell\n")));
        }
        self.cur.push_str(s);
        self.started = true;
        Ok(())
    }
    fn flush(&mut self) {
        if self.started {
            self.fields.push(std::mem::take(&mut self.cur));
            self.patterns.push(std::mem::take(&mut self.pattern));
            self.started = false;
        }
    }
    /// An expansion's value: split when unquoted.
    fn value(&mut self, v: &str, quoted: bool) -> Result<(), Stop> {
        if quoted || !self.split {
            return self.text(v);
        }
        let blank = |c: char| c == ' ' || c == '\t' || c == '\n';
        if v.starts_with(blank) {
            self.flush();
        }
        let pieces: Vec<&str> = v.split(blank).filter(|p| !p.is_empty()).collect();
        for (i, p) in pieces.iter().enumerate() {
            if i > 0 {
                self.flush();
            }
            self.text(p)?;
        }
        if v.ends_with(blank) && !pieces.is_empty() {
            self.flush();
        }
        Ok(())
    }
}

/// A parameter's value (None: unset).
pub(super) fn param(sh: &Shell, name: &str) -> Option<String> {
    match name {
        "?" => Some(sh.status.to_string()),
        "$" => Some("7".into()),
        "#" => Some(sh.args.len().saturating_sub(1).to_string()),
        "@" | "*" => Some(sh.args.iter().skip(1).cloned().collect::<Vec<_>>().join(" ")),
        "!" => None,
        "-" => Some(String::new()),
        n if n.chars().all(|c| c.is_ascii_digit()) => n.parse::<usize>().ok().and_then(|i| sh.args.get(i).cloned()),
        n => sh.vars.get(n).cloned(),
    }
}

fn expand_into(sh: &mut Shell, ctx: &mut Ctx, w: &Word, err: &mut Buf, acc: &mut Acc) -> Result<(), Stop> {
    for part in &w.parts {
        match part {
            Part::Lit(s) => {
                acc.pattern |= acc.split && super::glob::has_pattern(s);
                acc.text(s)?
            }
            Part::Quoted(s) => acc.text(s)?,
            Part::Tilde => {
                let home = sh.vars.get("HOME").cloned().unwrap_or_else(|| "~".into());
                acc.text(&home)?;
            }
            Part::Param(p, quoted) => {
                if p.name == "@" && *quoted && matches!(p.op, ParamOp::Plain) {
                    let args: Vec<String> = sh.args.iter().skip(1).cloned().collect();
                    for (i, a) in args.iter().enumerate() {
                        if i > 0 {
                            acc.fields.push(std::mem::take(&mut acc.cur));
                            acc.patterns.push(std::mem::take(&mut acc.pattern));
                        }
                        acc.text(a)?;
                    }
                    continue;
                }
                let v = param_value(sh, ctx, p, err)?;
                acc.value(&v, *quoted)?;
            }
            Part::Subst(list, quoted) => {
                let v = substitute(sh, ctx, list, err)?;
                acc.value(&v, *quoted)?;
            }
        }
    }
    Ok(())
}

fn param_value(sh: &mut Shell, ctx: &mut Ctx, p: &Param, err: &mut Buf) -> Result<String, Stop> {
    let v = param(sh, &p.name);
    match &p.op {
        ParamOp::Plain => Ok(v.unwrap_or_default()),
        ParamOp::Length => Ok(v.unwrap_or_default().chars().count().to_string()),
        ParamOp::Alt { colon, op, word } => {
            let set = v.as_ref().is_some_and(|s| !(*colon && s.is_empty()));
            let word_value = |sh: &mut Shell, ctx: &mut Ctx, err: &mut Buf| -> Result<String, Stop> {
                let mut acc = Acc { split: false, ..Acc::default() };
                expand_into(sh, ctx, word, err, &mut acc)?;
                acc.flush();
                Ok(acc.fields.join(" "))
            };
            match op {
                '-' if !set => word_value(sh, ctx, err),
                '=' if !set => {
                    let value = word_value(sh, ctx, err)?;
                    if !is_name(&p.name) {
                        err.push(&ctx.sh_msg(&format!("${}: cannot assign in this way", p.name)));
                        return Err(Stop::Abort(2));
                    }
                    sh.set_var(&p.name, value.clone());
                    Ok(value)
                }
                '+' if set => word_value(sh, ctx, err),
                '+' => Ok(String::new()),
                '?' if !set => {
                    let m = word_value(sh, ctx, err)?;
                    let m = if m.is_empty() { "parameter not set".to_string() } else { m };
                    err.push(&ctx.sh_msg(&format!("{}: {m}", p.name)));
                    Err(Stop::Abort(if ctx.dash { 2 } else { 1 }))
                }
                _ => Ok(v.unwrap_or_default()),
            }
        }
    }
}

/// `$(…)`: runs the list in a subshell and gives its output without trailing newlines.
fn substitute(sh: &mut Shell, ctx: &mut Ctx, list: &List, err: &mut Buf) -> Result<String, Stop> {
    if ctx.depth >= MAX_RUN_DEPTH {
        err.push(&ctx.sh_msg("nesting too deep for this simulated shell"));
        return Err(Stop::Abort(2));
    }
    ctx.depth += 1;
    let mut sub = sh.clone();
    let mut out = Buf::default();
    let line = ctx.line;
    let r = run_list(&mut sub, ctx, list, &mut String::new(), &mut out, err);
    ctx.line = line;
    ctx.depth -= 1;
    let status = match r {
        Ok(s) | Err(Stop::Exit(s) | Stop::Abort(s)) => s,
        Err(l) => return Err(l),
    };
    if out.full {
        return Err(Stop::Limit(format!("sh: stopped: a command substitution printed more than {MAX_OUTPUT} bytes\n")));
    }
    ctx.subst_status = Some(status);
    sh.status = status;
    let mut s = out.s;
    while s.ends_with('\n') {
        s.pop();
    }
    Ok(s)
}
