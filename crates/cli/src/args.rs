//! The command line read into a [`Command`], every refusal in Vietnamese (lexopt's own words
//! never reach the officer).

use std::ffi::OsString;
use std::path::PathBuf;

use dtbd_domain::date::Date;
use lexopt::prelude::*;

/// What `dtbd --help` prints.
pub const USAGE: &str = "\
dtbd: dòng lệnh của Sổ theo dõi đào tạo, bồi dưỡng cán bộ

Cách dùng:
  dtbd check TỆP…
      Kiểm tra từng tệp bản chụp dữ liệu (.json, .json.gz) như trang Trao đổi dữ liệu.
  dtbd merge TỆP… -o KẾT-QUẢ.json [--take-theirs] [--take-outside] [--skip-refused]
             [--sender TÊN] [--unit-name TÊN]
      Hợp nhất các tệp thành một bản chụp. Xung đột và bản ghi ngoài phạm vi đơn vị gửi
      được liệt kê và bỏ qua, trừ khi có --take-theirs / --take-outside.
  dtbd report TỆP --directive MÃ|SỐ-KÝ-HIỆU [--year NĂM | --at NGÀY/THÁNG/NĂM]
              [--by-unit [--parent ĐƠN-VỊ]] [--format json|csv|xlsx]
              [--table scores|groups|units|unit-groups] [--held-only] [-o TỆP]
      Điểm các chỉ tiêu và thực trạng các nhóm của một văn bản (văn bản mẫu hoặc văn bản
      trong tệp), và so sánh các đơn vị trực thuộc (--by-unit).
  dtbd import-roster BẢNG.xlsx|.xls|.csv -o KẾT-QUẢ.json [--sheet SỐ|TÊN] [--header-row SỐ]
                     [--unit TÊN-ĐƠN-VỊ] [--category MÃ] [--column \"TÊN CỘT=trường\"]…
      Đọc danh sách cán bộ từ bảng tính như trang Nhập Excel, không hỏi lại, và in những gì
      đã đoán (cột, trình độ, đơn vị mới, dòng không nhập).

Mã thoát: 0 xong; 1 có tệp bị từ chối (thông báo nêu tệp và lý do); 2 sai cú pháp lệnh.";

/// One command, its arguments checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// `--help`.
    Help,
    /// `--version`.
    Version,
    /// `check FILE…`.
    Check(Vec<PathBuf>),
    /// `merge FILE… -o OUT`.
    Merge(MergeOptions),
    /// `report FILE --directive …`.
    Report(ReportOptions),
    /// `import-roster SHEET -o OUT`.
    ImportRoster(ImportOptions),
}

/// `dtbd merge`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MergeOptions {
    /// The files, in the order given (a later file meets what the earlier ones made).
    pub files: Vec<PathBuf>,
    /// The snapshot written.
    pub output: PathBuf,
    /// Xung đột: take the later file's version instead of leaving the record as it was.
    pub take_theirs: bool,
    /// Records a file sends from outside its own unit's subtree: take them instead of
    /// listing and leaving them out.
    pub take_outside: bool,
    /// Merge the files that read and list the refused ones, instead of writing nothing.
    pub skip_refused: bool,
    /// Người gửi written in the merged file.
    pub sender: String,
    /// Tên đơn vị gửi written in the merged file.
    pub unit_name: String,
}

/// The date a report scores at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Today (Vietnam's calendar).
    Today,
    /// `--year Y`: the end of that year (today when it is this year), thực trạng of that year.
    Year(u16),
    /// `--at DD/MM/YYYY`.
    At(Date),
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// The stable JSON of [`crate::report`].
    #[default]
    Json,
    /// One table as CSV (UTF-8 with BOM, as the pages' "Tải CSV").
    Csv,
    /// Every table, one sheet each (as the pages' "Tải Excel").
    Xlsx,
}

/// `--table`: which table a CSV holds (a CSV holds one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableChoice {
    /// Tiến độ: every target with its score.
    Scores,
    /// Thực trạng of every group.
    Groups,
    /// So sánh đơn vị by target (needs `--by-unit`).
    Units,
    /// So sánh đơn vị: thực trạng of each group by unit (needs `--by-unit`).
    UnitGroups,
}

/// `dtbd report`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// The snapshot whose roster is counted.
    pub file: PathBuf,
    /// Id ("tpl-002", "002", a directive's id) or số ký hiệu ("02-ĐA/HU", "02-DA/HU").
    pub directive: String,
    /// When.
    pub when: When,
    /// Add the unit comparison.
    pub by_unit: bool,
    /// The unit whose children are compared (id or name); the page's default otherwise.
    pub parent: Option<String>,
    /// Output format.
    pub format: Format,
    /// The CSV's table.
    pub table: Option<TableChoice>,
    /// Count only the levels held (the page's paragraphs count "đang học" with the level).
    pub held_only: bool,
    /// Output file (stdout when none; an Excel file needs one).
    pub output: Option<PathBuf>,
}

/// `dtbd import-roster`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportOptions {
    /// The sheet file.
    pub sheet_file: PathBuf,
    /// The snapshot written.
    pub output: PathBuf,
    /// Which sheet: its number from 1 or its name; the first with a row otherwise.
    pub sheet: Option<String>,
    /// "Dòng tiêu đề", as the spreadsheet numbers rows (from 1); guessed otherwise.
    pub header_row: Option<usize>,
    /// Đơn vị for rows without one (by name).
    pub unit: Option<String>,
    /// Đối tượng code for new people when the sheet has no such column.
    pub category: Option<String>,
    /// Columns mapped by hand: (header as written, field code or "" to skip).
    pub columns: Vec<(String, String)>,
}

/// Reads the command line.
pub fn parse(args: Vec<OsString>) -> Result<Command, String> {
    let mut parser = lexopt::Parser::from_args(args);
    let name = match parser.next().map_err(vi)? {
        None | Some(Short('h') | Long("help")) => return Ok(Command::Help),
        Some(Short('V') | Long("version")) => return Ok(Command::Version),
        Some(Value(v)) => text(v)?,
        Some(other) => return Err(vi(other.unexpected())),
    };
    match name.as_str() {
        "help" => Ok(Command::Help),
        "check" => check(&mut parser),
        "merge" => merge(&mut parser),
        "report" => report(&mut parser),
        "import-roster" => import(&mut parser),
        other => Err(format!("không có lệnh “{other}” (các lệnh: check, merge, report, import-roster).")),
    }
}

fn check(parser: &mut lexopt::Parser) -> Result<Command, String> {
    let mut files = Vec::new();
    while let Some(arg) = parser.next().map_err(vi)? {
        match arg {
            Value(v) => files.push(PathBuf::from(v)),
            Short('h') | Long("help") => return Ok(Command::Help),
            other => return Err(vi(other.unexpected())),
        }
    }
    if files.is_empty() {
        return Err("dtbd check: cần ít nhất một tệp.".into());
    }
    Ok(Command::Check(files))
}

fn merge(parser: &mut lexopt::Parser) -> Result<Command, String> {
    let mut o = MergeOptions::default();
    let mut output = None;
    while let Some(arg) = parser.next().map_err(vi)? {
        match arg {
            Value(v) => o.files.push(PathBuf::from(v)),
            Short('o') | Long("output") => output = Some(PathBuf::from(parser.value().map_err(vi)?)),
            Long("take-theirs") => o.take_theirs = true,
            Long("take-outside") => o.take_outside = true,
            Long("skip-refused") => o.skip_refused = true,
            Long("sender") => o.sender = text(parser.value().map_err(vi)?)?,
            Long("unit-name") => o.unit_name = text(parser.value().map_err(vi)?)?,
            Short('h') | Long("help") => return Ok(Command::Help),
            other => return Err(vi(other.unexpected())),
        }
    }
    if o.files.is_empty() {
        return Err("dtbd merge: cần ít nhất một tệp.".into());
    }
    o.output = output.ok_or("dtbd merge: cần tệp kết quả (-o KẾT-QUẢ.json).")?;
    Ok(Command::Merge(o))
}

fn report(parser: &mut lexopt::Parser) -> Result<Command, String> {
    let (mut file, mut directive, mut output, mut table, mut parent) = (None, None, None, None, None);
    let (mut year, mut at) = (None, None);
    let (mut by_unit, mut held_only, mut format) = (false, false, Format::Json);
    while let Some(arg) = parser.next().map_err(vi)? {
        match arg {
            Value(v) if file.is_none() => file = Some(PathBuf::from(v)),
            Value(v) => return Err(format!("dtbd report: chỉ nhận một tệp (thừa “{}”).", v.to_string_lossy())),
            Short('d') | Long("directive") => directive = Some(text(parser.value().map_err(vi)?)?),
            Long("year") => {
                let typed = text(parser.value().map_err(vi)?)?;
                year = Some(dtbd_view::status::parse_report_year(&typed).ok_or_else(|| {
                    format!(
                        "--year: “{typed}” không phải một năm từ {} đến {}.",
                        dtbd_view::status::REPORT_YEARS.start(),
                        dtbd_view::status::REPORT_YEARS.end()
                    )
                })?);
            }
            Long("at") => {
                let typed = text(parser.value().map_err(vi)?)?;
                at = Some(Date::parse_vi(&typed).map_err(|why| format!("--at: {why}"))?);
            }
            Long("by-unit") => by_unit = true,
            Long("parent") => parent = Some(text(parser.value().map_err(vi)?)?),
            Long("held-only") => held_only = true,
            Short('f') | Long("format") => {
                format = match text(parser.value().map_err(vi)?)?.as_str() {
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    "xlsx" => Format::Xlsx,
                    other => return Err(format!("--format: “{other}” không có (chọn json, csv hoặc xlsx).")),
                }
            }
            Long("table") => {
                table = Some(match text(parser.value().map_err(vi)?)?.as_str() {
                    "scores" => TableChoice::Scores,
                    "groups" => TableChoice::Groups,
                    "units" => TableChoice::Units,
                    "unit-groups" => TableChoice::UnitGroups,
                    other => {
                        return Err(format!(
                            "--table: “{other}” không có (chọn scores, groups, units hoặc unit-groups)."
                        ))
                    }
                })
            }
            Short('o') | Long("output") => output = Some(PathBuf::from(parser.value().map_err(vi)?)),
            Short('h') | Long("help") => return Ok(Command::Help),
            other => return Err(vi(other.unexpected())),
        }
    }
    let file = file.ok_or("dtbd report: cần một tệp bản chụp dữ liệu.")?;
    let directive = directive.ok_or("dtbd report: cần --directive MÃ hoặc SỐ-KÝ-HIỆU (ví dụ --directive 02-ĐA/HU).")?;
    let when = match (year, at) {
        (Some(_), Some(_)) => return Err("dtbd report: chọn --year hoặc --at, không cả hai.".into()),
        (Some(y), None) => When::Year(y),
        (None, Some(d)) => When::At(d),
        (None, None) => When::Today,
    };
    if matches!(table, Some(TableChoice::Units | TableChoice::UnitGroups)) && !by_unit {
        return Err("--table units / unit-groups: cần thêm --by-unit.".into());
    }
    if parent.is_some() && !by_unit {
        return Err("--parent: cần thêm --by-unit.".into());
    }
    if table.is_some() && format != Format::Csv {
        return Err("--table chỉ dùng với --format csv (tệp Excel có mọi bảng, JSON có mọi số liệu).".into());
    }
    if format == Format::Xlsx && output.is_none() {
        return Err("--format xlsx: cần tệp kết quả (-o BÁO-CÁO.xlsx).".into());
    }
    Ok(Command::Report(ReportOptions { file, directive, when, by_unit, parent, format, table, held_only, output }))
}

fn import(parser: &mut lexopt::Parser) -> Result<Command, String> {
    let mut o = ImportOptions::default();
    let (mut file, mut output) = (None, None);
    while let Some(arg) = parser.next().map_err(vi)? {
        match arg {
            Value(v) if file.is_none() => file = Some(PathBuf::from(v)),
            Value(v) => {
                return Err(format!("dtbd import-roster: chỉ nhận một bảng tính (thừa “{}”).", v.to_string_lossy()))
            }
            Short('o') | Long("output") => output = Some(PathBuf::from(parser.value().map_err(vi)?)),
            Long("sheet") => o.sheet = Some(text(parser.value().map_err(vi)?)?),
            Long("header-row") => {
                let typed = text(parser.value().map_err(vi)?)?;
                let row = typed.trim().parse::<usize>().ok().filter(|r| *r >= 1);
                o.header_row = Some(row.ok_or_else(|| format!("--header-row: “{typed}” không phải số dòng (từ 1)."))?);
            }
            Long("unit") => o.unit = Some(text(parser.value().map_err(vi)?)?),
            Long("category") => o.category = Some(text(parser.value().map_err(vi)?)?),
            Long("column") => {
                let typed = text(parser.value().map_err(vi)?)?;
                let (header, field) = typed.rsplit_once('=').ok_or_else(|| {
                    format!("--column: “{typed}” cần dạng \"TÊN CỘT=trường\" (ví dụ \"Ngày sinh=birth\").")
                })?;
                o.columns.push((header.trim().to_string(), field.trim().to_string()));
            }
            Short('h') | Long("help") => return Ok(Command::Help),
            other => return Err(vi(other.unexpected())),
        }
    }
    o.sheet_file = file.ok_or("dtbd import-roster: cần một bảng tính (.xlsx, .xls hoặc .csv).")?;
    o.output = output.ok_or("dtbd import-roster: cần tệp kết quả (-o KẾT-QUẢ.json).")?;
    Ok(Command::ImportRoster(o))
}

/// An argument as text; a name the system gives in another encoding is refused by name.
fn text(v: OsString) -> Result<String, String> {
    v.into_string().map_err(|v| format!("“{}” không phải chữ Unicode hợp lệ.", v.to_string_lossy()))
}

/// lexopt's refusal in Vietnamese.
fn vi(e: lexopt::Error) -> String {
    match e {
        lexopt::Error::MissingValue { option: Some(o) } => format!("{o}: thiếu giá trị."),
        lexopt::Error::MissingValue { option: None } => "thiếu giá trị.".into(),
        lexopt::Error::UnexpectedOption(o) => format!("không có tùy chọn “{o}”."),
        lexopt::Error::UnexpectedArgument(a) => format!("thừa “{}”.", a.to_string_lossy()),
        lexopt::Error::UnexpectedValue { option, .. } => format!("{option} không nhận giá trị."),
        lexopt::Error::NonUnicodeValue(v) => format!("“{}” không phải chữ Unicode hợp lệ.", v.to_string_lossy()),
        lexopt::Error::ParsingFailed { value, .. } => format!("“{value}” không đọc được."),
        _ => "dòng lệnh không đọc được.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_line(line: &[&str]) -> Result<Command, String> {
        parse(line.iter().map(OsString::from).collect())
    }

    #[test]
    fn each_command_reads_its_options() {
        assert_eq!(parse_line(&[]), Ok(Command::Help));
        assert_eq!(
            parse_line(&["check", "a.json", "b.json.gz"]),
            Ok(Command::Check(vec!["a.json".into(), "b.json.gz".into()]))
        );
        let Ok(Command::Merge(m)) = parse_line(&["merge", "a.json", "-o", "out.json", "b.json", "--take-theirs"])
        else {
            panic!("merge")
        };
        assert_eq!((m.files.len(), m.output, m.take_theirs, m.take_outside), (2, "out.json".into(), true, false));
        let Ok(Command::Report(r)) = parse_line(&[
            "report",
            "a.json",
            "--directive",
            "02-ĐA/HU",
            "--year",
            "2024",
            "--format",
            "csv",
            "--table",
            "groups",
        ]) else {
            panic!("report")
        };
        assert_eq!(
            (r.directive.as_str(), r.when, r.format, r.table),
            ("02-ĐA/HU", When::Year(2024), Format::Csv, Some(TableChoice::Groups))
        );
        let Ok(Command::ImportRoster(i)) = parse_line(&[
            "import-roster",
            "ds.xlsx",
            "-o",
            "x.json",
            "--header-row",
            "3",
            "--column",
            "Ngày sinh=birth",
        ]) else {
            panic!("import")
        };
        assert_eq!((i.header_row, i.columns), (Some(3), vec![("Ngày sinh".to_string(), "birth".to_string())]));
    }

    #[test]
    fn mistakes_are_said_in_vietnamese() {
        let refused = |line: &[&str]| parse_line(line).expect_err("refused");
        assert!(refused(&["gop", "a.json"]).contains("không có lệnh “gop”"));
        assert!(refused(&["check"]).contains("cần ít nhất một tệp"));
        assert!(refused(&["merge", "a.json"]).contains("-o"));
        assert!(refused(&["check", "--bogus", "a.json"]).contains("không có tùy chọn “--bogus”"));
        assert!(refused(&["merge", "a.json", "-o"]).contains("thiếu giá trị"));
        assert!(
            refused(&["report", "a.json", "--directive", "x", "--year", "năm ngoái"]).contains("không phải một năm")
        );
        assert!(refused(&["report", "a.json", "--directive", "x", "--at", "31/02/2024"]).starts_with("--at:"));
        assert!(refused(&["report", "a.json", "--directive", "x", "--format", "pdf"]).contains("json, csv hoặc xlsx"));
        assert!(refused(&["report", "a.json", "--directive", "x", "--format", "xlsx"]).contains("-o"));
        assert!(refused(&["report", "a.json", "--directive", "x", "--format", "csv", "--table", "units"])
            .contains("--by-unit"));
        assert!(refused(&["report", "a.json"]).contains("--directive"));
        assert!(refused(&["import-roster", "ds.xlsx", "-o", "x.json", "--header-row", "0"]).contains("số dòng"));
    }
}
