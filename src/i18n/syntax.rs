//! What each YAML syntax mistake is and how to fix it, in both languages.

/// What a YAML syntax mistake is and how to fix it, in Spanish and English, each the end of
/// a sentence. The error's line and column already point at the mistake.
pub(super) fn syntax_problem(problem: &kubesim::manifest::SyntaxProblem) -> (String, String) {
    use kubesim::manifest::SyntaxProblem as P;
    // A key, a character or a bracket as the student typed it.
    let key = |k: &str| if k.is_empty() { ("la clave".to_string(), "the key".to_string()) } else { (format!("`{k}`"), format!("`{k}`")) };
    let shown = |ch: char| match ch {
        '`' => "`` ` ``".to_string(),
        _ if ch.is_control() || ch.is_whitespace() || ch == '\u{feff}' => format!("U+{:04X}", ch as u32),
        _ => format!("`{ch}`"),
    };
    // For a closing bracket: the opening one, "of the list" in Spanish, "the list", "list".
    let brackets = |close: char| if close == '}' { ('{', "del mapa", "el mapa", "mapping") } else { ('[', "de la lista", "la lista", "list") };
    // A key where an example needs one.
    let or_key = |k: &str, word: &str| if k.is_empty() { word.to_string() } else { k.to_string() };
    // What YAML made of a character, and the way out when it was meant as text.
    let as_text = |es: &str, en: &str| (format!("{es} Si es texto, escríbelo entre comillas."), format!("{en} If it is text, put it in quotes."));
    match problem {
        P::Tab => ("hay un tabulador: YAML solo admite espacios para sangrar.".into(), "there is a tab: YAML only accepts spaces for indentation.".into()),
        P::KeyValueHere => (
            "hay un segundo `: ` en esta línea. Si es parte del valor, escribe el valor entre comillas, p. ej. `value: \"Hora: 10\"`.".into(),
            "there is a second `: ` on this line. If it is part of the value, put the value in quotes, e.g. `value: \"Time: 10\"`.".into(),
        ),
        P::Indentation => (
            "esta clave no se alinea con ninguna de las de arriba. Ponla en la misma columna que las claves de su nivel.".into(),
            "this key does not line up with any key above it. Put it in the same column as the other keys at its level.".into(),
        ),
        P::UnclosedBracket { close } => {
            let (open, es, _, en) = brackets(*close);
            (format!("este `{open}` nunca se cierra. Agrega `{close}` al final {es}."), format!("this `{open}` is never closed. Add `{close}` at the end of the {en}."))
        }
        P::UnexpectedEnd => ("estas comillas nunca se cierran. Ciérralas al final del valor.".into(), "this quote is never closed. Close it at the end of the value.".into()),
        P::UnknownAlias => as_text("`*` empieza un alias, pero antes no hay ningún ancla `&` con ese nombre.", "`*` starts an alias, but no anchor `&` with that name comes before it."),
        P::ControlCharacter => ("hay un carácter de control invisible (p. ej. un byte NUL). Bórralo.".into(), "there is an invisible control character (e.g. a NUL byte). Delete it.".into()),
        P::MissingColon { key: k } => {
            let (es, en) = key(k);
            (format!("falta `:` después de {es} (la clave y su valor van separados por `: `)."), format!("a `:` is missing after {en} (a key and its value are separated by `: `)."))
        }
        P::NoSpaceAfterColon { key: k } => {
            let (es, en) = key(k);
            (
                format!("falta un espacio después del `:` de {es}. Sin él, la clave y el valor se leen como una sola palabra."),
                format!("a space is missing after the `:` of {en}. Without it, key and value read as one word."),
            )
        }
        P::OverIndented { key: k } => {
            let (es, en) = key(k);
            (
                format!("{es} tiene más sangría que la clave de arriba, y YAML la lee como parte de ese valor. Alinéala con las claves de su nivel."),
                format!("{en} is indented further than the key above it, so YAML reads it as part of that value. Line it up with the keys at its level."),
            )
        }
        P::NoSpaceAfterDash { key: k } => {
            let (es, en) = key(k);
            (
                format!("falta un espacio entre `-` y {es}. Escribe `- {}:`.", or_key(k, "clave")),
                format!("a space is missing between `-` and {en}. Write `- {}:`.", or_key(k, "key")),
            )
        }
        P::MisalignedListItem => (
            "este `-` no está en la columna de los demás `-` de su lista. Alinéalos.".into(),
            "this `-` is not in the column of the other `-` of its list. Line them up.".into(),
        ),
        P::KeyInList { key: k } => {
            let (es, en) = key(k);
            let (k_es, k_en) = (or_key(k, "clave"), or_key(k, "key"));
            (
                format!("{es} está en la columna del `-` de la lista. Si es parte del elemento de arriba, sángrala como sus claves; si empieza un elemento nuevo, escribe `- {k_es}:`."),
                format!("{en} is in the column of the list's `-`. If it belongs to the item above, indent it like that item's keys; if it starts a new item, write `- {k_en}:`."),
            )
        }
        P::ListItemAfterKey { key: k } => {
            let (k_es, k_en) = (or_key(k, "clave"), or_key(k, "key"));
            (
                format!("un elemento `- ` no puede ir en la misma línea que `{k_es}:`. Pásalo a la línea siguiente, con más sangría, o escribe `{k_es}: [a, b]`."),
                format!("a `- ` item cannot go on the same line as `{k_en}:`. Move it to the next line, indented, or write `{k_en}: [a, b]`."),
            )
        }
        P::ListItemNotAllowed => (
            "aquí no puede empezar un elemento de lista `- `. Revisa su sangría y que la clave de la lista, arriba, termine en `:`.".into(),
            "a `- ` list item cannot start here. Check its indentation, and that the list's key above ends in `:`.".into(),
        ),
        P::MissingComma { close } => {
            let (open, ..) = brackets(*close);
            (format!("falta una `,` entre dos elementos de este `{open} {close}`."), format!("a `,` is missing between two items of this `{open} {close}`."))
        }
        P::UnclosedQuote { quote, until_line } => (
            format!("estas comillas `{quote}` no se cierran en su línea, y YAML sigue leyendo hasta las siguientes, en la línea {until_line}. Ciérralas al final del valor."),
            format!("this `{quote}` is not closed on its line, so YAML reads on up to the next one, on line {until_line}. Close it at the end of the value."),
        ),
        P::TextAfterValue { close: close @ ('"' | '\'') } => (
            format!("hay texto después de las comillas que cierran el valor. Pon todo el valor dentro de ellas, p. ej. `{close}nginx:1.27{close}`."),
            format!("there is text after the quote that closes the value. Put the whole value inside the quotes, e.g. `{close}nginx:1.27{close}`."),
        ),
        P::TextAfterValue { close } => {
            let (_, _, es, en) = brackets(*close);
            (format!("hay texto después del `{close}` que cierra {es}. Bórralo o pásalo a su propia línea."), format!("there is text after the `{close}` that closes the {en}. Delete it or move it to a line of its own."))
        }
        P::BlockScalarIndent => (
            "esta línea tiene menos sangría que el texto del bloque `|` o `>` de arriba. Sángrala como las demás líneas del bloque.".into(),
            "this line is indented less than the text of the `|` or `>` block above. Indent it like the block's other lines.".into(),
        ),
        P::BlockScalarHeader => (
            "después de `|` o `>` no puede ir texto en la misma línea. Empieza el texto en la línea siguiente, con más sangría.".into(),
            "nothing can follow `|` or `>` on its line. Start the text on the next line, indented.".into(),
        ),
        P::DocumentSeparator => ("los documentos se separan con exactamente tres guiones, `---`.".into(), "documents are separated by exactly three dashes, `---`.".into()),
        P::MarkdownFence => (
            "la línea ``` viene de un bloque de código de Markdown y no es YAML. Bórrala.".into(),
            "the ``` line comes from a Markdown code block and is not YAML. Delete it.".into(),
        ),
        P::UnexpectedCharacter { ch } => {
            let ch = shown(*ch);
            (format!("una clave o un valor no puede empezar con {ch}. Bórralo o escribe el valor entre comillas."), format!("a key or value cannot start with {ch}. Delete it or put the value in quotes."))
        }
        P::TemplatePlaceholder => (
            "`{{ … }}` es un marcador de plantilla (Helm, plantillas de Go) que nadie reemplazó. Escribe aquí el valor real.".into(),
            "`{{ … }}` is a template placeholder (Helm, Go templates) that was never filled in. Write the real value here.".into(),
        ),
        P::AliasCharacter { ch: '&' } => as_text("un valor que empieza con `&` se lee como un ancla.", "a value that starts with `&` is read as an anchor."),
        P::AliasCharacter { ch } => (
            format!("un valor que empieza con `{ch}` se lee como un alias. Si es texto (como `{ch}.log`), escríbelo entre comillas: `\"{ch}.log\"`."),
            format!("a value that starts with `{ch}` is read as an alias. If it is text (such as `{ch}.log`), put it in quotes: `\"{ch}.log\"`."),
        ),
        P::BadEscape => (
            "dentro de comillas dobles, `\\` empieza un escape que YAML no conoce. Usa comillas simples (`'C:\\datos'`) o duplica la barra (`\\\\`).".into(),
            "inside double quotes, `\\` starts an escape YAML does not know. Use single quotes (`'C:\\data'`) or double the backslash (`\\\\`).".into(),
        ),
        P::BadTag => as_text(
            "un valor que empieza con `!` se lee como una etiqueta de tipo de YAML, y esta no es válida.",
            "a value that starts with `!` is read as a YAML type tag, and this one is not valid.",
        ),
        P::BadDirective => as_text(
            "una línea que empieza con `%` se lee como una directiva de YAML, y esta no es válida. Si sobra, bórrala.",
            "a line that starts with `%` is read as a YAML directive, and this one is not valid. If it is not needed, delete it.",
        ),
        P::ComplexKey => as_text("`?` marca aquí una clave compleja de YAML, que no cabe en este lugar.", "`?` marks a YAML complex key here, which cannot go in this place."),
        P::ColonInFlow => (
            "dentro de `[ ]` o `{ }`, un `:` no puede ir justo antes de `,`, `]` o `}`. Escribe un espacio y el valor después del `:`, o pon el texto entre comillas.".into(),
            "inside `[ ]` or `{ }`, a `:` cannot come right before `,`, `]` or `}`. Write a space and the value after the `:`, or put the text in quotes.".into(),
        ),
        P::StrayIndicator { ch } => {
            let ch = shown(*ch);
            (format!("{ch} no cabe aquí. Falta un valor antes, o el carácter sobra."), format!("{ch} does not fit here. A value is missing before it, or it is one too many."))
        }
        P::AfterDocumentEnd => (
            "el documento ya terminó y aquí sigue texto. Si es otro documento, sepáralo con una línea `---`.".into(),
            "the document has already ended and text goes on here. If it is another document, separate it with a `---` line.".into(),
        ),
        P::BadMerge => ("el valor de `<<` debe ser un mapa (p. ej. `*base`) o una lista de mapas.".into(), "the value of `<<` must be a mapping (e.g. `*base`) or a list of mappings.".into()),
        P::Encoding => ("el archivo tiene bytes que no son texto UTF-8. Guárdalo como UTF-8.".into(), "the file has bytes that are not UTF-8 text. Save it as UTF-8.".into()),
        P::Other => (
            "YAML no puede leer esta línea. Revisa la sangría, los `:` y las comillas aquí y en la línea anterior.".into(),
            "YAML cannot read this line. Check the indentation, the `:` and the quotes here and on the line before.".into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::errors::manifest_error;
    use super::super::Lang;
    use kubesim::manifest::{ManifestError, ManifestErrorKind};

    /// libyaml's English, which never stands in for the student's explanation.
    const LIBYAML_PHRASES: &[&str] = &[
        "could not find", "did not find", "mapping values", "mapping keys", "found character", "found unexpected", "found unknown", "found a tab", "found an ",
        "found incompatible", "found duplicate", "found undefined", "found extremely", "block sequence entries", "in this context", "cannot start any token",
        "unknown anchor", "control characters are not allowed", "while scanning", "while parsing", "octet", "expected '", "<document start>", "empty yaml tag",
    ];

    fn libyaml_phrase_in(text: &str) -> Option<&'static str> {
        let lower = text.to_lowercase();
        LIBYAML_PHRASES.iter().copied().find(|p| lower.contains(p))
    }

    /// Whether `text` names `key` in one of its `code` spans, as a word of its own
    /// (`image`, `- name:`, `args: [a, b]`).
    fn names(text: &str, key: &str) -> bool {
        text.split('`').skip(1).step_by(2).any(|code| {
            code.match_indices(key).any(|(i, _)| {
                let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                !word(code[..i].chars().next_back()) && !word(code[i + key.len()..].chars().next())
            })
        })
    }

    fn syntax_error(problem: kubesim::manifest::SyntaxProblem, detail: &str) -> ManifestError {
        ManifestError {
            document: 0,
            line: 1,
            column: 1,
            kind: ManifestErrorKind::Syntax { detail: detail.into(), problem },
            api_message: format!("error converting YAML to JSON: yaml: line 1: {detail}"),
        }
    }

    /// Every syntax problem has its own wording in both languages, none of it libyaml's, and
    /// names the key it carries. The `match` below stops compiling when a variant is added,
    /// until the variant is added to the list too.
    #[test]
    fn every_syntax_problem_is_worded_in_both_languages() {
        use kubesim::manifest::SyntaxProblem as P;
        let k = |s: &str| s.to_string();
        let all = [
            P::Tab,
            P::KeyValueHere,
            P::Indentation,
            P::UnclosedBracket { close: ']' },
            P::UnclosedBracket { close: '}' },
            P::UnexpectedEnd,
            P::UnknownAlias,
            P::ControlCharacter,
            P::MissingColon { key: k("image") },
            P::MissingColon { key: k("") },
            P::NoSpaceAfterColon { key: k("replicas") },
            P::OverIndented { key: k("labels") },
            P::NoSpaceAfterDash { key: k("name") },
            P::NoSpaceAfterDash { key: k("") },
            P::MisalignedListItem,
            P::KeyInList { key: k("name") },
            P::ListItemAfterKey { key: k("args") },
            P::ListItemNotAllowed,
            P::MissingComma { close: ']' },
            P::MissingComma { close: '}' },
            P::UnclosedQuote { quote: '"', until_line: 9 },
            P::UnclosedQuote { quote: '\'', until_line: 12 },
            P::TextAfterValue { close: '"' },
            P::TextAfterValue { close: ']' },
            P::TextAfterValue { close: '}' },
            P::BlockScalarIndent,
            P::BlockScalarHeader,
            P::DocumentSeparator,
            P::MarkdownFence,
            P::UnexpectedCharacter { ch: '@' },
            P::UnexpectedCharacter { ch: '`' },
            P::UnexpectedCharacter { ch: '\u{a0}' },
            P::TemplatePlaceholder,
            P::AliasCharacter { ch: '*' },
            P::AliasCharacter { ch: '&' },
            P::BadEscape,
            P::BadTag,
            P::BadDirective,
            P::ComplexKey,
            P::ColonInFlow,
            P::StrayIndicator { ch: ']' },
            P::AfterDocumentEnd,
            P::BadMerge,
            P::Encoding,
            P::Other,
        ];
        let variant = |p: &P| match p {
            P::Tab => 0,
            P::KeyValueHere => 1,
            P::Indentation => 2,
            P::UnclosedBracket { .. } => 3,
            P::UnexpectedEnd => 4,
            P::UnknownAlias => 5,
            P::ControlCharacter => 6,
            P::MissingColon { .. } => 7,
            P::NoSpaceAfterColon { .. } => 8,
            P::OverIndented { .. } => 9,
            P::NoSpaceAfterDash { .. } => 10,
            P::MisalignedListItem => 11,
            P::KeyInList { .. } => 12,
            P::ListItemAfterKey { .. } => 13,
            P::ListItemNotAllowed => 14,
            P::MissingComma { .. } => 15,
            P::UnclosedQuote { .. } => 16,
            P::TextAfterValue { .. } => 17,
            P::BlockScalarIndent => 18,
            P::BlockScalarHeader => 19,
            P::DocumentSeparator => 20,
            P::MarkdownFence => 21,
            P::UnexpectedCharacter { .. } => 22,
            P::TemplatePlaceholder => 23,
            P::AliasCharacter { .. } => 24,
            P::BadEscape => 25,
            P::BadTag => 26,
            P::BadDirective => 27,
            P::ComplexKey => 28,
            P::ColonInFlow => 29,
            P::StrayIndicator { .. } => 30,
            P::AfterDocumentEnd => 31,
            P::BadMerge => 32,
            P::Encoding => 33,
            P::Other => 34,
        };
        let mut covered: Vec<usize> = all.iter().map(variant).collect();
        covered.dedup();
        assert_eq!(covered, (0..=34).collect::<Vec<_>>(), "one of each variant, in order");
        let mut first_wording: Vec<(usize, String)> = Vec::new();
        let mut failures = Vec::new();
        for p in &all {
            // A detail in libyaml's words, which must not leak into the explanation.
            let e = syntax_error(p.clone(), "could not find expected ':'");
            let (es, en) = (manifest_error(Lang::Es, &e), manifest_error(Lang::En, &e));
            let key = match p {
                P::MissingColon { key } | P::NoSpaceAfterColon { key } | P::OverIndented { key } | P::NoSpaceAfterDash { key } | P::KeyInList { key } | P::ListItemAfterKey { key } => key.as_str(),
                _ => "",
            };
            let mut wrong = |why: String| failures.push(format!("{p:?}: {why}\n    es: {es}\n    en: {en}"));
            if es.is_empty() || en.is_empty() || es == en {
                wrong("empty, or the same in both languages".into());
            }
            if let Some(phrase) = libyaml_phrase_in(&es).or(libyaml_phrase_in(&en)) {
                wrong(format!("says libyaml's {phrase:?}"));
            }
            if !key.is_empty() && (!names(&es, key) || !names(&en, key)) {
                wrong(format!("does not name `{key}`"));
            }
            if !es.starts_with("El YAML no es válido: ") || !en.starts_with("The YAML is not valid: ") || !es.ends_with('.') || !en.ends_with('.') {
                wrong("not one sentence after the common opening".into());
            }
            match first_wording.iter().find(|(v, w)| *v != variant(p) && *w == es) {
                Some((other, _)) => wrong(format!("worded as variant {other}")),
                None => first_wording.push((variant(p), es.clone())),
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Each mistake of the course's YAML corpus (`tests/corpus/yaml-mistakes/index.txt`), as
    /// the editor words it: in both languages, none of it libyaml's English, naming the key
    /// the index gives (`key=image`).
    #[test]
    fn the_yaml_mistakes_corpus_is_worded_with_its_keys() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/yaml-mistakes");
        let index = std::fs::read_to_string(dir.join("index.txt")).unwrap();
        let mut failures = Vec::new();
        let mut worded = 0;
        for line in index.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let mut fields = line.split_whitespace();
            let (file, _at) = (fields.next().unwrap(), fields.next());
            let expected: Vec<&str> = fields.collect();
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            if expected == ["ok"] {
                continue;
            }
            let Err(e) = kubesim::manifest::parse(&text) else {
                failures.push(format!("{file}: read without error"));
                continue;
            };
            let (es, en) = (manifest_error(Lang::Es, &e), manifest_error(Lang::En, &e));
            worded += 1;
            if es.is_empty() || en.is_empty() || es == en {
                failures.push(format!("{file}: empty, or the same in both languages: {es}"));
            }
            if let Some(phrase) = libyaml_phrase_in(&es).or(libyaml_phrase_in(&en)) {
                failures.push(format!("{file}: says libyaml's {phrase:?}: {en}"));
            }
            if let Some(key) = expected.iter().find_map(|f| f.strip_prefix("key=")) {
                if !names(&es, key) || !names(&en, key) {
                    failures.push(format!("{file}: does not name `{key}`:\n    es: {es}\n    en: {en}"));
                }
            }
        }
        assert!(worded >= 20, "the corpus is there ({worded} mistakes)");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
