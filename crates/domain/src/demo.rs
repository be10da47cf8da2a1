//! Dữ liệu mẫu: deterministic, seeded rosters that reproduce the figures the seed documents
//! publish, for demo mode and for the report tests.
//!
//! - [`hoang_su_phi`]: the district of seed 002 (Đề án 02-ĐA/HU, 2021), whose section I
//!   "Đánh giá thực trạng" the status report over the template's groups reproduces for every
//!   group it describes (totals, locals, women, under 35, professional level, political theory,
//!   state management, and which levels read "và đang học").
//! - [`quang_nam_leaders`]: the four leader groups of seed 004 (Đề án 7328/ĐA-UBND, 01/2024),
//!   reproducing Table 3 (degree by group) exactly, Table 4 (age bands) in its totals and for
//!   groups 1-2, Table 5 (under 45 by degree) and Table 6 (field of study by group).
//!
//! The counts are fixed by the documents; the seed only chooses names, birth years within a
//! band, ethnicities and the order in which people are dealt to units. Same seed, same roster.
//!
//! Where a document's own arithmetic is off, the generator follows its counts and the report
//! computes the exact share: seed 002 §1.1 writes 28/42 as "66,6%" (66,7%), and §2.3 lists
//! 86 + 1 + 32 + 5 = 124 by professional level for a group of 120 (86/124 = 69,4%): here 82
//! hold a degree. Seed 004 Table 4 gives groups 3 and 4 as 892 and 1.155 where Table 3 gives
//! 850 and 1.197: Table 3 is followed and 42 of Table 4's group-3 ages move to group 4.

use super::levels::{Level, Political, Professional, Qualification, StateManagement};
use super::model::*;
use crate::fixtures::XorShift;

/// Năm of seed 002's status figures (the đề án is dated 03/02/2021).
pub const HOANG_SU_PHI_YEAR: u16 = 2021;
/// Năm of seed 004's tables ("Tính đến tháng 01/2024").
pub const QUANG_NAM_YEAR: u16 = 2024;

// ---------------------------------------------------------------------------------------------
// Profiles: the marginal counts of a set of people, one vector per scale, indexed by rank
// (0 = lowest). Binary traits are vectors [no, yes].

#[derive(Debug, Clone, PartialEq, Eq)]
struct Profile {
    n: u32,
    /// By `Professional` rank: chưa, sơ cấp, trung cấp, cao đẳng, đại học, thạc sĩ, tiến sĩ.
    prof: Vec<u32>,
    /// By `Political` rank: chưa, sơ cấp, trung cấp, cao cấp.
    pol: Vec<u32>,
    /// By `StateManagement` rank: chưa, cán sự, chuyên viên, chuyên viên chính, cao cấp.
    qlnn: Vec<u32>,
    local: Vec<u32>,
    women: Vec<u32>,
    young: Vec<u32>,
}

fn yes_no(yes: u32, n: u32) -> Vec<u32> {
    vec![n - yes, yes]
}

impl Profile {
    #[allow(clippy::too_many_arguments)]
    fn new(n: u32, prof: [u32; 7], pol: [u32; 4], qlnn: [u32; 5], local: u32, women: u32, young: u32) -> Self {
        let p = Profile {
            n,
            prof: prof.to_vec(),
            pol: pol.to_vec(),
            qlnn: qlnn.to_vec(),
            local: yes_no(local, n),
            women: yes_no(women, n),
            young: yes_no(young, n),
        };
        p.check();
        p
    }

    fn scales(&self) -> [&Vec<u32>; 6] {
        [&self.prof, &self.pol, &self.qlnn, &self.local, &self.women, &self.young]
    }

    fn check(&self) {
        for (i, s) in self.scales().iter().enumerate() {
            assert_eq!(s.iter().sum::<u32>(), self.n, "scale {i} of a profile does not add up to {}: {s:?}", self.n);
        }
    }

    fn zip(&self, other: &Profile, f: impl Fn(u32, u32) -> u32) -> Profile {
        let z = |a: &Vec<u32>, b: &Vec<u32>| a.iter().zip(b).map(|(x, y)| f(*x, *y)).collect::<Vec<u32>>();
        Profile {
            n: f(self.n, other.n),
            prof: z(&self.prof, &other.prof),
            pol: z(&self.pol, &other.pol),
            qlnn: z(&self.qlnn, &other.qlnn),
            local: z(&self.local, &other.local),
            women: z(&self.women, &other.women),
            young: z(&self.young, &other.young),
        }
    }

    fn minus(&self, other: &Profile) -> Profile {
        let p = self.zip(other, |a, b| a.checked_sub(b).expect("a part larger than its whole"));
        p.check();
        p
    }

    /// `n` people drawn from `self` who also fit in `cap` (the overlap of two groups), taking
    /// the highest ranks first, scale by scale.
    fn split(&self, cap: &Profile, n: u32) -> Profile {
        let take = |from: &Vec<u32>, cap: &Vec<u32>| {
            let mut left = n;
            let mut out = vec![0; from.len()];
            for i in (0..from.len()).rev() {
                let t = from[i].min(cap[i]).min(left);
                out[i] = t;
                left -= t;
            }
            assert_eq!(left, 0, "no overlap of {n} fits: {from:?} within {cap:?}");
            out
        };
        let p = Profile {
            n,
            prof: take(&self.prof, &cap.prof),
            pol: take(&self.pol, &cap.pol),
            qlnn: take(&self.qlnn, &cap.qlnn),
            local: take(&self.local, &cap.local),
            women: take(&self.women, &cap.women),
            young: take(&self.young, &cap.young),
        };
        p.check();
        p
    }
}

/// Which scale a "đang học" mark is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum On {
    Prof,
    Pol,
}

/// A segment of people who share the same groups: their profile, which reported levels
/// include people still studying towards them (scale, rank, how many), and how they are placed.
struct Segment {
    profile: Profile,
    studying: Vec<(On, u8, u32)>,
    place: Place,
}

/// How a segment's people are placed in units, positions and committees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// BTV members who head a Party agency or the Front (also in group 1.3).
    BtvAgencyHeads,
    /// BTV members who are key leaders or head a vertical unit.
    BtvKeyLeaders,
    /// BCH members heading an agency of the district.
    BchAgencyHeads,
    /// BCH members who are vice chairs or head a vertical unit.
    BchOthers,
    /// Other heads and deputies of district agencies.
    AgencyLeaders,
    /// District civil servants without a leading position.
    DistrictStaff,
    /// Key leaders of a commune (BCH xã member or not).
    CommuneKeyLeaders { member: bool },
    /// Heads of a commune's Front and mass organisations.
    CommuneOrgHeads { member: bool },
    /// Commune civil servants.
    CommuneStaff { member: bool },
    /// BCH xã members working part-time (bí thư chi bộ thôn).
    CommunePartTime,
    /// School heads and deputies.
    SchoolHeads,
}

// ---------------------------------------------------------------------------------------------
// Names

const FAMILY: &[&str] = &[
    "Nguyễn", "Hoàng", "Lù", "Vàng", "Đặng", "Triệu", "Lý", "Sần", "Lò", "Phàn", "Chảo", "Trần", "Lê", "Vương", "Nông",
    "Ma", "Giàng", "Bàn", "Cháng", "Phạm",
];
const MIDDLE_MALE: &[&str] = &["Văn", "Đức", "Quang", "Minh", "Xuân", "Thành", "Hữu", "Tiến", "Ngọc", "Công"];
const MIDDLE_FEMALE: &[&str] = &["Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Kim", "Phương"];
const GIVEN_MALE: &[&str] = &[
    "Hùng", "Dũng", "Cường", "Thắng", "Tuấn", "Hải", "Long", "Sơn", "Quyết", "Chiến", "Phong", "Bình", "Khánh", "Toàn",
    "Thào", "Páo", "Chúng", "Seo", "Hoà", "Kiên", "Trung", "Đạt", "Vinh", "Lâm",
];
const GIVEN_FEMALE: &[&str] = &[
    "Hoa",
    "Lan",
    "Mai",
    "Hương",
    "Thủy",
    "Hằng",
    "Nga",
    "Liên",
    "Dung",
    "Yến",
    "Thảo",
    "Linh",
    "Chi",
    "Nhung",
    "Vân",
    "Hạnh",
    "Phượng",
    "Sinh",
];
const ETHNIC_LOCAL: &[&str] = &["Nùng", "Dao", "Mông", "La Chí", "Tày", "Pu Péo"];

fn pick<'a>(rng: &mut XorShift, list: &[&'a str]) -> &'a str {
    list[rng.below(list.len() as u64) as usize]
}

fn person_name(rng: &mut XorShift, female: bool) -> String {
    let family = pick(rng, FAMILY);
    let (middle, given) = if female {
        (pick(rng, MIDDLE_FEMALE), pick(rng, GIVEN_FEMALE))
    } else {
        (pick(rng, MIDDLE_MALE), pick(rng, GIVEN_MALE))
    };
    format!("{family} {middle} {given}")
}

/// A permutation of `0..n` drawn from `rng` (Fisher-Yates).
fn shuffled(rng: &mut XorShift, n: usize) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        v.swap(i, j);
    }
    v
}

/// Expands a count vector into one value per person, highest rank first.
fn expand(counts: &[u32]) -> Vec<u8> {
    let mut out = Vec::new();
    for (rank, n) in counts.iter().enumerate().rev() {
        out.extend(std::iter::repeat_n(rank as u8, *n as usize));
    }
    out
}

fn unit(id: &str, name: &str, level: GovLevel, kind: UnitKind, parent: Option<&str>) -> Unit {
    Unit {
        id: id.into(),
        name: name.into(),
        level,
        kind,
        region: Region::Mountain,
        parent_id: parent.map(Into::into),
        meta: RecordMeta::at(1, 0),
    }
}

// ---------------------------------------------------------------------------------------------
// Hoàng Su Phì

/// Cơ quan Đảng, Mặt trận ... headed by BTV members: (id, unit name, head's title).
const HUYEN_BTV_AGENCIES: [(&str, &str, UnitKind, &str); 6] = [
    ("hsp-btc", "Ban Tổ chức Huyện ủy", UnitKind::Party, "Trưởng Ban Tổ chức Huyện ủy"),
    ("hsp-ubkt", "Ủy ban Kiểm tra Huyện ủy", UnitKind::Party, "Chủ nhiệm Ủy ban Kiểm tra Huyện ủy"),
    ("hsp-btg", "Ban Tuyên giáo Huyện ủy", UnitKind::Party, "Trưởng Ban Tuyên giáo Huyện ủy"),
    ("hsp-bdv", "Ban Dân vận Huyện ủy", UnitKind::Party, "Trưởng Ban Dân vận Huyện ủy"),
    ("hsp-vphu", "Văn phòng Huyện ủy", UnitKind::Party, "Chánh Văn phòng Huyện ủy"),
    ("hsp-mttq", "Ủy ban MTTQ huyện", UnitKind::Front, "Chủ tịch Ủy ban MTTQ huyện"),
];

/// The other district agencies (phòng, đoàn thể, trung tâm chính trị): (id, name, kind, head).
const HUYEN_AGENCIES: [(&str, &str, UnitKind, &str); 22] = [
    ("hsp-noivu", "Phòng Nội vụ", UnitKind::Government, "Trưởng phòng Nội vụ"),
    ("hsp-tckh", "Phòng Tài chính - Kế hoạch", UnitKind::Government, "Trưởng phòng Tài chính - Kế hoạch"),
    ("hsp-nn", "Phòng Nông nghiệp và PTNT", UnitKind::Government, "Trưởng phòng Nông nghiệp và PTNT"),
    ("hsp-gd", "Phòng Giáo dục và Đào tạo", UnitKind::Government, "Trưởng phòng Giáo dục và Đào tạo"),
    ("hsp-yt", "Phòng Y tế", UnitKind::Government, "Trưởng phòng Y tế"),
    ("hsp-vh", "Phòng Văn hóa và Thông tin", UnitKind::Government, "Trưởng phòng Văn hóa và Thông tin"),
    ("hsp-tp", "Phòng Tư pháp", UnitKind::Government, "Trưởng phòng Tư pháp"),
    ("hsp-tnmt", "Phòng Tài nguyên và Môi trường", UnitKind::Government, "Trưởng phòng Tài nguyên và Môi trường"),
    ("hsp-ktht", "Phòng Kinh tế và Hạ tầng", UnitKind::Government, "Trưởng phòng Kinh tế và Hạ tầng"),
    ("hsp-ldtbxh", "Phòng Lao động - Thương binh và Xã hội", UnitKind::Government, "Trưởng phòng Lao động - TB&XH"),
    ("hsp-dt", "Phòng Dân tộc", UnitKind::Government, "Trưởng phòng Dân tộc"),
    ("hsp-tt", "Thanh tra huyện", UnitKind::Government, "Chánh Thanh tra huyện"),
    ("hsp-vp", "Văn phòng HĐND và UBND huyện", UnitKind::Government, "Chánh Văn phòng HĐND và UBND huyện"),
    ("hsp-ttct", "Trung tâm Chính trị huyện", UnitKind::Party, "Giám đốc Trung tâm Chính trị huyện"),
    ("hsp-hd", "Huyện đoàn", UnitKind::MassOrganisation, "Bí thư Huyện đoàn"),
    ("hsp-hpn", "Hội Liên hiệp Phụ nữ huyện", UnitKind::MassOrganisation, "Chủ tịch Hội Liên hiệp Phụ nữ huyện"),
    ("hsp-hnd", "Hội Nông dân huyện", UnitKind::MassOrganisation, "Chủ tịch Hội Nông dân huyện"),
    ("hsp-hccb", "Hội Cựu chiến binh huyện", UnitKind::MassOrganisation, "Chủ tịch Hội Cựu chiến binh huyện"),
    ("hsp-ldld", "Liên đoàn Lao động huyện", UnitKind::MassOrganisation, "Chủ tịch Liên đoàn Lao động huyện"),
    ("hsp-bqlda", "Ban Quản lý dự án huyện", UnitKind::Government, "Giám đốc Ban Quản lý dự án huyện"),
    ("hsp-ttvh", "Trung tâm Văn hóa - Thể thao huyện", UnitKind::Government, "Giám đốc Trung tâm Văn hóa - Thể thao"),
    ("hsp-ttdv", "Trung tâm Dịch vụ nông nghiệp huyện", UnitKind::Government, "Giám đốc Trung tâm Dịch vụ nông nghiệp"),
];

/// Ngành dọc: (id, name, head's title).
const HUYEN_VERTICAL: [(&str, &str, &str); 9] = [
    ("hsp-ca", "Công an huyện", "Trưởng Công an huyện"),
    ("hsp-qs", "Ban Chỉ huy Quân sự huyện", "Chỉ huy trưởng Ban Chỉ huy Quân sự huyện"),
    ("hsp-ta", "Tòa án nhân dân huyện", "Chánh án Tòa án nhân dân huyện"),
    ("hsp-vks", "Viện Kiểm sát nhân dân huyện", "Viện trưởng Viện Kiểm sát nhân dân huyện"),
    ("hsp-thue", "Chi cục Thuế huyện", "Chi cục trưởng Chi cục Thuế"),
    ("hsp-kb", "Kho bạc Nhà nước huyện", "Giám đốc Kho bạc Nhà nước huyện"),
    ("hsp-bhxh", "Bảo hiểm xã hội huyện", "Giám đốc Bảo hiểm xã hội huyện"),
    ("hsp-thads", "Chi cục Thi hành án dân sự", "Chi cục trưởng Chi cục Thi hành án dân sự"),
    ("hsp-ttyt", "Trung tâm Y tế huyện", "Giám đốc Trung tâm Y tế huyện"),
];

/// Xã, thị trấn of Hoàng Su Phì.
const COMMUNES: [&str; 25] = [
    "Thị trấn Vinh Quang",
    "Xã Bản Luốc",
    "Xã Bản Máy",
    "Xã Bản Nhùng",
    "Xã Bản Péo",
    "Xã Bản Phùng",
    "Xã Chiến Phố",
    "Xã Đản Ván",
    "Xã Hồ Thầu",
    "Xã Nam Sơn",
    "Xã Nàng Đôn",
    "Xã Nậm Dịch",
    "Xã Nậm Khòa",
    "Xã Nậm Ty",
    "Xã Ngàm Đăng Vài",
    "Xã Pố Lồ",
    "Xã Pờ Ly Ngài",
    "Xã Sán Xả Hồ",
    "Xã Tả Sử Choóng",
    "Xã Tân Tiến",
    "Xã Thàng Tín",
    "Xã Thèn Chu Phìn",
    "Xã Thông Nguyên",
    "Xã Tụ Nhân",
    "Xã Túng Sán",
];

/// The key-leader titles of a commune, in the order they are dealt (the last ones are the
/// posts some holders of which sit outside the BCH xã).
const COMMUNE_KEY_TITLES: [(&str, &str, Leadership); 5] = [
    ("dang", "Bí thư Đảng ủy", Leadership::Head),
    ("ubnd", "Chủ tịch UBND", Leadership::Head),
    ("dang", "Phó Bí thư Đảng ủy, Chủ tịch HĐND", Leadership::Deputy),
    ("hdnd", "Phó Chủ tịch HĐND", Leadership::Deputy),
    ("ubnd", "Phó Chủ tịch UBND", Leadership::Deputy),
];

/// A commune's Front and mass organisations: (unit suffix, unit name, kind, head's title).
const COMMUNE_ORGS: [(&str, &str, UnitKind, &str); 5] = [
    ("mttq", "Ủy ban MTTQ", UnitKind::Front, "Chủ tịch Ủy ban MTTQ"),
    ("doan", "Đoàn Thanh niên", UnitKind::MassOrganisation, "Bí thư Đoàn Thanh niên"),
    ("hpn", "Hội Liên hiệp Phụ nữ", UnitKind::MassOrganisation, "Chủ tịch Hội Liên hiệp Phụ nữ"),
    ("hnd", "Hội Nông dân", UnitKind::MassOrganisation, "Chủ tịch Hội Nông dân"),
    ("hccb", "Hội Cựu chiến binh", UnitKind::MassOrganisation, "Chủ tịch Hội Cựu chiến binh"),
];

const COMMUNE_STAFF_TITLES: [&str; 7] = [
    "Công chức Văn phòng - Thống kê",
    "Công chức Địa chính - Xây dựng",
    "Công chức Tài chính - Kế toán",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Văn hóa - Xã hội",
    "Chỉ huy trưởng Ban Chỉ huy Quân sự",
    "Trưởng Công an",
];

const HSP_FIELDS: &[&str] = &[
    "Luật",
    "Kinh tế nông nghiệp",
    "Quản lý đất đai",
    "Sư phạm",
    "Kế toán",
    "Xây dựng Đảng và chính quyền nhà nước",
    "Nông học",
    "Quản lý nhà nước",
    "Lâm nghiệp",
    "Công nghệ thông tin",
];

fn commune_id(i: usize) -> String {
    format!("hsp-xa{:02}", i + 1)
}

fn commune_units(units: &mut Vec<Unit>) {
    for (i, name) in COMMUNES.iter().enumerate() {
        let id = commune_id(i);
        let short = name.trim_start_matches("Xã ");
        let name = name.to_lowercase_first();
        units.push(unit(
            &format!("{id}-dang"),
            &format!("Đảng ủy {name}"),
            GovLevel::Commune,
            UnitKind::Party,
            Some("hsp-hu"),
        ));
        units.push(unit(
            &format!("{id}-hdnd"),
            &format!("HĐND {name}"),
            GovLevel::Commune,
            UnitKind::Government,
            Some("hsp-hdnd"),
        ));
        units.push(unit(
            &format!("{id}-ubnd"),
            &format!("UBND {name}"),
            GovLevel::Commune,
            UnitKind::Government,
            Some("hsp-ubnd"),
        ));
        for (suffix, org, kind, _) in COMMUNE_ORGS {
            units.push(unit(
                &format!("{id}-{suffix}"),
                &format!("{org} {short}"),
                GovLevel::Commune,
                kind,
                Some(&format!("{id}-dang")),
            ));
        }
    }
}

/// Number of schools: three heads or deputies each (145 = 48 × 3 + 1).
const SCHOOLS: usize = 49;

/// Seed 002's groups as segments of people who belong to the same groups.
fn hoang_su_phi_segments() -> Vec<Segment> {
    use On::*;
    // §1.1 BCH huyện (under 35 not stated: 2), §1.2 BTV (none under 35).
    let bch = Profile::new(42, [0, 0, 0, 0, 28, 13, 1], [0, 0, 9, 33], [6, 0, 16, 20, 0], 21, 8, 2);
    let btv = Profile::new(13, [0, 0, 0, 0, 6, 6, 1], [0, 0, 0, 13], [3, 0, 1, 9, 0], 6, 1, 0);
    // §1.3 heads and deputies of district agencies; §1.4 district civil servants.
    let g13 = Profile::new(73, [0, 0, 2, 0, 56, 15, 0], [0, 0, 27, 46], [7, 0, 44, 22, 0], 25, 13, 3);
    let g14 = Profile::new(147, [1, 2, 19, 9, 112, 3, 1], [57, 21, 64, 5], [82, 0, 64, 1, 0], 44, 63, 59);
    // §2.1 BCH xã; §2.2 key leaders; §2.3 heads of mass organisations; §2.4 other cadres.
    let g21 = Profile::new(359, [16, 0, 44, 8, 284, 7, 0], [0, 38, 310, 11], [209, 0, 147, 3, 0], 278, 79, 61);
    let g22 = Profile::new(124, [0, 0, 1, 0, 116, 7, 0], [0, 0, 110, 14], [42, 0, 77, 5, 0], 101, 10, 3);
    let g23 = Profile::new(120, [5, 0, 32, 1, 82, 0, 0], [0, 4, 116, 0], [80, 5, 35, 0, 0], 110, 33, 34);
    let g24 = Profile::new(285, [0, 0, 107, 18, 160, 0, 0], [57, 55, 173, 0], [179, 15, 91, 0, 0], 163, 69, 97);
    // §3 school heads (locals and women not stated).
    let g3 = Profile::new(145, [0, 0, 0, 1, 144, 0, 0], [4, 1, 140, 0], [36, 0, 107, 2, 0], 88, 71, 6);

    let btv_agency = btv.split(&g13, 6);
    let btv_key = btv.minus(&btv_agency);
    let bch_rest = bch.minus(&btv);
    let g13_left = g13.minus(&btv_agency);
    let bch_agency = bch_rest.split(&g13_left, 20);
    let bch_others = bch_rest.minus(&bch_agency);
    let agency = g13_left.minus(&bch_agency);

    let key_in = g21.split(&g22, 110);
    let key_out = g22.minus(&key_in);
    let g21_left = g21.minus(&key_in);
    let org_in = g21_left.split(&g23, 100);
    let org_out = g23.minus(&org_in);
    let g21_left = g21_left.minus(&org_in);
    let staff_in = g21_left.split(&g24, 120);
    let staff_out = g24.minus(&staff_in);
    let part_time = g21_left.minus(&staff_in);

    let seg = |profile, studying, place| Segment { profile, studying, place };
    vec![
        seg(btv_agency, vec![(Prof, 5, 2)], Place::BtvAgencyHeads),
        seg(btv_key, vec![], Place::BtvKeyLeaders),
        seg(bch_agency, vec![(Prof, 5, 2)], Place::BchAgencyHeads),
        seg(bch_others, vec![], Place::BchOthers),
        seg(agency, vec![(Prof, 5, 1), (Pol, 3, 4)], Place::AgencyLeaders),
        seg(g14, vec![(Prof, 6, 1), (Prof, 5, 1), (Prof, 4, 10)], Place::DistrictStaff),
        seg(key_in, vec![(Prof, 5, 3)], Place::CommuneKeyLeaders { member: true }),
        seg(key_out, vec![(Pol, 3, 2), (Pol, 2, 3)], Place::CommuneKeyLeaders { member: false }),
        seg(org_in, vec![(Prof, 4, 8)], Place::CommuneOrgHeads { member: true }),
        seg(org_out, vec![(Pol, 2, 5)], Place::CommuneOrgHeads { member: false }),
        seg(staff_in, vec![(Prof, 4, 12)], Place::CommuneStaff { member: true }),
        seg(staff_out, vec![(Prof, 4, 10)], Place::CommuneStaff { member: false }),
        seg(part_time, vec![], Place::CommunePartTime),
        seg(g3, vec![(Prof, 4, 6), (Pol, 2, 10)], Place::SchoolHeads),
    ]
}

/// One person's reported levels, before placement.
struct Traits {
    prof: u8,
    pol: u8,
    qlnn: u8,
    local: bool,
    female: bool,
    young: bool,
}

/// Deals a profile's marginals to `n` people: each scale is laid out highest rank first and
/// then permuted by the seed, so the marginals are exact and the combinations vary.
fn deal(rng: &mut XorShift, p: &Profile) -> Vec<Traits> {
    let n = p.n as usize;
    // Scales are permuted independently, except that the professional scale keeps its order
    // so the "đang học" marks land on the first people of a rank.
    let scale = |rng: &mut XorShift, counts: &[u32]| {
        let v = expand(counts);
        let perm = shuffled(rng, n);
        perm.into_iter().map(|i| v[i]).collect::<Vec<u8>>()
    };
    let prof = expand(&p.prof);
    let pol = scale(rng, &p.pol);
    let qlnn = scale(rng, &p.qlnn);
    let local = scale(rng, &p.local);
    let women = scale(rng, &p.women);
    let young = scale(rng, &p.young);
    (0..n)
        .map(|i| Traits {
            prof: prof[i],
            pol: pol[i],
            qlnn: qlnn[i],
            local: local[i] == 1,
            female: women[i] == 1,
            young: young[i] == 1,
        })
        .collect()
}

fn state_management(rank: u8) -> StateManagement {
    StateManagement::ALL[usize::from(rank)]
}

/// The qualification reported at `rank`: held, or (when `studying`) one level below with the
/// study towards `rank` under way.
fn reported<L: Level>(all: &[L], rank: u8, studying: bool, year: u16) -> Qualification<L> {
    if studying && rank > 0 {
        let below = if rank == 4 { 2 } else { rank - 1 }; // đại học is studied from trung cấp
        Qualification {
            level: all[usize::from(below)],
            studying: Some(all[usize::from(rank)]),
            studying_until: Some(year + 2),
            level_unknown: false,
        }
    } else {
        Qualification::at(all[usize::from(rank)])
    }
}

/// The Hoàng Su Phì district roster as seed 002 section I describes it (1.459 people in 292
/// units). Same seed, same roster; every seed gives the same counts.
pub fn hoang_su_phi(seed: u64) -> (Vec<Unit>, Vec<Cadre>) {
    let year = HOANG_SU_PHI_YEAR;
    let mut rng = XorShift::new(seed ^ 0x4853_5021);
    let mut units = vec![
        unit("hsp-hu", "Huyện ủy Hoàng Su Phì", GovLevel::District, UnitKind::Party, None),
        unit("hsp-hdnd", "HĐND huyện Hoàng Su Phì", GovLevel::District, UnitKind::Government, None),
        unit("hsp-ubnd", "UBND huyện Hoàng Su Phì", GovLevel::District, UnitKind::Government, None),
    ];
    for (id, name, kind, _) in HUYEN_BTV_AGENCIES {
        units.push(unit(id, name, GovLevel::District, kind, Some("hsp-hu")));
    }
    for (id, name, kind, _) in HUYEN_AGENCIES {
        let parent = match kind {
            UnitKind::Government => "hsp-ubnd",
            _ => "hsp-hu",
        };
        units.push(unit(id, name, GovLevel::District, kind, Some(parent)));
    }
    for (id, name, _) in HUYEN_VERTICAL {
        units.push(unit(id, name, GovLevel::District, UnitKind::Vertical, None));
    }
    commune_units(&mut units);
    for s in 0..SCHOOLS {
        let kind = ["Trường Mầm non", "Trường Tiểu học", "Trường PTDTBT THCS"][s % 3];
        let place = COMMUNES[s % COMMUNES.len()].trim_start_matches("Xã ").trim_start_matches("Thị trấn ");
        let name = format!("{kind} {place}"); // (s % 3, s % 25) differ for every s < 75
        units.push(unit(
            &format!("hsp-truong{:02}", s + 1),
            &name,
            GovLevel::District,
            UnitKind::PublicService,
            Some("hsp-gd"),
        ));
    }

    let bch = |term: &str| Membership {
        committee: Committee::ExecutiveCommittee,
        level: GovLevel::District,
        term: term.into(),
    };
    let btv = Membership { committee: Committee::StandingCommittee, level: GovLevel::District, term: "XXI".into() };
    let bch_xa =
        Membership { committee: Committee::ExecutiveCommittee, level: GovLevel::Commune, term: "2020-2025".into() };
    let pos =
        |unit_id: &str, title: &str, leadership| Position { unit_id: unit_id.into(), title: title.into(), leadership };

    let mut cadres = Vec::new();
    for segment in hoang_su_phi_segments() {
        let traits = deal(&mut rng, &segment.profile);
        // Marks for "đang học": the first `k` people reported at each marked rank.
        let mut seen_prof = [0u32; 7];
        let mut seen_pol = [0u32; 4];
        let order = shuffled(&mut rng, traits.len());
        for (k, t) in traits.iter().enumerate() {
            let studies = |on: On, rank: u8, seen: u32| {
                segment.studying.iter().any(|(o, r, n)| *o == on && *r == rank && seen < *n)
            };
            let prof_studying = studies(On::Prof, t.prof, seen_prof[usize::from(t.prof)]);
            seen_prof[usize::from(t.prof)] += 1;
            let pol_studying = studies(On::Pol, t.pol, seen_pol[usize::from(t.pol)]);
            seen_pol[usize::from(t.pol)] += 1;

            let id = format!("hsp-c{:04}", cadres.len() + 1);
            // Placement uses a seeded order so units get a mix of people.
            let slot = order[k];
            let mut c = Cadre::blank(id, String::new());
            c.full_name = person_name(&mut rng, t.female);
            c.gender = if t.female { Gender::Female } else { Gender::Male };
            c.local = t.local;
            c.ethnicity = if t.local {
                pick(&mut rng, ETHNIC_LOCAL).into()
            } else if rng.chance(70) {
                "Kinh".into()
            } else {
                "Tày".into()
            };
            let age = if t.young { 24 + rng.below(11) as u16 } else { 35 + rng.below(24) as u16 };
            c.birth_year = year - age;
            c.professional = reported(Professional::ALL, t.prof, prof_studying, year);
            if t.prof >= 2 {
                c.professional_field = pick(&mut rng, HSP_FIELDS).into();
            }
            c.political = reported(Political::ALL, t.pol, pol_studying, year);
            c.state_management = Qualification::at(state_management(t.qlnn));
            c.category = Category::Cadre;
            let huyen_bch = |c: &mut Cadre| c.memberships.push(bch("XXI"));
            match segment.place {
                Place::BtvAgencyHeads => {
                    let (u, _, _, title) = HUYEN_BTV_AGENCIES[slot];
                    c.unit_id = u.into();
                    c.positions.push(pos(u, title, Leadership::Head));
                    huyen_bch(&mut c);
                    c.memberships.push(btv.clone());
                }
                Place::BtvKeyLeaders => {
                    let (u, title, lead) = [
                        ("hsp-hu", "Bí thư Huyện ủy", Leadership::Head),
                        ("hsp-hu", "Phó Bí thư Huyện ủy", Leadership::Deputy),
                        ("hsp-hdnd", "Phó Bí thư Huyện ủy, Chủ tịch HĐND huyện", Leadership::Head),
                        ("hsp-ubnd", "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện", Leadership::Head),
                        ("hsp-ubnd", "Phó Chủ tịch UBND huyện", Leadership::Deputy),
                        ("hsp-ca", "Trưởng Công an huyện", Leadership::Head),
                        ("hsp-qs", "Chỉ huy trưởng Ban Chỉ huy Quân sự huyện", Leadership::Head),
                    ][slot];
                    c.unit_id = u.into();
                    c.positions.push(pos(u, title, lead));
                    huyen_bch(&mut c);
                    c.memberships.push(btv.clone());
                }
                Place::BchAgencyHeads => {
                    let (u, _, _, title) = HUYEN_AGENCIES[slot];
                    c.unit_id = u.into();
                    c.positions.push(pos(u, title, Leadership::Head));
                    huyen_bch(&mut c);
                }
                Place::BchOthers => {
                    let (u, title) = match slot {
                        0 => ("hsp-hdnd", "Phó Chủ tịch HĐND huyện"),
                        1 => ("hsp-ubnd", "Phó Chủ tịch UBND huyện"),
                        i => (HUYEN_VERTICAL[i].0, HUYEN_VERTICAL[i].2),
                    };
                    c.unit_id = u.into();
                    c.positions.push(pos(u, title, if slot < 2 { Leadership::Deputy } else { Leadership::Head }));
                    huyen_bch(&mut c);
                }
                Place::AgencyLeaders => {
                    // Heads of the two agencies no BCH member leads, then deputies everywhere.
                    let (u, title, lead) = match slot {
                        0 | 1 => {
                            let a = HUYEN_AGENCIES[20 + slot];
                            (a.0, a.3.to_string(), Leadership::Head)
                        }
                        i => {
                            let all: Vec<(&str, &str)> = HUYEN_BTV_AGENCIES
                                .iter()
                                .map(|a| (a.0, a.3))
                                .chain(HUYEN_AGENCIES.iter().map(|a| (a.0, a.3)))
                                .collect();
                            let (u, head) = all[(i - 2) % all.len()];
                            (u, deputy_title(head), Leadership::Deputy)
                        }
                    };
                    c.unit_id = u.into();
                    c.positions.push(pos(u, &title, lead));
                    c.category = if slot.is_multiple_of(3) { Category::Cadre } else { Category::CivilServant };
                }
                Place::DistrictStaff => {
                    let u = HUYEN_AGENCIES[slot % HUYEN_AGENCIES.len()].0;
                    c.unit_id = u.into();
                    c.category = Category::CivilServant;
                    c.civil_grade = Some(grade_for(t.qlnn));
                    c.positions.push(pos(u, if t.qlnn >= 2 { "Chuyên viên" } else { "Cán sự" }, Leadership::None));
                }
                Place::CommuneKeyLeaders { member } => {
                    let i = if member { slot } else { 110 + slot };
                    let (suffix, title, lead) = COMMUNE_KEY_TITLES[i / 25];
                    let xa = commune_id(i % 25);
                    let u = format!("{xa}-{suffix}");
                    c.unit_id = u.clone();
                    c.positions.push(pos(&u, &format!("{title} {}", COMMUNES[i % 25].to_lowercase_first()), lead));
                    if member {
                        c.memberships.push(bch_xa.clone());
                    }
                }
                Place::CommuneOrgHeads { member } => {
                    let i = if member { slot } else { 100 + slot };
                    let (suffix, _, _, title) = COMMUNE_ORGS[i / 24];
                    let u = format!("{}-{suffix}", commune_id(i % 24));
                    c.unit_id = u.clone();
                    c.positions.push(pos(&u, title, Leadership::Head));
                    if member {
                        c.memberships.push(bch_xa.clone());
                    }
                }
                Place::CommuneStaff { member } => {
                    let i = if member { slot } else { 120 + slot };
                    let u = format!("{}-ubnd", commune_id(i % 25));
                    c.unit_id = u.clone();
                    c.category = Category::CivilServant;
                    c.civil_grade = Some(grade_for(t.qlnn));
                    c.positions.push(pos(
                        &u,
                        COMMUNE_STAFF_TITLES[(i / 25) % COMMUNE_STAFF_TITLES.len()],
                        Leadership::None,
                    ));
                    if member {
                        c.memberships.push(bch_xa.clone());
                    }
                }
                Place::CommunePartTime => {
                    let u = format!("{}-dang", commune_id(slot % 25));
                    c.unit_id = u.clone();
                    c.category = Category::PartTime;
                    c.positions.push(pos(&u, &format!("Bí thư Chi bộ thôn {}", slot / 25 + 1), Leadership::None));
                    c.memberships.push(bch_xa.clone());
                }
                Place::SchoolHeads => {
                    let u = format!("hsp-truong{:02}", slot / 3 + 1);
                    c.unit_id = u.clone();
                    c.category = Category::PublicEmployee;
                    let head = slot.is_multiple_of(3);
                    c.positions.push(pos(
                        &u,
                        if head { "Hiệu trưởng" } else { "Phó Hiệu trưởng" },
                        if head { Leadership::Head } else { Leadership::Deputy },
                    ));
                }
            }
            c.meta = RecordMeta::at(1, 0);
            cadres.push(c);
        }
    }
    (units, cadres)
}

trait LowerFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowerFirst for str {
    /// "Xã Nậm Ty" → "xã Nậm Ty", as a title continues it.
    fn to_lowercase_first(&self) -> String {
        let mut chars = self.chars();
        chars.next().map_or_else(String::new, |f| f.to_lowercase().chain(chars).collect())
    }
}

/// "Trưởng phòng Nội vụ" → "Phó Trưởng phòng Nội vụ"; "Chủ tịch ..." → "Phó Chủ tịch ...".
fn deputy_title(head: &str) -> String {
    match head.split_once(' ') {
        Some(("Chánh", rest)) => format!("Phó Chánh {rest}"),
        Some(("Trưởng", rest)) => format!("Phó Trưởng {rest}"),
        Some(("Chủ", rest)) => format!("Phó Chủ {rest}"),
        _ => format!("Phó {head}"),
    }
}

fn grade_for(qlnn: u8) -> CivilGrade {
    match qlnn {
        0 | 1 => CivilGrade::Clerk,
        2 => CivilGrade::Specialist,
        _ => CivilGrade::Principal,
    }
}

// ---------------------------------------------------------------------------------------------
// Quảng Nam (seed 004)

/// Seed 004's four leader groups, in the order of its tables.
pub const QUANG_NAM_GROUPS: [&str; 4] = ["n1", "n2", "n3", "n4"];

/// Table 3: (đại học, thạc sĩ, tiến sĩ) per group.
const QN_DEGREES: [[u32; 3]; 4] = [[23, 32, 10], [64, 82, 4], [415, 398, 37], [903, 294, 0]];
/// Table 4 (groups 3-4 adjusted to Table 3's sizes): dưới 40, 40-45, 45-50, 50-55, trên 55.
const QN_AGES: [[u32; 5]; 4] =
    [[1, 2, 17, 16, 29], [6, 13, 57, 40, 34], [69, 184, 277, 150, 170], [183, 322, 297, 161, 234]];
/// Table 5 split by group: under 45 by (đại học, thạc sĩ, tiến sĩ).
const QN_YOUNG_DEGREES: [[u32; 3]; 4] = [[1, 1, 1], [6, 12, 1], [97, 150, 6], [302, 203, 0]];
/// Table 6: field of study per group, in [`FIELD_GROUPS`] order.
const QN_FIELDS: [[u32; 9]; 4] = [
    [15, 1, 2, 5, 3, 1, 4, 18, 16],
    [39, 2, 4, 8, 6, 3, 10, 51, 27],
    [153, 43, 80, 182, 17, 19, 56, 113, 187],
    [312, 23, 7, 87, 4, 36, 125, 288, 315],
];

/// Seed 004 Table 6's fields of study: (column heading, example fields written on records).
pub const FIELD_GROUPS: [(&str, &[&str]); 9] = [
    ("Kinh tế, tài chính, kế toán…", &["Kinh tế", "Tài chính - Ngân hàng", "Kế toán", "Quản trị kinh doanh"]),
    ("Công nghệ thông tin, khoa học máy tính…", &["Công nghệ thông tin", "Khoa học máy tính"]),
    ("Y tế", &["Y đa khoa", "Dược học", "Y tế công cộng"]),
    ("Giáo dục", &["Sư phạm Toán", "Sư phạm Ngữ văn", "Quản lý giáo dục"]),
    ("Quy hoạch, Phát triển đô thị…", &["Quy hoạch vùng và đô thị", "Kiến trúc", "Kỹ thuật xây dựng"]),
    ("Tài nguyên môi trường, Quản lý đất đai", &["Quản lý đất đai", "Khoa học môi trường"]),
    ("Nông nghiệp, Phát triển nông thôn", &["Nông học", "Phát triển nông thôn", "Lâm nghiệp", "Thủy sản"]),
    ("Quản lý hành chính, Luật…", &["Luật", "Hành chính công", "Quản lý công"]),
    ("Khác", &["Văn hóa học", "Báo chí", "Ngôn ngữ Anh", "Xã hội học"]),
];

const QN_DEPARTMENTS: [&str; 22] = [
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Nông nghiệp và PTNT",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Tài nguyên và Môi trường",
    "Sở Công Thương",
    "Sở Tư pháp",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Thông tin và Truyền thông",
    "Sở Khoa học và Công nghệ",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Ngoại vụ",
    "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh",
    "Ban Dân tộc tỉnh",
    "Ban Tổ chức Tỉnh ủy",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
];

const QN_DISTRICTS: [&str; 18] = [
    "Tam Kỳ",
    "Hội An",
    "Điện Bàn",
    "Núi Thành",
    "Phú Ninh",
    "Thăng Bình",
    "Quế Sơn",
    "Duy Xuyên",
    "Đại Lộc",
    "Hiệp Đức",
    "Tiên Phước",
    "Bắc Trà My",
    "Nam Trà My",
    "Phước Sơn",
    "Nông Sơn",
    "Đông Giang",
    "Tây Giang",
    "Nam Giang",
];

const QN_DISTRICT_OFFICES: [&str; 12] = [
    "Phòng Nội vụ",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế",
    "Phòng Tư pháp",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Kinh tế",
    "Phòng Văn hóa và Thông tin",
    "Phòng Lao động - TB&XH",
    "Văn phòng HĐND và UBND",
    "Ban Tổ chức Huyện ủy",
    "Ủy ban Kiểm tra Huyện ủy",
];

/// Offices (phòng) of each province department.
const QN_OFFICES_PER_DEPARTMENT: usize = 14;

/// The Quảng Nam leaders of seed 004's four groups (2.262 people): departments and their
/// offices, districts and theirs. Same seed, same roster; every seed gives the same counts.
pub fn quang_nam_leaders(seed: u64) -> (Vec<Unit>, Vec<Cadre>) {
    let year = QUANG_NAM_YEAR;
    let mut rng = XorShift::new(seed ^ 0x514E_0004);
    let mut units = vec![unit("qn-ubnd", "UBND tỉnh Quảng Nam", GovLevel::Province, UnitKind::Government, None)];
    // 65 units of the province headed by group 1: the departments, then centres and boards.
    let mut tops: Vec<(String, String)> = Vec::new();
    for i in 0..65 {
        let name = QN_DEPARTMENTS
            .get(i)
            .map_or_else(|| format!("Ban Quản lý dự án số {}", i - QN_DEPARTMENTS.len() + 1), |n| n.to_string());
        let kind = if name.contains("Tỉnh ủy") { UnitKind::Party } else { UnitKind::Government };
        let id = format!("qn-s{:02}", i + 1);
        units.push(unit(&id, &name, GovLevel::Province, kind, Some("qn-ubnd")));
        tops.push((id, name));
    }
    let mut offices = Vec::new();
    for (d, (did, dname)) in tops.iter().take(QN_DEPARTMENTS.len()).enumerate() {
        for o in 0..QN_OFFICES_PER_DEPARTMENT {
            let id = format!("{did}-p{:02}", o + 1);
            let name = format!(
                "Phòng {} - {dname}",
                [
                    "Tổ chức cán bộ",
                    "Kế hoạch - Tài chính",
                    "Nghiệp vụ 1",
                    "Nghiệp vụ 2",
                    "Nghiệp vụ 3",
                    "Thanh tra",
                    "Pháp chế",
                    "Tổng hợp",
                    "Quản lý chuyên ngành",
                    "Cải cách hành chính",
                    "Thông tin",
                    "Hợp tác",
                    "Kiểm tra",
                    "Hành chính"
                ][o]
            );
            units.push(unit(
                &id,
                &name,
                GovLevel::Province,
                if d >= 19 { UnitKind::Party } else { UnitKind::Government },
                Some(did),
            ));
            offices.push(id);
        }
    }
    let mut district_offices = Vec::new();
    for (h, hname) in QN_DISTRICTS.iter().enumerate() {
        let hid = format!("qn-h{:02}", h + 1);
        let prefix = if matches!(*hname, "Tam Kỳ" | "Hội An") {
            "thành phố"
        } else if *hname == "Điện Bàn" {
            "thị xã"
        } else {
            "huyện"
        };
        units.push(unit(&hid, &format!("UBND {prefix} {hname}"), GovLevel::District, UnitKind::Government, None));
        for (o, oname) in QN_DISTRICT_OFFICES.iter().enumerate() {
            let id = format!("{hid}-p{:02}", o + 1);
            let kind = if oname.contains("Huyện ủy") { UnitKind::Party } else { UnitKind::Government };
            let name =
                if kind == UnitKind::Party { format!("{oname} {hname}") } else { format!("{oname} {prefix} {hname}") };
            units.push(unit(&id, &name, GovLevel::District, kind, Some(&hid)));
            district_offices.push(id);
        }
    }

    let mut cadres = Vec::new();
    for (g, degrees) in QN_DEGREES.iter().enumerate() {
        let n: u32 = degrees.iter().sum();
        // Ages: the young bands (under 45) get the young degrees, the older bands the rest.
        let ages = QN_AGES[g];
        let young_deg = QN_YOUNG_DEGREES[g];
        let old_deg: Vec<u32> = degrees.iter().zip(young_deg).map(|(a, b)| a - b).collect();
        let mut people: Vec<(u8, u8)> = Vec::new(); // (degree 0..3, age band)
        for (deg_counts, bands) in [(young_deg.to_vec(), 0..2), (old_deg, 2..5)] {
            let degs = expand(&deg_counts);
            let bands: Vec<u8> = bands.flat_map(|b| std::iter::repeat_n(b as u8, ages[b] as usize)).collect();
            assert_eq!(degs.len(), bands.len(), "group {}: degrees and ages disagree", g + 1);
            let perm = shuffled(&mut rng, degs.len());
            people.extend(perm.into_iter().map(|i| (degs[i], bands[i])));
        }
        let fields = {
            let v = expand(&QN_FIELDS[g]);
            assert_eq!(v.len() as u32, n);
            let perm = shuffled(&mut rng, v.len());
            perm.into_iter().map(|i| v[i]).collect::<Vec<u8>>()
        };
        let order = shuffled(&mut rng, people.len());
        for (k, &(deg, band)) in people.iter().enumerate() {
            let slot = order[k];
            let female = rng.chance(if g < 2 { 15 } else { 35 });
            let mut c = Cadre::blank(format!("qn-c{:04}", cadres.len() + 1), String::new());
            c.full_name = person_name(&mut rng, female);
            c.gender = if female { Gender::Female } else { Gender::Male };
            c.local = rng.chance(85);
            c.ethnicity = if rng.chance(92) {
                "Kinh".into()
            } else {
                pick(&mut rng, &["Cơ Tu", "Xơ Đăng", "Giẻ Triêng", "Co"]).into()
            };
            // Age bands as seed 004 counts them: < 40, 40-44, 45-49, 50-55, > 55.
            let (lo, hi) = [(30, 39), (40, 44), (45, 49), (50, 55), (56, 59)][usize::from(band)];
            c.birth_year = year - (lo + rng.below(u64::from(hi - lo + 1)) as u16);
            c.professional = Qualification::at(
                [Professional::Bachelor, Professional::Master, Professional::Doctor][usize::from(deg)],
            );
            let field = FIELD_GROUPS[usize::from(fields[k])];
            c.professional_field = pick(&mut rng, field.1).into();
            c.political =
                Qualification::at(if g < 2 || rng.chance(60) { Political::Advanced } else { Political::Intermediate });
            c.state_management = Qualification::at(match g {
                0 | 1 => StateManagement::Senior,
                2 => StateManagement::Principal,
                _ => StateManagement::Specialist,
            });
            c.civil_grade = Some(match g {
                0 | 1 => CivilGrade::Principal,
                _ => CivilGrade::Specialist,
            });
            let (u, title, lead) = match g {
                0 => {
                    let (id, name) = &tops[slot];
                    (id.clone(), head_title(name), Leadership::Head)
                }
                1 => {
                    let (id, name) = &tops[slot % tops.len()];
                    (id.clone(), format!("Phó {}", head_title(name)), Leadership::Deputy)
                }
                2 => {
                    let head = slot < offices.len();
                    let id = offices[slot % offices.len()].clone();
                    (
                        id,
                        if head { "Trưởng phòng" } else { "Phó Trưởng phòng" }.to_string(),
                        if head { Leadership::Head } else { Leadership::Deputy },
                    )
                }
                _ => {
                    let head = slot < district_offices.len();
                    let id = district_offices[slot % district_offices.len()].clone();
                    (
                        id,
                        if head { "Trưởng phòng" } else { "Phó Trưởng phòng" }.to_string(),
                        if head { Leadership::Head } else { Leadership::Deputy },
                    )
                }
            };
            c.category = if g == 0 { Category::Cadre } else { Category::CivilServant };
            c.unit_id = u.clone();
            c.positions.push(Position { unit_id: u, title, leadership: lead });
            c.meta = RecordMeta::at(1, 0);
            cadres.push(c);
        }
    }
    (units, cadres)
}

/// "Sở Nội vụ" → "Giám đốc Sở Nội vụ"; "Ban Tổ chức Tỉnh ủy" → "Trưởng Ban Tổ chức Tỉnh ủy".
fn head_title(unit_name: &str) -> String {
    if unit_name.starts_with("Sở") {
        format!("Giám đốc {unit_name}")
    } else if unit_name.starts_with("Thanh tra") || unit_name.starts_with("Văn phòng") {
        format!("Chánh {unit_name}")
    } else if unit_name.starts_with("Ủy ban Kiểm tra") {
        format!("Chủ nhiệm {unit_name}")
    } else {
        format!("Trưởng {unit_name}")
    }
}

pub mod province;
pub mod sheet;

#[cfg(test)]
mod tests;
