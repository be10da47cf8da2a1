//! Built-in data (`public/plans/`): plan templates (a plan with its course lines, e.g. seed
//! 003) and plan data files (seed 004's Appendix I and II and Tables 1-2), read and validated
//! by the domain. `public/plans/index.json` lists them.
//!
//! A table whose printed figures disagree with themselves (seed 004, Table 2, 2023: the row
//! total is printed 1.326, its columns add up to 1.345) is kept as printed; the disagreement
//! is reported as a note, not an error.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::model::{AgencyQuota, Budget, CourseLine, DispatchTable, Plan, Responsibility};
use crate::directive::{format_count, format_thousands};
use crate::error::FieldError;
use crate::limits::{MAX_AMOUNT, MAX_COUNT};

/// Format marker of a plan template file.
pub const PLAN_FORMAT: &str = "dtbd-plan";
/// Format marker of a plan data file.
pub const DATA_FORMAT: &str = "dtbd-plan-data";

/// Kế hoạch mẫu: a plan and its course lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanFile {
    /// Always "dtbd-plan".
    pub format: String,
    /// Kế hoạch.
    pub plan: Plan,
    /// Các lớp / chương trình, in the document's order.
    pub lines: Vec<CourseLine>,
}

/// Số liệu kèm đề án: appendices and historical tables linked to a directive template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanData {
    /// Always "dtbd-plan-data".
    pub format: String,
    /// The directive the data belongs to ("tpl-004").
    pub directive_id: String,
    /// Nguồn (seed file).
    #[serde(default)]
    pub source: String,
    /// Phụ lục I: responsibilities with minimum events per year.
    #[serde(default)]
    pub responsibilities: Vec<Responsibility>,
    /// Phụ lục II: postgraduate quotas per agency and field.
    #[serde(default)]
    pub agency_quotas: Vec<AgencyQuota>,
    /// Bảng 1-2: historical dispatch counts (aggregates).
    #[serde(default)]
    pub tables: Vec<DispatchTable>,
}

/// One entry of `public/plans/index.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanIndexEntry {
    /// Mã.
    pub id: String,
    /// Tệp.
    pub file: String,
    /// Tên.
    pub title: String,
    /// "plan" or "data".
    pub kind: String,
}

/// Reads a plan or plan data file; a key the format does not have is refused, named with
/// where it is.
fn read<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> Result<T, Vec<FieldError>> {
    crate::error::read_json_strict("Tệp không đọc được", json, &["$schema"])
}

/// Reads and validates a plan template.
pub fn load_plan_file(json: &str) -> Result<PlanFile, Vec<FieldError>> {
    let f: PlanFile = read(json)?;
    let mut e = Vec::new();
    if f.format != PLAN_FORMAT {
        e.push(FieldError::new("format", format!("Không phải tệp kế hoạch (cần \"{PLAN_FORMAT}\").")));
    }
    e.extend(check_plan(&f.plan).into_iter().map(|x| x.under("plan")));
    let mut seen = HashSet::new();
    for (i, l) in f.lines.iter().enumerate() {
        if l.plan_id != f.plan.id {
            e.push(FieldError::new(
                format!("lines[{i}].plan_id"),
                format!("Lớp \"{}\" không thuộc kế hoạch {}.", l.programme, f.plan.id),
            ));
        }
        if !seen.insert(l.id.as_str()) {
            e.push(FieldError::new(format!("lines[{i}].id"), format!("Mã lớp {} bị trùng.", l.id)));
        }
        e.extend(check_line(l).into_iter().map(|x| x.under(&format!("lines[{i}]"))));
    }
    if e.is_empty() {
        Ok(f)
    } else {
        Err(e)
    }
}

/// Reads and validates a plan data file; returns it with the notes on figures the document
/// prints inconsistently.
pub fn load_plan_data(json: &str) -> Result<(PlanData, Vec<String>), Vec<FieldError>> {
    let d: PlanData = read(json)?;
    let mut e = Vec::new();
    let mut notes = Vec::new();
    if d.format != DATA_FORMAT {
        e.push(FieldError::new("format", format!("Không phải tệp số liệu kế hoạch (cần \"{DATA_FORMAT}\").")));
    }
    for (i, r) in d.responsibilities.iter().enumerate() {
        if r.orientations.is_empty() {
            e.push(FieldError::new(
                format!("responsibilities[{i}].orientations"),
                format!("Lĩnh vực {}: chưa có nội dung định hướng.", r.letter),
            ));
        }
        for (j, m) in r.minimums.iter().enumerate() {
            if m.count == 0 {
                e.push(FieldError::new(
                    format!("responsibilities[{i}].minimums[{j}].count"),
                    format!("Lĩnh vực {}: số tối thiểu phải lớn hơn 0.", r.letter),
                ));
            }
        }
    }
    for (i, q) in d.agency_quotas.iter().enumerate() {
        if q.persons == 0 || q.agency.trim().is_empty() {
            e.push(FieldError::new(
                format!("agency_quotas[{i}]"),
                format!("Phụ lục II, dòng {}: thiếu cơ quan hoặc số chỉ tiêu.", i + 1),
            ));
        }
        if q.groups_civil_servants.iter().chain(&q.groups_public_employees).any(|g| !(1..=4).contains(g)) {
            e.push(FieldError::new(
                format!("agency_quotas[{i}].groups"),
                format!("Phụ lục II, dòng {}: nhóm phải từ 1 đến 4.", i + 1),
            ));
        }
    }
    for (i, t) in d.tables.iter().enumerate() {
        let (errs, n) = check_table(t);
        e.extend(errs.into_iter().map(|x| x.under(&format!("tables[{i}]"))));
        notes.extend(n);
    }
    if e.is_empty() {
        Ok((d, notes))
    } else {
        Err(e)
    }
}

/// Rules of one plan: a period that runs forward, a budget whose parts add up to its total.
pub fn check_plan(p: &Plan) -> Vec<FieldError> {
    let mut e = Vec::new();
    if p.id.trim().is_empty() {
        e.push(FieldError::new("id", "Kế hoạch: thiếu mã."));
    }
    if p.title.trim().is_empty() {
        e.push(FieldError::new("title", "Kế hoạch: chưa nhập trích yếu."));
    }
    if p.to_year < p.from_year || !(2000..=2100).contains(&p.from_year) {
        e.push(FieldError::new("to_year", format!("Kế hoạch: giai đoạn {}-{} không hợp lệ.", p.from_year, p.to_year)));
    }
    for (figure, message) in budget_problems(&p.budget, "Kinh phí") {
        let field = match figure {
            BudgetFigure::Total => "budget.total",
            BudgetFigure::Parts => "budget.parts",
            BudgetFigure::Remainder => "budget.remainder",
        };
        e.push(FieldError::new(field, message));
    }
    e
}

/// A head count past [`MAX_COUNT`]: refused, so no sum of counts is asked to hold more than
/// the records could mean (issue 15: sums that wrapped).
fn too_many(field: String, what: &str, n: u32) -> FieldError {
    FieldError::new(
        field,
        format!("{what}: số {} quá giới hạn {} người.", format_thousands(u64::from(n)), format_thousands(MAX_COUNT)),
    )
}

/// Which figure of a budget a problem is about (plans and lines name them differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetFigure {
    /// Tổng.
    Total,
    /// Các khoản.
    Parts,
    /// Còn lại.
    Remainder,
}

/// The rules of a budget split, for a plan's and a line's alike (`whose`: "Kinh phí",
/// "Kinh phí lớp \"…\""): the parts and the remainder add up without overflow (u64, checked:
/// a sum too large is a message, never a wrap); a stated remainder needs a total; with an
/// exact total and exact parts, parts beyond the total are refused and parts + remainder
/// must equal the total. A bounded figure ("khoảng 500 triệu") is not held to an exact sum.
pub fn budget_problems(b: &Budget, whose: &str) -> Vec<(BudgetFigure, String)> {
    let mut out = Vec::new();
    let amounts =
        b.total.into_iter().map(|n| (BudgetFigure::Total, n)).chain(b.remainder.map(|n| (BudgetFigure::Remainder, n)));
    let amounts = amounts.chain(b.parts.iter().map(|p| (BudgetFigure::Parts, p.amount)));
    for (figure, amount) in amounts {
        if amount > MAX_AMOUNT {
            out.push((
                figure,
                format!(
                    "{whose}: số tiền {} đồng quá giới hạn {} đồng.",
                    format_thousands(amount),
                    format_thousands(MAX_AMOUNT)
                ),
            ));
        }
    }
    if !out.is_empty() {
        return out;
    }
    let Some(sum) = b.parts_sum() else {
        out.push((BudgetFigure::Parts, format!("{whose}: các khoản cộng lại vượt quá số tiền tính được.")));
        return out;
    };
    let money = |n: u64| format!("{} đồng", format_thousands(n));
    let Some(total) = b.total else {
        if b.remainder.is_some() {
            out.push((BudgetFigure::Remainder, format!("{whose}: có số còn lại nhưng chưa nhập tổng kinh phí.")));
        }
        return out;
    };
    let Some(with_rest) = sum.checked_add(b.remainder.unwrap_or(0)) else {
        out.push((BudgetFigure::Remainder, format!("{whose}: các khoản cộng số còn lại vượt quá số tiền tính được.")));
        return out;
    };
    let exact = b.total_bound.is_exact() && b.parts.iter().all(|p| p.bound.is_exact());
    if !exact || (b.parts.is_empty() && b.remainder.is_none()) {
        return out;
    }
    if sum > total {
        out.push((
            BudgetFigure::Parts,
            format!("{whose}: các khoản cộng lại {}, vượt tổng {}.", money(sum), money(total)),
        ));
    } else if let Some(rest) = b.remainder {
        if with_rest != total {
            out.push((
                BudgetFigure::Remainder,
                format!(
                    "{whose}: các khoản {} cộng còn lại {} được {}, khác tổng {}.",
                    money(sum),
                    money(rest),
                    money(with_rest),
                    money(total)
                ),
            ));
        }
    } else if sum != total {
        out.push((
            BudgetFigure::Parts,
            format!(
                "{whose}: các khoản cộng lại {}, khác tổng {} (phần chưa phân bổ ghi vào \"Còn lại\").",
                money(sum),
                money(total)
            ),
        ));
    }
    out
}

/// Rules of one course line: a known level code, a quota split that adds up to the quota.
pub fn check_line(l: &CourseLine) -> Vec<FieldError> {
    let mut e = Vec::new();
    if l.id.trim().is_empty() {
        e.push(FieldError::new("id", "Lớp: thiếu mã."));
    }
    if l.programme.trim().is_empty() {
        e.push(FieldError::new("programme", "Lớp: chưa nhập chương trình."));
    }
    if let Some(g) = &l.grants {
        if g.rank().is_none() {
            e.push(FieldError::new(
                "grants.level",
                format!("Lớp \"{}\": trình độ \"{}\" không có trong thang {}.", l.programme, g.level, g.scale.label()),
            ));
        }
    }
    let persons = l.quota.persons.into_iter().map(|n| ("quota.persons".to_string(), n));
    let parts = l.quota.parts.iter().enumerate().map(|(i, p)| (format!("quota.parts[{i}].persons"), p.persons));
    for (field, n) in persons.chain(parts) {
        if u64::from(n) > MAX_COUNT {
            e.push(too_many(field, &format!("Lớp \"{}\", chỉ tiêu", l.programme), n));
        }
    }
    if let (Some(n), false) = (l.quota.persons, l.quota.parts.is_empty()) {
        let sum = l.quota.parts_sum();
        if sum.is_none() {
            e.push(FieldError::new(
                "quota.parts",
                format!("Lớp \"{}\": các phần chỉ tiêu cộng lại vượt quá số tính được.", l.programme),
            ));
        } else if let Some(sum) = sum.filter(|s| *s != n) {
            e.push(FieldError::new(
                "quota.parts",
                format!(
                    "Lớp \"{}\": các phần chỉ tiêu cộng lại {}, khác tổng {}.",
                    l.programme,
                    format_count(sum),
                    format_count(n)
                ),
            ));
        }
    }
    let whose = format!("Kinh phí lớp \"{}\"", l.programme);
    for (figure, message) in budget_problems(&l.budget_split(), &whose) {
        let field = match figure {
            BudgetFigure::Total => "budget",
            BudgetFigure::Parts => "budget_parts",
            BudgetFigure::Remainder => "budget_remainder",
        };
        e.push(FieldError::new(field, message));
    }
    let planned = l.quota.persons.unwrap_or(0).max(l.quota.parts_sum().unwrap_or(0));
    if let Some(Err(message)) = l.subsidy_for(planned) {
        e.push(FieldError::new("subsidy_per_learner", message));
    }
    if l.round == Some(0) || l.quota.parts.iter().any(|p| p.round == Some(0)) {
        e.push(FieldError::new("round", format!("Lớp \"{}\": đợt phân bổ phải từ 1 trở lên.", l.programme)));
    }
    if let Some(c) = l.carry_over {
        if c.finishes <= c.opened {
            e.push(FieldError::new(
                "carry_over.finishes",
                format!(
                    "Lớp \"{}\": lớp chuyển tiếp phải kết thúc sau năm mở lớp ({} → {}).",
                    l.programme, c.opened, c.finishes
                ),
            ));
        } else if l.year.is_some_and(|y| y != c.opened && y != c.finishes) {
            e.push(FieldError::new(
                "carry_over",
                format!(
                    "Lớp \"{}\" thuộc năm {}, nhưng lớp chuyển tiếp mở năm {} và kết thúc năm {}.",
                    l.programme,
                    l.year.unwrap_or_default(),
                    c.opened,
                    c.finishes
                ),
            ));
        }
    }
    for (i, c) in l.classes_held.iter().enumerate() {
        if c.end.is_some_and(|x| x < c.start) {
            e.push(FieldError::new(
                format!("classes_held[{i}].end"),
                format!("Lớp \"{}\": ngày bế giảng trước ngày khai giảng.", l.programme),
            ));
        }
    }
    e
}

/// Rules of a historical table (errors: a row without one count per column, a year twice),
/// and notes where the printed totals disagree with the columns (kept as printed).
pub fn check_table(t: &DispatchTable) -> (Vec<FieldError>, Vec<String>) {
    let mut e = Vec::new();
    let mut notes = Vec::new();
    let mut years = HashSet::new();
    for (i, r) in t.rows.iter().enumerate() {
        if r.counts.len() != t.columns.len() {
            e.push(FieldError::new(
                format!("rows[{i}].counts"),
                format!("{}: năm {} có {} số liệu, bảng có {} cột.", t.title, r.year, r.counts.len(), t.columns.len()),
            ));
            continue;
        }
        if !years.insert(r.year) {
            e.push(FieldError::new(format!("rows[{i}].year"), format!("{}: năm {} lặp lại.", t.title, r.year)));
        }
        for (c, &n) in r.counts.iter().enumerate() {
            if u64::from(n) > MAX_COUNT {
                e.push(too_many(
                    format!("rows[{i}].counts[{c}]"),
                    &format!("{}, năm {}, cột {}", t.title, r.year, c + 1),
                    n,
                ));
            }
        }
        if u64::from(r.total) > MAX_COUNT {
            e.push(too_many(format!("rows[{i}].total"), &format!("{}, năm {}, tổng", t.title, r.year), r.total));
        }
        let sum: u64 = r.counts.iter().map(|&n| u64::from(n)).sum();
        if sum != u64::from(r.total) {
            notes.push(format!(
                "{}, năm {}: tổng in {}, cộng các cột được {}.",
                t.title,
                r.year,
                format_thousands(u64::from(r.total)),
                format_thousands(sum)
            ));
        }
    }
    if let Some(p) = &t.printed_totals {
        if p.counts.len() == t.columns.len() {
            for (c, &n) in p.counts.iter().enumerate() {
                if u64::from(n) > MAX_COUNT {
                    e.push(too_many(
                        format!("printed_totals.counts[{c}]"),
                        &format!("{}, dòng Tổng, cột {}", t.title, c + 1),
                        n,
                    ));
                }
                let sum = t.column_total(c);
                if sum != u64::from(n) {
                    notes.push(format!(
                        "{}, cột {}: tổng in {}, cộng các năm được {}.",
                        t.title, t.columns[c].label, n, sum
                    ));
                }
            }
            if u64::from(p.total) > MAX_COUNT {
                e.push(too_many("printed_totals.total".into(), &format!("{}, tổng chung", t.title), p.total));
            }
            let total: u64 = t.rows.iter().map(|r| u64::from(r.total)).sum();
            if total != u64::from(p.total) {
                notes.push(format!(
                    "{}: tổng chung in {}, cộng các năm được {}.",
                    t.title,
                    format_thousands(u64::from(p.total)),
                    format_thousands(total)
                ));
            }
        } else {
            e.push(FieldError::new("printed_totals", format!("{}: dòng Tổng không đủ cột.", t.title)));
        }
    }
    (e, notes)
}

/// Reads `public/plans/index.json`.
pub fn parse_plan_index(json: &str) -> Result<Vec<PlanIndexEntry>, String> {
    serde_json::from_str(json).map_err(|e| FieldError::json("Danh sách kế hoạch mẫu không đọc được", &e).message)
}
