//! Đoạn văn: a pasted text cut into paragraphs as the document means them, whatever the copy
//! did to its lines. A PDF's copy breaks a sentence at the end of each printed line ("Phấn\nđấu
//! đạt 20% cán bộ"), hyphenates words, cuts a page in the middle of a sentence, prints a
//! table's cells as lines between "|"; a copy from Word or Markdown marks emphasis with "*";
//! a .docx's table row arrives as one line of cells between tabs. Either way each cell is a
//! paragraph of its own, marked as following a cell break, so [`super::tables`] can read the
//! table's rows.
//! The cleaned text keeps, for every byte, where it came from in the pasted text, so a span
//! found in the cleaned text highlights the right words of what the officer pasted.

/// The pasted text cleaned, with the origin of each of its bytes.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    /// Paragraphs joined by "\n".
    pub text: String,
    /// `origin[i]`: byte offset in the pasted text of cleaned byte `i` (one more entry for the end).
    origin: Vec<u32>,
    /// Byte ranges of the paragraphs in `text`.
    pub paragraphs: Vec<(usize, usize)>,
    /// `after_cell_break[i]`: paragraph `i` follows a table's cell break ("|" alone on a line,
    /// or a tab between cells): it and the paragraph before it are cells of one table.
    pub after_cell_break: Vec<bool>,
}

impl Cleaned {
    /// The range in the pasted text of cleaned range `start..end`.
    pub fn source_range(&self, start: usize, end: usize) -> (usize, usize) {
        let at = |i: usize| self.origin.get(i).copied().unwrap_or(0) as usize;
        let last = if end > start {
            at(end - 1) + self.text[..end].chars().next_back().map_or(1, char::len_utf8)
        } else {
            at(start)
        };
        (at(start), last.max(at(start)))
    }

    fn push(&mut self, c: char, from: usize) {
        for _ in 0..c.len_utf8() {
            self.origin.push(from as u32);
        }
        self.text.push(c);
    }
}

/// One line of the pasted text without its emphasis marks, with the offset of each char.
struct Line {
    chars: Vec<(usize, char)>,
    /// Starts with a "*" bullet ("** Mục tiêu đến năm 2025:*").
    star_bullet: bool,
}

impl Line {
    fn read(text: &str, start: usize) -> Line {
        let trimmed = text.trim_start();
        let lead = text.len() - trimmed.len();
        let stars = trimmed.chars().take_while(|c| *c == '*').count();
        let star_bullet = stars > 0 && trimmed[stars..].starts_with(char::is_whitespace);
        let mut chars: Vec<(usize, char)> = Vec::new();
        if star_bullet {
            chars.push((start + lead, '*'));
            chars.push((start + lead, ' '));
        }
        for (i, c) in text.char_indices() {
            let c = if c == '\u{a0}' || c == '\t' { ' ' } else { c };
            if c == '*' || c == '\r' || (c == ' ' && chars.last().is_none_or(|(_, p)| *p == ' ')) {
                continue;
            }
            chars.push((start + i, c));
        }
        while chars.last().is_some_and(|(_, c)| *c == ' ') {
            chars.pop();
        }
        Line { chars, star_bullet }
    }

    fn is_blank(&self) -> bool {
        self.chars.is_empty()
    }

    /// A table's cell separator ("|" alone, as a PDF copy prints it).
    fn is_cell_break(&self) -> bool {
        self.chars.iter().all(|(_, c)| *c == '|' || *c == ' ')
    }

    fn text(&self) -> String {
        self.chars.iter().map(|(_, c)| c).collect()
    }
}

/// Cuts `text` into paragraphs: a line joins the one before it when that one leaves its
/// sentence open (no final ".", ":", ";", "!", "?") and this one does not start a numbered
/// or bulleted paragraph, and either starts in lower case (a broken line or a page break
/// inside a sentence) or both are in capitals (a heading on two lines). A line in capitals
/// after an open line in lower case starts a paragraph: a title's first line has no stop.
pub fn paragraphs(text: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let mut current: Vec<(usize, char)> = Vec::new();
    let mut blank_before = false;
    let mut offset = 0;
    // A cell break seen since the last paragraph; the previous line was a row of tab cells.
    let mut cell_break = false;
    let mut previous_tab_row = false;
    let flush = |current: &mut Vec<(usize, char)>, out: &mut Cleaned, cell_break: &mut bool| {
        if current.is_empty() {
            return;
        }
        out.after_cell_break.push(*cell_break && !out.paragraphs.is_empty());
        *cell_break = false;
        if !out.text.is_empty() {
            let at = current[0].0;
            out.push('\n', at);
        }
        let start = out.text.len();
        for (at, c) in current.drain(..) {
            out.push(c, at);
        }
        out.paragraphs.push((start, out.text.len()));
    };
    for raw in text.split('\n') {
        let line_start = offset;
        offset += raw.len() + 1;
        if is_tab_row(raw) {
            // A .docx's table row: each non-empty cell a paragraph (an empty one is a merged
            // cell's continuation, absent as in a PDF's copy), rows of one table run on.
            flush(&mut current, &mut out, &mut cell_break);
            cell_break = previous_tab_row;
            let mut cell_start = line_start;
            for cell in raw.split('\t') {
                let line = Line::read(cell, cell_start);
                cell_start += cell.len() + 1;
                if !line.is_blank() {
                    current = line.chars;
                    flush(&mut current, &mut out, &mut cell_break);
                }
                cell_break = true;
            }
            cell_break = false;
            previous_tab_row = true;
            blank_before = false;
            continue;
        }
        let line = Line::read(raw, line_start);
        if line.is_blank() {
            blank_before = true;
            continue;
        }
        previous_tab_row = false;
        if line.is_cell_break() {
            flush(&mut current, &mut out, &mut cell_break);
            cell_break = true;
            blank_before = false;
            continue;
        }
        if !current.is_empty() && joins(&current, &line, blank_before) {
            let hyphen = matches!(current.as_slice(), [.., (_, p), (_, '-')] if p.is_alphabetic())
                && line.chars.first().is_some_and(|(_, c)| c.is_lowercase());
            if hyphen {
                current.pop();
            } else {
                let at = line.chars[0].0;
                current.push((at, ' '));
            }
            current.extend(line.chars);
        } else {
            flush(&mut current, &mut out, &mut cell_break);
            current = line.chars;
        }
        blank_before = false;
    }
    flush(&mut current, &mut out, &mut cell_break);
    out.origin.push(text.len() as u32);
    out
}

/// A line of cells between tabs (a .docx's table row): two tabs or more, or one that does not
/// follow a list's label (Word writes "1.\tText", "-\tText" for a numbered paragraph).
fn is_tab_row(raw: &str) -> bool {
    let mut parts = raw.split('\t');
    let first = parts.next().unwrap_or("").trim();
    match parts.count() {
        0 => false,
        1 => {
            let label_alone =
                super::numbering::Numbering::read(&format!("{first} x")).is_some_and(|n| n.label == first);
            !first.is_empty() && !label_alone
        }
        _ => true,
    }
}

fn joins(previous: &[(usize, char)], line: &Line, blank_before: bool) -> bool {
    let last = previous.last().map_or(' ', |(_, c)| *c);
    if matches!(last, '.' | ':' | ';' | '!' | '?' | '…') || line.star_bullet {
        return false;
    }
    let text = line.text();
    if super::numbering::Numbering::read(&text).is_some() {
        return false;
    }
    let first = line.chars[0].1;
    // "… thuộc" / "04 nhóm lãnh đạo …", "có ít nhất" / "02 đoàn …": a figure going on a
    // sentence left open after a word (a numbered line was told apart above).
    if first.is_ascii_digit() && last.is_lowercase() {
        return true;
    }
    let capitals = |s: &mut dyn Iterator<Item = char>| {
        let letters: Vec<char> = s.filter(|c| c.is_alphabetic()).collect();
        letters.len() > 1 && letters.iter().all(|c| c.is_uppercase())
    };
    // The last line's worth is enough to tell a heading in capitals.
    let tail = &previous[previous.len().saturating_sub(80)..];
    let previous_capitals = capitals(&mut tail.iter().map(|(_, c)| *c));
    if first.is_lowercase() {
        // A heading in capitals ("KẾT LUẬN") is never continued in lower case (the title).
        return !previous_capitals;
    }
    if blank_before {
        return false;
    }
    let line_capitals = capitals(&mut text.chars());
    previous_capitals && line_capitals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(c: &Cleaned) -> Vec<&str> {
        c.paragraphs.iter().map(|(s, e)| &c.text[*s..*e]).collect()
    }

    #[test]
    fn a_pdf_copy_joins_broken_lines_and_keeps_numbered_ones_apart() {
        let pasted = "a) Đến năm 2026\n- Đối với nội dung bồi dưỡng:\n+ Phấn đấu đạt 20% cán bộ, công\nchức, viên chức thuộc 04 nhóm lãnh đạo, quản lý được tham gia bồi dưỡng các nội\ndung chuyên sâu.\nIV. ĐIỀU\nKIỆN, TIÊU CHUẨN\nCán bộ tham gia";
        let c = paragraphs(pasted);
        assert_eq!(
            texts(&c),
            [
                "a) Đến năm 2026",
                "- Đối với nội dung bồi dưỡng:",
                "+ Phấn đấu đạt 20% cán bộ, công chức, viên chức thuộc 04 nhóm lãnh đạo, quản lý được tham gia bồi dưỡng các nội dung chuyên sâu.",
                "IV. ĐIỀU KIỆN, TIÊU CHUẨN",
                "Cán bộ tham gia"
            ]
        );
    }

    #[test]
    fn a_line_starting_with_a_figure_goes_on_a_sentence_left_open_after_a_word() {
        let c = paragraphs(
            "Phấn đấu hằng năm có ít nhất\n02 đoàn cán bộ tham gia.\nTổ chức mở lớp:\n2024, 2025\nTổng số\n2.262",
        );
        assert_eq!(
            texts(&c),
            ["Phấn đấu hằng năm có ít nhất 02 đoàn cán bộ tham gia.", "Tổ chức mở lớp:", "2024, 2025", "Tổng số 2.262"]
        );
    }

    #[test]
    fn hyphenation_and_a_page_break_inside_a_sentence_are_mended() {
        let c = paragraphs("được bồi dư-\nỡng hằng năm để\n\nđề bạt, bổ nhiệm.\n\nMục tiêu");
        assert_eq!(texts(&c), ["được bồi dưỡng hằng năm để đề bạt, bổ nhiệm.", "Mục tiêu"]);
    }

    #[test]
    fn emphasis_goes_star_bullets_stay_and_spans_point_into_the_paste() {
        let pasted = "** Mục tiêu đến năm 2025:*\n- *Các đồng chí Ủy viên:* 50% có";
        let c = paragraphs(pasted);
        assert_eq!(texts(&c), ["* Mục tiêu đến năm 2025:", "- Các đồng chí Ủy viên: 50% có"]);
        let (s, e) = c.paragraphs[1];
        let at = c.text[s..e].find("50%").unwrap() + s;
        let (from, to) = c.source_range(at, at + 3);
        assert_eq!(&pasted[from..to], "50%");
    }

    #[test]
    fn table_cells_between_bars_are_paragraphs() {
        let c = paragraphs("Bảng:\nSở Xây dựng\n|\n02 chỉ tiêu\n|\nSở Giao thông vận tải");
        assert_eq!(texts(&c), ["Bảng:", "Sở Xây dựng", "02 chỉ tiêu", "Sở Giao thông vận tải"]);
        assert_eq!(c.after_cell_break, [false, false, true, true]);
    }

    #[test]
    fn a_docx_row_of_tab_cells_reads_as_the_bar_form() {
        let tabs = "Bảng:\n1\tSở Xây dựng\t\t02 chỉ tiêu\n2\tSở Giao thông vận tải\t01 chỉ tiêu\nHết bảng.";
        let bars =
            "Bảng:\n1\n|\nSở Xây dựng\n|\n02 chỉ tiêu\n|\n2\n|\nSở Giao thông vận tải\n|\n01 chỉ tiêu\nHết bảng.";
        let (from_tabs, from_bars) = (paragraphs(tabs), paragraphs(bars));
        assert_eq!(texts(&from_tabs), texts(&from_bars));
        assert_eq!(from_tabs.after_cell_break, from_bars.after_cell_break);
        assert_eq!(from_tabs.after_cell_break, [false, false, true, true, true, true, true, false]);
        // Spans point into the tab form as pasted.
        let (s, e) = from_tabs.paragraphs[5];
        let (from, to) = from_tabs.source_range(s, e);
        assert_eq!(&tabs[from..to], "Sở Giao thông vận tải");
        // A list's label and its tab stay one paragraph.
        assert_eq!(texts(&paragraphs("II.\tNHIỆM VỤ\n-\tTổ chức lớp.")), ["II. NHIỆM VỤ", "- Tổ chức lớp."]);
    }
}
