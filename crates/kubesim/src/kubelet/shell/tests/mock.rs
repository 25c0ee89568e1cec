//! A container made of maps: files and directories, an environment, a DNS table and HTTP
//! servers by address, a clock that sleeping moves.

use std::collections::{BTreeMap, BTreeSet};

use super::super::host::*;
use super::super::{Outcome, Shell, MAX_FILE};

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Mock {
    pub userland: Userland,
    pub files: BTreeMap<String, String>,
    pub dirs: BTreeSet<String>,
    /// Paths under these are read-only.
    pub readonly: BTreeSet<String>,
    pub programs: BTreeSet<String>,
    pub env: Vec<(String, String)>,
    pub hostname: String,
    pub fqdn: String,
    pub now: u64,
    pub dns: BTreeMap<String, String>,
    /// (ip, port) → path → (status, body).
    pub servers: BTreeMap<(String, u16), BTreeMap<String, (u16, String)>>,
    /// Addresses that never answer.
    pub silent: BTreeSet<String>,
    /// Requests served, as `ip:port/path`.
    pub log: Vec<String>,
}

const BUSYBOX_PROGRAMS: &[&str] = &["sh", "ash", "cat", "ls", "mkdir", "rm", "touch", "hostname", "env", "date", "sleep", "nslookup", "wget", "grep", "wc", "head", "tail", "echo", "true", "false", "test", "[", "printf", "pwd", "ps", "vi"];
const DEBIAN_PROGRAMS: &[&str] = &["sh", "dash", "bash", "cat", "ls", "mkdir", "rm", "touch", "hostname", "env", "date", "sleep", "grep", "wc", "head", "tail", "echo", "true", "false", "test", "[", "printf", "pwd", "curl", "perl"];

impl Mock {
    pub fn new(userland: Userland) -> Mock {
        let programs = match userland {
            Userland::Busybox => BUSYBOX_PROGRAMS,
            Userland::Debian => DEBIAN_PROGRAMS,
        };
        let mut m = Mock {
            userland,
            files: BTreeMap::new(),
            dirs: ["/", "/tmp", "/root", "/etc", "/etc/config", "/usr", "/usr/share", "/usr/share/nginx", "/usr/share/nginx/html", "/data"].iter().map(|s| s.to_string()).collect(),
            readonly: ["/etc/config".to_string()].into_iter().collect(),
            programs: programs.iter().map(|s| s.to_string()).collect(),
            env: vec![
                ("PATH".into(), "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into()),
                ("HOSTNAME".into(), "web-0".into()),
                ("NGINX_SERVICE_HOST".into(), "10.96.0.20".into()),
                ("HOME".into(), "/root".into()),
            ],
            hostname: "web-0".into(),
            fqdn: "web-0.nginx.default.svc.cluster.local".into(),
            now: 1_796_419_800, // Fri Dec  4 21:30:00 UTC 2026
            dns: BTreeMap::new(),
            servers: BTreeMap::new(),
            silent: BTreeSet::new(),
            log: Vec::new(),
        };
        m.files.insert("/etc/hostname".into(), "web-0\n".into());
        m.files.insert("/etc/config/app.conf".into(), "mode=prod\nlevel=3\n".into());
        m.files.insert("/usr/share/nginx/html/index.html".into(), "<h1>Welcome to nginx!</h1>\n".into());
        m.files.insert("/data/notes.txt".into(), "alpha one\nBeta two\ngamma three\n".into());
        m.dns.insert("nginx".into(), "10.96.0.20".into());
        m.dns.insert("web-0.nginx".into(), "10.244.1.5".into());
        m.dns.insert("dead".into(), "10.96.0.99".into());
        m.dns.insert("closed".into(), "10.244.1.9".into());
        let mut site = BTreeMap::new();
        site.insert("/".to_string(), (200, "<h1>Welcome to nginx!</h1>\n".to_string()));
        site.insert("/healthz".to_string(), (200, "ok".to_string()));
        m.servers.insert(("10.96.0.20".into(), 80), site.clone());
        m.servers.insert(("10.244.1.5".into(), 80), site);
        m.silent.insert("10.96.0.99".into());
        m
    }
    pub fn busybox() -> Mock {
        Mock::new(Userland::Busybox)
    }
    pub fn debian() -> Mock {
        Mock::new(Userland::Debian)
    }
    fn parent(path: &str) -> String {
        match path.rsplit_once('/') {
            Some(("", _)) => "/".into(),
            Some((p, _)) => p.into(),
            None => "/".into(),
        }
    }
    fn read_only(&self, path: &str) -> bool {
        self.readonly.iter().any(|r| path == r || path.starts_with(&format!("{r}/")))
    }
}

impl Host for Mock {
    fn userland(&self) -> Userland {
        self.userland
    }
    fn has_program(&self, name: &str) -> bool {
        self.programs.contains(name)
    }
    fn kind(&self, path: &str) -> Option<FileKind> {
        assert!(path.starts_with('/') && !path.contains("/./") && !path.contains("/../") && (path == "/" || !path.ends_with('/')), "unnormalized path {path}");
        if self.dirs.contains(path) {
            Some(FileKind::Dir)
        } else if self.files.contains_key(path) {
            Some(FileKind::File)
        } else {
            None
        }
    }
    fn read(&self, path: &str) -> Result<String, FsError> {
        match self.kind(path) {
            Some(FileKind::Dir) => Err(FsError::IsADirectory),
            Some(FileKind::File) => Ok(self.files[path].clone()),
            None => Err(FsError::NotFound),
        }
    }
    fn write(&mut self, path: &str, data: &str, append: bool) -> Result<(), FsError> {
        let parent = Mock::parent(path);
        match self.kind(&parent) {
            None => return Err(FsError::NotFound),
            Some(FileKind::File) => return Err(FsError::NotADirectory),
            Some(FileKind::Dir) => {}
        }
        if self.kind(path) == Some(FileKind::Dir) {
            return Err(FsError::IsADirectory);
        }
        if self.read_only(path) {
            return Err(FsError::ReadOnly);
        }
        let f = self.files.entry(path.to_string()).or_default();
        if !append {
            f.clear();
        }
        if f.len() + data.len() > MAX_FILE {
            return Err(FsError::TooLarge);
        }
        f.push_str(data);
        Ok(())
    }
    fn list(&self, path: &str) -> Result<Vec<DirEntry>, FsError> {
        match self.kind(path) {
            None => return Err(FsError::NotFound),
            Some(FileKind::File) => return Err(FsError::NotADirectory),
            Some(FileKind::Dir) => {}
        }
        let mut v = Vec::new();
        for d in &self.dirs {
            if d != path && Mock::parent(d) == path {
                v.push(DirEntry { name: d.rsplit('/').next().unwrap_or("").into(), kind: FileKind::Dir, size: 0 });
            }
        }
        for (f, data) in &self.files {
            if Mock::parent(f) == path {
                v.push(DirEntry { name: f.rsplit('/').next().unwrap_or("").into(), kind: FileKind::File, size: data.len() });
            }
        }
        v.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(v)
    }
    fn mkdir(&mut self, path: &str) -> Result<(), FsError> {
        if self.kind(path).is_some() {
            return Err(FsError::Exists);
        }
        match self.kind(&Mock::parent(path)) {
            None => return Err(FsError::NotFound),
            Some(FileKind::File) => return Err(FsError::NotADirectory),
            Some(FileKind::Dir) => {}
        }
        if self.read_only(path) {
            return Err(FsError::ReadOnly);
        }
        self.dirs.insert(path.to_string());
        Ok(())
    }
    fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        if path == "/" {
            return Err(FsError::Busy);
        }
        if self.read_only(path) {
            return Err(FsError::ReadOnly);
        }
        match self.kind(path) {
            None => Err(FsError::NotFound),
            Some(FileKind::File) => {
                self.files.remove(path);
                Ok(())
            }
            Some(FileKind::Dir) => {
                let prefix = format!("{path}/");
                let inside = self.files.keys().any(|f| f.starts_with(&prefix)) || self.dirs.iter().any(|d| d.starts_with(&prefix));
                if inside && !recursive {
                    return Err(FsError::NotEmpty);
                }
                self.files.retain(|f, _| !f.starts_with(&prefix));
                self.dirs.retain(|d| !d.starts_with(&prefix) && d != path);
                Ok(())
            }
        }
    }
    fn env(&self) -> Vec<(String, String)> {
        self.env.clone()
    }
    fn hostname(&self) -> String {
        self.hostname.clone()
    }
    fn fqdn(&self) -> String {
        self.fqdn.clone()
    }
    fn unix_seconds(&self) -> u64 {
        self.now
    }
    fn sleep(&mut self, millis: u64) {
        self.now = self.now.saturating_add(millis / 1000);
    }
    fn nslookup(&self, name: &str) -> (String, i32) {
        let head = "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n";
        match self.dns.get(name) {
            Some(ip) => (format!("{head}Name:\t{name}.default.svc.cluster.local\nAddress: {ip}\n\n"), 0),
            None => (format!("{head}** server can't find {name}.default.svc.cluster.local: NXDOMAIN\n\n"), 1),
        }
    }
    fn resolve(&self, name: &str) -> Option<String> {
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Some(name.to_string());
        }
        self.dns.get(name).cloned()
    }
    fn http_get(&mut self, url: &Url) -> Result<HttpResponse, NetError> {
        let Some(ip) = self.resolve(&url.host) else { return Err(NetError::NoSuchHost) };
        if self.silent.contains(&ip) {
            return Err(NetError::Timeout { ip });
        }
        let Some(site) = self.servers.get(&(ip.clone(), url.port)) else { return Err(NetError::Refused { ip }) };
        self.log.push(format!("{ip}:{}{}", url.port, url.path));
        Ok(match site.get(&url.path) {
            Some((status, body)) => HttpResponse { status: *status, reason: if *status == 200 { "OK".into() } else { "Error".into() }, body: body.clone() },
            None => HttpResponse { status: 404, reason: "Not Found".into(), body: "404 page not found\n".into() },
        })
    }
}

/// Runs a script in a fresh shell.
pub(super) fn run(h: &mut Mock, script: &str) -> Outcome {
    let mut sh = Shell::new(h);
    sh.run(h, script)
}

/// What a script prints on stdout (asserting it printed nothing on stderr).
pub(super) fn out(h: &mut Mock, script: &str) -> String {
    let o = run(h, script);
    assert_eq!(o.stderr, "", "stderr of {script:?}");
    o.stdout
}

/// What a script prints on stderr, and its status.
pub(super) fn err(h: &mut Mock, script: &str) -> (String, i32) {
    let o = run(h, script);
    (o.stderr, o.status)
}
