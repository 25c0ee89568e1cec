//! The command line: its flags (pflag rules) and its commands (with cobra's suggestions for a mistyped one).

/// Parsed flags common to the commands here.
#[derive(Clone, Debug, Default)]
pub(crate) struct Flags {
    pub(crate) positional: Vec<String>,
    /// Words after `--` (the command of `exec` and `run`).
    pub(crate) command: Vec<String>,
    /// `run --command`: the words after `--` are the container's command, not its args.
    pub(crate) as_command: bool,
    pub(crate) namespace: Option<String>,
    /// `--field-selector`.
    pub(crate) field_selector: Option<String>,
    /// `--dry-run`: `client`, `server`, `none`, or `unset` (the flag without a value).
    pub(crate) dry_run: Option<String>,
    pub(crate) all_namespaces: bool,
    pub(crate) output: Option<String>,
    pub(crate) selector: Option<String>,
    pub(crate) files: Vec<String>,
    pub(crate) show_labels: bool,
    pub(crate) label_columns: Vec<String>,
    pub(crate) sort_by: Option<String>,
    pub(crate) watch: bool,
    pub(crate) watch_only: bool,
    pub(crate) no_headers: bool,
    pub(crate) replicas: Option<String>,
    pub(crate) cascade: Option<String>,
    pub(crate) grace_period: Option<String>,
    pub(crate) now: bool,
    pub(crate) force: bool,
    pub(crate) all: bool,
    pub(crate) wait: Option<String>,
    pub(crate) overwrite: bool,
    pub(crate) ignore_daemonsets: bool,
    pub(crate) delete_emptydir_data: bool,
    pub(crate) patch: Option<String>,
    pub(crate) patch_type: Option<String>,
    pub(crate) image: Option<String>,
    pub(crate) restart: Option<String>,
    pub(crate) rm: bool,
    pub(crate) stdin: bool,
    pub(crate) tty: bool,
    pub(crate) container: Option<String>,
    pub(crate) tail: Option<String>,
    pub(crate) previous: bool,
    pub(crate) to_revision: Option<String>,
    pub(crate) revision: Option<String>,
    pub(crate) timeout: Option<String>,
    pub(crate) recursive: bool,
    pub(crate) client: bool,
    /// Set for each type of `get a,b`: NAME cells become `kind.group/name`.
    pub(crate) prefix_names: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Arg {
    Value,
    Bool,
    /// A value is optional: `--cascade` alone means `background`.
    Optional(&'static str),
}

/// The flags kubectl accepts here: long name, shorthand, argument.
pub(crate) const FLAGS: &[(&str, Option<char>, Arg)] = &[
    ("namespace", Some('n'), Arg::Value),
    ("all-namespaces", Some('A'), Arg::Bool),
    ("output", Some('o'), Arg::Value),
    ("selector", Some('l'), Arg::Value),
    ("filename", Some('f'), Arg::Value),
    ("show-labels", None, Arg::Bool),
    ("label-columns", Some('L'), Arg::Value),
    ("sort-by", None, Arg::Value),
    ("watch", Some('w'), Arg::Bool),
    ("watch-only", None, Arg::Bool),
    ("no-headers", None, Arg::Bool),
    ("replicas", None, Arg::Value),
    ("cascade", None, Arg::Optional("background")),
    ("grace-period", None, Arg::Value),
    ("now", None, Arg::Bool),
    ("force", None, Arg::Bool),
    ("all", None, Arg::Bool),
    ("wait", None, Arg::Bool),
    ("overwrite", None, Arg::Bool),
    ("ignore-daemonsets", None, Arg::Bool),
    ("delete-emptydir-data", None, Arg::Bool),
    ("patch", Some('p'), Arg::Value),
    ("type", None, Arg::Value),
    ("image", None, Arg::Value),
    ("restart", None, Arg::Value),
    ("rm", None, Arg::Bool),
    ("command", None, Arg::Bool),
    ("stdin", Some('i'), Arg::Bool),
    ("tty", Some('t'), Arg::Bool),
    ("container", Some('c'), Arg::Value),
    ("tail", None, Arg::Value),
    ("previous", None, Arg::Bool),
    ("to-revision", None, Arg::Value),
    ("revision", None, Arg::Value),
    ("timeout", None, Arg::Value),
    ("recursive", Some('R'), Arg::Bool),
    ("client", None, Arg::Bool),
    ("context", None, Arg::Value),
    ("kubeconfig", None, Arg::Value),
    ("validate", None, Arg::Optional("strict")),
    ("server-side", None, Arg::Bool),
    ("record", None, Arg::Bool),
    ("dry-run", None, Arg::Optional("unset")),
    ("field-selector", None, Arg::Value),
    ("help", Some('h'), Arg::Bool),
];

pub(crate) fn set_flag(f: &mut Flags, long: &str, v: String) -> Result<(), String> {
    let b = || v == "true";
    match long {
        "namespace" => f.namespace = Some(v),
        "dry-run" => f.dry_run = Some(v),
        "field-selector" => f.field_selector = Some(v),
        "all-namespaces" => f.all_namespaces = b(),
        "output" => f.output = Some(v),
        "selector" => f.selector = Some(v),
        "filename" => f.files.push(v),
        "show-labels" => f.show_labels = b(),
        "label-columns" => f.label_columns.extend(v.split(',').filter(|s| !s.is_empty()).map(str::to_string)),
        "sort-by" => f.sort_by = Some(v),
        "watch" => f.watch = b(),
        "watch-only" => f.watch_only = b(),
        "no-headers" => f.no_headers = b(),
        "replicas" => f.replicas = Some(v),
        "cascade" => f.cascade = Some(v),
        "grace-period" => f.grace_period = Some(v),
        "now" => f.now = b(),
        "force" => f.force = b(),
        "all" => f.all = b(),
        "wait" => f.wait = Some(v),
        "overwrite" => f.overwrite = b(),
        "ignore-daemonsets" => f.ignore_daemonsets = b(),
        "delete-emptydir-data" => f.delete_emptydir_data = b(),
        "patch" => f.patch = Some(v),
        "type" => f.patch_type = Some(v),
        "image" => f.image = Some(v),
        "restart" => f.restart = Some(v),
        "rm" => f.rm = b(),
        "command" => f.as_command = b(),
        "stdin" => f.stdin = b(),
        "tty" => f.tty = b(),
        "container" => f.container = Some(v),
        "tail" => f.tail = Some(v),
        "previous" => f.previous = b(),
        "to-revision" => f.to_revision = Some(v),
        "revision" => f.revision = Some(v),
        "timeout" => f.timeout = Some(v),
        "recursive" => f.recursive = b(),
        "client" => f.client = b(),
        _ => {}
    }
    Ok(())
}

/// Parses flags as pflag does: `--flag=value`, `--flag value`, `-o yaml`, `-oyaml`,
/// grouped boolean shorthands (`-it`), and `--` ending the flags.
pub(crate) fn parse_flags(cmd: &str, args: &[String]) -> Result<Flags, String> {
    let mut f = Flags::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            f.command = args[i..].to_vec();
            break;
        }
        if let Some(body) = a.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let Some(&(long, _, kind)) = FLAGS.iter().find(|(l, _, _)| *l == name) else {
                return Err(format!("error: unknown flag: --{name}"));
            };
            let v = match (kind, inline) {
                (_, Some(v)) => v,
                (Arg::Bool, None) => "true".into(),
                (Arg::Optional(d), None) => d.into(),
                (Arg::Value, None) => {
                    let Some(v) = args.get(i) else { return Err(format!("error: flag needs an argument: --{name}")) };
                    i += 1;
                    v.clone()
                }
            };
            if kind == Arg::Bool && v != "true" && v != "false" {
                return Err(format!("error: invalid argument \"{v}\" for \"--{name}\" flag: strconv.ParseBool: parsing \"{v}\": invalid syntax"));
            }
            set_flag(&mut f, long, v)?;
        } else if a.len() > 1 && a.starts_with('-') && !a[1..].starts_with(|c: char| c.is_ascii_digit()) {
            let shorts: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < shorts.len() {
                let ch = shorts[j];
                j += 1;
                // `kubectl logs -p` is --previous; elsewhere -p is --patch.
                let entry = if ch == 'p' && cmd == "logs" {
                    Some(&("previous", Some('p'), Arg::Bool))
                } else {
                    FLAGS.iter().find(|(_, s, _)| *s == Some(ch))
                };
                let Some(&(long, _, kind)) = entry else {
                    return Err(format!("error: unknown shorthand flag: '{ch}' in {a}"));
                };
                match kind {
                    Arg::Bool | Arg::Optional(_) => {
                        let d = if let Arg::Optional(d) = kind { d } else { "true" };
                        if shorts.get(j) == Some(&'=') {
                            let v: String = shorts[j + 1..].iter().collect();
                            set_flag(&mut f, long, v)?;
                            break;
                        }
                        set_flag(&mut f, long, d.into())?;
                    }
                    Arg::Value => {
                        let rest: String = shorts[j..].iter().collect();
                        let rest = rest.strip_prefix('=').map(str::to_string).unwrap_or(rest);
                        let v = if !rest.is_empty() {
                            rest
                        } else {
                            let Some(v) = args.get(i) else { return Err(format!("error: flag needs an argument: '{ch}' in -{ch}")) };
                            i += 1;
                            v.clone()
                        };
                        set_flag(&mut f, long, v)?;
                        break;
                    }
                }
            }
        } else {
            f.positional.push(a.clone());
        }
    }
    Ok(f)
}

/// The commands of kubectl, for "Did you mean this?".
pub(crate) const COMMANDS: &[&str] = &[
    "create", "expose", "run", "set", "explain", "get", "edit", "delete", "rollout", "scale", "autoscale", "certificate",
    "cluster-info", "top", "cordon", "uncordon", "drain", "taint", "describe", "logs", "attach", "exec", "port-forward",
    "proxy", "cp", "auth", "debug", "events", "diff", "apply", "patch", "replace", "wait", "kustomize", "label",
    "annotate", "completion", "api-resources", "api-versions", "config", "plugin", "version", "options",
];

pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// cobra's suggestions: commands within edit distance 2 (and closer than the typed word is
/// long), or that start with what was typed.
pub(crate) fn suggestions(typed: &str) -> Vec<&'static str> {
    let t = typed.to_lowercase();
    COMMANDS
        .iter()
        .copied()
        .filter(|c| {
            let d = levenshtein(&t, c);
            (d <= 2 && d < t.chars().count()) || (!t.is_empty() && c.starts_with(&t))
        })
        .collect()
}
