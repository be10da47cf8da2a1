//! Hostile sheets (issue 15) through the functions `nhap-excel.html` calls, each file made
//! here: a CSV of 100.000 empty trailing columns, one with a quote never closed, an XLSX whose
//! dimension claims a billion cells, a level column of 50.000 distinct texts, a header below a
//! long title block, years written "1985.0". Each is read, shown or refused in bounded time,
//! with the mapping table never wider than the columns limit.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use dtbd::domain::limits::{MAX_LEVEL_VALUES, MAX_SHEET_COLUMNS};
use dtbd::domain::roster::Roster;
use dtbd::domain::roster_import::{self as ri, Field, ImportSettings};
use dtbd::view::excel::{self as vm, Layout};
use dtbd::view::legacy_text::read_csv;

/// What the page computes for a sheet before the officer does anything: the layout, the
/// guessed mapping, the mapping table, the level review and the preview; the mapping table's
/// length and the preview's counts.
fn page(rows: &[Vec<String>]) -> (usize, (usize, usize, usize), usize) {
    let layout = Layout::of(rows);
    let settings = ImportSettings::default();
    let mapping = ri::guess_mapping(&layout.header, &settings);
    let table = vm::mapping_rows(&layout, rows, &mapping);
    let _ = vm::review(ri::level_review(layout.data(rows), &mapping, &settings), &layout.header);
    let empty = Roster { units: Vec::new(), cadres: Vec::new() };
    let different = HashSet::new();
    let req = vm::Request {
        rows,
        layout: &layout,
        mapping: &mapping,
        settings: &settings,
        default_unit: "",
        default_category: "cong_chuc",
        new_units: &[],
        different_people: &different,
        now: 1,
    };
    let mut n = 0;
    let preview = req.preview(&empty, &mut || {
        n += 1;
        format!("id{n}")
    });
    (table.len(), preview.counts(), preview.bad_rows())
}

fn within(limit: Duration, started: Instant) {
    assert!(started.elapsed() < limit, "{:?}", started.elapsed());
}

/// Defect 1: 100.000 empty trailing columns drew 100.000 selects (the page died after 14 s);
/// now they are dropped when the file is read.
#[test]
fn a_csv_of_100_000_empty_trailing_columns_reads_as_its_columns() {
    let commas = ",".repeat(100_000);
    let csv = format!("Họ và tên,Năm sinh,Giới tính{commas}\nNguyễn Văn An,1980,Nam{commas}\n");
    let started = Instant::now();
    let read = read_csv("rong.csv", csv.as_bytes()).unwrap();
    let (mapping_rows, counts, _) = page(&read.rows);
    within(Duration::from_secs(2), started);
    assert_eq!(mapping_rows, 3);
    // No đơn vị column and no default unit: the one row is an error, read all the same.
    assert_eq!(counts, (0, 0, 0));
    // Data right of the limit: refused, the file and column named, nothing to import.
    let wide = format!("Họ và tên,Năm sinh{commas}x\n");
    let refused = read_csv("rong.csv", wide.as_bytes()).unwrap_err();
    assert!(refused.starts_with("Tệp rong.csv có dữ liệu ở cột"), "{refused}");
    assert!(refused.contains(&format!("quá giới hạn {MAX_SHEET_COLUMNS} cột")), "{refused}");
    // A sheet already read wider than the limit still gives at most the limit's selects.
    let rows: Vec<Vec<String>> = vec![(0..10_000).map(|i| format!("Cột {i}")).collect()];
    assert_eq!(page(&rows).0, MAX_SHEET_COLUMNS);
}

/// Defect 7: a quote never closed swallowed the rest of the file; the page said "1 dòng lỗi"
/// and offered the rows before. Now the file is refused, naming the line.
#[test]
fn a_csv_quote_never_closed_refuses_the_file() {
    let mut csv = String::from("Họ và tên,Năm sinh,Giới tính,Ghi chú\nNguyễn Văn An,1980,Nam,\n");
    csv.push_str("Lò Thị Bình,1990,Nữ,\"chưa đóng\n");
    for i in 0..1000 {
        csv.push_str(&format!("Người {i},1985,Nam,\n"));
    }
    let refused = read_csv("ds.csv", csv.as_bytes()).unwrap_err();
    assert!(refused.starts_with("Tệp ds.csv: dấu ngoặc kép (\") mở ở dòng 3 không được đóng"), "{refused}");
}

/// CRC-32 (IEEE) of `bytes`, for the zip written below.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A zip of `files`, stored (not compressed): all an XLSX needs to be read.
fn stored_zip(files: &[(&str, String)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, text) in files {
        let (name, data) = (name.as_bytes(), text.as_bytes());
        let offset = out.len() as u32;
        let (crc, size, name_len) = (crc32(data), data.len() as u32, name.len() as u16);
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        for field in [crc, size, size] {
            out.extend_from_slice(&field.to_le_bytes());
        }
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(name);
        out.extend_from_slice(data);
        directory.extend_from_slice(b"PK\x01\x02");
        directory.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        for field in [crc, size, size] {
            directory.extend_from_slice(&field.to_le_bytes());
        }
        directory.extend_from_slice(&name_len.to_le_bytes());
        directory.extend_from_slice(&[0; 12]);
        directory.extend_from_slice(&offset.to_le_bytes());
        directory.extend_from_slice(name);
    }
    let (start, length, count) = (out.len() as u32, directory.len() as u32, files.len() as u16);
    out.extend_from_slice(&directory);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&length.to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

/// An XLSX of one sheet "Danh sách" with `dimension` and `cells` (reference, text).
fn xlsx(dimension: &str, cells: &[(&str, &str)]) -> Vec<u8> {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let package = "http://schemas.openxmlformats.org/package/2006/relationships";
    let cells: String =
        cells.iter().map(|(at, text)| format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)).collect();
    stored_zip(&[
        (
            "_rels/.rels",
            format!(
                r#"<Relationships xmlns="{package}"><Relationship Id="rId1" Type="{rels}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<workbook xmlns="{main}" xmlns:r="{rels}"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<Relationships xmlns="{package}"><Relationship Id="rId1" Type="{rels}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<worksheet xmlns="{main}"><dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>"#
            ),
        ),
    ])
}

/// Defect 8: a 5 KB XLSX whose dimension claims a billion cells aborted natively on a 550 GB
/// allocation ("unreachable" in the browser); a far filled cell refuses the sheet by name.
#[test]
fn an_xlsx_claiming_a_billion_cells_reads_what_it_holds() {
    let bytes = xlsx(
        "A1:XFD1048576",
        &[("A1", "Họ và tên"), ("B1", "Năm sinh"), ("C1", "Giới tính"), ("A2", "Lò Văn Đức"), ("B2", "1985.0")],
    );
    assert!(bytes.len() < 5_000);
    let started = Instant::now();
    let sheets = dtbd::xlsx::read("ty.xlsx", &bytes).unwrap();
    let (mapping_rows, ..) = page(&sheets[0].rows);
    within(Duration::from_secs(2), started);
    assert_eq!(mapping_rows, 3);
    let far = xlsx("A1:WQJ1000000", &[("A1", "Họ và tên"), ("WQJ1000000", "x")]);
    let started = Instant::now();
    let refused = dtbd::xlsx::read("ty.xlsx", &far).unwrap_err();
    within(Duration::from_secs(2), started);
    assert!(
        refused.starts_with("Trang tính “Danh sách” của tệp ty.xlsx có dữ liệu ở dòng 1.000.000: quá giới hạn"),
        "{refused}"
    );
}

/// Defect 8: a level column of 50.000 distinct texts was listed whole after 25,6 s.
#[test]
fn a_level_column_of_50_000_texts_is_named_not_reviewed() {
    let header: Vec<String> = ["Họ và tên", "Năm sinh", "Trình độ chuyên môn"].map(String::from).to_vec();
    let mut rows = vec![header.clone()];
    rows.extend((0..50_000).map(|i| vec![format!("Người {i}"), "1980".into(), format!("Kỹ sư số {i}")]));
    let layout = Layout::of(&rows);
    let settings = ImportSettings::default();
    let mapping = ri::guess_mapping(&layout.header, &settings);
    assert_eq!(mapping[2], Some(Field::Professional));
    let started = Instant::now();
    let review = vm::review(ri::level_review(layout.data(&rows), &mapping, &settings), &layout.header).unwrap();
    within(Duration::from_secs(3), started);
    assert!(review.rows.is_empty());
    assert_eq!(review.not_levels.len(), 1);
    assert!(
        review.not_levels[0].starts_with(&format!(
            "Cột “Trình độ chuyên môn” có 50.000 cách ghi khác nhau, quá {MAX_LEVEL_VALUES} cách ghi"
        )),
        "{}",
        review.not_levels[0]
    );
}

/// Defect 8: a header below row 10 was not found, and "1985.0" became 1905.
#[test]
fn a_header_at_row_31_and_years_written_as_decimals() {
    let mut csv: String = (1..=30).map(|i| format!("Dòng tiêu đề {i}\n")).collect();
    csv.push_str("Họ và tên;Năm sinh;Giới tính;Đơn vị\n");
    for year in ["1985.0", "1.985", "1985 ", "1985,0"] {
        csv.push_str(&format!("Nguyễn Văn {};\"{year}\";Nam;UBND xã\n", year.trim().replace(['.', ','], "")));
    }
    let rows = read_csv("ds.csv", csv.as_bytes()).unwrap().rows;
    let layout = Layout::of(&rows);
    assert_eq!(layout.header_at, Some(30));
    let settings = ImportSettings::default();
    let mapping = ri::guess_mapping(&layout.header, &settings);
    let data = layout.data(&rows);
    let years: Vec<Result<u16, String>> = data.iter().map(|row| ri::parse_birth_year(&row[1])).collect();
    assert_eq!(years, vec![Ok(1985); 4]);
    assert_eq!(mapping[1], Some(Field::Birth));
}
