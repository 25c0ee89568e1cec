//! The student's progress through the course, as plain data that can be saved and restored:
//! per lesson and step (by their ids, which survive reordering), when the step began, the
//! `once` goals met since, whether the step was completed, how many hints were revealed and
//! whether the solution was shown.
//!
//! How the app uses it, on every change of the step shown, the cluster or the activity:
//!
//! 1. [`Progress::leave_step`] for the step the student left (if they moved) and
//!    [`Progress::enter_step`] for the one shown: the step's [`StepStart`].
//! 2. [`crate::goals::step_goals`] with that start: each goal, live.
//! 3. [`Progress::observe`] with those: `once` goals met are kept, and the step is completed
//!    when every goal shows met at one moment.
//! 4. [`Progress::shown_goals`] for the checklist, [`Progress::step_done`] for the step list.

use crate::goals::StepStart;
use crate::schema::{LessonSpec, StepSpec};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What the student did in one step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepProgress {
    /// Goals marked `once` that were met since the step began: they stay ticked. (Saves of
    /// version 1 held every goal met at least once here; `saved` migrates them.)
    pub goals_met: BTreeSet<String>,
    /// Hints revealed, in order (the first `hints_shown`).
    pub hints_shown: usize,
    pub solution_shown: bool,
    /// When the student began the step; goals count from there.
    pub started: Option<StepStart>,
    /// Every goal showed met at one moment: the step is done, and stays done.
    pub completed: bool,
}

/// Progress in every lesson: lesson id → step id → what was done there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    pub lessons: BTreeMap<String, BTreeMap<String, StepProgress>>,
}

impl StepProgress {
    /// Each goal as the checklist shows it: a `once` goal met since the step began stays
    /// ticked, the others show `live` (from [`crate::goals::step_goals`]).
    pub fn shown_goals(&self, step: &StepSpec, live: &[bool]) -> Vec<bool> {
        step.goals
            .iter()
            .enumerate()
            .map(|(i, g)| live.get(i).copied().unwrap_or(false) || (g.once && self.goals_met.contains(g.id)))
            .collect()
    }

    /// Takes in the goals as they are now: keeps the `once` goals met, and completes the
    /// step when every goal shows met. Returns whether anything changed.
    pub fn observe(&mut self, step: &StepSpec, live: &[bool]) -> bool {
        let mut changed = false;
        for (i, g) in step.goals.iter().enumerate() {
            if g.once && live.get(i).copied().unwrap_or(false) && !self.goals_met.contains(g.id) {
                self.goals_met.insert(g.id.to_string());
                changed = true;
            }
        }
        if !self.completed && !step.goals.is_empty() && self.shown_goals(step, live).iter().all(|m| *m) {
            self.completed = true;
            changed = true;
        }
        changed
    }
}

impl Progress {
    /// The step's progress (empty if nothing was done there yet).
    pub fn step(&self, lesson: &str, step: &str) -> StepProgress {
        self.lessons.get(lesson).and_then(|l| l.get(step)).cloned().unwrap_or_default()
    }

    fn step_mut(&mut self, lesson: &str, step: &str) -> &mut StepProgress {
        self.lessons.entry(lesson.to_string()).or_default().entry(step.to_string()).or_default()
    }

    /// When the student began the step, if they did.
    pub fn started(&self, lesson: &str, step: &str) -> Option<StepStart> {
        self.lessons.get(lesson).and_then(|l| l.get(step)).and_then(|s| s.started)
    }

    /// The student is on the step (`now` is this moment): it begins now unless it began
    /// already in this cluster. A start later than `now` was taken in another cluster (a
    /// share link, the lesson started over) and is replaced. Returns whether it changed.
    pub fn enter_step(&mut self, lesson: &str, step: &str, now: StepStart) -> bool {
        match self.started(lesson, step) {
            Some(s) if !s.is_after(&now) => false,
            _ => {
                let s = self.step_mut(lesson, step);
                s.started = Some(now);
                s.goals_met.clear();
                true
            }
        }
    }

    /// The student left the step for another one, `now`. A visit in which they ran nothing
    /// (reading ahead, a teacher clicking through the steps) does not begin a step: unless
    /// it is completed, its start is forgotten and the next visit begins it afresh. A visit
    /// with work in it keeps its start, so going back to re-read the step before loses nothing.
    pub fn leave_step(&mut self, lesson: &str, step: &str, now: StepStart) -> bool {
        let Some(s) = self.lessons.get_mut(lesson).and_then(|l| l.get_mut(step)) else { return false };
        match s.started {
            Some(start) if !s.completed && start.commands >= now.commands => {
                s.started = None;
                s.goals_met.clear();
                true
            }
            _ => false,
        }
    }

    /// Forgets when every step began and the `once` goals met since (the cluster was
    /// replaced: a share link opened, a lesson started over). Completed steps stay completed.
    pub fn forget_starts(&mut self) {
        for s in self.lessons.values_mut().flat_map(|l| l.values_mut()) {
            s.started = None;
            s.goals_met.clear();
        }
    }

    /// See [`StepProgress::shown_goals`].
    pub fn shown_goals(&self, lesson: &str, step: &StepSpec, live: &[bool]) -> Vec<bool> {
        match self.lessons.get(lesson).and_then(|l| l.get(step.id)) {
            Some(s) => s.shown_goals(step, live),
            None => StepProgress::default().shown_goals(step, live),
        }
    }

    /// See [`StepProgress::observe`]; nothing is written when nothing changes.
    pub fn observe(&mut self, lesson: &str, step: &StepSpec, live: &[bool]) -> bool {
        let mut s = self.step(lesson, step.id);
        if !s.observe(step, live) {
            return false;
        }
        *self.step_mut(lesson, step.id) = s;
        true
    }

    /// Reveals one more hint, up to `available`.
    pub fn reveal_hint(&mut self, lesson: &str, step: &str, available: usize) {
        let s = self.step_mut(lesson, step);
        s.hints_shown = (s.hints_shown + 1).min(available);
    }

    pub fn show_solution(&mut self, lesson: &str, step: &str) {
        self.step_mut(lesson, step).solution_shown = true;
    }

    /// Whether the step was completed (every goal met at one moment).
    pub fn step_done(&self, lesson: &LessonSpec, step: &StepSpec) -> bool {
        self.lessons.get(lesson.id).and_then(|l| l.get(step.id)).is_some_and(|s| s.completed)
    }

    /// How many of the lesson's steps are done.
    pub fn steps_done(&self, lesson: &LessonSpec) -> usize {
        lesson.steps.iter().filter(|s| self.step_done(lesson, s)).count()
    }

    /// Reads progress saved by version 1, which kept every goal met at least once: a step
    /// whose goals were all met counts as completed, and only its `once` goals stay kept.
    /// Steps the course no longer has are left as they were.
    pub fn migrate_from_v1(&mut self, lessons: &[LessonSpec]) {
        for (lesson_id, steps) in self.lessons.iter_mut() {
            let Some(lesson) = lessons.iter().find(|l| l.id == lesson_id) else { continue };
            for (step_id, s) in steps.iter_mut() {
                let Some(step) = lesson.steps.iter().find(|x| x.id == step_id) else { continue };
                s.completed = s.completed || step.goals.iter().all(|g| s.goals_met.contains(g.id));
                s.goals_met.retain(|id| step.goals.iter().any(|g| g.id == id && g.once));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson() -> LessonSpec {
        crate::catalogue().unwrap()[0].spec
    }

    #[test]
    fn a_step_is_completed_when_every_goal_shows_met_at_once_and_stays_completed() {
        let lesson = lesson();
        let first = &lesson.steps[0];
        let n = first.goals.len();
        assert!(n >= 2 && first.goals.iter().all(|g| !g.once), "the first step's goals are live ones");
        let mut p = Progress::default();
        assert!(!p.step_done(&lesson, first));
        // One goal met, then the other, never both at once: not completed.
        let mut one = vec![false; n];
        one[0] = true;
        assert!(!p.observe(lesson.id, first, &one), "a live goal met alone changes nothing");
        let mut other = vec![true; n];
        other[0] = false;
        p.observe(lesson.id, first, &other);
        assert!(!p.step_done(&lesson, first));
        assert_eq!(p.shown_goals(lesson.id, first, &vec![false; n]), vec![false; n], "live goals untick");
        // All at once: completed, and it stays so when the goals untick.
        assert!(p.observe(lesson.id, first, &vec![true; n]));
        assert!(!p.observe(lesson.id, first, &vec![true; n]), "nothing new");
        assert!(p.step_done(&lesson, first));
        p.observe(lesson.id, first, &vec![false; n]);
        assert!(p.step_done(&lesson, first));
        assert_eq!(p.steps_done(&lesson), 1);
        assert!(!p.step_done(&lesson, &lesson.steps[1]));
        assert_eq!(p.step("other", first.id), StepProgress::default());
    }

    #[test]
    fn once_goals_stay_ticked_and_complete_a_step_met_one_after_the_other() {
        let lesson = lesson();
        let verify = lesson.steps.iter().find(|s| s.goals.len() >= 2 && s.goals.iter().all(|g| g.once)).expect("a step of `once` goals");
        let n = verify.goals.len();
        let mut p = Progress::default();
        let mut live = vec![false; n];
        for i in 0..n {
            live.iter_mut().for_each(|m| *m = false);
            live[i] = true;
            assert!(p.observe(lesson.id, verify, &live));
            assert!(p.shown_goals(lesson.id, verify, &vec![false; n])[i], "goal {i} stays ticked");
        }
        assert!(p.step_done(&lesson, verify));
    }

    #[test]
    fn a_step_begins_on_the_first_visit_with_work_and_in_this_cluster() {
        let (l, s) = ("daemonset", "verify");
        let at = |at_ms, commands| StepStart { at_ms, commands };
        let mut p = Progress::default();
        assert!(p.enter_step(l, s, at(1000, 3)));
        assert!(!p.enter_step(l, s, at(5000, 4)), "a later visit keeps the start");
        assert_eq!(p.started(l, s), Some(at(1000, 3)));
        // Work in the step, then a look at another one: the start stays.
        assert!(!p.leave_step(l, s, at(6000, 5)));
        assert_eq!(p.started(l, s), Some(at(1000, 3)));
        // A visit with nothing run is forgotten: the next visit begins the step afresh.
        let t = "node-selector";
        p.enter_step(l, t, at(6000, 5));
        p.step_mut(l, t).goals_met.insert("x".into());
        assert!(p.leave_step(l, t, at(9000, 5)));
        assert_eq!(p.step(l, t).started, None);
        assert!(p.step(l, t).goals_met.is_empty());
        p.enter_step(l, t, at(12_000, 8));
        assert_eq!(p.started(l, t), Some(at(12_000, 8)));
        // A completed step keeps its start, visited or not.
        p.step_mut(l, t).completed = true;
        assert!(!p.leave_step(l, t, at(13_000, 8)));
        // A start from another cluster (later than now) is replaced.
        assert!(p.enter_step(l, s, at(500, 0)));
        assert_eq!(p.started(l, s), Some(at(500, 0)));
        // Forgetting the starts keeps what was completed.
        p.forget_starts();
        assert_eq!(p.started(l, s), None);
        assert_eq!(p.started(l, t), None);
        assert!(p.step(l, t).completed);
        // Leaving a step never visited changes nothing.
        assert!(!p.leave_step(l, "rolling-update", at(0, 0)));
        assert!(!p.lessons[l].contains_key("rolling-update"));
    }

    #[test]
    fn old_progress_counts_a_step_whose_goals_were_all_met_as_completed() {
        let lesson = lesson();
        let (first, verify) = (&lesson.steps[0], &lesson.steps[1]);
        let mut p = Progress::default();
        for g in first.goals {
            p.step_mut(lesson.id, first.id).goals_met.insert(g.id.to_string());
        }
        p.step_mut(lesson.id, verify.id).goals_met.insert(verify.goals[0].id.to_string());
        p.step_mut(lesson.id, "gone-step").goals_met.insert("g".into());
        p.migrate_from_v1(&[lesson]);
        assert!(p.step_done(&lesson, first));
        assert!(p.step(lesson.id, first.id).goals_met.is_empty(), "live goals are not kept as met");
        assert!(!p.step_done(&lesson, verify));
        assert!(p.step(lesson.id, verify.id).goals_met.contains(verify.goals[0].id), "a `once` goal stays met");
        assert_eq!(p.step(lesson.id, "gone-step").goals_met.len(), 1);
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
        p.step_mut("daemonset", "apply").goals_met.insert("pods-on-workers".into());
        p.enter_step("daemonset", "verify", StepStart { at_ms: 12_300, commands: 2 });
        p.step_mut("daemonset", "apply").completed = true;
        p.reveal_hint("daemonset", "apply", 2);
        let yaml = serde_yaml::to_string(&p).unwrap();
        let back: Progress = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(back, p);
        let back: Progress = kubesim::yaml::from_str(&yaml).unwrap();
        assert_eq!(back, p, "the app's decoder reads it too");
        // Missing fields (an older save) read as empty.
        let old: Progress = serde_yaml::from_str("lessons:\n  daemonset:\n    apply: {}\n").unwrap();
        assert_eq!(old.step("daemonset", "apply"), StepProgress::default());
    }
}
