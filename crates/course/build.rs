//! Embeds `content/` and checks it, like rustlings' manifest: the build fails on a lesson
//! missing from the manifest's folders, a missing translation, a step without a goal, a step
//! without its text in both languages, a file referenced but absent, a "predict" question
//! without exactly one right answer, a wrong attempt that names no goal (or an unknown one),
//! a goal that `requires` an unknown goal (or itself, or one that requires another), a
//! `learned` list not of 3 to 6 lines, an empty translation, and a glossary entry without
//! both explanations or given twice.
//!
//! What it read is written out as Rust data (`build/emit.rs`): the lesson specs and the
//! glossary become statics of the types of `src/schema.rs`, the Markdown becomes HTML, so the
//! app parses no YAML and renders no Markdown of the course at run time.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "build/schema.rs"]
#[allow(dead_code)]
mod schema;

#[path = "build/emit.rs"]
mod emit;

#[path = "src/render.rs"]
#[allow(dead_code)]
mod render;

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("../../content");
    let root = root.canonicalize().unwrap_or_else(|e| fail(&format!("content/ not found: {e}")));
    println!("cargo:rerun-if-changed={}", root.display());
    let manifest_path = root.join("course.yaml");
    println!("cargo:rerun-if-changed={}", manifest_path.display());
    let manifest: schema::CourseManifest = read_yaml(&manifest_path);
    if manifest.lessons.is_empty() {
        fail("content/course.yaml lists no lessons");
    }
    let glossary_path = root.join("glossary.yaml");
    println!("cargo:rerun-if-changed={}", glossary_path.display());
    let glossary: schema::Glossary = read_yaml(&glossary_path);
    let gloss = |lang: &str| -> Vec<render::Gloss<'_>> {
        glossary
            .terms
            .iter()
            .map(|t| render::Gloss {
                spellings: std::iter::once(t.term.as_str()).chain(t.aliases.iter().map(String::as_str)).collect(),
                explanation: if lang == "es" { &t.text.es } else { &t.text.en },
            })
            .collect()
    };
    let mut out = String::from("pub static LESSONS: &[RawLesson] = &[\n");
    let mut sources = String::from("pub static MARKDOWN: &[LessonMarkdown] = &[\n");
    let mut inline: std::collections::BTreeMap<String, String> = Default::default();
    let mut ids = Vec::new();
    for folder in &manifest.lessons {
        let dir = root.join(folder);
        println!("cargo:rerun-if-changed={}", dir.display());
        let lesson_path = dir.join("lesson.yaml");
        let lesson: schema::LessonSpec = read_yaml(&lesson_path);
        if ids.contains(&lesson.id) {
            fail(&format!("{folder}: lesson id `{}` used twice", lesson.id));
        }
        ids.push(lesson.id.clone());
        let mut texts = Vec::new();
        for lang in ["es", "en"] {
            let p = dir.join(format!("{lang}.md"));
            let text = std::fs::read_to_string(&p)
                .unwrap_or_else(|_| fail(&format!("{folder}: missing translation {lang}.md")));
            println!("cargo:rerun-if-changed={}", p.display());
            texts.push((lang, p, text));
        }
        for (lang, _, text) in &texts {
            let fences = text.lines().filter(|l| l.trim_start().starts_with("```")).count();
            if fences % 2 != 0 {
                fail(&format!("{folder}/{lang}.md: a code fence is left unclosed"));
            }
        }
        let mut step_ids = Vec::new();
        for step in &lesson.steps {
            if step.goals.is_empty() {
                fail(&format!("{folder}: step `{}` has no goal", step.id));
            }
            if step.solution.is_empty() {
                fail(&format!("{folder}: step `{}` has no solution", step.id));
            }
            if step_ids.contains(&step.id) {
                fail(&format!("{folder}: step id `{}` used twice", step.id));
            }
            step_ids.push(step.id.clone());
            for (lang, _, text) in &texts {
                if !text.contains(&format!("<!-- step: {} -->", step.id)) {
                    fail(&format!("{folder}/{lang}.md: no text for step `{}` (a line `<!-- step: {} -->`)", step.id, step.id));
                }
            }
            for q in &step.predict {
                let right = q.choices.iter().filter(|c| c.right).count();
                if right != 1 {
                    fail(&format!("{folder}: step `{}` question `{}` has {right} right answers, not exactly one", step.id, q.id));
                }
                if q.choices.len() < 2 {
                    fail(&format!("{folder}: step `{}` question `{}` offers fewer than two choices", step.id, q.id));
                }
                let mut all = vec![&q.question, &q.explanation];
                all.extend(q.choices.iter().map(|c| &c.text));
                if all.iter().any(|t| t.es.trim().is_empty() || t.en.trim().is_empty()) {
                    fail(&format!("{folder}: step `{}` question `{}` lacks a translation", step.id, q.id));
                }
            }
            for w in &step.wrong {
                if w.unmet.is_empty() {
                    fail(&format!("{folder}: step `{}` wrong attempt `{}` names no goal it leaves unmet", step.id, w.id));
                }
                for g in &w.unmet {
                    if !step.goals.iter().any(|x| &x.id == g) {
                        fail(&format!("{folder}: step `{}` wrong attempt `{}` names unknown goal `{g}`", step.id, w.id));
                    }
                }
                if w.why.es.trim().is_empty() || w.why.en.trim().is_empty() {
                    fail(&format!("{folder}: step `{}` wrong attempt `{}` lacks a translation", step.id, w.id));
                }
                for a in &w.actions {
                    if let schema::WrongAction::Apply(f) = a {
                        if !lesson.files.contains(f) {
                            fail(&format!("{folder}: step `{}` wrong attempt `{}` applies `{f}`, which is not among the lesson's files", step.id, w.id));
                        }
                    }
                }
            }
            for g in &step.goals {
                if let Some(r) = &g.requires {
                    match step.goals.iter().find(|x| &x.id == r) {
                        None => fail(&format!("{folder}: step `{}` goal `{}` requires unknown goal `{r}`", step.id, g.id)),
                        Some(x) if x.id == g.id => fail(&format!("{folder}: step `{}` goal `{}` requires itself", step.id, g.id)),
                        Some(x) if x.requires.is_some() => {
                            fail(&format!("{folder}: step `{}` goal `{}` requires `{r}`, which requires another goal in turn", step.id, g.id))
                        }
                        Some(_) => {}
                    }
                }
                match &g.check {
                    schema::Check::Deleted { names, .. } if names.is_empty() => {
                        fail(&format!("{folder}: step `{}` goal `{}` deletes nothing (no name)", step.id, g.id))
                    }
                    schema::Check::DaemonSetOnEveryEligibleNode { node_selector: Some(sel), .. } if !sel.contains('=') => {
                        fail(&format!("{folder}: step `{}` goal `{}`: nodeSelector `{sel}` is not key=value", step.id, g.id))
                    }
                    schema::Check::PodsOnNodes { nodes, .. } if nodes.is_empty() => {
                        fail(&format!("{folder}: step `{}` goal `{}` names no node", step.id, g.id))
                    }
                    _ => {}
                }
            }
            let mut texts_of_step = vec![&step.title];
            texts_of_step.extend(step.hints.iter());
            texts_of_step.extend(step.goals.iter().map(|g| &g.text));
            if texts_of_step.iter().any(|t| t.es.trim().is_empty() || t.en.trim().is_empty()) {
                fail(&format!("{folder}: step `{}` has a goal, hint or title without its translation", step.id));
            }
            for action in &step.solution {
                if let schema::SolutionAction::Apply(f) = action {
                    if !lesson.files.contains(f) {
                        fail(&format!("{folder}: step `{}` applies `{f}`, which is not among the lesson's files", step.id));
                    }
                }
            }
        }
        if !(3..=6).contains(&lesson.learned.len()) {
            fail(&format!("{folder}: `learned` lists {} things; the completion panel wants 3 to 6", lesson.learned.len()));
        }
        if lesson.learned.iter().any(|t| t.es.trim().is_empty() || t.en.trim().is_empty()) {
            fail(&format!("{folder}: a `learned` line lacks its translation"));
        }
        for (lang, _, text) in &texts {
            for line in text.lines() {
                if let Some(id) = line.trim().strip_prefix("<!-- step: ").and_then(|r| r.strip_suffix(" -->")) {
                    if !step_ids.iter().any(|s| s == id) {
                        fail(&format!("{folder}/{lang}.md: text for unknown step `{id}`"));
                    }
                }
            }
        }
        let _ = writeln!(out, "    RawLesson {{");
        let _ = writeln!(out, "        folder: {folder:?},");
        let _ = writeln!(out, "        spec: {},", emit::rust(&lesson));
        let _ = writeln!(sources, "    LessonMarkdown {{ folder: {folder:?},");
        for (lang, p, text) in &texts {
            let _ = writeln!(sources, "        {lang}: include_str!({:?}),", p.display().to_string());
            let (intro, steps) = render::lesson_text(text, &gloss(lang));
            let _ = writeln!(out, "        {lang}: RawText {{ intro_html: {intro:?}, steps_html: &[");
            for (id, html) in &steps {
                let _ = writeln!(out, "            ({id:?}, {html:?}),");
            }
            let _ = writeln!(out, "        ] }},");
        }
        let _ = writeln!(sources, "    }},");
        let mut one_line: Vec<&schema::Text> = vec![&lesson.title];
        one_line.extend(lesson.learned.iter());
        for step in &lesson.steps {
            one_line.push(&step.title);
            one_line.extend(step.hints.iter());
            one_line.extend(step.goals.iter().map(|g| &g.text));
            for q in &step.predict {
                one_line.push(&q.question);
                one_line.push(&q.explanation);
                one_line.extend(q.choices.iter().map(|c| &c.text));
            }
            one_line.extend(step.wrong.iter().map(|w| &w.why));
        }
        for t in one_line {
            for md in [&t.es, &t.en] {
                inline.entry(md.clone()).or_insert_with(|| render::inline_html(md));
            }
        }
        let _ = writeln!(out, "        files: &[");
        for f in &lesson.files {
            let p = dir.join(f);
            if !p.is_file() {
                fail(&format!("{folder}: file `{f}` is referenced but absent"));
            }
            println!("cargo:rerun-if-changed={}", p.display());
            let _ = writeln!(out, "            ({f:?}, include_str!({:?})),", p.display().to_string());
        }
        let _ = writeln!(out, "        ],\n    }},");
    }
    out.push_str("];\n");
    sources.push_str("];\n");
    out.push_str(&sources);
    // A text whose HTML is itself, with nothing to escape, is left out: `markdown::inline_html`
    // shows a text it does not find escaped, which for such a text is the same HTML.
    out.push_str("pub(crate) static INLINE_HTML: &[(&str, &str)] = &[\n");
    for (md, html) in &inline {
        if md == html && !md.contains(['&', '<', '>', '"']) {
            continue;
        }
        let _ = writeln!(out, "    ({md:?}, {html:?}),");
    }
    out.push_str("];\n");
    let mut seen: Vec<String> = Vec::new();
    for t in &glossary.terms {
        for name in std::iter::once(&t.term).chain(t.aliases.iter()) {
            let lower = name.to_lowercase();
            if seen.contains(&lower) {
                fail(&format!("glossary.yaml: `{name}` given twice"));
            }
            seen.push(lower);
        }
        if t.text.es.trim().is_empty() || t.text.en.trim().is_empty() {
            fail(&format!("glossary.yaml: `{}` lacks a translation", t.term));
        }
    }
    let _ = writeln!(out, "pub static GLOSSARY: crate::schema::Glossary = {};", emit::rust(&glossary));
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("catalogue.rs");
    std::fs::write(dest, out).unwrap_or_else(|e| fail(&e.to_string()));
}

fn read_yaml<T: serde::de::DeserializeOwned>(p: &Path) -> T {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| fail(&format!("{}: {e}", p.display())));
    serde_yaml::from_str(&text).unwrap_or_else(|e| fail(&format!("{}: {e}", p.display())))
}

fn fail(msg: &str) -> ! {
    panic!("content check failed: {msg}")
}
