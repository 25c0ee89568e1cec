//! Commands that change workloads in place: `patch`, `set image`, `annotate` and
//! `rollout status|history|undo|restart|pause|resume`. They edit the object as the API
//! server would after a PATCH (generation bumped on spec changes, a new resourceVersion) and
//! leave `last-applied-configuration` alone, so a later `apply` merges as kubectl's does.

use super::workloads::to_json;
use super::{qualified_plural, resource_type, type_and_names, wait_until, Flags, Observer, Output, ResourceType};
use crate::apiserver::apply::resource_prefix;
use crate::cluster::Cluster;

use crate::api::meta::Key;
use serde_json::Value;

/// The API form of a workload, as the simulator stores it.
fn workload_json(c: &Cluster, t: &ResourceType, key: &Key) -> Option<Value> {
    t.workload.and_then(|w| (w.json)(c, key))
}

/// Stores a changed workload and lets the control loop run. `Ok(false)`: no change.
fn put_workload(c: &mut Cluster, t: &ResourceType, key: &Key, new: Value) -> Result<bool, String> {
    let w = t.workload.ok_or_else(|| format!("error: {} cannot be changed here", t.kind))?;
    let changed = (w.put)(c, key, new)?;
    if changed {
        c.settle();
    }
    Ok(changed)
}




/// RFC 7386 JSON merge patch.
pub(crate) fn merge_patch(target: &mut Value, patch: &Value, strategic: bool) {
    let Value::Object(p) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    let t = target.as_object_mut().expect("object");
    for (k, v) in p {
        if v.is_null() {
            t.remove(k);
            continue;
        }
        let slot = t.entry(k.clone()).or_insert(Value::Null);
        if strategic {
            if let (Value::Array(have), Value::Array(want)) = (&mut *slot, v) {
                // Lists of named things (containers, volumes, env…) merge by their key.
                let key = ["name", "containerPort", "mountPath"].into_iter().find(|mk| want.iter().all(|x| x.get(mk).is_some()) && !want.is_empty());
                if let Some(mk) = key {
                    for w in want {
                        match have.iter_mut().find(|h| h.get(mk) == w.get(mk)) {
                            Some(h) => merge_patch(h, w, true),
                            None => have.push(w.clone()),
                        }
                    }
                    continue;
                }
            }
        }
        merge_patch(slot, v, strategic);
    }
}

fn pointer_parts(path: &str) -> Vec<String> {
    path.split('/').skip(1).map(|p| p.replace("~1", "/").replace("~0", "~")).collect()
}

/// RFC 6902 JSON patch: add, replace, remove, test.
fn json_patch(target: &mut Value, ops: &Value) -> Result<(), String> {
    let ops = ops.as_array().ok_or("json patch must be a list of operations")?;
    for op in ops {
        let kind = op.get("op").and_then(Value::as_str).unwrap_or("");
        let path = op.get("path").and_then(Value::as_str).unwrap_or("");
        let parts = pointer_parts(path);
        let (last, parents) = parts.split_last().ok_or("the path must not be empty")?;
        let mut cur = &mut *target;
        for p in parents {
            cur = match cur {
                Value::Object(m) => m.get_mut(p).ok_or_else(|| format!("jsonpatch {kind} operation does not apply: doc is missing path: \"{path}\""))?,
                Value::Array(a) => p.parse::<usize>().ok().and_then(|i| a.get_mut(i)).ok_or_else(|| format!("jsonpatch {kind} operation does not apply: doc is missing path: \"{path}\""))?,
                _ => return Err(format!("jsonpatch {kind} operation does not apply: doc is missing path: \"{path}\"")),
            };
        }
        let value = op.get("value").cloned().unwrap_or(Value::Null);
        match (kind, cur) {
            ("add" | "replace", Value::Object(m)) => {
                if kind == "replace" && !m.contains_key(last) {
                    return Err(format!("jsonpatch replace operation does not apply: doc is missing key: {path}"));
                }
                m.insert(last.clone(), value);
            }
            ("add", Value::Array(a)) if last == "-" => a.push(value),
            ("add", Value::Array(a)) => {
                let i: usize = last.parse().map_err(|_| format!("invalid index {last}"))?;
                if i > a.len() {
                    return Err(format!("jsonpatch add operation does not apply: doc is missing path: \"{path}\""));
                }
                a.insert(i, value);
            }
            ("replace", Value::Array(a)) => {
                let slot = last.parse::<usize>().ok().and_then(|i| a.get_mut(i)).ok_or_else(|| format!("jsonpatch replace operation does not apply: doc is missing path: \"{path}\""))?;
                *slot = value;
            }
            ("remove", Value::Object(m)) => {
                m.remove(last).ok_or_else(|| format!("jsonpatch remove operation does not apply: doc is missing path: \"{path}\""))?;
            }
            ("remove", Value::Array(a)) => {
                let i = last.parse::<usize>().ok().filter(|i| *i < a.len()).ok_or_else(|| format!("jsonpatch remove operation does not apply: doc is missing path: \"{path}\""))?;
                a.remove(i);
            }
            (op, _) => return Err(format!("Unexpected kind: {op}")),
        }
    }
    Ok(())
}

fn target(f: &Flags, usage: &str) -> Result<(&'static super::ResourceType, Vec<String>, String), Output> {
    let Some((what, names)) = type_and_names(&f.positional) else {
        return Err(Output::err(format!("error: {usage}\n")));
    };
    let Some(t) = resource_type(&what) else {
        return Err(Output::err(format!("error: the server doesn't have a resource type \"{what}\"\n")));
    };
    let ns = f.namespace.clone().unwrap_or_else(|| "default".into());
    Ok((t, names, ns))
}

fn not_found(t: &super::ResourceType, name: &str) -> Output {
    Output::err(format!("Error from server (NotFound): {} \"{name}\" not found\n", qualified_plural(t)))
}

/// `kubectl patch TYPE NAME -p PATCH [--type=strategic|merge|json]`.
pub(crate) fn patch(c: &mut Cluster, f: &Flags) -> Output {
    let (t, names, ns) = match target(f, "resource(s) were provided, but no name was specified") {
        Ok(x) => x,
        Err(o) => return o,
    };
    let Some(p) = f.patch.as_ref() else {
        return Output::err("error: must specify --patch or --patch-file containing the contents of the patch\n");
    };
    let Some(name) = names.first() else {
        return Output::err("error: resource(s) were provided, but no name was specified\n");
    };
    let ty = f.patch_type.as_deref().unwrap_or("strategic");
    if !matches!(ty, "strategic" | "merge" | "json") {
        return Output::err(format!("error: --type must be one of [json merge strategic], not \"{ty}\"\n"));
    }
    let patch: Value = match crate::manifest::yaml_tree::read_checked::<Value>(p) {
        Ok(v) => v,
        Err(crate::manifest::yaml_tree::ReadError::Decode(_)) => {
            return Output::err(format!("error: unable to parse \"{p}\": yaml: line 1: did not find expected node content\n"));
        }
        Err(crate::manifest::yaml_tree::ReadError::Syntax(e)) => {
            // go-yaml's wording for the usual mistakes; the line is where the parser stopped.
            let line = e.location().map(|(l, _)| l.saturating_sub(1).max(1)).unwrap_or(1);
            let msg = e.to_string();
            let what = if msg.contains("did not find expected node content") || msg.contains("end of stream") {
                "did not find expected node content"
            } else {
                "did not find expected ',' or '}'"
            };
            return Output::err(format!("error: unable to parse \"{p}\": yaml: line {line}: {what}\n"));
        }
    };
    let key = Key::new(&ns, name);
    if t.workload.is_none() {
        return Output::err(format!("error: patching {} is not supported by this simulated kubectl\n", t.plural));
    }
    let Some(mut obj) = workload_json(c, t, &key) else { return not_found(t, name) };
    let r = if ty == "json" {
        json_patch(&mut obj, &patch)
    } else {
        merge_patch(&mut obj, &patch, ty == "strategic");
        Ok(())
    };
    if let Err(e) = r {
        return Output::err(format!("error: {e}\n"));
    }
    match put_workload(c, t, &key, obj) {
        Ok(true) => Output::ok(format!("{}/{name} patched\n", resource_prefix(t.kind))),
        Ok(false) => Output::ok(format!("{}/{name} patched (no change)\n", resource_prefix(t.kind))),
        Err(e) => Output::err(format!("{e}\n")),
    }
}

/// `kubectl set image TYPE/NAME CONTAINER=IMAGE…`.
pub(crate) fn set(c: &mut Cluster, f: &Flags) -> Output {
    match f.positional.first().map(String::as_str) {
        Some("image") => {}
        Some(other) => return Output::err(format!("error: unknown command \"{other}\" for \"kubectl set\"\n")),
        None => return Output::err("error: Required resource not specified.\n"),
    }
    let mut rest: Vec<String> = f.positional[1..].to_vec();
    let pairs: Vec<(String, String)> = rest.iter().filter_map(|a| a.split_once('=').map(|(k, v)| (k.to_string(), v.to_string()))).collect();
    rest.retain(|a| !a.contains('='));
    if pairs.is_empty() {
        return Output::err("error: at least one image update is required\n");
    }
    let g = Flags { positional: rest, ..f.clone() };
    let (t, names, ns) = match target(&g, "one or more resources must be specified as <resource> <name> or <resource>/<name>") {
        Ok(x) => x,
        Err(o) => return o,
    };
    let mut out = Output::default();
    for name in names {
        let key = Key::new(&ns, &name);
        let Some(mut obj) = workload_json(c, t, &key) else {
            let o = not_found(t, &name);
            out.stderr.push_str(&o.stderr);
            out.status = 1;
            continue;
        };
        let Some(containers) = obj.pointer_mut("/spec/template/spec/containers").and_then(Value::as_array_mut) else { continue };
        for (cname, image) in &pairs {
            let mut hit = false;
            for ctr in containers.iter_mut() {
                if cname == "*" || ctr.get("name").and_then(Value::as_str) == Some(cname) {
                    ctr["image"] = Value::String(image.clone());
                    hit = true;
                }
            }
            if !hit {
                out.stderr.push_str(&format!("error: unable to find container named \"{cname}\"\n"));
                out.status = 1;
                return out;
            }
        }
        match put_workload(c, t, &key, obj) {
            Ok(true) => out.stdout.push_str(&format!("{}/{name} image updated\n", resource_prefix(t.kind))),
            Ok(false) => {}
            Err(e) => {
                out.stderr.push_str(&format!("{e}\n"));
                out.status = 1;
            }
        }
    }
    out
}

/// `kubectl annotate TYPE NAME k=v… [k-] [--overwrite]`.
pub(crate) fn annotate(c: &mut Cluster, f: &Flags) -> Output {
    let (t, args, ns) = match target(f, "one or more resources must be specified as <resource> <name> or <resource>/<name>") {
        Ok(x) => x,
        Err(o) => return o,
    };
    let Some(name) = args.first().cloned() else {
        return Output::err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
    };
    if args.len() < 2 {
        return Output::err("error: at least one annotation update is required\nSee 'kubectl annotate -h' for help and examples\n");
    }
    let key = Key::new(if t.namespaced { &ns } else { "" }, &name);
    let rv = c.bump_rv();
    let Some(meta) = t.meta_mut(c, &key) else { return not_found(t, &name) };
    let mut add: Vec<(String, String)> = Vec::new();
    let mut remove: Vec<String> = Vec::new();
    for a in &args[1..] {
        if let Some(k) = a.strip_suffix('-') {
            remove.push(k.to_string());
        } else if let Some((k, v)) = a.split_once('=') {
            add.push((k.to_string(), v.to_string()));
        } else {
            return Output::err(format!("error: invalid annotation format: {a}\n"));
        }
    }
    if !f.overwrite {
        let clashes: Vec<String> = add
            .iter()
            .filter_map(|(k, v)| meta.annotations.get(k).filter(|have| *have != v).map(|have| format!("'{k}' already has a value ({have})")))
            .collect();
        if !clashes.is_empty() {
            return Output::err(format!("error: --overwrite is false but found the following declared annotation(s): {}\n", clashes.join("; ")));
        }
    }
    let before = meta.annotations.clone();
    for k in &remove {
        meta.annotations.remove(k);
    }
    for (k, v) in add {
        meta.annotations.insert(k, v);
    }
    if meta.annotations != before {
        meta.resource_version = rv;
    }
    Output::ok(format!("{}/{name} annotated\n", resource_prefix(t.kind)))
}

/// Revisions of a workload, oldest first: number and pod template.



/// `kubectl rollout SUBCOMMAND TYPE/NAME`.
pub(crate) fn rollout(c: &mut Cluster, f: &Flags, obs: &mut Option<Observer>) -> Output {
    let Some(sub) = f.positional.first().cloned() else {
        return Output::err("error: Required subcommand not specified.\nSee 'kubectl rollout -h' for help and examples\n");
    };
    if !matches!(sub.as_str(), "status" | "history" | "undo" | "restart" | "pause" | "resume") {
        return Output::err(format!("error: unknown command \"{sub}\" for \"kubectl rollout\"\nRun 'kubectl rollout --help' for usage.\n"));
    }
    let g = Flags { positional: f.positional[1..].to_vec(), ..f.clone() };
    let (t, names, ns) = match target(&g, "required resource not specified") {
        Ok(x) => x,
        Err(o) => return o,
    };
    let Some(name) = names.first().cloned() else {
        return Output::err("error: resource(s) were provided, but no name was specified\n");
    };
    let Some(helpers) = t.workload.and_then(|w| w.rollout.as_ref()) else {
        let what = match sub.as_str() {
            "status" => "no status viewer has been implemented".to_string(),
            "history" => "no history viewer has been implemented".to_string(),
            _ => format!("{} is not supported", sub),
        };
        let gk = if t.group.is_empty() { t.kind.to_string() } else { format!("{}.{}", t.kind, t.group) };
        return Output::err(format!("error: {what} for {gk}\n"));
    };
    let key = Key::new(&ns, &name);
    if workload_json(c, t, &key).is_none() {
        return not_found(t, &name);
    }
    let prefix = format!("{}/{name}", resource_prefix(t.kind));
    match sub.as_str() {
        "status" => {
            let limit = f.timeout.as_deref().and_then(crate::runtime::time::Dur::parse).filter(|d| d.0 > 0).unwrap_or(crate::runtime::time::Dur::secs(600));
            let mut out = Output::default();
            let mut last_state = String::new();
            let deadline = c.rt.now.plus(limit);
            loop {
                let state = workload_json(c, t, &key).map(|v| v.to_string()).unwrap_or_default();
                if state != last_state {
                    last_state = state;
                    match (helpers.status)(c, &key) {
                        Ok((line, done)) => {
                            out.stdout.push_str(&line);
                            out.stdout.push('\n');
                            if done {
                                return out;
                            }
                        }
                        Err(e) => {
                            out.stderr.push_str(&format!("error: {e}\n"));
                            out.status = 1;
                            return out;
                        }
                    }
                }
                match c.next_event_at() {
                    Some(at) if at <= deadline => {
                        c.step();
                        if let Some(o) = obs.as_mut() {
                            o(c);
                        }
                    }
                    _ => {
                        wait_until(c, deadline.since(c.rt.now), |_| false, obs);
                        out.stderr.push_str("error: timed out waiting for the condition\n");
                        out.status = 1;
                        return out;
                    }
                }
            }
        }
        "history" => {
            let revs = (helpers.revisions)(c, &key);
            if let Some(r) = f.revision.as_deref().and_then(|r| r.parse::<i64>().ok()).filter(|r| *r > 0) {
                let Some((_, tmpl)) = revs.iter().find(|(n, _)| *n == r) else {
                    return Output::err("error: unable to find the specified revision\n");
                };
                let mut w = String::new();
                super::describe::pod_template(&mut w, tmpl);
                return Output::ok(format!("{prefix} with revision #{r}\n{}\n", crate::kubectl::printers::tabwrite(&w, 0, 2)));
            }
            let mut body = String::from("REVISION\tCHANGE-CAUSE\n");
            for (n, tmpl) in &revs {
                let cause = tmpl.metadata.annotations.get("kubernetes.io/change-cause").cloned().unwrap_or_else(|| "<none>".into());
                body.push_str(&format!("{n}\t{cause}\n"));
            }
            Output::ok(format!("{prefix} \n{}\n", crate::kubectl::printers::tabwrite(&body, 0, 2)))
        }
        "undo" => {
            if t.kind == "Deployment" && c.deployment(&key).is_some_and(|d| d.spec.paused) {
                return Output::err("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");
            }
            let revs = (helpers.revisions)(c, &key);
            let to: i64 = f.to_revision.as_deref().and_then(|r| r.parse().ok()).unwrap_or(0);
            let pick = if to > 0 {
                match revs.iter().find(|(n, _)| *n == to) {
                    Some(r) => r.clone(),
                    None => return Output::err(format!("error: unable to find specified revision {to} in history\n")),
                }
            } else if revs.len() < 2 {
                return Output::err(if t.kind == "Deployment" { format!("error: no rollout history found for deployment \"{name}\"\n") } else { "error: no last revision to roll back to\n".to_string() });
            } else {
                revs[revs.len() - 2].clone()
            };
            let cur = (helpers.template)(c, &key).unwrap_or_default();
            if cur == pick.1 {
                return Output::ok(format!("{prefix} skipped rollback (current template already matches revision {})\n", pick.0));
            }
            let mut obj = workload_json(c, t, &key).expect("exists");
            obj["spec"]["template"] = to_json(&pick.1);
            match put_workload(c, t, &key, obj) {
                Ok(_) => Output::ok(format!("{prefix} rolled back\n")),
                Err(e) => Output::err(format!("{e}\n")),
            }
        }
        "restart" => {
            if t.kind == "Deployment" && c.deployment(&key).is_some_and(|d| d.spec.paused) {
                return Output::err(format!("error: deployments.apps \"{name}\" can't restart paused deployment (run rollout resume first)\n"));
            }
            let mut obj = workload_json(c, t, &key).expect("exists");
            let ann = obj.pointer_mut("/spec/template/metadata").map(|m| {
                if m.get("annotations").is_none() {
                    m["annotations"] = Value::Object(Default::default());
                }
                &mut m["annotations"]
            });
            match ann {
                Some(a) => a["kubectl.kubernetes.io/restartedAt"] = Value::String(c.rt.now.rfc3339()),
                None => obj["spec"]["template"]["metadata"] = serde_json::json!({"annotations": {"kubectl.kubernetes.io/restartedAt": c.rt.now.rfc3339()}}),
            }
            match put_workload(c, t, &key, obj) {
                Ok(_) => Output::ok(format!("{prefix} restarted\n")),
                Err(e) => Output::err(format!("{e}\n")),
            }
        }
        _ => {
            let pause = sub == "pause";
            if t.kind != "Deployment" {
                return Output::err(format!("error: {} \"{name}\" {} is not supported\n", qualified_plural(t), if pause { "pausing" } else { "resuming" }));
            }
            let mut obj = workload_json(c, t, &key).expect("exists");
            let now_paused = obj.pointer("/spec/paused").and_then(Value::as_bool).unwrap_or(false);
            if now_paused == pause {
                return Output::ok(format!("{prefix} already {}\n", if pause { "paused" } else { "resumed" }));
            }
            obj["spec"]["paused"] = Value::Bool(pause);
            match put_workload(c, t, &key, obj) {
                Ok(_) => Output::ok(format!("{prefix} {}\n", if pause { "paused" } else { "resumed" })),
                Err(e) => Output::err(format!("{e}\n")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patches() {
        let mut v = serde_json::json!({"spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "y"}]}}}});
        merge_patch(&mut v, &serde_json::json!({"spec": {"template": {"spec": {"containers": [{"name": "b", "image": "z"}]}}}}), true);
        assert_eq!(v.pointer("/spec/template/spec/containers/0/image").unwrap(), "x");
        assert_eq!(v.pointer("/spec/template/spec/containers/1/image").unwrap(), "z");
        merge_patch(&mut v, &serde_json::json!({"spec": {"replicas": null}}), false);
        assert!(v.pointer("/spec/replicas").is_none());
        json_patch(&mut v, &serde_json::json!([{"op": "add", "path": "/spec/replicas", "value": 3}])).unwrap();
        assert_eq!(v.pointer("/spec/replicas").unwrap(), 3);
    }
}
