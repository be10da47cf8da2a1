//! Nhập nhanh (`nhap-excel.html#/nhap-nhanh`): cadres typed row after row in a table, as
//! in Excel, the unit and đối tượng chosen once for the batch. A row is read by the import's
//! own rules (`domain::roster_import::preview`: the same free-text levels "ĐH", "Th.S", "cao
//! cấp", "TC", the same remembered choices, the same validation), one row at a time against
//! the roster as saved so far, so a person typed twice is caught on the second row. A row
//! that reads is one cadre to save; one that does not says, beside each cell, what is wrong.

use std::collections::HashSet;

use dtbd_domain::model::{Cadre, Category, Id, Millis, RecordMeta};
use dtbd_domain::number::grouped;
use dtbd_domain::roster::Roster;
use dtbd_domain::roster_import::{self as ri, Field, ImportRequest, ImportSettings, Outcome};

/// The columns, in the order the officer types them: what the first page of a personnel
/// file gives (Sơ yếu lý lịch), the fields a directive's groups and targets count by.
pub const COLUMNS: [Field; 10] = [
    Field::FullName,
    Field::Birth,
    Field::Gender,
    Field::Ethnicity,
    Field::Position,
    Field::Professional,
    Field::Political,
    Field::StateManagement,
    Field::ForeignLanguage,
    Field::It,
];

/// Said when the officer taps "Xong" with rows still to correct.
pub const ROWS_LEFT: &str = "Còn dòng chưa lưu (ô viền đỏ): sửa lại, hoặc bấm “Bỏ” ở cuối dòng để bỏ dòng đó.";

/// Rows the table starts with; a new blank row is added whenever the last one is typed in.
pub const FIRST_ROWS: usize = 5;

/// The placeholder of a column's cells: what officers write there.
pub fn placeholder(field: Field) -> &'static str {
    match field {
        Field::FullName => "Nguyễn Văn A",
        Field::Birth => "1985",
        Field::Gender => "Nam / Nữ",
        Field::Ethnicity => "Kinh",
        Field::Position => "Phó Chủ tịch UBND xã",
        Field::Professional => "ĐH, Th.S …",
        Field::Political => "TC, Cao cấp …",
        Field::StateManagement => "CV, CVC …",
        Field::ForeignLanguage => "B1, A2 …",
        Field::It => "Cơ bản …",
        _ => "",
    }
}

/// The label of a cell for assistive technology and for the officer's search: "Năm sinh, dòng 3".
pub fn cell_label(field: Field, row: usize) -> String {
    format!("{}, dòng {}", field.label(), row + 1)
}

/// The batch: what every row shares, chosen once.
#[derive(Debug, Clone, Copy)]
pub struct Batch<'a> {
    /// Đơn vị công tác of every row.
    pub unit_id: &'a str,
    /// Đối tượng of every row.
    pub category: Category,
    /// The level and column choices remembered by the Excel import (the same readings).
    pub settings: &'a ImportSettings,
}

/// Why the batch cannot take rows yet, if it cannot.
pub fn batch_problem(roster: &Roster, unit_id: &str, category: Option<Category>) -> Option<&'static str> {
    if roster.unit(unit_id).is_none() {
        Some("Chọn đơn vị công tác cho cả lượt nhập trước khi gõ.")
    } else if category.is_none() {
        Some("Chọn đối tượng cho cả lượt nhập trước khi gõ.")
    } else {
        None
    }
}

/// A problem with one cell of a row (`column` indexes [`COLUMNS`]), in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// The cell's column.
    pub column: usize,
    /// What is wrong, as a sentence.
    pub message: String,
}

/// A row read: the cadre to save, and a note for the officer (a namesake elsewhere).
#[derive(Debug, Clone, PartialEq)]
pub struct RowRead {
    /// The new cadre, ready for `Roster::save_cadre`.
    pub cadre: Cadre,
    /// "Trùng họ tên và năm sinh với … ở …: lưu là một người khác."
    pub note: Option<String>,
}

/// True when nothing is typed in the row.
pub fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// Upper-cases the first letter: the import's messages follow "Dòng 3, cột …:", these stand
/// alone beside their cell.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// Reads one typed row (`cells` in [`COLUMNS`] order) into a new cadre of the batch, against
/// `roster` as saved so far. Họ và tên, năm sinh and giới tính are needed; every other cell may
/// stay blank. A person already on the roster in this unit (typed twice, or there before) is
/// refused: the row would otherwise edit them. The same name and year in another unit is
/// another person, saved with a note.
pub fn read_row(
    roster: &Roster,
    cells: &[String],
    batch: &Batch<'_>,
    now: Millis,
    new_id: &mut dyn FnMut() -> Id,
) -> Result<RowRead, Vec<CellError>> {
    let header: Vec<String> = COLUMNS.iter().map(|f| f.label().to_string()).collect();
    let mapping: Vec<Option<Field>> = COLUMNS.iter().copied().map(Some).collect();
    let mut row: Vec<String> = cells.to_vec();
    row.resize(COLUMNS.len(), String::new());
    let column_of = |label: &str| header.iter().position(|h| h == label).unwrap_or(0);
    let mut errors: Vec<CellError> = Vec::new();
    // A namesake elsewhere is another person: the import asks, a typed row is new.
    let different_people: HashSet<usize> = HashSet::from([1]);
    let rows = [row];
    let req = ImportRequest {
        header: &header,
        rows: &rows,
        first_row: 1,
        mapping: &mapping,
        settings: batch.settings,
        default_unit: Some(batch.unit_id),
        default_category: Some(batch.category),
        new_units: &[],
        different_people: &different_people,
        now,
    };
    let preview = ri::preview(roster, &req, new_id);
    for e in &preview.errors {
        let column = column_of(&e.column);
        let message = if e.message.contains("chưa rõ là trình độ nào") {
            let typed = rows[0][column].trim();
            format!("Chưa rõ “{typed}” là trình độ nào: ghi như ĐH, Th.S, Cao cấp, TC, CVC, B1 hoặc tên đầy đủ.")
        } else {
            sentence(&e.message)
        };
        if !errors.iter().any(|x| x.column == column && x.message == message) {
            errors.push(CellError { column, message });
        }
    }
    let Some(read) = preview.rows.into_iter().next() else {
        return Err(errors);
    };
    if !matches!(read.outcome, Outcome::New) {
        let c = &read.cadre;
        errors.push(CellError {
            column: 0,
            message: format!(
                "Đã có {} (sinh {}) trong đơn vị này: không lưu lần nữa; sửa ở trang của người đó nếu cần.",
                c.full_name, c.birth_year
            ),
        });
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.column);
        return Err(errors);
    }
    let note = preview.doubtful.first().map(|pair| {
        format!(
            "Trùng họ tên và năm sinh với {} ở {}: đã lưu là một người khác.",
            pair.existing.full_name,
            roster.unit_name(&pair.existing.unit_id)
        )
    });
    let mut cadre = read.cadre;
    cadre.meta = RecordMeta::default();
    Ok(RowRead { cadre, note })
}

/// A saved row as read back, one text per column: the officer sees "ĐH" read as "Đại học".
pub fn saved_cells(cadre: &Cadre) -> Vec<String> {
    // The lowest level ("chưa") not studying is left blank, as the officer left it.
    fn level(held: (&str, &str), studying: Option<&str>, unknown: bool) -> String {
        match (unknown, studying) {
            (true, Some(s)) => format!("Đang học {s}"),
            (false, Some(s)) => format!("{}, đang học {}", held.1, s.to_lowercase()),
            _ if held.0 == "chua" => String::new(),
            _ => held.1.to_string(),
        }
    }
    macro_rules! qual {
        ($q:expr) => {
            level(($q.level.code(), $q.level.label()), $q.studying.map(|s| s.label()), $q.level_unknown)
        };
    }
    COLUMNS
        .iter()
        .map(|f| match f {
            Field::FullName => cadre.full_name.clone(),
            Field::Birth => cadre.birth_year.to_string(),
            Field::Gender => cadre.gender.label().to_string(),
            Field::Ethnicity => cadre.ethnicity.clone(),
            Field::Position => cadre.positions.iter().map(|p| p.title.as_str()).collect::<Vec<_>>().join("; "),
            Field::Professional => qual!(cadre.professional),
            Field::Political => qual!(cadre.political),
            Field::StateManagement => qual!(cadre.state_management),
            Field::ForeignLanguage => qual!(cadre.foreign_language),
            Field::It => qual!(cadre.it),
            _ => String::new(),
        })
        .collect()
}

/// The line under the table: "Đã lưu 10 cán bộ vào UBND xã Nậm Ty; 1 dòng cần sửa."; none
/// before the first row is left.
pub fn batch_line(saved: usize, invalid: usize, unit_name: &str) -> Option<String> {
    if saved == 0 && invalid == 0 {
        return None;
    }
    let mut line = format!("Đã lưu {} cán bộ vào {unit_name}", grouped(saved));
    if invalid > 0 {
        line.push_str(&format!("; {} dòng cần sửa (ô có viền đỏ)", grouped(invalid)));
    }
    line.push('.');
    Some(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dtbd_domain::fixtures::unit;
    use dtbd_domain::levels::{ForeignLanguage, Political, Professional, StateManagement};
    use dtbd_domain::model::{Gender, Leadership};

    fn roster() -> Roster {
        Roster {
            units: vec![unit("x1", "UBND xã Nậm Ty", None), unit("x2", "UBND xã Bản Máy", None)], cadres: vec![]
        }
    }

    fn cells(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_string()).collect()
    }

    fn read(r: &Roster, row: &[&str]) -> Result<RowRead, Vec<CellError>> {
        let settings = ImportSettings::default();
        let batch = Batch { unit_id: "x1", category: Category::Cadre, settings: &settings };
        let mut n = 0;
        read_row(r, &cells(row), &batch, 7, &mut || {
            n += 1;
            format!("new-{n}")
        })
    }

    #[test]
    fn levels_read_as_officers_type_them() {
        let r = roster();
        let got =
            read(&r, &["Lò Văn Sinh", "1984", "nam", "Thái", "PCT UBND xã", "ĐH", "TC", "CV", "B1", "Cơ bản"]).unwrap();
        let c = &got.cadre;
        assert_eq!(c.full_name, "Lò Văn Sinh");
        assert_eq!((c.birth_year, c.gender, c.ethnicity.as_str()), (1984, Gender::Male, "Thái"));
        assert_eq!((c.unit_id.as_str(), c.category), ("x1", Category::Cadre));
        assert_eq!(c.professional.level, Professional::Bachelor);
        assert_eq!(c.political.level, Political::Intermediate);
        assert_eq!(c.state_management.level, StateManagement::Specialist);
        assert_eq!(c.foreign_language.level, ForeignLanguage::ALL[3]);
        assert_eq!(c.positions[0].leadership, Leadership::Deputy);
        assert_eq!(c.positions[0].unit_id, "x1");
        assert_eq!(got.note, None);

        let variants = [
            ("Th.S", Professional::Master),
            ("ThS", Professional::Master),
            ("thạc sỹ", Professional::Master),
            ("Đại học", Professional::Bachelor),
            ("dh", Professional::Bachelor),
            ("TC", Professional::Intermediate),
        ];
        for (typed, want) in variants {
            let c = read(&r, &["Hà Thị Mai", "1990", "Nữ", "", "", typed, "", "", "", ""]).unwrap().cadre;
            assert_eq!(c.professional.level, want, "{typed}");
            assert_eq!(c.gender, Gender::Female);
        }
        for (typed, want) in
            [("cao cấp", Political::Advanced), ("CC", Political::Advanced), ("Sơ cấp", Political::Elementary)]
        {
            let c = read(&r, &["Hà Thị Mai", "1990", "nu", "", "", "", typed, "", "", ""]).unwrap().cadre;
            assert_eq!(c.political.level, want, "{typed}");
        }
        let c = read(&r, &["Hà Thị Mai", "1990", "Nữ", "", "", "ĐH, đang học Th.S", "", "", "", ""]).unwrap().cadre;
        assert_eq!(
            (c.professional.level, c.professional.studying),
            (Professional::Bachelor, Some(Professional::Master))
        );
        assert_eq!(saved_cells(&c)[5], "Đại học, đang học thạc sĩ");
    }

    #[test]
    fn a_bad_row_says_beside_each_cell_what_is_wrong() {
        let r = roster();
        let e = read(&r, &["", "19x5", "", "", "", "tiến sĩ khoa học viễn tưởng", "xyz", "", "", ""]).unwrap_err();
        let by_column: Vec<(usize, &str)> = e.iter().map(|x| (x.column, x.message.as_str())).collect();
        assert!(
            by_column.iter().any(|(c, m)| *c == 1 && m.starts_with("“19x5” không đọc được thành năm sinh")),
            "{by_column:?}"
        );
        assert!(by_column.iter().any(|(c, m)| *c == 2 && *m == "Chưa có giới tính."), "{by_column:?}");
        assert!(
            by_column.iter().any(|(c, m)| *c == 6 && m.starts_with("Chưa rõ “xyz” là trình độ nào: ghi như ĐH, Th.S")),
            "{by_column:?}"
        );
        // The name is checked once the row reads otherwise.
        let e = read(&r, &["", "1985", "Nam", "", "", "", "", "", "", ""]).unwrap_err();
        assert_eq!(e, [CellError { column: 0, message: "Họ và tên: không được để trống.".into() }]);
        assert!(e.iter().all(|x| !x.message.contains("bảng đối chiếu")));
    }

    #[test]
    fn a_person_typed_twice_is_refused_and_a_namesake_elsewhere_is_another_person() {
        let mut r = roster();
        let first = read(&r, &["Giàng A Páo", "1979", "Nam", "Mông", "", "", "", "", "", ""]).unwrap();
        r.save_cadre(first.cadre, 8).unwrap();
        let again = read(&r, &["Giàng  A Páo", "1979", "nam", "", "", "", "", "", "", ""]).unwrap_err();
        assert_eq!(again[0].column, 0);
        assert!(again[0].message.starts_with("Đã có Giàng A Páo (sinh 1979) trong đơn vị này"), "{again:?}");

        let mut elsewhere = r.cadres[0].clone();
        elsewhere.id = "other".into();
        elsewhere.unit_id = "x2".into();
        r.cadres = vec![elsewhere];
        let got = read(&r, &["Giàng A Páo", "1979", "Nam", "", "", "", "", "", "", ""]).unwrap();
        assert_eq!(got.cadre.unit_id, "x1");
        assert_ne!(got.cadre.id, "other");
        assert_eq!(
            got.note.as_deref(),
            Some("Trùng họ tên và năm sinh với Giàng A Páo ở UBND xã Bản Máy: đã lưu là một người khác.")
        );
    }

    #[test]
    fn the_batch_needs_a_unit_and_a_category() {
        let r = roster();
        assert!(batch_problem(&r, "", Some(Category::Cadre)).is_some());
        assert!(batch_problem(&r, "x1", None).is_some());
        assert_eq!(batch_problem(&r, "x1", Some(Category::Cadre)), None);
        assert!(is_blank(&cells(&["", " ", ""])));
        assert!(!is_blank(&cells(&["", "x"])));
        assert_eq!(cell_label(Field::Birth, 2), "Năm sinh, dòng 3");
        assert_eq!(batch_line(0, 0, "UBND xã Nậm Ty"), None);
        assert_eq!(batch_line(1200, 0, "UBND xã Nậm Ty").unwrap(), "Đã lưu 1.200 cán bộ vào UBND xã Nậm Ty.");
        assert_eq!(batch_line(0, 1, "X").unwrap(), "Đã lưu 0 cán bộ vào X; 1 dòng cần sửa (ô có viền đỏ).");
    }
}
