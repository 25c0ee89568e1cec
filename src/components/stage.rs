//! The stage: the cluster view's one compact bar of controls (clock, nodes, the pod filter,
//! the timeline and why drawers, fit; while projecting also the panels called up over the
//! stage, the type size and the menu), the drawers that open beside the cluster, and the
//! fit-to-view zoom. Every control is a button with a word: the word shows where there is
//! room and is always the accessible name and the tooltip; the key that does the same is
//! shown beside it.

use crate::components::header::{CloseButton, MenuItems};
use crate::components::icons::{self, Icon};
use crate::components::menu::Menu;
use crate::components::prefs::{ProjectionToggle, TextSize, UiPrefs};
use crate::context::{Drawer, LayoutState, UiLang, WorkPanel};
use crate::i18n::Msg;
use crate::sim::Sim;
use kubesim::PodFilter;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A button of the bar: an icon, its word (hidden where there is no room, by `prio`: 1
/// hides last), and the key that does the same.
#[component]
fn Tool(
    testid: &'static str,
    icon: &'static str,
    #[prop(into)] word: Signal<String>,
    #[prop(optional)] key: &'static str,
    #[prop(optional)] prio: u8,
    #[prop(optional, into)] pressed: Option<Signal<bool>>,
    #[prop(optional, into)] expanded: Option<Signal<bool>>,
    #[prop(optional)] controls: &'static str,
    #[prop(optional, into)] disabled: Option<Signal<bool>>,
    on_click: impl Fn() + 'static,
) -> impl IntoView {
    let tip = move || if key.is_empty() { word.get() } else { format!("{} · {key}", word.get()) };
    view! {
        <button
            type="button"
            class="tool"
            data-prio=prio.to_string()
            data-testid=testid
            aria-label=move || word.get()
            data-tip=tip
            aria-keyshortcuts=(!key.is_empty()).then_some(key)
            aria-pressed=move || pressed.map(|p| p.get().to_string())
            aria-expanded=move || expanded.map(|p| p.get().to_string())
            aria-controls=(!controls.is_empty()).then_some(controls)
            disabled=move || disabled.is_some_and(|d| d.get())
            on:click=move |_| on_click()
        >
            <Icon path=icon />
            <span class="tool-label">{move || word.get()}</span>
            {(!key.is_empty()).then(|| view! { <kbd class="key-hint" aria-hidden="true">{key}</kbd> })}
        </button>
    }
}

/// The cluster view's bar.
#[component]
pub fn StageBar() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let prefs = expect_context::<UiPrefs>();
    let projecting = move || prefs.0.with(|p| p.projection);
    view! {
        <div class="stage-bar" data-testid="stage-bar">
            <h2 id="cluster-title" class="stage-title">{move || lang.t(Msg::ClusterView)}</h2>
            <ClockControls />
            <AddNodeControls />
            <WorkloadFilter />
            <ViewTools />
            <Show when=projecting>
                <ProjectionTools />
            </Show>
        </div>
    }
}

#[component]
fn ClockControls() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    let elapsed = move || {
        let ms = sim.now_ms.get();
        let s = ms / 1000;
        format!("{}:{:02}.{}", s / 60, s % 60, (ms % 1000) / 100)
    };
    let looking_back = Signal::derive(move || sim.looking_back());
    view! {
        <div class="clock tool-group" role="group" aria-label=move || lang.t(Msg::Clock)>
            <button
                type="button"
                class="tool"
                data-prio="1"
                data-testid="clock-toggle"
                disabled=move || sim.looking_back()
                aria-pressed=move || (!sim.playing.get()).to_string()
                aria-keyshortcuts="Space"
                aria-label=move || if sim.playing.get() { lang.t(Msg::Pause) } else { lang.t(Msg::Play) }
                data-tip=move || format!("{} · {}", if sim.playing.get() { lang.t(Msg::Pause) } else { lang.t(Msg::Play) }, lang.t(Msg::KeySpace))
                on:click=move |_| sim.playing.update(|p| *p = !*p)
            >
                {move || {
                    if sim.playing.get() {
                        view! { <Icon path=icons::PAUSE /> <span class="tool-label">{lang.t(Msg::Pause)}</span> }.into_any()
                    } else {
                        view! { <Icon path=icons::PLAY /> <span class="tool-label">{lang.t(Msg::Play)}</span> }.into_any()
                    }
                }}
            </button>
            <Tool
                testid="clock-step"
                icon=icons::STEP
                word=Signal::derive(move || lang.t(Msg::StepClock).to_string())
                key="→"
                prio=2
                disabled=looking_back
                on_click=move || sim.step()
            />
            <label class="speed">
                <span class="tool-label" data-prio="3">{move || lang.t(Msg::Speed)}</span>
                <select
                    data-testid="clock-speed"
                    aria-label=move || lang.t(Msg::Speed)
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<u64>() {
                            sim.speed.set(v);
                        }
                    }
                >
                    {[1u64, 2, 5, 10]
                        .into_iter()
                        .map(|s| view! { <option value=s.to_string() prop:selected=move || sim.speed.get() == s>{format!("{s}×")}</option> })
                        .collect_view()}
                </select>
            </label>
            <span class="elapsed" data-testid="clock-time">
                <span class="visually-hidden">{move || lang.t(Msg::Elapsed)} ": "</span>
                {elapsed}
            </span>
        </div>
    }
}

/// Adds a worker (or a control-plane node) with the next free kind-style name, through
/// the same `sim node add` a student could type (`Sim::add_node`, also the key N).
#[component]
fn AddNodeControls() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    let looking_back = Signal::derive(move || sim.looking_back());
    view! {
        <div class="node-add tool-group" role="group" aria-label=move || lang.t(Msg::AddNode)>
            <Tool
                testid="add-node"
                icon=icons::PLUS
                word=Signal::derive(move || lang.t(Msg::AddNode).to_string())
                key="N"
                prio=1
                disabled=looking_back
                on_click=move || sim.add_node(false)
            />
            <Tool
                testid="add-control-plane"
                icon=icons::ADD_CONTROL_PLANE
                word=Signal::derive(move || lang.t(Msg::AddControlPlane).to_string())
                prio=3
                disabled=looking_back
                on_click=move || sim.add_node(true)
            />
        </div>
    }
}

/// Which pods the cluster view draws: all, one workload's (a Deployment's through its
/// ReplicaSets), or the bare ones. Nodes always stay.
#[component]
fn WorkloadFilter() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    let layout = expect_context::<LayoutState>();
    let filters = Memo::new(move |_| {
        let mut all = sim.view.with(|v| v.pod_filters());
        // The chosen workload stays on the list while it is gone (deleted, about to come back).
        let chosen = layout.pod_filter.get();
        if !all.contains(&chosen) {
            all.insert(all.len() - 1, chosen);
        }
        all
    });
    let label = move |f: &PodFilter| match f {
        PodFilter::All => lang.t(Msg::AllPods).to_string(),
        PodFilter::Bare => lang.t(Msg::BarePods).to_string(),
        PodFilter::Workload(w) if w.namespace == "default" => format!("{} {}", w.kind, w.name),
        PodFilter::Workload(w) => format!("{} {}/{}", w.kind, w.namespace, w.name),
    };
    view! {
        <label class="pod-filter">
            <span class="tool-label" data-prio="3">{move || lang.t(Msg::FilterPods)}</span>
            <select
                data-testid="workload-filter"
                aria-label=move || lang.t(Msg::FilterPods)
                prop:value=move || layout.pod_filter.get().key()
                on:change=move |ev| {
                    if let Some(f) = PodFilter::from_key(&event_target_value(&ev)) {
                        layout.pod_filter.set(f);
                    }
                }
            >
                {move || {
                    let chosen = layout.pod_filter.get();
                    filters
                        .get()
                        .into_iter()
                        .map(|f| {
                            let selected = f == chosen;
                            view! { <option value=f.key() selected=selected>{label(&f)}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// The drawers (timeline, why) and the fit zoom.
#[component]
fn ViewTools() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    let layout = expect_context::<LayoutState>();
    let count = move || sim.events.with(|e| e.len());
    let open = move |d: Drawer| Signal::derive(move || layout.drawer.get() == Some(d));
    view! {
        <div class="view-tools tool-group" role="group" aria-label=move || lang.t(Msg::ViewTools)>
            <Tool
                testid="timeline-toggle"
                icon=icons::TIMELINE
                word=Signal::derive(move || format!("{} ({})", lang.t(Msg::TimelineShort), count()))
                key="H"
                prio=3
                expanded=open(Drawer::Timeline)
                controls="stage-drawer"
                on_click=move || layout.toggle_drawer(Drawer::Timeline)
            />
            <Tool
                testid="why-toggle"
                icon=icons::WHY
                word=Signal::derive(move || lang.t(Msg::WhyShort).to_string())
                key="Y"
                prio=2
                expanded=open(Drawer::Why)
                controls="stage-drawer"
                on_click=move || layout.toggle_drawer(Drawer::Why)
            />
            <Tool
                testid="fit-toggle"
                icon=icons::FIT
                word=Signal::derive(move || lang.t(Msg::Fit).to_string())
                key="F"
                prio=3
                pressed=Signal::derive(move || layout.fit.get())
                on_click=move || layout.fit.update(|f| *f = !*f)
            />
        </div>
    }
}

/// While projecting: call up the lesson, the editor or the terminal over the stage; the type
/// size; leave projection; the menu with everything the hidden header held.
#[component]
fn ProjectionTools() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let layout = expect_context::<LayoutState>();
    let work = move |w: WorkPanel| Signal::derive(move || layout.stage_work.get() == Some(w));
    view! {
        <div class="projection-tools tool-group" role="group" aria-label=move || lang.t(Msg::StagePanels)>
            <Tool
                testid="stage-lesson-toggle"
                icon=icons::LESSON
                word=Signal::derive(move || lang.t(Msg::LessonPane).to_string())
                key="L"
                expanded=Signal::derive(move || layout.stage_lesson.get())
                controls="slot-lesson"
                on_click=move || layout.stage_lesson.update(|s| *s = !*s)
            />
            <Tool
                testid="stage-editor-toggle"
                icon=icons::EDITOR
                word=Signal::derive(move || lang.t(Msg::Editor).to_string())
                key="E"
                expanded=work(WorkPanel::Editor)
                controls="slot-editor"
                on_click=move || layout.toggle_work(WorkPanel::Editor)
            />
            <Tool
                testid="stage-terminal-toggle"
                icon=icons::TERMINAL
                word=Signal::derive(move || lang.t(Msg::Terminal).to_string())
                key="T"
                expanded=work(WorkPanel::Terminal)
                controls="slot-terminal"
                on_click=move || layout.toggle_work(WorkPanel::Terminal)
            />
        </div>
        <TextSize />
        <crate::offline::OfflineStatus />
        <ProjectionToggle compact=true />
        <Menu id="stage-menu" label=Msg::Menu icon_path=icons::MENU compact=true class="stage-menu">
            <MenuItems projection=false save=true language=true />
        </Menu>
    }
}

/// The drawer beside the cluster view: the timeline or the why panel, with its title and a
/// way to close it (its button in the bar, the key, or Escape inside it).
#[component]
pub fn StageDrawer() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    let layout = expect_context::<LayoutState>();
    let title = move || match layout.drawer.get() {
        Some(Drawer::Timeline) => lang.t(Msg::Timeline),
        Some(Drawer::Why) => crate::why_text::panel_title(lang.0.get()),
        None => "",
    };
    view! {
        <Show when=move || layout.drawer.get().is_some()>
            <aside
                id="stage-drawer"
                class="drawer"
                data-testid="stage-drawer"
                data-drawer=move || match layout.drawer.get() {
                    Some(Drawer::Timeline) => "timeline",
                    _ => "why",
                }
                aria-labelledby="stage-drawer-title"
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    // Looking back, Escape first goes back to live (the banner's key).
                    if ev.key() == "Escape" && !ev.default_prevented() && !sim.looking_back() {
                        ev.prevent_default();
                        let d = layout.drawer.get_untracked();
                        layout.drawer.set(None);
                        let id = match d {
                            Some(Drawer::Timeline) => "[data-testid=timeline-toggle]",
                            _ => "[data-testid=why-toggle]",
                        };
                        if let Some(b) = document().query_selector(id).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                            let _ = b.focus();
                        }
                    }
                }
            >
                <div class="drawer-head">
                    <h3 id="stage-drawer-title">{title}</h3>
                    <CloseButton testid="drawer-close" label=Msg::CloseDrawer on_close=move || layout.drawer.set(None) />
                </div>
                <div class="drawer-body">
                    {move || match layout.drawer.get() {
                        Some(Drawer::Timeline) => view! { <crate::components::timeline::Timeline /> }.into_any(),
                        Some(Drawer::Why) => view! { <crate::components::why::WhyPanel /> }.into_any(),
                        None => ().into_any(),
                    }}
                </div>
            </aside>
        </Show>
    }
}

/// The zoom that fits the whole of `content` in `stage`, between 0.25 and 1 (searched:
/// the grid reflows at each zoom, so the height does not shrink in proportion).
fn fit_zoom(stage: &web_sys::HtmlElement, content: &web_sys::HtmlElement) -> f64 {
    let style = content.style();
    let fits = |z: f64| {
        let _ = style.set_property("--stage-zoom", &format!("{z:.3}"));
        let h = content.get_bounding_client_rect().height();
        h <= f64::from(stage.client_height()) + 0.5 && stage.scroll_width() <= stage.client_width()
    };
    if fits(1.0) {
        return 1.0;
    }
    let (mut lo, mut hi) = (0.25, 1.0);
    if !fits(lo) {
        return lo;
    }
    for _ in 0..7 {
        let mid = (lo + hi) / 2.0;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let _ = style.set_property("--stage-zoom", &format!("{lo:.3}"));
    lo
}

/// Keeps the fit zoom right while it is on: when it is switched on, when the window, the
/// type size, the drawer or what the cluster holds changes. Off, the zoom is 1.
pub fn keep_fit(stage: NodeRef<leptos::html::Div>, content: NodeRef<leptos::html::Div>) {
    let layout = expect_context::<LayoutState>();
    let sim = expect_context::<Sim>();
    let prefs = expect_context::<UiPrefs>();
    let resized = RwSignal::new(0u32);
    let listener = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));
    on_cleanup(move || listener.remove());
    // What changes the cluster's drawn size: how many nodes and pods there are.
    let shape = Memo::new(move |_| sim.view.with(|v| (v.nodes.len(), v.nodes.iter().map(|n| n.pods.len()).sum::<usize>(), v.unscheduled.len(), v.claims.len(), v.services.len())));
    Effect::new(move |_| {
        let on = layout.fit.get();
        shape.track();
        resized.track();
        layout.drawer.track();
        layout.stage_work.track();
        prefs.0.with(|p| (p.projection, p.scale));
        request_animation_frame(move || {
            let (Some(s), Some(c)) = (stage.get_untracked(), content.get_untracked()) else { return };
            let s: &web_sys::HtmlElement = &s;
            let c: &web_sys::HtmlElement = &c;
            if on {
                fit_zoom(s, c);
            } else {
                let _ = web_sys::HtmlElement::style(c).remove_property("--stage-zoom");
            }
        });
    });
}
