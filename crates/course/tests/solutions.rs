//! Every lesson can be completed: from a fresh cluster, each step's solution, run through
//! kubesim in order, meets every goal of the step — in both languages — and completes it.
//! Entering a step, none of its goals is met yet: each means the work the step teaches, not
//! what earlier steps left behind. Each step's plausible wrong attempts, run instead of its
//! solution, leave the goals they name unmet. A goal whose state is undone unticks, unless
//! it is marked `once`. And doing nothing meets none of a step's cluster goals.

use course::goals::{met, step_goals, Activity, StepStart};
use course::progress::StepProgress;
use course::schema::{Check, LessonSpec, SolutionAction, StepSpec, WrongAction};
use course::{catalogue, Lang, Lesson};
use kubesim::{Cluster, Session};

fn fresh(lesson: &Lesson) -> Session {
    let mut s = Session::new(Cluster::new(1));
    for (name, text) in &lesson.files {
        s.files.insert(name.clone(), text.clone());
    }
    s
}

/// A student working through a lesson as the app sees them: the cluster, what they ran, and
/// the progress of the step they are on, observed after every action as the app does.
#[derive(Clone)]
struct Student {
    session: Session,
    activity: Activity,
    start: StepStart,
    step: StepProgress,
}

impl Student {
    fn new(lesson: &Lesson) -> Student {
        Student { session: fresh(lesson), activity: Activity::default(), start: StepStart::default(), step: StepProgress::default() }
    }

    /// Enters a step: it begins now, with nothing of it met yet.
    fn enter(&mut self) {
        self.start = StepStart::now(&self.session.cluster, &self.activity);
        self.step = StepProgress { started: Some(self.start), ..StepProgress::default() };
    }

    fn live(&self, step: &StepSpec) -> Vec<bool> {
        step_goals(step, &self.session.cluster, &self.activity, &self.start)
    }

    fn shown(&self, step: &StepSpec) -> Vec<bool> {
        self.step.shown_goals(step, &self.live(step))
    }

    /// Runs a line as the terminal does (and records it as the app does); the output.
    fn run(&mut self, step: &StepSpec, line: &str, stdin: Option<&str>) -> kubesim::Output {
        let out = self.session.run(line, stdin);
        self.activity.commands.push(line.to_string());
        let live = self.live(step);
        self.step.observe(step, &live);
        out
    }

    fn solve(&mut self, lesson: &Lesson, step: &StepSpec) {
        for action in step.solution {
            let line = match action {
                SolutionAction::Apply(f) => format!("kubectl apply -f {f}"),
                SolutionAction::Run(l) => l.to_string(),
            };
            let out = self.run(step, &line, None);
            assert!(succeeded(&out), "{} step `{}` `{line}`: {}{}", lesson.folder, step.id, out.stdout, out.stderr);
        }
    }
}

/// Whether a command worked. kubesim's `kubectl get` with rows currently reports status 1
/// when there is no error (and 0 when there is one), so an error is read from stderr too.
fn succeeded(out: &kubesim::Output) -> bool {
    let errored = out.stderr.lines().any(|l| l.starts_with("Error") || l.starts_with("error") || l.starts_with("sim:") || l.starts_with("bash:"));
    !errored && (out.status == 0 || !out.stdout.is_empty())
}

fn ids<'a>(step: &'a StepSpec, flags: &[bool], want: bool) -> Vec<&'a str> {
    step.goals.iter().zip(flags).filter(|(_, m)| **m == want).map(|(g, _)| g.id).collect()
}

#[test]
fn every_step_begins_with_its_goals_unmet_and_its_solution_completes_it_in_both_languages() {
    for lesson in catalogue().expect("catalogue") {
        for lang in Lang::ALL {
            let mut student = Student::new(&lesson);
            for step in lesson.spec.steps {
                assert!(!step.title.get(lang).trim().is_empty(), "{}: step {} has no {lang:?} title", lesson.folder, step.id);
                for g in step.goals {
                    assert!(!g.text.get(lang).trim().is_empty(), "{}: goal {} has no {lang:?} text", lesson.folder, g.id);
                }
                student.enter();
                let already = ids(step, &student.shown(step), true);
                assert!(already.is_empty(), "{} {lang:?}: step `{}` begins with goals {already:?} met", lesson.folder, step.id);
                student.solve(&lesson, step);
                let unmet = ids(step, &student.shown(step), false);
                assert!(unmet.is_empty(), "{} {lang:?}: step `{}` goals {unmet:?} not met by the solution", lesson.folder, step.id);
                assert!(student.step.completed, "{} {lang:?}: step `{}` is not completed by its solution", lesson.folder, step.id);
            }
        }
    }
}

#[test]
fn every_step_has_a_wrong_attempt_that_leaves_its_goals_unmet() {
    for lesson in catalogue().expect("catalogue") {
        let mut student = Student::new(&lesson);
        for step in lesson.spec.steps {
            assert!(!step.wrong.is_empty(), "{}: step `{}` has no wrong attempt", lesson.folder, step.id);
            student.enter();
            for wrong in step.wrong {
                for lang in Lang::ALL {
                    assert!(!wrong.why.get(lang).trim().is_empty(), "{}: wrong `{}` has no {lang:?} explanation", lesson.folder, wrong.id);
                }
                let mut s = student.clone();
                for action in wrong.actions {
                    let (line, stdin) = match action {
                        WrongAction::Apply(f) => (format!("kubectl apply -f {f}"), None),
                        WrongAction::Run(l) => (l.to_string(), None),
                        WrongAction::ApplyYaml(y) => ("kubectl apply -f -".to_string(), Some(*y)),
                    };
                    // A wrong attempt may fail outright (an immutable field, say): that is the point.
                    s.run(step, &line, stdin);
                }
                let unmet = ids(step, &s.shown(step), false);
                assert!(!wrong.unmet.is_empty(), "{}: wrong `{}` names no goal", lesson.folder, wrong.id);
                assert!(!s.step.completed, "{}: step `{}` wrong attempt `{}` completes the step", lesson.folder, step.id, wrong.id);
                for id in wrong.unmet {
                    assert!(step.goals.iter().any(|g| &g.id == id), "{}: wrong `{}` names unknown goal `{id}`", lesson.folder, wrong.id);
                    assert!(
                        unmet.contains(id),
                        "{}: step `{}` wrong attempt `{}` meets goal `{id}` (unmet: {unmet:?})",
                        lesson.folder,
                        step.id,
                        wrong.id
                    );
                }
            }
            student.solve(&lesson, step);
        }
    }
}

/// Undoing what a step built unticks its live goals; the step stays completed.
#[test]
fn undoing_a_state_unticks_a_live_goal_but_not_the_completed_step() {
    let lessons = catalogue().unwrap();
    let lesson = &lessons[0];
    let step = &lesson.spec.steps[0];
    let mut student = Student::new(lesson);
    student.enter();
    student.solve(lesson, step);
    assert!(student.step.completed);
    let pods = step.goals.iter().position(|g| g.id == "pods-on-workers").expect("pods-on-workers");
    assert!(!step.goals[pods].once);
    student.run(step, "kubectl delete ds nginx-ds", None);
    student.run(step, "sleep 10s", None);
    let shown = student.shown(step);
    assert!(!shown[pods], "the DaemonSet is gone: its goal unticks");
    assert!(student.step.completed, "the step stays completed");
    // A `once` goal stays ticked when what it saw is in the past: `kubectl get ds` was run.
    let verify = &lesson.spec.steps[1];
    student.enter();
    student.run(verify, "kubectl get ds", None);
    student.run(verify, "kubectl apply -f daemonset.yaml", None);
    let (ran, pods_again) = (ids(verify, &student.shown(verify), true), student.shown(step));
    assert_eq!(ran, ["ran-get-ds"]);
    assert!(!pods_again[pods], "no Pod is Ready yet");
}

/// Commands and happenings before the step began do not count for it.
#[test]
fn goals_count_from_the_steps_start() {
    let lessons = catalogue().unwrap();
    let lesson = &lessons[0];
    let mut student = Student::new(lesson);
    let check = Check::Ran { command: "kubectl get ds" };
    student.session.run("kubectl get ds", None);
    student.activity.commands.push("kubectl get ds".into());
    assert!(met(&check, &student.session.cluster, &student.activity, &StepStart::default()));
    student.enter();
    assert!(!met(&check, &student.session.cluster, &student.activity, &student.start));
    // A node added before the step began is not one the step saw come.
    let added = Check::PodFollowedNodeAdded { kind: "DaemonSet", name: "nginx-ds", node: "kind-worker4", namespace: "default" };
    for line in ["kubectl apply -f daemonset.yaml", "sim node add kind-worker4", "sleep 20s"] {
        student.session.run(line, None);
        student.activity.commands.push(line.into());
    }
    assert!(met(&added, &student.session.cluster, &student.activity, &student.start));
    student.enter();
    assert!(!met(&added, &student.session.cluster, &student.activity, &student.start));
    // A start past the end of the activity (another cluster's) counts nothing, and does not panic.
    let later = StepStart { at_ms: u64::MAX, commands: 10_000 };
    assert!(!met(&check, &student.session.cluster, &student.activity, &later));
}

#[test]
fn doing_nothing_meets_no_cluster_goal() {
    for lesson in catalogue().expect("catalogue") {
        let session = fresh(&lesson);
        for step in lesson.spec.steps {
            for g in step.goals {
                if matches!(g.check, Check::Ran { .. } | Check::LookedUp { .. }) {
                    continue;
                }
                let m = met(&g.check, &session.cluster, &Activity::default(), &StepStart::default());
                assert!(!m, "{}: `{}` met with nothing done", lesson.folder, g.id);
            }
        }
    }
}

/// The goals that say "once" are about something that happened (a command, a node coming,
/// a Pod created after another): what is, a Pod Ready or a claim Bound, shows live.
#[test]
fn once_marks_goals_about_what_happened() {
    let lessons = catalogue().unwrap();
    let specs: Vec<&LessonSpec> = lessons.iter().map(|l| &l.spec).collect();
    for l in specs {
        for step in l.steps {
            for g in step.goals {
                let happened = matches!(
                    g.check,
                    Check::Ran { .. }
                        | Check::PodFollowedNodeAdded { .. }
                        | Check::ReplacedOneAtATime { .. }
                        | Check::CreatedAfterReady { .. }
                        | Check::CreatedWithoutWaiting { .. }
                        | Check::DeletedInOrder { .. }
                        | Check::MultiAttachSeen { .. }
                );
                assert_eq!(g.once, happened, "{} step `{}` goal `{}`: `once` is for what happened", l.id, step.id, g.id);
            }
        }
    }
}

#[test]
fn ran_reads_kinds_by_any_name() {
    let check = Check::Ran { command: "kubectl get ds" };
    let c = Cluster::new(1);
    let start = StepStart::default();
    for line in ["kubectl get ds", "kubectl get daemonsets -o wide", "k get daemonset"] {
        assert!(met(&check, &c, &Activity { commands: vec![line.into()] }, &start), "{line}");
    }
    assert!(!met(&check, &c, &Activity { commands: vec!["kubectl get pods".into()] }, &start));
}

/// Every command in the lessons' `bash` blocks (the ones a click runs in the terminal) is one
/// the simulator understands, and none is a `sleep`.
#[test]
fn every_command_in_the_text_is_understood_by_the_simulator() {
    let lessons = catalogue().expect("catalogue");
    for raw in course::MARKDOWN {
        let lesson = lessons.iter().find(|l| l.folder == raw.folder).expect("same lessons");
        for (lang, md) in [("es", raw.es), ("en", raw.en)] {
            let mut session = fresh(lesson);
            let mut in_bash = false;
            for line in md.lines() {
                let t = line.trim();
                if t.starts_with("```") {
                    in_bash = !in_bash && t == "```bash";
                    continue;
                }
                if !in_bash || t.is_empty() || t.starts_with('#') {
                    continue;
                }
                // `sleep` moves the clock at once: what a step asks to watch (pods replaced one
                // by one, a Pod collected) would be over before the student saw it. The text
                // starts the action and a watch, or asks to step the clock, instead.
                assert!(!t.starts_with("sleep"), "{}/{lang}.md: `{t}` in a block that runs with one click", raw.folder);
                let out = session.run(t, None);
                for bad in ["unknown flag", "command not found", "unknown command", "doesn't have a resource type", "usage:", "error:"] {
                    assert!(!out.stderr.contains(bad), "{}/{lang}.md `{t}`: {}", raw.folder, out.stderr);
                }
            }
        }
    }
}

#[test]
fn looked_up_wants_nslookup_of_that_name_from_a_pod() {
    let check = Check::LookedUp { name: "web-0.nginx", pod: None, namespace: "default" };
    let c = Cluster::new(1);
    let start = StepStart::default();
    for line in [
        "kubectl run -it --rm dns-test --image=busybox:1.36 --restart=Never -- nslookup web-0.nginx",
        "kubectl exec web-1 -- nslookup web-0.nginx",
    ] {
        assert!(met(&check, &c, &Activity { commands: vec![line.into()] }, &start), "{line}");
    }
    for line in [
        "kubectl run -it --rm dns-test --image=busybox:1.36 --restart=Never -- nslookup web-1.nginx",
        "kubectl get pods web-0.nginx",
        "nslookup web-0.nginx",
        "kubectl run dns --image=busybox:1.36 -- echo nslookup web-0.nginx",
    ] {
        assert!(!met(&check, &c, &Activity { commands: vec![line.into()] }, &start), "{line}");
    }
}
