//! The completion panel: what the lesson taught, and where to go next.

use super::*;

/// What the lesson taught, as its `learned` lines say.
#[component]
fn LearnedList() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let course = expect_context::<Course>();
    let nav = expect_context::<LessonNav>();
    let lessons = StoredValue::new(course.0.clone());
    let items = move || lessons.with_value(|ls| ls.get(nav.lesson.get()).map(|l| l.spec.learned.to_vec()).unwrap_or_default());
    view! {
        <h3 class="learned-title">{move || lang.t(Msg::Learned)}</h3>
        <ul data-testid="learned">
            {move || items().into_iter().map(|t| view! { <li inner_html=move || course::markdown::inline_html(t.get(lang.0.get()))></li> }).collect_view()}
        </ul>
    }
}

/// The end of a lesson: once its last step is done, what was learnt, how many steps are
/// done (and which are left), and the way to the next lesson.
#[component]
pub(super) fn Completion(step_states: Memo<Vec<(course::schema::Text, bool)>>) -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let course = expect_context::<Course>();
    let nav = expect_context::<LessonNav>();
    let lessons = StoredValue::new(course.0.clone());
    let count = lessons.with_value(|l| l.len());
    let last_done = move || step_states.with(|s| s.last().is_some_and(|x| x.1));
    let on_last = move || step_states.with(|s| nav.step.get() + 1 == s.len());
    let left = move || step_states.with(|s| s.iter().enumerate().filter(|(_, x)| !x.1).map(|(i, _)| i + 1).collect::<Vec<_>>());
    let panel = NodeRef::<leptos::html::Section>::new();
    // When it appears, it comes into view (and is announced: it is a status).
    Effect::new(move |was: Option<bool>| {
        let now = last_done() && on_last();
        if now && was == Some(false) {
            request_animation_frame(move || {
                if let Some(p) = panel.get_untracked() {
                    p.scroll_into_view();
                }
            });
        }
        now
    });
    let next = move || {
        let i = nav.lesson.get() + 1;
        (i < count).then(|| (i, lessons.with_value(|l| l[i].spec.title.get(lang.0.get()).to_string())))
    };
    view! {
        <Show when=move || last_done() && on_last()>
            <section class="completion" data-testid="completion" role="status" aria-labelledby="completion-title" node_ref=panel>
                <h2 id="completion-title">
                    <span aria-hidden="true">"✔ "</span>
                    {move || if left().is_empty() { lang.t(Msg::LessonComplete) } else { lang.t(Msg::LessonLastStepDone) }}
                </h2>
                <LearnedList />
                <p data-testid="completion-steps">
                    {move || {
                        let n = step_states.with(|s| s.len());
                        let l = left();
                        let done = n - l.len();
                        let mut t = format!("{done} {} {n} {}", lang.t(Msg::OfWord), lang.t(Msg::StepsDone));
                        if !l.is_empty() {
                            let list = l.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
                            t.push_str(&format!(" · {} {list}", lang.t(Msg::StepsLeft)));
                        }
                        t
                    }}
                </p>
                {move || match next() {
                    Some((i, title)) => view! {
                        <button type="button" class="primary" data-testid="next-lesson" on:click=move |_| {
                            nav.lesson.set(i);
                            nav.step.set(0);
                        }>
                            {format!("{} {}. {title} →", lang.t(Msg::NextLesson), i + 1)}
                        </button>
                    }
                    .into_any(),
                    None => view! { <p data-testid="course-done">{lang.t(Msg::CourseDone)}</p> }.into_any(),
                }}
            </section>
        </Show>
    }
}

