//! Markdown → HTML for lesson text (pulldown-cmark). Raw HTML in the source is shown as
//! text, never injected: lesson authors write Markdown only.
//!
//! Runs at build time only (build.rs includes this file): the web app ships the rendered
//! HTML, so the Markdown parser stays out of the WebAssembly module. The crate's unit tests
//! include it too (pulldown-cmark is also a dev-dependency).

use pulldown_cmark::{html, Event, Options, Parser};

/// A glossary entry as the renderer needs it: the spellings to find and the explanation
/// in the text's language.
pub struct Gloss<'a> {
    pub spellings: Vec<&'a str>,
    pub explanation: &'a str,
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Finds the first spelling of an entry not yet used that stands as a whole word in `text`.
fn find_term<'a>(text: &str, glossary: &'a [Gloss<'a>], used: &[usize]) -> Option<(usize, usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None;
    for (gi, g) in glossary.iter().enumerate() {
        if used.contains(&gi) {
            continue;
        }
        for sp in &g.spellings {
            let mut from = 0;
            while let Some(pos) = text[from..].find(sp) {
                let start = from + pos;
                let end = start + sp.len();
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
                if !word(before) && !word(after) {
                    // Earliest match wins; at the same place, the longest spelling.
                    let better = match best {
                        None => true,
                        Some((s, e, _)) => start < s || (start == s && end > e),
                    };
                    if better {
                        best = Some((start, end, gi));
                    }
                    break;
                }
                from = start + sp.len();
            }
        }
    }
    best
}

/// Markdown → HTML, with the first appearance of each glossary term in running text (not in
/// headings, links or code) marked so that hover or focus shows its explanation.
pub fn to_html_with_glossary(md: &str, glossary: &[Gloss<'_>]) -> String {
    use pulldown_cmark::{CowStr, Tag, TagEnd};
    let mut used: Vec<usize> = Vec::new();
    let mut depth_skip = 0usize;
    let mut events: Vec<Event> = Vec::new();
    for e in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match e {
            Event::Start(Tag::Heading { .. } | Tag::Link { .. } | Tag::CodeBlock(_) | Tag::Image { .. }) => {
                depth_skip += 1;
                events.push(e);
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Link | TagEnd::CodeBlock | TagEnd::Image) => {
                depth_skip = depth_skip.saturating_sub(1);
                events.push(e);
            }
            Event::Html(s) | Event::InlineHtml(s) => events.push(Event::Text(s)),
            Event::Text(text) if depth_skip == 0 && !glossary.is_empty() => {
                let mut rest: &str = &text;
                while let Some((start, end, gi)) = find_term(rest, glossary, &used) {
                    used.push(gi);
                    if start > 0 {
                        events.push(Event::Text(CowStr::from(rest[..start].to_string())));
                    }
                    let html = format!(
                        "<span class=\"gloss\" tabindex=\"0\">{}<span class=\"gloss-tip\" role=\"tooltip\">{}</span></span>",
                        escape_html(&rest[start..end]),
                        escape_html(glossary[gi].explanation)
                    );
                    events.push(Event::InlineHtml(CowStr::from(html)));
                    rest = &rest[end..];
                }
                if !rest.is_empty() {
                    events.push(Event::Text(CowStr::from(rest.to_string())));
                }
            }
            other => events.push(other),
        }
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out
}

pub fn to_html(md: &str) -> String {
    let parser = Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    out
}

/// Renders a one-line text (a goal, a hint) without the surrounding paragraph.
pub fn inline_html(md: &str) -> String {
    let html = to_html(md);
    let t = html.trim_end();
    t.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")).unwrap_or(t).to_string()
}

/// Splits a lesson's Markdown at `<!-- step: id -->` lines and renders each part, marking
/// glossary terms: the introduction's HTML and `(step id, HTML)` per step.
pub fn lesson_text(md: &str, glossary: &[Gloss<'_>]) -> (String, Vec<(String, String)>) {
    let mut intro = String::new();
    let mut steps: Vec<(String, String)> = Vec::new();
    for line in md.lines() {
        if let Some(id) = line.trim().strip_prefix("<!-- step: ").and_then(|r| r.strip_suffix(" -->")) {
            steps.push((id.to_string(), String::new()));
            continue;
        }
        let target = match steps.last_mut() {
            Some((_, s)) => s,
            None => &mut intro,
        };
        target.push_str(line);
        target.push('\n');
    }
    (
        to_html_with_glossary(&intro, glossary),
        steps.into_iter().map(|(id, md)| (id, to_html_with_glossary(&md, glossary))).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::{inline_html, to_html, to_html_with_glossary, Gloss};

    #[test]
    fn renders_and_escapes() {
        assert_eq!(to_html("# Hola"), "<h1>Hola</h1>\n");
        let h = to_html("texto <script>alert(1)</script>");
        assert!(!h.contains("<script>"), "{h}");
        assert_eq!(inline_html("un `Pod` **listo**"), "un <code>Pod</code> <strong>listo</strong>");
        let g = [Gloss { spellings: vec!["Pod", "Pods"], explanation: "unidad <mínima>" }];
        let h = to_html_with_glossary("# Pod\n\nUn Pod y otro Pod; `Pod` en código.", &g);
        assert!(h.contains("<h1>Pod</h1>"), "headings stay plain: {h}");
        assert_eq!(h.matches("class=\"gloss\"").count(), 1, "only the first appearance: {h}");
        assert!(h.contains("unidad &lt;mínima&gt;"), "explanations are escaped: {h}");
        assert!(h.contains("<code>Pod</code>"), "{h}");
        assert!(!to_html_with_glossary("Podcast", &g).contains("gloss"), "whole words only");
        assert!(to_html("```yaml\na: 1\n```").contains("<code class=\"language-yaml\">"));
    }
}
