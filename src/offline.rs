//! Offline use: registers the service worker (web/sw.js, where the browser has them) and
//! tells the student when a new version has been downloaded, with a button to use it now.
//! Without the button the new version is used from the next visit on.

use crate::app::UiLang;
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
    pub news: RwSignal<Option<OfflineNews>>,
    waiting: StoredValue<Option<ServiceWorker>, LocalStorage>,
}

fn container() -> Option<ServiceWorkerContainer> {
    let nav = window().navigator();
    // Only where supported (and in a secure context: https, or 127.0.0.1 / localhost).
    let has = js_sys::Reflect::has(&nav, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    has.then(|| nav.service_worker())
}

impl Offline {
    pub fn start() -> Offline {
        let me = Offline { news: RwSignal::new(None), waiting: StoredValue::new_local(None) };
        let Some(sw) = container() else { return me };
        let had_controller = sw.controller().is_some();
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
                    me.news.set(Some(OfflineNews::UpdateReady));
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
                            me.news.set(Some(OfflineNews::UpdateReady));
                        } else {
                            me.news.set(Some(OfflineNews::Ready));
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

    /// Switches to the waiting version now (the page reloads when it takes over).
    pub fn update_now(&self) {
        self.waiting.with_value(|w| {
            if let Some(w) = w {
                let _ = w.post_message(&JsValue::from_str("skip-waiting"));
            }
        });
    }
}

#[component]
pub fn OfflineNotice() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let off = expect_context::<Offline>();
    view! {
        <div class="offline-notice" role="status" aria-live="polite" data-testid="offline-notice">
            {move || match off.news.get() {
                None => ().into_any(),
                Some(OfflineNews::Ready) => view! {
                    <p>
                        <span aria-hidden="true">"✓ "</span>
                        {lang.t(Msg::OfflineReady)}
                        <button type="button" class="link" on:click=move |_| off.news.set(None)>
                            {lang.t(Msg::Dismiss)}
                        </button>
                    </p>
                }
                .into_any(),
                Some(OfflineNews::UpdateReady) => view! {
                    <p>
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
