//! Bảng báo cáo: every report as a [`Table`] — the thực trạng of groups, seed 004's Tables 1-6
//! (dispatches per year, degree, age bands, young leaders by degree, field of study) — so the
//! pages, CSV and XLSX all show the same cells.

use super::directive::group::Evaluator;
use super::directive::{Bits, Directive, RosterIndex};
use super::levels::Professional;
use super::model::Cadre;
use super::report::{cross_tab, Bands, CrossTab, Part, StatusReport};
use super::table::{Cell, Table};
use super::text::{fold, slug};
use super::training::{CountUnit, DispatchTable, TrainingKind, TrainingRecords};

/// A share in percent, rounded half up to `decimals` digits (62,11 for 1.405 of 2.262).
pub fn share(count: u32, total: u32, decimals: u8) -> Cell {
    match crate::number::percent_scaled(count, total, decimals) {
        Some(units) => Cell::Percent { value: units as f64 / 10f64.powi(i32::from(decimals)), decimals },
        None => Cell::Empty,
    }
}

fn int(n: u32) -> Cell {
    Cell::Int(i64::from(n))
}

/// A sum of counts (u64, never wrapped): it fits an i64 (it would take 2^31 u32 figures not to).
fn total(n: u64) -> Cell {
    Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The members of each group (unknown ids skipped) and everyone in any of them, once.
fn members<'a>(
    d: &Directive,
    idx: &'a RosterIndex,
    group_ids: &[String],
    year: u16,
) -> (Vec<(String, Vec<&'a Cadre>)>, Vec<&'a Cadre>) {
    let mut ev = Evaluator::for_directive(idx, d, year);
    let mut everyone = Bits::empty(idx.roster.cadres.len());
    let mut out = Vec::new();
    for id in group_ids {
        let Some(g) = d.group(id) else { continue };
        let bits = ev.group(id);
        everyone.or_with(&bits);
        out.push((g.name.clone(), bits.iter().map(|i| &idx.roster.cadres[i]).collect()));
    }
    let all = everyone.iter().map(|i| &idx.roster.cadres[i]).collect();
    (out, all)
}

/// Thực trạng of several groups as one table: group, criterion, item, count, share.
pub fn status_table(reports: &[StatusReport], year: u16) -> Table {
    let mut rows = Vec::new();
    for r in reports {
        rows.push(vec![Cell::text(&r.group_name), Cell::text("Tổng số"), Cell::Empty, int(r.total), Cell::Empty]);
        let mut add = |criterion: &str, parts: &[Part]| {
            for p in parts {
                rows.push(vec![
                    Cell::text(&r.group_name),
                    Cell::text(criterion),
                    Cell::text(&p.label),
                    int(p.count),
                    Cell::Percent { value: f64::from(p.tenths) / 10.0, decimals: 1 },
                ]);
            }
        };
        add("Cơ cấu", &[r.locals.clone(), r.women.clone(), r.young.clone()]);
        add("Trình độ chuyên môn", &r.professional);
        add("Lý luận chính trị", &r.political);
        add("Quản lý nhà nước", &r.state_management);
    }
    Table {
        title: format!("Thực trạng đội ngũ cán bộ năm {year}"),
        header: ["Nhóm", "Tiêu chí", "Nội dung", "Số lượng", "Tỷ lệ"].map(String::from).to_vec(),
        rows,
    }
}

/// A [`CrossTab`] as a table: the TỔNG row, its shares (two decimals), then one row per group.
pub fn cross_table(title: &str, t: &CrossTab) -> Table {
    let mut header = vec!["STT".to_string(), "Chức danh, chức vụ".to_string()];
    header.extend(t.columns.iter().cloned());
    header.push("Tổng".into());
    let row = |stt: Cell, r: &super::report::CrossRow| {
        let mut v = vec![stt, Cell::text(&r.label)];
        v.extend(r.counts.iter().map(|n| int(*n)));
        v.push(int(r.total));
        v
    };
    let mut rows = vec![row(Cell::Empty, &t.total)];
    let mut shares = vec![Cell::Empty, Cell::text("Tỷ lệ")];
    shares.extend(t.total.counts.iter().map(|n| share(*n, t.total.total, 2)));
    shares.push(share(t.total.total, t.total.total, 0));
    rows.push(shares);
    rows.extend(t.rows.iter().enumerate().map(|(i, r)| row(int(i as u32 + 1), r)));
    Table { title: title.to_string(), header, rows }
}

/// Seed 004's degree columns: tiến sĩ and equivalent, thạc sĩ and equivalent, đại học, below.
const DEGREES: [(&str, Professional); 3] = [
    ("Đại học", Professional::Bachelor),
    ("Thạc sĩ, BS CKI", Professional::Master),
    ("Tiến sĩ, BS CKII", Professional::Doctor),
];

fn degree_of(c: &Cadre) -> Option<usize> {
    DEGREES.iter().position(|(_, l)| *l == c.professional.level)
}

/// Bảng 3. Thống kê trình độ chuyên môn of leader groups: count per degree and shares (two
/// decimals), one row per group, then TỔNG (each person once). People below đại học fall in a
/// "Dưới đại học" column shown only when someone is in it.
pub fn degree_table(d: &Directive, idx: &RosterIndex, group_ids: &[String], year: u16) -> Table {
    let (groups, all) = members(d, idx, group_ids, year);
    let count = |people: &[&Cadre]| {
        let mut v = [0u32; 4];
        for c in people {
            v[degree_of(c).unwrap_or(3)] += 1;
        }
        v
    };
    let below = count(&all)[3] > 0;
    let mut header = vec!["Đối tượng".to_string(), "Số lượng".to_string()];
    header.extend(DEGREES.iter().map(|(n, _)| n.to_string()));
    if below {
        header.push("Dưới đại học".into());
    }
    header.extend(DEGREES.iter().map(|(n, _)| format!("Tỷ lệ {n}")));
    let row = |label: &str, people: &[&Cadre]| {
        let v = count(people);
        let total = people.len() as u32;
        let mut r = vec![Cell::text(label), int(total), int(v[0]), int(v[1]), int(v[2])];
        if below {
            r.push(int(v[3]));
        }
        r.extend((0..3).map(|i| share(v[i], total, 2)));
        r
    };
    let mut rows: Vec<Vec<Cell>> = groups.iter().map(|(name, people)| row(name, people)).collect();
    rows.push(row("TỔNG", &all));
    Table {
        title: "Bảng 3. Thống kê trình độ chuyên môn của cán bộ, công chức, viên chức lãnh đạo, quản lý".into(),
        header,
        rows,
    }
}

/// Bảng 5. Tỷ lệ lãnh đạo, quản lý trẻ (under `under` years in `year`) by degree, as shares of
/// all the young ones (whole percent, as seed 004 writes them).
pub fn young_by_degree_table(d: &Directive, idx: &RosterIndex, group_ids: &[String], year: u16, under: u16) -> Table {
    let (_, all) = members(d, idx, group_ids, year);
    let young: Vec<&Cadre> = all.into_iter().filter(|c| c.age_in(year) < i32::from(under)).collect();
    let total = young.len() as u32;
    let mut rows = Vec::new();
    for (name, level) in DEGREES.iter().rev() {
        let n = young.iter().filter(|c| c.professional.level == *level).count() as u32;
        let what = name.split(',').next().unwrap_or(name).to_lowercase();
        rows.push(vec![
            Cell::text(format!("Dưới {under} tuổi và có trình độ {what} và tương đương")),
            int(n),
            share(n, total, 0),
        ]);
    }
    let other = young.iter().filter(|c| degree_of(c).is_none()).count() as u32;
    if other > 0 {
        rows.push(vec![
            Cell::text(format!("Dưới {under} tuổi, trình độ dưới đại học")),
            int(other),
            share(other, total, 0),
        ]);
    }
    rows.push(vec![Cell::text("Tổng"), int(total), share(total, total, 0)]);
    Table {
        title: "Bảng 5. Tỷ lệ cán bộ, công chức, viên chức lãnh đạo, quản lý trẻ theo trình độ chuyên môn".into(),
        header: ["Đối tượng", "Số lượng", "Tỷ lệ"].map(String::from).to_vec(),
        rows,
    }
}

/// Seed 004 Table 6's fields of study, in column order.
pub const FIELDS: [&str; 9] = [
    "Kinh tế, tài chính, kế toán…",
    "Công nghệ thông tin, khoa học máy tính…",
    "Y tế",
    "Giáo dục",
    "Quy hoạch, Phát triển đô thị…",
    "Tài nguyên môi trường, Quản lý đất đai",
    "Nông nghiệp, Phát triển nông thôn",
    "Quản lý hành chính, Luật…",
    "Khác",
];

/// Folded keywords and the field they put a chuyên ngành in; the first match wins.
const FIELD_WORDS: &[(&str, usize)] = &[
    ("xay dung dang", 7),
    ("chinh tri", 7),
    ("luat", 7),
    ("kinh te", 0),
    ("tai chinh", 0),
    ("ke toan", 0),
    ("kiem toan", 0),
    ("ngan hang", 0),
    ("quan tri kinh doanh", 0),
    ("thuong mai", 0),
    ("cong nghe thong tin", 1),
    ("khoa hoc may tinh", 1),
    ("tin hoc", 1),
    ("dien tu", 1),
    ("vien thong", 1),
    ("y da khoa", 2),
    ("y khoa", 2),
    ("y te", 2),
    ("y hoc", 2),
    ("duoc", 2),
    ("dieu duong", 2),
    ("bac si", 2),
    ("su pham", 3),
    ("giao duc", 3),
    ("quy hoach", 4),
    ("do thi", 4),
    ("kien truc", 4),
    ("xay dung", 4),
    ("giao thong", 4),
    ("dat dai", 5),
    ("dia chinh", 5),
    ("moi truong", 5),
    ("tai nguyen", 5),
    ("nong", 6),
    ("lam nghiep", 6),
    ("lam sinh", 6),
    ("thuy san", 6),
    ("chan nuoi", 6),
    ("thu y", 6),
    ("hanh chinh", 7),
    ("quan ly cong", 7),
    ("quan ly nha nuoc", 7),
];

/// The Table 6 column a chuyên ngành falls in ("Khác" when nothing matches or it is blank).
pub fn field_group(field: &str) -> usize {
    let f = fold(field);
    FIELD_WORDS.iter().find(|(w, _)| f.contains(w)).map_or(FIELDS.len() - 1, |(_, g)| *g)
}

/// Bảng 6. Thống kê trình độ chuyên môn theo chuyên ngành: count per field for each group, then
/// TỔNG and its shares (whole percent).
pub fn field_table(d: &Directive, idx: &RosterIndex, group_ids: &[String], year: u16) -> Table {
    let (groups, all) = members(d, idx, group_ids, year);
    let count = |people: &[&Cadre]| {
        let mut v = [0u32; FIELDS.len()];
        for c in people {
            v[field_group(&c.professional_field)] += 1;
        }
        v
    };
    let mut header = vec!["Đối tượng".to_string(), "Số lượng".to_string()];
    header.extend(FIELDS.iter().map(|f| f.to_string()));
    let row = |label: &str, people: &[&Cadre]| {
        let mut r = vec![Cell::text(label), int(people.len() as u32)];
        r.extend(count(people).iter().map(|n| int(*n)));
        r
    };
    let mut rows: Vec<Vec<Cell>> = groups.iter().map(|(name, people)| row(name, people)).collect();
    rows.push(row("TỔNG", &all));
    let total = all.len() as u32;
    let mut shares = vec![Cell::text("Tỷ lệ"), share(total, total, 0)];
    shares.extend(count(&all).iter().map(|n| share(*n, total, 0)));
    rows.push(shares);
    Table {
        title: "Bảng 6. Thống kê trình độ chuyên môn theo chuyên ngành, ngành đào tạo".into(), header, rows
    }
}

/// Bảng 1-2 as entered (historical aggregates): one row per year, the columns as printed, the
/// total as printed, and the sum of each column at the foot.
pub fn aggregate_table(t: &DispatchTable) -> Table {
    let mut header = vec!["Năm".to_string()];
    header.extend(t.columns.iter().map(|c| format!("{} ({})", c.label, c.staff.label().to_lowercase())));
    header.push("Tổng".into());
    let mut rows: Vec<Vec<Cell>> = t
        .rows
        .iter()
        .map(|r| {
            let mut v = vec![int(u32::from(r.year))];
            v.extend(r.counts.iter().map(|n| int(*n)));
            v.push(int(r.total));
            v
        })
        .collect();
    let mut foot = vec![Cell::text("Tổng")];
    foot.extend((0..t.columns.len()).map(|i| total(t.column_total(i))));
    foot.push(int(t.rows.iter().map(|r| r.total).sum()));
    // A printed total that disagrees with the sum stays visible, as the document wrote it.
    let printed = t.printed_totals.as_ref().map(|p| {
        let mut v = vec![Cell::text("Tổng (theo văn bản)")];
        v.extend(p.counts.iter().map(|n| int(*n)));
        v.push(int(p.total));
        v
    });
    rows.push(foot.clone());
    if let Some(p) = printed.filter(|p| p[1..] != foot[1..]) {
        rows.push(p);
    }
    Table { title: t.title.clone(), header, rows }
}

/// "Số lượt cử đi theo năm", newest year first: for đào tạo and bồi dưỡng, the figures entered
/// by hand (số liệu nhập tay, empty when no table has the year) beside the app's own lượt
/// (started, completed or failed, by year started), never added together. The statistics
/// page draws it and its CSV/XLSX export writes it: one table, the same figures.
pub fn dispatch_table(records: &TrainingRecords, years: &[u16]) -> Table {
    let manual = |year: u16, kind: TrainingKind| {
        records.aggregate_total(year, kind, CountUnit::Attendances).map_or(Cell::Empty, total)
    };
    let own = |year: u16, kind: TrainingKind| int(records.dispatches_in(year, Some(kind)));
    let rows = years
        .iter()
        .rev()
        .map(|&year| {
            vec![
                int(u32::from(year)),
                manual(year, TrainingKind::Training),
                own(year, TrainingKind::Training),
                manual(year, TrainingKind::Refresher),
                own(year, TrainingKind::Refresher),
            ]
        })
        .collect();
    Table {
        title: "Số lượt cử đi theo năm".into(),
        header: ["Năm", "Đào tạo: nhập tay", "Đào tạo: ứng dụng", "Bồi dưỡng: nhập tay", "Bồi dưỡng: ứng dụng"]
            .map(String::from)
            .to_vec(),
        rows,
    }
}

/// The columns of [`dispatch_table`] that hold số liệu nhập tay.
pub const DISPATCH_MANUAL_COLUMNS: [usize; 2] = [1, 3];

/// Which table of the groups a page shows: a level or age breakdown, or one of seed 004's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupTable {
    /// Bảng 4 (độ tuổi) or a full level breakdown.
    Bands(Bands),
    /// Bảng 3: đại học / thạc sĩ / tiến sĩ.
    Degree,
    /// Bảng 5: dưới 45 tuổi theo trình độ.
    YoungByDegree,
    /// Bảng 6: chuyên ngành đào tạo.
    Field,
}

impl GroupTable {
    /// Every table, in the order the page offers them.
    pub const ALL: [GroupTable; 7] = [
        GroupTable::Degree,
        GroupTable::Bands(Bands::Age),
        GroupTable::YoungByDegree,
        GroupTable::Field,
        GroupTable::Bands(Bands::Professional),
        GroupTable::Bands(Bands::Political),
        GroupTable::Bands(Bands::StateManagement),
    ];

    /// Vietnamese name.
    pub fn label(self) -> String {
        match self {
            GroupTable::Bands(Bands::Age) => "Bảng độ tuổi (dưới 40, 40-45 ... trên 55)".into(),
            GroupTable::Bands(b) => format!("{} (mọi trình độ)", b.label()),
            GroupTable::Degree => "Bảng trình độ đại học, thạc sĩ, tiến sĩ".into(),
            GroupTable::YoungByDegree => "Lãnh đạo, quản lý dưới 45 tuổi theo trình độ".into(),
            GroupTable::Field => "Chuyên ngành đào tạo".into(),
        }
    }

    /// Stable code for form values.
    pub fn code(self) -> &'static str {
        match self {
            GroupTable::Bands(b) => b.code(),
            GroupTable::Degree => "bang_cap",
            GroupTable::YoungByDegree => "tre",
            GroupTable::Field => "nganh",
        }
    }

    /// The table with this code.
    pub fn from_code(code: &str) -> Option<GroupTable> {
        GroupTable::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The table over `group_ids` of `d` in `year`.
    pub fn build(self, d: &Directive, idx: &RosterIndex, group_ids: &[String], year: u16) -> Table {
        match self {
            GroupTable::Bands(b) => {
                let title = match b {
                    Bands::Age => {
                        "Bảng 4. Thống kê độ tuổi của cán bộ, công chức, viên chức giữ chức vụ lãnh đạo, quản lý"
                            .to_string()
                    }
                    _ => format!("Thống kê {} theo nhóm", b.label().to_lowercase()),
                };
                cross_table(&title, &cross_tab(d, idx, group_ids, b, year))
            }
            GroupTable::Degree => degree_table(d, idx, group_ids, year),
            GroupTable::YoungByDegree => young_by_degree_table(d, idx, group_ids, year, 45),
            GroupTable::Field => field_table(d, idx, group_ids, year),
        }
    }
}

/// A safe file name for a table's CSV ("bang-3-thong-ke-trinh-do.csv").
pub fn csv_name(t: &Table) -> String {
    format!("{}.csv", slug(&t.title, 48))
}

#[cfg(test)]
mod tests;
