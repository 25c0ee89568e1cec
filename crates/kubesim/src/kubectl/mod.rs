//! A simulated `kubectl`: parses a command line as kubectl does (pflag flags, cobra's
//! suggestions) and runs it against the cluster, printing what the real tool prints.
//! `get`, `apply`, `delete`, `scale`, `cordon`/`drain`/`taint`/`label` live here;
//! `describe`, the in-place changes (`patch`, `set image`, `annotate`, `rollout`), the
//! read-only commands (`logs`, `exec`, `run`, `explain`, …), `-o` formats and selectors have
//! their own modules. Watches (`get -w`) are kept by [`crate::session::Session`].

use crate::apiserver::apply::resource_prefix;
use crate::cluster::Cluster;
use crate::kubectl::printers::{age, table};
use crate::api::meta::Key;
use std::collections::BTreeMap;

pub mod complete;
mod describe;
pub mod info;
mod mutate;
pub mod output;
pub mod printers;
pub mod selector;

/// What a command printed, and its exit status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
}

impl Output {
    pub fn ok(s: impl Into<String>) -> Output {
        Output { stdout: s.into(), stderr: String::new(), status: 0 }
    }
    pub fn err(s: impl Into<String>) -> Output {
        Output { stdout: String::new(), stderr: s.into(), status: 1 }
    }
}

/// `key=value:Effect` or `key:Effect`.
pub fn parse_taint(s: &str) -> Option<crate::api::model::Taint> {
    let (kv, effect) = s.rsplit_once(':')?;
    if !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
        return None;
    }
    let (key, value) = kv.split_once('=').unwrap_or((kv, ""));
    if key.is_empty() {
        return None;
    }
    Some(crate::api::model::Taint { key: key.into(), value: value.into(), effect: effect.into(), time_added: None })
}

/// Splits a command line like a POSIX shell (the kubelet's small shell owns the rules).
pub use crate::kubelet::program::shell_words;

/// Resource types kubectl knows here: canonical plural, kind, namespaced.
#[derive(Debug)]
pub(crate) struct ResourceType {
    pub(crate) plural: &'static str,
    pub(crate) kind: &'static str,
    pub(crate) group: &'static str,
    pub(crate) names: &'static [&'static str],
    pub(crate) namespaced: bool,
}

pub(crate) const TYPES: &[ResourceType] = &[
    ResourceType { plural: "pods", kind: "Pod", group: "", names: &["pod", "pods", "po"], namespaced: true },
    ResourceType { plural: "nodes", kind: "Node", group: "", names: &["node", "nodes", "no"], namespaced: false },
    ResourceType { plural: "daemonsets", kind: "DaemonSet", group: "apps", names: &["daemonset", "daemonsets", "ds", "daemonsets.apps"], namespaced: true },
    ResourceType { plural: "namespaces", kind: "Namespace", group: "", names: &["namespace", "namespaces", "ns"], namespaced: false },
    ResourceType { plural: "storageclasses", kind: "StorageClass", group: "storage.k8s.io", names: &["storageclass", "storageclasses", "sc", "storageclasses.storage.k8s.io"], namespaced: false },
    ResourceType { plural: "deployments", kind: "Deployment", group: "apps", names: &["deployment", "deployments", "deploy", "deployments.apps", "deployment.apps"], namespaced: true },
    ResourceType { plural: "replicasets", kind: "ReplicaSet", group: "apps", names: &["replicaset", "replicasets", "rs", "replicasets.apps", "replicaset.apps"], namespaced: true },
    ResourceType { plural: "events", kind: "Event", group: "", names: &["event", "events", "ev"], namespaced: true },
    ResourceType { plural: "statefulsets", kind: "StatefulSet", group: "apps", names: &["statefulset", "statefulsets", "sts", "statefulsets.apps"], namespaced: true },
    ResourceType { plural: "services", kind: "Service", group: "", names: &["service", "services", "svc"], namespaced: true },
    ResourceType { plural: "endpoints", kind: "Endpoints", group: "", names: &["endpoints", "ep"], namespaced: true },
    ResourceType { plural: "persistentvolumeclaims", kind: "PersistentVolumeClaim", group: "", names: &["persistentvolumeclaim", "persistentvolumeclaims", "pvc"], namespaced: true },
    ResourceType { plural: "persistentvolumes", kind: "PersistentVolume", group: "", names: &["persistentvolume", "persistentvolumes", "pv"], namespaced: false },
    ResourceType { plural: "controllerrevisions", kind: "ControllerRevision", group: "apps", names: &["controllerrevision", "controllerrevisions", "controllerrevisions.apps"], namespaced: true },
];

pub(crate) fn resource_type(name: &str) -> Option<&'static ResourceType> {
    let lower = name.to_lowercase();
    TYPES.iter().find(|t| t.names.contains(&lower.as_str()))
}

pub(crate) fn qualified_plural(t: &ResourceType) -> String {
    if t.group.is_empty() {
        t.plural.to_string()
    } else {
        format!("{}.{}", t.plural, t.group)
    }
}

/// Parsed flags common to the commands here.
#[derive(Clone, Debug, Default)]
pub(crate) struct Flags {
    pub(crate) positional: Vec<String>,
    /// Words after `--` (the command of `exec` and `run`).
    pub(crate) command: Vec<String>,
    /// `run --command`: the words after `--` are the container's command, not its args.
    pub(crate) as_command: bool,
    pub(crate) namespace: Option<String>,
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
enum Arg {
    Value,
    Bool,
    /// A value is optional: `--cascade` alone means `background`.
    Optional(&'static str),
}

/// The flags kubectl accepts here: long name, shorthand, argument.
const FLAGS: &[(&str, Option<char>, Arg)] = &[
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
    ("help", Some('h'), Arg::Bool),
];

fn set_flag(f: &mut Flags, long: &str, v: String) -> Result<(), String> {
    let b = || v == "true";
    match long {
        "namespace" => f.namespace = Some(v),
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
const COMMANDS: &[&str] = &[
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
fn suggestions(typed: &str) -> Vec<&'static str> {
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

/// Something that wants to see the cluster at every instant a waiting command lets pass
/// (the watches of the session).
pub type Observer<'a> = &'a mut dyn FnMut(&Cluster);

/// Moves the clock until `done` holds or `limit` has passed, letting `obs` look at every
/// instant on the way.
pub(crate) fn wait_until(c: &mut Cluster, limit: crate::runtime::time::Dur, done: impl Fn(&Cluster) -> bool, obs: &mut Option<Observer>) {
    let deadline = c.now.plus(limit);
    c.settle();
    if let Some(o) = obs.as_mut() {
        o(c);
    }
    while !done(c) {
        match c.next_event_at() {
            Some(at) if at <= deadline => {
                c.step();
            }
            _ => {
                c.advance(deadline.since(c.now));
                if let Some(o) = obs.as_mut() {
                    o(c);
                }
                break;
            }
        }
        if let Some(o) = obs.as_mut() {
            o(c);
        }
    }
}

/// Runs one kubectl command line (the words after `kubectl`). `files` is the simulated
/// working directory that `-f` reads; `stdin` is the heredoc body, if any.
pub fn run(c: &mut Cluster, args: &[String], files: &BTreeMap<String, String>, stdin: Option<&str>) -> Output {
    run_observed(c, args, files, stdin, None)
}

/// What `kubectl` alone prints: kubectl v1.33's root help, its command groups in order and
/// each command's short description (`pkg/cmd/cmd.go` and each command's `Short`; `alpha`
/// is hidden while it has no subcommands, `options` and `help` are not listed).
pub const ROOT_HELP: &str = "kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller
  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller

Cluster Management Commands:
  certificate     Modify certificate resources
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  attach          Attach to a running container
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod
  proxy           Run a proxy to the Kubernetes API server
  cp              Copy files and directories to and from containers
  auth            Inspect authorization
  debug           Create debugging sessions for troubleshooting workloads and nodes
  events          List events

Advanced Commands:
  diff            Diff the live version against a would-be applied version
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources
  kustomize       Build a kustomization target from a directory or URL

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource
  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)

Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of \"group/version\"
  config          Modify kubeconfig files
  plugin          Provides utilities for interacting with plugins
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use \"kubectl <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// As [`run`], with an observer that sees each instant a waiting command (`delete`, `drain`,
/// `rollout status`) lets pass.
pub fn run_observed(c: &mut Cluster, args: &[String], files: &BTreeMap<String, String>, stdin: Option<&str>, obs: Option<Observer>) -> Output {
    let mut obs = obs;
    // Global flags may come before the command: `kubectl -n kube-system get pods`.
    let mut idx = 0;
    while idx < args.len() && args[idx].starts_with('-') {
        let a = &args[idx];
        let takes_value = matches!(a.as_str(), "-n" | "--namespace" | "--context" | "--kubeconfig");
        idx += if takes_value { 2 } else { 1 };
    }
    let Some(cmd) = args.get(idx) else {
        return Output::ok(ROOT_HELP);
    };
    // `kubectl help` and `kubectl --help` alone print the same as `kubectl`.
    if (cmd == "help" && args.len() == idx + 1) || (args.len() == 1 && matches!(cmd.as_str(), "--help" | "-h")) {
        return Output::ok(ROOT_HELP);
    }
    let mut rest: Vec<String> = args[..idx].to_vec();
    rest.extend(args[idx + 1..].iter().cloned());
    if !COMMANDS.contains(&cmd.as_str()) && cmd != "help" {
        let mut msg = format!("error: unknown command \"{cmd}\" for \"kubectl\"");
        let s = suggestions(cmd);
        if !s.is_empty() {
            msg.push_str("\n\nDid you mean this?\n");
            for x in s {
                msg.push_str(&format!("\t{x}\n"));
            }
        }
        msg.push_str("\nRun 'kubectl --help' for usage.\n");
        return Output::err(msg);
    }
    let flags = match parse_flags(cmd, &rest) {
        Ok(f) => f,
        Err(e) => return Output::err(format!("{e}\nSee 'kubectl {cmd} --help' for usage.\n")),
    };
    if let Some(sel) = &flags.selector {
        if let Err(e) = selector::parse(sel) {
            return Output::err(format!("error: {e}\n"));
        }
    }
    match cmd.as_str() {
        "apply" | "create" => apply(c, cmd, &flags, files, stdin),
        "get" => get(c, &flags),
        "delete" if !flags.files.is_empty() => delete_files(c, &flags, files, stdin, &mut obs),
        "delete" => delete(c, &flags, &mut obs),
        "scale" => scale(c, &flags),
        "cordon" | "uncordon" => cordon(c, cmd == "cordon", &flags),
        "drain" => drain(c, &flags, &mut obs),
        "taint" => taint(c, &flags),
        "label" => label(c, &flags),
        "describe" => describe::describe(c, &flags),
        "patch" => mutate::patch(c, &flags),
        "set" => mutate::set(c, &flags),
        "annotate" => mutate::annotate(c, &flags),
        "rollout" => mutate::rollout(c, &flags, &mut obs),
        "logs" => info::logs(c, &flags),
        "exec" => info::exec(c, &flags),
        "run" => info::run(c, &flags),
        "explain" => info::explain_cmd(&flags),
        "api-resources" => info::api_resources(),
        "version" => info::version(&flags),
        "cluster-info" => info::cluster_info(&flags),
        "config" => info::config(&flags),
        other => Output::err(format!("error: \"{other}\" is not supported by this simulated kubectl\n")),
    }
}

fn apply(c: &mut Cluster, cmd: &str, f: &Flags, files: &BTreeMap<String, String>, stdin: Option<&str>) -> Output {
    if f.files.is_empty() {
        return Output::err("error: must specify one of -f and -k\n\n");
    }
    let mut out = Output::default();
    // `-f` names a file, `-` (standard input) or a directory: every .yaml, .yml and .json file
    // under it, in lexical order, as kubectl walks it.
    let mut inputs: Vec<(String, String)> = Vec::new();
    for name in &f.files {
        if name == "-" {
            inputs.push((name.clone(), stdin.unwrap_or("").to_string()));
        } else if let Some(t) = files.get(name) {
            inputs.push((name.clone(), t.clone()));
        } else {
            let dir = name.trim_start_matches("./").trim_end_matches('/');
            let prefix = if dir.is_empty() || dir == "." { String::new() } else { format!("{dir}/") };
            let found: Vec<(String, String)> = files
                .iter()
                .filter(|(n, _)| n.starts_with(&prefix) && [".yaml", ".yml", ".json"].iter().any(|e| n.ends_with(e)))
                .map(|(n, t)| (n.clone(), t.clone()))
                .collect();
            if found.is_empty() {
                out.stderr.push_str(&format!("error: the path \"{name}\" does not exist\n"));
                out.status = 1;
            }
            inputs.extend(found);
        }
    }
    for (name, text) in &inputs {
        match c.apply_text(text) {
            Ok(outcomes) => {
                for o in outcomes {
                    if cmd == "create" && o.verb != "created" {
                        out.stderr.push_str(&format!(
                            "Error from server (AlreadyExists): error when creating \"{name}\": {} \"{}\" already exists\n",
                            resource_type(&o.kind).map(qualified_plural).unwrap_or_default(),
                            o.key.name
                        ));
                        out.status = 1;
                    } else {
                        out.stdout.push_str(&o.line());
                        out.stdout.push('\n');
                    }
                }
            }
            Err(e) => {
                out.stderr.push_str(&e.api_message(name));
                out.stderr.push('\n');
                out.status = 1;
            }
        }
    }
    out
}

fn selector_matches(sel: &str, labels: &crate::api::model::Labels) -> Result<bool, String> {
    selector::parse(sel).map(|s| s.matches(labels))
}

/// `kubectl get deploy,rs`: one table per type, separated by a blank line, with names
/// prefixed `kind.group/`. Types without objects print nothing; if none has any, the usual
/// `No resources found` line.
fn get_many(c: &Cluster, f: &Flags, types: &[&str]) -> Output {
    // -o yaml|json|jsonpath: one List holding the objects of every type.
    if let Some(o) = f.output.as_deref().filter(|o| !matches!(*o, "wide" | "name")) {
        let mut all = Vec::new();
        for t in types {
            let Some(rt) = resource_type(t) else { continue };
            let mut one = Flags { positional: vec![t.to_string()], ..f.clone() };
            one.positional.extend(f.positional.iter().skip(1).cloned());
            all.extend(collect(c, rt, &one).1.into_iter().map(|i| i.json));
        }
        if all.is_empty() {
            let ns = f.namespace.clone().unwrap_or_else(|| "default".into());
            return Output { stdout: String::new(), stderr: if f.all_namespaces { "No resources found\n".into() } else { format!("No resources found in {ns} namespace.\n") }, status: 0 };
        }
        let root = serde_json::json!({"apiVersion": "v1", "items": all, "kind": "List", "metadata": {"resourceVersion": ""}});
        return match output::format(o, &root) {
            Ok(s) => Output::ok(s),
            Err(e) => Output::err(e),
        };
    }
    let mut out = Output::default();
    let mut empty = 0;
    for t in types {
        let mut one = Flags { positional: vec![t.to_string()], prefix_names: true, ..f.clone() };
        one.positional.extend(f.positional.iter().skip(1).cloned());
        let o = get(c, &one);
        if o.stdout.is_empty() && o.status == 0 {
            empty += 1;
            continue;
        }
        if !out.stdout.is_empty() && !o.stdout.is_empty() {
            out.stdout.push('\n');
        }
        out.stdout.push_str(&o.stdout);
        out.stderr.push_str(&o.stderr);
        out.status = out.status.max(o.status);
    }
    if empty == types.len() {
        let ns = f.namespace.clone().unwrap_or_else(|| "default".into());
        out.stderr = if f.all_namespaces { "No resources found\n".into() } else { format!("No resources found in {ns} namespace.\n") };
    }
    out
}

/// What `kubectl get all` lists, in discovery order.
const ALL: &[&str] = &["pods", "services", "daemonsets", "deployments", "replicasets", "statefulsets"];

fn get(c: &Cluster, f: &Flags) -> Output {
    if let Some(e) = (f.watch || f.watch_only).then(|| watch_refusal(&f.positional)).flatten() {
        // Named objects are fetched before the kinds are compared: a missing one is the
        // error then.
        if f.positional[0].contains('/') {
            let o = get(c, &Flags { watch: false, watch_only: false, ..f.clone() });
            if o.status != 0 {
                return Output { stdout: String::new(), ..o };
            }
        }
        return Output::err(e);
    }
    if f.positional.first().is_some_and(|w| w.contains('/')) {
        // `get pod/a deploy/b`: one listing per type, in the order given.
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for p in &f.positional {
            let Some((what, name)) = p.split_once('/') else {
                return Output::err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n");
            };
            match groups.iter_mut().find(|(w, _)| resource_type(w).map(|t| t.kind) == resource_type(what).map(|t| t.kind)) {
                Some((_, names)) => names.push(name.to_string()),
                None => groups.push((what.to_string(), vec![name.to_string()])),
            }
        }
        let mut out = Output::default();
        for (what, names) in &groups {
            let g = Flags { positional: std::iter::once(what.clone()).chain(names.iter().cloned()).collect(), prefix_names: groups.len() > 1, ..f.clone() };
            let o = get(c, &g);
            if !out.stdout.is_empty() && !o.stdout.is_empty() {
                out.stdout.push('\n');
            }
            out.stdout.push_str(&o.stdout);
            out.stderr.push_str(&o.stderr);
            out.status = out.status.max(o.status);
        }
        return out;
    }
    if f.positional.first().is_some_and(|w| w == "all") {
        return get_many(c, f, ALL);
    }
    if f.watch || f.watch_only {
        // The session starts the watch; here only the initial listing (none for
        // --watch-only, and no "No resources found" either way).
        if f.watch_only {
            return Output::default();
        }
        let mut g = f.clone();
        g.watch = false;
        let mut o = get(c, &g);
        if o.stdout.is_empty() && o.status == 0 {
            o.stderr.clear();
        }
        return o;
    }
    if let Some(what) = f.positional.first().filter(|w| w.contains(',')) {
        let types: Vec<&str> = what.split(',').filter(|s| !s.is_empty()).collect();
        if let Some(bad) = types.iter().find(|t| resource_type(t).is_none()) {
            return Output::err(format!("error: the server doesn't have a resource type \"{bad}\"\n"));
        }
        return get_many(c, f, &types);
    }
    let Some(what) = f.positional.first() else {
        return Output::err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n");
    };
    let Some(t) = resource_type(what) else {
        return Output::err(format!("error: the server doesn't have a resource type \"{what}\"\n"));
    };
    collect_and_print(c, t, f)
}

/// One object of a listing: its metadata, its API form and its table row.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub(crate) meta: crate::api::model::ObjectMeta,
    pub(crate) json: serde_json::Value,
    pub(crate) row: Vec<String>,
}

fn item_meta<T: serde::Serialize + crate::api::meta::Object>(o: &T, t: &ResourceType) -> (crate::api::model::ObjectMeta, serde_json::Value) {
    let mut json = serde_json::to_value(o).unwrap_or(serde_json::Value::Null);
    output::fix_initialisms(&mut json);
    if let Some(ip) = json.pointer("/status/podIP").cloned() {
        json["status"]["podIPs"] = serde_json::json!([{ "ip": ip }]);
    }
    if let Some(ip) = json.pointer("/status/hostIP").cloned() {
        json["status"]["hostIPs"] = serde_json::json!([{ "ip": ip }]);
    }
    if let Some(m) = json.as_object_mut() {
        let api = if t.group.is_empty() { "v1".to_string() } else { format!("{}/v1", t.group) };
        m.insert("apiVersion".into(), serde_json::Value::String(api));
        m.insert("kind".into(), serde_json::Value::String(t.kind.into()));
    }
    (o.meta().clone(), json)
}

/// The header and the objects of one type that `f` selects (namespace, names, `-l`), in
/// the order the API server lists them.
pub(crate) fn collect(c: &Cluster, t: &ResourceType, f: &Flags) -> (Vec<&'static str>, Vec<Item>) {
    let ns = f.namespace.clone().unwrap_or_else(|| "default".into());
    let names: Vec<&String> = f.positional.iter().skip(1).collect();
    let wide = f.output.as_deref() == Some("wide");
    let in_scope = |meta: &crate::api::model::ObjectMeta| -> bool {
        (!t.namespaced || f.all_namespaces || meta.namespace == ns)
            && (names.is_empty() || names.contains(&&meta.name))
            && f.selector.as_ref().is_none_or(|s| selector_matches(s, &meta.labels).unwrap_or(false))
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut metas: Vec<(crate::api::model::ObjectMeta, serde_json::Value)> = Vec::new();
    let header: Vec<&str>;
    match t.kind {
        "Pod" => {
            header = if wide {
                vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"]
            } else {
                vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
            };
            for p in c.pods().filter(|p| in_scope(&p.metadata)) {
                metas.push(item_meta(p, t));
                let mut r = vec![
                    p.metadata.name.clone(),
                    printers::pod_ready(p),
                    printers::pod_status(p),
                    printers::pod_restarts_at(p, c.now),
                    age(c, &p.metadata),
                ];
                if wide {
                    r.push(if p.status.pod_ip.is_empty() { "<none>".into() } else { p.status.pod_ip.clone() });
                    r.push(if p.spec.node_name.is_empty() { "<none>".into() } else { p.spec.node_name.clone() });
                    r.push("<none>".into());
                    r.push("<none>".into());
                }
                rows.push(r);
            }
        }
        "Node" => {
            header = if wide {
                vec!["NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"]
            } else {
                vec!["NAME", "STATUS", "ROLES", "AGE", "VERSION"]
            };
            for n in c.nodes().filter(|n| in_scope(&n.metadata)) {
                metas.push(item_meta(n, t));
                let mut r = vec![
                    n.metadata.name.clone(),
                    printers::node_status(n),
                    printers::node_roles(n),
                    age(c, &n.metadata),
                    n.status.node_info.kubelet_version.clone(),
                ];
                if wide {
                    let ip = n.status.addresses.iter().find(|a| a.type_ == "InternalIP").map(|a| a.address.clone());
                    r.push(ip.unwrap_or_else(|| "<none>".into()));
                    r.push("<none>".into());
                    r.push(n.status.node_info.os_image.clone());
                    r.push(n.status.node_info.kernel_version.clone());
                    r.push(n.status.node_info.container_runtime_version.clone());
                }
                rows.push(r);
            }
        }
        "DaemonSet" => {
            header = if wide {
                vec!["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"]
            } else {
                vec!["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"]
            };
            for d in c.daemonsets().filter(|d| in_scope(&d.metadata)) {
                metas.push(item_meta(d, t));
                let s = &d.status;
                let tmpl = d.spec.template.clone().unwrap_or_default();
                let ns_sel = if tmpl.spec.node_selector.is_empty() {
                    "<none>".to_string()
                } else {
                    tmpl.spec.node_selector.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
                };
                let mut r = vec![
                    d.metadata.name.clone(),
                    s.desired_number_scheduled.to_string(),
                    s.current_number_scheduled.to_string(),
                    s.number_ready.to_string(),
                    s.updated_number_scheduled.to_string(),
                    s.number_available.to_string(),
                    ns_sel,
                    age(c, &d.metadata),
                ];
                if wide {
                    r.push(tmpl.spec.containers.iter().map(|x| x.name.clone()).collect::<Vec<_>>().join(","));
                    r.push(tmpl.spec.containers.iter().map(|x| x.image.clone()).collect::<Vec<_>>().join(","));
                    r.push(d.spec.selector.as_ref().map(|s| s.to_display()).unwrap_or_default());
                }
                rows.push(r);
            }
        }
        "Deployment" => {
            header = if wide {
                vec!["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"]
            } else {
                vec!["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]
            };
            for d in c.deployments().filter(|d| in_scope(&d.metadata)) {
                metas.push(item_meta(d, t));
                let s = &d.status;
                let tmpl = d.spec.template.clone().unwrap_or_default();
                let mut r = vec![
                    d.metadata.name.clone(),
                    format!("{}/{}", s.ready_replicas, d.spec.replicas.unwrap_or(1)),
                    s.updated_replicas.to_string(),
                    s.available_replicas.to_string(),
                    age(c, &d.metadata),
                ];
                if wide {
                    r.extend(workload_wide(&tmpl, d.spec.selector.as_ref()));
                }
                rows.push(r);
            }
        }
        "ReplicaSet" => {
            header = if wide {
                vec!["NAME", "DESIRED", "CURRENT", "READY", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"]
            } else {
                vec!["NAME", "DESIRED", "CURRENT", "READY", "AGE"]
            };
            for rs in c.replicasets().filter(|r| in_scope(&r.metadata)) {
                metas.push(item_meta(rs, t));
                let tmpl = rs.spec.template.clone().unwrap_or_default();
                let mut r = vec![
                    rs.metadata.name.clone(),
                    rs.spec.replicas.unwrap_or(1).to_string(),
                    rs.status.replicas.to_string(),
                    rs.status.ready_replicas.to_string(),
                    age(c, &rs.metadata),
                ];
                if wide {
                    r.extend(workload_wide(&tmpl, rs.spec.selector.as_ref()));
                }
                rows.push(r);
            }
        }
        "Namespace" => {
            header = vec!["NAME", "STATUS", "AGE"];
            for n in c.namespaces().filter(|n| in_scope(&n.metadata)) {
                metas.push(item_meta(n, t));
                let r = vec![n.metadata.name.clone(), "Active".into(), age(c, &n.metadata)];
                rows.push(r);
            }
        }
        "StorageClass" => {
            header = vec!["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"];
            for s in c.storageclasses().filter(|s| in_scope(&s.metadata)) {
                metas.push(item_meta(s, t));
                let default = s.metadata.annotations.get("storageclass.kubernetes.io/is-default-class").is_some_and(|v| v == "true");
                let r = vec![
                    if default { format!("{} (default)", s.metadata.name) } else { s.metadata.name.clone() },
                    s.provisioner.clone(),
                    s.reclaim_policy.clone().unwrap_or_else(|| "Delete".into()),
                    s.volume_binding_mode.clone().unwrap_or_else(|| "Immediate".into()),
                    s.allow_volume_expansion.unwrap_or(false).to_string(),
                    age(c, &s.metadata),
                ];
                rows.push(r);
            }
        }
        "StatefulSet" => {
            header = if wide { vec!["NAME", "READY", "AGE", "CONTAINERS", "IMAGES"] } else { vec!["NAME", "READY", "AGE"] };
            for s in c.statefulsets().filter(|s| in_scope(&s.metadata)) {
                metas.push(item_meta(s, t));
                let mut r = vec![
                    s.metadata.name.clone(),
                    format!("{}/{}", s.status.ready_replicas, s.spec.replicas.unwrap_or(1)),
                    age(c, &s.metadata),
                ];
                if wide {
                    let tmpl = s.spec.template.clone().unwrap_or_default();
                    r.push(tmpl.spec.containers.iter().map(|x| x.name.clone()).collect::<Vec<_>>().join(","));
                    r.push(tmpl.spec.containers.iter().map(|x| x.image.clone()).collect::<Vec<_>>().join(","));
                }
                rows.push(r);
            }
        }
        "Service" => {
            header = if wide {
                vec!["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"]
            } else {
                vec!["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"]
            };
            for s in c.services().filter(|s| in_scope(&s.metadata)) {
                metas.push(item_meta(s, t));
                let external = if !s.spec.external_ips.is_empty() {
                    s.spec.external_ips.join(",")
                } else if s.spec.type_ == "LoadBalancer" {
                    "<pending>".into()
                } else if s.spec.type_ == "ExternalName" {
                    s.spec.external_name.clone()
                } else {
                    "<none>".into()
                };
                let mut r = vec![
                    s.metadata.name.clone(),
                    s.spec.type_.clone(),
                    s.spec.cluster_ips.first().cloned().unwrap_or_else(|| if s.spec.cluster_ip.is_empty() { "<none>".into() } else { s.spec.cluster_ip.clone() }),
                    external,
                    crate::controllers::service::ports_string(s),
                    age(c, &s.metadata),
                ];
                if wide {
                    r.push(if s.spec.selector.is_empty() { "<none>".into() } else { printers::labels_string(&s.spec.selector) });
                }
                rows.push(r);
            }
        }
        "Endpoints" => {
            header = vec!["NAME", "ENDPOINTS", "AGE"];
            for e in c.all_endpoints().filter(|e| in_scope(&e.metadata)) {
                metas.push(item_meta(e, t));
                let r = vec![e.metadata.name.clone(), crate::controllers::service::endpoints_string(e), age(c, &e.metadata)];
                rows.push(r);
            }
        }
        "PersistentVolumeClaim" => {
            header = if wide {
                vec!["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE", "VOLUMEMODE"]
            } else {
                vec!["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"]
            };
            for p in c.pvcs().filter(|p| in_scope(&p.metadata)) {
                metas.push(item_meta(p, t));
                let bound = !p.spec.volume_name.is_empty();
                let mut r = vec![
                    p.metadata.name.clone(),
                    if p.metadata.deletion_timestamp.is_some() { "Terminating".into() } else { p.status.phase.clone() },
                    p.spec.volume_name.clone(),
                    if bound { p.status.capacity.get("storage").map(|q| q.canonical()).unwrap_or_default() } else { String::new() },
                    if bound { crate::controllers::storage::access_modes_string(&p.status.access_modes) } else { String::new() },
                    p.spec.storage_class_name.clone().unwrap_or_default(),
                    p.spec.volume_attributes_class_name.clone().unwrap_or_else(|| "<unset>".into()),
                    age(c, &p.metadata),
                ];
                if wide {
                    r.push(p.spec.volume_mode.clone().unwrap_or_default());
                }
                rows.push(r);
            }
        }
        "PersistentVolume" => {
            header = if wide {
                vec!["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE", "VOLUMEMODE"]
            } else {
                vec!["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE"]
            };
            for p in c.pvs().filter(|p| in_scope(&p.metadata)) {
                metas.push(item_meta(p, t));
                let mut r = vec![
                    p.metadata.name.clone(),
                    p.spec.capacity.get("storage").map(|q| q.canonical()).unwrap_or_default(),
                    crate::controllers::storage::access_modes_string(&p.spec.access_modes),
                    p.spec.persistent_volume_reclaim_policy.clone(),
                    if p.metadata.deletion_timestamp.is_some() { "Terminating".into() } else { p.status.phase.clone() },
                    p.spec.claim_ref.as_ref().map(|r| format!("{}/{}", r.namespace, r.name)).unwrap_or_default(),
                    p.spec.storage_class_name.clone(),
                    p.spec.volume_attributes_class_name.clone().unwrap_or_else(|| "<unset>".into()),
                    p.status.reason.clone(),
                    age(c, &p.metadata),
                ];
                if wide {
                    r.push(p.spec.volume_mode.clone());
                }
                rows.push(r);
            }
        }
        "ControllerRevision" => {
            header = vec!["NAME", "CONTROLLER", "REVISION", "AGE"];
            for r in c.controllerrevisions().filter(|r| in_scope(&r.metadata)) {
                metas.push(item_meta(r, t));
                use crate::api::meta::Object;
                let controller = r
                    .controller_ref()
                    .map(|o| {
                        let group = o.api_version.split_once('/').map(|(g, _)| g).unwrap_or("");
                        if group.is_empty() { format!("{}/{}", o.kind.to_lowercase(), o.name) } else { format!("{}.{group}/{}", o.kind.to_lowercase(), o.name) }
                    })
                    .unwrap_or_else(|| "<none>".into());
                let row = vec![r.metadata.name.clone(), controller, r.revision.to_string(), age(c, &r.metadata)];
                rows.push(row);
            }
        }
        _ => {
            header = if wide {
                vec!["LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"]
            } else {
                vec!["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
            };
            // The API server lists events by name: `<object>.<hex time>`.
            let mut evs: Vec<&crate::api::model::Event> = c.events().iter().filter(|e| in_scope(&e.metadata)).collect();
            evs.sort_by(|a, b| (&a.metadata.namespace, &a.metadata.name).cmp(&(&b.metadata.namespace, &b.metadata.name)));
            for e in evs {
                metas.push(item_meta(e, t));
                let object = format!("{}/{}", e.involved_object.kind.to_lowercase(), e.involved_object.name);
                let last = printers::age_since(c.now, crate::runtime::time::Time(e.last_ms));
                if wide {
                    let source = if e.source.host.is_empty() { e.source.component.clone() } else { format!("{}, {}", e.source.component, e.source.host) };
                    rows.push(vec![
                        last,
                        e.type_.clone(),
                        e.reason.clone(),
                        object,
                        e.involved_object.field_path.clone(),
                        source,
                        e.message.clone(),
                        printers::age_since(c.now, crate::runtime::time::Time(e.first_ms)),
                        e.count.to_string(),
                        e.metadata.name.clone(),
                    ]);
                } else {
                    rows.push(vec![last, e.type_.clone(), e.reason.clone(), object, e.message.clone()]);
                }
            }
        }
    }
    let items = metas.into_iter().zip(rows).map(|((meta, json), row)| Item { meta, json, row }).collect();
    (header, items)
}

fn collect_and_print(c: &Cluster, t: &'static ResourceType, f: &Flags) -> Output {
    let ns = f.namespace.clone().unwrap_or_else(|| "default".into());
    let names: Vec<&String> = f.positional.iter().skip(1).collect();
    let (header, mut items) = collect(c, t, f);
    // Named objects that do not exist.
    let mut err = String::new();
    for n in &names {
        if !items.iter().any(|i| &&i.meta.name == n) {
            err.push_str(&format!("Error from server (NotFound): {} \"{}\" not found\n", qualified_plural(t), n));
        }
    }
    if let Some(path) = &f.sort_by {
        if let Err(e) = sort_items(&mut items, path) {
            return Output::err(e);
        }
    }
    let failed = i32::from(!err.is_empty());
    if items.is_empty() {
        if err.is_empty() {
            let msg = if t.namespaced && !f.all_namespaces {
                format!("No resources found in {ns} namespace.\n")
            } else {
                "No resources found\n".to_string()
            };
            return Output { stdout: String::new(), stderr: msg, status: 0 };
        }
        return Output { stdout: String::new(), stderr: err, status: 1 };
    }
    match f.output.as_deref() {
        None | Some("wide") => {}
        Some("name") => {
            let prefix = resource_prefix(t.kind);
            let s: String = items.iter().map(|i| format!("{prefix}/{}\n", i.meta.name)).collect();
            return Output { stdout: s, stderr: err, status: failed };
        }
        Some(o) => {
            // A single named object prints as itself; anything else as a List.
            let root = if names.len() == 1 && items.len() == 1 {
                items[0].json.clone()
            } else {
                serde_json::json!({
                    "apiVersion": "v1",
                    "items": items.iter().map(|i| i.json.clone()).collect::<Vec<_>>(),
                    "kind": "List",
                    "metadata": {"resourceVersion": ""},
                })
            };
            return match output::format(o, &root) {
                Ok(s) => Output { stdout: s, stderr: err, status: failed },
                Err(e) => Output::err(e),
            };
        }
    }
    let head = header_cells(t, f, &header);
    let rows: Vec<Vec<String>> = items.iter().map(|i| decorate_row(t, f, i)).collect();
    let mut all = Vec::new();
    if !f.no_headers {
        all.push(head);
    }
    all.extend(rows);
    if t.kind == "Endpoints" {
        err.insert_str(0, "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n");
    }
    Output { stdout: table(&all), stderr: err, status: failed }
}

/// The header of a listing with the columns `-A`, `--show-labels` and `-L` add.
pub(crate) fn header_cells(t: &ResourceType, f: &Flags, header: &[&str]) -> Vec<String> {
    let mut head: Vec<String> = header.iter().map(|s| s.to_string()).collect();
    if f.all_namespaces && t.namespaced {
        head.insert(0, "NAMESPACE".into());
    }
    if f.show_labels {
        head.push("LABELS".into());
    }
    for k in &f.label_columns {
        head.push(k.rsplit('/').next().unwrap_or(k).to_uppercase());
    }
    head
}

/// One row of a listing with the cells `-A`, `--show-labels`, `-L` and a multi-type
/// listing's `kind/` prefix add.
pub(crate) fn decorate_row(t: &ResourceType, f: &Flags, i: &Item) -> Vec<String> {
    let mut r = i.row.clone();
    if f.prefix_names {
        r[0] = format!("{}/{}", resource_prefix(t.kind), r[0]);
    }
    if f.all_namespaces && t.namespaced {
        r.insert(0, i.meta.namespace.clone());
    }
    if f.show_labels {
        r.push(printers::labels_string(&i.meta.labels));
    }
    for k in &f.label_columns {
        r.push(i.meta.labels.get(k).cloned().unwrap_or_default());
    }
    r
}

/// `--sort-by=.metadata.name` and the like: a JSONPath into each object; strings sort as
/// strings, numbers as numbers, missing values first.
fn sort_items(items: &mut [Item], path: &str) -> Result<(), String> {
    let expr = path.trim().trim_start_matches('{').trim_end_matches('}');
    let expr = if expr.starts_with('.') { expr.to_string() } else { format!(".{expr}") };
    let key = |i: &Item| -> Result<Option<serde_json::Value>, String> {
        let v = output::jsonpath_values(&i.json, &expr)?;
        Ok(v.into_iter().next())
    };
    let mut keyed: Vec<(Option<serde_json::Value>, Item)> = Vec::new();
    for i in items.iter() {
        keyed.push((key(i).map_err(|e| format!("error: {e}\n"))?, i.clone()));
    }
    keyed.sort_by(|(a, _), (b, _)| match (a, b) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, _) => std::cmp::Ordering::Less,
        (_, None) => std::cmp::Ordering::Greater,
        (Some(a), Some(b)) => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
            _ => output::scalar_string(a).cmp(&output::scalar_string(b)),
        },
    });
    for (slot, (_, i)) in items.iter_mut().zip(keyed) {
        *slot = i;
    }
    Ok(())
}

/// Why kubectl refuses to watch these arguments, if it does: a watch follows one type.
/// `get sts,pods -w` and `get all -w` name several types, which the resource builder
/// refuses before asking the server (`SingleResourceType`); `get pod/a sts/b -w` finds
/// objects of several kinds, which `kubectl get`'s watch refuses (multipleGVKsRequested).
fn watch_refusal(positional: &[String]) -> Option<String> {
    let first = positional.first()?;
    if first.contains('/') {
        let mut kinds = positional.iter().filter_map(|p| p.split_once('/')).map(|(t, _)| resource_type(t).map(|t| t.kind));
        let one = kinds.next()?;
        return kinds
            .any(|k| k != one)
            .then(|| "error: watch is only supported on individual resources and resource collections - more than 1 resource was found\n".to_string());
    }
    (first == "all" || first.split(',').filter(|t| !t.is_empty()).count() > 1).then(|| "error: you may only specify a single resource type\n".to_string())
}

/// If `args` (the words after `kubectl`) is a `get -w`/`--watch-only` of one type, the
/// type and the flags the watch lists with.
pub(crate) fn watch_request(args: &[String]) -> Option<(&'static ResourceType, Flags)> {
    let i = args.iter().position(|a| a == "get")?;
    let mut rest: Vec<String> = args[..i].to_vec();
    rest.extend(args[i + 1..].iter().cloned());
    let mut f = parse_flags("get", &rest).ok()?;
    if !(f.watch || f.watch_only) {
        return None;
    }
    if f.positional.first().is_some_and(|w| w.contains('/')) {
        let (what, names) = type_and_names(&f.positional)?;
        f.positional = std::iter::once(what).chain(names).collect();
    }
    let t = resource_type(f.positional.first()?)?;
    Some((t, f))
}

/// CONTAINERS, IMAGES and SELECTOR cells of `-o wide` for a workload.
fn workload_wide(t: &crate::api::model::PodTemplateSpec, sel: Option<&crate::api::model::LabelSelector>) -> Vec<String> {
    vec![
        t.spec.containers.iter().map(|x| x.name.clone()).collect::<Vec<_>>().join(","),
        t.spec.containers.iter().map(|x| x.image.clone()).collect::<Vec<_>>().join(","),
        sel.map(|s| s.to_display()).unwrap_or_default(),
    ]
}

pub(crate) fn mutate_not_found(t: &ResourceType, name: &str) -> Output {
    Output::err(format!("Error from server (NotFound): {} \"{name}\" not found\n", qualified_plural(t)))
}

/// `TYPE NAME…` or `TYPE/NAME…`: the resource type and the names.
pub(crate) fn type_and_names(positional: &[String]) -> Option<(String, Vec<String>)> {
    let first = positional.first()?;
    if let Some((t, n)) = first.split_once('/') {
        let mut names = vec![n.to_string()];
        for p in &positional[1..] {
            names.push(p.split_once('/').map(|(_, n)| n.to_string()).unwrap_or_else(|| p.clone()));
        }
        return Some((t.to_string(), names));
    }
    Some((first.clone(), positional[1..].to_vec()))
}

/// `kubectl scale TYPE NAME --replicas=N`.
fn scale(c: &mut Cluster, f: &Flags) -> Output {
    let Some(replicas) = f.replicas.as_ref() else {
        return Output::err("error: required flag(s) \"replicas\" not set\n");
    };
    let Ok(n) = replicas.parse::<i32>() else {
        return Output::err(format!("error: invalid argument \"{replicas}\" for \"--replicas\" flag: strconv.ParseInt: parsing \"{replicas}\": invalid syntax\n"));
    };
    if n < 0 {
        return Output::err("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n");
    }
    let Some((what, names)) = type_and_names(&f.positional) else {
        return Output::err("error: You must provide one or more resources by argument or filename.\n");
    };
    let Some(t) = resource_type(&what) else {
        return Output::err(format!("error: the server doesn't have a resource type \"{what}\"\n"));
    };
    if names.is_empty() {
        return Output::err("error: resource(s) were provided, but no name was specified\n");
    }
    let ns = f.namespace.clone().unwrap_or_else(|| "default".into());
    let mut out = Output::default();
    let mut scaled = false;
    for name in names {
        let key = Key::new(&ns, &name);
        let ok = match t.kind {
            "Deployment" => c.scale_deployment(&key, n),
            "ReplicaSet" => c.scale_replicaset(&key, n),
            "StatefulSet" => c.scale_statefulset(&key, n),
            _ => {
                out.stderr.push_str(&format!("error: no scaler has been implemented for {{\"{}\" \"{}\"}}\n", t.group, t.kind));
                out.status = 1;
                continue;
            }
        };
        if ok {
            out.stdout.push_str(&format!("{}/{name} scaled\n", resource_prefix(t.kind)));
            scaled = true;
        } else {
            out.stderr.push_str(&format!("Error from server (NotFound): {} \"{name}\" not found\n", qualified_plural(t)));
            out.status = 1;
        }
    }
    // A scale that found nothing changed nothing: the controllers do not run for it.
    if scaled {
        c.settle();
    }
    out
}

/// `kubectl cordon NODE` / `uncordon NODE`.
fn cordon(c: &mut Cluster, on: bool, f: &Flags) -> Output {
    let Some(name) = f.positional.first() else {
        return Output::err(format!("error: USAGE: {} NODE [flags]\nSee 'kubectl {} -h' for help and examples\n", if on { "cordon" } else { "uncordon" }, if on { "cordon" } else { "uncordon" }));
    };
    let verb = if on { "cordoned" } else { "uncordoned" };
    match c.set_unschedulable(name, on) {
        Ok(true) => {
            c.settle();
            Output::ok(format!("node/{name} {verb}\n"))
        }
        Ok(false) => Output::ok(format!("node/{name} already {verb}\n")),
        Err(e) => Output::err(format!("{e}\n")),
    }
}

/// `kubectl drain NODE`: cordon, check every pod against drain's filters, then evict and
/// wait for the evicted pods to be gone. All lines go to stdout in the order the real tool
/// prints them across its two streams, except the final error.
fn drain(c: &mut Cluster, f: &Flags, obs: &mut Option<Observer>) -> Output {
    let Some(name) = f.positional.first().cloned() else {
        return Output::err("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n");
    };
    let mut out = Output::default();
    match c.set_unschedulable(&name, true) {
        Ok(true) => out.stdout.push_str(&format!("node/{name} cordoned\n")),
        Ok(false) => out.stdout.push_str(&format!("node/{name} already cordoned\n")),
        Err(e) => return Output::err(format!("{e}\n")),
    }
    c.settle();
    // The filters of pkg/drain, in order; a failing filter stops the chain for that pod.
    let mut errors: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut warnings: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut evict: Vec<Key> = Vec::new();
    let pods: Vec<crate::api::model::Pod> = c.pods_on(&name).cloned().collect();
    for p in &pods {
        if p.metadata.deletion_timestamp.is_some() {
            continue;
        }
        let id = format!("{}/{}", p.metadata.namespace, p.metadata.name);
        let terminal = p.status.phase == "Succeeded" || p.status.phase == "Failed";
        let controller = p.metadata.owner_references.iter().find(|r| r.controller == Some(true));
        if !terminal && controller.is_some_and(|r| r.kind == "DaemonSet") {
            if f.ignore_daemonsets {
                warnings.entry("ignoring DaemonSet-managed Pods").or_default().push(id);
            } else {
                errors.entry("cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)").or_default().push(id);
            }
            continue;
        }
        if !terminal && p.spec.volumes.iter().any(|v| v.empty_dir.is_some()) {
            if f.delete_emptydir_data {
                warnings.entry("deleting Pods with local storage").or_default().push(id.clone());
            } else {
                errors.entry("cannot delete Pods with local storage (use --delete-emptydir-data to override)").or_default().push(id);
                continue;
            }
        }
        if !terminal && controller.is_none() {
            if f.force {
                warnings.entry("deleting Pods that declare no controller").or_default().push(id);
            } else {
                errors.entry("cannot delete Pods that declare no controller (use --force to override)").or_default().push(id);
                continue;
            }
        }
        evict.push(Key::new(&p.metadata.namespace, &p.metadata.name));
    }
    if !errors.is_empty() {
        let msgs: Vec<String> = errors.iter().map(|(m, pods)| format!("{m}: {}", pods.join(", "))).collect();
        let agg = if msgs.len() == 1 { msgs[0].clone() } else { format!("[{}]", msgs.join(", ")) };
        out.stderr.push_str(&format!("error: unable to drain node \"{name}\" due to error: {agg}, continuing command...\n"));
        out.stderr.push_str(&format!("There are pending nodes to be drained:\n {name}\n"));
        for m in msgs {
            out.stderr.push_str(&m);
            out.stderr.push('\n');
        }
        out.status = 1;
        return out;
    }
    if !warnings.is_empty() {
        let w: Vec<String> = warnings.iter().map(|(m, pods)| format!("{m}: {}", pods.join(", "))).collect();
        out.stdout.push_str(&format!("Warning: {}\n", w.join("; ")));
    }
    for k in &evict {
        out.stdout.push_str(&format!("evicting pod {}/{}\n", k.ns, k.name));
        c.evict_pod(k);
    }
    c.settle();
    wait_until(c, crate::runtime::time::Dur::secs(60), |c| evict.iter().all(|k| c.pod(k).is_none()), obs);
    for k in &evict {
        if c.pod(k).is_none() {
            out.stdout.push_str(&format!("pod/{} evicted\n", k.name));
        }
    }
    if evict.iter().all(|k| c.pod(k).is_none()) {
        out.stdout.push_str(&format!("node/{name} drained\n"));
    }
    out
}

/// `kubectl taint nodes NODE key[=value]:Effect[-] …` and `key-`.
fn taint(c: &mut Cluster, f: &Flags) -> Output {
    let Some((what, args)) = type_and_names(&f.positional) else {
        return Output::err("error: at least one taint update is required\n");
    };
    if resource_type(&what).map(|t| t.kind) != Some("Node") {
        return Output::err(format!("error: invalid resource type {what}, only node types are supported\n"));
    }
    let Some(name) = args.first().cloned() else {
        return Output::err("error: at least one taint update is required\n");
    };
    let Some(node) = c.node(&name) else {
        return Output::err(format!("Error from server (NotFound): nodes \"{name}\" not found\n"));
    };
    let mut taints = node.spec.taints.clone();
    let mut removed_any = false;
    let mut added_any = false;
    for spec in &args[1..] {
        if let Some(rm) = spec.strip_suffix('-') {
            let (key, effect) = match rm.split_once(':') {
                Some((k, e)) => (k.split('=').next().unwrap_or(k), Some(e)),
                None => (rm.split('=').next().unwrap_or(rm), None),
            };
            let before = taints.len();
            taints.retain(|t| !(t.key == key && effect.is_none_or(|e| t.effect == e)));
            if taints.len() == before {
                return Output::err(format!("error: taint \"{rm}\" not found\n"));
            }
            removed_any = true;
        } else {
            let Some(mut t) = parse_taint(spec) else {
                return Output::err(format!("error: invalid taint spec: {spec}, unknown taint effect or taint format\n"));
            };
            if let Some(i) = taints.iter().position(|x| x.key == t.key && x.effect == t.effect) {
                if !f.overwrite {
                    return Output::err(format!("error: node {name} already has {} taint(s) with same effect(s) and --overwrite is false\n", t.key));
                }
                taints.remove(i);
            }
            if t.effect == "NoExecute" {
                t.time_added = Some(c.now.rfc3339());
            }
            taints.push(t);
            added_any = true;
        }
    }
    if let Err(e) = c.set_node_taints(&name, taints) {
        return Output::err(format!("{e}\n"));
    }
    c.settle();
    let verb = if removed_any && !added_any { "untainted" } else { "tainted" };
    Output::ok(format!("node/{name} {verb}\n"))
}

/// `kubectl label (nodes|pods) NAME k=v … [--overwrite]` and `k-`.
fn label(c: &mut Cluster, f: &Flags) -> Output {
    let Some((what, args)) = type_and_names(&f.positional) else {
        return Output::err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
    };
    let Some(t) = resource_type(&what) else {
        return Output::err(format!("error: the server doesn't have a resource type \"{what}\"\n"));
    };
    let Some(name) = args.first().cloned() else {
        return Output::err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
    };
    let ns = f.namespace.clone().unwrap_or_else(|| "default".into());
    let key = Key::new(if t.namespaced { &ns } else { "" }, &name);
    let old = match t.kind {
        "Node" => c.node(&name).map(|n| n.metadata.labels.clone()),
        "Pod" => c.pod(&key).map(|p| p.metadata.labels.clone()),
        k if mutate::LABELABLE.contains(&k) => mutate::meta_mut(c, k, &key).map(|m| m.labels.clone()),
        _ => return Output::err(format!("error: labeling {} is not supported here\n", t.plural)),
    };
    let Some(old) = old else {
        return Output::err(format!("Error from server (NotFound): {} \"{name}\" not found\n", qualified_plural(t)));
    };
    if args.len() < 2 {
        return Output::err("error: at least one label update is required\n");
    }
    let mut labels = old.clone();
    let mut out = Output::default();
    let mut removing = false;
    for a in &args[1..] {
        if let Some(k) = a.strip_suffix('-') {
            removing = true;
            if labels.remove(k).is_none() {
                out.stdout.push_str(&format!("label \"{k}\" not found.\n"));
            }
        } else if let Some((k, v)) = a.split_once('=') {
            if let Some(e) = crate::apiserver::apply::label_error(k, v) {
                return Output::err(format!("The {} \"{name}\" is invalid: {e}\n", t.kind));
            }
            if let Some(have) = old.get(k) {
                if have != v && !f.overwrite {
                    return Output::err(format!("error: '{k}' already has a value ({have}), and --overwrite is false\n"));
                }
            }
            labels.insert(k.to_string(), v.to_string());
        } else {
            return Output::err(format!("error: invalid label spec: {a}\n"));
        }
    }
    let verb = if labels == old {
        "not labeled"
    } else if removing && !f.overwrite && labels.len() < old.len() {
        "unlabeled"
    } else {
        "labeled"
    };
    if labels != old {
        let r = match t.kind {
            "Node" => c.set_node_labels(&name, labels),
            "Pod" => c.set_pod_labels(&key, labels),
            // Labels of other objects select nothing the simulated controllers watch.
            _ => {
                let rv = c.bump_rv();
                let m = mutate::meta_mut(c, t.kind, &key).expect("exists");
                m.labels = labels;
                m.resource_version = rv;
                Ok(())
            }
        };
        if let Err(e) = r {
            return Output::err(format!("{e}\n"));
        }
        c.settle();
    }
    let prefix = resource_prefix(t.kind);
    out.stdout.push_str(&format!("{prefix}/{name} {verb}\n"));
    out
}

/// `kubectl delete -f FILE…`: each object of the files, in file order.
fn delete_files(c: &mut Cluster, f: &Flags, files: &BTreeMap<String, String>, stdin: Option<&str>, obs: &mut Option<Observer>) -> Output {
    let mut out = Output::default();
    for name in &f.files {
        let text = if name == "-" {
            stdin.unwrap_or("").to_string()
        } else if let Some(t) = files.get(name) {
            t.clone()
        } else {
            out.stderr.push_str(&format!("error: the path \"{name}\" does not exist\n"));
            out.status = 1;
            continue;
        };
        let docs = match crate::manifest::parse(&text) {
            Ok(d) => d,
            Err(e) => {
                out.stderr.push_str(&format!("{}\n", e.api_message));
                out.status = 1;
                continue;
            }
        };
        for d in docs {
            let kind = d.object.kind().to_string();
            let meta = d.object.meta().clone();
            let Some(t) = resource_type(&kind) else { continue };
            let ns = if meta.namespace.is_empty() { f.namespace.clone().unwrap_or_else(|| "default".into()) } else { meta.namespace.clone() };
            let g = Flags { positional: vec![t.plural.to_string(), meta.name.clone()], namespace: Some(ns), files: vec![], ..f.clone() };
            let o = delete(c, &g, obs);
            out.stdout.push_str(&o.stdout);
            out.stderr.push_str(&o.stderr.replace("Error from server (NotFound): ", &format!("Error from server (NotFound): error when deleting \"{name}\": ")));
            out.status = out.status.max(o.status);
        }
    }
    out
}

fn delete(c: &mut Cluster, f: &Flags, obs: &mut Option<Observer>) -> Output {
    let f = &{
        let mut g = f.clone();
        if g.all && g.selector.is_none() {
            g.selector = Some(String::new());
        }
        g
    };
    if f.all && f.positional.len() > 1 {
        return Output::err("error: name cannot be provided when a selector is specified\n");
    }
    let Some((what, mut names)) = type_and_names(&f.positional) else {
        return Output::err("error: You must provide one or more resources by argument or filename.\n");
    };
    let Some(t) = resource_type(&what) else {
        return Output::err(format!("error: the server doesn't have a resource type \"{what}\"\n"));
    };
    let propagation = match f.cascade.as_deref() {
        None => crate::controllers::gc::Propagation::Background,
        Some(v) => match crate::controllers::gc::Propagation::parse(v) {
            Some(p) => p,
            None => return Output::err(format!("error: invalid cascade value ({v}). Must be \"background\", \"foreground\", or \"orphan\".\n")),
        },
    };
    // kubectl: --now is --grace-period=1; --grace-period=0 without --force becomes 1;
    // --force alone means 0.
    let mut grace: Option<i64> = match f.grace_period.as_deref() {
        None => None,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n >= 0 => Some(n),
            Ok(_) => None,
            Err(_) => return Output::err(format!("error: invalid argument \"{v}\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"{v}\": invalid syntax\n")),
        },
    };
    if f.now {
        if grace.is_some() {
            return Output::err("error: --now and --grace-period cannot be specified together\n");
        }
        grace = Some(1);
    }
    if f.force && grace.is_none() {
        grace = Some(0);
    }
    if grace == Some(0) && !f.force {
        grace = Some(1);
    }
    let force = f.force && grace == Some(0);
    let ns = f.namespace.clone().unwrap_or_else(|| "default".into());
    let mut out = Output::default();
    if force {
        out.stderr.push_str("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    }
    if let Some(sel) = &f.selector {
        let m = |meta: &crate::api::model::ObjectMeta| meta.namespace == ns && selector_matches(sel, &meta.labels).unwrap_or(false);
        names = match t.kind {
            "Pod" => c.pods().filter(|p| m(&p.metadata)).map(|p| p.metadata.name.clone()).collect(),
            "DaemonSet" => c.daemonsets().filter(|d| m(&d.metadata)).map(|d| d.metadata.name.clone()).collect(),
            "Deployment" => c.deployments().filter(|d| m(&d.metadata)).map(|d| d.metadata.name.clone()).collect(),
            "ReplicaSet" => c.replicasets().filter(|d| m(&d.metadata)).map(|d| d.metadata.name.clone()).collect(),
            "Node" => c.nodes().filter(|n| selector_matches(sel, &n.metadata.labels).unwrap_or(false)).map(|n| n.metadata.name.clone()).collect(),
            "StatefulSet" => c.statefulsets().filter(|d| m(&d.metadata)).map(|d| d.metadata.name.clone()).collect(),
            "Service" => c.services().filter(|d| m(&d.metadata)).map(|d| d.metadata.name.clone()).collect(),
            "PersistentVolumeClaim" => c.pvcs().filter(|d| m(&d.metadata)).map(|d| d.metadata.name.clone()).collect(),
            "PersistentVolume" => c.pvs().filter(|d| selector_matches(sel, &d.metadata.labels).unwrap_or(false)).map(|d| d.metadata.name.clone()).collect(),
            _ => vec![],
        };
        if names.is_empty() {
            out.stderr.push_str("No resources found\n");
            return out;
        }
    }
    if names.is_empty() {
        return Output::err("error: resource(s) were provided, but no name was specified\n");
    }
    let verb = if force { "force deleted" } else { "deleted" };
    // kubectl waits on each deleted object by uid: a replacement with the same name (a
    // StatefulSet pod coming back) does not keep it waiting.
    let mut waiting: Vec<(Key, String)> = Vec::new();
    for n in names {
        let key = Key::new(&ns, &n);
        let uid = c.object_meta(t.kind, &key).map(|m| m.uid.clone()).unwrap_or_default();
        let ok = match t.kind {
            "Pod" | "DaemonSet" | "Deployment" | "ReplicaSet" | "StatefulSet" => c.delete_object(t.kind, &key, propagation, grace).is_ok(),
            "Node" => c.remove_node(&n).is_ok(),
            "Service" => c.delete_service(&key),
            "PersistentVolumeClaim" => c.delete_pvc(&key),
            "PersistentVolume" => c.delete_pv(&n),
            "ControllerRevision" => c.controllerrevisions.remove(&key).is_some(),
            "Endpoints" => c.endpoints.remove(&key).is_some(),
            _ => false,
        };
        if ok {
            let what = if t.group.is_empty() { t.kind.to_lowercase() } else { format!("{}.{}", t.kind.to_lowercase(), t.group) };
            if t.namespaced {
                out.stdout.push_str(&format!("{what} \"{n}\" {verb} from {ns} namespace\n"));
                waiting.push((key, uid));
            } else {
                out.stdout.push_str(&format!("{what} \"{n}\" {verb}\n"));
            }
        } else {
            out.stderr.push_str(&format!("Error from server (NotFound): {} \"{n}\" not found\n", qualified_plural(t)));
            out.status = 1;
        }
    }
    c.settle();
    // kubectl waits for the objects to be gone (--wait=true); the simulated clock moves on
    // meanwhile, up to a minute, after which the prompt comes back as after Ctrl-C.
    if f.wait.as_deref() != Some("false") {
        let kind = t.kind;
        wait_until(c, crate::runtime::time::Dur::secs(60), |c| waiting.iter().all(|(k, uid)| c.object_meta(kind, k).is_none_or(|m| &m.uid != uid)), obs);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shell_words;

    #[test]
    fn words_like_a_shell() {
        assert_eq!(shell_words("get pods -l 'app=x y'").unwrap(), vec!["get", "pods", "-l", "app=x y"]);
        assert_eq!(shell_words(r#"patch sts web -p "{\"a\":1}""#).unwrap(), vec!["patch", "sts", "web", "-p", "{\"a\":1}"]);
        assert!(shell_words("get 'x").is_err());
    }
}
