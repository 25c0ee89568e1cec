//! The course as data: the lessons embedded from `content/` (checked at build time), their
//! text rendered from Markdown, and each step's goals as predicates over the simulated
//! cluster. Depends on kubesim, never on the UI.

pub mod goals;
pub mod markdown;
pub mod progress;
pub mod saved;
#[cfg(test)]
mod render;
pub mod schema;

use schema::{LessonSpec, Text};

/// A lesson as embedded: its spec and files as written, parsed on demand, and its text
/// already rendered to HTML at build time.
pub struct RawLesson {
    pub folder: &'static str,
    pub spec: &'static str,
    pub es: RawText,
    pub en: RawText,
    pub files: &'static [(&'static str, &'static str)],
}

/// A lesson's text in one language as rendered at build time.
pub struct RawText {
    pub intro_html: &'static str,
    pub steps_html: &'static [(&'static str, &'static str)],
}

/// A lesson's Markdown as written (for checks; the app uses the rendered [`RawText`]).
pub struct LessonMarkdown {
    pub folder: &'static str,
    pub es: &'static str,
    pub en: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

/// The glossary: Kubernetes terms kept in English, explained in both languages (checked at
/// build time: every entry has both texts, no term or alias twice).
pub fn glossary() -> Result<schema::Glossary, CatalogueError> {
    serde_yaml::from_str(GLOSSARY).map_err(|e| CatalogueError(format!("glossary.yaml: {e}")))
}

/// The student's language. Spanish first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Es,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Es, Lang::En];
    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }
    pub fn from_code(s: &str) -> Option<Lang> {
        match s {
            "es" => Some(Lang::Es),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Es => &self.es,
            Lang::En => &self.en,
        }
    }
}

/// One lesson, ready to show.
#[derive(Clone, Debug)]
pub struct Lesson {
    pub folder: &'static str,
    pub spec: LessonSpec,
    pub files: Vec<(String, String)>,
    es: LessonText,
    en: LessonText,
}

/// A lesson's text in one language: the introduction and one part per step, as HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonText {
    pub intro_html: String,
    pub steps_html: Vec<(String, String)>,
}

impl Lesson {
    pub fn text(&self, lang: Lang) -> &LessonText {
        match lang {
            Lang::Es => &self.es,
            Lang::En => &self.en,
        }
    }
    pub fn file(&self, name: &str) -> Option<&str> {
        self.files.iter().find(|(n, _)| n == name).map(|(_, t)| t.as_str())
    }
}

impl RawText {
    fn text(&self) -> LessonText {
        LessonText {
            intro_html: self.intro_html.to_string(),
            steps_html: self.steps_html.iter().map(|(id, h)| (id.to_string(), h.to_string())).collect(),
        }
    }
}

/// Why the embedded catalogue could not be read (only possible if build.rs and the runtime
/// disagree; a test keeps them in step).
#[derive(Debug)]
pub struct CatalogueError(pub String);

/// Every lesson, in the manifest's order.
pub fn catalogue() -> Result<Vec<Lesson>, CatalogueError> {
    LESSONS
        .iter()
        .map(|raw| {
            let spec: LessonSpec = serde_yaml::from_str(raw.spec)
                .map_err(|e| CatalogueError(format!("{}: {e}", raw.folder)))?;
            Ok(Lesson {
                folder: raw.folder,
                spec,
                files: raw.files.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect(),
                es: raw.es.text(),
                en: raw.en.text(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_loads_with_text_for_every_step() {
        let lessons = catalogue().expect("catalogue");
        assert!(!lessons.is_empty());
        for l in &lessons {
            for lang in Lang::ALL {
                let t = l.text(lang);
                assert!(!t.intro_html.is_empty(), "{} {lang:?}", l.folder);
                let ids: Vec<&str> = t.steps_html.iter().map(|(id, _)| id.as_str()).collect();
                let want: Vec<&str> = l.spec.steps.iter().map(|s| s.id.as_str()).collect();
                assert_eq!(ids, want, "{} {lang:?}: step texts in step order", l.folder);
            }
        }
    }

    #[test]
    fn glossary_loads_and_covers_the_lessons_key_terms() {
        let g = glossary().expect("glossary");
        for term in ["DaemonSet", "StatefulSet", "Headless Service", "PersistentVolumeClaim", "taint", "toleration"] {
            assert!(g.terms.iter().any(|t| t.term == term), "{term}");
        }
    }

    /// The files the seed's commands name exist and agree with those commands.
    #[test]
    fn seed_files_agree_with_the_seeds_commands() {
        let lessons = catalogue().unwrap();
        let file = |name: &str| lessons.iter().find_map(|l| l.file(name)).unwrap_or_else(|| panic!("{name} missing"));
        let ds = file("daemonset.yaml");
        assert!(ds.contains("kind: DaemonSet") && ds.contains("app: nginx-app"), "{ds}");
        let pv = file("pv-pvc.yaml");
        assert!(pv.contains("kind: PersistentVolume\n") && pv.contains("name: my-pvc"), "{pv}");
        let sts = file("statefulset.yaml");
        for want in ["kind: StatefulSet", "name: nginx-sts", "app: nginx-app", "clusterIP: None", "serviceName: nginx-sts"] {
            assert!(sts.contains(want), "statefulset.yaml lacks {want}");
        }
    }

    /// The HTML embedded at build time is what the renderer makes of the Markdown, with the
    /// glossary's terms marked.
    #[test]
    fn embedded_html_is_the_rendered_markdown() {
        let terms = glossary().unwrap().terms;
        for (raw, md) in LESSONS.iter().zip(MARKDOWN) {
            assert_eq!(raw.folder, md.folder);
            for (lang, text, source) in [(Lang::Es, &raw.es, md.es), (Lang::En, &raw.en, md.en)] {
                let gloss: Vec<render::Gloss<'_>> = terms
                    .iter()
                    .map(|t| render::Gloss {
                        spellings: std::iter::once(t.term.as_str()).chain(t.aliases.iter().map(String::as_str)).collect(),
                        explanation: t.text.get(lang),
                    })
                    .collect();
                let (intro, steps) = render::lesson_text(source, &gloss);
                assert_eq!(text.intro_html, intro);
                let embedded: Vec<(String, String)> = text.steps_html.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
                assert_eq!(embedded, steps);
            }
        }
        let intro = LESSONS[0].es.intro_html;
        assert!(intro.contains("class=\"gloss\""), "glossary terms are marked: {intro}");
    }

    #[test]
    fn first_lesson_is_the_daemonset() {
        let l = &catalogue().unwrap()[0];
        assert!(l.text(Lang::Es).intro_html.contains("<h1>DaemonSet</h1>"));
        assert!(l.file("daemonset.yaml").unwrap().contains("kind: DaemonSet"));
    }
}
