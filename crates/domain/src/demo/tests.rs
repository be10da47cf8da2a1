//! The demo rosters against the seed documents' own figures.

use super::*;
use crate::directive::{Directive, RosterIndex};
use crate::report::{cross_tab, status_report, Bands, Part};
use crate::roster::Roster;

fn template(file: &str) -> Directive {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/templates").join(file);
    Directive::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn roster((units, cadres): (Vec<Unit>, Vec<Cadre>)) -> Roster {
    Roster { units, cadres }
}

/// (label, count, share) as the report gives them.
type Row = (&'static str, u32, &'static str);

struct Expected {
    group: &'static str,
    total: u32,
    locals: Option<(u32, &'static str)>,
    women: Option<(u32, &'static str)>,
    young: Option<(u32, &'static str)>,
    professional: &'static [Row],
    political: &'static [Row],
    state_management: &'static [Row],
}

/// Seed 002 section I, group by group. Shares are the counts' exact shares rounded half up to
/// one decimal; where the document rounds otherwise its figure follows in a comment.
const SEED_002: &[Expected] = &[
    Expected {
        group: "g11",
        total: 42,
        locals: Some((21, "50,0%")),
        women: Some((8, "19,0%")),
        young: None,
        professional: &[("Tiến sĩ", 1, "2,4%"), ("Thạc sĩ và đang học thạc sĩ", 13, "31,0%"), ("Đại học", 28, "66,7%")], // doc 66,6%
        political: &[("Cao cấp, cử nhân", 33, "78,6%"), ("Trung cấp", 9, "21,4%")],
        state_management: &[
            ("Chuyên viên chính", 20, "47,6%"),
            ("Chuyên viên", 16, "38,1%"),
            ("Chưa qua bồi dưỡng", 6, "14,3%"),
        ],
    },
    Expected {
        group: "g12",
        total: 13,
        locals: Some((6, "46,2%")),
        women: Some((1, "7,7%")),
        young: None,
        professional: &[("Tiến sĩ", 1, "7,7%"), ("Thạc sĩ và đang học thạc sĩ", 6, "46,2%"), ("Đại học", 6, "46,2%")], // doc 46,1%
        political: &[("Cao cấp, cử nhân", 13, "100,0%")],
        state_management: &[
            ("Chuyên viên chính", 9, "69,2%"),
            ("Chuyên viên", 1, "7,7%"),
            ("Chưa qua bồi dưỡng", 3, "23,1%"),
        ],
    },
    Expected {
        group: "g13",
        total: 73,
        locals: Some((25, "34,2%")),
        women: Some((13, "17,8%")),
        young: Some((3, "4,1%")),
        professional: &[
            ("Thạc sĩ và đang học thạc sĩ", 15, "20,5%"),
            ("Đại học", 56, "76,7%"),
            ("Trung cấp", 2, "2,7%"),
        ],
        political: &[("Cao cấp, cử nhân và đang học cao cấp", 46, "63,0%"), ("Trung cấp", 27, "37,0%")],
        state_management: &[
            ("Chuyên viên chính", 22, "30,1%"),
            ("Chuyên viên", 44, "60,3%"),
            ("Chưa qua bồi dưỡng", 7, "9,6%"),
        ],
    },
    Expected {
        group: "g14",
        total: 147,
        locals: Some((44, "29,9%")),
        women: Some((63, "42,9%")), // doc 42,8%
        young: Some((59, "40,1%")),
        professional: &[
            ("Đang học tiến sĩ", 1, "0,7%"),
            ("Thạc sĩ và đang học thạc sĩ", 3, "2,0%"),
            ("Đại học và đang học đại học", 112, "76,2%"),
            ("Cao đẳng", 9, "6,1%"),
            ("Trung cấp", 19, "12,9%"),
            ("Sơ cấp", 2, "1,4%"),
            ("Chưa qua đào tạo", 1, "0,7%"),
        ],
        political: &[
            ("Cao cấp, cử nhân", 5, "3,4%"),
            ("Trung cấp", 64, "43,5%"),
            ("Sơ cấp", 21, "14,3%"),
            ("Chưa qua đào tạo", 57, "38,8%"),
        ],
        state_management: &[
            ("Chuyên viên chính", 1, "0,7%"),
            ("Chuyên viên", 64, "43,5%"),
            ("Chưa qua bồi dưỡng", 82, "55,8%"),
        ],
    },
    Expected {
        group: "g21",
        total: 359,
        locals: Some((278, "77,4%")),
        women: Some((79, "22,0%")),
        young: Some((61, "17,0%")),
        professional: &[
            ("Thạc sĩ và đang học thạc sĩ", 7, "1,9%"),
            ("Đại học và đang học đại học", 284, "79,1%"), // doc 79,4%
            ("Cao đẳng", 8, "2,2%"),
            ("Trung cấp", 44, "12,3%"),       // doc 12,2%
            ("Chưa qua đào tạo", 16, "4,5%"), // doc 4,4%
        ],
        political: &[("Cao cấp, cử nhân", 11, "3,1%"), ("Trung cấp", 310, "86,4%"), ("Sơ cấp", 38, "10,6%")], // doc 86,3%
        state_management: &[
            ("Chuyên viên chính", 3, "0,8%"),
            ("Chuyên viên", 147, "40,9%"),
            ("Chưa qua bồi dưỡng", 209, "58,2%"),
        ],
    },
    Expected {
        group: "g22",
        total: 124,
        locals: Some((101, "81,5%")), // doc 81,4%
        women: Some((10, "8,1%")),
        young: Some((3, "2,4%")),
        professional: &[
            ("Thạc sĩ và đang học thạc sĩ", 7, "5,6%"),
            ("Đại học", 116, "93,5%"),
            ("Trung cấp", 1, "0,8%"),
        ],
        political: &[
            ("Cao cấp, cử nhân và đang học cao cấp", 14, "11,3%"),
            ("Trung cấp và đang học trung cấp", 110, "88,7%"),
        ],
        state_management: &[
            ("Chuyên viên chính", 5, "4,0%"),
            ("Chuyên viên", 77, "62,1%"),
            ("Chưa qua bồi dưỡng", 42, "33,9%"),
        ],
    },
    Expected {
        group: "g23",
        total: 120,
        locals: Some((110, "91,7%")), // doc 91,6%
        women: Some((33, "27,5%")),
        young: Some((34, "28,3%")),
        // The document lists 86 + 1 + 32 + 5 = 124 for 120 people; 82 hold a degree here.
        professional: &[
            ("Đại học và đang học đại học", 82, "68,3%"),
            ("Cao đẳng", 1, "0,8%"),
            ("Trung cấp", 32, "26,7%"),
            ("Chưa qua đào tạo", 5, "4,2%"),
        ],
        political: &[("Trung cấp và đang học trung cấp", 116, "96,7%"), ("Sơ cấp", 4, "3,3%")],
        state_management: &[("Chuyên viên", 35, "29,2%"), ("Cán sự", 5, "4,2%"), ("Chưa qua bồi dưỡng", 80, "66,7%")], // doc 4,1%
    },
    Expected {
        group: "g24",
        total: 285,
        locals: Some((163, "57,2%")),
        women: Some((69, "24,2%")),
        young: Some((97, "34,0%")),
        professional: &[
            ("Đại học và đang học đại học", 160, "56,1%"),
            ("Cao đẳng", 18, "6,3%"),
            ("Trung cấp", 107, "37,5%"),
        ],
        political: &[("Trung cấp", 173, "60,7%"), ("Sơ cấp", 55, "19,3%"), ("Chưa qua đào tạo", 57, "20,0%")],
        state_management: &[("Chuyên viên", 91, "31,9%"), ("Cán sự", 15, "5,3%"), ("Chưa qua bồi dưỡng", 179, "62,8%")],
    },
    Expected {
        group: "g3",
        total: 145,
        locals: None,
        women: None,
        young: Some((6, "4,1%")),
        professional: &[("Đại học và đang học đại học", 144, "99,3%"), ("Cao đẳng", 1, "0,7%")],
        political: &[
            ("Trung cấp và đang học trung cấp", 140, "96,6%"),
            ("Sơ cấp", 1, "0,7%"),
            ("Chưa qua đào tạo", 4, "2,8%"),
        ], // doc 96,5%
        state_management: &[
            ("Chuyên viên chính", 2, "1,4%"),
            ("Chuyên viên", 107, "73,8%"),
            ("Chưa qua bồi dưỡng", 36, "24,8%"),
        ],
    },
];

fn rows(parts: &[Part]) -> Vec<(String, u32, String)> {
    parts.iter().map(|p| (p.label.clone(), p.count, p.share_text())).collect()
}

fn own(rows: &[Row]) -> Vec<(String, u32, String)> {
    rows.iter().map(|(l, n, s)| (l.to_string(), *n, s.to_string())).collect()
}

#[test]
fn hoang_su_phi_reproduces_every_group_of_seed_002_section_i() {
    let d = template("002-hoang-su-phi-02-da-hu.json");
    let r = roster(hoang_su_phi(7));
    assert_section_i(&d, &r);
}

/// Every group of seed 002 section I as `SEED_002` holds it, counted on `r`.
fn assert_section_i(d: &Directive, r: &Roster) {
    let idx = RosterIndex::build(r);
    for e in SEED_002 {
        let s = status_report(d, &idx, e.group, HOANG_SU_PHI_YEAR, true).unwrap();
        assert_eq!(s.total, e.total, "{}", e.group);
        for (what, got, want) in
            [("locals", &s.locals, e.locals), ("women", &s.women, e.women), ("young", &s.young, e.young)]
        {
            if let Some((n, share)) = want {
                assert_eq!((got.count, got.share_text().as_str()), (n, share), "{} {what}", e.group);
            }
        }
        assert_eq!(rows(&s.professional), own(e.professional), "{} chuyên môn", e.group);
        assert_eq!(rows(&s.political), own(e.political), "{} LLCT", e.group);
        assert_eq!(rows(&s.state_management), own(e.state_management), "{} QLNN", e.group);
    }
}

#[test]
fn hoang_su_phi_paragraphs_read_as_the_document() {
    let d = template("002-hoang-su-phi-02-da-hu.json");
    let r = roster(hoang_su_phi(1));
    let idx = RosterIndex::build(&r);
    let p = status_report(&d, &idx, "g13", HOANG_SU_PHI_YEAR, true).unwrap().paragraphs();
    assert_eq!(
        p,
        vec![
            "Chức danh trưởng, phó các cơ quan, ban, ngành, đoàn thể huyện (trừ các đơn vị thuộc biên chế ngành dọc): tổng số 73 đồng chí, trong đó là người địa phương có 25 đồng chí, chiếm 34,2%. Cán bộ nữ có 13 đồng chí, chiếm 17,8%. Dưới 35 tuổi có 03 đồng chí, chiếm 4,1%.".to_string(),
            "Trình độ chuyên môn: Thạc sĩ và đang học thạc sĩ 15 đồng chí, chiếm 20,5%; Đại học 56 đồng chí, chiếm 76,7%; Trung cấp 02 đồng chí, chiếm 2,7%.".to_string(),
            "Trình độ lý luận chính trị: Cao cấp, cử nhân và đang học cao cấp 46 đồng chí, chiếm 63,0%; Trung cấp 27 đồng chí, chiếm 37,0%.".to_string(),
            "Quản lý Nhà nước: Chuyên viên chính 22 đồng chí, chiếm 30,1%; Chuyên viên 44 đồng chí, chiếm 60,3%; Chưa qua bồi dưỡng 07 đồng chí, chiếm 9,6%.".to_string(),
        ]
    );
    let p = status_report(&d, &idx, "g11", HOANG_SU_PHI_YEAR, true).unwrap().paragraphs();
    assert_eq!(
        p[1],
        "Trình độ chuyên môn: Tiến sĩ 01 đồng chí, chiếm 2,4%; Thạc sĩ và đang học thạc sĩ 13 đồng chí, chiếm 31,0%; Đại học 28 đồng chí, chiếm 66,7%."
    );
    let p = status_report(&d, &idx, "g14", HOANG_SU_PHI_YEAR, true).unwrap().paragraphs();
    assert!(p[1].starts_with("Trình độ chuyên môn: Đang học tiến sĩ 01 đồng chí, chiếm 0,7%; Thạc sĩ và đang học thạc sĩ 03 đồng chí, chiếm 2,0%;"), "{}", p[1]);
}

#[test]
fn hoang_su_phi_without_merging_counts_levels_held() {
    let d = template("002-hoang-su-phi-02-da-hu.json");
    let r = roster(hoang_su_phi(3));
    let idx = RosterIndex::build(&r);
    let s = status_report(&d, &idx, "g11", HOANG_SU_PHI_YEAR, false).unwrap();
    let masters = s.professional.iter().find(|p| p.label == "Thạc sĩ").map(|p| p.count).unwrap();
    assert!(masters < 13, "some of the 13 are still studying: {masters}");
    assert_eq!(s.professional.iter().map(|p| p.count).sum::<u32>(), 42);
}

#[test]
fn demo_rosters_are_deterministic_valid_and_vary_with_the_seed() {
    for make in [hoang_su_phi as fn(u64) -> (Vec<Unit>, Vec<Cadre>), quang_nam_leaders] {
        let a = make(11);
        assert_eq!(a, make(11));
        let b = make(12);
        assert_ne!(
            a.1.iter().map(|c| &c.full_name).collect::<Vec<_>>(),
            b.1.iter().map(|c| &c.full_name).collect::<Vec<_>>()
        );
        let r = roster(a);
        let mut ids = std::collections::HashSet::new();
        for u in &r.units {
            assert!(ids.insert(u.id.clone()), "duplicate unit id {}", u.id);
            assert!(r.validate_unit(u).is_empty(), "{u:?}: {:?}", r.validate_unit(u));
        }
        for c in &r.cadres {
            assert!(ids.insert(c.id.clone()), "duplicate id {}", c.id);
            let errors = r.validate_cadre(c);
            assert!(errors.is_empty(), "{}: {errors:?}", c.id);
            assert!(c.positions.iter().all(|p| r.unit(&p.unit_id).is_some()), "{}", c.id);
        }
    }
}

/// Seed 004 Table 3: degree by leader group, and its TỔNG row.
#[test]
fn quang_nam_reproduces_seed_004_table_3() {
    let d = template("004-quang-nam-7328-da-ubnd.json");
    let r = roster(quang_nam_leaders(5));
    let idx = RosterIndex::build(&r);
    let groups: Vec<String> = QUANG_NAM_GROUPS.iter().map(|g| g.to_string()).collect();
    let t = cross_tab(&d, &idx, &groups, Bands::Professional, QUANG_NAM_YEAR);
    let col = |name: &str| t.columns.iter().position(|c| c == name).unwrap();
    let (dh, ths, ts) = (col("Đại học"), col("Thạc sĩ"), col("Tiến sĩ"));
    let got: Vec<[u32; 4]> = t.rows.iter().map(|r| [r.total, r.counts[dh], r.counts[ths], r.counts[ts]]).collect();
    assert_eq!(got, vec![[65, 23, 32, 10], [150, 64, 82, 4], [850, 415, 398, 37], [1197, 903, 294, 0]]);
    assert_eq!([t.total.total, t.total.counts[dh], t.total.counts[ths], t.total.counts[ts]], [2262, 1405, 806, 51]);
    assert_eq!(t.total.cell(dh), "1.405 (62,11%)");
    assert_eq!(t.total.cell(ths), "806 (35,63%)");
    assert_eq!(t.total.cell(ts), "51 (2,25%)");
    assert_eq!(t.rows[0].cell(ts), "10 (15,38%)");
}

/// Seed 004 Table 4 (age bands): column totals and groups 1-2 as printed.
#[test]
fn quang_nam_reproduces_seed_004_table_4_totals() {
    let d = template("004-quang-nam-7328-da-ubnd.json");
    let r = roster(quang_nam_leaders(5));
    let idx = RosterIndex::build(&r);
    let groups: Vec<String> = QUANG_NAM_GROUPS.iter().map(|g| g.to_string()).collect();
    let t = cross_tab(&d, &idx, &groups, Bands::Age, QUANG_NAM_YEAR);
    assert_eq!(t.total.counts, vec![259, 521, 648, 367, 467]);
    assert_eq!(t.total.cell(0), "259 (11,45%)");
    assert_eq!(t.total.cell(2), "648 (28,65%)");
    assert_eq!(t.rows[0].counts, vec![1, 2, 17, 16, 29]);
    assert_eq!(t.rows[1].counts, vec![6, 13, 57, 40, 34]);
}

/// The officer's own sheet of the Hoàng Su Phì roster (her layout, her spellings, a Cấp ủy
/// text column, units she never typed into the app) read through the import into an empty
/// app, every proposal accepted: every figure of seed 002 section I comes out.
#[test]
fn the_officer_s_sheet_imported_into_an_empty_app_reproduces_section_i() {
    use crate::roster_import::{
        find_header, guess_mapping, preview, propose_units, units::create_units, ImportRequest, ImportSettings,
    };
    let d = template("002-hoang-su-phi-02-da-hu.json");
    let (units, mut cadres) = hoang_su_phi(5);
    sheet::with_political_bachelors(&mut cadres);
    let rows = sheet::officer_sheet(&units, &cadres, 5);
    let empty = Roster { units: Vec::new(), cadres: Vec::new() };
    let at = find_header(&rows).unwrap();
    assert_eq!(at, 3, "below the two title rows and a blank one");
    let header = rows[at].clone();
    let settings = ImportSettings::default();
    let mapping = guess_mapping(&header, &settings);
    let data = &rows[at + 1..];
    let proposals = propose_units(&empty, data, &mapping);
    let used: std::collections::HashSet<&str> = cadres.iter().map(|c| c.unit_id.as_str()).collect();
    assert_eq!(proposals.len(), used.len(), "every unit of the sheet is proposed once");
    for p in &proposals {
        let demo = units
            .iter()
            .find(|u| crate::roster_import::normalise(&u.name) == crate::roster_import::normalise(&p.name))
            .unwrap();
        assert_eq!((p.level, p.kind), (demo.level, demo.kind), "{}", p.name);
    }
    let mut n = 0;
    let mut ids = || {
        n += 1;
        format!("id-{n}")
    };
    let new_units = create_units(&empty, &proposals, &mut ids, 1);
    let different = std::collections::HashSet::new();
    let req = ImportRequest {
        header: &header,
        rows: data,
        first_row: at + 2,
        mapping: &mapping,
        settings: &settings,
        default_unit: None,
        default_category: None,
        new_units: &new_units,
        different_people: &different,
        now: 1,
    };
    let p = preview(&empty, &req, &mut ids);
    assert!(p.errors.is_empty(), "{:?}", &p.errors[..p.errors.len().min(5)]);
    assert_eq!(p.counts(), (cadres.len(), 0, 0));
    assert!(p.doubtful.is_empty());
    let imported = p.apply(&empty);
    assert_eq!(imported.units.len(), used.len());
    assert!(imported.cadres.iter().any(|c| c.labels.get("Nhóm theo Đề án 02").map(String::as_str) == Some("Cấp xã")));
    assert_section_i(&d, &imported);
}
