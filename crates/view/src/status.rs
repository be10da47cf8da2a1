//! Thực trạng (status of the groups of one directive): the group reports with their
//! paragraphs, the status table, the seed-004 style table the officer picks, and the share
//! chart, for the groups ticked and the year typed.

use dtbd_domain::chart::{cross_share_plot, Plot};
use dtbd_domain::directive::{Directive, RosterIndex};
use dtbd_domain::report::{cross_tab, status_report, Bands, StatusReport};
use dtbd_domain::roster::Roster;
use dtbd_domain::table::Table;
use dtbd_domain::tables::GroupTable;

/// Years a report may be asked for; the year field says the same with `min` and `max`.
pub const REPORT_YEARS: std::ops::RangeInclusive<u16> = 1990..=2100;

/// The year typed in the year field, or `None` (the page keeps the year it had).
pub fn parse_report_year(text: &str) -> Option<u16> {
    text.trim().parse::<u16>().ok().filter(|year| REPORT_YEARS.contains(year))
}

/// Ticks or unticks one group, keeping the order the officer ticked them in.
pub fn toggle_group(chosen: &mut Vec<String>, group_id: &str, on: bool) {
    chosen.retain(|id| id != group_id);
    if on {
        chosen.push(group_id.to_string());
    }
}

/// Every group of the directive, in document order: what "Chọn tất cả nhóm" ticks.
pub fn all_groups(directive: &Directive) -> Vec<String> {
    directive.groups.iter().map(|g| g.id.clone()).collect()
}

/// The reports of the ticked groups, in document order; `merge` counts those studying with
/// the level they study for ("Thạc sĩ và đang học thạc sĩ").
pub fn group_reports(
    directive: &Directive,
    roster: &Roster,
    chosen: &[String],
    year: u16,
    merge: bool,
) -> Vec<StatusReport> {
    let index = RosterIndex::build(roster);
    directive
        .groups
        .iter()
        .filter(|g| chosen.contains(&g.id))
        .filter_map(|g| status_report(directive, &index, &g.id, year, merge))
        .collect()
}

/// The professional-level share of each ticked group, as a 100% bar chart.
pub fn share_plot(directive: &Directive, roster: &Roster, chosen: &[String], year: u16) -> Plot {
    let shares = cross_tab(directive, &RosterIndex::build(roster), chosen, Bands::Professional, year);
    cross_share_plot("Cơ cấu trình độ chuyên môn theo nhóm", &shares)
}

/// The table the officer picked (by degree, age band, field …) for the ticked groups.
pub fn group_table(kind: GroupTable, directive: &Directive, roster: &Roster, chosen: &[String], year: u16) -> Table {
    kind.build(directive, &RosterIndex::build(roster), chosen, year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{hoang_su_phi_roster, scheme_02};

    #[test]
    fn a_year_outside_the_field_is_refused() {
        assert_eq!(parse_report_year(" 2024 "), Some(2024));
        assert_eq!(parse_report_year("1989"), None);
        assert_eq!(parse_report_year("2101"), None);
        assert_eq!(parse_report_year("năm 2024"), None);
    }

    #[test]
    fn ticking_keeps_order_and_never_doubles() {
        let mut chosen = vec!["a".to_string(), "b".to_string()];
        toggle_group(&mut chosen, "a", true);
        assert_eq!(chosen, ["b", "a"]);
        toggle_group(&mut chosen, "b", false);
        assert_eq!(chosen, ["a"]);
        toggle_group(&mut chosen, "c", false);
        assert_eq!(chosen, ["a"]);
    }

    #[test]
    fn reports_follow_the_ticked_groups_in_document_order() {
        let roster = hoang_su_phi_roster(3);
        let directive = scheme_02();
        let every = all_groups(&directive);
        assert_eq!(every.len(), directive.groups.len());
        let reversed: Vec<String> = every.iter().rev().take(2).cloned().collect();
        let reports = group_reports(&directive, &roster, &reversed, 2021, true);
        assert_eq!(reports.len(), 2);
        let expected: Vec<&str> = directive.groups.iter().rev().take(2).rev().map(|g| g.name.as_str()).collect();
        let got: Vec<&str> = reports.iter().map(|r| r.group_name.as_str()).collect();
        assert_eq!(got, expected);
        let plot = share_plot(&directive, &roster, &every, 2021);
        assert!(!plot.rects.is_empty());
        let table = group_table(GroupTable::Degree, &directive, &roster, &every, 2021);
        assert!(!table.rows.is_empty());
    }
}
