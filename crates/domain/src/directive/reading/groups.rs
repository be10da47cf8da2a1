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

/// The group's name as the document writes it: without "Đối với", "Các đồng chí", "Chức
/// danh", final punctuation and a leading figure.
pub fn clean_name(phrase: &str) -> String {
    let mut name = phrase.trim().trim_end_matches([':', '.', ';', ',']).trim();
    loop {
        let folded = fold(name);
        let prefix = ["doi voi ", "cac dong chi ", "dong chi ", "cac chuc danh ", "chuc danh ", "phan dau ", "co "]
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
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).collect();
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

/// Titles a phrase lists ("Bí thư, Phó bí thư Huyện ủy, Chủ tịch HĐND, Chủ tịch UBND huyện").
fn titles(folded: &str) -> Vec<String> {
    let known = [
        "pho bi thu",
        "bi thu",
        "pho chu tich hoi dong nhan dan",
        "pho chu tich uy ban nhan dan",
        "chu tich hoi dong nhan dan",
        "chu tich uy ban nhan dan",
        "chu tich uy ban mat tran to quoc",
        "pho hieu truong",
        "hieu truong",
        "pho giam doc",
        "giam doc",
        "pho truong phong",
        "truong phong",
    ];
    let title_form = crate::text::fold_title(folded);
    let mut out: Vec<String> = Vec::new();
    let mut rest = title_form.clone();
    for t in known {
        if let Some(at) = rest.find(t) {
            rest.replace_range(at..at + t.len(), "");
            out.push(t.to_string());
        }
    }
    // "Phó Chủ tịch HĐND, UBND huyện": the second body shares the title.
    if title_form.contains("pho chu tich hoi dong nhan dan, uy ban nhan dan") {
        out.push("pho chu tich uy ban nhan dan".into());
    }
    out
}

fn conditions(folded: &str) -> GroupRule {
    let mut rules: Vec<GroupRule> = Vec::new();
    let level = level_of(folded);
    let title_form = crate::text::fold_title(folded);
    let titles = titles(folded);
    let mut unit = UnitFilter { levels: level.into_iter().collect(), ..UnitFilter::default() };
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
    if folded.contains("cap phong") || folded.contains("truong, pho phong") || folded.contains("truong phong") {
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
    let leadership = if folded.contains("chu chot") || folded.contains("cap truong") || folded.starts_with("truong ") {
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
            title.any_of.contains(&"bi thu".to_string())
                && title.any_of.contains(&"chu tich uy ban nhan dan".to_string())
        );
        assert_eq!(unit.levels, [GovLevel::District]);
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
    }
}
