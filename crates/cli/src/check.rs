//! `dtbd check FILE…`: each file read and checked as the exchange page checks a picked file
//! (size, gzip, encryption, JSON, format, version, checksum, migration, types, limits, rules),
//! against an empty receiver: a file must stand on its own. A good file gets one line on
//! stdout with what it holds and who sent it; a refused one its messages on stderr.

use std::path::PathBuf;

use dtbd_domain::number::grouped;
use dtbd_domain::roster::Roster;
use dtbd_domain::snapshot::Imported;
use dtbd_view::share::file_facts;

use crate::files::{self, moment_text, shown};
use crate::{Exit, Io};

/// "12 đơn vị, 150 cán bộ, 2 văn bản, 3 lượt cử đi học": the kinds the file holds, none left
/// out but those it has none of.
pub fn contents(imported: &Imported) -> String {
    let r = &imported.snapshot.records;
    let parts: Vec<String> = [
        (r.units.len(), "đơn vị"),
        (r.cadres.len(), "cán bộ"),
        (r.directives.len() + r.templates.len(), "văn bản"),
        (r.plans.len(), "kế hoạch"),
        (r.lines.len(), "lớp / chương trình"),
        (r.enrollments.len(), "lượt cử đi học"),
        (r.history.len(), "thay đổi trình độ"),
        (r.aggregates.len(), "bảng số liệu tổng hợp"),
        (r.baselines.len(), "mốc số liệu"),
        (r.tombstones.len(), "bản ghi đã xóa"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{} {what}", grouped(n)))
    .collect();
    if parts.is_empty() {
        "không có bản ghi nào".into()
    } else {
        parts.join(", ")
    }
}

/// The line of a good file: "tệp a.json: hợp lệ: 12 đơn vị, 150 cán bộ (Đơn vị Xã A và các đơn
/// vị trực thuộc · từ Xã A · người gửi: … · xuất lúc 15:30 ngày 01/12/2026)".
pub fn good_line(file: &str, imported: &Imported) -> String {
    let facts = file_facts(file, &imported.snapshot, imported.migrated_from);
    files::about(
        file,
        &format!("hợp lệ: {} ({}).", contents(imported), facts.sub(&moment_text(imported.snapshot.exported_at))),
    )
}

/// Checks every file; [`Exit::Refused`] when any is refused.
pub fn run(paths: &[PathBuf], io: &mut Io<'_>) -> Exit {
    let mut refused = 0;
    for path in paths {
        let name = shown(path);
        match files::read_snapshot(path, &Roster::default()) {
            Ok(imported) => {
                io.say(&good_line(&name, &imported));
                for warning in &imported.warnings {
                    io.about(&name, warning);
                }
            }
            Err(messages) => {
                refused += 1;
                for m in messages {
                    io.about(&name, &m);
                }
            }
        }
    }
    if paths.len() > 1 {
        let line = format!("{} tệp hợp lệ, {} tệp bị từ chối.", grouped(paths.len() - refused), grouped(refused));
        if refused > 0 {
            io.warn(&line);
        } else {
            io.say(&line);
        }
    }
    if refused > 0 {
        Exit::Refused
    } else {
        Exit::Done
    }
}
