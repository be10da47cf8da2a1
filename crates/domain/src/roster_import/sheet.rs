//! Trang tính trong giới hạn: how a sheet of cell texts is built from a file, CSV here and
//! XLSX in the Excel worker (`dtbd-xlsx`), so that no file costs more than the limits allow.
//!
//! [`SheetBuilder`] takes the cells one by one and stores only what a later cell needs: an
//! empty (or blank) cell is never stored, and the gap before a filled one is filled when it
//! comes, so trailing empty columns and rows cost nothing, whatever the file or its declared
//! dimension claims. A filled cell beyond [`MAX_SHEET_COLUMNS`] or [`MAX_SHEET_ROWS`], longer
//! than [`MAX_CELL_CHARS`], or a sheet beyond [`MAX_SHEET_CELLS`], stops the reading with a
//! [`SheetLimit`] that names where; the sheet is refused, never cut: an import that silently
//! lost the columns past the limit would store cadres without the data the officer sees in
//! her file.
//!
//! [`parse_csv`] reads CSV text as RFC 4180 writes it; an opening quote never closed is an
//! error naming the line it opened on ([`CsvError`]), not a last row that swallowed the rest
//! of the file.

use crate::limits::{HEADER_SEARCH_ROWS, MAX_CELL_CHARS, MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS};
use crate::number::grouped;

/// Why a sheet is not read: the first cell found beyond a limit. Rows and columns count from
/// 1, as the spreadsheet shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetLimit {
    /// A filled cell right of the last column read.
    Columns {
        /// Its row.
        row: usize,
        /// Its column.
        column: usize,
    },
    /// A filled cell below the last row read.
    Rows {
        /// Its row.
        row: usize,
    },
    /// A cell longer than [`MAX_CELL_CHARS`].
    CellChars {
        /// Its row.
        row: usize,
        /// Its column.
        column: usize,
        /// Its length, in characters.
        chars: usize,
    },
    /// More cells than [`MAX_SHEET_CELLS`], counting each row up to its last filled cell.
    Cells {
        /// The row where the count crossed the limit.
        row: usize,
    },
}

impl SheetLimit {
    /// The refusal, in Vietnamese, for the sheet named by `place` ("Tệp ds.csv", "Trang tính
    /// “Danh sách” của tệp ds.xlsx"): where, which limit, and what to do.
    pub fn message(&self, place: &str) -> String {
        match *self {
            SheetLimit::Columns { row, column } => format!(
                "{place} có dữ liệu ở cột {} (cột thứ {}), dòng {}: quá giới hạn {} cột của một trang tính. \
                 Hãy xóa các cột thừa bên phải bảng danh sách (hoặc chép riêng bảng sang một trang tính mới) rồi chọn lại tệp; chưa nhập dòng nào.",
                column_letters(column),
                grouped(column),
                grouped(row),
                grouped(MAX_SHEET_COLUMNS)
            ),
            SheetLimit::Rows { row } => format!(
                "{place} có dữ liệu ở dòng {}: quá giới hạn {} dòng của một trang tính. \
                 Hãy xóa các dòng thừa bên dưới bảng danh sách (hoặc chia danh sách thành nhiều tệp) rồi chọn lại tệp; chưa nhập dòng nào.",
                grouped(row),
                grouped(MAX_SHEET_ROWS)
            ),
            SheetLimit::CellChars { row, column, chars } => format!(
                "{place}: ô {}{} (dòng {}, cột {}) dài {} ký tự, quá giới hạn {} ký tự của một ô. \
                 Hãy rút gọn ô đó rồi chọn lại tệp; chưa nhập dòng nào.",
                column_letters(column),
                row,
                grouped(row),
                column_letters(column),
                grouped(chars),
                grouped(MAX_CELL_CHARS)
            ),
            SheetLimit::Cells { row } => format!(
                "{place} có hơn {} ô dữ liệu (đếm đến dòng {}, mỗi dòng từ cột A đến ô cuối có chữ): quá lớn để nhập. \
                 Hãy xóa các cột, dòng không thuộc danh sách rồi chọn lại tệp; chưa nhập dòng nào.",
                grouped(MAX_SHEET_CELLS),
                grouped(row)
            ),
        }
    }
}

/// A column's letters as the spreadsheet heads it: 1 → "A", 27 → "AA", 16.384 → "XFD".
pub fn column_letters(column: usize) -> String {
    let mut letters = Vec::new();
    let mut rest = column;
    while rest > 0 {
        let digit = (rest - 1) % 26;
        letters.push(char::from(b'A' + digit as u8));
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A sheet of cell texts being read, kept within the limits (see the module's comment).
#[derive(Debug, Default)]
pub struct SheetBuilder {
    rows: Vec<Vec<String>>,
    /// Cells stored so far, the gaps before filled cells included.
    cells: usize,
}

impl SheetBuilder {
    /// Puts `text` at `row`, `column` (both from 0). A blank text stores nothing; cells may
    /// come in any order (a cell given twice keeps the last text).
    pub fn push(&mut self, row: usize, column: usize, text: String) -> Result<(), SheetLimit> {
        if text.trim().is_empty() {
            return Ok(());
        }
        let (shown_row, shown_column) = (row.saturating_add(1), column.saturating_add(1));
        if row >= MAX_SHEET_ROWS {
            return Err(SheetLimit::Rows { row: shown_row });
        }
        if column >= MAX_SHEET_COLUMNS {
            return Err(SheetLimit::Columns { row: shown_row, column: shown_column });
        }
        // Counted only as far as the limit: a 50 MB cell costs no more than a long one.
        let chars = text.chars().take(MAX_CELL_CHARS + 1).count();
        if chars > MAX_CELL_CHARS {
            return Err(SheetLimit::CellChars { row: shown_row, column: shown_column, chars: text.chars().count() });
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if let Some(slot) = cells.get_mut(column) {
            *slot = text;
            return Ok(());
        }
        self.cells += column + 1 - cells.len();
        if self.cells > MAX_SHEET_CELLS {
            return Err(SheetLimit::Cells { row: shown_row });
        }
        cells.resize(column, String::new());
        cells.push(text);
        Ok(())
    }

    /// The rows read, row 1 first, each up to its last filled cell; a row with none is
    /// empty, and rows after the last filled one are not there.
    pub fn finish(self) -> Vec<Vec<String>> {
        self.rows
    }
}

/// Why a CSV file is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvError {
    /// A field opened with `"` that no `"` closes: everything after it would be one cell.
    UnclosedQuote {
        /// The line of the file (from 1) where the field began.
        line: usize,
    },
    /// The sheet is beyond a limit.
    Limit(SheetLimit),
}

impl From<SheetLimit> for CsvError {
    fn from(limit: SheetLimit) -> Self {
        CsvError::Limit(limit)
    }
}

impl CsvError {
    /// The refusal, in Vietnamese, naming the file.
    pub fn message(&self, file: &str) -> String {
        match self {
            CsvError::UnclosedQuote { line } => format!(
                "Tệp {file}: dấu ngoặc kép (\") mở ở dòng {} không được đóng, nên mọi thứ sau nó sẽ bị đọc thành một ô. \
                 Hãy sửa tệp (thêm dấu \" đóng, hoặc bỏ dấu \" thừa) rồi chọn lại; chưa nhập dòng nào.",
                grouped(*line)
            ),
            CsvError::Limit(limit) => limit.message(&format!("Tệp {file}")),
        }
    }
}

/// The separator a CSV uses: `,`, `;` or tab, whichever its first [`HEADER_SEARCH_ROWS`]
/// lines have most of outside quotes (a title line above the table may have none, or a comma
/// in its text); `,` when they have none.
fn separator(text: &str) -> char {
    let mut counts = [(',', 0usize), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for ch in text.lines().take(HEADER_SEARCH_ROWS).flat_map(str::chars) {
        if ch == '"' {
            quoted = !quoted;
        } else if !quoted {
            for count in counts.iter_mut().filter(|count| count.0 == ch) {
                count.1 += 1;
            }
        }
    }
    counts.iter().max_by_key(|count| count.1).filter(|count| count.1 > 0).map_or(',', |count| count.0)
}

/// Reads CSV text (RFC 4180): an optional BOM, fields separated by `,`, `;` or tab (see
/// [`separator`]), a field quoted when it starts with `"` (`""` inside is one quote; a `"`
/// inside an unquoted field is a plain character), CRLF, LF or CR line ends. Rows are built by
/// [`SheetBuilder`], so trailing empty fields and rows are dropped and the limits hold.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sep = separator(text);
    let mut sheet = SheetBuilder::default();
    let (mut row, mut column) = (0usize, 0usize);
    // The line of the file being read, and the line a quoted field being read began on.
    let mut line = 1usize;
    let mut quoted_from: Option<usize> = None;
    let mut field = String::new();
    let mut field_started = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        let line_end = ch == '\n' || (ch == '\r' && chars.peek() != Some(&'\n'));
        if quoted_from.is_some() {
            if ch == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted_from = None;
                }
            } else {
                field.push(ch);
            }
        } else if ch == '"' && !field_started {
            quoted_from = Some(line);
            field_started = true;
        } else if ch == sep {
            sheet.push(row, column, std::mem::take(&mut field))?;
            column += 1;
            field_started = false;
        } else if line_end {
            sheet.push(row, column, std::mem::take(&mut field))?;
            row += 1;
            column = 0;
            field_started = false;
        } else if ch != '\r' {
            // (A CR before LF: the LF ends the row.)
            field.push(ch);
            field_started = true;
        }
        if line_end {
            line += 1;
        }
    }
    if let Some(line) = quoted_from {
        return Err(CsvError::UnclosedQuote { line });
    }
    sheet.push(row, column, field)?;
    Ok(sheet.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn column_letters_as_the_spreadsheet_heads_them() {
        let cases = [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (53, "BA"), (256, "IV"), (16_384, "XFD")];
        for (column, letters) in cases {
            assert_eq!(column_letters(column), letters, "{column}");
        }
    }

    #[test]
    fn trailing_empty_columns_and_rows_cost_nothing() {
        let mut sheet = SheetBuilder::default();
        sheet.push(0, 0, "Họ và tên".into()).unwrap();
        for column in 1..1_000_000 {
            sheet.push(0, column, String::new()).unwrap();
            sheet.push(0, column, "  ".into()).unwrap();
        }
        for row in 1..1_000_000 {
            sheet.push(row, 0, String::new()).unwrap();
        }
        sheet.push(2, 2, "x".into()).unwrap();
        let rows = sheet.finish();
        assert_eq!(rows, vec![s(&["Họ và tên"]), vec![], s(&["", "", "x"])]);
    }

    #[test]
    fn a_cell_beyond_a_limit_is_refused_naming_where() {
        let refused = |row: usize, column: usize, text: &str| {
            let mut sheet = SheetBuilder::default();
            sheet.push(0, 0, "a".into()).unwrap();
            sheet.push(row, column, text.into()).unwrap_err()
        };
        assert_eq!(refused(4, MAX_SHEET_COLUMNS, "x"), SheetLimit::Columns { row: 5, column: MAX_SHEET_COLUMNS + 1 });
        assert_eq!(refused(MAX_SHEET_ROWS, 0, "x"), SheetLimit::Rows { row: MAX_SHEET_ROWS + 1 });
        let long = "ạ".repeat(MAX_CELL_CHARS + 1);
        assert_eq!(refused(2, 1, &long), SheetLimit::CellChars { row: 3, column: 2, chars: MAX_CELL_CHARS + 1 });
        // The last column, row and length within the limits are read.
        let mut sheet = SheetBuilder::default();
        sheet.push(MAX_SHEET_ROWS - 1, MAX_SHEET_COLUMNS - 1, "ạ".repeat(MAX_CELL_CHARS)).unwrap();
        assert_eq!(sheet.finish().len(), MAX_SHEET_ROWS);

        let place = "Trang tính “Danh sách” của tệp ds.xlsx";
        let columns = SheetLimit::Columns { row: 5, column: 300 }.message(place);
        assert!(
            columns.starts_with(&format!(
                "{place} có dữ liệu ở cột KN (cột thứ 300), dòng 5: quá giới hạn {MAX_SHEET_COLUMNS} cột"
            )),
            "{columns}"
        );
        let rows = SheetLimit::Rows { row: 1_048_576 }.message(place);
        assert!(rows.contains("dòng 1.048.576: quá giới hạn 101.000 dòng"), "{rows}");
        let cell = SheetLimit::CellChars { row: 12, column: 3, chars: 10_000 }.message("Tệp ds.csv");
        assert!(
            cell.starts_with("Tệp ds.csv: ô C12 (dòng 12, cột C) dài 10.000 ký tự, quá giới hạn 2.000 ký tự"),
            "{cell}"
        );
    }

    #[test]
    fn a_sheet_of_too_many_cells_is_refused() {
        // Within the rows and columns limits, one filled cell at each end of every row.
        let mut sheet = SheetBuilder::default();
        let refused = (0..MAX_SHEET_ROWS)
            .find_map(|row| {
                sheet.push(row, 0, "a".into()).and_then(|()| sheet.push(row, MAX_SHEET_COLUMNS - 1, "z".into())).err()
            })
            .expect("refused before the last row");
        let crossed = MAX_SHEET_CELLS / MAX_SHEET_COLUMNS + 1;
        assert_eq!(refused, SheetLimit::Cells { row: crossed });
        assert!(refused.message("Tệp a.csv").starts_with("Tệp a.csv có hơn 6.400.000 ô dữ liệu"));
    }

    #[test]
    fn csv_reads_bom_separators_quotes_and_line_ends() {
        let rows = parse_csv("\u{feff}Họ tên;Ghi chú\r\n\"Lò; Thị\";\"nói \"\"A\"\"\r\nhai dòng\"\r\nB;\n").unwrap();
        assert_eq!(rows, vec![s(&["Họ tên", "Ghi chú"]), s(&["Lò; Thị", "nói \"A\"\r\nhai dòng"]), s(&["B"])]);
        assert_eq!(parse_csv("a,b\n1,2").unwrap(), vec![s(&["a", "b"]), s(&["1", "2"])]);
        assert_eq!(parse_csv("a\tb\n").unwrap(), vec![s(&["a", "b"])]);
        assert_eq!(parse_csv("a,b\r1,2\r").unwrap(), vec![s(&["a", "b"]), s(&["1", "2"])], "old Mac line ends");
        assert!(parse_csv("").unwrap().is_empty());
        // The separator of the table, under a title line without one (or with a comma).
        let titled = "DANH SÁCH CÁN BỘ, CÔNG CHỨC\nHọ và tên;Năm sinh\nLò Văn Đức;1980\n";
        assert_eq!(parse_csv(titled).unwrap()[2], s(&["Lò Văn Đức", "1980"]));
        // A quote inside an unquoted field is a character (RFC 4180 has none there).
        assert_eq!(parse_csv("Màn hình 21\" cũ,x\n").unwrap(), vec![s(&["Màn hình 21\" cũ", "x"])]);
    }

    /// Issue 15, defect 7: an unclosed quote swallowed every later row into one cell, and the
    /// page offered the rest; now the file is refused, naming the line the field began on.
    #[test]
    fn an_unclosed_quote_is_an_error_naming_the_line_it_opened_on() {
        let mut csv = String::from("Họ và tên,Ghi chú\nNguyễn Văn An,\"nhiều\ndòng\"\n");
        csv.push_str("Lò Thị Bình,\"chưa đóng\n");
        for i in 0..500 {
            csv.push_str(&format!("Người {i},ghi chú\n"));
        }
        let refused = parse_csv(&csv).unwrap_err();
        assert_eq!(refused, CsvError::UnclosedQuote { line: 4 }, "line 4 of the file, after a field of two lines");
        let message = refused.message("ds.csv");
        assert!(message.starts_with("Tệp ds.csv: dấu ngoặc kép (\") mở ở dòng 4 không được đóng"), "{message}");
        assert!(message.ends_with("chưa nhập dòng nào."), "{message}");
        // With CRLF line ends, the same line.
        assert_eq!(parse_csv(&csv.replace('\n', "\r\n")).unwrap_err(), CsvError::UnclosedQuote { line: 4 });
    }

    /// Issue 15, defect 1: 100.000 empty trailing columns read as the columns they follow;
    /// data beyond the columns limit refuses the file, naming the column.
    #[test]
    fn csv_trailing_empty_columns_are_dropped_and_wide_data_refused() {
        let commas = ",".repeat(100_000);
        let csv = format!("Họ và tên,Năm sinh{commas}\nNguyễn Văn An,1980{commas}\n");
        assert_eq!(parse_csv(&csv).unwrap(), vec![s(&["Họ và tên", "Năm sinh"]), s(&["Nguyễn Văn An", "1980"])]);
        let wide = format!("Họ và tên,Năm sinh{commas}x\n");
        let refused = parse_csv(&wide).unwrap_err();
        assert_eq!(refused, CsvError::Limit(SheetLimit::Columns { row: 1, column: 100_002 }));
        assert!(refused.message("ds.csv").starts_with("Tệp ds.csv có dữ liệu ở cột"), "{}", refused.message("ds.csv"));
        let tall = "a\n".repeat(MAX_SHEET_ROWS + 1);
        assert_eq!(parse_csv(&tall).unwrap_err(), CsvError::Limit(SheetLimit::Rows { row: MAX_SHEET_ROWS + 1 }));
        let blank_lines = format!("a\n{}", "\n".repeat(MAX_SHEET_ROWS * 2));
        assert_eq!(parse_csv(&blank_lines).unwrap(), vec![s(&["a"])], "blank lines after the table are not rows");
        let long = format!("a,b\nx,\"{}\"\n", "ạ".repeat(MAX_CELL_CHARS + 5));
        assert_eq!(
            parse_csv(&long).unwrap_err(),
            CsvError::Limit(SheetLimit::CellChars { row: 2, column: 2, chars: MAX_CELL_CHARS + 5 })
        );
    }
}
