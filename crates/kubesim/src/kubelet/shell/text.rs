//! Commands on text: head, tail, wc (with each userland's column format), and the clock's
//! formatting that `date` and `ls -l` share.

use super::builtins::Call;
use super::opts::{opts_args, Opts};
use super::host::FsError;
use super::interp::Res;

/// `-5` → `-n 5` (the old form head and tail still take).
fn numeric_shorthand(args: &[String]) -> Vec<String> {
    let mut v = Vec::new();
    for (i, a) in args.iter().enumerate() {
        match a.strip_prefix('-') {
            Some(d) if i > 0 && !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()) => {
                v.push("-n".into());
                v.push(d.to_string());
            }
            _ => v.push(a.clone()),
        }
    }
    v
}

/// Reads every input, with `==> NAME <==` headers when there are several.
fn each_input(c: &mut Call, o: &Opts, mut f: impl FnMut(&mut Call, &str) -> String) -> Res {
    let mut names = o.operands.clone();
    if names.is_empty() {
        names.push("-".into());
    }
    let headers = (names.len() > 1 && !o.has('q')) || o.has('v');
    let mut status = 0;
    let mut first = true;
    for n in &names {
        match c.read_input(n) {
            Ok(text) => {
                let mut s = String::new();
                if headers {
                    if !first {
                        s.push('\n');
                    }
                    let shown = if n == "-" { "standard input" } else { n };
                    s.push_str(&format!("==> {shown} <==\n"));
                }
                first = false;
                s.push_str(&f(c, &text));
                c.print(&s);
            }
            Err(e) => {
                let msg = if c.busybox() { format!("can't open '{n}': {}", e.text()) } else { format!("cannot open '{n}' for reading: {}", e.text()) };
                c.fail(&msg);
                status = 1;
            }
        }
    }
    Ok(status)
}

/// The count of `-n N` / `-c N`; for tail, `+N` counts from the start.
fn count(c: &mut Call, v: &str, what: &str) -> Result<(usize, bool), i32> {
    let (from_start, digits) = match v.strip_prefix('+') {
        Some(d) => (true, d),
        None => (false, v),
    };
    match digits.parse::<usize>() {
        Ok(n) => Ok((n, from_start)),
        Err(_) => {
            let msg = if c.busybox() { format!("invalid number '{v}'") } else { format!("invalid number of {what}: '{v}'") };
            c.fail(&msg);
            Err(1)
        }
    }
}

fn char_cut(s: &str, mut n: usize) -> usize {
    n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    n
}

pub(super) fn head(c: &mut Call) -> Res {
    let args = numeric_shorthand(c.args);
    let o = match opts_args(c, &args, "qv", "nc", &[("lines", 'n'), ("bytes", 'c'), ("quiet", 'q'), ("silent", 'q'), ("verbose", 'v')], 1) {
        Ok(o) => o,
        Err(s) => return Ok(s),
    };
    let bytes = o.flags.iter().rev().find(|(f, _)| *f == 'n' || *f == 'c').is_some_and(|(f, _)| *f == 'c');
    let spec = if bytes { o.value('c') } else { o.value('n') }.unwrap_or("10").to_string();
    let (n, _) = match count(c, &spec, if bytes { "bytes" } else { "lines" }) {
        Ok(v) => v,
        Err(s) => return Ok(s),
    };
    each_input(c, &o, |_, text| if bytes { text[..char_cut(text, n)].to_string() } else { text.split_inclusive('\n').take(n).collect() })
}

pub(super) fn tail(c: &mut Call) -> Res {
    let args = numeric_shorthand(c.args);
    let o = match opts_args(c, &args, "qvfF", "nc", &[("lines", 'n'), ("bytes", 'c'), ("quiet", 'q'), ("follow", 'f'), ("verbose", 'v')], 1) {
        Ok(o) => o,
        Err(s) => return Ok(s),
    };
    if o.has('f') || o.has('F') {
        c.fail("this simulated shell does not follow files (-f); run it without -f to see what is there now");
        return Ok(1);
    }
    let bytes = o.flags.iter().rev().find(|(f, _)| *f == 'n' || *f == 'c').is_some_and(|(f, _)| *f == 'c');
    let spec = if bytes { o.value('c') } else { o.value('n') }.unwrap_or("10").to_string();
    let (n, from_start) = match count(c, &spec, if bytes { "bytes" } else { "lines" }) {
        Ok(v) => v,
        Err(s) => return Ok(s),
    };
    each_input(c, &o, |_, text| {
        if bytes {
            let start = if from_start { n.saturating_sub(1) } else { text.len().saturating_sub(n) };
            let mut k = start.min(text.len());
            while !text.is_char_boundary(k) {
                k += 1;
            }
            return text[k..].to_string();
        }
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let skip = if from_start { n.saturating_sub(1) } else { lines.len().saturating_sub(n) };
        lines[skip.min(lines.len())..].concat()
    })
}

pub(super) fn wc(c: &mut Call) -> Res {
    let args = c.args;
    let o = match opts_args(c, args, "lwcm", "", &[("lines", 'l'), ("words", 'w'), ("bytes", 'c'), ("chars", 'm')], 1) {
        Ok(o) => o,
        Err(s) => return Ok(s),
    };
    let mut which: Vec<char> = ['l', 'w', 'm', 'c'].into_iter().filter(|f| o.has(*f)).collect();
    if which.is_empty() {
        which = vec!['l', 'w', 'c'];
    }
    let names: Vec<String> = if o.operands.is_empty() { vec!["-".into()] } else { o.operands.clone() };
    let mut rows: Vec<(Vec<usize>, Option<String>)> = Vec::new();
    let mut totals = vec![0usize; which.len()];
    let mut status = 0;
    let mut any_stdin = false;
    let mut size_sum = 0usize;
    for n in &names {
        let text = match c.read_input(n) {
            Ok(t) => t,
            Err(e) => {
                let msg = match (c.busybox(), e) {
                    (true, FsError::NotFound) => format!("can't open '{n}': No such file or directory"),
                    (_, e) => format!("{n}: {}", e.text()),
                };
                c.fail(&msg);
                status = 1;
                continue;
            }
        };
        if n == "-" {
            any_stdin = true;
        } else {
            size_sum += text.len();
        }
        let counts: Vec<usize> = which
            .iter()
            .map(|f| match f {
                'l' => text.matches('\n').count(),
                'w' => text.split_whitespace().count(),
                'm' => text.chars().count(),
                _ => text.len(),
            })
            .collect();
        for (t, v) in totals.iter_mut().zip(&counts) {
            *t += v;
        }
        let shown = if o.operands.is_empty() { None } else { Some(n.clone()) };
        rows.push((counts, shown));
    }
    if names.len() > 1 {
        rows.push((totals, Some("total".into())));
    }
    let single = which.len() == 1;
    let width = if c.busybox() {
        9
    } else if single && names.len() == 1 {
        1
    } else {
        let digits = size_sum.max(1).to_string().len();
        if any_stdin { digits.max(7) } else { digits }
    };
    let mut s = String::new();
    for (counts, name) in rows {
        let cols: Vec<String> = counts
            .iter()
            .enumerate()
            .map(|(i, v)| if c.busybox() && i == 0 && single { v.to_string() } else { format!("{v:>width$}") })
            .collect();
        s.push_str(&cols.join(" "));
        if let Some(n) = name {
            s.push(' ');
            s.push_str(&n);
        }
        s.push('\n');
    }
    c.print(&s);
    Ok(status)
}

/// Year, month, day of a day count since 1970-01-01 (Howard Hinnant's civil algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

const DAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// `date +FORMAT` on the simulated clock (always UTC).
pub(super) fn strftime(format: &str, secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (h, mi, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    let (y, mo, d) = civil(days);
    let wday = (days + 4).rem_euclid(7) as usize;
    let (jan1, _, _) = (days - (1..mo).map(|m| month_len(y, m)).sum::<i64>() - i64::from(d) + 1, 0, 0);
    let yday = days - jan1 + 1;
    let month = MONTHS[(mo as usize).saturating_sub(1) % 12];
    let day = DAYS[wday];
    let h12 = if h % 12 == 0 { 12 } else { h % 12 };
    let mut out = String::new();
    let mut cs = format.chars();
    while let Some(ch) = cs.next() {
        if ch != '%' {
            out.push(ch);
            continue;
        }
        let Some(f) = cs.next() else {
            out.push('%');
            break;
        };
        let piece = match f {
            'a' => day[..3].to_string(),
            'A' => day.to_string(),
            'b' | 'h' => month[..3].to_string(),
            'B' => month.to_string(),
            'c' => format!("{} {} {d:>2} {h:02}:{mi:02}:{s:02} {y}", &day[..3], &month[..3]),
            'C' => format!("{:02}", y / 100),
            'd' => format!("{d:02}"),
            'D' => format!("{mo:02}/{d:02}/{:02}", y % 100),
            'e' => format!("{d:>2}"),
            'F' => format!("{y}-{mo:02}-{d:02}"),
            'H' => format!("{h:02}"),
            'I' => format!("{h12:02}"),
            'j' => format!("{yday:03}"),
            'k' => format!("{h:>2}"),
            'l' => format!("{h12:>2}"),
            'm' => format!("{mo:02}"),
            'M' => format!("{mi:02}"),
            'n' => "\n".into(),
            'N' => "000000000".into(),
            'p' => if h < 12 { "AM" } else { "PM" }.into(),
            'R' => format!("{h:02}:{mi:02}"),
            's' => secs.to_string(),
            'S' => format!("{s:02}"),
            't' => "\t".into(),
            'T' => format!("{h:02}:{mi:02}:{s:02}"),
            'u' => (if wday == 0 { 7 } else { wday }).to_string(),
            'w' => wday.to_string(),
            'y' => format!("{:02}", y % 100),
            'Y' => y.to_string(),
            'z' => "+0000".into(),
            'Z' => "UTC".into(),
            '%' => "%".into(),
            other => format!("%{other}"),
        };
        out.push_str(&piece);
    }
    out
}

fn month_len(y: i64, m: u32) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}
