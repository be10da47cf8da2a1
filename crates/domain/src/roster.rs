//! The roster (danh sách cán bộ) as a whole: units and cadres together, with the rules that
//! span records (a cadre's unit exists, a unit is not its own ancestor), saving with version
//! bumps, deletion with a tombstone that can be undone, and search.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::levels::{Level, Qualification};
use super::model::{Cadre, Id, Millis, RecordMeta, Unit};
use super::text::{fold, matches_folded};

/// Oldest and youngest birth years the roster accepts.
pub const BIRTH_YEARS: std::ops::RangeInclusive<u16> = 1940..=2010;
pub use crate::limits::{MAX_LABELS, MAX_NAME_CHARS, MAX_TEXT_CHARS, MAX_UNIT_DEPTH};

pub use crate::error::FieldError;

crate::tagged::coded_enum! {
    /// Kind of record a tombstone speaks of.
    RecordKind {
        /// Đơn vị.
        Unit = "unit", "Đơn vị";
        /// Cán bộ.
        Cadre = "cadre", "Cán bộ";
        /// Văn bản chỉ đạo.
        Directive = "directive", "Văn bản";
        /// Lượt cử đi học (since snapshot v5: an undone nomination).
        Enrollment = "enrollment", "Lượt cử đi học";
        /// Thay đổi trình độ (since snapshot v5: an undone change).
        History = "history", "Thay đổi trình độ";
    }
}

/// Bản ghi đã xóa: a deletion, kept so it travels in snapshots and so the deleted record
/// can be restored ("Hoàn tác").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tombstone {
    /// Id of the deleted record.
    pub id: Id,
    /// What it was.
    pub kind: RecordKind,
    /// Version after deletion (the record's version + 1) and the deletion time.
    pub meta: RecordMeta,
    /// The record as it was just before deletion, for undo.
    pub backup: serde_json::Value,
}

/// A record as a JSON value, through JSON text rather than `to_value` (see
/// [`Tombstone::restored`]): the bundle keeps one serializer per record type.
pub fn to_json_value<T: Serialize>(record: &T) -> serde_json::Value {
    serde_json::from_str(&serde_json::to_string(record).expect("records always serialise"))
        .expect("JSON text reads back")
}

impl Tombstone {
    /// A tombstone for any record that carries `meta`, deleted at `now`.
    pub fn of<T: Serialize>(id: &str, kind: RecordKind, meta: &RecordMeta, record: &T, now: Millis) -> Self {
        Tombstone { id: id.to_string(), kind, meta: RecordMeta::next(Some(meta), now), backup: to_json_value(record) }
    }

    /// The deleted record, read back for undo, as a new version so a merge sees the restore
    /// as newer than the deletion.
    pub fn restored<T: serde::de::DeserializeOwned>(
        &self,
        now: Millis,
        meta_of: impl FnOnce(&mut T) -> &mut RecordMeta,
    ) -> Result<T, String> {
        // Through JSON text rather than `from_value`: the wasm already holds `from_str` for
        // every record type, and `from_value` would add a second copy of every deserializer.
        let mut record: T = serde_json::from_str(&self.backup.to_string())
            .map_err(|_| "Bản sao lưu của bản ghi đã xóa bị hỏng, không khôi phục được.".to_string())?;
        *meta_of(&mut record) = RecordMeta::next(Some(&self.meta), now);
        Ok(record)
    }
}

/// Units and cadres held together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roster {
    /// Đơn vị.
    pub units: Vec<Unit>,
    /// Cán bộ.
    pub cadres: Vec<Cadre>,
}

/// Length, and no control character other than a tab or a line break. *Why:* a NUL or an
/// escape character from a damaged file or a workbook's `_x0000_` is invisible on screen, so
/// two names that look the same would not match and a printout would carry garbage; a line
/// break is what Alt+Enter leaves in an Excel cell and stays allowed.
fn check_text(errors: &mut Vec<FieldError>, field: &str, label: &str, value: &str, max: usize) {
    errors.extend(FieldError::too_long(field, label, value, max));
    if let Some(bad) = value.chars().find(|ch| ch.is_control() && !matches!(ch, '\t' | '\n' | '\r')) {
        errors.push(FieldError::new(
            field,
            format!("{label}: có ký tự điều khiển không hợp lệ (mã U+{:04X}); hãy gõ lại ô này.", u32::from(bad)),
        ));
    }
}

fn check_studying<L: Level>(errors: &mut Vec<FieldError>, field: &str, q: &Qualification<L>) {
    let label = L::SCALE.label();
    if let Some(s) = q.studying {
        if s <= q.level {
            errors.push(FieldError::new(
                format!("{field}.studying"),
                format!(
                    "{label}: trình độ đang học ({}) phải cao hơn trình độ đã đạt ({}).",
                    s.label(),
                    q.level.label()
                ),
            ));
        }
    }
    if q.level_unknown && q.studying.is_none() {
        errors.push(FieldError::new(
            format!("{field}.studying"),
            format!("{label}: “chưa rõ trình độ đã đạt” chỉ dùng cho người đang học; hãy chọn trình độ đã đạt hoặc trình độ đang học."),
        ));
    }
    if let Some(y) = q.studying_until {
        if q.studying.is_none() {
            errors.push(FieldError::new(
                format!("{field}.studying_until"),
                format!("{label}: có năm hoàn thành nhưng chưa chọn trình độ đang học."),
            ));
        } else if !(2000..=2100).contains(&y) {
            errors.push(FieldError::new(
                format!("{field}.studying_until"),
                format!("{label}: năm dự kiến hoàn thành {y} không hợp lệ (2000-2100)."),
            ));
        }
    }
}

/// The field key of a version conflict among a save's errors (see [`Roster::cadre_conflict`]).
pub const CONFLICT_FIELD: &str = "meta.version";

/// Xung đột phiên bản: `None` when `stored` (the record as saved now, `None` when absent) is
/// the version `base` the form was opened with (version 0: a new record, nothing stored),
/// else the error the form shows, with both versions and, field by field, the two values.
fn conflict<T>(
    what: &str,
    base: &RecordMeta,
    stored: Option<&T>,
    meta: fn(&T) -> &RecordMeta,
    diffs: Vec<(&str, String, String)>,
) -> Option<FieldError> {
    let now = stored.map_or(0, |s| meta(s).version);
    if now == base.version {
        return None;
    }
    let mut m = match stored {
        None => format!("{what} này đã bị xóa ở một thẻ hoặc cửa sổ khác trong lúc bạn sửa (bạn mở phiên bản {}).", base.version),
        Some(_) => format!(
            "{what} này vừa được lưu ở một thẻ hoặc cửa sổ khác trong lúc bạn sửa: bạn mở phiên bản {}, bản đang lưu là phiên bản {now}.",
            base.version
        ),
    };
    for (label, theirs, mine) in diffs.iter().filter(|(_, a, b)| a != b) {
        m.push_str(&format!(" {label}: đang lưu \"{theirs}\", bản của bạn \"{mine}\"."));
    }
    m.push_str(" Chưa lưu gì. Hãy tải bản đang lưu, hoặc ghi đè bằng bản của bạn.");
    Some(FieldError::new(CONFLICT_FIELD, m))
}

/// Where a unit stands in the tree, as its checks need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParentCheck {
    /// Its cấp trên is not on the roster.
    Missing,
    /// Its cấp trên is itself or one of its own units.
    Cycle,
    /// The deepest level its branch reaches (the root is level 1).
    Level(usize),
    /// Below a loop of other units: no level to speak of (the loop's units are refused).
    BelowCycle,
}

/// The rules of one unit once its place in the tree is known: the one place the form and a
/// file's check both go through.
fn unit_rules(u: &Unit, parent: ParentCheck, name_clash: bool) -> Vec<FieldError> {
    let mut e = Vec::new();
    if u.name.trim().is_empty() {
        e.push(FieldError::new("name", "Tên đơn vị: không được để trống."));
    }
    check_text(&mut e, "name", "Tên đơn vị", &u.name, MAX_NAME_CHARS);
    match parent {
        ParentCheck::Missing => e.push(FieldError::new("parent_id", "Đơn vị cấp trên: đơn vị không tồn tại.")),
        ParentCheck::Cycle => e.push(FieldError::new(
            "parent_id",
            "Đơn vị cấp trên: không thể chọn chính đơn vị này hoặc đơn vị trực thuộc nó.",
        )),
        ParentCheck::Level(level) if level > MAX_UNIT_DEPTH => e.push(FieldError::new(
            "parent_id",
            format!(
                "Đơn vị cấp trên: cây đơn vị sâu đến {} cấp, quá giới hạn {} cấp (tỉnh → huyện → xã → cơ quan → tổ là 5 cấp).",
                crate::number::grouped(level),
                crate::number::grouped(MAX_UNIT_DEPTH)
            ),
        )),
        ParentCheck::Level(_) | ParentCheck::BelowCycle => {}
    }
    if name_clash {
        e.push(FieldError::new("name", format!("Tên đơn vị: đã có đơn vị \"{}\" cùng cấp trên.", u.name.trim())));
    }
    e
}

/// Chỉ mục cây đơn vị: what checking every unit of a file needs, built once in linear time —
/// units by id, each unit's folded name and its group of same-named siblings, each unit's
/// level (through the parents' levels, each computed once) — so 20.000 units check in
/// milliseconds instead of a search per unit (issue 15: 5.000 units took 5,5 s).
#[derive(Debug)]
pub struct UnitIndex<'a> {
    units: &'a [Unit],
    by_id: HashMap<&'a str, usize>,
    /// Each unit's name, folded (case and diacritics ignored).
    pub folded: Vec<String>,
    /// Each unit's group: the units with its cấp trên and its folded name, in list order.
    sibling_group: Vec<usize>,
    groups: Vec<Vec<usize>>,
    place: Vec<ParentCheck>,
}

impl<'a> UnitIndex<'a> {
    /// Builds the index over `units` (a roster's, or a file's with the receiver's).
    pub fn new(units: &'a [Unit]) -> Self {
        let mut by_id: HashMap<&str, usize> = HashMap::with_capacity(units.len());
        for (i, u) in units.iter().enumerate() {
            by_id.entry(u.id.as_str()).or_insert(i);
        }
        let folded: Vec<String> = units.iter().map(|u| fold(&u.name)).collect();
        let mut group_of_key: HashMap<(Option<&str>, &str), usize> = HashMap::with_capacity(units.len());
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut sibling_group = Vec::with_capacity(units.len());
        for (i, u) in units.iter().enumerate() {
            let g = *group_of_key.entry((u.parent_id.as_deref(), folded[i].as_str())).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(i);
            sibling_group.push(g);
        }
        drop(group_of_key);
        let place = Self::places(units, &by_id);
        UnitIndex { units, by_id, folded, sibling_group, groups, place }
    }

    /// Each unit's place: its level, or the loop it is on, walking up each chain once and
    /// remembering every level found on the way.
    fn places(units: &[Unit], by_id: &HashMap<&str, usize>) -> Vec<ParentCheck> {
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            Todo,
            OnPath,
            Done(ParentCheck),
        }
        let mut state = vec![State::Todo; units.len()];
        let mut path: Vec<usize> = Vec::new();
        for start in 0..units.len() {
            if state[start] != State::Todo {
                continue;
            }
            // Up from `start` until a root, a missing parent, a unit already placed, or a loop.
            let mut at = start;
            let base = loop {
                state[at] = State::OnPath;
                path.push(at);
                let Some(p) = units[at].parent_id.as_deref() else { break ParentCheck::Level(0) };
                let Some(&pi) = by_id.get(p) else { break ParentCheck::Level(0) };
                match state[pi] {
                    State::Done(ParentCheck::Level(l)) => break ParentCheck::Level(l),
                    State::Done(_) => break ParentCheck::BelowCycle,
                    State::OnPath => {
                        // A loop: from `pi` to the end of the path.
                        let from = path.iter().position(|&x| x == pi).unwrap_or(0);
                        for &x in &path[from..] {
                            state[x] = State::Done(ParentCheck::Cycle);
                        }
                        path.truncate(from);
                        break ParentCheck::BelowCycle;
                    }
                    State::Todo => at = pi,
                }
            };
            // Down the path again, each unit one level below the one above it.
            let mut above = base;
            while let Some(x) = path.pop() {
                above = match above {
                    ParentCheck::Level(l) => ParentCheck::Level(l + 1),
                    other => other,
                };
                state[x] = State::Done(above);
            }
        }
        state
            .into_iter()
            .map(|s| match s {
                State::Done(p) => p,
                _ => ParentCheck::BelowCycle,
            })
            .collect()
    }

    /// The index of the unit with this id (the first, when a file repeats one).
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Whether a unit with this id is indexed.
    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// The units with the same cấp trên and the same folded name as unit `i` (itself
    /// included), in list order.
    pub fn same_name_siblings(&self, i: usize) -> &[usize] {
        &self.groups[self.sibling_group[i]]
    }

    /// The level of unit `i` in its tree (the root is 1), `None` when it is on or below a loop.
    pub fn level(&self, i: usize) -> Option<usize> {
        match self.place[i] {
            ParentCheck::Level(l) => Some(l),
            _ => None,
        }
    }

    /// [`Roster::validate_unit`] of the unit at `i`, against the indexed units.
    pub fn validate_unit_at(&self, i: usize) -> Vec<FieldError> {
        let u = &self.units[i];
        let parent = match &u.parent_id {
            Some(p) if !self.by_id.contains_key(p.as_str()) => ParentCheck::Missing,
            _ => self.place[i],
        };
        let clash = self.same_name_siblings(i).iter().any(|&j| self.units[j].id != u.id);
        unit_rules(u, parent, clash)
    }

    /// [`Roster::validate_cadre`] against the indexed units: each unit looked up in the map.
    pub fn validate_cadre(&self, c: &Cadre) -> Vec<FieldError> {
        cadre_rules(c, |id| self.by_id.contains_key(id))
    }
}

impl Roster {
    /// Who a person is when no mã says it: the same folded name, birth year and unit. The same
    /// name and year in another unit is another person (in a district of 1.300, over a hundred
    /// share a full name); the import and the cadre form both go by this.
    pub fn person_key(full_name: &str, birth_year: u16, unit_id: &str) -> String {
        Self::person_key_of_folded(&Self::folded_name(full_name), birth_year, unit_id)
    }

    /// A name as [`Roster::person_key`] compares it: folded, spaces single.
    pub fn folded_name(full_name: &str) -> String {
        crate::text::fold(full_name).split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// [`Roster::person_key`] of a name already [`Roster::folded_name`]d (an import folds each
    /// name once for its many lookups).
    pub fn person_key_of_folded(folded_name: &str, birth_year: u16, unit_id: &str) -> String {
        format!("{folded_name}|{birth_year}|{unit_id}")
    }

    /// Others on the roster who may be `c`: the same person's key (a likely duplicate), then
    /// the same name and year in another unit (a namesake, or a move). For a warning, never a
    /// refusal.
    pub fn possible_duplicates(&self, c: &Cadre) -> (Vec<&Cadre>, Vec<&Cadre>) {
        let key = Self::person_key(&c.full_name, c.birth_year, &c.unit_id);
        let name = crate::text::fold(c.full_name.trim());
        let others = self.cadres.iter().filter(|o| o.id != c.id && o.birth_year == c.birth_year);
        let (same, elsewhere): (Vec<&Cadre>, Vec<&Cadre>) = others
            .filter(|o| crate::text::fold(o.full_name.trim()) == name)
            .partition(|o| Self::person_key(&o.full_name, o.birth_year, &o.unit_id) == key);
        (same, elsewhere)
    }

    /// The version conflict of saving `mine` (opened as version `mine.meta`) over `stored`,
    /// the cadre as saved now; `None` when there is none. See [`CONFLICT_FIELD`].
    pub fn cadre_conflict(&self, mine: &Cadre, stored: Option<&Cadre>) -> Option<FieldError> {
        self.cadre_conflict_on(mine, stored, None)
    }

    /// [`Roster::cadre_conflict`] naming only `fields` (top-level field names), the ones
    /// another tab changed too: the others merge.
    pub fn cadre_conflict_on(
        &self,
        mine: &Cadre,
        stored: Option<&Cadre>,
        fields: Option<&[String]>,
    ) -> Option<FieldError> {
        let diffs = stored.map_or_else(Vec::new, |s| {
            let f = |c: &Cadre| -> [(&'static str, &'static str, String); 7] {
                [
                    ("full_name", "Họ và tên", c.full_name.clone()),
                    ("birth_year", "Năm sinh", c.birth_year.to_string()),
                    ("gender", "Giới tính", c.gender.label().to_string()),
                    ("ethnicity", "Dân tộc", c.ethnicity.clone()),
                    ("unit_id", "Đơn vị công tác", self.unit_name(&c.unit_id).to_string()),
                    (
                        "positions",
                        "Chức vụ",
                        c.positions.iter().map(|p| p.title.as_str()).collect::<Vec<_>>().join("; "),
                    ),
                    ("note", "Ghi chú", c.note.clone()),
                ]
            };
            let asked = |key: &str| fields.is_none_or(|f| f.iter().any(|x| x == key));
            f(s).into_iter()
                .zip(f(mine))
                .filter(|((key, _, _), _)| asked(key))
                .map(|((_, label, theirs), (_, _, mine))| (label, theirs, mine))
                .collect()
        });
        let shown = diffs.iter().any(|(_, a, b)| a != b);
        let mut e = conflict("Cán bộ", &mine.meta, stored, |c: &Cadre| &c.meta, diffs)?;
        if !shown && stored.is_some_and(|s| Cadre { meta: s.meta.clone(), ..mine.clone() } != *s) {
            e.message = e
                .message
                .replace(" Chưa lưu gì.", " Hai bản khác nhau ở trình độ, quy hoạch hoặc ủy viên. Chưa lưu gì.");
        }
        Some(e)
    }

    /// The version conflict of saving unit `mine` over `stored` (see [`Roster::cadre_conflict`]).
    pub fn unit_conflict(&self, mine: &Unit, stored: Option<&Unit>) -> Option<FieldError> {
        let diffs = stored.map_or_else(Vec::new, |s| {
            let parent = |u: &Unit| u.parent_id.as_deref().map_or("(không có)", |p| self.unit_name(p)).to_string();
            vec![
                ("Tên đơn vị", s.name.clone(), mine.name.clone()),
                ("Cấp", s.level.label().to_string(), mine.level.label().to_string()),
                ("Loại đơn vị", s.kind.label().to_string(), mine.kind.label().to_string()),
                ("Đơn vị cấp trên", parent(s), parent(mine)),
            ]
        });
        conflict("Đơn vị", &mine.meta, stored, |u: &Unit| &u.meta, diffs)
    }

    /// The unit with this id.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// The cadre with this id.
    pub fn cadre(&self, id: &str) -> Option<&Cadre> {
        self.cadres.iter().find(|c| c.id == id)
    }

    /// Name of a unit, or a placeholder when it is missing.
    pub fn unit_name(&self, id: &str) -> &str {
        self.unit(id).map_or("(đơn vị không tồn tại)", |u| u.name.as_str())
    }

    /// Every rule a cadre must meet before it is saved. Empty when valid. (A whole file's
    /// cadres go through [`UnitIndex::validate_cadre`], which looks units up in a map.)
    pub fn validate_cadre(&self, c: &Cadre) -> Vec<FieldError> {
        cadre_rules(c, |id| self.unit(id).is_some())
    }
}

/// The rules of one cadre, `unit_exists` saying whether a unit id is on the roster.
fn cadre_rules(c: &Cadre, unit_exists: impl Fn(&str) -> bool) -> Vec<FieldError> {
    {
        let mut e = Vec::new();
        let name = c.full_name.trim();
        if name.is_empty() {
            e.push(FieldError::new("full_name", "Họ và tên: không được để trống."));
        } else if name.chars().any(char::is_control) {
            e.push(FieldError::new("full_name", "Họ và tên: có ký tự điều khiển không hợp lệ."));
        }
        e.extend(FieldError::too_long("full_name", "Họ và tên", name, MAX_NAME_CHARS));
        if !BIRTH_YEARS.contains(&c.birth_year) {
            e.push(FieldError::new(
                "birth_year",
                format!("Năm sinh: {} nằm ngoài khoảng {}-{}.", c.birth_year, BIRTH_YEARS.start(), BIRTH_YEARS.end()),
            ));
        }
        if !unit_exists(&c.unit_id) {
            e.push(FieldError::new(
                "unit_id",
                "Đơn vị công tác: đơn vị không tồn tại, hãy chọn một đơn vị trong danh sách.",
            ));
        }
        check_text(&mut e, "ethnicity", "Dân tộc", &c.ethnicity, MAX_NAME_CHARS);
        check_text(&mut e, "professional_field", "Chuyên ngành", &c.professional_field, MAX_NAME_CHARS);
        check_text(&mut e, "note", "Ghi chú", &c.note, MAX_TEXT_CHARS);
        check_text(&mut e, "foreign_language_name", "Tên ngoại ngữ", &c.foreign_language_name, MAX_NAME_CHARS);
        check_text(&mut e, "minority_language", "Tiếng dân tộc thiểu số", &c.minority_language, MAX_NAME_CHARS);
        for (i, p) in c.positions.iter().enumerate() {
            let n = i + 1;
            if p.title.trim().is_empty() {
                e.push(FieldError::new(
                    format!("positions.{i}.title"),
                    format!("Chức vụ thứ {n}: chưa nhập chức danh."),
                ));
            }
            check_text(&mut e, &format!("positions.{i}.title"), &format!("Chức vụ thứ {n}"), &p.title, MAX_NAME_CHARS);
            if !unit_exists(&p.unit_id) {
                e.push(FieldError::new(
                    format!("positions.{i}.unit_id"),
                    format!("Chức vụ thứ {n}: đơn vị không tồn tại."),
                ));
            }
        }
        if c.labels.len() > MAX_LABELS {
            e.push(FieldError::new("labels", format!("Nhiều hơn {MAX_LABELS} nhãn: bỏ bớt cột giữ làm nhãn.")));
        }
        for (name, value) in c.labels.iter().take(MAX_LABELS) {
            check_text(&mut e, "labels", "Tên nhãn", name, MAX_NAME_CHARS);
            check_text(&mut e, "labels", &format!("Nhãn “{name}”"), value, MAX_NAME_CHARS);
        }
        for (i, p) in c.planned_for.iter().enumerate() {
            if p.title.trim().is_empty() {
                e.push(FieldError::new(
                    format!("planned_for.{i}.title"),
                    format!("Quy hoạch thứ {}: chưa nhập chức danh.", i + 1),
                ));
            }
            check_text(
                &mut e,
                &format!("planned_for.{i}.title"),
                &format!("Quy hoạch thứ {}", i + 1),
                &p.title,
                MAX_NAME_CHARS,
            );
            check_text(
                &mut e,
                &format!("planned_for.{i}.term"),
                &format!("Giai đoạn quy hoạch thứ {}", i + 1),
                &p.term,
                MAX_NAME_CHARS,
            );
        }
        let mut seen = HashSet::new();
        for (i, m) in c.memberships.iter().enumerate() {
            if !seen.insert((m.committee, m.level)) {
                e.push(FieldError::new(
                    format!("memberships.{i}"),
                    format!(
                        "Ủy viên thứ {}: trùng với một dòng trước ({} {}).",
                        i + 1,
                        m.committee.label(),
                        m.level.label()
                    ),
                ));
            }
        }
        check_studying(&mut e, "professional", &c.professional);
        check_studying(&mut e, "political", &c.political);
        check_studying(&mut e, "state_management", &c.state_management);
        check_studying(&mut e, "foreign_language", &c.foreign_language);
        check_studying(&mut e, "it", &c.it);
        check_studying(&mut e, "defence_security", &c.defence_security);
        e
    }
}

impl Roster {
    /// Every rule a unit must meet before it is saved. Empty when valid.
    ///
    /// For one record (the unit form): what it needs is found in one pass over the roster (a
    /// map of ids, the units under `u`); a whole file's units go through [`UnitIndex`] instead,
    /// which builds its maps once for all of them.
    pub fn validate_unit(&self, u: &Unit) -> Vec<FieldError> {
        let by_id: HashMap<&str, &Unit> = self.units.iter().rev().map(|x| (x.id.as_str(), x)).collect();
        // A new unit, or one given another cấp trên, brings its branch along; a unit edited
        // in place is judged by its own level (an old, too deep tree still lets its top be
        // renamed; the units past the limit are refused themselves).
        let moved = by_id.get(u.id.as_str()).is_none_or(|stored| stored.parent_id != u.parent_id);
        let below = if moved { self.height_below(&u.id) } else { 0 };
        let parent = match &u.parent_id {
            None => ParentCheck::Level(1 + below),
            Some(p) if !by_id.contains_key(p.as_str()) => ParentCheck::Missing,
            Some(p) => {
                // Levels from the root down to the parent, found through the map.
                let mut levels = 0;
                let mut seen = HashSet::new();
                let mut next = by_id.get(p.as_str()).copied();
                let mut cycle = false;
                while let Some(a) = next {
                    if a.id == u.id {
                        cycle = true;
                        break;
                    }
                    if !seen.insert(a.id.as_str()) {
                        break; // A loop above, not through `u`: the units on it are refused on their own.
                    }
                    levels += 1;
                    next = a.parent_id.as_deref().and_then(|q| by_id.get(q).copied());
                }
                if cycle {
                    ParentCheck::Cycle
                } else {
                    ParentCheck::Level(levels + 1 + below)
                }
            }
        };
        let folded = fold(&u.name);
        let clash = self.units.iter().any(|o| o.id != u.id && o.parent_id == u.parent_id && fold(&o.name) == folded);
        unit_rules(u, parent, clash)
    }

    /// How many levels of units hang below `id` (0 for a unit without children), so moving
    /// it under another parent is checked with its whole branch against [`MAX_UNIT_DEPTH`].
    fn height_below(&self, id: &str) -> usize {
        let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
        for x in &self.units {
            if let Some(p) = &x.parent_id {
                children.entry(p.as_str()).or_default().push(x.id.as_str());
            }
        }
        let mut seen = HashSet::from([id]);
        let mut level = vec![id];
        let mut height = 0;
        loop {
            let next: Vec<&str> = level
                .iter()
                .flat_map(|p| children.get(p).into_iter().flatten().copied())
                .filter(|c| seen.insert(c))
                .collect();
            if next.is_empty() {
                return height;
            }
            height += 1;
            level = next;
        }
    }

    /// Walks from `id` up through its parents (stops on a cycle).
    pub fn ancestors_and_self<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Unit> + 'a {
        let mut next = self.unit(id);
        let mut seen = HashSet::new();
        std::iter::from_fn(move || {
            let u = next?;
            if !seen.insert(u.id.as_str()) {
                return None;
            }
            next = u.parent_id.as_deref().and_then(|p| self.unit(p));
            Some(u)
        })
    }

    /// The one unit at the top of the tree, when there is exactly one: the whole roster is
    /// that unit's (its name names an export of everything).
    pub fn only_root(&self) -> Option<&Unit> {
        let mut roots = self.units.iter().filter(|u| u.parent_id.is_none());
        match (roots.next(), roots.next()) {
            (Some(u), None) => Some(u),
            _ => None,
        }
    }

    /// Ids of `id` and every unit below it.
    pub fn subtree(&self, id: &str) -> HashSet<Id> {
        let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
        for u in &self.units {
            if let Some(p) = &u.parent_id {
                children.entry(p.as_str()).or_default().push(u.id.as_str());
            }
        }
        let mut out = HashSet::new();
        let mut stack = vec![id];
        while let Some(u) = stack.pop() {
            if out.insert(u.to_string()) {
                stack.extend(children.get(u).into_iter().flatten().copied());
            }
        }
        out
    }

    /// Units in tree order (each parent followed by its children), with their depth.
    pub fn units_tree(&self) -> Vec<(&Unit, usize)> {
        let ids: HashSet<&str> = self.units.iter().map(|u| u.id.as_str()).collect();
        let mut out = Vec::with_capacity(self.units.len());
        let mut visited = HashSet::new();
        fn walk<'a>(
            r: &'a Roster,
            parent: Option<&str>,
            depth: usize,
            out: &mut Vec<(&'a Unit, usize)>,
            visited: &mut HashSet<&'a str>,
        ) {
            for u in r.units.iter().filter(|u| u.parent_id.as_deref() == parent) {
                if visited.insert(u.id.as_str()) {
                    out.push((u, depth));
                    walk(r, Some(&u.id), depth + 1, out, visited);
                }
            }
        }
        // Roots: no parent, or a parent that does not exist.
        for u in &self.units {
            let is_root = u.parent_id.as_deref().is_none_or(|p| !ids.contains(p));
            if is_root && visited.insert(u.id.as_str()) {
                out.push((u, 0));
                walk(self, Some(&u.id), 1, &mut out, &mut visited);
            }
        }
        out
    }

    /// Saves `draft`, edited from `opened` (the record as the form opened it): when another
    /// tab saved the cadre meanwhile, the fields each side changed combine
    /// ([`crate::field_merge::rebase_record`]) and only a field both changed is a conflict,
    /// named alone. Then as [`Roster::save_cadre`].
    pub fn save_cadre_from(
        &mut self,
        opened: Option<&Cadre>,
        mut draft: Cadre,
        now: Millis,
    ) -> Result<Cadre, Vec<FieldError>> {
        if let (Some(base), Some(current)) = (opened, self.cadre(&draft.id)) {
            if current.meta.version != draft.meta.version {
                match crate::field_merge::rebase_record(base, &draft, current) {
                    Ok(merged) => draft = merged,
                    Err(fields) => {
                        return Err(self.cadre_conflict_on(&draft, Some(current), Some(&fields)).into_iter().collect())
                    }
                }
            }
        }
        self.save_cadre(draft, now)
    }

    /// Validates and saves `cadre` (new or changed), bumping its version. Returns the saved
    /// record, or the errors and leaves the roster unchanged.
    pub fn save_cadre(&mut self, mut cadre: Cadre, now: Millis) -> Result<Cadre, Vec<FieldError>> {
        cadre.full_name = cadre.full_name.split_whitespace().collect::<Vec<_>>().join(" ");
        let errors = self.validate_cadre(&cadre);
        if !errors.is_empty() {
            return Err(errors);
        }
        let slot = self.cadres.iter().position(|c| c.id == cadre.id);
        if let Some(e) = slot.and_then(|i| self.cadre_conflict(&cadre, Some(&self.cadres[i]))) {
            return Err(vec![e]);
        }
        cadre.meta = RecordMeta::next(slot.map(|i| &self.cadres[i].meta), now);
        match slot {
            Some(i) => self.cadres[i] = cadre.clone(),
            None => self.cadres.push(cadre.clone()),
        }
        Ok(cadre)
    }

    /// Validates and saves a unit, bumping its version.
    pub fn save_unit(&mut self, mut unit: Unit, now: Millis) -> Result<Unit, Vec<FieldError>> {
        unit.name = unit.name.trim().to_string();
        let errors = self.validate_unit(&unit);
        if !errors.is_empty() {
            return Err(errors);
        }
        let slot = self.units.iter().position(|u| u.id == unit.id);
        if let Some(e) = slot.and_then(|i| self.unit_conflict(&unit, Some(&self.units[i]))) {
            return Err(vec![e]);
        }
        unit.meta = RecordMeta::next(slot.map(|i| &self.units[i].meta), now);
        match slot {
            Some(i) => self.units[i] = unit.clone(),
            None => self.units.push(unit.clone()),
        }
        Ok(unit)
    }

    /// Removes a cadre and returns its tombstone (which holds the record for undo).
    pub fn delete_cadre(&mut self, id: &str, now: Millis) -> Option<Tombstone> {
        let i = self.cadres.iter().position(|c| c.id == id)?;
        let c = self.cadres.remove(i);
        Some(Tombstone::of(&c.id, RecordKind::Cadre, &c.meta, &c, now))
    }

    /// Removes a unit that holds no cadre and has no child unit; otherwise says why not.
    pub fn delete_unit(&mut self, id: &str, now: Millis) -> Result<Tombstone, String> {
        let i = self.units.iter().position(|u| u.id == id).ok_or("Đơn vị không tồn tại.")?;
        let members =
            self.cadres.iter().filter(|c| c.unit_id == id || c.positions.iter().any(|p| p.unit_id == id)).count();
        if members > 0 {
            return Err(format!(
                "Không xóa được đơn vị \"{}\": còn {} cán bộ công tác hoặc giữ chức vụ tại đây. Hãy chuyển họ sang đơn vị khác trước.",
                self.units[i].name,
                crate::number::grouped(members)
            ));
        }
        if self.units.iter().any(|u| u.parent_id.as_deref() == Some(id)) {
            return Err(format!("Không xóa được đơn vị \"{}\": còn đơn vị trực thuộc.", self.units[i].name));
        }
        let u = self.units.remove(i);
        Ok(Tombstone::of(&u.id, RecordKind::Unit, &u.meta, &u, now))
    }

    /// Puts back the record a tombstone holds (undo of a deletion), as a new version so
    /// that a merge sees the restore as newer than the deletion.
    pub fn restore(&mut self, t: &Tombstone, now: Millis) -> Result<(), String> {
        match t.kind {
            RecordKind::Cadre => {
                let c: Cadre = t.restored(now, |c: &mut Cadre| &mut c.meta)?;
                if self.cadre(&c.id).is_some() {
                    return Err("Cán bộ này đã có trong danh sách.".into());
                }
                self.cadres.push(c);
            }
            RecordKind::Unit => {
                let u: Unit = t.restored(now, |u: &mut Unit| &mut u.meta)?;
                if self.unit(&u.id).is_some() {
                    return Err("Đơn vị này đã có trong danh sách.".into());
                }
                self.units.push(u);
            }
            RecordKind::Directive | RecordKind::Enrollment | RecordKind::History => {
                return Err("Bản ghi này không nằm trong danh sách cán bộ.".into())
            }
        }
        Ok(())
    }
}

/// Search over the roster: each cadre's folded text computed once, so a keystroke only
/// scans strings.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<(Id, String)>,
}

impl SearchIndex {
    /// Builds the index from a roster.
    pub fn build(roster: &Roster) -> Self {
        let names: HashMap<&str, &str> = roster.units.iter().map(|u| (u.id.as_str(), u.name.as_str())).collect();
        let entries = roster
            .cadres
            .iter()
            .map(|c| (c.id.clone(), c.search_text(names.get(c.unit_id.as_str()).copied().unwrap_or(""))))
            .collect();
        Self { entries }
    }

    /// Ids of the cadres whose text holds every word of `query` (diacritics and case ignored).
    pub fn find<'a>(&'a self, query: &str) -> Vec<&'a str> {
        let words: Vec<String> = fold(query).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
        self.entries
            .iter()
            .filter(|(_, text)| words.iter().all(|w| text.contains(w.as_str())))
            .map(|(id, _)| id.as_str())
            .collect()
    }

    /// True when one cadre's folded text matches the query.
    pub fn matches(&self, id: &str, query: &str) -> bool {
        self.entries.iter().any(|(i, t)| i == id && matches_folded(t, query))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::levels::{Political, Professional};
    use crate::model::*;

    use crate::fixtures::unit;

    fn roster() -> Roster {
        Roster {
            units: vec![unit("h", "Huyện Hoàng Su Phì", None), unit("x", "Xã Nậm Ty", Some("h"))], cadres: vec![]
        }
    }

    fn cadre(id: &str, name: &str) -> Cadre {
        let mut c = Cadre::blank(id.into(), "x".into());
        c.full_name = name.into();
        c
    }

    #[test]
    fn saving_bumps_the_version_and_normalises_the_name() {
        let mut r = roster();
        let saved = r.save_cadre(cadre("1", "  Nguyễn   Văn An "), 10).unwrap();
        assert_eq!(saved.full_name, "Nguyễn Văn An");
        assert_eq!(saved.meta, RecordMeta::at(1, 10));
        let again = r.save_cadre(saved, 20).unwrap();
        assert_eq!(again.meta.version, 2);
        assert_eq!(r.cadres.len(), 1);
    }

    #[test]
    fn a_nul_or_other_control_character_is_refused_in_every_text_but_a_line_break_is_not() {
        let r = roster();
        let mut u = unit("n", "Xã\u{0}Bản Máy", Some("h"));
        let errs = r.validate_unit(&u);
        assert!(errs.iter().any(|e| e.field == "name" && e.message.contains("U+0000")), "{errs:?}");
        u.name = "Xã Bản\nMáy".into();
        assert!(r.validate_unit(&u).iter().all(|e| e.field != "name"));
        let mut c = cadre("1", "Lò Văn Páo");
        c.ethnicity = "Dao\u{0}".into();
        c.note = "dòng một\r\ndòng hai\tcột".into();
        c.positions.push(Position {
            unit_id: "x".into(),
            title: "Chủ tịch\u{1b}".into(),
            leadership: Leadership::Head,
        });
        let errs = r.validate_cadre(&c);
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["ethnicity", "positions.0.title"]);
        assert_eq!(errs[0].message, "Dân tộc: có ký tự điều khiển không hợp lệ (mã U+0000); hãy gõ lại ô này.");
        assert!(errs[1].message.contains("U+001B"));
    }

    #[test]
    fn invalid_cadre_says_what_and_where_and_changes_nothing() {
        let mut r = roster();
        let mut c = cadre("1", "   ");
        c.birth_year = 1930;
        c.unit_id = "nope".into();
        c.political.level = Political::Advanced;
        c.political.studying = Some(Political::Intermediate);
        c.positions.push(Position { unit_id: "x".into(), title: " ".into(), leadership: Leadership::Head });
        let before = r.clone();
        let errs = r.save_cadre(c, 1).unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["full_name", "birth_year", "unit_id", "positions.0.title", "political.studying"]);
        assert!(errs[0].message.contains("không được để trống"));
        assert!(errs[1].message.contains("1930") && errs[1].message.contains("1940-2010"));
        assert!(errs[4].message.starts_with("Lý luận chính trị"));
        assert_eq!(r, before);
    }

    #[test]
    fn delete_then_restore_brings_the_record_back_newer() {
        let mut r = roster();
        let saved = r.save_cadre(cadre("1", "Lò Thị Mai"), 1).unwrap();
        let t = r.delete_cadre("1", 5).unwrap();
        assert!(r.cadres.is_empty());
        assert_eq!(t.meta.version, 2);
        r.restore(&t, 6).unwrap();
        let back = r.cadre("1").unwrap();
        assert_eq!(back.full_name, saved.full_name);
        assert_eq!(back.meta.version, 3);
        assert!(r.restore(&t, 7).is_err(), "restoring twice is refused");
    }

    #[test]
    fn unit_rules() {
        let mut r = roster();
        assert!(r.validate_unit(&unit("h", "Huyện Hoàng Su Phì", Some("x")))[0].field == "parent_id");
        assert!(!r.validate_unit(&unit("y", "xa nam ty", Some("h"))).is_empty(), "duplicate name under one parent");
        assert!(r.validate_unit(&unit("y", "Xã Bản Máy", Some("h"))).is_empty());
        r.save_cadre(cadre("1", "A"), 1).unwrap();
        assert!(r.delete_unit("x", 2).unwrap_err().contains("còn 1 cán bộ"));
        assert!(r.delete_unit("h", 2).unwrap_err().contains("trực thuộc"));
        assert_eq!(r.subtree("h").len(), 2);
        let tree: Vec<(&str, usize)> = r.units_tree().iter().map(|(u, d)| (u.id.as_str(), *d)).collect();
        assert_eq!(tree, vec![("h", 0), ("x", 1)]);
    }

    #[test]
    fn the_index_checks_every_unit_as_the_form_does() {
        // A loop (a ↔ b), a unit below it, a missing parent, twins, a chain past the limit.
        let mut units = vec![
            unit("a", "A", Some("b")),
            unit("b", "B", Some("a")),
            unit("under", "Dưới vòng", Some("a")),
            unit("lost", "Lạc", Some("nowhere")),
            unit("root", "Gốc", None),
            unit("t1", "Xã Nậm Ty", Some("root")),
            unit("t2", "xa nam ty", Some("root")),
        ];
        units.extend((1..=MAX_UNIT_DEPTH + 2).map(|i| {
            let parent = if i == 1 { "root".to_string() } else { format!("d{}", i - 1) };
            unit(&format!("d{i}"), &format!("Cấp {i}"), Some(&parent))
        }));
        let r = Roster { units, cadres: vec![] };
        let index = UnitIndex::new(&r.units);
        for (i, u) in r.units.iter().enumerate() {
            assert_eq!(index.validate_unit_at(i), r.validate_unit(u), "{}", u.id);
        }
        let fields = |id: &str| {
            let i = index.position(id).unwrap();
            index.validate_unit_at(i).into_iter().map(|e| e.field).collect::<Vec<_>>()
        };
        assert_eq!(fields("a"), ["parent_id"]);
        assert!(fields("under").is_empty(), "below a loop, refused only through the loop's units");
        assert_eq!(fields("lost"), ["parent_id"]);
        assert_eq!(fields("t2"), ["name"]);
        // Root is level 1, d1 level 2: d(MAX-1) is the last allowed.
        let last = MAX_UNIT_DEPTH - 1;
        assert!(fields(&format!("d{last}")).is_empty());
        assert_eq!(fields(&format!("d{}", last + 1)), ["parent_id"]);
        let i = index.position(&format!("d{}", last + 1)).unwrap();
        assert_eq!(index.level(i), Some(MAX_UNIT_DEPTH + 1));
        assert!(index.validate_unit_at(i)[0].message.contains("quá giới hạn 12 cấp"));
    }

    #[test]
    fn the_form_refuses_a_move_that_makes_a_branch_too_deep() {
        let mut units = vec![unit("root", "Gốc", None)];
        units.extend((1..MAX_UNIT_DEPTH).map(|i| {
            let parent = if i == 1 { "root".to_string() } else { format!("d{}", i - 1) };
            unit(&format!("d{i}"), &format!("Cấp {i}"), Some(&parent))
        }));
        units.push(unit("branch", "Nhánh", Some("root")));
        units.push(unit("leaf", "Lá", Some("branch")));
        let r = Roster { units, cadres: vec![] };
        let deepest = format!("d{}", MAX_UNIT_DEPTH - 1);
        // A new unit under the deepest is one level too many; so is moving a branch of two there.
        let errs = r.validate_unit(&unit("new", "Mới", Some(&deepest)));
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.contains("sâu đến 13 cấp"), "{}", errs[0].message);
        let mut moved = r.unit("branch").unwrap().clone();
        moved.parent_id = Some(format!("d{}", MAX_UNIT_DEPTH - 2));
        assert!(r.validate_unit(&moved)[0].message.contains("sâu đến 13 cấp"));
        moved.parent_id = Some(format!("d{}", MAX_UNIT_DEPTH - 3));
        assert!(r.validate_unit(&moved).is_empty());
    }

    #[test]
    fn search_ignores_marks_and_case_and_looks_at_unit_and_titles() {
        let mut r = roster();
        let mut a = cadre("1", "Nguyễn Văn Đức");
        a.positions.push(Position {
            unit_id: "x".into(),
            title: "Chủ tịch UBND xã".into(),
            leadership: Leadership::Head,
        });
        a.professional.level = Professional::Master;
        r.save_cadre(a, 1).unwrap();
        r.save_cadre(cadre("2", "Trần Thị Hoa"), 1).unwrap();
        let idx = SearchIndex::build(&r);
        assert_eq!(idx.find("nguyen van"), vec!["1"]);
        assert_eq!(idx.find("duc"), vec!["1"]);
        assert_eq!(idx.find("chu tich"), vec!["1"]);
        assert_eq!(idx.find("nam ty").len(), 2);
        assert_eq!(idx.find("").len(), 2);
        assert!(idx.find("lê").is_empty());
        assert!(idx.matches("2", "hoa"));
    }

    #[test]
    fn a_stale_version_is_refused_with_both_values_and_changes_nothing() {
        let mut r = roster();
        let opened = r.save_cadre(cadre("1", "Lò Thị Mai"), 1).unwrap();
        // Another tab saved a change first.
        let mut other = opened.clone();
        other.full_name = "Lò Thị Mai Anh".into();
        r.save_cadre(other, 2).unwrap();
        let before = r.clone();
        let mut mine = opened.clone();
        mine.note = "của tôi".into();
        let errs = r.save_cadre(mine.clone(), 3).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].field, CONFLICT_FIELD);
        let m = &errs[0].message;
        assert!(m.contains("phiên bản 1") && m.contains("phiên bản 2"), "{m}");
        assert!(m.contains("Họ và tên: đang lưu \"Lò Thị Mai Anh\", bản của bạn \"Lò Thị Mai\""), "{m}");
        assert!(m.contains("Ghi chú: đang lưu \"\", bản của bạn \"của tôi\""), "{m}");
        assert!(!m.contains("Năm sinh"), "equal fields are not listed: {m}");
        assert_eq!(r, before);
        // Overwriting knowingly: the form takes the stored version as its base.
        mine.meta = r.cadre("1").unwrap().meta.clone();
        let saved = r.save_cadre(mine, 4).unwrap();
        assert_eq!(saved.meta.version, 3);
        assert_eq!(r.cadre("1").unwrap().note, "của tôi");
    }

    #[test]
    fn a_save_over_another_tabs_save_merges_fields_and_names_only_the_shared_one() {
        let mut r = roster();
        let opened = r.save_cadre(cadre("1", "Lò Thị Mai"), 1).unwrap();
        // Another tab corrects the birth year.
        let mut other = opened.clone();
        other.birth_year = 1979;
        r.save_cadre(other, 2).unwrap();
        // This tab, opened before, corrects the note: both corrections stay, no question.
        let mut mine = opened.clone();
        mine.note = "của tôi".into();
        let saved = r.save_cadre_from(Some(&opened), mine, 3).unwrap();
        assert_eq!(
            (saved.birth_year, saved.note.as_str(), saved.meta.version),
            (1979, "của tôi", opened.meta.version + 2)
        );
        assert_eq!(r.cadre("1").unwrap(), &saved);
        // Without what the form opened, the old refusal.
        let mut blind = opened.clone();
        blind.ethnicity = "Tày".into();
        assert!(r.save_cadre_from(None, blind, 4).is_err());
        // Both changed the note: the conflict names that field only.
        let mut clash = opened.clone();
        clash.note = "của tab thứ ba".into();
        clash.ethnicity = "Tày".into();
        let before = r.clone();
        let errs = r.save_cadre_from(Some(&opened), clash, 5).unwrap_err();
        let m = &errs[0].message;
        assert!(m.contains("Ghi chú: đang lưu \"của tôi\", bản của bạn \"của tab thứ ba\""), "{m}");
        assert!(!m.contains("Năm sinh") && !m.contains("Dân tộc"), "{m}");
        assert_eq!(r, before);
    }

    #[test]
    fn conflicts_name_deletions_hidden_differences_and_units() {
        let r = roster();
        let mut mine = cadre("1", "A");
        mine.meta.version = 2;
        let gone = r.cadre_conflict(&mine, None).unwrap();
        assert!(gone.message.contains("đã bị xóa") && gone.message.contains("phiên bản 2"));
        let mut stored = mine.clone();
        stored.meta.version = 3;
        stored.professional.level = Professional::Master;
        let hidden = r.cadre_conflict(&mine, Some(&stored)).unwrap();
        assert!(hidden.message.contains("trình độ"), "{}", hidden.message);
        assert!(r.cadre_conflict(&mine, Some(&mine)).is_none());
        let mut new = cadre("9", "B");
        new.meta.version = 0;
        assert!(r.cadre_conflict(&new, None).is_none(), "a new record expects nothing stored");
        assert!(r.cadre_conflict(&new, Some(&mine)).is_some(), "a new record over an existing id");
        let u = r.unit("x").unwrap().clone();
        let mut renamed = u.clone();
        renamed.name = "Xã Nậm Dịch".into();
        renamed.meta.version += 1;
        let e = r.unit_conflict(&u, Some(&renamed)).unwrap();
        assert!(e.message.starts_with("Đơn vị này") && e.message.contains("Xã Nậm Dịch"), "{}", e.message);
    }

    #[test]
    fn hostile_text_is_kept_verbatim_or_refused_by_length() {
        let mut r = roster();
        let hostile = "<img src=x onerror=alert(1)><script>alert(2)</script> \u{202E}gnp.exe \"'&";
        let saved = r.save_cadre(cadre("1", hostile), 1).unwrap();
        assert_eq!(saved.full_name, hostile, "stored as typed; the UI renders text, never HTML");
        let long = "A".repeat(10_000);
        let errs = r.save_cadre(cadre("2", &long), 2).unwrap_err();
        assert_eq!(errs[0].field, "full_name");
        assert_eq!(errs[0].message, format!("Họ và tên: dài quá {MAX_NAME_CHARS} ký tự."));
        let mut u = unit("y", &long, Some("h"));
        u.name = long.clone();
        assert!(r.validate_unit(&u).iter().any(|e| e.field == "name" && e.message.contains("dài quá")));
        let mut c = cadre("3", "Hợp lệ");
        c.note = long.clone();
        assert!(r.save_cadre(c, 3).unwrap_err()[0].message.starts_with("Ghi chú: dài quá"));
        let mut c = cadre("4", "Hợp lệ");
        c.planned_for.push(crate::model::PlannedPosition { title: long, term: String::new() });
        assert!(r.save_cadre(c, 4).unwrap_err()[0].field.starts_with("planned_for.0"));
        assert_eq!(r.cadres.len(), 1);
    }
}
