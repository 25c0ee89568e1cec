//! Commands that read rather than change: `logs` (what the container printed,
//! `crate::kubelet::logs`), `explain`, `api-resources`, `version`, `cluster-info`, `config`.

use super::{resource_type, Flags, Output, TYPES};
use crate::cluster::Cluster;
use crate::api::model::Pod;
use crate::api::meta::Key;

/// The kubectl and server version of the simulated kind cluster.
pub const VERSION: &str = "v1.33.1";
/// What `kubectl config current-context` names.
pub const CONTEXT: &str = "kind-kind";

fn pod_not_found(name: &str) -> Output {
    Output::err(format!("Error from server (NotFound): pods \"{name}\" not found\n"))
}

/// The pod a `logs`/`exec` target names: `POD`, `pod/POD` or `TYPE/NAME` of a workload
/// (its first pod, as kubectl picks one).
pub(crate) fn target_pod<'a>(c: &'a Cluster, f: &Flags, arg: &str) -> Result<(&'a Pod, Option<String>), Output> {
    let ns = f.namespace.clone().unwrap_or_else(|| "default".into());
    let (what, name) = match arg.split_once('/') {
        Some((t, n)) => (t.to_string(), n.to_string()),
        None => ("pod".to_string(), arg.to_string()),
    };
    let Some(t) = resource_type(&what) else {
        return Err(Output::err(format!("error: the server doesn't have a resource type \"{what}\"\n")));
    };
    if t.kind == "Pod" {
        return c.pod(&Key::new(&ns, &name)).map(|p| (p, None)).ok_or_else(|| pod_not_found(&name));
    }
    let key = Key::new(&ns, &name);
    let uid = c.object_meta(t.kind, &key).map(|m| m.uid.clone()).ok_or_else(|| super::mutate_not_found(t, &name))?;
    // A Deployment's pods belong to its ReplicaSets.
    let owners: Vec<String> = if t.kind == "Deployment" {
        c.replicasets().filter(|r| r.metadata.owner_references.iter().any(|o| o.uid == uid)).map(|r| r.metadata.uid.clone()).collect()
    } else {
        vec![uid]
    };
    let mut pods: Vec<&Pod> = c.pods().filter(|p| p.metadata.namespace == ns && p.metadata.owner_references.iter().any(|o| owners.contains(&o.uid))).collect();
    crate::runtime::sort::by(&mut pods, |a, b| a.metadata.name.cmp(&b.metadata.name));
    match pods.first() {
        None => Err(Output::err("error: timed out waiting for the condition\n")),
        Some(p) => {
            let note = (pods.len() > 1).then(|| format!("Found {} pods, using pod/{}\n", pods.len(), p.metadata.name));
            Ok((p, note))
        }
    }
}

/// The container `-c` names, or the first one (with kubectl's note when there are several).
pub(crate) fn pick_container<'a>(p: &'a Pod, f: &Flags, verb: &str) -> Result<(&'a crate::api::model::Container, String), Output> {
    let names: Vec<&str> = p.spec.containers.iter().map(|c| c.name.as_str()).collect();
    match &f.container {
        Some(cn) => match p.spec.containers.iter().find(|c| &c.name == cn) {
            Some(ctr) => Ok((ctr, String::new())),
            None => Err(Output::err(format!(
                "Error from server (BadRequest): container {cn} is not valid for pod {}\n",
                p.metadata.name
            ))),
        },
        None => {
            let ctr = p.spec.containers.first().ok_or_else(|| Output::err("error: pod has no containers\n"))?;
            let note = if names.len() > 1 && verb == "exec" {
                format!("Defaulted container \"{}\" out of: {}\n", ctr.name, names.join(", "))
            } else {
                String::new()
            };
            Ok((ctr, note))
        }
    }
}

/// `kubectl logs POD|TYPE/NAME [-c C] [--tail N] [-p]`: what the container's program printed
/// (`kubelet/logs.rs`).
pub(crate) fn logs(c: &Cluster, f: &Flags) -> Output {
    let Some(arg) = f.positional.first() else {
        return Output::err("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
    };
    let (p, note) = match target_pod(c, f, arg) {
        Ok(x) => x,
        Err(o) => return o,
    };
    if f.container.is_none() && p.spec.containers.len() > 1 && f.positional.len() < 2 {
        let names: Vec<&str> = p.spec.containers.iter().map(|c| c.name.as_str()).collect();
        let mut g = f.clone();
        g.container = Some(names[0].to_string());
        let mut o = logs(c, &g);
        o.stderr.insert_str(0, &format!("Defaulted container \"{}\" out of: {}\n", names[0], names.join(", ")));
        return o;
    }
    let cname = f.container.clone().or_else(|| f.positional.get(1).cloned());
    let mut g = f.clone();
    g.container = cname;
    let (ctr, _) = match pick_container(p, &g, "logs") {
        Ok(x) => x,
        Err(o) => return o,
    };
    let pod = &p.metadata.name;
    let st = p.status.container_statuses.iter().find(|s| s.name == ctr.name);
    let mut lines: Vec<String> = Vec::new();
    // A command that ends (`nslookup …`, `echo …`, `sleep 10`) shows what it printed, once
    // it has run (a previous run too: the same command prints the same).
    let ran = st.is_some_and(|s| s.state.running.is_some() || s.state.terminated.is_some() || s.last_state.terminated.is_some());
    let program = crate::kubelet::program_logs(c, p).filter(|_| ran && (!f.previous || st.is_some_and(|s| s.last_state.terminated.is_some())));
    if let Some(out) = program {
        lines.extend(out.lines().map(str::to_string));
    } else if f.previous {
        // The previous run's log is not kept: a restarted container's log starts empty.
        if st.and_then(|s| s.last_state.terminated.as_ref()).is_none() {
            return Output::err(format!("Error from server (BadRequest): previous terminated container \"{}\" in pod \"{pod}\" not found\n", ctr.name));
        }
    } else {
        if st.and_then(|s| s.state.running.as_ref().or(s.state.terminated.as_ref())).and_then(|r| r.started_at.as_ref()).is_none() {
            let reason = st.and_then(|s| s.state.waiting.as_ref()).map(|w| w.reason.clone()).filter(|r| !r.is_empty()).unwrap_or_else(|| "ContainerCreating".into());
            // The kubelet words the common pull failures (`validateContainerLogStatus`).
            let reason = match reason.as_str() {
                "ErrImagePull" => "image can't be pulled".to_string(),
                "ImagePullBackOff" => "trying and failing to pull image".to_string(),
                _ => reason,
            };
            return Output::err(format!("Error from server (BadRequest): container \"{}\" in pod \"{pod}\" is waiting to start: {reason}\n", ctr.name));
        }
        lines.extend(crate::kubelet::logs::container_log(c, p, ctr).lines().map(str::to_string));
    }
    if let Some(n) = f.tail.as_deref().and_then(|t| t.parse::<i64>().ok()).filter(|n| *n >= 0) {
        let skip = lines.len().saturating_sub(n as usize);
        lines.drain(..skip);
    }
    let mut out = Output::ok(lines.iter().map(|l| format!("{l}\n")).collect::<String>());
    if let Some(n) = note {
        out.stderr.push_str(&n);
    }
    out
}

/// Text in the student's languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub es: &'static str,
}

/// One field under `FIELDS:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldDoc {
    pub name: &'static str,
    pub type_: &'static str,
    pub required: bool,
    pub description: Text,
}

/// What `kubectl explain RESOURCE[.field…]` knows, for the app to word in either language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub group: &'static str,
    pub kind: &'static str,
    pub version: &'static str,
    /// `Some((name, type))` when a field rather than the resource was asked for.
    pub field: Option<(&'static str, &'static str)>,
    pub description: Text,
    pub fields: Vec<FieldDoc>,
}

struct Doc {
    path: &'static str,
    type_: &'static str,
    description: Text,
}

macro_rules! doc {
    ($path:literal, $ty:literal, $en:literal, $es:literal) => {
        Doc { path: $path, type_: $ty, description: Text { en: $en, es: $es } }
    };
}

const API_VERSION_EN: &str = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
const API_VERSION_ES: &str = "apiVersion define el esquema versionado de esta representación del objeto. El servidor convierte los esquemas que reconoce a su valor interno más reciente y puede rechazar los que no reconoce.";
const KIND_EN: &str = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";
const KIND_ES: &str = "kind es el tipo de recurso REST que representa este objeto, en CamelCase. No se puede cambiar.";
const METADATA_EN: &str = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
const METADATA_ES: &str = "Metadatos estándar del objeto: nombre, espacio de nombres, etiquetas, anotaciones…";

/// The fields the course uses, by `kind.path`.
const DOCS: &[Doc] = &[
    doc!("Pod", "Pod", "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.", "Un Pod es un grupo de contenedores que se ejecutan juntos en un nodo. Lo crean los clientes (o los controladores) y el planificador lo asigna a un nodo."),
    doc!("Pod.spec", "PodSpec", "Specification of the desired behavior of the pod.", "La especificación del comportamiento deseado del pod."),
    doc!("Pod.spec.containers", "[]Container", "List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.", "Los contenedores del pod. Debe haber al menos uno y no se pueden añadir ni quitar después."),
    doc!("Pod.spec.nodeName", "string", "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod.", "El nodo al que está asignado el pod. Si está vacío, el planificador lo elegirá; una vez fijado, el kubelet de ese nodo se encarga del pod."),
    doc!("Pod.spec.tolerations", "[]Toleration", "If specified, the pod's tolerations.", "Las tolerancias del pod: qué taints de los nodos acepta."),
    doc!("Pod.spec.hostname", "string", "Specifies the hostname of the Pod If not specified, the pod's hostname will be set to a system-defined value.", "El nombre de host del pod; si no se indica, es el nombre del pod."),
    doc!("Pod.spec.subdomain", "string", "If specified, the fully qualified Pod hostname will be \"<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>\". If not specified, the pod will not have a domainname at all.", "Si se indica, el nombre completo del pod es \"<hostname>.<subdomain>.<namespace>.svc.<dominio>\"."),
    doc!("StatefulSet", "StatefulSet", "StatefulSet represents a set of pods with consistent identities. Identities are defined as: - Network: A single stable DNS and hostname. - Storage: As many VolumeClaims as requested. The StatefulSet guarantees that a given network identity will always map to the same storage identity.", "Un StatefulSet es un conjunto de pods con identidad estable: un nombre DNS y de host fijo por pod y tantos volúmenes (PVC) como se pidan. Una misma identidad de red corresponde siempre al mismo almacenamiento."),
    doc!("StatefulSet.spec", "StatefulSetSpec", "Spec defines the desired identities of pods in this set.", "La especificación: las identidades deseadas de los pods del conjunto."),
    doc!("StatefulSet.spec.replicas", "integer", "replicas is the desired number of replicas of the given Template. These are replicas in the sense that they are instantiations of the same Template, but individual replicas also have a consistent identity. If unspecified, defaults to 1.", "El número deseado de réplicas de la plantilla; cada una tiene además su identidad propia. Por defecto, 1."),
    doc!("StatefulSet.spec.serviceName", "string", "serviceName is the name of the service that governs this StatefulSet. This service must exist before the StatefulSet, and is responsible for the network identity of the set. Pods get DNS/hostnames that follow the pattern: pod-specific-string.serviceName.default.svc.cluster.local where \"pod-specific-string\" is managed by the StatefulSet controller.", "El Service (normalmente headless) que gobierna el StatefulSet y da a cada pod su nombre DNS: web-0.nginx.default.svc.cluster.local."),
    doc!("StatefulSet.spec.podManagementPolicy", "string", "podManagementPolicy controls how pods are created during initial scale up, when replacing pods on nodes, or when scaling down. The default policy is `OrderedReady`, where pods are created in increasing order (pod-0, then pod-1, etc) and the controller will wait until each pod is ready before continuing. When scaling down, the pods are removed in the opposite order. The alternative policy is `Parallel` which will create pods in parallel to match the desired scale without waiting, and on scale down will delete all pods at once.", "Cómo se crean y borran los pods: `OrderedReady` (por defecto) de uno en uno y en orden, esperando a que cada uno esté listo; `Parallel`, todos a la vez."),
    doc!("StatefulSet.spec.updateStrategy", "StatefulSetUpdateStrategy", "updateStrategy indicates the StatefulSetUpdateStrategy that will be employed to update Pods in the StatefulSet when a revision is made to Template.", "La estrategia para actualizar los pods cuando cambia la plantilla: RollingUpdate (con partition) u OnDelete."),
    doc!("StatefulSet.spec.volumeClaimTemplates", "[]PersistentVolumeClaim", "volumeClaimTemplates is a list of claims that pods are allowed to reference. The StatefulSet controller is responsible for mapping network identities to claims in a way that maintains the identity of a pod. Every claim in this list must have at least one matching (by name) volumeMount in one container in the template.", "Plantillas de PVC: el controlador crea una reclamación por pod (www-web-0, www-web-1…) que se conserva aunque el pod se borre."),
    doc!("StatefulSet.spec.persistentVolumeClaimRetentionPolicy", "StatefulSetPersistentVolumeClaimRetentionPolicy", "persistentVolumeClaimRetentionPolicy describes the lifecycle of persistent volume claims created from volumeClaimTemplates. By default, all persistent volume claims are created as needed and retained until manually deleted.", "Qué pasa con las PVC al borrar o reducir el StatefulSet; por defecto se conservan hasta que alguien las borra."),
    doc!("DaemonSet", "DaemonSet", "DaemonSet represents the configuration of a daemon set.", "Un DaemonSet ejecuta una copia de un pod en cada nodo elegible."),
    doc!("DaemonSet.spec", "DaemonSetSpec", "The desired behavior of this daemon set.", "El comportamiento deseado del DaemonSet."),
    doc!("DaemonSet.spec.updateStrategy", "DaemonSetUpdateStrategy", "An update strategy to replace existing DaemonSet pods with new pods.", "La estrategia para sustituir los pods existentes por otros nuevos: RollingUpdate u OnDelete."),
    doc!("DaemonSet.spec.template", "PodTemplateSpec", "An object that describes the pod that will be created. The DaemonSet will create exactly one copy of this pod on every node that matches the template's node selector (or on every node if no node selector is specified). The only allowed template.spec.restartPolicy value is \"Always\".", "La plantilla del pod: se crea exactamente una copia en cada nodo que encaje con su selector de nodos (o en todos)."),
    doc!("Deployment", "Deployment", "Deployment enables declarative updates for Pods and ReplicaSets.", "Un Deployment permite actualizar de forma declarativa pods y ReplicaSets."),
    doc!("Deployment.spec", "DeploymentSpec", "Specification of the desired behavior of the Deployment.", "La especificación del comportamiento deseado del Deployment."),
    doc!("Deployment.spec.replicas", "integer", "Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.", "El número de pods deseado. Por defecto, 1."),
    doc!("Deployment.spec.strategy", "DeploymentStrategy", "The deployment strategy to use to replace existing pods with new ones.", "La estrategia para sustituir los pods existentes: RollingUpdate o Recreate."),
    doc!("Service", "Service", "Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.", "Un Service da un nombre y un puerto estables a un conjunto de pods elegido por un selector."),
    doc!("Service.spec", "ServiceSpec", "Spec defines the behavior of a service.", "La especificación del Service."),
    doc!("Service.spec.clusterIP", "string", "clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above). Valid values are \"None\", empty string (\"\"), or a valid IP address. Setting this to \"None\" makes a \"headless service\" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.", "La IP virtual del Service. \"None\" crea un Service headless: sin IP virtual, el DNS devuelve directamente las IP de los pods."),
    doc!("PersistentVolumeClaim", "PersistentVolumeClaim", "PersistentVolumeClaim is a user's request for and claim to a persistent volume", "Una PersistentVolumeClaim es la petición de almacenamiento persistente de un usuario."),
    doc!("PersistentVolumeClaim.spec", "PersistentVolumeClaimSpec", "spec defines the desired characteristics of a volume requested by a pod author.", "Las características del volumen que se pide."),
    doc!("PersistentVolumeClaim.spec.accessModes", "[]string", "accessModes contains the desired access modes the volume should have.", "Los modos de acceso deseados: ReadWriteOnce (RWO), ReadOnlyMany (ROX), ReadWriteMany (RWX), ReadWriteOncePod (RWOP)."),
    doc!("PersistentVolumeClaim.spec.storageClassName", "string", "storageClassName is the name of the StorageClass required by the claim.", "La StorageClass que pide la reclamación; si no se indica, se usa la clase por defecto."),
    doc!("Node", "Node", "Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).", "Un Node es una máquina del clúster donde se ejecutan pods."),
    doc!("Node.spec", "NodeSpec", "Spec defines the behavior of a node.", "La especificación del nodo."),
    doc!("Node.spec.taints", "[]Taint", "If specified, the node's taints.", "Los taints del nodo: solo los pods que los toleran pueden ir a él."),
    doc!("Node.spec.unschedulable", "boolean", "Unschedulable controls node schedulability of new pods. By default, node is schedulable.", "Si es true (kubectl cordon), no se asignan pods nuevos al nodo."),
];

/// Looks up `kubectl explain` for `what` (`sts.spec.serviceName`, `pods`, …).
pub fn explain(what: &str) -> Result<Explanation, String> {
    let mut parts = what.split('.');
    let res = parts.next().unwrap_or("");
    let t = resource_type(res).ok_or_else(|| format!("the server doesn't have a resource type \"{res}\""))?;
    let fields: Vec<&str> = parts.collect();
    let path = std::iter::once(t.kind).chain(fields.iter().copied()).collect::<Vec<_>>().join(".");
    let Some(doc) = DOCS.iter().find(|d| d.path == path) else {
        let last = fields.last().copied().unwrap_or(res);
        return Err(if fields.is_empty() { format!("no documentation for \"{res}\" in this simulator") } else { format!("field \"{last}\" does not exist") });
    };
    let (group, version) = if t.group.is_empty() { ("", "v1") } else { (t.group, "v1") };
    let prefix = format!("{path}.");
    let mut children: Vec<FieldDoc> = DOCS
        .iter()
        .filter(|d| d.path.strip_prefix(&prefix).is_some_and(|rest| !rest.contains('.')))
        .map(|d| FieldDoc {
            name: d.path.rsplit('.').next().unwrap_or(""),
            type_: d.type_,
            required: matches!(d.path, "Pod.spec.containers" | "StatefulSet.spec.selector" | "DaemonSet.spec.template"),
            description: d.description,
        })
        .collect();
    if fields.is_empty() {
        let mut top = vec![
            FieldDoc { name: "apiVersion", type_: "string", required: false, description: Text { en: API_VERSION_EN, es: API_VERSION_ES } },
            FieldDoc { name: "kind", type_: "string", required: false, description: Text { en: KIND_EN, es: KIND_ES } },
            FieldDoc { name: "metadata", type_: "ObjectMeta", required: false, description: Text { en: METADATA_EN, es: METADATA_ES } },
        ];
        top.append(&mut children);
        children = top;
    }
    Ok(Explanation {
        group,
        kind: t.kind,
        version,
        field: (!fields.is_empty()).then(|| (doc.path.rsplit('.').next().unwrap_or(""), doc.type_)),
        description: doc.description,
        fields: children,
    })
}

fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            out.push_str(&format!("{indent}{line}\n"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(&format!("{indent}{line}\n"));
    }
    out
}

/// `kubectl explain` in the terminal: English, in kubectl's plain-text layout.
pub(crate) fn explain_cmd(f: &Flags) -> Output {
    let Some(what) = f.positional.first() else {
        return Output::err("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
    };
    let e = match explain(what) {
        Ok(e) => e,
        Err(m) => return Output::err(format!("error: {m}\n")),
    };
    let mut s = String::new();
    if !e.group.is_empty() {
        s.push_str(&format!("GROUP:      {}\n", e.group));
    }
    s.push_str(&format!("KIND:       {}\nVERSION:    {}\n\n", e.kind, e.version));
    if let Some((name, ty)) = e.field {
        s.push_str(&format!("FIELD: {name} <{ty}>\n\n"));
    }
    s.push_str("DESCRIPTION:\n");
    s.push_str(&wrap(e.description.en, 76, "    "));
    s.push_str("    \n");
    if !e.fields.is_empty() {
        s.push_str("FIELDS:\n");
        for fd in &e.fields {
            s.push_str(&format!("  {}\t<{}>{}\n", fd.name, fd.type_, if fd.required { " -required-" } else { "" }));
            s.push_str(&wrap(fd.description.en, 74, "    "));
            s.push('\n');
        }
    }
    Output::ok(s)
}

/// `kubectl api-resources`: the types this cluster serves.
pub(crate) fn api_resources() -> Output {
    let mut rows = vec![vec!["NAME".to_string(), "SHORTNAMES".into(), "APIVERSION".into(), "NAMESPACED".into(), "KIND".into()]];
    let mut types: Vec<&super::ResourceType> = TYPES.iter().collect();
    crate::runtime::sort::by_key(&mut types, |t| (!t.group.is_empty(), t.group, t.plural));
    for t in types {
        let short: Vec<&str> = t.names.iter().copied().filter(|n| *n != t.plural && !n.contains('.') && *n != t.kind.to_lowercase()).collect();
        let api = if t.group.is_empty() { "v1".to_string() } else { format!("{}/v1", t.group) };
        rows.push(vec![t.plural.to_string(), short.join(","), api, t.namespaced.to_string(), t.kind.to_string()]);
    }
    Output::ok(crate::kubectl::printers::table(&rows))
}

pub(crate) fn version(f: &Flags) -> Output {
    if f.output.as_deref() == Some("json") {
        return Output::ok(format!(
            "{{\n  \"clientVersion\": {{\n    \"major\": \"1\",\n    \"minor\": \"33\",\n    \"gitVersion\": \"{VERSION}\",\n    \"platform\": \"linux/amd64\"\n  }},\n  \"kustomizeVersion\": \"v5.6.0\",\n  \"serverVersion\": {{\n    \"major\": \"1\",\n    \"minor\": \"33\",\n    \"gitVersion\": \"{VERSION}\",\n    \"platform\": \"linux/amd64\"\n  }}\n}}\n"
        ));
    }
    if f.client {
        return Output::ok(format!("Client Version: {VERSION}\nKustomize Version: v5.6.0\n"));
    }
    Output::ok(format!("Client Version: {VERSION}\nKustomize Version: v5.6.0\nServer Version: {VERSION}\n"))
}

pub(crate) fn cluster_info(f: &Flags) -> Output {
    if f.positional.first().map(String::as_str) == Some("dump") {
        return Output::err("error: cluster-info dump is not simulated\n");
    }
    Output::ok(
        "Kubernetes control plane is running at https://127.0.0.1:6443\nCoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    )
}

pub(crate) fn config(f: &Flags) -> Output {
    match f.positional.first().map(String::as_str) {
        Some("current-context") => Output::ok(format!("{CONTEXT}\n")),
        Some("get-contexts") => Output::ok(format!(
            "CURRENT   NAME        CLUSTER     AUTHINFO    NAMESPACE\n*         {CONTEXT}   {CONTEXT}   {CONTEXT}   \n"
        )),
        Some("use-context") => match f.positional.get(1) {
            Some(c) if c == CONTEXT => Output::ok(format!("Switched to context \"{CONTEXT}\".\n")),
            Some(c) => Output::err(format!("error: no context exists with the name: \"{c}\"\n")),
            None => Output::err("error: Unexpected args: []\nSee 'kubectl config use-context -h' for help and examples\n"),
        },
        Some(other) => Output::err(format!("error: unknown command \"{other}\" for \"kubectl config\"\nRun 'kubectl config --help' for usage.\n")),
        None => Output::err("error: Required subcommand not specified.\nSee 'kubectl config -h' for help and examples\n"),
    }
}
