//! The shape of `content/`: shared by the build-time check (build.rs) and the runtime
//! catalogue, so a lesson that does not fit fails the build.

use serde::Deserialize;

/// `content/course.yaml`: the one manifest that orders the lessons.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseManifest {
    pub lessons: Vec<String>,
}

/// A text in both languages; both are required.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub es: String,
    pub en: String,
}

/// `content/<lesson>/lesson.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonSpec {
    pub id: String,
    pub title: Text,
    /// Files of the lesson, loaded into the editor and the terminal's working directory.
    #[serde(default)]
    pub files: Vec<String>,
    pub steps: Vec<StepSpec>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepSpec {
    pub id: String,
    pub title: Text,
    pub goals: Vec<GoalSpec>,
    #[serde(default)]
    pub hints: Vec<Text>,
    #[serde(with = "serde_yaml::with::singleton_map_recursive")]
    pub solution: Vec<SolutionAction>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalSpec {
    pub id: String,
    #[serde(with = "serde_yaml::with::singleton_map")]
    pub check: Check,
    pub text: Text,
}

/// A goal as a predicate over the cluster, its history and what the student ran.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Check {
    /// DaemonSet `name` exists and every node it should run on has a Ready pod of it.
    DaemonSetOnEveryEligibleNode {
        name: String,
        #[serde(default = "default_ns")]
        namespace: String,
    },
    /// DaemonSet `name` exists and none of its pods is on a control-plane node.
    NoPodOfOnControlPlane {
        name: String,
        #[serde(default = "default_ns")]
        namespace: String,
    },
    /// The student ran a command starting with these words (e.g. `kubectl get ds`).
    Ran { command: String },
}

fn default_ns() -> String {
    "default".into()
}

/// One action of a step's solution.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum SolutionAction {
    /// Apply a lesson file, as the editor's Apply button does.
    Apply(String),
    /// Run a terminal line (`kubectl …`, `sleep 10s`).
    Run(String),
}
