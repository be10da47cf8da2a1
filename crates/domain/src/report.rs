//! Báo cáo thực trạng: the status of one group as seed 002 section I writes it — total;
//! locals, women, under 35 (count and share); the professional, political-theory and
//! state-management breakdowns — as numbers for a table and as the paragraph an officer pastes
//! into a report:
//!
//! "Trình độ chuyên môn: Tiến sĩ 01 đồng chí, chiếm 2,4%; Thạc sĩ và đang học thạc sĩ 13 đồng
//! chí, chiếm 31,0%; Đại học 28 đồng chí, chiếm 66,7%."
//!
//! Shares are written with one decimal, rounded half up, and counts with two digits, as the
//! documents do.

use serde::Serialize;

use super::directive::group::Evaluator;
use super::directive::{Bits, Directive, RosterIndex};
use super::levels::{Level, Political, Professional, Qualification, StateManagement};
use super::model::{Cadre, Gender};
use crate::number::{decimal, percent_scaled, percent_tenths, tenths_percent_fixed};

/// Age below which a cadre counts as young in the status report ("dưới 35 tuổi").
pub const YOUNG_BELOW: i32 = 35;

/// A count with its share of the group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    /// What is counted ("Thạc sĩ và đang học thạc sĩ").
    pub label: String,
    /// Số người.
    pub count: u32,
    /// Share in tenths of a percent (333 = 33,3%), rounded half up.
    pub tenths: u32,
}

impl Part {
    fn new(label: String, count: u32, total: u32) -> Self {
        let tenths = percent_tenths(count, total).unwrap_or(0) as u32;
        Part { label, count, tenths }
    }

    /// "33,3%" (always one decimal, as status reports write it).
    pub fn share_text(&self) -> String {
        tenths_percent_fixed(i64::from(self.tenths))
    }

    /// "13 đồng chí, chiếm 31,0%" with the count on two digits.
    pub fn phrase(&self) -> String {
        format!("{} {:02} đồng chí, chiếm {}", self.label, self.count, self.share_text())
    }
}

/// Thực trạng of one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusReport {
    /// Tên nhóm.
    pub group_name: String,
    /// Tổng số.
    pub total: u32,
    /// Người địa phương.
    pub locals: Part,
    /// Cán bộ nữ.
    pub women: Part,
    /// Dưới 35 tuổi.
    pub young: Part,
    /// Trình độ chuyên môn, highest level first, levels with nobody left out.
    pub professional: Vec<Part>,
    /// Lý luận chính trị.
    pub political: Vec<Part>,
    /// Quản lý nhà nước.
    pub state_management: Vec<Part>,
}

/// Counts members by level, highest first. With `merge_studying`, a person studying towards
/// a higher level counts at that level, labelled "X và đang học X" as the documents do; one
/// whose level held is unknown ("Đang học thạc sĩ") always counts there, there being nothing
/// else to say of them. `line_of` folds levels the documents report on one line (cử nhân with
/// cao cấp: "Cao cấp, cử nhân"), named by `line_label`.
fn breakdown<L: Level>(
    members: &[&Cadre],
    total: u32,
    merge_studying: bool,
    qual: impl Fn(&Cadre) -> &Qualification<L>,
    line_of: impl Fn(L) -> L,
    line_label: impl Fn(L) -> &'static str,
) -> Vec<Part> {
    let mut held = vec![0u32; L::ALL.len()];
    let mut studying = vec![0u32; L::ALL.len()];
    for c in members {
        let q = qual(c);
        let counted_studying = q.studying.filter(|s| q.level_unknown || (merge_studying && *s > q.level));
        match counted_studying {
            Some(s) => studying[usize::from(line_of(s).rank())] += 1,
            None => held[usize::from(line_of(q.level).rank())] += 1,
        }
    }
    L::ALL
        .iter()
        .rev()
        .filter_map(|l| {
            let r = usize::from(l.rank());
            let n = held[r] + studying[r];
            (n > 0).then(|| {
                let label = studying_label(line_label(*l), held[r], studying[r]);
                Part::new(label, n, total)
            })
        })
        .collect()
}

/// Cử nhân chính trị is reported on the cao cấp line, as "Cao cấp, cử nhân".
fn political_line(level: Political) -> Political {
    if level == Political::Bachelor {
        Political::Advanced
    } else {
        level
    }
}

fn political_line_label(level: Political) -> &'static str {
    if level == Political::Advanced {
        "Cao cấp, cử nhân"
    } else {
        level.label()
    }
}

/// "Thạc sĩ", "Thạc sĩ và đang học thạc sĩ", or "Đang học tiến sĩ" when nobody holds the
/// level yet; a label with a comma is studied by its first word ("Cao cấp, cử nhân và đang học
/// cao cấp").
fn studying_label(name: &str, held: u32, studying: u32) -> String {
    let short = name.split(',').next().unwrap_or(name).to_lowercase();
    match (held, studying) {
        (_, 0) => name.to_string(),
        (0, _) => format!("Đang học {short}"),
        _ => format!("{name} và đang học {short}"),
    }
}

/// The status of group `group_id` of directive `d` in `year`. `None` when the directive has
/// no such group.
pub fn status_report(
    d: &Directive,
    idx: &RosterIndex,
    group_id: &str,
    year: u16,
    merge_studying: bool,
) -> Option<StatusReport> {
    let group = d.group(group_id)?;
    let bits: Bits = Evaluator::for_directive(idx, d, year).group(group_id);
    Some(status_of(&group.name, idx, &bits, year, merge_studying))
}

/// The status of the cadres in `bits` (positions in the indexed roster) as group `group_name`
/// in `year`: what [`status_report`] says of a whole group, and So sánh đơn vị of the part of
/// it working in one unit.
pub fn status_of(group_name: &str, idx: &RosterIndex, bits: &Bits, year: u16, merge_studying: bool) -> StatusReport {
    let members: Vec<&Cadre> = bits.iter().map(|i| &idx.roster.cadres[i]).collect();
    let total = members.len() as u32;
    let count = |f: &dyn Fn(&Cadre) -> bool| members.iter().filter(|c| f(c)).count() as u32;
    StatusReport {
        group_name: group_name.to_string(),
        total,
        locals: Part::new("Người địa phương".into(), count(&|c| c.local), total),
        women: Part::new("Cán bộ nữ".into(), count(&|c| c.gender == Gender::Female), total),
        young: Part::new(format!("Dưới {YOUNG_BELOW} tuổi"), count(&|c| c.age_in(year) < YOUNG_BELOW), total),
        professional: breakdown(&members, total, merge_studying, |c| &c.professional, |l| l, Professional::label),
        political: breakdown(&members, total, merge_studying, |c| &c.political, political_line, political_line_label),
        state_management: breakdown(
            &members,
            total,
            merge_studying,
            |c| &c.state_management,
            |l| l,
            StateManagement::label,
        ),
    }
}

impl StatusReport {
    /// The paragraphs as seed 002 writes them, ready to paste.
    pub fn paragraphs(&self) -> Vec<String> {
        let line = |title: &str, parts: &[Part]| {
            let body = if parts.is_empty() {
                "chưa có số liệu".to_string()
            } else {
                parts.iter().map(Part::phrase).collect::<Vec<_>>().join("; ")
            };
            format!("{title}: {body}.")
        };
        let with_count = |p: &Part, what: &str| format!("{what} có {:02} đồng chí, chiếm {}", p.count, p.share_text());
        vec![
            format!(
                "{}: tổng số {:02} đồng chí, trong đó {}. {}. {}.",
                self.group_name,
                self.total,
                with_count(&self.locals, "là người địa phương"),
                with_count(&self.women, "Cán bộ nữ"),
                with_count(&self.young, &format!("Dưới {YOUNG_BELOW} tuổi")),
            ),
            line("Trình độ chuyên môn", &self.professional),
            line("Trình độ lý luận chính trị", &self.political),
            line("Quản lý Nhà nước", &self.state_management),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directive::{Group, GroupRule};
    use crate::model::{Committee, GovLevel, Membership, RecordMeta, Region, Unit, UnitKind};
    use crate::roster::Roster;

    /// Seed 002, group 1.1: 42 members of the district committee; 01 tiến sĩ, 13 thạc sĩ or
    /// studying towards it, 28 đại học; 21 locals; 08 women.
    fn seed_002_group_1_1() -> (Roster, Directive) {
        let unit = Unit {
            id: "h".into(),
            name: "Huyện ủy Hoàng Su Phì".into(),
            level: GovLevel::District,
            kind: UnitKind::Party,
            region: Region::Mountain,
            parent_id: None,
            meta: RecordMeta::default(),
        };
        let mut cadres = Vec::new();
        for i in 0..42u32 {
            let mut c = Cadre::blank(format!("c{i}"), "h".into());
            c.full_name = format!("Cán bộ {i}");
            c.memberships.push(Membership {
                committee: Committee::ExecutiveCommittee,
                level: GovLevel::District,
                term: "XXI".into(),
            });
            c.local = i < 21;
            c.gender = if i < 8 { Gender::Female } else { Gender::Male };
            c.birth_year = if i < 3 { 1992 } else { 1975 };
            c.professional = match i {
                0 => Qualification::at(Professional::Doctor),
                1..=9 => Qualification::at(Professional::Master),
                10..=13 => Qualification {
                    level: Professional::Bachelor,
                    studying: Some(Professional::Master),
                    studying_until: Some(2022),
                    level_unknown: false,
                },
                _ => Qualification::at(Professional::Bachelor),
            };
            cadres.push(c);
        }
        let mut d = Directive::blank("d".into(), crate::directive::DirectiveKind::Scheme);
        d.groups = vec![Group {
            id: "g11".into(),
            name: "Ủy viên Ban chấp hành Đảng bộ Huyện đương chức khóa XXI".into(),
            rule: GroupRule::Membership {
                committee: Committee::ExecutiveCommittee,
                level: Some(GovLevel::District),
                term: None,
            },
            stated_count: Some(42),
            stated_bound: Default::default(),
            stated_by_year: Vec::new(),
            note: String::new(),
        }];
        (Roster { units: vec![unit], cadres }, d)
    }

    #[test]
    fn seed_002_group_1_1_reads_as_the_document() {
        let (roster, d) = seed_002_group_1_1();
        let idx = RosterIndex::build(&roster);
        let r = status_report(&d, &idx, "g11", 2021, true).unwrap();
        assert_eq!(r.total, 42);
        assert_eq!((r.locals.count, r.locals.share_text()), (21, "50,0%".to_string()));
        assert_eq!((r.women.count, r.women.share_text()), (8, "19,0%".to_string()));
        assert_eq!(r.young.count, 3);
        let p = r.paragraphs();
        assert_eq!(
            p[1],
            "Trình độ chuyên môn: Tiến sĩ 01 đồng chí, chiếm 2,4%; Thạc sĩ và đang học thạc sĩ 13 đồng chí, chiếm 31,0%; Đại học 28 đồng chí, chiếm 66,7%."
        );
        assert!(p[0].starts_with("Ủy viên Ban chấp hành Đảng bộ Huyện đương chức khóa XXI: tổng số 42 đồng chí, trong đó là người địa phương có 21 đồng chí, chiếm 50,0%. Cán bộ nữ có 08 đồng chí, chiếm 19,0%."));
    }

    #[test]
    fn without_merging_studying_counts_the_level_held() {
        let (roster, d) = seed_002_group_1_1();
        let idx = RosterIndex::build(&roster);
        let r = status_report(&d, &idx, "g11", 2021, false).unwrap();
        let labels: Vec<(&str, u32)> = r.professional.iter().map(|p| (p.label.as_str(), p.count)).collect();
        assert_eq!(labels, vec![("Tiến sĩ", 1), ("Thạc sĩ", 9), ("Đại học", 32)]);
        assert!(status_report(&d, &idx, "nope", 2021, true).is_none());
    }

    #[test]
    fn studying_with_the_level_held_unknown_counts_at_the_level_studied_and_cu_nhan_with_cao_cap() {
        let (mut roster, d) = seed_002_group_1_1();
        // Two of the 28 đại học are written "Đang học thạc sĩ" only; three hold cử nhân chính trị.
        roster.cadres[14].professional = Qualification::studying_only(Professional::Master);
        roster.cadres[15].professional = Qualification::studying_only(Professional::Doctor);
        for c in &mut roster.cadres[..3] {
            c.political = Qualification::at(Political::Bachelor);
        }
        for c in &mut roster.cadres[3..10] {
            c.political = Qualification::at(Political::Advanced);
        }
        let idx = RosterIndex::build(&roster);
        for merge in [false, true] {
            let r = status_report(&d, &idx, "g11", 2021, merge).unwrap();
            let lines: Vec<(&str, u32)> = r.professional.iter().map(|p| (p.label.as_str(), p.count)).collect();
            let political: Vec<(&str, u32)> = r.political.iter().map(|p| (p.label.as_str(), p.count)).collect();
            assert_eq!(political[0], ("Cao cấp, cử nhân", 10));
            if merge {
                assert_eq!(
                    lines,
                    vec![("Tiến sĩ và đang học tiến sĩ", 2), ("Thạc sĩ và đang học thạc sĩ", 14), ("Đại học", 26)]
                );
            } else {
                // Held levels where known; the unknown are still only "đang học".
                assert_eq!(
                    lines,
                    vec![("Tiến sĩ và đang học tiến sĩ", 2), ("Thạc sĩ và đang học thạc sĩ", 10), ("Đại học", 30)]
                );
            }
        }
        assert!(!roster.cadres[14].professional.meets(Professional::Bachelor, false), "unknown is not held");
        assert!(roster.cadres[14].professional.meets(Professional::Master, true));
        assert!(roster.cadres[0].political.meets(Political::Advanced, false), "cử nhân counts as cao cấp trở lên");
    }

    #[test]
    fn shares_of_every_breakdown_sum_to_the_total() {
        let (roster, d) = seed_002_group_1_1();
        let idx = RosterIndex::build(&roster);
        let r = status_report(&d, &idx, "g11", 2021, true).unwrap();
        for parts in [&r.professional, &r.political, &r.state_management] {
            assert_eq!(parts.iter().map(|p| p.count).sum::<u32>(), r.total);
        }
    }
}

/// Bảng thống kê: one row per group, one column per band, as seed 004's Tables 3 and 4
/// ("259 (11,45%)"), with a TỔNG row that counts each person once even when groups overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossTab {
    /// Column headings, in order.
    pub columns: Vec<String>,
    /// One row per group.
    pub rows: Vec<CrossRow>,
    /// Everyone in any of the groups, counted once.
    pub total: CrossRow,
}

/// One row of a [`CrossTab`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossRow {
    /// Tên nhóm (or "TỔNG").
    pub label: String,
    /// Count per column.
    pub counts: Vec<u32>,
    /// Row total.
    pub total: u32,
}

impl CrossRow {
    /// "259 (11,45%)": a cell with its share of the row, two decimals as seed 004 writes them.
    pub fn cell(&self, column: usize) -> String {
        let n = self.counts.get(column).copied().unwrap_or(0);
        match percent_scaled(n, self.total, 2) {
            Some(hundredths) => format!("{} ({}%)", crate::number::grouped(n), decimal(hundredths as i64, 2)),
            None => crate::number::grouped(n),
        }
    }
}

crate::tagged::coded_enum! {
    /// What the columns of a [`CrossTab`] are; the label names the table, the code is its
    /// form value.
    Bands {
        /// Độ tuổi: dưới 40, 40 - 45, 45 - 50, 50 - 55, trên 55 (seed 004 Table 4).
        Age = "tuoi", "Độ tuổi";
        /// Trình độ chuyên môn, highest first.
        Professional = "chuyen_mon", "Trình độ chuyên môn";
        /// Lý luận chính trị, highest first.
        Political = "llct", "Lý luận chính trị";
        /// Quản lý nhà nước, highest first.
        StateManagement = "qlnn", "Quản lý nhà nước";
    }
}

impl Bands {
    fn columns(self) -> Vec<String> {
        fn levels<L: Level>() -> Vec<String> {
            L::ALL.iter().rev().map(|l| l.label().to_string()).collect()
        }
        match self {
            Bands::Age => ["Dưới 40 tuổi", "Từ 40 - 45 tuổi", "Từ 45 - 50 tuổi", "Từ 50 - 55 tuổi", "Trên 55 tuổi"]
                .map(String::from)
                .to_vec(),
            Bands::Professional => levels::<Professional>(),
            Bands::Political => levels::<Political>(),
            Bands::StateManagement => levels::<StateManagement>(),
        }
    }

    /// The column a cadre falls in (age in `year`; levels held, highest first).
    fn column(self, c: &Cadre, year: u16) -> usize {
        fn from_top<L: Level>(l: L) -> usize {
            L::ALL.len() - 1 - usize::from(l.rank())
        }
        match self {
            Bands::Age => match c.age_in(year) {
                a if a < 40 => 0,
                a if a < 45 => 1,
                a if a < 50 => 2,
                a if a <= 55 => 3,
                _ => 4,
            },
            Bands::Professional => from_top(c.professional.level),
            Bands::Political => from_top(c.political.level),
            Bands::StateManagement => from_top(c.state_management.level),
        }
    }
}

/// The table of `bands` over the groups `group_ids` of `d` in `year` (unknown ids are skipped).
pub fn cross_tab(d: &Directive, idx: &RosterIndex, group_ids: &[String], bands: Bands, year: u16) -> CrossTab {
    let columns = bands.columns();
    let mut ev = Evaluator::for_directive(idx, d, year);
    let mut everyone = Bits::empty(idx.roster.cadres.len());
    let tally = |label: String, bits: &Bits| {
        let mut counts = vec![0u32; columns.len()];
        for i in bits.iter() {
            counts[bands.column(&idx.roster.cadres[i], year)] += 1;
        }
        CrossRow { label, total: counts.iter().sum(), counts }
    };
    let mut rows = Vec::new();
    for id in group_ids {
        let Some(g) = d.group(id) else { continue };
        let bits = ev.group(id);
        everyone.or_with(&bits);
        rows.push(tally(g.name.clone(), &bits));
    }
    let total = tally("TỔNG".to_string(), &everyone);
    CrossTab { columns, rows, total }
}

#[cfg(test)]
mod cross_tab_tests {
    use super::*;
    use crate::directive::{Group, GroupRule};
    use crate::model::{Committee, GovLevel, Membership, RecordMeta, Region, Unit, UnitKind};
    use crate::roster::Roster;

    #[test]
    fn age_bands_and_overlapping_groups_count_once_in_the_total() {
        let unit = Unit {
            id: "h".into(),
            name: "Huyện".into(),
            level: GovLevel::District,
            kind: UnitKind::Party,
            region: Region::Mountain,
            parent_id: None,
            meta: RecordMeta::default(),
        };
        // Ages in 2024: 30, 42, 47, 55, 56; the first three also sit on the standing committee.
        let cadres = [1994u16, 1982, 1977, 1969, 1968]
            .iter()
            .enumerate()
            .map(|(i, y)| {
                let mut c = Cadre::blank(format!("c{i}"), "h".into());
                c.birth_year = *y;
                c.memberships.push(Membership {
                    committee: Committee::ExecutiveCommittee,
                    level: GovLevel::District,
                    term: String::new(),
                });
                if i < 3 {
                    c.memberships.push(Membership {
                        committee: Committee::StandingCommittee,
                        level: GovLevel::District,
                        term: String::new(),
                    });
                }
                c
            })
            .collect();
        let roster = Roster { units: vec![unit], cadres };
        let mut d = Directive::blank("d".into(), crate::directive::DirectiveKind::Scheme);
        let member = |id: &str, name: &str, committee| Group {
            id: id.into(),
            name: name.into(),
            rule: GroupRule::Membership { committee, level: Some(GovLevel::District), term: None },
            stated_count: None,
            stated_bound: Default::default(),
            stated_by_year: Vec::new(),
            note: String::new(),
        };
        d.groups = vec![
            member("bch", "BCH", Committee::ExecutiveCommittee),
            member("btv", "BTV", Committee::StandingCommittee),
        ];
        let idx = RosterIndex::build(&roster);
        let t = cross_tab(&d, &idx, &["bch".into(), "btv".into(), "nope".into()], Bands::Age, 2024);
        assert_eq!(t.columns.len(), 5);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].counts, vec![1, 1, 1, 1, 1]);
        assert_eq!(t.rows[1].counts, vec![1, 1, 1, 0, 0]);
        assert_eq!(t.total.total, 5, "the standing committee is inside the committee: counted once");
        assert_eq!(t.rows[1].cell(0), "1 (33,33%)");
        assert_eq!(t.total.cell(4), "1 (20,00%)");
        let p = cross_tab(&d, &idx, &["bch".into()], Bands::Professional, 2024);
        assert_eq!(p.columns.first().map(String::as_str), Some("Tiến sĩ"));
        assert_eq!(*p.rows[0].counts.last().unwrap(), 5, "blank cadres hold no degree");
    }
}
