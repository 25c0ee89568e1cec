//! Every lesson can be completed: from a fresh cluster, each step's solution, run through
//! kubesim in order, meets every goal of the step — in both languages. Each step's plausible
//! wrong attempts, run instead of its solution, leave the goals they name unmet. And doing
//! nothing meets none of a step's cluster goals.

use course::goals::{met, Activity};
use course::schema::{Check, SolutionAction, StepSpec, WrongAction};
use course::{catalogue, Lang, Lesson};
use kubesim::{Cluster, Session};

fn fresh(lesson: &Lesson) -> Session {
    let mut s = Session::new(Cluster::new(1));
    for (name, text) in &lesson.files {
        s.files.insert(name.clone(), text.clone());
    }
    s
}

fn run_solution(lesson: &Lesson, step: &StepSpec, session: &mut Session, activity: &mut Activity) {
    for action in step.solution {
        let line = match action {
            SolutionAction::Apply(f) => format!("kubectl apply -f {f}"),
            SolutionAction::Run(l) => l.to_string(),
        };
        let out = session.run(&line, None);
        assert!(succeeded(&out), "{} step `{}` `{line}`: {}{}", lesson.folder, step.id, out.stdout, out.stderr);
        activity.commands.push(line);
    }
}

/// Whether a command worked. kubesim's `kubectl get` with rows currently reports status 1
/// when there is no error (and 0 when there is one), so an error is read from stderr too.
fn succeeded(out: &kubesim::Output) -> bool {
    let errored = out.stderr.lines().any(|l| l.starts_with("Error") || l.starts_with("error") || l.starts_with("sim:") || l.starts_with("bash:"));
    !errored && (out.status == 0 || !out.stdout.is_empty())
}

fn unmet_goals<'a>(step: &'a StepSpec, session: &Session, activity: &Activity) -> Vec<&'a str> {
    step.goals.iter().filter(|g| !met(&g.check, &session.cluster, activity)).map(|g| g.id).collect()
}

#[test]
fn every_lesson_is_solvable_in_both_languages() {
    for lesson in catalogue().expect("catalogue") {
        for lang in Lang::ALL {
            let mut session = fresh(&lesson);
            let mut activity = Activity::default();
            for step in lesson.spec.steps {
                assert!(!step.title.get(lang).trim().is_empty(), "{}: step {} has no {lang:?} title", lesson.folder, step.id);
                run_solution(&lesson, step, &mut session, &mut activity);
                for g in step.goals {
                    assert!(!g.text.get(lang).trim().is_empty(), "{}: goal {} has no {lang:?} text", lesson.folder, g.id);
                }
                let unmet = unmet_goals(step, &session, &activity);
                assert!(unmet.is_empty(), "{} {lang:?}: step `{}` goals {unmet:?} not met by the solution", lesson.folder, step.id);
            }
        }
    }
}

#[test]
fn every_step_has_a_wrong_attempt_that_leaves_its_goals_unmet() {
    for lesson in catalogue().expect("catalogue") {
        let mut session = fresh(&lesson);
        let mut activity = Activity::default();
        for step in lesson.spec.steps {
            assert!(!step.wrong.is_empty(), "{}: step `{}` has no wrong attempt", lesson.folder, step.id);
            for wrong in step.wrong {
                for lang in Lang::ALL {
                    assert!(!wrong.why.get(lang).trim().is_empty(), "{}: wrong `{}` has no {lang:?} explanation", lesson.folder, wrong.id);
                }
                let mut s = session.clone();
                let mut a = activity.clone();
                for action in wrong.actions {
                    let (line, stdin) = match action {
                        WrongAction::Apply(f) => (format!("kubectl apply -f {f}"), None),
                        WrongAction::Run(l) => (l.to_string(), None),
                        WrongAction::ApplyYaml(y) => ("kubectl apply -f -".to_string(), Some(*y)),
                    };
                    // A wrong attempt may fail outright (an immutable field, say): that is the point.
                    s.run(&line, stdin);
                    a.commands.push(line);
                }
                let unmet = unmet_goals(step, &s, &a);
                assert!(!wrong.unmet.is_empty(), "{}: wrong `{}` names no goal", lesson.folder, wrong.id);
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
            run_solution(&lesson, step, &mut session, &mut activity);
        }
    }
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
                assert!(!met(&g.check, &session.cluster, &Activity::default()), "{}: `{}` met with nothing done", lesson.folder, g.id);
            }
        }
    }
}

#[test]
fn ran_reads_kinds_by_any_name() {
    let check = Check::Ran { command: "kubectl get ds".into() };
    let c = Cluster::new(1);
    for line in ["kubectl get ds", "kubectl get daemonsets -o wide", "k get daemonset"] {
        assert!(met(&check, &c, &Activity { commands: vec![line.into()] }), "{line}");
    }
    assert!(!met(&check, &c, &Activity { commands: vec!["kubectl get pods".into()] }));
}

/// Every command in the lessons' `bash` blocks (the ones a click runs in the terminal) is one
/// the simulator understands — except `kubectl run … nslookup`, which the DNS step shows for
/// real clusters and says the simulator lacks.
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
                if !in_bash || t.is_empty() || t.starts_with('#') || t.starts_with("kubectl run ") {
                    continue;
                }
                let out = session.run(t, None);
                for bad in ["unknown flag", "command not found", "unknown command", "doesn't have a resource type", "usage:"] {
                    assert!(!out.stderr.contains(bad), "{}/{lang}.md `{t}`: {}", raw.folder, out.stderr);
                }
            }
        }
    }
}

#[test]
fn looked_up_wants_nslookup_of_that_name_from_a_pod() {
    let check = Check::LookedUp { name: "web-0.nginx".into() };
    let c = Cluster::new(1);
    for line in [
        "kubectl run -it --rm dns-test --image=busybox:1.36 --restart=Never -- nslookup web-0.nginx",
        "kubectl exec web-1 -- nslookup web-0.nginx",
    ] {
        assert!(met(&check, &c, &Activity { commands: vec![line.into()] }), "{line}");
    }
    for line in [
        "kubectl run -it --rm dns-test --image=busybox:1.36 --restart=Never -- nslookup web-1.nginx",
        "kubectl get pods web-0.nginx",
        "nslookup web-0.nginx",
        "kubectl run dns --image=busybox:1.36 -- echo nslookup web-0.nginx",
    ] {
        assert!(!met(&check, &c, &Activity { commands: vec![line.into()] }), "{line}");
    }
}
