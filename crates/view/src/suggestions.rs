//! Đề xuất cử đi học: the rows of the printable list of who to send, year by year, for one
//! directive (the order and the batches are the domain's `suggest`).

use dtbd_domain::directive::{score_directive, suggest, Date, Directive, RosterIndex};
use dtbd_domain::number::grouped;
use dtbd_domain::roster::Roster;

/// One person in a year's batch, as the table prints them.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionRow {
    /// TT, from 1 within the batch.
    pub number: usize,
    /// Whom the row is about (two people may share a name and a unit).
    pub cadre_id: String,
    pub full_name: String,
    /// Đơn vị (empty when the cadre is no longer on the roster).
    pub unit: String,
    /// Cần đào tạo, bồi dưỡng: what the person lacks, joined with "; ".
    pub needs: String,
    /// Already studying towards one of them: the table adds " (đang học)".
    pub studying: bool,
    /// Để đạt chỉ tiêu: the sentence of every target the person helps close.
    pub targets: Vec<String>,
}

/// One year's batch.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionBatch {
    /// "Năm 2024: 12 người".
    pub title: String,
    pub rows: Vec<SuggestionRow>,
}

/// The list for `directive` over `roster` at `today`: empty when no target with a gap can be
/// closed from the roster.
pub fn suggestion_batches(directive: &Directive, roster: &Roster, today: Date) -> Vec<SuggestionBatch> {
    let index = RosterIndex::build(roster);
    let score = score_directive(directive, &index, today);
    let sentence_of = |target_id: &str| directive.target(target_id).map(|t| t.sentence.clone()).unwrap_or_default();
    suggest(directive, &index, today, &score.targets)
        .into_iter()
        .map(|batch| SuggestionBatch {
            title: format!("Năm {}: {} người", batch.year, grouped(batch.people.len())),
            rows: batch
                .people
                .iter()
                .enumerate()
                .map(|(position, person)| {
                    let mut needs: Vec<String> = person.reasons.iter().flat_map(|r| r.needs.iter().cloned()).collect();
                    needs.dedup();
                    SuggestionRow {
                        number: position + 1,
                        cadre_id: person.cadre_id.clone(),
                        full_name: person.full_name.clone(),
                        unit: roster
                            .cadre(&person.cadre_id)
                            .map(|c| roster.unit_name(&c.unit_id).to_string())
                            .unwrap_or_default(),
                        needs: needs.join("; "),
                        studying: person.reasons.iter().any(|r| r.studying),
                        targets: person.reasons.iter().map(|r| sentence_of(&r.target_id)).collect(),
                    }
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{hoang_su_phi_roster, scheme_02};

    #[test]
    fn every_person_is_listed_once_with_unit_needs_and_the_targets_they_close() {
        let roster = hoang_su_phi_roster(7);
        let directive = scheme_02();
        let batches = suggestion_batches(&directive, &roster, Date::new(2022, 6, 1).unwrap());
        assert!(!batches.is_empty(), "the 2021-2025 scheme has gaps in 2022");
        let mut names = std::collections::HashSet::new();
        for batch in &batches {
            assert!(batch.title.starts_with("Năm 20"), "{}", batch.title);
            assert!(batch.title.ends_with(&format!(": {} người", batch.rows.len())), "{}", batch.title);
            for (position, row) in batch.rows.iter().enumerate() {
                assert_eq!(row.number, position + 1);
                assert!(names.insert(row.cadre_id.clone()), "{} twice", row.full_name);
                assert!(!row.unit.is_empty(), "{}", row.full_name);
                assert!(!row.needs.is_empty() && !row.targets.is_empty(), "{row:?}");
                for sentence in &row.targets {
                    assert!(directive.targets().iter().any(|t| &t.sentence == sentence), "{sentence}");
                }
            }
        }
    }

    #[test]
    fn a_met_roster_needs_nobody() {
        let directive = scheme_02();
        let batches = suggestion_batches(&directive, &Roster::default(), Date::new(2022, 6, 1).unwrap());
        assert!(batches.is_empty(), "{batches:?}");
    }
}
