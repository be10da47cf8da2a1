//! `dtbd merge FILE… -o OUT.json`: many snapshot files into one, by the exchange page's rules for
//! many files at once (`snapshot::batch`: authority by subtree, provenance, receipts), without
//! questions. Each file is read and checked as `check` does (several at once, one per core);
//! the files are combined into one incoming set (every record stamped with the file it came
//! from: unit, sender, export time, time received) and merged into an empty database; the
//! result is checked like any file before it is written.
//!
//! What the page would ask is decided by flags and listed on stderr, naming the file:
//! - two files that changed one record differently: the copy of the file exported first is
//!   kept, unless `--take-theirs` (the later file's);
//! - a record a commune's file sends from outside its own unit's subtree (a cadre of another
//!   commune, another unit changed) that would change something: left out, unless
//!   `--take-outside`. An identical or older copy (the units a file carries so it stands on its
//!   own) needs no decision.
//!
//! A refused file stops the merge before anything is written, unless `--skip-refused`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use dtbd_domain::number::grouped;
use dtbd_domain::roster::Roster;
use dtbd_domain::snapshot::batch::{self, BatchFile, Choices};
use dtbd_domain::snapshot::{export, merge, validate, Dataset, ExportScope, ExportedBy, Imported, Resolutions};

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

/// Runs `dtbd merge`.
pub fn run(o: &MergeOptions, io: &mut Io<'_>) -> Exit {
    let read = read_all(&o.files);
    let mut refused = 0;
    let mut files = Vec::new();
    for (path, result) in o.files.iter().zip(read) {
        match result {
            Ok(imported) => files.push(BatchFile { name: shown(path), snapshot: imported.snapshot }),
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
    if files.is_empty() {
        io.warn(&format!("Không ghi {}: không còn tệp nào để hợp nhất.", shown(&o.output)));
        return Exit::Refused;
    }
    let local = Dataset::default();
    let now = files::now();
    let mut combined = batch::combine(&files, &local, now, &Choices::default());
    // The page's questions answered: a record two files changed keeps the first file's copy
    // (or the later one's), an outside record is taken only when asked.
    if !combined.between.is_empty() || (o.take_outside && !combined.outside.is_empty()) {
        let mut choices = Choices::default();
        for b in &combined.between {
            choices = choices.keep(b.kind, b.id.clone(), if o.take_theirs { b.files.1 } else { b.files.0 });
        }
        if o.take_outside {
            for x in &combined.outside {
                choices = choices.take(x.file, x.kind, x.id.clone());
            }
        }
        combined = batch::combine(&files, &local, now, &choices);
    }
    let mut left_out = 0usize;
    for x in combined.outside.iter().filter(|x| !x.taken && !x.taken_along) {
        left_out += 1;
        let owner = x.owner.as_ref().map(|(_, _, name)| format!(" (thuộc {name})")).unwrap_or_default();
        io.about(
            &x.file_name,
            &format!(
                "{} “{}” (mã {}) nằm ngoài đơn vị gửi tệp{owner}: không hợp nhất (thêm --take-outside để lấy).",
                x.kind.label(),
                x.name,
                x.id
            ),
        );
    }
    let conflicts = combined.between.len();
    for b in &combined.between {
        let (first, later) = (&files[b.files.0].name, &files[b.files.1].name);
        let kept = if o.take_theirs {
            "lấy bản của tệp này".to_string()
        } else {
            format!("giữ bản của tệp {first} (thêm --take-theirs để lấy bản của tệp này)")
        };
        io.about(
            later,
            &format!(
                "xung đột ở {} “{}” (mã {}): cùng bản ghi được sửa khác nhau ở tệp này và tệp {first}; {kept}.",
                b.kind.label(),
                b.name,
                b.id
            ),
        );
    }
    let state = merge(&local, &combined.incoming, &Resolutions::default()).state;
    let by = ExportedBy { unit_id: None, unit_name: o.unit_name.clone(), sender: o.sender.clone() };
    let Some(mut merged) = export(&state, &ExportScope::All, by, Default::default(), now) else {
        return Exit::Refused;
    };
    let sent: BTreeSet<String> = merged.records.templates.iter().map(|t| t.id.clone()).collect();
    merged.records.templates.extend(combined.templates.into_iter().filter(|t| !sent.contains(&t.id)));
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
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
