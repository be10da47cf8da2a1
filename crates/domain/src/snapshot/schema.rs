//! JSON Schema of the snapshot format, generated with schemars in a native unit test (this
//! module is compiled only for `cfg(test)` on non-wasm targets, and schemars is a native
//! dev-dependency: nothing of it reaches the wasm bundle).
//!
//! The snapshot's own types derive `JsonSchema` under the same `cfg`. The model types (unit,
//! cadre, directive, tombstone) live in files this module does not own, so they are described
//! here by mirror types with the same serde attributes, and enum codes are read from the real
//! enums (`ALL` and `code()`), never copied. Two tests keep the mirrors honest: real records
//! serialised, read into the mirror and serialised again must give the same JSON (a field
//! added to a real type and not to its mirror fails), and the published file must equal the
//! generated schema (`UPDATE_SCHEMA=1 cargo test --lib domain::snapshot` rewrites it).

use schemars::gen::SchemaGenerator;
use schemars::schema::{InstanceType, Metadata, Schema, SchemaObject};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::directive::DirectiveKind;
use crate::levels::*;
use crate::model::*;
use crate::number::Bound;
use crate::roster::RecordKind;

/// An enum serialised as one of its stable codes.
pub(super) trait Codes {
    const NAME: &'static str;
    fn pairs() -> Vec<(&'static str, &'static str)>;
}

macro_rules! codes {
    ($($t:ty => $name:literal),+ $(,)?) => {$(
        impl Codes for $t {
            const NAME: &'static str = $name;
            fn pairs() -> Vec<(&'static str, &'static str)> {
                <$t>::ALL.iter().map(|v| (v.code(), v.label())).collect()
            }
        }
    )+};
}

codes! {
    GovLevel => "GovLevel", UnitKind => "UnitKind", Region => "Region", Gender => "Gender",
    Category => "Category", CivilGrade => "CivilGrade", Leadership => "Leadership",
    Committee => "Committee", DirectiveKind => "DirectiveKind", RecordKind => "RecordKind",
    Professional => "Professional", Political => "Political", StateManagement => "StateManagement",
    ForeignLanguage => "ForeignLanguage", InformationTechnology => "InformationTechnology",
    DefenceSecurity => "DefenceSecurity", Scale => "Scale", Bound => "Bound",
}

/// The real enums described by their codes (local types: the impl may live here).
macro_rules! schema_by_codes {
    ($($t:ty),+ $(,)?) => {$(
        impl JsonSchema for $t {
            fn schema_name() -> String {
                <$t as Codes>::NAME.to_string()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                code_schema(<$t as Codes>::pairs())
            }
        }
    )+};
}

fn code_schema(pairs: Vec<(&'static str, &'static str)>) -> Schema {
    let description = pairs.iter().map(|(c, l)| format!("{c} = {l}")).collect::<Vec<_>>().join("; ");
    SchemaObject {
        instance_type: Some(InstanceType::String.into()),
        enum_values: Some(pairs.iter().map(|(c, _)| Value::from(*c)).collect()),
        metadata: Some(Box::new(Metadata { description: Some(description), ..Default::default() })),
        ..Default::default()
    }
    .into()
}

/// The `"rule"` of a group rule, one of [`GroupRule::CODES`](crate::directive::GroupRule::CODES).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct RuleCodeM(String);

impl JsonSchema for RuleCodeM {
    fn schema_name() -> String {
        "GroupRuleCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        code_schema(crate::directive::GroupRule::CODES.to_vec())
    }
}

schema_by_codes! {
    GovLevel, UnitKind, Region, Gender, Category, CivilGrade, Leadership, Committee, DirectiveKind,
    Professional, Political, StateManagement, ForeignLanguage, InformationTechnology, DefenceSecurity,
    RecordKind, Scale, Bound,
}

/// Phiên bản và thời điểm cập nhật.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "RecordMeta")]
pub(super) struct RecordMetaM {
    /// Phiên bản: 1 on creation, +1 on each saved change.
    version: u64,
    /// Cập nhật lúc (ms since the Unix epoch).
    updated_at: i64,
    /// Dấu sửa từng trường (since v5): top-level field → its last change.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    fields: std::collections::BTreeMap<String, FieldStampM>,
    /// Đã biết (since v5): per device, the highest version of its changes this record includes.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    seen: std::collections::BTreeMap<String, u64>,
    /// Nguồn gốc (since v6): the file this record last came in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    origin: Option<OriginM>,
}

/// Nguồn gốc: which unit's file a record came in, sent when and by whom, received when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Origin")]
pub(super) struct OriginM {
    /// Mã đơn vị gửi.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit_id: Option<String>,
    /// Tên đơn vị gửi.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    unit_name: String,
    /// Người gửi.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    sender: String,
    /// Thời điểm xuất tệp (ms since the Unix epoch).
    exported_at: i64,
    /// Lúc nhận (ms since the Unix epoch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    received_at: Option<i64>,
}

/// Dấu sửa một trường: device, the record's version the change was saved as, time, officer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "FieldStamp")]
pub(super) struct FieldStampM {
    /// Máy (random id).
    device: String,
    /// Phiên bản của bản ghi khi sửa.
    version: u64,
    /// Lúc sửa (ms since the Unix epoch).
    at: i64,
    /// Người sửa.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    by: String,
}

/// Đơn vị.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Unit")]
pub(super) struct UnitM {
    /// Mã.
    id: String,
    /// Tên đơn vị.
    name: String,
    /// Cấp.
    level: GovLevel,
    /// Loại (khối).
    kind: UnitKind,
    /// Vùng.
    region: Region,
    /// Đơn vị cấp trên.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent_id: Option<String>,
    /// Phiên bản và thời điểm cập nhật.
    #[serde(default)]
    meta: RecordMetaM,
}

/// Chức vụ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Position")]
pub(super) struct PositionM {
    /// Đơn vị.
    unit_id: String,
    /// Chức danh.
    title: String,
    /// Cấp trưởng / cấp phó / không.
    leadership: Leadership,
}

/// Ủy viên.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Membership")]
pub(super) struct MembershipM {
    /// Cơ quan.
    committee: Committee,
    /// Cấp.
    level: GovLevel,
    /// Nhiệm kỳ / khóa.
    #[serde(default)]
    term: String,
}

/// Quy hoạch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "PlannedPosition")]
pub(super) struct PlannedPositionM {
    /// Chức danh quy hoạch.
    title: String,
    /// Giai đoạn.
    #[serde(default)]
    term: String,
}

/// Trình độ đã đạt and đang học on one scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(bound = "L: Level + Serialize + serde::de::DeserializeOwned")]
#[schemars(bound = "L: Level + JsonSchema", rename = "Qualification_{L}")]
pub(super) struct QualM<L: Level> {
    /// Trình độ đã đạt.
    #[serde(default)]
    level: L,
    /// Đang học.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    studying: Option<L>,
    /// Năm dự kiến hoàn thành.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    studying_until: Option<u16>,
    /// Chưa rõ trình độ đã đạt (chỉ biết đang học).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    level_unknown: bool,
}

impl<L: Level> Default for QualM<L> {
    fn default() -> Self {
        QualM { level: L::default(), studying: None, studying_until: None, level_unknown: false }
    }
}

/// Cán bộ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Cadre")]
pub(super) struct CadreM {
    /// Mã.
    id: String,
    /// Họ và tên.
    full_name: String,
    /// Năm sinh.
    birth_year: u16,
    /// Giới tính.
    gender: Gender,
    /// Dân tộc.
    #[serde(default)]
    ethnicity: String,
    /// Người địa phương.
    #[serde(default)]
    local: bool,
    /// Đối tượng.
    category: Category,
    /// Đơn vị công tác chính.
    unit_id: String,
    /// Ngạch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    civil_grade: Option<CivilGrade>,
    /// Chức vụ.
    #[serde(default)]
    positions: Vec<PositionM>,
    /// Ủy viên.
    #[serde(default)]
    memberships: Vec<MembershipM>,
    /// Quy hoạch.
    #[serde(default)]
    planned_for: Vec<PlannedPositionM>,
    /// Trình độ chuyên môn.
    #[serde(default)]
    professional: QualM<Professional>,
    /// Chuyên ngành đào tạo.
    #[serde(default)]
    professional_field: String,
    /// Lý luận chính trị.
    #[serde(default)]
    political: QualM<Political>,
    /// Quản lý nhà nước.
    #[serde(default)]
    state_management: QualM<StateManagement>,
    /// Ngoại ngữ.
    #[serde(default)]
    foreign_language: QualM<ForeignLanguage>,
    /// Tên ngoại ngữ.
    #[serde(default)]
    foreign_language_name: String,
    /// Tin học.
    #[serde(default)]
    it: QualM<InformationTechnology>,
    /// Quốc phòng - an ninh.
    #[serde(default)]
    defence_security: QualM<DefenceSecurity>,
    /// Tiếng dân tộc thiểu số.
    #[serde(default)]
    minority_language: String,
    /// Sử dụng được tiếng Lào.
    #[serde(default)]
    lao_language: bool,
    /// Ghi chú.
    #[serde(default)]
    note: String,
    /// Nhãn: cột riêng của người dùng (tên cột → giá trị).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    labels: std::collections::BTreeMap<String, String>,
    /// Phiên bản và thời điểm cập nhật.
    #[serde(default)]
    meta: RecordMetaM,
}

/// Giai đoạn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Period")]
pub(super) struct PeriodM {
    /// Từ năm.
    from: u16,
    /// Đến năm.
    to: u16,
}

/// Người ký.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Signer")]
pub(super) struct SignerM {
    /// Thẩm quyền ký.
    #[serde(default)]
    on_behalf: String,
    /// Chức vụ.
    #[serde(default)]
    position: String,
    /// Họ tên.
    #[serde(default)]
    name: String,
}

/// Văn bản chỉ đạo. `groups` and `sections` follow the directive engine's format (see
/// `public/templates/*.json`): a group's rule by its kind, sections as open objects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Directive")]
pub(super) struct DirectiveM {
    /// Mã.
    id: String,
    /// Loại văn bản.
    kind: DirectiveKind,
    /// Số, ký hiệu.
    #[serde(default)]
    number: String,
    /// Ngày ban hành, "YYYY-MM-DD".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    date: Option<String>,
    /// Cơ quan ban hành.
    issuer: String,
    /// Tập thể quyết định.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    authority: String,
    /// Địa danh.
    #[serde(default)]
    place: String,
    /// Trích yếu.
    title: String,
    /// Giai đoạn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    period: Option<PeriodM>,
    /// Đơn vị phạm vi.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scope_unit_id: Option<String>,
    /// Phạm vi in words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    scope: String,
    /// Người ký.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    signer: Option<SignerM>,
    /// Nguồn mẫu.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    source: String,
    /// Nhóm đối tượng.
    #[serde(default)]
    groups: Vec<GroupM>,
    /// Các mục.
    #[serde(default)]
    sections: Vec<serde_json::Map<String, Value>>,
    /// Bảng tiêu chuẩn the targets refer to ("criterion": "standard").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    standards: Vec<StandardM>,
    /// Phiên bản và thời điểm cập nhật.
    #[serde(default)]
    meta: RecordMetaM,
}

/// Bảng tiêu chuẩn: rows of required levels, each citing its regulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Standard")]
pub(super) struct StandardM {
    /// Mã (duy nhất trong các bảng của văn bản).
    id: String,
    /// Tên bảng.
    name: String,
    /// Cách văn bản gọi bảng sau chữ "theo" ("tiêu chuẩn chức danh"); trống: "quy định".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    wording: String,
    /// Các dòng.
    #[serde(default)]
    rows: Vec<StandardRowM>,
}

/// Một dòng tiêu chuẩn: áp dụng cho ai (mọi điều kiện nêu ra), yêu cầu gì, theo văn bản nào.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "StandardRow")]
pub(super) struct StandardRowM {
    /// Đối tượng (một trong; trống: mọi đối tượng).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    categories: Vec<Category>,
    /// Cấp (một trong; trống: mọi cấp).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    levels: Vec<GovLevel>,
    /// Chức danh: so khớp chữ như quy tắc nhóm (any_of, how, none_of).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    position: Option<serde_json::Map<String, Value>>,
    /// Ngạch (một trong; trống: mọi ngạch).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    grades: Vec<CivilGrade>,
    /// Yêu cầu trình độ tối thiểu trên từng thang.
    #[serde(default)]
    requires: Vec<RequirementM>,
    /// Căn cứ.
    citation: CitationM,
    /// Ghi chú.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
}

/// Yêu cầu: ít nhất `level` trên thang `scale`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Requirement")]
pub(super) struct RequirementM {
    /// Thang trình độ.
    scale: Scale,
    /// Mã mức trên thang đó ("dai_hoc", "trung_cap").
    level: String,
}

/// Căn cứ: số hiệu văn bản, điều, khoản.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Citation")]
pub(super) struct CitationM {
    /// Số hiệu văn bản.
    document: String,
    /// Điều, khoản.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    article: String,
}

/// Nhóm đối tượng.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Group")]
pub(super) struct GroupM {
    /// Mã nhóm (duy nhất trong văn bản).
    id: String,
    /// Tên nhóm như văn bản viết.
    name: String,
    /// Quy tắc nhóm.
    rule: GroupRuleM,
    /// Số người văn bản nêu.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stated_count: Option<u32>,
    /// Cách nêu số người ("khoảng", "gần", "hơn", "trên", "dưới"); chính xác khi bỏ trống.
    #[serde(default, skip_serializing_if = "is_exact")]
    stated_bound: Bound,
    /// Số người văn bản nêu cho từng năm.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    stated_by_year: Vec<StatedSizeM>,
    /// Ghi chú.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
}

fn is_exact(b: &Bound) -> bool {
    b.is_exact()
}

/// Số người của nhóm trong một năm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "StatedSize")]
pub(super) struct StatedSizeM {
    /// Năm.
    year: u16,
    /// Số người.
    count: u32,
    /// Cách nêu số người; chính xác khi bỏ trống.
    #[serde(default, skip_serializing_if = "is_exact")]
    bound: Bound,
}

/// Quy tắc nhóm: `rule` names the kind, the other fields are that kind's (listed with each
/// code); rules nested in `rules`, `base`, `except` have the same shape. Texts compare with
/// case, marks and the usual abbreviations (UBND, UBMTTQ, TNCS HCM …) ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "GroupRule")]
pub(super) struct GroupRuleM {
    /// Loại quy tắc.
    rule: RuleCodeM,
    /// The fields of that kind of rule.
    #[serde(flatten)]
    rest: serde_json::Map<String, Value>,
}

/// Bản ghi đã xóa.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Tombstone")]
pub(super) struct TombstoneM {
    /// Mã of the deleted record.
    id: String,
    /// Loại.
    kind: RecordKind,
    /// Version after deletion and the deletion time.
    meta: RecordMetaM,
    /// The record as it was just before deletion.
    backup: Value,
}

/// Bản ghi đào tạo (kế hoạch, lớp / chương trình, cử đi học, thay đổi trình độ, số liệu tổng
/// hợp): a stable `id`, a `meta`, and the fields the training module writes (described there;
/// not mirrored field by field here).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "TrainingRecord")]
pub(super) struct TrainingRecordM {
    /// Mã.
    id: String,
    /// Phiên bản và thời điểm cập nhật.
    meta: RecordMetaM,
    /// The record's other fields.
    #[serde(flatten)]
    rest: serde_json::Map<String, Value>,
}

/// `"format"`: the one constant marker.
pub(super) fn format_marker(_: &mut SchemaGenerator) -> Schema {
    SchemaObject {
        instance_type: Some(InstanceType::String.into()),
        const_value: Some(Value::from(super::FORMAT)),
        metadata: Some(Box::new(Metadata {
            description: Some("Dấu nhận dạng định dạng.".into()),
            ..Default::default()
        })),
        ..Default::default()
    }
    .into()
}

/// The definitions whose texts are the roster's (names ≤ [`crate::limits::MAX_NAME_CHARS`], a
/// note ≤ `MAX_TEXT_CHARS`); every other definition holds a document's texts. The same
/// classes `validate::check_limits` applies to a file coming in.
const ROSTER_DEFINITIONS: &[&str] = &[
    "Unit",
    "Cadre",
    "Position",
    "Membership",
    "PlannedPosition",
    "RecordMeta",
    "FieldStamp",
    "Origin",
    "ExportedBy",
    "Scope",
    "Receipt",
    "ReceiptCounts",
];

/// Writes the limits a file is checked against into the schema: `maxLength` on every string
/// property (by the key's category, as `validate::string_limit` decides), `maxItems` on
/// every list of records, `maximum` on record versions. *Why:* a tool writing snapshots
/// learns from the schema what the app will refuse.
fn add_limits(schema: &mut Value) {
    use super::validate::{count_limit, list_key, string_limit, TextClass};
    let is_string = |property: &Value| match property.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(types)) => types.iter().any(|t| t == "string"),
        _ => false,
    };
    let Some(Value::Object(definitions)) = schema.get_mut("definitions") else { return };
    for (name, definition) in definitions.iter_mut() {
        let class = if ROSTER_DEFINITIONS.contains(&name.as_str()) || name.starts_with("Qualification_") {
            TextClass::Roster
        } else {
            TextClass::Document
        };
        let records = name == "Records";
        let Some(Value::Object(properties)) = definition.get_mut("properties") else { continue };
        for (key, property) in properties.iter_mut() {
            let Value::Object(fields) = property else { continue };
            if is_string(&Value::Object(fields.clone())) && !fields.contains_key("enum") {
                fields.insert("maxLength".into(), Value::from(string_limit(class, key)));
            }
            if key == "version" && fields.get("type").is_some_and(|t| t == "integer") {
                fields.insert("maximum".into(), Value::from(crate::limits::MAX_VERSION));
            }
            if records {
                if let Some(kind) = super::Kind::ALL.iter().copied().find(|kind| list_key(*kind) == key) {
                    fields.insert("maxItems".into(), Value::from(count_limit(kind)));
                }
            }
        }
    }
}

/// The schema as published (pretty JSON with a final newline), with the limits.
pub(super) fn published() -> String {
    let mut root = schemars::schema_for!(super::Snapshot);
    root.meta_schema = Some("http://json-schema.org/draft-07/schema#".into());
    let mut value = serde_json::to_value(&root).expect("a schema serialises");
    add_limits(&mut value);
    let mut s = serde_json::to_string_pretty(&value).expect("a schema serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directive::Directive;
    use crate::fixtures::generate_roster;

    /// real → JSON → mirror → JSON must be the identity.
    fn same_through<M: Serialize + serde::de::DeserializeOwned, T: Serialize>(real: &T) {
        let a = serde_json::to_value(real).unwrap();
        let m: M = serde_json::from_value(a.clone()).unwrap_or_else(|e| panic!("mirror cannot read {a}: {e}"));
        let b = serde_json::to_value(&m).unwrap();
        assert_eq!(a, b, "a mirror type in schema.rs drifted from the model");
    }

    #[test]
    fn mirrors_match_the_model() {
        let mut r = generate_roster(7, 400, 60);
        r.cadres[0].civil_grade = Some(CivilGrade::Senior);
        r.cadres[0].lao_language = true;
        r.cadres[0].note = "ghi chú".into();
        for u in &r.units {
            same_through::<UnitM, _>(u);
        }
        for c in &r.cadres {
            same_through::<CadreM, _>(c);
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/templates");
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.file_name().unwrap() == "index.json" {
                continue;
            }
            let mut d = Directive::from_json(&std::fs::read_to_string(&p).unwrap()).unwrap();
            same_through::<DirectiveM, _>(&d);
            // A stated size written "khoảng" and stated year by year.
            if let Some(g) = d.groups.first_mut() {
                g.stated_count = Some(1200);
                g.stated_bound = Bound::About;
                g.stated_by_year = vec![crate::directive::StatedSize { year: 2025, count: 1150, bound: Bound::Over }];
                same_through::<DirectiveM, _>(&d);
            }
        }
        let mut with_table = Directive::blank("d".into(), crate::directive::DirectiveKind::Resolution);
        with_table.standards.push(crate::directive::Standard {
            id: "s".into(),
            name: "Tiêu chuẩn".into(),
            wording: "tiêu chuẩn chức danh".into(),
            rows: vec![crate::directive::StandardRow {
                categories: vec![Category::CivilServant],
                levels: vec![GovLevel::Commune],
                position: Some(crate::directive::TextMatch::starts_with(&["Chủ tịch"])),
                grades: vec![CivilGrade::Specialist],
                requires: vec![crate::directive::Requirement { scale: Scale::Political, level: "trung_cap".into() }],
                citation: crate::directive::Citation {
                    document: "Quy định (thử)".into(), article: "Điều 1".into()
                },
                note: "ghi chú".into(),
            }],
        });
        same_through::<DirectiveM, _>(&with_table);
        let mut roster = generate_roster(1, 10, 40);
        let t = roster.delete_cadre("c3", 5).unwrap();
        same_through::<TombstoneM, _>(&t);
        // A cadre with field stamps.
        let mut stamped = roster.cadres[0].clone();
        stamped.meta.fields.insert(
            "note".into(),
            crate::model::FieldStamp { device: "may-a".into(), version: 4, at: 9, by: "Xã Nậm Sơn".into() },
        );
        stamped.meta.seen.insert("may-a".into(), 4);
        same_through::<CadreM, _>(&stamped);
        // A cadre received from a commune's file, and one forwarded without a receiving time.
        stamped.meta.origin = Some(crate::model::Origin {
            unit_id: Some("xa-1".into()),
            unit_name: "Xã Nậm Sơn".into(),
            sender: "Lò Văn A - Văn phòng Đảng ủy".into(),
            exported_at: 1_795_000_000_000,
            received_at: Some(1_795_100_000_000),
        });
        same_through::<CadreM, _>(&stamped);
        stamped.meta.origin = Some(crate::model::Origin { exported_at: 1, ..Default::default() });
        same_through::<CadreM, _>(&stamped);
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/plans");
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.file_name().unwrap() == "index.json" || p.extension().is_none_or(|x| x != "json") {
                continue;
            }
            if let Ok(f) = crate::training::load_plan_file(&std::fs::read_to_string(&p).unwrap()) {
                same_through::<TrainingRecordM, _>(&f.plan);
                for l in &f.lines {
                    same_through::<TrainingRecordM, _>(l);
                }
            }
        }
    }

    #[test]
    fn the_schema_publishes_the_limits_a_file_is_checked_against() {
        let schema: Value = serde_json::from_str(&published()).unwrap();
        let property = |definition: &str, key: &str| schema["definitions"][definition]["properties"][key].clone();
        use crate::limits::*;
        assert_eq!(property("Unit", "name")["maxLength"], MAX_NAME_CHARS);
        assert_eq!(property("Unit", "id")["maxLength"], MAX_ID_CHARS);
        assert_eq!(property("Cadre", "note")["maxLength"], MAX_TEXT_CHARS);
        assert_eq!(property("Directive", "title")["maxLength"], MAX_DOCUMENT_TEXT_CHARS);
        assert_eq!(property("ExportedBy", "sender")["maxLength"], MAX_NAME_CHARS);
        assert_eq!(property("Origin", "sender")["maxLength"], MAX_NAME_CHARS);
        assert_eq!(property("Origin", "unit_id")["maxLength"], MAX_ID_CHARS);
        assert_eq!(property("Receipt", "file_name")["maxLength"], MAX_NAME_CHARS);
        assert_eq!(property("Records", "receipts")["maxItems"], MAX_OTHER_RECORDS);
        assert_eq!(property("RecordMeta", "version")["maximum"], MAX_VERSION);
        assert_eq!(property("Records", "units")["maxItems"], MAX_UNITS);
        assert_eq!(property("Records", "cadres")["maxItems"], MAX_CADRES);
        assert_eq!(property("Records", "enrollments")["maxItems"], MAX_OTHER_RECORDS);
        assert!(property("Unit", "level").get("maxLength").is_none(), "a code is bounded by its list");
    }

    #[test]
    fn published_schema_matches_the_types() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/snapshot.schema.json");
        let now = published();
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, &now).unwrap();
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == now,
            "public/snapshot.schema.json differs from the types: run `UPDATE_SCHEMA=1 cargo test --lib domain::snapshot` and commit it"
        );
    }
}
