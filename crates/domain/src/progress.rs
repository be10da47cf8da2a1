//! Báo cáo tiến độ: every target of a directive, in the document's sections, with its value
//! now, its target, its status and what is missing — as rows for the printed page and as a
//! [`Table`] for CSV and Excel.

use super::chart::{progress_plot, Plot};
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
    /// Kết quả hiện nay ("14/42 = 33,3%").
    pub value: String,
    /// Mục tiêu ("ít nhất 50% (năm 2025)").
    pub target: String,
    /// Trạng thái.
    pub status: Status,
    /// Còn thiếu / why not scored.
    pub gap: String,
}

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

fn target_text(t: &Target, s: &TargetScore) -> String {
    let m = t.milestones.iter().find(|m| Some(m.year) == s.deadline).or(t.milestones.last());
    match m {
        Some(m) => format_milestone(m, s.unit, s.baseline), // "ít nhất 50% (năm 2025)"
        None => String::new(),
    }
}

fn row(d: &Directive, number: &str, t: &Target, s: Option<&TargetScore>) -> ProgressRow {
    let Some(s) = s else {
        return ProgressRow {
            target_id: t.id.clone(),
            number: number.to_string(),
            text: describe_target(t, d),
            value: String::new(),
            target: String::new(),
            status: Status::NotScored,
            gap: "chưa chấm".into(),
        };
    };
    let gap = if s.status == Status::NotScored { s.reason.clone().unwrap_or_default() } else { s.gap_text() };
    ProgressRow {
        target_id: t.id.clone(),
        number: number.to_string(),
        text: describe_target(t, d),
        value: s.value_text(),
        target: target_text(t, s),
        status: s.status,
        gap,
    }
}

/// The sections holding targets, in document order, each with its own rows.
pub fn progress_report(d: &Directive, score: &DirectiveScore) -> Vec<ProgressSection> {
    fn has_targets(s: &Section) -> bool {
        s.items.iter().any(|i| !i.targets.is_empty()) || s.sections.iter().any(has_targets)
    }
    fn walk(d: &Directive, score: &DirectiveScore, sections: &[Section], depth: usize, out: &mut Vec<ProgressSection>) {
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
                .map(|(i, t)| row(d, &i.number, t, score.target(&t.id)))
                .collect();
            out.push(ProgressSection { depth, title, rows });
            walk(d, score, &s.sections, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(d, score, &d.sections, 0, &mut out);
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

/// The report as one table: section, item, target, value, goal, status, gap.
pub fn progress_table(d: &Directive, score: &DirectiveScore) -> Table {
    let rows = progress_report(d, score)
        .into_iter()
        .flat_map(|s| {
            let title = s.title;
            s.rows.into_iter().map(move |r| {
                vec![
                    Cell::text(&title),
                    Cell::text(&r.number),
                    Cell::text(&r.text),
                    Cell::text(&r.value),
                    Cell::text(&r.target),
                    Cell::text(r.status.label()),
                    Cell::text(&r.gap),
                ]
            })
        })
        .collect();
    let name =
        if d.number.is_empty() { d.kind.label().to_string() } else { format!("{} {}", d.kind.label(), d.number) };
    Table {
        title: format!("Tiến độ thực hiện {name} đến {}", score.at.short_vi()),
        header: ["Mục", "Ý", "Chỉ tiêu", "Kết quả hiện nay", "Mục tiêu", "Trạng thái", "Còn thiếu"]
            .map(String::from)
            .to_vec(),
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
    fn scored_rows_carry_value_target_and_gap() {
        let (d, s, _) = scored();
        let report = progress_report(&d, &s);
        let row = report.iter().flat_map(|x| &x.rows).find(|r| r.status != Status::NotScored).expect("a scored target");
        let t = s.target(&row.target_id).unwrap();
        assert_eq!(row.value, t.value_text());
        assert!(row.target.ends_with(&format!("(năm {})", t.deadline.unwrap())), "{}", row.target);
        assert_eq!(row.target.matches("(năm").count(), 1, "{}", row.target);
        assert_eq!(row.gap, t.gap_text());
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
