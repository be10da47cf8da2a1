//! The roster's records: units (đơn vị) and cadres (cán bộ), with their positions,
//! committee memberships, planned-for positions and every qualification scale.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::levels::{
    DefenceSecurity, ForeignLanguage, InformationTechnology, Political, Professional, Qualification, StateManagement,
};
use crate::tagged::coded_enum;

/// A record id: a UUID v4 string made by the caller (the domain makes no randomness).
pub type Id = String;

/// Milliseconds since the Unix epoch (UTC), as `Date.now()` gives.
pub type Millis = i64;

/// What every stored record carries so snapshots can merge: a version counter bumped on
/// each change, when the last change happened, and per field who changed it last, so two
/// officers' corrections of different fields combine (see [`crate::field_merge`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RecordMeta {
    /// Phiên bản: 1 on creation, +1 on each saved change.
    pub version: u64,
    /// Cập nhật lúc (ms since epoch).
    pub updated_at: Millis,
    /// Dấu sửa từng trường: top-level field → its last change. A field without one holds the
    /// value it was created with (or had before stamps were kept, v4 files and older).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, FieldStamp>,
    /// Đã biết: per device, the highest version of that device's changes this record
    /// includes. A change the other side has not seen is a change made since they parted.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub seen: BTreeMap<String, u64>,
    /// Nguồn gốc (since snapshot v6): the file this record last came in, as that file names
    /// its sender; `None` for a record made on this device and never received. A record
    /// forwarded further (a district sending its communes' records to the province) keeps
    /// the origin it has, so the province still sees which commune sent it; a local edit
    /// keeps it too (it says where the record came from; the field stamps say who changed
    /// what since).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// Nguồn gốc của một bản ghi: which unit's file it came in, sent when and by whom, as written
/// in that file, and when this device (or the one that forwarded it) received it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Origin {
    /// Mã đơn vị gửi, as the file names it (`None` when its sender chose no unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_id: Option<Id>,
    /// Tên đơn vị gửi.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit_name: String,
    /// Người gửi, as written in the file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sender: String,
    /// Thời điểm xuất tệp (ms since epoch).
    pub exported_at: Millis,
    /// Lúc nhận (ms since epoch), when the receiver knew it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<Millis>,
}

/// Who changed one field of a record, at which version of the record, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldStamp {
    /// Máy: the random id of the device the change was saved on (never shown).
    pub device: String,
    /// The record's version that change was saved as.
    pub version: u64,
    /// Lúc sửa (ms since epoch).
    pub at: Millis,
    /// Người sửa, as that device names its officer or unit (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
}

impl RecordMeta {
    /// The meta of a record saved at `now`, following `previous` (None for a new record);
    /// its field stamps carry over (the store stamps the fields the save changed).
    pub fn next(previous: Option<&RecordMeta>, now: Millis) -> Self {
        Self {
            version: Self::after(previous.map_or(0, |p| p.version)),
            updated_at: now,
            fields: previous.map(|p| p.fields.clone()).unwrap_or_default(),
            seen: previous.map(|p| p.seen.clone()).unwrap_or_default(),
            origin: previous.and_then(|p| p.origin.clone()),
        }
    }

    /// The version a change to `version` is saved as: one more, in checked arithmetic.
    ///
    /// At [`crate::limits::MAX_VERSION`] (the highest a file may carry, the largest integer
    /// IndexedDB's numbers hold exactly) or above (a record stored before that limit), the
    /// version stays where it is: never a wrap to 0 (which made the next import of an old
    /// file overwrite the edit, issue 15), never a panic, never a step back. Two copies that
    /// both stay there tie, and a tie of different contents is a conflict the merge asks
    /// about, never a silent overwrite.
    pub fn after(version: u64) -> u64 {
        if version >= crate::limits::MAX_VERSION {
            version
        } else {
            version + 1
        }
    }

    /// A meta with a version and a time and no field stamps.
    pub fn at(version: u64, updated_at: Millis) -> Self {
        Self { version, updated_at, ..Self::default() }
    }
}

coded_enum! {
    /// Cấp hành chính: level of government. Thị trấn and phường count as xã level.
    GovLevel {
        /// Cấp tỉnh.
        Province = "tinh", "Cấp tỉnh";
        /// Cấp huyện.
        District = "huyen", "Cấp huyện";
        /// Cấp xã (xã, phường, thị trấn).
        Commune = "xa", "Cấp xã";
    }
}

coded_enum! {
    /// Khối / loại đơn vị.
    UnitKind {
        /// Cơ quan Đảng.
        Party = "dang", "Cơ quan Đảng";
        /// Chính quyền (HĐND, UBND, sở, phòng).
        Government = "chinh_quyen", "Chính quyền";
        /// Mặt trận Tổ quốc.
        Front = "mttq", "Mặt trận Tổ quốc";
        /// Đoàn thể.
        MassOrganisation = "doan_the", "Đoàn thể";
        /// Đơn vị sự nghiệp.
        PublicService = "su_nghiep", "Đơn vị sự nghiệp";
        /// Ngành dọc (vertically managed: tòa án, kho bạc, thuế ...).
        Vertical = "nganh_doc", "Ngành dọc";
    }
}

coded_enum! {
    /// Vùng: region, since several targets differ by region.
    Region {
        /// Đô thị.
        Urban = "do_thi", "Đô thị";
        /// Đồng bằng.
        Lowland = "dong_bang", "Đồng bằng";
        /// Miền núi.
        Mountain = "mien_nui", "Miền núi";
    }
}

coded_enum! {
    /// Giới tính.
    Gender {
        /// Nam.
        Male = "nam", "Nam";
        /// Nữ.
        Female = "nu", "Nữ";
    }
}

coded_enum! {
    /// Đối tượng: cán bộ, công chức, viên chức and the others targets speak of.
    Category {
        /// Cán bộ (elected or appointed).
        Cadre = "can_bo", "Cán bộ";
        /// Công chức (civil servant).
        CivilServant = "cong_chuc", "Công chức";
        /// Viên chức (public employee).
        PublicEmployee = "vien_chuc", "Viên chức";
        /// Người hoạt động không chuyên trách ở cấp xã.
        PartTime = "khong_chuyen_trach", "Không chuyên trách";
        /// Đại biểu HĐND.
        CouncilDelegate = "dai_bieu_hdnd", "Đại biểu HĐND";
        /// Hợp đồng lao động (hợp đồng 68, 111 …): on many rosters, in no civil-service count.
        Contract = "hop_dong", "Hợp đồng";
    }
}

coded_enum! {
    /// Ngạch công chức (civil-service grade), for "từ ngạch chuyên viên trở lên".
    /// Declared lowest first.
    CivilGrade {
        /// Nhân viên.
        Staff = "nhan_vien", "Nhân viên";
        /// Cán sự.
        Clerk = "can_su", "Cán sự";
        /// Chuyên viên.
        Specialist = "chuyen_vien", "Chuyên viên";
        /// Chuyên viên chính.
        Principal = "chuyen_vien_chinh", "Chuyên viên chính";
        /// Chuyên viên cao cấp.
        Senior = "chuyen_vien_cao_cap", "Chuyên viên cao cấp";
    }
}

coded_enum! {
    /// Cấp lãnh đạo of a position: head, deputy, or none.
    Leadership {
        /// Không giữ chức vụ lãnh đạo.
        None = "khong", "Không lãnh đạo";
        /// Cấp phó.
        Deputy = "pho", "Cấp phó";
        /// Cấp trưởng.
        Head = "truong", "Cấp trưởng";
    }
}

coded_enum! {
    /// Cơ quan tập thể a person sits on (membership overlaps with positions).
    Committee {
        /// Ủy viên Ban Chấp hành Đảng bộ.
        ExecutiveCommittee = "bch", "Ủy viên BCH Đảng bộ";
        /// Ủy viên Ban Thường vụ.
        StandingCommittee = "btv", "Ủy viên Ban Thường vụ";
        /// Ủy viên Ủy ban Kiểm tra.
        InspectionCommittee = "ubkt", "Ủy viên UBKT";
        /// Đại biểu Hội đồng nhân dân.
        PeoplesCouncil = "hdnd", "Đại biểu HĐND";
    }
}

/// Đơn vị: an agency or locality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// Mã.
    pub id: Id,
    /// Tên đơn vị.
    pub name: String,
    /// Cấp.
    pub level: GovLevel,
    /// Loại (khối).
    pub kind: UnitKind,
    /// Vùng.
    pub region: Region,
    /// Đơn vị cấp trên.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<Id>,
    /// Version and update time.
    #[serde(default)]
    pub meta: RecordMeta,
}

/// Chức vụ: a position held in a unit. A person may hold several at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Đơn vị.
    pub unit_id: Id,
    /// Chức danh, as written ("Phó Chủ tịch UBND xã").
    pub title: String,
    /// Cấp trưởng / cấp phó / không.
    pub leadership: Leadership,
}

/// Ủy viên: membership of a committee at a level of government, with its term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    /// Cơ quan.
    pub committee: Committee,
    /// Cấp.
    pub level: GovLevel,
    /// Nhiệm kỳ / khóa ("XXI", "2020-2025"); may be empty.
    #[serde(default)]
    pub term: String,
}

/// Quy hoạch: a position a person is planned for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedPosition {
    /// Chức danh quy hoạch.
    pub title: String,
    /// Giai đoạn ("2025-2030"); may be empty.
    #[serde(default)]
    pub term: String,
}

/// Cán bộ: one person on the roster, with every qualification scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cadre {
    /// Mã.
    pub id: Id,
    /// Họ và tên.
    pub full_name: String,
    /// Năm sinh.
    pub birth_year: u16,
    /// Giới tính.
    pub gender: Gender,
    /// Dân tộc.
    #[serde(default)]
    pub ethnicity: String,
    /// Người địa phương.
    #[serde(default)]
    pub local: bool,
    /// Đối tượng (cán bộ / công chức / viên chức ...).
    pub category: Category,
    /// Đơn vị công tác chính.
    pub unit_id: Id,
    /// Ngạch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub civil_grade: Option<CivilGrade>,
    /// Chức vụ (several at once).
    #[serde(default)]
    pub positions: Vec<Position>,
    /// Ủy viên BCH, BTV ... at each level.
    #[serde(default)]
    pub memberships: Vec<Membership>,
    /// Quy hoạch.
    #[serde(default)]
    pub planned_for: Vec<PlannedPosition>,
    /// Trình độ chuyên môn.
    #[serde(default)]
    pub professional: Qualification<Professional>,
    /// Chuyên ngành đào tạo.
    #[serde(default)]
    pub professional_field: String,
    /// Lý luận chính trị.
    #[serde(default)]
    pub political: Qualification<Political>,
    /// Quản lý nhà nước.
    #[serde(default)]
    pub state_management: Qualification<StateManagement>,
    /// Ngoại ngữ (khung 6 bậc).
    #[serde(default)]
    pub foreign_language: Qualification<ForeignLanguage>,
    /// Which foreign language ("Tiếng Anh").
    #[serde(default)]
    pub foreign_language_name: String,
    /// Tin học.
    #[serde(default)]
    pub it: Qualification<InformationTechnology>,
    /// Quốc phòng - an ninh.
    #[serde(default)]
    pub defence_security: Qualification<DefenceSecurity>,
    /// Tiếng dân tộc thiểu số the person can use (empty = none).
    #[serde(default)]
    pub minority_language: String,
    /// Sử dụng được tiếng Lào.
    #[serde(default)]
    pub lao_language: bool,
    /// Ghi chú.
    #[serde(default)]
    pub note: String,
    /// Nhãn: the officer's own columns kept as they are (column name → value), e.g. the
    /// group column she keeps for a scheme; a group rule can select by them.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub labels: std::collections::BTreeMap<String, String>,
    /// Version and update time.
    #[serde(default)]
    pub meta: RecordMeta,
}

impl Cadre {
    /// A blank cadre in `unit_id`, for a new-record form.
    pub fn blank(id: Id, unit_id: Id) -> Self {
        Cadre {
            id,
            full_name: String::new(),
            birth_year: 1985,
            gender: Gender::Male,
            ethnicity: "Kinh".into(),
            local: false,
            category: Category::CivilServant,
            unit_id,
            civil_grade: None,
            positions: Vec::new(),
            memberships: Vec::new(),
            planned_for: Vec::new(),
            professional: Qualification::default(),
            professional_field: String::new(),
            political: Qualification::default(),
            state_management: Qualification::default(),
            foreign_language: Qualification::default(),
            foreign_language_name: String::new(),
            it: Qualification::default(),
            defence_security: Qualification::default(),
            minority_language: String::new(),
            lao_language: false,
            note: String::new(),
            labels: Default::default(),
            meta: RecordMeta::default(),
        }
    }

    /// Age in completed years reached during `year` (how the documents count "dưới 35 tuổi").
    pub fn age_in(&self, year: u16) -> i32 {
        i32::from(year) - i32::from(self.birth_year)
    }

    /// The text search looks in: name, unit name, position titles and field, folded.
    pub fn search_text(&self, unit_name: &str) -> String {
        let mut s = String::with_capacity(96);
        s.push_str(&self.full_name);
        s.push(' ');
        s.push_str(unit_name);
        for p in &self.positions {
            s.push(' ');
            s.push_str(&p.title);
        }
        s.push(' ');
        s.push_str(&self.professional_field);
        super::text::fold(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::MAX_VERSION;

    #[test]
    fn a_version_bump_never_wraps_panics_or_steps_back() {
        assert_eq!(RecordMeta::next(None, 1).version, 1);
        assert_eq!(RecordMeta::next(Some(&RecordMeta::at(41, 0)), 1).version, 42);
        assert_eq!(RecordMeta::after(MAX_VERSION - 1), MAX_VERSION);
        assert_eq!(RecordMeta::after(MAX_VERSION), MAX_VERSION);
        // Stored before the limit existed (imported from a file at 2^64 − 1): kept, not 0.
        assert_eq!(RecordMeta::next(Some(&RecordMeta::at(u64::MAX, 0)), 1).version, u64::MAX);
    }
}
