//! A simulated `kubectl`: parses a command line and runs it against the cluster, printing
//! what the real tool prints. This module holds the commands the course needs first
//! (`apply`, `get`, `delete`); the rest grows here.

use crate::apply::resource_prefix;
use crate::cluster::Cluster;
use crate::printers::{self, age, table};
use crate::store::Key;
use std::collections::BTreeMap;

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

/// Splits a command line like a POSIX shell: quotes, backslashes, whitespace.
pub fn shell_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(x) => cur.push(x),
                        None => return Err("unterminated quoted string".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(x @ ('"' | '\\' | '$' | '`')) => cur.push(x),
                            Some(x) => {
                                cur.push('\\');
                                cur.push(x);
                            }
                            None => return Err("unterminated quoted string".into()),
                        },
                        Some(x) => cur.push(x),
                        None => return Err("unterminated quoted string".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(x) = chars.next() {
                    cur.push(x);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    Ok(words)
}

/// Resource types kubectl knows here: canonical plural, kind, namespaced.
struct ResourceType {
    plural: &'static str,
    kind: &'static str,
    group: &'static str,
    names: &'static [&'static str],
    namespaced: bool,
}

const TYPES: &[ResourceType] = &[
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

fn resource_type(name: &str) -> Option<&'static ResourceType> {
    let lower = name.to_lowercase();
    TYPES.iter().find(|t| t.names.contains(&lower.as_str()))
}

fn qualified_plural(t: &ResourceType) -> String {
    if t.group.is_empty() {
        t.plural.to_string()
    } else {
        format!("{}.{}", t.plural, t.group)
    }
}

/// Parsed flags common to the commands here.
#[derive(Clone, Default)]
struct Flags {
    positional: Vec<String>,
    namespace: Option<String>,
    all_namespaces: bool,
    output: Option<String>,
    selector: Option<String>,
    files: Vec<String>,
    show_labels: bool,
    replicas: Option<String>,
    cascade: Option<String>,
    grace_period: Option<String>,
    now: bool,
    force: bool,
    wait: Option<String>,
    overwrite: bool,
    ignore_daemonsets: bool,
    delete_emptydir_data: bool,
    /// Set for each type of `get a,b`: NAME cells become `kind.group/name`.
    prefix_names: bool,
}

fn parse_flags(args: &[String]) -> Result<Flags, String> {
    let mut f = Flags::default();
    let mut i = 0;
    let value = |i: &mut usize, flag: &str, inline: Option<&str>| -> Result<String, String> {
        if let Some(v) = inline {
            return Ok(v.to_string());
        }
        *i += 1;
        args.get(*i).cloned().ok_or_else(|| format!("error: flag needs an argument: {flag}"))
    };
    while i < args.len() {
        let a = &args[i];
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if a.starts_with("--") => (f.to_string(), Some(v)),
            _ => (a.clone(), None),
        };
        match flag.as_str() {
            "-n" | "--namespace" => f.namespace = Some(value(&mut i, "'n' in -n", inline)?),
            "-A" | "--all-namespaces" => f.all_namespaces = true,
            "-o" | "--output" => f.output = Some(value(&mut i, "'o' in -o", inline)?),
            "-l" | "--selector" => f.selector = Some(value(&mut i, "'l' in -l", inline)?),
            "-f" | "--filename" => f.files.push(value(&mut i, "'f' in -f", inline)?),
            "--show-labels" => f.show_labels = true,
            "--replicas" => f.replicas = Some(value(&mut i, "--replicas", inline)?),
            "--cascade" => f.cascade = Some(inline.map(str::to_string).unwrap_or_else(|| "background".into())),
            "--grace-period" => f.grace_period = Some(value(&mut i, "--grace-period", inline)?),
            "--now" => f.now = true,
            "--force" => f.force = inline.is_none_or(|v| v == "true"),
            "--wait" => f.wait = Some(inline.unwrap_or("true").to_string()),
            "--overwrite" => f.overwrite = inline.is_none_or(|v| v == "true"),
            "--ignore-daemonsets" => f.ignore_daemonsets = inline.is_none_or(|v| v == "true"),
            "--delete-emptydir-data" => f.delete_emptydir_data = inline.is_none_or(|v| v == "true"),
            s if s.starts_with("-o") && s.len() > 2 => f.output = Some(s[2..].to_string()),
            s if s.starts_with("-n") && s.len() > 2 => f.namespace = Some(s[2..].to_string()),
            s if s.starts_with("-l") && s.len() > 2 => f.selector = Some(s[2..].to_string()),
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("error: unknown flag: {s}")),
            _ => f.positional.push(a.clone()),
        }
        i += 1;
    }
    Ok(f)
}

/// Runs one kubectl command line (the words after `kubectl`). `files` is the simulated
/// working directory that `-f` reads; `stdin` is the heredoc body, if any.
pub fn run(c: &mut Cluster, args: &[String], files: &BTreeMap<String, String>, stdin: Option<&str>) -> Output {
    let Some(cmd) = args.first() else {
        return Output::ok("kubectl controls the Kubernetes cluster manager.\n");
    };
    let rest = &args[1..];
    let flags = match parse_flags(rest) {
        Ok(f) => f,
        Err(e) => return Output::err(format!("{e}\nSee 'kubectl {cmd} --help' for usage.\n")),
    };
    match cmd.as_str() {
        "apply" | "create" => apply(c, cmd, &flags, files, stdin),
        "get" => get(c, &flags),
        "delete" => delete(c, &flags),
        "scale" => scale(c, &flags),
        "cordon" | "uncordon" => cordon(c, cmd == "cordon", &flags),
        "drain" => drain(c, &flags),
        "taint" => taint(c, &flags),
        "label" => label(c, &flags),
        other => Output::err(format!("error: unknown command \"{other}\" for \"kubectl\"\n")),
    }
}

fn apply(c: &mut Cluster, cmd: &str, f: &Flags, files: &BTreeMap<String, String>, stdin: Option<&str>) -> Output {
    if f.files.is_empty() {
        return Output::err("error: must specify one of -f and -k\n\n");
    }
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
        match c.apply_text(&text) {
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

fn selector_matches(sel: &str, labels: &crate::model::Labels) -> Result<bool, String> {
    for req in sel.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let ok = if let Some((k, v)) = req.split_once("!=") {
            labels.get(k.trim()) != Some(&v.trim().to_string())
        } else if let Some((k, v)) = req.split_once("==").or_else(|| req.split_once('=')) {
            labels.get(k.trim()) == Some(&v.trim().to_string())
        } else if let Some(k) = req.strip_prefix('!') {
            !labels.contains_key(k.trim())
        } else {
            labels.contains_key(req)
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `kubectl get deploy,rs`: one table per type, separated by a blank line, with names
/// prefixed `kind.group/`. Types without objects print nothing; if none has any, the usual
/// `No resources found` line.
fn get_many(c: &Cluster, f: &Flags, types: &[&str]) -> Output {
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

fn get(c: &Cluster, f: &Flags) -> Output {
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
    let ns = f.namespace.clone().unwrap_or_else(|| "default".into());
    let names: Vec<&String> = f.positional.iter().skip(1).collect();
    let wide = f.output.as_deref() == Some("wide");
    let in_scope = |meta: &crate::model::ObjectMeta| -> bool {
        (!t.namespaced || f.all_namespaces || meta.namespace == ns)
            && (names.is_empty() || names.contains(&&meta.name))
            && f.selector.as_ref().is_none_or(|s| selector_matches(s, &meta.labels).unwrap_or(false))
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut found: Vec<String> = Vec::new();
    let header: Vec<&str>;
    match t.kind {
        "Pod" => {
            header = if wide {
                vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"]
            } else {
                vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
            };
            for p in c.pods().filter(|p| in_scope(&p.metadata)) {
                found.push(p.metadata.name.clone());
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
                if f.show_labels {
                    r.push(printers::labels_string(&p.metadata.labels));
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
                found.push(n.metadata.name.clone());
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
                if f.show_labels {
                    r.push(printers::labels_string(&n.metadata.labels));
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
                found.push(d.metadata.name.clone());
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
                if f.show_labels {
                    r.push(printers::labels_string(&d.metadata.labels));
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
                found.push(d.metadata.name.clone());
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
                if f.show_labels {
                    r.push(printers::labels_string(&d.metadata.labels));
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
                found.push(rs.metadata.name.clone());
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
                if f.show_labels {
                    r.push(printers::labels_string(&rs.metadata.labels));
                }
                rows.push(r);
            }
        }
        "Namespace" => {
            header = vec!["NAME", "STATUS", "AGE"];
            for n in c.namespaces().filter(|n| in_scope(&n.metadata)) {
                found.push(n.metadata.name.clone());
                let mut r = vec![n.metadata.name.clone(), "Active".into(), age(c, &n.metadata)];
                if f.show_labels {
                    r.push(printers::labels_string(&n.metadata.labels));
                }
                rows.push(r);
            }
        }
        "StorageClass" => {
            header = vec!["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"];
            for s in c.storageclasses().filter(|s| in_scope(&s.metadata)) {
                found.push(s.metadata.name.clone());
                let default = s.metadata.annotations.get("storageclass.kubernetes.io/is-default-class").is_some_and(|v| v == "true");
                let mut r = vec![
                    if default { format!("{} (default)", s.metadata.name) } else { s.metadata.name.clone() },
                    s.provisioner.clone(),
                    s.reclaim_policy.clone().unwrap_or_else(|| "Delete".into()),
                    s.volume_binding_mode.clone().unwrap_or_else(|| "Immediate".into()),
                    s.allow_volume_expansion.unwrap_or(false).to_string(),
                    age(c, &s.metadata),
                ];
                if f.show_labels {
                    r.push(printers::labels_string(&s.metadata.labels));
                }
                rows.push(r);
            }
        }
        "StatefulSet" => {
            header = if wide { vec!["NAME", "READY", "AGE", "CONTAINERS", "IMAGES"] } else { vec!["NAME", "READY", "AGE"] };
            for s in c.statefulsets().filter(|s| in_scope(&s.metadata)) {
                found.push(s.metadata.name.clone());
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
                if f.show_labels {
                    r.push(printers::labels_string(&s.metadata.labels));
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
                found.push(s.metadata.name.clone());
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
                    crate::service::ports_string(s),
                    age(c, &s.metadata),
                ];
                if wide {
                    r.push(if s.spec.selector.is_empty() { "<none>".into() } else { printers::labels_string(&s.spec.selector) });
                }
                if f.show_labels {
                    r.push(printers::labels_string(&s.metadata.labels));
                }
                rows.push(r);
            }
        }
        "Endpoints" => {
            header = vec!["NAME", "ENDPOINTS", "AGE"];
            for e in c.all_endpoints().filter(|e| in_scope(&e.metadata)) {
                found.push(e.metadata.name.clone());
                let mut r = vec![e.metadata.name.clone(), crate::service::endpoints_string(e), age(c, &e.metadata)];
                if f.show_labels {
                    r.push(printers::labels_string(&e.metadata.labels));
                }
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
                found.push(p.metadata.name.clone());
                let bound = !p.spec.volume_name.is_empty();
                let mut r = vec![
                    p.metadata.name.clone(),
                    if p.metadata.deletion_timestamp.is_some() { "Terminating".into() } else { p.status.phase.clone() },
                    p.spec.volume_name.clone(),
                    if bound { p.status.capacity.get("storage").map(|q| q.canonical()).unwrap_or_default() } else { String::new() },
                    if bound { crate::storage::access_modes_string(&p.status.access_modes) } else { String::new() },
                    p.spec.storage_class_name.clone().unwrap_or_default(),
                    p.spec.volume_attributes_class_name.clone().unwrap_or_else(|| "<unset>".into()),
                    age(c, &p.metadata),
                ];
                if wide {
                    r.push(p.spec.volume_mode.clone().unwrap_or_default());
                }
                if f.show_labels {
                    r.push(printers::labels_string(&p.metadata.labels));
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
                found.push(p.metadata.name.clone());
                let mut r = vec![
                    p.metadata.name.clone(),
                    p.spec.capacity.get("storage").map(|q| q.canonical()).unwrap_or_default(),
                    crate::storage::access_modes_string(&p.spec.access_modes),
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
                if f.show_labels {
                    r.push(printers::labels_string(&p.metadata.labels));
                }
                rows.push(r);
            }
        }
        "ControllerRevision" => {
            header = vec!["NAME", "CONTROLLER", "REVISION", "AGE"];
            for r in c.controllerrevisions().filter(|r| in_scope(&r.metadata)) {
                found.push(r.metadata.name.clone());
                use crate::store::Object;
                let controller = r
                    .controller_ref()
                    .map(|o| {
                        let group = o.api_version.split_once('/').map(|(g, _)| g).unwrap_or("");
                        if group.is_empty() { format!("{}/{}", o.kind.to_lowercase(), o.name) } else { format!("{}.{group}/{}", o.kind.to_lowercase(), o.name) }
                    })
                    .unwrap_or_else(|| "<none>".into());
                let mut row = vec![r.metadata.name.clone(), controller, r.revision.to_string(), age(c, &r.metadata)];
                if f.show_labels {
                    row.push(printers::labels_string(&r.metadata.labels));
                }
                rows.push(row);
            }
        }
        _ => {
            header = vec!["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"];
            for e in c.events().iter().filter(|e| in_scope(&e.metadata)) {
                found.push(e.metadata.name.clone());
                rows.push(vec![
                    printers::age_since(c.now, crate::time::Time(e.last_ms)),
                    e.type_.clone(),
                    e.reason.clone(),
                    format!("{}/{}", e.involved_object.kind.to_lowercase(), e.involved_object.name),
                    e.message.clone(),
                ]);
            }
        }
    }
    // Named objects that do not exist.
    let mut err = String::new();
    for n in &names {
        if !found.contains(n) {
            err.push_str(&format!("Error from server (NotFound): {} \"{}\" not found\n", qualified_plural(t), n));
        }
    }
    if rows.is_empty() {
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
    if f.output.as_deref() == Some("name") {
        let prefix = resource_prefix(t.kind);
        let s: String = found.iter().map(|n| format!("{prefix}/{n}\n")).collect();
        return Output { stdout: s, stderr: err.clone(), status: i32::from(!err.is_empty()) };
    }
    if f.prefix_names {
        let prefix = resource_prefix(t.kind);
        for r in rows.iter_mut() {
            r[0] = format!("{prefix}/{}", r[0]);
        }
    }
    let mut head: Vec<String> = header.iter().map(|s| s.to_string()).collect();
    if f.show_labels && t.kind != "Event" {
        head.push("LABELS".into());
    }
    if f.all_namespaces && t.namespaced {
        head.insert(0, "NAMESPACE".into());
        // Namespace of each row, in the same order as rows were produced.
        let nss: Vec<String> = match t.kind {
            "Pod" => c.pods().filter(|p| in_scope(&p.metadata)).map(|p| p.metadata.namespace.clone()).collect(),
            "DaemonSet" => c.daemonsets().filter(|d| in_scope(&d.metadata)).map(|d| d.metadata.namespace.clone()).collect(),
            "Deployment" => c.deployments().filter(|d| in_scope(&d.metadata)).map(|d| d.metadata.namespace.clone()).collect(),
            "ReplicaSet" => c.replicasets().filter(|d| in_scope(&d.metadata)).map(|d| d.metadata.namespace.clone()).collect(),
            "StatefulSet" => c.statefulsets().filter(|d| in_scope(&d.metadata)).map(|d| d.metadata.namespace.clone()).collect(),
            "Service" => c.services().filter(|d| in_scope(&d.metadata)).map(|d| d.metadata.namespace.clone()).collect(),
            "Endpoints" => c.all_endpoints().filter(|d| in_scope(&d.metadata)).map(|d| d.metadata.namespace.clone()).collect(),
            "PersistentVolumeClaim" => c.pvcs().filter(|d| in_scope(&d.metadata)).map(|d| d.metadata.namespace.clone()).collect(),
            "ControllerRevision" => c.controllerrevisions().filter(|d| in_scope(&d.metadata)).map(|d| d.metadata.namespace.clone()).collect(),
            _ => c.events().iter().filter(|e| in_scope(&e.metadata)).map(|e| e.metadata.namespace.clone()).collect(),
        };
        for (r, n) in rows.iter_mut().zip(nss) {
            r.insert(0, n);
        }
    }
    let mut all = vec![head];
    all.extend(rows);
    if t.kind == "Endpoints" {
        err.insert_str(0, "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n");
    }
    Output { stdout: table(&all), stderr: err.clone(), status: i32::from(err.lines().any(|l| l.starts_with("Error"))) }
}

/// CONTAINERS, IMAGES and SELECTOR cells of `-o wide` for a workload.
fn workload_wide(t: &crate::model::PodTemplateSpec, sel: Option<&crate::model::LabelSelector>) -> Vec<String> {
    vec![
        t.spec.containers.iter().map(|x| x.name.clone()).collect::<Vec<_>>().join(","),
        t.spec.containers.iter().map(|x| x.image.clone()).collect::<Vec<_>>().join(","),
        sel.map(|s| s.to_display()).unwrap_or_default(),
    ]
}

/// `TYPE NAME…` or `TYPE/NAME…`: the resource type and the names.
fn type_and_names(positional: &[String]) -> Option<(String, Vec<String>)> {
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
        } else {
            out.stderr.push_str(&format!("Error from server (NotFound): {} \"{name}\" not found\n", qualified_plural(t)));
            out.status = 1;
        }
    }
    c.settle();
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
fn drain(c: &mut Cluster, f: &Flags) -> Output {
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
    let pods: Vec<crate::model::Pod> = c.pods_on(&name).cloned().collect();
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
    c.advance_until(crate::time::Dur::secs(60), |c| evict.iter().all(|k| c.pod(k).is_none()));
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
            let Some(mut t) = crate::session::parse_taint(spec) else {
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
    let key = Key::new(&ns, &name);
    let old = match t.kind {
        "Node" => c.node(&name).map(|n| n.metadata.labels.clone()),
        "Pod" => c.pod(&key).map(|p| p.metadata.labels.clone()),
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
        let r = if t.kind == "Node" { c.set_node_labels(&name, labels) } else { c.set_pod_labels(&key, labels) };
        if let Err(e) = r {
            return Output::err(format!("{e}\n"));
        }
        c.settle();
    }
    let prefix = resource_prefix(t.kind);
    out.stdout.push_str(&format!("{prefix}/{name} {verb}\n"));
    out
}

fn delete(c: &mut Cluster, f: &Flags) -> Output {
    let Some((what, mut names)) = type_and_names(&f.positional) else {
        return Output::err("error: You must provide one or more resources by argument or filename.\n");
    };
    let Some(t) = resource_type(&what) else {
        return Output::err(format!("error: the server doesn't have a resource type \"{what}\"\n"));
    };
    let propagation = match f.cascade.as_deref() {
        None => crate::gc::Propagation::Background,
        Some(v) => match crate::gc::Propagation::parse(v) {
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
        let m = |meta: &crate::model::ObjectMeta| meta.namespace == ns && selector_matches(sel, &meta.labels).unwrap_or(false);
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
        c.advance_until(crate::time::Dur::secs(60), |c| {
            waiting.iter().all(|(k, uid)| c.object_meta(kind, k).is_none_or(|m| &m.uid != uid))
        });
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
