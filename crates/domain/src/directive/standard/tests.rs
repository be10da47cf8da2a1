//! A resolution with "đạt chuẩn" targets over a ten-person roster, every figure worked by hand.
//!
//! The standards table here is a test fixture: its rows cite a made-up regulation named as
//! such ("văn bản thử"), so no figure of a real regulation is asserted from memory.

use crate::directive::*;
use crate::levels::*;
use crate::model::*;
use crate::roster::Roster;

/// A resolution whose section holds four targets on one standards table: đạt chuẩn (every
/// scale), trên chuẩn (every scale), trên chuẩn về trình độ chuyên môn, đạt chuẩn về lý luận
/// chính trị kể cả đang học.
const RESOLUTION: &str = r#"{
  "id": "nq-thu",
  "kind": "nghi_quyet",
  "number": "99-NQ/HU",
  "issuer": "HUYỆN ỦY THỬ",
  "title": "về nâng cao chất lượng đội ngũ cán bộ, công chức cấp xã (văn bản thử)",
  "period": {"from": 2021, "to": 2025},
  "groups": [{"id": "g1", "name": "Cán bộ, công chức", "rule": {"rule": "everyone"}}],
  "standards": [{
    "id": "cd-xa",
    "name": "Tiêu chuẩn chức danh cán bộ, công chức cấp xã (văn bản thử)",
    "wording": "tiêu chuẩn chức danh",
    "rows": [
      {"levels": ["xa"], "position": {"any_of": ["Chủ tịch UBND"], "how": "starts_with"},
       "requires": [{"scale": "professional", "level": "dai_hoc"}, {"scale": "political", "level": "trung_cap"}],
       "citation": {"document": "Quy định số 01-QĐ/TU (văn bản thử)", "article": "Điều 3, khoản 1"}},
      {"levels": ["xa"], "position": {"any_of": ["Bí thư Đảng ủy"], "how": "starts_with"},
       "requires": [{"scale": "professional", "level": "dai_hoc"}, {"scale": "political", "level": "trung_cap"}],
       "citation": {"document": "Quy định số 01-QĐ/TU (văn bản thử)", "article": "Điều 3, khoản 2"}},
      {"categories": ["cong_chuc"], "levels": ["xa"],
       "requires": [{"scale": "professional", "level": "trung_cap"}],
       "citation": {"document": "Quy định số 01-QĐ/TU (văn bản thử)", "article": "Điều 4"}}
    ]
  }],
  "sections": [{"id": "s1", "number": "2.", "heading": "Mục tiêu", "items": [{"id": "i1", "number": "-", "targets": [
    {"id": "t1", "sentence": "100% cán bộ, công chức đạt chuẩn theo quy định", "group": "g1",
     "measure": {"kind": "share", "criteria": [{"criterion": "standard", "standard": "cd-xa"}]},
     "milestones": [{"year": 2025, "value": 100}]},
    {"id": "t2", "sentence": "20% trên chuẩn", "group": "g1",
     "measure": {"kind": "share", "criteria": [{"criterion": "standard", "standard": "cd-xa", "above": true}]},
     "milestones": [{"year": 2025, "value": 20}]},
    {"id": "t3", "sentence": "trên chuẩn về chuyên môn", "group": "g1",
     "measure": {"kind": "count", "criteria": [{"criterion": "standard", "standard": "cd-xa", "above": true, "scales": ["professional"]}]},
     "milestones": [{"year": 2025, "value": 3}]},
    {"id": "t4", "sentence": "đạt chuẩn lý luận chính trị", "group": "g1",
     "measure": {"kind": "count", "criteria": [{"criterion": "standard", "standard": "cd-xa", "scales": ["political"], "count_studying": true}]},
     "milestones": [{"year": 2025, "value": 3}]}
  ]}]}]
}"#;

fn resolution() -> Directive {
    Directive::from_json(RESOLUTION).expect("the fixture resolution is valid")
}

fn unit(id: &str, name: &str, level: GovLevel) -> Unit {
    Unit {
        id: id.into(),
        name: name.into(),
        level,
        kind: UnitKind::Government,
        region: Region::Mountain,
        parent_id: None,
        meta: RecordMeta::default(),
    }
}

/// One person: main unit, đối tượng, the post held (if any), chuyên môn and LLCT.
fn person(n: usize, unit: &str, category: Category, post: &str, prof: Professional, pol: Political) -> Cadre {
    let mut c = Cadre::blank(format!("c{n}"), unit.into());
    c.full_name = format!("Người {n}");
    c.category = category;
    if !post.is_empty() {
        c.positions.push(Position { unit_id: unit.into(), title: post.into(), leadership: Leadership::Head });
    }
    c.professional = Qualification::at(prof);
    c.political = Qualification::at(pol);
    c
}

/// Ten people. Who each row covers, and the outcome (đạt / trên chuẩn on every scale):
/// - c1 Chủ tịch UBND xã, đại học, trung cấp: row 1, đạt, not trên.
/// - c2 Chủ tịch UBND xã, thạc sĩ, cao cấp: row 1, đạt and trên (thạc sĩ > đại học, cao cấp > trung cấp).
/// - c3 Bí thư Đảng ủy xã, đại học, sơ cấp LLCT: row 2, not đạt (LLCT).
/// - c4 công chức xã, trung cấp: row 3, đạt, not trên.
/// - c5 công chức xã, cao đẳng: row 3, đạt and trên.
/// - c6 công chức xã, sơ cấp, studying cao đẳng: row 3, not đạt (đạt when a study counts).
/// - c7 không chuyên trách xã, no post: no row.
/// - c8 Chủ tịch Hội Nông dân xã (cán bộ): no row.
/// - c9 Phó Chủ tịch UBND xã (cán bộ): no row ("Chủ tịch UBND" starts row 1's posts only).
/// - c10 Chủ tịch UBND huyện: no row (row 1 is for cấp xã).
fn roster() -> Roster {
    use Category::*;
    use Political as L;
    use Professional as P;
    let mut cadres = vec![
        person(1, "x", Cadre, "Chủ tịch UBND xã", P::Bachelor, L::Intermediate),
        person(2, "x", Cadre, "Chủ tịch UBND xã", P::Master, L::Advanced),
        person(3, "x", Cadre, "Bí thư Đảng ủy xã", P::Bachelor, L::Elementary),
        person(4, "x", CivilServant, "Công chức Tư pháp - Hộ tịch", P::Intermediate, L::None),
        person(5, "x", CivilServant, "Công chức Văn phòng - Thống kê", P::College, L::None),
        person(6, "x", CivilServant, "Công chức Địa chính - Xây dựng", P::Elementary, L::None),
        person(7, "x", PartTime, "", P::Intermediate, L::None),
        person(8, "x", Cadre, "Chủ tịch Hội Nông dân xã", P::Bachelor, L::Intermediate),
        person(9, "x", Cadre, "Phó Chủ tịch UBND xã", P::Bachelor, L::Intermediate),
        person(10, "h", Cadre, "Chủ tịch UBND huyện", P::Master, L::Advanced),
    ];
    cadres[5].professional.studying = Some(P::College);
    cadres[1].political.studying = None;
    Roster {
        units: vec![unit("h", "UBND huyện Thử", GovLevel::District), unit("x", "UBND xã Thử", GovLevel::Commune)],
        cadres,
    }
}

fn score(d: &Directive, r: &Roster) -> DirectiveScore {
    let idx = RosterIndex::build(r);
    score_directive(d, &idx, Date::new(2024, 6, 30).unwrap())
}

#[test]
fn the_table_loads_and_every_row_cites_its_regulation() {
    let d = resolution();
    let table = d.standard("cd-xa").expect("the table travels inside the directive");
    assert_eq!(table.rows.len(), 3);
    assert!(table.rows.iter().all(|r| !r.citation.document.trim().is_empty() && !r.requires.is_empty()));
    assert_eq!(table.rows[0].citation.text(), "Điều 3, khoản 1 Quy định số 01-QĐ/TU (văn bản thử)");
    assert_eq!(table.rows[2].requires[0].label(), "Trình độ chuyên môn: Trung cấp");
    // What was read is what is written: the table survives a save and a reload.
    assert_eq!(Directive::from_json(&d.to_json()).unwrap(), d);
    // A directive without a table writes no "standards" key (old readers see nothing new).
    let mut bare = d.clone();
    bare.standards.clear();
    assert!(!bare.to_json().contains("\"standards\""));
}

#[test]
fn a_mistyped_key_in_a_row_is_refused_not_ignored() {
    let typo = RESOLUTION
        .replace("\"requires\": [{\"scale\": \"professional\", \"level\": \"trung_cap\"}]", "\"require\": []");
    let e = Directive::from_json(&typo).unwrap_err();
    assert!(e[0].message.contains("`require`"), "{}", e[0].message);
}

#[test]
fn met_above_and_no_applicable_row_counted_by_hand() {
    let d = resolution();
    let s = score(&d, &roster());
    let t1 = s.target("t1").unwrap();
    assert_eq!(t1.value, Some(Value { numerator: 4, denominator: 10 }), "c1, c2, c4, c5 meet");
    assert_eq!(t1.without_standard, Some(4), "c7, c8, c9, c10 have no applicable row");
    assert_eq!(
        t1.standard_note(),
        "04 đồng chí chưa có tiêu chuẩn áp dụng trong bảng tiêu chuẩn (không tính là đạt chuẩn)."
    );
    let t2 = s.target("t2").unwrap();
    assert_eq!(t2.value, Some(Value { numerator: 2, denominator: 10 }), "c2 and c5 are above");
    assert_eq!(t2.status, Status::Met, "20% of 10 is 2");
    let t3 = s.target("t3").unwrap();
    assert_eq!(t3.measured, Some(2.0), "thạc sĩ over đại học (c2), cao đẳng over trung cấp (c5)");
    let t4 = s.target("t4").unwrap();
    assert_eq!(t4.measured, Some(2.0), "rows 1-2 require LLCT: c1 and c2 meet, c3 does not");
    assert_eq!(t4.without_standard, Some(7), "rows 1-2 cover c1-c3 only");
    // A target with no standard criterion says nothing of standards.
    let mut plain = d.clone();
    plain.standards.clear();
    let level = Criterion::Level { scale: Scale::Professional, level: "dai_hoc".into(), count_studying: false };
    plain.sections[0].items[0].targets.truncate(1);
    plain.sections[0].items[0].targets[0].measure = Measure::Share { criteria: vec![level] };
    assert_eq!(score(&plain, &roster()).target("t1").unwrap().without_standard, None);
    assert_eq!(score(&plain, &roster()).target("t1").unwrap().standard_note(), "");
}

#[test]
fn a_study_counts_only_when_asked() {
    let mut d = resolution();
    let crit = |count_studying| Criterion::Standard {
        standard: "cd-xa".into(),
        above: false,
        scales: Vec::new(),
        count_studying,
        planned: false,
    };
    d.sections[0].items[0].targets[0].measure = Measure::Share { criteria: vec![crit(true)] };
    assert_eq!(score(&d, &roster()).target("t1").unwrap().value.unwrap().numerator, 5, "c6 studies cao đẳng");
    d.sections[0].items[0].targets[0].measure = Measure::Share { criteria: vec![crit(false)] };
    assert_eq!(score(&d, &roster()).target("t1").unwrap().value.unwrap().numerator, 4);
}

#[test]
fn a_person_covered_by_two_rows_meets_both_or_neither_counts() {
    // c5 (công chức, cao đẳng: row 3 met) also becomes Chủ tịch UBND xã (row 1: đại học, trung
    // cấp LLCT): holding both posts, c5 no longer meets.
    let mut r = roster();
    r.cadres[4].positions.push(Position {
        unit_id: "x".into(),
        title: "Chủ tịch UBND xã".into(),
        leadership: Leadership::Head,
    });
    let t1 = score(&resolution(), &r).target("t1").unwrap().clone();
    assert_eq!(t1.value.unwrap().numerator, 3);
    assert_eq!(t1.without_standard, Some(4));
}

#[test]
fn by_planned_title_rows_compare_the_titles_a_person_is_planned_for() {
    // c4 (công chức, trung cấp) is planned for Chủ tịch UBND xã: by the planned title, row 1
    // applies (đại học needed) on top of row 3, so c4 fails; c5 meets row 3; c6 fails it. The
    // post-holders of rows 1-2 (c1-c3) are planned for nothing: no row by title for them.
    let mut r = roster();
    r.cadres[3].planned_for.push(PlannedPosition { title: "Chủ tịch UBND xã".into(), term: "2025-2030".into() });
    let mut d = resolution();
    d.sections[0].items[0].targets[0].measure = Measure::Share {
        criteria: vec![Criterion::Standard {
            standard: "cd-xa".into(),
            above: false,
            scales: Vec::new(),
            count_studying: false,
            planned: true,
        }],
    };
    let t1 = score(&d, &r).target("t1").unwrap().clone();
    assert_eq!(t1.value.unwrap().numerator, 1);
    assert_eq!(t1.without_standard, Some(7));
}

#[test]
fn sentences_in_the_documents_wording() {
    let d = resolution();
    let t = |id: &str| describe_target(d.target(id).unwrap(), &d);
    assert!(t("t1").contains("đạt chuẩn theo tiêu chuẩn chức danh"), "{}", t("t1"));
    assert!(t("t3").contains("trên chuẩn về trình độ chuyên môn theo tiêu chuẩn chức danh"), "{}", t("t3"));
    assert!(
        t("t4").contains("đạt chuẩn về lý luận chính trị theo tiêu chuẩn chức danh (kể cả đang học)"),
        "{}",
        t("t4")
    );
    let mut unnamed = d.clone();
    unnamed.standards[0].wording.clear();
    assert!(describe_target(unnamed.target("t1").unwrap(), &unnamed).contains("đạt chuẩn theo quy định"));
    let both = Criterion::Standard {
        standard: "cd-xa".into(),
        above: true,
        scales: vec![Scale::Professional, Scale::Political],
        count_studying: false,
        planned: false,
    };
    assert_eq!(both.label(), "Trên chuẩn về trình độ chuyên môn, lý luận chính trị");
}

#[test]
fn validation_names_what_is_wrong_in_vietnamese() {
    let mut d = resolution();
    d.sections[0].items[0].targets[0].measure = Measure::Share {
        criteria: vec![Criterion::Standard {
            standard: "khong-co".into(),
            above: false,
            scales: Vec::new(),
            count_studying: false,
            planned: false,
        }],
    };
    let errors = d.validate();
    let e = errors.iter().find(|e| e.field.ends_with("criteria[0].standard")).expect("the missing table is refused");
    assert!(e.message.contains("bảng tiêu chuẩn \"khong-co\" không có trong văn bản"), "{}", e.message);

    let mut d = resolution();
    d.standards[0].rows[1].citation.document = " ".into();
    d.standards[0].rows[2].requires[0].level = "tien_sy".into();
    d.standards[0].rows[0].requires.push(Requirement { scale: Scale::Professional, level: "thac_si".into() });
    d.standards.push(Standard { id: "cd-xa".into(), name: String::new(), wording: String::new(), rows: Vec::new() });
    let messages: Vec<String> = d.validate().into_iter().map(|e| format!("{}: {}", e.field, e.message)).collect();
    let has = |field: &str, words: &str| messages.iter().any(|m| m.starts_with(field) && m.contains(words));
    assert!(has("standards[0].rows[1].citation.document", "dòng 2: chưa ghi căn cứ"), "{messages:?}");
    assert!(
        has("standards[0].rows[2].requires[0].level", "trình độ \"tien_sy\" không có trên thang Trình độ chuyên môn"),
        "{messages:?}"
    );
    assert!(
        has("standards[0].rows[0].requires[2].scale", "thang Trình độ chuyên môn được yêu cầu hai lần"),
        "{messages:?}"
    );
    assert!(has("standards[1].id", "mã \"cd-xa\" bị trùng"), "{messages:?}");
    assert!(has("standards[1].name", "Bảng tiêu chuẩn thứ 2: chưa có tên"), "{messages:?}");
    assert!(has("standards[1].rows", "chưa có dòng tiêu chuẩn nào"), "{messages:?}");
}

#[test]
fn the_criterion_row_of_the_target_form_round_trips() {
    let d = resolution();
    let t = d.target("t3").unwrap();
    let draft = TargetDraft::from_target(t);
    assert_eq!(draft.criteria[0].kind, CriterionKind::Standard);
    assert_eq!(draft.criteria[0].scales, vec![Scale::Professional]);
    assert!(draft.criteria[0].above);
    let built = draft.build(&d).expect("an unchanged form builds");
    assert_eq!(built.measure, t.measure);

    let mut empty = draft.clone();
    empty.criteria[0].standard.clear();
    let e = empty.build(&d).unwrap_err();
    assert!(e.iter().any(|e| e.message.contains("chưa chọn bảng tiêu chuẩn")), "{e:?}");
}

#[test]
fn each_target_scores_alone_as_beside_the_others() {
    // Standard criteria are cached per scoring pass: four targets on one table must give the
    // figures each gives scored alone (a cache keyed too loosely would mix them).
    let mut d = resolution();
    let mut by_plan = d.target("t1").unwrap().clone();
    by_plan.id = "t5".into();
    by_plan.measure = Measure::Share {
        criteria: vec![Criterion::Standard {
            standard: "cd-xa".into(),
            above: false,
            scales: Vec::new(),
            count_studying: false,
            planned: true,
        }],
    };
    d.sections[0].items[0].targets.push(by_plan);
    let mut r = roster();
    r.cadres[3].planned_for.push(PlannedPosition { title: "Chủ tịch UBND xã".into(), term: String::new() });
    let all = score(&d, &r);
    assert_ne!(all.target("t1").unwrap().value, all.target("t5").unwrap().value, "by post and by plan differ");
    for t in d.targets() {
        let mut alone = d.clone();
        alone.sections[0].items[0].targets.retain(|x| x.id == t.id);
        let one = score(&alone, &r);
        assert_eq!(one.target(&t.id), all.target(&t.id));
    }
}

#[test]
fn the_table_form_round_trips_and_names_the_field_at_fault() {
    let d = resolution();
    let table = d.standard("cd-xa").unwrap();
    let form = StandardDraft::from_standard(table);
    assert_eq!(form.rows[0].positions, "Chủ tịch UBND");
    assert_eq!(form.rows[0].requires[1], "trung_cap", "political is the second scale");
    assert_eq!(form.build(&d, Some("cd-xa")).as_ref(), Ok(table), "an unchanged form gives the table back");

    let mut bad = form.clone();
    bad.name = " ".into();
    bad.rows[2].document.clear();
    bad.rows[1].requires = Default::default();
    let e = bad.build(&d, Some("cd-xa")).unwrap_err();
    let at = |key: &str| e.iter().find(|x| x.field == key).map(|x| x.message.clone()).unwrap_or_default();
    assert!(at("name").contains("chưa có tên"), "{e:?}");
    assert!(at("rows.2.document").contains("dòng 3: chưa ghi căn cứ"), "{e:?}");
    assert!(at("rows.1.requires").contains("dòng 2: chưa có yêu cầu trình độ nào"), "{e:?}");

    // A new table gets a fresh id and stands after the others.
    let new = StandardDraft { name: "Tiêu chuẩn ngạch".into(), ..form };
    let built = new.build(&d, None).unwrap();
    assert_eq!(built.id, "bt1");
    let mut d2 = d.clone();
    d2.put_standard(built.clone());
    assert_eq!(d2.standards.len(), 2);
    assert!(StandardDraft::blank().build(&d2, None).is_err(), "an empty row cites nothing");
}

#[test]
fn a_table_in_use_is_not_deleted() {
    let mut d = resolution();
    let e = d.delete_standard("cd-xa").unwrap_err();
    assert!(e.starts_with("Không xóa được bảng “Tiêu chuẩn chức danh cán bộ, công chức cấp xã (văn bản thử)”: đang được dùng bởi chỉ tiêu “100% cán bộ"), "{e}");
    assert_eq!(d.standards.len(), 1);
    for item in &mut d.sections[0].items {
        item.targets.clear();
    }
    assert_eq!(d.delete_standard("cd-xa").unwrap().id, "cd-xa");
    assert!(d.standards.is_empty());
}
