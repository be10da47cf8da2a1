//! Đọc văn bản: a directive's text (pasted from Word, or from a PDF's copy with its broken
//! lines; or a .docx's paragraphs with their numbering) read into a proposed [`Directive`]:
//! its header, its section tree in the document's own numbering, the groups it names as
//! [`GroupRule`]s, its targets and training needs — each proposal tied to the span of the
//! pasted text it came from, so the review can highlight it. Rule-based and bounded: no
//! network, no model, a text above [`MAX_PASTED_TEXT_BYTES`] refused in Vietnamese.
//!
//! - [`lines`]: paragraphs from a paste (broken lines, hyphens, page breaks, table cells).
//! - [`numbering`]: "I.", "2.1.", "a)", "-", "+" and their styles (the tree's levels).
//! - [`header`]: kind, số ký hiệu, place and date, issuer, title, period.
//! - [`phrases`]: figures, comparators, levels, deadlines.
//! - [`groups`]: a group phrase → a rule.
//! - [`facts`]: what a heading says its section holds; figures that report the present.
//! - [`targets`]: clauses → targets and needs.
//! - [`tables`]: a table's rows → targets (tasks per year, quotas, baselines).
//!
//! A kế hoạch đào tạo, bồi dưỡng also proposes its plan and course lines: the training layer
//! reads them over the same text (`training::plan_reading`), adding its proposals
//! ([`Proposed::CourseLine`], [`Proposed::Budget`]) to the reading's.

pub mod accept;
pub mod facts;
pub mod groups;
pub mod header;
pub mod lines;
pub mod numbering;
pub mod phrases;
pub mod tables;
pub mod targets;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use self::numbering::{Numbering, Style};
use self::targets::Context;
use super::{Directive, DirectiveKind, Group, GroupRule, Item, Period, Section};
use crate::limits::MAX_PASTED_TEXT_BYTES;
use crate::number::grouped;

/// One paragraph of a .docx: its text and the numbering Word shows before it (the list's
/// label as rendered, "1.", "a)", "-"), if any.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paragraph {
    /// The paragraph's text, without its numbering.
    pub text: String,
    /// The numbering as Word renders it, empty when none.
    pub numbering: String,
}

/// What a proposal proposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Proposed {
    /// A header field ("kind", "number", "date", "place", "issuer", "title", "period").
    Header(String),
    /// A section, by id.
    Section(String),
    /// An item (a paragraph kept as text), by id.
    Item(String),
    /// A group, by id.
    Group(String),
    /// A target, by id.
    Target(String),
    /// A training need, by id.
    Need(String),
    /// A course line of the plan the text is (`training::plan_reading::ProposedPlan::lines`), by id.
    CourseLine(String),
    /// The budget of the plan the text is (its total, parts and basis).
    Budget,
}

/// Đề xuất: one thing read, where it was read, and how sure the reading is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// What.
    pub what: Proposed,
    /// Byte offset of the span in the text read.
    pub start: usize,
    /// Byte end of the span.
    pub end: usize,
    /// 0-100: 80 and above read with every field, 40 a sentence kept as directional.
    pub confidence: u8,
}

/// Kết quả đọc: the proposed directive and the proposals tying it to the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The directive that accepting every proposal saves (id "doc-doc"; the caller gives it one).
    pub directive: Directive,
    /// In document order.
    pub proposals: Vec<Proposal>,
    /// The text the spans point into (the paste itself, or the .docx's paragraphs joined).
    pub text: String,
}

impl Reading {
    /// Takes back target `id`: the target and its proposal go, its paragraph stays as text.
    /// The plan reading withdraws the figures a course line holds as its own (a quota's split,
    /// a "Điều kiện"'s dates), which would otherwise be one more "Bỏ" each in the review.
    pub fn withdraw_target(&mut self, id: &str) {
        if self.directive.delete_target(id).is_ok() {
            self.proposals.retain(|p| !matches!(&p.what, Proposed::Target(t) if t == id));
        }
    }
}

/// Reads a pasted text. Refuses a text longer than [`MAX_PASTED_TEXT_BYTES`] bytes.
pub fn read_text(text: &str) -> Result<Reading, String> {
    if text.len() > MAX_PASTED_TEXT_BYTES {
        return Err(format!(
            "Văn bản dán vào dài {} byte, quá giới hạn {} byte (khoảng 2 MB, một cuốn sách). Hãy dán từng phần của văn bản.",
            grouped(text.len()),
            grouped(MAX_PASTED_TEXT_BYTES)
        ));
    }
    let cleaned = lines::paragraphs(text);
    let mut reader = Reader::new(&cleaned);
    reader.read();
    Ok(reader.finish(text.to_string()))
}

/// Reads a .docx's paragraphs: each is one paragraph with its rendered numbering before it.
pub fn read_paragraphs(paragraphs: &[Paragraph]) -> Result<Reading, String> {
    let mut text = String::new();
    for p in paragraphs {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        if !p.numbering.trim().is_empty() {
            text.push_str(p.numbering.trim());
            text.push(' ');
        }
        text.push_str(p.text.trim());
        if text.len() > MAX_PASTED_TEXT_BYTES {
            break;
        }
    }
    read_text(&text)
}

/// A section while the tree is built.
struct Node {
    section: Section,
    parent: Option<usize>,
    children: Vec<usize>,
    /// Deadlines its heading or a paragraph in it sets.
    deadlines: Vec<u16>,
    /// The group its heading names.
    group: Option<String>,
    /// Where its heading is in the cleaned text (where a group it names is highlighted).
    heading_span: (usize, usize),
    goals: bool,
    /// Under a thực trạng heading: its figures report the roster as it stood.
    status: bool,
}

struct Reader<'c> {
    cleaned: &'c lines::Cleaned,
    nodes: Vec<Node>,
    /// Open sections with the numbering style that opened each.
    stack: Vec<(Style, usize)>,
    /// Items of the text before the first section.
    preamble: Vec<Item>,
    groups: Vec<Group>,
    group_ids: HashMap<String, String>,
    /// The groups headings named ("1.3. Chức danh trưởng, phó các cơ quan, ban, ngành, đoàn thể
    /// huyện"), with where: a later phrase naming the same people in other words is that group.
    headings_named: Vec<(String, (usize, usize))>,
    proposals: Vec<Proposal>,
    header: header::Header,
    counter: usize,
    /// A paragraph naming a group with nothing else, for the paragraphs after it, and where it is.
    pending_group: Option<(String, (usize, usize))>,
    /// The document's numbered groups and the sets of them it names.
    numbered: tables::Numbered,
    /// The group of each set of numbered groups a table's cell lists, once made.
    numbered_ids: HashMap<std::collections::BTreeSet<u16>, String>,
    /// The first table row whose targets are for the document's subject (cleaned range).
    subject_span: Option<(usize, usize)>,
}

impl<'c> Reader<'c> {
    fn new(cleaned: &'c lines::Cleaned) -> Self {
        Reader {
            cleaned,
            nodes: Vec::new(),
            stack: Vec::new(),
            preamble: Vec::new(),
            groups: Vec::new(),
            group_ids: HashMap::new(),
            headings_named: Vec::new(),
            proposals: Vec::new(),
            header: header::Header::default(),
            counter: 0,
            pending_group: None,
            numbered: tables::Numbered::default(),
            numbered_ids: HashMap::new(),
            subject_span: None,
        }
    }

    fn next_id(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}{}", self.counter)
    }

    fn propose(&mut self, what: Proposed, start: usize, end: usize, confidence: u8) {
        let (from, to) = self.cleaned.source_range(start, end);
        self.proposals.push(Proposal { what, start: from, end: to, confidence });
    }

    fn read(&mut self) {
        let paragraphs: Vec<(usize, usize)> = self.cleaned.paragraphs.clone();
        let texts: Vec<&str> = paragraphs.iter().map(|(s, e)| &self.cleaned.text[*s..*e]).collect();
        let (header, body_from) = header::read(&texts);
        for (field, index) in &header.spans {
            let (s, e) = paragraphs[*index];
            self.propose(Proposed::Header(field.to_string()), s, e, 80);
        }
        self.header = header;
        let table_context = tables::TableContext {
            year: self.header.date.map(|d| d.year).or(self.header.period.map(|p| p.0)),
            deadlines: if self.header.goal_years.is_empty() {
                self.header.period.map(|p| p.1).into_iter().collect()
            } else {
                self.header.goal_years.clone()
            },
        };
        let found = tables::find(self.cleaned, body_from, &table_context);
        self.numbered = tables::numbered_groups(self.cleaned, body_from, &found);
        let mut found = found.into_iter().peekable();
        let mut index = body_from;
        while index < paragraphs.len() {
            if let Some(table) = found.next_if(|t| t.first == index) {
                index = table.last + 1;
                self.table(table);
                continue;
            }
            let (start, end) = paragraphs[index];
            self.paragraph(start, end);
            index += 1;
        }
        self.resolve_table_groups();
    }

    /// A table's rows: a field row opens a section, every other row is an item with the
    /// targets read from it.
    fn table(&mut self, table: tables::Table) {
        for row in table.rows {
            if let Some((start, end)) = row.field {
                let text = self.cleaned.text[start..end].replace('\n', " ");
                if let Some(numbering) = Numbering::read(&text) {
                    let heading = text[numbering.rest..].trim().to_string();
                    self.open_section(&numbering, &heading, start, end);
                    continue;
                }
            }
            let item_id = self.next_id("i");
            let mut item = Item {
                id: item_id.clone(),
                number: String::new(),
                text: row.text,
                targets: Vec::new(),
                needs: Vec::new(),
                note: String::new(),
            };
            for read in row.targets {
                let id = self.next_id("t");
                let mut target = read.target;
                target.id = id.clone();
                target.group = Some(self.table_group(&read.group, row.span));
                self.propose(Proposed::Target(id), read.span.0, read.span.1, 70);
                item.targets.push(target);
            }
            self.propose(Proposed::Item(item_id), row.span.0, row.span.1, 60);
            match self.chain().first() {
                Some(&n) => self.nodes[n].section.items.push(item),
                None => self.preamble.push(item),
            }
        }
    }

    /// The group id of a table row's group; the document's subject and its whole set of
    /// numbered groups are placeholders until the whole text is read.
    /// `row` is the row's cleaned range, where a group's phrase is proposed.
    fn table_group(&mut self, group: &tables::GroupRef, row: (usize, usize)) -> String {
        match group {
            tables::GroupRef::Subject => {
                self.subject_span.get_or_insert(row);
                SUBJECT_PLACEHOLDER.to_string()
            }
            tables::GroupRef::Named(phrase) => self.group_id(phrase, row, row),
            tables::GroupRef::Numbered(set) => {
                if let Some(id) = self.numbered_ids.get(set) {
                    return id.clone();
                }
                let id = self.numbered_group(set, row);
                self.numbered_ids.insert(set.clone(), id.clone());
                id
            }
        }
    }

    /// The group of a cell's set of numbered groups: the set as the document groups them
    /// ([`tables::Numbered::reading_of`]); one group is its own, several their union.
    fn numbered_group(&mut self, set: &std::collections::BTreeSet<u16>, row: (usize, usize)) -> String {
        let set = self.numbered.reading_of(set);
        if self.numbered.is_all(&set) {
            return ALL_NUMBERED_PLACEHOLDER.to_string();
        }
        let members: Vec<String> = set.iter().filter_map(|n| self.numbered.definitions.get(n).cloned()).collect();
        if set.len() == 1 && members.len() == 1 {
            let place = set.iter().next().and_then(|n| self.numbered.places.get(n)).copied().unwrap_or(row);
            return self.group_id(&members[0], place, row);
        }
        let name = set.iter().map(|n| format!("Nhóm {n}")).collect::<Vec<_>>().join(", ");
        if members.len() == set.len() {
            self.union_group(&name, &set, row)
        } else {
            self.group_id(&name, row, row)
        }
    }

    /// A group named `name` (written in `place`, a cleaned range) whose rule is the union of
    /// the numbered groups `set`.
    fn union_group(&mut self, name: &str, set: &std::collections::BTreeSet<u16>, place: (usize, usize)) -> String {
        let mut rules = Vec::new();
        for n in set {
            let (Some(definition), Some(&at)) =
                (self.numbered.definitions.get(n).cloned(), self.numbered.places.get(n))
            else {
                continue;
            };
            rules.push(GroupRule::Group { id: self.group_id(&definition, at, at) });
        }
        let id = self.group_id(name, place, place);
        if let Some(group) = self.groups.iter_mut().find(|g| g.id == id) {
            group.rule = GroupRule::AnyOf { rules };
        }
        id
    }

    /// The placeholders of [`Self::table_group`] made groups: the whole set of numbered groups
    /// is the group the text names by their count ("04 nhóm lãnh đạo, quản lý"), its rule their
    /// union; the subject of a table without a group column is that group, or else the group
    /// the most targets are for.
    fn resolve_table_groups(&mut self) {
        let mut uses: HashMap<String, usize> = HashMap::new();
        let mut placeholders = false;
        let all_targets = self.nodes.iter().flat_map(|n| n.section.items.iter()).chain(self.preamble.iter());
        for target in all_targets.flat_map(|i| i.targets.iter()) {
            if let Some(g) = &target.group {
                placeholders |= g == SUBJECT_PLACEHOLDER || g == ALL_NUMBERED_PLACEHOLDER;
                *uses.entry(g.clone()).or_default() += 1;
            }
        }
        if !placeholders {
            return;
        }
        let count = self.numbered.definitions.len();
        let counted = |name: &str| {
            let folded = crate::text::fold(name);
            count >= 2 && (folded.contains(&format!("0{count} nhom")) || folded.contains(&format!(" {count} nhom")))
        };
        let most_used = |groups: &mut dyn Iterator<Item = &Group>| {
            groups
                .filter(|g| uses.contains_key(&g.id))
                .max_by_key(|g| (uses[&g.id], std::cmp::Reverse(g.id.clone())))
                .map(|g| g.id.clone())
        };
        let all: std::collections::BTreeSet<u16> = self.numbered.definitions.keys().copied().collect();
        let place = self.subject_span.unwrap_or_default();
        let whole = match most_used(&mut self.groups.iter().filter(|g| counted(&g.name))) {
            Some(id) => {
                let name = self.groups.iter().find(|g| g.id == id).map(|g| g.name.clone()).unwrap_or_default();
                Some(self.union_group(&name, &all, place))
            }
            None if count >= 2 => {
                let name = all.iter().map(|n| format!("Nhóm {n}")).collect::<Vec<_>>().join(", ");
                Some(self.union_group(&name, &all, place))
            }
            None => None,
        };
        let subject = match whole.clone().or_else(|| {
            most_used(&mut self.groups.iter().filter(|g| g.name != UNKNOWN_GROUP && !g.id.starts_with('\u{0}')))
        }) {
            Some(id) => id,
            None => self.group_id(UNKNOWN_GROUP, place, place),
        };
        let whole = whole.unwrap_or_else(|| subject.clone());
        let items = self.nodes.iter_mut().flat_map(|n| n.section.items.iter_mut()).chain(self.preamble.iter_mut());
        for target in items.flat_map(|i| i.targets.iter_mut()) {
            match target.group.as_deref() {
                Some(SUBJECT_PLACEHOLDER) => target.group = Some(subject.clone()),
                Some(ALL_NUMBERED_PLACEHOLDER) => target.group = Some(whole.clone()),
                _ => {}
            }
        }
    }

    fn current(&self) -> Option<usize> {
        self.stack.last().map(|(_, n)| *n)
    }

    /// The chain of open sections, innermost first.
    fn chain(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut at = self.current();
        while let Some(n) = at {
            out.push(n);
            at = self.nodes[n].parent;
        }
        out
    }

    fn open_section(&mut self, numbering: &Numbering, heading: &str, start: usize, end: usize) -> usize {
        if let Some(pos) = self.stack.iter().position(|(s, _)| *s == numbering.style) {
            self.stack.truncate(pos);
        }
        let parent = self.current();
        let id = self.next_id("s");
        let folded = crate::text::fold(heading);
        let says = facts::Heading::read(&folded);
        let goals = says.is_goals(parent.is_some_and(|p| self.nodes[p].goals));
        let status = says.is_status(parent.is_some_and(|p| self.nodes[p].status));
        // "Điều 1. Phê duyệt Đề án … cán bộ, công chức …": an article names what it approves,
        // not the people its goals are for.
        let article = crate::text::fold(&numbering.label).starts_with("dieu");
        let group = (groups::names_people(&folded) && !article).then(|| heading.to_string());
        if let Some(g) = &group {
            self.headings_named.push((g.clone(), (start, end)));
        }
        let node = Node {
            section: Section {
                id: id.clone(),
                number: numbering.label.clone(),
                heading: heading.to_string(),
                text: String::new(),
                items: Vec::new(),
                sections: Vec::new(),
            },
            parent,
            children: Vec::new(),
            deadlines: phrases::deadlines(&folded),
            group,
            heading_span: (start, end),
            goals,
            status,
        };
        self.nodes.push(node);
        let index = self.nodes.len() - 1;
        if let Some(p) = parent {
            self.nodes[p].children.push(index);
        }
        self.stack.push((numbering.style, index));
        self.propose(Proposed::Section(id), start, end, 70);
        self.pending_group = None;
        index
    }

    fn paragraph(&mut self, start: usize, end: usize) {
        let text = self.cleaned.text[start..end].to_string();
        let numbering = Numbering::read(&text);
        let body_offset = numbering.as_ref().map_or(0, |n| n.rest);
        let body = &text[body_offset..];
        let folded = crate::text::fold(body);
        if let Some(n) = &numbering {
            let lead_in = body.trim_end().ends_with(':') && body.chars().count() < 250;
            let heading_like = !n.style.is_bullet() || lead_in;
            if heading_like && n.style != Style::Parenthesised {
                let (heading, rest) = split_heading(body);
                self.open_section(n, heading, start, end);
                if rest.is_none() {
                    return;
                }
                // The heading's own sentence ("2.1. Phấn đấu đến năm 2020: 100% …") is an item too.
                self.item("", body, start + body_offset, end);
                return;
            }
            if let Some(pos) = self.stack.iter().position(|(s, _)| *s == n.style) {
                self.stack.truncate(pos);
            }
        }
        let label = numbering
            .as_ref()
            .filter(|n| n.style.is_bullet() || n.style == Style::Parenthesised)
            .map_or("", |n| n.label.as_str())
            .to_string();
        let only_group =
            groups::names_people(&folded) && phrases::figures(&folded).iter().all(|f| f.year) && body.len() < 400;
        self.item(&label, body, start + body_offset, end);
        // A paragraph naming a group and nothing else leads the paragraphs after it.
        if only_group {
            self.pending_group = Some((body.to_string(), (start + body_offset, end)));
        }
    }

    fn item(&mut self, label: &str, body: &str, start: usize, _end: usize) {
        let chain = self.chain();
        let mut ctx = Context {
            group: self
                .pending_group
                .as_ref()
                .map(|(g, _)| g.clone())
                .or_else(|| chain.iter().find_map(|&n| self.nodes[n].group.clone())),
            deadlines: chain
                .iter()
                .find_map(|&n| Some(self.nodes[n].deadlines.clone()).filter(|d| !d.is_empty()))
                .unwrap_or_default(),
            in_goals: chain.first().is_some_and(|&n| self.nodes[n].goals),
            period: self.header.period,
            year: self.header.date.map(|d| d.year).or(self.header.period.map(|p| p.0)),
        };
        if ctx.deadlines.is_empty() {
            ctx.deadlines = self.header.goal_years.clone();
        }
        let found = targets::read_paragraph(body, &ctx);
        let body_range = (start, start + body.len());
        let item_id = self.next_id("i");
        let mut item = Item {
            id: item_id.clone(),
            number: label.to_string(),
            text: body.to_string(),
            targets: Vec::new(),
            needs: Vec::new(),
            note: String::new(),
        };
        let mut previous_share: Option<String> = None;
        let issued = self.header.date.map(|d| d.year);
        // A report's section, or the preamble before the first heading ("Thời gian qua, …
        // toàn tỉnh hiện có 1.245 cán bộ chủ chốt cấp xã, trong đó 1.027 đồng chí (chiếm
        // 82,5%) …"): a figure of the present there is the roster as it stood.
        let in_preamble = chain.is_empty();
        let in_status = chain.first().is_some_and(|&n| self.nodes[n].status);
        for read in found.targets {
            // A figure of a year before the document is a result it reports, not a target.
            if read.value.milestones.iter().any(|m| issued.is_some_and(|y| m.year < y)) {
                continue;
            }
            let clause = crate::text::fold(&body[read.span.0..read.span.1]);
            // Under a thực trạng heading every figure is what is, unless it aims ("phấn đấu
            // …"): "… biết tiếng Khmer còn ít, chỉ đạt 18%".
            if (in_status && !facts::aims(&clause)) || (in_preamble && facts::reports_the_present(&clause)) {
                continue;
            }
            let id = self.next_id("t");
            let mut target = read.value;
            target.id = id.clone();
            let clause = (start + read.span.0, start + read.span.1);
            target.group = read.group_phrase.as_deref().map(|g| {
                if read.members.is_empty() {
                    self.group_id(g, body_range, clause)
                } else {
                    self.union_id(g, &read.members, body_range, clause)
                }
            });
            // "… thuộc Nhóm 01, 02": the numbered groups the document defines, named by number.
            if let Some(set) = tables::numbered_in(&crate::text::fold(&target.sentence)) {
                if set.iter().all(|n| self.numbered.definitions.contains_key(n)) {
                    target.group = Some(self.table_group(&tables::GroupRef::Numbered(set), clause));
                }
            }
            let mut confidence = read.confidence;
            if target.measure.from_roster() && target.group.is_none() {
                // A roster measure needs a group: everyone, to be chosen in the review.
                target.group = Some(self.group_id(UNKNOWN_GROUP, body_range, clause));
                confidence = confidence.min(50);
            }
            let tier = read.tier;
            if tier {
                target.tier_of = previous_share.clone();
            }
            if matches!(target.measure, super::Measure::Share { .. } | super::Measure::Events { .. }) {
                previous_share = Some(id.clone());
            }
            self.propose(Proposed::Target(id), start + read.span.0, start + read.span.1, confidence);
            item.targets.push(target);
        }
        for read in found.needs {
            let id = self.next_id("n");
            let mut need = read.value;
            need.id = id.clone();
            let clause = (start + read.span.0, start + read.span.1);
            need.group = read.group_phrase.as_deref().map(|g| self.group_id(g, body_range, clause));
            self.propose(Proposed::Need(id), start + read.span.0, start + read.span.1, read.confidence);
            item.needs.push(need);
        }
        if !found.deadlines.is_empty() {
            if let Some(&n) = chain.first() {
                self.nodes[n].deadlines = found.deadlines;
            }
        }
        self.propose(Proposed::Item(item_id), start, start + body.len(), 60);
        match chain.first() {
            Some(&n) => self.nodes[n].section.items.push(item),
            None => self.preamble.push(item),
        }
    }

    /// The id of the group named `phrase`, created on first mention (same folded name, same
    /// group) and proposed with the span of its phrase: in the paragraph (`paragraph`, cleaned
    /// range), else in the lead-in paragraph or heading it comes from, else the clause that
    /// uses it (`clause`).
    fn group_id(&mut self, phrase: &str, paragraph: (usize, usize), clause: (usize, usize)) -> String {
        let mut name = groups::clean_name(phrase);
        let mut heading = None;
        if !self.group_ids.contains_key(&crate::text::fold_title(&name)) {
            // "các chức danh lãnh đạo các cơ quan, ban ngành cấp huyện" in a goal, "Chức danh
            // trưởng, phó các cơ quan, ban, ngành, đoàn thể huyện" heading the report on them.
            if let Some((named, span)) = self.headings_named.iter().find(|(h, _)| groups::same_people(&name, h)) {
                name = groups::clean_name(named);
                heading = Some(*span);
            }
        }
        let key = crate::text::fold_title(&name);
        if let Some(id) = self.group_ids.get(&key) {
            return id.clone();
        }
        let id = format!("g{}", self.groups.len() + 1);
        let rule = groups::rule_of(&name);
        let mut places: Vec<(usize, usize)> = heading.into_iter().chain([paragraph]).collect();
        places.extend(self.pending_group.as_ref().map(|(_, span)| *span));
        places.extend(self.chain().into_iter().map(|n| self.nodes[n].heading_span));
        let (from, to) = self.locate(&name, &places).unwrap_or(clause);
        let confidence = if phrase == UNKNOWN_GROUP {
            30
        } else if rule == GroupRule::Everyone {
            40
        } else {
            70
        };
        self.propose(Proposed::Group(id.clone()), from, to, confidence);
        let stated_count = None;
        self.groups.push(Group {
            id: id.clone(),
            name: name.chars().take(crate::limits::MAX_NAME_CHARS).collect(),
            rule,
            stated_count,
            stated_bound: Default::default(),
            stated_by_year: Vec::new(),
            note: String::new(),
        });
        self.group_ids.insert(key, id.clone());
        id
    }

    /// The id of the union of the groups a list named (`members`), named `name`: built on
    /// those groups, proposed with the clause that speaks of them all. Later clauses naming
    /// `name` find it.
    fn union_id(
        &mut self,
        name: &str,
        members: &[String],
        paragraph: (usize, usize),
        clause: (usize, usize),
    ) -> String {
        let rules: Vec<GroupRule> =
            members.iter().map(|m| GroupRule::Group { id: self.group_id(m, paragraph, clause) }).collect();
        let rule = GroupRule::AnyOf { rules };
        let key = crate::text::fold_title(name);
        if let Some(id) = self.group_ids.get(&key) {
            if self.groups.iter().any(|g| &g.id == id && g.rule == rule) {
                return id.clone();
            }
        }
        let id = format!("g{}", self.groups.len() + 1);
        self.propose(Proposed::Group(id.clone()), clause.0, clause.1, 60);
        self.groups.push(Group {
            id: id.clone(),
            name: name.to_string(),
            rule,
            stated_count: None,
            stated_bound: Default::default(),
            stated_by_year: Vec::new(),
            note: String::new(),
        });
        self.group_ids.insert(key, id.clone());
        id
    }

    /// Where `name` is written (folded, so case and marks do not matter) in the first of
    /// `places` (cleaned ranges) that holds it.
    fn locate(&self, name: &str, places: &[(usize, usize)]) -> Option<(usize, usize)> {
        let needle = crate::text::fold(name);
        if needle.is_empty() {
            return None;
        }
        places.iter().find_map(|&(from, to)| {
            let folded = targets::Folded::new(self.cleaned.text.get(from..to)?);
            let at = folded.text.find(&needle)?;
            Some((from + folded.at(at), from + folded.at(at + needle.len())))
        })
    }

    fn finish(mut self, text: String) -> Reading {
        fn build(nodes: &mut Vec<Node>, index: usize) -> Section {
            let children = std::mem::take(&mut nodes[index].children);
            let mut section = std::mem::replace(
                &mut nodes[index].section,
                Section {
                    id: String::new(),
                    number: String::new(),
                    heading: String::new(),
                    text: String::new(),
                    items: Vec::new(),
                    sections: Vec::new(),
                },
            );
            section.sections = children.into_iter().map(|c| build(nodes, c)).collect();
            section
        }
        let roots: Vec<usize> = (0..self.nodes.len()).filter(|&i| self.nodes[i].parent.is_none()).collect();
        let mut sections: Vec<Section> = roots.into_iter().map(|r| build(&mut self.nodes, r)).collect();
        if !self.preamble.is_empty() {
            let id = self.next_id("s");
            sections.insert(
                0,
                Section {
                    id,
                    number: String::new(),
                    heading: String::new(),
                    text: String::new(),
                    items: std::mem::take(&mut self.preamble),
                    sections: Vec::new(),
                },
            );
        }
        let h = self.header;
        let directive = Directive {
            id: "doc-doc".into(),
            kind: h.kind.unwrap_or(DirectiveKind::Other),
            number: h.number,
            date: h.date,
            issuer: if h.issuer.is_empty() { UNKNOWN_ISSUER.to_string() } else { h.issuer },
            authority: h.authority,
            place: h.place,
            title: h.title,
            period: h.period.map(|(from, to)| Period { from, to }),
            scope_unit_id: None,
            scope: String::new(),
            signer: None,
            source: String::new(),
            groups: self.groups,
            sections,
            standards: Vec::new(),
            meta: Default::default(),
        };
        Reading { directive, proposals: self.proposals, text }
    }
}

/// The issuer of a text whose header was not found (a report copied from a web page): the
/// review asks for it.
const UNKNOWN_ISSUER: &str = "Chưa rõ cơ quan ban hành";

/// The group of a target whose sentence names none that was read: everyone, for the officer
/// to choose in the review.
const UNKNOWN_GROUP: &str = "Mọi cán bộ (văn bản không nêu rõ nhóm)";

/// Placeholder group ids of table targets, resolved once the whole text is read (a
/// character no id read from a text holds).
const SUBJECT_PLACEHOLDER: &str = "\u{0}subject";
const ALL_NUMBERED_PLACEHOLDER: &str = "\u{0}all";

/// "2.1. Phấn đấu đến năm 2020: 100% …" → heading "Phấn đấu đến năm 2020" and the rest; a
/// heading alone → itself.
fn split_heading(body: &str) -> (&str, Option<&str>) {
    let body = body.trim();
    if let Some(at) = body.find(": ") {
        let rest = body[at + 2..].trim();
        if !rest.is_empty() && at < 200 {
            return (&body[..at], Some(rest));
        }
    }
    let heading = body.trim_end_matches(':').trim();
    // "2. Ban Tổ chức Huyện ủy tham mưu …; mỗi năm cử 03 - 05 đồng chí đi đào tạo thạc sĩ.": a
    // numbered task whose later clause holds a figure is headed by its first clause and read.
    if let Some(at) = heading.find("; ") {
        let folded = crate::text::fold(&heading[at..]);
        if phrases::figures(&folded).iter().any(|f| !f.year) {
            return (&heading[..at], Some(body));
        }
    }
    if heading.chars().count() > 200 {
        let cut = heading.char_indices().nth(200).map_or(heading.len(), |(i, _)| i);
        return (&heading[..cut], Some(body));
    }
    (heading, None)
}

#[cfg(test)]
mod tests;
