//! Bản chụp dữ liệu (snapshot): the one JSON document officers send each other by email to
//! share their roster, and everything done with it — export, validation before anything is
//! written, migrations from older versions, preview with a per-record diff, and merge by id.
//!
//! Everything here is pure: the time and the sender are passed in, the receiver's state is a
//! parameter, nothing is read from a clock or written anywhere. The store applies a
//! [`merge::MergeOutcome`] in one transaction; the UI shows [`merge::Preview`] and
//! [`SnapshotError`] messages.
//!
//! # Format (schema version [`SCHEMA_VERSION`])
//!
//! ```text
//! {"format":"dtbd-snapshot",            // FORMAT: anything else is refused
//!  "schema_version":3,                  // integer; newer than SCHEMA_VERSION is refused
//!  "exported_at":1795000000000,         // ms since epoch (UTC)
//!  "exported_by":{"unit_id":"…","unit_name":"Xã Nậm Sơn","sender":"Lò Văn A, 0912…"},
//!  "scope":{"kind":"all"} | {"kind":"subtree","unit_id":"…","unit_name":"…"},
//!  "checksum":"sha256:<64 hex>",        // over the canonical form of "records", see checksum
//!  "records":{"units":[…],"cadres":[…],"directives":[…],"templates":[{"id","source"}],
//!             "tombstones":[…],"settings":{…},
//!             "plans":[…],"lines":[…],"enrollments":[…],"history":[…],"aggregates":[…],
//!             "baselines":[…],"receipts":[…]}}
//! ```
//!
//! Every record carries a stable `id` and a `meta` (`version`, `updated_at`). Directives the
//! user made travel in full; built-in templates (id `tpl-…` with a `source`) travel as a
//! reference only. Deletions travel as tombstones. Since v3 the training records travel too:
//! kế hoạch (`plans`), lớp / chương trình (`lines`), cử đi học (`enrollments`), quá trình thay
//! đổi trình độ (`history`) and số liệu tổng hợp các năm trước (`aggregates`), merged by id and
//! version like the rest; plans and lines are never deleted outright (their `removed` flag
//! travels as a newer version), so they have no tombstones. A v2 file gets empty lists (see
//! [`migrate`]). Since v4 the mốc số liệu (`baselines`, [`crate::monitor::Baseline`])
//! travel with the directives they belong to, merged by id and version; a deletion is a newer
//! version with `removed` set, like plans. Since v5 a record's `meta` may carry field stamps
//! (`fields`: who changed each field, at which version and when; `seen`: whose changes it
//! includes), so two officers' corrections of different fields combine
//! ([`crate::field_merge`]), and tombstones also speak of enrollments and history entries
//! (`"kind":"enrollment"` / `"history"`), so an undone nomination stays undone. Since v6 a
//! record's `meta` may carry its `origin` (nguồn gốc: the unit whose file it came in, sent
//! when and by whom, [`crate::model::Origin`]) and the lượt nhận số liệu travel
//! (`receipts`, [`receipt::Receipt`]: which files this database received), merged by id.
//!
//! Published JSON Schema: `public/snapshot.schema.json`, generated in a native unit test
//! (`schema.rs`, `UPDATE_SCHEMA=1` rewrites it); schemars never reaches the wasm build.
//!
//! - [`checksum`]: the canonical form and its SHA-256.
//! - [`validate`]: bytes → checked [`Snapshot`], errors in Vietnamese ([`SnapshotError`]).
//! - [`migrate`]: version N → N+1 on the raw JSON.
//! - [`merge`]: preview, field diffs, merge with conflict resolutions.
//! - [`batch`]: many files at once: authority by subtree, decisions, provenance, receipts.
//! - [`receipt`]: lượt nhận số liệu, one per file applied.

pub mod batch;
pub mod checksum;
pub mod merge;
pub mod migrate;
pub mod receipt;
pub mod validate;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod schema;

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::date::Moment;
use super::directive::Directive;
use super::model::{Cadre, Id, Millis, Unit};
use super::monitor::Baseline;
use super::roster::{RecordKind, Roster, Tombstone};
use super::tagged::{key, req, skip, tagged_deserialize};
use super::text::slug;
use super::training::{CourseLine, DispatchTable, Enrollment, Plan, QualificationChange, TrainingRecords};

pub use merge::{merge, preview, Choice, Counts, FieldDiff, MergeOutcome, Preview, RecordChange, Resolutions, Status};
pub use receipt::{Receipt, ReceiptCounts};
pub use validate::{import, import_into, read, validate, validate_against, Imported, SnapshotError};

/// Dấu nhận dạng định dạng: the value of `"format"`.
pub const FORMAT: &str = "dtbd-snapshot";
/// Phiên bản định dạng this app writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 6;
/// Oldest version still read (through migrations).
pub const OLDEST_VERSION: u32 = 1;
/// Giới hạn dung lượng: a file larger than this (in bytes, after gunzip) is refused before
/// it is parsed (see [`crate::limits`]).
pub const MAX_SNAPSHOT_BYTES: usize = crate::limits::MAX_FILE_BYTES;
/// Id prefix of the built-in templates (`public/templates`, id `tpl-000` …).
pub const TEMPLATE_ID_PREFIX: &str = "tpl-";

/// Bản chụp: the whole document.
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    schemars(title = "Bản chụp dữ liệu Sổ theo dõi đào tạo, bồi dưỡng cán bộ")
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Dấu nhận dạng: always "dtbd-snapshot".
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(schema_with = "schema::format_marker"))]
    pub format: String,
    /// Phiên bản định dạng (số nguyên).
    pub schema_version: u32,
    /// Thời điểm xuất (ms since the Unix epoch, UTC).
    pub exported_at: Millis,
    /// Người / đơn vị gửi.
    pub exported_by: ExportedBy,
    /// Phạm vi: the whole database, or one unit and its subtree.
    pub scope: Scope,
    /// Mã kiểm tra: "sha256:" + 64 lower-case hex digits of the SHA-256 of the canonical form
    /// of `records` (keys sorted, no white space), as read from the file or computed by
    /// [`export`]. [`Snapshot::to_json`] always writes a freshly computed one.
    pub checksum: String,
    /// Các bản ghi.
    pub records: Records,
}

/// Người gửi: which unit exported, and a free text naming the person.
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ExportedBy {
    /// Mã đơn vị gửi, if the sender chose one.
    #[serde(default)]
    pub unit_id: Option<Id>,
    /// Tên đơn vị gửi.
    #[serde(default)]
    pub unit_name: String,
    /// Người gửi (free text: name, phone ...).
    #[serde(default)]
    pub sender: String,
}

/// Phạm vi xuất.
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
// `Deserialize` is written by hand below (one pass, no buffering; see [`crate::tagged`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scope {
    /// Toàn bộ dữ liệu.
    All,
    /// Một đơn vị và các đơn vị trực thuộc.
    Subtree {
        /// Mã đơn vị gốc.
        unit_id: Id,
        /// Tên đơn vị gốc (for display).
        #[serde(default)]
        unit_name: String,
    },
}

tagged_deserialize!(Scope, "a scope (an object with \"kind\")", |map| {
    let (mut kind, mut unit_id, mut unit_name) = (None::<String>, None, None);
    while let Some(k) = key(&mut map)? {
        match k.as_str() {
            "kind" => kind = Some(map.next_value()?),
            "unit_id" => unit_id = Some(map.next_value()?),
            "unit_name" => unit_name = Some(map.next_value()?),
            _ => skip(&mut map)?,
        }
    }
    Ok(match req(kind, "kind")?.as_str() {
        "all" => Scope::All,
        "subtree" => Scope::Subtree { unit_id: req(unit_id, "unit_id")?, unit_name: unit_name.unwrap_or_default() },
        t => return Err(serde::de::Error::unknown_variant(t, &["all", "subtree"])),
    })
});

/// Văn bản mẫu dẫn chiếu: a built-in template, by reference.
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateRef {
    /// Mã mẫu ("tpl-000").
    pub id: Id,
    /// Nguồn mẫu (the template's `source`).
    #[serde(default)]
    pub source: String,
}

/// Các bản ghi of a snapshot.
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Records {
    /// Đơn vị.
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(with = "Vec<schema::UnitM>"))]
    pub units: Vec<Unit>,
    /// Cán bộ.
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(with = "Vec<schema::CadreM>"))]
    pub cadres: Vec<Cadre>,
    /// Văn bản chỉ đạo the user made (in full).
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(with = "Vec<schema::DirectiveM>"))]
    pub directives: Vec<Directive>,
    /// Văn bản mẫu dẫn chiếu (built-in templates, by reference).
    pub templates: Vec<TemplateRef>,
    /// Bản ghi đã xóa.
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(with = "Vec<schema::TombstoneM>"))]
    pub tombstones: Vec<Tombstone>,
    /// Cài đặt gửi kèm: key → value the receiver may want to see (never merged automatically).
    pub settings: BTreeMap<String, serde_json::Value>,
    /// Kế hoạch đào tạo, bồi dưỡng (since v3).
    #[serde(default)]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(with = "Vec<schema::TrainingRecordM>"))]
    pub plans: Vec<Plan>,
    /// Lớp / chương trình of the plans (since v3).
    #[serde(default)]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(with = "Vec<schema::TrainingRecordM>"))]
    pub lines: Vec<CourseLine>,
    /// Cử đi học (since v3).
    #[serde(default)]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(with = "Vec<schema::TrainingRecordM>"))]
    pub enrollments: Vec<Enrollment>,
    /// Quá trình thay đổi trình độ (since v3).
    #[serde(default)]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(with = "Vec<schema::TrainingRecordM>"))]
    pub history: Vec<QualificationChange>,
    /// Số liệu tổng hợp các năm trước (since v3).
    #[serde(default)]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(with = "Vec<schema::TrainingRecordM>"))]
    pub aggregates: Vec<DispatchTable>,
    /// Mốc số liệu (since v4).
    #[serde(default)]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(with = "Vec<schema::TrainingRecordM>"))]
    pub baselines: Vec<Baseline>,
    /// Lượt nhận số liệu (since v6).
    #[serde(default)]
    pub receipts: Vec<Receipt>,
}

crate::tagged::coded_enum! {
    /// Kind of record, as snapshots, errors and previews speak of them.
    #[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
    #[derive(PartialOrd, Ord)]
    Kind {
        /// Đơn vị.
        Unit = "unit", "Đơn vị";
        /// Cán bộ.
        Cadre = "cadre", "Cán bộ";
        /// Văn bản chỉ đạo.
        Directive = "directive", "Văn bản";
        /// Văn bản mẫu (by reference).
        Template = "template", "Văn bản mẫu";
        /// Bản ghi đã xóa.
        Tombstone = "tombstone", "Bản ghi đã xóa";
        /// Kế hoạch đào tạo.
        Plan = "plan", "Kế hoạch";
        /// Lớp / chương trình.
        Line = "line", "Lớp / chương trình";
        /// Cử đi học.
        Enrollment = "enrollment", "Lượt cử đi học";
        /// Quá trình thay đổi trình độ.
        History = "history", "Thay đổi trình độ";
        /// Số liệu tổng hợp các năm trước.
        Aggregate = "aggregate", "Số liệu tổng hợp";
        /// Mốc số liệu.
        Baseline = "baseline", "Mốc số liệu";
        /// Lượt nhận số liệu.
        Receipt = "receipt", "Lượt nhận số liệu";
    }
}

impl Kind {
    /// The kind a tombstone deletes.
    pub fn of_tombstone(k: RecordKind) -> Kind {
        match k {
            RecordKind::Unit => Kind::Unit,
            RecordKind::Cadre => Kind::Cadre,
            RecordKind::Directive => Kind::Directive,
            RecordKind::Enrollment => Kind::Enrollment,
            RecordKind::History => Kind::History,
        }
    }
}

/// Dữ liệu: everything a device holds that travels in snapshots — the roster, the directives
/// (user-made and stored built-in templates alike), the tombstones and the training records.
/// Merge works on two of these; the store loads and saves one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    /// Đơn vị và cán bộ.
    pub roster: Roster,
    /// Văn bản chỉ đạo.
    pub directives: Vec<Directive>,
    /// Bản ghi đã xóa.
    pub tombstones: Vec<Tombstone>,
    /// Hồ sơ đào tạo: plans, lines, enrollments, history, aggregates.
    pub training: TrainingRecords,
    /// Lượt nhận số liệu: the files this database received.
    pub receipts: Vec<Receipt>,
}

impl Dataset {
    /// The same data with every list sorted by id (how merge returns it): two datasets with
    /// the same records compare equal once normalised.
    pub fn normalised(mut self) -> Self {
        self.roster.units.sort_by(|a, b| a.id.cmp(&b.id));
        self.roster.cadres.sort_by(|a, b| a.id.cmp(&b.id));
        self.directives.sort_by(|a, b| a.id.cmp(&b.id));
        self.tombstones.sort_by(|a, b| (a.id.as_str(), kind_rank(a.kind)).cmp(&(b.id.as_str(), kind_rank(b.kind))));
        let t = &mut self.training;
        t.plans.sort_by(|a, b| a.id.cmp(&b.id));
        t.lines.sort_by(|a, b| a.id.cmp(&b.id));
        t.enrollments.sort_by(|a, b| a.id.cmp(&b.id));
        t.history.sort_by(|a, b| a.id.cmp(&b.id));
        t.aggregates.sort_by(|a, b| a.id.cmp(&b.id));
        t.baselines.sort_by(|a, b| a.id.cmp(&b.id));
        self.receipts.sort_by(|a, b| a.id.cmp(&b.id));
        self
    }

    /// Number of live records (units + cadres + directives + training records; receipts are
    /// the database's own bookkeeping and not counted).
    pub fn len(&self) -> usize {
        let t = &self.training;
        self.roster.units.len()
            + self.roster.cadres.len()
            + self.directives.len()
            + t.plans.len()
            + t.lines.len()
            + t.enrollments.len()
            + t.history.len()
            + t.aggregates.len()
            + t.baselines.len()
    }

    /// True when there is no live record and no tombstone.
    pub fn is_empty(&self) -> bool {
        self.len() == 0 && self.tombstones.is_empty()
    }
}

pub(crate) fn kind_rank(k: RecordKind) -> u8 {
    match k {
        RecordKind::Unit => 0,
        RecordKind::Cadre => 1,
        RecordKind::Directive => 2,
        RecordKind::Enrollment => 3,
        RecordKind::History => 4,
    }
}

/// True for a built-in template kept in the store (travels by reference only).
pub fn is_builtin_template(d: &Directive) -> bool {
    d.id.starts_with(TEMPLATE_ID_PREFIX) && !d.source.is_empty()
}

impl Snapshot {
    /// The records as a [`Dataset`] (what merge takes). Template references are not records
    /// of the receiver: see [`Snapshot::missing_templates`].
    pub fn dataset(&self) -> Dataset {
        Dataset {
            roster: Roster { units: self.records.units.clone(), cadres: self.records.cadres.clone() },
            directives: self.records.directives.clone(),
            tombstones: self.records.tombstones.clone(),
            training: TrainingRecords {
                plans: self.records.plans.clone(),
                lines: self.records.lines.clone(),
                enrollments: self.records.enrollments.clone(),
                history: self.records.history.clone(),
                aggregates: self.records.aggregates.clone(),
                baselines: self.records.baselines.clone(),
            },
            receipts: self.records.receipts.clone(),
        }
    }

    /// Like [`Snapshot::dataset`] without copying.
    pub fn into_dataset(self) -> Dataset {
        Dataset {
            roster: Roster { units: self.records.units, cadres: self.records.cadres },
            directives: self.records.directives,
            tombstones: self.records.tombstones,
            training: TrainingRecords {
                plans: self.records.plans,
                lines: self.records.lines,
                enrollments: self.records.enrollments,
                history: self.records.history,
                aggregates: self.records.aggregates,
                baselines: self.records.baselines,
            },
            receipts: self.records.receipts,
        }
    }

    /// The built-in templates the sender uses that `local` does not hold (the UI can load
    /// them from `templates/` by id).
    pub fn missing_templates(&self, local: &Dataset) -> Vec<TemplateRef> {
        let have: HashSet<&str> = local.directives.iter().map(|d| d.id.as_str()).collect();
        self.records.templates.iter().filter(|t| !have.contains(t.id.as_str())).cloned().collect()
    }

    /// Total number of records in the file (for previews and backups lists).
    pub fn record_count(&self) -> usize {
        let r = &self.records;
        r.units.len()
            + r.cadres.len()
            + r.directives.len()
            + r.templates.len()
            + r.tombstones.len()
            + r.plans.len()
            + r.lines.len()
            + r.enrollments.len()
            + r.history.len()
            + r.aggregates.len()
            + r.baselines.len()
            + r.receipts.len()
    }

    /// The document as JSON text, one record per line (what is written to the file), with the
    /// checksum of the records as written (computed afresh: a snapshot read from a file whose
    /// writer left out default fields is written back with the checksum of the full form).
    pub fn to_json(&self) -> String {
        fn list<T: Serialize>(out: &mut String, key: &str, items: &[T], last: bool) {
            out.push('"');
            out.push_str(key);
            out.push_str("\":[");
            for (i, it) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                out.push_str(&serde_json::to_string(it).expect("records always serialise"));
            }
            if !items.is_empty() {
                out.push('\n');
            }
            out.push(']');
            out.push_str(if last { "\n" } else { ",\n" });
        }
        let r = &self.records;
        let per_record = 700 * (r.cadres.len() + r.units.len()) + 4096;
        let mut out = String::with_capacity(per_record);
        let s = |v: &dyn erased::Ser| v.json();
        out.push_str("{\"format\":");
        out.push_str(&s(&self.format));
        out.push_str(",\n\"schema_version\":");
        out.push_str(&self.schema_version.to_string());
        out.push_str(",\n\"exported_at\":");
        out.push_str(&self.exported_at.to_string());
        out.push_str(",\n\"exported_by\":");
        out.push_str(&s(&self.exported_by));
        out.push_str(",\n\"scope\":");
        out.push_str(&s(&self.scope));
        out.push_str(",\n\"checksum\":");
        out.push_str(&s(&checksum::of_records(r)));
        out.push_str(",\n\"records\":{\n");
        list(&mut out, "units", &r.units, false);
        list(&mut out, "cadres", &r.cadres, false);
        list(&mut out, "directives", &r.directives, false);
        list(&mut out, "templates", &r.templates, false);
        list(&mut out, "tombstones", &r.tombstones, false);
        list(&mut out, "plans", &r.plans, false);
        list(&mut out, "lines", &r.lines, false);
        list(&mut out, "enrollments", &r.enrollments, false);
        list(&mut out, "history", &r.history, false);
        list(&mut out, "aggregates", &r.aggregates, false);
        list(&mut out, "baselines", &r.baselines, false);
        list(&mut out, "receipts", &r.receipts, false);
        out.push_str("\"settings\":");
        out.push_str(&s(&r.settings));
        out.push_str("\n}}\n");
        out
    }
}

mod erased {
    /// A tiny object-safe face of `Serialize` for `to_json`'s header fields.
    pub trait Ser {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> String {
            serde_json::to_string(self).expect("header fields always serialise")
        }
    }
}

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportScope {
    /// Toàn bộ dữ liệu.
    All,
    /// Một đơn vị (by id) và các đơn vị trực thuộc.
    Subtree(Id),
}

/// Xuất: builds the snapshot of `data` for `scope`, with its checksum.
///
/// A subtree holds the unit, every unit below it, the cadres working there (`unit_id` in the
/// subtree), and — so the file stands on its own — the ancestors of those units and the
/// units the cadres' positions name (with their ancestors), but not those units' cadres.
/// Tombstones travel when the deleted record was in the subtree. User directives travel when
/// they are not limited to a unit outside the exported units; built-in templates travel by
/// reference. Training records: the whole database sends them all; a subtree sends the
/// enrollments and qualification history of its cadres, the course lines those enrollments
/// name and the plans of those lines (no historical aggregates: they are not per unit).
/// Receipts: all of them, or those of files sent by a unit of the subtree.
/// Returns `None` when the subtree's unit does not exist.
pub fn export(
    data: &Dataset,
    scope: &ExportScope,
    exported_by: ExportedBy,
    settings: BTreeMap<String, serde_json::Value>,
    exported_at: Millis,
) -> Option<Snapshot> {
    let roster = &data.roster;
    let (units, cadres, tombstones, scope_out, receipts): (Vec<Unit>, Vec<Cadre>, Vec<Tombstone>, Scope, Vec<Receipt>) =
        match scope {
            ExportScope::All => {
                let live: HashSet<&str> = roster
                    .units
                    .iter()
                    .map(|u| u.id.as_str())
                    .chain(roster.cadres.iter().map(|c| c.id.as_str()))
                    .collect();
                let tomb = data.tombstones.iter().filter(|t| !live.contains(t.id.as_str())).cloned().collect();
                (roster.units.clone(), roster.cadres.clone(), tomb, Scope::All, data.receipts.clone())
            }
            ExportScope::Subtree(root) => {
                let root_unit = roster.unit(root)?;
                let subtree = roster.subtree(root);
                let cadres: Vec<Cadre> =
                    roster.cadres.iter().filter(|c| subtree.contains(&c.unit_id)).cloned().collect();
                let mut keep: HashSet<String> = HashSet::new();
                let add_with_ancestors = |id: &str, keep: &mut HashSet<String>| {
                    for a in roster.ancestors_and_self(id) {
                        keep.insert(a.id.clone());
                    }
                };
                for id in &subtree {
                    add_with_ancestors(id, &mut keep);
                }
                for c in &cadres {
                    for p in &c.positions {
                        add_with_ancestors(&p.unit_id, &mut keep);
                    }
                }
                let units: Vec<Unit> = roster.units.iter().filter(|u| keep.contains(&u.id)).cloned().collect();
                let live: HashSet<&str> =
                    units.iter().map(|u| u.id.as_str()).chain(cadres.iter().map(|c| c.id.as_str())).collect();
                let in_subtree = |t: &Tombstone| -> bool {
                    let field = match t.kind {
                        RecordKind::Cadre => "unit_id",
                        RecordKind::Unit => "parent_id",
                        RecordKind::Directive => "scope_unit_id",
                        RecordKind::Enrollment | RecordKind::History => "cadre_id",
                    };
                    subtree.contains(&t.id)
                        || t.backup.get(field).and_then(|v| v.as_str()).is_some_and(|u| subtree.contains(u))
                };
                let tomb = data
                    .tombstones
                    .iter()
                    .filter(|t| !live.contains(t.id.as_str()) && in_subtree(t))
                    .cloned()
                    .collect();
                let s = Scope::Subtree { unit_id: root.clone(), unit_name: root_unit.name.clone() };
                let receipts = data
                    .receipts
                    .iter()
                    .filter(|r| r.unit_id.as_ref().is_some_and(|u| subtree.contains(u)))
                    .cloned()
                    .collect();
                (units, cadres, tomb, s, receipts)
            }
        };
    let unit_ids: HashSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
    let mut directives = Vec::new();
    let mut templates = Vec::new();
    for d in &data.directives {
        if is_builtin_template(d) {
            templates.push(TemplateRef { id: d.id.clone(), source: d.source.clone() });
        } else if d.scope_unit_id.as_deref().is_none_or(|u| unit_ids.contains(u)) {
            directives.push(d.clone());
        }
    }
    let t = &data.training;
    let (plans, lines, enrollments, history, aggregates) = match scope {
        ExportScope::All => {
            (t.plans.clone(), t.lines.clone(), t.enrollments.clone(), t.history.clone(), t.aggregates.clone())
        }
        ExportScope::Subtree(_) => {
            let cadre_ids: HashSet<&str> = cadres.iter().map(|c| c.id.as_str()).collect();
            let enrollments: Vec<Enrollment> =
                t.enrollments.iter().filter(|e| cadre_ids.contains(e.cadre_id.as_str())).cloned().collect();
            let history: Vec<QualificationChange> =
                t.history.iter().filter(|h| cadre_ids.contains(h.cadre_id.as_str())).cloned().collect();
            let line_ids: HashSet<&str> = enrollments.iter().map(|e| e.line_id.as_str()).collect();
            let lines: Vec<CourseLine> = t.lines.iter().filter(|l| line_ids.contains(l.id.as_str())).cloned().collect();
            let plan_ids: HashSet<&str> = lines.iter().map(|l| l.plan_id.as_str()).collect();
            let plans: Vec<Plan> = t.plans.iter().filter(|p| plan_ids.contains(p.id.as_str())).cloned().collect();
            (plans, lines, enrollments, history, Vec::new())
        }
    };
    // Mốc số liệu travel with the directives they belong to.
    let sent: HashSet<&str> =
        directives.iter().map(|d| d.id.as_str()).chain(templates.iter().map(|t| t.id.as_str())).collect();
    let baselines = t.baselines.iter().filter(|b| sent.contains(b.directive_id.as_str())).cloned().collect();
    let records = Records {
        units,
        cadres,
        directives,
        templates,
        tombstones,
        settings,
        plans,
        lines,
        enrollments,
        history,
        aggregates,
        baselines,
        receipts,
    };
    let checksum = checksum::of_records(&records);
    Some(Snapshot {
        format: FORMAT.into(),
        schema_version: SCHEMA_VERSION,
        exported_at,
        exported_by,
        scope: scope_out,
        checksum,
        records,
    })
}

/// Tên tệp: `dtbd-xa-nam-son-2026-12-01-1530.json` from the unit's name (or, when the
/// export has no one unit, the sender's) and the moment of export ([`slug`]), so two
/// officers' exports, or two of one day, never share a name. No name gives
/// `dtbd-2026-12-01-1530.json`.
pub fn file_name(unit_name: &str, sender: &str, at: Moment) -> String {
    let named = if unit_name.trim().is_empty() { sender } else { unit_name };
    let slug = slug(named, 60);
    if slug.is_empty() {
        format!("dtbd-{}.json", at.file_stamp())
    } else {
        format!("dtbd-{slug}-{}.json", at.file_stamp())
    }
}

/// One day in milliseconds.
const DAY_MS: Millis = 86_400_000;

/// Nhắc xuất dữ liệu: the whole days since the last export when they reach `every_days`
/// (the reminder is due), `None` otherwise or when `every_days` is 0 (never remind).
pub fn export_reminder(last_export: Millis, now: Millis, every_days: u32) -> Option<u32> {
    let days = now.saturating_sub(last_export) / DAY_MS;
    (every_days > 0 && days >= every_days as Millis).then(|| days.min(u32::MAX as Millis) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_reminder_is_due_after_the_set_days() {
        let t = 1_795_000_000_000;
        assert_eq!(export_reminder(t, t + 6 * DAY_MS + DAY_MS - 1, 7), None);
        assert_eq!(export_reminder(t, t + 7 * DAY_MS, 7), Some(7));
        assert_eq!(export_reminder(t, t + 30 * DAY_MS, 7), Some(30));
        assert_eq!(export_reminder(t, t + 30 * DAY_MS, 0), None);
        assert_eq!(export_reminder(t + DAY_MS, t, 1), None, "a clock set back is not a reminder");
    }

    #[test]
    fn file_names_carry_the_unit_or_sender_and_the_minute() {
        let at = Moment { date: crate::date::Date::new(2026, 12, 1).unwrap(), hour: 15, minute: 30 };
        assert_eq!(file_name("Xã Nam Sơn", "Lò Thị Mai", at), "dtbd-xa-nam-son-2026-12-01-1530.json");
        assert_eq!(
            file_name("  UBND huyện Hoàng Su Phì / (2) ", "", at),
            "dtbd-ubnd-huyen-hoang-su-phi-2-2026-12-01-1530.json"
        );
        assert_eq!(file_name("", "Lò Thị Mai", at), "dtbd-lo-thi-mai-2026-12-01-1530.json");
        assert_eq!(file_name("", "", at), "dtbd-2026-12-01-1530.json");
        assert_eq!(file_name("<script>", "", at), "dtbd-script-2026-12-01-1530.json");
        let later = Moment { minute: 31, ..at };
        assert_ne!(file_name("Xã Nam Sơn", "", at), file_name("Xã Nam Sơn", "", later));
    }
}
