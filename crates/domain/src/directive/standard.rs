//! Bảng tiêu chuẩn: the levels a regulation requires of a category, position or civil-service
//! rank ("tiêu chuẩn chức danh", "tiêu chuẩn ngạch"), which "đạt chuẩn theo quy định" and
//! "trên chuẩn" targets refer to ([`Criterion::Standard`]).
//!
//! A table travels inside its directive ([`super::Directive::standards`]), so a directive sent
//! by email scores the same at the receiver: the receiver's app knows no regulation of its own.
//! Every row cites the regulation it comes from (số hiệu văn bản, điều/khoản): a requirement
//! the officer cannot trace to a text is not a standard.
//!
//! Who a row covers: everyone matching every condition it states (đối tượng, cấp, chức danh,
//! ngạch; a condition left empty is no condition). A person covered by several rows (a Bí thư
//! who is also Chủ tịch HĐND) must meet every one of them, as holding both posts requires. A
//! person no row covers has no applicable standard: never counted as meeting it, and counted
//! apart so the score can say how many ([`super::TargetScore::without_standard`]).

use serde::{Deserialize, Serialize};

use super::draft::split_words;
use super::edit::short;
use super::group::{grade_rank, scale_index, Evaluator, GroupRule, MatchHow, TextMatch};
use super::index::{Bits, NONE};
use super::target::Criterion;
use super::validate::check_standard;
use super::Directive;
use crate::error::FieldError;
use crate::levels::Scale;
use crate::model::{Category, CivilGrade, GovLevel};

/// Bảng tiêu chuẩn: a named table of rows, referred to by its id from criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    /// Mã (unique among the directive's tables).
    pub id: String,
    /// Tên bảng as the editor lists it ("Tiêu chuẩn chức danh cán bộ cấp xã").
    pub name: String,
    /// How the document names it after "theo" ("tiêu chuẩn chức danh"); empty: "quy định",
    /// the documents' own word when they name no text ("đạt chuẩn theo quy định").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub wording: String,
    /// Các dòng.
    #[serde(default)]
    pub rows: Vec<StandardRow>,
}

/// One row: who it covers, the level required on each scale, and where the requirement is
/// written.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardRow {
    /// Đối tượng (any of; empty: any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Category>,
    /// Cấp (any of; empty: any): of the position's unit when `position` is set, else of the
    /// unit the person works in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<GovLevel>,
    /// Chức danh: a position held (or, for a criterion "theo chức danh quy hoạch", a title
    /// the person is planned for) matching it, compared as every title is
    /// ([`crate::text::fold_title`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<TextMatch>,
    /// Ngạch (any of; empty: any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<CivilGrade>,
    /// Yêu cầu: the level required on each scale the row speaks of.
    #[serde(default)]
    pub requires: Vec<Requirement>,
    /// Căn cứ: the regulation the row comes from.
    pub citation: Citation,
    /// Ghi chú.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Yêu cầu: at least `level` on `scale`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Thang trình độ.
    pub scale: Scale,
    /// Level code on that scale ("dai_hoc", "trung_cap").
    pub level: String,
}

impl Requirement {
    /// Rank of the level on its scale, when the code is one of the scale's.
    pub fn rank(&self) -> Option<u8> {
        self.scale.levels().iter().position(|(code, _)| *code == self.level).map(|r| r as u8)
    }

    /// "Trình độ chuyên môn: Đại học".
    pub fn label(&self) -> String {
        let name = self
            .scale
            .levels()
            .into_iter()
            .find(|(code, _)| *code == self.level)
            .map_or(self.level.as_str(), |(_, l)| l);
        format!("{}: {name}", self.scale.label())
    }
}

/// Căn cứ: số hiệu văn bản and điều/khoản.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// Số hiệu văn bản ("Thông tư số 13/2019/TT-BNV").
    pub document: String,
    /// Điều, khoản ("Điều 3, khoản 2").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub article: String,
}

impl Citation {
    /// "Điều 3, khoản 2 Thông tư số 13/2019/TT-BNV", as documents cite.
    pub fn text(&self) -> String {
        match (self.article.trim(), self.document.trim()) {
            ("", doc) => doc.to_string(),
            (article, doc) => format!("{article} {doc}"),
        }
    }
}

impl Standard {
    /// The words after "theo" in a sentence: the document's wording, else "quy định".
    pub fn wording(&self) -> &str {
        match self.wording.trim() {
            "" => "quy định",
            w => w,
        }
    }
}

impl Criterion {
    /// True when this criterion (or a personal condition inside it) refers to table `id`.
    pub fn uses_standard(&self, id: &str) -> bool {
        match self {
            Criterion::Standard { standard, .. } => standard == id,
            Criterion::Person { rule } => rule_uses_standard(rule, id),
            _ => false,
        }
    }
}

fn rule_uses_standard(rule: &GroupRule, id: &str) -> bool {
    match rule {
        GroupRule::AnyOf { rules } | GroupRule::AllOf { rules } => rules.iter().any(|r| rule_uses_standard(r, id)),
        GroupRule::Minus { base, except } => rule_uses_standard(base, id) || rule_uses_standard(except, id),
        GroupRule::Meets { criterion } => criterion.uses_standard(id),
        _ => false,
    }
}

impl Directive {
    /// Who refers to standards table `id`: "chỉ tiêu “...”", "nhu cầu “...”", "nhóm “...”".
    /// Empty when the table can be deleted.
    pub fn standard_users(&self, id: &str) -> Vec<String> {
        let mut out = Vec::new();
        for g in &self.groups {
            if rule_uses_standard(&g.rule, id) {
                out.push(format!("nhóm “{}”", short(&g.name, &g.id)));
            }
        }
        for t in self.targets() {
            if t.measure.criteria().iter().any(|c| c.uses_standard(id)) {
                out.push(format!("chỉ tiêu “{}”", short(&t.sentence, &t.id)));
            }
        }
        for n in self.needs() {
            if n.criterion.as_ref().is_some_and(|c| c.uses_standard(id)) {
                out.push(format!("nhu cầu “{}”", short(&n.sentence, &n.id)));
            }
        }
        out
    }

    /// A fresh table id ("bt1", "bt2" …), unused by any table.
    pub fn new_standard_id(&self) -> String {
        (1..).map(|n| format!("bt{n}")).find(|id| self.standard(id).is_none()).expect("an unused id exists")
    }

    /// Thêm or sửa a table: replaces the table with the same id, else adds it at the end.
    pub fn put_standard(&mut self, table: Standard) {
        match self.standards.iter_mut().find(|s| s.id == table.id) {
            Some(old) => *old = table,
            None => self.standards.push(table),
        }
    }

    /// Xóa bảng tiêu chuẩn. Refused while a target, a need or a group refers to it (the message
    /// names them). Returns the table removed.
    pub fn delete_standard(&mut self, id: &str) -> Result<Standard, String> {
        let index = self
            .standards
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| format!("Không tìm thấy bảng tiêu chuẩn “{id}”."))?;
        let users = self.standard_users(id);
        if !users.is_empty() {
            return Err(format!(
                "Không xóa được bảng “{}”: đang được dùng bởi {}.",
                short(&self.standards[index].name, id),
                users.join(", ")
            ));
        }
        Ok(self.standards.remove(index))
    }
}

/// Biểu mẫu bảng tiêu chuẩn: the table on a flat form, one row draft per row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StandardDraft {
    /// Tên bảng.
    pub name: String,
    /// Cách văn bản gọi bảng sau "theo" (empty: "quy định").
    pub wording: String,
    /// Các dòng.
    pub rows: Vec<StandardRowDraft>,
}

/// One row on the form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StandardRowDraft {
    /// Đối tượng.
    pub categories: Vec<Category>,
    /// Cấp.
    pub levels: Vec<GovLevel>,
    /// Chức danh (one per line or ";"; empty: any post).
    pub positions: String,
    /// How the chức danh compare.
    pub position_how: MatchHow,
    /// Ngạch.
    pub grades: Vec<CivilGrade>,
    /// The level code required on each scale, in [`Scale::ALL`] order ("" = no requirement).
    pub requires: [String; 6],
    /// Số hiệu văn bản.
    pub document: String,
    /// Điều, khoản.
    pub article: String,
    /// Ghi chú.
    pub note: String,
}

impl StandardDraft {
    /// A new table with one empty row.
    pub fn blank() -> Self {
        StandardDraft { rows: vec![StandardRowDraft::default()], ..Default::default() }
    }

    /// The form of an existing table.
    pub fn from_standard(table: &Standard) -> Self {
        StandardDraft {
            name: table.name.clone(),
            wording: table.wording.clone(),
            rows: table
                .rows
                .iter()
                .map(|row| StandardRowDraft {
                    categories: row.categories.clone(),
                    levels: row.levels.clone(),
                    positions: row.position.as_ref().map(|m| m.any_of.join("; ")).unwrap_or_default(),
                    position_how: row.position.as_ref().map(|m| m.how).unwrap_or(MatchHow::StartsWith),
                    grades: row.grades.clone(),
                    requires: std::array::from_fn(|s| {
                        row.requires
                            .iter()
                            .find(|r| r.scale == Scale::ALL[s])
                            .map(|r| r.level.clone())
                            .unwrap_or_default()
                    }),
                    document: row.citation.document.clone(),
                    article: row.citation.article.clone(),
                    note: row.note.clone(),
                })
                .collect(),
        }
    }

    /// The table the form holds, checked by the directive's own rules for tables (as if in `d`
    /// in place of table `editing`, or new). Errors are keyed by form field: "name",
    /// "rows.1.document", "rows.1.requires" …
    pub fn build(&self, d: &Directive, editing: Option<&str>) -> Result<Standard, Vec<FieldError>> {
        let table = Standard {
            id: editing.map_or_else(|| d.new_standard_id(), str::to_string),
            name: self.name.trim().to_string(),
            wording: self.wording.trim().to_string(),
            rows: self
                .rows
                .iter()
                .map(|row| {
                    let words = split_words(&row.positions);
                    StandardRow {
                        categories: row.categories.clone(),
                        levels: row.levels.clone(),
                        position: (!words.is_empty()).then(|| TextMatch {
                            any_of: words,
                            how: row.position_how,
                            none_of: Vec::new(),
                        }),
                        grades: row.grades.clone(),
                        requires: Scale::ALL
                            .iter()
                            .zip(&row.requires)
                            .filter(|(_, level)| !level.trim().is_empty())
                            .map(|(scale, level)| Requirement { scale: *scale, level: level.trim().to_string() })
                            .collect(),
                        citation: Citation {
                            document: row.document.trim().to_string(),
                            article: row.article.trim().to_string(),
                        },
                        note: row.note.trim().to_string(),
                    }
                })
                .collect(),
        };
        let errors: Vec<FieldError> = check_standard(d, &table, editing)
            .into_iter()
            .map(|e| FieldError::new(form_key(&e.field), e.message))
            .collect();
        if errors.is_empty() {
            Ok(table)
        } else {
            Err(errors)
        }
    }
}

/// "rows[1].citation.document" → "rows.1.document"; "rows[1].requires[0].level" → "rows.1.requires".
fn form_key(path: &str) -> String {
    let p = path.trim_start_matches('.').replace('[', ".").replace(']', "").replace("citation.", "");
    match p.split_once(".requires") {
        Some((row, _)) => format!("{row}.requires"),
        None => p,
    }
}

/// What "đạt chuẩn" asks, read from a [`Criterion::Standard`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ask<'c> {
    /// Trên chuẩn: one level above each requirement.
    pub above: bool,
    /// Only these scales (empty: every scale a row requires).
    pub scales: &'c [Scale],
    /// A study towards the required level counts.
    pub count_studying: bool,
    /// Rows' chức danh compared with the titles the person is planned for.
    pub planned: bool,
}

impl Ask<'_> {
    fn asks(&self, scale: Scale) -> bool {
        self.scales.is_empty() || self.scales.contains(&scale)
    }
}

/// Who meets the standard and who has a row that applies, evaluated once per criterion and
/// scoring pass: a few bit sets per row, no allocation per cadre.
pub(crate) struct Outcome {
    /// Covered by an applicable row and meeting every applicable row's requirements.
    pub meets: Bits,
    /// Covered by at least one row requiring a level on an asked scale.
    pub covered: Bits,
}

impl Evaluator<'_, '_> {
    /// Evaluates `standard` as `ask` reads it. Whom each row covers and who holds each level
    /// are computed once per scoring pass and shared by every criterion on the table; a
    /// criterion then costs a few word-wise operations per row.
    pub(crate) fn standard(&mut self, standard: &Standard, ask: Ask) -> Outcome {
        let n = self.idx.len();
        let mut covered = Bits::empty(n);
        let mut fails = Bits::empty(n);
        let rows = self.rows_covered(standard, ask.planned);
        for (row, applies) in standard.rows.iter().zip(rows.iter()) {
            let mut meets_row: Option<Bits> = None;
            for r in row.requires.iter().filter(|r| ask.asks(r.scale)) {
                let Some(rank) = r.rank() else { continue };
                let held = self.at_least(r.scale, rank.saturating_add(u8::from(ask.above)), ask.count_studying);
                match &mut meets_row {
                    Some(m) => m.and_with(held),
                    None => meets_row = Some(held.clone()),
                }
            }
            let Some(meets_row) = meets_row else { continue };
            let mut failing = applies.clone();
            failing.minus_with(&meets_row);
            fails.or_with(&failing);
            covered.or_with(applies);
        }
        let mut meets = covered.clone();
        meets.minus_with(&fails);
        Outcome { meets, covered }
    }

    /// Whom each row of `standard` covers (by posts held, or by planned titles), cached.
    fn rows_covered(&mut self, standard: &Standard, planned: bool) -> std::rc::Rc<Vec<Bits>> {
        let key = (standard.id.clone(), planned);
        if let Some(rows) = self.standard_rows.get(&key) {
            return rows.clone();
        }
        let rows = std::rc::Rc::new(standard.rows.iter().map(|row| self.row_applies(row, planned)).collect::<Vec<_>>());
        self.standard_rows.insert(key, rows.clone());
        rows
    }

    /// Cadres holding at least `rank` on `scale` (or, with `studying`, studying towards it),
    /// cached.
    fn at_least(&mut self, scale: Scale, rank: u8, studying: bool) -> &Bits {
        let idx = self.idx;
        let s = scale_index(scale);
        let key = (s, rank, studying);
        if !self.holding.contains_key(&key) {
            let (held, towards) = (&idx.held[s], &idx.studying[s]);
            let bits = self.filter(|i| held[i] >= rank || (studying && towards[i] >= rank));
            self.holding.insert(key, bits);
        }
        &self.holding[&key]
    }

    /// Cadres a row covers.
    fn row_applies(&self, row: &StandardRow, planned: bool) -> Bits {
        let idx = self.idx;
        let level_ok =
            |u: u32| row.levels.is_empty() || (u != NONE && row.levels.contains(&idx.units[u as usize].level));
        // Ranks as the index stores them (0 = no ngạch).
        let grades: Vec<u8> = row.grades.iter().map(|g| grade_rank(*g) + 1).collect();
        // A held position's level is its unit's, checked below with the position.
        let level_by_position = row.position.is_some() && !planned;
        let mut b = self.filter(|i| {
            (row.categories.is_empty() || row.categories.contains(&idx.category[i]))
                && (grades.is_empty() || grades.contains(&idx.grade[i]))
                && (level_by_position || level_ok(idx.unit[i]))
        });
        if let Some(title) = &row.position {
            let m = title.compile();
            let title_ok: Vec<bool> = idx.texts.iter().map(|s| m.matches_normal(s)).collect();
            let mut holders = Bits::empty(idx.len());
            if planned {
                for &(t, owner) in &idx.planned {
                    if title_ok[t as usize] {
                        holders.set(owner as usize);
                    }
                }
            } else {
                for p in &idx.positions {
                    if title_ok[p.title as usize] && level_ok(p.unit) {
                        holders.set(p.owner as usize);
                    }
                }
            }
            b.and_with(&holders);
        }
        b
    }
}

#[cfg(test)]
mod tests;
