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
    // The text being searched for with Ctrl+R, while a search is on.
    let search = RwSignal::new(None::<String>);
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
                    disabled=move || sim.looking_back()
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    aria-label=move || lang.t(Msg::TerminalInput)
                    placeholder=move || match search.get() {
                        Some(n) => format!("(reverse-i-search)`{n}'"),
                        None => lang.t(Msg::TerminalPrompt).to_string(),
                    }
                    prop:value=move || input.get()
                    on:input=move |ev| input.set(event_target_value(&ev))
                    on:paste=move |ev: leptos::ev::ClipboardEvent| {
                        // Several lines pasted at once run in order, as in a shell.
                        let Some(text) = ev.clipboard_data().and_then(|d| d.get_data("text").ok()) else { return };
                        if !text.trim_end().contains('\n') {
                            return;
                        }
                        ev.prevent_default();
                        let before = input.get_untracked();
                        input.set(String::new());
                        let all = format!("{before}{text}");
                        for l in all.lines().filter(|l| !l.trim().is_empty()) {
                            history.update_value(|h| h.push(l.to_string()));
                        }
                        cursor.set_value(history.with_value(|h| h.len()));
                        sim.run_pasted(&all);
                    }
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        let key = ev.key();
                        if key == "Tab" && !ev.shift_key() {
                            let line = input.get_untracked();
                            if line.trim().is_empty() {
                                // An empty prompt lets Tab move focus on, for keyboard users.
                                return;
                            }
                            ev.prevent_default();
                            let candidates = sim.complete(&line);
                            let word_start = if line.ends_with(' ') { line.len() } else { line.rfind(' ').map_or(0, |i| i + 1) };
                            let typed = &line[word_start..];
                            match candidates.as_slice() {
                                [] => {}
                                [one] => {
                                    let sep = if one.ends_with('=') { "" } else { " " };
                                    input.set(format!("{}{one}{sep}", &line[..word_start]));
                                }
                                many => {
                                    let common = kubesim::complete::common_prefix(many);
                                    if common.len() > typed.len() {
                                        input.set(format!("{}{common}", &line[..word_start]));
                                    } else {
                                        sim.show_candidates(&line, many);
                                    }
                                }
                            }
                            return;
                        }
                        if ev.ctrl_key() && (key == "r" || key == "R") {
                            // Reverse search: the newest earlier command containing the text.
                            ev.prevent_default();
                            let needle = search.get_untracked().unwrap_or_else(|| input.get_untracked());
                            let from = cursor.get_value();
                            let found = history.with_value(|h| {
                                h[..from.min(h.len())].iter().enumerate().rev().find(|(_, l)| l.contains(&needle)).map(|(i, l)| (i, l.clone()))
                            });
                            search.set(Some(needle));
                            if let Some((i, l)) = found {
                                cursor.set_value(i);
                                input.set(l);
                            }
                            return;
                        }
                        search.set(None);
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
