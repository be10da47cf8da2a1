//! Đọc văn bản over a 30-page document: the five seed documents' text concatenated (about
//! 140.000 bytes, some 40 printed pages) when `../shared/seeds` is there, else the
//! other-province fixtures repeated to the same length. The browser goal is 200 ms; natively
//! it should take a few milliseconds. The project's benches time with `common` (median of
//! runs), not criterion: no bench dependency to build.
//!
//! `cargo bench --bench reading`

use std::path::{Path, PathBuf};

use dtbd::domain::directive::reading::read_text;
use dtbd::domain::training::plan_reading::read_text_with_plan;

mod common;
use common::{ms, time};

fn long_document() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds: Option<PathBuf> = std::env::var_os("DTBD_SEEDS")
        .map(PathBuf::from)
        .into_iter()
        .chain([root.join("../shared/seeds"), root.join("../../shared/seeds")])
        .find(|p| p.is_dir());
    let mut parts: Vec<String> = match seeds {
        Some(dir) => {
            let mut files: Vec<PathBuf> =
                std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            files
                .iter()
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .map(|p| std::fs::read_to_string(p).unwrap())
                .collect()
        }
        None => vec![],
    };
    let fixtures = root.join("tests/fixtures/reading");
    while parts.iter().map(String::len).sum::<usize>() < 140_000 {
        for name in ["nq-tinh-uy-thai-nguyen.txt", "kh-ubnd-huyen-chau-thanh.txt"] {
            parts.push(std::fs::read_to_string(fixtures.join(name)).unwrap());
        }
    }
    parts.join("\n\n")
}

fn main() {
    let text = long_document();
    let (median, reading) = time(51, || read_text(&text).expect("a document under the limit"));
    let targets = reading.directive.targets().len();
    println!(
        "Đọc văn bản: {} bytes, {} paragraphs proposed as {} targets and {} groups — median {} (goal in the browser: 200 ms)",
        text.len(),
        reading.proposals.len(),
        targets,
        reading.directive.groups.len(),
        ms(median)
    );
    // The same length read as a plan (seed 003's header first, so every later section and
    // table is looked at for classes and budgets).
    let plan_text = plan_first(&text);
    let (median, (reading, plan)) = time(51, || read_text_with_plan(&plan_text).expect("a document under the limit"));
    println!(
        "Đọc văn bản with the plan: {} bytes, {} proposals, {} course lines — median {}",
        plan_text.len(),
        reading.proposals.len(),
        plan.lines.len(),
        ms(median)
    );
}

/// The long document with seed 003 (a plan) moved first when it is there.
fn plan_first(text: &str) -> String {
    match text.find("\n\nKẾ HOẠCH").or_else(|| text.find("KẾ HOẠCH")) {
        Some(at) => format!("{}\n\n{}", &text[at..], &text[..at]),
        None => text.to_string(),
    }
}
