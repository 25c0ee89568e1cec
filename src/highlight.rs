//! A small YAML highlighter for the editor: keys, strings, numbers, booleans, comments,
//! document markers and list dashes become spans with classes. Escapes everything else.

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

fn span(class: &str, text: &str, out: &mut String) {
    out.push_str("<span class=\"");
    out.push_str(class);
    out.push_str("\">");
    escape(text, out);
    out.push_str("</span>");
}

/// Where a `#` starts a comment (not inside quotes, and at the start or after a space).
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && prev.is_whitespace() => return Some(i),
            None => {}
        }
        prev = c;
    }
    None
}

fn value(v: &str, out: &mut String) {
    let t = v.trim();
    if t.is_empty() {
        escape(v, out);
        return;
    }
    let lead = &v[..v.len() - v.trim_start().len()];
    let trail = &v[v.trim_end().len()..];
    escape(lead, out);
    let class = if t.starts_with('"') || t.starts_with('\'') {
        "y-str"
    } else if matches!(t, "true" | "false" | "null" | "~" | "True" | "False") {
        "y-bool"
    } else if t.parse::<f64>().is_ok() {
        "y-num"
    } else if t.starts_with('&') || t.starts_with('*') {
        "y-anchor"
    } else if t.starts_with('[') || t.starts_with('{') || t == "|" || t == ">" {
        "y-punct"
    } else {
        "y-val"
    };
    span(class, t, out);
    escape(trail, out);
}

/// One line of YAML as HTML.
fn line_html(line: &str, out: &mut String) {
    let (code, comment) = match comment_start(line) {
        Some(i) => (&line[..i], Some(&line[i..])),
        None => (line, None),
    };
    if code.trim_start().starts_with("---") || code.trim_start().starts_with("...") {
        span("y-doc", code, out);
    } else {
        let indent = code.len() - code.trim_start().len();
        escape(&code[..indent], out);
        let mut rest = &code[indent..];
        while let Some(r) = rest.strip_prefix("- ").or_else(|| (rest == "-").then_some("")) {
            span("y-dash", "-", out);
            out.push(' ');
            rest = r;
        }
        // `key: value` (the key may be quoted; a colon must be followed by space or end).
        let key_end = rest.char_indices().find(|&(i, c)| c == ':' && rest[i + 1..].chars().next().is_none_or(char::is_whitespace));
        match key_end {
            Some((i, _)) if !rest.starts_with('"') || rest[..i].ends_with('"') => {
                span("y-key", &rest[..i], out);
                span("y-punct", ":", out);
                value(&rest[i + 1..], out);
            }
            _ => value(rest, out),
        }
    }
    if let Some(c) = comment {
        span("y-comment", c, out);
    }
}

/// The whole text as HTML, line by line (a trailing newline keeps the last line's height).
pub fn yaml_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        line_html(line, &mut out);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::yaml_html;

    #[test]
    fn keys_values_and_comments() {
        let h = yaml_html("kind: DaemonSet # a comment\n  - name: agente\nreplicas: 3\n");
        assert!(h.contains(r#"<span class="y-key">kind</span><span class="y-punct">:</span> <span class="y-val">DaemonSet</span>"#), "{h}");
        assert!(h.contains(r#"<span class="y-comment"># a comment</span>"#), "{h}");
        assert!(h.contains(r#"<span class="y-dash">-</span> <span class="y-key">name</span>"#), "{h}");
        assert!(h.contains(r#"<span class="y-num">3</span>"#), "{h}");
    }

    #[test]
    fn markup_is_escaped_and_text_is_kept() {
        let text = "name: <script>alert(1)</script>\nimage: \"a:b\" # x\nurl: http://x#y\n";
        let h = yaml_html(text);
        assert!(!h.contains("<script>"), "{h}");
        // Removing the tags and unescaping gives the text back, so the overlay lines up.
        let mut plain = String::new();
        let mut in_tag = false;
        for c in h.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if !in_tag => plain.push(c),
                _ => {}
            }
        }
        let plain = plain.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        assert_eq!(plain, format!("{text}\n"));
    }
}
