//! Hand-written `Deserialize` for the internally tagged enums (`{"rule": "minus", "base": …}`)
//! and [`coded_enum!`], the one way the domain declares an enum of stable codes (`"thac_si"`),
//! both smaller in wasm than serde's derive.
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

/// Every coded enum of the domain: a fieldless enum whose variants each have a stable code
/// (what stored JSON, snapshots, form values and CSS classes say) and a Vietnamese label.
///
/// ```text
/// coded_enum! {
///     /// Giới tính.
///     #[derive(Default)]            // more derives and attributes as needed
///     Gender {
///         /// Nam.
///         #[default]
///         Male = "nam", "Nam";
///         /// Nữ.
///         Female = "nu", "Nữ";
///     }
/// }
/// ```
///
/// gives `pub enum Gender` (Debug, Clone, Copy, PartialEq, Eq, Hash), `Gender::ALL` and
/// `Gender::CODES` in declaration order, `code()`, `label()`, `from_code()`, `Serialize` as the
/// code (derived, `#[serde(rename = code)]`, so JSON Schema derives see the codes too) and
/// `Deserialize` through the one shared [`code_index`] visitor (no per-enum visitor in wasm).
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $var:ident = $code:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $var, )+
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::tagged::code_index(d, $name::CODES).map(|i| $name::ALL[i])
            }
        }

        #[allow(dead_code)]
        impl $name {
            /// Every value, in declaration order (the order forms and tables list them).
            pub const ALL: &'static [Self] = &[$(Self::$var),+];
            /// Every code, in the order of [`Self::ALL`].
            pub const CODES: &'static [&'static str] = &[$($code),+];

            /// Stable code (JSON, form values).
            pub fn code(self) -> &'static str {
                match self { $(Self::$var => $code),+ }
            }

            /// Vietnamese label.
            pub fn label(self) -> &'static str {
                match self { $(Self::$var => $label),+ }
            }

            /// The value with this code, if any.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}
pub(crate) use coded_enum;

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

    /// Every coded enum with its codes in declaration order. Stored JSON, snapshots, form
    /// values and CSS classes hold these strings: changing one is a data migration, not a
    /// refactor, and this list says so.
    macro_rules! every_coded_enum {
        ($check:ident) => {
            $check!(crate::roster::RecordKind, "unit,cadre,directive,enrollment,history");
            $check!(crate::levels::Professional, "chua,so_cap,trung_cap,cao_dang,dai_hoc,thac_si,tien_si");
            $check!(crate::levels::Political, "chua,so_cap,trung_cap,cao_cap,cu_nhan");
            $check!(crate::levels::StateManagement, "chua,can_su,chuyen_vien,chuyen_vien_chinh,chuyen_vien_cao_cap");
            $check!(crate::levels::ForeignLanguage, "chua,bac_1,bac_2,bac_3,bac_4,bac_5,bac_6");
            $check!(crate::levels::InformationTechnology, "chua,co_ban,nang_cao");
            $check!(crate::levels::DefenceSecurity, "chua,doi_tuong_4,doi_tuong_3,doi_tuong_2,doi_tuong_1");
            $check!(crate::levels::Scale, "professional,political,state_management,foreign_language,information_technology,defence_security");
            $check!(crate::model::GovLevel, "tinh,huyen,xa");
            $check!(crate::model::UnitKind, "dang,chinh_quyen,mttq,doan_the,su_nghiep,nganh_doc");
            $check!(crate::model::Region, "do_thi,dong_bang,mien_nui");
            $check!(crate::model::Gender, "nam,nu");
            $check!(crate::model::Category, "can_bo,cong_chuc,vien_chuc,khong_chuyen_trach,dai_bieu_hdnd,hop_dong");
            $check!(crate::model::CivilGrade, "nhan_vien,can_su,chuyen_vien,chuyen_vien_chinh,chuyen_vien_cao_cap");
            $check!(crate::model::Leadership, "khong,pho,truong");
            $check!(crate::model::Committee, "bch,btv,ubkt,hdnd");
            $check!(crate::monitor::BaselineOrigin, "frozen,entered");
            $check!(crate::roster_import::Field, "id,full_name,birth,gender,ethnicity,local,category,unit,position,committee,planned,civil_grade,professional,professional_field,political,state_management,foreign_language,foreign_language_name,it,defence_security,minority_language,lao_language,note,label");
            $check!(crate::report::Bands, "tuoi,chuyen_mon,llct,qlnn");
            $check!(crate::snapshot::merge::Status, "new,changed,unchanged,conflict,local_newer,deleted,deletion_skipped");
            $check!(crate::snapshot::merge::Choice, "keep_mine,take_theirs");
            $check!(crate::snapshot::Kind, "unit,cadre,directive,template,tombstone,plan,line,enrollment,history,aggregate,baseline,receipt");
            $check!(crate::training::TrainingKind, "dao_tao,boi_duong");
            $check!(crate::training::Attendance, "tap_trung,khong_tap_trung,truc_tuyen,buoi_toi_ngay_nghi");
            $check!(crate::training::FundingSource, "nsnn,ngan_sach_dia_phuong,ca_nhan_tu_chi,nguon_khac");
            $check!(crate::training::Block, "dang_mat_tran_doan_the,nha_nuoc");
            $check!(crate::training::EnrollmentStatus, "de_cu,dang_hoc,hoan_thanh,khong_hoan_thanh,rut");
            $check!(crate::training::StaffKind, "can_bo_cong_chuc,vien_chuc,chung");
            $check!(crate::training::CountUnit, "luot,nguoi");
            $check!(crate::training::ChangeField, "level,studying");
            $check!(crate::training::MinimumPer, "nam,noi_dung_nam,linh_vuc_nam");
            $check!(crate::directive::group::MatchHow, "contains,starts_with,equals");
            $check!(crate::directive::DirectiveKind, "nghi_quyet,ket_luan,de_an,ke_hoach,chi_thi,chuong_trinh,quyet_dinh,bao_cao,khac");
            $check!(crate::directive::score::Status, "dat,dung_tien_do,cham,qua_han,chi_theo_doi,khong_cham_duoc");
            $check!(crate::directive::score::AmountUnit, "percent,persons,events,person_times");
            $check!(crate::directive::score::BaselineSource, "snapshot,stated,implied");
            $check!(crate::directive::target::EventKind, "class,degree_class,delegation,workshop");
            $check!(crate::directive::target::WindowKind, "year,years,term,period");
            $check!(crate::directive::target::Tally, "persons,person_times");
            $check!(crate::directive::target::Stage, "completed,sent");
            $check!(crate::directive::target::Combine, "any,all");
            $check!(crate::directive::target::CriterionKind, "level,minority_language,lao_language,field,person,standard");
            $check!(crate::directive::target::MeasureKind, "share,count,per_unit,trained,completions,events,directional");
            $check!(crate::directive::target::Comparator, "at_least,above,about,maintain");
        };
    }

    /// One rule for every coded enum: JSON is the code, read back through the shared visitor;
    /// `CODES`, `code`, `from_code` and `ALL` agree; codes are unique and labels present; and
    /// the codes are the ones stored data holds.
    #[test]
    fn every_coded_enum_serialises_as_its_stored_code() {
        macro_rules! check {
            ($t:ty, $codes:literal) => {{
                let all: &[$t] = <$t>::ALL;
                assert_eq!(<$t>::CODES.join(","), $codes, "{}", stringify!($t));
                assert_eq!(all.iter().map(|v| v.code()).collect::<Vec<_>>(), <$t>::CODES);
                let unique: std::collections::HashSet<&str> = <$t>::CODES.iter().copied().collect();
                assert_eq!(unique.len(), all.len(), "{}: codes repeat", stringify!($t));
                for &v in all {
                    let json = serde_json::to_string(&v).unwrap();
                    assert_eq!(json, format!("\"{}\"", v.code()));
                    assert_eq!(serde_json::from_str::<$t>(&json).unwrap(), v);
                    assert_eq!(<$t>::from_code(v.code()), Some(v));
                    assert!(!v.label().is_empty());
                }
                assert_eq!(<$t>::from_code("khong_co_ma_nay"), None);
                let e = serde_json::from_str::<$t>("\"khong_co_ma_nay\"").unwrap_err().to_string();
                assert!(e.starts_with("unknown variant `khong_co_ma_nay`, expected"), "{e}");
                assert!(e.contains(&format!("`{}`", all[0].code())), "{e}");
            }};
        }
        every_coded_enum!(check);
    }

    /// The tags of the internally tagged enums are the codes of their kinds, both ways.
    #[test]
    fn tags_are_the_codes_of_their_kinds() {
        use crate::directive::{CriterionKind, MeasureKind, Target, WindowKind};
        let t = crate::directive::Directive::from_json(include_str!(
            "../../../public/templates/001-lai-chau-05-nq-tu.json"
        ))
        .unwrap();
        let measures: Vec<&Target> = t.targets();
        let mut kinds = std::collections::HashSet::new();
        for target in measures {
            let v = serde_json::to_value(&target.measure).unwrap();
            assert_eq!(v["kind"], target.measure.kind().code());
            assert_eq!(MeasureKind::from_code(v["kind"].as_str().unwrap()), Some(target.measure.kind()));
            kinds.insert(target.measure.kind());
            for c in target.measure.criteria() {
                let v = serde_json::to_value(c).unwrap();
                assert!(CriterionKind::from_code(v["criterion"].as_str().unwrap()).is_some(), "{v}");
            }
        }
        assert!(kinds.len() >= 3, "{kinds:?}");
        for (w, kind) in [
            (Window::Year, WindowKind::Year),
            (Window::Years { years: 2 }, WindowKind::Years),
            (Window::Term, WindowKind::Term),
            (Window::Period { from: 2021, to: 2025 }, WindowKind::Period),
        ] {
            let v = serde_json::to_value(w).unwrap();
            assert_eq!(v["every"], kind.code());
            assert_eq!(serde_json::from_value::<Window>(v).unwrap(), w);
        }
        for (c, kind) in [
            (Criterion::MinorityLanguage, CriterionKind::MinorityLanguage),
            (Criterion::LaoLanguage, CriterionKind::LaoLanguage),
        ] {
            assert_eq!(serde_json::to_value(&c).unwrap()["criterion"], kind.code());
        }
        assert!(err::<Measure>(r#"{"kind": "tong"}"#).starts_with("unknown variant `tong`, expected one of `share`"));
        assert!(err::<Window>(r#"{"every": "day"}"#).starts_with("unknown variant `day`, expected one of `year`"));
        assert!(err::<Criterion>(r#"{"criterion": "x"}"#).starts_with("unknown variant `x`, expected one of `level`"));
    }
}
