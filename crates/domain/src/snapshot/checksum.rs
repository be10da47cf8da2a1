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

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::Records;

/// Prefix of the checksum string.
pub const PREFIX: &str = "sha256:";

/// Feeds bytes to the hasher through a buffer (and optionally keeps them, for tests).
struct Sink<'a> {
    hasher: Sha256,
    buf: Vec<u8>,
    keep: Option<&'a mut Vec<u8>>,
}

const CHUNK: usize = 1 << 16;

impl<'a> Sink<'a> {
    fn new(keep: Option<&'a mut Vec<u8>>) -> Self {
        Sink { hasher: Sha256::new(), buf: Vec::with_capacity(CHUNK + 1024), keep }
    }

    fn flush(&mut self) {
        self.hasher.update(&self.buf);
        if let Some(k) = self.keep.as_deref_mut() {
            k.extend_from_slice(&self.buf);
        }
        self.buf.clear();
    }

    fn put(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
        if self.buf.len() >= CHUNK {
            self.flush();
        }
    }

    fn string(&mut self, s: &str) {
        // serde_json's escaping.
        serde_json::to_writer(&mut self.buf, s).expect("a string always serialises");
        if self.buf.len() >= CHUNK {
            self.flush();
        }
    }

    fn value(&mut self, v: &Value) {
        match v {
            Value::Null => self.put(b"null"),
            Value::Bool(true) => self.put(b"true"),
            Value::Bool(false) => self.put(b"false"),
            Value::Number(n) => {
                serde_json::to_writer(&mut self.buf, n).expect("a number always serialises");
            }
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
                self.put(b"{");
                let sorted = o.keys().zip(o.keys().skip(1)).all(|(a, b)| a.as_bytes() <= b.as_bytes());
                if sorted {
                    for (i, (k, x)) in o.iter().enumerate() {
                        if i > 0 {
                            self.put(b",");
                        }
                        self.string(k);
                        self.put(b":");
                        self.value(x);
                    }
                } else {
                    let mut keys: Vec<&String> = o.keys().collect();
                    keys.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
                    for (i, k) in keys.into_iter().enumerate() {
                        if i > 0 {
                            self.put(b",");
                        }
                        self.string(k);
                        self.put(b":");
                        self.value(&o[k]);
                    }
                }
                self.put(b"}");
            }
        }
    }

    fn finish(mut self) -> String {
        self.flush();
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
    let mut sink = Sink::new(None);
    sink.value(records);
    sink.finish()
}

/// The canonical bytes of a value (what [`of_value`] hashes), for tests and other tools.
pub fn canonical_bytes(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    let mut sink = Sink::new(Some(&mut out));
    sink.value(v);
    sink.finish();
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
    let mut sink = Sink::new(None);
    // Keys in byte order: aggregates, baselines, cadres, directives, enrollments, history, lines, plans,
    // receipts, settings, templates, tombstones, units.
    sink.put(b"{\"aggregates\":");
    list(&mut sink, &r.aggregates);
    sink.put(b",\"baselines\":");
    list(&mut sink, &r.baselines);
    sink.put(b",\"cadres\":");
    list(&mut sink, &r.cadres);
    sink.put(b",\"directives\":");
    list(&mut sink, &r.directives);
    sink.put(b",\"enrollments\":");
    list(&mut sink, &r.enrollments);
    sink.put(b",\"history\":");
    list(&mut sink, &r.history);
    sink.put(b",\"lines\":");
    list(&mut sink, &r.lines);
    sink.put(b",\"plans\":");
    list(&mut sink, &r.plans);
    sink.put(b",\"receipts\":");
    list(&mut sink, &r.receipts);
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

/// Writes the canonical form of whatever JSON value it reads, without building a tree.
struct Canon<'a>(&'a mut Vec<u8>);

impl<'de> DeserializeSeed<'de> for Canon<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Canon<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<(), E> {
        self.0.extend_from_slice(if b { b"true" } else { b"false" });
        Ok(())
    }

    fn visit_i64<E>(self, n: i64) -> Result<(), E> {
        serde_json::to_writer(&mut *self.0, &n).expect("a number always serialises");
        Ok(())
    }

    fn visit_u64<E>(self, n: u64) -> Result<(), E> {
        serde_json::to_writer(&mut *self.0, &n).expect("a number always serialises");
        Ok(())
    }

    fn visit_f64<E>(self, n: f64) -> Result<(), E> {
        match serde_json::Number::from_f64(n) {
            Some(n) => serde_json::to_writer(&mut *self.0, &n).expect("a number always serialises"),
            None => self.0.extend_from_slice(b"null"),
        }
        Ok(())
    }

    fn visit_str<E>(self, s: &str) -> Result<(), E> {
        serde_json::to_writer(&mut *self.0, s).expect("a string always serialises");
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.0.extend_from_slice(b"null");
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.push(b'[');
        let mut first = true;
        loop {
            let mark = self.0.len();
            if !first {
                self.0.push(b',');
            }
            if seq.next_element_seed(Canon(&mut *self.0))?.is_none() {
                self.0.truncate(mark);
                break;
            }
            first = false;
        }
        self.0.push(b']');
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
        while let Some(k) = map.next_key::<String>()? {
            let mut v = Vec::new();
            map.next_value_seed(Canon(&mut v))?;
            entries.push((k, v));
        }
        // A repeated key keeps its last value, as serde_json's maps do.
        entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let mut out: Vec<(String, Vec<u8>)> = Vec::with_capacity(entries.len());
        for e in entries {
            match out.last_mut() {
                Some(last) if last.0 == e.0 => *last = e,
                _ => out.push(e),
            }
        }
        self.0.push(b'{');
        for (i, (k, v)) in out.iter().enumerate() {
            if i > 0 {
                self.0.push(b',');
            }
            serde_json::to_writer(&mut *self.0, k.as_str()).expect("a string always serialises");
            self.0.push(b':');
            self.0.extend_from_slice(v);
        }
        self.0.push(b'}');
        Ok(())
    }
}

/// The members of a document that are checked before its types: read in one pass over the
/// text, with `records` reduced to its canonical bytes (no tree is built).
#[derive(Debug, Default)]
pub struct Envelope {
    /// `format`, as found.
    pub format: Option<Value>,
    /// `schema_version`, as found.
    pub schema_version: Option<Value>,
    /// `checksum`, as found.
    pub checksum: Option<Value>,
    /// The canonical bytes of `records`, when present.
    pub records: Option<Vec<u8>>,
    /// Every other top-level member, as found (`exported_at`, `exported_by`, `scope`, and any
    /// key the format does not have, which the reader refuses).
    pub others: serde_json::Map<String, Value>,
}

struct EnvelopeVisitor;

impl<'de> Visitor<'de> for EnvelopeVisitor {
    type Value = Envelope;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope, A::Error> {
        let mut env = Envelope::default();
        while let Some(k) = map.next_key::<String>()? {
            match k.as_str() {
                "format" => env.format = Some(map.next_value()?),
                "schema_version" => env.schema_version = Some(map.next_value()?),
                "checksum" => env.checksum = Some(map.next_value()?),
                "records" => {
                    let mut buf = Vec::new();
                    map.next_value_seed(Canon(&mut buf))?;
                    env.records = Some(buf);
                }
                _ => {
                    let v: Value = map.next_value()?;
                    env.others.insert(k, v);
                }
            }
        }
        Ok(env)
    }
}

/// Reads the envelope of a document. A syntax error is serde_json's; a document that is not
/// an object gives a `Data` error.
pub fn envelope(bytes: &[u8]) -> Result<Envelope, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let env = de.deserialize_map(EnvelopeVisitor)?;
    de.end()?;
    Ok(env)
}

/// "sha256:" + hex of the SHA-256 of `bytes`.
pub fn of_bytes(bytes: &[u8]) -> String {
    let mut sink = Sink::new(None);
    sink.hasher.update(bytes);
    sink.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_form_sorts_keys_and_drops_white_space() {
        let v: Value =
            serde_json::from_str("{ \"b\" : [1, 2.5, \"x/y\\u0001é\"], \"a\" : {\"z\":null, \"Z\": true} }").unwrap();
        assert_eq!(
            String::from_utf8(canonical_bytes(&v)).unwrap(),
            "{\"a\":{\"Z\":true,\"z\":null},\"b\":[1,2.5,\"x/y\\u0001é\"]}"
        );
    }

    #[test]
    fn streamed_canonical_form_equals_the_trees() {
        for text in [
            r#"{"b":[1,-2,2.5,1e300,18446744073709551615,-9223372036854775808,12345678901234567890123],"a":{"z":null,"Z":true,"é":"x\n\u0001/\"\\"},"c":[],"d":{}}"#,
            r#"{"k":1,"k":2,"a":[{"y":1,"x":[null,false]}]}"#,
            "[\"\\ud83d\\ude00 😀\", 0.1, 100, -0.0]",
        ] {
            let tree: Value = serde_json::from_str(text).unwrap();
            let mut streamed = Vec::new();
            Canon(&mut streamed).deserialize(&mut serde_json::Deserializer::from_str(text)).unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(canonical_bytes(&tree)).unwrap(),
                "{text}"
            );
        }
    }

    #[test]
    fn known_digest() {
        // SHA-256 of the 2 bytes "{}".
        assert_eq!(of_value(&json!({})), "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    #[test]
    fn typed_and_value_checksums_agree() {
        let mut r = Records::default();
        r.units.push(crate::model::Unit {
            id: "u1".into(),
            name: "Xã Nậm Sơn".into(),
            level: crate::model::GovLevel::Commune,
            kind: crate::model::UnitKind::Government,
            region: crate::model::Region::Mountain,
            parent_id: None,
            meta: Default::default(),
        });
        r.cadres.push(crate::model::Cadre::blank("c1".into(), "u1".into()));
        r.settings.insert("nam_bao_cao".into(), json!(2026));
        assert_eq!(of_records(&r), of_value(&serde_json::to_value(&r).unwrap()));
    }
}
