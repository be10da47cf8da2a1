//! Văn bản chỉ đạo (directive): a nghị quyết, kết luận, đề án or kế hoạch held as data — its
//! header, its sections in the document's own numbering, the groups it speaks of (nhóm đối
//! tượng), its targets (chỉ tiêu) and training needs (nhu cầu đào tạo) — and the engine that
//! scores every target against the roster and says who to send next.
//!
//! Everything here is pure: no clock (the date is passed in), no randomness, no I/O.
//!
//! - [`group`]: rules over the roster that define a group.
//! - [`target`]: target kinds, milestones, comparators, training needs.
//! - [`index`]: the roster indexed once per scoring pass (per-cadre facts, interned titles).
//! - [`score`]: scoring at a date, statuses, milestones in words (numbers are written by
//!   [`crate::number`], re-exported here).
//! - [`standard`]: bảng tiêu chuẩn (standards by reference) and who meets them.
//! - [`reported`]: the results a document reports, in its words, beside the roster's count.
//! - [`suggest`]: who to send next (danh sách đề xuất cử đi học).
//! - [`describe`]: the Vietnamese sentence of a target, need or group, generated from its rule.
//! - [`edit`]: editing operations (sections, items, targets, needs, groups) with undo.
//! - [`draft`]: flat, string-typed form drafts of targets and needs, built with Vietnamese
//!   messages naming the form field.
//! - [`group_draft`]: the group form as a tree of conditions, one kind per kind of rule, so
//!   every rule the model holds is built in the form and every template group saves back
//!   unchanged.

pub mod describe;
pub mod draft;
pub mod edit;
pub mod group;
pub mod group_draft;
pub mod index;
pub mod reading;
pub mod reported;
pub mod score;
pub mod standard;
pub mod suggest;
pub mod target;
mod validate;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::model::{Id, RecordMeta};
use crate::error::FieldError;
use crate::number::Bound;

pub use crate::date::Date;
pub use describe::{describe_criteria, describe_need, describe_rule, describe_target, Describer};
pub use draft::{
    ConditionDraft, ConditionKind, CriterionDraft, CriterionKind, GroupDraft, MeasureKind, MilestoneDraft, NeedDraft,
    Step, TargetDraft, TextDraft, UnitDraft, WindowKind,
};
pub use edit::{next_number, Direction, Removed};
pub use group::{GroupRule, MatchHow, TextMatch, UnitFilter};
pub use index::{Bits, RosterIndex};
pub use reported::ReportDraft;
pub use score::{
    format_count, format_percent, format_persons, format_share, format_thousands, percent_tenths, record_years,
    score_directive, score_directive_among, score_directive_full, score_directive_in_unit, AmountUnit, DirectiveScore,
    GroupTally, NeedScore, RecordCount, RecordSource, Status, TargetScore, UnitTally, Value,
};
pub use standard::{Citation, Requirement, Standard, StandardDraft, StandardRow, StandardRowDraft};
pub use suggest::{suggest, Batch, SuggestReason, Suggestion};
pub use target::{
    ChangeUnit, Combine, Comparator, Counting, Criterion, EventKind, Measure, Milestone, Outcome, Reached, Reported,
    Stage, StatedBaseline, Tally, Target, TrainingNeed, Window,
};

crate::tagged::coded_enum! {
    /// Loại văn bản.
    DirectiveKind {
        /// Nghị quyết.
        Resolution = "nghi_quyet", "Nghị quyết";
        /// Kết luận.
        Conclusion = "ket_luan", "Kết luận";
        /// Đề án.
        Scheme = "de_an", "Đề án";
        /// Kế hoạch.
        Plan = "ke_hoach", "Kế hoạch";
        /// Chỉ thị.
        Instruction = "chi_thi", "Chỉ thị";
        /// Chương trình hành động.
        Programme = "chuong_trinh", "Chương trình";
        /// Quyết định.
        Decision = "quyet_dinh", "Quyết định";
        /// Báo cáo (sơ kết, tổng kết).
        Report = "bao_cao", "Báo cáo";
        /// Loại khác.
        Other = "khac", "Văn bản khác";
    }
}

/// Giai đoạn: the years a directive covers ("2021 - 2025").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// Từ năm.
    pub from: u16,
    /// Đến năm.
    pub to: u16,
}

/// Người ký: the signature block ("T/M BAN THƯỜNG VỤ / BÍ THƯ / Nguyễn Văn Hùng").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Signer {
    /// Thẩm quyền ký ("T/M BAN THƯỜNG VỤ").
    #[serde(default)]
    pub on_behalf: String,
    /// Chức vụ ("BÍ THƯ").
    #[serde(default)]
    pub position: String,
    /// Họ tên.
    #[serde(default)]
    pub name: String,
}

/// Nhóm đối tượng: a named group a target speaks of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Mã nhóm (unique in the directive).
    pub id: String,
    /// Tên nhóm as the document names it.
    pub name: String,
    /// The rule over the roster.
    pub rule: GroupRule,
    /// The size the document states ("tổng số 42 đồng chí"), for comparison with the roster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_count: Option<u32>,
    /// How `stated_count` is written ("khoảng 1.200", "hơn 2.000"); exact when left out.
    #[serde(default, skip_serializing_if = "Bound::is_exact")]
    pub stated_bound: Bound,
    /// The size stated for particular years, when the document gives it year by year ("năm
    /// 2024 có 1.150, năm 2025 khoảng 1.200"); `stated_count` stays the size for other years.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stated_by_year: Vec<StatedSize>,
    /// Ghi chú (e.g. how the rule approximates the document's wording).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Số người của nhóm in one year, as the document states it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StatedSize {
    /// Năm.
    pub year: u16,
    /// Số người.
    pub count: u32,
    /// How it is written; exact when left out.
    #[serde(default, skip_serializing_if = "Bound::is_exact")]
    pub bound: Bound,
}

impl Group {
    /// The size the document states for `year`: that year's figure, else the latest earlier
    /// year's, else `stated_count` (which then speaks of `year`).
    pub fn stated_for(&self, year: u16) -> Option<StatedSize> {
        let by_year = self.stated_by_year.iter().filter(|s| s.year <= year).max_by_key(|s| s.year).copied();
        by_year.or_else(|| self.stated_count.map(|count| StatedSize { year, count, bound: self.stated_bound }))
    }
}

/// Mục: a section keeping the document's own numbering ("I-", "2.1.", "a-", "+") and text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Mã (unique in the directive).
    pub id: String,
    /// Số thứ tự exactly as printed: "I-", "II.", "2.", "2.1.", "a-", "a)", "-", "+", "Phần I".
    #[serde(default)]
    pub number: String,
    /// Tiêu đề.
    #[serde(default)]
    pub heading: String,
    /// Lời văn of the section (optional).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Các ý in the section.
    #[serde(default)]
    pub items: Vec<Item>,
    /// Mục con.
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// Ý: one paragraph or bullet of a section, with the targets and needs it states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Mã (unique in the directive).
    pub id: String,
    /// Dấu đầu dòng or number as printed ("-", "+", "1", "").
    #[serde(default)]
    pub number: String,
    /// The paragraph, verbatim.
    #[serde(default)]
    pub text: String,
    /// Chỉ tiêu stated in this paragraph.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Nhu cầu đào tạo stated in this paragraph.
    #[serde(default)]
    pub needs: Vec<TrainingNeed>,
    /// Ghi chú.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Văn bản chỉ đạo: header, groups and the section tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Directive {
    /// Mã.
    pub id: Id,
    /// Loại văn bản.
    pub kind: DirectiveKind,
    /// Số, ký hiệu ("37-KL/TU").
    #[serde(default)]
    pub number: String,
    /// Ngày ban hành.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Cơ quan ban hành as the header's left block prints it ("TỈNH UỶ QUẢNG TRỊ").
    pub issuer: String,
    /// Tập thể quyết định, when the body differs from the header ("Ban Thường vụ Tỉnh ủy").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub authority: String,
    /// Địa danh ("Đông Hà").
    #[serde(default)]
    pub place: String,
    /// Trích yếu.
    pub title: String,
    /// Giai đoạn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Đơn vị phạm vi: when set, every group is limited to cadres working in this unit's subtree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope_unit_id: Option<Id>,
    /// Phạm vi in words ("huyện Hoàng Su Phì").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope: String,
    /// Người ký.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<Signer>,
    /// Where the template comes from (seed file), if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Nhóm đối tượng.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Các mục.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Bảng tiêu chuẩn the targets refer to ("đạt chuẩn theo quy định"): carried in the
    /// directive so it scores the same wherever it is read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standards: Vec<Standard>,
    /// Version and update time (for the store).
    #[serde(default)]
    pub meta: RecordMeta,
}

impl Directive {
    /// Reads a directive from JSON and validates it. Errors say what is wrong and where, in
    /// Vietnamese (`field` is a path such as `sections[1].items[0].targets[2].milestones[0]`);
    /// a key the format does not have (a mistyped field) is refused, naming it and where.
    pub fn from_json(json: &str) -> Result<Directive, Vec<FieldError>> {
        let d: Directive = crate::error::read_json_strict("Tệp văn bản không đọc được", json, &["$schema"])?;
        let errors = d.validate();
        if errors.is_empty() {
            Ok(d)
        } else {
            Err(errors)
        }
    }

    /// The directive as pretty JSON (what templates and exports hold).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a directive always serialises")
    }

    /// Every rule the directive must meet before it is saved. Empty when valid.
    pub fn validate(&self) -> Vec<FieldError> {
        validate::validate(self)
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The standards table with this id.
    pub fn standard(&self, id: &str) -> Option<&Standard> {
        self.standards.iter().find(|s| s.id == id)
    }

    /// Every section, depth first (document order), with its depth (0 = top).
    pub fn sections_flat(&self) -> Vec<(&Section, usize)> {
        fn walk<'a>(s: &'a [Section], depth: usize, out: &mut Vec<(&'a Section, usize)>) {
            for x in s {
                out.push((x, depth));
                walk(&x.sections, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, 0, &mut out);
        out
    }

    /// Every target in document order.
    pub fn targets(&self) -> Vec<&Target> {
        self.sections_flat().into_iter().flat_map(|(s, _)| s.items.iter().flat_map(|i| i.targets.iter())).collect()
    }

    /// Every training need in document order.
    pub fn needs(&self) -> Vec<&TrainingNeed> {
        self.sections_flat().into_iter().flat_map(|(s, _)| s.items.iter().flat_map(|i| i.needs.iter())).collect()
    }

    /// The target with this id.
    pub fn target(&self, id: &str) -> Option<&Target> {
        self.targets().into_iter().find(|t| t.id == id)
    }

    /// The item (đoạn) that states target `id`: a target's form edits it within its item.
    pub fn item_of_target(&self, id: &str) -> Option<&Item> {
        self.sections_flat()
            .into_iter()
            .flat_map(|(s, _)| s.items.iter())
            .find(|item| item.targets.iter().any(|t| t.id == id))
    }

    /// The section holding the item that holds target `id`, with the chain of section numbers
    /// ("III-", "2.", "a-") for display.
    pub fn target_path(&self, id: &str) -> Option<Vec<String>> {
        fn walk(s: &[Section], id: &str, path: &mut Vec<String>) -> bool {
            for x in s {
                path.push(if x.number.is_empty() { x.heading.clone() } else { x.number.clone() });
                if x.items.iter().any(|i| i.targets.iter().any(|t| t.id == id)) || walk(&x.sections, id, path) {
                    return true;
                }
                path.pop();
            }
            false
        }
        let mut path = Vec::new();
        walk(&self.sections, id, &mut path).then_some(path)
    }

    /// When the straight path of progress starts: the directive's date, else the start of its
    /// period.
    pub fn start_date(&self) -> Option<Date> {
        self.date.or_else(|| self.period.map(|p| Date::start_of_year(p.from)))
    }

    /// A copy with fresh ids for the record (copying a template into the user's directives).
    pub fn copy_as(&self, id: Id) -> Directive {
        let mut d = self.clone();
        d.id = id;
        d.meta = RecordMeta::default();
        d
    }
}

/// One line of `public/templates/index.json`: a built-in template the app can fetch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateEntry {
    /// Mã mẫu ("000").
    pub id: String,
    /// File name under `templates/`.
    pub file: String,
    /// Loại văn bản.
    pub kind: DirectiveKind,
    /// Số, ký hiệu.
    #[serde(default)]
    pub number: String,
    /// Cơ quan ban hành.
    pub issuer: String,
    /// Trích yếu.
    pub title: String,
    /// Ngày ban hành.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

/// Reads `templates/index.json`.
pub fn parse_template_index(json: &str) -> Result<Vec<TemplateEntry>, String> {
    serde_json::from_str(json).map_err(|e| FieldError::json("Danh mục mẫu không đọc được", &e).message)
}
