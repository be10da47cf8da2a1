//! Scores every target of every built-in template and of the province fixtures, record-based ones included, over a
//! generated roster of 30.000 cadres with 100.000 generated enrollments, and prints the
//! median time. Goal: under 20 ms natively (release).
//!
//! `cargo bench --bench training`

use std::time::{Duration, Instant};

use dtbd::domain::directive::{Date, Directive, EventKind, Measure, RosterIndex};
use dtbd::domain::fixtures::{generate_roster, XorShift};
use dtbd::domain::model::RecordMeta;
use dtbd::domain::training::*;

mod common;
use common::median;

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let directives: Vec<Directive> = common::templates();
    // The seeds' templates and the province documents written as test fixtures (an annual
    // plan, a review report, a resolution with standards).
    let mut directives = directives;
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/directives");
    let mut files: Vec<_> = std::fs::read_dir(&fixtures).expect("fixtures").map(|e| e.unwrap().path()).collect();
    files.sort();
    for file in files {
        directives.push(Directive::from_json(&std::fs::read_to_string(&file).unwrap()).expect("valid fixture"));
    }
    let roster = generate_roster(2024, 30_000, 300);

    // One plan per template, one line per record-based target, plus the seed 003 plan.
    let mut recs = TrainingRecords::default();
    let plan003 = load_plan_file(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/plans/003-quang-ngai-ke-hoach-2021.json"),
        )
        .unwrap(),
    )
    .unwrap();
    recs.add_plan_file(&plan003);
    let mut rng = XorShift::new(7);
    for d in &directives {
        let pid = format!("bench-{}", d.id);
        let mut p = plan003.plan.clone();
        p.id = pid.clone();
        p.directive_ids = vec![d.id.clone()];
        recs.plans.push(p);
        for t in d.targets().into_iter().filter(|t| t.measure.needs_records()) {
            let mut l = plan003.lines[0].clone();
            l.id = format!("{pid}-{}", t.id);
            l.plan_id = pid.clone();
            l.targets = vec![t.id.clone()];
            if let Measure::Events { event, .. } = &t.measure {
                l.event = *event;
                l.classes_planned = Some(3);
                l.classes_held = (0..2)
                    .map(|i| HeldClass { start: Date::new(2025, 3 + i, 1).unwrap(), end: None, note: String::new() })
                    .collect();
            } else {
                l.event = EventKind::Class;
            }
            recs.lines.push(l);
        }
    }
    let statuses = [
        EnrollmentStatus::Completed,
        EnrollmentStatus::Completed,
        EnrollmentStatus::Studying,
        EnrollmentStatus::Nominated,
        EnrollmentStatus::Withdrawn,
    ];
    for i in 0..100_000 {
        let line = &recs.lines[rng.below(recs.lines.len() as u64) as usize];
        let cadre = &roster.cadres[rng.below(roster.cadres.len() as u64) as usize];
        let status = statuses[rng.below(statuses.len() as u64) as usize];
        let day = Date::new(2016 + rng.below(10) as u16, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8).unwrap();
        recs.enrollments.push(Enrollment {
            id: format!("e{i}"),
            cadre_id: cadre.id.clone(),
            line_id: line.id.clone(),
            status,
            nominated_on: Some(day),
            started_on: Some(day),
            ended_on: (!status.is_open()).then_some(day),
            quota_part: None,
            out_of_plan: false,
            result: String::new(),
            meta: RecordMeta::at(1, 0),
        });
    }
    let record_targets: usize =
        directives.iter().map(|d| d.targets().iter().filter(|t| t.measure.needs_records()).count()).sum();
    let targets: usize = directives.iter().map(|d| d.targets().len()).sum();

    let at = Date::new(2025, 6, 30).unwrap();
    let runs = 51;
    let (mut build, mut index_recs, mut scoring, mut total) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut from_records = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        let idx = RosterIndex::build(&roster);
        let t1 = Instant::now();
        let ti = TrainingIndex::build(&idx, &recs);
        let t2 = Instant::now();
        from_records = 0;
        for d in &directives {
            let s = score_directive_indexed(d, &idx, at, &ti);
            from_records += s.targets.iter().filter(|t| t.from_records).count();
            std::hint::black_box(&s);
        }
        let t3 = Instant::now();
        build.push(t1 - t0);
        index_recs.push(t2 - t1);
        scoring.push(t3 - t2);
        total.push(t3 - t0);
    }
    println!(
        "roster: {} cadres, {} units; records: {} plans, {} course lines, {} enrollments",
        roster.cadres.len(),
        roster.units.len(),
        recs.plans.len(),
        recs.lines.len(),
        recs.enrollments.len()
    );
    println!(
        "templates: {} directives, {} targets ({record_targets} record-based, {from_records} scored from records)",
        directives.len(),
        targets
    );
    println!("median of {runs} runs:");
    println!("  index the roster                 {}", ms(median(build)));
    println!("  index the training records       {}", ms(median(index_recs)));
    println!("  score all targets                {}", ms(median(scoring)));
    println!("  total (one pass, goal < 20 ms)   {}", ms(median(total)));
}
