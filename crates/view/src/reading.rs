//! Đọc văn bản (`#/doc-van-ban`): the review of a reading. The text with each recognised span
//! tied to its proposal, the proposals with the sentence each came from, the sentence of the
//! rule it would become and how many people its group holds now, the officer's decisions
//! (Nhận / Bỏ, one by one or all at once) and the counts. What a decision keeps or leaves
//! out is the domain's rule (`directive::reading::accept`); nothing is saved here.

use std::collections::HashMap;

use dtbd_domain::directive::describe::cap_first;
use dtbd_domain::directive::reading::accept::{brings, kept_directive, taken_with};
use dtbd_domain::directive::reading::{Proposed, Reading};
use dtbd_domain::directive::{describe_need, describe_rule, describe_target, Directive, RosterIndex};
use dtbd_domain::number::{format_amount, grouped};
use dtbd_domain::training::plan_reading::ProposedPlan;
use dtbd_domain::training::{Budget, CourseLine};

/// Below this confidence (0-100) a proposal carries a note asking her to check it: the
/// reader gives 80 to a target read with every field, 50 to one whose group it did not find,
/// 40 to a sentence kept as directional.
pub const LOW_CONFIDENCE: u8 = 60;

/// Quyết định on one proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Decision {
    /// Chờ: not decided yet (not saved).
    #[default]
    Pending,
    /// Đã nhận.
    Accepted,
    /// Đã bỏ.
    Rejected,
}

impl Decision {
    /// A stable code for the page's classes ("cho", "nhan", "bo").
    pub fn code(self) -> &'static str {
        match self {
            Decision::Pending => "cho",
            Decision::Accepted => "nhan",
            Decision::Rejected => "bo",
        }
    }

    /// What the proposal's badge says.
    pub fn label(self) -> &'static str {
        match self {
            Decision::Pending => "Chờ",
            Decision::Accepted => "Đã nhận",
            Decision::Rejected => "Đã bỏ",
        }
    }
}

/// Whether a proposal is one the review lists (paragraphs are the document's own text,
/// always kept, never asked about).
pub fn is_listed(what: &Proposed) -> bool {
    !matches!(what, Proposed::Item(_))
}

/// The officer's decisions, one per proposal of the reading (paragraphs stay pending and are
/// kept whatever).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decisions(pub Vec<Decision>);

impl Decisions {
    /// The review as handed to the page the officer comes back to: one code per decision
    /// ("nhan,bo,cho"), a line break, then the text read.
    pub fn hand_over(&self, text: &str) -> String {
        let codes: Vec<&str> = self.0.iter().map(|d| d.code()).collect();
        format!("{}\n{text}", codes.join(","))
    }

    /// [`Decisions::hand_over`] read back: the text and its decisions, or `None` for anything
    /// else.
    pub fn taken_back(handed: &str) -> Option<(String, Decisions)> {
        let (codes, text) = handed.split_once('\n')?;
        let decisions = codes
            .split(',')
            .filter(|c| !c.is_empty())
            .map(|c| [Decision::Pending, Decision::Accepted, Decision::Rejected].into_iter().find(|d| d.code() == c))
            .collect::<Option<Vec<_>>>()?;
        Some((text.to_string(), Decisions(decisions)))
    }

    /// Every proposal pending.
    pub fn new(reading: &Reading) -> Self {
        Decisions(vec![Decision::Pending; reading.proposals.len()])
    }

    /// Nhận: proposal `index` and what it cannot be kept without (its sections, its group).
    pub fn accept(&mut self, reading: &Reading, index: usize) {
        for i in std::iter::once(index).chain(brings(reading, index)) {
            self.set(i, Decision::Accepted);
        }
    }

    /// Bỏ: proposal `index` and what goes with it (a group's targets, a section's contents).
    pub fn reject(&mut self, reading: &Reading, index: usize) {
        for i in std::iter::once(index).chain(taken_with(reading, index)) {
            self.set(i, Decision::Rejected);
        }
    }

    /// Nhận tất cả / Bỏ tất cả.
    pub fn all(&mut self, reading: &Reading, decision: Decision) {
        for (slot, p) in self.0.iter_mut().zip(&reading.proposals) {
            if is_listed(&p.what) {
                *slot = decision;
            }
        }
    }

    fn set(&mut self, index: usize, decision: Decision) {
        if let Some(slot) = self.0.get_mut(index) {
            *slot = decision;
        }
    }

    /// The decision on proposal `index`.
    pub fn of(&self, index: usize) -> Decision {
        self.0.get(index).copied().unwrap_or_default()
    }

    /// Which proposals "Lưu văn bản" keeps: the accepted ones.
    pub fn kept(&self) -> Vec<bool> {
        self.0.iter().map(|d| *d == Decision::Accepted).collect()
    }

    /// What "Sửa" on proposal `index` opens in the editor: the accepted proposals and this
    /// one with what it brings, as a directive of id `id` (not validated: the editor says
    /// what to correct). The header fields she has not turned down come too: the directive
    /// cannot be saved without them, and an editor opened with its number, date and issuer
    /// blank had her type again what the reader had found.
    pub fn draft_with(&self, reading: &Reading, index: usize, id: String) -> Directive {
        let mut with = self.clone();
        with.accept(reading, index);
        for (slot, p) in with.0.iter_mut().zip(&reading.proposals) {
            if matches!(p.what, Proposed::Header(_)) && *slot == Decision::Pending {
                *slot = Decision::Accepted;
            }
        }
        kept_directive(reading, &with.kept(), id)
    }
}

/// What the review shows that does not change with the decisions, computed once per reading
/// and roster: each group's members now, and what each "Bỏ" takes along.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReviewFacts {
    /// Group id → members on the roster in the year scored.
    pub members: HashMap<String, u32>,
    /// Per proposal: the other proposals its "Bỏ" takes along.
    pub taken: Vec<Vec<usize>>,
    /// The plan and course lines the text proposes, when it is a kế hoạch đào tạo, bồi dưỡng
    /// (`training::plan_reading::read_plan` of the same reading), for their rows.
    pub plan: ProposedPlan,
}

impl ReviewFacts {
    /// The facts with the plan read from the same text, so its lines and budget have rows.
    pub fn with_plan(self, plan: ProposedPlan) -> Self {
        ReviewFacts { plan, ..self }
    }
}

/// Counts each proposed group over the roster as the directive page does (the directive's
/// scope and groups, age in `year`), and what each group's or section's "Bỏ" takes along.
pub fn review_facts(reading: &Reading, idx: &RosterIndex, year: u16) -> ReviewFacts {
    let d = &reading.directive;
    let members = d
        .groups
        .iter()
        .map(|g| (g.id.clone(), dtbd_domain::directive::group::members_if_saved(d, idx, g, year).count()))
        .collect();
    let taken = reading
        .proposals
        .iter()
        .enumerate()
        .map(|(i, p)| match p.what {
            Proposed::Group(_) | Proposed::Section(_) => taken_with(reading, i),
            _ => Vec::new(),
        })
        .collect();
    ReviewFacts { members, taken, plan: ProposedPlan::default() }
}

/// A piece of the text read: plain, or a recognised span tied to its proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The text, verbatim.
    pub text: String,
    /// The proposal the span is, when it is one.
    pub proposal: Option<usize>,
    /// Its decision (for the highlight's colour).
    pub decision: Decision,
    /// The first piece of its proposal's span: a span with a group's inside it ("Các đồng
    /// chí Ủy viên BCH …: 50% có trình độ thạc sĩ") is cut in pieces, and only the first
    /// carries the span's id, so the page has one element to focus.
    pub first: bool,
}

/// One proposal in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalRow {
    /// Index into the reading's proposals.
    pub index: usize,
    /// Kind in words: "Thông tin văn bản", "Mục", "Nhóm đối tượng", "Chỉ tiêu", "Nhu cầu đào tạo".
    pub kind: &'static str,
    /// The sentence it came from, as pasted.
    pub source: String,
    /// What it would become: the header field and its value, the section's number and
    /// heading, the generated sentence of the group's rule, target or need.
    pub generated: String,
    /// "Nhóm “…”: 120 người trên danh sách" for groups, targets and needs with a group.
    pub people: Option<String>,
    /// Set when the reading is unsure.
    pub note: Option<String>,
    /// What "Bỏ" also takes away, when anything.
    pub reject_note: Option<String>,
    /// The decision.
    pub decision: Decision,
}

/// The review: the text in segments, the proposals, the counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// The text, in order, each recognised span its own segment.
    pub segments: Vec<Segment>,
    /// The proposals listed, in document order.
    pub rows: Vec<ProposalRow>,
    /// "12 đề xuất: 8 đã nhận, 3 chờ, 1 bỏ".
    pub counts: String,
    /// What "Lưu văn bản" leaves out while proposals are pending.
    pub save_note: Option<String>,
    /// Whether anything is accepted (else "Lưu văn bản" has nothing to save).
    pub can_save: bool,
}

/// The header field's name as the editor labels it.
fn header_label(field: &str) -> &'static str {
    match field {
        "kind" => "Loại văn bản",
        "number" => "Số, ký hiệu",
        "date" => "Ngày ban hành",
        "place" => "Địa danh",
        "issuer" => "Cơ quan ban hành",
        "authority" => "Tập thể quyết định",
        "title" => "Trích yếu",
        "period" => "Giai đoạn",
        _ => "Thông tin khác",
    }
}

fn header_value(d: &Directive, field: &str) -> String {
    match field {
        "kind" => d.kind.label().to_string(),
        "number" => d.number.clone(),
        "date" => d.date.map(|x| x.long_vi()).unwrap_or_default(),
        "place" => d.place.clone(),
        "issuer" => d.issuer.clone(),
        "authority" => d.authority.clone(),
        "title" => d.title.clone(),
        "period" => d.period.map(|p| format!("{} - {}", p.from, p.to)).unwrap_or_default(),
        _ => String::new(),
    }
}

/// "Nhóm “…”: 120 người trên danh sách".
fn people(d: &Directive, facts: &ReviewFacts, group: Option<&str>) -> Option<String> {
    let g = d.group(group?)?;
    let n = facts.members.get(&g.id).copied().unwrap_or(0);
    Some(format!("Nhóm “{}”: {} người trên danh sách hiện nay", g.name, grouped(n)))
}

fn section_of<'d>(d: &'d Directive, id: &str) -> Option<&'d dtbd_domain::directive::Section> {
    d.sections_flat().into_iter().map(|(s, _)| s).find(|s| s.id == id)
}

/// "Bỏ đề xuất này sẽ bỏ cả 3 chỉ tiêu, 1 nhu cầu đào tạo" for what `taken` names.
fn reject_note(reading: &Reading, taken: &[usize]) -> Option<String> {
    if taken.is_empty() {
        return None;
    }
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for &i in taken {
        let kind = kind_word(&reading.proposals[i].what);
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{} {k}", grouped(*n))).collect();
    Some(format!("Bỏ đề xuất này sẽ bỏ cả {}.", parts.join(", ")))
}

/// The kind of a proposal in words.
pub fn kind_label(what: &Proposed) -> &'static str {
    match what {
        Proposed::Header(_) => "Thông tin văn bản",
        Proposed::Section(_) => "Mục",
        Proposed::Item(_) => "Đoạn văn",
        Proposed::Group(_) => "Nhóm đối tượng",
        Proposed::Target(_) => "Chỉ tiêu",
        Proposed::Need(_) => "Nhu cầu đào tạo",
        Proposed::CourseLine(_) => "Lớp",
        Proposed::Budget => "Kinh phí",
    }
}

/// The kind of a proposal inside a sentence ("bỏ cả 3 chỉ tiêu").
fn kind_word(what: &Proposed) -> &'static str {
    match what {
        Proposed::Header(_) => "thông tin văn bản",
        Proposed::Section(_) => "mục",
        Proposed::Item(_) => "đoạn văn",
        Proposed::Group(_) => "nhóm đối tượng",
        Proposed::Target(_) => "chỉ tiêu",
        Proposed::Need(_) => "nhu cầu đào tạo",
        Proposed::CourseLine(_) => "lớp",
        Proposed::Budget => "kinh phí",
    }
}

/// "Lớp Cao cấp lý luận chính trị: 145 chỉ tiêu (dự kiến), năm 2021, kinh phí 120.000.000 đồng".
pub fn course_line_sentence(line: &CourseLine) -> String {
    let mut out = format!("Lớp {}: {}", line.programme, lower_first(&line.quota.label()));
    if let Some(n) = line.classes_planned {
        out.push_str(&format!(", {} lớp", grouped(n)));
    }
    if let Some(year) = line.year {
        out.push_str(&format!(", năm {year}"));
    }
    if let Some(amount) = line.budget {
        out.push_str(&format!(", kinh phí {}", format_amount(line.budget_bound, amount)));
    }
    out
}

/// "Kinh phí: 11.147.406.000 đồng; Khối Đảng, Mặt trận, đoàn thể: 7.237.406.000 đồng; …".
pub fn budget_sentence(budget: &Budget) -> String {
    let mut out = match budget.total {
        Some(total) => format!("Kinh phí: {}", format_amount(budget.total_bound, total)),
        None => "Kinh phí: chưa nêu tổng".to_string(),
    };
    for part in &budget.parts {
        out.push_str(&format!("; {}: {}", part.name(), format_amount(part.bound, part.amount)));
    }
    if !budget.basis.is_empty() {
        out.push_str(&format!(" (theo {})", lower_first(&budget.basis).trim_end_matches('.')));
    }
    out
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The longest source a row shows whole. A class's or a section's span is its whole section
/// (a thousand characters for one of seed 003's classes): fifteen of them made the list a dozen
/// screens on a tablet. Longer ones show their start and end; "Xem trong văn bản" shows all.
pub const SOURCE_SHOWN_CHARS: usize = 320;

/// `source`, or its start and its end around " … " when longer than [`SOURCE_SHOWN_CHARS`],
/// each cut at a space.
fn shown_source(source: &str) -> String {
    let chars = source.chars().count();
    if chars <= SOURCE_SHOWN_CHARS {
        return source.to_string();
    }
    let byte_at = |n: usize| source.char_indices().nth(n).map_or(source.len(), |(i, _)| i);
    let head = &source[..byte_at(SOURCE_SHOWN_CHARS * 3 / 4)];
    let head = head.rfind(char::is_whitespace).map_or(head, |at| &head[..at]);
    let tail = &source[byte_at(chars - SOURCE_SHOWN_CHARS / 4)..];
    let tail = tail.find(char::is_whitespace).map_or(tail, |at| &tail[at..]);
    format!("{} … {}", head.trim_end(), tail.trim_start())
}

/// The source span of proposal `index`, empty when it does not fall on the text's characters.
fn span_text(reading: &Reading, index: usize) -> &str {
    let p = &reading.proposals[index];
    reading.text.get(p.start..p.end).unwrap_or("")
}

/// The review of `reading` under `decisions`, with `facts` counted once.
pub fn review(reading: &Reading, decisions: &Decisions, facts: &ReviewFacts) -> Review {
    let d = &reading.directive;
    let mut rows = Vec::new();
    let (mut accepted, mut pending, mut rejected) = (0usize, 0usize, 0usize);
    for (index, p) in reading.proposals.iter().enumerate() {
        if !is_listed(&p.what) {
            continue;
        }
        let decision = decisions.of(index);
        match decision {
            Decision::Accepted => accepted += 1,
            Decision::Pending => pending += 1,
            Decision::Rejected => rejected += 1,
        }
        let (generated, people) = match &p.what {
            Proposed::Header(field) => (format!("{}: {}", header_label(field), header_value(d, field)), None),
            Proposed::Section(id) => (
                section_of(d, id).map(|s| format!("{} {}", s.number, s.heading).trim().to_string()).unwrap_or_default(),
                None,
            ),
            Proposed::Group(id) => match d.group(id) {
                Some(g) => (format!("{}: {}", g.name, describe_rule(&g.rule, d)), people(d, facts, Some(id))),
                None => (String::new(), None),
            },
            Proposed::Target(id) => match d.target(id) {
                Some(t) => (cap_first(&describe_target(t, d)), people(d, facts, t.group.as_deref())),
                None => (String::new(), None),
            },
            Proposed::Need(id) => match d.needs().into_iter().find(|n| &n.id == id) {
                Some(n) => (cap_first(&describe_need(n, d)), people(d, facts, n.group.as_deref())),
                None => (String::new(), None),
            },
            Proposed::CourseLine(id) => match facts.plan.lines.iter().find(|l| &l.id == id) {
                Some(l) => (course_line_sentence(l), None),
                None => (String::new(), None),
            },
            Proposed::Budget => {
                (facts.plan.plan.as_ref().map(|p| budget_sentence(&p.budget)).unwrap_or_default(), None)
            }
            Proposed::Item(_) => continue,
        };
        let note = (p.confidence < LOW_CONFIDENCE)
            .then(|| "Đọc chưa chắc chắn: hãy so với câu gốc, bấm Sửa để chỉnh nếu cần.".to_string());
        rows.push(ProposalRow {
            index,
            kind: kind_label(&p.what),
            source: shown_source(span_text(reading, index).trim()),
            generated,
            people,
            note,
            reject_note: facts.taken.get(index).and_then(|t| reject_note(reading, t)),
            decision,
        });
    }
    let total = rows.len();
    let counts = format!(
        "{} đề xuất: {} đã nhận, {} chờ, {} bỏ",
        grouped(total),
        grouped(accepted),
        grouped(pending),
        grouped(rejected)
    );
    let save_note = (pending > 0 && accepted > 0).then(|| {
        format!("{} đề xuất còn chờ sẽ không được lưu (như khi bấm Bỏ); chỉ lưu các đề xuất đã nhận.", grouped(pending))
    });
    Review { segments: segments(reading, decisions), rows, counts, save_note, can_save: accepted > 0 }
}

/// The text cut at every listed proposal's span; where spans overlap (a target inside its
/// section's heading) the narrowest wins, so each piece is tied to one proposal.
pub fn segments(reading: &Reading, decisions: &Decisions) -> Vec<Segment> {
    let text = &reading.text;
    let spans: Vec<(usize, usize, usize)> = reading
        .proposals
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            is_listed(&p.what)
                && p.start < p.end
                && p.end <= text.len()
                && text.is_char_boundary(p.start)
                && text.is_char_boundary(p.end)
        })
        .map(|(i, p)| (p.start, p.end, i))
        .collect();
    let mut cuts: Vec<usize> = spans.iter().flat_map(|&(s, e, _)| [s, e]).chain([0, text.len()]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    // Spans by start, so each piece looks only at those begun before it.
    let mut by_start = spans.clone();
    by_start.sort_unstable_by_key(|&(s, e, _)| (s, e));
    let mut out: Vec<Segment> = Vec::new();
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    let mut next = 0;
    let mut begun = vec![false; reading.proposals.len()];
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        while next < by_start.len() && by_start[next].0 <= from {
            open.push(by_start[next]);
            next += 1;
        }
        open.retain(|&(_, e, _)| e > from);
        let proposal =
            open.iter().filter(|&&(s, e, _)| s <= from && to <= e).min_by_key(|&&(s, e, _)| e - s).map(|x| x.2);
        let piece = &text[from..to];
        match out.last_mut() {
            Some(last) if last.proposal == proposal => last.text.push_str(piece),
            _ => {
                let first = proposal.is_some_and(|i| !std::mem::replace(&mut begun[i], true));
                out.push(Segment {
                    text: piece.to_string(),
                    proposal,
                    decision: proposal.map_or(Decision::Pending, |i| decisions.of(i)),
                    first,
                })
            }
        }
    }
    out.retain(|s| !s.text.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use dtbd_domain::directive::reading::read_text;
    use dtbd_domain::directive::DirectiveKind;
    use dtbd_domain::roster::Roster;

    const TEXT: &str = "TỈNH ỦY BẮC GIANG\nSố 12-NQ/TU\nBắc Giang, ngày 05 tháng 3 năm 2022\nNGHỊ QUYẾT\nvề đào tạo cán bộ giai đoạn 2022 - 2025\n\nI. MỤC TIÊU\n1. Đến năm 2025:\n- 80% cán bộ chủ chốt cấp xã có trình độ đại học trở lên;\n- Các hội, đoàn thể phát huy vai trò.\nII. TỔ CHỨC THỰC HIỆN\nCác cấp ủy triển khai.";

    fn setup() -> (Reading, ReviewFacts) {
        let reading = read_text(TEXT).unwrap();
        let roster = dtbd_view_testing_roster();
        let idx = RosterIndex::build(&roster);
        let facts = review_facts(&reading, &idx, 2025);
        (reading, facts)
    }

    fn dtbd_view_testing_roster() -> Roster {
        crate::testing::hoang_su_phi_roster(7)
    }

    fn target_index(r: &Reading) -> usize {
        r.proposals.iter().position(|p| matches!(p.what, Proposed::Target(_))).unwrap()
    }

    #[test]
    fn the_segments_put_the_text_back_together_and_tie_each_span_to_its_proposal() {
        let (r, _) = setup();
        let segs = segments(&r, &Decisions::new(&r));
        assert_eq!(segs.iter().map(|s| s.text.as_str()).collect::<String>(), TEXT);
        let t = target_index(&r);
        // The group's phrase, narrower, is its own piece inside the target's sentence.
        let pieces: Vec<&str> = segs.iter().filter(|s| s.proposal == Some(t)).map(|s| s.text.as_str()).collect();
        assert_eq!(pieces, ["80% ", " có trình độ đại học trở lên"]);
        // Only the first piece carries the span's id: one element per proposal to focus.
        let firsts: Vec<bool> = segs.iter().filter(|s| s.proposal == Some(t)).map(|s| s.first).collect();
        assert_eq!(firsts, [true, false]);
        for (i, _) in r.proposals.iter().enumerate() {
            assert!(segs.iter().filter(|s| s.proposal == Some(i) && s.first).count() <= 1);
        }
        let g = r.proposals.iter().position(|p| matches!(p.what, Proposed::Group(_))).unwrap();
        let group: Vec<&str> = segs.iter().filter(|s| s.proposal == Some(g)).map(|s| s.text.as_str()).collect();
        assert_eq!(group, ["cán bộ chủ chốt cấp xã"]);
        // The target's span sits inside the paragraph, which is no listed proposal.
        assert!(segs.iter().all(|s| s.proposal.is_none_or(|i| is_listed(&r.proposals[i].what))));
    }

    #[test]
    fn a_target_row_has_its_source_sentence_generated_sentence_and_people() {
        let (r, facts) = setup();
        let t = target_index(&r);
        let view = review(&r, &Decisions::new(&r), &facts);
        let row = view.rows.iter().find(|x| x.index == t).unwrap();
        assert_eq!(row.kind, "Chỉ tiêu");
        assert_eq!(row.source, "80% cán bộ chủ chốt cấp xã có trình độ đại học trở lên");
        let target = r.directive.targets()[0];
        assert_eq!(row.generated, cap_first(&describe_target(target, &r.directive)));
        let group = r.directive.group(target.group.as_deref().unwrap()).unwrap();
        let members = facts.members[&group.id];
        assert!(members > 0, "the demo roster has commune leaders");
        assert_eq!(
            row.people.as_deref(),
            Some(format!("Nhóm “{}”: {} người trên danh sách hiện nay", group.name, grouped(members)).as_str())
        );
        assert_eq!(row.decision, Decision::Pending);
    }

    #[test]
    fn counts_follow_the_decisions_and_accept_all_makes_the_reading_savable() {
        let (r, facts) = setup();
        let mut decisions = Decisions::new(&r);
        let listed = r.proposals.iter().filter(|p| is_listed(&p.what)).count();
        let view = review(&r, &decisions, &facts);
        assert_eq!(view.counts, format!("{listed} đề xuất: 0 đã nhận, {listed} chờ, 0 bỏ"));
        assert!(!view.can_save);
        let t = target_index(&r);
        decisions.accept(&r, t);
        let view = review(&r, &decisions, &facts);
        // The target brings the sections it sits in.
        let accepted = view.rows.iter().filter(|x| x.decision == Decision::Accepted).count();
        assert!(accepted >= 2, "{accepted}");
        assert!(view.save_note.is_some());
        decisions.reject(&r, t);
        decisions.all(&r, Decision::Accepted);
        let view = review(&r, &decisions, &facts);
        assert_eq!(view.counts, format!("{listed} đề xuất: {listed} đã nhận, 0 chờ, 0 bỏ"));
        assert_eq!(view.save_note, None);
        let saved = dtbd_domain::directive::reading::accept::accept(&r, &decisions.kept(), "x".into()).unwrap();
        assert_eq!(saved.targets().len(), r.directive.targets().len());
        decisions.all(&r, Decision::Rejected);
        assert!(!review(&r, &decisions, &facts).can_save);
    }

    #[test]
    fn rejecting_a_section_says_before_what_it_takes_and_rejects_it() {
        let (r, facts) = setup();
        let first = r.directive.sections.iter().find(|s| s.number == "I.").unwrap().id.clone();
        let s = r.proposals.iter().position(|p| p.what == Proposed::Section(first.clone())).unwrap();
        let view = review(&r, &Decisions::new(&r), &facts);
        let row = view.rows.iter().find(|x| x.index == s).unwrap();
        let note = row.reject_note.as_deref().unwrap();
        assert!(note.starts_with("Bỏ đề xuất này sẽ bỏ cả ") && note.contains("chỉ tiêu"), "{note}");
        let mut decisions = Decisions::new(&r);
        decisions.reject(&r, s);
        assert_eq!(decisions.of(target_index(&r)), Decision::Rejected);
    }

    #[test]
    fn the_draft_for_correction_holds_the_accepted_set_and_that_proposal() {
        let (r, _) = setup();
        let t = target_index(&r);
        let decisions = Decisions::new(&r);
        let draft = decisions.draft_with(&r, t, "moi-1".into());
        assert_eq!(draft.id, "moi-1");
        assert_eq!(draft.targets().len(), 1);
        assert!(draft.group(draft.targets()[0].group.as_deref().unwrap()).is_some());
        // The header read, not yet decided, comes along: the editor opens with it filled.
        assert_eq!(
            (draft.kind, draft.number.as_str(), draft.issuer.as_str(), draft.date.map(|d| d.year)),
            (DirectiveKind::Resolution, "12-NQ/TU", "TỈNH ỦY BẮC GIANG", Some(2022))
        );
        // After "Bỏ tất cả" too: "Sửa" on one target brings back its section and group, and
        // the header fields she turned down stay out.
        let mut none = Decisions::new(&r);
        none.all(&r, Decision::Rejected);
        let draft = none.draft_with(&r, t, "moi-2".into());
        assert_eq!(draft.targets().len(), 1, "{:#?}", draft.sections);
        assert_eq!((draft.kind, draft.number.as_str()), (DirectiveKind::Other, ""));
    }

    const PLAN: &str = "ỦY BAN NHÂN DÂN HUYỆN AN LÃO\nSố: 12/KH-UBND\nAn Lão, ngày 10 tháng 01 năm 2024\nKẾ HOẠCH\nĐào tạo, bồi dưỡng cán bộ, công chức năm 2024\n\nI. NỘI DUNG\n1. Đào tạo Cao cấp lý luận chính trị\n- Số lượng đào tạo: dự kiến 145 chỉ tiêu.\n- Kinh phí: 2,5 tỷ đồng.\n2. Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 4\n- Số lượng: Theo nhu cầu đăng ký.\nII. KINH PHÍ\nTổng kinh phí: 3.000.000.000 đồng. Trong đó:\n- Ngân sách huyện: 2.500.000.000 đồng;\n- Học viên tự túc: 500 triệu đồng.\nIII. TỔ CHỨC THỰC HIỆN\nPhòng Nội vụ chủ trì.";

    fn plan_setup() -> (Reading, ReviewFacts) {
        let (reading, plan) = dtbd_domain::training::plan_reading::read_text_with_plan(PLAN).unwrap();
        let roster = dtbd_view_testing_roster();
        let idx = RosterIndex::build(&roster);
        let facts = review_facts(&reading, &idx, 2024).with_plan(plan);
        (reading, facts)
    }

    #[test]
    fn a_long_source_shows_its_start_and_end_cut_at_spaces() {
        let short = "80% cán bộ chủ chốt cấp xã có trình độ đại học trở lên";
        assert_eq!(shown_source(short), short);
        let long = format!(
            "1. Bồi dưỡng kiến thức quốc phòng {} Thời gian thực hiện: Quý III năm 2025.",
            "đối tượng 3 ".repeat(60)
        );
        let shown = shown_source(&long);
        assert!(shown.starts_with("1. Bồi dưỡng kiến thức quốc phòng đối tượng 3"), "{shown}");
        assert!(shown.ends_with("Thời gian thực hiện: Quý III năm 2025."), "{shown}");
        assert!(shown.contains(" … "), "{shown}");
        assert!(shown.chars().count() <= SOURCE_SHOWN_CHARS + 3, "{shown}");
        // Cut at spaces: every word shown is a whole word of the source.
        let words: std::collections::HashSet<&str> = long.split_whitespace().collect();
        assert!(shown.split_whitespace().filter(|w| *w != "…").all(|w| words.contains(w)), "{shown}");
    }

    #[test]
    fn course_lines_and_the_budget_are_rows_with_their_sentences() {
        let (r, facts) = plan_setup();
        let view = review(&r, &Decisions::new(&r), &facts);
        let lines: Vec<&ProposalRow> = view.rows.iter().filter(|x| x.kind == "Lớp").collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0].generated,
            "Lớp Cao cấp lý luận chính trị: 145 chỉ tiêu (dự kiến), năm 2024, kinh phí 2.500.000.000 đồng"
        );
        assert!(lines[0].source.starts_with("1. Đào tạo Cao cấp lý luận chính trị"), "{}", lines[0].source);
        assert!(lines[0].source.ends_with("Kinh phí: 2,5 tỷ đồng."), "{}", lines[0].source);
        assert!(lines[0].source.chars().count() <= SOURCE_SHOWN_CHARS + 3, "{}", lines[0].source);
        assert_eq!(
            lines[1].generated,
            "Lớp Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 4: theo nhu cầu đăng ký, năm 2024"
        );
        let budget = view.rows.iter().find(|x| x.kind == "Kinh phí").unwrap();
        assert_eq!(
            budget.generated,
            "Kinh phí: 3.000.000.000 đồng; Ngân sách huyện: 2.500.000.000 đồng; Học viên tự túc: 500.000.000 đồng"
        );
        assert!(budget.source.starts_with("Tổng kinh phí: 3.000.000.000 đồng"), "{}", budget.source);
        // Each is highlighted in the text, tied to its row.
        let segs = segments(&r, &Decisions::new(&r));
        assert!(segs.iter().any(|s| s.proposal == Some(budget.index)));
        assert!(segs.iter().any(|s| s.proposal == Some(lines[1].index)));
    }

    #[test]
    fn decisions_on_lines_and_budget_are_counted_and_saved_with_the_plan() {
        let (r, facts) = plan_setup();
        let mut decisions = Decisions::new(&r);
        let listed = r.proposals.iter().filter(|p| is_listed(&p.what)).count();
        decisions.all(&r, Decision::Accepted);
        let line = r.proposals.iter().position(|p| matches!(p.what, Proposed::CourseLine(_))).unwrap();
        decisions.reject(&r, line);
        assert_eq!(decisions.of(line), Decision::Rejected);
        let view = review(&r, &decisions, &facts);
        assert_eq!(view.counts, format!("{listed} đề xuất: {} đã nhận, 0 chờ, 1 bỏ", listed - 1));
        let saved = dtbd_domain::training::plan_reading::accept_with_plan(
            &r,
            &facts.plan,
            &decisions.kept(),
            "vb".into(),
            "kh".into(),
        )
        .unwrap();
        assert_eq!(saved.lines.len(), 1);
        assert_eq!(saved.plan.unwrap().directive_ids, ["vb"]);
        decisions.accept(&r, line);
        assert_eq!(decisions.of(line), Decision::Accepted);
    }

    #[test]
    fn a_low_confidence_proposal_carries_a_note() {
        let (mut r, facts) = setup();
        let t = target_index(&r);
        r.proposals[t].confidence = 40;
        let view = review(&r, &Decisions::new(&r), &facts);
        assert!(view.rows.iter().find(|x| x.index == t).unwrap().note.is_some());
        r.proposals[t].confidence = 90;
        let view = review(&r, &Decisions::new(&r), &facts);
        assert!(view.rows.iter().find(|x| x.index == t).unwrap().note.is_none());
    }

    #[test]
    fn a_review_handed_over_comes_back_as_it_was() {
        let (r, _) = setup();
        let mut decisions = Decisions::new(&r);
        decisions.accept(&r, target_index(&r));
        let handed = decisions.hand_over(&r.text);
        assert_eq!(Decisions::taken_back(&handed), Some((r.text.clone(), decisions)));
        assert_eq!(Decisions::taken_back("nhan,bo"), None, "no text");
        assert_eq!(Decisions::taken_back("nhan,gi\nvăn bản"), None, "an unknown code");
    }
}
