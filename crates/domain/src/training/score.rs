//! Chấm chỉ tiêu từ hồ sơ đào tạo: the [`RecordSource`] behind the directive engine's
//! record-based targets, built once per scoring pass over the roster index.
//!
//! A course line serves a target of directive `d` when its plan carries out `d` and lists the
//! target's id, or when the target's "training" text equals (folded) the line's programme or
//! one of its fields. A target no live line serves stays "chưa có dữ liệu".
//!
//! - **trained** (tỷ lệ được bồi dưỡng): group members with a completed enrollment on a
//!   serving line ending within [`record_years`] (and not after the scoring date), over the
//!   group. Worked example: a group of 10, 6 completed in the year → 6/10 = 60%.
//! - **completions** (hoàn thành so với chỉ tiêu): distinct persons (of the target's group,
//!   when it has one) who completed on serving lines within the period: 194 of 200 = 97%.
//! - **events** (số lớp, đoàn, hội thảo mỗi năm): classes held in the scoring year on serving
//!   lines whose event kind matches.
//!
//! What-if (giả định): the same count if every enrollment now đề cử or đang học on a serving
//! line completed (for events: the classes planned, when more than those held).

use std::collections::HashMap;

use super::model::{CourseLine, EnrollmentStatus};
use super::TrainingRecords;
use crate::directive::index::FxMap;
use crate::directive::score::{record_years, score_directive_full, RecordCount, RecordSource};
use crate::directive::{Bits, Date, Directive, DirectiveScore, Measure, RosterIndex, Target};
use crate::text::fold;

#[derive(Debug, Clone, Copy)]
struct Fact {
    cadre: u32,
    status: EnrollmentStatus,
    /// Date the enrollment ended (or started, for open ones).
    date: Option<Date>,
}

struct LineFacts<'r> {
    line: &'r CourseLine,
    directives: &'r [String],
    programme: String,
    fields: Vec<String>,
    facts: Vec<Fact>,
}

/// Enrollments indexed per course line, cadres by position in the roster index.
pub struct TrainingIndex<'r> {
    lines: Vec<LineFacts<'r>>,
    n: usize,
}

impl<'r> TrainingIndex<'r> {
    /// Indexes `recs` against the roster `idx` was built from. Enrollments of cadres not on the
    /// roster, of unknown or removed lines, are left out.
    pub fn build(idx: &RosterIndex, recs: &'r TrainingRecords) -> Self {
        let plans: HashMap<&str, &'r [String]> =
            recs.plans.iter().filter(|p| !p.removed).map(|p| (p.id.as_str(), p.directive_ids.as_slice())).collect();
        let mut line_pos: FxMap<&str, usize> = FxMap::with_capacity_and_hasher(recs.lines.len(), Default::default());
        let mut lines = Vec::with_capacity(recs.lines.len());
        for l in recs.lines.iter().filter(|l| !l.removed) {
            let Some(dirs) = plans.get(l.plan_id.as_str()) else { continue };
            line_pos.insert(l.id.as_str(), lines.len());
            lines.push(LineFacts {
                line: l,
                directives: dirs,
                programme: fold(&l.programme),
                fields: l.fields.iter().map(|f| fold(f)).collect(),
                facts: Vec::new(),
            });
        }
        let roster = idx.roster;
        let mut cadre_pos: FxMap<&str, u32> = FxMap::with_capacity_and_hasher(roster.cadres.len(), Default::default());
        for (i, c) in roster.cadres.iter().enumerate() {
            cadre_pos.entry(c.id.as_str()).or_insert(i as u32);
        }
        for e in &recs.enrollments {
            let (Some(&li), Some(&ci)) = (line_pos.get(e.line_id.as_str()), cadre_pos.get(e.cadre_id.as_str())) else {
                continue;
            };
            let date = match e.status {
                EnrollmentStatus::Completed | EnrollmentStatus::Failed | EnrollmentStatus::Withdrawn => {
                    e.ended_on.or(e.started_on)
                }
                _ => e.started_on.or(e.nominated_on),
            }
            .or(lines[li].line.year.map(Date::end_of_year));
            lines[li].facts.push(Fact { cadre: ci, status: e.status, date });
        }
        TrainingIndex { lines, n: roster.cadres.len() }
    }

    fn serving<'a>(&'a self, d: &'a Directive, t: &'a Target) -> impl Iterator<Item = &'a LineFacts<'r>> + 'a {
        let training = match &t.measure {
            Measure::Trained { training, .. }
            | Measure::Completions { training, .. }
            | Measure::Events { training, .. } => fold(training),
            _ => String::new(),
        };
        self.lines.iter().filter(move |l| {
            (l.directives.contains(&d.id) && l.line.targets.contains(&t.id))
                || (!training.is_empty() && (l.programme == training || l.fields.contains(&training)))
        })
    }
}

impl RecordSource for TrainingIndex<'_> {
    fn count(&self, d: &Directive, t: &Target, at: Date, group: Option<&Bits>) -> Option<RecordCount> {
        let (from, to) = record_years(d, t, at);
        let in_window = |x: Option<Date>| x.is_some_and(|x| x.year >= from && x.year <= to && x <= at);
        let mut any = false;
        match &t.measure {
            Measure::Events { event, .. } => {
                let (mut held, mut planned) = (0u32, 0u32);
                for l in self.serving(d, t).filter(|l| l.line.event == *event) {
                    any = true;
                    let h = l.line.classes_held.iter().filter(|c| in_window(Some(c.start))).count() as u32;
                    held += h;
                    let this_year = l.line.year.is_none_or(|y| y >= from && y <= to);
                    planned += if this_year { l.line.classes_planned.unwrap_or(0).max(h) } else { h };
                }
                any.then_some(RecordCount { count: held, if_all_complete: planned.max(held) })
            }
            Measure::Trained { .. } | Measure::Completions { .. } => {
                let mut done = Bits::empty(self.n);
                let mut maybe = Bits::empty(self.n);
                for l in self.serving(d, t) {
                    any = true;
                    for f in &l.facts {
                        match f.status {
                            EnrollmentStatus::Completed if in_window(f.date) => {
                                done.set(f.cadre as usize);
                                maybe.set(f.cadre as usize);
                            }
                            EnrollmentStatus::Nominated | EnrollmentStatus::Studying => maybe.set(f.cadre as usize),
                            _ => {}
                        }
                    }
                }
                if !any {
                    return None;
                }
                Some(match group {
                    Some(g) => RecordCount { count: g.count_and(&done), if_all_complete: g.count_and(&maybe) },
                    None => RecordCount { count: done.count(), if_all_complete: maybe.count() },
                })
            }
            _ => None,
        }
    }
}

/// Scores every target of `d` at `at`, record-based ones from `recs` (see the module docs).
/// Targets no course line serves stay "chưa có dữ liệu".
pub fn score_directive_with_records(
    d: &Directive,
    idx: &RosterIndex,
    at: Date,
    recs: &TrainingRecords,
) -> DirectiveScore {
    let ti = TrainingIndex::build(idx, recs);
    score_directive_indexed(d, idx, at, &ti)
}

/// As [`score_directive_with_records`] with the records indexed once for several directives.
pub fn score_directive_indexed(d: &Directive, idx: &RosterIndex, at: Date, ti: &TrainingIndex<'_>) -> DirectiveScore {
    score_directive_full(d, idx, at, &HashMap::new(), Some(ti))
}
