//! The cluster as text, for screen readers and for copying.

use super::*;

/// The cluster as tables, kept in sync with the cards: the same facts for screen readers
/// and for anyone who prefers rows. The tables exist only while the section is open, and
/// their rows are keyed by what they say: a pod that changes phase replaces its row only.
#[component]
pub(super) fn TextView() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    let open = RwSignal::new(false);
    let details = NodeRef::<leptos::html::Details>::new();
    let rows = move || {
        let l = lang.0.get();
        sim.view.with(|v| {
            let mut rows: Vec<(String, String, String, String)> = Vec::new();
            for n in &v.nodes {
                for p in &n.pods {
                    let (_, word) = pod_status_word(l, &p.status, p.ready);
                    rows.push((n.name.clone(), p.name.clone(), word, p.owner_kind.clone().unwrap_or_else(|| lang.t(Msg::BarePod).into())));
                }
            }
            for p in &v.unscheduled {
                let (_, word) = pod_status_word(l, &p.status, p.ready);
                rows.push((lang.t(Msg::Unscheduled).into(), p.name.clone(), word, p.owner_kind.clone().unwrap_or_else(|| lang.t(Msg::BarePod).into())));
            }
            rows
        })
    };
    let nodes = move || {
        sim.view.with(|v| {
            v.nodes
                .iter()
                .map(|n| {
                    let role = if n.control_plane { lang.t(Msg::ControlPlane) } else { lang.t(Msg::Worker) };
                    (n.name.clone(), role.to_string(), n.status.clone(), n.taints.join(", "))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <details
            class="text-view"
            data-testid="text-view"
            node_ref=details
            on:toggle=move |_| open.set(details.get_untracked().is_some_and(|d| d.open()))
        >
            <summary>{move || lang.t(Msg::TextView)}</summary>
            <Show when=move || open.get()>
                <table>
                    <caption>{move || lang.t(Msg::ClusterView)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || lang.t(Msg::Node)}</th>
                            <th scope="col">{move || lang.t(Msg::Role)}</th>
                            <th scope="col">{move || lang.t(Msg::Status)}</th>
                            <th scope="col">{move || lang.t(Msg::Taints)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=nodes
                            key=|row| row.clone()
                            children=|(n, r, s, t)| view! { <tr><th scope="row">{n}</th><td>{r}</td><td>{s}</td><td>{t}</td></tr> }
                        />
                    </tbody>
                </table>
                <table>
                    <caption>"Pods"</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || lang.t(Msg::Pod)}</th>
                            <th scope="col">{move || lang.t(Msg::Node)}</th>
                            <th scope="col">{move || lang.t(Msg::Status)}</th>
                            <th scope="col">{move || lang.t(Msg::Owner)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=rows
                            key=|row| row.clone()
                            children=|(n, p, s, o)| view! { <tr><th scope="row">{p}</th><td>{n}</td><td>{s}</td><td>{o}</td></tr> }
                        />
                    </tbody>
                </table>
            </Show>
        </details>
    }
}

