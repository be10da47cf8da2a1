//! Errors the user reads: [`FieldError`] (which field, what is wrong, in Vietnamese), the one
//! shape every validation in the domain returns, and serde's messages put into Vietnamese for a
//! file that does not read.

use serde::{Deserialize, Serialize};

/// One problem with a form or a record: which field, and what is wrong, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's key or path (`full_name`, `positions.1.title`,
    /// `sections[1].items[0].targets[2]`, or where a file stopped reading: "dòng 3, cột 7").
    pub field: String,
    /// Message for the user, naming the field as the form labels it.
    pub message: String,
}

impl FieldError {
    /// An error on `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }

    /// "Ghi chú: dài quá 2000 ký tự." when `value` has more than `max` characters (a long
    /// text is refused, never cut), naming the field by its `label`.
    pub fn too_long(field: &str, label: &str, value: &str, max: usize) -> Option<Self> {
        (value.chars().count() > max).then(|| Self::new(field, format!("{label}: dài quá {max} ký tự.")))
    }

    /// The same error with `prefix` before its field path (`plans[2]` + `title` →
    /// `plans[2].title`).
    pub fn under(self, prefix: &str) -> Self {
        Self { field: format!("{prefix}.{}", self.field), ..self }
    }

    /// A JSON file that does not read, as `what` ("Tệp văn bản không đọc được"): the field is
    /// where reading stopped, the message says it once and why: "Tệp văn bản không đọc được
    /// (dòng 1, cột 9): cần giá trị".
    pub fn json(what: &str, e: &serde_json::Error) -> Self {
        let at = format!("dòng {}, cột {}", e.line(), e.column());
        let message = format!("{what} ({at}): {}", translate_serde(&e.to_string()));
        Self { field: at, message }
    }
}

/// Keys of a file that reading would drop without a word: every key of `input` that
/// `read_back` (what was read, written again) does not have, as its path
/// (`sections[1].items[0].targets[2].critera`), except the keys `allowed` at the top (such as
/// `$schema`) and keys whose value is empty (`null`, `""`, `0`, `false`, `[]`, `{}`: a
/// default, which writing leaves out). A mistyped field would otherwise mean nothing.
///
/// Checked on the files that come in (templates, plan files, snapshots), not on the app's own
/// stored records: a record written by a newer version of the app, in another tab, must still
/// read in this one.
pub fn unknown_keys(input: &serde_json::Value, read_back: &serde_json::Value, allowed: &[&str]) -> Vec<String> {
    fn empty(v: &serde_json::Value) -> bool {
        use serde_json::Value::*;
        match v {
            Null => true,
            Bool(b) => !b,
            Number(n) => n.as_f64() == Some(0.0),
            String(s) => s.is_empty(),
            Array(a) => a.is_empty(),
            Object(o) => o.is_empty(),
        }
    }
    fn walk(path: &str, input: &serde_json::Value, back: &serde_json::Value, allowed: &[&str], out: &mut Vec<String>) {
        use serde_json::Value::*;
        match (input, back) {
            (Object(a), Object(b)) => {
                for (k, v) in a {
                    let here = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    match b.get(k) {
                        Some(w) => walk(&here, v, w, &[], out),
                        None if empty(v) || allowed.contains(&k.as_str()) => {}
                        None => out.push(here),
                    }
                }
            }
            (Array(a), Array(b)) => {
                for (i, (v, w)) in a.iter().zip(b).enumerate() {
                    walk(&format!("{path}[{i}]"), v, w, &[], out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("", input, read_back, allowed, &mut out);
    out
}

/// Of the keys [`unknown_keys`] found, those `T` really does not read. A field written only
/// when it differs from a default that is not empty (`"combine": "any"`) is absent from what
/// is written back too; such a key is known when a value of the wrong type there makes `T`
/// fail to read (an unknown key is never read, so it never fails). Tried once per field
/// (indices aside).
pub fn confirm_unknown<T: serde::de::DeserializeOwned>(
    input: &serde_json::Value,
    candidates: Vec<String>,
) -> Vec<String> {
    use std::collections::HashMap;
    fn pattern(path: &str) -> String {
        let mut out = String::new();
        let mut in_index = false;
        for ch in path.chars() {
            match ch {
                '[' => {
                    in_index = true;
                    out.push_str("[]");
                }
                ']' => in_index = false,
                _ if in_index => {}
                _ => out.push(ch),
            }
        }
        out
    }
    fn slot<'a>(v: &'a mut serde_json::Value, path: &str) -> Option<&'a mut serde_json::Value> {
        let mut here = v;
        for part in path.split('.') {
            let (name, indices) = part.split_once('[').map_or((part, ""), |(n, rest)| (n, rest));
            here = here.get_mut(name)?;
            for index in indices.split('[').filter(|s| !s.is_empty()) {
                here = here.get_mut(index.trim_end_matches(']').parse::<usize>().ok()?)?;
            }
        }
        Some(here)
    }
    let mut known: HashMap<String, bool> = HashMap::new();
    candidates
        .into_iter()
        .filter(|path| {
            let unknown = *known.entry(pattern(path)).or_insert_with(|| {
                let mut probe = input.clone();
                match slot(&mut probe, path) {
                    Some(v) => *v = serde_json::json!([[[[[]]]]]),
                    None => return true,
                }
                // Through text, not `T::deserialize(&Value)`: the reader from text is linked
                // anyway, and a second reader of every type from a `Value` cost a page 15-30 KB.
                serde_json::from_str::<T>(&probe.to_string()).is_ok()
            });
            unknown
        })
        .collect()
}

/// "Tệp văn bản: trường “critera” (tại sections[1].items[0].targets[2]) không có trong định
/// dạng …": one error per key of [`unknown_keys`], on that key's path.
pub fn unknown_key_errors(what: &str, paths: &[String]) -> Vec<FieldError> {
    paths
        .iter()
        .map(|path| {
            let (parent, key) = match path.rfind('.') {
                Some(i) => (&path[..i], &path[i + 1..]),
                None => ("", path.as_str()),
            };
            let at = if parent.is_empty() { "ở đầu tệp".to_string() } else { format!("tại {parent}") };
            FieldError::new(
                path.clone(),
                format!(
                    "{what}: trường “{key}” ({at}) không có trong định dạng, có thể gõ nhầm tên; tệp không được nhập."
                ),
            )
        })
        .collect()
}

/// Reads `json` into a `T`, refusing a file that does not read ([`FieldError::json`], as
/// `what`) or that holds a key `T` does not have ([`unknown_keys`]; `allowed` at the top).
pub fn read_json_strict<T: serde::de::DeserializeOwned + Serialize>(
    what: &str,
    json: &str,
    allowed: &[&str],
) -> Result<T, Vec<FieldError>> {
    let value: T = serde_json::from_str(json).map_err(|e| {
        // Where in the document, as a path, beside the line and column.
        let mut f = FieldError::json(what, &e);
        let path = path_at(json, e.line(), e.column());
        if !path.is_empty() {
            f.message = f.message.replacen("): ", &format!(", tại {path}): "), 1);
            f.field = path;
        }
        vec![f]
    })?;
    let input: serde_json::Value = serde_json::from_str(json).map_err(|e| vec![FieldError::json(what, &e)])?;
    // Written as text and read back as a tree (not `serde_json::to_value`): the writer to text
    // is linked anyway (the store writes records so), a writer into a `Value` would be a second.
    let back: serde_json::Value = serde_json::to_string(&value)
        .and_then(|text| serde_json::from_str(&text))
        .map_err(|e| vec![FieldError::new("", translate_serde(&e.to_string()))])?;
    let unknown = confirm_unknown::<T>(&input, unknown_keys(&input, &back, allowed));
    if unknown.is_empty() {
        Ok(value)
    } else {
        Err(unknown_key_errors(what, &unknown))
    }
}

/// Where in the document the text position (`line`, `column`, 1-based, as serde_json gives
/// them) falls: the path of keys and indices open there (`sections[1].items[0].targets[2].
/// measure`), empty at the top.
pub fn path_at(json: &str, line: usize, column: usize) -> String {
    enum Frame {
        Object { key: Option<String>, expect_key: bool },
        Array { index: usize },
    }
    let offset = json.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>() + column;
    let mut stack: Vec<Frame> = Vec::new();
    let mut chars = json.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        if i >= offset {
            break;
        }
        match ch {
            '"' => {
                let mut text = String::new();
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => text.push(c),
                    }
                }
                if let Some(Frame::Object { key, expect_key: expect @ true }) = stack.last_mut() {
                    *key = Some(text);
                    *expect = false;
                }
            }
            '{' => stack.push(Frame::Object { key: None, expect_key: true }),
            '[' => stack.push(Frame::Array { index: 0 }),
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Object { key, expect_key }) => {
                    *key = None;
                    *expect_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// The message about exactly `field`, if any: what a form shows beside that input.
pub fn message_for(errors: &[FieldError], field: &str) -> Option<String> {
    errors.iter().find(|e| e.field == field).map(|e| e.message.clone())
}

/// Every message about `prefix` or a field inside it (`criteria.1` covers `criteria.1.level`,
/// never `criteria.10`), joined: what a form shows under a row of inputs.
pub fn messages_under(errors: &[FieldError], prefix: &str) -> String {
    errors
        .iter()
        .filter(|e| e.field.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('.')))
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Puts serde's messages into Vietnamese, keeping the detail.
pub fn translate_serde(msg: &str) -> String {
    // Drop serde_json's own " at line L column C": the caller says where.
    let msg = match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    let mut m = msg.to_string();
    for (en, vi) in [
        // serde_json's syntax errors first: their words would be half-translated below.
        ("control character (\\u0000-\\u001F) found while parsing a string", "có ký tự điều khiển trong chuỗi"),
        ("invalid unicode code point", "mã Unicode không hợp lệ"),
        ("lone leading surrogate in hex escape", "mã \\u thiếu nửa sau"),
        ("unexpected end of hex escape", "mã \\u bị cắt ngắn"),
        ("invalid escape", "ký tự sau dấu \\ không hợp lệ"),
        ("invalid number", "số viết sai"),
        ("expected ident", "cần true, false hoặc null"),
        ("float key must be finite (got NaN or +/-inf)", "khóa số phải là số hữu hạn"),
        ("expected key to be a number in quotes", "cần khóa là số trong ngoặc kép"),
        ("missing field", "thiếu trường"),
        ("unknown variant", "giá trị không hợp lệ"),
        ("expected one of", "cần một trong"),
        ("unknown field", "trường không xác định"),
        ("invalid type", "sai kiểu"),
        ("invalid value", "giá trị không hợp lệ"),
        ("invalid length", "độ dài không hợp lệ"),
        ("duplicate field", "trường lặp lại"),
        ("expected", "cần"),
        ("integer", "số nguyên"),
        ("floating point", "số thực"),
        ("a string", "một chuỗi"),
        ("string", "chuỗi"),
        ("a sequence", "một danh sách"),
        ("sequence", "danh sách"),
        ("a boolean", "đúng/sai"),
        ("boolean", "đúng/sai"),
        ("struct", "đối tượng"),
        ("map", "đối tượng"),
        ("null", "rỗng (null)"),
        ("EOF while parsing", "tệp kết thúc đột ngột khi đọc"),
        ("key must be a string", "tên trường phải là chuỗi"),
        ("trailing characters", "có ký tự thừa sau dữ liệu"),
        ("trailing comma", "có dấu phẩy thừa"),
        ("an object", "một đối tượng"),
        ("a list", "một danh sách"),
        ("a value", "một giá trị"),
        ("value", "giá trị"),
        ("number out of range", "số vượt quá giới hạn"),
        ("recursion limit exceeded", "dữ liệu lồng nhau quá sâu"),
    ] {
        m = m.replace(en, vi);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_gathers_its_own_fields_and_no_other_rows() {
        let errors = vec![
            FieldError::new("criteria.1", "Thiếu tiêu chuẩn."),
            FieldError::new("criteria.1.level", "Chọn trình độ."),
            FieldError::new("criteria.10.level", "Hàng mười."),
            FieldError::new("criteria.2", "Hàng hai."),
        ];
        assert_eq!(messages_under(&errors, "criteria.1"), "Thiếu tiêu chuẩn. Chọn trình độ.");
        assert_eq!(messages_under(&errors, "criteria.3"), "");
        assert_eq!(message_for(&errors, "criteria.2").as_deref(), Some("Hàng hai."));
        assert_eq!(message_for(&errors, "criteria"), None);
    }

    fn json_error(json: &str) -> serde_json::Error {
        serde_json::from_str::<std::collections::BTreeMap<String, u8>>(json).unwrap_err()
    }

    /// Every syntax error serde_json can give, from inputs that raise each one: none may keep
    /// an English word on screen (the fuzzing found "invalid unicode code point").
    #[test]
    fn every_serde_json_syntax_error_reads_in_vietnamese() {
        let inputs = [
            r#"{"a": "\uD800x"}"#,
            r#"{"a": "\uDFFF"}"#,
            r#"{"a": "\q"}"#,
            r#"{"a": "\u12"}"#,
            r#"{"a": 1.}"#,
            r#"{"a": -}"#,
            r#"{"a": tru}"#,
            r#"{"a": 1e999999}"#,
            "{\"a\": \"x\u{1}\"}",
            r#"{"a": [1,]}"#,
            r#"{"a" 1}"#,
            r#"{"a": 1 "b"}"#,
            r#"[1 2]"#,
            r#"{1: 2}"#,
            r#"{"a": 1} x"#,
            r#"{"a": "#,
            r#"{"a": ["#,
        ];
        let english = ["invalid", "expected", "unexpected", "error", "escape", "surrogate", "parsing", "while"];
        for input in inputs {
            let raw = serde_json::from_str::<serde_json::Value>(input).unwrap_err().to_string();
            let shown = translate_serde(&raw);
            assert!(
                !english.iter().any(|word| shown.to_lowercase().contains(word)),
                "{input}: «{raw}» became «{shown}»"
            );
        }
    }

    #[test]
    fn serde_messages_in_vietnamese_with_the_position_once() {
        let e = json_error("{\"a\": \"x\"}");
        assert_eq!(e.to_string(), "invalid type: string \"x\", expected u8 at line 1 column 9");
        assert_eq!(translate_serde(&e.to_string()), "sai kiểu: chuỗi \"x\", cần u8");
        let f = FieldError::json("Tệp không đọc được", &e);
        assert_eq!(f.field, "dòng 1, cột 9");
        assert_eq!(f.message, "Tệp không đọc được (dòng 1, cột 9): sai kiểu: chuỗi \"x\", cần u8");
        assert_eq!(f.message.matches("dòng").count(), 1, "the position is said once");
        assert!(!f.message.contains("line") && !f.message.contains("column"));
        let eof = FieldError::json("Tệp không đọc được", &json_error("{\"a\": 1"));
        assert_eq!(eof.message, "Tệp không đọc được (dòng 1, cột 7): tệp kết thúc đột ngột khi đọc một đối tượng");
        assert_eq!(translate_serde("missing field `id`"), "thiếu trường `id`");
        assert_eq!(
            translate_serde("unknown variant `x`, expected one of `a`, `b`"),
            "giá trị không hợp lệ `x`, cần một trong `a`, `b`"
        );
    }

    #[test]
    fn keys_reading_would_drop_are_found_with_their_path() {
        let input = serde_json::json!({
            "$schema": "x", "id": "a", "note": "", "extra": 0,
            "items": [{"id": "i", "targets": [{"id": "t", "critera": [1]}]}],
        });
        let back = serde_json::json!({"id": "a", "items": [{"id": "i", "targets": [{"id": "t"}]}]});
        assert_eq!(unknown_keys(&input, &back, &["$schema"]), vec!["items[0].targets[0].critera"]);
        assert_eq!(unknown_keys(&input, &back, &[]), vec!["$schema", "items[0].targets[0].critera"]);
        let e = unknown_key_errors("Tệp văn bản không đọc được", &["items[0].targets[0].critera".to_string()]);
        assert_eq!(e[0].field, "items[0].targets[0].critera");
        assert_eq!(
            e[0].message,
            "Tệp văn bản không đọc được: trường “critera” (tại items[0].targets[0]) không có trong định dạng, có thể gõ nhầm tên; tệp không được nhập."
        );
        assert!(unknown_key_errors("X", &["tilte".to_string()])[0].message.contains("(ở đầu tệp)"));
    }

    #[test]
    fn a_position_in_the_text_is_a_path_in_the_document() {
        let json = "{\"id\": \"d\", \"sections\": [{\"id\": \"a\"}, {\"id\": \"b\", \"items\": [\n  {\"id\": \"i\", \"targets\": [{\"years\": \"x, \\\"y\\\"\"";
        let line2 = json.lines().nth(1).unwrap();
        assert_eq!(path_at(json, 2, line2.len()), "sections[1].items[0].targets[0].years");
        assert_eq!(path_at(json, 1, 10), "id");
        assert_eq!(path_at(json, 1, 12), "", "after the comma, before the next key");
        assert_eq!(path_at("[1, 2, {\"a\": [3", 1, 15), "[2].a[0]");
        #[derive(Serialize, Deserialize)]
        struct Rule {
            years: u16,
        }
        #[derive(Serialize, Deserialize)]
        struct Group {
            id: String,
            rule: Rule,
        }
        let e = read_json_strict::<Vec<Group>>(
            "Tệp văn bản không đọc được",
            "[{\"id\": \"g\", \"rule\": {\"years\": \"bốn lăm\"}}]",
            &[],
        )
        .err()
        .unwrap();
        assert_eq!(e[0].field, "[0].rule.years");
        assert!(e[0].message.starts_with("Tệp văn bản không đọc được (dòng 1, cột "), "{}", e[0].message);
        assert!(e[0].message.contains(", tại [0].rule.years): sai kiểu: chuỗi \"bốn lăm\""), "{}", e[0].message);
    }

    #[test]
    fn a_field_left_out_at_its_default_is_not_unknown() {
        #[derive(Serialize, Deserialize)]
        struct Counting {
            #[serde(default = "any", skip_serializing_if = "is_any")]
            combine: String,
        }
        fn any() -> String {
            "any".into()
        }
        fn is_any(s: &str) -> bool {
            s == "any"
        }
        #[derive(Serialize, Deserialize)]
        struct Target {
            id: String,
            counting: Vec<Counting>,
        }
        let json = r#"{"id": "t", "counting": [{"combine": "any"}, {"combine": "all", "combne": "all"}]}"#;
        let e = read_json_strict::<Target>("Tệp", json, &[]).err().unwrap();
        assert_eq!(e.iter().map(|x| x.field.as_str()).collect::<Vec<_>>(), vec!["counting[1].combne"]);
        assert!(read_json_strict::<Target>("Tệp", r#"{"id": "t", "counting": [{"combine": "any"}]}"#, &[]).is_ok());
    }

    #[test]
    fn field_errors_nest_and_display_their_message() {
        let e = FieldError::new("title", "Tên: không được để trống.").under("plans[2]");
        assert_eq!(e, FieldError { field: "plans[2].title".into(), message: "Tên: không được để trống.".into() });
        assert_eq!(e.to_string(), "Tên: không được để trống.");
        assert_eq!(FieldError::too_long("note", "Ghi chú", &"a".repeat(5), 5), None);
        assert_eq!(
            FieldError::too_long("note", "Ghi chú", &"ă".repeat(6), 5),
            Some(FieldError::new("note", "Ghi chú: dài quá 5 ký tự."))
        );
    }
}
