//! The built `dtbd` run on files these tests generate: snapshots through the domain's own
//! export, rosters as an officer keeps them (`demo::sheet`), and the bad inputs of issue 16 —
//! a truncated file, a wrong checksum, a file of schema version 99, a sheet that is not a
//! workbook. Each asserts the exit code, the Vietnamese message naming the file, and that no
//! output file (nor a temporary one) is left behind on failure.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dtbd_domain::demo::{hoang_su_phi, sheet::officer_sheet};
use dtbd_domain::fixtures::unit;
use dtbd_domain::model::{Cadre, Gender, GovLevel, RecordMeta, UnitKind};
use dtbd_domain::roster::Roster;
use dtbd_domain::snapshot::{self, export, Dataset, ExportScope, ExportedBy, Snapshot};
use dtbd_domain::table::{Cell, Table};

const AT: i64 = 1_795_000_000_000;

/// A fresh directory for one test.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dtbd-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn dtbd(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dtbd")).args(args).output().expect("dtbd runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Every file of `d`, by name (hidden temporary files included).
fn listing(d: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
    names.sort();
    names
}

fn cadre(id: &str, unit_id: &str, name: &str, year: u16) -> Cadre {
    let mut c = Cadre::blank(id.into(), unit_id.into());
    c.full_name = name.into();
    c.birth_year = year;
    c.gender = if year.is_multiple_of(2) { Gender::Female } else { Gender::Male };
    c.meta = RecordMeta::at(1, AT);
    c
}

/// A district with three communes of `per_commune` cadres each.
fn district(per_commune: usize) -> Dataset {
    let mut units = vec![unit("huyen", "Huyện Thử", None)];
    let mut cadres = Vec::new();
    for x in 1..=3 {
        let id = format!("xa{x}");
        let mut u = unit(&id, &format!("Xã Thử {x}"), Some("huyen"));
        u.level = GovLevel::Commune;
        u.kind = UnitKind::Government;
        units.push(u);
        for n in 0..per_commune {
            cadres.push(cadre(&format!("c{x}-{n}"), &id, &format!("Người {x}-{n}"), 1970 + (n as u16 % 30)));
        }
    }
    for u in &mut units {
        u.meta = RecordMeta::at(1, AT);
    }
    Dataset { roster: Roster { units, cadres }, ..Dataset::default() }
}

fn by(name: &str) -> ExportedBy {
    ExportedBy { unit_id: None, unit_name: name.into(), sender: "Lò Thị Mai".into() }
}

fn commune_file(data: &Dataset, commune: &str) -> Snapshot {
    export(data, &ExportScope::Subtree(commune.into()), by(commune), BTreeMap::new(), AT).unwrap()
}

/// The three commune files of [`district`] in `d`.
fn commune_files(d: &Path, data: &Dataset) -> Vec<PathBuf> {
    (1..=3)
        .map(|x| {
            let path = d.join(format!("xa-{x}.json"));
            std::fs::write(&path, commune_file(data, &format!("xa{x}")).to_json()).unwrap();
            path
        })
        .collect()
}

fn read_back(path: &Path) -> Dataset {
    snapshot::import(&std::fs::read(path).unwrap(), &Roster::default())
        .expect("a valid snapshot")
        .snapshot
        .into_dataset()
}

/// Issue 16's bad snapshots next to a good one: cut in the middle, a name changed after the
/// checksum, schema version 99.
fn bad_snapshots(d: &Path, good: &str) -> [PathBuf; 3] {
    let truncated = d.join("cat-cut.json");
    std::fs::write(&truncated, &good.as_bytes()[..good.len() / 2]).unwrap();
    let checksum = d.join("sai-ma-kiem-tra.json");
    std::fs::write(&checksum, good.replacen("Người 1-0", "Người Khác", 1)).unwrap();
    let newer = d.join("phien-ban-99.json");
    let current = format!("\"schema_version\":{}", snapshot::SCHEMA_VERSION);
    assert!(good.contains(&current));
    std::fs::write(&newer, good.replacen(&current, "\"schema_version\":99", 1)).unwrap();
    [truncated, checksum, newer]
}

#[test]
fn check_accepts_good_files_and_names_each_refused_one_with_why() {
    let d = dir("check");
    let data = district(10);
    let files = commune_files(&d, &data);
    let good = std::fs::read_to_string(&files[0]).unwrap();
    let gz = d.join("xa-1.json.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(good.as_bytes()).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();

    let ok = dtbd(&["check", p(&files[0]), p(&gz)]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
    let out = text(&ok.stdout);
    assert!(out.contains(&format!("tệp {}: hợp lệ: 2 đơn vị, 10 cán bộ", p(&files[0]))), "{out}");
    assert!(out.contains(&format!("tệp {}: hợp lệ", p(&gz))), "{out}");
    assert!(out.contains("người gửi: Lò Thị Mai"), "{out}");

    let [truncated, checksum, newer] = bad_snapshots(&d, &good);
    let missing = d.join("khong-co.json");
    let run = dtbd(&["check", p(&files[1]), p(&truncated), p(&checksum), p(&newer), p(&missing)]);
    assert_eq!(run.status.code(), Some(1));
    let err = text(&run.stderr);
    assert!(err.contains(&format!("tệp {}: Tệp bị cắt cụt", p(&truncated))), "{err}");
    assert!(
        err.contains(&format!("tệp {}: Tệp bị hỏng hoặc đã bị sửa: mã kiểm tra không khớp", p(&checksum))),
        "{err}"
    );
    assert!(err.contains(&format!("tệp {}: Tệp được tạo bởi phiên bản mới hơn", p(&newer))), "{err}");
    assert!(err.contains("định dạng phiên bản 99"), "{err}");
    assert!(err.contains(&format!("tệp {}: không có tệp này", p(&missing))), "{err}");
    assert!(err.contains("1 tệp hợp lệ, 4 tệp bị từ chối."), "{err}");
    assert!(text(&run.stdout).contains(&format!("tệp {}: hợp lệ", p(&files[1]))));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn merge_combines_commune_files_and_leaves_out_what_a_commune_may_not_send() {
    let d = dir("merge");
    let data = district(20);
    let mut files = commune_files(&d, &data);
    // Commune 3 also sends a cadre of commune 1, edited: outside its subtree.
    let mut stray = commune_file(&data, "xa3");
    let mut intruder = data.roster.cadres.iter().find(|c| c.unit_id == "xa1").unwrap().clone();
    intruder.note = "sửa từ xã 3".into();
    intruder.meta.version = 2;
    stray.records.cadres.push(intruder.clone());
    stray.records.units.push(data.roster.unit("xa1").unwrap().clone());
    let stray_path = d.join("xa-3-lan.json");
    std::fs::write(&stray_path, stray.to_json()).unwrap();
    files[2] = stray_path.clone();

    let out = d.join("huyen.json");
    let mut args = vec!["merge"];
    args.extend(files.iter().map(|f| p(f)));
    args.extend(["-o", p(&out), "--sender", "Văn phòng Huyện ủy"]);
    let run = dtbd(&args);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let err = text(&run.stderr);
    assert!(
        err.contains(&format!(
            "tệp {}: Cán bộ “{}” (mã {}) nằm ngoài đơn vị gửi tệp",
            p(&stray_path),
            intruder.full_name,
            intruder.id
        )),
        "{err}"
    );
    let merged = read_back(&out);
    assert_eq!(merged.roster.cadres.len(), 60);
    assert_eq!(merged.roster.units.len(), 4);
    let kept = merged.roster.cadres.iter().find(|c| c.id == intruder.id).unwrap();
    assert_eq!(kept.note, "", "commune 1's own version stays");
    assert!(text(&run.stdout).contains("Đã hợp nhất 3 tệp"), "{}", text(&run.stdout));
    assert_eq!(listing(&d).iter().filter(|n| n.starts_with('.')).count(), 0, "no temporary file left");

    let taken = d.join("huyen-lay-ca.json");
    let mut args = vec!["merge"];
    args.extend(files.iter().map(|f| p(f)));
    args.extend(["-o", p(&taken), "--take-outside"]);
    assert_eq!(dtbd(&args).status.code(), Some(0));
    let merged = read_back(&taken);
    assert_eq!(merged.roster.cadres.iter().find(|c| c.id == intruder.id).unwrap().note, "sửa từ xã 3");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_conflict_is_listed_and_decided_by_a_flag() {
    let d = dir("conflict");
    let data = district(5);
    let edited = |note: &str| {
        let mut copy = data.clone();
        let c = copy.roster.cadres.iter_mut().find(|c| c.id == "c1-0").unwrap();
        c.note = note.into();
        c.meta.version = 2;
        copy
    };
    let (a, b) = (d.join("a.json"), d.join("b.json"));
    std::fs::write(&a, commune_file(&edited("bản A"), "xa1").to_json()).unwrap();
    std::fs::write(&b, commune_file(&edited("bản B"), "xa1").to_json()).unwrap();
    let out = d.join("out.json");
    let run = dtbd(&["merge", p(&a), p(&b), "-o", p(&out)]);
    assert_eq!(run.status.code(), Some(0));
    let err = text(&run.stderr);
    assert!(err.contains(&format!("tệp {}: xung đột ở Cán bộ “Người 1-0” (mã c1-0)", p(&b))), "{err}");
    assert_eq!(read_back(&out).roster.cadres.iter().find(|c| c.id == "c1-0").unwrap().note, "bản A");
    let run = dtbd(&["merge", p(&a), p(&b), "-o", p(&out), "--take-theirs"]);
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(read_back(&out).roster.cadres.iter().find(|c| c.id == "c1-0").unwrap().note, "bản B");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn the_province_s_intruder_is_named_with_its_file_and_a_conflict_with_the_file_that_sent_it() {
    use dtbd_domain::demo::province::{province, ProvinceOptions};
    let d = dir("province");
    let options = ProvinceOptions { intruder: true, ..ProvinceOptions::new(2, 3, 8, 2) };
    let generated = province(&options);
    let mut files: Vec<PathBuf> = Vec::new();
    for f in generated.commune_files() {
        let path = d.join(&f.file_name);
        std::fs::write(&path, f.snapshot.to_json()).unwrap();
        files.push(path);
    }
    // The last file also changes, at the same version, a cadre the first file sends.
    let first = &generated.districts[0].communes[0].snapshot;
    let mut clash = first.clone();
    clash.records.cadres[0].note = "sửa ở nơi khác".into();
    let clash_path = d.join("sua-lai.json");
    std::fs::write(&clash_path, clash.to_json()).unwrap();
    files.push(clash_path.clone());
    let out = d.join("tinh.json");
    let mut args = vec!["merge"];
    args.extend(files.iter().map(|f| p(f)));
    args.extend(["-o", p(&out)]);
    let run = dtbd(&args);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let err = text(&run.stderr);
    let intruder = generated.intruder.as_ref().unwrap();
    let carrier = d.join(&intruder.file_name);
    assert!(
        err.contains(&format!("tệp {}: Cán bộ “{}” (mã {})", p(&carrier), intruder.cadre_name, intruder.cadre_id)),
        "{err}"
    );
    assert!(err.contains(&format!("tệp {}: xung đột ở Cán bộ", p(&clash_path))), "{err}");
    let merged = read_back(&out);
    assert_eq!(merged.roster.cadres.len(), generated.commune_cadre_count());
    // Provenance kept: each cadre says which commune's file brought it, sent when, by whom.
    for f in generated.commune_files() {
        for sent in &f.snapshot.records.cadres {
            let Some(c) = merged.roster.cadres.iter().find(|c| c.id == sent.id) else { continue };
            let origin = c.meta.origin.as_ref().expect("an origin");
            if origin.unit_id.as_deref() == Some(f.unit.id.as_str()) {
                assert_eq!(origin.exported_at, f.snapshot.exported_at);
                assert_eq!(origin.sender, f.snapshot.exported_by.sender);
            }
        }
    }
    assert!(merged.roster.cadres.iter().all(|c| c.meta.origin.is_some()));
    assert_eq!(
        merged.roster.cadres.iter().find(|c| c.id == first.records.cadres[0].id).unwrap().note,
        first.records.cadres[0].note
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_bad_file_stops_the_merge_and_leaves_no_output() {
    let d = dir("merge-bad");
    let data = district(5);
    let files = commune_files(&d, &data);
    let good = std::fs::read_to_string(&files[0]).unwrap();
    let out = d.join("huyen.json");
    for bad in bad_snapshots(&d, &good) {
        let before = listing(&d);
        let run = dtbd(&["merge", p(&files[1]), p(&bad), "-o", p(&out)]);
        assert_eq!(run.status.code(), Some(1), "{}", p(&bad));
        let err = text(&run.stderr);
        assert!(err.contains(&format!("tệp {}: ", p(&bad))), "{err}");
        assert!(err.contains(&format!("Không ghi {}", p(&out))), "{err}");
        assert!(!out.exists());
        assert_eq!(listing(&d), before, "nothing written, not even a temporary file");
    }
    // --skip-refused merges the rest, still saying a file was refused.
    let [truncated, ..] = bad_snapshots(&d, &good);
    let run = dtbd(&["merge", p(&files[1]), p(&truncated), "-o", p(&out), "--skip-refused"]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(read_back(&out).roster.cadres.len(), 5);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_merge_whose_result_would_not_read_back_writes_nothing() {
    // Two communes of one district whose names differ only by a mark: each file is valid
    // alone, the district's file may not hold both (the app refuses same-named siblings).
    let d = dir("merge-invalid");
    let mut data = district(3);
    data.roster.units.iter_mut().find(|u| u.id == "xa2").unwrap().name = "Xá Thử 1".into();
    let files = commune_files(&d, &data);
    let out = d.join("huyen.json");
    let before = listing(&d);
    let run = dtbd(&["merge", p(&files[0]), p(&files[1]), "-o", p(&out)]);
    assert_eq!(run.status.code(), Some(1));
    let err = text(&run.stderr);
    assert!(err.contains(&format!("tệp {}: kết quả hợp nhất không hợp lệ: Đơn vị \"Xá Thử 1\"", p(&out))), "{err}");
    assert_eq!(listing(&d), before);
    let _ = std::fs::remove_dir_all(&d);
}

/// Hoàng Su Phì's roster (seed 002's district) as one whole-database file.
fn hoang_su_phi_file(d: &Path) -> (PathBuf, Dataset) {
    let (units, cadres) = hoang_su_phi(5);
    let data = Dataset { roster: Roster { units, cadres }, ..Dataset::default() };
    let path = d.join("hoang-su-phi.json");
    std::fs::write(&path, export(&data, &ExportScope::All, by("Huyện ủy"), BTreeMap::new(), AT).unwrap().to_json())
        .unwrap();
    (path, data)
}

#[test]
fn report_gives_the_directive_page_s_scores_and_every_group_s_status_as_json() {
    let d = dir("report");
    let (file, data) = hoang_su_phi_file(&d);
    // "02-DA/HU" typed without its Đ finds the template 02-ĐA/HU.
    let run = dtbd(&["report", p(&file), "--directive", "02-DA/HU", "--year", "2021"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(json["format"], "dtbd-report");
    assert_eq!(json["directive"]["number"], "02-ĐA/HU");
    assert_eq!(json["directive"]["built_in"], true);
    assert_eq!(json["at"], "2021-12-31");
    assert_eq!(json["cadres"], data.roster.cadres.len());

    // The same figures the directive page computes.
    let found = dtbd_cli::report::find("tpl-002", &[]).unwrap();
    let at = dtbd_domain::date::Date::end_of_year(2021);
    let score = dtbd_view::scoring::directive_score_among(
        &found.directive,
        &found.others,
        &data.roster,
        Some(&data.training),
        at,
    );
    let targets = json["targets"].as_array().unwrap();
    assert_eq!(targets.len(), score.targets.len());
    for (row, s) in targets.iter().zip(&score.targets) {
        assert_eq!(row["id"], s.target_id.as_str());
        assert_eq!(row["status"], s.status.code());
        match (row["measured"].as_f64(), s.measured) {
            (Some(read), Some(computed)) => assert!((read - computed).abs() < 1e-9, "{read} ≠ {computed}"),
            (read, computed) => assert_eq!(read, computed),
        }
        assert_eq!(row["gap_persons"], s.gap_persons);
        assert!(!row["text"].as_str().unwrap().is_empty());
    }
    let scored = targets.iter().filter(|t| t["measured"].is_number()).count();
    assert!(scored > 3, "targets with figures: {scored}");
    let statuses: usize =
        json["summary"]["statuses"].as_array().unwrap().iter().map(|s| s["targets"].as_u64().unwrap() as usize).sum();
    assert_eq!(statuses, targets.len());
    // Thực trạng of every group, as the Thực trạng page counts it.
    let groups = json["groups"].as_array().unwrap();
    assert_eq!(groups.len(), found.directive.groups.len());
    let reports = dtbd_view::status::group_reports(
        &found.directive,
        &data.roster,
        &dtbd_view::status::all_groups(&found.directive),
        2021,
        true,
    );
    for (g, r) in groups.iter().zip(&reports) {
        assert_eq!(g["name"], r.group_name.as_str());
        assert_eq!(g["total"], r.total);
        assert_eq!(g["women"]["count"], r.women.count);
        assert_eq!(g["locals"]["share_text"], r.locals.share_text().as_str());
        assert_eq!(g["under_35"]["count"], r.young.count);
        let levels: u64 = g["professional"].as_array().unwrap().iter().map(|p| p["count"].as_u64().unwrap()).sum();
        assert_eq!(levels, u64::from(r.total), "every member at one professional level");
        assert_eq!(g["paragraphs"][0], r.paragraphs()[0].as_str());
    }
    assert!(groups.iter().any(|g| g["total"].as_u64().unwrap() > 0));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn report_by_unit_compares_the_child_units_target_by_target_and_group_by_group() {
    let d = dir("report-units");
    let data = district(30);
    let file = d.join("huyen.json");
    std::fs::write(&file, export(&data, &ExportScope::All, by("Huyện"), BTreeMap::new(), AT).unwrap().to_json())
        .unwrap();
    let run = dtbd(&["report", p(&file), "--directive", "37-KL/TU", "--at", "01/06/2024", "--by-unit"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let units = &json["units"];
    assert_eq!(units["parent_name"], "Huyện Thử", "the roster's one top unit");
    let targets = json["targets"].as_array().unwrap();
    let by_target = units["targets"].as_array().unwrap();
    assert_eq!(by_target.len(), targets.len());
    for (t, c) in targets.iter().zip(by_target) {
        assert_eq!(t["id"], c["id"]);
        let mut names: Vec<&str> =
            c["units"].as_array().unwrap().iter().map(|u| u["unit_name"].as_str().unwrap()).collect();
        names.sort();
        assert_eq!(names, ["Xã Thử 1", "Xã Thử 2", "Xã Thử 3"]);
        if t["kind"] == "share" {
            // The parent as a whole is the district: the report's own figure.
            assert_eq!(c["whole"]["count"], t["count"], "{}", t["id"]);
            let parts: u64 = c["units"].as_array().unwrap().iter().map(|u| u["count"].as_u64().unwrap_or(0)).sum();
            assert_eq!(Some(parts), t["count"].as_u64(), "the communes' parts add up: {}", t["id"]);
        }
    }
    for g in units["groups"].as_array().unwrap() {
        let parts: u64 = g["units"].as_array().unwrap().iter().map(|u| u["total"].as_u64().unwrap()).sum();
        assert_eq!(Some(parts), g["whole"]["total"].as_u64());
    }

    // CSV of the comparison, and Excel with every table.
    let csv = dtbd(&[
        "report",
        p(&file),
        "--directive",
        "37-KL/TU",
        "--year",
        "2024",
        "--by-unit",
        "--format",
        "csv",
        "--table",
        "units",
    ]);
    assert_eq!(csv.status.code(), Some(0), "{}", text(&csv.stderr));
    let csv = text(&csv.stdout);
    assert!(csv.starts_with("\u{feff}Chỉ tiêu,Đơn vị,Kết quả,Số người đạt"), "{csv}");
    assert!(csv.contains("Chung toàn đơn vị: Huyện Thử"), "{csv}");
    let xlsx = d.join("bao-cao.xlsx");
    let run = dtbd(&["report", p(&file), "--directive", "tpl-000", "--by-unit", "--format", "xlsx", "-o", p(&xlsx)]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let sheets = dtbd_xlsx::read("bao-cao.xlsx", &std::fs::read(&xlsx).unwrap()).unwrap();
    assert_eq!(sheets.len(), 4, "scores, groups, units by target, units by group");
    assert!(sheets[1].rows[0].contains(&"Nhóm".to_string()));
    assert_eq!(sheets[3].rows[0][0], "Nhóm");
    // A parent with no units under it is named.
    let run = dtbd(&["report", p(&file), "--directive", "37-KL/TU", "--by-unit", "--parent", "xa thu 1"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        text(&run.stderr).contains("đơn vị “Xã Thử 1” không có đơn vị trực thuộc để so sánh."),
        "{}",
        text(&run.stderr)
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn report_names_what_it_cannot_find() {
    let d = dir("report-bad");
    let (file, _) = hoang_su_phi_file(&d);
    let run = dtbd(&["report", p(&file), "--directive", "99-NQ/TW"]);
    assert_eq!(run.status.code(), Some(1));
    let err = text(&run.stderr);
    assert!(err.contains(&format!("tệp {}: không có văn bản “99-NQ/TW”", p(&file))), "{err}");
    assert!(err.contains("02-ĐA/HU (mã tpl-002)"), "the directives there are are listed: {err}");
    let good = std::fs::read_to_string(&file).unwrap();
    let [truncated, ..] = bad_snapshots(&d, &good);
    let out = d.join("bao-cao.json");
    let run = dtbd(&["report", p(&truncated), "--directive", "02-ĐA/HU", "-o", p(&out)]);
    assert_eq!(run.status.code(), Some(1));
    assert!(text(&run.stderr).contains(&format!("tệp {}: Tệp bị cắt cụt", p(&truncated))));
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(&d);
}

/// The officer's sheet (title rows, her own columns and spellings) of 120 Hoàng Su Phì cadres.
fn officer_rows() -> Vec<Vec<String>> {
    let (units, cadres) = hoang_su_phi(2);
    officer_sheet(&units, &cadres[..120], 2)
}

#[test]
fn import_roster_reads_an_officer_s_sheet_as_the_import_page_does() {
    let d = dir("import");
    let rows = officer_rows();
    let people = rows.iter().skip(4).filter(|r| r.iter().any(|c| !c.is_empty())).count();
    // As CSV (the rows written as they are) and as a workbook.
    let table = Table {
        title: "Danh sách".into(),
        header: rows[0].clone(),
        rows: rows[1..]
            .iter()
            .map(|r| r.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::text(c) }).collect())
            .collect(),
    };
    let csv = d.join("danh-sach.csv");
    std::fs::write(&csv, table.to_csv()).unwrap();
    let xlsx = d.join("danh-sach.xlsx");
    std::fs::write(&xlsx, dtbd_xlsx::write(std::slice::from_ref(&table)).unwrap()).unwrap();
    for sheet in [&csv, &xlsx] {
        let out = d.join("nhap.json");
        let run = dtbd(&["import-roster", p(sheet), "-o", p(&out)]);
        assert_eq!(run.status.code(), Some(0), "{}{}", text(&run.stdout), text(&run.stderr));
        let report = text(&run.stdout);
        assert!(report.contains("Tên cột ở dòng 4; dữ liệu từ dòng 5."), "{report}");
        assert!(report.contains("Họ và tên → Họ và tên"), "{report}");
        assert!(report.contains("STT → — Bỏ qua —"), "{report}");
        assert!(report.contains("Nhóm theo Đề án 02 → Giữ làm nhãn"), "{report}");
        assert!(report.contains("Trình độ đọc được:"), "{report}");
        assert!(report.contains("→ Thạc sĩ"), "{report}");
        assert!(report.contains("Đơn vị mới ("), "{report}");
        assert!(report.contains(&format!("Kết quả: {people} cán bộ mới")), "{report}");
        let imported = read_back(&out);
        assert_eq!(imported.roster.cadres.len(), people);
        assert!(imported.roster.units.len() > 5);
        assert!(imported.roster.cadres.iter().all(|c| imported.roster.unit(&c.unit_id).is_some()));
        std::fs::remove_file(&out).unwrap();
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn import_roster_lists_rows_it_cannot_read_and_refuses_a_file_that_is_not_a_sheet() {
    let d = dir("import-bad");
    let mut rows = officer_rows();
    rows[6][2] = "năm ngoái".into(); // the third person's Năm sinh
    let csv = d.join("co-loi.csv");
    let body: Vec<String> =
        rows.iter().map(|r| r.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(",")).collect();
    std::fs::write(&csv, body.join("\n")).unwrap();
    let out = d.join("nhap.json");
    let run = dtbd(&["import-roster", p(&csv), "-o", p(&out)]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let report = text(&run.stdout);
    assert!(report.contains("Dòng không nhập (1 dòng):"), "{report}");
    assert!(report.contains("Dòng 7, cột Năm sinh: “năm ngoái” không đọc được thành năm sinh"), "{report}");

    // Not a workbook: named, exit 1, nothing written.
    let fake = d.join("danh-sach.xlsx");
    std::fs::write(&fake, "Họ và tên,Năm sinh\nLò Văn A,1980\n").unwrap();
    let out = d.join("khong-ghi.json");
    let before = listing(&d);
    let run = dtbd(&["import-roster", p(&fake), "-o", p(&out)]);
    assert_eq!(run.status.code(), Some(1));
    let err = text(&run.stderr);
    assert!(err.contains(&format!("tệp {}: Không đọc được tệp Excel (.xlsx) {}", p(&fake), p(&fake))), "{err}");
    assert_eq!(listing(&d), before);
    // A truncated workbook too.
    let cut = d.join("cat-cut.xlsx");
    let table =
        Table { title: "A".into(), header: vec!["Họ và tên".into()], rows: vec![vec![Cell::text("Lò Văn A")]] };
    let whole = dtbd_xlsx::write(&[table]).unwrap();
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    let run = dtbd(&["import-roster", p(&cut), "-o", p(&out)]);
    assert_eq!(run.status.code(), Some(1));
    assert!(text(&run.stderr).contains(&format!("tệp {}: ", p(&cut))));
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn import_roster_takes_the_unit_and_category_a_sheet_lacks_from_the_command_line() {
    let d = dir("import-defaults");
    let csv = d.join("xa.csv");
    std::fs::write(&csv, "Họ và tên,Ngày sinh,Giới tính\nLò Văn An,12/03/1980,Nam\nVàng Thị Bình,1991,Nữ\n").unwrap();
    let out = d.join("xa.json");
    // Without them: the page's message, with the command line's way to give them; nothing written.
    let run = dtbd(&["import-roster", p(&csv), "-o", p(&out)]);
    assert_eq!(run.status.code(), Some(1));
    let err = text(&run.stderr);
    assert!(err.contains(&format!("tệp {}: Chưa có cột cho: Đơn vị công tác, Đối tượng.", p(&csv))), "{err}");
    assert!(err.contains("--unit TÊN-ĐƠN-VỊ, --category MÃ"), "{err}");
    assert!(!out.exists());
    let run = dtbd(&["import-roster", p(&csv), "-o", p(&out), "--unit", "UBND xã Nậm Dịch", "--category", "cong_chuc"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let imported = read_back(&out);
    assert_eq!(imported.roster.units.len(), 1);
    assert_eq!(imported.roster.units[0].name, "UBND xã Nậm Dịch");
    assert_eq!(imported.roster.units[0].level, GovLevel::Commune, "the level read from the name");
    assert_eq!(imported.roster.cadres.len(), 2);
    assert!(imported
        .roster
        .cadres
        .iter()
        .all(|c| c.unit_id == imported.roster.units[0].id && c.category == dtbd_domain::model::Category::CivilServant));
    // A column mapped by hand, and a field that does not exist.
    let run = dtbd(&[
        "import-roster",
        p(&csv),
        "-o",
        p(&out),
        "--unit",
        "Xã A",
        "--category",
        "can_bo",
        "--column",
        "Giới tính=",
    ]);
    assert_eq!(run.status.code(), Some(1), "gender skipped: a required field is missing");
    assert!(text(&run.stdout).contains("Giới tính → — Bỏ qua —"));
    let run = dtbd(&["import-roster", p(&csv), "-o", p(&out), "--column", "Giới tính=gioi"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains("không có trường “gioi”"));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn usage_mistakes_exit_2_in_vietnamese() {
    for args in [&["gop"][..], &["merge", "a.json"], &["report", "a.json"], &["check", "--nhanh"]] {
        let run = dtbd(args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        let err = text(&run.stderr);
        assert!(err.starts_with("dtbd: ") && err.contains("dtbd --help"), "{err}");
    }
    let help = dtbd(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("Mã thoát: 0 xong; 1 có tệp bị từ chối"));
}
