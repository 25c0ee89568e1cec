//! A separator that resizes the panes on its two sides: dragged with a mouse, a pen or a
//! finger (pointer events), or moved with the arrow keys (Home and End go to the limits).
//! Its value is the first pane's share, in whole percent.

use crate::context::{PaneSizes, UiLang};
use crate::i18n::Msg;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The element's offset from the document's origin, and its size: (left, top, width, height).
fn page_box(id: &str) -> Option<(f64, f64, f64, f64)> {
    let el = document().get_element_by_id(id)?.dyn_into::<web_sys::HtmlElement>().ok()?;
    let (w, h) = (el.offset_width() as f64, el.offset_height() as f64);
    let (mut left, mut top) = (0.0, 0.0);
    let mut cur = Some(el);
    while let Some(e) = cur {
        left += e.offset_left() as f64;
        top += e.offset_top() as f64;
        cur = e.offset_parent().and_then(|p| p.dyn_into::<web_sys::HtmlElement>().ok());
    }
    Some((left, top, w, h))
}

/// The value a key moves to, or `None` for other keys.
pub fn key_value(key: &str, value: u32, min: u32, max: u32) -> Option<u32> {
    let v = match key {
        "ArrowLeft" | "ArrowUp" => value.saturating_sub(PaneSizes::STEP),
        "ArrowRight" | "ArrowDown" => value + PaneSizes::STEP,
        "PageUp" => value.saturating_sub(PaneSizes::STEP * 5),
        "PageDown" => value + PaneSizes::STEP * 5,
        "Home" => min,
        "End" => max,
        _ => return None,
    };
    Some(v.clamp(min, max))
}

#[component]
pub fn Splitter(
    testid: &'static str,
    label: Msg,
    /// Id of the pane it resizes (the first one).
    controls: &'static str,
    /// Id of the element both panes share, measured while dragging.
    container: &'static str,
    /// A vertical bar between panes side by side (else a horizontal one between panes
    /// above and below).
    vertical: bool,
    min: u32,
    max: u32,
    value: Signal<u32>,
    set: Callback<u32>,
) -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let dragging = RwSignal::new(false);
    let from_pointer = move |ev: &leptos::ev::PointerEvent| {
        let Some((left, top, w, h)) = page_box(container) else { return };
        let (pos, start, len) = if vertical { (ev.page_x() as f64, left, w) } else { (ev.page_y() as f64, top, h) };
        if len <= 0.0 {
            return;
        }
        let pct = ((pos - start) / len * 100.0).round().clamp(min as f64, max as f64) as u32;
        if pct != value.get_untracked() {
            set.run(pct);
        }
    };
    view! {
        <div
            class="splitter"
            class:splitter-v=vertical
            class:splitter-h=!vertical
            class:dragging=move || dragging.get()
            data-testid=testid
            role="separator"
            tabindex="0"
            aria-orientation=if vertical { "vertical" } else { "horizontal" }
            aria-controls=controls
            aria-label=move || lang.t(label)
            aria-valuemin=min.to_string()
            aria-valuemax=max.to_string()
            aria-valuenow=move || value.get().to_string()
            aria-valuetext=move || format!("{}%", value.get())
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if let Some(v) = key_value(&ev.key(), value.get_untracked(), min, max) {
                    ev.prevent_default();
                    set.run(v);
                }
            }
            on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                if ev.button() != 0 {
                    return;
                }
                ev.prevent_default();
                if let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                    let _ = el.set_pointer_capture(ev.pointer_id());
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
                dragging.set(true);
            }
            on:pointermove=move |ev: leptos::ev::PointerEvent| {
                if dragging.get_untracked() {
                    from_pointer(&ev);
                }
            }
            on:pointerup=move |ev: leptos::ev::PointerEvent| {
                if dragging.get_untracked() {
                    from_pointer(&ev);
                    dragging.set(false);
                }
            }
            on:pointercancel=move |_| dragging.set(false)
            on:lostpointercapture=move |_| dragging.set(false)
        >
            <span class="splitter-grip" aria-hidden="true"></span>
        </div>
    }
}
