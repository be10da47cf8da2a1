//! Scores every target of every built-in template over a generated roster of 30.000 cadres in
//! 300 units and prints the median time. Goal: under 10 ms natively (release).
//!
//! `cargo bench --bench scoring`

use std::time::{Duration, Instant};

use dtbd::domain::directive::{score_directive, suggest, Date, Directive, RosterIndex};
use dtbd::domain::fixtures::generate_roster;

mod common;
use common::median;

fn fastest(v: &[Duration]) -> Duration {
    v.iter().copied().min().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let directives: Vec<Directive> = common::templates();
    let targets: usize = directives.iter().map(|d| d.targets().len()).sum();

    let t = Instant::now();
    let roster = generate_roster(2024, 30_000, 300);
    let gen = t.elapsed();
    let at = Date::new(2025, 6, 30).unwrap();
    let runs = 101;

    let mut build = Vec::with_capacity(runs);
    let mut scoring = Vec::with_capacity(runs);
    let mut total = Vec::with_capacity(runs);
    let mut scored = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        let idx = RosterIndex::build(&roster);
        let t1 = Instant::now();
        scored = 0;
        for d in &directives {
            let s = score_directive(d, &idx, at);
            scored += s.targets.len();
            std::hint::black_box(&s);
        }
        let t2 = Instant::now();
        build.push(t1 - t0);
        scoring.push(t2 - t1);
        total.push(t2 - t0);
    }
    assert_eq!(scored, targets);

    let idx = RosterIndex::build(&roster);
    let sugg_runs = 11;
    let mut sugg = Vec::with_capacity(sugg_runs);
    let mut people = 0;
    for _ in 0..sugg_runs {
        let t0 = Instant::now();
        people = 0;
        for d in &directives {
            let s = score_directive(d, &idx, at);
            let b = suggest(d, &idx, at, &s.targets);
            people += b.iter().map(|b| b.people.len()).sum::<usize>();
        }
        sugg.push(t0.elapsed());
    }

    println!("roster: {} cadres in {} units (generated in {})", roster.cadres.len(), roster.units.len(), ms(gen));
    println!("templates: {} directives, {} targets", directives.len(), targets);
    println!("median of {runs} runs:");
    println!("  index the roster           {} (fastest {})", ms(median(build.clone())), ms(fastest(&build)));
    println!("  score all targets          {} (fastest {})", ms(median(scoring.clone())), ms(fastest(&scoring)));
    println!("  index + score (one pass)   {} (fastest {})", ms(median(total.clone())), ms(fastest(&total)));
    println!("median of {sugg_runs} runs:");
    println!("  score + who-to-send-next   {} ({people} people suggested)", ms(median(sugg)));
}
