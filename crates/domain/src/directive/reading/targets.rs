//! Chỉ tiêu and nhu cầu đào tạo read from one paragraph: the paragraph cut into clauses (at
//! ";", a sentence's end, "trong đó", and before each further "N% …"), each clause read for its
//! figure, comparator, group, levels, deadlines and kind of measure.

use super::groups::{
    audience, clean_name, last_people_word, names_people, only_names_a_group, restates, union_name, whole_area,
};
use super::phrases::{comparator_before, criteria, deadlines, figures, scale_of, Figure};
use crate::directive::target::{
    ChangeUnit, Comparator, Criterion, EventKind, Measure, Milestone, Outcome, Reported, StatedBaseline, Target,
    TrainingNeed, Window,
};
use crate::directive::{GroupRule, UnitFilter};
use crate::levels::Scale;
use crate::model::{Gender, GovLevel};

/// A text folded as [`crate::text::fold`] does, with the byte in the original of each byte.
pub struct Folded {
    /// The folded text.
    pub text: String,
    map: Vec<usize>,
}

impl Folded {
    /// Folds `s` char by char, keeping where each char came from.
    pub fn new(s: &str) -> Folded {
        let mut text = String::with_capacity(s.len());
        let mut map = Vec::with_capacity(s.len() + 1);
        for (i, c) in s.char_indices() {
            if c.is_whitespace() {
                if !text.is_empty() && !text.ends_with(' ') {
                    text.push(' ');
                    map.push(i);
                }
                continue;
            }
            for f in crate::text::fold_one(c) {
                for _ in 0..f.len_utf8() {
                    map.push(i);
                }
                text.push(f);
            }
        }
        map.push(s.len());
        Folded { text, map }
    }

    /// The original byte offset of folded byte `i`.
    pub fn at(&self, i: usize) -> usize {
        self.map[i.min(self.map.len() - 1)]
    }
}

/// What the reading of a paragraph needs from around it.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The group phrase the paragraph falls under (a lead-in, a heading).
    pub group: Option<String>,
    /// Deadlines set by the headings above ("Phấn đấu đến năm 2020").
    pub deadlines: Vec<u16>,
    /// Under a "Mục tiêu" heading: a sentence without figures is a directional target.
    pub in_goals: bool,
    /// The directive's period.
    pub period: Option<(u16, u16)>,
    /// The directive's year.
    pub year: Option<u16>,
}

/// A target read from a clause, with its group as written and where it was.
#[derive(Debug, Clone)]
pub struct Read<T> {
    /// Byte range in the paragraph.
    pub span: (usize, usize),
    /// The target or need (its `group` is filled by the caller from `group_phrase`).
    pub value: T,
    /// The group phrase as written.
    pub group_phrase: Option<String>,
    /// When the group is the union of groups listed before ("60% A; 50% B … ; 100% …"): their
    /// phrases (`group_phrase` is then the union's name).
    pub members: Vec<String>,
    /// How sure the reading is, 0-100.
    pub confidence: u8,
    /// The clause refines the one before ("…, trong đó 30% …").
    pub tier: bool,
}

/// Clause boundaries of a paragraph: byte ranges in `paragraph`, and whether each refines the
/// one before ("…, trong đó 30% …").
pub fn clauses(paragraph: &str) -> Vec<(usize, usize, bool)> {
    let f = Folded::new(paragraph);
    let s = &f.text;
    let bytes = s.as_bytes();
    let mut cuts: Vec<(usize, usize, bool)> = Vec::new(); // (end of previous, start of next, tier)
    let mut depth = 0i32;
    let mut i = 0;
    while i < bytes.len() {
        if !s.is_char_boundary(i) {
            i += 1;
            continue;
        }
        match bytes[i] {
            // "(trong đó có ít nhất 01 đoàn …)": an aside that refines the clause is a tier.
            b'(' if depth == 0 && s[i + 1..].starts_with("trong do ") && !s[i + 10..].starts_with("moi nam") => {
                cuts.push((i, i + 10, true));
                i += 10;
                continue;
            }
            b'(' if !long_aside(s, i) => depth += 1,
            b')' => depth = (depth - 1).max(0),
            b';' if depth == 0 && !s[i + 1..].trim_start().starts_with("moi nam") => cuts.push((i, i + 1, false)),
            b'.' if depth == 0
                && s[i + 1..].starts_with(' ')
                && s[i + 2..].starts_with(|c: char| !c.is_ascii_digit()) =>
            {
                let next = paragraph[f.at(i + 2)..].chars().next().unwrap_or(' ');
                if next.is_uppercase() {
                    cuts.push((i, i + 1, false));
                }
            }
            _ => {}
        }
        if depth == 0
            && bytes[i] == b't'
            && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b',')
            && s[i..].starts_with("trong do")
        {
            let after = s[i + 8..].trim_start_matches([':', ',', ' ']);
            if !after.starts_with("moi nam") {
                let next = s.len() - after.len();
                cuts.push((i, next, true));
                i = next;
                continue;
            }
        }
        if depth == 0 && matches!(bytes[i], b',' | b' ') && (s[i..].starts_with(", ") || s[i..].starts_with(" va ")) {
            let sep = if s[i..].starts_with(", ") { 2 } else { 4 };
            let after = &s[i + sep..];
            let after = ["co ", "phan dau ", "tu "].iter().fold(after, |a, w| a.strip_prefix(w).unwrap_or(a));
            let lead: usize = after.chars().take_while(char::is_ascii_digit).count();
            // "60% A, 50% B" is a list; "Hằng năm, 80% …" and "Đến năm 2025, 80% …" a lead-in
            // before the one figure.
            let piece_from = cuts.iter().map(|c| c.1).filter(|&c| c <= i).max().unwrap_or(0);
            if lead > 0
                && after[lead..].trim_start().starts_with('%')
                && !s[..i].trim_end().ends_with(':')
                && s[piece_from..i].contains('%')
            {
                cuts.push((i, i + sep, false));
            }
        }
        i += 1;
    }
    cuts.sort_by_key(|c| c.0);
    let mut out = Vec::new();
    let mut start = 0;
    let mut tier = false;
    for (end, next, next_tier) in cuts {
        if end < start {
            continue;
        }
        out.push((f.at(start), f.at(end), tier));
        start = next;
        tier = next_tier;
    }
    out.push((f.at(start.min(s.len())), paragraph.len(), tier));
    out.into_iter()
        .map(|(a, b, t)| {
            let piece = &paragraph[a..b];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.trim_end().len();
            (a + lead, a + trail, t)
        })
        .filter(|(a, b, _)| b > a)
        .collect()
}

/// True when the "(" at `open` opens more than an aside: a long parenthesis (a review's list
/// of results in brackets) is read as text.
fn long_aside(s: &str, open: usize) -> bool {
    s[open..].find(')').unwrap_or(s.len() - open) > 160
}

/// Verbs that end a clause's subject ("60% cán bộ lãnh đạo của tỉnh | có trình độ …").
const VERBS: [&str; 13] = [
    " nang ",
    " co ",
    " duoc ",
    " dat ",
    " da qua ",
    " su dung ",
    " tham gia ",
    " dam bao ",
    " dang hoc ",
    " hoan thanh ",
    " la ",
    " phai ",
    " tu ",
];

/// Where verb `v` first stands in `s`, "có" not counting in "cơ quan", "cơ sở", "cơ cấu"
/// (one spelling once marks are folded).
fn verb_at(s: &str, v: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find(v) {
        let at = from + i;
        let next = &s[at + v.len()..];
        // "… là người dân tộc thiểu số có …", "… là nữ có …": who they are, still the subject.
        let names_who = v == " la " && ["nguoi ", "nu ", "dang vien "].iter().any(|w| next.starts_with(w));
        let not_a_verb = v == " co " && ["quan", "so", "cau"].iter().any(|w| next.starts_with(w));
        if !names_who && !not_a_verb {
            return Some(at);
        }
        from = at + v.len() - 1;
    }
    None
}

/// The parts of one clause around its figure.
struct Parsed {
    figure: Option<Figure>,
    subject: Option<String>,
    predicate: String,
    lead: Option<String>,
    /// "Toàn tỉnh đào tạo 194 thạc sỹ": the whole area's cadres.
    area: Option<String>,
}

/// Words before which a group phrase starts when a long sentence leads to its figure ("… để đề
/// bạt, bổ nhiệm vào | các chức danh lãnh đạo … nâng tỷ lệ nữ …").
const PHRASE_BREAKS: [&str; 5] = [" vao ", " de ", ": ", "; ", " doi voi "];

/// The group phrase standing before a figure: from the last break before the last word naming
/// people, to the first verb after that word ("Cán bộ cấp xã | có trình độ văn hóa … tăng
/// 14,9%"). Byte range in `before`.
fn subject_before(before: &str) -> Option<(usize, usize)> {
    let last_people = last_people_word(before)?;
    let start =
        PHRASE_BREAKS.iter().filter_map(|b| before[..last_people].rfind(b).map(|at| at + b.len())).max().unwrap_or(0);
    let end = VERBS
        .iter()
        .filter_map(|v| verb_at(&before[last_people..], v).map(|at| last_people + at))
        .min()
        .unwrap_or(before.len());
    (end > start && !before[start..end].trim().is_empty()).then_some((start, end))
}

/// True when nothing but asides and punctuation follows a subject ("60% cán bộ lãnh đạo của
/// tỉnh (16 chức danh);"): the predicate is the one a later clause states for the list.
fn nothing_said(predicate: &str) -> bool {
    let mut depth = 0i32;
    for c in predicate.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            c if c.is_alphanumeric() && depth == 0 => return false,
            _ => {}
        }
    }
    true
}

/// The figure a clause states as its amount: not a year, not one in parentheses ("(16 chức
/// danh)", "(tăng 17% …)"), not a baseline ("từ 17,8% năm 2020 lên …") nor an increase.
fn target_figure(s: &str, all: &[Figure]) -> Option<Figure> {
    stated_figure(s, all).or_else(|| {
        // A review's change ("… tăng 3,6%") when the clause states nothing else.
        all.iter().copied().find(|f| {
            !f.year && (s[..f.start].trim_end().ends_with("tang") || s[..f.start].trim_end().ends_with("giam"))
        })
    })
}

/// "194 thạc sỹ, đạt 97% so với mục tiêu": a share of a quota reached, said of the count before.
fn of_quota(s: &str, f: &Figure) -> bool {
    f.percent && s[..f.start].trim_end().ends_with("dat") && {
        let after = s[f.end..].trim_start();
        ["so voi muc tieu", "so voi chi tieu", "so voi ke hoach", "ke hoach", "chi tieu"]
            .iter()
            .any(|w| after.starts_with(w))
    }
}

fn stated_figure(s: &str, all: &[Figure]) -> Option<Figure> {
    let all: Vec<Figure> = all.iter().copied().filter(|f| !of_quota(s, f)).collect();
    all.iter()
        .copied()
        .filter(|f| !f.year)
        .filter(|f| {
            let before = &s[..f.start];
            let open = before.rfind('(').is_some_and(|o| !before[o..].contains(')') && !long_aside(s, o));
            let increase = before.trim_end().ends_with("tang") || before.trim_end().ends_with("giam");
            let baseline = before.trim_end().ends_with(" tu") && s[f.end..].contains(" len ");
            !open && !increase && !baseline
        })
        .find(|f| f.percent || !all.iter().any(|p| p.percent && !p.year && p.start > f.start) || f.start == 0)
}

fn parse(s: &Folded, paragraph: &str, range: (usize, usize)) -> Parsed {
    let text = &s.text;
    let all = figures(text);
    let figure = target_figure(text, &all);
    let colon = text.find(": ").filter(|c| figure.is_none_or(|f| *c < f.start));
    let lead = colon
        .map(|c| paragraph[range.0..range.0 + s.at(c)].to_string())
        .filter(|l| names_people(&crate::text::fold(l)));
    let mut subject = None;
    let mut predicate = text.clone();
    if let Some(f) = figure {
        let after = &text[f.end..];
        let verb = VERBS.iter().filter_map(|v| verb_at(after, v)).min();
        let head_end = verb.unwrap_or(after.len());
        let head = &after[..head_end];
        if names_people(head) {
            let from = s.at(f.end);
            let to = s.at(f.end + head_end);
            subject = Some(paragraph[range.0 + from..range.0 + to].trim().to_string());
            predicate = after[head_end..].to_string();
        } else {
            let start = colon.map_or(0, |c| c + 2);
            let before = &text[start..f.start];
            predicate = text[start..].to_string();
            if let Some((from, to)) = subject_before(before) {
                let (from, to) = (start + from, start + to);
                subject = Some(paragraph[range.0 + s.at(from)..range.0 + s.at(to)].trim().to_string());
                // "Cán bộ cấp xã có trình độ … tăng 14,9%": the predicate runs from the verb.
                predicate = if to < f.start { text[to..].to_string() } else { after.to_string() };
            }
        }
    } else if let Some(verb) = VERBS.iter().filter_map(|v| verb_at(text, v)).min() {
        // No figure ("Người hoạt động bán chuyên trách ở cấp xã được bồi dưỡng … (ít nhất 1
        // lần trong 2 năm)"): the words before the verb name the group, those after say of it.
        if names_people(&text[..verb]) {
            subject = Some(paragraph[range.0..range.0 + s.at(verb)].trim().to_string());
            predicate = text[verb..].to_string();
        }
    }
    let area = figure.and_then(|f| whole_area(&text[..f.start]));
    Parsed { figure, subject, predicate, lead, area }
}

fn window_of(s: &str, period: Option<(u16, u16)>, deadline: Option<u16>, year: Option<u16>) -> Window {
    if s.contains("hang nam") || s.contains("moi nam") {
        return Window::Year;
    }
    if s.contains("nhiem ky") && (s.contains("lan trong") || s.contains("mot lan")) {
        return Window::Term;
    }
    if let Some(at) = s.find(" lan trong ") {
        let after = &s[at + 11..];
        let n: String = after.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(years) = n.parse::<u8>() {
            return Window::Years { years };
        }
    }
    let from = period.map(|p| p.0).or(year).unwrap_or(2000);
    let to = deadline.or(period.map(|p| p.1)).unwrap_or(from);
    Window::Period { from: from.min(to), to }
}

/// The training a clause speaks of, from "bồi dưỡng"/"đào tạo" to its end ("Bồi dưỡng cập
/// nhật kiến thức …"), in the document's words.
fn training_of(clause: &str) -> String {
    let f = Folded::new(clause);
    let at = ["boi duong", "dao tao"].iter().filter_map(|w| f.text.find(w)).min();
    // "… bồi dưỡng nghiệp vụ ít nhất 01 lần trong nhiệm kỳ": how often is the window's, not
    // the training's name.
    let end = at
        .and_then(|a| {
            [" it nhat ", " toi thieu ", " lan trong "].iter().filter_map(|w| f.text[a..].find(w).map(|e| a + e)).min()
        })
        .map_or(clause.len(), |e| f.at(e));
    let text = at.map_or(&clause[..end], |a| &clause[f.at(a)..end]).trim().trim_end_matches(['.', ';', ',', ':']);
    let text = text.split(" (").next().unwrap_or(text);
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// `phrase` without the word whose folded form is `folded_word` ("cán bộ nữ trong …" → "cán bộ
/// trong …").
fn without_word(phrase: &str, folded_word: &str) -> String {
    phrase
        .split(' ')
        .filter(|w| crate::text::fold(w).trim_matches(|c: char| !c.is_alphanumeric()) != folded_word)
        .collect::<Vec<_>>()
        .join(" ")
}

/// "hằng năm", "mỗi năm", "… học viên/năm", "/ 01 năm": a figure due each year.
fn says_yearly(s: &str, after_figure: &str) -> bool {
    s.contains("hang nam")
        || s.contains("moi nam")
        || after_figure.split('/').skip(1).any(|p| p.trim_start_matches([' ', '0', '1']).starts_with("nam"))
}

/// A yearly figure is due in every year from the one after the document's (its own is under
/// way) to the deadline.
fn every_year(milestones: &mut Vec<Milestone>, issued: Option<u16>, years: &[u16]) {
    if let (Some(issued), Some(&last), Some(first)) = (issued, years.last(), milestones.first().cloned()) {
        if last > issued + 1 && last - issued <= 20 {
            *milestones = (issued + 1..=last).map(|year| Milestone { year, ..first.clone() }).collect();
        }
    }
}

/// Nhu cầu đào tạo: "Về đào tạo sau đại học: 35 đồng chí; mỗi năm cử 07 - 08 đồng chí", "Trung
/// cấp 68 đồng chí, mỗi năm cử 13 - 14 đồng chí đi học".
fn need(s: &str, inherited: Option<Scale>, sentence: &str) -> Option<TrainingNeed> {
    let all: Vec<Figure> = figures(s).into_iter().filter(|f| !f.year).collect();
    // "mỗi năm cử 07 - 08", "Hằng năm, cử khoảng 150 cán bộ đi đào tạo …".
    let per_year_at =
        ["moi nam cu", "moi nam, cu", "hang nam cu", "hang nam, cu"].iter().filter_map(|w| s.find(w)).min()?;
    let persons = all.iter().find(|f| f.start < per_year_at && !f.percent).map(|f| f.value as u32);
    let per_year = all.iter().find(|f| f.start > per_year_at)?;
    let criterion = criteria(s, inherited).into_iter().next();
    Some(TrainingNeed {
        id: String::new(),
        sentence: sentence.to_string(),
        group: None,
        criterion,
        persons,
        per_year_min: Some(per_year.value as u32),
        per_year_max: per_year.upper.map(|u| u as u32).or(Some(per_year.value as u32)),
        targets: Vec::new(),
    })
}

/// What one paragraph states.
#[derive(Default)]
pub struct Found {
    /// Chỉ tiêu.
    pub targets: Vec<Read<Target>>,
    /// Nhu cầu.
    pub needs: Vec<Read<TrainingNeed>>,
    /// The deadlines the paragraph states when it states no target (a table's column "Chỉ tiêu
    /// thực hiện đến năm 2026" then applies to the cells below).
    pub deadlines: Vec<u16>,
}

/// Reads every target and need of `paragraph` (its numbering already removed).
pub fn read_paragraph(paragraph: &str, ctx: &Context) -> Found {
    let mut found = Found::default();
    let folded_paragraph = Folded::new(paragraph);
    let whole = &folded_paragraph.text;
    let paragraph_lead = whole
        .find(": ")
        .map(|c| folded_paragraph.at(c))
        .map(|c| paragraph[..c].to_string())
        .filter(|l| l.len() < 400 && names_people(&crate::text::fold(l)));
    // "Bồi dưỡng … dành cho đối tượng: Là cán bộ …": the lead names the course, the audience
    // the group.
    let audience_group = audience(whole)
        .map(|(from, to)| paragraph[folded_paragraph.at(from)..folded_paragraph.at(to)].trim().to_string());
    let paragraph_lead = if audience_group.is_some() { None } else { paragraph_lead };
    let mut previous_group: Option<String> = None;
    // The groups of a list sharing one predicate ("60% A; 50% B; 35% C được đào tạo …"): a
    // clause after it naming no group speaks of them all ("; 100% đạt trình độ cao cấp …").
    let mut listed: Vec<String> = Vec::new();
    let mut previous_scale: Option<Scale> = None;
    let lead_scale = {
        let lead = whole.split(": ").next().unwrap_or("");
        if lead.contains("ly luan chinh tri") {
            Some(Scale::Political)
        } else if lead.contains("quan ly nha nuoc") {
            Some(Scale::StateManagement)
        } else {
            None
        }
    };
    let mut pending_subjects: Vec<usize> = Vec::new();
    let mut previous_yearly = false;
    let mut previous_clause: Option<(usize, usize)> = None;
    let mut last_with_figure: Option<(usize, usize)> = None;
    for (start, end, tier) in clauses(paragraph) {
        // "100% … đạt chuẩn …; có bản lĩnh chính trị …": a clause with neither figure nor
        // subject after a target stated with its figure is more of that target's predicate.
        let follows_a_figure = previous_clause.is_some()
            && previous_clause == last_with_figure
            && found.targets.last().is_some_and(|t| Some(t.span) == previous_clause);
        previous_clause = Some((start, end));
        let clause = &paragraph[start..end];
        let f = Folded::new(clause);
        let s = f.text.as_str();
        if let Some(mut need) = need(s, lead_scale.or(previous_scale), clause) {
            need.sentence = clause.trim().to_string();
            let group = ctx.group.clone();
            found.needs.push(Read {
                span: (start, end),
                value: need,
                group_phrase: group,
                members: Vec::new(),
                confidence: 70,
                tier,
            });
            continue;
        }
        let parsed = parse(&f, paragraph, (start, end));
        if parsed.figure.is_some() {
            last_with_figure = Some((start, end));
        }
        let inherited = if tier { previous_scale } else { lead_scale.or(previous_scale.filter(|_| tier)) };
        let mut criteria_found = criteria(&parsed.predicate, inherited);
        // "Tỷ lệ cán bộ nữ trong Ban Chấp hành …": the share is of women, the group is the
        // committee (not its women, who are all women).
        let share_of_women = criteria_found.is_empty() && (s.contains("ty le nu") || s.contains("can bo nu"));
        if share_of_women {
            criteria_found.push(Criterion::Person { rule: Box::new(GroupRule::Gender { gender: Gender::Female }) });
        }
        // The group the clause falls under: its lead-in, the paragraph's, the heading's.
        let scope = parsed.lead.clone().or_else(|| paragraph_lead.clone()).or_else(|| ctx.group.clone());
        // "100% cán bộ, công chức … có trình độ đại học (trừ cán bộ hợp đồng …)": the exclusion
        // is the subject's.
        let exclusion = s.find("(tru ").map(|at| {
            let from = f.at(at);
            let to = clause[from..].find(')').map_or(clause.len(), |e| from + e + 1);
            clause[from..to].to_string()
        });
        let parsed_subject = match (&parsed.subject, exclusion) {
            (Some(subject), Some(except)) if !subject.contains('(') => Some(format!("{subject} {except}")),
            (subject, _) => subject.clone(),
        };
        let parsed = Parsed { subject: parsed_subject, ..parsed };
        let subject = match (&parsed.subject, &scope) {
            (Some(subject), Some(scope)) if restates(subject, scope) => Some(scope.clone()),
            _ => parsed.subject.clone(),
        };
        let listed_before = listed.clone();
        let union = (listed.len() > 1).then(|| union_name(&listed));
        let mut group = subject
            .clone()
            .or_else(|| parsed.lead.clone())
            .or_else(|| audience_group.clone())
            .or_else(|| parsed.area.clone())
            .or_else(|| union.clone())
            .or_else(|| previous_group.clone())
            .or_else(|| paragraph_lead.clone())
            .or_else(|| ctx.group.clone())
            .map(|g| clean_name(&if share_of_women { without_word(&g, "nu") } else { g }))
            .filter(|g| !g.is_empty());
        if subject.is_some() || parsed.lead.is_some() {
            listed.clear();
        }
        let clause_deadlines = deadlines(s);
        let trains_every = (s.contains(" lan trong ") || s.contains("lan trong nhiem ky"))
            && (s.contains("boi duong") || s.contains("dao tao"));
        // "Chức danh Bí thư, … Chủ tịch UBND huyện có trình độ chuyên môn đại học …" in a
        // goal: every one of them.
        let all_of_them = ctx.in_goals && parsed.subject.is_some() && !criteria_found.is_empty();
        let Some(figure) = parsed.figure.or_else(|| {
            (trains_every || all_of_them).then_some(Figure {
                start: 0,
                end: 0,
                value: 100.0,
                upper: None,
                percent: true,
                year: false,
            })
        }) else {
            // A sentence with no amount: a directional target under "Mục tiêu" or a plan's
            // quota "theo nhu cầu đăng ký", else text.
            let on_demand = s.contains("theo nhu cau") && (whole.starts_with("so luong") || s.starts_with("so luong"));
            let continues = follows_a_figure && !tier && parsed.subject.is_none() && parsed.lead.is_none();
            if (ctx.in_goals && s.len() > 20 && !only_names_a_group(s) && !continues) || on_demand {
                let target = directional(clause);
                found.targets.push(Read {
                    span: (start, end),
                    value: target,
                    group_phrase: None,
                    members: Vec::new(),
                    confidence: 40,
                    tier,
                });
            } else if !clause_deadlines.is_empty() && found.targets.is_empty() {
                found.deadlines = clause_deadlines;
            }
            continue;
        };
        let years = if !clause_deadlines.is_empty() {
            clause_deadlines
        } else if !ctx.deadlines.is_empty() {
            ctx.deadlines.clone()
        } else {
            ctx.period.map(|p| vec![p.1]).or(ctx.year.map(|y| vec![y])).unwrap_or_default()
        };
        let comparator = comparator_before(s, figure.start);
        let value = Some(figure.value);
        let upper = figure.upper;
        let increase = s.find("tang ").and_then(|at| {
            let after = &s[at + 5..];
            let n = figures(after).into_iter().next().filter(|g| g.start == 0 && g.percent)?;
            s.contains("so voi hien nay").then_some(n.value)
        });
        let milestones = |value: Option<f64>| -> Vec<Milestone> {
            years.iter().map(|y| Milestone { year: *y, comparator, value, upper, increase, reached: None }).collect()
        };
        let after_figure = &s[figure.end..];
        let mut target = directional(clause);
        let trains =
            parsed.predicate.contains("boi duong") || parsed.predicate.contains("dao tao") || s.contains(" cu ");
        let changed = s[..figure.start].trim_end().ends_with("tang") || s[..figure.start].trim_end().ends_with("giam");
        let mut confidence = 80;
        if figure.percent {
            if !criteria_found.is_empty() {
                target.measure = Measure::Share { criteria: criteria_found.clone() };
                target.milestones = milestones(value);
                if let Some(base) =
                    figures(s).into_iter().find(|g| g.percent && s[..g.start].trim_end().ends_with(" tu"))
                {
                    target.baseline = Some(StatedBaseline {
                        value: base.value,
                        bound: Default::default(),
                        year: deadlines_after(s, base.end),
                        numerator: None,
                        denominator: None,
                    });
                }
            } else if trains {
                let window = window_of(s, ctx.period, years.last().copied(), ctx.year);
                target.measure = Measure::Trained { training: training_of(clause), window };
                target.milestones = milestones(value);
                if window == Window::Term && years.is_empty() {
                    target.milestones = milestones(Some(100.0));
                }
            } else {
                confidence = 40;
            }
        } else if let Some(kind) = event_kind(after_figure) {
            // "… 02 lớp bồi dưỡng kỹ năng cho cán bộ, công chức cấp xã": the classes' audience
            // is the group, the words before it the training.
            let audience = s[figure.end..].find(" cho ").map(|at| figure.end + at).filter(|&at| {
                let after = s[at + 5..].trim_end_matches(['.', ';', ' ']);
                names_people(after)
            });
            let training = match audience {
                Some(at) => {
                    let audience_text = clause[f.at(at + 5)..].trim().trim_end_matches(['.', ';']);
                    group = Some(clean_name(audience_text));
                    training_of(&clause[..f.at(at)])
                }
                None => training_of(clause),
            };
            target.measure = Measure::Events { event: kind, training };
            target.milestones = milestones(value);
            // Events each year ("hằng năm", "/ 01 năm"; a tier of such a clause too) are due in
            // every year from the one after the document's (its own is under way) to the deadline.
            let yearly = says_yearly(s, after_figure) || (tier && previous_yearly);
            previous_yearly = yearly;
            if yearly {
                every_year(&mut target.milestones, ctx.year, &years);
            }
        } else if s.contains("moi so")
            || s.contains("moi don vi")
            || s.contains("moi co quan")
            || s.contains("moi xa")
            || names_units(&s[..figure.start])
        {
            target.measure = Measure::PerUnit {
                units: Box::new(UnitFilter { levels: level_words(s), ..UnitFilter::default() }),
                criteria: criteria_found.clone(),
            };
            target.milestones = milestones(value);
        } else if is_completion(after_figure) {
            // "Đào tạo trình độ sau đại học: 20 chỉ tiêu mỗi năm": the training is named before
            // its figure.
            let before_figure = &clause[..f.at(figure.start)];
            let training = training_of(before_figure.trim_end().strip_suffix(':').unwrap_or(clause));
            target.measure = Measure::Completions {
                training: if training.is_empty() {
                    criteria_found.first().map(|c| c.label()).unwrap_or_default()
                } else {
                    training
                },
                agency: String::new(),
                per_unit: after_figure.contains("/ dia phuong") || after_figure.contains("/dia phuong"),
            };
            // "150 lượt cán bộ": every completion counts, a person trained twice twice.
            if after_figure.trim_start().starts_with("luot") {
                target.counting.tally = crate::directive::target::Tally::PersonTimes;
            }
            // A review: "194 thạc sỹ, đạt 97% so với mục tiêu" states the quota through the share.
            let quota_share = figures(s).into_iter().find(|g| g.percent && s[..g.start].trim_end().ends_with("dat"));
            if let Some(share) = quota_share.filter(|_| s.contains("so voi muc tieu") || s.contains("so voi chi tieu"))
            {
                let quota = (figure.value * 100.0 / share.value).round();
                target.milestones = ctx
                    .period
                    .map(|p| {
                        vec![Milestone {
                            year: p.1,
                            comparator,
                            value: Some(quota),
                            upper: None,
                            increase: None,
                            reached: None,
                        }]
                    })
                    .unwrap_or_default();
                let mut reported = Reported::of_year(ctx.year.unwrap_or(0));
                reported.value = Some(figure.value);
                reported.of_quota = Some(share.value);
                target.reported.push(reported);
            } else if s.contains("vuot chi tieu") {
                let mut reported = Reported::of_year(ctx.year.unwrap_or(0));
                reported.value = Some(figure.value);
                reported.outcome = Some(Outcome::Exceeded);
                target.reported.push(reported);
            } else {
                target.milestones = milestones(value);
                // "150 học viên/năm": each year counts on its own, and each is due.
                if says_yearly(s, after_figure) {
                    target.counting.per_year = true;
                    every_year(&mut target.milestones, ctx.year, &years);
                }
            }
        } else if !criteria_found.is_empty() {
            target.measure = Measure::Count { criteria: criteria_found.clone() };
            target.milestones = milestones(value);
        } else {
            continue;
        }
        // "Trình độ … tăng 3,6%": a reported change, not a target.
        if changed && increase.is_none() {
            target.milestones.clear();
            let mut reported = Reported::of_year(ctx.year.unwrap_or(0));
            reported.change = Some(figure.value);
            reported.change_unit = if figure.percent { ChangeUnit::Points } else { ChangeUnit::Persons };
            target.reported.push(reported);
            if criteria_found.is_empty() {
                target.measure = Measure::Directional;
            }
        }
        if matches!(target.measure, Measure::Directional) {
            target.milestones.clear();
        }
        // A directional clause naming nobody has no group, unless its paragraph names one
        // ("Cán bộ diện …: có 30% thạc sĩ; 100% đạt chuẩn … theo chức danh").
        let scoped = paragraph_lead.is_some() || previous_group.is_some();
        let group = if matches!(target.measure, Measure::Directional) && parsed.subject.is_none() && !changed && !scoped
        {
            None
        } else {
            group
        };
        if parsed.subject.is_some()
            && criteria_found.is_empty()
            && matches!(target.measure, Measure::Directional)
            && nothing_said(&parsed.predicate)
        {
            pending_subjects.push(found.targets.len());
        } else if matches!(target.measure, Measure::Share { .. }) {
            if !pending_subjects.is_empty() {
                listed = pending_subjects.iter().filter_map(|&i| found.targets[i].group_phrase.clone()).collect();
                listed.extend(group.clone());
            }
            for i in pending_subjects.drain(..) {
                let earlier: &mut Read<Target> = &mut found.targets[i];
                earlier.value.measure = target.measure.clone();
                let ms = target.milestones.clone();
                let earlier_value = earlier.value.milestones.first().and_then(|m| m.value);
                earlier.value.milestones =
                    ms.into_iter().map(|m| Milestone { value: earlier_value.or(m.value), ..m }).collect();
                if earlier.value.milestones.iter().all(|m| m.value.is_none()) {
                    earlier.value.milestones.clear();
                }
            }
        }
        if target.milestones.is_empty()
            && matches!(target.measure, Measure::Directional)
            && parsed.subject.is_some()
            && nothing_said(&parsed.predicate)
        {
            // Keep the figure for the shared predicate that may follow.
            target.milestones = milestones(value);
        }
        previous_scale = scale_of(&criteria_found).or(previous_scale);
        if group.is_some() {
            previous_group = group.clone();
        }
        let members = if union.is_some() && group == union { listed_before.clone() } else { Vec::new() };
        found.targets.push(Read { span: (start, end), value: target, group_phrase: group, members, confidence, tier });
    }
    // A subject whose predicate never came stays directional, without its figure or group; a
    // goal the rules cannot measure ("100% cán bộ, công chức xã đạt chuẩn theo quy định")
    // keeps the group it names, for the officer's "Sửa".
    for (index, read) in found.targets.iter_mut().enumerate() {
        if matches!(read.value.measure, Measure::Directional) {
            read.value.milestones.clear();
            if read.value.reported.is_empty() && (pending_subjects.contains(&index) || read.tier) {
                read.group_phrase = None;
            }
        }
    }
    found
}

fn deadlines_after(s: &str, at: usize) -> Option<u16> {
    figures(&s[at..]).into_iter().next().filter(|f| f.year && f.start < 8).map(|f| f.value as u16)
}

fn level_words(s: &str) -> Vec<GovLevel> {
    if s.contains("so, ban, nganh") || s.contains("moi so") {
        vec![GovLevel::Province]
    } else {
        Vec::new()
    }
}

/// The words before a count name units ("Các huyện có …, cơ quan, đơn vị … có từ 2 đến 3
/// công chức"): the count is per unit.
fn names_units(before: &str) -> bool {
    let start = before.trim_start();
    ["cac huyen", "cac xa", "cac so", "cac co quan", "cac don vi", "co quan", "don vi", "moi "]
        .iter()
        .any(|w| start.starts_with(w))
}

/// The kind of events a figure counts, from the words after it ("lớp", "đoàn", "hội thảo").
pub(super) fn event_kind(after: &str) -> Option<EventKind> {
    let after = after.trim_start();
    if after.starts_with("doan") {
        Some(EventKind::Delegation)
    } else if after.starts_with("hoi thao") {
        Some(EventKind::Workshop)
    } else if after.starts_with("lop dao tao") {
        Some(EventKind::DegreeClass)
    } else if after.starts_with("lop") {
        Some(EventKind::Class)
    } else {
        None
    }
}

fn is_completion(after: &str) -> bool {
    let after = after.trim_start();
    ["chi tieu", "hoc vien", "dong chi", "nguoi", "thac s", "tien s", "luot"].iter().any(|w| after.starts_with(w))
}

/// A directional target of `clause`: every reading of a figure starts from it.
pub(super) fn directional(clause: &str) -> Target {
    Target {
        id: String::new(),
        sentence: clause.trim().to_string(),
        group: None,
        measure: Measure::Directional,
        milestones: Vec::new(),
        start_year: None,
        continuing: false,
        counting: Default::default(),
        baseline: None,
        reported: Vec::new(),
        tier_of: None,
        note: String::new(),
    }
}

/// Unused comparator marker so the default stays visible in one place.
#[allow(dead_code)]
const DEFAULT_COMPARATOR: Comparator = Comparator::AtLeast;

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context {
        Context { deadlines: vec![2020], period: Some((2016, 2025)), year: Some(2016), ..Context::default() }
    }

    fn clause_texts(p: &str) -> Vec<&str> {
        clauses(p).into_iter().map(|(a, b, _)| &p[a..b]).collect()
    }

    #[test]
    fn clauses_split_at_semicolons_tiers_and_each_new_share() {
        let p = "50% có trình độ chuyên môn thạc sĩ trở lên (tăng 17% so với hiện nay) và 100% có trình độ cao cấp lý luận chính trị; 100% đã qua bồi dưỡng, trong đó 80% được bồi dưỡng chương trình chuyên viên chính.";
        assert_eq!(
            clause_texts(p),
            [
                "50% có trình độ chuyên môn thạc sĩ trở lên (tăng 17% so với hiện nay)",
                "100% có trình độ cao cấp lý luận chính trị",
                "100% đã qua bồi dưỡng,",
                "80% được bồi dưỡng chương trình chuyên viên chính."
            ]
        );
    }

    #[test]
    fn a_list_of_groups_shares_the_predicate_that_ends_it() {
        let p = "60% cán bộ lãnh đạo của tỉnh (16 chức danh); 50% ủy viên ban chấp hành đảng bộ tỉnh được đào tạo đạt trình độ chuyên môn sau đại học; 100% đạt trình độ cao cấp lý luận chính trị.";
        let found = read_paragraph(p, &ctx());
        let summary: Vec<(Option<String>, Option<f64>, String)> = found
            .targets
            .iter()
            .map(|r| {
                (
                    r.group_phrase.clone(),
                    r.value.milestones.first().and_then(|m| m.value),
                    r.value.measure.code().to_string(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (Some("Cán bộ lãnh đạo của tỉnh (16 chức danh)".into()), Some(60.0), "share".into()),
                (Some("Ủy viên ban chấp hành đảng bộ tỉnh".into()), Some(50.0), "share".into()),
                (Some("Các nhóm trên (cấp tỉnh)".into()), Some(100.0), "share".into()),
            ]
        );
        assert_eq!(found.targets[0].value.milestones[0].year, 2020);
        // The clause after the list speaks of every group in it.
        assert_eq!(
            found.targets[2].members,
            ["Cán bộ lãnh đạo của tỉnh (16 chức danh)", "Ủy viên ban chấp hành đảng bộ tỉnh"]
        );
    }

    #[test]
    fn increases_baselines_and_reported_changes() {
        let found = read_paragraph(
            "Ủy viên Ban chấp hành: 30% có trình độ thạc sĩ hoặc đang học thạc sĩ (tăng 19% so với hiện nay)",
            &ctx(),
        );
        let m = &found.targets[0].value.milestones[0];
        assert_eq!((m.value, m.increase), (Some(30.0), Some(19.0)));
        let found =
            read_paragraph("Cán bộ diện Tỉnh ủy quản lý: Trình độ chuyên môn đại học và sau đại học tăng 3,6%", &ctx());
        let t = &found.targets[0].value;
        assert!(t.milestones.is_empty() && t.reported[0].change == Some(3.6));
        assert_eq!(found.targets[0].group_phrase.as_deref(), Some("Cán bộ diện Tỉnh ủy quản lý"));
    }

    #[test]
    fn annual_trained_events_completions_and_needs() {
        let found = read_paragraph(
            "Hàng năm, có ít nhất 60% cán bộ, công chức cấp xã được bồi dưỡng cập nhật kiến thức",
            &ctx(),
        );
        assert!(matches!(found.targets[0].value.measure, Measure::Trained { window: Window::Year, .. }));
        let found = read_paragraph("Tối thiểu 02 lớp tập trung hoặc trực tuyến/ 01 năm.", &ctx());
        assert!(matches!(found.targets[0].value.measure, Measure::Events { event: EventKind::Class, .. }));
        let found = read_paragraph("Số lượng bồi dưỡng khoảng 50 đồng chí.", &ctx());
        assert_eq!(found.targets[0].value.milestones[0].comparator, Comparator::About);
        let found =
            read_paragraph("Về đào tạo sau đại học: 35 đồng chí; mỗi năm cử 07 - 08 đồng chí đi đào tạo.", &ctx());
        assert!(found.targets.is_empty());
        let n = &found.needs[0].value;
        assert_eq!((n.persons, n.per_year_min, n.per_year_max), (Some(35), Some(7), Some(8)));
        // Another province's wording: "Hằng năm, cử khoảng …", no total.
        let found = read_paragraph("Hằng năm, cử khoảng 150 cán bộ đi đào tạo cao cấp lý luận chính trị.", &ctx());
        assert!(found.targets.is_empty());
        let n = &found.needs[0].value;
        assert_eq!((n.persons, n.per_year_min, n.per_year_max), (None, Some(150), Some(150)));
        assert!(n.criterion.is_some());
    }

    #[test]
    fn a_group_trained_once_in_n_years_without_a_share_is_everyone_of_it() {
        let p =
            "Người hoạt động bán chuyên trách ở cấp xã được bồi dưỡng, cập nhật kiến thức (ít nhất 1 lần trong 2 năm).";
        let found = read_paragraph(p, &ctx());
        let read = &found.targets[0];
        assert!(matches!(read.value.measure, Measure::Trained { window: Window::Years { years: 2 }, .. }));
        assert_eq!(read.value.milestones[0].value, Some(100.0));
        assert_eq!(read.group_phrase.as_deref(), Some("Người hoạt động bán chuyên trách ở cấp xã"));
    }

    #[test]
    fn a_yearly_quota_named_after_its_training() {
        let ctx = Context { period: Some((2023, 2025)), year: Some(2022), ..Context::default() };
        for (p, training) in [
            ("Đào tạo trình độ sau đại học: hai mươi (20) chỉ tiêu mỗi năm.", "Đào tạo trình độ sau đại học"),
            (
                "Bồi dưỡng ngạch chuyên viên chính và tương đương: 150 học viên/năm.",
                "Bồi dưỡng ngạch chuyên viên chính và tương đương",
            ),
        ] {
            let found = read_paragraph(p, &ctx);
            let target = &found.targets[0].value;
            let Measure::Completions { training: read, .. } = &target.measure else {
                panic!("{p}: {:?}", target.measure)
            };
            assert_eq!(read, training);
            assert!(target.counting.per_year, "{p}");
            let years: Vec<u16> = target.milestones.iter().map(|m| m.year).collect();
            assert_eq!(years, [2023, 2024, 2025], "{p}");
        }
    }

    #[test]
    fn person_times_count_every_completion() {
        let found = read_paragraph(
            "Tối thiểu 150 lượt cán bộ, công chức người dân tộc thiểu số được bồi dưỡng tiếng Anh, tin học mỗi năm.",
            &Context { period: Some((2023, 2025)), year: Some(2023), ..Context::default() },
        );
        let target = &found.targets[0].value;
        assert_eq!(target.counting.tally, crate::directive::target::Tally::PersonTimes);
        assert!(target.counting.per_year);
        assert_eq!(found.targets[0].group_phrase.as_deref(), Some("Cán bộ, công chức người dân tộc thiểu số"));
    }

    #[test]
    fn who_they_are_stays_in_the_subject() {
        let found = read_paragraph(
            "Không dưới 25% cán bộ, công chức cấp xã là người dân tộc thiểu số có trình độ chuyên môn đại học trở lên.",
            &ctx(),
        );
        assert_eq!(
            found.targets[0].group_phrase.as_deref(),
            Some("Cán bộ, công chức cấp xã là người dân tộc thiểu số")
        );
    }

    #[test]
    fn a_share_of_women_is_of_the_whole_committee() {
        let found = read_paragraph("Tỷ lệ cán bộ nữ trong Ban Chấp hành Đảng bộ xã đạt từ 20% trở lên.", &ctx());
        assert_eq!(found.targets[0].group_phrase.as_deref(), Some("Cán bộ trong Ban Chấp hành Đảng bộ xã"));
        let Measure::Share { criteria } = &found.targets[0].value.measure else { panic!("a share") };
        assert!(matches!(&criteria[..], [Criterion::Person { .. }]));
        // Women as the group's own condition stay in the group.
        let found = read_paragraph("Cán bộ nữ dưới 40 tuổi có trình độ thạc sĩ đạt tối thiểu 20%.", &ctx());
        assert_eq!(found.targets[0].group_phrase.as_deref(), Some("Cán bộ nữ dưới 40 tuổi"));
    }

    #[test]
    fn how_often_is_no_part_of_the_trainings_name() {
        let found = read_paragraph(
            "100% cán bộ không chuyên trách xã được bồi dưỡng nghiệp vụ ít nhất 01 lần trong nhiệm kỳ.",
            &ctx(),
        );
        let Measure::Trained { training, window } = &found.targets[0].value.measure else { panic!("trained") };
        assert_eq!((training.as_str(), window), ("Bồi dưỡng nghiệp vụ", &Window::Term));
    }

    #[test]
    fn classes_for_an_audience_name_their_group() {
        let found =
            read_paragraph("Mỗi năm tổ chức ít nhất 02 lớp bồi dưỡng kỹ năng cho cán bộ, công chức cấp xã.", &ctx());
        let Measure::Events { training, .. } = &found.targets[0].value.measure else { panic!("events") };
        assert_eq!(training, "Bồi dưỡng kỹ năng");
        assert_eq!(found.targets[0].group_phrase.as_deref(), Some("Cán bộ, công chức cấp xã"));
    }

    #[test]
    fn a_list_of_figures_starting_with_tu() {
        let p = "bảo đảm 100% có trình độ trung cấp lý luận chính trị trở lên, từ 50% trở lên được bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 3.";
        assert_eq!(clauses(p).len(), 2);
    }

    #[test]
    fn a_lead_in_before_a_comma_stays_with_its_figure() {
        let p = "Hằng năm, 80% đại biểu Hội đồng nhân dân cấp xã được bồi dưỡng kỹ năng hoạt động.";
        assert_eq!(clauses(p).len(), 1);
        let found = read_paragraph(p, &Context { period: Some((2023, 2025)), year: Some(2022), ..Context::default() });
        assert!(matches!(found.targets[0].value.measure, Measure::Trained { window: Window::Year, .. }));
        // A list keeps its cut.
        assert_eq!(clauses("60% cán bộ cấp tỉnh, 50% cán bộ cấp huyện có trình độ thạc sĩ").len(), 2);
    }

    #[test]
    fn a_plans_quota_on_demand_is_directional() {
        let found = read_paragraph("Số lượng đào tạo: Theo nhu cầu đăng ký.", &Context::default());
        assert!(matches!(found.targets[0].value.measure, Measure::Directional));
        assert!(read_paragraph("Theo nhu cầu đăng ký.", &Context::default()).targets.is_empty());
    }
    fn groups_of(found: &Found) -> Vec<Option<&str>> {
        found.targets.iter().map(|r| r.group_phrase.as_deref()).collect()
    }

    #[test]
    fn a_subject_restating_its_heading_takes_the_headings_group() {
        let heading = "Các chức danh lãnh đạo, quản lý các sở, ban, ngành cấp tỉnh (trừ các đồng chí là Tỉnh ủy viên)";
        let ctx = Context { group: Some(heading.into()), in_goals: true, ..ctx() };
        let found = read_paragraph(
            "100% Trưởng, phó các sở, ban, ngành có trình độ đại học, trong đó 40% có trình độ thạc sĩ; 100% có trình độ cao cấp lý luận chính trị.",
            &ctx,
        );
        let expected = clean_name(heading);
        assert_eq!(groups_of(&found), [Some(expected.as_str()); 3]);
        // A narrower subject with its own exclusion stands on its own.
        let ctx = Context { group: Some("Đối với cán bộ, công chức cấp huyện".into()), ..ctx };
        let found = read_paragraph(
            "100% công chức các phòng, ban của thành phố có trình độ đại học (trừ nhân viên hợp đồng), trong đó 20% có trình độ thạc sĩ.",
            &ctx,
        );
        assert_eq!(
            found.targets[0].group_phrase.as_deref(),
            Some("Công chức các phòng, ban của thành phố (trừ nhân viên hợp đồng)")
        );
    }

    #[test]
    fn titles_with_a_level_and_no_figure_in_a_goal_are_all_of_them() {
        let ctx = Context { in_goals: true, ..ctx() };
        let found = read_paragraph(
            "Chức danh Bí thư, Phó Bí thư Thành ủy, Chủ tịch UBND thành phố có trình độ chuyên môn thạc sĩ; 100% đã qua bồi dưỡng quản lý nhà nước chương trình chuyên viên cao cấp.",
            &ctx,
        );
        let t = &found.targets[0];
        assert!(matches!(&t.value.measure, Measure::Share { criteria } if criteria.len() == 1));
        assert_eq!(t.value.milestones[0].value, Some(100.0));
        let group = Some("Bí thư, Phó Bí thư Thành ủy, Chủ tịch UBND thành phố");
        assert_eq!(groups_of(&found), [group, group]);
    }

    #[test]
    fn a_subject_before_its_figure_ends_at_its_verb() {
        let found = read_paragraph(
            "Công chức cấp xã có trình độ văn hóa trung học phổ thông tăng 8,2%; trình độ chuyên môn từ trung cấp trở lên tăng 11%; lý luận chính trị tăng 6% so với năm 2015.",
            &ctx(),
        );
        let t = &found.targets;
        // Schooling is no scale of the roster: a reported change, directional.
        assert!(matches!(t[0].value.measure, Measure::Directional) && t[0].value.reported[0].change == Some(8.2));
        assert!(matches!(&t[1].value.measure, Measure::Share { criteria } if criteria.len() == 1));
        assert!(
            matches!(&t[2].value.measure, Measure::Share { criteria } if matches!(&criteria[0], Criterion::Level { level, .. } if level == "so_cap"))
        );
        assert_eq!(groups_of(&found), [Some("Công chức cấp xã"); 3]);
        // A long sentence: the phrase nearest the figure.
        let found = read_paragraph(
            "Chú trọng lựa chọn cán bộ trẻ, cán bộ nữ để bổ nhiệm vào các chức danh lãnh đạo các phòng, ban cấp tỉnh nâng tỷ lệ nữ từ 20% năm 2020 lên 30% vào năm 2025.",
            &ctx(),
        );
        assert_eq!(groups_of(&found), [Some("Lãnh đạo các phòng, ban cấp tỉnh")]);
    }

    #[test]
    fn a_review_of_a_quota_counts_the_whole_province() {
        let ctx = Context { period: Some((2016, 2020)), year: Some(2018), ..Context::default() };
        let found = read_paragraph(
            "Từ năm 2016 đến nay, toàn huyện đào tạo 35 thạc sĩ, đạt 70% so với mục tiêu Nghị quyết; 02 tiến sĩ, vượt chỉ tiêu so với Nghị quyết đề ra.",
            &ctx,
        );
        let t = &found.targets;
        assert!(matches!(t[0].value.measure, Measure::Completions { .. }));
        assert_eq!((t[0].value.milestones[0].year, t[0].value.milestones[0].value), (2020, Some(50.0)));
        assert_eq!(t[0].value.reported[0].of_quota, Some(70.0));
        assert!(matches!(t[1].value.measure, Measure::Completions { .. }));
        assert_eq!(groups_of(&found), [Some("Cán bộ, công chức, viên chức toàn huyện"); 2]);
    }

    #[test]
    fn a_lead_in_naming_only_a_group_is_no_target() {
        let ctx = Context { in_goals: true, ..ctx() };
        let lead = "Các chức danh lãnh đạo, quản lý các sở, ban, ngành cấp tỉnh (trừ các đồng chí là Tỉnh ủy viên)";
        assert!(read_paragraph(lead, &ctx).targets.is_empty());
        let task = "Cán bộ, công chức cấp xã phát huy vai trò trong xây dựng nông thôn mới";
        assert!(matches!(read_paragraph(task, &ctx).targets[0].value.measure, Measure::Directional));
    }

    #[test]
    fn a_clause_without_figure_or_subject_after_a_stated_target_is_its_predicate() {
        let ctx = Context { in_goals: true, ..ctx() };
        let goal = "Đến năm 2025: 100% cán bộ, công chức cấp xã có trình độ chuyên môn đại học trở lên; có phẩm chất đạo đức tốt, tận tụy phục vụ nhân dân.";
        let found = read_paragraph(goal, &ctx);
        assert_eq!(
            found.targets.len(),
            1,
            "{:?}",
            found.targets.iter().map(|t| &goal[t.span.0..t.span.1]).collect::<Vec<_>>()
        );
        assert!(matches!(found.targets[0].value.measure, Measure::Share { .. }));
        // A goal of its own after a directional one stays a goal.
        let goals = "Nâng cao chất lượng đội ngũ cán bộ, công chức cấp xã; đổi mới nội dung, chương trình bồi dưỡng theo vị trí việc làm.";
        assert_eq!(read_paragraph(goals, &ctx).targets.len(), 2);
    }

    #[test]
    fn a_plans_audience_and_units_listed_across_a_semicolon() {
        let found = read_paragraph(
            "Bồi dưỡng kỹ năng lãnh đạo dành cho đối tượng: Là trưởng, phó phòng cấp huyện dưới 45 tuổi; viên chức quản lý trường học. Số lượng bồi dưỡng khoảng 80 đồng chí.",
            &Context::default(),
        );
        assert_eq!(groups_of(&found), [Some("Trưởng, phó phòng cấp huyện dưới 45 tuổi; viên chức quản lý trường học")]);
        let found = read_paragraph(
            "Các xã biên giới; cơ quan, đơn vị cấp huyện có liên quan có từ 1 đến 2 công chức sử dụng được tiếng dân tộc.",
            &ctx(),
        );
        assert!(matches!(found.targets[0].value.measure, Measure::PerUnit { .. }));
    }

    #[test]
    fn yearly_events_are_due_each_year_after_the_documents_and_an_aside_trong_do_is_their_tier() {
        let p = "Phấn đấu hằng năm có ít nhất 02 đoàn cán bộ tham gia bồi dưỡng tại nước ngoài (trong đó có ít nhất 01 đoàn có sự tham gia của đối tượng thuộc Nhóm 01, 02).";
        let ctx = Context { deadlines: vec![2026], year: Some(2024), ..Context::default() };
        let found = read_paragraph(p, &ctx);
        let tiers: Vec<bool> = found.targets.iter().map(|r| r.tier).collect();
        assert_eq!(tiers, [false, true]);
        let read: Vec<Vec<(u16, Option<f64>)>> =
            found.targets.iter().map(|r| r.value.milestones.iter().map(|m| (m.year, m.value)).collect()).collect();
        assert_eq!(read, [vec![(2025, Some(2.0)), (2026, Some(2.0))], vec![(2025, Some(1.0)), (2026, Some(1.0))]]);
        assert!(found
            .targets
            .iter()
            .all(|r| matches!(r.value.measure, Measure::Events { event: EventKind::Delegation, .. })));
        // Without "hằng năm" the deadline alone.
        let once = read_paragraph("Tổ chức ít nhất 02 đoàn học tập kinh nghiệm.", &ctx);
        assert_eq!(once.targets[0].value.milestones.iter().map(|m| m.year).collect::<Vec<_>>(), [2026]);
    }
}
