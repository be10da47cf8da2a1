//! Group rules against rosters laid out as officers keep them: nhãn, abbreviations, and a
//! commune's people all filed under one unit.

use std::collections::BTreeSet;

use super::*;
use crate::demo::{hoang_su_phi, HOANG_SU_PHI_YEAR};
use crate::directive::{describe_rule, ConditionDraft, ConditionKind, Directive, GroupDraft, RosterIndex};
use crate::model::Unit;
use crate::roster::Roster;

fn t002() -> Directive {
    Directive::from_json(include_str!("../../../../../public/templates/002-hoang-su-phi-02-da-hu.json")).unwrap()
}

fn demo_roster(seed: u64) -> Roster {
    let (units, cadres) = hoang_su_phi(seed);
    Roster { units, cadres }
}

/// Ids of the cadres in group `id` of `d`.
fn members(d: &Directive, r: &Roster, id: &str) -> BTreeSet<String> {
    let idx = RosterIndex::build(r);
    let bits = Evaluator::new(&idx, &d.groups, d.scope_unit_id.as_deref(), HOANG_SU_PHI_YEAR).group(id);
    bits.iter().map(|i| r.cadres[i].id.clone()).collect()
}

fn evaluate(r: &Roster, rule: &GroupRule) -> BTreeSet<String> {
    let idx = RosterIndex::build(r);
    let bits = Evaluator::new(&idx, &[], None, HOANG_SU_PHI_YEAR).rule(rule);
    bits.iter().map(|i| r.cadres[i].id.clone()).collect()
}

/// The demo district as a sheet that keeps each commune in one "UBND xã X" unit (kind chính
/// quyền): Đảng ủy, HĐND, Mặt trận and the đoàn thể of the commune are gone, their people and
/// posts are filed under the UBND, no post says who is a head (no Cấp trưởng column), and the
/// titles are written the short ways officers write them.
fn filed_by_commune(mut r: Roster) -> Roster {
    let commune_of = |unit_id: &str| -> Option<String> {
        let rest = unit_id.strip_prefix("hsp-xa")?;
        Some(format!("hsp-xa{}-ubnd", &rest[..2]))
    };
    r.units.retain(|u: &Unit| commune_of(&u.id).is_none_or(|ubnd| ubnd == u.id));
    let short = [
        ("Chủ tịch Ủy ban MTTQ", "Chủ tịch UBMTTQ xã"),
        ("Bí thư Đoàn Thanh niên", "Bí thư Đoàn TNCS HCM xã"),
        ("Chủ tịch Hội Liên hiệp Phụ nữ", "Chủ tịch Hội LHPN xã"),
        ("Chủ tịch Hội Cựu chiến binh", "đ/c Chủ tịch Hội CCB xã"),
        ("Chủ tịch UBND", "Chủ tịch Ủy ban nhân dân"),
        ("Phó Chủ tịch HĐND", "Phó Chủ tịch  Hội đồng nhân dân"),
    ];
    for (n, c) in r.cadres.iter_mut().enumerate() {
        if let Some(u) = commune_of(&c.unit_id) {
            c.unit_id = u;
        }
        for p in &mut c.positions {
            if let Some(u) = commune_of(&p.unit_id) {
                p.unit_id = u;
                p.leadership = Leadership::None;
                // Every other person keeps the document's spelling.
                if let Some((from, to)) = short.iter().find(|(from, _)| n % 2 == 0 && p.title.starts_with(from)) {
                    p.title = p.title.replacen(from, to, 1);
                }
            }
        }
    }
    r
}

#[test]
fn a_commune_filed_under_its_ubnd_gives_the_same_groups_2_1_to_2_4() {
    let d = t002();
    let demo = demo_roster(7);
    let refiled = filed_by_commune(demo.clone());
    assert!(refiled.units.len() < demo.units.len());
    assert!(refiled.units.iter().all(|u| u.level != GovLevel::Commune || u.kind == UnitKind::Government));
    for (id, stated) in [("g21", 359), ("g22", 124), ("g23", 120), ("g24", 285)] {
        let before = members(&d, &demo, id);
        let after = members(&d, &refiled, id);
        assert_eq!(before.len(), stated, "{id} in the demo");
        assert_eq!(after, before, "{id}: the same people, however the commune is filed");
    }
    // The title rule alone finds every head once the units no longer tell.
    assert_eq!(members(&d, &refiled, "g23_khoi").len(), 0);
    assert_eq!(members(&d, &refiled, "g23_chuc_danh").len(), 120);
}

#[test]
fn district_groups_hold_however_agencies_are_kinded() {
    // Ngành dọc and schools filed as chính quyền: their names still keep them out of 1.3, 1.4.
    let d = t002();
    let demo = demo_roster(3);
    let mut flat = demo.clone();
    for u in &mut flat.units {
        if matches!(u.kind, UnitKind::Vertical | UnitKind::PublicService) {
            u.kind = UnitKind::Government;
        }
    }
    for (id, stated) in [("g13", 73), ("g14", 147)] {
        let before = members(&d, &demo, id);
        assert_eq!(before.len(), stated, "{id}");
        assert_eq!(members(&d, &flat, id), before, "{id}");
    }
}

#[test]
fn a_committee_seat_is_a_post_for_those_without_one() {
    let d = t002();
    let mut r = demo_roster(3);
    let before = members(&d, &r, "g14");
    let one = r.cadres.iter().position(|c| before.contains(&c.id)).unwrap();
    r.cadres[one].memberships.push(crate::model::Membership {
        committee: Committee::StandingCommittee,
        level: GovLevel::Commune,
        term: "2020-2025".into(),
    });
    let after = members(&d, &r, "g14");
    assert_eq!(after.len(), before.len() - 1);
    assert!(!after.contains(&r.cadres[one].id));
}

#[test]
fn titles_match_in_any_usual_spelling() {
    let m = TextMatch::starts_with(&["Chủ tịch Ủy ban MTTQ", "Bí thư Đoàn TNCS Hồ Chí Minh", "Chủ tịch HĐND"]);
    for title in [
        "Chủ tịch UBMTTQ xã Nậm Dịch",
        "Chủ tịch Uỷ ban Mặt trận Tổ quốc xã",
        "đ/c Chủ tịch UB MTTQ",
        "Bí thư Đoàn TNCS HCM xã",
        "Bí thư Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        "CHỦ TỊCH HỘI ĐỒNG NHÂN DÂN XÃ",
        "Phó Bí thư Đảng ủy, Chủ tịch HĐND xã",
    ] {
        assert!(m.matches(title), "{title}");
    }
    for title in ["Phó Chủ tịch UBMTTQ xã", "Chủ tịch UBND xã", "Chủ tịch MTTQ xã", "Bí thư Đảng ủy"]
    {
        assert!(!m.matches(title), "{title}");
    }
    assert!(TextMatch::contains(&["Hòa"]).matches("Xã Tân Hoà"));
    assert!(TextMatch::equals(&["Thủy"]).matches("thuỷ"));
}

fn labelled(roster: &mut Roster, n: usize, name: &str, value: &str) {
    roster.cadres[n].labels.insert(name.into(), value.into());
}

#[test]
fn a_label_rule_selects_by_the_officer_s_own_column() {
    let mut r = demo_roster(1);
    labelled(&mut r, 0, "Nhóm", "1.3");
    labelled(&mut r, 1, "nhóm ", "1.3");
    labelled(&mut r, 2, "Nhóm", "11.3");
    labelled(&mut r, 3, "Ghi chú nhóm", "1.3");
    labelled(&mut r, 4, "Nhóm", "2.3");
    let rule = |values: &[&str], how| GroupRule::Label {
        name: "NHÓM".into(),
        value: TextMatch { any_of: values.iter().map(|v| v.to_string()).collect(), how, none_of: Vec::new() },
    };
    let ids = |ns: &[usize]| ns.iter().map(|&n| r.cadres[n].id.clone()).collect::<BTreeSet<_>>();
    assert_eq!(evaluate(&r, &rule(&["1.3"], MatchHow::Equals)), ids(&[0, 1]));
    assert_eq!(evaluate(&r, &rule(&["1.3", "2.3"], MatchHow::Equals)), ids(&[0, 1, 4]));
    assert_eq!(evaluate(&r, &rule(&["1."], MatchHow::StartsWith)), ids(&[0, 1]));
    assert_eq!(evaluate(&r, &rule(&["1.3"], MatchHow::Contains)), ids(&[0, 1, 2]));
    assert!(evaluate(&r, &GroupRule::Label { name: "Khối".into(), value: TextMatch::equals(&["1.3"]) }).is_empty());
}

#[test]
fn a_label_rule_reads_writes_describes_and_validates() {
    let rule = GroupRule::Label { name: "Nhóm".into(), value: TextMatch::equals(&["1.3", "1.4"]) };
    let json = serde_json::to_value(&rule).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"rule": "label", "name": "Nhóm", "value": {"any_of": ["1.3", "1.4"], "how": "equals"}})
    );
    assert_eq!(serde_json::from_value::<GroupRule>(json).unwrap(), rule);
    let d = t002();
    assert_eq!(describe_rule(&rule, &d), "Người có nhãn “Nhóm” là “1.3” hoặc “1.4”");
    let with_category =
        GroupRule::AllOf { rules: vec![GroupRule::Category { any_of: vec![Category::CivilServant] }, rule] };
    assert_eq!(describe_rule(&with_category, &d), "Công chức có nhãn “Nhóm” là “1.3” hoặc “1.4”");

    let mut bad = d.clone();
    bad.groups[0].rule = GroupRule::Label { name: " ".into(), value: TextMatch::equals(&[""]) };
    let fields: Vec<String> = bad.validate().into_iter().map(|e| e.field).collect();
    assert_eq!(fields, ["groups[0].rule.name", "groups[0].rule.value"]);
    assert!(serde_json::from_str::<GroupRule>(r#"{"rule":"label","name":"Nhóm"}"#).is_err());
    for (code, _) in GroupRule::CODES {
        let err = serde_json::from_value::<GroupRule>(serde_json::json!({ "rule": code })).err();
        assert!(err.is_none_or(|e| !e.to_string().contains("unknown variant")), "{code}");
    }
    let err = serde_json::from_str::<GroupRule>(r#"{"rule":"nhan"}"#).unwrap_err().to_string();
    assert!(err.contains("unknown variant `nhan`") && err.contains("`label`"), "{err}");
}

#[test]
fn the_group_form_edits_a_label_and_counts_who_it_takes() {
    let d = t002();
    let mut r = demo_roster(1);
    for n in 0..5 {
        labelled(&mut r, n, "Nhóm", if n < 3 { "1.3" } else { "1.4" });
    }
    let idx = RosterIndex::build(&r);
    let label = |name: &str, values: &str| {
        let mut c = ConditionDraft::new(ConditionKind::Label);
        c.label_name = name.into();
        c.text.words = values.into();
        c
    };
    let mut f = GroupDraft::all_of("Nhóm 1.3 của tôi", vec![label("Nhóm", "1.3")]);
    assert_eq!(f.members(&d, &idx, 2021).map(|b| b.count()), Some(3));
    let g = f.build(&d).unwrap();
    assert_eq!(g.rule, GroupRule::Label { name: "Nhóm".into(), value: TextMatch::equals(&["1.3"]) });
    assert_eq!(GroupDraft::from_group(&g).rule.conditions[0].text.words, "1.3");
    f.rule.conditions[0].text.words = "1.3; 1.4".into();
    let mut cadre = ConditionDraft::new(ConditionKind::Category);
    cadre.categories = vec![Category::Cadre];
    f.rule.conditions.push(cadre);
    assert_eq!(f.members(&d, &idx, 2021).map(|b| b.count()), Some(5));

    // Values without a name, and a name without values, are named on the form.
    let no_name = GroupDraft::all_of("x", vec![label("", "1.3")]);
    assert_eq!(no_name.build(&d).unwrap_err()[0].field, "conditions.0.label_name");
    assert!(no_name.members(&d, &idx, 2021).is_none());
    let no_value = GroupDraft::all_of("x", vec![label("Nhóm", "")]);
    assert_eq!(no_value.build(&d).unwrap_err()[0].field, "conditions.0.text");

    // A template group counted as the directive counts it: g23 edited in place.
    let g23 = GroupDraft::from_group(d.group("g23").unwrap());
    let demo = demo_roster(7);
    assert_eq!(g23.members(&d, &RosterIndex::build(&demo), HOANG_SU_PHI_YEAR).unwrap().count(), 120);
}
