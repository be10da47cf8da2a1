//! The officer's roster sheet of issue 12 saved as Excel 97-2003 (`fixtures/officer-sheet.xls`,
//! written by `fixtures/make_officer_sheet_xls.py`) reads to the very cells of the sheet the
//! import's tests hold to seed 002 section I (`demo::sheet`, seed 12): the same file as .xls
//! imports to the same roster.

use dtbd_domain::demo::{hoang_su_phi, sheet};

/// A row without its trailing blank cells (a workbook keeps no empty cell).
fn trimmed(row: &[String]) -> Vec<String> {
    let end = row.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
    row[..end].to_vec()
}

#[test]
fn the_officer_s_sheet_as_xls_reads_to_the_same_cells() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/officer-sheet.xls")).unwrap();
    let sheets = dtbd_xlsx::read("danh-sach.xls", &bytes).expect("an Excel 97-2003 workbook reads");
    assert_eq!(sheets[0].name, "Danh sách CB");
    let (units, mut cadres) = hoang_su_phi(12);
    sheet::with_political_bachelors(&mut cadres);
    let want: Vec<Vec<String>> = sheet::officer_sheet(&units, &cadres, 12).iter().map(|r| trimmed(r)).collect();
    let got: Vec<Vec<String>> = sheets[0].rows.iter().map(|r| trimmed(r)).collect();
    assert_eq!(got.len(), want.len());
    for (n, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "row {}", n + 1);
    }
}
