//! kubeaula: a Kubernetes course and playground that runs entirely in the browser.
//! The app is a thin Leptos layer: it shows kubesim's views and calls its intents.

mod app;
mod components;
mod context;
mod editor_state;
mod highlight;
mod i18n;
mod offline;
mod persist;
mod sim;
mod why_text;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
