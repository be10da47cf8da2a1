//! Nhập nhiều tệp on the exchange page: what the one preview of files picked together shows
//! (each file with its unit, sender, time and fate; the records a file sends from outside its
//! subtree, for a decision; the records two files changed differently) and the messages
//! around it. The rules are `domain::snapshot::batch`'s; times come in already written.

use dtbd_domain::model::Millis;
use dtbd_domain::number::grouped;
use dtbd_domain::snapshot::batch::{BatchFile, Between, Combined, Outside, Refused};
use dtbd_domain::snapshot::{Counts, Kind, Status};

/// One row of the files table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    /// Tên tệp.
    pub file: String,
    /// Đơn vị gửi ("" when the file names none).
    pub unit: String,
    /// Người gửi.
    pub sender: String,
    /// Gửi lúc (written by the caller's clock).
    pub sent: String,
    /// Số bản ghi ("150 cán bộ, 3 đơn vị").
    pub records: String,
    /// What became of it: taken, a duplicate, received before, refused with why.
    pub state: String,
    /// Refused: shown as an error.
    pub refused: bool,
}

/// "20 tệp" or the one file's name: how messages and the backup name a batch.
pub fn batch_label(names: &[String]) -> String {
    match names {
        [one] => one.clone(),
        _ => format!("{} tệp", grouped(names.len())),
    }
}

/// The preview's heading.
pub fn preview_title(ready: usize, refused: usize) -> String {
    let refused = if refused == 0 {
        String::new()
    } else {
        format!(" ({} tệp bị từ chối, không nhập)", grouped(refused))
    };
    format!("Xem trước: {} tệp{refused}", grouped(ready))
}

/// The chosen files as the file button says them.
pub fn chosen_files(names: &[String]) -> String {
    match names {
        [] => "Chưa chọn tệp".into(),
        [one] => one.clone(),
        [first, ..] => format!("{} tệp ({first}, …)", grouped(names.len())),
    }
}

/// "150 cán bộ, 3 đơn vị" of a file.
fn record_counts(file: &BatchFile) -> String {
    let r = &file.snapshot.records;
    let training = r.plans.len() + r.lines.len() + r.enrollments.len() + r.history.len();
    let parts = [
        (r.cadres.len(), "cán bộ"),
        (r.units.len(), "đơn vị"),
        (r.directives.len(), "văn bản"),
        (training, "bản ghi đào tạo"),
        (r.tombstones.len(), "bản ghi đã xóa"),
    ];
    let words: Vec<String> =
        parts.iter().filter(|(n, _)| *n > 0).map(|(n, what)| format!("{} {what}", grouped(*n))).collect();
    if words.is_empty() {
        "không có bản ghi".into()
    } else {
        words.join(", ")
    }
}

/// The files table: the checked files in the order picked, then the refused ones.
pub fn file_rows(
    files: &[BatchFile],
    combined: &Combined,
    refused: &[Refused],
    time: &dyn Fn(Millis) -> String,
) -> Vec<FileRow> {
    let mut rows: Vec<FileRow> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let outcome = combined.files.get(i).cloned().unwrap_or_default();
            let by = &f.snapshot.exported_by;
            let state = if let Some(first) = outcome.duplicate_of {
                format!("Trùng với tệp {}: chỉ nhập một lần", files.get(first).map_or("", |d| d.name.as_str()))
            } else {
                let mut s = format!("Nhận {} bản ghi", grouped(outcome.taken));
                if outcome.outside > 0 {
                    s.push_str(&format!(", {} bản ghi ngoài phạm vi chờ quyết định", grouped(outcome.outside)));
                }
                if let Some(at) = outcome.received_before {
                    s.push_str(&format!(" (tệp này đã nhận lúc {})", time(at)));
                }
                s
            };
            FileRow {
                file: f.name.clone(),
                unit: by.unit_name.clone(),
                sender: by.sender.clone(),
                sent: time(f.snapshot.exported_at),
                records: record_counts(f),
                state,
                refused: false,
            }
        })
        .collect();
    rows.extend(refused.iter().map(|r| FileRow {
        file: r.file.clone(),
        unit: String::new(),
        sender: String::new(),
        sent: String::new(),
        records: String::new(),
        state: r.messages.join(" "),
        refused: true,
    }));
    rows
}

/// One record a file sends from outside its subtree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideRow {
    /// The file's index, the kind and the id: the key of the decision.
    pub file: usize,
    /// Loại.
    pub kind: Kind,
    /// Mã.
    pub id: String,
    /// "Cán bộ Nguyễn Văn B".
    pub name: String,
    /// "thuộc Xã C, gửi trong tệp của Xã A (xa-a.json): thay đổi".
    pub why: String,
    /// Taken by choice.
    pub taken: bool,
    /// Taken because a record taken needs it (no choice offered).
    pub along: bool,
}

/// The decisions list, in the domain's order.
pub fn outside_rows(combined: &Combined) -> Vec<OutsideRow> {
    combined.outside.iter().map(outside_row).collect()
}

fn outside_row(o: &Outside) -> OutsideRow {
    let owner = match (&o.owner, o.unit_name.is_empty()) {
        (Some((_, _, owner)), _) if !owner.is_empty() => format!("thuộc {owner}"),
        (_, false) => format!("thuộc {}", o.unit_name),
        _ => "không thuộc đơn vị của tệp".into(),
    };
    let sender = if o.file_unit_name.is_empty() { String::new() } else { format!("tệp của {} ", o.file_unit_name) };
    let change = match o.status {
        Status::New => "bản ghi mới ở máy này",
        Status::Deleted => "tệp xóa bản ghi này",
        _ => "khác với bản trên máy",
    };
    OutsideRow {
        file: o.file,
        kind: o.kind,
        id: o.id.clone(),
        name: format!("{} {}", o.kind.label(), o.name),
        why: format!("{owner}, gửi trong {sender}({}): {change}", o.file_name),
        taken: o.taken || o.taken_along,
        along: o.taken_along,
    }
}

/// The decisions' heading.
pub fn outside_heading(rows: &[OutsideRow]) -> String {
    format!("Bản ghi ngoài phạm vi của tệp gửi ({}): chỉ nhập khi anh/chị chọn \"Lấy bản này\"", grouped(rows.len()))
}

/// A record two files changed differently.
#[derive(Debug, Clone, PartialEq)]
pub struct BetweenRow {
    /// Loại.
    pub kind: Kind,
    /// Mã.
    pub id: String,
    /// "Cán bộ Nguyễn Văn B".
    pub name: String,
    /// The two files, by index and name.
    pub files: [(usize, String); 2],
    /// Field, the first file's value, the second's.
    pub fields: Vec<(String, String, String)>,
    /// The file whose copy is kept, if chosen.
    pub kept: Option<usize>,
}

/// Records two files of the batch changed differently.
pub fn between_rows(files: &[BatchFile], combined: &Combined) -> Vec<BetweenRow> {
    let name = |i: usize| files.get(i).map_or(String::new(), |f| f.name.clone());
    combined
        .between
        .iter()
        .map(|b: &Between| BetweenRow {
            kind: b.kind,
            id: b.id.clone(),
            name: format!("{} {}", b.kind.label(), b.name),
            files: [(b.files.0, name(b.files.0)), (b.files.1, name(b.files.1))],
            fields: b.diff.iter().map(|d| (d.label.clone(), d.mine.clone(), d.theirs.clone())).collect(),
            kept: b.kept,
        })
        .collect()
}

/// The between list's heading.
pub fn between_heading(rows: &[BetweenRow]) -> String {
    format!(
        "Hai tệp sửa khác nhau cùng một bản ghi ({}): chọn bản của tệp nào, nếu không bản trên máy giữ nguyên",
        grouped(rows.len())
    )
}

/// Encrypted files waiting for the one passphrase.
pub fn locked_files_message(names: &[String]) -> String {
    match names {
        [one] => format!("Tệp {one} đã được mã hóa. Hãy nhập mật khẩu người gửi đã báo."),
        _ => format!(
            "{} tệp đã được mã hóa: {}. Hãy nhập mật khẩu người gửi đã báo (dùng chung cho các tệp này).",
            grouped(names.len()),
            names.join(", ")
        ),
    }
}

/// A file the passphrase did not open, while others did.
pub fn not_opened(file: &str, why: &str) -> String {
    format!("Tệp “{file}”: không mở được bằng mật khẩu đã nhập ({why}). Hãy chọn riêng tệp này và nhập đúng mật khẩu của nó.")
}

/// After a batch was written.
pub fn imported_message(names: &[String], c: Counts) -> String {
    let what = match names {
        [one] => format!("tệp {one}"),
        _ => format!("{} tệp", grouped(names.len())),
    };
    format!(
        "Đã nhập {what}: {} mới, {} thay đổi, {} xung đột đã giải quyết, {} bị xóa. Dữ liệu trước khi nhập đã được sao lưu.",
        grouped(c.new),
        grouped(c.changed),
        grouped(c.conflicts),
        grouped(c.deleted)
    )
}

/// Nothing to import: every file was refused.
pub fn all_refused(count: usize) -> String {
    match count {
        1 => "Không nhập được tệp đã chọn. Dữ liệu trên máy không thay đổi.".into(),
        n => format!("Không nhập được tệp nào trong {} tệp đã chọn. Dữ liệu trên máy không thay đổi.", grouped(n)),
    }
}

#[cfg(test)]
mod tests;
