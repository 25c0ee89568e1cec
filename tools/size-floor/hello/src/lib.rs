use leptos::prelude::*;
use wasm_bindgen::prelude::*;
#[wasm_bindgen(start)]
pub fn start() {
    leptos::mount::mount_to_body(|| {
        let (n, set_n) = signal(0);
        view! { <button on:click=move |_| set_n.update(|v| *v += 1)>{move || n.get()}</button> }
    })
}
