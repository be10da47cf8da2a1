//! Số liệu theo báo cáo: the results a document itself reports ("tăng 3,6% so với năm 2010",
//! "194 thạc sỹ, đạt 97% so với mục tiêu", "141/203, 69,5%", "gần 40%", "07 tiến sỹ, vượt chỉ
//! tiêu") and the sizes it states for its groups ("khoảng 1.200"), written in the documents'
//! words, set beside what the roster counts ("theo danh sách"), and checked for the parts that
//! should add up.
//!
//! Every page, report and export writes a reported figure through [`reported_text`] and points
//! out a disagreement through [`against_roster`], [`group_against_roster`] and
//! [`add_up_flags`]; none of them changes a score.

use super::describe::lower_first;
use super::group::GroupRule;
use super::score::{AmountUnit, TargetScore};
use super::target::{ChangeUnit, Criterion, EventKind, Measure, Outcome, Reported, Target};
use super::{Date, Directive, Group, StatedSize};
use crate::levels::Scale;
use crate::number::{format_count, format_percent, format_stated, format_thousands, parse_bounded, Bound};

/// How a reported amount of a measure is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Amount {
    /// "40%".
    Percent,
    /// "194 đồng chí".
    Persons,
    /// "05 lớp".
    Events(EventKind),
    /// A bare number (a directional target's figure).
    Plain,
}

fn amount_of(m: &Measure) -> Amount {
    match m {
        Measure::Share { .. } | Measure::Trained { .. } => Amount::Percent,
        Measure::Count { .. } | Measure::Completions { .. } | Measure::PerUnit { .. } => Amount::Persons,
        Measure::Events { event, .. } => Amount::Events(*event),
        Measure::Directional => Amount::Plain,
    }
}

/// A count as the documents write it: "07", "194", "2.000"; a fraction as typed ("12,5").
fn count_text(x: f64) -> String {
    if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) {
        format_count(x as u32)
    } else {
        format_stated(x)
    }
}

fn amount_text(x: f64, bound: Bound, amount: Amount) -> String {
    let figure = match amount {
        Amount::Percent => format!("{}%", format_stated(x)),
        Amount::Persons => format!("{} đồng chí", count_text(x)),
        Amount::Events(e) => format!("{} {}", count_text(x), e.noun()),
        Amount::Plain => format_stated(x),
    };
    bound.write(&figure)
}

/// The figures of one report in words, without its year: "141/203, 69,5%", "gần 40%", "194
/// đồng chí, đạt 97% so với mục tiêu", "tăng 3,6% so với năm 2010", "vượt chỉ tiêu".
fn figures_text(r: &Reported, amount: Amount) -> String {
    let mut parts = Vec::new();
    match (r.numerator, r.denominator, amount) {
        (Some(n), Some(d), Amount::Percent) => {
            let of = format!("{}/{}", format_thousands(u64::from(n)), format_thousands(u64::from(d)));
            parts.push(match r.value {
                Some(v) => format!("{of}, {}", amount_text(v, r.bound, amount)),
                None => of,
            });
        }
        (Some(n), Some(d), _) if r.value.is_none() => {
            parts.push(format!("{}/{}", format_count(n), amount_text(f64::from(d), Bound::Exact, amount)));
        }
        (Some(n), None, _) if r.value.is_none() => parts.push(amount_text(f64::from(n), r.bound, amount)),
        _ => {
            if let Some(v) = r.value {
                parts.push(amount_text(v, r.bound, amount));
            }
            if let (Some(d), false) = (r.denominator, amount == Amount::Percent) {
                parts.push(format!("trên tổng số {}", format_count(d)));
            }
        }
    }
    if let Some(c) = r.change {
        let unit = match r.change_unit {
            ChangeUnit::Points => Amount::Percent,
            ChangeUnit::Persons => Amount::Persons,
        };
        let verb = if c < 0.0 { "giảm" } else { "tăng" };
        let since = r.since_year.map(|y| format!(" so với năm {y}")).unwrap_or_default();
        parts.push(if c == 0.0 {
            format!("không thay đổi{since}")
        } else {
            format!("{verb} {}{since}", amount_text(c.abs(), r.change_bound, unit))
        });
    }
    if let Some(q) = r.of_quota {
        parts.push(format!("đạt {}% so với mục tiêu", format_stated(q)));
    }
    if let Some(o) = r.outcome {
        parts.push(o.label().to_string());
    }
    parts.join(", ")
}

/// One report in words, with its year: "Năm 2014: 194 đồng chí, đạt 97% so với mục tiêu".
pub fn reported_text(r: &Reported, m: &Measure) -> String {
    let figures = figures_text(r, amount_of(m));
    if figures.is_empty() {
        format!("Năm {}: chưa nêu số liệu", r.year)
    } else {
        format!("Năm {}: {figures}", r.year)
    }
}

/// Every report of a target in words, oldest first, joined by "; " (empty without one).
pub fn reports_text(t: &Target) -> String {
    t.reported.iter().map(|r| reported_text(r, &t.measure)).collect::<Vec<_>>().join("; ")
}

/// Every report of a target as a phrase that follows a sentence: "theo báo cáo năm 2014:
/// tăng 3,6% so với năm 2010; năm 2015: …" (empty without one).
pub fn reports_phrase(t: &Target) -> String {
    if t.reported.is_empty() {
        return String::new();
    }
    let each: Vec<String> = t.reported.iter().map(|r| lower_first(&reported_text(r, &t.measure))).collect();
    format!("theo báo cáo {}", each.join("; "))
}

/// True when the roster at `at` speaks of the year a report is about: the report's own year,
/// or the next (reviews are held in the first weeks of the following year).
pub fn comparable(r: &Reported, at: Date) -> bool {
    at.year == r.year || at.year == r.year.saturating_add(1)
}

/// The report a comparison with the roster at `at` uses: the latest one of a comparable year.
pub fn report_for(t: &Target, at: Date) -> Option<&Reported> {
    t.reported.iter().filter(|r| comparable(r, at)).max_by_key(|r| r.year)
}

/// A reported figure the roster contradicts, in words ("Không khớp: theo báo cáo gần 40%, theo
/// danh sách 33,3%."), for the report of the year the score speaks of (see [`report_for`]).
/// `None` when they agree, when no report is of that year, or when nothing was measured.
/// Never changes the score: the officer decides which one is right.
pub fn against_roster(t: &Target, s: &TargetScore, at: Date) -> Option<String> {
    let r = report_for(t, at)?;
    let amount = amount_of(&t.measure);
    let mut out = Vec::new();
    let measured = s.measured.filter(|_| s.value.is_some());
    if let (Some(v), Some(m)) = (r.value, measured) {
        let (unit_ok, slack) = match (amount, s.unit) {
            (Amount::Percent, AmountUnit::Percent) => (true, 0.05),
            (Amount::Persons, AmountUnit::Persons) | (Amount::Events(_), AmountUnit::Events) => (true, 0.5),
            _ => (false, 0.0),
        };
        if unit_ok && !r.bound.admits(v, m, slack) {
            let roster = match amount {
                Amount::Percent => format_percent(m),
                _ => amount_text(m.round(), Bound::Exact, amount),
            };
            out.push(format!("theo báo cáo {}, theo danh sách {roster}", amount_text(v, r.bound, amount)));
        }
    }
    if let Some(value) = s.value.filter(|_| amount == Amount::Percent) {
        if let Some(n) = r.numerator.filter(|n| *n != value.numerator) {
            out.push(format!(
                "tử số theo báo cáo {}, theo danh sách {}",
                format_count(n),
                format_count(value.numerator)
            ));
        }
        if let Some(d) = r.denominator.filter(|d| *d != value.denominator) {
            out.push(format!(
                "mẫu số theo báo cáo {}, theo danh sách {}",
                format_count(d),
                format_count(value.denominator)
            ));
        }
    }
    (!out.is_empty()).then(|| format!("Không khớp (năm {}): {}.", r.year, out.join("; ")))
}

/// A group's stated size in words, as typed in the form and shown in tables: "42",
/// "khoảng 1.200".
pub fn stated_size_text(count: u32, bound: Bound) -> String {
    bound.write(&format_thousands(u64::from(count)))
}

/// Sizes by year as the form shows them: "2024: 1.150; 2025: khoảng 1.200".
pub fn by_year_text(sizes: &[StatedSize]) -> String {
    sizes.iter().map(|s| format!("{}: {}", s.year, stated_size_text(s.count, s.bound))).collect::<Vec<_>>().join("; ")
}

/// Reads "2024: 1.150; 2025: khoảng 1.200" (";" or new lines between years), in year order.
/// The message names what is wrong.
pub fn parse_by_year(text: &str) -> Result<Vec<StatedSize>, String> {
    let mut out: Vec<StatedSize> = Vec::new();
    for part in text.split([';', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        let wrong = || format!("Số người từng năm: “{part}” phải viết “năm: số người”, ví dụ 2025: khoảng 1.200.");
        let (year, figure) = part.split_once(':').ok_or_else(wrong)?;
        let year = year.trim().trim_start_matches("năm").trim().parse::<u16>().map_err(|_| wrong())?;
        if !(1945..=2100).contains(&year) {
            return Err(format!("Số người từng năm: năm {year} không hợp lệ (1945-2100)."));
        }
        let (bound, count) =
            parse_bounded(figure).filter(|(_, x)| x.fract() == 0.0 && *x <= f64::from(u32::MAX)).ok_or_else(wrong)?;
        if out.iter().any(|s| s.year == year) {
            return Err(format!("Số người từng năm: năm {year} nhập hai lần."));
        }
        out.push(StatedSize { year, count: count as u32, bound });
    }
    out.sort_by_key(|s| s.year);
    Ok(out)
}

/// The size a group's document states for `year` against the roster's count, when they
/// disagree: "Nhóm “…”: văn bản nêu khoảng 1.200 người, danh sách có 980 người."
pub fn group_against_roster(g: &Group, members: u32, year: u16) -> Option<String> {
    let s = g.stated_for(year)?;
    (!s.bound.admits(f64::from(s.count), f64::from(members), 0.5)).then(|| {
        format!(
            "Nhóm “{}”: văn bản nêu {} người, danh sách có {} người.",
            g.name,
            stated_size_text(s.count, s.bound),
            format_thousands(u64::from(members))
        )
    })
}

/// The least and the most a figure written with `bound` can be (see [`Bound::admits`]).
fn range(bound: Bound, x: f64) -> (f64, f64) {
    match bound {
        Bound::Exact => (x, x),
        Bound::About => (x * 0.95, x * 1.05),
        Bound::Nearly => (x * 0.9, x),
        Bound::Over | Bound::Above => (x, f64::INFINITY),
        Bound::Under => (0.0, x),
    }
}

/// What does not add up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagKind {
    /// A share at a higher level above the share at a lower one.
    NestedShares,
    /// A whole larger than its parts together.
    WholeOverParts,
    /// A part larger than its whole: never true, refused when saved.
    PartOverWhole,
}

/// Số liệu cần xem lại: reported figures of one directive that cannot all be true.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddUpFlag {
    /// What does not add up.
    pub kind: FlagKind,
    /// The targets concerned (empty when only groups' stated sizes are).
    pub target_ids: Vec<String>,
    /// The groups concerned.
    pub group_ids: Vec<String>,
    /// What does not add up, in Vietnamese, naming the groups and figures.
    pub message: String,
}

/// The parts of a group made as the union of other groups ("gồm các nhóm"), else none.
fn parts(g: &Group) -> Option<Vec<&str>> {
    let GroupRule::AnyOf { rules } = &g.rule else { return None };
    let ids: Option<Vec<&str>> =
        rules.iter().map(|r| if let GroupRule::Group { id } = r { Some(id.as_str()) } else { None }).collect();
    ids.filter(|v| v.len() >= 2)
}

fn group_name(d: &Directive, id: &str) -> String {
    d.group(id).map_or_else(|| id.to_string(), |g| g.name.clone())
}

/// One level criterion of a share target: its scale and rank ("thạc sĩ trở lên" on the
/// professional scale).
fn single_level(t: &Target) -> Option<(Scale, u8, String)> {
    let Measure::Share { criteria } = &t.measure else { return None };
    let [c @ Criterion::Level { scale, level, .. }] = criteria.as_slice() else { return None };
    let (_, rank) = c.level_rank()?;
    let name = scale.levels().into_iter().find(|(code, _)| code == level).map(|(_, l)| l.to_lowercase())?;
    Some((*scale, rank, name))
}

/// A reported count of a target: its value for a count of persons, its numerator for a
/// share.
fn reported_count(t: &Target, r: &Reported) -> Option<(f64, Bound)> {
    match amount_of(&t.measure) {
        Amount::Persons => r.value.map(|v| (v, r.bound)).or(r.numerator.map(|n| (f64::from(n), Bound::Exact))),
        Amount::Percent => r.numerator.map(|n| (f64::from(n), Bound::Exact)),
        _ => None,
    }
}

/// Sums figures with their bounds: the least and the most the total can be.
fn sum_range(figures: &[(f64, Bound)]) -> (f64, f64) {
    figures.iter().fold((0.0, 0.0), |(lo, hi), (x, b)| {
        let (l, h) = range(*b, *x);
        (lo + l, hi + h)
    })
}

/// Parts that should add up and cannot:
/// - for one group, one scale and one report year, a reported share at a higher level above
///   the share at a lower level ("thạc sĩ trở lên 45%" beside "đại học trở lên 40%": the bands
///   between the levels would add up to more than 100%);
/// - a group made of parts ("gồm các nhóm"): its stated size more than the parts' together, or
///   a part more than the whole; the same for reported counts of the same measure and year on
///   the whole and on every part.
///
/// Bounded figures are flagged only when no value they admit could make them agree.
pub fn add_up_flags(d: &Directive) -> Vec<AddUpFlag> {
    let mut flags = Vec::new();
    let targets = d.targets();
    // Nested shares.
    let mut shares: Vec<(&Target, &Reported, Scale, u8, String)> = Vec::new();
    for t in &targets {
        let Some((scale, rank, name)) = single_level(t) else { continue };
        for r in t.reported.iter().filter(|r| r.value.is_some()) {
            shares.push((t, r, scale, rank, name.clone()));
        }
    }
    for (i, (ta, ra, sa, rank_a, name_a)) in shares.iter().enumerate() {
        for (tb, rb, sb, rank_b, name_b) in &shares[i + 1..] {
            if ta.group != tb.group || sa != sb || ra.year != rb.year || rank_a == rank_b {
                continue;
            }
            let ((high_t, high_r, high_name), (low_t, low_r, low_name)) = if rank_a > rank_b {
                ((ta, ra, name_a), (tb, rb, name_b))
            } else {
                ((tb, rb, name_b), (ta, ra, name_a))
            };
            let (high_min, _) = range(high_r.bound, high_r.value.unwrap_or_default());
            let (_, low_max) = range(low_r.bound, low_r.value.unwrap_or_default());
            if high_min > low_max + 1e-9 {
                let group = t_group_name(d, high_t);
                flags.push(AddUpFlag {
                    kind: FlagKind::NestedShares,
                    target_ids: vec![low_t.id.clone(), high_t.id.clone()],
                    group_ids: high_t.group.iter().cloned().collect(),
                    message: format!(
                        "{group}, năm {}: theo báo cáo, tỷ lệ {high_name} trở lên ({}) cao hơn tỷ lệ {low_name} trở lên ({}); người có trình độ {high_name} đã được tính trong tỷ lệ {low_name} trở lên, nên các phần cộng lại quá 100%.",
                        high_r.year,
                        amount_text(high_r.value.unwrap_or_default(), high_r.bound, Amount::Percent),
                        amount_text(low_r.value.unwrap_or_default(), low_r.bound, Amount::Percent),
                    ),
                });
            }
        }
    }
    // Wholes and their parts.
    for whole in &d.groups {
        let Some(part_ids) = parts(whole) else { continue };
        let names = part_ids.iter().map(|p| format!("“{}”", group_name(d, p))).collect::<Vec<_>>().join(", ");
        let mut group_ids = vec![whole.id.clone()];
        group_ids.extend(part_ids.iter().map(|p| p.to_string()));
        // Stated sizes, for every year any of them states.
        let mut years: Vec<Option<u16>> = vec![None];
        for g in std::iter::once(whole).chain(part_ids.iter().filter_map(|p| d.group(p))) {
            years.extend(g.stated_by_year.iter().map(|s| Some(s.year)));
        }
        years.sort();
        years.dedup();
        for year in years {
            let size = |g: &Group| match year {
                Some(y) => g.stated_for(y).map(|s| (f64::from(s.count), s.bound)),
                None => g.stated_count.map(|c| (f64::from(c), g.stated_bound)),
            };
            let Some(total) = size(whole) else { continue };
            let part_sizes: Option<Vec<(f64, Bound)>> = part_ids.iter().map(|p| d.group(p).and_then(size)).collect();
            let Some(part_sizes) = part_sizes else { continue };
            let when = year.map(|y| format!(" năm {y}")).unwrap_or_default();
            if let Some((kind, message)) = whole_against_parts(
                total,
                &part_sizes,
                &format!("Nhóm “{}”{when}: văn bản nêu", whole.name),
                "người",
                &names,
            ) {
                flags.push(AddUpFlag { kind, target_ids: Vec::new(), group_ids: group_ids.clone(), message });
            }
        }
        // Reported counts of the same measure and year on the whole and every part.
        for t in targets.iter().filter(|t| t.group.as_deref() == Some(whole.id.as_str())) {
            for r in &t.reported {
                let Some(total) = reported_count(t, r) else { continue };
                let mut ids = vec![t.id.clone()];
                let mut figures = Vec::new();
                for p in &part_ids {
                    let found = targets.iter().find_map(|pt| {
                        (pt.group.as_deref() == Some(*p) && pt.measure == t.measure)
                            .then(|| {
                                pt.reported.iter().find(|pr| pr.year == r.year).and_then(|pr| reported_count(pt, pr))
                            })
                            .flatten()
                            .map(|f| (pt.id.clone(), f))
                    });
                    if let Some((id, f)) = found {
                        ids.push(id);
                        figures.push(f);
                    }
                }
                if figures.len() != part_ids.len() {
                    continue;
                }
                if let Some((kind, message)) = whole_against_parts(
                    total,
                    &figures,
                    &format!("Nhóm “{}”, năm {}: theo báo cáo", whole.name, r.year),
                    "người",
                    &names,
                ) {
                    flags.push(AddUpFlag { kind, target_ids: ids, group_ids: group_ids.clone(), message });
                }
            }
        }
    }
    flags
}

fn t_group_name(d: &Directive, t: &Target) -> String {
    t.group.as_deref().map_or_else(|| "Chỉ tiêu".to_string(), |g| format!("Nhóm “{}”", group_name(d, g)))
}

/// The whole against its parts' sum: more than all of them together, or less than one of
/// them, cannot be.
fn whole_against_parts(
    total: (f64, Bound),
    parts: &[(f64, Bound)],
    lead: &str,
    noun: &str,
    names: &str,
) -> Option<(FlagKind, String)> {
    let (total_min, total_max) = range(total.1, total.0);
    let (_, parts_max) = sum_range(parts);
    let written = |(x, b): (f64, Bound)| b.write(&count_text(x));
    let list = parts.iter().map(|p| written(*p)).collect::<Vec<_>>().join(" + ");
    if total_min > parts_max + 1e-9 {
        let message =
            format!("{lead} tổng số {} {noun}, nhiều hơn các phần {names} cộng lại ({list}).", written(total));
        return Some((FlagKind::WholeOverParts, message));
    }
    parts.iter().find(|p| range(p.1, p.0).0 > total_max + 1e-9).map(|p| {
        let message = format!("{lead} một phần ({} {noun}) nhiều hơn tổng số {} {noun}.", written(*p), written(total));
        (FlagKind::PartOverWhole, message)
    })
}

/// The flags that concern a target, their messages joined.
pub fn flags_of(flags: &[AddUpFlag], target_id: &str) -> Vec<String> {
    flags.iter().filter(|f| f.target_ids.iter().any(|t| t == target_id)).map(|f| f.message.clone()).collect()
}

/// One report on the target form, as typed: "gần 40" in Đạt, "tăng gần 4" or "giảm 1,5" in
/// Tăng/giảm, "97" in Đạt so với chỉ tiêu.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportDraft {
    /// Năm báo cáo.
    pub year: String,
    /// Kết quả đạt, with its word ("gần 40", "hơn 2.000").
    pub value: String,
    /// Tử số ("141").
    pub numerator: String,
    /// Mẫu số ("203").
    pub denominator: String,
    /// Tăng/giảm ("tăng 3,6", "giảm 1,5", "gần 4").
    pub change: String,
    /// Đơn vị của mức tăng.
    pub change_unit: ChangeUnit,
    /// So với năm.
    pub since_year: String,
    /// Đạt … % so với chỉ tiêu.
    pub of_quota: String,
    /// Kết quả bằng lời.
    pub outcome: Option<Outcome>,
}

/// A stated figure back into its field: its word and the number as typed ("gần 40", "1.200").
fn figure_text(x: f64, bound: Bound) -> String {
    bound.write(&format_stated(x))
}

fn opt_text(x: Option<u32>) -> String {
    x.map(|n| n.to_string()).unwrap_or_default()
}

impl ReportDraft {
    /// The form of a stored report; building it back gives the same report.
    pub fn from_reported(r: &Reported) -> ReportDraft {
        ReportDraft {
            year: r.year.to_string(),
            value: r.value.map(|v| figure_text(v, r.bound)).unwrap_or_default(),
            numerator: opt_text(r.numerator),
            denominator: opt_text(r.denominator),
            change: r
                .change
                .map(|c| {
                    let figure = figure_text(c.abs(), r.change_bound);
                    if c < 0.0 {
                        format!("giảm {figure}")
                    } else {
                        figure
                    }
                })
                .unwrap_or_default(),
            change_unit: r.change_unit,
            since_year: r.since_year.map(|y| y.to_string()).unwrap_or_default(),
            of_quota: r.of_quota.map(format_stated).unwrap_or_default(),
            outcome: r.outcome,
        }
    }

    /// True when nothing is typed (the row is left out).
    pub fn is_blank(&self) -> bool {
        [&self.year, &self.value, &self.numerator, &self.denominator, &self.change, &self.since_year, &self.of_quota]
            .iter()
            .all(|s| s.trim().is_empty())
            && self.outcome.is_none()
    }

    /// Reads the row `i` of the form; errors are keyed `reports.<i>.<field>` and say what to
    /// type. Ranges (shares 0-100%, a numerator within its denominator) are the directive's
    /// validation, which the target form runs after.
    pub fn build(&self, i: usize) -> Result<Reported, Vec<crate::error::FieldError>> {
        use crate::error::FieldError;
        let mut e = Vec::new();
        let key = |f: &str| format!("reports.{i}.{f}");
        let row = format!("Kết quả báo cáo thứ {}", i + 1);
        let year_of = |text: &str, field: &str, what: &str, e: &mut Vec<FieldError>| {
            let t = text.trim();
            if t.is_empty() {
                return None;
            }
            let y = t.parse::<u16>().ok().filter(|y| (1945..=2100).contains(y));
            if y.is_none() {
                e.push(FieldError::new(key(field), format!("{row}, {what}: phải là năm có 4 chữ số, ví dụ 2025.")));
            }
            y
        };
        let year = year_of(&self.year, "year", "năm báo cáo", &mut e);
        if self.year.trim().is_empty() {
            e.push(FieldError::new(key("year"), format!("{row}: chưa nhập năm báo cáo.")));
        }
        let figure = |text: &str, field: &str, what: &str, e: &mut Vec<FieldError>| {
            let t = text.trim();
            if t.is_empty() {
                return None;
            }
            let read = parse_bounded(t);
            if read.is_none() {
                e.push(FieldError::new(
                    key(field),
                    format!("{row}, {what}: “{t}” phải là số, có thể kèm “khoảng”, “gần”, “hơn”, “trên”, “dưới”, ví dụ gần 40."),
                ));
            }
            read
        };
        let whole = |text: &str, field: &str, what: &str, e: &mut Vec<FieldError>| {
            let t = text.trim();
            if t.is_empty() {
                return None;
            }
            let n = parse_bounded(t).filter(|(b, x)| b.is_exact() && x.fract() == 0.0 && *x <= f64::from(u32::MAX));
            if n.is_none() {
                e.push(FieldError::new(key(field), format!("{row}, {what}: phải là số nguyên, ví dụ 141.")));
            }
            n.map(|(_, x)| x as u32)
        };
        let value = figure(&self.value, "value", "kết quả đạt", &mut e);
        let numerator = whole(&self.numerator, "numerator", "tử số", &mut e);
        let denominator = whole(&self.denominator, "denominator", "mẫu số", &mut e);
        let change_text = self.change.trim();
        let lower = change_text.to_lowercase();
        let (sign, change_rest) = if let Some(rest) = lower.strip_prefix("giảm") {
            (-1.0, &change_text[change_text.len() - rest.len()..])
        } else if let Some(rest) = lower.strip_prefix("tăng") {
            (1.0, &change_text[change_text.len() - rest.len()..])
        } else {
            (1.0, change_text)
        };
        let change = figure(change_rest, "change", "mức tăng, giảm", &mut e);
        let since_year = year_of(&self.since_year, "since_year", "so với năm", &mut e);
        let of_quota = figure(&self.of_quota, "of_quota", "tỷ lệ so với chỉ tiêu", &mut e).map(|(_, x)| x);
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Reported {
            year: year.unwrap_or_default(),
            value: value.map(|(_, x)| x),
            bound: value.map_or(Bound::Exact, |(b, _)| b),
            numerator,
            denominator,
            change: change.map(|(_, x)| sign * x),
            change_bound: change.map_or(Bound::Exact, |(b, _)| b),
            change_unit: self.change_unit,
            since_year,
            of_quota,
            outcome: self.outcome,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{hoang_su_phi, HOANG_SU_PHI_YEAR};
    use crate::directive::{score_directive, RosterIndex};
    use crate::roster::Roster;

    fn template(name: &str) -> Directive {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/templates").join(name);
        Directive::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn target<'a>(d: &'a Directive, id: &str) -> &'a Target {
        d.target(id).unwrap()
    }

    /// An item holding `targets`, added to `d`'s first section; the targets returned to edit.
    fn add_item(d: &mut Directive, targets: Vec<Target>) -> &mut Vec<Target> {
        let items = &mut d.sections[0].items;
        items.push(crate::directive::Item {
            id: "i_test".into(),
            number: String::new(),
            text: String::new(),
            targets,
            needs: Vec::new(),
            note: String::new(),
        });
        &mut items.last_mut().unwrap().targets
    }

    #[test]
    fn seed_001_review_figures_in_its_words() {
        let d = template("001-lai-chau-05-nq-tu.json");
        assert_eq!(reports_text(target(&d, "t_ths_200")), "Năm 2014: 194 đồng chí, đạt 97% so với mục tiêu");
        assert_eq!(reports_text(target(&d, "t_ts")), "Năm 2014: 07 đồng chí, vượt chỉ tiêu");
        assert_eq!(reports_text(target(&d, "t_dtu_dh")), "Năm 2014: tăng 3,6% so với năm 2010");
        assert_eq!(reports_text(target(&d, "t_ccx_cm")), "Năm 2014: tăng 41% so với năm 2010");
        // A directional target's reported change is in points too.
        assert_eq!(reports_text(target(&d, "t_cbx_vh")), "Năm 2014: tăng 14,9% so với năm 2010");
        assert!(add_up_flags(&d).is_empty(), "{:?}", add_up_flags(&d));
    }

    #[test]
    fn old_json_reads_unchanged_and_a_list_reads_too() {
        let one = r#"{"id":"t","sentence":"s","measure":{"kind":"directional"},"reported":{"year":2014,"value":194,"of_quota":97}}"#;
        let t: Target = serde_json::from_str(one).unwrap();
        assert_eq!(t.reported, vec![Reported { value: Some(194.0), of_quota: Some(97.0), ..Reported::of_year(2014) }]);
        // Written back as it was read: one object, no new field.
        let back = serde_json::to_value(&t).unwrap();
        assert_eq!(back["reported"], serde_json::json!({"year": 2014, "value": 194.0, "of_quota": 97.0}));
        let many = r#"{"id":"t","sentence":"s","measure":{"kind":"directional"},"reported":[{"year":2023,"value":30,"bound":"nearly"},{"year":2024,"numerator":141,"denominator":203,"value":69.5}]}"#;
        let t: Target = serde_json::from_str(many).unwrap();
        assert_eq!(t.reported.len(), 2);
        assert_eq!(t.reported[0].bound, Bound::Nearly);
        assert_eq!(serde_json::from_value::<Target>(serde_json::to_value(&t).unwrap()).unwrap(), t);
        let none = r#"{"id":"t","sentence":"s","measure":{"kind":"directional"},"reported":null}"#;
        assert!(serde_json::from_str::<Target>(none).unwrap().reported.is_empty());
        let bad = r#"{"id":"t","sentence":"s","measure":{"kind":"directional"},"reported":7}"#;
        assert!(serde_json::from_str::<Target>(bad).unwrap_err().to_string().contains("a report"));
    }

    #[test]
    fn figures_as_documents_write_them() {
        let share = Measure::Share { criteria: Vec::new() };
        let count = Measure::Count { criteria: Vec::new() };
        let r = Reported { numerator: Some(141), denominator: Some(203), value: Some(69.5), ..Reported::of_year(2024) };
        assert_eq!(reported_text(&r, &share), "Năm 2024: 141/203, 69,5%");
        let r = Reported { value: Some(40.0), bound: Bound::Nearly, ..Reported::of_year(2024) };
        assert_eq!(reported_text(&r, &share), "Năm 2024: gần 40%");
        let r = Reported { value: Some(2000.0), bound: Bound::Over, ..Reported::of_year(2024) };
        assert_eq!(reported_text(&r, &count), "Năm 2024: hơn 2.000 đồng chí");
        let r = Reported {
            change: Some(120.0),
            change_unit: ChangeUnit::Persons,
            since_year: Some(2020),
            ..Reported::of_year(2024)
        };
        assert_eq!(reported_text(&r, &count), "Năm 2024: tăng 120 đồng chí so với năm 2020");
        let r = Reported { change: Some(-1.5), ..Reported::of_year(2024) };
        assert_eq!(reported_text(&r, &share), "Năm 2024: giảm 1,5%");
        let r = Reported {
            change: Some(4.0),
            change_bound: Bound::Nearly,
            since_year: Some(2020),
            ..Reported::of_year(2024)
        };
        assert_eq!(reported_text(&r, &share), "Năm 2024: tăng gần 4% so với năm 2020");
        let r = Reported { outcome: Some(crate::directive::Outcome::NotMet), ..Reported::of_year(2024) };
        assert_eq!(reported_text(&r, &count), "Năm 2024: chưa đạt chỉ tiêu");
        let classes = Measure::Events { event: EventKind::Class, training: String::new() };
        let r = Reported { value: Some(5.0), of_quota: Some(62.5), ..Reported::of_year(2024) };
        assert_eq!(reported_text(&r, &classes), "Năm 2024: 05 lớp, đạt 62,5% so với mục tiêu");
        assert_eq!(reported_text(&Reported::of_year(2024), &classes), "Năm 2024: chưa nêu số liệu");
    }

    #[test]
    fn a_reported_figure_the_roster_contradicts_is_pointed_out() {
        let d = template("002-hoang-su-phi-02-da-hu.json");
        let (units, cadres) = hoang_su_phi(4);
        let roster = Roster { units, cadres };
        let at = Date::new(HOANG_SU_PHI_YEAR, 12, 31).unwrap();
        let score = score_directive(&d, &RosterIndex::build(&roster), at);
        let s = score.target("t_a_bch_ths").unwrap();
        let value = s.value.unwrap();
        let measured = s.measured.unwrap();
        let mut t = target(&d, "t_a_bch_ths").clone();
        // Agreeing: the roster's own share, and "gần" a little above it.
        t.reported = vec![Reported { value: Some(measured), ..Reported::of_year(at.year) }];
        assert_eq!(against_roster(&t, s, at), None);
        t.reported = vec![Reported { value: Some(measured + 2.0), bound: Bound::Nearly, ..Reported::of_year(at.year) }];
        assert_eq!(against_roster(&t, s, at), None);
        // Contradicted: "trên" a share above the roster's, and a denominator not the group's size.
        t.reported = vec![Reported {
            value: Some(measured + 10.0),
            bound: Bound::Above,
            numerator: Some(value.numerator),
            denominator: Some(value.denominator + 3),
            ..Reported::of_year(at.year)
        }];
        let said = against_roster(&t, s, at).expect("a disagreement");
        assert!(said.starts_with(&format!("Không khớp (năm {}): theo báo cáo trên ", at.year)), "{said}");
        assert!(said.contains(&format!("theo danh sách {}", format_percent(measured))), "{said}");
        assert!(said.contains(&format!("mẫu số theo báo cáo {}", format_count(value.denominator + 3))), "{said}");
        assert!(!said.contains("tử số"), "{said}");
        // A report of another year says nothing of today's roster.
        let later = Date::new(at.year + 3, 6, 30).unwrap();
        assert_eq!(against_roster(&t, s, later), None);
        // The report of the year read in January of the next one still compares.
        assert!(against_roster(&t, s, Date::new(at.year + 1, 1, 15).unwrap()).is_some());
    }

    #[test]
    fn stated_sizes_with_bounds_and_years() {
        let mut d = template("004-quang-nam-7328-da-ubnd.json");
        let g = d.groups.iter_mut().find(|g| g.id == "g_all4").unwrap();
        g.stated_count = Some(1200);
        g.stated_bound = Bound::About;
        g.stated_by_year = parse_by_year("2026: hơn 2.300; 2025: 2.262").unwrap();
        assert_eq!(by_year_text(&g.stated_by_year), "2025: 2.262; 2026: hơn 2.300");
        assert_eq!(g.stated_for(2024).map(|s| (s.count, s.bound)), Some((1200, Bound::About)));
        assert_eq!(g.stated_for(2025).map(|s| (s.count, s.bound)), Some((2262, Bound::Exact)));
        assert_eq!(g.stated_for(2030).map(|s| (s.count, s.bound)), Some((2300, Bound::Over)));
        assert_eq!(group_against_roster(g, 1180, 2024), None);
        assert_eq!(
            group_against_roster(g, 980, 2024),
            Some(format!("Nhóm “{}”: văn bản nêu khoảng 1.200 người, danh sách có 980 người.", g.name))
        );
        assert!(parse_by_year("2025 1.200").unwrap_err().contains("“2025 1.200”"));
        assert!(parse_by_year("2025: 1; 2025: 2").unwrap_err().contains("hai lần"));
        assert_eq!(parse_by_year(" ").unwrap(), Vec::new());
    }

    #[test]
    fn parts_that_do_not_add_up_are_flagged() {
        let mut d = template("004-quang-nam-7328-da-ubnd.json");
        // Seed 004: 65 + 150 + 850 + 1.197 = 2.262.
        assert!(add_up_flags(&d).is_empty(), "{:?}", add_up_flags(&d));
        d.groups.iter_mut().find(|g| g.id == "g_all4").unwrap().stated_count = Some(2300);
        let flags = add_up_flags(&d);
        assert_eq!(flags.len(), 1, "{flags:?}");
        assert!(flags[0].message.contains("tổng số 2.300 người, nhiều hơn các phần"), "{}", flags[0].message);
        assert!(flags[0].message.contains("(65 + 150 + 850 + 1.197)"), "{}", flags[0].message);
        assert_eq!(flags[0].group_ids[0], "g_all4");
        // "khoảng 2.300" may be 2.262: nothing to say.
        d.groups.iter_mut().find(|g| g.id == "g_all4").unwrap().stated_bound = Bound::About;
        assert!(add_up_flags(&d).is_empty());
        // A part larger than the whole.
        let n4 = d.groups.iter_mut().find(|g| g.id == "n4").unwrap();
        n4.stated_count = Some(2500);
        let flags = add_up_flags(&d);
        assert!(
            flags.iter().any(|f| f.message.contains("một phần (2.500 người) nhiều hơn tổng số khoảng 2.300 người")),
            "{flags:?}"
        );
    }

    #[test]
    fn nested_shares_and_reported_sub_totals_are_flagged() {
        let mut d = template("002-hoang-su-phi-02-da-hu.json");
        // Two share targets of one group on the professional scale: đại học and thạc sĩ.
        let level = |code: &str| Measure::Share {
            criteria: vec![Criterion::Level { scale: Scale::Professional, level: code.into(), count_studying: false }],
        };
        let mut low = target(&d, "t_a_bch_ths").clone();
        low.id = "t_low".into();
        low.measure = level("dai_hoc");
        low.reported = vec![Reported { value: Some(40.0), ..Reported::of_year(2024) }];
        let mut high = low.clone();
        high.id = "t_high".into();
        high.measure = level("thac_si");
        high.reported = vec![Reported { value: Some(45.0), bound: Bound::Over, ..Reported::of_year(2024) }];
        add_item(&mut d, vec![low, high]);
        let flags = add_up_flags(&d);
        assert_eq!(flags.len(), 1, "{flags:?}");
        assert_eq!(flags[0].target_ids, ["t_low", "t_high"]);
        assert!(
            flags[0].message.contains("tỷ lệ thạc sĩ trở lên (hơn 45%) cao hơn tỷ lệ đại học trở lên (40%)"),
            "{}",
            flags[0].message
        );
        assert_eq!(flags_of(&flags, "t_high").len(), 1);
        // "gần 44%" may be 40%: nothing to say; another year: nothing either.
        d.sections[0].items.last_mut().unwrap().targets[1].reported[0] =
            Reported { value: Some(44.0), bound: Bound::Nearly, ..Reported::of_year(2024) };
        assert!(add_up_flags(&d).is_empty());
        d.sections[0].items.last_mut().unwrap().targets[1].reported[0] =
            Reported { value: Some(60.0), ..Reported::of_year(2023) };
        assert!(add_up_flags(&d).is_empty());

        // Reported counts of the parts against the whole's (seed 004: g_all4 = n1 ∪ … ∪ n4).
        let mut d = template("004-quang-nam-7328-da-ubnd.json");
        let count = Measure::Count {
            criteria: vec![Criterion::Level {
                scale: Scale::Professional,
                level: "thac_si".into(),
                count_studying: false,
            }],
        };
        let mut whole = d.targets()[0].clone();
        whole.id = "t_whole".into();
        whole.group = Some("g_all4".into());
        whole.measure = count.clone();
        whole.milestones.clear();
        whole.reported = vec![Reported { value: Some(900.0), ..Reported::of_year(2024) }];
        let mut items = vec![whole];
        for (i, (g, n)) in [("n1", 60.0), ("n2", 140.0), ("n3", 300.0), ("n4", 350.0)].into_iter().enumerate() {
            let mut t = items[0].clone();
            t.id = format!("t_part{i}");
            t.group = Some(g.into());
            t.reported = vec![Reported { value: Some(n), ..Reported::of_year(2024) }];
            items.push(t);
        }
        add_item(&mut d, items);
        let flags = add_up_flags(&d);
        assert_eq!(flags.len(), 1, "{flags:?}");
        assert_eq!(flags[0].target_ids, ["t_whole", "t_part0", "t_part1", "t_part2", "t_part3"]);
        assert!(
            flags[0].message.contains("theo báo cáo tổng số 900 người, nhiều hơn các phần"),
            "{}",
            flags[0].message
        );
        assert!(flags[0].message.contains("(60 + 140 + 300 + 350)"), "{}", flags[0].message);
    }

    #[test]
    fn reported_figures_are_validated_naming_the_target() {
        let mut d = template("002-hoang-su-phi-02-da-hu.json");
        assert!(d.validate().is_empty());
        let share = target(&d, "t_a_bch_ths").clone();
        let mut bad = share.clone();
        bad.id = "t_bad".into();
        bad.reported = vec![
            Reported { value: Some(150.0), ..Reported::of_year(2023) },
            Reported {
                numerator: Some(141),
                denominator: Some(120),
                since_year: Some(2025),
                ..Reported::of_year(2024)
            },
            Reported { numerator: Some(141), denominator: Some(203), value: Some(75.0), ..Reported::of_year(2025) },
            Reported { change: Some(130.0), ..Reported::of_year(2025) },
        ];
        add_item(&mut d, vec![bad]);
        let errors = d.validate();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        let named = |part: &str| messages.iter().any(|m| m.contains(part) && m.contains("chỉ tiêu \""));
        assert!(named("kết quả báo cáo năm 2023: tỷ lệ 150% không hợp lệ (0-100%)"), "{messages:#?}");
        assert!(named("kết quả báo cáo năm 2024: tử số 141 lớn hơn mẫu số 120"), "{messages:#?}");
        assert!(named("kết quả báo cáo năm 2024: năm so sánh 2025 phải trước năm báo cáo"), "{messages:#?}");
        assert!(named("kết quả báo cáo năm 2025: 141/203 là 69,5%, không phải 75%"), "{messages:#?}");
        assert!(named("kết quả báo cáo năm 2025 nhập hai lần"), "{messages:#?}");
        assert!(named("mức tăng, giảm 130% không hợp lệ"), "{messages:#?}");
        assert!(errors.iter().any(|e| e.field.ends_with(".reported[0].value")), "{errors:#?}");

        // "gần 70%" may be 69,5%; exact 69,5% is; a count may exceed 100.
        let mut fine = template("002-hoang-su-phi-02-da-hu.json");
        let mut ok = share.clone();
        ok.id = "t_ok".into();
        ok.reported = vec![
            Reported {
                numerator: Some(141),
                denominator: Some(203),
                value: Some(70.0),
                bound: Bound::Nearly,
                ..Reported::of_year(2024)
            },
            Reported { numerator: Some(141), denominator: Some(203), value: Some(69.5), ..Reported::of_year(2025) },
        ];
        add_item(&mut fine, vec![ok]);
        assert!(fine.validate().is_empty(), "{:?}", fine.validate());
    }

    #[test]
    fn a_part_larger_than_its_whole_is_refused() {
        let mut d = template("004-quang-nam-7328-da-ubnd.json");
        d.groups.iter_mut().find(|g| g.id == "n4").unwrap().stated_count = Some(3000);
        let errors = d.validate();
        let part = errors.iter().find(|e| e.message.contains("một phần (3.000 người) nhiều hơn tổng số 2.262 người"));
        let part = part.unwrap_or_else(|| panic!("{errors:#?}"));
        let whole = d.groups.iter().position(|g| g.id == "g_all4").unwrap();
        assert_eq!(part.field, format!("groups[{whole}].stated_count"));
        // A whole larger than its parts is pointed out on the pages, not refused.
        let mut d = template("004-quang-nam-7328-da-ubnd.json");
        d.groups.iter_mut().find(|g| g.id == "g_all4").unwrap().stated_count = Some(2300);
        assert!(d.validate().is_empty());
        d.groups.iter_mut().find(|g| g.id == "g_all4").unwrap().stated_by_year = vec![
            StatedSize { year: 2024, count: 1, bound: Bound::Exact },
            StatedSize { year: 2024, count: 2, bound: Bound::Exact },
        ];
        assert!(d.validate().iter().any(|e| e.message.contains("số người năm 2024 không hợp lệ hoặc nhập hai lần")));
    }

    #[test]
    fn the_report_form_reads_what_an_officer_types() {
        let row = ReportDraft {
            year: "2024".into(),
            value: "gần 40".into(),
            change: "tăng gần 4".into(),
            since_year: "2020".into(),
            ..Default::default()
        };
        let r = row.build(0).unwrap();
        assert_eq!((r.value, r.bound, r.change, r.change_bound), (Some(40.0), Bound::Nearly, Some(4.0), Bound::Nearly));
        assert_eq!(
            reported_text(&r, &Measure::Share { criteria: Vec::new() }),
            "Năm 2024: gần 40%, tăng gần 4% so với năm 2020"
        );
        let row = ReportDraft {
            year: "2024".into(),
            value: "hơn 2.000".into(),
            change: "Giảm 1,5".into(),
            change_unit: ChangeUnit::Persons,
            numerator: "141".into(),
            denominator: "203".into(),
            of_quota: "97".into(),
            outcome: Some(Outcome::Exceeded),
            ..Default::default()
        };
        let r = row.build(0).unwrap();
        assert_eq!((r.value, r.bound, r.change), (Some(2000.0), Bound::Over, Some(-1.5)));
        assert_eq!(
            (r.numerator, r.denominator, r.of_quota, r.outcome),
            (Some(141), Some(203), Some(97.0), Some(Outcome::Exceeded))
        );
        // Opened and saved unchanged, a report stays what it was (47,26 keeps two decimals).
        let kept =
            Reported { value: Some(47.26), change: Some(-0.05), since_year: Some(2015), ..Reported::of_year(2020) };
        assert_eq!(ReportDraft::from_reported(&kept).build(3).unwrap(), kept);
        assert_eq!(ReportDraft::from_reported(&r).build(0).unwrap(), r);
        // Mistakes are named by row and field.
        let wrong =
            ReportDraft { value: "khoảng bốn mươi".into(), numerator: "gần 5".into(), ..Default::default() };
        let errors = wrong.build(1).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["reports.1.year", "reports.1.value", "reports.1.numerator"]);
        assert!(
            errors[1].message.starts_with("Kết quả báo cáo thứ 2, kết quả đạt: “khoảng bốn mươi” phải là số"),
            "{}",
            errors[1].message
        );
        assert!(ReportDraft::default().is_blank() && !wrong.is_blank());
    }

    #[test]
    fn the_target_form_keeps_and_checks_its_reports() {
        let d = template("001-lai-chau-05-nq-tu.json");
        let t = target(&d, "t_ths_200");
        let mut form = crate::directive::TargetDraft::from_target(t);
        assert_eq!(form.reports.len(), 1);
        assert_eq!(form.build(&d).unwrap().reported, t.reported);
        // A second year, typed as a review writes it; a blank row is ignored.
        form.reports.push(ReportDraft { year: "2015".into(), value: "hơn 200".into(), ..Default::default() });
        form.reports.push(ReportDraft::default());
        let built = form.build(&d).unwrap();
        assert_eq!(built.reported.len(), 2);
        assert_eq!(reports_text(&built), "Năm 2014: 194 đồng chí, đạt 97% so với mục tiêu; Năm 2015: hơn 200 đồng chí");
        // A share of 150% on a share target is refused on its field.
        let share = target(&d, "t_dtu_dh");
        let mut form = crate::directive::TargetDraft::from_target(share);
        form.reports[0].value = "150".into();
        let errors = form.build(&d).unwrap_err();
        let error = errors.iter().find(|e| e.message.contains("tỷ lệ 150% không hợp lệ (0-100%)"));
        assert_eq!(error.map(|e| e.field.as_str()), Some("reports.0.value"), "{errors:?}");
    }

    #[test]
    fn the_group_form_keeps_a_bounded_size_by_year() {
        let d = template("004-quang-nam-7328-da-ubnd.json");
        let g = d.group("g_all4").unwrap();
        let mut form = crate::directive::GroupDraft::from_group(g);
        assert_eq!(form.stated_count, "2.262");
        form.stated_count = "khoảng 2.300".into();
        form.stated_by_year = "2025: hơn 2.262; 2024: 2.262".into();
        let built = form.build(&d).unwrap();
        assert_eq!((built.stated_count, built.stated_bound), (Some(2300), Bound::About));
        assert_eq!(by_year_text(&built.stated_by_year), "2024: 2.262; 2025: hơn 2.262");
        let again = crate::directive::GroupDraft::from_group(&built);
        assert_eq!(
            (again.stated_count.as_str(), again.stated_by_year.as_str()),
            ("khoảng 2.300", "2024: 2.262; 2025: hơn 2.262")
        );
        form.stated_count = "khoảng hai nghìn".into();
        form.stated_by_year = "2025 2.000".into();
        let fields: Vec<String> = form.build(&d).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["stated_count", "stated_by_year"]);
    }
}
