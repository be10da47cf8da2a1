//! So sánh đơn vị over a district counted by hand: three communes (one with a mass
//! organisation under it, one with nobody) and an office under the district.
//!
//! | unit | cadres (professional level) | đại học+ | thạc sĩ |
//! |---|---|---|---|
//! | UBND xã Một (x1) | thạc sĩ, đại học, đại học, cao đẳng | 3 | 1 |
//! | Hội Nông dân xã Một (x1m, under x1) | đại học | 1 | 0 |
//! | UBND xã Hai (x2) | đại học, trung cấp, trung cấp | 1 | 0 |
//! | UBND xã Ba (x3) | nobody | 0 | 0 |
//! | Phòng Nội vụ (p) | thạc sĩ, thạc sĩ | 2 | 2 |
//! | UBND huyện (h) itself | đại học | 1 | 0 |
//!
//! So x1's subtree holds 5 people, 4 of them đại học+ (80%); x2 1 of 3; p 2 of 2; the
//! district 8 of 11.

use serde_json::json;

use super::*;
use crate::directive::{score_directive_in_unit, Status, Value};
use crate::directive::{RecordSource, Target};
use crate::levels::{Professional, Qualification};
use crate::model::{Cadre, Gender, GovLevel, RecordMeta, Region, Unit, UnitKind};
use crate::roster::Roster;
use crate::table::Cell;

fn unit(id: &str, name: &str, level: GovLevel, parent: Option<&str>) -> Unit {
    Unit {
        id: id.into(),
        name: name.into(),
        level,
        kind: UnitKind::Government,
        region: Region::Mountain,
        parent_id: parent.map(Into::into),
        meta: RecordMeta::default(),
    }
}

fn district() -> Roster {
    let units = vec![
        unit("h", "UBND huyện Một", GovLevel::District, None),
        unit("x1", "UBND xã Một", GovLevel::Commune, Some("h")),
        unit("x1m", "Hội Nông dân xã Một", GovLevel::Commune, Some("x1")),
        unit("x2", "UBND xã Hai", GovLevel::Commune, Some("h")),
        unit("x3", "UBND xã Ba", GovLevel::Commune, Some("h")),
        unit("p", "Phòng Nội vụ", GovLevel::District, Some("h")),
    ];
    use Professional::{Bachelor, College, Intermediate, Master};
    let people = [
        ("x1", Master),
        ("x1", Bachelor),
        ("x1", Bachelor),
        ("x1", College),
        ("x1m", Bachelor),
        ("x2", Bachelor),
        ("x2", Intermediate),
        ("x2", Intermediate),
        ("p", Master),
        ("p", Master),
        ("h", Bachelor),
    ];
    let cadres = people
        .iter()
        .enumerate()
        .map(|(n, (unit, level))| {
            let mut c = Cadre::blank(format!("c{n}"), (*unit).into());
            c.full_name = format!("Cán bộ {n}");
            c.professional = Qualification::at(*level);
            // In x1: the first is a woman, the second local; the third born 1995 (under 35).
            c.gender = if n == 0 { Gender::Female } else { Gender::Male };
            c.local = n == 1;
            c.birth_year = if n == 2 { 1995 } else { 1975 };
            c
        })
        .collect();
    Roster { units, cadres }
}

fn level(level: &str) -> serde_json::Value {
    json!([{"criterion": "level", "scale": "professional", "level": level}])
}

fn directive() -> Directive {
    let d = json!({
        "id": "d", "kind": "de_an", "issuer": "HUYỆN ỦY", "title": "Thử", "date": "2024-09-27",
        "groups": [{"id": "g", "name": "Cán bộ, công chức", "rule": {"rule": "everyone"}}],
        "sections": [{"id": "s", "number": "1.", "heading": "Mục tiêu", "items": [{"id": "i", "text": "",
            "targets": [
                {"id": "share", "sentence": "70% đại học", "group": "g",
                 "measure": {"kind": "share", "criteria": level("dai_hoc")},
                 "milestones": [{"year": 2025, "value": 70}]},
                {"id": "quota", "sentence": "mỗi xã 02 đại học", "group": "g",
                 "measure": {"kind": "per_unit", "units": {"levels": ["xa"], "name": {"any_of": ["UBND xã"], "how": "starts_with"}}, "criteria": level("dai_hoc")},
                 "milestones": [{"year": 2025, "value": 2}]},
                {"id": "count", "sentence": "10 thạc sĩ", "group": "g",
                 "measure": {"kind": "count", "criteria": level("thac_si")},
                 "milestones": [{"year": 2025, "value": 10}]}
            ],
            "needs": [{"id": "need", "sentence": "Đào tạo đại học", "group": "g",
                       "criterion": {"criterion": "level", "scale": "professional", "level": "dai_hoc"}}]
        }]}]
    });
    Directive::from_json(&d.to_string()).unwrap_or_else(|e| panic!("{e:#?}"))
}

fn at() -> Date {
    Date::new(2025, 6, 30).unwrap()
}

fn ids<T>(rows: &[T], unit: impl Fn(&T) -> &UnitRef) -> Vec<&str> {
    rows.iter().map(|r| unit(r).unit_id.as_str()).collect()
}

#[test]
fn a_share_is_scored_in_each_commune_worst_gap_first_and_the_empty_commune_last() {
    let roster = district();
    let idx = RosterIndex::build(&roster);
    let c = compare_target(&directive(), &[], &idx, at(), None, "share", "h").unwrap();
    assert_eq!(c.parent.unit_name, "UBND huyện Một");
    assert_eq!(c.whole.value, Some(Value { numerator: 8, denominator: 11 }));
    assert_eq!(c.whole.status, Status::Met);
    // x2 misses ceil(0,7 × 3) − 1 = 2; x1 (80%) and p (100%) meet, the lower first; x3 has
    // nobody in the group and is not judged.
    assert_eq!(ids(&c.rows, |r| &r.unit), ["x2", "x1", "p", "x3"]);
    let row = |id: &str| &c.rows.iter().find(|r| r.unit.unit_id == id).unwrap().score;
    assert_eq!(row("x1").value, Some(Value { numerator: 4, denominator: 5 }), "x1m counts in x1");
    assert_eq!(row("x1").status, Status::Met);
    assert_eq!(row("x2").value_text(), "1/3 = 33,3%");
    assert_eq!((row("x2").required, row("x2").gap_persons), (Some(3), 2));
    assert_eq!(row("x2").status, Status::Behind);
    assert_eq!(row("p").value, Some(Value { numerator: 2, denominator: 2 }));
    assert_eq!(row("x3").status, Status::NotScored);
    assert_eq!(row("x3").value, Some(Value { numerator: 0, denominator: 0 }));
    assert_eq!(row("x3").measured, None, "no share of nobody");
    assert_eq!(row("x3").gap_persons, 0);
}

#[test]
fn a_per_unit_quota_is_judged_for_each_commune_alone() {
    let roster = district();
    let idx = RosterIndex::build(&roster);
    let c = compare_target(&directive(), &[], &idx, at(), None, "quota", "h").unwrap();
    // x3 has nobody: 0 of 02, the largest gap; x2 has 1; x1 4 (x1m included); the office
    // is no commune: nothing to judge there.
    assert_eq!(ids(&c.rows, |r| &r.unit), ["x3", "x2", "x1", "p"]);
    let row = |id: &str| &c.rows.iter().find(|r| r.unit.unit_id == id).unwrap().score;
    let tally = |id: &str| row(id).per_unit.iter().map(|u| (u.unit_id.as_str(), u.count, u.met)).collect::<Vec<_>>();
    assert_eq!(tally("x1"), [("x1", 4, true)]);
    assert_eq!(tally("x2"), [("x2", 1, false)]);
    assert_eq!(tally("x3"), [("x3", 0, false)]);
    assert_eq!((row("x3").gap_persons, row("x2").gap_persons, row("x1").gap_persons), (2, 1, 0));
    assert_eq!(row("x1").status, Status::Met);
    assert_eq!(row("x2").status, Status::Behind);
    assert_eq!(row("p").status, Status::NotScored);
    assert!(row("p").per_unit.is_empty());
    // The district as a whole: 1 commune of 3 meets, 3 persons missing.
    assert_eq!(c.whole.value_text(), "1/3 đơn vị đạt");
    assert_eq!(c.whole.gap_persons, 3);
}

#[test]
fn a_count_for_the_whole_district_is_followed_in_each_unit_not_judged() {
    let roster = district();
    let idx = RosterIndex::build(&roster);
    let c = compare_target(&directive(), &[], &idx, at(), None, "count", "h").unwrap();
    assert_eq!(ids(&c.rows, |r| &r.unit), ["p", "x1", "x2", "x3"], "most first, then the unit order");
    for r in &c.rows {
        assert_eq!(r.score.status, Status::Tracked, "{}", r.unit.unit_id);
        assert_eq!((r.score.target, r.score.gap_persons), (None, 0));
    }
    assert_eq!(c.rows[0].score.value_text(), "02 đồng chí");
    // The whole district's own figure is its own subtree's too: followed, as a unit's.
    assert_eq!(c.whole.measured, Some(3.0));
}

#[test]
fn each_row_is_the_units_own_score_of_the_directive() {
    let roster = district();
    let idx = RosterIndex::build(&roster);
    let d = directive();
    for target in ["share", "quota", "count"] {
        let c = compare_target(&d, &[], &idx, at(), None, target, "h").unwrap();
        for r in &c.rows {
            let own = score_directive_in_unit(&d, &[], &idx, at(), None, &r.unit.unit_id).unwrap();
            assert_eq!(own.target(target), Some(&r.score), "{target} in {}", r.unit.unit_id);
        }
    }
    let x1 = score_directive_in_unit(&d, &[], &idx, at(), None, "x1").unwrap();
    assert_eq!(x1.groups[0].members, 5);
    assert_eq!(x1.needs[0].members_below, Some(1));
    assert!(score_directive_in_unit(&d, &[], &idx, at(), None, "nowhere").is_none());
}

#[test]
fn the_whole_scope_scores_as_before_and_a_scope_limits_every_unit() {
    let roster = district();
    let idx = RosterIndex::build(&roster);
    let mut d = directive();
    let whole = crate::directive::score_directive(&d, &idx, at());
    assert_eq!(whole.target("share").unwrap().value, Some(Value { numerator: 8, denominator: 11 }));
    assert_eq!(whole.target("count").unwrap().status, Status::Behind, "the district's own count is judged");
    // The directive speaks of xã Một alone: xã Hai's people are outside it.
    d.scope_unit_id = Some("x1".into());
    let c = compare_target(&d, &[], &idx, at(), None, "share", "h").unwrap();
    let row = |id: &str| &c.rows.iter().find(|r| r.unit.unit_id == id).unwrap().score;
    assert_eq!(row("x1").value, Some(Value { numerator: 4, denominator: 5 }));
    assert_eq!(row("x2").status, Status::NotScored);
    assert_eq!(c.whole.value, Some(Value { numerator: 4, denominator: 5 }));
}

#[test]
fn a_need_counts_who_is_below_the_level_in_each_unit() {
    let roster = district();
    let idx = RosterIndex::build(&roster);
    let c = compare_need(&directive(), &idx, 2025, "need", "h").unwrap();
    let rows: Vec<(&str, u32, u32)> = c.rows.iter().map(|r| (r.unit.unit_id.as_str(), r.members, r.below)).collect();
    assert_eq!(rows, [("x2", 3, 2), ("x1", 5, 1), ("x3", 0, 0), ("p", 2, 0)]);
    assert_eq!((c.whole.members, c.whole.below), (11, 3));
}

#[test]
fn a_groups_thuc_trang_is_counted_in_each_unit() {
    let roster = district();
    let idx = RosterIndex::build(&roster);
    let c = compare_group(&directive(), &idx, 2025, true, "g", "h").unwrap();
    assert_eq!(ids(&c.rows, |r| &r.unit), ["x1", "x2", "x3", "p"], "the unit order");
    let x1 = &c.rows[0].report;
    assert_eq!(x1.total, 5);
    assert_eq!((x1.women.count, x1.women.share_text()), (1, "20,0%".to_string()));
    assert_eq!((x1.locals.count, x1.young.count), (1, 1));
    let levels: Vec<(&str, u32)> = x1.professional.iter().map(|p| (p.label.as_str(), p.count)).collect();
    assert_eq!(levels, [("Thạc sĩ", 1), ("Đại học", 3), ("Cao đẳng", 1)]);
    let x3 = &c.rows[2].report;
    assert_eq!((x3.total, x3.women.share_text()), (0, "0,0%".to_string()), "nobody: no division by zero");
    assert!(x3.professional.is_empty());
    assert_eq!(c.whole.report.total, 11);
    assert_eq!(c.whole.report, crate::report::status_report(&directive(), &idx, "g", 2025, true).unwrap());
}

#[test]
fn people_of_a_unit_are_its_subtrees_alone() {
    let roster = district();
    let idx = RosterIndex::build(&roster);
    let d = directive();
    let (yes, no) = target_members_in_unit(&d, &idx, "share", at(), "x1").unwrap();
    assert_eq!((yes, no), (vec![0, 1, 2, 4], vec![3]));
    assert_eq!(group_members_in_unit(&d, &idx, 2025, "g", "x2").unwrap(), [5, 6, 7]);
    assert_eq!(group_members_in_unit(&d, &idx, 2025, "g", "x3").unwrap(), Vec::<usize>::new());
    assert!(target_members_in_unit(&d, &idx, "share", at(), "nowhere").is_none());
}

#[test]
fn unknown_targets_groups_and_units_give_nothing() {
    let roster = district();
    let idx = RosterIndex::build(&roster);
    let d = directive();
    assert!(compare_target(&d, &[], &idx, at(), None, "nope", "h").is_none());
    assert!(compare_target(&d, &[], &idx, at(), None, "share", "nowhere").is_none());
    assert!(compare_group(&d, &idx, 2025, true, "nope", "h").is_none());
    assert!(compare_need(&d, &idx, 2025, "nope", "h").is_none());
    // A unit without children compares nothing, and says so with no row.
    assert!(compare_target(&d, &[], &idx, at(), None, "share", "x2").unwrap().rows.is_empty());
}

#[test]
fn tables_hold_the_parent_then_each_row_as_the_page_shows_it() {
    let roster = district();
    let idx = RosterIndex::build(&roster);
    let d = directive();
    let share = compare_target(&d, &[], &idx, at(), None, "share", "h").unwrap();
    let table = target_table(&d, at(), &share).unwrap();
    assert_eq!(table.title, "So sánh đơn vị: 70% đại học (tính đến 30/06/2025)");
    assert_eq!(table.header, TARGET_HEADER);
    let shown: Vec<Vec<String>> = table.rows.iter().map(|r| r.iter().map(Cell::display).collect()).collect();
    assert_eq!(shown[0][..4], ["Chung toàn đơn vị: UBND huyện Một", "8/11 = 72,7%", "8", "11"]);
    assert_eq!(shown[1][..7], ["UBND xã Hai", "1/3 = 33,3%", "1", "3", "ít nhất 70% (năm 2025)", "Chậm", "2"]);
    assert!(shown[1][7].starts_with("cần thêm 02 đồng chí"), "{}", shown[1][7]);
    assert_eq!(shown[4][..7], ["UBND xã Ba", "Không có ai trong nhóm", "0", "0", "", "Không chấm được", ""]);
    assert_eq!(shown[4][7], "Nhóm đối tượng chưa có ai trong danh sách.");

    let quota = compare_target(&d, &[], &idx, at(), None, "quota", "h").unwrap();
    let rows = target_table(&d, at(), &quota).unwrap().rows;
    assert_eq!(rows[1][1].display(), "00 đồng chí (cần 02)", "xã Ba's own quota");
    assert_eq!(rows[1][6].display(), "2");

    let group = compare_group(&d, &idx, 2025, true, "g", "h").unwrap();
    let table = group_table(&d, 2025, &group).unwrap();
    assert_eq!(table.title, "So sánh đơn vị: thực trạng Cán bộ, công chức năm 2025");
    let x1: Vec<String> = table.rows[1].iter().map(Cell::display).collect();
    assert_eq!(x1[..8], ["UBND xã Một", "5", "1", "20,0%", "1", "20,0%", "1", "20,0%"]);
    assert_eq!(x1[8], "Thạc sĩ 01 (20,0%); Đại học 03 (60,0%); Cao đẳng 01 (20,0%)");
    let x3: Vec<String> = table.rows[3].iter().map(Cell::display).collect();
    assert_eq!(x3[..4], ["UBND xã Ba", "0", "0", ""], "no share of nobody");

    let need = compare_need(&d, &idx, 2025, "need", "h").unwrap();
    let table = need_table(&d, 2025, &need).unwrap();
    let x2: Vec<String> = table.rows[1].iter().map(Cell::display).collect();
    assert_eq!(x2, ["UBND xã Hai", "3", "2", "66,7%"]);
}

/// Course records as a stand-in: the even-numbered cadres completed the training. Enough to
/// see what each unit's row asks of the records: the unit's people alone.
struct EvenTrained;

impl RecordSource for EvenTrained {
    fn count(&self, _: &Directive, _: &Target, _: Date, group: Option<&Bits>) -> Option<crate::directive::RecordCount> {
        let trained = (0..11).filter(|i| i % 2 == 0).filter(|&i| group.is_none_or(|g| g.get(i))).count() as u32;
        Some(crate::directive::RecordCount { count: trained, if_all_complete: trained })
    }
}

#[test]
fn record_targets_count_each_units_people_and_a_per_unit_quota_is_judged_there() {
    let roster = district();
    let idx = RosterIndex::build(&roster);
    let d = Directive::from_json(
        &json!({
            "id": "d", "kind": "ke_hoach", "issuer": "HUYỆN ỦY", "title": "Thử", "date": "2024-09-27",
            "groups": [{"id": "g", "name": "Cán bộ", "rule": {"rule": "everyone"}}],
            "sections": [{"id": "s", "items": [{"id": "i", "text": "", "targets": [
                {"id": "trained", "sentence": "50% được bồi dưỡng", "group": "g",
                 "measure": {"kind": "trained", "training": "Bồi dưỡng", "window": {"every": "term"}},
                 "milestones": [{"year": 2025, "value": 50}]},
                {"id": "each", "sentence": "mỗi đơn vị cử 01", "measure": {"kind": "completions", "training": "Bồi dưỡng", "per_unit": true},
                 "milestones": [{"year": 2025, "value": 1}]},
                {"id": "all", "sentence": "cử 05", "measure": {"kind": "completions", "training": "Bồi dưỡng"},
                 "milestones": [{"year": 2025, "value": 5}]},
                {"id": "classes", "sentence": "02 lớp", "measure": {"kind": "events", "event": "class"},
                 "milestones": [{"year": 2025, "value": 2}]}
            ]}]}]
        })
        .to_string(),
    )
    .unwrap_or_else(|e| panic!("{e:#?}"));
    let records: &dyn RecordSource = &EvenTrained;
    let rows = |target: &str| {
        let c = compare_target(&d, &[], &idx, at(), Some(records), target, "h").unwrap();
        c.rows.into_iter().map(|r| (r.unit.unit_id, r.score)).collect::<Vec<_>>()
    };
    // Trained: x1 3 of 5 (c0, c2, c4), p 1 of 2, x2 1 of 3; x3 has nobody.
    let trained: Vec<(String, Option<Value>, Status)> =
        rows("trained").into_iter().map(|(u, s)| (u, s.value, s.status)).collect();
    let value = |n, d| Some(Value { numerator: n, denominator: d });
    assert_eq!(trained[0], ("x2".into(), value(1, 3), Status::OnTrack), "short of 02 by one, above the path");
    assert_eq!(trained.iter().find(|r| r.0 == "x1").unwrap().1, value(3, 5));
    assert_eq!(trained.last().unwrap().2, Status::NotScored, "x3: nobody in the group");
    // Mỗi đơn vị cử 01: judged in each unit; xã Ba sent nobody.
    let each = rows("each");
    assert_eq!(each[0].0, "x3");
    assert_eq!((each[0].1.status, each[0].1.gap_persons), (Status::Behind, 1));
    assert!(each[1..].iter().all(|(_, s)| s.status == Status::Met), "{each:?}");
    // A quota for the whole district: each unit's count followed.
    let all = rows("all");
    let counts: Vec<(&str, u32, Status)> =
        all.iter().map(|(u, s)| (u.as_str(), s.value.unwrap().numerator, s.status)).collect();
    assert_eq!(
        counts,
        [("x1", 3, Status::Tracked), ("x2", 1, Status::Tracked), ("p", 1, Status::Tracked), ("x3", 0, Status::Tracked)]
    );
    // Classes are the district's, not a unit's.
    assert!(rows("classes").iter().all(|(_, s)| s.status == Status::NotScored && s.value.is_none()));
}
