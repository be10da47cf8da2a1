//! Tình hình gửi số liệu (`#/trao-doi/tinh-hinh-gui`): for each unit that reports to the
//! officer's unit (the communes of a district, the districts of a province), the last file
//! received from it and the date of the data in it, whether it is overdue for the reporting
//! period the officer chose (tháng, quý, 6 tháng, năm), and a reminder ready to paste into an
//! email. Built from the receipts the exchange page keeps of every file applied
//! (`snapshot::Receipt`); times are read in Vietnam's time, as the officers keep them.

use std::collections::{HashMap, HashSet};

use dtbd_domain::date::{Date, Moment, VIETNAM_UTC_OFFSET_MINUTES};
use dtbd_domain::model::Millis;
use dtbd_domain::number::grouped;
use dtbd_domain::roster::Roster;
use dtbd_domain::snapshot::Receipt;

/// Days given in the reminder to send the file.
pub const REMINDER_DAYS: i64 = 7;

/// Kỳ báo cáo: how often units are expected to send their files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    /// Hằng tháng.
    Month,
    /// Hằng quý (what most plans ask for).
    #[default]
    Quarter,
    /// Sáu tháng.
    HalfYear,
    /// Hằng năm.
    Year,
}

impl Period {
    /// Every period, in the order the choice lists them.
    pub const ALL: [Period; 4] = [Period::Month, Period::Quarter, Period::HalfYear, Period::Year];

    /// The form value.
    pub fn code(self) -> &'static str {
        match self {
            Period::Month => "thang",
            Period::Quarter => "quy",
            Period::HalfYear => "6-thang",
            Period::Year => "nam",
        }
    }

    /// The choice's label.
    pub fn label(self) -> &'static str {
        match self {
            Period::Month => "Tháng",
            Period::Quarter => "Quý",
            Period::HalfYear => "6 tháng",
            Period::Year => "Năm",
        }
    }

    /// The period of a form value.
    pub fn from_code(code: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The first day of the period `today` falls in.
    pub fn start(self, today: Date) -> Date {
        let month = match self {
            Period::Month => today.month,
            Period::Quarter => (today.month - 1) / 3 * 3 + 1,
            Period::HalfYear => (today.month - 1) / 6 * 6 + 1,
            Period::Year => 1,
        };
        Date { year: today.year, month, day: 1 }
    }

    /// The period `today` falls in, as an office writes it: "tháng 12/2026", "quý IV/2026",
    /// "6 tháng cuối năm 2026", "năm 2026".
    pub fn name(self, today: Date) -> String {
        let year = today.year;
        match self {
            Period::Month => format!("tháng {}/{year}", today.month),
            Period::Quarter => format!("quý {}/{year}", ["I", "II", "III", "IV"][usize::from((today.month - 1) / 3)]),
            Period::HalfYear if today.month <= 6 => format!("6 tháng đầu năm {year}"),
            Period::HalfYear => format!("6 tháng cuối năm {year}"),
            Period::Year => format!("năm {year}"),
        }
    }
}

/// A time as a day in Vietnam.
fn day_of(ms: Millis) -> Option<Date> {
    Moment::from_millis(ms, VIETNAM_UTC_OFFSET_MINUTES).map(|m| m.date)
}

/// One reporting unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    /// Mã đơn vị.
    pub unit_id: String,
    /// Tên đơn vị.
    pub unit: String,
    /// Ngày gửi: the day the unit's latest file was exported ("—" when none). The period is
    /// judged by it, not by the day this device imported the file: a May file imported in
    /// December is not December's report.
    pub sent: String,
    /// Ngày nhận: the day this device imported that file ("—" when none).
    pub received: String,
    /// Ngày xuất tệp / số liệu tính đến ("—" when none).
    pub data_date: String,
    /// Người gửi, as written in the file.
    pub sender: String,
    /// Tên tệp.
    pub file: String,
    /// No file sent since the period began.
    pub overdue: bool,
    /// "Đã gửi", "Chưa gửi quý IV/2026", "Chưa gửi lần nào".
    pub state: String,
}

/// The page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submissions {
    /// Overdue first (never sent before late), then by name.
    pub rows: Vec<UnitRow>,
    /// "3/20 đơn vị chưa gửi số liệu quý IV/2026".
    pub summary: String,
    /// The reminder to paste into an email; empty when nobody is overdue.
    pub reminder: String,
}

/// The units `parent_id`'s officer receives files from: its children of another level of
/// government (a district's communes, a province's districts), not its own offices (Huyện
/// ủy, the departments of a province), which keep their records in its database; when every
/// child is of its own level, all of them.
pub fn reporting_units<'a>(roster: &'a Roster, parent_id: &str) -> Vec<&'a dtbd_domain::model::Unit> {
    let children: Vec<&dtbd_domain::model::Unit> =
        roster.units.iter().filter(|u| u.parent_id.as_deref() == Some(parent_id)).collect();
    let Some(parent) = roster.units.iter().find(|u| u.id == parent_id) else { return children };
    let below: Vec<&dtbd_domain::model::Unit> = children.iter().copied().filter(|u| u.level != parent.level).collect();
    if below.is_empty() {
        children
    } else {
        below
    }
}

/// The units whose children report to them, for the page's choice (a district, a province).
pub fn parent_choices(roster: &Roster) -> Vec<(String, String)> {
    roster
        .units_tree()
        .into_iter()
        .filter(|(u, _)| roster.units.iter().any(|c| c.parent_id.as_deref() == Some(u.id.as_str())))
        .map(|(u, depth)| (u.id.clone(), format!("{}{}", "— ".repeat(depth), u.name)))
        .collect()
}

/// Tình hình gửi số liệu of the units reporting to `parent_id`, for `period` as of `today`.
/// A receipt counts for a unit when its sending unit is that unit or one under it.
pub fn submissions(roster: &Roster, receipts: &[Receipt], parent_id: &str, period: Period, today: Date) -> Submissions {
    let start = period.start(today);
    let period_name = period.name(today);
    let reporting = reporting_units(roster, parent_id);
    // Each receipt under the reporting unit it came from (a unit inside a commune counts for
    // the commune), walking up the tree once per receipt.
    let parents: HashMap<&str, &str> =
        roster.units.iter().filter_map(|u| u.parent_id.as_deref().map(|p| (u.id.as_str(), p))).collect();
    let reporting_ids: HashSet<&str> = reporting.iter().map(|u| u.id.as_str()).collect();
    let mut latest_of: HashMap<&str, &Receipt> = HashMap::new();
    for receipt in receipts {
        let mut at = receipt.unit_id.as_deref();
        for _ in 0..=dtbd_domain::limits::MAX_UNIT_DEPTH {
            match at {
                Some(id) if reporting_ids.contains(id) => {
                    let slot = latest_of.entry(id).or_insert(receipt);
                    if (receipt.exported_at, receipt.received_at) > (slot.exported_at, slot.received_at) {
                        *slot = receipt;
                    }
                    break;
                }
                Some(id) => at = parents.get(id).copied(),
                None => break,
            }
        }
    }
    let mut rows: Vec<(u8, UnitRow)> = reporting
        .iter()
        .map(|unit| {
            let latest = latest_of.get(unit.id.as_str()).copied();
            let sent = latest.and_then(|r| day_of(r.exported_at));
            let overdue = sent.is_none_or(|d| d < start);
            let (rank, state) = match (latest, overdue) {
                (None, _) => (0, "Chưa gửi lần nào".to_string()),
                (Some(_), true) => (1, format!("Chưa gửi {period_name}")),
                (Some(_), false) => (2, "Đã gửi".to_string()),
            };
            let text = |d: Option<Date>| d.map_or_else(|| "—".to_string(), Date::short_vi);
            let row = UnitRow {
                unit_id: unit.id.clone(),
                unit: unit.name.clone(),
                sent: text(sent),
                received: text(latest.and_then(|r| day_of(r.received_at))),
                data_date: text(latest.and_then(|r| day_of(r.data_at.max(0)))),
                sender: latest.map(|r| r.sender.clone()).unwrap_or_default(),
                file: latest.map(|r| r.file_name.clone()).unwrap_or_default(),
                overdue,
                state,
            };
            (rank, row)
        })
        .collect();
    rows.sort_by(|(ra, a), (rb, b)| ra.cmp(rb).then_with(|| a.unit.cmp(&b.unit)));
    let rows: Vec<UnitRow> = rows.into_iter().map(|(_, row)| row).collect();
    let late: Vec<&UnitRow> = rows.iter().filter(|r| r.overdue).collect();
    let summary = if rows.is_empty() {
        "Đơn vị này không có đơn vị trực thuộc gửi số liệu.".to_string()
    } else {
        format!(
            "{}/{} đơn vị chưa gửi số liệu {period_name} (tính đến ngày {}).",
            grouped(late.len()),
            grouped(rows.len()),
            today.short_vi()
        )
    };
    let parent_name = roster.unit_name(parent_id).to_string();
    Submissions { reminder: reminder(&late, &parent_name, &period_name, today), rows, summary }
}

/// Nhắc gửi số liệu: the email an office sends the units that have not sent, each named with
/// its last file.
fn reminder(late: &[&UnitRow], parent_name: &str, period_name: &str, today: Date) -> String {
    if late.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = late.iter().map(|r| r.unit.as_str()).collect();
    let due = Date::from_days(today.days() + REMINDER_DAYS).unwrap_or(today);
    let mut text = format!("Kính gửi: {}.\n\n", names.join(", "));
    text.push_str(&format!(
        "Đến ngày {}, {} chưa nhận được tệp số liệu cán bộ {period_name} của các đơn vị nêu trên:\n",
        today.short_vi(),
        if parent_name.is_empty() { "cơ quan tổng hợp" } else { parent_name }
    ));
    for row in late {
        let last = if row.sent == "—" {
            "chưa gửi lần nào".to_string()
        } else {
            format!("lần gửi gần nhất ngày {} (số liệu đến ngày {})", row.sent, row.data_date)
        };
        text.push_str(&format!("- {}: {last};\n", row.unit));
    }
    text.push_str(&format!(
        "\nĐề nghị các đơn vị cập nhật danh sách cán bộ, xuất tệp dữ liệu (mục \"Trao đổi dữ liệu\" → \"Tải tệp về\") \
         và gửi qua thư điện tử trước ngày {}.\n\nTrân trọng.",
        due.short_vi()
    ));
    text
}

#[cfg(test)]
mod tests;
