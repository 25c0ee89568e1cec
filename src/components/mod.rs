pub mod cluster_view;
pub mod editor;
pub mod lesson;
pub mod splitter;
pub mod terminal;
pub mod timeline;
pub mod why;
