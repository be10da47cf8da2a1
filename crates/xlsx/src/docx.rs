//! Văn bản Word (.docx): a directive as it arrives by email, read into the text an officer
//! would get by copying the whole document out of Word: one line per paragraph, a list
//! paragraph preceded by the number Word shows for it and a tab ("II.\tNhiệm vụ", "a)\t…",
//! "-\t…"), a table row as its cells joined by tabs. The reader of directives
//! (`dtbd_domain::directive::reading`) then reads pasted text and a .docx the same way.
//!
//! Word keeps a list's numbers out of the text: a paragraph names a list (`w:numId`) and a
//! level (`w:ilvl`), directly or through its style, and `word/numbering.xml` says how each
//! level is counted and written (`upperRoman`, `%1.%2.`, a bullet). [`Numbering`] replays
//! the counters in document order, as Word does when it lays the document out.
//!
//! A .docx is a zip, so the same care as for a workbook: every part is read through the
//! 50 MB budget ([`MAX_FILE_BYTES`]), whatever size its entry declares, and the text
//! gathered is bounded by [`MAX_PASTED_TEXT_BYTES`]; a file that is not a zip, or has no
//! `word/document.xml`, is refused with a Vietnamese message naming the file.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use dtbd_domain::limits::{MAX_FILE_BYTES, MAX_PASTED_TEXT_BYTES};
use dtbd_domain::number::grouped;

/// One block of the document body, in order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Block {
    /// Đoạn văn: its list number as Word shows it ("1.", "a)", "-"; empty when none), its
    /// list level (0 for top level and for paragraphs outside lists) and its text.
    Paragraph { label: String, level: u8, text: String },
    /// Bảng: rows of cell texts (a cell's paragraphs joined by spaces).
    Table { rows: Vec<Vec<String>> },
}

/// The text of a .docx as Word's "copy all" gives it (see the module's doc).
pub fn text(file: &str, bytes: &[u8]) -> Result<String, String> {
    let blocks = read(file, bytes)?;
    Ok(plain_text(&blocks))
}

/// Blocks as text: a labelled paragraph is `label\ttext`, a table row its cells joined by tabs.
pub fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Paragraph { label, text, .. } => {
                if !label.is_empty() {
                    out.push_str(label);
                    out.push('\t');
                }
                out.push_str(text);
                out.push('\n');
            }
            Block::Table { rows } => {
                for row in rows {
                    out.push_str(&row.join("\t"));
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// The body of .docx `file`, paragraphs numbered as Word shows them.
pub fn read(file: &str, bytes: &[u8]) -> Result<Vec<Block>, String> {
    let fail = |why: &str| format!("Không đọc được tệp Word (.docx) {file}: {why}.");
    if !bytes.starts_with(b"PK") {
        return Err(fail(
            "tệp không phải văn bản .docx (có thể là tệp .doc của Word 97-2003, hoặc tệp bị cắt dở khi tải về); \
             hãy mở bằng Word và lưu lại dưới dạng .docx, hoặc sao chép nội dung rồi dán vào ô văn bản",
        ));
    }
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| fail("tệp nén bị hỏng hoặc bị cắt dở khi tải về"))?;
    let mut budget = MAX_FILE_BYTES as u64;
    let document = part(&mut archive, "word/document.xml", &mut budget)
        .map_err(|why| fail(&why))?
        .ok_or_else(|| fail("không có phần nội dung (word/document.xml): tệp không phải văn bản Word"))?;
    let styles = part(&mut archive, "word/styles.xml", &mut budget).map_err(|why| fail(&why))?;
    let numbering = part(&mut archive, "word/numbering.xml", &mut budget).map_err(|why| fail(&why))?;
    let mut numbering = match numbering {
        Some(xml) => Numbering::parse(&xml).map_err(|_| fail("phần đánh số (numbering.xml) bị hỏng"))?,
        None => Numbering::default(),
    };
    let style_numbers = match styles {
        Some(xml) => style_numbers(&xml).map_err(|_| fail("phần kiểu (styles.xml) bị hỏng"))?,
        None => HashMap::new(),
    };
    body(&document, &mut numbering, &style_numbers).map_err(|why| fail(&why))
}

/// Part `name` of the archive as text, its inflated bytes charged to `budget`; `None` when
/// the archive has no such part.
fn part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, budget: &mut u64) -> Result<Option<String>, String> {
    let Ok(entry) = archive.by_name(name) else { return Ok(None) };
    let mut bytes = Vec::new();
    let read = entry.take(*budget + 1).read_to_end(&mut bytes).map_err(|_| "tệp nén bị hỏng".to_string())?;
    if read as u64 > *budget {
        return Err(format!(
            "nội dung nén trong tệp bung ra hơn {} MB, quá giới hạn của một tệp (tệp bị hỏng, hoặc được làm ra để làm treo máy)",
            grouped((MAX_FILE_BYTES / (1024 * 1024)) as u64)
        ));
    }
    *budget -= read as u64;
    String::from_utf8(bytes).map(Some).map_err(|_| format!("phần {name} không phải văn bản UTF-8"))
}

/// The value of attribute `w:<key>` (any prefix) of `element`.
fn attribute(element: &BytesStart<'_>, key: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == key)
        .and_then(|a| quick_xml::escape::unescape(&a.value).ok().map(|v| v.into_owned()))
}

fn number_attribute(element: &BytesStart<'_>) -> Option<u32> {
    attribute(element, "val").and_then(|v| v.trim().parse().ok())
}

/// A text reference (`&amp;`, `&#x1EA1;`) as its character(s).
fn reference(entity: &quick_xml::events::BytesRef<'_>) -> String {
    match &**entity {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        _ => entity.resolve_char_ref().ok().flatten().map(String::from).unwrap_or_default(),
    }
}

/// How one level of a list is counted and written.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// Danh sách đánh số: the lists of `numbering.xml` and their running counters.
#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → levels by ilvl.
    abstract_levels: HashMap<u32, HashMap<u8, Level>>,
    /// numId → (abstractNumId, levels whose start it overrides).
    lists: HashMap<u32, (u32, HashMap<u8, u32>)>,
    /// abstractNumId → the counter of each level (shared by the lists built on it).
    counters: HashMap<u32, [u32; 9]>,
    /// Lists whose start overrides were applied already.
    started: std::collections::HashSet<u32>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Self, quick_xml::Error> {
        let mut numbering = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let (mut abstract_id, mut level, mut num_id, mut override_level) = (None, None::<(u8, Level)>, None, None);
        loop {
            match reader.read_event()? {
                Event::Start(e) | Event::Empty(e) => match e.local_name().into_inner() {
                    "abstractNum" => abstract_id = attribute(&e, "abstractNumId").and_then(|v| v.parse().ok()),
                    "lvl" => {
                        let ilvl = attribute(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        level = Some((ilvl, Level { start: 1, ..Level::default() }));
                    }
                    "start" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.start = number_attribute(&e).unwrap_or(1);
                        }
                    }
                    "numFmt" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.format = attribute(&e, "val").unwrap_or_default();
                        }
                    }
                    "lvlText" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.text = attribute(&e, "val").unwrap_or_default();
                        }
                    }
                    "num" => num_id = attribute(&e, "numId").and_then(|v| v.parse().ok()),
                    "abstractNumId" => {
                        if let (Some(id), Some(target)) = (num_id, number_attribute(&e)) {
                            numbering.lists.entry(id).or_insert((target, HashMap::new())).0 = target;
                        }
                    }
                    "lvlOverride" => override_level = attribute(&e, "ilvl").and_then(|v| v.parse().ok()),
                    "startOverride" => {
                        if let (Some(id), Some(ilvl), Some(start)) = (num_id, override_level, number_attribute(&e)) {
                            numbering.lists.entry(id).or_insert((0, HashMap::new())).1.insert(ilvl, start);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().into_inner() {
                    "lvl" => {
                        if let (Some(id), Some((ilvl, l))) = (abstract_id, level.take()) {
                            numbering.abstract_levels.entry(id).or_default().insert(ilvl, l);
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "num" => num_id = None,
                    "lvlOverride" => override_level = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(numbering)
    }

    /// The label of the next paragraph of list `num_id` at level `ilvl`, counting it.
    fn next_label(&mut self, num_id: u32, ilvl: u8) -> String {
        // numId 0 means "no list" (Word writes it to take a style's numbering off).
        let Some((abstract_id, overrides)) = self.lists.get(&num_id).cloned() else { return String::new() };
        let Some(levels) = self.abstract_levels.get(&abstract_id) else { return String::new() };
        let ilvl = ilvl.min(8);
        let counters = self.counters.entry(abstract_id).or_insert([0; 9]);
        if self.started.insert(num_id) {
            for (&at, &start) in &overrides {
                if let Some(slot) = counters.get_mut(usize::from(at)) {
                    *slot = start.saturating_sub(1);
                }
            }
        }
        let start_of = |at: u8| levels.get(&at).map_or(1, |l| l.start);
        let at = usize::from(ilvl);
        counters[at] = if counters[at] == 0 { start_of(ilvl).max(1) } else { counters[at].saturating_add(1) };
        if counters[at] < start_of(ilvl) {
            counters[at] = start_of(ilvl);
        }
        counters[at + 1..].fill(0);
        let Some(level) = levels.get(&ilvl) else { return String::new() };
        if level.format == "bullet" {
            return bullet(&level.text);
        }
        if level.format == "none" {
            return String::new();
        }
        // "%1.%2." → each level's counter in that level's own format.
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(digit)) if (1..=9).contains(&digit) => {
                    chars.next();
                    let shown = (digit - 1) as u8;
                    let value = counters[usize::from(shown)].max(start_of(shown));
                    let format = levels.get(&shown).map_or("decimal", |l| l.format.as_str());
                    label.push_str(&format_counter(value, format));
                }
                _ => label.push(c),
            }
        }
        label.trim().to_string()
    }
}

/// A bullet as it reads in text: Word's symbol-font bullets (private-use characters, "")
/// and dots become "-", as a directive's lists of "-" items are typed.
fn bullet(text: &str) -> String {
    match text.trim() {
        "+" => "+".into(),
        "-" | "–" | "—" => "-".into(),
        _ => "-".into(),
    }
}

/// A counter written in a level's `numFmt`.
fn format_counter(value: u32, format: &str) -> String {
    match format {
        "upperRoman" => roman(value),
        "lowerRoman" => roman(value).to_lowercase(),
        "upperLetter" => letters(value).to_uppercase(),
        "lowerLetter" => letters(value),
        "decimalZero" => format!("{value:02}"),
        _ => value.to_string(),
    }
}

fn roman(mut value: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (size, numeral) in NUMERALS {
        while value >= size {
            out.push_str(numeral);
            value -= size;
        }
    }
    out
}

/// a … z, then aa, bb … as Word writes letter lists past 26. Vietnamese lists skip no letter
/// in Word's own counting, so neither does this.
fn letters(value: u32) -> String {
    if value == 0 {
        return String::new();
    }
    let letter = char::from(b'a' + ((value - 1) % 26) as u8);
    std::iter::repeat_n(letter, ((value - 1) / 26 + 1) as usize).collect()
}

/// styleId → (numId, ilvl) of the styles that number their paragraphs (headings often do).
fn style_numbers(xml: &str) -> Result<HashMap<String, (u32, u8)>, quick_xml::Error> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let (mut style, mut num_id, mut ilvl) = (None::<String>, None, 0u8);
    loop {
        match reader.read_event()? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().into_inner() {
                "style" => {
                    style = attribute(&e, "styleId");
                    num_id = None;
                    ilvl = 0;
                }
                "numId" => num_id = number_attribute(&e),
                "ilvl" => ilvl = number_attribute(&e).unwrap_or(0).min(8) as u8,
                _ => {}
            },
            Event::End(e) if e.local_name().into_inner() == "style" => {
                if let (Some(id), Some(num)) = (style.take(), num_id.take()) {
                    out.insert(id, (num, ilvl));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The paragraph being read: its properties and text.
#[derive(Default)]
struct OpenParagraph {
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    text: String,
}

/// The body of `document.xml` as blocks. A paragraph inside a table cell adds to the cell; a
/// table inside a cell (rare in directives) adds its cells' text to that cell.
fn body(
    xml: &str,
    numbering: &mut Numbering,
    style_numbers: &HashMap<String, (u32, u8)>,
) -> Result<Vec<Block>, String> {
    let broken = |_| "phần nội dung (document.xml) bị hỏng".to_string();
    let mut reader = Reader::from_str(xml);
    let mut blocks = Vec::new();
    let mut paragraph: Option<OpenParagraph> = None;
    // Open tables, innermost last: their rows, and the cell being filled.
    let mut tables: Vec<(Vec<Vec<String>>, Option<String>)> = Vec::new();
    let (mut in_text, mut in_deleted, mut in_properties) = (false, 0usize, 0usize);
    let mut gathered = 0usize;
    loop {
        let event = reader.read_event().map_err(broken)?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().into_inner() {
                    "p" if !empty => paragraph = Some(OpenParagraph::default()),
                    "pPr" if !empty => in_properties += 1,
                    "pStyle" if in_properties > 0 => {
                        if let Some(p) = paragraph.as_mut() {
                            p.style = attribute(e, "val");
                        }
                    }
                    "numId" if in_properties > 0 => {
                        if let Some(p) = paragraph.as_mut() {
                            p.num_id = number_attribute(e);
                        }
                    }
                    "ilvl" if in_properties > 0 => {
                        if let Some(p) = paragraph.as_mut() {
                            p.ilvl = number_attribute(e).map(|v| v.min(8) as u8);
                        }
                    }
                    "t" if !empty => in_text = true,
                    "del" | "moveFrom" if !empty => in_deleted += 1,
                    "tab" if in_properties == 0 => push_text(&mut paragraph, "\t"),
                    "br" | "cr" => push_text(&mut paragraph, " "),
                    "noBreakHyphen" => push_text(&mut paragraph, "-"),
                    "tbl" if !empty => tables.push((Vec::new(), None)),
                    "tr" if !empty => {
                        if let Some((rows, _)) = tables.last_mut() {
                            rows.push(Vec::new());
                        }
                    }
                    "tc" if !empty => {
                        if let Some((_, cell)) = tables.last_mut() {
                            *cell = Some(String::new());
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && in_deleted == 0 => push_text(&mut paragraph, &t.xml10_content()),
            Event::GeneralRef(r) if in_text && in_deleted == 0 => push_text(&mut paragraph, &reference(r)),
            Event::End(e) => match e.local_name().into_inner() {
                "t" => in_text = false,
                "del" | "moveFrom" => in_deleted = in_deleted.saturating_sub(1),
                "pPr" => in_properties = in_properties.saturating_sub(1),
                "p" => {
                    let Some(p) = paragraph.take() else { continue };
                    let numbered = match (p.num_id, &p.style) {
                        (Some(num), _) => Some((num, p.ilvl.unwrap_or(0))),
                        (None, Some(style)) => {
                            style_numbers.get(style).map(|&(num, level)| (num, p.ilvl.unwrap_or(level)))
                        }
                        (None, None) => None,
                    };
                    let (label, level) = match numbered {
                        Some((num, level)) => (numbering.next_label(num, level), level),
                        None => (String::new(), 0),
                    };
                    let text = p.text.trim().to_string();
                    gathered += text.len() + label.len() + 2;
                    if gathered > MAX_PASTED_TEXT_BYTES {
                        return Err(too_long());
                    }
                    match tables.last_mut() {
                        Some((_, Some(cell))) => {
                            if !text.is_empty() {
                                if !cell.is_empty() {
                                    cell.push(' ');
                                }
                                if !label.is_empty() {
                                    cell.push_str(&label);
                                    cell.push(' ');
                                }
                                cell.push_str(&text);
                            }
                        }
                        _ if text.is_empty() && label.is_empty() => {}
                        _ => blocks.push(Block::Paragraph { label, level, text }),
                    }
                }
                "tc" => {
                    if let Some((rows, cell)) = tables.last_mut() {
                        let text = cell.take().unwrap_or_default().replace('\t', " ");
                        if let Some(row) = rows.last_mut() {
                            row.push(text);
                        }
                    }
                }
                "tbl" => {
                    let Some((rows, _)) = tables.pop() else { continue };
                    match tables.last_mut() {
                        Some((_, Some(cell))) => {
                            for row in rows {
                                if !cell.is_empty() {
                                    cell.push(' ');
                                }
                                cell.push_str(&row.join(" "));
                            }
                        }
                        _ => blocks.push(Block::Table { rows }),
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(blocks)
}

fn push_text(paragraph: &mut Option<OpenParagraph>, text: &str) {
    if let Some(p) = paragraph.as_mut() {
        p.text.push_str(text);
    }
}

fn too_long() -> String {
    format!(
        "văn bản dài quá {} MB chữ, giới hạn của một văn bản dán hoặc mở",
        grouped((MAX_PASTED_TEXT_BYTES / 1_000_000) as u64)
    )
}

#[cfg(test)]
mod tests;
