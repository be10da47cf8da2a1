//! Bảng mã của tệp nhập (`#/nhap-excel`): what the Excel import page says about the text of a
//! file it read. A CSV may come in UTF-8, UTF-16, Windows-1258 or an old font's bytes; a sheet
//! of any file may hold text typed in TCVN3 or VNI. The page reads the CSV with [`read_csv`],
//! converts the old fonts with [`convert_legacy`] (the converted rows go on to the header
//! finding, mapping and preview like any others) and shows the notes below, with "Giữ nguyên"
//! to import the text exactly as it is in the file. The rules are `domain::encoding`'s and
//! `domain::legacy_font`'s.

use dtbd_domain::encoding::{decode_text, workbook_kind, SourceEncoding};
use dtbd_domain::legacy_font::{conversion_samples, convert_rows, detect_legacy, ConversionSample, LegacyFont};
use dtbd_domain::roster_import::parse_csv;

use crate::excel::is_csv;

/// The button that imports the file's text as it is.
pub const KEEP: &str = "Giữ nguyên";
/// The button that converts it again.
pub const CONVERT: &str = "Chuyển sang Unicode";

/// Samples in the note, and the characters of each shown.
const SAMPLES: usize = 2;
const SAMPLE_CHARS: usize = 40;

/// A CSV file read in the page.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvRead {
    /// Its rows of cell texts.
    pub rows: Vec<Vec<String>>,
    /// The note under the file's heading ("Tệp CSV bảng mã Windows-1258: …"), none for UTF-8.
    pub note: Option<String>,
    /// The old font its bytes are in, when they are one's: the rows are converted from it.
    pub font: Option<LegacyFont>,
}

/// True when a picked file is read in the page as CSV: named `.csv` or `.txt`, and not a
/// workbook by its first bytes (an `.xlsx` or `.xls` renamed still goes to the Excel worker).
pub fn reads_as_csv(name: &str, bytes: &[u8]) -> bool {
    is_csv(name) && workbook_kind(bytes).is_none()
}

/// The rows of CSV file `name`, in whichever encoding it was saved; the error names the file
/// (and the line of a quote never closed, or the cell beyond a limit: nothing is offered).
pub fn read_csv(name: &str, bytes: &[u8]) -> Result<CsvRead, String> {
    let (text, encoding) = decode_text(bytes).map_err(|why| not_text(name, &why))?;
    let font = match encoding {
        SourceEncoding::Legacy(font) => Some(font),
        _ => None,
    };
    let rows = parse_csv(&text).map_err(|e| e.message(name))?;
    Ok(CsvRead { rows, note: encoding_note(encoding), font })
}

/// A `.csv` whose bytes are not text, and what to pick instead.
pub fn not_text(name: &str, why: &str) -> String {
    format!("Không đọc được tệp {name} như CSV. {why} Nếu là bảng tính Excel, hãy chọn tệp .xlsx hoặc .xls.")
}

/// What the page says about a CSV's encoding: nothing for UTF-8, which needs no mention, nor
/// for an old font's bytes, which [`LegacyText::note`] explains.
pub fn encoding_note(encoding: SourceEncoding) -> Option<String> {
    let name = match encoding {
        SourceEncoding::Utf8 | SourceEncoding::Legacy(_) => return None,
        SourceEncoding::Utf16Le | SourceEncoding::Utf16Be => "UTF-16",
        SourceEncoding::Windows1258 => "Windows-1258",
    };
    Some(format!("Tệp CSV bảng mã {name}: đã đọc sang Unicode."))
}

/// The name officers know an old font encoding by.
pub fn font_label(font: LegacyFont) -> &'static str {
    match font {
        LegacyFont::Tcvn3 => "TCVN3 (ABC)",
        LegacyFont::Vni => "VNI",
    }
}

/// A file's sheets with their old-font text converted.
#[derive(Debug, Clone, PartialEq)]
pub struct LegacyText {
    /// Per sheet, in the file's order: the converted rows, or `None` for a sheet left as it is.
    pub sheets: Vec<Option<Vec<Vec<String>>>>,
    /// The encodings found, in the order of the sheets.
    pub fonts: Vec<LegacyFont>,
    /// The first cells converted, for the note.
    pub samples: Vec<ConversionSample>,
}

/// Every sheet in an old font converted; `known` is the font a CSV's bytes were found in (it
/// is then not detected again). `None` when no sheet changes.
pub fn convert_legacy<'a>(
    sheets: impl IntoIterator<Item = &'a [Vec<String>]>,
    known: Option<LegacyFont>,
) -> Option<LegacyText> {
    let mut out = LegacyText { sheets: Vec::new(), fonts: Vec::new(), samples: Vec::new() };
    for rows in sheets {
        let converted = known.or_else(|| detect_legacy(rows)).map(|font| (font, convert_rows(rows, font)));
        match converted {
            Some((font, after)) if after.as_slice() != rows => {
                if !out.fonts.contains(&font) {
                    out.fonts.push(font);
                }
                if out.samples.len() < SAMPLES {
                    let more = conversion_samples(rows, &after, SAMPLES - out.samples.len());
                    out.samples.extend(more);
                }
                out.sheets.push(Some(after));
            }
            _ => out.sheets.push(None),
        }
    }
    (!out.fonts.is_empty()).then_some(out)
}

/// A sample text cut to what fits a line.
fn short(text: &str) -> String {
    if text.chars().count() <= SAMPLE_CHARS {
        text.to_string()
    } else {
        text.chars().take(SAMPLE_CHARS - 1).collect::<String>() + "…"
    }
}

impl LegacyText {
    fn fonts_label(&self) -> String {
        self.fonts.iter().map(|&f| font_label(f)).collect::<Vec<_>>().join(" và ")
    }

    /// The note while the text is converted: the encoding and examples.
    pub fn note(&self) -> String {
        let examples: Vec<String> =
            self.samples.iter().map(|s| format!("“{}” → “{}”", short(&s.before), short(&s.after))).collect();
        let mut note = format!("Tệp dùng bảng mã {}: đã chuyển sang Unicode.", self.fonts_label());
        if !examples.is_empty() {
            note += &format!(" Ví dụ: {}.", examples.join("; "));
        }
        note
    }

    /// The note while the text is kept as it is in the file.
    pub fn kept_note(&self) -> String {
        format!("Đang giữ nguyên chữ như trong tệp (bảng mã {}, chưa chuyển sang Unicode).", self.fonts_label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latin1(text: &str) -> Vec<u8> {
        text.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect()
    }

    #[test]
    fn a_csv_in_each_encoding_reads_with_its_note() {
        let rows =
            vec![vec!["Họ và tên".to_string(), "Năm sinh".to_string()], vec!["Lò Văn Đức".into(), "1980".into()]];
        let text = "Họ và tên,Năm sinh\nLò Văn Đức,1980\n";
        let utf8 = read_csv("a.csv", text.as_bytes()).unwrap();
        assert_eq!(utf8, CsvRead { rows: rows.clone(), note: None, font: None });
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let read = read_csv("a.csv", &utf16).unwrap();
        assert_eq!(read.rows, rows);
        assert_eq!(read.note.as_deref(), Some("Tệp CSV bảng mã UTF-16: đã đọc sang Unicode."));
        // Windows-1258: ọ is o + combining dot (0xF2), ò o + combining grave (0xCC), ă 0xE3,
        // Đ 0xD0, ứ ư (0xFD) + combining acute (0xEC).
        let cp1258 = b"Ho\xF2 va\xCC t\xEAn,N\xE3m sinh\nLo\xCC V\xE3n \xD0\xFD\xECc,1980\n";
        let read = read_csv("a.csv", cp1258).unwrap();
        assert_eq!(read.rows, rows);
        assert_eq!(read.note.as_deref(), Some("Tệp CSV bảng mã Windows-1258: đã đọc sang Unicode."));
        let garbage = [0x00, 0x01, 0x02, 0x03, 0xFF, 0x00];
        assert_eq!(
            read_csv("hong.csv", &garbage).unwrap_err(),
            "Không đọc được tệp hong.csv như CSV. Nội dung không phải chữ: có ký tự điều khiển ở dòng 1. \
             Có thể đây là tệp nén, ảnh hay chương trình chứ không phải CSV. Nếu là bảng tính Excel, hãy chọn tệp .xlsx hoặc .xls."
        );
    }

    /// Issue 15, defect 7: the page reported "1 dòng lỗi" and offered the rows before an
    /// unclosed quote; now the file is refused, with the line, and nothing is offered.
    #[test]
    fn a_csv_with_an_unclosed_quote_is_refused_naming_the_file_and_line() {
        let text = "Họ và tên,Năm sinh,Ghi chú\nLò Văn Đức,1980,\"chưa đóng\nNguyễn Văn An,1985,\n";
        let refused = read_csv("ds.csv", text.as_bytes()).unwrap_err();
        assert!(refused.starts_with("Tệp ds.csv: dấu ngoặc kép (\") mở ở dòng 2 không được đóng"), "{refused}");
        let wide = format!("Họ và tên{}x\n", ",".repeat(300));
        let refused = read_csv("rong.csv", wide.as_bytes()).unwrap_err();
        assert!(
            refused.starts_with("Tệp rong.csv có dữ liệu ở cột KO (cột thứ 301), dòng 1: quá giới hạn 256 cột"),
            "{refused}"
        );
    }

    #[test]
    fn workbooks_named_csv_go_to_the_excel_worker() {
        assert!(reads_as_csv("ds.csv", b"Ho ten\n"));
        assert!(!reads_as_csv("ds.csv", b"PK\x03\x04...."));
        assert!(!reads_as_csv("ds.CSV", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]));
        assert!(!reads_as_csv("ds.xls", b"Ho ten\n"));
    }

    #[test]
    fn a_tcvn3_csv_is_converted_with_a_note_and_can_be_kept() {
        let bytes = latin1("STT,Hä vµ tªn,Tr×nh ®é\n1,NguyÔn V¨n A,Th¹c sÜ\n2,Lß ThÞ Hoa,§¹i häc\n");
        let read = read_csv("cu.csv", &bytes).unwrap();
        assert_eq!(read.font, Some(LegacyFont::Tcvn3));
        assert_eq!(read.note, None);
        let legacy = convert_legacy([read.rows.as_slice()], read.font).unwrap();
        let rows = legacy.sheets[0].as_ref().unwrap();
        assert_eq!(rows[1], ["1", "Nguyễn Văn A", "Thạc sĩ"]);
        assert_eq!(rows[2], ["2", "Lò Thị Hoa", "Đại học"]);
        assert_eq!(
            legacy.note(),
            "Tệp dùng bảng mã TCVN3 (ABC): đã chuyển sang Unicode. Ví dụ: “Hä vµ tªn” → “Họ và tên”; “Tr×nh ®é” → “Trình độ”."
        );
        assert_eq!(
            legacy.kept_note(),
            "Đang giữ nguyên chữ như trong tệp (bảng mã TCVN3 (ABC), chưa chuyển sang Unicode)."
        );
    }

    #[test]
    fn only_the_sheets_in_an_old_font_change() {
        let unicode: Vec<Vec<String>> = vec![vec!["Họ và tên".into()], vec!["Nguyễn Thị Hồng Nhung".into()]];
        let vni: Vec<Vec<String>> =
            vec![vec!["Hoï vaø teân".into()], vec!["Nguyeãn Vaên A".into()], vec!["Thaïc só, Ñaûng uûy xaõ".into()]];
        assert_eq!(convert_legacy([unicode.as_slice()], None), None);
        let legacy = convert_legacy([unicode.as_slice(), vni.as_slice()], None).unwrap();
        assert_eq!(legacy.sheets[0], None);
        assert_eq!(legacy.sheets[1].as_ref().unwrap()[2], ["Thạc sĩ, Đảng ủy xã"]);
        assert_eq!(legacy.fonts, [LegacyFont::Vni]);
        assert!(legacy
            .note()
            .starts_with("Tệp dùng bảng mã VNI: đã chuyển sang Unicode. Ví dụ: “Hoï vaø teân” → “Họ và tên”"));
    }

    #[test]
    fn long_samples_are_cut() {
        let long = "NguyÔn V¨n A ".repeat(10);
        assert_eq!(short(&long).chars().count(), SAMPLE_CHARS);
        assert!(short(&long).ends_with('…'));
    }
}
