//! Bảng tiêu chuẩn in the directive editor: each table of the directive as the officer reads
//! it (whom each row covers, what it requires, the regulation it cites, which targets use the
//! table), and the choices the forms offer (tables for a criterion, levels for a requirement).

use dtbd_domain::directive::describe::lower_first;
use dtbd_domain::directive::{Directive, Standard, StandardRow};
use dtbd_domain::levels::Scale;

/// One row in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowView {
    /// Áp dụng cho: "công chức; cấp xã; chức danh bắt đầu bằng “Chủ tịch UBND”".
    pub covers: String,
    /// Yêu cầu: "Trình độ chuyên môn: Đại học trở lên; Lý luận chính trị: Trung cấp trở lên".
    pub requires: String,
    /// Căn cứ: "Điều 3, khoản 1 Quy định số 01-QĐ/TU".
    pub citation: String,
    /// Ghi chú.
    pub note: String,
}

/// One table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableView {
    /// Mã.
    pub id: String,
    /// Tên bảng.
    pub name: String,
    /// How targets say it: "đạt chuẩn theo tiêu chuẩn chức danh".
    pub phrase: String,
    /// The rows.
    pub rows: Vec<RowView>,
    /// "Dùng bởi chỉ tiêu “…”", or "Chưa chỉ tiêu nào dùng bảng này".
    pub users: String,
}

/// Every table of `d`, in order.
pub fn tables(d: &Directive) -> Vec<TableView> {
    d.standards.iter().map(|t| table(d, t)).collect()
}

fn table(d: &Directive, t: &Standard) -> TableView {
    let users = d.standard_users(&t.id);
    TableView {
        id: t.id.clone(),
        name: t.name.clone(),
        phrase: format!("đạt chuẩn theo {}", t.wording()),
        rows: t.rows.iter().map(row).collect(),
        users: if users.is_empty() {
            "Chưa chỉ tiêu nào dùng bảng này.".into()
        } else {
            format!("Dùng bởi {}.", users.join(", "))
        },
    }
}

fn row(r: &StandardRow) -> RowView {
    let mut covers: Vec<String> = Vec::new();
    if !r.categories.is_empty() {
        covers.push(r.categories.iter().map(|c| lower_first(c.label())).collect::<Vec<_>>().join(", "));
    }
    if !r.levels.is_empty() {
        covers.push(r.levels.iter().map(|l| lower_first(l.label())).collect::<Vec<_>>().join(", "));
    }
    if let Some(p) = &r.position {
        let names: Vec<String> = p.any_of.iter().map(|w| format!("“{}”", w.trim())).collect();
        covers.push(format!("chức danh {} {}", p.how.label(), names.join(" hoặc ")));
    }
    if !r.grades.is_empty() {
        covers.push(format!("ngạch {}", r.grades.iter().map(|g| g.label()).collect::<Vec<_>>().join(", ")));
    }
    RowView {
        covers: if covers.is_empty() { "Mọi người trong phạm vi văn bản".into() } else { covers.join("; ") },
        requires: r.requires.iter().map(|q| format!("{} trở lên", q.label())).collect::<Vec<_>>().join("; "),
        citation: r.citation.text(),
        note: r.note.clone(),
    }
}

/// The tables a criterion row can name: "(chọn bảng)" first, then (id, name).
pub fn table_choices(d: &Directive) -> Vec<(String, String)> {
    std::iter::once((String::new(), "(chọn bảng tiêu chuẩn)".to_string()))
        .chain(d.standards.iter().map(|t| (t.id.clone(), t.name.clone())))
        .collect()
}

/// The levels a requirement on `scale` can ask: "(không yêu cầu)" first, then every level
/// above "chưa" (a requirement of nothing is no requirement).
pub fn requirement_choices(scale: Scale) -> Vec<(String, String)> {
    std::iter::once((String::new(), "(không yêu cầu)".to_string()))
        .chain(scale.levels().into_iter().skip(1).map(|(code, label)| (code.to_string(), label.to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dtbd_domain::directive::{Citation, GroupRule, Requirement, TextMatch};
    use dtbd_domain::model::{Category, CivilGrade, GovLevel};

    fn directive() -> Directive {
        let mut d = Directive::blank("d".into(), dtbd_domain::directive::DirectiveKind::Resolution);
        d.standards.push(Standard {
            id: "bt1".into(),
            name: "Tiêu chuẩn chức danh (thử)".into(),
            wording: "tiêu chuẩn chức danh".into(),
            rows: vec![
                StandardRow {
                    levels: vec![GovLevel::Commune],
                    position: Some(TextMatch::starts_with(&["Chủ tịch UBND", "Bí thư Đảng ủy"])),
                    requires: vec![
                        Requirement { scale: Scale::Professional, level: "dai_hoc".into() },
                        Requirement { scale: Scale::Political, level: "trung_cap".into() },
                    ],
                    citation: Citation { document: "Quy định số 01 (thử)".into(), article: "Điều 3".into() },
                    ..Default::default()
                },
                StandardRow {
                    categories: vec![Category::CivilServant],
                    grades: vec![CivilGrade::Specialist],
                    requires: vec![Requirement { scale: Scale::StateManagement, level: "chuyen_vien".into() }],
                    citation: Citation { document: "Quy định số 02 (thử)".into(), article: String::new() },
                    ..Default::default()
                },
                StandardRow {
                    requires: vec![Requirement { scale: Scale::InformationTechnology, level: "co_ban".into() }],
                    citation: Citation { document: "Quy định số 03 (thử)".into(), article: String::new() },
                    ..Default::default()
                },
            ],
        });
        d
    }

    #[test]
    fn rows_read_as_whom_they_cover_what_they_require_and_where_it_is_written() {
        let t = &tables(&directive())[0];
        assert_eq!(t.phrase, "đạt chuẩn theo tiêu chuẩn chức danh");
        assert_eq!(t.rows[0].covers, "cấp xã; chức danh bắt đầu bằng “Chủ tịch UBND” hoặc “Bí thư Đảng ủy”");
        assert_eq!(t.rows[0].requires, "Trình độ chuyên môn: Đại học trở lên; Lý luận chính trị: Trung cấp trở lên");
        assert_eq!(t.rows[0].citation, "Điều 3 Quy định số 01 (thử)");
        assert_eq!(t.rows[1].covers, "công chức; ngạch Chuyên viên");
        assert_eq!(t.rows[1].citation, "Quy định số 02 (thử)");
        assert_eq!(t.rows[2].covers, "Mọi người trong phạm vi văn bản");
        assert_eq!(t.users, "Chưa chỉ tiêu nào dùng bảng này.");
    }

    #[test]
    fn a_table_says_who_uses_it() {
        let mut d = directive();
        d.groups[0].rule = GroupRule::Meets {
            criterion: Box::new(dtbd_domain::directive::Criterion::Standard {
                standard: "bt1".into(),
                above: false,
                scales: Vec::new(),
                count_studying: false,
                planned: false,
            }),
        };
        assert_eq!(tables(&d)[0].users, "Dùng bởi nhóm “Toàn bộ cán bộ, công chức, viên chức”.");
    }

    #[test]
    fn choices_offer_the_tables_and_no_empty_requirement() {
        let d = directive();
        assert_eq!(table_choices(&d)[1], ("bt1".to_string(), "Tiêu chuẩn chức danh (thử)".to_string()));
        let levels = requirement_choices(Scale::Political);
        assert_eq!(levels[0].0, "");
        assert!(levels.iter().all(|(code, _)| code != "chua"));
        assert_eq!(levels[1], ("so_cap".to_string(), "Sơ cấp".to_string()));
    }
}
