//! Nhập danh sách cán bộ từ Excel/CSV: a sheet of cell texts becomes a preview of new,
//! updated and unchanged cadres with row-level errors, and nothing else. The page shows the
//! preview; the store writes it in one transaction (with a backup) only when the officer
//! confirms.
//!
//! The steps, each pure and tested here:
//! - [`parse_csv`]: CSV text (BOM, `,` `;` or tab, quotes) to rows of cell texts; XLSX is read
//!   to the same shape by the Excel worker (`dtbd-xlsx`), both through [`SheetBuilder`], which
//!   keeps a sheet within the limits ([`sheet`]).
//! - [`find_header`] and [`guess_mapping`]: which row holds the column names, and which
//!   [`Field`] each column fills, guessed from the folded header text (and the mapping the
//!   officer chose last time, [`ImportSettings`]).
//! - [`guess_level`] and [`level_review`]: free-text levels ("Thạc sỹ", "ThS", "Cao cấp",
//!   "CVC", "B1") to each scale, every distinct value listed for review, unknown ones first;
//!   a column of more than [`MAX_LEVEL_VALUES`] distinct texts is no level column.
//! - [`parse_birth_year`]: năm sinh from a year, dd/mm/yyyy, ISO or an Excel serial number.
//! - [`propose_units`]: every Đơn vị the roster lacks, with its level, kind and parent read
//!   from its name, to be created with the import ([`units`]).
//! - [`read_committee`]: the Cấp ủy column read into memberships, reviewed like levels
//!   ([`committee`]).
//! - [`preview`]: every row matched (by mã, else họ tên + năm sinh + đơn vị: the same person is
//!   [`Roster::person_key`]) and built into a cadre, validated by the roster's own rules;
//!   errors name the row, the column and the problem; a doubtful pair (same name and year in
//!   another unit) is shown for the officer to decide.
//! - [`roster_table`]: the roster as a [`Table`] for the CSV/XLSX export, in columns the import
//!   guesses back.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::levels::{
    DefenceSecurity, ForeignLanguage, InformationTechnology, Level, Political, Professional, Qualification, Scale,
    StateManagement,
};
use super::limits::{HEADER_SEARCH_ROWS, MAX_LEVEL_VALUES};
use super::model::{
    Cadre, Category, CivilGrade, Gender, GovLevel, Id, Leadership, Millis, PlannedPosition, Position, RecordMeta, Unit,
};
use super::roster::Roster;
use super::table::{Cell, Table};
use super::text::fold;

pub mod committee;
pub mod sheet;
pub mod units;

pub use committee::{committee_choices, read_committee, seats_of_title, CommitteeReading};
pub use sheet::{parse_csv, CsvError, SheetBuilder, SheetLimit};
pub use units::{propose_units, UnitProposal};

crate::tagged::coded_enum! {
    /// Trường: what a column of the file fills in. The code is what form values and the
    /// remembered mappings hold; the label is the column name the export writes and the page
    /// shows; `ALL` is the order the export writes them.
    #[derive(PartialOrd, Ord)]
    Field {
        /// Mã cán bộ (the app's id, as exported).
        Id = "id", "Mã cán bộ";
        /// Họ và tên.
        FullName = "full_name", "Họ và tên";
        /// Năm sinh / ngày sinh.
        Birth = "birth", "Năm sinh";
        /// Giới tính.
        Gender = "gender", "Giới tính";
        /// Dân tộc.
        Ethnicity = "ethnicity", "Dân tộc";
        /// Người địa phương ("x", "có", "✓", "1").
        Local = "local", "Người địa phương";
        /// Đối tượng.
        Category = "category", "Đối tượng";
        /// Đơn vị công tác (by name).
        Unit = "unit", "Đơn vị công tác";
        /// Chức vụ (several separated by `;`).
        Position = "position", "Chức vụ";
        /// Cấp ủy, as written ("UVBTV Huyện ủy"; several separated by `;`).
        Committee = "committee", "Cấp ủy";
        /// Quy hoạch: "Chủ tịch UBND huyện (2025-2030)", several separated by `;`.
        Planned = "planned", "Quy hoạch";
        /// Ngạch.
        CivilGrade = "civil_grade", "Ngạch";
        /// Trình độ chuyên môn.
        Professional = "professional", "Trình độ chuyên môn";
        /// Chuyên ngành.
        ProfessionalField = "professional_field", "Chuyên ngành";
        /// Lý luận chính trị.
        Political = "political", "Lý luận chính trị";
        /// Quản lý nhà nước.
        StateManagement = "state_management", "Quản lý nhà nước";
        /// Ngoại ngữ.
        ForeignLanguage = "foreign_language", "Ngoại ngữ";
        /// Which foreign language ("Tiếng Anh").
        ForeignLanguageName = "foreign_language_name", "Tên ngoại ngữ";
        /// Tin học.
        It = "it", "Tin học";
        /// Quốc phòng - an ninh.
        DefenceSecurity = "defence_security", "Quốc phòng - an ninh";
        /// Tiếng dân tộc thiểu số the person can use.
        MinorityLanguage = "minority_language", "Tiếng dân tộc thiểu số";
        /// Sử dụng được tiếng Lào ("x", "có", blank).
        LaoLanguage = "lao_language", "Tiếng Lào";
        /// Ghi chú.
        Note = "note", "Ghi chú";
        /// Giữ làm nhãn: the column is kept on each cadre under its own name (many columns may).
        Label = "label", "Giữ làm nhãn";
    }
}

impl Field {
    /// The level scale this field holds, if it is a level column.
    pub fn scale(self) -> Option<Scale> {
        Some(match self {
            Field::Professional => Scale::Professional,
            Field::Political => Scale::Political,
            Field::StateManagement => Scale::StateManagement,
            Field::ForeignLanguage => Scale::ForeignLanguage,
            Field::It => Scale::InformationTechnology,
            Field::DefenceSecurity => Scale::DefenceSecurity,
            _ => return None,
        })
    }

    /// Folded header texts that name this field (a header containing one of them).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["ma can bo", "ma cb", "ma so", "ma"],
            Field::FullName => &["ho va ten", "ho ten", "ho va ten khai sinh", "ten can bo", "ten"],
            Field::Birth => &["nam sinh", "ngay sinh", "ngay thang nam sinh", "sinh ngay", "sinh nam", "ns"],
            Field::Gender => &["gioi tinh", "gioi", "nam nu", "nam/nu"],
            Field::Ethnicity => &["dan toc"],
            Field::Local => &["nguoi dia phuong", "dia phuong", "ndp", "la nguoi dia phuong"],
            Field::Committee => &["cap uy", "cap uy vien", "tham gia cap uy", "uy vien cap uy"],
            Field::Label => &[],
            Field::Category => &["doi tuong", "loai can bo"],
            Field::Unit => &["don vi", "co quan", "noi cong tac", "don vi cong tac"],
            Field::Position => &["chuc vu", "chuc danh"],
            Field::CivilGrade => &["ngach"],
            Field::Professional => &["chuyen mon", "trinh do chuyen mon", "trinh do dao tao", "hoc van", "cmnv"],
            Field::ProfessionalField => &["chuyen nganh", "nganh dao tao", "nganh hoc"],
            Field::Political => &["ly luan chinh tri", "llct", "chinh tri"],
            Field::StateManagement => &["quan ly nha nuoc", "qlnn"],
            Field::ForeignLanguage => &["ngoai ngu", "tieng anh"],
            Field::It => &["tin hoc", "cntt"],
            Field::DefenceSecurity => &["quoc phong", "qp an", "qpan", "qp-an", "an ninh"],
            Field::Note => &["ghi chu"],
            Field::Planned => &["quy hoach", "chuc danh quy hoach", "quy hoach chuc danh", "dien quy hoach"],
            Field::ForeignLanguageName => &["ten ngoai ngu", "ngoai ngu ten", "thu tieng"],
            Field::MinorityLanguage => &["tieng dan toc", "tieng dan toc thieu so", "tieng dtts"],
            Field::LaoLanguage => &["tieng lao", "su dung duoc tieng lao", "biet tieng lao"],
        }
    }
}

/// Folds and turns punctuation into spaces: the form header and level texts are compared in.
pub fn normalise(s: &str) -> String {
    let folded = fold(s);
    let spaced: String = folded.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when `text` is `key` or starts with `key` followed by a space (word boundary).
fn starts_with_word(text: &str, key: &str) -> bool {
    text == key || (text.starts_with(key) && text.as_bytes().get(key.len()) == Some(&b' '))
}

/// True when the words of `key` occur in `text` as whole words, in order and together.
fn contains_words(text: &str, key: &str) -> bool {
    let padded = format!(" {text} ");
    padded.contains(&format!(" {key} "))
}

/// Every field's aliases normalised, and padded with a space each side (to find them as whole
/// words), once: a header search reads thousands of cells.
fn normalised_aliases() -> &'static [(Field, String, String)] {
    static ALIASES: std::sync::OnceLock<Vec<(Field, String, String)>> = std::sync::OnceLock::new();
    ALIASES.get_or_init(|| {
        Field::ALL
            .iter()
            .flat_map(|&f| {
                f.aliases().iter().map(move |a| {
                    let alias = normalise(a);
                    let padded = format!(" {alias} ");
                    (f, alias, padded)
                })
            })
            .collect()
    })
}

/// The field a header names, if any: the longest alias it contains wins ("Tên đơn vị" is a
/// unit, not a name).
pub fn guess_field(header: &str) -> Option<Field> {
    let h = normalise(header);
    if h.is_empty() {
        return None;
    }
    let mut best: Option<(usize, Field)> = None;
    // "Q.L.N.N", "L L C T": an abbreviation written letter by letter.
    let letters = h.split(' ').all(|w| w.chars().count() == 1).then(|| h.replace(' ', ""));
    let padded = format!(" {h} ");
    for (f, a, padded_alias) in normalised_aliases() {
        // Very short aliases ("ma", "ns", "ten") only when they are the whole header or its
        // first word, so "Tên đơn vị" or "Mã số thuế" do not land on them by chance.
        let spelt = !a.contains(' ') && letters.as_deref() == Some(a.as_str());
        let hit = spelt || if a.len() <= 3 { starts_with_word(&h, a) } else { padded.contains(padded_alias.as_str()) };
        if hit && best.is_none_or(|(len, _)| a.len() > len) {
            best = Some((a.len(), *f));
        }
    }
    best.map(|(_, f)| f)
}

/// What the officer chose last time, remembered between imports (in prefs).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSettings {
    /// Normalised header → field code ("" = bỏ qua, the column is skipped).
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// `field code|normalised text` → level reading ([`guess_reading`]'s codes).
    #[serde(default)]
    pub levels: BTreeMap<String, String>,
    /// Normalised Cấp ủy text → [`CommitteeReading::code`].
    #[serde(default)]
    pub committees: BTreeMap<String, String>,
}

impl ImportSettings {
    /// Remembers this header → field choice.
    pub fn remember_column(&mut self, header: &str, field: Option<Field>) {
        let key = normalise(header);
        if !key.is_empty() {
            self.columns.insert(key, field.map_or(String::new(), |f| f.code().to_string()));
        }
    }

    /// Remembers (and from now on applies) this text → level choice.
    pub fn choose_level(&mut self, field: Field, text: &str, level_code: &str) {
        self.levels.insert(level_key(field, text), level_code.to_string());
    }

    /// Remembers this Cấp ủy text → reading choice ("" forgets it).
    pub fn choose_committee(&mut self, text: &str, code: &str) {
        let key = normalise(text);
        if code.is_empty() {
            self.committees.remove(&key);
        } else {
            self.committees.insert(key, code.to_string());
        }
    }

    /// The reading of one Cấp ủy text: the officer's choice, else what the text says.
    pub fn committee_reading(&self, text: &str) -> Option<CommitteeReading> {
        match self.committees.get(&normalise(text)) {
            Some(code) => CommitteeReading::from_code(code, &read_committee(text).map(|r| r.term).unwrap_or_default()),
            None => read_committee(text),
        }
    }
}

fn level_key(field: Field, text: &str) -> String {
    format!("{}|{}", field.code(), normalise(text))
}

/// Headers of a row-number column, never kept.
const ROW_NUMBER_HEADERS: &[&str] = &["stt", "tt", "so tt", "so thu tu", "thu tu"];

/// Which field each column fills: the remembered choice for its header, else the guess; a
/// named column the app has no field for is kept as a nhãn (her own group column works at
/// once), a row-number or unnamed column skipped. A field goes to the first column that claims
/// it (nhãn excepted).
pub fn guess_mapping(header: &[String], settings: &ImportSettings) -> Vec<Option<Field>> {
    let mut taken = Vec::new();
    header
        .iter()
        .map(|h| {
            let key = normalise(h);
            let f = match settings.columns.get(&key) {
                Some(code) => Field::from_code(code),
                None if key.is_empty() || ROW_NUMBER_HEADERS.contains(&key.as_str()) => None,
                None => guess_field(h).or(Some(Field::Label)),
            };
            match f {
                Some(Field::Label) => Some(Field::Label),
                Some(f) if !taken.contains(&f) => {
                    taken.push(f);
                    Some(f)
                }
                _ => None,
            }
        })
        .collect()
}

/// The header row: among the first [`HEADER_SEARCH_ROWS`] rows, the first that names at least
/// two fields (files often carry a title, the unit's name and a date above the table); the
/// first non-blank row otherwise. The officer may choose another (the page's "Dòng tiêu đề").
pub fn find_header(rows: &[Vec<String>]) -> Option<usize> {
    let named = |r: &Vec<String>| r.iter().filter_map(|c| guess_field(c)).take(2).count();
    rows.iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|r| named(r) >= 2)
        .or_else(|| rows.iter().position(|r| r.iter().any(|c| !c.trim().is_empty())))
}

/// The header's cells and the index of the first data row, for a header at `at`. A header of
/// two rows (merged cells: "Trình độ" over "Chuyên môn | LLCT | QLNN", "Họ và tên" merged down)
/// is read as one: the row below counts as part of it when it names a field and every cell it
/// fills sits under a blank or unrecognised header cell (a data row would fill the name column).
pub fn header_cells(rows: &[Vec<String>], at: usize) -> (Vec<String>, usize) {
    let Some(top) = rows.get(at) else { return (Vec::new(), at + 1) };
    let Some(below) = rows.get(at + 1) else { return (top.clone(), at + 1) };
    let under_unnamed = |col: usize| top.get(col).is_none_or(|h| h.trim().is_empty() || guess_field(h).is_none());
    let filled: Vec<usize> = (0..below.len()).filter(|&col| !below[col].trim().is_empty()).collect();
    let names_a_field = filled.iter().any(|&col| guess_field(&below[col]).is_some());
    if filled.is_empty() || !names_a_field || !filled.iter().all(|&col| under_unnamed(col)) {
        return (top.clone(), at + 1);
    }
    let width = top.len().max(below.len());
    let cells = (0..width)
        .map(|col| {
            let sub = below.get(col).map_or("", |c| c.trim());
            let over = top.get(col).map_or("", |c| c.trim());
            if sub.is_empty() {
                over.to_string()
            } else {
                sub.to_string()
            }
        })
        .collect();
    (cells, at + 2)
}

/// The texts that mean each level of a scale, normalised, besides the level's own label and
/// code. Matched as whole leading words, longest first.
fn level_aliases(scale: Scale) -> &'static [(&'static str, &'static str)] {
    match scale {
        Scale::Professional => &[
            ("chua", "chua"),
            ("khong", "chua"),
            ("so cap", "so_cap"),
            ("sc", "so_cap"),
            ("trung cap", "trung_cap"),
            ("tc", "trung_cap"),
            ("tccn", "trung_cap"),
            ("cao dang", "cao_dang"),
            ("cd", "cao_dang"),
            ("dai hoc", "dai_hoc"),
            ("dh", "dai_hoc"),
            ("cu nhan", "dai_hoc"),
            ("cn", "dai_hoc"),
            ("ky su", "dai_hoc"),
            ("ks", "dai_hoc"),
            ("bac si", "dai_hoc"),
            ("bs", "dai_hoc"),
            ("kien truc su", "dai_hoc"),
            ("thac si", "thac_si"),
            ("thac sy", "thac_si"),
            ("ths", "thac_si"),
            ("th s", "thac_si"),
            ("cao hoc", "thac_si"),
            ("bs cki", "thac_si"),
            ("bac si cki", "thac_si"),
            ("cki", "thac_si"),
            ("ck1", "thac_si"),
            ("bs ck1", "thac_si"),
            ("chuyen khoa i", "thac_si"),
            ("ds cki", "thac_si"),
            ("tien si", "tien_si"),
            ("tien sy", "tien_si"),
            ("ts", "tien_si"),
            ("pgs", "tien_si"),
            ("gs", "tien_si"),
            ("bs ckii", "tien_si"),
            ("bac si ckii", "tien_si"),
            ("ckii", "tien_si"),
            ("ck2", "tien_si"),
            ("bs ck2", "tien_si"),
            ("chuyen khoa ii", "tien_si"),
        ],
        Scale::Political => &[
            ("chua", "chua"),
            ("khong", "chua"),
            ("so cap", "so_cap"),
            ("sc", "so_cap"),
            ("trung cap", "trung_cap"),
            ("tc", "trung_cap"),
            ("cao cap", "cao_cap"),
            ("cc", "cao_cap"),
            ("cu nhan", "cu_nhan"),
            ("cn", "cu_nhan"),
            ("cu nhan chinh tri", "cu_nhan"),
            ("cao cap llct", "cao_cap"),
        ],
        Scale::StateManagement => &[
            ("chua", "chua"),
            ("khong", "chua"),
            ("can su", "can_su"),
            ("cs", "can_su"),
            ("chuyen vien", "chuyen_vien"),
            ("cv", "chuyen_vien"),
            ("chuyen vien chinh", "chuyen_vien_chinh"),
            ("cvc", "chuyen_vien_chinh"),
            ("chuyen vien cao cap", "chuyen_vien_cao_cap"),
            ("cvcc", "chuyen_vien_cao_cap"),
        ],
        Scale::ForeignLanguage => &[
            ("chua", "chua"),
            ("khong", "chua"),
            ("a1", "bac_1"),
            ("a2", "bac_2"),
            ("b1", "bac_3"),
            ("b2", "bac_4"),
            ("c1", "bac_5"),
            ("c2", "bac_6"),
            ("bac 1", "bac_1"),
            ("bac 2", "bac_2"),
            ("bac 3", "bac_3"),
            ("bac 4", "bac_4"),
            ("bac 5", "bac_5"),
            ("bac 6", "bac_6"),
            ("a", "bac_1"),
            ("b", "bac_2"),
            ("c", "bac_3"),
            ("chung chi a", "bac_1"),
            ("chung chi b", "bac_2"),
            ("chung chi c", "bac_3"),
            ("anh a", "bac_1"),
            ("anh b", "bac_2"),
            ("anh c", "bac_3"),
            ("tieng anh a", "bac_1"),
            ("tieng anh b", "bac_2"),
            ("tieng anh c", "bac_3"),
            ("tieng anh b1", "bac_3"),
            ("tieng anh b2", "bac_4"),
            ("tieng anh a2", "bac_2"),
            ("dai hoc", "bac_5"),
        ],
        Scale::InformationTechnology => &[
            ("chua", "chua"),
            ("khong", "chua"),
            ("co ban", "co_ban"),
            ("nang cao", "nang_cao"),
            ("a", "co_ban"),
            ("b", "co_ban"),
            ("c", "co_ban"),
            ("chung chi a", "co_ban"),
            ("chung chi b", "co_ban"),
            ("chung chi c", "co_ban"),
            ("ung dung cntt co ban", "co_ban"),
            ("ung dung cntt nang cao", "nang_cao"),
            ("dai hoc", "nang_cao"),
        ],
        Scale::DefenceSecurity => &[
            ("chua", "chua"),
            ("khong", "chua"),
            ("doi tuong 1", "doi_tuong_1"),
            ("doi tuong 2", "doi_tuong_2"),
            ("doi tuong 3", "doi_tuong_3"),
            ("doi tuong 4", "doi_tuong_4"),
            ("dt1", "doi_tuong_1"),
            ("dt2", "doi_tuong_2"),
            ("dt3", "doi_tuong_3"),
            ("dt4", "doi_tuong_4"),
            ("dt 1", "doi_tuong_1"),
            ("dt 2", "doi_tuong_2"),
            ("dt 3", "doi_tuong_3"),
            ("dt 4", "doi_tuong_4"),
            ("1", "doi_tuong_1"),
            ("2", "doi_tuong_2"),
            ("3", "doi_tuong_3"),
            ("4", "doi_tuong_4"),
        ],
    }
}

/// The level code a free text means on `scale`, if it can be told: the level's label or code,
/// or a usual abbreviation ("ThS", "Th.S", "CVC", "B1"), as the text's leading words.
/// "Đại học Luật" is đại học; "Thạc sỹ Kinh tế" thạc sĩ. An empty text is no answer.
pub fn guess_level(scale: Scale, text: &str) -> Option<&'static str> {
    let t = normalise(text);
    // Leading words people add that say nothing about the level.
    let t =
        ["trinh do ", "chung chi ", "bang "].iter().find_map(|p| t.strip_prefix(p).map(str::to_string)).unwrap_or(t);
    if t.is_empty() {
        return None;
    }
    level_keys(scale).iter().find(|(k, _)| starts_with_word(&t, k)).map(|(_, code)| *code)
}

/// The texts [`guess_level`] matches on `scale`, normalised, longest first, built once per
/// scale: a level column may hold thousands of distinct texts.
fn level_keys(scale: Scale) -> &'static [(String, &'static str)] {
    type Keys = Vec<(Scale, Vec<(String, &'static str)>)>;
    static KEYS: std::sync::OnceLock<Keys> = std::sync::OnceLock::new();
    let all = KEYS.get_or_init(|| {
        Scale::ALL
            .iter()
            .map(|&scale| {
                let mut keys: Vec<(String, &'static str)> =
                    scale.levels().into_iter().map(|(code, label)| (normalise(label), code)).collect();
                keys.extend(scale.levels().into_iter().map(|(code, _)| (normalise(code), code)));
                keys.extend(level_aliases(scale).iter().map(|(k, code)| ((*k).to_string(), *code)));
                keys.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
                (scale, keys)
            })
            .collect()
    });
    all.iter().find(|(s, _)| *s == scale).map_or(&[], |(_, keys)| keys.as_slice())
}

/// Marks a reading that holds a study: `held>studying`, `held` being `?` when unknown.
const STUDYING_MARK: char = '>';
/// The held part of a reading when only the study is known.
const UNKNOWN_HELD: &str = "?";

/// What a level text says, as a reading code: a level code ("thac_si"); `?>thac_si` for
/// "Đang học thạc sĩ" (studying, the level held unknown); `dai_hoc>thac_si` for "Đại học,
/// đang học thạc sĩ". None when the level cannot be told.
pub fn guess_reading(scale: Scale, text: &str) -> Option<String> {
    let t = normalise(text);
    let Some(at) = format!(" {t} ").find(" dang hoc ") else {
        return guess_level(scale, text).map(str::to_string);
    };
    let before = t[..at].trim().trim_end_matches(" va").trim_end_matches(" va dang").trim();
    let after = t[(at + "dang hoc".len()).min(t.len())..].trim();
    let studying = guess_level(scale, after)?;
    let held = if before.is_empty() { UNKNOWN_HELD } else { guess_level(scale, before)? };
    if held == studying {
        // "Đại học và đang học đại học": written for the report's line, held.
        return Some(held.to_string());
    }
    Some(format!("{held}{STUDYING_MARK}{studying}"))
}

/// The (held, studying) codes of a reading; held `None` = unknown.
pub fn split_reading(code: &str) -> (Option<&str>, Option<&str>) {
    match code.split_once(STUDYING_MARK) {
        Some((held, studying)) => ((held != UNKNOWN_HELD).then_some(held), Some(studying)),
        None => (Some(code), None),
    }
}

/// The label of a reading ("Đang học Thạc sĩ (chưa rõ trình độ đã có)", "Đại học, đang học
/// Thạc sĩ") on `scale`.
pub fn reading_label(scale: Scale, code: &str) -> String {
    let label =
        |c: &str| scale.levels().into_iter().find(|(k, _)| *k == c).map_or(c.to_string(), |(_, l)| l.to_string());
    match split_reading(code) {
        (Some(held), None) => label(held),
        (None, Some(studying)) => format!("Đang học {} (chưa rõ trình độ đã có)", label(studying)),
        (Some(held), Some(studying)) => format!("{}, đang học {}", label(held), label(studying).to_lowercase()),
        (None, None) => String::new(),
    }
}

/// Every reading the review offers on `scale`: each level held, then each "Đang học X" with
/// the level held unknown.
pub fn reading_choices(scale: Scale) -> Vec<(String, String)> {
    let levels = scale.levels();
    let held = levels.iter().map(|(code, label)| (code.to_string(), label.to_string()));
    let studying = levels.iter().skip(1).map(|(code, _)| {
        let code = format!("{UNKNOWN_HELD}{STUDYING_MARK}{code}");
        let label = reading_label(scale, &code);
        (code, label)
    });
    held.chain(studying).collect()
}

/// One distinct text found in a level column, for the review step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelValue {
    /// The column's field.
    pub field: Field,
    /// The text as first written in the file.
    pub text: String,
    /// How many rows carry it.
    pub count: usize,
    /// The level code the app reads it as: the officer's choice, else the guess; None = chưa rõ.
    pub level: Option<String>,
    /// True when the officer chose it (not a guess).
    pub chosen: bool,
}

/// A column mapped to a level field whose texts are too many to be levels (a column of names,
/// notes or dates mapped by mistake): it is not reviewed, and the page says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotLevels {
    /// The field it is mapped to.
    pub field: Field,
    /// Its index in the sheet (from 0).
    pub column: usize,
    /// How many distinct texts it holds (more than [`MAX_LEVEL_VALUES`]).
    pub distinct: usize,
}

/// The level review of a sheet: the distinct texts to check, and the columns too varied to be
/// level columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LevelReview {
    /// Every distinct text of the level columns reviewed, unknown ones first, then by column
    /// and count.
    pub values: Vec<LevelValue>,
    /// Level columns with more than [`MAX_LEVEL_VALUES`] distinct texts, not reviewed.
    pub not_levels: Vec<NotLevels>,
}

/// Every distinct non-empty text of every mapped level column, unknown ones first, then by
/// column and count; a column of more than [`MAX_LEVEL_VALUES`] distinct texts is listed in
/// [`LevelReview::not_levels`] instead, never guessed. Linear in the cells: each text as
/// written is normalised once (a sheet repeats a few dozen over its rows) and each distinct
/// one guessed once.
pub fn level_review(rows: &[Vec<String>], mapping: &[Option<Field>], settings: &ImportSettings) -> LevelReview {
    let mut out = LevelReview::default();
    for (column, f) in mapping.iter().enumerate() {
        let Some((field, scale)) = f.and_then(|f| f.scale().map(|s| (f, s))) else { continue };
        // (the settings' key, the text as first written, rows carrying it)
        let mut distinct: Vec<(String, &str, usize)> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut written: HashMap<&str, usize> = HashMap::new();
        for row in rows {
            let text = row.get(column).map_or("", |s| s.trim());
            if text.is_empty() {
                continue;
            }
            let at = match written.get(text) {
                Some(&at) => at,
                None => {
                    let key = level_key(field, text);
                    let at = *by_key.entry(key).or_insert_with_key(|key| {
                        distinct.push((key.clone(), text, 0));
                        distinct.len() - 1
                    });
                    written.insert(text, at);
                    at
                }
            };
            distinct[at].2 += 1;
        }
        if distinct.len() > MAX_LEVEL_VALUES {
            out.not_levels.push(NotLevels { field, column, distinct: distinct.len() });
            continue;
        }
        out.values.extend(distinct.into_iter().map(|(key, text, count)| {
            let chosen = settings.levels.get(&key).cloned();
            LevelValue {
                field,
                text: text.to_string(),
                count,
                chosen: chosen.is_some(),
                level: chosen.or_else(|| guess_reading(scale, text)),
            }
        }));
    }
    out.values.sort_by_key(|v| (v.level.is_some(), v.field, std::cmp::Reverse(v.count)));
    out
}

fn resolve_level(field: Field, text: &str, settings: &ImportSettings) -> Option<String> {
    settings.levels.get(&level_key(field, text)).cloned().or_else(|| field.scale().and_then(|s| guess_reading(s, text)))
}

/// A day of a month that exists: (29, 2, 2024) yes, (29, 2, 2023) no; any year of four
/// digits (0000 included, a leap year).
fn valid_date(y: i64, m: i64, d: i64) -> bool {
    let (Ok(y), Ok(m)) = (u16::try_from(y), u8::try_from(m)) else { return false };
    d >= 1 && d <= i64::from(Date::days_in_month(y, m))
}

/// A year as a spreadsheet or a number format decorates it: a decimal part of zeros
/// ("1985.0", "1985,0": a column of numbers saved by another program) or a thousands
/// separator ("1.985", "1,985": a year formatted as a number). Never an Excel date serial:
/// serial 1985 is 1905, and serial 1,985 the last day of 1899, neither a birth date.
fn decorated_year(t: &str) -> Option<i64> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (before, after) = t.split_once(['.', ','])?;
    let whole = if before.len() == 4 && digits(before) && digits(after) && after.bytes().all(|b| b == b'0') {
        before.to_string()
    } else if before.len() == 1 && after.len() == 3 && digits(before) && digits(after) {
        format!("{before}{after}")
    } else {
        return None;
    };
    whole.parse().ok()
}

/// Năm sinh from what a roster file holds: a year ("1980", also "1985.0" and "1.985":
/// [`decorated_year`]), a date written dd/mm/yyyy (or with `-` `.`), mm/yyyy, ISO yyyy-mm-dd,
/// or an Excel date serial number (days since 1899-12-30). The error says what was found, in
/// Vietnamese.
pub fn parse_birth_year(text: &str) -> Result<u16, String> {
    let t = text.trim();
    let bad = || format!("“{t}” không đọc được thành năm sinh (ghi năm, ngày dd/mm/yyyy hoặc yyyy-mm-dd).");
    if t.is_empty() {
        return Err("chưa có năm sinh.".into());
    }
    let year = |s: &str| -> Option<i64> {
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
    };
    let num = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
    };
    let y = if let Some(y) = year(t).or_else(|| decorated_year(t)) {
        y
    } else if let Ok(serial) = t.parse::<f64>() {
        // An Excel serial: whole days since 1899-12-30 (the 1900 leap-year bug is before
        // any birth date we accept).
        if !(1.0..=2_958_465.0).contains(&serial) {
            return Err(bad());
        }
        let day_zero = Date { year: 1899, month: 12, day: 30 }.days();
        Date::from_days(day_zero + serial.floor() as i64).map_or(0, |d| i64::from(d.year))
    } else {
        let date_part = t.split(['T', ' ']).next().unwrap_or(t);
        let parts: Vec<&str> = date_part.split(['/', '-', '.']).collect();
        match parts.as_slice() {
            [y4, m, d] if year(y4).is_some() => {
                let (y, m, d) = (year(y4).unwrap_or(0), num(m).ok_or_else(bad)?, num(d).ok_or_else(bad)?);
                if !valid_date(y, m, d) {
                    return Err(format!("“{t}” không phải một ngày có thật."));
                }
                y
            }
            [d, m, y4] if year(y4).is_some() => {
                let (y, m, d) = (year(y4).unwrap_or(0), num(m).ok_or_else(bad)?, num(d).ok_or_else(bad)?);
                if !valid_date(y, m, d) {
                    return Err(format!("“{t}” không phải một ngày có thật (ngày/tháng/năm)."));
                }
                y
            }
            [m, y4] if year(y4).is_some() && num(m).is_some_and(|m| (1..=12).contains(&m)) => year(y4).unwrap_or(0),
            _ => return Err(bad()),
        }
    };
    u16::try_from(y).map_err(|_| bad())
}

/// One problem with one row: the row number as the spreadsheet shows it, the column, and
/// what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Dòng (1 = the sheet's first row).
    pub row: usize,
    /// Cột: the header text of the column, or the field's label.
    pub column: String,
    /// Lỗi, in Vietnamese.
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Dòng {}, cột {}: {}", self.row, self.column, self.message)
    }
}

/// What a row does to the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Thêm mới.
    New,
    /// Cập nhật: the cadre as it is now.
    Updated(Box<Cadre>),
    /// Không đổi.
    Unchanged,
}

/// One good row: its number, what it does, and the cadre as it will be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRow {
    /// Dòng.
    pub row: usize,
    /// Thêm / cập nhật / không đổi.
    pub outcome: Outcome,
    /// The cadre after the import.
    pub cadre: Cadre,
}

/// Two people, one on the roster and one in the sheet, with the same name and birth year in
/// different units: a move, or a namesake? Shown side by side for the officer to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoubtfulPair {
    /// Dòng of the sheet.
    pub row: usize,
    /// The person on the roster.
    pub existing: Box<Cadre>,
    /// True when the row is read as that person (moved unit); false = a different person.
    pub same: bool,
}

/// The preview of an import: nothing is written until the officer confirms it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    /// Rows that will be applied.
    pub rows: Vec<PlannedRow>,
    /// Rows that will not, with why.
    pub errors: Vec<RowError>,
    /// Units created with the import (the accepted proposals some row uses).
    pub units: Vec<Unit>,
    /// Same name and year in another unit, as decided now.
    pub doubtful: Vec<DoubtfulPair>,
}

impl Preview {
    /// (mới, cập nhật, không đổi).
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut c = (0, 0, 0);
        for r in &self.rows {
            match r.outcome {
                Outcome::New => c.0 += 1,
                Outcome::Updated(_) => c.1 += 1,
                Outcome::Unchanged => c.2 += 1,
            }
        }
        c
    }

    /// Rows with at least one error (a row may have several).
    pub fn bad_rows(&self) -> usize {
        let mut rows: Vec<usize> = self.errors.iter().map(|e| e.row).collect();
        rows.dedup();
        rows.len()
    }

    /// The roster with the new units and the new and updated cadres applied (unchanged rows
    /// change nothing).
    pub fn apply(&self, roster: &Roster) -> Roster {
        let mut out = roster.clone();
        out.units.extend(self.units.iter().cloned());
        let index: HashMap<Id, usize> = out.cadres.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
        for r in &self.rows {
            match &r.outcome {
                Outcome::New => out.cadres.push(r.cadre.clone()),
                Outcome::Updated(_) => {
                    if let Some(&i) = index.get(&r.cadre.id) {
                        out.cadres[i] = r.cadre.clone();
                    }
                }
                Outcome::Unchanged => {}
            }
        }
        out
    }
}

/// Everything [`preview`] needs besides the roster.
pub struct ImportRequest<'a> {
    /// The header row's cells (for column names in errors, and the names of nhãn).
    pub header: &'a [String],
    /// The data rows (below the header).
    pub rows: &'a [Vec<String>],
    /// The sheet row number of `rows[0]` (1-based), so errors name the rows the officer sees.
    pub first_row: usize,
    /// Which field each column fills.
    pub mapping: &'a [Option<Field>],
    /// Remembered level and Cấp ủy choices.
    pub settings: &'a ImportSettings,
    /// The unit for rows with no đơn vị (None: such a row is an error).
    pub default_unit: Option<&'a str>,
    /// Đối tượng for new people when the sheet has no such column (or the cell is blank); the
    /// officer's choice for the file, never a silent default. None: such a row is an error.
    pub default_category: Option<Category>,
    /// Units to create with the import (the proposals the officer accepted), by name.
    pub new_units: &'a [Unit],
    /// Rows of doubtful pairs the officer read as a different person (the rest are the same).
    pub different_people: &'a HashSet<usize>,
    /// Time of the import (record meta).
    pub now: Millis,
}

/// Fields the file must give (unless a default covers them). An empty answer means the
/// preview can be computed.
pub fn missing_fields(
    mapping: &[Option<Field>],
    default_unit: Option<&str>,
    default_category: Option<Category>,
) -> Vec<Field> {
    let mut need = vec![Field::FullName, Field::Birth, Field::Gender];
    if default_unit.is_none() {
        need.push(Field::Unit);
    }
    if default_category.is_none() {
        need.push(Field::Category);
    }
    need.retain(|f| !mapping.contains(&Some(*f)));
    need
}

/// Un-does the export's formula neutralising: `'=x` back to `=x`.
pub fn unneutralise(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => s,
    }
}

fn parse_labelled<T: Copy>(
    all: &[T],
    label: impl Fn(T) -> &'static str,
    code: impl Fn(T) -> &'static str,
    extra: &[(&str, T)],
    text: &str,
) -> Option<T> {
    let t = normalise(text);
    all.iter()
        .copied()
        .find(|v| normalise(label(*v)) == t || normalise(code(*v)) == t)
        .or_else(|| extra.iter().find(|(k, _)| *k == t).map(|(_, v)| *v))
}

fn parse_gender(text: &str) -> Option<Gender> {
    parse_labelled(
        Gender::ALL,
        Gender::label,
        Gender::code,
        &[
            ("m", Gender::Male),
            ("male", Gender::Male),
            ("f", Gender::Female),
            ("nu gioi", Gender::Female),
            ("female", Gender::Female),
        ],
        text,
    )
}

fn parse_category(text: &str) -> Option<Category> {
    parse_labelled(
        Category::ALL,
        Category::label,
        Category::code,
        &[
            ("cb", Category::Cadre),
            ("cc", Category::CivilServant),
            ("vc", Category::PublicEmployee),
            ("khong chuyen trach cap xa", Category::PartTime),
            ("hdnd", Category::CouncilDelegate),
        ],
        text,
    )
}

fn parse_grade(text: &str) -> Option<CivilGrade> {
    parse_labelled(
        CivilGrade::ALL,
        CivilGrade::label,
        CivilGrade::code,
        &[
            ("nv", CivilGrade::Staff),
            ("cs", CivilGrade::Clerk),
            ("cv", CivilGrade::Specialist),
            ("cvc", CivilGrade::Principal),
            ("cvcc", CivilGrade::Senior),
        ],
        text,
    )
}

/// Cấp trưởng / phó read from a title: "Phó ..." is a deputy; "Chủ tịch", "Bí thư",
/// "Giám đốc", "Trưởng ...", "Chánh ..." a head; anything else none.
pub fn leadership_of(title: &str) -> Leadership {
    // The groups' normal form: "PCT UBND xã" is "pho chu tich uy ban nhan dan xa".
    let t = crate::text::fold_title(title);
    if starts_with_word(&t, "pho") {
        Leadership::Deputy
    } else if ["truong", "chu tich", "bi thu", "giam doc", "chanh", "chu nhiem", "vien truong", "hieu truong"]
        .iter()
        .any(|k| starts_with_word(&t, k))
    {
        Leadership::Head
    } else {
        Leadership::None
    }
}

/// Applies a reading ([`guess_reading`]'s code) to a qualification. A level alone keeps a
/// study above it that the roster already knows; a study replaces the one known, with the
/// year it ends when the text gives one (`until`), else the year known for the same study.
fn set_level<L: Level>(q: &mut Qualification<L>, code: &str, until: Option<u16>) {
    let (held, studying) = split_reading(code);
    let held = held.and_then(L::from_code);
    let studying = studying.and_then(L::from_code);
    match (held, studying) {
        (Some(l), None) => {
            q.level = l;
            q.level_unknown = false;
            if q.studying.is_some_and(|s| s <= l) {
                q.studying = None;
                q.studying_until = None;
            }
        }
        (held, Some(s)) => {
            if q.studying != Some(s) {
                q.studying_until = None;
            }
            if until.is_some() {
                q.studying_until = until;
            }
            q.studying = Some(s);
            q.level = held.unwrap_or_default();
            q.level_unknown = held.is_none();
        }
        (None, None) => {}
    }
}

/// The year a study ends, written after "đang học": "Đại học, đang học thạc sĩ (dự kiến 2026)",
/// "đang học cao cấp, xong năm 2027". A year of 2000-2100 only, the range the form accepts.
pub fn studying_year(text: &str) -> Option<u16> {
    let t = normalise(text);
    let at = format!(" {t} ").find(" dang hoc ")?;
    t[at..]
        .split(' ')
        .filter(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|y| (2000..=2100).contains(y))
}

/// A term in brackets after a planned title: years ("2025-2030") or a roman numeral ("XXI");
/// other brackets ("(kiêm nhiệm)") belong to the title.
fn is_term(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && (t.bytes().any(|b| b.is_ascii_digit()) || t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')))
}

/// Quy hoạch as written: titles separated by `;`, each with its term in brackets after it
/// ("Chủ tịch UBND huyện (2025-2030); Bí thư Đảng ủy xã").
pub fn read_planned(text: &str) -> Vec<PlannedPosition> {
    text.split(';')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            let bracket = part.strip_suffix(')').and_then(|rest| rest.rsplit_once('('));
            match bracket {
                Some((title, term)) if is_term(term) && !title.trim().is_empty() => {
                    PlannedPosition { title: title.trim().to_string(), term: term.trim().to_string() }
                }
                _ => PlannedPosition { title: part.to_string(), term: String::new() },
            }
        })
        .collect()
}

/// Quy hoạch as the export writes it, read back by [`read_planned`].
fn planned_text(c: &Cadre) -> String {
    c.planned_for
        .iter()
        .map(|p| if p.term.is_empty() { p.title.clone() } else { format!("{} ({})", p.title, p.term) })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Người địa phương from what sheets write: "x", "có", "✓", "1", "yes" or blank-like "không".
pub fn parse_local(text: &str) -> Option<bool> {
    let t = normalise(text);
    let raw = text.trim();
    if ["x", "co", "1", "yes", "y", "c", "dia phuong", "nguoi dia phuong", "la nguoi dia phuong"].contains(&t.as_str())
        || ["✓", "✔", "√", "☑", "v", "X"].contains(&raw)
    {
        Some(true)
    } else if ["khong", "0", "no", "k", "n", "ko"].contains(&t.as_str()) || ["-", "—", "✗", "✘"].contains(&raw) {
        Some(false)
    } else {
        None
    }
}

/// One row's cells by field, and its name, year and unit as far as they read.
struct RowCells<'r> {
    row: &'r Vec<String>,
    mapping: &'r [Option<Field>],
}

impl<'r> RowCells<'r> {
    /// The column and trimmed text of the first column mapped to `field`.
    fn get(&self, field: Field) -> Option<(usize, &'r str)> {
        self.mapping
            .iter()
            .position(|m| *m == Some(field))
            .map(|col| (col, unneutralise(self.row.get(col).map_or("", |s| s.trim()))))
    }

    fn text(&self, field: Field) -> &'r str {
        self.get(field).map_or("", |(_, v)| v)
    }
}

/// The units by normalised name: the roster's and those to be created.
fn units_by_name<'u>(roster: &'u Roster, new_units: &'u [Unit]) -> HashMap<String, Vec<&'u Unit>> {
    let mut units: HashMap<String, Vec<&Unit>> = HashMap::new();
    for u in roster.units.iter().chain(new_units) {
        units.entry(normalise(&u.name)).or_default().push(u);
    }
    units
}

/// Reads the rows into cadres against `roster`: matched by mã (the export's first column),
/// else by the same person's key (họ tên, năm sinh, đơn vị: [`Roster::person_key`]); a row
/// with the same name and year as someone of another unit is a doubtful pair, read as that
/// person (moved) unless the officer said otherwise. A mapped column overwrites the field, an
/// unmapped or empty one keeps what the roster holds. Every row is checked by the roster's own
/// validation, and two rows for the same person are an error on the second. Needs
/// `missing_fields` empty.
pub fn preview(roster: &Roster, req: &ImportRequest<'_>, new_id: &mut dyn FnMut() -> Id) -> Preview {
    let by_id: HashMap<&str, &Cadre> = roster.cadres.iter().map(|c| (c.id.as_str(), c)).collect();
    let by_person: HashMap<String, &Cadre> =
        roster.cadres.iter().map(|c| (Roster::person_key(&c.full_name, c.birth_year, &c.unit_id), c)).collect();
    let mut by_name_year: HashMap<String, Vec<&Cadre>> = HashMap::new();
    for c in &roster.cadres {
        by_name_year.entry(format!("{}|{}", Roster::folded_name(&c.full_name), c.birth_year)).or_default().push(c);
    }
    let units = units_by_name(roster, req.new_units);
    let unit_level: HashMap<&str, GovLevel> =
        roster.units.iter().chain(req.new_units).map(|u| (u.id.as_str(), u.level)).collect();
    // Validation needs the units only (the cadres are checked one by one).
    let checker = Roster { units: roster.units.iter().chain(req.new_units).cloned().collect(), cadres: Vec::new() };
    let cells_of = |row| RowCells { row, mapping: req.mapping };

    // First pass: which roster people some row names exactly, so a doubtful pair never takes
    // a person another row updates.
    // A sheet names a few hundred units over thousands of rows: each name normalised once.
    let unit_keys: HashMap<&str, String> = match req.mapping.iter().position(|m| *m == Some(Field::Unit)) {
        Some(col) => {
            let mut keys = HashMap::new();
            for row in req.rows {
                let v = unneutralise(row.get(col).map_or("", |s| s.trim()));
                keys.entry(v).or_insert_with(|| normalise(v));
            }
            keys
        }
        None => HashMap::new(),
    };
    let resolve_unit = |v: &str, name: &str, year: Option<u16>, own: Option<&str>| -> Result<Option<String>, usize> {
        let key = unit_keys.get(v).map_or_else(|| normalise(v), Clone::clone);
        match units.get(&key).map(Vec::as_slice) {
            None => Ok(None),
            Some([u]) => Ok(Some(u.id.clone())),
            Some(many) => {
                // Names repeat ("UBND xã"): the one this person (by mã, else by name and
                // year) is already in, if any.
                let hit = many.iter().find(|u| own == Some(u.id.as_str())).or_else(|| {
                    year.and_then(|y| many.iter().find(|u| by_person.contains_key(&Roster::person_key(name, y, &u.id))))
                });
                hit.map(|u| Some(u.id.clone())).ok_or(many.len())
            }
        }
    };
    // Each row's name folded once: the first pass, the match and the duplicate check use it.
    let folded: Vec<String> =
        req.rows.iter().map(|row| Roster::folded_name(person_name(cells_of(row).text(Field::FullName)))).collect();
    let mut claimed: HashSet<&str> = HashSet::new();
    for (i, row) in req.rows.iter().enumerate() {
        let cells = cells_of(row);
        let name = person_name(cells.text(Field::FullName));
        let folded_name = folded[i].as_str();
        let Ok(year) = parse_birth_year(cells.text(Field::Birth)) else { continue };
        if let Some(c) = cells.get(Field::Id).filter(|(_, v)| !v.is_empty()).and_then(|(_, v)| by_id.get(v)) {
            claimed.insert(c.id.as_str());
            continue;
        }
        let unit = match cells.get(Field::Unit).filter(|(_, v)| !v.is_empty()) {
            Some((_, v)) => resolve_unit(v, name, Some(year), None).ok().flatten(),
            None => req.default_unit.map(str::to_string),
        };
        if let Some(c) = unit.and_then(|u| by_person.get(&Roster::person_key_of_folded(folded_name, year, &u))) {
            claimed.insert(c.id.as_str());
        }
    }

    let mut seen: HashMap<String, usize> = HashMap::new();
    // A roster repeats a few dozen level texts over thousands of rows: each is read once.
    let mut levels: HashMap<(Field, &str), Option<String>> = HashMap::new();
    let mut committees: HashMap<&str, Option<CommitteeReading>> = HashMap::new();
    let mut genders: HashMap<&str, Option<Gender>> = HashMap::new();
    let mut locals: HashMap<&str, Option<bool>> = HashMap::new();
    let mut categories: HashMap<&str, Option<Category>> = HashMap::new();
    let mut grades: HashMap<&str, Option<CivilGrade>> = HashMap::new();
    let mut used_units: HashSet<String> = HashSet::new();
    let mut out = Preview::default();
    let column_name = |col: usize, f: Field| {
        req.header.get(col).map(|h| h.trim()).filter(|h| !h.is_empty()).unwrap_or(f.label()).to_string()
    };
    // Nhãn are named by their column's header, once.
    let label_names: Vec<String> = (0..req.mapping.len()).map(|col| column_name(col, Field::Label)).collect();

    for (i, row) in req.rows.iter().enumerate() {
        let row_no = req.first_row + i;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cells = cells_of(row);
        let mut errors: Vec<RowError> = Vec::new();
        let mut err = |col: usize, f: Field, message: String| {
            errors.push(RowError { row: row_no, column: column_name(col, f), message })
        };
        let name = person_name(cells.text(Field::FullName));
        let birth = cells.get(Field::Birth).map(|(col, v)| (col, parse_birth_year(v)));
        let year = match &birth {
            Some((_, Ok(y))) => Some(*y),
            Some((col, Err(e))) => {
                err(*col, Field::Birth, e.clone());
                None
            }
            None => None,
        };
        if name.starts_with(['=', '+', '@']) {
            let col = req.mapping.iter().position(|m| *m == Some(Field::FullName)).unwrap_or(0);
            err(col, Field::FullName, format!("“{name}” là một công thức, không phải họ tên: trong Excel, sao chép cột rồi dán giá trị (Paste Values) trước khi nhập."));
        }
        let by_code: Option<&Cadre> =
            cells.get(Field::Id).filter(|(_, v)| !v.is_empty()).and_then(|(_, v)| by_id.get(v).copied());
        let unit_id = match cells.get(Field::Unit).filter(|(_, v)| !v.is_empty()) {
            Some((col, v)) => match resolve_unit(v, name, year, by_code.map(|c| c.unit_id.as_str())) {
                Ok(Some(id)) => Some(id),
                Ok(None) => {
                    err(col, Field::Unit, format!("đơn vị “{v}” chưa có trong danh sách đơn vị: tạo nó ở bảng “Đơn vị mới” phía trên, hoặc sửa tên cho khớp."));
                    None
                }
                Err(_) => {
                    err(
                        col,
                        Field::Unit,
                        format!(
                            "có nhiều đơn vị tên “{v}”: sửa tên đơn vị cho khác nhau, hoặc nhập riêng từng đơn vị."
                        ),
                    );
                    None
                }
            },
            None => by_code.map(|c| c.unit_id.clone()).or_else(|| req.default_unit.map(str::to_string)),
        };
        // Match: mã first, then the same person (name, year, unit), then a doubtful pair.
        let mut doubtful: Option<&Cadre> = None;
        let existing: Option<&Cadre> = by_code.or_else(|| {
            let y = year?;
            if let Some(c) =
                unit_id.as_ref().and_then(|u| by_person.get(&Roster::person_key_of_folded(&folded[i], y, u)))
            {
                return Some(*c);
            }
            let namesake = by_name_year
                .get(&format!("{}|{y}", folded[i]))?
                .iter()
                .find(|c| !claimed.contains(c.id.as_str()))
                .copied()?;
            doubtful = Some(namesake);
            (!req.different_people.contains(&row_no)).then_some(namesake)
        });
        if let Some(c) = doubtful {
            claimed.insert(c.id.as_str());
            out.doubtful.push(DoubtfulPair { row: row_no, existing: Box::new(c.clone()), same: existing.is_some() });
        }
        let mut c = match existing {
            Some(c) => c.clone(),
            None => Cadre::blank(String::new(), unit_id.clone().unwrap_or_default()),
        };
        if let Some(u) = &unit_id {
            c.unit_id = u.clone();
        } else if existing.is_none() && cells.get(Field::Unit).is_none_or(|(_, v)| v.is_empty()) {
            let col = req.mapping.iter().position(|m| *m == Some(Field::Unit)).unwrap_or(0);
            err(col, Field::Unit, "chưa có đơn vị công tác.".into());
        }
        if !name.is_empty() {
            c.full_name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        if let Some(y) = year {
            c.birth_year = y;
        }
        if existing.is_none() && cells.get(Field::Category).is_none_or(|(_, v)| v.is_empty()) {
            match req.default_category {
                Some(category) => c.category = category,
                None => {
                    let col = req.mapping.iter().position(|m| *m == Some(Field::Category)).unwrap_or(usize::MAX);
                    err(col, Field::Category, "chưa có đối tượng (cán bộ, công chức, viên chức …): ghi vào cột, hoặc chọn đối tượng chung cho tệp.".into());
                }
            }
        }
        let own_level = unit_level.get(c.unit_id.as_str()).copied().unwrap_or(GovLevel::District);
        for (col, f) in req.mapping.iter().enumerate() {
            let Some(f) = *f else { continue };
            let v = unneutralise(row.get(col).map_or("", |s| s.trim()));
            if v.is_empty() {
                if f == Field::Gender && existing.is_none() {
                    err(col, f, "chưa có giới tính.".into());
                }
                continue;
            }
            match f {
                Field::Id | Field::FullName | Field::Birth | Field::Unit => {}
                Field::Gender => match *genders.entry(v).or_insert_with(|| parse_gender(v)) {
                    Some(g) => c.gender = g,
                    None => err(col, f, format!("“{v}” không phải Nam hay Nữ.")),
                },
                Field::Ethnicity => c.ethnicity = v.to_string(),
                Field::Local => match *locals.entry(v).or_insert_with(|| parse_local(v)) {
                    Some(local) => c.local = local,
                    None => err(col, f, format!("“{v}” không rõ có phải người địa phương không (ghi x, có, hoặc để trống).")),
                },
                Field::Category => match *categories.entry(v).or_insert_with(|| parse_category(v)) {
                    Some(x) => c.category = x,
                    None => err(col, f, format!("“{v}” không phải đối tượng nào (cán bộ, công chức, viên chức, không chuyên trách, đại biểu HĐND, hợp đồng).")),
                },
                Field::CivilGrade => match *grades.entry(v).or_insert_with(|| parse_grade(v)) {
                    Some(x) => c.civil_grade = Some(x),
                    None => err(col, f, format!("“{v}” không phải ngạch nào (nhân viên, cán sự, chuyên viên, chuyên viên chính, chuyên viên cao cấp).")),
                },
                Field::Position => {
                    let titles: Vec<&str> = v.split(';').map(str::trim).filter(|t| !t.is_empty()).collect();
                    let same = titles.len() == c.positions.len() && titles.iter().zip(&c.positions).all(|(t, p)| fold(t) == fold(&p.title));
                    if !same {
                        let old = std::mem::take(&mut c.positions);
                        c.positions = titles
                            .iter()
                            .map(|t| {
                                old.iter().find(|p| fold(&p.title) == fold(t)).cloned().unwrap_or_else(|| Position {
                                    unit_id: c.unit_id.clone(),
                                    title: (*t).to_string(),
                                    leadership: leadership_of(t),
                                })
                            })
                            .collect();
                    }
                }
                Field::Committee => {
                    let mut seats = Vec::new();
                    for part in v.split(';').map(str::trim).filter(|t| !t.is_empty()) {
                        let reading = committees.entry(part).or_insert_with(|| req.settings.committee_reading(part)).clone();
                        match reading {
                            Some(r) => seats.extend(r.memberships(own_level)),
                            None => err(col, f, format!("“{part}” chưa rõ là cấp ủy nào: chọn ở bảng đối chiếu cấp ủy.")),
                        }
                    }
                    // The sheet says the seats now; a term the roster knows is kept when the
                    // sheet writes none.
                    for seat in &mut seats {
                        if seat.term.is_empty() {
                            if let Some(old) = c.memberships.iter().find(|m| m.committee == seat.committee && m.level == seat.level) {
                                seat.term = old.term.clone();
                            }
                        }
                    }
                    c.memberships.clear();
                    for seat in seats {
                        if !c.memberships.iter().any(|m| m.committee == seat.committee && m.level == seat.level) {
                            c.memberships.push(seat);
                        }
                    }
                }
                Field::Planned => {
                    let mut planned = read_planned(v);
                    // A term the roster knows is kept when the sheet writes none.
                    for p in planned.iter_mut().filter(|p| p.term.is_empty()) {
                        if let Some(old) = c.planned_for.iter().find(|o| fold(&o.title) == fold(&p.title)) {
                            p.term = old.term.clone();
                        }
                    }
                    c.planned_for = planned;
                }
                Field::LaoLanguage => match *locals.entry(v).or_insert_with(|| parse_local(v)) {
                    Some(x) => c.lao_language = x,
                    None => err(col, f, format!("“{v}” không rõ có sử dụng được tiếng Lào không (ghi x, có, hoặc để trống).")),
                },
                Field::ForeignLanguageName => c.foreign_language_name = v.to_string(),
                Field::MinorityLanguage => c.minority_language = v.to_string(),
                Field::ProfessionalField => c.professional_field = v.to_string(),
                Field::Note => c.note = v.to_string(),
                Field::Label => {
                    let label = label_names[col].clone();
                    if c.labels.get(&label).map(String::as_str) != Some(v) {
                        c.labels.insert(label, v.to_string());
                    }
                }
                Field::Professional | Field::Political | Field::StateManagement | Field::ForeignLanguage | Field::It | Field::DefenceSecurity => {
                    let level = levels.entry((f, v)).or_insert_with(|| resolve_level(f, v, req.settings)).clone();
                    let until = studying_year(v);
                    match level {
                        Some(code) => match f {
                            Field::Professional => set_level::<Professional>(&mut c.professional, &code, until),
                            Field::Political => set_level::<Political>(&mut c.political, &code, until),
                            Field::StateManagement => set_level::<StateManagement>(&mut c.state_management, &code, until),
                            Field::ForeignLanguage => set_level::<ForeignLanguage>(&mut c.foreign_language, &code, until),
                            Field::It => set_level::<InformationTechnology>(&mut c.it, &code, until),
                            _ => set_level::<DefenceSecurity>(&mut c.defence_security, &code, until),
                        },
                        None => err(col, f, format!("“{v}” chưa rõ là trình độ nào: chọn ở bảng đối chiếu trình độ.")),
                    }
                }
            }
        }
        // A party title that is a seat gives the seat ("Bí thư Đảng ủy xã": BCH and BTV) to a
        // person new to the roster; one the roster holds keeps the seats it knows unless the
        // Cấp ủy column says otherwise.
        for p in c.positions.iter().filter(|_| existing.is_none()) {
            if let Some(r) = seats_of_title(&p.title) {
                let level = unit_level.get(p.unit_id.as_str()).copied().unwrap_or(own_level);
                for seat in r.memberships(level) {
                    if !c.memberships.iter().any(|m| m.committee == seat.committee && m.level == seat.level) {
                        c.memberships.push(seat);
                    }
                }
            }
        }
        if errors.is_empty() {
            for e in checker.validate_cadre(&c) {
                let field = match e.field.split('.').next().unwrap_or("") {
                    "full_name" => Field::FullName,
                    "birth_year" => Field::Birth,
                    "unit_id" => Field::Unit,
                    "ethnicity" => Field::Ethnicity,
                    "professional_field" => Field::ProfessionalField,
                    "note" => Field::Note,
                    "planned_for" => Field::Planned,
                    "foreign_language_name" => Field::ForeignLanguageName,
                    "minority_language" => Field::MinorityLanguage,
                    "positions" => Field::Position,
                    "memberships" => Field::Committee,
                    "labels" => Field::Label,
                    "professional" => Field::Professional,
                    "political" => Field::Political,
                    "state_management" => Field::StateManagement,
                    "foreign_language" => Field::ForeignLanguage,
                    "it" => Field::It,
                    "defence_security" => Field::DefenceSecurity,
                    _ => Field::FullName,
                };
                let col = req.mapping.iter().position(|m| *m == Some(field)).unwrap_or(usize::MAX);
                errors.push(RowError { row: row_no, column: column_name(col, field), message: e.message });
            }
        }
        let key = existing
            .map_or_else(|| Roster::person_key_of_folded(&folded[i], c.birth_year, &c.unit_id), |e| e.id.clone());
        if errors.is_empty() {
            if let Some(first) = seen.get(&key) {
                let col = req.mapping.iter().position(|m| *m == Some(Field::FullName)).unwrap_or(0);
                errors.push(RowError {
                    row: row_no,
                    column: column_name(col, Field::FullName),
                    message: format!("trùng người với dòng {first} (cùng mã, hoặc cùng họ tên, năm sinh và đơn vị)."),
                });
            }
        }
        if !errors.is_empty() {
            out.errors.extend(errors);
            continue;
        }
        seen.insert(key, row_no);
        used_units.insert(c.unit_id.clone());
        used_units.extend(c.positions.iter().map(|p| p.unit_id.clone()));
        let outcome = match existing {
            Some(e) if *e == c => Outcome::Unchanged,
            Some(e) => {
                c.meta = RecordMeta::next(Some(&e.meta), req.now);
                Outcome::Updated(Box::new(e.clone()))
            }
            None => {
                c.id = new_id();
                c.meta = RecordMeta::next(None, req.now);
                Outcome::New
            }
        };
        out.rows.push(PlannedRow { row: row_no, outcome, cadre: c });
    }
    // New units some row uses, and the new units those report to.
    let mut keep: HashSet<String> = used_units;
    loop {
        let parents: Vec<String> = req
            .new_units
            .iter()
            .filter(|u| keep.contains(&u.id))
            .filter_map(|u| u.parent_id.clone())
            .filter(|p| !keep.contains(p))
            .collect();
        if parents.is_empty() {
            break;
        }
        keep.extend(parents);
    }
    out.units = req.new_units.iter().filter(|u| keep.contains(&u.id)).cloned().collect();
    out
}

/// A name as written in a cell, without the "đ/c" (đồng chí) some sheets put in front.
fn person_name(cell: &str) -> &str {
    let t = cell.trim();
    for prefix in ["đ/c", "Đ/c", "Đ/C", "đ/C", "đc.", "Đc."] {
        if let Some(rest) = t.strip_prefix(prefix) {
            return rest.trim_start();
        }
    }
    t
}

/// A qualification as the export writes it, in words [`guess_reading`] reads back: the level,
/// "Đang học Thạc sĩ", or "Đại học, đang học thạc sĩ"; nothing for the lowest, not studying.
fn qualification_cell<L: Level>(q: &Qualification<L>) -> Cell {
    let held = (!q.level_unknown).then(|| q.level.code());
    let code = match (held, q.studying) {
        (Some("chua"), None) => return Cell::Empty,
        (Some(held), None) => held.to_string(),
        (held, Some(s)) => format!("{}{STUDYING_MARK}{}", held.unwrap_or(UNKNOWN_HELD), s.code()),
        (None, None) => return Cell::Empty,
    };
    let mut text = reading_label(L::SCALE, &code).replace(" (chưa rõ trình độ đã có)", "");
    if let (Some(_), Some(year)) = (q.studying, q.studying_until) {
        text.push_str(&format!(" (dự kiến {year})"));
    }
    Cell::text(&text)
}

/// Cấp ủy as the export writes it, one seat per `;`-part that [`read_committee`] reads back:
/// "Ủy viên BCH Đảng bộ cấp huyện khóa XXI".
fn committee_text(c: &Cadre) -> String {
    c.memberships
        .iter()
        .map(|m| {
            let term = if m.term.is_empty() { String::new() } else { format!(" khóa {}", m.term) };
            format!("{} {}{term}", m.committee.label(), m.level.label().to_lowercase())
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The roster as a table for export (Danh sách cán bộ), one row per cadre in the order given,
/// in the columns [`guess_mapping`] reads back, then one column per nhãn name.
pub fn roster_table(roster: &Roster, order: &[&Cadre]) -> Table {
    let fields: Vec<Field> = Field::ALL.iter().copied().filter(|f| *f != Field::Label).collect();
    let label_names: std::collections::BTreeSet<&str> =
        order.iter().flat_map(|c| c.labels.keys().map(String::as_str)).collect();
    let header =
        fields.iter().map(|f| f.label().to_string()).chain(label_names.iter().map(|n| (*n).to_string())).collect();
    let rows = order
        .iter()
        .map(|c| {
            fields
                .iter()
                .map(|f| match f {
                    Field::Id => Cell::text(&c.id),
                    Field::FullName => Cell::text(&c.full_name),
                    Field::Birth => Cell::Int(i64::from(c.birth_year)),
                    Field::Gender => Cell::text(c.gender.label()),
                    Field::Ethnicity => Cell::text(&c.ethnicity),
                    Field::Local => {
                        if c.local {
                            Cell::text("x")
                        } else {
                            Cell::Empty
                        }
                    }
                    Field::Category => Cell::text(c.category.label()),
                    Field::Unit => Cell::text(roster.unit_name(&c.unit_id)),
                    Field::Position => {
                        Cell::text(c.positions.iter().map(|p| p.title.as_str()).collect::<Vec<_>>().join("; "))
                    }
                    Field::Committee => Cell::text(committee_text(c)),
                    Field::CivilGrade => c.civil_grade.map_or(Cell::Empty, |g| Cell::text(g.label())),
                    Field::Professional => qualification_cell(&c.professional),
                    Field::ProfessionalField => Cell::text(&c.professional_field),
                    Field::Political => qualification_cell(&c.political),
                    Field::StateManagement => qualification_cell(&c.state_management),
                    Field::ForeignLanguage => qualification_cell(&c.foreign_language),
                    Field::It => qualification_cell(&c.it),
                    Field::DefenceSecurity => qualification_cell(&c.defence_security),
                    Field::Note => Cell::text(&c.note),
                    Field::Planned => Cell::text(planned_text(c)),
                    Field::ForeignLanguageName => Cell::text(&c.foreign_language_name),
                    Field::MinorityLanguage => Cell::text(&c.minority_language),
                    Field::LaoLanguage => {
                        if c.lao_language {
                            Cell::text("x")
                        } else {
                            Cell::Empty
                        }
                    }
                    Field::Label => Cell::Empty,
                })
                .chain(label_names.iter().map(|n| c.labels.get(*n).map_or(Cell::Empty, Cell::text)))
                .map(|cell| match cell {
                    Cell::Text(s) if s.is_empty() => Cell::Empty,
                    other => other,
                })
                .collect()
        })
        .collect();
    Table { title: "Danh sách cán bộ".into(), header, rows }
}

#[cfg(test)]
mod tests;
