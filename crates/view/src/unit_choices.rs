//! Đơn vị to choose from: the `(id, label)` options of every unit `<select>` (the roster
//! filter, the cadre form, the units form's parent, the export scope, the Excel import's
//! default unit, the directive's scope), in tree order with each level indented.

use dtbd_domain::roster::Roster;

/// Two no-break spaces per level: a `<select>` keeps them where it would collapse spaces.
const INDENT: &str = "\u{00a0}\u{00a0}";

/// How one list of unit choices is made.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnitChoices<'a> {
    /// A first option before the units (`("", "Toàn bộ dữ liệu")`), if any.
    pub first: Option<(&'a str, &'a str)>,
    /// Added after each unit's name (" (và trực thuộc)").
    pub suffix: &'a str,
    /// Flat names (no indentation), for a list too narrow for the tree.
    pub flat: bool,
    /// Units left out (a unit and those below it cannot be its own parent).
    pub except: Option<&'a std::collections::HashSet<String>>,
}

impl UnitChoices<'_> {
    /// The options, in the order of [`Roster::units_tree`].
    pub fn of(&self, roster: &Roster) -> Vec<(String, String)> {
        let first = self.first.map(|(id, label)| (id.to_string(), label.to_string()));
        first
            .into_iter()
            .chain(roster.units_tree().into_iter().filter(|(u, _)| self.except.is_none_or(|x| !x.contains(&u.id))).map(
                |(u, depth)| {
                    let indent = if self.flat { String::new() } else { INDENT.repeat(depth) };
                    (u.id.clone(), format!("{indent}{}{}", u.name, self.suffix))
                },
            ))
            .collect()
    }
}

/// Every unit, indented by level: the plain list most selects show.
pub fn unit_choices(roster: &Roster) -> Vec<(String, String)> {
    UnitChoices::default().of(roster)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    pub(crate) use dtbd_domain::fixtures::unit;

    pub(crate) fn roster() -> Roster {
        Roster {
            units: vec![
                unit("xa", "UBND xã Nậm Ty", Some("huyen")),
                unit("huyen", "UBND huyện Hoàng Su Phì", None),
                unit("thon", "Thôn Nậm Khòa", Some("xa")),
            ],
            ..Roster::default()
        }
    }

    #[test]
    fn units_in_tree_order_indented_by_level() {
        assert_eq!(
            unit_choices(&roster()),
            vec![
                ("huyen".to_string(), "UBND huyện Hoàng Su Phì".to_string()),
                ("xa".to_string(), "\u{a0}\u{a0}UBND xã Nậm Ty".to_string()),
                ("thon".to_string(), "\u{a0}\u{a0}\u{a0}\u{a0}Thôn Nậm Khòa".to_string()),
            ]
        );
    }

    #[test]
    fn first_option_suffix_flat_and_except() {
        let r = roster();
        let scope =
            UnitChoices {
                first: Some(("", "Toàn bộ dữ liệu")), suffix: " (và trực thuộc)", ..Default::default()
            }
            .of(&r);
        assert_eq!(scope[0], (String::new(), "Toàn bộ dữ liệu".to_string()));
        assert_eq!(scope[2].1, "\u{a0}\u{a0}UBND xã Nậm Ty (và trực thuộc)");
        let flat = UnitChoices { flat: true, ..Default::default() }.of(&r);
        assert_eq!(flat[2].1, "Thôn Nậm Khòa");
        let below = r.subtree("xa");
        let parents = UnitChoices { except: Some(&below), ..Default::default() }.of(&r);
        assert_eq!(parents.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(), ["huyen"]);
    }

    #[test]
    fn no_units_only_the_first_option() {
        let none =
            UnitChoices { first: Some(("", "(toàn bộ danh sách)")), ..Default::default() }.of(&Roster::default());
        assert_eq!(none, vec![(String::new(), "(toàn bộ danh sách)".to_string())]);
    }
}
