//! Small inline icons (fonts may lack media-control glyphs). Every icon is decoration: the
//! control it sits in carries the words, as its label or its accessible name.

use leptos::prelude::*;

#[component]
pub fn Icon(path: &'static str) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
            <path d=path fill="currentColor" />
        </svg>
    }
}

pub const PAUSE: &str = "M6 4h4v16H6zM14 4h4v16h-4z";
pub const PLAY: &str = "M7 4l13 8-13 8z";
pub const STEP: &str = "M5 4l10 8-10 8zM17 4h3v16h-3z";
pub const ADD_CONTROL_PLANE: &str = "M3 3h12v2H5v14h14v-6h2v8H3zm15-1h2v3h3v2h-3v3h-2V7h-3V5h3zM8 9h6v2H8zm0 4h6v2H8z";
pub const PLUS: &str = "M11 4h2v7h7v2h-7v7h-2v-7H4v-2h7z";
pub const TIMELINE: &str = "M12 3a9 9 0 1 1-9 9h2a7 7 0 1 0 2-4.9V10H3V3h2v2.6A9 9 0 0 1 12 3zm-1 4h2v5l4 2.3-1 1.7-5-3z";
pub const WHY: &str = "M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm0 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16zm-1 11h2v2h-2zm1-9a3.5 3.5 0 0 1 1.6 6.6c-.4.2-.6.5-.6.9V14h-2v-.5c0-1.2.6-2.2 1.7-2.7A1.5 1.5 0 1 0 10.5 9.5h-2A3.5 3.5 0 0 1 12 6z";
pub const FIT: &str = "M3 3h7v2H5v5H3zM14 3h7v7h-2V5h-5zM3 14h2v5h5v2H3zM19 14h2v7h-7v-2h5z";
pub const LESSON: &str = "M4 4h7a3 3 0 0 1 1 .2A3 3 0 0 1 13 4h7v15h-7a1 1 0 0 0-1 1 1 1 0 0 0-1-1H4zm2 2v11h5V7a1 1 0 0 0-1-1zm7 0a1 1 0 0 0-1 1v10h6V6z";
pub const EDITOR: &str = "M4 3h11l5 5v13H4zm2 2v14h12V9h-4V5zm2 6h8v2H8zm0 4h8v2H8z";
pub const TERMINAL: &str = "M3 4h18v16H3zm2 2v12h14V6zm2 2 4 4-4 4-1.4-1.4L8.2 12 5.6 9.4zm5 6h5v2h-5z";
pub const PROJECTOR: &str = "M3 4h18v11H3zM5 6v7h14V6zM11 15h2v3h4v2H7v-2h4z";
pub const MENU: &str = "M4 6h16v2H4zm0 5h16v2H4zm0 5h16v2H4z";
pub const SPOTLIGHT: &str = "M12 2a7 7 0 0 1 4 12.7V18H8v-3.3A7 7 0 0 1 12 2zM9 20h6v2H9z";
pub const KEYBOARD: &str = "M2 6h20v12H2zm2 2v8h16V8zm1 1h2v2H5zm3 0h2v2H8zm3 0h2v2h-2zm3 0h2v2h-2zm3 0h2v2h-2zM5 12h2v2H5zm3 0h8v2H8zm9 0h2v2h-2z";
pub const SHARE: &str = "M18 2a3 3 0 1 1-2.8 4l-6.4 3.2a3 3 0 0 1 0 1.6l6.4 3.2A3 3 0 1 1 14.6 16l-6.4-3.2a3 3 0 1 1 0-3.6L14.6 6A3 3 0 0 1 18 2z";
pub const CLOSE: &str = "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z";
pub const CORDON: &str = "M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm6.3 5.1L7.1 18.3A8 8 0 0 0 18.3 7.1zM12 4a8 8 0 0 0-6.3 12.9L16.9 5.7A8 8 0 0 0 12 4z";
pub const UNCORDON: &str = "M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm0 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16zm4.3 4.3 1.4 1.4-7.2 7.2-4.2-4.2 1.4-1.4 2.8 2.8z";
pub const DRAIN: &str = "M11 3h2v9.2l3.3-3.3 1.4 1.4L12 16l-5.7-5.7 1.4-1.4 3.3 3.3zM4 18h16v3H4z";
pub const FAIL: &str = "M13 2 4 14h6l-1 8 9-12h-6z";
pub const RECOVER: &str = "M12 21 3.5 12.7A5.2 5.2 0 0 1 12 6a5.2 5.2 0 0 1 8.5 6.7z";
pub const REMOVE: &str = "M9 3h6l1 2h4v2H4V5h4zM6 8h12l-1 13H7zm3 2v9h2v-9zm4 0v9h2v-9z";
pub const MORE: &str = "M5 10a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm7 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm7 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4z";
pub const WIDE: &str = "M2 5h20v14H2zm2 2v10h16V7zm1 5 3-3v2h8V9l3 3-3 3v-2H8v2z";
pub const OFFLINE_OK: &str = "M6.5 19A4.5 4.5 0 0 1 6 10a6 6 0 0 1 11.6 1.5A3.8 3.8 0 0 1 17.5 19zm3.8-3.3 5.7-5.7-1.4-1.4-4.3 4.3-1.9-1.9-1.4 1.4z";
pub const UPDATE: &str = "M12 4a8 8 0 0 1 7.4 5H22l-3.5 4L15 9h2.2A6 6 0 1 0 18 15h2.1A8 8 0 1 1 12 4z";
