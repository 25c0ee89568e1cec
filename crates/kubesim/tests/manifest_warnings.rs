//! Warnings that are not errors: the manifest applies, and the app points out the mistake at
//! its line and column. kubectl itself stays silent about them.

use kubesim::warnings::{floating_tag, NodeReason, WarningKind as W};
use kubesim::why::SkipReason;
use kubesim::{Cluster, Session};

const SVC: &str = "apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  selector:\n    app: nginx\n  ports:\n  - port: 80\n";

fn sts(extra_spec: &str, image: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: nginx\n  replicas: 2\n  selector:\n    matchLabels:\n      app: nginx\n  template:\n    metadata:\n      labels:\n        app: nginx\n    spec:\n      containers:\n      - name: nginx\n        image: {image}\n{extra_spec}"
    )
}

fn warnings(c: &mut Cluster, text: &str) -> Vec<(usize, usize, W)> {
    let applied = c.apply_text_with_warnings(text).unwrap_or_else(|e| panic!("{e:?}"));
    applied.warnings.into_iter().map(|w| (w.line, w.column, w.kind)).collect()
}

#[test]
fn a_clean_statefulset_has_no_warnings() {
    let mut c = Cluster::new(1);
    assert_eq!(warnings(&mut c, &format!("{SVC}---\n{}", sts("", "nginx:1.25"))), []);
}

#[test]
fn service_name_without_a_headless_service() {
    let mut c = Cluster::new(1);
    assert_eq!(warnings(&mut c, &sts("", "nginx:1.25")), [(6, 3, W::NoHeadlessService { service_name: "nginx".into(), exists: false })]);
    // Found in the cluster afterwards: no warning.
    let mut c = Cluster::new(1);
    c.apply_text(SVC).unwrap();
    assert_eq!(warnings(&mut c, &sts("", "nginx:1.25")), []);
    // A Service with that name that is not headless.
    let mut c = Cluster::new(1);
    let text = format!("{}---\n{}", SVC.replace("  clusterIP: None\n", ""), sts("", "nginx:1.25"));
    assert_eq!(warnings(&mut c, &text), [(16, 3, W::NoHeadlessService { service_name: "nginx".into(), exists: true })]);
}

#[test]
fn claim_template_with_a_missing_storage_class() {
    let mut c = Cluster::new(1);
    let extra = "  volumeClaimTemplates:\n  - metadata:\n      name: www\n    spec:\n      storageClassName: fast\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 1Gi\n";
    let text = format!("{SVC}---\n{}", sts(extra, "nginx:1.25"));
    assert_eq!(warnings(&mut c, &text), [(34, 7, W::StorageClassNotFound { class: "fast".into(), claim: "www".into() })]);
    // The cluster's own class is fine.
    let mut c = Cluster::new(1);
    assert_eq!(warnings(&mut c, &text.replace("fast", "standard")), []);
}

#[test]
fn latest_or_missing_tags() {
    for (image, floating) in [
        ("nginx", true),
        ("nginx:latest", true),
        ("localhost:5000/nginx", true),
        ("registry.k8s.io/nginx-slim:0.24", false),
        ("localhost:5000/nginx:1.25", false),
        ("nginx@sha256:0123", false),
    ] {
        assert_eq!(floating_tag(image), floating, "{image}");
    }
    let mut c = Cluster::new(1);
    let text = format!("{SVC}---\n{}", sts("", "nginx:latest"));
    assert_eq!(warnings(&mut c, &text), [(29, 9, W::LatestTag { container: "nginx".into(), image: "nginx:latest".into() })]);
}

#[test]
fn a_daemonset_no_node_can_run() {
    let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      nodeSelector:\n        disk: ssd\n      containers:\n      - name: agent\n        image: busybox:1.36\n";
    let mut c = Cluster::with_nodes(1, &[kubesim::NodeSpecInput::worker("n1")]);
    let w = warnings(&mut c, ds);
    assert_eq!(w, [(14, 7, W::NoEligibleNode { reasons: vec![NodeReason { node: "n1".into(), reason: SkipReason::NodeSelectorMismatch { selector: "disk=ssd".into() } }] })]);
    // A control-plane taint is a reason too; a matching worker makes it go away.
    let mut c = Cluster::with_nodes(1, &[kubesim::NodeSpecInput::control_plane("cp")]);
    let w = warnings(&mut c, &ds.replace("      nodeSelector:\n        disk: ssd\n", ""));
    assert!(matches!(&w[..], [(13, 5, W::NoEligibleNode { reasons })] if matches!(reasons[0].reason, SkipReason::UntoleratedTaint { .. })), "{w:?}");
    let mut c = Cluster::new(1);
    assert_eq!(warnings(&mut c, &ds.replace("      nodeSelector:\n        disk: ssd\n", "")), []);
}

#[test]
fn one_read_write_once_claim_shared_by_every_replica() {
    let pvc = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n";
    let extra = "        volumeMounts:\n        - name: data\n          mountPath: /data\n      volumes:\n      - name: data\n        persistentVolumeClaim:\n          claimName: data\n";
    let mut c = Cluster::new(1);
    let text = format!("{SVC}---\n{pvc}---\n{}", sts(extra, "nginx:1.25"));
    assert_eq!(warnings(&mut c, &text), [(46, 11, W::SharedClaim { claim: "data".into(), access_mode: "ReadWriteOnce".into() })]);
    // ReadWriteMany is meant to be shared.
    let mut c = Cluster::new(1);
    assert_eq!(warnings(&mut c, &text.replace("[ReadWriteOnce]", "[ReadWriteMany]")), []);
}

#[test]
fn kubectl_prints_none_of_them() {
    let mut s = Session::new(Cluster::new(1));
    s.files.insert("web.yaml".into(), sts("", "nginx"));
    let out = s.run("kubectl apply -f web.yaml", None);
    assert_eq!(out.stdout, "statefulset.apps/web created\n");
    assert_eq!(out.stderr, "");
}

/// The editor's check reads the cluster and says what applying would: the same warnings, the
/// same first error, and not one change (the state hash stays).
#[test]
fn checking_says_what_applying_would_and_changes_nothing() {
    let mut c = Cluster::new(1);
    c.apply_text(SVC).unwrap();
    let ds_selector = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n      - name: agent\n        image: busybox:1.36\n";
    c.apply_text(ds_selector).unwrap();
    let texts = [
        sts("", "nginx"),
        sts("", "nginx:1.25"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: nowhere\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n".to_string(),
        "kind: Pod\nmetadata: [\n".to_string(),
        ds_selector.replace("app: agent\n  template", "app: other\n  template"),
    ];
    let mut errors = 0;
    let mut warned = 0;
    for text in texts {
        let before = c.state_hash();
        let checked = c.check_text(&text);
        assert_eq!(c.state_hash(), before, "{text}");
        let applied = c.clone().apply_text_with_warnings(&text).map(|a| a.warnings);
        assert_eq!(checked, applied, "{text}");
        match checked {
            Err(_) => errors += 1,
            Ok(w) if !w.is_empty() => warned += 1,
            Ok(_) => {}
        }
    }
    // A missing namespace, a syntax error and an immutable selector; a floating tag.
    assert_eq!((errors, warned), (3, 1));
}
