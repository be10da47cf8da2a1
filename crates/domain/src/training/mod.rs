//! Đào tạo, bồi dưỡng: the loop from a directive's target to a plan's course line, to the
//! cadres sent (cử đi học), to their results, which change the roster, which changes the
//! scores.
//!
//! - [`model`]: kế hoạch ([`Plan`]: period, issuer, budget split by block and funding),
//!   lớp / chương trình ([`CourseLine`]: kind, programme, the level it grants, mode,
//!   institutions, audience as a directive group rule plus the document's words, conditions,
//!   quota (by allocation round: đợt), bodies, time, field tags, planned vs held classes,
//!   budget split by funding source ([`FundingSource`]) with a stated remainder and bound
//!   ("khoảng 500 triệu"), per-learner subsidy, carried over into the next year
//!   ([`CarryOver`])), cử đi học ([`Enrollment`]: đề cử → đang học → hoàn thành / không hoàn
//!   thành / rút; in or out of plan), quá trình thay đổi trình độ
//!   ([`QualificationChange`], its own record keyed by cadre), số liệu tổng hợp các năm trước
//!   ([`DispatchTable`], kept apart from person records), and the Quảng Nam appendices
//!   ([`Responsibility`], [`AgencyQuota`]).
//! - [`ops`]: nominate, start, complete, fail, withdraw, each pure, with warnings and undo.
//! - [`score`]: the record source behind the directive engine's record-based targets
//!   (trained, completions, events) and the what-if value.
//! - [`data`]: built-in plans and data files (`public/plans/`), validated when loaded.
//! - [`plan_reading`]: Đọc văn bản over a kế hoạch đào tạo, bồi dưỡng: its plan and course
//!   lines proposed beside the directive the reader proposes, and saved with it.
//!
//! Every record carries `RecordMeta` and merges by id and version in snapshots (schema v3).
//! Plans and course lines are never deleted outright: `removed` is set as a newer version.

pub mod data;
pub mod model;
pub mod ops;
pub mod plan_reading;
pub mod score;

#[cfg(test)]
mod tests;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

pub use data::{load_plan_data, load_plan_file, PlanData, PlanFile, PlanIndexEntry};
pub use model::*;
pub use ops::{
    apply, complete, fail, nominate, nominate_outside_plan, place, start, withdraw, Applied, Change, Warning,
};
pub use score::{score_directive_indexed, score_directive_with_records, TrainingIndex};

use super::model::Id;
use crate::error::FieldError;

/// Hồ sơ đào tạo: every training record a device holds (what the store loads and scoring
/// takes).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TrainingRecords {
    /// Kế hoạch.
    #[serde(default)]
    pub plans: Vec<Plan>,
    /// Lớp / chương trình.
    #[serde(default)]
    pub lines: Vec<CourseLine>,
    /// Cử đi học.
    #[serde(default)]
    pub enrollments: Vec<Enrollment>,
    /// Quá trình thay đổi trình độ.
    #[serde(default)]
    pub history: Vec<QualificationChange>,
    /// Số liệu tổng hợp các năm trước.
    #[serde(default)]
    pub aggregates: Vec<DispatchTable>,
    /// Mốc số liệu (baselines) of the directives, frozen or entered.
    #[serde(default)]
    pub baselines: Vec<crate::monitor::Baseline>,
}

/// Per-line tally for the plans page: quota vs nominated vs studying vs completed. The five
/// status counts are of học viên trong kế hoạch (what the quota measures); học viên ngoài kế
/// hoạch are counted apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LineTally {
    /// Đề cử.
    pub nominated: u32,
    /// Đang học.
    pub studying: u32,
    /// Hoàn thành.
    pub completed: u32,
    /// Không hoàn thành.
    pub failed: u32,
    /// Rút.
    pub withdrawn: u32,
    /// Học viên ngoài kế hoạch, withdrawals left out.
    pub out_of_plan: u32,
    /// Of them, hoàn thành.
    pub out_of_plan_completed: u32,
}

impl LineTally {
    /// Places of the quota taken: in-plan learners nominated, studying or completed.
    pub fn quota_taken(&self) -> u32 {
        self.nominated + self.studying + self.completed
    }

    /// In-plan learners sent or about to be (withdrawals left out): who a per-learner
    /// subsidy is paid for.
    pub fn in_plan_learners(&self) -> u32 {
        self.nominated + self.studying + self.completed + self.failed
    }
}

/// Kinh phí theo nguồn: one row of a plan's budget statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FundingRow {
    /// Nguồn; `None`: stated without a source, or left as "còn lại".
    pub source: Option<FundingSource>,
    /// Theo kế hoạch: the plan's own budget split.
    pub plan: u64,
    /// Cộng các lớp: the lines' budgets split by source.
    pub lines: u64,
}

/// A plan's budget by funding source: the plan's split beside the sum of its lines'.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FundingTotals {
    /// One row per source present, in [`FundingSource::ALL`] order, then the unassigned.
    pub rows: Vec<FundingRow>,
    /// Tổng theo kế hoạch (the stated total, else the parts and remainder).
    pub plan_total: u64,
    /// Tổng các lớp.
    pub lines_total: u64,
    /// Hỗ trợ học viên: the lines' per-learner subsidies times their in-plan learners.
    pub subsidies: u64,
}

impl TrainingRecords {
    /// The plan with this id.
    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// The course line with this id.
    pub fn line(&self, id: &str) -> Option<&CourseLine> {
        self.lines.iter().find(|l| l.id == id)
    }

    /// The enrollment with this id.
    pub fn enrollment(&self, id: &str) -> Option<&Enrollment> {
        self.enrollments.iter().find(|e| e.id == id)
    }

    /// Live course lines of a plan, in stored order.
    pub fn lines_of<'a>(&'a self, plan_id: &'a str) -> impl Iterator<Item = &'a CourseLine> + 'a {
        self.lines.iter().filter(move |l| l.plan_id == plan_id && !l.removed)
    }

    /// Enrollments on a line.
    pub fn enrollments_of<'a>(&'a self, line_id: &'a str) -> impl Iterator<Item = &'a Enrollment> + 'a {
        self.enrollments.iter().filter(move |e| e.line_id == line_id)
    }

    /// A cadre's qualification history, oldest first.
    pub fn history_of(&self, cadre_id: &str) -> Vec<&QualificationChange> {
        let mut v: Vec<&QualificationChange> = self.history.iter().filter(|h| h.cadre_id == cadre_id).collect();
        v.sort_by_key(|h| (h.date, h.meta.updated_at));
        v
    }

    /// Quota vs nominated vs studying vs completed on a line, out-of-plan learners apart.
    pub fn tally(&self, line_id: &str) -> LineTally {
        let mut t = LineTally::default();
        for e in self.enrollments_of(line_id) {
            if e.out_of_plan {
                if e.status != EnrollmentStatus::Withdrawn {
                    t.out_of_plan += 1;
                }
                if e.status == EnrollmentStatus::Completed {
                    t.out_of_plan_completed += 1;
                }
                continue;
            }
            match e.status {
                EnrollmentStatus::Nominated => t.nominated += 1,
                EnrollmentStatus::Studying => t.studying += 1,
                EnrollmentStatus::Completed => t.completed += 1,
                EnrollmentStatus::Failed => t.failed += 1,
                EnrollmentStatus::Withdrawn => t.withdrawn += 1,
            }
        }
        t
    }

    /// Adds a built-in plan file (plan + lines), replacing records with the same ids.
    pub fn add_plan_file(&mut self, f: &PlanFile) {
        self.plans.retain(|p| p.id != f.plan.id);
        self.plans.push(f.plan.clone());
        let ids: HashSet<&str> = f.lines.iter().map(|l| l.id.as_str()).collect();
        self.lines.retain(|l| !ids.contains(l.id.as_str()));
        self.lines.extend(f.lines.iter().cloned());
    }

    /// Persons sent (lượt: started, completed or failed) per year from the app's own records,
    /// by the year they started: the person-level half of the dispatch statistics, shown
    /// beside (never added into) the historical aggregates.
    pub fn dispatches_in(&self, year: u16, kind: Option<TrainingKind>) -> u32 {
        self.enrollments
            .iter()
            .filter(|e| e.status.was_dispatched() && e.started_on.is_some_and(|d| d.year == year))
            .filter(|e| kind.is_none_or(|k| self.line(&e.line_id).is_some_and(|l| l.kind == k)))
            .count() as u32
    }

    /// Of [`TrainingRecords::dispatches_in`], those sent inside (`out_of_plan` false) or
    /// outside the plan: the dispatch statistics count the two apart.
    pub fn dispatches_placed(&self, year: u16, kind: Option<TrainingKind>, out_of_plan: bool) -> u32 {
        self.enrollments
            .iter()
            .filter(|e| e.out_of_plan == out_of_plan)
            .filter(|e| e.status.was_dispatched() && e.started_on.is_some_and(|d| d.year == year))
            .filter(|e| kind.is_none_or(|k| self.line(&e.line_id).is_some_and(|l| l.kind == k)))
            .count() as u32
    }

    /// Hỗ trợ of a line: its per-learner amount times its in-plan learners (withdrawals left
    /// out); `None` without a subsidy, a message when the product does not fit.
    pub fn line_subsidy(&self, line: &CourseLine) -> Option<Result<u64, String>> {
        line.subsidy_for(self.tally(&line.id).in_plan_learners())
    }

    /// Kinh phí theo nguồn of a plan: its own split (parts by source; parts without a source
    /// and the remainder unassigned) beside its live lines' (their parts by source; a line's
    /// budget left unsplit, or its remainder, unassigned), and the lines' subsidies. Every
    /// sum is checked: a total too large for a u64 is a Vietnamese message.
    pub fn funding_by_source(&self, plan_id: &str) -> Result<FundingTotals, String> {
        let too_large = || "Kinh phí theo nguồn: tổng vượt quá số tiền tính được.".to_string();
        let plan = self.plan(plan_id).ok_or_else(|| format!("Không tìm thấy kế hoạch (mã {plan_id})."))?;
        let slot = |s: Option<FundingSource>| {
            s.and_then(|s| FundingSource::ALL.iter().position(|x| *x == s)).unwrap_or(FundingSource::ALL.len())
        };
        let mut by_plan = vec![0u64; FundingSource::ALL.len() + 1];
        let mut by_lines = by_plan.clone();
        let mut seen = vec![false; by_plan.len()];
        let mut add = |to: &mut Vec<u64>, s: Option<FundingSource>, n: u64| -> Result<(), String> {
            let i = slot(s);
            seen[i] = true;
            to[i] = to[i].checked_add(n).ok_or_else(too_large)?;
            Ok(())
        };
        for p in &plan.budget.parts {
            add(&mut by_plan, p.source, p.amount)?;
        }
        if let Some(rest) = plan.budget.remainder {
            add(&mut by_plan, None, rest)?;
        }
        let mut subsidies = 0u64;
        for l in self.lines_of(plan_id) {
            for p in &l.budget_parts {
                add(&mut by_lines, p.source, p.amount)?;
            }
            let split = l.budget_split();
            let parts = split.parts_sum().ok_or_else(too_large)?;
            let unsplit = match (l.budget, l.budget_remainder) {
                (_, Some(rest)) => rest,
                (Some(total), None) => total.saturating_sub(parts),
                (None, None) => 0,
            };
            if unsplit > 0 {
                add(&mut by_lines, None, unsplit)?;
            }
            if let Some(s) = self.line_subsidy(l) {
                subsidies = subsidies.checked_add(s?).ok_or_else(too_large)?;
            }
        }
        let sum = |v: &[u64]| v.iter().try_fold(0u64, |a, n| a.checked_add(*n)).ok_or_else(too_large);
        let rows = (0..seen.len())
            .filter(|i| seen[*i])
            .map(|i| FundingRow { source: FundingSource::ALL.get(i).copied(), plan: by_plan[i], lines: by_lines[i] })
            .collect();
        Ok(FundingTotals {
            rows,
            plan_total: match plan.budget.total {
                Some(t) => t,
                None => sum(&by_plan)?,
            },
            lines_total: sum(&by_lines)?,
            subsidies,
        })
    }

    /// Số liệu nhập tay (historical aggregates) of a year for one kind: the sum of the row
    /// totals as printed in every table of that kind and unit, `None` when no table has the
    /// year. Kept apart from [`TrainingRecords::dispatches_in`], never added to it.
    /// In u64, as [`DispatchTable::column_total`]: u32 totals cannot overflow it.
    pub fn aggregate_total(&self, year: u16, kind: TrainingKind, unit: CountUnit) -> Option<u64> {
        let rows: Vec<u64> = self
            .aggregates
            .iter()
            .filter(|t| t.kind == kind && t.unit == unit)
            .filter_map(|t| t.row(year).map(|r| u64::from(r.total)))
            .collect();
        (!rows.is_empty()).then(|| rows.iter().sum())
    }

    /// Every rule across the records: ids unique per kind, lines on existing plans,
    /// enrollments on existing lines, quota and budget splits that add up, level codes known.
    /// Messages in Vietnamese.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut e = Vec::new();
        fn dups<'a>(e: &mut Vec<FieldError>, what: &str, ids: impl Iterator<Item = &'a Id>) {
            let mut seen = HashSet::new();
            for id in ids {
                if !seen.insert(id.as_str()) {
                    e.push(FieldError::new(format!("{what}.id"), format!("Mã {id} bị trùng ({what}).")));
                }
            }
        }
        dups(&mut e, "plans", self.plans.iter().map(|p| &p.id));
        dups(&mut e, "lines", self.lines.iter().map(|l| &l.id));
        dups(&mut e, "enrollments", self.enrollments.iter().map(|x| &x.id));
        dups(&mut e, "history", self.history.iter().map(|x| &x.id));
        dups(&mut e, "aggregates", self.aggregates.iter().map(|x| &x.id));
        dups(&mut e, "baselines", self.baselines.iter().map(|x| &x.id));
        for (i, p) in self.plans.iter().enumerate() {
            e.extend(data::check_plan(p).into_iter().map(|x| x.under(&format!("plans[{i}]"))));
        }
        let plan_ids: HashSet<&str> = self.plans.iter().map(|p| p.id.as_str()).collect();
        for (i, l) in self.lines.iter().enumerate() {
            if !plan_ids.contains(l.plan_id.as_str()) {
                e.push(FieldError::new(
                    format!("lines[{i}].plan_id"),
                    format!("Lớp \"{}\": kế hoạch {} không tồn tại.", l.programme, l.plan_id),
                ));
            }
            e.extend(data::check_line(l).into_iter().map(|x| x.under(&format!("lines[{i}]"))));
            if let (Some(c), Some(p)) = (l.carry_over, self.plan(&l.plan_id)) {
                let within = |y: u16| y >= p.from_year && y <= p.to_year;
                if !within(c.opened) && !within(c.finishes) {
                    e.push(FieldError::new(
                        format!("lines[{i}].carry_over"),
                        format!(
                            "Lớp \"{}\": lớp chuyển tiếp mở năm {}, kết thúc năm {}, không thuộc kế hoạch {}-{}.",
                            l.programme, c.opened, c.finishes, p.from_year, p.to_year
                        ),
                    ));
                }
            }
        }
        let line_ids: HashSet<&str> = self.lines.iter().map(|l| l.id.as_str()).collect();
        for (i, x) in self.enrollments.iter().enumerate() {
            if !line_ids.contains(x.line_id.as_str()) {
                e.push(FieldError::new(
                    format!("enrollments[{i}].line_id"),
                    format!("Lượt cử đi học {}: lớp {} không tồn tại.", x.id, x.line_id),
                ));
            }
            if let (Some(a), Some(b)) = (x.started_on, x.ended_on) {
                if b < a {
                    e.push(FieldError::new(
                        format!("enrollments[{i}].ended_on"),
                        format!("Lượt cử đi học {}: ngày kết thúc trước ngày nhập học.", x.id),
                    ));
                }
            }
        }
        for (i, t) in self.aggregates.iter().enumerate() {
            e.extend(data::check_table(t).0.into_iter().map(|x| x.under(&format!("aggregates[{i}]"))));
        }
        e
    }
}
