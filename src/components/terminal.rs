//! The terminal: kubesim's kubectl with a prompt, output that keeps kubectl's columns, and
//! history with ↑/↓.

use crate::components::icons::{self, Icon};
use crate::context::{LayoutState, PanelTab, UiLang};
use crate::i18n::Msg;
use crate::sim::{Selected, Sim, TermNote};
use kubesim::{ClusterView, PodFilter};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// A piece of output: text as printed, or the name of an object in the cluster.
#[derive(Clone, Debug, PartialEq)]
pub enum Segment {
    Text(String),
    Name(String, Selected),
}

/// Name → the object it names: every node, and every pod (a name used in several
/// namespaces means its pod in `default`, else the first).
pub fn object_names(v: &ClusterView) -> BTreeMap<String, Selected> {
    let mut m = BTreeMap::new();
    for p in v.pods() {
        let better = match m.get(&p.name) {
            None => true,
            Some(Selected::Pod(ns, _)) => ns != "default" && p.namespace == "default",
            Some(Selected::Node(_)) => false,
        };
        if better {
            m.insert(p.name.clone(), Selected::Pod(p.namespace.clone(), p.name.clone()));
        }
    }
    for n in &v.nodes {
        m.insert(n.name.clone(), Selected::Node(n.name.clone()));
    }
    m
}

/// Splits output into text and object names. A name is a whole word of name characters
/// (`pod/web-0` and `kind-worker/172.18.0.3` hold one; a sentence's full stop is not part
/// of it). The segments' texts, joined, are the output unchanged.
pub fn linkify(text: &str, names: &BTreeMap<String, Selected>) -> Vec<Segment> {
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
    let mut out: Vec<Segment> = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest.find(is_name_char).unwrap_or(rest.len());
        plain.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(|c: char| !is_name_char(c)).unwrap_or(rest.len());
        let word = &rest[..end];
        let name = word.trim_end_matches('.');
        match names.get(name).filter(|_| !name.is_empty()) {
            Some(sel) => {
                if !plain.is_empty() {
                    out.push(Segment::Text(std::mem::take(&mut plain)));
                }
                out.push(Segment::Name(name.to_string(), sel.clone()));
                plain.push_str(&word[name.len()..]);
            }
            None => plain.push_str(word),
        }
        rest = &rest[end..];
    }
    if !plain.is_empty() {
        out.push(Segment::Text(plain));
    }
    out
}

/// Whether output is one of kubectl's tables (`get`, `get -o wide`, `top`, events): its
/// first line is a header of capitalised columns two spaces apart. Only a table widens the
/// terminal by itself; `describe` and logs wrap nothing and scroll as they are.
pub fn is_table(stdout: &str) -> bool {
    let Some(head) = stdout.lines().next() else { return false };
    let head = head.trim_end();
    !head.is_empty() && head.contains("  ") && head.starts_with(|c: char| c.is_ascii_uppercase()) && !head.chars().any(|c| c.is_lowercase())
}

/// A pod's or node's name in the output: activating it selects its card in the cluster view,
/// brings the card into view and focuses it. The text stays exactly as printed.
#[component]
fn NameLink(text: String, sel: Selected) -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    let layout = expect_context::<LayoutState>();
    let sel = StoredValue::new(sel);
    let activate = move || {
        let sel = sel.get_value();
        if let Selected::Pod(ns, name) = &sel {
            // A pod the workload filter hides is shown again.
            let hidden = sim.view.with_untracked(|v| {
                let filter = layout.pod_filter.get_untracked();
                v.pods().any(|p| &p.namespace == ns && &p.name == name && !filter.admits(p))
            });
            if hidden {
                layout.pod_filter.set(PodFilter::All);
            }
        }
        if layout.narrow.get_untracked() {
            layout.tab.set(PanelTab::Cluster);
        }
        sim.selected.set(Some(sel.clone()));
        request_animation_frame(move || focus_card(&sel));
    };
    let kind = match sel.get_value() {
        Selected::Pod(..) => "pod",
        Selected::Node(_) => "node",
    };
    view! {
        <span
            class="term-name"
            role="button"
            tabindex="0"
            data-testid="term-name"
            data-kind=kind
            title=move || lang.t(Msg::SelectInCluster)
            on:click=move |_| activate()
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    activate();
                }
            }
        >
            {text}
        </span>
    }
}

/// Brings the selected object's card into view and focuses it (a node: its name button).
fn focus_card(sel: &Selected) {
    use wasm_bindgen::JsCast;
    let selector = match sel {
        Selected::Pod(ns, name) => format!("[data-testid=\"pod-card\"][data-pod=\"{name}\"][data-namespace=\"{ns}\"]"),
        Selected::Node(name) => format!("[data-testid=\"node-card\"][data-node=\"{name}\"] [data-testid=\"node-describe\"]"),
    };
    if let Some(el) = document().query_selector(&selector).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        // Focusing scrolls the card (and the panel it is in) into view.
        let _ = el.focus();
    }
}

#[component]
pub fn TerminalPanel() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    let entries = sim.terminal;
    let input = RwSignal::new(String::new());
    // ↑ walks back through the lines run so far (restored ones included).
    let history = StoredValue::new(sim.terminal.with_untracked(|t| t.iter().map(|e| e.line.clone()).collect::<Vec<_>>()));
    let cursor = StoredValue::new(history.with_value(|h| h.len()));
    // The text being searched for with Ctrl+R, while a search is on.
    let search = RwSignal::new(None::<String>);
    let out_ref = NodeRef::<leptos::html::Div>::new();
    // Pods and nodes of the cluster as it is now: their names in the output select them.
    let names = Memo::new(move |_| sim.view.with(object_names));

    let submit = move || {
        let line = input.get_untracked();
        input.set(String::new());
        if line.trim() == "clear" {
            sim.clear_terminal();
            return;
        }
        // In a container's shell, `help` is the shell's.
        if crate::sim::asks_for_help(&line) && sim.shell_prompt.get_untracked().is_none() {
            history.update_value(|h| h.push(line.clone()));
            cursor.set_value(history.with_value(|h| h.len()));
            sim.show_help(&line);
            return;
        }
        if !line.trim().is_empty() {
            history.update_value(|h| h.push(line.clone()));
        }
        cursor.set_value(history.with_value(|h| h.len()));
        sim.run_logged(&line);
    };
    let layout = expect_context::<LayoutState>();
    let prefs = expect_context::<crate::components::prefs::UiPrefs>();
    // Keep the newest output in view, whoever ran the command; and when it is a table wider
    // than the terminal (`kubectl get pods -o wide`: its NODE column is the point), give the
    // terminal the editor's room too, unless the student is in the editor. Once drawn: only
    // then is its width known.
    Effect::new(move |prev: Option<(usize, usize)>| {
        let n = entries.with(|e| e.last().map_or((0, 0), |e| (e.id, e.stdout.len())));
        if let Some(el) = out_ref.get() {
            el.set_scroll_top(el.scroll_height());
        }
        if prev.is_some_and(|p| p != n) {
            request_animation_frame(move || {
                let Some(el) = out_ref.get_untracked() else { return };
                let Some(last) = el.query_selector(".term-entry:last-child").ok().flatten() else { return };
                let table = entries.with_untracked(|e| e.last().is_some_and(|e| is_table(&e.stdout)));
                let wide = table && last.scroll_width() > el.client_width();
                let in_editor = document().active_element().is_some_and(|a| a.closest("#slot-editor").ok().flatten().is_some());
                let room = !layout.narrow.get_untracked() && !prefs.0.with_untracked(|p| p.projection);
                if wide && room && !in_editor && !layout.wide_terminal.get_untracked() {
                    layout.wide_terminal.set(true);
                }
            });
        }
        n
    });

    view! {
        <section class="panel terminal" aria-labelledby="terminal-title">
            <div class="panel-head">
                <h2 id="terminal-title">{move || lang.t(Msg::Terminal)}</h2>
                <Show when=move || !layout.narrow.get() && !prefs.0.with(|p| p.projection)>
                    <button
                        type="button"
                        class="tool wide-toggle"
                        data-testid="terminal-wide"
                        aria-pressed=move || layout.wide_terminal.get().to_string()
                        aria-keyshortcuts="W"
                        data-tip=move || format!("{} · W", lang.t(Msg::WideTerminal))
                        on:click=move |_| layout.wide_terminal.update(|w| *w = !*w)
                    >
                        <Icon path=icons::WIDE />
                        <span class="tool-label">{move || lang.t(Msg::WideTerminal)}</span>
                        <kbd class="key-hint" aria-hidden="true">"W"</kbd>
                    </button>
                </Show>
            </div>
            <div
                class="term-output"
                node_ref=out_ref
                data-testid="terminal-output"
                role="log"
                aria-live="polite"
                aria-labelledby="terminal-title"
                tabindex="0"
            >
                <For
                    each=move || entries.get()
                    key=|e| (e.id, e.stdout.len())
                    children=move |e| {
                        let stdout = e.stdout;
                        view! {
                            <div class="term-entry">
                                <pre class="term-line">{e.prompt} {e.line}</pre>
                                <pre class="term-stdout">
                                    {move || {
                                        names.with(|names| linkify(&stdout, names))
                                            .into_iter()
                                            .map(|seg| match seg {
                                                Segment::Text(t) => t.into_any(),
                                                Segment::Name(t, sel) => view! { <NameLink text=t sel /> }.into_any(),
                                            })
                                            .collect_view()
                                    }}
                                </pre>
                                <pre class="term-stderr">{e.stderr}</pre>
                                {e.note.map(|n| {
                                    let m = match n {
                                        TermNote::Help => Msg::TerminalHelp,
                                        TermNote::AfterKubectlHelp => Msg::AfterKubectlHelp,
                                    };
                                    view! { <pre class="term-note" data-testid="term-note" lang=move || lang.0.get().code()>{move || lang.t(m)}</pre> }
                                })}
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
                <span class="prompt" aria-hidden="true" data-testid="terminal-prompt">
                    {move || sim.shell_prompt.get().map_or_else(|| "$".to_string(), |p| p.trim_end().to_string())}
                </span>
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
                            // Completion knows kubectl's words, not a container shell's.
                            if line.trim().is_empty() || sim.shell_prompt.get_untracked().is_some() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> BTreeMap<String, Selected> {
        let mut m = BTreeMap::new();
        m.insert("web-0".into(), Selected::Pod("default".into(), "web-0".into()));
        m.insert("kind-worker".into(), Selected::Node("kind-worker".into()));
        m
    }

    fn joined(segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| match s {
                Segment::Text(t) | Segment::Name(t, _) => t.as_str(),
            })
            .collect()
    }

    #[test]
    fn names_in_output_become_segments_and_the_text_is_unchanged() {
        let out = "NAME    READY   STATUS    RESTARTS   AGE   IP           NODE\nweb-0   1/1     Running   0          10s   10.244.1.2   kind-worker\nweb-01  1/1     Running   0          10s   10.244.1.3   kind-worker2\n";
        let segs = linkify(out, &names());
        assert_eq!(joined(&segs), out);
        let linked: Vec<&str> = segs.iter().filter_map(|s| if let Segment::Name(t, _) = s { Some(t.as_str()) } else { None }).collect();
        assert_eq!(linked, ["web-0", "kind-worker"], "whole words only: not web-01 nor kind-worker2");
    }

    #[test]
    fn only_kubectl_tables_count_as_tables() {
        assert!(is_table("NAME    READY   STATUS    RESTARTS   AGE   IP   NODE   NOMINATED NODE   READINESS GATES\nweb-0   1/1\n"));
        assert!(is_table("LAST SEEN   TYPE     REASON   OBJECT   MESSAGE\n"));
        assert!(!is_table("Name:         web-0\nNamespace:    default\n"));
        assert!(!is_table("daemonset.apps/nginx-ds created\n"));
        assert!(!is_table("No resources found in default namespace.\n"));
        assert!(!is_table(""));
    }

    #[test]
    fn names_after_a_slash_and_before_a_full_stop_are_found() {
        for (text, want) in [
            ("pod/web-0 created\n", vec!["web-0"]),
            ("Successfully assigned default/web-0 to kind-worker.\n", vec!["web-0", "kind-worker"]),
            ("Node:             kind-worker/172.18.0.3\n", vec!["kind-worker"]),
            ("nothing here\n", vec![]),
            ("", vec![]),
        ] {
            let segs = linkify(text, &names());
            assert_eq!(joined(&segs), text);
            let linked: Vec<&str> = segs.iter().filter_map(|s| if let Segment::Name(t, _) = s { Some(t.as_str()) } else { None }).collect();
            assert_eq!(linked, want, "{text}");
        }
    }
}
