//! The lessons as the app holds them: static data that build.rs writes from `content/`
//! after checking it (its reading of the YAML is `build/schema.rs`, the same shape with owned
//! values). Nothing here is parsed at run time.

/// A text in both languages; both are required.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub es: &'static str,
    pub en: &'static str,
}

/// `content/<lesson>/lesson.yaml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LessonSpec {
    pub id: &'static str,
    pub title: Text,
    /// Files of the lesson, loaded into the editor and the terminal's working directory.
    pub files: &'static [&'static str],
    pub steps: &'static [StepSpec],
    /// What the student learnt, for the lesson's completion panel (3 to 6 Markdown lines,
    /// both languages: build.rs checks it).
    pub learned: &'static [Text],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepSpec {
    pub id: &'static str,
    pub title: Text,
    pub goals: &'static [GoalSpec],
    pub hints: &'static [Text],
    pub solution: &'static [SolutionAction],
    /// Questions asked before the step's action, answered before the reveal.
    pub predict: &'static [PredictSpec],
    /// Plausible wrong attempts: each, run instead of the solution, leaves a goal unmet.
    pub wrong: &'static [WrongAttempt],
}

/// A "predict" question: asked before an action, with exactly one right choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PredictSpec {
    pub id: &'static str,
    pub question: Text,
    pub choices: &'static [Choice],
    /// Shown after the answer, whichever it was.
    pub explanation: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub text: Text,
    pub right: bool,
}

/// What a student might plausibly do instead, and why it falls short.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WrongAttempt {
    pub id: &'static str,
    pub actions: &'static [WrongAction],
    /// Goals this attempt leaves unmet (at least one).
    pub unmet: &'static [&'static str],
    /// Why it falls short, in the student's words.
    pub why: Text,
}

/// One action of a wrong attempt: like a solution's, or a manifest applied inline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WrongAction {
    Apply(&'static str),
    Run(&'static str),
    /// `kubectl apply -f -` with this YAML on stdin.
    ApplyYaml(&'static str),
}

/// `content/glossary.yaml`: Kubernetes terms kept in English, explained in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Glossary {
    pub terms: &'static [GlossaryTerm],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GlossaryTerm {
    /// The term as written in the lesson text (English, as Kubernetes spells it).
    pub term: &'static str,
    /// Other spellings that point at the same entry (plural, abbreviation).
    pub aliases: &'static [&'static str],
    pub text: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoalSpec {
    pub id: &'static str,
    pub check: Check,
    pub text: Text,
    /// Once met in the step, the goal stays ticked; otherwise it shows its live state.
    pub once: bool,
    /// Another goal of the step (by id) that must hold at the same time: "still Bound" is
    /// only news once the StatefulSet is gone.
    pub requires: Option<&'static str>,
}

/// A goal as a predicate over the cluster, its history and what the student ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// DaemonSet `name` exists, it should run on at least one node, and every node it should
    /// run on has a Ready pod of its current template; with `image`, that template runs
    /// `image`; with `node_selector` (`key=value`), the template selects nodes by that label.
    DaemonSetOnEveryEligibleNode {
        name: &'static str,
        image: Option<&'static str>,
        node_selector: Option<&'static str>,
        namespace: &'static str,
    },
    /// DaemonSet `name` has live pods and none of them is on a control-plane node.
    NoPodOfOnControlPlane {
        name: &'static str,
        namespace: &'static str,
    },
    /// The student ran a command starting with these words (e.g. `kubectl get ds`); resource
    /// names are compared by kind, so `kubectl get daemonsets` counts as `kubectl get ds`.
    Ran { command: &'static str },
    /// The student asked the cluster's DNS for `name` from inside a pod: `nslookup NAME` as
    /// the command of `kubectl run` or `kubectl exec`; with `pod`, the answer is that pod's IP.
    LookedUp { name: &'static str, pod: Option<&'static str>, namespace: &'static str },
    /// Ready pods of the workload run on exactly these nodes, one per node.
    PodsOnNodes { kind: &'static str, name: &'static str, nodes: &'static [&'static str], namespace: &'static str },
    /// Node `node` was added and afterwards a pod of the workload was scheduled there and is Ready.
    PodFollowedNodeAdded { kind: &'static str, name: &'static str, node: &'static str, namespace: &'static str },
    /// Node `node` was removed and no pod of the workload (which still exists) is left on it.
    PodsGoneWithNode { kind: &'static str, name: &'static str, node: &'static str, namespace: &'static str },
    /// Every live pod of the workload runs `image` (and there is at least one).
    PodsUseImage { kind: &'static str, name: &'static str, image: &'static str, namespace: &'static str },
    /// After the workload was last changed (`kubectl apply` … configured), its old pods were
    /// replaced one at a time: each termination came after a new pod turned Ready (and at least two).
    ReplacedOneAtATime { kind: &'static str, name: &'static str, namespace: &'static str },
    /// StatefulSet `name` wants `replicas` and has that many ready.
    StatefulSetReady { name: &'static str, replicas: i32, namespace: &'static str },
    /// Deployment `name` wants `replicas` and has that many ready.
    DeploymentReady { name: &'static str, replicas: i32, namespace: &'static str },
    /// PersistentVolumeClaim `name` exists and is Bound.
    PvcBound { name: &'static str, namespace: &'static str },
    /// At least `pods` live pods mount claim `claim` at once.
    ClaimSharedBy { claim: &'static str, pods: usize, namespace: &'static str },
    /// Pod `pod` is Ready and mounts claim `claim`.
    PodUsesClaim { pod: &'static str, claim: &'static str, namespace: &'static str },
    /// The latest `after` pod was created only once the `before` pod (its latest one) was Ready.
    CreatedAfterReady { before: &'static str, after: &'static str, namespace: &'static str },
    /// The latest `after` pod was created before the `before` pod (its latest one) was Ready:
    /// no waiting (`podManagementPolicy: Parallel`).
    CreatedWithoutWaiting { before: &'static str, after: &'static str, namespace: &'static str },
    /// These pods were deleted in this order, each one's termination starting only after the
    /// previous pod was gone.
    DeletedInOrder { pods: &'static [&'static str], namespace: &'static str },
    /// Pod `pod` was deleted, then a pod with the same name was created, and it is Ready now.
    PodRecreated { pod: &'static str, namespace: &'static str },
    /// Live pod `pod` runs `image`.
    PodImage { pod: &'static str, image: &'static str, namespace: &'static str },
    /// Cluster DNS, asked from a pod in `namespace`, answers `name` with pod `pod`'s IP.
    ResolvesToPod { name: &'static str, pod: &'static str, namespace: &'static str },
    /// Service `name` exists and is headless (`clusterIP: None`).
    HeadlessService { name: &'static str, namespace: &'static str },
    /// The objects existed and were deleted (kinds: StatefulSet, DaemonSet, Deployment,
    /// Service, PersistentVolumeClaim, PersistentVolume), and no pod of them is left.
    Deleted { kind: &'static str, names: &'static [&'static str], namespace: &'static str },
    /// Pod `pod` was held back by the attach/detach controller: a `FailedAttachVolume`
    /// (Multi-Attach) event names it.
    MultiAttachSeen { pod: &'static str, namespace: &'static str },
    /// Service `name` exists.
    ServiceExists { name: &'static str, namespace: &'static str },
}

/// One action of a step's solution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SolutionAction {
    /// Apply a lesson file, as the editor's Apply button does.
    Apply(&'static str),
    /// Run a terminal line (`kubectl …`, `sleep 10s`).
    Run(&'static str),
}
