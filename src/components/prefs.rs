//! Display preferences: the theme, projection mode and its type scale. `Prefs` is plain
//! serializable data (so it can be saved and restored); `UiPrefs` is its signal, shared by
//! the header controls and the keyboard shortcuts, and an effect mirrors it on `<html>`:
//! `data-theme` (only when the user chose one: without it CSS follows the OS), the class
//! `projection`, and the `--font-scale` variable.
//!
//! Projection remembers its own theme (high contrast unless the teacher picks another one
//! while projecting), so switching projection off gives back the student's theme.

use crate::context::{PaneSizes, PanelTab, UiLang};
use kubesim::PodFilter;
use crate::i18n::Msg;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the OS: `prefers-color-scheme`, and `prefers-contrast: more`.
    #[default]
    Auto,
    Light,
    Dark,
    Contrast,
}

impl Theme {
    pub const ALL: [Theme; 4] = [Theme::Auto, Theme::Light, Theme::Dark, Theme::Contrast];

    pub fn code(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Contrast => "contrast",
        }
    }

    pub fn from_code(code: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The value of `<html data-theme>`; none for Auto, so the CSS follows the OS.
    pub fn attr(self) -> Option<&'static str> {
        match self {
            Theme::Auto => None,
            t => Some(t.code()),
        }
    }

    pub fn label(self) -> Msg {
        match self {
            Theme::Auto => Msg::ThemeAuto,
            Theme::Light => Msg::ThemeLight,
            Theme::Dark => Msg::ThemeDark,
            Theme::Contrast => Msg::ThemeContrast,
        }
    }
}

/// Type size while projecting, in percent of the normal size: at least 1.6×, so the back
/// row can read it, up to 3×; `+`/`-` move by one step.
pub const SCALE_MIN: u16 = 160;
pub const SCALE_MAX: u16 = 300;
pub const SCALE_STEP: u16 = 20;

/// What the student chose for the display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// The theme outside projection.
    pub theme: Theme,
    /// The theme while projecting (high contrast until the teacher picks another).
    pub projection_theme: Theme,
    pub projection: bool,
    /// Type size while projecting, percent of normal (SCALE_MIN..=SCALE_MAX).
    pub scale: u16,
    /// Where the separators were left: the lesson pane's share of the width and the
    /// cluster view's share of the playground's height, in percent.
    pub lesson_pct: u32,
    pub cluster_pct: u32,
    /// The lesson pane folded away (its button, or `L`).
    pub lesson_hidden: bool,
    /// On a narrow screen, the panel whose tab was chosen (`PanelTab::id`).
    pub tab: String,
    /// Which pods the cluster view shows (`PodFilter::key`).
    pub pods: String,
}

impl Default for Prefs {
    fn default() -> Prefs {
        let sizes = PaneSizes::default();
        Prefs {
            theme: Theme::Auto,
            projection_theme: Theme::Contrast,
            projection: false,
            scale: SCALE_MIN,
            lesson_pct: sizes.lesson_pct,
            cluster_pct: sizes.cluster_pct,
            lesson_hidden: false,
            tab: PanelTab::Lesson.id().into(),
            pods: PodFilter::All.key(),
        }
    }
}

impl Prefs {
    /// The theme in force now.
    pub fn active_theme(&self) -> Theme {
        if self.projection {
            self.projection_theme
        } else {
            self.theme
        }
    }

    /// The chooser sets the theme of the mode in force.
    pub fn set_theme(&mut self, t: Theme) {
        if self.projection {
            self.projection_theme = t;
        } else {
            self.theme = t;
        }
    }

    /// The root font scale: 1 normally, the projection scale while projecting.
    pub fn font_scale(&self) -> f64 {
        if self.projection {
            f64::from(self.scale.clamp(SCALE_MIN, SCALE_MAX)) / 100.0
        } else {
            1.0
        }
    }

    /// One step bigger, up to the limit; false when already there.
    pub fn bigger(&mut self) -> bool {
        let s = self.scale.clamp(SCALE_MIN, SCALE_MAX);
        self.scale = (s + SCALE_STEP).min(SCALE_MAX);
        self.scale != s
    }

    /// One step smaller, down to 1.6×; false when already there.
    pub fn smaller(&mut self) -> bool {
        let s = self.scale.clamp(SCALE_MIN, SCALE_MAX);
        self.scale = s.saturating_sub(SCALE_STEP).max(SCALE_MIN);
        self.scale != s
    }

    /// Values read back from a save are brought within the limits.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn sanitized(mut self) -> Prefs {
        self.scale = self.scale.clamp(SCALE_MIN, SCALE_MAX);
        self.lesson_pct = self.lesson_pct.clamp(PaneSizes::LESSON_MIN, PaneSizes::LESSON_MAX);
        self.cluster_pct = self.cluster_pct.clamp(PaneSizes::CLUSTER_MIN, PaneSizes::CLUSTER_MAX);
        self
    }

    /// The pane sizes these preferences keep.
    pub fn sizes(&self) -> PaneSizes {
        PaneSizes { lesson_pct: self.lesson_pct, cluster_pct: self.cluster_pct }
    }

    /// The layout these preferences keep: pane sizes, the lesson folded or not, the narrow
    /// screen's tab and the pod filter (unknown text, from an edited save, gives the defaults).
    pub fn layout(&self) -> KeptLayout {
        KeptLayout {
            sizes: self.sizes(),
            lesson_hidden: self.lesson_hidden,
            tab: PanelTab::from_id(&self.tab).unwrap_or(PanelTab::Lesson),
            pods: PodFilter::from_key(&self.pods).unwrap_or_default(),
        }
    }

    /// Keeps `l` in these preferences.
    pub fn keep_layout(&mut self, l: &KeptLayout) {
        self.lesson_pct = l.sizes.lesson_pct;
        self.cluster_pct = l.sizes.cluster_pct;
        self.lesson_hidden = l.lesson_hidden;
        self.tab = l.tab.id().into();
        self.pods = l.pods.key();
    }
}

/// The part of the layout that is kept with the preferences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptLayout {
    pub sizes: PaneSizes,
    pub lesson_hidden: bool,
    pub tab: PanelTab,
    pub pods: PodFilter,
}

/// The preferences as a signal, shared by every component.
#[derive(Clone, Copy)]
pub struct UiPrefs(pub RwSignal<Prefs>);

impl UiPrefs {
    pub fn toggle_projection(&self) {
        self.0.update(|p| p.projection = !p.projection);
    }
}

/// Creates the preferences, provides them as context and mirrors them on `<html>`.
pub fn provide_prefs() -> UiPrefs {
    let prefs = UiPrefs(RwSignal::new(Prefs::default()));
    provide_context(prefs);
    Effect::new(move |_| {
        let p = prefs.0.get();
        let Some(root) = document().document_element() else { return };
        let _ = match p.active_theme().attr() {
            Some(t) => root.set_attribute("data-theme", t),
            None => root.remove_attribute("data-theme"),
        };
        let _ = root.class_list().toggle_with_force("projection", p.projection);
        if let Ok(html) = root.dyn_into::<web_sys::HtmlElement>() {
            let style = html.style();
            let _ = if p.projection {
                style.set_property("--font-scale", &format!("{}", p.font_scale()))
            } else {
                style.remove_property("--font-scale").map(|_| ())
            };
        }
    });
    prefs
}

/// The theme chooser: it sets the theme of the mode in force (projection has its own).
#[component]
pub fn ThemeChooser() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let prefs = expect_context::<UiPrefs>();
    let projecting = move || prefs.0.with(|p| p.projection);
    let active = move || prefs.0.with(|p| p.active_theme());
    view! {
        <span class="theme-chooser">
            <label for="theme-select">
                {move || if projecting() { lang.t(Msg::ThemeProjectionLabel) } else { lang.t(Msg::ThemeLabel) }}
            </label>
            <select
                id="theme-select"
                data-testid="theme-select"
                on:change=move |ev| {
                    if let Some(t) = Theme::from_code(&event_target_value(&ev)) {
                        prefs.0.update(|p| p.set_theme(t));
                    }
                }
            >
                {Theme::ALL
                    .into_iter()
                    .map(|t| {
                        view! {
                            <option value=t.code() prop:selected=move || active() == t>
                                {move || lang.t(t.label())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </span>
    }
}

/// The projection switch (also the key P). `compact` shows the icon alone: its word stays
/// the accessible name and the tooltip.
#[component]
pub fn ProjectionToggle(#[prop(optional)] compact: bool) -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let prefs = expect_context::<UiPrefs>();
    let projecting = move || prefs.0.with(|p| p.projection);
    let word = move || if projecting() { lang.t(Msg::LeaveProjection) } else { lang.t(Msg::Projection) };
    view! {
        <button
            type="button"
            class="tool"
            class:compact=compact
            data-testid="projection-toggle"
            aria-pressed=move || projecting().to_string()
            aria-keyshortcuts="P"
            aria-label=move || compact.then(word)
            data-tip=move || compact.then(|| format!("{} · P", word()))
            on:click=move |_| prefs.toggle_projection()
        >
            <crate::components::icons::Icon path=crate::components::icons::PROJECTOR />
            <span class="tool-label">{word}</span>
            <kbd class="key-hint" aria-hidden="true">"P"</kbd>
        </button>
    }
}

/// While projecting: the type size, one step smaller or bigger (also the keys - and +).
#[component]
pub fn TextSize() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let prefs = expect_context::<UiPrefs>();
    view! {
        <div class="text-size" role="group" aria-label=move || lang.t(Msg::TextSize)>
            <button
                type="button"
                class="tool compact"
                data-testid="text-smaller"
                data-tip=move || format!("{} · −", lang.t(Msg::TextSmaller))
                aria-keyshortcuts="-"
                disabled=move || prefs.0.with(|p| p.scale <= SCALE_MIN)
                on:click=move |_| {
                    prefs.0.update(|p| {
                        p.smaller();
                    })
                }
            >
                "A−"
                <span class="visually-hidden">" " {move || lang.t(Msg::TextSmaller)}</span>
            </button>
            <span class="scale-value" data-testid="text-scale">{move || format!("{} %", prefs.0.with(|p| p.scale))}</span>
            <button
                type="button"
                class="tool compact"
                data-testid="text-bigger"
                data-tip=move || format!("{} · +", lang.t(Msg::TextBigger))
                aria-keyshortcuts="+"
                disabled=move || prefs.0.with(|p| p.scale >= SCALE_MAX)
                on:click=move |_| {
                    prefs.0.update(|p| {
                        p.bigger();
                    })
                }
            >
                "A+"
                <span class="visually-hidden">" " {move || lang.t(Msg::TextBigger)}</span>
            </button>
        </div>
    }
}

/// Whether projection mode is on (read from the display preferences).
pub fn projecting() -> bool {
    use_context::<UiPrefs>().is_some_and(|p| p.0.with_untracked(|p| p.projection))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projection_has_its_own_theme_and_scale() {
        let mut p = Prefs::default();
        assert_eq!(p.active_theme(), Theme::Auto);
        assert_eq!(p.font_scale(), 1.0);
        p.set_theme(Theme::Dark);
        p.projection = true;
        assert_eq!(p.active_theme(), Theme::Contrast);
        assert!(p.font_scale() >= 1.6);
        p.set_theme(Theme::Light);
        assert_eq!((p.theme, p.projection_theme), (Theme::Dark, Theme::Light));
        p.projection = false;
        assert_eq!(p.active_theme(), Theme::Dark);
    }

    #[test]
    fn scale_moves_in_steps_within_limits() {
        let mut p = Prefs { projection: true, ..Prefs::default() };
        assert!(!p.smaller(), "1.6× is the floor");
        assert!(p.bigger());
        assert_eq!(p.scale, SCALE_MIN + SCALE_STEP);
        while p.bigger() {}
        assert_eq!(p.scale, SCALE_MAX);
        assert_eq!(p.font_scale(), 3.0);
        let odd = Prefs { scale: 7, ..Prefs::default() }.sanitized();
        assert_eq!(odd.scale, SCALE_MIN);
    }

    #[test]
    fn prefs_round_trip_and_tolerate_missing_fields() {
        let p = Prefs {
            theme: Theme::Dark,
            projection_theme: Theme::Contrast,
            projection: true,
            scale: 200,
            lesson_pct: 40,
            cluster_pct: 30,
            lesson_hidden: true,
            tab: "terminal".into(),
            pods: "StatefulSet/default/web".into(),
        };
        let text = serde_json::to_string(&p).unwrap();
        assert_eq!(
            text,
            r#"{"theme":"dark","projection_theme":"contrast","projection":true,"scale":200,"lesson_pct":40,"cluster_pct":30,"lesson_hidden":true,"tab":"terminal","pods":"StatefulSet/default/web"}"#
        );
        assert_eq!(serde_json::from_str::<Prefs>(&text).unwrap(), p);
        // Saved before the pane sizes were kept: the default sizes.
        let old = serde_json::from_str::<Prefs>(r#"{"theme":"light"}"#).unwrap();
        assert_eq!(old.projection_theme, Theme::Contrast);
        assert_eq!(old.sizes(), PaneSizes::default());
        assert!(!old.lesson_hidden);
        assert_eq!(old.layout().tab, PanelTab::Lesson);
        assert_eq!(old.layout().pods, PodFilter::All);
        // The layout goes into the preferences and comes back the same.
        let kept = p.layout();
        assert_eq!(kept.tab, PanelTab::Terminal);
        assert_eq!(kept.pods.key(), "StatefulSet/default/web");
        let mut q = Prefs::default();
        q.keep_layout(&kept);
        assert_eq!(q.layout(), kept);
        // Edited by hand: unknown words give the defaults.
        let odd = Prefs { tab: "sideways".into(), pods: "/".into(), ..Prefs::default() };
        assert_eq!((odd.layout().tab, odd.layout().pods), (PanelTab::Lesson, PodFilter::All));
        let wild = Prefs { lesson_pct: 99, cluster_pct: 1, ..Prefs::default() }.sanitized();
        assert_eq!((wild.lesson_pct, wild.cluster_pct), (PaneSizes::LESSON_MAX, PaneSizes::CLUSTER_MIN));
        for t in Theme::ALL {
            assert_eq!(Theme::from_code(t.code()), Some(t));
        }
        assert_eq!(Theme::Auto.attr(), None);
    }
}
