//! Nhóm đối tượng named in a sentence ("cán bộ chủ chốt cấp xã vùng núi", "Ủy viên BCH Đảng bộ
//! huyện", "công chức cấp huyện không giữ chức vụ", "dưới 45 tuổi", "(trừ …)") → a
//! [`GroupRule`] in the roster's vocabulary: levels of government, categories, committee
//! memberships, titles (compared in the [`fold_title`](crate::text::fold_title) form),
//! leadership, regions, age, gender, with exclusions.

use crate::directive::group::{GroupRule, TextMatch, UnitFilter};
use crate::model::{Category, Committee, Gender, GovLevel, Leadership, Region};
use crate::text::fold;

/// Words that make a phrase speak of people.
const PEOPLE: [&str; 17] = [
    "can bo",
    "cong chuc",
    "vien chuc",
    "uy vien",
    "lanh dao",
    "chuc danh",
    "dai bieu",
    "bi thu",
    "chu tich",
    "truong",
    "nhom",
    "nguoi hoat dong",
    "doi ngu",
    "giang vien",
    "tinh uy vien",
    "ban thuong vu",
    "ban chap hanh",
];

/// True when a folded phrase names people (a group), not a level or an action.
pub fn names_people(folded: &str) -> bool {
    PEOPLE.iter().any(|w| folded.contains(w))
}

/// Where the last word naming people starts in a folded text.
pub fn last_people_word(folded: &str) -> Option<usize> {
    PEOPLE.iter().filter_map(|w| folded.rfind(w)).max()
}

/// A phrase cut at its ";" outside parentheses ("A (trừ x; y); B" → "A (trừ x; y)", "B").
fn list_items(folded: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut from) = (0i32, 0);
    for (i, c) in folded.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            ';' if depth == 0 => {
                out.push(folded[from..i].trim());
                from = i + 1;
            }
            _ => {}
        }
    }
    out.push(folded[from..].trim());
    out
}

/// The group's name as the document writes it: without "Đối với", "Các đồng chí", "Chức
/// danh", final punctuation and a leading figure.
pub fn clean_name(phrase: &str) -> String {
    let mut name = phrase.trim().trim_end_matches([':', '.', ';', ',']).trim();
    loop {
        let folded = fold(name);
        // "Tỷ lệ cán bộ, công chức cấp xã có …": the share's word, not the group's.
        let prefix = [
            "doi voi ",
            "cac dong chi ",
            "dong chi ",
            "cac chuc danh ",
            "chuc danh ",
            "phan dau ",
            "co ",
            "ty le ",
            "ti le ",
            "luot ",
        ]
        .iter()
        .find(|p| folded.starts_with(**p));
        match prefix {
            Some(p) => {
                let chars = p.chars().count();
                name = name.char_indices().nth(chars).map_or("", |(i, _)| &name[i..]).trim();
            }
            None => break,
        }
    }
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The rule a group phrase describes. Unrecognised words leave the rule wider (everyone at
/// the named level), never narrower; the review shows how many people it holds.
pub fn rule_of(phrase: &str) -> GroupRule {
    let folded = fold(phrase);
    // "Là cán bộ … dưới 40 tuổi; viên chức giữ chức vụ lãnh đạo": a list of groups is their union.
    let parts: Vec<&str> = list_items(&folded).into_iter().filter(|p| names_people(p)).collect();
    if parts.len() > 1 {
        return GroupRule::AnyOf { rules: parts.into_iter().map(rule_of).collect() };
    }
    if let Some((base, except)) = split_exclusion(&folded) {
        let base_rule = conditions(&base);
        let except_rule = conditions(&except);
        if except_rule != GroupRule::Everyone {
            return GroupRule::Minus { base: Box::new(base_rule), except: Box::new(except_rule) };
        }
        return base_rule;
    }
    conditions(&folded)
}

/// "… (trừ …)" / "…, trừ …": the base phrase and the excluded one.
fn split_exclusion(folded: &str) -> Option<(String, String)> {
    let at = folded.find("(tru ").or_else(|| folded.find(" tru "))?;
    let except = folded[at..].trim_start_matches(['(', ' ']).trim_start_matches("tru").trim();
    let except = except.split(')').next().unwrap_or(except).trim();
    let mut base = folded[..at].trim().to_string();
    if let Some(close) = folded[at..].find(')') {
        base.push(' ');
        base.push_str(&folded[at + close + 1..]);
    }
    Some((base.trim().to_string(), except.to_string()))
}

fn level_of(folded: &str) -> Option<GovLevel> {
    if ["toan tinh", "toan huyen", "toan thanh pho", "toan thi xa", "ca tinh"].iter().any(|w| folded.contains(w)) {
        // Everyone of the area, at every level.
        return None;
    }
    // "tổ chức chính trị - xã hội tỉnh": "xã hội" is no commune.
    let without_society = folded.replace("xa hoi", " ");
    let words: Vec<&str> = without_society.split(|c: char| !c.is_alphanumeric()).collect();
    let has = |w: &str| words.contains(&w);
    if has("xa") || folded.contains("thi tran") || folded.contains("co so") {
        Some(GovLevel::Commune)
    } else if has("huyen") || folded.contains("thanh pho") && !has("tinh") {
        Some(GovLevel::District)
    } else if has("tinh") {
        Some(GovLevel::Province)
    } else {
        None
    }
}

/// Titles a phrase lists ("Bí thư, Phó bí thư Huyện ủy, Chủ tịch HĐND, Chủ tịch UBND huyện"),
/// found in the [`fold_title`](crate::text::fold_title) form and given back as written in
/// documents: the rule's sentence shows them to the officer, and matching folds them again.
fn titles(folded: &str) -> Vec<String> {
    let known = [
        ("pho bi thu", "Phó Bí thư"),
        ("bi thu", "Bí thư"),
        ("pho chu tich hoi dong nhan dan", "Phó Chủ tịch Hội đồng nhân dân"),
        ("pho chu tich uy ban nhan dan", "Phó Chủ tịch Ủy ban nhân dân"),
        ("chu tich hoi dong nhan dan", "Chủ tịch Hội đồng nhân dân"),
        ("chu tich uy ban nhan dan", "Chủ tịch Ủy ban nhân dân"),
        ("chu tich uy ban mat tran to quoc", "Chủ tịch Ủy ban Mặt trận Tổ quốc"),
        ("pho hieu truong", "Phó Hiệu trưởng"),
        ("hieu truong", "Hiệu trưởng"),
        ("pho giam doc", "Phó Giám đốc"),
        ("giam doc", "Giám đốc"),
        ("pho truong phong", "Phó Trưởng phòng"),
        ("truong phong", "Trưởng phòng"),
    ];
    let title_form = crate::text::fold_title(folded);
    let mut out: Vec<String> = Vec::new();
    let mut rest = title_form.clone();
    for (folded_title, written) in known {
        if let Some(at) = rest.find(folded_title) {
            rest.replace_range(at..at + folded_title.len(), "");
            out.push(written.to_string());
        }
    }
    // "Phó Chủ tịch HĐND, UBND huyện", "Chủ tịch, Phó Chủ tịch UBND xã": the body written once
    // is every title's.
    for (shared, written) in [
        ("pho chu tich hoi dong nhan dan, uy ban nhan dan", "Phó Chủ tịch Ủy ban nhân dân"),
        ("chu tich, pho chu tich uy ban nhan dan", "Chủ tịch Ủy ban nhân dân"),
        ("chu tich, pho chu tich hoi dong nhan dan", "Chủ tịch Hội đồng nhân dân"),
    ] {
        if title_form.replace(" , ", ", ").contains(shared) && !out.iter().any(|t| t == written) {
            out.push(written.into());
        }
    }
    out
}

fn conditions(folded: &str) -> GroupRule {
    let rule = nomenclature(folded).unwrap_or_else(|| conditions_but_origin(folded));
    // "cán bộ, công chức … là người dân tộc thiểu số": everyone of the rule but the Kinh (as
    // the rule's sentence says it). Not "công tác ở vùng đồng bào dân tộc …": where they
    // work, not who they are.
    let minority = folded.find("dan toc thieu so").is_some_and(|at| {
        let before = folded[..at].trim_end();
        !before.ends_with("dong bao") && !before.ends_with("vung")
    });
    if minority {
        let kinh = GroupRule::Ethnicity { any_of: vec!["Kinh".into()] };
        GroupRule::Minus { base: Box::new(rule), except: Box::new(kinh) }
    } else {
        rule
    }
}

/// "Cán bộ diện Ban Thường vụ Tỉnh ủy quản lý": the committee's nomenclature, not its members.
/// At the province (as seed 001's template reads "diện Tỉnh ủy quản lý"): the provincial
/// committee and the province's leaders but its rooms'; at the district: the district
/// committee, the district's leaders and rooms' and the communes' leaders.
fn nomenclature(folded: &str) -> Option<GroupRule> {
    let at = folded.find("dien ")?;
    let end = folded[at..].find("quan ly")? + at;
    let managing = &folded[at..end];
    if managing.split(' ').count() > 8 {
        return None;
    }
    let level = if managing.contains("tinh uy") {
        GovLevel::Province
    } else if ["huyen uy", "thanh uy", "thi uy", "quan uy"].iter().any(|w| managing.contains(w)) {
        GovLevel::District
    } else {
        return None;
    };
    let committee = GroupRule::Membership { committee: Committee::ExecutiveCommittee, level: Some(level), term: None };
    let leaders = |levels: Vec<GovLevel>, exclude_name: Option<TextMatch>| GroupRule::Position {
        title: None,
        leadership: Some(Leadership::Deputy),
        unit: Some(UnitFilter { levels, exclude_name, ..UnitFilter::default() }),
    };
    let rules = match level {
        GovLevel::Province => {
            vec![committee, leaders(vec![GovLevel::Province], Some(TextMatch::starts_with(&["Phòng"])))]
        }
        _ => vec![committee, leaders(vec![GovLevel::District, GovLevel::Commune], None)],
    };
    Some(GroupRule::AnyOf { rules })
}

fn conditions_but_origin(folded: &str) -> GroupRule {
    let managed_by = without_manager(folded);
    let folded = managed_by.as_str();
    let mut rules: Vec<GroupRule> = Vec::new();
    let level = level_of(folded);
    let title_form = crate::text::fold_title(folded);
    let titles = titles(folded);
    // "cán bộ, công chức cấp tỉnh, cấp huyện": each level named with its "cấp".
    let named_levels: Vec<GovLevel> =
        [("cap tinh", GovLevel::Province), ("cap huyen", GovLevel::District), ("cap xa", GovLevel::Commune)]
            .into_iter()
            .filter(|(words, _)| folded.contains(words))
            .map(|(_, level)| level)
            .collect();
    let levels = if named_levels.len() >= 2 { named_levels } else { level.into_iter().collect() };
    let mut unit = UnitFilter { levels, ..UnitFilter::default() };
    for (words, region) in [
        ("mien nui", Region::Mountain),
        ("vung nui", Region::Mountain),
        ("do thi", Region::Urban),
        ("dong bang", Region::Lowland),
    ] {
        if folded.contains(words) && !unit.regions.contains(&region) {
            unit.regions.push(region);
        }
    }
    // "Từ cấp phòng trở lên" reaches above the rooms: no filter on the unit's name.
    let from_rooms_up = folded.contains("tu cap phong") && folded.contains("tro len");
    if (folded.contains("cap phong") || folded.contains("truong, pho phong") || folded.contains("truong phong"))
        && !from_rooms_up
    {
        unit.name = Some(TextMatch::starts_with(&["Phòng"]));
    }
    let membership = if title_form.contains("ban thuong vu") {
        Some(Committee::StandingCommittee)
    } else if title_form.contains("ban chap hanh") || folded.contains("tinh uy vien") || folded.contains("cap uy") {
        Some(Committee::ExecutiveCommittee)
    } else if title_form.contains("dai bieu hoi dong nhan dan") {
        Some(Committee::PeoplesCouncil)
    } else {
        None
    };
    let heads_and_deputies = folded.contains("truong, pho") || folded.contains("truong pho");
    let leadership = if folded.contains("chu chot")
        || folded.contains("cap truong")
        || (folded.starts_with("truong ") && !heads_and_deputies)
    {
        Some(Leadership::Head)
    } else if folded.contains("lanh dao")
        || folded.contains("quan ly")
        || folded.contains("truong, pho")
        || folded.contains("truong pho")
    {
        Some(Leadership::Deputy)
    } else {
        None
    };
    if let Some(committee) = membership {
        rules.push(GroupRule::Membership { committee, level, term: None });
    } else if !titles.is_empty() {
        let written: Vec<&str> = titles.iter().map(String::as_str).collect();
        rules.push(GroupRule::Position {
            title: Some(TextMatch::starts_with(&written)),
            leadership: None,
            unit: Some(unit.clone()),
        });
    } else if let Some(leadership) = leadership.filter(|_| !folded.contains("khong giu chuc vu")) {
        rules.push(GroupRule::Position { title: None, leadership: Some(leadership), unit: Some(unit.clone()) });
    } else if unit != UnitFilter::default() {
        rules.push(GroupRule::WorksIn { unit: unit.clone() });
    }
    let mut categories = Vec::new();
    for (words, category) in [
        ("can bo", Category::Cadre),
        ("cong chuc", Category::CivilServant),
        ("vien chuc", Category::PublicEmployee),
        ("chuyen trach", Category::PartTime),
    ] {
        if folded.contains(words) && !(words == "can bo" && (leadership.is_some() || membership.is_some())) {
            categories.push(category);
        }
    }
    if folded.contains("khong chuyen trach") || folded.contains("ban chuyen trach") {
        categories = vec![Category::PartTime];
    }
    if !categories.is_empty() && membership.is_none() && titles.is_empty() {
        rules.push(GroupRule::Category { any_of: categories });
    }
    if let Some(years) = number_after(folded, "duoi ", " tuoi") {
        rules.push(GroupRule::AgeBelow { years, reference_year: None });
    }
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).collect();
    if words.contains(&"nu") {
        rules.push(GroupRule::Gender { gender: Gender::Female });
    }
    // "trong quy hoạch", "diện quy hoạch": the roster's planned-for positions, whichever.
    if ["trong quy hoach", "dien quy hoach", "duoc quy hoach", "nguon quy hoach"].iter().any(|w| folded.contains(w)) {
        rules.push(GroupRule::PlannedFor { title: None });
    }
    if folded.contains("khong giu chuc vu") {
        let holders = GroupRule::Position { title: None, leadership: Some(Leadership::Deputy), unit: None };
        let base = if rules.is_empty() { GroupRule::Everyone } else { all_of(rules) };
        return GroupRule::Minus { base: Box::new(base), except: Box::new(holders) };
    }
    if rules.is_empty() {
        GroupRule::Everyone
    } else {
        all_of(rules)
    }
}

fn all_of(mut rules: Vec<GroupRule>) -> GroupRule {
    if rules.len() == 1 {
        rules.remove(0)
    } else {
        GroupRule::AllOf { rules }
    }
}

/// The number between `before` and `after` ("dưới 45 tuổi" → 45).
fn number_after(folded: &str, before: &str, after: &str) -> Option<u16> {
    let at = folded.find(before)? + before.len();
    let end = folded[at..].find(after)? + at;
    folded[at..end].trim().parse().ok()
}

/// The phrase without "thuộc huyện quản lý", "diện Tỉnh ủy quản lý": there "quản lý" says who
/// manages the people, not that they are managers.
fn without_manager(folded: &str) -> String {
    let mut out = folded.to_string();
    for lead in ["thuoc ", "dien "] {
        while let Some(at) = out.find(lead) {
            let Some(end) = out[at..].find("quan ly").map(|e| at + e + "quan ly".len()) else { break };
            if out[at..end].split(' ').count() > 6 {
                break;
            }
            out.replace_range(at..end, " ");
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words a group phrase may hold that [`rule_of`] reads, or that narrow nothing ("các", "cơ
/// quan, ban ngành", "tương đương"). A phrase with another word ("người dân tộc Kinh",
/// "người địa phương") may name fewer people than its rule holds.
const KNOWN_WORDS: &[&str] = &[
    "can", "bo", "cong", "chuc", "vien", "lanh", "dao", "quan", "ly", "truong", "pho", "co", "ban", "nganh", "don",
    "vi", "cap", "xa", "huyen", "tinh", "thi", "tran", "thanh", "cac", "va", "cua", "nhung", "dong", "chi", "danh",
    "tuong", "duong", "doan", "the", "uy", "chap", "hanh", "thuong", "vu", "dang", "chu", "chot", "tich", "bi", "thu",
    "hoi", "nhan", "dan", "mat", "to", "quoc", "giam", "doc", "hieu", "phong", "mien", "nui", "vung", "do", "bang",
    "chuyen", "trach", "khong", "giu", "o", "tai", "thuoc", "nu", "duoi", "tuoi", "tro", "len", "tu", "so",
];

/// A folded phrase with its parentheses blanked ("(trừ …)", "(16 chức danh)").
fn outside_asides(folded: &str) -> String {
    let mut depth = 0i32;
    folded
        .chars()
        .map(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth = (depth - 1).max(0),
                _ => {}
            }
            if depth == 0 && c != ')' {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// The words of a folded phrase outside its parentheses.
fn words_outside_asides(folded: &str) -> Vec<String> {
    crate::text::fold_title(&outside_asides(folded))
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// True when a clause is nothing but a group's name ("- Các chức danh lãnh đạo, quản lý các
/// cơ quan, ban ngành cấp huyện (trừ …)" leading the paragraph after it): no target of its own.
pub fn only_names_a_group(folded: &str) -> bool {
    let words = words_outside_asides(folded);
    names_people(folded) && !words.is_empty() && words.iter().all(|w| KNOWN_WORDS.contains(&w.as_str()))
}

/// True when two phrases name the same people in other words: every word of each (outside
/// its asides) one the rules read, and the same rule, not everyone ("lãnh đạo các cơ quan, ban
/// ngành cấp huyện" and "trưởng, phó các cơ quan, ban, ngành, đoàn thể huyện (31 cơ quan)").
pub fn same_people(a: &str, b: &str) -> bool {
    let understood = |p: &str| {
        let words = words_outside_asides(&fold(p));
        !words.is_empty() && words.iter().all(|w| KNOWN_WORDS.contains(&w.as_str()))
    };
    understood(a) && understood(b) && rule_of(a) != GroupRule::Everyone && rule_of(a) == rule_of(b)
}

/// Điều kiện of a rule, its intersections flattened.
fn parts(rule: &GroupRule) -> Vec<&GroupRule> {
    match rule {
        GroupRule::AllOf { rules } => rules.iter().flat_map(parts).collect(),
        GroupRule::Everyone => Vec::new(),
        other => vec![other],
    }
}

/// Units `wide` lets in include every unit `narrow` does (each condition `wide` sets, `narrow`
/// sets the same or tighter).
fn unit_covers(wide: Option<&UnitFilter>, narrow: Option<&UnitFilter>) -> bool {
    let default = UnitFilter::default();
    let wide = wide.unwrap_or(&default);
    let narrow = narrow.unwrap_or(&default);
    fn within<T: PartialEq>(wide: &[T], narrow: &[T]) -> bool {
        wide.is_empty() || (!narrow.is_empty() && narrow.iter().all(|n| wide.contains(n)))
    }
    within(&wide.levels, &narrow.levels)
        && within(&wide.kinds, &narrow.kinds)
        && within(&wide.regions, &narrow.regions)
        && wide.exclude_kinds.iter().all(|k| narrow.exclude_kinds.contains(k))
        && (wide.name.is_none() || wide.name == narrow.name)
        && (wide.exclude_name.is_none() || wide.exclude_name == narrow.exclude_name)
        && (wide.within.is_none() || wide.within == narrow.within)
}

/// Everyone `narrow` holds meets condition `wide`.
fn implies(narrow: &GroupRule, wide: &GroupRule) -> bool {
    use GroupRule::{Category as Cat, Membership, Position, WorksIn};
    match (narrow, wide) {
        (
            Position { title: t_narrow, leadership: l_narrow, unit: u_narrow },
            Position { title: t_wide, leadership: l_wide, unit: u_wide },
        ) => {
            (t_wide.is_none() || t_wide == t_narrow)
                && (l_wide.is_none()
                    || l_wide == l_narrow
                    || (*l_wide == Some(Leadership::Deputy) && *l_narrow == Some(Leadership::Head)))
                && unit_covers(u_wide.as_ref(), u_narrow.as_ref())
        }
        (Position { unit: u_narrow, .. }, WorksIn { unit: u_wide }) => unit_covers(Some(u_wide), u_narrow.as_ref()),
        (WorksIn { unit: u_narrow }, WorksIn { unit: u_wide }) => unit_covers(Some(u_wide), Some(u_narrow)),
        (Cat { any_of: narrow }, Cat { any_of: wide }) => narrow.iter().all(|c| wide.contains(c)),
        (
            Membership { committee: c_narrow, level: l_narrow, term: t_narrow },
            Membership { committee: c_wide, level: l_wide, term: t_wide },
        ) => c_narrow == c_wide && (l_wide.is_none() || l_wide == l_narrow) && (t_wide.is_none() || t_wide == t_narrow),
        (a, b) => a == b,
    }
}

/// True when a clause's subject names no one outside the group its lead-in or heading names,
/// so the directive means that group: under "Các chức danh lãnh đạo, quản lý các cơ quan, ban
/// ngành cấp huyện (trừ …)", "100% Trưởng phó cơ quan, ban ngành có …" restates the heading (its
/// level and its exclusion included). A subject narrower than the heading ("cán bộ chủ chốt
/// cấp xã vùng núi" under "cán bộ, công chức cấp xã"), with its own exclusion, or with a word
/// the rules do not read ("người dân tộc Kinh") stands on its own.
pub fn restates(subject: &str, scope: &str) -> bool {
    let title_form = crate::text::fold_title(subject);
    let known = title_form
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| KNOWN_WORDS.contains(&w) || w.bytes().all(|b| b.is_ascii_digit()));
    let subject_rule = rule_of(subject);
    if !known || matches!(subject_rule, GroupRule::Minus { .. } | GroupRule::AnyOf { .. }) {
        return false;
    }
    // "Cán bộ lãnh đạo, quản lý và công chức cấp huyện" names two kinds of people: one of
    // them is narrower than the heading, whatever the rules say.
    // "cán bộ, công chức" (and ", viên chức") is one kind of people, written with a comma.
    let scope_folded = fold(scope)
        .replace("can bo, cong chuc", "can bo cong chuc")
        .replace("cong chuc, vien chuc", "cong chuc vien chuc");
    let outside = outside_asides(&list_items(&scope_folded).join(" "));
    let kinds = outside.split(", ").flat_map(|p| p.split(" va ")).filter(|p| names_people(p)).count();
    if kinds > 1 {
        return false;
    }
    let scope_rule = match rule_of(scope) {
        GroupRule::Minus { base, .. } => *base,
        other => other,
    };
    let scope_parts = parts(&scope_rule);
    parts(&subject_rule).iter().all(|wide| scope_parts.iter().any(|narrow| implies(narrow, wide)))
}

/// Where a plan names who a course is for ("… dành cho đối tượng: Là cán bộ, công chức …; viên
/// chức …. Số lượng …"): the byte range of that phrase in the folded paragraph, to its
/// sentence's end.
pub fn audience(folded: &str) -> Option<(usize, usize)> {
    let at = folded.find("doi tuong")? + "doi tuong".len();
    let rest = &folded[at..];
    let colon = rest.find(':').filter(|c| rest[..*c].trim().is_empty())?;
    let mut start = at + colon + 1;
    start += folded[start..].len() - folded[start..].trim_start().len();
    if folded[start..].starts_with("la ") {
        start += 3;
    }
    let end = folded[start..].find(". ").map_or(folded.len(), |e| start + e);
    let end = start + folded[start..end].trim_end_matches(['.', ' ']).len();
    (end > start && names_people(&folded[start..end])).then_some((start, end))
}

/// The name of the union of groups a list named ("60% A; 50% B; 35% C được đào tạo …; 100%
/// đạt …"): "Các nhóm trên", with the level they share ("(cấp tỉnh)").
pub fn union_name(members: &[String]) -> String {
    // "cán bộ chủ chốt cấp xã ở vùng đô thị, đồng bằng" and "cán bộ chủ chốt cấp xã vùng núi":
    // what they share names them all.
    if let Some(shared) = shared_lead(members) {
        return shared;
    }
    let levels: Vec<Option<GovLevel>> = members.iter().map(|m| level_of(&fold(m))).collect();
    let shared = levels.first().copied().flatten().filter(|l| levels.iter().all(|x| *x == Some(*l)));
    match shared {
        Some(GovLevel::Province) => "Các nhóm trên (cấp tỉnh)".to_string(),
        Some(GovLevel::District) => "Các nhóm trên (cấp huyện)".to_string(),
        Some(GovLevel::Commune) => "Các nhóm trên (cấp xã)".to_string(),
        _ => "Các nhóm trên".to_string(),
    }
}

/// The words every member starts with, when they name people ("Cán bộ chủ chốt cấp xã").
fn shared_lead(members: &[String]) -> Option<String> {
    let first: Vec<&str> = members.first()?.split_whitespace().collect();
    let mut len = first.len();
    for m in &members[1..] {
        let words: Vec<&str> = m.split_whitespace().collect();
        len = len.min(first.iter().zip(&words).take_while(|(a, b)| fold(a) == fold(b)).count());
    }
    let mut lead: Vec<&str> = first[..len].to_vec();
    while lead.last().is_some_and(|w| ["ở", "và", "các", "tại"].contains(&w.to_lowercase().as_str())) {
        lead.pop();
    }
    let phrase = lead.join(" ");
    let phrase = phrase.trim_end_matches([',', ';']);
    (lead.len() >= 2 && lead.len() < first.len() && names_people(&fold(phrase))).then(|| clean_name(phrase))
}

/// "Toàn tỉnh đào tạo 194 thạc sỹ": a figure of the whole province (district, city) counts
/// every cadre there.
pub fn whole_area(folded: &str) -> Option<String> {
    ["toan tinh", "toan huyen", "toan thanh pho", "toan thi xa", "ca tinh"].iter().find_map(|w| {
        folded.contains(w).then(|| {
            let area = match *w {
                "toan huyen" => "huyện",
                "toan thanh pho" => "thành phố",
                "toan thi xa" => "thị xã",
                _ => "tỉnh",
            };
            format!("Cán bộ, công chức, viên chức toàn {area}")
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_lead_words() {
        assert_eq!(clean_name("Đối với cán bộ, công chức cấp xã:"), "Cán bộ, công chức cấp xã");
        assert_eq!(
            clean_name("Các đồng chí Ủy viên Ban chấp hành Đảng bộ huyện:"),
            "Ủy viên Ban chấp hành Đảng bộ huyện"
        );
    }

    #[test]
    fn memberships_titles_levels_and_categories() {
        assert_eq!(
            rule_of("Ủy viên ban chấp hành đảng bộ tỉnh"),
            GroupRule::Membership {
                committee: Committee::ExecutiveCommittee,
                level: Some(GovLevel::Province),
                term: None
            }
        );
        let GroupRule::Position { title: Some(title), unit: Some(unit), .. } =
            rule_of("Chức danh Bí thư, Phó bí thư Huyện ủy, Chủ tịch HĐND, Chủ tịch UBND huyện")
        else {
            panic!("a list of titles is a position rule")
        };
        assert!(
            title.any_of.contains(&"Bí thư".to_string())
                && title.any_of.contains(&"Chủ tịch Ủy ban nhân dân".to_string())
        );
        let GroupRule::Position { title: Some(title), .. } =
            rule_of("Bí thư, Phó Bí thư Đảng ủy, Chủ tịch, Phó Chủ tịch Ủy ban nhân dân cấp xã")
        else {
            panic!("a list of titles is a position rule")
        };
        assert_eq!(
            title.any_of,
            ["Phó Bí thư", "Bí thư", "Phó Chủ tịch Ủy ban nhân dân", "Chủ tịch Ủy ban nhân dân"].map(String::from)
        );
        assert_eq!(unit.levels, [GovLevel::District]);
        // "chính trị - xã hội tỉnh" is at the province.
        assert_eq!(level_of(&fold("lãnh đạo các tổ chức chính trị - xã hội tỉnh")), Some(GovLevel::Province));
        assert_eq!(
            rule_of("cán bộ, công chức cấp xã"),
            GroupRule::AllOf {
                rules: vec![
                    GroupRule::WorksIn {
                        unit: UnitFilter { levels: vec![GovLevel::Commune], ..UnitFilter::default() }
                    },
                    GroupRule::Category { any_of: vec![Category::Cadre, Category::CivilServant] },
                ]
            }
        );
    }

    #[test]
    fn regions_ages_and_exclusions() {
        let GroupRule::Position { unit: Some(unit), leadership, .. } = rule_of("cán bộ chủ chốt cấp xã vùng núi")
        else {
            panic!("key cadres are a position rule")
        };
        assert_eq!((unit.regions, leadership), (vec![Region::Mountain], Some(Leadership::Head)));
        let GroupRule::AllOf { rules } = rule_of("lãnh đạo, quản lý dưới 45 tuổi") else {
            panic!("two conditions")
        };
        assert!(rules.contains(&GroupRule::AgeBelow { years: 45, reference_year: None }));
        let GroupRule::Minus { except, .. } =
            rule_of("Các chức danh lãnh đạo, quản lý các cơ quan, ban ngành cấp huyện (trừ những đồng chí là Ủy viên Ban chấp hành Huyện ủy khóa XXI)")
        else {
            panic!("an exclusion")
        };
        assert!(matches!(*except, GroupRule::Membership { committee: Committee::ExecutiveCommittee, .. }));
        assert!(matches!(rule_of("công chức cấp huyện không giữ chức vụ"), GroupRule::Minus { .. }));
        // "diện … quản lý": whom the committee manages, not its members.
        let GroupRule::AnyOf { rules } = rule_of("Cán bộ diện Ban Thường vụ Huyện ủy quản lý") else {
            panic!("a nomenclature is a union")
        };
        assert!(rules.contains(&GroupRule::Membership {
            committee: Committee::ExecutiveCommittee,
            level: Some(GovLevel::District),
            term: None
        }));
        assert!(!matches!(rule_of("Ủy viên Ban Thường vụ Huyện ủy"), GroupRule::AnyOf { .. }));
        let GroupRule::Minus { except, .. } = rule_of("cán bộ, công chức cấp xã người dân tộc thiểu số")
        else {
            panic!("minorities are everyone but the Kinh")
        };
        assert_eq!(*except, GroupRule::Ethnicity { any_of: vec!["Kinh".into()] });
        assert!(!matches!(
            rule_of("cán bộ, công chức cấp xã công tác ở vùng đồng bào dân tộc thiểu số"),
            GroupRule::Minus { .. }
        ));
        let GroupRule::AllOf { rules } = rule_of("Cán bộ nữ dưới 40 tuổi trong quy hoạch") else {
            panic!("three conditions")
        };
        assert!(rules.contains(&GroupRule::PlannedFor { title: None }));
        assert!(rules.contains(&GroupRule::Gender { gender: Gender::Female }));
    }

    #[test]
    fn a_subject_restates_the_heading_it_stands_under_only_when_it_adds_nobody() {
        let heading = "Các chức danh lãnh đạo, quản lý các sở, ban, ngành cấp tỉnh (trừ các đồng chí là Tỉnh ủy viên)";
        assert!(restates("Trưởng, phó các sở, ban, ngành", heading));
        // Narrower: a region, a key post, a word the rules cannot hold, its own exclusion.
        assert!(!restates("cán bộ chủ chốt cấp xã vùng núi", "cán bộ, công chức cấp xã"));
        assert!(!restates("cán bộ công chức người dân tộc Thái", "cán bộ, công chức cấp xã"));
        assert!(!restates("công chức các phòng (trừ nhân viên hợp đồng)", "công chức cấp huyện"));
        // A heading naming two kinds of people is wider than either.
        assert!(!restates("lãnh đạo các phòng, ban cấp huyện", "cán bộ lãnh đạo, quản lý và công chức cấp huyện"));
        // "cán bộ, công chức" is one kind of people; the heading's levels scope the subject.
        assert!(restates("cán bộ, công chức", "Đối với cán bộ, công chức cấp tỉnh, cấp huyện"));
        let GroupRule::AllOf { rules } = rule_of("cán bộ, công chức cấp tỉnh, cấp huyện") else {
            panic!("two conditions")
        };
        assert!(rules.contains(&GroupRule::WorksIn {
            unit: UnitFilter { levels: vec![GovLevel::Province, GovLevel::District], ..UnitFilter::default() }
        }));
    }

    #[test]
    fn a_list_of_groups_is_their_union_and_managed_by_is_not_managers() {
        let GroupRule::AnyOf { rules } =
            rule_of("trưởng, phó phòng cấp huyện dưới 45 tuổi; viên chức quản lý trường học")
        else {
            panic!("a list is a union")
        };
        assert_eq!(rules.len(), 2);
        assert!(
            matches!(&rules[0], GroupRule::AllOf { rules } if rules.contains(&GroupRule::AgeBelow { years: 45, reference_year: None }))
        );
        // "thuộc thành phố quản lý" says who manages them.
        assert_eq!(
            rule_of("công chức cấp huyện thuộc thành phố quản lý"),
            GroupRule::AllOf {
                rules: vec![
                    GroupRule::WorksIn {
                        unit: UnitFilter { levels: vec![GovLevel::District], ..UnitFilter::default() }
                    },
                    GroupRule::Category { any_of: vec![Category::CivilServant] },
                ]
            }
        );
        // "Trưởng, phó" is the deputies and above, not the heads alone.
        assert!(matches!(
            rule_of("Trưởng phó phòng, ban"),
            GroupRule::Position { leadership: Some(Leadership::Deputy), .. }
        ));
    }

    #[test]
    fn the_same_people_in_other_words() {
        assert!(same_people(
            "lãnh đạo các phòng, ban cấp huyện",
            "Chức danh trưởng, phó các phòng, ban, đoàn thể huyện (25 cơ quan, đơn vị)"
        ));
        // A word the rules do not read, or other people, is not the same.
        assert!(!same_people(
            "lãnh đạo các phòng, ban cấp huyện",
            "trưởng, phó các phòng, ban huyện là người địa phương"
        ));
        assert!(!same_people("lãnh đạo các phòng, ban cấp huyện", "lãnh đạo các phòng, ban cấp tỉnh"));
        assert!(!same_people(
            "lãnh đạo các phòng, ban cấp huyện (trừ các đồng chí là Huyện ủy viên)",
            "trưởng, phó các phòng, ban huyện"
        ));
        assert!(!same_people("cán bộ", "đồng chí"));
    }

    #[test]
    fn a_union_is_named_by_what_its_groups_share() {
        let members =
            ["cán bộ chủ chốt cấp xã ở vùng đô thị".to_string(), "cán bộ chủ chốt cấp xã vùng núi".to_string()];
        assert_eq!(union_name(&members), "Cán bộ chủ chốt cấp xã");
        let members = ["Ủy viên Ban chấp hành Đảng bộ tỉnh".to_string(), "Trưởng, phó phòng cấp tỉnh".to_string()];
        assert_eq!(union_name(&members), "Các nhóm trên (cấp tỉnh)");
        let members = ["Ủy viên Ban chấp hành Đảng bộ tỉnh".to_string(), "công chức cấp xã".to_string()];
        assert_eq!(union_name(&members), "Các nhóm trên");
    }

    #[test]
    fn a_plans_audience_and_a_whole_province() {
        let folded = fold("Bồi dưỡng kỹ năng lãnh đạo dành cho đối tượng: Là trưởng, phó phòng cấp huyện; viên chức quản lý trường học. Số lượng khoảng 80 đồng chí.");
        let (from, to) = audience(&folded).unwrap();
        assert_eq!(&folded[from..to], "truong, pho phong cap huyen; vien chuc quan ly truong hoc");
        assert_eq!(audience(&fold("Đối tượng tham gia: theo nhu cầu đăng ký.")), None);
        assert_eq!(
            whole_area(&fold("toàn huyện đào tạo 35 thạc sĩ")).as_deref(),
            Some("Cán bộ, công chức, viên chức toàn huyện")
        );
        assert_eq!(
            rule_of("Cán bộ, công chức, viên chức toàn huyện"),
            GroupRule::Category { any_of: vec![Category::Cadre, Category::CivilServant, Category::PublicEmployee] }
        );
    }
}
