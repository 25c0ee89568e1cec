//! Markdown → HTML for lesson text (pulldown-cmark). Raw HTML in the source is shown as
//! text, never injected: lesson authors write Markdown only.

use pulldown_cmark::{html, Event, Options, Parser};

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

#[cfg(test)]
mod tests {
    use super::{inline_html, to_html};

    #[test]
    fn renders_and_escapes() {
        assert_eq!(to_html("# Hola"), "<h1>Hola</h1>\n");
        let h = to_html("texto <script>alert(1)</script>");
        assert!(!h.contains("<script>"), "{h}");
        assert_eq!(inline_html("un `Pod` **listo**"), "un <code>Pod</code> <strong>listo</strong>");
        assert!(to_html("```yaml\na: 1\n```").contains("<code class=\"language-yaml\">"));
    }
}
