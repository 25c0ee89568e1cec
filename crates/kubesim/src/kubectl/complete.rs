//! Tab completion for the terminal: commands, kubectl verbs, resource kinds, flags, files
//! and the names of the objects that exist. Pure: the app asks, this answers.

use crate::cluster::Cluster;
use crate::kubectl::{by_kind, shell_words, TYPES};
use std::collections::BTreeMap;

const COMMANDS: &[&str] = &["kubectl", "sleep", "sim", "cat", "ls", "clear"];
const VERBS: &[&str] = &[
    "annotate", "api-resources", "apply", "cluster-info", "config", "cordon", "create", "delete", "describe", "drain",
    "exec", "explain", "get", "label", "logs", "patch", "rollout", "run", "scale", "set", "taint", "uncordon", "version",
];
const FLAGS: &[&str] = &[
    "--all", "--all-namespaces", "--cascade=", "--delete-emptydir-data", "--filename", "--force", "--grace-period=",
    "--ignore-daemonsets", "--namespace", "--now", "--output", "--overwrite", "--replicas=", "--selector", "--show-labels",
    "--sort-by=", "--watch", "--watch-only", "-A", "-L", "-f", "-l", "-n", "-o", "-w",
];
const SIM: &[&str] = &["hash", "node", "pod", "step"];

/// Object names of a kind, in the default namespace for namespaced kinds.
fn names_of(c: &Cluster, kind: &str) -> Vec<String> {
    let Some(t) = by_kind(kind) else { return Vec::new() };
    t.objects(c).into_iter().filter(|m| !t.namespaced || m.namespace == "default").map(|m| m.name.clone()).collect()
}

/// Candidates for the word being typed at the end of `line`, sorted and deduplicated.
/// A line ending in a space completes a new, empty word.
pub fn complete(c: &Cluster, files: &BTreeMap<String, String>, line: &str) -> Vec<String> {
    let Ok(mut words) = shell_words(line) else { return Vec::new() };
    let partial = if line.ends_with(char::is_whitespace) || words.is_empty() { String::new() } else { words.pop().unwrap_or_default() };
    let pick = |all: Vec<String>| -> Vec<String> {
        let mut v: Vec<String> = all.into_iter().filter(|w| w.starts_with(&partial)).collect();
        crate::runtime::sort::natural(&mut v);
        v.dedup();
        v
    };
    let strs = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let Some(first) = words.first().map(String::as_str) else { return pick(strs(COMMANDS)) };
    let prev = words.last().map(String::as_str).unwrap_or("");
    match first {
        "cat" => return pick(files.keys().cloned().collect()),
        "sim" => {
            return match words.len() {
                1 => pick(strs(SIM)),
                2 if words[1] == "node" => pick(strs(&["add", "fail", "notready", "recover", "remove"])),
                2 if words[1] == "pod" => pick(strs(&["crash", "fix", "ready", "unready"])),
                3 if words[1] == "node" => pick(names_of(c, "Node")),
                3 if words[1] == "pod" => pick(names_of(c, "Pod")),
                _ => Vec::new(),
            }
        }
        "kubectl" | "k" => {}
        _ => return Vec::new(),
    }
    if partial.starts_with('-') {
        return pick(strs(FLAGS));
    }
    if matches!(prev, "-f" | "--filename") {
        return pick(files.keys().cloned().collect());
    }
    if matches!(prev, "-n" | "--namespace") {
        return pick(names_of(c, "Namespace"));
    }
    if matches!(prev, "-o" | "--output") {
        return pick(strs(&["json", "jsonpath=", "name", "wide", "yaml"]));
    }
    // Positional words after `kubectl`, flags and their values left out.
    let mut pos: Vec<&str> = Vec::new();
    let mut skip = false;
    for w in &words[1..] {
        if skip {
            skip = false;
            continue;
        }
        if w.starts_with('-') {
            skip = matches!(w.as_str(), "-n" | "-o" | "-l" | "-f" | "-L" | "--namespace" | "--output" | "--selector" | "--filename");
            continue;
        }
        pos.push(w);
    }
    let Some(verb) = pos.first().copied() else { return pick(strs(VERBS)) };
    let kinds = || TYPES.iter().flat_map(|t| t.names.iter().map(|s| s.to_string())).filter(|n| !n.contains('.')).collect::<Vec<_>>();
    let kind_of = |w: &str| TYPES.iter().find(|t| t.names.contains(&w.to_lowercase().as_str())).map(|t| t.kind);
    match verb {
        "cordon" | "uncordon" | "drain" => pick(names_of(c, "Node")),
        "taint" => match pos.len() {
            1 => pick(strs(&["node", "nodes"])),
            _ => pick(names_of(c, "Node")),
        },
        "logs" | "exec" => pick(names_of(c, "Pod")),
        "rollout" => match pos.len() {
            1 => pick(strs(&["history", "pause", "restart", "resume", "status", "undo"])),
            2 => pick(strs(&["daemonset", "deployment", "statefulset", "ds", "deploy", "sts"])),
            _ => pick(pos.get(2).and_then(|k| kind_of(k)).map(|k| names_of(c, k)).unwrap_or_default()),
        },
        "get" | "describe" | "delete" | "label" | "annotate" | "scale" | "patch" | "explain" => match pos.len() {
            1 => {
                let mut k = kinds();
                if verb == "get" {
                    k.push("all".into());
                }
                pick(k)
            }
            _ => pick(pos.get(1).and_then(|k| kind_of(k)).map(|k| names_of(c, k)).unwrap_or_default()),
        },
        "apply" | "create" => Vec::new(),
        _ if pos.len() == 1 => pick(strs(VERBS)),
        _ => Vec::new(),
    }
}

/// The longest prefix all candidates share.
pub fn common_prefix(candidates: &[String]) -> String {
    let Some(first) = candidates.first() else { return String::new() };
    let mut end = first.len();
    for c in &candidates[1..] {
        end = end.min(first.bytes().zip(c.bytes()).take_while(|(a, b)| a == b).count());
    }
    while !first.is_char_boundary(end) {
        end -= 1;
    }
    first[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_commands_verbs_kinds_and_names() {
        let c = Cluster::new(1);
        let files = BTreeMap::from([("daemonset.yaml".to_string(), String::new())]);
        assert_eq!(complete(&c, &files, "kub"), vec!["kubectl"]);
        assert_eq!(complete(&c, &files, "kubectl ge"), vec!["get"]);
        assert!(complete(&c, &files, "kubectl get ").contains(&"pods".to_string()));
        assert_eq!(complete(&c, &files, "kubectl get st"), vec!["statefulset", "statefulsets", "storageclass", "storageclasses", "sts"]);
        assert_eq!(complete(&c, &files, "kubectl cordon kind-w"), vec!["kind-worker", "kind-worker2", "kind-worker3"]);
        assert_eq!(complete(&c, &files, "kubectl get nodes kind-c"), vec!["kind-control-plane"]);
        assert_eq!(complete(&c, &files, "kubectl apply -f d"), vec!["daemonset.yaml"]);
        assert_eq!(complete(&c, &files, "kubectl get pods --show-l"), vec!["--show-labels"]);
        assert_eq!(complete(&c, &files, "sim node fail kind-worker3"), vec!["kind-worker3"]);
        assert!(complete(&c, &files, "unknown thing").is_empty());
        assert_eq!(common_prefix(&["kind-worker".into(), "kind-worker2".into()]), "kind-worker");
    }
}
