//! The only code that knows IndexedDB and localStorage.
//!
//! Records are stored as JSON text under their id (out-of-line keys), one object store per
//! record kind. JSON text rather than structured-clone objects: serde_json is faster than a
//! JS-object round trip through serde-wasm-bindgen, the bytes are exactly the snapshot format,
//! and a schema change is a domain migration rather than an IndexedDB upgrade.
//!
//! Every write that touches more than one record runs in one readwrite transaction that is
//! committed explicitly (indexed_db_futures 0.6 rolls back a transaction that is dropped
//! without `commit()`).

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::directive::{Date, Directive};
use crate::domain::model::{Cadre, Unit};
use crate::domain::roster::{RecordKind, Roster, Tombstone};

/// Name of the database that holds the user's real data.
pub const DB_NAME: &str = "dtbd";
/// Schema version of the IndexedDB layout (object stores), not of the records.
/// v1: units, cadres, tombstones, settings. v2: directives.
const DB_VERSION: u32 = 2;

const UNITS: &str = "units";
const CADRES: &str = "cadres";
const TOMBSTONES: &str = "tombstones";
const SETTINGS: &str = "settings";
const DIRECTIVES: &str = "directives";
const ALL_STORES: [&str; 5] = [UNITS, CADRES, TOMBSTONES, SETTINGS, DIRECTIVES];

/// A storage failure, worded for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn err(context: &str, e: impl std::fmt::Debug) -> StoreError {
    let detail = format!("{e:?}");
    if detail.contains("QuotaExceeded") {
        StoreError(format!(
            "{context}: bộ nhớ của trình duyệt đã đầy. Dữ liệu cũ vẫn còn nguyên; hãy xuất bản sao lưu và giải phóng dung lượng."
        ))
    } else {
        StoreError(format!("{context}: lỗi lưu trữ của trình duyệt ({detail})."))
    }
}

fn kind_store(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Unit => UNITS,
        RecordKind::Cadre => CADRES,
        RecordKind::Directive => DIRECTIVES,
    }
}

/// An open database.
pub struct Db {
    db: Database,
}

impl Db {
    /// Opens (and creates or upgrades) the database called `name`.
    pub async fn open(name: &str) -> Result<Db, StoreError> {
        let db = Database::open(name)
            .with_version(DB_VERSION)
            .with_on_upgrade_needed(|_event, db| {
                let existing: Vec<String> = db.object_store_names().collect();
                for store in ALL_STORES {
                    if !existing.iter().any(|s| s == store) {
                        db.create_object_store(store).build()?;
                    }
                }
                Ok(())
            })
            .await
            .map_err(|e| err("Không mở được cơ sở dữ liệu", e))?;
        Ok(Db { db })
    }

    /// Closes the connection (tests reopen to prove data reached the disk).
    pub fn close(self) {
        self.db.close();
    }

    /// Deletes a whole database by name (tests, demo reset).
    pub async fn delete_database(name: &str) -> Result<(), StoreError> {
        Database::delete_by_name(name)
            .map_err(|e| err("Không xóa được cơ sở dữ liệu", e))?
            .await
            .map_err(|e| err("Không xóa được cơ sở dữ liệu", e))
    }

    async fn all<T: DeserializeOwned>(&self, store_name: &str) -> Result<Vec<T>, StoreError> {
        let ctx = "Không đọc được dữ liệu";
        let tx = self.db.transaction(store_name).build().map_err(|e| err(ctx, e))?;
        let store = tx.object_store(store_name).map_err(|e| err(ctx, e))?;
        let rows: Vec<String> = store
            .get_all::<String>()
            .primitive()
            .map_err(|e| err(ctx, e))?
            .await
            .map_err(|e| err(ctx, e))?
            .collect::<Result<_, _>>()
            .map_err(|e| err(ctx, e))?;
        rows.iter()
            .map(|json| {
                serde_json::from_str(json)
                    .map_err(|e| StoreError(format!("{ctx}: một bản ghi trong \"{store_name}\" bị hỏng ({e}).")))
            })
            .collect()
    }

    /// Reads every unit and cadre.
    pub async fn load_roster(&self) -> Result<Roster, StoreError> {
        Ok(Roster { units: self.all(UNITS).await?, cadres: self.all(CADRES).await? })
    }

    /// Every directive the user keeps (templates copied in and directives typed in).
    pub async fn load_directives(&self) -> Result<Vec<Directive>, StoreError> {
        self.all(DIRECTIVES).await
    }

    /// Saves one directive.
    pub async fn put_directive(&self, d: &Directive) -> Result<(), StoreError> {
        self.write(&[DIRECTIVES], &[Op::put(DIRECTIVES, &d.id, d)]).await
    }

    /// Undoes a directive deletion.
    pub async fn restore_directive(&self, d: &Directive) -> Result<(), StoreError> {
        self.write(&[DIRECTIVES, TOMBSTONES], &[Op::put(DIRECTIVES, &d.id, d), Op::Delete { store: TOMBSTONES, key: &d.id }])
            .await
    }

    /// Every tombstone (deleted records, newest last by time).
    pub async fn tombstones(&self) -> Result<Vec<Tombstone>, StoreError> {
        let mut t: Vec<Tombstone> = self.all(TOMBSTONES).await?;
        t.sort_by_key(|t| t.meta.updated_at);
        Ok(t)
    }

    /// Runs `ops` against the named stores in one readwrite transaction and commits it:
    /// all of the writes land, or none.
    async fn write(&self, stores: &[&str], ops: &[Op<'_>]) -> Result<(), StoreError> {
        let ctx = "Không lưu được";
        let tx = self
            .db
            .transaction(stores.to_vec())
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(|e| err(ctx, e))?;
        for op in ops {
            match op {
                Op::Put { store, key, json } => {
                    let s = tx.object_store(store).map_err(|e| err(ctx, e))?;
                    s.put(json.as_str()).with_key(*key).primitive().map_err(|e| err(ctx, e))?;
                }
                Op::Delete { store, key } => {
                    let s = tx.object_store(store).map_err(|e| err(ctx, e))?;
                    s.delete(*key).primitive().map_err(|e| err(ctx, e))?;
                }
            }
        }
        tx.commit().await.map_err(|e| err(ctx, e))
    }

    /// Saves one cadre.
    pub async fn put_cadre(&self, c: &Cadre) -> Result<(), StoreError> {
        self.write(&[CADRES], &[Op::put(CADRES, &c.id, c)]).await
    }

    /// Saves one unit.
    pub async fn put_unit(&self, u: &Unit) -> Result<(), StoreError> {
        self.write(&[UNITS], &[Op::put(UNITS, &u.id, u)]).await
    }

    /// Saves many records in one transaction (bulk import, demo data).
    pub async fn put_all(&self, units: &[Unit], cadres: &[Cadre]) -> Result<(), StoreError> {
        let ops: Vec<Op> = units
            .iter()
            .map(|u| Op::put(UNITS, &u.id, u))
            .chain(cadres.iter().map(|c| Op::put(CADRES, &c.id, c)))
            .collect();
        self.write(&[UNITS, CADRES], &ops).await
    }

    /// Deletes the record a tombstone names and stores the tombstone, in one transaction.
    pub async fn delete_with_tombstone(&self, t: &Tombstone) -> Result<(), StoreError> {
        let store = kind_store(t.kind);
        self.write(&[store, TOMBSTONES], &[Op::Delete { store, key: &t.id }, Op::put(TOMBSTONES, &t.id, t)])
            .await
    }

    /// Undoes a deletion: puts the restored record back and drops its tombstone, in one
    /// transaction.
    pub async fn restore_cadre(&self, c: &Cadre) -> Result<(), StoreError> {
        self.write(&[CADRES, TOMBSTONES], &[Op::put(CADRES, &c.id, c), Op::Delete { store: TOMBSTONES, key: &c.id }])
            .await
    }

    /// Undoes a unit deletion.
    pub async fn restore_unit(&self, u: &Unit) -> Result<(), StoreError> {
        self.write(&[UNITS, TOMBSTONES], &[Op::put(UNITS, &u.id, u), Op::Delete { store: TOMBSTONES, key: &u.id }])
            .await
    }
}

/// One write inside a transaction.
enum Op<'a> {
    Put { store: &'a str, key: &'a str, json: String },
    Delete { store: &'a str, key: &'a str },
}

impl<'a> Op<'a> {
    fn put<T: Serialize>(store: &'a str, key: &'a str, value: &T) -> Self {
        Op::Put { store, key, json: serde_json::to_string(value).expect("records always serialise") }
    }
}

/// Small preferences kept in localStorage (not records: they do not travel in snapshots).
pub mod prefs {
    use gloo_storage::{LocalStorage, Storage};

    /// Reads a preference.
    pub fn get(key: &str) -> Option<String> {
        LocalStorage::get(format!("dtbd.{key}")).ok()
    }

    /// Writes a preference; a failure (private mode, full) is ignored: preferences are
    /// conveniences, never data.
    pub fn set(key: &str, value: &str) {
        let _ = LocalStorage::set(format!("dtbd.{key}"), value);
    }
}

/// Fetches a file shipped with the app (a path relative to the page, e.g.
/// `templates/index.json`). The service worker keeps it for offline use.
pub async fn fetch_text(path: &str) -> Result<String, StoreError> {
    let fail = |e: wasm_bindgen::JsValue| {
        StoreError(format!("Không tải được \"{path}\" ({}). Hãy kết nối mạng một lần để tải mẫu.", e.as_string().unwrap_or_default()))
    };
    let window = web_sys::window().ok_or_else(|| StoreError("Không có cửa sổ trình duyệt.".into()))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(path)).await.map_err(fail)?.unchecked_into();
    if !response.ok() {
        return Err(StoreError(format!("Không tải được \"{path}\" (mã lỗi {}).", response.status())));
    }
    let text = JsFuture::from(response.text().map_err(fail)?).await.map_err(fail)?;
    text.as_string().ok_or_else(|| StoreError(format!("\"{path}\" không phải văn bản.")))
}

/// Puts `text` on the clipboard (the user pastes it into a report). Says whether it worked.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    JsFuture::from(window.navigator().clipboard().write_text(text)).await.is_ok()
}

/// Today's date from the browser clock (local time).
pub fn today() -> Date {
    let d = js_sys::Date::new_0();
    Date { year: d.get_full_year() as u16, month: d.get_month() as u8 + 1, day: d.get_date() as u8 }
}

/// A fresh random record id (UUID v4).
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Milliseconds since the epoch, from the browser clock.
pub fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// Current calendar year, from the browser clock.
pub fn current_year() -> u16 {
    js_sys::Date::new_0().get_full_year() as u16
}
