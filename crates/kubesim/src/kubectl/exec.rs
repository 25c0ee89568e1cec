//! `kubectl exec` and `kubectl run`: commands that run in a container. A command runs in
//! the container's shell (`kubelet/shell`) over its files, environment and network
//! (`kubelet/exec.rs`); `-it` with a shell opens an interactive session, which the terminal
//! session (`session/`) holds until `exit` ([`attach_request`] says when).

use super::info::{pick_container, target_pod};
use super::{parse_flags, wait_until, Flags, Observer, Output};
use crate::api::meta::{Key, Object};
use crate::apiserver::delete::Propagation;
use crate::cluster::Cluster;
use crate::kubelet::exec::ContainerHost;
use crate::kubelet::program::{is_shell, shell_image};
use crate::kubelet::shell::{self, Shell};
use crate::runtime::time::Dur;

/// An interactive session a command opened: a shell in this container, until `exit`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attach {
    pub pod: Key,
    pub container: String,
    /// The shell is the container's own command (`kubectl run -it`): its end ends the
    /// container.
    pub main_process: bool,
    /// `--rm`: the pod is deleted when the session ends.
    pub remove: bool,
}

/// Whether the container of the pod at `key` named `name` is running.
pub(crate) fn running(c: &Cluster, key: &Key, name: &str) -> bool {
    c.pod(key).is_some_and(|p| p.status.container_statuses.iter().any(|s| s.name == name && s.state.running.is_some()))
}

/// `kubectl exec POD [-c C] [-i] [-t] -- COMMAND…`.
pub(crate) fn exec(c: &mut Cluster, f: &Flags, stdin: Option<&str>, obs: &mut Option<Observer>) -> Output {
    let Some(arg) = f.positional.first() else {
        return Output::err("error: pod, type/name or --filename must be specified\n");
    };
    if f.positional.len() > 1 {
        return Output::err("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    }
    if f.command.is_empty() {
        return Output::err("error: you must specify at least one command for the container\n");
    }
    let (p, _) = match target_pod(c, f, arg) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let (ctr, note) = match pick_container(p, f, "exec") {
        Ok(x) => x,
        Err(o) => return o,
    };
    let (key, name) = (p.key(), ctr.name.clone());
    if !running(c, &key, &name) {
        if p.status.phase == "Succeeded" || p.status.phase == "Failed" {
            return Output::err(format!("error: cannot exec into a container in a completed pod; current phase is {}\n", p.status.phase));
        }
        return Output::err(format!("error: unable to upgrade connection: container not found (\"{name}\")\n"));
    }
    let mut o = Output { stderr: note, ..Output::default() };
    // A shell with a terminal: the session holds it from here (`attach_request`).
    if f.stdin && f.tty && is_shell(&f.command) {
        return o;
    }
    let (outcome, slept) = {
        let Some(mut host) = ContainerHost::new(c, &key, &name) else { return Output::err(format!("error: unable to upgrade connection: container not found (\"{name}\")\n")) };
        let outcome = match stdin.filter(|_| f.stdin && is_shell(&f.command)) {
            // `kubectl exec -i POD -- sh <<EOF … EOF`: the shell reads its script from stdin.
            Some(script) => Shell::new(&host).run(&mut host, script),
            None => shell::exec(&mut host, &f.command),
        };
        (outcome, host.slept_ms)
    };
    if slept > 0 {
        wait_until(c, Dur::ms(slept), |_| false, obs);
    }
    o.stdout = outcome.stdout;
    o.stderr.push_str(&outcome.stderr);
    if outcome.status != 0 {
        o.stderr.push_str(&format!("command terminated with exit code {}\n", outcome.status));
        o.status = outcome.status;
    }
    o
}

/// The pod manifest `kubectl run` creates.
fn run_manifest(f: &Flags, ns: &str, name: &str, image: &str, cmd: &[String], restart: &str) -> String {
    let mut manifest = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:\n    run: {name}\nspec:\n  restartPolicy: {restart}\n  containers:\n  - name: {name}\n    image: {image}\n"
    );
    if !cmd.is_empty() {
        // The words after `--` are arguments to the image's own command unless `--command`.
        let key = if f.as_command { "command" } else { "args" };
        manifest.push_str(&format!("    {key}: {}\n", serde_json::to_string(cmd).unwrap_or_default()));
    }
    if f.stdin {
        manifest.push_str("    stdin: true\n    stdinOnce: true\n");
        if f.tty {
            manifest.push_str("    tty: true\n");
        }
    }
    manifest
}

/// Whether the container runs a shell: the command given, or the image's own when none is.
fn opens_a_shell(image: &str, cmd: &[String]) -> bool {
    if cmd.is_empty() { shell_image(image) } else { is_shell(cmd) }
}

/// `kubectl run NAME --image=IMAGE [--rm] [-i] [-t] [--restart=Never] [-- COMMAND…]`.
pub(crate) fn run(c: &mut Cluster, f: &Flags, obs: &mut Option<Observer>) -> Output {
    let Some(name) = f.positional.first().cloned() else {
        return Output::err("error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
    };
    let Some(image) = f.image.clone() else {
        return Output::err("error: required flag(s) \"image\" not set\n");
    };
    let ns = f.namespace.clone().unwrap_or_else(|| "default".into());
    if f.rm && !f.stdin {
        return Output::err("error: --rm should only be used for attached containers\n");
    }
    let key = Key::new(&ns, &name);
    if c.pod(&key).is_some() {
        return Output::err(format!("Error from server (AlreadyExists): pods \"{name}\" already exists\n"));
    }
    let mut cmd: Vec<String> = f.command.clone();
    cmd.extend(f.positional.iter().skip(1).cloned());
    let restart = f.restart.clone().unwrap_or_else(|| "Always".into());
    if let Err(e) = c.apply_text(&run_manifest(f, &ns, &name, &image, &cmd, &restart)) {
        return Output::err(format!("{}\n", e.api_message("STDIN")));
    }
    if !f.stdin {
        return Output::ok(format!("pod/{name} created\n"));
    }
    // Attached: kubectl waits for the pod to run (`--pod-running-timeout`, 1 minute).
    let started = |c: &Cluster| c.pod(&key).is_some_and(|p| p.status.container_statuses.iter().any(|s| s.state.running.is_some() || s.state.terminated.is_some()));
    wait_until(c, Dur::secs(60), started, obs);
    if !started(c) {
        return Output::err("error: timed out waiting for the condition\n");
    }
    if f.tty && opens_a_shell(&image, &cmd) && running(c, &key, &name) {
        // kubectl says it on stderr, before the shell's first prompt.
        return Output { stdout: String::new(), stderr: "If you don't see a command prompt, try pressing enter.\n".into(), status: 0 };
    }
    // A command that ends: kubectl streams what it prints until the container exits.
    let ended = |c: &Cluster| c.pod(&key).is_some_and(|p| p.status.container_statuses.iter().any(|s| s.state.terminated.is_some() || s.last_state.terminated.is_some()));
    wait_until(c, Dur::secs(3600), ended, obs);
    let mut o = Output::ok(c.pod(&key).and_then(|p| crate::kubelet::program_logs(c, p)).unwrap_or_default());
    let code = c
        .pod(&key)
        .and_then(|p| p.status.container_statuses.first())
        .and_then(|s| s.state.terminated.as_ref().or(s.last_state.terminated.as_ref()))
        .and_then(|t| t.exit_code)
        .unwrap_or(0);
    if f.rm {
        let _ = c.delete_object("Pod", &key, Propagation::Background, None);
        c.settle();
        o.stdout.push_str(&format!("pod \"{name}\" deleted from {ns} namespace\n"));
    }
    if code != 0 {
        o.stderr.push_str(&format!("pod {ns}/{name} terminated (Error)\n"));
        o.status = 1;
    }
    o
}

/// The interactive session a successful command line opens, if any: `exec -it POD -- sh`,
/// or `run -it … -- sh` (or an image whose own command is a shell).
pub fn attach_request(c: &Cluster, args: &[String]) -> Option<Attach> {
    let mut idx = 0;
    while idx < args.len() && args[idx].starts_with('-') {
        idx += if matches!(args[idx].as_str(), "-n" | "--namespace" | "--context" | "--kubeconfig") { 2 } else { 1 };
    }
    let cmd = args.get(idx)?;
    let mut rest: Vec<String> = args[..idx].to_vec();
    rest.extend(args[idx + 1..].iter().cloned());
    let f = parse_flags(cmd, &rest).ok()?;
    if !(f.stdin && f.tty) {
        return None;
    }
    match cmd.as_str() {
        "exec" if is_shell(&f.command) => {
            let (p, _) = target_pod(c, &f, f.positional.first()?).ok()?;
            let (ctr, _) = pick_container(p, &f, "exec").ok()?;
            running(c, &p.key(), &ctr.name).then(|| Attach { pod: p.key(), container: ctr.name.clone(), main_process: false, remove: false })
        }
        "run" => {
            let name = f.positional.first()?.clone();
            let key = Key::new(f.namespace.as_deref().unwrap_or("default"), &name);
            let mut words = f.command.clone();
            words.extend(f.positional.iter().skip(1).cloned());
            let image = f.image.clone()?;
            (opens_a_shell(&image, &words) && running(c, &key, &name)).then(|| Attach { pod: key, container: name, main_process: true, remove: f.rm })
        }
        _ => None,
    }
}
