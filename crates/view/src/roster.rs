//! Danh sách cán bộ (the roster page): the order rows are listed in, which rows a search and
//! a unit filter leave, and the count line above them.

use std::cmp::Ordering;
use std::collections::HashSet;

use dtbd_domain::number::grouped;
use dtbd_domain::roster::Roster;
use dtbd_domain::text::compare_names;

/// Positions of the cadres in name order (given name first, then family and middle names),
/// compared with `collate` (the browser's Vietnamese collator on the page).
pub fn name_order(roster: &Roster, collate: &impl Fn(&str, &str) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..roster.cadres.len()).collect();
    order.sort_by(|&a, &b| compare_names(&roster.cadres[a].full_name, &roster.cadres[b].full_name, collate));
    order
}

/// The rows of `order` the search found (`hits`: cadre ids) that work in the unit chosen or
/// below it (`unit_filter`, empty for every unit), by their own unit or by any position.
pub fn visible_rows(roster: &Roster, order: &[usize], hits: &HashSet<&str>, unit_filter: &str) -> Vec<usize> {
    let units = (!unit_filter.is_empty()).then(|| roster.subtree(unit_filter));
    order
        .iter()
        .copied()
        .filter(|&position| {
            let cadre = &roster.cadres[position];
            hits.contains(cadre.id.as_str())
                && units.as_ref().is_none_or(|subtree| {
                    subtree.contains(&cadre.unit_id) || cadre.positions.iter().any(|p| subtree.contains(&p.unit_id))
                })
        })
        .collect()
}

/// "42 cán bộ", or "Tìm thấy 3 / 42 cán bộ" when a search or a filter leaves fewer.
pub fn count_line(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{} cán bộ", grouped(total))
    } else {
        format!("Tìm thấy {} / {} cán bộ", grouped(shown), grouped(total))
    }
}

/// A qualification in a roster row: "Đại học (đang học Thạc sĩ)", or "Đang học Thạc sĩ" when
/// the level held is unknown.
pub fn qualification_text<L: dtbd_domain::levels::Level>(q: &dtbd_domain::levels::Qualification<L>) -> String {
    match (q.level_unknown, q.studying) {
        (true, Some(s)) => format!("Đang học {}", s.label()),
        (_, Some(s)) => format!("{} (đang học {})", q.level.label(), s.label()),
        (_, None) => q.level.label().to_string(),
    }
}

/// The warning under a cadre's name when someone on the roster may be the same person (the
/// import's rule, [`Roster::possible_duplicates`]): a warning, never a refusal, since two
/// people may share a name and a birth year.
pub fn duplicate_warning(roster: &Roster, cadre: &dtbd_domain::model::Cadre) -> Option<String> {
    if cadre.full_name.trim().is_empty() {
        return None;
    }
    let (same_unit, elsewhere) = roster.possible_duplicates(cadre);
    if let Some(other) = same_unit.first() {
        return Some(format!(
            "Đã có {} ({}) ở {}: cùng họ tên, năm sinh và đơn vị, có thể là cùng một người. Kiểm tra trước khi lưu.",
            other.full_name,
            other.birth_year,
            roster.unit_name(&other.unit_id)
        ));
    }
    (!elsewhere.is_empty()).then(|| {
        let units: Vec<&str> = elsewhere.iter().map(|o| roster.unit_name(&o.unit_id)).collect();
        format!(
            "Lưu ý: có người cùng họ tên và năm sinh ở {} (người khác đơn vị được tính là người khác).",
            units.join(", ")
        )
    })
}

/// Giới tính of the cadre form: `(code, label)` options, with a first "— Chọn giới tính —"
/// while none is chosen. A new cadre starts unchosen: a form saved without looking must not
/// make everyone Nam (the model's blank cadre is Nam only because the field is not optional).
pub fn gender_choices(chosen: bool) -> Vec<(String, String)> {
    use dtbd_domain::model::Gender;
    let none = (!chosen).then(|| (String::new(), "— Chọn giới tính —".to_string()));
    none.into_iter().chain(Gender::ALL.iter().map(|g| (g.code().to_string(), g.label().to_string()))).collect()
}

/// The refusal of a new cadre saved with no Giới tính chosen, `None` once one is.
pub fn gender_unchosen(chosen: bool) -> Option<dtbd_domain::roster::FieldError> {
    (!chosen).then(|| dtbd_domain::roster::FieldError::new("gender", "Giới tính: hãy chọn Nam hoặc Nữ."))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_new_cadre_s_gender_starts_unchosen_and_must_be_chosen() {
        let unchosen = super::gender_choices(false);
        assert_eq!(unchosen[0], (String::new(), "— Chọn giới tính —".to_string()));
        let labels: Vec<&str> = unchosen.iter().skip(1).map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["Nam", "Nữ"]);
        assert_eq!(super::gender_choices(true).len(), unchosen.len() - 1, "no empty choice once chosen");
        let refused = super::gender_unchosen(false).expect("none chosen");
        assert_eq!((refused.field.as_str(), refused.message.as_str()), ("gender", "Giới tính: hãy chọn Nam hoặc Nữ."));
        assert_eq!(super::gender_unchosen(true), None);
        assert_eq!(super::super::form_fields::cadre("gender").as_deref(), Some("f-gender"));
    }

    #[test]
    fn a_namesake_is_a_warning_naming_where_never_a_refusal() {
        let roster = crate::testing::hoang_su_phi_roster(1);
        let mut c = roster.cadres[0].clone();
        c.id = "new".into();
        let same = super::duplicate_warning(&roster, &c).expect("same name, year and unit");
        let same_unit_errors = roster.validate_cadre(&c);
        assert!(same_unit_errors.is_empty(), "a warning, never a refusal: {same_unit_errors:?}");
        assert!(same.starts_with(&format!("Đã có {} ({})", c.full_name, c.birth_year)), "{same}");
        c.unit_id = roster.units.iter().find(|u| u.id != c.unit_id).unwrap().id.clone();
        let elsewhere = super::duplicate_warning(&roster, &c).expect("a namesake elsewhere");
        assert!(elsewhere.starts_with("Lưu ý: có người cùng họ tên và năm sinh ở "), "{elsewhere}");
        c.birth_year += 1;
        assert_eq!(super::duplicate_warning(&roster, &c), None);
    }

    use super::*;
    use crate::testing::hoang_su_phi_roster;

    fn roster() -> Roster {
        hoang_su_phi_roster(11)
    }

    #[test]
    fn names_are_ordered_by_given_name_first() {
        let roster = roster();
        let order = name_order(&roster, &|a: &str, b: &str| a.cmp(b));
        assert_eq!(order.len(), roster.cadres.len());
        let given = |position: usize| roster.cadres[position].full_name.rsplit(' ').next().unwrap().to_string();
        assert!(order.windows(2).all(|w| given(w[0]) <= given(w[1])));
    }

    #[test]
    fn a_unit_filter_keeps_its_subtree_and_those_holding_a_position_there() {
        let roster = roster();
        let order: Vec<usize> = (0..roster.cadres.len()).collect();
        let everyone: HashSet<&str> = roster.cadres.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(visible_rows(&roster, &order, &everyone, "").len(), roster.cadres.len());
        let unit = &roster.cadres[0].unit_id;
        let subtree = roster.subtree(unit);
        let kept = visible_rows(&roster, &order, &everyone, unit);
        assert!(kept.contains(&0));
        for position in &kept {
            let cadre = &roster.cadres[*position];
            assert!(subtree.contains(&cadre.unit_id) || cadre.positions.iter().any(|p| subtree.contains(&p.unit_id)));
        }
        let nobody = HashSet::new();
        assert!(visible_rows(&roster, &order, &nobody, "").is_empty());
    }

    #[test]
    fn the_count_line_says_found_only_when_fewer() {
        assert_eq!(count_line(42, 42), "42 cán bộ");
        assert_eq!(count_line(3, 42), "Tìm thấy 3 / 42 cán bộ");
    }
}
