//! The input journal of a session: the seed and node spec the cluster started from, then
//! every input that changed it or its working directory (command lines, the editor's
//! applies, file writes, clock ticks, steps, Ctrl-C). The simulation is deterministic, so
//! replaying a journal builds the same session again, byte for byte: the same `state_hash`,
//! the same terminal output. On that rest "resume where you left off", share links and the
//! timeline's look back ([`view_at`]).
//!
//! The text form ([`encode`], [`decode`]) is `kj1.` followed by base64url (no padding) of a
//! small binary layout: varints, length-prefixed UTF-8, one tag byte per input. Texts may
//! name a known file (a lesson's) instead of embedding it, and a text seen before in the
//! same journal is referenced by its index. The decoder never panics: it checks every
//! length, count and tag against limits and answers a [`DecodeError`].

use crate::cluster::{kind_nodes, NodeSpecInput};
use crate::api::model::Taint;
use crate::session::{Horizon, Session};
use crate::runtime::time::{Dur, Time};
use crate::view::ClusterView;
use std::collections::BTreeMap;
use std::fmt;

pub use crate::session::inputs::{Input, Journal, Setup};

/// Why a journal could not be replayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplayError {
    /// The setup's node list cannot make a cluster (a duplicate name, say).
    BadSetup(String),
}

impl fmt::Display for ReplayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplayError::BadSetup(m) => write!(f, "the journal's cluster setup is invalid: {m}"),
        }
    }
}

/// Whether the setup can make a cluster (node names present and distinct).
pub fn check_setup(setup: &Setup) -> Result<(), ReplayError> {
    let mut names = std::collections::BTreeSet::new();
    for n in &setup.nodes {
        if n.name.is_empty() || !names.insert(n.name.as_str()) {
            return Err(ReplayError::BadSetup(format!("node name {:?} is empty or repeated", n.name)));
        }
    }
    Ok(())
}

/// Builds the session the journal describes: same cluster, same files, same watches.
pub fn replay(j: &Journal) -> Result<Session, ReplayError> {
    replay_transcript(j).map(|(s, _)| s)
}

/// [`replay`], also returning what the terminal showed for each input ([`Session::perform`]).
pub fn replay_transcript(j: &Journal) -> Result<(Session, Vec<String>), ReplayError> {
    check_setup(&j.setup)?;
    let mut s = Session::start(j.setup.clone());
    let shown = j.inputs.iter().map(|i| s.perform(i)).collect();
    Ok((s, shown))
}

/// A past moment of a journal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
    /// After the first `n` inputs.
    Input(usize),
    /// At this instant of the simulated clock, after every input issued at or before it.
    Time(Time),
}

/// The session as it was at `at`. Clock inputs are cut at the instant exactly (ticking to
/// `t` then on is ticking straight on); a command that waits past it (`kubectl delete`,
/// `drain`, `rollout status`, `sleep`) is caught at the instant too.
pub fn session_at(j: &Journal, at: At) -> Result<Session, ReplayError> {
    check_setup(&j.setup)?;
    let mut s = Session::start(j.setup.clone());
    match at {
        At::Input(n) => {
            for i in j.inputs.iter().take(n) {
                s.perform(i);
            }
        }
        At::Time(t) => {
            for i in &j.inputs {
                if s.cluster.rt.now > t {
                    break;
                }
                let left = t.since(s.cluster.rt.now);
                let fits = matches!(i, Input::Tick(d) if *d <= left);
                let may_move_clock = matches!(i, Input::Tick(_) | Input::Step | Input::Run { .. });
                if fits || !may_move_clock {
                    s.perform(i);
                    continue;
                }
                // It may move the clock past `t`: try it on a copy, watching for `t`.
                let mut next = s.clone();
                next.horizon = Some(Horizon { at: t, seen: None });
                next.perform(i);
                if next.cluster.rt.now <= t {
                    next.horizon = None;
                    s = next;
                    continue;
                }
                if let Some(mut seen) = next.horizon.take().and_then(|h| h.seen) {
                    // Caught inside a waiting command: nothing more happens before the next
                    // timed thing, which is after `t`.
                    let left = t.since(seen.rt.now);
                    if left > Dur::ZERO {
                        seen.advance(left);
                    }
                    s.cluster = seen;
                } else if left > Dur::ZERO {
                    // A tick, a step or a sleep: only the clock moved.
                    s.tick(left);
                }
                break;
            }
        }
    }
    s.horizon = None;
    Ok(s)
}

/// The cluster view as it was at `at` (the timeline's look back).
pub fn view_at(j: &Journal, at: At) -> Result<ClusterView, ReplayError> {
    session_at(j, at).map(|s| s.cluster.view())
}

// ------------------------------------------------------------------ text form

/// The version the encoder writes; the decoder reads only this one.
pub const VERSION: u32 = 1;
const PREFIX: &str = "kj";

/// Limits the decoder enforces (the text may come from a URL anyone can craft).
pub const MAX_ENCODED_CHARS: usize = 4 << 20;
pub const MAX_INPUTS: usize = 100_000;
pub const MAX_NODES: usize = 5_000;
pub const MAX_STRING_BYTES: usize = 1 << 20;
/// Total simulated time a decoded journal may tick (replay cost grows with it): 30 days.
pub const MAX_TICKED: Dur = Dur(30 * 24 * 3600 * 1000);

/// Why a text could not be read as a journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not a journal at all (no `kj<version>.` prefix).
    NotAJournal,
    /// A journal of another version of the format.
    Version(u32),
    /// Over a size or count limit.
    TooLarge(&'static str),
    /// Broken: bad base64, cut short, an unknown tag, invalid UTF-8, bytes left over.
    Malformed(&'static str),
    /// Names a known file the caller does not know.
    UnknownFile(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotAJournal => write!(f, "not a session journal"),
            DecodeError::Version(v) => write!(f, "journal format version {v} is not supported (this is version {VERSION})"),
            DecodeError::TooLarge(what) => write!(f, "journal too large: {what}"),
            DecodeError::Malformed(what) => write!(f, "malformed journal: {what}"),
            DecodeError::UnknownFile(id) => write!(f, "journal names an unknown file {id:?}"),
        }
    }
}

/// Files both sides know (a lesson's files), by id: a text equal to one is written as its
/// id. Ids are any short strings the caller picks (`"ds-basics/daemonset.yaml"`, say).
pub type KnownFiles<'a> = &'a [(&'a str, &'a str)];

const T_TICK: u8 = 1;
const T_STEP: u8 = 2;
const T_INTERRUPT: u8 = 3;
const T_RUN: u8 = 4;
const T_RUN_STDIN: u8 = 5;
const T_WRITE: u8 = 6;
const T_APPLY: u8 = 7;

const X_INLINE: u8 = 0;
const X_KNOWN: u8 = 1;
const X_EARLIER: u8 = 2;

const NODES_KIND: u8 = 0;
const NODES_LIST: u8 = 1;

struct Writer<'a> {
    out: Vec<u8>,
    known: KnownFiles<'a>,
    texts: BTreeMap<&'a str, u64>,
    count: u64,
}

impl<'a> Writer<'a> {
    fn varint(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.out.push(b);
                return;
            }
            self.out.push(b | 0x80);
        }
    }
    fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }
    /// A file body: a known file's id, an earlier text's index, or the text.
    fn text(&mut self, s: &'a str) {
        if let Some(&i) = self.texts.get(s) {
            self.out.push(X_EARLIER);
            self.varint(i);
            return;
        }
        self.texts.insert(s, self.count);
        self.count += 1;
        if let Some((id, _)) = self.known.iter().find(|(_, t)| *t == s) {
            self.out.push(X_KNOWN);
            self.str(id);
        } else {
            self.out.push(X_INLINE);
            self.str(s);
        }
    }
}

/// The journal as compact text: `kj1.` and base64url.
pub fn encode(j: &Journal, known: KnownFiles) -> String {
    let mut w = Writer { out: Vec::new(), known, texts: BTreeMap::new(), count: 0 };
    w.varint(j.setup.seed);
    if j.setup.nodes == kind_nodes(j.setup.nodes.len().saturating_sub(1)) && !j.setup.nodes.is_empty() {
        w.out.push(NODES_KIND);
        w.varint(j.setup.nodes.len() as u64 - 1);
    } else {
        w.out.push(NODES_LIST);
        w.varint(j.setup.nodes.len() as u64);
        for n in &j.setup.nodes {
            w.str(&n.name);
            w.out.push(n.control_plane as u8);
            w.varint(n.labels.len() as u64);
            for (k, v) in &n.labels {
                w.str(k);
                w.str(v);
            }
            w.varint(n.taints.len() as u64);
            for t in &n.taints {
                w.str(&t.key);
                w.str(&t.value);
                w.str(&t.effect);
                match &t.time_added {
                    Some(a) => {
                        w.out.push(1);
                        w.str(a);
                    }
                    None => w.out.push(0),
                }
            }
        }
    }
    w.varint(j.inputs.len() as u64);
    for i in &j.inputs {
        match i {
            Input::Tick(d) => {
                w.out.push(T_TICK);
                w.varint(d.0);
            }
            Input::Step => w.out.push(T_STEP),
            Input::Interrupt => w.out.push(T_INTERRUPT),
            Input::Run { line, stdin: None } => {
                w.out.push(T_RUN);
                w.str(line);
            }
            Input::Run { line, stdin: Some(body) } => {
                w.out.push(T_RUN_STDIN);
                w.str(line);
                w.text(body);
            }
            Input::Write { name, text } | Input::Apply { name, text } => {
                w.out.push(if matches!(i, Input::Write { .. }) { T_WRITE } else { T_APPLY });
                w.str(name);
                w.text(text);
            }
        }
    }
    format!("{PREFIX}{VERSION}.{}", base64url(&w.out))
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    known: KnownFiles<'a>,
    texts: Vec<String>,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, DecodeError> {
        let b = *self.bytes.get(self.pos).ok_or(DecodeError::Malformed("cut short"))?;
        self.pos += 1;
        Ok(b)
    }
    fn varint(&mut self) -> Result<u64, DecodeError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let part = (b & 0x7f) as u64;
            if shift == 63 && part > 1 {
                return Err(DecodeError::Malformed("number too big"));
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(DecodeError::Malformed("number too long"))
    }
    fn count(&mut self, max: usize, what: &'static str) -> Result<usize, DecodeError> {
        let n = self.varint()?;
        if n > max as u64 {
            return Err(DecodeError::TooLarge(what));
        }
        Ok(n as usize)
    }
    fn str(&mut self) -> Result<String, DecodeError> {
        let n = self.count(MAX_STRING_BYTES, "string")?;
        let end = self.pos.checked_add(n).filter(|e| *e <= self.bytes.len()).ok_or(DecodeError::Malformed("cut short"))?;
        let s = std::str::from_utf8(&self.bytes[self.pos..end]).map_err(|_| DecodeError::Malformed("invalid UTF-8"))?;
        self.pos = end;
        Ok(s.to_string())
    }
    fn text(&mut self) -> Result<String, DecodeError> {
        let t = match self.byte()? {
            X_INLINE => self.str()?,
            X_KNOWN => {
                let id = self.str()?;
                match self.known.iter().find(|(k, _)| *k == id) {
                    Some((_, t)) => t.to_string(),
                    None => return Err(DecodeError::UnknownFile(id)),
                }
            }
            X_EARLIER => {
                let i = self.varint()?;
                return usize::try_from(i).ok().and_then(|i| self.texts.get(i)).cloned().ok_or(DecodeError::Malformed("reference to a text not seen yet"));
            }
            _ => return Err(DecodeError::Malformed("unknown text tag")),
        };
        self.texts.push(t.clone());
        Ok(t)
    }
}

/// Reads a journal written by [`encode`]. `known` must hold the files the writer's did
/// for those it named.
pub fn decode(text: &str, known: KnownFiles) -> Result<Journal, DecodeError> {
    if text.len() > MAX_ENCODED_CHARS {
        return Err(DecodeError::TooLarge("text"));
    }
    let text = text.trim();
    let rest = text.strip_prefix(PREFIX).ok_or(DecodeError::NotAJournal)?;
    let (ver, body) = rest.split_once('.').ok_or(DecodeError::NotAJournal)?;
    if ver.is_empty() || ver.len() > 9 || !ver.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DecodeError::NotAJournal);
    }
    let ver: u32 = ver.parse().map_err(|_| DecodeError::NotAJournal)?;
    if ver != VERSION {
        return Err(DecodeError::Version(ver));
    }
    let bytes = unbase64url(body).ok_or(DecodeError::Malformed("not base64url"))?;
    let mut r = Reader { bytes: &bytes, pos: 0, known, texts: Vec::new() };
    let seed = r.varint()?;
    let nodes = match r.byte()? {
        NODES_KIND => {
            let workers = r.count(MAX_NODES - 1, "nodes")?;
            kind_nodes(workers)
        }
        NODES_LIST => {
            let n = r.count(MAX_NODES, "nodes")?;
            let mut nodes = Vec::with_capacity(n);
            for _ in 0..n {
                let name = r.str()?;
                let control_plane = match r.byte()? {
                    0 => false,
                    1 => true,
                    _ => return Err(DecodeError::Malformed("bad flag")),
                };
                let mut labels = BTreeMap::new();
                for _ in 0..r.count(256, "labels")? {
                    let k = r.str()?;
                    labels.insert(k, r.str()?);
                }
                let mut taints = Vec::new();
                for _ in 0..r.count(256, "taints")? {
                    let key = r.str()?;
                    let value = r.str()?;
                    let effect = r.str()?;
                    let time_added = match r.byte()? {
                        0 => None,
                        1 => Some(r.str()?),
                        _ => return Err(DecodeError::Malformed("bad flag")),
                    };
                    taints.push(Taint { key, value, effect, time_added });
                }
                nodes.push(NodeSpecInput { name, control_plane, labels, taints });
            }
            nodes
        }
        _ => return Err(DecodeError::Malformed("unknown node list tag")),
    };
    let n = r.count(MAX_INPUTS, "inputs")?;
    let mut inputs = Vec::with_capacity(n.min(1024));
    let mut ticked: u64 = 0;
    for _ in 0..n {
        let input = match r.byte()? {
            T_TICK => {
                let d = r.varint()?;
                ticked = ticked.saturating_add(d);
                if ticked > MAX_TICKED.0 {
                    return Err(DecodeError::TooLarge("simulated time"));
                }
                Input::Tick(Dur(d))
            }
            T_STEP => Input::Step,
            T_INTERRUPT => Input::Interrupt,
            T_RUN => Input::Run { line: r.str()?, stdin: None },
            T_RUN_STDIN => {
                let line = r.str()?;
                Input::Run { line, stdin: Some(r.text()?) }
            }
            T_WRITE => {
                let name = r.str()?;
                Input::Write { name, text: r.text()? }
            }
            T_APPLY => {
                let name = r.str()?;
                Input::Apply { name, text: r.text()? }
            }
            _ => return Err(DecodeError::Malformed("unknown input tag")),
        };
        inputs.push(input);
    }
    if r.pos != bytes.len() {
        return Err(DecodeError::Malformed("bytes left over"));
    }
    Ok(Journal { setup: Setup { seed, nodes }, inputs })
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn base64url(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for k in 0..chunk.len() + 1 {
            s.push(B64[(n >> (18 - 6 * k) & 63) as usize] as char);
        }
    }
    s
}

pub fn unbase64url(s: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| B64.iter().position(|&b| b == c).map(|p| p as u32);
    if s.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() / 4 * 3 + 2);
    for chunk in s.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (k, &c) in chunk.iter().enumerate() {
            n |= digit(c)? << (18 - 6 * k);
        }
        let bytes = chunk.len() - 1;
        for k in 0..bytes {
            out.push((n >> (16 - 8 * k)) as u8);
        }
        // Bits below the last whole byte must be zero, so each text has one reading.
        if bytes < 3 && n & ((1 << (8 * (3 - bytes))) - 1) != 0 {
            return None;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let s = base64url(&bytes);
            assert!(s.bytes().all(|b| B64.contains(&b)));
            assert_eq!(unbase64url(&s), Some(bytes));
        }
        assert_eq!(unbase64url("A"), None);
        assert_eq!(unbase64url("AB"), None, "stray low bits");
        assert_eq!(unbase64url("a=b="), None);
    }
}
