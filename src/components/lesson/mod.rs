//! The lesson pane: lesson and step navigation, the lesson's text with its code blocks
//! made actionable (YAML loads into the editor, commands run in the terminal), the
//! current step's goals ticking themselves, hints one at a time.

use crate::context::{Course, LayoutState, LessonNav, LessonProgress, UiLang};
use crate::editor_state::EditorState;
use crate::i18n::Msg;
use crate::sim::Sim;
use course::goals::{step_goals, StepStart};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

mod completion;
mod predict;
mod solution;

use completion::Completion;
use predict::{split_heading, Predicted};
use predict::Predictions;
use solution::SolutionSection;

#[component]
pub fn LessonPane() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let course = expect_context::<Course>();
    let sim = expect_context::<Sim>();
    let nav = expect_context::<LessonNav>();
    let editor = expect_context::<EditorState>();
    let progress = expect_context::<LessonProgress>().0;
    let layout = expect_context::<LayoutState>();
    let lessons = StoredValue::new(course.0.clone());
    // (lesson id, step id) of the step on screen: progress is kept under these.
    let step_key = Memo::new(move |_| {
        let (li, si) = (nav.lesson.get(), nav.step.get());
        lessons.with_value(|ls| {
            ls.get(li).and_then(|l| l.spec.steps.get(si).map(|s| (l.spec.id.to_string(), s.id.to_string()))).unwrap_or_default()
        })
    });
    let hints_shown = move || {
        let (l, s) = step_key.get();
        progress.with(|p| p.step(&l, &s).hints_shown)
    };
    let with_lesson = move |f: &dyn Fn(&course::Lesson) -> String| -> String {
        lessons.with_value(|ls| ls.get(nav.lesson.get()).map(f).unwrap_or_default())
    };
    let step_count = move || lessons.with_value(|ls| ls.get(nav.lesson.get()).map_or(0, |l| l.spec.steps.len()));

    // The step's start: the student on a step begins it, unless it began already in this
    // cluster; a visit in which nothing was run (reading ahead) begins nothing, so leaving
    // it forgets the start (`Progress::enter_step`, `Progress::leave_step`). A reload keeps it.
    let now_start = move || StepStart { at_ms: sim.now_ms.get_untracked(), commands: sim.activity.with_untracked(|a| a.commands.len()) };
    Effect::new(move |prev: Option<(String, String)>| {
        let key = step_key.get();
        progress.track();
        let now = now_start();
        let left = prev.filter(|p| *p != key && !p.0.is_empty());
        let changed = progress.with_untracked(|p| {
            let mut q = p.clone();
            let leave = left.as_ref().is_some_and(|(l, s)| q.leave_step(l, s, now));
            let enter = !key.0.is_empty() && q.enter_step(&key.0, &key.1, now);
            (leave || enter).then_some(q)
        });
        if let Some(q) = changed {
            progress.set(q);
        }
        key
    });
    let start = Memo::new(move |_| {
        let (l, s) = step_key.get();
        progress.with(|p| p.started(&l, &s))
    });
    // Goals are re-checked whenever the cluster view, the student's activity or the step's
    // start changes: each goal live, counted from the start (none before the step began).
    let goals = Memo::new(move |_| {
        sim.view.track();
        let activity = sim.activity.get();
        let start = start.get();
        let (li, si) = (nav.lesson.get(), nav.step.get());
        lessons.with_value(|ls| {
            let Some(step) = ls.get(li).and_then(|l| l.spec.steps.get(si)) else { return Vec::new() };
            let live = match start {
                Some(start) => sim.with_cluster(|c| step_goals(step, c, &activity, &start)),
                None => vec![false; step.goals.len()],
            };
            step.goals.iter().zip(live).map(|(g, m)| (g.id.to_string(), g.text, m)).collect::<Vec<_>>()
        })
    });
    // `once` goals met stay ticked, and the step is completed when every goal shows met.
    Effect::new(move |_| {
        let (l, _) = step_key.get();
        let live: Vec<bool> = goals.with(|g| g.iter().map(|x| x.2).collect());
        if start.get().is_none() || sim.looking_back() {
            return;
        }
        lessons.with_value(|ls| {
            let Some(step) = ls.get(nav.lesson.get_untracked()).and_then(|x| x.spec.steps.get(nav.step.get_untracked())) else { return };
            if live.len() != step.goals.len() {
                return;
            }
            let new = progress.with_untracked(|p| p.step(&l, step.id).observe(step, &live));
            if new {
                progress.update(|p| {
                    p.observe(&l, step, &live);
                });
            }
        });
    });
    let shown_goals = Memo::new(move |_| {
        let (l, _) = step_key.get();
        let now = goals.get();
        let live: Vec<bool> = now.iter().map(|x| x.2).collect();
        let shown = lessons.with_value(|ls| {
            ls.get(nav.lesson.get()).and_then(|x| x.spec.steps.get(nav.step.get())).map(|step| progress.with(|p| p.shown_goals(&l, step, &live)))
        });
        now.into_iter()
            .enumerate()
            .map(|(i, (id, text, met))| (id, text, shown.as_ref().and_then(|s| s.get(i).copied()).unwrap_or(met)))
            .collect::<Vec<_>>()
    });
    // Per step of the lesson: (title, completed).
    let step_states = Memo::new(move |_| {
        let li = nav.lesson.get();
        progress.with(|p| {
            lessons.with_value(|ls| {
                ls.get(li)
                    .map(|l| l.spec.steps.iter().map(|s| (s.title.clone(), p.step_done(&l.spec, s))).collect::<Vec<_>>())
                    .unwrap_or_default()
            })
        })
    });
    let hints = move || {
        lessons.with_value(|ls| {
            ls.get(nav.lesson.get()).and_then(|l| l.spec.steps.get(nav.step.get())).map(|s| s.hints.to_vec()).unwrap_or_default()
        })
    };
    let go_step = move |delta: isize| {
        let n = step_count() as isize;
        let next = (nav.step.get_untracked() as isize + delta).clamp(0, (n - 1).max(0)) as usize;
        nav.step.set(next);
    };

    // Predict questions come before the action they are about: until every question of the
    // step is answered or skipped (or the step is done), the step's code buttons wait.
    let predicted = Predicted(RwSignal::new(std::collections::BTreeMap::new()));
    provide_context(predicted);
    let gate_open = Memo::new(move |_| {
        let (li, si) = (nav.lesson.get(), nav.step.get());
        let done = step_states.with(|s| s.get(si).is_some_and(|x| x.1));
        let ids: Vec<String> = lessons.with_value(|ls| {
            ls.get(li).and_then(|l| l.spec.steps.get(si)).map(|s| s.predict.iter().map(|q| q.id.to_string()).collect()).unwrap_or_default()
        });
        done || predicted.0.with(|p| ids.iter().all(|q| p.get(&(li, si, q.clone())).is_some_and(|a| a.resolved())))
    });

    // Code blocks become actionable: a button after each YAML and shell block. The text is
    // rendered HTML, so the buttons are added to it and one click handler serves them all.
    let text_ref = NodeRef::<leptos::html::Article>::new();
    Effect::new(move |_| {
        let l = lang.0.get();
        nav.lesson.track();
        nav.step.track();
        let open = gate_open.get();
        let Some(root) = text_ref.get() else { return };
        let doc = document();
        let Ok(blocks) = root.query_selector_all("pre > code") else { return };
        for i in 0..blocks.length() {
            let Some(code) = blocks.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            let class = code.class_name();
            let action = if class.contains("language-yaml") {
                "load"
            } else if class.contains("language-bash") || class.contains("language-sh") {
                "run"
            } else {
                continue;
            };
            let Some(pre) = code.parent_element() else { continue };
            if pre.get_attribute("data-action").is_none() {
                let _ = pre.set_attribute("data-action", action);
                // A block wider than the pane scrolls sideways: the keyboard reaches it too.
                let _ = pre.set_attribute("tabindex", "0");
                let Ok(button) = doc.create_element("button") else { continue };
                let _ = button.set_attribute("type", "button");
                let _ = button.set_attribute("class", "code-action");
                let _ = button.set_attribute("data-action", action);
                let _ = button.set_attribute("id", &format!("code-action-{i}"));
                let _ = pre.after_with_node_1(&button);
            }
            let Some(button) = pre.next_element_sibling().filter(|b| b.tag_name() == "BUTTON") else { continue };
            // Only the step's own blocks wait for its predictions (the introduction's do not).
            let gated = !open && pre.closest(".step-text").ok().flatten().is_some();
            let label = if gated {
                Msg::PredictFirst.text(l)
            } else if action == "load" {
                Msg::LoadYaml.text(l)
            } else {
                Msg::RunCode.text(l)
            };
            button.set_text_content(Some(label));
            if gated {
                let _ = button.set_attribute("disabled", "");
                let _ = button.set_attribute("aria-describedby", "predict-first-note");
            } else {
                let _ = button.remove_attribute("disabled");
                let _ = button.remove_attribute("aria-describedby");
            }
        }
    });
    // A snippet about to replace a file the student changed: asked first.
    let pending_load = RwSignal::new(None::<PendingLoad>);
    let load_snippet = move |code: String, from: String| {
        let target = editor.file_with_original(&code).unwrap_or_else(|| editor.current.get_untracked());
        let unchanged = !editor.changed(target) || editor.text_of(target).is_some_and(|t| t.trim_end() == code.trim_end());
        if unchanged {
            editor.select(target);
            editor.replace(code);
            layout.reveal(crate::context::PanelTab::Editor, Some(from), crate::components::prefs::projecting());
        } else {
            let name = editor.names.with_untracked(|n| n.get(target).cloned().unwrap_or_default());
            pending_load.set(Some(PendingLoad { code, target, name, from }));
            request_animation_frame(|| {
                if let Some(el) = document().get_element_by_id("load-keep").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = el.focus();
                }
            });
        }
    };
    let on_text_click = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let Some(action) = target.get_attribute("data-action").filter(|_| target.tag_name() == "BUTTON") else { return };
        let Some(code) = target.previous_element_sibling().and_then(|pre| pre.text_content()) else { return };
        let from = target.id();
        if action == "load" {
            load_snippet(code, from);
        } else {
            // A watch still running from an earlier block stops first, as Ctrl+C would:
            // the new block's output does not mix with it.
            sim.interrupt();
            for line in code.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
                sim.run_logged(line);
            }
            layout.reveal(crate::context::PanelTab::Terminal, Some(from), crate::components::prefs::projecting());
        }
    };
    let step_parts = move || {
        let (lg, si) = (lang.0.get(), nav.step.get());
        with_lesson(&|l| l.text(lg).steps_html.get(si).map(|(_, h)| h.clone()).unwrap_or_default())
    };

    view! {
        <aside class="lesson-pane" data-testid="lesson" aria-label=move || lang.t(Msg::LessonPane)>
            <nav class="lesson-nav" aria-label=move || lang.t(Msg::LessonList)>
                <select
                    data-testid="lesson-select"
                    aria-label=move || lang.t(Msg::LessonList)
                    on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                            nav.lesson.set(i);
                            nav.step.set(0);
                        }
                    }
                >
                    {move || {
                        let l = lang.0.get();
                        let current = nav.lesson.get();
                        lessons
                            .with_value(|ls| ls.iter().map(|x| x.spec.title.get(l).to_string()).collect::<Vec<_>>())
                            .into_iter()
                            .enumerate()
                            .map(|(i, t)| view! { <option value=i.to_string() selected=i == current>{format!("{}. {t}", i + 1)}</option> })
                            .collect_view()
                    }}
                </select>
            </nav>
            <article class="lesson-text" lang=move || lang.0.get().code() node_ref=text_ref on:click=on_text_click>
                <div inner_html=move || with_lesson(&|l| l.text(lang.0.get()).intro_html.clone())></div>
                <div class="step-text" data-testid="step-text">
                    <div class="step-heading" inner_html=move || split_heading(&step_parts()).0.to_string()></div>
                    <Predictions />
                    <Show when=move || !gate_open.get()>
                        <p class="predict-first" id="predict-first-note" data-testid="predict-first">
                            {move || lang.t(Msg::PredictFirstNote)}
                        </p>
                    </Show>
                    <div class="step-body" inner_html=move || split_heading(&step_parts()).1.to_string()></div>
                </div>
            </article>
            {move || pending_load.get().map(|p| {
                let PendingLoad { code, target, name, from } = p;
                let (c1, c2, f1, f2, n2) = (code.clone(), code, from.clone(), from, name.clone());
                view! {
                    <div class="load-confirm" role="alertdialog" aria-labelledby="load-confirm-text" data-testid="load-confirm">
                        <p id="load-confirm-text">{format!("{} {name}", lang.t(Msg::LoadAsk))}</p>
                        <button type="button" id="load-keep" data-testid="load-new-tab" on:click=move |_| {
                            pending_load.set(None);
                            editor.open_new(&n2, c1.clone());
                            layout.reveal(crate::context::PanelTab::Editor, Some(f1.clone()), crate::components::prefs::projecting());
                        }>{lang.t(Msg::LoadNewTab)}</button>
                        <button type="button" data-testid="load-replace" on:click=move |_| {
                            pending_load.set(None);
                            editor.select(target);
                            editor.replace(c2.clone());
                            layout.reveal(crate::context::PanelTab::Editor, Some(f2.clone()), crate::components::prefs::projecting());
                        }>{lang.t(Msg::LoadReplace)}</button>
                        <button type="button" class="link" data-testid="load-cancel" on:click=move |_| pending_load.set(None)>
                            {lang.t(Msg::LoadCancel)}
                        </button>
                    </div>
                }
            })}
            <section class="hints">
                {move || {
                    let all = hints();
                    let n = hints_shown().min(all.len());
                    all.into_iter()
                        .take(n)
                        .enumerate()
                        .map(|(i, h)| {
                            view! {
                                <p class="hint">
                                    <strong>{move || lang.t(Msg::Hint)} " " {i + 1} ": "</strong>
                                    <span inner_html=move || course::markdown::inline_html(h.get(lang.0.get()))></span>
                                </p>
                            }
                        })
                        .collect_view()
                }}
                <button
                    type="button"
                    class="secondary"
                    data-testid="show-hint"
                    disabled=move || { hints_shown() >= hints().len() }
                    on:click=move |_| {
                        let (l, s) = step_key.get_untracked();
                        let n = hints().len();
                        progress.update(|p| p.reveal_hint(&l, &s, n));
                    }
                >
                    {move || lang.t(Msg::ShowHint)}
                </button>
            </section>
            <SolutionSection step_key />
            <Completion step_states />
            <section class="goals" aria-labelledby="goals-title">
                <div class="step-nav">
                    <button type="button" data-testid="prev-step" disabled=move || nav.step.get() == 0 on:click=move |_| go_step(-1)>
                        "← "
                        {move || lang.t(Msg::PrevStep)}
                    </button>
                    <span class="step-count" data-testid="step-count">
                        {move || format!("{} {} {} {}", lang.t(Msg::StepWord), nav.step.get() + 1, lang.t(Msg::OfWord), step_count())}
                    </span>
                    <button
                        type="button"
                        data-testid="next-step"
                        disabled=move || { nav.step.get() + 1 >= step_count() }
                        on:click=move |_| go_step(1)
                    >
                        {move || lang.t(Msg::NextStep)}
                        " →"
                    </button>
                </div>
                <nav class="step-list" aria-label=move || lang.t(Msg::StepsNav)>
                    <ol>
                        {move || {
                            let l = lang.0.get();
                            let current = nav.step.get();
                            step_states
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, (title, done))| {
                                    let state = if done { lang.t(Msg::StepDone) } else { lang.t(Msg::StepPending) };
                                    let full = format!("{} {}: {} ({state})", lang.t(Msg::StepWord), i + 1, title.get(l));
                                    view! {
                                        <li>
                                            <button
                                                type="button"
                                                class="step-link"
                                                class:done=done
                                                data-testid="step-link"
                                                data-done=done.to_string()
                                                aria-current=(i == current).then_some("step")
                                                aria-label=full.clone()
                                                title=full
                                                on:click=move |_| nav.step.set(i)
                                            >
                                                {(i + 1).to_string()}
                                                " "
                                                <span class="step-mark" aria-hidden="true">{if done { "✔" } else { "○" }}</span>
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ol>
                    <span class="steps-done" data-testid="steps-done">
                        {move || {
                            let done = step_states.with(|s| s.iter().filter(|x| x.1).count());
                            format!("{done} {} {} {}", lang.t(Msg::OfWord), step_count(), lang.t(Msg::StepsDone))
                        }}
                    </span>
                </nav>
                <h2 id="goals-title">{move || lang.t(Msg::Goals)}</h2>
                <ul data-testid="goals">
                    <For
                        each=move || shown_goals.get()
                        key=|(id, _, done)| (id.clone(), *done)
                        children=move |(id, text, done)| {
                            let t = text.clone();
                            view! {
                                <li class="goal" class:done=done data-goal=id data-met=done.to_string()>
                                    <span class="goal-mark" aria-hidden="true">{if done { "✔" } else { "○" }}</span>
                                    <span class="visually-hidden">
                                        {move || if done { lang.t(Msg::GoalMet) } else { lang.t(Msg::GoalPending) }}
                                        ": "
                                    </span>
                                    <span inner_html=move || course::markdown::inline_html(t.get(lang.0.get()))></span>
                                </li>
                            }
                        }
                    />
                </ul>
            </section>
        </aside>
    }
}

/// A lesson snippet waiting for the student's choice: it would replace their changes.
#[derive(Clone, Debug, PartialEq)]
struct PendingLoad {
    code: String,
    /// The editor tab it would replace, and that tab's file name.
    target: usize,
    name: String,
    /// The lesson button it came from (for the way back on a narrow screen).
    from: String,
}

