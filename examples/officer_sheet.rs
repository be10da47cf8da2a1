//! Writes the end-to-end fixture of issue 12: the Hoàng Su Phì roster as an organisation
//! officer keeps it in Excel (`dtbd::domain::demo::sheet`), and, for each group of Đề án
//! 02-ĐA/HU, the paragraphs its Thực trạng must print (computed from the roster the sheet was
//! written from, which the domain's tests hold to seed 002 section I's figures).
//!
//! `cargo run --example officer_sheet -- target/e2e/officer-sheet.json`
//!
//! With a size (`-- target/bench-files/officer-sheet-30000.json 30000`) it writes the rows of
//! a generated roster of that many people in the same layout, for the browser bench.

use std::path::Path;

use dtbd::domain::demo::{hoang_su_phi, sheet, HOANG_SU_PHI_YEAR};
use dtbd::domain::directive::{Directive, RosterIndex};
use dtbd::domain::fixtures::generate_roster;
use dtbd::domain::report::status_report;
use dtbd::domain::roster::Roster;

fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "target/e2e/officer-sheet.json".into());
    if let Some(size) = std::env::args().nth(2).and_then(|n| n.parse::<usize>().ok()) {
        let roster = generate_roster(2024, size, 300);
        let people = sheet::distinct_people(&roster);
        let rows = sheet::officer_sheet(&roster.units, &people, 30);
        write(&out, &serde_json::json!({ "rows": rows, "people": people.len() }));
        println!("{out}: {} rows", rows.len());
        return;
    }
    let (units, mut cadres) = hoang_su_phi(12);
    sheet::with_political_bachelors(&mut cadres);
    let rows = sheet::officer_sheet(&units, &cadres, 12);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let template = std::fs::read_to_string(root.join("public/templates/002-hoang-su-phi-02-da-hu.json"))
        .expect("the 02-ĐA/HU template");
    let directive = Directive::from_json(&template).expect("the template reads");
    let roster = Roster { units, cadres };
    let index = RosterIndex::build(&roster);
    let groups: Vec<serde_json::Value> = ["g11", "g12", "g13", "g14", "g21", "g22", "g23", "g24", "g3"]
        .iter()
        .map(|id| {
            let report = status_report(&directive, &index, id, HOANG_SU_PHI_YEAR, true).expect("the group exists");
            serde_json::json!({ "id": id, "name": report.group_name, "total": report.total, "paragraphs": report.paragraphs() })
        })
        .collect();
    let json = serde_json::json!({ "year": HOANG_SU_PHI_YEAR, "rows": rows, "groups": groups });
    write(&out, &json);
    println!("{out}: {} rows, {} groups", rows.len(), groups.len());
}

fn write(out: &str, json: &serde_json::Value) {
    if let Some(dir) = Path::new(out).parent() {
        std::fs::create_dir_all(dir).expect("the output folder");
    }
    std::fs::write(out, serde_json::to_string(json).expect("json")).expect("write the fixture");
}
