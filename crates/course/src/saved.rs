//! What survives a reload, an export file and a share link: plain data and the pure code
//! that writes and reads it. Nothing here touches the browser; the app stores the text.
//!
//! - The stored state (localStorage, export files) is YAML with a `version`. A newer version
//!   than this build knows, an older one that cannot be migrated, or anything corrupt is
//!   refused with a typed error, so the app can set it aside and offer it for download.
//! - The cluster is never stored as objects: it is the journal (seed, nodes and every input),
//!   replayed on load. The simulator's determinism makes that exact.
//! - A share link carries the language, lesson, step, the editor files that differ from the
//!   lesson's, and the journal, in the URL fragment: `#share=ks1.<…>`.

use crate::progress::Progress;
use kubesim::journal::{self, base64url, unbase64url, DecodeError, Journal};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The stored state's format version. Bump it with a migration in [`load`].
///
/// - 2: a step's progress keeps when it began and whether it was completed; `goals_met`
///   holds only the `once` goals met since it began.
/// - 1: `goals_met` held every goal met at least once (read, and migrated).
pub const SAVE_VERSION: u32 = 2;
/// The largest stored state or export file read (characters).
pub const MAX_SAVED_CHARS: usize = 8 << 20;
/// The largest share link fragment read (characters).
pub const MAX_SHARE_CHARS: usize = 64 << 10;
/// Files and terminal lines kept, at most.
pub const MAX_FILES: usize = 64;
pub const MAX_HISTORY: usize = 500;

/// Everything a student did, as stored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Saved {
    pub version: u32,
    /// "es" or "en".
    pub lang: String,
    /// The display preferences, as the app writes them (read back by the app, which checks
    /// them); kept as YAML text so this crate needs no knowledge of the UI's types.
    #[serde(default)]
    pub prefs: String,
    /// Lesson and step ids (they survive a reordering of the course).
    pub lesson: String,
    pub step: String,
    #[serde(default)]
    pub progress: Progress,
    /// The editor's files, in tab order, and the one shown.
    #[serde(default)]
    pub files: Vec<(String, String)>,
    #[serde(default)]
    pub current_file: usize,
    /// Lines typed in the terminal, oldest first (↑ walks them back).
    #[serde(default)]
    pub history: Vec<String>,
    /// The cluster: the journal's text form (`kj1.…`).
    pub journal: String,
}

/// Why stored data or a share link was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    TooLarge,
    /// Not YAML of the expected shape (the parser's message).
    Corrupt(String),
    /// Written by a newer kubeaula than this one.
    NewerVersion(u32),
    /// Written by an old kubeaula whose format cannot be read any more.
    OlderVersion(u32),
    /// A field holds something impossible (an unknown language, too many files…).
    Invalid(String),
    /// The cluster's journal does not decode.
    Journal(DecodeError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::TooLarge => write!(f, "too large"),
            LoadError::Corrupt(m) => write!(f, "corrupt: {m}"),
            LoadError::NewerVersion(v) => write!(f, "written by a newer version ({v})"),
            LoadError::OlderVersion(v) => write!(f, "written by an old version ({v})"),
            LoadError::Invalid(m) => write!(f, "invalid: {m}"),
            LoadError::Journal(e) => write!(f, "the cluster's journal: {e:?}"),
        }
    }
}

/// Only the version, read first so a newer format is recognised even if the rest differs.
#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

/// Writes the stored state.
pub fn store(s: &Saved) -> String {
    serde_yaml::to_string(s).unwrap_or_default()
}

/// Reads stored state: checks the version, the shape, the limits and the journal.
pub fn load(text: &str, known: journal::KnownFiles) -> Result<(Saved, Journal), LoadError> {
    if text.len() > MAX_SAVED_CHARS {
        return Err(LoadError::TooLarge);
    }
    let v: VersionOnly = kubesim::yaml::from_str(text).map_err(LoadError::Corrupt)?;
    match v.version {
        1 | SAVE_VERSION => {}
        n if n > SAVE_VERSION => return Err(LoadError::NewerVersion(n)),
        n => return Err(LoadError::OlderVersion(n)),
    }
    let mut s: Saved = kubesim::yaml::from_str(text).map_err(LoadError::Corrupt)?;
    if s.version == 1 {
        let specs: Vec<_> = crate::LESSONS.iter().map(|l| l.spec).collect();
        s.progress.migrate_from_v1(&specs);
        s.version = SAVE_VERSION;
    }
    check(&s)?;
    let j = journal::decode(&s.journal, known).map_err(LoadError::Journal)?;
    Ok((s, j))
}

fn check(s: &Saved) -> Result<(), LoadError> {
    if crate::Lang::from_code(&s.lang).is_none() {
        return Err(LoadError::Invalid(format!("unknown language {:?}", s.lang)));
    }
    if s.files.len() > MAX_FILES {
        return Err(LoadError::Invalid("too many files".into()));
    }
    if s.history.len() > MAX_HISTORY {
        return Err(LoadError::Invalid("too many terminal lines".into()));
    }
    for (name, _) in &s.files {
        if !valid_file_name(name) {
            return Err(LoadError::Invalid(format!("bad file name {name:?}")));
        }
    }
    Ok(())
}

/// A file name the editor can show: a plain name, no path, no markup.
pub fn valid_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        && !name.starts_with('.')
}

/// What a share link opens.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    pub lang: String,
    pub lesson: String,
    pub step: String,
    /// Editor files that differ from the lesson's (or are new), with their text.
    pub files: Vec<(String, String)>,
    pub journal: Journal,
}

const SHARE_PREFIX: &str = "ks1.";

/// The URL fragment's value (after `#share=`). `known` names the lesson files, which the
/// journal refers to by id instead of carrying them.
pub fn share_encode(s: &Shared, known: journal::KnownFiles) -> String {
    let mut head = String::new();
    for part in [&s.lang, &s.lesson, &s.step] {
        head.push_str(&part.len().to_string());
        head.push(':');
        head.push_str(part);
    }
    head.push_str(&s.files.len().to_string());
    head.push(':');
    for (n, t) in &s.files {
        for part in [n, t] {
            head.push_str(&part.len().to_string());
            head.push(':');
            head.push_str(part);
        }
    }
    format!("{SHARE_PREFIX}{}.{}", base64url(head.as_bytes()), journal::encode(&s.journal, known))
}

/// Reads a share link's value; anything malformed or hostile is refused, never half-read.
pub fn share_decode(text: &str, known: journal::KnownFiles) -> Result<Shared, LoadError> {
    if text.len() > MAX_SHARE_CHARS {
        return Err(LoadError::TooLarge);
    }
    let rest = text.strip_prefix(SHARE_PREFIX).ok_or_else(|| LoadError::Corrupt("not a kubeaula share link".into()))?;
    let (head, journal_text) = rest.split_once('.').ok_or_else(|| LoadError::Corrupt("cut short".into()))?;
    let head = unbase64url(head).ok_or_else(|| LoadError::Corrupt("not base64url".into()))?;
    let head = String::from_utf8(head).map_err(|_| LoadError::Corrupt("not UTF-8".into()))?;
    let mut r = Fields { s: &head };
    let lang = r.field()?;
    let lesson = r.field()?;
    let step = r.field()?;
    let n: usize = r.number()?;
    if n > MAX_FILES {
        return Err(LoadError::Invalid("too many files".into()));
    }
    let mut files = Vec::with_capacity(n);
    for _ in 0..n {
        let name = r.field()?;
        let text = r.field()?;
        if !valid_file_name(&name) {
            return Err(LoadError::Invalid(format!("bad file name {name:?}")));
        }
        files.push((name, text));
    }
    if !r.s.is_empty() {
        return Err(LoadError::Corrupt("bytes left over".into()));
    }
    if crate::Lang::from_code(&lang).is_none() {
        return Err(LoadError::Invalid(format!("unknown language {lang:?}")));
    }
    let journal = journal::decode(journal_text, known).map_err(LoadError::Journal)?;
    Ok(Shared { lang, lesson, step, files, journal })
}

/// Length-prefixed fields: `5:hello`.
struct Fields<'a> {
    s: &'a str,
}

impl Fields<'_> {
    fn number(&mut self) -> Result<usize, LoadError> {
        let (n, rest) = self.s.split_once(':').ok_or_else(|| LoadError::Corrupt("cut short".into()))?;
        if n.is_empty() || n.len() > 9 || !n.bytes().all(|b| b.is_ascii_digit()) {
            return Err(LoadError::Corrupt("bad length".into()));
        }
        self.s = rest;
        n.parse().map_err(|_| LoadError::Corrupt("bad length".into()))
    }

    fn field(&mut self) -> Result<String, LoadError> {
        let n = self.number()?;
        if n > self.s.len() || !self.s.is_char_boundary(n) {
            return Err(LoadError::Corrupt("cut short".into()));
        }
        let (v, rest) = self.s.split_at(n);
        self.s = rest;
        Ok(v.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kubesim::journal::Setup;
    use kubesim::Session;

    const DS: &str = include_str!("../../../content/01-daemonset/daemonset.yaml");
    const KNOWN: &[(&str, &str)] = &[("01-daemonset/daemonset.yaml", DS)];

    fn journal() -> Journal {
        let mut s = Session::start(Setup::kind(1));
        s.write_file("daemonset.yaml", DS);
        s.apply_file("daemonset.yaml", DS).unwrap();
        s.tick(kubesim::Dur::ms(30_000));
        s.run("sim node add kind-worker4", None);
        s.tick(kubesim::Dur::ms(10_000));
        s.run("kubectl get pods -o wide", None);
        s.journal().unwrap().clone()
    }

    fn saved() -> Saved {
        Saved {
            version: SAVE_VERSION,
            lang: "es".into(),
            prefs: "theme: dark\n".into(),
            lesson: "daemonset".into(),
            step: "apply".into(),
            progress: Progress::default(),
            files: vec![("daemonset.yaml".into(), DS.into()), ("mine.yaml".into(), "kind: Pod\n".into())],
            current_file: 1,
            history: vec!["kubectl get pods".into()],
            journal: journal::encode(&journal(), KNOWN),
        }
    }

    #[test]
    fn stored_state_round_trips() {
        let s = saved();
        let (back, j) = load(&store(&s), KNOWN).unwrap();
        assert_eq!(back, s);
        assert_eq!(j, journal());
    }

    #[test]
    fn versions_and_corruption_are_refused_with_their_reason() {
        let text = store(&saved());
        let newer = text.replace("version: 2", "version: 3");
        assert_eq!(load(&newer, KNOWN).unwrap_err(), LoadError::NewerVersion(3));
        let older = text.replace("version: 2", "version: 0");
        assert_eq!(load(&older, KNOWN).unwrap_err(), LoadError::OlderVersion(0));
        assert!(matches!(load("{{{", KNOWN), Err(LoadError::Corrupt(_))));
        assert!(matches!(load("", KNOWN), Err(LoadError::Corrupt(_))));
        assert!(matches!(load(&text.replace("lang: es", "lang: xx"), KNOWN), Err(LoadError::Invalid(_))));
        let bad_journal = text.replace("kj1.", "kj1.!!");
        assert!(matches!(load(&bad_journal, KNOWN), Err(LoadError::Journal(_))));
        assert!(matches!(load(&text.replace("daemonset.yaml", "<script>.yaml"), KNOWN), Err(LoadError::Invalid(_))));
        assert_eq!(load(&"x".repeat(MAX_SAVED_CHARS + 1), KNOWN).unwrap_err(), LoadError::TooLarge);
    }

    /// A save of version 1: the step whose goals were all met counts as completed, the
    /// other keeps only its `once` goals; the rest of the save reads as it was.
    #[test]
    fn a_version_1_save_is_read_with_its_done_steps_completed() {
        let lessons = crate::catalogue().unwrap();
        let l = &lessons[0].spec;
        let (apply, verify) = (&l.steps[0], &l.steps[1]);
        let mut old = saved();
        old.version = 1;
        for g in apply.goals {
            old.progress.lessons.entry(l.id.into()).or_default().entry(apply.id.into()).or_default().goals_met.insert(g.id.into());
        }
        old.progress.lessons.entry(l.id.into()).or_default().entry(verify.id.into()).or_default().goals_met.insert(verify.goals[0].id.into());
        let text = store(&old);
        // What version 1 wrote has none of the new fields.
        let text: String = text.lines().filter(|l| !l.contains("started:") && !l.contains("completed:")).map(|l| format!("{l}\n")).collect();
        assert!(text.contains("version: 1"));
        let (back, _) = load(&text, KNOWN).unwrap();
        assert_eq!(back.version, SAVE_VERSION);
        assert!(back.progress.step_done(l, apply));
        assert!(!back.progress.step_done(l, verify));
        assert_eq!(back.progress.step(l.id, verify.id).goals_met.len(), 1);
        assert_eq!((back.lesson, back.files, back.history), (old.lesson, old.files, old.history));
    }

    fn shared() -> Shared {
        Shared {
            lang: "en".into(),
            lesson: "daemonset".into(),
            step: "apply".into(),
            files: vec![("daemonset.yaml".into(), DS.replace("nginx", "nginx:1.27"))],
            journal: journal(),
        }
    }

    #[test]
    fn share_links_round_trip_and_typical_ones_stay_short() {
        let s = shared();
        let link = share_encode(&s, KNOWN);
        assert_eq!(share_decode(&link, KNOWN).unwrap(), s);
        // The typical link (lesson file applied unchanged, a node added, a command) is short.
        let plain = Shared { files: vec![], ..s };
        let short = share_encode(&plain, KNOWN);
        assert!(short.len() < 2000, "{} chars", short.len());
        assert!(link.len() < 2000, "with an edited file: {} chars", link.len());
    }

    /// Seeded random bytes and mutations of a real link: every one decodes or is refused,
    /// none panics, and a refused one is never half-read.
    #[test]
    fn hostile_share_links_are_refused_without_panicking() {
        let good = share_encode(&shared(), KNOWN);
        let mut rng = kubesim::rand::Rng::new(99);
        let mut refused = 0;
        for i in 0..3000 {
            let text: String = if i % 3 == 0 {
                (0..rng.below(200)).map(|_| char::from(32 + rng.below(95) as u8)).collect()
            } else {
                let mut b = good.clone().into_bytes();
                for _ in 0..1 + rng.below(4) {
                    let at = rng.below(b.len() as u64) as usize;
                    b[at] = b"A-_.:0123456789ks!"[rng.below(18) as usize];
                }
                if i % 5 == 0 {
                    b.truncate(rng.below(b.len() as u64) as usize);
                }
                String::from_utf8_lossy(&b).into_owned()
            };
            if share_decode(&text, KNOWN).is_err() {
                refused += 1;
            }
        }
        assert!(refused > 1000, "most mutations are refused ({refused})");
        for bad in ["", "ks1.", "ks1..", "ks1.MTo=.kj1.", "ks2.abc.kj1.abc", &"ks1.".repeat(20_000)] {
            assert!(share_decode(bad, KNOWN).is_err(), "{bad:.40}");
        }
        // Length fields that lie.
        let lie = format!("{SHARE_PREFIX}{}.{}", base64url(b"999:es"), journal::encode(&journal(), KNOWN));
        assert!(share_decode(&lie, KNOWN).is_err());
    }

    /// The stored-state loader on random and mutated text: refused or read, never a panic.
    #[test]
    fn corrupt_stored_state_never_panics() {
        let good = store(&saved());
        let mut rng = kubesim::rand::Rng::new(7);
        for _ in 0..1500 {
            let mut b = good.clone().into_bytes();
            for _ in 0..1 + rng.below(6) {
                let at = rng.below(b.len() as u64) as usize;
                b[at] = b" :-\n\"'[]{}&*!|>#x0"[rng.below(18) as usize];
            }
            let _ = load(&String::from_utf8_lossy(&b), KNOWN);
        }
    }
}
