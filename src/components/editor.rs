//! The YAML editor: one tab per lesson file, line numbers, Apply (and Ctrl+Enter), reset,
//! errors shown at their line in the student's language. A failed apply never touches the
//! student's text.

use crate::app::UiLang;
use crate::editor_state::EditorState;
use crate::i18n::{apply_error, Msg};
use crate::sim::Sim;
use kubesim::ApplyError;
use leptos::prelude::*;

/// The outcome of the last Apply, as plain data.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    None,
    Applied(Vec<String>),
    Failed { line: usize, column: usize, error: ApplyError },
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
    let apply = move || {
        let (name, text) = ed.current_file();
        match sim.apply(&name, &text) {
            Ok(outcomes) => outcome.set(Outcome::Applied(outcomes.iter().map(|o| o.line()).collect())),
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
    let error_line = move || match outcome.get() {
        Outcome::Failed { line, .. } => line,
        _ => 0,
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
                                    on:click=move |_| select(i)
                                >
                                    {name}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </div>
            <div class="editor-body">
                <div class="gutter" aria-hidden="true">
                    {move || {
                        let err = error_line();
                        (1..=line_count.get())
                            .map(|n| view! { <div class="ln" class:error-line=n == err>{n}</div> })
                            .collect_view()
                    }}
                </div>
                <textarea
                    data-testid="editor"
                    class="code"
                    spellcheck="false"
                    autocomplete="off"
                    wrap="off"
                    aria-label=move || format!("{} {}", lang.t(Msg::Editor), current_name())
                    aria-describedby="apply-result"
                    prop:value=move || shown.get()
                    on:input=move |ev| ed.edit(event_target_value(&ev))
                    on:scroll=move |ev| {
                        // Keep the line numbers beside their lines.
                        use wasm_bindgen::JsCast;
                        if let Some(t) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                            if let Some(g) = t.previous_element_sibling() {
                                g.set_scroll_top(t.scroll_top());
                            }
                        }
                    }
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                            ev.prevent_default();
                            apply();
                        }
                    }
                ></textarea>
            </div>
            <div class="editor-actions">
                <button type="button" class="primary" data-testid="apply" on:click=move |_| apply() title=move || lang.t(Msg::ApplyShortcut)>
                    {move || lang.t(Msg::Apply)}
                </button>
                <button type="button" class="secondary" on:click=move |_| reset()>
                    {move || lang.t(Msg::ResetFile)}
                </button>
                <span class="shortcut">{move || lang.t(Msg::ApplyShortcut)}</span>
            </div>
            <div id="apply-result" data-testid="apply-result" class="apply-result" role="status" aria-live="polite">
                {move || match outcome.get() {
                    Outcome::None => ().into_any(),
                    Outcome::Applied(lines) => {
                        view! {
                            <div class="ok">
                                <span class="visually-hidden">{lang.t(Msg::ApplyOk)} ": "</span>
                                <pre>{lines.join("\n")}</pre>
                            </div>
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
                                <p class="real-message">
                                    <span>{lang.t(Msg::RealMessage)}</span>
                                    " "
                                    <code>{real}</code>
                                </p>
                            </div>
                        }
                            .into_any()
                    }
                }}
            </div>
        </section>
    }
}
