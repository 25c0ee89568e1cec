//! Layout and shared context: language, the simulated cluster, the course.

use crate::components::prefs::KeptLayout;
use crate::components::{cluster_view::ClusterPanel, editor::EditorPanel, lesson::LessonPane, splitter::Splitter, terminal::TerminalPanel};
use crate::context::{Course, LayoutState, LessonNav, LessonProgress, PaneSizes, PanelTab, UiLang, WorkPanel};
use crate::context::is_narrow;
use crate::i18n::{Lang, Msg};
use crate::sim::{Sim, TICK_MS};
use leptos::prelude::*;
use std::time::Duration;

fn initial_lang() -> Lang {
    crate::persist::link_lang().unwrap_or_default()
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
    provide_context(crate::components::shortcuts::Spotlight(RwSignal::new(false)));
    provide_context(crate::components::shortcuts::SheetRequest(RwSignal::new(0)));
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

    let prefs_sig = prefs;
    let projecting = move || prefs_sig.0.with(|p| p.projection);
    // Leaving projection sends away what was called up over the stage.
    Effect::new(move |_| {
        if !projecting() {
            layout.stage_lesson.set(false);
            layout.stage_work.set(None);
        }
    });
    // On a narrow screen, the way back to the lesson is offered only away from it.
    Effect::new(move |_| {
        if layout.tab.get() == PanelTab::Lesson || !layout.narrow.get() {
            layout.came_from.set(None);
        }
    });

    view! {
        <a class="skip-link" href="#playground">{move || lang.t(Msg::SkipToPlayground)}</a>
        <Show when=move || !projecting()>
            <crate::components::header::AppHeader />
        </Show>
        <crate::components::shortcuts::PresenterKeys />
        <crate::offline::OfflineNotice />
        <crate::persist::PersistNotice />
        <main
            id="main-layout"
            class="layout"
            class:lesson-collapsed=move || layout.lesson_collapsed.get() && !layout.narrow.get() && !projecting()
            class:narrow=move || layout.narrow.get()
            class:stage-lesson=move || projecting() && layout.stage_lesson.get()
            class:stage-editor=move || projecting() && layout.stage_work.get() == Some(WorkPanel::Editor)
            class:stage-terminal=move || projecting() && layout.stage_work.get() == Some(WorkPanel::Terminal)
            class:wide-terminal=move || layout.wide_terminal.get() && !layout.narrow.get() && !projecting()
            style:--lesson-w=move || format!("{}%", layout.sizes.get().lesson_pct)
            style:--cluster-h=move || format!("{}%", layout.sizes.get().cluster_pct)
        >
            <Show when=move || layout.narrow.get()>
                <PanelTabs />
            </Show>
            <Show when=move || layout.lesson_collapsed.get() && !layout.narrow.get() && !projecting()>
                <LessonExpand />
            </Show>
            <Slot tab=PanelTab::Lesson class="slot-lesson">
                <Show when=move || !layout.narrow.get()>
                    <LessonCollapse />
                </Show>
                <LessonPane />
            </Slot>
            <Show when=move || !layout.lesson_collapsed.get() && !layout.narrow.get() && !projecting()>
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
                <Show when=move || !layout.narrow.get() && !projecting()>
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
            {(tab != PanelTab::Lesson).then(|| view! { <BackToLesson tab /> })}
            {matches!(tab, PanelTab::Editor | PanelTab::Terminal).then(|| view! { <StageClose tab /> })}
            {(tab == PanelTab::Editor).then(|| view! { <EditorStrip /> })}
            {children()}
        </div>
    }
}

/// On a narrow screen, after a lesson button sent the student here: the way back to the
/// lesson, to the very button.
#[component]
fn BackToLesson(tab: PanelTab) -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let layout = expect_context::<LayoutState>();
    view! {
        <Show when=move || layout.narrow.get() && layout.tab.get() == tab && layout.came_from.get().is_some()>
            <button
                type="button"
                class="back-to-lesson"
                data-testid="back-to-lesson"
                on:click=move |_| {
                    let from = layout.came_from.get_untracked();
                    layout.tab.set(PanelTab::Lesson);
                    if let Some(id) = from {
                        request_animation_frame(move || focus_id(&id));
                    }
                }
            >
                {move || lang.t(Msg::BackToLesson)}
            </button>
        </Show>
    }
}

/// While the terminal has the editor's room: the editor folded to a strip, whose button
/// brings it back (and puts the caret in it).
#[component]
fn EditorStrip() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let layout = expect_context::<LayoutState>();
    view! {
        <button
            type="button"
            class="editor-strip"
            data-testid="editor-strip"
            aria-label=move || lang.t(Msg::ShowEditor)
            title=move || lang.t(Msg::ShowEditor)
            on:click=move |_| {
                layout.wide_terminal.set(false);
                request_animation_frame(|| focus_id_selector("[data-testid=editor]"));
            }
        >
            <span aria-hidden="true">"« "</span>
            {move || lang.t(Msg::Editor)}
        </button>
    }
}

/// While projecting, the editor or the terminal over the stage: the way to send it away.
#[component]
fn StageClose(tab: PanelTab) -> impl IntoView {
    let layout = expect_context::<LayoutState>();
    let prefs = expect_context::<crate::components::prefs::UiPrefs>();
    let testid = if tab == PanelTab::Editor { "stage-close-editor" } else { "stage-close-terminal" };
    view! {
        <Show when=move || prefs.0.with(|p| p.projection) && !layout.narrow.get()>
            <div class="stage-close">
                <crate::components::header::CloseButton testid label=Msg::CloseOverlay on_close=move || layout.stage_work.set(None) />
            </div>
        </Show>
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

fn focus_id_selector(selector: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document().query_selector(selector).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
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
                if crate::components::prefs::projecting() {
                    layout.stage_lesson.set(false);
                    request_animation_frame(|| focus_id_selector("[data-testid=stage-lesson-toggle]"));
                } else {
                    layout.lesson_collapsed.set(true);
                    request_animation_frame(|| focus_id("lesson-expand"));
                }
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
