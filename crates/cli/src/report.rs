//! `dtbd report FILE --directive ID|SỐ`: one directive over the roster of a snapshot file —
//! every target scored as the directive page scores it (with the file's training records, so
//! the record-based targets have figures), the thực trạng of every group as the Thực trạng
//! page counts it, and with `--by-unit` the same targets over each child unit.
//!
//! The JSON ([`Report`]) is a stable interface for scripts: field names in English, every
//! figure a number, beside it the Vietnamese text the pages print. [`REPORT_VERSION`] changes
//! only when a field changes meaning or disappears; new fields may be added. CSV and Excel
//! hold the pages' own tables (`progress::progress_table`, `tables::status_table`) and the unit
//! comparison.

use serde::Serialize;

use dtbd_domain::compare;
use dtbd_domain::date::Date;
use dtbd_domain::directive::{Directive, RecordSource, RosterIndex, Status, TargetScore};
use dtbd_domain::number::grouped;
use dtbd_domain::progress::{progress_report, progress_summary, progress_table};
use dtbd_domain::report::{status_report, Part, StatusReport};
use dtbd_domain::roster::Roster;
use dtbd_domain::snapshot::Dataset;
use dtbd_domain::table::{Cell, Table};
use dtbd_domain::tables::status_table;
use dtbd_domain::text::fold;
use dtbd_domain::training::TrainingIndex;
use dtbd_view::scoring::directive_score_among;

use crate::args::{Format, ReportOptions, TableChoice, When};
use crate::files::{self, shown};
use crate::{templates, Exit, Io};

/// The `format` of the JSON report.
pub const REPORT_FORMAT: &str = "dtbd-report";
/// Its version: raised when a field changes meaning or is removed (never for a new field).
pub const REPORT_VERSION: u32 = 1;

/// The JSON report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Always [`REPORT_FORMAT`].
    pub format: &'static str,
    /// [`REPORT_VERSION`].
    pub version: u32,
    /// The snapshot file read, as named on the command line.
    pub file: String,
    /// The directive.
    pub directive: DirectiveHead,
    /// Scoring date ("YYYY-MM-DD").
    pub at: Date,
    /// The year the groups are counted in (ages, membership rules).
    pub year: u16,
    /// Cán bộ on the file's roster.
    pub cadres: usize,
    /// True when a person studying towards a level counts with it in the groups' breakdowns
    /// ("Thạc sĩ và đang học thạc sĩ", as the page's paragraphs do); false with `--held-only`.
    pub studying_counted_with_level: bool,
    /// How many targets have each status.
    pub summary: Summary,
    /// Every target, in the document's order.
    pub targets: Vec<TargetRow>,
    /// Thực trạng of every group, in the document's order.
    pub groups: Vec<GroupRow>,
    /// So sánh đơn vị (`--by-unit` only): every target and group over each child unit of one
    /// parent unit, as the So sánh đơn vị page figures them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<UnitComparison>,
}

/// Which directive.
#[derive(Debug, Clone, Serialize)]
pub struct DirectiveHead {
    /// Id ("tpl-002" for a built-in template).
    pub id: String,
    /// Số ký hiệu ("02-ĐA/HU"), may be empty.
    pub number: String,
    /// Loại văn bản, its code ("de_an").
    pub kind: &'static str,
    /// Its label ("Đề án").
    pub kind_label: &'static str,
    /// Cơ quan ban hành.
    pub issuer: String,
    /// Trích yếu.
    pub title: String,
    /// True for a built-in template, false for a directive carried in the file.
    pub built_in: bool,
}

/// The statuses of the targets.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Number of targets.
    pub targets: usize,
    /// Each status some target has, good news first.
    pub statuses: Vec<StatusCount>,
    /// "Tổng số 12 chỉ tiêu: 3 đạt; …".
    pub text: String,
}

/// One status and how many targets have it.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    /// Code ("dat", "cham" …).
    pub status: &'static str,
    /// Label ("Đạt").
    pub label: &'static str,
    /// Targets.
    pub targets: usize,
}

/// One target.
#[derive(Debug, Clone, Serialize)]
pub struct TargetRow {
    /// Target id.
    pub id: String,
    /// The section of the document holding it ("II. Mục tiêu").
    pub section: String,
    /// Its item's number ("2.1", "-").
    pub item: String,
    /// The target in words.
    pub text: String,
    /// Its group's id and name, when it has one.
    pub group_id: Option<String>,
    /// Tên nhóm.
    pub group_name: Option<String>,
    /// Loại chỉ tiêu code ("share", "count", "per_unit", "trained", "completions", "events",
    /// "directional").
    pub kind: &'static str,
    /// Trạng thái code.
    pub status: &'static str,
    /// Its label.
    pub status_label: &'static str,
    /// Unit of `measured`, `target`, `expected_now`: "percent", "persons", "person_times",
    /// "events".
    pub unit: &'static str,
    /// The value now (a percentage for shares and per-unit targets).
    pub measured: Option<f64>,
    /// Numerator of the value (persons who count, units that meet).
    pub count: Option<u32>,
    /// Denominator (the group's size, the units counted).
    pub of: Option<u32>,
    /// Mục tiêu of the milestone in force.
    pub target: Option<f64>,
    /// Its deadline year.
    pub deadline: Option<u16>,
    /// Where the straight path to it stands at the scoring date.
    pub expected_now: Option<f64>,
    /// Persons needed to meet it.
    pub required: Option<u32>,
    /// Còn thiếu, persons.
    pub gap_persons: u32,
    /// Persons per remaining year.
    pub per_year: u32,
    /// Why it is not scored.
    pub reason: Option<String>,
    /// "Kết quả hiện nay (theo danh sách)", as printed.
    pub value_text: String,
    /// "Kết quả theo báo cáo", as the document writes it.
    pub reported_text: String,
    /// "Mục tiêu", as printed.
    pub target_text: String,
    /// "Còn thiếu" or why not scored, as printed.
    pub gap_text: String,
    /// "Đối chiếu số liệu": what the figures contradict.
    pub check_text: String,
}

/// A count and its share of the group.
#[derive(Debug, Clone, Serialize)]
pub struct ShareRow {
    /// What is counted ("Thạc sĩ và đang học thạc sĩ").
    pub label: String,
    /// Persons.
    pub count: u32,
    /// Percent of the group, one decimal (31.0).
    pub share: f64,
    /// "31,0%".
    pub share_text: String,
}

/// The figures of a group's thực trạng: total, người địa phương, nữ, under 35, counts per level.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    /// Tổng số.
    pub total: u32,
    /// Người địa phương.
    pub locals: ShareRow,
    /// Cán bộ nữ.
    pub women: ShareRow,
    /// Dưới 35 tuổi.
    pub under_35: ShareRow,
    /// Trình độ chuyên môn, highest first, levels with nobody left out.
    pub professional: Vec<ShareRow>,
    /// Lý luận chính trị.
    pub political: Vec<ShareRow>,
    /// Quản lý nhà nước.
    pub state_management: Vec<ShareRow>,
}

/// Thực trạng of one group.
#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    /// Group id.
    pub id: String,
    /// Tên nhóm.
    pub name: String,
    /// Its figures (`total`, `locals`, … at this level of the JSON).
    #[serde(flatten)]
    pub figures: Figures,
    /// The paragraphs the Thực trạng page gives, ready to paste.
    pub paragraphs: Vec<String>,
}

/// So sánh đơn vị: the children of one unit, target by target and group by group.
#[derive(Debug, Clone, Serialize)]
pub struct UnitComparison {
    /// The unit whose children are compared (`--parent`, else the page's default: the
    /// directive's own unit, else the roster's one top unit, else the first unit with units
    /// under it).
    pub parent_id: String,
    /// Its name.
    pub parent_name: String,
    /// Every target: the parent as a whole, then each child, the largest gap first.
    pub targets: Vec<TargetByUnit>,
    /// Every group's thực trạng: the parent as a whole, then each child in the roster's order.
    pub groups: Vec<GroupByUnit>,
}

/// One target over the units.
#[derive(Debug, Clone, Serialize)]
pub struct TargetByUnit {
    /// Target id.
    pub id: String,
    /// The parent as a whole.
    pub whole: UnitScore,
    /// Each child unit.
    pub units: Vec<UnitScore>,
}

/// One unit's score of one target.
#[derive(Debug, Clone, Serialize)]
pub struct UnitScore {
    /// Unit id.
    pub unit_id: String,
    /// Tên đơn vị.
    pub unit_name: String,
    /// Trạng thái code.
    pub status: &'static str,
    /// Its label.
    pub status_label: &'static str,
    /// The value now.
    pub measured: Option<f64>,
    /// Numerator of the value.
    pub count: Option<u32>,
    /// Denominator of the value.
    pub of: Option<u32>,
    /// Mục tiêu.
    pub target: Option<f64>,
    /// Còn thiếu, persons.
    pub gap_persons: u32,
    /// "4/5 = 80,0%", "04 đồng chí (cần 02)", as the page writes it.
    pub result_text: String,
}

/// One group's thực trạng over the units.
#[derive(Debug, Clone, Serialize)]
pub struct GroupByUnit {
    /// Group id.
    pub id: String,
    /// The parent as a whole.
    pub whole: UnitFigures,
    /// Each child unit.
    pub units: Vec<UnitFigures>,
}

/// One unit's figures of a group.
#[derive(Debug, Clone, Serialize)]
pub struct UnitFigures {
    /// Unit id.
    pub unit_id: String,
    /// Tên đơn vị.
    pub unit_name: String,
    /// Its figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// A directive found for `--directive`, and whether it is a built-in template.
pub struct Found {
    /// The directive.
    pub directive: Directive,
    /// A built-in template.
    pub built_in: bool,
    /// The other directives a "duy trì" milestone may name.
    pub others: Vec<Directive>,
}

/// The directive `wanted` names: by id ("tpl-002", or "002" for a template), or by số ký
/// hiệu compared folded ("02-DA/HU" finds "02-ĐA/HU"). The file's own directives first, then
/// the built-in templates. The error lists what there is.
pub fn find(wanted: &str, in_file: &[Directive]) -> Result<Found, String> {
    let builtins: Vec<Directive> = templates::all().into_iter().map(|(_, d)| d).collect();
    let key = fold(wanted.trim());
    let id = wanted.trim();
    let named = |d: &&Directive| {
        d.id == id || d.id == format!("tpl-{id}") || (!d.number.trim().is_empty() && fold(d.number.trim()) == key)
    };
    let everything: Vec<Directive> = in_file.iter().chain(&builtins).cloned().collect();
    for (list, built_in) in [(in_file, false), (builtins.as_slice(), true)] {
        let hits: Vec<&Directive> = list.iter().filter(named).collect();
        match hits.as_slice() {
            [] => continue,
            [one] => {
                let directive = (*one).clone();
                let others = everything.iter().filter(|d| d.id != directive.id).cloned().collect();
                return Ok(Found { directive, built_in, others });
            }
            many => {
                let names: Vec<String> = many.iter().map(|d| format!("{} (mã {})", d.number, d.id)).collect();
                return Err(format!(
                    "“{wanted}” chỉ nhiều văn bản: {}. Hãy chọn bằng mã (--directive MÃ).",
                    names.join(", ")
                ));
            }
        }
    }
    let mut known: Vec<String> = everything
        .iter()
        .map(|d| if d.number.is_empty() { format!("mã {}", d.id) } else { format!("{} (mã {})", d.number, d.id) })
        .collect();
    known.dedup();
    Err(format!("không có văn bản “{wanted}” trong tệp hay trong các văn bản mẫu. Có: {}.", known.join("; ")))
}

/// The scoring date and the groups' year of `when`, given today.
pub fn dates(when: When, today: Date) -> (Date, u16) {
    match when {
        When::Today => (today, today.year),
        When::Year(y) if y == today.year => (today, y),
        When::Year(y) => (Date::end_of_year(y), y),
        When::At(d) => (d, d.year),
    }
}

fn share_row(p: &Part) -> ShareRow {
    ShareRow { label: p.label.clone(), count: p.count, share: f64::from(p.tenths) / 10.0, share_text: p.share_text() }
}

fn figures(r: &StatusReport) -> Figures {
    Figures {
        total: r.total,
        locals: share_row(&r.locals),
        women: share_row(&r.women),
        under_35: share_row(&r.young),
        professional: r.professional.iter().map(share_row).collect(),
        political: r.political.iter().map(share_row).collect(),
        state_management: r.state_management.iter().map(share_row).collect(),
    }
}

fn group_row(id: &str, r: &StatusReport) -> GroupRow {
    GroupRow { id: id.to_string(), name: r.group_name.clone(), figures: figures(r), paragraphs: r.paragraphs() }
}

fn value_parts(s: &TargetScore) -> (Option<u32>, Option<u32>) {
    (s.value.map(|v| v.numerator), s.value.map(|v| v.denominator))
}

/// Everything a report holds, for one directive over one dataset.
pub struct Built {
    /// The JSON's content.
    pub report: Report,
    /// Tiến độ (the directive page's table export).
    pub scores_table: Table,
    /// Thực trạng of every group.
    pub groups_table: Table,
    /// So sánh đơn vị, when asked: every target's, then every group's.
    pub units_tables: Option<(Table, Table)>,
}

/// Builds the report of `found` over `data`; `by_unit` names the unit whose children are
/// compared.
pub fn build(
    file: &str,
    data: &Dataset,
    found: &Found,
    at: Date,
    year: u16,
    held_only: bool,
    by_unit: Option<&str>,
) -> Built {
    let d = &found.directive;
    let roster = &data.roster;
    let score = directive_score_among(d, &found.others, roster, Some(&data.training), at);
    let rows: Vec<_> = progress_report(d, &score)
        .into_iter()
        .flat_map(|s| {
            let title = s.title;
            s.rows.into_iter().map(move |r| (title.clone(), r))
        })
        .collect();
    let targets: Vec<TargetRow> = score
        .targets
        .iter()
        .map(|s| {
            let (section, row) = rows
                .iter()
                .find(|(_, r)| r.target_id == s.target_id)
                .map(|(t, r)| (t.clone(), Some(r)))
                .unwrap_or_default();
            let group_id = d.target(&s.target_id).and_then(|t| t.group.clone());
            let text =
                |f: fn(&dtbd_domain::progress::ProgressRow) -> &String| row.map(|r| f(r).clone()).unwrap_or_default();
            let (count, of) = value_parts(s);
            TargetRow {
                id: s.target_id.clone(),
                section,
                item: text(|r| &r.number),
                text: text(|r| &r.text),
                group_name: group_id.as_deref().and_then(|g| d.group(g)).map(|g| g.name.clone()),
                group_id,
                kind: s.kind.code(),
                status: s.status.code(),
                status_label: s.status.label(),
                unit: s.unit.code(),
                measured: s.measured,
                count,
                of,
                target: s.target,
                deadline: s.deadline,
                expected_now: s.expected_now,
                required: s.required,
                gap_persons: s.gap_persons,
                per_year: s.per_year,
                reason: s.reason.clone(),
                value_text: text(|r| &r.value),
                reported_text: text(|r| &r.reported),
                target_text: text(|r| &r.target),
                gap_text: text(|r| &r.gap),
                check_text: text(|r| &r.check),
            }
        })
        .collect();
    let counts = score.counts();
    let summary = Summary {
        targets: score.targets.len(),
        statuses: Status::ALL
            .iter()
            .filter_map(|st| counts.get(st).map(|n| StatusCount { status: st.code(), label: st.label(), targets: *n }))
            .collect(),
        text: progress_summary(&score),
    };
    let index = RosterIndex::build(roster);
    let reports: Vec<(String, StatusReport)> = d
        .groups
        .iter()
        .filter_map(|g| status_report(d, &index, &g.id, year, !held_only).map(|r| (g.id.clone(), r)))
        .collect();
    let groups = reports.iter().map(|(id, r)| group_row(id, r)).collect();
    let only_reports: Vec<StatusReport> = reports.into_iter().map(|(_, r)| r).collect();
    let compared =
        by_unit.and_then(|parent| compare_units(data, found, &index, at, year, !held_only, parent, &targets));
    let (units, units_tables) = match compared {
        Some((units, tables)) => (Some(units), Some(tables)),
        None => (None, None),
    };
    let report = Report {
        format: REPORT_FORMAT,
        version: REPORT_VERSION,
        file: file.to_string(),
        directive: DirectiveHead {
            id: d.id.clone(),
            number: d.number.clone(),
            kind: d.kind.code(),
            kind_label: d.kind.label(),
            issuer: d.issuer.clone(),
            title: d.title.clone(),
            built_in: found.built_in,
        },
        at,
        year,
        cadres: roster.cadres.len(),
        studying_counted_with_level: !held_only,
        summary,
        targets,
        groups,
        units,
    };
    Built {
        report,
        scores_table: progress_table(d, &score),
        groups_table: status_table(&only_reports, year),
        units_tables,
    }
}

/// The unit `wanted` names (its id, or its name compared folded), else the So sánh đơn vị
/// page's default parent for the directive; the error lists the units that have children.
pub fn parent_unit(roster: &Roster, d: &Directive, wanted: Option<&str>) -> Result<String, String> {
    let parents = dtbd_view::compare::parent_choices(roster);
    let Some(wanted) = wanted else {
        return dtbd_view::compare::default_parent(d, roster)
            .ok_or_else(|| "không có đơn vị nào có đơn vị trực thuộc để so sánh.".to_string());
    };
    let key = fold(wanted.trim());
    let unit = roster
        .units
        .iter()
        .find(|u| u.id == wanted.trim())
        .or_else(|| roster.units.iter().find(|u| fold(u.name.trim()) == key));
    match unit {
        Some(u) if parents.iter().any(|c| c.value == u.id) => Ok(u.id.clone()),
        Some(u) => Err(format!("đơn vị “{}” không có đơn vị trực thuộc để so sánh.", u.name)),
        None => {
            let names: Vec<String> = parents.iter().map(|c| c.label.trim().to_string()).collect();
            Err(format!("không có đơn vị “{wanted}”. Các đơn vị có đơn vị trực thuộc: {}.", names.join("; ")))
        }
    }
}

/// So sánh đơn vị of every target and group over the children of `parent_id`
/// (`domain::compare`, as the page figures one), and its two tables: the page's table of each
/// target (and group) one after another, each row led by the target's words (the group's name).
#[allow(clippy::too_many_arguments)]
fn compare_units(
    data: &Dataset,
    found: &Found,
    index: &RosterIndex,
    at: Date,
    year: u16,
    merge_studying: bool,
    parent_id: &str,
    targets: &[TargetRow],
) -> Option<(UnitComparison, (Table, Table))> {
    let d = &found.directive;
    let parent = index.roster.unit(parent_id)?;
    let training = TrainingIndex::build(index, &data.training);
    let source: &dyn RecordSource = &training;
    let unit_score = |unit_id: &str, unit_name: &str, s: &TargetScore| {
        let (count, of) = value_parts(s);
        UnitScore {
            unit_id: unit_id.to_string(),
            unit_name: unit_name.to_string(),
            status: s.status.code(),
            status_label: s.status.label(),
            measured: s.measured,
            count,
            of,
            target: s.target,
            gap_persons: s.gap_persons,
            result_text: compare::result_text(s),
        }
    };
    let mut target_rows = Vec::new();
    let mut by_target = Vec::new();
    for row in targets {
        let Some(c) = compare::compare_target(d, &found.others, index, at, Some(source), &row.id, parent_id) else {
            continue;
        };
        if let Some(table) = compare::target_table(d, at, &c) {
            target_rows.extend(table.rows.into_iter().map(|cells| lead(&row.text, cells)));
        }
        by_target.push(TargetByUnit {
            id: row.id.clone(),
            whole: unit_score(&parent.id, &parent.name, &c.whole),
            units: c.rows.iter().map(|r| unit_score(&r.unit.unit_id, &r.unit.unit_name, &r.score)).collect(),
        });
    }
    let mut group_rows = Vec::new();
    let mut by_group = Vec::new();
    for g in &d.groups {
        let Some(c) = compare::compare_group(d, index, year, merge_studying, &g.id, parent_id) else { continue };
        if let Some(table) = compare::group_table(d, year, &c) {
            group_rows.extend(table.rows.into_iter().map(|cells| lead(&g.name, cells)));
        }
        let unit_figures = |r: &compare::GroupRow| UnitFigures {
            unit_id: r.unit.unit_id.clone(),
            unit_name: r.unit.unit_name.clone(),
            figures: figures(&r.report),
        };
        by_group.push(GroupByUnit {
            id: g.id.clone(),
            whole: unit_figures(&c.whole),
            units: c.rows.iter().map(unit_figures).collect(),
        });
    }
    let header =
        |first: &str, rest: &[&str]| std::iter::once(first).chain(rest.iter().copied()).map(String::from).collect();
    let tables = (
        Table {
            title: format!("So sánh đơn vị trực thuộc {} theo chỉ tiêu (tính đến {})", parent.name, at.short_vi()),
            header: header("Chỉ tiêu", &compare::TARGET_HEADER),
            rows: target_rows,
        },
        Table {
            title: format!("So sánh đơn vị trực thuộc {}: thực trạng các nhóm năm {year}", parent.name),
            header: header("Nhóm", &compare::GROUP_HEADER),
            rows: group_rows,
        },
    );
    let units = UnitComparison {
        parent_id: parent.id.clone(),
        parent_name: parent.name.clone(),
        targets: by_target,
        groups: by_group,
    };
    Some((units, tables))
}

/// A table row led by the words of what it compares.
fn lead(words: &str, cells: Vec<Cell>) -> Vec<Cell> {
    std::iter::once(Cell::text(words)).chain(cells).collect()
}

/// The output's bytes in `format`.
pub fn render(built: &Built, format: Format, table: Option<TableChoice>) -> Result<Vec<u8>, String> {
    match format {
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&built.report).expect("the report always serialises");
            text.push('\n');
            Ok(text.into_bytes())
        }
        Format::Csv => {
            let chosen = match table.unwrap_or(TableChoice::Scores) {
                TableChoice::Scores => &built.scores_table,
                TableChoice::Groups => &built.groups_table,
                TableChoice::Units => built.units_tables.as_ref().map_or(&built.scores_table, |(t, _)| t),
                TableChoice::UnitGroups => built.units_tables.as_ref().map_or(&built.groups_table, |(_, g)| g),
            };
            Ok(chosen.to_csv().into_bytes())
        }
        Format::Xlsx => {
            let mut tables = vec![built.scores_table.clone(), built.groups_table.clone()];
            if let Some((targets, groups)) = &built.units_tables {
                tables.extend([targets.clone(), groups.clone()]);
            }
            dtbd_xlsx::write(&tables)
        }
    }
}

/// Runs `dtbd report`.
pub fn run(o: &ReportOptions, io: &mut Io<'_>) -> Exit {
    let name = shown(&o.file);
    let imported = match files::read_snapshot(&o.file, &Roster::default()) {
        Ok(imported) => imported,
        Err(messages) => {
            messages.iter().for_each(|m| io.about(&name, m));
            return Exit::Refused;
        }
    };
    let data = imported.snapshot.into_dataset();
    let found = match find(&o.directive, &data.directives) {
        Ok(found) => found,
        Err(message) => {
            io.about(&name, &message);
            return Exit::Refused;
        }
    };
    let (at, year) = dates(o.when, files::moment(files::now()).date);
    let parent = match o.by_unit.then(|| parent_unit(&data.roster, &found.directive, o.parent.as_deref())) {
        Some(Err(message)) => {
            io.about(&name, &message);
            return Exit::Refused;
        }
        Some(Ok(parent)) => Some(parent),
        None => None,
    };
    let built = build(&name, &data, &found, at, year, o.held_only, parent.as_deref());
    let bytes = match render(&built, o.format, o.table) {
        Ok(bytes) => bytes,
        Err(message) => {
            io.about(&name, &message);
            return Exit::Refused;
        }
    };
    match &o.output {
        Some(path) => match files::write_atomic(path, &bytes) {
            Ok(()) => {
                io.warn(&format!(
                    "Đã ghi {}: {} {} trên {} cán bộ, tính đến {}.",
                    shown(path),
                    found.directive.kind.label(),
                    found.directive.number,
                    grouped(built.report.cadres),
                    at.short_vi()
                ));
                Exit::Done
            }
            Err(message) => {
                io.about(&shown(path), &message);
                Exit::Refused
            }
        },
        None => {
            let _ = io.out.write_all(&bytes);
            Exit::Done
        }
    }
}
