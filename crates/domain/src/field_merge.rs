//! Hợp nhất theo trường: how two versions of one record combine, field by field, wherever
//! versions meet — a snapshot from another officer ([`merge`]) or another tab's save made
//! while this one was editing ([`rebase`]). Two officers who corrected different fields of
//! the same cadre both keep their correction; only a field both changed is asked, and the
//! answer applies to that field alone.
//!
//! One rule for every record kind: a record is its top-level JSON fields (`id` among them,
//! `meta` apart), so a new kind of record needs no entry here.
//!
//! # Who changed what, without the common ancestor
//!
//! Files travel by email and nobody keeps the version both sides started from, so each save
//! says what it changed: [`stamp`] gives every top-level field the save changed a
//! [`FieldStamp`] (device, the record's new version, time, officer) and records in
//! `meta.seen` that the record now includes that device's changes up to that version. A
//! version of the record *knows* a stamp when its `seen` for that device reaches the stamp's
//! version; a field never stamped is known to every version (it holds what it was created
//! with). Of two different values of a field ([`side`]):
//!
//! | mine's stamp known to theirs | theirs' stamp known to mine | kept |
//! |---|---|---|
//! | yes | no | theirs (they changed it since) |
//! | no | yes | mine |
//! | no | no | both changed it: a question |
//! | yes | yes | records from before stamps: the higher version, a question on a tie |
//!
//! # Two tabs
//!
//! A form knows the record it opened, so [`rebase`] is a plain three-way merge against it:
//! the store calls it inside the write transaction when the stored version moved on.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::{FieldStamp, Millis, RecordMeta};

/// A record's top-level fields as JSON, `meta` taken out.
pub type Fields = Map<String, Value>;

/// Người sửa: the device a save is made on and how its officer is named (the sender or
/// unit the share page knows), written into each stamp.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Author {
    /// Random id of this device, kept in the browser.
    pub device: String,
    /// Người gửi / đơn vị (may be empty).
    pub name: String,
}

/// A record split into its fields and its meta.
pub fn split<T: Serialize>(record: &T) -> (Fields, RecordMeta) {
    split_json(&serde_json::to_string(record).expect("records always serialise"))
        .expect("a record's own JSON reads back as an object")
}

/// Stored JSON text split into its fields and its meta (an old row without `meta` has the
/// default one).
pub fn split_json(text: &str) -> Result<(Fields, RecordMeta), serde_json::Error> {
    let mut fields: Fields = serde_json::from_str(text)?;
    let meta = match fields.remove("meta") {
        Some(m) => RecordMeta::deserialize(&m)?,
        None => RecordMeta::default(),
    };
    Ok((fields, meta))
}

/// The record with `fields` and `meta`, read back into its type.
pub fn join<T: serde::de::DeserializeOwned>(fields: &Fields, meta: &RecordMeta) -> Result<T, serde_json::Error> {
    let mut all = fields.clone();
    all.insert("meta".into(), serde_json::to_value(meta).expect("a meta always serialises"));
    serde_json::from_str(&Value::Object(all).to_string())
}

/// Ghi dấu: `meta` (already at the new version and time) after a save that turned `before`
/// into `after`. The stamps and `seen` are those of `before` (what is stored is the truth,
/// whatever the saved copy carried), and each field whose value changed gets a stamp by
/// `author` at the new version. A new record (`before` is `None`) keeps `meta` as it is:
/// its fields hold what it was created with.
pub fn stamp(before: Option<(&Fields, &RecordMeta)>, after: &Fields, meta: &mut RecordMeta, author: &Author) {
    let Some((old, old_meta)) = before else { return };
    meta.fields = old_meta.fields.clone();
    meta.seen = old_meta.seen.clone();
    meta.origin = old_meta.origin.clone();
    let names: BTreeSet<&String> = old.keys().chain(after.keys()).collect();
    let mut changed = false;
    for name in names {
        if old.get(name) != after.get(name) {
            changed = true;
            let s = FieldStamp {
                device: author.device.clone(),
                version: meta.version,
                at: meta.updated_at,
                by: author.name.clone(),
            };
            meta.fields.insert(name.clone(), s);
        }
    }
    if changed {
        let v = meta.seen.entry(author.device.clone()).or_insert(0);
        *v = (*v).max(meta.version);
    }
}

/// Whether a version whose `seen` is given includes the change a stamp records (a field never
/// stamped holds what it was created with: every version includes that).
fn knows(seen: &BTreeMap<String, u64>, stamp: Option<&FieldStamp>) -> bool {
    stamp.is_none_or(|s| seen.get(&s.device).is_some_and(|&v| v >= s.version))
}

/// Whether the version whose meta is `newer` includes every change of the one whose meta is
/// `older`, and more: every field stamp of `older` known to `newer`, every device's changes
/// `older` has seen seen by `newer`, and a higher version. Then [`merge`] keeps `newer`'s value
/// of every field that differs (and its stamps and `seen`), so a merge can take `newer` whole
/// without splitting either record into fields (30.000 cadres sent again a month later).
pub fn supersedes(newer: &RecordMeta, older: &RecordMeta) -> bool {
    newer.version > older.version
        && older.fields.values().all(|s| knows(&newer.seen, Some(s)))
        && older.seen.iter().all(|(device, v)| newer.seen.get(device).is_some_and(|n| n >= v))
        && older
            .fields
            .iter()
            .all(|(field, s)| newer.fields.get(field).is_some_and(|n| stamp_order(Some(n)) >= stamp_order(Some(s))))
}

/// Whose value of a field that differs on the two sides is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Của tôi: they have not changed it since the two versions parted.
    Mine,
    /// Của họ: I have not.
    Theirs,
    /// Both changed it: the officer is asked.
    Both,
}

/// Which side's value of `field` is kept when the values differ (the table in the module
/// doc).
pub fn side(field: &str, mine: &RecordMeta, theirs: &RecordMeta) -> Side {
    let theirs_knows_mine = knows(&theirs.seen, mine.fields.get(field));
    let mine_knows_theirs = knows(&mine.seen, theirs.fields.get(field));
    match (theirs_knows_mine, mine_knows_theirs) {
        (true, false) => Side::Theirs,
        (false, true) => Side::Mine,
        (false, false) => Side::Both,
        (true, true) => match mine.version.cmp(&theirs.version) {
            Ordering::Greater => Side::Mine,
            Ordering::Less => Side::Theirs,
            Ordering::Equal => Side::Both,
        },
    }
}

/// The officer's answer to one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Giữ của tôi.
    Mine,
    /// Lấy của họ.
    Theirs,
}

/// Hai bản đã gộp: the record's fields and meta after [`merge`], and what was decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// Các trường.
    pub fields: Fields,
    /// Version, time, stamps and `seen` of the result.
    pub meta: RecordMeta,
    /// Every field whose values differed, with whose value the rule keeps (`Both`: asked).
    pub decided: Vec<(String, Side)>,
    /// Questions without an answer: mine kept for now.
    pub unanswered: Vec<String>,
}

impl Merged {
    /// True when every field the two sides differ on comes from theirs.
    pub fn all_theirs(&self) -> bool {
        self.decided.iter().all(|(_, s)| *s == Side::Theirs)
    }

    /// True when every field the two sides differ on keeps mine without asking.
    pub fn all_mine(&self) -> bool {
        self.decided.iter().all(|(_, s)| *s == Side::Mine)
    }

    /// The fields both sides changed.
    pub fn questions(&self) -> impl Iterator<Item = &str> {
        self.decided.iter().filter(|(_, s)| *s == Side::Both).map(|(f, _)| f.as_str())
    }
}

/// The order of two stamps of one value, so both sides keep the same one.
fn stamp_order(s: Option<&FieldStamp>) -> Option<(u64, Millis, &str, &str)> {
    s.map(|s| (s.version, s.at, s.device.as_str(), s.by.as_str()))
}

/// Gộp hai bản: mine and theirs of one record, field by field ([`side`]); a field both
/// changed takes `answer(field)`, mine while unanswered. The result's `seen` includes both
/// sides', so it wins the next exchange without asking again. Its version is the higher of
/// the two, + 1 when it is neither side as it was (fields from both, or an answer), so
/// merging mine into theirs gives what merging theirs into mine gives.
pub fn merge(
    mine: (&Fields, &RecordMeta),
    theirs: (&Fields, &RecordMeta),
    answer: impl Fn(&str) -> Option<Pick>,
) -> Merged {
    let (mine_fields, mine_meta) = mine;
    let (theirs_fields, theirs_meta) = theirs;
    let names: BTreeSet<&String> = mine_fields.keys().chain(theirs_fields.keys()).collect();
    let mut fields = Fields::new();
    let mut stamps = BTreeMap::new();
    let mut decided = Vec::new();
    let mut unanswered = Vec::new();
    let (mut took_mine, mut took_theirs, mut answered) = (false, false, false);
    for name in names {
        let (a, b) = (mine_fields.get(name), theirs_fields.get(name));
        let (sa, sb) = (mine_meta.fields.get(name), theirs_meta.fields.get(name));
        let pick = if a == b {
            if stamp_order(sb) > stamp_order(sa) {
                Pick::Theirs
            } else {
                Pick::Mine
            }
        } else {
            let s = side(name, mine_meta, theirs_meta);
            decided.push((name.clone(), s));
            let p = match s {
                Side::Mine => Pick::Mine,
                Side::Theirs => Pick::Theirs,
                Side::Both => match answer(name) {
                    Some(p) => {
                        answered = true;
                        p
                    }
                    None => {
                        unanswered.push(name.clone());
                        Pick::Mine
                    }
                },
            };
            match p {
                Pick::Mine => took_mine = true,
                Pick::Theirs => took_theirs = true,
            }
            p
        };
        let (value, s) = match pick {
            Pick::Mine => (a, sa),
            Pick::Theirs => (b, sb),
        };
        if let Some(v) = value {
            fields.insert(name.clone(), v.clone());
        }
        if let Some(s) = s {
            stamps.insert(name.clone(), s.clone());
        }
    }
    let mut seen = mine_meta.seen.clone();
    for (device, v) in &theirs_meta.seen {
        let slot = seen.entry(device.clone()).or_insert(0);
        *slot = (*slot).max(*v);
    }
    let top = mine_meta.version.max(theirs_meta.version);
    let version = if answered || (took_mine && took_theirs) { RecordMeta::after(top) } else { top };
    // Nguồn gốc: the file the kept values came in. Values from theirs alone: theirs' origin
    // (mine's when theirs has none); from mine alone, or no value differing: mine's; from
    // both, or an answer: the later file's (the larger origin), so either order agrees.
    let origin = match (took_mine || answered, took_theirs || answered) {
        (false, true) => theirs_meta.origin.clone().or_else(|| mine_meta.origin.clone()),
        (true, true) => mine_meta.origin.clone().max(theirs_meta.origin.clone()),
        _ => mine_meta.origin.clone(),
    };
    let meta = RecordMeta {
        version,
        updated_at: mine_meta.updated_at.max(theirs_meta.updated_at),
        fields: stamps,
        seen,
        origin,
    };
    Merged { fields, meta, decided, unanswered }
}

/// Hai thẻ: the fields after my save of `mine`, made from `base` (the record as my form
/// opened it), over `stored` (what another tab saved meanwhile): a field I left as opened
/// takes theirs, a field they left takes mine. Fields we both changed to different values
/// take `answer(field)`; without one they are returned as the error, and nothing is decided.
pub fn rebase(
    base: &Fields,
    mine: &Fields,
    stored: &Fields,
    answer: impl Fn(&str) -> Option<Pick>,
) -> Result<Fields, Vec<String>> {
    let names: BTreeSet<&String> = base.keys().chain(mine.keys()).chain(stored.keys()).collect();
    let mut out = Fields::new();
    let mut both = Vec::new();
    for name in names {
        let (o, a, t) = (base.get(name), mine.get(name), stored.get(name));
        let value = if a == o || a == t {
            t
        } else if t == o {
            a
        } else {
            match answer(name) {
                Some(Pick::Mine) => a,
                Some(Pick::Theirs) => t,
                None => {
                    both.push(name.clone());
                    continue;
                }
            }
        };
        if let Some(v) = value {
            out.insert(name.clone(), v.clone());
        }
    }
    if both.is_empty() {
        Ok(out)
    } else {
        Err(both)
    }
}

/// [`rebase`] of whole records: `mine` (edited from `base`) over `current`, with `current`'s
/// meta (the save then bumps it), or the fields both changed.
pub fn rebase_record<T: Serialize + serde::de::DeserializeOwned>(
    base: &T,
    mine: &T,
    current: &T,
) -> Result<T, Vec<String>> {
    let ((b, _), (m, _), (c, meta)) = (split(base), split(mine), split(current));
    let fields = rebase(&b, &m, &c, |_| None)?;
    Ok(join(&fields, &meta).expect("merged fields read back"))
}

/// Why a save was not written: the stored version moved on and the fields named (none when no
/// base was given to merge against, or the record was deleted meanwhile) were changed on both
/// sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveConflict {
    /// Top-level fields both sides changed.
    pub fields: Vec<String>,
}

/// Lưu một bản ghi: the JSON text to store for `mine` (at its new version, as the domain
/// bumped it), given the row `stored` now and, for a form, the record `base` the edit started
/// from. With `checked`, a stored version other than the one before mine is another tab's
/// save: merged field by field against `base` ([`rebase`]) into the version after the stored
/// one, or refused. The fields the save changed are stamped by `author` ([`stamp`]). The store
/// calls this inside its write transaction, for every record it saves.
pub fn save_json(
    stored: Option<&str>,
    mine: &str,
    base: Option<&str>,
    checked: bool,
    author: &Author,
) -> Result<String, SaveConflict> {
    let unreadable = || SaveConflict { fields: Vec::new() };
    let (mut fields, mut meta) = split_json(mine).map_err(|_| unreadable())?;
    // A row that does not read (written by a newer app) is never merged into: refused when
    // checked, else overwritten as before.
    let before = stored.map(split_json).transpose();
    let before = match before {
        Ok(b) => b,
        Err(_) if checked => return Err(unreadable()),
        Err(_) => None,
    };
    let stored_version = before.as_ref().map_or(0, |(_, m)| m.version);
    if checked && RecordMeta::after(stored_version) != meta.version {
        let (Some((theirs, theirs_meta)), Some(base)) = (&before, base) else { return Err(unreadable()) };
        let (base, _) = split_json(base).map_err(|_| unreadable())?;
        fields = rebase(&base, &fields, theirs, |_| None).map_err(|fields| SaveConflict { fields })?;
        meta = RecordMeta::next(Some(theirs_meta), meta.updated_at);
    }
    stamp(before.as_ref().map(|(f, m)| (f, m)), &fields, &mut meta, author);
    let mut all = fields;
    all.insert("meta".into(), serde_json::to_value(&meta).expect("a meta always serialises"));
    Ok(Value::Object(all).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(v: Value) -> Fields {
        match v {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    fn author(device: &str) -> Author {
        Author { device: device.into(), name: format!("Cán bộ {device}") }
    }

    /// `before` saved as `after` by `device` at the next version.
    fn save(before: &(Fields, RecordMeta), after: Fields, device: &str, at: Millis) -> (Fields, RecordMeta) {
        let mut meta = RecordMeta::next(Some(&before.1), at);
        stamp(Some((&before.0, &before.1)), &after, &mut meta, &author(device));
        (after, meta)
    }

    fn base() -> (Fields, RecordMeta) {
        (fields(json!({"id": "c1", "full_name": "Lò Văn A", "birth_year": 1980, "note": ""})), RecordMeta::at(3, 10))
    }

    fn with(r: &(Fields, RecordMeta), key: &str, v: Value) -> Fields {
        let mut f = r.0.clone();
        f.insert(key.into(), v);
        f
    }

    #[test]
    fn a_save_stamps_only_the_fields_it_changed_and_keeps_the_stored_stamps() {
        let b = base();
        let one = save(&b, with(&b, "note", json!("x")), "A", 100);
        assert_eq!(one.1.fields.keys().collect::<Vec<_>>(), ["note"]);
        let s = &one.1.fields["note"];
        assert_eq!((s.device.as_str(), s.version, s.at, s.by.as_str()), ("A", 4, 100, "Cán bộ A"));
        assert_eq!(one.1.seen, BTreeMap::from([("A".to_string(), 4)]));
        // A copy that lost its stamps (an old tab) saved over it: the stored stamps stay.
        let mut stale = one.1.clone();
        stale.fields.clear();
        stale.seen.clear();
        let two_meta = {
            let mut m = RecordMeta::next(Some(&stale), 200);
            stamp(Some((&one.0, &one.1)), &with(&one, "birth_year", json!(1981)), &mut m, &author("A"));
            m
        };
        assert_eq!(two_meta.fields.keys().collect::<Vec<_>>(), ["birth_year", "note"]);
        assert_eq!(two_meta.seen["A"], 5);
    }

    #[test]
    fn different_fields_changed_on_two_devices_combine_without_asking() {
        let b = base();
        let mine = save(&b, with(&b, "note", json!("đã sửa")), "A", 100);
        let theirs = save(&b, with(&b, "birth_year", json!(1981)), "B", 110);
        let m = merge((&mine.0, &mine.1), (&theirs.0, &theirs.1), |_| None);
        assert!(m.unanswered.is_empty());
        assert_eq!(m.fields["note"], json!("đã sửa"));
        assert_eq!(m.fields["birth_year"], json!(1981));
        assert_eq!(m.meta.version, 5);
        assert_eq!(m.meta.updated_at, 110);
        assert_eq!(m.meta.seen, BTreeMap::from([("A".to_string(), 4), ("B".to_string(), 4)]));
        let back = merge((&theirs.0, &theirs.1), (&mine.0, &mine.1), |_| None);
        assert_eq!((back.fields, back.meta), (m.fields.clone(), m.meta.clone()));
        // The merged record sent back wins on both sides without a question.
        let again = merge((&mine.0, &mine.1), (&m.fields, &m.meta), |_| None);
        assert!(again.all_theirs() && again.unanswered.is_empty());
    }

    #[test]
    fn the_same_field_changed_on_both_is_asked_once_and_the_answer_holds_next_time() {
        let b = base();
        let mine = save(&b, with(&b, "note", json!("của A")), "A", 100);
        let theirs = save(&b, with(&b, "note", json!("của B")), "B", 110);
        let m = merge((&mine.0, &mine.1), (&theirs.0, &theirs.1), |_| None);
        assert_eq!(m.questions().collect::<Vec<_>>(), ["note"]);
        assert_eq!(m.unanswered, ["note"]);
        let kept = merge((&mine.0, &mine.1), (&theirs.0, &theirs.1), |f| (f == "note").then_some(Pick::Mine));
        assert_eq!(kept.fields["note"], json!("của A"));
        assert_eq!(kept.meta.version, 5);
        // B receives A's answer: it is newer than B's change, no question.
        let at_b = merge((&theirs.0, &theirs.1), (&kept.fields, &kept.meta), |_| None);
        assert!(at_b.unanswered.is_empty());
        assert_eq!(at_b.fields["note"], json!("của A"));
    }

    #[test]
    fn records_from_before_stamps_keep_the_higher_version_and_ask_on_a_tie() {
        let b = base();
        let mut newer = b.clone();
        newer.0.insert("note".into(), json!("mới"));
        newer.1 = RecordMeta::at(5, 50);
        let m = merge((&b.0, &b.1), (&newer.0, &newer.1), |_| None);
        assert!(m.all_theirs());
        assert_eq!(m.fields["note"], json!("mới"));
        newer.1 = RecordMeta::at(3, 50);
        assert_eq!(merge((&b.0, &b.1), (&newer.0, &newer.1), |_| None).unanswered, ["note"]);
    }

    #[test]
    fn rebase_takes_each_field_from_whoever_changed_it() {
        let b = base();
        let mine = with(&b, "note", json!("tab 1"));
        let stored = with(&b, "birth_year", json!(1990));
        let out = rebase(&b.0, &mine, &stored, |_| None).unwrap();
        assert_eq!(out["note"], json!("tab 1"));
        assert_eq!(out["birth_year"], json!(1990));
        let stored = with(&b, "note", json!("tab 2"));
        assert_eq!(rebase(&b.0, &mine, &stored, |_| None), Err(vec!["note".to_string()]));
        let answered = rebase(&b.0, &mine, &stored, |_| Some(Pick::Theirs)).unwrap();
        assert_eq!(answered["note"], json!("tab 2"));
    }

    #[test]
    fn split_and_join_round_trip_a_record() {
        let mut c = crate::model::Cadre::blank("c1".into(), "u1".into());
        c.meta = RecordMeta::at(2, 9);
        c.meta.seen.insert("A".into(), 2);
        let (f, m) = split(&c);
        assert!(!f.contains_key("meta"));
        let back: crate::model::Cadre = join(&f, &m).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn a_save_over_another_tabs_save_merges_disjoint_fields_and_names_shared_ones() {
        let text = |f: &Fields, m: &RecordMeta| {
            let mut all = f.clone();
            all.insert("meta".into(), serde_json::to_value(m).unwrap());
            Value::Object(all).to_string()
        };
        let b = base();
        let opened = text(&b.0, &b.1);
        let other_tab = save(&b, with(&b, "birth_year", json!(1990)), "A", 50);
        let stored = text(&other_tab.0, &other_tab.1);
        let mine_fields = with(&b, "note", json!("tab 1"));
        let mine = text(&mine_fields, &RecordMeta::next(Some(&b.1), 60));
        // Unchecked or without a base: the old behaviour.
        assert!(save_json(Some(&stored), &mine, None, true, &author("A")).is_err());
        let out = save_json(Some(&stored), &mine, Some(&opened), true, &author("A")).unwrap();
        let (f, m) = split_json(&out).unwrap();
        assert_eq!((f["note"].clone(), f["birth_year"].clone()), (json!("tab 1"), json!(1990)));
        assert_eq!(m.version, 5, "the version after the stored one");
        assert_eq!(m.fields.keys().collect::<Vec<_>>(), ["birth_year", "note"]);
        assert_eq!(m.fields["note"].version, 5);
        let clash = text(&with(&b, "birth_year", json!(1970)), &RecordMeta::next(Some(&b.1), 60));
        let e = save_json(Some(&stored), &clash, Some(&opened), true, &author("A")).unwrap_err();
        assert_eq!(e.fields, ["birth_year"]);
        // In step with what is stored: written and stamped.
        let next = text(&with(&other_tab, "note", json!("x")), &RecordMeta::next(Some(&other_tab.1), 70));
        let (_, m) = split_json(&save_json(Some(&stored), &next, None, true, &author("B")).unwrap()).unwrap();
        assert_eq!((m.version, m.fields["note"].device.as_str(), m.seen["B"]), (5, "B", 5));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        const NAMES: [&str; 5] = ["a", "b", "c", "d", "e"];

        /// A common record, then each side changes some fields (a bit set over NAMES) to its
        /// own values, possibly in several saves.
        fn parted(
            mine_set: u8,
            theirs_set: u8,
            mine_saves: u8,
            theirs_saves: u8,
        ) -> ((Fields, RecordMeta), (Fields, RecordMeta)) {
            let start: Fields = NAMES.iter().map(|n| (n.to_string(), json!(0))).collect();
            let common = (start, RecordMeta::at(2, 1));
            let edit = |side: &str, set: u8, saves: u8, device: &str| {
                let mut r = common.clone();
                for round in 0..saves.max(1) {
                    let mut f = r.0.clone();
                    for (i, n) in NAMES.iter().enumerate() {
                        if set & (1 << i) != 0 {
                            f.insert(n.to_string(), json!(format!("{side}{round}")));
                        }
                    }
                    r = save(&r, f, device, 10 + i64::from(round));
                }
                r
            };
            (edit("m", mine_set, mine_saves, "A"), edit("t", theirs_set, theirs_saves, "B"))
        }

        proptest! {
            #[test]
            fn disjoint_changes_merge_the_same_either_way_and_lose_nothing(
                mine_set in 0u8..32, theirs_set in 0u8..32, ms in 1u8..4, ts in 1u8..4,
            ) {
                let theirs_set = theirs_set & !mine_set;
                let (mine, theirs) = parted(mine_set, theirs_set, ms, ts);
                let one = merge((&mine.0, &mine.1), (&theirs.0, &theirs.1), |_| None);
                let two = merge((&theirs.0, &theirs.1), (&mine.0, &mine.1), |_| None);
                prop_assert!(one.unanswered.is_empty());
                prop_assert_eq!(&one.fields, &two.fields);
                prop_assert_eq!(&one.meta, &two.meta);
                for (i, n) in NAMES.iter().enumerate() {
                    let expected = if mine_set & (1 << i) != 0 { &mine.0[*n] }
                        else if theirs_set & (1 << i) != 0 { &theirs.0[*n] } else { &json!(0) };
                    prop_assert_eq!(&one.fields[*n], expected, "field {} changed on one side only", n);
                }
            }

            #[test]
            fn merging_is_idempotent(mine_set in 0u8..32, theirs_set in 0u8..32, ms in 1u8..4, ts in 1u8..4) {
                let (mine, theirs) = parted(mine_set, theirs_set, ms, ts);
                let once = merge((&mine.0, &mine.1), (&theirs.0, &theirs.1), |_| Some(Pick::Theirs));
                let twice = merge((&once.fields, &once.meta), (&theirs.0, &theirs.1), |_| None);
                prop_assert!(twice.unanswered.is_empty());
                prop_assert_eq!(&twice.fields, &once.fields);
                prop_assert_eq!(&twice.meta, &once.meta);
                let with_self = merge((&mine.0, &mine.1), (&mine.0, &mine.1), |_| None);
                prop_assert_eq!(&with_self.fields, &mine.0);
                prop_assert_eq!(&with_self.meta, &mine.1);
            }

            #[test]
            fn only_fields_both_changed_to_different_values_are_asked(
                mine_set in 0u8..32, theirs_set in 0u8..32, ms in 1u8..4, ts in 1u8..4,
            ) {
                let (mine, theirs) = parted(mine_set, theirs_set, ms, ts);
                let m = merge((&mine.0, &mine.1), (&theirs.0, &theirs.1), |_| None);
                let asked: Vec<&str> = m.questions().collect();
                let both: Vec<&str> =
                    NAMES.iter().enumerate().filter(|(i, _)| mine_set & theirs_set & (1 << i) != 0).map(|(_, n)| *n).collect();
                prop_assert_eq!(asked, both);
            }
        }
    }

    fn origin(unit: &str, exported_at: Millis) -> Option<crate::model::Origin> {
        Some(crate::model::Origin {
            unit_id: Some(unit.into()),
            unit_name: format!("Xã {unit}"),
            exported_at,
            ..Default::default()
        })
    }

    #[test]
    fn the_origin_follows_the_file_whose_values_are_kept() {
        let b = base();
        let mut from_a = save(&b, with(&b, "note", json!("của xã A")), "A", 100);
        from_a.1.origin = origin("a", 100);
        // Theirs alone kept: their origin, also over a local record that had none.
        let m = merge((&b.0, &b.1), (&from_a.0, &from_a.1), |_| None);
        assert_eq!(m.meta.origin, origin("a", 100));
        // Mine alone kept (theirs is older): mine's, even when mine has none.
        let m = merge((&from_a.0, &RecordMeta { origin: None, ..from_a.1.clone() }), (&b.0, &b.1), |_| None);
        assert_eq!(m.meta.origin, None);
        // Nothing differs: where it came from first still holds.
        let mut again = b.clone();
        again.1.origin = origin("b", 300);
        assert_eq!(merge((&b.0, &b.1), (&again.0, &again.1), |_| None).meta.origin, None);
        // Values from both files: the later file's, whichever side is mine.
        let mut from_b = save(&b, with(&b, "birth_year", json!(1981)), "B", 200);
        from_b.1.origin = origin("b", 200);
        let ab = merge((&from_a.0, &from_a.1), (&from_b.0, &from_b.1), |_| None);
        let ba = merge((&from_b.0, &from_b.1), (&from_a.0, &from_a.1), |_| None);
        assert_eq!((ab.meta.origin.clone(), ba.meta.origin), (origin("b", 200), origin("b", 200)));
    }

    #[test]
    fn a_local_save_keeps_the_stored_origin_whatever_the_form_carried() {
        let mut stored = base();
        stored.1.origin = origin("a", 100);
        let mut meta = RecordMeta::next(Some(&RecordMeta { origin: None, ..stored.1.clone() }), 500);
        stamp(Some((&stored.0, &stored.1)), &with(&stored, "note", json!("sửa tại huyện")), &mut meta, &author("H"));
        assert_eq!(meta.origin, origin("a", 100));
        assert_eq!(RecordMeta::next(Some(&stored.1), 600).origin, origin("a", 100));
    }
}
