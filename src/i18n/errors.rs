//! Apply and manifest errors, worded for the student in both languages.

use super::syntax::syntax_problem;
use super::Lang;
use kubesim::manifest::{InvalidDetail, ManifestError, ManifestErrorKind};

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

#[cfg(test)]
mod tests {
    use super::*;

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

}
