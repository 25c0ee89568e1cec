//! Lexing and parsing in one pass over the script's characters: a word's `$(…)` is parsed
//! where it stands, by the same parser, so nesting needs no second scan.

use super::ast::*;

/// How deep `$(…)`, backticks and compound commands may nest.
pub(super) const MAX_DEPTH: u32 = 24;

/// Why a script does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum SyntaxError {
    /// A token where it cannot stand (its text: `)`, `fi`, `newline`).
    Unexpected(String),
    /// The script ended inside a command.
    Eof,
    /// A quote never closed.
    Unterminated,
    /// `${…}` that is not a parameter form.
    BadSubst,
    /// A construct the simulated shell does not run (what to call it).
    Unsupported(&'static str),
    TooDeep,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ParseError {
    pub error: SyntaxError,
    pub line: u32,
}

#[derive(Clone, Debug)]
pub(super) enum Tok {
    /// A word and its source text.
    Word(Word, String),
    Op(&'static str),
    Redir(Option<u32>, RedirOp, &'static str),
    Newline,
    Eof,
}

impl Tok {
    pub(super) fn text(&self) -> String {
        match self {
            Tok::Word(_, s) => s.clone(),
            Tok::Op(s) | Tok::Redir(_, _, s) => (*s).to_string(),
            Tok::Newline => "newline".into(),
            Tok::Eof => "end of file".into(),
        }
    }
    pub(super) fn plain(&self) -> Option<&str> {
        match self {
            Tok::Word(w, _) => w.plain(),
            _ => None,
        }
    }
}

/// Words that end a list when they start a command.
pub(super) const CLOSERS: &[&str] = &["then", "elif", "else", "fi", "do", "done", "}", "esac"];

/// Parses a whole script whose first line is `first_line`.
pub(super) fn parse(src: &str, first_line: u32) -> Result<List, ParseError> {
    let mut p = Parser { chars: src.chars().collect(), pos: 0, line: first_line, depth: 0, peeked: None };
    let list = p.list()?;
    match p.next()? {
        (Tok::Eof, _) => Ok(list),
        (t, line) => Err(ParseError { error: SyntaxError::Unexpected(t.text()), line }),
    }
}

pub(super) struct Parser {
    pub(super) chars: Vec<char>,
    pub(super) pos: usize,
    pub(super) line: u32,
    pub(super) depth: u32,
    pub(super) peeked: Option<(Tok, u32)>,
}

pub(super) type R<T> = Result<T, ParseError>;

fn is_meta(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | ';' | '&' | '|' | '(' | ')' | '<' | '>')
}

impl Parser {
    pub(super) fn err<T>(&self, error: SyntaxError) -> R<T> {
        Err(ParseError { error, line: self.line })
    }
    fn cur(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }
    fn ahead(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    // ---- tokens ----

    pub(super) fn peek(&mut self) -> R<&Tok> {
        if self.peeked.is_none() {
            let t = self.lex()?;
            self.peeked = Some(t);
        }
        match &self.peeked {
            Some((t, _)) => Ok(t),
            None => self.err(SyntaxError::Eof),
        }
    }
    pub(super) fn peek_line(&mut self) -> R<u32> {
        self.peek()?;
        Ok(self.peeked.as_ref().map(|(_, l)| *l).unwrap_or(self.line))
    }
    pub(super) fn next(&mut self) -> R<(Tok, u32)> {
        match self.peeked.take() {
            Some(t) => Ok(t),
            None => self.lex(),
        }
    }
    pub(super) fn unexpected<T>(&mut self) -> R<T> {
        let (t, line) = self.next()?;
        let error = match t {
            Tok::Eof => SyntaxError::Eof,
            t => SyntaxError::Unexpected(t.text()),
        };
        Err(ParseError { error, line })
    }
    pub(super) fn skip_newlines(&mut self) -> R<()> {
        while matches!(self.peek()?, Tok::Newline) {
            self.next()?;
        }
        Ok(())
    }
    pub(super) fn expect_word(&mut self, kw: &str) -> R<()> {
        if self.peek()?.plain() == Some(kw) {
            self.next()?;
            Ok(())
        } else {
            self.unexpected()
        }
    }

    fn lex(&mut self) -> R<(Tok, u32)> {
        loop {
            match self.cur() {
                Some(' ' | '\t') => self.pos += 1,
                Some('\\') if self.ahead(1) == Some('\n') => {
                    self.pos += 2;
                    self.line += 1;
                }
                Some('#') => {
                    while self.cur().is_some_and(|c| c != '\n') {
                        self.pos += 1;
                    }
                }
                _ => break,
            }
        }
        let line = self.line;
        let Some(c) = self.cur() else { return Ok((Tok::Eof, line)) };
        let two = |p: &mut Parser, a: &'static str, b: &'static str, second: char| {
            if p.ahead(1) == Some(second) {
                p.pos += 2;
                Tok::Op(a)
            } else {
                p.pos += 1;
                Tok::Op(b)
            }
        };
        let tok = match c {
            '\n' => {
                self.pos += 1;
                self.line += 1;
                Tok::Newline
            }
            '&' => two(self, "&&", "&", '&'),
            '|' => two(self, "||", "|", '|'),
            ';' => two(self, ";;", ";", ';'),
            '(' => two(self, "(", "(", '\0'),
            ')' => two(self, ")", ")", '\0'),
            '<' | '>' => self.redir_op(None)?,
            _ => {
                let mut j = self.pos;
                while self.chars.get(j).is_some_and(|c| c.is_ascii_digit()) {
                    j += 1;
                }
                if j > self.pos && matches!(self.chars.get(j), Some('<' | '>')) {
                    let n = self.chars[self.pos..j].iter().fold(0u32, |n, d| n.saturating_mul(10).saturating_add(d.to_digit(10).unwrap_or(0)));
                    self.pos = j;
                    self.redir_op(Some(n))?
                } else {
                    let start = self.pos;
                    let w = self.word()?;
                    let text: String = self.chars[start..self.pos].iter().collect();
                    Tok::Word(w, text)
                }
            }
        };
        Ok((tok, line))
    }

    fn redir_op(&mut self, fd: Option<u32>) -> R<Tok> {
        let c = self.cur();
        let n = self.ahead(1);
        let (len, op, text) = match (c, n) {
            (Some('<'), Some('<')) => return self.err(SyntaxError::Unsupported("here-documents (<<)")),
            (Some('<'), Some('&')) => (2, RedirOp::DupIn, "<&"),
            (Some('<'), Some('>')) => return self.err(SyntaxError::Unsupported("read-write redirections (<>)")),
            (Some('<'), _) => (1, RedirOp::In, "<"),
            (_, Some('>')) => (2, RedirOp::Append, ">>"),
            (_, Some('&')) => (2, RedirOp::DupOut, ">&"),
            (_, Some('|')) => (2, RedirOp::Out, ">|"),
            _ => (1, RedirOp::Out, ">"),
        };
        self.pos += len;
        Ok(Tok::Redir(fd, op, text))
    }

    /// One word, from the current character to the first unquoted metacharacter.
    fn word(&mut self) -> R<Word> {
        let mut parts = Vec::new();
        if self.cur() == Some('~') && self.ahead(1).is_none_or(|c| c == '/' || is_meta(c)) {
            parts.push(Part::Tilde);
            self.pos += 1;
        }
        self.word_parts(&mut parts, None)?;
        Ok(Word { parts })
    }

    /// Word text up to a metacharacter, or (inside `${…}`) up to the closing brace.
    fn word_parts(&mut self, parts: &mut Vec<Part>, brace: Option<bool>) -> R<()> {
        let mut lit = String::new();
        let flush = |lit: &mut String, parts: &mut Vec<Part>, quoted: bool| {
            if !lit.is_empty() {
                let s = std::mem::take(lit);
                parts.push(if quoted { Part::Quoted(s) } else { Part::Lit(s) });
            }
        };
        // Inside `${V:-…}` within double quotes the text is quoted.
        let in_dq = brace == Some(true);
        loop {
            let Some(c) = self.cur() else {
                if brace.is_some() {
                    return self.err(SyntaxError::Unterminated);
                }
                break;
            };
            match c {
                '}' if brace.is_some() => {
                    self.pos += 1;
                    break;
                }
                c if brace.is_none() && is_meta(c) => break,
                '\\' => {
                    self.pos += 1;
                    match self.cur() {
                        None => lit.push('\\'),
                        Some('\n') => {
                            self.pos += 1;
                            self.line += 1;
                        }
                        Some(ch) => {
                            flush(&mut lit, parts, in_dq);
                            parts.push(Part::Quoted(ch.to_string()));
                            self.pos += 1;
                        }
                    }
                }
                '\'' if !in_dq => {
                    flush(&mut lit, parts, in_dq);
                    self.pos += 1;
                    let mut s = String::new();
                    loop {
                        match self.cur() {
                            None => return self.err(SyntaxError::Unterminated),
                            Some('\'') => break,
                            Some(ch) => {
                                if ch == '\n' {
                                    self.line += 1;
                                }
                                s.push(ch);
                                self.pos += 1;
                            }
                        }
                    }
                    self.pos += 1;
                    parts.push(Part::Quoted(s));
                }
                '"' if !in_dq => {
                    flush(&mut lit, parts, in_dq);
                    self.pos += 1;
                    self.dquote(parts)?;
                }
                '$' => {
                    flush(&mut lit, parts, in_dq);
                    self.dollar(in_dq, parts)?;
                }
                '`' => {
                    flush(&mut lit, parts, in_dq);
                    self.backtick(in_dq, parts)?;
                }
                _ => {
                    if c == '\n' {
                        self.line += 1;
                    }
                    lit.push(c);
                    self.pos += 1;
                }
            }
        }
        flush(&mut lit, parts, in_dq);
        Ok(())
    }

    /// The inside of `"…"` (the opening quote read).
    fn dquote(&mut self, parts: &mut Vec<Part>) -> R<()> {
        parts.push(Part::Quoted(String::new()));
        let mut s = String::new();
        loop {
            match self.cur() {
                None => return self.err(SyntaxError::Unterminated),
                Some('"') => {
                    self.pos += 1;
                    break;
                }
                Some('\\') => match self.ahead(1) {
                    Some(c @ ('$' | '`' | '"' | '\\')) => {
                        s.push(c);
                        self.pos += 2;
                    }
                    Some('\n') => {
                        self.pos += 2;
                        self.line += 1;
                    }
                    _ => {
                        s.push('\\');
                        self.pos += 1;
                    }
                },
                Some('$') => {
                    parts.push(Part::Quoted(std::mem::take(&mut s)));
                    self.dollar(true, parts)?;
                }
                Some('`') => {
                    parts.push(Part::Quoted(std::mem::take(&mut s)));
                    self.backtick(true, parts)?;
                }
                Some(c) => {
                    if c == '\n' {
                        self.line += 1;
                    }
                    s.push(c);
                    self.pos += 1;
                }
            }
        }
        parts.push(Part::Quoted(s));
        Ok(())
    }

    /// At a `$`: a parameter, a substitution, or the character itself.
    fn dollar(&mut self, quoted: bool, parts: &mut Vec<Part>) -> R<()> {
        self.pos += 1;
        let plain = |name: String| Part::Param(Param { name, op: ParamOp::Plain }, quoted);
        match self.cur() {
            Some('(') if self.ahead(1) == Some('(') => return self.err(SyntaxError::Unsupported("arithmetic expansion $((…))")),
            Some('(') => {
                self.pos += 1;
                let list = self.nested_list()?;
                parts.push(Part::Subst(list, quoted));
            }
            Some('{') => {
                self.pos += 1;
                let p = self.braced(quoted)?;
                parts.push(Part::Param(p, quoted));
            }
            Some(c) if c == '_' || c.is_ascii_alphabetic() => {
                let mut name = String::new();
                while let Some(c) = self.cur().filter(|c| *c == '_' || c.is_ascii_alphanumeric()) {
                    name.push(c);
                    self.pos += 1;
                }
                parts.push(plain(name));
            }
            Some(c) if c.is_ascii_digit() || matches!(c, '?' | '$' | '#' | '@' | '*' | '!' | '-') => {
                self.pos += 1;
                parts.push(plain(c.to_string()));
            }
            _ => parts.push(if quoted { Part::Quoted("$".into()) } else { Part::Lit("$".into()) }),
        }
        Ok(())
    }

    /// `${…}` after the brace.
    fn braced(&mut self, quoted: bool) -> R<Param> {
        let length = self.cur() == Some('#') && self.ahead(1).is_some_and(|c| c != '}');
        if length {
            self.pos += 1;
        }
        let mut name = String::new();
        match self.cur() {
            Some(c) if c == '_' || c.is_ascii_alphabetic() => {
                while let Some(c) = self.cur().filter(|c| *c == '_' || c.is_ascii_alphanumeric()) {
                    name.push(c);
                    self.pos += 1;
                }
            }
            Some(c) if c.is_ascii_digit() => {
                while let Some(c) = self.cur().filter(|c| c.is_ascii_digit()) {
                    name.push(c);
                    self.pos += 1;
                }
            }
            Some(c) if matches!(c, '?' | '$' | '#' | '@' | '*' | '!' | '-') => {
                name.push(c);
                self.pos += 1;
            }
            _ => return self.err(SyntaxError::BadSubst),
        }
        if length {
            if self.cur() != Some('}') {
                return self.err(SyntaxError::BadSubst);
            }
            self.pos += 1;
            return Ok(Param { name, op: ParamOp::Length });
        }
        let colon = self.cur() == Some(':');
        if colon {
            self.pos += 1;
        }
        match self.cur() {
            Some('}') if !colon => {
                self.pos += 1;
                Ok(Param { name, op: ParamOp::Plain })
            }
            Some(op @ ('-' | '=' | '+' | '?')) => {
                self.pos += 1;
                if self.depth >= MAX_DEPTH {
                    return self.err(SyntaxError::TooDeep);
                }
                self.depth += 1;
                let mut parts = Vec::new();
                self.word_parts(&mut parts, Some(quoted))?;
                self.depth -= 1;
                Ok(Param { name, op: ParamOp::Alt { colon, op, word: Word { parts } } })
            }
            None => self.err(SyntaxError::Unterminated),
            _ => self.err(SyntaxError::BadSubst),
        }
    }

    /// The list inside `$(…)`, through its closing parenthesis.
    fn nested_list(&mut self) -> R<List> {
        if self.depth >= MAX_DEPTH {
            return self.err(SyntaxError::TooDeep);
        }
        self.depth += 1;
        let list = self.list()?;
        match self.next()? {
            (Tok::Op(")"), _) => {}
            (Tok::Eof, line) => return Err(ParseError { error: SyntaxError::Eof, line }),
            (t, line) => return Err(ParseError { error: SyntaxError::Unexpected(t.text()), line }),
        }
        self.depth -= 1;
        Ok(list)
    }

    /// `` `…` ``: the text between the backticks, unescaped, parsed as a script of its own.
    fn backtick(&mut self, quoted: bool, parts: &mut Vec<Part>) -> R<()> {
        self.pos += 1;
        let line = self.line;
        let mut s = String::new();
        loop {
            match self.cur() {
                None => return self.err(SyntaxError::Unterminated),
                Some('`') => {
                    self.pos += 1;
                    break;
                }
                Some('\\') if matches!(self.ahead(1), Some('`' | '\\' | '$')) => {
                    s.extend(self.ahead(1));
                    self.pos += 2;
                }
                Some(c) => {
                    if c == '\n' {
                        self.line += 1;
                    }
                    s.push(c);
                    self.pos += 1;
                }
            }
        }
        if self.depth >= MAX_DEPTH {
            return self.err(SyntaxError::TooDeep);
        }
        let mut inner = Parser { chars: s.chars().collect(), pos: 0, line, depth: self.depth + 1, peeked: None };
        let list = inner.list()?;
        match inner.next()? {
            (Tok::Eof, _) => {}
            (t, line) => return Err(ParseError { error: SyntaxError::Unexpected(t.text()), line }),
        }
        parts.push(Part::Subst(list, quoted));
        Ok(())
    }
}
