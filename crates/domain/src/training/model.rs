//! The records of the training loop: kế hoạch (plan), lớp / chương trình (course line), cử đi
//! học (enrollment), quá trình thay đổi trình độ (qualification history) and số liệu tổng hợp
//! các năm trước (historical dispatch tables). Every stored record carries [`RecordMeta`].
//!
//! Only structs and fieldless enums: every enum is a stable snake-case code, read through the
//! shared code visitor ([`crate::tagged`]), so nothing here adds serde's buffering
//! `Content` machinery to the wasm.

use serde::{Deserialize, Serialize};

use crate::directive::target::EventKind;
use crate::directive::{Date, GroupRule};
use crate::levels::Scale;
use crate::model::{Id, RecordMeta};
use crate::number::Bound;

fn is_false(b: &bool) -> bool {
    !*b
}

crate::tagged::coded_enum! {
    /// Loại: đào tạo (a degree or level) or bồi dưỡng (a refresher course).
    TrainingKind {
        /// Đào tạo.
        Training = "dao_tao", "Đào tạo";
        /// Bồi dưỡng.
        Refresher = "boi_duong", "Bồi dưỡng";
    }
}

crate::tagged::coded_enum! {
    /// Hình thức học.
    Attendance {
        /// Hệ tập trung.
        FullTime = "tap_trung", "Tập trung";
        /// Hệ không tập trung.
        PartTime = "khong_tap_trung", "Không tập trung";
        /// Trực tuyến.
        Online = "truc_tuyen", "Trực tuyến";
        /// Buổi tối, ngày nghỉ: a class held outside office hours so learners keep working
        /// (annual plans list it beside "tập trung" and "trực tuyến").
        EveningsWeekends = "buoi_toi_ngay_nghi", "Buổi tối, ngày nghỉ";
    }
}

crate::tagged::coded_enum! {
    /// Nguồn kinh phí: who pays a part of a budget. Annual plans split a course's cost across
    /// these and total the plan by them.
    FundingSource {
        /// Ngân sách nhà nước (NSNN, trung ương cấp).
        State = "nsnn", "Ngân sách nhà nước";
        /// Ngân sách địa phương (tỉnh, huyện).
        Local = "ngan_sach_dia_phuong", "Ngân sách địa phương";
        /// Cá nhân tự chi (học viên tự túc).
        SelfFunded = "ca_nhan_tu_chi", "Cá nhân tự chi";
        /// Nguồn khác (tài trợ, học bổng, xã hội hóa).
        Other = "nguon_khac", "Nguồn khác";
    }
}

crate::tagged::coded_enum! {
    /// Khối: the budget block of seed 003 ("Khối Đảng, Mặt trận, đoàn thể" / "Khối Nhà nước").
    Block {
        /// Khối Đảng, Mặt trận, đoàn thể.
        Party = "dang_mat_tran_doan_the", "Khối Đảng, Mặt trận, đoàn thể";
        /// Khối Nhà nước.
        State = "nha_nuoc", "Khối Nhà nước";
    }
}

crate::tagged::coded_enum! {
    /// Trạng thái cử đi học: đề cử → đang học → hoàn thành / không hoàn thành / rút.
    EnrollmentStatus {
        /// Đề cử (nominated, not started).
        Nominated = "de_cu", "Đề cử";
        /// Đang học.
        Studying = "dang_hoc", "Đang học";
        /// Hoàn thành.
        Completed = "hoan_thanh", "Hoàn thành";
        /// Không hoàn thành.
        Failed = "khong_hoan_thanh", "Không hoàn thành";
        /// Rút (withdrawn).
        Withdrawn = "rut", "Rút";
    }
}

impl EnrollmentStatus {
    /// True while the enrollment may still complete (đề cử or đang học).
    pub fn is_open(self) -> bool {
        matches!(self, EnrollmentStatus::Nominated | EnrollmentStatus::Studying)
    }

    /// True when the cadre was actually sent (started, whatever the outcome but withdrawal).
    pub fn was_dispatched(self) -> bool {
        matches!(self, EnrollmentStatus::Studying | EnrollmentStatus::Completed | EnrollmentStatus::Failed)
    }
}

crate::tagged::coded_enum! {
    /// Đối tượng of a historical count: cán bộ, công chức vs viên chức (seed 004, Tables 1-2).
    StaffKind {
        /// Cán bộ, công chức.
        CadreOrCivilServant = "can_bo_cong_chuc", "Cán bộ, công chức";
        /// Viên chức.
        PublicEmployee = "vien_chuc", "Viên chức";
        /// Không tách (the document gives one figure).
        Undivided = "chung", "Không tách";
    }
}

crate::tagged::coded_enum! {
    /// What a historical count counts.
    CountUnit {
        /// Lượt (attendances: one person may count twice).
        Attendances = "luot", "Lượt";
        /// Người.
        Persons = "nguoi", "Người";
    }
}

// ---------------------------------------------------------------------------------- plans

/// Một phần kinh phí: an amount for a block and a funding source.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BudgetPart {
    /// Khối, when the document splits by block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<Block>,
    /// Nguồn kinh phí as the document names it ("ngân sách tỉnh"), when stated.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub funding: String,
    /// Nguồn kinh phí as a kind, so the plan's statistics can total by source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<FundingSource>,
    /// The label as printed ("Khối Đảng, Mặt trận, đoàn thể").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Số tiền (đồng).
    pub amount: u64,
    /// "Khoảng", "dưới": the amount as the document bounds it (exact when left out).
    #[serde(default, skip_serializing_if = "Bound::is_exact")]
    pub bound: Bound,
}

impl BudgetPart {
    /// What the part is called on screen: the printed label, else the document's name of
    /// the source, else the source's own name, else "Khoản kinh phí".
    pub fn name(&self) -> String {
        if !self.label.is_empty() {
            self.label.clone()
        } else if !self.funding.is_empty() {
            self.funding.clone()
        } else {
            self.source.map_or_else(|| "Khoản kinh phí".into(), |s| s.label().to_string())
        }
    }
}

/// Kinh phí: the total and its split.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Budget {
    /// Tổng (đồng), as stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// "Khoảng 500 triệu đồng": the total as the document bounds it (exact when left out).
    /// A bounded total is not held to the exact sum of its parts.
    #[serde(default, skip_serializing_if = "Bound::is_exact")]
    pub total_bound: Bound,
    /// Trong đó.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<BudgetPart>,
    /// Còn lại: the part of the total the document leaves unallocated ("còn lại 1.200.000.000
    /// đồng phân bổ sau"); parts + remainder = total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remainder: Option<u64>,
    /// Căn cứ (e.g. "Nghị quyết số 04/2019/NQ-HĐND ...").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
}

impl Budget {
    /// Sum of the parts; `None` when it does not fit in a u64 (checked, never wrapped).
    pub fn parts_sum(&self) -> Option<u64> {
        self.parts.iter().try_fold(0u64, |sum, p| sum.checked_add(p.amount))
    }

    /// The amount of one block (checked like [`Budget::parts_sum`]).
    pub fn block(&self, b: Block) -> Option<u64> {
        self.parts.iter().filter(|p| p.block == Some(b)).try_fold(0u64, |sum, p| sum.checked_add(p.amount))
    }

    /// True when nothing is stated.
    pub fn is_empty(&self) -> bool {
        self.total.is_none() && self.parts.is_empty() && self.remainder.is_none() && self.basis.is_empty()
    }
}

/// Kế hoạch đào tạo, bồi dưỡng (năm hoặc giai đoạn).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Mã.
    pub id: Id,
    /// Trích yếu ("Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm 2021").
    pub title: String,
    /// Cơ quan ban hành ("Ban Thường vụ Tỉnh ủy Quảng Ngãi").
    #[serde(default)]
    pub issuer: String,
    /// Số, ký hiệu (may be empty when the copy lacks it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// Ngày ban hành.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Từ năm.
    pub from_year: u16,
    /// Đến năm (= `from_year` for an annual plan).
    pub to_year: u16,
    /// Kinh phí.
    #[serde(default)]
    pub budget: Budget,
    /// Văn bản chỉ đạo the plan carries out (directive ids: "tpl-003").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub directive_ids: Vec<Id>,
    /// Nguồn (seed file), for built-in plans.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Ghi chú.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Đã gỡ bỏ: a removed plan stays as a newer version so snapshots carry the removal.
    #[serde(default, skip_serializing_if = "is_false")]
    pub removed: bool,
    /// Version and time.
    #[serde(default)]
    pub meta: RecordMeta,
}

/// Trình độ được cấp: the level a course line grants on a scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// Thang trình độ.
    pub scale: Scale,
    /// Level code on that scale ("cao_cap", "thac_si", "bac_3", "doi_tuong_3").
    pub level: String,
}

impl Grant {
    /// Rank of the level on its scale, if the code is known.
    pub fn rank(&self) -> Option<u8> {
        self.scale.levels().iter().position(|(c, _)| *c == self.level).map(|r| r as u8)
    }

    /// "Lý luận chính trị: Cao cấp".
    pub fn label(&self) -> String {
        let name =
            self.scale.levels().into_iter().find(|(c, _)| *c == self.level).map_or(self.level.as_str(), |(_, l)| l);
        format!("{}: {}", self.scale.label(), name)
    }
}

/// Một phần chỉ tiêu: "Cao cấp LLCT, hệ tập trung tại Học viện Chính trị khu vực III: 56".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QuotaPart {
    /// Chương trình, when the part names one ("Hoàn chỉnh chương trình cao cấp LLCT").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub programme: String,
    /// Cơ sở đào tạo.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub institution: String,
    /// Hình thức.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance: Option<Attendance>,
    /// Đợt phân bổ ("đợt 2"), when the year's quota comes in rounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<u32>,
    /// Số chỉ tiêu.
    pub persons: u32,
}

/// Chỉ tiêu of a course line: a number ("khoảng 50 đồng chí"), a split by institution and
/// mode (145 = 4 + 56 + 10 + 60 + 15), or "theo nhu cầu đăng ký" (no number).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Quota {
    /// Số chỉ tiêu, when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons: Option<u32>,
    /// "Dự kiến", "khoảng": an estimate.
    #[serde(default, skip_serializing_if = "is_false")]
    pub about: bool,
    /// Phân bổ theo cơ sở đào tạo và hình thức.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<QuotaPart>,
    /// Theo nhu cầu đăng ký (also set with a number: "460 học viên và theo nhu cầu").
    #[serde(default, skip_serializing_if = "is_false")]
    pub on_demand: bool,
    /// The document's words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

impl Quota {
    /// Sum of the parts; `None` when it does not fit in a u32 (checked, never wrapped).
    pub fn parts_sum(&self) -> Option<u32> {
        self.parts.iter().try_fold(0u32, |sum, p| sum.checked_add(p.persons))
    }

    /// "145 chỉ tiêu (dự kiến)", "Theo nhu cầu đăng ký".
    pub fn label(&self) -> String {
        match (self.persons, self.on_demand) {
            (Some(n), false) => {
                format!("{} chỉ tiêu{}", crate::directive::format_count(n), if self.about { " (dự kiến)" } else { "" })
            }
            (Some(n), true) => format!("{} chỉ tiêu và theo nhu cầu đăng ký", crate::directive::format_count(n)),
            (None, _) => "Theo nhu cầu đăng ký".into(),
        }
    }
}

/// Lớp chuyển tiếp: a class opened in one year that finishes in a later one ("mở năm 2021,
/// chuyển tiếp sang năm 2022"). Plans count the class among the classes opened in
/// `opened`, and its results (hoàn thành) in `finishes`; the directive scoring does the same
/// (classes by their opening date, completions by their end date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarryOver {
    /// Năm mở lớp (khai giảng).
    pub opened: u16,
    /// Năm kết thúc (bế giảng, có kết quả).
    pub finishes: u16,
}

impl CarryOver {
    /// "Chuyển tiếp: mở năm 2021, kết thúc năm 2022".
    pub fn label(self) -> String {
        format!("Chuyển tiếp: mở năm {}, kết thúc năm {}", self.opened, self.finishes)
    }
}

/// Một lớp đã mở: one class (or delegation, workshop) actually held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldClass {
    /// Khai giảng.
    pub start: Date,
    /// Bế giảng.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// Ghi chú.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl HeldClass {
    /// True when the class finishes in a later year than it opened (chuyển tiếp).
    pub fn carries_over(&self) -> bool {
        self.end.is_some_and(|e| e.year > self.start.year)
    }
}

/// Lớp / chương trình: one line of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseLine {
    /// Mã.
    pub id: Id,
    /// Kế hoạch.
    pub plan_id: Id,
    /// Mục of the document ("II.1", "III.3"), for grouping as the document does.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub section: String,
    /// Đào tạo / bồi dưỡng.
    pub kind: TrainingKind,
    /// Chương trình ("Cao cấp lý luận chính trị").
    pub programme: String,
    /// Trình độ được cấp khi hoàn thành; `None` for a refresher that grants no level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grants: Option<Grant>,
    /// Hình thức (tập trung / không tập trung / trực tuyến), when one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance: Option<Attendance>,
    /// Ở nước ngoài.
    #[serde(default, skip_serializing_if = "is_false")]
    pub abroad: bool,
    /// Loại hoạt động (lớp, đoàn, hội thảo): what an events target counts.
    #[serde(default)]
    pub event: EventKind,
    /// Cơ sở đào tạo, bồi dưỡng.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub institutions: Vec<String>,
    /// Đối tượng as a rule over the roster (the directive engine's), when typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<GroupRule>,
    /// Đối tượng as the document writes it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub audience_text: String,
    /// Điều kiện (with the legal references).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub conditions: String,
    /// Chỉ tiêu.
    #[serde(default)]
    pub quota: Quota,
    /// Cơ quan chỉ đạo thực hiện.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub directing_body: String,
    /// Cơ quan tổ chức thực hiện.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organising_body: String,
    /// Thời gian thực hiện as written ("Trong năm 2021").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub time: String,
    /// Năm (for annual counts), when the line belongs to one year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// Ngành, lĩnh vực.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// Khối / ngành tags (e.g. "khối Đảng", "giáo dục").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<String>,
    /// Khối kinh phí.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<Block>,
    /// Số lớp dự kiến.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classes_planned: Option<u32>,
    /// Các lớp đã mở.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes_held: Vec<HeldClass>,
    /// Kinh phí (đồng), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<u64>,
    /// "Khoảng 500 triệu đồng": the line's budget as the document bounds it.
    #[serde(default, skip_serializing_if = "Bound::is_exact")]
    pub budget_bound: Bound,
    /// Kinh phí theo nguồn: the line's budget split across funding sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budget_parts: Vec<BudgetPart>,
    /// Còn lại: the part of the line's budget its split leaves unallocated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_remainder: Option<u64>,
    /// Hỗ trợ mỗi học viên (đồng/người): times the learners, the line's subsidy total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subsidy_per_learner: Option<u64>,
    /// Đợt phân bổ chỉ tiêu ("đợt 1", "đợt 2" of the year's quota).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<u32>,
    /// Lớp chuyển tiếp: opened in one year, finishing in a later one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carry_over: Option<CarryOver>,
    /// Chỉ tiêu of the plan's directives this line serves (target ids). A line also serves a
    /// target whose "training" text equals its programme or one of its fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<String>,
    /// Ghi chú.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Đã gỡ bỏ (kept as a newer version so snapshots carry the removal).
    #[serde(default, skip_serializing_if = "is_false")]
    pub removed: bool,
    /// Version and time.
    #[serde(default)]
    pub meta: RecordMeta,
}

impl CourseLine {
    /// A line of `plan_id` with its kind and programme and nothing else yet: what the form,
    /// the plan reader and the tests each fill in.
    pub fn new(id: Id, plan_id: Id, kind: TrainingKind, programme: String) -> Self {
        CourseLine {
            id,
            plan_id,
            section: String::new(),
            kind,
            programme,
            grants: None,
            attendance: None,
            abroad: false,
            event: EventKind::default(),
            institutions: Vec::new(),
            audience: None,
            audience_text: String::new(),
            conditions: String::new(),
            quota: Quota::default(),
            directing_body: String::new(),
            organising_body: String::new(),
            time: String::new(),
            year: None,
            fields: Vec::new(),
            sectors: Vec::new(),
            block: None,
            classes_planned: None,
            classes_held: Vec::new(),
            budget: None,
            budget_bound: Bound::default(),
            budget_parts: Vec::new(),
            budget_remainder: None,
            subsidy_per_learner: None,
            round: None,
            carry_over: None,
            targets: Vec::new(),
            note: String::new(),
            removed: false,
            meta: RecordMeta::default(),
        }
    }

    /// The line's budget as a [`Budget`] (its amount, bound, split and remainder), so plans
    /// and lines share one set of rules and one way of being shown.
    pub fn budget_split(&self) -> Budget {
        Budget {
            total: self.budget,
            total_bound: self.budget_bound,
            parts: self.budget_parts.clone(),
            remainder: self.budget_remainder,
            basis: String::new(),
        }
    }

    /// Sets the line's budget fields from a [`Budget`] (its basis is not kept: a line has none).
    pub fn set_budget(&mut self, b: Budget) {
        self.budget = b.total;
        self.budget_bound = b.total_bound;
        self.budget_parts = b.parts;
        self.budget_remainder = b.remainder;
    }

    /// True when the line is flagged chuyển tiếp or one of its classes runs into a later year.
    pub fn carries_over(&self) -> bool {
        self.carry_over.is_some() || self.classes_held.iter().any(HeldClass::carries_over)
    }

    /// Hỗ trợ: the per-learner amount times `learners`; `None` when no subsidy is stated,
    /// `Some(Err)` with a Vietnamese message when the product does not fit (checked, never
    /// wrapped).
    pub fn subsidy_for(&self, learners: u32) -> Option<Result<u64, String>> {
        self.subsidy_per_learner.map(|each| {
            each.checked_mul(u64::from(learners)).ok_or_else(|| {
                format!(
                    "Lớp \"{}\": hỗ trợ {} đồng/học viên nhân {} học viên vượt quá số tiền tính được.",
                    self.programme,
                    crate::number::format_thousands(each),
                    crate::number::format_count(learners)
                )
            })
        })
    }
}

/// Cử đi học: a cadre on a course line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrollment {
    /// Mã.
    pub id: Id,
    /// Cán bộ.
    pub cadre_id: Id,
    /// Lớp / chương trình.
    pub line_id: Id,
    /// Trạng thái.
    pub status: EnrollmentStatus,
    /// Ngày đề cử.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nominated_on: Option<Date>,
    /// Ngày nhập học.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_on: Option<Date>,
    /// Ngày kết thúc (hoàn thành, không hoàn thành, rút).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_on: Option<Date>,
    /// Phần chỉ tiêu (index into the line's `quota.parts`), when the split applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota_part: Option<u32>,
    /// Học viên ngoài kế hoạch: sent on the line beyond what the plan allotted (own funds,
    /// a unit's own request). Counted apart in the tally and the statistics, and never
    /// takes a place of the line's quota.
    #[serde(default, skip_serializing_if = "is_false")]
    pub out_of_plan: bool,
    /// Kết quả (xếp loại, số văn bằng ...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub result: String,
    /// Version and time.
    #[serde(default)]
    pub meta: RecordMeta,
}

crate::tagged::coded_enum! {
    /// Which part of a qualification changed.
    ChangeField {
        /// Trình độ đã đạt.
        Level = "level", "Trình độ";
        /// Đang học.
        Studying = "studying", "Đang học";
    }
}

/// Quá trình thay đổi trình độ: one change of one cadre on one scale (its own record, keyed by
/// cadre, so the cadre's record keeps its form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualificationChange {
    /// Mã.
    pub id: Id,
    /// Cán bộ.
    pub cadre_id: Id,
    /// Thang.
    pub scale: Scale,
    /// Trình độ or đang học.
    pub field: ChangeField,
    /// Before: level code ("" = not studying).
    pub before: String,
    /// After: level code ("" = not studying).
    pub after: String,
    /// Ngày.
    pub date: Date,
    /// The enrollment that caused it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrollment_id: Option<Id>,
    /// Nguồn in words ("Hoàn thành: Cao cấp lý luận chính trị").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Version and time.
    #[serde(default)]
    pub meta: RecordMeta,
}

// ------------------------------------------------------------------- historical aggregates

/// Một cột of a historical table: a category and who it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AggregateColumn {
    /// Nhóm (stable code: "sau_dai_hoc", "dai_hoc", "lanh_dao_quan_ly", "khac" ...).
    pub category: String,
    /// Tên nhóm as printed ("Sau đại học").
    pub label: String,
    /// Cán bộ, công chức / viên chức.
    pub staff: StaffKind,
}

/// Một dòng: a year's counts, one per column, and the total as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AggregateRow {
    /// Năm.
    pub year: u16,
    /// Tổng as printed.
    pub total: u32,
    /// One count per column.
    pub counts: Vec<u32>,
}

/// Số liệu tổng hợp các năm trước: dispatch counts that predate the app's records (seed 004,
/// Tables 1-2), kept apart from person-level records and always shown as such.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispatchTable {
    /// Mã.
    pub id: Id,
    /// Tên bảng ("Bảng 1. Thống kê lượt cử cán bộ, công chức, viên chức đi đào tạo").
    pub title: String,
    /// Nguồn ("Số liệu tổng hợp từ báo cáo các năm của Sở Nội vụ").
    #[serde(default)]
    pub source: String,
    /// Đào tạo / bồi dưỡng.
    pub kind: TrainingKind,
    /// Lượt or người.
    pub unit: CountUnit,
    /// Các cột.
    pub columns: Vec<AggregateColumn>,
    /// Các năm.
    pub rows: Vec<AggregateRow>,
    /// The "Tổng" row as printed, when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_totals: Option<AggregateRow>,
    /// Version and time.
    #[serde(default)]
    pub meta: RecordMeta,
}

impl DispatchTable {
    /// Vietnamese label that marks these figures as aggregates, never person records.
    pub const LABEL: &'static str = "Số liệu tổng hợp (không gắn với từng cán bộ)";

    /// The row of a year.
    pub fn row(&self, year: u16) -> Option<&AggregateRow> {
        self.rows.iter().find(|r| r.year == year)
    }

    /// Sum of a column over every year, in u64: u32 figures cannot overflow it (it would take
    /// 2^32 of them), where a u32 sum wrapped (4.294.967.295 + 2 printed "Tổng 1", issue 15).
    pub fn column_total(&self, col: usize) -> u64 {
        self.rows.iter().map(|r| u64::from(r.counts.get(col).copied().unwrap_or(0))).sum()
    }

    /// Sum over the columns of one staff kind in `year` (u64, as [`DispatchTable::column_total`]).
    pub fn staff_total(&self, year: u16, staff: StaffKind) -> u64 {
        self.row(year).map_or(0, |r| {
            self.columns.iter().zip(&r.counts).filter(|(c, _)| c.staff == staff).map(|(_, &n)| u64::from(n)).sum()
        })
    }
}

// ------------------------------------------------------------------ Quảng Nam appendices

crate::tagged::coded_enum! {
    /// "Tối thiểu ... / 01 năm": what the minimum is counted over.
    MinimumPer {
        /// Mỗi năm.
        Year = "nam", "mỗi năm";
        /// Mỗi nội dung định hướng, mỗi năm.
        OrientationYear = "noi_dung_nam", "mỗi nội dung định hướng, mỗi năm";
        /// Mỗi lĩnh vực, mỗi năm.
        FieldYear = "linh_vuc_nam", "mỗi lĩnh vực, mỗi năm";
    }
}

/// Một yêu cầu tối thiểu ("Tối thiểu 01 đoàn tham gia bồi dưỡng tại nước ngoài/ 01 năm").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Minimum {
    /// Loại hoạt động.
    pub event: EventKind,
    /// Số tối thiểu.
    pub count: u32,
    /// Đơn vị tính.
    pub per: MinimumPer,
    /// The document's words.
    pub text: String,
}

/// Một nội dung định hướng bồi dưỡng (Phụ lục I, one numbered row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Orientation {
    /// STT.
    pub number: u32,
    /// Nội dung.
    pub content: String,
    /// Đơn vị chủ trì.
    #[serde(default)]
    pub lead: String,
    /// Target ids of the Quảng Nam template that count this row's events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<String>,
}

/// Một lĩnh vực of Phụ lục I: rows, who organises, who is prioritised, and the minimums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Responsibility {
    /// Ký hiệu ("A", "B", "Đ").
    pub letter: String,
    /// Lĩnh vực.
    pub field: String,
    /// Nhiệm vụ và thời gian hoàn thành.
    #[serde(default)]
    pub tasks: String,
    /// Đơn vị phối hợp tổ chức lớp.
    #[serde(default)]
    pub partners: String,
    /// Đối tượng ưu tiên bồi dưỡng.
    #[serde(default)]
    pub audience: String,
    /// Các nội dung định hướng.
    pub orientations: Vec<Orientation>,
    /// Hình thức tổ chức: the minimums.
    pub minimums: Vec<Minimum>,
    /// Target ids of the field-wide minimums (delegations, workshops).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<String>,
}

/// Chỉ tiêu cử đào tạo sau đại học giao cho một cơ quan (Phụ lục II, one row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyQuota {
    /// STT of the field.
    pub number: u32,
    /// Nội dung định hướng đào tạo (lĩnh vực).
    pub field: String,
    /// Cơ quan, tổ chức, địa phương thực hiện.
    pub agency: String,
    /// Đối tượng (nhóm 1-4) among công chức.
    #[serde(default)]
    pub groups_civil_servants: Vec<u8>,
    /// Đối tượng (nhóm 1-4) among viên chức.
    #[serde(default)]
    pub groups_public_employees: Vec<u8>,
    /// Số chỉ tiêu.
    pub persons: u32,
    /// Per agency or locality ("01 chỉ tiêu/ địa phương").
    #[serde(default, skip_serializing_if = "is_false")]
    pub per_unit: bool,
    /// The document's words ("02 chỉ tiêu", "01 chỉ tiêu/ địa phương").
    pub text: String,
    /// Năm hoàn thành.
    pub by_year: u16,
    /// Target id of the Quảng Nam template that scores this quota.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target: String,
}
