//! The "why" panel's words: each structured decision record of kubesim, in the student's
//! language. Exhaustive matches: a new kind of decision without wording does not compile.

use crate::i18n::Lang;
use kubesim::why::{DeleteCause, SkipReason, WhyItem};

fn pick(lang: Lang, es: String, en: String) -> String {
    match lang {
        Lang::Es => es,
        Lang::En => en,
    }
}

fn skip_reason(lang: Lang, r: &SkipReason) -> String {
    match r {
        SkipReason::NodeSelectorMismatch { selector } => pick(
            lang,
            format!("sus etiquetas no cumplen el nodeSelector {selector}"),
            format!("its labels do not match the nodeSelector {selector}"),
        ),
        SkipReason::NodeAffinityMismatch => pick(
            lang,
            "no cumple la afinidad de nodo obligatoria".into(),
            "it does not match the required node affinity".into(),
        ),
        SkipReason::OtherNodeName { node_name } => pick(
            lang,
            format!("la plantilla fija spec.nodeName: {node_name}"),
            format!("the template pins spec.nodeName: {node_name}"),
        ),
        SkipReason::UntoleratedTaint { taint } => pick(
            lang,
            format!("tiene el taint {taint} y la plantilla no lo tolera"),
            format!("it has the taint {taint} and the template does not tolerate it"),
        ),
    }
}

fn cause(lang: Lang, c: &DeleteCause) -> String {
    let (es, en) = match c {
        DeleteCause::NodeNoLongerEligible => ("el nodo ya no debe tenerlo", "the node should no longer run it"),
        DeleteCause::Duplicate => ("sobraba: solo queda el más antiguo del nodo", "a duplicate: only the node's oldest stays"),
        DeleteCause::Failed => ("había fallado", "it had failed"),
        DeleteCause::Outdated => ("tenía la plantilla antigua (actualización)", "it had the old template (update)"),
        DeleteCause::ScaleDown => ("sobraban réplicas", "there were more replicas than wanted"),
        DeleteCause::ScaledDown => ("su ordinal quedó fuera de rango al reducir", "its ordinal fell out of range on scale-down"),
    };
    pick(lang, es.into(), en.into())
}

/// One decision, as a sentence.
pub fn why_item(lang: Lang, item: &WhyItem) -> String {
    match item {
        WhyItem::NodeSkipped { node, reason } => pick(
            lang,
            format!("No pone Pod en {node}: {}.", skip_reason(lang, reason)),
            format!("Puts no Pod on {node}: {}.", skip_reason(lang, reason)),
        ),
        WhyItem::NodeHasPod { node, pod } => {
            pick(lang, format!("{node} ya tiene su Pod {pod}."), format!("{node} already has its Pod {pod}."))
        }
        WhyItem::PodCreated { pod, node } => match node {
            Some(n) => pick(lang, format!("Crea {pod} para el nodo {n}."), format!("Creates {pod} for node {n}.")),
            None => pick(lang, format!("Crea {pod}."), format!("Creates {pod}.")),
        },
        WhyItem::PodDeleted { pod, node, cause: c } => {
            let on = node.as_ref().map(|n| match lang {
                Lang::Es => format!(" en {n}"),
                Lang::En => format!(" on {n}"),
            });
            pick(
                lang,
                format!("Borra {pod}{}: {}.", on.clone().unwrap_or_default(), cause(lang, c)),
                format!("Deletes {pod}{}: {}.", on.unwrap_or_default(), cause(lang, c)),
            )
        }
        WhyItem::WaitingForTermination { pod } => pick(
            lang,
            format!("Espera a que {pod} termine de cerrarse antes de sustituirlo."),
            format!("Waits for {pod} to finish terminating before replacing it."),
        ),
        WhyItem::Adopted { kind, name } => {
            pick(lang, format!("Adopta {kind} {name}: su selector lo elige."), format!("Adopts {kind} {name}: its selector matches it."))
        }
        WhyItem::Released { kind, name } => pick(
            lang,
            format!("Suelta {kind} {name}: ya no cumple su selector."),
            format!("Releases {kind} {name}: it no longer matches the selector."),
        ),
        WhyItem::ReplicaSetScaled { replica_set, from, to } => pick(
            lang,
            format!("Cambia el ReplicaSet {replica_set} de {from} a {to} réplicas."),
            format!("Scales ReplicaSet {replica_set} from {from} to {to} replicas."),
        ),
        WhyItem::RolloutBudgetUsed { max_surge, max_unavailable, total, available } => pick(
            lang,
            format!("La actualización espera: {total} Pods en total (máx. +{max_surge}), {available} disponibles (máx. {max_unavailable} no disponibles)."),
            format!("The rollout waits: {total} Pods in all (max +{max_surge}), {available} available (max {max_unavailable} unavailable)."),
        ),
        WhyItem::WaitingForOldPods { count } => pick(
            lang,
            format!("Recreate: espera a que desaparezcan {count} Pods antiguos."),
            format!("Recreate: waits for {count} old Pods to be gone."),
        ),
        WhyItem::OwnerBeingDeleted => pick(
            lang,
            "Se está borrando: solo actualiza su estado.".into(),
            "It is being deleted: it only updates its status.".into(),
        ),
        WhyItem::RolloutPaused => pick(
            lang,
            "La actualización está en pausa (kubectl rollout pause): los cambios de plantilla esperan a `kubectl rollout resume`.".into(),
            "The rollout is paused (kubectl rollout pause): template changes wait for `kubectl rollout resume`.".into(),
        ),
        WhyItem::WaitingForReady { pod, blocked } => pick(
            lang,
            format!("{blocked} espera: {pod} aún no está Running y Ready (OrderedReady)."),
            format!("{blocked} waits: {pod} is not Running and Ready yet (OrderedReady)."),
        ),
        WhyItem::WaitingForAvailable { pod, min_ready_seconds, blocked } => pick(
            lang,
            format!("{blocked} espera: {pod} está Ready pero no lleva {min_ready_seconds} s (minReadySeconds)."),
            format!("{blocked} waits: {pod} is Ready but not for {min_ready_seconds} s yet (minReadySeconds)."),
        ),
        WhyItem::WaitingForDeletion { pod } => pick(
            lang,
            format!("Espera a que el objeto {pod} desaparezca para recrearlo con el mismo nombre."),
            format!("Waits for the {pod} object to be gone to create it again under the same name."),
        ),
        WhyItem::WaitingForUpdate { pod } => pick(
            lang,
            format!("La actualización espera a que {pod} esté disponible."),
            format!("The rolling update waits for {pod} to be available."),
        ),
        WhyItem::Partitioned { partition, below } => pick(
            lang,
            format!("partition = {partition}: {below} se quedan con la revisión anterior."),
            format!("partition = {partition}: {below} keep the previous revision."),
        ),
        WhyItem::PvcCreated { claim, pod } => pick(
            lang,
            format!("Crea el PVC {claim} antes que el Pod {pod}."),
            format!("Creates PVC {claim} before Pod {pod}."),
        ),
        WhyItem::WaitingForClaimDeletion { claim, pod } => pick(
            lang,
            format!("{pod} espera: su PVC {claim} se está borrando."),
            format!("{pod} waits: its PVC {claim} is being deleted."),
        ),
        WhyItem::ClaimInUse { claim } => pick(
            lang,
            format!("El PVC {claim} sigue en uso por un Pod: queda Terminating (pvc-protection)."),
            format!("PVC {claim} is still used by a Pod: it stays Terminating (pvc-protection)."),
        ),
        WhyItem::Provisioning { claim, provisioner, node } => {
            let at = node.as_ref().map(|n| match lang {
                Lang::Es => format!(" en {n}"),
                Lang::En => format!(" on {n}"),
            });
            pick(
                lang,
                format!("El PVC {claim} espera un volumen de {provisioner}{}.", at.clone().unwrap_or_default()),
                format!("PVC {claim} waits for a volume from {provisioner}{}.", at.unwrap_or_default()),
            )
        }
        WhyItem::ClaimBound { claim, volume } => {
            pick(lang, format!("El PVC {claim} queda ligado a {volume}."), format!("PVC {claim} is bound to {volume}."))
        }
        WhyItem::MultiAttach { pod, volume, holders } => pick(
            lang,
            format!("{pod} no arranca: el volumen ReadWriteOnce {volume} ya está en uso por {} en otro nodo.", holders.join(", ")),
            format!("{pod} cannot start: ReadWriteOnce volume {volume} is already used by {} on another node.", holders.join(", ")),
        ),
        WhyItem::ImagePullFailed { pod, image, seconds } => pick(
            lang,
            format!("{pod} no arranca: la imagen {image} no se puede descargar (ErrImagePull). El kubelet lo reintenta en {seconds} s (ImagePullBackOff); corrige el nombre o la etiqueta de la imagen."),
            format!("{pod} cannot start: image {image} cannot be pulled (ErrImagePull). The kubelet tries again in {seconds} s (ImagePullBackOff); fix the image's name or tag."),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ordered_ready_wait_reads_as_the_design_says() {
        let item = WhyItem::WaitingForReady { pod: "web-1".into(), blocked: "web-2".into() };
        assert_eq!(why_item(Lang::Es, &item), "web-2 espera: web-1 aún no está Running y Ready (OrderedReady).");
        assert_eq!(why_item(Lang::En, &item), "web-2 waits: web-1 is not Running and Ready yet (OrderedReady).");
    }

    #[test]
    fn a_skipped_control_plane_names_its_taint() {
        let item = WhyItem::NodeSkipped {
            node: "kind-control-plane".into(),
            reason: SkipReason::UntoleratedTaint { taint: "node-role.kubernetes.io/control-plane:NoSchedule".into() },
        };
        let es = why_item(Lang::Es, &item);
        assert!(es.contains("kind-control-plane") && es.contains("no lo tolera"), "{es}");
        assert!(why_item(Lang::En, &item).contains("does not tolerate"));
    }
}

/// Words of the panel itself.
pub fn panel_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Es => "¿Por qué?",
        Lang::En => "Why?",
    }
}

pub fn workload_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Es => "Carga de trabajo",
        Lang::En => "Workload",
    }
}

pub fn nothing_yet(lang: Lang) -> &'static str {
    match lang {
        Lang::Es => "Aplica un DaemonSet, StatefulSet o Deployment para ver qué decide su controlador.",
        Lang::En => "Apply a DaemonSet, StatefulSet or Deployment to see what its controller decides.",
    }
}

/// "N nodes already have their Pod", folding the per-node lines of a converged DaemonSet.
pub fn nodes_with_pod(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Es, 1) => "1 nodo ya tiene su Pod.".into(),
        (Lang::Es, n) => format!("{n} nodos ya tienen su Pod."),
        (Lang::En, 1) => "1 node already has its Pod.".into(),
        (Lang::En, n) => format!("{n} nodes already have their Pod."),
    }
}

/// When the latest decision had nothing to do.
pub fn all_settled(lang: Lang) -> &'static str {
    match lang {
        Lang::Es => "Nada pendiente: lo que pide la especificación ya se cumple.",
        Lang::En => "Nothing pending: what the spec asks for already holds.",
    }
}
