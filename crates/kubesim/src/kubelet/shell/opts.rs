//! Command-line options the getopt way, with each userland's wording for a bad one
//! (busybox `cat: invalid option -- 'z'`; GNU adds `Try 'cat --help' …`).

use super::builtins::Call;

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

