//! Fuzz target: the snapshot reader and validator (`domain::snapshot::import`) on arbitrary
//! bytes, against an empty receiver and a small one. Must never panic; when a file is
//! accepted, its preview and merge must not panic either, and a re-export must read back.
//!
//! Each input is tried twice: as it is, and — when it is a JSON object with `records` —
//! resealed with a correct checksum, so that mutations get past the checksum to the type
//! checks, the migrations, the domain rules and the merge.
#![no_main]

use std::sync::OnceLock;

use dtbd::domain::fixtures::generate_roster;
use dtbd::domain::roster::Roster;
use dtbd::domain::snapshot::{checksum, import, merge, preview, Dataset, Resolutions};
use libfuzzer_sys::fuzz_target;

fn receiver() -> &'static Dataset {
    static R: OnceLock<Dataset> = OnceLock::new();
    R.get_or_init(|| Dataset { roster: generate_roster(1, 60, 40), ..Dataset::default() })
}

fn check(data: &[u8]) {
    let _ = import(data, &Roster::default());
    let local = receiver();
    if let Ok(imported) = import(data, &local.roster) {
        let incoming = imported.snapshot.dataset();
        let _ = preview(local, &incoming);
        let out = merge(local, &incoming, &Resolutions::all_theirs());
        assert!(out.unresolved.is_empty());
        let again = import(imported.snapshot.to_json().as_bytes(), &local.roster);
        assert!(again.is_ok(), "an accepted snapshot, written again, must read back: {again:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    check(data);
    if let Ok(serde_json::Value::Object(mut doc)) = serde_json::from_slice::<serde_json::Value>(data) {
        if let Some(records) = doc.get("records") {
            let c = checksum::of_value(records);
            doc.insert("checksum".into(), c.into());
            check(&serde_json::to_vec(&doc).expect("a value serialises"));
        }
    }
});
