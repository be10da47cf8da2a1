//! Nhập nhiều tệp: many snapshot files received at once (a district's twenty commune files)
//! become ONE incoming set, previewed and merged against this device's data by the one
//! [`super::preview`] / [`super::merge`], written by the store in one transaction with one
//! backup (one undo).
//!
//! # Authority by subtree
//!
//! A file speaks for a subtree: its scope's unit (`Scope::Subtree`, what a commune exports
//! for its district), when that unit is known (here or in a file of the batch). A whole
//! database ("Toàn bộ dữ liệu") speaks for no subtree, whoever sent it: it is a colleague's
//! copy of everything, and its records merge by the normal rules (a 30.000-cadre database
//! whose sender named a district would otherwise hold the other branches' cadres back as
//! decisions). A unit is inside when it is the root or under it, parents read through
//! this device's units and every file's (a file's copy of a unit over the local one); a
//! cadre is where its unit is; an enrollment or a history entry where its cadre is.
//! Directives, plans, course lines, baselines, aggregates and receipts are bound to no unit.
//!
//! - **Inside** (or no subtree): taken by the normal rules. When several files carry one
//!   record, the files whose subtree holds it win (the deepest subtree first) and are
//!   combined by version and field ([`crate::field_merge`]); a field two files both changed
//!   is a question between them ([`Between`], naming both files): the record stays as it is
//!   here until the officer keeps one file's copy ([`Choices::kept`]).
//! - **Outside**: a record from outside its file's subtree is never merged silently. When it
//!   would change something (new here, or differing from what the inside files and this
//!   device agree on) it is listed for a decision ([`Outside`]), not taken until the officer
//!   takes it ([`Choices::taken`]); a copy identical to what is kept, or older, needs none.
//!   A unit or cadre a taken record needs (its unit, its parent, an enrollment's cadre) and
//!   this device lacks comes with it, and its decision says so ([`Outside::taken_along`]).
//!
//! # Provenance and receipts
//!
//! Every record the combined set takes from a file carries that file as its
//! [`Origin`](crate::model::Origin) (the unit, the sender, the export time as written, and
//! `received_at`), unless it already carries one (forwarded records keep theirs). Each file
//! applied gives one [`Receipt`]; a file received before (its receipt is here) gives none
//! again, and a file dropped twice in one batch counts once ([`FileOutcome`]).
//!
//! Pure: the time of receipt is passed in.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::merge::{pick, questions, tomb_key, tomb_map, Entry, FieldDiff, Rec, Status};
use super::receipt::sending_unit;
use super::{Dataset, Kind, Receipt, Records, Snapshot, SnapshotError, TemplateRef};
use crate::directive::Directive;
use crate::field_merge;
use crate::model::{Cadre, Id, Millis, Origin, Unit};
use crate::roster::{RecordKind, Roster, Tombstone};
use crate::training::{CourseLine, DispatchTable, Enrollment, Plan, QualificationChange, TrainingRecords};

/// Một tệp đã kiểm tra: its name as picked, and its snapshot (checked, at the current version).
#[derive(Debug, Clone, PartialEq)]
pub struct BatchFile {
    /// Tên tệp.
    pub name: String,
    /// The file's snapshot.
    pub snapshot: Snapshot,
}

/// A file that passed its check: the file, the version it was upgraded from, its warnings.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The file, ready for [`combine`].
    pub file: BatchFile,
    /// The version the file had when older than the current one.
    pub migrated_from: Option<u32>,
    /// Things worth a look that do not stop the import, each naming the file.
    pub warnings: Vec<String>,
}

/// Tệp bị từ chối: its name and why, each message naming the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Tên tệp.
    pub file: String,
    /// Vietnamese messages, each beginning with the file's name.
    pub messages: Vec<String>,
}

/// "Tệp “x.json”: " before a message about that file.
pub fn about_file(file: &str, message: &str) -> String {
    format!("Tệp “{}”: {message}", crate::text::clip(file, 80))
}

/// Kiểm tra một tệp: reads and checks a file's bytes (plain JSON, after gunzip or
/// decryption) against this device's data, as a single import does; a refusal names the
/// file in every message, so a list of twenty files says which one is wrong.
pub fn check(name: &str, bytes: &[u8], local: &Dataset) -> Result<Checked, Refused> {
    match super::import_into(bytes, &local.roster, &local.training) {
        Ok(imported) => Ok(Checked {
            file: BatchFile { name: name.to_string(), snapshot: imported.snapshot },
            migrated_from: imported.migrated_from,
            warnings: imported.warnings.iter().map(|w| about_file(name, w)).collect(),
        }),
        Err(errors) => Err(Refused {
            file: name.to_string(),
            messages: errors.iter().map(|e| about_file(name, &e.message())).collect(),
        }),
    }
}

/// A refusal of a file that could not be read at all (too large, an envelope that does not
/// open): the message naming the file.
pub fn refused(name: &str, error: &SnapshotError) -> Refused {
    Refused { file: name.to_string(), messages: vec![about_file(name, &error.message())] }
}

/// The officer's decisions on a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// Records from outside their file's subtree that are taken: (file index, kind, id).
    pub taken: HashSet<(usize, Kind, Id)>,
    /// Records two files changed differently: (kind, id) → the file whose copy is kept.
    pub kept: HashMap<(Kind, Id), usize>,
}

impl Choices {
    /// Takes the outside record `id` of `kind` from file `file`.
    pub fn take(mut self, file: usize, kind: Kind, id: impl Into<Id>) -> Self {
        self.taken.insert((file, kind, id.into()));
        self
    }

    /// Keeps file `file`'s copy of a record two files changed differently.
    pub fn keep(mut self, kind: Kind, id: impl Into<Id>, file: usize) -> Self {
        self.kept.insert((kind, id.into()), file);
        self
    }
}

/// Bản ghi ngoài phạm vi: a record a file carries from outside its subtree that would change
/// something here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outside {
    /// The file (index in the batch).
    pub file: usize,
    /// Tên tệp.
    pub file_name: String,
    /// The unit the file speaks for (its subtree's root).
    pub file_unit_id: Option<Id>,
    /// Tên đơn vị gửi.
    pub file_unit_name: String,
    /// Loại.
    pub kind: Kind,
    /// Mã.
    pub id: Id,
    /// Tên (a cadre's name, a unit's name …).
    pub name: String,
    /// What taking it does here: new, changed, deleted.
    pub status: Status,
    /// The unit it belongs to (a unit: the unit itself; a cadre: its unit; an enrollment or
    /// history entry: its cadre's unit).
    pub unit_id: Option<Id>,
    /// That unit's name ("" when unknown).
    pub unit_name: String,
    /// The file of this batch whose subtree holds it, if one does, and that subtree's root
    /// and name ("thuộc Xã C").
    pub owner: Option<(usize, Id, String)>,
    /// Taken by the officer's choice.
    pub taken: bool,
    /// Taken because a record taken needs it (its unit, its parent, its cadre).
    pub taken_along: bool,
}

/// Hai tệp khác nhau: a record two files both changed since they parted, field by field.
#[derive(Debug, Clone, PartialEq)]
pub struct Between {
    /// Loại.
    pub kind: Kind,
    /// Mã.
    pub id: Id,
    /// Tên.
    pub name: String,
    /// The two files whose copies disagree (indices in the batch): `diff`'s "mine" is the
    /// first's value, "theirs" the second's.
    pub files: (usize, usize),
    /// The fields both changed (asked) and the other fields that differ.
    pub diff: Vec<FieldDiff>,
    /// The file whose copy the officer keeps, if chosen (else the record stays as it is here).
    pub kept: Option<usize>,
}

/// What became of one file of the batch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileOutcome {
    /// The subtree the file speaks for (its root), when it speaks for one.
    pub authority: Option<Id>,
    /// Records the combined set takes from it (alone or combined with another file's copy).
    pub taken: usize,
    /// Its records from outside its subtree listed for a decision.
    pub outside: usize,
    /// The same file (same checksum) earlier in the batch: this one is left out.
    pub duplicate_of: Option<usize>,
    /// When this device received the same file before (its receipt is here): applied again,
    /// no new receipt.
    pub received_before: Option<Millis>,
}

/// Tập hợp nhất: the batch as one incoming set, and what the officer must decide.
#[derive(Debug, Clone, PartialEq)]
pub struct Combined {
    /// Everything to preview and merge against this device's data, provenance stamped,
    /// the new receipts included.
    pub incoming: Dataset,
    /// Outside records, by file then kind then name.
    pub outside: Vec<Outside>,
    /// Records two files changed differently, by kind then id.
    pub between: Vec<Between>,
    /// One per file of the batch, in the batch's order.
    pub files: Vec<FileOutcome>,
    /// The built-in templates the files refer to (each once), for `missing_templates`.
    pub templates: Vec<TemplateRef>,
}

impl Combined {
    /// The built-in templates the files use that `local` does not hold.
    pub fn missing_templates(&self, local: &Dataset) -> Vec<TemplateRef> {
        let have: HashSet<&str> = local.directives.iter().map(|d| d.id.as_str()).collect();
        self.templates.iter().filter(|t| !have.contains(t.id.as_str())).cloned().collect()
    }
}

/// A record kind as the batch sees it: which unit it belongs to.
trait Bound: Rec {
    /// The unit this live record belongs to, for authority (None: bound to no unit).
    fn unit<'a>(&'a self, cadre_units: &HashMap<&'a str, &'a str>) -> Option<&'a str>;
}

impl Bound for Unit {
    fn unit<'a>(&'a self, _: &HashMap<&'a str, &'a str>) -> Option<&'a str> {
        Some(&self.id)
    }
}
impl Bound for Cadre {
    fn unit<'a>(&'a self, _: &HashMap<&'a str, &'a str>) -> Option<&'a str> {
        Some(&self.unit_id)
    }
}
impl Bound for Enrollment {
    fn unit<'a>(&'a self, cadre_units: &HashMap<&'a str, &'a str>) -> Option<&'a str> {
        cadre_units.get(self.cadre_id.as_str()).copied()
    }
}
impl Bound for QualificationChange {
    fn unit<'a>(&'a self, cadre_units: &HashMap<&'a str, &'a str>) -> Option<&'a str> {
        cadre_units.get(self.cadre_id.as_str()).copied()
    }
}
macro_rules! unbound {
    ($($t:ty),+) => {$(
        impl Bound for $t {
            fn unit<'a>(&'a self, _: &HashMap<&'a str, &'a str>) -> Option<&'a str> {
                None
            }
        }
    )+};
}
unbound!(Directive, Plan, CourseLine, DispatchTable, crate::monitor::Baseline, Receipt);

/// The unit a tombstone's record belonged to.
fn tombstone_unit<'a>(t: &'a Tombstone, cadre_units: &HashMap<&'a str, &'a str>) -> Option<&'a str> {
    let field = |f: &str| t.backup.get(f).and_then(|v| v.as_str());
    match t.kind {
        RecordKind::Unit => Some(&t.id),
        RecordKind::Cadre => field("unit_id"),
        RecordKind::Enrollment | RecordKind::History => field("cadre_id").and_then(|c| cadre_units.get(c).copied()),
        RecordKind::Directive => None,
    }
}

/// A tombstone's record's name, for a decision.
fn tombstone_name(t: &Tombstone) -> String {
    let field = |f: &str| t.backup.get(f).and_then(|v| v.as_str()).unwrap_or("");
    let n = field("full_name");
    if n.is_empty() { field("name") } else { n }.to_string()
}

/// A file's standing towards one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// The file's subtree holds it, at this depth of the subtree's root (deeper is nearer).
    Inside(usize),
    /// The file speaks for no subtree, or the record is bound to no unit.
    Free,
    /// Outside the file's subtree.
    Outside,
}

/// One copy of a record, owned, with the file it came from (provenance stamped).
#[derive(Debug, Clone)]
enum Held<T> {
    Live(T, usize),
    Dead(Box<Tombstone>, usize),
}

impl<T: Rec> Held<T> {
    fn file(&self) -> usize {
        match self {
            Held::Live(_, f) | Held::Dead(_, f) => *f,
        }
    }
}

/// What the batch knows of units and files while it combines.
struct Ctx<'a> {
    files: &'a [BatchFile],
    /// Files in the order they are combined (oldest export first, then by name), duplicates left out.
    order: Vec<usize>,
    /// Per file: its origin stamp.
    origins: Vec<Origin>,
    /// Per file: the root of its subtree, when it speaks for one.
    roots: Vec<Option<&'a str>>,
    /// Unit → parent, local first then the files' copies (a file's over the local one).
    parents: HashMap<&'a str, &'a str>,
    /// Cadre → unit, likewise.
    cadre_units: HashMap<&'a str, &'a str>,
    /// Unit → name, for decisions.
    unit_names: HashMap<&'a str, &'a str>,
    choices: &'a Choices,
    outcomes: Vec<FileOutcome>,
    outside: Vec<Outside>,
    between: Vec<Between>,
    /// Outside units and cadres not taken that would be new here: pulled along when a taken
    /// record needs them.
    spare_units: HashMap<Id, (usize, Unit)>,
    spare_cadres: HashMap<Id, (usize, Cadre)>,
}

/// Most steps up a unit's parents (the unit depth limit is 12; a cycle in a damaged file
/// stops here).
const MAX_WALK: usize = 64;

impl<'a> Ctx<'a> {
    /// The root's depth and whether `unit` is `root` or under it.
    fn within(&self, unit: &str, root: &str) -> bool {
        let mut at = unit;
        for _ in 0..MAX_WALK {
            if at == root {
                return true;
            }
            match self.parents.get(at) {
                Some(p) => at = p,
                None => return false,
            }
        }
        false
    }

    fn depth(&self, unit: &str) -> usize {
        let mut at = unit;
        let mut depth = 0;
        while let Some(p) = self.parents.get(at) {
            depth += 1;
            if depth >= MAX_WALK {
                break;
            }
            at = p;
        }
        depth
    }

    fn standing(&self, file: usize, unit: Option<&str>) -> Standing {
        match (self.roots[file], unit) {
            (Some(root), Some(unit)) if self.within(unit, root) => Standing::Inside(self.depth(root)),
            (Some(_), Some(_)) => Standing::Outside,
            _ => Standing::Free,
        }
    }

    /// The file among the batch whose subtree holds `unit` (the deepest), with its root.
    fn owner(&self, unit: Option<&str>) -> Option<(usize, Id, String)> {
        let unit = unit?;
        self.order
            .iter()
            .filter_map(|&f| self.roots[f].filter(|root| self.within(unit, root)).map(|root| (f, root)))
            .max_by_key(|(_, root)| self.depth(root))
            .map(|(f, root)| (f, root.to_string(), self.unit_names.get(root).copied().unwrap_or("").to_string()))
    }

    fn stamp<T: Rec>(&self, mut record: T, file: usize) -> T {
        if record.meta().origin.is_none() {
            record.meta_mut().origin = Some(self.origins[file].clone());
        }
        record
    }

    fn stamp_dead(&self, mut t: Tombstone, file: usize) -> Tombstone {
        if t.meta.origin.is_none() {
            t.meta.origin = Some(self.origins[file].clone());
        }
        t
    }

    fn held<T: Rec>(&self, entry: &Entry<'_, T>, file: usize) -> Held<T> {
        match entry {
            Entry::Live(r) => Held::Live(self.stamp((*r).clone(), file), file),
            Entry::Dead(t) => Held::Dead(Box::new(self.stamp_dead((*t).clone(), file)), file),
        }
    }
}

/// Two copies of one record from two files, combined by the normal rules (the second is
/// "theirs"): `Err` with the field merge when both changed a field.
/// A question between two files: both copies and their field merge.
type Question<T> = Box<(Held<T>, Held<T>, field_merge::Merged)>;

fn join<T: Rec>(a: Held<T>, b: Held<T>) -> Result<Held<T>, Question<T>> {
    match (a, b) {
        (Held::Live(x, fx), Held::Live(y, fy)) => {
            if x.same_but_origin(&y) {
                return Ok(Held::Live(x, fx));
            }
            let (xf, xm) = field_merge::split(&x);
            let (yf, ym) = field_merge::split(&y);
            let m = field_merge::merge((&xf, &xm), (&yf, &ym), |_| None);
            if m.questions().next().is_some() {
                return Err(Box::new((Held::Live(x, fx), Held::Live(y, fy), m)));
            }
            let file = if m.all_mine() { fx } else { fy };
            Ok(Held::Live(field_merge::join(&m.fields, &m.meta).expect("merged fields read back"), file))
        }
        (Held::Live(x, fx), Held::Dead(t, ft)) => {
            Ok(if t.meta.version > x.meta().version { Held::Dead(t, ft) } else { Held::Live(x, fx) })
        }
        (Held::Dead(t, ft), Held::Live(y, fy)) => {
            Ok(if y.meta().version >= t.meta.version { Held::Live(y, fy) } else { Held::Dead(t, ft) })
        }
        (Held::Dead(s, fs), Held::Dead(t, ft)) => {
            Ok(if tomb_key(&t) > tomb_key(&s) { Held::Dead(t, ft) } else { Held::Dead(s, fs) })
        }
    }
}

/// What merging `copy` over `kept` (what the inside files and this device agree on) would do
/// here: `None` when nothing (identical, or older).
fn effect<T: Rec>(kept: Option<&Held<T>>, copy: &Held<T>) -> Option<Status> {
    match (kept, copy) {
        (None, Held::Live(..)) => Some(Status::New),
        (None, Held::Dead(..)) => None,
        (Some(Held::Live(k, _)), Held::Live(c, _)) => {
            if k.same_but_origin(c) {
                return None;
            }
            let (kf, km) = field_merge::split(k);
            let (cf, cm) = field_merge::split(c);
            let m = field_merge::merge((&kf, &km), (&cf, &cm), |_| None);
            (!m.decided.is_empty() && !m.all_mine()).then_some(Status::Changed)
        }
        (Some(Held::Live(k, _)), Held::Dead(t, _)) => (t.meta.version > k.meta().version).then_some(Status::Deleted),
        (Some(Held::Dead(t, _)), Held::Live(c, _)) => (c.meta().version >= t.meta.version).then_some(Status::New),
        (Some(Held::Dead(..)), Held::Dead(..)) => None,
    }
}

/// Every copy of one record: the file and what it holds.
type Copies<'a, T> = Vec<(usize, Entry<'a, T>)>;

/// Combines every file's records of one kind (lists taken by `list` and `tombstones`) over
/// `local`: the records and tombstones the combined set takes.
fn combine_kind<'a, T: Bound>(
    ctx: &mut Ctx<'a>,
    list: impl Fn(&'a Records) -> &'a [T],
    local: &'a [T],
    local_dead: &'a [Tombstone],
) -> (Vec<T>, Vec<Tombstone>) {
    // Every copy of every record, per id in the order first met.
    let mut slots: HashMap<&'a str, usize> = HashMap::new();
    let mut copies: Vec<(&'a str, Copies<'a, T>)> = Vec::new();
    for &f in &ctx.order {
        let records = &ctx.files[f].snapshot.records;
        let dead = tomb_map(&records.tombstones, T::TOMB);
        let items = list(records);
        let mut add = |id: &'a str, entry: Entry<'a, T>| {
            let slot = *slots.entry(id).or_insert_with(|| {
                copies.push((id, Vec::new()));
                copies.len() - 1
            });
            copies[slot].1.push((f, entry));
        };
        for r in items {
            if let Some(e) = pick(Some(r), dead.get(r.id()).copied()) {
                add(r.id(), e);
            }
        }
        let live: HashSet<&str> = items.iter().map(|r| r.id()).collect();
        let mut dead_only: Vec<(&'a str, &'a Tombstone)> =
            dead.into_iter().filter(|(id, _)| !live.contains(id)).collect();
        dead_only.sort_by_key(|(id, _)| *id);
        for (id, t) in dead_only {
            add(id, Entry::Dead(t));
        }
    }
    let here: HashMap<&str, &T> = local.iter().map(|r| (r.id(), r)).collect();
    let here_dead = tomb_map(local_dead, T::TOMB);
    let mut live = Vec::new();
    let mut dead = Vec::new();
    for (id, cands) in copies {
        let units: Vec<Option<&'a str>> = cands
            .iter()
            .map(|(_, e)| match e {
                Entry::Live(r) => r.unit(&ctx.cadre_units),
                Entry::Dead(t) => tombstone_unit(t, &ctx.cadre_units),
            })
            .collect();
        let standings: Vec<Standing> = cands.iter().zip(&units).map(|((f, _), u)| ctx.standing(*f, *u)).collect();
        let nearest = standings.iter().filter_map(|s| if let Standing::Inside(d) = s { Some(*d) } else { None }).max();
        let wins = |s: Standing| match nearest {
            Some(d) => s == Standing::Inside(d),
            None => s == Standing::Free,
        };
        // The copies that win, combined in order; a question between two files holds the
        // record as it is here, until the officer keeps one file's copy.
        let mut kept: Option<Held<T>> = None;
        let mut held_back = false;
        for ((f, e), s) in cands.iter().zip(&standings) {
            if !wins(*s) {
                continue;
            }
            let copy = ctx.held(e, *f);
            ctx.outcomes[*f].taken += 1;
            kept = match kept.take() {
                None => Some(copy),
                Some(prev) => match join(prev, copy) {
                    Ok(j) => Some(j),
                    Err(question) => {
                        let (a, b, m) = *question;
                        note_between(ctx, T::KIND, id, &a, &b, &m);
                        held_back = true;
                        break;
                    }
                },
            };
        }
        if held_back {
            let chosen = ctx.choices.kept.get(&(T::KIND, id.to_string())).copied();
            kept = chosen.and_then(|c| cands.iter().find(|(f, _)| *f == c)).map(|(f, e)| ctx.held(e, *f));
        }
        // Outside copies: a decision when they would change what is kept (or what is here).
        for (((f, e), s), unit) in cands.iter().zip(&standings).zip(&units) {
            if *s != Standing::Outside || (held_back && kept.is_none()) {
                continue;
            }
            let copy = ctx.held(e, *f);
            let base = match &kept {
                Some(k) => Some(k.clone()),
                None => pick(here.get(id).copied(), here_dead.get(id).copied()).map(|e| match e {
                    Entry::Live(r) => Held::Live(r.clone(), usize::MAX),
                    Entry::Dead(t) => Held::Dead(Box::new(t.clone()), usize::MAX),
                }),
            };
            let Some(status) = effect(base.as_ref(), &copy) else { continue };
            let taken = ctx.choices.taken.contains(&(*f, T::KIND, id.to_string()));
            let unit = *unit;
            let name = match e {
                Entry::Live(r) => r.name(),
                Entry::Dead(t) => tombstone_name(t),
            };
            let unit_name = unit.and_then(|u| ctx.unit_names.get(u)).copied().unwrap_or("").to_string();
            let (file_unit_id, file_unit_name) = sending_unit(&ctx.files[*f].snapshot);
            ctx.outside.push(Outside {
                file: *f,
                file_name: ctx.files[*f].name.clone(),
                file_unit_id,
                file_unit_name,
                kind: T::KIND,
                id: id.to_string(),
                name,
                status,
                unit_id: unit.map(str::to_string),
                unit_name,
                owner: ctx.owner(unit),
                taken,
                taken_along: false,
            });
            ctx.outcomes[*f].outside += 1;
            if taken {
                ctx.outcomes[*f].taken += 1;
                kept = match kept.take() {
                    None => Some(copy),
                    Some(prev) => match join(prev, copy) {
                        Ok(j) => Some(j),
                        Err(question) => {
                            let (a, b, m) = *question;
                            note_between(ctx, T::KIND, id, &a, &b, &m);
                            None
                        }
                    },
                };
            } else if status == Status::New {
                if let Held::Live(r, file) = &copy {
                    spare(ctx, T::KIND, r, *file);
                }
            }
        }
        match kept {
            Some(Held::Live(r, _)) => live.push(r),
            Some(Held::Dead(t, _)) => dead.push(*t),
            None => {}
        }
    }
    (live, dead)
}

/// Keeps a unit or cadre not taken, to pull it along if a taken record needs it.
fn spare<T: Rec>(ctx: &mut Ctx<'_>, kind: Kind, record: &T, file: usize) {
    let json = || serde_json::to_value(record).expect("records always serialise");
    match kind {
        Kind::Unit => {
            if let Ok(u) = serde_json::from_value::<Unit>(json()) {
                ctx.spare_units.entry(u.id.clone()).or_insert((file, u));
            }
        }
        Kind::Cadre => {
            if let Ok(c) = serde_json::from_value::<Cadre>(json()) {
                ctx.spare_cadres.entry(c.id.clone()).or_insert((file, c));
            }
        }
        _ => {}
    }
}

fn note_between<T: Rec>(ctx: &mut Ctx<'_>, kind: Kind, id: &str, a: &Held<T>, b: &Held<T>, m: &field_merge::Merged) {
    let (Held::Live(x, _), Held::Live(y, _)) = (a, b) else { return };
    let (xf, xm) = field_merge::split(x);
    let (yf, ym) = field_merge::split(y);
    let diff = questions(kind, m, (&xf, &xm), (&yf, &ym), &ctx.unit_names);
    ctx.between.push(Between {
        kind,
        id: id.to_string(),
        name: x.name(),
        files: (a.file(), b.file()),
        diff,
        kept: None,
    });
}

/// Gộp nhiều tệp: the batch `files` (checked, in the order picked) as one incoming set over
/// `local`, with the officer's `choices`, records stamped as received at `received_at`.
/// See the module doc for the rules. Then [`super::preview`] / [`super::merge`]
/// (`local`, `&combined.incoming`) give the one preview and the one outcome to write.
pub fn combine(files: &[BatchFile], local: &Dataset, received_at: Millis, choices: &Choices) -> Combined {
    let mut outcomes = vec![FileOutcome::default(); files.len()];
    // The same file twice counts once (the first picked); then oldest export first.
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    let mut order: Vec<usize> = Vec::with_capacity(files.len());
    for (f, file) in files.iter().enumerate() {
        match first_of.get(file.snapshot.checksum.as_str()) {
            Some(&first) => outcomes[f].duplicate_of = Some(first),
            None => {
                first_of.insert(&file.snapshot.checksum, f);
                order.push(f);
            }
        }
    }
    order.sort_by(|&a, &b| {
        (files[a].snapshot.exported_at, &files[a].name, a).cmp(&(files[b].snapshot.exported_at, &files[b].name, b))
    });

    let mut parents: HashMap<&str, &str> = HashMap::new();
    let mut unit_names: HashMap<&str, &str> = HashMap::new();
    let mut cadre_units: HashMap<&str, &str> = HashMap::new();
    for u in &local.roster.units {
        if let Some(p) = &u.parent_id {
            parents.insert(&u.id, p);
        }
        unit_names.insert(&u.id, &u.name);
    }
    for t in &local.tombstones {
        if t.kind == RecordKind::Unit {
            if let Some(p) = t.backup.get("parent_id").and_then(|v| v.as_str()) {
                parents.entry(&t.id).or_insert(p);
            }
        }
    }
    for c in &local.roster.cadres {
        cadre_units.insert(&c.id, &c.unit_id);
    }
    for &f in &order {
        let r = &files[f].snapshot.records;
        for u in &r.units {
            match &u.parent_id {
                Some(p) => {
                    parents.insert(&u.id, p);
                }
                None => {
                    parents.remove(u.id.as_str());
                }
            }
            unit_names.insert(&u.id, &u.name);
        }
        for c in &r.cadres {
            cadre_units.insert(&c.id, &c.unit_id);
        }
    }
    let known = |id: &str| unit_names.contains_key(id);
    let roots: Vec<Option<&str>> = files
        .iter()
        .map(|file| {
            let s = &file.snapshot;
            let root = match &s.scope {
                super::Scope::Subtree { unit_id, .. } => Some(unit_id.as_str()),
                super::Scope::All => None,
            };
            root.filter(|r| known(r))
        })
        .collect();
    for (f, root) in roots.iter().enumerate() {
        outcomes[f].authority = root.map(str::to_string);
    }
    let origins: Vec<Origin> = files
        .iter()
        .map(|file| {
            let (unit_id, unit_name) = sending_unit(&file.snapshot);
            Origin {
                unit_id,
                unit_name,
                sender: file.snapshot.exported_by.sender.clone(),
                exported_at: file.snapshot.exported_at,
                received_at: Some(received_at),
            }
        })
        .collect();
    let mut ctx = Ctx {
        files,
        order,
        origins,
        roots,
        parents,
        cadre_units,
        unit_names,
        choices,
        outcomes,
        outside: Vec::new(),
        between: Vec::new(),
        spare_units: HashMap::new(),
        spare_cadres: HashMap::new(),
    };

    let (lt, ld) = (&local.training, &local.tombstones);
    let (mut units, mut unit_t) = combine_kind(&mut ctx, |r| &r.units, &local.roster.units, ld);
    let (mut cadres, cadre_t) = combine_kind(&mut ctx, |r| &r.cadres, &local.roster.cadres, ld);
    let (directives, directive_t) = combine_kind(&mut ctx, |r| &r.directives, &local.directives, ld);
    let (enrollments, enrollment_t) = combine_kind(&mut ctx, |r| &r.enrollments, &lt.enrollments, ld);
    let (history, history_t) = combine_kind(&mut ctx, |r| &r.history, &lt.history, ld);
    let training = TrainingRecords {
        plans: combine_kind(&mut ctx, |r| &r.plans, &lt.plans, &[]).0,
        lines: combine_kind(&mut ctx, |r| &r.lines, &lt.lines, &[]).0,
        enrollments,
        history,
        aggregates: combine_kind(&mut ctx, |r| &r.aggregates, &lt.aggregates, &[]).0,
        baselines: combine_kind(&mut ctx, |r| &r.baselines, &lt.baselines, &[]).0,
    };
    let mut receipts = combine_kind(&mut ctx, |r| &r.receipts, &local.receipts, &[]).0;

    // What a taken record needs and this device lacks comes along.
    pull_along(&mut ctx, local, &mut units, &mut cadres, &training);

    // One receipt per file applied, unless the file was received before.
    let here: HashMap<&str, &Receipt> = local.receipts.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut have: HashSet<Id> = receipts.iter().map(|r| r.id.clone()).collect();
    for &f in &ctx.order {
        let file = &files[f];
        let receipt = Receipt::of(&file.snapshot, &file.name, received_at);
        if let Some(before) = here.get(receipt.id.as_str()) {
            ctx.outcomes[f].received_before = Some(before.received_at);
        } else if have.insert(receipt.id.clone()) {
            receipts.push(receipt);
        }
    }

    let mut templates: Vec<TemplateRef> = Vec::new();
    let mut seen_templates: HashSet<&str> = HashSet::new();
    for &f in &ctx.order {
        for t in &files[f].snapshot.records.templates {
            if seen_templates.insert(&t.id) {
                templates.push(t.clone());
            }
        }
    }

    unit_t.extend(cadre_t);
    unit_t.extend(directive_t);
    unit_t.extend(enrollment_t);
    unit_t.extend(history_t);
    let incoming =
        Dataset { roster: Roster { units, cadres }, directives, tombstones: unit_t, training, receipts }.normalised();
    let mut outside = ctx.outside;
    outside.sort_by(|a, b| (a.file, a.kind, &a.name, &a.id).cmp(&(b.file, b.kind, &b.name, &b.id)));
    let mut between = ctx.between;
    for b in &mut between {
        b.kept = choices.kept.get(&(b.kind, b.id.clone())).copied();
    }
    between.sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
    Combined { incoming, outside, between, files: ctx.outcomes, templates }
}

/// Adds to `units` and `cadres` the outside units and cadres not taken that a record of the
/// combined set needs (a cadre's unit and the units its positions name, a unit's parent, an
/// enrollment's or a history entry's cadre) and this device lacks, marking their decisions
/// as taken along.
fn pull_along(
    ctx: &mut Ctx<'_>,
    local: &Dataset,
    units: &mut Vec<Unit>,
    cadres: &mut Vec<Cadre>,
    training: &TrainingRecords,
) {
    let mut have_units: HashSet<Id> =
        local.roster.units.iter().map(|u| u.id.clone()).chain(units.iter().map(|u| u.id.clone())).collect();
    let mut have_cadres: HashSet<Id> =
        local.roster.cadres.iter().map(|c| c.id.clone()).chain(cadres.iter().map(|c| c.id.clone())).collect();
    let mut pulled: BTreeMap<(Kind, Id), usize> = BTreeMap::new();
    // Cadres first (an enrollment's cadre brings its units in the loop below).
    let needed_cadres: Vec<Id> = training
        .enrollments
        .iter()
        .map(|e| &e.cadre_id)
        .chain(training.history.iter().map(|h| &h.cadre_id))
        .filter(|c| !have_cadres.contains(*c))
        .cloned()
        .collect();
    for id in needed_cadres {
        if let Some((file, c)) = ctx.spare_cadres.remove(&id) {
            have_cadres.insert(id.clone());
            pulled.insert((Kind::Cadre, id), file);
            cadres.push(c);
        }
    }
    let mut start = 0;
    let mut unit_start = 0;
    loop {
        let mut needed: Vec<Id> = Vec::new();
        for c in &cadres[start..] {
            needed.push(c.unit_id.clone());
            needed.extend(c.positions.iter().map(|p| p.unit_id.clone()));
        }
        for u in &units[unit_start..] {
            needed.extend(u.parent_id.clone());
        }
        start = cadres.len();
        unit_start = units.len();
        let mut added = false;
        for id in needed {
            if have_units.contains(&id) {
                continue;
            }
            if let Some((file, u)) = ctx.spare_units.remove(&id) {
                have_units.insert(id.clone());
                pulled.insert((Kind::Unit, id), file);
                units.push(u);
                added = true;
            }
        }
        if !added {
            break;
        }
    }
    for o in &mut ctx.outside {
        if pulled.contains_key(&(o.kind, o.id.clone())) {
            o.taken_along = true;
        }
    }
    for ((_, _), file) in pulled {
        ctx.outcomes[file].taken += 1;
    }
}

#[cfg(test)]
mod tests;
