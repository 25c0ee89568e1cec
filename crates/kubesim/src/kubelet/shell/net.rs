//! `wget` (busybox's) and `curl` over the host's HTTP: what they print on the way
//! (`Connecting to …`), where the body goes, and their errors and exit codes.

use super::builtins::Call;
use super::opts::opts;
use super::host::{FileKind, HttpResponse, NetError, Url};
use super::interp::Res;
use super::MAX_FILE;

/// How long a connection to an address that never answers waits before the kernel gives
/// up (the SYN retries of a Linux client), in milliseconds.
const KERNEL_CONNECT_TIMEOUT_MS: u64 = 130_000;

#[derive(Debug, PartialEq, Eq)]
pub(super) enum UrlError {
    /// `https://`: this cluster serves plain HTTP.
    Tls,
    /// Another scheme (`ftp://`).
    Scheme(String),
    BadPort(String),
    NoHost,
}

/// `[http://]host[:port][/path]`; the fragment is dropped, the query kept in the path.
pub(super) fn parse_url(s: &str) -> Result<Url, UrlError> {
    let rest = match s.split_once("://") {
        Some((scheme, rest)) => match scheme.to_ascii_lowercase().as_str() {
            "http" => rest,
            "https" => return Err(UrlError::Tls),
            other => return Err(UrlError::Scheme(other.to_string())),
        },
        None => s,
    };
    let rest = rest.split('#').next().unwrap_or("");
    let split = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(split);
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => match p.parse::<u16>() {
            Ok(n) if n > 0 => (h, n),
            _ if p.is_empty() => (h, 80),
            _ => return Err(UrlError::BadPort(p.to_string())),
        },
        None => (authority, 80),
    };
    if host.is_empty() {
        return Err(UrlError::NoHost);
    }
    let path = if path.starts_with('/') { path.to_string() } else { format!("/{path}") };
    Ok(Url { host: host.to_string(), port, path })
}

/// Busybox's progress line, drawn once at 100%.
fn progress(name: &str, size: usize) -> String {
    let shown = if size < 100_000 { size.to_string() } else { format!("{}k", size / 1024) };
    format!("{name:<20.20} 100% |{}| {shown:>5}  0:00:00 ETA\n", "*".repeat(32))
}

/// Writes a downloaded body to a file, within the size limit.
fn save(c: &mut Call, name: &str, body: &str, exclusive: bool) -> Result<(), super::host::FsError> {
    let p = c.abs(name);
    if exclusive && c.ctx.host.kind(&p).is_some() {
        return Err(super::host::FsError::Exists);
    }
    if c.ctx.host.kind(&p) == Some(FileKind::Dir) {
        return Err(super::host::FsError::IsADirectory);
    }
    if body.len() > MAX_FILE {
        return Err(super::host::FsError::TooLarge);
    }
    c.ctx.host.write(&p, body, false)
}

pub(super) fn wget(c: &mut Call) -> Res {
    if !c.busybox() {
        c.fail("this simulated shell runs busybox's wget only (try curl)");
        return Ok(127);
    }
    let long = [("quiet", 'q'), ("output-document", 'O'), ("server-response", 'S'), ("timeout", 'T'), ("tries", 't'), ("spider", 'p'), ("user-agent", 'U'), ("header", 'H')];
    let o = match opts(c, "qSp", "OTtUHY", &long, 1) {
        Ok(o) => o,
        Err(s) => return Ok(s),
    };
    if o.operands.is_empty() {
        c.err.push("Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR] [--post-data STR | --post-file FILE] [-Y on/off] [-P DIR] [-U AGENT] [-T SEC] URL...\n");
        return Ok(1);
    }
    let quiet = o.has('q');
    let timeout_ms = o.value('T').and_then(|t| t.parse::<u64>().ok()).map(|s| s.saturating_mul(1000));
    let mut status = 0;
    for arg in &o.operands {
        let url = match parse_url(arg) {
            Ok(u) => u,
            Err(UrlError::Tls) => {
                c.fail("this simulated cluster serves plain http only (no TLS)");
                return Ok(1);
            }
            Err(UrlError::Scheme(_)) => {
                c.fail(&format!("not an http or ftp url: {arg}"));
                return Ok(1);
            }
            Err(UrlError::BadPort(_) | UrlError::NoHost) => {
                c.fail(&format!("bad address '{arg}'"));
                return Ok(1);
            }
        };
        let shown_host = if arg.contains(&format!("{}:{}", url.host, url.port)) { format!("{}:{}", url.host, url.port) } else { url.host.clone() };
        let Some(ip) = c.ctx.host.resolve(&url.host) else {
            c.fail(&format!("bad address '{}'", url.host));
            return Ok(1);
        };
        if !quiet {
            c.err.push(&format!("Connecting to {shown_host} ({ip}:{})\n", url.port));
        }
        let resp = match c.ctx.host.http_get(&url) {
            Ok(r) => r,
            Err(NetError::NoSuchHost) => {
                c.fail(&format!("bad address '{}'", url.host));
                return Ok(1);
            }
            Err(NetError::Refused { ip }) => {
                c.fail(&format!("can't connect to remote host ({ip}): Connection refused"));
                return Ok(1);
            }
            Err(NetError::Timeout { ip }) => {
                match timeout_ms {
                    Some(ms) => {
                        c.ctx.host.sleep(ms);
                        c.fail("download timed out");
                    }
                    None => {
                        c.ctx.host.sleep(KERNEL_CONNECT_TIMEOUT_MS);
                        c.fail(&format!("can't connect to remote host ({ip}): Connection timed out"));
                    }
                }
                return Ok(1);
            }
        };
        if o.has('S') {
            c.err.push(&format!("  HTTP/1.1 {} {}\n  Content-Length: {}\n", resp.status, resp.reason, resp.body.len()));
        }
        if !(200..300).contains(&resp.status) {
            c.fail(&format!("server returned error: HTTP/1.1 {} {}", resp.status, resp.reason));
            return Ok(1);
        }
        if o.has('p') {
            if !quiet {
                c.err.push("remote file exists\n");
            }
            continue;
        }
        let target = o.value('O').map(str::to_string);
        match target.as_deref() {
            Some("-") => {
                if !quiet {
                    c.err.push("writing to stdout\n");
                }
                c.print(&resp.body);
                if !quiet {
                    c.err.push(&progress("-", resp.body.len()));
                    c.err.push("written to stdout\n");
                }
            }
            _ => {
                let name = target.clone().unwrap_or_else(|| {
                    let last = url.path.split('?').next().unwrap_or("").rsplit('/').next().unwrap_or("");
                    if last.is_empty() { "index.html".into() } else { last.to_string() }
                });
                if !quiet {
                    c.err.push(&format!("saving to '{name}'\n"));
                }
                if let Err(e) = save(c, &name, &resp.body, target.is_none()) {
                    c.fail(&format!("can't open '{name}': {}", e.text()));
                    status = 1;
                    continue;
                }
                if !quiet {
                    c.err.push(&progress(&name, resp.body.len()));
                    c.err.push(&format!("'{name}' saved\n"));
                }
            }
        }
    }
    Ok(status)
}

/// `-m 2.5` in milliseconds.
fn seconds_ms(s: &str) -> Option<u64> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) || (int.is_empty() && frac.is_empty()) {
        return None;
    }
    let whole: u64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let ms: u64 = frac.chars().chain("000".chars()).take(3).collect::<String>().parse().ok()?;
    Some(whole.saturating_mul(1000).saturating_add(ms))
}

/// `-w FORMAT`: `%{http_code}` and friends, `\n`.
fn write_out(format: &str, resp: &HttpResponse, url: &str) -> String {
    let mut s = format.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
    for (k, v) in [("http_code", format!("{:03}", resp.status)), ("response_code", format!("{:03}", resp.status)), ("size_download", resp.body.len().to_string()), ("url_effective", url.to_string())] {
        s = s.replace(&format!("%{{{k}}}"), &v);
    }
    s
}

pub(super) fn curl(c: &mut Call) -> Res {
    let long = [
        ("silent", 's'),
        ("show-error", 'S'),
        ("output", 'o'),
        ("remote-name", 'O'),
        ("head", 'I'),
        ("include", 'i'),
        ("fail", 'f'),
        ("location", 'L'),
        ("verbose", 'v'),
        ("max-time", 'm'),
        ("connect-timeout", 'T'),
        ("write-out", 'w'),
        ("header", 'H'),
        ("request", 'X'),
        ("insecure", 'k'),
        ("user-agent", 'A'),
        ("data", 'd'),
    ];
    let o = match opts(c, "sSOIifLvk", "omTwHXAd", &long, 2) {
        Ok(o) => o,
        Err(s) => return Ok(s),
    };
    let silent = o.has('s') && !o.has('S');
    let say = |c: &mut Call, code: i32, msg: &str| {
        if !silent {
            c.err.push(&format!("curl: ({code}) {msg}\n"));
        }
        Ok(code)
    };
    if o.has('d') {
        c.fail("this simulated shell sends GET requests only (no -d)");
        return Ok(2);
    }
    if let Some(m) = o.value('X').filter(|m| !m.eq_ignore_ascii_case("GET") && !m.eq_ignore_ascii_case("HEAD")) {
        let msg = format!("this simulated shell sends GET requests only (not {m})");
        c.fail(&msg);
        return Ok(2);
    }
    if o.operands.is_empty() {
        c.err.push("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
        return Ok(2);
    }
    let timeout = o.value('m').or(o.value('T')).map(|v| seconds_ms(v).unwrap_or(0));
    let mut status = 0;
    for arg in &o.operands {
        let url = match parse_url(arg) {
            Ok(u) => u,
            Err(UrlError::Tls) => return say(c, 35, "this simulated cluster serves plain http only (no TLS)"),
            Err(UrlError::Scheme(s)) => return say(c, 1, &format!("Protocol \"{s}\" not supported")),
            Err(UrlError::BadPort(_)) => return say(c, 3, "URL rejected: Port number was not a decimal number between 0 and 65535"),
            Err(UrlError::NoHost) => return say(c, 3, "URL rejected: No host part in the URL"),
        };
        let Some(ip) = c.ctx.host.resolve(&url.host) else {
            return say(c, 6, &format!("Could not resolve host: {}", url.host));
        };
        if o.has('v') {
            c.err.push(&format!("*   Trying {ip}:{}...\n", url.port));
        }
        let resp = match c.ctx.host.http_get(&url) {
            Ok(r) => r,
            Err(NetError::NoSuchHost) => return say(c, 6, &format!("Could not resolve host: {}", url.host)),
            Err(NetError::Refused { .. }) => return say(c, 7, &format!("Failed to connect to {} port {} after 0 ms: Couldn't connect to server", url.host, url.port)),
            Err(NetError::Timeout { .. }) => {
                let ms = timeout.unwrap_or(KERNEL_CONNECT_TIMEOUT_MS);
                c.ctx.host.sleep(ms);
                return say(c, 28, &format!("Connection timed out after {ms} milliseconds"));
            }
        };
        let head_only = o.has('I');
        let method = if head_only { "HEAD" } else { "GET" };
        let headers = format!("HTTP/1.1 {} {}\r\nContent-Length: {}\r\n\r\n", resp.status, resp.reason, resp.body.len());
        if o.has('v') {
            c.err.push(&format!(
                "* Connected to {} ({ip}) port {}\n> {method} {} HTTP/1.1\n> Host: {}\n> User-Agent: curl/8.5.0\n> Accept: */*\n>\n< HTTP/1.1 {} {}\n< Content-Length: {}\n<\n",
                url.host,
                url.port,
                url.path,
                url.host,
                resp.status,
                resp.reason,
                resp.body.len()
            ));
        }
        if o.has('f') && resp.status >= 400 {
            return say(c, 22, &format!("The requested URL returned error: {}", resp.status));
        }
        let mut data = String::new();
        if head_only || o.has('i') {
            data.push_str(&headers);
        }
        if !head_only {
            data.push_str(&resp.body);
        }
        let dest = match (o.value('o'), o.has('O')) {
            (Some(f), _) => Some(f.to_string()),
            (None, true) => {
                let last = url.path.split('?').next().unwrap_or("").rsplit('/').next().unwrap_or("").to_string();
                if last.is_empty() {
                    if !silent {
                        c.err.push("curl: Remote file name has no length!\n");
                    }
                    return Ok(23);
                }
                Some(last)
            }
            (None, false) => None,
        };
        match dest.as_deref() {
            None | Some("-") | Some("/dev/stdout") => c.print(&data),
            Some("/dev/null") => {}
            Some(f) => {
                if let Err(e) = save(c, f, &data, false) {
                    if !silent {
                        c.err.push(&format!("Warning: Failed to open the file {f}: {}\n", e.text()));
                    }
                    status = say(c, 23, "Failure writing output to destination")?;
                    continue;
                }
            }
        }
        if let Some(w) = o.value('w') {
            let s = write_out(w, &resp, arg);
            c.print(&s);
        }
        if o.has('v') {
            c.err.push(&format!("* Connection #0 to host {} left intact\n", url.host));
        }
    }
    Ok(status)
}
