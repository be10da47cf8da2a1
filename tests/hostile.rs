//! Hostile text (HTML, script, right-to-left override, formulas, 10.000 characters) through
//! the exports: the CSV keeps it as data, one field per cell, formulas neutralised; the
//! snapshot JSON gives it back byte for byte.

use dtbd::domain::model::Cadre;
use dtbd::domain::table::{neutralise, Cell, Table};

const HOSTILE: [&str; 6] = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(\"x\")</script>",
    "\u{202E}gnp.exe",
    "=HYPERLINK(\"http://x.invalid\",\"bấm\")",
    "dòng một\r\ndòng hai, có dấu phẩy; chấm phẩy",
    "-2+3",
];

/// Splits one CSV line by the RFC 4180 rules (quotes doubled inside quoted fields).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![vec![String::new()]];
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        let row = rows.last_mut().unwrap();
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                row.last_mut().unwrap().push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => row.last_mut().unwrap().push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(String::new()),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                rows.push(vec![String::new()]);
            }
            (false, c) => row.last_mut().unwrap().push(c),
        }
    }
    if rows.last().is_some_and(|r| r.len() == 1 && r[0].is_empty()) {
        rows.pop();
    }
    rows
}

#[test]
fn csv_keeps_hostile_text_as_data_in_its_own_cell() {
    let long = "Ạ".repeat(10_000);
    let mut rows: Vec<Vec<Cell>> = HOSTILE.iter().map(|s| vec![Cell::text(*s), Cell::Int(1)]).collect();
    rows.push(vec![Cell::text(long.clone()), Cell::Int(2)]);
    let t = Table { title: "Danh sách".into(), header: vec!["Họ và tên".into(), "Số".into()], rows };
    let csv = t.to_csv();
    let parsed = parse_csv(csv.trim_start_matches('\u{feff}'));
    assert_eq!(parsed.len(), 1 + HOSTILE.len() + 1, "one line per row, whatever the text holds");
    for (row, s) in parsed[1..].iter().zip(HOSTILE) {
        assert_eq!(row.len(), 2, "{s:?} stays in one cell");
        assert_eq!(row[0], neutralise(s));
        assert_eq!(row[1], "1");
    }
    assert_eq!(parsed[4][0], "'=HYPERLINK(\"http://x.invalid\",\"bấm\")", "a formula is text");
    assert_eq!(parsed[6][0], "'-2+3");
    assert_eq!(parsed[1][0], "<img src=x onerror=alert(1)>", "HTML is not escaped into entities: a CSV is not HTML");
    assert_eq!(parsed[7][0].chars().count(), 10_000);
}

#[test]
fn snapshot_json_gives_hostile_text_back_byte_for_byte() {
    for s in HOSTILE {
        let mut c = Cadre::blank("a".into(), "u".into());
        c.full_name = s.into();
        c.note = format!("{s}\u{0}\u{2028}");
        let json = serde_json::to_string(&c).unwrap();
        assert!(!json.contains('\u{0}'), "control characters are escaped in JSON");
        let back: Cadre = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
    }
}
