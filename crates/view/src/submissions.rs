//! Tình hình gửi số liệu: per unit expected to send (the communes of a district, the
//! districts of a province), the last file received from it, the date of the data in it and
//! who sent it, whether it is overdue for the period the officer sets, overdue first; and a
//! reminder to paste into an email.
//!
//! **Overdue** (quá hạn): nothing received from the unit (or a unit under it) since the first
//! day of the current period, the period containing `today`: the month, the quarter (I: 1/1,
//! II: 1/4, III: 1/7, IV: 1/10), the half year (1/1, 1/7) or the year. A file received on the
//! period's first day counts for the period; one received the evening before (local time)
//! does not.
//!
//! The units expected are the children of the officer's unit at another level of government
//! (a district's communes, not its Huyện ủy or its offices); when no child is of another
//! level, every child.

use dtbd_domain::date::{Date, Moment};
use dtbd_domain::model::{Id, Millis, Unit};
use dtbd_domain::snapshot::Receipt;
use dtbd_domain::text::fold;
use std::collections::HashMap;

/// Kỳ báo cáo the officer checks against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Tháng.
    Month,
    /// Quý.
    Quarter,
    /// 6 tháng.
    HalfYear,
    /// Năm.
    Year,
}

impl Period {
    /// Every period, in the order the chooser offers them.
    pub const ALL: [Period; 4] = [Period::Month, Period::Quarter, Period::HalfYear, Period::Year];

    /// Its name in the chooser.
    pub fn label(self) -> &'static str {
        match self {
            Period::Month => "Tháng",
            Period::Quarter => "Quý",
            Period::HalfYear => "6 tháng",
            Period::Year => "Năm",
        }
    }

    /// The first month of the period containing month `m` (1-12).
    fn first_month(self, m: u8) -> u8 {
        match self {
            Period::Month => m,
            Period::Quarter => (m - 1) / 3 * 3 + 1,
            Period::HalfYear => (m - 1) / 6 * 6 + 1,
            Period::Year => 1,
        }
    }

    fn months(self) -> u8 {
        match self {
            Period::Month => 1,
            Period::Quarter => 3,
            Period::HalfYear => 6,
            Period::Year => 12,
        }
    }

    /// The first day of the period containing `today`.
    pub fn start(self, today: Date) -> Date {
        Date { year: today.year, month: self.first_month(today.month), day: 1 }
    }

    /// The last day of the period containing `today`.
    pub fn end(self, today: Date) -> Date {
        let last = self.first_month(today.month) + self.months() - 1;
        Date { year: today.year, month: last, day: Date::days_in_month(today.year, last) }
    }

    /// The period containing `today` in words: "tháng 12/2026", "quý IV/2026", "6 tháng cuối
    /// năm 2026", "năm 2026".
    pub fn name(self, today: Date) -> String {
        let y = today.year;
        match self {
            Period::Month => format!("tháng {}/{y}", today.month),
            Period::Quarter => format!("quý {}/{y}", ["I", "II", "III", "IV"][usize::from((today.month - 1) / 3)]),
            Period::HalfYear if today.month <= 6 => format!("6 tháng đầu năm {y}"),
            Period::HalfYear => format!("6 tháng cuối năm {y}"),
            Period::Year => format!("năm {y}"),
        }
    }
}

/// One unit expected to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionRow {
    /// Mã đơn vị.
    pub unit_id: Id,
    /// Tên đơn vị.
    pub unit_name: String,
    /// Ngày nhận tệp gần nhất ("02/12/2026"), "" when none was ever received.
    pub received: String,
    /// Ngày số liệu of that file.
    pub data_date: String,
    /// Người gửi of that file.
    pub sender: String,
    /// Tên tệp.
    pub file_name: String,
    /// Nothing received since the period began.
    pub overdue: bool,
    /// "Chưa gửi số liệu quý IV/2026" / "Đã gửi" / "Chưa gửi lần nào".
    pub status: String,
}

/// Tình hình gửi số liệu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submissions {
    /// The period in words ("quý IV/2026").
    pub period: String,
    /// Rows, overdue first, then by name.
    pub rows: Vec<SubmissionRow>,
    /// How many are overdue.
    pub overdue: usize,
    /// The reminder email's text, when a unit is overdue.
    pub reminder: Option<String>,
}

fn day_of(ms: Millis, offset_minutes: i32) -> Option<Date> {
    Moment::from_millis(ms, offset_minutes).map(|m| m.date)
}

/// The units expected to send to `parent_id` (see the module doc).
pub fn expected_units<'a>(units: &'a [Unit], parent_id: &str) -> Vec<&'a Unit> {
    let parent = units.iter().find(|u| u.id == parent_id);
    let children: Vec<&Unit> = units.iter().filter(|u| u.parent_id.as_deref() == Some(parent_id)).collect();
    let other_level: Vec<&Unit> =
        children.iter().copied().filter(|u| parent.is_some_and(|p| p.level != u.level)).collect();
    if other_level.is_empty() {
        children
    } else {
        other_level
    }
}

/// Tình hình gửi số liệu to `parent_id` over `receipts`, for `period` as of `today`, times
/// read in a zone `offset_minutes` east of UTC (the browser's).
pub fn submissions(
    units: &[Unit],
    parent_id: &str,
    receipts: &[Receipt],
    period: Period,
    today: Date,
    offset_minutes: i32,
) -> Submissions {
    let parent_name = units.iter().find(|u| u.id == parent_id).map_or("", |u| u.name.as_str());
    let expected = expected_units(units, parent_id);
    let parents: HashMap<&str, &str> =
        units.iter().filter_map(|u| u.parent_id.as_deref().map(|p| (u.id.as_str(), p))).collect();
    let index: HashMap<&str, usize> = expected.iter().enumerate().map(|(i, u)| (u.id.as_str(), i)).collect();
    // The expected unit a receipt's sender is, or is under.
    let owner = |unit: &str| -> Option<usize> {
        let mut at = unit;
        for _ in 0..64 {
            if let Some(&i) = index.get(at) {
                return Some(i);
            }
            at = parents.get(at)?;
        }
        None
    };
    let mut last: Vec<Option<&Receipt>> = vec![None; expected.len()];
    for r in receipts {
        let Some(i) = r.unit_id.as_deref().and_then(owner) else { continue };
        if last[i].is_none_or(|l| r.received_at > l.received_at) {
            last[i] = Some(r);
        }
    }
    let start = period.start(today);
    let period_name = period.name(today);
    let mut rows: Vec<SubmissionRow> = expected
        .iter()
        .zip(&last)
        .map(|(u, r)| {
            let received = r.and_then(|r| day_of(r.received_at, offset_minutes));
            let overdue = received.is_none_or(|d| d < start);
            let status = match (r, overdue) {
                (None, _) => "Chưa gửi lần nào".to_string(),
                (Some(_), true) => format!("Chưa gửi số liệu {period_name}"),
                (Some(_), false) => "Đã gửi".to_string(),
            };
            SubmissionRow {
                unit_id: u.id.clone(),
                unit_name: u.name.clone(),
                received: received.map(Date::short_vi).unwrap_or_default(),
                data_date: r.and_then(|r| day_of(r.data_at, offset_minutes)).map(Date::short_vi).unwrap_or_default(),
                sender: r.map(|r| r.sender.clone()).unwrap_or_default(),
                file_name: r.map(|r| r.file_name.clone()).unwrap_or_default(),
                overdue,
                status,
            }
        })
        .collect();
    rows.sort_by_cached_key(|r| (!r.overdue, fold(&r.unit_name)));
    let late: Vec<&str> = rows.iter().filter(|r| r.overdue).map(|r| r.unit_name.as_str()).collect();
    let reminder = (!late.is_empty()).then(|| reminder(parent_name, &late, &period_name, period.end(today), today));
    Submissions { period: period_name, overdue: late.len(), rows, reminder }
}

/// The reminder email: to the units overdue, naming the period and a date to send by (the
/// period's last day, or a week from today when fewer than five days of it are left).
fn reminder(parent_name: &str, late: &[&str], period_name: &str, end: Date, today: Date) -> String {
    let by = if end.days() - today.days() >= 5 { end } else { Date::from_days(today.days() + 7).unwrap_or(end) };
    let units = late.join(", ");
    let from = if parent_name.is_empty() { String::new() } else { format!(" {parent_name}") };
    format!(
        "Kính gửi: {units}.\n\n\
         Thực hiện chế độ báo cáo định kỳ về công tác đào tạo, bồi dưỡng cán bộ, đến ngày {today}{from} chưa nhận được \
         tệp số liệu {period_name} của các đơn vị: {units}.\n\n\
         Đề nghị các đơn vị: {units} cập nhật và gửi số liệu {period_name} trước ngày {by} (tệp xuất từ mục \
         \"Trao đổi dữ liệu\", gửi qua thư điện tử).\n\n\
         Trân trọng cảm ơn.",
        today = today.short_vi(),
        by = by.short_vi(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use dtbd_domain::date::VIETNAM_UTC_OFFSET_MINUTES as VN;
    use dtbd_domain::model::{GovLevel, RecordMeta, Region, UnitKind};

    fn unit(id: &str, name: &str, level: GovLevel, parent: Option<&str>) -> Unit {
        Unit {
            id: id.into(),
            name: name.into(),
            level,
            kind: UnitKind::Government,
            region: Region::Mountain,
            parent_id: parent.map(Into::into),
            meta: RecordMeta::default(),
        }
    }

    fn district() -> Vec<Unit> {
        vec![
            unit("h", "Huyện Vị Xuyên", GovLevel::District, None),
            unit("hu", "Huyện ủy Vị Xuyên", GovLevel::District, Some("h")),
            unit("a", "Xã Bản Luốc", GovLevel::Commune, Some("h")),
            unit("b", "Xã Nậm Dịch", GovLevel::Commune, Some("h")),
            unit("c", "Xã Tả Sử", GovLevel::Commune, Some("h")),
            unit("c-mttq", "Ủy ban MTTQ xã Tả Sử", GovLevel::Commune, Some("c")),
        ]
    }

    fn at(y: u16, m: u8, d: u8, hour: u8, minute: u8) -> Millis {
        Moment { date: Date::new(y, m, d).unwrap(), hour, minute }.to_millis(VN)
    }

    fn receipt(unit: &str, received_at: Millis) -> Receipt {
        Receipt {
            id: format!("nhan-{unit}-{received_at}"),
            unit_id: Some(unit.into()),
            unit_name: String::new(),
            sender: format!("Người gửi {unit}"),
            exported_at: received_at - 3_600_000,
            received_at,
            data_at: at(2026, 9, 20, 8, 0),
            file_name: format!("{unit}.json"),
            counts: Default::default(),
            meta: RecordMeta::at(1, received_at),
        }
    }

    #[test]
    fn periods_start_end_and_are_named_as_offices_write_them() {
        let d = Date::new(2026, 11, 15).unwrap();
        assert_eq!(Period::Month.start(d), Date::new(2026, 11, 1).unwrap());
        assert_eq!(Period::Quarter.start(d), Date::new(2026, 10, 1).unwrap());
        assert_eq!(Period::Quarter.end(d), Date::new(2026, 12, 31).unwrap());
        assert_eq!(Period::HalfYear.start(d), Date::new(2026, 7, 1).unwrap());
        assert_eq!(Period::Year.start(d), Date::new(2026, 1, 1).unwrap());
        assert_eq!(Period::Month.end(Date::new(2028, 2, 3).unwrap()), Date::new(2028, 2, 29).unwrap());
        assert_eq!(Period::Quarter.name(d), "quý IV/2026");
        assert_eq!(Period::Quarter.name(Date::new(2026, 3, 31).unwrap()), "quý I/2026");
        assert_eq!(Period::HalfYear.name(d), "6 tháng cuối năm 2026");
        assert_eq!(Period::HalfYear.name(Date::new(2026, 6, 30).unwrap()), "6 tháng đầu năm 2026");
        assert_eq!(Period::Month.name(d), "tháng 11/2026");
        assert_eq!(Period::Year.name(d), "năm 2026");
    }

    #[test]
    fn a_file_received_on_the_periods_first_day_counts_and_the_evening_before_does_not() {
        let units = district();
        let today = Date::new(2026, 10, 2).unwrap();
        // 30/09 23:50 in Hà Nội (16:50 UTC): last quarter. 01/10 00:10 (30/09 17:10 UTC): this one.
        let receipts = [receipt("a", at(2026, 9, 30, 23, 50)), receipt("b", at(2026, 10, 1, 0, 10))];
        let s = submissions(&units, "h", &receipts, Period::Quarter, today, VN);
        let row = |id: &str| s.rows.iter().find(|r| r.unit_id == id).unwrap().clone();
        assert!(row("a").overdue, "received the evening before the quarter");
        assert_eq!(row("a").received, "30/09/2026");
        assert_eq!(row("a").status, "Chưa gửi số liệu quý IV/2026");
        assert!(!row("b").overdue);
        assert_eq!((row("b").received.as_str(), row("b").status.as_str()), ("01/10/2026", "Đã gửi"));
        assert_eq!(row("b").data_date, "20/09/2026");
        assert_eq!(row("c").status, "Chưa gửi lần nào");
        // Read in UTC the same receipt of b falls on 30/09: the zone decides the day.
        assert!(submissions(&units, "h", &receipts, Period::Quarter, today, 0).rows.iter().all(|r| r.overdue));
        // By month the same day: b sent this month, a did not.
        let m = submissions(&units, "h", &receipts, Period::Month, today, VN);
        assert_eq!(m.overdue, 2);
    }

    #[test]
    fn the_communes_are_expected_overdue_first_with_the_latest_file_and_a_reminder() {
        let units = district();
        let today = Date::new(2026, 12, 2).unwrap();
        let receipts = [
            receipt("b", at(2026, 11, 3, 9, 0)),
            receipt("b", at(2026, 8, 3, 9, 0)),
            receipt("c-mttq", at(2026, 11, 20, 14, 0)), // a unit under Xã Tả Sử
            receipt("hu", at(2026, 11, 20, 14, 0)),     // not expected: the district's own body
        ];
        let s = submissions(&units, "h", &receipts, Period::Quarter, today, VN);
        let names: Vec<&str> = s.rows.iter().map(|r| r.unit_name.as_str()).collect();
        assert_eq!(names, ["Xã Bản Luốc", "Xã Nậm Dịch", "Xã Tả Sử"]);
        assert_eq!(s.rows.iter().map(|r| r.overdue).collect::<Vec<_>>(), [true, false, false]);
        assert_eq!(s.rows[1].received, "03/11/2026", "the latest file");
        assert_eq!(s.rows[2].sender, "Người gửi c-mttq");
        assert_eq!(s.overdue, 1);
        let text = s.reminder.expect("one unit is overdue");
        assert!(text.starts_with("Kính gửi: Xã Bản Luốc."), "{text}");
        assert!(text.contains("đến ngày 02/12/2026 Huyện Vị Xuyên chưa nhận được tệp số liệu quý IV/2026"), "{text}");
        assert!(
            text.contains("Đề nghị các đơn vị: Xã Bản Luốc cập nhật và gửi số liệu quý IV/2026 trước ngày 31/12/2026")
        );
        // Four days before the quarter ends: a week from today.
        let late = submissions(&units, "h", &receipts, Period::Quarter, Date::new(2026, 12, 28).unwrap(), VN);
        assert!(late.reminder.unwrap().contains("trước ngày 04/01/2027"));
        // Everyone sent: no reminder.
        let all: Vec<Receipt> = ["a", "b", "c"].iter().map(|u| receipt(u, at(2026, 12, 1, 8, 0))).collect();
        assert_eq!(submissions(&units, "h", &all, Period::Quarter, today, VN).reminder, None);
    }

    #[test]
    fn a_province_expects_its_districts_not_its_departments() {
        let units = vec![
            unit("t", "Tỉnh Hà Giang", GovLevel::Province, None),
            unit("s", "Sở Nội vụ", GovLevel::Province, Some("t")),
            unit("h1", "Huyện Vị Xuyên", GovLevel::District, Some("t")),
            unit("h2", "Huyện Bắc Mê", GovLevel::District, Some("t")),
        ];
        let ids: Vec<&str> = expected_units(&units, "t").iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["h1", "h2"]);
        // Children all of the parent's level: every child.
        let two = district();
        let ids: Vec<&str> = expected_units(&two[..2], "h").iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["hu"]);
    }
}
