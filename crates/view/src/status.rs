//! Thực trạng (status of the groups of one directive): the group reports with their
//! paragraphs, the status table, the seed-004 style table the officer picks, and the share
//! chart, for the groups ticked and the year typed; and which year the page opens on.

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

/// The year a directive's own status section describes: a document's "thực trạng" is the
/// present of the day it was signed (02-ĐA/HU, dated 03/02/2021, counts its people at 2021;
/// 7328/ĐA-UBND of 27/9/2024 gives figures of 01/2024), so the year of its date; without a date,
/// the first year of its period (a scheme for 2021 - 2025 starts from the state it found).
pub fn document_year(directive: &Directive) -> Option<u16> {
    directive.date.map(|d| d.year).or(directive.period.map(|p| p.from)).filter(|y| REPORT_YEARS.contains(y))
}

/// The year the officer chose for one directive's Thực trạng, kept between visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearChoice {
    /// Năm nay: whatever year it is when the page opens.
    ThisYear,
    /// That year.
    Year(u16),
}

impl YearChoice {
    /// What the preference stores: "nam_nay" or the year.
    pub fn code(self) -> String {
        match self {
            YearChoice::ThisYear => "nam_nay".into(),
            YearChoice::Year(y) => y.to_string(),
        }
    }

    /// A stored choice; `None` for anything else (the page then opens on its default).
    pub fn from_code(code: &str) -> Option<YearChoice> {
        match code {
            "nam_nay" => Some(YearChoice::ThisYear),
            other => parse_report_year(other).map(YearChoice::Year),
        }
    }

    /// The choice a year shown on the page amounts to: this year is kept as "năm nay", so next
    /// year the page follows the calendar.
    pub fn of(year: u16, this_year: u16) -> YearChoice {
        if year == this_year {
            YearChoice::ThisYear
        } else {
            YearChoice::Year(year)
        }
    }
}

/// The year the page opens on: the officer's choice for this directive, else the year its
/// status section describes, else this year.
pub fn opening_year(directive: &Directive, remembered: Option<YearChoice>, this_year: u16) -> u16 {
    match remembered {
        Some(YearChoice::Year(y)) => y,
        Some(YearChoice::ThisYear) => this_year,
        None => document_year(directive).unwrap_or(this_year),
    }
}

/// The years one tap away from `shown`: "Năm nay (2026)" and "Năm của văn bản (2021)", each
/// only when it is not the year shown.
pub fn year_shortcuts(directive: &Directive, shown: u16, this_year: u16) -> Vec<(String, u16)> {
    let mut out = Vec::new();
    if shown != this_year {
        out.push((format!("Năm nay ({this_year})"), this_year));
    }
    if let Some(y) = document_year(directive).filter(|y| *y != shown && *y != this_year) {
        out.push((format!("Năm của văn bản ({y})"), y));
    }
    out
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

/// The note under the group reports saying how their level figures count those studying: one
/// printed Thực trạng shows the paragraph (which may merge "đang học") beside Bảng 3 (which
/// never does), so the same people can give two sets of figures; the page says which is which.
pub fn reports_note(merge: bool) -> &'static str {
    if merge {
        "Ghi chú: số liệu trình độ ở đoạn văn và bảng của từng nhóm gộp người đang học vào trình độ đang học (“Thạc sĩ và đang học thạc sĩ”)."
    } else {
        "Ghi chú: số liệu trình độ ở đoạn văn và bảng của từng nhóm chỉ tính trình độ đã có, không gộp người đang học."
    }
}

/// The note under a statistics table that counts levels (Bảng 3, Bảng 5, the level
/// breakdowns): such tables count the level held only, whatever the paragraph does. `None` for
/// a table of ages or fields, where "đang học" changes nothing.
pub fn table_note(kind: GroupTable, merge: bool) -> Option<&'static str> {
    use dtbd_domain::report::Bands;
    let counts_levels = match kind {
        GroupTable::Degree | GroupTable::YoungByDegree => true,
        GroupTable::Bands(bands) => !matches!(bands, Bands::Age),
        GroupTable::Field => false,
    };
    counts_levels.then_some(if merge {
        "Ghi chú: bảng này chỉ tính trình độ đã có, không gộp người đang học, nên có thể khác số liệu ở đoạn văn phía trên."
    } else {
        "Ghi chú: bảng này chỉ tính trình độ đã có, như đoạn văn phía trên."
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{hoang_su_phi_roster, scheme_02, template};

    #[test]
    fn a_year_outside_the_field_is_refused() {
        assert_eq!(parse_report_year(" 2024 "), Some(2024));
        assert_eq!(parse_report_year("1989"), None);
        assert_eq!(parse_report_year("2101"), None);
        assert_eq!(parse_report_year("năm 2024"), None);
    }

    #[test]
    fn a_status_section_is_counted_at_the_year_of_its_document() {
        let scheme = scheme_02();
        assert_eq!(document_year(&scheme), Some(2021), "02-ĐA/HU is dated 03/02/2021");
        let years: Vec<Option<u16>> = [
            "000-quang-tri-37-kl-tu.json",
            "001-lai-chau-05-nq-tu.json",
            "003-quang-ngai-ke-hoach-2021.json",
            "004-quang-nam-7328-da-ubnd.json",
        ]
        .into_iter()
        .map(|f| document_year(&template(f)))
        .collect();
        assert!(years.iter().all(Option::is_some), "{years:?}");
        assert_eq!(years[3], Some(2024), "7328/ĐA-UBND gives figures of 01/2024");
        let mut undated = scheme.clone();
        undated.date = None;
        assert_eq!(document_year(&undated), Some(2021), "the first year of 2021 - 2025");
        undated.period = None;
        assert_eq!(document_year(&undated), None);

        assert_eq!(opening_year(&scheme, None, 2026), 2021);
        assert_eq!(opening_year(&undated, None, 2026), 2026);
        assert_eq!(opening_year(&scheme, Some(YearChoice::ThisYear), 2026), 2026);
        assert_eq!(opening_year(&scheme, Some(YearChoice::ThisYear), 2027), 2027);
        assert_eq!(opening_year(&scheme, Some(YearChoice::Year(2023)), 2026), 2023);
    }

    #[test]
    fn the_choice_is_kept_as_this_year_or_a_year() {
        for choice in [YearChoice::ThisYear, YearChoice::Year(2021)] {
            assert_eq!(YearChoice::from_code(&choice.code()), Some(choice));
        }
        assert_eq!(YearChoice::from_code("hôm qua"), None);
        assert_eq!(YearChoice::from_code("1800"), None);
        assert_eq!(YearChoice::of(2026, 2026), YearChoice::ThisYear);
        assert_eq!(YearChoice::of(2021, 2026), YearChoice::Year(2021));
    }

    #[test]
    fn this_year_and_the_document_s_year_are_one_tap_away() {
        let scheme = scheme_02();
        assert_eq!(year_shortcuts(&scheme, 2021, 2026), [("Năm nay (2026)".to_string(), 2026)]);
        assert_eq!(year_shortcuts(&scheme, 2026, 2026), [("Năm của văn bản (2021)".to_string(), 2021)]);
        assert_eq!(
            year_shortcuts(&scheme, 2023, 2026),
            [("Năm nay (2026)".to_string(), 2026), ("Năm của văn bản (2021)".to_string(), 2021)]
        );
        assert!(year_shortcuts(&scheme, 2021, 2021).is_empty());
    }

    #[test]
    fn the_paragraph_and_the_level_tables_say_whether_they_merge_those_studying() {
        assert!(reports_note(true).contains("gộp người đang học vào trình độ đang học"));
        assert!(reports_note(false).contains("không gộp người đang học"));
        // Bảng 3 never merges: with a merged paragraph above it, it says the figures differ.
        let merged = table_note(GroupTable::Degree, true).unwrap();
        assert!(merged.contains("không gộp") && merged.contains("có thể khác"), "{merged}");
        assert!(table_note(GroupTable::Degree, false).unwrap().contains("như đoạn văn"));
        assert!(table_note(GroupTable::Bands(Bands::Political), true).is_some());
        assert!(table_note(GroupTable::YoungByDegree, true).is_some());
        assert_eq!(table_note(GroupTable::Bands(Bands::Age), true), None);
        assert_eq!(table_note(GroupTable::Field, true), None);
        // The two sets of figures the notes tell apart: with the roster's people studying for a
        // degree, the merged paragraph and the held-level Bảng 3 count the same group differently.
        let roster = hoang_su_phi_roster(3);
        let directive = scheme_02();
        let every = all_groups(&directive);
        let merged: Vec<StatusReport> = group_reports(&directive, &roster, &every, 2021, true);
        let held: Vec<StatusReport> = group_reports(&directive, &roster, &every, 2021, false);
        assert_ne!(merged, held, "the fixture has people studying, so the figures differ");
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
