//! Turning the YAML reader's and the typed decoder's errors into manifest errors at the
//! right place (paths located in the text, Go-style type words, nearest field names).

use super::*;

pub(crate) fn type_of(tree: &yaml_tree::Tree, v: Val) -> ValueType {
    match v {
        Val::Null => ValueType::Null,
        Val::Bool(_) => ValueType::Boolean,
        Val::Num(yaml_check::Num::Float(_)) => ValueType::Number,
        Val::Num(_) => ValueType::Integer,
        Val::Str(_) => ValueType::String,
        Val::Seq(_) => ValueType::List,
        Val::Map(_) => ValueType::Map,
        Val::Tagged(_, id) => type_of(tree, yaml_check::untagged(tree, id)),
    }
}

pub(crate) fn scalar_text(v: Val) -> String {
    match v {
        Val::Bool(b) => b.to_string(),
        Val::Num(n) => n.text(),
        Val::Str(s) => s.to_string(),
        _ => String::new(),
    }
}

pub(crate) fn location(e: &yaml_check::ReadFail) -> (usize, usize) {
    e.location().unwrap_or((0, 0))
}

/// serde_yaml appends " at line L column C"; the position is reported separately.
pub(crate) fn strip_location(e: &yaml_check::ReadFail) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// serde_yaml prefixes errors with the field path (`spec.template.spec: …`).
pub(crate) fn split_path_message(msg: &str) -> (String, String) {
    match msg.split_once(": ") {
        Some((p, r)) if !p.contains(' ') && !p.is_empty() => (p.to_string(), r.to_string()),
        _ => (String::new(), msg.to_string()),
    }
}

/// An error of the YAML reader itself (before any Kubernetes type is involved).
pub(crate) fn reader_error(index: usize, start_line: usize, text: &str, e: &yaml_check::ReadFail) -> ManifestError {
    let (mut l, mut c) = location(e);
    if l == 0 {
        (l, c) = (start_line, 1);
    }
    let msg = strip_location(e);
    let (path, rest) = split_path_message(&msg);
    if let Some(after) = rest.strip_prefix("duplicate entry with key ") {
        let key = after.trim_matches('"').to_string();
        let (l2, c2) = locate_duplicate(text, start_line, &path, &key).unwrap_or((l, c));
        return err(index, l2, c2, ManifestErrorKind::DuplicateKey { path, key: key.clone() },
            format!("error converting YAML to JSON: yaml: unmarshal errors:\n  line {l2}: key \"{key}\" already set in map"));
    }
    if rest.contains("recursion limit exceeded") {
        return err(index, l, c, ManifestErrorKind::TooDeep, format!("error converting YAML to JSON: yaml: line {l}: exceeded max depth"));
    }
    if rest.contains("repetition limit exceeded") {
        return err(index, l, c, ManifestErrorKind::AliasBomb, "error converting YAML to JSON: yaml: document contains excessive aliasing".into());
    }
    if let Some(v) = rest.strip_prefix("invalid type: integer `").and_then(|r| r.split('`').next()) {
        return err(index, l, c, ManifestErrorKind::OutOfRange { path: path.clone(), value: v.to_string() },
            format!("error converting YAML to JSON: yaml: line {l}: integer {v} out of range"));
    }
    // The reader gives control characters a byte position instead of a line and column.
    if let Some(pos) = msg.split("at position ").nth(1).and_then(|p| p.trim().parse::<usize>().ok()) {
        let before = &text.as_bytes()[..pos.min(text.len())];
        l = before.iter().filter(|b| **b == b'\n').count() + 1;
        c = String::from_utf8_lossy(&before[before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1)..]).chars().count() + 1;
    }
    // The student's line and column; the real message keeps libyaml's own line, as kubectl
    // prints it.
    let placed = yaml_syntax::place(text, &msg, (l, c), e.syntax.as_ref());
    err(index, placed.line, placed.column, ManifestErrorKind::Syntax { detail: msg.clone(), problem: placed.problem }, format!("error converting YAML to JSON: yaml: line {l}: {msg}"))
}

/// serde's "expected …" wording → the kind of value.
pub(crate) fn expected_type(s: &str) -> ValueType {
    let s = s.trim();
    match s {
        "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "isize" => ValueType::Integer,
        "f32" | "f64" => ValueType::Number,
        "a string" | "string" | "a character" | "a borrowed string" => ValueType::String,
        "a boolean" | "bool" => ValueType::Boolean,
        "a sequence" | "sequence" => ValueType::List,
        "unit" | "null" => ValueType::Null,
        _ if s.starts_with("struct ") || s.contains("map") => ValueType::Map,
        _ => ValueType::Other,
    }
}

/// serde's "invalid type: …" wording of what was found → kind and value as written.
pub(crate) fn found_type(s: &str) -> (ValueType, String) {
    let inner = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    if let Some(r) = s.strip_prefix("string ") {
        (ValueType::String, r.trim_matches('"').to_string())
    } else if s.starts_with("integer") {
        (ValueType::Integer, inner(s))
    } else if s.starts_with("floating point") {
        (ValueType::Number, inner(s))
    } else if s.starts_with("boolean") {
        (ValueType::Boolean, inner(s))
    } else if s.starts_with("sequence") {
        (ValueType::List, String::new())
    } else if s.starts_with("map") {
        (ValueType::Map, String::new())
    } else if s.starts_with("unit") || s.starts_with("null") {
        (ValueType::Null, String::new())
    } else {
        (ValueType::Other, s.to_string())
    }
}

pub(crate) fn go_json_word(t: ValueType) -> &'static str {
    match t {
        ValueType::Integer | ValueType::Number => "number",
        ValueType::String => "string",
        ValueType::Boolean => "bool",
        ValueType::List => "array",
        ValueType::Map => "object",
        ValueType::Null => "null",
        ValueType::IntOrString | ValueType::Other => "value",
    }
}

pub(crate) fn go_type_word(t: ValueType) -> &'static str {
    match t {
        ValueType::Integer => "int32",
        ValueType::Number => "float64",
        ValueType::String => "string",
        ValueType::Boolean => "bool",
        ValueType::List => "[]interface {}",
        ValueType::Map => "map[string]interface {}",
        ValueType::IntOrString => "intstr.IntOrString",
        ValueType::Null | ValueType::Other => "interface {}",
    }
}

/// A typed-decoding error → a structured kind. `located` is `None` when `e` carries the
/// position in `text`; otherwise the field path is looked up from that document start
/// under that path prefix.
pub(crate) fn decode_error(index: usize, kind: &str, e: &yaml_tree::Error, text: &str, located: Option<(usize, &str)>) -> ManifestError {
    let msg = e.message();
    let (path, rest) = split_path_message(&msg);
    let (mut l, mut c) = e.location();
    let mut position = |field_path: &str| {
        if let Some((start, prefix)) = located {
            (l, c) = locate(text, start, &join_path(prefix, field_path));
        } else if l == 0 {
            (l, c) = (1, 1);
        }
    };
    let cannot = format!("Error from server (BadRequest): error when creating: {kind} in version \"v1\" cannot be handled as a {kind}:");
    if let Some(after) = rest.strip_prefix("unknown field `") {
        let field = after.split('`').next().unwrap_or("").to_string();
        let expected: Vec<String> = after.split('`').skip(2).step_by(2).map(str::to_string).collect();
        let suggestion = nearest(&field, &expected);
        let full = join_path(&path, &field);
        position(&full);
        return err(index, l, c, ManifestErrorKind::UnknownField { field: field.clone(), path: path.clone(), suggestion }, format!("{cannot} strict decoding error: unknown field \"{full}\""));
    }
    if let Some(after) = rest.strip_prefix("missing field `") {
        let field = after.split('`').next().unwrap_or("");
        let full = join_path(&path, field);
        position(&path);
        return err(index, l, c, ManifestErrorKind::Required { path: full.clone() }, format!("error: error validating data: ValidationError({kind}.{full}): missing required field"));
    }
    if rest.starts_with("quantities must match") || rest.starts_with("quantity ") {
        let value = rest.split("(got ").nth(1).map(|v| v.trim_end_matches(')').trim_matches('"').to_string())
            .or_else(|| rest.strip_prefix("quantity ").and_then(|r| r.split('"').nth(1)).map(str::to_string))
            .unwrap_or_default();
        // The reader points at the quantity's key: name it in the path.
        position(&path);
        let key = text.lines().nth(l.saturating_sub(1)).and_then(|line| line.trim_start().trim_start_matches("- ").split(':').next()).map(|k| k.trim().trim_matches('"').to_string());
        let full = match key {
            Some(k) if !k.is_empty() && located.is_none() => join_path(&path, &k),
            _ => path.clone(),
        };
        return err(index, l, c, ManifestErrorKind::BadQuantity { path: full, value },
            format!("{cannot} quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
    }
    if let Some(after) = rest.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = after.rsplit_once(", expected ") {
            let (found, value) = found_type(found);
            let expected = expected_type(expected);
            position(&path);
            return err(index, l, c, ManifestErrorKind::WrongType { path: path.clone(), expected, found, value },
                format!("{cannot} json: cannot unmarshal {} into Go struct field {path} of type {}", go_json_word(found), go_type_word(expected)));
        }
    }
    if let Some(after) = rest.strip_prefix("invalid value: integer `") {
        let value = after.split('`').next().unwrap_or("").to_string();
        position(&path);
        return err(index, l, c, ManifestErrorKind::OutOfRange { path: path.clone(), value: value.clone() },
            format!("{cannot} json: cannot unmarshal number {value} into Go struct field {path} of type int32"));
    }
    if rest.starts_with("data did not match any variant of untagged enum IntOrString") {
        position(&path);
        return err(index, l, c, ManifestErrorKind::WrongType { path: path.clone(), expected: ValueType::IntOrString, found: ValueType::Other, value: String::new() },
            format!("{cannot} json: cannot unmarshal into Go struct field {path} of type intstr.IntOrString"));
    }
    position(&path);
    err(index, l, c, ManifestErrorKind::BadValue { path: path.clone(), detail: rest.clone() }, format!("{cannot} {rest}"))
}
