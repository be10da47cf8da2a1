//! Hand-written `Deserialize` for the internally tagged enums (`{"rule": "minus", "base": …}`)
//! and the code enums (`"thac_si"`), smaller in wasm than serde's derive.
//!
//! serde's derive reads an internally tagged enum by first buffering the whole object into its
//! private `Content` tree and then deserialising the variant from that tree, which
//! monomorphises a second deserialiser for every type nested inside (some 55 KB of wasm for
//! the directive engine's four enums). These impls read the object once instead: each key into
//! a local (every variant's fields, all optional), then build the variant the tag names. The
//! JSON format is unchanged: `Serialize` stays derived, with its `#[serde(tag = …)]`.
//!
//! Differences from the derive, all on malformed input only: a repeated key keeps the last
//! value, and a key of another variant is still read with that variant's type.

use serde::de::{Error, MapAccess, Visitor};
use serde::Deserializer;

/// `Deserialize` for `$ty` through `visit_map`: `$body` reads `$map` (a [`MapAccess`]) and
/// returns the value.
macro_rules! tagged_deserialize {
    ($ty:ty, $expecting:literal, |$map:ident| $body:block) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    #[allow(unused_mut)]
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut $map: A) -> Result<$ty, A::Error> $body
                }
                d.deserialize_map(V)
            }
        }
    };
}
pub(crate) use tagged_deserialize;

/// The next key of `map`, `None` at the end.
pub(crate) fn key<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<String>, A::Error> {
    map.next_key::<String>()
}

/// Skips the value of an unknown key.
pub(crate) fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<serde::de::IgnoredAny>().map(|_| ())
}

/// A required field: "missing field `name`" when absent.
pub(crate) fn req<T, E: Error>(v: Option<T>, name: &'static str) -> Result<T, E> {
    v.ok_or_else(|| E::missing_field(name))
}

/// Reads a code (a JSON string) and returns its position in `codes`; "unknown variant `x`,
/// expected one of …" otherwise. One visitor for every code enum: the derive's per-enum
/// visitors (enum access, variant identifier, bytes and index forms) cost about 1 KB each.
pub(crate) fn code_index<'de, D: Deserializer<'de>>(d: D, codes: &'static [&'static str]) -> Result<usize, D::Error> {
    struct V(&'static [&'static str]);
    impl<'de> Visitor<'de> for V {
        type Value = usize;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a code (string)")
        }
        fn visit_str<E: Error>(self, s: &str) -> Result<usize, E> {
            self.0.iter().position(|c| *c == s).ok_or_else(|| E::unknown_variant(s, self.0))
        }
    }
    d.deserialize_str(V(codes))
}

/// `Deserialize` for a fieldless enum from its codes: `code_deserialize!(T { A = "a", B = "b" })`.
macro_rules! code_deserialize {
    ($ty:ident { $($var:ident = $code:literal),+ $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const ALL: &[$ty] = &[$($ty::$var),+];
                $crate::tagged::code_index(d, &[$($code),+]).map(|i| ALL[i])
            }
        }
    };
}
pub(crate) use code_deserialize;

#[cfg(test)]
mod tests {
    use crate::directive::{Criterion, GroupRule, Measure, Window};
    use crate::model::Category;
    use crate::snapshot::Scope;

    fn err<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        serde_json::from_str::<T>(json).unwrap_err().to_string()
    }

    #[test]
    fn tag_anywhere_unknown_keys_skipped_round_trip() {
        let r: GroupRule = serde_json::from_str(
            r#"{"base": {"works_in_x": 1, "rule": "everyone"}, "note": [1, {"a": null}], "rule": "minus",
                "except": {"any_of": ["cong_chuc"], "rule": "category"}}"#,
        )
        .unwrap();
        let GroupRule::Minus { base, except } = &r else { panic!("{r:?}") };
        assert_eq!(**base, GroupRule::Everyone);
        assert_eq!(**except, GroupRule::Category { any_of: vec![Category::from_code("cong_chuc").unwrap()] });
        assert_eq!(serde_json::from_str::<GroupRule>(&serde_json::to_string(&r).unwrap()).unwrap(), r);
        let m: Measure = serde_json::from_str(
            r#"{"criteria": [{"scale": "professional", "level": "thac_si", "criterion": "level"}], "kind": "share"}"#,
        )
        .unwrap();
        assert!(matches!(&m.criteria()[0], Criterion::Level { count_studying: false, .. }));
        let w: Window = serde_json::from_str(r#"{"to": 2030, "from": 2026, "every": "period"}"#).unwrap();
        assert_eq!(w, Window::Period { from: 2026, to: 2030 });
        let s: Scope = serde_json::from_str(r#"{"unit_id": "u1", "kind": "subtree"}"#).unwrap();
        assert_eq!(s, Scope::Subtree { unit_id: "u1".into(), unit_name: String::new() });
    }

    #[test]
    fn errors_read_like_the_derive() {
        assert!(err::<GroupRule>(r#"{"id": "g"}"#).starts_with("missing field `rule`"));
        assert!(err::<GroupRule>(r#"{"rule": "group"}"#).starts_with("missing field `id`"));
        assert!(err::<GroupRule>(r#"{"rule": "nobody"}"#)
            .starts_with("unknown variant `nobody`, expected one of `everyone`"));
        assert!(err::<Measure>(
            r#"{"kind": "share", "criteria": [{"criterion": "level", "scale": "x", "level": "a"}]}"#
        )
        .starts_with("unknown variant `x`, expected one of `professional`"));
        assert!(err::<GroupRule>(r#"{"rule": "category", "any_of": ["khong_co"]}"#)
            .starts_with("unknown variant `khong_co`"));
        assert!(err::<Scope>(r#"{"kind": "subtree"}"#).starts_with("missing field `unit_id`"));
        assert!(err::<GroupRule>(r#"[]"#).starts_with("invalid type: sequence"));
    }
}
