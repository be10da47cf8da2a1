//! Đơn vị made during an import: every Đơn vị value of the sheet that the roster does not hold
//! is proposed as a new unit, with its level, kind and parent read from its name the way an
//! organisation officer reads it ("Phòng Nội vụ" is a district government office, "Hội Nông
//! dân Bản Luốc" a commune mass organisation when Bản Luốc is a commune of the sheet). The
//! officer edits the proposals in one table; they are created in the import's transaction.

use std::collections::{BTreeSet, HashMap};

use super::{normalise, starts_with_word, Field};
use crate::model::{GovLevel, Id, Millis, RecordMeta, Region, Unit, UnitKind};
use crate::roster::Roster;

/// A unit the sheet names and the roster does not hold, with what its name suggests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitProposal {
    /// The name as first written in the sheet (spaces tidied).
    pub name: String,
    /// How many rows name it.
    pub rows: usize,
    /// Cấp proposed.
    pub level: GovLevel,
    /// Loại proposed.
    pub kind: UnitKind,
    /// Đơn vị cấp trên proposed: the normalised name of an existing or proposed unit.
    pub parent: Option<String>,
    /// Vùng: that of most of the roster's units (the officer's locality).
    pub region: Region,
}

/// The units the proposals create, each with an id from `new_id` and its parent's id (an
/// existing unit, or another proposal) when its parent name is known.
pub fn create_units(
    roster: &Roster,
    proposals: &[UnitProposal],
    new_id: &mut dyn FnMut() -> Id,
    now: Millis,
) -> Vec<Unit> {
    let ids: Vec<Id> = proposals.iter().map(|_| new_id()).collect();
    let mut by_name: HashMap<String, Id> = roster.units.iter().map(|u| (normalise(&u.name), u.id.clone())).collect();
    for (p, id) in proposals.iter().zip(&ids) {
        by_name.entry(normalise(&p.name)).or_insert_with(|| id.clone());
    }
    proposals
        .iter()
        .zip(ids)
        .map(|(p, id)| Unit {
            parent_id: p.parent.as_ref().and_then(|name| by_name.get(name)).filter(|parent| **parent != id).cloned(),
            id,
            name: p.name.clone(),
            level: p.level,
            kind: p.kind,
            region: p.region,
            meta: RecordMeta::next(None, now),
        })
        .collect()
}

/// The region most of the roster's units are in (lowland for an empty roster).
fn usual_region(roster: &Roster) -> Region {
    Region::ALL
        .iter()
        .copied()
        .max_by_key(|r| roster.units.iter().filter(|u| u.region == *r).count())
        .filter(|_| !roster.units.is_empty())
        .unwrap_or(Region::Lowland)
}

/// Leading words of a name that say the unit's kind, longest first within each kind; the
/// first kind listed whose word leads the name (or, for the `anywhere` list, occurs) wins.
const KIND_WORDS: &[(UnitKind, &[&str])] = &[
    (
        UnitKind::Vertical,
        &[
            "cong an",
            "ban chi huy quan su",
            "quan su",
            "toa an",
            "vien kiem sat",
            "chi cuc thue",
            "doi thue",
            "kho bac",
            "bao hiem xa hoi",
            "chi cuc thi hanh an",
            "thi hanh an",
            "chi cuc thong ke",
            "thong ke",
            "trung tam y te",
            "benh vien",
            "trung tam dan so",
            "vien thong",
            "buu dien",
            "dien luc",
            "chi nhanh ngan hang",
            "ngan hang",
            "hat kiem lam",
            "tram thu y",
            "tram bao ve thuc vat",
            "don bien phong",
            "cua hang xang dau",
            "truong thpt",
            "truong trung hoc pho thong",
            "truong ptdt noi tru",
            "truong pho thong dan toc noi tru",
        ],
    ),
    (
        UnitKind::Party,
        &[
            "tinh uy",
            "thanh uy",
            "huyen uy",
            "quan uy",
            "thi uy",
            "dang uy",
            "dang bo",
            "chi bo",
            "ban to chuc",
            "ban tuyen giao",
            "ban dan van",
            "ban noi chinh",
            "uy ban kiem tra",
            "ubkt",
            "van phong huyen uy",
            "van phong tinh uy",
            "van phong thanh uy",
            "trung tam chinh tri",
            "truong chinh tri",
        ],
    ),
    (UnitKind::Front, &["uy ban mttq", "ubmttq", "uy ban mat tran", "mttq", "mat tran"]),
    (
        UnitKind::MassOrganisation,
        &[
            "huyen doan",
            "tinh doan",
            "thanh doan",
            "doan thanh nien",
            "doan tncs",
            "doan tn",
            "doan xa",
            "doan thi tran",
            "doan phuong",
            "hoi lien hiep phu nu",
            "hoi lhpn",
            "hoi phu nu",
            "hoi nong dan",
            "hoi cuu chien binh",
            "hoi ccb",
            "lien doan lao dong",
            "cong doan",
            "hoi chu thap do",
            "hoi nguoi cao tuoi",
        ],
    ),
    (UnitKind::PublicService, &["truong", "tram y te", "trung tam giao duc", "nha van hoa"]),
];

/// The kind a unit's name says; chính quyền when it says none (UBND, HĐND, phòng, văn phòng,
/// thanh tra, ban quản lý, trung tâm of the district are all chính quyền in the documents'
/// counting of "cơ quan, đơn vị").
pub fn kind_of(name: &str) -> UnitKind {
    let n = normalise(name);
    KIND_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| super::starts_with_word(&n, w)))
        .map_or(UnitKind::Government, |(kind, _)| *kind)
}

/// Words after which a name gives a commune's place name ("xã Bản Luốc" → "ban luoc").
const COMMUNE_WORDS: &[&str] = &["xa", "thi tran", "phuong"];

/// The commune a name is of, by its words "xã …", "thị trấn …", "phường …" (normalised), if
/// any. "Thị xã …" is a district-level town, not a commune.
fn commune_place(n: &str) -> Option<String> {
    let padded = format!(" {n}");
    COMMUNE_WORDS.iter().find_map(|w| {
        let key = format!(" {w} ");
        let at = padded.find(&key)?;
        let rest = padded[at + key.len()..].trim();
        // "Thị xã" is a district-level town; "xã hội" no place at all.
        if *w == "xa" && (padded[..at].ends_with(" thi") || starts_with_word(rest, "hoi")) {
            return None;
        }
        (!rest.is_empty()).then(|| rest.to_string())
    })
}

/// The level a unit's name says, knowing the places that are communes in this sheet and
/// roster (so "Hội Nông dân Bản Luốc" is a commune's when "UBND xã Bản Luốc" is listed).
pub fn level_of(name: &str, communes: &BTreeSet<String>) -> GovLevel {
    let n = normalise(name);
    let words = format!(" {n} ");
    let has = |w: &str| words.contains(&format!(" {w} "));
    // Schools (mầm non, tiểu học, THCS) are run by the district wherever they stand.
    if super::starts_with_word(&n, "truong") && !has("tinh") {
        return GovLevel::District;
    }
    if commune_place(&n).is_some() {
        GovLevel::Commune
    } else if has("tinh") || has("tinh uy") || super::starts_with_word(&n, "so") {
        GovLevel::Province
    } else if has("huyen") || has("quan") || has("thi xa") || has("thanh pho") || has("thi uy") {
        GovLevel::District
    } else if communes.iter().any(|place| n.ends_with(&format!(" {place}"))) {
        GovLevel::Commune
    } else {
        GovLevel::District
    }
}

/// The normalised name of the unit a unit of `name` (proposed at `level`, `kind`) reports to,
/// among `known` (normalised names of existing and proposed units), if one is found.
fn parent_of(
    name: &str,
    level: GovLevel,
    kind: UnitKind,
    known: &HashMap<String, (GovLevel, UnitKind)>,
) -> Option<String> {
    let n = normalise(name);
    let find = |want_level: GovLevel, want: &dyn Fn(&str) -> bool| {
        let mut hits: Vec<&String> =
            known.iter().filter(|(k, (l, _))| *l == want_level && **k != n && want(k)).map(|(k, _)| k).collect();
        hits.sort();
        hits.first().map(|k| (*k).clone())
    };
    match level {
        GovLevel::Commune => {
            let place = commune_place(&n).or_else(|| {
                known.keys().filter_map(|k| commune_place(k)).find(|place| n.ends_with(&format!(" {place}")))
            })?;
            let of_place = |k: &str| commune_place(k).as_deref() == Some(place.as_str());
            let head = |prefix: &'static str| move |k: &str| super::starts_with_word(k, prefix) && of_place(k);
            match kind {
                UnitKind::Party if super::starts_with_word(&n, "dang uy") => find(GovLevel::District, &|k| {
                    ["huyen uy", "thi uy", "thanh uy", "quan uy"].iter().any(|w| super::starts_with_word(k, w))
                }),
                UnitKind::Government
                    if super::starts_with_word(&n, "ubnd") || super::starts_with_word(&n, "uy ban nhan dan") =>
                {
                    find(GovLevel::District, &|k| {
                        super::starts_with_word(k, "ubnd") || super::starts_with_word(k, "uy ban nhan dan")
                    })
                }
                UnitKind::Government
                    if super::starts_with_word(&n, "hdnd") || super::starts_with_word(&n, "hoi dong nhan dan") =>
                {
                    find(GovLevel::District, &|k| {
                        super::starts_with_word(k, "hdnd") || super::starts_with_word(k, "hoi dong nhan dan")
                    })
                }
                UnitKind::Government | UnitKind::PublicService | UnitKind::Vertical => {
                    find(GovLevel::Commune, &head("ubnd"))
                }
                _ => find(GovLevel::Commune, &head("dang uy")),
            }
        }
        GovLevel::District => {
            let party_head =
                |k: &str| ["huyen uy", "thi uy", "thanh uy", "quan uy"].iter().any(|w| super::starts_with_word(k, w));
            let government_head =
                |k: &str| super::starts_with_word(k, "ubnd") || super::starts_with_word(k, "uy ban nhan dan");
            if party_head(&n) || government_head(&n) || super::starts_with_word(&n, "hdnd") {
                return None;
            }
            match kind {
                UnitKind::Party | UnitKind::Front | UnitKind::MassOrganisation => find(GovLevel::District, &party_head),
                UnitKind::PublicService if super::starts_with_word(&n, "truong") => {
                    find(GovLevel::District, &|k| super::starts_with_word(k, "phong giao duc"))
                }
                UnitKind::Government | UnitKind::PublicService => find(GovLevel::District, &government_head),
                UnitKind::Vertical => None,
            }
        }
        GovLevel::Province => None,
    }
}

/// Every Đơn vị value of the sheet's unit column (`unit_col`) that no unit of `roster` bears,
/// in the order first met, with a proposed level, kind and parent.
pub fn propose_units(roster: &Roster, rows: &[Vec<String>], mapping: &[Option<Field>]) -> Vec<UnitProposal> {
    let Some(unit_col) = mapping.iter().position(|m| *m == Some(Field::Unit)) else { return Vec::new() };
    let existing: HashMap<String, (GovLevel, UnitKind)> =
        roster.units.iter().map(|u| (normalise(&u.name), (u.level, u.kind))).collect();
    let mut order: Vec<(String, String, usize)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let written = row.get(unit_col).map_or("", |s| s.trim());
        if written.is_empty() {
            continue;
        }
        let key = normalise(written);
        if key.is_empty() || existing.contains_key(&key) {
            continue;
        }
        match at.get(&key) {
            Some(&i) => order[i].2 += 1,
            None => {
                at.insert(key.clone(), order.len());
                order.push((key, written.split_whitespace().collect::<Vec<_>>().join(" "), 1));
            }
        }
    }
    let communes: BTreeSet<String> =
        existing.keys().chain(order.iter().map(|(k, _, _)| k)).filter_map(|k| commune_place(k)).collect();
    let region = usual_region(roster);
    let mut known = existing;
    let proposed: Vec<(String, String, usize, GovLevel, UnitKind)> = order
        .into_iter()
        .map(|(key, name, rows)| {
            let (level, kind) = (level_of(&name, &communes), kind_of(&name));
            (key, name, rows, level, kind)
        })
        .collect();
    for (key, _, _, level, kind) in &proposed {
        known.insert(key.clone(), (*level, *kind));
    }
    proposed
        .into_iter()
        .map(|(_, name, rows, level, kind)| {
            let parent = parent_of(&name, level, kind, &known);
            UnitProposal { name, rows, level, kind, parent, region }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(names: &[&str]) -> BTreeSet<String> {
        names.iter().filter_map(|n| commune_place(&normalise(n))).collect()
    }

    #[test]
    fn names_say_level_and_kind_as_an_officer_reads_them() {
        let communes = places(&["UBND xã Bản Luốc", "Đảng ủy thị trấn Vinh Quang"]);
        let cases: &[(&str, GovLevel, UnitKind)] = &[
            ("Huyện ủy Hoàng Su Phì", GovLevel::District, UnitKind::Party),
            ("Ban Tổ chức Huyện ủy", GovLevel::District, UnitKind::Party),
            ("Văn phòng Huyện ủy", GovLevel::District, UnitKind::Party),
            ("Ủy ban Kiểm tra Huyện ủy", GovLevel::District, UnitKind::Party),
            ("UBND huyện Hoàng Su Phì", GovLevel::District, UnitKind::Government),
            ("Phòng Nội vụ", GovLevel::District, UnitKind::Government),
            ("Phòng Giáo dục và Đào tạo", GovLevel::District, UnitKind::Government),
            ("Ủy ban MTTQ huyện", GovLevel::District, UnitKind::Front),
            ("Huyện đoàn", GovLevel::District, UnitKind::MassOrganisation),
            ("Hội Liên hiệp Phụ nữ huyện", GovLevel::District, UnitKind::MassOrganisation),
            ("Công an huyện", GovLevel::District, UnitKind::Vertical),
            ("Chi cục Thuế huyện", GovLevel::District, UnitKind::Vertical),
            ("Bảo hiểm xã hội huyện", GovLevel::District, UnitKind::Vertical),
            ("Phòng Lao động - Thương binh và Xã hội", GovLevel::District, UnitKind::Government),
            ("Trung tâm Y tế huyện", GovLevel::District, UnitKind::Vertical),
            ("Trường THPT Hoàng Su Phì", GovLevel::District, UnitKind::Vertical),
            ("Trường Mầm non Bản Luốc", GovLevel::District, UnitKind::PublicService),
            ("UBND xã Bản Luốc", GovLevel::Commune, UnitKind::Government),
            ("Ủy ban nhân dân thị trấn Vinh Quang", GovLevel::Commune, UnitKind::Government),
            ("Đảng ủy xã Bản Luốc", GovLevel::Commune, UnitKind::Party),
            ("Hội Nông dân Bản Luốc", GovLevel::Commune, UnitKind::MassOrganisation),
            ("Ủy ban MTTQ Thị trấn Vinh Quang", GovLevel::Commune, UnitKind::Front),
            ("Trạm y tế xã Bản Luốc", GovLevel::Commune, UnitKind::PublicService),
            ("UBND thị xã Sa Pa", GovLevel::District, UnitKind::Government),
            ("Sở Nội vụ", GovLevel::Province, UnitKind::Government),
            ("Tỉnh ủy Hà Giang", GovLevel::Province, UnitKind::Party),
        ];
        for (name, level, kind) in cases {
            assert_eq!((level_of(name, &communes), kind_of(name)), (*level, *kind), "{name}");
        }
    }

    #[test]
    fn every_new_name_is_proposed_once_with_its_parent_and_row_count() {
        let roster = Roster {
            units: vec![Unit {
                level: GovLevel::District,
                kind: UnitKind::Party,
                ..crate::fixtures::unit("hu", "Huyện ủy Hoàng Su Phì", None)
            }],
            cadres: Vec::new(),
        };
        let mapping = [Some(Field::FullName), Some(Field::Unit)];
        let row = |unit: &str| vec!["A".to_string(), unit.to_string()];
        let rows = vec![
            row("Ban Tổ chức Huyện ủy"),
            row("Huyện ủy  Hoàng Su Phì"),
            row("UBND xã Bản Luốc"),
            row("ubnd xã bản luốc"),
            row("Đảng ủy xã Bản Luốc"),
            row("Hội Nông dân Bản Luốc"),
            row("UBND huyện Hoàng Su Phì"),
            row("Phòng Nội vụ"),
            row(""),
        ];
        let p = propose_units(&roster, &rows, &mapping);
        let got: Vec<(&str, usize, Option<&str>)> =
            p.iter().map(|u| (u.name.as_str(), u.rows, u.parent.as_deref())).collect();
        assert_eq!(
            got,
            vec![
                ("Ban Tổ chức Huyện ủy", 1, Some("huyen uy hoang su phi")),
                ("UBND xã Bản Luốc", 2, Some("ubnd huyen hoang su phi")),
                ("Đảng ủy xã Bản Luốc", 1, Some("huyen uy hoang su phi")),
                ("Hội Nông dân Bản Luốc", 1, Some("dang uy xa ban luoc")),
                ("UBND huyện Hoàng Su Phì", 1, None),
                ("Phòng Nội vụ", 1, Some("ubnd huyen hoang su phi")),
            ]
        );
        assert_eq!(p[3].level, GovLevel::Commune);
    }
}
