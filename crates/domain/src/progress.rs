//! Báo cáo tiến độ: every target of a directive, in the document's sections, with its value
//! now (theo danh sách), what the document itself reports (theo báo cáo), its target, its
//! status, what is missing and what the figures contradict — as rows for the printed page and
//! as a [`Table`] for CSV and Excel, the same cells in both.
//!
//! A row keeps the document's own sentence (a directional target's content, a follow-up
//! target's figures), as the directive page shows it.

use super::chart::{progress_plot, Plot};
use super::directive::reported::{
    add_up_flags, against_roster, flags_of, group_against_roster, reports_text, AddUpFlag,
};
use super::directive::score::format_milestone;
use super::directive::{describe_target, Date, Directive, DirectiveScore, Section, Status, Target, TargetScore};
use super::table::{Cell, Table};

/// One target's line.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressRow {
    /// Target id.
    pub target_id: String,
    /// The item's number as printed ("-", "2.1").
    pub number: String,
    /// The target in words.
    pub text: String,
    /// Kết quả hiện nay theo danh sách ("14/42 = 33,3%").
    pub value: String,
    /// Kết quả theo báo cáo, as the document writes it ("Năm 2014: tăng 3,6% so với năm
    /// 2010"); empty when it reports none.
    pub reported: String,
    /// Mục tiêu ("ít nhất 50% (năm 2025)").
    pub target: String,
    /// Trạng thái.
    pub status: Status,
    /// Còn thiếu / why not scored.
    pub gap: String,
    /// Đối chiếu số liệu: a reported figure the roster contradicts, parts that do not add up.
    pub check: String,
}

/// The columns of a row after the target's words, in the order print, CSV and Excel show them.
pub const ROW_COLUMNS: [&str; 6] = [
    "Kết quả hiện nay (theo danh sách)",
    "Kết quả theo báo cáo",
    "Mục tiêu",
    "Trạng thái",
    "Còn thiếu",
    "Đối chiếu số liệu",
];

impl ProgressRow {
    /// The cells under [`ROW_COLUMNS`].
    pub fn cells(&self) -> [String; 6] {
        [
            self.value.clone(),
            self.reported.clone(),
            self.target.clone(),
            self.status.label().to_string(),
            self.gap.clone(),
            self.check.clone(),
        ]
    }
}

/// The section of the table that lists the figures to review that concern no single target
/// (a group's stated size against the roster, parts of a group against the whole).
pub const CHECKS_TITLE: &str = "Số liệu cần xem lại";

/// A section of the document that holds targets (directly or below).
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressSection {
    /// Depth in the document (0 = top).
    pub depth: usize,
    /// "II. Mục tiêu".
    pub title: String,
    /// Its own targets.
    pub rows: Vec<ProgressRow>,
}

/// Mục tiêu of a row: the milestone the score judged against, in words ("ít nhất 50% (năm 2025)").
pub(crate) fn target_text(t: &Target, s: &TargetScore) -> String {
    let m = t.milestones.iter().find(|m| Some(m.year) == s.deadline).or(t.milestones.last());
    match m {
        Some(m) => format_milestone(m, s.unit, s.baseline), // "ít nhất 50% (năm 2025)"
        None => String::new(),
    }
}

/// The target in the document's words; the generated sentence when it has none.
fn words(d: &Directive, t: &Target) -> String {
    if t.sentence.trim().is_empty() {
        describe_target(t, d)
    } else {
        t.sentence.trim().to_string()
    }
}

fn row(d: &Directive, at: Date, flags: &[AddUpFlag], number: &str, t: &Target, s: Option<&TargetScore>) -> ProgressRow {
    let mut checks: Vec<String> = s.and_then(|s| against_roster(t, s, at)).into_iter().collect();
    checks.extend(flags_of(flags, &t.id));
    // "Đạt chuẩn" targets: the people no row of the standards table covers.
    checks.extend(s.map(TargetScore::standard_note).filter(|note| !note.is_empty()));
    let mut r = ProgressRow {
        target_id: t.id.clone(),
        number: number.to_string(),
        text: words(d, t),
        value: String::new(),
        reported: reports_text(t),
        target: String::new(),
        status: Status::NotScored,
        gap: "chưa chấm".into(),
        check: checks.join(" "),
    };
    if let Some(s) = s {
        r.gap = if s.status.is_judged() { s.gap_text() } else { s.reason.clone().unwrap_or_default() };
        r.value = s.value_text();
        r.target = target_text(t, s);
        r.status = s.status;
    }
    r
}

/// Figures to review that concern no single target: each group's stated size the roster
/// contradicts ("Nhóm “…”: văn bản nêu khoảng 1.200 người, danh sách có 980 người."), and
/// stated sizes of a group's parts that do not add up.
pub fn progress_checks(d: &Directive, score: &DirectiveScore) -> Vec<String> {
    let mut out: Vec<String> = score
        .groups
        .iter()
        .filter_map(|tally| {
            let g = d.group(&tally.group_id)?;
            group_against_roster(g, tally.members, score.at.year)
        })
        .collect();
    out.extend(add_up_flags(d).into_iter().filter(|f| f.target_ids.is_empty()).map(|f| f.message));
    out
}

/// The sections holding targets, in document order, each with its own rows.
pub fn progress_report(d: &Directive, score: &DirectiveScore) -> Vec<ProgressSection> {
    fn has_targets(s: &Section) -> bool {
        s.items.iter().any(|i| !i.targets.is_empty()) || s.sections.iter().any(has_targets)
    }
    fn walk(
        d: &Directive,
        score: &DirectiveScore,
        flags: &[AddUpFlag],
        sections: &[Section],
        depth: usize,
        out: &mut Vec<ProgressSection>,
    ) {
        for s in sections.iter().filter(|s| has_targets(s)) {
            let title = [s.number.trim(), s.heading.trim()]
                .iter()
                .filter(|x| !x.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let rows = s
                .items
                .iter()
                .flat_map(|i| i.targets.iter().map(move |t| (i, t)))
                .map(|(i, t)| row(d, score.at, flags, &i.number, t, score.target(&t.id)))
                .collect();
            out.push(ProgressSection { depth, title, rows });
            walk(d, score, flags, &s.sections, depth + 1, out);
        }
    }
    let flags = add_up_flags(d);
    let mut out = Vec::new();
    walk(d, score, &flags, &d.sections, 0, &mut out);
    out
}

/// "Tổng số 12 chỉ tiêu: Đạt 3; Đúng tiến độ 4; Chậm 2; Quá hạn 1; Không chấm được 2."
pub fn progress_summary(score: &DirectiveScore) -> String {
    let counts = score.counts();
    let parts: Vec<String> = Status::ALL
        .iter()
        .filter_map(|s| counts.get(s).filter(|n| **n > 0).map(|n| format!("{} {n}", s.label())))
        .collect();
    format!("Tổng số {} chỉ tiêu: {}.", score.targets.len(), parts.join("; "))
}

/// The report as one table: section, item, target, then [`ROW_COLUMNS`]; the figures to
/// review ([`progress_checks`]) follow under [`CHECKS_TITLE`].
pub fn progress_table(d: &Directive, score: &DirectiveScore) -> Table {
    let mut rows: Vec<Vec<Cell>> = progress_report(d, score)
        .into_iter()
        .flat_map(|s| {
            let title = s.title;
            s.rows.into_iter().map(move |r| {
                let mut cells = vec![Cell::text(&title), Cell::text(&r.number), Cell::text(&r.text)];
                cells.extend(r.cells().into_iter().map(Cell::text));
                cells
            })
        })
        .collect();
    for check in progress_checks(d, score) {
        let mut cells = vec![Cell::text(CHECKS_TITLE), Cell::text(""), Cell::text(&check)];
        cells.extend(ROW_COLUMNS.iter().map(|_| Cell::text("")));
        rows.push(cells);
    }
    let name =
        if d.number.is_empty() { d.kind.label().to_string() } else { format!("{} {}", d.kind.label(), d.number) };
    Table {
        title: format!("Tiến độ thực hiện {name} đến {}", score.at.short_vi()),
        header: ["Mục", "Ý", "Chỉ tiêu"].into_iter().chain(ROW_COLUMNS).map(String::from).collect(),
        rows,
    }
}

/// The year the straight path of `d`'s targets starts: the period's first year, else the
/// document's year.
pub fn start_year(d: &Directive) -> Option<u16> {
    d.period.map(|p| p.from).or(d.date.map(|x| x.year))
}

/// Progress charts of every target that has a baseline, a target and a value.
pub fn progress_plots(d: &Directive, score: &DirectiveScore, at: Date) -> Vec<Plot> {
    let Some(start) = start_year(d) else { return Vec::new() };
    progress_report(d, score)
        .iter()
        .flat_map(|s| s.rows.iter())
        .filter_map(|r| {
            score
                .target(&r.target_id)
                .and_then(|t| progress_plot(&r.text, t, start.min(t.deadline.unwrap_or(start)), at))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{hoang_su_phi, HOANG_SU_PHI_YEAR};
    use crate::directive::{score_directive, RosterIndex};
    use crate::roster::Roster;

    fn scored() -> (Directive, DirectiveScore, Date) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../public/templates/002-hoang-su-phi-02-da-hu.json");
        let d = Directive::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
        let (units, cadres) = hoang_su_phi(4);
        let r = Roster { units, cadres };
        let at = Date::new(HOANG_SU_PHI_YEAR + 2, 6, 30).unwrap();
        let s = score_directive(&d, &RosterIndex::build(&r), at);
        (d, s, at)
    }

    fn target_mut<'a>(sections: &'a mut [Section], id: &str) -> Option<&'a mut Target> {
        for s in sections {
            if let Some(t) = s.items.iter_mut().flat_map(|i| i.targets.iter_mut()).find(|t| t.id == id) {
                return Some(t);
            }
            if let Some(t) = target_mut(&mut s.sections, id) {
                return Some(t);
            }
        }
        None
    }

    #[test]
    fn every_target_appears_once_in_document_order() {
        let (d, s, _) = scored();
        let report = progress_report(&d, &s);
        let ids: Vec<&str> = report.iter().flat_map(|x| x.rows.iter().map(|r| r.target_id.as_str())).collect();
        let want: Vec<&str> = s.targets.iter().map(|t| t.target_id.as_str()).collect();
        assert_eq!(ids, want);
        assert!(report.iter().all(|x| !x.title.is_empty()));
        let table = progress_table(&d, &s);
        assert_eq!(table.rows.len(), s.targets.len());
        assert!(table.rows.iter().all(|r| r.len() == table.header.len()));
        let summary = progress_summary(&s);
        assert!(summary.starts_with(&format!("Tổng số {} chỉ tiêu: ", s.targets.len())), "{summary}");
    }

    #[test]
    fn a_standard_target_says_who_no_row_covers_among_the_figures_to_review() {
        let (d, mut s, _) = scored();
        let id = s.targets.iter().find(|t| t.status.is_judged()).expect("a scored target").target_id.clone();
        s.targets.iter_mut().find(|t| t.target_id == id).unwrap().without_standard = Some(4);
        let rows: Vec<ProgressRow> = progress_report(&d, &s).into_iter().flat_map(|x| x.rows).collect();
        let row = rows.iter().find(|r| r.target_id == id).unwrap();
        assert!(row.check.contains("04 đồng chí chưa có tiêu chuẩn áp dụng trong bảng tiêu chuẩn"), "{}", row.check);
        assert!(rows.iter().filter(|r| r.target_id != id).all(|r| !r.check.contains("tiêu chuẩn áp dụng")));
    }

    #[test]
    fn scored_rows_carry_value_target_and_gap() {
        let (d, s, _) = scored();
        let report = progress_report(&d, &s);
        let row = report.iter().flat_map(|x| &x.rows).find(|r| r.status.is_judged()).expect("a scored target");
        let t = s.target(&row.target_id).unwrap();
        assert_eq!(row.value, t.value_text());
        assert!(row.target.ends_with(&format!("(năm {})", t.deadline.unwrap())), "{}", row.target);
        assert_eq!(row.target.matches("(năm").count(), 1, "{}", row.target);
        assert_eq!(row.gap, t.gap_text());
    }

    #[test]
    fn rows_keep_the_documents_words_and_its_reported_figures() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/templates/001-lai-chau-05-nq-tu.json");
        let d = Directive::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
        let at = Date::new(2015, 1, 15).unwrap();
        let s = score_directive(&d, &RosterIndex::build(&Roster::default()), at);
        let rows: Vec<ProgressRow> = progress_report(&d, &s).into_iter().flat_map(|x| x.rows).collect();
        let row = |id: &str| rows.iter().find(|r| r.target_id == id).unwrap();
        // The review's figures, from its reported figures (seed 001).
        assert_eq!(row("t_ths_200").reported, "Năm 2014: 194 đồng chí, đạt 97% so với mục tiêu");
        assert_eq!(row("t_ts").reported, "Năm 2014: 07 đồng chí, vượt chỉ tiêu");
        // A follow-up row keeps its figure; a directional row its sentence, not a placeholder.
        assert_eq!(row("t_dtu_dh").reported, "Năm 2014: tăng 3,6% so với năm 2010");
        let directional = row("t_cbx_vh");
        assert_eq!(directional.text, "Cán bộ cấp xã có trình độ văn hóa trung học phổ thông tăng 14,9%");
        assert_eq!(directional.reported, "Năm 2014: tăng 14,9% so với năm 2010");
        assert!(rows.iter().all(|r| !r.text.contains("Chỉ tiêu định hướng (không chấm điểm)")));
        // Print (the row's cells) and the table (CSV, Excel) say the same.
        let table = progress_table(&d, &s);
        assert_eq!(table.header[3..], ROW_COLUMNS.map(String::from));
        for (r, cells) in rows.iter().zip(&table.rows) {
            let texts: Vec<String> = cells.iter().map(|c| c.display()).collect();
            assert_eq!(texts[2], r.text);
            assert_eq!(texts[3..], r.cells());
        }
        let csv = table.to_csv();
        assert!(csv.contains("194 đồng chí, đạt 97% so với mục tiêu") && csv.contains("vượt chỉ tiêu"), "{csv}");
    }

    #[test]
    fn disagreements_and_sums_are_pointed_out_in_the_report() {
        let (mut d, _, _) = scored();
        let (units, cadres) = hoang_su_phi(4);
        let r = Roster { units, cadres };
        let at = Date::new(HOANG_SU_PHI_YEAR, 12, 31).unwrap();
        let idx = RosterIndex::build(&r);
        let before = score_directive(&d, &idx, at);
        let measured = before.target("t_a_bch_ths").unwrap().measured.unwrap();
        let t = target_mut(&mut d.sections, "t_a_bch_ths").unwrap();
        t.reported = vec![crate::directive::Reported {
            value: Some(measured + 20.0),
            bound: crate::number::Bound::Nearly,
            ..crate::directive::Reported::of_year(at.year)
        }];
        let g = d.groups.iter_mut().find(|g| g.id == "g11").unwrap();
        g.stated_count = Some(60);
        let s = score_directive(&d, &idx, at);
        let rows: Vec<ProgressRow> = progress_report(&d, &s).into_iter().flat_map(|x| x.rows).collect();
        let row = rows.iter().find(|r| r.target_id == "t_a_bch_ths").unwrap();
        assert!(row.check.starts_with(&format!("Không khớp (năm {}): theo báo cáo gần ", at.year)), "{}", row.check);
        let checks = progress_checks(&d, &s);
        assert!(checks.iter().any(|c| c.contains("văn bản nêu 60 người, danh sách có 42 người")), "{checks:?}");
        let table = progress_table(&d, &s);
        let last = table.rows.last().unwrap();
        assert_eq!(last[0].display(), CHECKS_TITLE);
        assert!(checks.contains(&last[2].display()));
    }

    #[test]
    fn progress_plot_draws_the_straight_path_and_today() {
        let (d, s, at) = scored();
        let plots = progress_plots(&d, &s, at);
        assert!(!plots.is_empty(), "some target of 02-ĐA/HU has a baseline and a value");
        for p in &plots {
            let path = p.lines.iter().find(|l| l.class == "path").unwrap();
            assert!(path.x2 > path.x1, "time runs left to right");
            let now = p.lines.iter().find(|l| l.class == "now").unwrap();
            assert!(now.x1 > path.x1 && now.x1 < path.x2, "2023 lies inside 2021-2025");
            assert!(p.dots.iter().any(|d| d.class.starts_with("measured")));
            assert!(p.summary.contains("hiện nay"), "{}", p.summary);
        }
    }
}
