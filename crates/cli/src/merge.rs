//! `dtbd merge FILE… -o OUT.json`: many snapshot files into one, by the exchange page's rules,
//! without questions. Each file is read and checked as `check` does (several at once, one per
//! core); then merged in the order given, each into what the earlier ones made
//! (`snapshot::merge`: by id, version and field).
//!
//! What the page would ask is decided by flags and listed on stderr, naming the file:
//! - a conflict (a field changed on both sides): the record stays as the earlier files made it,
//!   unless `--take-theirs`;
//! - a record a commune's file sends from outside its own unit's subtree (a cadre of another
//!   commune, another unit changed): left out, unless `--take-outside`. The units a file
//!   carries only so it stands on its own (its unit's ancestors, the units its cadres'
//!   positions name) are taken when the merge has no version of them yet.
//!
//! A refused file stops the merge before anything is written, unless `--skip-refused`.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;

use dtbd_domain::number::grouped;
use dtbd_domain::roster::Roster;
use dtbd_domain::snapshot::{
    export, merge, Dataset, ExportScope, ExportedBy, Imported, Kind, Resolutions, Scope, TemplateRef,
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

/// The part of `incoming` a file of `scope` speaks for: everything for a whole database; for a
/// unit's subtree, its units and cadres, and the units outside it only where `state` has no
/// version of them (they came so the file stands on its own). The records left out are
/// returned. With `take_outside`, nothing is left out.
pub fn within_scope(
    scope: &Scope,
    mut incoming: Dataset,
    state: &Dataset,
    take_outside: bool,
) -> (Dataset, Vec<Outside>) {
    let Scope::Subtree { unit_id, .. } = scope else { return (incoming, Vec::new()) };
    if take_outside {
        return (incoming, Vec::new());
    }
    let subtree = incoming.roster.subtree(unit_id);
    let known_units: HashSet<&str> = state.roster.units.iter().map(|u| u.id.as_str()).collect();
    let mut outside = Vec::new();
    incoming.roster.units.retain(|u| {
        let keep = subtree.contains(&u.id) || !known_units.contains(u.id.as_str());
        if !keep && state.roster.unit(&u.id).is_some_and(|mine| mine != u) {
            outside.push(Outside { kind: Kind::Unit, id: u.id.clone(), name: u.name.clone() });
        }
        keep
    });
    incoming.roster.cadres.retain(|c| {
        let keep = subtree.contains(&c.unit_id);
        if !keep {
            outside.push(Outside { kind: Kind::Cadre, id: c.id.clone(), name: c.full_name.clone() });
        }
        keep
    });
    (incoming, outside)
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
    let mut state = Dataset::default();
    let mut templates: BTreeMap<String, TemplateRef> = BTreeMap::new();
    let (mut conflicts, mut left_out) = (0usize, 0usize);
    for (name, imported) in good.iter().map(|(n, i)| (n, i)) {
        let snapshot = &imported.snapshot;
        for t in &snapshot.records.templates {
            templates.entry(t.id.clone()).or_insert_with(|| t.clone());
        }
        let (incoming, outside) = within_scope(&snapshot.scope, snapshot.dataset(), &state, o.take_outside);
        for r in &outside {
            io.about(
                name,
                &format!(
                    "{} “{}” (mã {}) nằm ngoài đơn vị gửi tệp: không hợp nhất (thêm --take-outside để lấy).",
                    r.kind.label(),
                    r.name,
                    r.id
                ),
            );
        }
        left_out += outside.len();
        let outcome = merge(&state, &incoming, &resolutions);
        for (kind, id) in &outcome.unresolved {
            let change = outcome.summary.changes.iter().find(|c| c.kind == *kind && &c.id == id);
            let label = change.map_or_else(|| id.clone(), dtbd_view::share::change_name);
            io.about(
                name,
                &format!(
                    "xung đột ở {} “{label}” (mã {id}): cùng bản ghi được sửa khác nhau; giữ bản của các tệp trước (thêm --take-theirs để lấy bản của tệp này).",
                    kind.label()
                ),
            );
        }
        conflicts += outcome.unresolved.len();
        state = outcome.state;
    }
    let by = ExportedBy { unit_id: None, unit_name: o.unit_name.clone(), sender: o.sender.clone() };
    let Some(mut merged) = export(&state, &ExportScope::All, by, BTreeMap::new(), files::now()) else {
        return Exit::Refused;
    };
    let sent: BTreeSet<String> = merged.records.templates.iter().map(|t| t.id.clone()).collect();
    merged.records.templates.extend(templates.into_values().filter(|t| !sent.contains(&t.id)));
    if let Err(message) = files::write_atomic(&o.output, merged.to_json().as_bytes()) {
        io.about(&shown(&o.output), &message);
        return Exit::Refused;
    }
    let r = &merged.records;
    io.say(&format!(
        "Đã hợp nhất {} tệp vào {}: {} đơn vị, {} cán bộ, {} văn bản; {} xung đột và {} bản ghi ngoài phạm vi không hợp nhất{}.",
        grouped(good.len()),
        shown(&o.output),
        grouped(r.units.len()),
        grouped(r.cadres.len()),
        grouped(r.directives.len() + r.templates.len()),
        grouped(conflicts),
        grouped(left_out),
        if refused > 0 { format!("; {} tệp bị từ chối, bỏ qua", grouped(refused)) } else { String::new() }
    ));
    if refused > 0 {
        Exit::Refused
    } else {
        Exit::Done
    }
}
