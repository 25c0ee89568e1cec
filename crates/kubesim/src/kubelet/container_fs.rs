//! A container's filesystem as the kubelet assembles it: the image's files with the
//! container's writable layer over them, and each volume mount over that (an `emptyDir`,
//! a `hostPath` directory of the node's disk, a claim's PersistentVolume), with `subPath`
//! and `readOnly` as in Kubernetes. Paths are absolute and normalized.

use crate::api::meta::Key;
use crate::api::model::*;
use crate::kubelet::image_files::{profile, Profile};
use crate::kubelet::shell::host::{DirEntry, FileKind, FsError, Userland};
use crate::state::files::{normalize, Disks, Entry, Tree, MAX_FILE_BYTES, MAX_TOTAL_BYTES};
use crate::state::State;
use std::collections::{BTreeMap, BTreeSet};

/// Where a mount's files are.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Source {
    /// The container's own root: image files under its writable layer.
    Root,
    /// An `emptyDir` (`<pod uid>/<volume>`), from `dir` inside it (a `subPath`).
    EmptyDir { key: String, dir: String },
    /// A directory of the node's disk (`hostPath`), relative to the disk's root.
    Node { node: String, dir: String },
    /// A PersistentVolume's contents, from `dir` inside it (a `subPath`).
    Volume { pv: String, dir: String },
    /// A volume this simulator keeps no files for (ConfigMap, Secret): empty, read-only.
    Empty,
}

#[derive(Clone, Debug)]
struct Mount {
    path: String,
    source: Source,
    read_only: bool,
}

/// One container's view of files.
#[derive(Clone, Debug)]
pub(crate) struct ContainerFs {
    pub uid: String,
    pub container: String,
    pub profile: Profile,
    /// Image files and the directories that hold them, by absolute path.
    image: BTreeMap<String, Option<String>>,
    /// Longest mount path first; the root mount last.
    mounts: Vec<Mount>,
}

/// The relative path inside a tree for `rel` under `dir`.
fn join_rel(dir: &str, rel: &str) -> String {
    match (dir.is_empty(), rel.is_empty()) {
        (true, _) => rel.to_string(),
        (false, true) => dir.to_string(),
        (false, false) => format!("{dir}/{rel}"),
    }
}

/// Adds `path` and every directory above it to an image listing.
fn add_dirs(image: &mut BTreeMap<String, Option<String>>, path: &str) {
    let mut p = path.to_string();
    while let Some(i) = p.rfind('/') {
        p.truncate(i);
        let d = if p.is_empty() { "/".to_string() } else { p.clone() };
        image.entry(d).or_insert(None);
        if p.is_empty() {
            break;
        }
    }
}

/// The node-side directories every node has, relative to its disk's root.
const NODE_DIRS: &[&str] = &["etc", "tmp", "var", "var/lib", "var/lib/kubelet", "var/log", "var/log/containers", "var/log/pods"];

impl ContainerFs {
    /// The filesystem of container `container` of `pod`, as the kubelet mounts it.
    pub(crate) fn of(c: &State, pod: &Pod, container: &Container) -> ContainerFs {
        let profile = profile(&container.image);
        let mut image: BTreeMap<String, Option<String>> = BTreeMap::new();
        image.insert("/".into(), None);
        // The top of a Debian or busybox root filesystem (pause has almost nothing).
        let top: &[&str] = match profile.userland {
            Some(Userland::Debian) => &["/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64", "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var"],
            Some(Userland::Busybox) => &["/bin", "/dev", "/etc", "/home", "/lib", "/lib64", "/proc", "/root", "/sys", "/tmp", "/usr", "/var"],
            None => &["/dev", "/etc", "/proc", "/sys"],
        };
        for base in top.iter().chain(["/usr/bin", "/var/log"].iter()) {
            image.insert(base.to_string(), None);
        }
        for d in profile.dirs {
            image.insert(d.to_string(), None);
            add_dirs(&mut image, d);
        }
        for (p, content) in profile.files {
            add_dirs(&mut image, p);
            image.insert(p.to_string(), Some(content.to_string()));
        }
        let host = hostname(pod);
        image.insert("/etc/hostname".into(), Some(format!("{host}\n")));
        image.insert("/etc/hosts".into(), Some(etc_hosts(pod)));
        image.insert(
            "/etc/resolv.conf".into(),
            Some(format!("search {ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n", ns = pod.metadata.namespace)),
        );
        let mut mounts = Vec::new();
        for vm in &container.volume_mounts {
            let Some(v) = pod.spec.volumes.iter().find(|v| v.name == vm.name) else { continue };
            let sub = normalize(&format!("/{}", vm.sub_path)).trim_start_matches('/').to_string();
            let (source, ro) = if v.empty_dir.is_some() {
                (Source::EmptyDir { key: format!("{}/{}", pod.metadata.uid, v.name), dir: sub.clone() }, false)
            } else if let Some(h) = &v.host_path {
                let dir = normalize(&h.path).trim_start_matches('/').to_string();
                (Source::Node { node: pod.spec.node_name.clone(), dir: join_rel(&dir, &sub) }, false)
            } else if let Some(claim) = &v.persistent_volume_claim {
                let pv = c.store.pvcs.get(&Key::new(&pod.metadata.namespace, &claim.claim_name)).map(|p| p.spec.volume_name.clone()).unwrap_or_default();
                if pv.is_empty() {
                    (Source::Empty, true)
                } else {
                    (Source::Volume { pv, dir: sub.clone() }, claim.read_only)
                }
            } else {
                (Source::Empty, true)
            };
            let path = normalize(&vm.mount_path);
            add_dirs(&mut image, &path);
            image.entry(path.clone()).or_insert(None);
            mounts.push(Mount { path, source, read_only: ro || vm.read_only });
        }
        mounts.sort_by(|a, b| b.path.len().cmp(&a.path.len()).then_with(|| a.path.cmp(&b.path)));
        mounts.push(Mount { path: "/".into(), source: Source::Root, read_only: false });
        ContainerFs {
            uid: pod.metadata.uid.clone(),
            container: container.name.clone(),
            profile,
            image,
            mounts,
        }
    }

    fn layer_key(&self) -> String {
        format!("{}/{}", self.uid, self.container)
    }

    /// The mount a path falls in, and the path relative to that mount.
    fn mount_of(&self, path: &str) -> (&Mount, String) {
        for m in &self.mounts {
            if m.path == "/" {
                return (m, path.trim_start_matches('/').to_string());
            }
            if path == m.path {
                return (m, String::new());
            }
            if let Some(rest) = path.strip_prefix(&m.path).and_then(|r| r.strip_prefix('/')) {
                return (m, rest.to_string());
            }
        }
        unreachable!("the root mount matches every path")
    }

    /// The tree behind a non-root mount and the path inside it.
    fn tree_of<'a>(&self, disks: &'a Disks, m: &Mount, rel: &str) -> (Option<&'a Tree>, String) {
        match &m.source {
            Source::EmptyDir { key, dir } => (disks.empty_dirs.get(key), join_rel(dir, rel)),
            Source::Node { node, dir } => (disks.nodes.get(node), join_rel(dir, rel)),
            Source::Volume { pv, dir } => (disks.volumes.get(pv), join_rel(dir, rel)),
            Source::Root | Source::Empty => (None, rel.to_string()),
        }
    }

    /// What a path is, if anything.
    pub(crate) fn kind(&self, c: &State, path: &str) -> Option<FileKind> {
        let path = normalize(path);
        if self.mounts.iter().any(|m| m.path == path) {
            return Some(FileKind::Dir);
        }
        let (m, rel) = self.mount_of(&path);
        match &m.source {
            Source::Root => {
                let layer = c.agents.disks.layers.get(&self.layer_key());
                if let Some(layer) = layer {
                    if gone_above(layer, &rel) {
                        return None;
                    }
                    match layer.get(&rel) {
                        Some(Entry::Dir) => return Some(FileKind::Dir),
                        Some(Entry::File(_)) => return Some(FileKind::File),
                        Some(Entry::Gone) => return None,
                        None => {}
                    }
                }
                self.image.get(&path).map(|f| if f.is_some() { FileKind::File } else { FileKind::Dir })
            }
            Source::Empty => rel.is_empty().then_some(FileKind::Dir),
            _ => {
                let (tree, inner) = self.tree_of(&c.agents.disks, m, &rel);
                if rel.is_empty() {
                    return Some(FileKind::Dir);
                }
                match tree.and_then(|t| t.get(&inner)) {
                    Some(Entry::Dir) => Some(FileKind::Dir),
                    Some(Entry::File(_)) => Some(FileKind::File),
                    _ => node_dir(m, &inner).then_some(FileKind::Dir).or_else(|| node_file(c, m, &inner).map(|_| FileKind::File)),
                }
            }
        }
    }

    pub(crate) fn read(&self, c: &State, path: &str) -> Result<String, FsError> {
        let path = normalize(path);
        match self.kind(c, &path) {
            None => return Err(FsError::NotFound),
            Some(FileKind::Dir) => return Err(FsError::IsADirectory),
            Some(FileKind::File) => {}
        }
        let (m, rel) = self.mount_of(&path);
        match &m.source {
            Source::Root => {
                if let Some(Entry::File(s)) = c.agents.disks.layers.get(&self.layer_key()).and_then(|l| l.get(&rel)) {
                    return Ok(s.clone());
                }
                Ok(self.image.get(&path).cloned().flatten().unwrap_or_default())
            }
            _ => {
                let (tree, inner) = self.tree_of(&c.agents.disks, m, &rel);
                match tree.and_then(|t| t.get(&inner)) {
                    Some(Entry::File(s)) => Ok(s.clone()),
                    _ => node_file(c, m, &inner).ok_or(FsError::NotFound),
                }
            }
        }
    }

    pub(crate) fn list(&self, c: &State, path: &str) -> Result<Vec<DirEntry>, FsError> {
        let path = normalize(path);
        match self.kind(c, &path) {
            None => return Err(FsError::NotFound),
            Some(FileKind::File) => return Err(FsError::NotADirectory),
            Some(FileKind::Dir) => {}
        }
        let mut names: BTreeSet<String> = BTreeSet::new();
        let (m, rel) = self.mount_of(&path);
        match &m.source {
            Source::Root => {
                let prefix = if path == "/" { "/".to_string() } else { format!("{path}/") };
                for k in self.image.range(prefix.clone()..).take_while(|(k, _)| k.starts_with(&prefix)).map(|(k, _)| k) {
                    let rest = &k[prefix.len()..];
                    if !rest.is_empty() && !rest.contains('/') {
                        names.insert(rest.to_string());
                    }
                }
                if let Some(layer) = c.agents.disks.layers.get(&self.layer_key()) {
                    for (n, e) in layer.children(&rel) {
                        if *e == Entry::Gone {
                            names.remove(n);
                        } else {
                            names.insert(n.to_string());
                        }
                    }
                }
            }
            Source::Empty => {}
            _ => {
                let (tree, inner) = self.tree_of(&c.agents.disks, m, &rel);
                if let Some(t) = tree {
                    names.extend(t.children(&inner).filter(|(_, e)| **e != Entry::Gone).map(|(n, _)| n.to_string()));
                }
                names.extend(node_entries(c, m, &inner));
            }
        }
        // Mount points directly inside this directory.
        for mp in &self.mounts {
            if let Some((parent, name)) = mp.path.rsplit_once('/') {
                let parent = if parent.is_empty() { "/" } else { parent };
                if parent == path && !name.is_empty() {
                    names.insert(name.to_string());
                }
            }
        }
        let base = if path == "/" { String::new() } else { path.clone() };
        Ok(names
            .into_iter()
            .filter_map(|n| {
                let p = format!("{base}/{n}");
                let kind = self.kind(c, &p)?;
                let size = if kind == FileKind::File { self.read(c, &p).map(|s| s.len()).unwrap_or(0) } else { 4096 };
                Some(DirEntry { name: n, kind, size })
            })
            .collect())
    }

    /// The tree a write at `path` changes and the path inside it, or why it cannot.
    fn writable<'a>(&self, disks: &'a mut Disks, path: &str) -> Result<(&'a mut Tree, String), FsError> {
        let (m, rel) = self.mount_of(path);
        if m.read_only || m.source == Source::Empty {
            return Err(FsError::ReadOnly);
        }
        Ok(match &m.source {
            Source::Root => (disks.layers.entry(self.layer_key()).or_default(), rel),
            Source::EmptyDir { key, dir } => (disks.empty_dirs.entry(key.clone()).or_default(), join_rel(dir, &rel)),
            Source::Node { node, dir } => (disks.nodes.entry(node.clone()).or_default(), join_rel(dir, &rel)),
            Source::Volume { pv, dir } => (disks.volumes.entry(pv.clone()).or_default(), join_rel(dir, &rel)),
            Source::Empty => unreachable!("refused above"),
        })
    }

    fn parent_is_dir(&self, c: &State, path: &str) -> Result<(), FsError> {
        let parent = path.rsplit_once('/').map(|(p, _)| if p.is_empty() { "/" } else { p }).unwrap_or("/");
        match self.kind(c, parent) {
            Some(FileKind::Dir) => Ok(()),
            Some(FileKind::File) => Err(FsError::NotADirectory),
            None => Err(FsError::NotFound),
        }
    }

    /// Directories above `inner` inside a mount's tree that exist only implicitly (a
    /// `subPath` or `hostPath` directory) become explicit before a file goes under them.
    fn ensure_dirs(tree: &mut Tree, inner: &str) {
        let mut p = inner.to_string();
        while let Some(i) = p.rfind('/') {
            p.truncate(i);
            tree.0.entry(p.clone()).or_insert(Entry::Dir);
        }
    }

    pub(crate) fn write(&self, c: &mut State, path: &str, data: &str, append: bool) -> Result<(), FsError> {
        let path = normalize(path);
        match self.kind(c, &path) {
            Some(FileKind::Dir) => return Err(FsError::IsADirectory),
            None => self.parent_is_dir(c, &path)?,
            Some(FileKind::File) => {}
        }
        let old = if append { self.read(c, &path).unwrap_or_default() } else { String::new() };
        let new_len = old.len() + data.len();
        if new_len > MAX_FILE_BYTES || c.agents.disks.bytes() + data.len() > MAX_TOTAL_BYTES {
            return Err(FsError::TooLarge);
        }
        let (tree, inner) = self.writable(&mut c.agents.disks, &path)?;
        ContainerFs::ensure_dirs(tree, &inner);
        tree.0.insert(inner, Entry::File(old + data));
        Ok(())
    }

    pub(crate) fn mkdir(&self, c: &mut State, path: &str) -> Result<(), FsError> {
        let path = normalize(path);
        if self.kind(c, &path).is_some() {
            return Err(FsError::Exists);
        }
        self.parent_is_dir(c, &path)?;
        let (tree, inner) = self.writable(&mut c.agents.disks, &path)?;
        ContainerFs::ensure_dirs(tree, &inner);
        tree.0.insert(inner, Entry::Dir);
        Ok(())
    }

    pub(crate) fn remove(&self, c: &mut State, path: &str, recursive: bool) -> Result<(), FsError> {
        let path = normalize(path);
        if self.mounts.iter().any(|m| m.path == path || m.path.starts_with(&format!("{path}/"))) || path == "/" {
            return Err(FsError::Busy);
        }
        match self.kind(c, &path) {
            None => return Err(FsError::NotFound),
            Some(FileKind::Dir) if !recursive && !self.list(c, &path)?.is_empty() => return Err(FsError::NotEmpty),
            _ => {}
        }
        let root = matches!(self.mount_of(&path).0.source, Source::Root);
        let in_image = root && self.image.contains_key(&path);
        let (tree, inner) = self.writable(&mut c.agents.disks, &path)?;
        tree.remove_all(&inner);
        if in_image {
            tree.0.insert(inner, Entry::Gone);
        }
        Ok(())
    }
}

/// Whether a directory above `rel` was removed in a layer.
fn gone_above(layer: &Tree, rel: &str) -> bool {
    let mut p = rel;
    while let Some((parent, _)) = p.rsplit_once('/') {
        if layer.get(parent) == Some(&Entry::Gone) {
            return true;
        }
        p = parent;
    }
    false
}

/// A `hostPath` or `subPath` directory exists even before anything is written in it, and
/// so do the directories every node has.
fn node_dir(m: &Mount, inner: &str) -> bool {
    match &m.source {
        Source::Node { dir, .. } => inner == dir || dir.starts_with(&format!("{inner}/")) || NODE_DIRS.contains(&inner) || node_log_dir(inner),
        Source::Volume { dir, .. } | Source::EmptyDir { dir, .. } => inner.is_empty() || inner == dir || dir.starts_with(&format!("{inner}/")),
        _ => false,
    }
}

fn node_log_dir(inner: &str) -> bool {
    inner.strip_prefix("var/log/pods/").is_some_and(|r| r.split('/').count() <= 2)
}

/// The container logs the kubelet keeps on its node (`/var/log/pods/<ns>_<pod>_<uid>/<c>/0.log`
/// and the `/var/log/containers/<pod>_<ns>_<c>-<id>.log` links), for the pods on that node.
fn node_logs(c: &State, node: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in c.pods_on(node) {
        for cs in &p.status.container_statuses {
            if cs.state.running.is_none() && cs.state.terminated.is_none() {
                continue;
            }
            let log = c.agents.disks.logs.get(&format!("{}/{}", p.metadata.uid, cs.name)).cloned().unwrap_or_default();
            let id = cs.container_id.rsplit("//").next().unwrap_or("").to_string();
            out.push((format!("var/log/pods/{}_{}_{}/{}/0.log", p.metadata.namespace, p.metadata.name, p.metadata.uid, cs.name), log.clone()));
            out.push((format!("var/log/containers/{}_{}_{}-{id}.log", p.metadata.name, p.metadata.namespace, cs.name), log));
        }
    }
    out
}

fn node_file(c: &State, m: &Mount, inner: &str) -> Option<String> {
    let Source::Node { node, .. } = &m.source else { return None };
    node_logs(c, node).into_iter().find(|(p, _)| p == inner).map(|(_, s)| s)
}

fn node_entries(c: &State, m: &Mount, inner: &str) -> Vec<String> {
    let Source::Node { node, .. } = &m.source else { return vec![] };
    let prefix = if inner.is_empty() { String::new() } else { format!("{inner}/") };
    let mut out: BTreeSet<String> = BTreeSet::new();
    let fixed = NODE_DIRS.iter().map(|d| d.to_string());
    for p in fixed.chain(node_logs(c, node).into_iter().map(|(p, _)| p)) {
        if let Some(rest) = p.strip_prefix(&prefix) {
            if let Some(first) = rest.split('/').next().filter(|f| !f.is_empty()) {
                out.insert(first.to_string());
            }
        }
    }
    out.into_iter().collect()
}

/// The pod's hostname: `spec.hostname`, else its name.
pub(crate) fn hostname(pod: &Pod) -> String {
    if pod.spec.hostname.is_empty() { pod.metadata.name.clone() } else { pod.spec.hostname.clone() }
}

/// The pod's fully qualified name when it has a subdomain (what the kubelet writes in
/// `/etc/hosts`), else its hostname.
pub(crate) fn fqdn(pod: &Pod) -> String {
    if pod.spec.subdomain.is_empty() {
        hostname(pod)
    } else {
        format!("{}.{}.{}.svc.cluster.local", hostname(pod), pod.spec.subdomain, pod.metadata.namespace)
    }
}

/// The kubelet-managed `/etc/hosts`.
fn etc_hosts(pod: &Pod) -> String {
    let names = if pod.spec.subdomain.is_empty() { hostname(pod) } else { format!("{}\t{}", fqdn(pod), hostname(pod)) };
    format!(
        "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n{}\t{names}\n",
        pod.status.pod_ip
    )
}
