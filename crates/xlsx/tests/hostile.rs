//! Hostile workbooks (issue 15), written by the tests themselves: a 5 KB XLSX whose dimension
//! claims a billion cells, one filled cell at the far corner, a part read a thousand times, a
//! central directory that lies about sizes. Each is read or refused in bounded time and
//! memory, with a Vietnamese message naming the file and the sheet.

use std::io::Write;
use std::time::{Duration, Instant};

use dtbd_domain::limits::{MAX_FILE_BYTES, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS};
use zip::write::SimpleFileOptions;

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// A workbook of `sheets` (name, the target part of each), the parts `parts` (path, XML).
fn workbook(sheets: &[(&str, &str)], parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut put = |path: &str, text: &str| {
        zip.start_file(path, deflated).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    put(
        "[Content_Types].xml",
        r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#,
    );
    put(
        "_rels/.rels",
        &format!(
            r#"<?xml version="1.0"?><Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        ),
    );
    let listed: String = sheets
        .iter()
        .enumerate()
        .map(|(i, (name, _))| format!(r#"<sheet name="{name}" sheetId="{}" r:id="rId{}"/>"#, i + 1, i + 1))
        .collect();
    put(
        "xl/workbook.xml",
        &format!(
            r#"<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{listed}</sheets></workbook>"#
        ),
    );
    let targets: String = sheets
        .iter()
        .enumerate()
        .map(|(i, (_, target))| {
            format!(r#"<Relationship Id="rId{}" Type="{RELS}/worksheet" Target="{target}"/>"#, i + 1)
        })
        .collect();
    put(
        "xl/_rels/workbook.xml.rels",
        &format!(r#"<?xml version="1.0"?><Relationships xmlns="{PACKAGE_RELS}">{targets}</Relationships>"#),
    );
    for (path, xml) in parts {
        put(path, xml);
    }
    zip.finish().unwrap().into_inner()
}

/// A sheet's XML: its dimension and cells (reference, inline text).
fn sheet_xml(dimension: &str, cells: &[(&str, &str)]) -> String {
    let cells: String = cells
        .iter()
        .map(|(at, text)| {
            if text.is_empty() {
                format!(r#"<c r="{at}" s="1"/>"#)
            } else {
                format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
            }
        })
        .collect();
    format!(
        r#"<?xml version="1.0"?><worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>"#
    )
}

fn one_sheet(xml: String) -> Vec<u8> {
    workbook(&[("Danh sách", "worksheets/sheet1.xml")], &[("xl/worksheets/sheet1.xml", xml)])
}

/// Reads `bytes`, asserting it took under a second (debug build included).
fn timed_read(bytes: &[u8]) -> Result<Vec<dtbd_xlsx::Sheet>, String> {
    let started = Instant::now();
    let read = dtbd_xlsx::read("ds.xlsx", bytes);
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    if let Err(message) = &read {
        for english in ["Zip", "zip", "error", "Error", "invalid", "Invalid", "budget"] {
            assert!(!message.contains(english), "{english} in «{message}»");
        }
    }
    read
}

/// Issue 15, defect 8: `worksheet_range` allocated rows × columns from the dimension, and a
/// 5 KB file aborted natively on a 550 GB allocation ("unreachable" in the browser).
#[test]
fn a_dimension_of_a_billion_cells_allocates_nothing() {
    let xml = sheet_xml(
        "A1:XFD1048576",
        &[("A1", "Họ và tên"), ("B1", "Năm sinh"), ("A2", "Lò Văn Đức"), ("B2", "1980"), ("XFD1048576", "")],
    );
    let bytes = one_sheet(xml);
    assert!(bytes.len() < 5_000, "{}", bytes.len());
    let sheets = timed_read(&bytes).unwrap();
    assert_eq!(sheets[0].name, "Danh sách");
    assert_eq!(sheets[0].rows, vec![vec!["Họ và tên", "Năm sinh"], vec!["Lò Văn Đức", "1980"]]);
}

/// A filled cell beyond the limits refuses the sheet, named with the cell, never allocated.
#[test]
fn a_filled_cell_far_away_refuses_the_sheet_naming_it() {
    let corner = one_sheet(sheet_xml("A1", &[("A1", "Họ và tên"), ("XFD1048576", "x")]));
    let message = timed_read(&corner).unwrap_err();
    assert_eq!(
        message,
        format!(
            "Trang tính “Danh sách” của tệp ds.xlsx có dữ liệu ở dòng 1.048.576: quá giới hạn {} dòng của một trang tính. \
             Hãy xóa các dòng thừa bên dưới bảng danh sách (hoặc chia danh sách thành nhiều tệp) rồi chọn lại tệp; chưa nhập dòng nào.",
            dtbd_domain::number::grouped(MAX_SHEET_ROWS)
        )
    );
    // Row 1.000.000, column 16.000 (WQJ): the row is the first limit crossed.
    let far = one_sheet(sheet_xml("A1:WQJ1000000", &[("A1", "Họ và tên"), ("WQJ1000000", "x")]));
    assert!(timed_read(&far).unwrap_err().contains("có dữ liệu ở dòng 1.000.000: quá giới hạn"));
    let wide = one_sheet(sheet_xml("A1:IW5", &[("A1", "Họ và tên"), ("IW5", "x")]));
    let message = timed_read(&wide).unwrap_err();
    assert!(
        message.starts_with(&format!(
            "Trang tính “Danh sách” của tệp ds.xlsx có dữ liệu ở cột IW (cột thứ 257), dòng 5: quá giới hạn {MAX_SHEET_COLUMNS} cột"
        )),
        "{message}"
    );
}

/// A thousand sheets pointing at one part of 2 MB: each declared size is charged when the
/// part is opened, so the reading stops at the budget instead of inflating 2 GB.
#[test]
fn a_part_opened_again_and_again_stops_at_the_inflation_budget() {
    let padding = " ".repeat(2 * 1024 * 1024);
    let xml = format!(
        r#"<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{padding}<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#
    );
    let names: Vec<String> = (0..1000).map(|i| format!("Trang {i}")).collect();
    let sheets: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "worksheets/sheet1.xml")).collect();
    let bytes = workbook(&sheets, &[("xl/worksheets/sheet1.xml", xml)]);
    assert!(bytes.len() < 100_000, "{}", bytes.len());
    let message = timed_read(&bytes).unwrap_err();
    // The 25th opening of the part (a little over 2 MB each) crosses the 50 MB.
    let crossing = MAX_FILE_BYTES / (2 * 1024 * 1024) - 1;
    let expected = format!("Không đọc được trang tính “Trang {crossing}” của tệp Excel (.xlsx) ds.xlsx: nội dung nén");
    assert!(message.starts_with(&expected), "{message}");
    assert!(message.contains("bung ra hơn 50 MB, quá giới hạn"), "{message}");
}

/// Sets the uncompressed size the central directory declares for `path` to `size`.
fn declare_size(bytes: &mut [u8], path: &str, size: u32) {
    let name = path.as_bytes();
    let at = (0..bytes.len() - 46)
        .find(|&i| {
            bytes[i..i + 4] == *b"PK\x01\x02" && {
                let length = usize::from(u16::from_le_bytes([bytes[i + 28], bytes[i + 29]]));
                bytes.get(i + 46..i + 46 + length) == Some(name)
            }
        })
        .expect("the entry in the central directory");
    bytes[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
}

/// A central directory that declares a part larger than the budget is refused before a byte
/// of it is inflated; one that declares it smaller than it inflates stops at the declared size.
#[test]
fn declared_sizes_bound_what_is_inflated() {
    let xml = sheet_xml("A1", &[("A1", "Họ và tên")]);
    let mut huge = one_sheet(xml.clone());
    declare_size(&mut huge, "xl/worksheets/sheet1.xml", u32::try_from(MAX_FILE_BYTES + 1).unwrap());
    let message = timed_read(&huge).unwrap_err();
    assert!(message.contains("bung ra hơn 50 MB"), "{message}");

    let padding = " ".repeat(8 * 1024 * 1024);
    let bomb = format!(
        r#"<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{padding}<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#
    );
    let mut lying = one_sheet(bomb);
    declare_size(&mut lying, "xl/worksheets/sheet1.xml", 1024);
    let message = timed_read(&lying).unwrap_err();
    assert!(message.starts_with("Không đọc được trang tính “Danh sách” của tệp Excel (.xlsx) ds.xlsx:"), "{message}");
}
