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
/// The YAML reading of `content/` that build.rs uses, for the test that the data it wrote is
/// what the YAML says.
#[cfg(test)]
#[path = "../build/schema.rs"]
#[allow(dead_code)]
mod yaml;

use schema::{LessonSpec, Text};

/// A lesson as embedded: its spec as data and its files as written, both checked at build
/// time, and its text already rendered to HTML.
pub struct RawLesson {
    pub folder: &'static str,
    pub spec: LessonSpec,
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
/// build time: every entry has both texts, no term or alias twice). Never fails: the
/// `Result` is kept for callers written when it was parsed at run time.
pub fn glossary() -> Result<schema::Glossary, CatalogueError> {
    Ok(GLOSSARY)
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
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Es => self.es,
            Lang::En => self.en,
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

/// Why the embedded catalogue could not be read. The catalogue is data checked at build
/// time, so nothing produces it now; the type stays for callers of the `Result`s.
#[derive(Debug)]
pub struct CatalogueError(pub String);

/// Every lesson, in the manifest's order. Never fails (see [`CatalogueError`]).
pub fn catalogue() -> Result<Vec<Lesson>, CatalogueError> {
    Ok(LESSONS
        .iter()
        .map(|raw| Lesson {
            folder: raw.folder,
            spec: raw.spec,
            files: raw.files.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect(),
            es: raw.es.text(),
            en: raw.en.text(),
        })
        .collect())
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
                let want: Vec<&str> = l.spec.steps.iter().map(|s| s.id).collect();
                assert_eq!(ids, want, "{} {lang:?}: step texts in step order", l.folder);
            }
        }
    }

    /// The specs and the glossary written by build.rs as Rust data are the YAML of `content/`
    /// as read (with its defaults), field by field: owned and static values print alike.
    #[test]
    fn embedded_data_is_the_yaml_as_read() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let read = |p: std::path::PathBuf| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let manifest: yaml::CourseManifest = serde_yaml::from_str(&read(root.join("course.yaml"))).unwrap();
        let folders: Vec<&str> = LESSONS.iter().map(|l| l.folder).collect();
        assert_eq!(folders, manifest.lessons);
        for raw in LESSONS {
            let spec: yaml::LessonSpec = serde_yaml::from_str(&read(root.join(raw.folder).join("lesson.yaml"))).unwrap();
            assert_eq!(format!("{spec:#?}"), format!("{:#?}", raw.spec), "{}", raw.folder);
        }
        let g: yaml::Glossary = serde_yaml::from_str(&read(root.join("glossary.yaml"))).unwrap();
        assert_eq!(format!("{g:#?}"), format!("{:#?}", glossary().unwrap()));
        // The comparison sees what matters: a default filled in, a list, an inline manifest.
        for want in ["namespace: \"default\"", "nodes: [", "ApplyYaml(", "right: true"] {
            assert!(LESSONS.iter().any(|l| format!("{:?}", l.spec).contains(want)), "no lesson has {want}");
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
                        spellings: std::iter::once(t.term).chain(t.aliases.iter().copied()).collect(),
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

    /// What the completion panel shows: 3 to 6 lines per lesson, in both languages, their
    /// Markdown rendered like the goals' (`code` included).
    #[test]
    fn every_lesson_says_what_was_learnt() {
        for l in catalogue().unwrap() {
            assert!((3..=6).contains(&l.spec.learned.len()), "{}", l.folder);
            for t in l.spec.learned {
                for lang in Lang::ALL {
                    let md = t.get(lang);
                    let html = markdown::inline_html(md);
                    assert!(!md.trim().is_empty(), "{}", l.folder);
                    assert_eq!(md.contains('`'), html.contains("<code>"), "{}: {md} → {html}", l.folder);
                }
            }
        }
    }

    #[test]
    fn first_lesson_is_the_daemonset() {
        let l = &catalogue().unwrap()[0];
        assert!(l.text(Lang::Es).intro_html.contains("<h1>DaemonSet</h1>"));
        assert!(l.file("daemonset.yaml").unwrap().contains("kind: DaemonSet"));
    }
}
