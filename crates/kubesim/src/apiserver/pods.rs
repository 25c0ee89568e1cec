//! Pods and workload objects through the API server: create (defaults, generated names,
//! uid), bind, graceful delete and final removal, the pod indexes, and what a change tells
//! the controllers' informers.

use crate::api::meta::{set_condition, Key, Object};
use crate::api::model::*;
use crate::runtime::history::HappeningKind;
use crate::runtime::queue::Work;
use crate::runtime::time::Dur;
use crate::state::Ctx;

/// `DefaultTolerationSeconds`: not-ready/unreachable NoExecute tolerations of ordinary pods.
pub const DEFAULT_TOLERATION_SECONDS: i64 = 300;

/// The `DefaultTolerationSeconds` admission plugin: pods without a toleration for the not-ready / unreachable NoExecute
/// taints get one with `tolerationSeconds: 300` (an empty key or effect counts as tolerating).
pub fn default_toleration_seconds(spec: &mut PodSpec) {
    for key in [TAINT_NOT_READY, TAINT_UNREACHABLE] {
        let has = spec
            .tolerations
            .iter()
            .any(|t| (t.key == key || t.key.is_empty()) && (t.effect == "NoExecute" || t.effect.is_empty()));
        if !has {
            spec.tolerations.push(Toleration {
                key: key.into(),
                operator: "Exists".into(),
                effect: "NoExecute".into(),
                toleration_seconds: Some(DEFAULT_TOLERATION_SECONDS),
                ..Default::default()
            });
        }
    }
}

impl Ctx {
    // ------------------------------------------------------------ pods

    /// Creates a pod object (API server side: defaults, name generation, uid).
    pub(crate) fn create_pod(&mut self, mut pod: Pod) -> Key {
        if pod.metadata.name.is_empty() && !pod.metadata.generate_name.is_empty() {
            loop {
                let name = format!("{}{}", pod.metadata.generate_name, self.rt.rng.name_suffix());
                if !self.store.pods.contains_key(&Key::new(&pod.metadata.namespace, &name)) {
                    pod.metadata.name = name;
                    break;
                }
            }
        }
        pod.api_version = "v1".into();
        pod.kind = "Pod".into();
        crate::api::defaults::pod_spec(&mut pod.spec);
        default_toleration_seconds(&mut pod.spec);
        pod.status.phase = "Pending".into();
        pod.status.qos_class = "BestEffort".into();
        self.stamp_new(&mut pod);
        let key = pod.key();
        let owner = pod.controller_ref().map(|r| (r.kind.clone(), r.name.clone())).unwrap_or_default();
        let node = pod.spec.node_name.clone();
        self.index_claims(&pod, true);
        self.store.pods.insert(key.clone(), pod);
        self.index_pod(&key, true);
        self.happen(HappeningKind::PodCreated { pod: key.clone(), owner_kind: owner.0, owner: owner.1 });
        if node.is_empty() {
            self.store.unscheduled.insert(key.clone());
            self.enqueue(Work::Schedule(key.clone()));
        } else {
            self.bind_pod(&key, &node);
        }
        key
    }

    /// Binds a pod to a node (what the scheduler's Bind does).
    pub(crate) fn bind_pod(&mut self, key: &Key, node: &str) {
        let rv = self.bump_rv();
        let now = self.rt.now.rfc3339();
        let Some(p) = self.store.pods.get_mut(key) else { return };
        p.spec.node_name = node.to_string();
        p.metadata.resource_version = rv;
        set_condition(&mut p.status.conditions, "PodScheduled", "True", &now);
        self.store.unscheduled.remove(key);
        self.store.pods_on_node.entry(node.to_string()).or_default().insert(key.clone());
        self.happen(HappeningKind::PodScheduled { pod: key.clone(), node: node.to_string() });
        if self.store.nodes.get(node).is_some_and(|n| n.spec.taints.iter().any(|t| t.effect == "NoExecute")) {
            self.enqueue(Work::TaintEviction(node.to_string()));
        }
        self.enqueue(Work::Kubelet(key.clone()));
        self.pod_changed(key);
    }

    /// Tells the owner of a pod that the pod changed.
    pub(crate) fn pod_changed(&mut self, key: &Key) {
        (self.informers.touched)(self, key);
        if let Some(p) = self.store.pods.get(key).filter(|p| p.status.phase == "Succeeded" || p.status.phase == "Failed") {
            let p = p.clone();
            (self.informers.released)(self, &p);
        }
        let owner = self.store.pods.get(key).and_then(|p| p.controller_ref().cloned());
        if let Some(r) = owner {
            self.owner_changed(&r.kind, &Key::new(&key.ns, &r.name));
        }
    }

    pub(crate) fn owner_changed(&mut self, kind: &str, owner: &Key) {
        if kind == "DaemonSet" && self.store.daemonsets.contains_key(owner) {
            self.enqueue(Work::SyncDaemonSet(owner.clone()));
        }
        if kind == "ReplicaSet" && self.store.replicasets.contains_key(owner) {
            self.enqueue(Work::SyncReplicaSet(owner.clone()));
        }
        if kind == "Deployment" && self.store.deployments.contains_key(owner) {
            self.enqueue(Work::SyncDeployment(owner.clone()));
        }
        if kind == "StatefulSet" && self.store.statefulsets.contains_key(owner) {
            // Pod events reach the controller through its informer: every change of the
            // set's pods at this instant is handled by one sync at the end of the instant.
            self.resync_later(Work::SyncStatefulSet(owner.clone()), Dur::ZERO);
        }
    }

    /// Starts a graceful deletion (what `DELETE /pods/x` does). Pods never started on a node
    /// go at once; others get a deletionTimestamp and the kubelet stops them.
    pub(crate) fn delete_pod(&mut self, key: &Key, grace: Option<i64>) -> bool {
        let Some(p) = self.store.pods.get(key) else { return false };
        if p.metadata.deletion_timestamp.is_some() {
            // Already terminating: a grace period of 0 (`--grace-period=0 --force`) removes
            // the object now, whatever its kubelet does (a pod on a failed node).
            if grace == Some(0) {
                self.remove_pod_object(key);
            }
            return true;
        }
        let bound = !p.spec.node_name.is_empty();
        let terminal = p.status.phase == "Succeeded" || p.status.phase == "Failed";
        let grace = grace.or(p.spec.termination_grace_period_seconds).unwrap_or(30);
        if !bound || terminal || grace == 0 {
            self.remove_pod_object(key);
            return true;
        }
        let rv = self.bump_rv();
        let now = self.rt.now.plus(Dur::secs(grace as u64)).rfc3339();
        let p = self.store.pods.get_mut(key).expect("checked");
        p.metadata.deletion_timestamp = Some(now);
        p.metadata.deletion_grace_period_seconds = Some(grace);
        p.metadata.resource_version = rv;
        self.happen(HappeningKind::PodTerminating { pod: key.clone() });
        self.enqueue(Work::Kubelet(key.clone()));
        self.pod_changed(key);
        true
    }

    /// Removes the pod object from the store for good.
    pub(crate) fn remove_pod_object(&mut self, key: &Key) {
        let owner = self.store.pods.get(key).and_then(|p| p.controller_ref().cloned());
        self.index_pod(key, false);
        let Some(p) = self.store.pods.remove(key) else { return };
        self.store.unscheduled.remove(key);
        self.gone_pods.push(key.clone());
        self.memory.attach_waiting.remove(key);
        (self.informers.removed)(self, &p);
        self.index_claims(&p, false);
        (self.informers.released)(self, &p);
        if let Some(set) = self.store.pods_on_node.get_mut(&p.spec.node_name) {
            set.remove(key);
        }
        self.happen(HappeningKind::PodDeleted { pod: key.clone() });
        self.dependent_removed(&p.metadata);
        self.enqueue(Work::GarbageCollect { ns: key.ns.clone(), uid: p.metadata.uid.clone() });
        if let Some(r) = owner {
            self.owner_changed(&r.kind, &Key::new(&key.ns, &r.name));
        }
    }

    /// Adds a stored pod to (or removes it from) the owner, orphan and uid indexes. Callers
    /// that change a pod's owner references remove it before and add it back after.
    pub(crate) fn index_pod(&mut self, key: &Key, add: bool) {
        let Some(p) = self.store.pods.get(key) else { return };
        let uid = p.metadata.uid.clone();
        let owners: Vec<String> = p.metadata.owner_references.iter().map(|r| r.uid.clone()).collect();
        let orphan = p.controller_ref().is_none();
        if add {
            for o in owners {
                self.store.pods_by_owner.entry(o).or_default().insert(key.clone());
            }
            if orphan {
                self.store.orphan_pods.insert(key.clone());
            }
            self.store.pod_uids.insert(uid, key.clone());
        } else {
            for o in owners {
                if let Some(set) = self.store.pods_by_owner.get_mut(&o) {
                    set.remove(key);
                    if set.is_empty() {
                        self.store.pods_by_owner.remove(&o);
                    }
                }
            }
            self.store.orphan_pods.remove(key);
            self.store.pod_uids.remove(&uid);
        }
    }


    /// Adds a pod to (or removes it from) the users of the claims its volumes name.
    pub(crate) fn index_claims(&mut self, pod: &Pod, add: bool) {
        let pk = pod.key();
        for name in crate::api::core_v1_volumes::pod_claims(&pod.spec) {
            let ck = Key::new(&pod.metadata.namespace, name);
            if add {
                self.store.claim_users.entry(ck).or_default().insert(pk.clone());
            } else if let Some(set) = self.store.claim_users.get_mut(&ck) {
                set.remove(&pk);
                if set.is_empty() {
                    self.store.claim_users.remove(&ck);
                }
            }
        }
    }

    // ------------------------------------------------------------ workloads

    pub(crate) fn put_daemonset(&mut self, ds: DaemonSet) {
        let k = ds.key();
        self.store.daemonsets.insert(k.clone(), ds);
        self.enqueue(Work::SyncDaemonSet(k));
    }

    pub(crate) fn put_deployment(&mut self, d: Deployment) {
        let k = d.key();
        self.store.deployments.insert(k.clone(), d);
        self.enqueue(Work::SyncDeployment(k));
    }

    pub(crate) fn put_replicaset(&mut self, rs: ReplicaSet) {
        let k = rs.key();
        self.store.replicasets.insert(k.clone(), rs);
        self.enqueue(Work::SyncReplicaSet(k));
    }

    /// `kubectl scale deployment`: sets `spec.replicas` (a spec change: generation + 1).
    pub fn scale_deployment(&mut self, k: &Key, replicas: i32) -> bool {
        // Not found: nothing changes, not even the resource version counter.
        if !self.store.deployments.contains_key(k) {
            return false;
        }
        let rv = self.bump_rv();
        let Some(d) = self.store.deployments.get_mut(k) else { return false };
        if d.spec.replicas != Some(replicas) {
            d.spec.replicas = Some(replicas);
            d.metadata.generation = Some(d.metadata.generation.unwrap_or(1) + 1);
            d.metadata.resource_version = rv;
        }
        self.enqueue(Work::SyncDeployment(k.clone()));
        true
    }

    /// `kubectl scale replicaset`.
    pub fn scale_replicaset(&mut self, k: &Key, replicas: i32) -> bool {
        // Not found: nothing changes, not even the resource version counter.
        if !self.store.replicasets.contains_key(k) {
            return false;
        }
        let rv = self.bump_rv();
        let Some(r) = self.store.replicasets.get_mut(k) else { return false };
        if r.spec.replicas != Some(replicas) {
            r.spec.replicas = Some(replicas);
            r.metadata.generation = Some(r.metadata.generation.unwrap_or(1) + 1);
            r.metadata.resource_version = rv;
        }
        self.enqueue(Work::SyncReplicaSet(k.clone()));
        true
    }

    /// Removes a ReplicaSet object from the store for good.
    pub(crate) fn remove_replicaset_object(&mut self, k: &Key) {
        if let Some(rs) = self.store.replicasets.remove(k) {
            self.rec.why.remove(&("ReplicaSet".to_string(), k.clone()));
            self.happen(HappeningKind::ObjectDeleted { kind: "ReplicaSet".into(), key: k.clone() });
            self.dependent_removed(&rs.metadata);
            self.enqueue(Work::GarbageCollect { ns: k.ns.clone(), uid: rs.metadata.uid.clone() });
            if let Some(r) = rs.controller_ref() {
                self.owner_changed(&r.kind, &Key::new(&k.ns, &r.name));
            }
        }
    }
}
