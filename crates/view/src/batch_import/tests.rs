use dtbd_domain::demo::province::{province, ProvinceOptions};
use dtbd_domain::snapshot::batch::{combine, BatchFile, Choices, Refused};
use dtbd_domain::snapshot::Dataset;

use super::*;

fn time(ms: Millis) -> String {
    format!("t{ms}")
}

/// A district's database and its communes' files, one of them carrying another commune's cadre.
fn district(intruder: bool) -> (Dataset, Vec<BatchFile>) {
    let options = ProvinceOptions { intruder, ..ProvinceOptions::new(1, 4, 6, 16) };
    let p = province(&options);
    let files =
        p.commune_files().map(|f| BatchFile { name: f.file_name.clone(), snapshot: f.snapshot.clone() }).collect();
    (p.districts[0].database.clone(), files)
}

#[test]
fn each_file_is_a_row_with_its_unit_sender_time_and_records_and_refused_files_come_last() {
    let (local, files) = district(false);
    let combined = combine(&files, &local, 1_000, &Choices::default());
    let refused =
        [Refused { file: "hong.json".into(), messages: vec!["Tệp “hong.json”: bị cắt dở.".into()] }];
    let rows = file_rows(&files, &combined, &refused, &time);
    assert_eq!(rows.len(), 5);
    for (row, file) in rows.iter().zip(&files) {
        assert_eq!(row.file, file.name);
        assert_eq!(row.unit, file.snapshot.exported_by.unit_name);
        assert!(!row.sender.is_empty());
        assert_eq!(row.sent, time(file.snapshot.exported_at));
        assert!(row.records.contains(&format!("{} cán bộ", file.snapshot.records.cadres.len())), "{}", row.records);
        assert!(row.state.starts_with("Nhận "), "{}", row.state);
        assert!(!row.refused);
    }
    let last = rows.last().unwrap();
    assert!(last.refused && last.state.contains("bị cắt dở") && last.file == "hong.json");
}

#[test]
fn the_same_file_twice_is_said_to_be_taken_once() {
    let (local, mut files) = district(false);
    let again = BatchFile { name: "ban-sao.json".into(), snapshot: files[0].snapshot.clone() };
    files.push(again);
    let combined = combine(&files, &local, 1_000, &Choices::default());
    let rows = file_rows(&files, &combined, &[], &time);
    let twins: Vec<&FileRow> = rows.iter().filter(|r| r.state.starts_with("Trùng với tệp")).collect();
    assert_eq!(twins.len(), 1, "{rows:?}");
    let other = if twins[0].file == "ban-sao.json" { files[0].name.clone() } else { "ban-sao.json".to_string() };
    assert!(twins[0].state.contains(&other), "{:?}", twins[0]);
}

#[test]
fn a_record_from_another_communes_subtree_is_listed_untaken_until_chosen() {
    let (local, files) = district(true);
    let combined = combine(&files, &local, 1_000, &Choices::default());
    let rows = outside_rows(&combined);
    let intruder = rows.iter().find(|r| r.kind == Kind::Cadre).expect("the intruder is listed");
    assert!(!intruder.taken && !intruder.along);
    assert!(intruder.why.contains("thuộc ") && intruder.why.contains("gửi trong tệp của "), "{}", intruder.why);
    assert!(outside_heading(&rows).contains(&format!("({})", rows.len())));
    let chosen = Choices::default().take(intruder.file, intruder.kind, intruder.id.clone());
    let taken = combine(&files, &local, 1_000, &chosen);
    let again = outside_rows(&taken);
    assert!(again.iter().any(|r| r.id == intruder.id && r.taken));
}

#[test]
fn messages_name_one_file_or_count_many() {
    let one = vec!["xa-a.json".to_string()];
    let many: Vec<String> = (0..20).map(|i| format!("xa-{i}.json")).collect();
    assert_eq!(batch_label(&one), "xa-a.json");
    assert_eq!(batch_label(&many), "20 tệp");
    assert_eq!(chosen_files(&many), "20 tệp (xa-0.json, …)");
    assert_eq!(chosen_files(&[]), "Chưa chọn tệp");
    let counts = Counts { new: 1200, ..Counts::default() };
    assert!(imported_message(&many, counts).starts_with("Đã nhập 20 tệp: 1.200 mới"));
    assert!(imported_message(&one, counts).starts_with("Đã nhập tệp xa-a.json: 1.200 mới"));
    assert!(locked_files_message(&many[..3]).starts_with("3 tệp đã được mã hóa: xa-0.json, xa-1.json, xa-2.json."));
    assert_eq!(preview_title(19, 1), "Xem trước: 19 tệp (1 tệp bị từ chối, không nhập)");
    assert!(all_refused(3).contains("3 tệp"));
    let c = Counts { new: 3, changed: 1, conflicts: 1, deleted: 0, ..Counts::default() };
    assert_eq!(
        imported_message(&one, c),
        "Đã nhập tệp xa-a.json: 3 mới, 1 thay đổi, 1 xung đột đã giải quyết, 0 bị xóa. Dữ liệu trước khi nhập đã được sao lưu."
    );
    assert!(locked_files_message(&one).starts_with("Tệp xa-a.json đã được mã hóa."));
}
