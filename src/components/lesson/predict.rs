//! A step's predict questions: choose, check or skip, then the explanation.

use super::*;

/// The answer to one predict question while the page is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    pub chosen: Option<usize>,
    pub checked: bool,
    pub skipped: bool,
}

impl Answer {
    /// Answered and checked, or skipped: the step's actions may go on.
    pub fn resolved(&self) -> bool {
        (self.checked && self.chosen.is_some()) || self.skipped
    }
}

/// Every predict question's answer: (lesson, step, question id) → answer.
#[derive(Clone, Copy)]
pub struct Predicted(pub RwSignal<std::collections::BTreeMap<(usize, usize, String), Answer>>);

/// A step's HTML as its heading (the first `<h2>`, if it starts with one) and the rest, so
/// that the step's predict questions can stand between them, before any action.
pub fn split_heading(html: &str) -> (&str, &str) {
    let trimmed = html.trim_start();
    if trimmed.starts_with("<h2") {
        if let Some(end) = trimmed.find("</h2>") {
            let cut = end + "</h2>".len();
            return (&trimmed[..cut], &trimmed[cut..]);
        }
    }
    ("", html)
}

/// The step's "predict" questions: choose, check (or skip), then the explanation. Answers
/// are kept per question while the page is open.
#[component]
pub(super) fn Predictions() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let course = expect_context::<Course>();
    let nav = expect_context::<LessonNav>();
    let answers = expect_context::<Predicted>().0;
    let lessons = StoredValue::new(course.0.clone());
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
                    let k3 = key.clone();
                    let state = Memo::new(move |_| answers.with(|a| a.get(&k1).copied().unwrap_or_default()));
                    let right = q.choices.iter().position(|c| c.right);
                    let qid = format!("predict-{}", q.id);
                    let q_text = q.question.clone();
                    let expl = q.explanation.clone();
                    let choices = q.choices;
                    view! {
                        <fieldset class="predict" data-testid="predict" data-resolved=move || state.get().resolved().to_string()>
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
                                    view! {
                                        <label class="choice">
                                            <input
                                                type="radio"
                                                name=name
                                                prop:checked=move || state.get().chosen == Some(i)
                                                on:change=move |_| answers.update(|a| {
                                                    let e = a.entry(key.clone()).or_default();
                                                    e.chosen = Some(i);
                                                    e.checked = false;
                                                })
                                            />
                                            <span inner_html=move || course::markdown::inline_html(c.text.get(lang.0.get()))></span>
                                        </label>
                                    }
                                })
                                .collect_view()}
                            <div class="predict-actions">
                                <button
                                    type="button"
                                    class="secondary"
                                    disabled=move || state.get().chosen.is_none()
                                    on:click=move |_| answers.update(|a| {
                                        if let Some(v) = a.get_mut(&k2) {
                                            v.checked = true;
                                        }
                                    })
                                >
                                    {move || lang.t(Msg::CheckAnswer)}
                                </button>
                                <Show when=move || !state.get().resolved()>
                                    <button
                                        type="button"
                                        class="link"
                                        data-testid="predict-skip"
                                        on:click={
                                            let k3 = k3.clone();
                                            move |_| answers.update(|a| a.entry(k3.clone()).or_default().skipped = true)
                                        }
                                    >
                                        {move || lang.t(Msg::SkipPredict)}
                                    </button>
                                </Show>
                            </div>
                            {move || {
                                let st = state.get();
                                (st.checked && st.chosen.is_some()).then(|| {
                                    let ok = st.chosen == right;
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

