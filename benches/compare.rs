//! So sánh đơn vị over a province of 10 districts × 20 communes and 30.000 cadres: every
//! roster-measured target (share, count, per unit) of the built-in templates compared over
//! the 200 communes of one parent, and over the 10 districts; a thực trạng group over the 200.
//! Goal (issue 16): one target over 200 units ≤ 50 ms in the browser, so a few ms natively.
//! For scale, the same 200 rows had each commune's directive been rescored
//! (`score_directive_in_unit` per unit), which the comparison avoids.
//!
//! `cargo bench --bench compare`

use std::time::Duration;

use dtbd::domain::compare::{compare_group, compare_target};
use dtbd::domain::directive::{score_directive_in_unit, Date, Directive, RosterIndex};
use dtbd::domain::fixtures::generate_roster;
use dtbd::domain::model::{GovLevel, RecordMeta, Region, Unit, UnitKind};
use dtbd::domain::roster::Roster;

mod common;
use common::{median, ms, time};

/// The generated roster's communes (UBND xã) regrouped as a province of 10 districts × 20
/// communes under a unit of their own, the remaining units left where they are; with
/// `flat`, the 200 communes sit directly under that unit instead (one parent, 200 children).
fn province(flat: bool) -> (Roster, String) {
    let mut roster = generate_roster(2024, 30_000, 1_200);
    let province = "tinh-so-sanh".to_string();
    roster.units.push(unit(&province, "Tỉnh (so sánh)", GovLevel::Province, None));
    let communes: Vec<usize> = (0..roster.units.len())
        .filter(|&i| roster.units[i].level == GovLevel::Commune && roster.units[i].name.starts_with("UBND xã"))
        .take(200)
        .collect();
    assert_eq!(communes.len(), 200, "the generated roster has 200 communes");
    for k in (0..10).filter(|_| !flat) {
        roster.units.push(unit(
            &format!("huyen-{k}"),
            &format!("Huyện {}", k + 1),
            GovLevel::District,
            Some(&province),
        ));
    }
    for (n, &i) in communes.iter().enumerate() {
        let parent = if flat { province.clone() } else { format!("huyen-{}", n / 20) };
        roster.units[i].parent_id = Some(parent);
    }
    (roster, province)
}

fn unit(id: &str, name: &str, level: GovLevel, parent: Option<&str>) -> Unit {
    Unit {
        id: id.into(),
        name: name.into(),
        level,
        kind: UnitKind::Government,
        region: Region::Lowland,
        parent_id: parent.map(Into::into),
        meta: RecordMeta::default(),
    }
}

fn main() {
    let directives: Vec<Directive> = common::templates();
    let at = Date::new(2025, 6, 30).unwrap();
    let runs = 21;

    for flat in [true, false] {
        let (roster, parent) = province(flat);
        let idx = RosterIndex::build(&roster);
        let mut per_target: Vec<(Duration, String, usize)> = Vec::new();
        for d in &directives {
            for t in d.targets().into_iter().filter(|t| t.measure.from_roster()) {
                let (took, c) =
                    time(runs, || compare_target(d, &[], &idx, at, None, &t.id, &parent).expect("compared"));
                per_target.push((took, format!("{} {}", d.number, t.id), c.rows.len()));
            }
        }
        per_target.sort_by_key(|x| x.0);
        let rows = per_target.first().map_or(0, |x| x.2);
        let slowest = per_target.last().expect("roster targets");
        let shape = if flat { "200 communes under one parent" } else { "10 districts × 20 communes" };
        println!("{shape}: {} cadres, {} units, {rows} rows per target", roster.cadres.len(), roster.units.len());
        println!("  compare one target (median of {runs} runs, {} targets):", per_target.len());
        println!("    median target   {}", ms(median(per_target.iter().map(|x| x.0).collect())));
        println!("    slowest target  {} ({})", ms(slowest.0), slowest.1);

        let d = &directives[2];
        let group = &d.groups[0].id;
        let (took, c) = time(runs, || compare_group(d, &idx, 2025, true, group, &parent).expect("group"));
        println!("  thực trạng of group {group} of {} per unit ({} rows)  {}", d.number, c.rows.len(), ms(took));

        if flat {
            // What the rows would cost had each unit's directive been scored whole.
            let children: Vec<&Unit> =
                roster.units.iter().filter(|u| u.parent_id.as_deref() == Some(parent.as_str())).collect();
            let (took, _) = time(3, || {
                children.iter().map(|u| score_directive_in_unit(d, &[], &idx, at, None, &u.id)).collect::<Vec<_>>()
            });
            println!("  for scale: {} scored whole per unit ({} units)  {}", d.number, children.len(), ms(took));
        }
    }
}
