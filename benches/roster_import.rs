//! The roster of 30.000 cadres (300 units) out to CSV and XLSX and back in: the times of
//! building the table, writing CSV, writing XLSX (rust_xlsxwriter), reading XLSX (calamine),
//! reading CSV, and the import preview (mapping guess, every row matched, built and
//! validated) into a roster that holds all of them, natively. The browser runs the same code
//! in wasm (the Excel workers, the nhap-excel page), typically 1.5-3 times slower.
//!
//! `cargo bench --bench roster_import`

use dtbd::domain::fixtures::generate_roster;
use dtbd::domain::model::Cadre;
use dtbd::domain::roster_import::{
    find_header, guess_mapping, parse_csv, preview, roster_table, ImportRequest, ImportSettings,
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
    let (t_xlsx_r, sheets) = time(runs, || dtbd::xlsx::read(&xlsx).unwrap());
    let (t_csv_r, rows) = time(runs, || parse_csv(&csv));
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
}
