//! `dtbd import-roster SHEET -o OUT.json`: an officer's roster sheet read exactly as the Nhập
//! Excel page reads it (`view::excel`, `view::legacy_text`, `domain::roster_import`), without
//! its questions: the header where the page finds it, the mapping it guesses, the levels as it
//! reads them, the units it proposes created as proposed, rows it cannot read left out. What
//! the page would have shown for checking is printed instead, and the roster is written as a
//! snapshot of the whole database.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use dtbd_domain::model::{Category, Region, Unit};
use dtbd_domain::number::grouped;
use dtbd_domain::roster::Roster;
use dtbd_domain::roster_import::{self as ri, units, Field, ImportSettings, UnitProposal};
use dtbd_domain::snapshot::{export, Dataset, ExportScope, ExportedBy};
use dtbd_view::excel::{self as vm, Layout};
use dtbd_view::legacy_text;

use crate::args::ImportOptions;
use crate::files::{self, shown, Ids};
use crate::{Exit, Io};

/// A sheet of the file: its name and rows of cell texts.
pub struct Sheet {
    /// Tên trang tính ("CSV" for a CSV file).
    pub name: String,
    /// Its rows.
    pub rows: Vec<Vec<String>>,
}

/// The file's sheets as the page reads them: a CSV in whichever encoding it was saved, a
/// workbook through `dtbd-xlsx`; text typed in an old font (TCVN3, VNI) converted to Unicode.
/// Returns the sheets and the notes the page shows about their text.
pub fn read_sheets(file: &str, bytes: &[u8]) -> Result<(Vec<Sheet>, Vec<String>), String> {
    let (sheets, mut notes, font) = if legacy_text::reads_as_csv(file, bytes) {
        let csv = legacy_text::read_csv(file, bytes)?;
        (vec![Sheet { name: "CSV".into(), rows: csv.rows }], csv.note.into_iter().collect(), csv.font)
    } else {
        let read = dtbd_xlsx::read(file, bytes)?;
        (read.into_iter().map(|s| Sheet { name: s.name, rows: s.rows }).collect::<Vec<_>>(), Vec::new(), None)
    };
    if vm::all_empty(sheets.iter().map(|s| s.rows.as_slice())) {
        return Err(vm::no_rows(file));
    }
    let mut sheets = sheets;
    if let Some(legacy) = legacy_text::convert_legacy(sheets.iter().map(|s| s.rows.as_slice()), font) {
        notes.push(legacy.note());
        for (sheet, converted) in sheets.iter_mut().zip(legacy.sheets) {
            if let Some(rows) = converted {
                sheet.rows = rows;
            }
        }
    }
    Ok((sheets, notes))
}

/// The sheet `--sheet` names (its number from 1, or its name folded), else the first with a
/// row, as the page opens.
pub fn choose_sheet(sheets: &[Sheet], wanted: Option<&str>) -> Result<usize, String> {
    let Some(wanted) = wanted else { return Ok(vm::first_sheet(sheets.iter().map(|s| s.rows.as_slice()))) };
    if let Ok(n) = wanted.trim().parse::<usize>() {
        if (1..=sheets.len()).contains(&n) {
            return Ok(n - 1);
        }
    }
    let key = ri::normalise(wanted);
    sheets.iter().position(|s| ri::normalise(&s.name) == key).ok_or_else(|| {
        let names: Vec<String> = sheets.iter().enumerate().map(|(i, s)| format!("{} “{}”", i + 1, s.name)).collect();
        format!("không có trang tính “{wanted}”. Các trang tính: {}.", names.join(", "))
    })
}

/// A unit named by `--unit` that neither the sheet's proposals nor the roster hold: proposed
/// from its name as the page proposes the sheet's units, in the region the others got.
fn proposal_for(name: &str, region: Region) -> UnitProposal {
    UnitProposal {
        name: name.split_whitespace().collect::<Vec<_>>().join(" "),
        rows: 0,
        level: units::level_of(name, &BTreeSet::new()),
        kind: units::kind_of(name),
        parent: None,
        region,
    }
}

/// What the import guessed and did, as printed.
pub fn guesses(
    layout: &Layout,
    rows: &[Vec<String>],
    mapping: &[Option<Field>],
    settings: &ImportSettings,
    new_units: &[Unit],
) -> Vec<String> {
    let mut out = Vec::new();
    out.push(layout.hint());
    out.push("Ghép cột:".into());
    for row in vm::mapping_rows(layout, rows, mapping) {
        let field = row.choices.iter().find(|(_, _, on)| *on).map_or("", |(_, label, _)| label.as_str());
        let sample = if row.sample.trim().is_empty() {
            String::new()
        } else {
            format!(" (ví dụ “{}”)", row.sample.trim())
        };
        out.push(format!("  {} → {field}{sample}", row.label));
    }
    if let Some(review) = vm::review(ri::level_review(layout.data(rows), mapping, settings), &layout.header) {
        out.push("Trình độ đọc được:".into());
        for r in &review.rows {
            let reading = match (r.field.scale(), r.current.as_str()) {
                (_, "") => "chưa rõ: các dòng này để trống trình độ".to_string(),
                (Some(scale), code) => ri::reading_label(scale, code),
                (None, code) => code.to_string(),
            };
            out.push(format!("  {} “{}” ({} dòng) → {reading}", r.field.label(), r.text, grouped(r.count)));
        }
        out.extend(review.not_levels.iter().map(|n| format!("  {n}")));
    }
    if !new_units.is_empty() {
        out.push(format!("Đơn vị mới ({}), đoán cấp, loại và cấp trên theo tên:", grouped(new_units.len())));
        let names: BTreeMap<&str, &str> = new_units.iter().map(|u| (u.id.as_str(), u.name.as_str())).collect();
        for u in new_units {
            let parent = u.parent_id.as_deref().and_then(|p| names.get(p)).map(|p| format!(", trực thuộc {p}"));
            out.push(format!("  {}: {}, {}{}", u.name, u.level.label(), u.kind.label(), parent.unwrap_or_default()));
        }
    }
    out
}

/// Runs `dtbd import-roster`.
pub fn run(o: &ImportOptions, io: &mut Io<'_>) -> Exit {
    let name = shown(&o.sheet_file);
    let refuse = |io: &mut Io<'_>, message: &str| {
        io.about(&name, message);
        Exit::Refused
    };
    let mut settings = ImportSettings::default();
    for (header, code) in &o.columns {
        let field = Field::from_code(code);
        if field.is_none() && !code.is_empty() {
            let codes: Vec<&str> = Field::ALL.iter().map(|f| f.code()).collect();
            io.warn(&format!("dtbd: --column: không có trường “{code}” (các trường: {}).", codes.join(", ")));
            return Exit::Usage;
        }
        settings.remember_column(header, field);
    }
    let category = match o.category.as_deref() {
        None => "",
        Some(code) if Category::from_code(code).is_some() => code,
        Some(code) => {
            let codes: Vec<String> = Category::ALL.iter().map(|c| format!("{} ({})", c.code(), c.label())).collect();
            io.warn(&format!("dtbd: --category: không có đối tượng “{code}” (chọn: {}).", codes.join(", ")));
            return Exit::Usage;
        }
    };
    let bytes = match files::read_bytes(&o.sheet_file) {
        Ok(bytes) => bytes,
        Err(message) => return refuse(io, &message),
    };
    let (sheets, notes) = match read_sheets(&name, &bytes) {
        Ok(read) => read,
        Err(message) => return refuse(io, &message),
    };
    drop(bytes);
    let at = match choose_sheet(&sheets, o.sheet.as_deref()) {
        Ok(at) => at,
        Err(message) => return refuse(io, &message),
    };
    let rows = &sheets[at].rows;
    let layout = Layout::chosen(rows, o.header_row.map(|r| r - 1));
    let mapping = ri::guess_mapping(&layout.header, &settings);
    let roster = Roster::default();
    let now = files::now();
    let mut ids = Ids::default();
    let mut proposals = ri::propose_units(&roster, layout.data(rows), &mapping);
    if let Some(unit) = o.unit.as_deref() {
        if !proposals.iter().any(|p| ri::normalise(&p.name) == ri::normalise(unit)) {
            let region = proposals.first().map_or(Region::Lowland, |p| p.region);
            proposals.push(proposal_for(unit, region));
        }
    }
    let new_units = vm::new_units(&roster, &proposals, &vm::UnitEdits::new(), &mut || ids.next_id(), now);
    let default_unit = o
        .unit
        .as_deref()
        .and_then(|unit| new_units.iter().find(|u| ri::normalise(&u.name) == ri::normalise(unit)))
        .map_or(String::new(), |u| u.id.clone());

    io.say(&format!("{}, trang tính “{}”", vm::file_heading(&name), sheets[at].name));
    notes.iter().for_each(|n| io.say(n));
    guesses(&layout, rows, &mapping, &settings, &new_units).iter().for_each(|line| io.say(line));

    let different = HashSet::new();
    let request = vm::Request {
        rows,
        layout: &layout,
        mapping: &mapping,
        settings: &settings,
        default_unit: &default_unit,
        default_category: category,
        new_units: &new_units,
        different_people: &different,
        now,
    };
    if let Some(missing) = vm::missing_message(&request.missing()) {
        let hint = " Dòng lệnh: --column \"TÊN CỘT=trường\", --unit TÊN-ĐƠN-VỊ, --category MÃ.";
        return refuse(io, &format!("{missing}{hint}"));
    }
    let preview = request.preview(&roster, &mut || ids.next_id());
    let summary = vm::summary(&preview);
    io.say(&format!("Kết quả: {}", summary.counts));
    if summary.errors_intro.is_some() {
        io.say(&format!("Dòng không nhập ({} dòng):", grouped(preview.bad_rows())));
        // Every refused row, not the page's first 200: a script reads them all.
        preview.errors.iter().for_each(|e| io.say(&format!("  {e}")));
    }
    let (roster, _) = match vm::imported(&preview, &roster) {
        Ok(done) => done,
        Err(message) => return refuse(io, &message),
    };
    let data = Dataset { roster, ..Dataset::default() };
    let by = ExportedBy {
        unit_id: data.roster.only_root().map(|u| u.id.clone()),
        unit_name: data.roster.only_root().map(|u| u.name.clone()).unwrap_or_default(),
        sender: format!("dtbd import-roster {}", vm::backup_source(&name)),
    };
    let Some(snapshot) = export(&data, &ExportScope::All, by, BTreeMap::new(), now) else { return Exit::Refused };
    if let Err(message) = files::write_atomic(&o.output, snapshot.to_json().as_bytes()) {
        io.about(&shown(&o.output), &message);
        return Exit::Refused;
    }
    io.say(&format!(
        "Đã ghi {}: {} cán bộ, {} đơn vị.",
        shown(&o.output),
        grouped(data.roster.cadres.len()),
        grouped(data.roster.units.len())
    ));
    Exit::Done
}
