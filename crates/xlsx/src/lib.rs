//! Tệp Excel: [`Table`]s to XLSX bytes (rust_xlsxwriter) and XLSX or XLS (Excel 97-2003) bytes
//! to sheets of cell texts (calamine). Pure Rust, tested natively; in the browser only the Excel worker bundle
//! (`src/bin/dtbd-xlsx-write.rs`, `dtbd-xlsx-read.rs`) call it, so no page bundle links either
//! crate. Pages reach it
//! through `store::xlsx`.

use std::io::Cursor;

use calamine::{Data, DataRef, Reader, Xls, XlsError, Xlsx, XlsxError};
use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};

use dtbd_domain::encoding::{workbook_kind, WorkbookKind};
use dtbd_domain::roster_import::SheetBuilder;
use dtbd_domain::table::{neutralise, Cell, Table};

mod budget;
pub mod docx;

/// One sheet read from a workbook: its name and every row from A1 down, as the texts a
/// reader sees (numbers in plain notation, dates as Excel serial numbers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    /// Tên trang tính.
    pub name: String,
    /// Rows of cell texts, row 1 first; short rows are not padded.
    pub rows: Vec<Vec<String>>,
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not empty, unique
/// in `taken` (a number is added).
fn sheet_name(title: &str, taken: &[String]) -> String {
    let clean: String = title.chars().map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c }).collect();
    let clean = clean.trim().trim_matches('\'');
    let base: String = if clean.is_empty() { "Trang".into() } else { clean.chars().take(31).collect() };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
        let suffix = format!(" ({n})");
        name = base.chars().take(31 - suffix.chars().count()).collect::<String>() + &suffix;
        n += 1;
    }
    name
}

/// The workbook for `tables`, one sheet per table: the header row in bold and frozen, numbers
/// as numbers, percentages as Excel percentages, and every text a spreadsheet would take for a
/// formula neutralised with a leading apostrophe (as in the CSV).
pub fn write(tables: &[Table]) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    let mut taken: Vec<String> = Vec::new();
    let fail = |e: rust_xlsxwriter::XlsxError| format!("Không tạo được tệp Excel: {}.", why_write(&e));
    for t in tables {
        let name = sheet_name(&t.title, &taken);
        taken.push(name.clone());
        let ws = wb.add_worksheet();
        ws.set_name(&name).map_err(fail)?;
        for (c, h) in t.header.iter().enumerate() {
            let col = u16::try_from(c).map_err(|_| "Bảng có quá nhiều cột cho Excel.".to_string())?;
            ws.write_string_with_format(0, col, neutralise(h), &bold).map_err(fail)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| "Bảng có quá nhiều dòng cho Excel.".to_string())?;
            for (c, cell) in row.iter().enumerate() {
                let col = u16::try_from(c).map_err(|_| "Bảng có quá nhiều cột cho Excel.".to_string())?;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(s) => {
                        ws.write_string(r, col, neutralise(s)).map_err(fail)?;
                    }
                    Cell::Int(n) => {
                        ws.write_number(r, col, *n as f64).map_err(fail)?;
                    }
                    Cell::Number(x) => {
                        ws.write_number(r, col, *x).map_err(fail)?;
                    }
                    Cell::Percent { value, decimals } => {
                        let pattern = if *decimals == 0 {
                            "0%".to_string()
                        } else {
                            format!("0.{}%", "0".repeat(usize::from(*decimals)))
                        };
                        ws.write_number_with_format(r, col, value / 100.0, &Format::new().set_num_format(pattern))
                            .map_err(fail)?;
                    }
                }
            }
        }
        ws.set_freeze_panes(1, 0).map_err(fail)?;
        ws.autofit();
    }
    wb.save_to_buffer().map_err(fail)
}

fn text_of(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(x) => float_text(*x),
        Data::Bool(b) => bool_text(*b),
        Data::DateTime(dt) => float_text(dt.as_f64()),
    }
}

/// [`text_of`] for a cell streamed from an XLSX sheet.
fn text_of_ref(d: &DataRef<'_>) -> String {
    match d {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(n) => n.to_string(),
        DataRef::Float(x) => float_text(*x),
        DataRef::Bool(b) => bool_text(*b),
        DataRef::DateTime(dt) => float_text(dt.as_f64()),
    }
}

/// A number as a reader sees it: whole numbers without a decimal part (dates are their serial).
fn float_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        x.to_string()
    }
}

fn bool_text(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.into()
}

/// Every sheet of workbook `file`, as texts: XLSX, or XLS (Excel 97-2003, still kept by many
/// commune offices), told apart by the file's first bytes, not its name. The error says, in
/// Vietnamese, that the file is not one the app reads and why, or which sheet is beyond which
/// limit ([`dtbd_domain::limits`]: columns, rows, cells, cell length, and for an XLSX the bytes
/// its parts inflate to).
pub fn read(file: &str, bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    match workbook_kind(bytes) {
        Some(WorkbookKind::Xls) => {
            let fail = |e: XlsError| format!("Không đọc được tệp Excel 97-2003 (.xls) {file}: {}.", why_xls(&e));
            let mut wb: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(fail)?;
            xls_sheets(file, &mut wb)
        }
        Some(WorkbookKind::Xlsx) => {
            let fail = |why: String| format!("Không đọc được tệp Excel (.xlsx) {file}: {why}.");
            let (reader, inflated) = budget::Budgeted::new(bytes).map_err(|e| fail(why(&e).into()))?;
            let why = |e: &XlsxError| if inflated.crossed() { budget::over_budget() } else { why(e).to_string() };
            let mut wb: Xlsx<_> = Xlsx::new(reader).map_err(|e| fail(why(&e)))?;
            xlsx_sheets(file, &mut wb, &why)
        }
        None => Err(format!(
            "Không đọc được tệp Excel (.xlsx) {file}: tệp không phải bảng tính .xlsx hay .xls, hoặc bị cắt dở khi tải về. \
             Nếu là tệp CSV, hãy đặt tên tệp có đuôi .csv."
        )),
    }
}

/// Where a sheet's refusal says the trouble is.
fn place(file: &str, sheet: &str) -> String {
    format!("Trang tính “{sheet}” của tệp {file}")
}

/// Each sheet of an XLSX workbook, its cells streamed from the sheet's XML into a
/// [`SheetBuilder`]: the sheet's declared dimension (`A1:XFD1048576` in a 5 KB file) is never
/// used, so nothing is allocated by it; only filled cells are kept, within the limits.
fn xlsx_sheets<RS: std::io::Read + std::io::Seek>(
    file: &str,
    wb: &mut Xlsx<RS>,
    why: &dyn Fn(&XlsxError) -> String,
) -> Result<Vec<Sheet>, String> {
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let fail =
            |e: XlsxError| format!("Không đọc được trang tính “{name}” của tệp Excel (.xlsx) {file}: {}.", why(&e));
        let mut sheet = SheetBuilder::default();
        let mut cells = wb.worksheet_cells_reader(&name).map_err(fail)?;
        while let Some(cell) = cells.next_cell().map_err(fail)? {
            let (row, column) = cell.get_position();
            sheet
                .push(row as usize, column as usize, text_of_ref(cell.get_value()))
                .map_err(|limit| limit.message(&place(file, &name)))?;
        }
        out.push(Sheet { name, rows: sheet.finish() });
    }
    Ok(out)
}

/// Each sheet of an XLS workbook (calamine reads them all when it opens the file; the format
/// holds at most 65.536 rows × 256 columns), through the same limits.
fn xls_sheets<RS: std::io::Read + std::io::Seek>(file: &str, wb: &mut Xls<RS>) -> Result<Vec<Sheet>, String> {
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).map_err(|e| {
            format!("Không đọc được trang tính “{name}” của tệp Excel 97-2003 (.xls) {file}: {}.", why_xls(&e))
        })?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut sheet = SheetBuilder::default();
        for (row, column, value) in range.used_cells() {
            sheet
                .push(top as usize + row, left as usize + column, text_of(value))
                .map_err(|limit| limit.message(&place(file, &name)))?;
        }
        out.push(Sheet { name, rows: sheet.finish() });
    }
    Ok(out)
}

/// Why a workbook did not read, in the officer's words: calamine's own text is English and
/// technical ("Zip error: invalid Zip archive: Could not find EOCD"), so it never reaches the
/// screen.
fn why(error: &XlsxError) -> &'static str {
    match error {
        XlsxError::Zip(_) | XlsxError::Io(_) => "tệp không phải bảng tính .xlsx, hoặc bị cắt dở khi tải về",
        XlsxError::Password => "tệp được khóa bằng mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại",
        XlsxError::FileNotFound(_) | XlsxError::RelationshipNotFound => {
            "tệp thiếu phần nội dung của bảng tính (có thể do chương trình khác tạo ra không đầy đủ)"
        }
        _ => "nội dung bảng tính bị hỏng hoặc dùng định dạng ứng dụng chưa đọc được",
    }
}

/// Why a workbook could not be written, in the officer's words (rust_xlsxwriter's own text is
/// English and names its API).
fn why_write(error: &rust_xlsxwriter::XlsxError) -> &'static str {
    use rust_xlsxwriter::XlsxError as E;
    match error {
        E::MaxStringLengthExceeded => "một ô có hơn 32.767 ký tự, quá giới hạn của Excel",
        E::RowColumnLimitError => "bảng có nhiều dòng hoặc cột hơn Excel cho phép",
        E::SheetnameCannotBeBlank(_)
        | E::SheetnameLengthExceeded(_)
        | E::SheetnameReused(_)
        | E::SheetnameContainsInvalidCharacter(_)
        | E::SheetnameStartsOrEndsWithApostrophe(_) => "tên một trang tính không hợp lệ với Excel",
        _ => "bộ ghi Excel gặp lỗi khi tạo tệp; hãy thử lại hoặc tải CSV",
    }
}

/// [`why`] for an Excel 97-2003 workbook (an OLE compound file, which Word and PowerPoint
/// files of that time are too; calamine keeps the container's own errors private, so they
/// share one message).
fn why_xls(error: &XlsError) -> &'static str {
    match error {
        XlsError::Io(_) | XlsError::EoStream(_) | XlsError::ContinueRecordTooShort => {
            "tệp bị cắt dở khi tải về hoặc bị hỏng"
        }
        XlsError::Cfb(_) => {
            "tệp bị cắt dở, bị hỏng, hoặc không chứa bảng tính (có thể là tài liệu Word hay PowerPoint cũ)"
        }
        XlsError::Password => "tệp được khóa bằng mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại",
        _ => "nội dung bảng tính bị hỏng hoặc là dạng Excel quá cũ (Excel 5.0/95); hãy mở bằng Excel và lưu lại dạng .xlsx",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_excel_cannot_hold_is_refused_in_vietnamese() {
        let long = "a".repeat(40_000);
        let table = Table { title: "T".into(), header: vec!["A".into()], rows: vec![vec![Cell::Text(long)]] };
        let message = write(&[table]).unwrap_err();
        assert_eq!(message, "Không tạo được tệp Excel: một ô có hơn 32.767 ký tự, quá giới hạn của Excel.");
    }

    #[test]
    fn a_file_that_is_not_a_workbook_is_refused_in_vietnamese() {
        let not_a_zip = "Họ và tên,Năm sinh\nNguyễn Văn A,1980\n".as_bytes();
        let message = read("ds.xlsx", not_a_zip).unwrap_err();
        assert!(
            message.starts_with("Không đọc được tệp Excel (.xlsx) ds.xlsx: tệp không phải bảng tính .xlsx"),
            "{message}"
        );
        // A real workbook cut short, as a download that stopped.
        let table = Table { title: "T".into(), header: vec!["A".into()], rows: vec![vec![Cell::Text("x".into())]] };
        let whole = write(&[table]).unwrap();
        let cut = read("ds.xlsx", &whole[..whole.len() / 2]).unwrap_err();
        for message in [message, cut] {
            for english in ["Zip", "zip", "EOCD", "archive", "error", "Error"] {
                assert!(!message.contains(english), "{english} in «{message}»");
            }
        }
    }

    #[test]
    fn tables_written_read_back_cell_for_cell_with_formulas_neutralised() {
        let t = Table {
            title: "Thực trạng: nhóm [A]/B".into(),
            header: vec!["Họ và tên".into(), "Số".into(), "Tỷ lệ".into(), "Ghi chú".into()],
            rows: vec![
                vec![
                    Cell::text("Nguyễn Thị Ánh"),
                    Cell::Int(13),
                    Cell::Percent { value: 31.5, decimals: 1 },
                    Cell::text("=HYPERLINK(\"http://x\")"),
                ],
                vec![Cell::text("Lò Văn Đức"), Cell::Number(2.5), Cell::Empty, Cell::text("-2")],
            ],
        };
        let second = Table { title: "Thực trạng: nhóm [A]/B".into(), header: vec!["x".into()], rows: vec![] };
        let bytes = write(&[t, second]).unwrap();
        assert_eq!(&bytes[..2], b"PK", "an XLSX is a zip");
        let sheets = read("ds.xlsx", &bytes).unwrap();
        assert_eq!(sheets.len(), 2);
        assert_eq!(sheets[0].name, "Thực trạng  nhóm  A  B");
        assert_eq!(sheets[1].name, "Thực trạng  nhóm  A  B (2)");
        assert_eq!(sheets[0].rows[0], vec!["Họ và tên", "Số", "Tỷ lệ", "Ghi chú"]);
        assert_eq!(sheets[0].rows[1], vec!["Nguyễn Thị Ánh", "13", "0.315", "'=HYPERLINK(\"http://x\")"]);
        assert_eq!(sheets[0].rows[2], vec!["Lò Văn Đức", "2.5", "", "'-2"]);
    }

    #[test]
    fn rows_keep_their_sheet_numbers_when_the_table_starts_lower() {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(2, 1, "Họ và tên").unwrap();
        ws.write_number(3, 2, 29221.0).unwrap();
        let sheets = read("ds.xlsx", &wb.save_to_buffer().unwrap()).unwrap();
        assert_eq!(
            sheets[0].rows,
            vec![
                vec![],
                vec![],
                vec!["".to_string(), "Họ và tên".to_string()],
                vec!["".to_string(), "".to_string(), "29221".to_string()]
            ]
        );
    }

    /// `tests/fixtures/roster.xls`, written by `make_roster_xls.py` (xlwt, BIFF8).
    const ROSTER_XLS: &[u8] = include_bytes!("../tests/fixtures/roster.xls");

    #[test]
    fn an_excel_97_2003_workbook_reads_like_an_xlsx() {
        let sheets = read("ds.xlsx", ROSTER_XLS).unwrap();
        let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Danh sách", "TCVN3"]);
        let rows: Vec<Vec<&str>> = sheets[0].rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
        assert_eq!(
            rows,
            vec![
                vec!["DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ HỒ THẦU NĂM 2025"],
                vec![],
                vec![
                    "STT",
                    "Họ và tên",
                    "Ngày sinh",
                    "Giới tính",
                    "Đơn vị",
                    "Trình độ chuyên môn",
                    "LLCT",
                    "Hệ số lương",
                    "Đối tượng"
                ],
                vec![
                    "1",
                    "Nguyễn Thị Hồng Nhung",
                    "31118",
                    "Nữ",
                    "UBND xã Hồ Thầu",
                    "Thạc sĩ",
                    "Cao cấp",
                    "3.66",
                    "Công chức"
                ],
                vec!["2", "Lò Văn Đức", "33005", "Nam", "UBND xã Hồ Thầu", "Đại học", "Trung cấp", "2.34", "Công chức"],
                vec!["3", "Giàng Seo Phủ", "1979", "Nam", "Đảng ủy xã Hồ Thầu", "Trung cấp", "Sơ cấp", "", "Cán bộ"],
            ]
        );
        // Text typed in an old font comes through as the Latin-1 letters it is stored as.
        assert_eq!(sheets[1].rows[1], vec!["NguyÔn V¨n A", "Th¹c sÜ"]);
        // The date is the serial number an XLSX date cell gives (12/03/1985 = 31118).
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(1985, 3, 12).unwrap();
        ws.write_datetime_with_format(0, 0, &date, &Format::new().set_num_format("dd/mm/yyyy")).unwrap();
        assert_eq!(read("ds.xlsx", &wb.save_to_buffer().unwrap()).unwrap()[0].rows[0], vec!["31118"]);
    }

    #[test]
    fn a_broken_xls_is_refused_in_vietnamese() {
        let cut = read("ds.xlsx", &ROSTER_XLS[..ROSTER_XLS.len() / 2]).unwrap_err();
        assert!(cut.starts_with("Không đọc được tệp Excel 97-2003 (.xls) ds.xlsx: tệp bị"), "{cut}");
        // An OLE header and nothing else (a Word .doc cut short looks the same).
        let header_only = read("ds.xlsx", &ROSTER_XLS[..8]).unwrap_err();
        assert!(header_only.starts_with("Không đọc được tệp Excel 97-2003 (.xls) ds.xlsx: tệp bị"), "{header_only}");
        for message in [cut, header_only] {
            for english in ["Cfb", "OLE", "Ole", "error", "Error", "stream", "sector", "Invalid"] {
                assert!(!message.contains(english), "{english} in «{message}»");
            }
        }
    }

    /// The roster export → XLSX bytes → cell texts → the import, with every field filled on
    /// some cadres (quy hoạch, đang học with its year, cấp ủy with terms, languages, nhãn):
    /// every row reads back unchanged.
    #[test]
    fn the_roster_export_reads_back_unchanged_through_xlsx() {
        use dtbd_domain::levels::{Political, Professional, Qualification};
        use dtbd_domain::model::{Committee, GovLevel, Membership, PlannedPosition};
        use dtbd_domain::roster_import::{self as ri, ImportRequest, ImportSettings};
        let mut roster = dtbd_domain::fixtures::generate_roster(7, 300, 8);
        for (i, c) in roster.cadres.iter_mut().enumerate().filter(|(i, _)| i % 7 == 0) {
            c.local = true;
            c.lao_language = i % 2 == 0;
            c.minority_language = "Tiếng Mông".into();
            c.foreign_language_name = "Tiếng Anh".into();
            c.planned_for = vec![PlannedPosition { title: "Chủ tịch UBND xã".into(), term: "2025-2030".into() }];
            c.memberships = vec![Membership {
                committee: Committee::ExecutiveCommittee,
                level: GovLevel::Commune,
                term: "XXI".into(),
            }];
            c.professional = Qualification {
                studying: Some(Professional::Master),
                studying_until: Some(2027),
                ..Qualification::at(Professional::Bachelor)
            };
            c.political = Qualification::studying_only(Political::Advanced);
            c.labels = [("Nhóm đề án".to_string(), format!("nhóm {}", i % 3))].into();
            c.note = "dòng 1\n=dòng 2".into();
        }
        let order: Vec<&dtbd_domain::model::Cadre> = roster.cadres.iter().collect();
        let bytes = write(&[ri::roster_table(&roster, &order)]).unwrap();
        let rows = read("ds.xlsx", &bytes).unwrap().remove(0).rows;
        let at = ri::find_header(&rows).unwrap();
        let (header, first) = ri::header_cells(&rows, at);
        let settings = ImportSettings::default();
        let mapping = ri::guess_mapping(&header, &settings);
        let none = std::collections::HashSet::new();
        let req = ImportRequest {
            header: &header,
            rows: &rows[first..],
            first_row: first + 1,
            mapping: &mapping,
            settings: &settings,
            default_unit: None,
            default_category: None,
            new_units: &[],
            different_people: &none,
            now: 1,
        };
        let p = ri::preview(&roster, &req, &mut || unreachable!("every row is someone on the roster"));
        assert!(p.errors.is_empty(), "{:?}", &p.errors[..p.errors.len().min(3)]);
        let changed: Vec<&str> = p
            .rows
            .iter()
            .filter(|r| !matches!(r.outcome, ri::Outcome::Unchanged))
            .map(|r| r.cadre.full_name.as_str())
            .collect();
        assert!(changed.is_empty(), "{changed:?}");
        assert_eq!(p.counts(), (0, 0, roster.cadres.len()));
    }

    #[test]
    fn sheet_names_are_short_and_unique() {
        let long = "Bảng tổng hợp trình độ lý luận chính trị theo đơn vị";
        let a = sheet_name(long, &[]);
        assert_eq!(a.chars().count(), 31);
        let b = sheet_name(long, std::slice::from_ref(&a));
        assert!(b.ends_with(" (2)") && b.chars().count() == 31 && b != a);
        assert_eq!(sheet_name("", &[]), "Trang");
    }
}
