//! Số thứ tự: the numbering a paragraph starts with, as printed ("Phần I", "II-", "2.1.",
//! "a)", "-", "+", "*"), and its style, which places the paragraph in the section tree: a
//! style seen before closes every deeper one opened since; a new style opens a level below.

use serde::{Deserialize, Serialize};

/// The kind of a numbering; decimal numbers differ by depth ("1." and "1.1." are two styles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Style {
    /// "Phần I", "PHỤ LỤC II", "Điều 1".
    Part,
    /// "I.", "II-".
    Roman,
    /// "A.", "Đ." (capital letter).
    Capital,
    /// "1.", "2-", "1.1." with the number of parts.
    Decimal(u8),
    /// "a)", "b-", "c.".
    Letter,
    /// "(1)".
    Parenthesised,
    /// "-", "–", "•".
    Dash,
    /// "+".
    Plus,
    /// "*".
    Star,
}

impl Style {
    /// True for bullets, which open a section only as a lead-in ("- Đối với cấp tỉnh:").
    pub fn is_bullet(self) -> bool {
        matches!(self, Style::Dash | Style::Plus | Style::Star)
    }
}

/// A paragraph's numbering: as printed, its style, and where its text starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbering {
    /// As printed, trimmed ("II-", "2.1.", "a)", "Phần I").
    pub label: String,
    /// Style.
    pub style: Style,
    /// Byte offset of the text after the numbering.
    pub rest: usize,
}

/// Roman numerals as section numbers use these; a lone "C." or "L." is a capital letter.
const ROMAN: &str = "IVX";

impl Numbering {
    /// The numbering `paragraph` starts with, if any.
    pub fn read(paragraph: &str) -> Option<Numbering> {
        let text = paragraph.trim_start();
        let lead = paragraph.len() - text.len();
        let found = part(text)
            .or_else(|| bullet(text))
            .or_else(|| parenthesised(text))
            .or_else(|| roman(text))
            .or_else(|| decimal(text))
            .or_else(|| letter(text))?;
        let (len, style) = found;
        let after = &text[len..];
        let rest = lead + len + (after.len() - after.trim_start().len());
        Some(Numbering { label: text[..len].trim().to_string(), style, rest })
    }
}

/// The byte length of the marker if it ends where the text goes on ("I." then a space).
fn ends_marker(text: &str, len: usize) -> bool {
    text[len..].starts_with(char::is_whitespace) && text[len..].trim_start().chars().next().is_some()
}

fn part(text: &str) -> Option<(usize, Style)> {
    let head: String = text.chars().take(12).collect();
    let folded = crate::text::fold(&head);
    // "Điều 1." of a quyết định heads its articles as "Phần I" heads parts.
    for word in ["phan ", "phu luc ", "dieu "] {
        if folded.starts_with(word) {
            let word_chars = word.chars().count();
            let start = text.char_indices().nth(word_chars).map(|(i, _)| i)?;
            let numeral: usize = text[start..]
                .chars()
                .take_while(|c| ROMAN.contains(*c) || c.is_ascii_digit())
                .map(char::len_utf8)
                .sum();
            if numeral > 0 {
                let mut len = start + numeral;
                if text[len..].starts_with(['.', ':', '-']) {
                    len += 1;
                }
                return Some((len, Style::Part));
            }
        }
    }
    None
}

fn bullet(text: &str) -> Option<(usize, Style)> {
    let c = text.chars().next()?;
    let style = match c {
        '-' | '–' | '•' | '\u{f0b7}' => Style::Dash,
        '+' => Style::Plus,
        '*' => Style::Star,
        _ => return None,
    };
    ends_marker(text, c.len_utf8()).then_some((c.len_utf8(), style))
}

fn parenthesised(text: &str) -> Option<(usize, Style)> {
    let inner = text.strip_prefix('(')?;
    let digits = inner.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && digits < 3 && inner[digits..].starts_with(')') && ends_marker(text, digits + 2))
        .then_some((digits + 2, Style::Parenthesised))
}

fn roman(text: &str) -> Option<(usize, Style)> {
    let len = text.chars().take_while(|c| ROMAN.contains(*c)).count();
    (len > 0 && len < 6 && text[len..].starts_with(['.', '-', '–', ')']) && {
        let mark = text[len..].chars().next().map_or(1, char::len_utf8);
        ends_marker(text, len + mark)
    })
    .then(|| (len + text[len..].chars().next().map_or(1, char::len_utf8), Style::Roman))
}

fn decimal(text: &str) -> Option<(usize, Style)> {
    let mut len = 0;
    let mut parts = 0u8;
    loop {
        let digits = text[len..].chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 2 {
            break;
        }
        len += digits;
        parts += 1;
        match text[len..].chars().next() {
            Some('.') if text[len + 1..].starts_with(|c: char| c.is_ascii_digit()) => len += 1,
            Some('.' | '-' | ')') => {
                len += 1;
                break;
            }
            _ if parts > 1 => break,
            _ => return None,
        }
    }
    (parts > 0 && ends_marker(text, len) && !year_or_figure(&text[len..])).then_some((len, Style::Decimal(parts)))
}

/// "2. Mục tiêu" is numbered; "10 năm qua" and "2.262 người" are not (handled by requiring a
/// mark); a "-" followed by a figure ("20-25%") is a range, not numbering.
fn year_or_figure(after: &str) -> bool {
    after.trim_start().starts_with(|c: char| c.is_ascii_digit() || c == '%')
}

fn letter(text: &str) -> Option<(usize, Style)> {
    let c = text.chars().next()?;
    let len = c.len_utf8();
    if !c.is_alphabetic() || !text[len..].starts_with(['.', ')', '-']) {
        return None;
    }
    let style = if c.is_lowercase() { Style::Letter } else { Style::Capital };
    if style == Style::Capital && text[len..].starts_with('-') {
        return None;
    }
    ends_marker(text, len + 1).then_some((len + 1, style))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Option<(String, Style, String)> {
        Numbering::read(s).map(|n| (n.label, n.style, s[n.rest..].to_string()))
    }

    #[test]
    fn every_numbering_the_documents_print() {
        let cases = [
            ("I- TÌNH HÌNH THỰC HIỆN", "I-", Style::Roman),
            ("II. Về công tác đào tạo", "II.", Style::Roman),
            ("2.1. Phấn đấu đến năm 2020: 100%", "2.1.", Style::Decimal(2)),
            ("3.4 Tiếp tục xây dựng", "3.4", Style::Decimal(2)),
            ("1. Phương hướng", "1.", Style::Decimal(1)),
            ("a) Đến năm 2026", "a)", Style::Letter),
            ("b- Đối với cán bộ", "b-", Style::Letter),
            ("Đ. Lĩnh vực quy hoạch", "Đ.", Style::Capital),
            ("- Đối với cấp tỉnh:", "-", Style::Dash),
            ("+ 60% cán bộ", "+", Style::Plus),
            ("* Mục tiêu đến năm 2025:", "*", Style::Star),
            ("Phần II NỘI DUNG ĐỀ ÁN", "Phần II", Style::Part),
            ("PHỤ LỤC I", "PHỤ LỤC I", Style::Part),
            ("Điều 1. Phê duyệt Đề án", "Điều 1.", Style::Part),
            ("(1) Nâng cao nhận thức", "(1)", Style::Parenthesised),
        ];
        for (text, label, style) in cases {
            let (l, s, _) = read(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((l.as_str(), s), (label, style), "{text}");
        }
    }

    #[test]
    fn figures_and_plain_sentences_are_not_numbering() {
        for text in [
            "10 năm qua, cấp ủy",
            "2.262 người",
            "20-25% có trình độ",
            "Cán bộ, công chức",
            "100% cán bộ",
            "Điều kiện dự học: có ít nhất 05 năm công tác",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}
