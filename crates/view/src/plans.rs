//! Kế hoạch đào tạo, bồi dưỡng (`ke-hoach.html`) as plain data: the plans list, one plan laid
//! out like the document (II. đào tạo, III. bồi dưỡng, IV. kinh phí), the "+ Thêm lớp" form
//! draft, one course line (its head, tally, enrollments, nomination candidates and the
//! operations on it), and the dispatch statistics, whose screen is drawn from the very
//! [`Table`]s its CSV and XLSX buttons export.

use std::collections::{BTreeSet, HashSet};

use dtbd_domain::chart::{dispatch_plot, Plot};
use dtbd_domain::directive::{suggest, Date, Directive, Group, RosterIndex};
use dtbd_domain::error::FieldError;
use dtbd_domain::levels::Scale;
use dtbd_domain::model::{Id, Millis, RecordMeta};
use dtbd_domain::number::{format_count, format_thousands};
use dtbd_domain::roster::{Roster, SearchIndex};
use dtbd_domain::table::{Cell, Table};
use dtbd_domain::tables::{aggregate_table, dispatch_table, DISPATCH_MANUAL_COLUMNS};
use dtbd_domain::training::data::{check_line, load_plan_data, load_plan_file};
use dtbd_domain::training::{
    self, Applied, CourseLine, DispatchTable, EnrollmentStatus, Grant, LineTally, Plan, PlanFile, PlanIndexEntry,
    Quota, StaffKind, TrainingKind, TrainingRecords, Warning,
};

// ------------------------------------------------------------------------------- shared

/// "11.147.406.000 đồng".
fn money(n: u64) -> String {
    format!("{} đồng", format_thousands(n))
}

/// The plan's period: "2021" → `("Năm 2021" | "năm 2021")`, else "2021 - 2025".
fn period(p: &Plan, word: &str) -> String {
    if p.from_year == p.to_year {
        format!("{word} {}", p.from_year)
    } else {
        format!("{} - {}", p.from_year, p.to_year)
    }
}

/// "Lý luận chính trị: Cao cấp" or "Không cấp trình độ".
fn grants_label(l: &CourseLine) -> String {
    l.grants.as_ref().map_or_else(|| "Không cấp trình độ".into(), Grant::label)
}

// ----------------------------------------------------------------------- plan templates

/// "Dùng mẫu kế hoạch": the built-in plans, their lines and the historical tables read from
/// the files `plans/index.json` lists, each record stamped as new at `now`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Templates {
    /// Kế hoạch.
    pub plans: Vec<Plan>,
    /// Lớp / chương trình.
    pub lines: Vec<CourseLine>,
    /// Số liệu tổng hợp các năm trước.
    pub tables: Vec<DispatchTable>,
}

impl Templates {
    /// Adds one file of the index (a plan with its lines, or a data file's tables), validated
    /// by the domain; the messages joined when it is refused.
    pub fn add_file(&mut self, entry: &PlanIndexEntry, text: &str, now: Millis) -> Result<(), String> {
        let join = |e: Vec<FieldError>| e.into_iter().map(|x| x.message).collect::<Vec<_>>().join(" ");
        if entry.kind == "plan" {
            let f = load_plan_file(text).map_err(join)?;
            let mut p = f.plan;
            p.meta = RecordMeta::next(None, now);
            self.plans.push(p);
            self.lines.extend(f.lines.into_iter().map(|mut l| {
                l.meta = RecordMeta::next(None, now);
                l
            }));
        } else {
            let (d, _notes) = load_plan_data(text).map_err(join)?;
            self.tables.extend(d.tables);
        }
        Ok(())
    }

    /// Puts them in memory as the store put them on disk: plans and lines replace those with
    /// the same ids, tables too.
    pub fn add_to(&self, recs: &mut TrainingRecords) {
        for p in &self.plans {
            let lines: Vec<CourseLine> = self.lines.iter().filter(|l| l.plan_id == p.id).cloned().collect();
            recs.add_plan_file(&PlanFile { format: String::new(), plan: p.clone(), lines });
        }
        let ids: HashSet<&str> = self.tables.iter().map(|t| t.id.as_str()).collect();
        recs.aggregates.retain(|t| !ids.contains(t.id.as_str()));
        recs.aggregates.extend(self.tables.iter().cloned());
    }

    /// "Đã nạp 1 kế hoạch mẫu (15 lớp) và 2 bảng số liệu."
    pub fn loaded_text(&self) -> String {
        format!(
            "Đã nạp {} kế hoạch mẫu ({} lớp) và {} bảng số liệu.",
            self.plans.len(),
            self.lines.len(),
            self.tables.len()
        )
    }
}

// --------------------------------------------------------------------------- plans list

/// One plan in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    /// Mã (for the link).
    pub id: Id,
    /// Trích yếu.
    pub title: String,
    /// "Ban Thường vụ Tỉnh ủy · Năm 2021 · 15 lớp / chương trình".
    pub sub: String,
}

/// The plans page: every plan not removed, in stored order (empty: the page invites loading
/// the templates).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlansModel {
    /// Các kế hoạch.
    pub rows: Vec<PlanRow>,
}

/// What the plans page shows.
pub fn plans_page(recs: &TrainingRecords) -> PlansModel {
    let rows = recs
        .plans
        .iter()
        .filter(|p| !p.removed)
        .map(|p| PlanRow {
            id: p.id.clone(),
            title: p.title.clone(),
            sub: format!("{} · {} · {} lớp / chương trình", p.issuer, period(p, "Năm"), recs.lines_of(&p.id).count()),
        })
        .collect();
    PlansModel { rows }
}

// ----------------------------------------------------------------------------- one plan

/// One course line in the plan's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRow {
    /// Mã (for the link).
    pub id: Id,
    /// Mục ("II.4").
    pub section: String,
    /// Lớp / chương trình.
    pub programme: String,
    /// Trình độ đạt được.
    pub grants: String,
    /// Chỉ tiêu ("145 chỉ tiêu (dự kiến)").
    pub quota: String,
    /// Đề cử, đang học, hoàn thành ...
    pub tally: LineTally,
}

/// A part of the document ("II. Về công tác đào tạo") with its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPart {
    /// Tiêu đề.
    pub title: String,
    /// Các lớp, in stored order.
    pub lines: Vec<LineRow>,
}

/// IV. Kinh phí.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetModel {
    /// Each part: its label (or funding) and amount in words ("7.237.406.000 đồng").
    pub rows: Vec<(String, String)>,
    /// Tổng kinh phí (as stated, else the sum of the parts).
    pub total: String,
    /// "Căn cứ: ...", when stated.
    pub basis: Option<String>,
}

/// One plan as the document lays it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanModel {
    /// Mã.
    pub id: Id,
    /// Cơ quan ban hành.
    pub issuer: String,
    /// "Số 12-KH/TU", or empty.
    pub number: String,
    /// "ngày 03 tháng 02 năm 2021", or empty.
    pub date: String,
    /// "Kế hoạch ... (năm 2021)".
    pub title: String,
    /// Ghi chú, when any.
    pub note: Option<String>,
    /// II, III ... in the order the lines first name them.
    pub parts: Vec<PlanPart>,
    /// IV. Kinh phí, when the plan states one.
    pub budget: Option<BudgetModel>,
    /// The year a new line belongs to (an annual plan's).
    pub year: Option<u16>,
}

/// "II.4" → "II"; a line without a section goes under II (đào tạo) or III (bồi dưỡng).
fn part_of(l: &CourseLine) -> String {
    let s = l.section.split('.').next().unwrap_or("").trim();
    if s.is_empty() {
        match l.kind {
            TrainingKind::Training => "II".into(),
            TrainingKind::Refresher => "III".into(),
        }
    } else {
        s.to_string()
    }
}

fn part_title(part: &str) -> String {
    match part {
        "II" => "II. Về công tác đào tạo".into(),
        "III" => "III. Về công tác bồi dưỡng".into(),
        other => format!("{other}. Các lớp khác"),
    }
}

fn budget(p: &Plan) -> Option<BudgetModel> {
    let b = &p.budget;
    (b.total.is_some() || !b.parts.is_empty()).then(|| BudgetModel {
        rows: b
            .parts
            .iter()
            .map(|x| (if x.label.is_empty() { x.funding.clone() } else { x.label.clone() }, money(x.amount)))
            .collect(),
        total: money(b.total.or_else(|| b.parts_sum()).unwrap_or_default()),
        basis: (!b.basis.is_empty()).then(|| format!("Căn cứ: {}", b.basis)),
    })
}

/// What the plan page shows; `None` when there is no such plan.
pub fn plan_page(recs: &TrainingRecords, plan_id: &str) -> Option<PlanModel> {
    let p = recs.plan(plan_id)?;
    let mut parts: Vec<PlanPart> = Vec::new();
    for l in recs.lines_of(&p.id) {
        let row = LineRow {
            id: l.id.clone(),
            section: l.section.clone(),
            programme: l.programme.clone(),
            grants: grants_label(l),
            quota: l.quota.label(),
            tally: recs.tally(&l.id),
        };
        let title = part_title(&part_of(l));
        match parts.iter_mut().find(|x| x.title == title) {
            Some(part) => part.lines.push(row),
            None => parts.push(PlanPart { title, lines: vec![row] }),
        }
    }
    Some(PlanModel {
        id: p.id.clone(),
        issuer: p.issuer.clone(),
        number: if p.number.is_empty() { String::new() } else { format!("Số {}", p.number) },
        date: p.date.map(Date::long_vi).unwrap_or_default(),
        title: format!("{} ({})", p.title, period(p, "năm")),
        note: (!p.note.is_empty()).then(|| p.note.clone()),
        parts,
        budget: budget(p),
        year: (p.from_year == p.to_year).then_some(p.from_year),
    })
}

// ------------------------------------------------------------------------ new line form

/// "+ Thêm lớp": the fields an officer types first, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLineDraft {
    /// Lớp / chương trình.
    pub programme: String,
    /// Mục trong kế hoạch ("II.6").
    pub section: String,
    /// Loại: a [`TrainingKind`] code.
    pub kind: String,
    /// Trình độ đạt được: a value of [`grant_options`], empty for none.
    pub grant: String,
    /// Chỉ tiêu (người), empty for "theo nhu cầu đăng ký".
    pub quota: String,
}

impl Default for NewLineDraft {
    fn default() -> Self {
        NewLineDraft {
            programme: String::new(),
            section: String::new(),
            kind: TrainingKind::Training.code().into(),
            grant: String::new(),
            quota: String::new(),
        }
    }
}

/// The "Loại" choices: (code, label).
pub fn kind_options() -> Vec<(&'static str, &'static str)> {
    TrainingKind::ALL.iter().map(|k| (k.code(), k.label())).collect()
}

/// The "Trình độ đạt được" choices: ("<scale index>:<level code>", "Scale: Level"), every
/// level above the lowest of each scale.
pub fn grant_options() -> Vec<(String, String)> {
    Scale::ALL
        .iter()
        .enumerate()
        .flat_map(|(si, s)| {
            s.levels()
                .into_iter()
                .skip(1)
                .map(move |(code, label)| (format!("{si}:{code}"), format!("{}: {label}", s.label())))
        })
        .collect()
}

impl NewLineDraft {
    /// The grant a [`grant_options`] value names.
    fn grants(&self) -> Option<Grant> {
        self.grant.split_once(':').and_then(|(s, l)| {
            s.parse::<usize>().ok().and_then(|i| Scale::ALL.get(i)).map(|s| Grant { scale: *s, level: l.to_string() })
        })
    }

    /// The course line this draft describes on plan `plan_id` (in `year`, for an annual
    /// plan), with id `id`, saved at `now`; or the problems, naming their fields, the line's
    /// own rules included.
    pub fn to_course_line(
        &self,
        plan_id: &str,
        year: Option<u16>,
        id: Id,
        now: Millis,
    ) -> Result<CourseLine, Vec<FieldError>> {
        let q = self.quota.trim();
        let persons = q.parse::<u32>().ok();
        if !q.is_empty() && persons.is_none() {
            return Err(vec![FieldError::new("quota", "Chỉ tiêu phải là một số người.")]);
        }
        let line = CourseLine {
            id,
            plan_id: plan_id.to_string(),
            section: self.section.trim().to_string(),
            kind: TrainingKind::from_code(&self.kind).unwrap_or(TrainingKind::Training),
            programme: self.programme.trim().to_string(),
            grants: self.grants(),
            attendance: None,
            abroad: false,
            event: Default::default(),
            institutions: vec![],
            audience: None,
            audience_text: String::new(),
            conditions: String::new(),
            quota: Quota { persons, on_demand: persons.is_none(), ..Quota::default() },
            directing_body: String::new(),
            organising_body: String::new(),
            time: String::new(),
            year,
            fields: vec![],
            sectors: vec![],
            block: None,
            classes_planned: None,
            classes_held: vec![],
            budget: None,
            budget_bound: Default::default(),
            budget_parts: vec![],
            budget_remainder: None,
            subsidy_per_learner: None,
            round: None,
            carry_over: None,
            targets: vec![],
            note: String::new(),
            removed: false,
            meta: RecordMeta::next(None, now),
        };
        let e = check_line(&line);
        if e.is_empty() {
            Ok(line)
        } else {
            Err(e)
        }
    }

    /// The draft after a line was saved: ready for the next one in the same section, kind
    /// and level.
    pub fn next(&self) -> NewLineDraft {
        NewLineDraft { programme: String::new(), quota: String::new(), ..self.clone() }
    }
}

/// "Đã thêm lớp \"...\"."
pub fn line_saved_text(l: &CourseLine) -> String {
    format!("Đã thêm lớp \"{}\".", l.programme)
}

// ---------------------------------------------------------------------------- one line

/// The head of the line page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineHead {
    /// Kế hoạch (for "← Về kế hoạch").
    pub plan_id: Id,
    /// Lớp / chương trình.
    pub programme: String,
    /// "Đào tạo · Lý luận chính trị: Cao cấp · 145 chỉ tiêu (dự kiến)".
    pub sub: String,
    /// "Cơ sở đào tạo: ...", when any.
    pub institutions: Option<String>,
    /// Đối tượng as the document writes it, when any.
    pub audience: Option<String>,
    /// Điều kiện, when any.
    pub conditions: Option<String>,
}

/// The head of a line's page.
pub fn line_head(l: &CourseLine) -> LineHead {
    LineHead {
        plan_id: l.plan_id.clone(),
        programme: l.programme.clone(),
        sub: format!("{} · {} · {}", l.kind.label(), grants_label(l), l.quota.label()),
        institutions: (!l.institutions.is_empty()).then(|| format!("Cơ sở đào tạo: {}", l.institutions.join("; "))),
        audience: (!l.audience_text.is_empty()).then(|| l.audience_text.clone()),
        conditions: (!l.conditions.is_empty()).then(|| l.conditions.clone()),
    }
}

/// The tally chips: "Đề cử: 03", "Đang học: 00" ...
pub fn tally_chips(t: &LineTally) -> Vec<String> {
    [
        ("Đề cử", t.nominated),
        ("Đang học", t.studying),
        ("Hoàn thành", t.completed),
        ("Không hoàn thành", t.failed),
        ("Rút", t.withdrawn),
    ]
    .into_iter()
    .map(|(k, n)| format!("{k}: {}", format_count(n)))
    .collect()
}

/// "Cảnh báo: ..." for each warning of an operation.
pub fn warning_texts(w: &[Warning]) -> Vec<String> {
    w.iter().map(|x| format!("Cảnh báo: {}", x.message)).collect()
}

/// One row of "Danh sách cử đi học".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrollmentRow {
    /// Mã of the enrollment (what the operations take).
    pub id: Id,
    /// Họ và tên (the cadre id when the cadre is gone).
    pub name: String,
    /// Đơn vị.
    pub unit: String,
    /// Trạng thái.
    pub status: &'static str,
    /// The date of the current status ("01/03/2021"), or empty.
    pub date: String,
    /// The tick box's label: "Chọn <name>".
    pub select_label: String,
}

/// The line's enrollments, in stored order.
pub fn enrollment_rows(roster: &Roster, recs: &TrainingRecords, line_id: &str) -> Vec<EnrollmentRow> {
    recs.enrollments_of(line_id)
        .map(|e| {
            let (name, unit) = roster.cadre(&e.cadre_id).map_or((e.cadre_id.clone(), String::new()), |c| {
                (c.full_name.clone(), roster.unit_name(&c.unit_id).to_string())
            });
            let when = match e.status {
                EnrollmentStatus::Nominated => e.nominated_on,
                EnrollmentStatus::Studying => e.started_on,
                EnrollmentStatus::Completed | EnrollmentStatus::Failed | EnrollmentStatus::Withdrawn => e.ended_on,
            };
            EnrollmentRow {
                id: e.id.clone(),
                select_label: format!("Chọn {name}"),
                name,
                unit,
                status: e.status.label(),
                date: when.map(Date::short_vi).unwrap_or_default(),
            }
        })
        .collect()
}

/// At most this many cadres are offered for nomination at once.
pub const CANDIDATE_LIMIT: usize = 200;

/// One cadre offered for nomination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Mã cán bộ.
    pub id: Id,
    /// Họ và tên.
    pub name: String,
    /// Đơn vị.
    pub unit: String,
}

/// Who may still be nominated onto a line: every cadre but those nominated or studying on
/// it. Computed once, and both ways of picking (a search, a directive's đề xuất list) go
/// through it.
pub struct Nomination<'a> {
    roster: &'a Roster,
    recs: &'a TrainingRecords,
    open: HashSet<&'a str>,
}

/// A directive's đề xuất list, less those already on the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggested {
    /// The cadres to tick.
    pub ids: HashSet<Id>,
    /// "Đã chọn 3 người theo danh sách đề xuất của văn bản 02-ĐA/HU: ...".
    pub text: String,
}

impl<'a> Nomination<'a> {
    /// The candidates for line `line_id`.
    pub fn new(roster: &'a Roster, recs: &'a TrainingRecords, line_id: &str) -> Self {
        let open = recs
            .enrollments
            .iter()
            .filter(|e| e.line_id == line_id && e.status.is_open())
            .map(|e| e.cadre_id.as_str())
            .collect();
        Nomination { roster, recs, open }
    }

    /// True when the cadre may be nominated.
    pub fn allows(&self, cadre_id: &str) -> bool {
        !self.open.contains(cadre_id)
    }

    /// The candidates matching `query` (every candidate for an empty query), in roster
    /// order, at most [`CANDIDATE_LIMIT`].
    pub fn search(&self, index: &SearchIndex, query: &str) -> Vec<Candidate> {
        let found: Option<HashSet<&str>> = (!query.trim().is_empty()).then(|| index.find(query).into_iter().collect());
        self.roster
            .cadres
            .iter()
            .filter(|c| self.allows(&c.id) && found.as_ref().is_none_or(|f| f.contains(c.id.as_str())))
            .take(CANDIDATE_LIMIT)
            .map(|c| Candidate {
                id: c.id.clone(),
                name: c.full_name.clone(),
                unit: self.roster.unit_name(&c.unit_id).to_string(),
            })
            .collect()
    }

    /// Đề xuất cử đi học: everyone directive `d`'s suggestion list names at `today` (scored
    /// with the training records), less those already on the line; the officer reviews the
    /// ticks before nominating.
    pub fn from_directive(&self, d: &Directive, today: Date) -> Suggested {
        let idx = RosterIndex::build(self.roster);
        let score = training::score_directive_with_records(d, &idx, today, self.recs);
        let ids: HashSet<Id> = suggest(d, &idx, today, &score.targets)
            .into_iter()
            .flat_map(|b| b.people.into_iter().map(|p| p.cadre_id))
            .filter(|id| self.allows(id))
            .collect();
        let text = format!(
            "Đã chọn {} người theo danh sách đề xuất của văn bản {}: hãy xem lại trước khi đề cử.",
            ids.len(),
            d.number
        );
        Suggested { ids, text }
    }
}

/// The "Chọn theo đề xuất cử đi học của văn bản" choices: (id, "number title").
pub fn directive_options(directives: &[Directive]) -> Vec<(Id, String)> {
    directives.iter().map(|d| (d.id.clone(), format!("{} {}", d.number, d.title))).collect()
}

/// The directive groups a line's audience rule may name: those of its plan's directives.
pub fn plan_groups(recs: &TrainingRecords, directives: &[Directive], line: &CourseLine) -> Vec<Group> {
    let ids = recs.plan(&line.plan_id).map(|p| p.directive_ids.as_slice()).unwrap_or_default();
    directives.iter().filter(|d| ids.contains(&d.id)).flat_map(|d| d.groups.iter().cloned()).collect()
}

/// An operation on a course line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineOp {
    /// Đề cử the cadres picked from the candidates.
    Nominate,
    /// Nhập học.
    Start,
    /// Hoàn thành.
    Complete,
    /// Không hoàn thành.
    Fail,
    /// Rút.
    Withdraw,
}

impl LineOp {
    /// The operations on the ticked enrollments, in the order of their buttons.
    pub const ON_ENROLLED: [LineOp; 4] = [LineOp::Start, LineOp::Complete, LineOp::Fail, LineOp::Withdraw];

    /// The button's words ("Đề cử" takes the count: [`nominate_label`]).
    pub fn label(self) -> &'static str {
        match self {
            LineOp::Nominate => "Đề cử",
            LineOp::Start => "Nhập học",
            LineOp::Complete => "Hoàn thành",
            LineOp::Fail => "Không hoàn thành",
            LineOp::Withdraw => "Rút",
        }
    }

    /// What was done to `n` people.
    fn done(self, n: usize) -> String {
        match self {
            LineOp::Nominate => format!("Đã đề cử {n} người."),
            LineOp::Start => format!("Đã ghi nhập học cho {n} người."),
            LineOp::Complete => format!("Đã ghi hoàn thành cho {n} người."),
            LineOp::Fail => format!("Đã ghi không hoàn thành cho {n} người."),
            LineOp::Withdraw => format!("Đã ghi rút cho {n} người."),
        }
    }
}

/// "Đề cử 3 người".
pub fn nominate_label(picked: usize) -> String {
    format!("{} {picked} người", LineOp::Nominate.label())
}

/// What an operation on a line reads.
pub struct OpInput<'a> {
    /// Danh sách cán bộ.
    pub roster: &'a Roster,
    /// Hồ sơ đào tạo.
    pub recs: &'a TrainingRecords,
    /// The user's directives (the plan's give the groups an audience rule names).
    pub directives: &'a [Directive],
    /// The line.
    pub line: &'a CourseLine,
    /// Cadres picked among the candidates (for [`LineOp::Nominate`]).
    pub picked: &'a [Id],
    /// Enrollments ticked in the list (for the other operations).
    pub ticked: &'a [Id],
    /// The "Ngày" field as typed ("2021-03-01").
    pub date: &'a str,
    /// Today (the nomination date).
    pub today: Date,
    /// Now (the records' time of change).
    pub now: Millis,
}

/// Runs `op`: the change to write with its warnings and undo, and the sentence saying what
/// was done; or why nothing was done.
pub fn run_op(op: LineOp, i: &OpInput, new_id: &mut dyn FnMut() -> Id) -> Result<(Applied, String), String> {
    let on = Date::parse(i.date).ok_or("Ngày không hợp lệ.")?;
    let ids = match op {
        LineOp::Nominate if i.picked.is_empty() => return Err("Chưa chọn cán bộ nào để đề cử.".into()),
        LineOp::Nominate => i.picked,
        LineOp::Start | LineOp::Complete | LineOp::Fail | LineOp::Withdraw if i.ticked.is_empty() => {
            return Err("Chưa đánh dấu người nào trong danh sách cử đi học.".into())
        }
        LineOp::Start | LineOp::Complete | LineOp::Fail | LineOp::Withdraw => i.ticked,
    };
    let applied = match op {
        LineOp::Nominate => training::nominate(
            &RosterIndex::build(i.roster),
            &plan_groups(i.recs, i.directives, i.line),
            i.recs,
            &i.line.id,
            ids,
            i.today,
            i.now,
            new_id,
        ),
        LineOp::Start => training::start(i.roster, i.recs, ids, on, i.now, new_id),
        LineOp::Complete => training::complete(i.roster, i.recs, ids, on, "", i.now, new_id),
        LineOp::Fail => training::fail(i.roster, i.recs, ids, on, "", i.now, new_id),
        LineOp::Withdraw => training::withdraw(i.roster, i.recs, ids, on, i.now, new_id),
    }?;
    Ok((applied, op.done(ids.len())))
}

// ------------------------------------------------------------------- dispatch statistics

/// One cell as the page shows it, and its class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownCell {
    /// The text: figures with dot thousands ("1.528"), a missing figure as "-".
    pub text: String,
    /// "num", "num manual" (số liệu nhập tay), or none for the row's label.
    pub class: Option<&'static str>,
}

/// A [`Table`] as the page shows it. The page draws `header` and `rows`; its CSV and XLSX
/// buttons export `table`, the same table.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownTable {
    /// The table exported.
    pub table: Table,
    /// Its rows as shown.
    pub rows: Vec<Vec<ShownCell>>,
}

impl ShownTable {
    /// The first column labels the row (a year, "Tổng") and is shown as it is; the others
    /// are figures; the columns in `manual` hold số liệu nhập tay.
    fn new(table: Table, manual: &[usize]) -> ShownTable {
        let rows = table
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .map(|(i, c)| {
                        if i == 0 {
                            return ShownCell { text: c.display(), class: None };
                        }
                        let text = match c {
                            Cell::Int(n) if *n < 0 => format!("-{}", format_thousands(n.unsigned_abs())),
                            Cell::Int(n) => format_thousands(n.unsigned_abs()),
                            Cell::Empty => "-".into(),
                            other => other.display(),
                        };
                        ShownCell { text, class: Some(if manual.contains(&i) { "num manual" } else { "num" }) }
                    })
                    .collect()
            })
            .collect();
        ShownTable { table, rows }
    }
}

/// The years the statistics cover: those the app's enrollments started in, this year, and
/// those of the historical tables; oldest first.
pub fn stats_years(recs: &TrainingRecords, current_year: u16) -> Vec<u16> {
    let mut years: BTreeSet<u16> = recs.enrollments.iter().filter_map(|e| e.started_on.map(|d| d.year)).collect();
    years.insert(current_year);
    years.extend(recs.aggregates.iter().flat_map(|t| t.rows.iter().map(|row| row.year)));
    years.into_iter().collect()
}

/// The staff kinds a historical table adds up ("Cộng cán bộ, công chức", "Cộng viên chức").
const STAFF_SUMS: [StaffKind; 2] = [StaffKind::CadreOrCivilServant, StaffKind::PublicEmployee];

/// Bảng 1-2 as printed ([`aggregate_table`]: a row per year, the foot, a disagreeing printed
/// total) with, before "Tổng", the sum of each row over the cán bộ, công chức columns and over
/// the viên chức columns.
pub fn aggregate_report(t: &DispatchTable) -> Table {
    let mut table = aggregate_table(t);
    let at = 1 + t.columns.len();
    for (k, s) in STAFF_SUMS.iter().enumerate() {
        table.header.insert(at + k, format!("Cộng {}", s.label().to_lowercase()));
    }
    for row in &mut table.rows {
        let sums: Vec<Cell> = STAFF_SUMS
            .iter()
            .map(|s| {
                let n = t
                    .columns
                    .iter()
                    .zip(&row[1..at])
                    .filter(|(c, _)| c.staff == *s)
                    .map(|(_, cell)| if let Cell::Int(n) = cell { *n } else { 0 })
                    .sum();
                Cell::Int(n)
            })
            .collect();
        row.splice(at..at, sums);
    }
    table
}

/// One historical table on the statistics page.
#[derive(Debug, Clone, PartialEq)]
pub struct AggregateModel {
    /// "Số liệu nhập tay trước khi dùng ứng dụng. ... Đơn vị: lượt. <nguồn>".
    pub label: String,
    /// The table shown and exported.
    pub shown: ShownTable,
}

/// The dispatch statistics page.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsModel {
    /// Số lượt cử đi theo năm (entered and the app's own), shown and exported.
    pub own: ShownTable,
    /// The same years as grouped bars.
    pub chart: Plot,
    /// Bảng 1-2 (historical aggregates), each shown and exported (empty: none loaded).
    pub aggregates: Vec<AggregateModel>,
}

/// What the dispatch statistics page shows in `current_year`.
pub fn stats_page(recs: &TrainingRecords, current_year: u16) -> StatsModel {
    let years = stats_years(recs, current_year);
    StatsModel {
        own: ShownTable::new(dispatch_table(recs, &years), &DISPATCH_MANUAL_COLUMNS),
        chart: dispatch_plot(recs, &years),
        aggregates: recs
            .aggregates
            .iter()
            .map(|t| AggregateModel {
                label: format!(
                    "Số liệu nhập tay trước khi dùng ứng dụng. {} Đơn vị: {}. {}",
                    DispatchTable::LABEL,
                    t.unit.label().to_lowercase(),
                    t.source
                ),
                shown: ShownTable::new(aggregate_report(t), &[]),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
