//! A roster as an organisation officer keeps it in Excel, for the import's tests and the
//! end-to-end fixture: title rows above the header, her own column order, one Cấp ủy text
//! column, an "x" for người địa phương, her own group column, a blank row in the middle, and
//! the spellings real sheets carry (extra spaces, "Th.S", "ThS", "Thạc sỹ", lower case,
//! "Đang học thạc sĩ", dates of birth written in full). Same seed, same sheet.

use crate::fixtures::XorShift;
use crate::levels::{Political, Professional, Qualification, StateManagement};
use crate::model::{Cadre, Category, Committee, Gender, GovLevel, Unit, UnitKind};
use crate::roster::Roster;

/// The header row, as the officer named her columns.
pub const HEADER: [&str; 14] = [
    "STT",
    "Họ và tên",
    "Năm sinh",
    "Giới tính",
    "Dân tộc",
    "Người địa phương",
    "Đơn vị",
    "Chức vụ",
    "Cấp ủy",
    "Đối tượng",
    "Trình độ chuyên môn",
    "Lý luận chính trị",
    "Quản lý nhà nước",
    "Nhóm theo Đề án 02",
];

fn pick<'a>(rng: &mut XorShift, options: &[&'a str]) -> &'a str {
    options[rng.below(options.len() as u64) as usize]
}

fn professional_text(rng: &mut XorShift, level: Professional) -> &'static str {
    match level {
        Professional::None => pick(rng, &["", "Chưa qua đào tạo", "chưa qua ĐT"]),
        Professional::Elementary => pick(rng, &["Sơ cấp", "sơ cấp"]),
        Professional::Intermediate => pick(rng, &["Trung cấp", "TC", "trung cấp", "Trung cấp Nông lâm"]),
        Professional::College => pick(rng, &["Cao đẳng", "CĐ", "cao đẳng sư phạm"]),
        Professional::Bachelor => pick(rng, &["Đại học", "ĐH", "đại học", "Cử nhân Luật", "Kỹ sư Nông nghiệp"]),
        Professional::Master => pick(rng, &["Thạc sĩ", "Th.S", "ThS", "Thạc sỹ", "thạc sĩ Kinh tế"]),
        Professional::Doctor => pick(rng, &["Tiến sĩ", "TS"]),
    }
}

fn studying_text(rng: &mut XorShift, level: Professional) -> &'static str {
    match level {
        Professional::Doctor => pick(rng, &["Đang học tiến sĩ", "Đang học Tiến sỹ"]),
        Professional::Master => pick(rng, &["Đang học thạc sĩ", "đang học Th.S", "Đang học ThS"]),
        Professional::Bachelor => pick(rng, &["Đang học đại học", "đang học ĐH"]),
        _ => "Đang học cao đẳng",
    }
}

/// A qualification in words: held, "Đang học X" (the level held left unsaid) or "Đại học,
/// đang học thạc sĩ".
fn professional_cell(rng: &mut XorShift, q: &Qualification<Professional>) -> String {
    match q.studying {
        Some(s) if q.level_unknown || rng.chance(50) => studying_text(rng, s).to_string(),
        Some(s) => format!("{}, {}", professional_text(rng, q.level), studying_text(rng, s).to_lowercase()),
        None => professional_text(rng, q.level).to_string(),
    }
}

fn political_cell(rng: &mut XorShift, q: &Qualification<Political>) -> String {
    let held = |rng: &mut XorShift, level: Political| match level {
        Political::None => pick(rng, &["", "Chưa qua đào tạo"]),
        Political::Elementary => pick(rng, &["Sơ cấp", "SC"]),
        Political::Intermediate => pick(rng, &["Trung cấp", "TC", "trung cấp"]),
        Political::Advanced => pick(rng, &["Cao cấp", "CC", "Cao cấp LLCT"]),
        Political::Bachelor => "Cử nhân",
    };
    match q.studying {
        Some(s) if q.level_unknown => format!("Đang học {}", held(rng, s).to_lowercase()),
        Some(s) => format!("{}, đang học {}", held(rng, q.level), s.label().to_lowercase()),
        None => held(rng, q.level).to_string(),
    }
}

fn state_management_cell(rng: &mut XorShift, level: StateManagement) -> &'static str {
    match level {
        StateManagement::None => pick(rng, &["", "Chưa"]),
        StateManagement::Clerk => pick(rng, &["Cán sự", "CS"]),
        StateManagement::Specialist => pick(rng, &["Chuyên viên", "CV", "chuyên viên"]),
        StateManagement::Principal => pick(rng, &["Chuyên viên chính", "CVC"]),
        StateManagement::Senior => "Chuyên viên cao cấp",
    }
}

/// Cấp ủy as she writes it: the seats of one person in one text.
fn committee_cell(rng: &mut XorShift, c: &Cadre, unit_level: GovLevel) -> String {
    let has = |committee, level| c.memberships.iter().any(|m| m.committee == committee && m.level == level);
    let mut parts: Vec<String> = Vec::new();
    if has(Committee::StandingCommittee, GovLevel::District) {
        parts.push(pick(rng, &["UVBTV Huyện ủy", "Ủy viên BTV Huyện ủy", "UV BTV Huyện ủy khóa XXI"]).into());
    } else if has(Committee::ExecutiveCommittee, GovLevel::District) {
        parts.push(
            pick(rng, &["UV BCH Đảng bộ huyện khóa XXI", "Huyện ủy viên", "UVBCH Đảng bộ huyện", "Ủy viên BCH huyện"])
                .into(),
        );
    }
    if has(Committee::ExecutiveCommittee, GovLevel::Commune) {
        // "Đảng ủy viên" says no level: the person's unit (a commune's) gives it.
        let text = if unit_level == GovLevel::Commune {
            pick(rng, &["Đảng ủy viên", "ĐUV", "UV BCH Đảng bộ xã nhiệm kỳ 2020 - 2025", "Ủy viên BCH Đảng ủy xã"])
        } else {
            "UV BCH Đảng bộ xã"
        };
        parts.push(text.into());
    }
    parts.join("; ")
}

fn category_cell(rng: &mut XorShift, category: Category) -> &'static str {
    match category {
        Category::Cadre => pick(rng, &["Cán bộ", "CB", "cán bộ"]),
        Category::CivilServant => pick(rng, &["Công chức", "CC", "công chức"]),
        Category::PublicEmployee => pick(rng, &["Viên chức", "VC"]),
        Category::PartTime => pick(rng, &["Không chuyên trách", "không chuyên trách"]),
        Category::CouncilDelegate => "Đại biểu HĐND",
        Category::Contract => "Hợp đồng",
    }
}

/// Her own group column: which part of the scheme's count she files the person under.
fn group_cell(unit: Option<&Unit>) -> &'static str {
    match unit.map(|u| (u.level, u.kind)) {
        Some((_, UnitKind::PublicService)) => "Trường học",
        Some((GovLevel::Commune, _)) => "Cấp xã",
        Some((GovLevel::District, UnitKind::Vertical)) => "Ngành dọc",
        _ => "Cấp huyện",
    }
}

/// A name as typed: now and then with doubled or trailing spaces.
fn name_cell(rng: &mut XorShift, name: &str) -> String {
    match rng.below(10) {
        0 => format!("{name} "),
        1 => name.replacen(' ', "  ", 1),
        _ => name.to_string(),
    }
}

/// A unit name as typed: now and then lower case or with a doubled space.
fn unit_cell(rng: &mut XorShift, name: &str) -> String {
    match rng.below(12) {
        0 => name.to_lowercase(),
        1 => name.replacen(' ', "  ", 1),
        _ => name.to_string(),
    }
}

/// The sheet's rows (title rows, header, data with a blank row in the middle) for `cadres` of
/// `units`, in the officer's layout ([`HEADER`]).
pub fn officer_sheet(units: &[Unit], cadres: &[Cadre], seed: u64) -> Vec<Vec<String>> {
    let mut rng = XorShift::new(seed ^ 0x5348_4545);
    let unit = |id: &str| units.iter().find(|u| u.id == id);
    let width = HEADER.len();
    let line = |text: &str| {
        let mut row = vec![String::new(); width];
        row[0] = text.to_string();
        row
    };
    let mut rows = vec![
        line("DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC"),
        line("(Kèm theo Đề án số 02-ĐA/HU ngày 03/02/2021 của Ban Chấp hành Đảng bộ huyện)"),
        vec![String::new(); width],
        HEADER.iter().map(|h| (*h).to_string()).collect(),
    ];
    for (n, c) in cadres.iter().enumerate() {
        if n == cadres.len() / 2 {
            rows.push(vec![String::new(); width]);
        }
        let own = unit(&c.unit_id);
        let birth = if rng.chance(15) {
            format!("{:02}/{:02}/{}", 1 + rng.below(28), 1 + rng.below(12), c.birth_year)
        } else {
            c.birth_year.to_string()
        };
        let gender = match c.gender {
            Gender::Male => "Nam",
            Gender::Female => pick(&mut rng, &["Nữ", "nữ", "NỮ"]),
        };
        let local = if c.local { pick(&mut rng, &["x", "X", "có", "✓"]) } else { "" };
        let positions = c.positions.iter().map(|p| p.title.as_str()).collect::<Vec<_>>().join("; ");
        rows.push(vec![
            (n + 1).to_string(),
            name_cell(&mut rng, &c.full_name),
            birth,
            gender.to_string(),
            c.ethnicity.clone(),
            local.to_string(),
            unit_cell(&mut rng, own.map_or("", |u| u.name.as_str())),
            positions,
            committee_cell(&mut rng, c, own.map_or(GovLevel::District, |u| u.level)),
            category_cell(&mut rng, c.category).to_string(),
            professional_cell(&mut rng, &c.professional),
            political_cell(&mut rng, &c.political),
            state_management_cell(&mut rng, c.state_management.level).to_string(),
            group_cell(own).to_string(),
        ]);
    }
    rows
}

/// The same roster with some cao cấp LLCT written as cử nhân chính trị (every tenth), as real
/// rosters hold both; the reports count them on one line.
pub fn with_political_bachelors(cadres: &mut [Cadre]) {
    for (n, c) in cadres.iter_mut().filter(|c| c.political.level == Political::Advanced).enumerate() {
        if n % 10 == 0 {
            c.political.level = Political::Bachelor;
        }
    }
}

/// The people of `roster` a sheet without a mã column can tell apart: one per name, birth year
/// and unit name (the import's rule, [`Roster::person_key`], over names: a generated roster
/// repeats unit names and draws people's names from a small pool).
pub fn distinct_people(roster: &Roster) -> Vec<Cadre> {
    let mut seen = std::collections::HashSet::new();
    roster
        .cadres
        .iter()
        .filter(|c| seen.insert(Roster::person_key(&c.full_name, c.birth_year, roster.unit_name(&c.unit_id))))
        .cloned()
        .collect()
}
