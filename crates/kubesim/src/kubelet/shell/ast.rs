//! What the parser makes of a script: lists of and-or chains of pipelines of commands, and
//! words kept unexpanded (expansion happens when a command runs, so `A=1; echo $A` works).

/// Commands separated by `;` or newlines.
pub(super) type List = Vec<AndOr>;

/// `a && b || c`: the first pipeline, then each connector with its pipeline.
#[derive(Clone, Debug)]
pub(super) struct AndOr {
    pub first: Pipeline,
    pub rest: Vec<(bool, Pipeline)>, // true: `&&`, false: `||`
}

/// `! a | b | c`
#[derive(Clone, Debug)]
pub(super) struct Pipeline {
    pub bang: bool,
    pub cmds: Vec<Command>,
}

#[derive(Clone, Debug)]
pub(super) struct Command {
    pub kind: CommandKind,
    pub redirs: Vec<Redir>,
    /// The script line the command starts on (dash names it in its messages).
    pub line: u32,
}

#[derive(Clone, Debug)]
pub(super) enum CommandKind {
    Simple { assigns: Vec<(String, Word)>, words: Vec<Word> },
    /// `{ list; }` (same shell) or `( list )` (a subshell: changes stay inside).
    Group { body: List, subshell: bool },
    If { branches: Vec<(List, List)>, otherwise: Option<List> },
    /// `while`/`until` (`until` is true).
    Loop { cond: List, body: List, until: bool },
    For { var: String, items: Option<Vec<Word>>, body: List },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RedirOp {
    /// `<`
    In,
    /// `>` and `>|`
    Out,
    /// `>>`
    Append,
    /// `>&N`
    DupOut,
    /// `<&N`
    DupIn,
}

#[derive(Clone, Debug)]
pub(super) struct Redir {
    /// The descriptor redirected (`2>`); None: the operator's default (0 for `<`, 1 for `>`).
    pub fd: Option<u32>,
    pub op: RedirOp,
    pub target: Word,
}

impl Redir {
    pub fn fd(&self) -> u32 {
        self.fd.unwrap_or(match self.op {
            RedirOp::In | RedirOp::DupIn => 0,
            _ => 1,
        })
    }
}

/// One word as typed: literal text, quoted or not, and the expansions in it.
#[derive(Clone, Debug, Default)]
pub(super) struct Word {
    pub parts: Vec<Part>,
}

#[derive(Clone, Debug)]
pub(super) enum Part {
    /// Unquoted text (a keyword, an assignment's `NAME=` are recognized in it).
    Lit(String),
    /// Quoted or escaped text.
    Quoted(String),
    /// `$NAME`, `${…}`; the flag: inside double quotes.
    Param(Param, bool),
    /// `$(…)` or backticks; the flag: inside double quotes.
    Subst(List, bool),
    /// A leading unquoted `~`.
    Tilde,
}

#[derive(Clone, Debug)]
pub(super) struct Param {
    pub name: String,
    pub op: ParamOp,
}

#[derive(Clone, Debug)]
pub(super) enum ParamOp {
    Plain,
    /// `${#NAME}`
    Length,
    /// `${NAME-w}`, `${NAME:-w}` (colon: empty counts as unset), `=`, `+`, `?`.
    Alt { colon: bool, op: char, word: Word },
}

impl Word {
    /// The word's text when it is one unquoted literal (keywords, names).
    pub fn plain(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [Part::Lit(s)] => Some(s),
            _ => None,
        }
    }
}

/// Whether `s` is a shell variable name.
pub(super) fn is_name(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(cs.next(), Some(c) if c == '_' || c.is_ascii_alphabetic()) && cs.all(|c| c == '_' || c.is_ascii_alphanumeric())
}
