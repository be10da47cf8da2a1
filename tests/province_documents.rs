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
    assert_eq!(score(&inside, "t_dinh_huong").status, Status::NotScored);

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
