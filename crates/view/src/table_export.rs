//! "Tải Excel (.xlsx)" / "Tải CSV" of the tables a page shows: which tables each file holds
//! and what it is called. The files are written by the store (CSV) and the Excel worker.

use dtbd_domain::directive::Date;
use dtbd_domain::table::Table;
use dtbd_domain::tables::csv_name;

/// The two files a table export offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One sheet per table.
    Xlsx,
    /// The first table (a CSV holds one).
    Csv,
}

/// The tables `format` writes out of `tables`; empty when there is nothing to export.
pub fn tables_in(format: Format, tables: &[Table]) -> &[Table] {
    match format {
        Format::Xlsx => tables,
        Format::Csv => &tables[..tables.len().min(1)],
    }
}

/// The file name without extension for one table: its title, folded ("bang-3-…").
pub fn table_base(t: &Table) -> String {
    let name = csv_name(t);
    name.strip_suffix(".csv").unwrap_or(&name).to_string()
}

/// "danh-sach-can-bo-2025-03-09": the roster export's file name without extension.
pub fn roster_base(today: Date) -> String {
    format!("danh-sach-can-bo-{:04}-{:02}-{:02}", today.year, today.month, today.day)
}

/// After a download.
pub fn exported_message(file: &str) -> String {
    format!("Đã xuất tệp {file}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(title: &str) -> Table {
        Table { title: title.into(), ..Table::default() }
    }

    #[test]
    fn csv_holds_the_first_table_xlsx_all() {
        let ts = [table("Bảng 3"), table("Bảng 4")];
        assert_eq!(tables_in(Format::Xlsx, &ts).len(), 2);
        assert_eq!(tables_in(Format::Csv, &ts), &ts[..1]);
        assert!(tables_in(Format::Csv, &[]).is_empty());
    }

    #[test]
    fn names() {
        assert_eq!(table_base(&table("Bảng 3. Trình độ chuyên môn")), "bang-3-trinh-do-chuyen-mon");
        assert_eq!(roster_base(Date { year: 2025, month: 3, day: 9 }), "danh-sach-can-bo-2025-03-09");
        assert_eq!(exported_message("a.csv"), "Đã xuất tệp a.csv.");
    }
}
