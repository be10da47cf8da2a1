//! Nâng cấp định dạng: pure functions from schema version N to N+1, on the raw JSON document
//! (before it is read into the current types). Each step is tested with a fixture file of
//! version N under `tests/fixtures/snapshot-vN.json`.
//!
//! # History
//!
//! - **v1**: `exported_by` was one free-text string; built-in templates travelled in full
//!   among `records.directives`; there was no `records.templates` nor `records.settings`.
//! - **v2**: `exported_by` is `{unit_id, unit_name, sender}`; built-in templates
//!   travel as `records.templates: [{id, source}]`; `records.settings` holds the sender's
//!   settings.
//! - **v3**: the training records travel: `records.plans`, `records.lines`,
//!   `records.enrollments`, `records.history`, `records.aggregates` (a v2 file gets empty
//!   lists).
//! - **v4**: the mốc số liệu travel: `records.baselines` (a v3 file gets an empty list).
//! - **v5**: `meta.fields` / `meta.seen` (field stamps, for merging field by field)
//!   and tombstones of kinds `enrollment` and `history`. A v4 file reads as it is: its
//!   records have no stamps (merged by version, as v4 did) and no such tombstones; the
//!   version step is there so a v4 app refuses a v5 file rather than misread it.
//! - **v6** (current): `meta.origin` (nguồn gốc: which unit's file a record came in) and
//!   `records.receipts` (lượt nhận số liệu). A v5 file gets an empty `receipts` list; its
//!   records have no origin (they were made where they were sent from).
//!
//! # Adding a version
//!
//! Bump [`super::SCHEMA_VERSION`], write `vN_to_vN+1` on the raw JSON, append it to
//! [`STEPS`], and add `tests/fixtures/snapshot-vN.json` (a file as version N wrote it) with a
//! test that it upgrades.

use serde_json::{Map, Value};

/// One step: the document at version N (the index + OLDEST_VERSION) becomes version N+1.
pub type Step = fn(&mut Map<String, Value>) -> Result<(), String>;

/// Every step, in order: `STEPS[0]` upgrades v1 to v2.
pub const STEPS: &[Step] = &[v1_to_v2, v2_to_v3, v3_to_v4, v4_to_v5, v5_to_v6];

/// Upgrades `doc` (a JSON object at `from`) to [`super::SCHEMA_VERSION`], setting
/// `schema_version` at each step. `from` must lie in `OLDEST_VERSION..=SCHEMA_VERSION`.
pub fn upgrade(doc: &mut Map<String, Value>, from: u32) -> Result<(), String> {
    let mut v = from;
    while v < super::SCHEMA_VERSION {
        let step = STEPS
            .get((v - super::OLDEST_VERSION) as usize)
            .ok_or_else(|| format!("không có bước nâng cấp từ phiên bản {v}"))?;
        step(doc)?;
        v += 1;
        doc.insert("schema_version".into(), Value::from(v));
    }
    Ok(())
}

/// v1 → v2: `exported_by` string → object; built-in templates out of `directives` into
/// `templates` (by reference); an empty `settings`.
pub fn v1_to_v2(doc: &mut Map<String, Value>) -> Result<(), String> {
    match doc.get("exported_by") {
        Some(Value::String(s)) => {
            let sender = s.clone();
            doc.insert("exported_by".into(), serde_json::json!({ "unit_id": null, "unit_name": "", "sender": sender }));
        }
        None | Some(Value::Null) => {
            doc.insert("exported_by".into(), serde_json::json!({ "unit_id": null, "unit_name": "", "sender": "" }));
        }
        Some(_) => {} // Already an object (or wrong: the type check reports it).
    }
    let Some(Value::Object(records)) = doc.get_mut("records") else {
        return Ok(()); // The type check says what is missing.
    };
    let mut templates = Vec::new();
    if let Some(Value::Array(directives)) = records.get_mut("directives") {
        directives.retain(|d| {
            let id = d.get("id").and_then(Value::as_str).unwrap_or("");
            let source = d.get("source").and_then(Value::as_str).unwrap_or("");
            if id.starts_with(super::TEMPLATE_ID_PREFIX) && !source.is_empty() {
                templates.push(serde_json::json!({ "id": id, "source": source }));
                false
            } else {
                true
            }
        });
    }
    records.entry("templates").or_insert(Value::Array(templates));
    records.entry("settings").or_insert_with(|| Value::Object(Map::new()));
    Ok(())
}

/// The lists v3 added to `records`.
pub const V3_LISTS: [&str; 5] = ["plans", "lines", "enrollments", "history", "aggregates"];

/// v2 → v3: empty training lists (`plans`, `lines`, `enrollments`, `history`, `aggregates`)
/// where missing.
pub fn v2_to_v3(doc: &mut Map<String, Value>) -> Result<(), String> {
    let Some(Value::Object(records)) = doc.get_mut("records") else {
        return Ok(()); // The type check says what is missing.
    };
    for key in V3_LISTS {
        records.entry(key).or_insert_with(|| Value::Array(Vec::new()));
    }
    Ok(())
}

/// v3 → v4: an empty `baselines` list (mốc số liệu) where missing.
pub fn v3_to_v4(doc: &mut Map<String, Value>) -> Result<(), String> {
    let Some(Value::Object(records)) = doc.get_mut("records") else {
        return Ok(()); // The type check says what is missing.
    };
    records.entry("baselines").or_insert_with(|| Value::Array(Vec::new()));
    Ok(())
}

/// v4 → v5: nothing to rewrite (stamps and the new tombstone kinds are optional).
pub fn v4_to_v5(_doc: &mut Map<String, Value>) -> Result<(), String> {
    Ok(())
}

/// v5 → v6: an empty `receipts` list (lượt nhận số liệu) where missing; origins are optional.
pub fn v5_to_v6(doc: &mut Map<String, Value>) -> Result<(), String> {
    let Some(Value::Object(records)) = doc.get_mut("records") else {
        return Ok(()); // The type check says what is missing.
    };
    records.entry("receipts").or_insert_with(|| Value::Array(Vec::new()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn v1_sender_and_templates_move() {
        let Value::Object(mut doc) = json!({
            "format": "dtbd-snapshot", "schema_version": 1, "exported_by": "Lò Văn A",
            "records": {"units": [], "cadres": [], "tombstones": [],
                "directives": [{"id": "tpl-000", "source": "seeds/000.txt"}, {"id": "d1", "source": ""}]}
        }) else {
            unreachable!()
        };
        v1_to_v2(&mut doc).unwrap();
        assert_eq!(doc["exported_by"], json!({"unit_id": null, "unit_name": "", "sender": "Lò Văn A"}));
        assert_eq!(doc["records"]["templates"], json!([{"id": "tpl-000", "source": "seeds/000.txt"}]));
        assert_eq!(doc["records"]["directives"], json!([{"id": "d1", "source": ""}]));
        assert_eq!(doc["records"]["settings"], json!({}));
    }

    #[test]
    fn v1_upgrades_all_the_way() {
        let Value::Object(mut doc) = json!({
            "format": "dtbd-snapshot", "schema_version": 1, "exported_by": "Lò Văn A",
            "records": {"units": [], "cadres": [], "tombstones": [], "directives": []}
        }) else {
            unreachable!()
        };
        upgrade(&mut doc, 1).unwrap();
        assert_eq!(doc["schema_version"], json!(super::super::SCHEMA_VERSION));
        for k in V3_LISTS {
            assert_eq!(doc["records"][k], json!([]), "{k}");
        }
    }

    #[test]
    fn v2_gets_empty_training_lists_and_keeps_present_ones() {
        let Value::Object(mut doc) = json!({
            "format": "dtbd-snapshot", "schema_version": 2,
            "records": {"units": [], "cadres": [], "tombstones": [], "directives": [], "templates": [], "settings": {},
                "plans": [{"id": "p1"}]}
        }) else {
            unreachable!()
        };
        v2_to_v3(&mut doc).unwrap();
        assert_eq!(doc["records"]["plans"], json!([{"id": "p1"}]));
        for k in ["lines", "enrollments", "history", "aggregates"] {
            assert_eq!(doc["records"][k], json!([]), "{k}");
        }
    }

    #[test]
    fn v3_gets_an_empty_baseline_list_and_keeps_a_present_one() {
        let Value::Object(mut doc) = json!({"format": "dtbd-snapshot", "schema_version": 3, "records": {"plans": []}})
        else {
            unreachable!()
        };
        upgrade(&mut doc, 3).unwrap();
        assert_eq!(doc["schema_version"], json!(super::super::SCHEMA_VERSION));
        assert_eq!(doc["records"]["baselines"], json!([]));
        let Value::Object(mut doc) = json!({"records": {"baselines": [{"id": "m1"}]}}) else { unreachable!() };
        v3_to_v4(&mut doc).unwrap();
        assert_eq!(doc["records"]["baselines"], json!([{"id": "m1"}]));
    }

    #[test]
    fn v5_gets_an_empty_receipt_list_and_keeps_a_present_one() {
        let Value::Object(mut doc) = json!({"format": "dtbd-snapshot", "schema_version": 5, "records": {"units": []}})
        else {
            unreachable!()
        };
        upgrade(&mut doc, 5).unwrap();
        assert_eq!(doc["schema_version"], json!(6));
        assert_eq!(doc["records"]["receipts"], json!([]));
        let Value::Object(mut doc) = json!({"records": {"receipts": [{"id": "nhan-1"}]}}) else { unreachable!() };
        v5_to_v6(&mut doc).unwrap();
        assert_eq!(doc["records"]["receipts"], json!([{"id": "nhan-1"}]));
    }

    #[test]
    fn one_step_per_version() {
        assert_eq!(STEPS.len() as u32, super::super::SCHEMA_VERSION - super::super::OLDEST_VERSION);
    }
}
