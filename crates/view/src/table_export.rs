//! "Tải Excel (.xlsx)" / "Tải CSV" of the tables a page shows: which tables each file holds
//! and what it is called. The files are written by the store (CSV) and the Excel worker.

use dtbd_domain::date::Moment;
use dtbd_domain::roster::Roster;
use dtbd_domain::table::Table;
use dtbd_domain::tables::csv_name;
use dtbd_domain::text::slug;

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

/// "danh-sach-can-bo-xa-nam-son": the roster export's name before its moment, with the name
/// of the unit the whole roster belongs to, when one does.
pub fn roster_base(roster: &Roster) -> String {
    match roster.only_root().map(|u| slug(&u.name, 60)).filter(|s| !s.is_empty()) {
        Some(unit) => format!("danh-sach-can-bo-{unit}"),
        None => "danh-sach-can-bo".into(),
    }
}

/// A file's name without extension: `base` and the moment it was written
/// ("bang-3-trinh-do-chuyen-mon-2026-12-01-1530"), so a second export never replaces the first.
pub fn file_base(base: &str, at: Moment) -> String {
    format!("{base}-{}", at.file_stamp())
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
        let at = Moment { date: dtbd_domain::date::Date { year: 2025, month: 3, day: 9 }, hour: 15, minute: 30 };
        assert_eq!(file_base("bang-3", at), "bang-3-2025-03-09-1530");
        let one = Roster { units: vec![dtbd_domain::fixtures::unit("x", "Xã Nam Sơn", None)], ..Roster::default() };
        assert_eq!(file_base(&roster_base(&one), at), "danh-sach-can-bo-xa-nam-son-2025-03-09-1530");
        let mut two = one.clone();
        two.units.push(dtbd_domain::fixtures::unit("y", "Xã Nậm Ty", None));
        assert_eq!(roster_base(&two), "danh-sach-can-bo");
        assert_eq!(exported_message("a.csv"), "Đã xuất tệp a.csv.");
    }
}
