//! A disclosure menu: a button that shows or hides a panel of controls right after it.
//! Escape or a click outside closes it (Escape gives focus back to the button); Tab walks
//! into the panel, which follows the button in the page's order. The panel is drawn over
//! the page, never beside it, so opening it moves nothing, and it stays inside the window.

use crate::context::UiLang;
use crate::i18n::Msg;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// `id` names the panel (`{id}-panel`) and the test hooks (`{id}-button`, `{id}-panel`).
/// `label` is the button's word; `icon_path` an SVG path drawn before it.
#[component]
pub fn Menu(
    id: &'static str,
    label: Msg,
    #[prop(optional)] icon_path: Option<&'static str>,
    /// Show only the icon (the word stays the button's accessible name and tooltip).
    #[prop(optional)]
    compact: bool,
    #[prop(optional)] class: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let open = RwSignal::new(false);
    let root = NodeRef::<leptos::html::Div>::new();
    let button = NodeRef::<leptos::html::Button>::new();
    // A click outside the menu closes it.
    let outside = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let inside = target.as_ref().zip(root.get_untracked()).is_some_and(|(t, r)| r.contains(Some(t)));
        // A dialog opened from the menu (the shortcut sheet) sits above it: its clicks keep
        // the menu open, so focus can come back to the button that opened it.
        let in_dialog = target
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.closest("dialog").ok().flatten().is_some());
        if in_dialog {
            return;
        }
        if !inside {
            open.set(false);
        }
    });
    on_cleanup(move || outside.remove());
    let panel_id = format!("{id}-panel");
    view! {
        <div class=format!("menu {class}") node_ref=root
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" && open.get_untracked() {
                    ev.prevent_default();
                    ev.stop_propagation();
                    open.set(false);
                    if let Some(b) = button.get_untracked() {
                        let _ = b.focus();
                    }
                }
            }
        >
            <button
                type="button"
                class="menu-button tool"
                class:compact=compact
                node_ref=button
                data-testid=format!("{id}-button")
                aria-expanded=move || open.get().to_string()
                aria-controls=panel_id.clone()
                aria-label=move || compact.then(|| lang.t(label))
                data-tip=move || compact.then(|| lang.t(label))
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {icon_path.map(|p| view! { <crate::components::icons::Icon path=p /> })}
                <span class="tool-label">{move || lang.t(label)}</span>
                <span class="menu-caret" aria-hidden="true">"▾"</span>
            </button>
            <div class="menu-panel" id=panel_id data-testid=format!("{id}-panel") hidden=move || !open.get()>
                {children()}
            </div>
        </div>
    }
}
