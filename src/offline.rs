//! Offline use: registers the service worker (web/sw.js, where the browser has them) and
//! tells the student when a new version has been downloaded, with a button to use it now.
//! Without the button the new version is used from the next visit on.

use crate::context::UiLang;
use crate::i18n::Msg;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// What the offline notice says.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OfflineNews {
    /// The first visit finished caching everything: the app now works without network.
    Ready,
    /// A new version is installed and waiting.
    UpdateReady,
}

#[derive(Clone, Copy)]
pub struct Offline {
    /// What the toast says now; it leaves by itself (`TOAST_MS`) or when dismissed.
    pub news: RwSignal<Option<OfflineNews>>,
    /// What stays known after the toast left, shown as a small status icon: the app works
    /// offline, or a new version waits.
    pub state: RwSignal<Option<OfflineNews>>,
    waiting: StoredValue<Option<ServiceWorker>, LocalStorage>,
}

/// How long a toast stays before it leaves by itself.
const TOAST_MS: u64 = 12_000;

fn container() -> Option<ServiceWorkerContainer> {
    let nav = window().navigator();
    // Only where supported (and in a secure context: https, or 127.0.0.1 / localhost).
    let has = js_sys::Reflect::has(&nav, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    has.then(|| nav.service_worker())
}

impl Offline {
    pub fn start() -> Offline {
        let me = Offline { news: RwSignal::new(None), state: RwSignal::new(None), waiting: StoredValue::new_local(None) };
        let Some(sw) = container() else { return me };
        let had_controller = sw.controller().is_some();
        if had_controller {
            // Served by the worker: this visit already works offline.
            me.state.set(Some(OfflineNews::Ready));
        }
        // A page that was not controlled reloads nothing when the worker takes over; a
        // controlled one reloads once the student accepted the update.
        let on_change = Closure::<dyn FnMut()>::new(move || {
            if had_controller {
                let _ = window().location().reload();
            }
        });
        sw.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
        let promise = sw.register("sw.js");
        leptos::task::spawn_local(async move {
            let Ok(reg) = wasm_bindgen_futures::JsFuture::from(promise).await else { return };
            let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else { return };
            if let Some(w) = reg.waiting() {
                if had_controller {
                    me.waiting.set_value(Some(w));
                    me.tell(OfflineNews::UpdateReady);
                }
            }
            let reg2 = reg.clone();
            let on_found = Closure::<dyn FnMut()>::new(move || {
                let Some(worker) = reg2.installing() else { return };
                let w2 = worker.clone();
                let on_state = Closure::<dyn FnMut()>::new(move || {
                    if w2.state() == ServiceWorkerState::Installed {
                        if had_controller {
                            me.waiting.set_value(Some(w2.clone()));
                            me.tell(OfflineNews::UpdateReady);
                        } else {
                            me.tell(OfflineNews::Ready);
                        }
                    }
                });
                worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
                on_state.forget();
            });
            reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
            on_found.forget();
        });
        me
    }

    /// Shows `n` in a toast that leaves by itself, and keeps it as the status.
    fn tell(&self, n: OfflineNews) {
        let me = *self;
        me.state.set(Some(n));
        me.news.set(Some(n));
        set_timeout(
            move || {
                if me.news.get_untracked() == Some(n) {
                    me.news.set(None);
                }
            },
            std::time::Duration::from_millis(TOAST_MS),
        );
    }

    /// Switches to the waiting version now (the page reloads when it takes over).
    pub fn update_now(&self) {
        self.waiting.with_value(|w| {
            if let Some(w) = w {
                let _ = w.post_message(&JsValue::from_str("skip-waiting"));
            }
        });
    }
}

/// The toast of offline news: drawn over the page's corner, it takes no room and leaves
/// by itself.
#[component]
pub fn OfflineNotice() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let off = expect_context::<Offline>();
    view! {
        <div class="toast-area offline-notice" role="status" aria-live="polite" data-testid="offline-notice">
            {move || match off.news.get() {
                None => ().into_any(),
                Some(OfflineNews::Ready) => view! {
                    <p class="toast">
                        <span aria-hidden="true">"✓ "</span>
                        {lang.t(Msg::OfflineReady)}
                        <button type="button" class="link" on:click=move |_| off.news.set(None)>
                            {lang.t(Msg::Dismiss)}
                        </button>
                    </p>
                }
                .into_any(),
                Some(OfflineNews::UpdateReady) => view! {
                    <p class="toast">
                        <span aria-hidden="true">"↻ "</span>
                        {lang.t(Msg::UpdateReady)}
                        <button type="button" data-testid="update-now" on:click=move |_| off.update_now()>
                            {lang.t(Msg::UpdateNow)}
                        </button>
                        <button type="button" class="link" on:click=move |_| off.news.set(None)>
                            {lang.t(Msg::Dismiss)}
                        </button>
                    </p>
                }
                .into_any(),
            }}
        </div>
    }
}

/// What the toast said, once it left: a small icon (the app works offline), or a button
/// that switches to the new version waiting.
#[component]
pub fn OfflineStatus() -> impl IntoView {
    use crate::components::icons::{self, Icon};
    let lang = expect_context::<UiLang>();
    let off = expect_context::<Offline>();
    view! {
        {move || match off.state.get() {
            None => ().into_any(),
            Some(OfflineNews::Ready) => view! {
                <span class="status-icon-badge" role="img" tabindex="0" data-testid="offline-status"
                    aria-label=lang.t(Msg::OfflineStatus) data-tip=lang.t(Msg::OfflineStatus)>
                    <Icon path=icons::OFFLINE_OK />
                </span>
            }
            .into_any(),
            Some(OfflineNews::UpdateReady) => view! {
                <button type="button" class="tool compact" data-testid="update-status"
                    aria-label=lang.t(Msg::UpdateStatus) data-tip=lang.t(Msg::UpdateStatus)
                    on:click=move |_| off.update_now()>
                    <Icon path=icons::UPDATE />
                </button>
            }
            .into_any(),
        }}
    }
}
