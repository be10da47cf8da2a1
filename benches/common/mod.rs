//! Timing helpers shared by the native benches (`mod common;` in each): median of runs,
//! milliseconds for the printed tables.
#![allow(dead_code)] // Each bench uses the helpers it needs.

use std::time::{Duration, Instant};

/// The median of the measured runs.
pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// "12.3 ms".
pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Runs `f` `runs` times; the median time and the last result.
pub fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let out = f();
        times.push(t.elapsed());
        last = Some(out);
    }
    (median(times), last.expect("at least one run"))
}

/// The built-in templates (`public/templates/`, in the order of their index), validated.
pub fn templates() -> Vec<dtbd::domain::directive::Directive> {
    use dtbd::domain::directive::{parse_template_index, Directive};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/templates");
    let index =
        parse_template_index(&std::fs::read_to_string(dir.join("index.json")).expect("index.json")).expect("index");
    index
        .iter()
        .map(|e| {
            Directive::from_json(&std::fs::read_to_string(dir.join(&e.file)).expect("template"))
                .expect("valid template")
        })
        .collect()
}
