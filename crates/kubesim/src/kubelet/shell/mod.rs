//! The shell `kubectl exec` runs inside a simulated container: a small POSIX shell (busybox
//! `ash` or Debian's `dash`, by the image's userland) and the commands students type in
//! the kubernetes.io tutorials. It sees the container only through [`host::Host`]: every file,
//! name, clock reading and network answer comes from there, so the shell itself is pure.
//!
//! Parsing (`parse`, into `ast`) reads a whole line or script first; `interp` runs it,
//! expanding words (`expand`) as each command comes; the commands live in `builtins`
//! (the shell's own and the small ones), `files` (files and text), `grep` (with its
//! matcher in `regex`) and `net` (`nslookup`, `wget`, `curl`). What one line may print is
//! capped ([`MAX_OUTPUT`]), and so are files ([`MAX_FILE`]), the commands one line may run,
//! and nesting.

pub(crate) mod host;

mod ast;
mod builtins;
mod expand;
mod files;
mod glob;
mod grammar;
mod grep;
mod interp;
mod net;
mod parse;
mod opts;
mod regex;
mod small;
mod text;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use host::{Host, Userland};

/// Bytes one command line may print; past it, the line stops and says so on stderr.
pub(crate) const MAX_OUTPUT: usize = 1 << 20;
/// A write that would make a file larger than this is refused (`File too large`).
pub(crate) const MAX_FILE: usize = 1 << 20;

/// What one command line printed and how it ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
    /// `exit` ran: the session ends
    pub exited: bool,
}

/// A shell's state between lines of an interactive session: working directory, variables,
/// last status.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Shell {
    cwd: String,
    vars: BTreeMap<String, String>,
    /// The variables commands see in their environment (`env`).
    exported: BTreeSet<String>,
    /// `$?`
    status: i32,
    /// `$0` and the positional parameters (`sh -c SCRIPT name args…`).
    args: Vec<String>,
    /// Lines read so far: dash numbers its messages by line.
    lines: u32,
}

impl Shell {
    /// A shell as `kubectl exec` starts one: in `/`, with the container's environment.
    pub(crate) fn new(host: &dyn Host) -> Shell {
        let mut vars = BTreeMap::new();
        let mut exported = BTreeSet::new();
        for (k, v) in host.env() {
            exported.insert(k.clone());
            vars.insert(k, v);
        }
        vars.entry("PWD".into()).or_insert_with(|| "/".into());
        Shell { cwd: "/".into(), vars, exported, status: 0, args: vec!["sh".into()], lines: 0 }
    }

    /// Runs one line of an interactive session, or a whole `sh -c` script.
    pub(crate) fn run(&mut self, host: &mut dyn Host, script: &str) -> Outcome {
        let first = self.lines.saturating_add(1);
        let n = script.split('\n').count().max(1);
        self.lines = self.lines.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
        interp::run_top(self, host, script, first)
    }

    /// The prompt before the next line: busybox ash as root shows the directory
    /// (`/ # `, `~ # ` at home), dash just `# `.
    pub(crate) fn prompt(&self, host: &dyn Host) -> String {
        match host.userland() {
            Userland::Debian => "# ".into(),
            Userland::Busybox => {
                let home = self.vars.get("HOME").map(String::as_str).unwrap_or("");
                let shown = if home.len() > 1 && self.cwd == home {
                    "~".to_string()
                } else if home.len() > 1 && self.cwd.starts_with(&format!("{home}/")) {
                    format!("~{}", &self.cwd[home.len()..])
                } else {
                    self.cwd.clone()
                };
                format!("{shown} # ")
            }
        }
    }

    /// Sets a variable (exported ones stay exported).
    fn set_var(&mut self, name: &str, value: String) {
        self.vars.insert(name.to_string(), value);
    }

    /// The environment a command gets: the container's variables in the kubelet's order,
    /// then the ones the session exported, by name.
    fn environ(&self, host: &dyn Host) -> Vec<(String, String)> {
        let mut seen = BTreeSet::new();
        let mut env = Vec::new();
        for (k, _) in host.env() {
            if let (true, Some(v)) = (self.exported.contains(&k), self.vars.get(&k)) {
                if seen.insert(k.clone()) {
                    env.push((k, v.clone()));
                }
            }
        }
        for k in &self.exported {
            if let (false, Some(v)) = (seen.contains(k), self.vars.get(k)) {
                env.push((k.clone(), v.clone()));
            }
        }
        env
    }
}

/// The programs that are a shell: `ARGV` starting with one of them runs a script.
const SHELLS: &[&str] = &["sh", "ash", "bash", "dash"];

/// `kubectl exec POD -- ARGV…`: no shell in between unless `ARGV` is one
/// (`sh|ash|bash|/bin/sh -c SCRIPT [name args…]`). A program the image lacks gives the
/// container runtime's error, status 126 (kubectl adds its own "command terminated" line).
pub(crate) fn exec(host: &mut dyn Host, argv: &[String]) -> Outcome {
    let Some(name) = argv.first() else {
        return Outcome { stderr: "error: you must specify at least one command for the container\n".into(), status: 1, ..Outcome::default() };
    };
    let base = name.rsplit('/').next().unwrap_or(name);
    let shell_builtin = matches!(base, "cd" | "export" | "exit" | "unset" | ":" | "set");
    if base.is_empty() || shell_builtin || !host.has_program(base) {
        let why = if name.contains('/') {
            format!("stat {name}: no such file or directory")
        } else {
            "executable file not found in $PATH".to_string()
        };
        return Outcome {
            stderr: format!("OCI runtime exec failed: exec failed: unable to start container process: exec: \"{name}\": {why}: unknown\n"),
            status: 126,
            ..Outcome::default()
        };
    }
    let mut sh = Shell::new(host);
    if SHELLS.contains(&base) {
        return interp::run_shell_program(&mut sh, host, argv);
    }
    interp::run_argv(&mut sh, host, argv)
}
