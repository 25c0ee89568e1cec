//! The cluster view: nodes as cards, their pods inside (status by word and shape, never
//! colour alone), pods not scheduled yet, the clock controls, and polite announcements.

use crate::context::{Drawer, LangRelay, LayoutState, UiLang};
use crate::components::icons::{self, Icon};
use crate::i18n::{pod_status_word, Msg};
use crate::sim::{News, Selected, Sim};
use kubesim::{NodeView, PodView};
use leptos::prelude::*;

/// What a memo of one item of a list holds next: the previous value when the item is
/// unchanged (no clone, and no notification: the card's closures stay asleep), else a clone.
fn keep_or_clone<T: Clone + PartialEq>(prev: Option<Option<T>>, cur: Option<&T>) -> (Option<T>, bool) {
    match prev {
        Some(p) if p.as_ref() == cur => (p, false),
        _ => (cur.cloned(), true),
    }
}

/// What the node and pod cards read instead of page-wide signals, so that a change wakes
/// only the cards it concerns. Leptos keeps a signal's subscribers in order and removes each
/// one that re-runs with an O(n) shift: a thousand cards each subscribed to the cluster view
/// or to the selection made every change cost time in the square of the cluster's size
/// (seconds at 1,000 nodes).
#[derive(Clone, Copy)]
struct Cards {
    sim: Sim,
    /// Per node or pod shown, whether it is the selected one, and how many cards show it;
    /// only the cards of the old and the new selection are told when it changes. Sorted,
    /// so a thousand cards coming and going each find their entry by binary search.
    selected: StoredValue<Vec<(Selected, ArcRwSignal<bool>, u32)>>,
    /// Each node's view in its own signal, set only when that node changed; sorted by name,
    /// as the view's nodes are.
    nodes: StoredValue<Vec<(String, ArcRwSignal<Option<NodeView>>)>>,
}

impl Cards {
    fn new(sim: Sim) -> Cards {
        let cards = Cards { sim, selected: StoredValue::new(Vec::new()), nodes: StoredValue::new(Vec::new()) };
        let flag = move |key: &Option<Selected>, on: bool| {
            if let Some(sig) = key.as_ref().and_then(|k| cards.selected.with_value(|m| m.binary_search_by(|e| e.0.cmp(k)).ok().map(|i| m[i].1.clone()))) {
                sig.set(on);
            }
        };
        let selection = RenderEffect::new(move |prev: Option<Option<Selected>>| {
            let now = sim.selected.get();
            if prev.as_ref() != Some(&now) {
                flag(&prev.flatten(), false);
                flag(&now, true);
            }
            now
        });
        // One pass over the view when it changes, setting only the nodes that differ (new
        // nodes get their signal from their card, `node`).
        let fan_out = RenderEffect::new(move |_| {
            let mut changed = Vec::new();
            sim.view.with(|v| {
                cards.nodes.update_value(|m| {
                    m.retain(|(name, sig)| match v.node(name) {
                        Some(n) => {
                            if sig.with_untracked(|cur| cur.as_ref() != Some(n)) {
                                changed.push((sig.clone(), n.clone()));
                            }
                            true
                        }
                        None => false,
                    })
                })
            });
            for (sig, n) in changed {
                sig.set(Some(n));
            }
        });
        on_cleanup(move || drop((selection, fan_out)));
        cards
    }

    /// For the card being built: the flag that says whether `key` is the selection. It is
    /// let go when the card goes (and forgotten when no card shows `key` any more).
    fn flag(&self, key: Selected) -> ArcRwSignal<bool> {
        let sim = self.sim;
        let sig = self
            .selected
            .try_update_value(|m| match m.binary_search_by(|e| e.0.cmp(&key)) {
                Ok(i) => {
                    m[i].2 += 1;
                    m[i].1.clone()
                }
                Err(i) => {
                    let sig = ArcRwSignal::new(sim.selected.with_untracked(|s| s.as_ref() == Some(&key)));
                    m.insert(i, (key.clone(), sig.clone(), 1));
                    sig
                }
            })
            .unwrap_or_else(|| ArcRwSignal::new(false));
        let selected = self.selected;
        on_cleanup(move || {
            selected.try_update_value(|m| {
                if let Ok(i) = m.binary_search_by(|e| e.0.cmp(&key)) {
                    m[i].2 -= 1;
                    if m[i].2 == 0 {
                        m.remove(i);
                    }
                }
            });
        });
        sig
    }

    /// The signal of one node's view, made on first use from the current view.
    fn node(&self, name: &str) -> ArcRwSignal<Option<NodeView>> {
        let sim = self.sim;
        let at = self.nodes.with_value(|m| m.binary_search_by(|(x, _)| x.as_str().cmp(name)));
        match at {
            Ok(i) => self.nodes.with_value(|m| m[i].1.clone()),
            Err(i) => {
                let sig = ArcRwSignal::new(sim.view.with_untracked(|v| v.node(name).cloned()));
                self.nodes.update_value(|m| m.insert(i, (name.to_string(), sig.clone())));
                sig
            }
        }
    }
}

#[component]
pub fn ClusterPanel() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    provide_context(Cards::new(sim));
    let node_names = Memo::new(move |_| sim.view.with(|v| v.nodes.iter().map(|n| n.name.clone()).collect::<Vec<_>>()));
    let layout = expect_context::<LayoutState>();
    // The pods waiting for a node, held apart so their cards wake only when that list changed.
    let waiting = Memo::new_owning(move |prev: Option<Vec<PodView>>| {
        sim.view.with(|v| match prev {
            Some(p) if p == v.unscheduled => (p, false),
            _ => (v.unscheduled.clone(), true),
        })
    });
    // Those the workload filter admits, by uid.
    let unscheduled = Memo::new(move |_| {
        let filter = layout.pod_filter.get();
        waiting.with(|w| w.iter().filter(|p| filter.admits(p)).map(|p| p.uid.clone()).collect::<Vec<_>>())
    });
    let stage = NodeRef::<leptos::html::Div>::new();
    let content = NodeRef::<leptos::html::Div>::new();
    crate::components::stage::keep_fit(stage, content);
    let density = Memo::new(move |_| match node_names.with(|n| n.len()) {
        0..=4 => "roomy",
        5..=10 => "compact",
        _ => "dense",
    });
    let why_inline = move || layout.drawer.get() != Some(Drawer::Why);
    view! {
        <section class="panel cluster" aria-labelledby="cluster-title">
            <crate::components::stage::StageBar />
            <crate::components::timeline::PastBanner />
            <div class="stage-body">
                <div class="stage" class:fit=move || layout.fit.get() node_ref=stage data-testid="stage">
                    <div class="stage-content" node_ref=content>
                        <div class="nodes" data-testid="nodes" data-density=move || density.get()>
                            <For
                                each=move || node_names.get()
                                key=|n| n.clone()
                                children=move |name| view! { <NodeCard name /> }
                            />
                        </div>
                        <Show when=move || !unscheduled.get().is_empty()>
                            <div class="unscheduled" data-testid="unscheduled">
                                <h3>{move || lang.t(Msg::Unscheduled)}</h3>
                                <ul class="pods">
                                    <For
                                        each=move || unscheduled.get()
                                        key=|uid| uid.clone()
                                        children=move |uid| {
                                            let pod = Memo::new_owning(move |prev| waiting.with(|w| keep_or_clone(prev, w.iter().find(|x| x.uid == uid))));
                                            view! { <PodCard pod=pod.into() lang=LangRelay::new(lang) /> }
                                        }
                                    />
                                </ul>
                            </div>
                        </Show>
                        <StorageStrip />
                        <ServicesPanel />
                        <Show when=why_inline>
                            <div class="why-inline">
                                <crate::components::why::WhyPanel />
                            </div>
                        </Show>
                        <TextView />
                    </div>
                </div>
                <crate::components::stage::StageDrawer />
            </div>
            <Announcer />
        </section>
    }
}

#[component]
fn NodeCard(name: String) -> impl IntoView {
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
fn PodCard(pod: Signal<Option<PodView>>, lang: LangRelay) -> impl IntoView {
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

/// Claims (also those whose pod is gone: StatefulSet claims outlive their pods) and the
/// volumes they are bound to.
#[component]
fn StorageStrip() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    let claims = Memo::new(move |_| sim.view.with(|v| v.claims.clone()));
    let volumes = Memo::new(move |_| sim.view.with(|v| v.volumes.clone()));
    view! {
        <Show when=move || !claims.with(|c| c.is_empty()) || !volumes.with(|v| v.is_empty())>
            <section class="storage" aria-labelledby="storage-title" data-testid="storage">
                <h3 id="storage-title">{move || lang.t(Msg::Storage)}</h3>
                <ul class="claims" aria-label=move || lang.t(Msg::Claims)>
                    <For
                        each=move || claims.get()
                        key=|c| (c.namespace.clone(), c.name.clone(), c.status.clone(), c.used_by.clone())
                        children=move |c| {
                            let users = if c.used_by.is_empty() { lang.t(Msg::NoClaimUser).to_string() } else { c.used_by.join(", ") };
                            let icon = match c.status.as_str() {
                                "Bound" => "●",
                                "Pending" => "◌",
                                _ => "✕",
                            };
                            view! {
                                <li class="claim" data-testid="claim" data-claim=c.name.clone() data-status=c.status.clone()>
                                    <span class="claim-name">"⛁ " {c.name.clone()}</span>
                                    <span>{icon} " " {c.status.clone()}</span>
                                    <span class="muted">{c.capacity.clone().unwrap_or_default()}</span>
                                    <span class="muted">"→ " {users}</span>
                                </li>
                            }
                        }
                    />
                </ul>
                <ul class="volumes" aria-label=move || lang.t(Msg::Volumes)>
                    <For
                        each=move || volumes.get()
                        key=|v| (v.name.clone(), v.status.clone(), v.claim.clone())
                        children=move |v| {
                            view! {
                                <li class="volume" data-testid="volume" data-status=v.status.clone()>
                                    <code>{v.name.clone()}</code>
                                    " " {v.capacity.clone()} " " {v.access_modes.clone()} " · " {v.status.clone()}
                                    {v.claim.clone().map(|c| format!(" · {c}"))}
                                    {v.node.clone().map(|n| format!(" · {n}"))}
                                </li>
                            }
                        }
                    />
                </ul>
            </section>
        </Show>
    }
}

/// Services, and for headless ones the DNS names they give each ready pod.
#[component]
fn ServicesPanel() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    // The cluster's own `kubernetes` Service is not what the lessons are about.
    let services = Memo::new(move |_| {
        sim.view.with(|v| {
            v.services
                .iter()
                .filter(|s| !(s.name == "kubernetes" && s.namespace == "default"))
                .map(|s| (s.namespace.clone(), s.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !services.with(|s| s.is_empty())>
            <section class="services" aria-labelledby="services-title" data-testid="services">
                <h3 id="services-title">{move || lang.t(Msg::Services)}</h3>
                <For
                    each=move || services.get()
                    key=|k| k.clone()
                    children=move |(ns, name)| {
                        // Each Service's card follows its own Service; its DNS rows are keyed
                        // by what they say, so a pod turning Ready adds one row.
                        let svc = Memo::new_owning(move |prev| {
                            sim.view.with(|v| keep_or_clone(prev, v.services.iter().find(|s| s.namespace == ns && s.name == name)))
                        });
                        let get = move |f: fn(&kubesim::view::ServiceView) -> String| svc.with(|s| s.as_ref().map(f).unwrap_or_default());
                        let kind = move || {
                            svc.with(|s| match s {
                                Some(s) if s.headless => lang.t(Msg::Headless).to_string(),
                                Some(s) => s.cluster_ip.clone().unwrap_or_default(),
                                None => String::new(),
                            })
                        };
                        let dns = move || {
                            svc.with(|s| s.as_ref().map(|s| sorted_dns(&s.dns)).unwrap_or_default())
                                .into_iter()
                                .filter(|(_, ips)| !ips.is_empty())
                                .collect::<Vec<_>>()
                        };
                        view! {
                            <div class="service" data-service=get(|s| s.name.clone())>
                                <p>
                                    <strong>{get(|s| s.name.clone())}</strong>
                                    " (" {kind} ", " {move || get(|s| s.ports.clone())} ")"
                                </p>
                                <Show when=move || svc.with(|s| s.as_ref().is_some_and(|s| s.ready_endpoints == 0))>
                                    <p class="muted">{move || lang.t(Msg::NoReadyEndpoints)}</p>
                                </Show>
                                <ul class="dns">
                                    <For
                                        each=dns
                                        key=|d| d.clone()
                                        children=|(name, ips)| view! { <li><code>{name}</code> " → " {ips.join(", ")}</li> }
                                    />
                                </ul>
                            </div>
                        }
                    }
                />
            </section>
        </Show>
    }
}

/// The Service's own name first, then the per-pod names in ordinal order.
fn sorted_dns(dns: &[(String, Vec<String>)]) -> Vec<(String, Vec<String>)> {
    let mut v = dns.to_vec();
    if v.len() > 1 {
        v[1..].sort_by(|a, b| {
            let key = |s: &str| {
                let host = s.split('.').next().unwrap_or(s);
                let ord = host.rsplit('-').next().and_then(|n| n.parse::<u64>().ok());
                (host.trim_end_matches(|c: char| c.is_ascii_digit()).to_string(), ord, s.to_string())
            };
            key(&a.0).cmp(&key(&b.0))
        });
    }
    v
}

/// The cluster as tables, kept in sync with the cards: the same facts for screen readers
/// and for anyone who prefers rows. The tables exist only while the section is open, and
/// their rows are keyed by what they say: a pod that changes phase replaces its row only.
#[component]
fn TextView() -> impl IntoView {
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

/// Up to this many pods of one kind of news are announced by name; more are counted
/// ("Pods created: 1001"), as nobody can listen to a thousand names.
const NEWS_BY_NAME: usize = 5;

/// What the live region says for one batch of news: each kind in the order it first came,
/// by name when there are few, else as a count.
fn announcement(news: &[News], t: impl Fn(Msg) -> &'static str) -> String {
    let kinds: [(fn(&News) -> Option<&String>, Msg, Msg); 3] = [
        (|n| if let News::PodCreated(p) = n { Some(p) } else { None }, Msg::PodCreatedNews, Msg::PodsCreatedNews),
        (|n| if let News::PodReady(p) = n { Some(p) } else { None }, Msg::PodReadyNews, Msg::PodsReadyNews),
        (|n| if let News::PodDeleted(p) = n { Some(p) } else { None }, Msg::PodDeletedNews, Msg::PodsDeletedNews),
    ];
    let mut order: Vec<(usize, usize)> = kinds
        .iter()
        .enumerate()
        .filter_map(|(k, (pick, ..))| news.iter().position(|n| pick(n).is_some()).map(|first| (first, k)))
        .collect();
    order.sort();
    let mut parts = Vec::new();
    for (_, k) in order {
        let (pick, one, many) = kinds[k];
        let names: Vec<&String> = news.iter().filter_map(pick).collect();
        if names.len() > NEWS_BY_NAME {
            parts.push(format!("{}: {}", t(many), names.len()));
        } else {
            parts.extend(names.iter().map(|p| format!("{}: {p}", t(one))));
        }
    }
    parts.join(". ")
}

/// Polite live announcements of pods created, ready and deleted.
#[component]
fn Announcer() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    let text = move || sim.news.with(|news| announcement(news, |m| lang.t(m)));
    view! {
        <div class="visually-hidden" role="status" aria-live="polite" aria-label=move || lang.t(Msg::LiveRegion)>
            {text}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn en(m: Msg) -> &'static str {
        m.text(Lang::En)
    }

    #[test]
    fn few_pods_are_announced_by_name_in_the_order_their_news_came() {
        let news = vec![News::PodReady("web-0".into()), News::PodCreated("web-1".into()), News::PodReady("x".into())];
        assert_eq!(announcement(&news, en), "Pod ready: web-0. Pod ready: x. Pod created: web-1");
        assert_eq!(announcement(&[], en), "");
    }

    #[test]
    fn many_pods_of_one_kind_are_counted_instead() {
        let mut news: Vec<News> = (0..1001).map(|i| News::PodCreated(format!("agent-{i}"))).collect();
        news.push(News::PodDeleted("old".into()));
        assert_eq!(announcement(&news, en), "Pods created: 1001. Pod deleted: old");
        let es = announcement(&news, |m| m.text(Lang::Es));
        assert_eq!(es, "Pods creados: 1001. Pod eliminado: old");
    }
}
