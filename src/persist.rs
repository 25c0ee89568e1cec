//! Resume, export/import, start over, and share links: the app's side of
//! `course::saved`. It gathers the state from the contexts, stores it in localStorage
//! (versioned YAML, the cluster as its journal), restores it on load, and opens share links
//! from the URL fragment. Data that cannot be read is set aside with a notice and a download,
//! never a crash or a blank page.

use crate::context::{Course, LessonNav, LessonProgress, UiLang};
use crate::components::prefs::{Prefs, UiPrefs};
use crate::editor_state::EditorState;
use crate::i18n::{Lang, Msg};
use crate::sim::Sim;
use course::saved::{self, LoadError, Saved, Shared, SAVE_VERSION};
use kubesim::journal::{Journal, Setup};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The localStorage key of the student's state, and where unreadable data is set aside.
pub const KEY: &str = "kubeaula.state";
pub const SET_ASIDE_KEY: &str = "kubeaula.set-aside";
/// The seed of a fresh cluster.
const SEED: u64 = 1;

/// What the persistence notice says.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// Stored data could not be read: set aside, downloadable.
    SetAside(LoadError),
    /// A share link was refused; nothing changed.
    BadLink(LoadError),
    /// A share link is waiting for the student's yes.
    OpenShared,
    /// An imported file could not be read; nothing changed.
    BadImport(LoadError),
    Imported,
}

#[derive(Clone, Copy)]
pub struct Persist {
    pub notice: RwSignal<Option<Notice>>,
    /// A decoded share link waiting to be opened.
    pending: StoredValue<Option<Shared>>,
    /// The last text written, so unchanged state is not written again.
    last: StoredValue<String>,
    /// Off while a reset reloads the page, so the old state is not written back.
    enabled: StoredValue<bool>,
    /// The contexts, taken once: the timer that saves runs outside any component.
    ctx: StoredValue<Ctx>,
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Lesson files by id (`lesson-id/name`): journals and links name them instead of carrying them.
fn known(course: &Course) -> Vec<(String, String)> {
    course.0.iter().flat_map(|l| l.files.iter().map(move |(n, t)| (format!("{}/{n}", l.spec.id), t.clone()))).collect()
}

fn with_known<R>(course: &Course, f: impl FnOnce(&[(&str, &str)]) -> R) -> R {
    let k = known(course);
    let refs: Vec<(&str, &str)> = k.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    f(&refs)
}

/// The contexts the state lives in.
#[derive(Clone)]
struct Ctx {
    lang: UiLang,
    prefs: UiPrefs,
    nav: LessonNav,
    progress: LessonProgress,
    editor: EditorState,
    sim: Sim,
    course: Course,
    /// The language a link asked for with `?lang=`: it wins for this visit, over the saved
    /// one and a share link's, and the saved preference stays as it was (`kept_lang`) unless
    /// the student switches language themselves.
    link_lang: Option<Lang>,
    kept_lang: StoredValue<Option<String>>,
}

/// The language the page's address asks for (`?lang=en`), if it names one.
pub fn link_lang() -> Option<Lang> {
    let search = window().location().search().unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search).ok().and_then(|p| p.get("lang")).and_then(|l| Lang::from_code(&l))
}

impl Ctx {
    fn from_context() -> Ctx {
        Ctx {
            link_lang: link_lang(),
            kept_lang: StoredValue::new(None),
            lang: expect_context(),
            prefs: expect_context(),
            nav: expect_context(),
            progress: expect_context(),
            editor: expect_context(),
            sim: expect_context(),
            course: expect_context(),
        }
    }

    fn capture(&self) -> Option<Saved> {
        let j = self.sim.journal()?;
        let l = self.course.0.get(self.nav.lesson.get_untracked())?;
        let step = l.spec.steps.get(self.nav.step.get_untracked()).map(|s| s.id.to_string()).unwrap_or_default();
        let (files, current_file) = self.editor.files();
        let history = self.sim.terminal.with_untracked(|t| t.iter().map(|e| e.line.clone()).collect());
        let now = self.lang.0.get_untracked();
        let lang = match self.kept_lang.get_value() {
            Some(kept) if self.link_lang == Some(now) => kept,
            _ => now.code().to_string(),
        };
        Some(Saved {
            version: SAVE_VERSION,
            lang,
            prefs: serde_yaml::to_string(&self.prefs.0.get_untracked()).unwrap_or_default(),
            lesson: l.spec.id.to_string(),
            step,
            progress: self.progress.0.get_untracked(),
            files,
            current_file,
            history,
            journal: with_known(&self.course, |k| kubesim::journal::encode(&j, k)),
        })
    }

    fn lesson_index(&self, id: &str) -> Option<usize> {
        self.course.0.iter().position(|l| l.spec.id == id)
    }

    /// Opens lesson `lesson` at step `step` (ids; unknown ones fall back to the start).
    fn go(&self, lesson: &str, step: &str) -> usize {
        let li = self.lesson_index(lesson).unwrap_or(0);
        let si = self.course.0.get(li).and_then(|l| l.spec.steps.iter().position(|s| s.id == step)).unwrap_or(0);
        self.nav.lesson.set(li);
        self.nav.step.set(si);
        li
    }

    fn originals(&self, li: usize) -> Vec<(String, String)> {
        self.course.0.get(li).map(|l| l.files.clone()).unwrap_or_default()
    }

    /// Puts a stored state back: every part was checked by `saved::load` first.
    fn apply(&self, s: Saved, j: &Journal) -> Result<(), LoadError> {
        self.sim.restore(j).map_err(|e| LoadError::Invalid(e.to_string()))?;
        if self.link_lang.is_some() {
            self.kept_lang.set_value(Some(s.lang.clone()));
        } else if let Some(l) = Lang::from_code(&s.lang) {
            self.lang.0.set(l);
        }
        if let Ok(p) = kubesim::yaml::from_str::<Prefs>(&s.prefs) {
            self.prefs.0.set(p.sanitized());
        }
        let li = self.go(&s.lesson, &s.step);
        self.progress.0.set(s.progress);
        self.editor.restore(self.originals(li), s.files, s.current_file);
        Ok(())
    }

    /// Opens a share link's state: language, lesson, step, files, cluster. Progress stays,
    /// but its steps begin again in the link's cluster.
    fn open_shared(&self, sh: Shared) -> Result<(), LoadError> {
        self.sim.restore(&sh.journal).map_err(|e| LoadError::Invalid(e.to_string()))?;
        if self.link_lang.is_none() {
            if let Some(l) = Lang::from_code(&sh.lang) {
                self.lang.0.set(l);
            }
        }
        let li = self.go(&sh.lesson, &sh.step);
        // Another cluster: the steps begin again from its present moment.
        self.progress.0.update(|p| p.forget_starts());
        let originals = self.originals(li);
        let mut files = originals.clone();
        for (n, t) in sh.files {
            match files.iter_mut().find(|f| f.0 == n) {
                Some(f) => f.1 = t,
                None => files.push((n, t)),
            }
        }
        self.editor.restore(originals, files, 0);
        Ok(())
    }

    fn shared(&self) -> Option<Shared> {
        let j = self.sim.journal()?;
        let li = self.nav.lesson.get_untracked();
        let l = self.course.0.get(li)?;
        let originals = self.originals(li);
        let (files, _) = self.editor.files();
        let changed = files.into_iter().filter(|f| !originals.contains(f)).collect();
        Some(Shared {
            lang: self.lang.0.get_untracked().code().to_string(),
            lesson: l.spec.id.to_string(),
            step: l.spec.steps.get(self.nav.step.get_untracked()).map(|s| s.id.to_string()).unwrap_or_default(),
            files: changed,
            journal: j,
        })
    }
}

/// The share link of the current state (the page's address with `#share=…`).
pub fn share_url() -> Option<String> {
    let ctx = expect_context::<Persist>().ctx.get_value();
    let sh = ctx.shared()?;
    let value = with_known(&ctx.course, |k| saved::share_encode(&sh, k));
    let loc = window().location();
    let base = format!("{}{}{}", loc.origin().ok()?, loc.pathname().ok()?, loc.search().unwrap_or_default());
    Some(format!("{base}#share={value}"))
}

impl Persist {
    /// Restores the stored state (or sets it aside), reads a share link from the URL, and
    /// starts saving. Call once the contexts exist and before the page is drawn.
    pub fn start() -> (Persist, bool) {
        let ctx = Ctx::from_context();
        let me = Persist {
            notice: RwSignal::new(None),
            pending: StoredValue::new(None),
            last: StoredValue::new(String::new()),
            enabled: StoredValue::new(true),
            ctx: StoredValue::new(ctx.clone()),
        };
        provide_context(me);
        let mut restored = false;
        // `?nodes=` asks for a fresh cluster of that size (the benchmarks use it): the stored
        // state is not loaded over it.
        let fresh = web_sys::UrlSearchParams::new_with_str(&window().location().search().unwrap_or_default())
            .ok()
            .is_some_and(|p| p.has("nodes"));
        let stored = if fresh { None } else { storage().and_then(|s| s.get_item(KEY).ok().flatten()) };
        if let Some(text) = stored {
            let r = with_known(&ctx.course, |k| saved::load(&text, k)).and_then(|(s, j)| ctx.apply(s, &j));
            match r {
                Ok(()) => {
                    restored = true;
                    me.last.set_value(text);
                }
                Err(e) => {
                    if let Some(st) = storage() {
                        let _ = st.set_item(SET_ASIDE_KEY, &text);
                        let _ = st.remove_item(KEY);
                    }
                    me.notice.set(Some(Notice::SetAside(e)));
                }
            }
        }
        me.read_link();
        // Save when something changed: every second, and when the page goes away.
        set_interval(move || me.save(), std::time::Duration::from_millis(1000));
        let hide = window_event_listener(leptos::ev::pagehide, move |_| me.save());
        on_cleanup(move || hide.remove());
        let hash = window_event_listener(leptos::ev::hashchange, move |_| me.read_link());
        on_cleanup(move || hash.remove());
        (me, restored)
    }

    /// A `#share=` fragment: decoded, then waits for the student's yes. The fragment is
    /// removed so a reload does not ask again.
    fn read_link(&self) {
        let hash = window().location().hash().unwrap_or_default();
        let Some(value) = hash.strip_prefix("#share=") else { return };
        let ctx = self.ctx.get_value();
        let value = js_sys::decode_uri_component(value).ok().and_then(|v| v.as_string()).unwrap_or_default();
        match with_known(&ctx.course, |k| saved::share_decode(&value, k)) {
            Ok(sh) => {
                self.pending.set_value(Some(sh));
                self.notice.set(Some(Notice::OpenShared));
            }
            Err(e) => self.notice.set(Some(Notice::BadLink(e))),
        }
        if let Ok(h) = window().history() {
            let loc = window().location();
            let url = format!("{}{}", loc.pathname().unwrap_or_default(), loc.search().unwrap_or_default());
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }

    pub fn open_pending(&self) {
        let Some(sh) = self.pending.get_value() else { return };
        self.pending.set_value(None);
        let r = self.ctx.get_value().open_shared(sh);
        self.notice.set(r.err().map(Notice::BadLink));
        self.save();
    }

    pub fn drop_pending(&self) {
        self.pending.set_value(None);
        self.notice.set(None);
    }

    pub fn save(&self) {
        if !self.enabled.get_value() || self.pending.with_value(|p| p.is_some()) {
            return;
        }
        let Some(s) = self.ctx.get_value().capture() else { return };
        let text = saved::store(&s);
        if self.last.with_value(|l| *l == text) {
            return;
        }
        if let Some(st) = storage() {
            if st.set_item(KEY, &text).is_ok() {
                self.last.set_value(text);
            }
        }
    }

    /// The stored state as an export file's text.
    pub fn export_text(&self) -> String {
        self.ctx.get_value().capture().map(|s| saved::store(&s)).unwrap_or_default()
    }

    pub fn import(&self, text: &str) {
        let ctx = self.ctx.get_value();
        let r = with_known(&ctx.course, |k| saved::load(text, k)).and_then(|(s, j)| ctx.apply(s, &j));
        match r {
            Ok(()) => {
                self.notice.set(Some(Notice::Imported));
                self.save();
            }
            Err(e) => self.notice.set(Some(Notice::BadImport(e))),
        }
    }

    /// "Start this lesson over": its progress forgotten, its files as the lesson has them,
    /// a fresh cluster, the first step.
    pub fn reset_lesson(&self) {
        let ctx = self.ctx.get_value();
        let li = ctx.nav.lesson.get_untracked();
        if let Some(l) = ctx.course.0.get(li) {
            // A fresh cluster: the other lessons' steps begin again too (what they
            // completed stays completed).
            ctx.progress.0.update(|p| {
                p.lessons.remove(l.spec.id);
                p.forget_starts();
            });
        }
        let _ = ctx.sim.restore(&Journal::new(Setup::kind(SEED)));
        let originals = ctx.originals(li);
        for (n, t) in &originals {
            ctx.sim.write_file(n, t);
        }
        ctx.editor.restore(originals.clone(), originals, 0);
        ctx.nav.step.set(0);
        self.save();
    }

    /// "Start everything over": the stored state is removed and the page starts fresh.
    pub fn reset_all(&self) {
        self.enabled.set_value(false);
        if let Some(st) = storage() {
            let _ = st.remove_item(KEY);
        }
        let loc = window().location();
        let _ = loc.set_href(&loc.pathname().unwrap_or_else(|_| "./".into()));
    }

    pub fn set_aside_text() -> Option<String> {
        storage().and_then(|s| s.get_item(SET_ASIDE_KEY).ok().flatten())
    }

    pub fn dismiss(&self) {
        if matches!(self.notice.get_untracked(), Some(Notice::SetAside(_))) {
            if let Some(st) = storage() {
                let _ = st.remove_item(SET_ASIDE_KEY);
            }
        }
        if matches!(self.notice.get_untracked(), Some(Notice::OpenShared)) {
            self.pending.set_value(None);
        }
        self.notice.set(None);
    }
}

/// A download of `text` as `name` (an object URL on a temporary link).
pub fn download(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("text/yaml");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let doc = document();
    if let Ok(a) = doc.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Why something could not be read, in the student's language.
pub fn reason(lang: Lang, e: &LoadError) -> String {
    let (es, en) = match e {
        LoadError::TooLarge => ("es demasiado grande".to_string(), "it is too large".to_string()),
        LoadError::Corrupt(_) => ("está dañado o no es de kubeaula".into(), "it is damaged or not from kubeaula".into()),
        LoadError::NewerVersion(v) => (format!("lo escribió una versión más nueva de kubeaula (formato {v})"), format!("a newer kubeaula wrote it (format {v})")),
        LoadError::OlderVersion(v) => (format!("lo escribió una versión antigua de kubeaula (formato {v}) que ya no se puede leer"), format!("an old kubeaula wrote it (format {v}), which can no longer be read")),
        LoadError::Invalid(m) => (format!("tiene un dato imposible ({m})"), format!("it holds an impossible value ({m})")),
        LoadError::Journal(_) => ("el registro del clúster está dañado".into(), "the cluster's record is damaged".into()),
    };
    match lang {
        Lang::Es => es,
        Lang::En => en,
    }
}

#[component]
pub fn PersistNotice() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let p = expect_context::<Persist>();
    view! {
        <div class="persist-notice" role="status" aria-live="polite" data-testid="persist-notice">
            {move || {
                let l = lang.0.get();
                match p.notice.get() {
                    None => ().into_any(),
                    Some(Notice::SetAside(e)) => view! {
                        <p class="notice warn">
                            <span aria-hidden="true">"⚠ "</span>
                            {format!("{} {}.", lang.t(Msg::SavedUnreadable), reason(l, &e))}
                            " "
                            {lang.t(Msg::SavedSetAside)}
                            <button type="button" data-testid="download-set-aside" on:click=move |_| {
                                if let Some(t) = Persist::set_aside_text() {
                                    download("kubeaula-apartado.yaml", &t);
                                }
                            }>{lang.t(Msg::Download)}</button>
                            <button type="button" class="link" on:click=move |_| p.dismiss()>{lang.t(Msg::Dismiss)}</button>
                        </p>
                    }.into_any(),
                    Some(Notice::BadLink(e)) => view! {
                        <p class="notice warn" data-testid="bad-link">
                            <span aria-hidden="true">"⚠ "</span>
                            {format!("{} {}. {}", lang.t(Msg::LinkRefused), reason(l, &e), lang.t(Msg::NothingChanged))}
                            <button type="button" class="link" on:click=move |_| p.dismiss()>{lang.t(Msg::Dismiss)}</button>
                        </p>
                    }.into_any(),
                    Some(Notice::BadImport(e)) => view! {
                        <p class="notice warn" data-testid="bad-import">
                            <span aria-hidden="true">"⚠ "</span>
                            {format!("{} {}. {}", lang.t(Msg::ImportRefused), reason(l, &e), lang.t(Msg::NothingChanged))}
                            <button type="button" class="link" on:click=move |_| p.dismiss()>{lang.t(Msg::Dismiss)}</button>
                        </p>
                    }.into_any(),
                    Some(Notice::Imported) => view! {
                        <p class="notice">
                            <span aria-hidden="true">"✓ "</span>
                            {lang.t(Msg::Imported)}
                            <button type="button" class="link" on:click=move |_| p.dismiss()>{lang.t(Msg::Dismiss)}</button>
                        </p>
                    }.into_any(),
                    Some(Notice::OpenShared) => view! {
                        <p class="notice" data-testid="open-shared">
                            <span aria-hidden="true">"🔗 "</span>
                            {lang.t(Msg::OpenSharedAsk)}
                            <button type="button" data-testid="open-shared-yes" on:click=move |_| p.open_pending()>{lang.t(Msg::OpenSharedYes)}</button>
                            <button type="button" class="link" on:click=move |_| p.drop_pending()>{lang.t(Msg::OpenSharedNo)}</button>
                        </p>
                    }.into_any(),
                }
            }}
        </div>
    }
}

/// An SVG path of the QR code of `text` (one unit per module, a 4-module quiet zone).
pub fn qr_path(text: &str) -> Option<(String, i32)> {
    let qr = qrcodegen::QrCode::encode_text(text, qrcodegen::QrCodeEcc::Low).ok()?;
    let n = qr.size();
    let mut d = String::new();
    for y in 0..n {
        for x in 0..n {
            if qr.get_module(x, y) {
                d.push_str(&format!("M{} {}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    Some((d, n + 8))
}

/// The "save and share" menu of the header: share link with its QR code, export, import,
/// start this lesson or everything over (those two ask first).
#[component]
pub fn SaveMenu() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let p = expect_context::<Persist>();
    let link = RwSignal::new(None::<String>);
    let copied = RwSignal::new(false);
    let confirm = RwSignal::new(None::<bool>); // Some(false) = this lesson, Some(true) = all
    let file_ref = NodeRef::<leptos::html::Input>::new();
    // Starting over asks first; the careful answer takes the focus (which also scrolls the
    // question into view in a long menu).
    let ask = move |all: bool| {
        confirm.set(Some(all));
        request_animation_frame(|| {
            if let Some(q) = document().query_selector(".save-menu .confirm").ok().flatten() {
                q.scroll_into_view_with_bool(false);
            }
            if let Some(el) = document().query_selector("[data-testid=reset-no]").ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        });
    };
    let on_file = move |_| {
        let Some(input) = file_ref.get() else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string());
            match text {
                Some(t) => p.import(&t),
                None => p.notice.set(Some(Notice::BadImport(LoadError::Corrupt("unreadable".into())))),
            }
        });
    };
    view! {
        <details class="save-menu" data-testid="save-menu">
            <summary class="tool" data-testid="save-menu-button">
                <crate::components::icons::Icon path=crate::components::icons::SHARE />
                <span class="tool-label">{move || lang.t(Msg::SaveMenu)}</span>
            </summary>
            <div class="save-menu-body">
                <p class="save-note">{move || lang.t(Msg::SavedAutomatically)}</p>
                <button type="button" data-testid="share" on:click=move |_| {
                    p.save();
                    copied.set(false);
                    link.set(share_url());
                }>{move || lang.t(Msg::ShareLink)}</button>
                {move || link.get().map(|url| {
                    let qr = qr_path(&url);
                    let u2 = url.clone();
                    view! {
                        <div class="share-box">
                            <label>
                                {lang.t(Msg::ShareLinkLabel)}
                                <input type="text" readonly data-testid="share-url" prop:value=url.clone()
                                    on:focus=move |ev| {
                                        let el: web_sys::HtmlInputElement = event_target(&ev);
                                        el.select();
                                    } />
                            </label>
                            <button type="button" data-testid="copy-share" on:click=move |_| {
                                let cb = window().navigator().clipboard();
                                let _ = cb.write_text(&u2);
                                copied.set(true);
                            }>{move || if copied.get() { lang.t(Msg::Copied) } else { lang.t(Msg::CopyLink) }}</button>
                            <span class="muted">{format!("{} {}", url.len(), lang.t(Msg::Characters))}</span>
                            {match qr {
                                Some((d, size)) => view! {
                                    <svg class="qr" data-testid="share-qr" role="img" viewBox=format!("0 0 {size} {size}")
                                        aria-label=lang.t(Msg::QrLabel)>
                                        <rect width=size.to_string() height=size.to_string() fill="#fff" />
                                        <path d=d fill="#000" />
                                    </svg>
                                }
                                .into_any(),
                                // Too long for a QR code: say so, and offer the file instead.
                                None => view! {
                                    <div class="no-qr" data-testid="share-no-qr" role="status">
                                        <p>{lang.t(Msg::NoQrTooLong)}</p>
                                        <p>{lang.t(Msg::NoQrExport)}</p>
                                        <button type="button" data-testid="share-export" on:click=move |_| download("kubeaula-progreso.yaml", &p.export_text())>
                                            {lang.t(Msg::ExportProgress)}
                                        </button>
                                    </div>
                                }
                                .into_any(),
                            }}
                        </div>
                    }
                })}
                <button type="button" data-testid="export" on:click=move |_| download("kubeaula-progreso.yaml", &p.export_text())>
                    {move || lang.t(Msg::ExportProgress)}
                </button>
                <label class="import">
                    {move || lang.t(Msg::ImportProgress)}
                    <input type="file" accept=".yaml,.yml,text/yaml" data-testid="import" node_ref=file_ref on:change=on_file />
                </label>
                <button type="button" data-testid="reset-lesson" on:click=move |_| ask(false)>
                    {move || lang.t(Msg::ResetLesson)}
                </button>
                <button type="button" data-testid="reset-all" on:click=move |_| ask(true)>
                    {move || lang.t(Msg::ResetAll)}
                </button>
                {move || confirm.get().map(|all| view! {
                    <p class="confirm" role="alertdialog" aria-live="assertive">
                        {if all { lang.t(Msg::ResetAllAsk) } else { lang.t(Msg::ResetLessonAsk) }}
                        <button type="button" data-testid="reset-yes" on:click=move |_| {
                            confirm.set(None);
                            if all { p.reset_all() } else { p.reset_lesson() }
                        }>{lang.t(Msg::ResetYes)}</button>
                        <button type="button" data-testid="reset-no" on:click=move |_| confirm.set(None)>{lang.t(Msg::ResetNo)}</button>
                    </p>
                })}
            </div>
        </details>
    }
}
