//! Directives as other provinces write them, none of them among the seeds: a district
//! resolution with "đạt chuẩn" targets, an annual plan with class counts and a budget split
//! by funding source, and a review report full of "gần / hơn / trên" result figures. Each is
//! scored over a small roster whose every figure is counted by hand below, at a date inside
//! its period and at one after it (the January review meeting), with the statuses and the
//! sentences asserted.

use std::path::PathBuf;

use dtbd::domain::directive::{describe_target, score_directive, Date, Directive, RosterIndex, Status};
use dtbd::domain::levels::{Political, Professional};
use dtbd::domain::model::{Cadre, Category, Leadership, Position, Unit};
use dtbd::domain::roster::Roster;

fn fixture(file: &str) -> Directive {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/directives").join(file);
    Directive::from_json(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{file}: {:?}", e.iter().map(|x| &x.message).collect::<Vec<_>>()))
}

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn unit(id: &str, name: &str, level: &str, parent: Option<&str>) -> Unit {
    serde_json::from_value(serde_json::json!({
        "id": id, "name": name, "level": level, "kind": "chinh_quyen", "region": "mien_nui", "parent_id": parent
    }))
    .unwrap()
}

/// One person: category, unit, title (cấp trưởng when it names no "Phó"), levels held.
fn person(
    id: &str,
    unit_id: &str,
    category: Category,
    title: &str,
    professional: Professional,
    political: Political,
) -> Cadre {
    let mut c = Cadre::blank(id.into(), unit_id.into());
    c.full_name = format!("Người {id}");
    c.category = category;
    c.professional.level = professional;
    c.political.level = political;
    c.meta.version = 1;
    if !title.is_empty() {
        let leadership = if title.starts_with("Phó") { Leadership::Deputy } else { Leadership::Head };
        c.positions.push(Position { unit_id: unit_id.into(), title: title.into(), leadership });
    }
    c
}

/// Two communes of a district. Who meets what, by hand:
/// - standard (cán bộ: đại học + trung cấp LLCT; công chức: đại học), 9 people:
///   A: Bí thư ✓, Chủ tịch UBND ✓ (thạc sĩ, cao cấp), Phó Chủ tịch UBND ✗ (cao đẳng),
///   Địa chính ✓, Văn phòng ✗ (trung cấp); B: Bí thư ✗ (sơ cấp LLCT), Chủ tịch UBND ✓,
///   Tư pháp ✓, Tài chính ✓ (thạc sĩ) → 6/9.
/// - cán bộ chủ chốt (Bí thư, Chủ tịch UBND), 4 people: above the standard in chuyên môn
///   (thạc sĩ) only A's Chủ tịch → 1/4; trung cấp LLCT or above: all but B's Bí thư → 3/4.
/// - the hợp đồng driver of A is in no group.
fn communes() -> Roster {
    use Category::{Cadre as CanBo, CivilServant as CongChuc, Contract};
    use Political as Pol;
    use Professional as Prof;
    let units = vec![
        unit("h", "Huyện Bảo Thắng", "huyen", None),
        unit("xa-a", "Xã Phong Niên", "xa", Some("h")),
        unit("xa-b", "Xã Xuân Quang", "xa", Some("h")),
    ];
    let cadres = vec![
        person("a1", "xa-a", CanBo, "Bí thư Đảng ủy xã", Prof::Bachelor, Pol::Intermediate),
        person("a2", "xa-a", CanBo, "Chủ tịch UBND xã", Prof::Master, Pol::Advanced),
        person("a3", "xa-a", CanBo, "Phó Chủ tịch UBND xã", Prof::College, Pol::Intermediate),
        person("a4", "xa-a", CongChuc, "", Prof::Bachelor, Pol::Elementary),
        person("a5", "xa-a", CongChuc, "", Prof::Intermediate, Pol::Elementary),
        person("a6", "xa-a", Contract, "", Prof::Intermediate, Pol::None),
        person("b1", "xa-b", CanBo, "Bí thư Đảng ủy xã", Prof::Bachelor, Pol::Elementary),
        person("b2", "xa-b", CanBo, "Chủ tịch UBND xã", Prof::Bachelor, Pol::Intermediate),
        person("b3", "xa-b", CongChuc, "", Prof::Bachelor, Pol::None),
        person("b4", "xa-b", CongChuc, "", Prof::Master, Pol::Elementary),
    ];
    Roster { units, cadres }
}

#[test]
fn a_resolution_with_standards_scores_inside_and_after_its_period() {
    let d = fixture("nq-09-hu-chuan-can-bo-xa.json");
    let roster = communes();
    let idx = RosterIndex::build(&roster);

    let inside = score_directive(&d, &idx, date(2024, 6, 30));
    let score = |s: &dtbd::domain::directive::DirectiveScore, id: &str| {
        s.targets.iter().find(|t| t.target_id == id).unwrap().clone()
    };
    let standard = score(&inside, "t_dat_chuan");
    assert_eq!(standard.value_text(), "6/9 = 66,7%");
    assert_eq!(standard.status, Status::OnTrack, "66,7% is above the straight path to 100% at mid-2024");
    assert_eq!(standard.gap_persons, 3);
    let above = score(&inside, "t_tren_chuan");
    assert_eq!(above.value_text(), "1/4 = 25%");
    assert_eq!(above.status, Status::OnTrack);
    let political = score(&inside, "t_llct");
    assert_eq!(political.value_text(), "3/4 = 75%");
    assert_eq!(score(&inside, "t_dinh_huong").status, Status::Tracked, "a directional target is followed, not judged");

    let after = score_directive(&d, &idx, date(2026, 1, 15));
    let standard = score(&after, "t_dat_chuan");
    assert_eq!(standard.status, Status::Overdue);
    assert_eq!(standard.gap_text(), "còn thiếu 03 đồng chí");
    let above = score(&after, "t_tren_chuan");
    assert_eq!((above.status, above.gap_persons), (Status::Overdue, 1), "30% of 4 needs 2 people, 1 is there");

    let sentence = |id: &str| describe_target(d.target(id).unwrap(), &d);
    assert_eq!(sentence("t_dat_chuan"), "Đến năm 2025, 100% cán bộ, công chức cấp xã đạt chuẩn theo quy định");
    assert_eq!(
        sentence("t_tren_chuan"),
        "Đến năm 2025, ít nhất 30% cán bộ chủ chốt cấp xã đạt trên chuẩn về trình độ chuyên môn theo quy định"
    );
}

#[test]
fn a_review_report_shows_its_figures_as_written_beside_the_roster() {
    use dtbd::domain::directive::reported::{against_roster, reports_text};
    let d = fixture("bc-215-tu-so-ket-nq-08.json");
    let roster = communes();
    let idx = RosterIndex::build(&roster);
    // The review meeting, in the first weeks after the year reported.
    let at = date(2024, 1, 15);
    let scores = score_directive(&d, &idx, at);
    let report = |id: &str| reports_text(d.target(id).unwrap());
    let check = |id: &str| {
        let s = scores.targets.iter().find(|t| t.target_id == id).unwrap();
        against_roster(d.target(id).unwrap(), s, at)
    };
    assert_eq!(report("t_dh"), "Năm 2023: gần 40%");
    assert_eq!(report("t_llct"), "Năm 2023: 141/203, 69,5%, tăng 12,3% so với năm 2020");
    assert_eq!(report("t_cc_dh"), "Năm 2023: trên 70%");
    assert_eq!(report("t_ths"), "Năm 2023: 52 đồng chí, đạt 104% so với mục tiêu");
    assert_eq!(report("t_ts"), "Năm 2023: 03 đồng chí, vượt chỉ tiêu");
    assert_eq!(report("t_lop"), "Năm 2023: 45 lớp");
    // The roster (4 of 4 chủ chốt hold a degree) contradicts "gần 40%": said, not hidden.
    assert_eq!(check("t_dh").as_deref(), Some("Không khớp (năm 2023): theo báo cáo gần 40%, theo danh sách 100%."));
    assert!(check("t_llct").unwrap().contains("tử số theo báo cáo 141, theo danh sách 04"));
    // 7 of 9 (77,8%) is "trên 70%": they agree.
    assert_eq!(check("t_cc_dh"), None);
    // The score itself is the roster's: the share target is met, the reported figure aside.
    let dh = scores.targets.iter().find(|t| t.target_id == "t_dh").unwrap();
    assert_eq!((dh.status, dh.value_text().as_str()), (Status::Met, "4/4 = 100%"));
    // After its period, the same roster still meets the 2025 mark; read in 2030 it is final.
    let later = score_directive(&d, &idx, date(2030, 1, 15));
    assert_eq!(later.targets.iter().find(|t| t.target_id == "t_dh").unwrap().status, Status::Met);
}

/// The annual plan (tests/fixtures/directives/kh-215-ubnd-nam-2024.json) carried out by its
/// course lines (tests/fixtures/plans/ke-hoach-nam-2024-nguon-kinh-phi.json): two degree
/// classes, 120 learners sent, "khoảng 90" completions, 400 person-times online, and a budget
/// split by funding source with a remainder.
#[test]
fn an_annual_plan_scores_its_classes_and_learners_in_its_year_and_at_the_review() {
    use dtbd::domain::fixtures::generate_roster;
    use dtbd::domain::model::RecordMeta;
    use dtbd::domain::training::{
        load_plan_file, score_directive_with_records, Enrollment, EnrollmentStatus, TrainingRecords,
    };
    let d = fixture("kh-215-ubnd-nam-2024.json");
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plans/ke-hoach-nam-2024-nguon-kinh-phi.json");
    let mut plan = load_plan_file(&std::fs::read_to_string(path).unwrap()).unwrap();
    plan.plan.directive_ids = vec![d.id.clone()];
    for (line, targets) in plan.lines.iter_mut().zip([vec!["t_tc_lop", "t_tc_cu"], vec!["t_cvc"], vec!["t_cds"]]) {
        line.targets = targets.into_iter().map(String::from).collect();
    }
    let roster = generate_roster(3, 600, 30);
    let idx = RosterIndex::build(&roster);
    let mut records = TrainingRecords::default();
    records.add_plan_file(&plan);
    let mut enroll = |cadre: usize, line: &str, status: EnrollmentStatus, started: Date, ended: Option<Date>| {
        let n = records.enrollments.len();
        records.enrollments.push(Enrollment {
            id: format!("e{n}"),
            cadre_id: roster.cadres[cadre].id.clone(),
            line_id: line.into(),
            status,
            nominated_on: None,
            started_on: Some(started),
            ended_on: ended,
            quota_part: None,
            out_of_plan: false,
            result: String::new(),
            meta: RecordMeta::at(1, 0),
        });
    };
    // Trung cấp: 60 in the March class (finished in November), 58 in the September class,
    // still studying (it is carried into 2025): 118 sent of 120.
    for i in 0..60 {
        enroll(i, "kh-2024-l1", EnrollmentStatus::Completed, date(2024, 3, 11), Some(date(2024, 11, 29)));
    }
    for i in 60..118 {
        enroll(i, "kh-2024-l1", EnrollmentStatus::Studying, date(2024, 9, 9), None);
    }
    // Chuyên viên chính: 87 completed in October, "khoảng 90" asked.
    for i in 200..287 {
        enroll(i, "kh-2024-l2", EnrollmentStatus::Completed, date(2024, 9, 2), Some(date(2024, 10, 15)));
    }
    // Chuyển đổi số: 250 people in May, 170 of them again in November: 420 person-times.
    for i in 300..550 {
        enroll(i, "kh-2024-l3", EnrollmentStatus::Completed, date(2024, 5, 6), Some(date(2024, 5, 20)));
    }
    for i in 300..470 {
        enroll(i, "kh-2024-l3", EnrollmentStatus::Completed, date(2024, 11, 4), Some(date(2024, 11, 10)));
    }

    let target = |s: &dtbd::domain::directive::DirectiveScore, id: &str| {
        s.targets.iter().find(|t| t.target_id == id).unwrap().clone()
    };
    let mid = score_directive_with_records(&d, &idx, date(2024, 6, 30), &records);
    let classes = target(&mid, "t_tc_lop");
    assert_eq!((classes.status, classes.value_text().as_str()), (Status::OnTrack, "01 lớp trong năm 2024"));
    assert_eq!(target(&mid, "t_cds").value_text(), "250 lượt, đạt 63% so với mục tiêu");

    // The review meeting of January 2025 reads the year 2024, not 2025.
    let review = score_directive_with_records(&d, &idx, date(2025, 1, 15), &records);
    let classes = target(&review, "t_tc_lop");
    assert_eq!((classes.status, classes.value_text().as_str()), (Status::Met, "02 lớp trong năm 2024"));
    let sent = target(&review, "t_tc_cu");
    assert_eq!(sent.status, Status::Overdue);
    assert_eq!(sent.gap_text(), "còn thiếu 02 đồng chí");
    let about = target(&review, "t_cvc");
    assert_eq!((about.status, about.value_text().as_str()), (Status::Met, "87 đồng chí, đạt 97% so với mục tiêu"));
    let online = target(&review, "t_cds");
    assert_eq!((online.status, online.value_text().as_str()), (Status::Met, "420 lượt, vượt chỉ tiêu"));

    let sentence = |id: &str| describe_target(d.target(id).unwrap(), &d);
    assert_eq!(
        sentence("t_tc_lop"),
        "Trong năm 2024, mở ít nhất 02 lớp đào tạo trung cấp lý luận chính trị - hành chính"
    );
    assert_eq!(
        sentence("t_cds"),
        "Trong năm 2024, có ít nhất 400 lượt cán bộ được bồi dưỡng kỹ năng chuyển đổi số cho công chức cấp xã"
    );

    // The budget by funding source adds up with its remainder.
    // The plan's parts and its remainder make its total; the lines' own splits are counted apart.
    use dtbd::domain::training::FundingSource;
    let by_source = records.funding_by_source("kh-2024").unwrap();
    assert_eq!(by_source.plan_total, 4_520_000_000);
    let plan_of = |source: Option<FundingSource>| by_source.rows.iter().find(|r| r.source == source).unwrap().plan;
    assert_eq!(plan_of(Some(FundingSource::Local)), 3_200_000_000);
    assert_eq!(plan_of(None), 200_000_000, "the remainder, còn lại, is unassigned");
    assert_eq!(by_source.rows.iter().map(|r| r.plan).sum::<u64>(), by_source.plan_total);
    // 118 learners on the Trung cấp line at 2.500.000 đồng each.
    assert_eq!(by_source.subsidies, 295_000_000);
}
