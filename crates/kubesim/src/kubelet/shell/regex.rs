//! A small POSIX regular expression matcher for `grep`: basic (BRE, with GNU's `\+ \? \|`)
//! and extended (ERE) syntax, bracket expressions with ranges and `[:classes:]`, anchors,
//! `* + ? {n,m}` and groups. It compiles to a little program run as a Thompson NFA, so time
//! grows with pattern × line, never exponentially.

/// The most instructions a compiled pattern may have.
const MAX_PROG: usize = 4000;

#[derive(Clone, Debug)]
enum Inst {
    Char(char),
    Any,
    Class(usize),
    Bol,
    Eol,
    Split(usize, usize),
    Jmp(usize),
    Match,
}

#[derive(Clone, Debug)]
struct Class {
    ranges: Vec<(char, char)>,
    negated: bool,
}

impl Class {
    fn matches(&self, c: char, icase: bool) -> bool {
        let hit = |c: char| self.ranges.iter().any(|(a, b)| *a <= c && c <= *b);
        let mut m = hit(c);
        if icase && !m {
            m = c.to_uppercase().any(hit) || c.to_lowercase().any(hit);
        }
        m != self.negated
    }
}

#[derive(Clone, Debug)]
enum Node {
    Empty,
    Char(char),
    Any,
    Class(usize),
    Bol,
    Eol,
    Cat(Vec<Node>),
    Alt(Vec<Node>),
    Rep(Box<Node>, u32, Option<u32>),
}

/// Why a pattern does not compile (GNU grep's words).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RegexError {
    Bracket,
    Paren,
    Brace,
    Interval,
    Backslash,
    TooBig,
}

impl RegexError {
    pub fn text(self) -> &'static str {
        match self {
            RegexError::Bracket => "Unmatched [, [^, [:, [., or [=",
            RegexError::Paren => "Unmatched ( or \\(",
            RegexError::Brace => "Unmatched \\{",
            RegexError::Interval => "Invalid content of \\{\\}",
            RegexError::Backslash => "Trailing backslash",
            RegexError::TooBig => "Regular expression too big",
        }
    }
}

#[derive(Clone, Debug)]
pub(super) struct Regex {
    prog: Vec<Inst>,
    classes: Vec<Class>,
    icase: bool,
}

struct P<'a> {
    cs: &'a [char],
    i: usize,
    ere: bool,
    icase: bool,
    classes: Vec<Class>,
    depth: u32,
}

impl Regex {
    pub fn new(pattern: &str, ere: bool, icase: bool) -> Result<Regex, RegexError> {
        let cs: Vec<char> = pattern.chars().collect();
        let mut p = P { cs: &cs, i: 0, ere, icase, classes: Vec::new(), depth: 0 };
        let node = p.alt()?;
        if p.i < cs.len() {
            return Err(RegexError::Paren);
        }
        let mut prog = Vec::new();
        compile(&node, &mut prog)?;
        prog.push(Inst::Match);
        Ok(Regex { prog, classes: p.classes, icase })
    }

    /// Whether the pattern matches somewhere in `line`; None when `budget` (steps) ran out.
    pub fn is_match(&self, line: &str, budget: &mut u64) -> Option<bool> {
        let chars: Vec<char> = if self.icase { line.chars().flat_map(char::to_lowercase).collect() } else { line.chars().collect() };
        let n = chars.len();
        let mut mark = vec![0usize; self.prog.len()];
        let mut gen = 1;
        let mut clist = Vec::new();
        let mut nlist = Vec::new();
        if self.add(&mut clist, &mut mark, gen, 0, 0, n) {
            return Some(true);
        }
        for (pos, &c) in chars.iter().enumerate() {
            gen += 1;
            nlist.clear();
            *budget = budget.checked_sub(clist.len() as u64 + 1)?;
            for &pc in &clist {
                let ok = match &self.prog[pc] {
                    Inst::Char(x) => *x == c,
                    Inst::Any => true,
                    Inst::Class(k) => self.classes[*k].matches(c, self.icase),
                    _ => false,
                };
                if ok && self.add(&mut nlist, &mut mark, gen, pc + 1, pos + 1, n) {
                    return Some(true);
                }
            }
            if self.add(&mut nlist, &mut mark, gen, 0, pos + 1, n) {
                return Some(true);
            }
            std::mem::swap(&mut clist, &mut nlist);
        }
        Some(false)
    }

    /// Adds a thread and all it reaches without reading; true when that reaches the end.
    fn add(&self, list: &mut Vec<usize>, mark: &mut [usize], gen: usize, pc: usize, pos: usize, n: usize) -> bool {
        let mut stack = vec![pc];
        while let Some(pc) = stack.pop() {
            if pc >= self.prog.len() || mark[pc] == gen {
                continue;
            }
            mark[pc] = gen;
            match &self.prog[pc] {
                Inst::Match => return true,
                Inst::Jmp(t) => stack.push(*t),
                Inst::Split(a, b) => {
                    stack.push(*b);
                    stack.push(*a);
                }
                Inst::Bol if pos == 0 => stack.push(pc + 1),
                Inst::Eol if pos == n => stack.push(pc + 1),
                Inst::Bol | Inst::Eol => {}
                _ => list.push(pc),
            }
        }
        false
    }
}

fn compile(node: &Node, prog: &mut Vec<Inst>) -> Result<(), RegexError> {
    if prog.len() > MAX_PROG {
        return Err(RegexError::TooBig);
    }
    match node {
        Node::Empty => {}
        Node::Char(c) => prog.push(Inst::Char(*c)),
        Node::Any => prog.push(Inst::Any),
        Node::Class(k) => prog.push(Inst::Class(*k)),
        Node::Bol => prog.push(Inst::Bol),
        Node::Eol => prog.push(Inst::Eol),
        Node::Cat(v) => {
            for n in v {
                compile(n, prog)?;
            }
        }
        Node::Alt(v) => {
            let mut jumps = Vec::new();
            for (i, n) in v.iter().enumerate() {
                if i + 1 < v.len() {
                    let split = prog.len();
                    prog.push(Inst::Split(split + 1, 0));
                    compile(n, prog)?;
                    jumps.push(prog.len());
                    prog.push(Inst::Jmp(0));
                    let next = prog.len();
                    prog[split] = Inst::Split(split + 1, next);
                } else {
                    compile(n, prog)?;
                }
            }
            let end = prog.len();
            for j in jumps {
                prog[j] = Inst::Jmp(end);
            }
        }
        Node::Rep(n, min, max) => {
            for _ in 0..*min {
                compile(n, prog)?;
            }
            match max {
                None => {
                    let split = prog.len();
                    prog.push(Inst::Split(split + 1, 0));
                    compile(n, prog)?;
                    prog.push(Inst::Jmp(split));
                    let end = prog.len();
                    prog[split] = Inst::Split(split + 1, end);
                }
                Some(max) => {
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(prog.len());
                        prog.push(Inst::Split(0, 0));
                        compile(n, prog)?;
                        if prog.len() > MAX_PROG {
                            return Err(RegexError::TooBig);
                        }
                    }
                    let end = prog.len();
                    for s in splits {
                        prog[s] = Inst::Split(s + 1, end);
                    }
                }
            }
        }
    }
    if prog.len() > MAX_PROG {
        return Err(RegexError::TooBig);
    }
    Ok(())
}

impl P<'_> {
    fn cur(&self) -> Option<char> {
        self.cs.get(self.i).copied()
    }
    fn at(&self, k: usize) -> Option<char> {
        self.cs.get(self.i + k).copied()
    }
    /// At an alternation bar (`|` in ERE, `\|` in BRE).
    fn at_bar(&self) -> bool {
        if self.ere { self.cur() == Some('|') } else { self.cur() == Some('\\') && self.at(1) == Some('|') }
    }
    fn at_close(&self) -> bool {
        if self.ere { self.cur() == Some(')') } else { self.cur() == Some('\\') && self.at(1) == Some(')') }
    }
    fn alt(&mut self) -> Result<Node, RegexError> {
        self.depth += 1;
        if self.depth > 64 {
            return Err(RegexError::TooBig);
        }
        let mut branches = vec![self.cat()?];
        while self.at_bar() {
            self.i += if self.ere { 1 } else { 2 };
            branches.push(self.cat()?);
        }
        self.depth -= 1;
        Ok(if branches.len() == 1 { branches.pop().unwrap_or(Node::Empty) } else { Node::Alt(branches) })
    }
    fn cat(&mut self) -> Result<Node, RegexError> {
        let mut items: Vec<Node> = Vec::new();
        let start = self.i;
        while self.cur().is_some() && !self.at_bar() && !(self.depth > 1 && self.at_close()) {
            if self.ere && self.cur() == Some(')') && self.depth == 1 {
                return Err(RegexError::Paren);
            }
            let first = self.i == start || (items.len() == 1 && matches!(items[0], Node::Bol));
            let atom = self.atom(first)?;
            let atom = self.repeats(atom)?;
            items.push(atom);
        }
        Ok(Node::Cat(items))
    }
    fn repeats(&mut self, mut atom: Node) -> Result<Node, RegexError> {
        loop {
            let (min, max, len) = match (self.cur(), self.at(1)) {
                (Some('*'), _) => (0, None, 1),
                (Some('+'), _) if self.ere => (1, None, 1),
                (Some('?'), _) if self.ere => (0, Some(1), 1),
                (Some('\\'), Some('+')) if !self.ere => (1, None, 2),
                (Some('\\'), Some('?')) if !self.ere => (0, Some(1), 2),
                (Some('{'), Some(d)) if self.ere && d.is_ascii_digit() => {
                    self.i += 1;
                    let (a, b) = self.interval()?;
                    atom = Node::Rep(Box::new(atom), a, b);
                    continue;
                }
                (Some('\\'), Some('{')) if !self.ere => {
                    self.i += 2;
                    let (a, b) = self.interval()?;
                    atom = Node::Rep(Box::new(atom), a, b);
                    continue;
                }
                _ => return Ok(atom),
            };
            self.i += len;
            if matches!(atom, Node::Bol | Node::Eol) {
                continue;
            }
            atom = Node::Rep(Box::new(atom), min, max);
        }
    }
    /// `n}`, `n,}`, `n,m}` (BRE: `\}`) after the opening brace.
    fn interval(&mut self) -> Result<(u32, Option<u32>), RegexError> {
        let num = |p: &mut P| -> Option<u32> {
            let s = p.i;
            while p.cur().is_some_and(|c| c.is_ascii_digit()) {
                p.i += 1;
            }
            p.cs[s..p.i].iter().collect::<String>().parse().ok()
        };
        let a = num(self).ok_or(RegexError::Interval)?;
        let b = if self.cur() == Some(',') {
            self.i += 1;
            num(self)
        } else {
            Some(a)
        };
        let closed = if self.ere { self.cur() == Some('}') } else { self.cur() == Some('\\') && self.at(1) == Some('}') };
        if !closed {
            return Err(RegexError::Brace);
        }
        self.i += if self.ere { 1 } else { 2 };
        if a > 255 || b.is_some_and(|b| b < a || b > 255) {
            return Err(RegexError::Interval);
        }
        Ok((a, b))
    }
    fn lit(&self, c: char) -> Node {
        Node::Char(if self.icase { c.to_lowercase().next().unwrap_or(c) } else { c })
    }
    fn atom(&mut self, first: bool) -> Result<Node, RegexError> {
        let Some(c) = self.cur() else { return Ok(Node::Empty) };
        self.i += 1;
        Ok(match c {
            '.' => Node::Any,
            '[' => self.bracket()?,
            '^' if self.ere || first => Node::Bol,
            '$' if self.ere || self.cur().is_none() || self.at_close() || self.at_bar() => Node::Eol,
            '*' if first => self.lit('*'),
            '*' | '+' | '?' if self.ere => self.lit(c),
            '(' if self.ere => self.group()?,
            '{' if self.ere => self.lit('{'),
            '\\' => {
                let Some(e) = self.cur() else { return Err(RegexError::Backslash) };
                self.i += 1;
                match e {
                    '(' if !self.ere => self.group()?,
                    'w' | 'W' | 's' | 'S' => {
                        let ranges = if matches!(e, 'w' | 'W') { named("alnum").into_iter().chain([('_', '_')]).collect() } else { named("space") };
                        self.classes.push(Class { ranges, negated: e.is_uppercase() });
                        Node::Class(self.classes.len() - 1)
                    }
                    'n' => self.lit('\n'),
                    't' => self.lit('\t'),
                    other => self.lit(other),
                }
            }
            other => self.lit(other),
        })
    }
    fn group(&mut self) -> Result<Node, RegexError> {
        let inner = self.alt_in_group()?;
        if !self.at_close() {
            return Err(RegexError::Paren);
        }
        self.i += if self.ere { 1 } else { 2 };
        Ok(inner)
    }
    fn alt_in_group(&mut self) -> Result<Node, RegexError> {
        self.depth += 1;
        let r = self.alt();
        self.depth -= 1;
        r
    }
    fn bracket(&mut self) -> Result<Node, RegexError> {
        let negated = self.cur() == Some('^');
        if negated {
            self.i += 1;
        }
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let Some(c) = self.cur() else { return Err(RegexError::Bracket) };
            self.i += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            if c == '[' && self.cur() == Some(':') {
                // `[:name:]`, the opening `[` read, at the colon.
                let after: Vec<char> = self.cs[self.i + 1..].to_vec();
                let Some(end) = after.windows(2).position(|w| w == [':', ']']) else { return Err(RegexError::Bracket) };
                let name: String = after[..end].iter().collect();
                self.i += end + 3;
                ranges.extend(named(&name));
                continue;
            }
            let hi = if self.cur() == Some('-') && self.at(1).is_some_and(|d| d != ']') {
                let d = self.at(1).unwrap_or(c);
                self.i += 2;
                d
            } else {
                c
            };
            ranges.push((c, hi));
        }
        self.classes.push(Class { ranges, negated });
        Ok(Node::Class(self.classes.len() - 1))
    }
}

fn named(name: &str) -> Vec<(char, char)> {
    match name {
        "alpha" => vec![('a', 'z'), ('A', 'Z')],
        "digit" => vec![('0', '9')],
        "alnum" => vec![('a', 'z'), ('A', 'Z'), ('0', '9')],
        "upper" => vec![('A', 'Z')],
        "lower" => vec![('a', 'z')],
        "space" => vec![(' ', ' '), ('\t', '\r')],
        "blank" => vec![(' ', ' '), ('\t', '\t')],
        "xdigit" => vec![('0', '9'), ('a', 'f'), ('A', 'F')],
        "punct" => vec![('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        _ => Vec::new(),
    }
}
