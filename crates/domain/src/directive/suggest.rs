//! Danh sách đề xuất cử đi học: for each target with a gap, the group members who do not
//! count yet, ordered so the gap closes soonest, cut into yearly batches to the deadline.
//!
//! Order: already studying towards the level first (they will count when they finish), then
//! the fewest steps below the level (one level below first), then those in a quy hoạch
//! (planned for a position), then the younger, then roster order. A person chosen for several
//! targets appears once, in the earliest year, with every target they help.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::group::{scale_index, Evaluator};
use super::index::RosterIndex;
use super::score::{Status, TargetScore};
use super::target::{Criterion, Measure};
use super::{Date, Directive};

/// One reason a person is suggested: the target and what to study.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestReason {
    /// Target id.
    pub target_id: String,
    /// Year of the batch this target puts the person in.
    pub year: u16,
    /// What the person lacks, in Vietnamese ("Trình độ chuyên môn: Thạc sĩ trở lên").
    pub needs: Vec<String>,
    /// Already studying towards it.
    pub studying: bool,
}

/// Một người được đề xuất.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// Cadre id.
    pub cadre_id: String,
    /// Họ và tên.
    pub full_name: String,
    /// Năm đề xuất cử đi (the earliest among the reasons).
    pub year: u16,
    /// Every target the person helps close.
    pub reasons: Vec<SuggestReason>,
}

/// Đợt: the people to send in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch {
    /// Năm.
    pub year: u16,
    /// Người được đề xuất.
    pub people: Vec<Suggestion>,
}

/// Candidates' order key: (not studying, steps below, not planned, -birth year, position).
type Key = (bool, u32, bool, i32, usize);

/// Builds the yearly batches for every roster-measured target of `d` that has a gap in
/// `scores` (from [`super::score_directive`] at the same date).
pub fn suggest(d: &Directive, idx: &RosterIndex, at: Date, scores: &[TargetScore]) -> Vec<Batch> {
    let mut ev = Evaluator::for_directive(idx, d, at.year);
    let by_id: HashMap<&str, &TargetScore> = scores.iter().map(|s| (s.target_id.as_str(), s)).collect();
    let mut picked: HashMap<usize, (Vec<SuggestReason>, Key)> = HashMap::new();
    for t in d.targets() {
        let Some(s) = by_id.get(t.id.as_str()) else { continue };
        if s.gap_persons == 0 || s.status == Status::Met || !s.status.is_judged() {
            continue;
        }
        let criteria = match &t.measure {
            Measure::Share { criteria } | Measure::Count { criteria } => criteria,
            _ => continue,
        };
        let Some(gid) = t.group.as_deref() else { continue };
        let Some(deadline) = s.deadline else { continue };
        let mut cand = ev.group(gid);
        let meets = ev.all_criteria(criteria);
        cand.minus_with(&meets);
        // Per criterion: bits of who meets it, to say what each person lacks.
        let per: Vec<_> = criteria.iter().map(|c| ev.criterion(c)).collect();
        let levels: Vec<Option<(usize, u8)>> =
            criteria.iter().map(|c| c.level_rank().map(|(sc, r)| (scale_index(sc), r))).collect();
        let mut keyed: Vec<(Key, usize)> = cand
            .iter()
            .map(|i| {
                let mut steps = 0u32;
                let mut all_studying = true;
                for (ci, lv) in levels.iter().enumerate() {
                    if per[ci].get(i) {
                        continue;
                    }
                    match lv {
                        Some((s, r)) => {
                            steps += u32::from(r.saturating_sub(idx.held[*s][i]));
                            if idx.studying[*s][i] < *r {
                                all_studying = false;
                            }
                        }
                        None => {
                            steps += 1;
                            all_studying = false;
                        }
                    }
                }
                let planned = idx.planned_any[i];
                ((!all_studying, steps, !planned, -i32::from(idx.birth[i]), i), i)
            })
            .collect();
        keyed.sort_unstable_by_key(|(k, _)| *k);
        let take = (s.gap_persons as usize).min(keyed.len());
        let years = u32::from(deadline.saturating_sub(at.year)) + 1;
        let per_year = (take as u32).div_ceil(years.max(1)).max(1);
        for (rank, (k, i)) in keyed.into_iter().take(take).enumerate() {
            let year = at.year.max(at.year + (rank as u32 / per_year) as u16).min(deadline.max(at.year));
            let needs = criteria
                .iter()
                .enumerate()
                .filter(|(ci, _)| !per[*ci].get(i))
                .map(|(_, c)| match c {
                    Criterion::Level { .. } => c.label(),
                    other => other.label(),
                })
                .collect();
            let e = picked.entry(i).or_insert_with(|| (Vec::new(), k));
            e.0.push(SuggestReason { target_id: t.id.clone(), year, needs, studying: !k.0 });
            e.1 = e.1.min(k);
        }
    }
    let mut people: Vec<(Suggestion, Key)> = picked
        .into_iter()
        .map(|(i, (reasons, key))| {
            let c = &idx.roster.cadres[i];
            let year = reasons.iter().map(|r| r.year).min().unwrap_or(at.year);
            (Suggestion { cadre_id: c.id.clone(), full_name: c.full_name.clone(), year, reasons }, key)
        })
        .collect();
    people.sort_by_key(|(s, k)| (s.year, *k, usize::MAX - s.reasons.len()));
    let mut batches: Vec<Batch> = Vec::new();
    for (s, _) in people {
        match batches.last_mut() {
            Some(b) if b.year == s.year => b.people.push(s),
            _ => batches.push(Batch { year: s.year, people: vec![s] }),
        }
    }
    batches
}
