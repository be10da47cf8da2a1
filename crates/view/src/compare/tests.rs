use super::*;
use dtbd_domain::demo_plan::{demo_roster, scope_directives, HOANG_SU_PHI_ROOT};
use dtbd_domain::fixtures::unit;
use dtbd_domain::levels::{Professional, Qualification};
use dtbd_domain::model::Cadre;

use crate::testing::scheme_02;

/// A district with two communes: xã Một has 2 people (1 đại học), xã Hai 1 (đại học); a
/// hamlet under xã Một has nobody.
fn small() -> (Roster, Directive) {
    let units = vec![
        unit("h", "UBND huyện Một", None),
        unit("x1", "UBND xã Một", Some("h")),
        unit("x2", "UBND xã Hai", Some("h")),
        unit("t", "Thôn Một", Some("x1")),
    ];
    let cadres = [("x1", Professional::Bachelor), ("x1", Professional::College), ("x2", Professional::Bachelor)]
        .iter()
        .enumerate()
        .map(|(n, (u, level))| {
            let mut c = Cadre::blank(format!("c{n}"), (*u).into());
            c.full_name = format!("Cán bộ {n}");
            c.professional = Qualification::at(*level);
            c
        })
        .collect();
    let d = Directive::from_json(
        r#"{"id":"d","kind":"de_an","issuer":"HUYỆN ỦY","title":"Thử","date":"2024-09-27",
            "groups":[{"id":"g","name":"Cán bộ","rule":{"rule":"everyone"}}],
            "sections":[{"id":"s","items":[{"id":"i","text":"","targets":[
              {"id":"t","sentence":"80% đại học","group":"g","measure":{"kind":"share","criteria":[{"criterion":"level","scale":"professional","level":"dai_hoc"}]},"milestones":[{"year":2025,"value":80}]},
              {"id":"k","sentence":"05 đại học","group":"g","measure":{"kind":"count","criteria":[{"criterion":"level","scale":"professional","level":"dai_hoc"}]},"milestones":[{"year":2025,"value":5}]}]}]}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e:#?}"));
    (Roster { units, cadres }, d)
}

fn at() -> Date {
    Date::new(2025, 6, 30).unwrap()
}

fn inputs<'a>(d: &'a Directive, roster: &'a Roster) -> Inputs<'a> {
    Inputs { directive: d, others: &[], roster, records: None, at: at() }
}

#[test]
fn subjects_read_back_from_their_route() {
    for s in [Subject::Target("t".into()), Subject::Need("n".into()), Subject::Group("g".into())] {
        let path = s.path();
        let (kind, id) = path.split_once('/').unwrap();
        assert_eq!(Subject::parse(kind, id).as_ref(), Some(&s));
        assert_eq!(Subject::from_path(&path), Some(s));
    }
    assert_eq!(Subject::parse("chi-tieu", ""), None);
    assert_eq!(Subject::parse("khac", "t"), None);
    assert_eq!(Subject::from_path("chi-tieu"), None);
}

#[test]
fn the_page_lists_the_district_then_its_communes_worst_first_with_bars() {
    let (roster, d) = small();
    let page = compare_page(inputs(&d, &roster), &Subject::Target("t".into()), "h").unwrap();
    assert_eq!(page.title, "So sánh đơn vị: 80% đại học (tính đến 30/06/2025)");
    let first_cells: Vec<(&str, &str)> = page.rows.iter().map(|r| (r.cells[0].as_str(), r.cells[1].as_str())).collect();
    assert_eq!(
        first_cells,
        [
            ("Chung toàn đơn vị: UBND huyện Một", "2/3 = 66,7%"),
            ("UBND xã Một", "1/2 = 50%"),
            ("UBND xã Hai", "1/1 = 100%")
        ]
    );
    assert_eq!(page.rows[1].unit_id.as_deref(), Some("x1"));
    assert!(page.rows[1].has_children, "xã Một has a hamlet");
    assert!(!page.rows[2].has_children);
    assert_eq!(page.rows[2].status, Some(Status::Met));
    let bar = page.rows[1].bar.expect("a share has a bar");
    assert!((bar.value - 50.0).abs() < 1e-9 && bar.target == Some(80.0), "{bar:?}");
    assert_eq!(page.summary, "Các đơn vị trực thuộc UBND huyện Một: 02 đơn vị (Đạt: 1, Đúng tiến độ: 1).");
    // The file holds what the page shows.
    let shown: Vec<Vec<String>> = page.table.rows.iter().map(|r| r.iter().map(Cell::display).collect()).collect();
    assert_eq!(shown, page.rows.iter().map(|r| r.cells.clone()).collect::<Vec<_>>());
    assert_eq!(page.header, page.table.header);
}

#[test]
fn a_whole_district_count_is_followed_per_commune() {
    let (roster, d) = small();
    let page = compare_page(inputs(&d, &roster), &Subject::Target("k".into()), "h").unwrap();
    assert_eq!(page.rows[1].status, Some(Status::Tracked));
    assert!(page.rows[1].cells[7].contains("không chia cho từng đơn vị"), "{:?}", page.rows[1].cells);
    assert_eq!(page.summary, "Các đơn vị trực thuộc UBND huyện Một: 02 đơn vị (Chỉ theo dõi: 2).");
}

#[test]
fn a_unit_without_children_says_so() {
    let (roster, d) = small();
    let page = compare_page(inputs(&d, &roster), &Subject::Group("g".into()), "x2").unwrap();
    assert_eq!(page.rows.len(), 1, "the unit's own line alone");
    assert_eq!(page.summary, "UBND xã Hai không có đơn vị trực thuộc để so sánh.");
    assert!(compare_page(inputs(&d, &roster), &Subject::Target("nope".into()), "h").is_none());
}

#[test]
fn a_unit_tapped_shows_its_own_scores_and_people() {
    let (roster, d) = small();
    let x1 = drill(inputs(&d, &roster), &Subject::Target("t".into()), "x1").unwrap();
    assert_eq!(x1.title, "UBND xã Một: điểm riêng của đơn vị");
    let lines: Vec<(&str, &str, Status, bool)> =
        x1.lines.iter().map(|l| (l.text.as_str(), l.value.as_str(), l.status, l.current)).collect();
    assert_eq!(
        lines,
        [("80% đại học", "1/2 = 50%", Status::OnTrack, true), ("05 đại học", "01 đồng chí", Status::Tracked, false)]
    );
    assert_eq!(
        x1.people,
        [("Đạt (1)".to_string(), "Cán bộ 0".to_string()), ("Chưa đạt (1)".to_string(), "Cán bộ 1".to_string())]
    );
    let group = drill(inputs(&d, &roster), &Subject::Group("g".into()), "x2").unwrap();
    assert_eq!(group.people, [("Trong nhóm (01)".to_string(), "Cán bộ 2".to_string())]);
    assert!(drill(inputs(&d, &roster), &Subject::Group("g".into()), "nowhere").is_none());
}

#[test]
fn the_demo_district_compares_its_units_and_every_member_is_in_one_of_them() {
    let roster = demo_roster();
    let mut directives = vec![scheme_02()];
    directives[0].id = "tpl-002".into();
    scope_directives(&mut directives);
    let d = &directives[0];
    assert_eq!(default_parent(d, &roster).as_deref(), Some(HOANG_SU_PHI_ROOT), "the directive's own unit");
    let parents = parent_choices(&roster);
    assert!(parents.iter().any(|c| c.value == HOANG_SU_PHI_ROOT));
    assert!(parents.iter().all(|c| roster.units.iter().any(|u| u.parent_id.as_deref() == Some(c.value.as_str()))));
    let at = Date::new(2021, 2, 3).unwrap();
    let input = Inputs { directive: d, others: &[], roster: &roster, records: None, at };
    let first_share = d.targets().into_iter().find(|t| t.measure.from_roster()).unwrap().id.clone();
    let page = compare_page(input, &Subject::Target(first_share), HOANG_SU_PHI_ROOT).unwrap();
    assert!(page.rows.len() > 3, "several units under the district: {}", page.rows.len());
    // Nobody works in the demo's own root: the units' groups add up to the district's.
    let group_size = |cells: &[String]| cells[3].replace('.', "").parse::<u32>().unwrap_or(0);
    let children: u32 = page.rows[1..].iter().map(|r| group_size(&r.cells)).sum();
    assert_eq!(children, group_size(&page.rows[0].cells));
    // Worst first: the judged rows' gaps never grow down the table.
    let gaps: Vec<u32> = page.rows[1..]
        .iter()
        .filter(|r| r.status.is_some_and(Status::is_judged))
        .map(|r| r.cells[6].replace('.', "").parse().unwrap())
        .collect();
    assert!(gaps.windows(2).all(|w| w[0] >= w[1]), "{gaps:?}");
    let choices = subject_choices(d);
    assert_eq!(
        choices.len(),
        d.targets().len()
            + d.groups.len()
            + d.needs().iter().filter(|n| n.group.is_some() && n.criterion.is_some()).count()
    );
    assert!(choices[0].label.starts_with("Chỉ tiêu: "));
}

/// The figures `tests/e2e/compare-units.spec.mjs` reads on the demo's page: 02-ĐA/HU's first
/// target at the day it was issued, over the demo district's twelve units.
#[test]
fn the_demo_figures_the_browser_test_reads() {
    let roster = demo_roster();
    let mut directives = vec![scheme_02()];
    directives[0].id = "tpl-002".into();
    scope_directives(&mut directives);
    let d = &directives[0];
    let at = dtbd_domain::demo_plan::reading_date(d).unwrap();
    let input = Inputs { directive: d, others: &[], roster: &roster, records: None, at };
    let first = Subject::Target(d.targets()[0].id.clone());
    let page = compare_page(input, &first, HOANG_SU_PHI_ROOT).unwrap();
    assert_eq!(
        page.summary,
        "Các đơn vị trực thuộc Huyện Hoàng Su Phì (dữ liệu mẫu): 12 đơn vị (Đạt: 2, Đúng tiến độ: 1, Chậm: 9)."
    );
    assert_eq!(
        page.rows[0].cells[..4],
        ["Chung toàn đơn vị: Huyện Hoàng Su Phì (dữ liệu mẫu)", "14/42 = 33,3%", "14", "42"]
    );
    assert_eq!(
        page.rows[1].cells[..7],
        ["UBND huyện Hoàng Su Phì", "6/17 = 35,3%", "6", "17", "ít nhất 50% (năm 2025)", "Đúng tiến độ", "3"]
    );
    assert!(page.rows[1].has_children, "the communes are under UBND huyện");
    assert_eq!(
        page.rows[11].cells[..6],
        ["Huyện ủy Hoàng Su Phì", "7/14 = 50%", "7", "14", "ít nhất 50% (năm 2025)", "Đạt"]
    );
    let ubnd = drill(input, &first, "hsp-ubnd").unwrap();
    assert_eq!(ubnd.title, "UBND huyện Hoàng Su Phì: điểm riêng của đơn vị");
    assert_eq!(ubnd.people.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(), ["Đạt (6)", "Chưa đạt (11)"]);
}
