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
//!
//! # Files
//!
//! - `mod.rs`: [`Db`], every read and every write (one committed transaction each), and the
//!   errors ([`StoreError`], [`SaveError`]): the one place that opens transactions.
//! - `registry.rs`: the store names and the registry of record kinds (below), so "every
//!   kind" is written once and each bundle links only the kinds it uses.
//! - `backup.rs`: [`Backup`] and a backup's data as JSON, read back without serde_json's
//!   `RawValue` (which would grow every bundle).
//! - `prefs.rs`: small preferences in localStorage, which never travel in snapshots.
//! - `demo.rs`: which database the pages open, so the demo never touches the user's data.
//! - `broadcast.rs`: committed writes announced to the app's other tabs and bundles.
//! - `browser.rs`: the clock, random ids, the app's shipped files and the clipboard (the
//!   other pages never call the browser for them).
//! - `files.rs`: files picked, dropped, gzipped, downloaded or shared, and the storage quota.
//! - `crypto.rs`: WebCrypto for encrypted snapshots (no crypto crate in the wasm).
//! - `xlsx.rs`: the Excel workers from the page's side (no page bundle carries the Excel code).
//!
//! # One registry of record kinds
//!
//! [`RECORD_STORES`] lists every kind of record a [`Dataset`] holds, once: its object store's
//! name, its field name in a backup, and its list's path in the dataset, which gives its part
//! (roster, directives, tombstones, training records: which loader reads it, and whether a
//! backup keeps it under `training`) and the functions that write its records as `(id,
//! JSON)` rows, read them back, diff two lists for an import and count them. Everything that
//! handles "every kind" is derived from it: the object stores [`Db::open`] creates
//! ([`OBJECT_STORES`]), the loaders ([`Db::load_roster`], [`Db::load_training`],
//! [`Db::load_dataset`] ...), [`Db::apply_import`] and its backup ([`backup_json`]),
//! [`Db::restore_backup`], [`Db::replace_all`], [`Backup::of`]'s counts, and the store names
//! the UI listens for on the broadcast channel ([`ROSTER_STORES`], [`TRAINING_STORES`],
//! [`DIRECTIVES`]). Adding a record kind is its name constant and one entry, with a new
//! `DB_VERSION` (see [`OBJECT_STORES`]); `tests/store_idb.rs` then asks for it in the fixture.
//! The store names and the JSON (records, backups) are those of every existing database and
//! backup: never renamed or reshaped.
//!
//! The entries hold function pointers, generic code only inside each entry (one serialiser
//! and one deserialiser per record type, as before). Each use reads a table computed from the
//! registry at compile time that holds only what it calls (`ROSTER_READERS`, `WRITERS` ...),
//! so a bundle links the code of the kinds it reads or writes and nothing more: the roster
//! page never links the training records', nor any kind's import diff.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use wasm_bindgen::JsCast;

use dtbd_domain::directive::Directive;
use dtbd_domain::field_merge;
use dtbd_domain::model::{Cadre, Unit};
use dtbd_domain::monitor::Baseline;
use dtbd_domain::roster::{Roster, Tombstone};
use dtbd_domain::snapshot::Dataset;
use dtbd_domain::training::{Change, CourseLine, DispatchTable, Plan, TrainingRecords};

mod backup;
mod browser;
mod registry;

pub mod broadcast;
pub mod crypto;
pub mod demo;
pub mod files;
pub mod prefs;
pub mod xlsx;

pub use backup::{backup_json, Backup, BackupReason, BACKUPS_KEPT};
pub use browser::{copy_to_clipboard, current_year, fetch_text, local_datetime, local_moment, new_id, now, today};
pub use registry::{
    RecordStore, AGGREGATES, BACKUPS, BASELINES, CADRES, DIRECTIVES, ENROLLMENTS, HISTORY, LINES, OBJECT_STORES, PLANS,
    RECORD_STORES, ROSTER_STORES, TOMBSTONES, TRAINING_STORES, UNITS,
};

use backup::{backup_keys, read_backup, Holds};
use registry::{
    corrupt, kind_store, read_rows, ReadFn, BASELINE_READERS, DATA_STORES, DB_VERSION, DIRECTIVE_READERS, READERS,
    ROSTER_READERS, TOMBSTONE_READERS, TRAINING_READERS, WRITERS,
};

/// Name of the database that holds the user's real data.
pub const DB_NAME: &str = "dtbd";
/// Name of the database that holds the demo (dữ liệu mẫu), see [`demo`].
pub const DEMO_DB_NAME: &str = "dtbd-demo";

/// localStorage key of [`Db::generation`].
const GENERATION: &str = "write_generation";

thread_local! {
    /// Set when the browser closed our connection (another tab opened a newer version of the
    /// database, or the browser itself closed it): every later write says so.
    static CONNECTION_CLOSED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static FAIL_NEXT_WRITE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Makes the next write queue its records and then abort like a full disk would
/// (QuotaExceededError), for the tests that prove a failed write changes nothing.
#[doc(hidden)]
pub fn fail_next_write() {
    FAIL_NEXT_WRITE.with(|f| f.set(true));
}

/// Why a version-checked save did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError<T> {
    /// The browser refused the write (nothing written).
    Store(StoreError),
    /// Xung đột: the stored version is not the one the form opened; the record as stored
    /// now (`None`: deleted meanwhile). Nothing written.
    Conflict(Option<T>),
    /// Xung đột theo trường: another tab changed the fields named too (the others would have
    /// merged); the record as stored now. Nothing written.
    Fields(Option<T>, Vec<String>),
}

/// A storage failure, worded for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A failure as the officer reads it: `message`, in Vietnamese, is what the screen shows; the
/// browser's or a library's own text (English, technical: "Zip error: …", "QuotaExceededError",
/// a serde position) goes to the console only, for whoever debugs it.
pub(crate) fn logged(message: String, detail: &str) -> StoreError {
    web_sys::console::error_2(&message.as_str().into(), &detail.into());
    StoreError(message)
}

fn err(context: &str, e: impl std::fmt::Debug) -> StoreError {
    let detail = format!("{e:?}");
    if detail.contains("QuotaExceeded") {
        StoreError(format!(
            "{context}: bộ nhớ của trình duyệt đã đầy. Dữ liệu cũ vẫn còn nguyên; hãy xuất bản sao lưu và giải phóng dung lượng."
        ))
    } else if CONNECTION_CLOSED.with(|c| c.get())
        || detail.contains("InvalidStateError")
        || detail.contains("connection is closing")
    {
        StoreError(format!(
            "{context}: kết nối tới dữ liệu trên máy đã đóng (ứng dụng vừa được cập nhật ở một thẻ khác, hoặc trình duyệt đã đóng nó). Dữ liệu cũ vẫn còn nguyên; hãy tải lại trang rồi làm lại."
        ))
    } else {
        logged(
            format!("{context}: trình duyệt không ghi hay đọc được dữ liệu trên máy. Hãy tải lại trang rồi làm lại."),
            &detail,
        )
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
                for store in OBJECT_STORES {
                    if !existing.iter().any(|s| s == store) {
                        db.create_object_store(store).build()?;
                    }
                }
                Ok(())
            })
            .await
            .map_err(|e| err("Không mở được cơ sở dữ liệu", e))?;
        // A newer version of the app in another tab needs the database upgraded: let it
        // (close ours) rather than block it; our later writes then say to reload.
        {
            use indexed_db_futures::internals::SystemRepr;
            use wasm_bindgen::closure::Closure;
            let sys: web_sys::IdbDatabase = db.as_sys().clone().unchecked_into();
            let closing = sys.clone();
            let on_change = Closure::<dyn Fn()>::new(move || {
                CONNECTION_CLOSED.with(|c| c.set(true));
                closing.close();
            });
            sys.set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
            on_change.forget();
            let on_close = Closure::<dyn Fn()>::new(|| CONNECTION_CLOSED.with(|c| c.set(true)));
            sys.set_onclose(Some(on_close.as_ref().unchecked_ref()));
            on_close.forget();
        }
        Ok(Db { db })
    }

    /// Closes the connection (tests reopen to prove data reached the disk, or write through a
    /// closed connection to prove a refused write changes nothing).
    pub fn close(&self) {
        self.db.clone().close();
    }

    /// Deletes a whole database by name (tests, demo reset).
    pub async fn delete_database(name: &str) -> Result<(), StoreError> {
        Database::delete_by_name(name)
            .map_err(|e| err("Không xóa được cơ sở dữ liệu", e))?
            .await
            .map_err(|e| err("Không xóa được cơ sở dữ liệu", e))
    }

    /// Every row of a store as JSON text (not generic: one copy of the async read in the wasm).
    async fn rows(&self, store_name: &str) -> Result<Vec<String>, StoreError> {
        let ctx = "Không đọc được dữ liệu";
        let tx = self.db.transaction(store_name).build().map_err(|e| err(ctx, e))?;
        let store = tx.object_store(store_name).map_err(|e| err(ctx, e))?;
        store
            .get_all::<String>()
            .primitive()
            .map_err(|e| err(ctx, e))?
            .await
            .map_err(|e| err(ctx, e))?
            .collect::<Result<_, _>>()
            .map_err(|e| err(ctx, e))
    }

    /// Reads every unit and cadre (every kind of the roster).
    pub async fn load_roster(&self) -> Result<Roster, StoreError> {
        let mut r = Roster::default();
        for (name, read) in ROSTER_READERS {
            read_rows(&mut r, read, name, &self.rows(name).await?)?;
        }
        Ok(r)
    }

    /// Every directive the user keeps (templates copied in and directives typed in).
    pub async fn load_directives(&self) -> Result<Vec<Directive>, StoreError> {
        let mut d = Vec::new();
        for (name, read) in DIRECTIVE_READERS {
            read_rows(&mut d, read, name, &self.rows(name).await?)?;
        }
        Ok(d)
    }

    /// Saves one directive at the version after the one stored (checked inside the write
    /// transaction: another tab's save in between is refused, never overwritten).
    pub async fn put_directive(&self, d: &Directive) -> Result<(), StoreError> {
        self.put_directive_with_plans(d, &[], &[]).await
    }

    /// Undoes a directive deletion.
    pub async fn restore_directive(&self, d: &Directive) -> Result<(), StoreError> {
        self.write(
            &[DIRECTIVES, TOMBSTONES],
            &[Op::put(DIRECTIVES, &d.id, d), Op::Delete { store: TOMBSTONES, key: &d.id }],
        )
        .await
    }

    /// Every training record: plans, course lines, enrollments, history, aggregates,
    /// baselines (every kind of [`Part::Training`](registry::Part::Training)).
    pub async fn load_training(&self) -> Result<TrainingRecords, StoreError> {
        self.read_training(&TRAINING_READERS).await
    }

    async fn read_training(&self, readers: &[(&str, ReadFn<TrainingRecords>)]) -> Result<TrainingRecords, StoreError> {
        let mut t = TrainingRecords::default();
        for &(name, read) in readers {
            read_rows(&mut t, read, name, &self.rows(name).await?)?;
        }
        Ok(t)
    }

    /// Every mốc số liệu (removed ones too: they travel and can be put back).
    pub async fn load_baselines(&self) -> Result<Vec<Baseline>, StoreError> {
        Ok(self.read_training(&BASELINE_READERS).await?.baselines)
    }

    /// Saves one mốc số liệu (new, changed, removed or put back: the domain sets the version
    /// and `removed`) in one transaction, announced on the broadcast channel.
    pub async fn put_baseline(&self, b: &Baseline) -> Result<(), StoreError> {
        self.write(&[BASELINES], &[Op::save(BASELINES, &b.id, b)]).await
    }

    /// Writes a training operation's [`Change`] (cadres and enrollments saved with their
    /// versions checked, history put, the removed enrollments and history deleted with their
    /// tombstones) in ONE transaction: all of it, or nothing.
    pub async fn apply_change(&self, c: &Change) -> Result<(), StoreError> {
        let mut ops: Vec<Op> = Vec::new();
        ops.extend(c.cadres.iter().map(|x| Op::save(CADRES, &x.id, x)));
        ops.extend(c.remove_enrollments.iter().map(|k| Op::Delete { store: ENROLLMENTS, key: k }));
        ops.extend(c.enrollments.iter().map(|x| Op::save(ENROLLMENTS, &x.id, x)));
        ops.extend(c.remove_history.iter().map(|k| Op::Delete { store: HISTORY, key: k }));
        ops.extend(c.history.iter().map(|x| Op::stamped(HISTORY, &x.id, x)));
        ops.extend(c.tombstones.iter().map(|t| Op::put(TOMBSTONES, &t.id, t)));
        self.write(&[CADRES, ENROLLMENTS, HISTORY, TOMBSTONES], &ops).await
    }

    /// Nạp mẫu kế hoạch: the built-in plans, their lines and the historical tables in one
    /// transaction, as they come (loaded again, they replace what an earlier load stored).
    pub async fn put_plan_templates(
        &self,
        plans: &[Plan],
        lines: &[CourseLine],
        tables: &[DispatchTable],
    ) -> Result<(), StoreError> {
        let ops: Vec<Op> = plans
            .iter()
            .map(|p| Op::stamped(PLANS, &p.id, p))
            .chain(lines.iter().map(|l| Op::stamped(LINES, &l.id, l)))
            .chain(tables.iter().map(|t| Op::stamped(AGGREGATES, &t.id, t)))
            .collect();
        self.write(&[PLANS, LINES, AGGREGATES], &ops).await
    }

    /// Saves plans, course lines and historical tables the officer edited or added, in one
    /// transaction, each plan and line at the version after the stored one (checked).
    pub async fn put_plans(
        &self,
        plans: &[Plan],
        lines: &[CourseLine],
        tables: &[DispatchTable],
    ) -> Result<(), StoreError> {
        let ops: Vec<Op> =
            plan_ops(plans, lines).chain(tables.iter().map(|t| Op::stamped(AGGREGATES, &t.id, t))).collect();
        self.write(&[PLANS, LINES, AGGREGATES], &ops).await
    }

    /// Lưu văn bản đã đọc: a directive read from its text with the plan and course lines read
    /// beside it, in one transaction, so a kế hoạch is never saved without its classes (nor
    /// the classes without the directive their plan names).
    pub async fn put_directive_with_plans(
        &self,
        d: &Directive,
        plans: &[Plan],
        lines: &[CourseLine],
    ) -> Result<(), StoreError> {
        let ops: Vec<Op> = std::iter::once(Op::save(DIRECTIVES, &d.id, d)).chain(plan_ops(plans, lines)).collect();
        self.write(&[DIRECTIVES, PLANS, LINES], &ops).await
    }

    /// Every tombstone (deleted records, newest last by time).
    pub async fn tombstones(&self) -> Result<Vec<Tombstone>, StoreError> {
        let mut t = Vec::new();
        for (name, read) in TOMBSTONE_READERS {
            read_rows(&mut t, read, name, &self.rows(name).await?)?;
        }
        t.sort_by_key(|t: &Tombstone| t.meta.updated_at);
        Ok(t)
    }

    /// Runs `ops` against the named stores in one readwrite transaction and commits it:
    /// all of the writes land, or none. A save another tab got in before is refused with a
    /// message (see [`Db::write_saves`]).
    async fn write(&self, stores: &[&str], ops: &[Op<'_>]) -> Result<(), StoreError> {
        match self.write_saves(stores, ops).await {
            Ok(_) => Ok(()),
            Err(WriteError::Store(e)) => Err(e),
            Err(WriteError::Conflict { what, .. }) => Err(StoreError(format!(
                "Không lưu được: một bản ghi ({what}) vừa được sửa ở một thẻ hoặc cửa sổ khác trong lúc bạn sửa. Chưa lưu gì; hãy tải lại trang rồi làm lại."
            ))),
        }
    }

    /// [`Db::write`], returning the JSON text written for each [`Op::Save`] (in order). Each
    /// save reads the stored row inside the transaction (every read asked for before the
    /// first is awaited) and the domain decides what to write
    /// ([`field_merge::save_json`]): the fields it changed stamped, its version checked, and
    /// for a form that says what it opened, another tab's save merged field by field.
    async fn write_saves(&self, stores: &[&str], ops: &[Op<'_>]) -> Result<Vec<String>, WriteError> {
        let ctx = "Không lưu được";
        let tx = self
            .db
            .transaction(stores.to_vec())
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(|e| err(ctx, e))?;
        let mut reads = Vec::new();
        for op in ops {
            if let Op::Save { store, key, .. } = op {
                let s = tx.object_store(store).map_err(|e| err(ctx, e))?;
                reads.push(s.get::<String, &str, _>(*key).primitive().map_err(|e| err(ctx, e))?);
            }
        }
        let author = prefs::author();
        let mut written = Vec::with_capacity(reads.len());
        let mut saves = ops.iter().filter(|op| matches!(op, Op::Save { .. }));
        for read in reads {
            let Some(Op::Save { store, json, base, checked, .. }) = saves.next() else { break };
            let stored: Option<String> = read.await.map_err(|e| err(ctx, e))?;
            match field_merge::save_json(stored.as_deref(), json, base.as_deref(), *checked, &author) {
                Ok(text) => written.push(text),
                Err(c) => {
                    drop(tx);
                    return Err(WriteError::Conflict { what: store_label(store), stored, fields: c.fields });
                }
            }
        }
        let mut written_iter = written.iter();
        for op in ops {
            match op {
                Op::Put { store, key, json } => {
                    let s = tx.object_store(store).map_err(|e| err(ctx, e))?;
                    s.put(json.as_str()).with_key(*key).primitive().map_err(|e| err(ctx, e))?;
                }
                Op::Save { store, key, .. } => {
                    let json = written_iter.next().expect("one text per save");
                    let s = tx.object_store(store).map_err(|e| err(ctx, e))?;
                    s.put(json.as_str()).with_key(*key).primitive().map_err(|e| err(ctx, e))?;
                }
                Op::Delete { store, key } => {
                    let s = tx.object_store(store).map_err(|e| err(ctx, e))?;
                    s.delete(*key).primitive().map_err(|e| err(ctx, e))?;
                }
                Op::Clear { store } => {
                    let s = tx.object_store(store).map_err(|e| err(ctx, e))?;
                    s.clear().map_err(|e| err(ctx, e))?;
                }
            }
        }
        if FAIL_NEXT_WRITE.with(|f| f.take()) {
            // Dropped without commit: indexed_db_futures aborts it, as the browser does when
            // the disk is full at commit time.
            drop(tx);
            return Err(err(ctx, "QuotaExceededError (mô phỏng)").into());
        }
        tx.commit().await.map_err(|e| err(ctx, e))?;
        prefs::set(GENERATION, &new_id());
        // A cleared store (the demo's reset) means "many": no ids, the listeners reload all.
        let cleared = ops.iter().any(|op| matches!(op, Op::Clear { .. }));
        broadcast::announce(
            stores,
            ops.iter().filter(|_| !cleared).filter_map(|op| match op {
                Op::Put { key, .. } | Op::Save { key, .. } | Op::Delete { key, .. } => Some(*key),
                Op::Clear { .. } => None,
            }),
        );
        Ok(written)
    }

    /// Saves `records` (each at version `n`, just bumped by the domain) in ONE transaction, only
    /// if the version stored for every one is still `n - 1` (nothing stored for `n == 1`),
    /// checked inside the write transaction so another tab's save in between is caught, never
    /// overwritten. A record given with the version its form opened (`bases`, by position)
    /// is merged field by field over such a save instead when the two changed different
    /// fields. On a conflict nothing is written and the first conflicting record as stored
    /// now is returned (`None`: deleted meanwhile) with the fields both changed. Returns the
    /// records as written (stamped, merged).
    async fn put_checked<T: Serialize + DeserializeOwned>(
        &self,
        store_name: &'static str,
        records: &[T],
        bases: &[Option<&T>],
        key: fn(&T) -> &str,
    ) -> Result<Vec<T>, SaveError<T>> {
        let ops: Vec<Op> = records
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let base = bases
                    .get(i)
                    .copied()
                    .flatten()
                    .map(|b| serde_json::to_string(b).expect("records always serialise"));
                Op::Save { store: store_name, key: key(r), json: to_json(r), base, checked: true }
            })
            .collect();
        match self.write_saves(&[store_name], &ops).await {
            Ok(texts) => Ok(texts.iter().filter_map(|t| serde_json::from_str(t).ok()).collect()),
            Err(WriteError::Store(e)) => Err(SaveError::Store(e)),
            Err(WriteError::Conflict { stored, fields, .. }) => {
                let stored = stored.as_deref().and_then(|j| serde_json::from_str(j).ok());
                Err(if fields.is_empty() { SaveError::Conflict(stored) } else { SaveError::Fields(stored, fields) })
            }
        }
    }

    /// Saves a cadre the form opened as version `c.meta.version - 1` (see
    /// [`Db::put_checked`]): a save from another tab in between is a [`SaveError::Conflict`],
    /// or merged with it field by field when `opened` (the record as the form opened it) says
    /// which fields this save changed. Returns the cadre as written.
    pub async fn put_cadre_checked(&self, c: &Cadre, opened: Option<&Cadre>) -> Result<Cadre, SaveError<Cadre>> {
        let mut out = self.put_checked(CADRES, std::slice::from_ref(c), &[opened], |c| &c.id).await?;
        Ok(out.pop().unwrap_or_else(|| c.clone()))
    }

    /// Sửa hàng loạt and its undo: every cadre in ONE transaction, each checked like
    /// [`Db::put_cadre_checked`] against the cadres as they were before (`before`, by
    /// position); one conflict and none is written.
    pub async fn put_cadres_checked(&self, cadres: &[Cadre], before: &[Cadre]) -> Result<Vec<Cadre>, SaveError<Cadre>> {
        let bases: Vec<Option<&Cadre>> = cadres.iter().map(|c| before.iter().find(|b| b.id == c.id)).collect();
        self.put_checked(CADRES, cadres, &bases, |c| &c.id).await
    }

    /// Saves a unit, checking its version like [`Db::put_cadre_checked`].
    pub async fn put_unit_checked(&self, u: &Unit, opened: Option<&Unit>) -> Result<Unit, SaveError<Unit>> {
        let mut out = self.put_checked(UNITS, std::slice::from_ref(u), &[opened], |u| &u.id).await?;
        Ok(out.pop().unwrap_or_else(|| u.clone()))
    }

    /// Thế hệ dữ liệu: a token that changes after every write from any tab or bundle (kept in
    /// localStorage). The share page compares it to skip re-reading the whole database when
    /// nothing was written since the preview.
    pub fn generation() -> Option<String> {
        prefs::get(GENERATION)
    }

    /// Saves one cadre (its changed fields stamped, its version not checked).
    pub async fn put_cadre(&self, c: &Cadre) -> Result<(), StoreError> {
        self.write(&[CADRES], &[Op::stamped(CADRES, &c.id, c)]).await
    }

    /// Saves one unit (stamped, not checked).
    pub async fn put_unit(&self, u: &Unit) -> Result<(), StoreError> {
        self.write(&[UNITS], &[Op::stamped(UNITS, &u.id, u)]).await
    }

    /// Saves many records in one transaction (bulk import, demo data), stamped, not checked.
    pub async fn put_all(&self, units: &[Unit], cadres: &[Cadre]) -> Result<(), StoreError> {
        let ops: Vec<Op> = units
            .iter()
            .map(|u| Op::stamped(UNITS, &u.id, u))
            .chain(cadres.iter().map(|c| Op::stamped(CADRES, &c.id, c)))
            .collect();
        self.write(&[UNITS, CADRES], &ops).await
    }

    /// Deletes the record a tombstone names and stores the tombstone, in one transaction.
    pub async fn delete_with_tombstone(&self, t: &Tombstone) -> Result<(), StoreError> {
        let store = kind_store(t.kind);
        self.write(&[store, TOMBSTONES], &[Op::Delete { store, key: &t.id }, Op::put(TOMBSTONES, &t.id, t)]).await
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

    /// Everything that travels in snapshots, as stored: units, cadres, directives (templates
    /// copied in included), tombstones (oldest first) and training records: every kind of
    /// [`RECORD_STORES`].
    pub async fn load_dataset(&self) -> Result<Dataset, StoreError> {
        let mut d = Dataset::default();
        for r in READERS {
            let rows = self.rows(r.name).await?;
            let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
            r.read.into(&mut d, &rows).map_err(|e| corrupt(r.name, e))?;
        }
        d.tombstones.sort_by_key(|t| t.meta.updated_at);
        Ok(d)
    }

    /// Nhập: replaces the stored `before` by `after` (the merge outcome) in ONE transaction
    /// over every data store, after storing `backup` with the whole of `before` in the same
    /// transaction: all of it lands, or nothing does. Only records that differ are written.
    /// `before` must be what is stored (see [`Db::load_dataset`]). The oldest backups beyond
    /// [`BACKUPS_KEPT`] are dropped in the same transaction.
    pub async fn apply_import(&self, before: &Dataset, after: &Dataset, backup: &Backup) -> Result<(), StoreError> {
        let (meta_key, data_key) = backup_keys(&backup.id);
        let data = backup_json(before);
        let mut old = self.backups().await?;
        old.retain(|b| b.id != backup.id);
        let dropped: Vec<(String, String)> =
            old.iter().skip(BACKUPS_KEPT.saturating_sub(1)).map(|b| backup_keys(&b.id)).collect();

        let mut ops: Vec<Op> = Vec::new();
        for k in RECORD_STORES {
            (k.diff)(before, after, &mut ops);
        }
        for (m, d) in &dropped {
            ops.push(Op::Delete { store: BACKUPS, key: m });
            ops.push(Op::Delete { store: BACKUPS, key: d });
        }
        ops.push(Op::put(BACKUPS, &meta_key, backup));
        ops.push(Op::Put { store: BACKUPS, key: &data_key, json: data });
        self.write(&DATA_STORES, &ops).await
    }

    /// Replaces everything in the database by `data` in ONE transaction: every data store is
    /// emptied and refilled. Only for the demo database (dữ liệu mẫu: load and "Làm lại"),
    /// never the user's: see [`demo`].
    pub async fn replace_all(&self, data: &Dataset) -> Result<(), StoreError> {
        let mut ops: Vec<Op> = DATA_STORES.iter().map(|store| Op::Clear { store }).collect();
        for w in WRITERS {
            (w.rows)(data, &mut |key, json| ops.push(Op::Put { store: w.name, key, json }));
        }
        self.write(&DATA_STORES, &ops).await
    }

    /// Every backup's description, newest first.
    pub async fn backups(&self) -> Result<Vec<Backup>, StoreError> {
        let ctx = "Không đọc được danh sách bản sao lưu";
        let tx = self.db.transaction(BACKUPS).build().map_err(|e| err(ctx, e))?;
        let store = tx.object_store(BACKUPS).map_err(|e| err(ctx, e))?;
        let rows: Vec<String> = store
            .get_all::<String>()
            .with_query::<&str, _>("m:".."m;")
            .primitive()
            .map_err(|e| err(ctx, e))?
            .await
            .map_err(|e| err(ctx, e))?
            .collect::<Result<_, _>>()
            .map_err(|e| err(ctx, e))?;
        let mut list: Vec<Backup> = rows.iter().filter_map(|j| serde_json::from_str(j).ok()).collect();
        list.sort_by(|a, b| b.id.cmp(&a.id));
        Ok(list)
    }

    /// The data a backup holds.
    pub async fn backup_data(&self, id: &str) -> Result<Dataset, StoreError> {
        Ok(self.backup_data_raw(id).await?.0)
    }

    /// The data a backup holds, and whether it holds training records (backups made before
    /// they travelled do not: restoring one keeps the current training records).
    async fn backup_data_raw(&self, id: &str) -> Result<(Dataset, Holds), StoreError> {
        let ctx = "Không đọc được bản sao lưu";
        let tx = self.db.transaction(BACKUPS).build().map_err(|e| err(ctx, e))?;
        let store = tx.object_store(BACKUPS).map_err(|e| err(ctx, e))?;
        let (_, key) = backup_keys(id);
        let json: Option<String> = store
            .get::<String, &str, _>(key.as_str())
            .primitive()
            .map_err(|e| err(ctx, e))?
            .await
            .map_err(|e| err(ctx, e))?;
        let json = json.ok_or_else(|| StoreError(format!("{ctx}: không còn bản sao lưu này.")))?;
        read_backup(&json).map_err(|e| logged(format!("{ctx}: bản sao lưu bị hỏng, không dùng được."), &e))
    }

    /// Khôi phục: puts back the state backup `id` holds, replacing `current` (what is stored),
    /// after backing `current` up as `backup_of_current`, all in one transaction: a restore
    /// can be undone like an import. Returns the restored state.
    pub async fn restore_backup(
        &self,
        id: &str,
        current: &Dataset,
        backup_of_current: &Backup,
    ) -> Result<Dataset, StoreError> {
        let (mut target, holds) = self.backup_data_raw(id).await?;
        if !holds.training {
            target.training = current.training.clone();
        }
        // The log of files received is not undone by a backup that never knew it.
        if !holds.receipts {
            target.receipts = current.receipts.clone();
        }
        self.apply_import(current, &target, backup_of_current).await?;
        Ok(target)
    }
}

/// One write inside a transaction.
enum Op<'a> {
    /// Written as it is (backups, tombstones, an import's merged records).
    Put {
        store: &'a str,
        key: &'a str,
        json: String,
    },
    /// A record saved by the officer: the stored row is read first, the fields changed are
    /// stamped, and with `checked` the version is checked (merged against `base`, the JSON
    /// of the record the edit started from, when given).
    Save {
        store: &'a str,
        key: &'a str,
        json: String,
        base: Option<String>,
        checked: bool,
    },
    Delete {
        store: &'a str,
        key: &'a str,
    },
    /// Empties a whole object store.
    Clear {
        store: &'a str,
    },
}

impl<'a> Op<'a> {
    fn put<T: Serialize>(store: &'a str, key: &'a str, value: &T) -> Self {
        Op::Put { store, key, json: to_json(value) }
    }

    /// A record saved at the version after the stored one, checked.
    fn save<T: Serialize>(store: &'a str, key: &'a str, value: &T) -> Self {
        Op::Save { store, key, json: to_json(value), base: None, checked: true }
    }

    /// A record saved with its changed fields stamped, its version not checked.
    fn stamped<T: Serialize>(store: &'a str, key: &'a str, value: &T) -> Self {
        Op::Save { store, key, json: to_json(value), base: None, checked: false }
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("records always serialise")
}

/// Each plan and line at the version after the stored one (checked), as the officer saves them.
fn plan_ops<'a>(plans: &'a [Plan], lines: &'a [CourseLine]) -> impl Iterator<Item = Op<'a>> + 'a {
    plans.iter().map(|p| Op::save(PLANS, &p.id, p)).chain(lines.iter().map(|l| Op::save(LINES, &l.id, l)))
}

/// Why [`Db::write_saves`] wrote nothing.
enum WriteError {
    Store(StoreError),
    /// A checked save found another version stored: what kind of record (for the message),
    /// the row as stored now and the fields both changed (empty when they could not be
    /// merged at all).
    Conflict {
        what: &'static str,
        stored: Option<String>,
        fields: Vec<String>,
    },
}

impl From<StoreError> for WriteError {
    fn from(e: StoreError) -> Self {
        WriteError::Store(e)
    }
}

/// The kind of record a store holds, for a message.
fn store_label(store: &str) -> &'static str {
    match store {
        CADRES => "cán bộ",
        UNITS => "đơn vị",
        DIRECTIVES => "văn bản",
        PLANS => "kế hoạch",
        LINES => "lớp / chương trình",
        ENROLLMENTS => "lượt cử đi học",
        BASELINES => "mốc số liệu",
        _ => "bản ghi",
    }
}
