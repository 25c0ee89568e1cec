//! The timeline: the cluster's Events, newest first, filterable by object. Picking one
//! (click, Enter or Space) shows the cluster as it was at that moment, read-only, under a
//! banner that leads back to live (also Escape). The past view is replayed from the
//! session's journal by kubesim; nothing here knows Kubernetes.

use crate::context::UiLang;
use crate::i18n::{elapsed_text, Msg};
use crate::sim::{EventRow, Sim};
use leptos::prelude::*;

/// The object a row is about, as the filter names it: `kind/name`, and the namespace when
/// it is not `default`.
fn object_label(e: &EventRow) -> String {
    let obj = format!("{}/{}", e.kind.to_lowercase(), e.name);
    if e.namespace.is_empty() || e.namespace == "default" {
        obj
    } else {
        format!("{obj} ({})", e.namespace)
    }
}

fn object_key(e: &EventRow) -> String {
    format!("{}/{}/{}", e.namespace, e.kind, e.name)
}

/// Shown over the cluster while looking back: when, and the way back.
#[component]
pub fn PastBanner() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    // Refusals counted from the moment the look back began.
    let refused_from = RwSignal::new(0u32);
    Effect::new(move |was: Option<bool>| {
        let now = sim.past.with(|p| p.is_some());
        if now && was != Some(true) {
            refused_from.set(sim.refused.get_untracked());
        }
        now
    });
    // Escape anywhere but the editor's text leaves the look back.
    let _esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() != "Escape" || !sim.past.with_untracked(|p| p.is_some()) {
            return;
        }
        let in_text = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| el.tag_name().eq_ignore_ascii_case("textarea"));
        if !in_text {
            ev.prevent_default();
            sim.back_to_live();
        }
    });
    let when = move || sim.past.with(|p| p.as_ref().map(|p| elapsed_text(p.at_ms)).unwrap_or_default());
    view! {
        <Show when=move || sim.looking_back()>
            <div class="past-banner" data-testid="past-banner" role="region" aria-label=move || lang.t(Msg::Timeline)>
                <p class="past-title" aria-live="polite">
                    // Rewind (an icon: fonts may lack the glyph); the words carry the meaning.
                    <svg class="icon past-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
                        <path d="M11 5v14L2 12zM22 5v14l-9-7z" fill="currentColor" />
                    </svg>
                    " "
                    {move || lang.t(Msg::ViewingAt)}
                    " "
                    <strong data-testid="past-time">{when}</strong>
                    " "
                    {move || lang.t(Msg::PastWord)}
                </p>
                <button type="button" class="primary" data-testid="back-to-live" on:click=move |_| sim.back_to_live()>
                    {move || lang.t(Msg::BackToLive)}
                </button>
                <span class="muted">{move || lang.t(Msg::EscBackToLive)}</span>
                <p class="past-refused" data-testid="past-refused" role="alert">
                    {move || { (sim.refused.get() > refused_from.get()).then(|| lang.t(Msg::ReadOnlyPast)) }}
                </p>
            </div>
        </Show>
    }
}

/// How many events the open timeline lists at first, and how many more each request adds.
const EVENTS_PAGE: usize = 200;

#[component]
pub fn Timeline() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    let filter = RwSignal::new(String::new());
    // The list exists only while the timeline's drawer is open, and shows the newest
    // EVENTS_PAGE events at first (a DaemonSet over 1,000 nodes makes some 6,000): more on
    // request.
    let shown = RwSignal::new(EVENTS_PAGE);
    // Every object that has events, for the filter (sorted, once each).
    let objects = Memo::new(move |_| {
        sim.events.with(|evs| {
            let mut seen: Vec<(String, String)> = evs.iter().map(|e| (object_key(e), object_label(e))).collect();
            kubesim::sort::by(&mut seen, |a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
            seen.dedup();
            seen
        })
    });
    let rows = Memo::new(move |_| {
        let f = filter.get();
        let mut rows: Vec<EventRow> = sim.events.with(|evs| evs.iter().filter(|e| f.is_empty() || object_key(e) == f).cloned().collect());
        kubesim::sort::by(&mut rows, |a, b| b.at_ms.cmp(&a.at_ms).then(b.index.cmp(&a.index)));
        rows
    });
    let page = Memo::new(move |_| rows.with(|r| r.iter().take(shown.get()).cloned().collect::<Vec<_>>()));
    let hidden = move || rows.with(|r| r.len()).saturating_sub(shown.get());
    view! {
        <div class="timeline" data-testid="timeline">
            <p class="muted timeline-hint">{move || lang.t(Msg::TimelineHint)}</p>
            <label class="timeline-filter">
                <span>{move || lang.t(Msg::FilterByObject)}</span>
                <select
                    data-testid="timeline-filter"
                    prop:value=move || filter.get()
                    on:change=move |ev| filter.set(event_target_value(&ev))
                >
                    <option value="">{move || lang.t(Msg::AllObjects)}</option>
                    {move || {
                        objects
                            .get()
                            .into_iter()
                            .map(|(key, label)| {
                                let k = key.clone();
                                view! { <option value=key selected=move || filter.with(|f| *f == k)>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <Show when=move || rows.with(|r| r.is_empty())>
                <p class="empty">{move || lang.t(Msg::NoEvents)}</p>
            </Show>
            <ol class="timeline-list" data-testid="timeline-list" aria-label=move || lang.t(Msg::Timeline)>
                <For
                    each=move || page.get()
                    key=|e| (e.index, e.count, e.at_ms)
                    children=move |e| {
                        let at = e.at_ms;
                        let index = e.index;
                        let current = move || sim.past.with(|p| p.as_ref().is_some_and(|p| p.event == Some(index)));
                        let later = move || sim.past.with(|p| p.as_ref().is_some_and(|p| at > p.at_ms));
                        let object = object_label(&e);
                        let count = (e.count > 1).then(|| format!(" ×{}", e.count));
                        view! {
                            <li class="timeline-item" class:warning=e.warning class:later=later>
                                <button
                                    type="button"
                                    class="timeline-event"
                                    data-testid="timeline-event"
                                    data-at=at.to_string()
                                    data-reason=e.reason.clone()
                                    data-type=if e.warning { "Warning" } else { "Normal" }
                                    aria-pressed=move || current().to_string()
                                    on:click=move |_| sim.look_back(at, Some(index))
                                >
                                    <span class="ev-time">
                                        <span class="visually-hidden">{move || lang.t(Msg::EventTime)} ": "</span>
                                        {elapsed_text(at)}
                                    </span>
                                    <span class="ev-type">
                                        {if e.warning {
                                            view! { <span aria-hidden="true">"⚠ "</span> {move || lang.t(Msg::WarningEvent)} }.into_any()
                                        } else {
                                            view! { <span class="visually-hidden">{move || lang.t(Msg::NormalEvent)}</span> }.into_any()
                                        }}
                                    </span>
                                    <span class="ev-reason">{e.reason.clone()}</span>
                                    <span class="ev-object">{object}</span>
                                    <span class="ev-message">{e.message.clone()} {count}</span>
                                </button>
                            </li>
                        }
                    }
                />
            </ol>
            <Show when=move || { hidden() > 0 }>
                <p class="timeline-more">
                    <span data-testid="timeline-shown">
                        {move || format!("{} / {} {}", page.with(|p| p.len()), rows.with(|r| r.len()), lang.t(Msg::EventsShown))}
                    </span>
                    " "
                    <button type="button" data-testid="timeline-more" on:click=move |_| shown.update(|n| *n += EVENTS_PAGE)>
                        {move || lang.t(Msg::ShowMoreEvents)}
                    </button>
                </p>
            </Show>
        </div>
    }
}
