//! The shell: state shared by every page, hash routing, the top bar and the undo toast.
//!
//! Routing uses the URL fragment (`#/can-bo/…`) so that `dist/` works from any static server
//! under any sub-path, and a reload of any page never asks the server for a path it lacks.

use std::cell::OnceCell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;

use crate::domain::model::{Cadre, Unit};
use crate::domain::roster::{RecordKind, Roster, SearchIndex, Tombstone};
use crate::store::{self, Db};

thread_local! {
    static DB: OnceCell<Rc<Db>> = const { OnceCell::new() };
}

/// The open database (set once at start-up, before any page renders).
pub fn db() -> Rc<Db> {
    DB.with(|d| d.get().expect("database opened before the app mounts").clone())
}

/// The pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Danh sách cán bộ.
    Roster,
    /// Thêm cán bộ.
    NewCadre,
    /// Sửa cán bộ.
    EditCadre(String),
    /// Đơn vị.
    Units,
}

impl Route {
    fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.split('/').collect::<Vec<_>>().as_slice() {
            ["can-bo", "moi"] => Route::NewCadre,
            ["can-bo", id] if !id.is_empty() => Route::EditCadre((*id).to_string()),
            ["don-vi"] => Route::Units,
            _ => Route::Roster,
        }
    }

    /// The fragment for this route.
    pub fn href(&self) -> String {
        match self {
            Route::Roster => "#/".into(),
            Route::NewCadre => "#/can-bo/moi".into(),
            Route::EditCadre(id) => format!("#/can-bo/{id}"),
            Route::Units => "#/don-vi".into(),
        }
    }
}

/// A message at the bottom of the screen, with an optional undo.
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    /// Text shown.
    pub text: String,
    /// True for an error (shown in red and kept until dismissed).
    pub error: bool,
    /// A deletion that "Hoàn tác" puts back.
    pub undo: Option<Tombstone>,
}

/// State every page shares. Signals only, so it is `Copy` and lives in context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Units and cadres as stored.
    pub roster: RwSignal<Roster>,
    /// Search index, rebuilt when the roster changes.
    pub index: Memo<SearchIndexed>,
    /// Current page.
    pub route: RwSignal<Route>,
    /// Current message.
    pub toast: RwSignal<Option<Toast>>,
}

/// The search index, shared without copying; a rebuilt index always counts as changed.
#[derive(Clone, Default)]
pub struct SearchIndexed(pub Arc<SearchIndex>);
impl PartialEq for SearchIndexed {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl AppState {
    /// Navigates to a page.
    pub fn go(&self, route: Route) {
        let href = route.href();
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&href);
        }
        self.route.set(route);
    }

    /// Shows a short message.
    pub fn say(&self, text: impl Into<String>) {
        self.toast.set(Some(Toast { text: text.into(), error: false, undo: None }));
    }

    /// Shows an error that stays until dismissed.
    pub fn fail(&self, text: impl Into<String>) {
        self.toast.set(Some(Toast { text: text.into(), error: true, undo: None }));
    }

    /// Saves a cadre: validates in the domain, writes to IndexedDB, then updates the
    /// in-memory roster. On a storage failure nothing changes in memory either.
    pub async fn save_cadre(&self, draft: Cadre) -> Result<Cadre, Vec<crate::domain::roster::FieldError>> {
        let mut next = self.roster.get_untracked();
        let saved = next.save_cadre(draft, store::now())?;
        match db().put_cadre(&saved).await {
            Ok(()) => {
                self.roster.set(next);
                Ok(saved)
            }
            Err(e) => {
                self.fail(e.to_string());
                Err(vec![])
            }
        }
    }

    /// Saves a unit, as [`AppState::save_cadre`].
    pub async fn save_unit(&self, draft: Unit) -> Result<Unit, Vec<crate::domain::roster::FieldError>> {
        let mut next = self.roster.get_untracked();
        let saved = next.save_unit(draft, store::now())?;
        match db().put_unit(&saved).await {
            Ok(()) => {
                self.roster.set(next);
                Ok(saved)
            }
            Err(e) => {
                self.fail(e.to_string());
                Err(vec![])
            }
        }
    }

    /// Deletes a cadre, keeping a tombstone, and offers undo.
    pub fn delete_cadre(&self, id: String) {
        let state = *self;
        spawn_local(async move {
            let mut next = state.roster.get_untracked();
            let Some(t) = next.delete_cadre(&id, store::now()) else { return };
            match db().delete_with_tombstone(&t).await {
                Ok(()) => {
                    let name = t.backup.get("full_name").and_then(|v| v.as_str()).unwrap_or("").to_string();
                    state.roster.set(next);
                    state.toast.set(Some(Toast { text: format!("Đã xóa cán bộ {name}."), error: false, undo: Some(t) }));
                }
                Err(e) => state.fail(e.to_string()),
            }
        });
    }

    /// Deletes a unit if the domain allows it, and offers undo.
    pub fn delete_unit(&self, id: String) {
        let state = *self;
        spawn_local(async move {
            let mut next = state.roster.get_untracked();
            let t = match next.delete_unit(&id, store::now()) {
                Ok(t) => t,
                Err(msg) => return state.fail(msg),
            };
            match db().delete_with_tombstone(&t).await {
                Ok(()) => {
                    let name = t.backup.get("name").and_then(|v| v.as_str()).unwrap_or("").to_string();
                    state.roster.set(next);
                    state.toast.set(Some(Toast { text: format!("Đã xóa đơn vị {name}."), error: false, undo: Some(t) }));
                }
                Err(e) => state.fail(e.to_string()),
            }
        });
    }

    /// Puts back what a tombstone holds.
    pub fn undo_delete(&self, t: Tombstone) {
        let state = *self;
        spawn_local(async move {
            let mut next = state.roster.get_untracked();
            if let Err(msg) = next.restore(&t, store::now()) {
                return state.fail(msg);
            }
            let written = match t.kind {
                RecordKind::Cadre => db().restore_cadre(next.cadre(&t.id).expect("just restored")).await,
                RecordKind::Unit => db().restore_unit(next.unit(&t.id).expect("just restored")).await,
            };
            match written {
                Ok(()) => {
                    state.roster.set(next);
                    state.say("Đã hoàn tác.");
                }
                Err(e) => state.fail(e.to_string()),
            }
        });
    }
}

/// Opens the database, loads the roster and mounts the app.
pub fn start() {
    console_error_panic_hook::set_once();
    register_service_worker();
    // Not leptos' spawn_local: its executor is set up by `mount_to_body`, which comes later.
    wasm_bindgen_futures::spawn_local(async {
        let loaded = match Db::open(store::DB_NAME).await {
            Ok(db) => {
                let roster = db.load_roster().await;
                DB.with(|d| {
                    let _ = d.set(Rc::new(db));
                });
                roster
            }
            Err(e) => Err(e),
        };
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("loading")) {
            el.remove();
        }
        match loaded {
            Ok(roster) => leptos::mount::mount_to_body(move || view! { <App roster=roster/> }),
            Err(e) => leptos::mount::mount_to_body(move || {
                view! {
                    <main class="fatal" role="alert">
                        <h1>"Không mở được dữ liệu"</h1>
                        <p>{e.to_string()}</p>
                        <p>"Dữ liệu chưa bị thay đổi. Hãy tải lại trang; nếu vẫn lỗi, hãy kiểm tra trình duyệt có cho phép lưu trữ (không ở chế độ ẩn danh)."</p>
                    </main>
                }
            }),
        }
    });
}

fn register_service_worker() {
    let Some(window) = web_sys::window() else { return };
    // Relative URL: the worker's scope is the folder the app is served from.
    let _ = window.navigator().service_worker().register("./sw.js");
}

fn current_route() -> Route {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    Route::parse(&hash)
}

#[component]
fn App(roster: Roster) -> impl IntoView {
    let roster = RwSignal::new(roster);
    let index = Memo::new(move |_| SearchIndexed(Arc::new(roster.with(SearchIndex::build))));
    let state = AppState { roster, index, route: RwSignal::new(current_route()), toast: RwSignal::new(None) };
    provide_context(state);

    let on_hash = Closure::<dyn Fn()>::new(move || state.route.set(current_route()));
    if let Some(w) = web_sys::window() {
        w.set_onhashchange(Some(on_hash.as_ref().unchecked_ref()));
    }
    on_hash.forget();

    let nav = move |route: Route, label: &'static str| {
        let href = route.href();
        let active = Memo::new(move |_| {
            let current = state.route.get();
            match (&route, &current) {
                (Route::Roster, Route::NewCadre | Route::EditCadre(_)) => true,
                _ => route == current,
            }
        });
        view! {
            <a href=href class:active=move || active.get() aria-current=move || active.get().then_some("page")>{label}</a>
        }
    };

    view! {
        <header class="topbar">
            <span class="brand">"Sổ đào tạo, bồi dưỡng cán bộ"</span>
            <nav aria-label="Trang">
                {nav(Route::Roster, "Cán bộ")}
                {nav(Route::Units, "Đơn vị")}
            </nav>
        </header>
        <main id="main">
            {move || match state.route.get() {
                Route::Roster => view! { <crate::ui::roster::RosterPage/> }.into_any(),
                Route::NewCadre => view! { <crate::ui::cadre_form::CadreFormPage id=None/> }.into_any(),
                Route::EditCadre(id) => view! { <crate::ui::cadre_form::CadreFormPage id=Some(id)/> }.into_any(),
                Route::Units => view! { <crate::ui::units::UnitsPage/> }.into_any(),
            }}
        </main>
        <ToastView/>
    }
}

#[component]
fn ToastView() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Messages leave by themselves (an undo offer stays longer); errors stay until dismissed.
    Effect::new(move |_| {
        let Some(t) = state.toast.get() else { return };
        if t.error {
            return;
        }
        let ms = if t.undo.is_some() { 10_000 } else { 4_000 };
        set_timeout(
            move || {
                if state.toast.get_untracked().as_ref() == Some(&t) {
                    state.toast.set(None);
                }
            },
            std::time::Duration::from_millis(ms),
        );
    });
    move || {
        state.toast.get().map(|t| {
            let undo = t.undo.clone();
            view! {
                <div class="toast" class:error=t.error role="status" aria-live="polite">
                    <span>{t.text.clone()}</span>
                    {undo.map(|tomb| view! {
                        <button class="btn" on:click=move |_| state.undo_delete(tomb.clone())>"Hoàn tác"</button>
                    })}
                    <button class="btn ghost" aria-label="Đóng thông báo" on:click=move |_| state.toast.set(None)>"✕"</button>
                </div>
            }
        })
    }
}
