//! What a container's command does, as far as the kubelet stand-in can tell: serve until it
//! is stopped, sleep and exit, or run once and exit with what it printed. A container whose
//! command ends is restarted or not by the pod's `restartPolicy`, as the kubelet does
//! (`Always`: CrashLoopBackOff; `Never`: Completed or Error; `OnFailure`: in between).

use crate::state::State;
use crate::api::model::Container;
use crate::runtime::time::Dur;

/// The cluster DNS Service's address, as pods' resolv.conf and nslookup name it.
const DNS_IP: &str = "10.96.0.10";

/// A container's command, by what it does over time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Program {
    /// Runs until stopped: the image's own server, or a command the simulator cannot run
    /// (those keep running rather than fail for a reason a real cluster would not have).
    Serves,
    /// `sleep N`: exits 0 after N, printing nothing.
    Sleeps(Dur),
    /// Runs at once in the container's shell and exits with what these words print
    /// (`nslookup web-0.nginx`, `echo …`, `sh -c 'echo $(hostname) > /data/x'`).
    Once(Vec<String>),
    /// Exits at once with this code, printing nothing (`sh` with no terminal, `exit 3`).
    Exits(i32),
}

/// What a container runs: its `command` and `args`, else its image's own command. Images
/// whose own command is a shell (busybox, alpine, ubuntu…) exit at once without a terminal:
/// `kubectl run b --image=busybox` ends in CrashLoopBackOff, as on a real cluster.
pub fn of(ct: &Container) -> Program {
    let words: Vec<String> = ct.command.iter().chain(ct.args.iter()).cloned().collect();
    // A shell with its stdin kept open (`kubectl run -i`) waits for what it is sent.
    if ct.stdin && (words.is_empty() || is_shell(&words)) {
        return Program::Serves;
    }
    if words.is_empty() {
        return if shell_image(&ct.image) { Program::Exits(0) } else { Program::Serves };
    }
    classify(&words)
}

/// `sh`, `/bin/bash`, `ash`… with no script: an interactive shell.
pub(crate) fn is_shell(words: &[String]) -> bool {
    words.len() == 1 && matches!(words[0].rsplit('/').next().unwrap_or(""), "sh" | "bash" | "ash" | "dash")
}

/// Images whose own command is a shell.
pub(crate) fn shell_image(image: &str) -> bool {
    let name = image.rsplit('/').next().unwrap_or(image);
    let name = name.split([':', '@']).next().unwrap_or(name);
    matches!(name, "busybox" | "alpine" | "ubuntu" | "debian" | "fedora" | "centos")
}

/// The programs the container shell (`kubelet/shell`) runs that end by themselves.
const ENDS: &[&str] = &[
    "echo", "true", "false", "test", "[", "printf", "pwd", "env", "hostname", "date", "nslookup", "cat", "ls", "mkdir", "rm", "touch", "head",
    "tail", "wc", "grep", "wget", "curl",
];

fn classify(words: &[String]) -> Program {
    let prog = words[0].rsplit('/').next().unwrap_or(&words[0]).to_string();
    let rest = &words[1..];
    match (prog.as_str(), rest) {
        ("sleep", [d]) => sleep_time(d).map_or(Program::Serves, Program::Sleeps),
        ("sh" | "bash" | "ash" | "dash", []) => Program::Exits(0),
        ("sh" | "bash" | "ash" | "dash", [c, script, ..]) if c == "-c" => script_program(script, words),
        ("tail", _) if rest.iter().any(|a| a == "-f" || a == "-F") => Program::Serves,
        ("true", []) => Program::Exits(0),
        ("false", []) => Program::Exits(1),
        (p, _) if ENDS.contains(&p) => Program::Once(words.to_vec()),
        _ => Program::Serves,
    }
}

/// `sh -c SCRIPT`: a script that loops, sleeps or runs something in the background keeps
/// the container running (the simulator does not run it over time); any other runs in the
/// container's shell once and exits with its status.
fn script_program(script: &str, words: &[String]) -> Program {
    let Ok(parts) = shell_words(&script.replace([';', '&', '|', '(', ')'], " ")) else { return Program::Serves };
    if parts.iter().any(|w| matches!(w.as_str(), "while" | "for" | "until" | "sleep" | "tail" | "wait" | "nginx" | "httpd")) || script.contains('&') && !script.contains("&&") {
        return Program::Serves;
    }
    let plain = shell_words(script).unwrap_or_default();
    match plain.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] => Program::Exits(0),
        ["exit"] => Program::Exits(0),
        ["exit", n] => n.parse::<i32>().map_or(Program::Exits(2), |n| Program::Exits(n & 0xff)),
        _ => Program::Once(words.to_vec()),
    }
}

/// busybox and coreutils `sleep`: seconds, or a number with `s`, `m`, `h` or `d`;
/// `infinity` (or anything else) never ends.
fn sleep_time(d: &str) -> Option<Dur> {
    let (num, unit) = match d.char_indices().last()? {
        (i, 's') => (&d[..i], 1000.0),
        (i, 'm') => (&d[..i], 60_000.0),
        (i, 'h') => (&d[..i], 3_600_000.0),
        (i, 'd') => (&d[..i], 86_400_000.0),
        _ => (d, 1000.0),
    };
    let n: f64 = num.parse().ok().filter(|n: &f64| n.is_finite() && *n >= 0.0)?;
    let ms = n * unit;
    (ms < 1e15).then(|| Dur::ms(ms as u64))
}

/// What `nslookup NAME` prints inside a pod of `image`, with the exit status.
pub(crate) fn nslookup(c: &State, ns: &str, image: &str, name: &str) -> (String, i32) {
    let old = image.ends_with(":1.28") || image.contains(":1.28.");
    match c.resolve(ns, name) {
        Ok(answers) => {
            if old {
                let mut s = format!("Server:    {DNS_IP}\nAddress 1: {DNS_IP} kube-dns.kube-system.svc.cluster.local\n\nName:      {name}\n");
                for (i, (_, ip)) in answers.iter().enumerate() {
                    s.push_str(&format!("Address {}: {ip}\n", i + 1));
                }
                s.push('\n');
                (s, 0)
            } else {
                let mut s = format!("Server:\t\t{DNS_IP}\nAddress:\t{DNS_IP}:53\n\n");
                for (fqdn, ip) in &answers {
                    s.push_str(&format!("Name:\t{fqdn}\nAddress: {ip}\n"));
                }
                s.push('\n');
                (s, 0)
            }
        }
        Err(_) => {
            if old {
                (format!("Server:    {DNS_IP}\nAddress 1: {DNS_IP} kube-dns.kube-system.svc.cluster.local\n\nnslookup: can't resolve '{name}'\n"), 1)
            } else {
                (format!("Server:\t\t{DNS_IP}\nAddress:\t{DNS_IP}:53\n\n** server can't find {name}: NXDOMAIN\n\n** server can't find {name}: NXDOMAIN\n\n"), 1)
            }
        }
    }
}

/// Splits a command line like a POSIX shell: quotes, backslashes, whitespace.
pub fn shell_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(x) => cur.push(x),
                        None => return Err("unterminated quoted string".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(x @ ('"' | '\\' | '$' | '`')) => cur.push(x),
                            Some(x) => {
                                cur.push('\\');
                                cur.push(x);
                            }
                            None => return Err("unterminated quoted string".into()),
                        },
                        Some(x) => cur.push(x),
                        None => return Err("unterminated quoted string".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(x) = chars.next() {
                    cur.push(x);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ct(image: &str, command: &[&str], args: &[&str]) -> Container {
        Container {
            image: image.into(),
            command: command.iter().map(|s| s.to_string()).collect(),
            args: args.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn servers_keep_running_and_one_shot_commands_end() {
        assert_eq!(of(&ct("nginx:1.27", &[], &[])), Program::Serves);
        assert_eq!(of(&ct("registry.k8s.io/nginx-slim:0.24", &[], &[])), Program::Serves);
        assert_eq!(of(&ct("busybox:1.36", &[], &[])), Program::Exits(0));
        assert_eq!(of(&ct("docker.io/library/alpine@sha256:0123", &[], &[])), Program::Exits(0));
        assert_eq!(of(&ct("busybox", &[], &["sleep", "3600"])), Program::Sleeps(Dur::secs(3600)));
        assert_eq!(of(&ct("busybox", &["sleep"], &["1h"])), Program::Sleeps(Dur::secs(3600)));
        assert_eq!(of(&ct("busybox", &["sleep"], &["0.5"])), Program::Sleeps(Dur::ms(500)));
        assert_eq!(of(&ct("busybox", &["sleep", "infinity"], &[])), Program::Serves);
        assert_eq!(of(&ct("busybox", &[], &["nslookup", "web-0.nginx"])), Program::Once(vec!["nslookup".into(), "web-0.nginx".into()]));
        assert_eq!(of(&ct("busybox", &["/bin/sh", "-c", "echo hola"], &[])), Program::Once(vec!["/bin/sh".into(), "-c".into(), "echo hola".into()]));
        assert_eq!(of(&ct("busybox", &["sh", "-c", "exit 3"], &[])), Program::Exits(3));
        assert_eq!(of(&ct("busybox", &["false"], &[])), Program::Exits(1));
        assert_eq!(of(&ct("busybox", &["sh", "-c", "while true; do sleep 1; done"], &[])), Program::Serves);
        assert_eq!(of(&ct("busybox", &["sh", "-c", "echo $HOSTNAME && sleep 3600"], &[])), Program::Serves);
        assert_eq!(of(&ct("busybox", &["tail", "-f", "/dev/null"], &[])), Program::Serves);
        assert_eq!(of(&ct("myagent", &["/agent", "--serve"], &[])), Program::Serves);
    }
}
