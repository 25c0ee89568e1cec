//! A terminal session over the cluster: the lines a student types (or a transcript holds) —
//! `kubectl …`, `sleep 10s`, `cat > file <<EOF`, `sim …` — and the simulated working
//! directory. The browser terminal and the `kubesim` runner both use it.

use crate::apiserver::apply::{Applied, ApplyError};
use crate::cluster::{Cluster, NodeSpecInput};
pub mod inputs;
mod copy;
use crate::session::inputs::{Input, Journal, Setup};
use crate::kubectl::{self, shell_words, Output};
use crate::runtime::time::Dur;
use crate::kubelet::exec::ContainerHost;
use crate::kubelet::shell::Shell;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct Session {
    pub cluster: Cluster,
    /// The simulated working directory (`cat > x.yaml` writes, `kubectl apply -f` reads).
    pub files: BTreeMap<String, String>,
    /// Running `kubectl get -w` commands.
    watches: Vec<Watch>,
    /// Watch rows not handed out yet.
    watch_out: String,
    /// Every input since the cluster was set up, when it was (see [`Session::start`]).
    journal: Option<Journal>,
    /// While replaying up to an instant: the last state a waiting command let pass at or
    /// before it (see [`crate::journal::view_at`]).
    pub(crate) horizon: Option<Horizon>,
    /// An interactive shell in a container (`kubectl exec -it … -- sh`): lines go to it
    /// until `exit`.
    shell: Option<OpenShell>,
}

/// A shell session in a container, and the prompt it shows.
#[derive(Clone, Debug)]
struct OpenShell {
    attach: kubectl::Attach,
    uid: String,
    shell: Shell,
    prompt: String,
}

/// The instant a replay stops at, and the cluster as it was then, seen from inside a
/// command that waits (`kubectl delete`, `drain`, `rollout status`).
#[derive(Clone, Debug)]
pub(crate) struct Horizon {
    pub at: crate::runtime::time::Time,
    pub seen: Option<Cluster>,
}

/// What a watch last printed for one object.
#[derive(Clone, Debug)]
struct Seen {
    uid: String,
    state: String,
    row: Vec<String>,
    created: crate::runtime::time::Time,
}

/// One `kubectl get … -w`: the listing it repeats, what it has seen, and the column widths
/// its tabwriter remembers.
#[derive(Clone, Debug)]
struct Watch {
    kind: &'static kubectl::ResourceType,
    flags: kubectl::Flags,
    seen: BTreeMap<(String, String), Seen>,
    widths: Vec<usize>,
    header: bool,
    age_col: Option<usize>,
    /// How much of the cluster's history this watch has looked at.
    history_seen: usize,
}

impl Watch {
    fn start(c: &Cluster, kind: &'static kubectl::ResourceType, flags: kubectl::Flags) -> Watch {
        let mut w = Watch { kind, flags, seen: BTreeMap::new(), widths: Vec::new(), header: false, age_col: None, history_seen: c.rec.history.len() };
        let (header, items) = kubectl::collect(c, w.kind, &w.flags);
        let head = kubectl::header_cells(w.kind, &w.flags, &header);
        w.age_col = head.iter().position(|h| h == "AGE");
        let mut rows = Vec::new();
        for i in &items {
            let row = kubectl::decorate_row(w.kind, &w.flags, i);
            w.seen.insert((i.meta.namespace.clone(), i.meta.name.clone()), w.seen_of(i, row.clone()));
            rows.push(row);
        }
        // The initial listing was printed by `get` itself; remember its widths.
        if !rows.is_empty() && !w.flags.watch_only {
            rows.insert(0, head);
            crate::kubectl::printers::table_remembering(&rows, &mut w.widths);
            w.header = true;
        }
        w
    }

    fn seen_of(&self, i: &kubectl::Item, row: Vec<String>) -> Seen {
        Seen { uid: i.meta.uid.clone(), state: i.json.to_string(), row, created: Cluster::created_at(&i.meta) }
    }

    /// The rows of every change since the last look: one per changed object, the last
    /// state once more for a deleted one.
    fn poll(&mut self, c: &Cluster) -> String {
        let (header, items) = kubectl::collect(c, self.kind, &self.flags);
        // Pods created and bound to a node in the same instant were two API writes (the
        // create, then the scheduler's binding): two watch events, two rows.
        let mut bound_at_birth = std::collections::BTreeSet::new();
        if self.kind.kind == "Pod" {
            let mut created = std::collections::BTreeSet::new();
            for h in &c.rec.history[self.history_seen.min(c.rec.history.len())..] {
                match &h.what {
                    crate::cluster::HappeningKind::PodCreated { pod, .. } => {
                        created.insert(pod.clone());
                    }
                    crate::cluster::HappeningKind::PodScheduled { pod, .. } if created.contains(pod) => {
                        bound_at_birth.insert((pod.ns.clone(), pod.name.clone()));
                    }
                    _ => {}
                }
            }
        }
        self.history_seen = c.rec.history.len();
        let head = kubectl::header_cells(self.kind, &self.flags, &header);
        let mut rows: Vec<Vec<String>> = Vec::new();
        // Objects gone since the last look come first: within one instant, what a
        // controller does next usually follows from a deletion.
        let present: std::collections::BTreeSet<(String, String)> = items.iter().map(|i| (i.meta.namespace.clone(), i.meta.name.clone())).collect();
        let gone: Vec<(String, String)> = self.seen.keys().filter(|k| !present.contains(*k)).cloned().collect();
        for k in gone {
            let old = self.seen.remove(&k).expect("seen");
            rows.push(self.deleted_row(c, &old));
        }
        // The rest in the order the changes happened (their resourceVersions), as a watch
        // delivers them, not in name order.
        let mut changed: Vec<(u64, Vec<Vec<String>>)> = Vec::new();
        for i in &items {
            let key = (i.meta.namespace.clone(), i.meta.name.clone());
            let state = i.json.to_string();
            let mut rows: Vec<Vec<String>> = Vec::new();
            match self.seen.get(&key) {
                Some(s) if s.uid == i.meta.uid && s.state == state => continue,
                Some(s) if s.uid != i.meta.uid => {
                    let old = s.clone();
                    rows.push(self.deleted_row(c, &old));
                }
                _ => {}
            }
            let row = kubectl::decorate_row(self.kind, &self.flags, i);
            let added = self.seen.get(&key).is_none_or(|s| s.uid != i.meta.uid);
            if added && bound_at_birth.contains(&key) {
                // The ADDED event: not bound yet, so no node and no IP.
                let mut first = row.clone();
                for col in ["NODE", "IP"] {
                    if let Some(j) = head.iter().position(|h| h == col) {
                        first[j] = "<none>".into();
                    }
                }
                rows.push(first);
            }
            rows.push(row.clone());
            let seen = self.seen_of(i, row);
            self.seen.insert(key, seen);
            changed.push((i.meta.resource_version.parse().unwrap_or(0), rows));
        }
        crate::runtime::sort::by_key(&mut changed, |(rv, _)| *rv);
        rows.extend(changed.into_iter().flat_map(|(_, r)| r));
        if rows.is_empty() {
            return String::new();
        }
        if !self.header && !self.flags.no_headers {
            rows.insert(0, head);
            self.header = true;
        }
        crate::kubectl::printers::table_remembering(&rows, &mut self.widths)
    }

    /// A DELETED event prints the object's last state, aged to now.
    fn deleted_row(&self, c: &Cluster, s: &Seen) -> Vec<String> {
        let mut row = s.row.clone();
        if let Some(i) = self.age_col.filter(|i| *i < row.len()) {
            row[i] = crate::kubectl::printers::age_since(c.rt.now, s.created);
        }
        row
    }
}

fn poll_all(watches: &mut [Watch], out: &mut String, c: &Cluster) {
    for w in watches.iter_mut() {
        out.push_str(&w.poll(c));
    }
}

impl Session {
    /// A session over a cluster built elsewhere. It keeps no journal: what happened to the
    /// cluster before cannot be replayed. Use [`Session::start`] for a replayable session.
    pub fn new(cluster: Cluster) -> Session {
        Session { cluster, files: BTreeMap::new(), watches: Vec::new(), watch_out: String::new(), journal: None, horizon: None, shell: None }
    }

    /// A fresh cluster set up as `setup` says, with a journal of every input from here on,
    /// so that [`crate::journal::replay`] can build the same session again.
    pub fn start(setup: Setup) -> Session {
        let cluster = Cluster::with_nodes(setup.seed, &setup.nodes);
        let mut s = Session::new(cluster);
        s.journal = Some(Journal { setup, inputs: Vec::new() });
        s
    }

    /// The inputs that built this session, if it keeps a journal.
    pub fn journal(&self) -> Option<&Journal> {
        self.journal.as_ref()
    }

    fn record(&mut self, input: Input) {
        if let Some(j) = self.journal.as_mut() {
            j.push(input);
        }
    }

    /// Runs one input of a journal and returns what it printed: the command's output (for
    /// an Apply, kubectl's lines or the error), then the watch rows it let through.
    pub fn perform(&mut self, input: &Input) -> String {
        let mut shown = match input {
            Input::Tick(d) => self.tick(*d),
            Input::Step => self.step(),
            Input::Interrupt => self.stop_watches(),
            Input::Run { line, stdin } => {
                let o = self.run(line, stdin.as_deref());
                o.stdout + &o.stderr
            }
            Input::Write { name, text } => {
                self.write_file(name, text);
                String::new()
            }
            Input::Apply { name, text } => match self.apply_file(name, text) {
                Ok(a) => a.outcomes.iter().map(|o| format!("{}\n", o.line())).collect(),
                Err(e) => format!("{e:?}\n"),
            },
        };
        shown.push_str(&self.take_watch_output());
        shown
    }

    /// Puts a file in the working directory (a lesson file, the editor's buffer).
    pub fn write_file(&mut self, name: &str, text: &str) {
        self.record(Input::Write { name: name.to_string(), text: text.to_string() });
        self.files.insert(name.to_string(), text.to_string());
    }

    /// The editor's Apply: saves the buffer as `name` and applies it, all or nothing, with
    /// the warnings the app shows. Running watches see the change.
    pub fn apply_file(&mut self, name: &str, text: &str) -> Result<Applied, ApplyError> {
        self.record(Input::Apply { name: name.to_string(), text: text.to_string() });
        self.files.insert(name.to_string(), text.to_string());
        let r = self.cluster.apply_text_with_warnings(text);
        poll_all(&mut self.watches, &mut self.watch_out, &self.cluster);
        r
    }

    /// The clock's step: jumps to the next thing the cluster will do and runs it. Returns
    /// the watch rows that produced.
    pub fn step(&mut self) -> String {
        self.record(Input::Step);
        poll_all(&mut self.watches, &mut self.watch_out, &self.cluster);
        self.cluster.step();
        poll_all(&mut self.watches, &mut self.watch_out, &self.cluster);
        std::mem::take(&mut self.watch_out)
    }

    /// Whether a `kubectl get -w` is running.
    pub fn watching(&self) -> bool {
        !self.watches.is_empty()
    }

    /// Ctrl-C: ends every watch. Returns the rows that had not been handed out yet.
    pub fn stop_watches(&mut self) -> String {
        self.record(Input::Interrupt);
        poll_all(&mut self.watches, &mut self.watch_out, &self.cluster);
        self.watches.clear();
        std::mem::take(&mut self.watch_out)
    }

    /// The watch rows produced since the last call (by commands that changed the cluster).
    pub fn take_watch_output(&mut self) -> String {
        poll_all(&mut self.watches, &mut self.watch_out, &self.cluster);
        std::mem::take(&mut self.watch_out)
    }

    /// Advances the clock by `d` (the terminal's idle time, or `sleep`) and returns the watch
    /// rows that arrived meanwhile, in order.
    pub fn tick(&mut self, d: Dur) -> String {
        self.record(Input::Tick(d));
        self.tick_unrecorded(d)
    }

    /// [`Session::tick`] without the journal (`sleep`, inside a recorded command line).
    /// Ticking `a` then `b` leaves the same cluster, and prints the same rows, as ticking
    /// `a + b`: every timed thing runs at its own instant either way, and a watch looked at
    /// after every one of them has nothing new to print at the seam.
    fn tick_unrecorded(&mut self, d: Dur) -> String {
        let target = self.cluster.rt.now.plus(d);
        poll_all(&mut self.watches, &mut self.watch_out, &self.cluster);
        if self.watches.is_empty() {
            self.cluster.advance(d);
        } else {
            while let Some(at) = self.cluster.next_event_at() {
                if at > target {
                    break;
                }
                self.cluster.step();
                poll_all(&mut self.watches, &mut self.watch_out, &self.cluster);
            }
            self.cluster.advance(target.since(self.cluster.rt.now));
            poll_all(&mut self.watches, &mut self.watch_out, &self.cluster);
        }
        std::mem::take(&mut self.watch_out)
    }

    /// Runs one command line; `stdin` is the body of a heredoc that followed it, if any.
    pub fn run(&mut self, line: &str, stdin: Option<&str>) -> Output {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return Output::default();
        }
        self.record(Input::Run { line: line.to_string(), stdin: stdin.map(str::to_string) });
        let out = if self.shell.is_some() { self.shell_line(line) } else { self.run_unrecorded(line, stdin) };
        // Whatever the line changed, running watches have looked at it: the rows wait in
        // the buffer, whoever hands them out and whenever.
        poll_all(&mut self.watches, &mut self.watch_out, &self.cluster);
        out
    }

    /// The prompt of the shell session open in a container, if one is (`/ # `, `# `); the
    /// terminal shows it instead of its own.
    pub fn prompt(&self) -> Option<&str> {
        self.shell.as_ref().map(|s| s.prompt.as_str())
    }

    /// Opens the shell an attaching command asked for.
    fn open_shell(&mut self, attach: kubectl::Attach) {
        let Some(uid) = self.cluster.pod(&attach.pod).map(|p| p.metadata.uid.clone()) else { return };
        let Some(host) = ContainerHost::new(&mut self.cluster, &attach.pod, &attach.container) else { return };
        let shell = Shell::new(&host);
        let prompt = shell.prompt(&host);
        self.shell = Some(OpenShell { attach, uid, shell, prompt });
    }

    /// One line typed into the open shell session.
    fn shell_line(&mut self, line: &str) -> Output {
        let Some(mut open) = self.shell.take() else { return Output::default() };
        let key = open.attach.pod.clone();
        let alive = self.cluster.pod(&key).is_some_and(|p| p.metadata.uid == open.uid) && kubectl::container_running(&self.cluster, &key, &open.attach.container);
        if !alive {
            // The container went away under the session (deleted, restarted, node gone).
            return Output { stdout: String::new(), stderr: "command terminated with exit code 137\n".into(), status: 137 };
        }
        let Some(mut host) = ContainerHost::new(&mut self.cluster, &key, &open.attach.container) else { return Output::default() };
        let o = open.shell.run(&mut host, line);
        open.prompt = open.shell.prompt(&host);
        let slept = host.slept_ms;
        if slept > 0 {
            let shown = self.tick_unrecorded(Dur::ms(slept));
            self.watch_out.insert_str(0, &shown);
        }
        let mut out = Output { stdout: o.stdout, stderr: o.stderr, status: o.status };
        if !o.exited {
            self.shell = Some(open);
            return out;
        }
        let a = &open.attach;
        if a.main_process {
            crate::kubelet::attached_exited(&mut self.cluster, &key, o.status);
            self.cluster.settle();
            if a.remove {
                let _ = self.cluster.delete_object("Pod", &key, crate::Propagation::Background, None);
                self.cluster.settle();
                out.stdout.push_str(&format!("pod \"{}\" deleted from {} namespace\n", key.name, key.ns));
            } else {
                out.stdout.push_str(&format!("Session ended, resume using 'kubectl attach {n} -c {c} -i -t' command when the pod is running\n", n = key.name, c = a.container));
            }
        } else if o.status != 0 {
            out.stderr.push_str(&format!("command terminated with exit code {}\n", o.status));
        }
        poll_all(&mut self.watches, &mut self.watch_out, &self.cluster);
        out
    }

    fn run_unrecorded(&mut self, line: &str, stdin: Option<&str>) -> Output {
        // Ctrl-C in a transcript.
        if line == "^C" {
            poll_all(&mut self.watches, &mut self.watch_out, &self.cluster);
            self.watches.clear();
            return Output::ok(std::mem::take(&mut self.watch_out));
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
            "kubectl" | "k" if words.get(1).is_some_and(|w| w == "cp") => self.copy(&words[2..]),
            "kubectl" | "k" => self.kubectl(&words[1..], stdin),
            "sleep" => match words.get(1).and_then(|d| Dur::parse(d)) {
                Some(d) => Output::ok(self.tick_unrecorded(d)),
                None => Output::err("sleep: invalid time interval\n"),
            },
            "sim" => self.sim(&words[1..]),
            "ls" => Output::ok(self.files.keys().map(|k| format!("{k}\n")).collect::<String>()),
            other => Output::err(format!("bash: {other}: command not found\n")),
        }
    }

    fn kubectl(&mut self, args: &[String], stdin: Option<&str>) -> Output {
        let Session { cluster, files, watches, watch_out, horizon, .. } = self;
        poll_all(watches, watch_out, cluster);
        let mut obs = |c: &Cluster| {
            poll_all(watches, watch_out, c);
            if let Some(h) = horizon.as_mut().filter(|h| c.rt.now <= h.at) {
                h.seen = Some(c.clone());
            }
        };
        let out = kubectl::run_observed(cluster, args, files, stdin, Some(&mut obs));
        poll_all(watches, watch_out, cluster);
        if out.status == 0 {
            if let Some((kind, flags)) = kubectl::watch_request(args) {
                let w = Watch::start(cluster, kind, flags);
                self.watches.push(w);
            }
            if let Some(a) = kubectl::attach_request(&self.cluster, args) {
                self.open_shell(a);
            }
        }
        out
    }

    /// Simulator controls with no kubectl form: `sim node add|remove …`, `sim step`,
    /// `sim hash`.
    fn sim(&mut self, args: &[String]) -> Output {
        let usage = "usage: sim node add NAME [--control-plane] [--label k=v] [--taint k=v:Effect] | sim node remove|fail|notready|recover NAME | sim pod unready|ready|crash|fix POD [-n NS] | sim step | sim hash\n";
        match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            // The whole cluster state's hash (objects, clock, generator, timers): equal
            // hashes, equal clusters. Compares a run natively and in the browser.
            ["hash"] => Output::ok(format!("state {:016x}\n", self.cluster.state_hash())),
            ["step"] => {
                self.cluster.step();
                Output::ok(format!("now {}\n", self.cluster.rt.now.millis() as f64 / 1000.0))
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
                let key = crate::api::meta::Key::new(ns, name);
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

/// `key=value:Effect` or `key:Effect` (kubectl taint's syntax; `sim node add` reads it too).
pub use crate::kubectl::parse_taint;

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
        match session.prompt() {
            Some(p) => out.push_str(&format!("{p}{trimmed}\n")),
            None => out.push_str(&format!("$ {trimmed}\n")),
        }
        let o = session.run(trimmed, stdin.as_deref());
        out.push_str(&o.stdout);
        out.push_str(&o.stderr);
    }
    out
}
