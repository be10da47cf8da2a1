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

use crate::store::{self, Db};
use dtbd_domain::directive::Directive;
use dtbd_domain::model::{Cadre, Unit};
use dtbd_domain::roster::{RecordKind, Roster, SearchIndex, Tombstone};
use dtbd_domain::snapshot::export_reminder;

thread_local! {
    static DB: OnceCell<Rc<Db>> = const { OnceCell::new() };
    static BUNDLE: OnceCell<Bundle> = const { OnceCell::new() };
    static LOAD_DIRECTIVES: OnceCell<LoadDirectives> = const { OnceCell::new() };
}

/// The app ships as one small wasm bundle per area of work, each its own HTML page, all
/// sharing the IndexedDB database. Only the first (`index.html`) is loaded on a first visit;
/// the others load when the officer opens them, and the service worker keeps them offline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// `index.html`: danh sách cán bộ alone, the first page of a first visit: on Slow 3G its
    /// bytes are most of the wait, so everything else about a cadre is one page away.
    Roster,
    /// `can-bo.html`: hồ sơ cán bộ (the cadre form), đơn vị, sửa hàng loạt: the forms that
    /// write the roster, out of the main bundle (they were 90 KB of its 227 KB brotli).
    Cadres,
    /// `van-ban.html`: văn bản chỉ đạo, chỉ tiêu, đề xuất cử đi học.
    Directives,
    /// `sua-van-ban.html`: the directive editor (rarely used, heavy forms).
    Editor,
    /// `doc-van-ban.html`: Đọc văn bản, the reader of a directive's or a plan's text and its
    /// review (the reader alone is some 60 KB brotli; it took the editor over its budget).
    Reader,
    /// `trao-doi.html`: trao đổi dữ liệu (export, import, backups): the snapshot code.
    Share,
    /// `ke-hoach.html`: kế hoạch đào tạo, bồi dưỡng, lớp học, cử đi học, kết quả, thống kê.
    Plans,
    /// `nhap-excel.html`: nhập, xuất Excel/CSV (the Excel code itself is in a worker).
    Excel,
    /// `du-lieu-mau.html`: builds the demo dataset (dữ liệu mẫu) and loads it; its generator
    /// is opened once per demo, so it weighs on no other bundle.
    Demo,
}

impl Bundle {
    fn page(self) -> &'static str {
        match self {
            Bundle::Roster => "index.html",
            Bundle::Cadres => "can-bo.html",
            Bundle::Directives => "van-ban.html",
            Bundle::Editor => "sua-van-ban.html",
            Bundle::Reader => "doc-van-ban.html",
            Bundle::Share => "trao-doi.html",
            Bundle::Plans => "ke-hoach.html",
            Bundle::Excel => "nhap-excel.html",
            Bundle::Demo => "du-lieu-mau.html",
        }
    }

    fn current() -> Bundle {
        BUNDLE.with(|b| b.get().copied().unwrap_or(Bundle::Roster))
    }
}

/// Renders the pages one bundle owns; `None` for a route another bundle owns.
pub type Pages = fn(&Route) -> Option<AnyView>;

/// Loads the directives a bundle needs at start-up. A function pointer, not a flag, so a
/// bundle that needs none links none of the directive model's code.
pub type LoadDirectives =
    fn(Rc<Db>) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Vec<Directive>, store::StoreError>>>>;

/// For bundles that show no directive.
pub fn no_directives(
    _: Rc<Db>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Vec<Directive>, store::StoreError>>>> {
    Box::pin(async { Ok(Vec::new()) })
}

/// Every directive the user keeps.
pub fn all_directives(
    db: Rc<Db>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Vec<Directive>, store::StoreError>>>> {
    Box::pin(async move { db.load_directives().await })
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
    /// Sửa hàng loạt: the roster with the bulk-edit panel open over the people chosen.
    BulkEdit,
    /// Văn bản chỉ đạo: the user's directives and the built-in templates.
    Directives,
    /// One directive with every target scored.
    Directive(String),
    /// Sửa văn bản.
    EditDirective(String),
    /// Đọc văn bản: a directive's text read into proposals to review.
    ReadDocument,
    /// Đề xuất cử đi học for one directive.
    Suggestions(String),
    /// Thực trạng: the status report of a directive's groups.
    Status(String),
    /// Báo cáo tiến độ: every target of a directive, printable.
    Progress(String),
    /// Theo dõi so với mốc: baselines of a directive and the monitoring paragraph.
    Monitor(String),
    /// So sánh đơn vị: one target, need or group of a directive by child unit of a parent
    /// (the directive's own unit when none is named).
    Compare {
        /// Directive id.
        directive: String,
        /// What is compared.
        subject: dtbd_view::compare::Subject,
        /// The parent unit whose children are compared.
        parent: Option<String>,
    },
    /// Trao đổi dữ liệu: export and import.
    Share,
    /// Bản sao lưu: the backups taken before imports and restores.
    Backups,
    /// Tình hình gửi số liệu: which reporting units sent their files, and who is overdue.
    Submissions,
    /// Kế hoạch đào tạo, bồi dưỡng: the list of plans.
    Plans,
    /// One plan with its course lines.
    Plan(String),
    /// One course line: nominate, start, record results.
    CourseLine(String),
    /// Thống kê cử đi đào tạo, bồi dưỡng theo năm.
    PlanStats,
    /// Nhập, xuất Excel.
    Excel,
    /// Nhập nhanh: cadres typed row after row (in the Excel bundle, which links the import's
    /// reading of levels).
    QuickEntry,
    /// Dữ liệu mẫu: (re)loads the demo into its own database, then shows it.
    Demo,
}

impl Route {
    fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.split('/').collect::<Vec<_>>().as_slice() {
            ["can-bo", "moi"] => Route::NewCadre,
            ["can-bo", id] if !id.is_empty() => Route::EditCadre((*id).to_string()),
            ["don-vi"] => Route::Units,
            ["sua-hang-loat"] => Route::BulkEdit,
            ["van-ban"] => Route::Directives,
            ["van-ban", id] if !id.is_empty() => Route::Directive((*id).to_string()),
            ["van-ban", id, "sua"] => Route::EditDirective((*id).to_string()),
            ["doc-van-ban"] => Route::ReadDocument,
            ["van-ban", id, "de-xuat"] => Route::Suggestions((*id).to_string()),
            ["van-ban", id, "thuc-trang"] => Route::Status((*id).to_string()),
            ["van-ban", id, "tien-do"] => Route::Progress((*id).to_string()),
            ["van-ban", id, "moc"] => Route::Monitor((*id).to_string()),
            ["van-ban", id, "so-sanh", kind, item, rest @ ..] if rest.len() <= 1 => {
                match dtbd_view::compare::Subject::parse(kind, item) {
                    Some(subject) => Route::Compare {
                        directive: (*id).to_string(),
                        subject,
                        parent: rest.first().filter(|p| !p.is_empty()).map(|p| (*p).to_string()),
                    },
                    None => Route::Directive((*id).to_string()),
                }
            }
            ["trao-doi"] => Route::Share,
            ["trao-doi", "sao-luu"] => Route::Backups,
            ["trao-doi", "tinh-hinh-gui"] => Route::Submissions,
            ["ke-hoach"] => Route::Plans,
            ["nhap-excel"] => Route::Excel,
            ["nhap-nhanh"] => Route::QuickEntry,
            ["ke-hoach", "thong-ke"] => Route::PlanStats,
            ["ke-hoach", "lop", id] if !id.is_empty() => Route::CourseLine((*id).to_string()),
            ["ke-hoach", id] if !id.is_empty() => Route::Plan((*id).to_string()),
            ["du-lieu-mau"] => Route::Demo,
            _ => Route::Roster,
        }
    }

    /// The bundle whose page renders this route.
    pub fn bundle(&self) -> Bundle {
        match self {
            Route::Roster => Bundle::Roster,
            Route::NewCadre | Route::EditCadre(_) | Route::Units | Route::BulkEdit => Bundle::Cadres,
            Route::Directives
            | Route::Directive(_)
            | Route::Suggestions(_)
            | Route::Status(_)
            | Route::Progress(_)
            | Route::Monitor(_)
            | Route::Compare { .. } => Bundle::Directives,
            Route::EditDirective(_) => Bundle::Editor,
            Route::ReadDocument => Bundle::Reader,
            Route::Share | Route::Backups | Route::Submissions => Bundle::Share,
            Route::Plans | Route::Plan(_) | Route::CourseLine(_) | Route::PlanStats => Bundle::Plans,
            Route::Excel | Route::QuickEntry => Bundle::Excel,
            Route::Demo => Bundle::Demo,
        }
    }

    /// Whether the current page renders this route. `can-bo.html` also renders the roster, so
    /// a save or a deletion there comes back to a list in the same page, its toast and
    /// "Hoàn tác" with it.
    fn renders_here(&self) -> bool {
        let current = Bundle::current();
        self.bundle() == current || (*self == Route::Roster && current == Bundle::Cadres)
    }

    /// The link to this route: the fragment alone inside the current bundle's page, the other
    /// page's file and the fragment otherwise.
    pub fn href(&self) -> String {
        let bundle = self.bundle();
        if self.renders_here() {
            self.fragment()
        } else {
            format!("{}{}", bundle.page(), self.fragment())
        }
    }

    fn fragment(&self) -> String {
        match self {
            Route::Roster => "#/".into(),
            Route::NewCadre => "#/can-bo/moi".into(),
            Route::EditCadre(id) => format!("#/can-bo/{id}"),
            Route::Units => "#/don-vi".into(),
            Route::BulkEdit => "#/sua-hang-loat".into(),
            Route::Directives => "#/van-ban".into(),
            Route::Directive(id) => format!("#/van-ban/{id}"),
            Route::EditDirective(id) => format!("#/van-ban/{id}/sua"),
            Route::ReadDocument => "#/doc-van-ban".into(),
            Route::Suggestions(id) => format!("#/van-ban/{id}/de-xuat"),
            Route::Status(id) => format!("#/van-ban/{id}/thuc-trang"),
            Route::Progress(id) => format!("#/van-ban/{id}/tien-do"),
            Route::Monitor(id) => format!("#/van-ban/{id}/moc"),
            Route::Compare { directive, subject, parent } => match parent {
                Some(parent) => format!("#/van-ban/{directive}/so-sanh/{}/{parent}", subject.path()),
                None => format!("#/van-ban/{directive}/so-sanh/{}", subject.path()),
            },
            Route::Share => "#/trao-doi".into(),
            Route::Backups => "#/trao-doi/sao-luu".into(),
            Route::Submissions => "#/trao-doi/tinh-hinh-gui".into(),
            Route::Plans => "#/ke-hoach".into(),
            Route::Plan(id) => format!("#/ke-hoach/{id}"),
            Route::CourseLine(id) => format!("#/ke-hoach/lop/{id}"),
            Route::PlanStats => "#/ke-hoach/thong-ke".into(),
            Route::Excel => "#/nhap-excel".into(),
            Route::QuickEntry => "#/nhap-nhanh".into(),
            Route::Demo => "#/du-lieu-mau".into(),
        }
    }
}

/// What a toast's "Hoàn tác" does: puts back what was just done (a deletion, a bulk edit),
/// holding whatever it needs. Compared by identity, so a toast's timer can tell it is still
/// the same toast.
#[derive(Clone)]
pub struct Undo(Arc<dyn Fn(AppState) + Send + Sync>);

impl Undo {
    /// An undo that runs `f`.
    pub fn new(f: impl Fn(AppState) + Send + Sync + 'static) -> Self {
        Undo(Arc::new(f))
    }
}

impl PartialEq for Undo {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Undo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Undo")
    }
}

/// A message at the bottom of the screen, with an optional undo.
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    /// Text shown.
    pub text: String,
    /// True for an error (shown in red and kept until dismissed).
    pub error: bool,
    /// What "Hoàn tác" puts back.
    pub undo: Option<Undo>,
}

/// State every page shares. Signals only, so it is `Copy` and lives in context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Units and cadres as stored.
    pub roster: RwSignal<Roster>,
    /// Search index, rebuilt when the roster changes.
    pub index: Memo<SearchIndexed>,
    /// The user's directives.
    pub directives: RwSignal<Vec<Directive>>,
    /// Current page.
    pub route: RwSignal<Route>,
    /// Current message.
    pub toast: RwSignal<Option<Toast>>,
    /// Days since the last export when the reminder is due (see
    /// `domain::snapshot::export_reminder`); the share page clears it after an export.
    pub reminder: RwSignal<Option<u32>>,
}

/// The search index, shared without copying; a rebuilt index always counts as changed.
#[derive(Clone, Default)]
pub struct SearchIndexed(pub Arc<SearchIndex>);
impl PartialEq for SearchIndexed {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What a version conflict says, from the roster in memory, my record, the stored one and
/// the fields both changed (`None`: the whole record); it also puts the stored one in memory.
type ConflictFn<T> = fn(&mut Roster, &T, Option<T>, Option<&[String]>) -> Option<dtbd_domain::roster::FieldError>;

impl AppState {
    /// The directive a page shows, following edits (from this tab or another); `None` once it
    /// is deleted, so the page says it is not found.
    pub fn directive(&self, id: String) -> Memo<Option<Directive>> {
        let directives = self.directives;
        Memo::new(move |_| directives.with(|all| all.iter().find(|d| d.id == id).cloned()))
    }

    /// Navigates to a page (loading the other bundle's page when it owns the route).
    pub fn go(&self, route: Route) {
        let Some(w) = web_sys::window() else { return };
        if route.renders_here() {
            let _ = w.location().set_hash(&route.fragment());
            self.show(route);
        } else {
            // The message just said ("Đã lưu …") would go with this page: the next one shows it.
            if let Some(Toast { text, error: false, undo: None }) = self.toast.get_untracked() {
                store::prefs::hand_over(store::prefs::Handed::Message, &text);
            }
            let _ = w.location().assign(&route.href());
        }
    }

    /// Draws `route`'s page unless it is the one drawn. `go` sets the hash and draws at once,
    /// and the `hashchange` that follows names the same route: drawn again, the page would
    /// lose what the officer began typing meanwhile (a new form's rows, a search) and a
    /// 30.000-row roster would be laid out twice.
    fn show(&self, route: Route) {
        if self.route.with_untracked(|shown| *shown != route) {
            self.route.set(route);
        }
    }

    /// Shows a short message.
    pub fn say(&self, text: impl Into<String>) {
        self.toast.set(Some(Toast { text: text.into(), error: false, undo: None }));
    }

    /// Shows an error that stays until dismissed.
    pub fn fail(&self, text: impl Into<String>) {
        self.toast.set(Some(Toast { text: text.into(), error: true, undo: None }));
    }

    /// Applies `change` to a copy of the roster (the domain validates it and checks the
    /// version), writes the changed record with `write` (which checks the version again inside
    /// the transaction), and only then replaces the roster in memory: on a storage failure
    /// nothing changes in memory either. On a version conflict (another tab saved first) the
    /// record as stored now replaces the one in memory, and the error names both versions
    /// (only the fields both changed, when the store merged the others). The record as
    /// written (its fields stamped, another tab's fields merged) is what memory keeps.
    async fn save_record<T, W>(
        &self,
        change: impl FnOnce(&mut Roster) -> Result<T, Vec<dtbd_domain::roster::FieldError>>,
        write: impl FnOnce(Rc<Db>, T) -> W,
        conflict: ConflictFn<T>,
        keep: fn(&mut Roster, T),
    ) -> Result<T, Vec<dtbd_domain::roster::FieldError>>
    where
        T: Clone,
        W: std::future::Future<Output = Result<T, store::SaveError<T>>>,
    {
        let mut next = self.roster.get_untracked();
        let saved = change(&mut next)?;
        match write(db(), saved.clone()).await {
            Ok(written) => {
                keep(&mut next, written.clone());
                self.roster.set(next);
                Ok(written)
            }
            Err(store::SaveError::Conflict(stored)) => {
                let mut now = self.roster.get_untracked();
                let e = conflict(&mut now, &saved, stored, None);
                self.roster.set(now);
                Err(e.into_iter().collect())
            }
            Err(store::SaveError::Fields(stored, fields)) => {
                let mut now = self.roster.get_untracked();
                let e = conflict(&mut now, &saved, stored, Some(&fields));
                self.roster.set(now);
                Err(e.into_iter().collect())
            }
            Err(store::SaveError::Store(e)) => {
                self.fail(e.to_string());
                Err(vec![dtbd_domain::roster::FieldError { field: "store".into(), message: e.to_string() }])
            }
        }
    }

    /// Saves a cadre (see [`AppState::save_record`]).
    pub async fn save_cadre(&self, draft: Cadre) -> Result<Cadre, Vec<dtbd_domain::roster::FieldError>> {
        self.save_cadre_from(draft, None).await
    }

    /// Saves a cadre edited from `opened` (the record as the form opened it): another tab's
    /// save of other fields meanwhile merges with it, in memory and inside the store's write
    /// transaction; only a field both changed is a conflict (see [`AppState::save_record`]).
    pub async fn save_cadre_from(
        &self,
        draft: Cadre,
        opened: Option<Cadre>,
    ) -> Result<Cadre, Vec<dtbd_domain::roster::FieldError>> {
        let base = opened.clone();
        self.save_record(
            move |r| r.save_cadre_from(opened.as_ref(), draft, store::now()),
            move |db, c| async move { db.put_cadre_checked(&c, base.as_ref()).await },
            |r, mine, stored, fields| {
                // The form's base version: the one before this save's bump.
                let e = r.cadre_conflict_on(&dtbd_view::stamp::as_opened(mine), stored.as_ref(), fields);
                r.cadres.retain(|c| c.id != mine.id);
                r.cadres.extend(stored);
                e
            },
            |r, written| {
                if let Some(slot) = r.cadres.iter_mut().find(|c| c.id == written.id) {
                    *slot = written;
                }
            },
        )
        .await
    }

    /// Saves a unit (see [`AppState::save_record`]).
    pub async fn save_unit(&self, draft: Unit) -> Result<Unit, Vec<dtbd_domain::roster::FieldError>> {
        self.save_record(
            |r| r.save_unit(draft, store::now()),
            |db, u| async move { db.put_unit_checked(&u, None).await },
            |r, mine, stored, _| {
                let e = r.unit_conflict(&dtbd_view::stamp::as_opened(mine), stored.as_ref());
                r.units.retain(|u| u.id != mine.id);
                r.units.extend(stored);
                e
            },
            |r, written| {
                if let Some(slot) = r.units.iter_mut().find(|u| u.id == written.id) {
                    *slot = written;
                }
            },
        )
        .await
    }

    /// Saves a directive after the domain's validation.
    pub async fn save_directive(&self, d: Directive) -> Result<Directive, crate::ui::widgets::SaveRefused> {
        self.save_directive_with_plans(d, Vec::new(), Vec::new()).await
    }

    /// Saves a directive after the domain's validation, with new plans and course lines read
    /// beside it (Đọc văn bản over a kế hoạch), all in one transaction.
    pub async fn save_directive_with_plans(
        &self,
        mut d: Directive,
        mut plans: Vec<dtbd_domain::training::Plan>,
        mut lines: Vec<dtbd_domain::training::CourseLine>,
    ) -> Result<Directive, crate::ui::widgets::SaveRefused> {
        let errors = d.validate();
        if !errors.is_empty() {
            return Err(crate::ui::widgets::SaveRefused::Invalid(errors));
        }
        let now = store::now();
        self.directives.with_untracked(|all| dtbd_view::stamp::stamp(&mut d, all, now));
        plans.iter_mut().for_each(|p| dtbd_view::stamp::stamp(p, &[], now));
        lines.iter_mut().for_each(|l| dtbd_view::stamp::stamp(l, &[], now));
        match db().put_directive_with_plans(&d, &plans, &lines).await {
            Ok(()) => {
                self.directives.update(|all| match all.iter_mut().find(|x| x.id == d.id) {
                    Some(slot) => *slot = d.clone(),
                    None => all.push(d.clone()),
                });
                Ok(d)
            }
            Err(e) => {
                self.fail(e.to_string());
                Err(crate::ui::widgets::SaveRefused::Reported)
            }
        }
    }

    /// Deletes a directive, keeping a tombstone, and offers undo.
    pub fn delete_directive(&self, id: String) {
        let state = *self;
        spawn_local(async move {
            let Some(d) = state.directives.with_untracked(|all| all.iter().find(|x| x.id == id).cloned()) else {
                return;
            };
            let t = Tombstone::of(&d.id, RecordKind::Directive, &d.meta, &d, store::now());
            match db().delete_with_tombstone(&t).await {
                Ok(()) => {
                    state.directives.update(|all| all.retain(|x| x.id != id));
                    state.toast.set(Some(Toast {
                        text: format!("Đã xóa văn bản {}.", d.number),
                        error: false,
                        undo: Some(Undo::new(move |s| AppState::undo_directive_delete(s, t.clone()))),
                    }));
                }
                Err(e) => state.fail(e.to_string()),
            }
        });
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
                    state.toast.set(Some(Toast {
                        text: format!("Đã xóa cán bộ {name}."),
                        error: false,
                        undo: Some(Undo::new(move |s| AppState::undo_delete(s, t.clone()))),
                    }));
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
                    state.toast.set(Some(Toast {
                        text: format!("Đã xóa đơn vị {name}."),
                        error: false,
                        undo: Some(Undo::new(move |s| AppState::undo_delete(s, t.clone()))),
                    }));
                }
                Err(e) => state.fail(e.to_string()),
            }
        });
    }

    /// Puts back a deleted directive.
    pub fn undo_directive_delete(state: AppState, t: Tombstone) {
        spawn_local(async move {
            let d: Directive = match t.restored(store::now(), |d: &mut Directive| &mut d.meta) {
                Ok(d) => d,
                Err(msg) => return state.fail(msg),
            };
            match db().restore_directive(&d).await {
                Ok(()) => {
                    state.directives.update(|all| all.push(d));
                    state.say("Đã hoàn tác.");
                }
                Err(e) => state.fail(e.to_string()),
            }
        });
    }

    /// Puts back a deleted unit or cadre.
    pub fn undo_delete(state: AppState, t: Tombstone) {
        spawn_local(async move {
            let mut next = state.roster.get_untracked();
            if let Err(msg) = next.restore(&t, store::now()) {
                return state.fail(msg);
            }
            let written = match t.kind {
                RecordKind::Cadre => db().restore_cadre(next.cadre(&t.id).expect("just restored")).await,
                RecordKind::Unit => db().restore_unit(next.unit(&t.id).expect("just restored")).await,
                RecordKind::Directive | RecordKind::Enrollment | RecordKind::History => {
                    return state.fail("Bản ghi này không nằm trong danh sách cán bộ.")
                }
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

/// Opens the database, loads the roster and mounts the bundle's app with its `pages`.
pub fn start(bundle: Bundle, pages: Pages, load_directives: LoadDirectives) {
    BUNDLE.with(|b| {
        let _ = b.set(bundle);
    });
    LOAD_DIRECTIVES.with(|l| {
        let _ = l.set(load_directives);
    });
    console_error_panic_hook::set_once();
    // Not leptos' spawn_local: its executor is set up by `mount_to_body`, which comes later.
    wasm_bindgen_futures::spawn_local(async move {
        // The demo flag is read here, by every bundle, so every page opens the same database.
        mark("dtbd:db-open");
        let loaded = match Db::open(store::demo::db_name()).await {
            Ok(db) => {
                let db = Rc::new(db);
                DB.with(|d| {
                    let _ = d.set(db.clone());
                });
                match (db.load_roster().await, load_directives(db.clone()).await) {
                    (Ok(r), Ok(d)) => Ok((r, d)),
                    (Err(e), _) | (_, Err(e)) => Err(e),
                }
            }
            Err(e) => Err(e),
        };
        mark("dtbd:db-loaded");
        measure("dtbd:cold-load", "dtbd:db-open", "dtbd:db-loaded");
        // The HTML's frame and loading bar (index.html), replaced by the app's own header.
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("frame")) {
            el.remove();
        }
        match loaded {
            Ok((roster, directives)) => {
                leptos::mount::mount_to_body(move || view! { <App roster=roster directives=directives pages=pages/> });
                mark("dtbd:mounted");
            }
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

fn current_route() -> Route {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    Route::parse(&hash)
}

#[component]
fn App(roster: Roster, directives: Vec<Directive>, pages: Pages) -> impl IntoView {
    let roster = RwSignal::new(roster);
    let directives = RwSignal::new(directives);
    let index = Memo::new(move |_| SearchIndexed(Arc::new(roster.with(SearchIndex::build))));
    let demo = store::demo::active();
    let reminder = RwSignal::new(if demo {
        None
    } else {
        export_reminder(store::prefs::reminder_since(), store::now(), store::prefs::reminder_days())
    });
    let state = AppState {
        roster,
        index,
        directives,
        route: RwSignal::new(current_route()),
        toast: RwSignal::new(store::prefs::take_handed(store::prefs::Handed::Message).map(|text| Toast {
            text,
            error: false,
            undo: None,
        })),
        reminder,
    };
    provide_context(state);

    // Another tab (or bundle) committed a write: read what it touched again, so both show
    // the same data. Open forms keep their draft; the version check catches a stale save.
    store::broadcast::listen(move |w| {
        let touched = |s: &str| w.touches(s);
        let roster_changed = store::ROSTER_STORES.iter().any(|s| touched(s));
        let directives_changed = touched(store::DIRECTIVES);
        if !roster_changed && !directives_changed {
            return;
        }
        spawn_local(async move {
            if roster_changed {
                match db().load_roster().await {
                    Ok(r) => roster.set(r),
                    Err(e) => state.fail(e.to_string()),
                }
            }
            if directives_changed {
                let load = LOAD_DIRECTIVES.with(|l| l.get().copied());
                if let Some(load) = load {
                    match load(db()).await {
                        Ok(d) => directives.set(d),
                        Err(e) => state.fail(e.to_string()),
                    }
                }
            }
        });
    });

    let on_hash = Closure::<dyn Fn()>::new(move || state.show(current_route()));
    if let Some(w) = web_sys::window() {
        w.set_onhashchange(Some(on_hash.as_ref().unchecked_ref()));
    }
    on_hash.forget();

    let nav = move |route: Route, label: &'static str| {
        let href = route.href();
        let active = Memo::new(move |_| {
            let current = state.route.get();
            match (&route, &current) {
                (Route::Roster, Route::NewCadre | Route::EditCadre(_) | Route::QuickEntry | Route::BulkEdit) => true,
                (
                    Route::Directives,
                    Route::Directive(_)
                    | Route::EditDirective(_)
                    | Route::ReadDocument
                    | Route::Suggestions(_)
                    | Route::Status(_)
                    | Route::Progress(_)
                    | Route::Monitor(_)
                    | Route::Compare { .. },
                ) => true,
                (Route::Share, Route::Backups | Route::Submissions) => true,
                (Route::Plans, Route::Plan(_) | Route::CourseLine(_) | Route::PlanStats) => true,
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
                {nav(Route::Directives, "Văn bản, chỉ tiêu")}
                {nav(Route::Plans, "Kế hoạch, lớp học")}
                {nav(Route::Units, "Đơn vị")}
                {nav(Route::Share, "Trao đổi dữ liệu")}
                {nav(Route::Excel, "Excel")}
            </nav>
            // Filled by public/loader.js: the offline copy's progress, then "Sẵn sàng".
            <span class="offline-badge" role="status" hidden=true></span>
        </header>
        {demo.then(|| view! {
            <div class="demo-banner" role="note">
                <strong>"Dữ liệu mẫu"</strong>
                <span>" — không phải dữ liệu thật; mọi thay đổi chỉ ở bản mẫu. "</span>
                <a class="btn small" href=Route::Demo.href()>"Làm lại dữ liệu mẫu"</a>
                <button class="btn small" on:click=|_| leave_demo()>"Thoát dữ liệu mẫu"</button>
                <crate::ui::demo_script::DemoScript/>
            </div>
        })}
        {move || state.reminder.get().filter(|_| state.route.get() != Route::Share).map(|days| view! {
            <p class="reminder" role="note">
                {format!("Đã {days} ngày chưa xuất dữ liệu. Hãy xuất một tệp để gửi cấp trên và để dự phòng khi máy hỏng. ")}
                <a href=Route::Share.href()>"Xuất dữ liệu"</a>
            </p>
        })}
        <main id="main">
            {move || {
                let route = state.route.get();
                pages(&route).unwrap_or_else(|| {
                    // Another bundle owns this page: load it.
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().replace(&route.href());
                    }
                    view! { <p role="status">"Đang mở trang…"</p> }.into_any()
                })
            }}
        </main>
        <ToastView/>
    }
}

/// Performance marks for the `bench` command (tools/bench.mjs reads them with
/// `performance.getEntriesByName`): a timestamp in the browser's own timeline, nothing
/// measured or sent by the app itself, so no test code ships to users.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// A named span between two marks (see [`mark`]).
pub fn measure(name: &str, start: &str, end: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark_and_end_mark(name, start, end);
    }
}

/// Goes back to the user's own data: clears the demo flag and reloads on the roster, so every
/// page opens the real database again.
pub fn leave_demo() {
    store::demo::leave();
    reload_at(Route::Roster);
}

/// Opens the demo (the demo page loads it into its own database on first use or reset).
pub fn enter_demo() {
    store::demo::enter();
    reload_at(Route::Demo);
}

/// A full page load of `route` (the database is chosen at load time).
pub fn reload_at(route: Route) {
    let Some(w) = web_sys::window() else { return };
    if route.renders_here() {
        let _ = w.location().set_hash(&route.fragment());
        let _ = w.location().reload();
    } else {
        let _ = w.location().assign(&route.href());
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
                    {undo.map(|undo| view! {
                        <button class="btn" on:click=move |_| (undo.0)(state)>"Hoàn tác"</button>
                    })}
                    <button class="btn ghost" aria-label="Đóng thông báo" on:click=move |_| state.toast.set(None)>"✕"</button>
                </div>
            }
        })
    }
}
