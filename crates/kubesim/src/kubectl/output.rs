//! `-o yaml|json|jsonpath=…`: the API form of objects and kubectl's JSONPath subset
//! (fields, `[*]`, `[n]`, `[?(@.k=="v")]`, `{range …}{end}`, quoted literals).

use serde_json::Value;

/// Prints `root` in output format `o` (the value of `-o`).
pub fn format(o: &str, root: &Value) -> Result<String, String> {
    match o {
        "yaml" => Ok(yaml(root)),
        "json" => Ok(json(root) + "\n"),
        _ => {
            let tmpl = o
                .strip_prefix("jsonpath=")
                .or_else(|| o.strip_prefix("jsonpath-as-json="))
                .or_else(|| o.strip_prefix("jsonpath"));
            match tmpl {
                Some(t) => template(t, root),
                None => Err(format!(
                    "error: unable to match a printer suitable for the output format \"{o}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n"
                )),
            }
        }
    }
}

/// JSON as kubectl prints it: four-space indentation.
pub fn json(v: &Value) -> String {
    use serde::Serialize;
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    v.serialize(&mut ser).expect("serializing a JSON value");
    String::from_utf8(buf).expect("utf-8")
}

/// YAML as kubectl prints it (go-yaml): keys sorted, quoted scalars in double quotes, and
/// timestamps quoted.
pub fn yaml(v: &Value) -> String {
    let raw = serde_yaml::to_string(v).unwrap_or_default();
    let mut out = String::new();
    for line in raw.lines() {
        out.push_str(&requote(line));
        out.push('\n');
    }
    out
}

fn requote(line: &str) -> String {
    // Split `  key: value` or `  - value`.
    let (head, val) = match line.find(": ") {
        Some(i) if !line.trim_start().starts_with('\'') && !line.trim_start().starts_with('"') => (&line[..i + 2], &line[i + 2..]),
        _ => match line.find("- ") {
            Some(i) if line[..i].trim().is_empty() => (&line[..i + 2], &line[i + 2..]),
            _ => return line.to_string(),
        },
    };
    if let Some(inner) = val.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')) {
        if !inner.contains('"') && !inner.contains('\\') && !inner.contains("''") {
            return format!("{head}\"{inner}\"");
        }
        return line.to_string();
    }
    let b = val.as_bytes();
    let timestamp = b.len() == 20 && b[4] == b'-' && b[7] == b'-' && b[10] == b'T' && b[19] == b'Z';
    if timestamp || yaml11_would_misread(val) {
        return format!("{head}\"{val}\"");
    }
    line.to_string()
}

/// A plain scalar a YAML 1.1 reader (go-yaml, and so kubectl and the API server) would not
/// read as the string it is: its booleans (`yes`, `on`, `y`…) and base-60 numbers (`12:30`).
/// serde_yaml writes booleans as `true`/`false`, so such a plain scalar is always a string,
/// and go-yaml quotes it.
fn yaml11_would_misread(val: &str) -> bool {
    const BOOLS: &[&str] = &["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"];
    if BOOLS.contains(&val) {
        return true;
    }
    let mut parts = val.split(':');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && !first.is_empty()
        && first.trim_start_matches(['-', '+']).bytes().all(|b| b.is_ascii_digit())
        && rest.iter().all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Field names the API spells with capitals (`podIP`, `containerID`) that a camelCase
/// rename of the model writes as `podIp`, `containerId`.
pub fn fix_initialisms(v: &mut Value) {
    match v {
        Value::Object(m) => {
            let keys: Vec<String> = m.keys().cloned().collect();
            for k in keys {
                let new = if let Some(p) = k.strip_suffix("Ips") {
                    format!("{p}IPs")
                } else if let Some(p) = k.strip_suffix("Ip") {
                    format!("{p}IP")
                } else if let Some(p) = k.strip_suffix("Id") {
                    format!("{p}ID")
                } else if let Some(p) = k.strip_suffix("Cidr") {
                    format!("{p}CIDR")
                } else {
                    k.clone()
                };
                let mut x = m.remove(&k).expect("key");
                fix_initialisms(&mut x);
                m.insert(new, x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(fix_initialisms),
        _ => {}
    }
}

/// A value as a JSONPath result prints: strings bare, the rest as compact JSON.
pub fn scalar_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Seg {
    Field(String),
    Wild,
    Index(i64),
    Filter(Vec<Seg>, String, String),
}

fn parse_path(expr: &str) -> Result<Vec<Seg>, String> {
    let chars: Vec<char> = expr.trim().chars().collect();
    let mut segs = Vec::new();
    let mut i = 0;
    if chars.first() == Some(&'@') || chars.first() == Some(&'$') {
        i = 1;
    }
    while i < chars.len() {
        match chars[i] {
            '.' => {
                i += 1;
                let mut name = String::new();
                while i < chars.len() && chars[i] != '.' && chars[i] != '[' {
                    if chars[i] == '\\' && i + 1 < chars.len() {
                        i += 1;
                    }
                    name.push(chars[i]);
                    i += 1;
                }
                if name == "*" {
                    segs.push(Seg::Wild);
                } else if !name.is_empty() {
                    segs.push(Seg::Field(name));
                }
            }
            '[' => {
                let close = find_close(&chars, i).ok_or_else(|| format!("unterminated array in {expr}"))?;
                let inner: String = chars[i + 1..close].iter().collect();
                let inner = inner.trim();
                if inner == "*" {
                    segs.push(Seg::Wild);
                } else if let Some(f) = inner.strip_prefix("?(").and_then(|x| x.strip_suffix(')')) {
                    let (lhs, op, rhs) = ["==", "!="]
                        .iter()
                        .find_map(|op| f.split_once(op).map(|(a, b)| (a.trim(), op.to_string(), b.trim())))
                        .ok_or_else(|| format!("unsupported filter {f}"))?;
                    let rhs = rhs.trim_matches(|c| c == '"' || c == '\'').to_string();
                    segs.push(Seg::Filter(parse_path(lhs)?, op, rhs));
                } else if let Some(k) = inner.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')) {
                    segs.push(Seg::Field(k.into()));
                } else {
                    let n: i64 = inner.parse().map_err(|_| format!("invalid array index {inner}"))?;
                    segs.push(Seg::Index(n));
                }
                i = close + 1;
            }
            c if c.is_whitespace() => i += 1,
            _ => {
                // A bare first field: `metadata.name`.
                let mut name = String::new();
                while i < chars.len() && chars[i] != '.' && chars[i] != '[' {
                    name.push(chars[i]);
                    i += 1;
                }
                segs.push(Seg::Field(name));
            }
        }
    }
    Ok(segs)
}

fn find_close(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0;
    for (j, c) in chars.iter().enumerate().skip(open) {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
    }
    None
}

fn eval(segs: &[Seg], root: &Value) -> Vec<Value> {
    let mut cur = vec![root.clone()];
    for s in segs {
        let mut next = Vec::new();
        for v in cur {
            match s {
                Seg::Field(n) => {
                    if let Some(x) = v.get(n) {
                        next.push(x.clone());
                    }
                }
                Seg::Wild => match v {
                    Value::Array(a) => next.extend(a),
                    Value::Object(m) => next.extend(m.into_iter().map(|(_, x)| x)),
                    _ => {}
                },
                Seg::Index(i) => {
                    if let Value::Array(a) = &v {
                        let idx = if *i < 0 { a.len() as i64 + i } else { *i };
                        if let Some(x) = usize::try_from(idx).ok().and_then(|k| a.get(k)) {
                            next.push(x.clone());
                        }
                    }
                }
                Seg::Filter(path, op, want) => {
                    if let Value::Array(a) = &v {
                        for x in a {
                            let got = eval(path, x).first().map(scalar_string);
                            let eq = got.as_deref() == Some(want.as_str());
                            if (op == "==") == eq {
                                next.push(x.clone());
                            }
                        }
                    }
                }
            }
        }
        cur = next;
    }
    cur
}

/// The values a path selects (for `--sort-by`).
pub fn jsonpath_values(root: &Value, expr: &str) -> Result<Vec<Value>, String> {
    Ok(eval(&parse_path(expr)?, root))
}

#[derive(Debug)]
enum Node {
    Text(String),
    Path(Vec<Seg>),
    Range(Vec<Seg>, Vec<Node>),
}

fn parse_template(t: &str) -> Result<Vec<Node>, String> {
    let chars: Vec<char> = t.chars().collect();
    let mut stack: Vec<(Vec<Seg>, Vec<Node>)> = vec![(vec![], vec![])];
    let mut i = 0;
    let mut text = String::new();
    while i < chars.len() {
        if chars[i] != '{' {
            text.push(chars[i]);
            i += 1;
            continue;
        }
        if !text.is_empty() {
            stack.last_mut().expect("stack").1.push(Node::Text(std::mem::take(&mut text)));
        }
        // Find the matching `}` outside quotes.
        let mut j = i + 1;
        let mut quote: Option<char> = None;
        while j < chars.len() {
            match (quote, chars[j]) {
                (None, '"' | '\'') => quote = Some(chars[j]),
                (Some(q), c) if c == q => quote = None,
                (Some(_), '\\') => j += 1,
                (None, '}') => break,
                _ => {}
            }
            j += 1;
        }
        if j >= chars.len() {
            return Err(format!("error: error parsing jsonpath {t}, unclosed action\n"));
        }
        let inner: String = chars[i + 1..j].iter().collect();
        let inner = inner.trim();
        if let Some(r) = inner.strip_prefix("range ") {
            stack.push((parse_path(r).map_err(|e| format!("error: {e}\n"))?, vec![]));
        } else if inner == "end" {
            if stack.len() < 2 {
                return Err(format!("error: error parsing jsonpath {t}, not in range, nothing to end\n"));
            }
            let (p, body) = stack.pop().expect("range");
            stack.last_mut().expect("stack").1.push(Node::Range(p, body));
        } else if inner.starts_with('"') || inner.starts_with('\'') {
            stack.last_mut().expect("stack").1.push(Node::Text(unquote(inner)));
        } else {
            stack.last_mut().expect("stack").1.push(Node::Path(parse_path(inner).map_err(|e| format!("error: {e}\n"))?));
        }
        i = j + 1;
    }
    if !text.is_empty() {
        stack.last_mut().expect("stack").1.push(Node::Text(text));
    }
    if stack.len() != 1 {
        return Err(format!("error: error parsing jsonpath {t}, unclosed range\n"));
    }
    Ok(stack.pop().expect("root").1)
}

fn unquote(s: &str) -> String {
    let body = &s[1..s.len().saturating_sub(1).max(1)];
    let mut out = String::new();
    let mut it = body.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(x) => out.push(x),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn render(nodes: &[Node], cur: &Value, out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Path(p) => {
                let vals = eval(p, cur);
                out.push_str(&vals.iter().map(scalar_string).collect::<Vec<_>>().join(" "));
            }
            Node::Range(p, body) => {
                for v in eval(p, cur) {
                    render(body, &v, out);
                }
            }
        }
    }
}

/// Runs a JSONPath template (missing keys print nothing, as `kubectl get` allows them).
pub fn template(t: &str, root: &Value) -> Result<String, String> {
    let nodes = parse_template(t)?;
    let mut out = String::new();
    render(&nodes, root, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonpath_templates() {
        let list = serde_json::json!({"items": [
            {"metadata": {"name": "web-0", "labels": {"app.kubernetes.io/name": "x"}}, "spec": {"nodeName": "w1"}},
            {"metadata": {"name": "web-1"}, "spec": {"nodeName": "w2"}}
        ]});
        assert_eq!(template("{.items[*].metadata.name}", &list).unwrap(), "web-0 web-1");
        assert_eq!(template("{range .items[*]}{.metadata.name}{\"\\n\"}{end}", &list).unwrap(), "web-0\nweb-1\n");
        assert_eq!(template("{.items[0].spec.nodeName}", &list).unwrap(), "w1");
        assert_eq!(template("{.items[?(@.metadata.name==\"web-1\")].spec.nodeName}", &list).unwrap(), "w2");
        assert_eq!(template("{.items[0].metadata.labels.app\\.kubernetes\\.io/name}", &list).unwrap(), "x");
        assert_eq!(template("{.nothing}", &list).unwrap(), "");
    }
}
