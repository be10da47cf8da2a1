//! Kiểm tra tệp nhập: bytes → a checked [`Snapshot`], before anything is written.
//!
//! Order: size (on the byte length, before parsing) → JSON (a truncated file is named as
//! such) → format marker → version (newer: "update the app") → checksum (over the records
//! as they stand in the file) → migrations to the current version → types, record by record
//! (serde's message in Vietnamese, with the record, the field and, for a current-version
//! file, the line and column) → limits (records per kind, every string's length by its
//! category, versions; [`check_limits`], so nothing past them costs more) → duplicate ids → references (against the file and the
//! receiver's roster) → each record's domain rules (`Roster::validate_unit`,
//! `Roster::validate_cadre`, `Directive::validate`; for training records the per-record checks
//! of [`crate::training::data`], and an enrollment's cadre and course line, a line's
//! plan, a history entry's cadre must be in the file or on the receiver).

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::de::DeserializeOwned;
use serde::{ser, Serialize};
use serde_json::{Map, Value};

use super::{
    checksum, migrate, ExportedBy, Kind, Receipt, Records, Scope, Snapshot, TemplateRef, FORMAT, MAX_SNAPSHOT_BYTES,
    OLDEST_VERSION, SCHEMA_VERSION,
};
use crate::directive::Directive;
use crate::error::FieldError;
use crate::limits;
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
        // A hostile file's name or id may run to megabytes: a message quotes the start.
        let (name, id) = (truncate(self.name.trim(), 80), truncate(&self.id, 60));
        match (name.is_empty(), id.is_empty()) {
            (false, false) => write!(f, "{label} \"{name}\" (mã {id})"),
            (false, true) => write!(f, "{label} \"{name}\" (thứ {})", self.index + 1),
            (true, false) => write!(f, "{label} thứ {} (mã {id})", self.index + 1),
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
    /// Past a limit of [`crate::limits`]: too many records of a kind, a string too long, a
    /// version too high, a figure or a sum too large.
    Limit {
        /// The record, when the value is inside one (the file's header otherwise).
        at: Option<RecordRef>,
        /// The field's path inside the record (`positions[0].title`, `meta.version`).
        field: String,
        /// What is past which limit, in Vietnamese, numbers grouped.
        message: String,
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
            SnapshotError::Limit { at, field, message } => match at {
                Some(at) => format!("{at}, trường {field}: {message}"),
                None => format!("Tệp, trường {field}: {message}"),
            },
            SnapshotError::More { count } => format!("… và {count} lỗi khác."),
        }
    }

    /// The record the error speaks of, if any.
    pub fn record(&self) -> Option<&RecordRef> {
        match self {
            SnapshotError::WrongType { at, .. }
            | SnapshotError::UnknownKey { at, .. }
            | SnapshotError::Limit { at, .. } => at.as_ref(),
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

use crate::text::clip as truncate;

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
                let mut errors = check_limits(&s);
                if errors.is_empty() {
                    errors = unknown_in_header(&header, &s);
                }
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
    let limited = check_limits(&snapshot);
    if !limited.is_empty() {
        return Err(limited);
    }
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
        ("receipts", Kind::Receipt),
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
        Kind::Receipt => str_of(v, "unit_name").to_string(),
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
            // Optional: a file without it holds none (the list is new in v6).
            let receipts = if r.contains_key("receipts") {
                list::<Receipt>(r, "receipts", Kind::Receipt, None, &mut errors)
            } else {
                Vec::new()
            };
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
                receipts,
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
    dups(Kind::Receipt, r.receipts.iter().map(|x| (x.id.as_str(), x.unit_name.as_str())), &mut errors);
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
    // The ids a reference may name, borrowed, and only built when a record refers to them (a
    // commune's file of cadres alone, checked against a province of 30.000, builds none).
    let cadres: HashSet<&str> = if r.enrollments.is_empty() && r.history.is_empty() {
        HashSet::new()
    } else {
        r.cadres.iter().map(|c| c.id.as_str()).chain(receiver.cadres.iter().map(|c| c.id.as_str())).collect()
    };
    let plans: HashSet<&str> = if r.lines.is_empty() {
        HashSet::new()
    } else {
        r.plans.iter().map(|p| p.id.as_str()).chain(mine.plans.iter().map(|p| p.id.as_str())).collect()
    };
    let lines: HashSet<&str> = if r.enrollments.is_empty() {
        HashSet::new()
    } else {
        r.lines.iter().map(|l| l.id.as_str()).chain(mine.lines.iter().map(|l| l.id.as_str())).collect()
    };
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
        if !plans.contains(l.plan_id.as_str()) {
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
        if !cadres.contains(x.cadre_id.as_str()) {
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
        if !lines.contains(x.line_id.as_str()) {
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
        if !cadres.contains(h.cadre_id.as_str()) {
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

/// Giới hạn của tệp: how many records of each kind, how long each string, how high each
/// version, checked on the typed records before any rule runs (a 10 MB title is refused here
/// in milliseconds, before the directive's own checks or the preview ever see it).
///
/// One mechanism covers every field: each record is walked through its own `Serialize`
/// ([`LimitWalk`], a serializer that writes nothing), so every string is met with the key it
/// sits under, and a field added to a record later is bounded without a line here. The limit
/// comes from [`crate::limits`] by the field's category ([`string_limit`]): ids
/// ([`limits::MAX_ID_CHARS`]), the roster's names and texts ([`limits::MAX_NAME_CHARS`],
/// notes [`limits::MAX_TEXT_CHARS`]), and the texts of documents and of the training and
/// monitoring records drawn from them ([`limits::MAX_DOCUMENT_TEXT_CHARS`]). A string no
/// longer in bytes than its limit in characters is passed without counting, so a normal file
/// costs one walk and no allocation.
pub fn check_limits(s: &Snapshot) -> Vec<SnapshotError> {
    let r = &s.records;
    let mut errors = Vec::new();
    let counts = [
        (Kind::Unit, r.units.len()),
        (Kind::Cadre, r.cadres.len()),
        (Kind::Directive, r.directives.len()),
        (Kind::Template, r.templates.len()),
        (Kind::Tombstone, r.tombstones.len()),
        (Kind::Plan, r.plans.len()),
        (Kind::Line, r.lines.len()),
        (Kind::Enrollment, r.enrollments.len()),
        (Kind::History, r.history.len()),
        (Kind::Aggregate, r.aggregates.len()),
        (Kind::Baseline, r.baselines.len()),
        (Kind::Receipt, r.receipts.len()),
    ]
    .map(|(kind, count)| (kind, count, count_limit(kind)));
    for (kind, count, limit) in counts {
        if count > limit {
            errors.push(SnapshotError::Limit {
                at: None,
                field: format!("records.{}", list_key(kind)),
                message: format!(
                    "tệp có {} bản ghi “{}”, quá giới hạn {} bản ghi.",
                    grouped(count),
                    kind.label(),
                    grouped(limit)
                ),
            });
        }
    }
    if !errors.is_empty() {
        return errors; // Not one of them is read further.
    }
    let mut header = LimitWalk::new(TextClass::Roster);
    // Serialising plain structs into this walker cannot fail (it only counts).
    let _ = s.exported_by.serialize(&mut header);
    let _ = s.scope.serialize(&mut header);
    for (field, message) in header.found {
        errors.push(SnapshotError::Limit { at: None, field: format!("exported_by.{field}"), message });
    }
    fn each<T: Serialize>(
        kind: Kind,
        items: &[T],
        class: impl Fn(&T) -> TextClass,
        name: impl Fn(&T) -> (String, String),
        errors: &mut Vec<SnapshotError>,
    ) {
        for (index, item) in items.iter().enumerate() {
            if errors.len() > MAX_ERRORS {
                errors.push(SnapshotError::More { count: 1 });
                continue;
            }
            let mut walk = LimitWalk::new(class(item));
            let _ = item.serialize(&mut walk);
            if walk.found.is_empty() {
                continue;
            }
            let (id, name) = name(item);
            let at = RecordRef { kind, index, id: truncate(&id, 40), name: truncate(&name, 60) };
            for (field, message) in walk.found {
                errors.push(SnapshotError::Limit { at: Some(at.clone()), field, message });
            }
        }
    }
    use TextClass::{Document, Roster as Names};
    let e = &mut errors;
    each(Kind::Unit, &r.units, |_| Names, |u| (u.id.clone(), u.name.clone()), e);
    each(Kind::Cadre, &r.cadres, |_| Names, |c| (c.id.clone(), c.full_name.clone()), e);
    each(Kind::Directive, &r.directives, |_| Document, |d| (d.id.clone(), format!("{} {}", d.number, d.title)), e);
    each(Kind::Template, &r.templates, |_| Document, |t| (t.id.clone(), t.source.clone()), e);
    let of_tombstone = |t: &Tombstone| match t.kind {
        RecordKind::Unit | RecordKind::Cadre => Names,
        _ => Document,
    };
    each(Kind::Tombstone, &r.tombstones, of_tombstone, |t| (t.id.clone(), String::new()), e);
    each(Kind::Plan, &r.plans, |_| Document, |p| (p.id.clone(), p.title.clone()), e);
    each(Kind::Line, &r.lines, |_| Document, |l| (l.id.clone(), l.programme.clone()), e);
    each(Kind::Enrollment, &r.enrollments, |_| Document, |x| (x.id.clone(), String::new()), e);
    each(Kind::History, &r.history, |_| Document, |h| (h.id.clone(), String::new()), e);
    each(Kind::Aggregate, &r.aggregates, |_| Document, |t| (t.id.clone(), t.title.clone()), e);
    each(Kind::Baseline, &r.baselines, |_| Document, |b| (b.id.clone(), String::new()), e);
    each(Kind::Receipt, &r.receipts, |_| Names, |x| (x.id.clone(), x.unit_name.clone()), e);
    let mut settings = LimitWalk::new(Document);
    let _ = r.settings.serialize(&mut settings);
    for (field, message) in settings.found {
        errors.push(SnapshotError::Limit { at: None, field: format!("records.settings.{field}"), message });
    }
    compact_more(&mut errors);
    errors
}

/// Most records of `kind` one file may hold (the JSON Schema publishes the same).
pub(super) fn count_limit(kind: Kind) -> usize {
    match kind {
        Kind::Unit => limits::MAX_UNITS,
        Kind::Cadre => limits::MAX_CADRES,
        Kind::Directive | Kind::Template => limits::MAX_DIRECTIVES,
        Kind::Tombstone
        | Kind::Plan
        | Kind::Line
        | Kind::Enrollment
        | Kind::History
        | Kind::Aggregate
        | Kind::Baseline
        | Kind::Receipt => limits::MAX_OTHER_RECORDS,
    }
}

/// The key of `kind`'s list under `records`.
pub(super) fn list_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Unit => "units",
        Kind::Cadre => "cadres",
        Kind::Directive => "directives",
        Kind::Template => "templates",
        Kind::Tombstone => "tombstones",
        Kind::Plan => "plans",
        Kind::Line => "lines",
        Kind::Enrollment => "enrollments",
        Kind::History => "history",
        Kind::Aggregate => "aggregates",
        Kind::Baseline => "baselines",
        Kind::Receipt => "receipts",
    }
}

fn grouped(n: usize) -> String {
    crate::number::grouped(n)
}

/// Which texts a record holds: the roster's (names, a note) or a document's (titles,
/// wordings, a plan's tasks quoted from it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TextClass {
    Roster,
    Document,
}

/// The longest a string under `key` may be, by its category in [`crate::limits`].
pub(super) fn string_limit(class: TextClass, key: &str) -> usize {
    if key == "id" || key.ends_with("_id") || key == "device" {
        return limits::MAX_ID_CHARS;
    }
    if key == "by" || key == "sender" || key == "unit_name" || key == "file_name" {
        // Who saved or sent (a person's or a unit's name, also in a record's origin), and
        // the name of a file received.
        return limits::MAX_NAME_CHARS;
    }
    match class {
        TextClass::Roster if key == "note" => limits::MAX_TEXT_CHARS,
        TextClass::Roster => limits::MAX_NAME_CHARS,
        TextClass::Document => limits::MAX_DOCUMENT_TEXT_CHARS,
    }
}

/// How a message names the field under `key`.
fn field_label(class: TextClass, key: &str) -> String {
    let label = match (class, key) {
        (_, "id") => "Mã",
        (_, "unit_id") => "Mã đơn vị",
        (_, "parent_id") => "Mã đơn vị cấp trên",
        (_, "cadre_id") => "Mã cán bộ",
        (_, "device") => "Mã máy",
        (_, "by") => "Người sửa",
        (_, "sender") => "Người gửi",
        (_, "unit_name") => "Tên đơn vị",
        (_, "file_name") => "Tên tệp",
        (_, "full_name") => "Họ và tên",
        (_, "name") => "Tên",
        (_, "note") => "Ghi chú",
        (_, "ethnicity") => "Dân tộc",
        (_, "number") => "Số hiệu",
        (_, "programme") => "Tên lớp / chương trình",
        (TextClass::Document, "title") => "Tên văn bản",
        (TextClass::Roster, "title") => "Chức danh",
        _ if key.ends_with("_id") => "Mã dẫn chiếu",
        _ => return format!("Trường “{}”", truncate(key, 40)),
    };
    label.to_string()
}

/// One step of the path to a value: a struct's field, a map's key, a list's position.
#[derive(Debug, Clone)]
enum Step {
    Field(&'static str),
    Key(String),
    Index(usize),
}

/// A serializer that writes nothing: it meets every string and number of a record with the
/// path to it, and notes each one past its limit (see [`check_limits`]).
struct LimitWalk {
    class: TextClass,
    path: Vec<Step>,
    /// (path, message) of each value past its limit.
    found: Vec<(String, String)>,
    /// A map's key is being written (its text is kept as the next step).
    in_key: bool,
    key_text: Option<String>,
}

impl LimitWalk {
    fn new(class: TextClass) -> Self {
        LimitWalk { class, path: Vec::new(), found: Vec::new(), in_key: false, key_text: None }
    }

    /// The key the value at hand sits under (its nearest field or map key).
    fn key(&self) -> &str {
        self.path
            .iter()
            .rev()
            .find_map(|s| match s {
                Step::Field(f) => Some(*f),
                Step::Key(k) => Some(k.as_str()),
                Step::Index(_) => None,
            })
            .unwrap_or("")
    }

    /// The field holding the map whose key is being written.
    fn map_field(&self) -> &str {
        self.key()
    }

    fn path_text(&self) -> String {
        let mut out = String::new();
        for s in &self.path {
            match s {
                Step::Field(f) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(f);
                }
                Step::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&truncate(k, 40));
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    fn string(&mut self, v: &str) {
        let (limit, label) = if self.in_key {
            // A map's key: a field's or a device's name in a record's stamps, else a name.
            let limit = match self.map_field() {
                "fields" | "seen" => limits::MAX_ID_CHARS,
                _ => limits::MAX_NAME_CHARS,
            };
            (limit, "Tên khóa".to_string())
        } else {
            (string_limit(self.class, self.key()), field_label(self.class, self.key()))
        };
        if self.in_key {
            self.key_text = Some(if v.len() <= limits::MAX_NAME_CHARS { v.to_string() } else { truncate(v, 40) });
        }
        if v.len() <= limit || self.found.len() > MAX_ERRORS {
            return; // Never more characters than bytes.
        }
        let chars = v.chars().count();
        if chars > limit {
            let message = format!("{label} dài {} ký tự, quá giới hạn {} ký tự.", grouped(chars), grouped(limit));
            self.found.push((self.path_text(), message));
        }
    }

    fn unsigned(&mut self, v: u64) {
        let key = self.key();
        let is_version =
            key == "version" || self.path.iter().rev().nth(1).is_some_and(|s| matches!(s, Step::Field("seen")));
        if is_version && v > limits::MAX_VERSION {
            let message = format!(
                "phiên bản {} vượt giới hạn {}: tệp có thể đã bị sửa bằng tay; phiên bản lớn như vậy sẽ làm mọi sửa đổi sau này trên máy bị ghi đè.",
                crate::number::format_thousands(v),
                crate::number::format_thousands(limits::MAX_VERSION)
            );
            self.found.push((self.path_text(), message));
        }
    }
}

impl ser::Error for WalkError {
    fn custom<T: fmt::Display>(_: T) -> Self {
        WalkError
    }
}

/// Never produced by [`LimitWalk`]; the trait needs an error type.
#[derive(Debug)]
struct WalkError;

impl fmt::Display for WalkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("limit walk")
    }
}

impl std::error::Error for WalkError {}

type WalkResult = Result<(), WalkError>;

impl ser::Serializer for &mut LimitWalk {
    type Ok = ();
    type Error = WalkError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, _: bool) -> WalkResult {
        Ok(())
    }
    fn serialize_i8(self, _: i8) -> WalkResult {
        Ok(())
    }
    fn serialize_i16(self, _: i16) -> WalkResult {
        Ok(())
    }
    fn serialize_i32(self, _: i32) -> WalkResult {
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> WalkResult {
        if let Ok(v) = u64::try_from(v) {
            self.unsigned(v);
        }
        Ok(())
    }
    fn serialize_u8(self, _: u8) -> WalkResult {
        Ok(())
    }
    fn serialize_u16(self, _: u16) -> WalkResult {
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> WalkResult {
        self.unsigned(u64::from(v));
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> WalkResult {
        self.unsigned(v);
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> WalkResult {
        Ok(())
    }
    fn serialize_f64(self, _: f64) -> WalkResult {
        Ok(())
    }
    fn serialize_char(self, _: char) -> WalkResult {
        Ok(())
    }
    fn serialize_str(self, v: &str) -> WalkResult {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> WalkResult {
        Ok(())
    }
    fn serialize_none(self) -> WalkResult {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> WalkResult {
        v.serialize(self)
    }
    fn serialize_unit(self) -> WalkResult {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> WalkResult {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> WalkResult {
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> WalkResult {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> WalkResult {
        self.path.push(Step::Field(variant));
        let out = v.serialize(&mut *self);
        self.path.pop();
        out
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, WalkError> {
        self.path.push(Step::Index(0));
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, WalkError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, WalkError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, len: usize) -> Result<Self, WalkError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, WalkError> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, WalkError> {
        Ok(self)
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self, WalkError> {
        Ok(self)
    }
}

impl LimitWalk {
    fn element<T: ?Sized + Serialize>(&mut self, v: &T) -> WalkResult {
        let out = v.serialize(&mut *self);
        if let Some(Step::Index(i)) = self.path.last_mut() {
            *i += 1;
        }
        out
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, v: &T) -> WalkResult {
        self.path.push(Step::Field(key));
        let out = v.serialize(&mut *self);
        self.path.pop();
        out
    }

    fn end_seq(&mut self) -> WalkResult {
        self.path.pop();
        Ok(())
    }
}

/// Sequences and tuples of every shape are walked alike: each element under its index.
macro_rules! walk_elements {
    ($($kind:ident :: $method:ident),+) => {$(
        impl ser::$kind for &mut LimitWalk {
            type Ok = ();
            type Error = WalkError;
            fn $method<T: ?Sized + Serialize>(&mut self, v: &T) -> WalkResult {
                self.element(v)
            }
            fn end(self) -> WalkResult {
                self.end_seq()
            }
        }
    )+};
}

walk_elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut LimitWalk {
    type Ok = ();
    type Error = WalkError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> WalkResult {
        self.in_key = true;
        let out = key.serialize(&mut **self);
        self.in_key = false;
        out
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> WalkResult {
        let key = self.key_text.take().unwrap_or_default();
        self.path.push(Step::Key(key));
        let out = v.serialize(&mut **self);
        self.path.pop();
        out
    }
    fn end(self) -> WalkResult {
        Ok(())
    }
}

impl ser::SerializeStruct for &mut LimitWalk {
    type Ok = ();
    type Error = WalkError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, v: &T) -> WalkResult {
        self.field(key, v)
    }
    fn end(self) -> WalkResult {
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut LimitWalk {
    type Ok = ();
    type Error = WalkError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, v: &T) -> WalkResult {
        self.field(key, v)
    }
    fn end(self) -> WalkResult {
        Ok(())
    }
}
