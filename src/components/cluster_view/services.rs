//! Volumes and Services: the storage strip and the Services panel with their DNS names.

use super::*;

/// Claims (also those whose pod is gone: StatefulSet claims outlive their pods) and the
/// volumes they are bound to.
#[component]
pub(super) fn StorageStrip() -> impl IntoView {
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
pub(super) fn ServicesPanel() -> impl IntoView {
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
        kubesim::sort::by(&mut v[1..], |a, b| {
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

