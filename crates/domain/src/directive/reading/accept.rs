//! Nhận đề xuất: the directive saved from a [`Reading`] once the officer has kept some
//! proposals and not others. Nothing is guessed here: what she did not keep is left out by
//! one rule, which the review also uses to say beforehand what a "Bỏ" takes with it and what
//! a "Nhận" brings with it.
//!
//! - A target or need not kept leaves its paragraph as text (the item stays).
//! - A group not kept goes with the groups built on it and the targets and needs that use
//!   any of them (their paragraphs stay as text).
//! - A section not kept goes with everything under it.
//! - A header field not kept is left empty (the kind becomes "Văn bản khác").
//! - Paragraphs ([`Proposed::Item`]) are the document's own text and always stay.
//! - A plan's course line ([`Proposed::CourseLine`]) or budget ([`Proposed::Budget`]) stands
//!   alone: nothing goes or comes with it (`training::plan_reading::accept_with_plan` saves
//!   the plan beside the directive).
//!
//! The result is validated by [`Directive::validate`], the editor's own rules; each error is
//! tied to the proposal the officer should correct.

use std::collections::HashSet;

use super::{Proposed, Reading};
use crate::directive::{Criterion, Directive, DirectiveKind, Section, Target, TrainingNeed};
use crate::model::{Id, RecordMeta};

/// One reason the kept proposals do not make a directive that can be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    /// The proposal to correct (index into `Reading::proposals`), when the error is about one.
    pub proposal: Option<usize>,
    /// What is wrong, in Vietnamese (the editor's own message).
    pub message: String,
}

/// The ids left out of a reading's directive when only `kept` proposals are kept.
#[derive(Debug, Default)]
struct Left {
    groups: HashSet<String>,
    sections: HashSet<String>,
    targets: HashSet<String>,
    needs: HashSet<String>,
    header: HashSet<String>,
}

/// Whether proposal `index` is kept: paragraphs always are.
fn is_kept(reading: &Reading, kept: &[bool], index: usize) -> bool {
    matches!(reading.proposals[index].what, Proposed::Item(_)) || kept.get(index).copied().unwrap_or(false)
}

/// Ids of the groups a target's rule and criteria name.
fn target_groups(t: &Target) -> Vec<&str> {
    let mut out: Vec<&str> = t.group.iter().map(String::as_str).collect();
    for c in t.measure.criteria() {
        if let Criterion::Person { rule } = c {
            out.extend(rule.references());
        }
    }
    out
}

fn need_groups(n: &TrainingNeed) -> Vec<&str> {
    let mut out: Vec<&str> = n.group.iter().map(String::as_str).collect();
    if let Some(Criterion::Person { rule }) = &n.criterion {
        out.extend(rule.references());
    }
    out
}

fn left_out(reading: &Reading, kept: &[bool]) -> Left {
    let d = &reading.directive;
    let mut left = Left::default();
    for (i, p) in reading.proposals.iter().enumerate() {
        if is_kept(reading, kept, i) {
            continue;
        }
        match &p.what {
            Proposed::Header(field) => drop(left.header.insert(field.clone())),
            Proposed::Section(id) => drop(left.sections.insert(id.clone())),
            Proposed::Group(id) => drop(left.groups.insert(id.clone())),
            Proposed::Target(id) => drop(left.targets.insert(id.clone())),
            Proposed::Need(id) => drop(left.needs.insert(id.clone())),
            Proposed::Item(_) | Proposed::CourseLine(_) | Proposed::Budget => {}
        }
    }
    // Groups built on a group left out go too, until nothing changes.
    loop {
        let more: Vec<String> = d
            .groups
            .iter()
            .filter(|g| !left.groups.contains(&g.id) && g.rule.references().iter().any(|r| left.groups.contains(*r)))
            .map(|g| g.id.clone())
            .collect();
        if more.is_empty() {
            break;
        }
        left.groups.extend(more);
    }
    fn walk(s: &Section, gone: bool, left: &mut Left) {
        let gone = gone || left.sections.contains(&s.id);
        if gone {
            left.sections.insert(s.id.clone());
        }
        for item in &s.items {
            for t in &item.targets {
                if gone || target_groups(t).iter().any(|g| left.groups.contains(*g)) {
                    left.targets.insert(t.id.clone());
                }
            }
            for n in &item.needs {
                if gone || need_groups(n).iter().any(|g| left.groups.contains(*g)) {
                    left.needs.insert(n.id.clone());
                }
            }
        }
        for child in &s.sections {
            walk(child, gone, left);
        }
    }
    for s in &d.sections {
        walk(s, false, &mut left);
    }
    left
}

/// Index of the proposal of `what` (by kind and id).
fn find(reading: &Reading, what: &Proposed) -> Option<usize> {
    reading.proposals.iter().position(|p| &p.what == what)
}

/// The other proposals that not keeping proposal `index` leaves out with it (a group's
/// targets, needs and the groups built on it; what is under a section), when every other
/// proposal is kept. What the review says before "Bỏ".
pub fn taken_with(reading: &Reading, index: usize) -> Vec<usize> {
    let mut kept = vec![true; reading.proposals.len()];
    if let Some(k) = kept.get_mut(index) {
        *k = false;
    }
    let left = left_out(reading, &kept);
    reading
        .proposals
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            *i != index
                && match &p.what {
                    Proposed::Section(id) => left.sections.contains(id),
                    Proposed::Group(id) => left.groups.contains(id),
                    Proposed::Target(id) => left.targets.contains(id),
                    Proposed::Need(id) => left.needs.contains(id),
                    Proposed::Header(_) | Proposed::Item(_) | Proposed::CourseLine(_) | Proposed::Budget => false,
                }
        })
        .map(|(i, _)| i)
        .collect()
}

/// The other proposals that proposal `index` cannot be kept without: the sections it sits
/// in and the groups it uses (and those they are built on). What "Nhận" also keeps.
pub fn brings(reading: &Reading, index: usize) -> Vec<usize> {
    let d = &reading.directive;
    let Some(p) = reading.proposals.get(index) else { return Vec::new() };
    let mut groups: Vec<String> = Vec::new();
    let mut inside: Option<&str> = None;
    match &p.what {
        Proposed::Target(id) => {
            if let Some(t) = d.target(id) {
                groups.extend(target_groups(t).into_iter().map(String::from));
            }
            inside = Some(id);
        }
        Proposed::Need(id) => {
            if let Some(n) = d.needs().into_iter().find(|n| &n.id == id) {
                groups.extend(need_groups(n).into_iter().map(String::from));
            }
            inside = Some(id);
        }
        Proposed::Group(id) => {
            if let Some(g) = d.group(id) {
                groups.extend(g.rule.references().into_iter().map(String::from));
            }
        }
        Proposed::Section(id) | Proposed::Item(id) => inside = Some(id),
        Proposed::Header(_) | Proposed::CourseLine(_) | Proposed::Budget => {}
    }
    // Groups built on groups.
    let mut at = 0;
    while at < groups.len() {
        if let Some(g) = d.group(&groups[at]) {
            for r in g.rule.references() {
                if !groups.iter().any(|x| x == r) {
                    groups.push(r.to_string());
                }
            }
        }
        at += 1;
    }
    let mut out: Vec<usize> = Vec::new();
    if let Some(id) = inside {
        for section in section_chain(&d.sections, id).unwrap_or_default() {
            if section != id {
                out.extend(find(reading, &Proposed::Section(section.to_string())));
            }
        }
    }
    out.extend(groups.iter().filter_map(|g| find(reading, &Proposed::Group(g.clone()))));
    out.retain(|&i| i != index);
    out.sort_unstable();
    out.dedup();
    out
}

/// The ids of the sections from the top down to the one holding `id` (a section, item,
/// target or need), `id` itself last when it is a section.
fn section_chain<'d>(sections: &'d [Section], id: &str) -> Option<Vec<&'d str>> {
    for s in sections {
        let here = s.id == id
            || s.items
                .iter()
                .any(|i| i.id == id || i.targets.iter().any(|t| t.id == id) || i.needs.iter().any(|n| n.id == id));
        if here {
            return Some(vec![s.id.as_str()]);
        }
        if let Some(mut below) = section_chain(&s.sections, id) {
            below.insert(0, s.id.as_str());
            return Some(below);
        }
    }
    None
}

/// The directive to save when the proposals flagged in `kept` (one flag per proposal; a
/// missing flag is not kept) are kept, with id `id` (the store's new id). Errors are the
/// editor's validation, each tied to the proposal to correct when there is one.
pub fn accept(reading: &Reading, kept: &[bool], id: Id) -> Result<Directive, Vec<Unsaved>> {
    let d = kept_directive(reading, kept, id);
    let errors = d.validate();
    if errors.is_empty() {
        return Ok(d);
    }
    Err(errors
        .into_iter()
        .map(|e| Unsaved { proposal: proposal_of_field(reading, &d, &e.field), message: e.message })
        .collect())
}

/// The directive with only the kept proposals, not validated: what "Sửa" opens in the
/// editor, whose own validation then says what to correct.
pub fn kept_directive(reading: &Reading, kept: &[bool], id: Id) -> Directive {
    let left = left_out(reading, kept);
    let mut d = reading.directive.clone();
    d.id = id;
    d.meta = RecordMeta::default();
    for field in &left.header {
        match field.as_str() {
            "kind" => d.kind = DirectiveKind::Other,
            "number" => d.number.clear(),
            "date" => d.date = None,
            "place" => d.place.clear(),
            "issuer" => d.issuer.clear(),
            "authority" => d.authority.clear(),
            "title" => d.title.clear(),
            "period" => d.period = None,
            "scope" => d.scope.clear(),
            "signer" => d.signer = None,
            _ => {}
        }
    }
    d.groups.retain(|g| !left.groups.contains(&g.id));
    fn prune(sections: &mut Vec<Section>, left: &Left) {
        sections.retain(|s| !left.sections.contains(&s.id));
        for s in sections.iter_mut() {
            for item in &mut s.items {
                item.targets.retain(|t| !left.targets.contains(&t.id));
                item.needs.retain(|n| !left.needs.contains(&n.id));
            }
            prune(&mut s.sections, left);
        }
    }
    prune(&mut d.sections, &left);
    // References to what is gone: a second tier stands alone, a need serves the rest.
    let targets: HashSet<String> = d.targets().iter().map(|t| t.id.clone()).collect();
    fn each_item(sections: &mut [Section], f: &mut impl FnMut(&mut crate::directive::Item)) {
        for s in sections {
            s.items.iter_mut().for_each(&mut *f);
            each_item(&mut s.sections, f);
        }
    }
    each_item(&mut d.sections, &mut |item| {
        for t in &mut item.targets {
            if t.tier_of.as_ref().is_some_and(|x| !targets.contains(x)) {
                t.tier_of = None;
            }
        }
        for n in &mut item.needs {
            n.targets.retain(|x| targets.contains(x));
        }
    });
    d
}

/// The proposal an error's field path (`sections[1].items[0].targets[2].milestones[0]`,
/// `groups[3].rule`, `title`, `targets.t7.reported`) is about, in the directive `d` validated.
fn proposal_of_field(reading: &Reading, d: &Directive, field: &str) -> Option<usize> {
    let mut parts = field.split('.');
    let first = parts.next()?;
    let (name, index) = indexed(first);
    match (name, index) {
        ("groups", Some(i)) => find(reading, &Proposed::Group(d.groups.get(i)?.id.clone())),
        ("targets", None) => find(reading, &Proposed::Target(parts.next()?.to_string())),
        ("sections", Some(i)) => {
            let mut section = d.sections.get(i)?;
            let mut found = find(reading, &Proposed::Section(section.id.clone()));
            for part in parts {
                match indexed(part) {
                    ("sections", Some(k)) => {
                        section = section.sections.get(k)?;
                        found = find(reading, &Proposed::Section(section.id.clone())).or(found);
                    }
                    ("items", Some(k)) => {
                        let item = section.items.get(k)?;
                        let mut rest = field.split('.').skip_while(|p| *p != part).skip(1);
                        return match rest.next().map(indexed) {
                            Some(("targets", Some(j))) => {
                                find(reading, &Proposed::Target(item.targets.get(j)?.id.clone())).or(found)
                            }
                            Some(("needs", Some(j))) => {
                                find(reading, &Proposed::Need(item.needs.get(j)?.id.clone())).or(found)
                            }
                            _ => find(reading, &Proposed::Item(item.id.clone())).or(found),
                        };
                    }
                    _ => return found,
                }
            }
            found
        }
        (header, None) => find(reading, &Proposed::Header(header.to_string())),
        _ => None,
    }
}

/// "sections[2]" → ("sections", Some(2)); "title" → ("title", None).
fn indexed(part: &str) -> (&str, Option<usize>) {
    match part.split_once('[') {
        Some((name, rest)) => (name, rest.trim_end_matches(']').parse().ok()),
        None => (part, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directive::reading::read_text;

    const TEXT: &str = "TỈNH ỦY BẮC GIANG\nSố 12-NQ/TU\nBắc Giang, ngày 05 tháng 3 năm 2022\nNGHỊ QUYẾT\nvề đào tạo cán bộ giai đoạn 2022 - 2025\n\nI. MỤC TIÊU\n1. Đến năm 2025:\n- 80% cán bộ chủ chốt cấp xã có trình độ đại học trở lên;\n- 100% Ủy viên BCH Đảng bộ huyện có trình độ cao cấp lý luận chính trị;\n- Các hội, đoàn thể phát huy vai trò.\nII. TỔ CHỨC THỰC HIỆN\nCác cấp ủy triển khai.";

    fn reading() -> Reading {
        read_text(TEXT).unwrap()
    }

    fn index_of(r: &Reading, what: impl Fn(&Proposed) -> bool) -> usize {
        r.proposals.iter().position(|p| what(&p.what)).expect("the proposal is read")
    }

    fn all(r: &Reading) -> Vec<bool> {
        vec![true; r.proposals.len()]
    }

    fn first_target(r: &Reading) -> (usize, String) {
        let id = r.directive.targets()[0].id.clone();
        (index_of(r, |p| p == &Proposed::Target(id.clone())), id)
    }

    #[test]
    fn everything_kept_is_the_reading_itself_with_the_id_given() {
        let r = reading();
        let d = accept(&r, &all(&r), "abc".into()).unwrap();
        assert_eq!(d.id, "abc");
        assert_eq!(d.sections, r.directive.sections);
        assert_eq!(d.groups, r.directive.groups);
    }

    #[test]
    fn a_target_not_kept_leaves_its_paragraph_as_text() {
        let r = reading();
        let (i, id) = first_target(&r);
        let mut kept = all(&r);
        kept[i] = false;
        let d = accept(&r, &kept, "x".into()).unwrap();
        assert!(d.target(&id).is_none());
        let item = d.sections_flat().into_iter().flat_map(|(s, _)| s.items.iter()).find(|it| it.text.contains("80%"));
        assert!(item.is_some_and(|it| it.targets.is_empty()), "the paragraph stays, without its target");
        assert_eq!(d.targets().len(), r.directive.targets().len() - 1);
    }

    #[test]
    fn a_group_not_kept_takes_the_targets_that_use_it_and_says_so_before() {
        let r = reading();
        let t = r.directive.targets()[0].clone();
        let group = t.group.clone().unwrap();
        // The reading proposes the group with the span of its phrase.
        let g = r.proposals.iter().position(|p| p.what == Proposed::Group(group.clone())).expect("group proposed");
        let users: Vec<String> =
            r.directive.targets().iter().filter(|x| x.group.as_ref() == Some(&group)).map(|x| x.id.clone()).collect();
        let taken = taken_with(&r, g);
        let taken_ids: Vec<&Proposed> = taken.iter().map(|&i| &r.proposals[i].what).collect();
        assert_eq!(
            taken_ids,
            users.iter().map(|u| Proposed::Target(u.clone())).collect::<Vec<_>>().iter().collect::<Vec<_>>()
        );
        let mut kept = all(&r);
        kept[g] = false;
        let d = accept(&r, &kept, "x".into()).unwrap();
        assert!(d.group(&group).is_none());
        assert!(users.iter().all(|u| d.target(u).is_none()));
        // Accepting the target brings the group back.
        let (ti, _) = first_target(&r);
        assert!(brings(&r, ti).contains(&g));
    }

    #[test]
    fn a_section_not_kept_goes_with_what_is_under_it() {
        let r = reading();
        let first = r.directive.sections.iter().find(|s| s.number == "I.").unwrap().id.clone();
        let s = index_of(&r, |p| p == &Proposed::Section(first.clone()));
        let taken = taken_with(&r, s);
        assert!(taken.iter().any(|&i| matches!(r.proposals[i].what, Proposed::Target(_))));
        let mut kept = all(&r);
        kept[s] = false;
        let d = accept(&r, &kept, "x".into()).unwrap();
        assert!(d.sections.iter().all(|x| x.id != first));
        assert!(d.targets().is_empty());
        // Keeping a target keeps the section it sits in.
        let (t, _) = first_target(&r);
        assert!(brings(&r, t).contains(&s));
    }

    #[test]
    fn a_header_field_not_kept_is_empty_and_the_error_names_its_proposal() {
        let r = reading();
        let number = index_of(&r, |p| p == &Proposed::Header("number".into()));
        let mut kept = all(&r);
        kept[number] = false;
        assert_eq!(accept(&r, &kept, "x".into()).unwrap().number, "");
        let title = index_of(&r, |p| p == &Proposed::Header("title".into()));
        kept[title] = false;
        let errors = accept(&r, &kept, "x".into()).unwrap_err();
        assert_eq!(errors, vec![Unsaved { proposal: Some(title), message: "Trích yếu: không được để trống.".into() }]);
    }

    #[test]
    fn an_error_inside_a_target_names_that_target() {
        let mut r = reading();
        let (i, id) = first_target(&r);
        // A milestone before the document's date: the editor refuses it.
        fn set(sections: &mut [Section], id: &str) {
            for s in sections {
                for item in &mut s.items {
                    for t in &mut item.targets {
                        if t.id == id {
                            t.milestones[0].year = 2000;
                        }
                    }
                }
                set(&mut s.sections, id);
            }
        }
        set(&mut r.directive.sections, &id);
        let errors = accept(&r, &all(&r), "x".into()).unwrap_err();
        assert!(!errors.is_empty());
        assert!(errors.iter().all(|e| e.proposal == Some(i)), "{errors:?}");
    }

    #[test]
    fn nothing_kept_but_the_header_is_the_paragraphs_alone_or_nothing() {
        let r = reading();
        let kept: Vec<bool> = r.proposals.iter().map(|p| matches!(p.what, Proposed::Header(_))).collect();
        let d = kept_directive(&r, &kept, "x".into());
        assert!(d.targets().is_empty() && d.needs().is_empty());
        assert!(d.sections.iter().all(|s| !r.proposals.iter().any(|p| p.what == Proposed::Section(s.id.clone()))));
    }
}
