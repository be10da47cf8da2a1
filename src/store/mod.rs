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
use wasm_bindgen_futures::JsFuture;

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use dtbd_domain::directive::{Date, Directive};
use dtbd_domain::model::{Cadre, Unit};
use dtbd_domain::monitor::Baseline;
use dtbd_domain::roster::{RecordKind, Roster, Tombstone};
use dtbd_domain::snapshot::Dataset;
use dtbd_domain::training::{Change, CourseLine, DispatchTable, Plan, TrainingRecords};

/// Name of the database that holds the user's real data.
pub const DB_NAME: &str = "dtbd";
/// Name of the database that holds the demo (dữ liệu mẫu), see [`demo`].
pub const DEMO_DB_NAME: &str = "dtbd-demo";
/// Schema version of the IndexedDB layout (object stores), not of the records.
/// v1: units, cadres, tombstones, settings. v2: directives. v3: backups. v4: plans,
/// course_lines, enrollments, history, aggregates (đào tạo, bồi dưỡng). v5: baselines (mốc
/// số liệu).
const DB_VERSION: u32 = 5;

// Object store names: the IndexedDB layout every user's database has. Never renamed.
/// Đơn vị.
pub const UNITS: &str = "units";
/// Cán bộ.
pub const CADRES: &str = "cadres";
/// Bản ghi đã xóa.
pub const TOMBSTONES: &str = "tombstones";
/// Created in v1, never written: kept so the layout stays as it is.
const SETTINGS: &str = "settings";
/// Văn bản chỉ đạo.
pub const DIRECTIVES: &str = "directives";
/// Bản sao lưu: per backup, its description under `m:<id>` and the data under `d:<id>`, so
/// the list reads only the small descriptions.
pub const BACKUPS: &str = "backups";
/// Kế hoạch.
pub const PLANS: &str = "plans";
/// Lớp / chương trình.
pub const LINES: &str = "course_lines";
/// Cử đi học.
pub const ENROLLMENTS: &str = "enrollments";
/// Quá trình thay đổi trình độ.
pub const HISTORY: &str = "history";
/// Số liệu tổng hợp các năm trước.
pub const AGGREGATES: &str = "aggregates";
/// Mốc số liệu.
pub const BASELINES: &str = "baselines";

/// Reads a kind's stored JSON rows into its list in `T` (replacing the list).
type ReadFn<T> = fn(&mut T, &[&str]) -> Result<(), serde_json::Error>;

/// Which part of a [`Dataset`] a kind belongs to, with the reader of its rows into that
/// part: the part says which loader reads the kind ([`Db::load_roster`],
/// [`Db::load_directives`], [`Db::tombstones`], [`Db::load_training`]) and where a backup
/// keeps it (training records under `training`, the others at the top level).
#[derive(Clone, Copy)]
enum Read {
    Roster(ReadFn<Roster>),
    Directives(ReadFn<Vec<Directive>>),
    Tombstones(ReadFn<Vec<Tombstone>>),
    Training(ReadFn<TrainingRecords>),
}

impl Read {
    /// Reads `rows` into the kind's list in `d`.
    fn into(self, d: &mut Dataset, rows: &[&str]) -> Result<(), serde_json::Error> {
        match self {
            Read::Roster(f) => f(&mut d.roster, rows),
            Read::Directives(f) => f(&mut d.directives, rows),
            Read::Tombstones(f) => f(&mut d.tombstones, rows),
            Read::Training(f) => f(&mut d.training, rows),
        }
    }

    const fn part(self) -> Part {
        match self {
            Read::Roster(_) => Part::Roster,
            Read::Directives(_) => Part::Directives,
            Read::Tombstones(_) => Part::Tombstones,
            Read::Training(_) => Part::Training,
        }
    }
}

/// [`Read`] without its reader, to count and filter kinds (at compile time).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Roster,
    Directives,
    Tombstones,
    Training,
}

/// One kind of record: one object store, one list of a [`Dataset`]. See the module doc.
pub struct RecordStore {
    /// Object store name (one of the constants above: the layout of users' databases).
    pub name: &'static str,
    /// Its field in a backup's JSON (under `training` for the training records).
    pub field: &'static str,
    /// Its part of a dataset, and how its stored rows are read.
    read: Read,
    /// Calls `f(id, JSON as stored)` for every record of this kind in `d`.
    rows: for<'a> fn(&'a Dataset, &mut dyn FnMut(&'a str, String)),
    /// The writes that turn this kind's records in `before` into those in `after`.
    diff: for<'a> fn(&'a Dataset, &'a Dataset, &mut Vec<Op<'a>>),
    /// How many records of this kind `d` holds.
    count: fn(&Dataset) -> usize,
}

impl RecordStore {
    /// True for the training records ([`Db::load_training`], `training` in a backup).
    pub const fn is_training(&self) -> bool {
        matches!(self.read.part(), Part::Training)
    }
}

/// An entry of [`RECORD_STORES`]: store name, field in a backup, and the list's path in a
/// [`Dataset`], which gives its part (every record has an `id`, its key in the store).
macro_rules! record_store {
    ($name:expr, $field:literal, roster.$list:ident) => {
        record_store!(@ $name, $field, Roster, |r, rows| { r.$list = decode(rows)?; Ok(()) }, roster.$list)
    };
    ($name:expr, $field:literal, training.$list:ident) => {
        record_store!(@ $name, $field, Training, |t, rows| { t.$list = decode(rows)?; Ok(()) }, training.$list)
    };
    ($name:expr, $field:literal, directives) => {
        record_store!(@ $name, $field, Directives, |l, rows| { *l = decode(rows)?; Ok(()) }, directives)
    };
    ($name:expr, $field:literal, tombstones) => {
        record_store!(@ $name, $field, Tombstones, |l, rows| { *l = decode(rows)?; Ok(()) }, tombstones)
    };
    (@ $name:expr, $field:literal, $part:ident, $read:expr, $($list:ident).+) => {
        RecordStore {
            name: $name,
            field: $field,
            read: Read::$part($read),
            rows: |d, f| encode(&d.$($list).+, |r| &r.id, f),
            diff: |before, after, ops| diff_ops(ops, $name, &before.$($list).+, &after.$($list).+, |r| &r.id),
            count: |d| d.$($list).+.len(),
        }
    };
}

/// Every kind of record a [`Dataset`] holds, each with its object store: THE list (see the
/// module doc). The order is a backup's field order: the top-level kinds, then `training`.
pub const RECORD_STORES: &[RecordStore] = &[
    record_store!(UNITS, "units", roster.units),
    record_store!(CADRES, "cadres", roster.cadres),
    record_store!(DIRECTIVES, "directives", directives),
    record_store!(TOMBSTONES, "tombstones", tombstones),
    record_store!(PLANS, "plans", training.plans),
    record_store!(LINES, "lines", training.lines),
    record_store!(ENROLLMENTS, "enrollments", training.enrollments),
    record_store!(HISTORY, "history", training.history),
    record_store!(AGGREGATES, "aggregates", training.aggregates),
    record_store!(BASELINES, "baselines", training.baselines),
];

// What each use of the registry needs of it, computed at compile time: a constant holds only
// the names and function pointers its users call, so a bundle links the code of the kinds
// it reads or writes and nothing more (the roster page never links the training records',
// nor any kind's import diff). `RECORD_STORES` itself is iterated only where every part of
// every kind is needed (imports, `Backup::of`).

/// Every object store of the layout, created by [`Db::open`] when missing: the record stores,
/// then the backups and the (unused) settings. A new store needs a new `DB_VERSION`.
pub const OBJECT_STORES: [&str; RECORD_STORES.len() + 2] = with(names(), [BACKUPS, SETTINGS]);
/// Every store an import, a restore or the demo's reset writes: the record stores and the
/// backups.
const DATA_STORES: [&str; RECORD_STORES.len() + 1] = with(names(), [BACKUPS]);
/// The stores [`Db::load_roster`] reads (what `ui::app` reloads when another page wrote).
pub const ROSTER_STORES: [&str; count(Part::Roster)] = names_of(Part::Roster);
/// The stores [`Db::load_training`] reads (what `ui::records` reloads when another page wrote).
pub const TRAINING_STORES: [&str; count(Part::Training)] = names_of(Part::Training);

/// `(store, reader)` of every kind whose reader is `Read::$part`, in registry order.
macro_rules! readers_of {
    ($part:ident) => {{
        let mut out = [("", (|_, _| Ok(())) as ReadFn<_>); count(Part::$part)];
        let (mut i, mut n) = (0, 0);
        while i < RECORD_STORES.len() {
            if let Read::$part(f) = RECORD_STORES[i].read {
                out[n] = (RECORD_STORES[i].name, f);
                n += 1;
            }
            i += 1;
        }
        out
    }};
}

const ROSTER_READERS: [(&str, ReadFn<Roster>); count(Part::Roster)] = readers_of!(Roster);
const DIRECTIVE_READERS: [(&str, ReadFn<Vec<Directive>>); count(Part::Directives)] = readers_of!(Directives);
const TOMBSTONE_READERS: [(&str, ReadFn<Vec<Tombstone>>); count(Part::Tombstones)] = readers_of!(Tombstones);
const TRAINING_READERS: [(&str, ReadFn<TrainingRecords>); count(Part::Training)] = readers_of!(Training);
const BASELINE_READERS: [(&str, ReadFn<TrainingRecords>); 1] = [find(&TRAINING_READERS, BASELINES)];

/// What reading every kind needs: [`Db::load_dataset`], a backup's data.
#[derive(Clone, Copy)]
struct Reader {
    name: &'static str,
    field: &'static str,
    read: Read,
}
const READERS: [Reader; RECORD_STORES.len()] = {
    let mut out = [Reader { name: "", field: "", read: Read::Roster(|_, _| Ok(())) }; RECORD_STORES.len()];
    let mut i = 0;
    while i < out.len() {
        let k = &RECORD_STORES[i];
        out[i] = Reader { name: k.name, field: k.field, read: k.read };
        i += 1;
    }
    out
};

/// What writing every kind needs: [`Db::replace_all`], a backup's data.
#[derive(Clone, Copy)]
struct Writer {
    name: &'static str,
    field: &'static str,
    training: bool,
    rows: for<'a> fn(&'a Dataset, &mut dyn FnMut(&'a str, String)),
}
const WRITERS: [Writer; RECORD_STORES.len()] = {
    let mut out = [Writer { name: "", field: "", training: false, rows: |_, _| {} }; RECORD_STORES.len()];
    let mut i = 0;
    while i < out.len() {
        let k = &RECORD_STORES[i];
        out[i] = Writer { name: k.name, field: k.field, training: k.is_training(), rows: k.rows };
        i += 1;
    }
    out
};

/// The registry's store names.
const fn names() -> [&'static str; RECORD_STORES.len()] {
    let mut out = [""; RECORD_STORES.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = RECORD_STORES[i].name;
        i += 1;
    }
    out
}

/// The store names of the kinds of `part`.
const fn names_of<const N: usize>(part: Part) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut i, mut n) = (0, 0);
    while i < RECORD_STORES.len() {
        if RECORD_STORES[i].read.part() as u8 == part as u8 {
            out[n] = RECORD_STORES[i].name;
            n += 1;
        }
        i += 1;
    }
    assert!(n == N);
    out
}

/// How many kinds belong to `part`.
const fn count(part: Part) -> usize {
    let (mut i, mut n) = (0, 0);
    while i < RECORD_STORES.len() {
        if RECORD_STORES[i].read.part() as u8 == part as u8 {
            n += 1;
        }
        i += 1;
    }
    n
}

/// `a` followed by `b`.
const fn with<const A: usize, const B: usize, const N: usize>(
    a: [&'static str; A],
    b: [&'static str; B],
) -> [&'static str; N] {
    assert!(A + B == N);
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = if i < A { a[i] } else { b[i - A] };
        i += 1;
    }
    out
}

/// The reader of store `name` among `readers`.
const fn find<T, const N: usize>(readers: &[(&'static str, ReadFn<T>); N], name: &str) -> (&'static str, ReadFn<T>) {
    let mut i = 0;
    while i < N {
        if same(readers[i].0, name) {
            return readers[i];
        }
        i += 1;
    }
    panic!("no such record store")
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Calls `f(id, JSON)` for every record of `list`: the stored text, byte for byte what
/// `serde_json::to_string` writes (backups and snapshots are made of the same).
fn encode<'a, T: Serialize>(list: &'a [T], id: fn(&T) -> &str, f: &mut dyn FnMut(&'a str, String)) {
    for r in list {
        f(id(r), serde_json::to_string(r).expect("records always serialise"));
    }
}

/// The records a list of stored JSON texts holds.
fn decode<T: DeserializeOwned>(rows: &[&str]) -> Result<Vec<T>, serde_json::Error> {
    rows.iter().map(|json| serde_json::from_str(json)).collect()
}

/// Reads the rows of store `name` into `target` with `read`.
fn read_rows<T>(target: &mut T, read: ReadFn<T>, name: &str, rows: &[String]) -> Result<(), StoreError> {
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    read(target, &rows).map_err(|e| corrupt(name, e))
}

fn corrupt(store_name: &str, e: serde_json::Error) -> StoreError {
    StoreError(format!("Không đọc được dữ liệu: một bản ghi trong \"{store_name}\" bị hỏng ({e})."))
}

/// localStorage key of [`Db::generation`].
const GENERATION: &str = "write_generation";

/// How many backups are kept: the transaction that adds one drops the oldest beyond this.
pub const BACKUPS_KEPT: usize = 10;

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
}

#[derive(Deserialize)]
struct MetaOnly {
    #[serde(default)]
    meta: dtbd_domain::model::RecordMeta,
}

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
    } else if CONNECTION_CLOSED.with(|c| c.get())
        || detail.contains("InvalidStateError")
        || detail.contains("connection is closing")
    {
        StoreError(format!(
            "{context}: kết nối tới dữ liệu trên máy đã đóng (ứng dụng vừa được cập nhật ở một thẻ khác, hoặc trình duyệt đã đóng nó). Dữ liệu cũ vẫn còn nguyên; hãy tải lại trang rồi làm lại."
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

    /// Saves one directive.
    pub async fn put_directive(&self, d: &Directive) -> Result<(), StoreError> {
        self.write(&[DIRECTIVES], &[Op::put(DIRECTIVES, &d.id, d)]).await
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
    /// baselines (every kind of [`Part::Training`]).
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
        self.write(&[BASELINES], &[Op::put(BASELINES, &b.id, b)]).await
    }

    /// Writes a training operation's [`Change`] (cadres, enrollments and history put, the
    /// removed enrollments and history deleted) in ONE transaction: all of it, or nothing.
    pub async fn apply_change(&self, c: &Change) -> Result<(), StoreError> {
        let mut ops: Vec<Op> = Vec::new();
        ops.extend(c.cadres.iter().map(|x| Op::put(CADRES, &x.id, x)));
        ops.extend(c.remove_enrollments.iter().map(|k| Op::Delete { store: ENROLLMENTS, key: k }));
        ops.extend(c.enrollments.iter().map(|x| Op::put(ENROLLMENTS, &x.id, x)));
        ops.extend(c.remove_history.iter().map(|k| Op::Delete { store: HISTORY, key: k }));
        ops.extend(c.history.iter().map(|x| Op::put(HISTORY, &x.id, x)));
        self.write(&[CADRES, ENROLLMENTS, HISTORY], &ops).await
    }

    /// Saves plans, course lines and historical tables (a plan template loaded, a line
    /// added) in one transaction.
    pub async fn put_plans(
        &self,
        plans: &[Plan],
        lines: &[CourseLine],
        tables: &[DispatchTable],
    ) -> Result<(), StoreError> {
        let ops: Vec<Op> = plans
            .iter()
            .map(|p| Op::put(PLANS, &p.id, p))
            .chain(lines.iter().map(|l| Op::put(LINES, &l.id, l)))
            .chain(tables.iter().map(|t| Op::put(AGGREGATES, &t.id, t)))
            .collect();
        self.write(&[PLANS, LINES, AGGREGATES], &ops).await
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
            return Err(err(ctx, "QuotaExceededError (mô phỏng)"));
        }
        tx.commit().await.map_err(|e| err(ctx, e))?;
        prefs::set(GENERATION, &new_id());
        // A cleared store (the demo's reset) means "many": no ids, the listeners reload all.
        let cleared = ops.iter().any(|op| matches!(op, Op::Clear { .. }));
        broadcast::announce(
            stores,
            ops.iter().filter(|_| !cleared).filter_map(|op| match op {
                Op::Put { key, .. } | Op::Delete { key, .. } => Some(*key),
                Op::Clear { .. } => None,
            }),
        );
        Ok(())
    }

    /// Saves `record` (version `n`, just bumped by the domain) only if the version stored is
    /// still `n - 1` (nothing stored for `n == 1`), checked inside the write transaction so
    /// another tab's save in between is caught, never overwritten. On a conflict nothing is
    /// written and the record as stored now is returned (`None`: deleted meanwhile).
    async fn put_checked<T: Serialize + DeserializeOwned>(
        &self,
        store_name: &'static str,
        id: &str,
        record: &T,
        version: u64,
    ) -> Result<(), SaveError<T>> {
        let ctx = "Không lưu được";
        let e = |x: &dyn std::fmt::Debug| SaveError::Store(err(ctx, x));
        let tx = self.db.transaction(store_name).with_mode(TransactionMode::Readwrite).build().map_err(|x| e(&x))?;
        let s = tx.object_store(store_name).map_err(|x| e(&x))?;
        let current: Option<String> =
            s.get::<String, &str, _>(id).primitive().map_err(|x| e(&x))?.await.map_err(|x| e(&x))?;
        let stored_version = match &current {
            None => 0,
            Some(json) => serde_json::from_str::<MetaOnly>(json).map(|m| m.meta.version).unwrap_or(u64::MAX),
        };
        if stored_version + 1 != version {
            drop(tx);
            let stored = current.as_deref().and_then(|j| serde_json::from_str(j).ok());
            return Err(SaveError::Conflict(stored));
        }
        let json = serde_json::to_string(record).expect("records always serialise");
        s.put(json.as_str()).with_key(id).primitive().map_err(|x| e(&x))?;
        if FAIL_NEXT_WRITE.with(|f| f.take()) {
            drop(tx);
            return Err(e(&"QuotaExceededError (mô phỏng)"));
        }
        tx.commit().await.map_err(|x| e(&x))?;
        prefs::set(GENERATION, &new_id());
        broadcast::announce(&[store_name], std::iter::once(id));
        Ok(())
    }

    /// Saves a cadre the form opened as version `c.meta.version - 1` (see
    /// [`Db::put_checked`]): a save from another tab in between is a [`SaveError::Conflict`].
    pub async fn put_cadre_checked(&self, c: &Cadre) -> Result<(), SaveError<Cadre>> {
        self.put_checked(CADRES, &c.id, c, c.meta.version).await
    }

    /// Saves a unit, checking its version like [`Db::put_cadre_checked`].
    pub async fn put_unit_checked(&self, u: &Unit) -> Result<(), SaveError<Unit>> {
        self.put_checked(UNITS, &u.id, u, u.meta.version).await
    }

    /// Thế hệ dữ liệu: a token that changes after every write from any tab or bundle (kept in
    /// localStorage). The share page compares it to skip re-reading the whole database when
    /// nothing was written since the preview.
    pub fn generation() -> Option<String> {
        prefs::get(GENERATION)
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
    async fn backup_data_raw(&self, id: &str) -> Result<(Dataset, bool), StoreError> {
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
        read_backup(&json).map_err(|e| StoreError(format!("{ctx}: bản sao lưu bị hỏng ({e}).")))
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
        let (mut target, has_training) = self.backup_data_raw(id).await?;
        if !has_training {
            target.training = current.training.clone();
        }
        self.apply_import(current, &target, backup_of_current).await?;
        Ok(target)
    }
}

/// Bản sao lưu: a description of the state kept before an import or a restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    /// Mã: creation time (zero-padded ms) and a random tail, so ids sort by time.
    pub id: String,
    /// Thời điểm tạo (ms since the epoch).
    pub created_at: i64,
    /// Vì sao: what replaced this state.
    pub reason: BackupReason,
    /// Nguồn: the imported file's name, or the restored backup's description.
    pub source: String,
    /// Người gửi of the imported file (may be empty).
    pub sender: String,
    /// Số đơn vị trong bản sao lưu.
    pub units: usize,
    /// Số cán bộ.
    pub cadres: usize,
    /// Số văn bản.
    pub directives: usize,
    /// Số bản ghi đã xóa.
    pub tombstones: usize,
    /// Số bản ghi đào tạo (kế hoạch, lớp, lượt cử đi học, thay đổi trình độ, số liệu tổng
    /// hợp); 0 in backups made before they travelled.
    #[serde(default)]
    pub training: usize,
}

/// What a backup was taken before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    /// Trước khi nhập tệp.
    Import,
    /// Trước khi khôi phục một bản sao lưu (or undoing an import).
    Restore,
}

impl Backup {
    /// Describes `before`, the state about to be replaced, with a fresh id and the time now.
    pub fn of(before: &Dataset, reason: BackupReason, source: impl Into<String>, sender: impl Into<String>) -> Backup {
        let created_at = now();
        Backup {
            id: format!("{created_at:015}-{}", &new_id()[..8]),
            created_at,
            reason,
            source: source.into(),
            sender: sender.into(),
            units: before.roster.units.len(),
            cadres: before.roster.cadres.len(),
            directives: before.directives.len(),
            tombstones: before.tombstones.len(),
            training: RECORD_STORES.iter().filter(|k| k.is_training()).map(|k| (k.count)(before)).sum(),
        }
    }
}

fn backup_keys(id: &str) -> (String, String) {
    (format!("m:{id}"), format!("d:{id}"))
}

/// A backup's data (`d:<id>`): `{"units":[…],"cadres":[…],"directives":[…],"tombstones":[…],
/// "training":{"plans":[…],"lines":[…],…}}`, every kind of [`RECORD_STORES`] under its
/// `field`, each record as stored. Byte for byte what serialising the dataset's lists in that
/// shape with serde_json writes (backups made by earlier versions read the same).
#[doc(hidden)]
pub fn backup_json(d: &Dataset) -> String {
    let mut out = String::from("{");
    let part = |out: &mut String, training: bool| {
        let mut first_field = true;
        for w in WRITERS.iter().filter(|w| w.training == training) {
            if !first_field {
                out.push(',');
            }
            first_field = false;
            out.push('"');
            out.push_str(w.field);
            out.push_str("\":[");
            let mut first = true;
            (w.rows)(d, &mut |_, json| {
                if !first {
                    out.push(',');
                }
                first = false;
                out.push_str(&json);
            });
            out.push(']');
        }
    };
    part(&mut out, false);
    out.push_str(",\"training\":{");
    part(&mut out, true);
    out.push_str("}}");
    out
}

/// Reads a backup's data (see [`backup_json`]), and says whether it holds training records:
/// backups made before they travelled have no `training` (restoring one keeps the current
/// training records); a kind missing under `training` is empty; a top-level one is required.
fn read_backup(json: &str) -> Result<(Dataset, bool), String> {
    let top = json::object(json)?;
    fn get<'a>(fields: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
        fields.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }
    let training = match get(&top, "training") {
        None | Some("null") => None,
        Some(t) => Some(json::object(t)?),
    };
    let mut d = Dataset::default();
    for r in READERS {
        let list = if let Read::Training(_) = r.read {
            match &training {
                Some(t) => get(t, r.field),
                None => continue,
            }
        } else {
            Some(get(&top, r.field).ok_or_else(|| format!("thiếu \"{}\"", r.field))?)
        };
        if let Some(list) = list {
            r.read.into(&mut d, &json::array(list)?).map_err(|e| e.to_string())?;
        }
    }
    Ok((d, training.is_some()))
}

/// Just enough JSON to split a backup's data into its lists and their records, each record's
/// text exactly as stored, then read by its kind's reader (which checks it). Not serde_json's
/// `RawValue`: its feature would add code to every serialiser of every bundle.
mod json {
    /// The fields of the object `text` as (key as written, value's text).
    pub fn object(text: &str) -> Result<Vec<(&str, &str)>, String> {
        let mut s = Scan { text, i: 0 };
        let mut out = Vec::new();
        s.expect(b'{')?;
        if !s.eat(b'}') {
            loop {
                s.space();
                let key = s.value()?;
                if key.len() < 2 || !key.starts_with('"') {
                    return Err(s.error());
                }
                s.expect(b':')?;
                out.push((&key[1..key.len() - 1], s.value()?));
                if !s.eat(b',') {
                    s.expect(b'}')?;
                    break;
                }
            }
        }
        s.end()?;
        Ok(out)
    }

    /// The items of the array `text`, each item's text.
    pub fn array(text: &str) -> Result<Vec<&str>, String> {
        let mut s = Scan { text, i: 0 };
        let mut out = Vec::new();
        s.expect(b'[')?;
        if !s.eat(b']') {
            loop {
                out.push(s.value()?);
                if !s.eat(b',') {
                    s.expect(b']')?;
                    break;
                }
            }
        }
        s.end()?;
        Ok(out)
    }

    struct Scan<'a> {
        text: &'a str,
        i: usize,
    }

    impl<'a> Scan<'a> {
        fn byte(&self) -> Option<u8> {
            self.text.as_bytes().get(self.i).copied()
        }

        fn space(&mut self) {
            while matches!(self.byte(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
                self.i += 1;
            }
        }

        fn eat(&mut self, c: u8) -> bool {
            self.space();
            let found = self.byte() == Some(c);
            if found {
                self.i += 1;
            }
            found
        }

        fn expect(&mut self, c: u8) -> Result<(), String> {
            if self.eat(c) {
                Ok(())
            } else {
                Err(self.error())
            }
        }

        fn end(&mut self) -> Result<(), String> {
            self.space();
            if self.i == self.text.len() {
                Ok(())
            } else {
                Err(self.error())
            }
        }

        fn error(&self) -> String {
            format!("JSON sai ở ký tự thứ {}", self.i + 1)
        }

        /// Skips one value (string, object, array, or a number, true, false, null), returns
        /// its text. Strings are skipped whole (escapes included), so brackets inside text
        /// do not count. Every delimiter is ASCII: the cuts fall between characters.
        fn value(&mut self) -> Result<&'a str, String> {
            self.space();
            let start = self.i;
            let mut depth = 0usize;
            loop {
                match self.byte() {
                    None => return Err(self.error()),
                    Some(b'"') => {
                        self.i += 1;
                        loop {
                            match self.byte() {
                                None => return Err(self.error()),
                                Some(b'\\') => self.i += 2,
                                Some(b'"') => break,
                                Some(_) => self.i += 1,
                            }
                        }
                        self.i += 1;
                    }
                    Some(b'[' | b'{') => {
                        depth += 1;
                        self.i += 1;
                    }
                    Some(b']' | b'}') if depth > 0 => {
                        depth -= 1;
                        self.i += 1;
                    }
                    Some(b']' | b'}' | b',' | b':' | b' ' | b'\n' | b'\r' | b'\t') if depth == 0 => break,
                    Some(_) => self.i += 1,
                }
                if depth == 0 && self.i > start && matches!(self.text.as_bytes()[self.i - 1], b'"' | b']' | b'}') {
                    break;
                }
            }
            if self.i == start {
                return Err(self.error());
            }
            Ok(&self.text[start..self.i])
        }
    }
}

/// Puts every record of `after` that is new or differs from `before`, deletes every id of
/// `before` that `after` lacks.
fn diff_ops<'a, T: Serialize + PartialEq>(
    ops: &mut Vec<Op<'a>>,
    store: &'a str,
    before: &'a [T],
    after: &'a [T],
    id: fn(&T) -> &str,
) {
    let old: HashMap<&str, &T> = before.iter().map(|r| (id(r), r)).collect();
    let keep: HashSet<&str> = after.iter().map(id).collect();
    for r in after {
        if old.get(id(r)) != Some(&r) {
            ops.push(Op::put(store, id(r), r));
        }
    }
    for r in before {
        if !keep.contains(id(r)) {
            ops.push(Op::Delete { store, key: id(r) });
        }
    }
}

/// One write inside a transaction.
enum Op<'a> {
    Put {
        store: &'a str,
        key: &'a str,
        json: String,
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
        Op::Put { store, key, json: serde_json::to_string(value).expect("records always serialise") }
    }
}

/// Dữ liệu mẫu: which database every page opens. The demo lives in a database of its own
/// ([`DEMO_DB_NAME`]), chosen at open time by a localStorage flag that every bundle reads, so
/// the user's data is never touched or mixed with it.
pub mod demo {
    use super::prefs;
    use gloo_storage::{LocalStorage, Storage};

    const FLAG: &str = "demo";

    /// True while the pages show the demo.
    pub fn active() -> bool {
        prefs::get(FLAG).as_deref() == Some("1")
    }

    /// Switches to the demo database (takes effect at the next page load).
    pub fn enter() {
        forget_filters();
        prefs::set(FLAG, "1");
    }

    /// Back to the user's database (at the next page load).
    pub fn leave() {
        forget_filters();
        LocalStorage::delete(format!("dtbd.{FLAG}"));
    }

    /// The roster's remembered search and unit filter name the other database's records.
    fn forget_filters() {
        for key in ["roster.query", "roster.unit"] {
            LocalStorage::delete(format!("dtbd.{key}"));
        }
    }

    /// The database the pages open now.
    pub fn db_name() -> &'static str {
        if active() {
            super::DEMO_DB_NAME
        } else {
            super::DB_NAME
        }
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

    /// Default of [`reminder_days`].
    pub const DEFAULT_REMINDER_DAYS: u32 = 7;

    /// Lần xuất gần nhất (ms), if this device ever exported.
    pub fn last_export() -> Option<i64> {
        get("last_export").and_then(|v| v.parse().ok())
    }

    /// Since when the export reminder counts: the last export, or the first use of the app
    /// on this device (recorded by the first call), so a new user is not reminded at once.
    pub fn reminder_since() -> i64 {
        if let Some(t) = last_export().or_else(|| get("first_use").and_then(|v| v.parse().ok())) {
            return t;
        }
        let t = super::now();
        set("first_use", &t.to_string());
        t
    }

    /// Records an export.
    pub fn set_last_export(ms: i64) {
        set("last_export", &ms.to_string());
    }

    /// Nhắc xuất dữ liệu sau bao nhiêu ngày (0: không nhắc).
    pub fn reminder_days() -> u32 {
        get("reminder_days").and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_REMINDER_DAYS)
    }

    /// Sets [`reminder_days`].
    pub fn set_reminder_days(days: u32) {
        set("reminder_days", &days.to_string());
    }
}

/// Fetches a file shipped with the app (a path relative to the page, e.g.
/// `templates/index.json`). The service worker keeps it for offline use.
pub async fn fetch_text(path: &str) -> Result<String, StoreError> {
    let fail = |e: wasm_bindgen::JsValue| {
        StoreError(format!(
            "Không tải được \"{path}\" ({}). Hãy kết nối mạng một lần để tải mẫu.",
            e.as_string().unwrap_or_default()
        ))
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

/// Local date and time of a moment, "22/11/2026 14:05" (browser time zone).
pub fn local_datetime(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

pub mod crypto;
pub mod files;
pub mod xlsx;

/// Hai thẻ: every committed write is announced on a `BroadcastChannel`, so the other tabs and
/// bundles of the app (same origin) reload what changed. Nothing leaves the browser.
pub mod broadcast {
    use wasm_bindgen::prelude::*;

    /// Channel name, shared by every page of the app.
    const CHANNEL: &str = "dtbd-writes";
    /// Ids listed per message; a bigger write (an import) sends none, meaning "many".
    const MAX_IDS: usize = 200;

    thread_local! {
        static CHANNEL_OBJ: Option<web_sys::BroadcastChannel> = web_sys::BroadcastChannel::new(CHANNEL).ok();
    }

    /// What a committed write touched. On the channel as text: the store names joined by
    /// commas, then one id per line (no serde: it would cost every bundle).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Written {
        /// Object stores written ("cadres", "units", "directives", ...).
        pub stores: Vec<String>,
        /// Keys written, or empty when there were more than a few hundred.
        pub ids: Vec<String>,
    }

    impl Written {
        /// The message text.
        pub fn to_text(&self) -> String {
            let mut t = self.stores.join(",");
            for id in &self.ids {
                t.push('\n');
                t.push_str(id);
            }
            t
        }

        /// Reads a message text.
        pub fn from_text(t: &str) -> Written {
            let mut lines = t.split('\n');
            let stores = lines.next().unwrap_or("").split(',').filter(|s| !s.is_empty()).map(str::to_string).collect();
            Written { stores, ids: lines.map(str::to_string).collect() }
        }

        /// Whether the write touched `store`.
        pub fn touches(&self, store: &str) -> bool {
            self.stores.iter().any(|s| s == store)
        }
    }

    /// Tells the other pages of the app that a write committed.
    pub fn announce<'a>(stores: &[&str], ids: impl Iterator<Item = &'a str>) {
        let mut ids: Vec<String> = ids.take(MAX_IDS + 1).map(str::to_string).collect();
        if ids.len() > MAX_IDS {
            ids.clear();
        }
        let w = Written { stores: stores.iter().map(|s| s.to_string()).collect(), ids };
        let text = w.to_text();
        CHANNEL_OBJ.with(|c| {
            if let Some(c) = c {
                let _ = c.post_message(&JsValue::from_str(&text));
            }
        });
    }

    /// Calls `f` for every write another page of the app announces (never for this page's own).
    pub fn listen(f: impl Fn(Written) + 'static) {
        let cb = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            if let Some(t) = ev.data().as_string() {
                f(Written::from_text(&t));
            }
        });
        CHANNEL_OBJ.with(|c| {
            if let Some(c) = c {
                let _ = c.add_event_listener_with_callback("message", cb.as_ref().unchecked_ref());
            }
        });
        cb.forget();
    }
}
