//! A deterministic generated roster (province → departments → offices; districts → offices,
//! schools, vertical units; communes) for benches and tests, in native and browser builds
//! alike. Same seed, same roster. No `rand` crate: a small xorshift.
//!
//! Position titles follow the words the built-in templates match ("Giám đốc Sở",
//! "Trưởng phòng", "Chủ tịch UBND xã", "Hiệu trưởng" ...).

use crate::levels::*;
use crate::model::*;
use crate::roster::Roster;

/// A government unit of cấp huyện, mountain region, version 0: the unit tests build trees of.
pub fn unit(id: &str, name: &str, parent: Option<&str>) -> Unit {
    Unit {
        id: id.into(),
        name: name.into(),
        level: GovLevel::District,
        kind: UnitKind::Government,
        region: Region::Mountain,
        parent_id: parent.map(Into::into),
        meta: RecordMeta::default(),
    }
}

/// Xorshift64*: small, fast, deterministic.
#[derive(Debug, Clone)]
pub struct XorShift(u64);

impl XorShift {
    /// A generator from `seed` (0 is replaced by a constant).
    pub fn new(seed: u64) -> Self {
        XorShift(if seed == 0 { 0x9E37_79B9_7F4A_7C15 } else { seed })
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// Index drawn with the given weights.
    pub fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut r = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            if r < *w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

/// What kind of unit a generated unit is: decides titles, category and weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    ProvinceGov,
    ProvinceParty,
    Department,
    PartyBoard,
    Front,
    Mass,
    Service,
    Office,
    DistrictGov,
    DistrictParty,
    Vertical,
    School,
    CommuneGov,
    CommuneFront,
    CommuneMass,
}

fn titles(s: Slot, level: GovLevel) -> &'static [(&'static str, Leadership)] {
    use Leadership::*;
    match s {
        Slot::ProvinceGov => &[
            ("Chủ tịch UBND tỉnh", Head),
            ("Phó Chủ tịch UBND tỉnh", Deputy),
            ("Phó Chủ tịch UBND tỉnh", Deputy),
            ("Chủ tịch HĐND tỉnh", Head),
            ("Phó Chủ tịch HĐND tỉnh", Deputy),
        ],
        Slot::ProvinceParty => {
            &[("Bí thư Tỉnh ủy", Head), ("Phó Bí thư Tỉnh ủy", Deputy), ("Phó Bí thư Tỉnh ủy", Deputy)]
        }
        Slot::Department => &[("Giám đốc Sở", Head), ("Phó Giám đốc Sở", Deputy), ("Phó Giám đốc Sở", Deputy)],
        Slot::PartyBoard => &[("Trưởng ban", Head), ("Phó Trưởng ban", Deputy), ("Phó Trưởng ban", Deputy)],
        Slot::Front if level == GovLevel::Province => {
            &[("Chủ tịch Ủy ban MTTQ tỉnh", Head), ("Phó Chủ tịch Ủy ban MTTQ tỉnh", Deputy)]
        }
        Slot::Front => &[("Chủ tịch Ủy ban MTTQ huyện", Head), ("Phó Chủ tịch Ủy ban MTTQ huyện", Deputy)],
        Slot::Mass => &[("Chủ tịch Hội", Head), ("Phó Chủ tịch Hội", Deputy)],
        Slot::Service => &[("Giám đốc", Head), ("Phó Giám đốc", Deputy), ("Phó Giám đốc", Deputy)],
        Slot::Office => &[("Trưởng phòng", Head), ("Phó Trưởng phòng", Deputy), ("Phó Trưởng phòng", Deputy)],
        Slot::DistrictGov => &[
            ("Chủ tịch UBND huyện", Head),
            ("Phó Chủ tịch UBND huyện", Deputy),
            ("Phó Chủ tịch UBND huyện", Deputy),
            ("Chủ tịch HĐND huyện", Head),
            ("Phó Chủ tịch HĐND huyện", Deputy),
        ],
        Slot::DistrictParty => {
            &[("Bí thư Huyện ủy", Head), ("Phó Bí thư Huyện ủy", Deputy), ("Phó Bí thư Huyện ủy", Deputy)]
        }
        Slot::Vertical => &[("Chi cục trưởng", Head), ("Phó Chi cục trưởng", Deputy)],
        Slot::School => &[("Hiệu trưởng", Head), ("Phó Hiệu trưởng", Deputy)],
        Slot::CommuneGov => &[
            ("Bí thư Đảng ủy xã", Head),
            ("Chủ tịch UBND xã", Head),
            ("Phó Chủ tịch UBND xã", Deputy),
            ("Chủ tịch HĐND xã", Head),
            ("Phó Bí thư Đảng ủy xã", Deputy),
        ],
        Slot::CommuneFront => &[("Chủ tịch Ủy ban MTTQ xã", Head)],
        Slot::CommuneMass => &[("Chủ tịch Hội Nông dân xã", Head)],
    }
}

const DEPARTMENTS: [&str; 20] = [
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Tài nguyên và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Thông tin và Truyền thông",
    "Sở Tư pháp",
    "Sở Công Thương",
    "Sở Khoa học và Công nghệ",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Ngoại vụ",
    "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh",
    "Sở Du lịch",
    "Ban Dân tộc tỉnh",
];
const OFFICES: [&str; 6] = [
    "Phòng Tổ chức cán bộ",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Nghiệp vụ 1",
    "Phòng Nghiệp vụ 2",
    "Phòng Thanh tra",
    "Phòng Pháp chế",
];
const DISTRICT_OFFICES: [&str; 6] = [
    "Phòng Nội vụ",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Nông nghiệp và PTNT",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Văn hóa và Thông tin",
];
const FAMILY: [&str; 10] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vàng", "Lò", "Đặng", "Bùi", "Hà"];
const MIDDLE: [&str; 6] = ["Văn", "Thị", "Đức", "Minh", "Seo", "Quang"];
const GIVEN: [&str; 16] = [
    "An", "Bình", "Chi", "Dũng", "Đức", "Giang", "Hà", "Hùng", "Lan", "Mai", "Nam", "Phương", "Quân", "Sơn", "Thảo",
    "Vinh",
];
const FIELDS: [&str; 8] =
    ["Kinh tế", "Luật", "Công nghệ thông tin", "Y khoa", "Sư phạm", "Nông nghiệp", "Quản lý đất đai", "Kiến trúc"];
const ETHNIC: [&str; 4] = ["Kinh", "Tày", "Dao", "H'Mông"];

struct Gen {
    units: Vec<Unit>,
    slots: Vec<Slot>,
}

impl Gen {
    fn push(
        &mut self,
        name: String,
        level: GovLevel,
        kind: UnitKind,
        region: Region,
        parent: Option<usize>,
        slot: Slot,
    ) -> usize {
        let id = format!("u{}", self.units.len());
        self.units.push(Unit {
            id,
            name,
            level,
            kind,
            region,
            parent_id: parent.map(|p| self.units[p].id.clone()),
            meta: RecordMeta::default(),
        });
        self.slots.push(slot);
        self.units.len() - 1
    }
}

fn level_of<L: Level>(rng: &mut XorShift, weights: &[u64]) -> Qualification<L> {
    let i = rng.weighted(weights).min(L::ALL.len() - 1);
    let level = L::ALL[i];
    let studying = (i + 1 < L::ALL.len() && rng.chance(6)).then(|| L::ALL[i + 1]);
    Qualification { level, studying, studying_until: studying.map(|_| 2026), level_unknown: false }
}

/// Generates a roster of `n_cadres` cadres in `n_units` units (at least 40), from `seed`.
pub fn generate_roster(seed: u64, n_cadres: usize, n_units: usize) -> Roster {
    use GovLevel::*;
    use UnitKind::*;
    let mut rng = XorShift::new(seed);
    let mut g = Gen { units: Vec::with_capacity(n_units), slots: Vec::with_capacity(n_units) };
    let n_units = n_units.max(40);
    // Province.
    let prov = g.push("UBND tỉnh".into(), Province, Government, Region::Lowland, None, Slot::ProvinceGov);
    g.push("Tỉnh ủy".into(), Province, Party, Region::Lowland, None, Slot::ProvinceParty);
    let n_dept = (n_units / 15).clamp(4, DEPARTMENTS.len());
    for d in DEPARTMENTS.iter().take(n_dept) {
        let s = g.push(d.to_string(), Province, Government, Region::Lowland, Some(prov), Slot::Department);
        for o in OFFICES.iter().take(3) {
            g.push(o.to_string(), Province, Government, Region::Lowland, Some(s), Slot::Office);
        }
    }
    for b in ["Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận Tỉnh ủy"] {
        g.push(b.into(), Province, Party, Region::Lowland, Some(1), Slot::PartyBoard);
    }
    g.push("Ủy ban MTTQ tỉnh".into(), Province, Front, Region::Lowland, None, Slot::Front);
    g.push("Hội Nông dân tỉnh".into(), Province, MassOrganisation, Region::Lowland, None, Slot::Mass);
    g.push("Bệnh viện đa khoa tỉnh".into(), Province, PublicService, Region::Lowland, Some(prov), Slot::Service);
    g.push("Trường Chính trị tỉnh".into(), Province, PublicService, Region::Lowland, Some(1), Slot::Service);
    // Districts with their communes until the unit count is reached.
    let remaining = n_units.saturating_sub(g.units.len());
    let n_districts = (remaining / 30).max(1);
    let per_district = remaining / n_districts;
    for k in 0..n_districts {
        let start = g.units.len();
        let budget = if k + 1 == n_districts { n_units - start } else { per_district };
        let region = [Region::Mountain, Region::Lowland, Region::Urban][k % 3];
        let h = g.push(format!("UBND huyện H{}", k + 1), District, Government, region, Some(prov), Slot::DistrictGov);
        let add = |g: &mut Gen, name: String, level, kind, parent, slot| {
            if g.units.len() < start + budget {
                g.push(name, level, kind, region, parent, slot);
            }
        };
        add(&mut g, format!("Huyện ủy H{}", k + 1), District, Party, Some(h), Slot::DistrictParty);
        for o in DISTRICT_OFFICES {
            add(&mut g, o.to_string(), District, Government, Some(h), Slot::Office);
        }
        add(&mut g, format!("Ủy ban MTTQ huyện H{}", k + 1), District, Front, Some(h), Slot::Front);
        add(&mut g, format!("Huyện đoàn H{}", k + 1), District, MassOrganisation, Some(h), Slot::Mass);
        add(&mut g, format!("Chi cục Thuế H{}", k + 1), District, Vertical, Some(h), Slot::Vertical);
        add(&mut g, format!("Kho bạc Nhà nước H{}", k + 1), District, Vertical, Some(h), Slot::Vertical);
        add(&mut g, format!("Trường THCS H{}-1", k + 1), District, PublicService, Some(h), Slot::School);
        add(&mut g, format!("Trường Tiểu học H{}-1", k + 1), District, PublicService, Some(h), Slot::School);
        let mut x = 0;
        while g.units.len() < start + budget {
            x += 1;
            let xa = g.push(format!("UBND xã X{}-{x}", k + 1), Commune, Government, region, Some(h), Slot::CommuneGov);
            add(&mut g, format!("Ủy ban MTTQ xã X{}-{x}", k + 1), Commune, Front, Some(xa), Slot::CommuneFront);
            add(
                &mut g,
                format!("Hội Nông dân xã X{}-{x}", k + 1),
                Commune,
                MassOrganisation,
                Some(xa),
                Slot::CommuneMass,
            );
        }
    }

    // Weights: where people work.
    let weight: Vec<u64> = g
        .slots
        .iter()
        .map(|s| match s {
            Slot::Office | Slot::Service | Slot::School => 12,
            Slot::CommuneGov => 10,
            Slot::Department | Slot::DistrictGov => 6,
            Slot::CommuneFront | Slot::CommuneMass => 1,
            _ => 3,
        })
        .collect();
    let cumulative: Vec<u64> = weight
        .iter()
        .scan(0, |a, w| {
            *a += w;
            Some(*a)
        })
        .collect();
    let total = *cumulative.last().unwrap_or(&1);
    let mut filled = vec![0usize; g.units.len()];
    let mut cadres = Vec::with_capacity(n_cadres);
    for n in 0..n_cadres {
        // Leaders first: the first cadres fill each unit's titled posts.
        let u = if n < g.units.len() * 2 {
            n % g.units.len()
        } else {
            let r = rng.below(total);
            cumulative.partition_point(|&c| c <= r)
        };
        let k = filled[u];
        filled[u] += 1;
        cadres.push(generated_cadre(&mut rng, format!("c{n}"), &g.units[u], g.slots[u], k));
    }
    Roster { units: g.units, cadres }
}

/// One generated cadre of `unit` (a unit of kind `slot`), the `k`-th placed there: the first
/// ones fill the unit's titled posts; names, levels and memberships are drawn from `rng`.
pub(crate) fn generated_cadre(rng: &mut XorShift, id: Id, unit: &Unit, slot: Slot, k: usize) -> Cadre {
    let posts = titles(slot, unit.level);
    let mut c = Cadre::blank(id, unit.id.clone());
    c.full_name = format!(
        "{} {} {}",
        FAMILY[rng.below(FAMILY.len() as u64) as usize],
        MIDDLE[rng.below(MIDDLE.len() as u64) as usize],
        GIVEN[rng.below(GIVEN.len() as u64) as usize]
    );
    c.birth_year = 1962 + rng.below(38) as u16;
    c.gender = if rng.chance(40) { Gender::Female } else { Gender::Male };
    c.local = rng.chance(60);
    c.ethnicity = ETHNIC[rng.weighted(&[70, 12, 10, 8])].to_string();
    if rng.chance(25) {
        c.minority_language = "Tiếng Dao".into();
    }
    c.lao_language = rng.chance(2);
    let leader = k < posts.len();
    if leader {
        let (title, lead) = posts[k];
        c.positions.push(Position { unit_id: unit.id.clone(), title: title.into(), leadership: lead });
    }
    c.category = match (unit.level, unit.kind, leader) {
        (_, UnitKind::PublicService, _) => Category::PublicEmployee,
        (GovLevel::Commune, _, true) => Category::Cadre,
        (_, UnitKind::Party | UnitKind::Front | UnitKind::MassOrganisation, true) => Category::Cadre,
        (GovLevel::Commune, _, false) if rng.chance(20) => Category::PartTime,
        _ => Category::CivilServant,
    };
    if matches!(c.category, Category::CivilServant | Category::Cadre) {
        c.civil_grade = Some(CivilGrade::ALL[rng.weighted(&[5, 15, 60, 17, 3])]);
    }
    // Committee memberships.
    let lead = c.positions.first().map(|p| p.leadership);
    if lead == Some(Leadership::Head) || (lead == Some(Leadership::Deputy) && rng.chance(30)) {
        c.memberships.push(Membership {
            committee: Committee::ExecutiveCommittee,
            level: unit.level,
            term: "XXI".into(),
        });
        if matches!(slot, Slot::DistrictGov | Slot::DistrictParty | Slot::ProvinceGov | Slot::ProvinceParty) {
            c.memberships.push(Membership {
                committee: Committee::StandingCommittee,
                level: unit.level,
                term: "XXI".into(),
            });
        }
    }
    if rng.chance(3) {
        c.memberships.push(Membership {
            committee: Committee::PeoplesCouncil,
            level: unit.level,
            term: "2021-2026".into(),
        });
    }
    if rng.chance(8) {
        c.planned_for.push(PlannedPosition { title: "Phó Trưởng phòng".into(), term: "2025-2030".into() });
    }
    let senior = leader || rng.chance(10);
    c.professional = level_of(rng, if senior { &[0, 0, 2, 2, 70, 24, 2] } else { &[2, 2, 10, 6, 68, 11, 1] });
    c.professional_field = FIELDS[rng.below(FIELDS.len() as u64) as usize].into();
    c.political = level_of(rng, if senior { &[0, 5, 55, 40] } else { &[35, 20, 40, 5] });
    c.state_management = level_of(rng, if senior { &[10, 2, 50, 35, 3] } else { &[45, 10, 40, 5, 0] });
    c.foreign_language = level_of(rng, &[20, 15, 35, 22, 6, 1, 1]);
    c.it = level_of(rng, &[15, 75, 10]);
    c.defence_security = level_of(rng, &[40, 30, 20, 8, 2]);
    c
}
