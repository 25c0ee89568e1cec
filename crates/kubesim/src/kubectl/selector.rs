//! Label selectors as `-l` takes them, after apimachinery's `pkg/labels/selector.go`:
//! a small lexer, the requirement grammar and its error wording.

use crate::api::model::Labels;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Bang,
    NotEquals,
    Equals,
    DoubleEquals,
    Gt,
    Lt,
    In,
    NotIn,
    Open,
    Close,
    Comma,
    End,
}

impl Tok {
    fn text(&self) -> String {
        match self {
            Tok::Ident(s) => s.clone(),
            Tok::Bang => "!".into(),
            Tok::NotEquals => "!=".into(),
            Tok::Equals => "=".into(),
            Tok::DoubleEquals => "==".into(),
            Tok::Gt => ">".into(),
            Tok::Lt => "<".into(),
            Tok::In => "in".into(),
            Tok::NotIn => "notin".into(),
            Tok::Open => "(".into(),
            Tok::Close => ")".into(),
            Tok::Comma => ",".into(),
            Tok::End => String::new(),
        }
    }
}

fn lex(s: &str) -> Vec<Tok> {
    let special = |c: char| matches!(c, '!' | '=' | '>' | '<' | '(' | ')' | ',');
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if special(c) {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let (t, n) = match two.as_str() {
                "!=" => (Tok::NotEquals, 2),
                "==" => (Tok::DoubleEquals, 2),
                _ => (
                    match c {
                        '!' => Tok::Bang,
                        '=' => Tok::Equals,
                        '>' => Tok::Gt,
                        '<' => Tok::Lt,
                        '(' => Tok::Open,
                        ')' => Tok::Close,
                        _ => Tok::Comma,
                    },
                    1,
                ),
            };
            out.push(t);
            i += n;
        } else {
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() && !special(chars[i]) {
                i += 1;
            }
            let w: String = chars[start..i].iter().collect();
            out.push(match w.as_str() {
                "in" => Tok::In,
                "notin" => Tok::NotIn,
                _ => Tok::Ident(w),
            });
        }
    }
    out.push(Tok::End);
    out
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    Gt,
    Lt,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub key: String,
    pub op: Op,
    pub values: Vec<String>,
}

impl Requirement {
    pub fn matches(&self, labels: &Labels) -> bool {
        let v = labels.get(&self.key);
        match self.op {
            Op::Equals | Op::In => v.is_some_and(|v| self.values.contains(v)),
            Op::NotEquals | Op::NotIn => !v.is_some_and(|v| self.values.contains(v)),
            Op::Exists => v.is_some(),
            Op::DoesNotExist => v.is_none(),
            Op::Gt | Op::Lt => {
                let Some(have) = v.and_then(|v| v.parse::<i64>().ok()) else { return false };
                let want: i64 = self.values[0].parse().unwrap_or(0);
                if self.op == Op::Gt {
                    have > want
                } else {
                    have < want
                }
            }
        }
    }
}

/// A parsed selector: every requirement must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selector(pub Vec<Requirement>);

impl Selector {
    pub fn matches(&self, labels: &Labels) -> bool {
        self.0.iter().all(|r| r.matches(labels))
    }
}

fn name_ok(s: &str) -> bool {
    let b = s.as_bytes();
    !s.is_empty()
        && s.len() <= 63
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

const NAME_MSG: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

fn validate_key(k: &str) -> Result<(), String> {
    let (prefix, name) = match k.split_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, k),
    };
    if let Some(p) = prefix {
        let ok = !p.is_empty()
            && p.len() <= 253
            && p.split('.').all(|l| {
                let b = l.as_bytes();
                !l.is_empty()
                    && b[0].is_ascii_alphanumeric()
                    && b[b.len() - 1].is_ascii_alphanumeric()
                    && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
            });
        if !ok {
            return Err(format!("key: Invalid value: \"{k}\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
        }
    }
    if name.len() > 63 {
        return Err(format!("key: Invalid value: \"{k}\": name part must be no more than 63 characters"));
    }
    if !name_ok(name) {
        return Err(format!("key: Invalid value: \"{k}\": {NAME_MSG}"));
    }
    Ok(())
}

fn validate_value(k: &str, i: usize, v: &str) -> Result<(), String> {
    if v.is_empty() {
        return Ok(());
    }
    if v.len() > 63 || !name_ok(v) {
        return Err(format!("values[{i}][{k}]: Invalid value: \"{v}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
    }
    Ok(())
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }
    fn next(&mut self) -> Tok {
        let t = self.peek().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn requirement(&mut self) -> Result<Requirement, String> {
        let mut op = None;
        if *self.peek() == Tok::Bang {
            self.next();
            op = Some(Op::DoesNotExist);
        }
        let key = match self.next() {
            Tok::Ident(k) => k,
            t => return Err(format!("found '{}', expected: identifier", t.text())),
        };
        validate_key(&key)?;
        if matches!(self.peek(), Tok::End | Tok::Comma) {
            return Ok(Requirement { key, op: op.unwrap_or(Op::Exists), values: vec![] });
        }
        if op.is_some() {
            let t = self.next();
            return Err(format!("found '{}', expected: ',' or 'end of string'", t.text()));
        }
        let op = match self.next() {
            Tok::Equals | Tok::DoubleEquals => Op::Equals,
            Tok::NotEquals => Op::NotEquals,
            Tok::In => Op::In,
            Tok::NotIn => Op::NotIn,
            Tok::Gt => Op::Gt,
            Tok::Lt => Op::Lt,
            t => return Err(format!("found '{}', expected: {}", t.text(), "!=, =, ==, >, <, in, notin")),
        };
        let values = if matches!(op, Op::In | Op::NotIn) {
            match self.next() {
                Tok::Open => {}
                t => return Err(format!("found '{}', expected: '('", t.text())),
            }
            let mut vals = Vec::new();
            let mut expect_value = true;
            loop {
                match self.next() {
                    Tok::Ident(v) if expect_value => {
                        vals.push(v);
                        expect_value = false;
                    }
                    Tok::Comma if !expect_value => expect_value = true,
                    Tok::Comma => vals.push(String::new()),
                    Tok::Close => {
                        if expect_value && !vals.is_empty() {
                            vals.push(String::new());
                        }
                        break;
                    }
                    t if expect_value => return Err(format!("found '{}', expected: ',', or identifier", t.text())),
                    t => return Err(format!("found '{}', expected: ',' or ')'", t.text())),
                }
            }
            if vals.is_empty() {
                return Err("values: Invalid value: \"\": for 'in', 'notin' operators, values set can't be empty".to_string());
            }
            vals
        } else {
            match self.peek().clone() {
                Tok::Ident(v) => {
                    self.next();
                    vec![v]
                }
                Tok::End | Tok::Comma => vec![String::new()],
                t => return Err(format!("found '{}', expected: identifier", t.text())),
            }
        };
        if matches!(op, Op::Gt | Op::Lt) && values[0].parse::<i64>().is_err() {
            return Err(format!("values[0]: Invalid value: \"{}\": for 'Gt', 'Lt' operators, the value must be an integer", values[0]));
        }
        for (i, v) in values.iter().enumerate() {
            validate_value(&key, i, v)?;
        }
        Ok(Requirement { key, op, values })
    }
}

/// Parses a selector; the error is the message kubectl prints after `error: `.
pub fn parse(s: &str) -> Result<Selector, String> {
    let mut p = Parser { toks: lex(s), pos: 0 };
    let mut reqs = Vec::new();
    loop {
        match p.peek() {
            Tok::End => break,
            Tok::Comma => {
                p.next();
                continue;
            }
            Tok::Ident(_) | Tok::Bang => {}
            t => return Err(format!("found '{}', expected: !, identifier, or 'end of string'", t.text())),
        }
        let r = p.requirement().map_err(|e| format!("unable to parse requirement: {e}"))?;
        reqs.push(r);
        match p.next() {
            Tok::End => break,
            Tok::Comma => {}
            t => return Err(format!("found '{}', expected: ',' or 'end of string'", t.text())),
        }
    }
    Ok(Selector(reqs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(pairs: &[(&str, &str)]) -> Labels {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn the_selector_language() {
        let web = l(&[("app", "nginx"), ("tier", "web"), ("replicas", "3")]);
        let bare = l(&[]);
        for (sel, a, b) in [
            ("app=nginx", true, false),
            ("app==nginx", true, false),
            ("app!=nginx", false, true),
            ("tier in (web, db)", true, false),
            ("tier notin (db)", true, true),
            ("app", true, false),
            ("!app", false, true),
            ("replicas>2", true, false),
            ("replicas<3", false, false),
            ("app=nginx,tier!=db", true, false),
            (" app = nginx ", true, false),
        ] {
            let s = parse(sel).unwrap();
            assert_eq!((s.matches(&web), s.matches(&bare)), (a, b), "{sel}");
        }
    }

    #[test]
    fn parse_errors() {
        assert_eq!(parse("app in nginx").unwrap_err(), "unable to parse requirement: found 'nginx', expected: '('");
        assert_eq!(parse("a>b").unwrap_err(), "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer");
        assert_eq!(parse("a=b c").unwrap_err(), "found 'c', expected: ',' or 'end of string'");
    }
}
