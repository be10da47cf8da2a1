//! One directive scored for a page: from the roster alone, or with the training records when
//! the page has loaded them (the record-based targets then have figures). Every page that
//! shows scores (the directive, its progress report, its baselines) calls this.

use std::collections::HashMap;

use dtbd_domain::directive::{score_directive, score_directive_among, Date, Directive, DirectiveScore, RosterIndex};
use dtbd_domain::roster::Roster;
use dtbd_domain::training::{score_directive_with_records, TrainingIndex, TrainingRecords};

pub fn directive_score(
    directive: &Directive,
    roster: &Roster,
    records: Option<&TrainingRecords>,
    at: Date,
) -> DirectiveScore {
    let index = RosterIndex::build(roster);
    match records {
        Some(records) => score_directive_with_records(directive, &index, at, records),
        None => score_directive(directive, &index, at),
    }
}

/// As [`directive_score`], with the other directives a "duy trì mức đã đạt" milestone may name
/// (its amount is then the named target's; see `directive::score::resolve_maintained`).
pub fn directive_score_among(
    directive: &Directive,
    others: &[Directive],
    roster: &Roster,
    records: Option<&TrainingRecords>,
    at: Date,
) -> DirectiveScore {
    let index = RosterIndex::build(roster);
    match records {
        Some(records) => {
            let training = TrainingIndex::build(&index, records);
            score_directive_among(directive, others, &index, at, &HashMap::new(), Some(&training))
        }
        None => score_directive_among(directive, others, &index, at, &HashMap::new(), None),
    }
}

/// The "Tính đến ngày" to remember for a directive once the officer chose `at`: none when it
/// is `today`, so the page then follows the calendar from one day to the next.
pub fn as_of_kept(at: Date, today: Date) -> Option<Date> {
    (at != today).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_date_is_remembered_unless_it_is_today() {
        let today = Date::new(2026, 12, 1).unwrap();
        let issued = Date::new(2021, 2, 3).unwrap();
        assert_eq!(as_of_kept(issued, today), Some(issued));
        assert_eq!(as_of_kept(today, today), None, "today: follow the calendar");
    }

    #[test]
    fn a_maintained_amount_comes_from_the_named_directive() {
        let doc = |id: &str, number: &str, targets: &str| {
            Directive::from_json(&format!(
                r#"{{"id":"{id}","kind":"ke_hoach","number":"{number}","issuer":"UBND","title":"Thử","period":{{"from":2021,"to":2025}},
                "groups":[{{"id":"g","name":"Toàn bộ","rule":{{"rule":"everyone"}}}}],
                "sections":[{{"id":"s1","items":[{{"id":"i1","text":"","targets":[{targets}]}}]}}]}}"#
            ))
            .unwrap_or_else(|e| panic!("{e:#?}"))
        };
        let earlier = doc(
            "d0",
            "05-NQ/TU",
            r#"{"id":"t","sentence":"40%","group":"g","measure":{"kind":"share","criteria":[{"criterion":"level","scale":"professional","level":"dai_hoc"}]},"milestones":[{"year":2021,"value":40}]}"#,
        );
        let later = doc(
            "d1",
            "01/KH",
            r#"{"id":"k","sentence":"duy trì","group":"g","measure":{"kind":"share","criteria":[{"criterion":"level","scale":"professional","level":"dai_hoc"}]},"milestones":[{"year":2025,"comparator":"maintain","reached":{"directive":"05-NQ/TU","target":"t"}}]}"#,
        );
        let roster = dtbd_domain::fixtures::generate_roster(1, 50, 3);
        let at = Date::new(2023, 1, 1).unwrap();
        let among = directive_score_among(&later, std::slice::from_ref(&earlier), &roster, None, at);
        assert_eq!(among.targets[0].target, Some(40.0));
        assert_eq!(directive_score(&later, &roster, None, at).targets[0].target, None, "not given: not resolved");
    }
}
