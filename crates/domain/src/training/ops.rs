//! Thao tác: nominate (đề cử, in bulk), start (nhập học), complete (hoàn thành), fail (không
//! hoàn thành), withdraw (rút), each with an exact undo.
//!
//! Every operation is pure: it reads the roster and the records, and returns an [`Applied`]:
//! the records to write (one transaction for the store), the warnings to show, and what undo
//! needs. [`apply`] performs a [`Change`] on in-memory copies (what the store does on disk).
//! [`Applied::undo`] gives the change that puts every touched record back as it was, with a
//! newer version (so a snapshot merge sees the undo as the latest edit).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::model::{ChangeField, CourseLine, Enrollment, EnrollmentStatus, QualificationChange};
use super::TrainingRecords;
use crate::directive::group::Evaluator;
use crate::directive::{Date, Group, RosterIndex};
use crate::levels::{Level, Qualification, Scale};
use crate::model::{Cadre, Id, Millis, RecordMeta};
use crate::roster::{RecordKind, Roster, Tombstone};

/// Cảnh báo: shown, never a silent block ("ngoài đối tượng của lớp").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The cadre it speaks of, if one.
    pub cadre_id: Option<Id>,
    /// Message in Vietnamese.
    pub message: String,
}

/// Records to write (put by id) and to delete.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Change {
    /// Cán bộ (new versions).
    pub cadres: Vec<Cadre>,
    /// Cử đi học (new or new versions).
    pub enrollments: Vec<Enrollment>,
    /// Quá trình thay đổi trình độ (new).
    pub history: Vec<QualificationChange>,
    /// Enrollments to delete (undo of a nomination).
    pub remove_enrollments: Vec<Id>,
    /// History entries to delete (undo of a change).
    pub remove_history: Vec<Id>,
    /// Bản ghi đã xóa: one per enrollment and history entry removed, stored in the same
    /// transaction, so a file made before the undo does not bring them back.
    pub tombstones: Vec<Tombstone>,
}

impl Change {
    /// True when nothing is written.
    pub fn is_empty(&self) -> bool {
        self.cadres.is_empty()
            && self.enrollments.is_empty()
            && self.history.is_empty()
            && self.remove_enrollments.is_empty()
            && self.remove_history.is_empty()
            && self.tombstones.is_empty()
    }
}

/// What an operation did, and what undo needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// What to write.
    pub change: Change,
    /// Cảnh báo.
    pub warnings: Vec<Warning>,
    before_cadres: Vec<Cadre>,
    before_enrollments: Vec<Enrollment>,
    created_enrollments: Vec<Id>,
}

impl Applied {
    /// Hoàn tác: the change that restores every record this operation touched, exactly as it
    /// was (content), as a newer version saved at `now`; records it created are deleted.
    pub fn undo(&self, now: Millis) -> Change {
        let after_meta = |id: &str| self.change.cadres.iter().find(|c| c.id == id).map(|c| c.meta.clone());
        let cadres = self
            .before_cadres
            .iter()
            .map(|b| {
                let mut c = b.clone();
                c.meta = RecordMeta::next(after_meta(&b.id).as_ref().or(Some(&b.meta)), now);
                c
            })
            .collect();
        let enrollments = self
            .before_enrollments
            .iter()
            .map(|b| {
                let mut e = b.clone();
                let after = self.change.enrollments.iter().find(|x| x.id == b.id).map(|x| x.meta.clone());
                e.meta = RecordMeta::next(after.as_ref().or(Some(&b.meta)), now);
                e
            })
            .collect();
        let created: HashSet<&str> = self.created_enrollments.iter().map(String::as_str).collect();
        let tombstones = (self.change.enrollments.iter().filter(|e| created.contains(e.id.as_str())))
            .map(|e| Tombstone::of(&e.id, RecordKind::Enrollment, &e.meta, e, now))
            .chain(self.change.history.iter().map(|h| Tombstone::of(&h.id, RecordKind::History, &h.meta, h, now)))
            .collect();
        Change {
            cadres,
            enrollments,
            history: Vec::new(),
            remove_enrollments: self.created_enrollments.clone(),
            remove_history: self.change.history.iter().map(|h| h.id.clone()).collect(),
            tombstones,
        }
    }
}

/// Performs `change` on the roster and the records (in memory).
pub fn apply(change: &Change, roster: &mut Roster, recs: &mut TrainingRecords) {
    for c in &change.cadres {
        match roster.cadres.iter_mut().find(|x| x.id == c.id) {
            Some(x) => *x = c.clone(),
            None => roster.cadres.push(c.clone()),
        }
    }
    let gone: HashSet<&str> = change.remove_enrollments.iter().map(String::as_str).collect();
    recs.enrollments.retain(|e| !gone.contains(e.id.as_str()));
    let mut pos: HashMap<String, usize> = recs.enrollments.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
    for e in &change.enrollments {
        match pos.get(&e.id) {
            Some(&i) => recs.enrollments[i] = e.clone(),
            None => {
                pos.insert(e.id.clone(), recs.enrollments.len());
                recs.enrollments.push(e.clone());
            }
        }
    }
    let gone: HashSet<&str> = change.remove_history.iter().map(String::as_str).collect();
    recs.history.retain(|h| !gone.contains(h.id.as_str()));
    for h in &change.history {
        match recs.history.iter_mut().find(|x| x.id == h.id) {
            Some(x) => *x = h.clone(),
            None => recs.history.push(h.clone()),
        }
    }
}

// ------------------------------------------------------------------ qualification access

fn q_get<L: Level>(q: &Qualification<L>) -> (u8, u8) {
    (q.level.rank(), q.studying.map_or(0, |s| s.rank()))
}

fn q_set<L: Level>(q: &mut Qualification<L>, level: Option<u8>, studying: Option<Option<u8>>) {
    if let Some(r) = level {
        if let Some(l) = L::ALL.get(r as usize) {
            q.level = *l;
        }
    }
    if let Some(s) = studying {
        q.studying = s.and_then(|r| L::ALL.get(r as usize).copied());
        if q.studying.is_none() {
            q.studying_until = None;
        }
    }
}

/// (rank held, rank studied towards, 0 = not studying) of a cadre on a scale.
pub fn ranks_on(c: &Cadre, s: Scale) -> (u8, u8) {
    match s {
        Scale::Professional => q_get(&c.professional),
        Scale::Political => q_get(&c.political),
        Scale::StateManagement => q_get(&c.state_management),
        Scale::ForeignLanguage => q_get(&c.foreign_language),
        Scale::InformationTechnology => q_get(&c.it),
        Scale::DefenceSecurity => q_get(&c.defence_security),
    }
}

fn set_on(c: &mut Cadre, s: Scale, level: Option<u8>, studying: Option<Option<u8>>) {
    match s {
        Scale::Professional => q_set(&mut c.professional, level, studying),
        Scale::Political => q_set(&mut c.political, level, studying),
        Scale::StateManagement => q_set(&mut c.state_management, level, studying),
        Scale::ForeignLanguage => q_set(&mut c.foreign_language, level, studying),
        Scale::InformationTechnology => q_set(&mut c.it, level, studying),
        Scale::DefenceSecurity => q_set(&mut c.defence_security, level, studying),
    }
}

fn code_of(s: Scale, rank: u8) -> String {
    s.levels().get(rank as usize).map_or(String::new(), |(c, _)| c.to_string())
}

// ------------------------------------------------------------------------- the operations

struct Work<'a> {
    roster: &'a Roster,
    recs: &'a TrainingRecords,
    now: Millis,
    out: Applied,
    cadres: HashMap<Id, Cadre>,
    order: Vec<Id>,
}

impl<'a> Work<'a> {
    fn new(roster: &'a Roster, recs: &'a TrainingRecords, now: Millis) -> Self {
        Work { roster, recs, now, out: Applied::default(), cadres: HashMap::new(), order: Vec::new() }
    }

    fn cadre(&mut self, id: &str) -> Result<&mut Cadre, String> {
        if !self.cadres.contains_key(id) {
            let c = self.roster.cadre(id).ok_or_else(|| format!("Không tìm thấy cán bộ (mã {id})."))?;
            self.out.before_cadres.push(c.clone());
            self.order.push(id.to_string());
            self.cadres.insert(id.to_string(), c.clone());
        }
        Ok(self.cadres.get_mut(id).expect("just inserted"))
    }

    fn enrollment(&self, id: &str) -> Result<&'a Enrollment, String> {
        self.recs.enrollment(id).ok_or_else(|| format!("Không tìm thấy lượt cử đi học (mã {id})."))
    }

    fn line(&self, id: &str) -> Result<&'a CourseLine, String> {
        self.recs.line(id).ok_or_else(|| format!("Không tìm thấy lớp / chương trình (mã {id})."))
    }

    fn put_enrollment(&mut self, before: &Enrollment, mut after: Enrollment) {
        after.meta = RecordMeta::next(Some(&before.meta), self.now);
        self.out.before_enrollments.push(before.clone());
        self.out.change.enrollments.push(after);
    }

    #[allow(clippy::too_many_arguments)]
    fn history(
        &mut self,
        new_id: &mut dyn FnMut() -> Id,
        cadre_id: &str,
        scale: Scale,
        field: ChangeField,
        before: u8,
        after: u8,
        date: Date,
        e: &Enrollment,
        source: String,
    ) {
        let code = |r: u8| if field == ChangeField::Studying && r == 0 { String::new() } else { code_of(scale, r) };
        self.out.change.history.push(QualificationChange {
            id: new_id(),
            cadre_id: cadre_id.to_string(),
            scale,
            field,
            before: code(before),
            after: code(after),
            date,
            enrollment_id: Some(e.id.clone()),
            source,
            meta: RecordMeta::next(None, self.now),
        });
    }

    /// Clears the cadre's "đang học" on the line's scale when it is the line's level.
    fn clear_studying(
        &mut self,
        e: &Enrollment,
        line: &CourseLine,
        on: Date,
        why: &str,
        new_id: &mut dyn FnMut() -> Id,
    ) -> Result<(), String> {
        let Some(g) = &line.grants else { return Ok(()) };
        let Some(rank) = g.rank() else { return Ok(()) };
        let c = self.cadre(&e.cadre_id)?;
        let (_, studying) = ranks_on(c, g.scale);
        if studying != 0 && studying == rank && !self.other_open(e, g.scale, rank) {
            set_on(self.cadre(&e.cadre_id)?, g.scale, None, Some(None));
            self.history(
                new_id,
                &e.cadre_id,
                g.scale,
                ChangeField::Studying,
                studying,
                0,
                on,
                e,
                format!("{why}: {}", line.programme),
            );
        }
        Ok(())
    }

    /// True when the cadre studies towards the same level on another open, started line.
    fn other_open(&self, e: &Enrollment, scale: Scale, rank: u8) -> bool {
        self.recs.enrollments.iter().any(|o| {
            o.id != e.id
                && o.cadre_id == e.cadre_id
                && o.status == EnrollmentStatus::Studying
                && !self.out.change.enrollments.iter().any(|x| x.id == o.id)
                && self
                    .recs
                    .line(&o.line_id)
                    .and_then(|l| l.grants.as_ref())
                    .is_some_and(|g| g.scale == scale && g.rank() == Some(rank))
        })
    }

    fn start_studying(
        &mut self,
        e: &Enrollment,
        line: &CourseLine,
        on: Date,
        new_id: &mut dyn FnMut() -> Id,
    ) -> Result<(), String> {
        let Some(g) = &line.grants else { return Ok(()) };
        let Some(rank) = g.rank() else { return Ok(()) };
        let c = self.cadre(&e.cadre_id)?;
        let (held, studying) = ranks_on(c, g.scale);
        if rank > held && studying != rank {
            set_on(c, g.scale, None, Some(Some(rank)));
            self.history(
                new_id,
                &e.cadre_id,
                g.scale,
                ChangeField::Studying,
                studying,
                rank,
                on,
                e,
                format!("Nhập học: {}", line.programme),
            );
        }
        Ok(())
    }

    fn finish(mut self) -> Applied {
        for id in &self.order {
            let mut c = self.cadres.remove(id).expect("tracked");
            let before = self.out.before_cadres.iter().find(|b| &b.id == id).expect("tracked");
            if &c == before {
                continue;
            }
            c.meta = RecordMeta::next(Some(&before.meta), self.now);
            self.out.change.cadres.push(c);
        }
        let changed: HashSet<&str> = self.out.change.cadres.iter().map(|c| c.id.as_str()).collect();
        self.out.before_cadres.retain(|b| changed.contains(b.id.as_str()));
        self.out
    }
}

/// Đề cử: nominates `cadre_ids` onto a course line, in bulk, as học viên trong kế hoạch.
/// Returns warnings, never a block, for a nominee outside the line's audience (its rule
/// evaluated by the directive engine, with `groups` of the plan's directive for rules that
/// name a group), one already holding the level the line grants, and a quota exceeded. A cadre
/// already nominated or studying on the line is skipped with a warning. `new_id` makes record
/// ids (the domain makes no randomness).
#[allow(clippy::too_many_arguments)]
pub fn nominate(
    idx: &RosterIndex,
    groups: &[Group],
    recs: &TrainingRecords,
    line_id: &str,
    cadre_ids: &[Id],
    on: Date,
    now: Millis,
    new_id: &mut dyn FnMut() -> Id,
) -> Result<Applied, String> {
    nominate_placed(idx, groups, recs, line_id, cadre_ids, on, now, new_id, false)
}

/// Đề cử học viên ngoài kế hoạch: as [`nominate`], but the nominees take no place of the
/// line's quota (no quota warning, and they leave the in-plan places as they were).
#[allow(clippy::too_many_arguments)]
pub fn nominate_outside_plan(
    idx: &RosterIndex,
    groups: &[Group],
    recs: &TrainingRecords,
    line_id: &str,
    cadre_ids: &[Id],
    on: Date,
    now: Millis,
    new_id: &mut dyn FnMut() -> Id,
) -> Result<Applied, String> {
    nominate_placed(idx, groups, recs, line_id, cadre_ids, on, now, new_id, true)
}

#[allow(clippy::too_many_arguments)]
fn nominate_placed(
    idx: &RosterIndex,
    groups: &[Group],
    recs: &TrainingRecords,
    line_id: &str,
    cadre_ids: &[Id],
    on: Date,
    now: Millis,
    new_id: &mut dyn FnMut() -> Id,
    out_of_plan: bool,
) -> Result<Applied, String> {
    let roster = idx.roster;
    let mut w = Work::new(roster, recs, now);
    let line = w.line(line_id)?;
    if line.removed {
        return Err("Lớp / chương trình đã gỡ bỏ, không cử thêm được.".into());
    }
    let audience = line.audience.as_ref().map(|r| Evaluator::new(idx, groups, None, on.year).rule(r));
    let pos: HashMap<&str, usize> = roster.cadres.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
    let mut taken = recs.tally(line_id).quota_taken();
    let open: HashSet<&str> = recs
        .enrollments
        .iter()
        .filter(|e| e.line_id == line_id && e.status.is_open())
        .map(|e| e.cadre_id.as_str())
        .collect();
    let mut seen = HashSet::new();
    for id in cadre_ids {
        let Some(&i) = pos.get(id.as_str()) else {
            return Err(format!("Không tìm thấy cán bộ (mã {id})."));
        };
        let c = &roster.cadres[i];
        if open.contains(id.as_str()) || !seen.insert(id.as_str()) {
            w.out.warnings.push(Warning {
                cadre_id: Some(id.clone()),
                message: format!("{} đã có trong danh sách cử của lớp này: bỏ qua.", c.full_name),
            });
            continue;
        }
        if audience.as_ref().is_some_and(|b| !b.get(i)) {
            w.out.warnings.push(Warning {
                cadre_id: Some(id.clone()),
                message: format!(
                    "{} không thuộc đối tượng của lớp ({}).",
                    c.full_name,
                    if line.audience_text.is_empty() { "theo quy tắc đối tượng" } else { &line.audience_text }
                ),
            });
        }
        if let Some(g) = &line.grants {
            if let Some(r) = g.rank() {
                if ranks_on(c, g.scale).0 >= r {
                    w.out.warnings.push(Warning {
                        cadre_id: Some(id.clone()),
                        message: format!("{} đã có trình độ {}.", c.full_name, g.label()),
                    });
                }
            }
        }
        if !out_of_plan {
            taken += 1;
        }
        if let Some(q) = line.quota.persons.filter(|_| !out_of_plan) {
            if taken == q.saturating_add(1) {
                w.out.warnings.push(Warning {
                    cadre_id: None,
                    message: format!("Số người cử vượt chỉ tiêu của lớp ({}).", line.quota.label()),
                });
            }
        }
        let e = Enrollment {
            id: new_id(),
            cadre_id: id.clone(),
            line_id: line_id.to_string(),
            status: EnrollmentStatus::Nominated,
            nominated_on: Some(on),
            started_on: None,
            ended_on: None,
            quota_part: None,
            out_of_plan,
            result: String::new(),
            meta: RecordMeta::next(None, now),
        };
        w.out.created_enrollments.push(e.id.clone());
        w.out.change.enrollments.push(e);
    }
    Ok(w.finish())
}

fn each(
    roster: &Roster,
    recs: &TrainingRecords,
    ids: &[Id],
    now: Millis,
    allowed: &[EnrollmentStatus],
    verb: &str,
    mut f: impl FnMut(&mut Work<'_>, &Enrollment, &CourseLine) -> Result<Enrollment, String>,
) -> Result<Applied, String> {
    let mut w = Work::new(roster, recs, now);
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id.as_str()) {
            continue;
        }
        let e = w.enrollment(id)?;
        let line = w.line(&e.line_id)?;
        if !allowed.contains(&e.status) {
            let name = roster.cadre(&e.cadre_id).map_or(e.cadre_id.as_str(), |c| c.full_name.as_str());
            return Err(format!("{name}: không thể {verb} khi đang ở trạng thái \"{}\".", e.status.label()));
        }
        let after = f(&mut w, e, line)?;
        w.put_enrollment(e, after);
    }
    Ok(w.finish())
}

/// Nhập học: đề cử → đang học; sets the cadre's "đang học" to the level the line grants on
/// its scale (when above the level held), and writes it to the history.
pub fn start(
    roster: &Roster,
    recs: &TrainingRecords,
    ids: &[Id],
    on: Date,
    now: Millis,
    new_id: &mut dyn FnMut() -> Id,
) -> Result<Applied, String> {
    each(roster, recs, ids, now, &[EnrollmentStatus::Nominated], "nhập học", |w, e, line| {
        w.start_studying(e, line, on, new_id)?;
        Ok(Enrollment { status: EnrollmentStatus::Studying, started_on: Some(on), ..e.clone() })
    })
}

/// Hoàn thành (a class finishes: every id, one date): raises the cadre's level on the line's
/// scale to the level granted (never lowers it), clears "đang học" for that level, and writes
/// both changes to the history. A nominee who never started counts as started on `on`.
pub fn complete(
    roster: &Roster,
    recs: &TrainingRecords,
    ids: &[Id],
    on: Date,
    result: &str,
    now: Millis,
    new_id: &mut dyn FnMut() -> Id,
) -> Result<Applied, String> {
    each(
        roster,
        recs,
        ids,
        now,
        &[EnrollmentStatus::Nominated, EnrollmentStatus::Studying],
        "ghi hoàn thành",
        |w, e, line| {
            if let Some(g) = &line.grants {
                if let Some(rank) = g.rank() {
                    let c = w.cadre(&e.cadre_id)?;
                    let (held, studying) = ranks_on(c, g.scale);
                    let other = w.other_open(e, g.scale, rank);
                    if studying == rank && !other {
                        set_on(w.cadre(&e.cadre_id)?, g.scale, None, Some(None));
                        w.history(
                            new_id,
                            &e.cadre_id,
                            g.scale,
                            ChangeField::Studying,
                            studying,
                            0,
                            on,
                            e,
                            format!("Hoàn thành: {}", line.programme),
                        );
                    }
                    if rank > held {
                        let c = w.cadre(&e.cadre_id)?;
                        set_on(c, g.scale, Some(rank), None);
                        // A study towards a level now reached is over.
                        let (_, s) = ranks_on(c, g.scale);
                        if s != 0 && s <= rank {
                            set_on(c, g.scale, None, Some(None));
                            w.history(
                                new_id,
                                &e.cadre_id,
                                g.scale,
                                ChangeField::Studying,
                                s,
                                0,
                                on,
                                e,
                                format!("Hoàn thành: {}", line.programme),
                            );
                        }
                        w.history(
                            new_id,
                            &e.cadre_id,
                            g.scale,
                            ChangeField::Level,
                            held,
                            rank,
                            on,
                            e,
                            format!("Hoàn thành: {}", line.programme),
                        );
                    }
                }
            }
            Ok(Enrollment {
                status: EnrollmentStatus::Completed,
                started_on: e.started_on.or(Some(on)),
                ended_on: Some(on),
                result: if result.is_empty() { e.result.clone() } else { result.to_string() },
                ..e.clone()
            })
        },
    )
}

/// Không hoàn thành: the study ended without the level; "đang học" is cleared.
pub fn fail(
    roster: &Roster,
    recs: &TrainingRecords,
    ids: &[Id],
    on: Date,
    result: &str,
    now: Millis,
    new_id: &mut dyn FnMut() -> Id,
) -> Result<Applied, String> {
    each(roster, recs, ids, now, &[EnrollmentStatus::Studying], "ghi không hoàn thành", |w, e, line| {
        w.clear_studying(e, line, on, "Không hoàn thành", new_id)?;
        Ok(Enrollment {
            status: EnrollmentStatus::Failed,
            ended_on: Some(on),
            result: if result.is_empty() { e.result.clone() } else { result.to_string() },
            ..e.clone()
        })
    })
}

/// Rút: a nominee or student withdraws; "đang học" is cleared.
pub fn withdraw(
    roster: &Roster,
    recs: &TrainingRecords,
    ids: &[Id],
    on: Date,
    now: Millis,
    new_id: &mut dyn FnMut() -> Id,
) -> Result<Applied, String> {
    each(roster, recs, ids, now, &[EnrollmentStatus::Nominated, EnrollmentStatus::Studying], "rút", |w, e, line| {
        if e.status == EnrollmentStatus::Studying {
            w.clear_studying(e, line, on, "Rút", new_id)?;
        }
        Ok(Enrollment { status: EnrollmentStatus::Withdrawn, ended_on: Some(on), ..e.clone() })
    })
}

/// Trong / ngoài kế hoạch: moves enrollments into the plan (`out_of_plan` false) or out of it
/// (true), with undo. Those already so placed are left as they are. Moving learners into the
/// plan warns, never blocks, when the line's quota is then exceeded.
pub fn place(
    roster: &Roster,
    recs: &TrainingRecords,
    ids: &[Id],
    out_of_plan: bool,
    now: Millis,
) -> Result<Applied, String> {
    let moving: Vec<Id> =
        ids.iter().filter(|id| recs.enrollment(id).is_none_or(|e| e.out_of_plan != out_of_plan)).cloned().collect();
    let all = [
        EnrollmentStatus::Nominated,
        EnrollmentStatus::Studying,
        EnrollmentStatus::Completed,
        EnrollmentStatus::Failed,
        EnrollmentStatus::Withdrawn,
    ];
    let mut applied =
        each(roster, recs, &moving, now, &all, "chuyển", |_, e, _| Ok(Enrollment { out_of_plan, ..e.clone() }))?;
    if !out_of_plan {
        let mut added: HashMap<&str, u32> = HashMap::new();
        for e in
            applied.change.enrollments.iter().filter(|e| e.status.is_open() || e.status == EnrollmentStatus::Completed)
        {
            *added.entry(e.line_id.as_str()).or_default() += 1;
        }
        let mut warnings = Vec::new();
        for (line_id, n) in added {
            let Some(line) = recs.line(line_id) else { continue };
            if line.quota.persons.is_some_and(|q| recs.tally(line_id).quota_taken().saturating_add(n) > q) {
                warnings.push(Warning {
                    cadre_id: None,
                    message: format!("Số người cử vượt chỉ tiêu của lớp ({}).", line.quota.label()),
                });
            }
        }
        applied.warnings.extend(warnings);
    }
    Ok(applied)
}
