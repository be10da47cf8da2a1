//! Vietnamese text helpers: search folding and name order.

use std::cmp::Ordering;

/// Base letter and every precomposed Vietnamese letter that folds to it (lower case).
/// Upper case is lowered with `char::to_lowercase` before the lookup.
const FOLDS: [(char, &str); 7] = [
    ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
    ('e', "èéẻẽẹêềếểễệ"),
    ('i', "ìíỉĩị"),
    ('o', "òóỏõọôồốổỗộơờớởỡợ"),
    ('u', "ùúủũụưừứửữự"),
    ('y', "ỳýỷỹỵ"),
    ('d', "đ"),
];

/// Folds text for search: lower case, no tone or vowel marks, "đ" → "d", runs of white space
/// collapsed to one space. Works on precomposed (NFC) and decomposed (NFD) input alike,
/// since combining marks (U+0300-U+036F) are dropped.
///
/// `fold("Nguyễn  Văn Đức") == "nguyen van duc"`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if ('\u{0300}'..='\u{036F}').contains(&c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        for lower in c.to_lowercase() {
            out.push(fold_char(lower));
        }
    }
    out
}

fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    FOLDS.iter().find(|(_, variants)| variants.contains(c)).map_or(c, |(base, _)| *base)
}

/// True when every word of `query` occurs in `haystack`, both folded with [`fold`].
/// An empty query matches everything. `haystack` must already be folded.
pub fn matches_folded(haystack_folded: &str, query: &str) -> bool {
    fold(query).split(' ').filter(|w| !w.is_empty()).all(|w| haystack_folded.contains(w))
}

/// Splits a Vietnamese full name into (given name, the rest) for sorting: Vietnamese names
/// sort by the given name (the last word), then by the family and middle names.
pub fn name_sort_parts(full_name: &str) -> (&str, &str) {
    let trimmed = full_name.trim();
    match trimmed.rsplit_once(char::is_whitespace) {
        Some((rest, given)) => (given, rest.trim_end()),
        None => (trimmed, ""),
    }
}

/// Compares two full names in Vietnamese name order using `collate` for the string
/// comparison (in the browser, `Intl.Collator('vi')`).
pub fn compare_names(a: &str, b: &str, collate: &impl Fn(&str, &str) -> Ordering) -> Ordering {
    let (ga, ra) = name_sort_parts(a);
    let (gb, rb) = name_sort_parts(b);
    collate(ga, gb).then_with(|| collate(ra, rb))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_marks_case_and_d() {
        assert_eq!(fold("Nguyễn Văn Đức"), "nguyen van duc");
        assert_eq!(fold("ĐẶNG THỊ HỒNG NHUNG"), "dang thi hong nhung");
        assert_eq!(fold("Lưu  Quang\tVũ "), "luu quang vu");
        assert_eq!(fold("Trần Thị Thuỷ"), fold("Tran Thi Thuy"));
    }

    #[test]
    fn folds_decomposed_input() {
        // "Nguyễn" typed with combining marks: e + circumflex + tilde.
        let nfd = "Nguye\u{0302}\u{0303}n";
        assert_eq!(fold(nfd), "nguyen");
    }

    #[test]
    fn every_word_of_the_query_must_match() {
        let h = fold("Nguyễn Văn Đức");
        assert!(matches_folded(&h, "nguyen van"));
        assert!(matches_folded(&h, "đức"));
        assert!(matches_folded(&h, "d"));
        assert!(matches_folded(&h, "van NGUYEN"));
        assert!(matches_folded(&h, "  "));
        assert!(!matches_folded(&h, "nguyen thi"));
    }

    #[test]
    fn names_sort_by_given_name_first() {
        assert_eq!(name_sort_parts("Nguyễn Văn An"), ("An", "Nguyễn Văn"));
        assert_eq!(name_sort_parts("  Vàng "), ("Vàng", ""));
        let plain = |a: &str, b: &str| fold(a).cmp(&fold(b));
        let mut names = vec!["Nguyễn Văn Bình", "Trần Thị An", "Lê An"];
        names.sort_by(|a, b| compare_names(a, b, &plain));
        assert_eq!(names, vec!["Lê An", "Trần Thị An", "Nguyễn Văn Bình"]);
    }
}
