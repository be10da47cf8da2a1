//! Kiểm tra tệp nhập: bytes → a checked [`Snapshot`], before anything is written.
//!
//! Order: size (on the byte length, before parsing) → JSON (a truncated file is named as
//! such) → format marker → version (newer: "update the app") → checksum (over the records
//! as they stand in the file) → migrations to the current version → types, record by record
//! (serde's message in Vietnamese, with the record, the field and, for a current-version
//! file, the line and column) → duplicate ids → references (against the file and the
//! receiver's roster) → each record's domain rules (`Roster::validate_unit`,
//! `Roster::validate_cadre`, `Directive::validate`; for training records the per-record checks
//! of [`crate::training::data`], and an enrollment's cadre and course line, a line's
//! plan, a history entry's cadre must be in the file or on the receiver).

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::{
    checksum, migrate, ExportedBy, Kind, Records, Scope, Snapshot, TemplateRef, FORMAT, MAX_SNAPSHOT_BYTES,
    OLDEST_VERSION, SCHEMA_VERSION,
};
use crate::directive::Directive;
use crate::error::FieldError;
use crate::model::{Cadre, GovLevel, Region, Unit, UnitKind};
use crate::monitor::{self, Baseline};
use crate::roster::{RecordKind, Roster, Tombstone, UnitIndex};
use crate::training::{self, CourseLine, DispatchTable, Enrollment, Plan, QualificationChange, TrainingRecords};

/// At most this many errors are listed; the rest are counted ([`SnapshotError::More`]).
pub const MAX_ERRORS: usize = 100;

/// Which record an error speaks of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRef {
    /// Loại bản ghi.
    pub kind: Kind,
    /// Position in its list (0-based).
    pub index: usize,
    /// Mã (may be empty when the record has none).
    pub id: String,
    /// Tên (họ tên, tên đơn vị, số hiệu văn bản), may be empty.
    pub name: String,
}

impl fmt::Display for RecordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = self.kind.label();
        match (self.name.trim().is_empty(), self.id.is_empty()) {
            (false, false) => write!(f, "{label} \"{}\" (mã {})", self.name.trim(), self.id),
            (false, true) => write!(f, "{label} \"{}\" (thứ {})", self.name.trim(), self.index + 1),
            (true, false) => write!(f, "{label} thứ {} (mã {})", self.index + 1, self.id),
            (true, true) => write!(f, "{label} thứ {}", self.index + 1),
        }
    }
}

/// Lỗi tệp nhập: what is wrong and where. [`SnapshotError::message`] says it in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotError {
    /// Tệp quá lớn (checked before parsing).
    TooLarge {
        /// Size of the file.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// Tệp rỗng.
    Empty,
    /// Không phải JSON.
    NotJson {
        /// Dòng.
        line: usize,
        /// Cột.
        column: usize,
        /// serde_json's message, in Vietnamese.
        detail: String,
    },
    /// Tệp bị cắt cụt (ends in the middle of the document).
    Truncated {
        /// Dòng where it ends.
        line: usize,
        /// Cột.
        column: usize,
    },
    /// JSON, but not a snapshot (no `format` marker).
    NotSnapshot,
    /// Another `format`.
    UnknownFormat {
        /// The value found.
        found: String,
    },
    /// `schema_version` missing or not a positive integer.
    BadVersion {
        /// The value found, as JSON.
        found: String,
    },
    /// Made by a newer app.
    NewerVersion {
        /// Version of the file.
        found: u64,
        /// Newest version this app reads.
        supported: u32,
    },
    /// No `checksum`.
    MissingChecksum,
    /// The checksum does not match the records: damaged or hand-edited.
    ChecksumMismatch,
    /// A migration step failed.
    Migration {
        /// Version of the file.
        from: u32,
        /// What went wrong.
        detail: String,
    },
    /// Sai kiểu dữ liệu / thiếu trường.
    WrongType {
        /// The record, when the error is inside one.
        at: Option<RecordRef>,
        /// The field (`records.cadres`, `birth_year` ...), when known.
        field: Option<String>,
        /// Line and column in the file (current-version files, first error only).
        position: Option<(usize, usize)>,
        /// serde's message, in Vietnamese.
        detail: String,
    },
    /// Trùng mã.
    DuplicateId {
        /// Kind of record.
        kind: Kind,
        /// The id.
        id: String,
        /// Name of the second record.
        name: String,
        /// Positions (0-based) of the first and the repeated record.
        first: usize,
        /// Position of the repeat.
        again: usize,
    },
    /// Tham chiếu treo: a unit named by a record is neither in the file nor on this device.
    DanglingReference {
        /// The record.
        at: RecordRef,
        /// The field (`unit_id`, `positions.0.unit_id`, `parent_id`).
        field: String,
        /// The missing unit's id.
        target: String,
    },
    /// A domain rule (the same as the forms check).
    Invalid {
        /// The record.
        at: RecordRef,
        /// The field path and the rule's message (naming the field as the form labels it).
        error: FieldError,
    },
    /// A key the format does not have (a mistyped field), which reading would drop.
    UnknownKey {
        /// The record, when the key is inside one.
        at: Option<RecordRef>,
        /// Its path (`records.cadres[3].positions[0].titel`, `exported_byy`).
        path: String,
    },
    /// More errors than listed.
    More {
        /// How many were not listed.
        count: usize,
    },
}

fn megabytes(b: usize) -> String {
    let tenths = crate::number::div_half_up(b as u64 * 10, 1 << 20).unwrap_or(0);
    crate::number::decimal(tenths as i64, 1)
}

impl SnapshotError {
    /// The message for the user, in Vietnamese: what is wrong and where.
    pub fn message(&self) -> String {
        match self {
            SnapshotError::TooLarge { bytes, limit } => format!(
                "Tệp quá lớn ({} MB): chỉ nhận tệp đến {} MB. Hãy xuất theo từng đơn vị để có các tệp nhỏ hơn.",
                megabytes(*bytes),
                limit / 1_048_576
            ),
            SnapshotError::Empty => "Tệp rỗng: không có dữ liệu.".into(),
            SnapshotError::NotJson { line, column, detail } => {
                format!("Tệp không phải dữ liệu JSON hợp lệ (dòng {line}, cột {column}): {detail}.")
            }
            SnapshotError::Truncated { line, column } => format!(
                "Tệp bị cắt cụt, không trọn vẹn (kết thúc đột ngột ở dòng {line}, cột {column}): có thể tệp đính kèm chưa tải về hết. Hãy tải lại tệp hoặc nhờ người gửi gửi lại."
            ),
            SnapshotError::NotSnapshot => {
                "Tệp không phải bản chụp dữ liệu của Sổ theo dõi đào tạo, bồi dưỡng cán bộ (thiếu dấu nhận dạng \"format\").".into()
            }
            SnapshotError::UnknownFormat { found } => format!(
                "Định dạng tệp \"{}\" không được hỗ trợ: ứng dụng chỉ nhận bản chụp dữ liệu \"{FORMAT}\".",
                truncate(found, 60)
            ),
            SnapshotError::BadVersion { found } => format!(
                "Phiên bản định dạng {} không hợp lệ: cần một số nguyên từ {OLDEST_VERSION} đến {SCHEMA_VERSION}.",
                truncate(found, 40)
            ),
            SnapshotError::NewerVersion { found, supported } => format!(
                "Tệp được tạo bởi phiên bản mới hơn của ứng dụng (định dạng phiên bản {found}, ứng dụng này đọc đến phiên bản {supported}). Hãy cập nhật ứng dụng (tải lại trang khi có mạng) rồi mở lại tệp."
            ),
            SnapshotError::MissingChecksum => {
                "Tệp thiếu mã kiểm tra (\"checksum\"): không xác định được tệp còn nguyên vẹn hay không.".into()
            }
            SnapshotError::ChecksumMismatch => {
                "Tệp bị hỏng hoặc đã bị sửa: mã kiểm tra không khớp. Hãy nhờ người gửi xuất và gửi lại tệp.".into()
            }
            SnapshotError::Migration { from, detail } => {
                format!("Không nâng cấp được tệp định dạng phiên bản {from}: {detail}.")
            }
            SnapshotError::WrongType { at, field, position, detail } => {
                let mut s = match at {
                    Some(r) => r.to_string(),
                    None => "Tệp".into(),
                };
                if let Some(f) = field {
                    s.push_str(&format!(", trường {f}"));
                }
                s.push_str(&format!(": dữ liệu không đúng kiểu ({detail})"));
                if let Some((l, c)) = position {
                    s.push_str(&format!(", dòng {l}, cột {c}"));
                }
                s.push('.');
                s
            }
            SnapshotError::UnknownKey { at, path } => {
                let (parent, key) = path.rsplit_once('.').unwrap_or(("", path));
                let who = at.as_ref().map_or_else(|| "Tệp".to_string(), ToString::to_string);
                let place = if parent.is_empty() { "ở đầu tệp".to_string() } else { format!("tại {parent}") };
                format!("{who}: trường “{key}” ({place}) không có trong định dạng tệp trao đổi: có thể gõ nhầm tên, hoặc tệp do phiên bản ứng dụng mới hơn tạo ra (hãy cập nhật ứng dụng); tệp không được nhập.")
            }
            SnapshotError::DuplicateId { kind, id, name, first, again } => {
                let who = if name.trim().is_empty() { String::new() } else { format!(" (\"{}\")", name.trim()) };
                format!(
                    "{} mã \"{id}\"{who} xuất hiện hai lần trong tệp (bản ghi thứ {} và thứ {}).",
                    kind.label(),
                    first + 1,
                    again + 1
                )
            }
            SnapshotError::DanglingReference { at, field, target } => format!(
                "{at}, trường {field}: đơn vị mã \"{target}\" không có trong tệp và cũng không có trong dữ liệu của máy này."
            ),
            SnapshotError::Invalid { at, error } => format!("{at}, trường {}: {}", error.field, error.message),
            SnapshotError::More { count } => format!("… và {count} lỗi khác."),
        }
    }

    /// The record the error speaks of, if any.
    pub fn record(&self) -> Option<&RecordRef> {
        match self {
            SnapshotError::WrongType { at, .. } | SnapshotError::UnknownKey { at, .. } => at.as_ref(),
            SnapshotError::DanglingReference { at, .. } | SnapshotError::Invalid { at, .. } => Some(at),
            _ => None,
        }
    }
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for SnapshotError {}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        format!("{}…", s.chars().take(n).collect::<String>())
    } else {
        s.to_string()
    }
}

pub use crate::error::translate_serde;

/// A snapshot read and checked, ready for [`super::preview`] and [`super::merge`].
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The snapshot, upgraded to the current version.
    pub snapshot: Snapshot,
    /// The version the file had when older than the current one.
    pub migrated_from: Option<u32>,
    /// Things worth a look that do not stop the import (Vietnamese).
    pub warnings: Vec<String>,
}

/// Reads and checks a file against the receiver's roster: everything in this module, in
/// order. `Ok` means the file may be previewed and merged.
pub fn import(bytes: &[u8], receiver: &Roster) -> Result<Imported, Vec<SnapshotError>> {
    import_into(bytes, receiver, &TrainingRecords::default())
}

/// Like [`import`], with the receiver's training records too (an enrollment may name a course
/// line only the receiver holds).
pub fn import_into(
    bytes: &[u8],
    receiver: &Roster,
    training: &TrainingRecords,
) -> Result<Imported, Vec<SnapshotError>> {
    let (snapshot, migrated_from) = read(bytes)?;
    let (errors, warnings) = validate_against(&snapshot, receiver, training);
    if errors.is_empty() {
        Ok(Imported { snapshot, migrated_from, warnings })
    } else {
        Err(errors)
    }
}

/// Size, JSON, format, version, checksum, migration, types. Returns the snapshot at the
/// current version and the version the file had when it was older.
pub fn read(bytes: &[u8]) -> Result<(Snapshot, Option<u32>), Vec<SnapshotError>> {
    if bytes.len() > MAX_SNAPSHOT_BYTES {
        return Err(vec![SnapshotError::TooLarge { bytes: bytes.len(), limit: MAX_SNAPSHOT_BYTES }]);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes); // UTF-8 byte order mark
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(vec![SnapshotError::Empty]);
    }
    let syntax = |e: serde_json::Error| {
        if e.is_eof() {
            SnapshotError::Truncated { line: e.line(), column: e.column() }
        } else if e.is_data() {
            SnapshotError::NotSnapshot
        } else {
            SnapshotError::NotJson { line: e.line(), column: e.column(), detail: translate_serde(&e.to_string()) }
        }
    };
    // One pass over the text: the members checked first, `records` in canonical form.
    let env = checksum::envelope(bytes).map_err(|e| vec![syntax(e)])?;
    match &env.format {
        None => return Err(vec![SnapshotError::NotSnapshot]),
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => return Err(vec![SnapshotError::UnknownFormat { found: f.clone() }]),
        Some(other) => return Err(vec![SnapshotError::UnknownFormat { found: other.to_string() }]),
    }
    let version = match &env.schema_version {
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v > u64::from(SCHEMA_VERSION) => {
                return Err(vec![SnapshotError::NewerVersion { found: v, supported: SCHEMA_VERSION }])
            }
            Some(v) if v >= u64::from(OLDEST_VERSION) => v as u32,
            _ => return Err(vec![SnapshotError::BadVersion { found: n.to_string() }]),
        },
        Some(other) => return Err(vec![SnapshotError::BadVersion { found: other.to_string() }]),
        None => return Err(vec![SnapshotError::BadVersion { found: "(không có)".into() }]),
    };
    let stated = match &env.checksum {
        Some(Value::String(s)) => s.trim().to_ascii_lowercase(),
        _ => return Err(vec![SnapshotError::MissingChecksum]),
    };
    let Some(records) = &env.records else {
        return Err(vec![wrong(None, "records", "thiếu trường `records`".into())]);
    };
    if checksum::of_bytes(records) != stated {
        return Err(vec![SnapshotError::ChecksumMismatch]);
    }
    let header = Value::Object(env.others);
    if version == SCHEMA_VERSION {
        // Read the types straight from the text (several times faster than from a tree).
        // A tree is built only to locate errors, or keys the types do not have.
        return match serde_json::from_slice::<Snapshot>(bytes) {
            Ok(s) => {
                // Keys at the top are checked here; keys inside the records of a current
                // file are not yet: writing every record back to compare (`of_records`)
                // doubles the read of 30.000 cadres. Older files, read through a tree, are
                // checked in full below.
                let mut errors = unknown_in_header(&header, &s);
                if errors.is_empty() {
                    Ok((s, None))
                } else {
                    compact_more(&mut errors);
                    Err(errors)
                }
            }
            Err(first) => {
                let doc = match serde_json::from_slice::<Value>(bytes) {
                    Ok(Value::Object(doc)) => doc,
                    Ok(_) => return Err(vec![SnapshotError::NotSnapshot]),
                    Err(e) => return Err(vec![syntax(e)]),
                };
                let mut errors = match typed(doc) {
                    Err(errors) => errors,
                    Ok(_) => vec![wrong(None, "", translate_serde(&first.to_string()))],
                };
                if let Some(SnapshotError::WrongType { position, .. }) =
                    errors.iter_mut().find(|e| matches!(e, SnapshotError::WrongType { .. }))
                {
                    *position = Some((first.line(), first.column()));
                }
                Err(errors)
            }
        };
    }
    let mut doc = match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(doc)) => doc,
        Ok(_) => return Err(vec![SnapshotError::NotSnapshot]),
        Err(e) => return Err(vec![syntax(e)]),
    };
    migrate::upgrade(&mut doc, version).map_err(|detail| vec![SnapshotError::Migration { from: version, detail }])?;
    let records = doc.get("records").cloned().unwrap_or(Value::Null);
    let mut snapshot = typed(doc)?;
    let mut errors = unknown_in_header(&header, &snapshot);
    errors.extend(unknown_in_records(&records, &snapshot));
    if !errors.is_empty() {
        compact_more(&mut errors);
        return Err(errors);
    }
    // The file's checksum covered the old form; keep the value self-consistent.
    snapshot.checksum = checksum::of_records(&snapshot.records);
    Ok((snapshot, Some(version)))
}

/// Keys at the top of the file (beside `format`, `schema_version`, `checksum`, `records`) that
/// the snapshot does not have; `$schema` is let through.
fn unknown_in_header(header: &Value, s: &Snapshot) -> Vec<SnapshotError> {
    let back = serde_json::json!({ "exported_at": s.exported_at, "exported_by": &s.exported_by, "scope": &s.scope });
    crate::error::unknown_keys(header, &back, &["$schema"])
        .into_iter()
        .map(|path| SnapshotError::UnknownKey { at: None, path })
        .collect()
}

/// Keys inside `records` (as the file holds them) that the records read do not have, each
/// with the record it is in.
fn unknown_in_records(input: &Value, s: &Snapshot) -> Vec<SnapshotError> {
    let back = serde_json::to_value(&s.records).unwrap_or(Value::Null);
    let kinds = [
        ("units", Kind::Unit),
        ("cadres", Kind::Cadre),
        ("directives", Kind::Directive),
        ("templates", Kind::Template),
        ("tombstones", Kind::Tombstone),
        ("plans", Kind::Plan),
        ("lines", Kind::Line),
        ("enrollments", Kind::Enrollment),
        ("history", Kind::History),
        ("aggregates", Kind::Aggregate),
        ("baselines", Kind::Baseline),
    ];
    let candidates = crate::error::unknown_keys(input, &back, &[]);
    crate::error::confirm_unknown::<super::Records>(input, candidates)
        .into_iter()
        .map(|path| {
            let at = path.split_once('[').and_then(|(list, rest)| {
                let kind = kinds.iter().find(|(k, _)| *k == list)?.1;
                let index: usize = rest.split_once(']')?.0.parse().ok()?;
                let item = input.get(list)?.get(index)?;
                Some(RecordRef { kind, index, id: str_of(item, "id").to_string(), name: name_of(kind, item) })
            });
            SnapshotError::UnknownKey { at, path: format!("records.{path}") }
        })
        .collect()
}

fn wrong(at: Option<RecordRef>, field: &str, detail: String) -> SnapshotError {
    SnapshotError::WrongType { at, field: Some(field.to_string()), position: None, detail }
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn name_of(kind: Kind, v: &Value) -> String {
    match kind {
        Kind::Unit => str_of(v, "name").to_string(),
        Kind::Cadre => str_of(v, "full_name").to_string(),
        Kind::Directive => format!("{} {}", str_of(v, "number"), str_of(v, "title")).trim().to_string(),
        Kind::Template | Kind::Enrollment | Kind::History => String::new(),
        Kind::Plan | Kind::Aggregate => str_of(v, "title").to_string(),
        Kind::Baseline => format!("Mốc ngày {}", str_of(v, "date")),
        Kind::Line => str_of(v, "programme").to_string(),
        Kind::Tombstone => {
            let b = v.get("backup").unwrap_or(&Value::Null);
            let n = str_of(b, "full_name");
            if n.is_empty() { str_of(b, "name") } else { n }.to_string()
        }
    }
}

fn blank_unit() -> Unit {
    Unit {
        id: String::new(),
        name: String::new(),
        level: GovLevel::Commune,
        kind: UnitKind::Government,
        region: Region::Lowland,
        parent_id: None,
        meta: Default::default(),
    }
}

/// For a record that fails to read, finds the first top-level field that fails on its own
/// (put into a blank valid record), with that field's error.
fn culprit<T: DeserializeOwned>(blank: Value, v: &Value) -> Option<(String, String)> {
    let (Value::Object(b), Value::Object(o)) = (blank, v) else { return None };
    for (k, x) in o {
        let mut t = b.clone();
        t.insert(k.clone(), x.clone());
        if let Err(e) = T::deserialize(&Value::Object(t)) {
            return Some((k.clone(), translate_serde(&e.to_string())));
        }
    }
    None
}

fn list<T: DeserializeOwned>(
    records: &Map<String, Value>,
    key: &str,
    kind: Kind,
    blank: Option<fn() -> Value>,
    errors: &mut Vec<SnapshotError>,
) -> Vec<T> {
    let Some(v) = records.get(key) else {
        errors.push(wrong(None, &format!("records.{key}"), format!("thiếu trường `{key}`")));
        return Vec::new();
    };
    let Value::Array(items) = v else {
        errors.push(wrong(None, &format!("records.{key}"), "cần một danh sách".into()));
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        match T::deserialize(item) {
            Ok(x) => out.push(x),
            Err(e) => {
                if errors.len() > MAX_ERRORS {
                    errors.push(SnapshotError::More { count: 1 });
                    continue;
                }
                let at = RecordRef { kind, index, id: str_of(item, "id").to_string(), name: name_of(kind, item) };
                let (field, detail) = match blank.and_then(|b| culprit::<T>(b(), item)) {
                    Some((f, d)) => (Some(f), d),
                    None => (None, translate_serde(&e.to_string())),
                };
                errors.push(SnapshotError::WrongType { at: Some(at), field, position: None, detail });
            }
        }
    }
    out
}

fn header<T: DeserializeOwned>(doc: &Map<String, Value>, key: &str, errors: &mut Vec<SnapshotError>) -> Option<T> {
    match doc.get(key) {
        None => {
            errors.push(wrong(None, key, format!("thiếu trường `{key}`")));
            None
        }
        Some(v) => T::deserialize(v).map_err(|e| errors.push(wrong(None, key, translate_serde(&e.to_string())))).ok(),
    }
}

/// Reads the (current-version) document into the types, record by record, collecting errors.
fn typed(doc: Map<String, Value>) -> Result<Snapshot, Vec<SnapshotError>> {
    let mut errors = Vec::new();
    let exported_at = header::<i64>(&doc, "exported_at", &mut errors);
    let exported_by = header::<ExportedBy>(&doc, "exported_by", &mut errors);
    let scope = header::<Scope>(&doc, "scope", &mut errors);
    let checksum = header::<String>(&doc, "checksum", &mut errors);
    let records = match doc.get("records") {
        Some(Value::Object(r)) => {
            let units =
                list::<Unit>(r, "units", Kind::Unit, Some(|| serde_json::to_value(blank_unit()).unwrap()), &mut errors);
            let cadres = list::<Cadre>(
                r,
                "cadres",
                Kind::Cadre,
                Some(|| serde_json::to_value(Cadre::blank(String::new(), String::new())).unwrap()),
                &mut errors,
            );
            let directives = list::<Directive>(r, "directives", Kind::Directive, None, &mut errors);
            let templates = list::<TemplateRef>(r, "templates", Kind::Template, None, &mut errors);
            let tombstones = list::<Tombstone>(r, "tombstones", Kind::Tombstone, None, &mut errors);
            let plans = list::<Plan>(r, "plans", Kind::Plan, None, &mut errors);
            let lines = list::<CourseLine>(r, "lines", Kind::Line, None, &mut errors);
            let enrollments = list::<Enrollment>(r, "enrollments", Kind::Enrollment, None, &mut errors);
            let history = list::<QualificationChange>(r, "history", Kind::History, None, &mut errors);
            let aggregates = list::<DispatchTable>(r, "aggregates", Kind::Aggregate, None, &mut errors);
            let baselines = list::<Baseline>(r, "baselines", Kind::Baseline, None, &mut errors);
            let settings = match r.get("settings") {
                Some(Value::Object(s)) => s.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                Some(_) => {
                    errors.push(wrong(None, "records.settings", "cần một đối tượng".into()));
                    Default::default()
                }
                None => {
                    errors.push(wrong(None, "records.settings", "thiếu trường `settings`".into()));
                    Default::default()
                }
            };
            Records {
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
            }
        }
        _ => {
            errors.push(wrong(None, "records", "cần một đối tượng".into()));
            Records::default()
        }
    };
    compact_more(&mut errors);
    match (exported_at, exported_by, scope, checksum) {
        (Some(exported_at), Some(exported_by), Some(scope), Some(checksum)) if errors.is_empty() => Ok(Snapshot {
            format: FORMAT.into(),
            schema_version: SCHEMA_VERSION,
            exported_at,
            exported_by,
            scope,
            checksum,
            records,
        }),
        _ => Err(errors),
    }
}

/// Folds every `More` into one at the end.
fn compact_more(errors: &mut Vec<SnapshotError>) {
    let mut more = 0;
    errors.retain(|e| match e {
        SnapshotError::More { count } => {
            more += count;
            false
        }
        _ => true,
    });
    if errors.len() > MAX_ERRORS {
        more += errors.len() - MAX_ERRORS;
        errors.truncate(MAX_ERRORS);
    }
    if more > 0 {
        errors.push(SnapshotError::More { count: more });
    }
}

fn tombstone_ref(i: usize, t: &Tombstone) -> RecordRef {
    let b = &t.backup;
    let n = str_of(b, "full_name");
    RecordRef {
        kind: Kind::Tombstone,
        index: i,
        id: t.id.clone(),
        name: if n.is_empty() { str_of(b, "name") } else { n }.to_string(),
    }
}

/// Duplicate ids, references and domain rules of a read snapshot, against the receiver's
/// roster. Returns (errors, warnings); the import may go on only when errors is empty.
pub fn validate(s: &Snapshot, receiver: &Roster) -> (Vec<SnapshotError>, Vec<String>) {
    validate_against(s, receiver, &TrainingRecords::default())
}

/// [`validate`] against the receiver's roster and training records.
pub fn validate_against(
    s: &Snapshot,
    receiver: &Roster,
    receiver_training: &TrainingRecords,
) -> (Vec<SnapshotError>, Vec<String>) {
    let r = &s.records;
    let mut errors = Vec::new();
    let mut warnings = Vec::new();

    // Duplicate ids, per kind.
    fn dups<'a>(kind: Kind, items: impl Iterator<Item = (&'a str, &'a str)>, errors: &mut Vec<SnapshotError>) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, (id, name)) in items.enumerate() {
            if let Some(first) = seen.insert(id, i) {
                seen.insert(id, first);
                errors.push(SnapshotError::DuplicateId { kind, id: id.into(), name: name.into(), first, again: i });
            }
        }
    }
    dups(Kind::Unit, r.units.iter().map(|u| (u.id.as_str(), u.name.as_str())), &mut errors);
    dups(Kind::Cadre, r.cadres.iter().map(|c| (c.id.as_str(), c.full_name.as_str())), &mut errors);
    dups(Kind::Directive, r.directives.iter().map(|d| (d.id.as_str(), d.title.as_str())), &mut errors);
    dups(Kind::Template, r.templates.iter().map(|t| (t.id.as_str(), "")), &mut errors);
    dups(Kind::Plan, r.plans.iter().map(|p| (p.id.as_str(), p.title.as_str())), &mut errors);
    dups(Kind::Line, r.lines.iter().map(|l| (l.id.as_str(), l.programme.as_str())), &mut errors);
    dups(Kind::Enrollment, r.enrollments.iter().map(|e| (e.id.as_str(), "")), &mut errors);
    dups(Kind::History, r.history.iter().map(|h| (h.id.as_str(), "")), &mut errors);
    dups(Kind::Aggregate, r.aggregates.iter().map(|t| (t.id.as_str(), t.title.as_str())), &mut errors);
    dups(Kind::Baseline, r.baselines.iter().map(|b| (b.id.as_str(), "")), &mut errors);
    for kind in [RecordKind::Unit, RecordKind::Cadre, RecordKind::Directive] {
        dups(Kind::Tombstone, r.tombstones.iter().filter(|t| t.kind == kind).map(|t| (t.id.as_str(), "")), &mut errors);
    }

    // The units a record may name: the file's, and the receiver's the file does not replace.
    let incoming_ids: HashSet<&str> = r.units.iter().map(|u| u.id.as_str()).collect();
    let mut ctx = Roster { units: r.units.clone(), cadres: Vec::new() };
    ctx.units.extend(receiver.units.iter().filter(|u| !incoming_ids.contains(u.id.as_str())).cloned());
    let known: HashSet<&str> = ctx.units.iter().map(|u| u.id.as_str()).collect();

    // Units: one index over the file's units and the receiver's others (ids, folded names,
    // levels), built once; every check below is a lookup in it.
    let index = UnitIndex::new(&ctx.units);
    let file_units = r.units.len();
    for (i, u) in r.units.iter().enumerate() {
        if errors.len() > MAX_ERRORS {
            errors.push(SnapshotError::More { count: file_units - i });
            break;
        }
        let at = || RecordRef { kind: Kind::Unit, index: i, id: u.id.clone(), name: u.name.clone() };
        if u.id.trim().is_empty() {
            errors.push(SnapshotError::Invalid {
                at: at(),
                error: FieldError::new("id", "Mã đơn vị: không được để trống."),
            });
        }
        for e in index.validate_unit_at(i) {
            if e.field == "name" && e.message.contains("đã có đơn vị") {
                continue; // Checked below, file against file.
            }
            match (&u.parent_id, e.field.as_str()) {
                (Some(p), "parent_id") if !known.contains(p.as_str()) => {
                    errors.push(SnapshotError::DanglingReference { at: at(), field: e.field, target: p.clone() })
                }
                _ => errors.push(SnapshotError::Invalid { at: at(), error: e }),
            }
        }
        // The file's units come first in the index: the first of a group is the first in the file.
        let first = index.same_name_siblings(i)[0];
        if first < i {
            errors.push(SnapshotError::Invalid {
                at: at(),
                error: FieldError::new(
                    "name",
                    format!(
                        "Tên đơn vị: trùng với đơn vị thứ {} trong tệp cùng cấp trên (\"{}\").",
                        first + 1,
                        r.units[first].name.trim()
                    ),
                ),
            });
        }
    }
    // Same name, same parent, another id on this device: worth a look, not an error. The
    // receiver's units the file does not replace follow the file's in the index.
    for (i, u) in r.units.iter().enumerate() {
        if let Some(&j) = index.same_name_siblings(i).iter().find(|&&j| j >= file_units) {
            warnings.push(format!(
                "Đơn vị \"{}\" trong tệp (mã {}) trùng tên với đơn vị sẵn có trên máy này (mã {}): sau khi nhập sẽ có hai đơn vị cùng tên.",
                u.name.trim(),
                u.id,
                ctx.units[j].id
            ));
        }
    }

    // Cadres.
    for (i, c) in r.cadres.iter().enumerate() {
        if errors.len() > MAX_ERRORS {
            errors.push(SnapshotError::More { count: r.cadres.len() - i });
            break;
        }
        let at = || RecordRef { kind: Kind::Cadre, index: i, id: c.id.clone(), name: c.full_name.clone() };
        if c.id.trim().is_empty() {
            errors.push(SnapshotError::Invalid {
                at: at(),
                error: FieldError::new("id", "Mã cán bộ: không được để trống."),
            });
        }
        for e in index.validate_cadre(c) {
            let target = if e.field == "unit_id" {
                Some(c.unit_id.clone())
            } else if let Some(n) = e.field.strip_prefix("positions.").and_then(|f| f.strip_suffix(".unit_id")) {
                n.parse::<usize>().ok().and_then(|n| c.positions.get(n)).map(|p| p.unit_id.clone())
            } else {
                None
            };
            match target {
                Some(target) if !known.contains(target.as_str()) => {
                    errors.push(SnapshotError::DanglingReference { at: at(), field: e.field, target })
                }
                _ => errors.push(SnapshotError::Invalid { at: at(), error: e }),
            }
        }
    }

    // Directives.
    for (i, d) in r.directives.iter().enumerate() {
        let at = || RecordRef {
            kind: Kind::Directive,
            index: i,
            id: d.id.clone(),
            name: format!("{} {}", d.number, d.title).trim().to_string(),
        };
        for e in d.validate() {
            errors.push(SnapshotError::Invalid { at: at(), error: e });
        }
        if let Some(u) = &d.scope_unit_id {
            if !known.contains(u.as_str()) {
                warnings.push(format!(
                    "{}: đơn vị phạm vi (mã {u}) không có trong tệp và trên máy này; các chỉ tiêu sẽ không tính được cho đến khi có đơn vị đó.",
                    at()
                ));
            }
        }
    }

    // Templates.
    for (i, t) in r.templates.iter().enumerate() {
        if t.id.trim().is_empty() {
            errors.push(SnapshotError::Invalid {
                at: RecordRef { kind: Kind::Template, index: i, id: String::new(), name: t.source.clone() },
                error: FieldError::new("id", "Mã văn bản mẫu: không được để trống."),
            });
        }
    }

    // Training records: each record's own rules, and references into the file or the receiver.
    validate_training(r, receiver, receiver_training, &mut errors);

    // Tombstones: the backup is the record they speak of, and no live record has their id.
    let live_units: HashSet<&str> = r.units.iter().map(|u| u.id.as_str()).collect();
    let live_cadres: HashSet<&str> = r.cadres.iter().map(|c| c.id.as_str()).collect();
    let live_directives: HashSet<&str> = r.directives.iter().map(|d| d.id.as_str()).collect();
    let live_enrollments: HashSet<&str> = r.enrollments.iter().map(|e| e.id.as_str()).collect();
    let live_history: HashSet<&str> = r.history.iter().map(|h| h.id.as_str()).collect();
    for (i, t) in r.tombstones.iter().enumerate() {
        if t.id.trim().is_empty() {
            errors.push(SnapshotError::Invalid {
                at: tombstone_ref(i, t),
                error: FieldError::new("id", "Mã bản ghi đã xóa: không được để trống."),
            });
        }
        if t.backup.get("id").and_then(Value::as_str) != Some(t.id.as_str()) {
            errors.push(SnapshotError::Invalid {
                at: tombstone_ref(i, t),
                error: FieldError::new("backup", "Bản sao lưu của bản ghi đã xóa không khớp với mã của nó."),
            });
        }
        let live = match t.kind {
            RecordKind::Unit => &live_units,
            RecordKind::Cadre => &live_cadres,
            RecordKind::Directive => &live_directives,
            RecordKind::Enrollment => &live_enrollments,
            RecordKind::History => &live_history,
        };
        if live.contains(t.id.as_str()) {
            errors.push(SnapshotError::Invalid {
                at: tombstone_ref(i, t),
                error: FieldError::new(
                    "id",
                    format!(
                        "{} này vừa có trong danh sách vừa được ghi là đã xóa.",
                        Kind::of_tombstone(t.kind).label()
                    ),
                ),
            });
        }
    }
    compact_more(&mut errors);
    (errors, warnings)
}

fn validate_training(r: &Records, receiver: &Roster, mine: &TrainingRecords, errors: &mut Vec<SnapshotError>) {
    let ids =
        |a: Vec<&'_ str>, b: Vec<&'_ str>| -> HashSet<String> { a.into_iter().chain(b).map(str::to_string).collect() };
    let cadres =
        ids(r.cadres.iter().map(|c| c.id.as_str()).collect(), receiver.cadres.iter().map(|c| c.id.as_str()).collect());
    let plans =
        ids(r.plans.iter().map(|p| p.id.as_str()).collect(), mine.plans.iter().map(|p| p.id.as_str()).collect());
    let lines =
        ids(r.lines.iter().map(|l| l.id.as_str()).collect(), mine.lines.iter().map(|l| l.id.as_str()).collect());
    let empty = |kind: Kind, i: usize, id: &str, name: &str, errors: &mut Vec<SnapshotError>| {
        if id.trim().is_empty() {
            errors.push(SnapshotError::Invalid {
                at: RecordRef { kind, index: i, id: String::new(), name: name.to_string() },
                error: FieldError::new("id", format!("Mã {}: không được để trống.", kind.label().to_lowercase())),
            });
        }
    };
    for (i, p) in r.plans.iter().enumerate() {
        empty(Kind::Plan, i, &p.id, &p.title, errors);
        let at = || RecordRef { kind: Kind::Plan, index: i, id: p.id.clone(), name: p.title.clone() };
        for e in training::data::check_plan(p) {
            errors.push(SnapshotError::Invalid { at: at(), error: e });
        }
    }
    for (i, l) in r.lines.iter().enumerate() {
        empty(Kind::Line, i, &l.id, &l.programme, errors);
        let at = || RecordRef { kind: Kind::Line, index: i, id: l.id.clone(), name: l.programme.clone() };
        if !plans.contains(&l.plan_id) {
            errors.push(SnapshotError::Invalid {
                at: at(),
                error: FieldError::new(
                    "plan_id",
                    format!(
                        "kế hoạch mã \"{}\" không có trong tệp và cũng không có trong dữ liệu của máy này.",
                        l.plan_id
                    ),
                ),
            });
        }
        for e in training::data::check_line(l) {
            errors.push(SnapshotError::Invalid { at: at(), error: e });
        }
    }
    for (i, x) in r.enrollments.iter().enumerate() {
        empty(Kind::Enrollment, i, &x.id, "", errors);
        let at = || RecordRef { kind: Kind::Enrollment, index: i, id: x.id.clone(), name: String::new() };
        if !cadres.contains(&x.cadre_id) {
            errors.push(SnapshotError::Invalid {
                at: at(),
                error: FieldError::new(
                    "cadre_id",
                    format!(
                        "cán bộ mã \"{}\" không có trong tệp và cũng không có trong dữ liệu của máy này.",
                        x.cadre_id
                    ),
                ),
            });
        }
        if !lines.contains(&x.line_id) {
            errors.push(SnapshotError::Invalid {
                at: at(),
                error: FieldError::new(
                    "line_id",
                    format!("lớp mã \"{}\" không có trong tệp và cũng không có trong dữ liệu của máy này.", x.line_id),
                ),
            });
        }
        if let (Some(a), Some(b)) = (x.started_on, x.ended_on) {
            if b < a {
                errors.push(SnapshotError::Invalid {
                    at: at(),
                    error: FieldError::new("ended_on", "ngày kết thúc trước ngày nhập học."),
                });
            }
        }
    }
    for (i, h) in r.history.iter().enumerate() {
        empty(Kind::History, i, &h.id, "", errors);
        if !cadres.contains(&h.cadre_id) {
            errors.push(SnapshotError::Invalid {
                at: RecordRef { kind: Kind::History, index: i, id: h.id.clone(), name: String::new() },
                error: FieldError::new(
                    "cadre_id",
                    format!(
                        "cán bộ mã \"{}\" không có trong tệp và cũng không có trong dữ liệu của máy này.",
                        h.cadre_id
                    ),
                ),
            });
        }
    }
    for (i, t) in r.aggregates.iter().enumerate() {
        empty(Kind::Aggregate, i, &t.id, &t.title, errors);
        for e in training::data::check_table(t).0 {
            errors.push(SnapshotError::Invalid {
                at: RecordRef { kind: Kind::Aggregate, index: i, id: t.id.clone(), name: t.title.clone() },
                error: e,
            });
        }
    }
    let directives: HashSet<&str> = r
        .directives
        .iter()
        .map(|d| d.id.as_str())
        .chain(r.templates.iter().map(|t| t.id.as_str()))
        .chain(mine.baselines.iter().map(|b| b.directive_id.as_str()))
        .collect();
    for (i, b) in r.baselines.iter().enumerate() {
        empty(Kind::Baseline, i, &b.id, "", errors);
        let at = || RecordRef { kind: Kind::Baseline, index: i, id: b.id.clone(), name: b.date.to_string() };
        if !directives.contains(b.directive_id.as_str()) {
            errors.push(SnapshotError::Invalid {
                at: at(),
                error: FieldError::new(
                    "directive_id",
                    format!("văn bản mã \"{}\" không có trong tệp.", b.directive_id),
                ),
            });
        }
        for e in monitor::validate(b) {
            errors.push(SnapshotError::Invalid { at: at(), error: FieldError::new("groups", e.message) });
        }
    }
}
