//! Mốc số liệu (baselines) in snapshots (schema v4): export, import, merge, validation, and
//! the v3 → v4 migration on a fixture.

use std::collections::BTreeMap;

use dtbd::domain::demo::{hoang_su_phi, HOANG_SU_PHI_YEAR};
use dtbd::domain::directive::{Date, Directive, RosterIndex};
use dtbd::domain::monitor::{self, freeze, BaselineOrigin, GroupDraft};
use dtbd::domain::roster::Roster;
use dtbd::domain::snapshot::{
    export, import, merge, preview, Dataset, ExportScope, ExportedBy, Kind, Resolutions, SnapshotError, Status,
    SCHEMA_VERSION,
};

const NOW: i64 = 1_795_000_000_000;

fn directive() -> Directive {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/templates/002-hoang-su-phi-02-da-hu.json");
    let mut d = Directive::from_json(&std::fs::read_to_string(p).unwrap()).unwrap();
    // A directive the user keeps (travels in full).
    d.id = "d-hsp".into();
    d.source.clear();
    d
}

fn dataset() -> Dataset {
    let d = directive();
    let (units, cadres) = hoang_su_phi(1);
    let roster = Roster { units, cadres };
    let at = Date::new(HOANG_SU_PHI_YEAR, 2, 3).unwrap();
    let groups: Vec<String> = d.groups.iter().map(|g| g.id.clone()).collect();
    let mut b = freeze("m-1".into(), &d, &RosterIndex::build(&roster), &groups, at);
    b.meta.version = 1;
    b.meta.updated_at = NOW - 10;
    let mut data = Dataset { roster, directives: vec![d], ..Default::default() };
    data.training.baselines.push(b);
    data.normalised()
}

fn bytes(data: &Dataset) -> Vec<u8> {
    export(data, &ExportScope::All, ExportedBy::default(), BTreeMap::new(), NOW).unwrap().to_json().into_bytes()
}

#[test]
fn baselines_travel_and_come_back_identical() {
    let data = dataset();
    let imported = import(&bytes(&data), &Roster::default()).unwrap();
    assert_eq!(imported.snapshot.schema_version, SCHEMA_VERSION);
    assert_eq!(imported.snapshot.records.baselines.len(), 1);
    let back = imported.snapshot.into_dataset().normalised();
    assert_eq!(back.training.baselines, data.training.baselines);
    assert_eq!(back, data);
    // Preview on an empty device: one new baseline, counted under its kind.
    let p = preview(&Dataset::default(), &back);
    assert_eq!(p.counts(Kind::Baseline).new, 1);
    assert!(
        p.changes.iter().any(|c| c.kind == Kind::Baseline
            && c.status == Status::New
            && c.name.starts_with("Chốt số liệu ngày 03/02/")),
        "{:?}",
        p.changes
    );
}

#[test]
fn a_baseline_whose_directive_does_not_travel_stays_home() {
    let mut data = dataset();
    data.directives[0].scope_unit_id = Some("khong-co-don-vi".into());
    let s = export(&data, &ExportScope::All, ExportedBy::default(), BTreeMap::new(), NOW).unwrap();
    assert!(s.records.directives.is_empty());
    assert!(s.records.baselines.is_empty());
}

#[test]
fn newer_version_wins_and_a_removal_travels_and_is_undone_by_a_newer_one() {
    let mine = dataset();
    let mut theirs = mine.clone();
    let b = &mut theirs.training.baselines[0];
    b.note = "Số liệu đã rà soát".into();
    b.meta.version += 1;
    let out = merge(&mine, &theirs, &Resolutions::default());
    assert_eq!(out.state.training.baselines[0].note, "Số liệu đã rà soát");
    assert_eq!(out.summary.counts(Kind::Baseline).changed, 1);
    // Removed there (a newer version with `removed`): removed here too, and not listed.
    let mut removed = theirs.clone();
    removed.training.baselines[0].removed = true;
    removed.training.baselines[0].meta.version += 1;
    let out = merge(&mine, &removed, &Resolutions::default());
    assert!(out.state.training.baselines[0].removed);
    assert!(monitor::of_directive(&out.state.training.baselines, "d-hsp").is_empty());
    // Undone here later (newer again): the undo wins over the older removal.
    let mut undone = out.state.clone();
    undone.training.baselines[0].removed = false;
    undone.training.baselines[0].meta.version += 1;
    let again = merge(&undone, &removed, &Resolutions::default());
    assert!(!again.state.training.baselines[0].removed);
    assert_eq!(again.summary.counts(Kind::Baseline).local_newer, 1);
    // Same version, different content: a conflict the user resolves.
    let mut other = mine.clone();
    other.training.baselines[0].note = "khác".into();
    let p = preview(&mine, &other);
    assert_eq!(p.counts(Kind::Baseline).conflicts, 1);
}

#[test]
fn a_bad_baseline_is_refused_with_a_message_naming_it() {
    let data = dataset();
    let mut s = export(&data, &ExportScope::All, ExportedBy::default(), BTreeMap::new(), NOW).unwrap();
    let g = &mut s.records.baselines[0].groups[0];
    g.figures[0].count = g.total + 5;
    let total = g.total;
    s.records.baselines.push(s.records.baselines[0].clone());
    let mut orphan = s.records.baselines[0].clone();
    orphan.id = "m-orphan".into();
    orphan.directive_id = "khong-co".into();
    orphan.groups.clear();
    s.records.baselines.push(orphan);
    let errors = import(s.to_json().as_bytes(), &Roster::default()).unwrap_err();
    let text: Vec<String> = errors.iter().map(SnapshotError::message).collect();
    assert!(errors.iter().any(|e| matches!(e, SnapshotError::DuplicateId { kind: Kind::Baseline, .. })), "{text:?}");
    assert!(
        text.iter().any(|m| m.contains(&format!("nhiều hơn tổng số {total} người")) && m.contains("Mốc số liệu")),
        "{text:?}"
    );
    assert!(text.iter().any(|m| m.contains("văn bản mã \"khong-co\" không có trong tệp")), "{text:?}");
    // A count that is not a number is a type error naming the baseline list.
    let text = String::from_utf8(bytes(&data)).unwrap().replacen("\"count\":", "\"count\":\"nhiều\",\"x\":", 1);
    let errors = import(text.as_bytes(), &Roster::default()).unwrap_err();
    assert!(
        errors.iter().any(|e| matches!(e, SnapshotError::ChecksumMismatch | SnapshotError::WrongType { .. })),
        "{errors:?}"
    );
}

#[test]
fn v3_fixture_upgrades_to_v4_with_an_empty_baseline_list() {
    let bytes = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshot-v3.json"))
        .unwrap();
    let imported = import(&bytes, &Roster::default()).unwrap();
    assert_eq!(imported.migrated_from, Some(3));
    let r = &imported.snapshot.records;
    assert_eq!(imported.snapshot.schema_version, dtbd_domain::snapshot::SCHEMA_VERSION);
    assert!(r.baselines.is_empty());
    assert_eq!(r.history.len(), 1, "the v3 records are kept");
    assert_eq!(r.history[0].source, "Quyết định 12/QĐ-UBND");
    assert_eq!(r.cadres.len(), 2);
    let again = import(imported.snapshot.to_json().as_bytes(), &Roster::default()).unwrap();
    assert_eq!(again.migrated_from, None);
    assert_eq!(again.snapshot.records, imported.snapshot.records);
}

#[test]
fn the_entered_form_names_each_bad_field_and_reads_a_good_one() {
    let d = directive();
    let (g1, g2) = (d.groups[0].id.clone(), d.groups[1].id.clone());
    let row = |g: &str, total: &str, counts: &[(&str, &str)]| GroupDraft {
        group_id: g.into(),
        total: total.into(),
        counts: counts.iter().map(|(c, v)| (c.to_string(), v.to_string())).collect(),
    };
    let e = monitor::entered(
        "m".into(),
        &d,
        "20x5",
        "",
        &[row(&g1, "40", &[("cm_dai_hoc", "45")]), row(&g2, "", &[("llct_cao_cap", "3")])],
    )
    .unwrap_err();
    let fields: Vec<&str> = e.iter().map(|x| x.field.as_str()).collect();
    assert_eq!(
        fields,
        ["year".to_string(), format!("{g1}.cm_dai_hoc"), format!("{g2}.total")]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    assert!(e[0].message.contains("\"20x5\" không phải một năm"), "{e:?}");
    assert!(
        e[1].message.contains("trình độ chuyên môn đại học và sau đại học: 45 người, nhiều hơn tổng số 40 người"),
        "{e:?}"
    );
    assert!(e[2].message.contains("cần nhập tổng số người"), "{e:?}");
    let e = monitor::entered("m".into(), &d, "2015", "", &[row(&g1, "bốn", &[])]).unwrap_err();
    assert_eq!(e[0].field, format!("{g1}.total"));
    assert!(monitor::entered("m".into(), &d, "2015", "", &[row(&g1, "", &[])]).unwrap_err()[0]
        .message
        .contains("ít nhất một nhóm"));
    let b = monitor::entered(
        "m".into(),
        &d,
        " 2015 ",
        "Báo cáo năm 2015",
        &[row(&g1, "40", &[("cm_dai_hoc", "30"), ("llct_cao_cap", "")])],
    )
    .unwrap();
    assert_eq!(b.origin, BaselineOrigin::Entered);
    assert_eq!(b.date, Date::end_of_year(2015));
    assert_eq!(b.groups.len(), 1);
    assert_eq!(b.groups[0].total, 40);
    assert_eq!(b.groups[0].figures.len(), 1, "an empty count is 'no figure', not zero");
    assert_eq!(b.groups[0].tenths("cm_dai_hoc"), Some(750));
    assert_eq!(monitor::title(&b), "Số liệu năm 2015 (nhập tay)");
}

#[test]
fn v4_fixture_upgrades_to_v5_and_keeps_every_record() {
    let bytes = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshot-v4.json"))
        .unwrap();
    let imported = import(&bytes, &Roster::default()).unwrap();
    assert_eq!(imported.migrated_from, Some(4));
    assert_eq!(imported.snapshot.schema_version, SCHEMA_VERSION);
    let r = &imported.snapshot.records;
    assert_eq!((r.cadres.len(), r.history.len()), (2, 1));
    assert!(r.cadres.iter().all(|c| c.meta.fields.is_empty() && c.meta.seen.is_empty()), "no stamps in a v4 file");
    let again = import(imported.snapshot.to_json().as_bytes(), &Roster::default()).unwrap();
    assert_eq!(again.migrated_from, None);
    assert_eq!(again.snapshot.records, imported.snapshot.records);
}

#[test]
fn v5_fixture_upgrades_to_v6_with_no_origin_and_no_receipt() {
    let bytes = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshot-v5.json"))
        .unwrap();
    let imported = import(&bytes, &Roster::default()).unwrap();
    assert_eq!(imported.migrated_from, Some(5));
    assert_eq!(imported.snapshot.schema_version, 6);
    let r = &imported.snapshot.records;
    assert!(r.receipts.is_empty());
    assert!(r.units.iter().map(|u| &u.meta).chain(r.cadres.iter().map(|c| &c.meta)).all(|m| m.origin.is_none()));
    // The v5 stamps survive the step.
    let stamped = r.cadres.iter().find(|c| !c.meta.fields.is_empty()).expect("the fixture's stamped cadre");
    assert_eq!(stamped.meta.fields["note"].by, "Lò Văn Minh - Văn phòng Đảng ủy");
    let again = import(imported.snapshot.to_json().as_bytes(), &Roster::default()).unwrap();
    assert_eq!(again.migrated_from, None);
    assert_eq!(again.snapshot.records, imported.snapshot.records);
}
