//! What a shell command sees of its container: the container's files (its image's files and
//! its volume mounts), its environment, its names, the clock, and the cluster's network
//! (DNS and HTTP). The kubelet implements it over the cluster state (`kubelet/exec.rs`);
//! the shell's own tests implement it over a plain map. Paths given to it are absolute and
//! normalized (no `.` or `..` parts, no trailing `/` but for the root).

/// What a path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    File,
    Dir,
}

/// One entry of a directory listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DirEntry {
    pub name: String,
    pub kind: FileKind,
    /// Bytes, for files.
    pub size: usize,
}

/// Why a file operation failed, as the kernel says it (the command words the message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FsError {
    /// ENOENT: "No such file or directory".
    NotFound,
    /// ENOTDIR: "Not a directory".
    NotADirectory,
    /// EISDIR: "Is a directory".
    IsADirectory,
    /// EEXIST: "File exists".
    Exists,
    /// ENOTEMPTY: "Directory not empty".
    NotEmpty,
    /// EROFS: "Read-only file system" (a `readOnly` mount, a ConfigMap volume).
    ReadOnly,
    /// EBUSY: "Resource busy" (removing a mount point).
    Busy,
    /// EFBIG / ENOSPC: the file would pass the simulator's size limit ("File too large").
    TooLarge,
}

impl FsError {
    /// The C library's text for the error (`strerror`).
    pub(crate) fn text(self) -> &'static str {
        match self {
            FsError::NotFound => "No such file or directory",
            FsError::NotADirectory => "Not a directory",
            FsError::IsADirectory => "Is a directory",
            FsError::Exists => "File exists",
            FsError::NotEmpty => "Directory not empty",
            FsError::ReadOnly => "Read-only file system",
            FsError::Busy => "Resource busy",
            FsError::TooLarge => "File too large",
        }
    }
}

/// Which userland the image has: the wording of every command's messages follows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Userland {
    /// busybox applets and its `ash` (busybox, alpine).
    Busybox,
    /// GNU coreutils with `dash` as `/bin/sh` (Debian-based images: nginx, httpd…).
    Debian,
}

/// The answer to an HTTP GET.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HttpResponse {
    pub status: u16,
    /// The status line's reason (`OK`, `Not Found`).
    pub reason: String,
    pub body: String,
}

/// Why an HTTP GET got no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NetError {
    /// The host name does not resolve.
    NoSuchHost,
    /// The address answers but nothing listens on the port (connection refused).
    Refused { ip: String },
    /// Nothing answers at all (no pod behind a Service IP, an unreachable address): the
    /// client waits out its timeout.
    Timeout { ip: String },
}

/// A request URL as the shell's `curl` and `wget` read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Url {
    pub host: String,
    pub port: u16,
    /// Starts with `/`.
    pub path: String,
}

/// The container a shell runs in.
pub(crate) trait Host {
    fn userland(&self) -> Userland;
    /// Whether the image has this program in its `$PATH` (`curl` is not in every image).
    fn has_program(&self, name: &str) -> bool;

    fn kind(&self, path: &str) -> Option<FileKind>;
    fn read(&self, path: &str) -> Result<String, FsError>;
    /// Writes a file (creating it; `append` adds to its end). The parent must exist.
    fn write(&mut self, path: &str, data: &str, append: bool) -> Result<(), FsError>;
    /// Entries of a directory, sorted by name.
    fn list(&self, path: &str) -> Result<Vec<DirEntry>, FsError>;
    fn mkdir(&mut self, path: &str) -> Result<(), FsError>;
    /// Removes a file, or a directory (with what it holds when `recursive`).
    fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError>;

    /// The container's environment (`env` and `$VAR`), in the order the kubelet sets it.
    fn env(&self) -> Vec<(String, String)>;
    /// `hostname`: the pod's hostname.
    fn hostname(&self) -> String;
    /// `hostname -f`: the pod's fully qualified name (through its headless Service), or the
    /// hostname when it has none.
    fn fqdn(&self) -> String;
    /// Seconds since the Unix epoch on the simulated clock (`date`).
    fn unix_seconds(&self) -> u64;
    /// `sleep`: the time passes on the simulated clock once the command has run.
    fn sleep(&mut self, millis: u64);

    /// `nslookup NAME`: what it prints and its exit status (the wording is the image's).
    fn nslookup(&self, name: &str) -> (String, i32);
    /// An address for a host name (`curl`, `wget`), or the name itself if it is an address.
    fn resolve(&self, name: &str) -> Option<String>;
    /// An HTTP GET from this container; the server it reaches records it in its log.
    fn http_get(&mut self, url: &Url) -> Result<HttpResponse, NetError>;
}
