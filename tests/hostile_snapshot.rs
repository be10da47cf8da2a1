//! Hostile snapshots (issue 15), each built here by the test itself and checked through
//! the same `import` the exchange page calls: shapes that were quadratic (20.000 units under
//! one parent, a chain of 3.000 nested units), strings of megabytes, versions at the top of
//! `u64`, sums that overflow, control characters. Each is refused with a Vietnamese message
//! naming the record, the field and the limit, or accepted, in bounded time — never a panic,
//! never a wrap.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use dtbd::domain::fixtures::unit;
use dtbd::domain::limits;
use dtbd::domain::model::Cadre;
use dtbd::domain::roster::Roster;
use dtbd::domain::snapshot::{export, import, Dataset, ExportScope, ExportedBy, SnapshotError};

const NOW: i64 = 1_795_000_000_000;

/// The file an officer would send holding `data`.
fn file_of(data: &Dataset) -> String {
    let by = ExportedBy { unit_id: None, unit_name: "Huyện Hoàng Su Phì".into(), sender: "Lò Văn A".into() };
    export(data, &ExportScope::All, by, BTreeMap::new(), NOW).expect("an export").to_json()
}

fn roster_file(roster: Roster) -> String {
    file_of(&Dataset { roster, ..Default::default() })
}

fn messages(errors: &[SnapshotError]) -> Vec<String> {
    errors.iter().map(SnapshotError::message).collect()
}

/// Times `f`, failing when it takes longer than `limit` (generous: the debug build, a shared
/// machine; the quadratic checks took minutes).
fn within<T>(limit: Duration, what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took <= limit, "{what}: {took:?}, more than {limit:?}");
    out
}

fn cadre(id: &str, unit_id: &str, name: &str) -> Cadre {
    let mut c = Cadre::blank(id.into(), unit_id.into());
    c.full_name = name.into();
    c
}

#[test]
fn twenty_thousand_siblings_and_their_cadres_check_in_linear_time() {
    let mut units = vec![unit("tinh", "Tỉnh Hà Giang", None)];
    units.extend((0..20_000).map(|i| unit(&format!("w{i}"), &format!("Chi bộ số {i}"), Some("tinh"))));
    let cadres = (0..30_000).map(|i| cadre(&format!("c{i}"), &format!("w{}", i % 20_000), "Lò Văn Sáng")).collect();
    let json = roster_file(Roster { units, cadres });
    let imported = within(Duration::from_secs(60), "20.000 siblings", || import(json.as_bytes(), &Roster::default()));
    let imported = imported.unwrap_or_else(|e| panic!("{:?}", messages(&e)));
    assert_eq!(imported.snapshot.records.units.len(), 20_001);
}

#[test]
fn same_named_siblings_in_a_large_file_are_still_named_and_warned_about() {
    let mut units = vec![unit("tinh", "Tỉnh Hà Giang", None)];
    units.extend((0..10_000).map(|i| unit(&format!("w{i}"), &format!("Chi bộ số {i}"), Some("tinh"))));
    units.push(unit("twin", "CHI BO SO 42", Some("tinh")));
    let json = roster_file(Roster { units, cadres: Vec::new() });
    let errors =
        within(Duration::from_secs(30), "10.000 siblings", || import(json.as_bytes(), &Roster::default())).unwrap_err();
    let m = messages(&errors);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("trùng với đơn vị thứ 44 trong tệp") && m[0].contains("Chi bộ số 42"), "{}", m[0]);

    // The same names on the receiver (other ids): a warning per unit, found through the index.
    let mut mine = Roster { units: vec![unit("tinh", "Tỉnh Hà Giang", None)], cadres: Vec::new() };
    mine.units.extend((0..10_000).map(|i| unit(&format!("old{i}"), &format!("chi bo so {i}"), Some("tinh"))));
    let mut units = vec![unit("tinh", "Tỉnh Hà Giang", None)];
    units.extend((0..10_000).map(|i| unit(&format!("w{i}"), &format!("Chi bộ số {i}"), Some("tinh"))));
    let json = roster_file(Roster { units, cadres: Vec::new() });
    let imported = within(Duration::from_secs(30), "10.000 warnings", || import(json.as_bytes(), &mine)).unwrap();
    assert_eq!(imported.warnings.len(), 10_000);
    assert!(
        imported.warnings[7].contains("mã w7") && imported.warnings[7].contains("mã old7"),
        "{}",
        imported.warnings[7]
    );
}

#[test]
fn a_chain_of_three_thousand_nested_units_is_refused_by_depth_quickly() {
    let chain: Vec<_> = (0..3_000)
        .map(|i| {
            let parent = (i > 0).then(|| format!("c{}", i - 1));
            unit(&format!("c{i}"), &format!("Cấp {i}"), parent.as_deref())
        })
        .collect();
    let json = roster_file(Roster { units: chain, cadres: Vec::new() });
    let errors = within(Duration::from_secs(10), "3.000 nested units", || import(json.as_bytes(), &Roster::default()))
        .unwrap_err();
    let m = messages(&errors);
    let depth = limits::MAX_UNIT_DEPTH;
    assert!(
        m[0].starts_with(&format!("Đơn vị \"Cấp {depth}\" (mã c{depth}), trường parent_id: Đơn vị cấp trên: cây đơn vị sâu đến {} cấp, quá giới hạn {depth} cấp", depth + 1)),
        "{}",
        m[0]
    );
    assert!(m.last().unwrap().starts_with("… và "), "the list is capped: {:?}", m.last());
}
