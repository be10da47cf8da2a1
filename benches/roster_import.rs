//! The roster of 30.000 cadres (300 units) out to CSV and XLSX and back in: the times of
//! building the table, writing CSV, writing XLSX (rust_xlsxwriter), reading XLSX (calamine),
//! reading CSV, and the import preview (mapping guess, every row matched, built and
//! validated) into a roster that holds all of them, natively. The browser runs the same code
//! in wasm (the Excel workers, the nhap-excel page), typically 1.5-3 times slower.
//!
//! Then issue 12's figures: an officer's own sheet of 30.000 rows (her layout: Cấp ủy text,
//! "Đang học …", units the app does not hold yet) read into an empty app — header, mapping,
//! unit proposals and the preview — and the recompute after one review choice changes.
//!
//! `cargo bench --bench roster_import`

use std::collections::HashSet;

use dtbd::domain::demo::sheet::{distinct_people, officer_sheet};
use dtbd::domain::fixtures::generate_roster;
use dtbd::domain::model::Cadre;
use dtbd::domain::roster::Roster;
use dtbd::domain::roster_import::{
    find_header, guess_mapping, parse_csv, preview, propose_units, roster_table, units::create_units, Field,
    ImportRequest, ImportSettings,
};

mod common;
use common::{ms, time};

fn main() {
    let roster = generate_roster(2024, 30_000, 300);
    let runs = 5;
    let order: Vec<&Cadre> = roster.cadres.iter().collect();

    let (t_table, table) = time(runs, || roster_table(&roster, &order));
    let (t_csv, csv) = time(runs, || table.to_csv());
    let (t_xlsx_w, xlsx) = time(runs, || dtbd::xlsx::write(std::slice::from_ref(&table)).unwrap());
    let (t_xlsx_r, sheets) = time(runs, || dtbd::xlsx::read("danh-sach.xlsx", &xlsx).unwrap());
    let (t_csv_r, rows) = time(runs, || parse_csv(&csv).unwrap());
    assert_eq!(rows.len(), 30_001);
    assert_eq!(sheets[0].rows.len(), 30_001);

    let settings = ImportSettings::default();
    let at = find_header(&rows).unwrap();
    let header = rows[at].clone();
    let mapping = guess_mapping(&header, &settings);
    let (t_preview, p) = time(runs, || {
        let req = ImportRequest {
            header: &header,
            rows: &rows[at + 1..],
            first_row: at + 2,
            mapping: &mapping,
            settings: &settings,
            default_unit: None,
            default_category: None,
            new_units: &[],
            different_people: &HashSet::new(),
            now: 1,
        };
        let mut n = 0u64;
        preview(&roster, &req, &mut || {
            n += 1;
            format!("new-{n}")
        })
    });
    assert!(p.errors.is_empty(), "{:?}", &p.errors[..p.errors.len().min(3)]);
    assert_eq!(p.counts(), (0, 0, 30_000), "every exported row reads back unchanged");

    println!("Roster import/export, 30.000 cadres, 300 units, median of {runs} runs:");
    println!("  roster as a table        {}", ms(t_table));
    println!("  CSV write                {} ({:.1} MB)", ms(t_csv), csv.len() as f64 / 1e6);
    println!("  XLSX write               {} ({:.1} MB)", ms(t_xlsx_w), xlsx.len() as f64 / 1e6);
    println!("  XLSX read                {}", ms(t_xlsx_r));
    println!("  CSV read                 {}", ms(t_csv_r));
    println!("  preview (all unchanged)  {}", ms(t_preview));

    // Issue 12: the officer's sheet of 30.000 rows into an empty app.
    let people = distinct_people(&roster);
    let rows = officer_sheet(&roster.units, &people, 30);
    let empty = Roster { units: Vec::new(), cadres: Vec::new() };
    let mut n = 0u64;
    let mut ids = || {
        n += 1;
        format!("id-{n}")
    };
    let no_one = HashSet::new();
    let (t_read, (at, mapping, proposals)) = time(runs, || {
        let at = find_header(&rows).unwrap();
        let mapping = guess_mapping(&rows[at], &settings);
        let proposals = propose_units(&empty, &rows[at + 1..], &mapping);
        (at, mapping, proposals)
    });
    let new_units = create_units(&empty, &proposals, &mut ids, 1);
    let sheet_preview = |settings: &ImportSettings, ids: &mut dyn FnMut() -> String| {
        let req = ImportRequest {
            header: &rows[at],
            rows: &rows[at + 1..],
            first_row: at + 2,
            mapping: &mapping,
            settings,
            default_unit: None,
            default_category: None,
            new_units: &new_units,
            different_people: &no_one,
            now: 1,
        };
        preview(&empty, &req, ids)
    };
    let (t_sheet, p) = time(runs, || sheet_preview(&settings, &mut ids));
    assert!(p.errors.is_empty(), "{:?}", &p.errors[..p.errors.len().min(3)]);
    assert_eq!(p.counts().0, people.len());
    // One review choice: "Đang học thạc sĩ" read as held đại học, studying thạc sĩ.
    let mut chosen = settings.clone();
    chosen.choose_level(Field::Professional, "Đang học thạc sĩ", "dai_hoc>thac_si");
    let (t_choice, _) = time(runs, || sheet_preview(&chosen, &mut ids));
    println!("Issue 12, the officer's sheet, {} rows, {} new units, into an empty app:", people.len(), proposals.len());
    println!("  header, mapping, unit proposals  {}   (goal with the preview: < 2 s)", ms(t_read));
    println!("  preview                          {}", ms(t_sheet));
    println!("  read + preview                   {}", ms(t_read + t_sheet));
    println!("  recompute after one choice       {}   (goal: < 200 ms)", ms(t_choice));
}
