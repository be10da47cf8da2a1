//! Nhập nhiều tệp at a province's scale (issue 16): 10 districts × 20 communes × 150 cadres,
//! 200 commune files, 30.000 cadres, received by the province (which holds every unit).
//! Times natively: each file checked (read, checksum, types, limits, rules), the batch
//! combined (authority, provenance, receipts), previewed and merged — the browser goal is
//! ≤ 10 s for all of it.
//!
//! Then the same 200 files sent again a month later with every cadre one version newer (a
//! field changed): the preview's field diffs for 30.000 changed records.
//!
//! `cargo bench --bench batch`

use dtbd::domain::demo::province::{province, ProvinceOptions};
use dtbd::domain::model::RecordMeta;
use dtbd::domain::snapshot::batch::{check, combine, BatchFile, Choices};
use dtbd::domain::snapshot::{checksum, merge, preview, Dataset, Resolutions};

mod common;
use common::{ms, time};

const RECEIVED: i64 = 1_796_200_000_000;

fn main() {
    let p = province(&ProvinceOptions::new(10, 20, 150, 16));
    let local = p.database();
    let files: Vec<(String, String)> = p.commune_files().map(|f| (f.file_name.clone(), f.snapshot.to_json())).collect();
    let bytes: usize = files.iter().map(|(_, j)| j.len()).sum();
    let runs = 3;
    println!(
        "batch of {} commune files ({:.1} MB), {} cadres, into a province of {} units",
        files.len(),
        bytes as f64 / 1e6,
        p.commune_cadre_count(),
        local.roster.units.len()
    );
    let (_, (t, (checked, combined, pv, out))) = time(runs, || run(&files, &local));
    println!("  check {} files:       {}", files.len(), ms(t.0));
    println!("  combine:               {}", ms(t.1));
    println!("  preview:               {}", ms(t.2));
    println!("  merge:                 {}", ms(t.3));
    println!("  all in:                {}", ms(t.0 + t.1 + t.2 + t.3));
    println!(
        "  ({} new cadres, {} receipts, {} decisions; last of {runs} runs)",
        pv.cadres.new,
        pv.receipts.new,
        combined.outside.len() + combined.between.len()
    );
    assert_eq!(checked, 200);
    assert_eq!(pv.cadres.new, 30_000);

    // A month later: every cadre one version newer, its note changed.
    let later: Vec<(String, String)> = p
        .commune_files()
        .map(|f| {
            let mut s = f.snapshot.clone();
            for c in &mut s.records.cadres {
                c.note = "cập nhật tháng sau".into();
                c.meta = RecordMeta::next(Some(&c.meta), s.exported_at + 30 * 86_400_000);
            }
            s.exported_at += 30 * 86_400_000;
            s.checksum = checksum::of_records(&s.records);
            (format!("sau-{}", f.file_name), s.to_json())
        })
        .collect();
    let (_, (t, (_, _, pv, _))) = time(runs, || run(&later, &out.state));
    println!("the same files a month later, every cadre changed");
    println!("  check {}, combine {}, preview {}, merge {}", ms(t.0), ms(t.1), ms(t.2), ms(t.3));
    println!("  all in:                {}  ({} changed)", ms(t.0 + t.1 + t.2 + t.3), pv.cadres.changed);
    assert_eq!(pv.cadres.changed, 30_000);
}

type Times = (std::time::Duration, std::time::Duration, std::time::Duration, std::time::Duration);

fn run(
    files: &[(String, String)],
    local: &Dataset,
) -> (
    Times,
    (
        usize,
        dtbd::domain::snapshot::batch::Combined,
        dtbd::domain::snapshot::Preview,
        dtbd::domain::snapshot::MergeOutcome,
    ),
) {
    let t = std::time::Instant::now();
    let checked: Vec<BatchFile> = files
        .iter()
        .map(|(name, json)| check(name, json.as_bytes(), local).expect("a generated file is valid").file)
        .collect();
    let t_check = t.elapsed();
    let t = std::time::Instant::now();
    let combined = combine(&checked, local, RECEIVED, &Choices::default());
    let t_combine = t.elapsed();
    let t = std::time::Instant::now();
    let pv = preview(local, &combined.incoming);
    let t_preview = t.elapsed();
    let t = std::time::Instant::now();
    let out = merge(local, &combined.incoming, &Resolutions::default());
    let t_merge = t.elapsed();
    ((t_check, t_combine, t_preview, t_merge), (checked.len(), combined, pv, out))
}
