//! So sánh đơn vị (`#/van-ban/<id>/so-sanh/<chi-tieu|nhu-cau|nhom>/<id>[/<unit id>]`): one
//! target, need or thực trạng group of a directive figured for each child unit of a parent,
//! worst first, with a bar per unit; a tapped unit's own scores and people; the same cells
//! printed and exported. The figures are `domain::compare`'s.

use dtbd_domain::compare::{
    compare_group, compare_need, compare_target, group_members_in_unit, group_table, need_table,
    target_members_in_unit, target_table, GroupComparison, NeedComparison, TargetComparison,
};
use dtbd_domain::directive::{
    describe_need, describe_target, score_directive_in_unit, AmountUnit, Date, Directive, RosterIndex, Status,
    TargetScore,
};
use dtbd_domain::number::format_count;
use dtbd_domain::roster::Roster;
use dtbd_domain::table::{Cell, Table};
use dtbd_domain::training::{TrainingIndex, TrainingRecords};

use crate::directive::{bar_scale, members, name_list, BarScale};

/// What is compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// Chỉ tiêu, by id.
    Target(String),
    /// Nhu cầu đào tạo, by id.
    Need(String),
    /// Nhóm đối tượng (its thực trạng), by id.
    Group(String),
}

impl Subject {
    /// The route's part: "chi-tieu/<id>", "nhu-cau/<id>", "nhom/<id>".
    pub fn path(&self) -> String {
        match self {
            Subject::Target(id) => format!("chi-tieu/{id}"),
            Subject::Need(id) => format!("nhu-cau/{id}"),
            Subject::Group(id) => format!("nhom/{id}"),
        }
    }

    /// A [`Subject::path`] read back (a `<select>`'s value); `None` for anything else.
    pub fn from_path(path: &str) -> Option<Subject> {
        let (kind, id) = path.split_once('/')?;
        Subject::parse(kind, id)
    }

    /// A route's part read back (`kind`, `id`); `None` for anything else.
    pub fn parse(kind: &str, id: &str) -> Option<Subject> {
        if id.is_empty() {
            return None;
        }
        let id = id.to_string();
        match kind {
            "chi-tieu" => Some(Subject::Target(id)),
            "nhu-cau" => Some(Subject::Need(id)),
            "nhom" => Some(Subject::Group(id)),
            _ => None,
        }
    }
}

/// One option of a `<select>`: its value and label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Value (a [`Subject::path`], a unit id).
    pub value: String,
    /// Label.
    pub label: String,
}

/// Everything a directive can be compared by: its groups' thực trạng, every target and
/// every need with a group and a level, in document order.
pub fn subject_choices(d: &Directive) -> Vec<Choice> {
    let groups = d
        .groups
        .iter()
        .map(|g| Choice { value: Subject::Group(g.id.clone()).path(), label: format!("Thực trạng: {}", g.name) });
    let targets = d.targets().into_iter().map(|t| Choice {
        value: Subject::Target(t.id.clone()).path(),
        label: format!("Chỉ tiêu: {}", words(&t.sentence, || describe_target(t, d))),
    });
    let needs = d.needs().into_iter().filter(|n| n.group.is_some() && n.criterion.is_some()).map(|n| Choice {
        value: Subject::Need(n.id.clone()).path(),
        label: format!("Nhu cầu: {}", words(&n.sentence, || describe_need(n, d))),
    });
    targets.chain(needs).chain(groups).collect()
}

fn words(sentence: &str, generated: impl FnOnce() -> String) -> String {
    let s = sentence.trim();
    if s.is_empty() {
        generated()
    } else {
        s.to_string()
    }
}

/// Units whose children can be compared, in tree order, indented by level.
pub fn parent_choices(roster: &Roster) -> Vec<Choice> {
    let has_children: std::collections::HashSet<&str> =
        roster.units.iter().filter_map(|u| u.parent_id.as_deref()).collect();
    crate::unit_choices::unit_choices(roster)
        .into_iter()
        .filter(|(id, _)| has_children.contains(id.as_str()))
        .map(|(value, label)| Choice { value, label })
        .collect()
}

/// The parent the page opens on: the directive's own unit (đơn vị phạm vi) when it has
/// children, else the officer's one root unit, else the first unit with children.
pub fn default_parent(d: &Directive, roster: &Roster) -> Option<String> {
    let parents = parent_choices(roster);
    let is_parent = |id: &str| parents.iter().any(|c| c.value == id);
    d.scope_unit_id
        .as_deref()
        .filter(|id| is_parent(id))
        .or_else(|| roster.only_root().map(|u| u.id.as_str()).filter(|id| is_parent(id)))
        .map(String::from)
        .or_else(|| parents.first().map(|c| c.value.clone()))
}

/// One line of the table on the page: the unit, its cells (the export's, as displayed), its
/// status and its bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The unit (`None` for the parent's own line, first).
    pub unit_id: Option<String>,
    /// The cells under the page's header, as a reader writes them.
    pub cells: Vec<String>,
    /// Trạng thái (targets only), for the row's colour.
    pub status: Option<Status>,
    /// The bar: the value against the target, or the group's size against the largest unit's.
    pub bar: Option<BarScale>,
    /// What the bar says, for screen readers ("Giá trị 80,0%").
    pub bar_label: String,
    /// The unit has units under it: it can be compared in turn.
    pub has_children: bool,
}

/// So sánh đơn vị as the page, its printout and its files show it.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparePage {
    /// The title (the table's, also printed under the report head).
    pub title: String,
    /// The parent unit compared.
    pub parent_id: String,
    /// "Các đơn vị trực thuộc UBND huyện Một: 4 đơn vị, 1 chậm, …".
    pub summary: String,
    /// Column headings.
    pub header: Vec<String>,
    /// The parent's line, then one per child, worst first.
    pub rows: Vec<Row>,
    /// The same cells for CSV and Excel.
    pub table: Table,
}

/// The inputs every comparison is computed from.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    /// The directive.
    pub directive: &'a Directive,
    /// The officer's other directives (a "duy trì mức đã đạt" may name one).
    pub others: &'a [Directive],
    /// The roster.
    pub roster: &'a Roster,
    /// The training records, once loaded.
    pub records: Option<&'a TrainingRecords>,
    /// Tính đến ngày (its year for needs and groups).
    pub at: Date,
}

/// The page for `subject` over the children of `parent_id`; `None` when the directive has no
/// such subject or the roster no such unit.
pub fn compare_page(inputs: Inputs, subject: &Subject, parent_id: &str) -> Option<ComparePage> {
    let Inputs { directive: d, others, roster, records, at } = inputs;
    let index = RosterIndex::build(roster);
    let has_children = |id: &str| roster.units.iter().any(|u| u.parent_id.as_deref() == Some(id));
    let (table, rows) = match subject {
        Subject::Target(id) => {
            let training = records.map(|r| TrainingIndex::build(&index, r));
            let source = training.as_ref().map(|t| t as &dyn dtbd_domain::directive::RecordSource);
            let c = compare_target(d, others, &index, at, source, id, parent_id)?;
            let table = target_table(d, at, &c)?;
            let rows = target_rows(&c, &table, &has_children);
            (table, rows)
        }
        Subject::Need(id) => {
            let c = compare_need(d, &index, at.year, id, parent_id)?;
            let table = need_table(d, at.year, &c)?;
            let rows = need_rows(&c, &table, &has_children);
            (table, rows)
        }
        Subject::Group(id) => {
            let c = compare_group(d, &index, at.year, true, id, parent_id)?;
            let table = group_table(d, at.year, &c)?;
            let rows = group_rows(&c, &table, &has_children);
            (table, rows)
        }
    };
    let parent_name = roster.units.iter().find(|u| u.id == parent_id).map_or("", |u| u.name.as_str());
    Some(ComparePage {
        title: table.title.clone(),
        parent_id: parent_id.to_string(),
        summary: summary(parent_name, &rows[1..]),
        header: table.header.clone(),
        rows,
        table,
    })
}

fn displayed(cells: &[Cell]) -> Vec<String> {
    cells.iter().map(Cell::display).collect()
}

fn target_rows(c: &TargetComparison, table: &Table, has_children: &dyn Fn(&str) -> bool) -> Vec<Row> {
    let line = |unit_id: Option<&str>, s: &TargetScore, cells: &[Cell]| Row {
        unit_id: unit_id.map(String::from),
        cells: displayed(cells),
        status: Some(s.status),
        bar: s.measured.and_then(|m| bar_scale(s.unit, m, s.target, s.expected_now)),
        bar_label: format!("Giá trị {}", dtbd_domain::compare::result_text(s)),
        has_children: unit_id.is_some_and(has_children),
    };
    std::iter::once(line(None, &c.whole, &table.rows[0]))
        .chain(c.rows.iter().zip(&table.rows[1..]).map(|(r, cells)| line(Some(&r.unit.unit_id), &r.score, cells)))
        .collect()
}

fn need_rows(c: &NeedComparison, table: &Table, has_children: &dyn Fn(&str) -> bool) -> Vec<Row> {
    let line = |unit_id: Option<&str>, members: u32, below: u32, cells: &[Cell]| Row {
        unit_id: unit_id.map(String::from),
        cells: displayed(cells),
        status: None,
        bar: (members > 0)
            .then(|| bar_scale(AmountUnit::Percent, f64::from(below) * 100.0 / f64::from(members), None, None))
            .flatten(),
        bar_label: format!("Chưa đạt trình độ: {}/{}", format_count(below), format_count(members)),
        has_children: unit_id.is_some_and(has_children),
    };
    std::iter::once(line(None, c.whole.members, c.whole.below, &table.rows[0]))
        .chain(
            c.rows
                .iter()
                .zip(&table.rows[1..])
                .map(|(r, cells)| line(Some(&r.unit.unit_id), r.members, r.below, cells)),
        )
        .collect()
}

fn group_rows(c: &GroupComparison, table: &Table, has_children: &dyn Fn(&str) -> bool) -> Vec<Row> {
    // Each unit's size against the largest child's.
    let largest = c.rows.iter().map(|r| r.report.total).max().unwrap_or(0);
    let line = |unit_id: Option<&str>, total: u32, cells: &[Cell]| Row {
        unit_id: unit_id.map(String::from),
        cells: displayed(cells),
        status: None,
        bar: unit_id
            .and(bar_scale(AmountUnit::Persons, f64::from(total), Some(f64::from(largest)), None))
            .map(|b| BarScale { target: None, ..b }),
        bar_label: format!("Tổng số {}", format_count(total)),
        has_children: unit_id.is_some_and(has_children),
    };
    std::iter::once(line(None, c.whole.report.total, &table.rows[0]))
        .chain(c.rows.iter().zip(&table.rows[1..]).map(|(r, cells)| line(Some(&r.unit.unit_id), r.report.total, cells)))
        .collect()
}

/// "Các đơn vị trực thuộc UBND huyện Một: 04 đơn vị (Đạt: 2, Chậm: 1, Không chấm được: 1)."
fn summary(parent_name: &str, children: &[Row]) -> String {
    if children.is_empty() {
        return format!("{parent_name} không có đơn vị trực thuộc để so sánh.");
    }
    let counts: Vec<String> = Status::ALL
        .iter()
        .filter_map(|st| {
            let n = children.iter().filter(|r| r.status == Some(*st)).count();
            (n > 0).then(|| format!("{}: {n}", st.label()))
        })
        .collect();
    let counts = if counts.is_empty() { String::new() } else { format!(" ({})", counts.join(", ")) };
    format!("Các đơn vị trực thuộc {parent_name}: {} đơn vị{counts}.", format_count(children.len() as u32))
}

/// One target of a unit's own scores.
#[derive(Debug, Clone, PartialEq)]
pub struct DrillLine {
    /// The target in the document's words.
    pub text: String,
    /// Kết quả.
    pub value: String,
    /// Trạng thái.
    pub status: Status,
    /// Còn thiếu, or why it is not judged.
    pub note: String,
    /// The target compared on the page.
    pub current: bool,
}

/// A unit tapped: its own scores of every target and the people of the subject's group there.
#[derive(Debug, Clone, PartialEq)]
pub struct Drill {
    /// "UBND xã Hai: điểm riêng của đơn vị".
    pub title: String,
    /// Every target of the directive over the unit's people.
    pub lines: Vec<DrillLine>,
    /// Headings and names: who counts and who does not (a roster target), or the group's
    /// members (a group, a need, a target counted from records).
    pub people: Vec<(String, String)>,
}

/// Unit `unit_id`'s own scores and people; `None` for an unknown unit.
pub fn drill(inputs: Inputs, subject: &Subject, unit_id: &str) -> Option<Drill> {
    let Inputs { directive: d, others, roster, records, at } = inputs;
    let index = RosterIndex::build(roster);
    let unit = roster.units.iter().find(|u| u.id == unit_id)?;
    let training = records.map(|r| TrainingIndex::build(&index, r));
    let source = training.as_ref().map(|t| t as &dyn dtbd_domain::directive::RecordSource);
    let score = score_directive_in_unit(d, others, &index, at, source, unit_id)?;
    let current = match subject {
        Subject::Target(id) => Some(id.as_str()),
        _ => None,
    };
    let lines = d
        .targets()
        .into_iter()
        .filter_map(|t| {
            let s = score.target(&t.id)?;
            Some(DrillLine {
                text: words(&t.sentence, || describe_target(t, d)),
                value: dtbd_domain::compare::result_text(s),
                status: s.status,
                note: if s.status.is_judged() { s.gap_text() } else { s.reason.clone().unwrap_or_default() },
                current: current == Some(t.id.as_str()),
            })
        })
        .collect();
    let group_people = |group_id: &str| {
        let people = group_members_in_unit(d, &index, at.year, group_id, unit_id).unwrap_or_default();
        let names: Vec<String> =
            people.iter().filter_map(|&i| roster.cadres.get(i)).map(|c| c.full_name.clone()).collect();
        vec![(format!("Trong nhóm ({})", format_count(names.len() as u32)), name_list(&names))]
    };
    let people = match subject {
        Subject::Target(id) => match target_members_in_unit(d, &index, id, at, unit_id) {
            Some((yes, no)) => members(roster, &yes, &no).to_vec(),
            None => d.target(id).and_then(|t| t.group.as_deref()).map(group_people).unwrap_or_default(),
        },
        Subject::Need(id) => d
            .needs()
            .into_iter()
            .find(|n| n.id == *id)
            .and_then(|n| n.group.as_deref())
            .map(group_people)
            .unwrap_or_default(),
        Subject::Group(id) => group_people(id),
    };
    Some(Drill { title: format!("{}: điểm riêng của đơn vị", unit.name), lines, people })
}

#[cfg(test)]
mod tests;
