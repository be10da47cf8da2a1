//! Seed 004's tables and the status table from the demo rosters.

use super::*;
use crate::demo::{hoang_su_phi, quang_nam_leaders, HOANG_SU_PHI_YEAR, QUANG_NAM_GROUPS, QUANG_NAM_YEAR};
use crate::report::{cross_tab, status_report, Bands};
use crate::roster::Roster;

fn template(file: &str) -> Directive {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/templates").join(file);
    Directive::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn quang_nam() -> (Directive, Roster) {
    let (units, cadres) = quang_nam_leaders(9);
    (template("004-quang-nam-7328-da-ubnd.json"), Roster { units, cadres })
}

fn groups() -> Vec<String> {
    QUANG_NAM_GROUPS.iter().map(|g| g.to_string()).collect()
}

fn ints(row: &[Cell]) -> Vec<i64> {
    row.iter().filter_map(|c| if let Cell::Int(n) = c { Some(*n) } else { None }).collect()
}

fn shown(row: &[Cell]) -> Vec<String> {
    row.iter().filter(|c| matches!(c, Cell::Percent { .. })).map(Cell::display).collect()
}

#[test]
fn table_3_reads_as_seed_004() {
    let (d, r) = quang_nam();
    let t = degree_table(&d, &RosterIndex::build(&r), &groups(), QUANG_NAM_YEAR);
    assert_eq!(t.header[2..5], ["Đại học", "Thạc sĩ, BS CKI", "Tiến sĩ, BS CKII"]);
    assert_eq!(t.header.len(), 8, "nobody below đại học: no such column");
    let counts: Vec<Vec<i64>> = t.rows.iter().map(|r| ints(r)).collect();
    assert_eq!(
        counts,
        vec![
            vec![65, 23, 32, 10],
            vec![150, 64, 82, 4],
            vec![850, 415, 398, 37],
            vec![1197, 903, 294, 0],
            vec![2262, 1405, 806, 51]
        ]
    );
    assert_eq!(shown(&t.rows[4]), ["62,11%", "35,63%", "2,25%"]);
    assert_eq!(shown(&t.rows[0]), ["35,38%", "49,23%", "15,38%"]);
    assert_eq!(shown(&t.rows[3]), ["75,44%", "24,56%", "0,00%"]);
    assert_eq!(t.rows[4][0], Cell::text("TỔNG"));
}

#[test]
fn table_4_as_a_table_has_the_total_row_and_its_shares_first() {
    let (d, r) = quang_nam();
    let ct = cross_tab(&d, &RosterIndex::build(&r), &groups(), Bands::Age, QUANG_NAM_YEAR);
    let t = cross_table("Bảng 4", &ct);
    assert_eq!(t.header.len(), 2 + 5 + 1);
    assert_eq!(ints(&t.rows[0]), vec![259, 521, 648, 367, 467, 2262]);
    assert_eq!(shown(&t.rows[1]), ["11,45%", "23,03%", "28,65%", "16,22%", "20,65%", "100%"]);
    assert_eq!(ints(&t.rows[2]), vec![1, 1, 2, 17, 16, 29, 65], "STT, then the counts of group 1");
}

#[test]
fn table_5_counts_the_young_by_degree() {
    let (d, r) = quang_nam();
    let t = young_by_degree_table(&d, &RosterIndex::build(&r), &groups(), QUANG_NAM_YEAR, 45);
    let counts: Vec<Vec<i64>> = t.rows.iter().map(|r| ints(r)).collect();
    assert_eq!(counts, vec![vec![8], vec![366], vec![406], vec![780]]);
    let shares: Vec<String> = t.rows.iter().flat_map(|r| shown(r)).collect();
    assert_eq!(shares, ["1%", "47%", "52%", "100%"]);
    assert_eq!(t.rows[0][0], Cell::text("Dưới 45 tuổi và có trình độ tiến sĩ và tương đương"));
}

#[test]
fn table_6_reads_as_seed_004() {
    let (d, r) = quang_nam();
    let t = field_table(&d, &RosterIndex::build(&r), &groups(), QUANG_NAM_YEAR);
    assert_eq!(t.header.len(), 2 + 9);
    let counts: Vec<Vec<i64>> = t.rows.iter().take(5).map(|r| ints(r)).collect();
    assert_eq!(
        counts,
        vec![
            vec![65, 15, 1, 2, 5, 3, 1, 4, 18, 16],
            vec![150, 39, 2, 4, 8, 6, 3, 10, 51, 27],
            vec![850, 153, 43, 80, 182, 17, 19, 56, 113, 187],
            vec![1197, 312, 23, 7, 87, 4, 36, 125, 288, 315],
            vec![2262, 519, 69, 93, 282, 30, 59, 195, 470, 545],
        ]
    );
    assert_eq!(shown(&t.rows[5]), ["100%", "23%", "3%", "4%", "12%", "1%", "3%", "9%", "21%", "24%"]);
}

#[test]
fn fields_of_study_fall_in_seed_004_columns() {
    for (field, col) in [
        ("Kế toán doanh nghiệp", 0),
        ("Tài chính - Ngân hàng", 0),
        ("Khoa học máy tính", 1),
        ("Y đa khoa", 2),
        ("Dược học", 2),
        ("Sư phạm Toán", 3),
        ("Quản lý giáo dục", 3),
        ("Kỹ thuật xây dựng", 4),
        ("Quản lý đất đai", 5),
        ("Phát triển nông thôn", 6),
        ("Lâm nghiệp", 6),
        ("Luật kinh tế", 7),
        ("Xây dựng Đảng và chính quyền nhà nước", 7),
        ("Hành chính công", 7),
        ("Báo chí", 8),
        ("", 8),
    ] {
        assert_eq!(field_group(field), col, "{field}");
    }
}

#[test]
fn status_table_carries_every_figure_of_the_report() {
    let (units, cadres) = hoang_su_phi(2);
    let r = Roster { units, cadres };
    let d = template("002-hoang-su-phi-02-da-hu.json");
    let idx = RosterIndex::build(&r);
    let reports: Vec<StatusReport> =
        ["g11", "g13"].iter().map(|g| status_report(&d, &idx, g, HOANG_SU_PHI_YEAR, true).unwrap()).collect();
    let t = status_table(&reports, HOANG_SU_PHI_YEAR);
    assert_eq!(t.header, ["Nhóm", "Tiêu chí", "Nội dung", "Số lượng", "Tỷ lệ"]);
    // g11: total + 3 structure + 3 professional + 2 political + 3 state management.
    assert_eq!(t.rows.len(), 12 + 1 + 3 + 3 + 2 + 3);
    assert_eq!(ints(&t.rows[0]), vec![42]);
    let master = t.rows.iter().find(|r| r[2] == Cell::text("Thạc sĩ và đang học thạc sĩ")).unwrap();
    assert_eq!((ints(master), shown(master)), (vec![13], vec!["31,0%".to_string()]));
    let csv = t.to_csv();
    assert!(csv.contains("Trình độ chuyên môn,Thạc sĩ và đang học thạc sĩ,13,31.0"), "{csv}");
}

#[test]
fn aggregate_tables_sum_to_the_printed_totals() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/plans/004-quang-nam-7328-so-lieu.json");
    let (data, _) = crate::training::load_plan_data(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(data.tables.len() >= 2);
    for dt in &data.tables {
        let t = aggregate_table(dt);
        assert_eq!(t.header.len(), dt.columns.len() + 2);
        let foot = ints(&t.rows[dt.rows.len()]);
        let printed = dt.printed_totals.as_ref().unwrap();
        let sum: u32 = dt.rows.iter().map(|r| r.total).sum();
        let mut want: Vec<i64> = printed.counts.iter().map(|n| i64::from(*n)).collect();
        want.push(i64::from(sum));
        assert_eq!(foot, want, "{}: column sums as printed", dt.title);
        if printed.total == sum {
            assert_eq!(t.rows.len(), dt.rows.len() + 1, "{}", dt.title);
        } else {
            // Bảng 2 prints 47.549 where its rows add up to 47.530: both are shown.
            assert_eq!(t.rows.len(), dt.rows.len() + 2, "{}", dt.title);
            assert_eq!(*ints(t.rows.last().unwrap()).last().unwrap(), i64::from(printed.total));
        }
    }
}

#[test]
fn csv_names_are_plain_ascii() {
    let t = Table { title: "Bảng 3. Thống kê trình độ chuyên môn".into(), ..Default::default() };
    assert_eq!(csv_name(&t), "bang-3-thong-ke-trinh-do-chuyen-mon.csv");
}

#[test]
fn every_group_table_has_a_code_and_builds() {
    let (d, r) = quang_nam();
    let idx = RosterIndex::build(&r);
    for t in GroupTable::ALL {
        assert_eq!(GroupTable::from_code(t.code()), Some(t));
        let table = t.build(&d, &idx, &groups(), QUANG_NAM_YEAR);
        assert!(!table.rows.is_empty() && !table.title.is_empty(), "{t:?}");
        assert!(table.rows.iter().all(|row| row.len() == table.header.len()), "{t:?}: ragged rows");
    }
}
