//! Every string the app says, in Spanish and English, from one typed table. A message
//! without both translations does not compile (the `messages!` macro needs both).
//! kubectl's own output stays English, as the real tool's.

pub use course::Lang;

macro_rules! messages {
    ($($id:ident => $es:literal, $en:literal;)*) => {
        /// A fixed UI string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg { $($id),* }

        impl Msg {
            #[cfg_attr(not(test), allow(dead_code))]
            pub const ALL: &'static [Msg] = &[$(Msg::$id),*];
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$id, Lang::Es) => $es, (Msg::$id, Lang::En) => $en,)*
                }
            }
        }
    };
}

messages! {
    AppTitle => "kubeaula", "kubeaula";
    AppTagline => "Curso y laboratorio de Kubernetes", "Kubernetes course and playground";
    Language => "Idioma", "Language";
    LessonPane => "Lección", "Lesson";
    Playground => "Laboratorio", "Playground";
    ClusterView => "Clúster", "Cluster";
    Editor => "Editor", "Editor";
    Terminal => "Terminal", "Terminal";
    Apply => "Aplicar", "Apply";
    ApplyShortcut => "Ctrl+Enter aplica el YAML", "Ctrl+Enter applies the YAML";
    ResetFile => "Restaurar archivo", "Reset file";
    Goals => "Objetivos", "Goals";
    GoalMet => "cumplido", "done";
    GoalPending => "pendiente", "to do";
    Hint => "Pista", "Hint";
    ShowHint => "Mostrar una pista", "Show a hint";
    Clock => "Reloj", "Clock";
    Play => "Reanudar", "Play";
    Pause => "Pausar", "Pause";
    StepClock => "Siguiente evento", "Next event";
    Speed => "Velocidad", "Speed";
    Elapsed => "Tiempo simulado", "Simulated time";
    ControlPlane => "plano de control", "control plane";
    Worker => "nodo de trabajo", "worker";
    NodeReady => "Listo", "Ready";
    NodeNotReady => "No listo", "Not ready";
    Cordoned => "Sin programación", "Scheduling disabled";
    Taints => "Taints", "Taints";
    NoPods => "Sin Pods", "No Pods";
    Pending => "Pendiente", "Pending";
    ContainerCreating => "Creando contenedor", "Creating container";
    Running => "En ejecución", "Running";
    ReadyWord => "listo", "ready";
    NotReadyWord => "no listo", "not ready";
    Terminating => "Terminando", "Terminating";
    Completed => "Completado", "Completed";
    Failed => "Fallido", "Failed";
    CrashLoop => "Reinicios en bucle (CrashLoopBackOff)", "Restart loop (CrashLoopBackOff)";
    PullFailed => "La imagen no se pudo descargar (ErrImagePull)", "Image pull failed (ErrImagePull)";
    PullBackOff => "Espera para volver a descargar la imagen (ImagePullBackOff)", "Waiting to pull the image again (ImagePullBackOff)";
    BadImageName => "Nombre de imagen no válido (InvalidImageName)", "Invalid image name (InvalidImageName)";
    NeverPull => "La imagen no está en el nodo y no se descarga (ErrImageNeverPull)", "Image not on the node and never pulled (ErrImageNeverPull)";
    UnknownStatus => "Desconocido (nodo sin contacto)", "Unknown (node unreachable)";
    Unscheduled => "Sin nodo asignado", "Not scheduled";
    OfflineReady => "kubeaula ya funciona sin conexión: los dos idiomas y todas las lecciones están guardadas en este navegador.", "kubeaula now works offline: both languages and every lesson are stored in this browser.";
    UpdateReady => "Hay una versión nueva de kubeaula descargada. Se usará en tu próxima visita.", "A new version of kubeaula has been downloaded. It will be used on your next visit.";
    UpdateNow => "Usarla ahora", "Use it now";
    Dismiss => "Cerrar aviso", "Dismiss";
    BarePod => "Pod suelto", "Bare Pod";
    ErrorAt => "Error en la línea", "Error at line";
    Column => "columna", "column";
    RealMessage => "kubectl diría:", "kubectl would say:";
    ApplyOk => "Aplicado", "Applied";
    WarningAt => "Aviso en la línea", "Warning at line";
    TerminalPrompt => "Escribe un comando kubectl y presiona Enter", "Type a kubectl command and press Enter";
    TerminalInput => "Línea de comandos", "Command line";
    Files => "Archivos", "Files";
    LiveRegion => "Novedades del clúster", "Cluster news";
    PodCreatedNews => "Pod creado", "Pod created";
    PodReadyNews => "Pod listo", "Pod ready";
    PodDeletedNews => "Pod eliminado", "Pod deleted";
    PodsCreatedNews => "Pods creados", "Pods created";
    PodsReadyNews => "Pods listos", "Pods ready";
    PodsDeletedNews => "Pods eliminados", "Pods deleted";
    SkipToPlayground => "Saltar al laboratorio", "Skip to the playground";
    NodeControls => "Acciones del nodo", "Node actions";
    Storage => "Almacenamiento", "Storage";
    Claims => "PersistentVolumeClaims", "PersistentVolumeClaims";
    Volumes => "PersistentVolumes", "PersistentVolumes";
    NoClaimUser => "sin Pod", "no Pod";
    Services => "Services y DNS", "Services and DNS";
    Headless => "headless", "headless";
    NoReadyEndpoints => "sin endpoints listos (el DNS aún no responde)", "no ready endpoints (DNS does not answer yet)";
    Predict => "Antes de seguir, predice", "Before you go on, predict";
    CheckAnswer => "Comprobar", "Check";
    RightAnswer => "¡Correcto!", "Right!";
    WrongAnswer => "No exactamente.", "Not quite.";
    PrevStep => "Paso anterior", "Previous step";
    NextStep => "Paso siguiente", "Next step";
    StepWord => "Paso", "Step";
    OfWord => "de", "of";
    LessonList => "Lecciones", "Lessons";
    RunCode => "Ejecutar en la terminal", "Run in the terminal";
    LoadYaml => "Cargar en el editor", "Load into the editor";
    AddNode => "Agregar nodo", "Add node";
    AddControlPlane => "Agregar nodo del plano de control", "Add control-plane node";
    Cordon => "Acordonar", "Cordon";
    Uncordon => "Desacordonar", "Uncordon";
    Drain => "Drenar", "Drain";
    FailNode => "Hacer fallar", "Fail";
    RecoverNode => "Recuperar", "Recover";
    RemoveNode => "Quitar", "Remove";
    AddLabel => "Etiquetar", "Label";
    AddTaint => "Agregar taint", "Add taint";
    LabelPlaceholder => "clave=valor", "key=value";
    TaintPlaceholder => "clave=valor:NoSchedule", "key=value:NoSchedule";
    MoreNodeActions => "Etiquetas y taints", "Labels and taints";
    TextView => "Vista en texto", "Text view";
    Node => "Nodo", "Node";
    Pod => "Pod", "Pod";
    Status => "Estado", "Status";
    Owner => "Propietario", "Owner";
    Role => "Rol", "Role";
    // Layout: the lesson pane folds away, the panes resize, narrow screens use tabs.
    HideLesson => "Ocultar la lección", "Hide the lesson";
    ShowLesson => "Mostrar la lección", "Show the lesson";
    ResizeLesson => "Ancho de la lección", "Lesson pane width";
    ResizeCluster => "Alto de la vista del clúster", "Cluster view height";
    PanelTabs => "Paneles", "Panels";
    // Editor: the plain-textarea mode.
    PlainEditor => "Editor de texto simple", "Plain text editor";
    ProblemsList => "Problemas del YAML", "Problems in the YAML";
    NoProblems => "Sin errores ni avisos", "No errors or warnings";
    NotCheckedYet => "Aún no comprobado: escribe o presiona Aplicar", "Not checked yet: type or press Apply";
    LineWord => "Línea", "Line";
    ErrorWord => "error", "error";
    WarningWord => "aviso", "warning";
    // Terminal: names that select their card.
    SelectInCluster => "Seleccionar en el clúster", "Select in the cluster";
    // Cluster view: filter by workload.
    FilterPods => "Mostrar Pods de", "Show Pods of";
    AllPods => "Todos los Pods", "All Pods";
    BarePods => "Pods sueltos", "Bare Pods";
    HiddenByFilter => "Pods ocultos por el filtro", "Pods hidden by the filter";
    // Lesson: show solution, progress per step.
    ShowSolution => "Mostrar la solución", "Show the solution";
    ConfirmSolution => "¿Ver la solución ahora? Intentarlo antes ayuda a aprender.", "See the solution now? Trying first helps you learn.";
    ConfirmYes => "Sí, mostrarla", "Yes, show it";
    ConfirmNo => "No, sigo intentándolo", "No, I'll keep trying";
    Solution => "Solución", "Solution";
    SolutionApply => "Carga el archivo en el editor y aplícalo (o ejecuta el comando):", "Load the file into the editor and apply it (or run the command):";
    SolutionRun => "Ejecuta en la terminal:", "Run in the terminal:";
    StepsNav => "Pasos de la lección", "Lesson steps";
    StepDone => "hecho", "done";
    StepPending => "pendiente", "to do";
    StepsDone => "pasos hechos", "steps done";
    Timeline => "Cronología de eventos", "Timeline of events";
    TimelineHint => "Elige un evento para ver el clúster tal como estaba entonces (solo lectura).", "Pick an event to see the cluster as it was then (read-only).";
    FilterByObject => "Filtrar por objeto", "Filter by object";
    AllObjects => "Todos los objetos", "All objects";
    NoEvents => "Todavía no hay eventos.", "No events yet.";
    ShowMoreEvents => "Mostrar más eventos", "Show more events";
    EventsShown => "eventos mostrados", "events shown";
    WarningEvent => "Aviso", "Warning";
    NormalEvent => "Normal", "Normal";
    EventTime => "Momento", "Time";
    ViewingAt => "Viendo el clúster a los", "Viewing the cluster at";
    PastWord => "(pasado)", "(past)";
    BackToLive => "Volver al presente", "Back to live";
    EscBackToLive => "Esc vuelve al presente.", "Esc goes back to live.";
    ReadOnlyPast => "Estás mirando el pasado: el clúster es de solo lectura. Vuelve al presente para cambiarlo.", "You are looking at the past: the cluster is read-only. Go back to live to change it.";
    // Display: themes, projection mode, spotlight, keyboard shortcuts.
    Display => "Presentación", "Display";
    ThemeLabel => "Tema", "Theme";
    ThemeProjectionLabel => "Tema al proyectar", "Theme while projecting";
    ThemeAuto => "Automático (sistema)", "Auto (system)";
    ThemeLight => "Claro", "Light";
    ThemeDark => "Oscuro", "Dark";
    ThemeContrast => "Alto contraste", "High contrast";
    Projection => "Proyectar", "Project";
    ProjectionOn => "Modo proyección activado", "Projection mode on";
    ProjectionOff => "Modo proyección desactivado", "Projection mode off";
    TextSize => "Tamaño del texto", "Text size";
    TextSmaller => "Texto más pequeño", "Smaller text";
    TextBigger => "Texto más grande", "Bigger text";
    Spotlight => "Foco", "Spotlight";
    SpotlightNeedsSelection => "Foco: selecciona un Pod o un nodo (haz clic en él) para destacarlo.", "Spotlight: select a Pod or a node (click it) to highlight it.";
    SpotlightOn => "Foco en", "Spotlight on";
    SpotlightOff => "Foco apagado", "Spotlight off";
    ClockPaused => "Reloj en pausa", "Clock paused";
    ClockRunning => "Reloj en marcha", "Clock running";
    LessonHidden => "Lección oculta", "Lesson hidden";
    LessonShown => "Lección visible", "Lesson shown";
    Shortcuts => "Atajos de teclado", "Keyboard shortcuts";
    Close => "Cerrar", "Close";
    ShortcutsAnywhere => "En la página (no mientras escribes en el editor, la terminal u otro campo)", "On the page (not while typing in the editor, the terminal or another field)";
    ShortcutsTyping => "En el editor y la terminal", "In the editor and the terminal";
    KeyColumn => "Tecla", "Key";
    ActionColumn => "Qué hace", "What it does";
    KeySpace => "Espacio", "Space";
    KeyCtrlEnter => "Ctrl+Enter", "Ctrl+Enter";
    ShortcutPlayPause => "Pausar o reanudar el reloj", "Pause or play the clock";
    ShortcutStep => "Avanzar al siguiente evento", "Step to the next event";
    ShortcutAddNode => "Agregar un nodo de trabajo (sim node add)", "Add a worker node (sim node add)";
    ShortcutSpeed => "Velocidad 1×, 2×, 5× o 10×", "Speed 1×, 2×, 5× or 10×";
    ShortcutProjection => "Activar o desactivar el modo proyección", "Turn projection mode on or off";
    ShortcutTextSize => "Texto más grande o más pequeño (al proyectar)", "Bigger or smaller text (while projecting)";
    ShortcutLesson => "Mostrar u ocultar la lección", "Show or hide the lesson";
    ShortcutSpotlight => "Foco: atenuar todo menos el Pod o nodo seleccionado", "Spotlight: dim everything but the selected Pod or node";
    ShortcutSheet => "Abrir esta lista de atajos", "Open this list of shortcuts";
    ShortcutClose => "Cerrar esta lista", "Close this list";
    ShortcutApply => "Aplicar el YAML del editor", "Apply the editor's YAML";
    ShortcutHistory => "Comandos anteriores de la terminal", "Earlier terminal commands";
    ShortcutComplete => "Completar un comando o un nombre", "Complete a command or a name";
    ShortcutSearch => "Buscar hacia atrás en el historial", "Search back through the history";
    ShortcutInterrupt => "Parar un kubectl get -w (con la línea vacía)", "Stop a kubectl get -w (with an empty line)";
    // Saving, sharing, starting over.
    SaveMenu => "Guardar y compartir", "Save and share";
    SavedAutomatically => "Tu trabajo se guarda solo en este navegador.", "Your work is saved automatically in this browser.";
    SavedUnreadable => "No se pudo leer lo que había guardado:", "What was saved could not be read:";
    SavedSetAside => "Se apartó (sin borrarlo) y la app empieza de cero.", "It has been set aside (not deleted) and the app starts afresh.";
    Download => "Descargarlo", "Download it";
    LinkRefused => "Este enlace compartido no se puede abrir:", "This share link cannot be opened:";
    ImportRefused => "Este archivo no se puede importar:", "This file cannot be imported:";
    NothingChanged => "No se cambió nada.", "Nothing was changed.";
    Imported => "Progreso importado.", "Progress imported.";
    OpenSharedAsk => "Este enlace abre una lección con su clúster y sus archivos. Sustituye tu clúster y tu editor; tu progreso se queda.", "This link opens a lesson with its cluster and files. It replaces your cluster and editor; your progress stays.";
    OpenSharedYes => "Abrirlo", "Open it";
    OpenSharedNo => "Quedarme con lo mío", "Keep mine";
    ShareLink => "Crear enlace para compartir", "Create a share link";
    ShareLinkLabel => "Enlace (lección, paso, archivos y clúster)", "Link (lesson, step, files and cluster)";
    CopyLink => "Copiar enlace", "Copy link";
    Copied => "Copiado", "Copied";
    Characters => "caracteres", "characters";
    QrLabel => "Código QR del enlace compartido", "QR code of the share link";
    ExportProgress => "Exportar progreso (archivo)", "Export progress (file)";
    ImportProgress => "Importar progreso:", "Import progress:";
    ResetLesson => "Empezar esta lección de nuevo", "Start this lesson over";
    ResetAll => "Empezar todo de nuevo", "Start everything over";
    ResetLessonAsk => "¿Empezar esta lección de nuevo? Se borran su progreso y sus archivos, y el clúster vuelve a estar vacío.", "Start this lesson over? Its progress and files are cleared and the cluster starts empty.";
    ResetAllAsk => "¿Empezar todo de nuevo? Se borra todo lo guardado en este navegador.", "Start everything over? Everything saved in this browser is deleted.";
    ResetYes => "Sí, empezar de nuevo", "Yes, start over";
    ResetNo => "No", "No";
    // The stage: the cluster's bar, drawers, fit; the header's menu; the way back.
    Menu => "Menú", "Menu";
    LeaveProjection => "Salir de la proyección", "Leave projection";
    ViewTools => "Vista del clúster", "Cluster view";
    StagePanels => "Paneles sobre el escenario", "Panels over the stage";
    TimelineShort => "Cronología", "Timeline";
    WhyShort => "Por qué", "Why";
    Fit => "Ajustar a la vista", "Fit to view";
    FitOn => "Vista ajustada: todo el clúster a la vista", "Fitted: the whole cluster in view";
    FitOff => "Vista a tamaño normal", "View at normal size";
    CloseDrawer => "Cerrar el panel", "Close the panel";
    CloseOverlay => "Cerrar", "Close";
    BackToLesson => "← Volver a la lección", "← Back to the lesson";
    OfflineStatus => "Funciona sin conexión", "Works offline";
    UpdateStatus => "Hay una versión nueva: usarla ahora", "A new version is ready: use it now";
    WideTerminal => "Terminal ancho", "Wide terminal";
    ShowEditor => "Mostrar el editor", "Show the editor";
    WideTerminalOn => "Terminal ancho: ocupa también el sitio del editor", "Wide terminal: it takes the editor's room too";
    WideTerminalOff => "Terminal a su tamaño", "Terminal at its own size";
    ShortcutEditor => "Editor: mostrarlo al proyectar, o ir a él", "Editor: call it up while projecting, or go to it";
    ShortcutTerminal => "Terminal: mostrarlo al proyectar, o ir a él", "Terminal: call it up while projecting, or go to it";
    ShortcutWideTerminal => "Terminal ancho (con el sitio del editor) o a su tamaño", "Wide terminal (with the editor's room) or back to its size";
    ShortcutTimeline => "Abrir o cerrar la cronología de eventos", "Open or close the timeline of events";
    ShortcutWhy => "Abrir o cerrar el panel «Por qué»", "Open or close the «Why» panel";
    ShortcutFit => "Ajustar: todo el clúster a la vista, o tamaño normal", "Fit: the whole cluster in view, or normal size";
    TerminalHelp => "Esta terminal acepta:\n  kubectl …           los comandos de kubectl: kubectl get pods, kubectl apply -f daemonset.yaml,\n                      kubectl describe pod NOMBRE (kubectl solo muestra su ayuda, en inglés)\n  sim …               controles del simulador: sim node add|remove|fail|recover NODO, sim step\n  sleep 10s           adelanta el reloj del clúster 10 segundos\n  cat > x.yaml <<EOF  escribe un archivo (termina con una línea EOF)\n  clear               limpia la terminal\nTab completa comandos y nombres; ↑ y ↓ recorren lo ya escrito; Ctrl+C detiene un kubectl get -w.\n¿No sabes qué hacer? En la lección, «Mostrar una pista» te da la siguiente pista del paso.", "This terminal accepts:\n  kubectl …           kubectl's commands: kubectl get pods, kubectl apply -f daemonset.yaml,\n                      kubectl describe pod NAME (kubectl alone prints its own help)\n  sim …               simulator controls: sim node add|remove|fail|recover NODE, sim step\n  sleep 10s           moves the cluster's clock on by 10 seconds\n  cat > x.yaml <<EOF  writes a file (end it with a line EOF)\n  clear               clears the terminal\nTab completes commands and names; ↑ and ↓ walk back through what you typed; Ctrl+C stops a kubectl get -w.\nStuck? In the lesson, “Show a hint” gives the step's next hint.";
    AfterKubectlHelp => "Esa es la ayuda de kubectl, en inglés como la herramienta real. Escribe help para ver qué acepta esta terminal, o pide una pista en la lección.", "That is kubectl's own help. Type help to see what this terminal accepts, or ask the lesson for a hint.";
    PredictFirst => "Predice primero ↑", "Predict first ↑";
    PredictFirstNote => "Antes de actuar, responde (o salta) la pregunta de arriba: los botones de este paso se activan después.", "Before acting, answer (or skip) the question above: this step's buttons come on afterwards.";
    SkipPredict => "Saltar la pregunta", "Skip the question";
    LoadAsk => "Has cambiado este archivo; cargar el fragmento borraría tus cambios:", "You changed this file; loading the snippet would erase your changes:";
    LoadNewTab => "Abrirlo en una pestaña nueva", "Open it in a new tab";
    LoadReplace => "Reemplazar mi versión", "Replace my version";
    LoadCancel => "Cancelar", "Cancel";
    LessonComplete => "¡Lección completada!", "Lesson complete!";
    LessonLastStepDone => "Has terminado el último paso", "You finished the last step";
    StepsLeft => "pendientes:", "still to do:";
    Learned => "Lo que has aprendido", "What you learnt";
    NextLesson => "Siguiente lección:", "Next lesson:";
    CourseDone => "Has terminado el curso. Puedes repetir cualquier lección, o seguir practicando en el clúster.", "You have finished the course. You can go back to any lesson, or keep practising on the cluster.";
    NoQrTooLong => "Este enlace es demasiado largo para un código QR (un QR admite unos 2900 caracteres).", "This link is too long for a QR code (a QR code holds about 2,900 characters).";
    NoQrExport => "Puedes copiar el enlace, o guardar tu progreso en un archivo y pasarlo:", "You can copy the link, or save your progress to a file and pass it on:";
}

/// Simulated elapsed time as the timeline and its banner show it: `45s`, `1m20s`,
/// `1m20.5s`, `1h2m0s`.
pub fn elapsed_text(ms: u64) -> String {
    let tenths = (ms % 1000) / 100;
    let s = ms / 1000;
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    let secs = if tenths == 0 { format!("{sec}s") } else { format!("{sec}.{tenths}s") };
    match (h, m) {
        (0, 0) => secs,
        (0, m) => format!("{m}m{secs}"),
        (h, m) => format!("{h}h{m}m{secs}"),
    }
}

mod errors;
mod syntax;
mod warnings;

pub use errors::apply_error;
pub use warnings::manifest_warning;

/// The phase/status word of a pod card (kubectl's STATUS reworded), with its icon.
pub fn pod_status_word(lang: Lang, status: &str, ready: bool) -> (&'static str, String) {
    let (icon, msg) = match status {
        "Pending" => ("◌", Some(Msg::Pending)),
        "ContainerCreating" => ("◔", Some(Msg::ContainerCreating)),
        "Running" if ready => ("●", Some(Msg::Running)),
        "Running" | "NotReady" => ("◑", Some(Msg::Running)),
        "Terminating" => ("✕", Some(Msg::Terminating)),
        "Completed" => ("■", Some(Msg::Completed)),
        "Failed" | "Error" => ("▲", Some(Msg::Failed)),
        "CrashLoopBackOff" => ("↻", Some(Msg::CrashLoop)),
        "ErrImagePull" => ("⊘", Some(Msg::PullFailed)),
        "ImagePullBackOff" => ("⊘", Some(Msg::PullBackOff)),
        "InvalidImageName" => ("⊗", Some(Msg::BadImageName)),
        "ErrImageNeverPull" => ("⊗", Some(Msg::NeverPull)),
        "Unknown" => ("?", Some(Msg::UnknownStatus)),
        _ => ("?", None),
    };
    let mut word = msg.map(|m| m.text(lang).to_string()).unwrap_or_else(|| status.to_string());
    if status == "Running" || status == "NotReady" {
        word = format!("{word}, {}", if ready { Msg::ReadyWord.text(lang) } else { Msg::NotReadyWord.text(lang) });
    }
    (icon, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elapsed_time_reads_like_a_duration() {
        assert_eq!(elapsed_text(0), "0s");
        assert_eq!(elapsed_text(45_000), "45s");
        assert_eq!(elapsed_text(80_000), "1m20s");
        assert_eq!(elapsed_text(80_540), "1m20.5s");
        assert_eq!(elapsed_text(3_720_000), "1h2m0s");
    }

    #[test]
    fn every_pod_status_the_simulator_prints_has_a_word_and_a_shape() {
        for status in ["Pending", "ContainerCreating", "Running", "NotReady", "Terminating", "Completed", "Error", "Failed", "CrashLoopBackOff", "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "Unknown"] {
            for lang in [Lang::Es, Lang::En] {
                let (icon, word) = pod_status_word(lang, status, false);
                assert!(!icon.is_empty() && !word.is_empty(), "{status}");
                assert!(status == "Unknown" || icon != "?", "{status} has no shape of its own");
            }
        }
        assert_eq!(pod_status_word(Lang::Es, "NotReady", false).1, "En ejecución, no listo");
        assert_eq!(pod_status_word(Lang::En, "CrashLoopBackOff", false).1, "Restart loop (CrashLoopBackOff)");
    }

    #[test]
    fn every_message_has_both_languages() {
        for m in Msg::ALL {
            assert!(!m.text(Lang::Es).is_empty(), "{m:?}");
            assert!(!m.text(Lang::En).is_empty(), "{m:?}");
        }
    }

}
