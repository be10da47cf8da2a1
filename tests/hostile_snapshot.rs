//! Hostile snapshots (issue 15), each built here by the test itself and checked through
//! the same `import` the exchange page calls: shapes that were quadratic (20.000 units under
//! one parent, a chain of 3.000 nested units), strings of megabytes, versions at the top of
//! `u64`, sums that overflow, control characters. Each is refused with a Vietnamese message
//! naming the record, the field and the limit, or accepted, in bounded time — never a panic,
//! never a wrap.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use dtbd::domain::fixtures::unit;
use dtbd::domain::limits;
use dtbd::domain::model::Cadre;
use dtbd::domain::roster::Roster;
use dtbd::domain::snapshot::{export, import, Dataset, ExportScope, ExportedBy, SnapshotError};

const NOW: i64 = 1_795_000_000_000;

/// The file an officer would send holding `data`.
fn file_of(data: &Dataset) -> String {
    let by = ExportedBy { unit_id: None, unit_name: "Huyện Hoàng Su Phì".into(), sender: "Lò Văn A".into() };
    export(data, &ExportScope::All, by, BTreeMap::new(), NOW).expect("an export").to_json()
}

fn roster_file(roster: Roster) -> String {
    file_of(&Dataset { roster, ..Default::default() })
}

fn messages(errors: &[SnapshotError]) -> Vec<String> {
    errors.iter().map(SnapshotError::message).collect()
}

/// Times `f`, failing when it takes longer than `limit` (generous: the debug build, a shared
/// machine; the quadratic checks took minutes).
fn within<T>(limit: Duration, what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took <= limit, "{what}: {took:?}, more than {limit:?}");
    out
}

fn cadre(id: &str, unit_id: &str, name: &str) -> Cadre {
    let mut c = Cadre::blank(id.into(), unit_id.into());
    c.full_name = name.into();
    c
}

#[test]
fn twenty_thousand_siblings_and_their_cadres_check_in_linear_time() {
    let mut units = vec![unit("tinh", "Tỉnh Hà Giang", None)];
    units.extend((0..20_000).map(|i| unit(&format!("w{i}"), &format!("Chi bộ số {i}"), Some("tinh"))));
    let cadres = (0..30_000).map(|i| cadre(&format!("c{i}"), &format!("w{}", i % 20_000), "Lò Văn Sáng")).collect();
    let json = roster_file(Roster { units, cadres });
    let imported = within(Duration::from_secs(60), "20.000 siblings", || import(json.as_bytes(), &Roster::default()));
    let imported = imported.unwrap_or_else(|e| panic!("{:?}", messages(&e)));
    assert_eq!(imported.snapshot.records.units.len(), 20_001);
}

#[test]
fn same_named_siblings_in_a_large_file_are_still_named_and_warned_about() {
    let mut units = vec![unit("tinh", "Tỉnh Hà Giang", None)];
    units.extend((0..10_000).map(|i| unit(&format!("w{i}"), &format!("Chi bộ số {i}"), Some("tinh"))));
    units.push(unit("twin", "CHI BO SO 42", Some("tinh")));
    let json = roster_file(Roster { units, cadres: Vec::new() });
    let errors =
        within(Duration::from_secs(30), "10.000 siblings", || import(json.as_bytes(), &Roster::default())).unwrap_err();
    let m = messages(&errors);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("trùng với đơn vị thứ 44 trong tệp") && m[0].contains("Chi bộ số 42"), "{}", m[0]);

    // The same names on the receiver (other ids): a warning per unit, found through the index.
    let mut mine = Roster { units: vec![unit("tinh", "Tỉnh Hà Giang", None)], cadres: Vec::new() };
    mine.units.extend((0..10_000).map(|i| unit(&format!("old{i}"), &format!("chi bo so {i}"), Some("tinh"))));
    let mut units = vec![unit("tinh", "Tỉnh Hà Giang", None)];
    units.extend((0..10_000).map(|i| unit(&format!("w{i}"), &format!("Chi bộ số {i}"), Some("tinh"))));
    let json = roster_file(Roster { units, cadres: Vec::new() });
    let imported = within(Duration::from_secs(30), "10.000 warnings", || import(json.as_bytes(), &mine)).unwrap();
    assert_eq!(imported.warnings.len(), 10_000);
    assert!(
        imported.warnings[7].contains("mã w7") && imported.warnings[7].contains("mã old7"),
        "{}",
        imported.warnings[7]
    );
}

#[test]
fn a_chain_of_three_thousand_nested_units_is_refused_by_depth_quickly() {
    let chain: Vec<_> = (0..3_000)
        .map(|i| {
            let parent = (i > 0).then(|| format!("c{}", i - 1));
            unit(&format!("c{i}"), &format!("Cấp {i}"), parent.as_deref())
        })
        .collect();
    let json = roster_file(Roster { units: chain, cadres: Vec::new() });
    let errors = within(Duration::from_secs(10), "3.000 nested units", || import(json.as_bytes(), &Roster::default()))
        .unwrap_err();
    let m = messages(&errors);
    let depth = limits::MAX_UNIT_DEPTH;
    assert!(
        m[0].starts_with(&format!("Đơn vị \"Cấp {depth}\" (mã c{depth}), trường parent_id: Đơn vị cấp trên: cây đơn vị sâu đến {} cấp, quá giới hạn {depth} cấp", depth + 1)),
        "{}",
        m[0]
    );
    assert!(m.last().unwrap().starts_with("… và "), "the list is capped: {:?}", m.last());
}

const TEN_MB: usize = 10 * 1024 * 1024;

fn one_unit() -> Roster {
    Roster { units: vec![unit("xa", "Xã Nậm Ty", None)], cadres: vec![cadre("c1", "xa", "Lò Thị Mai")] }
}

#[test]
fn a_ten_megabyte_directive_title_is_refused_quickly_naming_record_field_and_limit() {
    use dtbd::domain::directive::{Directive, DirectiveKind};
    let mut d = Directive::blank("vb1".into(), DirectiveKind::Resolution);
    d.number = "12-NQ/HU".into();
    d.title = "Ạ".repeat(TEN_MB);
    let json = file_of(&Dataset { roster: one_unit(), directives: vec![d], ..Default::default() });
    let errors =
        within(Duration::from_secs(10), "10 MB title", || import(json.as_bytes(), &Roster::default())).unwrap_err();
    let m = messages(&errors);
    assert_eq!(m.len(), 1, "{:?}", m.iter().map(|x| x.chars().take(300).collect::<String>()).collect::<Vec<_>>());
    assert!(m[0].starts_with("Văn bản \"12-NQ/HU ẠẠẠ"), "{}", &m[0][..200]);
    assert!(
        m[0].ends_with("(mã vb1), trường title: Tên văn bản dài 10.485.760 ký tự, quá giới hạn 10.000 ký tự."),
        "{}",
        m[0]
    );
    assert!(m[0].len() < 400, "the message quotes the start of the title only");
}

#[test]
fn a_ten_megabyte_cadre_id_and_sender_are_refused() {
    let mut r = one_unit();
    r.cadres[0].id = "x".repeat(TEN_MB);
    let json = roster_file(r);
    let errors =
        within(Duration::from_secs(10), "10 MB id", || import(json.as_bytes(), &Roster::default())).unwrap_err();
    let m = messages(&errors);
    assert_eq!(m.len(), 1, "{:?}", m.iter().map(|x| x.chars().take(300).collect::<String>()).collect::<Vec<_>>());
    assert!(m[0].starts_with("Cán bộ \"Lò Thị Mai\" (mã xxxx"), "{}", m[0]);
    assert!(m[0].ends_with("trường id: Mã dài 10.485.760 ký tự, quá giới hạn 100 ký tự."), "{}", m[0]);

    let by = ExportedBy { unit_id: None, unit_name: "Xã Nậm Ty".into(), sender: "A".repeat(TEN_MB) };
    let json =
        export(&Dataset { roster: one_unit(), ..Default::default() }, &ExportScope::All, by, BTreeMap::new(), NOW)
            .unwrap()
            .to_json();
    let m = messages(&import(json.as_bytes(), &Roster::default()).unwrap_err());
    assert_eq!(m, ["Tệp, trường exported_by.sender: Người gửi dài 10.485.760 ký tự, quá giới hạn 200 ký tự."]);
}

#[test]
fn every_string_of_a_record_is_bounded_by_its_category() {
    // A unit's name, a cadre's ethnicity, a label's name, a position's title, a note: each
    // one character past its limit, in one file.
    let mut r = one_unit();
    r.units[0].name = "Đ".repeat(limits::MAX_NAME_CHARS + 1);
    let c = &mut r.cadres[0];
    c.ethnicity = "T".repeat(limits::MAX_NAME_CHARS + 1);
    c.note = "n".repeat(limits::MAX_TEXT_CHARS + 1);
    c.labels.insert("Q".repeat(limits::MAX_NAME_CHARS + 1), "Hà Giang".into());
    c.meta.fields.insert(
        "note".into(),
        dtbd::domain::model::FieldStamp {
            device: "d".repeat(limits::MAX_ID_CHARS + 1),
            version: 1,
            at: 0,
            by: String::new(),
        },
    );
    let json = roster_file(r);
    let m = messages(&import(json.as_bytes(), &Roster::default()).unwrap_err());
    let fields: Vec<&str> = m.iter().map(|x| x.split("trường ").nth(1).unwrap().split(':').next().unwrap()).collect();
    assert_eq!(fields, ["name", "ethnicity", "note", "labels", "meta.fields.note.device"], "{m:?}");
    assert!(m[1].contains("Dân tộc dài 201 ký tự, quá giới hạn 200 ký tự."), "{}", m[1]);
    assert!(m[2].contains("Ghi chú dài 2.001 ký tự, quá giới hạn 2.000 ký tự."), "{}", m[2]);
    // At the limit, all pass.
    let mut r = one_unit();
    r.units[0].name = "Đ".repeat(limits::MAX_NAME_CHARS);
    r.cadres[0].note = "n".repeat(limits::MAX_TEXT_CHARS);
    import(roster_file(r).as_bytes(), &Roster::default()).unwrap();
}

#[test]
fn more_records_of_a_kind_than_the_limit_are_refused_before_reading_them() {
    use dtbd::domain::snapshot::{Snapshot, TemplateRef};
    let json = roster_file(one_unit());
    let mut s: Snapshot = serde_json::from_str(&json).unwrap();
    s.records.templates =
        (0..=limits::MAX_DIRECTIVES).map(|i| TemplateRef { id: format!("tpl-{i}"), source: String::new() }).collect();
    let m = messages(&import(s.to_json().as_bytes(), &Roster::default()).unwrap_err());
    assert_eq!(m, ["Tệp, trường records.templates: tệp có 5.001 bản ghi “Văn bản mẫu”, quá giới hạn 5.000 bản ghi."]);
}

#[test]
fn a_version_at_the_top_of_u64_is_refused_and_a_local_edit_is_never_overwritten() {
    use dtbd::domain::model::RecordMeta;
    use dtbd::domain::snapshot::{merge, Resolutions};
    // The story: a file whose cadre is at version 2^64−1 (the wasm build wrapped it
    // to 0 on the next edit, the debug build panicked in `RecordMeta::next`).
    let mut r = one_unit();
    r.cadres[0].meta = RecordMeta::at(u64::MAX, NOW);
    let m = messages(&import(roster_file(r.clone()).as_bytes(), &Roster::default()).unwrap_err());
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].starts_with("Cán bộ \"Lò Thị Mai\" (mã c1), trường meta.version: phiên bản 18.446.744.073.709.551.615 vượt giới hạn 9.007.199.254.740.991"),
        "{}",
        m[0]
    );

    // The highest version accepted: imported, edited once here, then the same file again.
    r.cadres[0].meta = RecordMeta::at(limits::MAX_VERSION, NOW);
    let json = roster_file(r);
    let mut mine = import(json.as_bytes(), &Roster::default()).unwrap().snapshot.into_dataset();
    let mut edited = mine.roster.cadres[0].clone();
    edited.note = "sửa trên máy này".into();
    let saved = mine.roster.save_cadre(edited, NOW + 1).unwrap();
    assert_eq!(saved.meta.version, limits::MAX_VERSION, "checked: no wrap, no step back");
    let again = import(json.as_bytes(), &mine.roster).unwrap().snapshot.into_dataset();
    let out = merge(&mine, &again, &Resolutions::default());
    assert_eq!(out.state.roster.cadres[0].note, "sửa trên máy này", "the local edit stays");
    assert_eq!(out.unresolved.len(), 1, "the tie is asked about, not settled silently: {:?}", out.unresolved);
}

fn public(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public").join(path)).unwrap()
}

#[test]
fn figures_past_the_limits_and_sums_that_would_overflow_are_refused_without_a_panic() {
    use dtbd::domain::training::{load_plan_data, load_plan_file, TrainingRecords};
    let f = load_plan_file(&public("plans/003-quang-ngai-ke-hoach-2021.json")).unwrap();
    let (data, _) = load_plan_data(&public("plans/004-quang-nam-7328-so-lieu.json")).unwrap();
    let mut training = TrainingRecords::default();
    training.add_plan_file(&f);
    training.aggregates = data.tables;
    // The story: a row of 4.294.967.295 + 2 whose printed total is 1 (a u32 sum
    // wrapped to it; the debug build panicked in the import check).
    let table = &mut training.aggregates[0];
    table.rows[0].counts = vec![0; table.columns.len()];
    table.rows[0].counts[0] = u32::MAX;
    table.rows[0].counts[1] = 2;
    table.rows[0].total = 1;
    // A course line's quota parts and a plan's budget parts at the top of their types.
    let line = training.lines.iter_mut().find(|l| !l.quota.parts.is_empty()).expect("a line with quota parts");
    line.quota.parts[0].persons = u32::MAX;
    training.plans[0].budget.parts[0].amount = u64::MAX;
    let json = file_of(&Dataset { roster: one_unit(), training, ..Default::default() });
    let errors = import(json.as_bytes(), &Roster::default()).unwrap_err();
    let m = messages(&errors);
    let has = |needle: &str| m.iter().any(|x| x.contains(needle));
    assert!(has("số 4.294.967.295 quá giới hạn 10.000.000 người"), "{m:#?}");
    assert!(has("trường rows[0].counts[0]"), "{m:#?}");
    assert!(has("trường quota.parts[0].persons"), "{m:#?}");
    assert!(has("số tiền 18.446.744.073.709.551.615 đồng quá giới hạn 1.000.000.000.000.000 đồng"), "{m:#?}");
    assert!(m.iter().all(|x| !x.contains("Tổng 1")), "{m:#?}");
}

#[test]
fn the_statistics_sum_counts_in_u64() {
    use dtbd::domain::training::load_plan_data;
    let (mut data, _) = load_plan_data(&public("plans/004-quang-nam-7328-so-lieu.json")).unwrap();
    let t = &mut data.tables[0];
    for r in &mut t.rows {
        r.counts[0] = u32::MAX;
    }
    let rows = t.rows.len() as u64;
    assert_eq!(t.column_total(0), rows * u64::from(u32::MAX), "never wrapped");
}
