use super::*;
use crate::demo::hoang_su_phi;
use crate::directive::UnitFilter;
use crate::levels::Scale;
use crate::roster::Roster;

fn t002() -> Directive {
    Directive::from_json(include_str!("../../../../../public/templates/002-hoang-su-phi-02-da-hu.json")).unwrap()
}

fn all_templates() -> Vec<Directive> {
    [
        include_str!("../../../../../public/templates/000-quang-tri-37-kl-tu.json"),
        include_str!("../../../../../public/templates/001-lai-chau-05-nq-tu.json"),
        include_str!("../../../../../public/templates/002-hoang-su-phi-02-da-hu.json"),
        include_str!("../../../../../public/templates/003-quang-ngai-ke-hoach-2021.json"),
        include_str!("../../../../../public/templates/004-quang-nam-7328-da-ubnd.json"),
    ]
    .iter()
    .map(|j| Directive::from_json(j).unwrap())
    .collect()
}

fn fields(e: &[FieldError]) -> Vec<&str> {
    e.iter().map(|x| x.field.as_str()).collect()
}

fn cond(kind: ConditionKind, fill: impl FnOnce(&mut ConditionDraft)) -> ConditionDraft {
    let mut c = ConditionDraft::new(kind);
    fill(&mut c);
    c
}

#[test]
fn every_template_group_opens_in_the_form_and_saves_back_unchanged() {
    let mut total = 0;
    for d in all_templates() {
        for g in &d.groups {
            total += 1;
            let draft = GroupDraft::from_group(g);
            assert!(!draft.keeps_any(), "{}: a part is kept, not held by the form", g.id);
            let back = draft.build(&d).unwrap_or_else(|e| panic!("{}: {e:?}", g.id));
            assert_eq!(&back, g, "{}", g.id);
        }
    }
    assert!(total > 50, "{total}");
    // The shapes the old flat form could not hold: unions of unlike rules, nested exclusions.
    let d = t002();
    let g14_dh = GroupDraft::from_group(d.group("g14_dh").unwrap());
    assert_eq!(g14_dh.rule.conditions[0].kind, ConditionKind::Group);
    assert_eq!(g14_dh.rule.except[0].kind, ConditionKind::AllOf);
    assert_eq!(g14_dh.rule.except[0].conditions[1].except[0].kind, ConditionKind::GradeAtLeast);
}

#[test]
fn every_kind_of_rule_is_built_in_the_form_and_read_back() {
    let kinds: Vec<ConditionDraft> = vec![
        cond(ConditionKind::Position, |c| {
            c.text.words = "Chủ tịch; Phó Chủ tịch".into();
            c.text.except = "Hội".into();
            c.leadership = Some(Leadership::Deputy);
            c.unit.levels = vec![GovLevel::Commune];
        }),
        cond(ConditionKind::Membership, |c| {
            c.committee = Some(Committee::StandingCommittee);
            c.level = Some(GovLevel::District);
            c.text.words = "XXI".into();
        }),
        cond(ConditionKind::WorksIn, |c| c.unit.names = "Sở".into()),
        cond(ConditionKind::Category, |c| c.categories = vec![Category::CivilServant]),
        cond(ConditionKind::AgeBelow, |c| c.years = "45".into()),
        cond(ConditionKind::AgeAtLeast, |c| {
            c.years = "50".into();
            c.reference_year = "2025".into();
        }),
        cond(ConditionKind::GradeAtLeast, |c| c.grade = Some(CivilGrade::Specialist)),
        cond(ConditionKind::PlannedFor, |c| c.text.words = "Bí thư".into()),
        cond(ConditionKind::Gender, |c| c.gender = Some(Gender::Female)),
        cond(ConditionKind::Local, |_| {}),
        cond(ConditionKind::Ethnicity, |c| c.ethnicities = "Mông; Dao".into()),
        meets_level(Scale::Professional, "thac_si"),
        cond(ConditionKind::Label, |c| {
            c.label_name = "Nhóm".into();
            c.text.words = "1.3".into();
        }),
        cond(ConditionKind::Group, |c| c.group = "g11".into()),
        cond(ConditionKind::Everyone, |_| {}),
    ];
    assert_eq!(kinds.len() + 2, ConditionKind::ALL.len(), "every leaf kind, with the two blocks");
    for c in &kinds {
        let rule = c.build(&[Step::Condition(0)]).unwrap_or_else(|e| panic!("{:?}: {e:?}", c.kind));
        assert_eq!(kind_of(&rule), c.kind);
        let back = ConditionDraft::from_rule(&rule);
        assert_eq!(back.kept, None, "{:?}", c.kind);
        assert_eq!(back.build(&[]).unwrap(), rule);
    }
    // Every kind of criterion, "đạt chuẩn" included, is a condition read back as it was built.
    let standard = cond(ConditionKind::Meets, |c| {
        c.criterion.kind = CriterionKind::Standard;
        c.criterion.standard = "bang_1".into();
        c.criterion.above = true;
        c.criterion.scales = vec![Scale::Professional];
    });
    for c in CriterionKind::ALL.iter().filter(|k| **k != CriterionKind::Person) {
        let mut meets = standard.clone();
        meets.criterion.kind = *c;
        meets.criterion.level = "dai_hoc".into();
        meets.criterion.field = "Luật".into();
        let rule = meets.build(&[]).unwrap_or_else(|e| panic!("{c:?}: {e:?}"));
        let back = ConditionDraft::from_rule(&rule);
        assert_eq!((back.kept.clone(), back.build(&[]).unwrap()), (None, rule), "{c:?}");
    }
    let rule = GroupDraft::all_of("x", kinds[..4].to_vec()).rule().unwrap();
    assert!(matches!(&rule, GroupRule::AllOf { rules } if rules.len() == 4));
    assert_eq!(
        kinds[0].build(&[]).unwrap(),
        GroupRule::Position {
            title: Some(TextMatch {
                any_of: vec!["Chủ tịch".into(), "Phó Chủ tịch".into()],
                how: MatchHow::StartsWith,
                none_of: vec!["Hội".into()],
            }),
            leadership: Some(Leadership::Deputy),
            unit: Some(UnitFilter { levels: vec![GovLevel::Commune], ..Default::default() }),
        }
    );
}

#[test]
fn negation_union_of_unlike_rules_and_the_sentences() {
    let d = t002();
    // "cao đẳng, đại học": cao đẳng trở lên, trừ thạc sĩ trở lên.
    let mut f = GroupDraft::all_of(
        "Công chức có trình độ cao đẳng, đại học",
        vec![
            cond(ConditionKind::Category, |c| c.categories = vec![Category::CivilServant]),
            meets_level(Scale::Professional, "cao_dang"),
        ],
    );
    f.rule.except.push(meets_level(Scale::Professional, "thac_si"));
    let g = f.build(&d).unwrap();
    assert!(matches!(&g.rule, GroupRule::Minus { except, .. } if matches!(except.as_ref(), GroupRule::Meets { .. })));
    assert_eq!(f.describe(&d).unwrap(), "Công chức có trình độ cao đẳng, đại học");
    assert_eq!(GroupDraft::from_group(&g).build(&d).unwrap(), g);

    // Dân tộc thiểu số, nữ, người địa phương, từ 30 tuổi trở lên: one group.
    let mut f = GroupDraft::all_of(
        "Cán bộ nữ người dân tộc thiểu số",
        vec![
            cond(ConditionKind::Gender, |c| c.gender = Some(Gender::Female)),
            cond(ConditionKind::AllOf, |c| {
                c.except = vec![cond(ConditionKind::Ethnicity, |e| e.ethnicities = "Kinh".into())]
            }),
            cond(ConditionKind::Local, |_| {}),
            cond(ConditionKind::AgeAtLeast, |c| c.years = "30".into()),
        ],
    );
    assert_eq!(f.describe(&d).unwrap(), "Người dân tộc thiểu số, là nữ, là người địa phương, từ 30 tuổi trở lên");
    f.rule.kind = ConditionKind::AnyOf;
    f.rule.conditions.truncate(2);
    assert_eq!(f.describe(&d).unwrap(), "Cán bộ nữ hoặc người dân tộc thiểu số");

    // A union of unlike rules: Ủy viên Ban Thường vụ or a position by title.
    let f = GroupDraft {
        rule: cond(ConditionKind::AnyOf, |c| {
            c.conditions = vec![
                cond(ConditionKind::Membership, |m| {
                    m.committee = Some(Committee::StandingCommittee);
                    m.level = Some(GovLevel::District);
                }),
                cond(ConditionKind::Position, |p| p.text.words = "Chủ tịch UBND huyện".into()),
            ]
        }),
        ..GroupDraft::all_of("Lãnh đạo chủ chốt", vec![])
    };
    let g = f.build(&d).unwrap();
    assert!(matches!(&g.rule, GroupRule::AnyOf { rules } if rules.len() == 2));
    assert!(f.describe(&d).unwrap().contains(" hoặc "), "{:?}", f.describe(&d));
}

#[test]
fn the_live_count_follows_every_kind() {
    let d = t002();
    let (units, cadres) = hoang_su_phi(3);
    let roster = Roster { units, cadres };
    let idx = RosterIndex::build(&roster);
    let year = 2024;
    let count = |f: &GroupDraft| f.members(&d, &idx, year).unwrap().count() as usize;
    let female = GroupDraft::all_of("Nữ", vec![cond(ConditionKind::Gender, |c| c.gender = Some(Gender::Female))]);
    let local = GroupDraft::all_of("Địa phương", vec![cond(ConditionKind::Local, |_| {})]);
    let (n_female, n_local) = (count(&female), count(&local));
    assert!(n_female > 0 && n_local > 0 && n_female < roster.cadres.len());
    let both = GroupDraft::all_of("x", vec![female.rule.conditions[0].clone(), local.rule.conditions[0].clone()]);
    let either =
        GroupDraft { rule: ConditionDraft { kind: ConditionKind::AnyOf, ..both.rule.clone() }, ..both.clone() };
    let mut female_not_local = female.clone();
    female_not_local.rule.except = local.rule.conditions.clone();
    let (n_both, n_either, n_minus) = (count(&both), count(&either), count(&female_not_local));
    assert_eq!(n_either, n_female + n_local - n_both);
    assert_eq!(n_minus, n_female - n_both);
    let older = GroupDraft::all_of("x", vec![cond(ConditionKind::AgeAtLeast, |c| c.years = "45".into())]);
    let younger = GroupDraft::all_of("x", vec![cond(ConditionKind::AgeBelow, |c| c.years = "45".into())]);
    assert_eq!(count(&older) + count(&younger), count(&GroupDraft::blank()));
    let mut typing = older.clone();
    typing.rule.conditions[0].years = "bốn lăm".into();
    assert_eq!(typing.members(&d, &idx, year), None);
}

#[test]
fn errors_name_the_condition_and_its_field() {
    let d = t002();
    let mut f = GroupDraft::all_of(
        "",
        vec![
            cond(ConditionKind::AgeBelow, |c| c.years = "200".into()),
            cond(ConditionKind::AnyOf, |c| {
                c.conditions =
                    vec![cond(ConditionKind::Group, |g| g.group = "nope".into()), cond(ConditionKind::Gender, |_| {})]
            }),
        ],
    );
    f.rule.except.push(cond(ConditionKind::Membership, |_| {}));
    let e = f.build(&d).unwrap_err();
    assert_eq!(
        fields(&e),
        vec![
            "name",
            "conditions.1.conditions.0.group",
            "conditions.0.years",
            "conditions.1.conditions.1.gender",
            "except.0.committee"
        ]
    );
    assert!(e[1].message.starts_with("Điều kiện 2.1: nhóm “nope”"), "{}", e[1].message);
    assert!(e[4].message.starts_with("Trừ 1: chọn cơ quan"), "{}", e[4].message);
    let empty_or = GroupDraft { rule: ConditionDraft::new(ConditionKind::AnyOf), ..GroupDraft::all_of("x", vec![]) };
    assert_eq!(fields(&empty_or.build(&d).unwrap_err()), vec!["conditions"]);

    // A cycle through another group.
    let mut cyc = GroupDraft::from_group(d.group("g11").unwrap());
    cyc.rule.conditions = vec![cond(ConditionKind::Group, |g| g.group = "g_huyen_all".into())];
    let e = cyc.build(&d).unwrap_err();
    assert_eq!(fields(&e), vec!["rule"], "{e:?}");
    assert!(e[0].message.contains("vòng tròn"));
    let mut own = GroupDraft::from_group(d.group("g11").unwrap());
    own.rule.conditions = vec![cond(ConditionKind::Group, |g| g.group = "g11".into())];
    assert_eq!(fields(&own.build(&d).unwrap_err()), vec!["conditions.0.group"]);
}

#[test]
fn paths_reach_remove_and_name_conditions() {
    let mut f =
        GroupDraft::all_of("x", vec![cond(ConditionKind::AllOf, |c| c.except = vec![ConditionDraft::default()])]);
    let path = [Step::Condition(0), Step::Except(0)];
    assert_eq!(path_key(&path), "conditions.0.except.0");
    assert_eq!(path_label(&path), "Điều kiện 1, trừ 1");
    assert_eq!(path_label(&[Step::Except(1), Step::Condition(2)]), "Trừ 2.3");
    f.rule.at_mut(&path).unwrap().set_kind(ConditionKind::Label);
    assert_eq!(f.rule.at(&path).unwrap().text.how, MatchHow::Equals);
    f.rule.remove(&path);
    assert!(f.rule.conditions[0].except.is_empty());
    assert_eq!(f.rule.at(&path), None);
}

#[test]
fn a_part_the_form_has_no_field_for_is_kept_unchanged() {
    let d = t002();
    let odd = GroupRule::WorksIn {
        unit: UnitFilter {
            name: Some(TextMatch { none_of: vec!["Hội".into()], ..TextMatch::starts_with(&["Ban"]) }),
            ..Default::default()
        },
    }
    .minus(GroupRule::Local);
    let g = Group {
        id: "odd".into(),
        name: "Lẻ".into(),
        rule: odd,
        stated_count: Some(12),
        stated_bound: Default::default(),
        stated_by_year: Vec::new(),
        note: String::new(),
    };
    let f = GroupDraft::from_group(&g);
    assert!(f.keeps_any());
    assert_eq!(f.rule.except[0].kind, ConditionKind::Local, "the rest is in the form");
    let mut dd = d.clone();
    dd.groups.push(g.clone());
    assert_eq!(f.build(&dd).unwrap(), g);
}
