//! One directive scored for a page: from the roster alone, or with the training records when
//! the page has loaded them (the record-based targets then have figures). Every page that
//! shows scores (the directive, its progress report, its baselines) calls this.

use dtbd_domain::directive::{score_directive, Date, Directive, DirectiveScore, RosterIndex};
use dtbd_domain::roster::Roster;
use dtbd_domain::training::{score_directive_with_records, TrainingRecords};

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
