//! Theo dõi so với mốc (`#/van-ban/<id>/moc`): which baseline the page compares against, the
//! "Nhập số liệu năm trước" form as typed, the result's heading and paragraph, the copied text,
//! and the page's messages. The figures are `domain::monitor`'s.

use dtbd_domain::directive::{Date, Directive};
use dtbd_domain::monitor::{self, Baseline, GroupDraft, ReportedLine};

/// Every group of the directive: what "Chốt số liệu" freezes and the paragraph compares.
pub fn group_ids(d: &Directive) -> Vec<String> {
    d.groups.iter().map(|g| g.id.clone()).collect()
}

/// The baseline compared against: the chosen one while it is listed, else the first (the
/// newest, as `monitor::of_directive` orders them).
pub fn compared<'a>(list: &'a [Baseline], chosen: Option<&str>) -> Option<&'a Baseline> {
    chosen.and_then(|c| list.iter().find(|b| b.id == c)).or_else(|| list.first())
}

/// One cell of the form typed: a group's total (`indicator` none) or one indicator's count.
pub fn set_cell(rows: &mut Vec<GroupDraft>, group_id: &str, indicator: Option<&str>, value: String) {
    let i = match rows.iter().position(|r| r.group_id == group_id) {
        Some(i) => i,
        None => {
            rows.push(GroupDraft { group_id: group_id.to_string(), ..Default::default() });
            rows.len() - 1
        }
    };
    match indicator {
        None => rows[i].total = value,
        Some(code) => {
            rows[i].counts.retain(|(x, _)| x != code);
            rows[i].counts.push((code.to_string(), value));
        }
    }
}

/// The result's heading.
pub fn result_heading(base: Option<&Baseline>) -> String {
    base.map(|b| format!("So với mốc: {}", monitor::title(b))).unwrap_or_else(|| "So với mốc".into())
}

/// "Số liệu hiện nay tính đến …, trên danh sách N cán bộ."
pub fn now_line(at: Date, cadres: usize) -> String {
    format!(
        "Số liệu hiện nay tính đến {}, trên danh sách {} cán bộ.",
        at.short_vi(),
        dtbd_domain::number::grouped(cadres)
    )
}

/// The monitoring paragraph as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Paragraph {
    /// No baseline yet: a hint.
    NoBaseline,
    /// The baseline shares no figure with the groups now: a hint.
    NothingInCommon,
    /// The paragraph.
    Text(String),
}

impl Paragraph {
    /// From the paragraph against the compared baseline (none without one).
    pub fn of(p: Option<String>) -> Paragraph {
        match p {
            None => Paragraph::NoBaseline,
            Some(p) if p.is_empty() => Paragraph::NothingInCommon,
            Some(p) => Paragraph::Text(p),
        }
    }

    /// The hint shown instead of a paragraph.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            Paragraph::NoBaseline => Some("Chưa có mốc để so sánh."),
            Paragraph::NothingInCommon => Some("Mốc này không có số liệu chung với các nhóm hiện nay."),
            Paragraph::Text(_) => None,
        }
    }
}

/// "Sao chép đoạn văn": the paragraph, then each quota line on its own line.
pub fn copy_text(paragraph: Option<&str>, quotas: &[String]) -> String {
    let mut t = paragraph.unwrap_or_default().to_string();
    for l in quotas {
        t.push('\n');
        t.push_str(l);
    }
    t
}

/// "Sao chép đoạn văn" with the results the document reports: the paragraph, the quota lines,
/// each reported result beside the roster's count, then the figures to review.
pub fn copy_all(paragraph: Option<&str>, quotas: &[String], reported: &[ReportedLine], checks: &[String]) -> String {
    let mut lines = quotas.to_vec();
    lines.extend(reported.iter().map(ReportedLine::text));
    lines.extend(checks.iter().cloned());
    copy_text(paragraph, &lines)
}

/// After "Chốt số liệu".
pub fn frozen_message(at: Date) -> String {
    format!("Đã chốt số liệu ngày {}.", at.short_vi())
}

/// After "Lưu số liệu".
pub fn entered_message(year: u16) -> String {
    format!("Đã lưu số liệu năm {year}.")
}

/// The line offering to undo a deletion.
pub fn removed_line(b: &Baseline) -> String {
    format!("Đã xóa mốc \"{}\". ", monitor::title(b))
}

/// A baseline in the list: its compare button's text and its delete button's name.
pub fn row_labels(b: &Baseline) -> (String, String) {
    let title = monitor::title(b);
    (format!("So sánh với {title}"), format!("Xóa mốc {title}"))
}

/// The baseline deleted (a newer version marked removed), or put back.
pub fn with_removed(b: &Baseline, removed: bool) -> Baseline {
    Baseline { removed, ..b.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dtbd_domain::model::RecordMeta;
    use dtbd_domain::monitor::BaselineOrigin;

    fn baseline(id: &str, year: u16) -> Baseline {
        Baseline {
            id: id.into(),
            directive_id: "d".into(),
            date: Date { year, month: 12, day: 31 },
            origin: BaselineOrigin::Entered,
            note: String::new(),
            groups: Vec::new(),
            removed: false,
            meta: RecordMeta::default(),
        }
    }

    #[test]
    fn the_chosen_baseline_else_the_first() {
        let list = [baseline("b2020", 2020), baseline("b2015", 2015)];
        assert_eq!(compared(&list, None).map(|b| b.id.as_str()), Some("b2020"));
        assert_eq!(compared(&list, Some("b2015")).map(|b| b.id.as_str()), Some("b2015"));
        // A chosen baseline since deleted falls back to the newest.
        assert_eq!(compared(&list, Some("gone")).map(|b| b.id.as_str()), Some("b2020"));
        assert_eq!(compared(&[], Some("b2015")), None);
    }

    #[test]
    fn cells_fill_one_row_per_group_and_the_last_value_wins() {
        let mut rows = Vec::new();
        set_cell(&mut rows, "g1", None, "40".into());
        set_cell(&mut rows, "g1", Some("female"), "10".into());
        set_cell(&mut rows, "g1", Some("female"), "12".into());
        set_cell(&mut rows, "g2", Some("female"), "3".into());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].total, "40");
        assert_eq!(rows[0].counts, vec![("female".to_string(), "12".to_string())]);
        assert_eq!(rows[1].total, "");
    }

    #[test]
    fn paragraph_hints() {
        assert_eq!(Paragraph::of(None).hint(), Some("Chưa có mốc để so sánh."));
        assert_eq!(Paragraph::of(Some(String::new())), Paragraph::NothingInCommon);
        assert_eq!(Paragraph::of(Some("Tăng 3,6%".into())), Paragraph::Text("Tăng 3,6%".into()));
        assert_eq!(Paragraph::of(Some("x".into())).hint(), None);
    }

    #[test]
    fn copied_text_is_the_paragraph_then_the_quotas() {
        assert_eq!(copy_text(Some("Đoạn."), &["a".into(), "b".into()]), "Đoạn.\na\nb");
        assert_eq!(copy_text(None, &["a".into()]), "\na");
        assert_eq!(copy_text(None, &[]), "");
    }

    #[test]
    fn copied_text_carries_the_reported_results() {
        let line = ReportedLine {
            target_id: "t".into(),
            sentence: "Đào tạo 194 thạc sỹ.".into(),
            reported: "Năm 2014: 194 đồng chí".into(),
            reported_phrase: "theo báo cáo năm 2014: 194 đồng chí".into(),
            roster: "chưa có dữ liệu".into(),
            checks: vec!["Không khớp (năm 2014): x.".into()],
        };
        assert_eq!(
            copy_all(Some("Đoạn."), &["a".into()], &[line], &["Nhóm “G”: văn bản nêu 42 người, danh sách có 40 người.".into()]),
            "Đoạn.\na\nĐào tạo 194 thạc sỹ: theo báo cáo năm 2014: 194 đồng chí; theo danh sách chưa có dữ liệu. Không khớp (năm 2014): x.\nNhóm “G”: văn bản nêu 42 người, danh sách có 40 người."
        );
    }

    #[test]
    fn headings_and_labels_name_the_baseline() {
        let b = baseline("b", 2015);
        let title = monitor::title(&b);
        assert_eq!(result_heading(Some(&b)), format!("So với mốc: {title}"));
        assert_eq!(result_heading(None), "So với mốc");
        assert_eq!(row_labels(&b), (format!("So sánh với {title}"), format!("Xóa mốc {title}")));
        assert_eq!(removed_line(&b), format!("Đã xóa mốc \"{title}\". "));
        assert!(with_removed(&b, true).removed && !with_removed(&with_removed(&b, true), false).removed);
        assert_eq!(entered_message(2015), "Đã lưu số liệu năm 2015.");
        let d = Date { year: 2025, month: 3, day: 9 };
        assert_eq!(frozen_message(d), format!("Đã chốt số liệu ngày {}.", d.short_vi()));
        assert_eq!(now_line(d, 7), format!("Số liệu hiện nay tính đến {}, trên danh sách 7 cán bộ.", d.short_vi()));
    }
}
