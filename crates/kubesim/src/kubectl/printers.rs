//! kubectl's table printing: the tabwriter layout (min width 6, padding 3, last column
//! unpadded) and the cell rules of `pkg/printers/internalversion/printers.go`.

use crate::cluster::Cluster;
use crate::api::model::*;
use crate::runtime::time::{human_duration, Time};

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

/// Go's `text/tabwriter` with padding character ' ' and no flags: cells end at '\t', a
/// column block is a run of consecutive lines that have a cell in that column, and each
/// block's cells are padded to the widest one plus `padding` (at least `minwidth`).
/// `kubectl describe` writes through `tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)`.
pub fn tabwrite(text: &str, minwidth: usize, padding: usize) -> String {
    let mut lines: Vec<Vec<String>> = text.split('\n').map(|l| l.split('\t').map(str::to_string).collect()).collect();
    // A trailing newline leaves an empty last line, which Go does not print.
    let trailing = text.ends_with('\n');
    if trailing {
        lines.pop();
    }
    let mut out = String::new();
    let mut widths: Vec<usize> = Vec::new();
    tab_format(&lines, 0, lines.len(), &mut widths, minwidth, padding, &mut out);
    if !trailing && out.ends_with('\n') {
        out.pop();
    }
    out
}

fn tab_format(lines: &[Vec<String>], line0: usize, line1: usize, widths: &mut Vec<usize>, minwidth: usize, padding: usize, out: &mut String) {
    let column = widths.len();
    let mut line0 = line0;
    let mut this = line0;
    while this < line1 {
        if column + 1 >= lines[this].len() {
            this += 1;
            continue;
        }
        tab_write_lines(lines, line0, this, widths, out);
        line0 = this;
        let mut width = minwidth;
        let mut discardable = true;
        while this < line1 && column + 1 < lines[this].len() {
            let w = lines[this][column].chars().count();
            if w + padding > width {
                width = w + padding;
            }
            if w > 0 {
                discardable = false;
            }
            this += 1;
        }
        let _ = discardable;
        widths.push(width);
        tab_format(lines, line0, this, widths, minwidth, padding, out);
        widths.pop();
        line0 = this;
    }
    tab_write_lines(lines, line0, line1, widths, out);
}

fn tab_write_lines(lines: &[Vec<String>], line0: usize, line1: usize, widths: &[usize], out: &mut String) {
    for line in &lines[line0..line1] {
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if j + 1 < line.len() && j < widths.len() {
                out.extend(std::iter::repeat_n(' ', widths[j].saturating_sub(cell.chars().count())));
            }
        }
        out.push('\n');
    }
}

/// RFC 1123 with numeric zone, as describe prints times: `Thu, 01 Jan 2026 00:00:01 +0000`.
pub fn rfc1123z(t: Time) -> String {
    let secs = crate::runtime::time::EPOCH_UNIX_SECONDS + t.secs();
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    const WD: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MO: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!(
        "{}, {d:02} {} {y} {:02}:{:02}:{:02} +0000",
        WD[days.rem_euclid(7) as usize],
        MO[(m - 1) as usize],
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

pub fn age(c: &Cluster, meta: &ObjectMeta) -> String {
    human_duration(c.rt.now.since(Cluster::created_at(meta)))
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
    crate::runtime::sort::natural(&mut roles);
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
    fn go_tabwriter_blocks() {
        let text = "Name:\tweb-0\nIPs:\n  IP:\t10.244.1.2\nControlled By:\tStatefulSet/web\n";
        assert_eq!(
            tabwrite(text, 0, 2),
            "Name:  web-0\nIPs:\n  IP:           10.244.1.2\nControlled By:  StatefulSet/web\n"
        );
        assert_eq!(rfc1123z(Time::from_secs(1)), "Thu, 01 Jan 2026 00:00:01 +0000");
    }

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
