//! The session API the browser terminal uses: watches that stream with `tick`, Ctrl-C,
//! exit statuses, and `explain` as data.

use kubesim::kubectl::info::explain;
use kubesim::{Cluster, Dur, Session};

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\n  labels:\n    app: solo\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n";

#[test]
fn a_watch_streams_as_the_clock_runs_and_stops_on_ctrl_c() {
    let mut s = Session::new(Cluster::new(1));
    let o = s.run("kubectl get pods -w -l app=solo", None);
    assert_eq!((o.stdout.as_str(), o.stderr.as_str(), o.status), ("", "", 0));
    assert!(s.watching());
    assert_eq!(s.run("kubectl apply -f -", Some(POD)).stdout, "pod/solo created\n");
    let rows = s.tick(Dur::secs(1));
    assert!(rows.starts_with("NAME   READY   STATUS    RESTARTS   AGE\nsolo   0/1     Pending   0          0s\n"), "{rows}");
    let later = s.tick(Dur::secs(30));
    assert!(later.contains("Running"), "{later}");
    assert!(!later.contains("NAME"), "the header comes once");
    assert_eq!(s.tick(Dur::secs(30)), "", "nothing changes, nothing prints");
    s.stop_watches();
    assert!(!s.watching());
    s.run("kubectl delete pod solo --wait=false", None);
    assert_eq!(s.tick(Dur::secs(30)), "");
}

#[test]
fn exit_statuses_follow_kubectl() {
    let mut s = Session::new(Cluster::new(1));
    assert_eq!(s.run("kubectl get pods", None).status, 0);
    assert_eq!(s.run("kubectl get pods", None).stderr, "No resources found in default namespace.\n");
    assert_eq!(s.run("kubectl get pod nope", None).status, 1);
    assert_eq!(s.run("kubectl gt pods", None).status, 1);
    assert_eq!(s.run("kubectl get pods --nope", None).status, 1);
    assert_eq!(s.run("kubectl get pods -l 'a in b'", None).status, 1);
    let o = s.run("kubectl run t --image=busybox --rm -it --restart=Never -- nslookup nothing-here", None);
    assert_eq!(o.status, 1);
}

#[test]
fn explain_is_data_in_both_languages() {
    let e = explain("sts.spec.serviceName").unwrap();
    assert_eq!((e.group, e.kind, e.version), ("apps", "StatefulSet", "v1"));
    assert_eq!(e.field, Some(("serviceName", "string")));
    assert!(e.description.en.starts_with("serviceName is the name of the service"));
    assert!(e.description.es.contains("headless"));
    let pods = explain("pods").unwrap();
    assert!(pods.fields.iter().any(|f| f.name == "spec"));
    assert_eq!(explain("pods.spec.nope").unwrap_err(), "field \"nope\" does not exist");
}

#[test]
fn apply_f_a_directory_applies_its_manifests_in_lexical_order() {
    let mut s = Session::new(Cluster::new(1));
    let pod = |n: &str| format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {n}\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: [sleep, infinity]\n");
    s.files.insert("app/b.yaml".into(), pod("b"));
    s.files.insert("app/a.yml".into(), pod("a"));
    s.files.insert("app/notes.txt".into(), "not a manifest".into());
    s.files.insert("other.yaml".into(), pod("other"));
    let out = s.run("kubectl apply -f app/", None);
    assert_eq!(out.stdout, "pod/a created\npod/b created\n");
    assert_eq!(out.status, 0);
    let out = s.run("kubectl apply -f .", None);
    assert_eq!(out.stdout, "pod/a unchanged\npod/b unchanged\npod/other created\n");
    let out = s.run("kubectl apply -f missing/", None);
    assert_eq!(out.stderr, "error: the path \"missing/\" does not exist\n");
    assert_eq!(out.status, 1);
}
