//! `--dry-run=client|server`: the command runs against a copy of the cluster that is then
//! thrown away, so nothing changes, and kubectl's lines say `(dry run)` or
//! `(server dry run)`. A server dry run goes through the same admission and validation as
//! a real write (it is one, on the copy). `kubectl run --dry-run=client -o yaml` prints the
//! Pod kubectl would send, the way people start a manifest.

use super::{Flags, Output};

/// The commands that write, where `--dry-run` applies.
pub(crate) const WRITES: &[&str] = &["apply", "create", "delete", "scale", "label", "annotate", "patch", "set", "run", "cordon", "uncordon", "drain", "taint"];

/// Which dry run a command asks for: `Ok(None)` for none, or kubectl's error.
pub(crate) fn mode(f: &Flags) -> Result<Option<&'static str>, String> {
    match f.dry_run.as_deref() {
        None | Some("none") | Some("false") => Ok(None),
        Some("client") | Some("true") => Ok(Some("client")),
        Some("server") => Ok(Some("server")),
        Some("unset") => Err("error: --dry-run flag without a value was specified. A value must be set: \"none\", \"server\", or \"client\".".into()),
        Some(v) => Err(format!("error: Invalid dry-run value ({v}). Must be \"none\", \"server\", or \"client\".")),
    }
}

/// kubectl's line for a write, marked as a dry run (`deployment.apps/web created (dry run)`).
pub(crate) fn mark(out: Output, mode: &str) -> Output {
    let suffix = if mode == "server" { " (server dry run)" } else { " (dry run)" };
    let verbs = [
        " created", " configured", " unchanged", " deleted", " scaled", " labeled", " annotated", " patched", " cordoned", " uncordoned", " drained", " tainted",
        " untainted", " image updated", " evicted", " not labeled", " not annotated",
    ];
    let mark_line = |l: &str| {
        let done = verbs.iter().any(|v| l.ends_with(v)) || l.contains("\" deleted from ") || l.contains("\" force deleted");
        if done { format!("{l}{suffix}") } else { l.to_string() }
    };
    let stdout = out.stdout.lines().map(|l| format!("{}\n", mark_line(l))).collect();
    Output { stdout, ..out }
}

/// The Pod `kubectl run NAME --image=IMAGE [-l …] [-- ARGS…]` sends, as kubectl's YAML
/// printer writes it.
pub(crate) fn run_pod_yaml(f: &Flags) -> Option<String> {
    let name = f.positional.first()?;
    let image = f.image.as_deref()?;
    let mut cmd: Vec<String> = f.command.clone();
    cmd.extend(f.positional.iter().skip(1).cloned());
    // Plain unless YAML would read it otherwise (a number, a boolean, an indicator).
    let quote = |s: &str| {
        let special = s.is_empty()
            || s.contains(": ")
            || s.contains(" #")
            || s.ends_with(':')
            || s.starts_with(['-', '?', ' ', ':', '#', '\'', '"', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '%', '@', '`'])
            || s.parse::<f64>().is_ok()
            || ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"].contains(&s.to_lowercase().as_str());
        if special { format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")) } else { s.to_string() }
    };
    let mut y = String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n");
    y.push_str(&format!("    run: {}\n", quote(name)));
    y.push_str(&format!("  name: {}\n", quote(name)));
    if let Some(ns) = &f.namespace {
        y.push_str(&format!("  namespace: {}\n", quote(ns)));
    }
    y.push_str("spec:\n  containers:\n");
    if !cmd.is_empty() {
        y.push_str(if f.as_command { "  - command:\n" } else { "  - args:\n" });
        for w in &cmd {
            y.push_str(&format!("    - {}\n", quote(w)));
        }
        y.push_str(&format!("    image: {}\n", quote(image)));
    } else {
        y.push_str(&format!("  - image: {}\n", quote(image)));
    }
    y.push_str(&format!("    name: {}\n    resources: {{}}\n", quote(name)));
    if f.stdin {
        y.push_str("    stdin: true\n    stdinOnce: true\n");
        if f.tty {
            y.push_str("    tty: true\n");
        }
    }
    y.push_str(&format!("  dnsPolicy: ClusterFirst\n  restartPolicy: {}\nstatus: {{}}\n", f.restart.as_deref().unwrap_or("Always")));
    Some(y)
}
