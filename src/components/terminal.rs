//! The terminal: kubesim's kubectl with a prompt, output that keeps kubectl's columns, and
//! history with ↑/↓.

use crate::app::UiLang;
use crate::i18n::Msg;
use crate::sim::Sim;
use leptos::prelude::*;

#[component]
pub fn TerminalPanel() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    let entries = sim.terminal;
    let input = RwSignal::new(String::new());
    let history = StoredValue::new(Vec::<String>::new());
    let cursor = StoredValue::new(0usize);
    let out_ref = NodeRef::<leptos::html::Div>::new();

    let submit = move || {
        let line = input.get_untracked();
        input.set(String::new());
        if line.trim() == "clear" {
            sim.clear_terminal();
            return;
        }
        if !line.trim().is_empty() {
            history.update_value(|h| h.push(line.clone()));
        }
        cursor.set_value(history.with_value(|h| h.len()));
        sim.run_logged(&line);
    };
    // Keep the newest output in view, whoever ran the command.
    Effect::new(move |_| {
        entries.track();
        if let Some(el) = out_ref.get() {
            el.set_scroll_top(el.scroll_height());
        }
    });

    view! {
        <section class="panel terminal" aria-labelledby="terminal-title">
            <div class="panel-head">
                <h2 id="terminal-title">{move || lang.t(Msg::Terminal)}</h2>
            </div>
            <div class="term-output" node_ref=out_ref data-testid="terminal-output" role="log" aria-live="polite">
                <For
                    each=move || entries.get()
                    key=|e| (e.id, e.stdout.len())
                    children=move |e| {
                        view! {
                            <div class="term-entry">
                                <pre class="term-line">"$ " {e.line}</pre>
                                <pre class="term-stdout">{e.stdout}</pre>
                                <pre class="term-stderr">{e.stderr}</pre>
                            </div>
                        }
                    }
                />
            </div>
            <form
                class="term-input"
                on:submit=move |ev| {
                    ev.prevent_default();
                    submit();
                }
            >
                <span class="prompt" aria-hidden="true">"$"</span>
                <input
                    type="text"
                    data-testid="terminal-input"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    aria-label=move || lang.t(Msg::TerminalInput)
                    placeholder=move || lang.t(Msg::TerminalPrompt)
                    prop:value=move || input.get()
                    on:input=move |ev| input.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        let key = ev.key();
                        if ev.ctrl_key() && (key == "c" || key == "C") && input.get_untracked().is_empty() {
                            // Ctrl+C with nothing typed stops a running `kubectl get -w`.
                            ev.prevent_default();
                            sim.interrupt();
                            return;
                        }
                        if key != "ArrowUp" && key != "ArrowDown" {
                            return;
                        }
                        ev.prevent_default();
                        let len = history.with_value(|h| h.len());
                        let mut c = cursor.get_value();
                        if key == "ArrowUp" {
                            c = c.saturating_sub(1);
                        } else if c < len {
                            c += 1;
                        }
                        cursor.set_value(c);
                        input.set(history.with_value(|h| h.get(c).cloned().unwrap_or_default()));
                    }
                />
            </form>
        </section>
    }
}
