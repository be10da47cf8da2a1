//! The store against a real IndexedDB in headless Chromium: write, close, reopen, read back.
//! Run with `cargo test --target wasm32-unknown-unknown --test store_idb` (the Makefile does).
#![cfg(target_arch = "wasm32")]

use dtbd::domain::directive::Directive;
use dtbd::domain::levels::{Political, Professional};
use dtbd::domain::model::{Cadre, GovLevel, Leadership, Position, RecordMeta, Region, Unit, UnitKind};
use dtbd::domain::roster::Roster;
use dtbd::domain::roster::Tombstone;
use dtbd::domain::snapshot::{self, Dataset, ExportScope, ExportedBy, Resolutions};
use dtbd::domain::training::TrainingRecords;
use dtbd::store::{fail_next_write, Backup, BackupReason, Db, BACKUPS_KEPT, DB_NAME};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn unit(id: &str) -> Unit {
    Unit {
        id: id.into(),
        name: format!("Đơn vị {id}"),
        level: GovLevel::Commune,
        kind: UnitKind::Government,
        region: Region::Mountain,
        parent_id: None,
        meta: RecordMeta::default(),
    }
}

fn cadre(id: &str, name: &str) -> Cadre {
    let mut c = Cadre::blank(id.into(), "u1".into());
    c.full_name = name.into();
    c.professional.level = Professional::Bachelor;
    c.professional.studying = Some(Professional::Master);
    c.political.level = Political::Intermediate;
    c.positions
        .push(Position { unit_id: "u1".into(), title: "Chủ tịch UBND xã".into(), leadership: Leadership::Head });
    c
}

async fn fresh(name: &str) -> Db {
    Db::delete_database(name).await.unwrap();
    Db::open(name).await.unwrap()
}

#[wasm_bindgen_test]
async fn roster_survives_close_and_reopen() {
    let name = "dtbd-test-roundtrip";
    let db = fresh(name).await;
    let mut roster = Roster::default();
    let u = roster.save_unit(unit("u1"), 1).unwrap();
    let a = roster.save_cadre(cadre("a", "Nguyễn Văn Đức"), 2).unwrap();
    let b = roster.save_cadre(cadre("b", "Lò Thị Mai"), 3).unwrap();
    db.put_unit(&u).await.unwrap();
    db.put_all(&[], &[a.clone(), b.clone()]).await.unwrap();
    db.close();

    let db = Db::open(name).await.unwrap();
    let mut back = db.load_roster().await.unwrap();
    back.cadres.sort_by(|x, y| x.id.cmp(&y.id));
    assert_eq!(back.units, vec![u]);
    assert_eq!(back.cadres, vec![a, b]);
    db.close();
}

#[wasm_bindgen_test]
async fn delete_keeps_a_tombstone_and_undo_restores() {
    let name = "dtbd-test-tombstone";
    let db = fresh(name).await;
    let mut roster = Roster::default();
    db.put_unit(&roster.save_unit(unit("u1"), 1).unwrap()).await.unwrap();
    db.put_cadre(&roster.save_cadre(cadre("a", "Vàng A Sình"), 2).unwrap()).await.unwrap();

    let t = roster.delete_cadre("a", 3).unwrap();
    db.delete_with_tombstone(&t).await.unwrap();
    db.close();
    let db = Db::open(name).await.unwrap();
    assert!(db.load_roster().await.unwrap().cadres.is_empty());
    let stones = db.tombstones().await.unwrap();
    assert_eq!(stones.len(), 1);
    assert_eq!(stones[0].id, "a");

    roster.restore(&stones[0], 4).unwrap();
    db.restore_cadre(roster.cadre("a").unwrap()).await.unwrap();
    db.close();
    let db = Db::open(name).await.unwrap();
    let back = db.load_roster().await.unwrap();
    assert_eq!(back.cadres.len(), 1);
    assert_eq!(back.cadres[0].full_name, "Vàng A Sình");
    assert_eq!(back.cadres[0].meta.version, 3);
    assert!(db.tombstones().await.unwrap().is_empty());
    db.close();
}

#[wasm_bindgen_test]
async fn the_app_database_name_is_stable() {
    // Renaming the database would silently hide every user's data.
    assert_eq!(DB_NAME, "dtbd");
}

/// A device's data, with records of EVERY kind the store keeps (see
/// `the_fixture_holds_every_record_kind`): two units, two cadres, a user directive, a
/// tombstone, and training records (a plan, one of its lines, an enrollment, a qualification
/// change, a historical table, a baseline of the directive).
fn device(tag: &str) -> Dataset {
    use dtbd::domain::directive::{Date, RosterIndex};
    use dtbd::domain::levels::{Political as P, Scale};
    use dtbd::domain::training::{ChangeField, QualificationChange};
    let mut roster = Roster::default();
    roster.save_unit(unit("u1"), 1).unwrap();
    roster.save_unit(Unit { parent_id: Some("u1".into()), ..unit(&format!("u2{tag}")) }, 2).unwrap();
    roster.save_cadre(cadre(&format!("a{tag}"), "Nguyễn Văn Đức"), 3).unwrap();
    // Text a JSON splitter could trip over: quotes, backslashes, brackets, commas, colons.
    let mut b = cadre(&format!("b{tag}"), "Lò Thị Mai");
    b.note = r#"Ghi chú: "ngoặc kép", \ gạch chéo, ]}{[ ngoặc, \" và ,: hết"#.into();
    roster.save_cadre(b, 4).unwrap();
    roster.save_cadre(cadre(&format!("x{tag}"), "Giàng A Páo"), 5).unwrap();
    let t = roster.delete_cadre(&format!("x{tag}"), 6).unwrap();
    let mut d = Directive::from_json(include_str!("../public/templates/002-hoang-su-phi-02-da-hu.json"))
        .unwrap()
        .copy_as(format!("d{tag}"));
    d.meta.version = 1;
    let f = dtbd::domain::training::load_plan_file(include_str!("../public/plans/003-quang-ngai-ke-hoach-2021.json"))
        .unwrap();
    let mut plan = f.plan.clone();
    plan.id = format!("p{tag}");
    let mut line = f.lines[0].clone();
    line.id = format!("l{tag}");
    line.plan_id = plan.id.clone();
    let enrollment = dtbd::domain::training::Enrollment {
        id: format!("e{tag}"),
        cadre_id: format!("a{tag}"),
        line_id: line.id.clone(),
        status: dtbd::domain::training::EnrollmentStatus::Studying,
        nominated_on: None,
        started_on: dtbd::domain::directive::Date::new(2024, 3, 1),
        ended_on: None,
        quota_part: None,
        out_of_plan: false,
        result: String::new(),
        meta: RecordMeta::at(1, 7),
    };
    let history = QualificationChange {
        id: format!("h{tag}"),
        cadre_id: format!("a{tag}"),
        scale: Scale::Political,
        field: ChangeField::Level,
        before: P::Intermediate.code().into(),
        after: P::Advanced.code().into(),
        date: Date::new(2024, 6, 1).unwrap(),
        enrollment_id: Some(format!("e{tag}")),
        source: "Hoàn thành: Cao cấp lý luận chính trị".into(),
        meta: RecordMeta::at(1, 8),
    };
    let data = dtbd::domain::training::load_plan_data(include_str!("../public/plans/004-quang-nam-7328-so-lieu.json"))
        .unwrap()
        .0;
    let mut table = data.tables[0].clone();
    table.id = format!("t{tag}");
    table.meta = RecordMeta::at(1, 9);
    let groups: Vec<String> = d.groups.iter().map(|g| g.id.clone()).collect();
    let mut baseline = dtbd::domain::monitor::freeze(
        format!("m{tag}"),
        &d,
        &RosterIndex::build(&roster),
        &groups,
        Date::new(2026, 1, 5).unwrap(),
    );
    baseline.note = "Số liệu chốt đầu năm".into();
    baseline.meta = RecordMeta::at(1, 10);
    let training = TrainingRecords {
        plans: vec![plan],
        lines: vec![line],
        enrollments: vec![enrollment],
        history: vec![history],
        aggregates: vec![table],
        baselines: vec![baseline],
    };
    let receipt = dtbd::domain::snapshot::Receipt {
        id: format!("nhan-{tag}"),
        unit_id: Some(format!("u1{tag}")),
        unit_name: "Xã Nậm Sơn".into(),
        sender: "Lò Văn A - Văn phòng Đảng ủy".into(),
        exported_at: 11,
        received_at: 12,
        data_at: 10,
        file_name: "dtbd-xa-nam-son-2026-12-01-0930.json".into(),
        counts: Default::default(),
        meta: RecordMeta::at(1, 12),
    };
    Dataset { roster, directives: vec![d], tombstones: vec![t], training, receipts: vec![receipt] }.normalised()
}

async fn write_all(db: &Db, data: &Dataset) {
    let empty = Dataset::default();
    db.apply_import(&empty, data, &Backup::of(&empty, BackupReason::Import, "seed", "")).await.unwrap();
}

#[wasm_bindgen_test]
async fn apply_import_writes_everything_in_one_transaction_with_a_backup() {
    let name = "dtbd-test-apply";
    let db = fresh(name).await;
    let mine = device("");
    write_all(&db, &mine).await;
    assert_eq!(db.load_dataset().await.unwrap().normalised(), mine);

    // Their file: their own records, and one of mine edited with a newer version.
    let mut theirs = device("-b");
    let mut edited = mine.roster.cadre("a").unwrap().clone();
    edited.full_name = "Nguyễn Văn Đức (đã sửa)".into();
    edited.meta.version += 1;
    theirs.roster.cadres.push(edited);
    let file =
        snapshot::export(&theirs, &ExportScope::All, ExportedBy::default(), Default::default(), 10).unwrap().to_json();
    let imported = snapshot::import(file.as_bytes(), &mine.roster).unwrap();
    let outcome = snapshot::merge(&mine, &imported.snapshot.into_dataset(), &Resolutions::default());
    assert!(outcome.unresolved.is_empty());
    let backup = Backup::of(&mine, BackupReason::Import, "dtbd-b.json", "B");
    db.apply_import(&mine, &outcome.state, &backup).await.unwrap();
    db.close();

    let db = Db::open(name).await.unwrap();
    let after = db.load_dataset().await.unwrap().normalised();
    assert_eq!(after, outcome.state.clone().normalised());
    assert_eq!(after.roster.cadre("a").unwrap().full_name, "Nguyễn Văn Đức (đã sửa)");
    assert!(after.roster.cadre("a-b").is_some() && after.roster.cadre("b").is_some());
    let list = db.backups().await.unwrap();
    assert_eq!(list.len(), 2, "the seed's and this import's");
    let b = list.iter().find(|b| b.id == backup.id).unwrap();
    assert_eq!(b, &backup);
    assert_eq!((b.cadres, b.units, b.directives, b.tombstones, b.training), (2, 2, 1, 1, 6));
    assert!(
        after.training.enrollment("e-b").is_some() && after.training.line("l-b").is_some(),
        "their training records"
    );
    assert_eq!(db.backup_data(&backup.id).await.unwrap().normalised(), mine);
    db.close();
}

#[wasm_bindgen_test]
async fn a_failed_import_writes_nothing() {
    let name = "dtbd-test-apply-fails";
    let db = fresh(name).await;
    let mine = device("");
    write_all(&db, &mine).await;
    let backups_before = db.backups().await.unwrap();

    let theirs = device("-b");
    let outcome = snapshot::merge(&mine, &theirs, &Resolutions::default());
    fail_next_write();
    let e = db
        .apply_import(&mine, &outcome.state, &Backup::of(&mine, BackupReason::Import, "x.json", ""))
        .await
        .unwrap_err();
    assert!(e.0.contains("bộ nhớ của trình duyệt đã đầy"), "{e}");
    db.close();

    let db = Db::open(name).await.unwrap();
    assert_eq!(db.load_dataset().await.unwrap().normalised(), mine, "no record written");
    assert_eq!(db.backups().await.unwrap(), backups_before, "no backup written");
    db.close();
}

#[wasm_bindgen_test]
async fn restoring_a_backup_gives_back_the_exact_previous_state_and_can_be_undone() {
    let name = "dtbd-test-restore";
    let db = fresh(name).await;
    let mine = device("");
    write_all(&db, &mine).await;
    let theirs = device("-b");
    let outcome = snapshot::merge(&mine, &theirs, &Resolutions::all_theirs());
    let before_import = Backup::of(&mine, BackupReason::Import, "b.json", "");
    db.apply_import(&mine, &outcome.state, &before_import).await.unwrap();
    db.close();

    // Undo the import, after a reopen.
    let db = Db::open(name).await.unwrap();
    let current = db.load_dataset().await.unwrap();
    let before_restore = Backup::of(&current, BackupReason::Restore, "b.json", "");
    let restored = db.restore_backup(&before_import.id, &current, &before_restore).await.unwrap();
    assert_eq!(restored.normalised(), mine);
    db.close();
    let db = Db::open(name).await.unwrap();
    assert_eq!(db.load_dataset().await.unwrap().normalised(), mine, "exactly the state before the import");

    // The restore made a backup too: restoring it redoes the import.
    let current = db.load_dataset().await.unwrap();
    db.restore_backup(&before_restore.id, &current, &Backup::of(&current, BackupReason::Restore, "", ""))
        .await
        .unwrap();
    db.close();
    let db = Db::open(name).await.unwrap();
    assert_eq!(db.load_dataset().await.unwrap().normalised(), outcome.state.normalised());
    db.close();
}

#[wasm_bindgen_test]
async fn only_the_newest_backups_are_kept() {
    let name = "dtbd-test-backups-kept";
    let db = fresh(name).await;
    let data = device("");
    write_all(&db, &data).await;
    for i in 0..BACKUPS_KEPT + 2 {
        let b = Backup {
            id: format!("{:015}-t", 9_000_000_000_000u64 + i as u64),
            ..Backup::of(&data, BackupReason::Import, format!("f{i}.json"), "")
        };
        db.apply_import(&data, &data, &b).await.unwrap();
    }
    let list = db.backups().await.unwrap();
    assert_eq!(list.len(), BACKUPS_KEPT);
    assert_eq!(list[0].source, format!("f{}.json", BACKUPS_KEPT + 1));
    db.close();
}

/// A training operation's `Change` (cadre + enrollments + history) lands in one transaction,
/// survives close and reopen, and its undo puts every record back.
#[wasm_bindgen_test]
async fn a_training_change_and_its_undo_survive_reopen() {
    use dtbd::domain::directive::{Date, RosterIndex};
    use dtbd::domain::training::{self, EnrollmentStatus, TrainingRecords};
    let name = "dtbd-test-training";
    let db = fresh(name).await;
    let file = training::load_plan_file(include_str!("../public/plans/003-quang-ngai-ke-hoach-2021.json")).unwrap();
    db.put_plan_templates(std::slice::from_ref(&file.plan), &file.lines, &[]).await.unwrap();
    let mut roster = Roster::default();
    roster.save_unit(unit("u1"), 1).unwrap();
    let a = roster.save_cadre(cadre("a", "Nguyễn Văn Đức"), 2).unwrap();
    db.put_all(&roster.units, std::slice::from_ref(&a)).await.unwrap();
    let recs0 = db.load_training().await.unwrap();
    assert_eq!(recs0.plans.len(), 1);
    assert_eq!(recs0.lines.len(), file.lines.len());
    let line = &file.lines[0];
    let on = Date::new(2021, 3, 1).unwrap();
    let mut n = 0;
    let mut ids = || {
        n += 1;
        format!("id-{n}")
    };

    let mut recs = recs0.clone();
    let nom =
        training::nominate(&RosterIndex::build(&roster), &[], &recs, &line.id, &["a".to_string()], on, 10, &mut ids)
            .unwrap();
    db.apply_change(&nom.change).await.unwrap();
    training::apply(&nom.change, &mut roster, &mut recs);
    let eid = recs.enrollments[0].id.clone();
    let st = training::start(&roster, &recs, std::slice::from_ref(&eid), on, 11, &mut ids).unwrap();
    db.apply_change(&st.change).await.unwrap();
    training::apply(&st.change, &mut roster, &mut recs);
    let done = training::complete(
        &roster,
        &recs,
        std::slice::from_ref(&eid),
        Date::new(2021, 12, 1).unwrap(),
        "",
        12,
        &mut ids,
    )
    .unwrap();
    db.apply_change(&done.change).await.unwrap();
    training::apply(&done.change, &mut roster, &mut recs);
    assert!(!recs.history.is_empty());
    db.close();

    let db = Db::open(name).await.unwrap();
    let back: TrainingRecords = db.load_training().await.unwrap();
    assert_eq!(unstamped(&back.enrollments), unstamped(&recs.enrollments));
    assert_eq!(back.enrollments[0].status, EnrollmentStatus::Completed);
    let mut h = back.history.clone();
    h.sort_by(|x, y| x.id.cmp(&y.id));
    let mut want = recs.history.clone();
    want.sort_by(|x, y| x.id.cmp(&y.id));
    assert_eq!(h, want);
    assert_eq!(unstamped(&db.load_roster().await.unwrap().cadre("a")), unstamped(&roster.cadre("a")));

    // Hoàn tác the completion: the enrollment is đang học again, the history entries go.
    let before_done = back.clone();
    let undo = done.undo(13);
    db.apply_change(&undo).await.unwrap();
    db.close();
    let db = Db::open(name).await.unwrap();
    let back = db.load_training().await.unwrap();
    assert_eq!(back.enrollments[0].status, EnrollmentStatus::Studying);
    assert!(back.history.len() < before_done.history.len());
    let c = db.load_roster().await.unwrap().cadre("a").cloned().unwrap();
    // The cadre is back as the start left them: đang học cao cấp, level unchanged.
    assert_eq!(c.political, st.change.cadres[0].political);
    db.close();
}

#[wasm_bindgen_test]
async fn an_encrypted_snapshot_opens_with_its_passphrase_only() {
    use dtbd::domain::envelope;
    use dtbd::store::crypto;
    let plain = "{\"format\":\"dtbd-snapshot\",\"tên\":\"Lò Thị Mai\"}".as_bytes();
    let sealed = crypto::encrypt(plain, "mật khẩu đúng").await.unwrap();
    assert!(envelope::is_envelope(sealed.as_bytes()));
    assert!(!sealed.contains("Lò Thị Mai"), "nothing in clear");
    let parts = envelope::parse(sealed.as_bytes()).unwrap();
    assert_eq!(parts.iterations, 600_000);
    assert_eq!(parts.ciphertext.len(), plain.len() + envelope::TAG_LEN);
    assert_eq!(crypto::decrypt(&parts, "mật khẩu đúng").await.unwrap(), plain);
    let wrong = crypto::decrypt(&parts, "mật khẩu sai!").await.unwrap_err();
    assert_eq!(wrong.0, envelope::WRONG_PASSPHRASE);
    // Fresh salt and IV every time: the same text encrypts differently.
    let again = envelope::parse(crypto::encrypt(plain, "mật khẩu đúng").await.unwrap().as_bytes()).unwrap();
    assert_ne!(again.salt, parts.salt);
    assert_ne!(again.iv, parts.iv);
    // A changed byte fails like a wrong passphrase.
    let mut bad = parts.clone();
    bad.ciphertext[0] ^= 1;
    assert_eq!(crypto::decrypt(&bad, "mật khẩu đúng").await.unwrap_err().0, envelope::WRONG_PASSPHRASE);
}

#[wasm_bindgen_test]
async fn a_save_over_a_newer_version_is_refused_inside_the_transaction() {
    use dtbd::store::SaveError;
    let name = "dtbd-test-versions";
    let db = fresh(name).await;
    let mut roster = Roster::default();
    db.put_unit(&roster.save_unit(unit("u1"), 1).unwrap()).await.unwrap();
    let opened = roster.save_cadre(cadre("a", "Nguyễn Văn Đức"), 2).unwrap();
    db.put_cadre_checked(&opened, None).await.unwrap();
    // Two tabs opened version 1; each bumps to version 2 on its own copy.
    let (mut tab_a, mut tab_b) = (roster.clone(), roster.clone());
    let mut first = opened.clone();
    first.note = "thẻ thứ nhất".into();
    let first = tab_a.save_cadre(first, 3).unwrap();
    let mut second = opened.clone();
    second.note = "thẻ thứ hai".into();
    let second = tab_b.save_cadre(second, 4).unwrap();
    assert_eq!((first.meta.version, second.meta.version), (2, 2));
    let first = db.put_cadre_checked(&first, None).await.unwrap();
    match db.put_cadre_checked(&second, None).await {
        Err(SaveError::Conflict(Some(stored))) => assert_eq!(stored, first),
        other => panic!("expected a conflict, got {other:?}"),
    }
    // A new record over an existing id is a conflict too; a deleted one reports None.
    let mut clash = cadre("a", "Trùng mã");
    clash.meta.version = 1;
    assert!(matches!(db.put_cadre_checked(&clash, None).await, Err(SaveError::Conflict(Some(_)))));
    let mut gone = cadre("z", "Đã xóa");
    gone.meta.version = 5;
    assert!(matches!(db.put_cadre_checked(&gone, None).await, Err(SaveError::Conflict(None))));
    db.close();
    let db = Db::open(name).await.unwrap();
    assert_eq!(db.load_roster().await.unwrap().cadres, vec![first], "the second save wrote nothing");
    db.close();
}

#[wasm_bindgen_test]
async fn a_bulk_edit_and_its_undo_are_one_transaction_each_and_a_conflict_writes_none() {
    use dtbd::domain::bulk::{apply, undo, BulkChange};
    use dtbd::store::SaveError;
    let name = "dtbd-test-bulk";
    let db = fresh(name).await;
    let mut roster = Roster::default();
    db.put_unit(&roster.save_unit(unit("u1"), 1).unwrap()).await.unwrap();
    let people: Vec<Cadre> =
        (0..40).map(|i| roster.save_cadre(cadre(&format!("c{i:02}"), &format!("Người {i}")), 2).unwrap()).collect();
    db.put_all(&[], &people).await.unwrap();
    let ids: Vec<String> = people.iter().map(|c| c.id.clone()).collect();
    let sorted = |mut r: Roster| {
        r.cadres.sort_by(|a, b| a.id.cmp(&b.id));
        r.cadres.iter_mut().for_each(|c| unstamp(&mut c.meta));
        r.cadres
    };

    let done = apply(&roster, &ids, &BulkChange::SetLocal(true), 3);
    assert_eq!(done.changed.len(), 40);
    db.put_cadres_checked(&done.changed, &[]).await.unwrap();
    done.write_into(&mut roster);
    assert_eq!(sorted(db.load_roster().await.unwrap()), roster.cadres);

    // Another tab saves one of them before the undo: the undo writes nobody, not 39.
    let mut other = roster.clone();
    let mut edited = other.cadres[7].clone();
    edited.note = "thẻ khác".into();
    db.put_cadre_checked(&other.save_cadre(edited, 4).unwrap(), None).await.unwrap();
    let stale = undo(&roster, &done, 5);
    match db.put_cadres_checked(&stale.changed, &[]).await {
        Err(SaveError::Conflict(Some(stored))) => assert_eq!(stored.note, "thẻ khác"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(sorted(db.load_roster().await.unwrap()), other.cadres, "nothing of the stale undo written");

    // Undone against what is stored: 39 back as new versions, the one edited since kept.
    let undone = undo(&other, &done, 6);
    assert_eq!((undone.changed.len(), undone.refused.len()), (39, 1));
    db.put_cadres_checked(&undone.changed, &[]).await.unwrap();
    undone.write_into(&mut other);
    db.close();
    let db = Db::open(name).await.unwrap();
    let back = sorted(db.load_roster().await.unwrap());
    assert_eq!(back, other.cadres);
    assert_eq!(back.iter().filter(|c| !c.local && c.meta.version == 3).count(), 39);
    db.close();
}

#[wasm_bindgen_test]
async fn a_failed_save_or_a_closed_database_leaves_the_previous_state() {
    use dtbd::store::SaveError;
    let name = "dtbd-test-failed-save";
    let db = fresh(name).await;
    let mut roster = Roster::default();
    db.put_unit(&roster.save_unit(unit("u1"), 1).unwrap()).await.unwrap();
    let v1 = roster.save_cadre(cadre("a", "Vàng A Sình"), 2).unwrap();
    db.put_cadre_checked(&v1, None).await.unwrap();
    let mut edit = v1.clone();
    edit.full_name = "Vàng A Sình (sửa)".into();
    let v2 = roster.clone().save_cadre(edit, 3).unwrap();
    fail_next_write();
    match db.put_cadre_checked(&v2, None).await {
        Err(SaveError::Store(e)) => {
            assert!(e.0.contains("bộ nhớ của trình duyệt đã đầy") && e.0.contains("Dữ liệu cũ vẫn còn nguyên"), "{e}")
        }
        other => panic!("expected a storage error, got {other:?}"),
    }
    assert_eq!(db.load_roster().await.unwrap().cadres, vec![v1.clone()]);
    // The connection closed under the page (browser shutting it, another version): refused.
    db.close();
    let e = db.put_cadre(&v2).await.unwrap_err();
    assert!(e.0.starts_with("Không lưu được: kết nối tới dữ liệu trên máy đã đóng"), "{e}");
    assert!(e.0.contains("Dữ liệu cũ vẫn còn nguyên; hãy tải lại trang"), "{e}");
    assert!(matches!(db.put_cadre_checked(&v2, None).await, Err(SaveError::Store(_))));
    let db = Db::open(name).await.unwrap();
    assert_eq!(db.load_roster().await.unwrap().cadres, vec![v1], "previous state intact");
    db.close();
}

#[wasm_bindgen_test]
async fn every_committed_write_is_announced_to_the_other_pages() {
    use wasm_bindgen::prelude::*;
    let name = "dtbd-test-broadcast";
    let db = fresh(name).await;
    // Another page's channel object: it hears what this page's store announces.
    let other = web_sys::BroadcastChannel::new("dtbd-writes").unwrap();
    let heard = js_sys::Promise::new(&mut |resolve, _| {
        let cb = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &ev.data());
        });
        other.set_onmessage(Some(cb.as_ref().unchecked_ref()));
        cb.forget();
    });
    let mut roster = Roster::default();
    db.put_unit(&roster.save_unit(unit("u1"), 1).unwrap()).await.unwrap();
    let text = wasm_bindgen_futures::JsFuture::from(heard).await.unwrap().as_string().unwrap();
    let w = dtbd::store::broadcast::Written::from_text(&text);
    assert!(w.touches("units") && !w.touches("cadres"));
    assert_eq!(w.ids, vec!["u1".to_string()]);
    other.close();
    db.close();
}

#[wasm_bindgen_test]
async fn a_roster_file_import_is_one_transaction_with_a_backup_and_undo() {
    use dtbd::domain::roster_import::{self as ri, ImportRequest, ImportSettings};
    let name = "dtbd-test-roster-import";
    let db = fresh(name).await;
    let mine = device("");
    write_all(&db, &mine).await;

    // A CSV as an office keeps it: Đức is updated (thạc sĩ), one new cadre, one bad row, and
    // one in a unit the app does not hold yet, made with the import.
    let csv = "\u{feff}Họ và tên;Năm sinh;Giới tính;Đơn vị;Chuyên môn\r\nNguyễn Văn Đức;1985;Nam;Đơn vị u1;ThS\r\nLò Văn Mới;12/05/1990;Nam;Đơn vị u1;ĐH\r\nSai Năm Sinh;năm 90;Nữ;Đơn vị u1;\r\nVàng Thị Mai;1992;Nữ;UBND xã Nậm Dịch;ĐH\r\n";
    let rows = ri::parse_csv(csv).expect("a well-formed CSV");
    let settings = ImportSettings::default();
    let mapping = ri::guess_mapping(&rows[0], &settings);
    let proposals = ri::propose_units(&mine.roster, &rows[1..], &mapping);
    assert_eq!(proposals.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(), ["UBND xã Nậm Dịch"]);
    let new_units = ri::units::create_units(&mine.roster, &proposals, &mut || "unit-new".to_string(), 50);
    let different = std::collections::HashSet::new();
    let req = ImportRequest {
        header: &rows[0],
        rows: &rows[1..],
        first_row: 2,
        mapping: &mapping,
        settings: &settings,
        default_unit: None,
        default_category: Some(dtbd::domain::model::Category::CivilServant),
        new_units: &new_units,
        different_people: &different,
        now: 50,
    };
    let mut n = 0;
    let p = ri::preview(&mine.roster, &req, &mut || {
        n += 1;
        format!("new-{n}")
    });
    assert_eq!((p.counts(), p.bad_rows()), ((2, 1, 0), 1));
    let mut after = mine.clone();
    after.roster = p.apply(&mine.roster);
    let backup = Backup::of(&mine, BackupReason::Import, "ds.csv (Excel)", "");
    db.apply_import(&mine, &after, &backup).await.unwrap();
    db.close();

    let db = Db::open(name).await.unwrap();
    let stored = db.load_dataset().await.unwrap();
    assert_eq!(stored.roster.cadres.len(), 4);
    assert!(stored.roster.unit("unit-new").is_some_and(|u| u.level == dtbd::domain::model::GovLevel::Commune));
    assert_eq!(stored.roster.cadres.iter().filter(|c| c.unit_id == "unit-new").count(), 1);
    assert_eq!(stored.roster.cadre("a").unwrap().professional.level, Professional::Master);
    assert_eq!(stored.roster.cadre("new-1").unwrap().birth_year, 1990);
    assert_eq!(stored.directives.len(), 1, "the rest of the data is untouched");
    assert!(db.backups().await.unwrap().iter().any(|b| b.id == backup.id && b.cadres == 2));

    // Undo: the backup puts back exactly the state before the import.
    let undo = Backup::of(&stored, BackupReason::Restore, "", "");
    db.restore_backup(&backup.id, &stored, &undo).await.unwrap();
    db.close();
    let db = Db::open(name).await.unwrap();
    assert_eq!(db.load_dataset().await.unwrap().normalised(), mine);
    db.close();
}

/// Builds a database as the previous version of the app (v4) left it, with the stores it had
/// and a unit, a cadre and a directive in them, through IndexedDB directly (not `Db`).
async fn v4_database(name: &str, u: &Unit, c: &Cadre, d: &Directive) {
    use indexed_db_futures::database::Database;
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;
    Db::delete_database(name).await.unwrap();
    let db = Database::open(name)
        .with_version(4u32)
        .with_on_upgrade_needed(|_event, db| {
            // Version 4: the layout of today but its last two stores, baselines (v5) and
            // receipts (v6).
            for s in &LAYOUT[..LAYOUT.len() - 2] {
                db.create_object_store(s).build()?;
            }
            Ok(())
        })
        .await
        .unwrap();
    assert!(!db.object_store_names().any(|s| s == "baselines"));
    let tx =
        db.transaction(vec!["units", "cadres", "directives"]).with_mode(TransactionMode::Readwrite).build().unwrap();
    let put = |store: &str, key: &str, json: String| {
        tx.object_store(store).unwrap().put(json.as_str()).with_key(key).primitive().unwrap();
    };
    put("units", &u.id, serde_json::to_string(u).unwrap());
    put("cadres", &c.id, serde_json::to_string(c).unwrap());
    put("directives", &d.id, serde_json::to_string(d).unwrap());
    tx.commit().await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn the_demo_lives_in_its_own_database_and_resets_in_one_transaction() {
    use dtbd::store::{demo, DEMO_DB_NAME};
    assert_ne!(DEMO_DB_NAME, DB_NAME);
    demo::leave();
    assert_eq!(demo::db_name(), DB_NAME);
    demo::enter();
    assert!(demo::active());
    assert_eq!(demo::db_name(), DEMO_DB_NAME);
    demo::leave();
    assert_eq!(demo::db_name(), DB_NAME);

    // The real data (here a test database standing for it) is not touched by the demo.
    let real = fresh("t-demo-real").await;
    let mine = device("r");
    write_all(&real, &mine).await;
    let demo_db = fresh("t-demo-demo").await;
    let sample = device("d");
    demo_db.replace_all(&sample).await.unwrap();
    assert_eq!(demo_db.load_dataset().await.unwrap().normalised(), sample);
    // "Làm lại": a changed demo goes back to the dataset exactly, stale records gone.
    demo_db.put_cadre(&cadre("extra", "Thào Mí Sình")).await.unwrap();
    demo_db.replace_all(&sample).await.unwrap();
    assert_eq!(demo_db.load_dataset().await.unwrap().normalised(), sample);
    // A failed reset changes nothing.
    fail_next_write();
    assert!(demo_db.replace_all(&Dataset::default()).await.is_err());
    assert_eq!(demo_db.load_dataset().await.unwrap().normalised(), sample);
    let after = real.load_dataset().await.unwrap();
    assert_eq!(after.roster, mine.roster);
    assert_eq!(after.training, mine.training);
    real.close();
    demo_db.close();
}

#[wasm_bindgen_test]
async fn a_v4_database_upgrades_to_v5_with_its_data_intact() {
    use dtbd::domain::directive::{Date, RosterIndex};
    use dtbd::domain::monitor;
    let name = "dtbd-test-upgrade-v5";
    let mut roster = Roster::default();
    let u = roster.save_unit(unit("u1"), 1).unwrap();
    let c = roster.save_cadre(cadre("a", "Hoàng Thị Lan"), 2).unwrap();
    let d = Directive::from_json(include_str!("../public/templates/002-hoang-su-phi-02-da-hu.json")).unwrap();
    v4_database(name, &u, &c, &d).await;

    let db = Db::open(name).await.unwrap();
    let back = db.load_roster().await.unwrap();
    assert_eq!(back.units, vec![u]);
    assert_eq!(back.cadres, vec![c]);
    assert_eq!(db.load_directives().await.unwrap(), vec![d.clone()]);
    assert!(db.load_baselines().await.unwrap().is_empty());
    // The new store works: a frozen baseline saved, removed (a newer version) and put back.
    let groups: Vec<String> = d.groups.iter().map(|g| g.id.clone()).collect();
    let mut b = monitor::freeze("m1".into(), &d, &RosterIndex::build(&back), &groups, Date::new(2026, 1, 5).unwrap());
    b.meta = RecordMeta::next(None, 10);
    db.put_baseline(&b).await.unwrap();
    let mut gone = b.clone();
    gone.removed = true;
    gone.meta = RecordMeta::next(Some(&b.meta), 11);
    db.put_baseline(&gone).await.unwrap();
    db.close();
    let db = Db::open(name).await.unwrap();
    assert_eq!(unstamped(&db.load_baselines().await.unwrap()), unstamped(&vec![gone.clone()]));
    assert_eq!(unstamped(&db.load_training().await.unwrap().baselines), unstamped(&vec![gone.clone()]));
    let mut again = gone.clone();
    again.removed = false;
    again.meta = RecordMeta::next(Some(&gone.meta), 12);
    db.put_baseline(&again).await.unwrap();
    assert_eq!(unstamped(&db.load_baselines().await.unwrap()), unstamped(&vec![again]));
    db.close();
}

/// A record's meta without its field stamps (what the store adds to every save).
fn unstamp(meta: &mut RecordMeta) {
    meta.fields.clear();
    meta.seen.clear();
}

/// Records as JSON with every `meta`'s field stamps taken out, to compare what was saved
/// with what the store holds.
fn unstamped<T: serde::Serialize>(records: &T) -> serde_json::Value {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(serde_json::Value::Object(meta)) = m.get_mut("meta") {
                    meta.remove("fields");
                    meta.remove("seen");
                }
                m.values_mut().for_each(walk);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(records).unwrap();
    walk(&mut v);
    v
}

/// How many records of each kind `d` holds, one number per list of a [`Dataset`]. The
/// destructuring names every field (no `..`): a list added to the domain's `Dataset`,
/// `Roster` or `TrainingRecords` does not compile here until it is counted, and then
/// `the_fixture_holds_every_record_kind` asks for its entry in the store's registry.
fn kinds(d: &Dataset) -> Vec<(&'static str, usize)> {
    let Dataset {
        roster: Roster { units, cadres },
        directives,
        tombstones,
        training: TrainingRecords { plans, lines, enrollments, history, aggregates, baselines },
        receipts,
    } = d;
    vec![
        ("units", units.len()),
        ("cadres", cadres.len()),
        ("directives", directives.len()),
        ("tombstones", tombstones.len()),
        ("plans", plans.len()),
        ("course_lines", lines.len()),
        ("enrollments", enrollments.len()),
        ("history", history.len()),
        ("aggregates", aggregates.len()),
        ("baselines", baselines.len()),
        ("receipts", receipts.len()),
    ]
}

#[wasm_bindgen_test]
async fn the_fixture_holds_every_record_kind() {
    use dtbd::store::RECORD_STORES;
    let d = device("");
    let kinds = kinds(&d);
    for (kind, n) in &kinds {
        assert!(*n > 0, "the fixture has no {kind}: the round trips would not test them");
    }
    // Every list of a dataset has its entry in the registry, under its store, and nothing else.
    let registry: Vec<&str> = RECORD_STORES.iter().map(|k| k.name).collect();
    let lists: Vec<&str> = kinds.iter().map(|(k, _)| *k).collect();
    assert_eq!(registry, lists, "one registry entry per list of a Dataset, in backup order");
    // Backup::of counts every training kind.
    let b = Backup::of(&d, BackupReason::Import, "", "");
    assert_eq!(b.training, kinds[4..10].iter().map(|(_, n)| n).sum::<usize>());
}

/// The object stores of a user's database: the layout, which never changes but by adding.
const LAYOUT: [&str; 13] = [
    "units",
    "cadres",
    "tombstones",
    "settings",
    "directives",
    "backups",
    "plans",
    "course_lines",
    "enrollments",
    "history",
    "aggregates",
    "baselines",
    "receipts",
];

#[wasm_bindgen_test]
async fn open_creates_every_store_of_the_registry() {
    use dtbd::store::{OBJECT_STORES, RECORD_STORES, ROSTER_STORES, TRAINING_STORES};
    use indexed_db_futures::database::Database;
    let mut layout = OBJECT_STORES.to_vec();
    layout.sort();
    let mut want = LAYOUT.to_vec();
    want.sort();
    assert_eq!(layout, want, "store names are the layout of every user's database");
    for k in RECORD_STORES {
        assert!(OBJECT_STORES.contains(&k.name), "{}", k.name);
    }
    assert_eq!(ROSTER_STORES, ["units", "cadres"]);
    assert_eq!(TRAINING_STORES, ["plans", "course_lines", "enrollments", "history", "aggregates", "baselines"]);

    let name = "dtbd-test-layout";
    fresh(name).await.close();
    // Opened as it is (no version asked): every store is there.
    let db = Database::open(name).await.unwrap();
    let mut have: Vec<String> = db.object_store_names().collect();
    have.sort();
    assert_eq!(have, want);
    assert_eq!(db.version(), 6.0);
    db.close();
}

/// Another device's data with every kind changed against `device(tag)`: each list loses its
/// records and gets `device(other)`'s, and the unit both share is edited.
fn every_kind_changed(tag: &str, other: &str) -> Dataset {
    let mut d = device(other);
    let mut u1 = d.roster.units.iter().find(|u| u.id == "u1").unwrap().clone();
    u1.name = format!("Đơn vị u1 (sửa ở {tag}{other})");
    u1.meta.version += 1;
    d.roster.units.retain(|u| u.id != "u1");
    d.roster.units.push(u1);
    d.normalised()
}

#[wasm_bindgen_test]
async fn replace_all_round_trips_every_record_kind() {
    let name = "dtbd-test-replace-all";
    let db = fresh(name).await;
    let first = device("");
    db.replace_all(&first).await.unwrap();
    db.close();
    let db = Db::open(name).await.unwrap();
    let back = db.load_dataset().await.unwrap().normalised();
    assert_eq!(kinds(&back), kinds(&first));
    assert_eq!(back, first);
    assert_eq!(db.load_training().await.unwrap(), first.training, "load_training reads every training kind");
    assert_eq!(db.load_baselines().await.unwrap(), first.training.baselines);

    // Replaced again: every kind refilled, nothing of the first left.
    let second = every_kind_changed("", "-2");
    db.replace_all(&second).await.unwrap();
    db.close();
    let db = Db::open(name).await.unwrap();
    let back = db.load_dataset().await.unwrap().normalised();
    assert_eq!(kinds(&back), kinds(&second));
    assert_eq!(back, second);
    db.close();
}

#[wasm_bindgen_test]
async fn apply_import_round_trips_every_record_kind() {
    let name = "dtbd-test-import-kinds";
    let db = fresh(name).await;
    let first = device("");
    let empty = Dataset::default();
    let seed = Backup::of(&empty, BackupReason::Import, "seed", "");
    db.apply_import(&empty, &first, &seed).await.unwrap();
    db.close();
    let db = Db::open(name).await.unwrap();
    let stored = db.load_dataset().await.unwrap();
    assert_eq!(stored.clone().normalised(), first);

    // Every kind changed: records put and deleted in every store, and the backup holds all.
    let second = every_kind_changed("", "-2");
    let backup = Backup::of(&stored, BackupReason::Import, "hai.json", "");
    db.apply_import(&stored, &second, &backup).await.unwrap();
    db.close();
    let db = Db::open(name).await.unwrap();
    let back = db.load_dataset().await.unwrap().normalised();
    assert_eq!(kinds(&back), kinds(&second));
    assert_eq!(back, second);
    let kept = db.backup_data(&backup.id).await.unwrap().normalised();
    assert_eq!(kinds(&kept), kinds(&first));
    assert_eq!(kept, first, "the backup holds every kind of the state before");
    assert_eq!(db.backup_data(&seed.id).await.unwrap(), empty);

    // Restoring it puts every kind back.
    let current = db.load_dataset().await.unwrap();
    db.restore_backup(&backup.id, &current, &Backup::of(&current, BackupReason::Restore, "", "")).await.unwrap();
    db.close();
    let db = Db::open(name).await.unwrap();
    assert_eq!(db.load_dataset().await.unwrap().normalised(), first);
    db.close();
}

/// The shape backups had before the registry (a struct serialised by serde_json): the data
/// of every backup users already have.
#[derive(serde::Serialize)]
struct BackupBefore<'a> {
    units: &'a [Unit],
    cadres: &'a [Cadre],
    directives: &'a [Directive],
    tombstones: &'a [Tombstone],
    /// Since v6 (issue 16), after the tombstones; backups made before have none and read.
    receipts: &'a [dtbd::domain::snapshot::Receipt],
    training: &'a TrainingRecords,
}

#[wasm_bindgen_test]
async fn a_backup_is_written_byte_for_byte_as_before() {
    let d = device("");
    let before = serde_json::to_string(&BackupBefore {
        units: &d.roster.units,
        cadres: &d.roster.cadres,
        directives: &d.directives,
        tombstones: &d.tombstones,
        receipts: &d.receipts,
        training: &d.training,
    })
    .unwrap();
    assert!(!d.receipts.is_empty(), "the fixture holds a receipt");
    assert_eq!(dtbd::store::backup_json(&d), before);
    let empty = Dataset::default();
    assert_eq!(
        dtbd::store::backup_json(&empty),
        r#"{"units":[],"cadres":[],"directives":[],"tombstones":[],"receipts":[],"training":{"plans":[],"lines":[],"enrollments":[],"history":[],"aggregates":[],"baselines":[]}}"#
    );
}

/// Stores a backup as an earlier version of the app did, through IndexedDB directly.
async fn put_raw_backup(name: &str, b: &Backup, data: &str) {
    use indexed_db_futures::database::Database;
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;
    let db = Database::open(name).await.unwrap();
    let tx = db.transaction("backups").with_mode(TransactionMode::Readwrite).build().unwrap();
    let s = tx.object_store("backups").unwrap();
    let meta = serde_json::to_string(b).unwrap();
    s.put(meta.as_str()).with_key(format!("m:{}", b.id)).primitive().unwrap();
    s.put(data).with_key(format!("d:{}", b.id)).primitive().unwrap();
    tx.commit().await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn backups_made_by_earlier_versions_still_read_and_restore() {
    let name = "dtbd-test-old-backups";
    let db = fresh(name).await;
    let mine = device("");
    write_all(&db, &mine).await;
    db.close();
    let old = device("-old");

    // Written field by field as serde_json writes records (no `serde_json::Value` in between,
    // which would reorder their fields).
    let top = vec![
        ("units", json(&old.roster.units)),
        ("cadres", json(&old.roster.cadres)),
        ("directives", json(&old.directives)),
        ("tombstones", json(&old.tombstones)),
    ];
    // v3: no training records in backups yet.
    let roster_only = object(&top);
    let v3 =
        Backup { id: "000000000000001-v3".into(), training: 0, ..Backup::of(&old, BackupReason::Import, "v3", "") };
    put_raw_backup(name, &v3, &roster_only).await;
    // v4: training records, no baselines yet.
    let t = &old.training;
    let mut fields = top.clone();
    fields.push((
        "training",
        object(&[
            ("plans", json(&t.plans)),
            ("lines", json(&t.lines)),
            ("enrollments", json(&t.enrollments)),
            ("history", json(&t.history)),
            ("aggregates", json(&t.aggregates)),
        ]),
    ));
    let v4 = Backup { id: "000000000000002-v4".into(), ..Backup::of(&old, BackupReason::Import, "v4", "") };
    put_raw_backup(name, &v4, &object(&fields)).await;

    let db = Db::open(name).await.unwrap();
    let ids: Vec<String> = db.backups().await.unwrap().iter().map(|b| b.id.clone()).collect();
    assert!(ids.contains(&v3.id) && ids.contains(&v4.id), "{ids:?}");
    let d3 = db.backup_data(&v3.id).await.unwrap().normalised();
    assert_eq!(
        (d3.roster.clone(), d3.directives.clone(), d3.tombstones.clone()),
        (old.roster.clone(), old.directives.clone(), old.tombstones.clone())
    );
    assert_eq!(d3.training, TrainingRecords::default());
    let d4 = db.backup_data(&v4.id).await.unwrap().normalised();
    let mut want = old.clone();
    want.training.baselines.clear();
    // v4 backups hold no receipts (v6).
    want.receipts.clear();
    assert_eq!(d4, want);

    // Restoring the v3 backup keeps the training records and the receipts stored now.
    let current = db.load_dataset().await.unwrap();
    let restored =
        db.restore_backup(&v3.id, &current, &Backup::of(&current, BackupReason::Restore, "", "")).await.unwrap();
    let mut want = old.clone();
    want.training = mine.training.clone();
    want.receipts = mine.receipts.clone();
    assert_eq!(restored.normalised(), want);
    db.close();
    let db = Db::open(name).await.unwrap();
    assert_eq!(db.load_dataset().await.unwrap().normalised(), want);
    db.close();
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

/// `{"k": v, …}` of JSON texts, spaced out (a reader must take any JSON).
fn object(fields: &[(&str, String)]) -> String {
    let f: Vec<String> = fields.iter().map(|(k, v)| format!("\"{k}\" : {v}")).collect();
    format!("{{\n  {}\n}}\n", f.join(",\n  "))
}

/// Two tabs correct different fields of one cadre: the second save merges inside the write
/// transaction (both corrections kept, each field stamped); the same field on both is refused
/// naming that field only.
#[wasm_bindgen_test]
async fn a_save_over_another_tabs_save_merges_field_by_field_inside_the_transaction() {
    use dtbd::store::SaveError;
    let name = "dtbd-test-field-merge";
    let db = fresh(name).await;
    let mut roster = Roster::default();
    db.put_unit(&roster.save_unit(unit("u1"), 1).unwrap()).await.unwrap();
    let opened = roster.save_cadre(cadre("a", "Nguyễn Văn Đức"), 2).unwrap();
    db.put_cadre_checked(&opened, None).await.unwrap();
    let (mut tab_a, mut tab_b) = (roster.clone(), roster.clone());
    let mut first = opened.clone();
    first.birth_year = 1979;
    let first = tab_a.save_cadre(first, 3).unwrap();
    db.put_cadre_checked(&first, Some(&opened)).await.unwrap();
    let mut second = opened.clone();
    second.note = "thẻ thứ hai".into();
    let second = tab_b.save_cadre(second, 4).unwrap();
    let written = db.put_cadre_checked(&second, Some(&opened)).await.unwrap();
    assert_eq!((written.birth_year, written.note.as_str(), written.meta.version), (1979, "thẻ thứ hai", 3));
    let stamped: Vec<&String> = written.meta.fields.keys().collect();
    assert_eq!(stamped, ["birth_year", "note"]);
    let mut third = opened.clone();
    third.note = "thẻ thứ ba".into();
    let third = roster.clone().save_cadre(third, 5).unwrap();
    match db.put_cadre_checked(&third, Some(&opened)).await {
        Err(SaveError::Fields(Some(stored), fields)) => {
            assert_eq!(fields, ["note"]);
            assert_eq!(stored, written);
        }
        other => panic!("expected a field conflict, got {other:?}"),
    }
    assert_eq!(db.load_roster().await.unwrap().cadres, vec![written]);
    db.close();
}

/// An undone nomination leaves a tombstone in the same transaction, and a directive saved
/// from a stale copy is refused inside the transaction.
#[wasm_bindgen_test]
async fn an_undone_nomination_leaves_a_tombstone_and_a_stale_directive_save_is_refused() {
    use dtbd::domain::directive::{Date, RosterIndex};
    use dtbd::domain::roster::RecordKind;
    use dtbd::domain::training;
    let name = "dtbd-test-enrollment-tombstone";
    let db = fresh(name).await;
    let file = training::load_plan_file(include_str!("../public/plans/003-quang-ngai-ke-hoach-2021.json")).unwrap();
    db.put_plan_templates(std::slice::from_ref(&file.plan), &file.lines, &[]).await.unwrap();
    let mut roster = Roster::default();
    roster.save_unit(unit("u1"), 1).unwrap();
    let a = roster.save_cadre(cadre("a", "Nguyễn Văn Đức"), 2).unwrap();
    db.put_all(&roster.units, std::slice::from_ref(&a)).await.unwrap();
    let recs = db.load_training().await.unwrap();
    let on = Date::new(2021, 3, 1).unwrap();
    let mut ids = || "e-1".to_string();
    let nom = training::nominate(
        &RosterIndex::build(&roster),
        &[],
        &recs,
        &file.lines[0].id,
        &["a".to_string()],
        on,
        10,
        &mut ids,
    )
    .unwrap();
    db.apply_change(&nom.change).await.unwrap();
    db.apply_change(&nom.undo(11)).await.unwrap();
    assert!(db.load_training().await.unwrap().enrollments.is_empty());
    let t = db.tombstones().await.unwrap();
    assert_eq!(t.iter().map(|t| (t.id.as_str(), t.kind)).collect::<Vec<_>>(), [("e-1", RecordKind::Enrollment)]);

    let mut d = Directive::from_json(include_str!("../public/templates/002-hoang-su-phi-02-da-hu.json")).unwrap();
    d.id = "d-1".into();
    d.meta = RecordMeta::next(None, 1);
    db.put_directive(&d).await.unwrap();
    let mut newer = d.clone();
    newer.meta = RecordMeta::next(Some(&d.meta), 2);
    db.put_directive(&newer).await.unwrap();
    let mut stale = d.clone();
    stale.title = "Sửa từ bản cũ".into();
    stale.meta = RecordMeta::next(Some(&d.meta), 3);
    let e = db.put_directive(&stale).await.unwrap_err();
    assert!(e.0.contains("vừa được sửa ở một thẻ hoặc cửa sổ khác"), "{e}");
    assert_eq!(db.load_directives().await.unwrap()[0].meta.version, 2);
    db.close();
}

#[wasm_bindgen_test]
async fn a_directive_read_with_its_plan_is_saved_in_one_transaction() {
    use dtbd::domain::training;
    let name = "dtbd-test-read-plan";
    let db = fresh(name).await;
    let first_version = || RecordMeta::next(None, 1);
    let mut d = Directive::from_json(include_str!("../public/templates/003-quang-ngai-ke-hoach-2021.json")).unwrap();
    d.meta = first_version();
    let file = training::load_plan_file(include_str!("../public/plans/003-quang-ngai-ke-hoach-2021.json")).unwrap();
    let mut plan = file.plan.clone();
    plan.meta = first_version();
    let lines: Vec<_> = file
        .lines
        .iter()
        .cloned()
        .map(|mut line| {
            line.meta = first_version();
            line
        })
        .collect();

    // A failed write leaves neither the directive nor the plan.
    fail_next_write();
    assert!(db.put_directive_with_plans(&d, std::slice::from_ref(&plan), &lines).await.is_err());
    assert!(db.load_directives().await.unwrap().is_empty());
    assert!(db.load_training().await.unwrap().plans.is_empty());

    // A line already stored at that version (saved from another tab) refuses the whole save.
    db.put_plans(&[], &lines[..1], &[]).await.unwrap();
    assert!(db.put_directive_with_plans(&d, std::slice::from_ref(&plan), &lines).await.is_err());
    assert!(db.load_directives().await.unwrap().is_empty(), "the directive is not saved without its plan");
    assert!(db.load_training().await.unwrap().plans.is_empty());

    db.close();
    let db = fresh(name).await;
    db.put_directive_with_plans(&d, std::slice::from_ref(&plan), &lines).await.unwrap();
    db.close();
    let db = Db::open(name).await.unwrap();
    assert_eq!(db.load_directives().await.unwrap().len(), 1);
    let back = db.load_training().await.unwrap();
    assert_eq!(back.plans.len(), 1);
    assert_eq!(back.lines.len(), lines.len());
    db.close();
}
