//! Issue 16's figures for the command line: `dtbd merge` of a province's 200 commune files
//! (10 districts × 20 communes × 150 cadres: 30.000 cadres) must take ≤ 3 s, and `dtbd report`
//! over the merged file ≤ 1 s, natively. The files are generated (`demo::province`) into a
//! temporary folder and each command runs through `dtbd_cli::run`, the code the binary runs,
//! reading and writing real files; the best of `--runs` (default 3) is printed.
//!
//! `cargo run --release -p dtbd-cli --example timing [-- --runs 3 --keep DIR]`

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use dtbd_cli::{run, Exit, Io};
use dtbd_domain::demo::province::{province, ProvinceOptions};

fn dtbd(args: &[&str]) -> (Exit, Vec<u8>, Vec<u8>) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let exit = run(args.iter().map(OsString::from).collect(), &mut Io { out: &mut out, err: &mut err });
    (exit, out, err)
}

fn best(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn seconds(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64()).replace('.', ",")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let runs: usize = value("--runs").map_or(3, |r| r.parse().expect("--runs: a number"));
    let dir = value("--keep")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join(format!("dtbd-timing-{}", std::process::id())));
    std::fs::create_dir_all(&dir).expect("the folder");

    let generated = Instant::now();
    // Seed 2: with seed 16 two communes of one district get names that differ only by their
    // marks ("Xã Pờ Máy", "Xã Pố Máy"), which the merged file may not hold (`merge` refuses it).
    let p = province(&ProvinceOptions::new(10, 20, 150, 2));
    let mut files = Vec::new();
    for f in p.commune_files() {
        let path = dir.join(&f.file_name);
        std::fs::write(&path, f.snapshot.to_json()).expect("a commune file");
        files.push(path);
    }
    let bytes: u64 = files.iter().map(|f| std::fs::metadata(f).map_or(0, |m| m.len())).sum();
    println!(
        "{} tệp xã, {} cán bộ, {} MB, sinh trong {}",
        files.len(),
        p.commune_cadre_count(),
        bytes / 1_048_576,
        seconds(generated.elapsed())
    );

    let merged = dir.join("tinh.json");
    let mut merge_args: Vec<&str> = vec!["merge"];
    merge_args.extend(files.iter().map(|f| f.to_str().expect("UTF-8 path")));
    merge_args.extend(["-o", merged.to_str().expect("UTF-8 path")]);
    let t_check = best(runs, || {
        let mut check: Vec<&str> = vec!["check"];
        check.extend(&merge_args[1..merge_args.len() - 2]);
        assert_eq!(dtbd(&check).0, Exit::Done);
    });
    let t_merge = best(runs, || {
        let (exit, _, err) = dtbd(&merge_args);
        assert_eq!(exit, Exit::Done, "{}", String::from_utf8_lossy(&err));
    });
    let file = merged.to_str().expect("UTF-8 path");
    let t_report = best(runs, || {
        let (exit, out, _) = dtbd(&["report", file, "--directive", "02-ĐA/HU", "--year", "2025"]);
        assert_eq!(exit, Exit::Done);
        assert!(out.len() > 1000);
    });
    let t_by_unit = best(runs, || {
        let (exit, _, _) = dtbd(&["report", file, "--directive", "02-ĐA/HU", "--year", "2025", "--by-unit"]);
        assert_eq!(exit, Exit::Done);
    });
    println!("dtbd check 200 tệp:               {} (tốt nhất / {runs} lần)", seconds(t_check));
    println!("dtbd merge 200 tệp → 1 tệp:       {} (yêu cầu ≤ 3 s)", seconds(t_merge));
    println!("dtbd report 02-ĐA/HU (30.000 CB): {} (yêu cầu ≤ 1 s)", seconds(t_report));
    println!("dtbd report … --by-unit:          {}", seconds(t_by_unit));
    if value("--keep").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
