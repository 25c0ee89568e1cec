//! Every string the app says, in Spanish and English, from one typed table. A message
//! without both translations does not compile (the `messages!` macro needs both).
//! kubectl's own output stays English, as the real tool's.

pub use course::Lang;
use kubesim::manifest::{InvalidDetail, ManifestError, ManifestErrorKind};

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

/// Any failed apply, worded for the student.
pub fn apply_error(lang: Lang, e: &kubesim::ApplyError) -> String {
    match e {
        kubesim::ApplyError::Manifest(m) => manifest_error(lang, m),
        kubesim::ApplyError::NamespaceNotFound { namespace, .. } => match lang {
            Lang::Es => format!("El namespace `{namespace}` no existe: créalo antes (kubectl create namespace {namespace}) o quita `metadata.namespace`."),
            Lang::En => format!("Namespace `{namespace}` does not exist: create it first (kubectl create namespace {namespace}) or remove `metadata.namespace`."),
        },
    }
}

/// A parse or validation error of the editor's YAML, worded for the student.
pub fn manifest_error(lang: Lang, e: &ManifestError) -> String {
    use ManifestErrorKind as K;
    let es = lang == Lang::Es;
    match &e.kind {
        K::Syntax { problem, .. } => {
            // libyaml's own English stays in the real message shown beside this one.
            let (why_es, why_en) = syntax_problem(problem);
            if es {
                format!("El YAML no es válido: {why_es}")
            } else {
                format!("The YAML is not valid: {why_en}")
            }
        }
        K::NotAnObject => {
            if es {
                "Este documento no es un objeto de Kubernetes: falta un mapa con `apiVersion`, `kind` y `metadata`.".into()
            } else {
                "This document is not a Kubernetes object: a mapping with `apiVersion`, `kind` and `metadata` is missing.".into()
            }
        }
        K::MissingTypeField { field } => {
            if es {
                format!("Falta el campo `{field}`: cada objeto dice qué es con `apiVersion` y `kind`.")
            } else {
                format!("The field `{field}` is missing: every object says what it is with `apiVersion` and `kind`.")
            }
        }
        K::UnsupportedKind { kind, .. } => {
            let supported = kubesim::manifest::SUPPORTED.iter().map(|(k, v)| format!("{k} ({v})")).collect::<Vec<_>>().join(", ");
            if es {
                format!("`{kind}` no está disponible aquí: este clúster simulado no lo modela. Tipos disponibles: {supported}.")
            } else {
                format!("`{kind}` is not supported here: this simulated cluster does not model it. Available kinds: {supported}.")
            }
        }
        K::WrongApiVersion { kind, api_version, expected } => {
            let old = api_version.contains("beta") || api_version.contains("alpha");
            match (es, old) {
                (true, true) => format!("`{kind}` se escribe con `apiVersion: {expected}`, no `{api_version}`: esa versión beta se retiró (Kubernetes 1.16 y siguientes ya no la sirven)."),
                (true, false) => format!("`{kind}` se escribe con `apiVersion: {expected}`, no `{api_version}`."),
                (false, true) => format!("`{kind}` goes with `apiVersion: {expected}`, not `{api_version}`: that beta version was removed (Kubernetes 1.16 and later no longer serve it)."),
                (false, false) => format!("`{kind}` goes with `apiVersion: {expected}`, not `{api_version}`."),
            }
        }
        K::UnknownField { field, path, suggestion } => {
            let place = if path.is_empty() { "".to_string() } else { format!(" `{path}`") };
            let hint = match (suggestion, es) {
                (Some(s), true) => format!(" ¿Quisiste decir `{s}`?"),
                (Some(s), false) => format!(" Did you mean `{s}`?"),
                (None, _) => String::new(),
            };
            if es {
                format!("`{field}`: campo desconocido en{place}.{hint}")
            } else {
                format!("`{field}`: unknown field in{place}.{hint}")
            }
        }
        K::WrongType { path, expected, found, value } => {
            let got = match (value.is_empty(), es) {
                (true, true) => value_type(true, *found).to_string(),
                (true, false) => value_type(false, *found).to_string(),
                (false, true) => format!("{} \"{value}\"", value_type(true, *found)),
                (false, false) => format!("{} \"{value}\"", value_type(false, *found)),
            };
            // `version: 1.0` in labels: YAML reads a number; quoting keeps it a string.
            let quote = *expected == kubesim::manifest::ValueType::String && !value.is_empty();
            match (es, quote) {
                (true, true) => format!("`{path}` debe ser {}, pero YAML lee {got}. Escríbelo entre comillas: \"{value}\".", value_type(true, *expected)),
                (false, true) => format!("`{path}` must be {}, but YAML reads {got}. Write it in quotes: \"{value}\".", value_type(false, *expected)),
                (true, false) => format!("`{path}` debe ser {}, pero es {got}.", value_type(true, *expected)),
                (false, false) => format!("`{path}` must be {}, but it is {got}.", value_type(false, *expected)),
            }
        }
        K::OutOfRange { path, value } => {
            if es {
                format!("`{path}`: el número {value} es demasiado grande para este campo.")
            } else {
                format!("`{path}`: the number {value} is too big for this field.")
            }
        }
        K::BadValue { path, detail } => {
            if es {
                format!("Valor no válido en `{path}`: {detail}")
            } else {
                format!("Invalid value at `{path}`: {detail}")
            }
        }
        K::DuplicateKey { path, key } => {
            let place = if path.is_empty() { String::new() } else { format!(" `{path}`") };
            if es {
                format!("`{key}` aparece dos veces en{place}: cada clave va una sola vez en un mapa (¿querías una lista o dos documentos separados por `---`?).")
            } else {
                format!("`{key}` appears twice in{place}: each key goes only once in a mapping (did you mean a list, or two documents separated by `---`?).")
            }
        }
        K::BadQuantity { path, value } => {
            if es {
                format!("`{path}`: \"{value}\" no es una cantidad válida. Escribe el número pegado a la unidad: `5Gi`, `500Mi`, `5G` o `1e3` (sin espacio, y `GB` no existe).")
            } else {
                format!("`{path}`: \"{value}\" is not a valid quantity. Write the number next to its unit: `5Gi`, `500Mi`, `5G` or `1e3` (no space, and `GB` does not exist).")
            }
        }
        K::TooDeep => {
            if es {
                "El YAML anida demasiados niveles: ningún objeto de Kubernetes es tan profundo.".into()
            } else {
                "The YAML nests too many levels: no Kubernetes object is that deep.".into()
            }
        }
        K::AliasBomb => {
            if es {
                "Los alias (`*nombre`) de este YAML se expanden a demasiados datos; se rechaza para no bloquear el clúster.".into()
            } else {
                "The aliases (`*name`) in this YAML expand to too much data; it is refused so the cluster does not hang.".into()
            }
        }
        K::TooManyObjects { limit } => {
            if es {
                format!("Demasiados objetos de una vez: este clúster simulado aplica como mucho {limit} por archivo.")
            } else {
                format!("Too many objects at once: this simulated cluster applies at most {limit} per file.")
            }
        }
        K::TooLarge { bytes, limit } => {
            if es {
                format!("Este documento ocupa {bytes} bytes; el servidor de la API no acepta más de {limit} en una petición.")
            } else {
                format!("This document is {bytes} bytes; the API server accepts at most {limit} in one request.")
            }
        }
        K::Required { path } => {
            if es {
                format!("Falta el campo obligatorio `{path}`.")
            } else {
                format!("The required field `{path}` is missing.")
            }
        }
        K::Invalid { path, detail } => invalid_detail(es, path, detail),
        K::Empty => {
            if es {
                "No hay ningún objeto que aplicar.".into()
            } else {
                "There is no object to apply.".into()
            }
        }
    }
}

/// What a YAML syntax mistake is and how to fix it, in Spanish and English, each the end of
/// a sentence. The error's line and column already point at the mistake.
fn syntax_problem(problem: &kubesim::manifest::SyntaxProblem) -> (String, String) {
    use kubesim::manifest::SyntaxProblem as P;
    // A key, a character or a bracket as the student typed it.
    let key = |k: &str| if k.is_empty() { ("la clave".to_string(), "the key".to_string()) } else { (format!("`{k}`"), format!("`{k}`")) };
    let shown = |ch: char| match ch {
        '`' => "`` ` ``".to_string(),
        _ if ch.is_control() || ch.is_whitespace() || ch == '\u{feff}' => format!("U+{:04X}", ch as u32),
        _ => format!("`{ch}`"),
    };
    // For a closing bracket: the opening one, "of the list" in Spanish, "the list", "list".
    let brackets = |close: char| if close == '}' { ('{', "del mapa", "el mapa", "mapping") } else { ('[', "de la lista", "la lista", "list") };
    // A key where an example needs one.
    let or_key = |k: &str, word: &str| if k.is_empty() { word.to_string() } else { k.to_string() };
    // What YAML made of a character, and the way out when it was meant as text.
    let as_text = |es: &str, en: &str| (format!("{es} Si es texto, escríbelo entre comillas."), format!("{en} If it is text, put it in quotes."));
    match problem {
        P::Tab => ("hay un tabulador: YAML solo admite espacios para sangrar.".into(), "there is a tab: YAML only accepts spaces for indentation.".into()),
        P::KeyValueHere => (
            "hay un segundo `: ` en esta línea. Si es parte del valor, escribe el valor entre comillas, p. ej. `value: \"Hora: 10\"`.".into(),
            "there is a second `: ` on this line. If it is part of the value, put the value in quotes, e.g. `value: \"Time: 10\"`.".into(),
        ),
        P::Indentation => (
            "esta clave no se alinea con ninguna de las de arriba. Ponla en la misma columna que las claves de su nivel.".into(),
            "this key does not line up with any key above it. Put it in the same column as the other keys at its level.".into(),
        ),
        P::UnclosedBracket { close } => {
            let (open, es, _, en) = brackets(*close);
            (format!("este `{open}` nunca se cierra. Agrega `{close}` al final {es}."), format!("this `{open}` is never closed. Add `{close}` at the end of the {en}."))
        }
        P::UnexpectedEnd => ("estas comillas nunca se cierran. Ciérralas al final del valor.".into(), "this quote is never closed. Close it at the end of the value.".into()),
        P::UnknownAlias => as_text("`*` empieza un alias, pero antes no hay ningún ancla `&` con ese nombre.", "`*` starts an alias, but no anchor `&` with that name comes before it."),
        P::ControlCharacter => ("hay un carácter de control invisible (p. ej. un byte NUL). Bórralo.".into(), "there is an invisible control character (e.g. a NUL byte). Delete it.".into()),
        P::MissingColon { key: k } => {
            let (es, en) = key(k);
            (format!("falta `:` después de {es} (la clave y su valor van separados por `: `)."), format!("a `:` is missing after {en} (a key and its value are separated by `: `)."))
        }
        P::NoSpaceAfterColon { key: k } => {
            let (es, en) = key(k);
            (
                format!("falta un espacio después del `:` de {es}. Sin él, la clave y el valor se leen como una sola palabra."),
                format!("a space is missing after the `:` of {en}. Without it, key and value read as one word."),
            )
        }
        P::OverIndented { key: k } => {
            let (es, en) = key(k);
            (
                format!("{es} tiene más sangría que la clave de arriba, y YAML la lee como parte de ese valor. Alinéala con las claves de su nivel."),
                format!("{en} is indented further than the key above it, so YAML reads it as part of that value. Line it up with the keys at its level."),
            )
        }
        P::NoSpaceAfterDash { key: k } => {
            let (es, en) = key(k);
            (
                format!("falta un espacio entre `-` y {es}. Escribe `- {}:`.", or_key(k, "clave")),
                format!("a space is missing between `-` and {en}. Write `- {}:`.", or_key(k, "key")),
            )
        }
        P::MisalignedListItem => (
            "este `-` no está en la columna de los demás `-` de su lista. Alinéalos.".into(),
            "this `-` is not in the column of the other `-` of its list. Line them up.".into(),
        ),
        P::KeyInList { key: k } => {
            let (es, en) = key(k);
            let (k_es, k_en) = (or_key(k, "clave"), or_key(k, "key"));
            (
                format!("{es} está en la columna del `-` de la lista. Si es parte del elemento de arriba, sángrala como sus claves; si empieza un elemento nuevo, escribe `- {k_es}:`."),
                format!("{en} is in the column of the list's `-`. If it belongs to the item above, indent it like that item's keys; if it starts a new item, write `- {k_en}:`."),
            )
        }
        P::ListItemAfterKey { key: k } => {
            let (k_es, k_en) = (or_key(k, "clave"), or_key(k, "key"));
            (
                format!("un elemento `- ` no puede ir en la misma línea que `{k_es}:`. Pásalo a la línea siguiente, con más sangría, o escribe `{k_es}: [a, b]`."),
                format!("a `- ` item cannot go on the same line as `{k_en}:`. Move it to the next line, indented, or write `{k_en}: [a, b]`."),
            )
        }
        P::ListItemNotAllowed => (
            "aquí no puede empezar un elemento de lista `- `. Revisa su sangría y que la clave de la lista, arriba, termine en `:`.".into(),
            "a `- ` list item cannot start here. Check its indentation, and that the list's key above ends in `:`.".into(),
        ),
        P::MissingComma { close } => {
            let (open, ..) = brackets(*close);
            (format!("falta una `,` entre dos elementos de este `{open} {close}`."), format!("a `,` is missing between two items of this `{open} {close}`."))
        }
        P::UnclosedQuote { quote, until_line } => (
            format!("estas comillas `{quote}` no se cierran en su línea, y YAML sigue leyendo hasta las siguientes, en la línea {until_line}. Ciérralas al final del valor."),
            format!("this `{quote}` is not closed on its line, so YAML reads on up to the next one, on line {until_line}. Close it at the end of the value."),
        ),
        P::TextAfterValue { close: close @ ('"' | '\'') } => (
            format!("hay texto después de las comillas que cierran el valor. Pon todo el valor dentro de ellas, p. ej. `{close}nginx:1.27{close}`."),
            format!("there is text after the quote that closes the value. Put the whole value inside the quotes, e.g. `{close}nginx:1.27{close}`."),
        ),
        P::TextAfterValue { close } => {
            let (_, _, es, en) = brackets(*close);
            (format!("hay texto después del `{close}` que cierra {es}. Bórralo o pásalo a su propia línea."), format!("there is text after the `{close}` that closes the {en}. Delete it or move it to a line of its own."))
        }
        P::BlockScalarIndent => (
            "esta línea tiene menos sangría que el texto del bloque `|` o `>` de arriba. Sángrala como las demás líneas del bloque.".into(),
            "this line is indented less than the text of the `|` or `>` block above. Indent it like the block's other lines.".into(),
        ),
        P::BlockScalarHeader => (
            "después de `|` o `>` no puede ir texto en la misma línea. Empieza el texto en la línea siguiente, con más sangría.".into(),
            "nothing can follow `|` or `>` on its line. Start the text on the next line, indented.".into(),
        ),
        P::DocumentSeparator => ("los documentos se separan con exactamente tres guiones, `---`.".into(), "documents are separated by exactly three dashes, `---`.".into()),
        P::MarkdownFence => (
            "la línea ``` viene de un bloque de código de Markdown y no es YAML. Bórrala.".into(),
            "the ``` line comes from a Markdown code block and is not YAML. Delete it.".into(),
        ),
        P::UnexpectedCharacter { ch } => {
            let ch = shown(*ch);
            (format!("una clave o un valor no puede empezar con {ch}. Bórralo o escribe el valor entre comillas."), format!("a key or value cannot start with {ch}. Delete it or put the value in quotes."))
        }
        P::TemplatePlaceholder => (
            "`{{ … }}` es un marcador de plantilla (Helm, plantillas de Go) que nadie reemplazó. Escribe aquí el valor real.".into(),
            "`{{ … }}` is a template placeholder (Helm, Go templates) that was never filled in. Write the real value here.".into(),
        ),
        P::AliasCharacter { ch: '&' } => as_text("un valor que empieza con `&` se lee como un ancla.", "a value that starts with `&` is read as an anchor."),
        P::AliasCharacter { ch } => (
            format!("un valor que empieza con `{ch}` se lee como un alias. Si es texto (como `{ch}.log`), escríbelo entre comillas: `\"{ch}.log\"`."),
            format!("a value that starts with `{ch}` is read as an alias. If it is text (such as `{ch}.log`), put it in quotes: `\"{ch}.log\"`."),
        ),
        P::BadEscape => (
            "dentro de comillas dobles, `\\` empieza un escape que YAML no conoce. Usa comillas simples (`'C:\\datos'`) o duplica la barra (`\\\\`).".into(),
            "inside double quotes, `\\` starts an escape YAML does not know. Use single quotes (`'C:\\data'`) or double the backslash (`\\\\`).".into(),
        ),
        P::BadTag => as_text(
            "un valor que empieza con `!` se lee como una etiqueta de tipo de YAML, y esta no es válida.",
            "a value that starts with `!` is read as a YAML type tag, and this one is not valid.",
        ),
        P::BadDirective => as_text(
            "una línea que empieza con `%` se lee como una directiva de YAML, y esta no es válida. Si sobra, bórrala.",
            "a line that starts with `%` is read as a YAML directive, and this one is not valid. If it is not needed, delete it.",
        ),
        P::ComplexKey => as_text("`?` marca aquí una clave compleja de YAML, que no cabe en este lugar.", "`?` marks a YAML complex key here, which cannot go in this place."),
        P::ColonInFlow => (
            "dentro de `[ ]` o `{ }`, un `:` no puede ir justo antes de `,`, `]` o `}`. Escribe un espacio y el valor después del `:`, o pon el texto entre comillas.".into(),
            "inside `[ ]` or `{ }`, a `:` cannot come right before `,`, `]` or `}`. Write a space and the value after the `:`, or put the text in quotes.".into(),
        ),
        P::StrayIndicator { ch } => {
            let ch = shown(*ch);
            (format!("{ch} no cabe aquí. Falta un valor antes, o el carácter sobra."), format!("{ch} does not fit here. A value is missing before it, or it is one too many."))
        }
        P::AfterDocumentEnd => (
            "el documento ya terminó y aquí sigue texto. Si es otro documento, sepáralo con una línea `---`.".into(),
            "the document has already ended and text goes on here. If it is another document, separate it with a `---` line.".into(),
        ),
        P::BadMerge => ("el valor de `<<` debe ser un mapa (p. ej. `*base`) o una lista de mapas.".into(), "the value of `<<` must be a mapping (e.g. `*base`) or a list of mappings.".into()),
        P::Encoding => ("el archivo tiene bytes que no son texto UTF-8. Guárdalo como UTF-8.".into(), "the file has bytes that are not UTF-8 text. Save it as UTF-8.".into()),
        P::Other => (
            "YAML no puede leer esta línea. Revisa la sangría, los `:` y las comillas aquí y en la línea anterior.".into(),
            "YAML cannot read this line. Check the indentation, the `:` and the quotes here and on the line before.".into(),
        ),
    }
}

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

/// "an integer", "a string"… (with its article, as used after "must be" / "debe ser").
fn value_type(es: bool, t: kubesim::manifest::ValueType) -> &'static str {
    use kubesim::manifest::ValueType as T;
    match (t, es) {
        (T::Integer, true) => "un número entero",
        (T::Integer, false) => "an integer",
        (T::Number, true) => "un número",
        (T::Number, false) => "a number",
        (T::String, true) => "un texto",
        (T::String, false) => "a string",
        (T::Boolean, true) => "un booleano (true o false)",
        (T::Boolean, false) => "a boolean (true or false)",
        (T::List, true) => "una lista",
        (T::List, false) => "a list",
        (T::Map, true) => "un mapa (clave: valor)",
        (T::Map, false) => "a mapping (key: value)",
        (T::Null, true) => "nulo",
        (T::Null, false) => "null",
        (T::IntOrString, true) => "un número entero o un porcentaje como \"25%\"",
        (T::IntOrString, false) => "an integer or a percentage like \"25%\"",
        (T::Other, true) => "otro tipo de valor",
        (T::Other, false) => "another kind of value",
    }
}

fn invalid_detail(es: bool, path: &str, d: &InvalidDetail) -> String {
    match d {
        InvalidDetail::SelectorMismatch { labels } => {
            if es {
                format!("`spec.selector` no coincide con las etiquetas de la plantilla ({labels}): el controlador no reconocería sus propios Pods.")
            } else {
                format!("`spec.selector` does not match the template's labels ({labels}): the controller would not recognise its own Pods.")
            }
        }
        InvalidDetail::EmptySelector { kind } => {
            if es {
                format!("Un selector vacío no es válido para un {kind}: selecciona por alguna etiqueta.")
            } else {
                format!("An empty selector is invalid for a {kind}: select by some label.")
            }
        }
        InvalidDetail::NotDnsSubdomain { value } => {
            if es {
                format!("`{path}`: \"{value}\" no es un nombre válido: usa minúsculas, dígitos, '-' o '.', empezando y terminando en letra o dígito.")
            } else {
                format!("`{path}`: \"{value}\" is not a valid name: use lower-case letters, digits, '-' or '.', starting and ending with a letter or digit.")
            }
        }
        InvalidDetail::NoContainers => {
            if es {
                format!("`{path}`: un Pod necesita al menos un contenedor.")
            } else {
                format!("`{path}`: a Pod needs at least one container.")
            }
        }
        InvalidDetail::NoImage { container } => {
            if es {
                format!("El contenedor `{container}` no tiene `image`.")
            } else {
                format!("Container `{container}` has no `image`.")
            }
        }
        InvalidDetail::FieldImmutable => {
            if es {
                format!("`{path}` no se puede cambiar una vez creado el objeto: bórralo y créalo de nuevo si necesitas otro valor.")
            } else {
                format!("`{path}` cannot change once the object exists: delete it and create it again if you need another value.")
            }
        }
        InvalidDetail::Negative { value } => {
            if es {
                format!("`{path}` no puede ser negativo ({value}): usa 0 o más.")
            } else {
                format!("`{path}` cannot be negative ({value}): use 0 or more.")
            }
        }
        InvalidDetail::MaxUnavailableZeroWithZeroSurge => {
            if es {
                "`maxUnavailable` y `maxSurge` no pueden ser 0 a la vez: la actualización no podría avanzar.".into()
            } else {
                "`maxUnavailable` and `maxSurge` cannot both be 0: the update could never make progress.".into()
            }
        }
        InvalidDetail::NotDnsLabel { value } => {
            if es {
                format!("`{path}`: \"{value}\" no es una etiqueta DNS válida: solo minúsculas, dígitos y '-', sin puntos, 63 caracteres como mucho, empezando y terminando en letra o dígito.")
            } else {
                format!("`{path}`: \"{value}\" is not a valid DNS label: lower-case letters, digits and '-' only, no dots, at most 63 characters, starting and ending with a letter or digit.")
            }
        }
        InvalidDetail::NotDns1035Label { value } => {
            if es {
                format!("`{path}`: \"{value}\" no es un nombre de Service válido: debe empezar por una letra minúscula y usar solo minúsculas, dígitos y '-'.")
            } else {
                format!("`{path}`: \"{value}\" is not a valid Service name: it must start with a lower-case letter and use only lower-case letters, digits and '-'.")
            }
        }
        InvalidDetail::UnsupportedValue { unsupported } => {
            let list = unsupported.supported.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ");
            let value = &unsupported.value;
            if es {
                format!("`{path}`: \"{value}\" no es un valor admitido. Valores posibles: {list}.")
            } else {
                format!("`{path}`: \"{value}\" is not a supported value. Possible values: {list}.")
            }
        }
        InvalidDetail::RollingUpdateWithOnDelete => {
            if es {
                "`rollingUpdate` solo vale con `type: RollingUpdate`; con `OnDelete` quítalo.".into()
            } else {
                "`rollingUpdate` only goes with `type: RollingUpdate`; remove it for `OnDelete`.".into()
            }
        }
        InvalidDetail::StatefulSetSpecImmutable => {
            if es {
                "En un StatefulSet que ya existe solo pueden cambiar `replicas`, `ordinals`, `template`, `updateStrategy`, `revisionHistoryLimit`, `persistentVolumeClaimRetentionPolicy` y `minReadySeconds`. Para cambiar el resto (selector, serviceName, podManagementPolicy, volumeClaimTemplates) bórralo y créalo de nuevo.".into()
            } else {
                "On an existing StatefulSet only `replicas`, `ordinals`, `template`, `updateStrategy`, `revisionHistoryLimit`, `persistentVolumeClaimRetentionPolicy` and `minReadySeconds` may change. To change the rest (selector, serviceName, podManagementPolicy, volumeClaimTemplates) delete it and create it again.".into()
            }
        }
        InvalidDetail::ClaimSpecImmutable => {
            if es {
                "La especificación de un PersistentVolumeClaim no cambia tras crearlo (salvo `resources.requests`).".into()
            } else {
                "A PersistentVolumeClaim's spec does not change after creation (except `resources.requests`).".into()
            }
        }
        InvalidDetail::LabelKey { key } => {
            if es {
                format!("`{path}`: \"{key}\" no es una clave de etiqueta válida: letras, dígitos, '-', '_' o '.', empezando y terminando en letra o dígito, 63 caracteres como mucho, con un prefijo DNS opcional delante de '/' (como `app.kubernetes.io/name`). Los espacios no valen.")
            } else {
                format!("`{path}`: \"{key}\" is not a valid label key: letters, digits, '-', '_' or '.', starting and ending with a letter or digit, at most 63 characters, with an optional DNS prefix before '/' (as in `app.kubernetes.io/name`). Spaces are not allowed.")
            }
        }
        InvalidDetail::LabelValue { key, value } => {
            if es {
                format!("`{path}`: el valor \"{value}\" de la etiqueta `{key}` no es válido: vacío, o letras, dígitos, '-', '_' o '.', empezando y terminando en letra o dígito, 63 caracteres como mucho. Los espacios no valen.")
            } else {
                format!("`{path}`: the value \"{value}\" of label `{key}` is not valid: empty, or letters, digits, '-', '_' or '.', starting and ending with a letter or digit, at most 63 characters. Spaces are not allowed.")
            }
        }
        InvalidDetail::RestartPolicy { value } => {
            if es {
                format!("`{path}`: \"{value}\" no está permitido aquí; solo \"Always\".")
            } else {
                format!("`{path}`: \"{value}\" is not allowed here; only \"Always\".")
            }
        }
    }
}

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
        for status in ["Pending", "ContainerCreating", "Running", "NotReady", "Terminating", "Completed", "Error", "Failed", "CrashLoopBackOff", "Unknown"] {
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

    #[test]
    fn manifest_errors_are_worded_in_both_languages() {
        let e = kubesim::manifest::parse("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  selectr: {}\n").unwrap_err();
        let es = manifest_error(Lang::Es, &e);
        let en = manifest_error(Lang::En, &e);
        assert!(es.contains("campo desconocido") && es.contains("¿Quisiste decir `selector`?"), "{es}");
        assert!(en.contains("unknown field") && en.contains("Did you mean `selector`?"), "{en}");
        assert_eq!((e.line, e.column), (6, 3));
    }

    const DEPLOY: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.25\n";
    const PVC: &str = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 5Gi\n";

    fn error_of(text: &str) -> ManifestError {
        let mut c = kubesim::Cluster::new(1);
        match c.apply_text(text) {
            Err(kubesim::ApplyError::Manifest(e)) => e,
            other => panic!("{other:?}"),
        }
    }

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

    /// The exact wording, in both languages, of the errors of the manifest table
    /// (crates/kubesim/tests/manifest_errors.rs holds their positions).
    #[test]
    fn manifest_error_table_in_both_languages() {
        let cases: &[(&str, &str, &str, &str)] = &[
            ("      containers:", "      contaners:",
             "`contaners`: campo desconocido en `spec.template.spec`. ¿Quisiste decir `containers`?",
             "`contaners`: unknown field in `spec.template.spec`. Did you mean `containers`?"),
            ("replicas: 2", "replicas: tres",
             "`spec.replicas` debe ser un número entero, pero es un texto \"tres\".",
             "`spec.replicas` must be an integer, but it is a string \"tres\"."),
            ("        app: web", "        app: web\n        version: 1.0",
             "`spec.template.metadata.labels.version` debe ser un texto, pero YAML lee un número \"1.0\". Escríbelo entre comillas: \"1.0\".",
             "`spec.template.metadata.labels.version` must be a string, but YAML reads a number \"1.0\". Write it in quotes: \"1.0\"."),
            ("replicas: 2", "replicas: 9999999999",
             "`spec.replicas`: el número 9999999999 es demasiado grande para este campo.",
             "`spec.replicas`: the number 9999999999 is too big for this field."),
            ("  replicas: 2", "  replicas: 2\n  replicas: 3",
             "`replicas` aparece dos veces en `spec`: cada clave va una sola vez en un mapa (¿querías una lista o dos documentos separados por `---`?).",
             "`replicas` appears twice in `spec`: each key goes only once in a mapping (did you mean a list, or two documents separated by `---`?)."),
            ("  selector:\n    matchLabels:\n      app: web\n", "",
             "Falta el campo obligatorio `spec.selector`.",
             "The required field `spec.selector` is missing."),
            ("        image: nginx:1.25\n", "",
             "El contenedor `nginx` no tiene `image`.",
             "Container `nginx` has no `image`."),
            ("        app: web", "        app: api",
             "`spec.selector` no coincide con las etiquetas de la plantilla ({\"app\":\"api\"}): el controlador no reconocería sus propios Pods.",
             "`spec.selector` does not match the template's labels ({\"app\":\"api\"}): the controller would not recognise its own Pods."),
            ("replicas: 2", "replicas: -1",
             "`spec.replicas` no puede ser negativo (-1): usa 0 o más.",
             "`spec.replicas` cannot be negative (-1): use 0 or more."),
            ("name: web", "name: Web_1",
             "`metadata.name`: \"Web_1\" no es un nombre válido: usa minúsculas, dígitos, '-' o '.', empezando y terminando en letra o dígito.",
             "`metadata.name`: \"Web_1\" is not a valid name: use lower-case letters, digits, '-' or '.', starting and ending with a letter or digit."),
            ("  name: web\n", "  name: web\n  labels:\n    \"my app\": web\n",
             "`metadata.labels`: \"my app\" no es una clave de etiqueta válida: letras, dígitos, '-', '_' o '.', empezando y terminando en letra o dígito, 63 caracteres como mucho, con un prefijo DNS opcional delante de '/' (como `app.kubernetes.io/name`). Los espacios no valen.",
             "`metadata.labels`: \"my app\" is not a valid label key: letters, digits, '-', '_' or '.', starting and ending with a letter or digit, at most 63 characters, with an optional DNS prefix before '/' (as in `app.kubernetes.io/name`). Spaces are not allowed."),
            ("        app: web", "        app: web\n        tier: front end",
             "`spec.template.metadata.labels`: el valor \"front end\" de la etiqueta `tier` no es válido: vacío, o letras, dígitos, '-', '_' o '.', empezando y terminando en letra o dígito, 63 caracteres como mucho. Los espacios no valen.",
             "`spec.template.metadata.labels`: the value \"front end\" of label `tier` is not valid: empty, or letters, digits, '-', '_' or '.', starting and ending with a letter or digit, at most 63 characters. Spaces are not allowed."),
            ("apps/v1", "apps/v1beta1",
             "`Deployment` se escribe con `apiVersion: apps/v1`, no `apps/v1beta1`: esa versión beta se retiró (Kubernetes 1.16 y siguientes ya no la sirven).",
             "`Deployment` goes with `apiVersion: apps/v1`, not `apps/v1beta1`: that beta version was removed (Kubernetes 1.16 and later no longer serve it)."),
        ];
        for (from, to, es, en) in cases {
            let e = error_of(&DEPLOY.replacen(from, to, 1));
            assert_eq!(manifest_error(Lang::Es, &e), *es);
            assert_eq!(manifest_error(Lang::En, &e), *en);
        }
        let e = error_of(&DEPLOY.replace("  name: web", "\tname: web"));
        assert_eq!(manifest_error(Lang::Es, &e), "El YAML no es válido: hay un tabulador: YAML solo admite espacios para sangrar.");
        assert_eq!(manifest_error(Lang::En, &e), "The YAML is not valid: there is a tab: YAML only accepts spaces for indentation.");
        let e = error_of(&DEPLOY.replace("  name: web", "  name: web: api"));
        assert_eq!(manifest_error(Lang::Es, &e), "El YAML no es válido: hay un segundo `: ` en esta línea. Si es parte del valor, escribe el valor entre comillas, p. ej. `value: \"Hora: 10\"`.");
        assert_eq!(manifest_error(Lang::En, &e), "The YAML is not valid: there is a second `: ` on this line. If it is part of the value, put the value in quotes, e.g. `value: \"Time: 10\"`.");
        let e = error_of(&DEPLOY.replace("        image: nginx:1.25", "        image nginx:1.25"));
        assert_eq!((e.line, e.column), (17, 14));
        assert_eq!(manifest_error(Lang::Es, &e), "El YAML no es válido: falta `:` después de `image` (la clave y su valor van separados por `: `).");
        assert_eq!(manifest_error(Lang::En, &e), "The YAML is not valid: a `:` is missing after `image` (a key and its value are separated by `: `).");
        let e = error_of(&PVC.replace("5Gi", "5GB"));
        assert_eq!(manifest_error(Lang::Es, &e), "`spec.resources.requests.storage`: \"5GB\" no es una cantidad válida. Escribe el número pegado a la unidad: `5Gi`, `500Mi`, `5G` o `1e3` (sin espacio, y `GB` no existe).");
        assert_eq!(manifest_error(Lang::En, &e), "`spec.resources.requests.storage`: \"5GB\" is not a valid quantity. Write the number next to its unit: `5Gi`, `500Mi`, `5G` or `1e3` (no space, and `GB` does not exist).");
        let e = error_of("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n");
        let es = manifest_error(Lang::Es, &e);
        let en = manifest_error(Lang::En, &e);
        assert!(es.starts_with("`ConfigMap` no está disponible aquí: este clúster simulado no lo modela. Tipos disponibles: DaemonSet (apps/v1), Pod (v1),"), "{es}");
        assert!(en.starts_with("`ConfigMap` is not supported here: this simulated cluster does not model it. Available kinds: DaemonSet (apps/v1), Pod (v1),"), "{en}");
        for e in [error_of("a: [\n"), error_of(&format!("{}{}", "[".repeat(300), "]".repeat(300))), error_of("- 1\n"), error_of("# nada\n")] {
            for lang in [Lang::Es, Lang::En] {
                assert!(!manifest_error(lang, &e).is_empty());
            }
        }
    }

    /// libyaml's English, which never stands in for the student's explanation.
    const LIBYAML_PHRASES: &[&str] = &[
        "could not find", "did not find", "mapping values", "mapping keys", "found character", "found unexpected", "found unknown", "found a tab", "found an ",
        "found incompatible", "found duplicate", "found undefined", "found extremely", "block sequence entries", "in this context", "cannot start any token",
        "unknown anchor", "control characters are not allowed", "while scanning", "while parsing", "octet", "expected '", "<document start>", "empty yaml tag",
    ];

    fn libyaml_phrase_in(text: &str) -> Option<&'static str> {
        let lower = text.to_lowercase();
        LIBYAML_PHRASES.iter().copied().find(|p| lower.contains(p))
    }

    /// Whether `text` names `key` in one of its `code` spans, as a word of its own
    /// (`image`, `- name:`, `args: [a, b]`).
    fn names(text: &str, key: &str) -> bool {
        text.split('`').skip(1).step_by(2).any(|code| {
            code.match_indices(key).any(|(i, _)| {
                let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                !word(code[..i].chars().next_back()) && !word(code[i + key.len()..].chars().next())
            })
        })
    }

    fn syntax_error(problem: kubesim::manifest::SyntaxProblem, detail: &str) -> ManifestError {
        ManifestError {
            document: 0,
            line: 1,
            column: 1,
            kind: ManifestErrorKind::Syntax { detail: detail.into(), problem },
            api_message: format!("error converting YAML to JSON: yaml: line 1: {detail}"),
        }
    }

    /// Every syntax problem has its own wording in both languages, none of it libyaml's, and
    /// names the key it carries. The `match` below stops compiling when a variant is added,
    /// until the variant is added to the list too.
    #[test]
    fn every_syntax_problem_is_worded_in_both_languages() {
        use kubesim::manifest::SyntaxProblem as P;
        let k = |s: &str| s.to_string();
        let all = [
            P::Tab,
            P::KeyValueHere,
            P::Indentation,
            P::UnclosedBracket { close: ']' },
            P::UnclosedBracket { close: '}' },
            P::UnexpectedEnd,
            P::UnknownAlias,
            P::ControlCharacter,
            P::MissingColon { key: k("image") },
            P::MissingColon { key: k("") },
            P::NoSpaceAfterColon { key: k("replicas") },
            P::OverIndented { key: k("labels") },
            P::NoSpaceAfterDash { key: k("name") },
            P::NoSpaceAfterDash { key: k("") },
            P::MisalignedListItem,
            P::KeyInList { key: k("name") },
            P::ListItemAfterKey { key: k("args") },
            P::ListItemNotAllowed,
            P::MissingComma { close: ']' },
            P::MissingComma { close: '}' },
            P::UnclosedQuote { quote: '"', until_line: 9 },
            P::UnclosedQuote { quote: '\'', until_line: 12 },
            P::TextAfterValue { close: '"' },
            P::TextAfterValue { close: ']' },
            P::TextAfterValue { close: '}' },
            P::BlockScalarIndent,
            P::BlockScalarHeader,
            P::DocumentSeparator,
            P::MarkdownFence,
            P::UnexpectedCharacter { ch: '@' },
            P::UnexpectedCharacter { ch: '`' },
            P::UnexpectedCharacter { ch: '\u{a0}' },
            P::TemplatePlaceholder,
            P::AliasCharacter { ch: '*' },
            P::AliasCharacter { ch: '&' },
            P::BadEscape,
            P::BadTag,
            P::BadDirective,
            P::ComplexKey,
            P::ColonInFlow,
            P::StrayIndicator { ch: ']' },
            P::AfterDocumentEnd,
            P::BadMerge,
            P::Encoding,
            P::Other,
        ];
        let variant = |p: &P| match p {
            P::Tab => 0,
            P::KeyValueHere => 1,
            P::Indentation => 2,
            P::UnclosedBracket { .. } => 3,
            P::UnexpectedEnd => 4,
            P::UnknownAlias => 5,
            P::ControlCharacter => 6,
            P::MissingColon { .. } => 7,
            P::NoSpaceAfterColon { .. } => 8,
            P::OverIndented { .. } => 9,
            P::NoSpaceAfterDash { .. } => 10,
            P::MisalignedListItem => 11,
            P::KeyInList { .. } => 12,
            P::ListItemAfterKey { .. } => 13,
            P::ListItemNotAllowed => 14,
            P::MissingComma { .. } => 15,
            P::UnclosedQuote { .. } => 16,
            P::TextAfterValue { .. } => 17,
            P::BlockScalarIndent => 18,
            P::BlockScalarHeader => 19,
            P::DocumentSeparator => 20,
            P::MarkdownFence => 21,
            P::UnexpectedCharacter { .. } => 22,
            P::TemplatePlaceholder => 23,
            P::AliasCharacter { .. } => 24,
            P::BadEscape => 25,
            P::BadTag => 26,
            P::BadDirective => 27,
            P::ComplexKey => 28,
            P::ColonInFlow => 29,
            P::StrayIndicator { .. } => 30,
            P::AfterDocumentEnd => 31,
            P::BadMerge => 32,
            P::Encoding => 33,
            P::Other => 34,
        };
        let mut covered: Vec<usize> = all.iter().map(variant).collect();
        covered.dedup();
        assert_eq!(covered, (0..=34).collect::<Vec<_>>(), "one of each variant, in order");
        let mut first_wording: Vec<(usize, String)> = Vec::new();
        let mut failures = Vec::new();
        for p in &all {
            // A detail in libyaml's words, which must not leak into the explanation.
            let e = syntax_error(p.clone(), "could not find expected ':'");
            let (es, en) = (manifest_error(Lang::Es, &e), manifest_error(Lang::En, &e));
            let key = match p {
                P::MissingColon { key } | P::NoSpaceAfterColon { key } | P::OverIndented { key } | P::NoSpaceAfterDash { key } | P::KeyInList { key } | P::ListItemAfterKey { key } => key.as_str(),
                _ => "",
            };
            let mut wrong = |why: String| failures.push(format!("{p:?}: {why}\n    es: {es}\n    en: {en}"));
            if es.is_empty() || en.is_empty() || es == en {
                wrong("empty, or the same in both languages".into());
            }
            if let Some(phrase) = libyaml_phrase_in(&es).or(libyaml_phrase_in(&en)) {
                wrong(format!("says libyaml's {phrase:?}"));
            }
            if !key.is_empty() && (!names(&es, key) || !names(&en, key)) {
                wrong(format!("does not name `{key}`"));
            }
            if !es.starts_with("El YAML no es válido: ") || !en.starts_with("The YAML is not valid: ") || !es.ends_with('.') || !en.ends_with('.') {
                wrong("not one sentence after the common opening".into());
            }
            match first_wording.iter().find(|(v, w)| *v != variant(p) && *w == es) {
                Some((other, _)) => wrong(format!("worded as variant {other}")),
                None => first_wording.push((variant(p), es.clone())),
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Each mistake of the course's YAML corpus (`tests/corpus/yaml-mistakes/index.txt`), as
    /// the editor words it: in both languages, none of it libyaml's English, naming the key
    /// the index gives (`key=image`).
    #[test]
    fn the_yaml_mistakes_corpus_is_worded_with_its_keys() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/yaml-mistakes");
        let index = std::fs::read_to_string(dir.join("index.txt")).unwrap();
        let mut failures = Vec::new();
        let mut worded = 0;
        for line in index.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let mut fields = line.split_whitespace();
            let (file, _at) = (fields.next().unwrap(), fields.next());
            let expected: Vec<&str> = fields.collect();
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            if expected == ["ok"] {
                continue;
            }
            let Err(e) = kubesim::manifest::parse(&text) else {
                failures.push(format!("{file}: read without error"));
                continue;
            };
            let (es, en) = (manifest_error(Lang::Es, &e), manifest_error(Lang::En, &e));
            worded += 1;
            if es.is_empty() || en.is_empty() || es == en {
                failures.push(format!("{file}: empty, or the same in both languages: {es}"));
            }
            if let Some(phrase) = libyaml_phrase_in(&es).or(libyaml_phrase_in(&en)) {
                failures.push(format!("{file}: says libyaml's {phrase:?}: {en}"));
            }
            if let Some(key) = expected.iter().find_map(|f| f.strip_prefix("key=")) {
                if !names(&es, key) || !names(&en, key) {
                    failures.push(format!("{file}: does not name `{key}`:\n    es: {es}\n    en: {en}"));
                }
            }
        }
        assert!(worded >= 20, "the corpus is there ({worded} mistakes)");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
