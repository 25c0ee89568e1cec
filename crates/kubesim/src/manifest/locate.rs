//! Finding a field's line and column from its path (`spec.template.spec.containers[0]`)
//! in the text of a document, by indentation; and the nearest name to a typo.

/// The closest candidate by edit distance, if it is close enough to be a likely typo.
pub fn nearest(word: &str, candidates: &[String]) -> Option<String> {
    let lw = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&lw, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.clone())
}

pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// One YAML document of a text: its first line (1-based) and its bytes.
pub(crate) struct Bounds {
    pub(crate) line: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

pub(crate) fn is_separator(line: &str) -> bool {
    line.starts_with("---") && (line.len() == 3 || line[3..].starts_with([' ', '\t', '\r']))
}

/// Where each document of a multi-document text starts, as the reader counts them.
pub(crate) fn document_bounds(text: &str) -> Vec<Bounds> {
    let mut out = vec![Bounds { line: 1, start: 0, end: text.len() }];
    let mut offset = 0usize;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if is_separator(line.trim_end_matches(['\n', '\r'])) {
            let next = offset + line.len();
            if i == 0 {
                out[0] = Bounds { line: 2, start: next, end: text.len() };
            } else {
                if let Some(last) = out.last_mut() {
                    last.end = offset;
                }
                out.push(Bounds { line: i + 2, start: next, end: text.len() });
            }
        }
        offset += line.len();
    }
    out
}

/// One step of a field path: a key or a list index.
#[derive(Debug, PartialEq)]
pub(crate) enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// `spec.containers[1].image` → `spec`, `containers`, `1`, `image`; `requests[storage]` →
/// `requests`, `storage`.
pub(crate) fn split_path(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        if let Some(i) = rest.find('[') {
            if i > 0 {
                out.push(Seg::Key(&rest[..i]));
            }
            rest = &rest[i..];
            while let Some(inner) = rest.strip_prefix('[') {
                let Some(close) = inner.find(']') else { break };
                let what = &inner[..close];
                out.push(match what.parse() {
                    Ok(n) => Seg::Index(n),
                    Err(_) => Seg::Key(what),
                });
                rest = &inner[close + 1..];
            }
        } else {
            out.push(Seg::Key(rest));
        }
    }
    out
}

/// A block of lines (1-based line number, text); the first line may have had its `- `
/// blanked out so the item's first key lines up with the others.
pub(crate) type Region = Vec<(usize, String)>;

pub(crate) fn indent(s: &str) -> usize {
    s.len() - s.trim_start_matches(' ').len()
}

pub(crate) fn significant(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && !t.starts_with('#')
}

pub(crate) fn is_item(content: &str) -> bool {
    content == "-" || content.starts_with("- ") || content.starts_with("-\t")
}

/// The key of a `key: value` line (content without its indentation), unquoted.
pub(crate) fn key_of(content: &str) -> Option<&str> {
    if let Some(q) = content.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let end = content[1..].find(q)? + 1;
        let after = content[end + 1..].trim_start();
        return after.starts_with(':').then(|| &content[1..end]);
    }
    let colon = content.char_indices().find(|&(i, ch)| ch == ':' && content[i + 1..].chars().next().is_none_or(|n| n == ' ' || n == '\t'))?.0;
    Some(content[..colon].trim_end())
}

/// The lines of the document that starts at `doc_start` (1-based).
pub(crate) fn document_region(text: &str, doc_start: usize) -> Region {
    text.lines()
        .enumerate()
        .skip(doc_start.saturating_sub(1))
        .take_while(|(i, l)| !(is_separator(l) || *l == "...") || *i + 1 < doc_start)
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect()
}

/// The lines under a key or item at column `col` that starts at `region[at]`.
pub(crate) fn children(region: &Region, at: usize, col: usize, item: bool) -> Region {
    let mut out = Vec::new();
    if item {
        // The item's own line, with its `-` blanked out.
        let (n, l) = &region[at];
        let mut first = l.clone();
        first.replace_range(col..col + 1, " ");
        out.push((*n, first));
    }
    for (n, l) in &region[at + 1..] {
        if significant(l) {
            let ind = indent(l);
            let content = &l[ind..];
            let ends = if item { ind <= col } else { ind < col || (ind == col && !is_item(content)) };
            if ends {
                break;
            }
        }
        out.push((*n, l.clone()));
    }
    out
}

pub(crate) fn child_column(region: &Region) -> Option<usize> {
    region.iter().find(|(_, l)| significant(l)).map(|(_, l)| indent(l))
}

/// Every line of `region` that holds `key` at the region's own column.
pub(crate) fn key_lines(region: &Region, key: &str) -> Vec<(usize, usize)> {
    let Some(col) = child_column(region) else { return vec![] };
    region
        .iter()
        .enumerate()
        .filter(|(_, (_, l))| significant(l) && indent(l) == col && key_of(&l[col..]) == Some(key))
        .map(|(i, _)| (i, col))
        .collect()
}

/// Follows `segs` as far as the text allows; returns the deepest position found, the
/// region under it, and whether the whole path was followed.
pub(crate) fn descend(mut region: Region, segs: &[Seg<'_>], doc_start: usize) -> ((usize, usize), Region, bool) {
    let mut best = region.iter().find(|(_, l)| significant(l)).map(|(n, l)| (*n, indent(l) + 1)).unwrap_or((doc_start, 1));
    for seg in segs {
        let Some(col) = child_column(&region) else { return (best, region, false) };
        match seg {
            Seg::Key(k) => {
                let Some(&(i, col)) = key_lines(&region, k).first() else { return (best, region, false) };
                best = (region[i].0, col + 1);
                region = children(&region, i, col, false);
            }
            Seg::Index(want) => {
                let items: Vec<usize> = region
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, l))| significant(l) && indent(l) == col && is_item(&l[col..]))
                    .map(|(i, _)| i)
                    .collect();
                let Some(&i) = items.get(*want) else { return (best, region, false) };
                let line = &region[i].1;
                let content_col = col + 1 + indent(&line[col + 1..]);
                best = (region[i].0, if content_col < line.len() { content_col + 1 } else { col + 1 });
                region = children(&region, i, col, true);
            }
        }
    }
    (best, region, true)
}

/// Finds the 1-based line and column of a field path like `spec.selector` or
/// `spec.template.spec.containers[1].image` in the document that starts at `doc_start`, for
/// errors found after decoding. When the path cannot be followed to the end (flow style,
/// a missing field), the deepest part found is returned; at worst the document start.
pub fn locate(text: &str, doc_start: usize, path: &str) -> (usize, usize) {
    let segs = split_path(path);
    descend(document_region(text, doc_start), &segs, doc_start).0
}

/// The second occurrence of `key` in the mapping at `path` (for duplicate keys).
pub(crate) fn locate_duplicate(text: &str, doc_start: usize, path: &str, key: &str) -> Option<(usize, usize)> {
    let segs = split_path(path);
    let region = document_region(text, doc_start);
    let region = match descend(region, &segs, doc_start) {
        (_, region, true) => region,
        _ => return None,
    };
    let lines = key_lines(&region, key);
    lines.get(1).map(|&(i, col)| (region[i].0, col + 1))
}

