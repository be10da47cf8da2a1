use proptest::prelude::*;

use super::*;
use crate::model::{Committee, GovLevel, Membership, PlannedPosition, Region, Unit, UnitKind};

fn unit(id: &str, name: &str) -> Unit {
    Unit {
        id: id.into(),
        name: name.into(),
        level: GovLevel::Commune,
        kind: UnitKind::Government,
        region: Region::Mountain,
        parent_id: None,
        meta: RecordMeta::default(),
    }
}

fn roster() -> Roster {
    let mut an = Cadre::blank("c1".into(), "x1".into());
    an.full_name = "Nguyễn Văn An".into();
    an.birth_year = 1980;
    an.professional = Qualification::at(Professional::Bachelor);
    an.meta = RecordMeta::at(3, 5);
    Roster { units: vec![unit("x1", "UBND xã Nậm Ty"), unit("x2", "UBND xã Tả Sử Choóng")], cadres: vec![an] }
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| (*x).to_string()).collect()
}

fn ids() -> impl FnMut() -> Id {
    let mut n = 0;
    move || {
        n += 1;
        format!("new-{n}")
    }
}

fn run(
    roster: &Roster,
    header: &[String],
    rows: &[Vec<String>],
    settings: &ImportSettings,
    default_unit: Option<&str>,
) -> Preview {
    let mapping = guess_mapping(header, settings);
    let default_category = Some(Category::CivilServant);
    assert!(missing_fields(&mapping, default_unit, default_category).is_empty(), "{mapping:?}");
    let different_people = HashSet::new();
    let req = ImportRequest {
        header,
        rows,
        first_row: 2,
        mapping: &mapping,
        settings,
        default_unit,
        default_category,
        new_units: &[],
        different_people: &different_people,
        now: 100,
    };
    preview(roster, &req, &mut ids())
}

#[test]
fn headers_are_guessed_from_their_folded_words() {
    let h = s(&[
        "STT",
        "Họ và tên",
        "Ngày tháng năm sinh",
        "Giới tính",
        "Tên đơn vị",
        "Trình độ chuyên môn",
        "Chuyên ngành đào tạo",
        "LLCT",
        "Q.L.N.N",
        "Ngoại ngữ",
        "Tin học",
        "QP-AN",
        "Ghi chú",
        "Mã số thuế",
    ]);
    let m = guess_mapping(&h, &ImportSettings::default());
    assert_eq!(
        m,
        vec![
            None,
            Some(Field::FullName),
            Some(Field::Birth),
            Some(Field::Gender),
            Some(Field::Unit),
            Some(Field::Professional),
            Some(Field::ProfessionalField),
            Some(Field::Political),
            Some(Field::StateManagement), // "q l n n" is not an abbreviation anyone writes with dots between every letter
            Some(Field::ForeignLanguage),
            Some(Field::It),
            Some(Field::DefenceSecurity),
            Some(Field::Note),
            Some(Field::Id),
        ]
    );
    assert_eq!(guess_field("Tên"), Some(Field::FullName));
    assert_eq!(guess_field("Tên đơn vị"), Some(Field::Unit));
    assert_eq!(guess_field("Nhận xét"), None);
}

#[test]
fn a_field_goes_to_the_first_column_and_remembered_choices_win() {
    let h = s(&["Họ tên", "Họ và tên khai sinh", "Nhận xét"]);
    let mut settings = ImportSettings::default();
    // A named column the app has no field for is kept as a nhãn.
    assert_eq!(guess_mapping(&h, &settings), vec![Some(Field::FullName), None, Some(Field::Label)]);
    settings.remember_column("NHẬN XÉT", Some(Field::Note));
    settings.remember_column("Họ tên", None);
    assert_eq!(guess_mapping(&h, &settings), vec![None, Some(Field::FullName), Some(Field::Note)]);
}

#[test]
fn the_header_row_may_sit_below_a_title() {
    let rows = vec![
        s(&["DANH SÁCH CÁN BỘ XÃ NẬM TY", "", ""]),
        s(&["", "", ""]),
        s(&["TT", "Họ và tên", "Năm sinh"]),
        s(&["1", "A", "1980"]),
    ];
    assert_eq!(find_header(&rows), Some(2));
    assert_eq!(find_header(&[s(&["x", "y"])]), Some(0));
    assert_eq!(find_header(&[]), None);
}

#[test]
fn free_text_levels_map_to_each_scale() {
    use Scale::*;
    let cases: &[(Scale, &str, Option<&str>)] = &[
        (Professional, "Thạc sỹ", Some("thac_si")),
        (Professional, "Thạc sĩ Kinh tế", Some("thac_si")),
        (Professional, "ThS", Some("thac_si")),
        (Professional, "Th.S", Some("thac_si")),
        (Professional, "BS CKII", Some("tien_si")),
        (Professional, "Đại học", Some("dai_hoc")),
        (Professional, "ĐH Luật", Some("dai_hoc")),
        (Professional, "Cử nhân Kinh tế", Some("dai_hoc")),
        (Professional, "Trung cấp", Some("trung_cap")),
        (Professional, "TS", Some("tien_si")),
        (Professional, "Lương y", None),
        (Political, "Cao cấp", Some("cao_cap")),
        (Political, "CC", Some("cao_cap")),
        (Political, "Cử nhân chính trị", Some("cu_nhan")),
        (Political, "Trung cấp LLCT", Some("trung_cap")),
        (Political, "Sơ cấp", Some("so_cap")),
        (StateManagement, "CVC", Some("chuyen_vien_chinh")),
        (StateManagement, "Chuyên viên chính", Some("chuyen_vien_chinh")),
        (StateManagement, "Chuyên viên", Some("chuyen_vien")),
        (StateManagement, "CVCC", Some("chuyen_vien_cao_cap")),
        (ForeignLanguage, "B1", Some("bac_3")),
        (ForeignLanguage, "Tiếng Anh B", Some("bac_2")),
        (ForeignLanguage, "Chứng chỉ B", Some("bac_2")),
        (ForeignLanguage, "Bậc 4 (B2)", Some("bac_4")),
        (InformationTechnology, "Chứng chỉ A", Some("co_ban")),
        (InformationTechnology, "Nâng cao", Some("nang_cao")),
        (DefenceSecurity, "Đối tượng 3", Some("doi_tuong_3")),
        (DefenceSecurity, "ĐT2", Some("doi_tuong_2")),
        (Political, "", None),
        (Political, "Chưa qua đào tạo", Some("chua")),
    ];
    for (scale, text, want) in cases {
        assert_eq!(guess_level(*scale, text), *want, "{scale:?} {text:?}");
    }
}

#[test]
fn level_review_lists_unknown_values_first_with_counts_and_applies_choices() {
    let h = s(&["Họ và tên", "Chuyên môn", "LLCT"]);
    let rows = vec![s(&["A", "Thạc sỹ", "CC"]), s(&["B", "Lương y", "CC"]), s(&["C", "lương  y", ""])];
    let mut settings = ImportSettings::default();
    let m = guess_mapping(&h, &settings);
    let review = level_review(&rows, &m, &settings).values;
    assert_eq!(review.len(), 3);
    assert_eq!((review[0].text.as_str(), review[0].count, review[0].level.clone()), ("Lương y", 2, None));
    assert!(review
        .iter()
        .any(|v| v.field == Field::Political && v.count == 2 && v.level.as_deref() == Some("cao_cap")));
    settings.choose_level(Field::Professional, "LƯƠNG Y", "trung_cap");
    let review = level_review(&rows, &m, &settings).values;
    assert!(review.iter().all(|v| v.level.is_some()));
    let lv = review.iter().find(|v| v.text == "Lương y").unwrap();
    assert!(lv.chosen);
    assert_eq!(lv.level.as_deref(), Some("trung_cap"));
}

/// Issue 15, defect 8: a level column of 50.000 distinct texts (names mapped by mistake) was
/// listed whole, 50.000 selects, after 25,6 s of guessing; now a column of more than
/// MAX_LEVEL_VALUES texts is reported as no level column and not guessed.
#[test]
fn a_level_column_of_too_many_texts_is_not_reviewed() {
    let h = s(&["Họ và tên", "Chuyên môn", "LLCT"]);
    let settings = ImportSettings::default();
    let m = guess_mapping(&h, &settings);
    let rows: Vec<Vec<String>> = (0..50_000)
        .map(|i| vec![format!("Người {i}"), format!("Kỹ sư số {i}"), ["Cao cấp", "Trung cấp"][i % 2].to_string()])
        .collect();
    let started = std::time::Instant::now();
    let review = level_review(&rows, &m, &settings);
    let took = started.elapsed();
    assert_eq!(review.not_levels, vec![NotLevels { field: Field::Professional, column: 1, distinct: 50_000 }]);
    let listed: Vec<(&str, usize)> = review.values.iter().map(|v| (v.text.as_str(), v.count)).collect();
    assert_eq!(listed, [("Cao cấp", 25_000), ("Trung cấp", 25_000)], "the other column is still reviewed");
    assert!(took.as_secs() < 5, "{took:?}");
    // At the limit, every text is listed; texts that fold alike are one.
    let at_limit: Vec<Vec<String>> = (0..MAX_LEVEL_VALUES * 2)
        .map(|i| vec![String::new(), if i % 2 == 0 { format!("Mức {}", i / 2) } else { format!("MỨC  {}", i / 2) }])
        .collect();
    let review = level_review(&at_limit, &m, &settings);
    assert!(review.not_levels.is_empty());
    assert_eq!(review.values.len(), MAX_LEVEL_VALUES);
    assert!(review.values.iter().all(|v| v.count == 2 && v.level.is_none()));
}

/// Issue 15, defect 8: a header below row 10 (a long title block above the table) was not
/// found; it is searched in the first HEADER_SEARCH_ROWS rows.
#[test]
fn the_header_is_found_below_a_long_title_block() {
    let mut rows: Vec<Vec<String>> = (0..30).map(|i| vec![format!("Dòng tiêu đề {i}")]).collect();
    rows.push(s(&["STT", "Họ và tên", "Năm sinh", "Giới tính"]));
    rows.push(s(&["1", "Nguyễn Văn An", "1980", "Nam"]));
    assert_eq!(find_header(&rows), Some(30));
    let mut below: Vec<Vec<String>> = (0..HEADER_SEARCH_ROWS).map(|i| vec![format!("Ghi chú {i}")]).collect();
    below.push(s(&["Họ và tên", "Năm sinh"]));
    assert_eq!(find_header(&below), Some(0), "beyond the search, the first non-blank row");
}

#[test]
fn birth_years_come_from_years_dates_iso_and_excel_serials() {
    assert_eq!(parse_birth_year("1980"), Ok(1980));
    assert_eq!(parse_birth_year("05/03/1982"), Ok(1982));
    assert_eq!(parse_birth_year("5-3-1982"), Ok(1982));
    assert_eq!(parse_birth_year("29.02.1984"), Ok(1984));
    assert_eq!(parse_birth_year("1975-12-31"), Ok(1975));
    assert_eq!(parse_birth_year("1975-12-31T00:00:00"), Ok(1975));
    assert_eq!(parse_birth_year("03/1990"), Ok(1990));
    // 29221 is 1980-01-01 in Excel's serial numbering; 29220.5 the day before at noon.
    assert_eq!(parse_birth_year("29221"), Ok(1980));
    assert_eq!(parse_birth_year("29220.5"), Ok(1979));
    assert!(parse_birth_year("31/02/1980").unwrap_err().contains("không phải một ngày có thật"));
    assert!(parse_birth_year("29/02/1983").is_err());
    assert!(parse_birth_year("năm tám mươi").unwrap_err().contains("năm tám mươi"));
    assert!(parse_birth_year("").is_err());
    assert!(parse_birth_year("-5").is_err());
}

/// Issue 15, defect 8: "1985.0" (a column of numbers saved by another program) was read as
/// the Excel serial 1985, the year 1905; "1.985" and "1985,0" likewise are the year 1985.
#[test]
fn a_year_with_zero_decimals_or_a_thousands_dot_is_the_year() {
    for text in ["1985.0", "1985,0", "1985.00", "1.985", "1,985", "1985 ", " 1985.0\u{a0}", "1985"] {
        assert_eq!(parse_birth_year(text), Ok(1985), "{text:?}");
    }
    // A serial with zero decimals is still a date.
    assert_eq!(parse_birth_year("29221.0"), Ok(1980));
}

proptest! {
    #[test]
    fn every_date_reads_back_its_year(y in 1900i64..2100, m in 1i64..=12, d in 1i64..=31) {
        prop_assume!(valid_date(y, m, d));
        prop_assert_eq!(parse_birth_year(&format!("{d:02}/{m:02}/{y}")), Ok(y as u16));
        prop_assert_eq!(parse_birth_year(&format!("{y}-{m:02}-{d:02}")), Ok(y as u16));
        // Serials of four digits or fewer (before 1927-05-19) read as years; birth dates
        // the roster accepts (1940 on) are all five-digit serials.
        let serial = Date::new(y as u16, m as u8, d as u8).unwrap().days() - Date::new(1899, 12, 30).unwrap().days();
        if serial >= 10_000 {
            prop_assert_eq!(parse_birth_year(&serial.to_string()), Ok(y as u16));
        }
    }
}

#[test]
fn rows_become_new_updated_or_unchanged_with_row_errors_naming_row_and_column() {
    let r = roster();
    let h = s(&["Họ và tên", "Năm sinh", "Giới tính", "Đơn vị", "Chuyên môn", "Ghi chú"]);
    let rows = vec![
        s(&["Nguyễn Văn An", "1980", "Nam", "UBND xã Nậm Ty", "Thạc sỹ", ""]), // updated: đại học → thạc sĩ
        s(&["Lò Thị Bình", "12/05/1990", "Nữ", "ubnd xa ta su choong", "ĐH", "'=1+1"]), // new
        s(&["Vàng Văn Chư", "1985", "Nam", "UBND xã Không Có", "", ""]),       // unknown unit
        s(&["", "", "", "", "", ""]),                                          // blank: skipped silently
        s(&["Giàng A Dế", "1930", "Nam", "UBND xã Nậm Ty", "Lương y", ""]),    // unknown level
        s(&["Lò  Thị Bình", "1990", "Nữ", "UBND xã Tả Sử Choóng", "", ""]),    // same person as row 3
    ];
    let p = run(&r, &h, &rows, &ImportSettings::default(), None);
    assert_eq!(p.counts(), (1, 1, 0));
    let an = &p.rows[0];
    assert_eq!(an.row, 2);
    assert!(matches!(&an.outcome, Outcome::Updated(before) if before.professional.level == Professional::Bachelor));
    assert_eq!(an.cadre.professional.level, Professional::Master);
    assert_eq!(an.cadre.meta, RecordMeta::at(4, 100));
    let binh = &p.rows[1];
    assert_eq!(
        (binh.cadre.id.as_str(), binh.cadre.unit_id.as_str(), binh.cadre.gender, binh.cadre.birth_year),
        ("new-1", "x2", Gender::Female, 1990)
    );
    assert_eq!(binh.cadre.note, "=1+1", "the export's apostrophe comes off");
    assert_eq!(binh.cadre.meta.version, 1);

    let msgs: Vec<String> = p.errors.iter().map(ToString::to_string).collect();
    assert_eq!(msgs.len(), 3, "{msgs:#?}");
    assert!(msgs[0].starts_with("Dòng 4, cột Đơn vị: đơn vị “UBND xã Không Có” chưa có"), "{}", msgs[0]);
    // Row 6 has two problems: the level is unknown (the birth year is only checked once the
    // row reads, so one message at a time per row).
    assert!(msgs[1].starts_with("Dòng 6, cột Chuyên môn: “Lương y” chưa rõ"), "{}", msgs[1]);
    assert!(msgs[2].starts_with("Dòng 7, cột Họ và tên: trùng người với dòng 3"), "{}", msgs[2]);
    assert_eq!(p.bad_rows(), 3);

    // Choosing the level leaves the birth year for the roster's own rule to reject.
    let mut settings = ImportSettings::default();
    settings.choose_level(Field::Professional, "Lương y", "trung_cap");
    let p = run(&r, &h, &rows, &settings, None);
    let row6: Vec<String> = p.errors.iter().filter(|e| e.row == 6).map(ToString::to_string).collect();
    assert_eq!(row6, vec!["Dòng 6, cột Năm sinh: Năm sinh: 1930 nằm ngoài khoảng 1940-2010.".to_string()]);

    let after = p.apply(&r);
    assert_eq!(after.cadres.len(), 2);
    assert_eq!(after.cadre("c1").unwrap().professional.level, Professional::Master);
    assert_eq!(r.cadres.len(), 1, "the roster given is not touched");
}

#[test]
fn missing_columns_and_defaults() {
    let h = s(&["Họ và tên", "Năm sinh", "Giới tính"]);
    let m = guess_mapping(&h, &ImportSettings::default());
    let cb = Some(Category::Cadre);
    assert_eq!(missing_fields(&m, None, cb), vec![Field::Unit]);
    assert!(missing_fields(&m, Some("x1"), cb).is_empty());
    assert_eq!(missing_fields(&m, Some("x1"), None), vec![Field::Category], "never a silent đối tượng");
    assert_eq!(missing_fields(&[], None, cb), vec![Field::FullName, Field::Birth, Field::Gender, Field::Unit]);
    let p = run(
        &roster(),
        &h,
        &[s(&["Hờ Thị Dua", "1999", "nữ"]), s(&["Hờ Văn Pó", "1999", "x"])],
        &ImportSettings::default(),
        Some("x2"),
    );
    assert_eq!(p.rows[0].cadre.unit_id, "x2");
    assert_eq!(p.errors[0].to_string(), "Dòng 3, cột Giới tính: “x” không phải Nam hay Nữ.");
}

#[test]
fn positions_keep_their_unit_and_leadership_when_the_title_stays() {
    let mut r = roster();
    r.cadres[0].positions =
        vec![Position { unit_id: "x1".into(), title: "Chủ tịch UBND xã".into(), leadership: Leadership::Head }];
    let h = s(&["Mã cán bộ", "Họ và tên", "Năm sinh", "Giới tính", "Chức vụ"]);
    // The default unit is for new rows: a matched cadre keeps the unit it has.
    let p = run(
        &r,
        &h,
        &[s(&["c1", "Nguyễn Văn An", "1980", "Nam", "Chủ tịch UBND xã"])],
        &ImportSettings::default(),
        Some("x2"),
    );
    assert_eq!(p.counts(), (0, 0, 1));
    let p = run(
        &r,
        &h,
        &[s(&["c1", "Nguyễn Văn An", "1980", "Nam", "Chủ tịch UBND xã; Phó Bí thư Đảng ủy"])],
        &ImportSettings::default(),
        Some("x2"),
    );
    assert_eq!(p.counts(), (0, 1, 0));
    let pos = &p.rows[0].cadre.positions;
    assert_eq!(pos.len(), 2);
    assert_eq!((pos[1].leadership, pos[1].unit_id.as_str()), (Leadership::Deputy, "x1"));
    assert_eq!(leadership_of("Trưởng phòng Nội vụ"), Leadership::Head);
    assert_eq!(leadership_of("Công chức Văn phòng"), Leadership::None);
}

#[test]
fn ambiguous_unit_names_are_an_error_unless_the_cadre_is_already_there() {
    let mut r = roster();
    r.units.push(unit("x3", "UBND xã Nậm Ty"));
    let h = s(&["Họ và tên", "Năm sinh", "Giới tính", "Đơn vị"]);
    let p = run(
        &r,
        &h,
        &[s(&["Nguyễn Văn An", "1980", "Nam", "UBND xã Nậm Ty"]), s(&["Ma Văn E", "1980", "Nam", "UBND xã Nậm Ty"])],
        &ImportSettings::default(),
        None,
    );
    assert_eq!(p.counts(), (0, 0, 1));
    assert!(p.errors[0].message.starts_with("có nhiều đơn vị tên"));
}

/// A qualification on `L`'s scale from three draws: the level held, a study above it (or none),
/// and the year it ends; `unknown` keeps only the study ("Đang học thạc sĩ").
fn qualification<L: Level>(level: usize, study: usize, until: Option<u16>, unknown: bool) -> Qualification<L> {
    let held = level % L::ALL.len();
    let above = L::ALL.len() - 1 - held;
    if unknown {
        let s = 1 + study % (L::ALL.len() - 1);
        return Qualification { studying_until: until, ..Qualification::studying_only(L::ALL[s]) };
    }
    let mut q = Qualification::at(L::ALL[held]);
    if above > 0 && !study.is_multiple_of(3) {
        q.studying = Some(L::ALL[held + 1 + study % above]);
        q.studying_until = until;
    }
    q
}

fn arb_qualification<L: Level + std::fmt::Debug + 'static>() -> impl Strategy<Value = Qualification<L>> {
    (0usize..8, 0usize..8, prop::option::of(2000u16..=2100), prop::bool::weighted(0.15))
        .prop_map(|(level, study, until, unknown)| qualification::<L>(level, study, until, unknown))
}

/// A cadre with every field the export writes and the import reads: người địa phương, cấp
/// ủy seats with their terms, quy hoạch, đang học with its year (and with the level held
/// unknown), every scale, ngạch, the languages, a note that needs quoting, nhãn. Positions are
/// in the cadre's own unit with the leadership their title says (what a sheet's Chức vụ holds).
fn arb_cadre(units: Vec<String>) -> impl Strategy<Value = Cadre> {
    let name =
        prop::sample::select(vec!["Nguyễn Văn An", "Lò Thị Bình", "Giàng A Dế", "Đặng Thị Ðào", "Hà  Văn, \"Tư\""]);
    let note =
        prop::sample::select(vec!["", "=1+1", "-2 con", "@x", "ghi chú; có dấu phẩy, và \"nháy\"", "dòng 1\ndòng 2"]);
    let who = (
        name,
        1940u16..=2010,
        any::<bool>(),
        prop::sample::select(vec!["Kinh", "Tày", "Mông", "Dao", "Thái"]),
        any::<bool>(),
        prop::sample::select(units),
        0usize..Category::ALL.len(),
        prop::option::of(0usize..CivilGrade::ALL.len()),
    );
    let posts = (
        prop::sample::subsequence(
            vec!["Phó Chủ tịch UBND xã", "Chủ tịch UBND xã", "Công chức Tư pháp - Hộ tịch", "Trưởng Công an xã"],
            0..=2,
        ),
        prop::collection::btree_map(
            (0usize..Committee::ALL.len(), 0usize..GovLevel::ALL.len()),
            prop::sample::select(vec!["", "XXI", "XX", "2020-2025"]),
            0..=3,
        ),
        prop::collection::vec(
            (
                prop::sample::select(vec![
                    "Chủ tịch UBND huyện",
                    "Bí thư Đảng ủy xã",
                    "Phó Chủ tịch HĐND xã (kiêm nhiệm)",
                ]),
                prop::sample::select(vec!["", "2025-2030", "XXI"]),
            ),
            0..=2,
        ),
    );
    let levels = (
        arb_qualification::<Professional>(),
        arb_qualification::<Political>(),
        arb_qualification::<StateManagement>(),
        arb_qualification::<ForeignLanguage>(),
        arb_qualification::<InformationTechnology>(),
        arb_qualification::<DefenceSecurity>(),
    );
    let texts = (
        prop::sample::select(vec!["", "Luật", "Kinh tế nông nghiệp"]),
        prop::sample::select(vec!["", "Tiếng Anh", "Tiếng Trung"]),
        prop::sample::select(vec!["", "Tiếng Mông", "Tiếng Dao"]),
        any::<bool>(),
        note,
        prop::collection::btree_map(
            prop::sample::select(vec!["Nhóm đề án", "Diện", "Khối"]),
            prop::sample::select(vec!["1", "2a", "Diện A"]),
            0..=2,
        ),
    );
    (who, posts, levels, texts).prop_map(
        |(
            (name, year, female, ethnicity, local, unit, cat, grade),
            (titles, seats, planned),
            (professional, political, state_management, foreign_language, it, defence_security),
            (field, language, minority, lao, note, labels),
        )| {
            let mut c = Cadre::blank(String::new(), unit);
            c.full_name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            c.birth_year = year;
            c.gender = if female { Gender::Female } else { Gender::Male };
            c.ethnicity = ethnicity.into();
            c.local = local;
            c.category = Category::ALL[cat];
            c.civil_grade = grade.map(|g| CivilGrade::ALL[g]);
            c.positions = titles
                .into_iter()
                .map(|t| Position { unit_id: c.unit_id.clone(), title: t.into(), leadership: leadership_of(t) })
                .collect();
            c.memberships = seats
                .into_iter()
                .map(|((committee, level), term)| Membership {
                    committee: Committee::ALL[committee],
                    level: GovLevel::ALL[level],
                    term: term.into(),
                })
                .collect();
            // A Ban Thường vụ member sits on the Ban Chấp hành of the same level (the Cấp ủy
            // reading says so of "Ủy viên Ban Thường vụ" alone).
            let standing: Vec<Membership> =
                c.memberships.iter().filter(|m| m.committee == Committee::StandingCommittee).cloned().collect();
            for m in standing {
                if !c.memberships.iter().any(|x| x.committee == Committee::ExecutiveCommittee && x.level == m.level) {
                    c.memberships.insert(0, Membership { committee: Committee::ExecutiveCommittee, ..m });
                }
            }
            let mut seen = HashSet::new();
            c.planned_for = planned
                .into_iter()
                .filter(|(title, _)| seen.insert(*title))
                .map(|(title, term)| PlannedPosition { title: title.into(), term: term.into() })
                .collect();
            c.professional = professional;
            c.political = political;
            c.state_management = state_management;
            c.foreign_language = foreign_language;
            c.it = it;
            c.defence_security = defence_security;
            c.professional_field = field.into();
            c.foreign_language_name = language.into();
            c.minority_language = minority.into();
            c.lao_language = lao;
            c.note = note.into();
            c.labels = labels.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            c
        },
    )
}

proptest! {
    /// Export then import (through CSV text) changes nothing: every row reads back unchanged,
    /// and into an empty roster every cadre comes back field for field (bar the id).
    #[test]
    fn export_then_import_is_unchanged(cadres in prop::collection::vec(arb_cadre(vec!["x1".into(), "x2".into()]), 1..12)) {
        let mut r = roster();
        r.cadres.clear();
        for (i, mut c) in cadres.into_iter().enumerate() {
            c.id = format!("id-{i}");
            c.full_name = format!("{} {i}", c.full_name);
            r.cadres.push(c);
        }
        let order: Vec<&Cadre> = r.cadres.iter().collect();
        let csv = roster_table(&r, &order).to_csv();
        let rows = parse_csv(&csv).unwrap();
        let h = rows[find_header(&rows).unwrap()].clone();
        prop_assert_eq!(find_header(&rows), Some(0));
        let p = run(&r, &h, &rows[1..], &ImportSettings::default(), None);
        prop_assert!(p.errors.is_empty(), "{:?}", p.errors);
        for row in &p.rows {
            if let Outcome::Updated(before) = &row.outcome {
                let mut after = row.cadre.clone();
                after.meta = before.meta.clone();
                prop_assert_eq!(&after, before.as_ref(), "row {} changed", row.row);
            }
        }
        prop_assert_eq!(p.counts(), (0, 0, r.cadres.len()));

        // Into a roster with the units only: all new, equal but for id and meta.
        let empty = Roster { units: r.units.clone(), cadres: vec![] };
        let mut mapping = guess_mapping(&h, &ImportSettings::default());
        mapping[0] = None;
        let req = ImportRequest { header: &h, rows: &rows[1..], first_row: 2, mapping: &mapping, settings: &ImportSettings::default(), default_unit: None, default_category: None, new_units: &[], different_people: &HashSet::new(), now: 1 };
        let p = preview(&empty, &req, &mut ids());
        prop_assert_eq!(p.counts(), (r.cadres.len(), 0, 0));
        for (got, want) in p.rows.iter().zip(&r.cadres) {
            let mut got = got.cadre.clone();
            got.id = want.id.clone();
            got.meta = want.meta.clone();
            prop_assert_eq!(&got, want);
        }
    }
}

#[test]
fn roster_table_writes_labels_and_leaves_chua_blank() {
    let r = roster();
    let order: Vec<&Cadre> = r.cadres.iter().collect();
    let t = roster_table(&r, &order);
    assert_eq!(t.header[0], "Mã cán bộ");
    assert_eq!(t.header.len(), Field::ALL.len() - 1, "every field but nhãn, and no nhãn on this roster");
    let cell = |f: Field| &t.rows[0][t.header.iter().position(|h| h == f.label()).unwrap()];
    assert_eq!(cell(Field::FullName), &Cell::text("Nguyễn Văn An"));
    assert_eq!(cell(Field::Birth), &Cell::Int(1980));
    assert_eq!(cell(Field::Unit), &Cell::text("UBND xã Nậm Ty"));
    assert_eq!(cell(Field::Professional), &Cell::text("Đại học"));
    assert_eq!(cell(Field::Political), &Cell::Empty);
}

/// One cadre with every field filled: the export has a column for each field the import
/// reads, each header is guessed back as its field, and the cadre comes back field for field
/// (through the cells as text, as a sheet edited in Excel gives them).
#[test]
fn every_field_the_import_reads_is_exported_and_read_back() {
    let mut r = roster();
    let c = &mut r.cadres[0];
    c.ethnicity = "Tày".into();
    c.local = true;
    c.gender = Gender::Female;
    c.category = Category::PublicEmployee;
    c.civil_grade = Some(CivilGrade::Principal);
    c.positions =
        vec![Position {
            unit_id: "x1".into(), title: "Phó Chủ tịch UBND xã".into(), leadership: Leadership::Deputy
        }];
    c.memberships = vec![
        Membership { committee: Committee::ExecutiveCommittee, level: GovLevel::Commune, term: "XXI".into() },
        Membership { committee: Committee::PeoplesCouncil, level: GovLevel::District, term: "2021-2026".into() },
    ];
    c.planned_for = vec![
        PlannedPosition { title: "Chủ tịch UBND xã".into(), term: "2025-2030".into() },
        PlannedPosition { title: "Bí thư Đảng ủy xã".into(), term: String::new() },
    ];
    c.professional = Qualification {
        studying: Some(Professional::Master),
        studying_until: Some(2026),
        ..Qualification::at(Professional::Bachelor)
    };
    c.professional_field = "Luật".into();
    c.political = Qualification { studying_until: Some(2027), ..Qualification::studying_only(Political::Advanced) };
    c.state_management = Qualification::at(StateManagement::Specialist);
    c.foreign_language = Qualification::at(ForeignLanguage::ALL[3]);
    c.foreign_language_name = "Tiếng Anh".into();
    c.it = Qualification::at(InformationTechnology::ALL[1]);
    c.defence_security = Qualification::at(DefenceSecurity::ALL[4]);
    c.minority_language = "Tiếng Tày".into();
    c.lao_language = true;
    c.note = "ghi chú".into();
    c.labels = [("Nhóm đề án".to_string(), "2a".to_string())].into();
    let order: Vec<&Cadre> = r.cadres.iter().collect();
    let t = roster_table(&r, &order);

    let mapping = guess_mapping(&t.header, &ImportSettings::default());
    let read: Vec<Field> = mapping.iter().flatten().copied().collect();
    for f in Field::ALL {
        assert!(read.contains(f), "no column is read back as {}: {:?}", f.label(), t.header);
    }
    let row: Vec<String> = t.rows[0].iter().map(Cell::plain).collect();
    let text = |f: Field| row[t.header.iter().position(|h| h == f.label()).unwrap()].clone();
    assert_eq!(text(Field::Planned), "Chủ tịch UBND xã (2025-2030); Bí thư Đảng ủy xã");
    assert_eq!(text(Field::Professional), "Đại học, đang học thạc sĩ (dự kiến 2026)");
    assert_eq!(text(Field::Political), "Đang học Cao cấp (dự kiến 2027)");
    assert_eq!(text(Field::Local), "x");
    assert_eq!(text(Field::LaoLanguage), "x");

    let empty = Roster { units: r.units.clone(), cadres: vec![] };
    let p = run(&empty, &t.header, std::slice::from_ref(&row), &ImportSettings::default(), None);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    // A mã the roster does not hold gives a new person a new id.
    let mut got = p.rows[0].cadre.clone();
    got.id = r.cadres[0].id.clone();
    got.meta = r.cadres[0].meta.clone();
    assert_eq!(got, r.cadres[0]);
}

#[test]
fn planned_titles_keep_their_terms_and_a_bracket_that_is_no_term() {
    assert_eq!(
        read_planned("Chủ tịch UBND huyện (2025-2030);  Phó Bí thư Huyện ủy (XXI) ; Trưởng phòng (kiêm nhiệm)"),
        [
            PlannedPosition { title: "Chủ tịch UBND huyện".into(), term: "2025-2030".into() },
            PlannedPosition { title: "Phó Bí thư Huyện ủy".into(), term: "XXI".into() },
            PlannedPosition { title: "Trưởng phòng (kiêm nhiệm)".into(), term: String::new() },
        ]
    );
    assert!(read_planned(" ; ").is_empty());
    assert_eq!(studying_year("Đại học, đang học thạc sĩ (dự kiến 2026)"), Some(2026));
    assert_eq!(studying_year("Đang học cao cấp, xong năm 2027"), Some(2027));
    assert_eq!(studying_year("Đại học 2005"), None, "a year before the study is not its end");
    assert_eq!(studying_year("đang học thạc sĩ khóa 1999"), None);
    assert_eq!(guess_field("Quy hoạch chức danh"), Some(Field::Planned));
    assert_eq!(guess_field("Tiếng dân tộc thiểu số"), Some(Field::MinorityLanguage));
    assert_eq!(guess_field("Dân tộc"), Some(Field::Ethnicity));
    assert_eq!(guess_field("Ngoại ngữ (tên)"), Some(Field::ForeignLanguageName));
    assert_eq!(guess_field("Ngoại ngữ"), Some(Field::ForeignLanguage));
    assert_eq!(guess_field("Sử dụng được tiếng Lào"), Some(Field::LaoLanguage));
}

#[test]
fn namesakes_in_other_units_are_other_people_and_a_doubtful_pair_is_the_officer_s_call() {
    let r = roster(); // Nguyễn Văn An, 1980, UBND xã Nậm Ty
    let h = s(&["Họ và tên", "Năm sinh", "Giới tính", "Đơn vị"]);
    // Two An of 1980: one stays in Nậm Ty (the roster's), one in Tả Sử Choóng (a namesake).
    let both = vec![
        s(&["Nguyễn Văn An", "1980", "Nam", "UBND xã Tả Sử Choóng"]),
        s(&["Nguyễn Văn An", "1980", "Nam", "UBND xã Nậm Ty"]),
    ];
    let p = run(&r, &h, &both, &ImportSettings::default(), None);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.counts(), (1, 0, 1), "the namesake is new, the roster's An unchanged");
    assert!(p.doubtful.is_empty(), "the roster's An is named exactly by a row: no doubt");
    // Only the Tả Sử Choóng row: a move, or a namesake? Read as the same person by default.
    let moved = vec![both[0].clone()];
    let p = run(&r, &h, &moved, &ImportSettings::default(), None);
    assert_eq!(p.counts(), (0, 1, 0));
    assert_eq!(p.doubtful.len(), 1);
    assert!(p.doubtful[0].same);
    assert_eq!(p.rows[0].cadre.unit_id, "x2");
    // The officer says: a different person.
    let mapping = guess_mapping(&h, &ImportSettings::default());
    let different: HashSet<usize> = [2].into_iter().collect();
    let req = ImportRequest {
        header: &h,
        rows: &moved,
        first_row: 2,
        mapping: &mapping,
        settings: &ImportSettings::default(),
        default_unit: None,
        default_category: Some(Category::Cadre),
        new_units: &[],
        different_people: &different,
        now: 1,
    };
    let p = preview(&r, &req, &mut ids());
    assert_eq!(p.counts(), (1, 0, 0));
    assert!(!p.doubtful[0].same);
    assert_eq!(p.rows[0].cadre.category, Category::Cadre, "the đối tượng chosen for the file");
}

#[test]
fn every_column_an_officer_keeps_has_a_field() {
    let r = roster();
    let h = s(&[
        "STT",
        "Họ và tên",
        "Năm sinh",
        "Giới tính",
        "Người địa phương",
        "Đơn vị",
        "Chức vụ",
        "Cấp ủy",
        "Trình độ chuyên môn",
        "Lý luận chính trị",
        "Nhóm Đề án",
    ]);
    let m = guess_mapping(&h, &ImportSettings::default());
    assert_eq!(m[0], None, "STT is skipped");
    assert_eq!((m[4], m[7], m[10]), (Some(Field::Local), Some(Field::Committee), Some(Field::Label)));
    let rows = vec![s(&[
        "1",
        "đ/c Vàng Thị Mai",
        "1990",
        "Nữ",
        "x",
        "UBND xã Nậm Ty",
        "Bí thư Đảng ủy xã",
        "UVBTV Huyện ủy",
        "Đang học thạc sĩ",
        "Trung cấp, đang học cao cấp",
        "2.2",
    ])];
    let p = run(&r, &h, &rows, &ImportSettings::default(), None);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let c = &p.rows[0].cadre;
    assert_eq!(c.full_name, "Vàng Thị Mai", "the đ/c in front is no part of the name");
    assert!(c.local);
    let seats: Vec<(Committee, GovLevel)> = c.memberships.iter().map(|m| (m.committee, m.level)).collect();
    assert_eq!(
        seats,
        vec![
            (Committee::ExecutiveCommittee, GovLevel::District),
            (Committee::StandingCommittee, GovLevel::District),
            (Committee::ExecutiveCommittee, GovLevel::Commune),
            (Committee::StandingCommittee, GovLevel::Commune),
        ],
        "the Cấp ủy text, and the seat her title gives at her unit's level"
    );
    assert_eq!(c.professional, Qualification::studying_only(Professional::Master));
    assert_eq!((c.political.level, c.political.studying), (Political::Intermediate, Some(Political::Advanced)));
    assert_eq!(c.labels.get("Nhóm Đề án").map(String::as_str), Some("2.2"));
    // The export writes it all back in words the import reads the same way.
    let mut after = p.apply(&r);
    after.cadres.retain(|x| x.id == c.id);
    let order: Vec<&Cadre> = after.cadres.iter().collect();
    let table = roster_table(&after, &order);
    let header: Vec<String> = table.header.clone();
    let back: Vec<Vec<String>> = table.rows.iter().map(|row| row.iter().map(Cell::plain).collect()).collect();
    let p2 = run(&after, &header, &back, &ImportSettings::default(), None);
    assert!(p2.errors.is_empty(), "{:?}", p2.errors);
    assert_eq!(p2.counts(), (0, 0, 1), "{:?}", p2.rows);
}

#[test]
fn dang_hoc_in_a_level_column_is_a_study_with_the_level_held_unknown() {
    use Scale::*;
    assert_eq!(guess_reading(Professional, "Đang học thạc sĩ").as_deref(), Some("?>thac_si"));
    assert_eq!(guess_reading(Professional, "đang học Th.S").as_deref(), Some("?>thac_si"));
    assert_eq!(guess_reading(Professional, "Đại học, đang học ThS").as_deref(), Some("dai_hoc>thac_si"));
    assert_eq!(guess_reading(Professional, "Đại học và đang học đại học").as_deref(), Some("dai_hoc"));
    assert_eq!(guess_reading(Political, "Đang học cao cấp").as_deref(), Some("?>cao_cap"));
    assert_eq!(guess_reading(Political, "Cử nhân").as_deref(), Some("cu_nhan"));
    assert_eq!(guess_reading(Professional, "Đang học gì đó"), None);
    assert_eq!(reading_label(Professional, "?>tien_si"), "Đang học Tiến sĩ (chưa rõ trình độ đã có)");
    assert!(reading_choices(Political).iter().any(|(code, _)| code == "?>cu_nhan"));
    assert_eq!(parse_local("✓"), Some(true));
    assert_eq!(parse_local("x"), Some(true));
    assert_eq!(parse_local("không"), Some(false));
    assert_eq!(parse_local("có lẽ"), None);
}

/// The export of a generated roster (every scale, studies, seats of every committee and level,
/// nhãn-free) reads back unchanged, row for row.
#[test]
fn a_generated_roster_exported_reads_back_unchanged() {
    let r = crate::fixtures::generate_roster(2024, 3000, 30);
    let order: Vec<&Cadre> = r.cadres.iter().collect();
    let t = roster_table(&r, &order);
    let rows: Vec<Vec<String>> = t.rows.iter().map(|row| row.iter().map(Cell::plain).collect()).collect();
    let p = run(&r, &t.header, &rows, &ImportSettings::default(), None);
    assert!(p.errors.is_empty(), "{:?}", &p.errors[..p.errors.len().min(3)]);
    let changed: Vec<String> = p
        .rows
        .iter()
        .filter_map(|row| match &row.outcome {
            Outcome::Updated(before) => {
                let a = serde_json::to_value(before.as_ref()).unwrap();
                let b = serde_json::to_value(&row.cadre).unwrap();
                let keys = a.as_object().unwrap().iter().filter(|(k, v)| *k != "meta" && b.get(k.as_str()) != Some(*v));
                Some(keys.map(|(k, v)| format!("{k}: {v} → {}", b[k.as_str()])).collect::<Vec<_>>().join("; "))
            }
            _ => None,
        })
        .take(3)
        .collect();
    assert!(changed.is_empty(), "{changed:#?}");
    assert_eq!(p.counts(), (0, 0, r.cadres.len()));
}

/// Bad sheets get a message naming row and column, in bounded time, and change nothing.
#[test]
fn bad_sheets_are_named_row_and_column_and_change_nothing() {
    let r = roster();
    // No name column: no preview, the missing field named.
    let h = s(&["STT", "Năm sinh", "Giới tính", "Đơn vị"]);
    let m = guess_mapping(&h, &ImportSettings::default());
    assert_eq!(missing_fields(&m, None, Some(Category::Cadre)), vec![Field::FullName]);
    // Every row invalid: every row named, nothing to apply.
    let h = s(&["Họ và tên", "Năm sinh", "Giới tính", "Đơn vị"]);
    let rows = vec![
        s(&["=HYPERLINK(\"x\")", "1980", "Nam", "UBND xã Nậm Ty"]),
        s(&["Lò Văn Cường", "năm 80", "Nam", "UBND xã Nậm Ty"]),
        s(&["Lò Văn Dũng", "1981", "?", "UBND xã Nậm Ty"]),
    ];
    let p = run(&r, &h, &rows, &ImportSettings::default(), None);
    assert!(p.rows.is_empty());
    let named: Vec<(usize, &str)> = p.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(named, vec![(2, "Họ và tên"), (3, "Năm sinh"), (4, "Giới tính")]);
    assert!(p.errors[0].message.contains("là một công thức"), "{}", p.errors[0]);
    assert_eq!(p.apply(&r), r, "nothing changes");
    // Half a million empty rows around one person: read in one pass, the person found, the
    // empty rows after the last filled one not kept.
    let mut csv = String::from("Họ và tên;Năm sinh;Giới tính;Đơn vị\n");
    csv.push_str(&"\n".repeat(50_000));
    csv.push_str("Vàng Thị Mai;1990;Nữ;UBND xã Nậm Ty\n");
    csv.push_str(&";;;\n".repeat(500_000));
    let rows = parse_csv(&csv).unwrap();
    assert_eq!(rows.len(), 50_002);
    let at = find_header(&rows).unwrap();
    let p = run(&r, &rows[at], &rows[at + 1..], &ImportSettings::default(), None);
    assert_eq!((p.counts(), p.errors.len()), ((1, 0, 0), 0));
    assert_eq!(p.rows[0].row, 50_002, "the row as the sheet numbers it");
}

/// A header of two rows (merged cells) is read as one; the data starts below both.
#[test]
fn a_two_row_header_with_merged_cells_reads_as_one() {
    let rows = vec![
        s(&["DANH SÁCH CÁN BỘ"]),
        s(&["STT", "Họ và tên", "Năm sinh", "Giới tính", "Trình độ", "", ""]),
        s(&["", "", "", "", "Chuyên môn", "LLCT", "QLNN"]),
        s(&["1", "Nguyễn Văn An", "1980", "Nam", "Đại học", "Trung cấp", "CV"]),
    ];
    let at = find_header(&rows).unwrap();
    let (header, data_at) = header_cells(&rows, at);
    assert_eq!((at, data_at), (1, 3));
    let m = guess_mapping(&header, &ImportSettings::default());
    assert_eq!(&m[4..], &[Some(Field::Professional), Some(Field::Political), Some(Field::StateManagement)]);
    // A data row below a one-row header is no part of it.
    let (header, data_at) = header_cells(&rows[2..], 0);
    assert_eq!((header[4].as_str(), data_at), ("Chuyên môn", 1));
}

#[test]
fn leadership_is_read_from_titles_however_abbreviated() {
    assert_eq!(leadership_of("PCT UBND xã Nậm Ty"), Leadership::Deputy);
    assert_eq!(leadership_of("Phó Chủ tịch UBND xã"), Leadership::Deputy);
    assert_eq!(leadership_of("CT UBMTTQ xã"), Leadership::Head);
    assert_eq!(leadership_of("đ/c Bí thư Đoàn xã"), Leadership::Head);
    assert_eq!(leadership_of("Chuyên viên"), Leadership::None);
}
