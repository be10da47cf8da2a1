//! Văn bản chỉ đạo (the directives list): each directive the officer follows with how many of
//! its targets stand at each status, and the built-in templates offered below it.

use dtbd_domain::directive::{Date, Directive, DirectiveScore, Status, TemplateEntry};

/// One directive in the list.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectiveRow {
    pub id: String,
    /// "Đề án 02-ĐA/HU": kind and number, as officers name a document.
    pub name: String,
    /// Trích yếu.
    pub title: String,
    /// Targets per status, good news first, statuses with no target left out.
    pub counts: Vec<(Status, usize)>,
    /// "Tính đến 03/02/2021" when the directive is read at a date of its own (the officer's
    /// tính đến ngày, the demo's dates), empty at today: the counts are of that date.
    pub as_of: String,
}

/// The list, sorted by name so a directive keeps its place whatever its progress; `scores`
/// are those of `directives`, in the same order, each at the directive's own date.
pub fn directive_rows(directives: &[Directive], scores: &[DirectiveScore], today: Date) -> Vec<DirectiveRow> {
    let mut rows: Vec<DirectiveRow> = directives
        .iter()
        .zip(scores)
        .map(|(directive, score)| {
            let counts = score.counts();
            DirectiveRow {
                id: directive.id.clone(),
                name: format!("{} {}", directive.kind.label(), directive.number),
                title: directive.title.clone(),
                counts: Status::ALL.iter().filter_map(|&s| counts.get(&s).map(|n| (s, *n))).collect(),
                as_of: if score.at == today { String::new() } else { format!("Tính đến {}", score.at.short_vi()) },
            }
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    rows
}

/// One built-in template offered for use.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateRow {
    /// "Kết luận 37-KL/TU".
    pub label: String,
    /// Issuer, title and date on one line.
    pub sub: String,
    /// What a screen reader says of the button ("Dùng mẫu Kết luận 37-KL/TU").
    pub button_label: String,
}

pub fn template_row(entry: &TemplateEntry) -> TemplateRow {
    let label = format!("{} {}", entry.kind.label(), entry.number);
    let date = entry.date.map(|d| format!(" · {}", d.short_vi())).unwrap_or_default();
    TemplateRow {
        sub: format!("{} · {}{date}", entry.issuer, entry.title),
        button_label: format!("Dùng mẫu {label}"),
        label,
    }
}

/// What the officer is told once a directive is saved, by the editor or Đọc văn bản
/// ("Đã lưu Đề án 02-ĐA/HU."); with `classes` the plan read beside it was saved too.
pub fn saved_message(d: &Directive, classes: Option<usize>) -> String {
    match classes {
        None => format!("Đã lưu {} {}.", d.kind.label(), d.number),
        Some(count) => format!(
            "Đã lưu {} {} cùng kế hoạch đào tạo, bồi dưỡng ({} lớp) trên trang Kế hoạch, lớp học.",
            d.kind.label(),
            d.number,
            dtbd_domain::number::grouped(count)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::public;
    use dtbd_domain::directive::{parse_template_index, score_directive, Date, RosterIndex};
    use dtbd_domain::roster::Roster;

    fn templates() -> Vec<(TemplateEntry, Directive)> {
        parse_template_index(&public("templates/index.json"))
            .unwrap()
            .into_iter()
            .map(|entry| {
                let directive = Directive::from_json(&public(&format!("templates/{}", entry.file))).unwrap();
                (entry, directive)
            })
            .collect()
    }

    #[test]
    fn rows_are_sorted_by_name_and_count_every_target_once() {
        let directives: Vec<Directive> = templates().into_iter().rev().map(|(_, d)| d).collect();
        let roster = Roster::default();
        let index = RosterIndex::build(&roster);
        let today = Date::new(2024, 1, 1).unwrap();
        let mut scores: Vec<DirectiveScore> = directives.iter().map(|d| score_directive(d, &index, today)).collect();
        let own = Date::new(2021, 2, 3).unwrap();
        scores[0] = score_directive(&directives[0], &index, own);
        let rows = directive_rows(&directives, &scores, today);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert!(names.contains(&"Kết luận 37-KL/TU"), "{names:?}");
        for row in &rows {
            let directive = directives.iter().find(|d| d.id == row.id).unwrap();
            let total: usize = row.counts.iter().map(|(_, n)| n).sum();
            assert_eq!(total, directive.targets().len(), "{}", row.name);
            let order: Vec<usize> =
                row.counts.iter().map(|(s, _)| Status::ALL.iter().position(|o| o == s).unwrap()).collect();
            assert!(order.windows(2).all(|w| w[0] < w[1]), "{}: {order:?}", row.name);
            assert!(row.counts.iter().all(|(_, n)| *n > 0));
            let read_at = if row.id == directives[0].id { "Tính đến 03/02/2021" } else { "" };
            assert_eq!(row.as_of, read_at, "{}", row.name);
        }
    }

    #[test]
    fn a_template_row_names_kind_number_issuer_and_date() {
        let (entry, _) = templates().into_iter().find(|(e, _)| e.id == "000").unwrap();
        let row = template_row(&entry);
        assert_eq!(row.label, "Kết luận 37-KL/TU");
        assert_eq!(row.button_label, "Dùng mẫu Kết luận 37-KL/TU");
        assert!(row.sub.starts_with(&entry.issuer), "{}", row.sub);
        assert!(row.sub.ends_with(" · 28/11/2016"), "{}", row.sub);
    }

    #[test]
    fn the_saved_message_names_the_directive_and_the_plan_saved_with_it() {
        let mut d = Directive::blank("d1".into(), dtbd_domain::directive::DirectiveKind::Plan);
        d.number = "12/KH-UBND".into();
        let alone = saved_message(&d, None);
        assert!(alone.starts_with("Đã lưu ") && alone.ends_with(" 12/KH-UBND."), "{alone}");
        let with_plan = saved_message(&d, Some(1200));
        assert!(with_plan.contains("12/KH-UBND cùng kế hoạch đào tạo, bồi dưỡng (1.200 lớp)"), "{with_plan}");
    }
}
