//! Warnings about an applied manifest, worded for the student in both languages.

use super::Lang;

/// A warning about an applied manifest (not an error: it applied), worded for the student.
pub fn manifest_warning(lang: Lang, w: &kubesim::ManifestWarning) -> String {
    use kubesim::WarningKind as W;
    let es = lang == Lang::Es;
    let object = &w.object;
    match &w.kind {
        W::NoHeadlessService { service_name, exists: false } if service_name.is_empty() => {
            if es {
                format!("`{object}` no tiene `serviceName`: sus Pods no tendrán nombres DNS estables (web-0.<servicio>). Crea un Service headless y nómbralo en `spec.serviceName`.")
            } else {
                format!("`{object}` has no `serviceName`: its Pods get no stable DNS names (web-0.<service>). Create a headless Service and name it in `spec.serviceName`.")
            }
        }
        W::NoHeadlessService { service_name, exists: false } => {
            if es {
                format!("`{object}`: no hay ningún Service `{service_name}` (ni en el clúster ni en este archivo). Sin él, los Pods no tendrán nombres DNS estables; crea un Service headless (`clusterIP: None`) con ese nombre.")
            } else {
                format!("`{object}`: there is no Service `{service_name}` (neither in the cluster nor in this file). Without it the Pods get no stable DNS names; create a headless Service (`clusterIP: None`) with that name.")
            }
        }
        W::NoHeadlessService { service_name, exists: true } => {
            if es {
                format!("`{object}`: el Service `{service_name}` existe pero no es headless (le falta `clusterIP: None`), así que no publica un nombre DNS por Pod.")
            } else {
                format!("`{object}`: Service `{service_name}` exists but is not headless (it lacks `clusterIP: None`), so it publishes no DNS name per Pod.")
            }
        }
        W::StorageClassNotFound { class, claim } => {
            if es {
                format!("`{object}`: la reclamación `{claim}` pide la StorageClass `{class}`, que no existe; se quedará en Pending. Mira las que hay con `kubectl get storageclass`.")
            } else {
                format!("`{object}`: claim `{claim}` asks for StorageClass `{class}`, which does not exist; it will stay Pending. See the available ones with `kubectl get storageclass`.")
            }
        }
        W::NoEligibleNode { reasons } => {
            let why = reasons.iter().map(|r| format!("{}: {}", r.node, skip_reason(es, &r.reason))).collect::<Vec<_>>().join("; ");
            match (es, reasons.is_empty()) {
                (true, true) => format!("`{object}`: el clúster no tiene nodos, así que no se creará ningún Pod."),
                (false, true) => format!("`{object}`: the cluster has no nodes, so no Pod will be created."),
                (true, false) => format!("`{object}`: ningún nodo puede ejecutar sus Pods, así que no se creará ninguno. {why}."),
                (false, false) => format!("`{object}`: no node can run its Pods, so none will be created. {why}."),
            }
        }
        W::LatestTag { container, image } => {
            if es {
                format!("El contenedor `{container}` usa `{image}` sin versión fija (`latest` o sin etiqueta): cada nodo puede acabar con una versión distinta. Fija una, p. ej. `nginx:1.25`.")
            } else {
                format!("Container `{container}` uses `{image}` without a fixed version (`latest` or no tag): each node may end up running a different one. Pin one, e.g. `nginx:1.25`.")
            }
        }
        W::SharedClaim { claim, access_mode } => {
            let mode = if access_mode.is_empty() { String::new() } else { format!(" ({access_mode})") };
            if es {
                format!("`{object}`: todas las réplicas montan la misma reclamación `{claim}`{mode}; con ReadWriteOnce solo un nodo puede usarla y cada réplica no tiene su propio disco. Usa `volumeClaimTemplates`.")
            } else {
                format!("`{object}`: every replica mounts the same claim `{claim}`{mode}; with ReadWriteOnce only one node can use it and no replica gets a disk of its own. Use `volumeClaimTemplates`.")
            }
        }
    }
}

/// Why a node gets no daemon Pod.
fn skip_reason(es: bool, r: &kubesim::why::SkipReason) -> String {
    use kubesim::why::SkipReason as R;
    match (r, es) {
        (R::NodeSelectorMismatch { selector }, true) => format!("sus etiquetas no cumplen `nodeSelector` ({selector})"),
        (R::NodeSelectorMismatch { selector }, false) => format!("its labels do not match `nodeSelector` ({selector})"),
        (R::NodeAffinityMismatch, true) => "no cumple la afinidad de nodo requerida".into(),
        (R::NodeAffinityMismatch, false) => "it does not match the required node affinity".into(),
        (R::OtherNodeName { node_name }, true) => format!("la plantilla fija `nodeName: {node_name}`"),
        (R::OtherNodeName { node_name }, false) => format!("the template sets `nodeName: {node_name}`"),
        (R::UntoleratedTaint { taint }, true) => format!("tiene el taint `{taint}` y los Pods no lo toleran"),
        (R::UntoleratedTaint { taint }, false) => format!("it has taint `{taint}` and the Pods do not tolerate it"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_warnings_in_both_languages() {
        let sts = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: nginx\n  replicas: 2\n  selector:\n    matchLabels:\n      app: nginx\n  template:\n    metadata:\n      labels:\n        app: nginx\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n";
        let mut c = kubesim::Cluster::new(1);
        let w = c.apply_text_with_warnings(sts).unwrap().warnings;
        let words: Vec<(String, String)> = w.iter().map(|w| (manifest_warning(Lang::Es, w), manifest_warning(Lang::En, w))).collect();
        assert_eq!(words, [
            ("El contenedor `nginx` usa `nginx` sin versión fija (`latest` o sin etiqueta): cada nodo puede acabar con una versión distinta. Fija una, p. ej. `nginx:1.25`.".to_string(),
             "Container `nginx` uses `nginx` without a fixed version (`latest` or no tag): each node may end up running a different one. Pin one, e.g. `nginx:1.25`.".to_string()),
            ("`statefulset.apps/web`: no hay ningún Service `nginx` (ni en el clúster ni en este archivo). Sin él, los Pods no tendrán nombres DNS estables; crea un Service headless (`clusterIP: None`) con ese nombre.".to_string(),
             "`statefulset.apps/web`: there is no Service `nginx` (neither in the cluster nor in this file). Without it the Pods get no stable DNS names; create a headless Service (`clusterIP: None`) with that name.".to_string()),
        ]);
        let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      nodeSelector:\n        disk: ssd\n      containers:\n      - name: agent\n        image: busybox:1.36\n";
        let mut c = kubesim::Cluster::with_nodes(1, &[kubesim::NodeSpecInput::worker("n1")]);
        let w = c.apply_text_with_warnings(ds).unwrap().warnings;
        assert_eq!(manifest_warning(Lang::Es, &w[0]), "`daemonset.apps/agent`: ningún nodo puede ejecutar sus Pods, así que no se creará ninguno. n1: sus etiquetas no cumplen `nodeSelector` (disk=ssd).");
        assert_eq!(manifest_warning(Lang::En, &w[0]), "`daemonset.apps/agent`: no node can run its Pods, so none will be created. n1: its labels do not match `nodeSelector` (disk=ssd).");
    }
}
