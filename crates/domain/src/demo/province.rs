//! Một tỉnh gửi số liệu: a generated province of districts and communes, and the files each
//! commune's officer emails to the district — for the batch import's tests, its bench, the
//! end-to-end test and the command line's (issue 16). Same options, same files.
//!
//! The tree is the administrative one: Tỉnh → Huyện → Xã. A district root ("Huyện Vị
//! Xuyên") holds its Huyện ủy, its UBND (with Phòng Nội vụ) and its communes; a commune root
//! ("Xã Nậm Dịch") holds the commune's Front, its Hội Nông dân and its primary school, and the
//! commune's cadres work in those four units. The people come from the seeded roster
//! generator ([`crate::fixtures`]: posts, categories, levels) with the demo's names.
//!
//! - **The district's database** ([`District::database`]): the province root, the district's
//!   own units and a dozen district cadres, and every commune's units (the district created
//!   them) but none of the communes' cadres: those arrive in the communes' files.
//! - **A commune's file** ([`CommuneFile`]): what the commune's officer exports from her own
//!   database (the province and district roots, her commune's units and cadres) with
//!   "Xuất theo đơn vị" on her commune: scope Subtree of the commune, sent by the commune with
//!   her name and office, at a time in the days before [`ProvinceOptions::sent_by`]; every
//!   seventh commune (the 4th, 11th, 18th …) sent long ago (95 to 200 days before).
//! - **The intruder** ([`ProvinceOptions::intruder`]): the second commune of the first
//!   district also carries a cadre of the first commune, changed (a newer version with
//!   another field of study), and the units that cadre works in (unchanged): a record from
//!   outside the file's subtree that the batch import must show for a decision.

use std::collections::BTreeMap;

use super::{person_name, LowerFirst};
use crate::date::{Date, Moment, VIETNAM_UTC_OFFSET_MINUTES};
use crate::fixtures::{generated_cadre, Slot, XorShift};
use crate::model::{Cadre, GovLevel, Id, Millis, RecordMeta, Region, Unit, UnitKind};
use crate::roster::Roster;
use crate::snapshot::{self, checksum, export, Dataset, ExportScope, ExportedBy, Snapshot};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvinceOptions {
    /// Số huyện.
    pub districts: usize,
    /// Số xã mỗi huyện.
    pub communes: usize,
    /// Số cán bộ mỗi xã.
    pub cadres_per_commune: usize,
    /// Same seed, same province (names, levels, send times).
    pub seed: u64,
    /// Whether one commune's file carries a changed cadre of another commune.
    pub intruder: bool,
    /// The day the latest files were sent: every file is sent on it or before it.
    pub sent_by: Date,
}

impl ProvinceOptions {
    /// A province of `districts` × `communes` communes of `cadres_per_commune` cadres, files
    /// sent by 1 December 2026, no intruder.
    pub fn new(districts: usize, communes: usize, cadres_per_commune: usize, seed: u64) -> Self {
        ProvinceOptions {
            districts,
            communes,
            cadres_per_commune,
            seed,
            intruder: false,
            sent_by: Date { year: 2026, month: 12, day: 1 },
        }
    }
}

/// Tỉnh: its root unit and its districts.
#[derive(Debug, Clone, PartialEq)]
pub struct Province {
    /// Đơn vị gốc của tỉnh.
    pub unit: Unit,
    /// Các huyện.
    pub districts: Vec<District>,
    /// The record the intruder file carries from another commune, when asked for.
    pub intruder: Option<Intruder>,
}

/// Huyện: its root unit, its own database, and the files its communes sent it.
#[derive(Debug, Clone, PartialEq)]
pub struct District {
    /// Đơn vị gốc của huyện.
    pub unit: Unit,
    /// Cơ sở dữ liệu của huyện: see the module's doc.
    pub database: Dataset,
    /// Tệp các xã gửi, one per commune, in the communes' order.
    pub communes: Vec<CommuneFile>,
}

/// Tệp của một xã.
#[derive(Debug, Clone, PartialEq)]
pub struct CommuneFile {
    /// Đơn vị gốc của xã.
    pub unit: Unit,
    /// Tên tệp, as the app names an export ([`snapshot::file_name`]).
    pub file_name: String,
    /// The checked snapshot, as the commune's export writes it.
    pub snapshot: Snapshot,
}

/// Cán bộ xâm phạm: the changed record a commune's file carries from another commune.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intruder {
    /// The file that carries it.
    pub file_name: String,
    /// The commune whose file it is.
    pub sender_unit_id: Id,
    /// Mã cán bộ.
    pub cadre_id: Id,
    /// Họ và tên.
    pub cadre_name: String,
    /// The commune the cadre belongs to.
    pub owner_unit_id: Id,
}

impl Province {
    /// Every commune's file, district after district.
    pub fn commune_files(&self) -> impl Iterator<Item = &CommuneFile> {
        self.districts.iter().flat_map(|d| d.communes.iter())
    }

    /// The province's database before any file arrives: its root and every district's database.
    pub fn database(&self) -> Dataset {
        let mut units = vec![self.unit.clone()];
        let mut cadres = Vec::new();
        for d in &self.districts {
            units.extend(d.database.roster.units.iter().filter(|u| u.id != self.unit.id).cloned());
            cadres.extend(d.database.roster.cadres.iter().cloned());
        }
        Dataset { roster: Roster { units, cadres }, ..Dataset::default() }
    }

    /// Every cadre of every commune file (each once: the intruder's copy left out).
    pub fn commune_cadre_count(&self) -> usize {
        self.commune_files().map(|f| f.snapshot.records.cadres.len()).sum::<usize>()
            - usize::from(self.intruder.is_some())
    }
}

impl District {
    /// The district's database as the snapshot file its officer would export ("Toàn bộ dữ
    /// liệu"), for a test to import first.
    pub fn database_snapshot(&self, exported_at: Millis) -> Snapshot {
        let by = ExportedBy {
            unit_id: Some(self.unit.id.clone()),
            unit_name: self.unit.name.clone(),
            sender: "Ban Tổ chức Huyện ủy".into(),
        };
        export(&self.database, &ExportScope::All, by, BTreeMap::new(), exported_at).expect("the whole database exports")
    }

    /// The file name of [`District::database_snapshot`].
    pub fn database_file_name(&self, exported_at: Millis) -> String {
        snapshot::file_name(&self.unit.name, "", local(exported_at))
    }
}

/// Tỉnh Hà Giang's districts, then numbered ones.
const DISTRICTS: [&str; 10] = [
    "Vị Xuyên",
    "Bắc Quang",
    "Hoàng Su Phì",
    "Xín Mần",
    "Quang Bình",
    "Bắc Mê",
    "Yên Minh",
    "Quản Bạ",
    "Đồng Văn",
    "Mèo Vạc",
];

/// Commune names are drawn from these two syllable lists (280 pairs, distinct even without
/// their marks: the app takes "Xã Pố Máy" and "Xã Pờ Máy" under one district for the same
/// unit typed twice, and refuses the file).
const FIRST_SYLLABLE: [&str; 14] =
    ["Bản", "Nậm", "Tả", "Pố", "Thàng", "Hồ", "Sán", "Túng", "Nàng", "Chiến", "Tân", "Thông", "Tụ", "Lùng"];
const SECOND_SYLLABLE: [&str; 20] = [
    "Luốc", "Máy", "Nhùng", "Péo", "Phùng", "Phố", "Ván", "Thầu", "Sơn", "Đôn", "Dịch", "Khòa", "Ty", "Lồ", "Ngài",
    "Chu", "Nguyên", "Nhân", "Tiến", "Quang",
];
/// The offices a commune's file is sent from.
const OFFICES: [&str; 3] = ["Văn phòng Đảng ủy", "Văn phòng HĐND và UBND", "Công chức Văn phòng - Thống kê"];

const DAY_MS: Millis = 86_400_000;

fn local(millis: Millis) -> Moment {
    Moment::from_millis(millis, VIETNAM_UTC_OFFSET_MINUTES).expect("generated times are within the calendar")
}

fn at(date: Date, hour: u8, minute: u8) -> Millis {
    Moment { date, hour, minute }.to_millis(VIETNAM_UTC_OFFSET_MINUTES)
}

fn unit(id: String, name: String, level: GovLevel, kind: UnitKind, region: Region, parent: Option<&str>) -> Unit {
    Unit { id, name, level, kind, region, parent_id: parent.map(Into::into), meta: RecordMeta::default() }
}

/// `n` distinct commune names, drawn from `rng`.
fn commune_names(rng: &mut XorShift, n: usize) -> Vec<String> {
    let pairs = FIRST_SYLLABLE.len() * SECOND_SYLLABLE.len();
    let order = super::shuffled(rng, pairs);
    (0..n)
        .map(|i| {
            let p = order[i % pairs];
            let name =
                format!("{} {}", FIRST_SYLLABLE[p / SECOND_SYLLABLE.len()], SECOND_SYLLABLE[p % SECOND_SYLLABLE.len()]);
            if i < pairs {
                name
            } else {
                format!("{name} {}", i / pairs + 1)
            }
        })
        .collect()
}

/// Cadres of `units` (each with its slot), `n` in all: first two rounds over the units fill
/// their posts, then the rest go by `weights`. Saved at `updated_at`, a version 1 to 3.
fn cadres_of(
    rng: &mut XorShift,
    id_prefix: &str,
    units: &[(Unit, Slot)],
    weights: &[u64],
    n: usize,
    updated_at: Millis,
) -> Vec<Cadre> {
    let mut filled = vec![0usize; units.len()];
    (0..n)
        .map(|i| {
            let u = if i < units.len() * 2 { i % units.len() } else { rng.weighted(weights) };
            let (unit, slot) = &units[u];
            let mut c = generated_cadre(rng, format!("{id_prefix}-c{:04}", i + 1), unit, *slot, filled[u]);
            filled[u] += 1;
            c.full_name = person_name(rng, c.gender == crate::model::Gender::Female);
            c.meta = RecordMeta::at(1 + rng.below(3), updated_at - rng.below(60) as Millis * DAY_MS);
            c
        })
        .collect()
}

/// Generates the province of `options` (see the module's doc).
pub fn province(options: &ProvinceOptions) -> Province {
    let mut rng = XorShift::new(options.seed);
    let created = at(Date { year: 2025, month: 1, day: 6 }, 8, 0);
    let with_meta = |mut u: Unit| {
        u.meta = RecordMeta::at(1, created);
        u
    };
    let root = with_meta(unit(
        "tinh".into(),
        "Tỉnh Hà Giang".into(),
        GovLevel::Province,
        UnitKind::Government,
        Region::Mountain,
        None,
    ));
    let names = commune_names(&mut rng, options.districts * options.communes);
    let mut districts = Vec::with_capacity(options.districts);
    for k in 0..options.districts {
        let district_name = DISTRICTS.get(k).map_or_else(|| format!("H{}", k + 1), |n| n.to_string());
        let region = [Region::Mountain, Region::Mountain, Region::Lowland][k % 3];
        let did = format!("h{:02}", k + 1);
        let district_root = with_meta(unit(
            did.clone(),
            format!("Huyện {district_name}"),
            GovLevel::District,
            UnitKind::Government,
            region,
            Some(&root.id),
        ));
        let mk = |suffix: &str, name: String, kind, parent: &str| {
            with_meta(unit(format!("{did}-{suffix}"), name, GovLevel::District, kind, region, Some(parent)))
        };
        let party = mk("hu", format!("Huyện ủy {district_name}"), UnitKind::Party, &did);
        let government = mk("ubnd", format!("UBND huyện {district_name}"), UnitKind::Government, &did);
        let home = mk("noivu", format!("Phòng Nội vụ huyện {district_name}"), UnitKind::Government, &government.id);
        let district_units = [(party, Slot::DistrictParty), (government, Slot::DistrictGov), (home, Slot::Office)];
        let district_cadres = cadres_of(&mut rng, &did, &district_units, &[2, 3, 4], 12, at(options.sent_by, 8, 0));
        let mut units = vec![root.clone(), district_root.clone()];
        units.extend(district_units.iter().map(|(u, _)| u.clone()));
        let mut communes = Vec::with_capacity(options.communes);
        for j in 0..options.communes {
            let name = &names[k * options.communes + j];
            let cid = format!("{did}-x{:02}", j + 1);
            let commune_root = with_meta(unit(
                cid.clone(),
                format!("Xã {name}"),
                GovLevel::Commune,
                UnitKind::Government,
                region,
                Some(&did),
            ));
            let lower = format!("Xã {name}").to_lowercase_first();
            let mk = |suffix: &str, unit_name: String, kind| {
                with_meta(unit(format!("{cid}-{suffix}"), unit_name, GovLevel::Commune, kind, region, Some(&cid)))
            };
            let commune_units = [
                (commune_root.clone(), Slot::CommuneGov),
                (mk("mttq", format!("Ủy ban MTTQ {lower}"), UnitKind::Front), Slot::CommuneFront),
                (mk("hnd", format!("Hội Nông dân {lower}"), UnitKind::MassOrganisation), Slot::CommuneMass),
                (mk("th", format!("Trường Tiểu học {name}"), UnitKind::PublicService), Slot::School),
            ];
            units.extend(commune_units.iter().map(|(u, _)| u.clone()));
            let days_before = if j % 7 == 3 { 95 + rng.below(106) } else { rng.below(21) };
            let sent_on = Date::from_days(options.sent_by.days() - days_before as i64).expect("a date near sent_by");
            let exported_at = at(sent_on, 7 + rng.below(10) as u8, rng.below(60) as u8);
            let cadres = cadres_of(
                &mut rng,
                &cid,
                &commune_units,
                &[10, 1, 1, 4],
                options.cadres_per_commune,
                exported_at - DAY_MS,
            );
            let female = rng.chance(60);
            let sender =
                format!("{} - {}", person_name(&mut rng, female), OFFICES[rng.below(OFFICES.len() as u64) as usize]);
            let mut own_units = vec![root.clone(), district_root.clone()];
            own_units.extend(commune_units.iter().map(|(u, _)| u.clone()));
            let own = Dataset { roster: Roster { units: own_units, cadres }, ..Dataset::default() };
            let by = ExportedBy { unit_id: Some(cid.clone()), unit_name: commune_root.name.clone(), sender };
            let snapshot = export(&own, &ExportScope::Subtree(cid.clone()), by, BTreeMap::new(), exported_at)
                .expect("the commune is in its own database");
            let file_name = snapshot::file_name(&commune_root.name, "", local(exported_at));
            communes.push(CommuneFile { unit: commune_root, file_name, snapshot });
        }
        let database = Dataset { roster: Roster { units, cadres: district_cadres }, ..Dataset::default() };
        districts.push(District { unit: district_root, database, communes });
    }
    let intruder = options.intruder.then(|| add_intruder(&mut districts)).flatten();
    Province { unit: root, districts, intruder }
}

/// Puts into the first district's second commune file a changed copy of one of the first
/// commune's cadres, with the units that cadre works in; `None` when there are not two
/// communes with a cadre.
fn add_intruder(districts: &mut [District]) -> Option<Intruder> {
    let district = districts.first_mut()?;
    let [owner, sender, ..] = district.communes.as_mut_slice() else { return None };
    let mut cadre = owner.snapshot.records.cadres.first()?.clone();
    cadre.professional_field = "Quản lý kinh tế".into();
    cadre.meta = RecordMeta::at(cadre.meta.version + 1, sender.snapshot.exported_at - DAY_MS);
    let home = &cadre.unit_id;
    let units: Vec<Unit> = owner
        .snapshot
        .records
        .units
        .iter()
        .filter(|u| {
            (u.id == *home || u.id == owner.unit.id) && !sender.snapshot.records.units.iter().any(|s| s.id == u.id)
        })
        .cloned()
        .collect();
    let intruder = Intruder {
        file_name: sender.file_name.clone(),
        sender_unit_id: sender.unit.id.clone(),
        cadre_id: cadre.id.clone(),
        cadre_name: cadre.full_name.clone(),
        owner_unit_id: owner.unit.id.clone(),
    };
    let records = &mut sender.snapshot.records;
    records.units.extend(units);
    records.cadres.push(cadre);
    sender.snapshot.checksum = checksum::of_records(records);
    Some(intruder)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{read, Scope};

    fn small(intruder: bool) -> Province {
        province(&ProvinceOptions { intruder, ..ProvinceOptions::new(2, 8, 15, 7) })
    }

    #[test]
    fn a_province_is_the_same_for_the_same_seed_and_other_for_another() {
        assert_eq!(small(true), small(true));
        let other = province(&ProvinceOptions::new(2, 8, 15, 8));
        assert_ne!(small(false).districts[0].communes[0].snapshot, other.districts[0].communes[0].snapshot);
    }

    #[test]
    fn every_commune_file_reads_back_as_its_subtree_sent_by_its_commune() {
        let p = small(false);
        assert_eq!(p.commune_files().count(), 16);
        assert_eq!(p.commune_cadre_count(), 16 * 15);
        let mut names = std::collections::HashSet::new();
        for f in p.commune_files() {
            let (read_back, migrated_from) = read(f.snapshot.to_json().as_bytes()).expect("a generated file reads");
            assert_eq!(migrated_from, None);
            assert_eq!(read_back.checksum, f.snapshot.checksum);
            assert_eq!(read_back.scope, Scope::Subtree { unit_id: f.unit.id.clone(), unit_name: f.unit.name.clone() });
            assert_eq!(read_back.exported_by.unit_id.as_deref(), Some(f.unit.id.as_str()));
            assert!(read_back.exported_by.sender.contains(" - "), "{}", read_back.exported_by.sender);
            let roster = Roster { units: read_back.records.units.clone(), cadres: Vec::new() };
            let subtree = roster.subtree(&f.unit.id);
            assert!(read_back.records.cadres.iter().all(|c| subtree.contains(&c.unit_id)));
            assert_eq!(read_back.records.cadres.len(), 15);
            // The district root travels with the commune's units, as the commune holds it.
            assert!(read_back.records.units.iter().any(|u| Some(&u.id) == f.unit.parent_id.as_ref()));
            assert!(names.insert(f.file_name.clone()), "two files named {}", f.file_name);
        }
    }

    #[test]
    fn the_district_database_holds_every_commune_unit_and_none_of_their_cadres() {
        let p = small(false);
        let d = &p.districts[1];
        let units: std::collections::HashSet<&str> = d.database.roster.units.iter().map(|u| u.id.as_str()).collect();
        for f in &d.communes {
            assert!(f.snapshot.records.units.iter().all(|u| units.contains(u.id.as_str())));
            assert!(f.snapshot.records.cadres.iter().all(|c| d.database.roster.cadre(&c.id).is_none()));
        }
        assert_eq!(d.database.roster.cadres.len(), 12);
        let file = d.database_snapshot(at(Date { year: 2026, month: 12, day: 1 }, 9, 0));
        assert_eq!(read(file.to_json().as_bytes()).expect("reads").0.records.units.len(), units.len());
        assert!(d.database_file_name(file.exported_at).starts_with("dtbd-huyen-bac-quang-2026-12-01-0900"));
    }

    #[test]
    fn every_seventh_commune_sent_long_ago_and_the_rest_within_three_weeks() {
        let p = small(false);
        let sent_by = at(Date { year: 2026, month: 12, day: 2 }, 0, 0);
        for (j, f) in p.districts[0].communes.iter().enumerate() {
            let days = (sent_by - f.snapshot.exported_at) / DAY_MS;
            if j % 7 == 3 {
                assert!((95..=200).contains(&days), "commune {j}: {days} days");
            } else {
                assert!((0..21).contains(&days), "commune {j}: {days} days");
            }
        }
    }

    #[test]
    fn the_intruder_file_carries_a_changed_cadre_of_the_first_commune() {
        let p = small(true);
        let intruder = p.intruder.as_ref().expect("asked for");
        let d = &p.districts[0];
        let (owner, sender) = (&d.communes[0], &d.communes[1]);
        assert_eq!(intruder.file_name, sender.file_name);
        assert_eq!(intruder.owner_unit_id, owner.unit.id);
        let theirs = sender.snapshot.records.cadres.iter().find(|c| c.id == intruder.cadre_id).expect("carried");
        let own = owner.snapshot.records.cadres.iter().find(|c| c.id == intruder.cadre_id).expect("the owner's");
        assert_ne!(theirs, own);
        assert_eq!(theirs.meta.version, own.meta.version + 1);
        // Still a valid file, its checksum updated, the units the cadre works in with it.
        let (read_back, _) = read(sender.snapshot.to_json().as_bytes()).expect("the intruder file reads");
        assert!(read_back.records.units.iter().any(|u| u.id == theirs.unit_id));
        assert_eq!(p.commune_cadre_count(), 16 * 15);
    }

    #[test]
    fn commune_names_stay_distinct_beyond_the_syllable_pairs() {
        let names = commune_names(&mut XorShift::new(1), 600);
        let distinct: std::collections::HashSet<String> = names.iter().map(|n| crate::text::fold_title(n)).collect();
        assert_eq!(distinct.len(), 600, "names that differ only by their marks are one unit to the app");
    }
}
