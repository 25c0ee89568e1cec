//! The registries as the simulated nodes see them: a small catalogue of the images the
//! lessons, the kubernetes.io tutorials and task pages use, and what containerd answers for
//! anything else (the kubelet's `Failed to pull image "…": <containerd's error>`).
//!
//! A reference is read as containerd reads it (`docker.io` and `library/` added to short
//! names, `latest` when no tag is given). A repository of the catalogue pulls with the tags
//! it really has (versions within the range its project has published: a typo such as
//! `nginx:1.277` or `nginx:1.27-alpne` does not exist); a repository outside the catalogue
//! does not exist either, so a misspelt name (`ngnix`) fails as on Docker Hub. Digests
//! (`@sha256:…`) of a known repository pull.

/// Why an image does not pull, in the words of the kubelet's event and the container's
/// waiting message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PullError {
    /// The reference cannot be read (`InvalidImageName`; the kubelet does not try to pull).
    InvalidName(String),
    /// The registry has no such image (`ErrImagePull`, then `ImagePullBackOff`).
    NotFound(String),
}

/// The reference containerd pulls: registry, repository path and tag (or digest).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Reference {
    registry: String,
    path: String,
    tag: Option<String>,
    digest: Option<String>,
}

impl Reference {
    fn full(&self) -> String {
        let mut s = format!("{}/{}", self.registry, self.path);
        if let Some(t) = &self.tag {
            s.push(':');
            s.push_str(t);
        }
        if let Some(d) = &self.digest {
            s.push('@');
            s.push_str(d);
        }
        s
    }
}

/// `docker/distribution/reference.ParseNormalizedNamed` with the default tag applied
/// (`applyDefaultImageTag`): the error is the kubelet's `InspectFailed` message.
fn parse(image: &str) -> Result<Reference, String> {
    let bad = |why: &str| format!("Failed to apply default image tag \"{image}\": couldn't parse image reference \"{image}\": {why}");
    if image.is_empty() || image.trim() != image || image.contains(char::is_whitespace) {
        return Err(bad("invalid reference format"));
    }
    let (name, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d.to_string())),
        None => (image, None),
    };
    // A tag is after the last ':' that comes after the last '/'.
    let slash = name.rfind('/').map_or(0, |i| i + 1);
    let (repo, tag) = match name[slash..].rfind(':') {
        Some(i) => (&name[..slash + i], Some(name[slash + i + 1..].to_string())),
        None => (name, None),
    };
    let mut parts: Vec<&str> = repo.split('/').collect();
    let registry = if parts.len() > 1 && (parts[0].contains('.') || parts[0].contains(':') || parts[0] == "localhost") {
        parts.remove(0).to_string()
    } else {
        "docker.io".to_string()
    };
    if registry == "docker.io" && parts.len() == 1 {
        parts.insert(0, "library");
    }
    let component_ok = |p: &str| {
        !p.is_empty()
            && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'))
            && p.as_bytes()[0].is_ascii_alphanumeric()
            && p.as_bytes()[p.len() - 1].is_ascii_alphanumeric()
    };
    if let Some(p) = parts.iter().find(|p| !component_ok(p)) {
        if p.bytes().any(|b| b.is_ascii_uppercase()) && component_ok(&p.to_lowercase()) {
            return Err(bad(&format!("invalid reference format: repository name ({}) must be lowercase", parts.join("/"))));
        }
        return Err(bad("invalid reference format"));
    }
    if let Some(t) = &tag {
        let ok = !t.is_empty()
            && t.len() <= 128
            && t.as_bytes()[0] != b'.'
            && t.as_bytes()[0] != b'-'
            && t.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if !ok {
            return Err(bad("invalid reference format"));
        }
    }
    if let Some(d) = &digest {
        let ok = d.strip_prefix("sha256:").is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        if !ok {
            return Err(bad("invalid reference format"));
        }
    }
    let tag = match (&tag, &digest) {
        (None, None) => Some("latest".to_string()),
        _ => tag,
    };
    Ok(Reference { registry, path: parts.join("/"), tag, digest })
}

/// `M.m[.p]` with `m` in `minors` and `p` at most `max_patch`, followed by one of `suffixes`
/// (the empty suffix included when listed).
fn version(tag: &str, major: u32, minors: std::ops::RangeInclusive<u32>, max_patch: u32, suffixes: &[&str]) -> bool {
    suffixes.iter().any(|s| {
        let Some(v) = tag.strip_suffix(s) else { return false };
        let nums: Vec<&str> = v.split('.').collect();
        let num = |x: &str| (!x.is_empty() && x.len() <= 3 && x.bytes().all(|b| b.is_ascii_digit()) && (x == "0" || !x.starts_with('0'))).then(|| x.parse::<u32>().ok()).flatten();
        match nums.as_slice() {
            [m] => num(m) == Some(major),
            [m, n] => num(m) == Some(major) && num(n).is_some_and(|n| minors.contains(&n)),
            [m, n, p] => num(m) == Some(major) && num(n).is_some_and(|n| minors.contains(&n)) && num(p).is_some_and(|p| p <= max_patch),
            _ => false,
        }
    })
}

/// The catalogue's entry for the reference's repository: which tags it has. The old Google
/// registries (k8s.gcr.io, gcr.io/google_containers) now redirect to registry.k8s.io.
fn catalogue(r: &Reference) -> Option<fn(&str) -> bool> {
    let path = r.path.as_str();
    let repo = match r.registry.as_str() {
        "k8s.gcr.io" => format!("registry.k8s.io/{path}"),
        "gcr.io" if path.starts_with("google_containers/") => format!("registry.k8s.io/{}", &path["google_containers/".len()..]),
        registry => format!("{registry}/{path}"),
    };
    Some(match repo.as_str() {
        "docker.io/library/nginx" => |t| {
            ["latest", "stable", "mainline", "alpine", "alpine-slim", "perl", "bookworm", "stable-alpine", "mainline-alpine"].contains(&t)
                || version(t, 1, 7..=29, 12, &["", "-alpine", "-alpine-slim", "-perl", "-bookworm"])
        },
        "docker.io/library/busybox" => |t| {
            ["latest", "stable", "musl", "glibc", "uclibc"].contains(&t) || version(t, 1, 24..=37, 4, &["", "-musl", "-glibc", "-uclibc"])
        },
        "docker.io/library/alpine" => |t| ["latest", "edge"].contains(&t) || version(t, 3, 10..=22, 6, &[""]),
        "docker.io/library/httpd" => |t| ["latest", "alpine"].contains(&t) || version(t, 2, 4..=4, 65, &["", "-alpine"]),
        "docker.io/library/redis" => |t| ["latest", "alpine"].contains(&t) || (6..=8).any(|m| version(t, m, 0..=4, 20, &["", "-alpine"])),
        "docker.io/library/postgres" => |t| {
            ["latest", "alpine"].contains(&t) || (12..=18).any(|m| version(t, m, 0..=12, 0, &["", "-alpine", "-bookworm"]))
        },
        "docker.io/library/mysql" => |t| ["latest", "lts"].contains(&t) || version(t, 8, 0..=4, 45, &[""]) || version(t, 9, 0..=5, 5, &[""]),
        "docker.io/library/ubuntu" => |t| ["latest", "jammy", "noble", "focal", "22.04", "24.04", "20.04"].contains(&t),
        "docker.io/library/debian" => |t| ["latest", "bookworm", "bookworm-slim", "bullseye", "bullseye-slim", "trixie", "11", "12", "13"].contains(&t),
        "docker.io/library/fluentd" | "docker.io/fluent/fluentd" => |t| {
            ["latest", "edge"].contains(&t)
                || ["v1.14", "v1.15", "v1.16", "v1.17", "v1.18"].iter().any(|v| t == *v || t.starts_with(&format!("{v}-")) || t.starts_with(&format!("{v}.")))
        },
        "docker.io/fluent/fluent-bit" => |t| {
            ["latest", "latest-debug"].contains(&t) || version(t, 1, 8..=9, 15, &["", "-debug"]) || (2..=4).any(|m| version(t, m, 0..=2, 12, &["", "-debug"]))
        },
        "registry.k8s.io/nginx-slim" => |t| ["0.7", "0.8", "0.20", "0.21", "0.22", "0.23", "0.24", "0.25", "0.26", "0.27"].contains(&t),
        "registry.k8s.io/pause" => |t| version(t, 3, 1..=10, 0, &[""]),
        "registry.k8s.io/busybox" => |t| ["latest", "1.24"].contains(&t),
        "registry.k8s.io/e2e-test-images/agnhost" => |t| version(t, 2, 30..=56, 0, &[""]),
        "quay.io/fluentd_elasticsearch/fluentd" => |t| t.strip_prefix('v').is_some_and(|v| (2..=5).any(|m| version(v, m, 0..=9, 9, &[""]))),
        _ => return None,
    })
}

/// What pulling `image` gives on a simulated node: `Ok` or why not.
pub fn pull(image: &str) -> Result<(), PullError> {
    let r = parse(image).map_err(PullError::InvalidName)?;
    let tags = catalogue(&r);
    let exists = match (tags, &r.tag, &r.digest) {
        // A digest of a known repository: it was pushed there.
        (Some(_), _, Some(_)) => true,
        (Some(tag_ok), Some(t), None) => tag_ok(t),
        _ => false,
    };
    if exists {
        return Ok(());
    }
    let full = r.full();
    // containerd: a tag Docker Hub does not have is NotFound; a repository it does not have
    // asks for credentials (Docker Hub answers 401 for both "no such repository" and
    // "private"). Other registries answer 404 either way.
    Err(PullError::NotFound(if r.registry == "docker.io" && tags.is_none() {
        format!("rpc error: code = Unknown desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed")
    } else {
        format!("rpc error: code = NotFound desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": {full}: not found")
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_images_of_the_lessons_and_the_kubernetes_io_pages_pull() {
        for image in [
            "nginx:1.27",
            "nginx:1.28",
            "nginx:1.14.2",
            "nginx:1.16.1",
            "nginx",
            "nginx:latest",
            "nginx:1.25-alpine",
            "docker.io/library/nginx:1.27",
            "busybox",
            "busybox:1.28",
            "busybox:1.36",
            "busybox:1.36.1",
            "registry.k8s.io/nginx-slim:0.24",
            "registry.k8s.io/nginx-slim:0.21",
            "k8s.gcr.io/nginx-slim:0.8",
            "quay.io/fluentd_elasticsearch/fluentd:v5.0.1",
            "quay.io/fluentd_elasticsearch/fluentd:v2.5.2",
            // kubernetes.io's "Perform a Rolling Update on a DaemonSet" sets this one.
            "quay.io/fluentd_elasticsearch/fluentd:v2.6.0",
            "gcr.io/google_containers/nginx-slim:0.8",
            "fluent/fluentd:v1.16-1",
            "fluent/fluent-bit:3.1",
            "postgres:16",
            "alpine:3.20",
            "registry.k8s.io/pause:3.10",
        ] {
            assert_eq!(pull(image), Ok(()), "{image}");
        }
    }

    #[test]
    fn typos_fail_as_containerd_says() {
        let Err(PullError::NotFound(m)) = pull("nginx:1.27-alpne") else { panic!() };
        assert_eq!(m, "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:1.27-alpne\": failed to resolve reference \"docker.io/library/nginx:1.27-alpne\": docker.io/library/nginx:1.27-alpne: not found");
        assert!(matches!(pull("nginx:1.277"), Err(PullError::NotFound(_))));
        assert!(matches!(pull("nginx:1.2.7"), Err(PullError::NotFound(_))));
        let Err(PullError::NotFound(m)) = pull("ngnix:1.27") else { panic!() };
        assert!(m.contains("\"docker.io/library/ngnix:1.27\": pull access denied, repository does not exist"), "{m}");
        let Err(PullError::NotFound(m)) = pull("registry.k8s.io/nginx-slim:0.99") else { panic!() };
        assert!(m.ends_with("registry.k8s.io/nginx-slim:0.99: not found"), "{m}");
        let Err(PullError::InvalidName(m)) = pull("Nginx:1.27") else { panic!() };
        assert_eq!(m, "Failed to apply default image tag \"Nginx:1.27\": couldn't parse image reference \"Nginx:1.27\": invalid reference format: repository name (library/Nginx) must be lowercase");
        assert!(matches!(pull("nginx:"), Err(PullError::InvalidName(_))));
        assert!(matches!(pull("nginx 1.27"), Err(PullError::InvalidName(_))));
    }
}
