//! A step's solution, shown on request, with buttons that run it.

use super::*;

/// "Show solution": asks first, then shows the step's solution (the files it applies and
/// the commands it runs) with the same load and run buttons as the lesson's code blocks.
#[component]
pub(super) fn SolutionSection(step_key: Memo<(String, String)>) -> impl IntoView {
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
