//! Layout and shared context: language, the simulated cluster, the course.

use crate::components::{cluster_view::ClusterPanel, editor::EditorPanel, lesson::LessonPane, terminal::TerminalPanel};
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

/// Where the student is in the course.
#[derive(Clone, Copy)]
pub struct LessonNav {
    pub lesson: RwSignal<usize>,
    pub step: RwSignal<usize>,
}

/// How the page is laid out: whether the lesson pane is folded away (its button, or a key
/// in projection mode), shared by the layout and the keyboard shortcuts.
#[derive(Clone, Copy)]
pub struct LayoutState {
    pub lesson_collapsed: RwSignal<bool>,
}

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
fn initial_cluster(seed: u64) -> kubesim::Cluster {
    let search = window().location().search().unwrap_or_default();
    let spec = web_sys::UrlSearchParams::new_with_str(&search).ok().and_then(|p| p.get("nodes"));
    match spec.map(|s| kubesim::cluster::parse_node_spec(&s)) {
        Some(Ok(nodes)) => kubesim::Cluster::with_nodes(seed, &nodes),
        Some(Err(e)) => {
            leptos::logging::warn!("?nodes= ignored: {e}");
            kubesim::Cluster::new(seed)
        }
        None => kubesim::Cluster::new(seed),
    }
}

#[component]
pub fn App() -> impl IntoView {
    let lang = UiLang(RwSignal::new(initial_lang()));
    provide_context(lang);
    let lessons = course::catalogue().unwrap_or_default();
    provide_context(Course(std::sync::Arc::new(lessons)));
    let sim = Sim::from_cluster(initial_cluster(1));
    provide_context(sim);
    let editor = crate::editor_state::EditorState::new(sim);
    provide_context(editor);
    let nav = LessonNav { lesson: RwSignal::new(0), step: RwSignal::new(0) };
    provide_context(nav);
    let layout = LayoutState { lesson_collapsed: RwSignal::new(false) };
    provide_context(layout);
    // Opening a lesson opens its files in the editor and the terminal's working directory.
    let course_files = expect_context::<Course>();
    Effect::new(move |_| {
        let i = nav.lesson.get();
        if let Some(l) = course_files.0.get(i) {
            editor.open(l.files.clone());
        }
    });
    set_interval(move || sim.tick(), Duration::from_millis(TICK_MS));

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
        </header>
        <main class="layout" class:lesson-collapsed=move || layout.lesson_collapsed.get()>
            <LessonPane />
            <section id="playground" class="playground" aria-label=move || lang.t(Msg::Playground)>
                <ClusterPanel />
                <div class="work-row">
                    <EditorPanel />
                    <TerminalPanel />
                </div>
            </section>
        </main>
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
