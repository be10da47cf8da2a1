//! Unit and property tests of the directive engine, with figures worked by hand from seed 002
//! (Hoàng Su Phì) and seed 004 (Quảng Nam).

use serde_json::json;

use super::*;
use crate::levels::*;
use crate::model::*;
use crate::roster::Roster;

const T002: &str = include_str!("../../../../public/templates/002-hoang-su-phi-02-da-hu.json");

fn unit(id: &str, name: &str, level: GovLevel, kind: UnitKind, parent: Option<&str>) -> Unit {
    Unit {
        id: id.into(),
        name: name.into(),
        level,
        kind,
        region: Region::Mountain,
        parent_id: parent.map(Into::into),
        meta: RecordMeta::default(),
    }
}

fn units() -> Vec<Unit> {
    vec![
        unit("h", "UBND huyện Hoàng Su Phì", GovLevel::District, UnitKind::Government, None),
        unit("hu", "Huyện ủy Hoàng Su Phì", GovLevel::District, UnitKind::Party, Some("h")),
        unit("p", "Phòng Nội vụ", GovLevel::District, UnitKind::Government, Some("h")),
        unit("nd", "Chi cục Thuế", GovLevel::District, UnitKind::Vertical, Some("h")),
        unit("x", "UBND xã Nậm Ty", GovLevel::Commune, UnitKind::Government, Some("h")),
    ]
}

fn cadre(n: usize, unit: &str) -> Cadre {
    let mut c = Cadre::blank(format!("c{n}"), unit.into());
    c.full_name = format!("Cán bộ {n}");
    c
}

fn bch(c: &mut Cadre) {
    c.memberships.push(Membership {
        committee: Committee::ExecutiveCommittee,
        level: GovLevel::District,
        term: "XXI".into(),
    });
}

/// Seed 002, group 1.1: 42 members of the district committee; Tiến sĩ 01, Thạc sĩ and
/// studying for it 13 (10 + 3), Đại học 28.
fn roster_11() -> Roster {
    let mut cadres = Vec::new();
    for n in 0..42 {
        let mut c = cadre(n, "hu");
        bch(&mut c);
        c.birth_year = 1970 + (n as u16 % 20);
        c.professional = match n {
            0 => Qualification::at(Professional::Doctor),
            1..=10 => Qualification::at(Professional::Master),
            11..=13 => Qualification {
                level: Professional::Bachelor,
                studying: Some(Professional::Master),
                studying_until: Some(2023),
                level_unknown: false,
            },
            _ => Qualification::at(Professional::Bachelor),
        };
        c.political = Qualification::at(if n < 33 { Political::Advanced } else { Political::Intermediate });
        cadres.push(c);
    }
    Roster { units: units(), cadres }
}

fn d002() -> Directive {
    Directive::from_json(T002).expect("template 002 is valid")
}

fn at(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

#[test]
fn seed_002_group_1_1_master_share() {
    let r = roster_11();
    let idx = RosterIndex::build(&r);
    let d = d002();
    let s = score_directive(&d, &idx, at(2021, 2, 3));
    assert_eq!(s.groups.iter().find(|g| g.group_id == "g11").unwrap().members, 42);
    let t = s.target("t_a_bch_ths").unwrap();
    assert_eq!(t.value, Some(Value { numerator: 14, denominator: 42 }));
    assert_eq!(t.value_text(), "14/42 = 33,3%");
    assert_eq!(t.target, Some(50.0));
    assert_eq!(t.increase, Some(17.0));
    assert_eq!(t.baseline, Some(33.3));
    assert_eq!(t.required, Some(21));
    assert_eq!(t.gap_persons, 7);
    assert_eq!(t.years_left, 5);
    assert_eq!(t.per_year, 2);
    assert_eq!(t.gap_text(), "cần thêm 07 đồng chí, 2 người/năm");
    // On the directive's date the value (33,33%) is on the path's start (33,3%).
    assert_eq!(t.status, Status::OnTrack);
    // Mid-term with nobody sent: below the straight path.
    let mid = score_directive(&d, &idx, at(2023, 6, 30));
    let t = mid.target("t_a_bch_ths").unwrap();
    assert!(t.expected_now.unwrap() > 40.0 && t.expected_now.unwrap() < 43.0, "{:?}", t.expected_now);
    assert_eq!(t.status, Status::Behind);
    assert_eq!((t.years_left, t.per_year), (3, 3));
    // After the deadline: quá hạn.
    let late = score_directive(&d, &idx, at(2026, 1, 1));
    assert_eq!(late.target("t_a_bch_ths").unwrap().status, Status::Overdue);
    assert_eq!(late.target("t_a_bch_ths").unwrap().gap_text(), "còn thiếu 07 đồng chí");
    // Cao cấp LLCT: 33/42 = 78,6% against 100%.
    let cc = s.target("t_a_bch_cc").unwrap();
    assert_eq!(cc.value_text(), "33/42 = 78,6%");
    assert_eq!(cc.gap_persons, 9);
}

#[test]
fn seed_002_seven_more_masters_meet_the_target() {
    let mut r = roster_11();
    for c in r.cadres.iter_mut().skip(14).take(7) {
        c.professional.studying = Some(Professional::Master);
    }
    let idx = RosterIndex::build(&r);
    let s = score_directive(&d002(), &idx, at(2022, 1, 1));
    let t = s.target("t_a_bch_ths").unwrap();
    assert_eq!(t.value_text(), "21/42 = 50%");
    assert_eq!(t.status, Status::Met);
    assert_eq!(t.gap_persons, 0);
    assert_eq!(t.gap_text(), "");
}

#[test]
fn seed_002_exclusion_of_committee_members() {
    // Heads of district offices: two are committee members and leave the target group.
    let mut r = Roster { units: units(), cadres: Vec::new() };
    for n in 0..5 {
        let mut c = cadre(n, "p");
        c.positions.push(Position {
            unit_id: "p".into(),
            title: "Phó Trưởng phòng".into(),
            leadership: Leadership::Deputy,
        });
        if n < 2 {
            bch(&mut c);
        }
        r.cadres.push(c);
    }
    let mut v = cadre(9, "nd");
    v.positions
        .push(Position { unit_id: "nd".into(), title: "Chi cục trưởng".into(), leadership: Leadership::Head });
    r.cadres.push(v);
    let idx = RosterIndex::build(&r);
    let s = score_directive(&d002(), &idx, at(2021, 6, 1));
    let g = |id: &str| s.groups.iter().find(|g| g.group_id == id).unwrap().members;
    assert_eq!(g("g13"), 5, "ngành dọc excluded");
    assert_eq!(g("g13_t"), 3, "Ủy viên BCH excluded");
    let (yes, no) = score::target_members(&d002(), &idx, "t_a_ld_dh", at(2021, 6, 1)).unwrap();
    assert_eq!(yes.len() + no.len(), 3);
}

/// A directive with one group and the given targets, built as data (as the editor would).
fn directive(group_rule: serde_json::Value, targets: serde_json::Value) -> Directive {
    let d = json!({
        "id": "d", "kind": "de_an", "issuer": "UBND TỈNH", "title": "Thử", "date": "2024-09-27",
        "groups": [{"id": "g", "name": "Nhóm", "rule": group_rule}],
        "sections": [{"id": "s", "number": "1.", "heading": "Mục tiêu", "items": [{"id": "i", "text": "", "targets": targets}]}]
    });
    Directive::from_json(&d.to_string()).unwrap_or_else(|e| panic!("{e:#?}"))
}

fn share_target(id: &str, level: &str, year: u16, value: f64, cmp: &str) -> serde_json::Value {
    json!({"id": id, "sentence": id, "group": "g", "measure": {"kind": "share", "criteria": [{"criterion": "level", "scale": "professional", "level": level}]},
           "milestones": [{"year": year, "comparator": cmp, "value": value}]})
}

/// Seed 004, Table 3: 2.262 leaders (Phó trưởng phòng and above), 857 postgraduate.
fn roster_004() -> Roster {
    let u = vec![unit("t", "Sở Nội vụ", GovLevel::Province, UnitKind::Government, None)];
    let cadres = (0..2262)
        .map(|n| {
            let mut c = cadre(n, "t");
            c.positions.push(Position {
                unit_id: "t".into(),
                title: "Phó Trưởng phòng".into(),
                leadership: Leadership::Deputy,
            });
            c.professional = Qualification::at(match n {
                0..=50 => Professional::Doctor,
                51..=856 => Professional::Master,
                _ => Professional::Bachelor,
            });
            c
        })
        .collect();
    Roster { units: u, cadres }
}

#[test]
fn seed_004_table_3_postgraduate_share_to_2030() {
    let r = roster_004();
    let idx = RosterIndex::build(&r);
    let mut t = share_target("sdh", "thac_si", 2030, 40.0, "at_least");
    t["baseline"] = json!({"value": 37.9, "year": 2024, "numerator": 857, "denominator": 2262});
    let d = directive(json!({"rule": "position", "leadership": "pho"}), json!([t]));
    let s = score_directive(&d, &idx, at(2024, 9, 27));
    let t = s.target("sdh").unwrap();
    assert_eq!(t.value_text(), "857/2.262 = 37,9%");
    assert_eq!(t.required, Some(905));
    assert_eq!(t.gap_persons, 48);
    assert_eq!(t.years_left, 7);
    assert_eq!(t.per_year, 7);
    assert_eq!(t.status, Status::Behind, "37,89% is just below the stated 37,9% start");
    // Strictly above 40%: floor(904,8) + 1 = 905 as well; about 40%: ceil(0,95 × 904,8) = 860.
    let d = directive(
        json!({"rule": "everyone"}),
        json!([
            share_target("tren", "thac_si", 2030, 40.0, "above"),
            share_target("khoang", "thac_si", 2030, 40.0, "about")
        ]),
    );
    let s = score_directive(&d, &idx, at(2025, 1, 1));
    assert_eq!(s.target("tren").unwrap().gap_persons, 48);
    assert_eq!(s.target("khoang").unwrap().gap_persons, 3);
}

#[test]
fn comparators_on_seed_002_figures() {
    let idx_r = roster_11();
    let idx = RosterIndex::build(&idx_r);
    // 50% of 42 = 21: at least → 21 (gap 7); strictly above → 22 (gap 8); about → 20 (gap 6).
    let mk = |cmp: &str| share_target(cmp, "thac_si", 2025, 50.0, cmp);
    let mut targets = vec![mk("at_least"), mk("above"), mk("about"), mk("maintain")];
    for t in &mut targets {
        t["measure"]["criteria"][0]["count_studying"] = json!(true);
    }
    let d = directive(json!({"rule": "membership", "committee": "bch", "level": "huyen"}), json!(targets));
    let s = score_directive(&d, &idx, at(2024, 1, 1));
    let gaps: Vec<u32> =
        ["at_least", "above", "about", "maintain"].iter().map(|i| s.target(i).unwrap().gap_persons).collect();
    assert_eq!(gaps, vec![7, 8, 6, 7]);
    assert_eq!(score::required_for_share(50.0, 42, Comparator::Above), 22);
    assert_eq!(score::required_for_share(40.0, 2262, Comparator::AtLeast), 905);
}

#[test]
fn ranges_counts_per_unit_and_deadlines() {
    let mut r = roster_11();
    // Two offices under the district: p has 3 masters, x has 1.
    for (n, u) in [(100, "p"), (101, "p"), (102, "p"), (103, "x")] {
        let mut c = cadre(n, u);
        c.professional = Qualification::at(Professional::Master);
        r.cadres.push(c);
    }
    let idx = RosterIndex::build(&r);
    let d = directive(
        json!({"rule": "everyone"}),
        json!([
            // Range 20-25%: met at the lower end. 15 of 46 hold thạc sĩ+ (32,6%).
            {"id": "range", "sentence": "20-25%", "group": "g", "measure": {"kind": "share", "criteria": [{"criterion": "level", "scale": "professional", "level": "thac_si"}]},
             "milestones": [{"year": 2025, "value": 20, "upper": 25}]},
            // Count of persons: 20 masters wanted, 15 held.
            {"id": "count", "sentence": "20 thạc sĩ", "group": "g", "measure": {"kind": "count", "criteria": [{"criterion": "level", "scale": "professional", "level": "thac_si"}]},
             "milestones": [{"year": 2025, "value": 20}]},
            // Per unit 03 - 05 in each unit named "Phòng ..." or "UBND xã ...".
            {"id": "unit", "sentence": "mỗi đơn vị 03 - 05", "group": "g",
             "measure": {"kind": "per_unit", "units": {"name": {"any_of": ["Phòng", "UBND xã"], "how": "starts_with"}}, "criteria": [{"criterion": "level", "scale": "professional", "level": "thac_si"}]},
             "milestones": [{"year": 2025, "value": 3, "upper": 5}]},
            // Two deadlines and a maintain.
            {"id": "two", "sentence": "2026 và 2030", "group": "g", "measure": {"kind": "share", "criteria": [{"criterion": "level", "scale": "professional", "level": "thac_si"}]},
             "milestones": [{"year": 2026, "value": 30}, {"year": 2030, "value": 60}]},
            {"id": "keep", "sentence": "duy trì", "group": "g", "measure": {"kind": "share", "criteria": [{"criterion": "level", "scale": "professional", "level": "dai_hoc"}]},
             "milestones": [{"year": 2030, "comparator": "maintain", "value": 100}]},
            // Relative: "tăng 10% so với hiện nay" from a stated 30%.
            {"id": "rel", "sentence": "tăng 10%", "group": "g", "measure": {"kind": "share", "criteria": [{"criterion": "level", "scale": "professional", "level": "thac_si"}]},
             "baseline": {"value": 30.0, "year": 2024}, "milestones": [{"year": 2026, "increase": 10}]},
            {"id": "dir", "sentence": "định hướng", "measure": {"kind": "directional"}},
            {"id": "yearly", "sentence": "hàng năm 60%", "group": "g", "measure": {"kind": "trained", "training": "Bồi dưỡng", "window": {"every": "year"}},
             "milestones": [{"year": 2025, "value": 60}]},
            {"id": "quota", "sentence": "200 thạc sĩ", "measure": {"kind": "completions", "training": "Thạc sĩ"}, "milestones": [{"year": 2025, "value": 200}]},
            {"id": "events", "sentence": "02 đoàn", "measure": {"kind": "events", "event": "delegation"}, "milestones": [{"year": 2025, "value": 2}]},
            {"id": "periodic", "sentence": "1 lần trong 2 năm", "group": "g", "measure": {"kind": "trained", "training": "Bồi dưỡng", "window": {"every": "years", "years": 2}},
             "milestones": [{"year": 2025, "value": 100}]},
            {"id": "term", "sentence": "một lần trong nhiệm kỳ", "group": "g", "measure": {"kind": "trained", "training": "Bồi dưỡng", "window": {"every": "term"}},
             "milestones": [{"year": 2025, "value": 100}]}
        ]),
    );
    let s = score_directive(&d, &idx, at(2025, 3, 1));
    let get = |id: &str| s.target(id).unwrap();
    assert_eq!(get("range").value_text(), "15/46 = 32,6%");
    assert_eq!(get("range").status, Status::Met);
    assert_eq!(get("count").value_text(), "15 đồng chí");
    assert_eq!(get("count").gap_persons, 5);
    let u = get("unit");
    assert_eq!(u.per_unit.len(), 2);
    assert_eq!(u.value_text(), "1/2 đơn vị đạt");
    assert_eq!(u.gap_persons, 2, "UBND xã has 1 of 3");
    assert_ne!(u.status, Status::Met);
    // Before 2026 the first milestone applies; after it, the second.
    assert_eq!(get("two").target, Some(30.0));
    assert_eq!(get("two").status, Status::Met);
    let later = score_directive(&d, &idx, at(2027, 1, 1));
    assert_eq!(later.target("two").unwrap().target, Some(60.0));
    assert_eq!(later.target("two").unwrap().deadline, Some(2030));
    assert_eq!(get("keep").status, Status::Met);
    assert_eq!(get("rel").target, Some(40.0));
    assert_eq!(get("rel").baseline, Some(30.0));
    assert_eq!(get("dir").status, Status::Tracked, "a directional target has no figure to judge");
    for id in ["yearly", "quota", "events", "periodic", "term"] {
        assert_eq!(get(id).status, Status::NotScored, "{id}");
        assert_eq!(get(id).value, None, "{id}: no fake number");
        assert_eq!(get(id).value_text(), "chưa có dữ liệu");
    }
}

#[test]
fn empty_group_is_not_scored() {
    let r = Roster { units: units(), cadres: vec![] };
    let idx = RosterIndex::build(&r);
    let d = directive(json!({"rule": "everyone"}), json!([share_target("a", "thac_si", 2025, 50.0, "at_least")]));
    let t = score_directive(&d, &idx, at(2024, 1, 1)).targets.remove(0);
    assert_eq!(t.status, Status::NotScored);
    assert!(t.reason.unwrap().contains("chưa có ai"));
}

/// An indicator the document lists without a figure to reach is followed ("chỉ theo dõi"): its
/// value is measured and shown, nothing is judged, and it is not counted among the targets the
/// app could not score, which lack something the document does give.
#[test]
fn an_indicator_without_a_figure_is_followed_not_unscorable() {
    let r = roster_11();
    let idx = RosterIndex::build(&r);
    let mut followed = share_target("followed", "dai_hoc", 2025, 50.0, "at_least");
    followed["milestones"] = json!([]);
    let d = directive(
        json!({"rule": "everyone"}),
        json!([followed, share_target("goal", "dai_hoc", 2025, 50.0, "at_least")]),
    );
    let s = score_directive(&d, &idx, at(2024, 1, 1));
    let followed = s.target("followed").unwrap();
    assert_eq!(followed.status, Status::Tracked);
    assert!(followed.value.is_some() && followed.measured.is_some(), "the figure is still measured");
    assert_eq!((followed.gap_persons, followed.gap_text().as_str()), (0, ""));
    assert!(!followed.status.is_judged());
    assert!(s.target("goal").unwrap().status.is_judged());

    let empty = Roster { units: units(), cadres: vec![] };
    let nobody = score_directive(&d, &RosterIndex::build(&empty), at(2024, 1, 1));
    assert_eq!(nobody.target("goal").unwrap().status, Status::NotScored, "a figure it cannot measure");
    assert_eq!(Status::Tracked.label(), "Chỉ theo dõi");
    assert_ne!(Status::Tracked.label(), Status::NotScored.label());
}

#[test]
fn vietnamese_formatting() {
    assert_eq!(format_percent(100.0 / 3.0), "33,3%");
    assert_eq!(format_share(28, 42), "28/42 = 66,7%");
    assert_eq!(format_share(1, 42), "1/42 = 2,4%");
    assert_eq!(format_percent(2.45), "2,5%");
    assert_eq!(format_percent(50.0), "50%");
    assert_eq!(percent_tenths(857, 2262), Some(379));
    assert_eq!(percent_tenths(1, 0), None);
    assert_eq!(format_persons(7), "07 đồng chí");
    assert_eq!(format_count(42), "42");
    assert_eq!(format_thousands(11_147_406_000), "11.147.406.000");
    assert_eq!(format_thousands(7), "7");
    let m = Milestone {
        year: 2020,
        comparator: Comparator::AtLeast,
        value: Some(20.0),
        upper: Some(25.0),
        increase: None,
        reached: None,
    };
    assert_eq!(score::format_milestone(&m, AmountUnit::Percent, None), "20-25% (năm 2020)");
    let m = Milestone {
        year: 2020,
        comparator: Comparator::AtLeast,
        value: Some(3.0),
        upper: Some(5.0),
        increase: None,
        reached: None,
    };
    assert_eq!(score::format_milestone(&m, AmountUnit::Persons, None), "03 - 05 đồng chí (năm 2020)");
    assert_eq!(Status::OnTrack.label(), "Đúng tiến độ");
    assert_eq!(Date::new(2021, 2, 3).unwrap().long_vi(), "ngày 03 tháng 02 năm 2021");
    assert!(Date::new(2021, 2, 29).is_none());
    assert_eq!(Date::new(1970, 1, 1).unwrap().days(), 0);
}

#[test]
fn invalid_directives_say_what_and_where() {
    let bad = json!({
        "id": "d", "kind": "de_an", "issuer": " ", "title": "Thử", "date": "2024-01-01",
        "groups": [
            {"id": "a", "name": "A", "rule": {"rule": "group", "id": "b"}},
            {"id": "b", "name": "B", "rule": {"rule": "any_of", "rules": [{"rule": "group", "id": "a"}, {"rule": "group", "id": "zzz"}]}}
        ],
        "sections": [{"id": "s", "number": "2.1.", "heading": "Mục tiêu", "items": [{"id": "i", "targets": [
            {"id": "t", "sentence": "50% thạc sĩ", "group": "a", "measure": {"kind": "share", "criteria": [{"criterion": "level", "scale": "professional", "level": "thac_sy"}]},
             "milestones": [{"year": 2025, "value": 150}, {"year": 2023, "increase": 5}]},
            {"id": "t", "sentence": "trùng", "measure": {"kind": "count", "criteria": []}, "milestones": []}
        ]}]}]
    });
    let errs = Directive::from_json(&bad.to_string()).unwrap_err();
    let text: Vec<String> = errs.iter().map(|e| format!("{} | {}", e.field, e.message)).collect();
    let has = |needle: &str| text.iter().any(|t| t.contains(needle));
    assert!(has("issuer | Cơ quan ban hành: không được để trống."), "{text:#?}");
    assert!(has("vòng tròn"), "{text:#?}");
    assert!(has("\"zzz\" không tồn tại"), "{text:#?}");
    assert!(has("thac_sy\" không có trên thang Trình độ chuyên môn"), "{text:#?}");
    assert!(has("sections[0].items[0].targets[0].milestones[0].value | Mục \"2.1. Mục tiêu\", chỉ tiêu \"50% thạc sĩ\": mức 150 không hợp lệ (0-100%)."), "{text:#?}");
    assert!(has("tăng dần"), "{text:#?}");
    assert!(has("cần số liệu gốc"), "{text:#?}");
    assert!(has("mã \"t\" bị trùng"), "{text:#?}");
    assert!(has("chưa chọn nhóm đối tượng"), "{text:#?}");
    let syntax = Directive::from_json("{\"id\": 1}").unwrap_err();
    assert!(
        syntax[0].message.starts_with("Tệp văn bản không đọc được (dòng 1, cột 8, tại id): sai kiểu"),
        "{syntax:?}"
    );
    assert_eq!(syntax[0].field, "id", "where in the document, as a path");
    assert_eq!(syntax[0].message.matches("dòng").count(), 1, "the position is said once: {syntax:?}");
    let index = super::parse_template_index("[{\"id\": 1}]").unwrap_err();
    assert!(index.starts_with("Danh mục mẫu không đọc được (dòng 1, cột 9): sai kiểu"), "{index}");
    assert_eq!(index.matches("dòng").count(), 1, "{index}");
}

#[test]
fn who_to_send_next() {
    let r = roster_11();
    let idx = RosterIndex::build(&r);
    let d = d002();
    let now = at(2021, 3, 1);
    let s = score_directive(&d, &idx, now);
    let batches = suggest(&d, &idx, now, &s.targets);
    let people: Vec<&Suggestion> = batches.iter().flat_map(|b| &b.people).collect();
    // Every suggested person appears once.
    let mut ids: Vec<&str> = people.iter().map(|p| p.cadre_id.as_str()).collect();
    ids.sort();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n);
    // The master target (gap 7 over 5 years: 2 a year) picks 7 bachelors, none already counting.
    let ths: Vec<&Suggestion> =
        people.iter().copied().filter(|p| p.reasons.iter().any(|r| r.target_id == "t_a_bch_ths")).collect();
    assert_eq!(ths.len(), 7);
    assert!(ths.iter().all(|p| p.cadre_id.trim_start_matches('c').parse::<usize>().unwrap() >= 14));
    let years: Vec<u16> =
        ths.iter().map(|p| p.reasons.iter().find(|r| r.target_id == "t_a_bch_ths").unwrap().year).collect();
    assert_eq!(years.iter().filter(|y| **y == 2021).count(), 2);
    assert!(years.iter().all(|y| (2021..=2025).contains(y)));
    // Cao cấp LLCT (gap 9) and thạc sĩ overlap: someone helps both and is listed once with both.
    assert!(people.iter().any(|p| p.reasons.len() >= 2), "a person closing several gaps");
    assert_eq!(batches[0].year, 2021);
    assert!(batches.windows(2).all(|w| w[0].year < w[1].year));
}

#[test]
fn suggestions_put_studying_first_then_one_level_below_then_younger() {
    let mut r = Roster { units: units(), cadres: Vec::new() };
    let mk = |n: usize, level: Political, studying: Option<Political>, born: u16| {
        let mut c = cadre(n, "hu");
        bch(&mut c);
        c.political = Qualification { level, studying, studying_until: studying.map(|_| 2026), level_unknown: false };
        c.birth_year = born;
        c
    };
    r.cadres.push(mk(0, Political::Elementary, None, 1990)); // two below, young
    r.cadres.push(mk(1, Political::Intermediate, None, 1970)); // one below, old
    r.cadres.push(mk(2, Political::Intermediate, None, 1985)); // one below, younger
    r.cadres.push(mk(3, Political::Intermediate, Some(Political::Advanced), 1965)); // studying
    let idx = RosterIndex::build(&r);
    let d = directive(
        json!({"rule": "everyone"}),
        json!([{"id": "cc", "sentence": "100% cao cấp", "group": "g", "measure": {"kind": "share", "criteria": [{"criterion": "level", "scale": "political", "level": "cao_cap"}]},
                "milestones": [{"year": 2024, "value": 100}]}]),
    );
    let now = at(2024, 10, 1);
    let s = score_directive(&d, &idx, now);
    let b = suggest(&d, &idx, now, &s.targets);
    let order: Vec<&str> = b.iter().flat_map(|b| b.people.iter().map(|p| p.cadre_id.as_str())).collect();
    assert_eq!(order, vec!["c3", "c2", "c1", "c0"]);
    assert!(b[0].people[0].reasons[0].studying);
    assert_eq!(b[0].people[0].reasons[0].needs, vec!["Lý luận chính trị: Cao cấp trở lên".to_string()]);
}

#[test]
fn generated_roster_is_deterministic_and_valid() {
    let a = crate::fixtures::generate_roster(42, 2000, 100);
    let b = crate::fixtures::generate_roster(42, 2000, 100);
    assert_eq!(a, b);
    assert_eq!(a.units.len(), 100);
    assert_eq!(a.cadres.len(), 2000);
    for c in a.cadres.iter().take(300) {
        assert!(a.validate_cadre(c).is_empty(), "{:?}", a.validate_cadre(c));
    }
    let idx = RosterIndex::build(&a);
    assert!(idx.working_in("u0").count() > 0);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn roster_from(levels: &[(u8, bool, bool, u8)]) -> Roster {
        let cadres = levels
            .iter()
            .enumerate()
            .map(|(n, &(lv, member, vertical, studying))| {
                let mut c = cadre(n, if vertical { "nd" } else { "p" });
                let lv = lv as usize % Professional::ALL.len();
                c.professional = Qualification::at(Professional::ALL[lv]);
                if studying % 3 == 0 && lv + 1 < Professional::ALL.len() {
                    c.professional.studying = Some(Professional::ALL[lv + 1]);
                }
                if member {
                    bch(&mut c);
                }
                c
            })
            .collect();
        Roster { units: units(), cadres }
    }

    fn shares(r: &Roster, studying: bool) -> Vec<Option<f64>> {
        let idx = RosterIndex::build(r);
        let targets: Vec<serde_json::Value> = Professional::ALL
            .iter()
            .map(|l| {
                let mut t = share_target(l.code(), l.code(), 2030, 50.0, "at_least");
                t["measure"]["criteria"][0]["count_studying"] = json!(studying);
                t
            })
            .collect();
        let d = directive(json!({"rule": "everyone"}), json!(targets));
        score_directive(&d, &idx, at(2025, 1, 1)).targets.iter().map(|t| t.measured).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Moving one person up a level never lowers any "at or above" share.
        #[test]
        fn raising_a_level_never_lowers_a_share(
            levels in proptest::collection::vec((0u8..7, any::<bool>(), any::<bool>(), 0u8..6), 1..40),
            who in 0usize..40,
            studying in any::<bool>(),
        ) {
            let before = roster_from(&levels);
            let mut after = before.clone();
            let i = who % after.cadres.len();
            let q = &mut after.cadres[i].professional;
            if let Some(next) = Professional::ALL.iter().copied().find(|l| *l > q.level) {
                q.level = next;
                if q.studying.is_some_and(|s| s <= next) {
                    q.studying = None;
                }
            }
            let (a, b) = (shares(&before, studying), shares(&after, studying));
            for (x, y) in a.iter().zip(&b) {
                prop_assert!(y.unwrap() + 1e-9 >= x.unwrap(), "{x:?} -> {y:?}");
            }
        }

        /// A group with an exclusion never contains an excluded person.
        #[test]
        fn exclusions_hold(levels in proptest::collection::vec((0u8..7, any::<bool>(), any::<bool>(), 0u8..6), 0..60)) {
            let r = roster_from(&levels);
            let idx = RosterIndex::build(&r);
            let d = directive(
                json!({"rule": "minus", "base": {"rule": "works_in", "unit": {"levels": ["huyen"]}},
                       "except": {"rule": "any_of", "rules": [
                           {"rule": "membership", "committee": "bch", "level": "huyen"},
                           {"rule": "works_in", "unit": {"kinds": ["nganh_doc"]}}]}}),
                json!([share_target("t", "dai_hoc", 2030, 50.0, "at_least")]),
            );
            let (yes, no) = score::target_members(&d, &idx, "t", at(2025, 1, 1)).unwrap();
            for i in yes.into_iter().chain(no) {
                let c = &r.cadres[i];
                prop_assert!(c.memberships.is_empty());
                prop_assert_ne!(c.unit_id.as_str(), "nd");
            }
            let expected = levels.iter().filter(|(_, m, v, _)| !m && !v).count() as u32;
            prop_assert_eq!(score_directive(&d, &idx, at(2025, 1, 1)).groups[0].members, expected);
        }
    }
}

/// Counts from course records and counts from the roster reach their milestones through the
/// same rule: with the same numbers, a "trained" share and a roster share agree on every
/// field the milestones decide (target, persons required, gap, pace, straight path, status).
#[test]
fn record_and_roster_targets_share_the_milestone_rule() {
    struct Fixed(RecordCount);
    impl RecordSource for Fixed {
        fn count(&self, _: &Directive, _: &Target, _: Date, _: Option<&Bits>) -> Option<RecordCount> {
            Some(self.0)
        }
    }
    let r = roster_11();
    let idx = RosterIndex::build(&r);
    let masters = json!([{"criterion": "level", "scale": "professional", "level": "thac_si"}]);
    let trained =
        json!({"kind": "trained", "training": "Thạc sĩ", "window": {"every": "period", "from": 2024, "to": 2030}});
    let cases = [
        json!([{"year": 2024, "value": 20}, {"year": 2030, "value": 60}]),
        json!([{"year": 2025, "comparator": "above", "value": 25}]),
        json!([{"year": 2026, "comparator": "about", "value": 30}]),
        json!([{"year": 2030, "increase": 10}]),
        json!([{"year": 2025, "value": 90}]),
    ];
    for (i, milestones) in cases.iter().enumerate() {
        // The relative milestone needs the document's baseline; the others go without.
        let baseline = if i == 3 { json!({"value": 20.0, "year": 2024}) } else { serde_json::Value::Null };
        let target = |id: &str, measure: &serde_json::Value| {
            let mut t = json!({"id": id, "sentence": id, "group": "g", "measure": measure, "milestones": milestones});
            if !baseline.is_null() {
                t["baseline"] = baseline.clone();
            }
            t
        };
        let share = json!({"kind": "share", "criteria": masters});
        let d = directive(json!({"rule": "everyone"}), json!([target("roster", &share), target("records", &trained)]));
        for when in [at(2024, 6, 30), at(2026, 6, 30), at(2031, 1, 1)] {
            let src = Fixed(RecordCount { count: 11, if_all_complete: 14 });
            let s = score_directive_full(&d, &idx, when, &std::collections::HashMap::new(), Some(&src));
            let (a, b) = (s.target("roster").unwrap(), s.target("records").unwrap());
            assert_eq!(a.value, b.value, "case {i}");
            assert_eq!(a.kind, MeasureKind::Share);
            assert_eq!(b.kind, MeasureKind::Trained);
            let decided = |t: &TargetScore| {
                (
                    t.status,
                    t.reason.clone(),
                    t.measured,
                    t.target,
                    t.deadline,
                    t.required,
                    t.gap_persons,
                    t.years_left,
                    t.per_year,
                    t.expected_now,
                    t.milestones.clone(),
                )
            };
            assert_eq!(decided(a), decided(b), "case {i} at {when}");
            assert!(b.from_records && !a.from_records);
            assert_eq!(b.what_if_met.is_some(), b.status != Status::NotScored, "case {i}");
        }
    }
}

/// A completions target's value and the monitoring page's quota line say a count against its
/// quota in the same words (seed 001's): one rule, `number::against_quota`.
#[test]
fn completions_speak_of_the_quota_as_the_monitoring_lines_do() {
    struct Fixed(u32);
    impl RecordSource for Fixed {
        fn count(&self, _: &Directive, _: &Target, _: Date, _: Option<&Bits>) -> Option<RecordCount> {
            Some(RecordCount { count: self.0, if_all_complete: self.0 })
        }
    }
    let r = roster_11();
    let idx = RosterIndex::build(&r);
    let d = directive(
        json!({"rule": "everyone"}),
        json!([{"id": "q", "sentence": "đào tạo 200 thạc sĩ", "measure": {"kind": "completions", "training": "Thạc sĩ"},
                "milestones": [{"year": 2025, "value": 200}]}]),
    );
    for (count, words) in [
        (194, "194 đồng chí, đạt 97% so với mục tiêu"),
        (200, "200 đồng chí, đạt chỉ tiêu"),
        (207, "207 đồng chí, vượt chỉ tiêu"),
    ] {
        let s = score_directive_full(&d, &idx, at(2024, 6, 30), &std::collections::HashMap::new(), Some(&Fixed(count)));
        let t = s.target("q").unwrap();
        assert_eq!(t.kind, MeasureKind::Completions);
        assert_eq!(t.value_text(), words);
        assert_eq!(t.value_text(), crate::number::against_quota(count, "đồng chí", 200));
        let line = crate::monitor::quota_lines(&d, &s);
        assert_eq!(line, [format!("đào tạo 200 thạc sĩ: {}", crate::number::against_quota(count, "người", 200))]);
    }
}

#[test]
fn counting_options_only_where_they_apply() {
    let mut share = share_target("s", "thac_si", 2025, 50.0, "at_least");
    share["counting"] = json!({"tally": "person_times", "contents": ["Tin học"]});
    share["continuing"] = json!(true);
    let quota = json!({"id": "q", "sentence": "q", "measure": {"kind": "completions", "training": "Đào tạo thạc sĩ"},
        "start_year": 2026, "counting": {"tally": "person_times", "contents": ["Tin học"], "combine": "all"},
        "milestones": [{"year": 2025, "comparator": "maintain"}, {"year": 2026, "value": 3, "reached": {"target": "q"}}]});
    let d = json!({
        "id": "d", "kind": "de_an", "issuer": "UBND TỈNH", "title": "Thử", "date": "2024-09-27",
        "groups": [{"id": "g", "name": "Nhóm", "rule": {"rule": "everyone"}}],
        "sections": [{"id": "s", "number": "1.", "heading": "Mục tiêu", "items": [{"id": "i", "text": "", "targets": [share, quota]}]}]
    });
    let errs = Directive::from_json(&d.to_string()).unwrap_err();
    let text: Vec<String> = errs.iter().map(|e| format!("{} | {}", e.field, e.message)).collect();
    let has = |needle: &str| text.iter().any(|t| t.contains(needle));
    assert!(has("targets[0].counting.tally | Mục \"1. Mục tiêu\", chỉ tiêu \"s\": đếm theo lượt chỉ dùng cho chỉ tiêu số người được cử / hoàn thành."), "{text:#?}");
    assert!(has("targets[0].counting.contents"), "{text:#?}");
    assert!(has("targets[0].counting.continuing"), "{text:#?}");
    assert!(
        has("targets[1].counting.tally | Mục \"1. Mục tiêu\", chỉ tiêu \"q\": đếm theo lượt không dùng cùng"),
        "{text:#?}"
    );
    assert!(has("targets[1].start_year"), "{text:#?}");
    assert!(
        has("targets[1].milestones[0].value"),
        "the first \"duy trì\" without a number has nothing to keep: {text:#?}"
    );
    assert!(has("targets[1].milestones[1].reached.target"), "itself: {text:#?}");
    assert!(has("targets[1].milestones[1].reached | "), "not a maintain: {text:#?}");
    // Old files (no counting, no start year) read unchanged and write back without them.
    let plain = directive(json!({"rule": "everyone"}), json!([share_target("t", "thac_si", 2025, 50.0, "at_least")]));
    let text = plain.to_json();
    assert!(
        !text.contains("counting")
            && !text.contains("start_year")
            && !text.contains("continuing")
            && !text.contains("reached")
    );
}

#[test]
fn a_mistyped_key_in_a_template_is_refused_naming_it_and_where() {
    let mut doc: serde_json::Value = serde_json::from_str(T002).unwrap();
    // A target's field, a group rule's field (read by the hand-written tagged reader), and a
    // key at the top.
    let target = &mut doc["sections"][2]["sections"][1]["sections"][0]["sections"][0]["items"][0]["targets"][0];
    target["measure"]["criteria"][0]["levle"] = json!("thac_si");
    target["deadlin"] = json!(2025);
    doc["groups"][0]["rule"]["comittee"] = json!("bch");
    doc["tilte"] = json!("Đề án");
    doc["$schema"] = json!("https://example.org/directive.schema.json");
    let e = Directive::from_json(&doc.to_string()).unwrap_err();
    let mut fields: Vec<&str> = e.iter().map(|x| x.field.as_str()).collect();
    fields.sort();
    assert_eq!(
        fields,
        vec![
            "groups[0].rule.comittee",
            "sections[2].sections[1].sections[0].sections[0].items[0].targets[0].deadlin",
            "sections[2].sections[1].sections[0].sections[0].items[0].targets[0].measure.criteria[0].levle",
            "tilte",
        ],
        "{e:#?}"
    );
    let m = e.iter().find(|x| x.field.ends_with("levle")).unwrap();
    assert!(
        m.message.contains(
            "“levle” (tại sections[2].sections[1].sections[0].sections[0].items[0].targets[0].measure.criteria[0])"
        ),
        "{}",
        m.message
    );
    assert!(e.iter().all(|x| !x.message.contains("unknown") && !x.message.contains("field")));
}
