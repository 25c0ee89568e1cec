//! The app's handle on the simulated cluster: the kubesim session (plain data, not
//! reactive), a reactive snapshot for the views, and the intents components call. No
//! Kubernetes logic lives here: it all happens in kubesim.

use course::goals::Activity;
use kubesim::cluster::HappeningKind;
use kubesim::apply::Applied;
use kubesim::journal::{session_at, At, Input, Journal, ReplayError, Setup};
use kubesim::{ApplyError, Cluster, ClusterView, Dur, Output, Session, Time};
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
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Selected {
    Node(String),
    /// Namespace and name.
    Pod(String, String),
}

/// One Kubernetes Event, as the timeline lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRow {
    /// Position in the cluster's event list (stable: events are only appended).
    pub index: usize,
    /// Simulated milliseconds of its last occurrence.
    pub at_ms: u64,
    pub warning: bool,
    pub reason: String,
    pub kind: String,
    pub name: String,
    pub namespace: String,
    pub message: String,
    pub count: i32,
}

/// The cluster as it was at a past moment, shown read-only while the live one waits.
#[derive(Clone, Debug, PartialEq)]
pub struct Past {
    pub at_ms: u64,
    /// The timeline row that was picked, if the look back came from one.
    pub event: Option<usize>,
    pub view: ClusterView,
    /// Whether the clock was running when the look back began (it resumes on return).
    pub was_playing: bool,
}

/// One command of the terminal and what it printed.
#[derive(Clone, Debug, PartialEq)]
pub struct TermEntry {
    pub id: usize,
    /// The prompt the line was typed at: `$ `, or a container shell's (`/ # `).
    pub prompt: String,
    pub line: String,
    pub stdout: String,
    pub stderr: String,
    /// A few words of the app's own, in the student's language, after the output.
    pub note: Option<TermNote>,
}

/// The app's own words in the terminal (kubectl's output stays English, as the real tool's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermNote {
    /// `help`, `?`, `ayuda`: what the terminal accepts and how to get a hint.
    Help,
    /// After `kubectl` alone: that was kubectl's own help; `help` says more.
    AfterKubectlHelp,
}

/// Whether a terminal line asks the app for help rather than running anything.
pub fn asks_for_help(line: &str) -> bool {
    matches!(line.trim().to_lowercase().as_str(), "help" | "?" | "ayuda" | "h")
}

/// Whether a line is kubectl's root help (`kubectl`, `kubectl help`, `kubectl --help`).
pub fn is_kubectl_help(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    matches!(words.as_slice(), ["kubectl"] | ["kubectl", "help"] | ["kubectl", "--help"] | ["kubectl", "-h"])
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
    /// The cluster's Events, oldest first (the timeline turns them round).
    pub events: RwSignal<Vec<EventRow>>,
    /// Set while looking back: `view` then shows this past moment, and nothing may change
    /// the cluster.
    pub past: RwSignal<Option<Past>>,
    /// The cluster of that past moment, which the panels that read more than the view (the
    /// why panel, the goals) read meanwhile.
    past_cluster: StoredValue<Option<Cluster>>,
    /// Bumped each time something tried to change the cluster while looking back.
    pub refused: RwSignal<u32>,
    /// The prompt of the shell open in a container (`kubectl exec -it … -- sh`), if one is.
    pub shell_prompt: RwSignal<Option<String>>,
}

impl Sim {
    /// A Sim over a fresh cluster (the default kind cluster, or the page's `?nodes=` spec),
    /// recording the journal that saving and share links replay.
    pub fn new(setup: Setup) -> Sim {
        let session = Session::start(setup);
        let view = session.cluster.view();
        let seen = session.cluster.history().len();
        let revision = session.cluster.revision();
        let sim = Sim {
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
            events: RwSignal::new(Vec::new()),
            past: RwSignal::new(None),
            past_cluster: StoredValue::new(None),
            refused: RwSignal::new(0),
            shell_prompt: RwSignal::new(None),
        };
        // The events the cluster starts with (the nodes' kubelets starting) for the timeline.
        sim.refresh();
        sim
    }

    /// The inputs that built the cluster, from its seed (for saving and share links).
    pub fn journal(&self) -> Option<Journal> {
        self.session.with_value(|s| s.journal().cloned())
    }

    /// Rebuilds the cluster from a journal (a saved session, a share link): the same
    /// cluster, files, running watches and terminal scrollback, and the commands the
    /// lesson's goals count. Nothing changes if the journal cannot be replayed.
    pub fn restore(&self, j: &Journal) -> Result<(), ReplayError> {
        kubesim::journal::check_setup(&j.setup)?;
        let mut s = Session::start(j.setup.clone());
        let mut entries: Vec<TermEntry> = Vec::new();
        let mut commands: Vec<String> = Vec::new();
        for input in &j.inputs {
            let streamed = match input {
                Input::Run { line, stdin } => {
                    let prompt = s.prompt().unwrap_or("$ ").to_string();
                    let out = s.run(line, stdin.as_deref());
                    commands.push(line.trim().to_string());
                    entries.push(TermEntry { id: entries.len(), prompt, note: is_kubectl_help(line).then_some(TermNote::AfterKubectlHelp), line: line.clone(), stdout: out.stdout, stderr: out.stderr });
                    s.take_watch_output()
                }
                Input::Apply { name, text } => {
                    if s.apply_file(name, text).is_ok() {
                        commands.push(format!("kubectl apply -f {name}"));
                    }
                    s.take_watch_output()
                }
                Input::Step => {
                    commands.push("sim step".into());
                    s.step()
                }
                other => s.perform(other),
            };
            if let Some(last) = entries.last_mut() {
                last.stdout.push_str(&streamed);
            }
        }
        self.past.set(None);
        self.shell_prompt.set(s.prompt().map(str::to_string));
        self.session.set_value(s);
        self.seen_history.set_value(self.session.with_value(|s| s.cluster.history().len()));
        self.terminal.set(entries);
        self.activity.update(|a| a.commands = commands);
        self.selected.set(None);
        self.refresh();
        Ok(())
    }

    /// Whether the view shows a past moment (the cluster is read-only meanwhile).
    pub fn looking_back(&self) -> bool {
        self.past.with(|p| p.is_some())
    }

    /// Call before changing the cluster: true (and the refusal noted, for the banner to say
    /// why) while looking back.
    pub fn refuse_while_looking_back(&self) -> bool {
        let refuse = self.past.with_untracked(|p| p.is_some());
        if refuse {
            self.refused.update(|n| *n += 1);
        }
        refuse
    }

    /// Shows the cluster as it was at `at_ms` (replaying the session's journal up to that
    /// instant), read-only, with the clock paused.
    pub fn look_back(&self, at_ms: u64, event: Option<usize>) {
        let past = self.session.with_value(|s| s.journal().map(|j| session_at(j, At::Time(Time(at_ms)))));
        let Some(Ok(then)) = past else { return };
        let view = then.cluster.view();
        let was_playing = self.past.with_untracked(|p| p.as_ref().map(|p| p.was_playing)).unwrap_or_else(|| self.playing.get_untracked());
        self.playing.set(false);
        self.past_cluster.set_value(Some(then.cluster));
        self.view.set(view.clone());
        self.past.set(Some(Past { at_ms, event, view, was_playing }));
    }

    /// Leaves the look back: the live cluster, exactly as it was left, and the clock as it was.
    pub fn back_to_live(&self) {
        let Some(p) = self.past.get_untracked() else { return };
        self.past_cluster.set_value(None);
        self.past.set(None);
        self.refresh();
        self.playing.set(p.was_playing);
    }

    /// Reads the cluster (for goals and panels that need more than the view).
    /// While looking back, the cluster of that moment.
    pub fn with_cluster<R>(&self, f: impl FnOnce(&Cluster) -> R) -> R {
        self.past_cluster.with_value(|past| match past {
            Some(c) => f(c),
            None => self.session.with_value(|s| f(&s.cluster)),
        })
    }

    fn refresh(&self) {
        if self.past.with_untracked(|p| p.is_some()) {
            // The live cluster does not change while looking back; the view stays past.
            return;
        }
        let events_changed = self.session.with_value(|s| {
            let evs = s.cluster.events();
            self.events.with_untracked(|rows| rows.len() != evs.len() || rows.iter().zip(evs).any(|(r, e)| r.count != e.count || r.at_ms != e.last_ms))
        });
        if events_changed {
            let rows = self.session.with_value(|s| {
                s.cluster
                    .events()
                    .iter()
                    .enumerate()
                    .map(|(index, e)| EventRow {
                        index,
                        at_ms: e.last_ms,
                        warning: e.type_ == "Warning",
                        reason: e.reason.clone(),
                        kind: e.involved_object.kind.clone(),
                        name: e.involved_object.name.clone(),
                        namespace: e.involved_object.namespace.clone(),
                        message: e.message.clone(),
                        count: e.count,
                    })
                    .collect()
            });
            self.events.set(rows);
        }
        let (view, news, len, revision) = self.session.with_value(|s| {
            let start = self.seen_history.get_value().min(s.cluster.history().len());
            let news: Vec<News> = s.cluster.history()[start..]
                .iter()
                .filter_map(|h| match &h.what {
                    HappeningKind::PodCreated { pod, .. } => Some(News::PodCreated(pod.name.clone())),
                    HappeningKind::PodReady { pod } => Some(News::PodReady(pod.name.clone())),
                    HappeningKind::PodDeleted { pod } => Some(News::PodDeleted(pod.name.clone())),
                    _ => None,
                })
                .collect();
            (s.cluster.view(), news, s.cluster.history().len(), s.cluster.revision())
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
        if !self.playing.get_untracked() || self.past.with_untracked(|p| p.is_some()) {
            return;
        }
        let d = Dur::ms(TICK_MS * self.speed.get_untracked());
        let mut rows = String::new();
        self.session.update_value(|s| rows = s.tick(d));
        self.stream(rows);
        // A tick with nothing due moves only the clock: no new view to build and diff.
        let (revision, now) = self.session.with_value(|s| (s.cluster.revision(), s.cluster.now().millis()));
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
        if self.refuse_while_looking_back() {
            return;
        }
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
        if self.refuse_while_looking_back() {
            return;
        }
        let mut rows = String::new();
        self.session.update_value(|s| rows = s.step());
        self.stream(rows);
        // The button is the `sim step` command; goals about stepping the clock count it.
        self.activity.update(|a| a.commands.push("sim step".into()));
        self.refresh();
    }

    /// Adds a worker (or a control-plane node) with the next free kind-style name, through
    /// the same `sim node add` a student could type; the terminal shows it.
    pub fn add_node(&self, control_plane: bool) {
        let prefix = if control_plane { "kind-control-plane" } else { "kind-worker" };
        let name = self.view.with_untracked(|v| {
            let taken = |n: &str| v.nodes.iter().any(|x| x.name == n);
            (1..)
                .map(|i| if i == 1 { prefix.to_string() } else { format!("{prefix}{i}") })
                .find(|n| !taken(n))
                .unwrap_or_default()
        });
        let flag = if control_plane { " --control-plane" } else { "" };
        self.run_logged(&format!("sim node add {name}{flag}"));
    }

    /// Applies YAML from the editor: all of it, or nothing. `None` while looking back
    /// (the cluster is read-only then; the banner says so).
    pub fn apply(&self, file: &str, text: &str) -> Option<Result<Applied, ApplyError>> {
        if self.refuse_while_looking_back() {
            return None;
        }
        let mut result = Err(ApplyError::NamespaceNotFound { document: 0, namespace: String::new() });
        let mut rows = String::new();
        self.session.update_value(|s| {
            result = s.apply_file(file, text);
            rows = s.take_watch_output();
        });
        self.stream(rows);
        if result.is_ok() {
            self.activity.update(|a| a.commands.push(format!("kubectl apply -f {file}")));
        }
        self.refresh();
        Some(result)
    }

    /// What applying would say, without applying (for the editor's check while the student
    /// types): the cluster is read, not copied.
    pub fn check(&self, text: &str) -> Result<Vec<kubesim::ManifestWarning>, ApplyError> {
        self.session.with_value(|s| s.cluster.check_text(text))
    }

    /// Puts a lesson file in the terminal's working directory.
    pub fn write_file(&self, name: &str, text: &str) {
        // Files are not the cluster: a lesson switch may write them while looking back.
        self.session.update_value(|s| s.write_file(name, text));
    }

    /// Runs a line and shows it in the terminal, as if typed there: the node controls use
    /// this, so every button teaches its command.
    pub fn run_logged(&self, line: &str) -> Output {
        self.run_logged_with(line, None)
    }

    fn run_logged_with(&self, line: &str, stdin: Option<&str>) -> Output {
        if self.refuse_while_looking_back() {
            return Output { stdout: String::new(), stderr: String::new(), status: 1 };
        }
        let mut out = Output::default();
        let mut prompt = String::new();
        let mut after = None;
        self.session.update_value(|s| {
            prompt = s.prompt().unwrap_or("$ ").to_string();
            out = s.run(line, stdin);
            after = s.prompt().map(str::to_string);
        });
        self.shell_prompt.set(after);
        // As the journal records it (a blank line or a comment is no input): a reload
        // replays the same commands, so a step's start counts the same ones.
        let t = line.trim();
        if !t.is_empty() && !t.starts_with('#') {
            self.activity.update(|a| a.commands.push(t.to_string()));
        }
        self.refresh();
        let mut rows = String::new();
        self.session.update_value(|s| rows = s.take_watch_output());
        self.terminal.update(|t| {
            let id = t.last().map_or(0, |e| e.id + 1);
            let note = is_kubectl_help(line).then_some(TermNote::AfterKubectlHelp);
            t.push(TermEntry { id, prompt: prompt.clone(), line: line.to_string(), stdout: out.stdout.clone(), stderr: out.stderr.clone(), note });
        });
        self.stream(rows);
        out
    }

    /// Completion candidates shown under the line, as a shell lists them on Tab.
    pub fn show_candidates(&self, line: &str, candidates: &[String]) {
        self.terminal.update(|t| {
            let id = t.last().map_or(0, |e| e.id + 1);
            t.push(TermEntry { id, prompt: "$ ".into(), line: line.to_string(), stdout: format!("{}\n", candidates.join("  ")), stderr: String::new(), note: None });
        });
    }

    /// The terminal's own help, in the student's language (nothing runs, nothing is kept
    /// in the journal: it changes nothing).
    pub fn show_help(&self, line: &str) {
        self.terminal.update(|t| {
            let id = t.last().map_or(0, |e| e.id + 1);
            t.push(TermEntry { id, prompt: "$ ".into(), line: line.to_string(), stdout: String::new(), stderr: String::new(), note: Some(TermNote::Help) });
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
