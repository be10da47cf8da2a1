//! Nhập nhiều tệp, what the page shows: one row per file picked (who sent it, when, how
//! many records, ready / refused / waiting for its passphrase, a note when it was received
//! before or dropped twice), and the decisions of the batch in words ("Tệp của Xã A gửi cán
//! bộ Nguyễn Văn B thuộc Xã C"). The counts table and the conflicts are the single import's
//! (`share::counts_table`, `share::questions`) over the one preview of the combined set.

use dtbd_domain::date::Moment;
use dtbd_domain::model::Millis;
use dtbd_domain::number::grouped;
use dtbd_domain::snapshot::batch::{Between, Combined, Outside, Refused};
use dtbd_domain::snapshot::merge::Status;
use dtbd_domain::snapshot::{Kind, Snapshot};

/// Where a file picked stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileState {
    /// Checked: in the batch.
    Ready,
    /// Refused, with its messages (each naming the file).
    Refused(Vec<String>),
    /// Encrypted: waits for the passphrase (asked once for all).
    Locked,
}

/// One row of the files table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    /// Tên tệp.
    pub file: String,
    /// Đơn vị gửi ("" when unknown yet).
    pub unit: String,
    /// Người gửi.
    pub sender: String,
    /// Ngày gửi ("01/12/2026"), "" when unknown yet.
    pub sent: String,
    /// Số bản ghi ("3.012"), "" when unknown yet.
    pub records: String,
    /// Trạng thái.
    pub state: FileState,
    /// "Sẵn sàng" / "Bị từ chối" / "Cần mật khẩu".
    pub state_label: &'static str,
    /// A note: received before, or the same file twice.
    pub note: String,
}

fn day(ms: Millis, offset_minutes: i32) -> String {
    Moment::from_millis(ms, offset_minutes).map(|m| m.date.short_vi()).unwrap_or_default()
}

/// The row of a file checked and in the batch (`index` in the batch, `combined` once it is
/// combined, for the notes).
pub fn ready_row(
    file: &str,
    snapshot: &Snapshot,
    index: usize,
    combined: Option<&Combined>,
    names: &[String],
    offset_minutes: i32,
) -> FileRow {
    let (_, unit) = dtbd_domain::snapshot::receipt::sending_unit(snapshot);
    let outcome = combined.and_then(|c| c.files.get(index));
    let note = match outcome {
        Some(o) if o.duplicate_of.is_some() => format!(
            "Trùng với tệp “{}”: chỉ nhập một lần.",
            o.duplicate_of.and_then(|d| names.get(d)).map_or("", String::as_str)
        ),
        Some(o) if o.received_before.is_some() => {
            format!("Tệp này đã nhận ngày {}.", o.received_before.map(|t| day(t, offset_minutes)).unwrap_or_default())
        }
        _ => String::new(),
    };
    FileRow {
        file: file.to_string(),
        unit,
        sender: snapshot.exported_by.sender.clone(),
        sent: day(snapshot.exported_at, offset_minutes),
        records: grouped(snapshot.record_count()),
        state: FileState::Ready,
        state_label: "Sẵn sàng",
        note,
    }
}

/// The row of a refused file.
pub fn refused_row(r: &Refused) -> FileRow {
    FileRow {
        file: r.file.clone(),
        unit: String::new(),
        sender: String::new(),
        sent: String::new(),
        records: String::new(),
        state: FileState::Refused(r.messages.clone()),
        state_label: "Bị từ chối",
        note: String::new(),
    }
}

/// The row of an encrypted file waiting for the passphrase.
pub fn locked_row(file: &str) -> FileRow {
    FileRow {
        file: file.to_string(),
        unit: String::new(),
        sender: String::new(),
        sent: String::new(),
        records: String::new(),
        state: FileState::Locked,
        state_label: "Cần mật khẩu",
        note: String::new(),
    }
}

/// The kind of a record in a sentence, lower case ("cán bộ", "đơn vị").
fn kind_word(kind: Kind) -> String {
    kind.label().to_lowercase()
}

/// A decision about a record from outside its file's subtree, in words: "Tệp của Xã A gửi
/// cán bộ Nguyễn Văn B thuộc Xã C (có thay đổi)".
pub fn outside_text(o: &Outside) -> String {
    let from = if o.file_unit_name.is_empty() {
        format!("“{}”", o.file_name)
    } else {
        format!("của {}", o.file_unit_name)
    };
    let belongs = match &o.owner {
        Some((_, _, name)) if !name.is_empty() => name.clone(),
        _ if !o.unit_name.is_empty() => o.unit_name.clone(),
        _ => "đơn vị khác".to_string(),
    };
    let what = match o.status {
        Status::New => "mới",
        Status::Deleted => "xóa",
        _ => "có thay đổi",
    };
    format!("Tệp {from} gửi {} {} thuộc {belongs} ({what})", kind_word(o.kind), o.name)
}

/// What becomes of it: "Chưa lấy" / "Lấy" / "Lấy kèm (bản ghi khác cần)".
pub fn outside_state(o: &Outside) -> &'static str {
    match (o.taken, o.taken_along) {
        (true, _) => "Lấy",
        (false, true) => "Lấy kèm (bản ghi được lấy cần đến)",
        (false, false) => "Chưa lấy",
    }
}

/// A record two files changed differently: "Cán bộ Nguyễn Văn B: tệp “a.json” và tệp
/// “b.json” cùng sửa Ghi chú".
pub fn between_text(b: &Between, names: &[String]) -> String {
    let name = |i: usize| names.get(i).map_or("", String::as_str);
    let fields: Vec<&str> = b.diff.iter().filter(|d| d.asked).map(|d| d.label.as_str()).collect();
    format!(
        "{} {}: tệp “{}” và tệp “{}” cùng sửa {}",
        b.kind.label(),
        b.name,
        name(b.files.0),
        name(b.files.1),
        if fields.is_empty() { "bản ghi này".to_string() } else { fields.join(", ") }
    )
}

/// The backup's source for a batch: "20 tệp: Xã A, Xã B, …" (at most three names).
pub fn batch_source(names: &[String]) -> String {
    let shown: Vec<&str> = names.iter().take(3).map(String::as_str).collect();
    let more = if names.len() > 3 { ", …" } else { "" };
    format!("{} tệp: {}{more}", grouped(names.len()), shown.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dtbd_domain::date::{Date, VIETNAM_UTC_OFFSET_MINUTES as VN};
    use dtbd_domain::demo::province::{province, ProvinceOptions};
    use dtbd_domain::snapshot::batch::{check, combine, BatchFile, Choices};

    #[test]
    fn the_intruders_decision_reads_as_an_office_says_it_and_the_rows_say_who_sent_when() {
        let p = province(&ProvinceOptions { intruder: true, ..ProvinceOptions::new(1, 3, 5, 16) });
        let local = p.districts[0].database.clone();
        let files: Vec<BatchFile> =
            p.commune_files().map(|f| BatchFile { name: f.file_name.clone(), snapshot: f.snapshot.clone() }).collect();
        let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
        let c = combine(&files, &local, 1_796_200_000_000, &Choices::default());
        let o = &c.outside[0];
        let intruder = p.intruder.as_ref().unwrap();
        let owner = &p.districts[0].communes[0].unit.name;
        let sender = &p.districts[0].communes[1].unit.name;
        assert_eq!(
            outside_text(o),
            format!("Tệp của {sender} gửi cán bộ {} thuộc {owner} (có thay đổi)", intruder.cadre_name)
        );
        assert_eq!(outside_state(o), "Chưa lấy");
        let row = ready_row(&files[1].name, &files[1].snapshot, 1, Some(&c), &names, VN);
        assert_eq!((row.unit.as_str(), row.state_label), (sender.as_str(), "Sẵn sàng"));
        assert_eq!(row.sent, day(files[1].snapshot.exported_at, VN));
        assert_eq!(row.records, grouped(files[1].snapshot.record_count()));
        assert_eq!(row.note, "");
        let bad = check("hong.json", b"{\"format\":", &local).unwrap_err();
        let row = refused_row(&bad);
        assert_eq!(row.state_label, "Bị từ chối");
        assert!(matches!(&row.state, FileState::Refused(m) if m[0].starts_with("Tệp “hong.json”")));
        assert_eq!(locked_row("mat.json").state_label, "Cần mật khẩu");
        assert_eq!(batch_source(&names), format!("3 tệp: {}", names.join(", ")));
    }

    #[test]
    fn a_file_dropped_twice_or_received_before_says_so() {
        let p = province(&ProvinceOptions::new(1, 2, 3, 16));
        let local = p.districts[0].database.clone();
        let mut files: Vec<BatchFile> =
            p.commune_files().map(|f| BatchFile { name: f.file_name.clone(), snapshot: f.snapshot.clone() }).collect();
        files.push(BatchFile { name: "ban-sao.json".into(), snapshot: files[0].snapshot.clone() });
        let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
        let received = Moment { date: Date::new(2026, 12, 2).unwrap(), hour: 9, minute: 0 }.to_millis(VN);
        let c = combine(&files, &local, received, &Choices::default());
        let row = ready_row("ban-sao.json", &files[2].snapshot, 2, Some(&c), &names, VN);
        assert_eq!(row.note, format!("Trùng với tệp “{}”: chỉ nhập một lần.", names[0]));
        let after = dtbd_domain::snapshot::merge(&local, &c.incoming, &Default::default()).state;
        let again = combine(&files[..1], &after, received + 1, &Choices::default());
        let row = ready_row(&names[0], &files[0].snapshot, 0, Some(&again), &names, VN);
        assert_eq!(row.note, "Tệp này đã nhận ngày 02/12/2026.");
    }
}
