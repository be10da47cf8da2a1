//! .docx files written here the way Word writes them: a numbering part with roman, decimal,
//! multi-level and letter lists, a bullet list in Word's symbol font, a heading style that
//! numbers its paragraphs, a table of course lines, tracked deletions, entities.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use super::*;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in parts {
        zip.start_file(*name, deflated).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A paragraph in list `num` at level `ilvl` (no list when `num` is None).
fn para(num: Option<(u32, u8)>, text: &str) -> String {
    let numbering = num
        .map(|(id, level)| {
            format!(r#"<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{id}"/></w:numPr></w:pPr>"#)
        })
        .unwrap_or_default();
    // Word splits a paragraph into runs wherever the formatting changes.
    let (head, tail) = text.split_at(text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i));
    format!(
        r#"<w:p>{numbering}<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{head}</w:t></w:r><w:r><w:t>{tail}</w:t></w:r></w:p>"#
    )
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

/// List 1: I. / 1. / a) ; list 2: "-" bullets (symbol font) with "+" below; list 3: 1.1. style
/// multi-level; list 4 restarts list 1's abstract numbering at 1 (Word's "Restart at 1").
const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="+"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"#;

#[test]
fn lists_are_numbered_as_word_shows_them() {
    let body = [
        para(None, "NGHỊ QUYẾT"),
        para(Some((1, 0)), "MỤC TIÊU"),
        para(Some((1, 1)), "Mục tiêu chung"),
        para(Some((1, 1)), "Mục tiêu cụ thể"),
        para(Some((1, 2)), "Đến năm 2025, 100% cán bộ chủ chốt cấp xã có trình độ đại học"),
        para(Some((1, 2)), "Ít nhất 50% có trình độ trung cấp lý luận chính trị"),
        para(Some((2, 0)), "Cấp tỉnh:"),
        para(Some((2, 1)), "Trên 30% có trình độ thạc sĩ"),
        para(Some((1, 0)), "NHIỆM VỤ, GIẢI PHÁP"),
        para(Some((1, 1)), "Nâng cao nhận thức"),
        para(Some((3, 0)), "Đào tạo"),
        para(Some((3, 1)), "Lý luận chính trị"),
        para(Some((3, 1)), "Chuyên môn"),
        para(Some((3, 0)), "Bồi dưỡng"),
        para(Some((3, 1)), "Kiến thức quốc phòng"),
    ]
    .concat();
    let bytes = docx(&[("word/document.xml", &document(&body)), ("word/numbering.xml", NUMBERING)]);
    let text = text("nq-05.docx", &bytes).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "NGHỊ QUYẾT",
            "I.\tMỤC TIÊU",
            "1.\tMục tiêu chung",
            "2.\tMục tiêu cụ thể",
            "a)\tĐến năm 2025, 100% cán bộ chủ chốt cấp xã có trình độ đại học",
            "b)\tÍt nhất 50% có trình độ trung cấp lý luận chính trị",
            "-\tCấp tỉnh:",
            "+\tTrên 30% có trình độ thạc sĩ",
            "II.\tNHIỆM VỤ, GIẢI PHÁP",
            "1.\tNâng cao nhận thức",
            "1.\tĐào tạo",
            "1.1.\tLý luận chính trị",
            "1.2.\tChuyên môn",
            "2.\tBồi dưỡng",
            "2.1.\tKiến thức quốc phòng",
        ]
    );
}

#[test]
fn a_restarted_list_counts_from_its_start_again() {
    let body = [
        para(Some((1, 0)), "Một"),
        para(Some((1, 0)), "Hai"),
        para(Some((4, 0)), "Lại một"),
        para(Some((4, 0)), "Lại hai"),
    ]
    .concat();
    let bytes = docx(&[("word/document.xml", &document(&body)), ("word/numbering.xml", NUMBERING)]);
    let text = text("ke-hoach.docx", &bytes).unwrap();
    assert_eq!(text, "I.\tMột\nII.\tHai\nI.\tLại một\nII.\tLại hai\n");
}

#[test]
fn a_heading_style_numbers_its_paragraphs() {
    let styles = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#;
    let body = r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>QUAN ĐIỂM</w:t></w:r></w:p>
        <w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t>Công tác cán bộ là khâu then chốt.</w:t></w:r></w:p>
        <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>MỤC TIÊU</w:t></w:r></w:p>"#;
    let bytes =
        docx(&[("word/document.xml", &document(body)), ("word/numbering.xml", NUMBERING), ("word/styles.xml", styles)]);
    assert_eq!(
        text("de-an.docx", &bytes).unwrap(),
        "I.\tQUAN ĐIỂM\nCông tác cán bộ là khâu then chốt.\nII.\tMỤC TIÊU\n"
    );
}

#[test]
fn a_table_row_is_its_cells_joined_by_tabs() {
    let cell = |t: &str| format!("<w:tc><w:tcPr/>{}</w:tc>", para(None, t));
    let row = |cells: &[&str]| format!("<w:tr>{}</w:tr>", cells.iter().map(|c| cell(c)).collect::<String>());
    let two_paragraphs = format!("<w:tc>{}{}</w:tc>", para(None, "Bồi dưỡng"), para(None, "đối tượng 4"));
    let two_paragraph_row = format!("<w:tr>{}{two_paragraphs}{}{}</w:tr>", cell("2"), cell("85"), cell("340.500.000"));
    let body = format!(
        "{}<w:tbl><w:tblPr/>{}{}{}</w:tbl>{}",
        para(None, "Biểu 01: Kế hoạch mở lớp năm 2021"),
        row(&["TT", "Tên lớp", "Số lượng (người)", "Kinh phí (đồng)"]),
        row(&["1", "Trung cấp lý luận chính trị - hành chính", "120", "1.250.000.000"]),
        // A cell of two paragraphs (Word's line break inside a cell).
        two_paragraph_row,
        para(None, "Tổng cộng: 1.590.500.000 đồng"),
    );
    let bytes = docx(&[("word/document.xml", &document(&body))]);
    let text = text("ke-hoach-2021.docx", &bytes).unwrap();
    assert_eq!(
        text,
        "Biểu 01: Kế hoạch mở lớp năm 2021\n\
         TT\tTên lớp\tSố lượng (người)\tKinh phí (đồng)\n\
         1\tTrung cấp lý luận chính trị - hành chính\t120\t1.250.000.000\n\
         2\tBồi dưỡng đối tượng 4\t85\t340.500.000\n\
         Tổng cộng: 1.590.500.000 đồng\n"
    );
}

#[test]
fn deleted_revisions_are_left_out_and_entities_read() {
    let body = r#"<w:p><w:r><w:t xml:space="preserve">Đến năm </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>2020</w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t>2025</w:t></w:r></w:ins><w:r><w:t xml:space="preserve">, cán bộ &amp; công chức &lt;45 tuổi &#x1EA1;</w:t></w:r></w:p>"#;
    let bytes = docx(&[("word/document.xml", &document(body))]);
    assert_eq!(text("a.docx", &bytes).unwrap(), "Đến năm 2025, cán bộ & công chức <45 tuổi ạ\n");
}

#[test]
fn what_is_not_a_docx_is_refused_in_vietnamese_naming_the_file() {
    let not_zip = text("nghi-quyet.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old word").unwrap_err();
    assert!(not_zip.contains("nghi-quyet.doc") && not_zip.contains("không phải văn bản .docx"), "{not_zip}");
    let workbook = docx(&[("xl/workbook.xml", "<workbook/>")]);
    let no_body = text("bang.docx", &workbook).unwrap_err();
    assert!(no_body.contains("bang.docx") && no_body.contains("word/document.xml"), "{no_body}");
    let cut = docx(&[("word/document.xml", &document(&para(None, "x")))]);
    let half = text("cat.docx", &cut[..cut.len() / 2]).unwrap_err();
    assert!(half.contains("cat.docx") && half.contains("bị hỏng"), "{half}");
    let broken_xml = docx(&[("word/document.xml", "<w:document><w:body><w:p></w:body>")]);
    let broken = text("hong.docx", &broken_xml).unwrap_err();
    assert!(broken.contains("hong.docx") && broken.contains("document.xml"), "{broken}");
}

#[test]
fn a_zip_bomb_stops_at_the_budget() {
    // 60 MB of one repeated paragraph inflates from about 60 KB.
    let one = para(None, "Đào tạo, bồi dưỡng cán bộ. ");
    let mut body = String::with_capacity(61_000_000);
    while body.len() < 60_000_000 {
        body.push_str(&one);
    }
    let bytes = docx(&[("word/document.xml", &document(&body))]);
    assert!(bytes.len() < 1_000_000, "the bomb is small: {}", bytes.len());
    let started = std::time::Instant::now();
    let refused = text("bom.docx", &bytes).unwrap_err();
    assert!(refused.contains("bom.docx") && refused.contains("50 MB"), "{refused}");
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn a_text_longer_than_a_document_may_be_is_refused() {
    // 3 MB of text in a 3 MB part: under the inflation budget, over the text limit.
    let one = para(None, &"Cán bộ chủ chốt cấp xã có trình độ đại học. ".repeat(20));
    let mut body = String::new();
    while body.len() < 3 * MAX_PASTED_TEXT_BYTES / 2 {
        body.push_str(&one);
    }
    let bytes = docx(&[("word/document.xml", &document(&body))]);
    let refused = text("dai.docx", &bytes).unwrap_err();
    assert!(refused.contains("dai.docx") && refused.contains("2 MB"), "{refused}");
}

#[test]
fn a_table_of_ten_thousand_rows_is_read_within_limits() {
    let row = "<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Lớp bồi dưỡng</w:t></w:r></w:p></w:tc></w:tr>";
    let body = format!("<w:tbl>{}</w:tbl>", row.repeat(10_000));
    let bytes = docx(&[("word/document.xml", &document(&body))]);
    let blocks = read("bang-lon.docx", &bytes).unwrap();
    let [Block::Table { rows }] = blocks.as_slice() else { panic!("{blocks:?}") };
    assert_eq!(rows.len(), 10_000);
}
