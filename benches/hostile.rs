//! Tệp độc hại (issue 15): each hostile file of the corpus, at the issue's sizes, through the
//! functions its import page calls, natively in release: the time to a refusal or a preview,
//! and the peak memory above the resting size. Goal: every file refused or accepted in ≤ 3 s
//! with ≤ 100 MB above rest.
//!
//! `cargo bench --bench hostile` (`-- <filter>` for the rows whose description contains it)
//!
//! Each file runs in a child process of its own (this bench run again with
//! `DTBD_HOSTILE_ONE`): a file that makes the code abort (an allocation of 550 GB) or run for
//! minutes is reported as such and the table goes on. Peak memory is the child's peak
//! resident size (`VmHWM`, reset through `/proc/self/clear_refs` once the file is in memory)
//! above its resident size then: the workspace forbids the unsafe code a counting global
//! allocator needs, and the kernel's count includes every allocation the import touched.
//! Every file goes first through what both pages do with a picked file (`read_picked`: the
//! size limit, gzip inflated through the 50 MB budget by `domain::inflate`); `make bench`
//! measures the pages themselves in Chromium.

#[path = "../tests/support/hostile_inputs.rs"]
mod hostile_inputs;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hostile_inputs::*;

/// A child still running after this is stopped and reported as over.
const CHILD_LIMIT: Duration = Duration::from_secs(60);
const GOAL_MS: f64 = 3_000.0;
const GOAL_BYTES: u64 = 100 * 1024 * 1024;

fn main() {
    if let Ok(path) = std::env::var("DTBD_HOSTILE_ONE") {
        let door = std::env::var("DTBD_HOSTILE_DOOR").expect("the door");
        let expect = match std::env::var("DTBD_HOSTILE_EXPECT").as_deref() {
            Ok("Refused") => Expect::Refused,
            Ok("Previewed") => Expect::Previewed,
            Ok("Clean") => Expect::Clean,
            _ => Expect::Either,
        };
        one(Path::new(&path), &door, expect);
        return;
    }
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-files/hostile-native");
    std::fs::create_dir_all(&dir).expect("the bench folder");
    let started = Instant::now();
    let files: Vec<HostileFile> = corpus(Sizes::ISSUE)
        .into_iter()
        .filter(|f| filter.as_deref().is_none_or(|w| f.what.contains(w) || f.file_name.contains(w)))
        .collect();
    println!(
        "hostile inputs (issue 15), generated in {:.1} s; each in its own process:",
        started.elapsed().as_secs_f64()
    );
    println!("| input | file | time | peak above rest | outcome | must be | goal (≤ 3 s, ≤ 100 MB, as it must be) |");
    println!("|---|---|---|---|---|---|---|");
    let me = std::env::current_exe().expect("this bench");
    for file in &files {
        let path = dir.join(&file.file_name);
        std::fs::write(&path, &file.bytes).expect("write the file");
        let (figures, outcome) = run_child(&me, &path, file.door, file.expect);
        let (time, peak, ok) = match figures {
            Some((ms, bytes, meets)) => (
                format!("{ms:.0} ms"),
                format!("{:.1} MB", bytes as f64 / 1e6),
                ms <= GOAL_MS && bytes <= GOAL_BYTES && meets,
            ),
            None => ("—".into(), "—".into(), false),
        };
        let must = match file.expect {
            Expect::Refused => "refused",
            Expect::Previewed => "previewed",
            Expect::Clean => "previewed, no row error",
            Expect::Either => "either",
        };
        println!(
            "| {} | {} | {time} | {peak} | {} | {must} | {} |",
            file.what,
            size(file.bytes.len()),
            outcome.replace('|', "\\|"),
            if ok { "đạt" } else { "KHÔNG ĐẠT" }
        );
    }
}

fn size(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else {
        format!("{:.1} KB", bytes as f64 / 1e3)
    }
}

/// Runs one file in a child; its figures (ms, peak bytes above rest, as it must be) and what it did.
fn run_child(me: &PathBuf, path: &Path, door: Door, expect: Expect) -> (Option<(f64, u64, bool)>, String) {
    let mut child = Command::new(me)
        .env("DTBD_HOSTILE_ONE", path)
        .env("DTBD_HOSTILE_DOOR", format!("{door:?}"))
        .env("DTBD_HOSTILE_EXPECT", format!("{expect:?}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the bench again");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the child") {
            break status;
        }
        if started.elapsed() > CHILD_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return (None, format!("still running after {} s: stopped", CHILD_LIMIT.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut out = String::new();
    let mut err = String::new();
    child.stdout.take().expect("piped").read_to_string(&mut out).expect("the child's output");
    child.stderr.take().expect("piped").read_to_string(&mut err).expect("the child's errors");
    let result = out.lines().find_map(|l| l.strip_prefix("RESULT\t"));
    match result {
        Some(line) => {
            let mut parts = line.splitn(4, '\t');
            let ms: f64 = parts.next().and_then(|v| v.parse().ok()).unwrap_or(f64::NAN);
            let bytes: u64 = parts.next().and_then(|v| v.parse().ok()).unwrap_or(0);
            let meets = parts.next() == Some("1");
            (Some((ms, bytes, meets)), parts.next().unwrap_or("").to_string())
        }
        None => {
            let last = err.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_string();
            (None, format!("CRASH ({status}): {}", clip(&last, 160)))
        }
    }
}

fn clip(text: &str, chars: usize) -> String {
    if text.chars().count() > chars {
        text.chars().take(chars).collect::<String>() + "…"
    } else {
        text.to_string()
    }
}

/// Kilobytes of a line of /proc/self/status ("VmHWM:   1234 kB").
fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// In the child: the file through its door; prints
/// `RESULT\t<ms>\t<peak bytes>\t<1 when as it must be>\t<outcome>`.
fn one(path: &Path, door: &str, expect: Expect) {
    let bytes = std::fs::read(path).expect("the file");
    let local = receiver();
    let roster = sheet_roster();
    let _ = std::fs::write("/proc/self/clear_refs", "5"); // peak resident size := resident size now
    let rest = status_kb("VmRSS:");
    let started = Instant::now();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match door {
        "Snapshot" | "Gzip" => snapshot_door(&local)(&bytes),
        "Csv" => csv_door(&roster)(&bytes),
        "Xlsx" => xlsx_door(&roster)(&bytes),
        other => panic!("no door {other}"),
    }));
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let peak = status_kb("VmHWM:").saturating_sub(rest) * 1024;
    let meets = matches!(&result, Ok(o) if o.meets(expect));
    let outcome = match result {
        Err(payload) => {
            let text = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            format!("PANIC: {}", clip(&text, 120))
        }
        Ok(o) => {
            let first = o.messages.iter().find(|m| !m.trim().is_empty()).cloned().unwrap_or_default();
            format!("{}: {}", if o.refused { "refused" } else { "previewed" }, clip(&first.replace('\n', " "), 140))
        }
    };
    println!("RESULT\t{ms:.1}\t{peak}\t{}\t{outcome}", u8::from(meets));
}
