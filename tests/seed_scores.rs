//! Every target of the five seed templates keeps its score: each is scored over the demo
//! dataset (roster and the plan in progress) at dates inside and after its period, and every
//! figure of every target is compared with `tests/golden/seed-scores.txt`.
//!
//! A change of scoring that moves a figure shows here as a diff to review; when the change is
//! meant, `UPDATE_GOLDEN=1 cargo test --test seed_scores` rewrites the file and the diff goes
//! into the commit, where it is read.

use std::fmt::Write as _;
use std::path::PathBuf;

use dtbd::domain::demo_plan::{demo_dataset, demo_roster};
use dtbd::domain::directive::{Date, Directive, RosterIndex};
use dtbd::domain::training::{load_plan_file, score_directive_with_records};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

const TEMPLATES: [&str; 5] = [
    "000-quang-tri-37-kl-tu.json",
    "001-lai-chau-05-nq-tu.json",
    "002-hoang-su-phi-02-da-hu.json",
    "003-quang-ngai-ke-hoach-2021.json",
    "004-quang-nam-7328-da-ubnd.json",
];

/// Dates inside the periods (mid-year, year end) and after them (a January review meeting).
const DATES: [(u16, u8, u8); 6] =
    [(2021, 6, 30), (2021, 12, 31), (2023, 3, 15), (2025, 12, 31), (2026, 1, 15), (2026, 12, 1)];

fn scores() -> String {
    let directives: Vec<Directive> =
        TEMPLATES.iter().map(|f| Directive::from_json(&read(&format!("public/templates/{f}"))).unwrap()).collect();
    let plan = load_plan_file(&read("public/plans/003-quang-ngai-ke-hoach-2021.json")).unwrap();
    let data = demo_dataset(demo_roster(), directives, &plan);
    let idx = RosterIndex::build(&data.roster);
    let mut out = String::new();
    for d in &data.directives {
        for &(y, m, day) in &DATES {
            let at = Date::new(y, m, day).unwrap();
            let score = score_directive_with_records(d, &idx, at, &data.training);
            for t in &score.targets {
                let value = t.value.map(|v| format!("{}/{}", v.numerator, v.denominator)).unwrap_or_default();
                writeln!(
                    out,
                    "{} {at} {} {} value={value} measured={:?} target={:?} deadline={:?} gap={} per_year={}",
                    d.id,
                    t.target_id,
                    t.status.code(),
                    t.measured.map(|x| (x * 100.0).round() / 100.0),
                    t.target,
                    t.deadline,
                    t.gap_persons,
                    t.per_year,
                )
                .unwrap();
            }
        }
    }
    out
}

#[test]
fn every_seed_target_keeps_its_score() {
    let path = root().join("tests/golden/seed-scores.txt");
    let now = scores();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &now).unwrap();
        return;
    }
    let before = std::fs::read_to_string(&path).expect("tests/golden/seed-scores.txt (UPDATE_GOLDEN=1 writes it)");
    let changed: Vec<String> = before
        .lines()
        .zip(now.lines())
        .filter(|(a, b)| a != b)
        .take(20)
        .map(|(a, b)| format!("- {a}\n+ {b}"))
        .collect();
    assert!(changed.is_empty(), "scores moved:\n{}", changed.join("\n"));
    assert_eq!(before.lines().count(), now.lines().count(), "the number of scored targets changed");
}
