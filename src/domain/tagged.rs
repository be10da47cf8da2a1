//! Hand-written `Deserialize` for the internally tagged enums (`{"rule": "minus", "base": …}`).
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

use serde::de::{Error, MapAccess};

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
