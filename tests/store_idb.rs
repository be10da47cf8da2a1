//! The store against a real IndexedDB in headless Chromium: write, close, reopen, read back.
//! Run with `cargo test --target wasm32-unknown-unknown --test store_idb` (the Makefile does).
#![cfg(target_arch = "wasm32")]

use dtbd::domain::levels::{Political, Professional};
use dtbd::domain::model::{Cadre, GovLevel, Leadership, Position, RecordMeta, Region, Unit, UnitKind};
use dtbd::domain::roster::Roster;
use dtbd::store::{Db, DB_NAME};
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
    c.positions.push(Position { unit_id: "u1".into(), title: "Chủ tịch UBND xã".into(), leadership: Leadership::Head });
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
