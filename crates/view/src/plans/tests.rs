use super::*;

use dtbd_domain::demo_plan::{demo_dataset, demo_roster, stage_of, Stage, DEMO_NOW};
use dtbd_domain::training::data::{load_plan_data, load_plan_file};
use dtbd_domain::training::{apply, CountUnit, Enrollment, PlanFile};

use crate::testing::public as read;

fn seed_003() -> PlanFile {
    load_plan_file(&read("plans/003-quang-ngai-ke-hoach-2021.json")).unwrap()
}

fn seed_004_tables() -> Vec<DispatchTable> {
    load_plan_data(&read("plans/004-quang-nam-7328-so-lieu.json")).unwrap().0.tables
}

fn template(file: &str) -> Directive {
    Directive::from_json(&read(&format!("templates/{file}"))).unwrap()
}

/// Seed 003's plan alone, as "Dùng mẫu kế hoạch" loads it (no enrollment yet), with seed
/// 004's Tables 1-2.
fn templates_loaded() -> TrainingRecords {
    let mut r = TrainingRecords::default();
    r.add_plan_file(&seed_003());
    r.aggregates = seed_004_tables();
    r
}

/// The demo: seed 003's plan in progress over the demo roster (02-ĐA/HU, seed 003 and 7328
/// as directives), with seed 004's Tables 1-2.
fn demo() -> (Roster, Vec<Directive>, TrainingRecords) {
    let directives = vec![
        template("002-hoang-su-phi-02-da-hu.json"),
        template("003-quang-ngai-ke-hoach-2021.json"),
        template("004-quang-nam-7328-da-ubnd.json"),
    ];
    let mut d = demo_dataset(demo_roster(), directives, &seed_003());
    d.training.aggregates = seed_004_tables();
    (d.roster, d.directives, d.training)
}

fn counter() -> impl FnMut() -> Id {
    let mut n = 0;
    move || {
        n += 1;
        format!("t-{n}")
    }
}

// ----------------------------------------------------------------------- plan templates

#[test]
fn the_templates_load_every_file_of_the_index() {
    let index = dtbd_domain::training::data::parse_plan_index(&read("plans/index.json")).unwrap();
    let mut t = Templates::default();
    for entry in &index {
        t.add_file(entry, &read(&format!("plans/{}", entry.file)), 7).unwrap();
    }
    assert_eq!(t.loaded_text(), "Đã nạp 1 kế hoạch mẫu (15 lớp) và 2 bảng số liệu.");
    assert!(t.plans.iter().all(|p| p.meta.version == 1 && p.meta.updated_at == 7));
    assert!(t.lines.iter().all(|l| l.meta.version == 1 && l.meta.updated_at == 7));
    let mut r = TrainingRecords::default();
    t.add_to(&mut r);
    t.add_to(&mut r);
    assert_eq!((r.plans.len(), r.lines.len(), r.aggregates.len()), (1, 15, 2), "loading twice replaces");
    assert_eq!(plans_page(&r).rows.len(), 1);

    let e = Templates::default().add_file(&index[0], "{}", 0).unwrap_err();
    assert!(e.contains("Tệp không đọc được"), "{e}");
}

// --------------------------------------------------------------------------- plans list

#[test]
fn the_plans_list_names_each_plan_with_its_period_and_line_count() {
    assert_eq!(plans_page(&TrainingRecords::default()), PlansModel::default());
    let mut r = templates_loaded();
    let m = plans_page(&r);
    assert_eq!(m.rows.len(), 1);
    assert_eq!(m.rows[0].id, "plan-003");
    assert_eq!(m.rows[0].title, "Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm 2021");
    assert_eq!(m.rows[0].sub, "Ban Thường vụ Tỉnh ủy Quảng Ngãi · Năm 2021 · 15 lớp / chương trình");

    // A removed line is not counted; a removed plan is not listed; a period is "from - to".
    r.lines[0].removed = true;
    let mut later = r.plans[0].clone();
    later.id = "p2".into();
    later.to_year = 2025;
    r.plans.push(later);
    r.plans[0].removed = true;
    let m = plans_page(&r);
    assert_eq!(m.rows.len(), 1);
    assert_eq!(m.rows[0].sub, "Ban Thường vụ Tỉnh ủy Quảng Ngãi · 2021 - 2025 · 0 lớp / chương trình");
}

// ----------------------------------------------------------------------------- one plan

#[test]
fn seed_003_is_laid_out_like_the_document() {
    let m = plan_page(&templates_loaded(), "plan-003").unwrap();
    assert_eq!(m.title, "Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm 2021 (năm 2021)");
    assert_eq!((m.issuer.as_str(), m.number.as_str(), m.date.as_str()), ("Ban Thường vụ Tỉnh ủy Quảng Ngãi", "", ""));
    assert!(m.note.as_deref().unwrap().starts_with("Bản sao không có số"));
    assert_eq!(m.year, Some(2021));
    let titles: Vec<&str> = m.parts.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["II. Về công tác đào tạo", "III. Về công tác bồi dưỡng"]);
    assert_eq!((m.parts[0].lines.len(), m.parts[1].lines.len()), (4, 11));
    let l01 = &m.parts[0].lines[0];
    assert_eq!(l01.section, "II.1");
    assert_eq!(l01.grants, "Lý luận chính trị: Cao cấp");
    assert_eq!(l01.quota, "145 chỉ tiêu (dự kiến)");
    assert_eq!(l01.tally, LineTally::default());
    let l05 = &m.parts[1].lines[0];
    assert_eq!((l05.section.as_str(), l05.grants.as_str()), ("III.1", "Không cấp trình độ"));
    assert_eq!(m.parts[0].lines[3].programme, "Đào tạo sau đại học");

    let b = m.budget.unwrap();
    assert_eq!(
        b.rows,
        [
            ("Khối Đảng, Mặt trận, đoàn thể".to_string(), "7.237.406.000 đồng".to_string()),
            ("Khối Nhà nước".to_string(), "3.910.000.000 đồng".to_string()),
        ]
    );
    assert_eq!(b.total, "11.147.406.000 đồng");
    assert!(b.basis.unwrap().starts_with("Căn cứ: Nghị quyết số 04/2019/NQ-HĐND"));
    assert_eq!(plan_page(&templates_loaded(), "khong-co"), None);
}

#[test]
fn parts_follow_the_sections_else_the_kind() {
    let mut r = templates_loaded();
    let p = &mut r.plans[0];
    p.number = "12-KH/TU".into();
    p.date = Date::new(2021, 2, 3);
    p.note.clear();
    // A budget of parts only: the total is their sum; a part without label shows its funding.
    p.budget.total = None;
    p.budget.basis.clear();
    p.budget.parts[1].label.clear();
    p.budget.parts[1].funding = "ngân sách tỉnh".into();
    let mut extra = r.lines[0].clone();
    extra.id = "x1".into();
    extra.section = "V.2".into();
    r.lines.push(extra);
    r.lines[14].section.clear(); // a bồi dưỡng line without a section
    r.lines[0].section.clear(); // an đào tạo line without a section
    let m = plan_page(&r, "plan-003").unwrap();
    assert_eq!((m.number.as_str(), m.date.as_str()), ("Số 12-KH/TU", "ngày 03 tháng 02 năm 2021"));
    assert_eq!(m.note, None);
    let titles: Vec<&str> = m.parts.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["II. Về công tác đào tạo", "III. Về công tác bồi dưỡng", "V. Các lớp khác"]);
    assert_eq!(m.parts[0].lines[0].id, "plan-003-l01");
    assert_eq!(m.parts[1].lines.last().unwrap().id, "plan-003-l15");
    assert_eq!(m.parts[2].lines[0].id, "x1");
    let b = m.budget.unwrap();
    assert_eq!(b.rows[1].0, "ngân sách tỉnh");
    assert_eq!((b.total.as_str(), b.basis), ("11.147.406.000 đồng", None));

    // No budget at all: no section IV.
    r.plans[0].budget = Default::default();
    assert_eq!(plan_page(&r, "plan-003").unwrap().budget, None);
}

#[test]
fn the_plan_table_counts_the_demo_enrollments() {
    let (_, _, r) = demo();
    let m = plan_page(&r, "plan-003").unwrap();
    let rows: Vec<&LineRow> = m.parts.iter().flat_map(|p| &p.lines).collect();
    assert_eq!(rows.len(), 15);
    for row in &rows {
        assert_eq!(row.tally, r.tally(&row.id), "{}", row.programme);
    }
    let sum = |f: fn(&LineTally) -> u32| rows.iter().map(|x| f(&x.tally)).sum::<u32>();
    let all = sum(|t| t.nominated) + sum(|t| t.studying) + sum(|t| t.completed);
    assert_eq!(all as usize, r.enrollments.len());
    // The demo's first line is finishing: some completed, the rest studying.
    assert!(rows[0].tally.completed > 0 && rows[0].tally.studying > 0 && rows[0].tally.nominated == 0);
    assert_eq!(stage_of(0), Stage::Finishing);
}

// ------------------------------------------------------------------------ new line form

#[test]
fn the_draft_builds_the_course_line() {
    let opts = grant_options();
    let master = opts.iter().find(|(_, l)| l == "Trình độ chuyên môn: Thạc sĩ").unwrap();
    assert_eq!(master.0, "0:thac_si");
    let d = NewLineDraft {
        programme: "  Đào tạo thạc sĩ quản lý công ".into(),
        section: " II.6 ".into(),
        kind: "dao_tao".into(),
        grant: master.0.clone(),
        quota: " 12 ".into(),
        ..Default::default()
    };
    let l = d.to_course_line("plan-003", Some(2021), "l-new".into(), 42).unwrap();
    assert_eq!((l.id.as_str(), l.plan_id.as_str(), l.section.as_str()), ("l-new", "plan-003", "II.6"));
    assert_eq!(l.programme, "Đào tạo thạc sĩ quản lý công");
    assert_eq!(l.kind, TrainingKind::Training);
    assert_eq!(l.grants, Some(Grant { scale: Scale::Professional, level: "thac_si".into() }));
    assert_eq!(l.quota, Quota { persons: Some(12), on_demand: false, ..Quota::default() });
    assert_eq!(l.year, Some(2021));
    assert_eq!((l.meta.version, l.meta.updated_at), (1, 42));
    assert!(!l.removed && l.audience.is_none() && l.institutions.is_empty());
    assert_eq!(line_saved_text(&l), "Đã thêm lớp \"Đào tạo thạc sĩ quản lý công\".");

    // It reads back into the plan: a new row under II with its quota and level.
    let mut r = templates_loaded();
    r.lines.push(l);
    let m = plan_page(&r, "plan-003").unwrap();
    let row = m.parts[0].lines.last().unwrap();
    assert_eq!((row.grants.as_str(), row.quota.as_str()), ("Trình độ chuyên môn: Thạc sĩ", "12 chỉ tiêu"));

    // No quota: "theo nhu cầu đăng ký"; bồi dưỡng, no level.
    let d =
        NewLineDraft { programme: "Bồi dưỡng kỹ năng".into(), kind: "boi_duong".into(), ..Default::default() };
    let l = d.to_course_line("plan-003", None, "l2".into(), 0).unwrap();
    assert_eq!((l.kind, l.grants, l.year), (TrainingKind::Refresher, None, None));
    assert_eq!(l.quota.label(), "Theo nhu cầu đăng ký");
}

#[test]
fn the_draft_reports_what_is_wrong_by_field() {
    let d = NewLineDraft { programme: "Lớp A".into(), quota: "mười".into(), ..Default::default() };
    let e = d.to_course_line("p", None, "l".into(), 0).unwrap_err();
    assert_eq!(e, [FieldError::new("quota", "Chỉ tiêu phải là một số người.")]);
    // The line's own rules (the domain's check_line).
    let e = NewLineDraft::default().to_course_line("p", None, "l".into(), 0).unwrap_err();
    assert_eq!(e.iter().map(|x| x.field.as_str()).collect::<Vec<_>>(), ["programme"]);
    let d = NewLineDraft { programme: "Lớp A".into(), grant: "1:khong_co".into(), ..Default::default() };
    let e = d.to_course_line("p", None, "l".into(), 0).unwrap_err();
    assert_eq!(e[0].field, "grants.level");
    assert!(e[0].message.contains("\"khong_co\" không có trong thang Lý luận chính trị"), "{}", e[0].message);
}

#[test]
fn the_form_offers_every_kind_and_every_level_above_the_lowest() {
    assert_eq!(kind_options(), [("dao_tao", "Đào tạo"), ("boi_duong", "Bồi dưỡng")]);
    assert_eq!(NewLineDraft::default().kind, "dao_tao");
    let opts = grant_options();
    let want: usize = Scale::ALL.iter().map(|s| s.levels().len() - 1).sum();
    assert_eq!(opts.len(), want);
    for (value, label) in &opts {
        let d = NewLineDraft { grant: value.clone(), ..Default::default() };
        let g = d.grants().unwrap();
        assert_eq!(&g.label(), label, "{value}");
        assert!(g.rank().is_some_and(|r| r > 0), "{value}");
    }
    let d = NewLineDraft {
        programme: "A".into(),
        section: "III.4".into(),
        kind: "boi_duong".into(),
        grant: "3:bac_3".into(),
        quota: "5".into(),
        ..Default::default()
    };
    assert_eq!(d.next(), NewLineDraft { programme: String::new(), quota: String::new(), ..d.clone() });
}

// ---------------------------------------------------------------------------- one line

#[test]
fn the_line_head_says_kind_level_quota_and_where() {
    let r = templates_loaded();
    let h = line_head(r.line("plan-003-l01").unwrap());
    assert_eq!(h.plan_id, "plan-003");
    assert_eq!(h.sub, "Đào tạo · Lý luận chính trị: Cao cấp · 145 chỉ tiêu (dự kiến)");
    assert_eq!(
        h.institutions.as_deref(),
        Some("Cơ sở đào tạo: Học viện Chính trị Quốc gia Hồ Chí Minh; Học viện Chính trị khu vực III; Trường Chính trị tỉnh")
    );
    assert!(h.audience.unwrap().starts_with("Tỉnh ủy viên"));
    assert!(h.conditions.is_some());
    let h = line_head(r.line("plan-003-l05").unwrap());
    assert_eq!(h.sub, "Bồi dưỡng · Không cấp trình độ · Theo nhu cầu đăng ký");
    assert_eq!(h.conditions, None);
    let mut bare = r.line("plan-003-l05").unwrap().clone();
    bare.institutions.clear();
    bare.audience_text.clear();
    let h = line_head(&bare);
    assert_eq!((h.institutions, h.audience, h.conditions), (None, None, None));

    let t = LineTally { nominated: 3, studying: 0, completed: 2, failed: 1, withdrawn: 12, ..Default::default() };
    assert_eq!(
        tally_chips(&t),
        [
            "Đề cử: 03",
            "Đang học: 00",
            "Hoàn thành: 02",
            "Không hoàn thành: 01",
            "Rút: 12",
            "Ngoài kế hoạch: 00 (hoàn thành 00)"
        ]
    );
    let w = Warning { cadre_id: None, message: "Lục Thị Hoa không thuộc đối tượng của lớp.".into() };
    assert_eq!(warning_texts(&[w]), ["Cảnh báo: Lục Thị Hoa không thuộc đối tượng của lớp."]);
}

#[test]
fn enrollment_rows_name_the_cadre_and_the_date_of_the_status() {
    let (roster, _, r) = demo();
    let rows = enrollment_rows(&roster, &r, "plan-003-l01");
    let stored: Vec<&Enrollment> = r.enrollments_of("plan-003-l01").collect();
    assert_eq!(rows.len(), stored.len());
    assert!(!rows.is_empty());
    for (row, e) in rows.iter().zip(&stored) {
        let c = roster.cadre(&e.cadre_id).unwrap();
        assert_eq!((&row.id, &row.name), (&e.id, &c.full_name));
        assert_eq!(row.unit, roster.unit_name(&c.unit_id));
        assert_eq!(row.select_label, format!("Chọn {}", c.full_name));
        assert_eq!(row.status, e.status.label());
        // The demo starts on 1 March and finishes on 15 July of the plan's year.
        let want = match e.status {
            EnrollmentStatus::Studying => "01/03/2021",
            EnrollmentStatus::Completed => "15/07/2021",
            other => panic!("{other:?}"),
        };
        assert_eq!(row.date, want);
    }
    // A nominated-only line shows the nomination date; a cadre gone shows the id.
    let mut r = r;
    let k = (0..15).find(|k| stage_of(*k) == Stage::Nominated && r.tally(&r.lines[*k].id).nominated > 0).unwrap();
    let lid = r.lines[k].id.clone();
    let rows = enrollment_rows(&roster, &r, &lid);
    assert!(rows.iter().all(|x| x.status == "Đề cử" && x.date == "15/01/2021"));
    let e = r.enrollments.iter_mut().find(|e| e.line_id == lid).unwrap();
    e.cadre_id = "da-xoa".into();
    let rows = enrollment_rows(&roster, &r, &lid);
    assert_eq!((rows[0].name.as_str(), rows[0].unit.as_str()), ("da-xoa", ""));
}

#[test]
fn candidates_leave_out_those_nominated_or_studying_on_the_line() {
    let (roster, _, r) = demo();
    let index = SearchIndex::build(&roster);
    let lid = "plan-003-l01";
    let open: HashSet<&str> =
        r.enrollments_of(lid).filter(|e| e.status.is_open()).map(|e| e.cadre_id.as_str()).collect();
    let done: Vec<&str> = r.enrollments_of(lid).filter(|e| !e.status.is_open()).map(|e| e.cadre_id.as_str()).collect();
    assert!(!open.is_empty() && !done.is_empty());
    let n = Nomination::new(&roster, &r, lid);
    // Everyone but the open ones, in roster order, at most 200.
    let all = n.search(&index, "  ");
    assert_eq!(all.len(), CANDIDATE_LIMIT);
    let want: Vec<&str> =
        roster.cadres.iter().map(|c| c.id.as_str()).filter(|id| !open.contains(id)).take(CANDIDATE_LIMIT).collect();
    assert_eq!(all.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), want);
    // A search: only matches, still without the open ones; one who completed may go again.
    let c = roster.cadre(done[0]).unwrap();
    let found = n.search(&index, &c.full_name);
    assert!(found.iter().any(|x| x.id == c.id && x.name == c.full_name && x.unit == roster.unit_name(&c.unit_id)));
    let o = roster.cadre(open.iter().next().unwrap()).unwrap();
    let found = n.search(&index, &o.full_name);
    assert!(found.iter().all(|x| x.id != o.id));
    assert!(found.iter().all(|x| index.matches(&x.id, &o.full_name)));
    assert!(n.search(&index, "không ai tên này cả").is_empty());
}

#[test]
fn a_directive_suggestion_ticks_the_same_candidates() {
    let (roster, directives, r) = demo();
    let d = directives.iter().find(|d| d.id == "tpl-002").unwrap();
    let today = Date::new(2021, 6, 1).unwrap();
    let lid = "plan-003-l04";
    let n = Nomination::new(&roster, &r, lid);
    let s = n.from_directive(d, today);
    assert!(!s.ids.is_empty());
    assert!(s.ids.iter().all(|id| n.allows(id)));
    assert_eq!(
        s.text,
        format!(
            "Đã chọn {} người theo danh sách đề xuất của văn bản 02-ĐA/HU: hãy xem lại trước khi đề cử.",
            s.ids.len()
        )
    );
    // The same list as the domain's, less those already on the line.
    let idx = RosterIndex::build(&roster);
    let score = training::score_directive_with_records(d, &idx, today, &r);
    let all: HashSet<Id> =
        suggest(d, &idx, today, &score.targets).into_iter().flat_map(|b| b.people).map(|p| p.cadre_id).collect();
    let open: HashSet<Id> = r.enrollments_of(lid).filter(|e| e.status.is_open()).map(|e| e.cadre_id.clone()).collect();
    assert_eq!(s.ids, all.difference(&open).cloned().collect::<HashSet<_>>());

    let opts = directive_options(&directives);
    assert_eq!(opts[0].0, "tpl-002");
    assert!(opts[0].1.starts_with("02-ĐA/HU "));
    assert_eq!(plan_groups(&r, &directives, r.line(lid).unwrap()), d_groups(&directives, "tpl-003"));
}

fn d_groups(directives: &[Directive], id: &str) -> Vec<Group> {
    directives.iter().find(|d| d.id == id).unwrap().groups.clone()
}

#[test]
fn every_operation_has_its_words() {
    let all = [LineOp::Nominate, LineOp::Start, LineOp::Complete, LineOp::Fail, LineOp::Withdraw];
    assert_eq!(all.map(LineOp::label), ["Đề cử", "Nhập học", "Hoàn thành", "Không hoàn thành", "Rút"]);
    assert_eq!(
        LineOp::ON_ENROLLED.map(LineOp::label),
        ["Nhập học", "Hoàn thành", "Không hoàn thành", "Rút", "Chuyển ra ngoài kế hoạch", "Chuyển vào kế hoạch"]
    );
    assert_eq!(nominate_label(3), "Đề cử 3 người");
    assert_eq!(
        all.map(|o| o.done(2)),
        [
            "Đã đề cử 2 người.",
            "Đã ghi nhập học cho 2 người.",
            "Đã ghi hoàn thành cho 2 người.",
            "Đã ghi không hoàn thành cho 2 người.",
            "Đã ghi rút cho 2 người.",
        ]
    );
}

/// The e2e walk on the master's line: nominate three, start them, complete two, the third
/// fails; each step applied as `write_change` does.
#[test]
fn operations_move_the_line_along() {
    let (mut roster, directives, mut r) = demo();
    let lid = "plan-003-l04";
    let line = r.line(lid).unwrap().clone();
    let before = r.tally(lid);
    let picked: Vec<Id> = {
        let n = Nomination::new(&roster, &r, lid);
        n.search(&SearchIndex::build(&roster), "").into_iter().take(3).map(|c| c.id).collect()
    };
    let mut new_id = counter();
    let today = Date::new(2021, 2, 1).unwrap();
    let mut run = |op: LineOp, roster: &mut Roster, r: &mut TrainingRecords, picked: &[Id], ticked: &[Id]| {
        let input = OpInput {
            roster,
            recs: r,
            directives: &directives,
            line: &line,
            picked,
            ticked,
            date: "2021-03-01",
            today,
            now: DEMO_NOW,
        };
        let out = run_op(op, &input, &mut new_id);
        if let Ok((a, _)) = &out {
            apply(&a.change, roster, r);
        }
        out
    };
    let (a, text) = run(LineOp::Nominate, &mut roster, &mut r, &picked, &[]).unwrap();
    assert_eq!(text, "Đã đề cử 3 người.");
    assert_eq!(a.change.enrollments.len(), 3);
    assert!(a.change.enrollments.iter().all(|e| e.nominated_on == Some(today)));
    assert_eq!(r.tally(lid).nominated, before.nominated + 3);
    let ids: Vec<Id> = a.change.enrollments.iter().map(|e| e.id.clone()).collect();

    let (_, text) = run(LineOp::Start, &mut roster, &mut r, &[], &ids).unwrap();
    assert_eq!(text, "Đã ghi nhập học cho 3 người.");
    assert_eq!(r.tally(lid).studying, before.studying + 3);
    assert!(ids.iter().all(|id| r.enrollment(id).unwrap().started_on == Date::new(2021, 3, 1)));
    let (_, text) = run(LineOp::Complete, &mut roster, &mut r, &[], &ids[..2]).unwrap();
    assert_eq!(text, "Đã ghi hoàn thành cho 2 người.");
    let (_, text) = run(LineOp::Fail, &mut roster, &mut r, &[], &ids[2..]).unwrap();
    assert_eq!(text, "Đã ghi không hoàn thành cho 1 người.");
    let t = r.tally(lid);
    assert_eq!((t.completed, t.failed), (before.completed + 2, before.failed + 1));
    let status: Vec<EnrollmentStatus> = ids.iter().map(|id| r.enrollment(id).unwrap().status).collect();
    assert_eq!(status, [EnrollmentStatus::Completed, EnrollmentStatus::Completed, EnrollmentStatus::Failed]);
    // Withdrawing someone already finished is refused by the domain, with its words.
    let e = run(LineOp::Withdraw, &mut roster, &mut r, &[], &ids[..1]).unwrap_err();
    assert!(e.ends_with("không thể rút khi đang ở trạng thái \"Hoàn thành\"."), "{e}");
}

#[test]
fn operations_refuse_a_bad_date_and_an_empty_choice() {
    let (roster, directives, r) = demo();
    let line = r.line("plan-003-l04").unwrap();
    let input = |date, picked, ticked| OpInput {
        roster: &roster,
        recs: &r,
        directives: &directives,
        line,
        picked,
        ticked,
        date,
        today: Date::new(2021, 2, 1).unwrap(),
        now: DEMO_NOW,
    };
    let someone = [roster.cadres[0].id.clone()];
    let mut new_id = counter();
    let err = |op, i: &OpInput, new_id: &mut dyn FnMut() -> Id| run_op(op, i, new_id).err();
    assert_eq!(
        err(LineOp::Nominate, &input("31/02/2021", &someone, &[]), &mut new_id).as_deref(),
        Some("“31/02/2021” không phải một ngày có thật.")
    );
    assert_eq!(
        err(LineOp::Start, &input("", &[], &someone), &mut new_id).as_deref(),
        Some("Chưa nhập ngày (ghi ngày/tháng/năm, ví dụ 03/02/2021).")
    );
    // Typed day first, the date reads: what is missing next is the choice.
    assert_eq!(
        err(LineOp::Nominate, &input("01/03/2021", &[], &someone), &mut new_id).as_deref(),
        Some("Chưa chọn cán bộ nào để đề cử.")
    );
    assert_eq!(
        err(LineOp::Nominate, &input("2021-03-01", &[], &someone), &mut new_id).as_deref(),
        Some("Chưa chọn cán bộ nào để đề cử.")
    );
    for op in LineOp::ON_ENROLLED {
        assert_eq!(
            err(op, &input("2021-03-01", &someone, &[]), &mut new_id).as_deref(),
            Some("Chưa đánh dấu người nào trong danh sách cử đi học."),
            "{op:?}"
        );
    }
}

// ------------------------------------------------------------------- dispatch statistics

#[test]
fn the_years_are_the_tables_the_enrollments_and_this_year() {
    let (_, _, r) = demo();
    let years = stats_years(&r, 2026);
    assert_eq!(years, (2010..=2023).chain([2026]).collect::<Vec<u16>>());
    assert_eq!(stats_years(&TrainingRecords::default(), 2026), [2026]);
}

#[test]
fn the_own_table_shows_the_entered_figures_beside_the_apps_newest_first() {
    let (_, _, r) = demo();
    let m = stats_page(&r, 2026);
    let t = &m.own.table;
    assert_eq!(t.title, "Số lượt cử đi theo năm");
    assert_eq!(
        t.header,
        ["Năm", "Đào tạo: nhập tay", "Đào tạo: ứng dụng", "Bồi dưỡng: nhập tay", "Bồi dưỡng: ứng dụng"]
    );
    let texts = |y: &str| -> Vec<String> {
        m.own.rows.iter().find(|row| row[0].text == y).unwrap().iter().map(|c| c.text.clone()).collect()
    };
    assert_eq!(m.own.rows[0][0].text, "2026");
    assert_eq!(texts("2026"), ["2026", "-", "0", "-", "0"]);
    let b1 = r.aggregate_total(2010, TrainingKind::Refresher, CountUnit::Attendances).unwrap();
    assert_eq!(b1, 6092);
    assert_eq!(texts("2010"), ["2010", "1.528", "0", "6.092", "0"]);
    let (a, b) =
        (r.dispatches_in(2021, Some(TrainingKind::Training)), r.dispatches_in(2021, Some(TrainingKind::Refresher)));
    assert!(a > 0 && b > 0, "the demo sent people in 2021");
    assert_eq!(texts("2021")[2], a.to_string());
    assert_eq!(texts("2021")[4], b.to_string());
    let classes: Vec<Option<&str>> = m.own.rows[0].iter().map(|c| c.class).collect();
    assert_eq!(classes, [None, Some("num manual"), Some("num"), Some("num manual"), Some("num")]);
    // The chart covers the same years, oldest first.
    assert_eq!(m.chart.title, "Lượt cử đi đào tạo, bồi dưỡng theo năm");
    let titles: Vec<&str> = m.chart.rects.iter().map(|x| x.title.as_str()).collect();
    assert!(titles.contains(&"2010 - Đào tạo (nhập tay): 1528 lượt"), "{titles:?}");
}

#[test]
fn the_historical_tables_add_the_staff_sums_and_keep_the_printed_total() {
    let r = templates_loaded();
    let m = stats_page(&r, 2026);
    assert_eq!(m.aggregates.len(), 2);
    let b1 = &m.aggregates[0];
    assert_eq!(
        b1.label,
        "Số liệu nhập tay trước khi dùng ứng dụng. Số liệu tổng hợp (không gắn với từng cán bộ) Đơn vị: lượt. Số liệu tổng hợp từ báo cáo các năm của Sở Nội vụ (Đề án 7328/ĐA-UBND, tỉnh Quảng Nam)"
    );
    let t = &b1.shown.table;
    assert_eq!(t.title, "Bảng 1. Thống kê lượt cử cán bộ, công chức, viên chức đi đào tạo");
    assert_eq!(t.header.len(), 1 + 6 + 2 + 1);
    assert_eq!(t.header[7..], ["Cộng cán bộ, công chức", "Cộng viên chức", "Tổng"]);
    let texts = |s: &ShownTable, i: usize| -> Vec<String> { s.rows[i].iter().map(|c| c.text.clone()).collect() };
    // 2010: 43 + 305 + 5 cán bộ, công chức; 59 + 820 + 296 viên chức; 1.528 in all.
    assert_eq!(texts(&b1.shown, 0), ["2010", "43", "59", "305", "820", "5", "296", "353", "1.175", "1.528"]);
    // The foot: the column sums as printed, 8.664 in all.
    let foot = texts(&b1.shown, t.rows.len() - 1);
    assert_eq!(foot[0], "Tổng");
    assert_eq!(foot[1..7], ["431", "1.009", "1.233", "4.629", "84", "1.278"]);
    assert_eq!(foot[9], "8.664");
    assert_eq!(foot[7], format_thousands(431 + 1233 + 84));

    // Bảng 2 prints 47.549 where its rows add up to 47.530: both rows are shown; "Khác" is
    // counted in neither staff sum, only in the total.
    let b2 = &m.aggregates[1].shown;
    let n = b2.rows.len();
    assert_eq!(texts(b2, n - 2)[0], "Tổng");
    assert_eq!(texts(b2, n - 2).last().unwrap(), "47.530");
    assert_eq!(texts(b2, n - 1)[0], "Tổng (theo văn bản)");
    assert_eq!(texts(b2, n - 1).last().unwrap(), "47.549");
    let row = texts(b2, 0);
    assert_eq!(row[12..], ["1.006", "2.297", "6.092"]);
    assert_eq!(1006 + 2297 + 2789, 6092);
}

/// Screen and export cannot differ: every figure shown is the CSV's, dots aside.
#[test]
fn every_figure_shown_is_the_exported_one() {
    let (_, _, r) = demo();
    let m = stats_page(&r, 2026);
    let shown = std::iter::once(&m.own).chain(m.aggregates.iter().map(|a| &a.shown));
    for s in shown {
        let csv = s.table.to_csv();
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').trim_end().split("\r\n").skip(1).collect();
        assert_eq!(lines.len(), s.rows.len(), "{}", s.table.title);
        for (line, row) in lines.iter().zip(&s.rows) {
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(fields.len(), row.len(), "{line}");
            for (f, c) in fields.iter().zip(row) {
                let c = if c.text == "-" { String::new() } else { c.text.replace('.', "") };
                assert_eq!(*f, c, "{}: {line}", s.table.title);
            }
        }
        assert!(s.table.rows.iter().all(|row| row.len() == s.table.header.len()), "{}", s.table.title);
    }
}

// ------------------------------------------------------- courses as annual plans write them

#[test]
fn a_line_opened_in_the_form_and_saved_unchanged_stays_as_it_was() {
    let r = templates_loaded();
    for l in &r.lines {
        let saved = NewLineDraft::from_line(l).edit_line(l, 99).unwrap();
        assert_eq!(saved.meta.version, l.meta.version + 1);
        assert_eq!(CourseLine { meta: l.meta.clone(), ..saved }, *l, "{}", l.programme);
    }
}

#[test]
fn the_line_form_holds_mode_round_carry_over_budget_by_source_and_subsidy() {
    let d = NewLineDraft {
        programme: "Bồi dưỡng ngạch chuyên viên chính".into(),
        kind: "boi_duong".into(),
        quota: "40".into(),
        attendance: "buoi_toi_ngay_nghi".into(),
        round: "đợt 2".into(),
        carry_finishes: "2022".into(),
        budget: BudgetDraft {
            total: "khoảng 500 triệu đồng".into(),
            parts: vec![PartDraft::new("nsnn", "300.000.000"), PartDraft::new("ca_nhan_tu_chi", "150 triệu")],
            remainder: "50.000.000".into(),
        },
        subsidy: "2.000.000".into(),
        ..Default::default()
    };
    let l = d.to_course_line("plan-003", Some(2021), "l-cv".into(), 5).unwrap();
    assert_eq!(l.attendance, Some(Attendance::EveningsWeekends));
    assert_eq!(l.round, Some(2));
    assert_eq!(l.carry_over, Some(CarryOver { opened: 2021, finishes: 2022 }));
    assert_eq!((l.budget, l.budget_bound, l.budget_remainder), (Some(500_000_000), Bound::About, Some(50_000_000)));
    assert_eq!(l.budget_parts[1].source, Some(FundingSource::SelfFunded));
    assert_eq!(l.subsidy_per_learner, Some(2_000_000));
    // Shown in the plan's table and on the line's page.
    let mut r = templates_loaded();
    r.lines.push(l.clone());
    let row = plan_page(&r, "plan-003").unwrap().parts[1].lines.last().unwrap().clone();
    assert_eq!(
        (row.mode.as_str(), row.round.as_str(), row.budget.as_str(), row.carry_over.as_str()),
        ("Buổi tối, ngày nghỉ", "Đợt 2", "khoảng 500.000.000 đồng", "Chuyển tiếp")
    );
    let h = line_head(&l);
    assert_eq!(h.sub, "Bồi dưỡng · Không cấp trình độ · 40 chỉ tiêu · Buổi tối, ngày nghỉ · Đợt 2");
    assert_eq!(h.carry_over.as_deref(), Some("Chuyển tiếp: mở năm 2021, kết thúc năm 2022"));
    assert_eq!(
        h.budget.as_deref(),
        Some(
            "Kinh phí: khoảng 500.000.000 đồng (trong đó Ngân sách nhà nước: 300.000.000 đồng; Cá nhân tự chi: \
             150.000.000 đồng; còn lại: 50.000.000 đồng)"
        )
    );
    assert_eq!(
        subsidy_text(&r, &l).as_deref(),
        Some("Hỗ trợ 2.000.000 đồng/học viên × 00 học viên trong kế hoạch = 0 đồng")
    );
    // Opened again, every field reads back as typed.
    let again = NewLineDraft::from_line(&l);
    assert_eq!((again.round.as_str(), again.carry_opened.as_str()), ("2", "2021"));
    assert_eq!(again.budget.total, "khoảng 500.000.000");
    assert_eq!(again.edit_line(&l, 6).unwrap().budget_parts, l.budget_parts);
}

#[test]
fn the_line_form_says_what_is_wrong_with_money_rounds_and_years() {
    let base = NewLineDraft { programme: "Lớp A".into(), ..Default::default() };
    let with = |f: &dyn Fn(&mut NewLineDraft)| {
        let mut d = base.clone();
        f(&mut d);
        d.to_course_line("p", Some(2024), "l".into(), 0).unwrap_err()
    };
    let e = with(&|d| d.budget.total = "năm trăm".into());
    assert_eq!(e[0].field, "budget.total");
    assert!(e[0].message.starts_with("Số tiền \"năm trăm\" không hợp lệ"), "{}", e[0].message);
    // Parts beyond the total: the domain's rule, on the line's field.
    let e = with(&|d| {
        d.budget.total = "100.000.000".into();
        d.budget.parts = vec![PartDraft::new("nsnn", "80 triệu"), PartDraft::new("ngan_sach_dia_phuong", "30 triệu")];
    });
    assert_eq!(e[0].field, "budget_parts");
    assert!(e[0].message.contains("110.000.000 đồng, vượt tổng 100.000.000 đồng"), "{}", e[0].message);
    let e = with(&|d| d.round = "hai".into());
    assert_eq!(e[0].message, "Đợt phải là một số (1, 2 ...).");
    let e = with(&|d| d.carry_opened = "2024".into());
    assert_eq!(e[0].field, "carry_over.finishes");
    let e = with(&|d| d.carry_finishes = "20x5".into());
    assert!(e[0].message.contains("\"20x5\" không hợp lệ"));
    let e = with(&|d| d.subsidy = "khoảng 2 triệu".into());
    assert_eq!(e[0].field, "subsidy_per_learner");
    let e = with(&|d| {
        d.quota = "3".into();
        d.subsidy = "10.000.000.000.000.000.000".into();
    });
    assert!(e[0].message.contains("vượt quá"), "{e:?}");
}

#[test]
fn the_plan_budget_form_names_sources_leaves_a_remainder_and_totals_by_source() {
    let mut r = templates_loaded();
    let p = r.plan("plan-003").unwrap().clone();
    let mut d = BudgetDraft::from_budget(&p.budget);
    assert_eq!(d.total, "11.147.406.000");
    assert_eq!(d.parts[0].name, "Khối Đảng, Mặt trận, đoàn thể");
    // Opened and saved unchanged: the same budget.
    assert_eq!(plan_with_budget(&p, &d, 1).unwrap().budget, p.budget);
    d.parts[0].source = "ngan_sach_dia_phuong".into();
    d.parts[1].source = "nsnn".into();
    d.parts[1].amount = "3.000.000.000".into();
    d.remainder = "910.000.000".into();
    let saved = plan_with_budget(&p, &d, 2).unwrap();
    assert_eq!(saved.budget.parts[1].block, p.budget.parts[1].block, "the block is kept");
    assert_eq!(saved.meta.version, p.meta.version + 1);
    // A part beyond the total is refused, in Vietnamese, on its field.
    let mut over = d.clone();
    over.parts[1].amount = "5.000.000.000".into();
    let e = plan_with_budget(&p, &over, 3).unwrap_err();
    assert_eq!(e[0].field, "budget.parts");
    assert!(e[0].message.contains("vượt tổng 11.147.406.000 đồng"), "{}", e[0].message);

    r.plans[0] = saved;
    let mut l = r.lines[8].clone();
    l.budget = Some(400_000_000);
    l.budget_parts = vec![BudgetPart { source: Some(FundingSource::State), amount: 300_000_000, ..Default::default() }];
    l.subsidy_per_learner = Some(1_000_000);
    r.lines[8] = l;
    let m = plan_page(&r, "plan-003").unwrap();
    let b = m.budget.unwrap();
    assert_eq!(b.rows[1], ("Khối Nhà nước (Ngân sách nhà nước)".to_string(), "3.000.000.000 đồng".to_string()));
    assert_eq!(b.remainder.as_deref(), Some("910.000.000 đồng"));
    let f = m.funding.unwrap().unwrap();
    let rows: Vec<(&str, &str, &str)> =
        f.rows.iter().map(|x| (x.source.as_str(), x.plan.as_str(), x.lines.as_str())).collect();
    assert_eq!(
        rows,
        [
            ("Ngân sách nhà nước", "3.000.000.000 đồng", "300.000.000 đồng"),
            ("Ngân sách địa phương", "7.237.406.000 đồng", "0 đồng"),
            ("Chưa ghi nguồn / còn lại", "910.000.000 đồng", "100.000.000 đồng"),
            ("Tổng", "11.147.406.000 đồng", "400.000.000 đồng"),
        ]
    );
    assert_eq!(f.subsidies, None, "nobody nominated yet");
    // The CSV holds the same rows, amounts as whole đồng.
    assert_eq!(f.table.rows.len(), f.rows.len());
    assert_eq!(f.table.rows[0][1], Cell::Int(3_000_000_000));
    assert_eq!(f.table.rows[3][2], Cell::Int(400_000_000));
    // Seed 003 as shipped names no source: no such table.
    assert_eq!(plan_page(&templates_loaded(), "plan-003").unwrap().funding, None);
}

#[test]
fn out_of_plan_nominees_are_counted_apart_on_the_line_and_in_the_statistics() {
    let (mut roster, directives, mut r) = demo();
    let lid = "plan-003-l09";
    let line = r.line(lid).unwrap().clone();
    let before = r.tally(lid);
    let picked: Vec<Id> = {
        let n = Nomination::new(&roster, &r, lid);
        n.search(&SearchIndex::build(&roster), "").into_iter().take(2).map(|c| c.id).collect()
    };
    let input = OpInput {
        roster: &roster,
        recs: &r,
        directives: &directives,
        line: &line,
        picked: &picked,
        ticked: &[],
        date: "2021-03-01",
        today: Date::new(2021, 3, 1).unwrap(),
        now: DEMO_NOW,
    };
    let (applied, text) = run_op(LineOp::NominateOutsidePlan, &input, &mut counter()).unwrap();
    assert_eq!(text, "Đã đề cử 2 người ngoài kế hoạch (không tính vào chỉ tiêu).");
    assert_eq!(LineOp::NominateOutsidePlan.label(), "Đề cử ngoài kế hoạch");
    assert!(applied.warnings.iter().all(|w| !w.message.contains("vượt chỉ tiêu")));
    apply(&applied.change, &mut roster, &mut r);
    let after = r.tally(lid);
    assert_eq!((after.out_of_plan, after.quota_taken()), (before.out_of_plan + 2, before.quota_taken()));
    // Started: the statistics count them in "ngoài kế hoạch".
    for e in r.enrollments.iter_mut().filter(|e| e.out_of_plan) {
        e.status = EnrollmentStatus::Studying;
        e.started_on = Date::new(2021, 3, 2);
    }
    let t = placed_table(&r, &[2021]);
    assert_eq!(t.header[4], "Bồi dưỡng: ngoài kế hoạch");
    assert_eq!(t.rows[0][4], Cell::Int(2));
    assert_eq!(t.rows[0][3], Cell::Int(i64::from(r.dispatches_placed(2021, Some(TrainingKind::Refresher), false))));
    assert_eq!(stats_page(&r, 2021).placed.table, placed_table(&r, &stats_years(&r, 2021)));
    // The list marks them; ticked, they move back into the plan (and take places of the quota).
    let rows = enrollment_rows(&roster, &r, lid);
    let outside: Vec<Id> = rows.iter().filter(|x| x.placement == "Ngoài kế hoạch").map(|x| x.id.clone()).collect();
    assert_eq!(outside.len(), 2);
    let input = OpInput { recs: &r, picked: &[], ticked: &outside, ..input_for(&roster, &directives, &line) };
    let (applied, text) = run_op(LineOp::IntoPlan, &input, &mut counter()).unwrap();
    assert_eq!(text, "Đã chuyển 2 người vào kế hoạch.");
    apply(&applied.change, &mut roster, &mut r);
    assert_eq!(r.tally(lid).out_of_plan, before.out_of_plan);
    assert_eq!(r.tally(lid).quota_taken(), before.quota_taken() + 2);
}

fn input_for<'a>(roster: &'a Roster, directives: &'a [Directive], line: &'a CourseLine) -> OpInput<'a> {
    static EMPTY: std::sync::OnceLock<TrainingRecords> = std::sync::OnceLock::new();
    OpInput {
        roster,
        recs: EMPTY.get_or_init(TrainingRecords::default),
        directives,
        line,
        picked: &[],
        ticked: &[],
        date: "2021-03-05",
        today: Date::new(2021, 3, 5).unwrap(),
        now: DEMO_NOW + 10,
    }
}
