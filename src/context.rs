//! The small shared types every component reads from context: the language, where the
//! student is in the course, the course itself, progress, and how the page is laid out.
//! They hold signals only as thin wrappers; the data inside is plain.

use crate::i18n::{Lang, Msg};
use leptos::prelude::*;

/// The student's language, shared by every component.
#[derive(Clone, Copy)]
pub struct UiLang(pub RwSignal<Lang>);

impl UiLang {
    pub fn t(&self, m: Msg) -> &'static str {
        m.text(self.0.get())
    }
}

/// The language as one card's own relay of [`UiLang`]. A signal's subscribers are kept in
/// order and each one that re-runs leaves the list with an O(n) removal, so with a thousand
/// pod cards whose closures re-run as their pods change, subscribing each of them to the
/// page-wide language signal costs time in the square of the cluster's size. A card reads
/// its relay instead: the relay alone subscribes to the page's signal and re-runs only when
/// the language changes.
#[derive(Clone, Copy)]
pub struct LangRelay(pub Memo<Lang>);

impl LangRelay {
    pub fn new(lang: UiLang) -> LangRelay {
        LangRelay(Memo::new(move |_| lang.0.get()))
    }

    pub fn t(&self, m: Msg) -> &'static str {
        m.text(self.0.get())
    }
}

/// Where the student is in the course.
#[derive(Clone, Copy)]
pub struct LessonNav {
    pub lesson: RwSignal<usize>,
    pub step: RwSignal<usize>,
}

/// The student's progress through the course (goals met, hints revealed, solutions shown),
/// per lesson and step.
#[derive(Clone, Copy)]
pub struct LessonProgress(pub RwSignal<course::progress::Progress>);

/// The course, loaded once.
#[derive(Clone)]
pub struct Course(pub std::sync::Arc<Vec<course::Lesson>>);

/// A panel that opens beside the cluster view, over part of the stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drawer {
    /// The cluster's events, and looking back at a moment.
    Timeline,
    /// What each controller is doing and waiting for.
    Why,
}

/// While projecting, the editor or the terminal called up over the stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkPanel {
    Editor,
    Terminal,
}

/// How the page is laid out: whether the lesson pane is folded away (its button, or a key),
/// the sizes of the resizable panes, on narrow screens which panel's tab is chosen, which
/// pods the cluster view shows; and the stage's own state: the drawer open beside the
/// cluster, the fit-to-view zoom, and while projecting the panels called up over the stage.
#[derive(Clone, Copy)]
pub struct LayoutState {
    pub lesson_collapsed: RwSignal<bool>,
    pub sizes: RwSignal<PaneSizes>,
    /// The window is narrow (a phone or a tablet, see `NARROW_QUERY`): panels stacked, one at a time, behind tabs.
    pub narrow: RwSignal<bool>,
    pub tab: RwSignal<PanelTab>,
    pub pod_filter: RwSignal<kubesim::PodFilter>,
    /// The timeline or the why panel, open beside the cluster view.
    pub drawer: RwSignal<Option<Drawer>>,
    /// The cluster view zoomed out so that all of it is in view.
    pub fit: RwSignal<bool>,
    /// While projecting: the lesson called up over the stage (`L`).
    pub stage_lesson: RwSignal<bool>,
    /// While projecting: the editor or the terminal called up over the stage (`E`, `T`).
    pub stage_work: RwSignal<Option<WorkPanel>>,
    /// The terminal given the editor's room too (a wide table arrived, or `W`).
    pub wide_terminal: RwSignal<bool>,
    /// A lesson button sent the student to another tab (narrow screens): the id of that
    /// button, so "back to the lesson" returns to it.
    pub came_from: RwSignal<Option<String>>,
}

impl LayoutState {
    pub fn new() -> LayoutState {
        LayoutState {
            lesson_collapsed: RwSignal::new(false),
            sizes: RwSignal::new(PaneSizes::default()),
            narrow: RwSignal::new(is_narrow()),
            tab: RwSignal::new(PanelTab::Lesson),
            pod_filter: RwSignal::new(kubesim::PodFilter::All),
            drawer: RwSignal::new(None),
            fit: RwSignal::new(false),
            stage_lesson: RwSignal::new(false),
            stage_work: RwSignal::new(None),
            wide_terminal: RwSignal::new(false),
            came_from: RwSignal::new(None),
        }
    }

    /// Opens `d` beside the cluster view, or closes it when it is the one open.
    pub fn toggle_drawer(&self, d: Drawer) {
        self.drawer.update(|cur| *cur = if *cur == Some(d) { None } else { Some(d) });
    }

    /// While projecting, calls up `w` over the stage, or sends it away when it is there.
    pub fn toggle_work(&self, w: WorkPanel) {
        self.stage_work.update(|cur| *cur = if *cur == Some(w) { None } else { Some(w) });
    }

    /// Shows where a lesson button's result appears: on a narrow screen its tab (and
    /// remembers the button, for the way back); while projecting, the panel over the stage.
    pub fn reveal(&self, tab: PanelTab, from: Option<String>, projecting: bool) {
        if self.narrow.get_untracked() {
            if self.tab.get_untracked() != tab {
                self.came_from.set(from);
                self.tab.set(tab);
            }
        } else if projecting {
            let w = match tab {
                PanelTab::Editor => Some(WorkPanel::Editor),
                PanelTab::Terminal => Some(WorkPanel::Terminal),
                _ => None,
            };
            if w.is_some() {
                self.stage_work.set(w);
            }
        }
    }
}

/// Sizes of the resizable panes, in whole percent: plain data, for saving.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaneSizes {
    /// The lesson pane's share of the page's width.
    pub lesson_pct: u32,
    /// The cluster view's share of the playground's height (the editor and terminal get the rest).
    pub cluster_pct: u32,
}

impl PaneSizes {
    pub const LESSON_MIN: u32 = 18;
    pub const LESSON_MAX: u32 = 60;
    pub const CLUSTER_MIN: u32 = 20;
    pub const CLUSTER_MAX: u32 = 80;
    /// What one arrow key press moves a separator by.
    pub const STEP: u32 = 2;
}

impl Default for PaneSizes {
    fn default() -> PaneSizes {
        PaneSizes { lesson_pct: 32, cluster_pct: 52 }
    }
}

/// The panels a narrow screen shows one at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelTab {
    Lesson,
    Cluster,
    Editor,
    Terminal,
}

impl PanelTab {
    pub const ALL: [PanelTab; 4] = [PanelTab::Lesson, PanelTab::Cluster, PanelTab::Editor, PanelTab::Terminal];
    pub fn id(self) -> &'static str {
        match self {
            PanelTab::Lesson => "lesson",
            PanelTab::Cluster => "cluster",
            PanelTab::Editor => "editor",
            PanelTab::Terminal => "terminal",
        }
    }
    pub fn from_id(id: &str) -> Option<PanelTab> {
        PanelTab::ALL.into_iter().find(|t| t.id() == id)
    }
    pub fn label(self) -> Msg {
        match self {
            PanelTab::Lesson => Msg::LessonPane,
            PanelTab::Cluster => Msg::ClusterView,
            PanelTab::Editor => Msg::Editor,
            PanelTab::Terminal => Msg::Terminal,
        }
    }
}

/// Where the panels stack behind tabs: phones, and tablets held either way (a touch screen
/// up to 1,200 px wide, whose finger-sized controls would crowd three panels side by side).
/// style/layout.css uses the same media query.
pub const NARROW_QUERY: &str = "(max-width: 900px), (pointer: coarse) and (max-width: 1200px)";

pub fn is_narrow() -> bool {
    window().match_media(NARROW_QUERY).ok().flatten().is_some_and(|m| m.matches())
}
