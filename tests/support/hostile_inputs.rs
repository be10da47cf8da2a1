//! Tệp độc hại: the hostile files of issue 15, generated (never committed), for the fuzz
//! test (`tests/fuzz_inputs.rs`), the bench (`benches/hostile.rs`), the Playwright files
//! (`examples/hostile_files.rs`) and the cargo-fuzz corpus. Each is included with
//! `#[path = "…/tests/support/hostile_inputs.rs"] mod hostile_inputs;`: it needs flate2, zip
//! and the XLSX writer, which the domain does not link.
//!
//! Deterministic: the same sizes give the same bytes. Valid snapshots come from the domain's
//! own export (`snapshot::export`), so their checksums are right and only the one hostile
//! thing in each is wrong; CSV and XLSX rows come from the roster export the import reads
//! back (`roster_import::roster_table`).
#![allow(dead_code)] // Each user takes the generators it needs.

use std::collections::{BTreeMap, HashSet};
use std::io::{Read, Write};

use dtbd::domain::directive::Directive;
use dtbd::domain::envelope::{self, Sealed};
use dtbd::domain::fixtures::{generate_roster, unit};
use dtbd::domain::model::RecordMeta;
use dtbd::domain::roster::Roster;
use dtbd::domain::roster_import::{self as ri, roster_table, ImportSettings};
use dtbd::domain::snapshot::{self, export, Dataset, ExportScope, ExportedBy, Resolutions, SnapshotError};
use dtbd::domain::table::Table;
use dtbd::domain::training::{load_plan_data, load_plan_file, BudgetPart, TrainingRecords};
use dtbd::view::excel::{self as vm, Layout, Request};
use dtbd::view::{legacy_text, share};
use dtbd::xlsx::Sheet;

/// The moment every generated file says it was exported.
pub const NOW: i64 = 1_795_000_000_000;

/// Which import function a file goes through: the page that takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Door {
    /// trao-doi.html: `snapshot::import_into` (an encrypted envelope first through `envelope::parse`).
    Snapshot,
    /// trao-doi.html, a `.json.gz`: inflated through the budget (`inflate::Gunzip`), then as
    /// [`Door::Snapshot`].
    Gzip,
    /// nhap-excel.html, a `.csv`: `legacy_text::read_csv`, then the sheet's pipeline.
    Csv,
    /// nhap-excel.html, a `.xlsx`: `dtbd_xlsx::read`, then the sheet's pipeline.
    Xlsx,
}

/// One generated file.
pub struct HostileFile {
    /// What it is, in a few words (the bench's row).
    pub what: String,
    /// The file name the page would see.
    pub file_name: String,
    pub door: Door,
    /// What the page must do with it.
    pub expect: Expect,
    pub bytes: Vec<u8>,
}

/// A file of the app's `public/` (from the root crate, or from `fuzz/`, a crate one folder down).
fn public(path: &str) -> String {
    let crate_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = if crate_dir.join("public").is_dir() { crate_dir } else { crate_dir.parent().unwrap_or(crate_dir) };
    std::fs::read_to_string(root.join("public").join(path)).unwrap_or_else(|e| panic!("public/{path}: {e}"))
}

// --- Snapshots ---

/// A small valid dataset: a generated roster of `cadres` people in `units` units (at least
/// 40), every record at version 1.
pub fn roster_dataset(seed: u64, cadres: usize, units: usize) -> Dataset {
    let mut roster = generate_roster(seed, cadres, units);
    for (i, c) in roster.cadres.iter_mut().enumerate() {
        c.meta = RecordMeta::at(1, NOW - 1_000 - i as i64);
    }
    for u in &mut roster.units {
        u.meta = RecordMeta::at(1, NOW - 10_000);
    }
    Dataset { roster, ..Dataset::default() }
}

/// A roster of `cadres` generated people and only the units they work in or hold a position
/// in, with those units' ancestors: the smallest valid roster, for many quick cases.
pub fn small_roster(seed: u64, cadres: usize) -> Roster {
    let roster = generate_roster(seed, cadres, 40);
    let mut keep = HashSet::new();
    for c in &roster.cadres {
        for id in std::iter::once(&c.unit_id).chain(c.positions.iter().map(|p| &p.unit_id)) {
            keep.extend(roster.ancestors_and_self(id).map(|u| u.id.clone()));
        }
    }
    let units = roster.units.iter().filter(|u| keep.contains(&u.id)).cloned().collect();
    Roster { units, cadres: roster.cadres }
}

/// [`small_roster`] as a dataset, every record at version 1.
pub fn small_dataset(seed: u64, cadres: usize) -> Dataset {
    let mut data = Dataset { roster: small_roster(seed, cadres), ..Dataset::default() };
    for (i, c) in data.roster.cadres.iter_mut().enumerate() {
        c.meta = RecordMeta::at(1, NOW - 1_000 - i as i64);
    }
    for u in &mut data.roster.units {
        u.meta = RecordMeta::at(1, NOW - 10_000);
    }
    data
}

/// `data` with the built-in plan cut to its first `lines` course lines and one historical
/// table: every kind of training record, small.
pub fn with_some_training(data: Dataset, lines: usize) -> Dataset {
    let mut data = with_training(data);
    let keep: Vec<_> = data.training.lines.iter().take(lines).map(|l| l.id.clone()).collect();
    data.training.lines.retain(|l| keep.contains(&l.id));
    data.training.aggregates.truncate(1);
    data
}

/// `data` with the built-in plan (seed 003: budget parts, quota parts) and the historical
/// dispatch tables (seed 004).
pub fn with_training(mut data: Dataset) -> Dataset {
    let mut training = TrainingRecords::default();
    let plan = load_plan_file(&public("plans/003-quang-ngai-ke-hoach-2021.json")).expect("the built-in plan reads");
    training.add_plan_file(&plan);
    let (tables, _) = load_plan_data(&public("plans/004-quang-nam-7328-so-lieu.json")).expect("the tables read");
    training.aggregates = tables.tables;
    data.training = training;
    data
}

/// The snapshot file of `data`, as the app exports it.
pub fn snapshot_bytes(data: &Dataset) -> Vec<u8> {
    let by =
        ExportedBy { unit_id: None, unit_name: "UBND huyện Nậm Ty".into(), sender: "Phòng Nội vụ".into() };
    export(data, &ExportScope::All, by, BTreeMap::new(), NOW)
        .expect("the whole database exports")
        .to_json()
        .into_bytes()
}

/// A good snapshot: 30 cadres, 40 units, the built-in plan and tables.
pub fn good_snapshot() -> Vec<u8> {
    snapshot_bytes(&with_training(roster_dataset(15, 30, 40)))
}

/// A valid snapshot of `n` units side by side under one parent (20.000 write ~3 MB).
pub fn units_under_one_parent(n: usize) -> Vec<u8> {
    let mut units = vec![unit("goc", "UBND huyện Nậm Ty", None)];
    units.extend((0..n).map(|i| unit(&format!("u{i:06}"), &format!("Tổ công tác số {i:06}"), Some("goc"))));
    for u in &mut units {
        u.meta = RecordMeta::at(1, NOW - 10_000);
    }
    snapshot_bytes(&Dataset { roster: Roster { units, cadres: Vec::new() }, ..Dataset::default() })
}

/// A snapshot of `n` units each inside the one before (a chain `n` deep).
pub fn unit_chain(n: usize) -> Vec<u8> {
    let mut units: Vec<_> = (0..n)
        .map(|i| {
            let parent = (i > 0).then(|| format!("c{:06}", i - 1));
            unit(&format!("c{i:06}"), &format!("Đơn vị cấp {i}"), parent.as_deref())
        })
        .collect();
    for u in &mut units {
        u.meta = RecordMeta::at(1, NOW - 10_000);
    }
    snapshot_bytes(&Dataset { roster: Roster { units, cadres: Vec::new() }, ..Dataset::default() })
}

/// A snapshot holding a directive (the 02-ĐA/HU template made the officer's own) whose title
/// is `chars` characters long.
pub fn long_directive_title(chars: usize) -> Vec<u8> {
    let mut data = roster_dataset(2, 10, 40);
    let mut directive = Directive::from_json(&public("templates/002-hoang-su-phi-02-da-hu.json")).expect("template");
    directive.id = "vb-dai".into();
    directive.source = String::new();
    directive.title = "Đề án ".to_string() + &"a".repeat(chars.saturating_sub(6));
    directive.meta = RecordMeta::at(1, NOW - 5);
    data.directives.push(directive);
    snapshot_bytes(&data)
}

/// A snapshot one of whose cadres has an id `chars` characters long.
pub fn long_cadre_id(chars: usize) -> Vec<u8> {
    let mut data = roster_dataset(3, 10, 40);
    data.roster.cadres[0].id = "x".repeat(chars);
    snapshot_bytes(&data)
}

/// A snapshot whose unit name and a cadre's Dân tộc hold NUL characters.
pub fn nul_in_names_snapshot() -> Vec<u8> {
    let mut data = roster_dataset(8, 10, 40);
    let unit_id = data.roster.cadres[0].unit_id.clone();
    if let Some(unit) = data.roster.units.iter_mut().find(|u| u.id == unit_id) {
        unit.name.push_str("\u{0}\u{0}");
    }
    data.roster.cadres[1].ethnicity = "Kinh\u{0}".into();
    snapshot_bytes(&data)
}

/// A snapshot with a cadre at version 2^64 − 1 (one local edit would wrap it to 0).
pub fn huge_version() -> Vec<u8> {
    let mut data = roster_dataset(4, 10, 40);
    data.roster.cadres[0].meta.version = u64::MAX;
    snapshot_bytes(&data)
}

/// A snapshot whose historical table row counts u32::MAX + 2 people.
pub fn overflowing_table_row() -> Vec<u8> {
    let mut data = with_training(roster_dataset(5, 10, 40));
    let row = &mut data.training.aggregates[0].rows[0];
    row.counts.iter_mut().for_each(|n| *n = 0);
    row.counts[0] = u32::MAX;
    row.counts[1] = 2;
    row.total = 1;
    snapshot_bytes(&data)
}

/// A snapshot whose course line's quota parts add up to u32::MAX + 2.
pub fn overflowing_quota_parts() -> Vec<u8> {
    let mut data = with_training(roster_dataset(6, 10, 40));
    let line = data.training.lines.iter_mut().find(|l| l.quota.parts.len() >= 2).expect("a line with quota parts");
    line.quota.parts.iter_mut().for_each(|p| p.persons = 0);
    line.quota.parts[0].persons = u32::MAX;
    line.quota.parts[1].persons = 2;
    line.quota.persons = Some(1);
    snapshot_bytes(&data)
}

/// A snapshot whose plan's budget parts add up to u64::MAX + 2 đồng, and a course line's too.
pub fn overflowing_budget_parts() -> Vec<u8> {
    let mut data = with_training(roster_dataset(7, 10, 40));
    let plan = &mut data.training.plans[0];
    plan.budget.parts.truncate(2);
    plan.budget.parts[0].amount = u64::MAX;
    plan.budget.parts[1].amount = 2;
    plan.budget.total = Some(1);
    let template = data.training.plans[0].budget.parts[1].clone();
    let part = |amount: u64| BudgetPart { amount, ..template.clone() };
    let line = &mut data.training.lines[0];
    line.budget_parts = vec![part(u64::MAX), part(2)];
    line.budget = Some(1);
    snapshot_bytes(&data)
}

/// An encrypted envelope whose keys come in another order than the app writes them
/// (`format` last): a valid envelope by its content.
pub fn reordered_envelope() -> Vec<u8> {
    let sealed = sealed();
    format!(
        "{{\"ciphertext\":\"{}\",\"cipher\":{{\"iv\":\"{}\",\"length\":256,\"name\":\"AES-GCM\"}},\"kdf\":{{\"salt\":\"{}\",\"iterations\":{},\"hash\":\"SHA-256\",\"name\":\"PBKDF2\"}},\"version\":{},\"format\":\"{}\"}}",
        envelope::base64_encode(&sealed.ciphertext),
        envelope::base64_encode(&sealed.iv),
        envelope::base64_encode(&sealed.salt),
        sealed.iterations,
        envelope::VERSION,
        envelope::FORMAT,
    )
    .into_bytes()
}

/// An envelope as the app writes it (the ciphertext is not a real encryption: enough for
/// every check made before the passphrase).
pub fn good_envelope() -> Vec<u8> {
    sealed().to_json().into_bytes()
}

/// An envelope whose salt is cut short: broken before any passphrase is asked.
pub fn broken_envelope() -> Vec<u8> {
    let mut s = sealed();
    s.salt.truncate(5);
    s.to_json().into_bytes()
}

fn sealed() -> Sealed {
    let bytes = |n: usize, from: u8| (0..n).map(|i| from.wrapping_add((i * 37) as u8)).collect::<Vec<u8>>();
    Sealed {
        iterations: envelope::ITERATIONS,
        salt: bytes(envelope::SALT_LEN, 3),
        iv: bytes(envelope::IV_LEN, 5),
        ciphertext: bytes(400, 11),
    }
}

// --- Gzip ---

/// A gzip file of `head` followed by white space up to `inflated` bytes in all: a valid
/// snapshot when inflated whole (trailing white space is valid JSON), about 1/1.030 of that
/// compressed. 4,5 GB of output take about 4,4 MB; the output is never held: the deflate
/// block of one MiB of spaces is compressed once and repeated (its back references reach
/// only spaces), and the CRC is combined.
pub fn gzip_bomb(head: &[u8], inflated: u64) -> Vec<u8> {
    use flate2::{Compress, Compression, Crc, FlushCompress};
    const CHUNK: usize = 1 << 20;
    let deflate = |c: &mut Compress, input: &[u8], flush: FlushCompress| -> Vec<u8> {
        let mut out = Vec::with_capacity(input.len() / 2 + 1024);
        let mut at = 0;
        loop {
            out.reserve(64 * 1024);
            let before_in = c.total_in();
            c.compress_vec(&input[at..], &mut out, flush).expect("deflate");
            at += (c.total_in() - before_in) as usize;
            if at == input.len() && out.len() < out.capacity() {
                return out;
            }
        }
    };
    let mut c = Compress::new(Compression::best(), false);
    let spaces = vec![b' '; CHUNK];
    // The head and one window of spaces, so that the repeated block only ever looks back at spaces.
    let mut first = head.to_vec();
    first.extend_from_slice(&spaces[..64 * 1024]);
    let mut crc = Crc::new();
    crc.update(&first);
    let mut body = deflate(&mut c, &first, FlushCompress::Sync);
    let block = deflate(&mut c, &spaces, FlushCompress::Sync);
    let mut block_crc = Crc::new();
    block_crc.update(&spaces);
    let total = inflated.max(first.len() as u64);
    let repeats = (total - first.len() as u64) / CHUNK as u64;
    let rest = ((total - first.len() as u64) % CHUNK as u64) as usize;
    body.reserve(block.len() * repeats as usize + 1024);
    for _ in 0..repeats {
        body.extend_from_slice(&block);
        crc.combine(&block_crc);
    }
    // A fresh compressor for the rest would not know the window: the tail is stored as is.
    crc.update(&spaces[..rest]);
    body.extend_from_slice(&stored_final_block(&spaces[..rest]));
    let mut gz = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    gz.extend_from_slice(&body);
    gz.extend_from_slice(&crc.sum().to_le_bytes());
    gz.extend_from_slice(&(total as u32).to_le_bytes());
    gz
}

/// The last deflate blocks: `data` stored (uncompressed), in blocks of at most 65.535 bytes.
fn stored_final_block(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut chunks: Vec<&[u8]> = data.chunks(65_535).collect();
    if chunks.is_empty() {
        chunks.push(&[]);
    }
    let last = chunks.len() - 1;
    for (i, chunk) in chunks.into_iter().enumerate() {
        out.push(u8::from(i == last)); // BFINAL, BTYPE 00 (stored), byte-aligned after the sync flush
        let len = chunk.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out
}

/// Inflates `gz` through a budget of `limit` output bytes without holding the output: the
/// bytes read before the budget was crossed (or the end), and whether it was crossed.
pub fn inflate_counting(gz: &[u8], limit: u64) -> (u64, bool) {
    let mut reader = flate2::read::GzDecoder::new(gz);
    let mut buf = vec![0u8; 1 << 16];
    let mut total = 0u64;
    loop {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => return (total, false),
            Ok(n) => {
                total += n as u64;
                if total > limit {
                    return (total, true);
                }
            }
        }
    }
}

/// The whole of a gzip file, inflated (for small ones only).
pub fn gunzip(gz: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(gz).read_to_end(&mut out)?;
    Ok(out)
}

/// `bytes` gzipped as the app's export does.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).expect("in memory");
    gz.finish().expect("in memory")
}

// --- CSV ---

/// The receiver of the sheets: the roster the good CSV and XLSX were written from.
pub fn sheet_roster() -> Roster {
    small_roster(21, 6)
}

/// The roster export of [`sheet_roster`] as a table: the columns the import reads back.
pub fn roster_sheet() -> Table {
    let roster = sheet_roster();
    let order: Vec<_> = roster.cadres.iter().collect();
    roster_table(&roster, &order)
}

/// A good CSV: the roster export, as the Excel page writes it.
pub fn good_csv() -> Vec<u8> {
    roster_sheet().to_csv().into_bytes()
}

/// A hand-written sheet as offices type it: a header and `rows`.
const HEADER: &str = "Họ và tên,Năm sinh,Giới tính,Đơn vị,Đối tượng,Dân tộc,Trình độ chuyên môn";

fn csv_of(lines: impl IntoIterator<Item = String>) -> Vec<u8> {
    let mut text = String::new();
    for line in lines {
        text.push_str(&line);
        text.push_str("\r\n");
    }
    text.into_bytes()
}

fn person(i: usize) -> String {
    format!("Nguyễn Văn Số {i},{},Nam,UBND xã Nậm Ty,Công chức,Kinh,Đại học", 1960 + i % 40)
}

/// A CSV whose header row ends in `n` empty columns (100.000 take 100 KB).
pub fn csv_trailing_columns(n: usize) -> Vec<u8> {
    csv_of(std::iter::once(format!("{HEADER}{}", ",".repeat(n))).chain((0..3).map(person)))
}

/// A CSV with a quote opened in row 3 and never closed: every later row is inside it.
pub fn csv_unclosed_quote() -> Vec<u8> {
    let mut lines = vec![HEADER.to_string(), person(1)];
    lines.push("\"Lò Văn Quang,1980,Nam,UBND xã Nậm Ty,Công chức,Thái,Đại học".into());
    lines.extend((4..40).map(person));
    csv_of(lines)
}

/// A CSV whose header is on row `row` (1-based), below title lines and blank rows.
pub fn csv_header_at(row: usize) -> Vec<u8> {
    let titles =
        (1..row).map(|i| if i == 1 { "DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2025".to_string() } else { String::new() });
    csv_of(titles.chain(std::iter::once(HEADER.to_string())).chain((0..5).map(person)))
}

/// A CSV whose years are written "1985.0", "1.985" and "1985 ".
pub fn csv_decimal_years() -> Vec<u8> {
    let years = ["1985.0", "\"1.985\"", "1985 ", "1970.0"];
    csv_of(std::iter::once(HEADER.to_string()).chain(
        years.iter().enumerate().map(|(i, y)| format!("Lò Văn Năm {i},{y},Nam,UBND xã Nậm Ty,Công chức,Kinh,Đại học")),
    ))
}

/// A CSV with NUL characters in a unit name and in Dân tộc.
pub fn csv_nul_characters() -> Vec<u8> {
    csv_of([
        HEADER.to_string(),
        "Hà Thị Nul,1982,Nữ,UBND xã\u{0} Nậm Ty,Công chức,Kinh,Đại học".to_string(),
        "Vàng A Nul,1979,Nam,UBND xã Nậm Ty,Công chức,H'Mông\u{0}\u{0},Đại học".to_string(),
    ])
}

/// A CSV whose level column holds `n` distinct values (50.000 took 25,6 s to review).
pub fn csv_level_values(n: usize) -> Vec<u8> {
    csv_of(std::iter::once(HEADER.to_string()).chain(
        (0..n).map(|i| format!("Người Số {i},{},Nam,UBND xã Nậm Ty,Công chức,Kinh,Trình độ {i:06}", 1960 + i % 40)),
    ))
}

// --- XLSX ---

/// A good workbook: the roster export, as the Excel page writes it.
pub fn good_xlsx() -> Vec<u8> {
    dtbd::xlsx::write(&[roster_sheet()]).expect("the roster writes")
}

/// A narrow workbook as offices type it: the seven columns of [`csv_header_at`] and five
/// people (the fuzz test's base: every case reads its header, so few columns keep it quick).
pub fn narrow_xlsx() -> Vec<u8> {
    use dtbd::domain::table::Cell;
    let split = |line: &str| line.split(',').map(Cell::text).collect::<Vec<_>>();
    let table = Table {
        title: "Danh sách".into(),
        header: HEADER.split(',').map(str::to_string).collect(),
        rows: (0..5).map(|i| split(&person(i))).collect(),
    };
    dtbd::xlsx::write(&[table]).expect("the sheet writes")
}

/// A small workbook whose first sheet's XML is changed by `edit` (the zip written again, deflated).
pub fn edit_sheet_xml(xlsx: &[u8], edit: impl Fn(&str) -> String) -> Vec<u8> {
    edit_entry(xlsx, "xl/worksheets/sheet1.xml", edit)
}

/// A workbook whose part `part` is changed by `edit` (the zip written again, deflated).
pub fn edit_entry(xlsx: &[u8], part: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("a workbook is a zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("an entry");
        let name = file.name().expect("an entry's name").to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).expect("an entry reads");
        if name == part {
            content = edit(&String::from_utf8(content).expect("XML is UTF-8")).into_bytes();
        }
        out.start_file(name, options).expect("an entry writes");
        out.write_all(&content).expect("in memory");
    }
    out.finish().expect("in memory").into_inner()
}

/// Every entry of a workbook, as (name, content): for mutations inside the zip.
pub fn xlsx_entries(xlsx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("a workbook is a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("an entry");
            let mut content = Vec::new();
            file.read_to_end(&mut content).expect("an entry reads");
            (file.name().expect("an entry's name").to_string(), content)
        })
        .collect()
}

/// A workbook of `entries`, stored (not compressed) so every byte is as given.
pub fn xlsx_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in entries {
        out.start_file(name.as_str(), options).expect("an entry writes");
        out.write_all(content).expect("in memory");
    }
    out.finish().expect("in memory").into_inner()
}

/// A small workbook whose sheet's dimension claims every cell of a sheet, A1:XFD1048576
/// (17 billion cells), its cells as they were.
pub fn dimension_claim_xlsx() -> Vec<u8> {
    edit_sheet_xml(&good_xlsx(), |xml| replace_dimension(xml, "A1:XFD1048576"))
}

/// A 7 KB workbook that claims a billion cells: its dimension A1:XFD1048576 and one more cell
/// at XFD1048576, the last of a sheet (a reader that makes the rectangle asks for 550 GB).
pub fn billion_cell_xlsx() -> Vec<u8> {
    edit_sheet_xml(&good_xlsx(), |xml| {
        replace_dimension(xml, "A1:XFD1048576").replacen(
            "</sheetData>",
            "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>",
            1,
        )
    })
}

/// A workbook whose unit names and Dân tộc hold NUL, written as Excel escapes it (`_x0000_`).
pub fn nul_in_names_xlsx() -> Vec<u8> {
    let mut table = roster_sheet();
    let column = |name: &str| table.header.iter().position(|h| h == name);
    let (unit, ethnicity) = (column("Đơn vị công tác"), column("Dân tộc"));
    for row in &mut table.rows {
        for col in [unit, ethnicity].into_iter().flatten() {
            if let Some(dtbd::domain::table::Cell::Text(text)) = row.get_mut(col) {
                text.push_str("QQNULQQ");
            }
        }
    }
    let xlsx = dtbd::xlsx::write(&[table]).expect("the roster writes");
    // The writer would escape a literal `_x0000_`: the escape goes in by hand.
    edit_entry(&xlsx, "xl/sharedStrings.xml", |xml| xml.replace("QQNULQQ", "_x0000_"))
}

/// A small workbook whose shared strings claim 2^32 of them (`count`, `uniqueCount`): the
/// reader must not reserve room for them (found by the fuzz test: a 103 GB allocation).
pub fn shared_strings_count_xlsx() -> Vec<u8> {
    edit_entry(&good_xlsx(), "xl/sharedStrings.xml", |xml| {
        let claim = |xml: &str, attribute: &str| -> String {
            let key = format!("{attribute}=\"");
            match xml.find(&key) {
                Some(at) => {
                    let start = at + key.len();
                    let end = start + xml[start..].find('"').expect("closed");
                    format!("{}4294967296{}", &xml[..start], &xml[end..])
                }
                None => xml.replacen("<sst ", &format!("<sst {key}4294967296\" "), 1),
            }
        };
        claim(&claim(xml, "count"), "uniqueCount")
    })
}

fn replace_dimension(xml: &str, range: &str) -> String {
    let start = xml.find("<dimension ref=\"").expect("the writer writes a dimension") + "<dimension ref=\"".len();
    let end = start + xml[start..].find('"').expect("closed");
    format!("{}{range}{}", &xml[..start], &xml[end..])
}

// --- The doors: each file through the functions its page calls ---

/// What a page did with a file: the messages it showed, whether they refused it, and the
/// rows its preview lists as errors (a sheet's).
pub struct Outcome {
    pub refused: bool,
    pub messages: Vec<String>,
    pub row_errors: usize,
}

impl Outcome {
    /// Refused with these messages (the first is the one the page shows first).
    pub fn refused(messages: Vec<String>) -> Outcome {
        Outcome { refused: true, messages, row_errors: 0 }
    }

    /// Read and previewed; the messages shown along.
    pub fn previewed(messages: Vec<String>) -> Outcome {
        Outcome { refused: false, messages, row_errors: 0 }
    }

    /// Whether this is what `expect` asks.
    pub fn meets(&self, expect: Expect) -> bool {
        match expect {
            Expect::Refused => self.refused,
            Expect::Previewed => !self.refused,
            Expect::Clean => !self.refused && self.row_errors == 0,
            Expect::Either => true,
        }
    }
}

/// What the page must do with a hostile file, when issue 15 says (else only the bounds of
/// time, memory and message hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A message naming the limit; nothing previewed.
    Refused,
    /// Read and previewed (a valid file, however large).
    Previewed,
    /// Previewed with no row in error.
    Clean,
    /// Either, within the bounds.
    Either,
}

/// Both import pages' first step (`store::files::read_file`): a file over the size limit is
/// refused before it is read; a gzip file (by its first bytes) is inflated through the same
/// budget by the domain's `inflate::Gunzip`, stopping as soon as the output crosses it.
pub fn read_picked(name: &str, bytes: &[u8]) -> Result<Vec<u8>, String> {
    use dtbd::domain::inflate::{self, Gunzip};
    use dtbd::domain::limits::MAX_FILE_BYTES;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(inflate::file_too_large(name, bytes.len() as u64));
    }
    if !inflate::is_gzip(bytes) {
        return Ok(bytes.to_vec());
    }
    let mut inflating = Gunzip::new(bytes, MAX_FILE_BYTES);
    loop {
        match inflating.step(inflate::STEP_BYTES) {
            Ok(true) => return Ok(inflating.finish()),
            Ok(false) => {}
            Err(e) => return Err(e.message(name)),
        }
    }
}

/// trao-doi.html: the file read (and inflated); an encrypted envelope recognised whatever
/// the order of its keys and checked whole before the passphrase (`envelope::open`); else the
/// snapshot read, checked against what the device holds, previewed, and merged as the Áp
/// dụng button would.
pub fn snapshot_door(local: &Dataset) -> impl Fn(&[u8]) -> Outcome + '_ {
    move |picked| {
        let bytes = match read_picked("tep.json", picked) {
            Ok(bytes) => bytes,
            Err(message) => return Outcome::refused(vec![message]),
        };
        match envelope::open(&bytes) {
            Some(Ok(_)) => return Outcome::previewed(Vec::new()),
            Some(Err(message)) => return Outcome::refused(vec![message]),
            None => {}
        }
        match snapshot::import_into(&bytes, &local.roster, &local.training) {
            Err(errors) => Outcome::refused(errors.iter().map(SnapshotError::message).collect()),
            Ok(imported) => {
                let facts = share::file_facts("tep.json", &imported.snapshot, imported.migrated_from);
                let mut messages = imported.warnings.clone();
                messages.extend([facts.title(), facts.sub("01/12/2026 08:00")]);
                let incoming = imported.snapshot.into_dataset();
                let _ = snapshot::preview(local, &incoming);
                if let Err(message) = share::merge_resolved(local, &incoming, &Resolutions::all_theirs()) {
                    return Outcome::refused(vec![message]);
                }
                Outcome::previewed(messages)
            }
        }
    }
}

/// nhap-excel.html after a file is read: old fonts converted, the first sheet with rows, its
/// header found, columns guessed, the mapping table, the level and Cấp ủy reviews, the units
/// proposed, then the preview and what "Nhập vào danh sách" would say.
pub fn sheet_pipeline(
    mut sheets: Vec<Sheet>,
    font: Option<dtbd::domain::legacy_font::LegacyFont>,
    roster: &Roster,
) -> Outcome {
    if vm::all_empty(sheets.iter().map(|s| s.rows.as_slice())) {
        return Outcome::refused(vec![vm::no_rows("tep")]);
    }
    let mut messages = Vec::new();
    if let Some(legacy) = legacy_text::convert_legacy(sheets.iter().map(|s| s.rows.as_slice()), font) {
        messages.push(legacy.note());
        for (sheet, converted) in sheets.iter_mut().zip(legacy.sheets) {
            if let Some(rows) = converted {
                sheet.rows = rows;
            }
        }
    }
    let rows = &sheets[vm::first_sheet(sheets.iter().map(|s| s.rows.as_slice()))].rows;
    let layout = Layout::of(rows);
    messages.push(layout.hint());
    let settings = ImportSettings::default();
    let mapping = ri::guess_mapping(&layout.header, &settings);
    for row in vm::mapping_rows(&layout, rows, &mapping) {
        messages.push(row.aria_label());
    }
    if let Some(review) = vm::review(ri::level_review(layout.data(rows), &mapping, &settings), &layout.header) {
        messages.push(review.hint);
        messages.extend(review.not_levels);
    }
    if let Some((hint, _)) = vm::committee_review(layout.data(rows), &mapping, &settings) {
        messages.push(hint);
    }
    let proposals = ri::propose_units(roster, layout.data(rows), &mapping);
    messages.push(vm::unit_rows(&proposals, roster).0);
    let mut next = 0u64;
    let mut new_id = move || {
        next += 1;
        format!("moi-{next}")
    };
    let new_units = vm::new_units(roster, &proposals, &vm::UnitEdits::new(), &mut new_id, NOW);
    let different = HashSet::new();
    let request = Request {
        rows,
        layout: &layout,
        mapping: &mapping,
        settings: &settings,
        default_unit: "",
        default_category: "",
        new_units: &new_units,
        different_people: &different,
        now: NOW,
    };
    if let Some(message) = vm::missing_message(&request.missing()) {
        return Outcome::refused(vec![message]);
    }
    let preview = request.preview(roster, &mut new_id);
    let summary = vm::summary(&preview);
    // What the page shows first: the counts and the first row error (the bench prints it).
    let headline = match summary.errors.first() {
        Some(first) => format!("{} {first}", summary.counts),
        None => summary.counts.clone(),
    };
    messages.insert(0, headline);
    messages.extend([summary.counts, summary.apply_label]);
    messages.extend(summary.errors_intro);
    messages.extend(summary.errors);
    let _ = vm::pair_rows(&preview, roster, &|_| None);
    // "Nhập vào danh sách" refused when nothing would change: still a preview of the file.
    messages.push(vm::imported(&preview, roster).map_or_else(|message| message, |(_, message)| message));
    Outcome { refused: false, messages, row_errors: preview.bad_rows() }
}

/// A `.csv` picked on nhap-excel.html: decoded (any encoding), split, then the sheet's pipeline.
pub fn csv_door(roster: &Roster) -> impl Fn(&[u8]) -> Outcome + '_ {
    move |picked| match read_picked("tep.csv", picked).and_then(|bytes| legacy_text::read_csv("tep.csv", &bytes)) {
        Err(message) => Outcome::refused(vec![message]),
        Ok(csv) => {
            let mut outcome = sheet_pipeline(vec![Sheet { name: "CSV".into(), rows: csv.rows }], csv.font, roster);
            outcome.messages.extend(csv.note);
            outcome
        }
    }
}

/// A `.xlsx` picked on nhap-excel.html: read by the worker's code, then the sheet's pipeline.
pub fn xlsx_door(roster: &Roster) -> impl Fn(&[u8]) -> Outcome + '_ {
    move |picked| match read_picked("tep.xlsx", picked).and_then(|bytes| dtbd::xlsx::read("tep.xlsx", &bytes)) {
        Err(message) => Outcome::refused(vec![message]),
        Ok(sheets) => sheet_pipeline(sheets, None, roster),
    }
}

/// The receiver on trao-doi.html: the roster one base file came from, two of its people one
/// version older (so a preview has changes), the training records.
pub fn receiver() -> Dataset {
    let mut local = with_training(roster_dataset(15, 30, 40));
    for c in local.roster.cadres.iter_mut().take(2) {
        c.meta.version = 0;
        c.note = "bản cũ".into();
    }
    local
}

// --- The corpus ---

/// Sizes of the corpus: the issue's, or small ones for a quick run.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub trailing_columns: usize,
    pub sibling_units: usize,
    pub chain_units: usize,
    pub long_text_chars: usize,
    pub gzip_inflated: u64,
    pub level_values: usize,
}

impl Sizes {
    /// The sizes of issue 15.
    pub const ISSUE: Sizes = Sizes {
        trailing_columns: 100_000,
        sibling_units: 20_000,
        chain_units: 3_000,
        long_text_chars: 10_000_000,
        gzip_inflated: 4_500_000_000,
        level_values: 50_000,
    };
    /// Small enough for a debug test run, still over every limit.
    pub const SMALL: Sizes = Sizes {
        trailing_columns: 1_000,
        sibling_units: 600,
        chain_units: 40,
        long_text_chars: 20_000,
        gzip_inflated: 60_000_000,
        level_values: 800,
    };
}

/// Every hostile file of issue 15, at `sizes`, with what the page must do with each.
pub fn corpus(sizes: Sizes) -> Vec<HostileFile> {
    use Door::*;
    use Expect::*;
    let k = |n: usize| dtbd::domain::number::format_thousands(n as u64);
    let f = |what: String, file_name: &str, door: Door, expect: Expect, bytes: Vec<u8>| HostileFile {
        what,
        file_name: file_name.into(),
        door,
        expect,
        bytes,
    };
    vec![
        f(
            format!("CSV, {} empty trailing columns", k(sizes.trailing_columns)),
            "cot-trong.csv",
            Csv,
            Either,
            csv_trailing_columns(sizes.trailing_columns),
        ),
        f(
            format!("snapshot, {} units under one parent", k(sizes.sibling_units)),
            "don-vi-ngang.json",
            Snapshot,
            Previewed,
            units_under_one_parent(sizes.sibling_units),
        ),
        f(
            format!("snapshot, a chain of {} nested units", k(sizes.chain_units)),
            "don-vi-long.json",
            Snapshot,
            Refused,
            unit_chain(sizes.chain_units),
        ),
        f(
            format!("snapshot, a directive title of {} characters", k(sizes.long_text_chars)),
            "tieu-de-dai.json",
            Snapshot,
            Refused,
            long_directive_title(sizes.long_text_chars),
        ),
        f(
            format!("snapshot, a cadre id of {} characters", k(sizes.long_text_chars)),
            "ma-dai.json",
            Snapshot,
            Refused,
            long_cadre_id(sizes.long_text_chars),
        ),
        f("snapshot, a record version 2^64 − 1".into(), "phien-ban.json", Snapshot, Refused, huge_version()),
        f(
            "snapshot, a historical table row summing past u32".into(),
            "bang-tran.json",
            Snapshot,
            Refused,
            overflowing_table_row(),
        ),
        f(
            "snapshot, course-line quota parts summing past u32".into(),
            "chi-tieu-tran.json",
            Snapshot,
            Refused,
            overflowing_quota_parts(),
        ),
        f(
            "snapshot, plan budget parts summing past u64".into(),
            "kinh-phi-tran.json",
            Snapshot,
            Refused,
            overflowing_budget_parts(),
        ),
        f(
            "snapshot, NUL in a unit name and Dân tộc".into(),
            "ky-tu-nul.json",
            Snapshot,
            Refused,
            nul_in_names_snapshot(),
        ),
        f(
            format!("gzip bomb, {} bytes inflated", k(sizes.gzip_inflated as usize)),
            "bom.json.gz",
            Gzip,
            Refused,
            gzip_bomb(&good_snapshot(), sizes.gzip_inflated),
        ),
        f(
            "encrypted envelope, keys in another order".into(),
            "ma-hoa-dao.json",
            Snapshot,
            Previewed,
            reordered_envelope(),
        ),
        f("encrypted envelope, salt cut short".into(), "ma-hoa-hong.json", Snapshot, Refused, broken_envelope()),
        f("XLSX, dimension A1:XFD1048576".into(), "kich-thuoc.xlsx", Xlsx, Either, dimension_claim_xlsx()),
        f("XLSX, dimension A1:XFD1048576 and a cell there".into(), "ty-o.xlsx", Xlsx, Either, billion_cell_xlsx()),
        f(
            "XLSX, shared strings claiming 4.294.967.296 entries".into(),
            "chuoi-chung.xlsx",
            Xlsx,
            Either,
            shared_strings_count_xlsx(),
        ),
        f("XLSX, NUL (_x0000_) in a unit name and Dân tộc".into(), "ky-tu-nul.xlsx", Xlsx, Either, nul_in_names_xlsx()),
        f("CSV, a quote never closed".into(), "ngoac-kep.csv", Csv, Either, csv_unclosed_quote()),
        f("CSV, header on row 12".into(), "tieu-de-thap.csv", Csv, Previewed, csv_header_at(12)),
        f("CSV, years written 1985.0, 1.985, 1985 ".into(), "nam-thap-phan.csv", Csv, Clean, csv_decimal_years()),
        f("CSV, NUL in a unit name and Dân tộc".into(), "ky-tu-nul.csv", Csv, Either, csv_nul_characters()),
        f(
            format!("CSV, {} distinct levels", k(sizes.level_values)),
            "trinh-do.csv",
            Csv,
            Either,
            csv_level_values(sizes.level_values),
        ),
    ]
}
