//! `kubectl exec`'s other end: a command running in a container sees the container's files
//! (`container_fs.rs`), its environment (the pod's env with the downward API values and the
//! Service variables the kubelet adds), its names, the simulated clock and the cluster's
//! network: cluster DNS, and HTTP to pods and Services, answered by the server the target
//! container's image runs (nginx serving its html folder, through that container's own
//! mounts), which writes its access log line to that container's log.

use crate::api::meta::{Key, Object};
use crate::api::model::*;
use crate::kubelet::container_fs::{fqdn, hostname, ContainerFs};
use crate::kubelet::image_files::{nginx_version, profile, Server};
use crate::kubelet::shell::host::{DirEntry, FileKind, FsError, Host, HttpResponse, NetError, Url, Userland};
use crate::runtime::time::EPOCH_UNIX_SECONDS;
use crate::state::State;

/// A container as a shell command sees it.
pub(crate) struct ContainerHost<'a> {
    c: &'a mut State,
    fs: ContainerFs,
    pod: Pod,
    container: Container,
    /// Simulated time the commands asked to sleep, for the caller to let pass.
    pub slept_ms: u64,
}

impl<'a> ContainerHost<'a> {
    /// The host for container `container` of the pod at `key`, if both exist.
    pub(crate) fn new(c: &'a mut State, key: &Key, container: &str) -> Option<ContainerHost<'a>> {
        let pod = c.store.pods.get(key)?.clone();
        let ct = pod.spec.containers.iter().find(|x| x.name == container)?.clone();
        let fs = ContainerFs::of(c, &pod, &ct);
        Some(ContainerHost { c, fs, pod, container: ct, slept_ms: 0 })
    }
}

/// A downward API value (`valueFrom.fieldRef.fieldPath`) of a pod.
fn field_ref(pod: &Pod, path: &str) -> Option<String> {
    Some(match path {
        "metadata.name" => pod.metadata.name.clone(),
        "metadata.namespace" => pod.metadata.namespace.clone(),
        "metadata.uid" => pod.metadata.uid.clone(),
        "spec.nodeName" => pod.spec.node_name.clone(),
        "spec.serviceAccountName" => "default".into(),
        "status.podIP" | "status.podIPs" => pod.status.pod_ip.clone(),
        "status.hostIP" | "status.hostIPs" => pod.status.host_ip.clone(),
        p => {
            let label = p.strip_prefix("metadata.labels['").and_then(|r| r.strip_suffix("']"));
            let ann = p.strip_prefix("metadata.annotations['").and_then(|r| r.strip_suffix("']"));
            match (label, ann) {
                (Some(l), _) => pod.metadata.labels.get(l).cloned().unwrap_or_default(),
                (_, Some(a)) => pod.metadata.annotations.get(a).cloned().unwrap_or_default(),
                _ => return None,
            }
        }
    })
}

/// The Service variables the kubelet gives a container (`{SVC}_SERVICE_HOST` and the Docker
/// link style `{SVC}_PORT…`) for the Services of its namespace and `kubernetes`.
fn service_env(c: &State, ns: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in c.store.services.values().filter(|s| s.metadata.namespace == ns || (s.metadata.namespace == "default" && s.metadata.name == "kubernetes")) {
        if s.spec.cluster_ip.is_empty() || s.spec.cluster_ip == "None" {
            continue;
        }
        let name = s.metadata.name.to_uppercase().replace('-', "_");
        let ip = &s.spec.cluster_ip;
        let Some(first) = s.spec.ports.first() else { continue };
        out.push((format!("{name}_SERVICE_HOST"), ip.clone()));
        out.push((format!("{name}_SERVICE_PORT"), first.port.to_string()));
        for p in &s.spec.ports {
            if !p.name.is_empty() {
                out.push((format!("{name}_SERVICE_PORT_{}", p.name.to_uppercase().replace('-', "_")), p.port.to_string()));
            }
        }
        let proto = if first.protocol.is_empty() { "tcp".to_string() } else { first.protocol.to_lowercase() };
        out.push((format!("{name}_PORT"), format!("{proto}://{ip}:{}", first.port)));
        for p in &s.spec.ports {
            let proto = if p.protocol.is_empty() { "tcp".to_string() } else { p.protocol.to_lowercase() };
            let up = proto.to_uppercase();
            out.push((format!("{name}_PORT_{}_{up}", p.port), format!("{proto}://{ip}:{}", p.port)));
            out.push((format!("{name}_PORT_{}_{up}_PROTO", p.port), proto.clone()));
            out.push((format!("{name}_PORT_{}_{up}_PORT", p.port), p.port.to_string()));
            out.push((format!("{name}_PORT_{}_{up}_ADDR", p.port), ip.clone()));
        }
    }
    out
}

/// The environment an image sets itself.
fn image_env(image: &str) -> Vec<(String, String)> {
    let p = profile(image);
    match p.server {
        Some(Server::Nginx { combined_xff: true, .. }) => vec![("NGINX_VERSION".into(), nginx_version(image)), ("NJS_VERSION".into(), "0.9.0".into()), ("PKG_RELEASE".into(), "1~bookworm".into())],
        _ => vec![],
    }
}

/// The address a pod or Service answers on, and who answers: (pod key, container name) for
/// an HTTP request to `ip:port`.
fn target(c: &State, ip: &str, port: u16, now_ms: u64) -> Result<(Key, String), NetError> {
    let pod_at = |ip: &str| c.store.pods.values().find(|p| p.status.pod_ip == ip && !p.status.pod_ip.is_empty()).cloned();
    let (pod, port) = if let Some(p) = pod_at(ip) {
        (p, port)
    } else if let Some(s) = c.store.services.values().find(|s| s.spec.cluster_ip == ip) {
        let Some(sp) = s.spec.ports.iter().find(|p| p.port == port as i32) else { return Err(NetError::Timeout { ip: ip.into() }) };
        let ready: Vec<&EndpointAddress> = c.store.endpoints.get(&s.key()).map(|e| e.subsets.iter().flat_map(|s| s.addresses.iter()).collect()).unwrap_or_default();
        if ready.is_empty() {
            // kube-proxy rejects connections to a Service without endpoints.
            return Err(NetError::Refused { ip: ip.into() });
        }
        // kube-proxy picks one endpoint; here the clock picks, so runs repeat.
        let a = ready[(now_ms / 1000) as usize % ready.len()];
        let Some(p) = pod_at(&a.ip) else { return Err(NetError::Refused { ip: ip.into() }) };
        let target_port = match &sp.target_port {
            Some(IntOrString::Int(n)) => *n as u16,
            Some(IntOrString::Str(name)) => p.spec.containers.iter().flat_map(|c| c.ports.iter()).find(|cp| &cp.name == name).map_or(port, |cp| cp.container_port as u16),
            None => sp.port as u16,
        };
        (p, target_port)
    } else {
        return Err(NetError::Timeout { ip: ip.into() });
    };
    match listener(&pod, port) {
        Some(ct) => Ok((pod.key(), ct.name.clone())),
        None => Err(NetError::Refused { ip: ip.into() }),
    }
}

/// The container of `pod` that answers HTTP on `port`: a running one whose image's server
/// runs (its own command, or one that starts the server), on port 80.
fn listener(pod: &Pod, port: u16) -> Option<&Container> {
    pod.spec.containers.iter().find(|ct| {
        let running = pod.status.container_statuses.iter().any(|s| s.name == ct.name && s.state.running.is_some());
        running && profile(&ct.image).server.is_some() && port == 80 && (ct.command.is_empty() || ct.command.iter().any(|w| w.contains("nginx") || w.contains("httpd")))
    })
}

/// nginx's page for an error status.
fn nginx_error_page(code: u16, reason: &str, version: &str) -> String {
    format!("<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx/{version}</center>\r\n</body>\r\n</html>\r\n")
}

/// `dd/Mon/yyyy:HH:MM:SS +0000` (nginx's `$time_local` in UTC) and `yyyy/mm/dd HH:MM:SS`.
fn log_times(unix: u64) -> (String, String) {
    let rfc = crate::runtime::time::Time::ZERO.plus(crate::runtime::time::Dur::secs(unix.saturating_sub(EPOCH_UNIX_SECONDS))).rfc3339();
    // rfc3339: 2026-01-01T00:00:00Z
    let (date, time) = rfc.trim_end_matches('Z').split_once('T').unwrap_or(("1970-01-01", "00:00:00"));
    let mut d = date.split('-');
    let (y, m, day) = (d.next().unwrap_or("1970"), d.next().unwrap_or("01"), d.next().unwrap_or("01"));
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let mon = m.parse::<usize>().ok().and_then(|i| months.get(i.wrapping_sub(1))).copied().unwrap_or("Jan");
    (format!("{day}/{mon}/{y}:{time} +0000"), format!("{y}/{m}/{day} {time}"))
}

impl Host for ContainerHost<'_> {
    fn userland(&self) -> Userland {
        self.fs.profile.userland.unwrap_or(Userland::Busybox)
    }
    fn has_program(&self, name: &str) -> bool {
        let name = name.rsplit('/').next().unwrap_or(name);
        self.fs.profile.has(name)
    }
    fn kind(&self, path: &str) -> Option<FileKind> {
        self.fs.kind(&*self.c, path)
    }
    fn read(&self, path: &str) -> Result<String, FsError> {
        self.fs.read(&*self.c, path)
    }
    fn write(&mut self, path: &str, data: &str, append: bool) -> Result<(), FsError> {
        self.fs.write(&mut *self.c, path, data, append)
    }
    fn list(&self, path: &str) -> Result<Vec<DirEntry>, FsError> {
        self.fs.list(&*self.c, path)
    }
    fn mkdir(&mut self, path: &str) -> Result<(), FsError> {
        self.fs.mkdir(&mut *self.c, path)
    }
    fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        self.fs.remove(&mut *self.c, path, recursive)
    }

    fn env(&self) -> Vec<(String, String)> {
        let path = match self.userland() {
            Userland::Busybox => "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            Userland::Debian => "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        };
        let mut env = vec![("PATH".to_string(), path.to_string()), ("HOSTNAME".to_string(), hostname(&self.pod))];
        for e in &self.container.env {
            let v = match (&e.value, &e.value_from) {
                (Some(v), _) => v.clone(),
                (None, Some(from)) => from
                    .get("fieldRef")
                    .and_then(|f| f.get("fieldPath"))
                    .and_then(|p| p.as_str())
                    .and_then(|p| field_ref(&self.pod, p))
                    .unwrap_or_default(),
                (None, None) => String::new(),
            };
            env.retain(|(k, _)| k != &e.name);
            env.push((e.name.clone(), v));
        }
        for (k, v) in service_env(self.c, &self.pod.metadata.namespace).into_iter().chain(image_env(&self.container.image)) {
            if !env.iter().any(|(n, _)| n == &k) {
                env.push((k, v));
            }
        }
        env.push(("HOME".into(), "/root".into()));
        env
    }
    fn hostname(&self) -> String {
        hostname(&self.pod)
    }
    fn fqdn(&self) -> String {
        fqdn(&self.pod)
    }
    fn unix_seconds(&self) -> u64 {
        EPOCH_UNIX_SECONDS + self.c.rt.now.secs()
    }
    fn sleep(&mut self, millis: u64) {
        self.slept_ms = self.slept_ms.saturating_add(millis);
    }

    fn nslookup(&self, name: &str) -> (String, i32) {
        crate::kubelet::program::nslookup(self.c, &self.pod.metadata.namespace, &self.container.image, name)
    }
    fn resolve(&self, name: &str) -> Option<String> {
        if name == "localhost" {
            return Some("127.0.0.1".into());
        }
        if name.split('.').count() == 4 && name.split('.').all(|p| p.parse::<u8>().is_ok()) {
            return Some(name.into());
        }
        if name == hostname(&self.pod) || name == fqdn(&self.pod) {
            return Some(self.pod.status.pod_ip.clone());
        }
        self.c.resolve(&self.pod.metadata.namespace, name).ok().and_then(|a| a.first().map(|(_, ip)| ip.clone()))
    }
    fn http_get(&mut self, url: &Url) -> Result<HttpResponse, NetError> {
        let ip = self.resolve(&url.host).ok_or(NetError::NoSuchHost)?;
        let (key, container) = if ip == "127.0.0.1" {
            match listener(&self.pod, url.port).map(|ct| ct.name.clone()) {
                Some(n) => (self.pod.key(), n),
                None => return Err(NetError::Refused { ip }),
            }
        } else {
            target(self.c, &ip, url.port, self.c.rt.now.millis())?
        };
        let client_ip = if ip == "127.0.0.1" { "127.0.0.1".to_string() } else { self.pod.status.pod_ip.clone() };
        let Some(pod) = self.c.store.pods.get(&key).cloned() else { return Err(NetError::Refused { ip }) };
        let Some(ct) = pod.spec.containers.iter().find(|x| x.name == container).cloned() else { return Err(NetError::Refused { ip }) };
        let fs = ContainerFs::of(self.c, &pod, &ct);
        let agent = self.fs.profile.agent;
        let (resp, errlog) = serve(self.c, &fs, &ct.image, &url.path, &url.host, &client_ip);
        let (local, errtime) = log_times(self.unix_seconds());
        let mut line = format!("{client_ip} - - [{local}] \"GET {} HTTP/1.1\" {} {} \"-\" \"{agent}\"", url.path, resp.status, resp.body.len());
        if matches!(fs.profile.server, Some(Server::Nginx { combined_xff: true, .. })) {
            line.push_str(" \"-\"");
        }
        line.push('\n');
        let mut text = String::new();
        if let Some(e) = errlog {
            text.push_str(&format!("{errtime} [error] 29#29: *1 {e}\n"));
        }
        text.push_str(&line);
        self.c.agents.disks.log(&pod.metadata.uid, &ct.name, &text);
        Ok(resp)
    }
}

/// What the image's server answers for `GET path`, and the error log line it writes.
fn serve(c: &State, fs: &ContainerFs, image: &str, path: &str, host: &str, client: &str) -> (HttpResponse, Option<String>) {
    let ok = |body: String| HttpResponse { status: 200, reason: "OK".into(), body };
    let path_only = path.split(['?', '#']).next().unwrap_or("/");
    match fs.profile.server {
        Some(Server::Httpd) => {
            let file = crate::state::files::normalize(&format!("/usr/local/apache2/htdocs{path_only}"));
            let file = if fs.kind(c, &file) == Some(FileKind::Dir) { format!("{file}/index.html") } else { file };
            match fs.read(c, &file) {
                Ok(b) => (ok(b), None),
                Err(_) => (HttpResponse { status: 404, reason: "Not Found".into(), body: format!("<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n") }, None),
            }
        }
        _ => {
            let version = nginx_version(image);
            let root = match fs.profile.server {
                Some(Server::Nginx { root, .. }) => root,
                _ => "/usr/share/nginx/html",
            };
            let file = crate::state::files::normalize(&format!("{root}{path_only}"));
            let request = format!("client: {client}, server: localhost, request: \"GET {path} HTTP/1.1\", host: \"{host}\"");
            match fs.kind(c, &file) {
                Some(FileKind::Dir) => {
                    let index = if file == "/" { "/index.html".to_string() } else { format!("{file}/index.html") };
                    match fs.read(c, &index) {
                        Ok(b) => (ok(b), None),
                        Err(_) => (
                            HttpResponse { status: 403, reason: "Forbidden".into(), body: nginx_error_page(403, "Forbidden", &version) },
                            Some(format!("directory index of \"{file}/\" is forbidden, {request}")),
                        ),
                    }
                }
                Some(FileKind::File) => (ok(fs.read(c, &file).unwrap_or_default()), None),
                None => (
                    HttpResponse { status: 404, reason: "Not Found".into(), body: nginx_error_page(404, "Not Found", &version) },
                    Some(format!("open() \"{file}\" failed (2: No such file or directory), {request}")),
                ),
            }
        }
    }
}
