//! Lesson text as HTML. The Markdown of `content/` is rendered when the crate is built
//! (build.rs, with `render.rs`), so the web app carries HTML and no Markdown parser.

/// The HTML of a one-line text of the lessons (a goal, a hint, a question, a choice, an
/// explanation, a title) without the surrounding paragraph. Every such text of `content/`
/// was rendered at build time; any other text is shown as plain, escaped text.
pub fn inline_html(md: &str) -> String {
    match INLINE.binary_search_by(|(k, _)| (*k).cmp(md)) {
        Ok(i) => INLINE[i].1.to_string(),
        Err(_) => escape_html(md),
    }
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Every one-line text of the lessons (both languages) with its HTML, sorted by text.
pub(crate) static INLINE: &[(&str, &str)] = crate::INLINE_HTML;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_inline_text_of_the_lessons_is_rendered_at_build_time() {
        assert!(INLINE.windows(2).all(|w| w[0].0 < w[1].0), "sorted, no text twice");
        for (md, html) in INLINE {
            assert_eq!(*html, crate::render::inline_html(md), "{md}");
            assert_eq!(inline_html(md), *html);
        }
        let lessons = crate::catalogue().unwrap();
        for l in &lessons {
            for s in l.spec.steps {
                for t in std::iter::once(&s.title).chain(s.hints.iter()).chain(s.goals.iter().map(|g| &g.text)) {
                    for lang in crate::Lang::ALL {
                        assert!(INLINE.binary_search_by(|(k, _)| (*k).cmp(t.get(lang))).is_ok(), "{}", t.get(lang));
                    }
                }
            }
        }
    }

    #[test]
    fn text_not_in_the_lessons_is_escaped() {
        assert_eq!(inline_html("a <b> & \"c\""), "a &lt;b&gt; &amp; &quot;c&quot;");
    }
}
