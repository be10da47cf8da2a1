//! The group form of the directive editor (biểu mẫu nhóm đối tượng): who the rule being typed
//! takes, live ("Khớp 1.073 người", then the first names with their unit on request), counted
//! by the domain's evaluator as the directive will count the group once saved; and the nhãn
//! the roster carries, for the form to offer.

use std::collections::BTreeMap;

use dtbd_domain::directive::{format_thousands, Bits, Directive, GroupDraft, RosterIndex};
use dtbd_domain::roster::Roster;
use dtbd_domain::text::fold_title;

use crate::directive::and_others;

/// How many people "Xem danh sách" lists before "và N người khác".
pub const LISTED: usize = 50;

/// Most values of one nhãn the form suggests.
pub const VALUES_OFFERED: usize = 100;

/// One person the rule takes: name and unit, as the list shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchedPerson {
    /// Họ và tên.
    pub name: String,
    /// Đơn vị công tác.
    pub unit: String,
}

/// Who the rule takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupMatches {
    /// How many.
    pub count: usize,
    /// "Khớp 1.073 người" (counts grouped with dots), or "Chưa khớp người nào".
    pub headline: String,
    /// The first [`LISTED`], in roster order.
    pub people: Vec<MatchedPerson>,
    /// "và 23 người khác" when more than [`LISTED`].
    pub more: Option<String>,
}

fn matches_of(bits: &Bits, roster: &Roster) -> GroupMatches {
    let count = bits.count() as usize;
    let people = bits
        .iter()
        .take(LISTED)
        .filter_map(|i| roster.cadres.get(i))
        .map(|c| MatchedPerson {
            name: c.full_name.clone(),
            unit: roster.unit(&c.unit_id).map(|u| u.name.clone()).unwrap_or_default(),
        })
        .collect();
    GroupMatches {
        count,
        headline: if count == 0 {
            "Chưa khớp người nào".into()
        } else {
            format!("Khớp {} người", format_thousands(count as u64))
        },
        people,
        more: (count > LISTED).then(|| and_others(count - LISTED)),
    }
}

/// Who the form's rule takes in `year`; `None` while a field does not parse (the form then
/// shows its errors, not a count).
pub fn draft_matches(draft: &GroupDraft, directive: &Directive, roster: &Roster, year: u16) -> Option<GroupMatches> {
    let idx = RosterIndex::build(roster);
    draft.members(directive, &idx, year).map(|bits| matches_of(&bits, roster))
}

/// The nhãn the roster carries: each name (first spelling met; names equal as titles are one)
/// with its distinct values, both in folded order, at most [`VALUES_OFFERED`] values each.
pub fn label_choices(roster: &Roster) -> Vec<(String, Vec<String>)> {
    let mut by_name: BTreeMap<String, (String, BTreeMap<String, String>)> = BTreeMap::new();
    for c in &roster.cadres {
        for (name, value) in &c.labels {
            let entry = by_name.entry(fold_title(name)).or_insert_with(|| (name.trim().to_string(), BTreeMap::new()));
            if entry.1.len() < VALUES_OFFERED && !value.trim().is_empty() {
                entry.1.entry(fold_title(value)).or_insert_with(|| value.trim().to_string());
            }
        }
    }
    by_name.into_values().map(|(name, values)| (name, values.into_values().collect())).collect()
}

/// The values offered for the nhãn named `name` (empty when the roster has none).
pub fn label_values(choices: &[(String, Vec<String>)], name: &str) -> Vec<String> {
    let wanted = fold_title(name);
    choices.iter().find(|(n, _)| fold_title(n) == wanted).map(|(_, v)| v.clone()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{hoang_su_phi_roster, scheme_02};
    use dtbd_domain::demo::HOANG_SU_PHI_YEAR;
    use dtbd_domain::directive::{ConditionDraft, ConditionKind};
    use dtbd_domain::model::GovLevel;

    #[test]
    fn the_count_follows_the_rule_as_typed() {
        let directive = scheme_02();
        let roster = hoang_su_phi_roster(7);
        let g13 = GroupDraft::from_group(directive.group("g13").unwrap());
        let m = draft_matches(&g13, &directive, &roster, HOANG_SU_PHI_YEAR).unwrap();
        assert_eq!((m.count, m.headline.as_str()), (73, "Khớp 73 người"));
        assert_eq!(m.people.len(), LISTED);
        assert_eq!(m.more.as_deref(), Some("và 23 người khác"));
        assert!(m.people.iter().all(|p| !p.name.is_empty() && !p.unit.is_empty()));

        let mut title = ConditionDraft::new(ConditionKind::Position);
        title.text.words = "Chủ tịch Hội ND; Chủ tịch Hội Nông dân".into();
        title.unit.levels = vec![GovLevel::Commune];
        let mut typed = GroupDraft::all_of("Chủ tịch Hội Nông dân xã", vec![title]);
        let m = draft_matches(&typed, &directive, &roster, HOANG_SU_PHI_YEAR).unwrap();
        assert_eq!(m.count, 24);
        assert!(m.people.iter().all(|p| p.unit.starts_with("Hội Nông dân")), "{:?}", m.people);
        assert_eq!(m.more, None);

        let mut age = ConditionDraft::new(ConditionKind::AgeBelow);
        age.years = "ba mươi".into();
        typed.rule.conditions.push(age);
        assert_eq!(draft_matches(&typed, &directive, &roster, HOANG_SU_PHI_YEAR), None);
        typed.rule.conditions[1].years = "20".into();
        let none = draft_matches(&typed, &directive, &roster, HOANG_SU_PHI_YEAR).unwrap();
        assert_eq!((none.count, none.headline.as_str()), (0, "Chưa khớp người nào"));

        // A template group the old form could not show is counted from the form too.
        let g14 = GroupDraft::from_group(directive.group("g14").unwrap());
        assert_eq!(draft_matches(&g14, &directive, &roster, HOANG_SU_PHI_YEAR).unwrap().count, 147);
    }

    #[test]
    fn the_count_is_grouped_with_dots() {
        let directive = scheme_02();
        let mut roster = hoang_su_phi_roster(7);
        let twins: Vec<_> = roster
            .cadres
            .iter()
            .map(|c| dtbd_domain::model::Cadre { id: format!("{}-2", c.id), ..c.clone() })
            .collect();
        roster.cadres.extend(twins);
        let everyone = draft_matches(&GroupDraft::blank(), &directive, &roster, HOANG_SU_PHI_YEAR).unwrap();
        assert!(everyone.count > 999, "{}", everyone.count);
        let (thousands, rest) = (everyone.count / 1000, everyone.count % 1000);
        assert_eq!(everyone.headline, format!("Khớp {thousands}.{rest:03} người"));
        assert_eq!(
            everyone.more,
            Some(format!("và {} người khác", format_thousands((everyone.count - LISTED) as u64)))
        );
    }

    #[test]
    fn labels_are_offered_once_each_with_their_values() {
        let mut roster = hoang_su_phi_roster(1);
        for (n, (name, value)) in [("Nhóm", "1.3"), ("nhóm ", "1.4"), ("Nhóm", "1.3 "), ("Khối", "Đảng"), ("Khối", "")]
            .into_iter()
            .enumerate()
        {
            roster.cadres[n].labels.insert(name.into(), value.into());
        }
        let choices = label_choices(&roster);
        assert_eq!(
            choices,
            vec![
                ("Khối".to_string(), vec!["Đảng".to_string()]),
                ("Nhóm".to_string(), vec!["1.3".into(), "1.4".into()])
            ]
        );
        assert_eq!(label_values(&choices, "NHÓM"), ["1.3", "1.4"]);
        assert!(label_values(&choices, "Tổ").is_empty());
        assert!(label_choices(&hoang_su_phi_roster(1)).is_empty());
    }
}
