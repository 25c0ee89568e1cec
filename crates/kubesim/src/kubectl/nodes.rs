//! Node commands: `kubectl cordon`/`uncordon`, `drain`, `taint`.

use super::*;

/// `kubectl cordon NODE` / `uncordon NODE`.
pub(crate) fn cordon(c: &mut Cluster, on: bool, f: &Flags) -> Output {
    let cmd = if on { "cordon" } else { "uncordon" };
    // Several nodes by name, or those a selector picks (`-l`).
    let names: Vec<String> = match &f.selector {
        Some(sel) => c.nodes().filter(|n| crate::kubectl::selector_matches(sel, &n.metadata.labels).unwrap_or(false)).map(|n| n.metadata.name.clone()).collect(),
        None => f.positional.clone(),
    };
    if names.is_empty() {
        if f.selector.is_some() {
            return Output::err("No resources found\n");
        }
        return Output::err(format!("error: USAGE: {cmd} NODE [flags]\nSee 'kubectl {cmd} -h' for help and examples\n"));
    }
    let verb = if on { "cordoned" } else { "uncordoned" };
    let mut out = Output::default();
    for name in &names {
        match c.set_unschedulable(name, on) {
            Ok(true) => out.stdout.push_str(&format!("node/{name} {verb}\n")),
            Ok(false) => out.stdout.push_str(&format!("node/{name} already {verb}\n")),
            Err(e) => {
                out.stderr.push_str(&format!("{e}\n"));
                out.status = 1;
            }
        }
    }
    c.settle();
    out
}

/// `kubectl drain NODE`: cordon, check every pod against drain's filters, then evict and
/// wait for the evicted pods to be gone. All lines go to stdout in the order the real tool
/// prints them across its two streams, except the final error.
pub(crate) fn drain(c: &mut Cluster, f: &Flags, obs: &mut Option<Observer>) -> Output {
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
pub(crate) fn taint(c: &mut Cluster, f: &Flags) -> Output {
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
                t.time_added = Some(c.rt.now.rfc3339());
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
