//! Vietnamese text helpers: search folding, the one normal form every title and name rule
//! matches in ([`fold_title`]), and name order.

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
    // "Ð" (U+00D0) stands in for "Đ" in text converted from the old TCVN3 fonts.
    ('d', "đð"),
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
        out.extend(fold_one(c));
    }
    out
}

/// One non-space char in the [`fold`] form: nothing for a combining mark, else its lower case
/// without marks. For a reader that must know where each folded char came from.
pub fn fold_one(c: char) -> impl Iterator<Item = char> {
    let mark = ('\u{0300}'..='\u{036F}').contains(&c);
    let ascii = c.is_ascii().then(|| c.to_ascii_lowercase());
    let other = (!mark && ascii.is_none()).then(|| c.to_lowercase().map(fold_char));
    ascii.into_iter().chain(other.into_iter().flatten())
}

/// The code points [`FOLDS`] spans ("à" U+00E0 … "ỹ" U+1EF9), looked up in one table.
const FOLD_FIRST: u32 = 0xC0;
const FOLD_LAST: u32 = 0x1EFF;

fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    // A table built once from FOLDS: a whole document is folded several times when it is
    // read (Đọc văn bản), and scanning the seven strings per letter cost most of the time.
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table: Vec<char> = (FOLD_FIRST..=FOLD_LAST).map(|u| char::from_u32(u).unwrap_or('\0')).collect();
        for (base, variants) in FOLDS {
            for v in variants.chars() {
                table[(v as u32 - FOLD_FIRST) as usize] = base;
            }
        }
        table
    });
    match (c as u32).checked_sub(FOLD_FIRST).and_then(|i| table.get(i as usize)) {
        Some(folded) => *folded,
        None => c,
    }
}

/// Short forms officers write in titles and unit names, folded, with what they stand for:
/// each is replaced as a whole word on both sides of a comparison, so "Chủ tịch UBMTTQ xã",
/// "Chủ tịch Ủy ban MTTQ" and "Chủ tịch Ủy ban Mặt trận Tổ quốc" read the same. Only forms
/// with one meaning in a cadre sheet ("TT" is thị trấn, trung tâm or thường trực: left alone).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("ubmttq", "uy ban mat tran to quoc"),
    ("mttq", "mat tran to quoc"),
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("ubkt", "uy ban kiem tra"),
    ("ub", "uy ban"),
    ("tncshcm", "thanh nien cong san ho chi minh"),
    ("tncs", "thanh nien cong san"),
    ("hcm", "ho chi minh"),
    ("hlhpn", "hoi lien hiep phu nu"),
    ("lhpn", "lien hiep phu nu"),
    ("hccb", "hoi cuu chien binh"),
    ("ccb", "cuu chien binh"),
    ("hnd", "hoi nong dan"),
    ("bch", "ban chap hanh"),
    ("btv", "ban thuong vu"),
    ("ct", "chu tich"),
    ("pct", "pho chu tich"),
    ("bt", "bi thu"),
    ("pbt", "pho bi thu"),
];

/// The normal form titles, unit names, terms and nhãn are matched in (every group rule's
/// text comparison goes through it, on both sides): [`fold`], then words and punctuation
/// split apart by single spaces ("Đảng ủy,Chủ tịch" = "Đảng ủy, Chủ tịch"), the usual
/// abbreviations spelled out ([`ABBREVIATIONS`]: UBND, HĐND, UBMTTQ, MTTQ, TNCS HCM, LHPN,
/// CCB ...), and a leading "đ/c" dropped.
///
/// `fold_title("Đ/c Chủ tịch UBMTTQ xã") == "chu tich uy ban mat tran to quoc xa"`.
pub fn fold_title(s: &str) -> String {
    let folded = fold(s);
    let mut tokens: Vec<&str> = Vec::new();
    let mut start = None;
    for (i, c) in folded.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(st) = start.take() {
            tokens.push(&folded[st..i]);
        }
        if c != ' ' {
            tokens.push(&folded[i..i + c.len_utf8()]);
        }
    }
    if let Some(st) = start {
        tokens.push(&folded[st..]);
    }
    let mut words: &[&str] = &tokens;
    if let ["d", "/", "c", rest @ ..] = words {
        words = rest;
        while let [w, rest @ ..] = words {
            if w.chars().any(char::is_alphanumeric) {
                break;
            }
            words = rest;
        }
    }
    let mut out = String::with_capacity(folded.len() + 16);
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(ABBREVIATIONS.iter().find(|(short, _)| short == w).map_or(w, |(_, long)| long));
    }
    out
}

/// The text and each of the titles it holds after a "," or ";" ("Phó Bí thư Đảng ủy, Chủ tịch
/// HĐND xã" holds two chức danh): what "bắt đầu bằng" is tried on. `title` is in the
/// [`fold_title`] form.
pub fn title_parts(title: &str) -> impl Iterator<Item = &str> {
    std::iter::once(title).chain(title.match_indices([',', ';']).map(|(i, _)| title[i + 1..].trim_start()))
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

/// The first `n` characters of `s`, with "…" when cut (a name shown or kept short: a file's
/// name in a receipt, a record's name in a message); reads no further than it keeps.
pub fn clip(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

/// A file-name piece from any text: folded ([`fold`]: no marks, "đ" → "d"), every run of
/// anything but ASCII letters and digits one hyphen, cut to `max_len` bytes at most
/// ("UBND xã Nậm Sơn" → "ubnd-xa-nam-son"). Every file the app writes is named with it.
pub fn slug(s: &str, max_len: usize) -> String {
    let mut out = String::new();
    for ch in fold(s).chars() {
        if ch.is_ascii_alphanumeric() {
            if out.len() >= max_len {
                break;
            }
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_hyphenate_and_cut() {
        assert_eq!(slug("Xã Nam Sơn", 60), "xa-nam-son");
        assert_eq!(slug("  UBND huyện Hoàng Su Phì / (2) ", 60), "ubnd-huyen-hoang-su-phi-2");
        assert_eq!(slug("Đảng ủy", 60), "dang-uy");
        assert_eq!(slug("<script>", 60), "script");
        assert_eq!(slug("Bảng 3. Trình độ chuyên môn", 12), "bang-3-trinh");
        assert_eq!(slug("Bảng 3 /", 60), "bang-3");
        assert_eq!(slug("", 60), "");
    }

    #[test]
    fn folds_marks_case_and_d() {
        assert_eq!(fold("Nguyễn Văn Đức"), "nguyen van duc");
        assert_eq!(fold("ĐẶNG THỊ HỒNG NHUNG"), "dang thi hong nhung");
        assert_eq!(fold("Lưu  Quang\tVũ "), "luu quang vu");
        assert_eq!(fold("Trần Thị Thuỷ"), fold("Tran Thi Thuy"));
    }

    #[test]
    fn marks_in_either_place_fold_alike() {
        // Old and new tone placement, and the TCVN3 "Ð".
        assert_eq!(fold("Hoà Bình"), fold("Hòa Bình"));
        assert_eq!(fold("Thuỷ lợi"), fold("Thủy lợi"));
        assert_eq!(fold("Uỷ ban"), fold("Ủy ban"));
        assert_eq!(fold("Hoá"), fold("Hóa"));
        assert_eq!(fold("Ðảng ủy"), fold("Đảng ủy"));
    }

    #[test]
    fn titles_read_the_same_however_they_are_abbreviated() {
        let same = |a: &str, b: &str| assert_eq!(fold_title(a), fold_title(b), "{a} / {b}");
        same("Chủ tịch UBMTTQ xã", "Chủ tịch Ủy ban MTTQ xã");
        same("Chủ tịch UBMTTQ xã", "Chủ tịch Ủy ban Mặt trận Tổ quốc xã");
        same("Chủ tịch UB MTTQ", "Chủ tịch Uỷ ban Mặt trận Tổ quốc");
        same("Chủ tịch MTTQ", "Chủ tịch Mặt trận Tổ quốc");
        same("Chủ tịch UBND xã Nậm Dịch", "Chủ tịch Ủy ban nhân dân xã Nậm Dịch");
        same("Phó Chủ tịch HĐND", "Phó Chủ tịch Hội đồng nhân dân");
        same("Bí thư Đoàn TNCS HCM", "Bí thư Đoàn Thanh niên Cộng sản Hồ Chí Minh");
        same("Bí thư Đoàn TNCSHCM", "Bí thư Đoàn Thanh niên Cộng sản Hồ Chí Minh");
        same("Chủ tịch Hội LHPN", "Chủ tịch Hội Liên hiệp Phụ nữ");
        same("Chủ tịch HLHPN", "Chủ tịch Hội Liên hiệp Phụ nữ");
        same("Chủ tịch Hội CCB", "Chủ tịch Hội Cựu chiến binh");
        same("PCT UBND", "Phó Chủ tịch UBND");
        same("đ/c  Chủ tịch   Hội Nông dân", "Chủ tịch Hội Nông dân");
        same("Đ/c: Bí thư Đảng ủy", "Bí thư Đảng ủy");
        same("Phó Bí thư Đảng ủy,Chủ tịch HĐND", "Phó Bí thư Đảng ủy , Chủ tịch HĐND");
        assert_eq!(fold_title("Đ/c Chủ tịch UBMTTQ xã"), "chu tich uy ban mat tran to quoc xa");
        // Whole words only: "Phòng Văn hóa, Thông tin và Du lịch" keeps its words.
        assert_eq!(fold_title("Phòng Văn hóa, Thông tin và Du lịch"), "phong van hoa , thong tin va du lich");
        assert_ne!(fold_title("Chủ tịch MTTQ"), fold_title("Chủ tịch UBMTTQ"));
        assert_eq!(fold_title("  "), "");
    }

    #[test]
    fn a_title_holds_each_post_after_a_comma() {
        let t = fold_title("Phó Bí thư Đảng ủy, Chủ tịch HĐND xã; Bí thư Chi bộ");
        let parts: Vec<&str> = title_parts(&t).collect();
        assert_eq!(
            parts,
            [
                "pho bi thu dang uy , chu tich hoi dong nhan dan xa ; bi thu chi bo",
                "chu tich hoi dong nhan dan xa ; bi thu chi bo",
                "bi thu chi bo"
            ]
        );
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
