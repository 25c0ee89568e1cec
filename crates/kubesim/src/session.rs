//! A terminal session over the cluster: the lines a student types (or a transcript holds) —
//! `kubectl …`, `sleep 10s`, `cat > file <<EOF`, `sim …` — and the simulated working
//! directory. The browser terminal and the `kubesim` runner both use it.

use crate::cluster::{Cluster, NodeSpecInput};
use crate::kubectl::{self, shell_words, Output};
use crate::model::Taint;
use crate::time::Dur;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct Session {
    pub cluster: Cluster,
    /// The simulated working directory (`cat > x.yaml` writes, `kubectl apply -f` reads).
    pub files: BTreeMap<String, String>,
}

impl Session {
    pub fn new(cluster: Cluster) -> Session {
        Session { cluster, files: BTreeMap::new() }
    }

    /// Runs one command line; `stdin` is the body of a heredoc that followed it, if any.
    pub fn run(&mut self, line: &str, stdin: Option<&str>) -> Output {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return Output::default();
        }
        // `cat > NAME <<EOF` writes the heredoc body to a file.
        if let Some(rest) = line.strip_prefix("cat") {
            let rest = rest.trim();
            if let Some(target) = rest.strip_prefix('>') {
                let name = target.split("<<").next().unwrap_or("").trim().to_string();
                if name.is_empty() {
                    return Output::err("bash: syntax error near unexpected token `newline'\n");
                }
                self.files.insert(name, stdin.unwrap_or("").to_string());
                return Output::default();
            }
            let name = rest.to_string();
            return match self.files.get(&name) {
                Some(t) => Output::ok(t.clone()),
                None => Output::err(format!("cat: {name}: No such file or directory\n")),
            };
        }
        let words = match shell_words(line) {
            Ok(w) => w,
            Err(e) => return Output::err(format!("bash: {e}\n")),
        };
        // Drop a trailing heredoc marker: `kubectl apply -f - <<EOF`.
        let words: Vec<String> = match words.iter().position(|w| w.starts_with("<<")) {
            Some(i) => words[..i].to_vec(),
            None => words,
        };
        let Some(cmd) = words.first() else { return Output::default() };
        match cmd.as_str() {
            "kubectl" | "k" => kubectl::run(&mut self.cluster, &words[1..], &self.files, stdin),
            "sleep" => match words.get(1).and_then(|d| Dur::parse(d)) {
                Some(d) => {
                    self.cluster.advance(d);
                    Output::default()
                }
                None => Output::err("sleep: invalid time interval\n"),
            },
            "sim" => self.sim(&words[1..]),
            "ls" => Output::ok(self.files.keys().map(|k| format!("{k}\n")).collect::<String>()),
            other => Output::err(format!("bash: {other}: command not found\n")),
        }
    }

    /// Simulator controls with no kubectl form: `sim node add|remove …`, `sim step`.
    fn sim(&mut self, args: &[String]) -> Output {
        let usage = "usage: sim node add NAME [--control-plane] [--label k=v] [--taint k=v:Effect] | sim node remove|fail|notready|recover NAME | sim pod unready|ready|crash|fix POD [-n NS] | sim step\n";
        match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["step"] => {
                self.cluster.step();
                Output::ok(format!("now {}\n", self.cluster.now.millis() as f64 / 1000.0))
            }
            ["node", "add", name, rest @ ..] => {
                let mut input = NodeSpecInput::worker(name);
                let mut i = 0;
                while i < rest.len() {
                    match rest[i] {
                        "--control-plane" => input.control_plane = true,
                        "--label" | "--taint" if i + 1 < rest.len() => {
                            let v = rest[i + 1];
                            if rest[i] == "--label" {
                                let (k, val) = v.split_once('=').unwrap_or((v, ""));
                                input.labels.insert(k.to_string(), val.to_string());
                            } else {
                                match parse_taint(v) {
                                    Some(t) => input.taints.push(t),
                                    None => return Output::err(format!("sim: invalid taint \"{v}\"\n")),
                                }
                            }
                            i += 1;
                        }
                        _ => return Output::err(usage),
                    }
                    i += 1;
                }
                match self.cluster.add_node(input) {
                    Ok(()) => {
                        self.cluster.settle();
                        Output::ok(format!("node/{name} added\n"))
                    }
                    Err(e) => Output::err(format!("sim: {e}\n")),
                }
            }
            ["node", verb @ ("fail" | "notready" | "recover"), name] => {
                let r = match *verb {
                    "fail" => self.cluster.fail_node(name),
                    "notready" => self.cluster.node_not_ready(name),
                    _ => self.cluster.recover_node(name),
                };
                match r {
                    Ok(()) => {
                        self.cluster.settle();
                        let what = match *verb {
                            "fail" => "stopped posting status",
                            "notready" => "reports NotReady",
                            _ => "is posting status again",
                        };
                        Output::ok(format!("node/{name}: kubelet {what}\n"))
                    }
                    Err(e) => Output::err(format!("sim: {e}\n")),
                }
            }
            ["pod", verb @ ("unready" | "ready" | "crash" | "fix"), name, rest @ ..] => {
                let ns = match rest {
                    [] => "default",
                    ["-n" | "--namespace", ns] => ns,
                    _ => return Output::err(usage),
                };
                let key = crate::store::Key::new(ns, name);
                let c = &mut self.cluster;
                let r = match *verb {
                    "unready" => crate::kubelet::fail_readiness(c, &key),
                    "ready" => crate::kubelet::pass_readiness(c, &key),
                    "crash" => crate::kubelet::crash(c, &key),
                    _ => crate::kubelet::fix(c, &key),
                };
                match r {
                    Ok(()) => {
                        c.settle();
                        let what = match *verb {
                            "unready" => "readiness probe failing",
                            "ready" => "readiness probe passing",
                            "crash" => "container crashing",
                            _ => "container fixed",
                        };
                        Output::ok(format!("pod/{name}: {what}\n"))
                    }
                    Err(e) => Output::err(format!("sim: {e}\n")),
                }
            }
            ["node", "remove", name] => match self.cluster.remove_node(name) {
                Ok(()) => {
                    self.cluster.settle();
                    Output::ok(format!("node/{name} removed\n"))
                }
                Err(e) => Output::err(format!("sim: {e}\n")),
            },
            _ => Output::err(usage),
        }
    }
}

/// `key=value:Effect` or `key:Effect`.
pub fn parse_taint(s: &str) -> Option<Taint> {
    let (kv, effect) = s.rsplit_once(':')?;
    if !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
        return None;
    }
    let (key, value) = kv.split_once('=').unwrap_or((kv, ""));
    if key.is_empty() {
        return None;
    }
    Some(Taint { key: key.into(), value: value.into(), effect: effect.into(), time_added: None })
}

/// Runs a whole transcript script and returns what a terminal would show: each line echoed
/// as `$ LINE`, then its output (stdout and stderr in order).
pub fn run_script(session: &mut Session, script: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = script.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut stdin = None;
        if let Some(pos) = trimmed.find("<<") {
            let marker = trimmed[pos + 2..].trim().trim_matches(|c| c == '\'' || c == '"' || c == '-').to_string();
            let mut body = String::new();
            while i < lines.len() && lines[i].trim() != marker {
                body.push_str(lines[i]);
                body.push('\n');
                i += 1;
            }
            i += 1; // the marker line
            stdin = Some(body);
        }
        out.push_str(&format!("$ {trimmed}\n"));
        let o = session.run(trimmed, stdin.as_deref());
        out.push_str(&o.stdout);
        out.push_str(&o.stderr);
    }
    out
}
