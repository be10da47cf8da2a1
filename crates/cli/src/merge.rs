//! `dtbd merge FILE… -o OUT.json`: many snapshot files into one, by the exchange page's rules,
//! without questions. Each file is read and checked as `check` does (several at once, one per
//! core); then merged by `snapshot::merge` (by id, version and field) as if each file met what
//! the earlier ones made, but pairwise: the first half of the files with the second half, each
//! half the same way, so 200 files cost eight merges of the whole province instead of two
//! hundred of a growing one (two halves at a time, one per core). The merged file is checked
//! like any file before it is written.
//!
//! What the page would ask is decided by flags and listed on stderr, naming the file:
//! - a conflict (a field changed on both sides): the record stays as the earlier files made it,
//!   unless `--take-theirs`;
//! - a record a commune's file sends from outside its own unit's subtree (a cadre of another
//!   commune, another unit changed): left out, unless `--take-outside`. The units a file
//!   carries only so it stands on its own (its unit's ancestors, the units its cadres'
//!   positions name) are taken when no file's own subtree holds them; a changed one is left
//!   out like the cadre.
//!
//! A refused file stops the merge before anything is written, unless `--skip-refused`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use dtbd_domain::model::{Id, Unit};
use dtbd_domain::number::grouped;
use dtbd_domain::roster::Roster;
use dtbd_domain::snapshot::{
    export, merge, validate, Dataset, ExportScope, ExportedBy, Imported, Kind, Resolutions, Scope, TemplateRef,
};

use crate::args::MergeOptions;
use crate::files::{self, shown};
use crate::{Exit, Io};

/// Reads and checks every file, several at once (one thread per core): the results in the
/// order of `paths`.
pub fn read_all(paths: &[PathBuf]) -> Vec<Result<Imported, Vec<String>>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(paths.len()).max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<Result<Imported, Vec<String>>>> = Vec::new();
    results.resize_with(paths.len(), || None);
    let slots = std::sync::Mutex::new(results);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(path) = paths.get(i) else { break };
                let result = files::read_snapshot(path, &Roster::default());
                slots.lock().unwrap_or_else(|poisoned| poisoned.into_inner())[i] = Some(result);
            });
        }
    });
    slots
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(vec!["không đọc được tệp.".into()])))
        .collect()
}

/// A record a file sent from outside its own subtree, left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outside {
    /// Loại bản ghi.
    pub kind: Kind,
    /// Mã.
    pub id: String,
    /// Tên.
    pub name: String,
}

/// A file's records sorted by what it speaks for.
#[derive(Debug, Default)]
pub struct Split {
    /// What the file is authoritative for: everything for a whole database; for a unit's
    /// subtree, its units and cadres (and its directives and training records).
    pub own: Dataset,
    /// Units outside the subtree, carried so the file stands on its own.
    pub context: Vec<Unit>,
    /// Cadres of other units: left out.
    pub outside: Vec<Outside>,
}

/// Sorts `incoming`, a file of `scope`. With `take_outside`, the file speaks for everything.
pub fn split(scope: &Scope, mut incoming: Dataset, take_outside: bool) -> Split {
    let Scope::Subtree { unit_id, .. } = scope else { return Split { own: incoming, ..Split::default() } };
    if take_outside {
        return Split { own: incoming, ..Split::default() };
    }
    let subtree = incoming.roster.subtree(unit_id);
    let (units, context) =
        std::mem::take(&mut incoming.roster.units).into_iter().partition(|u| subtree.contains(&u.id));
    incoming.roster.units = units;
    let mut outside = Vec::new();
    incoming.roster.cadres.retain(|c| {
        let keep = subtree.contains(&c.unit_id);
        if !keep {
            outside.push(Outside { kind: Kind::Cadre, id: c.id.clone(), name: c.full_name.clone() });
        }
        keep
    });
    Split { own: incoming, context, outside }
}

/// A conflict left as the earlier files made it: the record, and the files of the later side.
struct Conflict {
    kind: Kind,
    id: Id,
    name: String,
    later: std::ops::Range<usize>,
}

/// Merges `parts` (file index, records) in order, pairwise; a conflict names the later half.
/// The two halves of the top `parallel` levels run on two threads.
fn merge_pairwise(
    mut parts: Vec<(usize, Dataset)>,
    resolutions: &Resolutions,
    parallel: u32,
) -> (Dataset, Vec<Conflict>) {
    if parts.len() <= 1 {
        return (parts.pop().map(|(_, d)| d).unwrap_or_default(), Vec::new());
    }
    let later_parts = parts.split_off(parts.len() / 2);
    let later = later_parts[0].0..later_parts[later_parts.len() - 1].0 + 1;
    let ((mine, mut conflicts), (theirs, more)) = if parallel > 0 {
        std::thread::scope(|s| {
            let other = s.spawn(|| merge_pairwise(later_parts, resolutions, parallel - 1));
            let first = merge_pairwise(parts, resolutions, parallel - 1);
            (first, other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        })
    } else {
        (merge_pairwise(parts, resolutions, 0), merge_pairwise(later_parts, resolutions, 0))
    };
    conflicts.extend(more);
    let outcome = merge(&mine, &theirs, resolutions);
    for (kind, id) in outcome.unresolved {
        let change = outcome.summary.changes.iter().find(|c| c.kind == kind && c.id == id);
        let name = change.map_or_else(|| id.clone(), dtbd_view::share::change_name);
        conflicts.push(Conflict { kind, id, name, later: later.clone() });
    }
    (outcome.state, conflicts)
}

/// Each record of `files` sent by more than one of them, with the files (by index) that send it:
/// a conflict names the last of those on its later side.
fn shared_records(files: &[(usize, Dataset)]) -> HashMap<(Kind, Id), Vec<usize>> {
    let mut seen: HashMap<(Kind, &str), Vec<usize>> = HashMap::new();
    for (file, d) in files {
        let t = &d.training;
        let ids = d
            .roster
            .units
            .iter()
            .map(|r| (Kind::Unit, r.id.as_str()))
            .chain(d.roster.cadres.iter().map(|r| (Kind::Cadre, r.id.as_str())))
            .chain(d.directives.iter().map(|r| (Kind::Directive, r.id.as_str())))
            .chain(t.plans.iter().map(|r| (Kind::Plan, r.id.as_str())))
            .chain(t.lines.iter().map(|r| (Kind::Line, r.id.as_str())))
            .chain(t.enrollments.iter().map(|r| (Kind::Enrollment, r.id.as_str())))
            .chain(t.history.iter().map(|r| (Kind::History, r.id.as_str())))
            .chain(t.aggregates.iter().map(|r| (Kind::Aggregate, r.id.as_str())))
            .chain(t.baselines.iter().map(|r| (Kind::Baseline, r.id.as_str())));
        for key in ids {
            seen.entry(key).or_default().push(*file);
        }
    }
    seen.into_iter().filter(|(_, f)| f.len() > 1).map(|((k, id), f)| ((k, id.to_string()), f)).collect()
}

/// Runs `dtbd merge`.
pub fn run(o: &MergeOptions, io: &mut Io<'_>) -> Exit {
    let read = read_all(&o.files);
    let mut refused = 0;
    let mut good = Vec::new();
    for (path, result) in o.files.iter().zip(read) {
        match result {
            Ok(imported) => good.push((shown(path), imported)),
            Err(messages) => {
                refused += 1;
                messages.iter().for_each(|m| io.about(&shown(path), m));
            }
        }
    }
    if refused > 0 && !o.skip_refused {
        io.warn(&format!(
            "Không ghi {}: {} tệp bị từ chối (thêm --skip-refused để hợp nhất các tệp còn lại).",
            shown(&o.output),
            grouped(refused)
        ));
        return Exit::Refused;
    }
    if good.is_empty() {
        io.warn(&format!("Không ghi {}: không còn tệp nào để hợp nhất.", shown(&o.output)));
        return Exit::Refused;
    }
    let resolutions = if o.take_theirs { Resolutions::all_theirs() } else { Resolutions::default() };
    let mut templates: BTreeMap<String, TemplateRef> = BTreeMap::new();
    let mut own = Vec::with_capacity(good.len());
    let mut contexts = Vec::with_capacity(good.len());
    let mut left_out = 0usize;
    let names: Vec<String> = good.iter().map(|(n, _)| n.clone()).collect();
    for (file, (name, imported)) in good.into_iter().enumerate() {
        let snapshot = imported.snapshot;
        for t in &snapshot.records.templates {
            templates.entry(t.id.clone()).or_insert_with(|| t.clone());
        }
        let scope = snapshot.scope.clone();
        let parts = split(&scope, snapshot.into_dataset(), o.take_outside);
        for r in &parts.outside {
            io.about(&name, &outside_message(r));
        }
        left_out += parts.outside.len();
        own.push((file, parts.own));
        contexts.push(parts.context);
    }
    let shared = shared_records(&own);
    let (mut state, conflicts) = merge_pairwise(own, &resolutions, 1);
    for c in &conflicts {
        let file = shared.get(&(c.kind, c.id.clone())).and_then(|f| f.iter().rev().find(|i| c.later.contains(i)));
        io.about(
            &names[file.copied().unwrap_or(c.later.start)],
            &format!(
                "xung đột ở {} “{}” (mã {}): cùng bản ghi được sửa khác nhau; giữ bản của các tệp trước (thêm --take-theirs để lấy bản của tệp này).",
                c.kind.label(),
                c.name,
                c.id
            ),
        );
    }
    // The units the files carry to stand on their own: taken when no file's own part holds
    // them; a changed one is a record from outside, left out.
    let held: HashMap<&str, &Unit> = state.roster.units.iter().map(|u| (u.id.as_str(), u)).collect();
    let mut added: HashSet<Id> = HashSet::new();
    let mut context = Dataset::default();
    for (file, units) in contexts.into_iter().enumerate() {
        for u in units {
            match held.get(u.id.as_str()) {
                None if added.insert(u.id.clone()) => context.roster.units.push(u),
                None => {}
                Some(mine) if **mine != u && u.meta.version >= mine.meta.version => {
                    left_out += 1;
                    io.about(&names[file], &outside_message(&Outside { kind: Kind::Unit, id: u.id, name: u.name }));
                }
                Some(_) => {}
            }
        }
    }
    if !context.roster.units.is_empty() {
        state = merge(&state, &context, &resolutions).state;
    }
    let by = ExportedBy { unit_id: None, unit_name: o.unit_name.clone(), sender: o.sender.clone() };
    let Some(mut merged) = export(&state, &ExportScope::All, by, BTreeMap::new(), files::now()) else {
        return Exit::Refused;
    };
    let sent: BTreeSet<String> = merged.records.templates.iter().map(|t| t.id.clone()).collect();
    merged.records.templates.extend(templates.into_values().filter(|t| !sent.contains(&t.id)));
    // What is written must read back: two communes' units may each be valid alone and not
    // together (two units of one district whose names differ only by their marks).
    let (errors, _) = validate(&merged, &Roster::default());
    if !errors.is_empty() {
        let output = shown(&o.output);
        for e in &errors {
            io.about(&output, &format!("kết quả hợp nhất không hợp lệ: {}", e.message()));
        }
        io.warn(&format!("Không ghi {output}: hãy sửa các tệp gửi đến rồi hợp nhất lại."));
        return Exit::Refused;
    }
    if let Err(message) = files::write_atomic(&o.output, merged.to_json().as_bytes()) {
        io.about(&shown(&o.output), &message);
        return Exit::Refused;
    }
    let r = &merged.records;
    io.say(&format!(
        "Đã hợp nhất {} tệp vào {}: {} đơn vị, {} cán bộ, {} văn bản; {} xung đột và {} bản ghi ngoài phạm vi không hợp nhất{}.",
        grouped(names.len()),
        shown(&o.output),
        grouped(r.units.len()),
        grouped(r.cadres.len()),
        grouped(r.directives.len() + r.templates.len()),
        grouped(conflicts.len()),
        grouped(left_out),
        if refused > 0 { format!("; {} tệp bị từ chối, bỏ qua", grouped(refused)) } else { String::new() }
    ));
    if refused > 0 {
        Exit::Refused
    } else {
        Exit::Done
    }
}

/// "Cán bộ “…” (mã …) nằm ngoài đơn vị gửi tệp: …".
fn outside_message(r: &Outside) -> String {
    format!(
        "{} “{}” (mã {}) nằm ngoài đơn vị gửi tệp: không hợp nhất (thêm --take-outside để lấy).",
        r.kind.label(),
        r.name,
        r.id
    )
}
