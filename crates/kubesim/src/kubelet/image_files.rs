//! What is inside each image of the catalogue (`kubelet/images.rs`): which userland its
//! commands come from, which programs are in its `$PATH`, the files a student looks at, and
//! the server it runs, if any. Only images that pull get here.
//!
//! Choices, from the images' own build files:
//! - `nginx` (the official image, Debian): GNU coreutils, `dash` as `/bin/sh`, `bash`, and
//!   `curl` (its Dockerfile installs it); no `wget`, `ps`, `ping` or `nslookup`.
//! - `registry.k8s.io/nginx-slim` (ingress-nginx's `images/nginx-slim`, on ubuntu-slim): the
//!   build keeps `bash` and `curl` (the StatefulSet tutorial runs `curl` in it), no `wget`.
//! - `busybox` and `alpine`: busybox applets (`wget`, `nslookup`, `hostname`…), no `curl`.
//! - `pause` has no shell and no programs at all.

use crate::kubelet::shell::host::Userland;

/// A server an image runs on its own command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Server {
    /// nginx serving `root` on port 80; `version` in its pages; `combined_xff` when its
    /// access log adds `"$http_x_forwarded_for"` (the official image's nginx.conf).
    Nginx { root: &'static str, combined_xff: bool },
    /// Apache httpd serving `/usr/local/apache2/htdocs` on port 80.
    Httpd,
}

/// An image's insides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub userland: Option<Userland>,
    pub programs: &'static [&'static str],
    /// Programs the image adds to its userland's.
    pub extra: &'static [&'static str],
    /// Files, by absolute path (their directories exist too).
    pub files: &'static [(&'static str, &'static str)],
    /// Directories that exist though no listed file is in them.
    pub dirs: &'static [&'static str],
    pub server: Option<Server>,
    /// The `User-Agent` its HTTP client sends (`curl/7.88.1`, `Wget`).
    pub agent: &'static str,
}

const BUSYBOX_PROGRAMS: &[&str] = &[
    "sh", "ash", "cat", "ls", "echo", "mkdir", "rm", "touch", "hostname", "env", "date", "sleep", "nslookup", "wget", "grep", "wc",
    "head", "tail", "true", "false", "pwd", "printf", "test", "[", "cp", "mv", "ps", "ping", "vi", "id", "whoami", "uname", "df",
    "du", "find", "sed", "awk", "sort", "uniq", "tee", "chmod", "ln", "nc", "telnet", "top", "free", "kill", "which", "seq", "xargs", "tar",
];

/// What every Debian-based image has (`coreutils`, `dash`, `bash`, `grep`, `hostname`).
const DEBIAN_PROGRAMS: &[&str] = &[
    "sh", "dash", "bash", "cat", "ls", "echo", "mkdir", "rm", "touch", "hostname", "env", "date", "sleep", "grep", "wc", "head",
    "tail", "true", "false", "pwd", "printf", "test", "[", "cp", "mv", "id", "whoami", "uname", "df", "du", "find", "sed", "sort",
    "uniq", "tee", "chmod", "ln", "kill", "seq", "xargs", "tar",
];

/// What the nginx images add to a Debian userland.
const NGINX_EXTRA: &[&str] = &["curl", "nginx"];

const NGINX_DIRS: &[&str] = &["/etc/nginx/conf.d", "/var/log/nginx", "/var/cache/nginx", "/docker-entrypoint.d", "/tmp", "/root", "/home", "/usr/bin", "/bin"];
const BUSYBOX_DIRS: &[&str] = &["/tmp", "/root", "/home", "/bin", "/usr", "/var", "/dev"];
const DEBIAN_DIRS: &[&str] = &["/tmp", "/root", "/home", "/bin", "/usr/bin", "/var/log"];

/// The welcome page nginx ships in `html/index.html` (nginx 1.25 and later).
pub const NGINX_INDEX: &str = "<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href=\"http://nginx.org/\">nginx.org</a>.<br/>
Commercial support is available at
<a href=\"http://nginx.com/\">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
";

const NGINX_50X: &str = "<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
";

const NGINX_DEFAULT_CONF: &str = "server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
";

/// The image's name without registry, path or tag (`nginx-slim`, `busybox`).
fn base_name(image: &str) -> &str {
    let name = image.split('@').next().unwrap_or(image);
    let last = name.rsplit('/').next().unwrap_or(name);
    last.split(':').next().unwrap_or(last)
}

/// The tag of a reference, if it has one.
pub fn tag(image: &str) -> Option<&str> {
    let name = image.split('@').next().unwrap_or(image);
    let last = name.rsplit('/').next().unwrap_or(name);
    last.split_once(':').map(|(_, t)| t)
}

/// The nginx version an image's pages and headers name.
pub fn nginx_version(image: &str) -> String {
    match (base_name(image), tag(image)) {
        ("nginx-slim", Some(t)) => match t {
            "0.7" | "0.8" => "1.9.12".into(),
            _ => "1.11.12".into(),
        },
        (_, Some(t)) if t.chars().next().is_some_and(|c| c.is_ascii_digit()) => {
            let v: Vec<&str> = t.split(['-', '.']).take_while(|p| p.chars().all(|c| c.is_ascii_digit())).take(3).collect();
            match v.len() {
                3 => v.join("."),
                2 => format!("{}.{}.{}", v[0], v[1], if v[1].parse::<u32>().is_ok_and(|m| m % 2 == 1) { 5 } else { 0 }),
                _ => "1.29.3".into(),
            }
        }
        _ => "1.29.3".into(),
    }
}

impl Profile {
    /// Whether `name` is in the image's `$PATH`.
    pub fn has(&self, name: &str) -> bool {
        self.programs.contains(&name) || self.extra.contains(&name)
    }
}

/// What is inside `image`.
pub fn profile(image: &str) -> Profile {
    match base_name(image) {
        "nginx" => Profile {
            userland: Some(Userland::Debian),
            programs: DEBIAN_PROGRAMS,
            extra: NGINX_EXTRA,
            files: &[
                ("/usr/share/nginx/html/index.html", NGINX_INDEX),
                ("/usr/share/nginx/html/50x.html", NGINX_50X),
                ("/etc/nginx/conf.d/default.conf", NGINX_DEFAULT_CONF),
                ("/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian\n"),
            ],
            dirs: NGINX_DIRS,
            server: Some(Server::Nginx { root: "/usr/share/nginx/html", combined_xff: true }),
            agent: "curl/7.88.1",
        },
        "nginx-slim" => Profile {
            userland: Some(Userland::Debian),
            programs: DEBIAN_PROGRAMS,
            extra: NGINX_EXTRA,
            files: &[("/usr/share/nginx/html/index.html", NGINX_INDEX), ("/usr/share/nginx/html/50x.html", NGINX_50X)],
            dirs: &["/etc/nginx", "/var/log/nginx", "/var/lib/nginx/body", "/tmp", "/root", "/bin", "/usr/bin"],
            server: Some(Server::Nginx { root: "/usr/share/nginx/html", combined_xff: false }),
            agent: "curl/7.47.0",
        },
        "httpd" => Profile {
            userland: Some(Userland::Debian),
            programs: DEBIAN_PROGRAMS,
            extra: &[],
            files: &[("/usr/local/apache2/htdocs/index.html", "<html><body><h1>It works!</h1></body></html>\n")],
            dirs: DEBIAN_DIRS,
            server: Some(Server::Httpd),
            agent: "",
        },
        "busybox" | "alpine" => Profile {
            userland: Some(Userland::Busybox),
            programs: BUSYBOX_PROGRAMS,
            extra: &[],
            files: if base_name(image) == "alpine" {
                &[("/etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nPRETTY_NAME=\"Alpine Linux v3.22\"\n")]
            } else {
                &[]
            },
            dirs: BUSYBOX_DIRS,
            server: None,
            agent: "Wget",
        },
        "pause" => Profile { userland: None, programs: &[], extra: &[], files: &[], dirs: &[], server: None, agent: "" },
        _ => Profile { userland: Some(Userland::Debian), programs: DEBIAN_PROGRAMS, extra: &[], files: &[], dirs: DEBIAN_DIRS, server: None, agent: "" },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_have_what_their_builds_put_in_them() {
        assert!(profile("nginx:1.27").has("curl"));
        assert!(!profile("nginx:1.27").has("wget"));
        assert!(profile("registry.k8s.io/nginx-slim:0.24").has("curl"));
        assert!(!profile("busybox:1.28").has("curl"));
        assert!(profile("busybox:1.28").has("nslookup"));
        assert_eq!(profile("registry.k8s.io/pause:3.10").userland, None);
        assert_eq!(nginx_version("nginx:1.27.5"), "1.27.5");
        assert_eq!(nginx_version("nginx:1.27"), "1.27.5");
        assert_eq!(nginx_version("nginx:1.28-alpine"), "1.28.0");
        assert_eq!(nginx_version("registry.k8s.io/nginx-slim:0.8"), "1.9.12");
    }
}
