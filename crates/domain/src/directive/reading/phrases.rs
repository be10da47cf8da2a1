//! The small recognisers a target's sentence is read with, each over the sentence in the
//! [`crate::text::fold`] form (lower case, no marks, single spaces): figures in every written
//! form, the comparator word before a figure, levels on the roster's scales, deadlines.

use crate::directive::target::{Comparator, Criterion};
use crate::levels::Scale;

/// A figure as written: "50%", "20-25%", "03 - 05", "từ 30% đến 50%", "2.262", "33,3%",
/// "11.147.406.000", "hai mươi".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    /// Byte range in the folded sentence.
    pub start: usize,
    /// End of the figure (after "%" when there is one).
    pub end: usize,
    /// The value (the lower end of a range).
    pub value: f64,
    /// Upper end of a range.
    pub upper: Option<f64>,
    /// Written with "%".
    pub percent: bool,
    /// A year ("2025"), not an amount.
    pub year: bool,
}

/// One number at `at` (digits with dots and a comma): its value and length.
fn number_at(s: &str, at: usize) -> Option<(f64, usize)> {
    let bytes = s.as_bytes();
    let mut end = at;
    while end < bytes.len()
        && (bytes[end].is_ascii_digit()
            || ((bytes[end] == b'.' || bytes[end] == b',') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
    {
        end += 1;
    }
    if end == at {
        return None;
    }
    let (_, value) = crate::number::parse_bounded(&s[at..end])?;
    Some((value, end - at))
}

const UNITS: [(&str, f64); 11] = [
    ("mot", 1.0),
    ("hai", 2.0),
    ("ba", 3.0),
    ("bon", 4.0),
    ("tu", 4.0),
    ("lam", 5.0),
    ("sau", 6.0),
    ("bay", 7.0),
    ("tam", 8.0),
    ("chin", 9.0),
    ("nam", 5.0),
];

/// Nouns after which a number written in words is a count ("hai mươi đồng chí").
const COUNT_NOUNS: [&str; 10] =
    ["dong chi", "nguoi", "lop", "doan", "chi tieu", "cong chuc", "can bo", "lan", "hoc vien", "phan tram"];

/// A number in words ("hai mươi", "một", "mười lăm") at `at` followed by a count noun.
fn words_at(s: &str, at: usize) -> Option<(f64, usize)> {
    let mut value = 0.0;
    let mut pos = at;
    let mut any = false;
    let rest = |pos: usize| &s[pos..];
    loop {
        let word_end = rest(pos).find(' ').map_or(s.len(), |i| pos + i);
        let word = &s[pos..word_end];
        let unit = UNITS.iter().find(|(w, _)| *w == word).map(|(_, v)| *v);
        match (word, unit) {
            ("muoi", _) => value = if any { value * 10.0 } else { 10.0 },
            // "hai chục": tens only after a unit; alone, "chuc" is the end of "công chức".
            ("chuc", _) if any => value *= 10.0,
            (_, Some(u)) if word != "nam" || any => value += u,
            _ => break,
        }
        any = true;
        pos = (word_end + 1).min(s.len());
        if word_end >= s.len() {
            break;
        }
    }
    let mut end = if any { s[..pos].trim_end().len() } else { return None };
    // "hai mươi (20) chỉ tiêu": the digits repeating the words belong to the figure.
    let after = s[end..].trim_start();
    if let Some(inside) = after.strip_prefix('(') {
        let digits = inside.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && inside[digits..].starts_with(')') {
            end = s.len() - inside.len() + digits + 1;
        }
    }
    COUNT_NOUNS.iter().any(|n| s[end..].trim_start().starts_with(n)).then_some((value, end - at))
}

/// Every figure of a folded sentence, in order.
pub fn figures(s: &str) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let found = if bytes[i].is_ascii_digit() && boundary {
            number_at(s, i)
        } else if boundary && bytes[i].is_ascii_alphabetic() {
            words_at(s, i)
        } else {
            None
        };
        let Some((value, len)) = found else {
            i += 1;
            continue;
        };
        let mut end = i + len;
        let digits = &s[i..end];
        let year =
            digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) && (1945.0..=2100.0).contains(&value);
        let mut percent = s[end..].starts_with('%') || s[end..].starts_with(" %");
        if percent {
            end = s[..(end + 2).min(s.len())].rfind('%').map_or(end, |p| p + 1);
        }
        let mut figure = Figure { start: i, end, value, upper: None, percent, year };
        // A range: "20-25%", "03 - 05", "từ 30% đến 50%", "từ 2 đến 3".
        let after = &s[end..];
        let joined = ["-", " - ", " -", "- ", " den ", " – ", "–"]
            .iter()
            .find(|sep| after.starts_with(**sep) && after[sep.len()..].starts_with(|c: char| c.is_ascii_digit()));
        if let Some(sep) = joined {
            let at = end + sep.len();
            if let Some((upper, ulen)) = number_at(s, at) {
                let upper_percent = s[at + ulen..].starts_with('%');
                if !year && upper >= value && (upper_percent || !percent) {
                    percent |= upper_percent;
                    figure =
                        Figure { end: at + ulen + usize::from(upper_percent), upper: Some(upper), percent, ..figure };
                }
            }
        }
        i = figure.end.max(i + 1);
        out.push(figure);
    }
    out
}

/// The comparator written before a figure at `start` in the folded clause.
pub fn comparator_before(s: &str, start: usize) -> Comparator {
    let before = &s[..start];
    let near = &before[before.len().saturating_sub(24)..];
    let near = near.get(..).unwrap_or(before);
    if before.contains("duy tri") {
        Comparator::Maintain
    } else if near.ends_with("tren ") || near.ends_with("hon ") {
        Comparator::Above
    } else if near.contains("khoang") || near.contains("du kien") || near.contains("uoc tinh") {
        Comparator::About
    } else {
        Comparator::AtLeast
    }
}

fn level(scale: Scale, code: &str, studying: bool) -> Criterion {
    Criterion::Level { scale, level: code.to_string(), count_studying: studying }
}

/// Levels named in a folded clause, lowest first on each scale ("đại học và sau đại học" is
/// "đại học trở lên"). `inherited` is the scale of the clause this one refines ("100% có trình
/// độ sơ cấp chính trị, trong đó 90% có trình độ trung cấp"), used when a level word alone
/// could be on several scales.
pub fn criteria(s: &str, inherited: Option<Scale>) -> Vec<Criterion> {
    let studying = s.contains("dang hoc");
    let mut out = Vec::new();
    // Tin học, ngoại ngữ "theo quy định": the basic standards (chuẩn cơ bản, bậc 2).
    if s.contains("tin hoc") && s.contains("ngoai ngu") && (s.contains("chung chi") || s.contains("quy dinh")) {
        out.push(level(Scale::InformationTechnology, "co_ban", false));
        out.push(level(Scale::ForeignLanguage, "bac_2", false));
        return out;
    }
    if s.contains("tieng lao") {
        return vec![Criterion::LaoLanguage];
    }
    if s.contains("tieng dan toc") {
        return vec![Criterion::MinorityLanguage];
    }
    let mut rest = s.to_string();
    // Quản lý nhà nước: "chương trình chuyên viên chính", "chuyên viên cao cấp".
    let state =
        s.contains("quan ly nha nuoc") || s.contains("chuong trinh chuyen vien") || s.contains("chuong trinh can su");
    if state {
        for (words, code) in [
            ("chuyen vien cao cap", "chuyen_vien_cao_cap"),
            ("chuyen vien chinh", "chuyen_vien_chinh"),
            ("chuyen vien", "chuyen_vien"),
            ("can su", "can_su"),
        ] {
            if rest.contains(words) {
                out.push(level(Scale::StateManagement, code, studying));
                break;
            }
        }
        for words in ["chuyen vien cao cap", "chuyen vien chinh", "chuyen vien", "can su"] {
            rest = rest.replace(words, " ");
        }
    }
    // Lý luận chính trị: a level word with "chính trị" after it, or "lý luận chính trị" before.
    let political_words =
        [("cu nhan", "cao_cap"), ("cao cap", "cao_cap"), ("trung cap", "trung_cap"), ("so cap", "so_cap")];
    let political_context = rest.contains("chinh tri");
    let professional_context = rest.contains("chuyen mon") || rest.contains("dai hoc") || rest.contains("thac s");
    let ambiguous_political = inherited == Some(Scale::Political) && !professional_context;
    if political_context || ambiguous_political {
        let mut found: Option<(usize, &str)> = None;
        for (words, code) in political_words {
            if let Some(at) = political_level_at(&rest, words, political_context) {
                let rank = ["so_cap", "trung_cap", "cao_cap"].iter().position(|c| *c == code).unwrap_or(0);
                if found.is_none_or(|(r, _)| rank < r) {
                    found = Some((rank, code));
                }
                rest.replace_range(at..at + words.len(), &" ".repeat(words.len()));
                // "trung cấp hoặc đang học trung cấp chính trị": one level, said twice.
                let repeated = format!("{words} hoac dang hoc ");
                if rest[..at].ends_with(&repeated) {
                    let from = at - repeated.len();
                    rest.replace_range(from..from + words.len(), &" ".repeat(words.len()));
                }
            }
        }
        // "Lý luận chính trị tăng 13%", "trình độ lý luận chính trị" with no level: any
        // political training at all, sơ cấp and above. Not "đạt chuẩn trình độ lý luận chính
        // trị theo chức danh": each title's own standard, which only a standards table says.
        let bare = rest.trim_start().starts_with("ly luan chinh tri") || rest.contains("trinh do ly luan chinh tri");
        let per_standard = s.contains("chuan");
        if found.is_none() && bare && !per_standard {
            found = Some((0, "so_cap"));
        }
        if let Some((_, code)) = found {
            out.push(level(Scale::Political, code, studying && !professional_context));
        }
    }
    // Trình độ chuyên môn, lowest named.
    let professional = [
        ("trung cap", "trung_cap"),
        ("cao dang", "cao_dang"),
        ("dai hoc", "dai_hoc"),
        ("sau dai hoc", "thac_si"),
        ("trinh do cao, chuyen sau", "thac_si"),
        ("thac si", "thac_si"),
        ("thac sy", "thac_si"),
        ("tien si", "tien_si"),
        ("tien sy", "tien_si"),
    ];
    let mut lowest: Option<(usize, &str)> = None;
    for (rank, (words, code)) in professional.iter().enumerate() {
        let hit = match *words {
            "dai hoc" => rest.replace("sau dai hoc", " ").contains("dai hoc"),
            "trung cap" => rest.contains("trung cap") && (inherited != Some(Scale::Political) || professional_context),
            w => rest.contains(w),
        };
        if hit && lowest.is_none_or(|(r, _)| rank < r) {
            lowest = Some((rank, code));
        }
    }
    if let Some((_, code)) = lowest {
        out.insert(0, level(Scale::Professional, code, studying));
    }
    out
}

/// Where a political level word stands: before "(lý luận) chính trị" within a few words, or
/// right after "lý luận chính trị" ("lý luận chính trị cử nhân, cao cấp"), or anywhere when the
/// scale is known from the clause refined.
fn political_level_at(s: &str, words: &str, context: bool) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find(words) {
        let at = from + i;
        let after = &s[at + words.len()..];
        let before = &s[..at];
        let tail = &before[before.len().saturating_sub(30)..];
        let near_after = after.trim_start().starts_with("ly luan")
            || after.trim_start().starts_with("chinh tri")
            || after.trim_start().starts_with("ve ly luan")
            || after.split(' ').take(4).any(|w| w == "tri");
        if !context || near_after || tail.contains("chinh tri") {
            return Some(at);
        }
        from = at + words.len();
    }
    None
}

/// The scale of the first level criterion.
pub fn scale_of(criteria: &[Criterion]) -> Option<Scale> {
    criteria.iter().find_map(|c| match c {
        Criterion::Level { scale, .. } => Some(*scale),
        _ => None,
    })
}

/// Years a folded clause sets as deadlines: "đến năm 2025", "vào năm 2025", "trong năm 2021",
/// "năm 2025" at the end, "giai đoạn 2021 - 2025" (its end), "nhiệm kỳ 2016-2021 và nhiệm kỳ
/// 2021-2026" (each end). A year "so với năm 2010" or a baseline "từ 17,8% năm 2020" is not.
pub fn deadlines(s: &str) -> Vec<u16> {
    let mut out: Vec<u16> = Vec::new();
    let figures = figures(s);
    for (i, f) in figures.iter().enumerate() {
        if !f.year {
            continue;
        }
        let before = s[..f.start].trim_end();
        let year = f.value as u16;
        let ends_range = i > 0
            && figures[i - 1].year
            && s[figures[i - 1].end..f.start].trim().trim_matches(['-', '–']).trim().is_empty();
        let starts_range = figures
            .get(i + 1)
            .is_some_and(|n| n.year && s[f.end..n.start].trim().trim_matches(['-', '–']).trim().is_empty());
        let deadline = if starts_range {
            false
        } else if ends_range {
            let before_first = s[..figures[i - 1].start].trim_end();
            before_first.ends_with("giai doan")
                || before_first.ends_with("nhiem ky")
                || before_first.ends_with("tu nam")
        } else {
            ["den nam", "vao nam", "trong nam", "toi nam", "den het nam", "den", "nam"]
                .iter()
                .any(|w| before.ends_with(w))
                && !(before.ends_with("so voi nam") || before.ends_with("tu nam"))
                && !(before.ends_with("nam") && before[..before.len() - 3].trim_end().ends_with('%'))
        };
        if deadline && !out.contains(&year) {
            out.push(year);
        }
    }
    out
}

/// Giai đoạn "2021 - 2025" (or "2021-2025") in a folded text.
pub fn period(s: &str) -> Option<(u16, u16)> {
    let figures = figures(s);
    figures.windows(2).find_map(|w| {
        let gap = s[w[0].end..w[1].start].trim();
        (w[0].year && w[1].year && matches!(gap, "-" | "–" | "den") && w[1].value > w[0].value)
            .then(|| (w[0].value as u16, w[1].value as u16))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    fn values(s: &str) -> Vec<(f64, Option<f64>, bool)> {
        figures(&fold(s)).iter().filter(|f| !f.year).map(|f| (f.value, f.upper, f.percent)).collect()
    }

    #[test]
    fn figures_in_every_written_form() {
        assert_eq!(values("33,3%"), [(33.3, None, true)]);
        assert_eq!(values("20-25% có trình độ"), [(20.0, Some(25.0), true)]);
        assert_eq!(values("từ 30% đến 50%"), [(30.0, Some(50.0), true)]);
        assert_eq!(values("mỗi năm cử 07 - 08 đồng chí"), [(7.0, Some(8.0), false)]);
        assert_eq!(
            values("tổng 2.262 người, 11.147.406.000 đồng"),
            [(2262.0, None, false), (11147406000.0, None, false)]
        );
        assert_eq!(values("hai mươi đồng chí"), [(20.0, None, false)]);
        assert_eq!(values("hai mươi (20) chỉ tiêu mỗi năm"), [(20.0, None, false)]);
        assert_eq!(values("hai chục người"), [(20.0, None, false)]);
        assert_eq!(values("cán bộ, công chức người dân tộc thiểu số"), []);
        assert_eq!(values("ít nhất một lần trong nhiệm kỳ"), [(1.0, None, false)]);
        assert_eq!(values("đến năm 2025"), []);
    }

    #[test]
    fn comparators_before_a_figure() {
        for (text, expected) in [
            ("có ít nhất 60%", Comparator::AtLeast),
            ("trên 70% cán bộ", Comparator::Above),
            ("khoảng 50 đồng chí", Comparator::About),
            ("dự kiến 145 chỉ tiêu", Comparator::About),
            ("duy trì 100%", Comparator::Maintain),
            ("100% có", Comparator::AtLeast),
        ] {
            let s = fold(text);
            let f = figures(&s)[0];
            assert_eq!(comparator_before(&s, f.start), expected, "{text}");
        }
    }

    fn levels(s: &str, inherited: Option<Scale>) -> Vec<(Scale, String, bool)> {
        criteria(&fold(s), inherited)
            .into_iter()
            .filter_map(|c| match c {
                Criterion::Level { scale, level, count_studying } => Some((scale, level, count_studying)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn levels_on_every_scale() {
        let p = |l: &str| (Scale::Professional, l.to_string(), false);
        assert_eq!(levels("có trình độ thạc sĩ trở lên", None), [p("thac_si")]);
        assert_eq!(levels("được đào tạo đạt trình độ chuyên môn sau đại học", None), [p("thac_si")]);
        assert_eq!(levels("Trình độ chuyên môn đại học và sau đại học tăng 3,6%", None), [p("dai_hoc")]);
        assert_eq!(
            levels("100% đạt trình độ cao cấp lý luận chính trị", None),
            [(Scale::Political, "cao_cap".into(), false)]
        );
        // Each title's own standard is no level the words name.
        assert_eq!(levels("100% đạt chuẩn trình độ lý luận chính trị theo chức danh", None), []);
        assert_eq!(
            levels("Lý luận chính trị cử nhân, cao cấp tăng 3,0%", None),
            [(Scale::Political, "cao_cap".into(), false)]
        );
        assert_eq!(
            levels("80% được bồi dưỡng chương trình chuyên viên chính", None),
            [(Scale::StateManagement, "chuyen_vien_chinh".into(), false)]
        );
        assert_eq!(
            levels("có trình độ chuyên môn đại học và trung cấp chính trị trở lên", None),
            [p("dai_hoc"), (Scale::Political, "trung_cap".into(), false)]
        );
        assert_eq!(
            levels("30% có trình độ thạc sĩ hoặc đang học thạc sĩ", None),
            [(Scale::Professional, "thac_si".into(), true)]
        );
        assert_eq!(
            levels("90% có trình độ trung cấp hoặc đang học trung cấp trở lên", Some(Scale::Political)),
            [(Scale::Political, "trung_cap".into(), true)]
        );
        assert_eq!(levels("100% có trình độ chuyên môn từ trung cấp trở lên", None), [p("trung_cap")]);
        assert_eq!(levels("100% có chứng chỉ tin học, ngoại ngữ theo quy định", None).len(), 2);
        assert_eq!(
            levels("100% có trình độ trung cấp hoặc đang học trung cấp chính trị", None),
            [(Scale::Political, "trung_cap".into(), true)]
        );
        assert_eq!(
            levels("lý luận chính trị tăng 9% so với năm 2015", None),
            [(Scale::Political, "so_cap".into(), false)]
        );
        assert_eq!(levels("Cán bộ cấp xã có trình độ văn hóa trung học phổ thông tăng 12%", None), []);
        assert_eq!(criteria(&fold("sử dụng được tiếng Lào trong giao tiếp"), None), [Criterion::LaoLanguage]);
    }

    #[test]
    fn deadlines_and_periods() {
        assert_eq!(deadlines(&fold("Phấn đấu đến năm 2020")), [2020]);
        assert_eq!(deadlines(&fold("nâng tỷ lệ nữ từ 17,8% năm 2020 lên 35% vào năm 2025")), [2025]);
        assert_eq!(deadlines(&fold("lý luận chính trị tăng 13% so với năm 2010")), Vec::<u16>::new());
        assert_eq!(deadlines(&fold("nhiệm kỳ 2016-2021 và nhiệm kỳ 2021-2026")), [2021, 2026]);
        assert_eq!(deadlines(&fold("b) Giai đoạn 2026 - 2030")), [2030]);
        assert_eq!(period(&fold("giai đoạn 2021 - 2025")), Some((2021, 2025)));
    }
}
