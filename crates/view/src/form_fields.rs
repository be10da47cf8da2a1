//! Where a refused save's errors point: the element id of the input a `FieldError`'s path
//! names, per form. The form marks that input (`aria-invalid`) and its error summary offers a
//! jump to it; a path with no input of its own (a version conflict, the nhãn) has none and
//! is said in the summary only. The ids are the forms' own (`src/ui/cadre_form.rs` …).

/// The cadre form (Thêm / sửa cán bộ): `full_name` → `f-full_name`,
/// `professional.studying` → `f-professional-studying`, `positions.1.title` →
/// `f-pos-1-title`, `memberships.0` → `f-mem-0-c`, `planned_for.0.term` → `f-plan-0-term`.
pub fn cadre(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('.').collect();
    Some(match parts.as_slice() {
        ["full_name"
        | "birth_year"
        | "gender"
        | "ethnicity"
        | "unit_id"
        | "professional_field"
        | "note"
        | "foreign_language_name"
        | "minority_language"] => format!("f-{path}"),
        ["professional" | "political" | "state_management" | "foreign_language" | "it" | "defence_security", part] => {
            let scale = parts[0];
            match *part {
                "studying" => format!("f-{scale}-studying"),
                "studying_until" => format!("f-{scale}-until"),
                _ => format!("f-{scale}"),
            }
        }
        ["positions", index, rest @ ..] => {
            let input = match rest {
                ["unit_id"] => "unit",
                ["leadership"] => "lead",
                _ => "title",
            };
            format!("f-pos-{index}-{input}")
        }
        ["memberships", index, ..] => format!("f-mem-{index}-c"),
        ["planned_for", index, rest @ ..] => {
            format!("f-plan-{index}-{}", if rest == ["term"] { "term" } else { "title" })
        }
        _ => return None,
    })
}

/// The unit form (Thêm / sửa đơn vị).
pub fn unit(path: &str) -> Option<String> {
    Some(
        match path {
            "name" => "u-name",
            "parent_id" => "u-parent",
            _ => return None,
        }
        .to_string(),
    )
}

/// The directive editor's heading fields (Sửa văn bản); the outline's paths
/// (`sections[1].items[0]…`) are shown beside their items.
pub fn directive(path: &str) -> Option<String> {
    Some(
        match path {
            "number" => "d-number",
            "date" => "d-date",
            "issuer" => "d-issuer",
            "period" => "d-from",
            "scope_unit_id" => "d-scope-unit",
            "title" => "d-title",
            _ => return None,
        }
        .to_string(),
    )
}

/// The target form (Thêm / sửa chỉ tiêu).
pub fn target(path: &str) -> Option<String> {
    Some(
        match path {
            "group" => "t-group",
            "units.names" => "t-unit-names",
            "training" => "t-training",
            "window_years" => "t-window-years",
            "agency" => "t-agency",
            "contents" => "t-contents",
            "start_year" => "t-start-year",
            "reached_directive" => "t-reached-directive",
            "reached_target" => "t-reached-target",
            "baseline_value" => "t-baseline",
            "baseline_year" => "t-baseline-year",
            "note" => "t-note",
            _ => return None,
        }
        .to_string(),
    )
}

/// The group form (Thêm / sửa nhóm đối tượng).
pub fn group(path: &str) -> Option<String> {
    Some(
        match path {
            "name" => "g-name",
            "stated_count" => "g-stated",
            "stated_by_year" => "g-stated-years",
            "note" => "g-note",
            _ => return None,
        }
        .to_string(),
    )
}

/// A form whose errors name no input of their own (they are listed, and shown beside their
/// rows).
pub fn none(_path: &str) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use dtbd_domain::levels::{Political, Professional, Qualification};
    use dtbd_domain::model::{Cadre, Committee, GovLevel, Leadership, Membership, PlannedPosition, Position};
    use dtbd_domain::roster::{Roster, CONFLICT_FIELD};

    /// Every error the cadre validation gives names an input of the form, but the nhãn (no
    /// input on the form) and a version conflict (the whole record).
    #[test]
    fn every_cadre_error_points_at_an_input() {
        let roster = Roster::default();
        let mut c = Cadre::blank("c".into(), "missing-unit".into());
        c.birth_year = 1800;
        c.note = "x".repeat(5000);
        c.ethnicity = "x".repeat(500);
        c.professional_field = "x".repeat(500);
        c.foreign_language_name = "x".repeat(500);
        c.minority_language = "x".repeat(500);
        c.positions = vec![Position { unit_id: "nowhere".into(), title: String::new(), leadership: Leadership::None }];
        c.planned_for = vec![PlannedPosition { title: String::new(), term: "x".repeat(500) }];
        let seat =
            Membership { committee: Committee::ExecutiveCommittee, level: GovLevel::Commune, term: String::new() };
        c.memberships = vec![seat.clone(), seat];
        c.professional =
            Qualification { studying: Some(Professional::Bachelor), ..Qualification::at(Professional::Master) };
        c.political = Qualification { studying_until: Some(2030), ..Qualification::at(Political::Intermediate) };
        let errors = roster.validate_cadre(&c);
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        for expected in ["full_name", "birth_year", "unit_id", "note", "positions.0.title", "positions.0.unit_id"] {
            assert!(fields.contains(&expected), "{expected} missing from {fields:?}");
        }
        let ids: Vec<(&str, String)> =
            errors.iter().map(|e| (e.field.as_str(), cadre(&e.field).unwrap_or_default())).collect();
        assert!(ids.iter().all(|(_, id)| !id.is_empty()), "{ids:?}");
        assert_eq!(cadre("full_name").as_deref(), Some("f-full_name"));
        assert_eq!(cadre("professional.studying").as_deref(), Some("f-professional-studying"));
        assert_eq!(cadre("political.studying_until").as_deref(), Some("f-political-until"));
        assert_eq!(cadre("positions.0.unit_id").as_deref(), Some("f-pos-0-unit"));
        assert_eq!(cadre("memberships.1").as_deref(), Some("f-mem-1-c"));
        assert_eq!(cadre("planned_for.0.term").as_deref(), Some("f-plan-0-term"));
        assert_eq!(cadre("labels"), None);
        assert_eq!(cadre(CONFLICT_FIELD), None);
    }

    #[test]
    fn unit_and_directive_fields_point_at_their_inputs() {
        let roster = Roster::default();
        let mut u = dtbd_domain::fixtures::unit("u", "", None);
        u.parent_id = Some("nowhere".into());
        for e in roster.validate_unit(&u) {
            assert!(unit(&e.field).is_some(), "{e:?}");
        }
        assert_eq!(directive("period").as_deref(), Some("d-from"));
        assert_eq!(target("units.names").as_deref(), Some("t-unit-names"));
        assert_eq!(group("stated_count").as_deref(), Some("g-stated"));
        assert_eq!(none("name"), None);
    }
}
