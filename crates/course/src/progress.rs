//! The student's progress through the course, as plain data that can be saved and restored:
//! per lesson and step (by their ids, which survive reordering), the goals met at least once,
//! how many hints were revealed and whether the solution was shown.

use crate::schema::{LessonSpec, StepSpec};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What the student did in one step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepProgress {
    /// Goals met at least once: a goal met once stays done for its step.
    pub goals_met: BTreeSet<String>,
    /// Hints revealed, in order (the first `hints_shown`).
    pub hints_shown: usize,
    pub solution_shown: bool,
}

/// Progress in every lesson: lesson id → step id → what was done there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    pub lessons: BTreeMap<String, BTreeMap<String, StepProgress>>,
}

impl Progress {
    /// The step's progress (empty if nothing was done there yet).
    pub fn step(&self, lesson: &str, step: &str) -> StepProgress {
        self.lessons.get(lesson).and_then(|l| l.get(step)).cloned().unwrap_or_default()
    }

    fn step_mut(&mut self, lesson: &str, step: &str) -> &mut StepProgress {
        self.lessons.entry(lesson.to_string()).or_default().entry(step.to_string()).or_default()
    }

    /// Records goals met now; returns whether anything new was recorded (so a reactive
    /// caller updates only on change).
    pub fn record_goals<'a>(&mut self, lesson: &str, step: &str, met: impl IntoIterator<Item = &'a str>) -> bool {
        let new: Vec<&str> = {
            let known = self.lessons.get(lesson).and_then(|l| l.get(step));
            met.into_iter().filter(|g| !known.is_some_and(|s| s.goals_met.contains(*g))).collect()
        };
        if new.is_empty() {
            return false;
        }
        let s = self.step_mut(lesson, step);
        s.goals_met.extend(new.into_iter().map(str::to_string));
        true
    }

    /// Whether the goal was met at least once in that step.
    pub fn goal_met(&self, lesson: &str, step: &str, goal: &str) -> bool {
        self.lessons.get(lesson).and_then(|l| l.get(step)).is_some_and(|s| s.goals_met.contains(goal))
    }

    /// Reveals one more hint, up to `available`.
    pub fn reveal_hint(&mut self, lesson: &str, step: &str, available: usize) {
        let s = self.step_mut(lesson, step);
        s.hints_shown = (s.hints_shown + 1).min(available);
    }

    pub fn show_solution(&mut self, lesson: &str, step: &str) {
        self.step_mut(lesson, step).solution_shown = true;
    }

    /// A step is done when every one of its goals was met at least once.
    pub fn step_done(&self, lesson: &LessonSpec, step: &StepSpec) -> bool {
        step.goals.iter().all(|g| self.goal_met(&lesson.id, &step.id, &g.id))
    }

    /// How many of the lesson's steps are done.
    pub fn steps_done(&self, lesson: &LessonSpec) -> usize {
        lesson.steps.iter().filter(|s| self.step_done(lesson, s)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals_met_once_stay_met_and_steps_are_done_when_all_their_goals_are() {
        let lessons = crate::catalogue().unwrap();
        let lesson = &lessons[0].spec;
        let first = &lesson.steps[0];
        let mut p = Progress::default();
        assert!(!p.step_done(lesson, first));
        let ids: Vec<&str> = first.goals.iter().map(|g| g.id).collect();
        assert!(p.record_goals(&lesson.id, &first.id, ids[..1].iter().copied()));
        assert!(!p.record_goals(&lesson.id, &first.id, ids[..1].iter().copied()), "nothing new");
        assert_eq!(p.step_done(lesson, first), ids.len() == 1);
        // Met now or not, what was met stays recorded.
        p.record_goals(&lesson.id, &first.id, ids.iter().copied());
        assert!(p.step_done(lesson, first));
        assert!(p.goal_met(&lesson.id, &first.id, ids[0]));
        assert_eq!(p.steps_done(lesson), 1);
        assert!(!p.step_done(lesson, &lesson.steps[1]));
        // Other steps and lessons are untouched.
        assert_eq!(p.step(&lesson.id, &lesson.steps[1].id), StepProgress::default());
        assert_eq!(p.step("other", &first.id), StepProgress::default());
    }

    #[test]
    fn hints_are_revealed_one_at_a_time_up_to_the_steps_count() {
        let mut p = Progress::default();
        for _ in 0..5 {
            p.reveal_hint("l", "s", 2);
        }
        assert_eq!(p.step("l", "s").hints_shown, 2);
        p.show_solution("l", "s");
        assert!(p.step("l", "s").solution_shown);
        assert_eq!(p.step("l", "t"), StepProgress::default());
    }

    #[test]
    fn progress_is_plain_data_that_round_trips() {
        let mut p = Progress::default();
        p.record_goals("daemonset", "apply", ["pods-on-workers"]);
        p.reveal_hint("daemonset", "apply", 2);
        let yaml = serde_yaml::to_string(&p).unwrap();
        let back: Progress = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(back, p);
        // Missing fields (an older save) read as empty.
        let old: Progress = serde_yaml::from_str("lessons:\n  daemonset:\n    apply: {}\n").unwrap();
        assert_eq!(old.step("daemonset", "apply"), StepProgress::default());
    }
}
