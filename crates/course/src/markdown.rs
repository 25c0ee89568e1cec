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
        // Every one-line text shows as its rendered Markdown: from the table, or (a text with
        // no Markdown and nothing to escape, left out of it) as itself.
        let lessons = crate::catalogue().unwrap();
        let mut left_out = 0;
        for l in &lessons {
            for s in l.spec.steps {
                let mut texts: Vec<&crate::schema::Text> = vec![&l.spec.title, &s.title];
                texts.extend(s.hints.iter().chain(s.goals.iter().map(|g| &g.text)).chain(s.wrong.iter().map(|w| &w.why)));
                for q in s.predict {
                    texts.extend([&q.question, &q.explanation].into_iter().chain(q.choices.iter().map(|c| &c.text)));
                }
                for t in texts {
                    for lang in crate::Lang::ALL {
                        let md = t.get(lang);
                        assert_eq!(inline_html(md), crate::render::inline_html(md), "{md}");
                        if INLINE.binary_search_by(|(k, _)| (*k).cmp(md)).is_err() {
                            left_out += 1;
                        }
                    }
                }
            }
        }
        assert!(left_out > 0 && INLINE.len() > 100, "plain texts are left out, the others are in ({left_out}, {})", INLINE.len());
    }

    #[test]
    fn text_not_in_the_lessons_is_escaped() {
        assert_eq!(inline_html("a <b> & \"c\""), "a &lt;b&gt; &amp; &quot;c&quot;");
    }
}
