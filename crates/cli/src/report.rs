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

use std::collections::HashSet;

use serde::Serialize;

use dtbd_domain::date::Date;
use dtbd_domain::directive::{Directive, DirectiveScore, RosterIndex, Status, TargetScore};
use dtbd_domain::number::grouped;
use dtbd_domain::progress::{progress_report, progress_summary, progress_table};
use dtbd_domain::report::{status_report, Part, StatusReport};
use dtbd_domain::roster::Roster;
use dtbd_domain::snapshot::{Dataset, Scope};
use dtbd_domain::table::{Cell, Table};
use dtbd_domain::tables::status_table;
use dtbd_domain::text::fold;
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
    /// So sánh đơn vị (`--by-unit` only): each child unit with its own scores.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<Vec<UnitRow>>,
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

/// Thực trạng of one group.
#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    /// Group id.
    pub id: String,
    /// Tên nhóm.
    pub name: String,
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
    /// The paragraphs the Thực trạng page gives, ready to paste.
    pub paragraphs: Vec<String>,
}

/// One child unit and its own scores.
#[derive(Debug, Clone, Serialize)]
pub struct UnitRow {
    /// Unit id.
    pub unit_id: String,
    /// Tên đơn vị.
    pub unit_name: String,
    /// Cán bộ of the unit and the units below it.
    pub cadres: usize,
    /// Every target over the unit's own people, in the document's order.
    pub targets: Vec<UnitTarget>,
}

/// One target over one unit.
#[derive(Debug, Clone, Serialize)]
pub struct UnitTarget {
    /// Target id.
    pub id: String,
    /// Trạng thái code and label.
    pub status: &'static str,
    /// Its label.
    pub status_label: &'static str,
    /// The value now.
    pub measured: Option<f64>,
    /// Numerator and denominator of the value.
    pub count: Option<u32>,
    /// Denominator.
    pub of: Option<u32>,
    /// Mục tiêu.
    pub target: Option<f64>,
    /// Còn thiếu, persons.
    pub gap_persons: u32,
    /// "14/42 = 33,3%".
    pub value_text: String,
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

fn group_row(id: &str, r: &StatusReport) -> GroupRow {
    GroupRow {
        id: id.to_string(),
        name: r.group_name.clone(),
        total: r.total,
        locals: share_row(&r.locals),
        women: share_row(&r.women),
        under_35: share_row(&r.young),
        professional: r.professional.iter().map(share_row).collect(),
        political: r.political.iter().map(share_row).collect(),
        state_management: r.state_management.iter().map(share_row).collect(),
        paragraphs: r.paragraphs(),
    }
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
    /// So sánh đơn vị, when asked.
    pub units_table: Option<Table>,
}

/// Builds the report of `found` over `data`.
pub fn build(file: &str, data: &Dataset, found: &Found, at: Date, year: u16, held_only: bool, by_unit: bool) -> Built {
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
    let targets = score
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
    let (units, units_table) = if by_unit {
        let units = compare_units(data, found, at);
        let table = units_table(d, &score, &units);
        (Some(units), Some(table))
    } else {
        (None, None)
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
        units_table,
    }
}

/// The units compared: the children of the file's own unit (a subtree file), else of the
/// roster's one top unit, else the top units themselves.
pub fn compared_units(data: &Dataset) -> Vec<&dtbd_domain::model::Unit> {
    let roster = &data.roster;
    let root = roster.only_root().map(|u| u.id.clone());
    let children = |id: &str| roster.units.iter().filter(|u| u.parent_id.as_deref() == Some(id)).collect::<Vec<_>>();
    match root {
        Some(root) => children(&root),
        None => roster.units.iter().filter(|u| u.parent_id.is_none()).collect(),
    }
}

/// Each compared unit scored over its own people: its subtree's cadres, its subtree's units
/// and their ancestors (so a per-unit target counts that unit's units only).
fn compare_units(data: &Dataset, found: &Found, at: Date) -> Vec<UnitRow> {
    let roster = &data.roster;
    compared_units(data)
        .into_iter()
        .map(|unit| {
            let subtree = roster.subtree(&unit.id);
            let mut keep: HashSet<&str> = subtree.iter().map(String::as_str).collect();
            keep.extend(roster.ancestors_and_self(&unit.id).map(|u| u.id.as_str()));
            let own = Roster {
                units: roster.units.iter().filter(|u| keep.contains(u.id.as_str())).cloned().collect(),
                cadres: roster.cadres.iter().filter(|c| subtree.contains(&c.unit_id)).cloned().collect(),
            };
            let score: DirectiveScore =
                directive_score_among(&found.directive, &found.others, &own, Some(&data.training), at);
            UnitRow {
                unit_id: unit.id.clone(),
                unit_name: unit.name.clone(),
                cadres: own.cadres.len(),
                targets: score
                    .targets
                    .iter()
                    .map(|s| {
                        let (count, of) = value_parts(s);
                        UnitTarget {
                            id: s.target_id.clone(),
                            status: s.status.code(),
                            status_label: s.status.label(),
                            measured: s.measured,
                            count,
                            of,
                            target: s.target,
                            gap_persons: s.gap_persons,
                            value_text: s.value_text(),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

/// So sánh đơn vị as one table: each scored target, then its units, the largest gap first.
fn units_table(d: &Directive, score: &DirectiveScore, units: &[UnitRow]) -> Table {
    let mut rows = Vec::new();
    for (i, s) in score.targets.iter().enumerate() {
        if s.status == Status::NotScored || s.status == Status::Tracked {
            continue;
        }
        let text = d.target(&s.target_id).map(|t| t.sentence.clone()).unwrap_or_default();
        let mut of_target: Vec<(&UnitRow, &UnitTarget)> =
            units.iter().filter_map(|u| u.targets.get(i).filter(|t| t.id == s.target_id).map(|t| (u, t))).collect();
        of_target.sort_by(|a, b| b.1.gap_persons.cmp(&a.1.gap_persons).then_with(|| a.0.unit_name.cmp(&b.0.unit_name)));
        for (unit, t) in of_target {
            rows.push(vec![
                Cell::text(&text),
                Cell::text(&unit.unit_name),
                Cell::text(&t.value_text),
                t.target.map_or(Cell::Empty, Cell::Number),
                Cell::text(t.status_label),
                Cell::Int(i64::from(t.gap_persons)),
            ]);
        }
    }
    Table {
        title: format!("So sánh đơn vị theo chỉ tiêu {} đến {}", d.number, score.at.short_vi()),
        header: ["Chỉ tiêu", "Đơn vị", "Kết quả hiện nay", "Mục tiêu", "Trạng thái", "Còn thiếu (người)"]
            .map(String::from)
            .to_vec(),
        rows,
    }
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
                TableChoice::Units => built.units_table.as_ref().unwrap_or(&built.scores_table),
            };
            Ok(chosen.to_csv().into_bytes())
        }
        Format::Xlsx => {
            let mut tables = vec![built.scores_table.clone(), built.groups_table.clone()];
            tables.extend(built.units_table.clone());
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
    let scope = imported.snapshot.scope.clone();
    let data = imported.snapshot.into_dataset();
    let found = match find(&o.directive, &data.directives) {
        Ok(found) => found,
        Err(message) => {
            io.about(&name, &message);
            return Exit::Refused;
        }
    };
    let (at, year) = dates(o.when, files::moment(files::now()).date);
    let built = build(&name, &data, &found, at, year, o.held_only, o.by_unit);
    if o.by_unit && built.report.units.as_ref().is_some_and(Vec::is_empty) {
        let whose = match scope {
            Scope::Subtree { unit_name, .. } => unit_name,
            Scope::All => "tệp".into(),
        };
        io.about(&name, &format!("{whose} không có đơn vị trực thuộc nào để so sánh."));
    }
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
