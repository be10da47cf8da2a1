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
//! - **events** (số lớp, đoàn, hội thảo mỗi năm): classes held in the year counted (the reading
//!   year within the target's period, its last year after it) on serving lines whose event
//!   kind matches (a degree class also on a đào tạo line's classes).
//!
//! What-if (giả định): the same count if every enrollment now đề cử or đang học on a serving
//! line completed (for events: the classes planned, when more than those held).

use std::collections::HashMap;

use super::model::{CourseLine, EnrollmentStatus, TrainingKind};
use super::TrainingRecords;
use crate::directive::index::FxMap;
use crate::directive::score::{record_years, score_directive_full, RecordCount, RecordSource};
use crate::directive::{
    Bits, Combine, Date, Directive, DirectiveScore, EventKind, Measure, RosterIndex, Stage, Tally, Target,
};
use crate::text::fold;

#[derive(Debug, Clone, Copy)]
struct Fact {
    cadre: u32,
    status: EnrollmentStatus,
    /// Date the enrollment ended (or started, for open ones).
    date: Option<Date>,
    /// Date the cadre was sent (started); none while only nominated or when withdrawn before.
    sent: Option<Date>,
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
            let sent = match e.status {
                EnrollmentStatus::Nominated => None,
                EnrollmentStatus::Withdrawn => e.started_on,
                _ => e.started_on.or(e.nominated_on).or(lines[li].line.year.map(Date::end_of_year)),
            };
            lines[li].facts.push(Fact { cadre: ci, status: e.status, date, sent });
        }
        TrainingIndex { lines, n: roster.cadres.len() }
    }

    fn serving<'a>(&'a self, d: &'a Directive, t: &'a Target) -> impl Iterator<Item = &'a LineFacts<'r>> + 'a {
        let contents = contents(t);
        self.lines.iter().filter(move |l| linked(l, d, t) || contents.iter().any(|c| teaches(l, c)))
    }

    /// Persons of the lines `lines` who count (`done`) and who would if every open enrollment
    /// completed (`maybe`), by the target's stage.
    fn persons<'a>(
        &self,
        lines: impl Iterator<Item = &'a LineFacts<'r>>,
        counts: &dyn Fn(&Fact) -> bool,
    ) -> (Bits, Bits)
    where
        'r: 'a,
    {
        let mut done = Bits::empty(self.n);
        let mut maybe = Bits::empty(self.n);
        for l in lines {
            for f in &l.facts {
                if counts(f) {
                    done.set(f.cadre as usize);
                    maybe.set(f.cadre as usize);
                } else if f.status.is_open() {
                    maybe.set(f.cadre as usize);
                }
            }
        }
        (done, maybe)
    }
}

/// The contents a record-based target counts (folded): its training, then the further ones.
fn contents(t: &Target) -> Vec<String> {
    let training = match &t.measure {
        Measure::Trained { training, .. }
        | Measure::Completions { training, .. }
        | Measure::Events { training, .. } => training.as_str(),
        _ => "",
    };
    std::iter::once(training)
        .chain(t.counting.contents.iter().map(String::as_str))
        .map(fold)
        .filter(|c| !c.is_empty())
        .collect()
}

/// The line lists the target among those it serves (its plan carries out the directive).
fn linked(l: &LineFacts<'_>, d: &Directive, t: &Target) -> bool {
    l.directives.contains(&d.id) && l.line.targets.contains(&t.id)
}

/// The line teaches `content` (folded): its programme or one of its fields.
fn teaches(l: &LineFacts<'_>, content: &str) -> bool {
    l.programme == content || l.fields.iter().any(|f| f == content)
}

impl RecordSource for TrainingIndex<'_> {
    fn count(&self, d: &Directive, t: &Target, at: Date, group: Option<&Bits>) -> Option<RecordCount> {
        let (from, to) = record_years(d, t, at);
        let in_window = |x: Option<Date>| x.is_some_and(|x| x.year >= from && x.year <= to && x <= at);
        let mut any = false;
        match &t.measure {
            Measure::Events { event, .. } => {
                let (mut held, mut planned) = (0u32, 0u32);
                for l in self.serving(d, t).filter(|l| counts_as(l.line, *event)) {
                    any = true;
                    let h = l.line.classes_held.iter().filter(|c| in_window(Some(c.start))).count() as u32;
                    held += h;
                    let this_year = l.line.year.is_none_or(|y| y >= from && y <= to);
                    planned += if this_year { l.line.classes_planned.unwrap_or(0).max(h) } else { h };
                }
                any.then_some(RecordCount { count: held, if_all_complete: planned.max(held) })
            }
            Measure::Trained { .. } | Measure::Completions { .. } => {
                let sent = t.counting.stage == Stage::Sent && matches!(t.measure, Measure::Completions { .. });
                let counts = |f: &Fact| {
                    if sent {
                        in_window(f.sent)
                    } else {
                        f.status == EnrollmentStatus::Completed && in_window(f.date)
                    }
                };
                // No serving line: "chưa có dữ liệu".
                self.serving(d, t).next()?;
                // Lượt: every counted enrollment of a group member, not distinct persons.
                if t.counting.tally == Tally::PersonTimes && matches!(t.measure, Measure::Completions { .. }) {
                    let member = |f: &Fact| group.is_none_or(|g| g.get(f.cadre as usize));
                    let (mut times, mut open) = (0u32, 0u32);
                    for f in self.serving(d, t).flat_map(|l| &l.facts).filter(|f| member(f)) {
                        if counts(f) {
                            times += 1;
                        } else if f.status.is_open() {
                            open += 1;
                        }
                    }
                    return Some(RecordCount { count: times, if_all_complete: times + open });
                }
                let contents = contents(t);
                let (done, maybe) = if t.counting.combine == Combine::All && contents.len() > 1 {
                    // Đủ các nội dung: a person counts once trained in every one; a line the
                    // target lists by id but teaching none of them stands for the first.
                    let mut both: Option<(Bits, Bits)> = None;
                    for (i, content) in contents.iter().enumerate() {
                        let lines = self.lines.iter().filter(|l| {
                            teaches(l, content)
                                || (i == 0 && linked(l, d, t) && !contents.iter().any(|c| teaches(l, c)))
                        });
                        let (done, maybe) = self.persons(lines, &counts);
                        both = Some(match both {
                            None => (done, maybe),
                            Some((mut all_done, mut all_maybe)) => {
                                all_done.and_with(&done);
                                all_maybe.and_with(&maybe);
                                (all_done, all_maybe)
                            }
                        });
                    }
                    both.expect("several contents")
                } else {
                    self.persons(self.serving(d, t), &counts)
                };
                Some(match group {
                    Some(g) => RecordCount { count: g.count_and(&done), if_all_complete: g.count_and(&maybe) },
                    None => RecordCount { count: done.count(), if_all_complete: maybe.count() },
                })
            }
            _ => None,
        }
    }
}

/// A line's classes count for an events target of kind `event`: the same kind, or, for degree
/// classes (lớp đào tạo), a class on a đào tạo line (the plan's lines say "lớp" for both).
fn counts_as(line: &CourseLine, event: EventKind) -> bool {
    line.event == event
        || (event == EventKind::DegreeClass && line.event == EventKind::Class && line.kind == TrainingKind::Training)
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::directive::{AmountUnit, Status};
    use crate::fixtures::generate_roster;
    use crate::roster::Roster;

    fn at(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    /// A directive of `period` with one group (everyone) and `targets`.
    fn directive(period: (u16, u16), targets: serde_json::Value) -> Directive {
        let d = json!({
            "id": "d1", "kind": "ke_hoach", "number": "01/KH", "issuer": "UBND", "title": "Thử",
            "period": {"from": period.0, "to": period.1},
            "groups": [{"id": "g", "name": "Toàn bộ", "rule": {"rule": "everyone"}}],
            "sections": [{"id": "s1", "items": [{"id": "i1", "text": "", "targets": targets}]}]
        });
        Directive::from_json(&d.to_string()).unwrap_or_else(|e| panic!("{e:#?}"))
    }

    /// One plan carrying out d1, one line serving `target`, classes held on `held`, and the
    /// first cadres of `roster` completing on the dates of `completed`.
    fn records(roster: &Roster, target: &str, event: &str, held: &[Date], completed: &[Date]) -> TrainingRecords {
        let r = json!({
            "plans": [{"id": "p", "title": "Kế hoạch", "from_year": 2021, "to_year": 2025, "directive_ids": ["d1"]}],
            "lines": [{"id": "l", "plan_id": "p", "kind": "boi_duong", "programme": "Bồi dưỡng", "event": event,
                       "targets": [target],
                       "classes_held": held.iter().map(|d| json!({"start": d.to_string()})).collect::<Vec<_>>()}],
            "enrollments": completed.iter().enumerate().map(|(i, d)| json!({
                "id": format!("e{i}"), "cadre_id": roster.cadres[i].id, "line_id": "l", "status": "hoan_thanh",
                "started_on": d.to_string(), "ended_on": d.to_string()
            })).collect::<Vec<_>>()
        });
        serde_json::from_value(r).unwrap()
    }

    #[test]
    fn a_one_year_plan_read_in_january_shows_the_plan_year() {
        // "Trong năm 2021, tổ chức 12 lớp": all twelve held in 2021, read at the review meeting
        // of 15/01/2022 (it read "Quá hạn, 00" when the reading year was counted).
        let d = directive(
            (2021, 2021),
            json!([{"id": "lop", "sentence": "12 lớp", "measure": {"kind": "events", "event": "class"},
                    "milestones": [{"year": 2021, "value": 12}]}]),
        );
        let roster = generate_roster(1, 20, 2);
        let idx = RosterIndex::build(&roster);
        let held: Vec<Date> = (1..=12).map(|m| at(2021, m, 5)).collect();
        let recs = records(&roster, "lop", "class", &held, &[]);
        let s = score_directive_with_records(&d, &idx, at(2022, 1, 15), &recs);
        let t = s.target("lop").unwrap();
        assert_eq!(t.status, Status::Met);
        assert_eq!(t.counted_year, Some(2021));
        assert_eq!(t.value_text(), "12 lớp trong năm 2021");
        assert!(t.years.is_empty(), "one year: no per-year list");
        // Nothing held: overdue with the final figures, the gap said in classes.
        let none = records(&roster, "lop", "class", &[], &[]);
        let t = score_directive_with_records(&d, &idx, at(2022, 1, 15), &none).targets.remove(0);
        assert_eq!(t.status, Status::Overdue);
        assert_eq!(t.value_text(), "00 lớp trong năm 2021");
        assert_eq!(t.gap_text(), "còn thiếu 12 lớp");
        // The same at any later date: a pure function of date and data.
        let later = score_directive_with_records(&d, &idx, at(2024, 6, 1), &none).targets.remove(0);
        assert_eq!((later.status, later.gap_text()), (t.status, t.gap_text()));
        // Within the year the gap is that year's.
        let mid = score_directive_with_records(&d, &idx, at(2021, 6, 30), &none).targets.remove(0);
        assert_eq!(mid.gap_text(), "cần thêm 12 lớp trong năm 2021");
    }

    #[test]
    fn an_annual_share_of_several_years_counts_each_year_and_ends_with_the_last() {
        // "Hằng năm ít nhất 50% được bồi dưỡng" over 2021-2025, a group of 10.
        let d = directive(
            (2021, 2025),
            json!([{"id": "bd", "sentence": "hằng năm 50%", "group": "g",
                    "measure": {"kind": "trained", "training": "Bồi dưỡng", "window": {"every": "year"}},
                    "milestones": [{"year": 2025, "value": 50}]}]),
        );
        let roster = generate_roster(2, 10, 1);
        let idx = RosterIndex::build(&roster);
        // Completions: 6 in 2023, 5 in 2024, 4 in 2025 (the first cadres each time; one
        // enrollment per cadre and date).
        let mut dates = Vec::new();
        dates.extend([at(2023, 5, 1); 6]);
        let mut recs = records(&roster, "bd", "class", &[], &dates);
        let more = |recs: &mut TrainingRecords, year: u16, n: usize| {
            for i in 0..n {
                let mut e = recs.enrollments[0].clone();
                e.id = format!("e{year}-{i}");
                e.cadre_id = roster.cadres[i].id.clone();
                e.started_on = Some(at(year, 5, 1));
                e.ended_on = Some(at(year, 5, 1));
                recs.enrollments.push(e);
            }
        };
        more(&mut recs, 2024, 5);
        more(&mut recs, 2025, 4);
        // Read in 2023: counts 2023 (6 of 10), met; 2021 and 2022 listed with nothing.
        let t = score_directive_with_records(&d, &idx, at(2023, 9, 1), &recs).targets.remove(0);
        assert_eq!((t.counted_year, t.value_text().as_str(), t.status), (Some(2023), "6/10 = 60%", Status::Met));
        let years: Vec<(u16, u32, Option<bool>)> = t.years.iter().map(|y| (y.year, y.count, y.met)).collect();
        assert_eq!(years, [(2021, 0, Some(false)), (2022, 0, Some(false)), (2023, 6, Some(true))]);
        // Read in 2026 (after the period): the result of 2025, the last year: 4 of 10 < 50%.
        let t = score_directive_with_records(&d, &idx, at(2026, 1, 15), &recs).targets.remove(0);
        assert_eq!(t.counted_year, Some(2025));
        assert_eq!(t.value_text(), "4/10 = 40%");
        assert_eq!(t.status, Status::Overdue);
        assert_eq!(t.gap_text(), "còn thiếu 01 đồng chí");
        assert_eq!(
            t.years_text(),
            "Từng năm: 2021: 00 đồng chí, chưa đạt (cần 05); 2022: 00 đồng chí, chưa đạt (cần 05); 2023: 06 đồng chí, \
             đạt; 2024: 05 đồng chí, đạt; 2025: 04 đồng chí, chưa đạt (cần 05)"
        );
        let years: Vec<(u16, u32, Option<u32>)> = t.years.iter().map(|y| (y.year, y.count, y.required)).collect();
        assert_eq!(
            years,
            [(2021, 0, Some(5)), (2022, 0, Some(5)), (2023, 6, Some(5)), (2024, 5, Some(5)), (2025, 4, Some(5))]
        );
        // Read before the period ends but in 2024: 2024's five meet.
        let t = score_directive_with_records(&d, &idx, at(2024, 12, 31), &recs).targets.remove(0);
        assert_eq!((t.counted_year, t.status), (Some(2024), Status::Met));
    }

    #[test]
    fn completions_against_the_quota_as_written() {
        // "Khoảng 1.200" is met from 1.140 (95%) but 1.150 is 96% of 1.200, not "vượt"; "trên
        // 900" with exactly 900 is not met and says so.
        let roster = generate_roster(3, 1200, 10);
        let idx = RosterIndex::build(&roster);
        for (cmp, value, done, words, status) in [
            ("about", 1200, 1150, "1.150 đồng chí, đạt 96% so với mục tiêu", Status::Met),
            ("above", 900, 900, "900 đồng chí, chưa đạt mức trên 900", Status::Overdue),
            ("above", 900, 901, "901 đồng chí, vượt chỉ tiêu", Status::Met),
        ] {
            let d = directive(
                (2021, 2021),
                json!([{"id": "q", "sentence": "quota", "measure": {"kind": "completions", "training": "Bồi dưỡng"},
                        "milestones": [{"year": 2021, "comparator": cmp, "value": value}]}]),
            );
            let recs = records(&roster, "q", "class", &[], &vec![at(2021, 6, 1); done]);
            let t = score_directive_with_records(&d, &idx, at(2022, 1, 15), &recs).targets.remove(0);
            assert_eq!(t.value_text(), words, "{cmp} {value}");
            assert_eq!(t.status, status, "{cmp} {value}");
            assert_eq!(t.value.unwrap().denominator, value, "the quota as written");
        }
    }

    /// Records with one line per `(line id, programme)`, and enrollments `(cadre index, line id,
    /// status, started, ended)`.
    fn records_of(
        roster: &Roster,
        lines: &[(&str, &str)],
        enrollments: &[(usize, &str, &str, Date, Option<Date>)],
    ) -> TrainingRecords {
        let r = json!({
            "plans": [{"id": "p", "title": "Kế hoạch", "from_year": 2018, "to_year": 2030, "directive_ids": ["d1"]}],
            "lines": lines.iter().map(|(id, programme)| json!({"id": id, "plan_id": "p", "kind": "dao_tao", "programme": programme})).collect::<Vec<_>>(),
            "enrollments": enrollments.iter().enumerate().map(|(i, (c, l, status, start, end))| {
                let mut e = json!({"id": format!("e{i}"), "cadre_id": roster.cadres[*c].id, "line_id": l, "status": status,
                                   "started_on": start.to_string()});
                if let Some(end) = end { e["ended_on"] = json!(end.to_string()); }
                e
            }).collect::<Vec<_>>()
        });
        serde_json::from_value(r).unwrap()
    }

    #[test]
    fn person_times_count_every_completion_persons_count_once() {
        // "Bồi dưỡng 05 lượt": c0 twice, c1 once = 3 lượt, 2 persons.
        let roster = generate_roster(4, 10, 1);
        let idx = RosterIndex::build(&roster);
        let recs = records_of(
            &roster,
            &[("l", "Bồi dưỡng kỹ năng")],
            &[
                (0, "l", "hoan_thanh", at(2021, 3, 1), Some(at(2021, 3, 5))),
                (0, "l", "hoan_thanh", at(2021, 9, 1), Some(at(2021, 9, 5))),
                (1, "l", "hoan_thanh", at(2021, 4, 1), Some(at(2021, 4, 5))),
                (2, "l", "dang_hoc", at(2021, 11, 1), None),
            ],
        );
        let target = |tally: &str| {
            directive(
                (2021, 2021),
                json!([{"id": "q", "sentence": "05", "measure": {"kind": "completions", "training": "Bồi dưỡng kỹ năng"},
                        "counting": {"tally": tally}, "milestones": [{"year": 2021, "value": 5}]}]),
            )
        };
        let times = score_directive_with_records(&target("person_times"), &idx, at(2022, 1, 15), &recs);
        let t = &times.targets[0];
        assert_eq!((t.measured, t.what_if, t.unit), (Some(3.0), Some(4.0), AmountUnit::PersonTimes));
        assert_eq!(t.value_text(), "03 lượt, đạt 60% so với mục tiêu");
        assert_eq!(t.gap_text(), "còn thiếu 02 lượt");
        let persons = score_directive_with_records(&target("persons"), &idx, at(2022, 1, 15), &recs);
        assert_eq!(persons.targets[0].measured, Some(2.0));
        assert_eq!(persons.targets[0].value_text(), "02 đồng chí, đạt 40% so với mục tiêu");
    }

    #[test]
    fn persons_sent_each_year_count_at_the_start_of_study() {
        // "Mỗi năm cử 02 đồng chí đi đào tạo thạc sĩ", 2021-2025: two sent in 2022, one in 2023
        // (still studying: sent, not completed).
        let roster = generate_roster(5, 10, 1);
        let idx = RosterIndex::build(&roster);
        let recs = records_of(
            &roster,
            &[("l", "Đào tạo thạc sĩ")],
            &[
                (0, "l", "dang_hoc", at(2022, 9, 1), None),
                (1, "l", "hoan_thanh", at(2022, 9, 1), Some(at(2024, 6, 1))),
                (2, "l", "dang_hoc", at(2023, 9, 1), None),
            ],
        );
        let d = directive(
            (2021, 2025),
            json!([{"id": "cu", "sentence": "mỗi năm cử 02", "measure": {"kind": "completions", "training": "Đào tạo thạc sĩ"},
                    "counting": {"stage": "sent", "per_year": true}, "milestones": [{"year": 2025, "value": 2}]}]),
        );
        let t = score_directive_with_records(&d, &idx, at(2023, 12, 31), &recs).targets.remove(0);
        assert_eq!((t.counted_year, t.measured, t.status), (Some(2023), Some(1.0), Status::Behind));
        let years: Vec<(u16, u32)> = t.years.iter().map(|y| (y.year, y.count)).collect();
        assert_eq!(years, [(2021, 0), (2022, 2), (2023, 1)]);
        assert_eq!(t.gap_text(), "cần thêm 01 đồng chí trong năm 2023");
        // Counted at completion instead, 2023 has none.
        let mut done = d.clone();
        let mut json: serde_json::Value = serde_json::from_str(&done.to_json()).unwrap();
        json["sections"][0]["items"][0]["targets"][0]["counting"] = json!({"per_year": true});
        done = Directive::from_json(&json.to_string()).unwrap();
        let t = score_directive_with_records(&done, &idx, at(2023, 12, 31), &recs).targets.remove(0);
        assert_eq!(t.measured, Some(0.0));
    }

    #[test]
    fn own_start_year_continuing_and_several_contents() {
        let roster = generate_roster(6, 10, 1);
        let idx = RosterIndex::build(&roster);
        let recs = records_of(
            &roster,
            &[("a", "Quốc phòng - an ninh"), ("b", "Tin học")],
            &[
                (0, "a", "hoan_thanh", at(2019, 3, 1), Some(at(2019, 3, 5))),
                (0, "b", "hoan_thanh", at(2021, 3, 1), Some(at(2021, 3, 5))),
                (1, "a", "hoan_thanh", at(2021, 4, 1), Some(at(2021, 4, 5))),
            ],
        );
        let score = |target: serde_json::Value| {
            let d = directive((2021, 2025), json!([target]));
            score_directive_with_records(&d, &idx, at(2024, 1, 10), &recs).targets.remove(0)
        };
        // A programme begun in 2019, before the 2021 document: the 2019 completion counts.
        let base = json!({"id": "q", "sentence": "03", "measure": {"kind": "completions", "training": "Quốc phòng - an ninh"},
                          "milestones": [{"year": 2023, "value": 3}]});
        assert_eq!(score(base.clone()).measured, Some(1.0));
        let mut own = base.clone();
        own["start_year"] = json!(2019);
        let t = score(own.clone());
        assert_eq!((t.measured, t.status), (Some(2.0), Status::Overdue));
        // Continuing (no deadline): monitored, never overdue.
        own["continuing"] = json!(true);
        let t = score(own);
        assert_eq!((t.measured, t.status), (Some(2.0), Status::Behind));
        // Trained in all of A and B: only c0; in any: c0 and c1.
        let mut all = base.clone();
        all["start_year"] = json!(2019);
        all["counting"] = json!({"contents": ["Tin học"], "combine": "all"});
        assert_eq!(score(all.clone()).measured, Some(1.0));
        all["counting"]["combine"] = json!("any");
        assert_eq!(score(all).measured, Some(2.0));
    }

    #[test]
    fn maintain_what_was_reached() {
        let roster = generate_roster(7, 10, 1);
        let idx = RosterIndex::build(&roster);
        let recs = records_of(
            &roster,
            &[("a", "Đào tạo thạc sĩ")],
            &[(0, "a", "hoan_thanh", at(2021, 3, 1), Some(at(2021, 3, 5)))],
        );
        // 2025: 03; 2030: duy trì (the 2025 amount).
        let d = directive(
            (2021, 2030),
            json!([{"id": "q", "sentence": "duy trì", "measure": {"kind": "completions", "training": "Đào tạo thạc sĩ"},
                    "milestones": [{"year": 2025, "value": 3}, {"year": 2030, "comparator": "maintain"}]}]),
        );
        let t = score_directive_with_records(&d, &idx, at(2027, 1, 1), &recs).targets.remove(0);
        assert_eq!((t.target, t.deadline, t.required), (Some(3.0), Some(2030), Some(3)));
        // From another directive's target, by its số ký hiệu: resolved only when it is given.
        let earlier = directive(
            (2016, 2020),
            json!([{"id": "t_ths", "sentence": "04 thạc sĩ", "measure": {"kind": "completions", "training": "Đào tạo thạc sĩ"},
                    "milestones": [{"year": 2020, "value": 4}]}]),
        );
        let mut earlier = earlier;
        earlier.id = "d0".into();
        earlier.number = "05-NQ/TU".into();
        let d = directive(
            (2021, 2025),
            json!([{"id": "q", "sentence": "duy trì", "measure": {"kind": "completions", "training": "Đào tạo thạc sĩ"},
                    "milestones": [{"year": 2025, "comparator": "maintain", "reached": {"directive": "05-nq/tu", "target": "t_ths"}}]}]),
        );
        let ti = TrainingIndex::build(&idx, &recs);
        let among = |others: &[Directive]| {
            crate::directive::score_directive_among(&d, others, &idx, at(2023, 1, 1), &HashMap::new(), Some(&ti))
                .targets
                .remove(0)
        };
        assert_eq!(among(std::slice::from_ref(&earlier)).target, Some(4.0));
        let alone = among(&[]);
        assert_eq!(alone.status, Status::NotScored);
        assert!(alone.reason.unwrap().contains("Duy trì mức đã đạt"));
    }
}
