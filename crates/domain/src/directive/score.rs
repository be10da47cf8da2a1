//! Chấm điểm: every target of a directive at a date, against an indexed roster.
//!
//! Status (trạng thái):
//! - **đạt**: the value meets the active milestone;
//! - **đúng tiến độ**: at or above the straight path from the baseline at the directive's date
//!   to the milestone's value at its deadline (31 December of its year);
//! - **chậm**: below that path;
//! - **quá hạn**: the last deadline has passed and the value does not meet it;
//! - **chỉ theo dõi**: the document gives the indicator no figure to reach (a directional
//!   target, or figures listed without a milestone): followed, never judged;
//! - **không chấm được**: the document gives a figure but the app cannot measure it yet (an
//!   empty group, a relative figure without its baseline, a measure that needs course records:
//!   "chưa có dữ liệu", never a made-up number).
//!
//! Period (giai đoạn): a target is scored over the years the document gives it
//! ([`target_period`]: its own start year, else the directive's period, to its last milestone).
//! An annual target (hằng năm, số lớp mỗi năm) counts the reading year within that period and,
//! read after it, its last year ([`counted_year`]): an annual plan for 2021 reviewed in January
//! 2022 shows 2021's result, met or overdue with the final figures; earlier years of a longer
//! period are listed in [`TargetScore::years`].
//!
//! Gap (số người còn thiếu) for a share p% of N: ceil(p·N/100) − count for "ít nhất"
//! and "duy trì"; floor(p·N/100) + 1 − count for "trên"; ceil(0,95·p·N/100) − count for
//! "khoảng". A range uses its lower end.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::group::Evaluator;
use super::index::{Bits, RosterIndex, NONE};
use super::target::{Comparator, EventKind, Measure, MeasureKind, Milestone, Target, Window};
use super::{Date, Directive, Period};
use crate::tagged::coded_enum;

coded_enum! {
    /// Trạng thái of a target; the code is also a CSS class suffix (`status-dat`).
    Status {
        /// Đạt.
        Met = "dat", "Đạt";
        /// Đúng tiến độ.
        OnTrack = "dung_tien_do", "Đúng tiến độ";
        /// Chậm.
        Behind = "cham", "Chậm";
        /// Quá hạn.
        Overdue = "qua_han", "Quá hạn";
        /// Chỉ theo dõi: no figure to reach, so nothing to judge; kept apart from
        /// [`Status::NotScored`] because nothing is missing, the document asks for none.
        Tracked = "chi_theo_doi", "Chỉ theo dõi";
        /// Không chấm được.
        NotScored = "khong_cham_duoc", "Không chấm được";
    }
}

impl Status {
    /// Judged against a figure (đạt, đúng tiến độ, chậm, quá hạn): what a gap, a path and
    /// a chart mean something for.
    pub fn is_judged(self) -> bool {
        !matches!(self, Status::Tracked | Status::NotScored)
    }
}

coded_enum! {
    /// Đơn vị of a target's numbers.
    AmountUnit {
        /// Phần trăm.
        Percent = "percent", "Phần trăm";
        /// Người.
        Persons = "persons", "Người";
        /// Lớp, đoàn, hội thảo.
        Events = "events", "Lớp, đoàn, hội thảo";
        /// Lượt người (a person trained twice counts twice).
        PersonTimes = "person_times", "Lượt người";
    }
}

/// Giá trị: numerator over denominator (count = numerator; for per-unit targets, units met
/// over units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Value {
    /// Tử số.
    pub numerator: u32,
    /// Mẫu số.
    pub denominator: u32,
}

impl Value {
    /// Share in percent, if the denominator is not zero.
    pub fn share(&self) -> Option<f64> {
        (self.denominator > 0).then(|| f64::from(self.numerator) * 100.0 / f64::from(self.denominator))
    }
}

/// Per-unit tally for "mỗi đơn vị có ..." targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitTally {
    /// Unit id.
    pub unit_id: String,
    /// How many count.
    pub count: u32,
    /// How many are required.
    pub required: u32,
    /// Count meets the requirement.
    pub met: bool,
}

/// Kết quả một năm of an annual target (hằng năm, số lớp mỗi năm) whose period spans several
/// years: what was counted in that year against what that year required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearTally {
    /// Năm.
    pub year: u16,
    /// Persons (trained) or events counted in that year (up to the scoring date).
    pub count: u32,
    /// Persons or events that year required (`None` when its milestone has no number).
    pub required: Option<u32>,
    /// The count meets what the year required.
    pub met: Option<bool>,
}

/// One milestone, checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MilestoneCheck {
    /// Năm.
    pub year: u16,
    /// Mức (after a relative increase is applied).
    pub target: Option<f64>,
    /// Upper end of a range.
    pub upper: Option<f64>,
    /// Met by the current value (None when not scored).
    pub met: Option<bool>,
}

coded_enum! {
    /// Where the baseline comes from.
    BaselineSource {
        /// Measured by the app (a snapshot passed in).
        Snapshot = "snapshot", "Số liệu ứng dụng đã chốt";
        /// Stated by the document.
        Stated = "stated", "Văn bản nêu";
        /// Implied by the document ("50% ... tăng 17%": 33%).
        Implied = "implied", "Suy ra từ mức tăng văn bản nêu";
    }
}

/// Kết quả chấm một chỉ tiêu.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetScore {
    /// Target id.
    pub target_id: String,
    /// Loại chỉ tiêu (share, count, per unit ...).
    pub kind: MeasureKind,
    /// Trạng thái.
    pub status: Status,
    /// Why not scored, in Vietnamese.
    pub reason: Option<String>,
    /// Đơn vị of `measured`, `baseline`, `target`.
    pub unit: AmountUnit,
    /// Count and group size (share targets), or units met and units (per-unit targets).
    pub value: Option<Value>,
    /// Current value: % for shares and per-unit targets, persons for counts.
    pub measured: Option<f64>,
    /// Group size (số người trong nhóm), when the group was evaluated.
    pub group_size: Option<u32>,
    /// Số liệu gốc used for the straight path.
    pub baseline: Option<f64>,
    /// Where it comes from.
    pub baseline_source: Option<BaselineSource>,
    /// "Tăng X% so với hiện nay" as stated.
    pub increase: Option<f64>,
    /// Mức of the active milestone.
    pub target: Option<f64>,
    /// Upper end of a range.
    pub target_upper: Option<f64>,
    /// So sánh.
    pub comparator: Comparator,
    /// Deadline year of the active milestone.
    pub deadline: Option<u16>,
    /// Where the straight path stands at the scoring date.
    pub expected_now: Option<f64>,
    /// Persons needed to meet the active milestone.
    pub required: Option<u32>,
    /// Còn thiếu (persons).
    pub gap_persons: u32,
    /// Years left including the current one.
    pub years_left: u32,
    /// Persons per remaining year.
    pub per_year: u32,
    /// Per unit (for "mỗi đơn vị" targets).
    pub per_unit: Vec<UnitTally>,
    /// Every milestone.
    pub milestones: Vec<MilestoneCheck>,
    /// Giả định: the value (in the unit of `measured`) if everyone now nominated or studying
    /// on the target's course lines completes. Record-based targets only.
    #[serde(default)]
    pub what_if: Option<f64>,
    /// The active milestone would be met under that assumption.
    #[serde(default)]
    pub what_if_met: Option<bool>,
    /// Số liệu từ hồ sơ đào tạo: the value comes from enrollments and course lines.
    #[serde(default)]
    pub from_records: bool,
    /// Members of the group no row of the target's standards table covers ("đạt chuẩn"
    /// targets only): counted as not meeting, and said apart ([`TargetScore::standard_note`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub without_standard: Option<u32>,
    /// Năm được tính of an annual target (hằng năm, số lớp mỗi năm): the reading year within
    /// the target's period, or the period's last year when read after it.
    #[serde(default)]
    pub counted_year: Option<u16>,
    /// Each year of an annual target's period up to `counted_year`, when the period spans
    /// several years (empty otherwise).
    #[serde(default)]
    pub years: Vec<YearTally>,
    /// Loại hoạt động of an events target: the noun its counts are said in ("lớp", "đoàn").
    #[serde(default)]
    pub event: Option<EventKind>,
}

impl TargetScore {
    fn not_scored(t: &Target, unit: AmountUnit, reason: &str) -> Self {
        TargetScore {
            target_id: t.id.clone(),
            kind: t.measure.kind(),
            status: Status::NotScored,
            reason: Some(reason.to_string()),
            unit,
            value: None,
            measured: None,
            group_size: None,
            baseline: t.baseline.as_ref().map(|b| b.value),
            baseline_source: t.baseline.as_ref().map(|_| BaselineSource::Stated),
            increase: t.milestones.first().and_then(|m| m.increase),
            target: t.milestones.first().and_then(|m| m.value),
            target_upper: t.milestones.first().and_then(|m| m.upper),
            comparator: t.milestones.first().map(|m| m.comparator).unwrap_or_default(),
            deadline: t.milestones.first().map(|m| m.year),
            expected_now: None,
            required: None,
            gap_persons: 0,
            years_left: 0,
            per_year: 0,
            per_unit: Vec::new(),
            milestones: t
                .milestones
                .iter()
                .map(|m| MilestoneCheck { year: m.year, target: m.value, upper: m.upper, met: None })
                .collect(),
            what_if: None,
            what_if_met: None,
            from_records: false,
            without_standard: None,
            counted_year: None,
            years: Vec::new(),
            event: match t.measure {
                Measure::Events { event, .. } => Some(event),
                _ => None,
            },
        }
    }

    /// "05 đồng chí chưa có tiêu chuẩn áp dụng trong bảng tiêu chuẩn (không tính là đạt chuẩn)":
    /// the people an "đạt chuẩn" target could not judge; empty when every member is covered.
    pub fn standard_note(&self) -> String {
        match self.without_standard {
            Some(k) if k > 0 => format!(
                "{} chưa có tiêu chuẩn áp dụng trong bảng tiêu chuẩn (không tính là đạt chuẩn).",
                format_persons(k)
            ),
            _ => String::new(),
        }
    }

    /// A number of what this target counts, in its own unit: "12 lớp", "02 đoàn", "07 đồng chí"
    /// (shares and counts of persons are made up of persons).
    pub fn amount_text(&self, n: u32) -> String {
        match self.unit {
            AmountUnit::Events => format!("{} {}", format_count(n), self.event.map_or("hoạt động", EventKind::noun)),
            AmountUnit::PersonTimes => format!("{} lượt", format_count(n)),
            AmountUnit::Percent | AmountUnit::Persons => format_persons(n),
        }
    }

    /// The short noun of a pace ("người/năm", "lớp/năm").
    fn pace_noun(&self) -> &'static str {
        match self.unit {
            AmountUnit::Events => self.event.map_or("hoạt động", EventKind::noun),
            AmountUnit::PersonTimes => "lượt",
            AmountUnit::Percent | AmountUnit::Persons => "người",
        }
    }

    /// The value as officers write it: "14/42 = 33,3%", "07 đồng chí", "3/10 đơn vị đạt",
    /// "194 đồng chí, đạt 97% so với mục tiêu" (completions against the quota).
    pub fn value_text(&self) -> String {
        match (self.value, self.kind) {
            (None, _) => "chưa có dữ liệu".into(),
            (Some(v), MeasureKind::PerUnit) => format!("{}/{} đơn vị đạt", v.numerator, v.denominator),
            (Some(v), MeasureKind::Share | MeasureKind::Trained) => format_share(v.numerator, v.denominator),
            // "Trên 900" is not reached by 900: the quota as written, the threshold not met.
            (Some(v), MeasureKind::Completions)
                if v.denominator > 0
                    && v.numerator >= v.denominator
                    && self.required.is_some_and(|r| v.numerator < r) =>
            {
                format!(
                    "{}, chưa đạt mức {} {}",
                    self.amount_text(v.numerator),
                    self.comparator.label(),
                    format_count(v.denominator)
                )
            }
            (Some(v), MeasureKind::Completions) if v.denominator > 0 => crate::number::against_quota(
                v.numerator,
                if self.unit == AmountUnit::PersonTimes { "lượt" } else { "đồng chí" },
                v.denominator,
            ),
            (Some(v), MeasureKind::Completions) if self.unit == AmountUnit::PersonTimes => {
                self.amount_text(v.numerator)
            }
            (Some(v), MeasureKind::Events) => match self.counted_year {
                Some(y) => format!("{} trong năm {y}", self.amount_text(v.numerator)),
                None => format!("{} trong năm", self.amount_text(v.numerator)),
            },
            (Some(v), _) => format_persons(v.numerator),
        }
    }

    /// Each year of an annual target of several years, in words: "Từng năm: 2021: 00 lớp, chưa
    /// đạt (cần 02); 2022: 02 lớp, đạt" (empty when there is no per-year list).
    pub fn years_text(&self) -> String {
        if self.years.is_empty() {
            return String::new();
        }
        let years: Vec<String> = self
            .years
            .iter()
            .map(|y| {
                let amount = self.amount_text(y.count);
                match (y.met, y.required) {
                    (Some(true), _) => format!("{}: {amount}, đạt", y.year),
                    (Some(false), Some(r)) => format!("{}: {amount}, chưa đạt (cần {})", y.year, format_count(r)),
                    _ => format!("{}: {amount}", y.year),
                }
            })
            .collect();
        format!("Từng năm: {}", years.join("; "))
    }

    /// The gap in words, in the target's own unit: "cần thêm 07 đồng chí, 2 người/năm", "còn
    /// thiếu 12 lớp", "cần thêm 01 đoàn trong năm 2025" (empty when nothing is missing).
    pub fn gap_text(&self) -> String {
        if self.gap_persons == 0 || !self.status.is_judged() {
            return String::new();
        }
        let gap = self.amount_text(self.gap_persons);
        if self.years_left == 0 {
            return format!("còn thiếu {gap}");
        }
        match self.counted_year {
            Some(y) => format!("cần thêm {gap} trong năm {y}"),
            None => format!("cần thêm {gap}, {} {}/năm", self.per_year, self.pace_noun()),
        }
    }
}

/// Group size, beside the size the document states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupTally {
    /// Group id.
    pub group_id: String,
    /// Members on the roster.
    pub members: u32,
    /// Size stated by the document.
    pub stated: Option<u32>,
}

/// Nhu cầu đào tạo: the stated figure beside what the roster implies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedScore {
    /// Need id.
    pub need_id: String,
    /// Persons stated.
    pub stated_persons: Option<u32>,
    /// Per year stated, from.
    pub per_year_min: Option<u32>,
    /// Per year stated, to.
    pub per_year_max: Option<u32>,
    /// Members of the need's group not at the level (not counting those studying).
    pub members_below: Option<u32>,
    /// Sum of the gaps of the targets the need serves (an upper estimate: groups overlap).
    pub implied_by_targets: Option<u32>,
    /// Implied persons per remaining year.
    pub implied_per_year: Option<u32>,
}

/// Kết quả chấm một văn bản.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectiveScore {
    /// Directive id.
    pub directive_id: String,
    /// Scoring date.
    pub at: Date,
    /// Groups.
    pub groups: Vec<GroupTally>,
    /// Targets in document order.
    pub targets: Vec<TargetScore>,
    /// Needs in document order.
    pub needs: Vec<NeedScore>,
}

impl DirectiveScore {
    /// The score of target `id`.
    pub fn target(&self, id: &str) -> Option<&TargetScore> {
        self.targets.iter().find(|t| t.target_id == id)
    }

    /// How many targets have each status.
    pub fn counts(&self) -> HashMap<Status, usize> {
        let mut m = HashMap::new();
        for t in &self.targets {
            *m.entry(t.status).or_default() += 1;
        }
        m
    }
}

const EPS: f64 = 1e-9;

/// Persons required so that `count` of `n` meets `p`% with `cmp`.
pub fn required_for_share(p: f64, n: u32, cmp: Comparator) -> u32 {
    let x = p * f64::from(n) / 100.0;
    required_for_count(x, cmp)
}

/// Persons (or events) required to meet a count `x` with `cmp`.
pub fn required_for_count(x: f64, cmp: Comparator) -> u32 {
    let r = match cmp {
        Comparator::AtLeast | Comparator::Maintain => (x - EPS).ceil(),
        Comparator::Above => (x + EPS).floor() + 1.0,
        Comparator::About => (0.95 * x - EPS).ceil(),
    };
    r.max(0.0) as u32
}

/// The milestone's value, applying a relative increase to the baseline when no value is
/// stated.
fn milestone_value(m: &Milestone, baseline: Option<f64>) -> Option<f64> {
    m.value.or_else(|| Some(baseline? + m.increase?))
}

fn fraction(at: Date, from: Date, to: Date) -> f64 {
    let span = (to.days() - from.days()) as f64;
    if span <= 0.0 {
        return 1.0;
    }
    (((at.days() - from.days()) as f64) / span).clamp(0.0, 1.0)
}

/// Số liệu gốc of a target and where it comes from: a baseline measured by the app wins over
/// the one the document states, which wins over the one "tăng X% so với hiện nay" implies.
fn resolve_baseline(t: &Target, snapshots: &HashMap<String, f64>) -> (Option<f64>, Option<BaselineSource>) {
    let first = t.milestones.first();
    if let Some(v) = snapshots.get(&t.id) {
        (Some(*v), Some(BaselineSource::Snapshot))
    } else if let Some(b) = &t.baseline {
        (Some(b.value), Some(BaselineSource::Stated))
    } else if let Some((v, inc)) = first.and_then(|m| Some((m.value?, m.increase?))) {
        (Some(v - inc), Some(BaselineSource::Implied))
    } else {
        (None, None)
    }
}

/// Scores every target and need of `d` at `at`.
pub fn score_directive(d: &Directive, idx: &RosterIndex, at: Date) -> DirectiveScore {
    score_directive_with(d, idx, at, &HashMap::new())
}

/// As [`score_directive`], with baselines measured by the app earlier (target id → value),
/// which take precedence over the document's.
pub fn score_directive_with(
    d: &Directive,
    idx: &RosterIndex,
    at: Date,
    snapshots: &HashMap<String, f64>,
) -> DirectiveScore {
    score_directive_full(d, idx, at, snapshots, None)
}

/// Counts of a record-based target (see [`RecordSource`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RecordCount {
    /// Persons (trained, completed) or events counted.
    pub count: u32,
    /// The same if everyone now nominated or studying completed.
    pub if_all_complete: u32,
}

/// Where record-based targets (Trained, Completions, Events) get their numbers: implemented
/// by `crate::training::TrainingIndex`. Reached through a trait object so a bundle
/// that scores without records never links the training code.
pub trait RecordSource {
    /// The counts for target `t` of `d` at `at`, over `group` (the target's group, when it
    /// has one); `None` when no record exists for the target ("chưa có dữ liệu").
    fn count(&self, d: &Directive, t: &Target, at: Date, group: Option<&Bits>) -> Option<RecordCount>;
}

/// As [`score_directive_with`], scoring record-based targets from `records` when given.
pub fn score_directive_full(
    d: &Directive,
    idx: &RosterIndex,
    at: Date,
    snapshots: &HashMap<String, f64>,
    records: Option<&dyn RecordSource>,
) -> DirectiveScore {
    score_directive_among(d, &[], idx, at, snapshots, records)
}

/// As [`score_directive_full`], with the other directives a "duy trì mức đã đạt" milestone may
/// name ([`resolve_maintained`]).
pub fn score_directive_among(
    d: &Directive,
    others: &[Directive],
    idx: &RosterIndex,
    at: Date,
    snapshots: &HashMap<String, f64>,
    records: Option<&dyn RecordSource>,
) -> DirectiveScore {
    match resolve_maintained(d, others) {
        Some(resolved) => score_resolved(&resolved, idx, at, snapshots, records, None),
        None => score_resolved(d, idx, at, snapshots, records, None),
    }
}

/// Điểm của một đơn vị: every target and need of `d` scored over the cadres working in the
/// subtree of unit `unit_id` alone (within the directive's own scope), as So sánh đơn vị
/// shows each of its rows. Baselines the app measured are the whole area's and are not used;
/// a figure stated for the whole area is followed, not judged (see [`TargetScore::reason`]);
/// a "mỗi đơn vị" target counts the units inside that subtree. `None` when there is no such
/// unit.
pub fn score_directive_in_unit(
    d: &Directive,
    others: &[Directive],
    idx: &RosterIndex,
    at: Date,
    records: Option<&dyn RecordSource>,
    unit_id: &str,
) -> Option<DirectiveScore> {
    let unit = idx.unit_pos(unit_id)?;
    let working = idx.working_in(unit_id);
    let part = Some(Subtree { unit, working: &working });
    let none = HashMap::new();
    Some(match resolve_maintained(d, others) {
        Some(resolved) => score_resolved(&resolved, idx, at, &none, records, part),
        None => score_resolved(d, idx, at, &none, records, part),
    })
}

/// Mức duy trì: a copy of `d` where every "duy trì" milestone without a number holds the amount
/// it keeps: the last amount of the target it names ([`super::Reached`], in `d` or in the
/// directive of `others` with that id or số ký hiệu), else the previous milestone's amount.
/// `None` when `d` has no such milestone (nothing to copy). A reference that cannot be
/// resolved stays without a number; the target is then not scored and says why.
pub fn resolve_maintained(d: &Directive, others: &[Directive]) -> Option<Directive> {
    let open = |m: &Milestone| m.comparator == Comparator::Maintain && m.value.is_none() && m.increase.is_none();
    if !d.targets().iter().any(|t| t.milestones.iter().any(open)) {
        return None;
    }
    let last_amount = |t: &Target| {
        let m = t.milestones.last()?;
        m.value.or_else(|| Some(t.baseline.as_ref()?.value + m.increase?))
    };
    let reached = |r: &super::Reached| -> Option<f64> {
        let key = crate::text::fold(r.directive.trim());
        let source = if key.is_empty() {
            d
        } else {
            others
                .iter()
                .find(|o| o.id == r.directive.trim() || (!o.number.is_empty() && crate::text::fold(&o.number) == key))?
        };
        last_amount(source.target(r.target.trim())?)
    };
    fn walk(sections: &mut [super::Section], f: &mut dyn FnMut(&mut Target)) {
        for section in sections {
            section.items.iter_mut().flat_map(|i| i.targets.iter_mut()).for_each(&mut *f);
            walk(&mut section.sections, f);
        }
    }
    let mut resolved = d.clone();
    walk(&mut resolved.sections, &mut |t: &mut Target| {
        let mut previous: Option<f64> = None;
        for m in &mut t.milestones {
            if open(m) {
                m.value = match &m.reached {
                    Some(r) => reached(r),
                    None => previous,
                };
            }
            previous = m.value.or(previous);
        }
    });
    Some(resolved)
}

fn score_resolved(
    d: &Directive,
    idx: &RosterIndex,
    at: Date,
    snapshots: &HashMap<String, f64>,
    records: Option<&dyn RecordSource>,
    part: Option<Subtree>,
) -> DirectiveScore {
    let mut ev = Evaluator::for_directive(idx, d, at.year);
    let within = |bits: &Bits| part.map_or_else(|| bits.count(), |p| bits.count_and(p.working));
    let groups = d
        .groups
        .iter()
        .map(|g| GroupTally { group_id: g.id.clone(), members: within(&ev.group(&g.id)), stated: g.stated_count })
        .collect();
    let targets: Vec<TargetScore> = d
        .targets()
        .into_iter()
        .map(|t| match part {
            None => score_target(d, &mut ev, t, at, snapshots, records),
            Some(_) => {
                let evaluated = evaluate_target(&mut ev, t);
                score_evaluated(d, t, at, snapshots, records, idx, &evaluated, part)
            }
        })
        .collect();
    let needs = d
        .needs()
        .into_iter()
        .map(|n| {
            let members_below = match (&n.group, &n.criterion) {
                (Some(g), Some(c)) => {
                    let mut m = ev.group(g);
                    let mut c = c.clone();
                    if let super::Criterion::Level { count_studying, .. } = &mut c {
                        *count_studying = false;
                    }
                    let meets = ev.criterion(&c);
                    m.minus_with(&meets);
                    Some(within(&m))
                }
                _ => None,
            };
            let gaps: Vec<&TargetScore> = targets.iter().filter(|s| n.targets.contains(&s.target_id)).collect();
            let implied = (!gaps.is_empty()).then(|| gaps.iter().map(|s| s.gap_persons).sum::<u32>());
            let years_left = gaps.iter().map(|s| s.years_left).max().unwrap_or(0).max(1);
            NeedScore {
                need_id: n.id.clone(),
                stated_persons: n.persons,
                per_year_min: n.per_year_min,
                per_year_max: n.per_year_max,
                members_below,
                implied_by_targets: implied,
                implied_per_year: implied.map(|g| g.div_ceil(years_left)),
            }
        })
        .collect();
    DirectiveScore { directive_id: d.id.clone(), at, groups, targets, needs }
}

/// Cadres (positions in `Roster::cadres`) of the target's group who count, and who do not.
/// `None` for targets not measured from the roster.
pub fn target_members(d: &Directive, idx: &RosterIndex, target_id: &str, at: Date) -> Option<(Vec<usize>, Vec<usize>)> {
    let t = d.target(target_id)?;
    if !t.measure.from_roster() {
        return None;
    }
    let mut ev = Evaluator::for_directive(idx, d, at.year);
    let g = ev.group(t.group.as_deref()?);
    let c = ev.all_criteria(t.measure.criteria());
    let mut yes = g.clone();
    yes.and_with(&c);
    let mut no = g;
    no.minus_with(&c);
    Some((yes.iter().collect(), no.iter().collect()))
}

/// Một phần địa bàn: the cadres working in one unit's subtree, over which a target is scored
/// for that unit alone (so sánh đơn vị, a unit's own scores).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Subtree<'b> {
    /// Position of the unit in the index.
    pub unit: u32,
    /// Cadres working in its subtree ([`RosterIndex::working_in`]).
    pub working: &'b Bits,
}

/// What a target is scored from, evaluated once over the directive's scope: its group, who
/// meets its criteria, who no standard covers and which units a "mỗi đơn vị" target counts.
/// Scoring a part of the scope then only intersects these with the part's cadres.
#[derive(Debug, Clone)]
pub(crate) struct Evaluated {
    /// Members of the target's group (`None` when it names none).
    group: Option<Bits>,
    /// Cadres meeting every criterion of a roster measure.
    criteria: Bits,
    /// Cadres no row of a standards table covers ("đạt chuẩn" criteria only).
    without_standard: Option<Bits>,
    /// One flag per unit: counted by a "mỗi đơn vị" target (empty for other measures).
    units: Vec<bool>,
}

/// Evaluates what target `t` of `d` is scored from, once, with the directive's evaluator.
pub(crate) fn evaluate_target(ev: &mut Evaluator, t: &Target) -> Evaluated {
    let group = t.group.as_deref().map(|g| ev.group(g));
    let criteria = ev.all_criteria(t.measure.criteria());
    let without_standard = ev.without_standard(t.measure.criteria());
    let units = match &t.measure {
        Measure::PerUnit { units, .. } => units.compile(ev.idx),
        _ => Vec::new(),
    };
    Evaluated { group, criteria, without_standard, units }
}

/// Why a unit's row is followed, not judged, when the document's figure is for its whole area.
const WHOLE_AREA_ONLY: &str = "Mức văn bản nêu là của toàn địa bàn, không chia cho từng đơn vị: chỉ theo dõi.";

fn score_target(
    d: &Directive,
    ev: &mut Evaluator,
    t: &Target,
    at: Date,
    snapshots: &HashMap<String, f64>,
    records: Option<&dyn RecordSource>,
) -> TargetScore {
    let evaluated = evaluate_target(ev, t);
    score_evaluated(d, t, at, snapshots, records, ev.idx, &evaluated, None)
}

/// Scores target `t` from what [`evaluate_target`] gave, over the whole scope or over one
/// `part` of it. Over a part, a figure stated for the whole area (a number of persons, a quota
/// not given per unit) is followed, not judged ([`WHOLE_AREA_ONLY`]), events are not split
/// between units, and a "mỗi đơn vị" target counts the units inside the part alone.
#[allow(clippy::too_many_arguments)]
pub(crate) fn score_evaluated(
    d: &Directive,
    t: &Target,
    at: Date,
    snapshots: &HashMap<String, f64>,
    records: Option<&dyn RecordSource>,
    idx: &RosterIndex,
    e: &Evaluated,
    part: Option<Subtree>,
) -> TargetScore {
    let unit = match &t.measure {
        Measure::Share { .. } | Measure::PerUnit { .. } | Measure::Trained { .. } => AmountUnit::Percent,
        Measure::Completions { .. } if t.counting.tally == super::Tally::PersonTimes => AmountUnit::PersonTimes,
        Measure::Count { .. } | Measure::Completions { .. } => AmountUnit::Persons,
        Measure::Events { .. } => AmountUnit::Events,
        Measure::Directional => AmountUnit::Percent,
    };
    // The group within the part (the part itself stands for "everyone" when a record target
    // names no group).
    let group: Option<Bits> = match (&e.group, part) {
        (Some(g), Some(p)) => {
            let mut g = g.clone();
            g.and_with(p.working);
            Some(g)
        }
        (Some(g), None) => Some(g.clone()),
        (None, _) => None,
    };
    match &t.measure {
        Measure::Directional => {
            let mut s = TargetScore::not_scored(t, unit, "Chỉ tiêu định hướng: không chấm điểm.");
            s.status = Status::Tracked;
            return s;
        }
        Measure::Events { .. } if part.is_some() => {
            return TargetScore::not_scored(t, unit, "Số lớp, đoàn tính chung cho văn bản, không chia theo đơn vị.");
        }
        m if m.needs_records() => {
            let no_data = "Chưa có dữ liệu: cần số liệu các khóa đào tạo, bồi dưỡng.";
            let Some(src) = records else {
                return TargetScore::not_scored(t, unit, no_data);
            };
            if matches!(m, Measure::Trained { .. }) && group.is_none() {
                return TargetScore::not_scored(t, unit, "Chưa chọn nhóm đối tượng.");
            }
            let counted = group.as_ref().or(part.map(|p| p.working));
            let Some(rc) = src.count(d, t, at, counted) else {
                return TargetScore::not_scored(
                    t,
                    unit,
                    "Chưa có dữ liệu: chưa có lớp nào trong kế hoạch phục vụ chỉ tiêu này.",
                );
            };
            // An annual target of several years: each earlier year of its period, counted as
            // it stood at that year's end.
            let earlier: Vec<(u16, u32)> = match (counted_year(d, t, at), target_start(d, t)) {
                (Some(year), Some(start)) if start < year => (start..year)
                    .map(|y| {
                        let end = Date::end_of_year(y);
                        (y, src.count(d, t, end, counted).map_or(0, |c| c.count))
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let mut s = score_records(d, t, at, unit, rc, group.map(|g| g.count()), snapshots, &earlier);
            if part.is_some() && matches!(m, Measure::Completions { per_unit: false, .. }) {
                whole_area_only(&mut s, rc.count);
            }
            return s;
        }
        _ => {}
    }
    let Some(group) = group else {
        return TargetScore::not_scored(t, unit, "Chưa chọn nhóm đối tượng.");
    };
    let n = group.count();
    let crit = &e.criteria;
    let k = group.count_and(crit);
    let without_standard = e.without_standard.as_ref().map(|missing| group.count_and(missing));

    // Current value and, per milestone, the persons required.
    let mut per_unit = Vec::new();
    let (value, measured) = match &t.measure {
        Measure::Share { .. } => {
            (Value { numerator: k, denominator: n }, Value { numerator: k, denominator: n }.share())
        }
        Measure::Count { .. } => (Value { numerator: k, denominator: n }, Some(f64::from(k))),
        Measure::PerUnit { .. } => {
            let mut counts = vec![0u32; idx.units.len()];
            let mut both: Bits = group.clone();
            both.and_with(crit);
            for i in both.iter() {
                let mut u = idx.unit[i];
                let mut steps = 0;
                while u != NONE && steps < 64 {
                    counts[u as usize] += 1;
                    u = idx.parent[u as usize];
                    steps += 1;
                }
            }
            let active = t.milestone_for(at.year).map(|(_, m)| m);
            let req = active
                .and_then(|m| m.value)
                .map_or(0, |v| required_for_count(v, active.map(|m| m.comparator).unwrap_or_default()));
            for (i, &o) in e.units.iter().enumerate() {
                if o && part.is_none_or(|p| idx.within(i as u32, p.unit)) {
                    let c = counts[i];
                    per_unit.push(UnitTally {
                        unit_id: idx.roster.units[i].id.clone(),
                        count: c,
                        required: req,
                        met: c >= req,
                    });
                }
            }
            let met = per_unit.iter().filter(|u| u.met).count() as u32;
            let v = Value { numerator: met, denominator: per_unit.len() as u32 };
            (v, v.share())
        }
        _ => unreachable!("record measures returned above"),
    };

    let mut s = TargetScore::not_scored(t, unit, "");
    s.reason = None;
    s.value = Some(value);
    s.measured = measured;
    s.group_size = Some(n);
    s.per_unit = per_unit;
    s.without_standard = without_standard;

    let is_share = matches!(t.measure, Measure::Share { .. });
    let is_per_unit = matches!(t.measure, Measure::PerUnit { .. });
    if (is_share && n == 0) || (is_per_unit && value.denominator == 0) {
        s.status = Status::NotScored;
        s.reason = Some(
            if is_share {
                "Nhóm đối tượng chưa có ai trong danh sách."
            } else {
                "Chưa có đơn vị nào khớp."
            }
            .into(),
        );
        return s;
    }
    let required = |v: f64, cmp: Comparator| match &t.measure {
        Measure::Share { .. } => required_for_share(v, n, cmp),
        Measure::Count { .. } => required_for_count(v, cmp),
        // Per unit: every unit meets; the gap is counted in persons per unit.
        _ => 0,
    };
    score_milestones(
        d,
        t,
        at,
        snapshots,
        &mut s,
        Reach { count: k, required: &required, per_unit: is_per_unit, annual: None },
    );
    if part.is_some() && matches!(t.measure, Measure::Count { .. }) {
        whole_area_only(&mut s, k);
    }
    s
}

/// A unit's row of a target whose figure is the whole area's: the count is kept, nothing is
/// judged against a figure that was never set for the unit.
fn whole_area_only(s: &mut TargetScore, count: u32) {
    s.status = Status::Tracked;
    s.reason = Some(WHOLE_AREA_ONLY.into());
    s.value = Some(Value { numerator: count, denominator: 0 });
    s.measured = Some(f64::from(count));
    s.target = None;
    s.target_upper = None;
    s.required = None;
    s.expected_now = None;
    s.gap_persons = 0;
    s.per_year = 0;
    s.what_if_met = None;
    s.years.clear();
    s.milestones.iter_mut().for_each(|m| m.met = None);
}

/// What [`score_milestones`] needs from a scorer besides the score so far.
struct Reach<'a> {
    /// Persons (or events) counted now.
    count: u32,
    /// Persons (or events) required to meet a milestone's value with its comparator.
    required: &'a dyn Fn(f64, Comparator) -> u32,
    /// A "mỗi đơn vị" target: met when every unit meets, the gap summed over the units'
    /// shortfalls, the path drawn towards 100% of units.
    per_unit: bool,
    /// The year an annual target counts in (hằng năm, events; see [`counted_year`]): one year
    /// left at most, the path drawn from 0 on 1 January of that year, overdue once it is over.
    annual: Option<u16>,
}

/// The tail every scorer shares once `s` holds the current value: the baseline, each milestone
/// checked, the active milestone with the persons it requires, the gap and its pace, the
/// straight path and the status. Returns the persons the active milestone requires, or `None`
/// when the target could not be scored (`s` then says why).
fn score_milestones(
    d: &Directive,
    t: &Target,
    at: Date,
    snapshots: &HashMap<String, f64>,
    s: &mut TargetScore,
    r: Reach<'_>,
) -> Option<u32> {
    let not_scored = |s: &mut TargetScore, reason: &str| {
        s.status = Status::NotScored;
        s.reason = Some(reason.into());
        None
    };
    if t.milestones.is_empty() {
        s.status = Status::Tracked;
        s.reason = Some("Văn bản không nêu mức cần đạt.".into());
        return None;
    }
    let (baseline, source) = resolve_baseline(t, snapshots);
    s.baseline = baseline;
    s.baseline_source = source;
    let k = r.count;
    let units_met = s.value.is_some_and(|v| v.numerator == v.denominator);
    let required = |m: &Milestone| -> Option<u32> {
        let v = milestone_value(m, baseline)?;
        Some((r.required)(v, m.comparator))
    };
    let met_of = |m: &Milestone| -> Option<bool> {
        if r.per_unit {
            return Some(units_met);
        }
        required(m).map(|req| k >= req)
    };
    s.milestones = t
        .milestones
        .iter()
        .map(|m| MilestoneCheck { year: m.year, target: milestone_value(m, baseline), upper: m.upper, met: met_of(m) })
        .collect();

    let (ai, m) = t.milestone_for(r.annual.unwrap_or(at.year)).expect("milestones not empty");
    let target_value = milestone_value(m, baseline);
    s.target = target_value;
    s.target_upper = m.upper;
    s.increase = m.increase;
    s.comparator = m.comparator;
    s.deadline = Some(m.year);
    s.required = required(m);
    s.gap_persons = if r.per_unit {
        s.per_unit.iter().map(|u| u.required.saturating_sub(u.count)).sum()
    } else {
        s.required.map_or(0, |req| req.saturating_sub(k))
    };
    s.years_left = if let Some(year) = r.annual {
        u32::from(at.year <= year)
    } else {
        u32::from(m.year.saturating_sub(at.year)) + u32::from(at.year <= m.year)
    };
    s.per_year = if s.years_left == 0 { s.gap_persons } else { s.gap_persons.div_ceil(s.years_left) };

    // Straight path from the previous point to this milestone.
    let goal = if r.per_unit { Some(100.0) } else { target_value };
    let Some(goal) = goal else {
        if m.comparator == Comparator::Maintain && m.increase.is_none() {
            return not_scored(s, "Duy trì mức đã đạt: chưa tìm thấy chỉ tiêu hoặc văn bản có mức đó.");
        }
        return not_scored(s, "Chỉ tiêu tương đối nhưng thiếu số liệu gốc.");
    };
    // An annual target's own deadline is the end of the year it counts in.
    let deadline = Date::end_of_year(r.annual.map_or(m.year, |year| year.min(m.year)));
    let (from_date, from_value, path_end) = if let Some(year) = r.annual {
        (Date::start_of_year(year), 0.0, deadline)
    } else if ai == 0 {
        (d.start_date().unwrap_or(Date::start_of_year(at.year)), baseline.unwrap_or(0.0), deadline)
    } else {
        let p = &t.milestones[ai - 1];
        let value = if r.per_unit { 100.0 } else { milestone_value(p, baseline).unwrap_or(0.0) };
        (Date::end_of_year(p.year), value, deadline)
    };
    let expected = from_value + (goal - from_value) * fraction(at, from_date, path_end);
    s.expected_now = Some(expected);
    let current = s.measured.unwrap_or(0.0);
    s.status = if met_of(m) == Some(true) {
        Status::Met
    } else if at > deadline && !t.continuing {
        Status::Overdue
    } else if current + EPS >= expected {
        Status::OnTrack
    } else {
        Status::Behind
    };
    Some(s.required.unwrap_or(0))
}

/// Scores a record-based target from its counts: "trained" as a share of the group,
/// "completions" as persons against the quota, "events" as events in the year. Annual
/// measures (hàng năm, events per year) follow a straight path within the year they count in
/// ([`counted_year`]); `earlier` holds the counts of the earlier years of their period.
#[allow(clippy::too_many_arguments)]
fn score_records(
    d: &Directive,
    t: &Target,
    at: Date,
    unit: AmountUnit,
    rc: RecordCount,
    n: Option<u32>,
    snapshots: &HashMap<String, f64>,
    earlier: &[(u16, u32)],
) -> TargetScore {
    let is_share = matches!(t.measure, Measure::Trained { .. });
    let annual = counted_year(d, t, at);
    let n = n.unwrap_or(0);
    let k = rc.count;
    let mut s = TargetScore::not_scored(t, unit, "");
    s.reason = None;
    s.from_records = true;
    s.group_size = is_share.then_some(n);
    let as_measured =
        |k: u32| if is_share { Value { numerator: k, denominator: n }.share() } else { Some(f64::from(k)) };
    s.measured = as_measured(k);
    s.what_if = as_measured(rc.if_all_complete);
    s.value = Some(Value { numerator: k, denominator: if is_share { n } else { 0 } });
    if is_share && n == 0 {
        s.status = Status::NotScored;
        s.reason = Some("Nhóm đối tượng chưa có ai trong danh sách.".into());
        return s;
    }
    let required =
        |v: f64, cmp: Comparator| if is_share { required_for_share(v, n, cmp) } else { required_for_count(v, cmp) };
    s.counted_year = annual;
    let reach = Reach { count: k, required: &required, per_unit: false, annual };
    if let Some(req) = score_milestones(d, t, at, snapshots, &mut s, reach) {
        if matches!(t.measure, Measure::Completions { .. }) {
            // Against the quota as written ("khoảng 1.200" is 1.200), the status against the
            // comparator's threshold.
            let stated = s.target.map_or(req, crate::number::round_count);
            s.value = Some(Value { numerator: k, denominator: stated });
        }
        s.what_if_met = Some(rc.if_all_complete >= req);
    }
    if let Some(year) = annual.filter(|_| !earlier.is_empty()) {
        let required_in = |y: u16| {
            let (_, m) = t.milestone_for(y)?;
            Some(required(milestone_value(m, s.baseline)?, m.comparator))
        };
        s.years = earlier
            .iter()
            .copied()
            .chain(std::iter::once((year, k)))
            .map(|(y, count)| {
                let required = required_in(y);
                YearTally { year: y, count, required, met: required.map(|r| count >= r) }
            })
            .collect();
    }
    s
}

/// Năm bắt đầu of a target's period: its own start year, else the directive's period, else
/// the year of its date.
pub fn target_start(d: &Directive, t: &Target) -> Option<u16> {
    t.start_year.or(d.period.map(|p| p.from)).or(d.date.map(|x| x.year))
}

/// Năm kết thúc of a target's period: its last milestone, else the directive's period; none
/// for a continuing programme (tiếp tục, không có thời hạn).
pub fn target_end(d: &Directive, t: &Target) -> Option<u16> {
    if t.continuing {
        return None;
    }
    t.last_year().or(d.period.map(|p| p.to))
}

/// Giai đoạn of a target, the years the document gives it: from [`target_start`] to
/// [`target_end`] (a one-year plan: from = to); `None` when either is unknown or a deadline
/// falls before the start.
pub fn target_period(d: &Directive, t: &Target) -> Option<Period> {
    let (from, to) = (target_start(d, t)?, target_end(d, t)?);
    (from <= to).then_some(Period { from, to })
}

/// The year an annual target (hằng năm, số lớp mỗi năm, mỗi năm cử) counts in at `at`: the reading year
/// within the target's period, its first year before it, its last year after it (read in
/// January 2022, a 2021 plan shows 2021). `None` for other measures.
pub fn counted_year(d: &Directive, t: &Target, at: Date) -> Option<u16> {
    let annual = match t.measure {
        Measure::Events { .. } | Measure::Trained { window: Window::Year, .. } => true,
        Measure::Completions { .. } => t.counting.per_year,
        _ => false,
    };
    if !annual {
        return None;
    }
    let mut year = at.year;
    if let Some(start) = target_start(d, t) {
        year = year.max(start);
    }
    if let Some(end) = target_end(d, t) {
        year = year.min(end);
    }
    Some(year)
}

/// The years a record-based target counts in at `at`, both ends included, always within the
/// target's period so that a target read after its period shows that period's final result:
/// the [`counted_year`] (hàng năm, events), the last N years up to the reading year or the
/// period's end (ít nhất 1 lần trong N năm), the term ending at the active milestone (from the
/// previous milestone's year, or five years before), the stated period, or, for completions,
/// the target's period ([`target_start`]) up to the active milestone.
pub fn record_years(d: &Directive, t: &Target, at: Date) -> (u16, u16) {
    if let Some(year) = counted_year(d, t, at) {
        return (year, year);
    }
    match &t.measure {
        Measure::Trained { window: Window::Years { years }, .. } => {
            let end = target_end(d, t).map_or(at.year, |e| at.year.min(e));
            (end.saturating_sub(u16::from(*years).max(1) - 1), end)
        }
        Measure::Trained { window: Window::Term, .. } => match t.milestone_for(at.year) {
            Some((i, m)) => (if i > 0 { t.milestones[i - 1].year } else { m.year.saturating_sub(5) }, m.year),
            None => (at.year.saturating_sub(4), at.year),
        },
        Measure::Trained { window: Window::Period { from, to }, .. } => (*from, *to),
        _ => {
            let from = target_start(d, t).unwrap_or(0);
            let to = t.milestone_for(at.year).map_or(at.year, |(_, m)| m.year.max(from));
            (from, to)
        }
    }
}

// ---------------------------------------------------------------- Vietnamese formatting

pub use crate::number::{
    format_count, format_number, format_percent, format_persons, format_share, format_thousands, percent_tenths,
};

/// A milestone in words: "ít nhất 50%", "20-25%", "03 - 05 đồng chí", "trên 40%".
pub fn format_milestone(m: &Milestone, unit: AmountUnit, baseline: Option<f64>) -> String {
    let v = milestone_value(m, baseline);
    let num = |x: f64| match unit {
        AmountUnit::Percent => crate::number::format_stated(x),
        _ => format_count(crate::number::round_count(x)),
    };
    let suffix = match unit {
        AmountUnit::Percent => "%",
        AmountUnit::Persons => " đồng chí",
        AmountUnit::PersonTimes => " lượt",
        AmountUnit::Events => "",
    };
    let body = match (v, m.upper) {
        (Some(a), Some(b)) if unit == AmountUnit::Percent => format!("{}-{}{suffix}", num(a), num(b)),
        (Some(a), Some(b)) => format!("{} - {}{suffix}", num(a), num(b)),
        (Some(a), None) => format!("{}{suffix}", num(a)),
        (None, _) => match m.increase {
            Some(i) => format!("tăng {}%", crate::number::format_stated(i)),
            None => "—".into(),
        },
    };
    let head = if m.upper.is_some() && m.comparator == Comparator::AtLeast { "" } else { m.comparator.label() };
    let mut s = if head.is_empty() { body } else { format!("{head} {body}") };
    s.push_str(&format!(" (năm {})", m.year));
    s
}
