//! The "why" panel: for the selected workload, what its controller just did and what it
//! waits for, worded from kubesim's structured decision records.

use crate::context::UiLang;
use crate::sim::Sim;
use crate::why_text::{all_settled, nodes_with_pod, nothing_yet, panel_title, why_item, workload_label};
use kubesim::why::WhyItem;
use kubesim::store::Object;
use kubesim::Key;
use leptos::prelude::*;

#[component]
pub fn WhyPanel() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    let workloads = Memo::new(move |_| {
        sim.view.with(|v| v.workloads.iter().map(|w| (w.kind.clone(), w.namespace.clone(), w.name.clone())).collect::<Vec<_>>())
    });
    let chosen = RwSignal::new(None::<(String, String, String)>);
    // The chosen workload, or the most recently created one.
    let selected = Memo::new(move |_| {
        let all = workloads.get();
        chosen.get().filter(|c| all.contains(c)).or_else(|| all.last().cloned())
    });
    let record = Memo::new(move |_| {
        sim.view.track();
        let (kind, ns, name) = selected.get()?;
        sim.with_cluster(|c| {
            let mut r = c.why(&kind, &Key::new(&ns, &name)).cloned()?;
            // What keeps the workload's own pods back (an image that does not pull, a
            // volume attached elsewhere), from the kubelet's records of them.
            for p in c.pods().filter(|p| p.metadata.namespace == ns && p.controller_ref().is_some_and(|o| o.kind == kind && o.name == name)) {
                if let Some(pr) = c.why("Pod", &Key::new(&ns, &p.metadata.name)) {
                    r.items.extend(pr.items.iter().filter(|i| matches!(i, WhyItem::ImagePullFailed { .. } | WhyItem::MultiAttach { .. })).cloned());
                }
            }
            Some(r)
        })
    });
    let lines = move || {
        let l = lang.0.get();
        let Some(r) = record.get() else { return Vec::new() };
        let settled = r.items.iter().filter(|i| matches!(i, WhyItem::NodeHasPod { .. })).count();
        let mut out: Vec<String> = r
            .items
            .iter()
            .filter(|i| !matches!(i, WhyItem::NodeHasPod { .. }))
            .map(|i| why_item(l, i))
            .collect();
        if settled > 0 {
            out.push(nodes_with_pod(l, settled));
        }
        if out.is_empty() {
            out.push(all_settled(l).to_string());
        }
        out
    };
    view! {
        <section class="why" aria-labelledby="why-title" data-testid="why-panel">
            <div class="why-head">
                <h3 id="why-title">{move || panel_title(lang.0.get())}</h3>
                <Show when=move || !workloads.get().is_empty()>
                    <label>
                        <span class="visually-hidden">{move || workload_label(lang.0.get())}</span>
                        <select
                            data-testid="why-workload"
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                let pick = workloads.get_untracked().into_iter().find(|(k, n, m)| format!("{k}/{n}/{m}") == v);
                                chosen.set(pick);
                            }
                        >
                            {move || {
                                let sel = selected.get();
                                workloads
                                    .get()
                                    .into_iter()
                                    .map(|w| {
                                        let value = format!("{}/{}/{}", w.0, w.1, w.2);
                                        let is = sel.as_ref() == Some(&w);
                                        view! { <option value=value selected=is>{format!("{} {}", w.0, w.2)}</option> }
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                </Show>
            </div>
            <Show
                when=move || record.with(|r| r.is_some())
                fallback=move || view! { <p class="muted">{move || nothing_yet(lang.0.get())}</p> }
            >
                <ul class="why-lines">
                    {move || lines().into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}
