//! Deployments/ReplicaSets, garbage collection and node lifecycle, end to end through the
//! public API and the simulated kubectl (checklist items 5 and 15–18 of the spec, and more).

use kubesim::Propagation;
use kubesim::model::Pod;
use kubesim::session::Session;
use kubesim::{Cluster, Dur, Key};

const DEPLOY: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
";

const DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: [sleep, infinity]
";

const HASH: &str = "456789bcdf";
const RAND: &str = "bcdfghjklmnpqrstvwxz2456789";

fn cluster_with(manifests: &[&str]) -> Cluster {
    let mut c = Cluster::new(1);
    for m in manifests {
        c.apply_text(m).expect("valid manifest");
    }
    c.advance(Dur::secs(10));
    c
}

fn pods_of<'a>(c: &'a Cluster, owner_prefix: &str) -> Vec<&'a Pod> {
    c.pods().filter(|p| p.metadata.name.starts_with(owner_prefix)).collect()
}

fn live(p: &Pod) -> bool {
    p.metadata.deletion_timestamp.is_none()
}

fn run(s: &mut Session, line: &str) -> String {
    let o = s.run(line, None);
    format!("{}{}", o.stdout, o.stderr)
}

/// `^<deploy>-[4-9bcdf]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$`
fn is_deployment_pod_name(name: &str, deploy: &str) -> bool {
    let Some(rest) = name.strip_prefix(&format!("{deploy}-")) else { return false };
    let Some((hash, suffix)) = rest.rsplit_once('-') else { return false };
    (1..=10).contains(&hash.len())
        && hash.chars().all(|c| HASH.contains(c))
        && suffix.len() == 5
        && suffix.chars().all(|c| RAND.contains(c))
}

#[test]
fn item5_deployment_pod_names() {
    let c = cluster_with(&[DEPLOY]);
    let pods = pods_of(&c, "web-");
    assert_eq!(pods.len(), 3);
    for p in &pods {
        assert!(is_deployment_pod_name(&p.metadata.name, "web"), "{}", p.metadata.name);
        let hash = &p.metadata.labels["pod-template-hash"];
        assert!(p.metadata.name.starts_with(&format!("web-{hash}-")));
        assert_eq!(p.status.phase, "Running");
    }
    let rs: Vec<_> = c.replicasets().collect();
    assert_eq!(rs.len(), 1);
    assert_eq!(rs[0].metadata.annotations["deployment.kubernetes.io/revision"], "1");
    let d = c.deployment(&Key::new("default", "web")).unwrap();
    assert_eq!((d.status.replicas, d.status.updated_replicas, d.status.ready_replicas, d.status.available_replicas), (3, 3, 3, 3));
    assert!(c.events().iter().any(|e| e.reason == "ScalingReplicaSet"
        && e.message == format!("Scaled up replica set {} from 0 to 3", rs[0].metadata.name)));
}

#[test]
fn replicaset_replaces_a_deleted_pod_at_once_with_a_new_name() {
    let mut c = cluster_with(&[DEPLOY]);
    let victim = pods_of(&c, "web-")[0].metadata.name.clone();
    c.delete_object("Pod", &Key::new("default", &victim), Propagation::Background, None).unwrap();
    c.settle();
    // The old pod is still terminating, and a replacement with another name exists already.
    let old = c.pod(&Key::new("default", &victim)).expect("still terminating");
    assert!(old.metadata.deletion_timestamp.is_some());
    let live_pods: Vec<_> = pods_of(&c, "web-").into_iter().filter(|p| live(p)).collect();
    assert_eq!(live_pods.len(), 3);
    assert!(live_pods.iter().all(|p| p.metadata.name != victim));
    assert!(c.events().iter().any(|e| e.reason == "SuccessfulCreate" && e.involved_object.kind == "ReplicaSet"));
}

#[test]
fn deployment_rolling_update_replaces_pods_within_surge_and_unavailability() {
    let mut c = cluster_with(&[DEPLOY]);
    let old_rs = c.replicasets().next().unwrap().metadata.name.clone();
    c.apply_text(&DEPLOY.replace("nginx:1.14.2", "nginx:1.16.1")).unwrap();
    // 3 replicas, 25%/25%: maxSurge 1, maxUnavailable 0. Never more than 4 pods, never
    // fewer than 3 available.
    for _ in 0..200 {
        let active = c.pods().filter(|p| live(p)).count();
        assert!(active <= 4, "surge exceeded: {active}");
        let d = c.deployment(&Key::new("default", "web")).unwrap();
        assert!(d.status.available_replicas >= 3 || d.status.replicas < 3, "{:?}", d.status);
        c.advance(Dur::ms(250));
    }
    let d = c.deployment(&Key::new("default", "web")).unwrap();
    assert_eq!((d.status.replicas, d.status.updated_replicas, d.status.available_replicas), (3, 3, 3));
    assert_eq!(d.metadata.annotations["deployment.kubernetes.io/revision"], "2");
    let rss: Vec<_> = c.replicasets().collect();
    assert_eq!(rss.len(), 2);
    let old = rss.iter().find(|r| r.metadata.name == old_rs).unwrap();
    assert_eq!(old.spec.replicas, Some(0));
    assert!(pods_of(&c, "web-").iter().all(|p| p.spec.containers[0].image == "nginx:1.16.1"));
    let msgs: Vec<&str> = c.events().iter().filter(|e| e.reason == "ScalingReplicaSet").map(|e| e.message.as_str()).collect();
    assert!(msgs.iter().any(|m| m.starts_with("Scaled down replica set") && m.ends_with("from 1 to 0")), "{msgs:?}");
}

#[test]
fn scale_down_keeps_the_most_established_pods() {
    let mut s = Session::new(cluster_with(&[DEPLOY]));
    assert_eq!(run(&mut s, "kubectl scale deploy web --replicas=5"), "deployment.apps/web scaled\n");
    s.cluster.advance(Dur::ms(100));
    // The two new pods are not ready yet: they are the ones to go.
    let new: Vec<String> = s.cluster.pods().filter(|p| !p.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True")).map(|p| p.metadata.name.clone()).collect();
    assert_eq!(new.len(), 2);
    assert_eq!(run(&mut s, "kubectl scale deploy web --replicas=3"), "deployment.apps/web scaled\n");
    let c = s.cluster;
    for n in new {
        assert!(c.pod(&Key::new("default", &n)).is_none_or(|p| p.metadata.deletion_timestamp.is_some()));
    }
}

#[test]
fn background_deletion_removes_owner_first_then_dependents() {
    let mut c = cluster_with(&[DEPLOY]);
    c.delete_object("Deployment", &Key::new("default", "web"), Propagation::Background, None).unwrap();
    c.settle();
    assert!(c.deployment(&Key::new("default", "web")).is_none());
    assert_eq!(c.replicasets().count(), 0);
    // Pods are being deleted by the collector.
    assert!(pods_of(&c, "web-").iter().all(|p| !live(p)));
    c.advance(Dur::secs(5));
    assert_eq!(pods_of(&c, "web-").len(), 0);
}

#[test]
fn foreground_deletion_keeps_the_owner_until_dependents_are_gone() {
    let mut c = cluster_with(&[DEPLOY]);
    c.delete_object("Deployment", &Key::new("default", "web"), Propagation::Foreground, None).unwrap();
    c.settle();
    let d = c.deployment(&Key::new("default", "web")).expect("still there");
    assert!(d.metadata.deletion_timestamp.is_some());
    assert_eq!(d.metadata.finalizers, vec!["foregroundDeletion".to_string()]);
    let rs = c.replicasets().next().expect("still there");
    assert!(rs.metadata.deletion_timestamp.is_some());
    assert!(pods_of(&c, "web-").iter().all(|p| !live(p)));
    // No replacement pods while the owners are being deleted.
    assert_eq!(pods_of(&c, "web-").len(), 3);
    c.advance(Dur::secs(5));
    assert!(c.deployment(&Key::new("default", "web")).is_none());
    assert_eq!(c.replicasets().count(), 0);
    assert_eq!(c.pods().count(), 0);
}

#[test]
fn orphan_deletion_leaves_children_running_and_a_new_owner_adopts_them() {
    let mut c = cluster_with(&[DEPLOY]);
    c.delete_object("Deployment", &Key::new("default", "web"), Propagation::Orphan, None).unwrap();
    c.advance(Dur::secs(5));
    let rs = c.replicasets().next().expect("kept").clone();
    assert!(rs.metadata.owner_references.is_empty());
    assert_eq!(pods_of(&c, "web-").iter().filter(|p| live(p)).count(), 3);
    let names: Vec<String> = pods_of(&c, "web-").iter().map(|p| p.metadata.name.clone()).collect();
    // Re-creating the Deployment adopts the ReplicaSet (same template: same hash) and its pods.
    c.apply_text(DEPLOY).unwrap();
    c.advance(Dur::secs(5));
    let d = c.deployment(&Key::new("default", "web")).unwrap();
    let rs = c.replicasets().next().unwrap();
    assert_eq!(rs.metadata.owner_references[0].uid, d.metadata.uid);
    let now: Vec<String> = pods_of(&c, "web-").iter().map(|p| p.metadata.name.clone()).collect();
    assert_eq!(names, now);

    // DaemonSet: orphaned pods are adopted by a new DaemonSet with a matching selector.
    let mut c = cluster_with(&[DS]);
    let before: Vec<String> = pods_of(&c, "agent-").iter().map(|p| p.metadata.name.clone()).collect();
    c.delete_object("DaemonSet", &Key::new("default", "agent"), Propagation::Orphan, None).unwrap();
    c.advance(Dur::secs(5));
    assert!(pods_of(&c, "agent-").iter().all(|p| p.metadata.owner_references.is_empty() && live(p)));
    c.apply_text(DS).unwrap();
    c.advance(Dur::secs(5));
    let ds = c.daemonset(&Key::new("default", "agent")).unwrap();
    let after: Vec<String> = pods_of(&c, "agent-").iter().map(|p| p.metadata.name.clone()).collect();
    assert_eq!(before, after);
    assert!(pods_of(&c, "agent-").iter().all(|p| p.metadata.owner_references[0].uid == ds.metadata.uid));
    assert!(c.pod_indexes_consistent());
}

#[test]
fn item15_one_daemon_pod_per_eligible_node() {
    let c = cluster_with(&[DS]);
    let mut nodes: Vec<String> = pods_of(&c, "agent-").iter().map(|p| p.spec.node_name.clone()).collect();
    nodes.sort();
    assert_eq!(nodes, vec!["kind-worker", "kind-worker2", "kind-worker3"]);
    let tolerant = DS.replace(
        "      containers:",
        "      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n      containers:",
    );
    let c = cluster_with(&[&tolerant]);
    assert!(pods_of(&c, "agent-").iter().any(|p| p.spec.node_name == "kind-control-plane"));
    assert_eq!(pods_of(&c, "agent-").len(), 4);
}

#[test]
fn item16_node_labels_add_and_remove_daemon_pods_and_cordon_does_not() {
    let selective = DS.replace("      containers:", "      nodeSelector:\n        disk: ssd\n      containers:");
    let mut s = Session::new(cluster_with(&[&selective]));
    assert_eq!(pods_of(&s.cluster, "agent-").len(), 0);
    assert_eq!(run(&mut s, "kubectl label nodes kind-worker disk=ssd"), "node/kind-worker labeled\n");
    s.cluster.advance(Dur::secs(5));
    let pods = pods_of(&s.cluster, "agent-");
    assert_eq!(pods.len(), 1);
    assert_eq!(pods[0].spec.node_name, "kind-worker");
    assert_eq!(run(&mut s, "kubectl cordon kind-worker"), "node/kind-worker cordoned\n");
    s.cluster.advance(Dur::secs(5));
    assert!(pods_of(&s.cluster, "agent-").iter().all(|p| live(p)));
    assert_eq!(run(&mut s, "kubectl label nodes kind-worker disk-"), "node/kind-worker unlabeled\n");
    s.cluster.settle();
    assert!(pods_of(&s.cluster, "agent-").iter().all(|p| !live(p)));
}

#[test]
fn item17_daemonset_status_counts() {
    let mut s = Session::new(cluster_with(&[DS]));
    let k = Key::new("default", "agent");
    let st = s.cluster.daemonset(&k).unwrap().status.clone();
    assert_eq!((st.desired_number_scheduled, st.current_number_scheduled, st.number_ready, st.updated_number_scheduled, st.number_available, st.number_misscheduled), (3, 3, 3, 3, 3, 0));
    // An untolerated NoSchedule taint: the pod stays but is misscheduled; DESIRED drops.
    run(&mut s, "kubectl taint nodes kind-worker dedicated=x:NoSchedule");
    s.cluster.advance(Dur::secs(1));
    let st = s.cluster.daemonset(&k).unwrap().status.clone();
    assert_eq!((st.desired_number_scheduled, st.current_number_scheduled, st.number_misscheduled), (2, 2, 1));
    assert_eq!(pods_of(&s.cluster, "agent-").iter().filter(|p| live(p)).count(), 3);
}

#[test]
fn item18_daemonset_rolling_update_one_node_at_a_time() {
    let mut c = cluster_with(&[DS]);
    c.apply_text(&DS.replace("busybox:1.36", "busybox:1.37")).unwrap();
    let mut max_down = 0;
    for _ in 0..200 {
        let ready_nodes = c.pods().filter(|p| live(p) && p.status.conditions.iter().any(|x| x.type_ == "Ready" && x.status == "True")).count();
        max_down = max_down.max(3 - ready_nodes.min(3));
        c.advance(Dur::ms(250));
    }
    assert_eq!(max_down, 1);
    let st = c.daemonset(&Key::new("default", "agent")).unwrap().status.clone();
    assert_eq!(st.updated_number_scheduled, 3);
    assert!(pods_of(&c, "agent-").iter().all(|p| p.spec.containers[0].image == "busybox:1.37"));
}

#[test]
fn node_failure_evicts_deployment_pods_after_300s_but_not_daemon_pods() {
    let mut c = cluster_with(&[DEPLOY, DS]);
    let on_worker = |c: &Cluster| -> Vec<Pod> { c.pods_on("kind-worker").cloned().collect() };
    let deploy_pod = on_worker(&c).into_iter().find(|p| p.metadata.name.starts_with("web-")).expect("a web pod on kind-worker");
    let daemon_pod = on_worker(&c).into_iter().find(|p| p.metadata.name.starts_with("agent-")).expect("an agent pod");
    // Ordinary pods got the DefaultTolerationSeconds tolerations; daemon pods tolerate forever.
    assert!(deploy_pod.spec.tolerations.iter().any(|t| t.key == "node.kubernetes.io/unreachable" && t.toleration_seconds == Some(300)));
    c.fail_node("kind-worker").unwrap();
    c.advance(Dur::secs(39));
    assert_eq!(kubesim::printers::node_status(c.node("kind-worker").unwrap()), "Ready");
    c.advance(Dur::secs(1));
    let n = c.node("kind-worker").unwrap();
    assert_eq!(kubesim::printers::node_status(n), "NotReady");
    let taints: Vec<String> = n.spec.taints.iter().map(|t| t.to_display()).collect();
    assert_eq!(taints, vec!["node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"]);
    assert!(n.spec.taints[1].time_added.is_some());
    assert!(c.events().iter().any(|e| e.reason == "NodeNotReady" && e.message == "Node kind-worker status is now: NodeNotReady"));
    c.advance(Dur::secs(299));
    assert!(live(c.pod(&deploy_pod.key_()).unwrap()));
    c.advance(Dur::secs(1));
    let evicted = c.pod(&deploy_pod.key_()).expect("stays: the kubelet cannot confirm");
    assert!(evicted.metadata.deletion_timestamp.is_some());
    assert_eq!(kubesim::printers::pod_status(evicted), "Terminating");
    assert!(c.events().iter().any(|e| e.reason == "TaintManagerEviction" && e.message == format!("Marking for deletion Pod default/{}", deploy_pod.metadata.name)));
    assert!(live(c.pod(&daemon_pod.key_()).unwrap()));
    // A replacement runs elsewhere.
    c.advance(Dur::secs(10));
    let d = c.deployment(&Key::new("default", "web")).unwrap();
    assert_eq!(d.status.available_replicas, 3);
    // Still Terminating a minute later; gone once the node is back.
    c.advance(Dur::secs(60));
    assert!(c.pod(&deploy_pod.key_()).is_some());
    c.recover_node("kind-worker").unwrap();
    c.advance(Dur::secs(5));
    assert!(c.pod(&deploy_pod.key_()).is_none());
    assert!(c.node("kind-worker").unwrap().spec.taints.is_empty());
}

#[test]
fn removed_node_pods_are_garbage_collected_after_40s() {
    let mut c = cluster_with(&[DEPLOY]);
    let on: Vec<Key> = c.pods_on("kind-worker").map(|p| p.key_()).collect();
    assert!(!on.is_empty());
    c.remove_node("kind-worker").unwrap();
    c.advance(Dur::secs(39));
    assert!(on.iter().all(|k| c.pod(k).is_some()));
    c.advance(Dur::secs(1));
    assert!(on.iter().all(|k| c.pod(k).is_none()));
    c.advance(Dur::secs(10));
    assert_eq!(c.deployment(&Key::new("default", "web")).unwrap().status.available_replicas, 3);
}

#[test]
fn readiness_failure_and_crash_loop() {
    let mut c = cluster_with(&[DEPLOY]);
    let k = pods_of(&c, "web-")[0].key_();
    kubesim::kubelet::fail_readiness(&mut c, &k).unwrap();
    c.advance(Dur::secs(25));
    let p = c.pod(&k).unwrap();
    assert_eq!(kubesim::printers::pod_ready(p), "0/1");
    assert!(c.events().iter().any(|e| e.reason == "Unhealthy" && e.type_ == "Warning" && e.message.starts_with("Readiness probe failed: ")));
    assert_eq!(c.deployment(&Key::new("default", "web")).unwrap().status.ready_replicas, 2);
    kubesim::kubelet::pass_readiness(&mut c, &k).unwrap();
    c.settle();
    assert_eq!(c.deployment(&Key::new("default", "web")).unwrap().status.ready_replicas, 3);

    kubesim::kubelet::crash(&mut c, &k).unwrap();
    assert_eq!(kubesim::printers::pod_status(c.pod(&k).unwrap()), "Error");
    c.advance(Dur::secs(4));
    assert_eq!(kubesim::printers::pod_status(c.pod(&k).unwrap()), "CrashLoopBackOff");
    c.advance(Dur::secs(600));
    let p = c.pod(&k).unwrap();
    let restarts = p.status.container_statuses[0].restart_count;
    // Restarts at ~1, 13, 35, 77, 159, 321 s (back-off 10, 20, 40, 80, 160, 300…).
    assert!((6..=7).contains(&restarts), "{restarts}");
    assert!(c.events().iter().any(|e| e.reason == "BackOff" && e.message.starts_with("Back-off restarting failed container nginx in pod ")));
}

trait KeyOf {
    fn key_(&self) -> Key;
}
impl KeyOf for Pod {
    fn key_(&self) -> Key {
        Key::new(&self.metadata.namespace, &self.metadata.name)
    }
}

#[test]
fn apply_after_scale_is_a_three_way_merge() {
    // kubectl apply merges (last applied, file, live): replicas changed by `kubectl scale`
    // stay as they are while the file does not change them; changing them in the file wins.
    let mut s = Session::new(Cluster::new(1));
    s.files.insert("d.yaml".into(), DEPLOY.to_string());
    assert!(run(&mut s, "kubectl apply -f d.yaml").contains("created"));
    run(&mut s, "kubectl scale deploy web --replicas=5");
    assert_eq!(run(&mut s, "kubectl apply -f d.yaml"), "deployment.apps/web unchanged\n");
    let key = Key::new("default", "web");
    assert_eq!(s.cluster.deployment(&key).unwrap().spec.replicas, Some(5));
    s.files.insert("d.yaml".into(), DEPLOY.replace("replicas: 3", "replicas: 2"));
    assert_eq!(run(&mut s, "kubectl apply -f d.yaml"), "deployment.apps/web configured\n");
    assert_eq!(s.cluster.deployment(&key).unwrap().spec.replicas, Some(2));
}

#[test]
fn a_paused_deployment_rolls_nothing_out_until_resumed() {
    let mut s = Session::new(Cluster::new(1));
    s.files.insert("d.yaml".into(), DEPLOY.to_string());
    run(&mut s, "kubectl apply -f d.yaml");
    s.run("sleep 20s", None);
    assert_eq!(run(&mut s, "kubectl rollout pause deployment/web"), "deployment.apps/web paused\n");
    s.files.insert("d.yaml".into(), DEPLOY.replace("nginx:1.14.2", "nginx:1.16.1"));
    run(&mut s, "kubectl apply -f d.yaml");
    s.run("sleep 30s", None);
    let images: Vec<String> = s.cluster.pods().flat_map(|p| p.spec.containers.iter().map(|c| c.image.clone())).collect();
    assert!(!images.is_empty() && images.iter().all(|i| i == "nginx:1.14.2"), "{images:?}");
    assert_eq!(s.cluster.replicasets().count(), 1, "no new ReplicaSet while paused");
    // Scaling still works while paused.
    run(&mut s, "kubectl scale deploy web --replicas=4");
    s.run("sleep 20s", None);
    assert_eq!(s.cluster.pods().filter(|p| live(p)).count(), 4);
    assert_eq!(run(&mut s, "kubectl rollout resume deployment/web"), "deployment.apps/web resumed\n");
    s.run("sleep 90s", None);
    let images: Vec<String> = s.cluster.pods().filter(|p| live(p)).flat_map(|p| p.spec.containers.iter().map(|c| c.image.clone())).collect();
    assert!(images.len() == 4 && images.iter().all(|i| i == "nginx:1.16.1"), "{images:?}");
}
