//! Export and import of a 30.000-cadre snapshot (300 units): file size raw and gzip, and the
//! times of export (build + checksum + JSON), parse + validate, preview and merge into a
//! receiver that holds an older copy of the same roster, natively.
//!
//! Then the hostile shapes of issue 15, each a valid-looking file checked against an empty
//! receiver: 20.000 units under one parent with 30.000 cadres among them (accepted), a chain
//! of 3.000 nested units (refused by `MAX_UNIT_DEPTH`), and the length limits on a normal
//! 30.000-cadre file (the walk over every string of every record, alone).
//!
//! `cargo bench --bench snapshot`

use std::collections::BTreeMap;
use std::io::Write;

use dtbd::domain::fixtures::generate_roster;
use dtbd::domain::model::RecordMeta;
use dtbd::domain::snapshot::{export, import, merge, preview, Dataset, ExportScope, ExportedBy, Resolutions};

mod common;
use common::{ms, time};

fn main() {
    let now = 1_795_000_000_000;
    let mut roster = generate_roster(2024, 30_000, 300);
    for (i, c) in roster.cadres.iter_mut().enumerate() {
        c.meta = RecordMeta::at(2, now - i as i64);
    }
    for u in &mut roster.units {
        u.meta = RecordMeta::at(1, now - 1);
    }
    let data = Dataset { roster, directives: Vec::new(), tombstones: Vec::new(), ..Default::default() };
    // The receiver: the same roster one version older for every 10th cadre, 1.000 missing.
    let mut local = data.clone();
    local.roster.cadres.truncate(29_000);
    for c in local.roster.cadres.iter_mut().step_by(10) {
        c.meta.version = 1;
        c.note = "bản cũ".into();
    }
    let by = ExportedBy { unit_id: Some("u0".into()), unit_name: "UBND tỉnh".into(), sender: "bench".into() };
    let runs = 5;

    let (t_export, json) =
        time(runs, || export(&data, &ExportScope::All, by.clone(), BTreeMap::new(), now).unwrap().to_json());
    let raw = json.len();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(json.as_bytes()).unwrap();
    let gzip = gz.finish().unwrap().len();

    let (t_import, imported) = time(runs, || import(json.as_bytes(), &local.roster).expect("valid"));
    use dtbd::domain::snapshot::checksum;
    let (t_env, _) = time(runs, || checksum::of_bytes(&checksum::envelope(json.as_bytes()).unwrap().records.unwrap()));
    let (t_typed, _) =
        time(runs, || serde_json::from_slice::<dtbd::domain::snapshot::Snapshot>(json.as_bytes()).unwrap());
    let (t_rules, _) = time(runs, || dtbd::domain::snapshot::validate(&imported.snapshot, &local.roster));
    let (t_limits, _) = time(runs, || dtbd::domain::snapshot::validate::check_limits(&imported.snapshot));
    let incoming = imported.snapshot.into_dataset();
    let (t_preview, p) = time(runs, || preview(&local, &incoming));
    let (t_merge, out) = time(runs, || merge(&local, &incoming, &Resolutions::default()));
    assert_eq!(out.state.roster.cadres.len(), 30_000);
    assert_eq!(p.cadres.new, 1_000);
    assert_eq!(p.cadres.changed, 2_900);

    println!("snapshot of {} cadres, {} units", data.roster.cadres.len(), data.roster.units.len());
    println!(
        "  file size:           {:>8.2} MB raw, {:>6.2} MB gzip ({:.1}%)",
        raw as f64 / 1e6,
        gzip as f64 / 1e6,
        gzip as f64 * 100.0 / raw as f64
    );
    println!("  export (build+sha+json):       {}", ms(t_export));
    println!("  import (parse+sha+types+rules): {}", ms(t_import));
    println!(
        "    of which: canonical form + SHA-256 {}, typed parse {}, rules {}",
        ms(t_env),
        ms(t_typed),
        ms(t_rules)
    );
    println!("    (limits: every string and version of every record walked, {})", ms(t_limits));
    println!("  preview (with field diffs):    {}", ms(t_preview));
    println!("  merge:                         {}", ms(t_merge));
    println!("  import + merge:                {}", ms(t_import + t_merge));
    println!(
        "  (median of {runs} runs; preview: {} new, {} changed, {} unchanged)",
        p.cadres.new, p.cadres.changed, p.cadres.unchanged
    );

    hostile(now, &by);

    // For the browser figure (tests/e2e/bench.spec.mjs): the receiver's older copy and the
    // sender's file, written when DTBD_SNAPSHOT_DIR names a folder.
    if let Ok(dir) = std::env::var("DTBD_SNAPSHOT_DIR") {
        let older = export(&local, &ExportScope::All, by.clone(), BTreeMap::new(), now - 1).unwrap().to_json();
        std::fs::write(format!("{dir}/bench-29000-older.json"), older).unwrap();
        std::fs::write(format!("{dir}/bench-30000.json"), &json).unwrap();
        println!("  wrote {dir}/bench-29000-older.json and {dir}/bench-30000.json");
    }
}

/// The shapes that were quadratic or worse before issue 15 (5.000 siblings took 5,5 s, a
/// 3.000-unit chain 18,5 s): each must check in well under a second.
fn hostile(now: i64, by: &ExportedBy) {
    use dtbd::domain::fixtures::unit;
    use dtbd::domain::roster::Roster;
    let runs = 3;
    let file = |roster: Roster| {
        let data = Dataset { roster, ..Default::default() };
        export(&data, &ExportScope::All, by.clone(), BTreeMap::new(), now).unwrap().to_json()
    };

    // 20.000 units under one parent, 30.000 cadres spread over them.
    let mut wide = generate_roster(7, 30_000, 300);
    let top = wide.units[0].id.clone();
    let mut units = vec![wide.units[0].clone()];
    units.extend((0..20_000).map(|i| unit(&format!("w{i}"), &format!("Chi bộ số {i}"), Some(&top))));
    for (i, c) in wide.cadres.iter_mut().enumerate() {
        c.unit_id = format!("w{}", i % 20_000);
        c.positions.clear();
    }
    wide.units = units;
    let json = file(wide);
    println!("hostile shapes (import against an empty receiver, median of {runs} runs)");
    let (t_wide, outcome) = time(runs, || verdict(import(json.as_bytes(), &Roster::default())));
    println!("  20.000 units under one parent + 30.000 cadres: {} ({outcome})", ms(t_wide));

    // A chain of 3.000 nested units: refused, each unit past the limit named (the list capped).
    let chain: Vec<_> = (0..3_000)
        .map(|i| {
            let parent = (i > 0).then(|| format!("c{}", i - 1));
            unit(&format!("c{i}"), &format!("Cấp {i}"), parent.as_deref())
        })
        .collect();
    let json = file(Roster { units: chain, cadres: Vec::new() });
    let (t_chain, outcome) = time(runs, || verdict(import(json.as_bytes(), &Roster::default())));
    println!("  chain of 3.000 nested units:                    {} ({outcome})", ms(t_chain));
}

/// "accepted", or "refused: " and the first message, for the table.
fn verdict<T>(result: Result<T, Vec<dtbd::domain::snapshot::SnapshotError>>) -> String {
    match result {
        Ok(_) => "accepted".into(),
        Err(errors) => format!("refused: {}", errors[0].message().chars().take(90).collect::<String>()),
    }
}
