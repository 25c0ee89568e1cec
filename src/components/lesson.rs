//! The lesson pane: lesson and step navigation, the lesson's text with its code blocks
//! made actionable (YAML loads into the editor, commands run in the terminal), the
//! current step's goals ticking themselves, hints one at a time.

use crate::app::{Course, LessonNav, LessonProgress, UiLang};
use crate::editor_state::EditorState;
use crate::i18n::Msg;
use crate::sim::Sim;
use course::goals::{step_goals, StepStart};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn LessonPane() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let course = expect_context::<Course>();
    let sim = expect_context::<Sim>();
    let nav = expect_context::<LessonNav>();
    let editor = expect_context::<EditorState>();
    let progress = expect_context::<LessonProgress>().0;
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

    // Code blocks become actionable: a button after each YAML and shell block. The text is
    // rendered HTML, so the buttons are added to it and one click handler serves them all.
    let text_ref = NodeRef::<leptos::html::Article>::new();
    Effect::new(move |_| {
        let l = lang.0.get();
        nav.lesson.track();
        nav.step.track();
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
            if pre.get_attribute("data-action").is_some() {
                continue;
            }
            let _ = pre.set_attribute("data-action", action);
            let Ok(button) = doc.create_element("button") else { continue };
            let _ = button.set_attribute("type", "button");
            let _ = button.set_attribute("class", "code-action");
            let _ = button.set_attribute("data-action", action);
            let label = if action == "load" { Msg::LoadYaml.text(l) } else { Msg::RunCode.text(l) };
            button.set_text_content(Some(label));
            let _ = pre.after_with_node_1(&button);
        }
    });
    let on_text_click = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let Some(action) = target.get_attribute("data-action").filter(|_| target.tag_name() == "BUTTON") else { return };
        let Some(code) = target.previous_element_sibling().and_then(|pre| pre.text_content()) else { return };
        if action == "load" {
            editor.replace(code);
        } else {
            for line in code.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
                sim.run_logged(line);
            }
        }
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
                <div
                    class="step-text"
                    data-testid="step-text"
                    inner_html=move || {
                        let (lg, si) = (lang.0.get(), nav.step.get());
                        with_lesson(&|l| l.text(lg).steps_html.get(si).map(|(_, h)| h.clone()).unwrap_or_default())
                    }
                ></div>
            </article>
            <Predictions />
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

/// The step's "predict" questions: choose, check, then the explanation. Answers are kept
/// per question while the page is open.
#[component]
fn Predictions() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let course = expect_context::<Course>();
    let nav = expect_context::<LessonNav>();
    let lessons = StoredValue::new(course.0.clone());
    // (lesson, step, question id) → (chosen, checked)
    let answers = RwSignal::new(std::collections::BTreeMap::<(usize, usize, String), (Option<usize>, bool)>::new());
    let questions = move || {
        lessons.with_value(|ls| {
            ls.get(nav.lesson.get()).and_then(|l| l.spec.steps.get(nav.step.get())).map(|s| s.predict.to_vec()).unwrap_or_default()
        })
    };
    view! {
        {move || {
            let (li, si) = (nav.lesson.get(), nav.step.get());
            questions()
                .into_iter()
                .map(|q| {
                    let key = (li, si, q.id.to_string());
                    let k1 = key.clone();
                    let k2 = key.clone();
                    let state = move || answers.with(|a| a.get(&k1).cloned().unwrap_or((None, false)));
                    let right = q.choices.iter().position(|c| c.right);
                    let qid = format!("predict-{}", q.id);
                    let q_text = q.question.clone();
                    let expl = q.explanation.clone();
                    let choices = q.choices;
                    let state2 = state.clone();
                    view! {
                        <fieldset class="predict" data-testid="predict">
                            <legend>
                                <strong>{move || lang.t(Msg::Predict)} ": "</strong>
                                <span inner_html=move || course::markdown::inline_html(q_text.get(lang.0.get()))></span>
                            </legend>
                            {choices
                                .into_iter()
                                .enumerate()
                                .map(|(i, c)| {
                                    let key = key.clone();
                                    let name = qid.clone();
                                    let st = state.clone();
                                    view! {
                                        <label class="choice">
                                            <input
                                                type="radio"
                                                name=name
                                                prop:checked=move || st().0 == Some(i)
                                                on:change=move |_| answers.update(|a| {
                                                    a.insert(key.clone(), (Some(i), false));
                                                })
                                            />
                                            <span inner_html=move || course::markdown::inline_html(c.text.get(lang.0.get()))></span>
                                        </label>
                                    }
                                })
                                .collect_view()}
                            <button
                                type="button"
                                class="secondary"
                                disabled=move || state2().0.is_none()
                                on:click=move |_| answers.update(|a| {
                                    if let Some(v) = a.get_mut(&k2) {
                                        v.1 = true;
                                    }
                                })
                            >
                                {move || lang.t(Msg::CheckAnswer)}
                            </button>
                            {move || {
                                let (chosen, checked) = state();
                                (checked && chosen.is_some()).then(|| {
                                    let ok = chosen == right;
                                    let expl = expl.clone();
                                    view! {
                                        <p class="predict-result" class:right=ok data-right=ok.to_string() role="status">
                                            <strong>{if ok { lang.t(Msg::RightAnswer) } else { lang.t(Msg::WrongAnswer) }}</strong>
                                            " "
                                            <span inner_html=move || course::markdown::inline_html(expl.get(lang.0.get()))></span>
                                        </p>
                                    }
                                })
                            }}
                        </fieldset>
                    }
                })
                .collect_view()
        }}
    }
}

/// "Show solution": asks first, then shows the step's solution (the files it applies and
/// the commands it runs) with the same load and run buttons as the lesson's code blocks.
#[component]
fn SolutionSection(step_key: Memo<(String, String)>) -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let course = expect_context::<Course>();
    let sim = expect_context::<Sim>();
    let nav = expect_context::<LessonNav>();
    let editor = expect_context::<EditorState>();
    let progress = expect_context::<LessonProgress>().0;
    let lessons = StoredValue::new(course.0.clone());
    let confirming = RwSignal::new(false);
    // Another step: no question left open.
    Effect::new(move |_| {
        step_key.track();
        confirming.set(false);
    });
    let shown = move || {
        let (l, s) = step_key.get();
        progress.with(|p| p.step(&l, &s).solution_shown)
    };
    let focus_later = |id: &'static str| {
        request_animation_frame(move || {
            if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        })
    };
    // The solution's parts: a file applied (name, its lesson text) or commands run together.
    let parts = move || {
        lessons.with_value(|ls| {
            let Some(lesson) = ls.get(nav.lesson.get()) else { return Vec::new() };
            let Some(step) = lesson.spec.steps.get(nav.step.get()) else { return Vec::new() };
            let mut parts: Vec<SolutionPart> = Vec::new();
            for a in step.solution {
                match a {
                    course::schema::SolutionAction::Apply(file) => {
                        parts.push(SolutionPart::Apply(file.to_string(), lesson.file(file).unwrap_or_default().to_string()))
                    }
                    course::schema::SolutionAction::Run(line) => match parts.last_mut() {
                        Some(SolutionPart::Run(lines)) => lines.push(line.to_string()),
                        _ => parts.push(SolutionPart::Run(vec![line.to_string()])),
                    },
                }
            }
            parts
        })
    };
    let load = move |file: String, text: String| {
        if let Some(i) = editor.names.with_untracked(|n| n.iter().position(|x| *x == file)) {
            editor.select(i);
        }
        editor.replace(text);
    };
    let run = move |lines: Vec<String>| {
        for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            sim.run_logged(line);
        }
    };
    view! {
        <section class="solution" data-testid="solution-section">
            {move || {
                if shown() {
                    view! {
                        <div class="solution-body" data-testid="solution">
                            <h3 id="solution-title" tabindex="-1">{move || lang.t(Msg::Solution)}</h3>
                            {parts()
                                .into_iter()
                                .map(|part| match part {
                                    SolutionPart::Apply(file, text) => {
                                        let command = format!("kubectl apply -f {file}");
                                        let (f2, t2, c2) = (file.clone(), text.clone(), command.clone());
                                        view! {
                                            <p>{move || lang.t(Msg::SolutionApply)} " " <code>{file.clone()}</code></p>
                                            <pre data-action="load" data-file=file.clone()><code class="language-yaml">{text}</code></pre>
                                            <button type="button" class="code-action" data-action="load" on:click=move |_| load(f2.clone(), t2.clone())>
                                                {move || lang.t(Msg::LoadYaml)}
                                            </button>
                                            <pre data-action="run"><code class="language-bash">{command}</code></pre>
                                            <button type="button" class="code-action" data-action="run" on:click=move |_| run(vec![c2.clone()])>
                                                {move || lang.t(Msg::RunCode)}
                                            </button>
                                        }
                                            .into_any()
                                    }
                                    SolutionPart::Run(lines) => {
                                        let text = lines.join("\n");
                                        view! {
                                            <p>{move || lang.t(Msg::SolutionRun)}</p>
                                            <pre data-action="run"><code class="language-bash">{text}</code></pre>
                                            <button type="button" class="code-action" data-action="run" on:click=move |_| run(lines.clone())>
                                                {move || lang.t(Msg::RunCode)}
                                            </button>
                                        }
                                            .into_any()
                                    }
                                })
                                .collect_view()}
                        </div>
                    }
                        .into_any()
                } else if confirming.get() {
                    view! {
                        <div class="confirm" role="group" aria-labelledby="confirm-solution-text" data-testid="solution-confirm">
                            <p id="confirm-solution-text">{move || lang.t(Msg::ConfirmSolution)}</p>
                            <button
                                type="button"
                                class="primary"
                                id="confirm-yes"
                                data-testid="solution-yes"
                                on:click=move |_| {
                                    let (l, s) = step_key.get_untracked();
                                    progress.update(|p| p.show_solution(&l, &s));
                                    confirming.set(false);
                                    focus_later("solution-title");
                                }
                            >
                                {move || lang.t(Msg::ConfirmYes)}
                            </button>
                            " "
                            <button
                                type="button"
                                class="secondary"
                                id="confirm-no"
                                data-testid="solution-no"
                                on:click=move |_| {
                                    confirming.set(false);
                                    focus_later("show-solution");
                                }
                            >
                                {move || lang.t(Msg::ConfirmNo)}
                            </button>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <button
                            type="button"
                            class="secondary"
                            id="show-solution"
                            data-testid="show-solution"
                            on:click=move |_| {
                                confirming.set(true);
                                // The careful answer first: a second Enter does not reveal it.
                                focus_later("confirm-no");
                            }
                        >
                            {move || lang.t(Msg::ShowSolution)}
                        </button>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// A part of a step's solution.
#[derive(Clone)]
enum SolutionPart {
    /// A lesson file applied: its name and the lesson's version of it.
    Apply(String, String),
    /// Commands run one after another.
    Run(Vec<String>),
}
