//! YAML syntax errors as a student meets them: what libyaml's English message means (a
//! [`SyntaxProblem`]) and the line and column where the student made the mistake.
//!
//! libyaml reports an error where it notices it, which is often a token after the mistake:
//! a key without its `:` is noticed on the next line, an unclosed `[` or quote where the
//! text stops making sense. The reader keeps libyaml's parser state at the error
//! ([`yaml_tree::SyntaxError`]), which gives what serde_yaml's message drops: the
//! construct libyaml was reading and where it began (its *context*), and the last scalar it
//! read. The rules below use those and the text to move the position back to the mistake.
//!
//! Every message of libyaml's scanner, parser and reader (unsafe-libyaml 0.2.11,
//! `src/{scanner,parser,reader}.rs`) and the syntax messages of serde_yaml itself, with the
//! problem each becomes (rules in [`rule`]):
//!
//! | message (context) | problem |
//! |---|---|
//! | found character that cannot start any token | `Tab`, `MarkdownFence`, `UnexpectedCharacter` |
//! | could not find expected ':' (simple key) | `MissingColon`, `NoSpaceAfterColon`, `DocumentSeparator`, `BlockScalarIndent` |
//! | mapping values are not allowed in this context | `KeyValueHere`, `MissingColon`, `NoSpaceAfterColon`, `NoSpaceAfterDash`, `OverIndented` |
//! | block sequence entries are not allowed in this context | `ListItemAfterKey`, `TextAfterValue`, `ListItemNotAllowed` |
//! | mapping keys are not allowed in this context | `ComplexKey` |
//! | found unknown directive name, did not find expected comment or line break, could not find expected directive name, found unexpected non-alphabetical character, did not find expected digit or '.' character, found extremely long version number, did not find expected version number, did not find expected whitespace, did not find expected whitespace or line break (directives) | `BadDirective` |
//! | found duplicate %YAML directive, found incompatible YAML document, found duplicate %TAG directive | `BadDirective` |
//! | did not find expected alphabetic or numeric character (anchor, alias) | `AliasCharacter` |
//! | did not find the expected '>', did not find expected whitespace or line break, did not find expected '!', did not find expected tag URI, did not find URI escaped octet, found an incorrect leading UTF-8 octet, found an incorrect trailing UTF-8 octet (tags); found undefined tag handle; empty YAML tag is not allowed | `BadTag` |
//! | found an indentation indicator equal to 0, did not find expected comment or line break (block scalar) | `BlockScalarHeader` |
//! | found a tab character where an indentation space is expected, found a tab character that violates indentation | `Tab` |
//! | found unexpected end of stream, found unexpected document indicator (quoted scalar) | `UnexpectedEnd` |
//! | found unknown escape character, did not find expected hexadecimal number, found invalid Unicode character escape code | `BadEscape` |
//! | found unexpected ':' (plain scalar in `[ ]`/`{ }`) | `ColonInFlow` |
//! | did not find expected key | `Indentation`, `MisalignedListItem`, `TextAfterValue`, `StrayIndicator` |
//! | did not find expected '-' indicator | `Indentation`, `MisalignedListItem`, `KeyInList` |
//! | did not find expected ',' or ']' / ',' or '}' | `UnclosedBracket`, `MissingComma` |
//! | did not find expected node content | `StrayIndicator` |
//! | did not find expected <document start> | `AfterDocumentEnd` |
//! | control characters are not allowed | `ControlCharacter` |
//! | invalid leading UTF-8 octet, incomplete UTF-8 octet sequence, invalid trailing UTF-8 octet, invalid length of a UTF-8 sequence, invalid Unicode character, incomplete UTF-16 character, unexpected low surrogate area, incomplete UTF-16 surrogate pair, expected low surrogate area | `Encoding` |
//! | unknown anchor (serde_yaml) | `UnknownAlias` |
//! | did not find expected <stream-start>, input error, input is too long (cannot happen on a string) | `Other` |
//!
//! Before those, two rules hold for any message: a tab at the position is `Tab`, and a
//! `{{` on the line is `TemplatePlaceholder` (at the `{{`). After a quoted scalar that runs
//! over several lines and ends where the error is, the quote is `UnclosedQuote` (at it).

use crate::manifest::{SyntaxProblem as P, MAX_KEY_CHARS};
use crate::manifest::yaml_tree::{Stage, Style, SyntaxError};
#[cfg(test)]
use crate::manifest::yaml_tree;

/// A syntax problem and where the student made it (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Placed {
    pub problem: P,
    pub line: usize,
    pub column: usize,
}

/// What `detail` (serde_yaml's message without its position) means and where the mistake
/// is, `at` being where serde_yaml placed it; `raw` is libyaml's own account of the error
/// when it is libyaml that refused the text (kept by the reader, so the text is not read
/// again).
pub(crate) fn place(text: &str, detail: &str, at: (usize, usize), raw: Option<&SyntaxError>) -> Placed {
    let known = by_message(detail);
    let raw = if known == P::Other { raw.filter(|e| !e.problem.is_empty() && detail.starts_with(&e.problem)) } else { None };
    let (problem, (line, column)) = match raw {
        Some(e) if !matches!(e.stage, Stage::Reader | Stage::Other) => rule(&Text::new(text, e), e),
        // Reader errors carry a byte offset that the caller has turned into `at`.
        _ => (known, at),
    };
    Placed { problem, line: line.max(1), column: column.max(1) }
}

/// Messages placed where serde_yaml places them.
fn by_message(detail: &str) -> P {
    match detail {
        "unknown anchor" => P::UnknownAlias,
        "empty YAML tag is not allowed" => P::BadTag,
        _ if detail.starts_with("control characters are not allowed") => P::ControlCharacter,
        _ if detail.contains("UTF-8") || detail.contains("UTF-16") || detail.contains("surrogate") || detail.starts_with("invalid Unicode character") => P::Encoding,
        _ => P::Other,
    }
}

/// The lines of the text that the rules look at, as characters (libyaml counts columns in
/// characters): those of the error, of its context and of the last scalar.
struct Text {
    lines: Vec<(usize, Vec<char>)>,
}

impl Text {
    fn new(text: &str, e: &SyntaxError) -> Text {
        let mut wanted = vec![e.problem_at.0, e.context_at.0];
        wanted.extend(e.last_scalar.iter().flat_map(|s| [s.start.0, s.end.0]));
        let last = wanted.iter().copied().max().unwrap_or(0);
        let lines = text
            .split('\n')
            .take(last)
            .enumerate()
            .filter(|(i, _)| wanted.contains(&(i + 1)))
            .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l).chars().collect()))
            .collect();
        Text { lines }
    }
    /// Line `n` (1-based), empty past the end (and for lines no rule looks at).
    fn line(&self, n: usize) -> &[char] {
        self.lines.iter().find(|(l, _)| *l == n).map_or(&[], |(_, chars)| chars.as_slice())
    }
    /// The character at a 1-based position.
    fn at(&self, (l, c): (usize, usize)) -> Option<char> {
        c.checked_sub(1).and_then(|i| self.line(l).get(i)).copied()
    }
    /// The last character before a position on its line that is not a space or tab.
    fn before(&self, (l, c): (usize, usize)) -> Option<char> {
        let line = self.line(l);
        line[..c.saturating_sub(1).min(line.len())].iter().rev().copied().find(|ch| *ch != ' ' && *ch != '\t')
    }
    /// 1-based column where the line's content starts, past its indentation and any `- `
    /// item indicators.
    fn content_start(&self, l: usize) -> usize {
        let line = self.line(l);
        let mut i = 0;
        loop {
            while line.get(i).is_some_and(|c| *c == ' ') {
                i += 1;
            }
            if line.get(i) == Some(&'-') && line.get(i + 1).is_some_and(|c| *c == ' ' || *c == '\t') {
                i += 1;
                continue;
            }
            return i + 1;
        }
    }
    /// The 1-based column of the first occurrence of `pat` on line `l`.
    fn find(&self, l: usize, pat: &str) -> Option<usize> {
        let pat: Vec<char> = pat.chars().collect();
        self.line(l).windows(pat.len()).position(|w| w == pat.as_slice()).map(|i| i + 1)
    }
    /// The characters of line `l` from column `from` to before column `to` (1-based).
    fn slice(&self, l: usize, from: usize, to: usize) -> String {
        let line = self.line(l);
        let from = from.saturating_sub(1).min(line.len());
        let to = to.saturating_sub(1).clamp(from, line.len());
        line[from..to].iter().collect()
    }
}

/// A key as written, unquoted and cut to [`MAX_KEY_CHARS`].
fn key_name(s: &str) -> String {
    let s = s.trim();
    let s = s.strip_prefix(['"', '\'']).and_then(|r| r.strip_suffix(['"', '\''])).unwrap_or(s);
    s.chars().take(MAX_KEY_CHARS).collect()
}

/// The key of the `key: ` on line `l` that ends at the `:` in column `colon`.
fn key_before(t: &Text, l: usize, colon: usize) -> String {
    key_name(&t.slice(l, t.content_start(l), colon))
}

/// A line whose content, from column `from`, was meant as `key: value` but has no `: `:
/// `image nginx` (no `:` after `image`), `replicas:3` (no space after its `:`) or a
/// separator typo (`--`, `----` at the start of a line). The column is where the `:` goes,
/// the `:` that wants a space, or the line's start.
fn keyless_line(t: &Text, l: usize, from: usize) -> (P, (usize, usize)) {
    let rest = &t.line(l)[from.saturating_sub(1).min(t.line(l).len())..];
    let word: Vec<char> = rest.iter().copied().take_while(|c| *c != ' ' && *c != '\t').collect();
    if from == 1 && word.len() >= 2 && word.iter().all(|c| *c == '-') {
        return (P::DocumentSeparator, (l, 1));
    }
    if let Some(i) = word.iter().position(|c| *c == ':').filter(|i| *i > 0 && *i + 1 < word.len()) {
        let key: String = word[..i].iter().collect();
        return (P::NoSpaceAfterColon { key: key_name(&key) }, (l, from + i));
    }
    let key: String = word.iter().collect();
    (P::MissingColon { key: key_name(&key) }, (l, from + word.len()))
}

/// The rule of each message (see the table in the module's documentation).
fn rule(t: &Text, e: &SyntaxError) -> (P, (usize, usize)) {
    let pm = e.problem_at;
    let cm = e.context_at;
    // A tab: where libyaml stopped is the tab itself.
    if t.at(pm) == Some('\t') {
        return (P::Tab, pm);
    }
    // `{{ .Values.x }}`: whatever libyaml makes of it, the placeholder is the mistake.
    for l in [pm.0, cm.0] {
        if let Some(c) = t.find(l, "{{") {
            return (P::TemplatePlaceholder, (l, c));
        }
    }
    // A quote left open reads on, over line ends, up to the next quote (usually the one that
    // opens the next string) and the error comes right after it: the mistake is the quote.
    if let Some(s) = e.last_scalar.filter(|s| s.style == Style::Quoted && s.start.0 < s.end.0 && (s.end.0 == pm.0 || s.end.0 == cm.0)) {
        if matches!(e.stage, Stage::Parser) || e.context != "while scanning a quoted scalar" {
            return (P::UnclosedQuote { quote: t.at(s.start).unwrap_or('"'), until_line: s.end.0 }, s.start);
        }
    }
    // A `|`/`>` block ends at the first line less indented than its text; when that line
    // does not fit where the block ended (a key without `:` or out of line), it was meant as
    // text of the block.
    let block_ended_at = |l: usize| e.last_scalar.is_some_and(|s| matches!(s.style, Style::Literal | Style::Folded) && s.end.0 == l);
    let keyish = matches!(e.problem.as_str(), "did not find expected key" | "did not find expected '-' indicator") && t.at(pm) != Some('-');
    if keyish && block_ended_at(pm.0) && pm.1 == t.content_start(pm.0) {
        return (P::BlockScalarIndent, pm);
    }
    let ctx = e.context.as_str();
    match e.problem.as_str() {
        // The line of the simple key (the context) is the one without its `:`, libyaml only
        // notices on the next line. Unless a `|`/`>` block ended right there: then the line
        // was meant as text of the block and is less indented than the block's text.
        "could not find expected ':'" => {
            if block_ended_at(cm.0) {
                return (P::BlockScalarIndent, cm);
            }
            keyless_line(t, cm.0, cm.1)
        }
        // The `:` of a key comes after a scalar. On the same line: a second `: ` in a value.
        // If that scalar began on an earlier line, libyaml read two lines as one: when the
        // scalar begins its line (`image nginx` / `metadata`), that line lacks its `:`;
        // when it is the value of a `-name: value` line, that `-` lacks its space; otherwise
        // the key on this line is indented too far and continued the value above.
        "mapping values are not allowed in this context" => match e.last_scalar {
            Some(s) if s.start.0 < pm.0 && s.end.0 == pm.0 => {
                let sl = s.start.0;
                if s.start.1 == t.content_start(sl) {
                    return keyless_line(t, sl, s.start.1);
                }
                let first = t.content_start(sl);
                let line = t.line(sl);
                let dash = first.checked_sub(1).and_then(|i| line.get(i)) == Some(&'-');
                if dash && line.get(first).is_some_and(|c| c.is_alphanumeric() || *c == '"' || *c == '\'') {
                    let colon = (first..=line.len()).find(|c| line.get(c - 1) == Some(&':')).unwrap_or(line.len() + 1);
                    return (P::NoSpaceAfterDash { key: key_name(&t.slice(sl, first + 1, colon)) }, (sl, first));
                }
                let col = t.content_start(pm.0);
                (P::OverIndented { key: key_before(t, pm.0, pm.1) }, (pm.0, col))
            }
            _ => (P::KeyValueHere, pm),
        },
        // At the `-`: after `key:` on the same line, or after a closing quote or bracket.
        "block sequence entries are not allowed in this context" => match t.before(pm) {
            Some(':') => {
                let colon = (1..pm.1).rev().find(|c| t.at((pm.0, *c)) == Some(':')).unwrap_or(pm.1);
                (P::ListItemAfterKey { key: key_before(t, pm.0, colon) }, pm)
            }
            Some(c @ ('"' | '\'' | ']' | '}')) => (P::TextAfterValue { close: c }, pm),
            _ => (P::ListItemNotAllowed, pm),
        },
        "mapping keys are not allowed in this context" => (P::ComplexKey, pm),
        // At the character; a Markdown fence is named as such.
        "found character that cannot start any token" => {
            if let Some(c) = t.find(pm.0, "```").filter(|c| *c == t.content_start(pm.0)) {
                return (P::MarkdownFence, (pm.0, c));
            }
            match t.at(pm) {
                Some(ch) => (P::UnexpectedCharacter { ch }, pm),
                None => (P::Other, pm),
            }
        }
        // At the opening quote (the context), not at the end of the text.
        "found unexpected end of stream" | "found unexpected document indicator" => (P::UnexpectedEnd, cm),
        // At the backslash that starts the escape.
        "found unknown escape character" | "did not find expected hexadecimal number" | "found invalid Unicode character escape code" => {
            let back = (1..=pm.1).rev().find(|c| t.at((pm.0, *c)) == Some('\\')).unwrap_or(pm.1);
            (P::BadEscape, (pm.0, back))
        }
        // At the `*` or `&` (the context).
        "did not find expected alphabetic or numeric character" => (P::AliasCharacter { ch: if ctx.contains("anchor") { '&' } else { '*' } }, cm),
        "found an indentation indicator equal to 0" => (P::BlockScalarHeader, pm),
        "did not find expected comment or line break" if ctx.contains("block scalar") => (P::BlockScalarHeader, pm),
        "found a tab character where an indentation space is expected" | "found a tab character that violates indentation" => (P::Tab, pm),
        "found unexpected ':'" => (P::ColonInFlow, pm),
        // Directives and tags: at the `%` or `!` (the context), or the tag (parser errors).
        _ if ctx.contains("directive") || e.problem.contains('%') || e.problem == "found incompatible YAML document" => (P::BadDirective, if ctx.is_empty() { pm } else { cm }),
        _ if ctx.contains("tag") => (P::BadTag, cm),
        "found undefined tag handle" => (P::BadTag, pm),
        // The parser stops at the token that does not fit, on the line of the mistake: a
        // `-` out of line with its list, text after a closing quote, a stray `]`, or a key
        // that lines up with nothing.
        "did not find expected key" => match (t.at(pm), t.before(pm)) {
            (Some('-'), _) if matches!(t.at((pm.0, pm.1 + 1)), None | Some(' ' | '\t')) => (P::MisalignedListItem, pm),
            (_, Some(c @ ('"' | '\'' | ']' | '}'))) => (P::TextAfterValue { close: c }, pm),
            (Some(ch @ (']' | '}' | ',')), _) => (P::StrayIndicator { ch }, pm),
            _ => (P::Indentation, pm),
        },
        // In a list, at the token: a `-` out of line, a `key:` at the `-` column, or a key
        // that lines up with nothing.
        "did not find expected '-' indicator" => match t.at(pm) {
            Some('-') => (P::MisalignedListItem, pm),
            _ if pm.1 == cm.1 => {
                let line = t.line(pm.0);
                let colon = (pm.1..=line.len()).find(|c| line.get(c - 1) == Some(&':')).unwrap_or(line.len() + 1);
                (P::KeyInList { key: key_name(&t.slice(pm.0, pm.1, colon)) }, pm)
            }
            _ => (P::Indentation, pm),
        },
        // When the item before began on the problem's line, a `,` is missing between two
        // items there; otherwise the `[`/`{` (the context) swallowed the lines after it.
        "did not find expected ',' or ']'" | "did not find expected ',' or '}'" => {
            let close = if e.problem.ends_with("']'") { ']' } else { '}' };
            match e.last_scalar {
                Some(s) if s.start.0 == pm.0 && s.end.0 == pm.0 => (P::MissingComma { close }, pm),
                _ => (P::UnclosedBracket { close }, cm),
            }
        }
        "did not find expected node content" => match t.at(pm) {
            Some(ch) => (P::StrayIndicator { ch }, pm),
            None => (P::Other, pm),
        },
        "did not find expected <document start>" => (P::AfterDocumentEnd, pm),
        _ => (P::Other, pm),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(text: &str) -> (P, usize, usize) {
        let e = yaml_tree::first_syntax_error(text).expect("an error");
        let (p, (l, c)) = rule(&Text::new(text, &e), &e);
        (p, l, c)
    }

    #[test]
    fn each_rule_places_its_mistake() {
        let cases: &[(&str, P, usize, usize)] = &[
            ("a: b\nimage nginx\nc: d\n", P::MissingColon { key: "image".into() }, 2, 6),
            ("a: b\nreplicas:3\nc: d\n", P::NoSpaceAfterColon { key: "replicas".into() }, 2, 9),
            ("a: b\n--\nc: d\n", P::DocumentSeparator, 2, 1),
            ("m:\n  name: web\n   labels: x\n", P::OverIndented { key: "labels".into() }, 3, 4),
            ("s:\n  c:\n  -name: web\n    image: x\n", P::NoSpaceAfterDash { key: "name".into() }, 3, 3),
            ("s:\n- name web\n  image: x\n", P::MissingColon { key: "name".into() }, 2, 7),
            ("a: b: c\n", P::KeyValueHere, 1, 5),
            ("args: - a\n", P::ListItemAfterKey { key: "args".into() }, 1, 7),
            ("a: \"x\" - y\n", P::TextAfterValue { close: '"' }, 1, 8),
            ("name: ? x\n", P::ComplexKey, 1, 7),
            ("```yaml\na: b\n", P::MarkdownFence, 1, 1),
            ("a: @b\n", P::UnexpectedCharacter { ch: '@' }, 1, 4),
            ("a: \"x\nb: c\n", P::UnexpectedEnd, 1, 4),
            ("a: \"x\n---\nb: c\n", P::UnexpectedEnd, 1, 4),
            ("a: \"C:\\datos\"\n", P::BadEscape, 1, 7),
            ("a: \"C:\\Users\"\n", P::BadEscape, 1, 7),
            ("a: *.log\n", P::AliasCharacter { ch: '*' }, 1, 4),
            ("a: & x\n", P::AliasCharacter { ch: '&' }, 1, 4),
            ("a: |  x\n  y\n", P::BlockScalarHeader, 1, 7),
            ("a: |0\n  x\n", P::BlockScalarHeader, 1, 5),
            ("a:\n- |\n  x\n y z\n", P::BlockScalarIndent, 4, 2),
            ("a: [x:]\n", P::ColonInFlow, 1, 6),
            ("%FOO bar\n---\na: b\n", P::BadDirective, 1, 1),
            ("%YAML 1.1\n%YAML 1.1\n---\na: b\n", P::BadDirective, 2, 1),
            ("a: !<x y\n", P::BadTag, 1, 4),
            ("a: !x!y z\n", P::BadTag, 1, 4),
            ("a:\n  b: c\n - d\n", P::MisalignedListItem, 3, 2),
            ("a: \"x\":1\n", P::TextAfterValue { close: '"' }, 1, 7),
            ("a: b\n]\n", P::StrayIndicator { ch: ']' }, 2, 1),
            ("a:\n  - b: 1\n  c: 2\n", P::KeyInList { key: "c".into() }, 3, 3),
            ("a:\n  - b: 1\n   c: 2\n", P::Indentation, 3, 4),
            ("a: [x\nb: c\n", P::UnclosedBracket { close: ']' }, 1, 4),
            ("a: {x: y\nb: c\n", P::UnclosedBracket { close: '}' }, 1, 4),
            ("a: [\"x\" \"y\"]\n", P::MissingComma { close: ']' }, 1, 9),
            ("a: [\"x\",\n  \"y\" \"z\"]\n", P::MissingComma { close: ']' }, 2, 7),
            ("a: [x, , y]\n", P::StrayIndicator { ch: ',' }, 1, 8),
            ("{a: b}\nc: d\n", P::AfterDocumentEnd, 2, 1),
            ("a: b\n...\nc: d\n", P::AfterDocumentEnd, 3, 1),
            ("a: \"x\nb: \"y\"\n", P::UnclosedQuote { quote: '"', until_line: 2 }, 1, 4),
            ("name: {{ .Name }}-x\n", P::TemplatePlaceholder, 1, 7),
            ("a:\n\tb: c\n", P::Tab, 2, 1),
        ];
        let mut failures = Vec::new();
        for (text, problem, line, column) in cases {
            let got = placed(text);
            if got != (problem.clone(), *line, *column) {
                failures.push(format!("{text:?}: expected {problem:?} at {line}:{column}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn messages_of_serde_yaml_itself() {
        assert_eq!(place("a: *x\n", "unknown anchor", (1, 4), None), Placed { problem: P::UnknownAlias, line: 1, column: 4 });
        assert_eq!(place("a: b\n", "control characters are not allowed at position 3", (1, 3), None).problem, P::ControlCharacter);
        assert_eq!(place("a: b\n", "something new", (0, 0), None), Placed { problem: P::Other, line: 1, column: 1 });
    }
}
