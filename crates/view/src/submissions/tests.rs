use dtbd_domain::fixtures::unit;
use dtbd_domain::model::GovLevel;
use dtbd_domain::snapshot::receipt::ReceiptCounts;

use super::*;

/// A commune-level unit.
fn commune(id: &str, name: &str, parent: &str) -> dtbd_domain::model::Unit {
    dtbd_domain::model::Unit { level: GovLevel::Commune, ..unit(id, name, Some(parent)) }
}

/// Huyện Vị Xuyên with its Huyện ủy (an office of the district, which sends no file) and three
/// communes, one of which has a unit of its own (its party office).
fn district() -> Roster {
    Roster {
        units: vec![
            unit("h", "Huyện Vị Xuyên", None),
            unit("hu", "Huyện ủy Vị Xuyên", Some("h")),
            commune("a", "Xã Đạo Đức", "h"),
            commune("b", "Xã Phú Linh", "h"),
            commune("c", "Xã Thanh Thủy", "h"),
            commune("c1", "Văn phòng Đảng ủy xã Thanh Thủy", "c"),
        ],
        cadres: Vec::new(),
    }
}

/// Midday in Vietnam on `date`.
fn at(date: Date) -> Millis {
    Moment { date, hour: 12, minute: 0 }.to_millis(VIETNAM_UTC_OFFSET_MINUTES)
}

fn receipt(unit_id: &str, sent: Date, received: Date) -> Receipt {
    Receipt {
        id: format!("nhan-{unit_id}-{}", sent.days()),
        unit_id: Some(unit_id.into()),
        unit_name: String::new(),
        sender: format!("Văn phòng {unit_id}"),
        exported_at: at(sent),
        received_at: at(received),
        data_at: at(sent),
        file_name: format!("{unit_id}.json"),
        counts: ReceiptCounts::default(),
        meta: Default::default(),
    }
}

fn d(year: u16, month: u8, day: u8) -> Date {
    Date { year, month, day }
}

#[test]
fn periods_begin_where_an_office_counts_them() {
    let today = d(2026, 12, 2);
    assert_eq!(Period::Month.start(today), d(2026, 12, 1));
    assert_eq!(Period::Quarter.start(today), d(2026, 10, 1));
    assert_eq!(Period::HalfYear.start(today), d(2026, 7, 1));
    assert_eq!(Period::Year.start(today), d(2026, 1, 1));
    assert_eq!(Period::Quarter.start(d(2026, 3, 31)), d(2026, 1, 1));
    assert_eq!(Period::Quarter.start(d(2026, 4, 1)), d(2026, 4, 1));
    assert_eq!(Period::HalfYear.start(d(2026, 6, 30)), d(2026, 1, 1));
    assert_eq!(Period::Quarter.name(today), "quý IV/2026");
    assert_eq!(Period::Quarter.name(d(2026, 5, 1)), "quý II/2026");
    assert_eq!(Period::HalfYear.name(d(2026, 6, 30)), "6 tháng đầu năm 2026");
    assert_eq!(Period::HalfYear.name(today), "6 tháng cuối năm 2026");
    assert_eq!(Period::Month.name(today), "tháng 12/2026");
    for p in Period::ALL {
        assert_eq!(Period::from_code(p.code()), Some(p));
    }
}

#[test]
fn a_unit_is_overdue_when_nothing_came_since_the_period_began() {
    let roster = district();
    let receipts = vec![
        // Đạo Đức sent on the first day of the quarter: on time for it.
        receipt("a", d(2026, 10, 1), d(2026, 10, 2)),
        // Phú Linh's last file came the day before the quarter began, an older one before it.
        receipt("b", d(2026, 6, 1), d(2026, 6, 2)),
        receipt("b", d(2026, 9, 28), d(2026, 9, 30)),
        // Thanh Thủy's party office sent for the commune.
        receipt("c1", d(2026, 11, 20), d(2026, 11, 21)),
    ];
    let page = submissions(&roster, &receipts, "h", Period::Quarter, d(2026, 12, 2));
    let by_name = |name: &str| page.rows.iter().find(|r| r.unit == name).unwrap();
    assert!(!by_name("Xã Đạo Đức").overdue);
    assert_eq!(by_name("Xã Đạo Đức").sent, "01/10/2026");
    assert_eq!(by_name("Xã Đạo Đức").received, "02/10/2026");
    assert_eq!(by_name("Xã Đạo Đức").data_date, "01/10/2026");
    let late = by_name("Xã Phú Linh");
    assert!(late.overdue);
    assert_eq!(late.sent, "28/09/2026", "the latest of its files");
    assert_eq!(late.state, "Chưa gửi quý IV/2026");
    assert!(!by_name("Xã Thanh Thủy").overdue, "a unit under the commune sends for it");
    assert_eq!(page.rows[0].unit, "Xã Phú Linh", "overdue first");
    assert_eq!(page.summary, "1/3 đơn vị chưa gửi số liệu quý IV/2026 (tính đến ngày 02/12/2026).");
    // Month: everyone but Thanh Thủy is late; a year: nobody.
    let monthly = submissions(&roster, &receipts, "h", Period::Month, d(2026, 12, 2));
    assert_eq!(monthly.rows.iter().filter(|r| r.overdue).count(), 3);
    let yearly = submissions(&roster, &receipts, "h", Period::Year, d(2026, 12, 2));
    assert!(yearly.rows.iter().all(|r| !r.overdue));
    assert!(yearly.reminder.is_empty());
}

#[test]
fn a_unit_that_never_sent_comes_first_and_the_reminder_names_each_late_unit() {
    let roster = district();
    let receipts = vec![receipt("b", d(2026, 8, 14), d(2026, 8, 15)), receipt("c", d(2026, 11, 3), d(2026, 11, 3))];
    let page = submissions(&roster, &receipts, "h", Period::Quarter, d(2026, 12, 2));
    assert_eq!(page.rows[0].unit, "Xã Đạo Đức");
    assert_eq!(page.rows[0].state, "Chưa gửi lần nào");
    assert_eq!(page.rows[0].sent, "—");
    let text = &page.reminder;
    assert!(text.starts_with("Kính gửi: Xã Đạo Đức, Xã Phú Linh."), "{text}");
    assert!(text.contains("Huyện Vị Xuyên chưa nhận được tệp số liệu cán bộ quý IV/2026"), "{text}");
    assert!(text.contains("- Xã Đạo Đức: chưa gửi lần nào;"), "{text}");
    assert!(text.contains("- Xã Phú Linh: lần gửi gần nhất ngày 14/08/2026 (số liệu đến ngày 14/08/2026);"), "{text}");
    assert!(text.contains("trước ngày 09/12/2026"), "{text}");
    assert!(!text.contains("Thanh Thủy"), "{text}");
}

#[test]
fn the_choice_of_parent_lists_units_with_children() {
    let roster = district();
    let choices = parent_choices(&roster);
    let ids: Vec<&str> = choices.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["h", "c"]);
    // A district expects its communes, not the Huyện ủy; a commune's own units are all it has.
    let expected: Vec<&str> = reporting_units(&roster, "h").iter().map(|u| u.id.as_str()).collect();
    assert_eq!(expected, ["a", "b", "c"]);
    assert_eq!(reporting_units(&roster, "c").len(), 1);
    let none = submissions(&roster, &[], "a", Period::Quarter, d(2026, 12, 2));
    assert!(none.rows.is_empty() && none.reminder.is_empty());
    assert!(none.summary.contains("không có đơn vị trực thuộc"));
}

#[test]
fn the_day_a_file_was_sent_is_read_in_vietnam_time_and_judges_the_period() {
    let roster = district();
    // 30/09 23:50 in Hà Nội (16:50 UTC): last quarter. 01/10 00:10 (30/09 17:10 UTC): this one.
    let evening = Moment { date: d(2026, 9, 30), hour: 23, minute: 50 }.to_millis(VIETNAM_UTC_OFFSET_MINUTES);
    let midnight = Moment { date: d(2026, 10, 1), hour: 0, minute: 10 }.to_millis(VIETNAM_UTC_OFFSET_MINUTES);
    // Both imported here on 02/10: the day each was sent decides.
    let mut late = receipt("a", d(2026, 9, 30), d(2026, 10, 2));
    late.exported_at = evening;
    let mut on_time = receipt("b", d(2026, 10, 1), d(2026, 10, 2));
    on_time.exported_at = midnight;
    let page = submissions(&roster, &[late, on_time], "h", Period::Quarter, d(2026, 10, 2));
    let row = |id: &str| page.rows.iter().find(|r| r.unit_id == id).unwrap();
    assert!(row("a").overdue, "sent the evening before the quarter");
    assert_eq!(row("a").sent, "30/09/2026");
    assert_eq!(row("a").received, "02/10/2026");
    assert!(!row("b").overdue);
    assert_eq!(row("b").sent, "01/10/2026");
}
