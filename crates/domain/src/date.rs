//! Ngày tháng năm: the calendar date every record, score and report speaks of, serialised as
//! `"YYYY-MM-DD"`, and the day arithmetic (proleptic Gregorian, Howard Hinnant's algorithms)
//! that scoring paths and spreadsheet serial numbers need.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date (ngày tháng năm), serialised as `"YYYY-MM-DD"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Năm.
    pub year: u16,
    /// Tháng (1-12).
    pub month: u8,
    /// Ngày (1-31).
    pub day: u8,
}

impl Date {
    /// A date; `None` when it does not exist on the calendar (or the year is not 1-9999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        ((1..=9999).contains(&year) && day >= 1 && day <= Date::days_in_month(year, month)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// 1 January of `year`.
    pub fn start_of_year(year: u16) -> Self {
        Date { year, month: 1, day: 1 }
    }

    /// 31 December of `year` ("đến năm 2025" means by the end of 2025).
    pub fn end_of_year(year: u16) -> Self {
        Date { year, month: 12, day: 31 }
    }

    /// Days in `month` of `year` (year 0 counts as a leap year, as in the proleptic
    /// Gregorian calendar); 0 for a month that does not exist.
    pub fn days_in_month(year: u16, month: u8) -> u8 {
        match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
            2 => 28,
            _ => 0,
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    pub fn days(self) -> i64 {
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (before it when negative); `None` outside the years
    /// 1-9999.
    pub fn from_days(days: i64) -> Option<Self> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe.checked_add(era.checked_mul(400)?)? + i64::from(month <= 2);
        Date::new(u16::try_from(year).ok()?, month as u8, day as u8)
    }

    /// Vietnamese long form: "ngày 03 tháng 02 năm 2021".
    pub fn long_vi(self) -> String {
        format!("ngày {:02} tháng {:02} năm {}", self.day, self.month, self.year)
    }

    /// Short form: "03/02/2021".
    pub fn short_vi(self) -> String {
        format!("{:02}/{:02}/{}", self.day, self.month, self.year)
    }

    /// Parses "YYYY-MM-DD".
    pub fn parse(s: &str) -> Option<Self> {
        let mut it = s.trim().splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        Date::new(y, m, d)
    }

    /// A date as an officer types it, day first whatever the browser's language: "03/02/2021",
    /// "3/2/2021", with `-` or `.` between the parts, eight digits "03022021" (a tablet's
    /// numeric keypad has no "/"), or "2021-02-03" (what a stored value or a pasted ISO date
    /// holds). The error says what was typed and how to write it, in Vietnamese.
    pub fn parse_vi(text: &str) -> Result<Self, String> {
        let t = text.trim();
        if t.is_empty() {
            return Err("Chưa nhập ngày (ghi ngày/tháng/năm, ví dụ 03/02/2021).".into());
        }
        let bad = || format!("“{t}” không đọc được thành ngày (ghi ngày/tháng/năm, ví dụ 03/02/2021).");
        let digits = |s: &str, most: usize| !s.is_empty() && s.len() <= most && s.bytes().all(|b| b.is_ascii_digit());
        let parts: Vec<&str> = if t.len() == 8 && digits(t, 8) {
            vec![&t[..2], &t[2..4], &t[4..]]
        } else {
            t.split(['/', '-', '.']).map(str::trim).collect()
        };
        let (y, m, d) = match parts.as_slice() {
            [y, m, d] if y.len() == 4 && digits(y, 4) && digits(m, 2) && digits(d, 2) => (*y, *m, *d),
            [d, m, y] if y.len() == 4 && digits(y, 4) && digits(m, 2) && digits(d, 2) => (*y, *m, *d),
            _ => return Err(bad()),
        };
        let number = |s: &str| s.parse::<u16>().map_err(|_| bad());
        let (y, m, d) = (number(y)?, number(m)?, number(d)?);
        let (Ok(m), Ok(d)) = (u8::try_from(m), u8::try_from(d)) else { return Err(bad()) };
        Date::new(y, m, d).ok_or_else(|| format!("“{t}” không phải một ngày có thật."))
    }
}

/// A local moment to the minute: when an export was made, for its file name (two exports of
/// one day must not share a name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// Ngày.
    pub date: Date,
    /// Giờ (0-23).
    pub hour: u8,
    /// Phút (0-59).
    pub minute: u8,
}

/// Giờ Việt Nam: UTC+7 all year (no summer time), in minutes east of UTC: the offset a
/// record's time is read at when the caller has no clock of its own (the generated province,
/// the command line).
pub const VIETNAM_UTC_OFFSET_MINUTES: i32 = 7 * 60;

const MINUTE_MS: i64 = 60_000;
const DAY_MS: i64 = 86_400_000;

impl Moment {
    /// "2026-12-01-1530": sorts with the calendar, no character a file system refuses.
    pub fn file_stamp(self) -> String {
        format!("{}-{:02}{:02}", self.date, self.hour, self.minute)
    }

    /// The local moment of `millis` (ms since the epoch, UTC) in a zone `offset_minutes` east
    /// of UTC (the browser's, or [`VIETNAM_UTC_OFFSET_MINUTES`]); `None` outside the years
    /// 1-9999.
    pub fn from_millis(millis: i64, offset_minutes: i32) -> Option<Self> {
        let local = millis.checked_add(i64::from(offset_minutes) * MINUTE_MS)?;
        let date = Date::from_days(local.div_euclid(DAY_MS))?;
        let minutes = local.rem_euclid(DAY_MS) / MINUTE_MS;
        Some(Moment { date, hour: (minutes / 60) as u8, minute: (minutes % 60) as u8 })
    }

    /// Milliseconds since the epoch of this local moment in a zone `offset_minutes` east of UTC.
    pub fn to_millis(self, offset_minutes: i32) -> i64 {
        self.date.days() * DAY_MS
            + (i64::from(self.hour) * 60 + i64::from(self.minute) - i64::from(offset_minutes)) * MINUTE_MS
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("ngày không hợp lệ \"{s}\" (cần dạng YYYY-MM-DD)")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_reads_millis_in_its_zone_and_back() {
        // 2026-12-31 17:30 UTC is already 1 January 2027, 00:30 in Hà Nội.
        let ms = Moment { date: Date::new(2026, 12, 31).unwrap(), hour: 17, minute: 30 }.to_millis(0);
        let local = Moment::from_millis(ms, VIETNAM_UTC_OFFSET_MINUTES).unwrap();
        assert_eq!(local, Moment { date: Date::new(2027, 1, 1).unwrap(), hour: 0, minute: 30 });
        assert_eq!(local.to_millis(VIETNAM_UTC_OFFSET_MINUTES), ms);
        assert_eq!(Moment::from_millis(ms, 0).unwrap().date, Date::new(2026, 12, 31).unwrap());
        // Before 1970 and west of UTC.
        let early = Moment { date: Date::new(1969, 12, 31).unwrap(), hour: 23, minute: 59 };
        assert_eq!(Moment::from_millis(early.to_millis(-300), -300), Some(early));
        assert_eq!(Moment::from_millis(i64::MAX, 0), None);
    }

    #[test]
    fn typed_dates_read_day_first_and_say_what_is_wrong() {
        let day = Date::new(2021, 2, 3);
        for typed in ["03/02/2021", "3/2/2021", " 03-02-2021 ", "03.02.2021", "03022021", "2021-02-03"] {
            assert_eq!(Date::parse_vi(typed).ok(), day, "{typed}");
        }
        assert_eq!(Date::parse_vi("12/01/2021").map(Date::short_vi), Ok("12/01/2021".into()), "day first, never month");
        assert_eq!(Date::parse_vi("31/02/2021"), Err("“31/02/2021” không phải một ngày có thật.".into()));
        assert_eq!(Date::parse_vi("13/13/2021"), Err("“13/13/2021” không phải một ngày có thật.".into()));
        assert_eq!(Date::parse_vi("31022021"), Err("“31022021” không phải một ngày có thật.".into()));
        for bad in ["2021", "03/02/21", "ngày 3", "03/02/2021/1", "003/02/2021", "+3/02/2021", "3022021", "030220210"]
        {
            let e = Date::parse_vi(bad).unwrap_err();
            assert!(e.contains("không đọc được thành ngày") && e.contains(bad.trim()), "{bad}: {e}");
        }
        assert!(Date::parse_vi("  ").unwrap_err().starts_with("Chưa nhập ngày"));
        let every = Date::new(2024, 2, 29).unwrap();
        assert_eq!(Date::parse_vi(&every.short_vi()), Ok(every), "what the app writes reads back");
    }

    #[test]
    fn file_stamps_pad_every_part() {
        let at = Moment { date: Date::new(2026, 12, 1).unwrap(), hour: 15, minute: 30 };
        assert_eq!(at.file_stamp(), "2026-12-01-1530");
        let early = Moment { date: Date::new(2026, 3, 9).unwrap(), hour: 7, minute: 5 };
        assert_eq!(early.file_stamp(), "2026-03-09-0705");
    }

    #[test]
    fn known_days_and_calendar_rules() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days(), 11_017);
        assert_eq!(Date::new(1899, 12, 30).unwrap().days(), -25_569, "Excel's day 0");
        assert_eq!(Date::from_days(-25_569 + 44_197), Date::new(2021, 1, 1), "Excel serial 44197");
        assert_eq!(Date::new(2024, 2, 29).map(|d| d.to_string()), Some("2024-02-29".into()));
        assert_eq!(Date::new(2023, 2, 29), None);
        assert_eq!(Date::new(1900, 2, 29), None);
        assert!(Date::new(2000, 2, 29).is_some());
        assert_eq!(Date::new(2024, 13, 1), None);
        assert_eq!(Date::new(0, 1, 1), None);
        assert_eq!(Date::days_in_month(0, 2), 29);
        assert_eq!(Date::from_days(Date::new(9999, 12, 31).unwrap().days() + 1), None);
        assert_eq!(Date::from_days(Date::new(1, 1, 1).unwrap().days() - 1), None);
        assert_eq!(Date::from_days(i64::MAX), None);
        assert_eq!(Date::from_days(i64::MIN), None);
        assert_eq!(Date::parse(" 2021-02-03 ").map(Date::long_vi), Some("ngày 03 tháng 02 năm 2021".into()));
        assert_eq!(Date::parse("2021-02-30"), None);
        let json = serde_json::to_string(&Date::new(2021, 2, 3).unwrap()).unwrap();
        assert_eq!(json, "\"2021-02-03\"");
        assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), Date::new(2021, 2, 3).unwrap());
        assert!(serde_json::from_str::<Date>("\"2021-2-31\"").unwrap_err().to_string().contains("ngày không hợp lệ"));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use proptest::prelude::*;

    use super::*;

    /// The day after `d`, by the calendar's rules alone (no day count).
    fn next(d: Date) -> Option<Date> {
        if d.day < Date::days_in_month(d.year, d.month) {
            Some(Date { day: d.day + 1, ..d })
        } else if d.month < 12 {
            Some(Date { month: d.month + 1, day: 1, ..d })
        } else {
            Date::new(d.year + 1, 1, 1)
        }
    }

    proptest! {
        /// A day count and a date are the same thing: each reads back as the other, and the
        /// next day's count is one more.
        #[test]
        fn day_counts_round_trip_and_follow_the_calendar(days in -719_162i64..2_932_896) {
            let d = Date::from_days(days).unwrap();
            prop_assert_eq!(d.days(), days);
            prop_assert_eq!(Date::parse(&d.to_string()), Some(d));
            if let Some(n) = next(d) {
                prop_assert_eq!(Date::from_days(days + 1), Some(n));
                prop_assert!(n > d);
            }
        }

        /// Every (year, month, day) that `new` accepts has a day count that reads back.
        #[test]
        fn valid_dates_read_back(y in 1u16..=9999, m in 0u8..=13, d in 0u8..=32) {
            match Date::new(y, m, d) {
                Some(date) => prop_assert_eq!(Date::from_days(date.days()), Some(date)),
                None => prop_assert!(m == 0 || m > 12 || d == 0 || d > Date::days_in_month(y, m)),
            }
        }
    }
}
