//! Fuzzing in the test command (issue 15): valid snapshots, CSV and XLSX files, mutated by a
//! seeded generator, through the functions the import pages call, in the order they call
//! them. Every case must end without a panic, within a bounded time, and every refusal (and
//! every row error shown) must carry a Vietnamese message: non-empty, no English library text.
//!
//! The seed is printed; `FUZZ_SEED=<n>` replays a run, `FUZZ_CASES=<n>` scales it (the
//! default, 10.000 cases in all, runs in well under a minute in debug), `FUZZ_CASE_MS` sets
//! the time bound of one case (2.000 ms). A failure names the door, the seed and the case,
//! and writes the case's bytes under `target/fuzz-failures/`.
//!
//! The cargo-fuzz target (`fuzz/`) runs longer; its corpus is seeded from the same
//! generators (`cargo run --example hostile_files -- --fuzz-corpus fuzz/corpus/snapshot`).

#[path = "support/hostile_inputs.rs"]
mod hostile_inputs;

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use dtbd::domain::fixtures::XorShift;
use dtbd::domain::snapshot::checksum;
use serde_json::Value;

use hostile_inputs::*;

/// Words of English library text that must never reach the officer.
const ENGLISH: [&str; 9] =
    ["error", "invalid", "expected", "failed", "unexpected", "unknown", "missing", "overflow", "eof"];

// --- Running one case ---

thread_local! {
    /// Inside a case: a panic is recorded, not printed.
    static IN_CASE: Cell<bool> = const { Cell::new(false) };
    /// The last panic's message and place.
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs (once) a panic hook that records a case's panic and leaves every other panic
/// (a failed assertion of this file) to the default hook.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_CASE.with(Cell::get) {
                let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
                let text = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                PANIC.with(|p| *p.borrow_mut() = Some(format!("{text}{place}")));
            } else {
                default(info);
            }
        }));
    });
}

/// One finding: what went wrong with which case.
struct Finding {
    door: &'static str,
    case: usize,
    mutation: String,
    what: String,
    bytes: Vec<u8>,
}

/// Runs the cases of one door and fails listing every finding (with the seed to replay).
struct Run {
    door: &'static str,
    seed: u64,
    limit: Duration,
    findings: Vec<Finding>,
    cases: usize,
    refused: usize,
    slowest: Duration,
    /// Time spent in the doors, in all.
    total: Duration,
}

impl Run {
    fn new(door: &'static str, seed: u64) -> Run {
        quiet_panics();
        let ms = std::env::var("FUZZ_CASE_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000);
        Run {
            door,
            seed,
            limit: Duration::from_millis(ms),
            findings: Vec::new(),
            cases: 0,
            refused: 0,
            slowest: Duration::ZERO,
            total: Duration::ZERO,
        }
    }

    fn case(&mut self, mutation: String, bytes: Vec<u8>, door: impl FnOnce(&[u8]) -> Outcome) {
        self.expected_case(mutation, bytes, Expect::Either, door);
    }

    /// A case whose outcome must also be `expect` (a hostile file issue 15 says what becomes of).
    fn expected_case(&mut self, mutation: String, bytes: Vec<u8>, expect: Expect, door: impl FnOnce(&[u8]) -> Outcome) {
        let case = self.cases;
        self.cases += 1;
        // An abort (an allocation the system refuses) ends the process before any report:
        // the case being run is left on disk with its seed and place.
        let running = failures_dir().join(format!("{}-running", self.door));
        let _ = std::fs::write(running.with_extension("txt"), format!("seed {} case {case}: {mutation}\n", self.seed));
        let _ = std::fs::write(running.with_extension("bin"), &bytes);
        let started = Instant::now();
        IN_CASE.with(|c| c.set(true));
        let result = catch_unwind(AssertUnwindSafe(|| door(&bytes)));
        IN_CASE.with(|c| c.set(false));
        let took = started.elapsed();
        self.slowest = self.slowest.max(took);
        self.total += took;
        let mut problems = Vec::new();
        match result {
            Err(_) => problems.push(format!("panic: {}", PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default())),
            Ok(outcome) => {
                self.refused += usize::from(outcome.refused);
                if !outcome.meets(expect) {
                    let shown = outcome.messages.first().map_or(String::new(), |m| clip(m));
                    let what = if outcome.refused { "refused" } else { "previewed" };
                    problems.push(format!("{what} ({} row errors), must be {expect:?}: «{shown}»", outcome.row_errors));
                }
                if outcome.refused && outcome.messages.iter().all(|m| m.trim().is_empty()) {
                    problems.push("refused without a message".into());
                }
                for message in &outcome.messages {
                    if let Some(word) = english_word(message) {
                        problems.push(format!("English “{word}” in «{}»", clip(message)));
                    }
                }
            }
        }
        if took > self.limit {
            problems.push(format!("took {} ms (bound {} ms)", took.as_millis(), self.limit.as_millis()));
        }
        for what in problems {
            // Said at once as well: an abort later in the run would lose the report.
            if self.findings.len() < 20 {
                eprintln!("{} case {case} ({mutation}): {what}", self.door);
            }
            self.findings.push(Finding {
                door: self.door,
                case,
                mutation: mutation.clone(),
                what,
                bytes: bytes.clone(),
            });
        }
    }

    fn finish(self) {
        println!(
            "{}: {} cases, {} refused, {} ms in the doors, slowest case {} ms, seed {} (FUZZ_SEED={} to replay)",
            self.door,
            self.cases,
            self.refused,
            self.total.as_millis(),
            self.slowest.as_millis(),
            self.seed,
            self.seed
        );
        let running = failures_dir().join(format!("{}-running", self.door));
        let _ = std::fs::remove_file(running.with_extension("txt"));
        let _ = std::fs::remove_file(running.with_extension("bin"));
        if self.findings.is_empty() {
            return;
        }
        let dir = failures_dir();
        let mut report = Vec::new();
        let mut seen = HashSet::new();
        for f in &self.findings {
            // One line per kind of finding (a panic's place, a message's word), the first case of each.
            let kind = f.what.split(" in «").next().unwrap_or(&f.what).to_string();
            if !seen.insert(kind) {
                continue;
            }
            let file = dir.join(format!("{}-{}-{}.bin", f.door, self.seed, f.case));
            let _ = std::fs::write(&file, &f.bytes);
            report.push(format!(
                "  {} case {} ({}): {} [{} bytes, {}]",
                f.door,
                f.case,
                f.mutation,
                f.what,
                f.bytes.len(),
                file.display()
            ));
        }
        panic!(
            "{} of {} {} cases went wrong (seed {}, FUZZ_SEED={} to replay); one of each kind:\n{}",
            self.findings.len(),
            self.cases,
            self.door,
            self.seed,
            self.seed,
            report.join("\n")
        );
    }
}

/// Where failing cases are written: `target/fuzz-failures/`.
fn failures_dir() -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fn english_word(message: &str) -> Option<&'static str> {
    let lower = message.to_lowercase();
    let words: HashSet<&str> = lower.split(|c: char| !c.is_ascii_alphabetic()).collect();
    ENGLISH.into_iter().find(|w| words.contains(w))
}

fn clip(message: &str) -> String {
    if message.chars().count() > 200 {
        message.chars().take(200).collect::<String>() + "…"
    } else {
        message.to_string()
    }
}

/// The seed: `FUZZ_SEED`, else the clock (printed, so a failing run can be replayed).
fn seed() -> u64 {
    std::env::var("FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
    })
}

/// The cases of a door: its share of `FUZZ_CASES` (10.000 in all by default).
fn cases(share_percent: usize) -> usize {
    let total: usize = std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    (total * share_percent).div_ceil(100)
}

// --- Mutations ---

/// Byte-level damage: flips, new bytes, cuts, removals, a range duplicated, a piece of
/// another file spliced in, a token of the format inserted.
fn damage(rng: &mut XorShift, bytes: &mut Vec<u8>, donor: &[u8], tokens: &[&[u8]]) -> &'static str {
    if bytes.is_empty() {
        bytes.extend_from_slice(&donor[..donor.len().min(64)]);
        return "empty filled";
    }
    let at = rng.below(bytes.len() as u64) as usize;
    match rng.below(8) {
        0 => {
            bytes[at] ^= 1 << rng.below(8);
            "bit flipped"
        }
        1 => {
            bytes[at] = rng.below(256) as u8;
            "byte set"
        }
        2 => {
            bytes.truncate(at);
            "truncated"
        }
        3 => {
            let end = (at + 1 + rng.below(64) as usize).min(bytes.len());
            bytes.drain(at..end);
            "range removed"
        }
        4 => {
            let end = (at + 1 + rng.below(400) as usize).min(bytes.len());
            let piece = bytes[at..end].to_vec();
            let times = 1 + rng.below(10) as usize;
            let into = rng.below(bytes.len() as u64) as usize;
            bytes.splice(into..into, piece.repeat(times));
            "range duplicated"
        }
        5 => {
            let from = rng.below(donor.len() as u64) as usize;
            let piece = &donor[from..(from + 1 + rng.below(500) as usize).min(donor.len())];
            bytes.splice(at..at, piece.iter().copied());
            "spliced"
        }
        6 => {
            let token = tokens[rng.below(tokens.len() as u64) as usize];
            bytes.splice(at..at, token.iter().copied());
            "token inserted"
        }
        _ => {
            let end = (at + 1 + rng.below(32) as usize).min(bytes.len());
            bytes[at..end].reverse();
            "range reversed"
        }
    }
}

/// Every path to a node of a JSON document (object keys and array indexes).
fn json_paths(value: &Value, path: &mut Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    out.push(path.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                path.push(PathStep::Key(k.clone()));
                json_paths(v, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(PathStep::Index(i));
                json_paths(v, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn node_at<'a>(value: &'a mut Value, path: &[PathStep]) -> &'a mut Value {
    path.iter().fold(value, |v, step| match step {
        PathStep::Key(k) => &mut v[k.as_str()],
        PathStep::Index(i) => &mut v[*i],
    })
}

/// Numbers a file should never hold: past u32, u53, u64, negative, fractional, huge floats.
const HUGE: [&str; 10] = [
    "4294967297",
    "18446744073709551615",
    "18446744073709551616",
    "9007199254740993",
    "-1",
    "-9223372036854775808",
    "1e308",
    "1985.0",
    "0.5",
    "340282366920938463463374607431768211456",
];

/// One JSON-aware mutation of a node of `doc`.
fn mutate_json(rng: &mut XorShift, doc: &mut Value) -> String {
    let mut paths = Vec::new();
    json_paths(doc, &mut Vec::new(), &mut paths);
    let path = &paths[rng.below(paths.len() as u64) as usize];
    let where_ = path
        .iter()
        .map(|s| match s {
            PathStep::Key(k) => k.clone(),
            PathStep::Index(i) => i.to_string(),
        })
        .collect::<Vec<_>>()
        .join(".");
    let node = node_at(doc, path);
    let what = match (node.clone(), rng.below(6)) {
        (Value::Number(_), _) | (_, 0) => {
            let n = HUGE[rng.below(HUGE.len() as u64) as usize];
            *node = serde_json::from_str(n).unwrap_or(Value::Null);
            format!("number {n}")
        }
        (Value::String(s), _) => {
            let (text, what) = match rng.below(5) {
                0 => ("Ạ".repeat(1 + rng.below(20_000) as usize), "long"),
                1 => (format!("{s}\u{0}\u{0}"), "NUL"),
                2 => (format!("\u{202E}{s}\u{200B}\u{FEFF}"), "bidi and zero width"),
                3 => (String::new(), "empty"),
                _ => (s.repeat(2 + rng.below(200) as usize), "repeated"),
            };
            *node = Value::String(text);
            format!("string {what}")
        }
        (Value::Array(items), _) if !items.is_empty() => {
            let times = 2 + rng.below(40) as usize;
            let mut repeated = Vec::with_capacity(items.len() * times);
            for _ in 0..times {
                repeated.extend(items.iter().cloned());
            }
            *node = Value::Array(repeated);
            format!("array ×{times}")
        }
        (Value::Object(mut map), 1) if !map.is_empty() => {
            let key = map.keys().nth(rng.below(map.len() as u64) as usize).cloned().unwrap_or_default();
            map.remove(&key);
            *node = Value::Object(map);
            format!("key {key} removed")
        }
        (_, 2) => {
            *node = Value::Null;
            "null".into()
        }
        (_, 3) => {
            *node = Value::Array(vec![Value::Bool(true)]);
            "wrong type".into()
        }
        (_, 4) => {
            *node = serde_json::json!({ "truong_la": 1 });
            "object".into()
        }
        _ => {
            *node = Value::String("1985.0".into());
            "text".into()
        }
    };
    format!("{what} at {where_}")
}

/// A snapshot with `doc`'s records resealed with a correct checksum, so the mutation gets
/// past the checksum to the types, migrations and rules.
fn resealed(mut doc: Value) -> Vec<u8> {
    if doc.get("records").is_some() && doc.is_object() {
        let sum = checksum::of_value(&doc["records"]);
        doc["checksum"] = Value::String(sum);
    }
    serde_json::to_vec(&doc).expect("a value serialises")
}

// --- The tests ---

/// The receiver of the mutated snapshots: the roster of the first base, one person one
/// version older (so a preview has a change), a course line of the plan.
fn small_receiver() -> dtbd::domain::snapshot::Dataset {
    let mut local = with_some_training(small_dataset(15, 4), 1);
    local.roster.cadres[0].meta.version = 0;
    local
}

#[test]
fn mutated_snapshots_never_panic_and_refuse_in_vietnamese() {
    let seed = seed();
    let mut rng = XorShift::new(seed);
    let local = small_receiver();
    let bases: Vec<Vec<u8>> = vec![
        snapshot_bytes(&small_dataset(15, 4)),
        snapshot_bytes(&with_some_training(small_dataset(16, 2), 2)),
        long_directive_title(300),
        good_envelope(),
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshot-v3.json"))
            .expect("the v3 fixture"),
    ];
    let docs: Vec<Value> = bases.iter().map(|b| serde_json::from_slice(b).expect("each base is JSON")).collect();
    let tokens: [&[u8]; 15] = [
        b"{",
        b"}",
        b"[",
        b"]",
        b",",
        b":",
        b"\"",
        b"\\u0000",
        b"\\uDFFF",
        b"\\uD800",
        b"\\u12",
        b"\\q",
        b"-",
        b"18446744073709551615",
        b"\"format\":\"dtbd-ma-hoa\",",
    ];
    let door = snapshot_door(&local);
    let mut run = Run::new("snapshot", seed);
    for _ in 0..cases(50) {
        let pick = rng.below(bases.len() as u64) as usize;
        let (mutation, bytes) = if rng.chance(60) {
            let mut doc = docs[pick].clone();
            let mut what = Vec::new();
            for _ in 0..1 + rng.below(3) {
                what.push(mutate_json(&mut rng, &mut doc));
            }
            let reseal = rng.chance(90);
            let bytes = if reseal { resealed(doc) } else { serde_json::to_vec(&doc).expect("serialises") };
            (format!("base {pick}: {}{}", what.join("; "), if reseal { "" } else { " (not resealed)" }), bytes)
        } else {
            let mut bytes = bases[pick].clone();
            let donor = &bases[rng.below(bases.len() as u64) as usize];
            let mut what = Vec::new();
            for _ in 0..1 + rng.below(4) {
                what.push(damage(&mut rng, &mut bytes, donor, &tokens));
            }
            if rng.chance(30) {
                bytes = gzip(&bytes);
                what.push("gzipped");
            }
            (format!("base {pick}: {}", what.join(", ")), bytes)
        };
        run.case(mutation, bytes, &door);
    }
    run.finish();
}

#[test]
fn mutated_csv_files_never_panic_and_refuse_in_vietnamese() {
    let seed = seed();
    let mut rng = XorShift::new(seed.wrapping_add(1));
    let roster = sheet_roster();
    // Few columns: every case reads the header, the costliest step in a debug build.
    let bases: Vec<Vec<u8>> = vec![
        csv_header_at(1),
        csv_header_at(4),
        csv_decimal_years(),
        csv_nul_characters(),
        csv_level_values(12),
        csv_unclosed_quote(),
        // The same as UTF-16: another decoder.
        utf16(&String::from_utf8(csv_header_at(1)).expect("UTF-8")),
    ];
    let tokens: [&[u8]; 12] = [
        b"\"",
        b",",
        b";",
        b"\t",
        b"\r\n",
        b"\n",
        b"\"\"",
        b"\x00",
        b"4294967297",
        b"1985.0",
        b",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,",
        "Đang học Thạc sĩ; Ủy viên BCH Đảng bộ cấp huyện".as_bytes(),
    ];
    let door = csv_door(&roster);
    let mut run = Run::new("csv", seed);
    for _ in 0..cases(30) {
        let pick = rng.below(bases.len() as u64) as usize;
        let mut bytes = bases[pick].clone();
        let donor = &bases[rng.below(bases.len() as u64) as usize];
        let mut what = Vec::new();
        for _ in 0..1 + rng.below(5) {
            what.push(damage(&mut rng, &mut bytes, donor, &tokens));
        }
        run.case(format!("base {pick}: {}", what.join(", ")), bytes, &door);
    }
    run.finish();
}

fn utf16(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

#[test]
fn mutated_workbooks_never_panic_and_refuse_in_vietnamese() {
    let seed = seed();
    let mut rng = XorShift::new(seed.wrapping_add(2));
    let roster = sheet_roster();
    let good = narrow_xlsx();
    let entries = xlsx_entries(&good);
    let tokens: [&[u8]; 10] = [
        b"<",
        b">",
        b"\"",
        b"<c r=\"A1\" t=\"s\"><v>999999</v></c>",
        b"<row r=\"4294967297\">",
        b"r=\"XFD1048576\"",
        b"&#0;",
        b"]]>",
        b"<dimension ref=\"A1:XFD1048576\"/>",
        b"</sheetData>",
    ];
    let door = xlsx_door(&roster);
    let mut run = Run::new("xlsx", seed);
    for _ in 0..cases(20) {
        let (mutation, bytes) = if rng.chance(75) {
            // Inside the zip: one part's XML damaged, the workbook stored again.
            let mut parts = entries.clone();
            let which = rng.below(parts.len() as u64) as usize;
            let donor = parts[rng.below(parts.len() as u64) as usize].1.clone();
            let mut what = Vec::new();
            for _ in 0..1 + rng.below(3) {
                what.push(damage(&mut rng, &mut parts[which].1, &donor, &tokens));
            }
            if rng.chance(30) {
                what.push(replace_digits(&mut rng, &mut parts[which].1));
            }
            (format!("{}: {}", parts[which].0, what.join(", ")), xlsx_of(&parts))
        } else {
            let mut bytes = good.clone();
            let mut what = Vec::new();
            for _ in 0..1 + rng.below(3) {
                what.push(damage(&mut rng, &mut bytes, &good, &tokens));
            }
            (format!("zip bytes: {}", what.join(", ")), bytes)
        };
        run.case(mutation, bytes, &door);
    }
    run.finish();
}

/// A run of digits in the XML (a row number, a cell's reference, a shared string's index, a
/// number) replaced with a huge one.
fn replace_digits(rng: &mut XorShift, xml: &mut Vec<u8>) -> &'static str {
    let starts: Vec<usize> =
        (0..xml.len()).filter(|&i| xml[i].is_ascii_digit() && (i == 0 || !xml[i - 1].is_ascii_digit())).collect();
    if starts.is_empty() {
        return "no digits";
    }
    let start = starts[rng.below(starts.len() as u64) as usize];
    let end = (start..xml.len()).find(|&i| !xml[i].is_ascii_digit()).unwrap_or(xml.len());
    let n = ["1048576", "1048577", "4294967296", "18446744073709551616", "99999999999"][rng.below(5) as usize];
    xml.splice(start..end, n.bytes());
    "digits made huge"
}

/// The generated hostile files themselves, at small sizes (the workbooks at full: they are
/// small), through their doors: the same bounds (no panic, time, Vietnamese refusals), and
/// what the issue asks of each (refused, previewed, previewed without a row in error).
#[test]
fn the_hostile_corpus_at_small_sizes_is_refused_or_read_in_bounds() {
    let local = receiver();
    let roster = sheet_roster();
    let (snapshots, csv, xlsx) = (snapshot_door(&local), csv_door(&roster), xlsx_door(&roster));
    let mut run = Run::new("corpus", 0);
    for file in corpus(Sizes::SMALL) {
        let what = file.what.clone();
        match file.door {
            Door::Csv => run.expected_case(what, file.bytes, file.expect, &csv),
            Door::Xlsx => run.expected_case(what, file.bytes, file.expect, &xlsx),
            Door::Snapshot => run.expected_case(what, file.bytes, file.expect, &snapshots),
            Door::Gzip => {
                // Inflating the 50 MB budget itself takes seconds in an unoptimised build (the
                // bench measures it in release): this one case gets five times the bound.
                let bound = run.limit;
                run.limit = bound * 5;
                run.expected_case(what, file.bytes, file.expect, &snapshots);
                run.limit = bound;
            }
        }
    }
    run.finish();
}
