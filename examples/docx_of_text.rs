//! Writes a minimal Word document (.docx) holding a text file's lines, one paragraph per line,
//! for the end-to-end test of Đọc văn bản's "Mở tệp Word" (`tests/e2e/read-document.spec.mjs`,
//! which reads a seed document outside the project: nothing is committed). The file is read
//! back by `dtbd_xlsx::docx::text`, the reading worker's own code, before it is kept.
//!
//! `cargo run --example docx_of_text -- IN.txt OUT.docx`
//!
//! Two hostile files for the same test, neither read back (the reader refuses the first and
//! the second is only absurd): `--bomb OUT.docx` (a paragraph repeated to 60 MB of XML, about
//! 60 KB zipped: past the 50 MB budget) and `--table ROWS OUT.docx` (one table of ROWS rows
//! of a roster appendix, STT | Họ và tên | Đơn vị | Lớp).

use std::io::Write;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// `text` escaped for an XML text node.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// word/document.xml with one paragraph per line (an empty line an empty paragraph).
fn document(text: &str) -> String {
    let mut body = String::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            body.push_str("<w:p/>");
        } else {
            body.push_str(&format!("<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", escaped(line)));
        }
    }
    document_of_body(&body)
}

/// A body of `rows` table rows, as an appendix listing cadres sent to classes.
fn table(rows: usize) -> String {
    let cell = |text: &str| format!("<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>", escaped(text));
    let mut body = String::from("<w:tbl>");
    for row in 1..=rows {
        body.push_str("<w:tr>");
        for text in [
            row.to_string(),
            format!("Nguyễn Văn {row}"),
            format!("UBND xã số {}", row % 97),
            "Bồi dưỡng chuyên viên chính".into(),
        ] {
            body.push_str(&cell(&text));
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    body
}

/// `document` around an XML body already written.
fn document_of_body(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    )
}

fn write(output: &str, bytes: &[u8]) {
    if let Some(dir) = std::path::Path::new(output).parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    std::fs::write(output, bytes).unwrap_or_else(|e| panic!("{output}: {e}"));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["--bomb", output] => {
            let one = "<w:p><w:r><w:t>Đào tạo, bồi dưỡng cán bộ. </w:t></w:r></w:p>";
            let body = one.repeat(60_000_000 / one.len() + 1);
            return write(output, &zipped(&document_of_body(&body)));
        }
        ["--table", rows, output] => {
            let rows: usize = rows.parse().unwrap_or_else(|e| panic!("{rows}: {e}"));
            return write(output, &zipped(&document_of_body(&table(rows))));
        }
        _ => {}
    }
    let [input, output] = args.as_slice() else {
        eprintln!("Cách dùng: cargo run --example docx_of_text -- VĂN-BẢN.txt RA.docx | --bomb RA.docx | --table SỐ-DÒNG RA.docx");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(input).unwrap_or_else(|e| panic!("{input}: {e}"));
    let bytes = zipped(&document(&text));
    let read = dtbd_xlsx::docx::text(output, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
    assert_eq!(words(&read), words(&text), "the reading worker reads back the text written");
    write(output, &bytes);
}

/// A .docx holding `document_xml` as its main part.
fn zipped(document_xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, part) in
        [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("word/document.xml", document_xml)]
    {
        zip.start_file(name, options).expect("a part starts");
        zip.write_all(part.as_bytes()).expect("a part is written");
    }
    zip.finish().expect("the archive closes").into_inner()
}
