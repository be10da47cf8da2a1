use super::*;

/// The words of the domain the converters must get right.
const WORDS: [&str; 12] = [
    "Nguyễn Thị Hồng Nhung",
    "Thạc sĩ",
    "Đại học",
    "Cao cấp",
    "Trung cấp",
    "Chuyên viên chính",
    "Uỷ viên BCH Đảng bộ huyện",
    "Bí thư Đảng ủy xã",
    "Hoàng Su Phì",
    "Phó Chủ tịch UBND xã",
    "người địa phương",
    "Lò Văn Đức",
];

/// Unicode to TCVN3 as Latin-1 characters, by the inverse of the table: what a ".VnTime" cell
/// holds. In a cell without a lower-case ASCII letter (typed in ".VnTimeH") the capitals with a
/// tone take their lower-case code; elsewhere they have none and the test data must avoid them.
fn to_tcvn3(text: &str) -> String {
    let capitals = !text.chars().any(|c| c.is_lowercase());
    text.chars()
        .map(|c| {
            let code = |l: char| (0xA1u32..=0xFF).find(|&b| tcvn3_letter(char::from_u32(b).unwrap()) == Some(l));
            if c.is_ascii() {
                return c;
            }
            let b = code(c)
                .or_else(|| if capitals { code(lower(c)) } else { None })
                .unwrap_or_else(|| panic!("“{c}” has no TCVN3 code in “{text}”"));
            char::from_u32(b).unwrap()
        })
        .collect()
}

/// Unicode to VNI as Latin-1 characters, by the inverse of the tables.
fn to_vni(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        if let Some(&(v, _)) = VNI_SINGLE.iter().find(|s| s.1 == c) {
            out.push(v);
            continue;
        }
        let pair = ['a', 'e', 'o', 'u', 'y', 'ô', 'ö', 'A', 'E', 'O', 'U', 'Y', 'Ô', 'Ö']
            .into_iter()
            .flat_map(|b| VNI_MARKS.iter().map(move |m| (b, m.0)))
            .find(|&(b, m)| vni_pair(b, m) == Some(c) && b.is_uppercase() == m.is_uppercase())
            .unwrap_or_else(|| panic!("“{c}” has no VNI form"));
        out.push(pair.0);
        out.push(pair.1);
    }
    out
}

fn rows(cells: &[&[&str]]) -> Vec<Vec<String>> {
    cells.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

/// A commune's roster as offices keep it: a title in capitals, a blank row, the header, rows.
fn roster() -> Vec<Vec<String>> {
    rows(&[
        &["DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ HỒ THẦU NĂM 2025"],
        &[],
        &["STT", "Họ và tên", "Năm sinh", "Trình độ chuyên môn", "Lý luận chính trị", "Chức vụ", "Ghi chú"],
        &["1", "Nguyễn Thị Hồng Nhung", "1985", "Thạc sĩ", "Cao cấp", "Phó Chủ tịch UBND xã", "người địa phương"],
        &["2", "Hoàng Văn Đức", "1979", "Đại học", "Trung cấp", "Bí thư Đảng ủy xã", "Hoàng Su Phì"],
        &["3", "Lò Thị Hoa", "1990", "Trung cấp", "Sơ cấp", "Chuyên viên chính", "Uỷ viên BCH Đảng bộ huyện"],
        &["4", "Giàng Seo Phủ", "1988", "Cao đẳng", "", "Công chức Tư pháp - Hộ tịch", "ĐẢNG ỦY XÃ"],
    ])
}

fn encoded(rows: &[Vec<String>], f: fn(&str) -> String) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.iter().map(|c| f(c)).collect()).collect()
}

#[test]
fn tcvn3_words_convert() {
    assert_eq!(convert_text("NguyÔn V¨n A", LegacyFont::Tcvn3), "Nguyễn Văn A");
    assert_eq!(convert_text("Th¹c sÜ", LegacyFont::Tcvn3), "Thạc sĩ");
    assert_eq!(convert_text("§¹i häc", LegacyFont::Tcvn3), "Đại học");
    assert_eq!(convert_text("ng\u{ad}êi ®Þa ph\u{ad}¬ng", LegacyFont::Tcvn3), "người địa phương");
    for w in WORDS {
        assert_eq!(convert_text(&to_tcvn3(w), LegacyFont::Tcvn3), w);
    }
    // ".VnTimeH" capitals: the lower-case codes in a cell of capitals.
    assert_eq!(to_tcvn3("ĐẢNG ỦY"), "§¶NG ñY");
    assert_eq!(convert_text("§¶NG ñY", LegacyFont::Tcvn3), "ĐẢNG ỦY");
    assert_eq!(convert_text("BCH §¶NG Bé HUYÖN", LegacyFont::Tcvn3), "BCH ĐẢNG BỘ HUYỆN");
    // Single capitals are not a cell of capitals: "Lê Hà" stays in lower case.
    assert_eq!(convert_text("Lª Hµ", LegacyFont::Tcvn3), "Lê Hà");
    assert_eq!(convert_text("Bé Y tÕ", LegacyFont::Tcvn3), "Bộ Y tế");
}

#[test]
fn every_tcvn3_letter_has_its_own_code() {
    let letters: Vec<char> = TCVN3.iter().copied().filter(|&c| c != '\0').collect();
    assert_eq!(letters.len(), 7 + 7 + 60, "7 capitals, 7 shaped lower-case letters, 12 vowels × 5 tones");
    let mut sorted = letters.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), letters.len(), "no letter twice");
    for row in &VOWELS {
        for &c in &row[1..] {
            assert!(letters.contains(&c), "{c}");
        }
    }
}

#[test]
fn vni_words_convert() {
    assert_eq!(convert_text("Nguyeãn Vaên A", LegacyFont::Vni), "Nguyễn Văn A");
    assert_eq!(convert_text("Thaïc só", LegacyFont::Vni), "Thạc sĩ");
    assert_eq!(convert_text("ngöôøi ñòa phöông", LegacyFont::Vni), "người địa phương");
    assert_eq!(convert_text("ÑAÛNG UÛY", LegacyFont::Vni), "ĐẢNG ỦY");
    for w in WORDS.iter().copied().chain(["Ủy viên BCH Đảng bộ huyện", "ĐẢNG ỦY", "Khuỷu Quốc Thuở Giữa"])
    {
        assert_eq!(convert_text(&to_vni(w), LegacyFont::Vni), w, "{}", to_vni(w));
    }
    // Every toned vowel, both cases.
    let all: String = VOWELS.iter().flatten().flat_map(|&c| [c, upper(c), ' ']).collect();
    assert_eq!(convert_text(&to_vni(&all), LegacyFont::Vni), all);
}

#[test]
fn a_tcvn3_roster_converts_back_to_exactly_the_unicode_rows() {
    let unicode = roster();
    let tcvn3 = encoded(&unicode, to_tcvn3);
    assert_eq!(tcvn3[3][1], "NguyÔn ThÞ Hång Nhung");
    assert_eq!(tcvn3[0][0], "DANH S¸CH C¸N Bé, C¤NG CHøC X· Hå THÇU N¡M 2025");
    assert_eq!(detect_legacy(&tcvn3), Some(LegacyFont::Tcvn3));
    assert_eq!(convert_rows(&tcvn3, LegacyFont::Tcvn3), unicode);
    let samples = conversion_samples(&tcvn3, &unicode, 3);
    assert_eq!(samples.len(), 3);
    assert_eq!(samples[1], ConversionSample { before: "Hä vµ tªn".into(), after: "Họ và tên".into() });
}

#[test]
fn a_vni_roster_converts_back_to_exactly_the_unicode_rows() {
    let mut unicode = roster();
    unicode[5][6] = "Ủy viên BCH Đảng bộ huyện".into();
    let vni = encoded(&unicode, to_vni);
    assert_eq!(vni[3][1], "Nguyeãn Thò Hoàng Nhung");
    assert_eq!(detect_legacy(&vni), Some(LegacyFont::Vni));
    assert_eq!(convert_rows(&vni, LegacyFont::Vni), unicode);
}

#[test]
fn unicode_and_ascii_sheets_are_left_alone() {
    let unicode = roster();
    assert_eq!(detect_legacy(&unicode), None);
    // Even told to, a converter leaves Unicode Vietnamese as it is.
    assert_eq!(convert_rows(&unicode, LegacyFont::Tcvn3), unicode);
    assert_eq!(convert_rows(&unicode, LegacyFont::Vni), unicode);
    // Unicode names that need no letter beyond Latin-1 ("Hòa" is also TCVN3 for "Hũa").
    let latin1 = rows(&[&["Họ và tên", "Quê"], &["Hà Tú", "Hà Giang"], &["Lê Hòa", "Yên Bái"], &["Tô Hà", "Cà Mau"]]);
    assert_eq!(detect_legacy(&latin1), None);
    let ascii = rows(&[&["STT", "Ho va ten", "Nam sinh"], &["1", "Nguyen Van A", "1980"], &["2", "Lo Thi B", "1990"]]);
    assert_eq!(detect_legacy(&ascii), None);
    assert_eq!(convert_rows(&ascii, LegacyFont::Tcvn3), ascii);
    assert_eq!(detect_legacy(&[]), None);
}

#[test]
fn latin1_text_that_is_no_old_font_is_not_converted() {
    // A sheet of Western European text: Latin-1 letters, none of it Vietnamese either way.
    let western = rows(&[&["Café Ñandú", "Größe"], &["Crème brûlée", "Ærø"], &["São João", "Fähre"]]);
    assert_eq!(detect_legacy(&western), None);
    // In a TCVN3 sheet, a cell of random Latin-1 stays as it is; the TCVN3 cells convert.
    let mut sheet = encoded(&roster(), to_tcvn3);
    sheet[4][6] = "ÀÅÍð ÿÛ Ðæ".into();
    sheet[5][6] = "Café Ñandú".into();
    let converted = convert_rows(&sheet, LegacyFont::Tcvn3);
    assert_eq!(converted[4][6], "ÀÅÍð ÿÛ Ðæ");
    assert_eq!(converted[5][6], "Café Ñandú");
    assert_eq!(converted[4][1], "Hoàng Văn Đức");
}

#[test]
fn unicode_columns_in_an_old_font_sheet_keep_their_text() {
    // Names typed in TCVN3; a column pasted in Unicode, one of whose cells ("Lê Hòa") also
    // reads as TCVN3 ("Lê Hũa").
    let mut sheet = encoded(&roster(), to_tcvn3);
    for (i, home) in ["Quê quán", "Lê Hòa", "Hà Giang", "Tô Hà", "Yên Bái"].into_iter().enumerate() {
        sheet[2 + i].push(home.to_string());
    }
    let converted = convert_rows(&sheet, LegacyFont::Tcvn3);
    assert_eq!(converted[3][1], "Nguyễn Thị Hồng Nhung");
    assert_eq!(converted[3][7], "Lê Hòa");
    assert_eq!(converted[2][7], "Quê quán");
    // The same cell in a TCVN3 column converts: there "Lª Hßa" is typed, "Hòa" means "Hũa".
    assert_eq!(convert_text("Hòa", LegacyFont::Tcvn3), "Hũa");
}

#[test]
fn syllables() {
    for w in "nguyễn thị hồng nhung thạc sĩ đại học cao cấp trung chuyên viên chính uỷ ủy bộ huyện bí thư xã hoàng phì phó chủ tịch người địa phương khuỷu quốc thuở giữa gì giờ đắk lắk xoong".split(' ') {
        assert!(is_syllable(w), "{w}");
    }
    for w in ["nguyôn", "v¨n", "th¹c", "sü", "nguyeãn", "vaên", "ñaïi", "aáa", "hồồ", "xyz", "café"] {
        assert!(!is_syllable(w), "{w}");
    }
}

#[test]
fn decomposed_and_1258_marks_are_composed() {
    assert_eq!(compose_vietnamese("Nguyê\u{303}n"), "Nguyễn");
    // NFD: o + dot below + circumflex; u + horn + grave; A + breve + acute.
    assert_eq!(compose_vietnamese("Bo\u{323}\u{302} u\u{31b}\u{300}a A\u{306}\u{301}"), "Bộ ừa Ắ");
    assert_eq!(compose_vietnamese("Ð\u{303}n"), "Ð\u{303}n", "no Vietnamese letter there");
    assert!(matches!(compose_vietnamese("Nguyễn"), Cow::Borrowed(_)));
}

#[test]
fn ten_megabytes_of_garbage_in_bounded_time() {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        char::from((0xA0 + (x >> 40) % 0x60) as u8)
    };
    let started = std::time::Instant::now();
    let one_cell: String = (0..10_000_000).map(|_| next()).collect();
    let sheet = vec![vec![one_cell]];
    assert_eq!(detect_legacy(&sheet), None);
    assert_eq!(convert_rows(&sheet, LegacyFont::Vni), sheet, "longer than a cell can be: left as it is");
    let long: Vec<Vec<String>> = (0..300).map(|_| vec![(0..30_000).map(|_| next()).collect()]).collect();
    assert_eq!(detect_legacy(&long), None);
    let many: Vec<Vec<String>> =
        (0..100_000).map(|_| (0..4).map(|_| (0..25).map(|_| next()).collect()).collect()).collect();
    assert_eq!(detect_legacy(&many), None);
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "{:?}", started.elapsed());
}

/// Issue 12: the officer's whole roster sheet (demo::sheet, the one the import's tests hold to
/// seed 002 section I) typed in TCVN3 or VNI reads back to exactly the Unicode sheet, so it
/// imports to the same roster.
#[test]
fn the_officer_s_whole_sheet_typed_in_an_old_font_converts_back_exactly() {
    let (units, cadres) = crate::demo::hoang_su_phi(5);
    let sheet = crate::demo::sheet::officer_sheet(&units, &cadres, 5);
    // An old font has no "✓" (its typists mark người địa phương with "x"), and the TCVN3 (ABC)
    // font no toned capital outside a word in capitals: they write "Uỷ" (U + ỷ) and "Nữ", as we
    // do here.
    let typed_in = |abc: bool| -> Vec<Vec<String>> {
        let cell = |c: &String| {
            let c = c.replace('✓', "x");
            if abc {
                c.replace("Ủy", "Uỷ").replace("NỮ", "Nữ")
            } else {
                c
            }
        };
        sheet.iter().map(|row| row.iter().map(cell).collect()).collect()
    };
    let (abc, vni) = (typed_in(true), typed_in(false));
    for (font, encode, unicode) in
        [(LegacyFont::Tcvn3, to_tcvn3 as fn(&str) -> String, &abc), (LegacyFont::Vni, to_vni, &vni)]
    {
        let old = encoded(unicode, encode);
        assert_ne!(&old, unicode);
        assert_eq!(detect_legacy(&old), Some(font));
        let back = convert_rows(&old, font);
        let differ: Vec<(usize, &String, &String)> = back
            .iter()
            .zip(unicode.iter())
            .enumerate()
            .flat_map(|(n, (b, u))| b.iter().zip(u).filter(|(x, y)| x != y).map(move |(x, y)| (n + 1, x, y)))
            .take(5)
            .collect();
        assert!(differ.is_empty(), "{font:?}: {differ:?}");
    }
}
