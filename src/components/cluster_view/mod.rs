//! The cluster view: nodes as cards, their pods inside (status by word and shape, never
//! colour alone), pods not scheduled yet, the clock controls, and polite announcements.

use crate::context::{Drawer, LangRelay, LayoutState, UiLang};
use crate::components::icons::{self, Icon};
use crate::i18n::{pod_status_word, Msg};
use crate::sim::{News, Selected, Sim};
use kubesim::{NodeView, PodView};
use leptos::prelude::*;

mod announcer;
mod nodes;
mod services;
mod text;

use announcer::Announcer;
use nodes::{NodeCard, PodCard};
use services::{ServicesPanel, StorageStrip};
use text::TextView;

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

