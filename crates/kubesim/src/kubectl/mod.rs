//! A simulated `kubectl`: parses a command line as kubectl does (pflag flags, cobra's
//! suggestions) and runs it against the cluster, printing what the real tool prints.
//! This file reads the command and dispatches it; each family has its module: the command
//! line and resource types (`flags`), `get`, the writes (`apply`, `scale`, `label`,
//! `delete`: `write`), node commands (`cordon`/`drain`/`taint`: `nodes`), `describe`, the
//! in-place changes (`patch`, `set image`, `annotate`, `rollout`: `mutate`), the read-only
//! commands (`logs`, `exec`, `run`, `explain`, …: `info`), `-o` formats (`output`),
//! selectors, printers and completion. Watches (`get -w`) are kept by
//! [`crate::session::Session`].

use crate::apiserver::apply::resource_prefix;
use crate::cluster::Cluster;
use crate::kubectl::printers::table;
use crate::api::meta::Key;
use std::collections::BTreeMap;

pub mod complete;
mod describe;
mod dry_run;
mod exec;
mod fields;
mod flags;
mod get;
pub mod info;
mod mutate;
mod nodes;
mod registry;
mod tables;
pub mod output;
pub mod printers;
pub mod selector;
mod workloads;
mod write;

pub(crate) use flags::*;
pub(crate) use get::*;
pub(crate) use nodes::*;
pub(crate) use registry::*;
pub(crate) use write::*;
pub use exec::{attach_request, Attach};
pub(crate) use exec::running as container_running;

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

/// Something that wants to see the cluster at every instant a waiting command lets pass
/// (the watches of the session).
pub type Observer<'a> = &'a mut dyn FnMut(&Cluster);

/// Moves the clock until `done` holds or `limit` has passed, letting `obs` look at every
/// instant on the way.
pub(crate) fn wait_until(c: &mut Cluster, limit: crate::runtime::time::Dur, done: impl Fn(&Cluster) -> bool, obs: &mut Option<Observer>) {
    let deadline = c.rt.now.plus(limit);
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
                c.advance(deadline.since(c.rt.now));
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
    let dry = match dry_run::mode(&flags) {
        Ok(d) => d,
        Err(e) => return Output::err(format!("{e}\n")),
    };
    if let Some(mode) = dry.filter(|_| dry_run::WRITES.contains(&cmd.as_str())) {
        // `kubectl run --dry-run=client -o yaml`: the Pod it would send.
        if cmd == "run" && mode == "client" && flags.output.as_deref() == Some("yaml") {
            if let Some(y) = dry_run::run_pod_yaml(&flags) {
                return Output::ok(y);
            }
        }
        let mut copy = c.clone();
        let mut f = flags.clone();
        f.dry_run = None;
        let out = dispatch(&mut copy, cmd, &f, files, stdin, &mut None);
        return dry_run::mark(out, mode);
    }
    dispatch(c, cmd, &flags, files, stdin, &mut obs)
}

/// Runs a parsed command.
fn dispatch(c: &mut Cluster, cmd: &str, flags: &Flags, files: &BTreeMap<String, String>, stdin: Option<&str>, obs: &mut Option<Observer>) -> Output {
    let flags = flags.clone();
    let mut obs = obs;
    match cmd {
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
        "exec" => exec::exec(c, &flags, stdin, &mut obs),
        "run" => exec::run(c, &flags, &mut obs),
        "explain" => info::explain_cmd(&flags),
        "api-resources" => info::api_resources(),
        "version" => info::version(&flags),
        "cluster-info" => info::cluster_info(&flags),
        "config" => info::config(&flags),
        // kind ships no metrics-server: kubectl top asks the Metrics API and finds none.
        "top" if matches!(flags.positional.first().map(String::as_str), Some("pod" | "pods" | "po" | "node" | "nodes" | "no")) => Output::err("error: Metrics API not available\n"),
        "top" if flags.positional.is_empty() => Output::ok("Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]\n\nUse \"kubectl top <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n"),
        "top" => Output::err(format!("error: unknown command \"{}\" for \"kubectl top\"\nRun 'kubectl top --help' for usage.\n", flags.positional.first().map(String::as_str).unwrap_or(""))),
        other => Output::err(format!("error: \"{other}\" is not supported by this simulated kubectl\n")),
    }
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
