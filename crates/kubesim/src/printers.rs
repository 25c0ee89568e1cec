//! kubectl's table printing: the tabwriter layout (min width 6, padding 3, last column
//! unpadded) and the cell rules of `pkg/printers/internalversion/printers.go`.

use crate::cluster::Cluster;
use crate::model::*;
use crate::time::{human_duration, Time};

/// Lays out rows as kubectl's tabwriter does. The first row is the header.
pub fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let mut widths = vec![0usize; cols];
    for r in rows {
        for (i, cell) in r.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, cell) in r.iter().enumerate() {
            if i + 1 < r.len() {
                let w = (widths[i] + 3).max(6);
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', w - cell.chars().count()));
            } else {
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Lays out rows as a tabwriter that remembers its column widths across flushes
/// (`RememberWidths`, used by `kubectl get -w`): columns only ever widen.
pub fn table_remembering(rows: &[Vec<String>], widths: &mut Vec<usize>) -> String {
    let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    if widths.len() < cols {
        widths.resize(cols, 0);
    }
    for r in rows {
        for (i, cell) in r.iter().enumerate() {
            if i + 1 < r.len() {
                widths[i] = widths[i].max((cell.chars().count() + 3).max(6));
            }
        }
    }
    let mut out = String::new();
    for r in rows {
        for (i, cell) in r.iter().enumerate() {
            out.push_str(cell);
            if i + 1 < r.len() {
                out.extend(std::iter::repeat_n(' ', widths[i] - cell.chars().count()));
            }
        }
        out.push('\n');
    }
    out
}

pub fn age(c: &Cluster, meta: &ObjectMeta) -> String {
    human_duration(c.now.since(Cluster::created_at(meta)))
}

pub fn age_since(now: Time, t: Time) -> String {
    human_duration(now.since(t))
}

/// READY column of a pod: ready containers / containers.
pub fn pod_ready(p: &Pod) -> String {
    let total = p.spec.containers.len();
    let ready = p.status.container_statuses.iter().filter(|c| c.ready && c.state.running.is_some()).count();
    format!("{ready}/{total}")
}

/// STATUS column of a pod (`printPod`, current version).
pub fn pod_status(p: &Pod) -> String {
    let mut reason = if p.status.reason.is_empty() { p.status.phase.clone() } else { p.status.reason.clone() };
    let mut has_running = false;
    for cs in p.status.container_statuses.iter().rev() {
        if let Some(w) = cs.state.waiting.as_ref().filter(|w| !w.reason.is_empty()) {
            reason = w.reason.clone();
        } else if let Some(t) = &cs.state.terminated {
            if !t.reason.is_empty() {
                reason = t.reason.clone();
            } else {
                reason = format!("ExitCode:{}", t.exit_code.unwrap_or(0));
            }
        } else if cs.ready && cs.state.running.is_some() {
            has_running = true;
        }
    }
    if reason == "Completed" && has_running {
        let ready = p.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True");
        reason = if ready { "Running".into() } else { "NotReady".into() };
    }
    if p.metadata.deletion_timestamp.is_some() {
        if p.status.reason == "NodeLost" {
            return "Unknown".into();
        }
        if p.status.phase != "Succeeded" && p.status.phase != "Failed" {
            return "Terminating".into();
        }
    }
    reason
}

pub fn pod_restarts(p: &Pod) -> String {
    p.status.container_statuses.iter().map(|c| c.restart_count).sum::<i32>().to_string()
}

/// RESTARTS with the age of the last termination, `3 (45s ago)`, as current printers show it.
pub fn pod_restarts_at(p: &Pod, now: Time) -> String {
    let n: i32 = p.status.container_statuses.iter().map(|c| c.restart_count).sum();
    let last = p
        .status
        .container_statuses
        .iter()
        .filter_map(|c| c.last_state.terminated.as_ref().and_then(|t| t.finished_at.as_deref()))
        .filter_map(crate::cluster::parse_rfc3339)
        .max();
    match last {
        Some(t) if n > 0 => format!("{n} ({} ago)", human_duration(now.since(t))),
        _ => n.to_string(),
    }
}

/// ROLES column of a node.
pub fn node_roles(n: &Node) -> String {
    let mut roles: Vec<String> = n
        .metadata
        .labels
        .iter()
        .filter_map(|(k, v)| {
            if let Some(r) = k.strip_prefix("node-role.kubernetes.io/") {
                (!r.is_empty()).then(|| r.to_string())
            } else if k == "kubernetes.io/role" {
                (!v.is_empty()).then(|| v.clone())
            } else {
                None
            }
        })
        .collect();
    roles.sort();
    if roles.is_empty() {
        "<none>".into()
    } else {
        roles.join(",")
    }
}

/// STATUS column of a node.
pub fn node_status(n: &Node) -> String {
    let mut s = match n.status.conditions.iter().find(|c| c.type_ == "Ready") {
        Some(c) if c.status == "True" => "Ready".to_string(),
        Some(_) => "NotReady".to_string(),
        None => "Unknown".to_string(),
    };
    if n.spec.unschedulable {
        s.push_str(",SchedulingDisabled");
    }
    s
}

pub fn labels_string(l: &Labels) -> String {
    if l.is_empty() {
        return "<none>".into();
    }
    l.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabwriter_layout() {
        let rows = vec![
            vec!["NAME".into(), "READY".into(), "STATUS".into(), "RESTARTS".into(), "AGE".into()],
            vec!["web-0".into(), "1/1".into(), "Running".into(), "0".into(), "5s".into()],
        ];
        assert_eq!(
            table(&rows),
            "NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1/1     Running   0          5s\n"
        );
    }
}
