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
        ("control character (\\u0000-\\u001F) found while parsing a string", "có ký tự điều khiển trong chuỗi"),
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
