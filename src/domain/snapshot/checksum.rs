//! Mã kiểm tra: the SHA-256 of the canonical form of a snapshot's `records` member.
//!
//! # What bytes are hashed
//!
//! The `records` value as it stands in the file (before any migration), written as JSON in
//! its canonical form:
//!
//! - no white space outside strings;
//! - object members sorted by key, comparing the keys' UTF-8 bytes (= code-point order);
//!   every member kept, unknown ones too;
//! - strings escaped as serde_json writes them: `"` and `\` escaped with a backslash, the
//!   control characters as `\b \f \n \r \t` or `\u00XX` (lower-case hex), everything else
//!   (non-ASCII included, `/` included) as raw UTF-8;
//! - integers in plain decimal; other numbers in the shortest form that reads back to the same
//!   `f64` (serde_json/ryu: `0.5`, `12.0`, `1e-7`);
//! - `true`, `false`, `null`.
//!
//! The `checksum` member holds `"sha256:"` followed by the 64 lower-case hex digits.

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::Records;

/// Prefix of the checksum string.
pub const PREFIX: &str = "sha256:";

/// Feeds bytes to the hasher (and optionally keeps them, for tests).
struct Sink<'a> {
    hasher: Sha256,
    keep: Option<&'a mut Vec<u8>>,
}

impl Sink<'_> {
    fn put(&mut self, b: &[u8]) {
        self.hasher.update(b);
        if let Some(k) = self.keep.as_deref_mut() {
            k.extend_from_slice(b);
        }
    }

    fn string(&mut self, s: &str) {
        // serde_json's escaping, written straight into the hasher.
        let mut buf = Vec::with_capacity(s.len() + 2);
        serde_json::to_writer(&mut buf, s).expect("a string always serialises");
        self.put(&buf);
    }

    fn value(&mut self, v: &Value) {
        match v {
            Value::Null => self.put(b"null"),
            Value::Bool(true) => self.put(b"true"),
            Value::Bool(false) => self.put(b"false"),
            Value::Number(n) => self.put(n.to_string().as_bytes()),
            Value::String(s) => self.string(s),
            Value::Array(a) => {
                self.put(b"[");
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        self.put(b",");
                    }
                    self.value(x);
                }
                self.put(b"]");
            }
            Value::Object(o) => {
                let mut keys: Vec<&String> = o.keys().collect();
                keys.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
                self.put(b"{");
                for (i, k) in keys.into_iter().enumerate() {
                    if i > 0 {
                        self.put(b",");
                    }
                    self.string(k);
                    self.put(b":");
                    self.value(&o[k]);
                }
                self.put(b"}");
            }
        }
    }

    fn finish(self) -> String {
        let digest = self.hasher.finalize();
        let mut s = String::with_capacity(PREFIX.len() + 64);
        s.push_str(PREFIX);
        for b in digest {
            s.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            s.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
        }
        s
    }
}

/// The checksum of a `records` value as read from a file.
pub fn of_value(records: &Value) -> String {
    let mut sink = Sink { hasher: Sha256::new(), keep: None };
    sink.value(records);
    sink.finish()
}

/// The canonical bytes of a value (what [`of_value`] hashes), for tests and other tools.
pub fn canonical_bytes(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    let mut sink = Sink { hasher: Sha256::new(), keep: Some(&mut out) };
    sink.value(v);
    drop(sink);
    out
}

/// The checksum of typed records, streamed record by record (never builds the whole tree):
/// equal to `of_value(&serde_json::to_value(records))`.
pub fn of_records(r: &Records) -> String {
    fn list<T: Serialize>(sink: &mut Sink<'_>, items: &[T]) {
        sink.put(b"[");
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                sink.put(b",");
            }
            sink.value(&serde_json::to_value(it).expect("records always serialise"));
        }
        sink.put(b"]");
    }
    let mut sink = Sink { hasher: Sha256::new(), keep: None };
    // Keys in byte order: cadres, directives, settings, templates, tombstones, units.
    sink.put(b"{\"cadres\":");
    list(&mut sink, &r.cadres);
    sink.put(b",\"directives\":");
    list(&mut sink, &r.directives);
    sink.put(b",\"settings\":");
    sink.value(&serde_json::to_value(&r.settings).expect("settings always serialise"));
    sink.put(b",\"templates\":");
    list(&mut sink, &r.templates);
    sink.put(b",\"tombstones\":");
    list(&mut sink, &r.tombstones);
    sink.put(b",\"units\":");
    list(&mut sink, &r.units);
    sink.put(b"}");
    sink.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_form_sorts_keys_and_drops_white_space() {
        let v: Value = serde_json::from_str("{ \"b\" : [1, 2.5, \"x/y\\u0001é\"], \"a\" : {\"z\":null, \"Z\": true} }").unwrap();
        assert_eq!(
            String::from_utf8(canonical_bytes(&v)).unwrap(),
            "{\"a\":{\"Z\":true,\"z\":null},\"b\":[1,2.5,\"x/y\\u0001é\"]}"
        );
    }

    #[test]
    fn known_digest() {
        // SHA-256 of the 2 bytes "{}".
        assert_eq!(of_value(&json!({})), "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    #[test]
    fn typed_and_value_checksums_agree() {
        let mut r = Records::default();
        r.units.push(crate::domain::model::Unit {
            id: "u1".into(),
            name: "Xã Nậm Sơn".into(),
            level: crate::domain::model::GovLevel::Commune,
            kind: crate::domain::model::UnitKind::Government,
            region: crate::domain::model::Region::Mountain,
            parent_id: None,
            meta: Default::default(),
        });
        r.cadres.push(crate::domain::model::Cadre::blank("c1".into(), "u1".into()));
        r.settings.insert("nam_bao_cao".into(), json!(2026));
        assert_eq!(of_records(&r), of_value(&serde_json::to_value(&r).unwrap()));
    }
}
