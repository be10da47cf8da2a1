//! One directive laid out like the document (`#/van-ban/<id>`): the header's place-date line,
//! the status summary, each target's line (goal, what-if) and its bar, each need's line, who
//! counts and who does not. The scores are `domain::directive::score`'s.

use dtbd_domain::directive::reported::{
    add_up_flags, against_roster, flags_of, group_against_roster, reports_phrase, stated_size_text, AddUpFlag,
};
use dtbd_domain::directive::score::{format_milestone, format_number, format_percent};
use std::collections::HashSet;

use dtbd_domain::directive::{
    describe::cap_first, AmountUnit, Date, Directive, DirectiveScore, Milestone, NeedScore, Section, Status, Target,
    TargetScore,
};
use dtbd_domain::number::grouped;
use dtbd_domain::roster::Roster;

/// How many names a member list shows before "và N người khác".
pub const NAMES_SHOWN: usize = 60;

/// The bar of one target, each mark in percent of the bar's width (0-100).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BarScale {
    /// The filled part: the value now.
    pub value: f64,
    /// Mục tiêu.
    pub target: Option<f64>,
    /// Where the straight path stands today.
    pub path: Option<f64>,
}

impl BarScale {
    /// The bar of a score; none when nothing was measured.
    pub fn of(s: &TargetScore) -> Option<BarScale> {
        bar_scale(s.unit, s.measured?, s.target, s.expected_now)
    }
}

/// The scale of a bar: a percentage runs to 100%; a count runs to 10% past the larger of the
/// value and the target (at least 1.1, so zero has a scale).
pub fn bar_scale(unit: AmountUnit, measured: f64, target: Option<f64>, path: Option<f64>) -> Option<BarScale> {
    let full = match unit {
        AmountUnit::Percent => 100.0,
        _ => target.unwrap_or(measured).max(measured).max(1.0) * 1.1,
    };
    let pct = |x: f64| (x / full * 100.0).clamp(0.0, 100.0);
    Some(BarScale { value: pct(measured), target: target.map(pct), path: path.map(pct) })
}

/// A bar position as a CSS length ("42.5%").
pub fn css_percent(x: f64) -> String {
    format!("{x:.1}%")
}

/// "Hà Giang, ngày 5 tháng 3 năm 2021": the place and the long date, either alone.
pub fn place_date(d: &Directive) -> String {
    match (d.place.is_empty(), d.date) {
        (false, Some(date)) => format!("{}, {}", d.place, date.long_vi()),
        (true, Some(date)) => date.long_vi(),
        (false, None) => d.place.clone(),
        (true, None) => String::new(),
    }
}

/// "Số 02-ĐA/HU", empty without a number.
pub fn number_line(d: &Directive) -> String {
    if d.number.is_empty() {
        String::new()
    } else {
        format!("Số {}", d.number)
    }
}

/// "Tiến độ tính đến …, trên danh sách N cán bộ."
pub fn score_date_line(today: Date, cadres: usize) -> String {
    format!("Tiến độ tính đến {}, trên danh sách {} cán bộ.", today.short_vi(), grouped(cadres))
}

/// The summary chips: each status some target has, good news first (`Status::ALL`), with its
/// number of targets ("Đạt: 3"). A status no target has gets no chip: tapping a chip filters
/// the targets, and a chip of none would empty the page.
pub fn status_summary(s: &DirectiveScore) -> Vec<(Status, String)> {
    let counts = s.counts();
    Status::ALL
        .iter()
        .filter_map(|&st| counts.get(&st).filter(|n| **n > 0).map(|n| (st, format!("{}: {n}", st.label()))))
        .collect()
}

/// The status filter after a chip is tapped: its status, or none (every target) when that
/// status was already chosen.
pub fn toggle_filter(current: Option<Status>, tapped: Status) -> Option<Status> {
    (current != Some(tapped)).then_some(tapped)
}

/// What the directive page shows under a status filter (by id): the targets with that status,
/// the items holding them (their words give the target its context) and every section on
/// the way down to those items (their headings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    /// Chỉ tiêu.
    pub targets: HashSet<String>,
    /// Items holding a shown target.
    pub items: HashSet<String>,
    /// Sections holding a shown item, at any depth.
    pub sections: HashSet<String>,
}

/// The targets of `d` whose status in `s` is `filter`, with their items and sections.
pub fn shown(d: &Directive, s: &DirectiveScore, filter: Status) -> Shown {
    fn walk(sections: &[Section], s: &DirectiveScore, filter: Status, out: &mut Shown) -> bool {
        let mut any = false;
        for section in sections {
            let mut here = false;
            for item in &section.items {
                let targets: Vec<&str> = item
                    .targets
                    .iter()
                    .filter(|t| s.target(&t.id).is_some_and(|x| x.status == filter))
                    .map(|t| t.id.as_str())
                    .collect();
                if !targets.is_empty() {
                    out.targets.extend(targets.into_iter().map(String::from));
                    out.items.insert(item.id.clone());
                    here = true;
                }
            }
            here |= walk(&section.sections, s, filter, out);
            if here {
                out.sections.insert(section.id.clone());
            }
            any |= here;
        }
        any
    }
    let mut out = Shown::default();
    walk(&d.sections, s, filter, &mut out);
    out
}

/// The line above a filtered list: "Đang xem 37 chỉ tiêu “Chậm”. Bấm lại vào ô đó để xem tất
/// cả."
pub fn filter_note(filter: Status, shown: &Shown) -> String {
    format!(
        "Đang xem {} chỉ tiêu “{}”. Bấm lại vào ô đó để xem tất cả.",
        dtbd_domain::number::format_count(shown.targets.len() as u32),
        filter.label()
    )
}

/// "Mục tiêu: …" over every milestone of a target, none without one.
pub fn goal_text(milestones: &[Milestone], s: &TargetScore) -> Option<String> {
    let goal = milestones.iter().map(|m| format_milestone(m, s.unit, s.baseline)).collect::<Vec<_>>().join("; ");
    (!goal.is_empty()).then(|| format!("Mục tiêu: {goal}"))
}

/// "Nếu các đồng chí đang học hoàn thành: …", when that would change the value.
pub fn what_if_text(s: &TargetScore) -> Option<String> {
    let w = s.what_if.filter(|w| Some(*w) != s.measured)?;
    let value = match s.unit {
        AmountUnit::Percent => format_percent(w),
        _ => format_number(w),
    };
    Some(format!("Nếu các đồng chí đang học hoàn thành: {value}"))
}

/// "Theo báo cáo năm 2014: 194 đồng chí, đạt 97% so với mục tiêu", none when the document
/// reports nothing of the target.
pub fn reported_line(t: &Target) -> Option<String> {
    let phrase = reports_phrase(t);
    (!phrase.is_empty()).then(|| cap_first(&phrase))
}

/// The roster's value, named "theo danh sách" when the document reports a figure beside it.
pub fn value_label(t: &Target, s: &TargetScore) -> String {
    if t.reported.is_empty() {
        s.value_text()
    } else {
        format!("Theo danh sách: {}", s.value_text())
    }
}

/// What a target's figures contradict: its report against the roster at `at`, and parts that
/// do not add up (`flags` from `domain::directive::reported::add_up_flags`).
pub fn target_checks(t: &Target, s: &TargetScore, at: Date, flags: &[AddUpFlag]) -> Vec<String> {
    let mut out: Vec<String> = against_roster(t, s, at).into_iter().collect();
    out.extend(flags_of(flags, &t.id));
    out
}

/// The parts of the directive that do not add up (computed once per page).
pub fn flags(d: &Directive) -> Vec<AddUpFlag> {
    add_up_flags(d)
}

/// The messages of `flags` that concern no single target (groups' stated sizes).
pub fn group_flags(flags: &[AddUpFlag]) -> Vec<String> {
    flags.iter().filter(|f| f.target_ids.is_empty()).map(|f| f.message.clone()).collect()
}

/// One line of the groups table: the roster's count beside the size the document states for
/// the scoring year, and their disagreement in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRow {
    /// Tên nhóm.
    pub name: String,
    /// Trên danh sách.
    pub members: String,
    /// Văn bản nêu ("khoảng 1.200"; empty when it states none).
    pub stated: String,
    /// "Nhóm “…”: văn bản nêu …, danh sách có …", when they disagree.
    pub check: Option<String>,
}

/// The groups table of the directive page.
pub fn group_rows(d: &Directive, s: Option<&DirectiveScore>) -> Vec<GroupRow> {
    d.groups
        .iter()
        .map(|g| {
            let members = s.map(|s| group_members(s, &g.id));
            let year = s.map(|s| s.at.year);
            let stated = year.and_then(|y| g.stated_for(y)).or_else(|| {
                g.stated_count.map(|count| dtbd_domain::directive::StatedSize { year: 0, count, bound: g.stated_bound })
            });
            GroupRow {
                name: g.name.clone(),
                members: members.map(grouped).unwrap_or_default(),
                stated: stated.map(|x| stated_size_text(x.count, x.bound)).unwrap_or_default(),
                check: members.zip(year).and_then(|(m, y)| group_against_roster(g, m, y)),
            }
        })
        .collect()
}

/// A need's line: who is below the level, how many the targets imply, per year.
pub fn need_line(s: &NeedScore) -> String {
    let mut out = String::new();
    if let Some(m) = s.members_below {
        out.push_str(&format!("Trên danh sách còn {} người chưa đạt trình độ này. ", grouped(m)));
    }
    if let Some(m) = s.implied_by_targets {
        out.push_str(&format!("Các chỉ tiêu liên quan cần thêm {} người", grouped(m)));
    }
    if let Some(m) = s.implied_per_year {
        out.push_str(&format!(", khoảng {} người/năm.", grouped(m)));
    }
    out
}

/// Names joined, the first [`NAMES_SHOWN`] then "và N người khác"; "(không có)" for none.
pub fn name_list(names: &[String]) -> String {
    let shown: Vec<&str> = names.iter().take(NAMES_SHOWN).map(String::as_str).collect();
    let mut s = shown.join(", ");
    if names.len() > NAMES_SHOWN {
        s.push(' ');
        s.push_str(&and_others(names.len() - NAMES_SHOWN));
    }
    if s.is_empty() {
        s = "(không có)".into();
    }
    s
}

/// "và 23 người khác": the people a list leaves out.
pub fn and_others(left_out: usize) -> String {
    format!("và {} người khác", grouped(left_out))
}

/// "II. Mục tiêu": a number and a heading (or text), either possibly empty.
pub fn numbered(number: &str, text: &str) -> String {
    format!("{number} {text}").trim().to_string()
}

/// Members of a group on the roster, as scored (0 when the group was not evaluated).
pub fn group_members(s: &DirectiveScore, group_id: &str) -> u32 {
    s.groups.iter().find(|t| t.group_id == group_id).map_or(0, |t| t.members)
}

/// "Ai đạt, ai chưa đạt": each side's heading ("Đạt (2)", "Chưa đạt (1)") and names, from the
/// roster positions `domain::directive::score::target_members` gives.
pub fn members(roster: &Roster, met: &[usize], not_met: &[usize]) -> [(String, String); 2] {
    let names =
        |v: &[usize]| v.iter().filter_map(|&i| roster.cadres.get(i)).map(|c| c.full_name.clone()).collect::<Vec<_>>();
    [
        (format!("Đạt ({})", grouped(met.len())), name_list(&names(met))),
        (format!("Chưa đạt ({})", grouped(not_met.len())), name_list(&names(not_met))),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{hoang_su_phi_roster, scheme_02};

    #[test]
    fn counts_in_lines_are_grouped_with_dots() {
        let today = Date { year: 2026, month: 1, day: 15 };
        assert!(score_date_line(today, 30000).ends_with("trên danh sách 30.000 cán bộ."));
        assert_eq!(and_others(1250), "và 1.250 người khác");
        assert_eq!(crate::roster::count_line(1200, 30000), "Tìm thấy 1.200 / 30.000 cán bộ");
        assert_eq!(crate::roster::count_line(1200, 1200), "1.200 cán bộ");
        assert!(crate::excel::export_hint(2262).starts_with("2.262 cán bộ"));
        assert!(crate::monitor::now_line(today, 1405).ends_with("1.405 cán bộ."));
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn a_percentage_bar_runs_to_100() {
        let b = bar_scale(AmountUnit::Percent, 42.5, Some(80.0), Some(60.0)).expect("measured");
        assert!(close(b.value, 42.5) && b.target == Some(80.0) && b.path == Some(60.0), "{b:?}");
        assert_eq!(css_percent(b.value), "42.5%");
    }

    #[test]
    fn a_count_bar_runs_ten_percent_past_the_larger_of_value_and_target() {
        let b = bar_scale(AmountUnit::Persons, 5.0, Some(10.0), None).expect("measured");
        assert!(close(b.value, 5.0 / 11.0 * 100.0), "{b:?}");
        assert!(close(b.target.expect("target"), 10.0 / 11.0 * 100.0));
        assert_eq!(b.path, None);
        // Past the target: the value sets the scale.
        let over = bar_scale(AmountUnit::Persons, 20.0, Some(10.0), None).expect("measured");
        assert!(close(over.value, 100.0 / 1.1), "{over:?}");
        // Nothing yet and no target: a scale of 1.1 so the bar is empty, not NaN.
        let zero = bar_scale(AmountUnit::Events, 0.0, None, None).expect("measured");
        assert!(close(zero.value, 0.0));
    }

    #[test]
    fn marks_stay_on_the_bar() {
        let b = bar_scale(AmountUnit::Percent, 130.0, Some(-5.0), Some(250.0)).expect("measured");
        assert_eq!((b.value, b.target, b.path), (100.0, Some(0.0), Some(100.0)));
        assert_eq!(css_percent(100.0 / 1.1), "90.9%");
    }

    #[test]
    fn names_are_capped_with_the_rest_counted() {
        assert_eq!(name_list(&[]), "(không có)");
        assert_eq!(name_list(&["An".into(), "Bình".into()]), "An, Bình");
        let many: Vec<String> = (0..NAMES_SHOWN + 3).map(|i| format!("N{i}")).collect();
        let s = name_list(&many);
        assert!(s.ends_with(&format!("N{} và 3 người khác", NAMES_SHOWN - 1)), "{s}");
    }

    #[test]
    fn place_date_and_number() {
        let mut d = Directive::blank("d".into(), dtbd_domain::directive::DirectiveKind::Resolution);
        assert_eq!(place_date(&d), "");
        assert_eq!(number_line(&d), "");
        d.place = "Hoàng Su Phì".into();
        assert_eq!(place_date(&d), "Hoàng Su Phì");
        d.number = "02-ĐA/HU".into();
        assert_eq!(number_line(&d), "Số 02-ĐA/HU");
        let date = Date { year: 2021, month: 3, day: 5 };
        d.date = Some(date);
        assert_eq!(place_date(&d), format!("Hoàng Su Phì, {}", date.long_vi()));
        d.place.clear();
        assert_eq!(place_date(&d), date.long_vi());
    }

    #[test]
    fn need_line_says_what_is_known() {
        let s = NeedScore {
            need_id: "n".into(),
            stated_persons: None,
            per_year_min: None,
            per_year_max: None,
            members_below: Some(4),
            implied_by_targets: Some(6),
            implied_per_year: Some(2),
        };
        assert_eq!(
            need_line(&s),
            "Trên danh sách còn 4 người chưa đạt trình độ này. Các chỉ tiêu liên quan cần thêm 6 người, khoảng 2 người/năm."
        );
        let none = NeedScore { members_below: None, implied_by_targets: None, implied_per_year: None, ..s };
        assert_eq!(need_line(&none), "");
    }

    #[test]
    fn members_name_each_side_and_numbers_trim() {
        let mut r = Roster::default();
        for (i, name) in ["Nguyễn Văn An", "Lò Thị Bình"].iter().enumerate() {
            let mut c = dtbd_domain::model::Cadre::blank(format!("c{i}"), "xa".into());
            c.full_name = (*name).into();
            r.cadres.push(c);
        }
        let [met, not_met] = members(&r, &[1, 0], &[]);
        assert_eq!(met, ("Đạt (2)".to_string(), "Lò Thị Bình, Nguyễn Văn An".to_string()));
        assert_eq!(not_met, ("Chưa đạt (0)".to_string(), "(không có)".to_string()));
        assert_eq!(numbered("II.", "Mục tiêu"), "II. Mục tiêu");
        assert_eq!(numbered("", "Mục tiêu"), "Mục tiêu");
        assert_eq!(numbered("", ""), "");
    }

    #[test]
    fn reported_figures_stand_beside_the_roster_on_the_directive_page() {
        use crate::scoring::directive_score;
        use crate::testing::template;
        let review = template("001-lai-chau-05-nq-tu.json");
        let ths = review.target("t_ths_200").unwrap();
        assert_eq!(reported_line(ths).as_deref(), Some("Theo báo cáo năm 2014: 194 đồng chí, đạt 97% so với mục tiêu"));
        assert_eq!(
            reported_line(review.target("t_ts").unwrap()).as_deref(),
            Some("Theo báo cáo năm 2014: 07 đồng chí, vượt chỉ tiêu")
        );

        let mut scheme = scheme_02();
        let roster = hoang_su_phi_roster(5);
        let at = Date { year: 2023, month: 6, day: 30 };
        let score = directive_score(&scheme, &roster, None, at);
        let t = scheme.target("t_a_bch_ths").unwrap().clone();
        let s = score.target(&t.id).unwrap();
        assert_eq!(reported_line(&t), None);
        assert_eq!(value_label(&t, s), s.value_text());
        let mut reported = t.clone();
        reported.reported = vec![dtbd_domain::directive::Reported {
            value: Some(99.0),
            ..dtbd_domain::directive::Reported::of_year(2023)
        }];
        assert_eq!(value_label(&reported, s), format!("Theo danh sách: {}", s.value_text()));
        let checks = target_checks(&reported, s, at, &[]);
        assert_eq!(checks.len(), 1);
        assert!(checks[0].starts_with("Không khớp (năm 2023): theo báo cáo 99%"), "{checks:?}");
        // Groups: the stated size with its word, the roster's count, their disagreement.
        let g11 = scheme.groups.iter_mut().find(|g| g.id == "g11").unwrap();
        g11.stated_count = Some(1200);
        g11.stated_bound = dtbd_domain::number::Bound::About;
        let rows = group_rows(&scheme, Some(&score));
        let row = rows.iter().find(|r| r.stated == "khoảng 1.200").unwrap();
        assert_eq!(
            row.check.as_deref(),
            Some(
                format!("Nhóm “{}”: văn bản nêu khoảng 1.200 người, danh sách có {} người.", row.name, row.members)
                    .as_str()
            )
        );
        assert!(rows.iter().filter(|r| r.stated.is_empty()).all(|r| r.check.is_none()));
        assert!(group_flags(&flags(&scheme)).is_empty());
    }

    #[test]
    fn summary_lists_the_statuses_targets_have_in_order() {
        let empty = DirectiveScore {
            directive_id: "d".into(),
            at: Date { year: 2025, month: 1, day: 1 },
            groups: Vec::new(),
            targets: Vec::new(),
            needs: Vec::new(),
        };
        assert!(status_summary(&empty).is_empty(), "no chip filters to nothing");
        assert_eq!(group_members(&empty, "g"), 0);

        let (scheme, s) = scored_02();
        let chips = status_summary(&s);
        let order: Vec<usize> = chips.iter().map(|(st, _)| Status::ALL.iter().position(|x| x == st).unwrap()).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "good news first: {chips:?}");
        let counts = s.counts();
        for (st, text) in &chips {
            assert_eq!(text, &format!("{}: {}", st.label(), counts[st]));
        }
        assert_eq!(chips.len(), counts.len());
        assert!(chips.len() >= 3, "{chips:?}");
        assert_eq!(scheme.targets().len(), counts.values().sum::<usize>());
    }

    /// 02-ĐA/HU over the Hoàng Su Phì roster on the day it was issued: đạt, đúng tiến độ and
    /// chậm side by side.
    fn scored_02() -> (Directive, DirectiveScore) {
        let scheme = scheme_02();
        let s = crate::scoring::directive_score(&scheme, &hoang_su_phi_roster(5), None, Date::new(2021, 2, 3).unwrap());
        (scheme, s)
    }

    #[test]
    fn a_tapped_chip_filters_and_a_second_tap_clears() {
        assert_eq!(toggle_filter(None, Status::Behind), Some(Status::Behind));
        assert_eq!(toggle_filter(Some(Status::Behind), Status::Behind), None);
        assert_eq!(toggle_filter(Some(Status::Met), Status::Behind), Some(Status::Behind));
    }

    #[test]
    fn a_filter_shows_its_targets_with_the_items_and_sections_holding_them() {
        let (scheme, s) = scored_02();
        for (status, _) in status_summary(&s) {
            let shown = shown(&scheme, &s, status);
            let expected: HashSet<String> =
                s.targets.iter().filter(|t| t.status == status).map(|t| t.target_id.clone()).collect();
            assert_eq!(shown.targets, expected, "{status:?}");
            fn check(sections: &[Section], shown: &Shown) -> bool {
                let mut any = false;
                for section in sections {
                    let mut here = false;
                    for item in &section.items {
                        let holds = item.targets.iter().any(|t| shown.targets.contains(&t.id));
                        assert_eq!(shown.items.contains(&item.id), holds, "item {}", item.id);
                        here |= holds;
                    }
                    here |= check(&section.sections, shown);
                    assert_eq!(shown.sections.contains(&section.id), here, "section {}", section.id);
                    any |= here;
                }
                any
            }
            assert!(check(&scheme.sections, &shown));
            assert_eq!(
                filter_note(status, &shown),
                format!(
                    "Đang xem {} chỉ tiêu “{}”. Bấm lại vào ô đó để xem tất cả.",
                    format_count_of(&shown),
                    status.label()
                )
            );
        }
        let none = shown(&scheme, &s, Status::Overdue);
        assert!(none.targets.is_empty() && none.items.is_empty() && none.sections.is_empty());
    }

    fn format_count_of(shown: &Shown) -> String {
        dtbd_domain::number::format_count(shown.targets.len() as u32)
    }
}
