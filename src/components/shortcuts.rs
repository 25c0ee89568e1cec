//! Presenting from the keyboard: one listener on the window turns keys into the same
//! intents the buttons use (space pauses/plays the clock, → steps to the next event, N adds
//! a node, 1–4 set the speed, P projects, +/- size the text while projecting, L folds the
//! lesson, S spotlights the selection, ? opens the sheet of shortcuts). Keys never fire
//! while the student types (inputs, the editor, the terminal line, a dialog) nor with
//! Ctrl/Alt/Meta; space on a focused button keeps its usual meaning.
//!
//! The spotlight dims everything except the selected node or pod (`Sim::selected`); the
//! header shows short, polite status messages of what a key did.

use crate::context::{Drawer, LayoutState, PanelTab, UiLang, WorkPanel};
use crate::components::prefs::UiPrefs;
use crate::i18n::Msg;
use crate::sim::{Selected, Sim};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The speeds the keys 1–4 choose, as the clock's speed control offers them.
pub const SPEEDS: [u64; 4] = [1, 2, 5, 10];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    PlayPause,
    Step,
    AddNode,
    Speed(u64),
    Projection,
    Bigger,
    Smaller,
    Lesson,
    Spotlight,
    Sheet,
    Editor,
    Terminal,
    Timeline,
    Why,
    Fit,
    WideTerminal,
}

/// The action of a key (`KeyboardEvent.key`), if it has one.
pub fn action_for(key: &str) -> Option<Action> {
    Some(match key {
        " " | "Spacebar" => Action::PlayPause,
        "ArrowRight" | "Right" => Action::Step,
        "n" | "N" => Action::AddNode,
        "1" => Action::Speed(SPEEDS[0]),
        "2" => Action::Speed(SPEEDS[1]),
        "3" => Action::Speed(SPEEDS[2]),
        "4" => Action::Speed(SPEEDS[3]),
        "p" | "P" => Action::Projection,
        "+" | "=" => Action::Bigger,
        "-" | "−" => Action::Smaller,
        "l" | "L" => Action::Lesson,
        "s" | "S" => Action::Spotlight,
        "?" => Action::Sheet,
        "e" | "E" => Action::Editor,
        "t" | "T" => Action::Terminal,
        "h" | "H" => Action::Timeline,
        "y" | "Y" => Action::Why,
        "f" | "F" => Action::Fit,
        "w" | "W" => Action::WideTerminal,
        _ => return None,
    })
}

/// Actions a held-down key may repeat (the others are switches).
fn repeats(a: Action) -> bool {
    matches!(a, Action::Step | Action::Bigger | Action::Smaller)
}

/// Where the student is typing: no shortcut fires there.
const TYPING: &str =
    "input, textarea, select, [contenteditable]:not([contenteditable='false']), .code-stack, .term-input, dialog";
/// Controls that space activates: space keeps that meaning on them.
const TAKES_SPACE: &str = "button, a[href], summary, [role=button], [role=tab], [role=checkbox], [role=radio], \
     [role=switch], [role=link], [role=menuitem], [role=option]";
/// Widgets that move with the arrow keys.
const TAKES_ARROWS: &str = "[role=tablist], [role=radiogroup], [role=listbox], [role=slider], [role=menu], [role=grid], [role=tree]";

fn inside(el: &web_sys::Element, selector: &str) -> bool {
    el.closest(selector).ok().flatten().is_some()
}

/// How a key is written in the sheet: the same in both languages, or a word to translate.
#[derive(Clone, Copy)]
enum KeyName {
    Same(&'static str),
    Word(Msg),
}

/// Every key of the page, in the sheet's order.
const ANYWHERE: &[(KeyName, Msg)] = &[
    (KeyName::Word(Msg::KeySpace), Msg::ShortcutPlayPause),
    (KeyName::Same("→"), Msg::ShortcutStep),
    (KeyName::Same("N"), Msg::ShortcutAddNode),
    (KeyName::Same("1 – 4"), Msg::ShortcutSpeed),
    (KeyName::Same("P"), Msg::ShortcutProjection),
    (KeyName::Same("+ / −"), Msg::ShortcutTextSize),
    (KeyName::Same("L"), Msg::ShortcutLesson),
    (KeyName::Same("E"), Msg::ShortcutEditor),
    (KeyName::Same("T"), Msg::ShortcutTerminal),
    (KeyName::Same("W"), Msg::ShortcutWideTerminal),
    (KeyName::Same("H"), Msg::ShortcutTimeline),
    (KeyName::Same("Y"), Msg::ShortcutWhy),
    (KeyName::Same("F"), Msg::ShortcutFit),
    (KeyName::Same("S"), Msg::ShortcutSpotlight),
    (KeyName::Same("?"), Msg::ShortcutSheet),
    (KeyName::Same("Esc"), Msg::ShortcutClose),
];

/// Keys of the editor and the terminal (they work only there).
const WHILE_TYPING: &[(KeyName, Msg)] = &[
    (KeyName::Word(Msg::KeyCtrlEnter), Msg::ShortcutApply),
    (KeyName::Same("↑ / ↓"), Msg::ShortcutHistory),
    (KeyName::Same("Tab"), Msg::ShortcutComplete),
    (KeyName::Same("Ctrl+R"), Msg::ShortcutSearch),
    (KeyName::Same("Ctrl+C"), Msg::ShortcutInterrupt),
];

/// The sheet's line that explains an action.
#[cfg_attr(not(test), allow(dead_code))]
fn described_by(a: Action) -> Msg {
    match a {
        Action::PlayPause => Msg::ShortcutPlayPause,
        Action::Step => Msg::ShortcutStep,
        Action::AddNode => Msg::ShortcutAddNode,
        Action::Speed(_) => Msg::ShortcutSpeed,
        Action::Projection => Msg::ShortcutProjection,
        Action::Bigger | Action::Smaller => Msg::ShortcutTextSize,
        Action::Lesson => Msg::ShortcutLesson,
        Action::Spotlight => Msg::ShortcutSpotlight,
        Action::Sheet => Msg::ShortcutSheet,
        Action::Editor => Msg::ShortcutEditor,
        Action::Terminal => Msg::ShortcutTerminal,
        Action::Timeline => Msg::ShortcutTimeline,
        Action::Why => Msg::ShortcutWhy,
        Action::Fit => Msg::ShortcutFit,
        Action::WideTerminal => Msg::ShortcutWideTerminal,
    }
}

/// The spotlight switch, shared with whoever needs to know it is on.
#[derive(Clone, Copy)]
pub struct Spotlight(pub RwSignal<bool>);

/// Asks the page to open the shortcut sheet (each request bumps the count).
#[derive(Clone, Copy)]
pub struct SheetRequest(pub RwSignal<u32>);

/// Moves focus to the first element `selector` finds.
fn focus_selector(selector: &str) {
    if let Some(el) = document().query_selector(selector).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

fn selected_name(s: &Selected) -> &str {
    match s {
        Selected::Node(n) => n,
        Selected::Pod(_, n) => n,
    }
}

/// The spotlight's switch (also the key S).
#[component]
pub fn SpotlightToggle() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let spotlight = expect_context::<Spotlight>();
    view! {
        <button
            type="button"
            class="tool"
            data-testid="spotlight-toggle"
            aria-pressed=move || spotlight.0.get().to_string()
            aria-keyshortcuts="S"
            on:click=move |_| spotlight.0.update(|s| *s = !*s)
        >
            <crate::components::icons::Icon path=crate::components::icons::SPOTLIGHT />
            <span class="tool-label">{move || lang.t(Msg::Spotlight)}</span>
            <kbd class="key-hint" aria-hidden="true">"S"</kbd>
        </button>
    }
}

/// Opens the sheet of shortcuts (also the key ?).
#[component]
pub fn ShortcutsButton() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let request = expect_context::<SheetRequest>();
    view! {
        <button
            type="button"
            class="tool"
            data-testid="shortcuts-open"
            aria-haspopup="dialog"
            aria-keyshortcuts="?"
            on:click=move |_| request.0.update(|n| *n += 1)
        >
            <crate::components::icons::Icon path=crate::components::icons::KEYBOARD />
            <span class="tool-label">{move || lang.t(Msg::Shortcuts)}</span>
            <kbd class="key-hint" aria-hidden="true">"?"</kbd>
        </button>
    }
}

/// The page's key listener, the status line that tells what a key did (drawn over the page,
/// taking no room) and the sheet of shortcuts. Mounted once, whatever the layout.
#[component]
pub fn PresenterKeys() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    let prefs = expect_context::<UiPrefs>();
    let layout = expect_context::<LayoutState>();
    let spotlight = expect_context::<Spotlight>();
    let request = expect_context::<SheetRequest>();

    // The status line: a message, cleared after a while unless it must stay.
    // Kept as a message and its detail, so it is shown in the language of the moment.
    let status = RwSignal::new(None::<(Msg, String)>);
    let generation = StoredValue::new(0u64);
    let say = move |m: Msg, detail: String, stays: bool| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        status.set(Some((m, detail)));
        if !stays {
            set_timeout(
                move || {
                    if generation.get_value() == mine {
                        status.set(None);
                    }
                },
                Duration::from_secs(5),
            );
        }
    };

    // The spotlight shows on <html>; without a selection it asks for one.
    Effect::new(move |prev: Option<(bool, Option<Selected>)>| {
        let on = spotlight.0.get();
        let sel = sim.selected.get();
        if let Some(root) = document().document_element() {
            let _ = root.class_list().toggle_with_force("spotlight", on);
        }
        let now = (on, sel.clone());
        if let Some(prev) = prev {
            if prev != now {
                match (on, &sel) {
                    (true, None) => say(Msg::SpotlightNeedsSelection, String::new(), true),
                    (true, Some(s)) => say(Msg::SpotlightOn, format!(" {}", selected_name(s)), false),
                    (false, _) if prev.0 => say(Msg::SpotlightOff, String::new(), false),
                    _ => {}
                }
            }
        }
        now
    });

    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let open_sheet = move || {
        let Some(d) = dialog.get_untracked() else { return };
        if d.open() {
            return;
        }
        opener.set_value(document().active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()));
        let _ = d.show_modal();
    };
    let close_sheet = move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    Effect::new(move |prev: Option<u32>| {
        let n = request.0.get();
        if prev.is_some_and(|p| p != n) {
            open_sheet();
        }
        n
    });
    let projecting = move || prefs.0.with_untracked(|p| p.projection);

    let run = move |a: Action| match a {
        Action::PlayPause => {
            sim.playing.update(|p| *p = !*p);
            let m = if sim.playing.get_untracked() { Msg::ClockRunning } else { Msg::ClockPaused };
            say(m, String::new(), false);
        }
        Action::Step => sim.step(),
        Action::AddNode => sim.add_node(false),
        Action::Speed(s) => {
            sim.speed.set(s);
            say(Msg::Speed, format!(": {s}×"), false);
        }
        Action::Projection => {
            prefs.toggle_projection();
            let m = if prefs.0.with_untracked(|p| p.projection) { Msg::ProjectionOn } else { Msg::ProjectionOff };
            say(m, String::new(), false);
        }
        Action::Bigger | Action::Smaller => {
            if !prefs.0.with_untracked(|p| p.projection) {
                return;
            }
            prefs.0.update(|p| {
                if a == Action::Bigger {
                    p.bigger();
                } else {
                    p.smaller();
                }
            });
            say(Msg::TextSize, format!(": {} %", prefs.0.with_untracked(|p| p.scale)), false);
        }
        Action::Lesson => {
            let shown = if projecting() {
                layout.stage_lesson.update(|c| *c = !*c);
                layout.stage_lesson.get_untracked()
            } else if layout.narrow.get_untracked() {
                layout.tab.set(PanelTab::Lesson);
                true
            } else {
                layout.lesson_collapsed.update(|c| *c = !*c);
                !layout.lesson_collapsed.get_untracked()
            };
            say(if shown { Msg::LessonShown } else { Msg::LessonHidden }, String::new(), false);
        }
        Action::Spotlight => spotlight.0.update(|s| *s = !*s),
        Action::Sheet => open_sheet(),
        Action::Editor | Action::Terminal => {
            let (work, tab, target) = if a == Action::Editor {
                (WorkPanel::Editor, PanelTab::Editor, "[data-testid=editor]")
            } else {
                (WorkPanel::Terminal, PanelTab::Terminal, "[data-testid=terminal-input]")
            };
            if projecting() {
                layout.toggle_work(work);
                if layout.stage_work.get_untracked() != Some(work) {
                    return;
                }
            } else if layout.narrow.get_untracked() {
                layout.tab.set(tab);
            } else if a == Action::Editor {
                layout.wide_terminal.set(false);
            }
            request_animation_frame(move || focus_selector(target));
        }
        Action::Timeline => layout.toggle_drawer(Drawer::Timeline),
        Action::Why => layout.toggle_drawer(Drawer::Why),
        Action::Fit => {
            layout.fit.update(|f| *f = !*f);
            say(if layout.fit.get_untracked() { Msg::FitOn } else { Msg::FitOff }, String::new(), false);
        }
        Action::WideTerminal => {
            layout.wide_terminal.update(|w| *w = !*w);
            say(if layout.wide_terminal.get_untracked() { Msg::WideTerminalOn } else { Msg::WideTerminalOff }, String::new(), false);
        }
    };

    let listener = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if ev.default_prevented() || ev.ctrl_key() || ev.alt_key() || ev.meta_key() || ev.is_composing() {
            return;
        }
        let Some(action) = action_for(&ev.key()) else { return };
        if ev.repeat() && !repeats(action) {
            return;
        }
        if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            if inside(&el, TYPING)
                || (action == Action::PlayPause && inside(&el, TAKES_SPACE))
                || (action == Action::Step && inside(&el, TAKES_ARROWS))
            {
                return;
            }
        }
        ev.prevent_default();
        run(action);
    });
    on_cleanup(move || listener.remove());

    // Tab and Shift+Tab go round inside the open sheet.
    let trap_focus = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() != "Tab" {
            return;
        }
        let Some(d) = dialog.get_untracked() else { return };
        let Ok(list) = d.query_selector_all("button, [href], input, select, textarea, [tabindex]:not([tabindex='-1'])") else { return };
        let items: Vec<web_sys::HtmlElement> =
            (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok()).collect();
        let (Some(first), Some(last)) = (items.first(), items.last()) else { return };
        let active = document().active_element();
        let at = |e: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| a == e.unchecked_ref::<web_sys::Element>());
        if ev.shift_key() && at(first) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && at(last) {
            ev.prevent_default();
            let _ = first.focus();
        }
    };

    let rows = move |list: &'static [(KeyName, Msg)]| {
        list.iter()
            .map(|(k, what)| {
                let key = match *k {
                    KeyName::Same(s) => s,
                    KeyName::Word(m) => lang.t(m),
                };
                view! {
                    <tr>
                        <th scope="row"><kbd>{key}</kbd></th>
                        <td>{lang.t(*what)}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <p class="presenter-status" role="status" aria-live="polite" data-testid="presenter-status">{move || status.get().map(|(m, detail)| format!("{}{detail}", lang.t(m)))}</p>
        <dialog
            class="shortcut-sheet"
            data-testid="shortcut-sheet"
            aria-labelledby="shortcut-sheet-title"
            node_ref=dialog
            on:keydown=trap_focus
            on:click=move |ev| {
                // A click on the backdrop (the dialog itself, outside its content) closes it.
                let on_dialog = ev.target().zip(dialog.get_untracked()).is_some_and(|(t, d)| {
                    t.unchecked_ref::<web_sys::Element>() == d.unchecked_ref::<web_sys::Element>()
                });
                if on_dialog {
                    close_sheet();
                }
            }
            on:close=move |_| {
                opener.with_value(|o| {
                    if let Some(el) = o {
                        let _ = el.focus();
                    }
                });
            }
        >
            <div class="sheet-content">
                <div class="sheet-head">
                    <h2 id="shortcut-sheet-title">{move || lang.t(Msg::Shortcuts)}</h2>
                    <button type="button" data-testid="shortcuts-close" on:click=move |_| close_sheet()>
                        {move || lang.t(Msg::Close)}
                        <kbd class="key-hint" aria-hidden="true">"Esc"</kbd>
                    </button>
                </div>
                <div class="sheet-body" tabindex="0" role="region" aria-labelledby="shortcut-sheet-title">
                    <table>
                        <caption>{move || lang.t(Msg::ShortcutsAnywhere)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || lang.t(Msg::KeyColumn)}</th>
                                <th scope="col">{move || lang.t(Msg::ActionColumn)}</th>
                            </tr>
                        </thead>
                        <tbody>{move || rows(ANYWHERE)}</tbody>
                    </table>
                    <table>
                        <caption>{move || lang.t(Msg::ShortcutsTyping)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || lang.t(Msg::KeyColumn)}</th>
                                <th scope="col">{move || lang.t(Msg::ActionColumn)}</th>
                            </tr>
                        </thead>
                        <tbody>{move || rows(WHILE_TYPING)}</tbody>
                    </table>
                </div>
            </div>
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_their_actions() {
        assert_eq!(action_for(" "), Some(Action::PlayPause));
        assert_eq!(action_for("ArrowRight"), Some(Action::Step));
        assert_eq!(action_for("n"), Some(Action::AddNode));
        assert_eq!(action_for("N"), Some(Action::AddNode));
        let speeds: Vec<_> = ["1", "2", "3", "4"].iter().map(|k| action_for(k)).collect();
        assert_eq!(speeds, SPEEDS.map(|s| Some(Action::Speed(s))));
        assert_eq!(action_for("P"), Some(Action::Projection));
        assert_eq!(action_for("+"), Some(Action::Bigger));
        assert_eq!(action_for("-"), Some(Action::Smaller));
        assert_eq!(action_for("l"), Some(Action::Lesson));
        assert_eq!(action_for("s"), Some(Action::Spotlight));
        assert_eq!(action_for("?"), Some(Action::Sheet));
        assert_eq!(action_for("e"), Some(Action::Editor));
        assert_eq!(action_for("T"), Some(Action::Terminal));
        assert_eq!(action_for("h"), Some(Action::Timeline));
        assert_eq!(action_for("y"), Some(Action::Why));
        assert_eq!(action_for("F"), Some(Action::Fit));
        assert_eq!(action_for("w"), Some(Action::WideTerminal));
        for k in ["5", "a", "Enter", "Escape", "ArrowLeft", "Tab"] {
            assert_eq!(action_for(k), None, "{k}");
        }
    }

    #[test]
    fn the_sheet_lists_every_action() {
        let all = [
            Action::PlayPause,
            Action::Step,
            Action::AddNode,
            Action::Speed(1),
            Action::Projection,
            Action::Bigger,
            Action::Smaller,
            Action::Lesson,
            Action::Spotlight,
            Action::Sheet,
            Action::Editor,
            Action::Terminal,
            Action::Timeline,
            Action::Why,
            Action::Fit,
            Action::WideTerminal,
        ];
        for a in all {
            assert!(ANYWHERE.iter().any(|(_, m)| *m == described_by(a)), "{a:?} is missing from the sheet");
        }
    }

    #[test]
    fn switches_do_not_repeat_when_held() {
        assert!(repeats(Action::Step) && repeats(Action::Bigger));
        assert!(!repeats(Action::AddNode) && !repeats(Action::Projection) && !repeats(Action::PlayPause));
    }
}
