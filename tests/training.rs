//! The training loop: operations with undo, record-based scoring with worked examples, and the
//! built-in plan data (seed 003 plan, seed 004 appendices and tables) checked against the
//! documents' own sums.

use std::path::PathBuf;

use dtbd::domain::directive::{Date, Directive, RosterIndex, Status};
use dtbd::domain::fixtures::generate_roster;
use dtbd::domain::levels::{Political, Scale};
use dtbd::domain::model::{Cadre, Leadership, Position, Unit};
use dtbd::domain::roster::Roster;
use dtbd::domain::training::data::parse_plan_index;
use dtbd::domain::training::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn template(file: &str) -> Directive {
    Directive::from_json(&std::fs::read_to_string(root().join("public/templates").join(file)).unwrap()).unwrap()
}

fn plan_003() -> PlanFile {
    load_plan_file(&std::fs::read_to_string(root().join("public/plans/003-quang-ngai-ke-hoach-2021.json")).unwrap())
        .unwrap()
}

fn d(y: u16, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn ids(prefix: &'static str) -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("{prefix}-{n}")
    }
}

/// Ten cadres in one unit, all at trung cấp LLCT, the first five deputies (cấp phó).
fn small_roster() -> Roster {
    let unit: Unit = serde_json::from_str(
        r#"{"id":"u1","name":"Sở Nội vụ","level":"tinh","kind":"chinh_quyen","region":"dong_bang","parent_id":null}"#,
    )
    .unwrap();
    let cadres = (0..10)
        .map(|i| {
            let mut c = Cadre::blank(format!("c{i}"), "u1".into());
            c.full_name = format!("Nguyễn Văn {i}");
            c.political.level = Political::Intermediate;
            c.meta.version = 1;
            if i < 5 {
                c.positions.push(Position {
                    unit_id: "u1".into(),
                    title: "Phó phòng".into(),
                    leadership: Leadership::Deputy,
                });
            }
            c
        })
        .collect();
    Roster { units: vec![unit], cadres }
}

fn line(id: &str, plan: &str, grants: Option<Grant>, targets: &[&str]) -> CourseLine {
    let kind = if grants.is_some() { TrainingKind::Training } else { TrainingKind::Refresher };
    CourseLine {
        grants,
        targets: targets.iter().map(|s| s.to_string()).collect(),
        ..CourseLine::new(id.into(), plan.into(), kind, format!("Chương trình {id}"))
    }
}

fn plan(id: &str, directives: &[&str]) -> Plan {
    Plan {
        id: id.into(),
        title: "Kế hoạch thử".into(),
        issuer: String::new(),
        number: String::new(),
        date: None,
        from_year: 2021,
        to_year: 2025,
        budget: Budget::default(),
        directive_ids: directives.iter().map(|s| s.to_string()).collect(),
        source: String::new(),
        note: String::new(),
        removed: false,
        meta: Default::default(),
    }
}

fn cao_cap_records() -> TrainingRecords {
    let mut l = line("l-cc", "p1", Some(Grant { scale: Scale::Political, level: "cao_cap".into() }), &[]);
    l.audience = Some(serde_json::from_str(r#"{"rule":"position","leadership":"pho"}"#).unwrap());
    l.audience_text = "Cấp phó trở lên".into();
    l.quota.persons = Some(3);
    TrainingRecords { plans: vec![plan("p1", &[])], lines: vec![l], ..Default::default() }
}

#[test]
fn nominate_warns_outside_audience_and_over_quota_then_start_complete_raise_the_level() {
    let mut roster = small_roster();
    let mut recs = cao_cap_records();
    let who: Vec<String> = ["c0", "c1", "c7", "c8"].iter().map(|s| s.to_string()).collect();
    let idx = RosterIndex::build(&roster);
    let mut new_id = ids("e");
    let a = nominate(&idx, &[], &recs, "l-cc", &who, d(2024, 3, 1), 1000, &mut new_id).unwrap();
    assert_eq!(a.change.enrollments.len(), 4, "warnings never block");
    let outside: Vec<_> = a.warnings.iter().filter_map(|w| w.cadre_id.as_deref()).collect();
    assert_eq!(outside, vec!["c7", "c8"]);
    assert!(a.warnings.iter().any(|w| w.cadre_id.is_none() && w.message.contains("vượt chỉ tiêu")), "{:?}", a.warnings);
    apply(&a.change, &mut roster, &mut recs);
    assert_eq!(recs.tally("l-cc").nominated, 4);

    // Nominating c0 again is skipped with a warning.
    let idx = RosterIndex::build(&roster);
    let again = nominate(&idx, &[], &recs, "l-cc", &["c0".to_string()], d(2024, 3, 2), 1001, &mut new_id).unwrap();
    assert!(again.change.enrollments.is_empty());
    assert_eq!(again.warnings.len(), 1);

    let e_ids: Vec<String> = recs.enrollments.iter().map(|e| e.id.clone()).collect();
    let mut hid = ids("h");
    let s = start(&roster, &recs, &e_ids, d(2024, 4, 1), 2000, &mut hid).unwrap();
    apply(&s.change, &mut roster, &mut recs);
    let c0 = roster.cadre("c0").unwrap();
    assert_eq!(c0.political.studying, Some(Political::Advanced), "đang học cao cấp");
    assert_eq!(c0.meta.version, 2);
    assert_eq!(recs.history_of("c0").len(), 1);

    let done = complete(&roster, &recs, &e_ids[..2], d(2025, 6, 30), "Khá", 3000, &mut hid).unwrap();
    apply(&done.change, &mut roster, &mut recs);
    let c0 = roster.cadre("c0").unwrap();
    assert_eq!(c0.political.level, Political::Advanced);
    assert_eq!(c0.political.studying, None);
    let h = recs.history_of("c0");
    assert_eq!(h.len(), 3, "{h:#?}");
    let raise = h.iter().find(|x| x.field == ChangeField::Level).unwrap();
    assert_eq!((raise.before.as_str(), raise.after.as_str(), raise.date), ("trung_cap", "cao_cap", d(2025, 6, 30)));
    assert_eq!(raise.scale, Scale::Political);
    assert_eq!(raise.enrollment_id.as_deref(), Some(e_ids[0].as_str()));
    assert!(raise.source.contains("Hoàn thành"));
    let e0 = recs.enrollment(&e_ids[0]).unwrap();
    assert_eq!(
        (e0.status, e0.ended_on, e0.result.as_str()),
        (EnrollmentStatus::Completed, Some(d(2025, 6, 30)), "Khá")
    );
    // The third stays đang học.
    assert_eq!(roster.cadre("c7").unwrap().political.studying, Some(Political::Advanced));
    assert_eq!(recs.tally("l-cc"), LineTally { studying: 2, completed: 2, ..Default::default() });
    // Completing again is refused with a message naming the state.
    assert!(complete(&roster, &recs, &e_ids[..1], d(2025, 7, 1), "", 3001, &mut hid)
        .unwrap_err()
        .contains("Hoàn thành"));
}

#[test]
fn withdrawal_and_failure_clear_studying() {
    let mut roster = small_roster();
    let mut recs = cao_cap_records();
    let idx = RosterIndex::build(&roster);
    let mut new_id = ids("e");
    let who = vec!["c0".to_string(), "c1".to_string(), "c2".to_string()];
    let a = nominate(&idx, &[], &recs, "l-cc", &who, d(2024, 3, 1), 1, &mut new_id).unwrap();
    apply(&a.change, &mut roster, &mut recs);
    let e: Vec<String> = recs.enrollments.iter().map(|e| e.id.clone()).collect();
    let s = start(&roster, &recs, &e, d(2024, 4, 1), 2, &mut new_id).unwrap();
    apply(&s.change, &mut roster, &mut recs);
    let w = withdraw(&roster, &recs, &e[..1], d(2024, 9, 1), 3, &mut new_id).unwrap();
    apply(&w.change, &mut roster, &mut recs);
    let f = fail(&roster, &recs, &e[1..2], d(2025, 6, 1), "Không đạt", 4, &mut new_id).unwrap();
    apply(&f.change, &mut roster, &mut recs);
    assert_eq!(roster.cadre("c0").unwrap().political.studying, None);
    assert_eq!(roster.cadre("c0").unwrap().political.level, Political::Intermediate);
    assert_eq!(roster.cadre("c1").unwrap().political.studying, None);
    assert_eq!(roster.cadre("c2").unwrap().political.studying, Some(Political::Advanced));
    assert_eq!(recs.enrollment(&e[0]).unwrap().status, EnrollmentStatus::Withdrawn);
    assert_eq!(recs.enrollment(&e[1]).unwrap().status, EnrollmentStatus::Failed);
    let h = recs.history_of("c0");
    assert_eq!(
        h.last().map(|x| (x.field, x.before.as_str(), x.after.as_str())),
        Some((ChangeField::Studying, "cao_cap", ""))
    );
    // A nominee who never started withdraws without touching the cadre.
    let b =
        nominate(&RosterIndex::build(&roster), &[], &recs, "l-cc", &["c3".to_string()], d(2024, 3, 1), 5, &mut new_id)
            .unwrap();
    apply(&b.change, &mut roster, &mut recs);
    let w = withdraw(&roster, &recs, &[b.change.enrollments[0].id.clone()], d(2024, 3, 2), 6, &mut new_id).unwrap();
    assert!(w.change.cadres.is_empty() && w.change.history.is_empty());
}

fn content(roster: &Roster, recs: &TrainingRecords) -> (Vec<Cadre>, Vec<Enrollment>, Vec<QualificationChange>) {
    let strip = |mut c: Cadre| {
        c.meta = Default::default();
        c
    };
    let mut cs: Vec<Cadre> = roster.cadres.iter().cloned().map(strip).collect();
    cs.sort_by(|a, b| a.id.cmp(&b.id));
    let mut es: Vec<Enrollment> = recs
        .enrollments
        .iter()
        .cloned()
        .map(|mut e| {
            e.meta = Default::default();
            e
        })
        .collect();
    es.sort_by(|a, b| a.id.cmp(&b.id));
    let mut hs = recs.history.clone();
    hs.sort_by(|a, b| a.id.cmp(&b.id));
    (cs, es, hs)
}

type Op<'a> = &'a dyn Fn(&Roster, &TrainingRecords, &mut dyn FnMut() -> String) -> Applied;

#[test]
fn undo_restores_exactly_with_newer_versions() {
    let mut roster = small_roster();
    let mut recs = cao_cap_records();
    let mut new_id = ids("x");
    let mut step = |roster: &mut Roster, recs: &mut TrainingRecords, op: Op<'_>, now: i64| {
        let before = content(roster, recs);
        let a = op(roster, recs, &mut new_id);
        apply(&a.change, roster, recs);
        assert_ne!(content(roster, recs), before, "the operation changed something");
        let undo = a.undo(now);
        for c in &undo.cadres {
            let after = a.change.cadres.iter().find(|x| x.id == c.id).unwrap();
            assert_eq!(c.meta.version, after.meta.version + 1, "undo is a newer version");
        }
        let mut r2 = roster.clone();
        let mut t2 = recs.clone();
        apply(&undo, &mut r2, &mut t2);
        assert_eq!(content(&r2, &t2), before, "undo restores exactly");
        a
    };
    let who = vec!["c0".to_string(), "c1".to_string()];
    let a = step(
        &mut roster,
        &mut recs,
        &|r, t, id| nominate(&RosterIndex::build(r), &[], t, "l-cc", &who, d(2024, 1, 2), 10, id).unwrap(),
        11,
    );
    let e: Vec<String> = a.change.enrollments.iter().map(|x| x.id.clone()).collect();
    step(&mut roster, &mut recs, &|r, t, id| start(r, t, &e, d(2024, 2, 1), 20, id).unwrap(), 21);
    step(&mut roster, &mut recs, &|r, t, id| withdraw(r, t, &e[1..], d(2024, 5, 1), 30, id).unwrap(), 31);
    step(&mut roster, &mut recs, &|r, t, id| complete(r, t, &e[..1], d(2024, 12, 1), "Giỏi", 40, id).unwrap(), 41);
    assert_eq!(roster.cadre("c0").unwrap().political.level, Political::Advanced);
}

/// A directive with one group (everyone) and record-based targets, as JSON.
fn directive(targets: &str) -> Directive {
    Directive::from_json(&format!(
        r#"{{"id":"d1","kind":"ke_hoach","number":"01/KH","issuer":"UBND","title":"Thử","period":{{"from":2021,"to":2025}},
        "groups":[{{"id":"g","name":"Toàn bộ","rule":{{"rule":"everyone"}}}}],
        "sections":[{{"id":"s1","items":[{{"id":"i1","text":"","targets":[{targets}]}}]}}]}}"#
    ))
    .unwrap_or_else(|e| panic!("{e:#?}"))
}

fn completed(id: &str, cadre: &str, line: &str, on: Date) -> Enrollment {
    Enrollment {
        id: id.into(),
        cadre_id: cadre.into(),
        line_id: line.into(),
        status: EnrollmentStatus::Completed,
        nominated_on: None,
        started_on: Some(on),
        ended_on: Some(on),
        quota_part: None,
        out_of_plan: false,
        result: String::new(),
        meta: Default::default(),
    }
}

#[test]
fn annual_share_and_period_targets_from_enrollments() {
    // Worked example: 10 cadres; "hàng năm ít nhất 60% được bồi dưỡng".
    let dir = directive(
        r#"{"id":"t_year","sentence":"Hàng năm ít nhất 60% được bồi dưỡng","group":"g","measure":{"kind":"trained","training":"Bồi dưỡng cập nhật","window":{"every":"year"}},"milestones":[{"year":2025,"value":60}]},
           {"id":"t_2y","sentence":"Ít nhất 1 lần trong 2 năm","group":"g","measure":{"kind":"trained","training":"Bồi dưỡng kỹ năng","window":{"every":"years","years":2}},"milestones":[{"year":2025,"value":100}]},
           {"id":"t_none","sentence":"Chưa có lớp nào","group":"g","measure":{"kind":"trained","training":"Không có lớp","window":{"every":"year"}},"milestones":[{"year":2025,"value":50}]}"#,
    );
    let roster = small_roster();
    let idx = RosterIndex::build(&roster);
    let mut recs = TrainingRecords { plans: vec![plan("p", &["d1"])], ..Default::default() };
    recs.lines.push(line("l-year", "p", None, &["t_year"]));
    let mut l2 = line("l-2y", "p", None, &[]);
    l2.programme = "Bồi dưỡng kỹ năng".into(); // serves t_2y by its training text
    recs.lines.push(l2);
    // 2025: c0..c4 completed (5/10), c5 completed in 2024 (not this year), c6 studying.
    for i in 0..5 {
        recs.enrollments.push(completed(&format!("y{i}"), &format!("c{i}"), "l-year", d(2025, 3, 1)));
    }
    recs.enrollments.push(completed("y5", "c5", "l-year", d(2024, 11, 1)));
    let mut open = completed("y6", "c6", "l-year", d(2025, 4, 1));
    open.status = EnrollmentStatus::Studying;
    open.ended_on = None;
    recs.enrollments.push(open);
    // Two-year window: 2024 and 2025 count at 30/06/2025, 2023 does not.
    for (i, y) in [(0, 2023), (1, 2024), (2, 2025), (3, 2025)] {
        recs.enrollments.push(completed(&format!("w{i}"), &format!("c{i}"), "l-2y", d(y, 6, 1)));
    }

    let at = d(2025, 6, 30);
    let s = score_directive_with_records(&dir, &idx, at, &recs);
    let y = s.target("t_year").unwrap();
    assert!(y.from_records);
    assert_eq!(y.value_text(), "5/10 = 50%");
    assert_eq!((y.required, y.gap_persons), (Some(6), 1));
    // Half the year gone: the path expects about 30%, 50% is on track.
    assert_eq!(y.status, Status::OnTrack);
    assert_eq!(y.what_if, Some(60.0), "c6 completing makes 6/10");
    assert_eq!(y.what_if_met, Some(true));
    let w = s.target("t_2y").unwrap();
    assert_eq!(w.value_text(), "3/10 = 30%");
    assert_eq!(w.gap_persons, 7);
    let n = s.target("t_none").unwrap();
    assert_eq!((n.status, n.value_text().as_str()), (Status::NotScored, "chưa có dữ liệu"));
    // At the end of 2025 with 6 of 10: met. Scored later than a record: it still counts.
    recs.enrollments.push(completed("y7", "c7", "l-year", d(2025, 10, 1)));
    let s = score_directive_with_records(&dir, &idx, d(2025, 12, 31), &recs);
    assert_eq!(s.target("t_year").unwrap().status, Status::Met);
    // The old entry point never reads records.
    let plain = dtbd::domain::directive::score_directive(&dir, &idx, at);
    assert_eq!(plain.target("t_year").unwrap().value_text(), "chưa có dữ liệu");
}

#[test]
fn seed_001_quota_monitoring_194_of_200_and_doctors_over_quota() {
    let mut tpl = template("001-lai-chau-05-nq-tu.json");
    let roster = generate_roster(1, 400, 40);
    let idx = RosterIndex::build(&roster);
    let mut recs = TrainingRecords { plans: vec![plan("p-lc", &["tpl-001"])], ..Default::default() };
    recs.lines.push(line(
        "l-ths",
        "p-lc",
        Some(Grant { scale: Scale::Professional, level: "thac_si".into() }),
        &["t_ths_200"],
    ));
    recs.lines.push(line(
        "l-ts",
        "p-lc",
        Some(Grant { scale: Scale::Professional, level: "tien_si".into() }),
        &["t_ts"],
    ));
    for i in 0..194 {
        recs.enrollments.push(completed(
            &format!("m{i}"),
            &roster.cadres[i].id,
            "l-ths",
            d(2012 + (i % 3) as u16, 6, 30),
        ));
    }
    for i in 0..7 {
        recs.enrollments.push(completed(&format!("p{i}"), &roster.cadres[300 + i].id, "l-ts", d(2013, 12, 1)));
    }
    // Three more are studying: the what-if.
    for i in 0..3 {
        let mut e = completed(&format!("s{i}"), &roster.cadres[250 + i].id, "l-ths", d(2014, 9, 1));
        e.status = EnrollmentStatus::Studying;
        recs.enrollments.push(e);
    }
    let at = d(2014, 12, 31);
    let s = score_directive_with_records(&tpl, &idx, at, &recs);
    let m = s.target("t_ths_200").unwrap();
    assert_eq!(m.value_text(), "194 đồng chí, đạt 97% so với mục tiêu");
    assert_eq!((m.required, m.gap_persons, m.what_if), (Some(200), 6, Some(197.0)));
    assert_ne!(m.status, Status::Met);
    // The document's "07 tiến sỹ" has no stated quota: followed (chỉ theo dõi), not judged.
    let ts = s.target("t_ts").unwrap();
    assert_eq!((ts.status, ts.measured), (Status::Tracked, Some(7.0)));
    // With a quota of 05 (hypothetical), 07 exceeds it.
    {
        let mut v: serde_json::Value = serde_json::from_str(&tpl.to_json()).unwrap();
        fn walk(v: &mut serde_json::Value) {
            match v {
                serde_json::Value::Object(o) => {
                    if o.get("id").and_then(|x| x.as_str()) == Some("t_ts") {
                        o.insert("milestones".into(), serde_json::json!([{"year": 2015, "value": 5}]));
                    }
                    o.values_mut().for_each(walk);
                }
                serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
                _ => {}
            }
        }
        walk(&mut v);
        tpl = Directive::from_json(&v.to_string()).unwrap();
    }
    let s = score_directive_with_records(&tpl, &idx, at, &recs);
    let ts = s.target("t_ts").unwrap();
    assert_eq!(ts.status, Status::Met);
    assert_eq!(ts.value_text(), "07 đồng chí, vượt chỉ tiêu");
}

#[test]
fn events_per_year_from_classes_held() {
    let tpl = template("004-quang-nam-7328-da-ubnd.json");
    let roster = generate_roster(3, 200, 40);
    let idx = RosterIndex::build(&roster);
    let mut recs = TrainingRecords { plans: vec![plan("p-qn", &["tpl-004"])], ..Default::default() };
    let mut l = line("l-doan", "p-qn", None, &["t_a_doan2"]);
    l.event = dtbd::domain::directive::EventKind::Delegation;
    l.abroad = true;
    l.classes_planned = Some(3);
    l.year = Some(2025);
    l.classes_held = vec![
        HeldClass { start: d(2025, 3, 1), end: Some(d(2025, 3, 10)), note: String::new() },
        HeldClass { start: d(2024, 3, 1), end: None, note: String::new() },
    ];
    recs.lines.push(l);
    let s = score_directive_with_records(&tpl, &idx, d(2025, 6, 30), &recs);
    let t = s.target("t_a_doan2").unwrap();
    assert_eq!(t.value_text(), "01 đoàn trong năm 2025");
    assert_eq!((t.required, t.gap_persons, t.what_if), (Some(2), 1, Some(3.0)));
    // Only the targets a line serves leave "chưa có dữ liệu".
    let record: Vec<&str> = tpl.targets().iter().filter(|t| t.measure.needs_records()).map(|t| t.id.as_str()).collect();
    let no_data = s.targets.iter().filter(|x| record.contains(&x.target_id.as_str()) && x.value.is_none()).count();
    assert_eq!(no_data, record.len() - 1);
}

#[test]
fn seed_003_plan_budget_quota_and_lines() {
    let f = plan_003();
    let b = &f.plan.budget;
    assert_eq!(b.total, Some(11_147_406_000));
    assert_eq!(b.block(Block::Party), Some(7_237_406_000));
    assert_eq!(b.block(Block::State), Some(3_910_000_000));
    assert_eq!(b.parts_sum(), Some(11_147_406_000));
    assert_eq!(dtbd::domain::directive::format_thousands(b.total.unwrap()), "11.147.406.000");
    let cc = &f.lines[0];
    assert_eq!(cc.quota.persons, Some(145));
    assert_eq!(cc.quota.parts.iter().map(|p| p.persons).collect::<Vec<_>>(), vec![4, 56, 10, 60, 15]);
    assert_eq!(cc.quota.parts_sum(), Some(145));
    assert_eq!(cc.grants, Some(Grant { scale: Scale::Political, level: "cao_cap".into() }));
    assert_eq!(f.lines.len(), 15, "4 đào tạo + QP-AN + 3 xây dựng Đảng + 7 QLNN");
    assert_eq!(f.lines.iter().filter(|l| l.kind == TrainingKind::Training).count(), 4);
    let on_demand: Vec<&str> = f.lines.iter().filter(|l| l.quota.on_demand).map(|l| l.section.as_str()).collect();
    assert_eq!(on_demand, vec!["II.2", "II.3", "II.4", "III.1", "III.2", "III.2", "III.2"]);
    let about: u32 = f.lines.iter().filter(|l| l.section == "III.3").filter_map(|l| l.quota.persons).sum();
    assert_eq!(about, 50 + 60 + 120 + 120 + 240 + 720 + 100);
    for l in &f.lines {
        assert!(
            !l.audience_text.is_empty() && !l.directing_body.is_empty() && !l.organising_body.is_empty(),
            "{}",
            l.programme
        );
        assert!(!l.institutions.is_empty() && l.time.starts_with("Trong năm 2021"), "{}", l.programme);
    }
    assert!(f.lines[0].conditions.contains("4741-CV/BTCTW") && f.lines[3].conditions.contains("101/2017/NĐ-CP"));
    // Every target the lines name exists in the Quảng Ngãi template.
    let tpl = template("003-quang-ngai-ke-hoach-2021.json");
    assert!(f.plan.directive_ids.contains(&tpl.id));
    for l in &f.lines {
        for t in &l.targets {
            assert!(tpl.target(t).is_some(), "{t}");
        }
    }
    // A budget that does not add up is refused.
    let mut bad = f.clone();
    bad.plan.budget.parts[1].amount += 1;
    let err = load_plan_file(&serde_json::to_string(&bad).unwrap()).unwrap_err();
    assert!(err[0].message.contains("11.147.406.000"), "{err:?}");
    let mut bad = f.clone();
    bad.lines[0].quota.parts[0].persons = 5;
    assert!(load_plan_file(&serde_json::to_string(&bad).unwrap()).is_err());
    // Scored with the plan: a line serves each target, nothing enrolled yet = 0, not "no data".
    let roster = generate_roster(5, 500, 40);
    let idx = RosterIndex::build(&roster);
    let mut recs = TrainingRecords::default();
    recs.add_plan_file(&f);
    assert!(recs.validate().is_empty(), "{:?}", recs.validate());
    let s = score_directive_with_records(&tpl, &idx, d(2021, 6, 30), &recs);
    let t = s.target("t_cc145").unwrap();
    assert_eq!(
        (t.value_text().as_str(), t.required),
        ("00 đồng chí, đạt 0% so với mục tiêu", Some(138)),
        "khoảng 145 = 95%"
    );
}

#[test]
fn seed_004_appendices_and_tables() {
    let json = std::fs::read_to_string(root().join("public/plans/004-quang-nam-7328-so-lieu.json")).unwrap();
    let (data, notes) = load_plan_data(&json).unwrap();
    let tpl = template("004-quang-nam-7328-da-ubnd.json");
    assert_eq!(data.directive_id, tpl.id);
    // Appendix I: 8 fields, 25 orientations, every target named exists.
    assert_eq!(data.responsibilities.len(), 8);
    assert_eq!(data.responsibilities.iter().map(|r| r.orientations.len()).sum::<usize>(), 25);
    let b = &data.responsibilities[1];
    assert_eq!(
        b.minimums.iter().map(|m| (m.event.code(), m.count)).collect::<Vec<_>>(),
        vec![("class", 1), ("delegation", 1), ("workshop", 1)]
    );
    for r in &data.responsibilities {
        for t in r.targets.iter().chain(r.orientations.iter().flat_map(|o| &o.targets)) {
            assert!(tpl.target(t).is_some(), "{t}");
        }
    }
    // Appendix II: 19 quota rows; the fixed ones add up to 55, per-locality ones are flagged.
    assert_eq!(data.agency_quotas.len(), 19);
    let fixed: u32 = data.agency_quotas.iter().filter(|q| !q.per_unit).map(|q| q.persons).sum();
    assert_eq!(fixed, 2 + 2 * 5 + 2 + 3 + 2 + 1 + 3 + 1 + 30);
    assert_eq!(data.agency_quotas.iter().filter(|q| q.per_unit).count(), 6);
    for q in &data.agency_quotas {
        let t = tpl.target(&q.target).unwrap_or_else(|| panic!("{}", q.target));
        assert_eq!(t.milestones[0].value, Some(f64::from(q.persons)), "{}", q.target);
    }
    // Tables 1-2, 2010-2023, as printed; the one inconsistency of Table 2 is a note.
    let (t1, t2) = (&data.tables[0], &data.tables[1]);
    assert_eq!((t1.rows.len(), t2.rows.len()), (14, 14));
    assert_eq!(t1.rows.iter().map(|r| r.total).sum::<u32>(), 8664);
    assert_eq!(t1.row(2010).unwrap().total, 1528);
    assert_eq!(t1.staff_total(2010, StaffKind::CadreOrCivilServant), 43 + 305 + 5);
    assert_eq!(t1.staff_total(2010, StaffKind::PublicEmployee), 59 + 820 + 296);
    assert_eq!(t2.column_total(10), 14277);
    assert_eq!(t2.unit, CountUnit::Attendances);
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].contains("2023") && notes[0].contains("1.326") && notes[0].contains("1.345"), "{notes:?}");
    assert!(notes[1].contains("47.549") && notes[1].contains("47.530"), "{notes:?}");
    // The statistics page's "số liệu nhập tay" per year and kind, kept apart from enrollments.
    let recs = TrainingRecords { aggregates: data.tables.clone(), ..Default::default() };
    assert_eq!(recs.aggregate_total(2010, TrainingKind::Training, CountUnit::Attendances), Some(1528));
    assert_eq!(recs.aggregate_total(2023, TrainingKind::Refresher, CountUnit::Attendances), Some(1326));
    assert_eq!(recs.aggregate_total(2030, TrainingKind::Training, CountUnit::Attendances), None);
    assert_eq!(recs.dispatches_in(2010, None), 0);
    // Average per year as the document states it: 619 dispatches to đào tạo.
    assert_eq!((8664.0f64 / 14.0).round() as u32, 619);
    assert!(DispatchTable::LABEL.contains("tổng hợp"));
    // Plan index.
    let index = parse_plan_index(&std::fs::read_to_string(root().join("public/plans/index.json")).unwrap()).unwrap();
    assert_eq!(index.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), vec!["plan", "data"]);
    for e in &index {
        assert!(root().join("public/plans").join(&e.file).exists());
    }
}

/// Lớp chuyển tiếp: a class opened in 2021 and finishing in 2022 counts among 2021's classes,
/// and its learners' results among 2022's, as the plans write it; an out-of-plan learner who
/// completed is trained all the same (the directive counts people trained, not places).
#[test]
fn a_carried_over_class_counts_in_its_opening_year_and_its_results_in_the_next() {
    let dir = directive(
        r#"{"id":"t_classes","sentence":"Hằng năm mở ít nhất 02 lớp","measure":{"kind":"events","event":"class","training":"Bồi dưỡng kỹ năng lãnh đạo"},"milestones":[{"year":2025,"value":2}]},
           {"id":"t_trained","sentence":"Hằng năm 30% được bồi dưỡng","group":"g","measure":{"kind":"trained","training":"Bồi dưỡng kỹ năng lãnh đạo","window":{"every":"year"}},"milestones":[{"year":2025,"value":30}]}"#,
    );
    let roster = small_roster();
    let idx = RosterIndex::build(&roster);
    let mut l = line("l-kn", "p", None, &[]);
    l.programme = "Bồi dưỡng kỹ năng lãnh đạo".into();
    l.year = Some(2021);
    l.carry_over = Some(CarryOver { opened: 2021, finishes: 2022 });
    l.classes_held = vec![HeldClass { start: d(2021, 10, 4), end: Some(d(2022, 3, 30)), note: String::new() }];
    let mut recs = TrainingRecords { plans: vec![plan("p", &["d1"])], lines: vec![l], ..Default::default() };
    for i in 0..3 {
        let mut e = completed(&format!("k{i}"), &format!("c{i}"), "l-kn", d(2022, 3, 30));
        e.started_on = Some(d(2021, 10, 4));
        e.out_of_plan = i == 2;
        recs.enrollments.push(e);
    }
    assert!(recs.validate().is_empty(), "{:?}", recs.validate());
    assert!(recs.lines[0].carries_over());
    let s = score_directive_with_records(&dir, &idx, d(2021, 12, 20), &recs);
    assert_eq!(s.target("t_classes").unwrap().measured, Some(1.0), "opened in 2021: one of 2021's classes");
    assert_eq!(s.target("t_trained").unwrap().value_text(), "0/10 = 0%", "no result yet in 2021");
    let s = score_directive_with_records(&dir, &idx, d(2022, 6, 30), &recs);
    assert_eq!(s.target("t_classes").unwrap().measured, Some(0.0), "not a 2022 class");
    assert_eq!(s.target("t_trained").unwrap().value_text(), "3/10 = 30%", "its results count in 2022");
    // Started in 2021: the dispatch statistics count the learners in 2021, in and out of plan apart.
    assert_eq!((recs.dispatches_placed(2021, None, false), recs.dispatches_placed(2021, None, true)), (2, 1));
}
