//! Nhập, xuất Excel (`#/nhap-excel`): the roster as the exported table, and a roster file
//! coming in: where its header is, the column mapping (one column per field), the level review,
//! the preview's counts, row errors and changes, and every message. The rules are
//! `domain::roster_import`'s; the files are read and written by the store and the Excel worker.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use dtbd_domain::limits::{HEADER_SEARCH_ROWS, MAX_LEVEL_VALUES, MAX_SHEET_COLUMNS};
use dtbd_domain::model::{Cadre, Category, GovLevel, Millis, Unit, UnitKind};
use dtbd_domain::number::grouped;
use dtbd_domain::roster::Roster;
use dtbd_domain::roster_import::{
    self as ri, units::create_units, Field, ImportRequest, ImportSettings, Outcome, UnitProposal,
};
use dtbd_domain::table::Table;
use dtbd_domain::text::compare_names;

/// Rows of errors and of the preview drawn at most.
pub const LISTED: usize = 200;

/// The refusal when the file would change nothing.
pub const NOTHING_TO_IMPORT: &str = "Không có cán bộ nào mới hay thay đổi: không có gì để nhập.";

// --- Export ---

/// The roster as the export writes it, cadres sorted by Vietnamese name order over `collate`.
pub fn roster_table(roster: &Roster, collate: &impl Fn(&str, &str) -> Ordering) -> Table {
    let mut order: Vec<&Cadre> = roster.cadres.iter().collect();
    order.sort_by(|a, b| compare_names(&a.full_name, &b.full_name, collate));
    ri::roster_table(roster, &order)
}

/// The line above the export buttons.
pub fn export_hint(cadres: usize) -> String {
    format!("{} cán bộ, xếp theo tên. Tệp CSV mở được bằng Excel (UTF-8, giữ đúng tiếng Việt).", grouped(cadres))
}

// --- Reading the file ---

/// A file read in the page as CSV (by its name); anything else goes to the Excel worker.
pub fn is_csv(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".txt")
}

/// A file with no row in any sheet.
pub fn no_rows(name: &str) -> String {
    format!("Tệp {name} không có dòng nào.")
}

/// True when no sheet has a row.
pub fn all_empty<'a>(sheets: impl IntoIterator<Item = &'a [Vec<String>]>) -> bool {
    sheets.into_iter().all(<[Vec<String>]>::is_empty)
}

/// The sheet opened first: the first with a row.
pub fn first_sheet<'a>(sheets: impl IntoIterator<Item = &'a [Vec<String>]>) -> usize {
    sheets.into_iter().position(|rows| !rows.is_empty()).unwrap_or(0)
}

/// The heading over a read file.
pub fn file_heading(name: &str) -> String {
    format!("Tệp {name}")
}

// --- The sheet ---

/// Where a sheet's header row is, and its cells padded to the widest row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// The header row's index (none for an empty sheet).
    pub header_at: Option<usize>,
    /// Its cells, one per column of the widest row (a two-row header read as one).
    pub header: Vec<String>,
    /// The first data row's index.
    pub data_at: usize,
}

impl Layout {
    /// The layout of `rows`, the header where [`ri::find_header`] finds it.
    pub fn of(rows: &[Vec<String>]) -> Layout {
        Layout::at(rows, ri::find_header(rows))
    }

    /// The layout of `rows` with the header the officer chose ("Dòng tiêu đề"), or the guess
    /// when she chose none (or a row the sheet does not have).
    pub fn chosen(rows: &[Vec<String>], header_row: Option<usize>) -> Layout {
        match header_row {
            Some(at) if at < rows.len() => Layout::at(rows, Some(at)),
            _ => Layout::of(rows),
        }
    }

    /// The header at `header_at`, padded to the widest row but never wider than
    /// [`MAX_SHEET_COLUMNS`]: the readers refuse a wider sheet, and the mapping table draws a
    /// select per column (100.000 of them stopped the page).
    fn at(rows: &[Vec<String>], header_at: Option<usize>) -> Layout {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0).min(MAX_SHEET_COLUMNS);
        let (mut header, data_at) = header_at.map_or((Vec::new(), 0), |i| ri::header_cells(rows, i));
        header.resize(width, String::new());
        Layout { header_at, header, data_at }
    }

    /// The index of the first data row.
    pub fn data_start(&self) -> usize {
        self.data_at
    }

    /// The data rows of `rows` (below the header).
    pub fn data<'a>(&self, rows: &'a [Vec<String>]) -> &'a [Vec<String>] {
        rows.get(self.data_start()..).unwrap_or(&[])
    }

    /// "Tên cột ở dòng 3; dữ liệu từ dòng 4." (rows as the spreadsheet numbers them).
    pub fn hint(&self) -> String {
        self.header_at
            .map(|i| match self.data_at - i {
                2 => format!("Tên cột ở dòng {} và {}; dữ liệu từ dòng {}.", i + 1, i + 2, self.data_at + 1),
                _ => format!("Tên cột ở dòng {}; dữ liệu từ dòng {}.", i + 1, self.data_at + 1),
            })
            .unwrap_or_default()
    }
}

/// Characters of a row shown in the "Dòng tiêu đề" choice.
const HEADER_CHOICE_CHARS: usize = 60;

/// "Dòng tiêu đề": the rows the header may be on (the first [`HEADER_SEARCH_ROWS`] that hold
/// text, and the one in use), each as `(row index, "Dòng 3: Họ và tên, Năm sinh, …", in use)`.
pub fn header_choices(rows: &[Vec<String>], layout: &Layout) -> Vec<(usize, String, bool)> {
    let searched = rows.iter().enumerate().take(HEADER_SEARCH_ROWS);
    let in_use = layout.header_at.filter(|&at| at >= HEADER_SEARCH_ROWS).and_then(|at| rows.get(at).map(|r| (at, r)));
    searched
        .chain(in_use)
        .filter(|(_, row)| row.iter().any(|cell| !cell.trim().is_empty()))
        .map(|(at, row)| {
            let cells: Vec<&str> = row.iter().map(|cell| cell.trim()).filter(|cell| !cell.is_empty()).collect();
            let text = cells.join(", ");
            let text = if text.chars().count() > HEADER_CHOICE_CHARS {
                text.chars().take(HEADER_CHOICE_CHARS - 1).collect::<String>() + "…"
            } else {
                text
            };
            (at, format!("Dòng {}: {text}", grouped(at + 1)), layout.header_at == Some(at))
        })
        .collect()
}

/// One column of the mapping table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingRow {
    /// Cột: its header, or "Cột N" when blank.
    pub label: String,
    /// Its cell in the first data row.
    pub sample: String,
    /// What the select offers: `(field code, label, selected)`, "— Bỏ qua —" first.
    pub choices: Vec<(String, String, bool)>,
}

impl MappingRow {
    /// The select's accessible name.
    pub fn aria_label(&self) -> String {
        format!("Ghép cột {}", self.label)
    }
}

/// The mapping table: every column with its sample and its field.
pub fn mapping_rows(layout: &Layout, rows: &[Vec<String>], mapping: &[Option<Field>]) -> Vec<MappingRow> {
    let sample = rows.get(layout.data_start()).cloned().unwrap_or_default();
    layout
        .header
        .iter()
        .enumerate()
        .map(|(col, name)| {
            let selected = mapping.get(col).copied().flatten();
            MappingRow {
                label: if name.trim().is_empty() { format!("Cột {}", col + 1) } else { name.clone() },
                sample: sample.get(col).cloned().unwrap_or_default(),
                choices: std::iter::once((String::new(), "— Bỏ qua —".to_string(), selected.is_none()))
                    .chain(
                        Field::ALL.iter().map(|f| (f.code().to_string(), f.label().to_string(), selected == Some(*f))),
                    )
                    .collect(),
            }
        })
        .collect()
}

/// Column `col` fills the field coded `code` ("" = bỏ qua): a field fills one column, so the
/// column that had it gives it up. Returns the field.
pub fn assign_column(mapping: &mut [Option<Field>], col: usize, code: &str) -> Option<Field> {
    let f = Field::from_code(code);
    for (i, slot) in mapping.iter_mut().enumerate() {
        // Nhãn: any number of columns may be kept.
        if i != col && f.is_some() && f != Some(Field::Label) && *slot == f {
            *slot = None;
        }
    }
    if let Some(slot) = mapping.get_mut(col) {
        *slot = f;
    }
    f
}

/// The officer reads `text` in `field`'s column as the level coded `code`; "" forgets the
/// choice (back to the guess).
pub fn choose_level(settings: &mut ImportSettings, field: Field, text: &str, code: &str) {
    if code.is_empty() {
        settings.levels.remove(&format!("{}|{}", field.code(), ri::normalise(text)));
    } else {
        settings.choose_level(field, text, code);
    }
}

// --- Level review ---

/// One text of a level column, as the review table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    pub field: Field,
    /// The text as written in the file.
    pub text: String,
    /// Rows carrying it.
    pub count: usize,
    /// The level code it is read as, "" when unknown.
    pub current: String,
    /// Chosen by the officer (not guessed).
    pub chosen: bool,
    /// `(reading code, label)`: each level held, each "Đang học X" (the level held unknown),
    /// and the current reading when it is another ("Đại học, đang học thạc sĩ").
    pub levels: Vec<(String, String)>,
}

impl ReviewRow {
    /// Not read as any level yet.
    pub fn unknown(&self) -> bool {
        self.current.is_empty()
    }

    /// The select's accessible name: "Trình độ Trình độ chuyên môn cho “Thạc sỹ”".
    pub fn aria_label(&self) -> String {
        format!("Trình độ {} cho “{}”", self.field.label(), self.text)
    }
}

/// The level review as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// The hint over the table.
    pub hint: String,
    /// Its rows (none when every level column was too varied to review).
    pub rows: Vec<ReviewRow>,
    /// One message per column mapped to a level that holds too many texts to be one.
    pub not_levels: Vec<String>,
}

/// The level review of `review` (its columns named from `header`); none when no level column
/// has text.
pub fn review(review: ri::LevelReview, header: &[String]) -> Option<Review> {
    let ri::LevelReview { values, not_levels } = review;
    if values.is_empty() && not_levels.is_empty() {
        return None;
    }
    let not_levels = not_levels
        .iter()
        .map(|n| {
            let name = header.get(n.column).map(|h| h.trim()).filter(|h| !h.is_empty());
            let column = name.map_or_else(|| format!("Cột {}", n.column + 1), |h| format!("Cột “{h}”"));
            format!(
                "{column} có {} cách ghi khác nhau, quá {} cách ghi của một cột trình độ: có lẽ đây không phải cột {}, nên không được đối chiếu. Hãy xem lại cách ghép cột ở bảng trên.",
                grouped(n.distinct),
                grouped(MAX_LEVEL_VALUES),
                n.field.label()
            )
        })
        .collect();
    let unknown = values.iter().filter(|v| v.level.is_none()).count();
    let hint = if values.is_empty() {
        String::new()
    } else if unknown > 0 {
        format!(
            "{} cách ghi chưa rõ là trình độ nào: hãy chọn. Lựa chọn được ghi nhớ cho lần nhập sau.",
            grouped(unknown)
        )
    } else {
        "Mọi cách ghi trình độ đã được nhận ra; kiểm tra lại và sửa nếu cần.".to_string()
    };
    let rows = values
        .into_iter()
        .map(|v| ReviewRow {
            levels: v
                .field
                .scale()
                .map(|scale| {
                    let mut choices = ri::reading_choices(scale);
                    if let Some(current) = v.level.as_deref().filter(|c| !choices.iter().any(|(k, _)| k == c)) {
                        choices.push((current.to_string(), ri::reading_label(scale, current)));
                    }
                    choices
                })
                .unwrap_or_default(),
            field: v.field,
            text: v.text,
            count: v.count,
            current: v.level.unwrap_or_default(),
            chosen: v.chosen,
        })
        .collect();
    Some(Review { hint, rows, not_levels })
}

// --- Cấp ủy review ---

/// One Cấp ủy text as the review table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitteeRow {
    /// The text as written.
    pub text: String,
    /// Rows carrying it.
    pub count: usize,
    /// The reading's code ("" = chưa rõ).
    pub current: String,
    /// What it is read as, in words.
    pub reading: String,
    /// Chosen by the officer.
    pub chosen: bool,
    /// `(code, label)` the select offers.
    pub choices: Vec<(String, String)>,
}

impl CommitteeRow {
    /// The select's accessible name.
    pub fn aria_label(&self) -> String {
        format!("Cấp ủy cho “{}”", self.text)
    }
}

/// The Cấp ủy review: every distinct seat text of the Cấp ủy column (split at `;`), unknown
/// first then by count; none when the column is not mapped or empty.
pub fn committee_review(
    rows: &[Vec<String>],
    mapping: &[Option<Field>],
    settings: &ImportSettings,
) -> Option<(String, Vec<CommitteeRow>)> {
    let col = mapping.iter().position(|m| *m == Some(Field::Committee))?;
    let mut order: Vec<(String, usize)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    // Each text as written is normalised once: a sheet repeats a few dozen over its rows.
    let mut written: HashMap<&str, usize> = HashMap::new();
    for row in rows {
        for part in row.get(col).map_or("", |s| s.trim()).split(';').map(str::trim).filter(|p| !p.is_empty()) {
            if let Some(&i) = written.get(part) {
                order[i].1 += 1;
                continue;
            }
            let key = ri::normalise(part);
            match at.get(&key) {
                Some(&i) => {
                    written.insert(part, i);
                    order[i].1 += 1;
                }
                None => {
                    written.insert(part, order.len());
                    at.insert(key, order.len());
                    order.push((part.to_string(), 1));
                }
            }
        }
    }
    if order.is_empty() {
        return None;
    }
    let choices = ri::committee_choices();
    let mut out: Vec<CommitteeRow> = order
        .into_iter()
        .map(|(text, count)| {
            let reading = settings.committee_reading(&text);
            let current = reading.as_ref().map(|r| r.code()).unwrap_or_default();
            let mut own = choices.clone();
            if let Some(r) = reading.as_ref().filter(|r| !own.iter().any(|(k, _)| *k == r.code())) {
                own.push((r.code(), r.describe()));
            }
            CommitteeRow {
                chosen: settings.committees.contains_key(&ri::normalise(&text)),
                reading: reading.as_ref().map_or("Chưa rõ: hãy chọn".to_string(), |r| r.describe()),
                current,
                choices: own,
                text,
                count,
            }
        })
        .collect();
    out.sort_by_key(|r| (!r.current.is_empty(), std::cmp::Reverse(r.count)));
    let unknown = out.iter().filter(|r| r.current.is_empty()).count();
    let hint = if unknown > 0 {
        format!("{unknown} cách ghi cấp ủy chưa rõ: hãy chọn. Lựa chọn được ghi nhớ cho lần nhập sau.")
    } else {
        "Mọi cách ghi cấp ủy đã được nhận ra (cấp lấy theo chữ ghi, không ghi thì theo cấp của đơn vị); kiểm tra lại."
            .into()
    };
    Some((hint, out))
}

// --- Units made during the import ---

/// The officer's edit of one proposal: what she changed; the rest stays as proposed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitEdit {
    pub level: Option<GovLevel>,
    pub kind: Option<UnitKind>,
    /// Đơn vị cấp trên: the normalised name of a unit, or `Some(None)` for none.
    pub parent: Option<Option<String>>,
}

/// The officer's edits of the proposals, by the proposal's normalised name.
pub type UnitEdits = HashMap<String, UnitEdit>;

/// One proposed unit as the "Đơn vị mới" table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    /// Normalised name: the key of an edit.
    pub key: String,
    pub name: String,
    /// "12 người".
    pub rows: String,
    pub level: GovLevel,
    pub kind: UnitKind,
    /// The parent's name as the field shows it, or "".
    pub parent: String,
}

/// The proposals with the officer's edits applied.
pub fn edited_proposals(proposals: &[UnitProposal], edits: &UnitEdits) -> Vec<UnitProposal> {
    proposals
        .iter()
        .map(|p| {
            let mut p = p.clone();
            if let Some(edit) = edits.get(&ri::normalise(&p.name)) {
                p.level = edit.level.unwrap_or(p.level);
                p.kind = edit.kind.unwrap_or(p.kind);
                if let Some(parent) = &edit.parent {
                    p.parent = parent.clone();
                }
            }
            p
        })
        .collect()
}

/// Every unit a proposal may report to, by name: the roster's and the proposals', sorted; the
/// list the parent field offers.
pub fn parent_names(proposals: &[UnitProposal], roster: &Roster) -> Vec<String> {
    let mut names: Vec<String> =
        roster.units.iter().map(|u| u.name.clone()).chain(proposals.iter().map(|p| p.name.clone())).collect();
    names.sort();
    names.dedup();
    names
}

/// The parent typed for proposal `key`: a unit's name (any case, spacing, marks), or blank for
/// none; refused, naming what was typed, when no unit bears it or it is the unit itself.
pub fn edit_parent(
    edits: &mut UnitEdits,
    key: &str,
    typed: &str,
    proposals: &[UnitProposal],
    roster: &Roster,
) -> Result<(), String> {
    let wanted = ri::normalise(typed);
    let parent = if wanted.is_empty() {
        None
    } else if wanted == key {
        return Err(format!("“{}” không thể là cấp trên của chính nó.", typed.trim()));
    } else if parent_names(proposals, roster).iter().any(|n| ri::normalise(n) == wanted) {
        Some(wanted)
    } else {
        return Err(format!("Không có đơn vị nào tên “{}”: chọn một tên trong danh sách.", typed.trim()));
    };
    edits.entry(key.to_string()).or_default().parent = Some(parent);
    Ok(())
}

/// The "Đơn vị mới" table: every unit the sheet names that the roster lacks, all of them.
pub fn unit_rows(proposals: &[UnitProposal], roster: &Roster) -> (String, Vec<UnitRow>) {
    let names: HashMap<String, &str> = roster
        .units
        .iter()
        .map(|u| (ri::normalise(&u.name), u.name.as_str()))
        .chain(proposals.iter().map(|p| (ri::normalise(&p.name), p.name.as_str())))
        .collect();
    let rows = proposals
        .iter()
        .map(|p| UnitRow {
            key: ri::normalise(&p.name),
            name: p.name.clone(),
            rows: format!("{} người", grouped(p.rows)),
            level: p.level,
            kind: p.kind,
            parent: p.parent.as_ref().and_then(|k| names.get(k)).map_or(String::new(), |n| (*n).to_string()),
        })
        .collect();
    let hint = format!(
        "{} đơn vị trong tệp chưa có trong danh sách: sẽ được tạo cùng lần nhập (hoàn tác cùng lần nhập). Cấp, loại và cấp trên đoán theo tên; sửa nếu sai.",
        grouped(proposals.len())
    );
    (hint, rows)
}

// --- Doubtful pairs ---

/// A doubtful pair as the page shows it, side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairRow {
    pub row: usize,
    /// "Dòng 12: Nguyễn Văn An (1980), UBND xã Bản Luốc".
    pub incoming: String,
    /// "Trong danh sách: Nguyễn Văn An (1980), UBND xã Nậm Dịch".
    pub existing: String,
    pub same: bool,
}

/// The doubtful pairs of a preview, with the units named.
pub fn pair_rows(p: &ri::Preview, roster: &Roster, rows_by_number: &dyn Fn(usize) -> Option<String>) -> Vec<PairRow> {
    p.doubtful
        .iter()
        .map(|d| PairRow {
            row: d.row,
            incoming: format!("Dòng {}: {}", d.row, rows_by_number(d.row).unwrap_or_default()),
            existing: format!(
                "Trong danh sách: {} ({}), {}",
                d.existing.full_name,
                d.existing.birth_year,
                roster.unit_name(&d.existing.unit_id)
            ),
            same: d.same,
        })
        .collect()
}

// --- Preview ---

/// Why there is no preview yet: the fields no column fills.
pub fn missing_message(missing: &[Field]) -> Option<String> {
    if missing.is_empty() {
        return None;
    }
    let names: Vec<&str> = missing.iter().map(|f| f.label()).collect();
    let defaults: Vec<&str> = [(Field::Unit, "đơn vị"), (Field::Category, "đối tượng")]
        .iter()
        .filter(|(f, _)| missing.contains(f))
        .map(|(_, what)| *what)
        .collect();
    Some(format!(
        "Chưa có cột cho: {}. Hãy ghép cột ở bảng trên{}.",
        names.join(", "),
        if defaults.is_empty() {
            String::new()
        } else {
            format!(" (hoặc chọn {} chung cho tệp)", defaults.join(", "))
        }
    ))
}

/// What the import of a sheet would do, against `roster`.
pub struct Request<'a> {
    /// The sheet's rows.
    pub rows: &'a [Vec<String>],
    pub layout: &'a Layout,
    pub mapping: &'a [Option<Field>],
    pub settings: &'a ImportSettings,
    /// Đơn vị for rows without one ("" = none: such a row is an error).
    pub default_unit: &'a str,
    /// Đối tượng code for new people when the sheet has none ("" = not chosen).
    pub default_category: &'a str,
    /// Units to create with the import.
    pub new_units: &'a [Unit],
    /// Doubtful rows the officer read as another person.
    pub different_people: &'a HashSet<usize>,
    pub now: Millis,
}

impl Request<'_> {
    /// The default unit, when one is chosen.
    pub fn unit(&self) -> Option<&str> {
        Some(self.default_unit).filter(|u| !u.is_empty())
    }

    /// The đối tượng chosen for the file, when one is.
    pub fn category(&self) -> Option<Category> {
        Category::from_code(self.default_category)
    }

    /// Fields no column fills (nor the default unit or đối tượng).
    pub fn missing(&self) -> Vec<Field> {
        ri::missing_fields(self.mapping, self.unit(), self.category())
    }

    /// The preview against `roster`, new cadres numbered by `new_id`.
    pub fn preview(&self, roster: &Roster, new_id: &mut dyn FnMut() -> String) -> ri::Preview {
        let req = ImportRequest {
            header: &self.layout.header,
            rows: self.layout.data(self.rows),
            first_row: self.layout.data_start() + 1,
            mapping: self.mapping,
            settings: self.settings,
            default_unit: self.unit(),
            default_category: self.category(),
            new_units: self.new_units,
            different_people: self.different_people,
            now: self.now,
        };
        ri::preview(roster, &req, new_id)
    }
}

/// The preview as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// "2 cán bộ mới, 1 cập nhật, 0 không đổi, 1 dòng lỗi."
    pub counts: String,
    /// Over the row errors, when there are some.
    pub errors_intro: Option<String>,
    /// The first [`LISTED`] row errors.
    pub errors: Vec<String>,
    /// "… và N lỗi khác."
    pub more_errors: Option<String>,
    /// New and updated rows (at most [`LISTED`]): "Dòng 4: Nguyễn Văn An (1980)" and "mới" /
    /// "cập nhật".
    pub changes: Vec<(String, &'static str)>,
    /// Something to import.
    pub can_apply: bool,
    /// The import button's text.
    pub apply_label: String,
}

/// The summary of a preview.
pub fn summary(p: &ri::Preview) -> Summary {
    let (new, updated, unchanged) = p.counts();
    let bad = grouped(p.bad_rows());
    let has_bad = p.bad_rows() > 0;
    let (new_n, updated_n) = (new, updated);
    let (new, updated, unchanged) = (grouped(new), grouped(updated), grouped(unchanged));
    let errors: Vec<String> = p.errors.iter().take(LISTED).map(ToString::to_string).collect();
    let more = p.errors.len().saturating_sub(LISTED);
    Summary {
        counts: format!("{new} cán bộ mới, {updated} cập nhật, {unchanged} không đổi, {bad} dòng lỗi."),
        errors_intro: (!errors.is_empty()).then(|| {
            format!("{bad} dòng có lỗi sẽ không được nhập. Sửa tệp, sửa cách ghép cột hoặc chọn trình độ ở trên:")
        }),
        errors,
        more_errors: (more > 0).then(|| format!("… và {} lỗi khác.", grouped(more))),
        changes: p
            .rows
            .iter()
            .filter(|r| r.outcome != Outcome::Unchanged)
            .take(LISTED)
            .map(|r| {
                let what = if r.outcome == Outcome::New { "mới" } else { "cập nhật" };
                (format!("Dòng {}: {} ({})", r.row, r.cadre.full_name, r.cadre.birth_year), what)
            })
            .collect(),
        can_apply: new_n + updated_n > 0,
        apply_label: if has_bad {
            format!("Nhập vào danh sách (bỏ qua {bad} dòng lỗi)")
        } else {
            "Nhập vào danh sách".to_string()
        },
    }
}

/// The roster after the import, and the message saying what changed; refused when nothing
/// would.
pub fn imported(p: &ri::Preview, roster: &Roster) -> Result<(Roster, String), String> {
    let (new, updated, unchanged) = p.counts();
    if new + updated == 0 {
        return Err(NOTHING_TO_IMPORT.into());
    }
    let units =
        if p.units.is_empty() { String::new() } else { format!(", {} đơn vị mới", grouped(p.units.len())) };
    let (new, updated, unchanged) = (grouped(new), grouped(updated), grouped(unchanged));
    Ok((
        p.apply(roster),
        format!(
            "Đã nhập: {new} cán bộ mới, {updated} cập nhật, {unchanged} không đổi{units}. Dữ liệu trước khi nhập đã được sao lưu."
        ),
    ))
}

/// The units the edited proposals create (ids from `new_id`), against `roster`.
pub fn new_units(
    roster: &Roster,
    proposals: &[UnitProposal],
    edits: &UnitEdits,
    new_id: &mut dyn FnMut() -> String,
    now: Millis,
) -> Vec<Unit> {
    create_units(roster, &edited_proposals(proposals, edits), new_id, now)
}

/// "Đối tượng cho người mới" choices: "" first (not chosen), then every category.
pub fn category_choices() -> Vec<(&'static str, &'static str)> {
    std::iter::once(("", "— Chọn đối tượng —")).chain(Category::ALL.iter().map(|c| (c.code(), c.label()))).collect()
}

/// The source a roster import's backup is listed under.
pub fn backup_source(file: &str) -> String {
    format!("{file} (Excel)")
}

/// After "Hoàn tác lần nhập này".
pub fn undone_message(source: &str) -> String {
    format!("Đã hoàn tác: danh sách trở về như trước khi nhập {source}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit_choices::tests::roster;
    use dtbd_domain::roster_import::LevelValue;

    fn rows(v: &[&[&str]]) -> Vec<Vec<String>> {
        v.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    /// A title, a blank row, the header, two people (the second without a unit).
    fn sheet() -> Vec<Vec<String>> {
        rows(&[
            &["DANH SÁCH CÁN BỘ"],
            &[],
            &["Họ và tên", "Năm sinh", "Giới tính", "Đơn vị", ""],
            &["Nguyễn Văn An", "1980", "Nam", "UBND xã Nậm Ty"],
            &["Lò Thị Bình", "1990", "Nữ", ""],
        ])
    }

    #[test]
    fn the_header_below_a_title_padded_to_the_widest_row() {
        let s = sheet();
        let l = Layout::of(&s);
        assert_eq!(l.header_at, Some(2));
        assert_eq!(l.header.len(), 5);
        assert_eq!(l.data_start(), 3);
        assert_eq!(l.data(&s).len(), 2);
        assert_eq!(l.hint(), "Tên cột ở dòng 3; dữ liệu từ dòng 4.");
        let empty = Layout::of(&[]);
        assert_eq!((empty.data_start(), empty.hint(), empty.data(&[]).len()), (0, String::new(), 0));
    }

    #[test]
    fn mapping_rows_name_blank_columns_and_select_the_field() {
        let s = sheet();
        let l = Layout::of(&s);
        let m = ri::guess_mapping(&l.header, &ImportSettings::default());
        let table = mapping_rows(&l, &s, &m);
        assert_eq!(table[0].label, "Họ và tên");
        assert_eq!(table[0].sample, "Nguyễn Văn An");
        assert_eq!(table[0].aria_label(), "Ghép cột Họ và tên");
        assert_eq!(table[4].label, "Cột 5");
        assert_eq!(table[4].sample, "");
        let picked: Vec<&str> = table[0].choices.iter().filter(|c| c.2).map(|c| c.0.as_str()).collect();
        assert_eq!(picked, [Field::FullName.code()]);
        assert_eq!(table[4].choices[0], (String::new(), "— Bỏ qua —".to_string(), true));
        assert_eq!(table[4].choices.len(), Field::ALL.len() + 1);
    }

    #[test]
    fn a_field_fills_one_column() {
        let mut m = vec![Some(Field::FullName), None, Some(Field::Note)];
        assert_eq!(assign_column(&mut m, 1, Field::Note.code()), Some(Field::Note));
        assert_eq!(m, [Some(Field::FullName), Some(Field::Note), None]);
        assert_eq!(assign_column(&mut m, 0, ""), None);
        assert_eq!(m, [None, Some(Field::Note), None]);
        // A column past the header changes nothing.
        assert_eq!(assign_column(&mut m, 9, Field::FullName.code()), Some(Field::FullName));
        assert_eq!(m, [None, Some(Field::Note), None]);
    }

    #[test]
    fn a_level_choice_is_remembered_and_forgotten() {
        let mut s = ImportSettings::default();
        choose_level(&mut s, Field::Professional, "Lương y", "trung_cap");
        assert_eq!(s.levels.len(), 1);
        choose_level(&mut s, Field::Professional, "  lương y ", "");
        assert!(s.levels.is_empty(), "{s:?}");
    }

    #[test]
    fn review_counts_the_unknown() {
        let v = |level: Option<&str>| LevelValue {
            field: Field::Professional,
            text: "Thạc sỹ".into(),
            count: 2,
            level: level.map(Into::into),
            chosen: false,
        };
        let of = |values: Vec<LevelValue>| review(ri::LevelReview { values, not_levels: Vec::new() }, &[]);
        assert_eq!(of(Vec::new()), None);
        let Review { hint, rows, not_levels } = of(vec![v(None), v(Some("thac_si"))]).expect("values");
        assert!(hint.starts_with("1 cách ghi chưa rõ"), "{hint}");
        assert!(not_levels.is_empty());
        assert!(rows[0].unknown() && !rows[1].unknown());
        assert_eq!(rows[1].aria_label(), "Trình độ Trình độ chuyên môn cho “Thạc sỹ”");
        assert!(rows[0].levels.iter().any(|(c, _)| *c == "thac_si"));
        let hint = of(vec![v(Some("thac_si"))]).expect("values").hint;
        assert!(hint.starts_with("Mọi cách ghi trình độ đã được nhận ra"));
    }

    /// Issue 15, defect 8: a level column of 50.000 distinct texts gave 50.000 review rows;
    /// now the page names the column and the count, and lists none of it.
    #[test]
    fn a_column_too_varied_for_levels_is_named_not_listed() {
        let header: Vec<String> = ["Họ và tên", "Chuyên môn", "Ghi chú"].map(String::from).to_vec();
        let data: Vec<Vec<String>> =
            (0..50_000).map(|i| vec![format!("Người {i}"), format!("Ghi {i}"), String::new()]).collect();
        let mapping = vec![Some(Field::FullName), Some(Field::Professional), None];
        let reviewed = ri::level_review(&data, &mapping, &ImportSettings::default());
        let Review { hint, rows, not_levels } = review(reviewed, &header).expect("a note");
        assert!(rows.is_empty() && hint.is_empty());
        assert_eq!(
            not_levels,
            [format!(
                "Cột “Chuyên môn” có 50.000 cách ghi khác nhau, quá {MAX_LEVEL_VALUES} cách ghi của một cột trình độ: có lẽ đây không phải cột Trình độ chuyên môn, nên không được đối chiếu. Hãy xem lại cách ghép cột ở bảng trên."
            )]
        );
    }

    /// Issue 15, defect 1: a sheet of 100.000 columns drew a select per column and stopped the
    /// page; the mapping table never has more rows than MAX_SHEET_COLUMNS.
    #[test]
    fn the_mapping_table_never_has_more_rows_than_the_columns_limit() {
        let wide: Vec<Vec<String>> =
            vec![(0..100_000).map(|i| format!("Cột {i}")).collect(), (0..100_000).map(|i| i.to_string()).collect()];
        let layout = Layout::of(&wide);
        assert_eq!(layout.header.len(), MAX_SHEET_COLUMNS);
        let mapping = ri::guess_mapping(&layout.header, &ImportSettings::default());
        assert_eq!(mapping_rows(&layout, &wide, &mapping).len(), MAX_SHEET_COLUMNS);
    }

    /// Issue 15, defect 8: when the guess is wrong the officer picks the header row among the
    /// first rows; the data start under it.
    #[test]
    fn the_officer_chooses_the_header_row() {
        let s = sheet();
        let guessed = Layout::chosen(&s, None);
        assert_eq!(guessed, Layout::of(&s));
        let choices = header_choices(&s, &guessed);
        assert_eq!(
            choices,
            vec![
                (0, "Dòng 1: DANH SÁCH CÁN BỘ".to_string(), false),
                (2, "Dòng 3: Họ và tên, Năm sinh, Giới tính, Đơn vị".to_string(), true),
                (3, "Dòng 4: Nguyễn Văn An, 1980, Nam, UBND xã Nậm Ty".to_string(), false),
                (4, "Dòng 5: Lò Thị Bình, 1990, Nữ".to_string(), false),
            ]
        );
        let chosen = Layout::chosen(&s, Some(0));
        assert_eq!((chosen.header_at, chosen.data_start()), (Some(0), 1));
        assert_eq!(chosen.hint(), "Tên cột ở dòng 1; dữ liệu từ dòng 2.");
        assert!(header_choices(&s, &chosen)[0].2);
        assert_eq!(Layout::chosen(&s, Some(99)), guessed, "a row the sheet lacks: the guess");
        let long: Vec<Vec<String>> = vec![vec!["Họ và tên ".repeat(20)]];
        assert_eq!(header_choices(&long, &Layout::of(&long))[0].1.chars().count(), "Dòng 1: ".chars().count() + 60);
    }

    #[test]
    fn the_officer_s_sheet_proposes_its_units_and_reviews_its_seats() {
        use dtbd_domain::demo::{hoang_su_phi, sheet::officer_sheet};
        let (units, cadres) = hoang_su_phi(2);
        let sheet = officer_sheet(&units, &cadres[..300], 2);
        let l = Layout::of(&sheet);
        let settings = ImportSettings::default();
        let m = ri::guess_mapping(&l.header, &settings);
        let empty = Roster { units: Vec::new(), cadres: Vec::new() };
        let proposals = ri::propose_units(&empty, l.data(&sheet), &m);
        let (hint, table) = unit_rows(&proposals, &empty);
        assert!(hint.starts_with(&format!("{} đơn vị trong tệp chưa có", proposals.len())), "{hint}");
        assert!(table.iter().any(|u| !u.parent.is_empty()), "parents named");
        let mut edits = UnitEdits::new();
        edits.insert(
            table[0].key.clone(),
            UnitEdit { level: Some(GovLevel::Commune), kind: Some(UnitKind::Front), parent: None },
        );
        let other = table[1].name.clone();
        assert!(edit_parent(&mut edits, &table[0].key, &other.to_uppercase(), &proposals, &empty).is_ok());
        let refused = edit_parent(&mut edits, &table[0].key, "Phòng Không Có", &proposals, &empty).unwrap_err();
        assert_eq!(refused, "Không có đơn vị nào tên “Phòng Không Có”: chọn một tên trong danh sách.");
        let self_parent = edit_parent(&mut edits, &table[0].key, &table[0].name, &proposals, &empty).unwrap_err();
        assert!(self_parent.contains("chính nó"), "{self_parent}");
        let mut n = 0;
        let mut ids = || {
            n += 1;
            format!("u{n}")
        };
        let made = new_units(&empty, &proposals, &edits, &mut ids, 1);
        assert_eq!((made[0].level, made[0].kind), (GovLevel::Commune, UnitKind::Front));
        assert_eq!(made[0].parent_id.as_ref(), Some(&made[1].id), "the parent typed, a unit made with it");
        let (hint, seats) = committee_review(l.data(&sheet), &m, &settings).expect("a Cấp ủy column");
        assert!(hint.starts_with("Mọi cách ghi cấp ủy đã được nhận ra"), "{hint}");
        assert!(seats.iter().all(|r| !r.current.is_empty() && r.choices.iter().any(|(c, _)| *c == r.current)));
    }

    #[test]
    fn missing_columns_are_named() {
        assert_eq!(missing_message(&[]), None);
        let m = missing_message(&[Field::Gender, Field::Unit]).expect("missing");
        assert_eq!(
            m,
            format!(
                "Chưa có cột cho: {}, {}. Hãy ghép cột ở bảng trên (hoặc chọn đơn vị chung cho tệp).",
                Field::Gender.label(),
                Field::Unit.label()
            )
        );
    }

    #[test]
    fn preview_with_and_without_a_default_unit() {
        let s = sheet();
        let l = Layout::of(&s);
        let settings = ImportSettings::default();
        let m = ri::guess_mapping(&l.header, &settings);
        let r = roster();
        let mut n = 0;
        let mut ids = move || {
            n += 1;
            format!("id{n}")
        };
        let different = HashSet::new();
        let req = Request {
            rows: &s,
            layout: &l,
            mapping: &m,
            settings: &settings,
            default_unit: "",
            default_category: "cong_chuc",
            new_units: &[],
            different_people: &different,
            now: 1,
        };
        assert_eq!(
            Request { default_category: "", ..req }.missing(),
            vec![Field::Category],
            "never a silent đối tượng"
        );
        assert!(req.missing().is_empty());
        let p = req.preview(&r, &mut ids);
        let sum = summary(&p);
        assert_eq!(sum.counts, "1 cán bộ mới, 0 cập nhật, 0 không đổi, 1 dòng lỗi.");
        assert_eq!(sum.apply_label, "Nhập vào danh sách (bỏ qua 1 dòng lỗi)");
        assert!(sum.errors[0].starts_with("Dòng 5,"), "{:?}", sum.errors);
        assert!(sum.errors_intro.is_some() && sum.more_errors.is_none());
        assert_eq!(sum.changes, vec![("Dòng 4: Nguyễn Văn An (1980)".to_string(), "mới")]);
        assert!(sum.can_apply);

        let with_unit = Request { default_unit: "xa", ..req };
        let p = with_unit.preview(&r, &mut ids);
        let sum = summary(&p);
        assert_eq!(sum.counts, "2 cán bộ mới, 0 cập nhật, 0 không đổi, 0 dòng lỗi.");
        assert_eq!(sum.apply_label, "Nhập vào danh sách");
        let (after, msg) = imported(&p, &r).expect("something to import");
        assert_eq!(after.cadres.len(), 2);
        assert_eq!(msg, "Đã nhập: 2 cán bộ mới, 0 cập nhật, 0 không đổi. Dữ liệu trước khi nhập đã được sao lưu.");
        // The same file again changes nothing, and is refused.
        let again = with_unit.preview(&after, &mut ids);
        assert_eq!(summary(&again).counts, "0 cán bộ mới, 0 cập nhật, 2 không đổi, 0 dòng lỗi.");
        assert!(!summary(&again).can_apply);
        assert_eq!(imported(&again, &after).map(|_| ()), Err(NOTHING_TO_IMPORT.to_string()));
    }

    #[test]
    fn export_sorts_by_given_name() {
        let mut r = roster();
        for (i, name) in ["Lò Thị Bình", "Nguyễn Văn An", "Giàng A Dế"].iter().enumerate() {
            let mut c = Cadre::blank(format!("c{i}"), "xa".into());
            c.full_name = (*name).into();
            r.cadres.push(c);
        }
        let t = roster_table(&r, &|a: &str, b: &str| a.cmp(b));
        let names: Vec<String> = t.rows.iter().map(|row| row[1].display()).collect();
        assert_eq!(names, ["Nguyễn Văn An", "Lò Thị Bình", "Giàng A Dế"]);
        assert_eq!(export_hint(3), "3 cán bộ, xếp theo tên. Tệp CSV mở được bằng Excel (UTF-8, giữ đúng tiếng Việt).");
    }

    #[test]
    fn file_names_and_sheets() {
        assert!(is_csv("DS.CSV") && is_csv("a.txt") && !is_csv("a.xlsx"));
        assert_eq!(no_rows("a.csv"), "Tệp a.csv không có dòng nào.");
        let sheets = [Vec::new(), sheet()];
        assert_eq!(first_sheet(sheets.iter().map(Vec::as_slice)), 1);
        assert!(!all_empty(sheets.iter().map(Vec::as_slice)));
        assert!(all_empty([Vec::new()].iter().map(Vec::as_slice)));
        assert_eq!(first_sheet([Vec::new()].iter().map(Vec::as_slice)), 0);
        assert_eq!(
            undone_message("a.xlsx (Excel)"),
            "Đã hoàn tác: danh sách trở về như trước khi nhập a.xlsx (Excel)."
        );
        assert_eq!(backup_source("a.xlsx"), "a.xlsx (Excel)");
    }
}
