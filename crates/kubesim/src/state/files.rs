//! Files that containers write, kept where Kubernetes keeps them: a container's writable
//! layer (gone when the container restarts), an `emptyDir` (gone with the pod), a node's own
//! disk (what `hostPath` volumes mount; the node's container logs are on it too) and a
//! PersistentVolume's contents (gone only when the volume is deleted). An image's own files
//! are not stored: they come from its profile (`kubelet/image_files.rs`) and a layer only
//! records what changed over them.
//!
//! Everything here is plain data in the state, written only by `kubectl exec` and the
//! programs that run in containers; a cluster where nothing was written stores nothing.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most bytes one file may hold: a write past it is refused (`File too large`).
pub const MAX_FILE_BYTES: usize = 1 << 20;

/// The most bytes all stored files and logs together may hold, so that a loop of writes in
/// a lesson cannot grow the saved session without bound.
pub const MAX_TOTAL_BYTES: usize = 16 << 20;

/// What a path inside a tree holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Entry {
    Dir,
    File(String),
    /// Removed from what lies below (a file of the image deleted in a container's layer).
    Gone,
}

/// A directory tree, by path relative to its root (`"index.html"`, `"a/b.txt"`; the root
/// itself is `""` and always exists).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Tree(pub BTreeMap<String, Entry>);

impl Tree {
    pub fn get(&self, rel: &str) -> Option<&Entry> {
        self.0.get(rel)
    }

    /// Entries directly inside `dir` (relative path, `""` for the root), by name.
    pub fn children<'a>(&'a self, dir: &'a str) -> impl Iterator<Item = (&'a str, &'a Entry)> + 'a {
        let prefix = if dir.is_empty() { String::new() } else { format!("{dir}/") };
        let start = prefix.clone();
        self.0
            .range(start..)
            .take_while(move |(k, _)| k.starts_with(&prefix))
            .filter_map(move |(k, e)| {
                let rest = &k[if dir.is_empty() { 0 } else { dir.len() + 1 }..];
                (!rest.is_empty() && !rest.contains('/')).then_some((rest, e))
            })
    }

    /// Removes `rel` and everything under it.
    pub fn remove_all(&mut self, rel: &str) {
        self.0.remove(rel);
        let prefix = format!("{rel}/");
        let under: Vec<String> = self.0.range(prefix.clone()..).take_while(|(k, _)| k.starts_with(&prefix)).map(|(k, _)| k.clone()).collect();
        for k in under {
            self.0.remove(&k);
        }
    }

    pub fn bytes(&self) -> usize {
        self.0.iter().map(|(k, e)| k.len() + if let Entry::File(s) = e { s.len() } else { 0 }).sum()
    }
}

/// Every stored file of the cluster, by where it lives.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disks {
    /// Each node's disk, from its root (`var/log/…`): what `hostPath` volumes mount.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub nodes: BTreeMap<String, Tree>,
    /// `emptyDir` volumes, by `<pod uid>/<volume>`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub empty_dirs: BTreeMap<String, Tree>,
    /// PersistentVolumes' contents, by volume name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub volumes: BTreeMap<String, Tree>,
    /// Containers' writable layers, by `<pod uid>/<container>`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub layers: BTreeMap<String, Tree>,
    /// What running containers printed since they started (their logs), by
    /// `<pod uid>/<container>`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub logs: BTreeMap<String, String>,
}

impl Disks {
    /// Nothing stored (the state then serializes as it did before containers had files).
    pub fn is_unused(&self) -> bool {
        self.nodes.is_empty() && self.empty_dirs.is_empty() && self.volumes.is_empty() && self.layers.is_empty() && self.logs.is_empty()
    }

    pub fn bytes(&self) -> usize {
        let trees = self.nodes.values().chain(self.empty_dirs.values()).chain(self.volumes.values()).chain(self.layers.values());
        trees.map(Tree::bytes).sum::<usize>() + self.logs.values().map(String::len).sum::<usize>()
    }

    /// A pod is gone: its emptyDirs, its containers' layers and logs go with it.
    pub fn forget_pod(&mut self, uid: &str) {
        let prefix = format!("{uid}/");
        self.empty_dirs.retain(|k, _| !k.starts_with(&prefix));
        self.layers.retain(|k, _| !k.starts_with(&prefix));
        self.logs.retain(|k, _| !k.starts_with(&prefix));
    }

    /// A container started again: its writable layer and its log start empty.
    pub fn container_restarted(&mut self, uid: &str, container: &str) {
        let k = format!("{uid}/{container}");
        self.layers.remove(&k);
        self.logs.remove(&k);
    }

    /// Appends to a container's log, within the limits.
    pub fn log(&mut self, uid: &str, container: &str, text: &str) {
        if self.bytes() + text.len() > MAX_TOTAL_BYTES {
            return;
        }
        let log = self.logs.entry(format!("{uid}/{container}")).or_default();
        if log.len() + text.len() <= MAX_FILE_BYTES {
            log.push_str(text);
        }
    }
}

/// Normalizes an absolute path: no empty, `.` or `..` parts; `/` for the root.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_normalize_and_children_list() {
        assert_eq!(normalize("/usr//share/./nginx/../nginx/html/"), "/usr/share/nginx/html");
        assert_eq!(normalize("/.."), "/");
        let mut t = Tree::default();
        t.0.insert("a".into(), Entry::Dir);
        t.0.insert("a/b".into(), Entry::File("x".into()));
        t.0.insert("a/c".into(), Entry::Dir);
        t.0.insert("a/c/d".into(), Entry::File("y".into()));
        t.0.insert("ab".into(), Entry::File("z".into()));
        let root: Vec<&str> = t.children("").map(|(n, _)| n).collect();
        assert_eq!(root, ["a", "ab"]);
        let a: Vec<&str> = t.children("a").map(|(n, _)| n).collect();
        assert_eq!(a, ["b", "c"]);
        t.remove_all("a");
        assert_eq!(t.0.keys().collect::<Vec<_>>(), ["ab"]);
    }

    #[test]
    fn a_pod_takes_its_files_with_it() {
        let mut d = Disks::default();
        assert!(d.is_unused());
        d.empty_dirs.insert("u1/cache".into(), Tree::default());
        d.layers.insert("u1/nginx".into(), Tree::default());
        d.log("u1", "nginx", "GET /\n");
        d.volumes.insert("pvc-1".into(), Tree::default());
        d.forget_pod("u1");
        assert!(d.empty_dirs.is_empty() && d.layers.is_empty() && d.logs.is_empty());
        assert_eq!(d.volumes.len(), 1);
    }
}
