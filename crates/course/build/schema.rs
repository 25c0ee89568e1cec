//! The shape of `content/` as build.rs reads it from YAML: a lesson that does not fit fails
//! the build. build.rs writes what it read as Rust data of the same shape, with the types of
//! `src/schema.rs` (same names, same fields, `&'static` instead of owned), so the app carries
//! the lessons and no YAML deserializer for them. `Serialize` is only how build.rs walks the
//! values to write that Rust (see `build/emit.rs`); renames and singleton maps apply to
//! reading only, so it sees the Rust names.

use serde::{Deserialize, Serialize};

/// `content/course.yaml`: the one manifest that orders the lessons.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CourseManifest {
    pub lessons: Vec<String>,
}

/// A text in both languages; both are required.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub es: String,
    pub en: String,
}

/// `content/<lesson>/lesson.yaml`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LessonSpec {
    pub id: String,
    pub title: Text,
    /// Files of the lesson, loaded into the editor and the terminal's working directory.
    #[serde(default)]
    pub files: Vec<String>,
    pub steps: Vec<StepSpec>,
    /// What the student learnt, for the lesson's completion panel (3 to 6 Markdown lines).
    #[serde(default)]
    pub learned: Vec<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StepSpec {
    pub id: String,
    pub title: Text,
    pub goals: Vec<GoalSpec>,
    #[serde(default)]
    pub hints: Vec<Text>,
    #[serde(deserialize_with = "serde_yaml::with::singleton_map_recursive::deserialize")]
    pub solution: Vec<SolutionAction>,
    /// Questions asked before the step's action, answered before the reveal.
    #[serde(default)]
    pub predict: Vec<PredictSpec>,
    /// Plausible wrong attempts: each, run instead of the solution, leaves a goal unmet.
    #[serde(default)]
    pub wrong: Vec<WrongAttempt>,
}

/// A "predict" question: asked before an action, with exactly one right choice.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PredictSpec {
    pub id: String,
    pub question: Text,
    pub choices: Vec<Choice>,
    /// Shown after the answer, whichever it was.
    pub explanation: Text,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub text: Text,
    #[serde(default)]
    pub right: bool,
}

/// What a student might plausibly do instead, and why it falls short.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WrongAttempt {
    pub id: String,
    #[serde(deserialize_with = "serde_yaml::with::singleton_map_recursive::deserialize")]
    pub actions: Vec<WrongAction>,
    /// Goals this attempt leaves unmet (at least one).
    pub unmet: Vec<String>,
    /// Why it falls short, in the student's words.
    pub why: Text,
}

/// One action of a wrong attempt: like a solution's, or a manifest applied inline.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
pub enum WrongAction {
    Apply(String),
    Run(String),
    /// `kubectl apply -f -` with this YAML on stdin.
    ApplyYaml(String),
}

/// `content/glossary.yaml`: Kubernetes terms kept in English, explained in both languages.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    pub terms: Vec<GlossaryTerm>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryTerm {
    /// The term as written in the lesson text (English, as Kubernetes spells it).
    pub term: String,
    /// Other spellings that point at the same entry (plural, abbreviation).
    #[serde(default)]
    pub aliases: Vec<String>,
    pub text: Text,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GoalSpec {
    pub id: String,
    #[serde(deserialize_with = "serde_yaml::with::singleton_map::deserialize")]
    pub check: Check,
    pub text: Text,
    /// Once met in the step, the goal stays ticked; otherwise it shows its live state.
    #[serde(default)]
    pub once: bool,
    /// Another goal of the step (by id) that must hold at the same time: "still Bound" is
    /// only news once the StatefulSet is gone.
    #[serde(default)]
    pub requires: Option<String>,
}

/// A goal as a predicate over the cluster, its history and what the student ran.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
pub enum Check {
    /// DaemonSet `name` exists, it should run on at least one node, and every node it should
    /// run on has a Ready pod of its current template; with `image`, that template runs
    /// `image`; with `nodeSelector` (`key=value`), the template selects nodes by that label.
    DaemonSetOnEveryEligibleNode {
        name: String,
        #[serde(default)]
        image: Option<String>,
        #[serde(default, rename(deserialize = "nodeSelector"))]
        node_selector: Option<String>,
        #[serde(default = "default_ns")]
        namespace: String,
    },
    /// DaemonSet `name` has live pods and none of them is on a control-plane node.
    NoPodOfOnControlPlane {
        name: String,
        #[serde(default = "default_ns")]
        namespace: String,
    },
    /// The student ran a command starting with these words (e.g. `kubectl get ds`); resource
    /// names are compared by kind, so `kubectl get daemonsets` counts as `kubectl get ds`.
    Ran { command: String },
    /// The student asked the cluster's DNS for `name` from inside a pod: `nslookup NAME` as
    /// the command of `kubectl run` or `kubectl exec`; with `pod`, the answer is that pod's IP.
    LookedUp { name: String, #[serde(default)] pod: Option<String>, #[serde(default = "default_ns")] namespace: String },
    /// Ready pods of the workload run on exactly these nodes, one per node.
    PodsOnNodes { kind: String, name: String, nodes: Vec<String>, #[serde(default = "default_ns")] namespace: String },
    /// Node `node` was added and afterwards a pod of the workload was scheduled there and is Ready.
    PodFollowedNodeAdded { kind: String, name: String, node: String, #[serde(default = "default_ns")] namespace: String },
    /// Node `node` was removed and no pod of the workload (which still exists) is left on it.
    PodsGoneWithNode { kind: String, name: String, node: String, #[serde(default = "default_ns")] namespace: String },
    /// Every live pod of the workload runs `image` (and there is at least one).
    PodsUseImage { kind: String, name: String, image: String, #[serde(default = "default_ns")] namespace: String },
    /// After the workload was last changed (`kubectl apply` … configured), its old pods were
    /// replaced one at a time: each termination came after a new pod turned Ready (and at least two).
    ReplacedOneAtATime { kind: String, name: String, #[serde(default = "default_ns")] namespace: String },
    /// StatefulSet `name` wants `replicas` and has that many ready.
    StatefulSetReady { name: String, replicas: i32, #[serde(default = "default_ns")] namespace: String },
    /// Deployment `name` wants `replicas` and has that many ready.
    DeploymentReady { name: String, replicas: i32, #[serde(default = "default_ns")] namespace: String },
    /// PersistentVolumeClaim `name` exists and is Bound.
    PvcBound { name: String, #[serde(default = "default_ns")] namespace: String },
    /// At least `pods` live pods mount claim `claim` at once.
    ClaimSharedBy { claim: String, pods: usize, #[serde(default = "default_ns")] namespace: String },
    /// Pod `pod` is Ready and mounts claim `claim`.
    PodUsesClaim { pod: String, claim: String, #[serde(default = "default_ns")] namespace: String },
    /// The latest `after` pod was created only once the `before` pod (its latest one) was Ready.
    CreatedAfterReady { before: String, after: String, #[serde(default = "default_ns")] namespace: String },
    /// The latest `after` pod was created before the `before` pod (its latest one) was Ready:
    /// no waiting (`podManagementPolicy: Parallel`).
    CreatedWithoutWaiting { before: String, after: String, #[serde(default = "default_ns")] namespace: String },
    /// These pods were deleted in this order, each one's termination starting only after the
    /// previous pod was gone.
    DeletedInOrder { pods: Vec<String>, #[serde(default = "default_ns")] namespace: String },
    /// Pod `pod` was deleted, then a pod with the same name was created, and it is Ready now.
    PodRecreated { pod: String, #[serde(default = "default_ns")] namespace: String },
    /// Live pod `pod` runs `image`.
    PodImage { pod: String, image: String, #[serde(default = "default_ns")] namespace: String },
    /// Cluster DNS, asked from a pod in `namespace`, answers `name` with pod `pod`'s IP.
    ResolvesToPod { name: String, pod: String, #[serde(default = "default_ns")] namespace: String },
    /// Service `name` exists and is headless (`clusterIP: None`).
    HeadlessService { name: String, #[serde(default = "default_ns")] namespace: String },
    /// The objects existed and were deleted (kinds: StatefulSet, DaemonSet, Deployment,
    /// Service, PersistentVolumeClaim, PersistentVolume), and no pod of them is left. Written
    /// `name: x` or `names: [x, y]`.
    Deleted {
        kind: String,
        #[serde(alias = "name", deserialize_with = "one_or_many")]
        names: Vec<String>,
        #[serde(default = "default_ns")]
        namespace: String,
    },
    /// Pod `pod` was held back by the attach/detach controller: a `FailedAttachVolume`
    /// (Multi-Attach) event names it.
    MultiAttachSeen { pod: String, #[serde(default = "default_ns")] namespace: String },
    /// Service `name` exists.
    ServiceExists { name: String, #[serde(default = "default_ns")] namespace: String },
}

fn default_ns() -> String {
    "default".into()
}

/// A name or a list of names.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// One action of a step's solution.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
pub enum SolutionAction {
    /// Apply a lesson file, as the editor's Apply button does.
    Apply(String),
    /// Run a terminal line (`kubectl …`, `sleep 10s`).
    Run(String),
}
