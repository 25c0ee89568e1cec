//! The course as data: the lessons embedded from `content/` (checked at build time), their
//! text rendered from Markdown, and each step's goals as predicates over the simulated
//! cluster. Depends on kubesim, never on the UI.

pub mod goals;
pub mod markdown;
pub mod progress;
pub mod schema;

use schema::{LessonSpec, Text};

/// A lesson as embedded: the raw files, parsed on demand.
pub struct RawLesson {
    pub folder: &'static str,
    pub spec: &'static str,
    pub es: &'static str,
    pub en: &'static str,
    pub files: &'static [(&'static str, &'static str)],
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

/// Splits a lesson's Markdown at `<!-- step: id -->` lines and renders each part, marking
/// glossary terms.
fn lesson_text(md: &str, glossary: &[markdown::Gloss<'_>]) -> LessonText {
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
    LessonText {
        intro_html: markdown::to_html_with_glossary(&intro, glossary),
        steps_html: steps.into_iter().map(|(id, md)| (id, markdown::to_html_with_glossary(&md, glossary))).collect(),
    }
}

/// Why the embedded catalogue could not be read (only possible if build.rs and the runtime
/// disagree; a test keeps them in step).
#[derive(Debug)]
pub struct CatalogueError(pub String);

/// Every lesson, in the manifest's order.
pub fn catalogue() -> Result<Vec<Lesson>, CatalogueError> {
    let terms = glossary()?.terms;
    let gloss = |lang: Lang| -> Vec<markdown::Gloss<'_>> {
        terms
            .iter()
            .map(|t| markdown::Gloss {
                spellings: std::iter::once(t.term.as_str()).chain(t.aliases.iter().map(String::as_str)).collect(),
                explanation: t.text.get(lang),
            })
            .collect()
    };
    let (gloss_es, gloss_en) = (gloss(Lang::Es), gloss(Lang::En));
    LESSONS
        .iter()
        .map(|raw| {
            let spec: LessonSpec = serde_yaml::from_str(raw.spec)
                .map_err(|e| CatalogueError(format!("{}: {e}", raw.folder)))?;
            Ok(Lesson {
                folder: raw.folder,
                spec,
                files: raw.files.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect(),
                es: lesson_text(raw.es, &gloss_es),
                en: lesson_text(raw.en, &gloss_en),
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

    #[test]
    fn first_lesson_is_the_daemonset() {
        let l = &catalogue().unwrap()[0];
        assert!(l.text(Lang::Es).intro_html.contains("<h1>DaemonSet</h1>"));
        assert!(l.file("daemonset.yaml").unwrap().contains("kind: DaemonSet"));
    }
}
