//! Kế hoạch đào tạo, bồi dưỡng: when the text read is a training plan (a "Kế hoạch" whose
//! title names đào tạo or bồi dưỡng), its [`Plan`] (title, issuer, years, budget with its
//! parts and basis) and its [`CourseLine`]s, each tied to the span it was read from.
//!
//! Plans write their classes two ways, both read here:
//! - as sections, one per course (seed 003: "1. Đào tạo Cao cấp lý luận chính trị …" with
//!   "- Đối tượng:", "- Số lượng đào tạo: … dự kiến 145 chỉ tiêu. Trong đó: …", "- Đơn vị đào
//!   tạo:", "- Thời gian thực hiện:"), or one section holding several courses ("- Nội dung
//!   bồi dưỡng:" then "+ Bồi dưỡng … dành cho đối tượng: … Số lượng bồi dưỡng khoảng 50 đồng
//!   chí."), which share the section's other fields;
//! - as a table of classes (STT | Tên lớp | Đối tượng | Số lượng | Thời gian | Kinh phí),
//!   its cells on lines between lines holding only "|" (a PDF's copy) or one row a line with
//!   tab-separated cells (a .docx); a cell merged down several rows is printed once, in the
//!   first, and the rows below take it; a row "I | Đào tạo" names the kind of the rows under it.
//!
//! Amounts are read by [`crate::number::parse_amount`] ("11.147.406.000 đồng", "500 triệu
//! đồng", "2,5 tỷ đồng"); a table's "Kinh phí (triệu đồng)" column is in millions.

use std::collections::HashSet;

use crate::directive::reading::accept::{accept, kept_directive, Unsaved};
use crate::directive::reading::header::{self, Header};
use crate::directive::reading::lines::{self, Cleaned};
use crate::directive::reading::numbering::{Numbering, Style};
use crate::directive::reading::{phrases, read_paragraphs, read_text, Paragraph, Proposal, Proposed, Reading};
use crate::directive::target::{Comparator, Criterion, EventKind};
use crate::directive::{Directive, GroupRule};
use crate::levels::Scale;
use crate::limits::{MAX_DOCUMENT_TEXT_CHARS, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::model::Id;
use crate::number::Bound;
use crate::training::{
    Attendance, Block, Budget, BudgetPart, CourseLine, FundingSource, Grant, Plan, Quota, QuotaPart, TrainingKind,
};

/// The plan's id in a reading; accepting gives it the store's.
pub const READ_PLAN_ID: &str = "doc-plan";

/// What a plan's text proposes beside its directive; the proposals tying each line and the
/// budget to its span are among the [`Reading`]'s.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProposedPlan {
    /// The plan, when the text is a training plan (id [`READ_PLAN_ID`]).
    pub plan: Option<Plan>,
    /// Its course lines, in document order (ids "doc-plan-l01", …).
    pub lines: Vec<CourseLine>,
}

/// [`read_text`] and [`read_plan`]: a pasted text's directive, and its plan when it is one.
pub fn read_text_with_plan(text: &str) -> Result<(Reading, ProposedPlan), String> {
    let mut reading = read_text(text)?;
    let plan = read_plan(&mut reading);
    Ok((reading, plan))
}

/// [`read_paragraphs`] and [`read_plan`], for a .docx.
pub fn read_paragraphs_with_plan(paragraphs: &[Paragraph]) -> Result<(Reading, ProposedPlan), String> {
    let mut reading = read_paragraphs(paragraphs)?;
    let plan = read_plan(&mut reading);
    Ok((reading, plan))
}

/// Reads the plan the reading's text is, when it is a kế hoạch đào tạo, bồi dưỡng, and puts
/// the proposals of its lines and budget among the reading's, in document order (read again,
/// they replace those of before). Targets read from figures a line holds itself (its quota's
/// split, its conditions) are withdrawn.
pub fn read_plan(reading: &mut Reading) -> ProposedPlan {
    reading.proposals.retain(|p| !matches!(p.what, Proposed::CourseLine(_) | Proposed::Budget));
    let cleaned = lines::paragraphs(&reading.text);
    let texts: Vec<&str> = cleaned.paragraphs.iter().map(|&(s, e)| &cleaned.text[s..e]).collect();
    let (header, _) = header::read(&texts);
    let courses = read(&cleaned, &reading.text, &header);
    let withdrawn: Vec<String> = reading
        .proposals
        .iter()
        .filter_map(|p| match &p.what {
            Proposed::Target(id) => Some((p.start, id)),
            _ => None,
        })
        .filter(|(start, id)| {
            reading.directive.target(id).is_some_and(|t| courses.own_figures.iter().any(|f| f.holds(*start, t)))
        })
        .map(|(_, id)| id.clone())
        .collect();
    for id in &withdrawn {
        reading.withdraw_target(id);
    }
    if !courses.proposals.is_empty() {
        reading.proposals.extend(courses.proposals);
        reading.proposals.sort_by_key(|p| p.start);
    }
    ProposedPlan { plan: courses.plan, lines: courses.lines }
}

/// What the reading of a plan finds: the plan, its lines and their proposals.
#[derive(Debug, Clone, PartialEq, Default)]
struct Courses {
    plan: Option<Plan>,
    lines: Vec<CourseLine>,
    /// Spans in the pasted text.
    proposals: Vec<Proposal>,
    /// Fields whose figures the lines hold themselves.
    own_figures: Vec<OwnFigures>,
}

/// True when the header is a training plan's: a Kế hoạch whose title names đào tạo or bồi dưỡng.
pub fn is_training_plan(header: &Header) -> bool {
    let title = crate::text::fold(&header.title);
    header.kind == Some(crate::directive::DirectiveKind::Plan)
        && (title.contains("dao tao") || title.contains("boi duong"))
}

/// Reads the plan and its lines from the cleaned paragraphs (sections and "|" tables) and the
/// pasted text (tab-separated rows). Nothing when the header is not a training plan's.
fn read(cleaned: &Cleaned, pasted: &str, header: &Header) -> Courses {
    if !is_training_plan(header) {
        return Courses::default();
    }
    let Some((from_year, to_year)) = years(header) else { return Courses::default() };
    // A paragraph longer than any a document quotes is no plan's field or cell: left out, so
    // an absurd paste costs no more than its length.
    let paragraphs: Vec<Para> = cleaned
        .paragraphs
        .iter()
        .filter(|&&(start, end)| cleaned.text[start..end].chars().count() <= MAX_DOCUMENT_TEXT_CHARS)
        .map(|&(start, end)| Para::new(&cleaned.text[start..end], cleaned.source_range(start, end)))
        .collect();
    let single_year = (from_year == to_year).then_some(from_year);
    let mut found = Found::default();
    sections(&paragraphs, single_year, &mut found);
    // A .docx's rows are read whole by `tab_tables`; their cells, paragraphs of their own in
    // the cleaned text (a table's cells, as a PDF's copy prints them), are not read again.
    let on_tab_row = |p: &Para| {
        let from = pasted[..p.span.0.min(pasted.len())].rfind('\n').map_or(0, |i| i + 1);
        pasted[from..].split('\n').next().is_some_and(|line| line.contains('\t'))
    };
    let untabbed: Vec<Para> = paragraphs.iter().filter(|p| !on_tab_row(p)).map(|p| Para::new(p.text, p.span)).collect();
    let rows = pipe_tables(&untabbed).into_iter().chain(tab_tables(pasted));
    for table in rows {
        table_lines(&table, single_year, &mut found);
    }
    if found.lines.is_empty() && found.budget.is_none() {
        return Courses::default();
    }
    found.lines.sort_by_key(|(_, span)| span.0);
    let mut budget = found.budget;
    if budget.is_none() {
        // A table's "Tổng cộng" row is the budget when the text states none.
        if let Some((total, span)) = found.table_total {
            budget = Some((Budget { total: Some(total), ..Budget::default() }, span));
        }
    }
    let blocks = budget.as_ref().is_some_and(|(b, _)| b.parts.iter().any(|p| p.block.is_some()));
    let mut out = Courses { own_figures: found.own_figures, ..Courses::default() };
    for (n, (mut line, (start, end))) in found.lines.into_iter().enumerate() {
        line.id = line_id(READ_PLAN_ID, n);
        if blocks && line.block.is_none() {
            line.block = Some(block_of(&format!("{} {}", line.directing_body, line.organising_body)));
        }
        let confidence = if line.quota == Quota::default() { 60 } else { 80 };
        out.proposals.push(Proposal { what: Proposed::CourseLine(line.id.clone()), start, end, confidence });
        out.lines.push(line);
    }
    if let Some((_, (start, end))) = &budget {
        out.proposals.push(Proposal { what: Proposed::Budget, start: *start, end: *end, confidence: 80 });
    }
    let title = if crate::text::fold(&header.title).starts_with("ke hoach") {
        header.title.clone()
    } else {
        format!("Kế hoạch {}", lower_first(&header.title))
    };
    out.plan = Some(Plan {
        id: READ_PLAN_ID.into(),
        title: clip(&title, MAX_NAME_CHARS),
        issuer: if header.issuer.is_empty() { header.authority.clone() } else { header.issuer.clone() },
        number: header.number.clone(),
        date: header.date,
        from_year,
        to_year,
        budget: budget.map(|(b, _)| b).unwrap_or_default(),
        directive_ids: Vec::new(),
        source: String::new(),
        note: String::new(),
        removed: false,
        meta: Default::default(),
    });
    out
}

/// What "Lưu văn bản" saves from a reading: the directive and, when the text is a kế hoạch
/// đào tạo, bồi dưỡng and something of it was kept, its plan and kept course lines. The store
/// writes the three in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    /// The directive (as [`accept`] returns it).
    pub directive: Directive,
    /// The plan, its `directive_ids` naming the directive; `None` when the text is no plan or
    /// none of its lines nor its budget was kept.
    pub plan: Option<Plan>,
    /// The kept lines, ids "{plan id}-l01", … in the document's order, each with the plan's id.
    pub lines: Vec<CourseLine>,
}

/// [`accept`], with the plan `proposed` ([`read_plan`] of the same reading): the directive saved as `id`, the plan as `plan_id` (both the
/// store's new ids). Errors are the editor's validation of the directive and the plan's and
/// lines' own rules (`training::data::check_plan`, `check_line`), each tied to the proposal to
/// correct.
pub fn accept_with_plan(
    reading: &Reading,
    proposed: &ProposedPlan,
    kept: &[bool],
    id: Id,
    plan_id: Id,
) -> Result<Accepted, Vec<Unsaved>> {
    let directive = accept(reading, kept, id.clone());
    let (plan, lines) = kept_plan(reading, proposed, kept, &id, &plan_id);
    let mut errors = directive.as_ref().err().cloned().unwrap_or_default();
    if let Some(p) = &plan {
        let budget = find(reading, &Proposed::Budget);
        for e in crate::training::data::check_plan(p) {
            let proposal = if e.field.starts_with("budget") { budget } else { None };
            errors.push(Unsaved { proposal, message: e.message });
        }
    }
    for (line, original) in &lines {
        let proposal = find(reading, &Proposed::CourseLine(original.clone()));
        for e in crate::training::data::check_line(line) {
            errors.push(Unsaved { proposal, message: e.message });
        }
    }
    match directive {
        Ok(directive) if errors.is_empty() => {
            Ok(Accepted { directive, plan, lines: lines.into_iter().map(|(l, _)| l).collect() })
        }
        _ => Err(errors),
    }
}

/// The plan and kept lines (each with the id it had in the reading), ids given.
fn kept_plan(
    reading: &Reading,
    proposed: &ProposedPlan,
    kept: &[bool],
    id: &str,
    plan_id: &str,
) -> (Option<Plan>, Vec<(CourseLine, String)>) {
    let Some(plan) = &proposed.plan else { return (None, Vec::new()) };
    let is_kept = |what: &Proposed| find(reading, what).is_some_and(|i| kept.get(i).copied().unwrap_or(false));
    let mut lines = Vec::new();
    let directive_targets: HashSet<String> =
        kept_directive(reading, kept, id.to_string()).targets().iter().map(|t| t.id.clone()).collect();
    for line in &proposed.lines {
        if !is_kept(&Proposed::CourseLine(line.id.clone())) {
            continue;
        }
        let mut l = line.clone();
        l.id = line_id(plan_id, lines.len());
        l.plan_id = plan_id.to_string();
        l.targets.retain(|t| directive_targets.contains(t));
        lines.push((l, line.id.clone()));
    }
    let budget_kept = is_kept(&Proposed::Budget);
    if lines.is_empty() && !budget_kept {
        return (None, lines);
    }
    let mut p = plan.clone();
    p.id = plan_id.to_string();
    p.directive_ids = vec![id.to_string()];
    if !budget_kept {
        p.budget = Budget::default();
    }
    (Some(p), lines)
}

/// Index of the proposal of `what`.
fn find(reading: &Reading, what: &Proposed) -> Option<usize> {
    reading.proposals.iter().position(|p| &p.what == what)
}

/// The id of the `n`-th line (from 0) of plan `plan_id`: "plan-7-l01".
pub fn line_id(plan_id: &str, n: usize) -> String {
    format!("{plan_id}-l{:02}", n + 1)
}

/// The years a plan covers: its period, else the years its title names, else its date's.
fn years(header: &Header) -> Option<(u16, u16)> {
    let valid = |y: u16| (2000..=2100).contains(&y);
    if let Some((from, to)) = header.period.filter(|(f, t)| valid(*f) && valid(*t) && f <= t) {
        return Some((from, to));
    }
    let title = crate::text::fold(&header.title);
    let named: Vec<u16> =
        phrases::figures(&title).iter().filter(|f| f.year).map(|f| f.value as u16).filter(|y| valid(*y)).collect();
    match (named.iter().min(), named.iter().max()) {
        (Some(&from), Some(&to)) => Some((from, to)),
        _ => header.date.map(|d| (d.year, d.year)).filter(|(y, _)| valid(*y)),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.trim().chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn upper_first(s: &str) -> String {
    let mut chars = s.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// At most `max` chars.
fn clip(s: &str, max: usize) -> String {
    s.trim().chars().take(max).collect()
}

/// The block of a line from the bodies that run it: the state's (Ủy ban nhân dân, Sở Nội vụ,
/// Ban cán sự đảng Ủy ban) or the Party's.
fn block_of(bodies: &str) -> Block {
    let folded = crate::text::fold(bodies);
    if ["uy ban nhan dan", "so noi vu", "ubnd", "phong noi vu"].iter().any(|w| folded.contains(w)) {
        Block::State
    } else {
        Block::Party
    }
}

/// A paragraph and its span in the paste.
struct Para<'t> {
    text: &'t str,
    span: (usize, usize),
}

impl<'t> Para<'t> {
    fn new(text: &'t str, span: (usize, usize)) -> Self {
        Para { text, span }
    }
}

/// [`crate::text::fold`] one char for one char (whitespace kept as a space), so a position
/// found in the folded text maps back by counting chars.
fn fold_aligned(s: &str) -> String {
    s.chars().map(|c| if c.is_whitespace() { ' ' } else { crate::text::fold_one(c).next().unwrap_or(' ') }).collect()
}

/// Maps byte offsets of a [`fold_aligned`] text back to the text, moving forward: each call
/// costs the distance from the previous one (a call behind it starts again from the start).
struct Back<'a> {
    text: &'a str,
    folded: &'a str,
    /// Byte in `folded` and the same char's byte in `text`.
    at: (usize, usize),
}

impl<'a> Back<'a> {
    fn new(text: &'a str, folded: &'a str) -> Self {
        Back { text, folded, at: (0, 0) }
    }

    /// The byte of `text` of byte `target` of `folded`.
    fn map(&mut self, target: usize) -> usize {
        if target < self.at.0 {
            self.at = (0, 0);
        }
        let (mut f, mut o) = self.at;
        let mut folded_chars = self.folded[f..].chars();
        let mut text_chars = self.text[o..].chars();
        while f < target {
            let (Some(fc), Some(tc)) = (folded_chars.next(), text_chars.next()) else { break };
            f += fc.len_utf8();
            o += tc.len_utf8();
        }
        self.at = (f, o);
        o
    }
}

/// The byte of `text` at the char count of byte `at` of `folded`.
fn orig_at(text: &str, folded: &str, at: usize) -> usize {
    let n = folded[..at.min(folded.len())].chars().count();
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

/// A labelled field of a course ("- Số lượng đào tạo: …").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Audience,
    Conditions,
    Quota,
    Directing,
    Organising,
    Institutions,
    Time,
    Budget,
    Attendance,
    Contents,
    /// "Đối tượng, điều kiện": a heading of the two below.
    Heading,
}

/// The field a label names ("Số lượng bồi dưỡng", "Đơn vị đào tạo", "Thời gian thực hiện").
fn field_of(label: &str) -> Option<Field> {
    let l = label.trim();
    let starts = |w: &str| l.starts_with(w);
    Some(if starts("doi tuong, dieu kien") || starts("doi tuong va dieu kien") {
        Field::Heading
    } else if starts("doi tuong") {
        Field::Audience
    } else if starts("dieu kien") || starts("tieu chuan") {
        Field::Conditions
    } else if starts("so luong") || starts("chi tieu") || starts("so hoc vien") {
        Field::Quota
    } else if starts("co quan chi dao") {
        Field::Directing
    } else if starts("co quan to chuc") || starts("don vi to chuc") || starts("co quan chu tri") {
        Field::Organising
    } else if starts("don vi dao tao")
        || starts("don vi boi duong")
        || starts("co so dao tao")
        || starts("co so boi duong")
        || starts("noi dao tao")
        || starts("dia diem")
    {
        Field::Institutions
    } else if starts("thoi gian") {
        Field::Time
    } else if starts("kinh phi") {
        Field::Budget
    } else if starts("hinh thuc") {
        Field::Attendance
    } else if starts("noi dung") {
        Field::Contents
    } else {
        return None;
    })
}

/// A paragraph "Label: value" (the label short and known) → its field and the value's byte
/// range in the paragraph.
fn labelled(body: &str, folded: &str) -> Option<(Field, usize)> {
    let colon = folded.find(':');
    let label = match colon {
        Some(at) if at <= 60 => &folded[..at],
        _ => folded.trim_end_matches('.'),
    };
    if label.chars().count() > 60 {
        return None;
    }
    let field = field_of(label)?;
    let value_at = colon.map_or(body.len(), |at| orig_at(body, folded, at + 1));
    Some((field, value_at))
}

/// What the reading collects before the plan is put together.
#[derive(Default)]
struct Found {
    /// Lines with their spans in the paste.
    lines: Vec<(CourseLine, (usize, usize))>,
    budget: Option<(Budget, (usize, usize))>,
    /// A table's "Tổng cộng" amount.
    table_total: Option<(u64, (usize, usize))>,
    /// The lines' fields whose figures are the lines' own.
    own_figures: Vec<OwnFigures>,
}

/// A course line's field whose figures the line holds itself, so the directive's reading of
/// them as targets is withdrawn: a quota's split ("Trong đó: … tại Học viện Chính trị khu
/// vực III: Dự kiến 56 chỉ tiêu", the line's quota parts; the total before it stays the
/// plan's target) and a "Điều kiện" (the dates and numbers of the rules it cites).
#[derive(Debug, Clone, PartialEq)]
struct OwnFigures {
    /// The field's paragraph in the paste.
    span: (usize, usize),
    /// The quota parts' persons: only targets of these amounts are the line's; `None`: every
    /// target read in the field is.
    parts: Option<Vec<u32>>,
}

impl OwnFigures {
    /// What `field` just set on `line` makes the line's own, read in the paragraph at `span`.
    fn of(line: &CourseLine, field: Field, span: (usize, usize)) -> Option<OwnFigures> {
        match field {
            Field::Conditions => Some(OwnFigures { span, parts: None }),
            Field::Quota if !line.quota.parts.is_empty() => {
                Some(OwnFigures { span, parts: Some(line.quota.parts.iter().map(|p| p.persons).collect()) })
            }
            _ => None,
        }
    }

    /// Whether a target read at `start` with these milestone amounts is the line's.
    fn holds(&self, start: usize, target: &crate::directive::Target) -> bool {
        (self.span.0..self.span.1).contains(&start)
            && self.parts.as_ref().is_none_or(|parts| {
                !target.milestones.is_empty()
                    && target
                        .milestones
                        .iter()
                        .all(|m| m.value.is_some_and(|v| parts.iter().any(|&p| f64::from(p) == v)) && m.upper.is_none())
            })
    }
}

/// A course while its section is read.
#[derive(Default)]
struct Draft {
    line: Option<CourseLine>,
    span: (usize, usize),
    style: Option<Style>,
    /// Courses the section holds ("+ Bồi dưỡng … dành cho đối tượng: …").
    subs: Vec<(CourseLine, (usize, usize))>,
    in_contents: bool,
    pending: Option<Field>,
    fields: usize,
}

fn blank_line(kind: TrainingKind, programme: &str, section: &str, year: Option<u16>) -> CourseLine {
    let programme = clip(programme.trim().trim_end_matches(['.', ':', ';']), MAX_NAME_CHARS);
    CourseLine {
        section: section.to_string(),
        event: EventKind::Class,
        year,
        ..CourseLine::new(String::new(), READ_PLAN_ID.into(), kind, programme)
    }
}

/// The kind a heading names, when it names one ("Đào tạo …", "Về công tác bồi dưỡng").
fn kind_named(folded: &str) -> Option<TrainingKind> {
    let training = folded.contains("dao tao");
    let refresher = folded.contains("boi duong") || folded.contains("tap huan");
    match (training, refresher) {
        (true, false) => Some(TrainingKind::Training),
        (false, true) => Some(TrainingKind::Refresher),
        (true, true) => {
            let t = folded.find("dao tao").unwrap_or(usize::MAX);
            let r = folded.find("boi duong").unwrap_or(usize::MAX);
            Some(if t < r { TrainingKind::Training } else { TrainingKind::Refresher })
        }
        _ => None,
    }
}

/// True when a heading opens a course: it starts with what is taught.
fn opens_course(folded: &str) -> bool {
    ["dao tao", "boi duong", "cac lop", "lop ", "mo lop", "tap huan", "chuong trinh"]
        .iter()
        .any(|w| folded.starts_with(w))
}

/// Fills what the kind and programme say: the level granted, the mode, abroad, the event.
fn finish_programme(line: &mut CourseLine) {
    let folded = crate::text::fold(&line.programme);
    line.grants = grant_of(&folded, line.kind);
    if folded.contains("nuoc ngoai") {
        line.abroad = true;
        line.event = EventKind::Delegation;
    } else if folded.contains("hoi thao") {
        line.event = EventKind::Workshop;
    } else if line.kind == TrainingKind::Training && line.grants.is_some() {
        line.event = EventKind::DegreeClass;
    }
    if let Some(a) = attendance_of(&folded) {
        line.attendance = Some(a);
    }
    if let Some(at) = folded.find("chuyen nganh:") {
        let list = &line.programme[orig_at(&line.programme, &fold_aligned(&line.programme), at + 13)..];
        line.fields =
            list.split(';').map(|f| upper_first(f.trim().trim_end_matches('.'))).filter(|f| !f.is_empty()).collect();
    }
}

/// The level a programme grants: a degree or political level for đào tạo; for bồi dưỡng only
/// a certificate on a scale (one state-management programme, ngoại ngữ bậc, tin học,
/// quốc phòng - an ninh đối tượng N).
fn grant_of(folded: &str, kind: TrainingKind) -> Option<Grant> {
    let grant = |scale: Scale, level: &str| Some(Grant { scale, level: level.to_string() });
    if folded.contains("ngoai ngu") || folded.contains("tieng anh") || folded.contains("tieng phap") {
        if let Some(at) = folded.find("bac ") {
            let digit = folded[at + 4..].chars().next().and_then(|c| c.to_digit(10));
            if let Some(d @ 1..=6) = digit {
                return grant(Scale::ForeignLanguage, &format!("bac_{d}"));
            }
        }
    }
    if folded.contains("quoc phong") {
        if let Some(at) = folded.find("doi tuong ") {
            if let Some(d @ 1..=4) = folded[at + 10..].chars().next().and_then(|c| c.to_digit(10)) {
                return grant(Scale::DefenceSecurity, &format!("doi_tuong_{d}"));
            }
        }
        return None;
    }
    if folded.contains("tin hoc") || folded.contains("cong nghe thong tin") {
        if folded.contains("nang cao") {
            return grant(Scale::InformationTechnology, "nang_cao");
        }
        if folded.contains("co ban") {
            return grant(Scale::InformationTechnology, "co_ban");
        }
    }
    let criteria = phrases::criteria(folded, None);
    let levels: Vec<(Scale, String)> = criteria
        .into_iter()
        .filter_map(|c| match c {
            Criterion::Level { scale, level, .. } => Some((scale, level)),
            _ => None,
        })
        .collect();
    if kind == TrainingKind::Refresher {
        // "chương trình chuyên viên, chuyên viên chính": two programmes, no one level.
        let state_words = ["chuyen vien cao cap", "chuyen vien chinh", "chuyen vien", "can su"];
        let mut rest = folded.to_string();
        let mut named = 0;
        for w in state_words {
            if rest.contains(w) {
                named += rest.matches(w).count();
                rest = rest.replace(w, " ");
            }
        }
        return levels
            .into_iter()
            .find(|(s, _)| *s == Scale::StateManagement && named == 1)
            .and_then(|(s, l)| grant(s, &l));
    }
    let political = levels.iter().find(|(s, _)| *s == Scale::Political);
    let chosen = if folded.contains("chinh tri") && political.is_some() { political } else { levels.first() };
    chosen.and_then(|(s, l)| grant(*s, l))
}

fn attendance_of(folded: &str) -> Option<Attendance> {
    if folded.contains("khong tap trung") || folded.contains("vua lam vua hoc") || folded.contains("tai chuc") {
        Some(Attendance::PartTime)
    } else if folded.contains("tap trung") {
        Some(Attendance::FullTime)
    } else if folded.contains("truc tuyen") {
        Some(Attendance::Online)
    } else if folded.contains("buoi toi") || folded.contains("ngay nghi") {
        Some(Attendance::EveningsWeekends)
    } else {
        None
    }
}

/// "Học viện A, Học viện B và các cơ sở giáo dục khác." → the names; " và " splits only before
/// another body ("Học viện Báo chí và Tuyên truyền" stays whole).
fn institutions(value: &str) -> Vec<String> {
    let value = value.trim().trim_end_matches('.');
    let mut out = Vec::new();
    for piece in value.split([',', ';']) {
        let mut rest = piece.trim();
        loop {
            let folded = fold_aligned(rest);
            let split = folded.match_indices(" va ").map(|(i, _)| i).find(|&i| {
                let after = &folded[i + 4..];
                ["cac ", "hoc vien", "truong", "dai hoc", "vien ", "so ", "quan khu", "trung tam", "co so"]
                    .iter()
                    .any(|w| after.starts_with(w))
            });
            match split {
                Some(i) => {
                    out.push(upper_first(&rest[..orig_at(rest, &folded, i)]));
                    rest = rest[orig_at(rest, &folded, i + 4)..].trim();
                }
                None => {
                    out.push(upper_first(rest));
                    break;
                }
            }
        }
    }
    out.retain(|s| !s.is_empty());
    out.into_iter().map(|s| clip(&s, MAX_NAME_CHARS)).collect()
}

/// Count nouns after a quota's figure.
const QUOTA_NOUNS: [&str; 8] =
    ["chi tieu", "hoc vien", "dong chi", "nguoi", "can bo", "luot", "cong chuc", "vien chuc"];

/// The first figure of `folded` that counts people (a count noun after it), with where it ends.
fn persons(folded: &str) -> Option<(u32, Bound, usize)> {
    phrases::figures(folded).into_iter().filter(|f| !f.year && !f.percent && f.upper.is_none()).find_map(|f| {
        let after = folded[f.end..].trim_start();
        QUOTA_NOUNS.iter().any(|n| after.starts_with(n)).then(|| {
            let bound = match phrases::comparator_before(folded, f.start) {
                Comparator::About => Bound::About,
                Comparator::Above => Bound::Above,
                _ => Bound::Exact,
            };
            (crate::number::round_count(f.value), bound, f.end)
        })
    })
}

/// "N lớp" in a quota's words.
fn classes(folded: &str) -> Option<u32> {
    phrases::figures(folded)
        .into_iter()
        .find(|f| !f.year && !f.percent && folded[f.end..].trim_start().starts_with("lop"))
        .map(|f| crate::number::round_count(f.value))
}

/// A quota from its words: "Theo phân bổ …, dự kiến 145 chỉ tiêu. Trong đó: Cao cấp lý luận
/// chính trị, hệ tập trung tại Học viện …: Dự kiến 4 chỉ tiêu. …", "Theo nhu cầu đăng ký",
/// "khoảng 50 đồng chí", "Dự kiến 460 học viên và theo nhu cầu của địa phương". A split that
/// does not add up to the total is left in a note, not proposed.
fn quota(value: &str, note: &mut String) -> (Quota, Option<u32>) {
    let value = value.trim();
    let folded = fold_aligned(value);
    let split_at = folded.find("trong do");
    let head_end = split_at.unwrap_or(folded.len());
    let head = &folded[..head_end];
    let mut q = Quota {
        on_demand: folded.contains("theo nhu cau"),
        text: clip(&value[..orig_at(value, &folded, head_end)], MAX_TEXT_CHARS),
        ..Quota::default()
    };
    if let Some((n, bound, _)) = persons(head).or_else(|| if split_at.is_none() { None } else { persons(&folded) }) {
        q.persons = Some(n);
        q.about = bound == Bound::About || head.contains("du kien");
    }
    if let Some(at) = split_at {
        let parts_text = &value[orig_at(value, &folded, at + "trong do".len())..];
        let parts_folded = fold_aligned(parts_text);
        let mut back = Back::new(parts_text, &parts_folded);
        let mut parts = Vec::new();
        for (start, sentence) in sentences(&parts_folded) {
            let Some(colon) = sentence.rfind(':') else { continue };
            let Some((n, _, _)) = persons(&sentence[colon..]) else { continue };
            let label_folded = sentence[..colon].trim_start_matches([':', ' ', '-']).trim();
            if label_folded.is_empty() {
                continue;
            }
            let from = start + sentence.find(label_folded).unwrap_or(0);
            let label_start = back.map(from);
            let label = &parts_text[label_start..back.map(from + label_folded.len())];
            parts.push(quota_part(label, n));
        }
        let sum = parts.iter().try_fold(0u32, |s, p| s.checked_add(p.persons));
        match (q.persons, sum) {
            (_, None) => {}
            (Some(total), Some(sum)) if sum != total && !parts.is_empty() => {
                note.push_str(&format!(
                    "Các phần chỉ tiêu trong văn bản cộng lại {}, khác tổng {}: chưa ghi phần chỉ tiêu.",
                    crate::number::format_count(sum),
                    crate::number::format_count(total)
                ));
            }
            (None, Some(sum)) if !parts.is_empty() => {
                q.persons = Some(sum);
                q.parts = parts;
            }
            _ => q.parts = parts,
        }
    }
    (q, classes(&folded))
}

/// "Cao cấp lý luận chính trị, hệ tập trung tại Học viện Chính trị khu vực III" → a part.
fn quota_part(label: &str, persons: u32) -> QuotaPart {
    let folded = fold_aligned(label);
    let at = folded.find(" tai ");
    let institution = at.map(|i| upper_first(label[orig_at(label, &folded, i + 5)..].trim())).unwrap_or_default();
    let head_end = at.unwrap_or(folded.len());
    let programme_end =
        folded[..head_end].find(", he ").or_else(|| folded[..head_end].find(" he ")).unwrap_or(head_end);
    QuotaPart {
        programme: clip(&label[..orig_at(label, &folded, programme_end)], MAX_NAME_CHARS),
        institution: clip(&institution, MAX_NAME_CHARS),
        attendance: attendance_of(&folded[..head_end]),
        round: None,
        persons,
    }
}

/// The sentences of a folded text, with where each starts: cut at ". " and "; ".
fn sentences(folded: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = folded.as_bytes();
    for i in 0..bytes.len() {
        let stop = matches!(bytes[i], b'.' | b';') && bytes.get(i + 1).is_none_or(|b| *b == b' ');
        // "04/2019" or "1.200": a dot between digits is no stop.
        if stop && !(i > 0 && bytes[i - 1].is_ascii_digit() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            out.push((start, &folded[start..i]));
            start = i + 1;
        }
    }
    if start < folded.len() {
        out.push((start, &folded[start..]));
    }
    out.into_iter().filter(|(_, s)| !s.trim().is_empty()).collect()
}

/// The year a time's words name ("Trong năm 2021", "Quý II/2025").
fn year_of(time: &str) -> Option<u16> {
    let folded = crate::text::fold(time);
    phrases::figures(&folded).iter().find(|f| f.year).map(|f| f.value as u16).or_else(|| {
        let at = folded.find("/20")?;
        folded[at + 1..at + 5].parse().ok().filter(|y| (2000..=2100).contains(y))
    })
}

/// Sets a field's value on a line.
fn set_field(line: &mut CourseLine, field: Field, value: &str) {
    let value = value.trim();
    match field {
        Field::Audience => {
            line.audience_text = clip(value, MAX_TEXT_CHARS);
        }
        Field::Conditions => line.conditions = clip(value, MAX_TEXT_CHARS),
        Field::Quota => {
            let mut note = std::mem::take(&mut line.note);
            let (q, classes) = quota(value, &mut note);
            line.note = note;
            line.quota = q;
            line.classes_planned = line.classes_planned.or(classes);
        }
        Field::Directing => line.directing_body = clip(value.trim_end_matches('.'), MAX_NAME_CHARS),
        Field::Organising => line.organising_body = clip(value.trim_end_matches('.'), MAX_NAME_CHARS),
        Field::Institutions => {
            for name in institutions(value) {
                if !line.institutions.iter().any(|n| crate::text::fold(n) == crate::text::fold(&name)) {
                    line.institutions.push(name);
                }
            }
        }
        Field::Time => {
            line.time = clip(value.trim_end_matches('.'), MAX_NAME_CHARS);
            line.year = year_of(value).or(line.year);
        }
        Field::Budget => {
            if let Some(a) = amounts(value, false).first() {
                line.budget = Some(a.amount);
                line.budget_bound = a.bound;
            }
        }
        Field::Attendance => line.attendance = attendance_of(&crate::text::fold(value)).or(line.attendance),
        Field::Contents | Field::Heading => {}
    }
}

/// The audience a line names, as a group rule when the words read as one.
fn audience_rule(text: &str) -> Option<GroupRule> {
    let folded = crate::text::fold(text);
    if text.trim().is_empty()
        || folded.starts_with("theo ")
        || !crate::directive::reading::groups::names_people(&folded)
    {
        return None;
    }
    let rule = crate::directive::reading::groups::rule_of(text);
    (rule != GroupRule::Everyone).then_some(rule)
}

/// The quota's institutions join the line's ("hệ không tập trung tại Trường Chính trị tỉnh").
fn close_line(mut line: CourseLine) -> CourseLine {
    let from_parts: Vec<String> = line.quota.parts.iter().map(|p| p.institution.clone()).collect();
    for name in from_parts {
        if !name.is_empty() && !line.institutions.iter().any(|n| crate::text::fold(n) == crate::text::fold(&name)) {
            line.institutions.push(name);
        }
    }
    line.audience = audience_rule(&line.audience_text);
    line
}

/// The course sections of the text (seed 003's style).
fn sections(paragraphs: &[Para], single_year: Option<u16>, found: &mut Found) {
    let mut roman = String::new();
    let mut roman_kind: Option<TrainingKind> = None;
    let mut in_budget = false;
    let mut budget_paragraphs: Vec<&Para> = Vec::new();
    let mut draft = Draft::default();
    let section_of = |roman: &str, label: &str| {
        let label = label.trim_end_matches(['.', ')', '-']);
        if roman.is_empty() {
            label.to_string()
        } else {
            format!("{roman}.{label}")
        }
    };
    for p in paragraphs {
        let numbering = Numbering::read(p.text);
        let body_at = numbering.as_ref().map_or(0, |n| n.rest);
        let body = &p.text[body_at..];
        let body_folded = &fold_aligned(body);
        let style = numbering.as_ref().map(|n| n.style);
        if matches!(style, Some(Style::Roman | Style::Part)) {
            close(&mut draft, found);
            if in_budget {
                read_budget(&budget_paragraphs, found);
                budget_paragraphs.clear();
            }
            roman =
                numbering.as_ref().map(|n| n.label.trim_end_matches(['.', '-', ')']).to_string()).unwrap_or_default();
            roman_kind = kind_named(body_folded);
            in_budget = body_folded.contains("kinh phi") && body_folded.len() < 120;
            continue;
        }
        if in_budget {
            budget_paragraphs.push(p);
            continue;
        }
        let heading = matches!(style, Some(Style::Decimal(_) | Style::Letter | Style::Capital));
        if heading {
            let deeper_than_current = draft.style.is_some_and(|s| Some(s) != style && draft.fields == 0);
            if opens_course(body_folded) && !body_folded.starts_with("chuong trinh hanh dong") {
                // A heading holding deeper courses and no field of its own is no course.
                if !deeper_than_current {
                    close(&mut draft, found);
                }
                let kind = kind_named(body_folded).or(roman_kind).unwrap_or(TrainingKind::Refresher);
                let label = numbering.as_ref().map_or("", |n| n.label.as_str());
                let programme = strip_kind_word(body, body_folded, kind);
                let mut line = blank_line(kind, programme, &section_of(&roman, label), single_year);
                finish_programme(&mut line);
                draft = Draft { line: Some(line), span: p.span, style, ..Draft::default() };
                continue;
            }
            if draft.style == style || draft.style.is_none() {
                close(&mut draft, found);
                continue;
            }
        }
        let Some(line) = draft.line.as_mut() else { continue };
        draft.span.1 = draft.span.1.max(p.span.1);
        if let Some((field, value_at)) = labelled(body, body_folded) {
            let value = &body[value_at..];
            draft.fields += 1;
            if field == Field::Contents {
                draft.in_contents = true;
            }
            if value.trim().is_empty() {
                draft.pending = Some(field);
            } else {
                draft.pending = None;
                set_field(line, field, value);
                found.own_figures.extend(OwnFigures::of(line, field, p.span));
            }
            continue;
        }
        if draft.in_contents && opens_course(body_folded) {
            let kind = kind_named(body_folded).unwrap_or(line.kind);
            let sub = sub_line(body, body_folded, kind, &line.section, single_year);
            draft.subs.push((sub, p.span));
            continue;
        }
        if let Some(field) = draft.pending.take() {
            set_field(line, field, body);
            found.own_figures.extend(OwnFigures::of(line, field, p.span));
        }
    }
    close(&mut draft, found);
    if in_budget {
        read_budget(&budget_paragraphs, found);
    }
}

/// "Đào tạo Cao cấp lý luận chính trị" → "Cao cấp lý luận chính trị"; "Đào tạo sau đại học"
/// and "Bồi dưỡng …" keep their words (the level alone would say less).
fn strip_kind_word<'b>(body: &'b str, folded: &str, kind: TrainingKind) -> &'b str {
    if kind == TrainingKind::Training && folded.starts_with("dao tao ") && !folded.starts_with("dao tao sau") {
        return &body[orig_at(body, folded, 8)..];
    }
    body
}

/// "+ Bồi dưỡng lãnh đạo, quản lý cấp sở … dành cho đối tượng: Là … Số lượng bồi dưỡng khoảng
/// 50 đồng chí." → a line of the section.
fn sub_line(body: &str, folded: &str, kind: TrainingKind, section: &str, year: Option<u16>) -> CourseLine {
    let quota_at = folded.find("so luong");
    let head_end = quota_at.unwrap_or(folded.len());
    let head = &folded[..head_end];
    let (programme_end, audience_at) = if let Some(at) = head.find(" danh cho") {
        let colon = head[at..].find(':').map(|c| at + c + 1);
        (at, colon.or(Some(at + " danh cho".len())))
    } else if let Some(at) = head.find("chuc danh la ") {
        (head.len(), Some(at + "chuc danh la ".len()))
    } else if let Some(at) = head.find(':') {
        (at, Some(at + 1))
    } else {
        (head.len(), None)
    };
    let cut = |at: usize| orig_at(body, folded, at);
    let mut line = blank_line(kind, &body[..cut(programme_end)], section, year);
    finish_programme(&mut line);
    if let Some(at) = audience_at {
        line.audience_text = clip(body[cut(at)..cut(head_end)].trim(), MAX_TEXT_CHARS);
    }
    if let Some(at) = quota_at {
        let mut note = String::new();
        let (q, classes) = quota(&body[cut(at)..], &mut note);
        line.quota = Quota { text: clip(body[cut(at)..].trim(), MAX_TEXT_CHARS), ..q };
        line.classes_planned = classes;
        line.note = note;
    }
    line
}

/// Ends the course being read: its line, or its courses with the section's shared fields.
fn close(draft: &mut Draft, found: &mut Found) {
    let taken = std::mem::take(draft);
    let Some(line) = taken.line else { return };
    if taken.subs.is_empty() {
        if taken.fields > 0 {
            found.lines.push((close_line(line), taken.span));
        }
        return;
    }
    for (mut sub, span) in taken.subs {
        if sub.quota == Quota::default() {
            sub.quota = line.quota.clone();
        }
        sub.directing_body.clone_from(&line.directing_body);
        sub.organising_body.clone_from(&line.organising_body);
        sub.institutions.clone_from(&line.institutions);
        sub.time.clone_from(&line.time);
        sub.year = line.year.or(sub.year);
        if sub.conditions.is_empty() {
            sub.conditions.clone_from(&line.conditions);
        }
        if sub.attendance.is_none() {
            sub.attendance = line.attendance;
        }
        found.lines.push((close_line(sub), span));
    }
}

/// An amount found in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Amount {
    amount: u64,
    bound: Bound,
    /// Byte range in the text.
    start: usize,
    end: usize,
    /// Where it starts in the text's [`fold_aligned`] form.
    folded_start: usize,
}

/// Every amount of money in `text`: a figure followed by "đồng", "triệu (đồng)", "tỷ (đồng)",
/// "nghìn đồng"; with `millions`, a bare figure is in millions (a "(triệu đồng)" column).
fn amounts(text: &str, millions: bool) -> Vec<Amount> {
    let folded = fold_aligned(text);
    let mut back = Back::new(text, &folded);
    let mut out = Vec::new();
    for f in phrases::figures(&folded) {
        if f.percent || (f.year && !millions) {
            continue;
        }
        let after = &folded[f.end..];
        let unit = ["ty dong", "trieu dong", "nghin dong", "ngan dong", "dong", "ty", "trieu"]
            .iter()
            .find(|u| {
                let rest = after.trim_start();
                rest.starts_with(**u) && !rest[u.len()..].starts_with(|c: char| c.is_alphanumeric())
            })
            .map(|u| (after.len() - after.trim_start().len() + u.len(), *u));
        let (unit_len, unit_word) = match unit {
            Some(u) => u,
            None if millions => (0, "trieu"),
            None => continue,
        };
        let number = folded[f.start..f.end].trim();
        let words = if unit_len == 0 { format!("{number} trieu") } else { format!("{number} {unit_word}") };
        let Ok((_, amount)) = crate::number::parse_amount(&words) else { continue };
        let before = folded[f.start.saturating_sub(12)..f.start].trim_end();
        let bound = if before.ends_with("khoang") || before.ends_with("du kien") || before.ends_with("uoc") {
            Bound::About
        } else if before.ends_with("duoi") {
            Bound::Under
        } else if before.ends_with("tren") {
            Bound::Above
        } else {
            Bound::Exact
        };
        let start = back.map(f.start);
        out.push(Amount { amount, bound, start, end: back.map(f.end + unit_len), folded_start: f.start });
    }
    out
}

/// The funding source a label names.
fn source_of(folded: &str) -> Option<FundingSource> {
    if folded.contains("trung uong") || folded.contains("ngan sach nha nuoc") || folded.contains("nsnn") {
        Some(FundingSource::State)
    } else if folded.contains("ngan sach") {
        Some(FundingSource::Local)
    } else if folded.contains("tu tuc") || folded.contains("ca nhan") || folded.contains("hoc vien dong") {
        Some(FundingSource::SelfFunded)
    } else if folded.contains("xa hoi hoa") || folded.contains("tai tro") || folded.contains("nguon khac") {
        Some(FundingSource::Other)
    } else {
        None
    }
}

/// A budget part from its label ("Khối Đảng, Mặt trận, đoàn thể", "Ngân sách huyện").
fn budget_part(label: &str, amount: &Amount) -> BudgetPart {
    let label = label.trim().trim_start_matches(['-', '+', '*', ' ']).trim().trim_end_matches(':').trim();
    let folded = crate::text::fold(label);
    let block = if folded.starts_with("khoi dang") || folded.contains("mat tran") {
        Some(Block::Party)
    } else if folded.starts_with("khoi nha nuoc") || folded.starts_with("khoi chinh quyen") {
        Some(Block::State)
    } else {
        None
    };
    let source = if block.is_some() { None } else { source_of(&folded) };
    BudgetPart {
        block,
        funding: if source.is_some() { clip(label, MAX_NAME_CHARS) } else { String::new() },
        source,
        label: if source.is_none() { clip(label, MAX_NAME_CHARS) } else { String::new() },
        amount: amount.amount,
        bound: amount.bound,
    }
}

/// The budget section ("IV. Kinh phí …"): the total, its parts ("Trong đó: - Khối …: … đồng"),
/// a source named for the whole ("… đồng từ ngân sách huyện") and the basis ("Thực hiện theo
/// Nghị quyết số …").
fn read_budget(paragraphs: &[&Para], found: &mut Found) {
    let mut budget = Budget::default();
    let mut span: Option<(usize, usize)> = None;
    let widen = |span: &mut Option<(usize, usize)>, p: &Para| {
        *span = Some(span.map_or(p.span, |(s, e)| (s.min(p.span.0), e.max(p.span.1))));
    };
    let mut split_seen = false;
    for p in paragraphs {
        let body_at = Numbering::read(p.text).map_or(0, |n| n.rest);
        let body = &p.text[body_at..];
        let folded = &fold_aligned(body);
        // "Thực hiện theo Nghị quyết số …", "Mức chi thực hiện theo …", "Căn cứ …": the basis,
        // from the document it names.
        let cites = folded.starts_with("can cu ") || folded.starts_with("theo ") || folded.contains("thuc hien theo ");
        let named = ["nghi quyet", "quyet dinh", "thong tu", "nghi dinh"].iter().filter_map(|w| folded.find(w)).min();
        if let Some(at) = named.filter(|_| cites && amounts(body, false).is_empty()) {
            budget.basis = clip(&upper_first(&body[orig_at(body, folded, at)..]), MAX_TEXT_CHARS);
            widen(&mut span, p);
            continue;
        }
        let split_at = folded.find("trong do");
        for a in amounts(body, false) {
            widen(&mut span, p);
            let before = &body[..a.start];
            // The label: back to the previous "-", ";", "+" or "Trong đó:", within a label's length.
            let label_end = before.trim_end().trim_end_matches(':').len();
            let mut window = label_end.saturating_sub(4 * MAX_NAME_CHARS);
            while !before.is_char_boundary(window) {
                window -= 1;
            }
            let head = &before[..label_end];
            let near = &head[window..];
            let from = window
                + near.rfind(['-', ';', '+']).map(|i| i + 1).or_else(|| near.rfind(':').map(|i| i + 1)).unwrap_or(0);
            let label = crate::text::fold(&head[from..]);
            let split_before = split_seen || split_at.is_some_and(|at| at < a.folded_start);
            let names_total = label.contains("tong") || label.contains("kinh phi") || !before.trim_end().ends_with(':');
            if budget.total.is_none() && !split_before && names_total {
                budget.total = Some(a.amount);
                budget.total_bound = a.bound;
                let after = crate::text::fold(&body[a.end..]);
                if let Some(at) = after.find("tu ") {
                    let source = source_of(&after[at..]);
                    if source.is_some() {
                        // "12.500.000.000 đồng (Mười hai tỷ năm trăm triệu đồng), từ nguồn …": the
                        // amount in words is no part of the source.
                        let mut words = body[a.end..].trim().trim_end_matches('.');
                        if words.starts_with('(') {
                            if let Some(close) = words.find(')') {
                                words = words[close + 1..].trim_start_matches([',', ' ']);
                            }
                        }
                        let words = words.strip_prefix("từ ").unwrap_or(words);
                        budget.parts.push(BudgetPart {
                            funding: clip(words, MAX_NAME_CHARS),
                            source,
                            amount: a.amount,
                            bound: a.bound,
                            ..BudgetPart::default()
                        });
                    }
                }
                continue;
            }
            budget.parts.push(budget_part(&head[from..], &a));
        }
        split_seen |= folded.contains("trong do");
    }
    if let Some(span) = span.filter(|_| !budget.is_empty()) {
        found.budget = Some((budget, span));
    }
}

// ------------------------------------------------------------------------------- tables

/// One cell: its text and its span in the paste.
#[derive(Debug, Clone, PartialEq)]
struct Cell {
    text: String,
    span: (usize, usize),
}

/// A table as rows of cells (merged cells printed once).
#[derive(Debug, Clone, PartialEq, Default)]
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Number,
    Programme,
    Audience,
    Quota,
    Time,
    Budget { millions: bool },
    Institutions,
    Other,
}

fn column_of(header: &str) -> Column {
    let h = crate::text::fold(header);
    if h == "stt" || h == "tt" || h == "so tt" || h == "so thu tu" {
        Column::Number
    } else if h.starts_with("ten lop")
        || h.starts_with("noi dung")
        || h.starts_with("chuong trinh")
        || h.starts_with("lop")
    {
        Column::Programme
    } else if h.starts_with("doi tuong") {
        Column::Audience
    } else if h.starts_with("so luong") || h.starts_with("chi tieu") || h.starts_with("so hoc vien") {
        Column::Quota
    } else if h.starts_with("thoi gian") {
        Column::Time
    } else if h.starts_with("kinh phi") || h.starts_with("du toan") {
        Column::Budget { millions: h.contains("trieu") }
    } else if h.starts_with("co so") || h.starts_with("don vi dao tao") || h.starts_with("dia diem") {
        Column::Institutions
    } else {
        Column::Other
    }
}

/// True when header cells name a class table: a number column and a programme column.
fn is_class_header(cells: &[String]) -> bool {
    let columns: Vec<Column> = cells.iter().map(|c| column_of(c)).collect();
    columns.first() == Some(&Column::Number) && columns.contains(&Column::Programme) && columns.len() >= 3
}

/// Tables whose cells are paragraphs of their own (a PDF's copy, cells between "|" lines):
/// a header STT | Tên lớp | …, then rows each starting at its number ("1", "2"), a group row
/// at a roman numeral ("I", "II"), a total row at "Tổng cộng"/"Cộng".
fn pipe_tables(paragraphs: &[Para]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < paragraphs.len() {
        if column_of(paragraphs[i].text) != Column::Number {
            i += 1;
            continue;
        }
        let header_len = (1..12)
            .take_while(|k| {
                paragraphs.get(i + k).is_some_and(|p| column_of(p.text) != Column::Other && p.text.chars().count() < 60)
            })
            .count()
            + 1;
        let header: Vec<String> = paragraphs[i..i + header_len].iter().map(|p| p.text.to_string()).collect();
        if !is_class_header(&header) {
            i += 1;
            continue;
        }
        let mut table = Table { header, rows: Vec::new() };
        let mut at = i + header_len;
        let mut expected = 1u32;
        while at < paragraphs.len() {
            let p = &paragraphs[at];
            let numbering = Numbering::read(p.text);
            let ends = p.text.chars().count() > 400
                || numbering
                    .as_ref()
                    .is_some_and(|n| matches!(n.style, Style::Roman | Style::Part | Style::Decimal(_)));
            if ends {
                break;
            }
            let cell = Cell { text: p.text.trim().to_string(), span: p.span };
            let folded = crate::text::fold(&cell.text);
            let next_is_text = paragraphs
                .get(at + 1)
                .is_some_and(|n| n.text.chars().next().is_some_and(char::is_alphabetic) && n.text.chars().count() >= 4);
            let starts_row = ((folded == expected.to_string() || is_roman(&cell.text)) && next_is_text)
                || folded.starts_with("tong cong")
                || folded == "cong"
                || folded == "tong";
            if starts_row || table.rows.is_empty() {
                if folded == expected.to_string() {
                    expected += 1;
                }
                table.rows.push(vec![cell]);
            } else if let Some(row) = table.rows.last_mut() {
                row.push(cell);
            }
            at += 1;
        }
        i = at;
        out.push(table);
    }
    out
}

fn is_roman(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    !s.is_empty() && s.len() <= 5 && s.chars().all(|c| "IVX".contains(c))
}

/// Tables of a .docx: one row a line, cells separated by tabs.
fn tab_tables(pasted: &str) -> Vec<Table> {
    let mut out = Vec::new();
    let mut current: Option<Table> = None;
    let mut offset = 0;
    for raw in pasted.split('\n') {
        let start = offset;
        offset += raw.len() + 1;
        let line = raw.trim_end_matches('\r');
        if !line.contains('\t') || line.chars().count() > MAX_DOCUMENT_TEXT_CHARS {
            if let Some(t) = current.take() {
                out.push(t);
            }
            continue;
        }
        let mut cells = Vec::new();
        let mut at = start;
        for piece in line.split('\t') {
            let lead = piece.len() - piece.trim_start().len();
            cells.push(Cell { text: piece.trim().to_string(), span: (at + lead, at + lead + piece.trim().len()) });
            at += piece.len() + 1;
        }
        match current.as_mut() {
            None => {
                let header: Vec<String> = cells.iter().map(|c| c.text.clone()).collect();
                if is_class_header(&header) {
                    current = Some(Table { header, rows: Vec::new() });
                }
            }
            Some(t) => {
                // A tab row keeps its empty cells: a merged cell is an empty one.
                t.rows.push(cells);
            }
        }
    }
    if let Some(t) = current {
        out.push(t);
    }
    out
}

/// The kind of value a cell holds, to place it when merged cells leave a row short.
fn fits(column: Column, text: &str) -> bool {
    let folded = crate::text::fold(text);
    let numeric = !folded.is_empty() && folded.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == ' ');
    match column {
        Column::Budget { .. } => numeric || !amounts(text, false).is_empty(),
        Column::Time => {
            ["quy", "thang", "nam 20", "/20", "tuan", "dot"].iter().any(|w| folded.contains(w))
                || year_of(text).is_some()
        }
        Column::Quota => numeric || persons(&folded).is_some() || folded.contains("theo nhu cau"),
        Column::Number => numeric || is_roman(text),
        Column::Programme | Column::Audience | Column::Institutions | Column::Other => !numeric,
    }
}

/// Lines from a class table's rows.
fn table_lines(table: &Table, single_year: Option<u16>, found: &mut Found) {
    let columns: Vec<Column> = table.header.iter().map(|h| column_of(h)).collect();
    let mut kind: Option<TrainingKind> = None;
    let mut group = String::new();
    let mut previous: Vec<Option<String>> = vec![None; columns.len()];
    for row in &table.rows {
        let first = crate::text::fold(&row[0].text);
        let span = (row[0].span.0, row.last().map_or(row[0].span.1, |c| c.span.1));
        if is_roman(&row[0].text) {
            let name = row.get(1).map_or("", |c| c.text.as_str());
            kind = kind_named(&crate::text::fold(name)).or(kind);
            group = row[0].text.trim().trim_end_matches('.').to_string();
            continue;
        }
        if first.starts_with("tong") || first == "cong" {
            let millions = columns.iter().any(|c| matches!(c, Column::Budget { millions: true }));
            if let Some(a) = row.iter().rev().find_map(|c| amounts(&c.text, millions).last().copied()) {
                found.table_total = Some((a.amount, span));
            }
            continue;
        }
        let values = place_cells(&columns, row, &mut previous);
        let value = |c: Column| columns.iter().position(|x| *x == c).and_then(|i| values[i].clone());
        let Some(programme) = value(Column::Programme).filter(|p| !p.is_empty()) else { continue };
        let folded = crate::text::fold(&programme);
        let line_kind = kind_named(&folded).or(kind).unwrap_or(TrainingKind::Refresher);
        let number = row[0].text.trim().trim_end_matches('.');
        let section = if group.is_empty() { number.to_string() } else { format!("{group}.{number}") };
        let mut line = blank_line(line_kind, &programme, &section, single_year);
        finish_programme(&mut line);
        if let Some(a) = value(Column::Audience) {
            line.audience_text = clip(&a, MAX_TEXT_CHARS);
        }
        if let Some(q) = value(Column::Quota) {
            let folded_q = crate::text::fold(&q);
            let bare = folded_q.chars().all(|c| c.is_ascii_digit() || c == '.');
            let words = if bare && !folded_q.is_empty() { format!("{q} học viên") } else { q.clone() };
            set_field(&mut line, Field::Quota, &words);
            line.quota.text = clip(&q, MAX_TEXT_CHARS);
        }
        if let Some(t) = value(Column::Time) {
            set_field(&mut line, Field::Time, &t);
        }
        if let Some(i) = value(Column::Institutions) {
            set_field(&mut line, Field::Institutions, &i);
        }
        let budget_column = columns.iter().position(|c| matches!(c, Column::Budget { .. }));
        if let Some(i) = budget_column {
            let millions = matches!(columns[i], Column::Budget { millions: true });
            // A budget merged over rows is the first row's: the rows below share it.
            let own = row_has_own(&columns, row, i);
            if let Some(a) = values[i].as_deref().filter(|_| own).and_then(|t| amounts(t, millions).first().copied()) {
                line.budget = Some(a.amount);
                line.budget_bound = a.bound;
            } else if values[i].is_some() {
                line.note = "Kinh phí chung với lớp ở dòng trên (ô gộp trong bảng).".into();
            }
        }
        found.lines.push((close_line(line), span));
    }
}

/// Places a row's cells in the columns: a full row by position; a short one (merged cells
/// printed above) from the right by the kind of value each column holds, the rest from the
/// left; a column left empty takes the value above (a merged cell). `previous` is updated.
fn place_cells(columns: &[Column], row: &[Cell], previous: &mut [Option<String>]) -> Vec<Option<String>> {
    let mut values: Vec<Option<String>> = vec![None; columns.len()];
    let texts: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
    if texts.len() >= columns.len() {
        for (i, t) in texts.iter().take(columns.len()).enumerate() {
            values[i] = (!t.is_empty()).then(|| t.to_string());
        }
    } else {
        let mut left = 0;
        let mut right = texts.len();
        // Number and programme are always printed.
        for (i, column) in columns.iter().enumerate().take(2) {
            if left < right && fits(*column, texts[left]) {
                values[i] = Some(texts[left].to_string());
                left += 1;
            }
        }
        for i in (2..columns.len()).rev() {
            if right > left && fits(columns[i], texts[right - 1]) {
                values[i] = Some(texts[right - 1].to_string());
                right -= 1;
            }
        }
        for slot in values.iter_mut().skip(2) {
            if left >= right {
                break;
            }
            if slot.is_none() {
                *slot = Some(texts[left].to_string());
                left += 1;
            }
        }
    }
    for (i, v) in values.iter_mut().enumerate() {
        match v {
            Some(_) => previous[i].clone_from(v),
            None => v.clone_from(&previous[i]),
        }
    }
    values
}

/// True when the row prints its own cell in column `i` (not merged from above).
fn row_has_own(columns: &[Column], row: &[Cell], i: usize) -> bool {
    let mut scratch = vec![None; columns.len()];
    place_cells(columns, row, &mut scratch)[i].is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_every_written_form() {
        let read = |s: &str| amounts(s, false).iter().map(|a| (a.amount, a.bound)).collect::<Vec<_>>();
        assert_eq!(read("Dự kiến kinh phí: 11.147.406.000 đồng."), [(11_147_406_000, Bound::Exact)]);
        assert_eq!(read("khoảng 500 triệu đồng"), [(500_000_000, Bound::About)]);
        assert_eq!(read("tổng 2,5 tỷ đồng từ ngân sách"), [(2_500_000_000, Bound::Exact)]);
        assert_eq!(read("năm 2025, 60 học viên"), []);
        assert_eq!(amounts("120,5", true).iter().map(|a| a.amount).collect::<Vec<_>>(), [120_500_000]);
    }

    #[test]
    fn a_quota_with_its_split_by_institution_and_mode() {
        let mut note = String::new();
        let (q, _) = quota(
            "Theo phân bổ của Học viện, dự kiến 15 chỉ tiêu. Trong đó: Cao cấp lý luận chính trị, hệ tập trung tại Học viện Chính trị khu vực III: Dự kiến 5 chỉ tiêu. Hoàn chỉnh chương trình cao cấp lý luận chính trị, hệ không tập trung tại Trường Chính trị tỉnh: Dự kiến 10 chỉ tiêu.",
            &mut note,
        );
        assert_eq!((q.persons, q.about, q.on_demand), (Some(15), true, false));
        assert_eq!(q.text, "Theo phân bổ của Học viện, dự kiến 15 chỉ tiêu.");
        assert_eq!(
            q.parts,
            [
                QuotaPart {
                    programme: "Cao cấp lý luận chính trị".into(),
                    institution: "Học viện Chính trị khu vực III".into(),
                    attendance: Some(Attendance::FullTime),
                    round: None,
                    persons: 5
                },
                QuotaPart {
                    programme: "Hoàn chỉnh chương trình cao cấp lý luận chính trị".into(),
                    institution: "Trường Chính trị tỉnh".into(),
                    attendance: Some(Attendance::PartTime),
                    round: None,
                    persons: 10
                }
            ]
        );
        assert!(note.is_empty());
    }

    #[test]
    fn a_split_that_does_not_add_up_is_noted_not_proposed() {
        let mut note = String::new();
        let (q, _) = quota("dự kiến 20 chỉ tiêu. Trong đó: Hệ tập trung tại Học viện A: 5 chỉ tiêu.", &mut note);
        assert_eq!((q.persons, q.parts.len()), (Some(20), 0));
        assert!(note.contains("cộng lại 05, khác tổng 20"), "{note}");
    }

    #[test]
    fn institutions_split_at_and_only_before_another_body() {
        assert_eq!(
            institutions(
                "Học viện Chính trị khu vực III, Học viện Báo chí và Tuyên truyền và các cơ sở giáo dục khác."
            ),
            ["Học viện Chính trị khu vực III", "Học viện Báo chí và Tuyên truyền", "Các cơ sở giáo dục khác"]
        );
    }

    #[test]
    fn grants_by_kind() {
        let g = |s: &str, k| grant_of(&crate::text::fold(s), k).map(|g| (g.scale, g.level));
        assert_eq!(g("Cao cấp lý luận chính trị", TrainingKind::Training), Some((Scale::Political, "cao_cap".into())));
        assert_eq!(g("Đào tạo sau đại học", TrainingKind::Training), Some((Scale::Professional, "thac_si".into())));
        assert_eq!(
            g("Bồi dưỡng chứng chỉ ngoại ngữ Tiếng Anh bậc 3 trở lên", TrainingKind::Refresher),
            Some((Scale::ForeignLanguage, "bac_3".into()))
        );
        assert_eq!(
            g(
                "Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên, chuyên viên chính",
                TrainingKind::Refresher
            ),
            None
        );
        assert_eq!(
            g("Bồi dưỡng quản lý nhà nước chương trình chuyên viên chính", TrainingKind::Refresher),
            Some((Scale::StateManagement, "chuyen_vien_chinh".into()))
        );
        assert_eq!(
            g("Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 4", TrainingKind::Refresher),
            Some((Scale::DefenceSecurity, "doi_tuong_4".into()))
        );
    }

    const PLAN: &str = "ỦY BAN NHÂN DÂN HUYỆN AN LÃO\nSố: 12/KH-UBND\nAn Lão, ngày 10 tháng 01 năm 2024\nKẾ HOẠCH\nĐào tạo, bồi dưỡng cán bộ, công chức năm 2024\n\nI. NỘI DUNG\n1. Bồi dưỡng quản lý nhà nước chương trình chuyên viên\n- Đối tượng: công chức các phòng chuyên môn thuộc Ủy ban nhân dân huyện.\n- Số lượng: khoảng 60 học viên (02 lớp).\n- Kinh phí: 180 triệu đồng.\n- Thời gian: Quý II năm 2024.\n2. Đào tạo trung cấp lý luận chính trị - hành chính\n- Số lượng: 45 học viên.\nII. KINH PHÍ\nTổng kinh phí: 2,5 tỷ đồng. Trong đó:\n- Ngân sách huyện: 2.000.000.000 đồng;\n- Học viên tự túc: 500 triệu đồng.\nIII. TỔ CHỨC THỰC HIỆN\nPhòng Nội vụ chủ trì.";

    #[test]
    fn a_plan_in_sections_proposes_its_plan_lines_and_budget_each_on_its_span() {
        let (reading, r) = read_text_with_plan(PLAN).unwrap();
        let plan = r.plan.as_ref().expect("a training plan proposes its plan");
        assert_eq!(plan.title, "Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức năm 2024");
        assert_eq!((plan.from_year, plan.to_year, plan.number.as_str()), (2024, 2024, "12/KH-UBND"));
        assert_eq!(plan.budget.total, Some(2_500_000_000));
        let parts: Vec<(Option<FundingSource>, u64)> = plan.budget.parts.iter().map(|p| (p.source, p.amount)).collect();
        assert_eq!(
            parts,
            [(Some(FundingSource::Local), 2_000_000_000), (Some(FundingSource::SelfFunded), 500_000_000)]
        );
        assert_eq!(r.lines.len(), 2);
        let first = &r.lines[0];
        assert_eq!(first.programme, "Bồi dưỡng quản lý nhà nước chương trình chuyên viên");
        assert_eq!(first.kind, TrainingKind::Refresher);
        assert_eq!(first.grants, Some(Grant { scale: Scale::StateManagement, level: "chuyen_vien".into() }));
        assert_eq!((first.quota.persons, first.quota.about, first.classes_planned), (Some(60), true, Some(2)));
        assert_eq!((first.budget, first.year, first.section.as_str()), (Some(180_000_000), Some(2024), "I.1"));
        assert_eq!(first.audience_text, "công chức các phòng chuyên môn thuộc Ủy ban nhân dân huyện.");
        let second = &r.lines[1];
        assert_eq!(
            (second.kind, second.programme.as_str()),
            (TrainingKind::Training, "trung cấp lý luận chính trị - hành chính")
        );
        assert_eq!(second.grants, Some(Grant { scale: Scale::Political, level: "trung_cap".into() }));
        let span = |what: &Proposed| {
            let p = reading.proposals.iter().find(|p| &p.what == what).unwrap();
            &PLAN[p.start..p.end]
        };
        assert!(span(&Proposed::CourseLine(first.id.clone())).starts_with("1. Bồi dưỡng quản lý nhà nước"));
        assert!(span(&Proposed::Budget).starts_with("Tổng kinh phí: 2,5 tỷ đồng"));
        for l in &r.lines {
            assert_eq!(crate::training::data::check_line(l), vec![], "{}", l.programme);
        }
        assert_eq!(crate::training::data::check_plan(plan), vec![]);
    }

    #[test]
    fn the_amount_in_words_is_no_part_of_the_source() {
        let text = PLAN.replace(
            "Tổng kinh phí: 2,5 tỷ đồng. Trong đó:\n- Ngân sách huyện: 2.000.000.000 đồng;\n- Học viên tự túc: 500 triệu đồng.",
            "Tổng kinh phí dự kiến: 2.500.000.000 đồng (Hai tỷ năm trăm triệu đồng), từ nguồn ngân sách huyện.",
        );
        let (_, r) = read_text_with_plan(&text).unwrap();
        let budget = &r.plan.as_ref().unwrap().budget;
        assert_eq!(budget.total, Some(2_500_000_000));
        let parts: Vec<(&str, Option<FundingSource>)> =
            budget.parts.iter().map(|p| (p.funding.as_str(), p.source)).collect();
        assert_eq!(parts, [("nguồn ngân sách huyện", Some(FundingSource::Local))]);
    }

    #[test]
    fn figures_a_line_holds_itself_are_no_targets_of_their_own() {
        let text = "TỈNH ỦY BÌNH ĐỊNH\nSố: 31-KH/TU\nQuy Nhơn, ngày 05 tháng 01 năm 2023\nKẾ HOẠCH\nĐào tạo, bồi dưỡng cán bộ năm 2023\n\nI. ĐÀO TẠO\n1. Đào tạo cao cấp lý luận chính trị\n- Điều kiện: theo Quy định 01-QĐ/TW ngày 10/01/2022, có ít nhất 05 năm công tác.\n- Số lượng: dự kiến 70 chỉ tiêu. Trong đó: hệ tập trung tại Học viện Chính trị khu vực III: 30 chỉ tiêu; hệ không tập trung tại Trường Chính trị tỉnh: 40 chỉ tiêu.\n- Thời gian: Năm 2023.\nII. KINH PHÍ\nTổng kinh phí: 900 triệu đồng.";
        let (reading, plan) = read_text_with_plan(text).unwrap();
        assert_eq!(plan.lines.len(), 1);
        let parts: Vec<u32> = plan.lines[0].quota.parts.iter().map(|p| p.persons).collect();
        assert_eq!((plan.lines[0].quota.persons, parts), (Some(70), vec![30, 40]));
        let values: Vec<Option<f64>> =
            reading.directive.targets().iter().flat_map(|t| t.milestones.iter().map(|m| m.value)).collect();
        assert_eq!(
            values,
            vec![Some(70.0)],
            "the total stays the plan's target; its parts and the conditions' figures go"
        );
        let targets: Vec<&str> = reading
            .proposals
            .iter()
            .filter(|p| matches!(p.what, Proposed::Target(_)))
            .map(|p| &text[p.start..p.end])
            .collect();
        assert_eq!(targets, vec!["Số lượng: dự kiến 70 chỉ tiêu"], "the total's span is its own clause");
        let items: Vec<&str> = reading
            .directive
            .sections_flat()
            .into_iter()
            .flat_map(|(s, _)| s.items.iter())
            .map(|i| i.text.as_str())
            .collect();
        assert!(
            items.iter().any(|t| t.contains("Trường Chính trị tỉnh: 40 chỉ tiêu")),
            "the split stays as text: {items:?}"
        );
        assert!(items.iter().any(|t| t.contains("ít nhất 05 năm công tác")), "the conditions stay as text: {items:?}");
        assert_eq!(reading.directive.validate(), vec![]);
    }

    #[test]
    fn a_directive_that_is_no_plan_proposes_none() {
        let text = PLAN.replace("KẾ HOẠCH", "NGHỊ QUYẾT");
        let (reading, r) = read_text_with_plan(&text).unwrap();
        assert!(r.plan.is_none() && r.lines.is_empty());
        assert!(reading.proposals.iter().all(|p| !matches!(p.what, Proposed::CourseLine(_) | Proposed::Budget)));
    }

    #[test]
    fn a_class_table_between_bars_with_merged_cells() {
        let text = "UBND HUYỆN X\nSố: 3/KH-UBND\nX, ngày 05 tháng 01 năm 2025\nKẾ HOẠCH\nĐào tạo, bồi dưỡng năm 2025\nI. CÁC LỚP\nCác lớp mở trong năm:\nSTT\n|\nTên lớp\n|\nĐối tượng\n|\nSố lượng\n|\nThời gian\n|\nKinh phí (triệu đồng)\n|\nI\n|\nBồi dưỡng\n|\n1\n|\nBồi dưỡng kỹ năng lãnh đạo cấp phòng\n|\nTrưởng phòng, phó trưởng phòng\n|\n40\n|\nQuý II/2025\n|\n120\n|\n2\n|\nBồi dưỡng kiến thức quốc phòng và an ninh đối tượng 4\n|\n80\n|\n95,5\n|\nTổng cộng\n|\n120\n|\n215,5\n|\nII. TỔ CHỨC THỰC HIỆN\nPhòng Nội vụ chủ trì.";
        let (_, r) = read_text_with_plan(text).unwrap();
        assert_eq!(r.lines.len(), 2, "{:#?}", r.lines);
        let second = &r.lines[1];
        // The merged cells (Đối tượng, Thời gian) are the row above's.
        assert_eq!(second.audience_text, "Trưởng phòng, phó trưởng phòng");
        assert_eq!((second.time.as_str(), second.year), ("Quý II/2025", Some(2025)));
        assert_eq!((second.quota.persons, second.budget), (Some(80), Some(95_500_000)));
        assert_eq!(second.section, "I.2");
        assert_eq!(r.plan.unwrap().budget.total, Some(215_500_000));
    }

    #[test]
    fn a_class_table_of_tab_separated_rows() {
        let text = "KẾ HOẠCH\nBồi dưỡng cán bộ năm 2025\nSTT\tTên lớp\tSố lượng\tKinh phí\n1\tBồi dưỡng tin học cơ bản\t30 học viên\t45 triệu đồng\n2\tĐào tạo đại học ngành Luật\t10 học viên\t\nHết.";
        let (reading, r) = read_text_with_plan(text).unwrap();
        assert_eq!(r.lines.len(), 2);
        assert_eq!(r.lines[0].grants, Some(Grant { scale: Scale::InformationTechnology, level: "co_ban".into() }));
        assert_eq!(r.lines[0].budget, Some(45_000_000));
        assert_eq!(r.lines[1].kind, TrainingKind::Training);
        let p = reading.proposals.iter().find(|p| p.what == Proposed::CourseLine(r.lines[0].id.clone())).unwrap();
        assert!(text[p.start..p.end].starts_with("1\tBồi dưỡng tin học"));
    }

    fn index_of(r: &Reading, what: impl Fn(&Proposed) -> bool) -> usize {
        r.proposals.iter().position(|p| what(&p.what)).expect("the proposal is read")
    }

    fn all(r: &Reading) -> Vec<bool> {
        vec![true; r.proposals.len()]
    }

    #[test]
    fn reading_the_plan_again_replaces_its_proposals() {
        let (mut r, _) = read_text_with_plan(SHORT_PLAN).unwrap();
        let before = r.proposals.clone();
        read_plan(&mut r);
        assert_eq!(r.proposals, before);
    }

    const SHORT_PLAN: &str = "ỦY BAN NHÂN DÂN HUYỆN AN LÃO\nSố: 12/KH-UBND\nAn Lão, ngày 10 tháng 01 năm 2024\nKẾ HOẠCH\nĐào tạo, bồi dưỡng cán bộ, công chức năm 2024\n\nI. NỘI DUNG\n1. Bồi dưỡng quản lý nhà nước chương trình chuyên viên\n- Số lượng: khoảng 60 học viên.\n2. Đào tạo trung cấp lý luận chính trị - hành chính\n- Số lượng: 45 học viên.\nII. KINH PHÍ\nTổng kinh phí: 500 triệu đồng.\nIII. TỔ CHỨC THỰC HIỆN\nPhòng Nội vụ chủ trì.";

    #[test]
    fn a_plan_is_saved_beside_its_directive_with_the_lines_kept() {
        let (r, plan) = read_text_with_plan(SHORT_PLAN).unwrap();
        assert_eq!(plan.lines.len(), 2);
        let second = index_of(&r, |p| p == &Proposed::CourseLine(plan.lines[1].id.clone()));
        let mut kept = all(&r);
        kept[second] = false;
        let saved = accept_with_plan(&r, &plan, &kept, "vb-1".into(), "kh-1".into()).unwrap();
        let saved_plan = saved.plan.expect("a line is kept: the plan is saved");
        assert_eq!((saved_plan.id.as_str(), saved_plan.directive_ids.clone()), ("kh-1", vec!["vb-1".to_string()]));
        assert_eq!(saved_plan.budget.total, Some(500_000_000));
        assert_eq!(saved.lines.len(), 1);
        assert_eq!((saved.lines[0].id.as_str(), saved.lines[0].plan_id.as_str()), ("kh-1-l01", "kh-1"));
        assert_eq!(saved.lines[0].programme, plan.lines[0].programme);
        assert_eq!(saved.directive.id, "vb-1");
        // The budget not kept leaves the plan without one; nothing of the plan kept, no plan.
        let budget = index_of(&r, |p| p == &Proposed::Budget);
        kept[budget] = false;
        let saved = accept_with_plan(&r, &plan, &kept, "vb-1".into(), "kh-1".into()).unwrap();
        assert!(saved.plan.unwrap().budget.is_empty());
        let first = index_of(&r, |p| p == &Proposed::CourseLine(plan.lines[0].id.clone()));
        kept[first] = false;
        let saved = accept_with_plan(&r, &plan, &kept, "vb-1".into(), "kh-1".into()).unwrap();
        assert_eq!((saved.plan, saved.lines.len()), (None, 0));
    }

    #[test]
    fn a_line_the_plan_rules_refuse_names_its_proposal() {
        let (r, mut plan) = read_text_with_plan(SHORT_PLAN).unwrap();
        plan.lines[0].quota.parts = vec![QuotaPart { persons: 7, ..Default::default() }];
        let line = index_of(&r, |p| p == &Proposed::CourseLine(plan.lines[0].id.clone()));
        let errors = accept_with_plan(&r, &plan, &all(&r), "vb-1".into(), "kh-1".into()).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].proposal, Some(line));
        assert!(errors[0].message.contains("cộng lại 07, khác tổng 60"), "{}", errors[0].message);
    }

    #[test]
    fn a_directive_without_a_plan_saves_as_before() {
        let (r, plan) = read_text_with_plan(PLAN.replace("KẾ HOẠCH", "NGHỊ QUYẾT").as_str()).unwrap();
        assert_eq!(plan, ProposedPlan::default());
        let saved = accept_with_plan(&r, &plan, &all(&r), "abc".into(), "kh".into()).unwrap();
        assert_eq!((saved.plan, saved.lines.len()), (None, 0));
        assert_eq!(saved.directive, accept(&r, &all(&r), "abc".into()).unwrap());
    }

    #[test]
    fn a_table_of_ten_thousand_rows_is_read_row_by_row() {
        let mut text = String::from(
            "KẾ HOẠCH\nĐào tạo, bồi dưỡng năm 2025\nCác lớp:\nSTT\n|\nTên lớp\n|\nSố lượng\n|\nKinh phí (triệu đồng)\n|\n",
        );
        for i in 1..=10_000 {
            text.push_str(&format!("{i}\n|\nBồi dưỡng lớp số {i}\n|\n30\n|\n12\n|\n"));
        }
        let (reading, plan) = read_text_with_plan(&text).unwrap();
        assert_eq!(plan.lines.len(), 10_000);
        assert!(plan.lines.iter().all(|l| l.budget == Some(12_000_000) && l.quota.persons == Some(30)));
        assert_eq!(reading.proposals.iter().filter(|p| matches!(p.what, Proposed::CourseLine(_))).count(), 10_000);
    }

    #[test]
    fn a_paragraph_longer_than_any_document_quotes_is_no_field() {
        let mut text = String::from("KẾ HOẠCH\nĐào tạo, bồi dưỡng năm 2025\nI. NỘI DUNG\n1. Bồi dưỡng kỹ năng\n- Thời gian: Quý II/2025.\n- Số lượng: dự kiến 60 chỉ tiêu. Trong đó: ");
        while text.chars().count() <= MAX_DOCUMENT_TEXT_CHARS + 200 {
            text.push_str("Lớp A, hệ tập trung tại Trường B: 1 chỉ tiêu. ");
        }
        let (_, plan) = read_text_with_plan(&text).unwrap();
        assert_eq!(plan.lines.len(), 1);
        assert_eq!((plan.lines[0].time.as_str(), plan.lines[0].quota.persons), ("Quý II/2025", None));
    }

    #[test]
    fn numbering_with_marks_is_cut_at_its_own_width() {
        // "Phần I", "Đ." are wider in bytes than folded: the body is cut where the text's is.
        let text = "KẾ HOẠCH\nĐào tạo, bồi dưỡng năm 2025\nPhần I CÁC LỚP\nĐ. Bồi dưỡng kỹ năng số\n- Số lượng: 25 học viên.\nPhần II KINH PHÍ\nTổng kinh phí: 75 triệu đồng.";
        let (_, plan) = read_text_with_plan(text).unwrap();
        assert_eq!(plan.lines.len(), 1);
        assert_eq!((plan.lines[0].programme.as_str(), plan.lines[0].quota.persons), ("Bồi dưỡng kỹ năng số", Some(25)));
        assert_eq!(plan.plan.unwrap().budget.total, Some(75_000_000));
    }
}
