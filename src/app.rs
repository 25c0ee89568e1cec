//! Layout and shared context: language, the simulated cluster, the course.

use crate::components::prefs::KeptLayout;
use crate::components::{cluster_view::ClusterPanel, editor::EditorPanel, lesson::LessonPane, splitter::Splitter, terminal::TerminalPanel};
use crate::i18n::{Lang, Msg};
use crate::sim::{Sim, TICK_MS};
use leptos::prelude::*;
use std::time::Duration;

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

/// How the page is laid out: whether the lesson pane is folded away (its button, or a key
/// in projection mode), shared by the layout and the keyboard shortcuts; the sizes of the
/// resizable panes; on narrow screens, which panel's tab is chosen; which pods the
/// cluster view shows.
#[derive(Clone, Copy)]
pub struct LayoutState {
    pub lesson_collapsed: RwSignal<bool>,
    pub sizes: RwSignal<PaneSizes>,
    /// The window is narrow (900 px or less): panels stacked, one at a time, behind tabs.
    pub narrow: RwSignal<bool>,
    pub tab: RwSignal<PanelTab>,
    pub pod_filter: RwSignal<kubesim::PodFilter>,
}

impl LayoutState {
    pub fn new() -> LayoutState {
        LayoutState {
            lesson_collapsed: RwSignal::new(false),
            sizes: RwSignal::new(PaneSizes::default()),
            narrow: RwSignal::new(is_narrow()),
            tab: RwSignal::new(PanelTab::Lesson),
            pod_filter: RwSignal::new(kubesim::PodFilter::All),
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
        PaneSizes { lesson_pct: 34, cluster_pct: 55 }
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
    fn label(self) -> Msg {
        match self {
            PanelTab::Lesson => Msg::LessonPane,
            PanelTab::Cluster => Msg::ClusterView,
            PanelTab::Editor => Msg::Editor,
            PanelTab::Terminal => Msg::Terminal,
        }
    }
}

/// The width under which the panels stack behind tabs (the CSS uses the same).
const NARROW_PX: f64 = 900.0;

fn is_narrow() -> bool {
    window().inner_width().ok().and_then(|w| w.as_f64()).is_some_and(|w| w <= NARROW_PX)
}

/// The student's progress through the course (goals met, hints revealed, solutions shown),
/// per lesson and step.
#[derive(Clone, Copy)]
pub struct LessonProgress(pub RwSignal<course::progress::Progress>);

/// The course, loaded once.
#[derive(Clone)]
pub struct Course(pub std::sync::Arc<Vec<course::Lesson>>);

fn initial_lang() -> Lang {
    let search = window().location().search().unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
    params
        .and_then(|p| p.get("lang"))
        .and_then(|l| Lang::from_code(&l))
        .unwrap_or_default()
}

/// `?nodes=N` (a kind cluster with N workers) or `?nodes=a:cp,b,c` starts the cluster with
/// those nodes instead of the default three workers (the benchmarks use it; kubesim reads
/// the spec). A spec kubesim refuses is ignored, with a note in the console.
fn initial_setup(seed: u64) -> kubesim::journal::Setup {
    let search = window().location().search().unwrap_or_default();
    let spec = web_sys::UrlSearchParams::new_with_str(&search).ok().and_then(|p| p.get("nodes"));
    match spec.map(|s| kubesim::cluster::parse_node_spec(&s)) {
        Some(Ok(nodes)) => kubesim::journal::Setup { seed, nodes },
        Some(Err(e)) => {
            leptos::logging::warn!("?nodes= ignored: {e}");
            kubesim::journal::Setup::kind(seed)
        }
        None => kubesim::journal::Setup::kind(seed),
    }
}

#[component]
pub fn App() -> impl IntoView {
    let lang = UiLang(RwSignal::new(initial_lang()));
    provide_context(lang);
    let lessons = course::catalogue().unwrap_or_default();
    provide_context(Course(std::sync::Arc::new(lessons)));
    let sim = Sim::new(initial_setup(1));
    provide_context(sim);
    let editor = crate::editor_state::EditorState::new(sim);
    provide_context(editor);
    let nav = LessonNav { lesson: RwSignal::new(0), step: RwSignal::new(0) };
    provide_context(nav);
    let layout = LayoutState::new();
    provide_context(layout);
    provide_context(LessonProgress(RwSignal::new(course::progress::Progress::default())));
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        let n = is_narrow();
        if layout.narrow.get_untracked() != n {
            layout.narrow.set(n);
        }
    });
    on_cleanup(move || resize.remove());
    crate::components::prefs::provide_prefs();
    // The student's saved state (or a share link) comes back before anything is drawn.
    let (_persist, restored) = crate::persist::Persist::start();
    // Where the separators were left, whether the lesson was folded away, the narrow
    // screen's tab and the pod filter are kept with the other display preferences: layout →
    // prefs as the student changes them, prefs → layout when they come from elsewhere (a
    // saved state read back, an imported file). `synced` is the last value passed either
    // way, so a preference that merely echoes the layout never drags a separator back while
    // it is moving.
    let prefs = expect_context::<crate::components::prefs::UiPrefs>();
    let synced = StoredValue::new(None::<KeptLayout>);
    Effect::new(move |_| {
        let now = prefs.0.with(|p| p.layout());
        if synced.with_value(|s| s.as_ref() == Some(&now)) {
            return;
        }
        synced.set_value(Some(now.clone()));
        if layout.sizes.get_untracked() != now.sizes {
            layout.sizes.set(now.sizes);
        }
        if layout.lesson_collapsed.get_untracked() != now.lesson_hidden {
            layout.lesson_collapsed.set(now.lesson_hidden);
        }
        if layout.tab.get_untracked() != now.tab {
            layout.tab.set(now.tab);
        }
        if layout.pod_filter.with_untracked(|f| *f != now.pods) {
            layout.pod_filter.set(now.pods);
        }
    });
    Effect::new(move |_| {
        let now = KeptLayout { sizes: layout.sizes.get(), lesson_hidden: layout.lesson_collapsed.get(), tab: layout.tab.get(), pods: layout.pod_filter.get() };
        if synced.with_value(|s| s.as_ref() == Some(&now)) {
            return;
        }
        prefs.0.update(|p| p.keep_layout(&now));
        synced.set_value(Some(now));
    });
    // Opening a lesson opens its files in the editor and the terminal's working directory
    // (not on start when a saved state brought the student's own files back).
    let course_files = expect_context::<Course>();
    Effect::new(move |prev: Option<usize>| {
        let i = nav.lesson.get();
        let first = prev.is_none();
        if prev != Some(i) && (!first || !restored) {
            if let Some(l) = course_files.0.get(i) {
                editor.open(l.files.clone());
            }
        }
        i
    });
    set_interval(move || sim.tick(), Duration::from_millis(TICK_MS));
    provide_context(crate::offline::Offline::start());

    // <html lang> follows the chosen language, for screen readers and hyphenation.
    Effect::new(move |_| {
        let code = lang.0.get().code();
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", code);
        }
    });

    view! {
        <a class="skip-link" href="#playground">{move || lang.t(Msg::SkipToPlayground)}</a>
        <header class="app-header">
            <h1 class="brand">{move || lang.t(Msg::AppTitle)}</h1>
            <p class="tagline">{move || lang.t(Msg::AppTagline)}</p>
            <LangSwitch />
            <crate::components::prefs::DisplayControls />
            <crate::components::shortcuts::PresenterControls />
            <crate::persist::SaveMenu />
        </header>
        <crate::offline::OfflineNotice />
        <crate::persist::PersistNotice />
        <main
            id="main-layout"
            class="layout"
            class:lesson-collapsed=move || layout.lesson_collapsed.get() && !layout.narrow.get()
            class:narrow=move || layout.narrow.get()
            style:--lesson-w=move || format!("{}%", layout.sizes.get().lesson_pct)
            style:--cluster-h=move || format!("{}%", layout.sizes.get().cluster_pct)
        >
            <Show when=move || layout.narrow.get()>
                <PanelTabs />
            </Show>
            <Show when=move || layout.lesson_collapsed.get() && !layout.narrow.get()>
                <LessonExpand />
            </Show>
            <Slot tab=PanelTab::Lesson class="slot-lesson">
                <Show when=move || !layout.narrow.get()>
                    <LessonCollapse />
                </Show>
                <LessonPane />
            </Slot>
            <Show when=move || !layout.lesson_collapsed.get() && !layout.narrow.get()>
                <Splitter
                    testid="lesson-splitter"
                    label=Msg::ResizeLesson
                    controls="slot-lesson"
                    container="main-layout"
                    vertical=true
                    min=PaneSizes::LESSON_MIN
                    max=PaneSizes::LESSON_MAX
                    value=Signal::derive(move || layout.sizes.get().lesson_pct)
                    set=Callback::new(move |v| layout.sizes.update(|s| s.lesson_pct = v))
                />
            </Show>
            <section id="playground" class="playground" aria-label=move || lang.t(Msg::Playground)>
                <Slot tab=PanelTab::Cluster class="slot-cluster">
                    <ClusterPanel />
                </Slot>
                <Show when=move || !layout.narrow.get()>
                    <Splitter
                        testid="cluster-splitter"
                        label=Msg::ResizeCluster
                        controls="slot-cluster"
                        container="playground"
                        vertical=false
                        min=PaneSizes::CLUSTER_MIN
                        max=PaneSizes::CLUSTER_MAX
                        value=Signal::derive(move || layout.sizes.get().cluster_pct)
                        set=Callback::new(move |v| layout.sizes.update(|s| s.cluster_pct = v))
                    />
                </Show>
                <div class="work-row">
                    <Slot tab=PanelTab::Editor class="slot-editor">
                        <EditorPanel />
                    </Slot>
                    <Slot tab=PanelTab::Terminal class="slot-terminal">
                        <TerminalPanel />
                    </Slot>
                </div>
            </section>
        </main>
    }
}

/// One panel's place in the layout: on a narrow screen, a tab panel shown only when its
/// tab is chosen; otherwise a plain wrapper.
#[component]
fn Slot(tab: PanelTab, class: &'static str, children: Children) -> impl IntoView {
    let layout = expect_context::<LayoutState>();
    let narrow = move || layout.narrow.get();
    view! {
        <div
            id=format!("slot-{}", tab.id())
            class=format!("slot {class}")
            data-testid=format!("slot-{}", tab.id())
            role=move || narrow().then_some("tabpanel")
            aria-labelledby=move || narrow().then(|| format!("tab-{}", tab.id()))
            hidden=move || narrow() && layout.tab.get() != tab
        >
            {children()}
        </div>
    }
}

/// The tabs of a narrow screen: Lesson, Cluster, Editor, Terminal. Arrow keys, Home and
/// End move between them (and choose), as a tab list should.
#[component]
fn PanelTabs() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let layout = expect_context::<LayoutState>();
    let choose = move |t: PanelTab, focus: bool| {
        layout.tab.set(t);
        if focus {
            if let Some(el) = document().get_element_by_id(&format!("tab-{}", t.id())) {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
    };
    view! {
        <div class="panel-tabs" role="tablist" aria-label=move || lang.t(Msg::PanelTabs) data-testid="panel-tabs">
            {PanelTab::ALL
                .into_iter()
                .enumerate()
                .map(|(i, t)| {
                    let selected = move || layout.tab.get() == t;
                    view! {
                        <button
                            type="button"
                            role="tab"
                            id=format!("tab-{}", t.id())
                            data-testid=format!("tab-{}", t.id())
                            aria-controls=format!("slot-{}", t.id())
                            aria-selected=move || selected().to_string()
                            tabindex=move || if selected() { "0" } else { "-1" }
                            on:click=move |_| choose(t, false)
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                let n = PanelTab::ALL.len();
                                let next = match ev.key().as_str() {
                                    "ArrowRight" | "ArrowDown" => (i + 1) % n,
                                    "ArrowLeft" | "ArrowUp" => (i + n - 1) % n,
                                    "Home" => 0,
                                    "End" => n - 1,
                                    _ => return,
                                };
                                ev.prevent_default();
                                choose(PanelTab::ALL[next], true);
                            }
                        >
                            {move || lang.t(t.label())}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Folds the lesson pane away; focus goes to the button that brings it back.
#[component]
fn LessonCollapse() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let layout = expect_context::<LayoutState>();
    view! {
        <button
            type="button"
            id="lesson-collapse"
            class="pane-toggle"
            data-testid="lesson-collapse"
            aria-expanded="true"
            aria-controls="slot-lesson"
            on:click=move |_| {
                layout.lesson_collapsed.set(true);
                request_animation_frame(|| focus_id("lesson-expand"));
            }
        >
            <span aria-hidden="true">"« "</span>
            {move || lang.t(Msg::HideLesson)}
        </button>
    }
}

/// Where the folded lesson pane was: the button that unfolds it.
#[component]
fn LessonExpand() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let layout = expect_context::<LayoutState>();
    view! {
        <div class="lesson-folded">
            <button
                type="button"
                id="lesson-expand"
                class="pane-toggle"
                data-testid="lesson-expand"
                aria-expanded="false"
                aria-controls="slot-lesson"
                on:click=move |_| {
                    layout.lesson_collapsed.set(false);
                    request_animation_frame(|| focus_id("lesson-collapse"));
                }
            >
                <span aria-hidden="true">"» "</span>
                {move || lang.t(Msg::ShowLesson)}
            </button>
        </div>
    }
}

#[component]
fn LangSwitch() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    view! {
        <div class="lang-switch" role="group" aria-label=move || lang.t(Msg::Language)>
            {Lang::ALL
                .into_iter()
                .map(|l| {
                    let label = match l {
                        Lang::Es => "Español",
                        Lang::En => "English",
                    };
                    view! {
                        <button
                            type="button"
                            lang=l.code()
                            data-testid=format!("lang-{}", l.code())
                            aria-pressed=move || (lang.0.get() == l).to_string()
                            on:click=move |_| lang.0.set(l)
                        >
                            {label}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
