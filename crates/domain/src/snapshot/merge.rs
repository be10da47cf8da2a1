//! Xem trước và hợp nhất: records are matched by id (per kind); two live versions of one
//! record combine field by field ([`crate::field_merge`]): a field changed on one side only
//! takes that side's value without asking, a field both sides changed is a question, asked
//! per field and answered per field ([`Resolutions::choose_field`]).
//!
//! For each id, each side holds a live record, a tombstone, or nothing (a side holding both
//! counts as whichever has the higher version, the live record on a tie):
//!
//! | mine \ theirs | live, newer | live, same version | live, older | tombstone |
//! |---|---|---|---|---|
//! | nothing | new | | | stored (nothing to delete) |
//! | live | field by field: changed (their fields taken), local newer (mine kept), or **conflict** when a field was changed on both sides | ← | ← | deleted if the tombstone's version is higher, else the deletion is skipped (a local edit newer than — or as new as — the deletion survives) |
//! | tombstone | new (their edit is newer than my deletion; equal counts as newer) | | local newer: stays deleted | the higher version is kept |
//!
//! A conflict is resolved by a [`Choice`] per field, else per record, else a default for
//! all; the result gets version + 1 (and the later of the two times) and includes both
//! sides' stamps, so the resolution wins on the next exchange instead of conflicting again.
//! An unresolved conflict keeps mine unchanged and is listed in [`MergeOutcome::unresolved`].
//!
//! No deletion leaves a record pointing at nothing: a unit still named by a live cadre
//! (`unit_id`, a position) or a live unit (`parent_id`) is kept or put back, with version
//! tombstone + 1, and listed in [`MergeOutcome::kept_in_use`].
//!
//! Training records (plans, course lines, enrollments, history, aggregates) merge the same way;
//! plans and lines are "deleted" by their `removed` flag, which travels as a newer version;
//! enrollments and history entries deleted (a nomination undone) leave tombstones (since
//! schema v5), so they do not come back from a file made before the deletion.
//!
//! The result lists every kind sorted by id ([`Dataset::normalised`] order), so merging two
//! datasets with disjoint records gives the same result in either order.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use super::{kind_rank, Dataset, Kind};
use crate::directive::Directive;
use crate::field_merge::{self, Pick, Side};
use crate::levels::*;
use crate::model::*;
use crate::roster::{RecordKind, Roster, Tombstone};
use crate::training::{CourseLine, DispatchTable, Enrollment, Plan, QualificationChange, TrainingRecords};

crate::tagged::coded_enum! {
    /// What happens to one record.
    Status {
        /// Mới: not on this device (or deleted here before their newer edit).
        New = "new", "Mới";
        /// Thay đổi: theirs is newer.
        Changed = "changed", "Có thay đổi";
        /// Không đổi.
        Unchanged = "unchanged", "Không đổi";
        /// Xung đột: same version, different content.
        Conflict = "conflict", "Xung đột";
        /// Bản trên máy mới hơn: theirs is older (kept mine).
        LocalNewer = "local_newer", "Bản trên máy mới hơn";
        /// Bị xóa: their tombstone is newer than my record.
        Deleted = "deleted", "Bị xóa";
        /// Không xóa: their tombstone is not newer than my edit, or the unit is still in use.
        DeletionSkipped = "deletion_skipped", "Giữ lại (không xóa)";
    }
}

/// Số lượng per status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Mới.
    pub new: usize,
    /// Có thay đổi.
    pub changed: usize,
    /// Không đổi.
    pub unchanged: usize,
    /// Xung đột.
    pub conflicts: usize,
    /// Bản trên máy mới hơn.
    pub local_newer: usize,
    /// Bị xóa.
    pub deleted: usize,
    /// Xóa bị bỏ qua (local edit newer, or unit in use).
    pub deletion_skipped: usize,
}

impl Counts {
    fn add(&mut self, s: Status, n: isize) {
        let slot = match s {
            Status::New => &mut self.new,
            Status::Changed => &mut self.changed,
            Status::Unchanged => &mut self.unchanged,
            Status::Conflict => &mut self.conflicts,
            Status::LocalNewer => &mut self.local_newer,
            Status::Deleted => &mut self.deleted,
            Status::DeletionSkipped => &mut self.deletion_skipped,
        };
        *slot = slot.saturating_add_signed(n);
    }

    /// The sum of two counts.
    pub fn plus(self, o: Counts) -> Counts {
        Counts {
            new: self.new + o.new,
            changed: self.changed + o.changed,
            unchanged: self.unchanged + o.unchanged,
            conflicts: self.conflicts + o.conflicts,
            local_newer: self.local_newer + o.local_newer,
            deleted: self.deleted + o.deleted,
            deletion_skipped: self.deletion_skipped + o.deletion_skipped,
        }
    }
}

/// One field that differs: path (`positions.0.title`), label ("Chức vụ thứ 1 › Chức danh"),
/// and both values as display text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldDiff {
    /// Field path, as `FieldError::field` writes it (a question's is its top-level field).
    pub path: String,
    /// Vietnamese label.
    pub label: String,
    /// Của tôi (the value on this device).
    pub mine: String,
    /// Của họ (the value in the file).
    pub theirs: String,
    /// Both sides changed this field since they parted: the officer is asked, and answers
    /// for this field alone ([`Resolutions::choose_field`] with `path`).
    pub asked: bool,
    /// Who changed mine and when (`None`: as created, or before changes were stamped).
    pub mine_stamp: Option<FieldStamp>,
    /// Who changed theirs and when.
    pub theirs_stamp: Option<FieldStamp>,
}

/// One record that is not unchanged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordChange {
    /// Loại.
    pub kind: Kind,
    /// Mã.
    pub id: Id,
    /// Tên for display.
    pub name: String,
    /// What happens.
    pub status: Status,
    /// Version and time on this device (record or tombstone).
    pub mine: Option<RecordMeta>,
    /// Version and time in the file.
    pub theirs: Option<RecordMeta>,
    /// Field differences (changed and conflicting records; empty otherwise).
    pub diff: Vec<FieldDiff>,
}

/// Xem trước: counts per kind and every record that is not unchanged.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Preview {
    /// Đơn vị.
    pub units: Counts,
    /// Cán bộ.
    pub cadres: Counts,
    /// Văn bản.
    pub directives: Counts,
    /// Kế hoạch.
    pub plans: Counts,
    /// Lớp / chương trình.
    pub lines: Counts,
    /// Cử đi học.
    pub enrollments: Counts,
    /// Quá trình thay đổi trình độ.
    pub history: Counts,
    /// Số liệu tổng hợp.
    pub aggregates: Counts,
    /// Mốc số liệu.
    pub baselines: Counts,
    /// Lượt nhận số liệu (the database's bookkeeping: not in [`Preview::total`]).
    pub receipts: Counts,
    /// Each record that is not unchanged, by kind then id.
    pub changes: Vec<RecordChange>,
}

impl Preview {
    /// Counts over every kind of the officer's records (receipts apart).
    pub fn total(&self) -> Counts {
        self.units
            .plus(self.cadres)
            .plus(self.directives)
            .plus(self.plans)
            .plus(self.lines)
            .plus(self.enrollments)
            .plus(self.history)
            .plus(self.aggregates)
            .plus(self.baselines)
    }

    /// Counts of one kind (templates and tombstones have none: zero).
    pub fn counts(&self, k: Kind) -> Counts {
        match k {
            Kind::Unit => self.units,
            Kind::Cadre => self.cadres,
            Kind::Directive => self.directives,
            Kind::Plan => self.plans,
            Kind::Line => self.lines,
            Kind::Enrollment => self.enrollments,
            Kind::History => self.history,
            Kind::Aggregate => self.aggregates,
            Kind::Baseline => self.baselines,
            Kind::Receipt => self.receipts,
            Kind::Template | Kind::Tombstone => Counts::default(),
        }
    }

    /// The conflicts the user must resolve.
    pub fn conflicts(&self) -> impl Iterator<Item = &RecordChange> {
        self.changes.iter().filter(|c| c.status == Status::Conflict)
    }

    fn counts_mut(&mut self, k: Kind) -> &mut Counts {
        match k {
            Kind::Unit => &mut self.units,
            Kind::Cadre => &mut self.cadres,
            Kind::Plan => &mut self.plans,
            Kind::Line => &mut self.lines,
            Kind::Enrollment => &mut self.enrollments,
            Kind::History => &mut self.history,
            Kind::Aggregate => &mut self.aggregates,
            Kind::Baseline => &mut self.baselines,
            Kind::Receipt => &mut self.receipts,
            _ => &mut self.directives,
        }
    }
}

crate::tagged::coded_enum! {
    /// Lựa chọn khi xung đột.
    Choice {
        /// Giữ bản của tôi.
        KeepMine = "keep_mine", "Giữ bản của tôi";
        /// Lấy bản của họ.
        TakeTheirs = "take_theirs", "Lấy bản của họ";
    }
}

/// The user's answers to conflicts: per field, per record, and a default ("lấy tất cả của
/// họ" / "giữ tất cả của tôi") for the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolutions {
    /// Applies to every conflict without its own choice.
    pub all: Option<Choice>,
    /// Per record.
    pub records: HashMap<(Kind, Id), Choice>,
    /// Per field both sides changed (top-level field name).
    pub fields: HashMap<(Kind, Id, String), Choice>,
}

impl Resolutions {
    /// "Lấy tất cả của họ".
    pub fn all_theirs() -> Self {
        Resolutions { all: Some(Choice::TakeTheirs), ..Default::default() }
    }

    /// "Giữ tất cả của tôi".
    pub fn all_mine() -> Self {
        Resolutions { all: Some(Choice::KeepMine), ..Default::default() }
    }

    /// Sets the choice for one record.
    pub fn choose(mut self, kind: Kind, id: impl Into<Id>, choice: Choice) -> Self {
        self.records.insert((kind, id.into()), choice);
        self
    }

    /// Sets the choice for one field of one record (a top-level field name, as a question's
    /// [`FieldDiff::path`]).
    pub fn choose_field(mut self, kind: Kind, id: impl Into<Id>, field: impl Into<String>, choice: Choice) -> Self {
        self.fields.insert((kind, id.into(), field.into()), choice);
        self
    }

    /// The choice for one record (its own, else the default).
    pub fn get(&self, kind: Kind, id: &str) -> Option<Choice> {
        // One small allocation per conflict only.
        self.records.get(&(kind, id.to_string())).copied().or(self.all)
    }

    /// The choice for one field of a record: its own, else the record's, else the default.
    pub fn get_field(&self, kind: Kind, id: &str, field: &str) -> Option<Choice> {
        self.fields.get(&(kind, id.to_string(), field.to_string())).copied().or_else(|| self.get(kind, id))
    }
}

/// Kết quả hợp nhất: the new full state and what happened.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeOutcome {
    /// The state to write (every kind sorted by id).
    pub state: Dataset,
    /// Counts per kind and the records that changed (without field diffs).
    pub summary: Preview,
    /// Conflicts without a choice (mine was kept unchanged). Apply only when empty.
    pub unresolved: Vec<(Kind, Id)>,
    /// Units a deletion would have left cadres or units pointing at: kept or put back.
    pub kept_in_use: Vec<(Kind, Id)>,
}

/// What a record type needs for merging (and for combining many files, [`super::batch`]).
pub(super) trait Rec: Clone + Serialize + serde::de::DeserializeOwned + PartialEq {
    const KIND: Kind;
    const TOMB: Option<RecordKind>;
    fn id(&self) -> &str;
    fn meta(&self) -> &RecordMeta;
    fn meta_mut(&mut self) -> &mut RecordMeta;
    fn name(&self) -> String;

    /// Equal in every field but `meta`: one record's two versions that hold the same values.
    fn same_fields(&self, other: &Self) -> bool {
        let mut copy = other.clone();
        *copy.meta_mut() = self.meta().clone();
        *self == copy
    }

    /// Equal but for where each copy came from (`meta.origin`): the same record received
    /// again, or sent back.
    fn same_but_origin(&self, other: &Self) -> bool {
        if self.meta().origin == other.meta().origin {
            return self == other;
        }
        let mut copy = other.clone();
        copy.meta_mut().origin = self.meta().origin.clone();
        *self == copy
    }
}

macro_rules! rec {
    ($t:ty, $kind:expr, $tomb:expr, |$s:ident| $name:expr) => {
        impl Rec for $t {
            const KIND: Kind = $kind;
            const TOMB: Option<RecordKind> = $tomb;
            fn id(&self) -> &str {
                &self.id
            }
            fn meta(&self) -> &RecordMeta {
                &self.meta
            }
            fn meta_mut(&mut self) -> &mut RecordMeta {
                &mut self.meta
            }
            fn name(&self) -> String {
                let $s = self;
                $name
            }
        }
    };
}

rec!(Unit, Kind::Unit, Some(RecordKind::Unit), |s| s.name.clone());
rec!(Cadre, Kind::Cadre, Some(RecordKind::Cadre), |s| s.full_name.clone());
rec!(Directive, Kind::Directive, Some(RecordKind::Directive), |s| format!("{} {}", s.number, s.title)
    .trim()
    .to_string());
rec!(Plan, Kind::Plan, None, |s| s.title.clone());
rec!(CourseLine, Kind::Line, None, |s| s.programme.clone());
rec!(Enrollment, Kind::Enrollment, Some(RecordKind::Enrollment), |s| format!("{} → {}", s.cadre_id, s.line_id));
rec!(QualificationChange, Kind::History, Some(RecordKind::History), |s| format!(
    "{}: {} → {}",
    s.cadre_id, s.before, s.after
));
rec!(DispatchTable, Kind::Aggregate, None, |s| s.title.clone());
rec!(crate::monitor::Baseline, Kind::Baseline, None, |s| crate::monitor::title(s));
rec!(super::Receipt, Kind::Receipt, None, |s| s.unit_name.clone());

pub(super) enum Entry<'a, T> {
    Live(&'a T),
    Dead(&'a Tombstone),
}

pub(super) fn pick<'a, T: Rec>(live: Option<&'a T>, dead: Option<&'a Tombstone>) -> Option<Entry<'a, T>> {
    match (live, dead) {
        (Some(l), Some(d)) if d.meta.version > l.meta().version => Some(Entry::Dead(d)),
        (Some(l), _) => Some(Entry::Live(l)),
        (None, Some(d)) => Some(Entry::Dead(d)),
        (None, None) => None,
    }
}

struct Ctx<'a> {
    resolutions: &'a Resolutions,
    diffs: bool,
    unit_names: HashMap<&'a str, &'a str>,
    summary: Preview,
    unresolved: Vec<(Kind, Id)>,
}

/// Order of two tombstones of one record: version, then time, then content (so both sides of
/// an exchange keep the same one).
pub(super) fn tomb_key(t: &Tombstone) -> (u64, i64, String) {
    (t.meta.version, t.meta.updated_at, t.backup.to_string())
}

pub(super) fn tomb_map(ts: &[Tombstone], kind: Option<RecordKind>) -> HashMap<&str, &Tombstone> {
    let mut m: HashMap<&str, &Tombstone> = HashMap::new();
    let Some(kind) = kind else { return m };
    for t in ts.iter().filter(|t| t.kind == kind) {
        let slot = m.entry(t.id.as_str()).or_insert(t);
        if tomb_key(t) > tomb_key(slot) {
            *slot = t;
        }
    }
    m
}

fn merge_kind<T: Rec>(
    ctx: &mut Ctx<'_>,
    local: &[T],
    local_t: &[Tombstone],
    incoming: &[T],
    incoming_t: &[Tombstone],
) -> (Vec<T>, Vec<Tombstone>) {
    let lm: HashMap<&str, &T> = local.iter().map(|r| (r.id(), r)).collect();
    let im: HashMap<&str, &T> = incoming.iter().map(|r| (r.id(), r)).collect();
    let ltm = tomb_map(local_t, T::TOMB);
    let itm = tomb_map(incoming_t, T::TOMB);
    let ids: BTreeSet<&str> = lm.keys().chain(im.keys()).chain(ltm.keys()).chain(itm.keys()).copied().collect();
    let mut live = Vec::with_capacity(ids.len());
    let mut dead = Vec::new();
    for id in ids {
        let mine = pick(lm.get(id).copied(), ltm.get(id).copied());
        let theirs = pick(im.get(id).copied(), itm.get(id).copied());
        let note = |ctx: &mut Ctx<'_>,
                    status: Status,
                    name: String,
                    m: Option<&RecordMeta>,
                    t: Option<&RecordMeta>,
                    diff: Vec<FieldDiff>| {
            ctx.summary.counts_mut(T::KIND).add(status, 1);
            if status != Status::Unchanged {
                ctx.summary.changes.push(RecordChange {
                    kind: T::KIND,
                    id: id.to_string(),
                    name,
                    status,
                    mine: m.cloned(),
                    theirs: t.cloned(),
                    diff,
                });
            }
        };
        match (mine, theirs) {
            (None, None) => {}
            (Some(Entry::Live(l)), None) => live.push(l.clone()),
            (Some(Entry::Dead(t)), None) | (None, Some(Entry::Dead(t))) => dead.push(t.clone()),
            (None, Some(Entry::Live(i))) => {
                note(ctx, Status::New, i.name(), None, Some(i.meta()), Vec::new());
                live.push(i.clone());
            }
            (Some(Entry::Live(l)), Some(Entry::Live(i))) if l.same_but_origin(i) => {
                // Received again: where it came from first still holds.
                note(ctx, Status::Unchanged, String::new(), None, None, Vec::new());
                live.push(l.clone());
            }
            (Some(Entry::Live(l)), Some(Entry::Live(i)))
                if field_merge::supersedes(i.meta(), l.meta()) && !l.same_fields(i) =>
            {
                // Theirs includes every change of mine and more: taken whole, without
                // splitting either into fields (what `field_merge::merge` would keep).
                let mut r = i.clone();
                r.meta_mut().updated_at = l.meta().updated_at.max(i.meta().updated_at);
                if r.meta().origin.is_none() {
                    r.meta_mut().origin = l.meta().origin.clone();
                }
                let diff = if ctx.diffs { diff(T::KIND, l, &r, &ctx.unit_names) } else { Vec::new() };
                note(ctx, Status::Changed, i.name(), Some(l.meta()), Some(i.meta()), diff);
                live.push(r);
            }
            (Some(Entry::Live(l)), Some(Entry::Live(i)))
                if field_merge::supersedes(l.meta(), i.meta()) && !l.same_fields(i) =>
            {
                note(ctx, Status::LocalNewer, l.name(), Some(l.meta()), Some(i.meta()), Vec::new());
                let mut r = l.clone();
                r.meta_mut().updated_at = l.meta().updated_at.max(i.meta().updated_at);
                live.push(r);
            }
            (Some(Entry::Live(l)), Some(Entry::Live(i))) => {
                let (lf, lm) = field_merge::split(l);
                let (inf, im) = field_merge::split(i);
                let resolutions = ctx.resolutions;
                let answer = |field: &str| {
                    resolutions.get_field(T::KIND, id, field).map(|c| match c {
                        Choice::KeepMine => Pick::Mine,
                        Choice::TakeTheirs => Pick::Theirs,
                    })
                };
                let m = field_merge::merge((&lf, &lm), (&inf, &im), answer);
                let merged = || -> T { field_merge::join(&m.fields, &m.meta).expect("merged fields read back") };
                if m.decided.is_empty() {
                    note(ctx, Status::Unchanged, String::new(), None, None, Vec::new());
                    live.push(merged());
                } else if m.questions().next().is_some() {
                    let diff = if ctx.diffs {
                        questions(T::KIND, &m, (&lf, &lm), (&inf, &im), &ctx.unit_names)
                    } else {
                        Vec::new()
                    };
                    note(ctx, Status::Conflict, l.name(), Some(l.meta()), Some(i.meta()), diff);
                    if m.unanswered.is_empty() {
                        live.push(merged());
                    } else {
                        ctx.unresolved.push((T::KIND, id.to_string()));
                        live.push(l.clone());
                    }
                } else if m.all_mine() {
                    note(ctx, Status::LocalNewer, l.name(), Some(l.meta()), Some(i.meta()), Vec::new());
                    live.push(merged());
                } else {
                    let r = merged();
                    let diff = if ctx.diffs { diff(T::KIND, l, &r, &ctx.unit_names) } else { Vec::new() };
                    note(ctx, Status::Changed, i.name(), Some(l.meta()), Some(i.meta()), diff);
                    live.push(r);
                }
            }
            (Some(Entry::Live(l)), Some(Entry::Dead(t))) => {
                if t.meta.version > l.meta().version {
                    note(ctx, Status::Deleted, l.name(), Some(l.meta()), Some(&t.meta), Vec::new());
                    dead.push(t.clone());
                } else {
                    note(ctx, Status::DeletionSkipped, l.name(), Some(l.meta()), Some(&t.meta), Vec::new());
                    live.push(l.clone());
                }
            }
            (Some(Entry::Dead(t)), Some(Entry::Live(i))) => {
                if i.meta().version >= t.meta.version {
                    note(ctx, Status::New, i.name(), Some(&t.meta), Some(i.meta()), Vec::new());
                    live.push(i.clone());
                } else {
                    note(ctx, Status::LocalNewer, i.name(), Some(&t.meta), Some(i.meta()), Vec::new());
                    dead.push(t.clone());
                }
            }
            (Some(Entry::Dead(a)), Some(Entry::Dead(b))) => {
                note(ctx, Status::Unchanged, String::new(), None, None, Vec::new());
                dead.push(if tomb_key(b) > tomb_key(a) { b.clone() } else { a.clone() });
            }
        }
    }
    (live, dead)
}

fn run(local: &Dataset, incoming: &Dataset, resolutions: &Resolutions, diffs: bool) -> MergeOutcome {
    let unit_names: HashMap<&str, &str> =
        local.roster.units.iter().chain(&incoming.roster.units).map(|u| (u.id.as_str(), u.name.as_str())).collect();
    let mut ctx = Ctx { resolutions, diffs, unit_names, summary: Preview::default(), unresolved: Vec::new() };
    let (mut units, mut unit_t) =
        merge_kind(&mut ctx, &local.roster.units, &local.tombstones, &incoming.roster.units, &incoming.tombstones);
    let (cadres, cadre_t) =
        merge_kind(&mut ctx, &local.roster.cadres, &local.tombstones, &incoming.roster.cadres, &incoming.tombstones);
    let (directives, directive_t) =
        merge_kind(&mut ctx, &local.directives, &local.tombstones, &incoming.directives, &incoming.tombstones);
    let (lt, it) = (&local.training, &incoming.training);
    let (enrollments, enrollment_t) =
        merge_kind(&mut ctx, &lt.enrollments, &local.tombstones, &it.enrollments, &incoming.tombstones);
    let (history, history_t) = merge_kind(&mut ctx, &lt.history, &local.tombstones, &it.history, &incoming.tombstones);
    let training = TrainingRecords {
        plans: merge_kind(&mut ctx, &lt.plans, &[], &it.plans, &[]).0,
        lines: merge_kind(&mut ctx, &lt.lines, &[], &it.lines, &[]).0,
        enrollments,
        history,
        aggregates: merge_kind(&mut ctx, &lt.aggregates, &[], &it.aggregates, &[]).0,
        baselines: merge_kind(&mut ctx, &lt.baselines, &[], &it.baselines, &[]).0,
    };
    let receipts = merge_kind(&mut ctx, &local.receipts, &[], &incoming.receipts, &[]).0;

    // Keep or put back the units still in use.
    let mut kept_in_use = Vec::new();
    loop {
        let live: HashSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
        let mut missing: BTreeSet<String> = BTreeSet::new();
        for c in &cadres {
            for u in std::iter::once(&c.unit_id).chain(c.positions.iter().map(|p| &p.unit_id)) {
                if !live.contains(u.as_str()) {
                    missing.insert(u.clone());
                }
            }
        }
        for u in &units {
            if let Some(p) = &u.parent_id {
                if !live.contains(p.as_str()) {
                    missing.insert(p.clone());
                }
            }
        }
        let mut restored = false;
        for id in missing {
            let Some(ti) = unit_t.iter().position(|t| t.id == id) else { continue };
            let candidates = local.roster.units.iter().chain(&incoming.roster.units).filter(|u| u.id == id);
            let Some(best) = candidates.max_by_key(|u| u.meta.version) else { continue };
            let t = unit_t.remove(ti);
            let mut u = best.clone();
            u.meta = RecordMeta {
                version: RecordMeta::after(t.meta.version),
                updated_at: t.meta.updated_at,
                ..best.meta.clone()
            };
            if let Some(ch) = ctx.summary.changes.iter_mut().find(|c| c.kind == Kind::Unit && c.id == id) {
                let (from, to) = match ch.status {
                    Status::Deleted => (Status::Deleted, Status::DeletionSkipped),
                    s => (s, Status::New),
                };
                ctx.summary.units.add(from, -1);
                ctx.summary.units.add(to, 1);
                ch.status = to;
            }
            kept_in_use.push((Kind::Unit, id));
            units.push(u);
            restored = true;
        }
        if !restored {
            break;
        }
    }
    units.sort_by(|a, b| a.id.cmp(&b.id));
    unit_t.extend(cadre_t);
    unit_t.extend(directive_t);
    unit_t.extend(enrollment_t);
    unit_t.extend(history_t);
    unit_t.sort_by(|a, b| (a.id.as_str(), kind_rank(a.kind)).cmp(&(b.id.as_str(), kind_rank(b.kind))));
    MergeOutcome {
        state: Dataset { roster: Roster { units, cadres }, directives, tombstones: unit_t, training, receipts },
        summary: ctx.summary,
        unresolved: ctx.unresolved,
        kept_in_use,
    }
}

/// Xem trước: what merging `incoming` into `local` would do, with field diffs for changed
/// and conflicting records (conflicts counted as if unresolved).
pub fn preview(local: &Dataset, incoming: &Dataset) -> Preview {
    run(local, incoming, &Resolutions::default(), true).summary
}

/// Hợp nhất: the new full state after merging `incoming` into `local` with the user's
/// conflict `resolutions`. Pure; the store writes `state` in one transaction.
pub fn merge(local: &Dataset, incoming: &Dataset, resolutions: &Resolutions) -> MergeOutcome {
    run(local, incoming, resolutions, false)
}

// ---------------------------------------------------------------------------------------
// Field diffs.

/// Most differences listed per record (a directive's sections can differ everywhere).
pub const MAX_DIFFS: usize = 60;

fn field_label(kind: Kind, key: &str, top: bool) -> Option<&'static str> {
    let common = match key {
        "title" => Some(if top { "Trích yếu" } else { "Chức danh" }),
        "level" => Some(if top { "Cấp" } else { "Trình độ / cấp" }),
        "leadership" => Some("Cấp lãnh đạo"),
        "committee" => Some("Cơ quan"),
        "term" => Some("Nhiệm kỳ / giai đoạn"),
        "studying" => Some("Đang học"),
        "studying_until" => Some("Năm dự kiến hoàn thành"),
        "unit_id" => Some(if top { "Đơn vị công tác" } else { "Đơn vị" }),
        _ => None,
    };
    if !top {
        return common;
    }
    let own = match (kind, key) {
        (Kind::Unit, "name") => "Tên đơn vị",
        (Kind::Unit, "kind") => "Loại đơn vị",
        (Kind::Unit, "region") => "Vùng",
        (Kind::Unit, "parent_id") => "Đơn vị cấp trên",
        (Kind::Cadre, "full_name") => "Họ và tên",
        (Kind::Cadre, "birth_year") => "Năm sinh",
        (Kind::Cadre, "gender") => "Giới tính",
        (Kind::Cadre, "ethnicity") => "Dân tộc",
        (Kind::Cadre, "local") => "Người địa phương",
        (Kind::Cadre, "category") => "Đối tượng",
        (Kind::Cadre, "civil_grade") => "Ngạch",
        (Kind::Cadre, "positions") => "Chức vụ",
        (Kind::Cadre, "memberships") => "Ủy viên",
        (Kind::Cadre, "planned_for") => "Quy hoạch",
        (Kind::Cadre, "professional") => "Trình độ chuyên môn",
        (Kind::Cadre, "professional_field") => "Chuyên ngành",
        (Kind::Cadre, "political") => "Lý luận chính trị",
        (Kind::Cadre, "state_management") => "Quản lý nhà nước",
        (Kind::Cadre, "foreign_language") => "Ngoại ngữ",
        (Kind::Cadre, "foreign_language_name") => "Tên ngoại ngữ",
        (Kind::Cadre, "it") => "Tin học",
        (Kind::Cadre, "defence_security") => "Quốc phòng - an ninh",
        (Kind::Cadre, "minority_language") => "Tiếng dân tộc thiểu số",
        (Kind::Cadre, "lao_language") => "Tiếng Lào",
        (Kind::Cadre, "note") => "Ghi chú",
        (Kind::Directive, "kind") => "Loại văn bản",
        (Kind::Directive, "number") => "Số, ký hiệu",
        (Kind::Directive, "date") => "Ngày ban hành",
        (Kind::Directive, "issuer") => "Cơ quan ban hành",
        (Kind::Directive, "authority") => "Tập thể quyết định",
        (Kind::Directive, "place") => "Địa danh",
        (Kind::Directive, "period") => "Giai đoạn",
        (Kind::Directive, "scope_unit_id") => "Đơn vị phạm vi",
        (Kind::Directive, "scope") => "Phạm vi",
        (Kind::Directive, "signer") => "Người ký",
        (Kind::Directive, "groups") => "Nhóm đối tượng",
        (Kind::Directive, "sections") => "Các mục",
        _ => return common,
    };
    Some(own)
}

/// The label of a code, from the field it sits in (path without indices).
fn code_label(kind: Kind, path: &[&str], code: &str) -> Option<&'static str> {
    fn lvl<L: Level>(code: &str) -> Option<&'static str> {
        L::from_code(code).map(Level::label)
    }
    let last = *path.last()?;
    let first = path[0];
    match (kind, first, last) {
        (_, _, "gender") => Gender::from_code(code).map(Gender::label),
        (_, _, "category") => Category::from_code(code).map(Category::label),
        (_, _, "civil_grade") => CivilGrade::from_code(code).map(CivilGrade::label),
        (_, _, "leadership") => Leadership::from_code(code).map(Leadership::label),
        (_, _, "committee") => Committee::from_code(code).map(Committee::label),
        (_, _, "region") => Region::from_code(code).map(Region::label),
        (Kind::Unit, "kind", _) => UnitKind::from_code(code).map(UnitKind::label),
        (Kind::Cadre, q, "level" | "studying") => match q {
            "professional" => lvl::<Professional>(code),
            "political" => lvl::<Political>(code),
            "state_management" => lvl::<StateManagement>(code),
            "foreign_language" => lvl::<ForeignLanguage>(code),
            "it" => lvl::<InformationTechnology>(code),
            "defence_security" => lvl::<DefenceSecurity>(code),
            _ => GovLevel::from_code(code).map(GovLevel::label),
        },
        (_, _, "level") => GovLevel::from_code(code).map(GovLevel::label),
        (Kind::Directive, "kind", _) => crate::directive::DirectiveKind::from_code(code).map(|k| k.label()),
        _ => None,
    }
}

fn show(kind: Kind, keys: &[&str], v: Option<&Value>, names: &HashMap<&str, &str>) -> String {
    match v {
        None => "(không có)".into(),
        Some(Value::Null) => "(trống)".into(),
        Some(Value::Bool(b)) => if *b { "Có" } else { "Không" }.into(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => {
            let last = keys.last().copied().unwrap_or("");
            if matches!(last, "unit_id" | "parent_id" | "scope_unit_id" | "within") {
                return match names.get(s.as_str()) {
                    Some(n) => format!("{n} (mã {s})"),
                    None => format!("mã {s}"),
                };
            }
            if s.is_empty() {
                return "(trống)".into();
            }
            code_label(kind, keys, s).map_or_else(|| s.clone(), str::to_string)
        }
        Some(Value::Array(a)) if a.is_empty() => "(không có)".into(),
        Some(Value::Array(a)) => a.iter().map(|x| show(kind, keys, Some(x), names)).collect::<Vec<_>>().join("; "),
        Some(Value::Object(o)) => o
            .iter()
            .filter(|(_, x)| !x.is_null() && x.as_str() != Some(""))
            .map(|(k, x)| {
                let mut sub = keys.to_vec();
                sub.push(k);
                show(kind, &sub, Some(x), names)
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn walk(
    kind: Kind,
    path: &mut Vec<String>,
    label: &str,
    a: Option<&Value>,
    b: Option<&Value>,
    names: &HashMap<&str, &str>,
    out: &mut Vec<FieldDiff>,
) {
    if a == b || out.len() >= MAX_DIFFS {
        return;
    }
    let keys: Vec<&str> = path.iter().map(String::as_str).filter(|k| k.parse::<usize>().is_err()).collect();
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let all: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in all {
                if path.is_empty() && k == "meta" {
                    continue;
                }
                let sub = field_label(kind, k, path.is_empty()).map_or_else(|| k.clone(), str::to_string);
                let sub = if label.is_empty() { sub } else { format!("{label} › {sub}") };
                path.push(k.clone());
                walk(kind, path, &sub, x.get(k), y.get(k), names, out);
                path.pop();
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) if !keys.is_empty() => {
            for i in 0..x.len().max(y.len()) {
                path.push(i.to_string());
                walk(kind, path, &format!("{label} thứ {}", i + 1), x.get(i), y.get(i), names, out);
                path.pop();
            }
        }
        _ => out.push(FieldDiff {
            path: path.join("."),
            label: label.to_string(),
            mine: show(kind, &keys, a, names),
            theirs: show(kind, &keys, b, names),
            asked: false,
            mine_stamp: None,
            theirs_stamp: None,
        }),
    }
}

/// Field-level differences between two versions of a record (meta left out), as display
/// text: at most [`MAX_DIFFS`].
fn diff<T: Serialize>(kind: Kind, mine: &T, theirs: &T, names: &HashMap<&str, &str>) -> Vec<FieldDiff> {
    let a = serde_json::to_value(mine).expect("records always serialise");
    let b = serde_json::to_value(theirs).expect("records always serialise");
    let mut out = Vec::new();
    walk(kind, &mut Vec::new(), "", Some(&a), Some(&b), names, &mut out);
    out
}

/// The questions of a conflict, one per field both sides changed (the whole field's value on
/// each side, with who changed it when), then the other fields that differ as usual.
pub(super) fn questions(
    kind: Kind,
    m: &field_merge::Merged,
    mine: (&field_merge::Fields, &RecordMeta),
    theirs: (&field_merge::Fields, &RecordMeta),
    names: &HashMap<&str, &str>,
) -> Vec<FieldDiff> {
    let mut out = Vec::new();
    for (field, side) in &m.decided {
        let (a, b) = (mine.0.get(field), theirs.0.get(field));
        if *side == Side::Both {
            let label = field_label(kind, field, true).map_or_else(|| field.clone(), str::to_string);
            out.push(FieldDiff {
                path: field.clone(),
                label,
                mine: show(kind, &[field.as_str()], a, names),
                theirs: show(kind, &[field.as_str()], b, names),
                asked: true,
                mine_stamp: mine.1.fields.get(field).cloned(),
                theirs_stamp: theirs.1.fields.get(field).cloned(),
            });
        }
    }
    for (field, side) in &m.decided {
        if *side != Side::Both && out.len() < MAX_DIFFS {
            let label = field_label(kind, field, true).map_or_else(|| field.clone(), str::to_string);
            walk(kind, &mut vec![field.clone()], &label, mine.0.get(field), theirs.0.get(field), names, &mut out);
        }
    }
    out
}

/// Field differences of two units (for tests and the UI's detail view).
pub fn diff_units(mine: &Unit, theirs: &Unit, roster: &Roster) -> Vec<FieldDiff> {
    let names = roster.units.iter().map(|u| (u.id.as_str(), u.name.as_str())).collect();
    diff(Kind::Unit, mine, theirs, &names)
}

/// Field differences of two cadres; unit ids are shown with their names from `roster`.
pub fn diff_cadres(mine: &Cadre, theirs: &Cadre, roster: &Roster) -> Vec<FieldDiff> {
    let names = roster.units.iter().map(|u| (u.id.as_str(), u.name.as_str())).collect();
    diff(Kind::Cadre, mine, theirs, &names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field_merge::{split, stamp, Author};
    use crate::fixtures::generate_roster;
    use crate::training::EnrollmentStatus;

    /// `before` saved with `edit` on `device` at `now`, stamped as the store stamps it.
    fn saved(before: &Cadre, device: &str, now: Millis, edit: impl FnOnce(&mut Cadre)) -> Cadre {
        let mut after = before.clone();
        edit(&mut after);
        after.meta = RecordMeta::next(Some(&before.meta), now);
        let (old, old_meta) = split(before);
        let (new, _) = split(&after);
        let author = Author { device: device.into(), name: format!("Xã {device}") };
        stamp(Some((&old, &old_meta)), &new, &mut after.meta, &author);
        after
    }

    fn with_cadre(base: &Dataset, c: Cadre) -> Dataset {
        let mut d = base.clone();
        let slot = d.roster.cadres.iter_mut().find(|x| x.id == c.id).unwrap();
        *slot = c;
        d
    }

    fn shared() -> Dataset {
        Dataset { roster: generate_roster(7, 5, 3), ..Dataset::default() }.normalised()
    }

    #[test]
    fn two_officers_correcting_different_fields_of_one_cadre_both_keep_their_correction() {
        let base = shared();
        let c = base.roster.cadres[0].clone();
        let a = with_cadre(&base, saved(&c, "A", 100, |c| c.note = "Sửa ở xã A".into()));
        let b = with_cadre(&base, saved(&c, "B", 200, |c| c.birth_year = 1979));
        let p = preview(&a, &b);
        assert_eq!(p.cadres.conflicts, 0, "{:?}", p.changes);
        assert_eq!(p.cadres.changed, 1);
        let diff = &p.changes[0].diff;
        assert_eq!(diff.len(), 1, "only the field they changed shows: {diff:?}");
        assert_eq!((diff[0].path.as_str(), diff[0].theirs.as_str()), ("birth_year", "1979"));
        let at_a = merge(&a, &b, &Resolutions::default());
        let at_b = merge(&b, &a, &Resolutions::default());
        assert!(at_a.unresolved.is_empty() && at_b.unresolved.is_empty());
        assert_eq!(at_a.state, at_b.state, "both sides end with the same record");
        let merged = at_a.state.roster.cadre(&c.id).unwrap();
        assert_eq!((merged.note.as_str(), merged.birth_year), ("Sửa ở xã A", 1979));
        // Sent back again: nothing to do on either side.
        let again = preview(&at_a.state, &at_b.state);
        assert_eq!(again.total().changed + again.total().conflicts, 0);
    }

    #[test]
    fn the_same_field_changed_on_both_sides_is_one_question_with_who_and_when() {
        let base = shared();
        let c = base.roster.cadres[0].clone();
        let a = with_cadre(
            &base,
            saved(&c, "A", 100, |c| {
                c.note = "của A".into();
                c.ethnicity = "Tày".into();
            }),
        );
        let b = with_cadre(
            &base,
            saved(&c, "B", 200, |c| {
                c.note = "của B".into();
                c.birth_year = 1979;
            }),
        );
        let p = preview(&a, &b);
        assert_eq!(p.cadres.conflicts, 1);
        let asked: Vec<&FieldDiff> = p.changes[0].diff.iter().filter(|d| d.asked).collect();
        assert_eq!(asked.len(), 1, "{:?}", p.changes[0].diff);
        let q = asked[0];
        assert_eq!(
            (q.path.as_str(), q.label.as_str(), q.mine.as_str(), q.theirs.as_str()),
            ("note", "Ghi chú", "của A", "của B")
        );
        assert_eq!(q.mine_stamp.as_ref().map(|s| (s.by.as_str(), s.at)), Some(("Xã A", 100)));
        assert_eq!(q.theirs_stamp.as_ref().map(|s| (s.by.as_str(), s.at)), Some(("Xã B", 200)));
        // Unanswered: nothing applies.
        assert_eq!(merge(&a, &b, &Resolutions::default()).unresolved, vec![(Kind::Cadre, c.id.clone())]);
        // Answered for that field: their note, and both other corrections kept.
        let r = Resolutions::default().choose_field(Kind::Cadre, c.id.clone(), "note", Choice::TakeTheirs);
        let out = merge(&a, &b, &r);
        assert!(out.unresolved.is_empty());
        let m = out.state.roster.cadre(&c.id).unwrap();
        assert_eq!((m.note.as_str(), m.ethnicity.as_str(), m.birth_year), ("của B", "Tày", 1979));
        // B gets the answer back without a question.
        let back = preview(&b, &out.state);
        assert_eq!(back.cadres.conflicts, 0);
    }

    #[test]
    fn an_undone_nomination_stays_deleted_when_a_file_from_before_comes_back() {
        let mut base = shared();
        let e = crate::training::Enrollment {
            id: "e1".into(),
            cadre_id: base.roster.cadres[0].id.clone(),
            line_id: "l1".into(),
            status: EnrollmentStatus::Nominated,
            nominated_on: None,
            started_on: None,
            ended_on: None,
            quota_part: None,
            out_of_plan: true,
            result: String::new(),
            meta: RecordMeta::at(1, 10),
        };
        base.training.enrollments.push(e.clone());
        let sent = base.clone();
        let mut here = base.clone();
        here.training.enrollments.clear();
        here.tombstones.push(Tombstone::of(&e.id, RecordKind::Enrollment, &e.meta, &e, 20));
        let out = merge(&here, &sent, &Resolutions::default());
        assert!(out.state.training.enrollments.is_empty(), "the nomination came back");
        assert_eq!(out.state.tombstones.len(), 1);
        // The tombstone travels: the other side deletes it too.
        let there = merge(&sent, &here, &Resolutions::default());
        assert!(there.state.training.enrollments.is_empty());
        assert_eq!(there.summary.enrollments.deleted, 1);
    }

    #[test]
    fn a_record_received_again_from_another_file_is_unchanged_and_keeps_its_origin() {
        let base = shared();
        let from = |unit: &str, at: Millis| crate::model::Origin {
            unit_id: Some(unit.into()),
            unit_name: format!("Xã {unit}"),
            sender: "Lò Văn A".into(),
            exported_at: at,
            received_at: Some(at + 1),
        };
        let mut here = base.clone();
        here.roster.cadres[0].meta.origin = Some(from("a", 10));
        let mut again = base.clone();
        again.roster.cadres[0].meta.origin = Some(from("b", 20));
        let p = preview(&here, &again);
        assert_eq!((p.cadres.unchanged, p.cadres.changed), (base.roster.cadres.len(), 0));
        let out = merge(&here, &again, &Resolutions::default());
        assert_eq!(out.state, here.clone().normalised(), "nothing to write");
        // A newer version from a file: taken, with that file as its origin.
        let c = base.roster.cadres[0].clone();
        let mut newer = with_cadre(&base, saved(&c, "B", 30, |c| c.note = "của xã B".into()));
        newer.roster.cadres.iter_mut().find(|x| x.id == c.id).unwrap().meta.origin = Some(from("b", 30));
        let out = merge(&here, &newer, &Resolutions::default());
        assert_eq!(out.state.roster.cadre(&c.id).unwrap().meta.origin, Some(from("b", 30)));
    }

    #[test]
    fn a_newer_version_taken_whole_is_what_the_field_by_field_merge_keeps() {
        let base = shared();
        let c = base.roster.cadres[0].clone();
        let once = saved(&c, "A", 100, |c| c.note = "lần 1".into());
        let twice = saved(&once, "B", 200, |c| c.birth_year = 1971);
        let (here, sent) = (with_cadre(&base, once.clone()), with_cadre(&base, twice.clone()));
        assert!(field_merge::supersedes(&twice.meta, &once.meta));
        assert!(!field_merge::supersedes(&once.meta, &twice.meta));
        let (a, am) = split(&once);
        let (b, bm) = split(&twice);
        let m = field_merge::merge((&a, &am), (&b, &bm), |_| None);
        let by_fields: Cadre = field_merge::join(&m.fields, &m.meta).unwrap();
        for (mine, theirs, status) in [(&here, &sent, Status::Changed), (&sent, &here, Status::LocalNewer)] {
            let out = merge(mine, theirs, &Resolutions::default());
            assert_eq!(out.state.roster.cadre(&c.id).unwrap(), &by_fields);
            let p = preview(mine, theirs);
            assert_eq!(p.changes.iter().map(|x| x.status).collect::<Vec<_>>(), vec![status]);
        }
        // A field stamp the newer copy does not know: not superseded (asked field by field).
        let other = saved(&c, "C", 150, |c| c.note = "của C".into());
        assert!(!field_merge::supersedes(&twice.meta, &other.meta));
    }
}
