//! The grammar over the parser's tokens: lists, and-or chains, pipelines, compound
//! commands (`if`, `while`/`until`, `for`, `{ }`, `( )`) and simple commands with their
//! assignments and redirections.

use super::ast::*;
use super::parse::{ParseError, Parser, SyntaxError, Tok, CLOSERS, MAX_DEPTH, R};

impl Parser {
    fn at_list_end(&mut self) -> R<bool> {
        Ok(match self.peek()? {
            Tok::Eof | Tok::Op(")") | Tok::Op(";;") => true,
            t => t.plain().is_some_and(|w| CLOSERS.contains(&w)),
        })
    }

    pub(super) fn list(&mut self) -> R<List> {
        let mut items = Vec::new();
        loop {
            self.skip_newlines()?;
            if self.at_list_end()? {
                break;
            }
            items.push(self.and_or()?);
            match self.peek()? {
                Tok::Op(";") => {
                    self.next()?;
                }
                Tok::Newline => {}
                Tok::Op("&") => return self.err(SyntaxError::Unsupported("background jobs (&)")),
                _ => break,
            }
        }
        Ok(items)
    }

    fn nonempty_list(&mut self) -> R<List> {
        let list = self.list()?;
        if list.is_empty() {
            return self.unexpected();
        }
        Ok(list)
    }

    fn and_or(&mut self) -> R<AndOr> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            let and = match self.peek()? {
                Tok::Op("&&") => true,
                Tok::Op("||") => false,
                _ => break,
            };
            self.next()?;
            self.skip_newlines()?;
            rest.push((and, self.pipeline()?));
        }
        Ok(AndOr { first, rest })
    }

    fn pipeline(&mut self) -> R<Pipeline> {
        let bang = self.peek()?.plain() == Some("!");
        if bang {
            self.next()?;
        }
        let mut cmds = vec![self.command()?];
        while matches!(self.peek()?, Tok::Op("|")) {
            self.next()?;
            self.skip_newlines()?;
            cmds.push(self.command()?);
        }
        Ok(Pipeline { bang, cmds })
    }

    fn command(&mut self) -> R<Command> {
        let line = self.peek_line()?;
        if self.depth >= MAX_DEPTH {
            return self.err(SyntaxError::TooDeep);
        }
        let kw = match self.peek()? {
            Tok::Op("(") => Some("(".to_string()),
            t => t.plain().map(str::to_string),
        };
        self.depth += 1;
        let kind = match kw.as_deref() {
            Some("if") => self.if_cmd()?,
            Some(w @ ("while" | "until")) => {
                let until = w == "until";
                self.next()?;
                let cond = self.nonempty_list()?;
                self.expect_word("do")?;
                let body = self.nonempty_list()?;
                self.expect_word("done")?;
                CommandKind::Loop { cond, body, until }
            }
            Some("for") => self.for_cmd()?,
            Some(open @ ("{" | "(")) => {
                let subshell = open == "(";
                self.next()?;
                let body = self.nonempty_list()?;
                if subshell {
                    if !matches!(self.peek()?, Tok::Op(")")) {
                        return self.unexpected();
                    }
                    self.next()?;
                } else {
                    self.expect_word("}")?;
                }
                CommandKind::Group { body, subshell }
            }
            Some("case") => return self.err(SyntaxError::Unsupported("case")),
            Some("function") => return self.err(SyntaxError::Unsupported("functions")),
            Some(w) if CLOSERS.contains(&w) => return self.unexpected(),
            _ => {
                self.depth -= 1;
                return self.simple(line);
            }
        };
        self.depth -= 1;
        let mut redirs = Vec::new();
        while matches!(self.peek()?, Tok::Redir(..)) {
            redirs.push(self.redir()?);
        }
        Ok(Command { kind, redirs, line })
    }

    fn if_cmd(&mut self) -> R<CommandKind> {
        self.next()?;
        let mut branches = Vec::new();
        let mut otherwise = None;
        loop {
            let cond = self.nonempty_list()?;
            self.expect_word("then")?;
            let body = self.nonempty_list()?;
            branches.push((cond, body));
            match self.peek()?.plain() {
                Some("elif") => {
                    self.next()?;
                }
                Some("else") => {
                    self.next()?;
                    otherwise = Some(self.nonempty_list()?);
                    self.expect_word("fi")?;
                    break;
                }
                Some("fi") => {
                    self.next()?;
                    break;
                }
                _ => return self.unexpected(),
            }
        }
        Ok(CommandKind::If { branches, otherwise })
    }

    fn for_cmd(&mut self) -> R<CommandKind> {
        self.next()?;
        let var = match self.next()? {
            (Tok::Word(w, text), _) if w.plain().is_some_and(is_name) => text,
            (Tok::Eof, line) => return Err(ParseError { error: SyntaxError::Eof, line }),
            (t, line) => return Err(ParseError { error: SyntaxError::Unexpected(t.text()), line }),
        };
        self.skip_newlines()?;
        let mut items = None;
        if self.peek()?.plain() == Some("in") {
            self.next()?;
            let mut words = Vec::new();
            while let Tok::Word(..) = self.peek()? {
                if let (Tok::Word(w, _), _) = self.next()? {
                    words.push(w);
                }
            }
            items = Some(words);
            match self.peek()? {
                Tok::Op(";") | Tok::Newline => {
                    self.next()?;
                }
                _ => return self.unexpected(),
            }
        } else if matches!(self.peek()?, Tok::Op(";")) {
            self.next()?;
        }
        self.skip_newlines()?;
        self.expect_word("do")?;
        let body = self.nonempty_list()?;
        self.expect_word("done")?;
        Ok(CommandKind::For { var, items, body })
    }

    fn redir(&mut self) -> R<Redir> {
        let (fd, op) = match self.next()? {
            (Tok::Redir(fd, op, _), _) => (fd, op),
            (t, line) => return Err(ParseError { error: SyntaxError::Unexpected(t.text()), line }),
        };
        match self.next()? {
            (Tok::Word(target, _), _) => Ok(Redir { fd, op, target }),
            (Tok::Eof | Tok::Newline, line) => Err(ParseError { error: SyntaxError::Unexpected("newline".into()), line }),
            (t, line) => Err(ParseError { error: SyntaxError::Unexpected(t.text()), line }),
        }
    }

    fn simple(&mut self, line: u32) -> R<Command> {
        let mut assigns = Vec::new();
        let mut words: Vec<Word> = Vec::new();
        let mut redirs = Vec::new();
        loop {
            match self.peek()? {
                Tok::Word(..) => {
                    let Ok((Tok::Word(w, _), _)) = self.next() else { break };
                    match split_assign(&w) {
                        Some(a) if words.is_empty() => assigns.push(a),
                        _ => words.push(w),
                    }
                }
                Tok::Redir(..) => redirs.push(self.redir()?),
                Tok::Op("(") if words.len() == 1 && assigns.is_empty() => return self.err(SyntaxError::Unsupported("functions")),
                _ => break,
            }
        }
        if assigns.is_empty() && words.is_empty() && redirs.is_empty() {
            return self.unexpected();
        }
        Ok(Command { kind: CommandKind::Simple { assigns, words }, redirs, line })
    }
}

/// `NAME=value…` as a name and the value's word.
fn split_assign(w: &Word) -> Option<(String, Word)> {
    let Some(Part::Lit(first)) = w.parts.first() else { return None };
    let (name, rest) = first.split_once('=')?;
    if !is_name(name) {
        return None;
    }
    let mut parts = Vec::new();
    if !rest.is_empty() {
        parts.push(Part::Lit(rest.to_string()));
    }
    parts.extend(w.parts.iter().skip(1).cloned());
    Some((name.to_string(), Word { parts }))
}
