//! Kế hoạch đào tạo, bồi dưỡng (`ke-hoach.html`) as plain data: the plans list, one plan laid
//! out like the document (II. đào tạo, III. bồi dưỡng, IV. kinh phí), the "+ Thêm lớp" form
//! draft, one course line (its head, tally, enrollments, nomination candidates and the
//! operations on it), and the dispatch statistics, whose screen is drawn from the very
//! [`Table`]s its CSV and XLSX buttons export.

use std::collections::{BTreeSet, HashSet};

use dtbd_domain::chart::{dispatch_plot, Plot};
use dtbd_domain::directive::{suggest, Date, Directive, Group, RosterIndex};
use dtbd_domain::error::FieldError;
use dtbd_domain::levels::Scale;
use dtbd_domain::model::{Id, Millis, RecordMeta};
use dtbd_domain::number::{format_amount, format_count, format_thousands, grouped, parse_amount, Bound};
use dtbd_domain::roster::{Roster, SearchIndex};
use dtbd_domain::table::{Cell, Table};
use dtbd_domain::tables::{aggregate_table, dispatch_table, DISPATCH_MANUAL_COLUMNS};
use dtbd_domain::training::data::{check_line, check_plan, load_plan_data, load_plan_file};
use dtbd_domain::training::{
    self, Applied, Attendance, Budget, BudgetPart, CarryOver, CourseLine, DispatchTable, EnrollmentStatus,
    FundingSource, Grant, LineTally, Plan, PlanFile, PlanIndexEntry, Quota, StaffKind, TrainingKind, TrainingRecords,
    Warning,
};

// ------------------------------------------------------------------------------- shared

/// "11.147.406.000 đồng".
fn money(n: u64) -> String {
    format!("{} đồng", format_thousands(n))
}

/// The plan's period: "2021" → `("Năm 2021" | "năm 2021")`, else "2021 - 2025".
fn period(p: &Plan, word: &str) -> String {
    if p.from_year == p.to_year {
        format!("{word} {}", p.from_year)
    } else {
        format!("{} - {}", p.from_year, p.to_year)
    }
}

/// "Lý luận chính trị: Cao cấp" or "Không cấp trình độ".
fn grants_label(l: &CourseLine) -> String {
    l.grants.as_ref().map_or_else(|| "Không cấp trình độ".into(), Grant::label)
}

// ----------------------------------------------------------------------- plan templates

/// "Dùng mẫu kế hoạch": the built-in plans, their lines and the historical tables read from
/// the files `plans/index.json` lists, each record stamped as new at `now`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Templates {
    /// Kế hoạch.
    pub plans: Vec<Plan>,
    /// Lớp / chương trình.
    pub lines: Vec<CourseLine>,
    /// Số liệu tổng hợp các năm trước.
    pub tables: Vec<DispatchTable>,
}

impl Templates {
    /// Adds one file of the index (a plan with its lines, or a data file's tables), validated
    /// by the domain; the messages joined when it is refused.
    pub fn add_file(&mut self, entry: &PlanIndexEntry, text: &str, now: Millis) -> Result<(), String> {
        let join = |e: Vec<FieldError>| e.into_iter().map(|x| x.message).collect::<Vec<_>>().join(" ");
        if entry.kind == "plan" {
            let f = load_plan_file(text).map_err(join)?;
            let mut p = f.plan;
            p.meta = RecordMeta::next(None, now);
            self.plans.push(p);
            self.lines.extend(f.lines.into_iter().map(|mut l| {
                l.meta = RecordMeta::next(None, now);
                l
            }));
        } else {
            let (d, _notes) = load_plan_data(text).map_err(join)?;
            self.tables.extend(d.tables);
        }
        Ok(())
    }

    /// Puts them in memory as the store put them on disk: plans and lines replace those with
    /// the same ids, tables too.
    pub fn add_to(&self, recs: &mut TrainingRecords) {
        for p in &self.plans {
            let lines: Vec<CourseLine> = self.lines.iter().filter(|l| l.plan_id == p.id).cloned().collect();
            recs.add_plan_file(&PlanFile { format: String::new(), plan: p.clone(), lines });
        }
        let ids: HashSet<&str> = self.tables.iter().map(|t| t.id.as_str()).collect();
        recs.aggregates.retain(|t| !ids.contains(t.id.as_str()));
        recs.aggregates.extend(self.tables.iter().cloned());
    }

    /// "Đã nạp 1 kế hoạch mẫu (15 lớp) và 2 bảng số liệu."
    pub fn loaded_text(&self) -> String {
        format!(
            "Đã nạp {} kế hoạch mẫu ({} lớp) và {} bảng số liệu.",
            grouped(self.plans.len()),
            grouped(self.lines.len()),
            grouped(self.tables.len())
        )
    }
}

// --------------------------------------------------------------------------- plans list

/// One plan in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    /// Mã (for the link).
    pub id: Id,
    /// Trích yếu.
    pub title: String,
    /// "Ban Thường vụ Tỉnh ủy · Năm 2021 · 15 lớp / chương trình".
    pub sub: String,
}

/// The plans page: every plan not removed, in stored order (empty: the page invites loading
/// the templates).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlansModel {
    /// Các kế hoạch.
    pub rows: Vec<PlanRow>,
}

/// What the plans page shows.
pub fn plans_page(recs: &TrainingRecords) -> PlansModel {
    let rows = recs
        .plans
        .iter()
        .filter(|p| !p.removed)
        .map(|p| PlanRow {
            id: p.id.clone(),
            title: p.title.clone(),
            sub: format!(
                "{} · {} · {} lớp / chương trình",
                p.issuer,
                period(p, "Năm"),
                grouped(recs.lines_of(&p.id).count())
            ),
        })
        .collect();
    PlansModel { rows }
}

// ----------------------------------------------------------------------------- one plan

/// One course line in the plan's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRow {
    /// Mã (for the link).
    pub id: Id,
    /// Mục ("II.4").
    pub section: String,
    /// Lớp / chương trình.
    pub programme: String,
    /// Trình độ đạt được.
    pub grants: String,
    /// Chỉ tiêu ("145 chỉ tiêu (dự kiến)").
    pub quota: String,
    /// Hình thức ("Buổi tối, ngày nghỉ"), or empty.
    pub mode: String,
    /// Đợt ("Đợt 2"), or empty.
    pub round: String,
    /// Kinh phí ("khoảng 500.000.000 đồng"), or empty.
    pub budget: String,
    /// "Chuyển tiếp" when the line runs into a later year, else empty.
    pub carry_over: String,
    /// Đề cử, đang học, hoàn thành ... (in plan), and ngoài kế hoạch.
    pub tally: LineTally,
}

/// A part of the document ("II. Về công tác đào tạo") with its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPart {
    /// Tiêu đề.
    pub title: String,
    /// Các lớp, in stored order.
    pub lines: Vec<LineRow>,
}

/// IV. Kinh phí.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetModel {
    /// Each part: its label (or funding, with its source when both are known) and amount in
    /// words with its bound ("7.237.406.000 đồng", "khoảng 300.000.000 đồng").
    pub rows: Vec<(String, String)>,
    /// Còn lại, when stated.
    pub remainder: Option<String>,
    /// Tổng kinh phí (as stated, with its bound, else the sum of the parts).
    pub total: String,
    /// "Căn cứ: ...", when stated.
    pub basis: Option<String>,
}

/// One row of "Kinh phí theo nguồn".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundingLine {
    /// Nguồn ("Ngân sách nhà nước", "Chưa ghi nguồn / còn lại").
    pub source: String,
    /// Theo kế hoạch.
    pub plan: String,
    /// Cộng các lớp.
    pub lines: String,
}

/// Kinh phí theo nguồn: the plan's split by source beside its lines', and the subsidies.
#[derive(Debug, Clone, PartialEq)]
pub struct FundingModel {
    /// One row per source present, then the unassigned, then "Tổng".
    pub rows: Vec<FundingLine>,
    /// "Hỗ trợ học viên (cộng các lớp): 30.000.000 đồng", when any line pays one.
    pub subsidies: Option<String>,
    /// The same rows for the CSV and XLSX buttons (amounts in đồng).
    pub table: Table,
}

/// An amount as a cell: a whole number when it fits an i64 (every real budget), else its text.
fn amount_cell(n: u64) -> Cell {
    i64::try_from(n).map_or_else(|_| Cell::Text(format_thousands(n)), Cell::Int)
}

/// One plan as the document lays it out.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanModel {
    /// Mã.
    pub id: Id,
    /// Cơ quan ban hành.
    pub issuer: String,
    /// "Số 12-KH/TU", or empty.
    pub number: String,
    /// "ngày 03 tháng 02 năm 2021", or empty.
    pub date: String,
    /// "Kế hoạch ... (năm 2021)".
    pub title: String,
    /// Ghi chú, when any.
    pub note: Option<String>,
    /// II, III ... in the order the lines first name them.
    pub parts: Vec<PlanPart>,
    /// IV. Kinh phí, when the plan states one.
    pub budget: Option<BudgetModel>,
    /// Kinh phí theo nguồn, when the plan or a line names a source or a line has a budget;
    /// a sum too large to compute is its message.
    pub funding: Option<Result<FundingModel, String>>,
    /// The year a new line belongs to (an annual plan's).
    pub year: Option<u16>,
}

/// "II.4" → "II"; a line without a section goes under II (đào tạo) or III (bồi dưỡng).
fn part_of(l: &CourseLine) -> String {
    let s = l.section.split('.').next().unwrap_or("").trim();
    if s.is_empty() {
        match l.kind {
            TrainingKind::Training => "II".into(),
            TrainingKind::Refresher => "III".into(),
        }
    } else {
        s.to_string()
    }
}

fn part_title(part: &str) -> String {
    match part {
        "II" => "II. Về công tác đào tạo".into(),
        "III" => "III. Về công tác bồi dưỡng".into(),
        other => format!("{other}. Các lớp khác"),
    }
}

/// A part's name, with its source when the document also names a label or a funding.
fn part_name(x: &BudgetPart) -> String {
    match x.source {
        Some(s) if !x.label.is_empty() || !x.funding.is_empty() => format!("{} ({})", x.name(), s.label()),
        _ => x.name(),
    }
}

fn budget(p: &Plan) -> Option<BudgetModel> {
    let b = &p.budget;
    (b.total.is_some() || !b.parts.is_empty() || b.remainder.is_some()).then(|| BudgetModel {
        rows: b.parts.iter().map(|x| (part_name(x), format_amount(x.bound, x.amount))).collect(),
        remainder: b.remainder.map(money),
        total: match b.total {
            Some(t) => format_amount(b.total_bound, t),
            None => b.parts_sum().map_or_else(|| "-".into(), money),
        },
        basis: (!b.basis.is_empty()).then(|| format!("Căn cứ: {}", b.basis)),
    })
}

/// "Kinh phí theo nguồn" of a plan (see [`PlanModel::funding`]).
fn funding(recs: &TrainingRecords, p: &Plan) -> Option<Result<FundingModel, String>> {
    let named = p.budget.parts.iter().any(|x| x.source.is_some())
        || recs
            .lines_of(&p.id)
            .any(|l| l.budget.is_some() || !l.budget_parts.is_empty() || l.subsidy_per_learner.is_some());
    if !named {
        return None;
    }
    Some(recs.funding_by_source(&p.id).map(|t| {
        let source = |s: Option<FundingSource>| s.map_or("Chưa ghi nguồn / còn lại", |s| s.label()).to_string();
        let mut cells: Vec<Vec<Cell>> = t
            .rows
            .iter()
            .map(|r| vec![Cell::Text(source(r.source)), amount_cell(r.plan), amount_cell(r.lines)])
            .collect();
        cells.push(vec![Cell::Text("Tổng".into()), amount_cell(t.plan_total), amount_cell(t.lines_total)]);
        let table = Table {
            title: format!("Kinh phí theo nguồn: {}", p.title),
            header: ["Nguồn kinh phí", "Theo kế hoạch (đồng)", "Cộng các lớp (đồng)"].map(String::from).to_vec(),
            rows: cells,
        };
        let mut rows: Vec<FundingLine> = t
            .rows
            .iter()
            .map(|r| FundingLine { source: source(r.source), plan: money(r.plan), lines: money(r.lines) })
            .collect();
        rows.push(FundingLine { source: "Tổng".into(), plan: money(t.plan_total), lines: money(t.lines_total) });
        FundingModel {
            rows,
            subsidies: (t.subsidies > 0).then(|| format!("Hỗ trợ học viên (cộng các lớp): {}", money(t.subsidies))),
            table,
        }
    }))
}

/// "Đợt 2", or empty.
fn round_label(round: Option<u32>) -> String {
    round.map(|n| format!("Đợt {n}")).unwrap_or_default()
}

/// What the plan page shows; `None` when there is no such plan.
pub fn plan_page(recs: &TrainingRecords, plan_id: &str) -> Option<PlanModel> {
    let p = recs.plan(plan_id)?;
    let mut parts: Vec<PlanPart> = Vec::new();
    for l in recs.lines_of(&p.id) {
        let row = LineRow {
            id: l.id.clone(),
            section: l.section.clone(),
            programme: l.programme.clone(),
            grants: grants_label(l),
            quota: l.quota.label(),
            mode: l.attendance.map(|a| a.label().to_string()).unwrap_or_default(),
            round: round_label(l.round),
            budget: l.budget.map(|b| format_amount(l.budget_bound, b)).unwrap_or_default(),
            carry_over: if l.carries_over() { "Chuyển tiếp".into() } else { String::new() },
            tally: recs.tally(&l.id),
        };
        let title = part_title(&part_of(l));
        match parts.iter_mut().find(|x| x.title == title) {
            Some(part) => part.lines.push(row),
            None => parts.push(PlanPart { title, lines: vec![row] }),
        }
    }
    Some(PlanModel {
        id: p.id.clone(),
        issuer: p.issuer.clone(),
        number: if p.number.is_empty() { String::new() } else { format!("Số {}", p.number) },
        date: p.date.map(Date::long_vi).unwrap_or_default(),
        title: format!("{} ({})", p.title, period(p, "năm")),
        note: (!p.note.is_empty()).then(|| p.note.clone()),
        parts,
        budget: budget(p),
        funding: funding(recs, p),
        year: (p.from_year == p.to_year).then_some(p.from_year),
    })
}

// ------------------------------------------------------------------------ new line form

/// One part of a budget as typed: a name, a funding source code, an amount with its bound.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PartDraft {
    /// Tên khoản ("Khối Nhà nước"), may be empty.
    pub name: String,
    /// Nguồn: a [`FundingSource`] code, empty for none.
    pub source: String,
    /// Số tiền as typed ("khoảng 300 triệu", "3.910.000.000").
    pub amount: String,
    /// The stored part it was read from (its block and funding words are kept).
    base: BudgetPart,
}

impl PartDraft {
    /// A new part of `source` (a code) for `amount` as typed.
    pub fn new(source: &str, amount: &str) -> PartDraft {
        PartDraft { source: source.into(), amount: amount.into(), ..PartDraft::default() }
    }
}

/// An amount as the form shows it, bound word included: "khoảng 500.000.000".
fn amount_text(bound: Bound, n: u64) -> String {
    bound.write(&format_thousands(n))
}

/// Kinh phí as typed (a plan's or a line's): the total, the parts, the remainder.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BudgetDraft {
    /// Tổng ("khoảng 500 triệu"), empty for none.
    pub total: String,
    /// Các khoản.
    pub parts: Vec<PartDraft>,
    /// Còn lại, empty for none.
    pub remainder: String,
}

/// The "Nguồn kinh phí" choices: (code, label); "" is "(không ghi nguồn)".
pub fn funding_options() -> Vec<(&'static str, &'static str)> {
    FundingSource::ALL.iter().map(|s| (s.code(), s.label())).collect()
}

/// The "Hình thức" choices: (code, label); "" is "(không ghi)".
pub fn attendance_options() -> Vec<(&'static str, &'static str)> {
    Attendance::ALL.iter().map(|a| (a.code(), a.label())).collect()
}

impl BudgetDraft {
    /// The draft of a stored budget.
    pub fn from_budget(b: &Budget) -> BudgetDraft {
        BudgetDraft {
            total: b.total.map(|t| amount_text(b.total_bound, t)).unwrap_or_default(),
            parts: b
                .parts
                .iter()
                .map(|x| PartDraft {
                    name: if x.label.is_empty() { x.funding.clone() } else { x.label.clone() },
                    source: x.source.map(|s| s.code().to_string()).unwrap_or_default(),
                    amount: amount_text(x.bound, x.amount),
                    base: x.clone(),
                })
                .collect(),
            remainder: b.remainder.map(format_thousands).unwrap_or_default(),
        }
    }

    /// The budget typed, over `base` (whose basis is kept); or what is wrong, by field
    /// ("budget.total", "budget.parts[1].amount", "budget.remainder"). The split's own rules
    /// are the domain's, checked where the budget is saved.
    pub fn to_budget(&self, base: &Budget) -> Result<Budget, Vec<FieldError>> {
        let mut e = Vec::new();
        let mut amount = |field: String, text: &str| -> Option<(Bound, u64)> {
            if text.trim().is_empty() {
                return None;
            }
            parse_amount(text).map_err(|m| e.push(FieldError::new(field, m))).ok()
        };
        let total = amount("budget.total".into(), &self.total);
        let remainder = amount("budget.remainder".into(), &self.remainder);
        let mut parts = Vec::new();
        for (i, x) in self.parts.iter().enumerate() {
            let Some((bound, n)) = amount(format!("budget.parts[{i}].amount"), &x.amount) else { continue };
            let name = x.name.trim();
            let label =
                if name == x.base.funding && x.base.label.is_empty() { String::new() } else { name.to_string() };
            parts.push(BudgetPart {
                label,
                source: FundingSource::from_code(&x.source),
                amount: n,
                bound,
                ..x.base.clone()
            });
        }
        if remainder.is_some_and(|(b, _)| !b.is_exact()) {
            e.push(FieldError::new("budget.remainder", "Số còn lại phải là số tiền cụ thể (không ghi \"khoảng\")."));
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Budget {
            total: total.map(|(_, n)| n),
            total_bound: total.map_or(Bound::Exact, |(b, _)| b),
            parts,
            remainder: remainder.map(|(_, n)| n),
            basis: base.basis.clone(),
        })
    }

    /// "+ Thêm khoản": an empty part at the end.
    pub fn add_part(&mut self) {
        self.parts.push(PartDraft::default());
    }

    /// "Xóa khoản" `i`.
    pub fn remove_part(&mut self, i: usize) {
        if i < self.parts.len() {
            self.parts.remove(i);
        }
    }
}

/// "Kinh phí" of a plan saved: the plan with the budget typed, at `now`; or what is wrong,
/// the plan's own rules (parts beyond the total, a remainder that does not close) included.
pub fn plan_with_budget(p: &Plan, draft: &BudgetDraft, now: Millis) -> Result<Plan, Vec<FieldError>> {
    let mut plan = p.clone();
    plan.budget = draft.to_budget(&p.budget)?;
    let e = check_plan(&plan);
    if !e.is_empty() {
        return Err(e);
    }
    plan.meta = RecordMeta::next(Some(&p.meta), now);
    Ok(plan)
}

/// "Đã lưu kinh phí của kế hoạch."
pub const PLAN_BUDGET_SAVED: &str = "Đã lưu kinh phí của kế hoạch.";

/// The course-line form ("+ Thêm lớp", "Sửa lớp"): its fields as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLineDraft {
    /// Lớp / chương trình.
    pub programme: String,
    /// Mục trong kế hoạch ("II.6").
    pub section: String,
    /// Loại: a [`TrainingKind`] code.
    pub kind: String,
    /// Trình độ đạt được: a value of [`grant_options`], empty for none.
    pub grant: String,
    /// Chỉ tiêu (người), empty for "theo nhu cầu đăng ký".
    pub quota: String,
    /// Hình thức: an [`Attendance`] code, empty for none.
    pub attendance: String,
    /// Đợt ("2"), empty for none.
    pub round: String,
    /// Lớp chuyển tiếp: năm mở lớp (empty: the line's year).
    pub carry_opened: String,
    /// Lớp chuyển tiếp: năm kết thúc (empty: not carried over).
    pub carry_finishes: String,
    /// Kinh phí of the line.
    pub budget: BudgetDraft,
    /// Hỗ trợ mỗi học viên ("2.000.000"), empty for none.
    pub subsidy: String,
}

impl Default for NewLineDraft {
    fn default() -> Self {
        NewLineDraft {
            programme: String::new(),
            section: String::new(),
            kind: TrainingKind::Training.code().into(),
            grant: String::new(),
            quota: String::new(),
            attendance: String::new(),
            round: String::new(),
            carry_opened: String::new(),
            carry_finishes: String::new(),
            budget: BudgetDraft::default(),
            subsidy: String::new(),
        }
    }
}

/// The "Loại" choices: (code, label).
pub fn kind_options() -> Vec<(&'static str, &'static str)> {
    TrainingKind::ALL.iter().map(|k| (k.code(), k.label())).collect()
}

/// The "Trình độ đạt được" choices: ("<scale index>:<level code>", "Scale: Level"), every
/// level above the lowest of each scale.
pub fn grant_options() -> Vec<(String, String)> {
    Scale::ALL
        .iter()
        .enumerate()
        .flat_map(|(si, s)| {
            s.levels()
                .into_iter()
                .skip(1)
                .map(move |(code, label)| (format!("{si}:{code}"), format!("{}: {label}", s.label())))
        })
        .collect()
}

/// A year typed in the form: empty → `None`, else four digits.
fn year_field(field: &str, text: &str, e: &mut Vec<FieldError>) -> Option<u16> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.parse::<u16>() {
        Ok(y) if (2000..=2100).contains(&y) => Some(y),
        _ => {
            e.push(FieldError::new(field, format!("Năm \"{t}\" không hợp lệ (ví dụ: 2022).")));
            None
        }
    }
}

impl NewLineDraft {
    /// The grant a [`grant_options`] value names.
    fn grants(&self) -> Option<Grant> {
        self.grant.split_once(':').and_then(|(s, l)| {
            s.parse::<usize>().ok().and_then(|i| Scale::ALL.get(i)).map(|s| Grant { scale: *s, level: l.to_string() })
        })
    }

    /// The form filled with a stored line ("Sửa lớp").
    pub fn from_line(l: &CourseLine) -> NewLineDraft {
        NewLineDraft {
            programme: l.programme.clone(),
            section: l.section.clone(),
            kind: l.kind.code().into(),
            grant: l
                .grants
                .as_ref()
                .and_then(|g| Scale::ALL.iter().position(|s| *s == g.scale).map(|i| format!("{i}:{}", g.level)))
                .unwrap_or_default(),
            quota: l.quota.persons.map(|n| n.to_string()).unwrap_or_default(),
            attendance: l.attendance.map(|a| a.code().to_string()).unwrap_or_default(),
            round: l.round.map(|n| n.to_string()).unwrap_or_default(),
            carry_opened: l.carry_over.map(|c| c.opened.to_string()).unwrap_or_default(),
            carry_finishes: l.carry_over.map(|c| c.finishes.to_string()).unwrap_or_default(),
            budget: BudgetDraft::from_budget(&l.budget_split()),
            subsidy: l.subsidy_per_learner.map(format_thousands).unwrap_or_default(),
        }
    }

    /// The typed fields over `base` (every field the form does not show is kept); the
    /// line's own rules checked. Fields named as the form names them.
    fn apply(&self, mut l: CourseLine) -> Result<CourseLine, Vec<FieldError>> {
        let mut e = Vec::new();
        let q = self.quota.trim();
        let persons = q.parse::<u32>().ok();
        if !q.is_empty() && persons.is_none() {
            e.push(FieldError::new("quota", "Chỉ tiêu phải là một số người."));
        }
        if persons != l.quota.persons {
            l.quota = Quota { persons, on_demand: persons.is_none(), ..l.quota };
        }
        let round = self.round.trim();
        l.round = if round.is_empty() {
            None
        } else {
            match round.trim_start_matches(|c: char| !c.is_ascii_digit()).parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    e.push(FieldError::new("round", "Đợt phải là một số (1, 2 ...)."));
                    None
                }
            }
        };
        let opened = year_field("carry_over.opened", &self.carry_opened, &mut e);
        let finishes = year_field("carry_over.finishes", &self.carry_finishes, &mut e);
        l.carry_over = match (opened.or(l.year), finishes) {
            (Some(opened), Some(finishes)) => Some(CarryOver { opened, finishes }),
            (None, Some(_)) => {
                e.push(FieldError::new("carry_over.opened", "Lớp chuyển tiếp: nhập năm mở lớp."));
                None
            }
            (_, None) => {
                if opened.is_some() {
                    e.push(FieldError::new("carry_over.finishes", "Lớp chuyển tiếp: nhập năm kết thúc."));
                }
                None
            }
        };
        match self.budget.to_budget(&Budget::default()) {
            Ok(b) => l.set_budget(b),
            Err(errs) => e.extend(errs),
        }
        l.subsidy_per_learner = if self.subsidy.trim().is_empty() {
            None
        } else {
            match parse_amount(&self.subsidy) {
                Ok((b, n)) if b.is_exact() => Some(n),
                Ok(_) => {
                    e.push(FieldError::new("subsidy_per_learner", "Mức hỗ trợ phải là số tiền cụ thể."));
                    None
                }
                Err(m) => {
                    e.push(FieldError::new("subsidy_per_learner", m));
                    None
                }
            }
        };
        if !e.is_empty() {
            return Err(e);
        }
        l.section = self.section.trim().to_string();
        l.kind = TrainingKind::from_code(&self.kind).unwrap_or(TrainingKind::Training);
        l.programme = self.programme.trim().to_string();
        l.grants = self.grants();
        l.attendance = Attendance::from_code(&self.attendance);
        let e = check_line(&l);
        if e.is_empty() {
            Ok(l)
        } else {
            Err(e)
        }
    }

    /// The course line this draft describes on plan `plan_id` (in `year`, for an annual
    /// plan), with id `id`, saved at `now`; or the problems, naming their fields, the line's
    /// own rules included.
    pub fn to_course_line(
        &self,
        plan_id: &str,
        year: Option<u16>,
        id: Id,
        now: Millis,
    ) -> Result<CourseLine, Vec<FieldError>> {
        let blank = CourseLine {
            quota: Quota { on_demand: true, ..Quota::default() },
            year,
            meta: RecordMeta::next(None, now),
            ..CourseLine::new(id, plan_id.to_string(), TrainingKind::Training, String::new())
        };
        self.apply(blank)
    }

    /// "Sửa lớp": the stored line with the typed fields, as a newer version saved at `now`.
    pub fn edit_line(&self, line: &CourseLine, now: Millis) -> Result<CourseLine, Vec<FieldError>> {
        let mut l = self.apply(line.clone())?;
        l.meta = RecordMeta::next(Some(&line.meta), now);
        Ok(l)
    }

    /// The draft after a line was saved: ready for the next one in the same section, kind,
    /// level, mode and round.
    pub fn next(&self) -> NewLineDraft {
        NewLineDraft {
            programme: String::new(),
            quota: String::new(),
            carry_opened: String::new(),
            carry_finishes: String::new(),
            budget: BudgetDraft::default(),
            subsidy: String::new(),
            ..self.clone()
        }
    }
}

/// "Đã lưu lớp \"...\"."
pub fn line_edited_text(l: &CourseLine) -> String {
    format!("Đã lưu lớp \"{}\".", l.programme)
}

/// "Đã thêm lớp \"...\"."
pub fn line_saved_text(l: &CourseLine) -> String {
    format!("Đã thêm lớp \"{}\".", l.programme)
}

// ---------------------------------------------------------------------------- one line

/// The head of the line page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineHead {
    /// Kế hoạch (for "← Về kế hoạch").
    pub plan_id: Id,
    /// Lớp / chương trình.
    pub programme: String,
    /// "Đào tạo · Lý luận chính trị: Cao cấp · 145 chỉ tiêu (dự kiến)".
    pub sub: String,
    /// "Cơ sở đào tạo: ...", when any.
    pub institutions: Option<String>,
    /// Đối tượng as the document writes it, when any.
    pub audience: Option<String>,
    /// Điều kiện, when any.
    pub conditions: Option<String>,
    /// "Chuyển tiếp: mở năm 2021, kết thúc năm 2022", when the line is carried over.
    pub carry_over: Option<String>,
    /// "Kinh phí: khoảng 500.000.000 đồng. Ngân sách nhà nước: …; còn lại …", when stated.
    pub budget: Option<String>,
}

/// "Kinh phí: …" of a line: its amount with its bound, then its split and remainder.
fn line_budget_text(l: &CourseLine) -> Option<String> {
    let b = l.budget_split();
    if b.total.is_none() && b.parts.is_empty() && b.remainder.is_none() {
        return None;
    }
    let mut text = match b.total {
        Some(t) => format!("Kinh phí: {}", format_amount(b.total_bound, t)),
        None => "Kinh phí".to_string(),
    };
    let mut split: Vec<String> =
        b.parts.iter().map(|x| format!("{}: {}", part_name(x), format_amount(x.bound, x.amount))).collect();
    if let Some(rest) = b.remainder {
        split.push(format!("còn lại: {}", money(rest)));
    }
    if !split.is_empty() {
        text.push_str(&format!(" (trong đó {})", split.join("; ")));
    }
    Some(text)
}

/// "Hỗ trợ 2.000.000 đồng/học viên × 25 học viên trong kế hoạch = 50.000.000 đồng", when the
/// line pays one; the message when the product does not fit.
pub fn subsidy_text(recs: &TrainingRecords, l: &CourseLine) -> Option<String> {
    let each = l.subsidy_per_learner?;
    let learners = recs.tally(&l.id).in_plan_learners();
    Some(match recs.line_subsidy(l)? {
        Ok(total) => format!(
            "Hỗ trợ {}/học viên × {} học viên trong kế hoạch = {}",
            money(each),
            format_count(learners),
            money(total)
        ),
        Err(message) => message,
    })
}

/// The head of a line's page.
pub fn line_head(l: &CourseLine) -> LineHead {
    let mut sub = format!("{} · {} · {}", l.kind.label(), grants_label(l), l.quota.label());
    if let Some(a) = l.attendance {
        sub.push_str(&format!(" · {}", a.label()));
    }
    if l.round.is_some() {
        sub.push_str(&format!(" · {}", round_label(l.round)));
    }
    LineHead {
        plan_id: l.plan_id.clone(),
        programme: l.programme.clone(),
        sub,
        carry_over: l.carry_over.map(CarryOver::label).or_else(|| {
            l.carries_over().then(|| "Chuyển tiếp: có lớp kết thúc vào năm sau năm khai giảng".to_string())
        }),
        budget: line_budget_text(l),
        institutions: (!l.institutions.is_empty()).then(|| format!("Cơ sở đào tạo: {}", l.institutions.join("; "))),
        audience: (!l.audience_text.is_empty()).then(|| l.audience_text.clone()),
        conditions: (!l.conditions.is_empty()).then(|| l.conditions.clone()),
    }
}

/// The tally chips: "Đề cử: 03", "Đang học: 00" ...
pub fn tally_chips(t: &LineTally) -> Vec<String> {
    [
        ("Đề cử", t.nominated),
        ("Đang học", t.studying),
        ("Hoàn thành", t.completed),
        ("Không hoàn thành", t.failed),
        ("Rút", t.withdrawn),
    ]
    .into_iter()
    .map(|(k, n)| format!("{k}: {}", format_count(n)))
    .chain(std::iter::once(format!(
        "Ngoài kế hoạch: {} (hoàn thành {})",
        format_count(t.out_of_plan),
        format_count(t.out_of_plan_completed)
    )))
    .collect()
}

/// "Cảnh báo: ..." for each warning of an operation.
pub fn warning_texts(w: &[Warning]) -> Vec<String> {
    w.iter().map(|x| format!("Cảnh báo: {}", x.message)).collect()
}

/// One row of "Danh sách cử đi học".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrollmentRow {
    /// Mã of the enrollment (what the operations take).
    pub id: Id,
    /// Họ và tên (the cadre id when the cadre is gone).
    pub name: String,
    /// Đơn vị.
    pub unit: String,
    /// Trạng thái.
    pub status: &'static str,
    /// "Ngoài kế hoạch" for a learner outside the plan, else empty.
    pub placement: &'static str,
    /// The date of the current status ("01/03/2021"), or empty.
    pub date: String,
    /// The tick box's label: "Chọn <name>".
    pub select_label: String,
}

/// The line's enrollments, in stored order.
pub fn enrollment_rows(roster: &Roster, recs: &TrainingRecords, line_id: &str) -> Vec<EnrollmentRow> {
    recs.enrollments_of(line_id)
        .map(|e| {
            let (name, unit) = roster.cadre(&e.cadre_id).map_or((e.cadre_id.clone(), String::new()), |c| {
                (c.full_name.clone(), roster.unit_name(&c.unit_id).to_string())
            });
            let when = match e.status {
                EnrollmentStatus::Nominated => e.nominated_on,
                EnrollmentStatus::Studying => e.started_on,
                EnrollmentStatus::Completed | EnrollmentStatus::Failed | EnrollmentStatus::Withdrawn => e.ended_on,
            };
            EnrollmentRow {
                id: e.id.clone(),
                select_label: format!("Chọn {name}"),
                name,
                unit,
                status: e.status.label(),
                placement: if e.out_of_plan { "Ngoài kế hoạch" } else { "" },
                date: when.map(Date::short_vi).unwrap_or_default(),
            }
        })
        .collect()
}

/// At most this many cadres are offered for nomination at once.
pub const CANDIDATE_LIMIT: usize = 200;

/// One cadre offered for nomination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Mã cán bộ.
    pub id: Id,
    /// Họ và tên.
    pub name: String,
    /// Đơn vị.
    pub unit: String,
}

/// Who may still be nominated onto a line: every cadre but those nominated or studying on
/// it. Computed once, and both ways of picking (a search, a directive's đề xuất list) go
/// through it.
pub struct Nomination<'a> {
    roster: &'a Roster,
    recs: &'a TrainingRecords,
    open: HashSet<&'a str>,
}

/// A directive's đề xuất list, less those already on the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggested {
    /// The cadres to tick.
    pub ids: HashSet<Id>,
    /// "Đã chọn 3 người theo danh sách đề xuất của văn bản 02-ĐA/HU: ...".
    pub text: String,
}

impl<'a> Nomination<'a> {
    /// The candidates for line `line_id`.
    pub fn new(roster: &'a Roster, recs: &'a TrainingRecords, line_id: &str) -> Self {
        let open = recs
            .enrollments
            .iter()
            .filter(|e| e.line_id == line_id && e.status.is_open())
            .map(|e| e.cadre_id.as_str())
            .collect();
        Nomination { roster, recs, open }
    }

    /// True when the cadre may be nominated.
    pub fn allows(&self, cadre_id: &str) -> bool {
        !self.open.contains(cadre_id)
    }

    /// The candidates matching `query` (every candidate for an empty query), in roster
    /// order, at most [`CANDIDATE_LIMIT`].
    pub fn search(&self, index: &SearchIndex, query: &str) -> Vec<Candidate> {
        let found: Option<HashSet<&str>> = (!query.trim().is_empty()).then(|| index.find(query).into_iter().collect());
        self.roster
            .cadres
            .iter()
            .filter(|c| self.allows(&c.id) && found.as_ref().is_none_or(|f| f.contains(c.id.as_str())))
            .take(CANDIDATE_LIMIT)
            .map(|c| Candidate {
                id: c.id.clone(),
                name: c.full_name.clone(),
                unit: self.roster.unit_name(&c.unit_id).to_string(),
            })
            .collect()
    }

    /// Đề xuất cử đi học: everyone directive `d`'s suggestion list names at `today` (scored
    /// with the training records), less those already on the line; the officer reviews the
    /// ticks before nominating.
    pub fn from_directive(&self, d: &Directive, today: Date) -> Suggested {
        let idx = RosterIndex::build(self.roster);
        let score = training::score_directive_with_records(d, &idx, today, self.recs);
        let ids: HashSet<Id> = suggest(d, &idx, today, &score.targets)
            .into_iter()
            .flat_map(|b| b.people.into_iter().map(|p| p.cadre_id))
            .filter(|id| self.allows(id))
            .collect();
        let text = format!(
            "Đã chọn {} người theo danh sách đề xuất của văn bản {}: hãy xem lại trước khi đề cử.",
            grouped(ids.len()),
            d.number
        );
        Suggested { ids, text }
    }
}

/// The "Chọn theo đề xuất cử đi học của văn bản" choices: (id, "number title").
pub fn directive_options(directives: &[Directive]) -> Vec<(Id, String)> {
    directives.iter().map(|d| (d.id.clone(), format!("{} {}", d.number, d.title))).collect()
}

/// The directive groups a line's audience rule may name: those of its plan's directives.
pub fn plan_groups(recs: &TrainingRecords, directives: &[Directive], line: &CourseLine) -> Vec<Group> {
    let ids = recs.plan(&line.plan_id).map(|p| p.directive_ids.as_slice()).unwrap_or_default();
    directives.iter().filter(|d| ids.contains(&d.id)).flat_map(|d| d.groups.iter().cloned()).collect()
}

/// An operation on a course line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineOp {
    /// Đề cử the cadres picked from the candidates.
    Nominate,
    /// Đề cử them as học viên ngoài kế hoạch (no place of the quota taken).
    NominateOutsidePlan,
    /// Nhập học.
    Start,
    /// Hoàn thành.
    Complete,
    /// Không hoàn thành.
    Fail,
    /// Rút.
    Withdraw,
    /// Chuyển vào kế hoạch (the ticked learners take places of the quota).
    IntoPlan,
    /// Chuyển ra ngoài kế hoạch.
    OutOfPlan,
}

impl LineOp {
    /// The operations on the ticked enrollments, in the order of their buttons.
    pub const ON_ENROLLED: [LineOp; 6] =
        [LineOp::Start, LineOp::Complete, LineOp::Fail, LineOp::Withdraw, LineOp::OutOfPlan, LineOp::IntoPlan];

    /// The button's words ("Đề cử" takes the count: [`nominate_label`]).
    pub fn label(self) -> &'static str {
        match self {
            LineOp::Nominate => "Đề cử",
            LineOp::NominateOutsidePlan => "Đề cử ngoài kế hoạch",
            LineOp::Start => "Nhập học",
            LineOp::Complete => "Hoàn thành",
            LineOp::Fail => "Không hoàn thành",
            LineOp::Withdraw => "Rút",
            LineOp::IntoPlan => "Chuyển vào kế hoạch",
            LineOp::OutOfPlan => "Chuyển ra ngoài kế hoạch",
        }
    }

    /// What was done to `n` people.
    fn done(self, n: usize) -> String {
        let n = grouped(n);
        match self {
            LineOp::Nominate => format!("Đã đề cử {n} người."),
            LineOp::NominateOutsidePlan => format!("Đã đề cử {n} người ngoài kế hoạch (không tính vào chỉ tiêu)."),
            LineOp::Start => format!("Đã ghi nhập học cho {n} người."),
            LineOp::Complete => format!("Đã ghi hoàn thành cho {n} người."),
            LineOp::Fail => format!("Đã ghi không hoàn thành cho {n} người."),
            LineOp::Withdraw => format!("Đã ghi rút cho {n} người."),
            LineOp::IntoPlan => format!("Đã chuyển {n} người vào kế hoạch."),
            LineOp::OutOfPlan => format!("Đã chuyển {n} người ra ngoài kế hoạch (không tính vào chỉ tiêu)."),
        }
    }
}

/// "Đề cử 3 người".
pub fn nominate_label(picked: usize) -> String {
    format!("{} {} người", LineOp::Nominate.label(), grouped(picked))
}

/// What an operation on a line reads.
pub struct OpInput<'a> {
    /// Danh sách cán bộ.
    pub roster: &'a Roster,
    /// Hồ sơ đào tạo.
    pub recs: &'a TrainingRecords,
    /// The user's directives (the plan's give the groups an audience rule names).
    pub directives: &'a [Directive],
    /// The line.
    pub line: &'a CourseLine,
    /// Cadres picked among the candidates (for [`LineOp::Nominate`]).
    pub picked: &'a [Id],
    /// Enrollments ticked in the list (for the other operations).
    pub ticked: &'a [Id],
    /// The "Ngày" field as typed ("2021-03-01").
    pub date: &'a str,
    /// Today (the nomination date).
    pub today: Date,
    /// Now (the records' time of change).
    pub now: Millis,
}

/// Runs `op`: the change to write with its warnings and undo, and the sentence saying what
/// was done; or why nothing was done.
pub fn run_op(op: LineOp, i: &OpInput, new_id: &mut dyn FnMut() -> Id) -> Result<(Applied, String), String> {
    let on = Date::parse_vi(i.date)?;
    let ids = match op {
        LineOp::Nominate | LineOp::NominateOutsidePlan if i.picked.is_empty() => {
            return Err("Chưa chọn cán bộ nào để đề cử.".into())
        }
        LineOp::Nominate | LineOp::NominateOutsidePlan => i.picked,
        LineOp::Start | LineOp::Complete | LineOp::Fail | LineOp::Withdraw | LineOp::IntoPlan | LineOp::OutOfPlan
            if i.ticked.is_empty() =>
        {
            return Err("Chưa đánh dấu người nào trong danh sách cử đi học.".into())
        }
        LineOp::Start | LineOp::Complete | LineOp::Fail | LineOp::Withdraw | LineOp::IntoPlan | LineOp::OutOfPlan => {
            i.ticked
        }
    };
    let applied = match op {
        LineOp::Nominate | LineOp::NominateOutsidePlan => {
            let nominate = if op == LineOp::Nominate { training::nominate } else { training::nominate_outside_plan };
            nominate(
                &RosterIndex::build(i.roster),
                &plan_groups(i.recs, i.directives, i.line),
                i.recs,
                &i.line.id,
                ids,
                i.today,
                i.now,
                new_id,
            )
        }
        LineOp::Start => training::start(i.roster, i.recs, ids, on, i.now, new_id),
        LineOp::Complete => training::complete(i.roster, i.recs, ids, on, "", i.now, new_id),
        LineOp::Fail => training::fail(i.roster, i.recs, ids, on, "", i.now, new_id),
        LineOp::Withdraw => training::withdraw(i.roster, i.recs, ids, on, i.now, new_id),
        LineOp::IntoPlan => training::place(i.roster, i.recs, ids, false, i.now),
        LineOp::OutOfPlan => training::place(i.roster, i.recs, ids, true, i.now),
    }?;
    Ok((applied, op.done(ids.len())))
}

// ------------------------------------------------------------------- dispatch statistics

/// One cell as the page shows it, and its class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownCell {
    /// The text: figures with dot thousands ("1.528"), a missing figure as "-".
    pub text: String,
    /// "num", "num manual" (số liệu nhập tay), or none for the row's label.
    pub class: Option<&'static str>,
}

/// A [`Table`] as the page shows it. The page draws `header` and `rows`; its CSV and XLSX
/// buttons export `table`, the same table.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownTable {
    /// The table exported.
    pub table: Table,
    /// Its rows as shown.
    pub rows: Vec<Vec<ShownCell>>,
}

impl ShownTable {
    /// The first column labels the row (a year, "Tổng") and is shown as it is; the others
    /// are figures; the columns in `manual` hold số liệu nhập tay.
    fn new(table: Table, manual: &[usize]) -> ShownTable {
        let rows = table
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .map(|(i, c)| {
                        if i == 0 {
                            // A year labels its row as it is written ("2025", not a figure).
                            let text = if let Cell::Int(year) = c { year.to_string() } else { c.display() };
                            return ShownCell { text, class: None };
                        }
                        let text = match c {
                            Cell::Int(n) if *n < 0 => format!("-{}", format_thousands(n.unsigned_abs())),
                            Cell::Int(n) => format_thousands(n.unsigned_abs()),
                            Cell::Empty => "-".into(),
                            other => other.display(),
                        };
                        ShownCell { text, class: Some(if manual.contains(&i) { "num manual" } else { "num" }) }
                    })
                    .collect()
            })
            .collect();
        ShownTable { table, rows }
    }
}

/// The years the statistics cover: those the app's enrollments started in, this year, and
/// those of the historical tables; oldest first.
pub fn stats_years(recs: &TrainingRecords, current_year: u16) -> Vec<u16> {
    let mut years: BTreeSet<u16> = recs.enrollments.iter().filter_map(|e| e.started_on.map(|d| d.year)).collect();
    years.insert(current_year);
    years.extend(recs.aggregates.iter().flat_map(|t| t.rows.iter().map(|row| row.year)));
    years.into_iter().collect()
}

/// Học viên trong / ngoài kế hoạch: the app's own dispatches per year (newest first), each
/// kind split by whether the learner was in the plan, so out-of-plan learners are never read
/// as the plan's.
pub fn placed_table(recs: &TrainingRecords, years: &[u16]) -> Table {
    let count = |year: u16, kind: TrainingKind, outside: bool| {
        Cell::Int(i64::from(recs.dispatches_placed(year, Some(kind), outside)))
    };
    let rows = years
        .iter()
        .rev()
        .map(|&year| {
            vec![
                Cell::Int(i64::from(year)),
                count(year, TrainingKind::Training, false),
                count(year, TrainingKind::Training, true),
                count(year, TrainingKind::Refresher, false),
                count(year, TrainingKind::Refresher, true),
            ]
        })
        .collect();
    Table {
        title: "Học viên trong kế hoạch và ngoài kế hoạch theo năm".into(),
        header: [
            "Năm",
            "Đào tạo: trong kế hoạch",
            "Đào tạo: ngoài kế hoạch",
            "Bồi dưỡng: trong kế hoạch",
            "Bồi dưỡng: ngoài kế hoạch",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}

/// The staff kinds a historical table adds up ("Cộng cán bộ, công chức", "Cộng viên chức").
const STAFF_SUMS: [StaffKind; 2] = [StaffKind::CadreOrCivilServant, StaffKind::PublicEmployee];

/// Bảng 1-2 as printed ([`aggregate_table`]: a row per year, the foot, a disagreeing printed
/// total) with, before "Tổng", the sum of each row over the cán bộ, công chức columns and over
/// the viên chức columns.
pub fn aggregate_report(t: &DispatchTable) -> Table {
    let mut table = aggregate_table(t);
    let at = 1 + t.columns.len();
    for (k, s) in STAFF_SUMS.iter().enumerate() {
        table.header.insert(at + k, format!("Cộng {}", s.label().to_lowercase()));
    }
    for row in &mut table.rows {
        let sums: Vec<Cell> = STAFF_SUMS
            .iter()
            .map(|s| {
                let n = t
                    .columns
                    .iter()
                    .zip(&row[1..at])
                    .filter(|(c, _)| c.staff == *s)
                    .map(|(_, cell)| if let Cell::Int(n) = cell { *n } else { 0 })
                    .sum();
                Cell::Int(n)
            })
            .collect();
        row.splice(at..at, sums);
    }
    table
}

/// One historical table on the statistics page.
#[derive(Debug, Clone, PartialEq)]
pub struct AggregateModel {
    /// "Số liệu nhập tay trước khi dùng ứng dụng. ... Đơn vị: lượt. <nguồn>".
    pub label: String,
    /// The table shown and exported.
    pub shown: ShownTable,
}

/// The dispatch statistics page.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsModel {
    /// Số lượt cử đi theo năm (entered and the app's own), shown and exported.
    pub own: ShownTable,
    /// Học viên trong / ngoài kế hoạch theo năm (the app's own records), shown and exported.
    pub placed: ShownTable,
    /// The same years as grouped bars.
    pub chart: Plot,
    /// Bảng 1-2 (historical aggregates), each shown and exported (empty: none loaded).
    pub aggregates: Vec<AggregateModel>,
}

/// What the dispatch statistics page shows in `current_year`.
pub fn stats_page(recs: &TrainingRecords, current_year: u16) -> StatsModel {
    let years = stats_years(recs, current_year);
    StatsModel {
        own: ShownTable::new(dispatch_table(recs, &years), &DISPATCH_MANUAL_COLUMNS),
        placed: ShownTable::new(placed_table(recs, &years), &[]),
        chart: dispatch_plot(recs, &years),
        aggregates: recs
            .aggregates
            .iter()
            .map(|t| AggregateModel {
                label: format!(
                    "Số liệu nhập tay trước khi dùng ứng dụng. {} Đơn vị: {}. {}",
                    DispatchTable::LABEL,
                    t.unit.label().to_lowercase(),
                    t.source
                ),
                shown: ShownTable::new(aggregate_report(t), &[]),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
