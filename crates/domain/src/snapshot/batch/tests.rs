use super::*;
use crate::demo::province::{province, Province, ProvinceOptions};
use crate::snapshot::{export, merge, preview, ExportScope, ExportedBy, Resolutions, Scope};

const RECEIVED: Millis = 1_796_200_000_000;

fn small(intruder: bool) -> Province {
    province(&ProvinceOptions { intruder, ..ProvinceOptions::new(1, 4, 10, 16) })
}

fn files_of(p: &Province) -> Vec<BatchFile> {
    p.commune_files().map(|f| BatchFile { name: f.file_name.clone(), snapshot: f.snapshot.clone() }).collect()
}

#[test]
fn commune_files_combine_into_one_set_with_provenance_and_one_receipt_each() {
    let p = small(false);
    let local = p.districts[0].database.clone();
    let files = files_of(&p);
    let c = combine(&files, &local, RECEIVED, &Choices::default());
    assert!(c.outside.is_empty(), "{:?}", c.outside);
    assert!(c.between.is_empty());
    assert_eq!(c.incoming.roster.cadres.len(), 40);
    assert_eq!(c.incoming.receipts.len(), 4);
    for (f, file) in files.iter().enumerate() {
        let unit = file.snapshot.exported_by.unit_id.clone();
        let mine: Vec<&Cadre> = c
            .incoming
            .roster
            .cadres
            .iter()
            .filter(|x| file.snapshot.records.cadres.iter().any(|y| y.id == x.id))
            .collect();
        assert_eq!(mine.len(), 10);
        for cadre in mine {
            let o = cadre.meta.origin.as_ref().expect("stamped");
            assert_eq!((&o.unit_id, o.exported_at, o.received_at), (&unit, file.snapshot.exported_at, Some(RECEIVED)));
            assert_eq!(o.sender, file.snapshot.exported_by.sender);
        }
        assert_eq!(c.files[f].authority, unit);
        assert!(c.files[f].taken >= 10);
    }
    let pv = preview(&local, &c.incoming);
    assert_eq!((pv.cadres.new, pv.cadres.changed, pv.cadres.conflicts), (40, 0, 0));
    assert_eq!(pv.units.new + pv.units.changed, 0, "the units the district made are the same");
    assert_eq!(pv.receipts.new, 4);
    let out = merge(&local, &c.incoming, &Resolutions::default());
    assert!(out.unresolved.is_empty());
    assert_eq!(out.state.roster.cadres.len(), 40 + 12);
    // The district's own records keep no origin.
    assert!(out.state.roster.units.iter().all(|u| u.meta.origin.is_none()));
    let r = out.state.receipts.iter().find(|r| r.unit_id.as_deref() == Some("h01-x02")).expect("a receipt");
    assert_eq!(r.file_name, files[1].name);
    assert_eq!((r.counts.cadres, r.received_at, r.exported_at), (10, RECEIVED, files[1].snapshot.exported_at));
    let latest = files[1].snapshot.records.cadres.iter().map(|c| c.meta.updated_at).max().unwrap();
    assert_eq!(r.data_at, latest);
}

#[test]
fn a_cadre_from_another_communes_subtree_is_a_decision_not_taken_until_chosen() {
    let p = small(true);
    let intruder = p.intruder.clone().unwrap();
    let local = p.districts[0].database.clone();
    let files = files_of(&p);
    let c = combine(&files, &local, RECEIVED, &Choices::default());
    assert_eq!(c.outside.len(), 1, "{:?}", c.outside);
    let o = &c.outside[0];
    assert_eq!(
        (o.kind, o.id.as_str(), o.name.as_str()),
        (Kind::Cadre, intruder.cadre_id.as_str(), intruder.cadre_name.as_str())
    );
    assert_eq!(files[o.file].name, intruder.file_name);
    assert_eq!(o.file_unit_id.as_deref(), Some(intruder.sender_unit_id.as_str()));
    assert_eq!(o.status, Status::Changed);
    let owner = o.owner.as_ref().expect("the owner's file is in the batch");
    assert_eq!(
        (owner.1.as_str(), owner.2.as_str()),
        (intruder.owner_unit_id.as_str(), p.districts[0].communes[0].unit.name.as_str())
    );
    assert!(!o.taken && !o.taken_along);
    let owners = &p.districts[0].communes[0].snapshot.records.cadres;
    let own_copy = owners.iter().find(|x| x.id == intruder.cadre_id).unwrap();
    let kept = c.incoming.roster.cadre(&intruder.cadre_id).unwrap();
    assert_eq!(kept.professional_field, own_copy.professional_field, "the owner's file wins");
    assert_eq!(c.files[o.file].outside, 1);
    // Taken: the intruder's change is combined over the owner's copy.
    let choices = Choices::default().take(o.file, Kind::Cadre, o.id.clone());
    let c = combine(&files, &local, RECEIVED, &choices);
    assert!(c.outside[0].taken);
    assert_eq!(c.incoming.roster.cadre(&intruder.cadre_id).unwrap().professional_field, "Quản lý kinh tế");
}

#[test]
fn an_outside_cadre_is_compared_with_what_is_here_when_its_owner_did_not_send() {
    let p = small(true);
    let intruder = p.intruder.clone().unwrap();
    let mut local = p.districts[0].database.clone();
    // The owner's file came last month; this batch holds only the intruder's.
    let owner = BatchFile { name: "a".into(), snapshot: p.districts[0].communes[0].snapshot.clone() };
    local =
        merge(&local, &combine(&[owner], &local, RECEIVED - 1, &Choices::default()).incoming, &Resolutions::default())
            .state;
    let files: Vec<BatchFile> = files_of(&p).into_iter().filter(|f| f.name == intruder.file_name).collect();
    let c = combine(&files, &local, RECEIVED, &Choices::default());
    assert_eq!(c.outside.len(), 1);
    assert_eq!(c.outside[0].owner, None, "no file of this batch holds it");
    assert_eq!(
        c.outside[0].unit_name,
        local.roster.unit_name(&local.roster.cadre(&intruder.cadre_id).unwrap().unit_id)
    );
    assert!(c.incoming.roster.cadre(&intruder.cadre_id).is_none(), "not taken: nothing to merge");
    assert_eq!(preview(&local, &c.incoming).cadres.changed, 0);
}

#[test]
fn outside_units_a_new_device_lacks_come_along_with_the_records_that_need_them() {
    let p = small(false);
    let files = files_of(&p);
    let c = combine(&files, &Dataset::default(), RECEIVED, &Choices::default());
    // The district and province roots are outside every commune's subtree, new here, and
    // needed by the communes: taken along, one decision per file that carries them.
    assert!(!c.outside.is_empty());
    assert!(c.outside.iter().all(|o| o.kind == Kind::Unit && o.taken_along), "{:?}", c.outside);
    for root in ["tinh", "h01"] {
        assert!(c.incoming.roster.unit(root).is_some(), "{root} came along");
    }
    let out = merge(&Dataset::default(), &c.incoming, &Resolutions::default());
    let roster = &out.state.roster;
    assert!(roster.cadres.iter().all(|x| roster.unit(&x.unit_id).is_some()));
    assert!(roster.units.iter().all(|u| u.parent_id.as_deref().is_none_or(|q| roster.unit(q).is_some())));
}

fn free_file(name: &str, data: &Dataset, at: Millis) -> BatchFile {
    let by = ExportedBy { unit_id: None, unit_name: String::new(), sender: name.into() };
    BatchFile { name: name.into(), snapshot: export(data, &ExportScope::All, by, Default::default(), at).unwrap() }
}

fn edited(data: &Dataset, device: &str, at: Millis, edit: impl Fn(&mut Cadre)) -> Dataset {
    let mut d = data.clone();
    let c = &mut d.roster.cadres[0];
    let before = c.clone();
    edit(c);
    c.meta = crate::model::RecordMeta::next(Some(&before.meta), at);
    let (old, old_meta) = field_merge::split(&before);
    let (new, _) = field_merge::split(&*c);
    let author = field_merge::Author { device: device.into(), name: device.into() };
    field_merge::stamp(Some((&old, &old_meta)), &new, &mut c.meta, &author);
    d
}

#[test]
fn two_files_without_a_subtree_combine_field_by_field_and_a_field_both_changed_is_asked() {
    let base = Dataset { roster: crate::fixtures::generate_roster(3, 5, 40), ..Dataset::default() };
    let id = base.roster.cadres[0].id.clone();
    let a = edited(&base, "A", 10, |c| c.note = "của A".into());
    let b = edited(&base, "B", 20, |c| c.birth_year = 1970);
    let files = [free_file("a.json", &a, 100), free_file("b.json", &b, 200)];
    let c = combine(&files, &base, RECEIVED, &Choices::default());
    assert!(c.between.is_empty() && c.outside.is_empty());
    let got = c.incoming.roster.cadre(&id).unwrap();
    assert_eq!((got.note.as_str(), got.birth_year), ("của A", 1970));
    // Both changed the note.
    let b = edited(&base, "B", 20, |c| c.note = "của B".into());
    let files = [free_file("a.json", &a, 100), free_file("b.json", &b, 200)];
    let c = combine(&files, &base, RECEIVED, &Choices::default());
    assert_eq!(c.between.len(), 1);
    let q = &c.between[0];
    assert_eq!((q.id.as_str(), q.files, q.kept), (id.as_str(), (0, 1), None));
    let asked: Vec<&FieldDiff> = q.diff.iter().filter(|d| d.asked).collect();
    assert_eq!((asked[0].path.as_str(), asked[0].mine.as_str(), asked[0].theirs.as_str()), ("note", "của A", "của B"));
    assert!(c.incoming.roster.cadre(&id).is_none(), "held as it is here until chosen");
    let c = combine(&files, &base, RECEIVED, &Choices::default().keep(Kind::Cadre, id.clone(), 1));
    assert_eq!(c.between[0].kept, Some(1));
    assert_eq!(c.incoming.roster.cadre(&id).unwrap().note, "của B");
}

#[test]
fn the_nearest_subtree_wins_over_a_wider_one() {
    let p = small(false);
    let commune = &p.districts[0].communes[1];
    let mut district_db = p.districts[0].database.clone();
    // The district held an older copy of the commune's cadres and changed one's note.
    district_db.roster.cadres.extend(commune.snapshot.records.cadres.iter().cloned());
    let cadre_id = commune.snapshot.records.cadres[0].id.clone();
    let district_edit = edited(
        &Dataset {
            roster: Roster { units: vec![], cadres: vec![district_db.roster.cadre(&cadre_id).unwrap().clone()] },
            ..Dataset::default()
        },
        "H",
        5,
        |c| c.note = "huyện sửa".into(),
    );
    let mut district_file_data = district_db.clone();
    *district_file_data.roster.cadres.iter_mut().find(|c| c.id == cadre_id).unwrap() =
        district_edit.roster.cadres[0].clone();
    let by = ExportedBy { unit_id: Some("h01".into()), unit_name: "Huyện".into(), sender: "Huyện".into() };
    let wide = BatchFile {
        name: "huyen.json".into(),
        snapshot: export(&district_file_data, &ExportScope::Subtree("h01".into()), by, Default::default(), 50).unwrap(),
    };
    let near = BatchFile { name: commune.file_name.clone(), snapshot: commune.snapshot.clone() };
    let c = combine(&[wide, near], &Dataset::default(), RECEIVED, &Choices::default());
    let got = c.incoming.roster.cadre(&cadre_id).unwrap();
    assert_eq!(got.note, commune.snapshot.records.cadres[0].note, "the commune's own file wins");
    assert_eq!(got.meta.origin.as_ref().unwrap().unit_id.as_deref(), Some(commune.unit.id.as_str()));
}

#[test]
fn a_file_received_before_or_twice_gives_one_receipt() {
    let p = small(false);
    let local = p.districts[0].database.clone();
    let mut files = files_of(&p);
    files.push(files[0].clone());
    let c = combine(&files, &local, RECEIVED, &Choices::default());
    assert_eq!(c.files[4].duplicate_of, Some(0));
    assert_eq!(c.incoming.receipts.len(), 4);
    let after = merge(&local, &c.incoming, &Resolutions::default()).state;
    let again = combine(&files[..1], &after, RECEIVED + 1000, &Choices::default());
    assert_eq!(again.files[0].received_before, Some(RECEIVED));
    let pv = preview(&after, &again.incoming);
    assert_eq!(pv.total().new + pv.total().changed + pv.receipts.new + pv.receipts.changed, 0, "{:?}", pv.changes);
}

#[test]
fn forwarded_records_keep_the_commune_as_their_origin_and_the_receipts_travel() {
    let p = small(false);
    let local = p.districts[0].database.clone();
    let files = files_of(&p);
    let district =
        merge(&local, &combine(&files, &local, RECEIVED, &Choices::default()).incoming, &Resolutions::default()).state;
    let by =
        ExportedBy {
            unit_id: Some("h01".into()), unit_name: "Huyện Vị Xuyên".into(), sender: "Ban Tổ chức".into()
        };
    let sent = export(&district, &ExportScope::Subtree("h01".into()), by, Default::default(), RECEIVED + 10).unwrap();
    assert_eq!(sent.scope, Scope::Subtree { unit_id: "h01".into(), unit_name: "Huyện Vị Xuyên".into() });
    assert_eq!(sent.records.receipts.len(), 4, "the communes' receipts go up with the district's file");
    let province_db = Dataset { roster: Roster { units: vec![p.unit.clone()], cadres: vec![] }, ..Dataset::default() };
    let c = combine(
        &[BatchFile { name: "huyen.json".into(), snapshot: sent }],
        &province_db,
        RECEIVED + 20,
        &Choices::default(),
    );
    let cadre = &files[2].snapshot.records.cadres[0];
    let got = c.incoming.roster.cadre(&cadre.id).unwrap();
    assert_eq!(got.meta.origin.as_ref().unwrap().unit_id, files[2].snapshot.exported_by.unit_id);
    assert_eq!(c.incoming.receipts.len(), 5, "four forwarded, one for the district's file");
}

#[test]
fn a_refused_file_names_itself_and_the_others_still_check() {
    let p = small(false);
    let local = p.districts[0].database.clone();
    let good = p.districts[0].communes[0].snapshot.to_json();
    let bad = &good[..good.len() / 2];
    let refusal = check("xa-hong.json", bad.as_bytes(), &local).unwrap_err();
    assert_eq!(refusal.file, "xa-hong.json");
    assert!(refusal.messages[0].starts_with("Tệp “xa-hong.json”: "), "{:?}", refusal.messages);
    let ok = check("xa-tot.json", good.as_bytes(), &local).unwrap();
    assert_eq!(ok.file.snapshot.records.cadres.len(), 10);
    let too_big = refused("to.json", &SnapshotError::TooLarge { bytes: 60_000_000, limit: 50_000_000 });
    assert!(too_big.messages[0].starts_with("Tệp “to.json”: "));
}
