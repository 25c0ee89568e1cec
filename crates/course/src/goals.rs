//! Goals as predicates over kubesim's state, history and the commands the student ran.

use crate::schema::Check;
use kubesim::daemonset::{node_should_run, target_node};
use kubesim::store::Object;
use kubesim::{Cluster, Key};

/// What the student ran so far, in order (terminal lines and applied files).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Activity {
    pub commands: Vec<String>,
}

/// Whether a goal holds now.
pub fn met(check: &Check, cluster: &Cluster, activity: &Activity) -> bool {
    match check {
        Check::DaemonSetOnEveryEligibleNode { name, namespace } => {
            let Some(ds) = cluster.daemonset(&Key::new(namespace, name)) else { return false };
            let Some(t) = &ds.spec.template else { return false };
            let uid = &ds.metadata.uid;
            let mut eligible = 0;
            for node in cluster.nodes() {
                if !node_should_run(node, &t.spec).0 {
                    continue;
                }
                eligible += 1;
                let has_ready = cluster.pods_on(&node.metadata.name).any(|p| {
                    p.controller_ref().is_some_and(|r| &r.uid == uid)
                        && p.metadata.deletion_timestamp.is_none()
                        && p.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True")
                });
                if !has_ready {
                    return false;
                }
            }
            eligible > 0
        }
        Check::NoPodOfOnControlPlane { name, namespace } => {
            let Some(ds) = cluster.daemonset(&Key::new(namespace, name)) else { return false };
            let uid = &ds.metadata.uid;
            !cluster.pods().any(|p| {
                p.controller_ref().is_some_and(|r| &r.uid == uid)
                    && target_node(p)
                        .and_then(|n| cluster.node(&n))
                        .is_some_and(|n| n.metadata.labels.contains_key("node-role.kubernetes.io/control-plane"))
            })
        }
        Check::Ran { command } => {
            let want: Vec<&str> = command.split_whitespace().collect();
            activity.commands.iter().any(|c| {
                let have: Vec<&str> = c.split_whitespace().collect();
                have.len() >= want.len() && have[..want.len()] == want[..]
            })
        }
    }
}
