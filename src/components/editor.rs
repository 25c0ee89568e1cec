//! The YAML editor: one tab per lesson file, line numbers, Apply (and Ctrl+Enter), reset,
//! errors shown at their line in the student's language. A failed apply never touches the
//! student's text.

use crate::context::UiLang;
use crate::editor_state::EditorState;
use crate::i18n::{apply_error, manifest_warning, Msg};
use crate::sim::Sim;
use kubesim::ApplyError;
use leptos::prelude::*;

/// The outcome of the last Apply, as plain data.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    None,
    Applied(Vec<String>, Vec<kubesim::ManifestWarning>),
    /// Checked while typing (not applied): the manifest would apply, with these warnings.
    Checked(Vec<kubesim::ManifestWarning>),
    Failed { line: usize, column: usize, error: ApplyError },
}

/// Scrolls the highlighted editor so that `line` (1-based) is in view, if it is not.
fn reveal_line(line: usize) {
    use wasm_bindgen::JsCast;
    if line == 0 {
        return;
    }
    let Some(ta) = document()
        .query_selector(".code-stack textarea")
        .ok()
        .flatten()
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let lh = window()
        .get_computed_style(&ta)
        .ok()
        .flatten()
        .and_then(|cs| cs.get_property_value("line-height").ok())
        .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
        .unwrap_or(19.0);
    let top = (line as f64 - 1.0) * lh;
    let (scroll, height) = (f64::from(ta.scroll_top()), f64::from(ta.client_height()));
    if top < scroll || top + lh > scroll + height - 8.0 {
        ta.set_scroll_top((top - height / 3.0).max(0.0) as i32);
    }
}

/// Inserts two spaces at the caret, as typing them would (undo keeps working in browsers that
/// support `insertText`).
fn insert_spaces(ev: &leptos::ev::KeyboardEvent, ed: EditorState) {
    use wasm_bindgen::JsCast;
    let Some(ta) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) else { return };
    let value = ta.value();
    let start = ta.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = ta.selection_end().ok().flatten().unwrap_or(start as u32) as usize;
    // Selection offsets are UTF-16 code units.
    let units: Vec<u16> = value.encode_utf16().collect();
    let (start, end) = (start.min(units.len()), end.min(units.len()).max(start.min(units.len())));
    let mut new_units = units[..start].to_vec();
    new_units.extend("  ".encode_utf16());
    new_units.extend_from_slice(&units[end..]);
    let new_value = String::from_utf16_lossy(&new_units);
    ta.set_value(&new_value);
    let caret = (start + 2) as u32;
    let _ = ta.set_selection_range(caret, caret);
    ed.edit(new_value);
}

/// The file tabs follow the ARIA tabs pattern: one Tab stop (the open file), and the arrow
/// keys, Home and End open and focus another file.
fn tab_key(ev: &leptos::ev::KeyboardEvent, i: usize, select: impl Fn(usize)) {
    use wasm_bindgen::JsCast;
    let Some(tab) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let Some(tabs) = tab.parent_element().and_then(|l| l.query_selector_all("[role=tab]").ok()) else { return };
    let n = tabs.length() as usize;
    if n == 0 {
        return;
    }
    let to = match ev.key().as_str() {
        "ArrowRight" | "ArrowDown" => (i + 1) % n,
        "ArrowLeft" | "ArrowUp" => (i + n - 1) % n,
        "Home" => 0,
        "End" => n - 1,
        _ => return,
    };
    ev.prevent_default();
    select(to);
    if let Some(t) = tabs.item(to as u32).and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = t.focus();
    }
}

#[component]
pub fn EditorPanel() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    let ed = expect_context::<EditorState>();
    let outcome = RwSignal::new(Outcome::None);
    let current = ed.current;
    let shown = ed.shown;
    let line_count = ed.line_count;
    let current_name = move || ed.current_name();
    let gutter_ref = NodeRef::<leptos::html::Div>::new();
    let highlight_ref = NodeRef::<leptos::html::Pre>::new();
    // Tab indents while typing; after Escape it moves focus on, until the editor is entered again.
    let tab_indents = RwSignal::new(true);
    // Bumped on every keystroke (and by Apply); a pending check runs only if nothing came
    // after it.
    let typed = StoredValue::new(0u64);
    let apply = move || {
        typed.update_value(|g| *g += 1);
        let (name, text) = ed.current_file();
        // `None` while looking back at the past: the banner says why.
        let Some(result) = sim.apply(&name, &text) else { return };
        match result {
            Ok(applied) => outcome.set(Outcome::Applied(applied.outcomes.iter().map(|o| o.line()).collect(), applied.warnings)),
            Err(e) => {
                let (line, column) = match &e {
                    ApplyError::Manifest(m) => (m.line, m.column),
                    ApplyError::NamespaceNotFound { .. } => (0, 0),
                };
                outcome.set(Outcome::Failed { line, column, error: e });
                // The error's line comes into the editor's view, with its marker.
                request_animation_frame(move || reveal_line(line));
            }
        }
    };
    let check = move || {
        let (_, text) = ed.current_file();
        match sim.check(&text) {
            Ok(warnings) => outcome.set(Outcome::Checked(warnings)),
            Err(e) => {
                let (line, column) = match &e {
                    ApplyError::Manifest(m) => (m.line, m.column),
                    ApplyError::NamespaceNotFound { .. } => (0, 0),
                };
                outcome.set(Outcome::Failed { line, column, error: e });
            }
        }
    };
    let select = move |i: usize| {
        ed.select(i);
        outcome.set(Outcome::None);
    };
    let reset = move || {
        ed.reset();
        outcome.set(Outcome::None);
    };
    // A file replaced from outside (lesson switch, YAML loaded from the lesson text) makes the
    // last outcome stale.
    Effect::new(move |_| {
        shown.track();
        outcome.set(Outcome::None);
    });
    let on_input = move |ev: leptos::ev::Event| {
        ed.edit(event_target_value(&ev));
        // Check what was typed once the student pauses (debounced).
        let generation = typed.get_value() + 1;
        typed.set_value(generation);
        set_timeout(
            move || {
                if typed.get_value() == generation {
                    check();
                }
            },
            std::time::Duration::from_millis(500),
        );
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            apply();
        } else if ev.key() == "Tab" && !ev.shift_key() && !ev.ctrl_key() && !ev.alt_key() && !ev.meta_key() && tab_indents.get_untracked() {
            // Tab indents by two spaces (YAML has no tabs). Escape first lets
            // Tab leave the editor, as keyboard users expect.
            ev.prevent_default();
            insert_spaces(&ev, ed);
        } else if ev.key() == "Escape" {
            tab_indents.set(false);
        }
    };
    let plain = ed.plain;
    let error_line = move || match outcome.get() {
        Outcome::Failed { line, .. } => line,
        _ => 0,
    };
    let body_ref = NodeRef::<leptos::html::Div>::new();
    // What the marker at the error's line says on hover or focus: the student's message.
    let error_message = move || match outcome.get() {
        Outcome::Failed { error, .. } => apply_error(lang.0.get(), &error),
        _ => String::new(),
    };
    // The marker puts the caret at the start of the error's line.
    let go_to_error = move || {
        use wasm_bindgen::JsCast;
        let line = error_line();
        let Some(ta) = body_ref
            .get_untracked()
            .and_then(|b| b.query_selector("textarea").ok().flatten())
            .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        else {
            return;
        };
        let text = ta.value();
        let offset: usize = text.split('\n').take(line.saturating_sub(1)).map(|l| l.encode_utf16().count() + 1).sum();
        let _ = ta.focus();
        let _ = ta.set_selection_range(offset as u32, offset as u32);
    };

    view! {
        <section class="panel editor" aria-labelledby="editor-title">
            <div class="panel-head">
                <h2 id="editor-title">{move || lang.t(Msg::Editor)}</h2>
                <div class="tabs" role="tablist" aria-label=move || lang.t(Msg::Files)>
                    {move || ed.names
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, name)| {
                            view! {
                                <button
                                    type="button"
                                    role="tab"
                                    class="tab"
                                    aria-selected=move || (current.get() == i).to_string()
                                    tabindex=move || if current.get() == i { "0" } else { "-1" }
                                    on:click=move |_| select(i)
                                    on:keydown=move |ev: leptos::ev::KeyboardEvent| tab_key(&ev, i, select)
                                >
                                    {name}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </div>
            <div class="editor-actions">
                <button type="button" class="primary" data-testid="apply" on:click=move |_| apply() disabled=move || sim.looking_back() title=move || lang.t(Msg::ApplyShortcut) aria-keyshortcuts="Control+Enter">
                    {move || lang.t(Msg::Apply)}
                </button>
                <kbd class="key-hint apply-key" aria-hidden="true">{move || lang.t(Msg::KeyCtrlEnter)}</kbd>
                <button type="button" class="secondary" on:click=move |_| reset()>
                    {move || lang.t(Msg::ResetFile)}
                </button>
                <button
                    type="button"
                    class="secondary plain-toggle tool"
                    data-testid="plain-toggle"
                    aria-pressed=move || plain.get().to_string()
                    aria-label=move || lang.t(Msg::PlainEditor)
                    data-tip=move || lang.t(Msg::PlainEditor)
                    on:click=move |_| plain.update(|p| *p = !*p)
                >
                    <crate::components::icons::Icon path=crate::components::icons::EDITOR />
                    <span class="tool-label">{move || lang.t(Msg::PlainEditor)}</span>
                </button>
            </div>
            {move || {
                if plain.get() {
                    view! {
                        <div class="plain-editor">
                            <label for="editor-plain" class="plain-label">
                                {move || format!("{}: {}", lang.t(Msg::Editor), current_name())}
                            </label>
                            <textarea
                                id="editor-plain"
                                data-testid="editor"
                                class="plain-code"
                                data-mode="plain"
                                spellcheck="false"
                                autocomplete="off"
                                wrap="off"
                                aria-describedby="editor-problems apply-result"
                                on:focus=move |_| tab_indents.set(true)
                                prop:value=move || {
                                    shown.track();
                                    ed.current_file().1
                                }
                                on:input=on_input
                                on:keydown=on_keydown
                            ></textarea>
                            <ProblemList outcome />
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <div
                            class="editor-body"
                            node_ref=body_ref
                            style:--err-line=move || { let l = error_line(); (l > 0).then(|| l.to_string()) }
                        >
                            <div class="gutter" aria-hidden="true" node_ref=gutter_ref>
                                {move || {
                                    let err = error_line();
                                    (1..=line_count.get())
                                        .map(|n| view! { <div class="ln" class:error-line=n == err>{n}</div> })
                                        .collect_view()
                                }}
                            </div>
                            <Show when=move || { error_line() > 0 }>
                                <button
                                    type="button"
                                    class="error-marker"
                                    data-testid="error-marker"
                                    data-line=move || error_line().to_string()
                                    aria-describedby="error-tip"
                                    aria-label=move || format!("{} {}", lang.t(Msg::ErrorAt), error_line())
                                    on:click=move |_| go_to_error()
                                >
                                    <span aria-hidden="true">"▲"</span>
                                </button>
                                <span class="marker-tip" id="error-tip" role="tooltip" data-testid="error-tip">{error_message}</span>
                            </Show>
                            <div class="code-stack">
                                <div class="error-band" aria-hidden="true" hidden=move || error_line() == 0></div>
                                <pre class="highlight" aria-hidden="true" node_ref=highlight_ref inner_html=move || crate::highlight::yaml_html(&ed.live.get())></pre>
                                <textarea
                                    data-testid="editor"
                                    class="code"
                                    on:focus=move |_| tab_indents.set(true)
                                    spellcheck="false"
                                    autocomplete="off"
                                    wrap="off"
                                    aria-label=move || format!("{} {}", lang.t(Msg::Editor), current_name())
                                    aria-describedby="apply-result"
                                    prop:value=move || {
                                        shown.track();
                                        ed.current_file().1
                                    }
                                    on:input=on_input
                                    on:scroll=move |ev| {
                                        // Keep the line numbers and the highlighting beside their lines.
                                        use wasm_bindgen::JsCast;
                                        if let Some(t) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                                            if let Some(g) = gutter_ref.get_untracked() {
                                                g.set_scroll_top(t.scroll_top());
                                            }
                                            if let Some(h) = highlight_ref.get_untracked() {
                                                h.set_scroll_top(t.scroll_top());
                                                h.set_scroll_left(t.scroll_left());
                                            }
                                            if let Some(b) = body_ref.get_untracked() {
                                                let _ = web_sys::HtmlElement::style(&b).set_property("--scroll-top", &format!("{}px", t.scroll_top()));
                                            }
                                        }
                                    }
                                    on:keydown=on_keydown
                                ></textarea>
                            </div>
                        </div>
                    }
                        .into_any()
                }
            }}
            <div id="apply-result" data-testid="apply-result" class="apply-result" role="status" aria-live="polite">
                {move || match outcome.get() {
                    Outcome::None => ().into_any(),
                    Outcome::Applied(_, _) | Outcome::Checked(_) => {
                        let l = lang.0.get();
                        let (lines, warnings) = match outcome.get() {
                            Outcome::Applied(lines, w) => (lines, w),
                            Outcome::Checked(w) => (Vec::new(), w),
                            _ => (Vec::new(), Vec::new()),
                        };
                        view! {
                            <Show when={
                                let has = !lines.is_empty();
                                move || has
                            }>
                                <div class="ok">
                                    <span class="visually-hidden">{lang.t(Msg::ApplyOk)} ": "</span>
                                    <pre>{lines.join("\n")}</pre>
                                </div>
                            </Show>
                            {warnings
                                .iter()
                                .map(|w| {
                                    view! {
                                        <p class="warning" data-testid="apply-warning" data-line=w.line>
                                            <span aria-hidden="true">"⚠ "</span>
                                            {format!("{} {}, {} {}: ", lang.t(Msg::WarningAt), w.line, lang.t(Msg::Column), w.column)}
                                            {manifest_warning(l, w)}
                                        </p>
                                    }
                                })
                                .collect_view()}
                        }
                            .into_any()
                    }
                    Outcome::Failed { line, column, error } => {
                        let source = current_name();
                        let student = apply_error(lang.0.get(), &error);
                        let real = error.api_message(&source);
                        view! {
                            <div class="error" data-testid="apply-error" data-line=line>
                                <p>
                                    <span class="error-icon" aria-hidden="true">"▲ "</span>
                                    {(line > 0)
                                        .then(|| format!("{} {line}, {} {column}: ", lang.t(Msg::ErrorAt), lang.t(Msg::Column)))}
                                    {student}
                                </p>
                                <details class="real-message" data-testid="real-message">
                                    <summary>{lang.t(Msg::RealMessage)}</summary>
                                    <code>{real}</code>
                                </details>
                            </div>
                        }
                            .into_any()
                    }
                }}
            </div>
        </section>
    }
}

/// The manifest's problems as a plain list (line: message), for the plain editor: the
/// textarea names it with `aria-describedby`.
#[component]
fn ProblemList(outcome: RwSignal<Outcome>) -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let items = move || {
        let l = lang.0.get();
        let line_prefix = |line: usize, what: Msg| {
            if line > 0 {
                format!("{} {line} ({}): ", lang.t(Msg::LineWord), lang.t(what))
            } else {
                format!("{}: ", lang.t(what))
            }
        };
        match outcome.get() {
            Outcome::None => None,
            Outcome::Failed { line, error, .. } => Some(vec![(line, "error", format!("{}{}", line_prefix(line, Msg::ErrorWord), apply_error(l, &error)))]),
            Outcome::Applied(_, w) | Outcome::Checked(w) => Some(
                w.iter()
                    .map(|w| (w.line, "warning", format!("{}{}", line_prefix(w.line, Msg::WarningWord), manifest_warning(l, w))))
                    .collect(),
            ),
        }
    };
    view! {
        <div id="editor-problems" class="editor-problems" data-testid="editor-problems">
            <h3 class="visually-hidden">{move || lang.t(Msg::ProblemsList)}</h3>
            {move || match items() {
                None => view! { <p class="muted">{lang.t(Msg::NotCheckedYet)}</p> }.into_any(),
                Some(list) if list.is_empty() => view! { <p class="ok">"✔ " {lang.t(Msg::NoProblems)}</p> }.into_any(),
                Some(list) => view! {
                    <ul>
                        {list
                            .into_iter()
                            .map(|(line, kind, text)| view! { <li class=kind data-line=line data-kind=kind>{text}</li> })
                            .collect_view()}
                    </ul>
                }
                    .into_any(),
            }}
        </div>
    }
}
