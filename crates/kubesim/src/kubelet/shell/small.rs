//! The small commands: echo (busybox's `-n -e -E`, dash's escapes), printf, hostname,
//! date, sleep, nslookup.

use super::builtins::Call;
use super::interp::Res;
use super::opts::opts;
use super::text;

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

pub(super) fn echo(c: &mut Call) -> Res {
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

pub(super) fn printf(c: &mut Call) -> Res {
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

pub(super) fn hostname(c: &mut Call) -> Res {
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
                c.fail("Name or service not known");
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

pub(super) fn date(c: &mut Call) -> Res {
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

pub(super) fn sleep(c: &mut Call) -> Res {
    let args: Vec<String> = c.args.get(1..).unwrap_or(&[]).to_vec();
    if args.is_empty() {
        return c.missing_operand("sleep [N]...", "missing operand");
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

pub(super) fn nslookup(c: &mut Call) -> Res {
    let Some(name) = c.args.iter().skip(1).find(|a| !a.starts_with('-')).cloned() else {
        c.err.push("Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n");
        return Ok(1);
    };
    let (text, status) = c.ctx.host.nslookup(&name);
    c.print(&text);
    Ok(status)
}

