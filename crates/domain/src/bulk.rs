//! Sửa hàng loạt: one change applied to many cadres at once (a unit moved, đối tượng set,
//! a committee membership added after a congress ...), because a district of 1.300 people
//! fixed one form at a time takes a working week.
//!
//! [`apply`] works on a copy: each cadre the change touches is validated whole by
//! [`Roster::validate_cadre`], exactly as a form save is, so a bulk edit refuses what a form
//! refuses; a cadre the change leaves as it was is counted, not rewritten (applying the same
//! change twice writes nothing the second time). Every changed cadre gets a new version
//! ([`RecordMeta::next`]) and the outcome keeps the versions before, so [`undo`] can put them
//! back, again as new versions: a snapshot merge then sees the undo as the newest state.

use std::collections::{HashMap, HashSet};

use crate::levels::{
    DefenceSecurity, ForeignLanguage, InformationTechnology, Level, Political, Professional, Qualification, Scale,
    StateManagement,
};
use crate::model::{Cadre, Category, Id, Membership, Millis, Position, RecordMeta};
use crate::roster::Roster;
use crate::roster_import::leadership_of;
use crate::text::fold;

/// One edit, the same for every cadre it is applied to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkChange {
    /// Đơn vị công tác: moves the cadre's main unit (positions stay where they are).
    SetUnit(Id),
    /// Đối tượng (cán bộ, công chức, viên chức ...).
    SetCategory(Category),
    /// Người địa phương: có or không.
    SetLocal(bool),
    /// Thêm ủy viên: a membership, unless the cadre already sits on that committee at that
    /// level (whatever term is written there).
    AddMembership(Membership),
    /// Thêm chức vụ: a position, unless the cadre already holds that title in that unit.
    /// Built by [`BulkChange::add_position`], which guesses the leadership from the title.
    AddPosition(Position),
    /// Trình độ đã đạt on a scale, by level code. A study towards this level or a lower one is
    /// over, so it is cleared; the level is known from now on.
    SetLevel {
        /// Which scale.
        scale: Scale,
        /// The level's code on that scale (`"thac_si"`).
        level: String,
    },
    /// Đang học on a scale: the level studied towards (`None`: not studying), and the year the
    /// study should end. A level not above the one held is refused by validation.
    SetStudying {
        /// Which scale.
        scale: Scale,
        /// The level's code studied towards, or `None` to clear the study.
        level: Option<String>,
        /// Năm dự kiến hoàn thành.
        until: Option<u16>,
    },
}

impl BulkChange {
    /// Thêm chức vụ `title` in `unit_id`: white space tidied, cấp trưởng / cấp phó guessed from
    /// the title as the roster import guesses it ("Phó Chủ tịch" → cấp phó).
    pub fn add_position(unit_id: Id, title: &str) -> Self {
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        BulkChange::AddPosition(Position { leadership: leadership_of(&title), unit_id, title })
    }

    /// Applies the change to one cadre in place; true when that changed it (each edit says
    /// so itself rather than the whole record being compared). `Err` when the change itself
    /// is unusable (a level code the scale does not have), whoever it is applied to.
    fn edit(&self, c: &mut Cadre) -> Result<bool, String> {
        Ok(match self {
            BulkChange::SetUnit(unit) => set(&mut c.unit_id, unit.clone()),
            BulkChange::SetCategory(category) => set(&mut c.category, *category),
            BulkChange::SetLocal(local) => set(&mut c.local, *local),
            BulkChange::AddMembership(m) => {
                let held = c.memberships.iter().any(|held| held.committee == m.committee && held.level == m.level);
                if !held {
                    c.memberships.push(Membership { term: m.term.trim().to_string(), ..m.clone() });
                }
                !held
            }
            BulkChange::AddPosition(p) => {
                let title = fold(&p.title);
                let held = c.positions.iter().any(|held| held.unit_id == p.unit_id && fold(&held.title) == title);
                if !held {
                    c.positions.push(p.clone());
                }
                !held
            }
            BulkChange::SetLevel { scale, level } => on_scale(c, *scale, ScaleEdit::Held(level))?,
            BulkChange::SetStudying { scale, level, until } => {
                on_scale(c, *scale, ScaleEdit::Studying(level.as_deref(), *until))?
            }
        })
    }
}

/// Puts `value` in `slot`; true when that changed it.
fn set<T: PartialEq>(slot: &mut T, value: T) -> bool {
    let changed = *slot != value;
    *slot = value;
    changed
}

/// What [`BulkChange::SetLevel`] and [`BulkChange::SetStudying`] do on one scale, written
/// once for every level type.
#[derive(Clone, Copy)]
enum ScaleEdit<'a> {
    Held(&'a str),
    Studying(Option<&'a str>, Option<u16>),
}

impl ScaleEdit<'_> {
    fn on<L: Level>(self, q: &mut Qualification<L>) -> Result<bool, String> {
        let before = *q;
        let level = |code: &str| {
            L::from_code(code).ok_or_else(|| format!("{}: không có trình độ \"{code}\".", L::SCALE.label()))
        };
        match self {
            ScaleEdit::Held(code) => {
                let l = level(code)?;
                q.level = l;
                q.level_unknown = false;
                if q.studying.is_some_and(|s| s <= l) {
                    q.studying = None;
                    q.studying_until = None;
                }
            }
            ScaleEdit::Studying(code, until) => {
                q.studying = code.map(level).transpose()?;
                q.studying_until = until.filter(|_| q.studying.is_some());
            }
        }
        Ok(*q != before)
    }
}

fn on_scale(c: &mut Cadre, scale: Scale, edit: ScaleEdit<'_>) -> Result<bool, String> {
    match scale {
        Scale::Professional => edit.on::<Professional>(&mut c.professional),
        Scale::Political => edit.on::<Political>(&mut c.political),
        Scale::StateManagement => edit.on::<StateManagement>(&mut c.state_management),
        Scale::ForeignLanguage => edit.on::<ForeignLanguage>(&mut c.foreign_language),
        Scale::InformationTechnology => edit.on::<InformationTechnology>(&mut c.it),
        Scale::DefenceSecurity => edit.on::<DefenceSecurity>(&mut c.defence_security),
    }
}

/// What a bulk change does to the cadres it was applied to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BulkOutcome {
    /// The cadres the change alters, as they will be saved (validated, version bumped).
    pub changed: Vec<Cadre>,
    /// The same cadres as they were, in the same order, for [`undo`].
    pub before: Vec<Cadre>,
    /// Cadres the change leaves as they were ("đã đúng như vậy").
    pub unchanged: usize,
    /// Cadres the change cannot be applied to, with why (the validation messages, or "not
    /// found"), by id.
    pub refused: Vec<(Id, String)>,
}

impl BulkOutcome {
    /// Puts the changed cadres into `roster` in place of the versions they replace (after the
    /// store has written them: memory follows disk).
    pub fn write_into(&self, roster: &mut Roster) {
        let at = positions(&roster.cadres);
        let slots: Vec<Option<usize>> = self.changed.iter().map(|c| at.get(c.id.as_str()).copied()).collect();
        for (c, slot) in self.changed.iter().zip(slots) {
            if let Some(i) = slot {
                roster.cadres[i] = c.clone();
            }
        }
    }
}

/// Where each cadre is in `cadres`, by id (one map type for every look-up here: a bulk edit
/// of 1.300 people looks each up once, not through the whole list).
fn positions(cadres: &[Cadre]) -> HashMap<&str, usize> {
    cadres.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect()
}

/// Why a cadre was not found ("deleted in another tab meanwhile", usually).
fn not_found(id: &str) -> String {
    format!("Không tìm thấy cán bộ (mã {id}); có thể vừa bị xóa.")
}

/// The validation messages of `c`, in one line; `None` when it is valid.
fn refusal(roster: &Roster, c: &Cadre) -> Option<String> {
    let errors = roster.validate_cadre(c);
    (!errors.is_empty()).then(|| errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" "))
}

/// Applies `change` to the cadres `ids` names (each once, in the order given) on a copy:
/// nothing in `roster` changes. See [`BulkOutcome`].
pub fn apply(roster: &Roster, ids: &[Id], change: &BulkChange, now: Millis) -> BulkOutcome {
    let at = positions(&roster.cadres);
    let mut seen = HashSet::new();
    let mut out = BulkOutcome::default();
    for id in ids.iter().filter(|id| seen.insert(id.as_str())) {
        let Some(old) = at.get(id.as_str()).map(|&i| &roster.cadres[i]) else {
            out.refused.push((id.clone(), not_found(id)));
            continue;
        };
        let mut new = old.clone();
        match change.edit(&mut new) {
            Err(message) => out.refused.push((id.clone(), message)),
            Ok(false) => out.unchanged += 1,
            Ok(true) => match refusal(roster, &new) {
                Some(message) => out.refused.push((id.clone(), message)),
                None => {
                    new.meta = RecordMeta::next(Some(&old.meta), now);
                    out.before.push(old.clone());
                    out.changed.push(new);
                }
            },
        }
    }
    out
}

/// Hoàn tác: puts back the cadres `done` changed as they were before, each as a new version
/// of the one stored now. A cadre edited again since (its version moved on) or deleted is
/// refused, never overwritten: the later edit wins.
pub fn undo(roster: &Roster, done: &BulkOutcome, now: Millis) -> BulkOutcome {
    let at = positions(&roster.cadres);
    let mut out = BulkOutcome::default();
    for (written, before) in done.changed.iter().zip(&done.before) {
        let Some(current) = at.get(written.id.as_str()).map(|&i| &roster.cadres[i]) else {
            out.refused.push((written.id.clone(), not_found(&written.id)));
            continue;
        };
        if current.meta.version != written.meta.version {
            out.refused
                .push((written.id.clone(), format!("{} đã được sửa lại sau đó; giữ bản mới.", current.full_name)));
            continue;
        }
        let restored = Cadre { meta: RecordMeta::next(Some(&current.meta), now), ..before.clone() };
        if let Some(message) = refusal(roster, &restored) {
            out.refused.push((written.id.clone(), message));
        } else {
            out.before.push(current.clone());
            out.changed.push(restored);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{generate_roster, unit, XorShift};
    use crate::model::{Committee, GovLevel, Leadership};

    fn roster() -> Roster {
        let mut r = Roster {
            units: vec![unit("h", "Huyện Hoàng Su Phì", None), unit("x", "UBND xã Nậm Ty", Some("h"))],
            cadres: vec![],
        };
        for (i, name) in ["Nguyễn Văn An", "Lò Thị Bình", "Giàng A Dế"].iter().enumerate() {
            let mut c = Cadre::blank(format!("c{i}"), "x".into());
            c.full_name = name.to_string();
            r.save_cadre(c, 1).unwrap();
        }
        r
    }

    fn ids(r: &Roster) -> Vec<Id> {
        r.cadres.iter().map(|c| c.id.clone()).collect()
    }

    fn bch_huyen() -> BulkChange {
        BulkChange::AddMembership(Membership {
            committee: Committee::ExecutiveCommittee,
            level: GovLevel::District,
            term: " 2025-2030 ".into(),
        })
    }

    #[test]
    fn a_change_bumps_versions_counts_those_already_right_and_changes_nothing_in_place() {
        let mut r = roster();
        r.cadres[1].local = true;
        let before = r.clone();
        let out = apply(&r, &ids(&r), &BulkChange::SetLocal(true), 50);
        assert_eq!(r, before, "apply works on a copy");
        assert_eq!(out.changed.len(), 2);
        assert_eq!(out.unchanged, 1);
        assert!(out.refused.is_empty());
        assert!(out.changed.iter().all(|c| c.local && c.meta == RecordMeta::at(2, 50)));
        assert_eq!(out.before, vec![r.cadres[0].clone(), r.cadres[2].clone()]);
        out.write_into(&mut r);
        assert!(r.cadres.iter().all(|c| c.local));
        assert_eq!(r.cadres[1].meta.version, 1, "the one already right is not rewritten");
    }

    #[test]
    fn a_membership_is_added_once_with_its_term_trimmed() {
        let mut r = roster();
        r.cadres[0].memberships.push(Membership {
            committee: Committee::ExecutiveCommittee,
            level: GovLevel::District,
            term: "2020-2025".into(),
        });
        let out = apply(&r, &ids(&r), &bch_huyen(), 2);
        assert_eq!((out.changed.len(), out.unchanged), (2, 1));
        assert_eq!(out.changed[0].memberships[0].term, "2025-2030");
        out.write_into(&mut r);
        assert_eq!(r.cadres[0].memberships.len(), 1, "already held: the term stays as it was");
        assert!(r.cadres.iter().all(|c| c.memberships.len() == 1));
    }

    #[test]
    fn a_position_guesses_its_leadership_and_is_not_added_twice() {
        let mut r = roster();
        let change = BulkChange::add_position("x".into(), "  Phó Chủ tịch   UBND xã ");
        let BulkChange::AddPosition(p) = &change else { unreachable!() };
        assert_eq!((p.title.as_str(), p.leadership), ("Phó Chủ tịch UBND xã", Leadership::Deputy));
        let out = apply(&r, &ids(&r)[..1], &change, 2);
        out.write_into(&mut r);
        let again = apply(&r, &ids(&r)[..1], &BulkChange::add_position("x".into(), "phó chủ tịch ubnd xã"), 3);
        assert_eq!((again.changed.len(), again.unchanged), (0, 1), "same title folded, same unit");
        let elsewhere = apply(&r, &ids(&r)[..1], &BulkChange::add_position("h".into(), "Phó Chủ tịch UBND xã"), 3);
        assert_eq!(elsewhere.changed.len(), 1);
        assert_eq!(BulkChange::add_position("h".into(), "Trưởng phòng Nội vụ"), {
            BulkChange::AddPosition(Position {
                unit_id: "h".into(),
                title: "Trưởng phòng Nội vụ".into(),
                leadership: Leadership::Head,
            })
        });
    }

    #[test]
    fn what_a_form_refuses_a_bulk_edit_refuses_per_person() {
        let mut r = roster();
        r.cadres[0].political.level = Political::Advanced;
        let out = apply(
            &r,
            &ids(&r),
            &BulkChange::SetStudying { scale: Scale::Political, level: Some("cao_cap".into()), until: Some(2026) },
            2,
        );
        assert_eq!(out.changed.len(), 2);
        assert_eq!(out.refused.len(), 1);
        assert_eq!(out.refused[0].0, "c0");
        assert!(out.refused[0].1.starts_with("Lý luận chính trị: trình độ đang học"), "{}", out.refused[0].1);
        assert!(out.changed.iter().all(|c| c.political.studying_until == Some(2026)));

        let gone = apply(&r, &["c1".into(), "nope".into(), "c1".into()], &BulkChange::SetUnit("missing".into()), 2);
        assert_eq!(gone.refused.len(), 2, "each id once: {:?}", gone.refused);
        assert!(gone.refused[0].1.starts_with("Đơn vị công tác: đơn vị không tồn tại"));
        assert!(gone.refused[1].1.contains("mã nope"));

        let bad = apply(&r, &ids(&r), &BulkChange::SetLevel { scale: Scale::Professional, level: "x".into() }, 2);
        assert_eq!(bad.refused.len(), 3);
        assert_eq!(bad.refused[0].1, "Trình độ chuyên môn: không có trình độ \"x\".");
    }

    #[test]
    fn a_level_reached_ends_the_study_towards_it_and_makes_the_level_known() {
        let mut r = roster();
        r.cadres[0].professional.level = Professional::Bachelor;
        r.cadres[0].professional.studying = Some(Professional::Master);
        r.cadres[0].professional.studying_until = Some(2025);
        r.cadres[1].professional.studying = Some(Professional::Doctor);
        r.cadres[2].professional.studying = Some(Professional::Master);
        r.cadres[2].professional.level_unknown = true;
        let out = apply(&r, &ids(&r), &BulkChange::SetLevel { scale: Scale::Professional, level: "thac_si".into() }, 2);
        let p: Vec<_> = out.changed.iter().map(|c| c.professional).collect();
        assert_eq!(p[0], Qualification::at(Professional::Master));
        assert_eq!(p[1].studying, Some(Professional::Doctor), "a higher study goes on");
        assert_eq!(p[2], Qualification::at(Professional::Master));

        let stop = apply(
            &r,
            &ids(&r)[..1],
            &BulkChange::SetStudying { scale: Scale::Professional, level: None, until: Some(2030) },
            2,
        );
        assert_eq!(stop.changed[0].professional, Qualification::at(Professional::Bachelor), "no year without a study");
    }

    #[test]
    fn undo_puts_the_previous_versions_back_as_newer_ones_unless_edited_since() {
        let mut r = roster();
        let original = r.clone();
        let done = apply(&r, &ids(&r), &BulkChange::SetCategory(Category::Cadre), 10);
        done.write_into(&mut r);
        // Another tab edits one of them afterwards.
        let mut later = r.cadres[2].clone();
        later.note = "sửa sau".into();
        r.save_cadre(later, 11).unwrap();

        let undone = undo(&r, &done, 12);
        assert_eq!(undone.changed.len(), 2);
        assert_eq!(undone.refused.len(), 1);
        assert!(undone.refused[0].1.contains("Giàng A Dế đã được sửa lại sau đó"), "{}", undone.refused[0].1);
        undone.write_into(&mut r);
        for (now, was) in r.cadres.iter().zip(&original.cadres).take(2) {
            assert_eq!(Cadre { meta: was.meta.clone(), ..now.clone() }, *was);
            assert_eq!(now.meta, RecordMeta::at(3, 12));
        }
        assert_eq!(r.cadres[2].category, Category::Cadre, "the later edit wins");
        assert_eq!(undo(&r, &done, 13).changed.len(), 0, "undoing twice restores nothing");
    }

    /// Every change, applied twice to a generated roster, changes nothing the second time;
    /// and nothing it changes the first time is invalid.
    #[test]
    fn applying_the_same_change_twice_changes_nothing_the_second_time() {
        let mut rng = XorShift::new(12);
        let (mut changed, mut refused) = (0, 0);
        for seed in 1..=6 {
            let r = generate_roster(seed, 300, 30);
            let unit_ids: Vec<Id> = r.units.iter().map(|u| u.id.clone()).collect();
            let pick = |rng: &mut XorShift, n: usize| rng.below(n as u64) as usize;
            let mut changes = vec![
                BulkChange::SetUnit(unit_ids[pick(&mut rng, unit_ids.len())].clone()),
                BulkChange::SetCategory(Category::ALL[pick(&mut rng, Category::ALL.len())]),
                BulkChange::SetLocal(rng.chance(50)),
                bch_huyen(),
                BulkChange::add_position(unit_ids[pick(&mut rng, unit_ids.len())].clone(), "Phó Trưởng phòng"),
            ];
            for &scale in Scale::ALL {
                let levels = scale.levels();
                let code = levels[pick(&mut rng, levels.len())].0.to_string();
                changes.push(BulkChange::SetLevel { scale, level: code.clone() });
                changes.push(BulkChange::SetStudying { scale, level: Some(code), until: Some(2027) });
                changes.push(BulkChange::SetStudying { scale, level: None, until: None });
            }
            let chosen: Vec<Id> = r.cadres.iter().filter(|_| rng.chance(40)).map(|c| c.id.clone()).collect();
            for change in &changes {
                let first = apply(&r, &chosen, change, 100);
                assert_eq!(first.changed.len() + first.unchanged + first.refused.len(), chosen.len(), "{change:?}");
                assert!(first.changed.iter().all(|c| r.validate_cadre(c).is_empty()));
                for (new, old) in first.changed.iter().zip(&first.before) {
                    assert_ne!(Cadre { meta: old.meta.clone(), ..new.clone() }, *old, "{change:?} counted a no-op");
                }
                let mut after = r.clone();
                first.write_into(&mut after);
                let second = apply(&after, &chosen, change, 200);
                assert!(second.changed.is_empty(), "{change:?} changed {} the second time", second.changed.len());
                assert_eq!(second.refused.len(), first.refused.len(), "{change:?}");
                assert_eq!(second.unchanged, first.unchanged + first.changed.len(), "{change:?}");
                changed += first.changed.len();
                refused += first.refused.len();
            }
        }
        assert!(changed > 1000 && refused > 100, "the changes did change, and validation refused some");
    }
}
