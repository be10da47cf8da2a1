//! Writes the files of a generated province (`dtbd::domain::demo::province`): what the
//! communes email their district, and each district's own database, for the batch import's
//! end-to-end test, the browser bench and the command line's tests (issue 16).
//!
//! `cargo run --release --example province_files -- OUTDIR [--districts 1] [--communes 20]
//!  [--cadres 150] [--seed 16] [--intruder] [--date YYYY-MM-DD]`
//!
//! Writes `OUTDIR/communes/*.json` (one snapshot per commune, as its officer exports it),
//! `OUTDIR/districts/*.json` (each district's database, "Toàn bộ dữ liệu", to import first)
//! and `OUTDIR/manifest.json` (what was written: every file with its unit, sender, time and
//! cadre count, and the intruder when asked for). `--date` is the day the latest files were
//! sent (default: today, UTC+7), so a test sees recent files and a few sent long ago.

use std::path::{Path, PathBuf};

use dtbd::domain::date::{Date, Moment, VIETNAM_UTC_OFFSET_MINUTES};
use dtbd::domain::demo::province::{province, ProvinceOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("Cách dùng: province_files OUTDIR [--districts N] [--communes N] [--cadres N] [--seed N] [--intruder] [--date YYYY-MM-DD]");
        std::process::exit(2);
    };
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1));
    let number = |flag: &str, default: usize| {
        value(flag).map_or(default, |v| v.parse().unwrap_or_else(|_| panic!("{flag}: “{v}” không phải số")))
    };
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_millis() as i64;
    let today = Moment::from_millis(now_ms, VIETNAM_UTC_OFFSET_MINUTES).expect("today").date;
    let sent_by = value("--date").map_or(today, |d| Date::parse(d).unwrap_or_else(|| panic!("--date: “{d}”")));
    let options = ProvinceOptions {
        districts: number("--districts", 1),
        communes: number("--communes", 20),
        cadres_per_commune: number("--cadres", 150),
        seed: number("--seed", 16) as u64,
        intruder: args.iter().any(|a| a == "--intruder"),
        sent_by,
    };
    let province = province(&options);
    let out = PathBuf::from(out);
    let (communes_dir, districts_dir) = (out.join("communes"), out.join("districts"));
    for dir in [&communes_dir, &districts_dir] {
        std::fs::create_dir_all(dir).expect("the output folder");
    }
    let exported_at = Moment { date: sent_by, hour: 7, minute: 0 }.to_millis(VIETNAM_UTC_OFFSET_MINUTES);
    let mut districts = Vec::new();
    for d in &province.districts {
        let name = d.database_file_name(exported_at);
        write(&districts_dir.join(&name), &d.database_snapshot(exported_at).to_json());
        districts.push(serde_json::json!({
            "file": format!("districts/{name}"),
            "unit_id": d.unit.id,
            "unit_name": d.unit.name,
            "communes": d.communes.iter().map(|c| serde_json::json!({"unit_id": c.unit.id, "unit_name": c.unit.name})).collect::<Vec<_>>(),
        }));
    }
    let communes: Vec<serde_json::Value> = province
        .commune_files()
        .map(|f| {
            write(&communes_dir.join(&f.file_name), &f.snapshot.to_json());
            serde_json::json!({
                "file": format!("communes/{}", f.file_name),
                "unit_id": f.unit.id,
                "unit_name": f.unit.name,
                "parent_id": f.unit.parent_id,
                "sender": f.snapshot.exported_by.sender,
                "exported_at": f.snapshot.exported_at,
                "sent_on": Moment::from_millis(f.snapshot.exported_at, VIETNAM_UTC_OFFSET_MINUTES).map(|m| m.date.to_string()),
                "cadres": f.snapshot.records.cadres.len(),
            })
        })
        .collect();
    let intruder = province.intruder.as_ref().map(|i| {
        serde_json::json!({
            "file": format!("communes/{}", i.file_name),
            "sender_unit_id": i.sender_unit_id,
            "cadre_id": i.cadre_id,
            "cadre_name": i.cadre_name,
            "owner_unit_id": i.owner_unit_id,
        })
    });
    let manifest = serde_json::json!({
        "province": { "unit_id": province.unit.id, "unit_name": province.unit.name },
        "sent_by": sent_by.to_string(),
        "districts": districts,
        "communes": communes,
        "cadres": province.commune_cadre_count(),
        "intruder": intruder,
    });
    write(&out.join("manifest.json"), &serde_json::to_string_pretty(&manifest).expect("json"));
    println!(
        "{}: {} commune files, {} district databases, {} cadres{}",
        out.display(),
        communes.len(),
        province.districts.len(),
        province.commune_cadre_count(),
        if province.intruder.is_some() { ", one intruder" } else { "" }
    );
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}
