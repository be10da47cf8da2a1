//! Báo cáo tiến độ (progress report of one directive): the report's title in the documents'
//! wording and each row's first column; the sections, rows, summary, charts and table are
//! the domain's `progress` module.

use dtbd_domain::directive::Directive;
use dtbd_domain::progress::ProgressRow;

/// "BÁO CÁO\nTiến độ thực hiện đề án số 02-ĐA/HU" (two lines, as a report's title is set).
pub fn report_title(directive: &Directive) -> String {
    let kind = directive.kind.label().to_lowercase();
    let name = if directive.number.is_empty() { kind } else { format!("{kind} số {}", directive.number) };
    format!("BÁO CÁO\nTiến độ thực hiện {name}")
}

/// The class of a section's title: `h2` for the top sections, one deeper per level, `h5` at
/// most.
pub fn heading_class(depth: usize) -> String {
    format!("h{}", (depth + 2).min(5))
}

/// The target cell: its item's number before its words, unless the item is a bare dash.
pub fn row_label(row: &ProgressRow) -> String {
    if row.number.is_empty() || row.number == "-" {
        row.text.clone()
    } else {
        format!("{} {}", row.number, row.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::directive_score;
    use crate::testing::{hoang_su_phi_roster, scheme_02};
    use dtbd_domain::directive::Date;
    use dtbd_domain::progress::progress_report;

    #[test]
    fn the_title_names_kind_and_number() {
        let scheme = scheme_02();
        assert_eq!(report_title(&scheme), "BÁO CÁO\nTiến độ thực hiện đề án số 02-ĐA/HU");
        let mut unnumbered = scheme.clone();
        unnumbered.number.clear();
        assert_eq!(report_title(&unnumbered), "BÁO CÁO\nTiến độ thực hiện đề án");
    }

    #[test]
    fn headings_go_one_deeper_per_level_down_to_h5() {
        let classes: Vec<String> = (0..5).map(heading_class).collect();
        assert_eq!(classes, ["h2", "h3", "h4", "h5", "h5"]);
    }

    #[test]
    fn rows_keep_their_number_unless_it_is_a_dash() {
        let roster = hoang_su_phi_roster(5);
        let scheme = scheme_02();
        let score = directive_score(&scheme, &roster, None, Date::new(2023, 1, 1).unwrap());
        let rows: Vec<ProgressRow> = progress_report(&scheme, &score).into_iter().flat_map(|s| s.rows).collect();
        assert!(!rows.is_empty());
        for row in &rows {
            let label = row_label(row);
            assert!(label.ends_with(&row.text), "{label}");
            assert_eq!(label.starts_with(&format!("{} ", row.number)), !row.number.is_empty() && row.number != "-");
        }
    }
}
