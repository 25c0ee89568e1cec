//! Commands that write objects: `kubectl apply`/`create -f`, `scale`, `label`, `delete`.

use super::*;

pub(crate) fn apply(c: &mut Cluster, cmd: &str, f: &Flags, files: &BTreeMap<String, String>, stdin: Option<&str>) -> Output {
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

/// `kubectl scale TYPE NAME --replicas=N`.
pub(crate) fn scale(c: &mut Cluster, f: &Flags) -> Output {
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
        let Some(scale) = t.scale else {
            out.stderr.push_str(&format!("error: no scaler has been implemented for {{\"{}\" \"{}\"}}\n", t.group, t.kind));
            out.status = 1;
            continue;
        };
        let ok = scale(c, &key, n);
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

/// `kubectl label (nodes|pods) NAME k=v … [--overwrite]` and `k-`.
pub(crate) fn label(c: &mut Cluster, f: &Flags) -> Output {
    let Some((what, args)) = type_and_names(&f.positional) else {
        return Output::err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
    };
    let Some(t) = resource_type(&what) else {
        return Output::err(format!("error: the server doesn't have a resource type \"{what}\"\n"));
    };
    // Names first, then the label changes (`k=v`, `k-`).
    let is_change = |a: &String| a.contains('=') || (a.ends_with('-') && a.len() > 1);
    let split = args.iter().position(is_change).unwrap_or(args.len());
    let (names, changes) = (&args[..split], &args[split..]);
    let ns = f.namespace.clone().unwrap_or_else(|| "default".into());
    let names: Vec<String> = match (&f.selector, f.all) {
        (Some(sel), _) if names.is_empty() => {
            t.objects(c).into_iter().filter(|m| (!t.namespaced || m.namespace == ns) && selector_matches(sel, &m.labels).unwrap_or(false)).map(|m| m.name.clone()).collect()
        }
        (None, true) if names.is_empty() => t.objects(c).into_iter().filter(|m| !t.namespaced || m.namespace == ns).map(|m| m.name.clone()).collect(),
        (None, false) if names.is_empty() => {
            return Output::err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
        }
        (Some(_), _) | (None, true) => return Output::err("error: name cannot be provided when a selector is specified\n"),
        _ => names.to_vec(),
    };
    if !t.labels {
        return Output::err(format!("error: labeling {} is not supported here\n", t.plural));
    }
    if changes.is_empty() {
        return Output::err("error: at least one label update is required\n");
    }
    if names.is_empty() {
        return Output::err("No resources found\n");
    }
    let mut out = Output::default();
    for name in &names {
        match label_one(c, t, &Key::new(if t.namespaced { &ns } else { "" }, name), changes, f) {
            Ok(o) => out.stdout.push_str(&o),
            Err(e) => {
                out.stderr.push_str(&e);
                out.status = 1;
            }
        }
    }
    out
}

/// `kubectl label` of one object: kubectl's line, or its error.
fn label_one(c: &mut Cluster, t: &ResourceType, key: &Key, changes: &[String], f: &Flags) -> Result<String, String> {
    let name = &key.name;
    let Some(old) = t.meta_mut(c, key).map(|m| m.labels.clone()) else {
        return Err(format!("Error from server (NotFound): {} \"{name}\" not found\n", qualified_plural(t)));
    };
    let mut labels = old.clone();
    let mut out = String::new();
    let mut removing = false;
    for a in changes {
        if let Some(k) = a.strip_suffix('-') {
            removing = true;
            if labels.remove(k).is_none() {
                out.push_str(&format!("label \"{k}\" not found.\n"));
            }
        } else if let Some((k, v)) = a.split_once('=') {
            if let Some(e) = crate::apiserver::validation::label_error(k, v) {
                return Err(format!("The {} \"{name}\" is invalid: {e}\n", t.kind));
            }
            if let Some(have) = old.get(k) {
                if have != v && !f.overwrite {
                    return Err(format!("error: '{k}' already has a value ({have}), and --overwrite is false\n"));
                }
            }
            labels.insert(k.to_string(), v.to_string());
        } else {
            return Err(format!("error: invalid label spec: {a}\n"));
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
            "Node" => c.set_node_labels(name, labels),
            "Pod" => c.set_pod_labels(key, labels),
            // Labels of other objects select nothing the simulated controllers watch.
            _ => {
                let rv = c.bump_rv();
                let m = t.meta_mut(c, key).expect("exists");
                m.labels = labels;
                m.resource_version = rv;
                Ok(())
            }
        };
        r.map_err(|e| format!("{e}\n"))?;
        c.settle();
    }
    out.push_str(&format!("{}/{name} {verb}\n", resource_prefix(t.kind)));
    Ok(out)
}

/// `kubectl delete -f FILE…`: each object of the files, in file order.
pub(crate) fn delete_files(c: &mut Cluster, f: &Flags, files: &BTreeMap<String, String>, stdin: Option<&str>, obs: &mut Option<Observer>) -> Output {
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

pub(crate) fn delete(c: &mut Cluster, f: &Flags, obs: &mut Option<Observer>) -> Output {
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
        None => crate::apiserver::delete::Propagation::Background,
        Some(v) => match crate::apiserver::delete::Propagation::parse(v) {
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
    if f.selector.is_some() || f.field_selector.is_some() {
        // Kinds this kubectl does not delete have nothing to select.
        let fields = match f.field_selector.as_deref().map(|sel| super::fields::parse(t, sel)).transpose() {
            Ok(r) => r,
            Err(e) => return Output::err(e),
        };
        let mut g = f.clone();
        g.positional.truncate(1);
        names = match t.delete {
            Some(_) => super::collect(c, t, &g)
                .1
                .into_iter()
                .filter(|i| fields.as_ref().is_none_or(|r| super::fields::matches(&i.json, r)))
                .map(|i| i.meta.name)
                .collect(),
            None => vec![],
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
        let ok = t.delete.is_some_and(|delete| delete(c, &key, propagation, grace));
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
