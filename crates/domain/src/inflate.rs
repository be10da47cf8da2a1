//! Giải nén có giới hạn: a gzip file inflated through a budget of output bytes, a step at a
//! time, stopping as soon as the output crosses the budget.
//!
//! *Why here and not the browser's `DecompressionStream`:* that stream hands back the whole
//! output before anyone can count it, so a 1 MB "gzip bomb" became a gigabyte of heap (and a
//! 4 MB one an English "Failed to fetch") before the 50 MB check ran. Inflating in Rust keeps
//! the count in our hands, in steps the page can yield between (`store::files`), and is proven
//! natively by a test that builds the bomb itself.
//!
//! Concatenated gzip members (RFC 1952 allows them) are read as one file; anything else after
//! the last member, a bad checksum or a cut-off file is refused with the byte where it broke.
//!
//! *Why miniz_oxide's raw inflater with the gzip frame read here, not flate2's `GzDecoder`:*
//! flate2 brings crc32fast's 16 KB of tables and its reader machinery, about 19 KB of brotli
//! in each page that reads files (measured: 5 KB for the inflater alone); the frame is twenty
//! lines and the CRC-32 a 1 KB table built on first use.

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

use crate::number::{format_number, grouped};

/// The two first bytes of every gzip file, whatever its name.
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Output inflated per call of [`Gunzip::step`] when the caller does not say: small enough to
/// stay well under a frame's budget in wasm, large enough that the loop costs nothing.
pub const STEP_BYTES: usize = 1 << 20;

/// True when `bytes` are gzip (by their first bytes, not the file's name).
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC)
}

/// The refusal of a file larger than `limits::MAX_FILE_BYTES` before a byte of it is read.
pub fn file_too_large(file: &str, bytes: u64) -> String {
    format!(
        "Tệp \"{file}\" nặng {} MB, quá giới hạn {} MB của một tệp: tệp không được đọc. Dữ liệu trên máy không thay đổi.",
        format_number(bytes as f64 / 1_048_576.0),
        grouped(crate::limits::MAX_FILE_BYTES / 1_048_576)
    )
}

/// When the browser cannot read a picked file (moved, deleted, no permission); its own words
/// go to the console.
pub fn unreadable(file: &str) -> String {
    format!("Không đọc được tệp \"{file}\": tệp đã bị chuyển, xóa hoặc không được phép đọc. Hãy chọn lại tệp.")
}

/// Why a gzip file was not inflated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GunzipError {
    /// The output crossed the budget; inflating stopped there.
    TooLarge {
        /// The budget, in bytes.
        limit: usize,
    },
    /// The compressed data is cut off, damaged, or followed by bytes that are not gzip.
    Broken {
        /// Compressed bytes read when it broke.
        at: usize,
        /// Of the file's compressed bytes.
        of: usize,
        /// The decoder's own (English) words, for the console only.
        detail: String,
    },
}

impl GunzipError {
    /// What the officer reads, naming the file.
    pub fn message(&self, file: &str) -> String {
        match self {
            GunzipError::TooLarge { limit } => format!(
                "Tệp nén \"{file}\" giải nén ra hơn {mb} MB, quá giới hạn {mb} MB của một tệp: đã dừng giải nén, tệp không được đọc. Dữ liệu trên máy không thay đổi.",
                mb = grouped(limit / 1_048_576)
            ),
            GunzipError::Broken { at, of, .. } => format!(
                "Tệp nén \"{file}\" bị hỏng hoặc không trọn vẹn (hỏng ở byte {} trong {} byte), không giải nén được. Hãy nhờ người gửi gửi lại tệp.",
                grouped(*at),
                grouped(*of)
            ),
        }
    }

    /// The decoder's words behind a [`GunzipError::Broken`], for the console ("" otherwise).
    pub fn detail(&self) -> &str {
        match self {
            GunzipError::TooLarge { .. } => "",
            GunzipError::Broken { detail, .. } => detail,
        }
    }
}

/// Where in a gzip member the inflater is.
enum Part {
    /// Before a member's header (the file's first, or one after a trailer).
    Header,
    /// In its deflate data.
    Body,
    /// At its trailer: CRC-32 and size of the member's output.
    Trailer,
}

/// A gzip file being inflated: call [`Gunzip::step`] until it says done, then
/// [`Gunzip::finish`]. Memory never exceeds the budget plus one step.
pub struct Gunzip<'a> {
    input: &'a [u8],
    /// Compressed bytes read.
    at: usize,
    part: Part,
    inflater: Box<InflateState>,
    crc_table: Box<[u32; 256]>,
    /// CRC-32 and length (mod 2^32) of the current member's output so far.
    crc: u32,
    member_bytes: u32,
    output: Vec<u8>,
    limit: usize,
    done: bool,
}

/// The CRC-32 (IEEE, reflected) of each byte value.
fn crc_table() -> Box<[u32; 256]> {
    let mut table = Box::new([0u32; 256]);
    for (byte, entry) in table.iter_mut().enumerate() {
        let mut crc = byte as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
        *entry = crc;
    }
    table
}

/// The length of the gzip member header at the start of `bytes` (RFC 1952: ten bytes, then
/// the optional extra field, name, comment and header CRC its flags announce).
fn header_length(bytes: &[u8]) -> Result<usize, &'static str> {
    const CUT: &str = "gzip header cut off";
    if bytes.len() < 10 {
        return Err(CUT);
    }
    if !is_gzip(bytes) {
        return Err("bytes after the last member are not gzip");
    }
    if bytes[2] != 8 {
        return Err("compression method is not deflate");
    }
    let flags = bytes[3];
    if flags & 0xE0 != 0 {
        return Err("reserved header flags set");
    }
    let mut at = 10;
    if flags & 0x04 != 0 {
        let extra = bytes.get(at..at + 2).ok_or(CUT)?;
        at += 2 + usize::from(u16::from_le_bytes([extra[0], extra[1]]));
    }
    for text in [0x08, 0x10] {
        if flags & text != 0 {
            let end = bytes.get(at..).and_then(|rest| rest.iter().position(|&b| b == 0)).ok_or(CUT)?;
            at += end + 1;
        }
    }
    if flags & 0x02 != 0 {
        at += 2;
    }
    if at > bytes.len() {
        return Err(CUT);
    }
    Ok(at)
}

/// The size the file's last member declares (its trailer's last four bytes: the size modulo
/// 4 GB), for one reservation of the output up to the budget. *Why:* a buffer grown by
/// doubling copies itself, and going from 32 to 64 MB held 96 MB at once; a lie only costs
/// what the budget allows, and a short declaration (several members) just grows as before.
fn declared_size(compressed: &[u8]) -> usize {
    match compressed.len().checked_sub(4).map(|at| &compressed[at..]) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]) as usize,
        _ => 0,
    }
}

impl<'a> Gunzip<'a> {
    /// Starts inflating `compressed` with a budget of `limit` output bytes.
    pub fn new(compressed: &'a [u8], limit: usize) -> Gunzip<'a> {
        Gunzip {
            input: compressed,
            at: 0,
            part: Part::Header,
            inflater: InflateState::new_boxed(DataFormat::Raw),
            crc_table: crc_table(),
            crc: 0,
            member_bytes: 0,
            output: Vec::with_capacity(declared_size(compressed).min(limit.saturating_add(1))),
            limit,
            done: false,
        }
    }

    fn broken(&mut self, detail: &str) -> GunzipError {
        self.output = Vec::new();
        GunzipError::Broken { at: self.at, of: self.input.len(), detail: detail.to_string() }
    }

    /// Inflates up to `max_bytes` more output. `Ok(true)` when the file is fully inflated.
    pub fn step(&mut self, max_bytes: usize) -> Result<bool, GunzipError> {
        // One byte past the budget is allowed, so a file of exactly `limit` bytes passes and
        // one byte more is refused.
        let room = (self.limit + 1).saturating_sub(self.output.len());
        let want = max_bytes.max(1).min(room.max(1));
        let goal = self.output.len() + want;
        while !self.done && self.output.len() < goal {
            match self.part {
                Part::Header => match header_length(&self.input[self.at..]) {
                    Ok(length) => {
                        self.at += length;
                        self.inflater.reset(DataFormat::Raw);
                        (self.crc, self.member_bytes) = (0, 0);
                        self.part = Part::Body;
                    }
                    Err(detail) => return Err(self.broken(detail)),
                },
                Part::Body => {
                    let start = self.output.len();
                    if goal > self.output.capacity() {
                        // Doubling, but never past the budget (and its one byte to tell a
                        // file over it): a 64 MB buffer for a 50 MB budget is 14 MB for nothing.
                        let capacity = (self.output.capacity() * 2).clamp(goal, self.limit.saturating_add(1).max(goal));
                        self.output.reserve_exact(capacity - start);
                    }
                    self.output.resize(goal, 0);
                    let result =
                        inflate(&mut self.inflater, &self.input[self.at..], &mut self.output[start..], MZFlush::None);
                    self.at += result.bytes_consumed;
                    self.output.truncate(start + result.bytes_written);
                    let mut crc = !self.crc;
                    for &byte in &self.output[start..] {
                        crc = self.crc_table[((crc ^ u32::from(byte)) & 0xFF) as usize] ^ (crc >> 8);
                    }
                    self.crc = !crc;
                    self.member_bytes = self.member_bytes.wrapping_add(result.bytes_written as u32);
                    if self.output.len() > self.limit {
                        self.output = Vec::new();
                        return Err(GunzipError::TooLarge { limit: self.limit });
                    }
                    match result.status {
                        Ok(MZStatus::StreamEnd) => self.part = Part::Trailer,
                        Ok(MZStatus::Ok) if result.bytes_consumed + result.bytes_written > 0 => {}
                        Ok(_) | Err(MZError::Buf) => return Err(self.broken("deflate data cut off")),
                        Err(_) => return Err(self.broken("corrupt deflate data")),
                    }
                }
                Part::Trailer => {
                    let Some(trailer) = self.input.get(self.at..self.at + 8) else {
                        return Err(self.broken("gzip trailer cut off"));
                    };
                    let crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
                    let size = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
                    if crc != self.crc || size != self.member_bytes {
                        return Err(self.broken("gzip checksum or size does not match the data"));
                    }
                    self.at += 8;
                    self.part = Part::Header;
                    self.done = self.at == self.input.len();
                }
            }
        }
        Ok(self.done)
    }

    /// Compressed bytes read so far (for a progress bar).
    pub fn consumed(&self) -> usize {
        self.at
    }

    /// Output bytes so far.
    pub fn produced(&self) -> usize {
        self.output.len()
    }

    /// The compressed file's size.
    pub fn compressed(&self) -> usize {
        self.input.len()
    }

    /// The inflated bytes (all of them once [`Gunzip::step`] said done).
    pub fn finish(self) -> Vec<u8> {
        self.output
    }
}

/// Inflates `compressed` whole, within `limit` output bytes (for callers that need no steps).
pub fn gunzip(compressed: &[u8], limit: usize) -> Result<Vec<u8>, GunzipError> {
    let mut inflating = Gunzip::new(compressed, limit);
    while !inflating.step(STEP_BYTES)? {}
    Ok(inflating.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::MAX_FILE_BYTES;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;
    use std::time::{Duration, Instant};

    fn gzip(plain: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(plain).unwrap();
        encoder.finish().unwrap()
    }

    /// A gzip of `gigabytes` GB of zeros, about 1 MB per GB as the corpus's bomb: one member
    /// of 1 MB of zeros at deflate's best ratio, repeated (a file of many members is valid
    /// gzip, checksums included), so the test never compresses gigabytes itself.
    fn bomb(gigabytes: usize) -> Vec<u8> {
        let member = gzip(&vec![0u8; 1 << 20]);
        member.repeat(gigabytes << 10)
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_budget_in_bounded_time_and_memory() {
        let bomb = bomb(4);
        assert!(bomb.len() < 5 << 20, "the bomb is small: {} bytes", bomb.len());
        let started = Instant::now();
        let mut inflating = Gunzip::new(&bomb, MAX_FILE_BYTES);
        let (mut peak, mut reserved) = (0, 0);
        let error = loop {
            match inflating.step(STEP_BYTES) {
                Ok(done) => {
                    assert!(!done, "4 GB of output never fit in 50 MB");
                    peak = peak.max(inflating.produced());
                    reserved = reserved.max(inflating.output.capacity());
                }
                Err(e) => break e,
            }
        };
        assert_eq!(error, GunzipError::TooLarge { limit: MAX_FILE_BYTES });
        assert!(peak <= MAX_FILE_BYTES + 1, "held {peak} bytes");
        // Reserved once, never grown by doubling past the budget (64 MB, copying 32).
        assert!(reserved <= MAX_FILE_BYTES + 1, "reserved {reserved} bytes");
        // Stopped near the budget: a fraction of the compressed file was read.
        assert!(inflating.consumed() < bomb.len() / 10, "read {} of {}", inflating.consumed(), bomb.len());
        // 50 MB of zeros inflate in about 2 s in a debug build; the whole 4 GB would take
        // minutes. The bound leaves room for a loaded CI machine.
        assert!(started.elapsed() < Duration::from_secs(40), "took {:?}", started.elapsed());
        assert_eq!(
            error.message("x.json.gz"),
            "Tệp nén \"x.json.gz\" giải nén ra hơn 50 MB, quá giới hạn 50 MB của một tệp: đã dừng giải nén, tệp không được đọc. Dữ liệu trên máy không thay đổi."
        );
        assert_eq!(gunzip(&bomb, MAX_FILE_BYTES), Err(error));
    }

    #[test]
    fn the_budget_is_exact_to_the_byte() {
        let plain: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let packed = gzip(&plain);
        assert_eq!(gunzip(&packed, plain.len()).unwrap(), plain);
        assert_eq!(gunzip(&packed, plain.len() - 1), Err(GunzipError::TooLarge { limit: plain.len() - 1 }));
        // Whatever the step size, the same bytes come out.
        for step in [1, 7, 4096, STEP_BYTES] {
            let mut inflating = Gunzip::new(&packed, MAX_FILE_BYTES);
            while !inflating.step(step).unwrap() {}
            assert_eq!(inflating.consumed(), packed.len());
            assert_eq!(inflating.finish(), plain, "step {step}");
        }
    }

    #[test]
    fn concatenated_members_read_as_one_file() {
        let mut packed = gzip(b"{\"a\":");
        packed.extend(gzip(b"1}"));
        assert_eq!(gunzip(&packed, 100).unwrap(), b"{\"a\":1}");
        assert_eq!(gunzip(&gzip(b""), 100).unwrap(), b"");
        // A header with the optional parts the `gzip` command and others write.
        let mut named = flate2::GzBuilder::new()
            .filename("du-lieu.json")
            .comment("xuất ngày 1/12")
            .extra(vec![1, 2, 3])
            .write(Vec::new(), Compression::default());
        named.write_all(b"{\"b\":2}").unwrap();
        assert_eq!(gunzip(&named.finish().unwrap(), 100).unwrap(), b"{\"b\":2}");
    }

    #[test]
    fn a_cut_or_damaged_file_is_refused_in_vietnamese_with_where_it_broke() {
        let plain: Vec<u8> = (0..50_000u32).flat_map(|i| i.to_string().into_bytes()).collect();
        let packed = gzip(&plain);
        // Cut anywhere: in the header, the data, the checksum.
        for cut in [2, 5, 12, packed.len() / 2, packed.len() - 5, packed.len() - 1] {
            let error = gunzip(&packed[..cut], MAX_FILE_BYTES).unwrap_err();
            assert!(matches!(error, GunzipError::Broken { of, .. } if of == cut), "cut at {cut}: {error:?}");
            let message = error.message("du-lieu.json.gz");
            assert!(message.starts_with("Tệp nén \"du-lieu.json.gz\" bị hỏng hoặc không trọn vẹn"), "{message}");
            assert!(!error.detail().is_empty());
        }
        // A byte changed in the data, and one in the stored checksum.
        for at in [packed.len() / 2, packed.len() - 6] {
            let mut damaged = packed.clone();
            damaged[at] ^= 0x55;
            assert!(matches!(gunzip(&damaged, MAX_FILE_BYTES), Err(GunzipError::Broken { .. })), "byte {at}");
        }
        // Bytes after the last member that are not another member.
        let mut trailing = packed.clone();
        trailing.extend_from_slice(b"rac");
        assert!(matches!(gunzip(&trailing, MAX_FILE_BYTES), Err(GunzipError::Broken { .. })));
        let broken = GunzipError::Broken { at: 1234, of: 56789, detail: "corrupt deflate stream".into() };
        assert_eq!(
            broken.message("a.gz"),
            "Tệp nén \"a.gz\" bị hỏng hoặc không trọn vẹn (hỏng ở byte 1.234 trong 56.789 byte), không giải nén được. Hãy nhờ người gửi gửi lại tệp."
        );
    }

    #[test]
    fn a_file_too_large_to_read_is_named_with_its_size() {
        assert_eq!(
            file_too_large("lon.json", 63 << 20),
            "Tệp \"lon.json\" nặng 63 MB, quá giới hạn 50 MB của một tệp: tệp không được đọc. Dữ liệu trên máy không thay đổi."
        );
        assert!(unreadable("a.csv").starts_with("Không đọc được tệp \"a.csv\""));
    }

    #[test]
    fn gzip_is_told_by_its_first_bytes() {
        assert!(is_gzip(&gzip(b"x")));
        assert!(!is_gzip(b"{\"format\""));
        assert!(!is_gzip(&[0x1f]));
    }
}
