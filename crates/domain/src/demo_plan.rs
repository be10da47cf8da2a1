//! Dữ liệu mẫu: the demo dataset a presenter loads with one tap (into a database of its own,
//! never the user's). The roster is [`demo_roster`]: the Hoàng Su Phì district of seed 002
//! and the Quảng Nam leaders of seed 004 side by side (`domain::demo`); this module adds the
//! directives and **a 2021 plan in progress** (kế hoạch năm 2021 đang thực hiện: the seed 003
//! plan with cadres nominated, studying and finished on its course lines), all deterministic:
//! the same inputs give the same records, ids and dates.
//!
//! The training operations are the app's own (`training::nominate`, `start`, `complete`),
//! so the demo's enrollments, history and raised levels are exactly what an officer would
//! have produced by hand.

use std::collections::HashSet;

use super::demo::{hoang_su_phi, quang_nam_leaders};
use super::directive::group::Evaluator;
use super::directive::{Date, Directive, RosterIndex};
use super::model::{GovLevel, Id, Millis, RecordMeta, Region, Unit, UnitKind};
use super::roster::Roster;
use super::snapshot::Dataset;
use super::training::ops::ranks_on;
use super::training::{self, PlanFile, TrainingRecords};
use crate::fixtures::XorShift;

/// The time every demo record is saved at (1 March 2021, 08:00 UTC+7): fixed so the
/// dataset is the same on every device and every reset.
pub const DEMO_NOW: Millis = 1_614_560_400_000;

/// At most this many cadres are sent on one course line (a demo stays readable).
pub const MAX_PER_LINE: usize = 12;

/// Nominated on, started on, finished on (the plan's year).
fn dates(year: u16) -> (Date, Date, Date) {
    let d = |m, day| Date::new(year, m, day).expect("valid date");
    (d(1, 15), d(3, 1), d(7, 15))
}

/// Where a line stands in the demo: by its place in the plan, a third finished (half of its
/// students completed), a third studying, a third only nominated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Đã có người hoàn thành.
    Finishing,
    /// Đang học.
    Studying,
    /// Mới đề cử.
    Nominated,
}

/// The stage of the `k`-th line of the plan.
pub fn stage_of(k: usize) -> Stage {
    match k % 3 {
        0 => Stage::Finishing,
        1 => Stage::Studying,
        _ => Stage::Nominated,
    }
}

/// Sends cadres on the plan's course lines: for each line, up to [`MAX_PER_LINE`] cadres of
/// its audience (the line's rule over the plan's directives' groups) who do not yet hold the
/// level it grants and are not already sent elsewhere, picked by a seeded shuffle; then
/// nhập học and hoàn thành by [`stage_of`]. Changes `roster` (đang học, levels raised) as the
/// operations do, and returns the training records (the plan, its lines, enrollments,
/// history).
pub fn plan_in_progress(
    roster: &mut Roster,
    directives: &[Directive],
    plan: &PlanFile,
    now: Millis,
) -> TrainingRecords {
    let mut recs = TrainingRecords::default();
    recs.add_plan_file(plan);
    let groups: Vec<_> = directives
        .iter()
        .filter(|d| plan.plan.directive_ids.contains(&d.id))
        .flat_map(|d| d.groups.iter().cloned())
        .collect();
    let year = plan.plan.from_year;
    let (nominated_on, started_on, ended_on) = dates(year);
    let mut counter = 0u32;
    let mut new_id = move || -> Id {
        counter += 1;
        format!("demo-{counter:05}")
    };
    let mut rng = XorShift::new(0x2021_0003);
    let mut sent: HashSet<Id> = HashSet::new();
    let lines: Vec<_> = plan.lines.iter().filter(|l| !l.removed).cloned().collect();
    for (k, line) in lines.iter().enumerate() {
        let picked: Vec<Id> = {
            let idx = RosterIndex::build(roster);
            let audience = line.audience.as_ref().map(|r| Evaluator::new(&idx, &groups, None, year).rule(r));
            let rank = line.grants.as_ref().and_then(|g| g.rank().map(|r| (g.scale, r)));
            let mut candidates: Vec<usize> = (0..roster.cadres.len())
                .filter(|&i| audience.as_ref().is_none_or(|b| b.get(i)))
                .filter(|&i| rank.is_none_or(|(s, r)| ranks_on(&roster.cadres[i], s).0 < r))
                .filter(|&i| !sent.contains(&roster.cadres[i].id))
                .collect();
            // Fisher-Yates with the seeded generator.
            for i in (1..candidates.len()).rev() {
                let j = rng.below(i as u64 + 1) as usize;
                candidates.swap(i, j);
            }
            let want = line.quota.persons.map_or(MAX_PER_LINE, |q| (q as usize).min(MAX_PER_LINE));
            candidates.into_iter().take(want).map(|i| roster.cadres[i].id.clone()).collect()
        };
        if picked.is_empty() {
            continue;
        }
        sent.extend(picked.iter().cloned());
        let applied = {
            let idx = RosterIndex::build(roster);
            training::nominate(&idx, &groups, &recs, &line.id, &picked, nominated_on, now, &mut new_id)
                .expect("the line exists and the cadres too")
        };
        training::apply(&applied.change, roster, &mut recs);
        let enrolled: Vec<Id> = applied.change.enrollments.iter().map(|e| e.id.clone()).collect();
        let stage = stage_of(k);
        if stage == Stage::Nominated {
            continue;
        }
        let applied =
            training::start(roster, &recs, &enrolled, started_on, now, &mut new_id).expect("nominees can start");
        training::apply(&applied.change, roster, &mut recs);
        if stage == Stage::Finishing {
            let done = &enrolled[..enrolled.len().div_ceil(2)];
            let applied = training::complete(roster, &recs, done, ended_on, "Đạt", now, &mut new_id)
                .expect("students can finish");
            training::apply(&applied.change, roster, &mut recs);
        }
    }
    recs
}

/// The seed every demo uses: the same demo on every device and after every reset.
pub const DEMO_SEED: u64 = 2021;

/// The unit above every Hoàng Su Phì unit in the demo (the directive 02-ĐA/HU's phạm vi).
pub const HOANG_SU_PHI_ROOT: &str = "demo-hsp";
/// The unit above every Quảng Nam unit in the demo (the directive 7328/ĐA-UBND's phạm vi).
pub const QUANG_NAM_ROOT: &str = "demo-qn";

/// Puts every top-level unit of `units` under a new unit `root`.
fn under(root: &str, name: &str, level: GovLevel, mut units: Vec<Unit>) -> Vec<Unit> {
    for u in units.iter_mut().filter(|u| u.parent_id.is_none()) {
        u.parent_id = Some(root.to_string());
    }
    let top = Unit {
        id: root.to_string(),
        name: name.to_string(),
        level,
        kind: UnitKind::Government,
        region: Region::Mountain,
        parent_id: None,
        meta: RecordMeta::at(1, 0),
    };
    std::iter::once(top).chain(units).collect()
}

/// The demo's roster: Hoàng Su Phì (seed 002 section I) and the Quảng Nam leaders (seed 004
/// Table 3) side by side, each under a unit of its own, so that each directive, scoped to its
/// province by [`scope_directives`], counts exactly its own people (tested below).
pub fn demo_roster() -> Roster {
    let (u, mut cadres) = hoang_su_phi(DEMO_SEED);
    let mut units = under(HOANG_SU_PHI_ROOT, "Huyện Hoàng Su Phì (dữ liệu mẫu)", GovLevel::District, u);
    let (u, c) = quang_nam_leaders(DEMO_SEED);
    units.extend(under(QUANG_NAM_ROOT, "Tỉnh Quảng Nam (dữ liệu mẫu)", GovLevel::Province, u));
    cadres.extend(c);
    Roster { units, cadres }
}

/// Limits each demo directive to its own province (đơn vị phạm vi), as an officer keeping
/// both would: 02-ĐA/HU to Hoàng Su Phì, 7328/ĐA-UBND to Quảng Nam.
pub fn scope_directives(directives: &mut [Directive]) {
    for d in directives {
        match d.id.as_str() {
            "tpl-002" => d.scope_unit_id = Some(HOANG_SU_PHI_ROOT.into()),
            "tpl-004" => d.scope_unit_id = Some(QUANG_NAM_ROOT.into()),
            _ => {}
        }
    }
}

/// The built-in templates the demo keeps (files under `public/templates/`), each under its own
/// id: 02-ĐA/HU, the Quảng Ngãi 2021 plan, 7328/ĐA-UBND.
pub const DEMO_TEMPLATES: [&str; 3] =
    ["002-hoang-su-phi-02-da-hu.json", "003-quang-ngai-ke-hoach-2021.json", "004-quang-nam-7328-da-ubnd.json"];

/// The plan the demo puts in progress (a file under `public/plans/`).
pub const DEMO_PLAN: &str = "003-quang-ngai-ke-hoach-2021.json";

/// The directive the demo opens on and walks through: 02-ĐA/HU (Hoàng Su Phì).
pub const DEMO_DIRECTIVE: &str = "tpl-002";

/// The id of [`DEMO_PLAN`]'s plan, the one the demo script shows in progress.
pub const DEMO_PLAN_ID: &str = "plan-003";

/// Tính đến ngày: the date the demo reads `d` at, the day it was issued (else 1 January of its
/// first year), kept inside its period. `None` for a document with neither date nor period.
///
/// *Why that day:* the demo's roster is the state each document describes when it is issued
/// (seed 002 section I for 02-ĐA/HU of 03/02/2021, seed 004's tables of 01/2024 for
/// 7328/ĐA-UBND of 27/09/2024) and does not move afterwards. On that day a target the roster
/// already meets is đạt, one standing at its baseline is đúng tiến độ and one below the
/// document's own baseline is chậm, side by side; read later, each unmet target falls behind
/// its path and, past the deadline, shows quá hạn, a failure the data never recorded.
pub fn reading_date(d: &Directive) -> Option<Date> {
    let start = d.start_date()?;
    Some(match d.period {
        Some(p) => start.clamp(Date::start_of_year(p.from), Date::end_of_year(p.to.max(p.from))),
        None => start,
    })
}

/// The whole demo dataset: `roster`, the `directives` (templates kept under their own ids, so
/// the plan's links to "tpl-003" hold), and the plan in progress over them.
pub fn demo_dataset(mut roster: Roster, mut directives: Vec<Directive>, plan: &PlanFile) -> Dataset {
    scope_directives(&mut directives);
    let training = plan_in_progress(&mut roster, &directives, plan, DEMO_NOW);
    Dataset { roster, directives, tombstones: Vec::new(), training, receipts: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directive::Status;
    use crate::fixtures::generate_roster;
    use crate::training::{load_plan_file, score_directive_with_records, EnrollmentStatus};

    fn read(p: &str) -> String {
        std::fs::read_to_string(format!("{}/../../{p}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    fn template(file: &str) -> Directive {
        Directive::from_json(&read(&format!("public/templates/{file}"))).unwrap()
    }

    fn sources() -> (Roster, Vec<Directive>, PlanFile) {
        let d003 = template("003-quang-ngai-ke-hoach-2021.json");
        let plan = load_plan_file(&read("public/plans/003-quang-ngai-ke-hoach-2021.json")).unwrap();
        (generate_roster(7, 3000, 60), vec![d003], plan)
    }

    /// Side by side in one roster, each province's directive still counts its own people:
    /// every group of 02-ĐA/HU as over Hoàng Su Phì alone (seed 002 section I), and seed 004
    /// Table 3 as over the Quảng Nam leaders alone.
    #[test]
    fn the_combined_roster_keeps_both_documents_figures() {
        use crate::demo::{HOANG_SU_PHI_YEAR, QUANG_NAM_GROUPS, QUANG_NAM_YEAR};
        use crate::report::{cross_tab, status_report, Bands};
        let both = demo_roster();
        let (u, c) = hoang_su_phi(DEMO_SEED);
        let hsp = Roster { units: u, cadres: c };
        let (u, c) = quang_nam_leaders(DEMO_SEED);
        let qn = Roster { units: u, cadres: c };
        assert_eq!(both.cadres.len(), hsp.cadres.len() + qn.cadres.len());
        let ids: HashSet<&str> =
            both.units.iter().map(|u| u.id.as_str()).chain(both.cadres.iter().map(|c| c.id.as_str())).collect();
        assert_eq!(ids.len(), both.units.len() + both.cadres.len(), "ids are unique across the two");

        let mut d002 = template("002-hoang-su-phi-02-da-hu.json");
        let mut d004 = template("004-quang-nam-7328-da-ubnd.json");
        let alone = (d002.clone(), d004.clone());
        scope_directives(std::slice::from_mut(&mut d002));
        scope_directives(std::slice::from_mut(&mut d004));
        assert!(d002.scope_unit_id.is_some() && d004.scope_unit_id.is_some());
        let (ib, ih) = (RosterIndex::build(&both), RosterIndex::build(&hsp));
        let mut compared = 0;
        for g in &d002.groups {
            let a = status_report(&d002, &ib, &g.id, HOANG_SU_PHI_YEAR, true);
            let b = status_report(&alone.0, &ih, &g.id, HOANG_SU_PHI_YEAR, true);
            assert_eq!(a, b, "group {}", g.id);
            compared += 1;
        }
        assert!(compared > 5);

        let groups: Vec<String> = QUANG_NAM_GROUPS.iter().map(|g| g.to_string()).collect();
        let (ib, iq) = (RosterIndex::build(&both), RosterIndex::build(&qn));
        let a = cross_tab(&d004, &ib, &groups, Bands::Professional, QUANG_NAM_YEAR);
        let b = cross_tab(&alone.1, &iq, &groups, Bands::Professional, QUANG_NAM_YEAR);
        assert_eq!(a, b);
        assert_eq!(a.total.total, 2262);
    }

    #[test]
    fn the_demo_dataset_plans_over_the_demo_roster() {
        let (_, directives, plan) = sources();
        let ds = demo_dataset(demo_roster(), directives, &plan);
        assert!(ds.training.enrollments.len() >= 10);
        assert!(ds.training.enrollments.iter().all(|e| ds.roster.cadre(&e.cadre_id).is_some()));
    }

    #[test]
    fn the_plan_is_in_progress_with_every_stage() {
        let (roster, directives, plan) = sources();
        let ds = demo_dataset(roster, directives, &plan);
        let t = &ds.training;
        assert_eq!(t.plans.len(), 1);
        assert_eq!(t.lines.len(), plan.lines.len());
        let count = |s: EnrollmentStatus| t.enrollments.iter().filter(|e| e.status == s).count();
        assert!(count(EnrollmentStatus::Nominated) > 0, "some only nominated");
        assert!(count(EnrollmentStatus::Studying) > 0, "some studying");
        assert!(count(EnrollmentStatus::Completed) > 0, "some completed");
        // No cadre is sent on two lines, and no line beyond its cap or quota.
        let cadres: HashSet<&str> = t.enrollments.iter().map(|e| e.cadre_id.as_str()).collect();
        assert_eq!(cadres.len(), t.enrollments.len());
        for l in &t.lines {
            let n = t.enrollments_of(&l.id).count();
            assert!(n <= MAX_PER_LINE && l.quota.persons.is_none_or(|q| n <= q as usize), "{}: {n}", l.id);
        }
        // Every enrollment's cadre exists; completions raised the level and wrote history.
        for e in &t.enrollments {
            assert!(ds.roster.cadre(&e.cadre_id).is_some());
        }
        assert!(!t.history.is_empty());
        assert!(t.validate().is_empty(), "{:?}", t.validate());
    }

    #[test]
    fn completed_cadres_hold_the_granted_level() {
        let (roster, directives, plan) = sources();
        let ds = demo_dataset(roster, directives, &plan);
        let t = &ds.training;
        let mut checked = 0;
        for e in t.enrollments.iter().filter(|e| e.status == EnrollmentStatus::Completed) {
            let line = t.line(&e.line_id).unwrap();
            if let Some((scale, rank)) = line.grants.as_ref().and_then(|g| g.rank().map(|r| (g.scale, r))) {
                assert!(ranks_on(ds.roster.cadre(&e.cadre_id).unwrap(), scale).0 >= rank);
                checked += 1;
            }
        }
        assert!(checked > 0);
    }

    #[test]
    fn same_inputs_same_dataset() {
        let (r1, d1, p1) = sources();
        let (r2, d2, p2) = sources();
        assert_eq!(demo_dataset(r1, d1, &p1), demo_dataset(r2, d2, &p2));
    }

    /// The dataset du-lieu-mau.html builds: the demo roster, [`DEMO_TEMPLATES`], [`DEMO_PLAN`].
    fn the_demo() -> Dataset {
        let directives = DEMO_TEMPLATES.iter().map(|f| template(f)).collect();
        let plan = load_plan_file(&read(&format!("public/plans/{DEMO_PLAN}"))).unwrap();
        demo_dataset(demo_roster(), directives, &plan)
    }

    /// How many targets of `d` have each status at `at`, over the demo's roster and records.
    fn statuses(data: &Dataset, d: &Directive, at: Date) -> std::collections::HashMap<Status, usize> {
        let idx = RosterIndex::build(&data.roster);
        score_directive_with_records(d, &idx, at, &data.training).counts()
    }

    /// At its reading date each demo document is inside its period and shows no target quá
    /// hạn; the one the demo opens on shows đạt, đúng tiến độ and chậm side by side, and its
    /// indicators without a figure are "chỉ theo dõi", not "không chấm được". Read at the
    /// officer's today (after every period), the same data shows targets overdue.
    #[test]
    fn each_document_is_read_inside_its_period_with_progress_side_by_side() {
        let data = the_demo();
        assert_eq!(data.directives.len(), DEMO_TEMPLATES.len());
        assert!(data.directives.iter().any(|d| d.id == DEMO_DIRECTIVE));
        assert_eq!(data.training.plans.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), [DEMO_PLAN_ID]);
        for d in &data.directives {
            let at = reading_date(d).unwrap_or_else(|| panic!("{}: no reading date", d.id));
            let p = d.period.expect("every demo document has a period");
            assert!((p.from..=p.to).contains(&at.year), "{}: {at} outside {}-{}", d.id, p.from, p.to);
            let counts = statuses(&data, d, at);
            assert_eq!(counts.get(&Status::Overdue), None, "{} at {at}: {counts:?}", d.id);
            let later = statuses(&data, d, Date::new(2026, 12, 1).unwrap());
            if d.id == DEMO_DIRECTIVE {
                for s in [Status::Met, Status::OnTrack, Status::Behind] {
                    assert!(counts.get(&s).copied().unwrap_or(0) > 0, "{} at {at}: no {s:?} in {counts:?}", d.id);
                }
                assert!(later.get(&Status::Overdue).copied().unwrap_or(0) > 40, "{later:?}");
            }
        }
        let plan = data.directives.iter().find(|d| d.id == "tpl-003").unwrap();
        let counts = statuses(&data, plan, reading_date(plan).unwrap());
        assert_eq!(counts.get(&Status::Tracked), Some(&4), "its four 'theo nhu cầu đăng ký' lines: {counts:?}");
        assert_eq!(counts.get(&Status::NotScored), None, "{counts:?}");
    }

    #[test]
    fn the_reading_date_is_the_issue_date_kept_inside_the_period() {
        let mut d = template("002-hoang-su-phi-02-da-hu.json");
        assert_eq!(reading_date(&d), Date::new(2021, 2, 3), "issued 03/02/2021");
        d.date = Date::new(2020, 12, 20);
        assert_eq!(reading_date(&d), Date::new(2021, 1, 1), "issued before its period: its first day");
        d.date = None;
        assert_eq!(reading_date(&d), Date::new(2021, 1, 1));
        d.period = None;
        assert_eq!(reading_date(&d), None, "neither date nor period: the officer's today");
        d.date = Date::new(2019, 5, 6);
        assert_eq!(reading_date(&d), Date::new(2019, 5, 6));
    }

    #[test]
    fn stages_cycle() {
        assert_eq!([0, 1, 2, 3].map(stage_of), [Stage::Finishing, Stage::Studying, Stage::Nominated, Stage::Finishing]);
    }
}
