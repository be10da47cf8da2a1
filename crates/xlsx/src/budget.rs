//! Giới hạn giải nén: an XLSX is a zip, and a few kilobytes of it can inflate to gigabytes.
//! The zip crate already stops an entry that inflates past the size its central directory
//! declares; what is left is the total, and a workbook that makes calamine open the same part
//! many times (a thousand sheets pointing at one). [`Budgeted`] is the reader calamine gets:
//! each time the zip crate seeks to the start of an entry's data to inflate it, the entry's
//! declared size is charged, and once the charges pass [`MAX_FILE_BYTES`] the seek fails, before
//! a byte of it is inflated. Everything calamine inflates (the workbook, shared strings,
//! styles, each sheet) is therefore bounded by the budget, whatever the file claims.

use std::cell::Cell;
use std::collections::HashMap;
use std::io::{self, Cursor, Read, Seek, SeekFrom};
use std::rc::Rc;

use calamine::XlsxError;
use dtbd_domain::limits::MAX_FILE_BYTES;
use dtbd_domain::number::grouped;

/// Bytes of an entry's local header before its name and extra field.
const LOCAL_HEADER_FIXED: usize = 30;

/// The workbook's bytes, read through the inflation budget.
pub(crate) struct Budgeted<'a> {
    inner: Cursor<&'a [u8]>,
    /// Where each entry's data starts → the most it may inflate to.
    entries: HashMap<u64, u64>,
    charged: u64,
    crossed: Rc<Cell<bool>>,
}

/// Tells, after calamine failed, whether it failed because the budget was crossed.
pub(crate) struct Inflated(Rc<Cell<bool>>);

impl Inflated {
    pub(crate) fn crossed(&self) -> bool {
        self.0.get()
    }
}

/// Where an entry's data starts, from its local header at `header`: the header's fixed part,
/// then its name and extra field (their lengths at bytes 26 and 28).
fn data_start(bytes: &[u8], header: u64) -> Option<u64> {
    let at = usize::try_from(header).ok()?;
    let length = |offset: usize| -> Option<u64> {
        let field = bytes.get(at.checked_add(offset)?..at.checked_add(offset + 2)?)?;
        Some(u64::from(u16::from_le_bytes([field[0], field[1]])))
    };
    Some(header + LOCAL_HEADER_FIXED as u64 + length(26)? + length(28)?)
}

impl<'a> Budgeted<'a> {
    /// The reader over `bytes`, with the declared size of every entry of its central directory.
    pub(crate) fn new(bytes: &'a [u8]) -> Result<(Budgeted<'a>, Inflated), XlsxError> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
        let mut entries: HashMap<u64, u64> = HashMap::new();
        for index in 0..archive.len() {
            if archive.name_for_index(index).and_then(Result::ok).is_some_and(|n| n.ends_with("sharedStrings.xml")) {
                check_string_count(&mut archive.by_index(index)?)?;
            }
            let entry = archive.by_index_data(index)?;
            if let Some(start) = data_start(bytes, entry.header_start()) {
                let size = entries.entry(start).or_default();
                *size = (*size).max(entry.size());
            }
        }
        let crossed = Rc::new(Cell::new(false));
        let reader = Budgeted { inner: Cursor::new(bytes), entries, charged: 0, crossed: crossed.clone() };
        Ok((reader, Inflated(crossed)))
    }
}

/// Bytes of the shared strings' start read to find its count, and the fewest bytes a string
/// takes in it (`<si/>`).
const STRINGS_HEAD: u64 = 4096;
const SMALLEST_STRING: u64 = 5;

/// calamine reserves room for the count of strings the shared strings part states
/// (`uniqueCount="4294967296"`: 100 GB) before reading one: a count more than the part's
/// declared size could hold is a damaged file, refused before calamine sees it.
fn check_string_count(part: &mut zip::read::ZipFile<'_, Cursor<&[u8]>>) -> Result<(), XlsxError> {
    let size = part.size();
    let mut head = Vec::new();
    part.by_ref().take(STRINGS_HEAD).read_to_end(&mut head)?;
    let head = String::from_utf8_lossy(&head);
    let Some(at) = head.find("uniqueCount=\"") else { return Ok(()) };
    let digits: String = head[at + "uniqueCount=\"".len()..].chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<u64>() {
        Ok(count) if count <= size / SMALLEST_STRING + 1 => Ok(()),
        _ => Err(XlsxError::Unexpected("shared strings count beyond the part")),
    }
}

impl Read for Budgeted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf)
    }
}

impl Seek for Budgeted<'_> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        if let SeekFrom::Start(start) = pos {
            if let Some(&size) = self.entries.get(&start) {
                self.charged = self.charged.saturating_add(size);
                if self.charged > MAX_FILE_BYTES as u64 {
                    self.crossed.set(true);
                    return Err(io::Error::other("over the inflation budget"));
                }
            }
        }
        self.inner.seek(pos)
    }
}

/// Why the workbook is refused when the budget is crossed, in the officer's words.
pub(crate) fn over_budget() -> String {
    format!(
        "nội dung nén trong tệp bung ra hơn {} MB, quá giới hạn của một tệp (tệp bị hỏng, hoặc được làm ra để làm treo máy); \
         nếu là bảng tính thật, hãy mở bằng Excel, xóa các trang tính không cần rồi lưu lại",
        grouped(MAX_FILE_BYTES / (1024 * 1024))
    )
}
