//! The editor's files, shared: the lesson pane loads YAML into it, the terminal's working
//! directory mirrors it, the editor panel shows it.

use crate::sim::Sim;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct EditorState {
    /// The student's text per file. Edits land here without re-rendering the textarea.
    texts: StoredValue<Vec<(String, String)>>,
    /// The lesson's version of each file, for "reset".
    originals: StoredValue<Vec<(String, String)>>,
    pub names: RwSignal<Vec<String>>,
    pub current: RwSignal<usize>,
    /// What the textarea must show; set only when its content is replaced (tab switch,
    /// reset, load), never while the student types.
    pub shown: RwSignal<String>,
    pub line_count: RwSignal<usize>,
    /// The text as typed, for the highlighter behind the textarea.
    pub live: RwSignal<String>,
    /// A plain labelled textarea instead of the highlighted one (for screen readers).
    pub plain: RwSignal<bool>,
    sim: Sim,
}

fn lines(text: &str) -> usize {
    text.lines().count().max(1)
}

impl EditorState {
    pub fn new(sim: Sim) -> EditorState {
        EditorState {
            texts: StoredValue::new(Vec::new()),
            originals: StoredValue::new(Vec::new()),
            names: RwSignal::new(Vec::new()),
            current: RwSignal::new(0),
            shown: RwSignal::new(String::new()),
            line_count: RwSignal::new(1),
            live: RwSignal::new(String::new()),
            plain: RwSignal::new(false),
            sim,
        }
    }

    /// Opens a lesson's files (and puts them in the terminal's working directory).
    pub fn open(&self, files: Vec<(String, String)>) {
        for (n, t) in &files {
            self.sim.write_file(n, t);
        }
        self.names.set(files.iter().map(|f| f.0.clone()).collect());
        self.texts.set_value(files.clone());
        self.originals.set_value(files);
        self.select(0);
    }

    /// The student's files, in tab order, and the one shown.
    pub fn files(&self) -> (Vec<(String, String)>, usize) {
        (self.texts.get_value(), self.current.get_untracked())
    }

    /// Brings back saved files over a lesson's originals, without writing them to the
    /// terminal's working directory (the restored journal already did).
    pub fn restore(&self, originals: Vec<(String, String)>, files: Vec<(String, String)>, current: usize) {
        let files = if files.is_empty() { originals.clone() } else { files };
        self.names.set(files.iter().map(|f| f.0.clone()).collect());
        let n = files.len();
        self.texts.set_value(files);
        self.originals.set_value(originals);
        self.select(current.min(n.saturating_sub(1)));
    }

    pub fn select(&self, i: usize) {
        self.current.set(i);
        let text = self.texts.with_value(|t| t.get(i).map(|f| f.1.clone()).unwrap_or_default());
        self.line_count.set(lines(&text));
        self.live.set(text.clone());
        self.shown.set(text);
    }

    /// The student typed: keep the text, and the file in the working directory.
    pub fn edit(&self, text: String) {
        let i = self.current.get_untracked();
        self.line_count.set(lines(&text));
        self.live.set(text.clone());
        let name = self.texts.with_value(|t| t.get(i).map(|f| f.0.clone()));
        if let Some(name) = name {
            self.sim.write_file(&name, &text);
        }
        self.texts.update_value(|t| {
            if let Some(f) = t.get_mut(i) {
                f.1 = text;
            }
        });
    }

    /// Replaces the current file's text (reset, or YAML loaded from the lesson).
    pub fn replace(&self, text: String) {
        self.edit(text.clone());
        self.shown.set(text);
    }

    pub fn reset(&self) {
        let i = self.current.get_untracked();
        let original = self.originals.with_value(|o| o.get(i).map(|f| f.1.clone()).unwrap_or_default());
        self.replace(original);
    }

    /// (name, text) of the file being edited.
    pub fn current_file(&self) -> (String, String) {
        self.texts.with_value(|t| t.get(self.current.get_untracked()).cloned().unwrap_or_default())
    }

    pub fn current_name(&self) -> String {
        let i = self.current.get();
        self.names.with(|n| n.get(i).cloned().unwrap_or_default())
    }

    /// Whether the student changed file `i` from the lesson's version (a file the lesson
    /// does not have counts as changed once it holds anything).
    pub fn changed(&self, i: usize) -> bool {
        let now = self.texts.with_value(|t| t.get(i).cloned());
        let Some((name, text)) = now else { return false };
        match self.originals.with_value(|o| o.iter().find(|f| f.0 == name).map(|f| f.1.clone())) {
            Some(orig) => orig != text,
            None => !text.trim().is_empty(),
        }
    }

    /// The tab of the lesson file whose text is `text`, if one is.
    pub fn file_with_original(&self, text: &str) -> Option<usize> {
        let name = self.originals.with_value(|o| o.iter().find(|f| f.1.trim_end() == text.trim_end()).map(|f| f.0.clone()))?;
        self.names.with_untracked(|n| n.iter().position(|x| *x == name))
    }

    /// The text of file `i` now.
    pub fn text_of(&self, i: usize) -> Option<String> {
        self.texts.with_value(|t| t.get(i).map(|f| f.1.clone()))
    }

    /// Opens `text` in a new tab named after `like` (`web.yaml` → `web-2.yaml`, the first
    /// free number), writes it to the working directory and shows it.
    pub fn open_new(&self, like: &str, text: String) -> String {
        let (stem, ext) = match like.rsplit_once('.') {
            Some((s, e)) if !s.is_empty() => (s.to_string(), format!(".{e}")),
            _ => (like.to_string(), ".yaml".to_string()),
        };
        let taken = self.names.get_untracked();
        let name = (2..).map(|n| format!("{stem}-{n}{ext}")).find(|c| !taken.contains(c)).unwrap_or_default();
        self.sim.write_file(&name, &text);
        self.texts.update_value(|t| t.push((name.clone(), text)));
        self.names.update(|n| n.push(name.clone()));
        let i = self.names.with_untracked(|n| n.len() - 1);
        self.select(i);
        name
    }
}
