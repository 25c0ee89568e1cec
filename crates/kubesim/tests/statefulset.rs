//! StatefulSet, storage and DNS behaviour against the acceptance checklist (section 12 of
//! the specification): items 1–3, 6–14 and 19–22, plus scheduler/storage/DNS details.

use kubesim::kubectl::{self, shell_words, Output};
use kubesim::model::*;
use kubesim::{Cluster, Dur, Key};
use std::collections::BTreeMap;

fn kubectl(c: &mut Cluster, line: &str) -> Output {
    let words = shell_words(line).unwrap();
    kubectl::run(c, &words, &BTreeMap::new(), None)
}

const SVC: &str = "apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
";

/// The tutorial's `web` StatefulSet; `extra` is spliced into its spec, `image` into the template.
fn web(replicas: i32, extra: &str, image: &str) -> String {
    format!(
        "apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: {replicas}
{extra}  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: {image}
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ \"ReadWriteOnce\" ]
      resources:
        requests:
          storage: 1Gi
"
    )
}

const IMG: &str = "registry.k8s.io/nginx-slim:0.24";
const IMG2: &str = "registry.k8s.io/nginx-slim:0.21";

fn apply(c: &mut Cluster, yaml: &str) {
    c.apply_text(yaml).unwrap_or_else(|e| panic!("{}", e.api_message("test.yaml")));
}

fn pod(c: &Cluster, name: &str) -> Option<Pod> {
    c.pod(&Key::new("default", name)).cloned()
}

fn running_ready(p: &Pod) -> bool {
    p.status.phase == "Running" && p.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True")
}

fn names(c: &Cluster) -> Vec<String> {
    c.pods().filter(|p| p.metadata.namespace == "default").map(|p| p.metadata.name.clone()).collect()
}

fn sts(c: &Cluster) -> StatefulSet {
    c.statefulset(&Key::new("default", "web")).cloned().expect("web exists")
}

fn all_ready(c: &Cluster, n: usize) -> bool {
    c.pods().filter(|p| running_ready(p) && p.metadata.deletion_timestamp.is_none()).count() == n
}

/// A cluster with the service and `web` applied and every replica Running and Ready.
fn started(replicas: i32, extra: &str) -> Cluster {
    let mut c = Cluster::new(1);
    apply(&mut c, SVC);
    apply(&mut c, &web(replicas, extra, IMG));
    c.advance(Dur::secs(120));
    assert!(all_ready(&c, replicas as usize), "{:?}", names(&c));
    c
}

fn event_messages(c: &Cluster, object: &str) -> Vec<String> {
    c.events().iter().filter(|e| e.involved_object.name == object).map(|e| e.message.clone()).collect()
}

fn revision_of(p: &Pod) -> String {
    p.metadata.labels.get("controller-revision-hash").cloned().unwrap_or_default()
}

// ------------------------------------------------------------------ naming / identity

#[test]
fn item1_names_are_ordinals() {
    let c = started(3, "");
    assert_eq!(names(&c), vec!["web-0", "web-1", "web-2"]);
    let c = started(3, "  ordinals:\n    start: 5\n");
    assert_eq!(names(&c), vec!["web-5", "web-6", "web-7"]);
    let claims: Vec<String> = c.pvcs().map(|p| p.metadata.name.clone()).collect();
    assert_eq!(claims, vec!["www-web-5", "www-web-6", "www-web-7"]);
}

#[test]
fn item2_identity_labels_and_hostname() {
    let c = started(2, "");
    let s = sts(&c);
    for (i, name) in ["web-0", "web-1"].iter().enumerate() {
        let p = pod(&c, name).unwrap();
        let l = &p.metadata.labels;
        assert_eq!(l.get("statefulset.kubernetes.io/pod-name").unwrap(), name);
        assert_eq!(l.get("apps.kubernetes.io/pod-index").unwrap(), &i.to_string());
        let rev = l.get("controller-revision-hash").unwrap();
        let hash = rev.strip_prefix("web-").expect("web-<hash>");
        assert!(!hash.is_empty() && hash.len() <= 10 && hash.chars().all(|c| "456789bcdf".contains(c)), "{rev}");
        assert_eq!(rev, &s.status.update_revision);
        assert_eq!(p.spec.hostname, *name);
        assert_eq!(p.spec.subdomain, "nginx");
        let claim = p.spec.volumes.iter().find(|v| v.name == "www").unwrap().persistent_volume_claim.clone().unwrap();
        assert_eq!(claim.claim_name, format!("www-{name}"));
        assert_eq!(p.metadata.owner_references[0].kind, "StatefulSet");
    }
}

#[test]
fn item3_claim_exists_with_selector_labels_before_the_pod() {
    let mut c = Cluster::new(1);
    apply(&mut c, &web(2, "", IMG));
    // Step until web-1 appears; its claim must already be there, labelled app=nginx, ownerless.
    while pod(&c, "web-1").is_none() {
        assert!(c.step(), "web-1 never created");
        if pod(&c, "web-1").is_none() {
            continue;
        }
    }
    let claim = c.pvc(&Key::new("default", "www-web-1")).expect("claim exists");
    assert_eq!(claim.metadata.labels.get("app").map(String::as_str), Some("nginx"));
    assert!(claim.metadata.owner_references.is_empty(), "default retention: no owner reference");
    let msgs = event_messages(&c, "web");
    let claim_at = msgs.iter().position(|m| m == "create Claim www-web-1 Pod web-1 in StatefulSet web success").unwrap();
    let pod_at = msgs.iter().position(|m| m == "create Pod web-1 in StatefulSet web successful").unwrap();
    assert!(claim_at < pod_at);
}

// ------------------------------------------------------------------ OrderedReady

#[test]
fn item6_next_ordinal_waits_for_running_and_ready() {
    let mut c = Cluster::new(1);
    apply(&mut c, &web(4, "", IMG));
    loop {
        for n in 1..4 {
            if pod(&c, &format!("web-{n}")).is_some() {
                let prev = pod(&c, &format!("web-{}", n - 1)).unwrap();
                assert!(running_ready(&prev), "web-{n} exists while web-{} is not ready", n - 1);
            }
        }
        if !c.step() {
            break;
        }
    }
    assert!(all_ready(&c, 4));
}

#[test]
fn item6_min_ready_seconds_delays_the_next_ordinal() {
    let mut c = Cluster::new(1);
    apply(&mut c, &web(2, "  minReadySeconds: 10\n", IMG));
    while !pod(&c, "web-0").is_some_and(|p| running_ready(&p)) {
        assert!(c.step());
    }
    c.advance(Dur::secs(8));
    assert!(pod(&c, "web-1").is_none(), "web-1 must wait for web-0 to be available");
    let why = c.why("StatefulSet", &Key::new("default", "web")).unwrap();
    assert!(why.items.iter().any(|i| matches!(i, kubesim::why::WhyItem::WaitingForAvailable { pod, .. } if pod == "web-0")), "{why:?}");
    c.advance(Dur::secs(4));
    assert!(pod(&c, "web-1").is_some());
}

#[test]
fn item7_an_unready_web0_blocks_creation_scale_down_and_updates() {
    let mut c = started(3, "");
    kubectl(&mut c, "delete pod web-0 --wait=false");
    kubectl(&mut c, "scale sts web --replicas=5");
    // web-0 is terminating, then re-created: nothing else moves until it is Ready again.
    let mut saw_block = false;
    while !pod(&c, "web-0").is_some_and(|p| running_ready(&p) && p.metadata.deletion_timestamp.is_none()) {
        assert!(pod(&c, "web-3").is_none(), "web-3 created while web-0 is not Ready");
        let why = c.why("StatefulSet", &Key::new("default", "web")).unwrap();
        saw_block |= why.items.iter().any(|i| matches!(i,
            kubesim::why::WhyItem::WaitingForDeletion { pod } if pod == "web-0"));
        assert!(c.step());
    }
    assert!(saw_block);
    c.advance(Dur::secs(60));
    assert_eq!(names(&c).len(), 5);

    // Scale-down and a rolling update also wait for an unready web-0.
    kubectl(&mut c, "delete pod web-0 --wait=false");
    kubectl(&mut c, "scale sts web --replicas=3");
    apply(&mut c, &web(3, "", IMG2));
    while !pod(&c, "web-0").is_some_and(|p| running_ready(&p) && p.metadata.deletion_timestamp.is_none()) {
        let p4 = pod(&c, "web-4").unwrap();
        assert!(p4.metadata.deletion_timestamp.is_none(), "web-4 deleted while web-0 is not Ready");
        assert!(c.step());
    }
}

#[test]
fn item8_scale_down_highest_first_waiting_for_the_object_to_go() {
    let mut c = started(5, "");
    assert_eq!(kubectl(&mut c, "scale sts web --replicas=3").stdout, "statefulset.apps/web scaled\n");
    let mut order = Vec::new();
    loop {
        let w4 = pod(&c, "web-4");
        let w3 = pod(&c, "web-3");
        if w3.as_ref().is_some_and(|p| p.metadata.deletion_timestamp.is_some()) {
            assert!(w4.is_none(), "web-3 deleted while web-4 still exists");
        }
        for p in [&w4, &w3].into_iter().flatten() {
            if p.metadata.deletion_timestamp.is_some() && !order.contains(&p.metadata.name) {
                order.push(p.metadata.name.clone());
            }
        }
        if !c.step() {
            break;
        }
    }
    assert_eq!(order, vec!["web-4", "web-3"]);
    assert_eq!(names(&c), vec!["web-0", "web-1", "web-2"]);
    // Claims stay (default retention).
    assert_eq!(c.pvcs().count(), 5);
    assert_eq!(sts(&c).status.replicas, 3);
}

#[test]
fn item9_deleted_pod_comes_back_with_its_claim_and_no_claim_event() {
    let mut c = started(3, "");
    let old = pod(&c, "web-1").unwrap();
    let claims_before = event_messages(&c, "web").iter().filter(|m| m.starts_with("create Claim")).count();
    let out = kubectl(&mut c, "delete pod web-1");
    assert_eq!(out.stdout, "pod \"web-1\" deleted from default namespace\n");
    // While the old object exists (Terminating, then Completed) there is no new web-1.
    while pod(&c, "web-1").is_some_and(|p| p.metadata.uid == old.metadata.uid) {
        assert!(c.step());
    }
    c.advance(Dur::secs(30));
    let new = pod(&c, "web-1").expect("web-1 re-created");
    assert_ne!(new.metadata.uid, old.metadata.uid);
    assert!(running_ready(&new));
    assert_eq!(new.spec.volumes, old.spec.volumes);
    assert_eq!(new.spec.node_name, old.spec.node_name, "the local volume pins it to its node");
    let claims_after = event_messages(&c, "web").iter().filter(|m| m.starts_with("create Claim")).count();
    assert_eq!(claims_before, claims_after);
    // The recorder folds the identical event into a count, as client-go does.
    let e = c.events().iter().find(|e| e.message == "create Pod web-1 in StatefulSet web successful").unwrap();
    assert_eq!(e.count, 2);
}

#[test]
fn item10_parallel_creates_all_missing_pods_in_one_sync() {
    let mut c = started(2, "  podManagementPolicy: Parallel\n");
    kubectl(&mut c, "scale sts web --replicas=5");
    // `kubectl scale` settles the control loop at the current instant: one sync, three pods.
    assert_eq!(names(&c), vec!["web-0", "web-1", "web-2", "web-3", "web-4"]);
    kubectl(&mut c, "scale sts web --replicas=1");
    // All condemned pods are deleted in one sync (unstarted ones vanish at once).
    let live: Vec<String> =
        c.pods().filter(|p| p.metadata.deletion_timestamp.is_none()).map(|p| p.metadata.name.clone()).collect();
    assert_eq!(live, vec!["web-0"]);
}

// ------------------------------------------------------------------ updates

#[test]
fn item11_rolling_update_reverse_order_one_at_a_time() {
    let mut c = started(3, "");
    let old_rev = sts(&c).status.current_revision.clone();
    apply(&mut c, &web(3, "", IMG2));
    let new_rev = sts(&c).status.update_revision.clone();
    assert_ne!(old_rev, new_rev);
    let mut order = Vec::new();
    loop {
        let pods: Vec<Pod> = c.pods().cloned().collect();
        let unavailable = pods.iter().filter(|p| !running_ready(p) || p.metadata.deletion_timestamp.is_some()).count();
        assert!(unavailable <= 1, "more than one pod down at once");
        for p in &pods {
            if p.metadata.deletion_timestamp.is_some() && !order.contains(&p.metadata.name) {
                order.push(p.metadata.name.clone());
            }
        }
        if !c.step() {
            break;
        }
    }
    assert_eq!(order, vec!["web-2", "web-1", "web-0"]);
    let s = sts(&c);
    assert_eq!(s.status.current_revision, new_rev);
    assert_eq!(s.status.update_revision, new_rev);
    assert_eq!(s.status.updated_replicas, 3);
    assert_eq!(s.status.current_replicas, 3);
    for p in c.pods() {
        assert_eq!(revision_of(p), new_rev);
        assert_eq!(p.spec.containers[0].image, IMG2);
    }
    let revs: Vec<(String, i64)> = c.controllerrevisions().map(|r| (r.metadata.name.clone(), r.revision)).collect();
    assert!(revs.contains(&(old_rev.clone(), 1)) && revs.contains(&(new_rev.clone(), 2)), "{revs:?}");
    // Reverting the template reuses the first revision with the next number.
    apply(&mut c, &web(3, "", IMG));
    c.advance(Dur::secs(120));
    let r = c.controllerrevisions().find(|r| r.metadata.name == old_rev).unwrap();
    assert_eq!(r.revision, 3);
    assert_eq!(c.controllerrevisions().count(), 2);
}

#[test]
fn item12_partition_keeps_lower_ordinals_on_the_old_revision() {
    let extra = "  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: 2\n";
    let mut c = started(3, extra);
    let old_rev = sts(&c).status.current_revision.clone();
    apply(&mut c, &web(3, extra, IMG2));
    c.advance(Dur::secs(120));
    let new_rev = sts(&c).status.update_revision.clone();
    assert_eq!(revision_of(&pod(&c, "web-2").unwrap()), new_rev);
    assert_eq!(revision_of(&pod(&c, "web-1").unwrap()), old_rev);
    assert_eq!(revision_of(&pod(&c, "web-0").unwrap()), old_rev);
    assert_eq!(sts(&c).status.current_revision, old_rev, "rollout not complete");
    kubectl(&mut c, "delete pod web-1");
    c.advance(Dur::secs(120));
    let p = pod(&c, "web-1").unwrap();
    assert_eq!(revision_of(&p), old_rev);
    assert_eq!(p.spec.containers[0].image, IMG);
}

#[test]
fn item13_on_delete_waits_for_the_user() {
    let extra = "  updateStrategy:\n    type: OnDelete\n";
    let mut c = started(2, extra);
    let old_rev = sts(&c).status.current_revision.clone();
    apply(&mut c, &web(2, extra, IMG2));
    c.advance(Dur::secs(120));
    for p in c.pods() {
        assert_eq!(revision_of(p), old_rev);
        assert!(p.metadata.deletion_timestamp.is_none());
    }
    kubectl(&mut c, "delete pod web-0");
    c.advance(Dur::secs(120));
    let p = pod(&c, "web-0").unwrap();
    assert_eq!(revision_of(&p), sts(&c).status.update_revision);
    assert_eq!(p.spec.containers[0].image, IMG2);
    assert_eq!(revision_of(&pod(&c, "web-1").unwrap()), old_rev);
}

// ------------------------------------------------------------------ PVC retention

#[test]
fn item14_default_retention_keeps_and_reuses_claims() {
    let mut c = started(5, "");
    kubectl(&mut c, "scale sts web --replicas=3");
    c.advance(Dur::secs(60));
    assert_eq!(c.pvcs().count(), 5);
    assert!(c.pvcs().all(|p| p.status.phase == "Bound"));
    let claims_before = event_messages(&c, "web").iter().filter(|m| m.starts_with("create Claim")).count();
    kubectl(&mut c, "scale sts web --replicas=5");
    c.advance(Dur::secs(60));
    assert!(all_ready(&c, 5));
    assert_eq!(claims_before, event_messages(&c, "web").iter().filter(|m| m.starts_with("create Claim")).count());
}

#[test]
fn item14_when_scaled_delete_removes_the_claim_after_the_pod() {
    let extra = "  persistentVolumeClaimRetentionPolicy:\n    whenScaled: Delete\n";
    let mut c = started(5, extra);
    let pv4 = c.pvc(&Key::new("default", "www-web-4")).unwrap().spec.volume_name.clone();
    kubectl(&mut c, "scale sts web --replicas=4");
    // The claim outlives its pod's termination and goes once the pod object is gone.
    while pod(&c, "web-4").is_some() {
        assert!(c.pvc(&Key::new("default", "www-web-4")).is_some());
        assert!(c.step());
    }
    c.advance(Dur::secs(5));
    assert!(c.pvc(&Key::new("default", "www-web-4")).is_none());
    assert!(c.pv(&pv4).is_none(), "reclaim policy Delete removes the volume");
    assert_eq!(c.pvcs().count(), 4);
}

#[test]
fn item14_when_deleted_delete_removes_all_claims_with_the_set() {
    let extra = "  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Delete\n";
    let mut c = started(3, extra);
    assert!(c.pvcs().all(|p| p.metadata.owner_references.iter().any(|r| r.kind == "StatefulSet")));
    let out = kubectl(&mut c, "delete sts web");
    assert_eq!(out.stdout, "statefulset.apps \"web\" deleted from default namespace\n");
    // All pods go together (no ordering); claims stay Terminating while pods use them.
    assert_eq!(c.pods().filter(|p| p.metadata.deletion_timestamp.is_some()).count(), 3);
    c.advance(Dur::secs(60));
    assert_eq!(c.pods().count(), 0);
    assert_eq!(c.pvcs().count(), 0);
    assert_eq!(c.pvs().count(), 0);
}

#[test]
fn default_retention_keeps_claims_when_the_set_is_deleted_and_reuses_them() {
    let mut c = started(2, "");
    kubectl(&mut c, "delete sts web");
    c.advance(Dur::secs(60));
    assert_eq!(c.pods().count(), 0);
    assert_eq!(c.pvcs().count(), 2);
    let outcomes = c.apply_text(&format!("{SVC}---\n{}", web(2, "", IMG))).unwrap();
    let lines: Vec<String> = outcomes.iter().map(|o| o.line()).collect();
    assert_eq!(lines, vec!["service/nginx unchanged", "statefulset.apps/web created"]);
    c.advance(Dur::secs(60));
    assert!(all_ready(&c, 2));
    assert_eq!(c.pvcs().count(), 2);
}

// ------------------------------------------------------------------ storage

const CLAIM: &str = "apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 2Gi
";

fn pv(name: &str, size: &str, modes: &str, class: &str, policy: &str) -> String {
    format!(
        "apiVersion: v1
kind: PersistentVolume
metadata:
  name: {name}
spec:
  capacity:
    storage: {size}
  accessModes: [{modes}]
  storageClassName: \"{class}\"
  persistentVolumeReclaimPolicy: {policy}
  hostPath:
    path: /data/{name}
"
    )
}

#[test]
fn item19_default_class_on_create_and_empty_class_stays_classless() {
    let mut c = Cluster::new(1);
    apply(&mut c, CLAIM);
    let p = c.pvc(&Key::new("default", "data")).unwrap();
    assert_eq!(p.spec.storage_class_name.as_deref(), Some("standard"));
    assert_eq!(p.spec.volume_mode.as_deref(), Some("Filesystem"));
    assert!(p.metadata.finalizers.contains(&"kubernetes.io/pvc-protection".to_string()));
    apply(&mut c, &CLAIM.replace("name: data", "name: none").replace("spec:\n", "spec:\n  storageClassName: \"\"\n"));
    c.advance(Dur::secs(30));
    let p = c.pvc(&Key::new("default", "none")).unwrap();
    assert_eq!(p.spec.storage_class_name.as_deref(), Some(""));
    assert_eq!(p.status.phase, "Pending");
    assert!(event_messages(&c, "none").contains(&"no persistent volumes available for this claim and no storage class is set".to_string()));
}

#[test]
fn item20_wait_for_first_consumer() {
    let mut c = Cluster::new(1);
    apply(&mut c, CLAIM);
    c.advance(Dur::secs(30));
    let p = c.pvc(&Key::new("default", "data")).unwrap();
    assert_eq!(p.status.phase, "Pending");
    assert_eq!(event_messages(&c, "data"), vec!["waiting for first consumer to be created before binding"]);
    apply(
        &mut c,
        "apiVersion: v1
kind: Pod
metadata:
  name: user
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: [sleep, infinity]
  volumes:
  - name: d
    persistentVolumeClaim:
      claimName: data
",
    );
    // The scheduler picked a node but the pod waits for the volume before it is bound.
    let p = c.pvc(&Key::new("default", "data")).unwrap();
    let node = p.metadata.annotations.get("volume.kubernetes.io/selected-node").cloned().expect("selected node");
    assert_eq!(pod(&c, "user").unwrap().spec.node_name, "");
    c.advance(Dur::secs(30));
    let p = c.pvc(&Key::new("default", "data")).unwrap();
    assert_eq!(p.status.phase, "Bound");
    let v = c.pv(&p.spec.volume_name).unwrap();
    assert_eq!(v.metadata.name, format!("pvc-{}", p.metadata.uid));
    assert_eq!(v.spec.persistent_volume_reclaim_policy, "Delete");
    assert_eq!(pod(&c, "user").unwrap().spec.node_name, node);
    let msgs = event_messages(&c, "data");
    assert!(msgs.iter().any(|m| m.starts_with("Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path'")), "{msgs:?}");
    assert!(msgs.contains(&"External provisioner is provisioning volume for claim \"default/data\"".to_string()));
    assert!(msgs.contains(&format!("Successfully provisioned volume {}", v.metadata.name)));
}

#[test]
fn item21_binding_picks_the_smallest_adequate_volume() {
    let mut c = Cluster::new(1);
    let mut yaml = String::new();
    for (n, size, modes, class) in [
        ("too-small", "1Gi", "ReadWriteOnce", "manual"),
        ("big", "10Gi", "ReadWriteOnce", "manual"),
        ("other-class", "3Gi", "ReadWriteOnce", "other"),
        ("wrong-mode", "3Gi", "ReadOnlyMany", "manual"),
        ("right", "5Gi", "ReadWriteOnce", "manual"),
        ("more-modes", "4Gi", "ReadWriteOnce, ReadWriteMany", "manual"),
    ] {
        yaml.push_str(&pv(n, size, modes, class, "Retain"));
        yaml.push_str("---\n");
    }
    apply(&mut c, &yaml);
    assert!(c.pvs().all(|v| v.status.phase == "Available"));
    apply(&mut c, &CLAIM.replace("spec:\n", "spec:\n  storageClassName: manual\n"));
    let p = c.pvc(&Key::new("default", "data")).unwrap();
    assert_eq!(p.status.phase, "Bound");
    // Volumes with fewer access modes are tried first, then the smallest.
    assert_eq!(p.spec.volume_name, "right");
    assert_eq!(p.status.capacity.get("storage").unwrap().canonical(), "5Gi");
    let v = c.pv("right").unwrap();
    assert_eq!(v.status.phase, "Bound");
    assert_eq!(v.spec.claim_ref.as_ref().unwrap().name, "data");
}

#[test]
fn item22_reclaim_delete_removes_retain_releases() {
    let mut c = Cluster::new(1);
    apply(&mut c, &pv("keep", "2Gi", "ReadWriteOnce", "manual", "Retain"));
    apply(&mut c, &pv("drop", "2Gi", "ReadWriteOnce", "gone", "Delete"));
    apply(&mut c, &CLAIM.replace("spec:\n", "spec:\n  storageClassName: manual\n"));
    apply(&mut c, &CLAIM.replace("name: data", "name: temp").replace("spec:\n", "spec:\n  storageClassName: gone\n"));
    assert_eq!(c.pv("keep").unwrap().status.phase, "Bound");
    assert_eq!(c.pv("drop").unwrap().status.phase, "Bound");
    kubectl(&mut c, "delete pvc data temp");
    c.advance(Dur::secs(5));
    assert_eq!(c.pv("keep").unwrap().status.phase, "Released");
    assert!(c.pv("drop").is_none());
    let out = kubectl(&mut c, "get pv");
    assert!(out.stdout.contains("Released   default/data"), "{}", out.stdout);
}

#[test]
fn prebound_volume_name_and_claim_ref() {
    let mut c = Cluster::new(1);
    let mut yaml = pv("mine", "1Gi", "ReadWriteOnce", "", "Retain");
    yaml.push_str("  claimRef:\n    namespace: default\n    name: data\n");
    apply(&mut c, &yaml);
    apply(&mut c, &pv("bigger", "8Gi", "ReadWriteOnce", "", "Retain"));
    // Pre-bound: taken at once, even though it is smaller than the request.
    apply(&mut c, &CLAIM.replace("spec:\n", "spec:\n  storageClassName: \"\"\n").replace("2Gi", "1Gi"));
    assert_eq!(c.pvc(&Key::new("default", "data")).unwrap().spec.volume_name, "mine");
    assert_eq!(c.pv("bigger").unwrap().status.phase, "Available");
}

#[test]
fn scheduler_reports_unbound_immediate_and_missing_claims() {
    let mut c = Cluster::new(1);
    // A class with Immediate binding and no provisioner: the claim never binds.
    apply(&mut c, &CLAIM.replace("spec:\n", "spec:\n  storageClassName: slow\n"));
    let user = "apiVersion: v1
kind: Pod
metadata:
  name: NAME
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: [sleep, infinity]
  volumes:
  - name: d
    persistentVolumeClaim:
      claimName: CLAIM
";
    apply(&mut c, &user.replace("NAME", "a").replace("CLAIM", "data"));
    apply(&mut c, &user.replace("NAME", "b").replace("CLAIM", "nope"));
    c.advance(Dur::secs(10));
    assert_eq!(pod(&c, "a").unwrap().status.phase, "Pending");
    assert_eq!(
        event_messages(&c, "a"),
        vec!["0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."]
    );
    assert_eq!(
        event_messages(&c, "b"),
        vec!["0/4 nodes are available: persistentvolumeclaim \"nope\" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."]
    );
    // Creating the missing claim lets the scheduler try again.
    apply(&mut c, &CLAIM.replace("name: data", "name: nope"));
    c.advance(Dur::secs(30));
    assert!(running_ready(&pod(&c, "b").unwrap()));
}

#[test]
fn pvc_protection_keeps_a_used_claim_terminating() {
    let mut c = started(1, "");
    kubectl(&mut c, "delete pvc www-web-0");
    let out = kubectl(&mut c, "get pvc");
    assert!(out.stdout.contains("www-web-0   Terminating"), "{}", out.stdout);
    let old_uid = c.pvc(&Key::new("default", "www-web-0")).unwrap().metadata.uid.clone();
    c.advance(Dur::secs(30));
    assert_eq!(c.pvc(&Key::new("default", "www-web-0")).unwrap().metadata.uid, old_uid, "still in use");
    kubectl(&mut c, "delete pod web-0");
    // The claim goes once the pod is gone; the controller then makes a fresh claim and pod.
    c.advance(Dur::secs(30));
    let claim = c.pvc(&Key::new("default", "www-web-0")).unwrap();
    assert_ne!(claim.metadata.uid, old_uid);
    assert_eq!(claim.status.phase, "Bound");
    assert!(running_ready(&pod(&c, "web-0").unwrap()));
}

#[test]
fn read_write_once_multi_attach_error() {
    let mut c = Cluster::new(1);
    // An attachable (CSI) volume: hostPath/local volumes are never attached, so never refused.
    apply(&mut c, &pv("shared", "1Gi", "ReadWriteOnce", "", "Retain").replace("  hostPath:\n    path: /data/shared\n", "  csi:\n    driver: ebs.csi.aws.com\n    volumeHandle: vol-0a1b2c3d\n"));
    apply(&mut c, &CLAIM.replace("spec:\n", "spec:\n  storageClassName: \"\"\n").replace("2Gi", "1Gi"));
    let user = "apiVersion: v1
kind: Pod
metadata:
  name: NAME
spec:
  nodeName: NODE
  containers:
  - name: c
    image: busybox:1.36
    command: [sleep, infinity]
  volumes:
  - name: d
    persistentVolumeClaim:
      claimName: data
";
    apply(&mut c, &user.replace("NAME", "first").replace("NODE", "kind-worker"));
    c.advance(Dur::secs(10));
    apply(&mut c, &user.replace("NAME", "second").replace("NODE", "kind-worker2"));
    c.advance(Dur::secs(10));
    let second = pod(&c, "second").unwrap();
    assert_eq!(kubesim::printers::pod_status(&second), "ContainerCreating");
    let msgs = event_messages(&c, "second");
    assert!(msgs.contains(&"Multi-Attach error for volume \"shared\" Volume is already used by pod(s) first".to_string()), "{msgs:?}");
    kubectl(&mut c, "delete pod first");
    c.advance(Dur::secs(10));
    assert!(running_ready(&pod(&c, "second").unwrap()));
}

// ------------------------------------------------------------------ validation

#[test]
fn immutable_fields_and_selector_mismatch_are_rejected() {
    let mut c = started(1, "");
    let err = c.apply_text(&web(1, "  podManagementPolicy: Parallel\n", IMG)).unwrap_err();
    assert_eq!(
        err.api_message("web.yaml"),
        "The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"
    );
    // Replicas, template and partition may change.
    c.apply_text(&web(2, "  minReadySeconds: 3\n", IMG2)).unwrap();
    let bad = web(1, "", IMG).replace("      labels:\n        app: nginx\n    spec:", "      labels:\n        app: other\n    spec:");
    let mut c = Cluster::new(1);
    let err = c.apply_text(&bad).unwrap_err();
    assert_eq!(
        err.api_message("web.yaml"),
        "The StatefulSet \"web\" is invalid: spec.template.metadata.labels: Invalid value: {\"app\":\"other\"}: `selector` does not match template `labels`"
    );
    let err = c.apply_text(&web(1, "", IMG).replace("name: web\nspec", "name: my.web\nspec")).unwrap_err();
    assert!(err.api_message("x").starts_with("The StatefulSet \"my.web\" is invalid: metadata.name: Invalid value: \"my.web\": a lowercase RFC 1123 label"));
}

#[test]
fn apply_after_scale_keeps_the_scaled_replicas() {
    let mut c = started(2, "");
    kubectl(&mut c, "scale sts web --replicas=3");
    // Same file again: nothing changed in it, so nothing is patched.
    let o = c.apply_text(&web(2, "", IMG)).unwrap();
    assert_eq!(o[0].verb, "unchanged");
    // A template change in the file leaves replicas as scaled (three-way merge).
    let o = c.apply_text(&web(2, "", IMG2)).unwrap();
    assert_eq!(o[0].verb, "configured");
    assert_eq!(sts(&c).spec.replicas, Some(3));
}

// ------------------------------------------------------------------ services and DNS

#[test]
fn headless_service_endpoints_and_dns() {
    let mut c = started(2, "");
    let e = c.endpoints_of(&Key::new("default", "nginx")).unwrap();
    let hosts: Vec<String> = e.subsets[0].addresses.iter().map(|a| a.hostname.clone()).collect();
    assert_eq!(hosts.len(), 2);
    assert!(hosts.contains(&"web-0".to_string()) && hosts.contains(&"web-1".to_string()));
    assert_eq!(e.subsets[0].ports[0].port, 80);
    let ip0 = pod(&c, "web-0").unwrap().status.pod_ip;
    let ip1 = pod(&c, "web-1").unwrap().status.pod_ip;
    assert_eq!(c.resolve("default", "web-0.nginx").unwrap(), vec![("web-0.nginx.default.svc.cluster.local".to_string(), ip0.clone())]);
    assert_eq!(c.resolve("other", "web-0.nginx.default.svc.cluster.local").unwrap()[0].1, ip0);
    assert_eq!(c.resolve("other", "web-1.nginx.default").unwrap()[0].1, ip1);
    let mut all: Vec<String> = c.resolve("default", "nginx").unwrap().into_iter().map(|r| r.1).collect();
    all.sort();
    let mut want = vec![ip0, ip1];
    want.sort();
    assert_eq!(all, want);
    assert!(c.resolve("other", "nginx").is_err(), "search path is the asker's namespace");
    assert!(c.resolve("default", "web-7.nginx").is_err());
    assert_eq!(c.resolve("default", "kubernetes").unwrap()[0].1, "10.96.0.1");
    assert_eq!(c.resolve("kube-system", "kubernetes.default").unwrap()[0].0, "kubernetes.default.svc.cluster.local");

    // A pod that is not Ready has no record unless publishNotReadyAddresses is set.
    kubectl(&mut c, "delete pod web-1");
    c.advance(Dur::ms(100));
    assert!(c.resolve("default", "web-1.nginx").is_err());
}

#[test]
fn publish_not_ready_addresses_and_cluster_ips() {
    let mut c = Cluster::new(1);
    apply(&mut c, &SVC.replace("  clusterIP: None\n", "  clusterIP: None\n  publishNotReadyAddresses: true\n"));
    apply(&mut c, &web(1, "", IMG));
    // As soon as web-0 has an IP it resolves, before it is Ready.
    while pod(&c, "web-0").is_none_or(|p| p.status.pod_ip.is_empty()) {
        assert!(c.step());
    }
    assert!(!running_ready(&pod(&c, "web-0").unwrap()));
    assert!(c.resolve("default", "web-0.nginx").is_ok());
    apply(&mut c, "apiVersion: v1\nkind: Service\nmetadata:\n  name: front\nspec:\n  selector:\n    app: nginx\n  ports:\n  - port: 8080\n    targetPort: web\n");
    let s = c.service(&Key::new("default", "front")).unwrap().clone();
    assert!(s.spec.cluster_ip.starts_with("10.96."), "{}", s.spec.cluster_ip);
    assert_ne!(s.spec.cluster_ip, "10.96.0.1");
    assert_eq!(c.resolve("default", "front").unwrap(), vec![("front.default.svc.cluster.local".to_string(), s.spec.cluster_ip.clone())]);
    c.advance(Dur::secs(30));
    let e = c.endpoints_of(&Key::new("default", "front")).unwrap();
    assert_eq!(e.subsets[0].ports[0].port, 80, "named targetPort resolved to the container port");
    assert_eq!(e.subsets[0].addresses[0].hostname, "", "subdomain names another service");
    let out = kubectl(&mut c, "get svc");
    assert!(out.stdout.contains(&format!("front        ClusterIP   {}", s.spec.cluster_ip)), "{}", out.stdout);
}

#[test]
fn large_set_stays_proportional() {
    // 300 replicas in Parallel: every pod is created, scheduled and started.
    let mut c = Cluster::new(3);
    apply(&mut c, SVC);
    apply(&mut c, &web(300, "  podManagementPolicy: Parallel\n", IMG));
    c.advance(Dur::secs(120));
    assert!(all_ready(&c, 300));
    assert_eq!(sts(&c).status.ready_replicas, 300);
}
