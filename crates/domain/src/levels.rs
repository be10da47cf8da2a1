//! Level scales (thang trình độ) and qualifications.
//!
//! Every scale is ordered: "X trở lên" means a rank at or above X's rank. Each scale is an
//! enum whose variants are declared lowest first; the serialised form is a stable snake-case
//! code (e.g. `"thac_si"`), so exported JSON reads on its own and a future level can be
//! inserted without renumbering stored data.

use serde::{Deserialize, Serialize};

use crate::tagged::coded_enum;

/// One ordered scale: the common face of every level enum.
pub trait Level: Copy + Eq + Ord + Default + 'static {
    /// All levels, lowest first.
    const ALL: &'static [Self];
    /// Which scale this is.
    const SCALE: Scale;
    /// Vietnamese label as the documents write it.
    fn label(self) -> &'static str;
    /// Stable code used in JSON and in form values.
    fn code(self) -> &'static str;
    /// Position on the scale, 0 = lowest ("chưa").
    fn rank(self) -> u8;
    /// The level with this code, if any.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|l| l.code() == code)
    }
}

/// A level scale: a [`coded_enum!`] (ordered, lowest first; the first variant is the default)
/// and its [`Level`] face.
macro_rules! scale {
    (
        $(#[$meta:meta])*
        $name:ident, $scale:ident {
            $(#[$fmeta:meta])* $first:ident = $fcode:literal, $flabel:literal;
            $( $(#[$vmeta:meta])* $var:ident = $code:literal, $label:literal; )+
        }
    ) => {
        coded_enum! {
            $(#[$meta])*
            #[derive(PartialOrd, Ord, Default)]
            $name {
                $(#[$fmeta])* #[default] $first = $fcode, $flabel;
                $( $(#[$vmeta])* $var = $code, $label; )+
            }
        }

        impl Level for $name {
            const ALL: &'static [Self] = $name::ALL;
            const SCALE: Scale = Scale::$scale;
            fn label(self) -> &'static str {
                $name::label(self)
            }
            fn code(self) -> &'static str {
                $name::code(self)
            }
            fn rank(self) -> u8 {
                self as u8
            }
        }
    };
}

scale! {
    /// Trình độ chuyên môn. BS CKI and dược sĩ CKI rank with thạc sĩ, BS CKII with tiến sĩ.
    Professional, Professional {
        /// Chưa qua đào tạo.
        None = "chua", "Chưa qua đào tạo";
        /// Sơ cấp.
        Elementary = "so_cap", "Sơ cấp";
        /// Trung cấp.
        Intermediate = "trung_cap", "Trung cấp";
        /// Cao đẳng.
        College = "cao_dang", "Cao đẳng";
        /// Đại học.
        Bachelor = "dai_hoc", "Đại học";
        /// Thạc sĩ (and BS CKI, DS CKI).
        Master = "thac_si", "Thạc sĩ";
        /// Tiến sĩ (and BS CKII).
        Doctor = "tien_si", "Tiến sĩ";
    }
}

scale! {
    /// Trình độ lý luận chính trị. Cử nhân chính trị is its own level, ranked above cao cấp
    /// so every "cao cấp trở lên" rule counts it, and kept apart so tables can report it apart.
    Political, Political {
        /// Chưa qua đào tạo.
        None = "chua", "Chưa qua đào tạo";
        /// Sơ cấp.
        Elementary = "so_cap", "Sơ cấp";
        /// Trung cấp.
        Intermediate = "trung_cap", "Trung cấp";
        /// Cao cấp.
        Advanced = "cao_cap", "Cao cấp";
        /// Cử nhân chính trị.
        Bachelor = "cu_nhan", "Cử nhân";
    }
}

scale! {
    /// Quản lý nhà nước: the state-management programme completed.
    StateManagement, StateManagement {
        /// Chưa qua bồi dưỡng.
        None = "chua", "Chưa qua bồi dưỡng";
        /// Chương trình cán sự.
        Clerk = "can_su", "Cán sự";
        /// Chương trình chuyên viên.
        Specialist = "chuyen_vien", "Chuyên viên";
        /// Chương trình chuyên viên chính.
        Principal = "chuyen_vien_chinh", "Chuyên viên chính";
        /// Chương trình chuyên viên cao cấp.
        Senior = "chuyen_vien_cao_cap", "Chuyên viên cao cấp";
    }
}

scale! {
    /// Ngoại ngữ: the 6-level framework (bậc 1-6 = CEFR A1-C2, Thông tư 01/2014/TT-BGDĐT).
    /// Legacy A/B/C certificates map onto it through [`ForeignLanguage::from_legacy`].
    ForeignLanguage, ForeignLanguage {
        /// Chưa có.
        None = "chua", "Chưa có";
        /// Bậc 1 (A1).
        L1 = "bac_1", "Bậc 1 (A1)";
        /// Bậc 2 (A2).
        L2 = "bac_2", "Bậc 2 (A2)";
        /// Bậc 3 (B1).
        L3 = "bac_3", "Bậc 3 (B1)";
        /// Bậc 4 (B2).
        L4 = "bac_4", "Bậc 4 (B2)";
        /// Bậc 5 (C1).
        L5 = "bac_5", "Bậc 5 (C1)";
        /// Bậc 6 (C2).
        L6 = "bac_6", "Bậc 6 (C2)";
    }
}

impl ForeignLanguage {
    /// Maps a legacy certificate (chứng chỉ A, B, C) onto the framework, as the
    /// Ministry's equivalence usually applies: A → bậc 1, B → bậc 2, C → bậc 3.
    pub fn from_legacy(certificate: &str) -> Option<Self> {
        match crate::text::fold(certificate).trim() {
            "a" => Some(Self::L1),
            "b" => Some(Self::L2),
            "c" => Some(Self::L3),
            _ => None,
        }
    }
}

scale! {
    /// Tin học: chuẩn kỹ năng sử dụng CNTT (Thông tư 03/2014/TT-BTTTT).
    /// Legacy A/B/C certificates count as cơ bản.
    InformationTechnology, InformationTechnology {
        /// Chưa có.
        None = "chua", "Chưa có";
        /// Chuẩn kỹ năng cơ bản (and legacy A, B, C).
        Basic = "co_ban", "Cơ bản";
        /// Chuẩn kỹ năng nâng cao.
        Advanced = "nang_cao", "Nâng cao";
    }
}

impl InformationTechnology {
    /// Legacy certificates A, B and C all count as cơ bản.
    pub fn from_legacy(certificate: &str) -> Option<Self> {
        match crate::text::fold(certificate).trim() {
            "a" | "b" | "c" => Some(Self::Basic),
            _ => None,
        }
    }
}

scale! {
    /// Bồi dưỡng kiến thức quốc phòng - an ninh, by đối tượng. Đối tượng 1 is the
    /// highest audience (senior leaders), 4 the lowest, so the rank runs 4 → 1.
    DefenceSecurity, DefenceSecurity {
        /// Chưa bồi dưỡng.
        None = "chua", "Chưa bồi dưỡng";
        /// Đối tượng 4.
        Audience4 = "doi_tuong_4", "Đối tượng 4";
        /// Đối tượng 3.
        Audience3 = "doi_tuong_3", "Đối tượng 3";
        /// Đối tượng 2.
        Audience2 = "doi_tuong_2", "Đối tượng 2";
        /// Đối tượng 1.
        Audience1 = "doi_tuong_1", "Đối tượng 1";
    }
}

coded_enum! {
    /// The scales, for code that works on any of them (targets, reports, forms), in the order
    /// forms and reports show them.
    Scale {
        /// Trình độ chuyên môn.
        Professional = "professional", "Trình độ chuyên môn";
        /// Lý luận chính trị.
        Political = "political", "Lý luận chính trị";
        /// Quản lý nhà nước.
        StateManagement = "state_management", "Quản lý nhà nước";
        /// Ngoại ngữ.
        ForeignLanguage = "foreign_language", "Ngoại ngữ";
        /// Tin học.
        InformationTechnology = "information_technology", "Tin học";
        /// Quốc phòng - an ninh.
        DefenceSecurity = "defence_security", "Quốc phòng - an ninh";
    }
}

impl Scale {
    /// (code, label) of every level of this scale, lowest first.
    pub fn levels(self) -> Vec<(&'static str, &'static str)> {
        fn of<L: Level>() -> Vec<(&'static str, &'static str)> {
            L::ALL.iter().map(|l| (l.code(), l.label())).collect()
        }
        match self {
            Scale::Professional => of::<Professional>(),
            Scale::Political => of::<Political>(),
            Scale::StateManagement => of::<StateManagement>(),
            Scale::ForeignLanguage => of::<ForeignLanguage>(),
            Scale::InformationTechnology => of::<InformationTechnology>(),
            Scale::DefenceSecurity => of::<DefenceSecurity>(),
        }
    }
}

/// A person's standing on one scale: the level held, and the level being studied towards
/// (đang học), if any, with the year the study is expected to end.
///
/// A roster sheet often says only "Đang học thạc sĩ": the level held is then unknown
/// (`level_unknown`, with `level` left at the lowest). Taking the level studied would record a
/// degree not yet held, and taking the level below would invent one; unknown is neither, and
/// no "X trở lên" rule counts it as held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(bound = "L: Level + Serialize + serde::de::DeserializeOwned")]
pub struct Qualification<L: Level> {
    /// Trình độ đã đạt.
    #[serde(default)]
    pub level: L,
    /// Đang học: the level being studied towards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub studying: Option<L>,
    /// Năm dự kiến hoàn thành (expected end of study).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub studying_until: Option<u16>,
    /// Chưa rõ trình độ đã đạt: only the study is known ("Đang học thạc sĩ").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub level_unknown: bool,
}

impl<L: Level> Qualification<L> {
    /// A qualification at `level`, not studying.
    pub fn at(level: L) -> Self {
        Self { level, studying: None, studying_until: None, level_unknown: false }
    }

    /// Studying towards `studying`, the level held unknown.
    pub fn studying_only(studying: L) -> Self {
        Self { level: L::default(), studying: Some(studying), studying_until: None, level_unknown: true }
    }

    /// True when the level held is at or above `min`; with `count_studying`, a study towards
    /// `min` or higher counts too ("thạc sĩ và đang học thạc sĩ").
    pub fn meets(&self, min: L, count_studying: bool) -> bool {
        (!self.level_unknown && self.level >= min) || (count_studying && self.studying.is_some_and(|s| s >= min))
    }

    /// Rank of the level held, 0 = lowest.
    pub fn rank(&self) -> u8 {
        self.level.rank()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_ordered_lowest_first() {
        assert!(Professional::Master > Professional::Bachelor);
        assert!(Professional::Doctor > Professional::Master);
        assert!(Political::Advanced > Political::Intermediate);
        assert!(StateManagement::Principal > StateManagement::Specialist);
        assert!(DefenceSecurity::Audience1 > DefenceSecurity::Audience4);
        assert_eq!(Professional::None.rank(), 0);
        assert_eq!(Professional::Doctor.rank(), 6);
    }

    #[test]
    fn codes_round_trip_and_serialise_as_codes() {
        for l in Professional::ALL {
            assert_eq!(Professional::from_code(l.code()), Some(*l));
        }
        assert_eq!(serde_json::to_string(&Professional::Master).unwrap(), "\"thac_si\"");
        let q: Qualification<Political> =
            serde_json::from_str(r#"{"level":"trung_cap","studying":"cao_cap"}"#).unwrap();
        assert_eq!(q.level, Political::Intermediate);
        assert_eq!(q.studying, Some(Political::Advanced));
    }

    #[test]
    fn studying_counts_only_when_asked() {
        let q = Qualification {
            level: Professional::Bachelor,
            studying: Some(Professional::Master),
            studying_until: Some(2026),
            level_unknown: false,
        };
        assert!(!q.meets(Professional::Master, false));
        assert!(q.meets(Professional::Master, true));
        assert!(!q.meets(Professional::Doctor, true));
        assert!(q.meets(Professional::Bachelor, false));
    }

    #[test]
    fn legacy_certificates_map_onto_the_framework() {
        assert_eq!(ForeignLanguage::from_legacy("B"), Some(ForeignLanguage::L2));
        assert_eq!(ForeignLanguage::from_legacy(" c "), Some(ForeignLanguage::L3));
        assert_eq!(ForeignLanguage::from_legacy("D"), None);
        assert_eq!(InformationTechnology::from_legacy("A"), Some(InformationTechnology::Basic));
        assert_eq!(InformationTechnology::from_legacy("C"), Some(InformationTechnology::Basic));
    }

    #[test]
    fn every_scale_lists_its_levels() {
        for &s in Scale::ALL {
            let levels = s.levels();
            assert!(levels.len() >= 3, "{s:?}");
            assert_eq!(levels[0].0, "chua");
        }
    }
}
