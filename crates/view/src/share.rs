//! Trao đổi dữ liệu (`#/trao-doi`) and Bản sao lưu (`#/trao-doi/sao-luu`): what an export
//! holds and who sent it, the messages of export, import and undo, the import preview's
//! counts and change lists, the storage line, the backups list. The snapshot rules themselves
//! are `domain::snapshot`'s; times come in already written (the browser's clock and time zone
//! are the store's).

use dtbd_domain::date::Moment;
use dtbd_domain::model::Millis;
use dtbd_domain::number::grouped;
use dtbd_domain::roster::Roster;
use dtbd_domain::snapshot::{
    self, Choice, Counts, Dataset, ExportScope, ExportedBy, Kind, MergeOutcome, Preview, RecordChange, Records,
    Resolutions, Scope, Status, MAX_SNAPSHOT_BYTES,
};

use crate::unit_choices::UnitChoices;

/// Changes listed in the preview besides the conflicts (which are all listed).
pub const LISTED_CHANGES: usize = 200;

/// The scope option meaning the whole database.
pub const WHOLE_DATABASE: &str = "Toàn bộ dữ liệu";

/// The refusal when the chosen unit is gone (deleted in another tab since the page opened).
pub const UNIT_GONE: &str = "Không tìm thấy đơn vị đã chọn: hãy chọn lại phạm vi.";

/// "12,3 MB" / "1,2 GB": a size as the page writes it.
pub fn mb(bytes: f64) -> String {
    let (n, unit) = if bytes >= 1e9 { (bytes / 1e9, "GB") } else { (bytes / 1e6, "MB") };
    format!("{n:.1} {unit}").replace('.', ",")
}

// --- Export ---

/// Phạm vi: the whole database, then every unit with the units below it.
pub fn scope_choices(roster: &Roster) -> Vec<(String, String)> {
    UnitChoices { first: Some(("", WHOLE_DATABASE)), suffix: " (và trực thuộc)", ..Default::default() }.of(roster)
}

/// What an export of `roster` holds and who it says sent it: the chosen unit's subtree (`unit_id`
/// not empty) sent by that unit, or the whole database, sent by its one top unit when it has
/// exactly one (else by no unit). `sender` is the free text typed, trimmed.
pub fn export_target(roster: &Roster, unit_id: &str, sender: &str) -> (ExportScope, ExportedBy) {
    let (scope, unit) = if unit_id.is_empty() {
        (ExportScope::All, roster.only_root())
    } else {
        (ExportScope::Subtree(unit_id.to_string()), roster.unit(unit_id))
    };
    let by = ExportedBy {
        unit_id: unit.map(|u| u.id.clone()),
        unit_name: unit.map(|u| u.name.clone()).unwrap_or_default(),
        sender: sender.trim().to_string(),
    };
    (scope, by)
}

/// The exported file's name: the domain's, `.gz` added when compressed.
pub fn export_file_name(by: &ExportedBy, at: Moment, gzip: bool) -> String {
    let mut name = snapshot::file_name(&by.unit_name, &by.sender, at);
    if gzip {
        name.push_str(".gz");
    }
    name
}

/// "Đã xuất tệp … (2 đơn vị, 3 cán bộ, 1 văn bản, 0,0 MB)." after a download or a share.
pub fn exported_message(name: &str, records: &Records, bytes: f64, encrypted: bool) -> String {
    let what = format!(
        "{} đơn vị, {} cán bộ, {} văn bản",
        grouped(records.units.len()),
        grouped(records.cadres.len()),
        grouped(records.directives.len())
    );
    let sealed = if encrypted { ", đã mã hóa bằng mật khẩu" } else { "" };
    format!("Đã xuất tệp {name} ({what}, {}{sealed}).", mb(bytes))
}

/// The line under "Xuất dữ liệu": when this device last exported (`last` already written).
pub fn last_export_hint(last: Option<&str>) -> String {
    match last {
        Some(t) => format!("Lần xuất gần nhất: {t}."),
        None => "Máy này chưa xuất dữ liệu lần nào.".to_string(),
    }
}

/// The reminder shown when an export is due.
pub fn reminder_text(days: u32) -> String {
    format!("Đã {days} ngày chưa xuất dữ liệu. Hãy xuất một tệp để gửi cấp trên và để dự phòng khi máy hỏng.")
}

/// "Nhắc xuất dữ liệu sau (ngày)": the typed number, `default` when it is not one, at most 365.
pub fn reminder_days(typed: &str, default: u32) -> u32 {
    typed.trim().parse::<u32>().unwrap_or(default).min(365)
}

/// The storage line: used of allowed, and whether the browser keeps the data for good.
pub fn storage_hint(used: f64, quota: f64, persisted: bool) -> String {
    format!(
        "Bộ nhớ trình duyệt: đang dùng {} trên {} được phép.{}",
        mb(used),
        mb(quota),
        if persisted {
            " Trình duyệt đã cho phép lưu lâu dài (không tự xóa khi máy thiếu chỗ)."
        } else {
            " Trình duyệt chưa cho phép lưu lâu dài: hãy xuất dữ liệu thường xuyên."
        }
    )
}

/// The hint in the drop zone, with the largest file accepted.
pub fn drop_hint() -> String {
    format!(
        "hoặc kéo thả tệp vào đây. Tệp được kiểm tra và xem trước, chưa có gì thay đổi cho đến khi bấm \"Áp dụng\". Tối đa {} MB.",
        MAX_SNAPSHOT_BYTES / 1_048_576
    )
}

// --- Import ---

/// A file's scope as the preview names it.
pub fn scope_label(scope: &Scope) -> String {
    match scope {
        Scope::All => WHOLE_DATABASE.to_string(),
        Scope::Subtree { unit_name, .. } => format!("Đơn vị {unit_name} và các đơn vị trực thuộc"),
    }
}

/// Who sent a file, and when (`exported` already written), as the preview's heading shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileFacts {
    /// The file's name.
    pub file: String,
    /// [`scope_label`].
    pub scope: String,
    /// Tên đơn vị gửi (may be empty).
    pub from: String,
    /// Người gửi (may be empty).
    pub sender: String,
    /// When the file was exported.
    pub exported_at: Millis,
    /// The file's older schema version, upgraded when read.
    pub migrated_from: Option<u32>,
}

impl FileFacts {
    /// "Xem trước: a.json".
    pub fn title(&self) -> String {
        format!("Xem trước: {}", self.file)
    }

    /// "Toàn bộ dữ liệu · từ … · người gửi: … · xuất lúc … · tệp định dạng cũ …".
    pub fn sub(&self, exported: &str) -> String {
        let from = if self.from.is_empty() { String::new() } else { format!(" · từ {}", self.from) };
        let sender =
            if self.sender.is_empty() { String::new() } else { format!(" · người gửi: {}", self.sender) };
        let old = self
            .migrated_from
            .map(|v| format!(" · tệp định dạng cũ (phiên bản {v}) đã được nâng cấp"))
            .unwrap_or_default();
        format!("{}{from}{sender} · xuất lúc {exported}{old}", self.scope)
    }
}

/// The facts of a checked snapshot, before it is turned into a dataset.
pub fn file_facts(file: &str, s: &snapshot::Snapshot, migrated_from: Option<u32>) -> FileFacts {
    FileFacts {
        file: file.to_string(),
        scope: scope_label(&s.scope),
        from: s.exported_by.unit_name.clone(),
        sender: s.exported_by.sender.clone(),
        exported_at: s.exported_at,
        migrated_from,
    }
}

/// Status columns of the counts table, in order, with the `data-count` code of their total.
pub const COUNT_COLUMNS: [(Status, &str); 7] = [
    (Status::New, "new"),
    (Status::Changed, "changed"),
    (Status::Unchanged, "unchanged"),
    (Status::Conflict, "conflicts"),
    (Status::LocalNewer, "local_newer"),
    (Status::Deleted, "deleted"),
    (Status::DeletionSkipped, "deletion_skipped"),
];

/// Kinds with a row in the counts table, in order.
pub const COUNT_KINDS: [Kind; 9] = [
    Kind::Unit,
    Kind::Cadre,
    Kind::Directive,
    Kind::Plan,
    Kind::Line,
    Kind::Enrollment,
    Kind::History,
    Kind::Aggregate,
    Kind::Baseline,
];

/// One row's counts in the order of [`COUNT_COLUMNS`].
pub fn count_cells(c: Counts) -> [usize; 7] {
    [c.new, c.changed, c.unchanged, c.conflicts, c.local_newer, c.deleted, c.deletion_skipped]
}

/// The counts table: a row per kind, then the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountsTable {
    /// Kind label and its counts.
    pub rows: Vec<(&'static str, [usize; 7])>,
    /// Over every kind.
    pub total: [usize; 7],
}

/// The counts of a preview.
pub fn counts_table(p: &Preview) -> CountsTable {
    CountsTable {
        rows: COUNT_KINDS.iter().map(|&k| (k.label(), count_cells(p.counts(k)))).collect(),
        total: count_cells(p.total()),
    }
}

/// The records a preview lists: every conflict, then up to [`LISTED_CHANGES`] other changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChangeLists {
    /// Xung đột: each needs a choice.
    pub conflicts: Vec<RecordChange>,
    /// The other changes listed.
    pub others: Vec<RecordChange>,
    /// Other changes not listed ("… và N bản ghi khác").
    pub more: usize,
}

impl ChangeLists {
    /// The lists of `p`.
    pub fn of(p: &Preview) -> ChangeLists {
        let conflicts: Vec<RecordChange> = p.conflicts().cloned().collect();
        let mut others = p.changes.iter().filter(|c| c.status != Status::Conflict);
        let listed: Vec<RecordChange> = others.by_ref().take(LISTED_CHANGES).cloned().collect();
        ChangeLists { conflicts, others: listed, more: others.count() }
    }

    /// The heading over the conflicts.
    pub fn conflicts_heading(&self) -> String {
        format!("Xung đột ({}): cùng một bản ghi được sửa khác nhau ở hai nơi", grouped(self.conflicts.len()))
    }

    /// "… và N bản ghi khác." when some were left out.
    pub fn more_line(&self) -> Option<String> {
        (self.more > 0).then(|| format!("… và {} bản ghi khác.", grouped(self.more)))
    }
}

/// A changed record's name, its id when it has none.
pub fn change_name(c: &RecordChange) -> String {
    if c.name.trim().is_empty() {
        c.id.clone()
    } else {
        c.name.clone()
    }
}

/// The choice in force for one record: its own, else the choice for all.
pub fn choice_for(r: &Resolutions, kind: Kind, id: &str) -> Option<Choice> {
    r.records.get(&(kind, id.to_string())).copied().or(r.all)
}

/// Một câu hỏi: one field both sides changed since they parted, with each side's value and
/// who changed it when, and the field's own choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldQuestion {
    /// Top-level field name (the key of the choice).
    pub field: String,
    /// Nhãn ("Ghi chú").
    pub label: String,
    /// Của tôi.
    pub mine: String,
    /// Của họ.
    pub theirs: String,
    /// "sửa bởi … lúc …" for mine.
    pub mine_by: String,
    /// "sửa bởi … lúc …" for theirs.
    pub theirs_by: String,
}

/// The questions of a conflict (none for other changes). `sender` names the file's sender
/// when their change carries no name; `time` writes a moment in the browser's time zone.
pub fn questions(c: &RecordChange, sender: &str, time: &dyn Fn(Millis) -> String) -> Vec<FieldQuestion> {
    let by = |stamp: Option<&dtbd_domain::model::FieldStamp>, fallback_at: Option<Millis>, fallback_who: &str| {
        let who = stamp.map(|s| s.by.trim()).filter(|b| !b.is_empty()).unwrap_or(fallback_who);
        match stamp.map(|s| s.at).or(fallback_at) {
            Some(at) => format!("sửa bởi {who} lúc {}", time(at)),
            None => format!("sửa bởi {who}"),
        }
    };
    let theirs_who = if sender.trim().is_empty() { "người gửi tệp" } else { sender.trim() };
    c.diff
        .iter()
        .filter(|d| d.asked)
        .map(|d| FieldQuestion {
            field: d.path.clone(),
            label: d.label.clone(),
            mine: d.mine.clone(),
            theirs: d.theirs.clone(),
            mine_by: by(d.mine_stamp.as_ref(), c.mine.as_ref().map(|m| m.updated_at), "máy này"),
            theirs_by: by(d.theirs_stamp.as_ref(), c.theirs.as_ref().map(|m| m.updated_at), theirs_who),
        })
        .collect()
}

/// The choice in force for one field of a record: its own, else the record's, else the
/// choice for all.
pub fn field_choice(r: &Resolutions, kind: Kind, id: &str, field: &str) -> Option<Choice> {
    r.get_field(kind, id, field)
}

/// Merges `incoming` into `local` with the user's choices; refused, with what to do, while a
/// conflict has no choice.
pub fn merge_resolved(local: &Dataset, incoming: &Dataset, choices: &Resolutions) -> Result<MergeOutcome, String> {
    let outcome = snapshot::merge(local, incoming, choices);
    if outcome.unresolved.is_empty() {
        Ok(outcome)
    } else {
        Err(format!(
            "Còn {} xung đột chưa chọn: hãy chọn \"Giữ của tôi\" hoặc \"Lấy của họ\" cho từng trường được hỏi, hoặc dùng nút chọn tất cả.",
            outcome.unresolved.len()
        ))
    }
}

// --- Undo and backups ---

/// What a backup was taken before (the store's reason, as the page needs it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupOf {
    /// Trước khi nhập tệp (a snapshot or an Excel roster).
    Import,
    /// Trước khi khôi phục (or undoing an import).
    Restore,
}

/// One backup as the page knows it, its time already written.
#[derive(Debug, Clone, Copy)]
pub struct BackupFacts<'a> {
    pub reason: BackupOf,
    /// When it was taken.
    pub when: &'a str,
    /// The imported file, or the restored backup's description.
    pub source: &'a str,
    /// Người gửi of the imported file (may be empty).
    pub sender: &'a str,
    /// Records it holds: units, cadres, directives, tombstones, training records.
    pub counts: [usize; 5],
}

/// One row of the backups list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupRow {
    /// "Trước khi nhập tệp a.json (người gửi: …)".
    pub what: String,
    /// "2 đơn vị · 3 cán bộ · …".
    pub counts: String,
    /// The restore button's accessible name.
    pub button_label: String,
}

impl BackupFacts<'_> {
    /// How the backup is listed.
    pub fn row(&self) -> BackupRow {
        let what = match self.reason {
            BackupOf::Import => format!(
                "Trước khi nhập tệp {}{}",
                self.source,
                if self.sender.is_empty() { String::new() } else { format!(" (người gửi: {})", self.sender) }
            ),
            BackupOf::Restore => format!("Trước khi khôi phục {}", self.source),
        };
        let [units, cadres, directives, tombstones, training] = self.counts.map(grouped);
        BackupRow {
            what,
            counts: format!(
                "{units} đơn vị · {cadres} cán bộ · {directives} văn bản · {tombstones} bản ghi đã xóa · {training} bản ghi đào tạo"
            ),
            button_label: format!("Khôi phục bản sao lưu lúc {}", self.when),
        }
    }

    /// The source of the backup taken before restoring this one (what it will be listed as).
    pub fn restore_source(&self) -> String {
        match self.reason {
            BackupOf::Import => format!("bản sao lưu lúc {} (trước khi nhập {})", self.when, self.source),
            BackupOf::Restore => format!("bản sao lưu lúc {}", self.when),
        }
    }
}

/// Above the backups list.
pub fn backups_hint(kept: usize) -> String {
    format!(
        "Trước mỗi lần nhập tệp hoặc khôi phục, dữ liệu trên máy được tự động sao lưu. Máy giữ {kept} bản gần nhất."
    )
}

/// After restoring a backup from the list.
pub fn restored_message(when: &str) -> String {
    format!("Đã khôi phục bản sao lưu lúc {when}. Dữ liệu trước đó cũng đã được sao lưu.")
}

/// What "Hoàn tác lần nhập cuối" would do.
pub fn undo_hint(source: &str, when: &str) -> String {
    format!("Trở về dữ liệu như trước khi nhập tệp {source} (lúc {when}).")
}

/// After undoing the last snapshot import.
pub fn undone_message(source: &str) -> String {
    format!("Đã hoàn tác: dữ liệu trở về như trước khi nhập tệp {source}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit_choices::tests::{roster, unit};
    use dtbd_domain::snapshot::FieldDiff;

    fn two_roots() -> Roster {
        Roster { units: vec![unit("a", "UBND xã A", None), unit("b", "UBND xã B", None)], ..Roster::default() }
    }

    fn change(id: &str, name: &str, status: Status) -> RecordChange {
        RecordChange {
            kind: Kind::Cadre,
            id: id.into(),
            name: name.into(),
            status,
            mine: None,
            theirs: None,
            diff: Vec::<FieldDiff>::new(),
        }
    }

    #[test]
    fn a_question_says_both_values_and_who_changed_each_when() {
        use dtbd_domain::model::{FieldStamp, RecordMeta};
        let stamp = |by: &str, at| Some(FieldStamp { device: "d".into(), version: 4, at, by: by.into() });
        let mut c = change("c1", "Lò Văn A", Status::Conflict);
        c.mine = Some(RecordMeta::at(4, 100));
        c.theirs = Some(RecordMeta::at(4, 200));
        let asked = |path: &str, mine_stamp, theirs_stamp| FieldDiff {
            path: path.into(),
            label: "Ghi chú".into(),
            mine: "của A".into(),
            theirs: "của B".into(),
            asked: true,
            mine_stamp,
            theirs_stamp,
        };
        c.diff = vec![
            asked("note", stamp("Xã A", 100), stamp("", 200)),
            FieldDiff { asked: false, path: "birth_year".into(), ..asked("birth_year", None, None) },
        ];
        let time = |ms: Millis| format!("t{ms}");
        let q = questions(&c, "Lò Văn B", &time);
        assert_eq!(q.len(), 1, "a field merged without asking is no question");
        assert_eq!((q[0].field.as_str(), q[0].mine.as_str(), q[0].theirs.as_str()), ("note", "của A", "của B"));
        assert_eq!(q[0].mine_by, "sửa bởi Xã A lúc t100");
        assert_eq!(q[0].theirs_by, "sửa bởi Lò Văn B lúc t200", "an unnamed change of theirs is the sender's");
        c.diff[0].mine_stamp = None;
        assert_eq!(questions(&c, "", &time)[0].mine_by, "sửa bởi máy này lúc t100");
        let r = Resolutions::default().choose_field(Kind::Cadre, "c1", "note", Choice::TakeTheirs);
        assert_eq!(field_choice(&r, Kind::Cadre, "c1", "note"), Some(Choice::TakeTheirs));
        assert_eq!(field_choice(&r, Kind::Cadre, "c1", "birth_year"), None);
        assert_eq!(field_choice(&Resolutions::all_mine(), Kind::Cadre, "c1", "note"), Some(Choice::KeepMine));
    }

    #[test]
    fn sizes_in_vietnamese_decimals() {
        assert_eq!(mb(12_345_678.0), "12,3 MB");
        assert_eq!(mb(2_500_000_000.0), "2,5 GB");
        assert_eq!(mb(0.0), "0,0 MB");
    }

    #[test]
    fn whole_database_is_sent_by_its_one_top_unit() {
        let r = roster();
        let (scope, by) = export_target(&r, "", "  Cán bộ A, 0912  ");
        assert_eq!(scope, ExportScope::All);
        assert_eq!(by.unit_id.as_deref(), Some("huyen"));
        assert_eq!(by.unit_name, "UBND huyện Hoàng Su Phì");
        assert_eq!(by.sender, "Cán bộ A, 0912");
    }

    #[test]
    fn two_top_units_send_as_no_unit() {
        let mut r = roster();
        r.units.push(unit("khac", "UBND huyện Xín Mần", None));
        let (scope, by) = export_target(&r, "", "");
        assert_eq!(scope, ExportScope::All);
        assert_eq!(by.unit_id, None);
        assert_eq!(by.unit_name, "");
    }

    #[test]
    fn a_subtree_is_sent_by_its_unit_and_a_gone_unit_by_none() {
        let r = roster();
        let (scope, by) = export_target(&r, "xa", "");
        assert_eq!(scope, ExportScope::Subtree("xa".into()));
        assert_eq!(by.unit_name, "UBND xã Nậm Ty");
        let (scope, by) = export_target(&r, "da-xoa", "");
        assert_eq!(scope, ExportScope::Subtree("da-xoa".into()));
        assert_eq!(by.unit_id, None);
    }

    #[test]
    fn scope_choices_start_with_the_whole_database() {
        let c = scope_choices(&roster());
        assert_eq!(c[0], (String::new(), "Toàn bộ dữ liệu".to_string()));
        assert_eq!(c[1].1, "UBND huyện Hoàng Su Phì (và trực thuộc)");
        assert_eq!(c.len(), 4);
    }

    #[test]
    fn file_name_gets_gz_when_compressed() {
        let by = ExportedBy { unit_id: None, unit_name: "UBND xã Nậm Ty".into(), sender: "Lò Thị Mai".into() };
        let at = Moment { date: dtbd_domain::date::Date::new(2025, 3, 9).unwrap(), hour: 15, minute: 30 };
        let plain = export_file_name(&by, at, false);
        assert_eq!(plain, "dtbd-ubnd-xa-nam-ty-2025-03-09-1530.json");
        assert!(plain.ends_with(".json"), "{plain}");
        assert_eq!(export_file_name(&by, at, true), format!("{plain}.gz"));
        // A whole roster of several top units is named after the sender, not "dtbd-<date>".
        let (_, whole) = export_target(&two_roots(), "", "Lò Thị Mai");
        assert_eq!(export_file_name(&whole, at, false), "dtbd-lo-thi-mai-2025-03-09-1530.json");
    }

    #[test]
    fn exported_message_counts_and_says_sealed() {
        let r = Records { units: roster().units, ..Records::default() };
        assert_eq!(
            exported_message("a.json", &r, 1_500.0, false),
            "Đã xuất tệp a.json (3 đơn vị, 0 cán bộ, 0 văn bản, 0,0 MB)."
        );
        assert!(exported_message("a.json", &r, 0.0, true).ends_with(", đã mã hóa bằng mật khẩu)."));
    }

    #[test]
    fn reminder_days_parse_default_and_cap() {
        assert_eq!(reminder_days(" 45 ", 30), 45);
        assert_eq!(reminder_days("mười", 30), 30);
        assert_eq!(reminder_days("-3", 30), 30);
        assert_eq!(reminder_days("9999", 30), 365);
        assert_eq!(reminder_days("0", 30), 0);
    }

    #[test]
    fn hints() {
        assert_eq!(last_export_hint(None), "Máy này chưa xuất dữ liệu lần nào.");
        assert_eq!(last_export_hint(Some("09/03/2025 08:00")), "Lần xuất gần nhất: 09/03/2025 08:00.");
        assert!(reminder_text(30).starts_with("Đã 30 ngày chưa xuất dữ liệu"));
        assert!(storage_hint(1e6, 2e9, true)
            .starts_with("Bộ nhớ trình duyệt: đang dùng 1,0 MB trên 2,0 GB được phép. Trình duyệt đã cho phép"));
        assert!(storage_hint(1e6, 2e9, false).contains("chưa cho phép lưu lâu dài"));
        assert!(drop_hint().ends_with("Tối đa 50 MB."));
    }

    #[test]
    fn preview_heading_names_only_what_the_file_says() {
        let mut f = FileFacts { file: "a.json".into(), scope: scope_label(&Scope::All), ..FileFacts::default() };
        assert_eq!(f.title(), "Xem trước: a.json");
        assert_eq!(f.sub("01/02/2025 10:00"), "Toàn bộ dữ liệu · xuất lúc 01/02/2025 10:00");
        f.from = "UBND xã Nậm Ty".into();
        f.sender = "Cán bộ A".into();
        f.migrated_from = Some(3);
        assert_eq!(
            f.sub("t"),
            "Toàn bộ dữ liệu · từ UBND xã Nậm Ty · người gửi: Cán bộ A · xuất lúc t · tệp định dạng cũ (phiên bản 3) đã được nâng cấp"
        );
        let sub = Scope::Subtree { unit_id: "xa".into(), unit_name: "UBND xã Nậm Ty".into() };
        assert_eq!(scope_label(&sub), "Đơn vị UBND xã Nậm Ty và các đơn vị trực thuộc");
    }

    #[test]
    fn counts_table_rows_per_kind_and_total() {
        let p = Preview {
            units: Counts { new: 2, ..Counts::default() },
            cadres: Counts { new: 1, conflicts: 1, ..Counts::default() },
            ..Preview::default()
        };
        let t = counts_table(&p);
        assert_eq!(t.rows.len(), 9);
        assert_eq!(t.rows[0], (Kind::Unit.label(), [2, 0, 0, 0, 0, 0, 0]));
        assert_eq!(t.total, [3, 0, 0, 1, 0, 0, 0]);
        assert_eq!(COUNT_COLUMNS[3].1, "conflicts");
    }

    #[test]
    fn change_lists_keep_every_conflict_and_cap_the_rest() {
        let mut changes = vec![change("c1", "", Status::Conflict)];
        changes.extend((0..LISTED_CHANGES + 5).map(|i| change(&format!("n{i}"), "X", Status::New)));
        changes.push(change("c2", "Nguyễn Văn An", Status::Conflict));
        let l = ChangeLists::of(&Preview { changes, ..Preview::default() });
        assert_eq!(l.conflicts.len(), 2);
        assert_eq!(l.others.len(), LISTED_CHANGES);
        assert_eq!(l.more_line().as_deref(), Some("… và 5 bản ghi khác."));
        assert_eq!(l.conflicts_heading(), "Xung đột (2): cùng một bản ghi được sửa khác nhau ở hai nơi");
        assert_eq!(change_name(&l.conflicts[0]), "c1");
        assert_eq!(change_name(&l.conflicts[1]), "Nguyễn Văn An");
        assert_eq!(ChangeLists::default().more_line(), None);
    }

    #[test]
    fn a_record_choice_wins_over_the_choice_for_all() {
        let r = Resolutions::all_theirs().choose(Kind::Cadre, "a", Choice::KeepMine);
        assert_eq!(choice_for(&r, Kind::Cadre, "a"), Some(Choice::KeepMine));
        assert_eq!(choice_for(&r, Kind::Cadre, "b"), Some(Choice::TakeTheirs));
        assert_eq!(choice_for(&Resolutions::default(), Kind::Unit, "a"), None);
    }

    #[test]
    fn merging_without_conflicts_applies() {
        let local = Dataset::default();
        let incoming = Dataset { roster: roster(), ..Dataset::default() };
        let out = merge_resolved(&local, &incoming, &Resolutions::default()).expect("no conflict");
        assert_eq!(out.summary.total().new, 3);
    }

    #[test]
    fn an_unchosen_conflict_refuses_the_merge() {
        let local = Dataset { roster: roster(), ..Dataset::default() };
        let mut incoming = local.clone();
        incoming.roster.units[0].name = "UBND xã Nậm Ty (sửa)".into();
        let e = merge_resolved(&local, &incoming, &Resolutions::default()).expect_err("a conflict");
        assert!(e.starts_with("Còn 1 xung đột chưa chọn"), "{e}");
        assert!(merge_resolved(&local, &incoming, &Resolutions::all_theirs()).is_ok());
    }

    #[test]
    fn backup_rows_and_restore_sources() {
        let import = BackupFacts {
            reason: BackupOf::Import,
            when: "01/02/2025 10:00",
            source: "a2.json",
            sender: "Cán bộ A",
            counts: [1, 2, 3, 4, 5],
        };
        let row = import.row();
        assert_eq!(row.what, "Trước khi nhập tệp a2.json (người gửi: Cán bộ A)");
        assert_eq!(row.counts, "1 đơn vị · 2 cán bộ · 3 văn bản · 4 bản ghi đã xóa · 5 bản ghi đào tạo");
        assert_eq!(row.button_label, "Khôi phục bản sao lưu lúc 01/02/2025 10:00");
        assert_eq!(import.restore_source(), "bản sao lưu lúc 01/02/2025 10:00 (trước khi nhập a2.json)");
        let restore = BackupFacts { reason: BackupOf::Restore, sender: "", source: "bản sao lưu lúc x", ..import };
        assert_eq!(restore.row().what, "Trước khi khôi phục bản sao lưu lúc x");
        assert_eq!(restore.restore_source(), "bản sao lưu lúc 01/02/2025 10:00");
        let no_sender = BackupFacts { sender: "", ..import };
        assert_eq!(no_sender.row().what, "Trước khi nhập tệp a2.json");
    }
}
