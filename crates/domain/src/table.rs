//! Bảng xuất: a report table as plain data, the one shape every export speaks — CSV here, XLSX
//! in the Excel worker bundle, HTML in the pages. Reports build a [`Table`]; they never write a
//! file format themselves.
//!
//! CSV is UTF-8 with a byte-order mark so Excel reads Vietnamese correctly, and every text cell
//! that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, tab or CR) is
//! neutralised with a leading apostrophe (CSV/formula injection).

use serde::{Deserialize, Serialize};

use crate::number;

/// One cell. Numbers stay numbers so a spreadsheet can sum them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v")]
pub enum Cell {
    /// Ô trống.
    Empty,
    /// Chữ.
    Text(String),
    /// Số nguyên (a count): shown "1.200", written plainly to files ([`Cell::plain`]).
    Int(i64),
    /// Số thập phân.
    Number(f64),
    /// Tỷ lệ, in percent (31.0 = 31,0%); written with `decimals` digits after the comma.
    Percent { value: f64, decimals: u8 },
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// The cell as a Vietnamese reader writes it: decimal comma, dots between thousands
    /// ("1.200", "31,0%"). A year is a label, not a figure: hold it as text.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Int(n) if *n < 0 => format!("-{}", number::grouped(n.unsigned_abs())),
            Cell::Int(n) => number::grouped(*n),
            Cell::Number(x) => number::format_stated(*x),
            Cell::Percent { value, decimals } => {
                format!("{}%", number::decimal(number::round_scaled(*value, *decimals), *decimals))
            }
        }
    }
}

impl Cell {
    /// The cell as a file holds it: numbers written plainly (a point, not a comma, no dots
    /// between thousands) so spreadsheets read them as numbers whatever the locale's list
    /// separator, and a year reads back as the year; texts as they are.
    pub fn plain(&self) -> String {
        match self {
            Cell::Int(n) => n.to_string(),
            Cell::Number(x) => x.to_string(),
            Cell::Percent { value, decimals } => format!("{value:.prec$}", prec = usize::from(*decimals)),
            other => other.display(),
        }
    }
}

/// A table with a title, one header row and data rows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Table {
    /// Tiêu đề (also the sheet name, shortened, in XLSX).
    pub title: String,
    /// Tên cột.
    pub header: Vec<String>,
    /// Dòng dữ liệu.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The table as CSV: BOM, CRLF line ends, every field quoted when it needs to be, formula
    /// starters neutralised.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        let mut line = |fields: &mut dyn Iterator<Item = String>| {
            let cells: Vec<String> = fields.map(|f| csv_field(&neutralise(&f))).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        };
        line(&mut self.header.iter().cloned());
        for row in &self.rows {
            line(&mut row.iter().map(Cell::plain));
        }
        out
    }
}

/// A text that a spreadsheet would read as a formula gets a leading apostrophe.
pub fn neutralise(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        Table {
            title: "Thực trạng".into(),
            header: vec!["Nhóm".into(), "Số người".into(), "Tỷ lệ".into()],
            rows: vec![
                vec![Cell::text("Ủy viên BCH, \"khóa\" XX"), Cell::Int(13), Cell::Percent { value: 31.0, decimals: 1 }],
                vec![Cell::text("=HYPERLINK(\"x\")"), Cell::Empty, Cell::Number(2.5)],
            ],
        }
    }

    #[test]
    fn csv_starts_with_a_bom_and_quotes_what_needs_it() {
        let csv = sample().to_csv();
        assert!(csv.starts_with('\u{feff}'));
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "Nhóm,Số người,Tỷ lệ");
        assert_eq!(lines[1], "\"Ủy viên BCH, \"\"khóa\"\" XX\",13,31.0");
    }

    #[test]
    fn formula_starters_are_neutralised() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralise("Nguyễn Văn A"), "Nguyễn Văn A");
        let csv = sample().to_csv();
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{csv}");
    }

    #[test]
    fn display_uses_the_decimal_comma() {
        assert_eq!(Cell::Percent { value: 62.11, decimals: 2 }.display(), "62,11%");
        assert_eq!(Cell::Number(2.5).display(), "2,5");
    }

    #[test]
    fn counts_show_dots_between_thousands_and_files_keep_them_plain() {
        assert_eq!(Cell::Int(1200).display(), "1.200");
        assert_eq!(Cell::Int(-30000).display(), "-30.000");
        assert_eq!(Cell::Int(42).display(), "42");
        assert_eq!(Cell::Number(11147406000.0).display(), "11.147.406.000");
        assert_eq!(Cell::Number(1200.25).display(), "1.200,25");
        assert_eq!((Cell::Int(1200).plain(), Cell::Number(1200.25).plain()), ("1200".into(), "1200.25".into()));
        let t = Table { title: "T".into(), header: vec!["Số người".into()], rows: vec![vec![Cell::Int(2262)]] };
        assert_eq!(t.to_csv().lines().nth(1), Some("2262"));
    }
}
