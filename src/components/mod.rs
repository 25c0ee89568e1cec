pub mod cluster_view;
pub mod editor;
pub mod lesson;
pub mod prefs;
pub mod shortcuts;
pub mod terminal;
pub mod why;
