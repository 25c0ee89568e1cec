//! The resource registry: every kind this kubectl knows, in one place: its names (plural,
//! singular, short names, `plural.group`), whether it is namespaced, how it lists, the
//! table `kubectl get` prints, and which of `describe`, `label`/`annotate`, `delete` and
//! `scale` it takes, with the function that does it. The commands look a kind up here
//! instead of matching on its name. Entries are in the order `kubectl api-resources` sorts
//! from; `get all` has its own order (`get::ALL`).

use crate::api::meta::Key;
use crate::api::model::ObjectMeta;
use crate::cluster::Cluster;
use crate::apiserver::delete::Propagation;
use crate::kubectl::describe::*;
use crate::kubectl::get::Item;
use crate::kubectl::tables;
use crate::kubectl::workloads::{self, Workload};
use crate::state::kinds::stored;

/// Which objects a listing keeps (namespace, names, `-l`).
pub(crate) type Keep<'a> = &'a dyn Fn(&ObjectMeta) -> bool;

/// A listing's header and its objects with their rows.
pub(crate) type Table = (Vec<&'static str>, Vec<Item>);

/// Deletes one object (cascade, grace period); whether it existed.
pub(crate) type Delete = fn(&mut Cluster, &Key, Propagation, Option<i64>) -> bool;

/// One kind of resource and what this kubectl does with it.
pub(crate) struct ResourceType {
    pub(crate) plural: &'static str,
    pub(crate) kind: &'static str,
    pub(crate) group: &'static str,
    /// The words that name the kind on a command line (lower case).
    pub(crate) names: &'static [&'static str],
    pub(crate) namespaced: bool,
    /// `kubectl get`: the header (`-o wide` or not) and the objects `keep` selects, each
    /// with its row, in the order the API server lists them.
    pub(crate) table: fn(&Cluster, &ResourceType, Keep, bool) -> Table,
    /// `kubectl describe`: the text of one object, where this kubectl describes the kind.
    pub(crate) describe: Option<fn(&Cluster, &Key) -> Option<String>>,
    /// Whether `kubectl label` and `annotate` change the kind's metadata here.
    pub(crate) labels: bool,
    /// `kubectl delete`, for the kinds it deletes here.
    pub(crate) delete: Option<Delete>,
    /// `kubectl scale`: sets the replicas; whether the object exists.
    pub(crate) scale: Option<fn(&mut Cluster, &Key, i32) -> bool>,
    /// What `patch`, `set image` and `rollout` do with the kind, for workloads.
    pub(crate) workload: Option<&'static Workload>,
}

impl std::fmt::Debug for ResourceType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResourceType").field("plural", &self.plural).field("kind", &self.kind).finish_non_exhaustive()
    }
}

impl ResourceType {
    /// Every stored object of the kind, as its metadata, in the order the store keeps them
    /// (events are the recorder's, not the store's).
    pub(crate) fn objects<'a>(&self, c: &'a Cluster) -> Vec<&'a ObjectMeta> {
        match stored(self.kind) {
            Some(k) => (k.metas)(&c.store),
            None => c.events().iter().map(|e| &e.metadata).collect(),
        }
    }

    /// The metadata `kubectl label` and `annotate` change, for the kinds they change here.
    pub(crate) fn meta_mut<'a>(&self, c: &'a mut Cluster, key: &Key) -> Option<&'a mut ObjectMeta> {
        stored(self.kind).filter(|_| self.labels).and_then(|k| (k.meta_mut)(&mut c.store, key))
    }
}

pub(crate) const TYPES: &[ResourceType] = &[
    ResourceType {
        plural: "pods", kind: "Pod", group: "", names: &["pod", "pods", "po"], namespaced: true,
        table: tables::pods,
        describe: Some(|c, k| c.pod(k).map(|x| describe_pod(c, x))),
        labels: true,
        delete: Some(|c, k, p, g| c.delete_object("Pod", k, p, g).is_ok()),
        scale: None,
        workload: None,
    },
    ResourceType {
        plural: "nodes", kind: "Node", group: "", names: &["node", "nodes", "no"], namespaced: false,
        table: tables::nodes,
        describe: Some(|c, k| c.node(&k.name).map(|x| describe_node(c, x))),
        labels: true,
        delete: Some(|c, k, _, _| c.remove_node(&k.name).is_ok()),
        scale: None,
        workload: None,
    },
    ResourceType {
        plural: "daemonsets", kind: "DaemonSet", group: "apps", names: &["daemonset", "daemonsets", "ds", "daemonsets.apps"], namespaced: true,
        table: tables::daemonsets,
        describe: Some(|c, k| c.daemonset(k).map(|x| describe_ds(c, x))),
        labels: true,
        delete: Some(|c, k, p, g| c.delete_object("DaemonSet", k, p, g).is_ok()),
        scale: None,
        workload: Some(&workloads::DAEMONSET),
    },
    ResourceType {
        plural: "namespaces", kind: "Namespace", group: "", names: &["namespace", "namespaces", "ns"], namespaced: false,
        table: tables::namespaces,
        describe: None,
        labels: true,
        delete: None,
        scale: None,
        workload: None,
    },
    ResourceType {
        plural: "storageclasses", kind: "StorageClass", group: "storage.k8s.io", names: &["storageclass", "storageclasses", "sc", "storageclasses.storage.k8s.io"], namespaced: false,
        table: tables::storageclasses,
        describe: None,
        labels: false,
        delete: None,
        scale: None,
        workload: None,
    },
    ResourceType {
        plural: "deployments", kind: "Deployment", group: "apps", names: &["deployment", "deployments", "deploy", "deployments.apps", "deployment.apps"], namespaced: true,
        table: tables::deployments,
        describe: Some(|c, k| c.deployment(k).map(|x| describe_deploy(c, x))),
        labels: true,
        delete: Some(|c, k, p, g| c.delete_object("Deployment", k, p, g).is_ok()),
        scale: Some(|c, k, n| c.scale_deployment(k, n)),
        workload: Some(&workloads::DEPLOYMENT),
    },
    ResourceType {
        plural: "replicasets", kind: "ReplicaSet", group: "apps", names: &["replicaset", "replicasets", "rs", "replicasets.apps", "replicaset.apps"], namespaced: true,
        table: tables::replicasets,
        describe: None,
        labels: true,
        delete: Some(|c, k, p, g| c.delete_object("ReplicaSet", k, p, g).is_ok()),
        scale: Some(|c, k, n| c.scale_replicaset(k, n)),
        workload: Some(&workloads::REPLICASET),
    },
    ResourceType {
        plural: "events", kind: "Event", group: "", names: &["event", "events", "ev"], namespaced: true,
        table: tables::events,
        describe: None,
        labels: false,
        delete: None,
        scale: None,
        workload: None,
    },
    ResourceType {
        plural: "statefulsets", kind: "StatefulSet", group: "apps", names: &["statefulset", "statefulsets", "sts", "statefulsets.apps"], namespaced: true,
        table: tables::statefulsets,
        describe: Some(|c, k| c.statefulset(k).map(|x| describe_sts(c, x))),
        labels: true,
        delete: Some(|c, k, p, g| c.delete_object("StatefulSet", k, p, g).is_ok()),
        scale: Some(|c, k, n| c.scale_statefulset(k, n)),
        workload: Some(&workloads::STATEFULSET),
    },
    ResourceType {
        plural: "services", kind: "Service", group: "", names: &["service", "services", "svc"], namespaced: true,
        table: tables::services,
        describe: Some(|c, k| c.store.services.get(k).map(|x| describe_svc(c, x))),
        labels: true,
        delete: Some(|c, k, _, _| c.delete_service(k)),
        scale: None,
        workload: None,
    },
    ResourceType {
        plural: "endpoints", kind: "Endpoints", group: "", names: &["endpoints", "ep"], namespaced: true,
        table: tables::endpoints,
        describe: None,
        labels: false,
        delete: Some(|c, k, _, _| c.store.endpoints.remove(k).is_some()),
        scale: None,
        workload: None,
    },
    ResourceType {
        plural: "persistentvolumeclaims", kind: "PersistentVolumeClaim", group: "", names: &["persistentvolumeclaim", "persistentvolumeclaims", "pvc"], namespaced: true,
        table: tables::pvcs,
        describe: Some(|c, k| c.store.pvcs.get(k).map(|x| describe_pvc(c, x))),
        labels: true,
        delete: Some(|c, k, _, _| c.delete_pvc(k)),
        scale: None,
        workload: None,
    },
    ResourceType {
        plural: "persistentvolumes", kind: "PersistentVolume", group: "", names: &["persistentvolume", "persistentvolumes", "pv"], namespaced: false,
        table: tables::pvs,
        describe: Some(|c, k| c.store.pvs.get(&k.name).map(|x| describe_pv(c, x))),
        labels: true,
        delete: Some(|c, k, _, _| c.delete_pv(&k.name)),
        scale: None,
        workload: None,
    },
    ResourceType {
        plural: "controllerrevisions", kind: "ControllerRevision", group: "apps", names: &["controllerrevision", "controllerrevisions", "controllerrevisions.apps"], namespaced: true,
        table: tables::controllerrevisions,
        describe: None,
        labels: false,
        delete: Some(|c, k, _, _| c.store.controllerrevisions.remove(k).is_some()),
        scale: None,
        workload: None,
    },
];

/// The kind a command-line word names (`pods`, `po`, `deployments.apps`, any case).
pub(crate) fn resource_type(name: &str) -> Option<&'static ResourceType> {
    let lower = name.to_lowercase();
    TYPES.iter().find(|t| t.names.contains(&lower.as_str()))
}

/// The registry entry of a kind (`Pod`, `StatefulSet`).
pub(crate) fn by_kind(kind: &str) -> Option<&'static ResourceType> {
    TYPES.iter().find(|t| t.kind == kind)
}

/// `plural.group` (`daemonsets.apps`), or the plural of the core group.
pub(crate) fn qualified_plural(t: &ResourceType) -> String {
    if t.group.is_empty() {
        t.plural.to_string()
    } else {
        format!("{}.{}", t.plural, t.group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn every_word_names_one_kind_and_every_kind_answers_to_its_plural() {
        let mut seen = BTreeMap::new();
        for t in TYPES {
            assert!(t.names.contains(&t.plural), "{} does not answer to {}", t.kind, t.plural);
            if !t.group.is_empty() {
                assert!(t.names.contains(&qualified_plural(t).as_str()), "{} does not answer to {}", t.kind, qualified_plural(t));
            }
            for n in t.names {
                assert_eq!(n.to_lowercase(), *n, "{n}: command-line names are lower case");
                assert!(seen.insert(*n, t.kind).is_none(), "{n} names two kinds");
            }
            assert_eq!(by_kind(t.kind).map(|x| x.plural), Some(t.plural));
        }
    }

    #[test]
    fn every_kind_but_events_lists_from_the_store() {
        for t in TYPES {
            assert_eq!(stored(t.kind).is_some(), t.kind != "Event", "{}", t.kind);
        }
    }

    #[test]
    fn every_kind_a_manifest_can_hold_is_registered_and_listable() {
        for (kind, _) in crate::manifest::SUPPORTED {
            assert!(by_kind(kind).is_some(), "{kind} can be applied but kubectl does not know it");
        }
        let mut c = Cluster::new(1);
        for t in TYPES {
            let o = crate::kubectl::run(&mut c, &["get".into(), t.plural.into(), "-A".into()], &BTreeMap::new(), None);
            assert_eq!(o.status, 0, "get {}: {}", t.plural, o.stderr);
            let listed = t.objects(&c).len();
            let (header, rows) = (t.table)(&c, t, &|_| true, false);
            assert_eq!(rows.len(), listed, "{}: the table lists what the store holds", t.plural);
            assert!(header.contains(&"AGE") || header.contains(&"LAST SEEN"), "{}: {header:?}", t.plural);
            let (wide, _) = (t.table)(&c, t, &|_| true, true);
            assert!(wide.starts_with(&header[..1]) && wide.len() >= header.len(), "{}: -o wide adds columns", t.plural);
        }
    }

    #[test]
    fn what_a_kind_takes_is_what_the_commands_do() {
        let mut c = Cluster::new(1);
        let files = BTreeMap::new();
        let mut run = |line: &str| crate::kubectl::run(&mut c, &line.split(' ').map(str::to_string).collect::<Vec<_>>(), &files, None);
        // No scaler, no describer: kubectl's own refusals.
        assert!(run("scale ds/x --replicas=2").stderr.contains("no scaler has been implemented for {\"apps\" \"DaemonSet\"}"));
        assert!(run("describe sc standard").stderr.contains("describing storageclasses is not supported"));
        // Kinds whose metadata can change take a label; the others say so.
        assert_eq!(run("label ns default team=a").stdout, "namespace/default labeled\n");
        assert!(run("label sc standard team=a").stderr.contains("labeling storageclasses is not supported"));
        // A selector deletes what it selects among the kinds that can be deleted.
        assert_eq!(run("delete ns -l team=a").stderr, "No resources found\n");
    }
}
