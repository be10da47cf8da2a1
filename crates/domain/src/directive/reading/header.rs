//! Phần đầu of a directive: the issuing body ("TỈNH UỶ QUẢNG TRỊ"), số ký hiệu ("Số 37-KL/TU",
//! "Số: 7328/ĐA-UBND"), place and date ("Đông Hà, ngày 28 tháng 11 năm 2016"), the kind's
//! line ("KẾT LUẬN", "ĐỀ ÁN"), the body that decided ("CỦA BAN THƯỜNG VỤ TỈNH ỦY") and the
//! trích yếu ("về đẩy mạnh …", "V/v …"), and the period the title names.

use super::phrases;
use crate::date::Date;
use crate::directive::DirectiveKind;
use crate::text::fold;

/// How far into the text a header is looked for.
const HEADER_PARAGRAPHS: usize = 30;

/// How far into the text a preamble naming the issuing body is looked for.
const PREAMBLE_PARAGRAPHS: usize = 20;

/// "Thực hiện …, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch đào tạo …" → "Ban Thường vụ Tỉnh ủy":
/// the body a preamble says issues the document, when it is a body ("Ban …", "Ủy ban …",
/// "Thường trực …") and the thing issued is a document's kind.
pub fn issued_by(paragraph: &str) -> Option<String> {
    let aligned = super::targets::Folded::new(paragraph);
    let folded = &aligned.text;
    let at = folded.find(" ban hanh ")?;
    let issued = &folded[at + " ban hanh ".len()..];
    if !["ke hoach", "nghi quyet", "ket luan", "chi thi", "de an", "quyet dinh", "chuong trinh"]
        .iter()
        .any(|kind| issued.starts_with(kind))
    {
        return None;
    }
    let name = paragraph[..aligned.at(at)].rsplit([',', ';']).next()?.trim();
    // "Ban Chấp hành Đảng bộ tỉnh (khóa XII) đã ban hành Nghị quyết số 05-NQ/TU": a review
    // names the body that issued the directive it reviews.
    let name = match name.rsplit_once(' ') {
        Some((before, last)) if fold(last) == "da" => before.trim(),
        _ => name,
    };
    let name_folded = fold(name);
    (name.chars().count() <= 80 && ["ban ", "uy ban", "thuong truc"].iter().any(|w| name_folded.starts_with(w)))
        .then(|| name.to_string())
}

/// The header read, with the paragraph each field came from.
#[derive(Debug, Clone, Default)]
pub struct Header {
    /// Loại văn bản.
    pub kind: Option<DirectiveKind>,
    /// Số, ký hiệu.
    pub number: String,
    /// Ngày ban hành.
    pub date: Option<Date>,
    /// Địa danh.
    pub place: String,
    /// Cơ quan ban hành.
    pub issuer: String,
    /// Tập thể quyết định ("Ban Thường vụ Tỉnh ủy").
    pub authority: String,
    /// Trích yếu.
    pub title: String,
    /// Giai đoạn.
    pub period: Option<(u16, u16)>,
    /// Deadlines the title sets, for targets stating none.
    pub goal_years: Vec<u16>,
    /// (field, paragraph index).
    pub spans: Vec<(&'static str, usize)>,
}

/// The kind a line names when it is the kind's line ("KẾT LUẬN", "Đề án").
pub fn kind_of(folded: &str) -> Option<DirectiveKind> {
    let kinds = [
        ("nghi quyet", DirectiveKind::Resolution),
        ("ket luan", DirectiveKind::Conclusion),
        ("chi thi", DirectiveKind::Instruction),
        ("de an", DirectiveKind::Scheme),
        ("ke hoach", DirectiveKind::Plan),
        ("quyet dinh", DirectiveKind::Decision),
        ("chuong trinh hanh dong", DirectiveKind::Programme),
        ("chuong trinh", DirectiveKind::Programme),
        ("bao cao", DirectiveKind::Report),
    ];
    kinds
        .iter()
        .find(|(w, _)| {
            folded == *w || folded.strip_prefix(w).is_some_and(|r| r.starts_with(" cua") || r.starts_with(':'))
        })
        .map(|(_, k)| *k)
}

/// "Đông Hà, ngày 28 tháng 11 năm 2016" → place and date.
pub fn place_and_date(text: &str) -> Option<(String, Date)> {
    let folded = fold(text);
    let at = folded.find("ngay ")?;
    let numbers: Vec<u32> = folded[at..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .take(3)
        .filter_map(|n| n.parse().ok())
        .collect();
    let [day, month, year] = numbers[..] else { return None };
    if !(folded[at..].contains("thang") || folded[at..].contains('/')) {
        return None;
    }
    let date = Date::new(u16::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?)?;
    let comma = text.find(',').filter(|c| fold(&text[..*c]).len() <= at);
    let place = comma.map(|c| text[..c].trim().to_string()).unwrap_or_default();
    Some((place, date))
}

/// "Số 37-KL/TU", "Số: 7328/ĐA-UBND", "Số 02 -ĐA/HU" → "37-KL/TU", "7328/ĐA-UBND", "02-ĐA/HU".
pub fn number_of(text: &str) -> Option<String> {
    let folded = fold(text);
    let at = folded.find("so ").or_else(|| folded.find("so:"))?;
    if at > 0 && folded.as_bytes()[at - 1].is_ascii_alphanumeric() {
        return None;
    }
    let start = text.char_indices().nth(folded[..at].chars().count() + 2).map(|(i, _)| i)?;
    let rest = text[start..].trim_start_matches([':', ' ']);
    let mut symbol = String::new();
    for word in rest.split_whitespace().take(3) {
        if symbol.is_empty() && !word.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        symbol.push_str(word);
        if symbol.contains('/') {
            break;
        }
    }
    (symbol.contains('/') && symbol.len() < 40).then_some(symbol)
}

fn is_capitals(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() > 3 && letters.iter().all(|c| c.is_uppercase())
}

/// Reads the header from the first paragraphs; returns it and the first paragraph of the body.
pub fn read(paragraphs: &[&str]) -> (Header, usize) {
    let mut h = Header::default();
    let mut body_from = 0;
    let mut kind_at = None;
    for (i, text) in paragraphs.iter().enumerate().take(HEADER_PARAGRAPHS) {
        let folded = fold(text);
        if super::numbering::Numbering::read(text).is_some_and(|n| !n.style.is_bullet()) {
            break;
        }
        if h.issuer.is_empty() && is_capitals(text) && kind_at.is_none() {
            let cut = ["DANG CONG SAN VIET NAM", "CONG HOA XA HOI"]
                .iter()
                .filter_map(|w| fold(text).to_uppercase().find(w))
                .min();
            let issuer = match cut {
                Some(c) => {
                    let chars = fold(text)[..c].chars().count();
                    text.chars().take(chars).collect::<String>()
                }
                None => text.to_string(),
            };
            let issuer = own_body(issuer.trim().trim_matches('*').trim());
            if !issuer.is_empty() && kind_of(&fold(issuer)).is_none() {
                h.issuer = issuer.to_string();
                h.spans.push(("issuer", i));
                continue;
            }
        }
        if h.date.is_none() {
            if let Some((place, date)) = place_and_date(text).filter(|_| text.len() < 120) {
                h.place = place;
                h.date = Some(date);
                h.spans.push(("date", i));
                if let Some(n) = number_of(text) {
                    h.number = n;
                }
                continue;
            }
        }
        if h.number.is_empty() && text.len() < 80 {
            if let Some(n) = number_of(text) {
                h.number = n;
                h.spans.push(("number", i));
                continue;
            }
        }
        if kind_at.is_none() {
            if let Some(kind) = kind_of(&folded) {
                h.kind = Some(kind);
                kind_at = Some(i);
                h.spans.push(("kind", i));
                body_from = i + 1;
                if let Some(rest) = folded.find(" cua ") {
                    h.authority = as_named(text.chars().skip(rest + 5).collect::<String>().trim());
                }
                continue;
            }
        }
        if kind_at.is_some() {
            if text.trim_matches(['-', '*', '_', '=', ' ']).is_empty() {
                body_from = i + 1;
                continue;
            }
            if folded.starts_with("cua ") && h.title.is_empty() {
                // "của Ban Thường vụ Tỉnh ủy về tăng cường …": a paste that joined the
                // decider's line and the trích yếu's gives both in one paragraph.
                let split_at = folded.find(" ve ").map(|at| folded[..at].chars().count());
                let (authority, title): (String, String) = match split_at {
                    Some(chars) => {
                        (text.chars().skip(4).take(chars - 4).collect(), text.chars().skip(chars + 1).collect())
                    }
                    None => (text.chars().skip(4).collect(), String::new()),
                };
                h.authority = as_named(authority.trim());
                if !title.trim().is_empty() {
                    h.title = title.trim().to_string();
                    h.spans.push(("title", i));
                }
                body_from = i + 1;
                continue;
            }
            if h.title.is_empty()
                && text.chars().count() <= 400
                && !folded.starts_with("can cu")
                && !folded.starts_with("thuc hien")
            {
                h.title = text.trim_start_matches("V/v").trim().to_string();
                h.spans.push(("title", i));
                body_from = i + 1;
                continue;
            }
            break;
        }
    }
    if h.title.is_empty() {
        // No header (an article, a report's first line): its first paragraph titles it.
        let numbered = |t: &&&str| super::numbering::Numbering::read(t).is_some();
        if let Some(first) = paragraphs.first().filter(|t| t.chars().count() <= 300 && !numbered(t) && body_from == 0) {
            h.title = first.to_string();
            if h.kind.is_none() {
                h.kind = ["nghi quyet", "ket luan", "de an", "ke hoach", "chi thi", "quyet dinh"]
                    .iter()
                    .find(|w| fold(first).contains(*w))
                    .and_then(|w| kind_of(w))
                    .map(|_| DirectiveKind::Report);
            }
            h.spans.push(("title", 0));
            body_from = body_from.max(1);
        }
    }
    if h.issuer.is_empty() {
        // No issuer above the kind's line (a copy that starts at "KẾ HOẠCH"): the body the
        // preamble says issued it ("…, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch …").
        if let Some((i, body)) =
            paragraphs.iter().take(PREAMBLE_PARAGRAPHS).enumerate().find_map(|(i, t)| Some((i, issued_by(t)?)))
        {
            if h.authority.is_empty() {
                h.authority = body.clone();
            }
            h.issuer = body;
            h.spans.push(("issuer", i));
        }
    }
    let title = fold(&h.title);
    h.period = phrases::period(&title).or_else(|| {
        let early: String = paragraphs.iter().take(body_from + 3).map(|p| fold(p)).collect::<Vec<_>>().join(" ");
        let to = phrases::deadlines(&title).into_iter().max();
        match (to, h.date) {
            (Some(to), Some(d)) if to >= d.year => Some((d.year, to)),
            _ => phrases::period(&early).or_else(|| year_alone(&title).map(|y| (y, y))),
        }
    });
    if h.period.is_some() {
        h.spans.push(("period", h.spans.iter().find(|(f, _)| *f == "title").map_or(0, |(_, i)| *i)));
    }
    (h, body_from)
}

/// "… năm 2021" ending a plan's title: the plan's year.
fn year_alone(folded: &str) -> Option<u16> {
    let figures = phrases::figures(folded);
    let last = figures.last().filter(|f| f.year)?;
    folded[..last.start].trim_end().ends_with("nam").then_some(last.value as u16)
}

/// "BAN THƯỜNG VỤ TỈNH ỦY" → "Ban Thường Vụ Tỉnh Ủy" (the body as a name, not shouted).
/// A body's name as a sentence writes it: "CỦA BAN THƯỜNG VỤ TỈNH ỦY" → "Ban Thường Vụ Tỉnh Ủy";
/// a name already in mixed case is kept as written.
fn as_named(text: &str) -> String {
    if is_capitals(text) {
        capitalise_words(text)
    } else {
        text.to_string()
    }
}

/// "ĐẢNG BỘ TỈNH SÓC TRĂNG / HUYỆN ỦY MỸ TÚ": a party header names the party organisation
/// above the committee that issues; the issuer is the committee.
fn own_body(issuer: &str) -> &str {
    let folded = fold(issuer).to_uppercase();
    if !folded.starts_with("DANG BO ") {
        return issuer;
    }
    let committee = [" HUYEN UY", " TINH UY", " THANH UY", " THI UY", " QUAN UY", " DANG UY"]
        .iter()
        .filter_map(|w| folded.find(w))
        .min();
    match committee {
        Some(at) => {
            let chars = folded[..at + 1].chars().count();
            let from = issuer.char_indices().nth(chars).map_or(issuer.len(), |(i, _)| i);
            &issuer[from..]
        }
        None => issuer,
    }
}

fn capitalise_words(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_a_preamble_says_issues_the_document() {
        assert_eq!(
            issued_by("Thực hiện công tác đào tạo, bồi dưỡng năm 2024, Ban Thường vụ Huyện ủy ban hành Kế hoạch đào tạo như sau:").as_deref(),
            Some("Ban Thường vụ Huyện ủy")
        );
        assert_eq!(
            issued_by(
                "Ngày 10/11/2011, Ban Chấp hành Đảng bộ tỉnh (khóa XII) đã ban hành Nghị quyết số 05-NQ/TU về đào tạo"
            )
            .as_deref(),
            Some("Ban Chấp hành Đảng bộ tỉnh (khóa XII)")
        );
        assert_eq!(
            issued_by("Căn cứ Quyết định số 12, Ủy ban nhân dân tỉnh ban hành Quy chế tổ chức thi tuyển").as_deref(),
            None,
            "a rule is no document of this kind"
        );
        assert_eq!(issued_by("Các cơ quan, đơn vị ban hành kế hoạch của mình").as_deref(), None, "no body named");
        let (h, _) = read(&[
            "KẾ HOẠCH",
            "Đào tạo, bồi dưỡng cán bộ năm 2024",
            "Thực hiện Chỉ thị số 05, Ban Thường vụ Huyện ủy ban hành Kế hoạch đào tạo, bồi dưỡng như sau:",
        ]);
        assert_eq!((h.issuer.as_str(), h.authority.as_str()), ("Ban Thường vụ Huyện ủy", "Ban Thường vụ Huyện ủy"));
        let (h, _) = read(&[
            "HUYỆN ỦY ĐẮK HÀ",
            "Số: 58-KH/HU",
            "KẾ HOẠCH",
            "Đào tạo năm 2025",
            "Ban Thường vụ Huyện ủy ban hành Kế hoạch như sau:",
        ]);
        assert_eq!(h.issuer, "HUYỆN ỦY ĐẮK HÀ", "the header's issuer stands");
    }

    #[test]
    fn a_party_committee_header() {
        let paragraphs = [
            "TỈNH UỶ QUẢNG TRỊ ĐẢNG CỘNG SẢN VIỆT NAM",
            "*",
            "Đông Hà, ngày 28 tháng 11 năm 2016",
            "Số 37-KL/TU",
            "KẾT LUẬN",
            "CỦA BAN THƯỜNG VỤ TỈNH ỦY",
            "về đẩy mạnh công tác đào tạo, bồi dưỡng cán bộ đến năm 2025",
            "---",
            "Ngày 11/11/2016, Ban Thường vụ Tỉnh uỷ tổ chức Hội nghị",
        ];
        let (h, body) = read(&paragraphs);
        assert_eq!(h.issuer, "TỈNH UỶ QUẢNG TRỊ");
        assert_eq!((h.place.as_str(), h.date), ("Đông Hà", Date::new(2016, 11, 28)));
        assert_eq!(h.number, "37-KL/TU");
        assert_eq!(h.kind, Some(DirectiveKind::Conclusion));
        assert_eq!(h.authority, "Ban Thường Vụ Tỉnh Ủy");
        assert_eq!(h.title, "về đẩy mạnh công tác đào tạo, bồi dưỡng cán bộ đến năm 2025");
        assert_eq!(h.period, Some((2016, 2025)));
        assert_eq!(body, 8);
    }

    #[test]
    fn the_decider_and_the_title_joined_in_one_paragraph() {
        // A PDF's copy joins "của Ban Thường vụ Tỉnh ủy" with the trích yếu below it; the
        // rule under the title is no title.
        let (h, body) = read(&[
            "TỈNH ỦY BẮC GIANG",
            "Số 12-CT/TU",
            "Bắc Giang, ngày 08 tháng 3 năm 2022",
            "CHỈ THỊ",
            "của Ban Thường vụ Tỉnh ủy về tăng cường công tác đào tạo, bồi dưỡng cán bộ giai đoạn 2022 - 2025",
            "-----",
            "Thời gian qua, công tác đào tạo được quan tâm.",
        ]);
        assert_eq!(h.authority, "Ban Thường vụ Tỉnh ủy");
        assert_eq!(h.title, "về tăng cường công tác đào tạo, bồi dưỡng cán bộ giai đoạn 2022 - 2025");
        assert_eq!(h.period, Some((2022, 2025)));
        assert_eq!(body, 6);
    }

    #[test]
    fn the_committee_under_its_party_organisation_issues() {
        let (h, _) = read(&[
            "ĐẢNG BỘ TỈNH SÓC TRĂNG HUYỆN ỦY MỸ TÚ",
            "*",
            "Số 08-NQ/HU",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Mỹ Tú, ngày 20 tháng 10 năm 2021",
            "NGHỊ QUYẾT CỦA BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN",
            "về công tác đào tạo, bồi dưỡng cán bộ, công chức giai đoạn 2021 - 2025",
        ]);
        assert_eq!(h.issuer, "HUYỆN ỦY MỸ TÚ");
        assert_eq!(h.authority, "Ban Chấp Hành Đảng Bộ Huyện");
        assert_eq!(own_body("ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH"), "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH");
    }

    #[test]
    fn kind_line_after_the_date() {
        let (h, _) = read(&[
            "TỈNH ỦY BẮC GIANG",
            "Số 12-NQ/TU",
            "Bắc Giang, ngày 05 tháng 3 năm 2022",
            "NGHỊ QUYẾT",
            "về đào tạo",
        ]);
        assert_eq!(
            (h.kind, h.number.as_str(), h.title.as_str()),
            (Some(DirectiveKind::Resolution), "12-NQ/TU", "về đào tạo")
        );
    }

    #[test]
    fn numbers_and_dates_as_written() {
        assert_eq!(number_of("Số 02 -ĐA/HU").as_deref(), Some("02-ĐA/HU"));
        assert_eq!(number_of("Số: 7328/ĐA-UBND").as_deref(), Some("7328/ĐA-UBND"));
        assert_eq!(number_of("Tổng số 42 đồng chí"), None);
        assert_eq!(
            place_and_date("Quảng Trị, ngày 15 tháng 7 năm 2016"),
            Some(("Quảng Trị".into(), Date::new(2016, 7, 15).unwrap()))
        );
    }
}
