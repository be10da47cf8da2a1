//! So sánh đơn vị: one target, need or thực trạng group of a directive, figured for each
//! child unit of a parent (the communes of a district, the districts of a province), so a
//! district officer sees which communes are behind.
//!
//! Each child's row is the directive scored over the cadres working in that child's subtree,
//! within the directive's own scope ([`score_directive_in_unit`] gives the same row for one
//! unit and every other target). The group and criteria are evaluated once for the directive;
//! a child's row only intersects them with the child's cadres, so 200 communes cost little
//! more than the directive's one score.
//!
//! - A share ("ít nhất 50%") applies to each unit's part of the group as it does to the whole.
//! - A "mỗi đơn vị" target ("mỗi xã cử 02") is judged for the units of the child's subtree it
//!   counts: a commune for itself, a district for its communes.
//! - A number of persons or a quota stated for the whole area is followed, not judged: the
//!   document never gave a commune its share of it. Events are not split between units.
//! - A unit with nobody in the group is "không chấm được", never a division by zero.
//!
//! Rows come sorted by gap ([`sort_by_gap`]): the judged rows with the most persons missing
//! first, then the ones not judged.

use std::collections::HashMap;

use serde::Serialize;

use crate::directive::group::Evaluator;
use crate::directive::score::{evaluate_target, resolve_maintained, score_evaluated, Subtree};
use crate::directive::{Bits, Criterion, Date, Directive, MeasureKind, RecordSource, RosterIndex, Target, TargetScore};
use crate::number::format_count;
use crate::report::{status_of, Part, StatusReport};
use crate::table::{Cell, Table};
use crate::tables::share;

/// A unit compared: its id, its name and where it stands in the roster's unit list (the
/// order rows keep when their figures tie).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitRef {
    /// Mã đơn vị.
    pub unit_id: String,
    /// Tên đơn vị.
    pub unit_name: String,
    /// Position in `Roster::units`.
    #[serde(skip)]
    pub position: u32,
}

/// One child unit's score of the target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetRow {
    /// The unit.
    #[serde(flatten)]
    pub unit: UnitRef,
    /// Its score over the cadres working in its subtree.
    pub score: TargetScore,
}

/// So sánh đơn vị for one target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetComparison {
    /// Mã chỉ tiêu.
    pub target_id: String,
    /// The parent unit whose children are compared.
    pub parent: UnitRef,
    /// The parent's own score over its whole subtree (dòng "Toàn đơn vị").
    pub whole: TargetScore,
    /// One row per child unit, sorted by gap ([`sort_by_gap`]).
    pub rows: Vec<TargetRow>,
}

/// One child unit's part of a training need: the need's group there, and how many of them
/// are below the level it names (not counting those studying towards it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeedRow {
    /// The unit.
    #[serde(flatten)]
    pub unit: UnitRef,
    /// Members of the need's group working in the unit's subtree.
    pub members: u32,
    /// Of them, those below the level (còn phải đào tạo).
    pub below: u32,
}

/// So sánh đơn vị for one training need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeedComparison {
    /// Mã nhu cầu.
    pub need_id: String,
    /// The parent's own figures over its whole subtree.
    pub whole: NeedRow,
    /// One row per child unit, most below the level first.
    pub rows: Vec<NeedRow>,
}

/// One child unit's thực trạng of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupRow {
    /// The unit.
    #[serde(flatten)]
    pub unit: UnitRef,
    /// The group's members working in its subtree, as thực trạng counts them.
    pub report: StatusReport,
}

/// So sánh đơn vị for one thực trạng group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupComparison {
    /// Mã nhóm.
    pub group_id: String,
    /// The parent's own thực trạng over its whole subtree.
    pub whole: GroupRow,
    /// One row per child unit, in the roster's unit order.
    pub rows: Vec<GroupRow>,
}

/// The units whose parent is `parent_id`, in the roster's order, with the cadres working in
/// each one's subtree. `None` when there is no such unit.
fn children_of(idx: &RosterIndex, parent_id: &str) -> Option<(UnitRef, Vec<(UnitRef, Bits)>)> {
    let parent = idx.unit_pos(parent_id)?;
    let unit_ref = |position: usize| {
        let u = &idx.roster.units[position];
        UnitRef { unit_id: u.id.clone(), unit_name: u.name.clone(), position: position as u32 }
    };
    let children = (0..idx.roster.units.len())
        .filter(|&i| idx.parent[i] == parent && i as u32 != parent)
        .map(|i| {
            let child = unit_ref(i);
            let working = idx.working_in(&child.unit_id);
            (child, working)
        })
        .collect();
    Some((unit_ref(parent as usize), children))
}

/// Sắp theo số còn thiếu: rows judged against a figure first, the most persons missing
/// first, then the lowest value; rows not judged (chỉ theo dõi, không chấm được) after them,
/// the highest value first; ties keep the roster's unit order.
pub fn sort_by_gap(rows: &mut [TargetRow]) {
    rows.sort_by(|a, b| {
        let (x, y) = (&a.score, &b.score);
        let measured = |s: &TargetScore| s.measured.unwrap_or(f64::NEG_INFINITY);
        y.status
            .is_judged()
            .cmp(&x.status.is_judged())
            .then_with(|| match x.status.is_judged() {
                true => y.gap_persons.cmp(&x.gap_persons).then_with(|| measured(x).total_cmp(&measured(y))),
                false => measured(y).total_cmp(&measured(x)),
            })
            .then_with(|| a.unit.position.cmp(&b.unit.position))
    });
}

/// Target `target_id` of `d` at `at`, scored for each child unit of `parent_unit_id` and for
/// the parent as a whole (see the module's rules). `others` are the directives a "duy trì mức
/// đã đạt" milestone may name; `records` the course records, for the targets counted from
/// them. `None` when the directive has no such target or the roster no such unit.
pub fn compare_target(
    d: &Directive,
    others: &[Directive],
    idx: &RosterIndex,
    at: Date,
    records: Option<&dyn RecordSource>,
    target_id: &str,
    parent_unit_id: &str,
) -> Option<TargetComparison> {
    let resolved = resolve_maintained(d, others);
    let d = resolved.as_ref().unwrap_or(d);
    let target = d.target(target_id)?;
    let (parent, children) = children_of(idx, parent_unit_id)?;
    let mut ev = Evaluator::for_directive(idx, d, at.year);
    let evaluated = evaluate_target(&mut ev, target);
    // Baselines the app measured are the whole area's: no unit is scored against them.
    let no_snapshots = HashMap::new();
    let score = |unit: u32, working: &Bits| {
        let part = Some(Subtree { unit, working });
        score_evaluated(d, target, at, &no_snapshots, records, idx, &evaluated, part)
    };
    let whole = score(parent.position, &idx.working_in(parent_unit_id));
    let mut rows: Vec<TargetRow> = children
        .iter()
        .map(|(unit, working)| TargetRow { unit: unit.clone(), score: score(unit.position, working) })
        .collect();
    sort_by_gap(&mut rows);
    Some(TargetComparison { target_id: target_id.to_string(), parent, whole, rows })
}

/// Training need `need_id` of `d` in `year`: for each child unit of `parent_unit_id` and for
/// the parent as a whole, the need's group there and how many are below its level. `None`
/// when the directive has no such need, the need no group or level, or the roster no such
/// unit.
pub fn compare_need(
    d: &Directive,
    idx: &RosterIndex,
    year: u16,
    need_id: &str,
    parent_unit_id: &str,
) -> Option<NeedComparison> {
    let need = d.needs().into_iter().find(|n| n.id == need_id)?;
    let (group_id, criterion) = (need.group.as_deref()?, need.criterion.as_ref()?);
    let (parent, children) = children_of(idx, parent_unit_id)?;
    let mut ev = Evaluator::for_directive(idx, d, year);
    let members = ev.group(group_id);
    // As the directive page counts a need: those studying towards the level still need it done.
    let mut held = criterion.clone();
    if let Criterion::Level { count_studying, .. } = &mut held {
        *count_studying = false;
    }
    let mut below = members.clone();
    below.minus_with(&ev.criterion(&held));
    let row = |unit: UnitRef, working: &Bits| NeedRow {
        unit,
        members: members.count_and(working),
        below: below.count_and(working),
    };
    let whole = row(parent, &idx.working_in(parent_unit_id));
    let mut rows: Vec<NeedRow> = children.into_iter().map(|(unit, working)| row(unit, &working)).collect();
    rows.sort_by(|a, b| b.below.cmp(&a.below).then_with(|| a.unit.position.cmp(&b.unit.position)));
    Some(NeedComparison { need_id: need_id.to_string(), whole, rows })
}

/// Thực trạng of group `group_id` of `d` in `year` (the figures [`crate::report::status_report`]
/// gives: total, người địa phương, nữ, under 35, counts per level) for each child unit of
/// `parent_unit_id` and for the parent as a whole. `None` when the directive has no such
/// group or the roster no such unit.
pub fn compare_group(
    d: &Directive,
    idx: &RosterIndex,
    year: u16,
    merge_studying: bool,
    group_id: &str,
    parent_unit_id: &str,
) -> Option<GroupComparison> {
    let group = d.group(group_id)?;
    let (parent, children) = children_of(idx, parent_unit_id)?;
    let members = Evaluator::for_directive(idx, d, year).group(group_id);
    let row = |unit: UnitRef, working: &Bits| {
        let mut bits = members.clone();
        bits.and_with(working);
        GroupRow { unit, report: status_of(&group.name, idx, &bits, year, merge_studying) }
    };
    let whole = row(parent, &idx.working_in(parent_unit_id));
    let rows = children.into_iter().map(|(unit, working)| row(unit, &working)).collect();
    Some(GroupComparison { group_id: group_id.to_string(), whole, rows })
}

/// The people of target `target_id`'s group working in the subtree of `unit_id`: those who
/// count and those who do not (positions in `Roster::cadres`), as the directive page lists
/// them for the whole. `None` for a target not measured from the roster or an unknown unit.
pub fn target_members_in_unit(
    d: &Directive,
    idx: &RosterIndex,
    target_id: &str,
    at: Date,
    unit_id: &str,
) -> Option<(Vec<usize>, Vec<usize>)> {
    idx.unit_pos(unit_id)?;
    let working = idx.working_in(unit_id);
    let (yes, no) = crate::directive::score::target_members(d, idx, target_id, at)?;
    let inside = |people: Vec<usize>| people.into_iter().filter(|&i| working.get(i)).collect();
    Some((inside(yes), inside(no)))
}

/// The members of group `group_id` in `year` working in the subtree of `unit_id`
/// (positions in `Roster::cadres`). `None` for an unknown group or unit.
pub fn group_members_in_unit(
    d: &Directive,
    idx: &RosterIndex,
    year: u16,
    group_id: &str,
    unit_id: &str,
) -> Option<Vec<usize>> {
    d.group(group_id)?;
    idx.unit_pos(unit_id)?;
    let mut members = Evaluator::for_directive(idx, d, year).group(group_id);
    members.and_with(&idx.working_in(unit_id));
    Some(members.iter().collect())
}

// ---------------------------------------------------------------- as tables

/// The columns of a target's comparison, on the page, in print, CSV and Excel.
pub const TARGET_HEADER: [&str; 8] =
    ["Đơn vị", "Kết quả", "Số người đạt", "Số người trong nhóm", "Mục tiêu", "Trạng thái", "Còn thiếu", "Ghi chú"];

/// The label of the parent's own row, first in every table: "Toàn huyện: UBND huyện Một".
pub fn whole_label(parent_name: &str) -> String {
    format!("Chung toàn đơn vị: {parent_name}")
}

/// A unit's result in words: the score's value ("4/5 = 80,0%"), a commune's own quota as
/// "04 đồng chí (cần 02)", and nobody in the group said as such rather than "0/0".
pub fn result_text(s: &TargetScore) -> String {
    match (s.kind, s.per_unit.as_slice()) {
        (MeasureKind::PerUnit, [one]) => {
            format!("{} (cần {})", s.amount_text(one.count), format_count(one.required))
        }
        (MeasureKind::Share | MeasureKind::Trained, _) if s.group_size == Some(0) => "Không có ai trong nhóm".into(),
        _ => s.value_text(),
    }
}

/// Persons counted: those meeting the criteria (the numerator), or for "mỗi đơn vị" the
/// persons counted in the units judged.
fn persons_counted(s: &TargetScore) -> Option<u32> {
    match s.kind {
        MeasureKind::PerUnit => Some(s.per_unit.iter().map(|u| u.count).sum()),
        MeasureKind::Events => None,
        _ => s.value.map(|v| v.numerator),
    }
}

/// One row's cells under [`TARGET_HEADER`].
pub fn target_cells(unit_name: &str, t: &Target, s: &TargetScore) -> Vec<Cell> {
    let int = |n: Option<u32>| n.map_or(Cell::Empty, |n| Cell::Int(i64::from(n)));
    let judged = s.status.is_judged();
    let target = if judged { crate::progress::target_text(t, s) } else { String::new() };
    let note = if judged { s.gap_text() } else { s.reason.clone().unwrap_or_default() };
    vec![
        Cell::text(unit_name),
        Cell::text(result_text(s)),
        int(persons_counted(s)),
        int(s.group_size),
        Cell::text(target),
        Cell::text(s.status.label()),
        int(judged.then_some(s.gap_persons)),
        Cell::text(note),
    ]
}

/// "So sánh đơn vị: <the target's words> (tính đến 30/6/2025)": the title of every form of the
/// comparison of one target.
pub fn target_title(d: &Directive, t: &Target, at: Date) -> String {
    let words = if t.sentence.trim().is_empty() { crate::directive::describe_target(t, d) } else { t.sentence.clone() };
    format!("So sánh đơn vị: {} (tính đến {})", words.trim(), at.short_vi())
}

/// The comparison of one target as a [`Table`]: the parent's own row, then each child's in
/// the rows' order.
pub fn target_table(d: &Directive, at: Date, c: &TargetComparison) -> Option<Table> {
    let t = d.target(&c.target_id)?;
    let mut rows = vec![target_cells(&whole_label(&c.parent.unit_name), t, &c.whole)];
    rows.extend(c.rows.iter().map(|r| target_cells(&r.unit.unit_name, t, &r.score)));
    Some(Table { title: target_title(d, t, at), header: TARGET_HEADER.map(String::from).to_vec(), rows })
}

/// The columns of a group's comparison (thực trạng by unit).
pub const GROUP_HEADER: [&str; 11] = [
    "Đơn vị",
    "Tổng số",
    "Người địa phương",
    "Tỷ lệ",
    "Cán bộ nữ",
    "Tỷ lệ",
    "Dưới 35 tuổi",
    "Tỷ lệ",
    "Trình độ chuyên môn",
    "Lý luận chính trị",
    "Quản lý nhà nước",
];

/// Counts per level in one cell: "Thạc sĩ 01 (20,0%); Đại học 03 (60,0%)".
pub fn levels_text(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| format!("{} {} ({})", p.label, format_count(p.count), p.share_text()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// One row's cells under [`GROUP_HEADER`].
pub fn group_cells(unit_name: &str, r: &StatusReport) -> Vec<Cell> {
    let part = |p: &Part| [Cell::Int(i64::from(p.count)), share(p.count, r.total, 1)];
    let mut cells = vec![Cell::text(unit_name), Cell::Int(i64::from(r.total))];
    for p in [&r.locals, &r.women, &r.young] {
        cells.extend(part(p));
    }
    cells.extend([&r.professional, &r.political, &r.state_management].map(|parts| Cell::text(levels_text(parts))));
    cells
}

/// The comparison of one group's thực trạng as a [`Table`]: the parent's row, then each child's.
pub fn group_table(d: &Directive, year: u16, c: &GroupComparison) -> Option<Table> {
    let g = d.group(&c.group_id)?;
    let mut rows = vec![group_cells(&whole_label(&c.whole.unit.unit_name), &c.whole.report)];
    rows.extend(c.rows.iter().map(|r| group_cells(&r.unit.unit_name, &r.report)));
    let title = format!("So sánh đơn vị: thực trạng {} năm {year}", g.name.trim());
    Some(Table { title, header: GROUP_HEADER.map(String::from).to_vec(), rows })
}

/// The columns of a training need's comparison.
pub const NEED_HEADER: [&str; 4] = ["Đơn vị", "Số người trong nhóm", "Chưa đạt trình độ", "Tỷ lệ chưa đạt"];

/// One row's cells under [`NEED_HEADER`].
pub fn need_cells(unit_name: &str, r: &NeedRow) -> Vec<Cell> {
    vec![
        Cell::text(unit_name),
        Cell::Int(i64::from(r.members)),
        Cell::Int(i64::from(r.below)),
        share(r.below, r.members, 1),
    ]
}

/// The comparison of one need as a [`Table`].
pub fn need_table(d: &Directive, year: u16, c: &NeedComparison) -> Option<Table> {
    let n = d.needs().into_iter().find(|n| n.id == c.need_id)?;
    let words = if n.sentence.trim().is_empty() { crate::directive::describe_need(n, d) } else { n.sentence.clone() };
    let mut rows = vec![need_cells(&whole_label(&c.whole.unit.unit_name), &c.whole)];
    rows.extend(c.rows.iter().map(|r| need_cells(&r.unit.unit_name, r)));
    let title = format!("So sánh đơn vị: {} (năm {year})", words.trim());
    Some(Table { title, header: NEED_HEADER.map(String::from).to_vec(), rows })
}

#[cfg(test)]
mod tests;
