//! `kubectl get`: listing objects of any type as tables (`-o wide`, labels, columns,
//! sorting), and the rows watches print.

use super::*;

pub(crate) fn selector_matches(sel: &str, labels: &crate::api::model::Labels) -> Result<bool, String> {
    selector::parse(sel).map(|s| s.matches(labels))
}

/// `kubectl get deploy,rs`: one table per type, separated by a blank line, with names
/// prefixed `kind.group/`. Types without objects print nothing; if none has any, the usual
/// `No resources found` line.
pub(crate) fn get_many(c: &Cluster, f: &Flags, types: &[&str]) -> Output {
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
pub(crate) const ALL: &[&str] = &["pods", "services", "daemonsets", "deployments", "replicasets", "statefulsets"];

pub(crate) fn get(c: &Cluster, f: &Flags) -> Output {
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

pub(crate) fn item_meta<T: serde::Serialize + crate::api::meta::Object>(o: &T, t: &ResourceType) -> (crate::api::model::ObjectMeta, serde_json::Value) {
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
    (t.table)(c, t, &in_scope, wide)
}

pub(crate) fn collect_and_print(c: &Cluster, t: &'static ResourceType, f: &Flags) -> Output {
    let ns = f.namespace.clone().unwrap_or_else(|| "default".into());
    let names: Vec<&String> = f.positional.iter().skip(1).collect();
    let (header, mut items) = collect(c, t, f);
    if let Some(sel) = &f.field_selector {
        match super::fields::parse(t, sel) {
            Ok(reqs) => items.retain(|i| super::fields::matches(&i.json, &reqs)),
            Err(e) => return Output::err(e),
        }
    }
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
pub(crate) fn sort_items(items: &mut [Item], path: &str) -> Result<(), String> {
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
    crate::runtime::sort::by(&mut keyed, |(a, _), (b, _)| match (a, b) {
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
pub(crate) fn watch_refusal(positional: &[String]) -> Option<String> {
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
