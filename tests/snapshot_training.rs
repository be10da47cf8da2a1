//! Training records in snapshots (schema v3): export, import, merge.

use std::collections::BTreeMap;

use dtbd::domain::directive::Date;
use dtbd::domain::fixtures::generate_roster;
use dtbd::domain::levels::Scale;
use dtbd::domain::model::RecordMeta;
use dtbd::domain::roster::Roster;
use dtbd::domain::snapshot::{
    export, import, import_into, merge, preview, Dataset, ExportScope, ExportedBy, Kind, Resolutions, SnapshotError,
    Status,
};
use dtbd::domain::training::{
    load_plan_data, load_plan_file, ChangeField, Enrollment, EnrollmentStatus, QualificationChange, TrainingRecords,
};

const NOW: i64 = 1_795_000_000_000;

fn public(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public").join(path)).unwrap()
}

fn d(y: u16, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn meta(v: u64) -> RecordMeta {
    RecordMeta::at(v, NOW - 100 + v as i64)
}

/// A roster with the built-in plan (003), the historical tables (004), enrollments and
/// history of a few cadres.
fn dataset() -> Dataset {
    let roster = generate_roster(3, 40, 60);
    let mut training = TrainingRecords::default();
    let f = load_plan_file(&public("plans/003-quang-ngai-ke-hoach-2021.json")).unwrap();
    training.add_plan_file(&f);
    let (data, _) = load_plan_data(&public("plans/004-quang-nam-7328-so-lieu.json")).unwrap();
    training.aggregates = data.tables;
    let line = f.lines[0].id.clone();
    for (i, c) in roster.cadres.iter().take(6).enumerate() {
        training.enrollments.push(Enrollment {
            id: format!("e{i}"),
            cadre_id: c.id.clone(),
            line_id: line.clone(),
            status: if i % 2 == 0 { EnrollmentStatus::Completed } else { EnrollmentStatus::Studying },
            nominated_on: Some(d(2024, 1, 2)),
            started_on: Some(d(2024, 2, 1)),
            ended_on: (i % 2 == 0).then(|| d(2024, 6, 1)),
            quota_part: None,
            out_of_plan: false,
            result: String::new(),
            meta: meta(1 + i as u64),
        });
        training.history.push(QualificationChange {
            id: format!("h{i}"),
            cadre_id: c.id.clone(),
            scale: Scale::Political,
            field: ChangeField::Level,
            before: String::new(),
            after: "so_cap".into(),
            date: d(2024, 6, 1),
            enrollment_id: Some(format!("e{i}")),
            source: String::new(),
            meta: meta(1),
        });
    }
    assert!(!training.plans.is_empty() && !training.lines.is_empty() && !training.aggregates.is_empty());
    Dataset { roster, training, ..Default::default() }.normalised()
}

fn bytes(data: &Dataset, scope: &ExportScope) -> Vec<u8> {
    export(data, scope, ExportedBy::default(), BTreeMap::new(), NOW).unwrap().to_json().into_bytes()
}

#[test]
fn round_trip_with_training_records_is_identity() {
    let data = dataset();
    let imported = import(&bytes(&data, &ExportScope::All), &Roster::default()).unwrap();
    assert_eq!(imported.migrated_from, None);
    let back = imported.snapshot.into_dataset().normalised();
    assert_eq!(back.training, data.training);
    assert_eq!(back, data);
}

#[test]
fn merge_with_itself_is_identity_with_training_records() {
    let a = dataset();
    let out = merge(&a, &a, &Resolutions::default());
    assert!(out.unresolved.is_empty());
    assert_eq!(out.state, a);
    let p = preview(&a, &a);
    assert!(p.changes.is_empty());
    assert_eq!(p.enrollments.unchanged, a.training.enrollments.len());
    assert_eq!(p.counts(Kind::Plan).unchanged, a.training.plans.len());
    assert_eq!(p.counts(Kind::Aggregate).unchanged, a.training.aggregates.len());
}

#[test]
fn a_newer_enrollment_wins_on_either_side() {
    let mine = dataset();
    let mut theirs = mine.clone();
    let e = &mut theirs.training.enrollments[1];
    e.status = EnrollmentStatus::Completed;
    e.ended_on = Some(d(2024, 7, 1));
    e.meta.version += 1;
    let newer = e.clone();
    let out = merge(&mine, &theirs, &Resolutions::default());
    assert_eq!(out.state.training.enrollment(&newer.id), Some(&newer));
    assert_eq!(out.summary.enrollments.changed, 1);
    let ch = out.summary.changes.iter().find(|c| c.kind == Kind::Enrollment).unwrap();
    assert_eq!(ch.status, Status::Changed);
    // The other way round: mine is newer and kept.
    let back = merge(&theirs, &mine, &Resolutions::default());
    assert_eq!(back.state.training.enrollment(&newer.id), Some(&newer));
    assert_eq!(back.summary.enrollments.local_newer, 1);
}

#[test]
fn a_removed_plan_travels_as_a_newer_version() {
    let mine = dataset();
    let mut theirs = mine.clone();
    theirs.training.plans[0].removed = true;
    theirs.training.plans[0].meta.version += 1;
    let out = merge(&mine, &theirs, &Resolutions::default());
    assert!(out.state.training.plans[0].removed);
}

#[test]
fn a_subtree_sends_its_cadres_training_and_what_it_names() {
    let data = dataset();
    let e0 = &data.training.enrollments[0];
    let cadre = data.roster.cadres.iter().find(|c| c.id == e0.cadre_id).unwrap();
    let s = export(&data, &ExportScope::Subtree(cadre.unit_id.clone()), ExportedBy::default(), BTreeMap::new(), NOW)
        .unwrap();
    let r = &s.records;
    let ids: std::collections::HashSet<&str> = r.cadres.iter().map(|c| c.id.as_str()).collect();
    assert!(r.enrollments.iter().any(|e| e.id == e0.id));
    assert!(r.enrollments.iter().all(|e| ids.contains(e.cadre_id.as_str())));
    assert!(r.history.iter().all(|h| ids.contains(h.cadre_id.as_str())));
    assert!(r.lines.iter().all(|l| r.enrollments.iter().any(|e| e.line_id == l.id)));
    assert_eq!(r.plans.len(), 1);
    assert!(r.aggregates.is_empty());
    // It stands on its own.
    import(s.to_json().as_bytes(), &Roster::default()).unwrap();
}

#[test]
fn dangling_and_duplicate_training_records_are_refused() {
    let data = dataset();
    let mut s = export(&data, &ExportScope::All, ExportedBy::default(), BTreeMap::new(), NOW).unwrap();
    s.records.lines.clear();
    s.records.enrollments.push(s.records.enrollments[0].clone());
    let text = s.to_json();
    let errors = import(text.as_bytes(), &Roster::default()).unwrap_err();
    assert!(
        errors.iter().any(|e| matches!(e, SnapshotError::DuplicateId { kind: Kind::Enrollment, .. })),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| matches!(e, SnapshotError::Invalid { error, .. } if error.field == "line_id")),
        "{errors:?}"
    );
    // The receiver holds the lines: only the duplicate is left.
    let errors = import_into(text.as_bytes(), &Roster::default(), &data.training).unwrap_err();
    assert!(errors.iter().all(|e| matches!(e, SnapshotError::DuplicateId { .. })), "{errors:?}");
    // A cadre neither in the file nor on the receiver.
    let mut s = export(&data, &ExportScope::All, ExportedBy::default(), BTreeMap::new(), NOW).unwrap();
    s.records.enrollments[0].cadre_id = "khong-co".into();
    let errors = import(s.to_json().as_bytes(), &Roster::default()).unwrap_err();
    assert!(errors.iter().any(|e| e.message().contains("khong-co")), "{errors:?}");
}
