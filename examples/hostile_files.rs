//! Writes the hostile files of issue 15 that the browser checks (`tests/e2e/hostile-files.spec.mjs`
//! and `make bench`'s hostile table), with a good file of each kind for "the page still
//! previews a good file after", and `manifest.json` saying what each is and which figure its
//! message must name. Generated from `tests/support/hostile_inputs.rs`, never committed.
//!
//! `cargo run --example hostile_files -- target/e2e/hostile`
//!
//! With `--fuzz-corpus DIR` it writes instead the seeds of the cargo-fuzz corpus (`fuzz/`):
//! every hostile file at small sizes and the good ones, one folder per target
//! (`DIR/snapshot`, `DIR/csv`, `DIR/xlsx`), none larger than a few hundred KB.

#[path = "../tests/support/hostile_inputs.rs"]
mod hostile_inputs;

use std::path::Path;

use dtbd::domain::limits;
use dtbd::domain::number::format_thousands;
use hostile_inputs::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--fuzz-corpus") {
        let dir = args.get(at + 1).map_or("fuzz/corpus", String::as_str);
        fuzz_corpus(Path::new(dir));
        return;
    }
    let dir = args.first().map_or("target/e2e/hostile", String::as_str);
    browser_files(Path::new(dir));
}

/// One file the browser is given, and what its answer must show.
struct BrowserFile {
    file: &'static str,
    /// The page that takes it: "trao-doi" or "nhap-excel".
    page: &'static str,
    what: String,
    /// Figures its refusal may name (the limit, or the size the file claims): one must be there.
    figures: Vec<String>,
    /// A valid file: its preview is the answer (within the same 3 s).
    accepted: bool,
    bytes: Vec<u8>,
}

/// The five files of the Playwright check, the good ones, and the manifest.
fn browser_files(dir: &Path) {
    std::fs::create_dir_all(dir).expect("the output folder");
    let sizes = Sizes::ISSUE;
    let k = |n: usize| format_thousands(n as u64);
    let hostile = [
        BrowserFile {
            file: "cot-trong-100000.csv",
            page: "nhap-excel",
            what: format!("CSV, {} empty trailing columns", k(sizes.trailing_columns)),
            // The empty columns are dropped (the header's seven are read), or the sheet is
            // refused naming the limit of columns.
            figures: vec![k(limits::MAX_SHEET_COLUMNS), k(sizes.trailing_columns + 7)],
            accepted: true,
            bytes: csv_trailing_columns(sizes.trailing_columns),
        },
        BrowserFile {
            file: "don-vi-20000.json",
            page: "trao-doi",
            what: format!("snapshot, {} units under one parent", k(sizes.sibling_units)),
            figures: vec![k(sizes.sibling_units)],
            accepted: true,
            bytes: units_under_one_parent(sizes.sibling_units),
        },
        BrowserFile {
            file: "tieu-de-10mb.json",
            page: "trao-doi",
            what: format!("snapshot, a directive title of {} characters", k(sizes.long_text_chars)),
            figures: vec![k(limits::MAX_DOCUMENT_TEXT_CHARS)],
            accepted: false,
            bytes: long_directive_title(sizes.long_text_chars),
        },
        BrowserFile {
            file: "bom-4-5gb.json.gz",
            page: "trao-doi",
            what: "gzip bomb inflating to 4,5 GB".into(),
            figures: vec!["50 MB".into(), k(limits::MAX_FILE_BYTES)],
            accepted: false,
            bytes: gzip_bomb(&good_snapshot(), sizes.gzip_inflated),
        },
        BrowserFile {
            file: "ty-o.xlsx",
            page: "nhap-excel",
            what: "XLSX claiming a billion cells (dimension A1:XFD1048576, a cell at XFD1048576)".into(),
            figures: vec![
                k(limits::MAX_SHEET_COLUMNS),
                k(limits::MAX_SHEET_ROWS),
                k(16_384),
                k(1_048_576),
                "XFD1048576".into(),
            ],
            accepted: false,
            bytes: billion_cell_xlsx(),
        },
    ];
    let mut entries = Vec::new();
    for f in &hostile {
        std::fs::write(dir.join(f.file), &f.bytes).expect("write a hostile file");
        println!("{}: {} bytes ({})", dir.join(f.file).display(), f.bytes.len(), f.what);
        entries.push(serde_json::json!({
            "file": f.file, "page": f.page, "what": f.what, "figures": f.figures, "accepted": f.accepted, "bytes": f.bytes.len(),
        }));
    }
    let good =
        [("du-lieu-tot.json", good_snapshot()), ("danh-sach-tot.csv", good_csv()), ("danh-sach-tot.xlsx", good_xlsx())];
    for (file, bytes) in &good {
        std::fs::write(dir.join(file), bytes).expect("write a good file");
    }
    let roster = sheet_roster();
    let manifest = serde_json::json!({
        "hostile": entries,
        "good": { "snapshot": "du-lieu-tot.json", "csv": "danh-sach-tot.csv", "xlsx": "danh-sach-tot.xlsx" },
        // What the good sheets hold: every person new to an empty app.
        "good_sheet_people": roster.cadres.len(),
        "good_snapshot_cadres": 30,
    });
    std::fs::write(dir.join("manifest.json"), serde_json::to_string_pretty(&manifest).expect("json"))
        .expect("manifest");
    println!("{}: manifest", dir.join("manifest.json").display());
}

/// Seeds of the cargo-fuzz targets: small, one folder per target.
fn fuzz_corpus(dir: &Path) {
    let mut written = 0;
    for target in ["snapshot", "csv", "xlsx"] {
        std::fs::create_dir_all(dir.join(target)).expect("the corpus folder");
    }
    let mut put = |target: &str, name: &str, bytes: &[u8]| {
        assert!(bytes.len() <= 512 * 1024, "{name}: a seed stays small ({} bytes)", bytes.len());
        std::fs::write(dir.join(target).join(name), bytes).expect("write a seed");
        written += 1;
    };
    put("snapshot", "good.json", &snapshot_bytes(&roster_dataset(15, 6, 40)));
    put("snapshot", "good-training.json", &snapshot_bytes(&with_training(roster_dataset(15, 4, 40))));
    put("snapshot", "envelope.json", &good_envelope());
    put("csv", "good.csv", &good_csv());
    put("xlsx", "good.xlsx", &good_xlsx());
    for file in corpus(Sizes::SMALL) {
        match file.door {
            Door::Snapshot => put("snapshot", &file.file_name, &file.bytes),
            // The snapshot target reads what the browser hands over: the bomb's head, inflated.
            Door::Gzip => {}
            Door::Csv => put("csv", &file.file_name, &file.bytes),
            Door::Xlsx => put("xlsx", &file.file_name, &file.bytes),
        }
    }
    println!("{written} seeds under {}", dir.display());
}
