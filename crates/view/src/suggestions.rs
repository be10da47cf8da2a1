//! Đề xuất cử đi học: who to send for one directive, as a list the officer narrows to one
//! batch (chỉ tiêu, đơn vị, năm, nội dung cần học), grouped by target with counts, printed and
//! exported as chosen. The order and the yearly batches are the domain's `suggest`; a district
//! lists hundreds of people, so the page shows and prints only what the filters keep.

use std::collections::{BTreeSet, HashSet};

use dtbd_domain::directive::{score_directive, suggest, Date, Directive, RosterIndex};
use dtbd_domain::number::grouped;
use dtbd_domain::roster::Roster;
use dtbd_domain::table::{Cell, Table};
use dtbd_domain::text::slug;

use crate::unit_choices::UnitChoices;

/// One person suggested, as the table prints them.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionRow {
    /// TT, from 1 within the group.
    pub number: usize,
    /// Whom the row is about (two people may share a name and a unit).
    pub cadre_id: String,
    pub full_name: String,
    /// Đơn vị (empty when the cadre is no longer on the roster).
    pub unit: String,
    /// Năm đề xuất cử đi.
    pub year: u16,
    /// Cần đào tạo, bồi dưỡng: what the person lacks, joined with "; ".
    pub needs: String,
    /// Already studying towards one of them: the table adds " (đang học)".
    pub studying: bool,
    /// Để đạt chỉ tiêu: the sentence of every target the person helps close.
    pub targets: Vec<String>,
}

/// Every person the directive's gaps call for, computed once; [`SuggestionList::page`] narrows
/// it as the filters change, without scoring again.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SuggestionList {
    people: Vec<Person>,
    /// Targets with someone suggested, in document order: (id, "Chỉ tiêu 3", sentence).
    targets: Vec<(String, String, String)>,
    /// The directive's number, for the export's file name.
    document: String,
}

#[derive(Debug, Clone, PartialEq)]
struct Person {
    row: SuggestionRow,
    unit_id: String,
    /// Target ids, in document order.
    target_ids: Vec<String>,
    /// What to study, one entry per lack.
    needs: Vec<String>,
}

/// Which batch the officer chose; an empty field keeps everyone.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SuggestionFilter {
    /// Target id.
    pub target: String,
    /// Unit id: the unit and every unit under it.
    pub unit: String,
    /// Năm, as written ("2025").
    pub year: String,
    /// Nội dung cần học, as listed ("Lý luận chính trị: Cao cấp").
    pub need: String,
}

/// One target's people.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionGroup {
    /// "Chỉ tiêu 3: 12 người".
    pub title: String,
    /// The target's sentence.
    pub sentence: String,
    pub rows: Vec<SuggestionRow>,
}

/// `(value, label)` of each filter's select, the first "Tất cả …": they depend on the list,
/// not on the filters, so a select is not redrawn under the officer's finger.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SuggestionChoices {
    pub targets: Vec<(String, String)>,
    pub units: Vec<(String, String)>,
    pub years: Vec<(String, String)>,
    pub needs: Vec<(String, String)>,
}

/// What the page shows for one choice of filters.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SuggestionPage {
    /// Each person once, under the chosen target, else the first target they help.
    pub groups: Vec<SuggestionGroup>,
    /// "Đợt đã chọn: 35 người (trong 910 người được đề xuất)."
    pub summary: String,
    /// The chosen batch in words, for the printed title ("Năm 2025 · UBND xã Nậm Ty").
    pub chosen: String,
    /// The chosen batch as one table, for "Tải Excel" / "Tải CSV".
    pub table: Table,
    /// The export's file name before its moment ("de-xuat-02-da-hu-nam-2025").
    pub file_base: String,
}

impl SuggestionList {
    /// Everyone `directive` calls for over `roster` at `today`: empty when no target with a gap
    /// can be closed from the roster.
    pub fn build(directive: &Directive, roster: &Roster, today: Date) -> Self {
        let index = RosterIndex::build(roster);
        let score = score_directive(directive, &index, today);
        let all_targets = directive.targets();
        let position = |id: &str| all_targets.iter().position(|t| t.id == id).unwrap_or(usize::MAX);
        let sentence_of = |id: &str| directive.target(id).map(|t| t.sentence.clone()).unwrap_or_default();
        let mut used: BTreeSet<usize> = BTreeSet::new();
        let people = suggest(directive, &index, today, &score.targets)
            .into_iter()
            .flat_map(|batch| batch.people)
            .map(|person| {
                let mut needs: Vec<String> = person.reasons.iter().flat_map(|r| r.needs.iter().cloned()).collect();
                let mut seen = HashSet::new();
                needs.retain(|n| seen.insert(n.clone()));
                let mut target_ids: Vec<String> = person.reasons.iter().map(|r| r.target_id.clone()).collect();
                target_ids.sort_by_key(|id| position(id));
                target_ids.dedup();
                used.extend(target_ids.iter().map(|id| position(id)));
                let cadre = roster.cadre(&person.cadre_id);
                let unit_id = cadre.map(|c| c.unit_id.clone()).unwrap_or_default();
                Person {
                    row: SuggestionRow {
                        number: 0,
                        cadre_id: person.cadre_id.clone(),
                        full_name: person.full_name.clone(),
                        unit: cadre.map(|c| roster.unit_name(&c.unit_id).to_string()).unwrap_or_default(),
                        year: person.year,
                        needs: needs.join("; "),
                        studying: person.reasons.iter().any(|r| r.studying),
                        targets: target_ids.iter().map(|id| sentence_of(id)).collect(),
                    },
                    unit_id,
                    target_ids,
                    needs,
                }
            })
            .collect();
        let targets = used
            .into_iter()
            .filter_map(|i| all_targets.get(i))
            .map(|t| (t.id.clone(), target_label(position(&t.id)), t.sentence.clone()))
            .collect();
        SuggestionList { people, targets, document: directive.number.clone() }
    }

    /// Nobody to suggest.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// The page for `filter`: the choices, the kept people grouped by target, the export.
    pub fn page(&self, filter: &SuggestionFilter, roster: &Roster) -> SuggestionPage {
        let units: Option<HashSet<String>> = (!filter.unit.is_empty()).then(|| roster.subtree(&filter.unit));
        let kept: Vec<&Person> = self
            .people
            .iter()
            .filter(|p| filter.target.is_empty() || p.target_ids.contains(&filter.target))
            .filter(|p| units.as_ref().is_none_or(|u| u.contains(&p.unit_id)))
            .filter(|p| filter.year.is_empty() || p.row.year.to_string() == filter.year)
            .filter(|p| filter.need.is_empty() || p.needs.contains(&filter.need))
            .collect();
        let groups: Vec<SuggestionGroup> = self
            .targets
            .iter()
            .filter(|(id, ..)| filter.target.is_empty() || *id == filter.target)
            .filter_map(|(id, label, sentence)| {
                let home = |p: &&&Person| {
                    if filter.target.is_empty() {
                        p.target_ids.first() == Some(id)
                    } else {
                        p.target_ids.contains(id)
                    }
                };
                let rows: Vec<SuggestionRow> = kept
                    .iter()
                    .filter(home)
                    .enumerate()
                    .map(|(i, p)| SuggestionRow { number: i + 1, ..p.row.clone() })
                    .collect();
                (!rows.is_empty()).then(|| SuggestionGroup {
                    title: format!("{label}: {} người", grouped(rows.len())),
                    sentence: sentence.clone(),
                    rows,
                })
            })
            .collect();
        let chosen = self.chosen(filter, roster);
        SuggestionPage {
            summary: format!(
                "Đợt đã chọn: {} người (trong {} người được đề xuất).",
                grouped(kept.len()),
                grouped(self.people.len())
            ),
            table: self.table(&groups, &chosen),
            file_base: self.file_base(&chosen),
            chosen,
            groups,
        }
    }

    /// The filters' options.
    pub fn choices(&self, roster: &Roster) -> SuggestionChoices {
        SuggestionChoices {
            targets: self.target_choices(),
            units: UnitChoices { first: Some(("", "Tất cả đơn vị")), ..Default::default() }.of(roster),
            years: self.year_choices(),
            needs: self.need_choices(),
        }
    }

    fn target_choices(&self) -> Vec<(String, String)> {
        let all = std::iter::once((String::new(), "Tất cả chỉ tiêu".to_string()));
        all.chain(self.targets.iter().map(|(id, label, sentence)| (id.clone(), format!("{label}. {sentence}"))))
            .collect()
    }

    fn year_choices(&self) -> Vec<(String, String)> {
        let years: BTreeSet<u16> = self.people.iter().map(|p| p.row.year).collect();
        std::iter::once((String::new(), "Tất cả các năm".to_string()))
            .chain(years.into_iter().map(|y| (y.to_string(), format!("Năm {y}"))))
            .collect()
    }

    fn need_choices(&self) -> Vec<(String, String)> {
        let needs: BTreeSet<&String> = self.people.iter().flat_map(|p| p.needs.iter()).collect();
        std::iter::once((String::new(), "Tất cả nội dung".to_string()))
            .chain(needs.into_iter().map(|n| (n.clone(), n.clone())))
            .collect()
    }

    /// The filters set, in words joined by " · "; "Toàn bộ danh sách" when none is.
    fn chosen(&self, filter: &SuggestionFilter, roster: &Roster) -> String {
        let target = self.targets.iter().find(|(id, ..)| *id == filter.target).map(|(_, label, _)| label.clone());
        let unit = (!filter.unit.is_empty()).then(|| roster.unit_name(&filter.unit).to_string());
        let year = (!filter.year.is_empty()).then(|| format!("Năm {}", filter.year));
        let need = (!filter.need.is_empty()).then(|| filter.need.clone());
        let parts: Vec<String> = [target, unit, year, need].into_iter().flatten().collect();
        if parts.is_empty() {
            "Toàn bộ danh sách".into()
        } else {
            parts.join(" · ")
        }
    }

    fn table(&self, groups: &[SuggestionGroup], chosen: &str) -> Table {
        let header = ["TT", "Họ và tên", "Đơn vị", "Năm cử đi", "Cần đào tạo, bồi dưỡng", "Nhóm", "Để đạt chỉ tiêu"];
        let rows = groups
            .iter()
            .flat_map(|g| {
                let label = g.title.split(':').next().unwrap_or_default().to_string();
                g.rows.iter().map(move |r| {
                    vec![
                        Cell::Int(r.number as i64),
                        Cell::text(&r.full_name),
                        Cell::text(&r.unit),
                        Cell::text(r.year.to_string()),
                        Cell::text(if r.studying { format!("{} (đang học)", r.needs) } else { r.needs.clone() }),
                        Cell::text(&label),
                        Cell::text(r.targets.join("; ")),
                    ]
                })
            })
            .collect();
        Table {
            title: format!("Danh sách đề xuất cử đi đào tạo, bồi dưỡng ({chosen})"),
            header: header.iter().map(|h| h.to_string()).collect(),
            rows,
        }
    }

    fn file_base(&self, chosen: &str) -> String {
        let batch = if chosen == "Toàn bộ danh sách" { String::new() } else { format!("-{}", slug(chosen, 60)) };
        match slug(&self.document, 30) {
            document if document.is_empty() => format!("de-xuat-cu-di-hoc{batch}"),
            document => format!("de-xuat-cu-di-hoc-{document}{batch}"),
        }
    }
}

/// "Chỉ tiêu 3": a target by its place among the directive's targets.
fn target_label(position: usize) -> String {
    format!("Chỉ tiêu {}", position + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{hoang_su_phi_roster, scheme_02};

    fn list() -> (SuggestionList, Roster) {
        let roster = hoang_su_phi_roster(7);
        let list = SuggestionList::build(&scheme_02(), &roster, Date::new(2022, 6, 1).unwrap());
        assert!(!list.is_empty(), "the 2021-2025 scheme has gaps in 2022");
        (list, roster)
    }

    fn ids(page: &SuggestionPage) -> Vec<String> {
        page.groups.iter().flat_map(|g| g.rows.iter().map(|r| r.cadre_id.clone())).collect()
    }

    #[test]
    fn unfiltered_every_person_is_listed_once_under_a_target_with_its_count() {
        let (list, roster) = list();
        let directive = scheme_02();
        let page = list.page(&SuggestionFilter::default(), &roster);
        let all = ids(&page);
        let distinct: HashSet<&String> = all.iter().collect();
        assert_eq!(distinct.len(), all.len(), "someone listed twice");
        assert_eq!(all.len(), list.people.len());
        assert!(page.summary.starts_with(&format!("Đợt đã chọn: {} người", grouped(all.len()))), "{}", page.summary);
        assert_eq!(page.chosen, "Toàn bộ danh sách");
        for group in &page.groups {
            assert!(group.title.starts_with("Chỉ tiêu "), "{}", group.title);
            assert!(group.title.ends_with(&format!(": {} người", grouped(group.rows.len()))), "{}", group.title);
            for (position, row) in group.rows.iter().enumerate() {
                assert_eq!(row.number, position + 1);
                assert!(!row.unit.is_empty(), "{}", row.full_name);
                assert!(!row.needs.is_empty() && !row.targets.is_empty(), "{row:?}");
                assert_eq!(row.targets[0], group.sentence, "a person sits under the first target they help");
                for sentence in &row.targets {
                    assert!(directive.targets().iter().any(|t| &t.sentence == sentence), "{sentence}");
                }
            }
        }
        assert_eq!(page.table.rows.len(), all.len());
    }

    #[test]
    fn each_filter_keeps_only_its_batch_and_the_export_holds_only_that() {
        let (list, roster) = list();
        let choices = list.choices(&roster);
        assert_eq!(choices.units[0], (String::new(), "Tất cả đơn vị".to_string()));
        // By year.
        let year = choices.years[1].0.clone();
        let by_year = list.page(&SuggestionFilter { year: year.clone(), ..Default::default() }, &roster);
        assert!(!by_year.groups.is_empty());
        assert!(by_year.groups.iter().flat_map(|g| &g.rows).all(|r| r.year.to_string() == year));
        assert_eq!(by_year.table.rows.len(), ids(&by_year).len());
        assert!(by_year.table.rows.iter().all(|r| r[3] == Cell::text(year.clone())));
        assert_eq!(by_year.chosen, format!("Năm {year}"));
        assert!(by_year.file_base.ends_with(&format!("-nam-{year}")), "{}", by_year.file_base);
        // By target: everyone who helps it, some of whom sit under another target unfiltered.
        let (target, label) = choices.targets[1].clone();
        let by_target = list.page(&SuggestionFilter { target: target.clone(), ..Default::default() }, &roster);
        assert_eq!(by_target.groups.len(), 1);
        let helping = list.people.iter().filter(|p| p.target_ids.contains(&target)).count();
        assert_eq!(ids(&by_target).len(), helping);
        assert!(label.starts_with("Chỉ tiêu "), "{label}");
        // By unit: the unit and those under it.
        let unit_id = list.people[0].unit_id.clone();
        let below = roster.subtree(&unit_id);
        let by_unit = list.page(&SuggestionFilter { unit: unit_id.clone(), ..Default::default() }, &roster);
        let kept = ids(&by_unit);
        assert!(!kept.is_empty());
        for id in &kept {
            assert!(below.contains(&roster.cadre(id).unwrap().unit_id));
        }
        assert_eq!(by_unit.chosen, roster.unit_name(&unit_id));
        // By what to study.
        let need = choices.needs[1].0.clone();
        let by_need = list.page(&SuggestionFilter { need: need.clone(), ..Default::default() }, &roster);
        assert!(by_need.groups.iter().flat_map(|g| &g.rows).all(|r| r.needs.contains(&need)));
        // Together: fewer, and the summary counts against everyone.
        let both = list.page(&SuggestionFilter { year, unit: unit_id, ..Default::default() }, &roster);
        assert!(ids(&both).len() <= kept.len().min(ids(&by_year).len()));
        assert!(both.summary.ends_with(&format!("(trong {} người được đề xuất).", grouped(list.people.len()))));
    }

    #[test]
    fn a_met_roster_needs_nobody() {
        let list = SuggestionList::build(&scheme_02(), &Roster::default(), Date::new(2022, 6, 1).unwrap());
        assert!(list.is_empty());
        let page = list.page(&SuggestionFilter::default(), &Roster::default());
        assert!(page.groups.is_empty() && page.table.rows.is_empty());
        assert_eq!(list.choices(&Roster::default()).targets.len(), 1);
    }
}
