//! `kubectl cp` between the terminal's working directory (the session's files) and a
//! container's filesystem. kubectl copies through `tar` in the container: an image without
//! it cannot be copied to or from, and a path from the container's root loses its leading
//! `/` in tar's words.

use super::Session;
use crate::api::meta::Key;
use crate::kubectl::Output;
use crate::kubelet::exec::ContainerHost;
use crate::kubelet::shell::host::{FileKind, Host};
use crate::state::files::normalize;

/// `NS/POD:PATH` or `POD:PATH` (a local path has no colon).
fn remote(arg: &str, ns: &str) -> Option<(Key, String)> {
    let (pod, path) = arg.split_once(':')?;
    let (ns, pod) = pod.split_once('/').unwrap_or((ns, pod));
    Some((Key::new(ns, pod), path.to_string()))
}

impl Session {
    /// `kubectl cp SRC DEST [-c CONTAINER] [-n NS]`.
    pub(super) fn copy(&mut self, args: &[String]) -> Output {
        let mut ns = "default".to_string();
        let mut container: Option<String> = None;
        let mut paths = Vec::new();
        let mut i = 0;
        while i < args.len() {
            match args[i].as_str() {
                "-n" | "--namespace" | "-c" | "--container" if i + 1 < args.len() => {
                    if args[i].ends_with('n') || args[i] == "--namespace" {
                        ns = args[i + 1].clone();
                    } else {
                        container = Some(args[i + 1].clone());
                    }
                    i += 1;
                }
                a => paths.push(a.to_string()),
            }
            i += 1;
        }
        let [src, dest] = paths.as_slice() else {
            return Output::err("error: source and destination are required\nSee 'kubectl cp -h' for help and examples\n");
        };
        match (remote(src, &ns), remote(dest, &ns)) {
            (None, Some((key, path))) => {
                let Some(text) = self.files.get(src.trim_start_matches("./")).cloned() else {
                    return Output::err(format!("error: {src} doesn't exist in local filesystem\n"));
                };
                self.in_container(&key, container.as_deref(), |host| {
                    let path = if path.starts_with('/') { normalize(&path) } else { normalize(&format!("/{path}")) };
                    let base = src.rsplit('/').next().unwrap_or(src);
                    let target = if host.kind(&path) == Some(FileKind::Dir) { format!("{path}/{base}") } else { path };
                    match host.write(&target, &text, false) {
                        Ok(()) => Output::default(),
                        Err(e) => Output { stdout: String::new(), stderr: format!("tar: {}: Cannot open: {}\ntar: Exiting with failure status due to previous errors\ncommand terminated with exit code 2\n", target.trim_start_matches('/'), e.text()), status: 1 },
                    }
                })
            }
            (Some((key, path)), None) => {
                let read = self.in_container(&key, container.as_deref(), |host| {
                    let p = normalize(&format!("/{}", path.trim_start_matches('/')));
                    match host.read(&p) {
                        Ok(text) => Output { stdout: text, stderr: String::new(), status: 0 },
                        Err(e) => Output { stdout: String::new(), stderr: format!("tar: {}: Cannot stat: {}\ntar: Exiting with failure status due to previous errors\n", p.trim_start_matches('/'), e.text()), status: 1 },
                    }
                });
                if read.status != 0 {
                    return read;
                }
                let name = dest.trim_start_matches("./");
                let name = if name.is_empty() || name == "." { path.rsplit('/').next().unwrap_or(&path) } else { name };
                self.files.insert(name.to_string(), read.stdout);
                let mut o = Output::default();
                if path.starts_with('/') {
                    o.stderr = "tar: Removing leading `/' from member names\n".into();
                }
                o
            }
            (Some(_), Some(_)) => Output::err("error: one of src or dest must be a local file specification\n"),
            (None, None) => Output::err("error: one of src or dest must be a remote file specification\n"),
        }
    }

    /// Runs `f` in a running container of the pod, or says why not as kubectl does.
    fn in_container(&mut self, key: &Key, container: Option<&str>, f: impl FnOnce(&mut ContainerHost) -> Output) -> Output {
        let Some(pod) = self.cluster.pod(key) else {
            return Output::err(format!("Error from server (NotFound): pods \"{}\" not found\n", key.name));
        };
        let name = match container {
            Some(c) => c.to_string(),
            None => pod.spec.containers.first().map(|c| c.name.clone()).unwrap_or_default(),
        };
        if !crate::kubectl::container_running(&self.cluster, key, &name) {
            return Output::err(format!("error: unable to upgrade connection: container not found (\"{name}\")\n"));
        }
        let Some(mut host) = ContainerHost::new(&mut self.cluster, key, &name) else { return Output::err("error: container not found\n") };
        if !host.has_program("tar") {
            return Output::err("OCI runtime exec failed: exec failed: unable to start container process: exec: \"tar\": executable file not found in $PATH: unknown\ncommand terminated with exit code 126\n");
        }
        f(&mut host)
    }
}
