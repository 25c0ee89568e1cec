//! The app's handle on the simulated cluster: the kubesim session (plain data, not
//! reactive), a reactive snapshot for the views, and the intents components call. No
//! Kubernetes logic lives here: it all happens in kubesim.

use course::goals::Activity;
use kubesim::cluster::HappeningKind;
use kubesim::apply::Applied;
use kubesim::{ApplyError, Cluster, ClusterView, Dur, Output, Session};
use leptos::prelude::*;

/// Simulated milliseconds the clock moves per real tick at 1×.
pub const TICK_MS: u64 = 100;

/// A pod came or went or turned ready: what the live region announces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum News {
    PodCreated(String),
    PodReady(String),
    PodDeleted(String),
}

/// The object the student picked (a pod or node card, a name in the terminal): the
/// cluster view outlines it and the spotlight keeps it lit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selected {
    Node(String),
    /// Namespace and name.
    Pod(String, String),
}

/// One command of the terminal and what it printed.
#[derive(Clone, Debug, PartialEq)]
pub struct TermEntry {
    pub id: usize,
    pub line: String,
    pub stdout: String,
    pub stderr: String,
}

#[derive(Clone, Copy)]
pub struct Sim {
    session: StoredValue<Session>,
    seen_history: StoredValue<usize>,
    /// The cluster's revision when `view` was last built.
    seen_revision: StoredValue<u64>,
    /// Set only when the cluster (may have) changed; the clock alone moves `now_ms`.
    pub view: RwSignal<ClusterView>,
    /// Simulated time, in milliseconds.
    pub now_ms: RwSignal<u64>,
    pub playing: RwSignal<bool>,
    pub speed: RwSignal<u64>,
    pub activity: RwSignal<Activity>,
    pub news: RwSignal<Vec<News>>,
    /// The terminal's scrollback: commands typed there and those the buttons ran.
    pub terminal: RwSignal<Vec<TermEntry>>,
    /// The selected pod or node, if any.
    pub selected: RwSignal<Option<Selected>>,
}

impl Sim {
    /// A Sim over a fresh cluster (the default kind cluster, or the page's `?nodes=` spec).
    pub fn from_cluster(cluster: Cluster) -> Sim {
        let session = Session::new(cluster);
        let view = session.cluster.view();
        let seen = session.cluster.history.len();
        let revision = session.cluster.revision();
        Sim {
            session: StoredValue::new(session),
            seen_history: StoredValue::new(seen),
            seen_revision: StoredValue::new(revision),
            now_ms: RwSignal::new(view.now_ms),
            view: RwSignal::new(view),
            playing: RwSignal::new(true),
            speed: RwSignal::new(1),
            activity: RwSignal::new(Activity::default()),
            news: RwSignal::new(Vec::new()),
            terminal: RwSignal::new(Vec::new()),
            selected: RwSignal::new(None),
        }
    }

    /// Reads the cluster (for goals and panels that need more than the view).
    pub fn with_cluster<R>(&self, f: impl FnOnce(&Cluster) -> R) -> R {
        self.session.with_value(|s| f(&s.cluster))
    }

    fn refresh(&self) {
        let (view, news, len, revision) = self.session.with_value(|s| {
            let start = self.seen_history.get_value().min(s.cluster.history.len());
            let news: Vec<News> = s.cluster.history[start..]
                .iter()
                .filter_map(|h| match &h.what {
                    HappeningKind::PodCreated { pod, .. } => Some(News::PodCreated(pod.name.clone())),
                    HappeningKind::PodReady { pod } => Some(News::PodReady(pod.name.clone())),
                    HappeningKind::PodDeleted { pod } => Some(News::PodDeleted(pod.name.clone())),
                    _ => None,
                })
                .collect();
            (s.cluster.view(), news, s.cluster.history.len(), s.cluster.revision())
        });
        self.seen_history.set_value(len);
        self.seen_revision.set_value(revision);
        self.now_ms.set(view.now_ms);
        if !news.is_empty() {
            self.news.set(news);
        }
        self.view.set(view);
    }

    /// One tick of the clock: advance by the tick times the speed, if playing.
    pub fn tick(&self) {
        if !self.playing.get_untracked() {
            return;
        }
        let d = Dur::ms(TICK_MS * self.speed.get_untracked());
        let mut rows = String::new();
        self.session.update_value(|s| rows = s.tick(d));
        self.stream(rows);
        // A tick with nothing due moves only the clock: no new view to build and diff.
        let (revision, now) = self.session.with_value(|s| (s.cluster.revision(), s.cluster.now.millis()));
        if revision == self.seen_revision.get_value() {
            self.now_ms.set(now);
        } else {
            self.refresh();
        }
    }

    /// Rows of a running `kubectl get -w` go to the end of the terminal, as they would.
    fn stream(&self, rows: String) {
        if rows.is_empty() {
            return;
        }
        self.terminal.update(|t| {
            if let Some(last) = t.last_mut() {
                last.stdout.push_str(&rows);
            }
        });
    }

    /// Ctrl+C in the terminal: ends the running watches.
    pub fn interrupt(&self) {
        let mut rows = String::new();
        let mut watching = false;
        self.session.update_value(|s| {
            watching = s.watching();
            rows = s.stop_watches();
        });
        self.stream(rows);
        if watching {
            self.terminal.update(|t| {
                if let Some(last) = t.last_mut() {
                    last.stdout.push_str("^C\n");
                }
            });
        }
    }

    /// Jumps to the next thing the cluster will do (the clock's "step").
    pub fn step(&self) {
        let mut rows = String::new();
        self.session.update_value(|s| {
            s.cluster.step();
            rows = s.take_watch_output();
        });
        self.stream(rows);
        // The button is the `sim step` command; goals about stepping the clock count it.
        self.activity.update(|a| a.commands.push("sim step".into()));
        self.refresh();
    }

    /// Applies YAML from the editor: all of it, or nothing.
    pub fn apply(&self, file: &str, text: &str) -> Result<Applied, ApplyError> {
        let mut result = Err(ApplyError::NamespaceNotFound { document: 0, namespace: String::new() });
        self.session.update_value(|s| {
            s.files.insert(file.to_string(), text.to_string());
            result = s.cluster.apply_text_with_warnings(text);
        });
        if result.is_ok() {
            self.activity.update(|a| a.commands.push(format!("kubectl apply -f {file}")));
        }
        self.refresh();
        result
    }

    /// What applying would say, without applying: the manifest is tried on a copy of the
    /// cluster (for the editor's check while the student types).
    pub fn check(&self, text: &str) -> Result<Applied, ApplyError> {
        self.session.with_value(|s| s.cluster.clone().apply_text_with_warnings(text))
    }

    /// Puts a lesson file in the terminal's working directory.
    pub fn write_file(&self, name: &str, text: &str) {
        self.session.update_value(|s| {
            s.files.insert(name.to_string(), text.to_string());
        });
    }

    /// Runs a line and shows it in the terminal, as if typed there: the node controls use
    /// this, so every button teaches its command.
    pub fn run_logged(&self, line: &str) -> Output {
        self.run_logged_with(line, None)
    }

    fn run_logged_with(&self, line: &str, stdin: Option<&str>) -> Output {
        let mut out = Output::default();
        self.session.update_value(|s| out = s.run(line, stdin));
        self.activity.update(|a| a.commands.push(line.trim().to_string()));
        self.refresh();
        let mut rows = String::new();
        self.session.update_value(|s| rows = s.take_watch_output());
        self.terminal.update(|t| {
            let id = t.last().map_or(0, |e| e.id + 1);
            t.push(TermEntry { id, line: line.to_string(), stdout: out.stdout.clone(), stderr: out.stderr.clone() });
        });
        self.stream(rows);
        out
    }

    /// Completion candidates shown under the line, as a shell lists them on Tab.
    pub fn show_candidates(&self, line: &str, candidates: &[String]) {
        self.terminal.update(|t| {
            let id = t.last().map_or(0, |e| e.id + 1);
            t.push(TermEntry { id, line: line.to_string(), stdout: format!("{}\n", candidates.join("  ")), stderr: String::new() });
        });
    }

    /// Empties the terminal (`clear`).
    pub fn clear_terminal(&self) {
        self.terminal.set(Vec::new());
    }

    /// Tab completion of the terminal line.
    pub fn complete(&self, line: &str) -> Vec<String> {
        self.session.with_value(|s| kubesim::complete::complete(&s.cluster, &s.files, line))
    }

    /// Several lines pasted at once run in order, heredocs (`cat > f <<EOF … EOF`) included.
    pub fn run_pasted(&self, text: &str) {
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i].trim();
            i += 1;
            if line.is_empty() {
                continue;
            }
            let mut stdin = None;
            if let Some(pos) = line.find("<<") {
                let marker = line[pos + 2..].trim().trim_matches(|c| c == '\'' || c == '"' || c == '-').to_string();
                let mut body = String::new();
                while i < lines.len() && lines[i].trim() != marker {
                    body.push_str(lines[i]);
                    body.push('\n');
                    i += 1;
                }
                i += 1;
                stdin = Some(body);
            }
            self.run_logged_with(line, stdin.as_deref());
        }
    }
}
