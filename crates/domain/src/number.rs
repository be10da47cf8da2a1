//! Numbers as Vietnamese documents write them, in one place: a ratio rounded half up in exact
//! integer arithmetic, a decimal comma ("33,3"), dots between thousands ("11.147.406.000"),
//! counts on two digits ("07 đồng chí"), and a count against its quota ("đạt 97% so với mục
//! tiêu"). Every page, report, table and export formats its numbers through these.

/// Slack for a value computed in floating point that should land exactly on a rounding tie
/// (2,45 → 2,5).
const EPS: f64 = 1e-9;

/// `num / den` rounded half up to a whole number, exactly (no floating point): 5/2 → 3,
/// 7/3 → 2. `None` when `den` is 0.
pub fn div_half_up(num: u64, den: u64) -> Option<u64> {
    (den > 0).then(|| {
        let (q, r) = (num / den, num % den);
        // Half up: the remainder is at least half of `den` (2r ≥ den, written without overflow).
        q + u64::from(r >= den - r)
    })
}

/// `num/den` as a percentage in units of 10^-`decimals` percent, rounded half up:
/// `percent_scaled(28, 42, 1) == Some(667)` (66,7%), `percent_scaled(259, 2262, 2) ==
/// Some(1145)` (11,45%), `percent_scaled(194, 200, 0) == Some(97)`. `None` when `den` is 0.
pub fn percent_scaled(num: u32, den: u32, decimals: u8) -> Option<u64> {
    div_half_up(u64::from(num) * 100 * 10u64.pow(u32::from(decimals)), u64::from(den))
}

/// `num/den` in tenths of a percent, rounded half up (28/42 → 667).
pub fn percent_tenths(num: u32, den: u32) -> Option<u64> {
    percent_scaled(num, den, 1)
}

/// `x` in units of 10^-`decimals`, rounded half up away from zero (2,45 → 25 tenths, -2,45 →
/// -25); a value computed in floating point a hair below a tie still rounds up.
pub fn round_scaled(x: f64, decimals: u8) -> i64 {
    let t = (x.abs() * 10f64.powi(i32::from(decimals)) + 0.5 + EPS).floor() as i64;
    if x < 0.0 {
        -t
    } else {
        t
    }
}

/// A count computed in floating point (a milestone's "05 đồng chí", a measured value), to the
/// nearest whole number, half up; never below zero.
pub fn round_count(x: f64) -> u32 {
    round_scaled(x.max(0.0), 0).try_into().unwrap_or(u32::MAX)
}

/// `x` in tenths, rounded half up away from zero (see [`round_scaled`]).
pub fn round_tenths(x: f64) -> i64 {
    round_scaled(x, 1)
}

/// A number held in units of 10^-`decimals`, with exactly `decimals` digits after a decimal
/// comma: (667, 1) → "66,7", (310, 1) → "31,0", (1145, 2) → "11,45", (-36, 1) → "-3,6".
pub fn decimal(scaled: i64, decimals: u8) -> String {
    let sign = if scaled < 0 { "-" } else { "" };
    let a = scaled.unsigned_abs();
    if decimals == 0 {
        return format!("{sign}{a}");
    }
    let unit = 10u64.pow(u32::from(decimals));
    format!("{sign}{},{:0width$}", a / unit, a % unit, width = usize::from(decimals))
}

/// As [`decimal`], leaving out a fraction that is zero: (500, 1) → "50", (667, 1) → "66,7".
pub fn decimal_trimmed(scaled: i64, decimals: u8) -> String {
    if scaled.unsigned_abs().is_multiple_of(10u64.pow(u32::from(decimals))) {
        decimal(scaled / 10i64.pow(u32::from(decimals)), 0)
    } else {
        decimal(scaled, decimals)
    }
}

/// The shortest decimal that reads back as `x`, with a decimal comma: 2.5 → "2,5", 3 → "3"
/// (a table cell holding a number as it was given).
pub fn float_text(x: f64) -> String {
    x.to_string().replace('.', ",")
}

/// A percentage held in tenths, as scores and milestones write it (a whole number drops
/// ",0"): 333 → "33,3%", 500 → "50%", -25 → "-2,5%".
pub fn tenths_percent(tenths: i64) -> String {
    format!("{}%", decimal_trimmed(tenths, 1))
}

/// A percentage held in tenths, always with one decimal, as status reports and monitoring
/// paragraphs write a share: 310 → "31,0%", 36 → "3,6%".
pub fn tenths_percent_fixed(tenths: i64) -> String {
    format!("{}%", decimal(tenths, 1))
}

/// A percentage with a decimal comma, one decimal, half up; a whole number drops ",0":
/// 33.333 → "33,3%", 2.45 → "2,5%", 50 → "50%".
pub fn format_percent(x: f64) -> String {
    tenths_percent(round_tenths(x))
}

/// A number as the documents write amounts: 50 → "50", 33.3 → "33,3", 2.5 → "2,5".
pub fn format_number(x: f64) -> String {
    decimal_trimmed(round_tenths(x), 1)
}

/// "14/42 = 33,3%", "307/1.270 = 24,2%" ("14/0" when there is nothing to divide by).
pub fn format_share(num: u32, den: u32) -> String {
    match percent_tenths(num, den) {
        Some(t) => format!("{}/{} = {}", grouped(num), grouped(den), tenths_percent(t as i64)),
        None => format!("{}/{}", grouped(num), grouped(den)),
    }
}

/// A count as officers write it: two digits below ten, dots between thousands (7 → "07",
/// 42 → "42", 1200 → "1.200"; the documents never write "1200 đồng chí").
pub fn format_count(n: u32) -> String {
    if n < 1000 {
        format!("{n:02}")
    } else {
        format_thousands(u64::from(n))
    }
}

/// A figure a document states, exactly as precise as it was typed, with a decimal comma and
/// dots between thousands: 47.26 → "47,26", 1200 → "1.200", 33.3 → "33,3". Unlike
/// [`format_number`] (computed values, rounded to tenths) it never rounds: the officer's
/// document must read back as she wrote it.
pub fn format_stated(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let text = x.abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let grouped = match whole.parse::<u64>() {
        Ok(n) => format_thousands(n),
        Err(_) => whole.to_string(),
    };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{fraction}")
    }
}

/// "07 đồng chí".
pub fn format_persons(n: u32) -> String {
    format!("{} đồng chí", format_count(n))
}

/// A count in running text, tables and messages (no leading zero, dots between thousands):
/// 7 → "7", 939 → "939", 1200 → "1.200", 30000 → "30.000". Documents' "07 đồng chí" is
/// [`format_count`].
pub fn grouped<N: TryInto<u64>>(n: N) -> String {
    n.try_into().map(format_thousands).unwrap_or_default()
}

/// Dot thousands: 11147406000 → "11.147.406.000".
pub fn format_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// Parses what an officer types as a number: "50", "33,3", "33.3", "50%". A non-negative
/// finite number, else `None`.
pub fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim().trim_end_matches('%').trim().replace(',', ".");
    if t.is_empty() || t.starts_with('-') || t.starts_with('+') {
        return None;
    }
    t.parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0)
}

/// Reads an amount of money as officers and documents write it, with its bound word:
/// "11.147.406.000", "11147406000 đồng", "khoảng 500 triệu đồng", "1,5 tỷ", "dưới 200 nghìn".
/// Dots group thousands; a comma is a decimal only before "nghìn/ngàn", "triệu" or "tỷ" and
/// must leave whole đồng. Checked arithmetic: an amount beyond u64 is a message, never a wrap.
/// Errors are Vietnamese and quote the text.
pub fn parse_amount(text: &str) -> Result<(Bound, u64), String> {
    let bad = || format!("Số tiền \"{}\" không hợp lệ (ví dụ: 500.000.000 hoặc khoảng 500 triệu).", text.trim());
    let too_large = || format!("Số tiền \"{}\" quá lớn.", text.trim());
    let mut rest = crate::text::fold(text).trim().to_string();
    let mut bound = Bound::Exact;
    for b in Bound::ALL.iter().filter(|b| !b.is_exact()) {
        let word = crate::text::fold(b.label());
        if let Some(after) = rest.strip_prefix(&word).filter(|a| a.starts_with(' ')) {
            bound = *b;
            rest = after.trim().to_string();
            break;
        }
    }
    for suffix in ["dong", "d"] {
        if let Some(before) = rest.strip_suffix(suffix) {
            rest = before.trim().to_string();
            break;
        }
    }
    let mut scale: u64 = 1;
    for (word, factor) in [("nghin", 1_000u64), ("ngan", 1_000), ("trieu", 1_000_000), ("ty", 1_000_000_000)] {
        if let Some(before) = rest.strip_suffix(word) {
            scale = factor;
            rest = before.trim().to_string();
            break;
        }
    }
    let (whole, fraction) = match rest.split_once(',') {
        Some((w, f)) if scale > 1 => (w.to_string(), f.to_string()),
        Some(_) => return Err(bad()),
        None => (rest.clone(), String::new()),
    };
    let whole = whole.replace('.', "");
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let whole: u64 = whole.parse().map_err(|_| too_large())?;
    let mut amount = whole.checked_mul(scale).ok_or_else(too_large)?;
    let mut unit = scale;
    for digit in fraction.chars() {
        if !unit.is_multiple_of(10) {
            return Err(bad());
        }
        unit /= 10;
        let d = u64::from(digit.to_digit(10).unwrap_or(0));
        amount = amount.checked_add(d * unit).ok_or_else(too_large)?;
    }
    Ok((bound, amount))
}

/// "11.147.406.000 đồng", "khoảng 500.000.000 đồng": an amount with its bound word.
pub fn format_amount(bound: Bound, amount: u64) -> String {
    bound.write(&format!("{} đồng", format_thousands(amount)))
}

/// A count against its quota, in seed 001's words: "194 thạc sĩ, đạt 97% so với mục tiêu",
/// "05 tiến sĩ, đạt chỉ tiêu", "07 tiến sĩ, vượt chỉ tiêu" (the share a whole percent, rounded
/// half up; the count on two digits; no quota at all counts as exceeded).
pub fn against_quota(count: u32, what: &str, quota: u32) -> String {
    let count_text = format_count(count);
    match percent_scaled(count, quota, 0) {
        Some(_) if count == quota => format!("{count_text} {what}, đạt chỉ tiêu"),
        Some(pct) if count < quota => format!("{count_text} {what}, đạt {pct}% so với mục tiêu"),
        _ => format!("{count_text} {what}, vượt chỉ tiêu"),
    }
}

crate::tagged::coded_enum! {
    /// Cách nêu số liệu: whether a figure a document states is exact or bounded ("gần 40%",
    /// "hơn 2.000", "trên 70%", "khoảng 1.200"). Review reports mostly write such figures; the
    /// app keeps the word with the number and never shows a bounded figure as exact. The label
    /// is the word written before the number (empty when exact).
    #[derive(Default)]
    Bound {
        /// Chính xác.
        #[default]
        Exact = "exact", "";
        /// Khoảng.
        About = "about", "khoảng";
        /// Gần (slightly below).
        Nearly = "nearly", "gần";
        /// Hơn (slightly above).
        Over = "over", "hơn";
        /// Trên.
        Above = "above", "trên";
        /// Dưới.
        Under = "under", "dưới";
    }
}

impl Bound {
    /// True when the figure is exact (the default; left out of JSON).
    pub fn is_exact(&self) -> bool {
        *self == Bound::Exact
    }

    /// The figure with its word: (Nearly, "40%") → "gần 40%"; (Exact, "40%") → "40%".
    pub fn write(self, figure: &str) -> String {
        if self.is_exact() {
            figure.to_string()
        } else {
            format!("{} {figure}", self.label())
        }
    }

    /// Could the true value `actual` be what a document wrote as `stated` with this bound?
    /// Exact and "khoảng" allow rounding (±1 for counts, ±0,05 for shares is the caller's
    /// `slack`; "khoảng" 5% of the figure), "gần" a value up to 10% below, "hơn"/"trên"
    /// anything above, "dưới" anything below. Used to point out a reported figure that the
    /// roster contradicts, never to correct it.
    pub fn admits(self, stated: f64, actual: f64, slack: f64) -> bool {
        match self {
            Bound::Exact => (actual - stated).abs() <= slack,
            Bound::About => (actual - stated).abs() <= slack.max(stated.abs() * 0.05),
            Bound::Nearly => actual <= stated + slack && actual >= stated * 0.9 - slack,
            Bound::Over | Bound::Above => actual + slack > stated,
            Bound::Under => actual < stated + slack,
        }
    }
}

/// Reads a figure as the documents write it, with or without its word: "gần 40%", "hơn
/// 2.000", "khoảng 1.200", "47,26", "141". Dots group thousands when each group after one has
/// three digits ("2.000"); otherwise a dot is a decimal point as officers also type it
/// ("33.3"); a comma is always the decimal comma. `None` when it is not a non-negative number.
pub fn parse_bounded(text: &str) -> Option<(Bound, f64)> {
    let t = text.trim();
    let lower = t.to_lowercase();
    let (bound, rest) = Bound::ALL
        .iter()
        .filter(|b| !b.is_exact())
        .find_map(|b| {
            let word = b.label();
            let after = lower.strip_prefix(word).filter(|r| r.starts_with(char::is_whitespace))?;
            let skip = t.char_indices().nth(word.chars().count()).map_or(t.len(), |(i, _)| i);
            (after.len() == t.len() - skip).then(|| (*b, t[skip..].trim()))
        })
        .unwrap_or((Bound::Exact, t));
    let number = rest.trim_end_matches('%').trim();
    let grouped = |s: &str| {
        let mut parts = s.split('.');
        parts.next().is_some_and(|p| !p.is_empty() && p.len() <= 3) && parts.all(|p| p.len() == 3)
    };
    let plain = if number.contains(',') || (number.contains('.') && grouped(number)) {
        number.replace('.', "")
    } else {
        number.to_string()
    };
    parse_number(&plain).map(|x| (bound, x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_figures() {
        assert_eq!(percent_tenths(857, 2262), Some(379));
        assert_eq!(percent_tenths(28, 42), Some(667));
        assert_eq!(percent_tenths(1, 0), None);
        assert_eq!(percent_scaled(259, 2262, 2), Some(1145));
        assert_eq!(percent_scaled(194, 200, 0), Some(97));
        assert_eq!(div_half_up(5, 2), Some(3));
        assert_eq!(div_half_up(7, 3), Some(2));
        assert_eq!(div_half_up(u64::MAX, u64::MAX), Some(1));
        assert_eq!(div_half_up(u64::MAX, 2), Some(u64::MAX / 2 + 1));
        assert_eq!(format_percent(100.0 / 3.0), "33,3%");
        assert_eq!(format_percent(2.45), "2,5%");
        assert_eq!(format_percent(50.0), "50%");
        assert_eq!(format_percent(-2.45), "-2,5%");
        assert_eq!(format_percent(-0.01), "0%");
        assert_eq!(format_number(33.33), "33,3");
        assert_eq!(format_share(28, 42), "28/42 = 66,7%");
        assert_eq!(format_share(1, 42), "1/42 = 2,4%");
        assert_eq!(format_share(21, 42), "21/42 = 50%");
        assert_eq!(format_share(857, 2262), "857/2.262 = 37,9%");
        assert_eq!(format_share(1200, 0), "1.200/0");
        assert_eq!(
            (grouped(7usize), grouped(939u32), grouped(1200usize), grouped(30000u64)),
            ("7".into(), "939".into(), "1.200".into(), "30.000".into())
        );
        assert_eq!(format_share(3, 0), "3/0");
        assert_eq!(tenths_percent_fixed(310), "31,0%");
        assert_eq!(tenths_percent_fixed(36), "3,6%");
        assert_eq!(tenths_percent(310), "31%");
        assert_eq!(decimal(1145, 2), "11,45");
        assert_eq!(decimal(1105, 2), "11,05");
        assert_eq!(decimal(-36, 1), "-3,6");
        assert_eq!(decimal(-3, 1), "-0,3");
        assert_eq!(decimal_trimmed(1100, 2), "11");
        assert_eq!(decimal_trimmed(1110, 2), "11,10");
        assert_eq!(format_persons(7), "07 đồng chí");
        assert_eq!(format_count(42), "42");
        assert_eq!(format_count(194), "194");
        assert_eq!(format_count(1200), "1.200");
        assert_eq!(format_count(2262), "2.262");
        assert_eq!(format_stated(47.26), "47,26");
        assert_eq!(format_stated(1200.0), "1.200");
        assert_eq!(format_stated(33.3), "33,3");
        assert_eq!(format_stated(11_147_406_000.0), "11.147.406.000");
        assert_eq!(Bound::Nearly.write("40%"), "gần 40%");
        assert_eq!(Bound::Exact.write("2.000"), "2.000");
        assert!(Bound::Over.admits(2000.0, 2104.0, 0.5) && !Bound::Over.admits(2000.0, 1990.0, 0.5));
        assert!(Bound::Nearly.admits(40.0, 38.5, 0.05) && !Bound::Nearly.admits(40.0, 41.0, 0.05));
        assert_eq!(format_thousands(11_147_406_000), "11.147.406.000");
        assert_eq!(format_thousands(7), "7");
        assert_eq!(format_thousands(1000), "1.000");
        assert_eq!(parse_amount("11.147.406.000"), Ok((Bound::Exact, 11_147_406_000)));
        assert_eq!(parse_amount("Khoảng 500 triệu đồng"), Ok((Bound::About, 500_000_000)));
        assert_eq!(parse_amount("1,5 tỷ"), Ok((Bound::Exact, 1_500_000_000)));
        assert_eq!(parse_amount("dưới 200 nghìn đồng"), Ok((Bound::Under, 200_000)));
        assert_eq!(parse_amount("2000000đ"), Ok((Bound::Exact, 2_000_000)));
        assert!(parse_amount("99999999999 tỷ").unwrap_err().contains("quá lớn"));
        assert!(parse_amount("18446744073709551616").unwrap_err().contains("quá lớn"));
        assert!(parse_amount("12,5").unwrap_err().contains("không hợp lệ"));
        assert!(parse_amount("-5").is_err() && parse_amount("").is_err() && parse_amount("khoảng").is_err());
        assert_eq!(format_amount(Bound::About, 500_000_000), "khoảng 500.000.000 đồng");
        assert_eq!(parse_number(" 33,3 % "), Some(33.3));
        assert_eq!(parse_bounded("gần 40%"), Some((Bound::Nearly, 40.0)));
        assert_eq!(parse_bounded("Hơn 2.000"), Some((Bound::Over, 2000.0)));
        assert_eq!(parse_bounded("khoảng 1.200"), Some((Bound::About, 1200.0)));
        assert_eq!(parse_bounded("trên 70 %"), Some((Bound::Above, 70.0)));
        assert_eq!(parse_bounded("dưới 5"), Some((Bound::Under, 5.0)));
        assert_eq!(parse_bounded("47,26"), Some((Bound::Exact, 47.26)));
        assert_eq!(parse_bounded("33.3"), Some((Bound::Exact, 33.3)));
        assert_eq!(parse_bounded("11.147.406.000"), Some((Bound::Exact, 11_147_406_000.0)));
        assert_eq!(parse_bounded("1.200,5"), Some((Bound::Exact, 1200.5)));
        assert_eq!(parse_bounded("hơn"), None);
        assert_eq!(parse_bounded("gầnn 4"), None);
        assert_eq!(parse_number("-1"), None);
        assert_eq!(parse_number("inf"), None);
    }

    #[test]
    fn seed_001_counts_against_quotas() {
        assert_eq!(against_quota(194, "thạc sĩ", 200), "194 thạc sĩ, đạt 97% so với mục tiêu");
        assert_eq!(against_quota(7, "tiến sĩ", 5), "07 tiến sĩ, vượt chỉ tiêu");
        assert_eq!(against_quota(5, "tiến sĩ", 5), "05 tiến sĩ, đạt chỉ tiêu");
        assert_eq!(against_quota(0, "đồng chí", 138), "00 đồng chí, đạt 0% so với mục tiêu");
        assert_eq!(against_quota(0, "người", 0), "00 người, vượt chỉ tiêu");
        assert_eq!(against_quota(3, "người", 0), "03 người, vượt chỉ tiêu");
        // 1 of 8 = 12,5%: half up to 13%.
        assert_eq!(against_quota(1, "người", 8), "01 người, đạt 13% so với mục tiêu");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Half up agrees with exact rational arithmetic: r is the result iff
        /// r - 1/2 ≤ num/den < r + 1/2.
        #[test]
        fn half_up_is_exact(num in any::<u64>(), den in 1u64..) {
            let r = u128::from(div_half_up(num, den).unwrap());
            let (n, d) = (u128::from(num), u128::from(den));
            prop_assert!(2 * n + d >= 2 * r * d, "{num}/{den} → {r}: too big");
            prop_assert!(2 * n < (2 * r + 1) * d, "{num}/{den} → {r}: too small");
        }

        /// A percentage in tenths is 1000·num/den rounded half up, and the text of a share
        /// computed in floating point says the same as the exact one.
        #[test]
        fn percent_tenths_is_exact_and_floats_agree(num in 0u32..2_000_000, den in 1u32..2_000_000) {
            let t = percent_tenths(num, den).unwrap();
            let exact = (2000 * u128::from(num) + u128::from(den)) / (2 * u128::from(den));
            prop_assert_eq!(u128::from(t), exact);
            let x = f64::from(num) * 100.0 / f64::from(den);
            prop_assert_eq!(format_percent(x), tenths_percent(t as i64));
        }

        /// Decimal text reads back to the number it was made from.
        #[test]
        fn decimal_round_trips(scaled in any::<i64>(), decimals in 0u8..=4) {
            let s = decimal(scaled, decimals);
            prop_assert_eq!(s.matches(',').count(), usize::from(decimals > 0));
            if let Some((_, frac)) = s.split_once(',') {
                prop_assert_eq!(frac.len(), usize::from(decimals));
            }
            prop_assert_eq!(s.replace(',', "").parse::<i64>().ok(), Some(scaled));
            let t = decimal_trimmed(scaled, decimals);
            let back = t.replace(',', ".").parse::<f64>().unwrap();
            let want = scaled as f64 / 10f64.powi(i32::from(decimals));
            prop_assert!((back - want).abs() <= want.abs() * 1e-12, "{t} vs {want}");
        }

        /// What `format_number` writes, `parse_number` reads back, and writes again the same.
        #[test]
        fn number_text_round_trips(tenths in 0i64..100_000_000) {
            let x = tenths as f64 / 10.0;
            let s = format_number(x);
            let back = parse_number(&s).unwrap();
            prop_assert_eq!(round_tenths(back), tenths);
            prop_assert_eq!(format_number(back), s);
        }

        /// Dots every three digits from the right; removing them gives the number back.
        #[test]
        fn thousands_round_trip(n in any::<u64>()) {
            let s = format_thousands(n);
            let groups: Vec<&str> = s.split('.').collect();
            prop_assert!((1..=3).contains(&groups[0].len()));
            prop_assert!(groups[1..].iter().all(|g| g.len() == 3));
            prop_assert_eq!(s.replace('.', "").parse::<u64>().ok(), Some(n));
        }

        /// A count against a quota: exceeded above it, met at it, else the rounded share.
        #[test]
        fn against_quota_agrees_with_the_share(count in 0u32..100_000, quota in 0u32..100_000) {
            let s = against_quota(count, "người", quota);
            let head = format!("{} người, ", format_count(count));
            prop_assert!(s.starts_with(&head), "{}", s);
            if quota == 0 || count > quota {
                prop_assert!(s.ends_with("vượt chỉ tiêu"));
            } else if count == quota {
                prop_assert!(s.ends_with("đạt chỉ tiêu"));
            } else {
                let pct = (200 * u64::from(count) + u64::from(quota)) / (2 * u64::from(quota));
                prop_assert!(s.ends_with(&format!("đạt {pct}% so với mục tiêu")), "{}", s);
            }
        }
    }
}
