//! Bảng mã của tệp văn bản: the bytes of a CSV file to text. Offices save CSV from whatever
//! Excel they have: UTF-8 (with or without a byte-order mark), UTF-16 ("Unicode Text"), or the
//! Windows "ANSI" code page, which on a Vietnamese Windows is Windows-1258, and which holds the
//! bytes of an old font (TCVN3, VNI) when the sheet was typed in one. [`decode_text`] tells
//! them apart and refuses bytes that are no text at all; [`workbook_kind`] tells a workbook by
//! its first bytes, whatever its name.
//!
//! Windows-1258 writes five of its tones as combining marks after the letter (0xCC, 0xD2,
//! 0xDE, 0xEC, 0xF2); they are put back on the letter, so the text is precomposed (NFC) like
//! what an officer types. The 128 characters are a table here rather than `encoding_rs`,
//! which would add every other encoding's tables to the page and still leave the marks apart.

use crate::legacy_font::{self, compose_vietnamese, LegacyFont};
use crate::number::format_thousands;

/// The encoding a text file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 little-endian (Excel's "Unicode Text"), with or without a byte-order mark.
    Utf16Le,
    /// UTF-16 big-endian, with or without a byte-order mark.
    Utf16Be,
    /// Windows-1258, the Vietnamese ANSI code page.
    Windows1258,
    /// One byte per character as the old font drew it: the file holds TCVN3 or VNI bytes,
    /// read as Latin-1 so that `legacy_font` converts them.
    Legacy(LegacyFont),
}

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookKind {
    /// A ZIP archive ("PK\x03\x04"): Excel 2007 and later (.xlsx).
    Xlsx,
    /// An OLE compound file (D0 CF 11 E0 A1 B1 1A E1): Excel 97-2003 (.xls).
    Xls,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The kind of workbook `bytes` are by their first bytes, or `None` for anything else (text).
pub fn workbook_kind(bytes: &[u8]) -> Option<WorkbookKind> {
    if bytes.starts_with(ZIP_MAGIC) {
        Some(WorkbookKind::Xlsx)
    } else if bytes.starts_with(OLE_MAGIC) {
        Some(WorkbookKind::Xls)
    } else {
        None
    }
}

/// Windows-1258 from 0x80 to 0x9F (the rest is Latin-1 but for the 14 bytes of
/// [`cp1258_high`]); the five undefined bytes stay C1 controls, as in the WHATWG table.
const CP1258_80: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', '\u{8a}', '‹', 'Œ', '\u{8d}', '\u{8e}', '\u{8f}', //
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', '\u{9a}', '›', 'œ', '\u{9d}', '\u{9e}', 'Ÿ',
];

/// The Windows-1258 character of byte `b`.
fn cp1258(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1258_80[usize::from(b - 0x80)],
        0xC3 => 'Ă',
        0xCC => '\u{300}',
        0xD0 => 'Đ',
        0xD2 => '\u{309}',
        0xD5 => 'Ơ',
        0xDD => 'Ư',
        0xDE => '\u{303}',
        0xE3 => 'ă',
        0xEC => '\u{301}',
        0xF0 => 'đ',
        0xF2 => '\u{323}',
        0xF5 => 'ơ',
        0xFD => 'ư',
        0xFE => '₫',
        _ => char::from(b),
    }
}

/// Bytes looked at to tell UTF-16 without a byte-order mark, and to look for an old font.
const SNIFF_BYTES: usize = 64 * 1024;
const LEGACY_SNIFF_BYTES: usize = 256 * 1024;

/// UTF-16 without a byte-order mark: the high byte of ASCII characters is zero, so one byte
/// position of each pair is mostly zeros and the other almost never.
fn utf16_without_bom(bytes: &[u8]) -> Option<SourceEncoding> {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros = |offset: usize| sample.iter().skip(offset).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 4 >= pairs && even * 8 <= odd {
        Some(SourceEncoding::Utf16Le)
    } else if even * 4 >= pairs && odd * 8 <= even {
        Some(SourceEncoding::Utf16Be)
    } else {
        None
    }
}

/// The line (from 1) of character `index` in `chars`.
fn line_at(chars: impl Iterator<Item = char>, index: usize) -> usize {
    1 + chars.take(index).filter(|&c| c == '\n').count()
}

/// A control character that text files do not hold (tab, line ends, form feed and the DOS end
/// of file are text).
fn is_foreign_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}' | '\u{1a}')
}

/// Refuses text that is a binary read as characters: any NUL, or more control characters
/// than a stray few (one in a hundred, and more than eight). The message names the line.
fn check_text(text: &str) -> Result<(), String> {
    let (mut count, mut first, mut nul) = (0usize, None, None);
    let mut total = 0usize;
    for (i, c) in text.chars().enumerate() {
        total += 1;
        if c == '\0' && nul.is_none() {
            nul = Some(i);
        }
        if is_foreign_control(c) {
            count += 1;
            first.get_or_insert(i);
        }
    }
    let bad = nul.or(first.filter(|_| count > 8 && count * 100 > total));
    match bad {
        None => Ok(()),
        Some(i) => Err(format!(
            "Nội dung không phải chữ: có ký tự điều khiển ở dòng {}. Có thể đây là tệp nén, ảnh hay chương trình chứ không phải CSV.",
            format_thousands(line_at(text.chars(), i) as u64)
        )),
    }
}

fn utf16(bytes: &[u8], big_endian: bool) -> Result<String, String> {
    let units = bytes.chunks_exact(2).map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let mut text = String::with_capacity(bytes.len());
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                return Err(format!(
                    "Tệp ghi theo bảng mã UTF-16 nhưng bị hỏng ở dòng {}: có nửa ký tự không ghép được.",
                    format_thousands(1 + text.matches('\n').count() as u64)
                ))
            }
        }
    }
    Ok(text)
}

/// The first cells of Latin-1 `text` (lines split at commas, semicolons and tabs): enough to
/// tell an old font.
fn sniff_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let sample = &bytes[..bytes.len().min(LEGACY_SNIFF_BYTES)];
    let text: String = sample.iter().map(|&b| char::from(b)).collect();
    text.lines().map(|l| l.split([',', ';', '\t']).map(|c| c.trim_matches('"').to_string()).collect()).collect()
}

/// The text of a CSV file's bytes and the encoding it was in. UTF-8 when the bytes are valid
/// UTF-8 (a byte-order mark is dropped); UTF-16 by its byte-order mark, or by the zero bytes
/// of ASCII characters without one; otherwise one byte per character: the bytes of an old font
/// when they read as TCVN3 or VNI ([`SourceEncoding::Legacy`], left for `legacy_font` to
/// convert), else Windows-1258 with its tone marks composed. The error, in Vietnamese, says
/// the bytes are not text and on which line.
pub fn decode_text(bytes: &[u8]) -> Result<(String, SourceEncoding), String> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (utf16(rest, false)?, SourceEncoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (utf16(rest, true)?, SourceEncoding::Utf16Be)
    } else if let Some(e) = utf16_without_bom(bytes) {
        (utf16(bytes, e == SourceEncoding::Utf16Be)?, e)
    } else {
        let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        match std::str::from_utf8(body) {
            Ok(s) => (s.to_string(), SourceEncoding::Utf8),
            Err(_) => match legacy_font::detect_legacy(&sniff_rows(bytes)) {
                Some(font) => (bytes.iter().map(|&b| char::from(b)).collect(), SourceEncoding::Legacy(font)),
                None => (bytes.iter().map(|&b| cp1258(b)).collect(), SourceEncoding::Windows1258),
            },
        }
    };
    check_text(&text)?;
    let text = match compose_vietnamese(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(composed) => composed,
    };
    Ok((text, encoding))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
        out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    fn utf16be(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFE, 0xFF] } else { vec![] };
        out.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        out
    }

    /// Unicode text to Windows-1258 bytes the way Excel writes them: precomposed letters the
    /// code page has, the others as base letter + combining tone.
    fn to_cp1258(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for c in s.chars() {
            if let Some(b) = (0u8..=255).find(|&b| cp1258(b) == c) {
                out.push(b);
                continue;
            }
            let (base, tone) = (0..6)
                .flat_map(|t| ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'].map(move |b| (b, t)))
                .flat_map(|(b, t)| [(b, t), (b.to_uppercase().next().unwrap(), t)])
                .find(|&(b, t)| legacy_font::toned(b, t) == Some(c))
                .unwrap_or_else(|| panic!("{c} has no 1258 form"));
            out.push((0u8..=255).find(|&b| cp1258(b) == base).unwrap());
            out.push([0xCC, 0xEC, 0xD2, 0xDE, 0xF2][tone - 1]);
        }
        out
    }

    const ROSTER: &str = "Họ và tên,Trình độ,Chức vụ\r\nNguyễn Thị Hồng Nhung,Thạc sĩ,Phó Chủ tịch UBND xã\r\nLò Văn Đức,Đại học,Bí thư Đảng ủy xã\r\n";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode_text(ROSTER.as_bytes()).unwrap(), (ROSTER.to_string(), SourceEncoding::Utf8));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(ROSTER.as_bytes());
        assert_eq!(decode_text(&bom).unwrap(), (ROSTER.to_string(), SourceEncoding::Utf8));
        assert_eq!(decode_text(b"").unwrap(), (String::new(), SourceEncoding::Utf8));
    }

    #[test]
    fn utf16_both_byte_orders_with_and_without_bom() {
        for bom in [true, false] {
            assert_eq!(
                decode_text(&utf16le(ROSTER, bom)).unwrap(),
                (ROSTER.to_string(), SourceEncoding::Utf16Le),
                "{bom}"
            );
            assert_eq!(
                decode_text(&utf16be(ROSTER, bom)).unwrap(),
                (ROSTER.to_string(), SourceEncoding::Utf16Be),
                "{bom}"
            );
        }
        // Cut in the middle of a surrogate pair: refused, with its line.
        let mut broken = utf16le("Họ và tên\n", true);
        broken.extend([0x3D, 0xD8, 0x41, 0x00]);
        assert_eq!(
            decode_text(&broken).unwrap_err(),
            "Tệp ghi theo bảng mã UTF-16 nhưng bị hỏng ở dòng 2: có nửa ký tự không ghép được."
        );
    }

    #[test]
    fn windows_1258_with_combining_tones_comes_out_precomposed() {
        let bytes = to_cp1258(ROSTER);
        assert!(bytes.contains(&0xEC) && bytes.contains(&0xF2) && bytes.contains(&0xDE), "uses combining tones");
        let (text, encoding) = decode_text(&bytes).unwrap();
        assert_eq!(encoding, SourceEncoding::Windows1258);
        assert_eq!(text, ROSTER);
        // Every Vietnamese letter, both cases, round-trips.
        let letters: String = "aăâeêioôơuưy"
            .chars()
            .flat_map(|b| (0..6).map(move |t| legacy_font::toned(b, t).unwrap()))
            .flat_map(|c| [c, c.to_uppercase().next().unwrap(), ' '])
            .chain("đĐ ₫".chars())
            .collect();
        assert_eq!(decode_text(&to_cp1258(&letters)).unwrap(), (letters, SourceEncoding::Windows1258));
        // The test's own example: "Hồ tên" in 1258 bytes is not UTF-8.
        assert_eq!(decode_text(&[0x48, 0x6F, 0x20, 0x74, 0xEA, 0x6E, 0x0A]).unwrap().0, "Ho tên\n");
    }

    #[test]
    fn old_font_bytes_are_left_for_the_converter() {
        let tcvn3: Vec<u8> =
            "Hä vµ tªn,Tr×nh ®é\nNguyÔn V¨n A,Th¹c sÜ\nLß ThÞ Hoa,§¹i häc\n".chars().map(|c| c as u8).collect();
        let (text, encoding) = decode_text(&tcvn3).unwrap();
        assert_eq!(encoding, SourceEncoding::Legacy(LegacyFont::Tcvn3));
        assert!(text.starts_with("Hä vµ tªn"), "{text}");
        let vni: Vec<u8> = "Hoï vaø teân,Trình ñoä\nNguyeãn Vaên A,Thaïc só\nLoø Thò Hoa,Ñaïi hoïc\n"
            .chars()
            .map(|c| c as u8)
            .collect();
        assert_eq!(decode_text(&vni).unwrap().1, SourceEncoding::Legacy(LegacyFont::Vni));
    }

    #[test]
    fn bytes_that_are_no_text_are_refused_with_their_line() {
        let mut zipped = b"Ho ten\nx\n".to_vec();
        zipped.extend([0x00, 0x13, 0x88, 0x90, 0x01]);
        let message = decode_text(&zipped).unwrap_err();
        assert!(message.starts_with("Nội dung không phải chữ: có ký tự điều khiển ở dòng 3."), "{message}");
        // A stray control character or two in real text is kept.
        assert!(decode_text("Họ và tên\u{b}\nA\u{7}\n".as_bytes()).is_ok());
    }

    #[test]
    fn ten_megabytes_of_garbage_are_refused_in_bounded_time() {
        // A xorshift stream: every byte value, no structure.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let garbage: Vec<u8> = (0..10 * 1024 * 1024)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        let started = std::time::Instant::now();
        let message = decode_text(&garbage).unwrap_err();
        assert!(message.starts_with("Nội dung không phải chữ"), "{message}");
        // Without NULs or controls (printable ASCII and 0xA0–0xFF only) it is 1258 text: read
        // once, sniffed over its first 256 KB.
        let printable: Vec<u8> =
            garbage.iter().map(|&b| if b < 0x20 || (0x7F..=0x9F).contains(&b) { b'a' + b % 26 } else { b }).collect();
        let (text, encoding) = decode_text(&printable).unwrap();
        assert!(matches!(encoding, SourceEncoding::Windows1258 | SourceEncoding::Legacy(_)));
        assert!(text.chars().count() <= printable.len());
        // About 6 s in a debug build alone; a loaded CI machine is several times slower. The
        // bound catches work that grows faster than the input (hours here), not a slow machine.
        assert!(started.elapsed() < std::time::Duration::from_secs(90), "{:?}", started.elapsed());
    }

    #[test]
    fn workbooks_are_told_by_their_first_bytes() {
        assert_eq!(workbook_kind(b"PK\x03\x04rest"), Some(WorkbookKind::Xlsx));
        assert_eq!(workbook_kind(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Some(WorkbookKind::Xls));
        assert_eq!(workbook_kind(b"Ho ten,Nam sinh\n"), None);
        assert_eq!(workbook_kind(b"PK"), None);
    }
}
