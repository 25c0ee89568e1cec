//! The page's header: the app's name, the language switch, projection and "save and share",
//! and a menu with the rest (theme, spotlight, shortcuts). It keeps to one line: on a
//! laptop the secondary controls are in the menu; on a phone the name, the language and the
//! menu alone (everything else inside it). While projecting there is no header: the
//! cluster's bar holds every control (`stage::StageBar`).

use crate::components::icons::{self, Icon};
use crate::components::menu::Menu;
use crate::components::prefs::{ProjectionToggle, ThemeChooser};
use crate::components::shortcuts::{ShortcutsButton, SpotlightToggle};
use crate::context::{LayoutState, UiLang};
use crate::i18n::{Lang, Msg};
use crate::offline::OfflineStatus;
use crate::persist::SaveMenu;
use leptos::prelude::*;

#[component]
pub fn AppHeader() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let layout = expect_context::<LayoutState>();
    let narrow = move || layout.narrow.get();
    view! {
        <header class="app-header" data-testid="app-header">
            <h1 class="brand">{move || lang.t(Msg::AppTitle)}</h1>
            <p class="tagline">{move || lang.t(Msg::AppTagline)}</p>
            <OfflineStatus />
            <LangSwitch />
            {move || {
                if narrow() {
                    view! {
                        <Menu id="main-menu" label=Msg::Menu icon_path=icons::MENU compact=true class="header-menu">
                            <MenuItems projection=true save=true />
                        </Menu>
                    }
                        .into_any()
                } else {
                    view! {
                        <ProjectionToggle />
                        <SaveMenu />
                        <Menu id="main-menu" label=Msg::Menu icon_path=icons::MENU class="header-menu">
                            <MenuItems projection=false save=false />
                        </Menu>
                    }
                        .into_any()
                }
            }}
        </header>
    }
}

/// What the main menu holds: the theme, the presenter's tools and, where the bar has no
/// room for them, projection, the language and "save and share".
#[component]
pub fn MenuItems(
    projection: bool,
    save: bool,
    #[prop(optional)] language: bool,
) -> impl IntoView {
    let lang = expect_context::<UiLang>();
    view! {
        <div class="menu-items" role="group" aria-label=move || lang.t(Msg::Display)>
            {language.then(|| view! { <LangSwitch /> })}
            <ThemeChooser />
            {projection.then(|| view! { <ProjectionToggle /> })}
            <SpotlightToggle />
            <ShortcutsButton />
        </div>
        {save.then(|| view! { <SaveMenu /> })}
    }
}

#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    view! {
        <div class="lang-switch" role="group" aria-label=move || lang.t(Msg::Language)>
            {Lang::ALL
                .into_iter()
                .map(|l| {
                    let label = match l {
                        Lang::Es => "Español",
                        Lang::En => "English",
                    };
                    view! {
                        <button
                            type="button"
                            lang=l.code()
                            data-testid=format!("lang-{}", l.code())
                            aria-pressed=move || (lang.0.get() == l).to_string()
                            on:click=move |_| lang.0.set(l)
                        >
                            {label}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// A small "close" cross with its word as accessible name.
#[component]
pub fn CloseButton(testid: &'static str, label: Msg, on_close: impl Fn() + 'static) -> impl IntoView {
    let lang = expect_context::<UiLang>();
    view! {
        <button
            type="button"
            class="tool compact close-button"
            data-testid=testid
            aria-label=move || lang.t(label)
            data-tip=move || lang.t(label)
            on:click=move |_| on_close()
        >
            <Icon path=icons::CLOSE />
        </button>
    }
}
