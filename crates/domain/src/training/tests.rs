//! Courses as annual plans write them: funding sources, allocation rounds, in-plan and
//! out-of-plan learners, schedule modes, classes carried over into the next year, per-learner
//! subsidies, budget splits with a remainder and approximate amounts.

use serde_json::json;

use super::data::{budget_problems, check_line, check_plan, BudgetFigure};
use super::*;
use crate::directive::{Date, RosterIndex};
use crate::fixtures::generate_roster;
use crate::number::Bound;

const PLAN_003: &str = include_str!("../../../../public/plans/003-quang-ngai-ke-hoach-2021.json");

fn d(y: u16, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn line(id: &str, plan: &str) -> CourseLine {
    serde_json::from_value(json!({"id": id, "plan_id": plan, "kind": "boi_duong", "programme": format!("Lớp {id}")}))
        .unwrap()
}

fn plan(id: &str, from: u16, to: u16) -> Plan {
    serde_json::from_value(json!({"id": id, "title": "Kế hoạch thử", "from_year": from, "to_year": to})).unwrap()
}

fn part(source: Option<FundingSource>, amount: u64) -> BudgetPart {
    BudgetPart { source, amount, ..BudgetPart::default() }
}

fn ids() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("e{n}")
    }
}

/// Every key of a JSON value, nested ones included.
fn keys(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                out.insert(k.clone());
                keys(x, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| keys(x, out)),
        _ => {}
    }
}

#[test]
fn old_plan_files_read_and_write_back_unchanged() {
    let before: serde_json::Value = serde_json::from_str(PLAN_003).unwrap();
    let f = load_plan_file(PLAN_003).unwrap();
    let (mut old, mut new) = Default::default();
    keys(&before, &mut old);
    keys(&serde_json::to_value(&f).unwrap(), &mut new);
    // Only the record's version and the line's event kind, written as before, are added.
    let added: Vec<&String> = new.difference(&old).collect();
    assert!(added.iter().all(|k| ["meta", "version", "updated_at", "event"].contains(&k.as_str())), "{added:?}");
    assert!(f.lines.iter().all(|l| l.budget_parts.is_empty() && l.carry_over.is_none() && l.round.is_none()));
    assert_eq!(f.plan.budget.total_bound, Bound::Exact);
    assert_eq!(f.plan.budget.parts_sum(), Some(11_147_406_000));
}

#[test]
fn new_fields_read_from_json_with_their_codes() {
    let l: CourseLine = serde_json::from_value(json!({
        "id": "l1", "plan_id": "p1", "kind": "boi_duong", "programme": "Bồi dưỡng ngạch chuyên viên",
        "attendance": "buoi_toi_ngay_nghi", "round": 2,
        "budget": 500_000_000u64, "budget_bound": "about",
        "budget_parts": [{"source": "nsnn", "amount": 300_000_000u64}, {"source": "ca_nhan_tu_chi", "amount": 150_000_000u64}],
        "budget_remainder": 50_000_000u64,
        "subsidy_per_learner": 2_000_000u64,
        "carry_over": {"opened": 2021, "finishes": 2022}
    }))
    .unwrap();
    assert_eq!(l.attendance, Some(Attendance::EveningsWeekends));
    assert_eq!(l.attendance.unwrap().label(), "Buổi tối, ngày nghỉ");
    assert_eq!(l.budget_parts[1].source, Some(FundingSource::SelfFunded));
    assert_eq!(l.budget_bound, Bound::About);
    assert_eq!(l.carry_over.unwrap().label(), "Chuyển tiếp: mở năm 2021, kết thúc năm 2022");
    assert!(check_line(&l).is_empty(), "{:?}", check_line(&l));
    let e: Enrollment = serde_json::from_value(
        json!({"id": "e1", "cadre_id": "c1", "line_id": "l1", "status": "de_cu", "out_of_plan": true}),
    )
    .unwrap();
    assert!(e.out_of_plan);
    assert!(!serde_json::to_string(&Enrollment { out_of_plan: false, ..e }).unwrap().contains("out_of_plan"));
}

#[test]
fn a_split_with_a_remainder_adds_up_to_the_total() {
    let mut b = Budget {
        total: Some(1_000_000_000),
        parts: vec![part(Some(FundingSource::State), 600_000_000), part(Some(FundingSource::Local), 300_000_000)],
        remainder: Some(100_000_000),
        ..Budget::default()
    };
    assert!(budget_problems(&b, "Kinh phí").is_empty());
    // Without the remainder the parts fall short of the total: said, with where to put it.
    b.remainder = None;
    let p = budget_problems(&b, "Kinh phí");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].0, BudgetFigure::Parts);
    assert!(p[0].1.contains("900.000.000 đồng, khác tổng 1.000.000.000 đồng") && p[0].1.contains("Còn lại"), "{p:?}");
    // A remainder that does not close the gap.
    b.remainder = Some(50_000_000);
    let p = budget_problems(&b, "Kinh phí");
    assert_eq!(p[0].0, BudgetFigure::Remainder);
    assert!(p[0].1.contains("cộng còn lại 50.000.000 đồng được 950.000.000 đồng"), "{p:?}");
    // A remainder without a total.
    let p = budget_problems(&Budget { remainder: Some(5), ..Budget::default() }, "Kinh phí");
    assert!(p[0].1.contains("chưa nhập tổng"), "{p:?}");
}

#[test]
fn parts_beyond_the_total_are_refused_and_sums_never_overflow() {
    let b = Budget {
        total: Some(1_000),
        parts: vec![part(None, 700), part(None, 400)],
        remainder: Some(0),
        ..Budget::default()
    };
    let p = budget_problems(&b, "Kinh phí");
    assert_eq!(p, vec![(BudgetFigure::Parts, "Kinh phí: các khoản cộng lại 1.100 đồng, vượt tổng 1.000 đồng.".into())]);
    // u64::MAX + 1: a message, no wrap (which would read 0 and pass) and no panic.
    let huge = Budget { total: Some(0), parts: vec![part(None, u64::MAX), part(None, 1)], ..Budget::default() };
    assert_eq!(huge.parts_sum(), None);
    let p = budget_problems(&huge, "Kinh phí");
    assert!(p[0].1.contains("quá giới hạn 1.000.000.000.000.000 đồng"), "each amount is bounded first: {p:?}");
    // Every part within the limit, their sum past u64: still a message, never a wrap.
    let many =
        Budget { total: Some(0), parts: vec![part(None, crate::limits::MAX_AMOUNT); 20_000], ..Budget::default() };
    let p = budget_problems(&many, "Kinh phí");
    assert!(p[0].1.contains("vượt quá số tiền tính được"), "{p:?}");
    let rest =
        Budget { total: Some(u64::MAX), parts: vec![part(None, u64::MAX)], remainder: Some(1), ..Budget::default() };
    assert!(budget_problems(&rest, "Kinh phí")[0].1.contains("quá giới hạn"));
    // On a plan, the message names the figure.
    let mut p = plan("p1", 2024, 2024);
    p.budget = b;
    let e = check_plan(&p);
    assert_eq!(e[0].field, "budget.parts");
    // And on a line, the line.
    let mut l = line("l1", "p1");
    l.budget = Some(10);
    l.budget_parts = vec![part(Some(FundingSource::State), 11)];
    let e = check_line(&l);
    assert_eq!(e[0].field, "budget_parts");
    assert!(e[0].message.starts_with("Kinh phí lớp \"Lớp l1\": các khoản cộng lại 11 đồng, vượt tổng 10 đồng"));
}

#[test]
fn an_approximate_total_is_shown_with_its_word_and_not_held_to_an_exact_sum() {
    let b = Budget {
        total: Some(500_000_000),
        total_bound: Bound::About,
        parts: vec![part(Some(FundingSource::State), 300_000_000), part(Some(FundingSource::Local), 210_000_000)],
        ..Budget::default()
    };
    assert!(budget_problems(&b, "Kinh phí").is_empty());
    assert_eq!(crate::number::format_amount(b.total_bound, 500_000_000), "khoảng 500.000.000 đồng");
    // The same split with an exact total is refused.
    assert!(!budget_problems(&Budget { total_bound: Bound::Exact, ..b }, "Kinh phí").is_empty());
}

fn funded_records() -> TrainingRecords {
    let mut p = plan("p1", 2024, 2024);
    p.budget = Budget {
        total: Some(1_000),
        parts: vec![part(Some(FundingSource::State), 500), part(Some(FundingSource::Local), 300)],
        remainder: Some(200),
        ..Budget::default()
    };
    let mut a = line("a", "p1");
    a.budget = Some(400);
    a.budget_parts = vec![part(Some(FundingSource::State), 250), part(Some(FundingSource::SelfFunded), 100)];
    a.budget_remainder = Some(50);
    let mut b = line("b", "p1");
    b.budget = Some(120);
    b.subsidy_per_learner = Some(10);
    let mut gone = line("c", "p1");
    gone.budget_parts = vec![part(Some(FundingSource::Other), 999)];
    gone.removed = true;
    TrainingRecords { plans: vec![p], lines: vec![a, b, gone], ..Default::default() }
}

#[test]
fn a_plan_totals_its_budget_by_funding_source() {
    let mut recs = funded_records();
    assert!(recs.validate().is_empty(), "{:?}", recs.validate());
    let t = recs.funding_by_source("p1").unwrap();
    let rows: Vec<(Option<FundingSource>, u64, u64)> = t.rows.iter().map(|r| (r.source, r.plan, r.lines)).collect();
    assert_eq!(
        rows,
        vec![
            (Some(FundingSource::State), 500, 250),
            (Some(FundingSource::Local), 300, 0),
            (Some(FundingSource::SelfFunded), 0, 100),
            // The plan's remainder; line a's remainder and line b's unsplit budget.
            (None, 200, 50 + 120),
        ]
    );
    assert_eq!((t.plan_total, t.lines_total, t.subsidies), (1_000, 520, 0));
    // Subsidies: 10 đồng for each in-plan learner of b, withdrawals and out-of-plan left out.
    for (i, (status, outside)) in [
        (EnrollmentStatus::Nominated, false),
        (EnrollmentStatus::Completed, false),
        (EnrollmentStatus::Failed, false),
        (EnrollmentStatus::Withdrawn, false),
        (EnrollmentStatus::Completed, true),
    ]
    .into_iter()
    .enumerate()
    {
        recs.enrollments.push(Enrollment {
            id: format!("e{i}"),
            cadre_id: format!("c{i}"),
            line_id: "b".into(),
            status,
            nominated_on: None,
            started_on: None,
            ended_on: None,
            quota_part: None,
            out_of_plan: outside,
            result: String::new(),
            meta: Default::default(),
        });
    }
    assert_eq!(recs.funding_by_source("p1").unwrap().subsidies, 30);
    // A sum beyond u64 is a message.
    recs.lines[0].budget_parts.push(part(Some(FundingSource::State), u64::MAX));
    recs.lines[0].budget = None;
    recs.lines[0].budget_remainder = None;
    assert_eq!(recs.funding_by_source("p1").unwrap_err(), "Kinh phí theo nguồn: tổng vượt quá số tiền tính được.");
}

#[test]
fn a_subsidy_is_the_amount_per_learner_times_the_learners_checked() {
    let mut l = line("l1", "p1");
    assert_eq!(l.subsidy_for(5), None);
    l.subsidy_per_learner = Some(1_500_000);
    assert_eq!(l.subsidy_for(40), Some(Ok(60_000_000)));
    l.subsidy_per_learner = Some(u64::MAX / 2);
    let err = l.subsidy_for(3).unwrap().unwrap_err();
    assert!(err.contains("vượt quá") && err.contains("03 học viên"), "{err}");
    // Refused when saved against the line's quota.
    l.quota.persons = Some(3);
    assert_eq!(check_line(&l)[0].field, "subsidy_per_learner");
}

#[test]
fn rounds_start_at_one_and_carried_over_classes_run_forward_within_the_plan() {
    let mut l = line("l1", "p1");
    l.round = Some(0);
    assert!(check_line(&l)[0].message.contains("đợt phân bổ phải từ 1"));
    l.round = Some(2);
    l.quota.parts = vec![QuotaPart { round: Some(0), persons: 3, ..QuotaPart::default() }];
    assert_eq!(check_line(&l)[0].field, "round");
    l.quota.parts.clear();
    l.carry_over = Some(CarryOver { opened: 2022, finishes: 2022 });
    assert!(check_line(&l)[0].message.contains("phải kết thúc sau năm mở lớp"));
    l.carry_over = Some(CarryOver { opened: 2021, finishes: 2022 });
    l.year = Some(2023);
    assert_eq!(check_line(&l)[0].field, "carry_over");
    l.year = Some(2022);
    assert!(check_line(&l).is_empty());
    // Carried into plan 2022 from 2021: fine; listed in a 2024 plan: refused.
    let mut recs = TrainingRecords { plans: vec![plan("p1", 2022, 2022)], lines: vec![l], ..Default::default() };
    assert!(recs.validate().is_empty(), "{:?}", recs.validate());
    recs.plans[0] = plan("p1", 2024, 2024);
    let e = recs.validate();
    assert_eq!(e[0].field, "lines[0].carry_over");
    assert!(e[0].message.contains("không thuộc kế hoạch 2024-2024"));
    // A held class running into the next year flags the line.
    let mut m = line("m", "p1");
    assert!(!m.carries_over());
    m.classes_held.push(HeldClass { start: d(2021, 10, 4), end: Some(d(2022, 3, 30)), note: String::new() });
    assert!(m.carries_over());
}

#[test]
fn out_of_plan_learners_are_counted_apart_and_take_no_place_of_the_quota() {
    let roster = generate_roster(3, 20, 40);
    let idx = RosterIndex::build(&roster);
    let mut l = line("l1", "p1");
    l.quota.persons = Some(2);
    let mut recs = TrainingRecords { plans: vec![plan("p1", 2024, 2024)], lines: vec![l], ..Default::default() };
    let cadre = |i: usize| vec![roster.cadres[i].id.clone()];
    let mut new_id = ids();
    let mut run = |recs: &mut TrainingRecords, who: Vec<String>, outside: bool| {
        let on = d(2024, 3, 1);
        let a = if outside {
            nominate_outside_plan(&idx, &[], recs, "l1", &who, on, 1, &mut new_id)
        } else {
            nominate(&idx, &[], recs, "l1", &who, on, 1, &mut new_id)
        }
        .unwrap();
        let mut r = roster.clone();
        apply(&a.change, &mut r, recs);
        a.warnings.iter().any(|w| w.message.contains("vượt chỉ tiêu"))
    };
    assert!(!run(&mut recs, [cadre(0), cadre(1)].concat(), false));
    // Two places taken of two: an out-of-plan learner is no excess.
    assert!(!run(&mut recs, cadre(2), true));
    assert!(recs.enrollments[2].out_of_plan);
    let t = recs.tally("l1");
    assert_eq!((t.nominated, t.out_of_plan, t.quota_taken()), (2, 1, 2));
    // A third in-plan learner is.
    assert!(run(&mut recs, cadre(3), false));
    // Dispatch statistics count the two apart.
    for e in &mut recs.enrollments {
        e.status = EnrollmentStatus::Completed;
        e.started_on = Some(d(2024, 4, 1));
    }
    assert_eq!(recs.dispatches_in(2024, None), 4);
    assert_eq!(recs.dispatches_placed(2024, None, false), 3);
    assert_eq!(recs.dispatches_placed(2024, Some(TrainingKind::Refresher), true), 1);
    assert_eq!(recs.tally("l1").out_of_plan_completed, 1);
}

#[test]
fn learners_move_in_and_out_of_the_plan_with_undo() {
    let roster = generate_roster(3, 20, 40);
    let idx = RosterIndex::build(&roster);
    let mut l = line("l1", "p1");
    l.quota.persons = Some(1);
    let mut recs = TrainingRecords { plans: vec![plan("p1", 2024, 2024)], lines: vec![l], ..Default::default() };
    let who: Vec<String> = roster.cadres[..2].iter().map(|c| c.id.clone()).collect();
    let mut r = roster.clone();
    let a = nominate_outside_plan(&idx, &[], &recs, "l1", &who, d(2024, 3, 1), 1, &mut ids()).unwrap();
    apply(&a.change, &mut r, &mut recs);
    assert_eq!((recs.tally("l1").out_of_plan, recs.tally("l1").quota_taken()), (2, 0));
    // Both into the plan: one place of one, so the quota is exceeded (a warning).
    let both: Vec<String> = recs.enrollments.iter().map(|e| e.id.clone()).collect();
    let moved = place(&roster, &recs, &both, false, 2).unwrap();
    assert!(moved.warnings.iter().any(|w| w.message.contains("vượt chỉ tiêu")), "{:?}", moved.warnings);
    apply(&moved.change, &mut r, &mut recs);
    assert_eq!((recs.tally("l1").out_of_plan, recs.tally("l1").quota_taken()), (0, 2));
    assert!(recs.enrollments.iter().all(|e| e.meta.version == 2));
    // Already in the plan: nothing to write.
    assert!(place(&roster, &recs, &both, false, 3).unwrap().change.is_empty());
    // Undo puts them back out of the plan.
    apply(&moved.undo(4), &mut r, &mut recs);
    assert_eq!(recs.tally("l1").out_of_plan, 2);
}

/// An annual plan written as provinces write theirs (a fixture of the tests, not a seed):
/// the budget by funding source with a remainder for round 2, a line carried into 2025, a
/// bounded line budget, evening and online classes, a per-learner subsidy.
#[test]
fn an_annual_plan_with_its_budget_by_source_reads_validates_and_totals() {
    let f = load_plan_file(include_str!("../../../../tests/fixtures/plans/ke-hoach-nam-2024-nguon-kinh-phi.json"))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let mut recs = TrainingRecords::default();
    recs.add_plan_file(&f);
    assert!(recs.validate().is_empty(), "{:?}", recs.validate());
    let modes: Vec<Option<Attendance>> = f.lines.iter().map(|l| l.attendance).collect();
    assert_eq!(modes, [Some(Attendance::PartTime), Some(Attendance::EveningsWeekends), Some(Attendance::Online)]);
    assert_eq!(f.lines.iter().map(|l| l.round).collect::<Vec<_>>(), [Some(1), Some(2), Some(1)]);
    // The carried-over class: one of two held classes ends in 2025.
    let l1 = &f.lines[0];
    assert!(l1.carries_over() && l1.classes_held.iter().filter(|c| c.carries_over()).count() == 1);
    let t = recs.funding_by_source("kh-2024").unwrap();
    let rows: Vec<(Option<FundingSource>, u64, u64)> = t.rows.iter().map(|r| (r.source, r.plan, r.lines)).collect();
    assert_eq!(
        rows,
        [
            (Some(FundingSource::State), 800_000_000, 250_000_000 + 150_000_000),
            (Some(FundingSource::Local), 3_200_000_000, 1_500_000_000),
            (Some(FundingSource::SelfFunded), 320_000_000, 300_000_000),
            (Some(FundingSource::Other), 0, 20_000_000),
            // Plan: còn lại; lines: l2's "khoảng" 300 triệu less its 250 triệu, l3's còn lại.
            (None, 200_000_000, 50_000_000 + 30_000_000),
        ]
    );
    assert_eq!((t.plan_total, t.lines_total), (4_520_000_000, 2_300_000_000));
    // A part that takes more than the remainder left for round 2 goes beyond the total: refused.
    let mut over = f.clone();
    over.plan.budget.parts.push(BudgetPart {
        source: Some(FundingSource::Other),
        amount: 300_000_000,
        ..BudgetPart::default()
    });
    let e = load_plan_file(&serde_json::to_string(&over).unwrap()).unwrap_err();
    assert_eq!(e[0].field, "plan.budget.parts");
    assert_eq!(e[0].message, "Kinh phí: các khoản cộng lại 4.620.000.000 đồng, vượt tổng 4.520.000.000 đồng.");
    // Within the total but not closing it with the remainder: said on the remainder.
    over.plan.budget.parts.last_mut().unwrap().amount = 100_000_000;
    let e = load_plan_file(&serde_json::to_string(&over).unwrap()).unwrap_err();
    assert_eq!(e[0].field, "plan.budget.remainder");
    assert!(e[0].message.contains("được 4.620.000.000 đồng, khác tổng 4.520.000.000 đồng"), "{e:?}");
    // 120 learners at 2.500.000 đồng each.
    assert_eq!(l1.subsidy_for(120), Some(Ok(300_000_000)));
}

#[test]
fn a_mistyped_key_in_a_plan_file_is_refused_naming_it_and_where() {
    let mut doc: serde_json::Value = serde_json::from_str(PLAN_003).unwrap();
    assert!(load_plan_file(&doc.to_string()).is_ok());
    doc["lines"][2]["quotaa"] = json!(40);
    doc["plan"]["tilte"] = json!("Kế hoạch");
    let e = load_plan_file(&doc.to_string()).unwrap_err();
    let fields: Vec<&str> = e.iter().map(|x| x.field.as_str()).collect();
    assert_eq!(fields, vec!["lines[2].quotaa", "plan.tilte"], "{e:?}");
    assert!(e[0].message.contains("“quotaa” (tại lines[2])"), "{}", e[0].message);
    // An empty value of an unknown key means nothing and is let through; "$schema" is kept.
    let mut doc: serde_json::Value = serde_json::from_str(PLAN_003).unwrap();
    doc["lines"][0]["ghi_chu"] = json!("");
    doc["$schema"] = json!("https://example.org/plan.schema.json");
    assert!(load_plan_file(&doc.to_string()).is_ok());
}
