//! A node card with its pods and its controls.

use super::*;

#[component]
pub(super) fn NodeCard(name: String) -> impl IntoView {
    let lang = LangRelay::new(expect_context::<UiLang>());
    let sim = expect_context::<Sim>();
    let cards = expect_context::<Cards>();
    let own = cards.node(&name);
    let node = Memo::new(move |_| own.get());
    let with_node = move |f: fn(&NodeView) -> String| node.with(|n| n.as_ref().map(f).unwrap_or_default());
    let role = move || node.with(|n| n.as_ref().is_some_and(|n| n.control_plane));
    let layout = expect_context::<LayoutState>();
    // The filter through the card's own relay (see `Cards`).
    let filter = Memo::new(move |_| layout.pod_filter.get());
    let pod_count = Memo::new(move |_| node.with(|n| n.as_ref().map_or(0, |n| n.pods.len())));
    // Pods the workload filter leaves out are not drawn; the node says how many.
    let pods = Memo::new(move |_| {
        let filter = filter.get();
        node.with(|n| n.as_ref().map(|n| n.pods.iter().filter(|p| filter.admits(p)).map(|p| p.uid.clone()).collect::<Vec<_>>()).unwrap_or_default())
    });
    let hidden = move || pod_count.get() - pods.with(|p| p.len());
    view! {
        <article
            class="node-card"
            class:control-plane=role
            class:not-ready=move || node.with(|n| n.as_ref().is_some_and(|n| !n.ready))
            data-testid="node-card"
            data-node=name.clone()
            data-role=move || if role() { "control-plane" } else { "worker" }
            aria-label=name.clone()
            class:selected={
                let flag = cards.flag(Selected::Node(name.clone()));
                move || flag.get()
            }
        >
            <header class="node-head">
                <h3 class="node-name">
                    <button
                        type="button"
                        class="link"
                        data-testid="node-describe"
                        on:click={
                            let n = name.clone();
                            move |_| {
                                sim.selected.set(Some(Selected::Node(n.clone())));
                                sim.run_logged(&format!("kubectl describe node {n}"));
                            }
                        }
                    >
                        {name.clone()}
                    </button>
                </h3>
                <span class="role-badge">
                    {move || if role() { lang.t(Msg::ControlPlane) } else { lang.t(Msg::Worker) }}
                </span>
                <span class="node-status">
                    {move || {
                        node.with(|n| {
                            let Some(n) = n else { return String::new() };
                            let mut s = if n.ready {
                                format!("✔ {}", lang.t(Msg::NodeReady))
                            } else {
                                format!("✖ {}", lang.t(Msg::NodeNotReady))
                            };
                            if n.unschedulable {
                                s.push_str(&format!(" · ⊘ {}", lang.t(Msg::Cordoned)));
                            }
                            s
                        })
                    }}
                </span>
            </header>
            <Show when=move || !with_node(|n| n.taints.join(",")).is_empty()>
                <p class="taints">
                    <span class="visually-hidden">{move || lang.t(Msg::Taints)} ": "</span>
                    {move || {
                        node.with(|n| n.as_ref().map(|n| n.taints.clone()).unwrap_or_default())
                            .into_iter()
                            .map(|t| view! { <code class="taint">{t}</code> })
                            .collect_view()
                    }}
                </p>
            </Show>
            <NodeControls name=name.clone() node lang />
            <ul class="pods">
                <For
                    each=move || pods.get()
                    key=|uid| uid.clone()
                    children=move |uid| {
                        let pod = Memo::new_owning(move |prev| {
                            node.with(|n| keep_or_clone(prev, n.as_ref().and_then(|n| n.pods.iter().find(|x| x.uid == uid))))
                        });
                        view! { <PodCard pod=pod.into() lang /> }
                    }
                />
            </ul>
            <Show when=move || pod_count.get() == 0>
                <p class="empty">{move || lang.t(Msg::NoPods)}</p>
            </Show>
            <Show when=move || { hidden() > 0 }>
                <p class="empty filtered-out" data-testid="filtered-out">
                    <span aria-hidden="true">"⊘ "</span>
                    {move || format!("{} {}", hidden(), lang.t(Msg::HiddenByFilter))}
                </p>
            </Show>
        </article>
    }
}

#[component]
pub(super) fn PodCard(pod: Signal<Option<PodView>>, lang: LangRelay) -> impl IntoView {
    let sim = expect_context::<Sim>();
    let cards = expect_context::<Cards>();
    // A card is keyed by the pod's uid, so what names the pod never changes: its name,
    // namespace, ordinal and claims are drawn once. Its phase, readiness and owner (an
    // orphaned pod loses it) follow the pod.
    let (name, namespace, ordinal, claims) =
        pod.with_untracked(|p| p.as_ref().map(|p| (p.name.clone(), p.namespace.clone(), p.ordinal, p.claims.clone()))).unwrap_or_default();
    let flag = cards.flag(Selected::Pod(namespace.clone(), name.clone()));
    // Clicking a pod (or Enter or Space on it) shows `kubectl describe` for it in the terminal.
    let describe = {
        let (name, ns) = (name.clone(), namespace.clone());
        move || {
            let ns_flag = if ns == "default" { String::new() } else { format!(" -n {ns}") };
            sim.selected.set(Some(Selected::Pod(ns.clone(), name.clone())));
            sim.run_logged(&format!("kubectl describe pod {name}{ns_flag}"));
        }
    };
    let get = move |f: fn(&PodView) -> String| pod.with(|p| p.as_ref().map(f).unwrap_or_default());
    let status = Memo::new(move |_| pod.with(|p| p.as_ref().map(|p| pod_status_word(lang.0.get(), &p.status, p.ready))));
    let title = format!("kubectl describe pod {name}");
    let data_pod = name.clone();
    // A list item holding a real button: the list keeps its items for screen readers, and
    // the button gives Enter, Space and focus without extra code.
    view! {
        <li class="pod-item">
        <button
            type="button"
            class="pod-card"
            data-testid="pod-card"
            title=title
            on:click=move |_| describe()
            data-pod=data_pod
            data-namespace=namespace
            data-phase=move || get(|p| p.phase.clone())
            data-status=move || get(|p| p.status.clone())
            data-ready=move || get(|p| p.ready.to_string())
            data-owner-kind=move || get(|p| p.owner_kind.clone().unwrap_or_else(|| "Pod".into()))
            class:selected=move || flag.get()
            class:ready=move || pod.with(|p| p.as_ref().is_some_and(|p| p.ready))
            class:terminating=move || pod.with(|p| p.as_ref().is_some_and(|p| p.terminating))
        >
            {ordinal.map(|o| view! { <span class="ordinal" aria-hidden="true">{o.to_string()}</span> })}
            <span class="pod-name">{name}</span>
            <span class="pod-status">
                <span class="status-icon" aria-hidden="true">{move || status.with(|s| s.as_ref().map_or("", |s| s.0))}</span>
                " "
                {move || status.with(|s| s.as_ref().map(|s| s.1.clone()).unwrap_or_default())}
            </span>
            {(!claims.is_empty()).then(|| {
                view! {
                    <span class="pod-claims">
                        {claims
                            .into_iter()
                            .map(|c| { let shown = c.clone(); view! { <span class="claim-tag" data-claim=c>"⛁ " {shown}</span> } })
                            .collect_view()}
                    </span>
                }
            })}
            <span class="owner-badge">
                {move || {
                    pod.with(|p| match p.as_ref().and_then(|p| p.owner_kind.clone()) {
                        Some(k) => k,
                        None => lang.t(Msg::BarePod).to_string(),
                    })
                }}
            </span>
        </button>
        </li>
    }
}

/// A node's controls. Every button runs the command a student could type, and the
/// terminal shows it.
#[component]
fn NodeControls(name: String, node: Memo<Option<NodeView>>, lang: LangRelay) -> impl IntoView {
    let sim = expect_context::<Sim>();
    let name = StoredValue::new(name);
    // Memos: the buttons' words change only when these do, not with every pod on the node.
    let cordoned = Memo::new(move |_| node.with(|n| n.as_ref().is_some_and(|n| n.unschedulable)));
    let failed = Memo::new(move |_| node.with(|n| n.as_ref().is_some_and(|n| !n.ready)));
    let cordoned = move || cordoned.get();
    let failed = move || failed.get();
    let run = move |cmd: String| {
        sim.run_logged(&cmd);
    };
    let label_text = RwSignal::new(String::new());
    let taint_text = RwSignal::new(String::new());
    let n = move || name.get_value();
    view! {
        <fieldset class="node-controls" disabled=move || sim.looking_back() role="group" aria-label=move || format!("{}: {}", lang.t(Msg::NodeControls), n())>
            <button
                type="button"
                class="node-tool"
                data-testid="node-cordon"
                aria-label=move || if cordoned() { lang.t(Msg::Uncordon) } else { lang.t(Msg::Cordon) }
                data-tip=move || if cordoned() { lang.t(Msg::Uncordon) } else { lang.t(Msg::Cordon) }
                on:click=move |_| {
                    let verb = if cordoned() { "uncordon" } else { "cordon" };
                    run(format!("kubectl {verb} {}", n()));
                }
            >
                {move || if cordoned() { view! { <Icon path=icons::UNCORDON /> } } else { view! { <Icon path=icons::CORDON /> } }}
            </button>
            <button
                type="button"
                class="node-tool"
                data-testid="node-drain"
                aria-label=move || lang.t(Msg::Drain)
                data-tip=move || lang.t(Msg::Drain)
                on:click=move |_| run(format!("kubectl drain {} --ignore-daemonsets", n()))
            >
                <Icon path=icons::DRAIN />
            </button>
            <button
                type="button"
                class="node-tool"
                data-testid="node-fail"
                aria-label=move || if failed() { lang.t(Msg::RecoverNode) } else { lang.t(Msg::FailNode) }
                data-tip=move || if failed() { lang.t(Msg::RecoverNode) } else { lang.t(Msg::FailNode) }
                on:click=move |_| {
                    let verb = if failed() { "recover" } else { "fail" };
                    run(format!("sim node {verb} {}", n()));
                }
            >
                {move || if failed() { view! { <Icon path=icons::RECOVER /> } } else { view! { <Icon path=icons::FAIL /> } }}
            </button>
            <button
                type="button"
                class="node-tool"
                data-testid="node-remove"
                aria-label=move || lang.t(Msg::RemoveNode)
                data-tip=move || lang.t(Msg::RemoveNode)
                on:click=move |_| run(format!("sim node remove {}", n()))
            >
                <Icon path=icons::REMOVE />
            </button>
            <details class="node-more">
                <summary class="node-tool" aria-label=move || lang.t(Msg::MoreNodeActions) data-tip=move || lang.t(Msg::MoreNodeActions)>
                    <Icon path=icons::MORE />
                </summary>
                <form
                    class="inline-form"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        let v = label_text.get_untracked();
                        if !v.trim().is_empty() {
                            run(format!("kubectl label node {} {}", n(), v.trim()));
                            label_text.set(String::new());
                        }
                    }
                >
                    <input
                        type="text"
                        aria-label=move || format!("{} {}", lang.t(Msg::AddLabel), n())
                        placeholder=move || lang.t(Msg::LabelPlaceholder)
                        prop:value=move || label_text.get()
                        on:input=move |ev| label_text.set(event_target_value(&ev))
                    />
                    <button type="submit">{move || lang.t(Msg::AddLabel)}</button>
                </form>
                <form
                    class="inline-form"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        let v = taint_text.get_untracked();
                        if !v.trim().is_empty() {
                            run(format!("kubectl taint node {} {}", n(), v.trim()));
                            taint_text.set(String::new());
                        }
                    }
                >
                    <input
                        type="text"
                        aria-label=move || format!("{} {}", lang.t(Msg::AddTaint), n())
                        placeholder=move || lang.t(Msg::TaintPlaceholder)
                        prop:value=move || taint_text.get()
                        on:input=move |ev| taint_text.set(event_target_value(&ev))
                    />
                    <button type="submit">{move || lang.t(Msg::AddTaint)}</button>
                </form>
            </details>
        </fieldset>
    }
}

