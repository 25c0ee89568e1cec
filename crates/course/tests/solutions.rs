//! Every lesson can be completed: from a fresh cluster, each step's solution, run through
//! kubesim in order, meets every goal of the step — in both languages. And doing nothing
//! meets none of a step's cluster goals.

use course::goals::{met, Activity};
use course::schema::{Check, SolutionAction};
use course::{catalogue, Lang};
use kubesim::{Cluster, Session};

fn fresh(lesson: &course::Lesson) -> Session {
    let mut s = Session::new(Cluster::new(1));
    for (name, text) in &lesson.files {
        s.files.insert(name.clone(), text.clone());
    }
    s
}

#[test]
fn every_lesson_is_solvable_in_both_languages() {
    for lesson in catalogue().expect("catalogue") {
        for lang in Lang::ALL {
            let mut session = fresh(&lesson);
            let mut activity = Activity::default();
            for step in &lesson.spec.steps {
                for action in &step.solution {
                    let line = match action {
                        SolutionAction::Apply(f) => format!("kubectl apply -f {f}"),
                        SolutionAction::Run(l) => l.clone(),
                    };
                    let out = session.run(&line, None);
                    assert_eq!(out.status, 0, "{} {lang:?} `{line}`: {}", lesson.folder, out.stderr);
                    activity.commands.push(line);
                }
                for g in &step.goals {
                    assert!(!g.text.get(lang).trim().is_empty(), "{}: goal {} has no {lang:?} text", lesson.folder, g.id);
                    assert!(
                        met(&g.check, &session.cluster, &activity),
                        "{} {lang:?}: step `{}` goal `{}` not met by the solution",
                        lesson.folder,
                        step.id,
                        g.id
                    );
                }
            }
        }
    }
}

#[test]
fn doing_nothing_meets_no_cluster_goal() {
    for lesson in catalogue().expect("catalogue") {
        let session = fresh(&lesson);
        for step in &lesson.spec.steps {
            for g in &step.goals {
                if matches!(g.check, Check::Ran { .. }) {
                    continue;
                }
                assert!(!met(&g.check, &session.cluster, &Activity::default()), "{}: `{}` met with nothing done", lesson.folder, g.id);
            }
        }
    }
}

#[test]
fn a_nodeselector_matching_no_node_leaves_the_daemonset_goal_unmet() {
    let lesson = &catalogue().unwrap()[0];
    let mut session = fresh(lesson);
    let yaml = lesson.file("daemonset.yaml").unwrap().replace(
        "    spec:\n      containers:",
        "    spec:\n      nodeSelector:\n        disk: ssd\n      containers:",
    );
    assert!(yaml.contains("disk: ssd"));
    session.cluster.apply_text(&yaml).expect("valid");
    session.run("sleep 10s", None);
    let check = &lesson.spec.steps[0].goals[0].check;
    assert!(!met(check, &session.cluster, &Activity::default()));
}
