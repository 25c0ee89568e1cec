//! What `kubectl logs` reads: a container's output since it started, as its program wrote
//! it. A server prints what its image prints on start (the official nginx image's
//! entrypoint and nginx's notices; nginx-slim prints nothing) and then a line per request
//! it answered (stored as requests come, `kubelet/exec.rs`).

use crate::api::model::*;
use crate::kubelet::image_files::{nginx_version, profile, Server};
use crate::runtime::time::parse_rfc3339;
use crate::state::State;

/// What the official nginx image prints as it starts, at `at` (`yyyy/mm/dd HH:MM:SS`).
fn nginx_start(image: &str, at: &str) -> String {
    let version = nginx_version(image);
    let mut s = String::from(
        "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration
/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/
/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh
10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf
10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf
/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh
/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh
/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh
/docker-entrypoint.sh: Configuration complete; ready for start up
",
    );
    for n in [
        "using the \"epoll\" event method".to_string(),
        format!("nginx/{version}"),
        "built by gcc 12.2.0 (Debian 12.2.0-14)".to_string(),
        "OS: Linux 6.8.0".to_string(),
        "getrlimit(RLIMIT_NOFILE): 1048576:1048576".to_string(),
        "start worker processes".to_string(),
        "start worker process 29".to_string(),
        "start worker process 30".to_string(),
    ] {
        s.push_str(&format!("{at} [notice] 1#1: {n}\n"));
    }
    s
}

/// `2026-01-01T00:00:05Z` as nginx's error log writes times.
fn error_log_time(rfc: &str) -> String {
    let t = parse_rfc3339(rfc).map(|t| t.rfc3339()).unwrap_or_else(|| rfc.to_string());
    t.trim_end_matches('Z').replacen('-', "/", 2).replace('T', " ")
}

/// The log of the current run of `container` in `pod`: what its program printed so far.
pub fn container_log(c: &State, pod: &Pod, container: &Container) -> String {
    let Some(st) = pod.status.container_statuses.iter().find(|s| s.name == container.name) else { return String::new() };
    let Some(started) = st.state.running.as_ref().or(st.state.terminated.as_ref()).and_then(|r| r.started_at.clone()) else { return String::new() };
    let mut out = String::new();
    let own_command = container.command.is_empty() && container.args.is_empty();
    if own_command && matches!(profile(&container.image).server, Some(Server::Nginx { combined_xff: true, .. })) {
        out.push_str(&nginx_start(&container.image, &error_log_time(&started)));
    }
    if let Some(l) = c.agents.disks.logs.get(&format!("{}/{}", pod.metadata.uid, container.name)) {
        out.push_str(l);
    }
    out
}
