//! The registry of record kinds ([`RECORD_STORES`], described in the store's module doc): the
//! object store names, the entries, the tables computed from it at compile time, and each
//! kind's records as the JSON rows they are stored as.

use serde::de::DeserializeOwned;
use serde::Serialize;

use std::collections::{HashMap, HashSet};

use dtbd_domain::directive::Directive;
use dtbd_domain::roster::{RecordKind, Roster, Tombstone};
use dtbd_domain::snapshot::{Dataset, Receipt};
use dtbd_domain::training::TrainingRecords;

use super::{Op, StoreError};

/// Schema version of the IndexedDB layout (object stores), not of the records.
/// v1: units, cadres, tombstones, settings. v2: directives. v3: backups. v4: plans,
/// course_lines, enrollments, history, aggregates (đào tạo, bồi dưỡng). v5: baselines (mốc
/// số liệu). v6: receipts (lượt nhận số liệu).
pub(super) const DB_VERSION: u32 = 6;

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
/// Lượt nhận số liệu.
pub const RECEIPTS: &str = "receipts";

/// Reads a kind's stored JSON rows into its list in `T` (replacing the list).
pub(super) type ReadFn<T> = fn(&mut T, &[&str]) -> Result<(), serde_json::Error>;

/// Which part of a [`Dataset`] a kind belongs to, with the reader of its rows into that
/// part: the part says which loader reads the kind
/// ([`Db::load_roster`](super::Db::load_roster), [`Db::load_directives`](super::Db::load_directives),
/// [`Db::tombstones`](super::Db::tombstones), [`Db::load_training`](super::Db::load_training)) and
/// where a backup keeps it (training records under `training`, the others at the top level).
#[derive(Clone, Copy)]
pub(super) enum Read {
    Roster(ReadFn<Roster>),
    Directives(ReadFn<Vec<Directive>>),
    Tombstones(ReadFn<Vec<Tombstone>>),
    Training(ReadFn<TrainingRecords>),
    /// A kind added after backups existed: missing from an older backup, it is empty.
    Receipts(ReadFn<Vec<Receipt>>),
}

impl Read {
    /// Reads `rows` into the kind's list in `d`.
    pub(super) fn into(self, d: &mut Dataset, rows: &[&str]) -> Result<(), serde_json::Error> {
        match self {
            Read::Roster(f) => f(&mut d.roster, rows),
            Read::Directives(f) => f(&mut d.directives, rows),
            Read::Tombstones(f) => f(&mut d.tombstones, rows),
            Read::Training(f) => f(&mut d.training, rows),
            Read::Receipts(f) => f(&mut d.receipts, rows),
        }
    }

    const fn part(self) -> Part {
        match self {
            Read::Roster(_) => Part::Roster,
            Read::Directives(_) => Part::Directives,
            Read::Tombstones(_) => Part::Tombstones,
            Read::Training(_) => Part::Training,
            Read::Receipts(_) => Part::Receipts,
        }
    }
}

/// [`Read`] without its reader, to count and filter kinds (at compile time).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Roster,
    Directives,
    Tombstones,
    Training,
    Receipts,
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
    pub(super) diff: for<'a> fn(&'a Dataset, &'a Dataset, &mut Vec<Op<'a>>),
    /// How many records of this kind `d` holds.
    pub(super) count: fn(&Dataset) -> usize,
}

impl RecordStore {
    /// True for the training records ([`Db::load_training`](super::Db::load_training), `training`
    /// in a backup).
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
    ($name:expr, $field:literal, receipts) => {
        record_store!(@ $name, $field, Receipts, |l, rows| { *l = decode(rows)?; Ok(()) }, receipts)
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
    record_store!(RECEIPTS, "receipts", receipts),
];

// What each use of the registry needs of it, computed at compile time: a constant holds only
// the names and function pointers its users call, so a bundle links the code of the kinds
// it reads or writes and nothing more (the roster page never links the training records',
// nor any kind's import diff). `RECORD_STORES` itself is iterated only where every part of
// every kind is needed (imports, `Backup::of`).

/// Every object store of the layout, created by [`Db::open`](super::Db::open) when missing: the
/// record stores, then the backups and the (unused) settings. A new store needs a new
/// `DB_VERSION`.
pub const OBJECT_STORES: [&str; RECORD_STORES.len() + 2] = with(names(), [BACKUPS, SETTINGS]);
/// Every store an import, a restore or the demo's reset writes: the record stores and the
/// backups.
pub(super) const DATA_STORES: [&str; RECORD_STORES.len() + 1] = with(names(), [BACKUPS]);
/// The stores [`Db::load_roster`](super::Db::load_roster) reads (what `ui::app` reloads when
/// another page wrote).
pub const ROSTER_STORES: [&str; count(Part::Roster)] = names_of(Part::Roster);
/// The stores [`Db::load_training`](super::Db::load_training) reads (what `ui::records` reloads
/// when another page wrote).
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

pub(super) const ROSTER_READERS: [(&str, ReadFn<Roster>); count(Part::Roster)] = readers_of!(Roster);
pub(super) const DIRECTIVE_READERS: [(&str, ReadFn<Vec<Directive>>); count(Part::Directives)] = readers_of!(Directives);
pub(super) const TOMBSTONE_READERS: [(&str, ReadFn<Vec<Tombstone>>); count(Part::Tombstones)] = readers_of!(Tombstones);
pub(super) const TRAINING_READERS: [(&str, ReadFn<TrainingRecords>); count(Part::Training)] = readers_of!(Training);
pub(super) const BASELINE_READERS: [(&str, ReadFn<TrainingRecords>); 1] = [find(&TRAINING_READERS, BASELINES)];

/// What reading every kind needs: [`Db::load_dataset`](super::Db::load_dataset), a backup's data.
#[derive(Clone, Copy)]
pub(super) struct Reader {
    pub(super) name: &'static str,
    pub(super) field: &'static str,
    pub(super) read: Read,
}
pub(super) const READERS: [Reader; RECORD_STORES.len()] = {
    let mut out = [Reader { name: "", field: "", read: Read::Roster(|_, _| Ok(())) }; RECORD_STORES.len()];
    let mut i = 0;
    while i < out.len() {
        let k = &RECORD_STORES[i];
        out[i] = Reader { name: k.name, field: k.field, read: k.read };
        i += 1;
    }
    out
};

/// What writing every kind needs: [`Db::replace_all`](super::Db::replace_all), a backup's data.
#[derive(Clone, Copy)]
pub(super) struct Writer {
    pub(super) name: &'static str,
    pub(super) field: &'static str,
    pub(super) training: bool,
    pub(super) rows: for<'a> fn(&'a Dataset, &mut dyn FnMut(&'a str, String)),
}
pub(super) const WRITERS: [Writer; RECORD_STORES.len()] = {
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
pub(super) fn read_rows<T>(target: &mut T, read: ReadFn<T>, name: &str, rows: &[String]) -> Result<(), StoreError> {
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    read(target, &rows).map_err(|e| corrupt(name, e))
}

pub(super) fn corrupt(store_name: &str, e: serde_json::Error) -> StoreError {
    super::logged(format!("Không đọc được dữ liệu: một bản ghi trong \"{store_name}\" bị hỏng."), &e.to_string())
}

pub(super) fn kind_store(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Unit => UNITS,
        RecordKind::Cadre => CADRES,
        RecordKind::Directive => DIRECTIVES,
        RecordKind::Enrollment => ENROLLMENTS,
        RecordKind::History => HISTORY,
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
