//! The lesson pane: the lesson's text, the current step, its goals ticking themselves,
//! hints one at a time.

use crate::app::{Course, UiLang};
use crate::i18n::Msg;
use crate::sim::Sim;
use course::goals::met;
use leptos::prelude::*;

#[component]
pub fn LessonPane() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let course = expect_context::<Course>();
    let sim = expect_context::<Sim>();
    let lesson_index = RwSignal::new(0usize);
    let step_index = RwSignal::new(0usize);
    let hints_shown = RwSignal::new(0usize);

    let lessons = course.0.clone();
    let lesson = move || lessons.get(lesson_index.get()).cloned();
    let lesson_for_goals = lesson.clone();
    // Goals are re-checked whenever the cluster view or the student's activity changes.
    let goals = Memo::new(move |_| {
        sim.view.track();
        let activity = sim.activity.get();
        let Some(l) = lesson_for_goals() else { return Vec::new() };
        let Some(step) = l.spec.steps.get(step_index.get()) else { return Vec::new() };
        sim.with_cluster(|c| {
            step.goals.iter().map(|g| (g.id.clone(), g.text.clone(), met(&g.check, c, &activity))).collect::<Vec<_>>()
        })
    });

    let lesson_a = lesson.clone();
    let lesson_b = lesson.clone();
    let lesson_c = lesson.clone();
    let lesson_d = lesson.clone();
    view! {
        <aside class="lesson-pane" data-testid="lesson" aria-label=move || lang.t(Msg::LessonPane)>
            <article class="lesson-text" lang=move || lang.0.get().code()>
                <div inner_html=move || lesson_a().map(|l| l.text(lang.0.get()).intro_html.clone()).unwrap_or_default()></div>
                <div
                    class="step-text"
                    inner_html=move || {
                        lesson_b()
                            .and_then(|l| l.text(lang.0.get()).steps_html.get(step_index.get()).map(|(_, h)| h.clone()))
                            .unwrap_or_default()
                    }
                ></div>
            </article>
            <section class="hints">
                {move || {
                    let l = lesson_c();
                    let hints = l
                        .and_then(|l| l.spec.steps.get(step_index.get()).map(|s| s.hints.clone()))
                        .unwrap_or_default();
                    let n = hints_shown.get().min(hints.len());
                    hints
                        .into_iter()
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
                    disabled=move || {
                        let total = lesson_d()
                            .and_then(|l| l.spec.steps.get(step_index.get()).map(|s| s.hints.len()))
                            .unwrap_or(0);
                        hints_shown.get() >= total
                    }
                    on:click=move |_| hints_shown.update(|n| *n += 1)
                >
                    {move || lang.t(Msg::ShowHint)}
                </button>
            </section>
            <section class="goals" aria-labelledby="goals-title">
                <h2 id="goals-title">{move || lang.t(Msg::Goals)}</h2>
                <ul data-testid="goals">
                    <For
                        each=move || goals.get()
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
