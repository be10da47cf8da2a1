//! Câu chữ sinh tự động: the Vietnamese sentence of a target, a training need and a group rule,
//! generated from the rule as an officer would write it ("Đến năm 2025, ít nhất 50% Ủy viên Ban
//! Chấp hành Đảng bộ huyện có trình độ thạc sĩ trở lên (kể cả đang học)").
//!
//! The editor shows the generated sentence beside the document's own; the officer may keep
//! either. Every match over [`Measure`], [`Criterion`], [`Comparator`], [`Window`],
//! [`EventKind`] and [`GroupRule`] is exhaustive, so a new variant does not compile until it is
//! described here.

use super::group::{GroupRule, MatchHow, TextMatch, UnitFilter};
use super::reported::reports_phrase;
use super::target::{
    Combine, Comparator, Criterion, EventKind, Measure, Milestone, Stage, Tally, Target, TrainingNeed, Window,
};
use super::{format_count, Directive, Group};
use crate::levels::Scale;
use crate::model::{Category, CivilGrade, Committee, Gender, GovLevel, Leadership, Region, UnitKind};
use crate::number::format_stated;
use crate::number::round_count;
use crate::text::fold;

/// Looks up a unit's name by roster id (for "thuộc <đơn vị>" in unit filters).
pub type UnitNames<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Writes sentences for one directive (group names come from it).
#[derive(Clone, Copy)]
pub struct Describer<'a> {
    d: &'a Directive,
    unit_name: Option<UnitNames<'a>>,
}

/// The generated sentence of a target.
pub fn describe_target(t: &Target, d: &Directive) -> String {
    Describer::new(d).target(t)
}

/// A group rule in words, capitalised ("Trưởng, phó các phòng cấp tỉnh, trừ Ủy viên ...").
pub fn describe_rule(r: &GroupRule, d: &Directive) -> String {
    Describer::new(d).rule(r)
}

/// The generated sentence of a training need.
pub fn describe_need(n: &TrainingNeed, d: &Directive) -> String {
    Describer::new(d).need(n)
}

/// Criteria in words: "có trình độ đại học trở lên và trình độ lý luận chính trị cao cấp".
pub fn describe_criteria(cs: &[Criterion]) -> String {
    let blank = Directive::blank(String::new(), super::DirectiveKind::Other);
    criteria_phrase(cs, &Describer::new(&blank))
}

/// How amounts of a measure are written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Amt {
    /// "50%", "20-25%".
    Percent,
    /// "07 đồng chí", "03 - 05 đồng chí".
    Persons,
    /// "02", "03 - 05" (the noun follows).
    Plain,
}

/// What a measure says around its amounts.
struct Frame {
    amt: Amt,
    /// Before the amount in "Đến năm 2025, <pre><amount> <after>".
    pre: String,
    /// Before the amount in "Duy trì <pre><amount> <after> đến năm 2025".
    maintain_pre: String,
    /// After the amount.
    after: String,
    /// Head of the listing and monitoring forms ("Tỷ lệ <group> <criteria>").
    head: String,
    /// After the sentence ("(ít nhất 1 lần trong 2 năm)").
    suffix: String,
    /// Replaces "Đến năm <Y>" (a period window ending in the deadline: "Giai đoạn 2016 - 2020").
    lead: Option<String>,
}

impl<'a> Describer<'a> {
    /// A describer for `d`, naming units by id.
    pub fn new(d: &'a Directive) -> Self {
        Describer { d, unit_name: None }
    }

    /// Names units of "thuộc đơn vị ..." filters through `f` (else "đơn vị đã chọn").
    pub fn with_unit_names(mut self, f: UnitNames<'a>) -> Self {
        self.unit_name = Some(f);
        self
    }

    fn group_noun(&self, id: &str) -> String {
        match self.d.group(id) {
            Some(g) if !g.name.trim().is_empty() => decap(g.name.trim()),
            _ => format!("nhóm “{id}”"),
        }
    }

    /// Criteria in words.
    pub fn criteria(&self, cs: &[Criterion]) -> String {
        criteria_phrase(cs, self)
    }

    /// A group rule in words, capitalised.
    pub fn rule(&self, r: &GroupRule) -> String {
        cap_first(&self.noun(r))
    }

    /// A group in words: its rule, capitalised.
    pub fn group(&self, g: &Group) -> String {
        self.rule(&g.rule)
    }

    /// The generated sentence of a target.
    pub fn target(&self, t: &Target) -> String {
        let group = t.group.as_deref().map(|g| self.group_noun(g)).unwrap_or_default();
        let frame = match &t.measure {
            Measure::Directional => {
                let head = if group.is_empty() {
                    "Chỉ tiêu định hướng (không chấm điểm)".to_string()
                } else {
                    format!("{}: chỉ tiêu định hướng (không chấm điểm)", cap_first(&group))
                };
                return with_reports(head, t);
            }
            Measure::Share { criteria } => {
                let after = words(&[&group, &self.criteria(criteria)]);
                Frame {
                    amt: Amt::Percent,
                    pre: String::new(),
                    maintain_pre: String::new(),
                    head: format!("tỷ lệ {after}"),
                    after,
                    suffix: String::new(),
                    lead: None,
                }
            }
            Measure::Count { criteria } => {
                let after = words(&[&group, &self.criteria(criteria)]);
                Frame {
                    amt: Amt::Persons,
                    pre: "có ".into(),
                    maintain_pre: String::new(),
                    head: format!("số {after}"),
                    after,
                    suffix: String::new(),
                    lead: None,
                }
            }
            Measure::PerUnit { units, criteria } => {
                let each = self.units(units, "mỗi");
                let after = words(&[&group, &self.criteria(criteria)]);
                Frame {
                    amt: Amt::Plain,
                    pre: format!("{each} có "),
                    maintain_pre: format!("{each} có "),
                    head: format!("số {after} ở {each}"),
                    after,
                    suffix: String::new(),
                    lead: None,
                }
            }
            Measure::Trained { training, window } => {
                let after = words(&[&group, &self.trained_in(t, training)]);
                let deadline = t.last_year();
                let one_year = self.one_year(t).filter(|_| matches!(window, Window::Year));
                let (pre, suffix, lead) = match *window {
                    Window::Year => match one_year {
                        Some(year) => ("có ".to_string(), String::new(), Some(format!("Trong năm {year}"))),
                        None => ("hằng năm có ".to_string(), String::new(), None),
                    },
                    Window::Years { years } => (String::new(), format!(" (ít nhất 1 lần trong {years} năm)"), None),
                    Window::Term => (String::new(), " (ít nhất 1 lần trong nhiệm kỳ)".into(), None),
                    Window::Period { from, to } => {
                        if t.milestones.len() <= 1 && deadline.is_none_or(|y| y == to) {
                            (String::new(), String::new(), Some(format!("Giai đoạn {from} - {to}")))
                        } else {
                            (String::new(), format!(" (giai đoạn {from} - {to})"), None)
                        }
                    }
                };
                let maintain_pre = if matches!(window, Window::Year) && one_year.is_none() {
                    "hằng năm ".to_string()
                } else {
                    String::new()
                };
                let head = match (window, one_year) {
                    (Window::Year, Some(year)) => format!("tỷ lệ {after} trong năm {year}"),
                    (Window::Year, None) => format!("tỷ lệ {after} hằng năm"),
                    _ => format!("tỷ lệ {after}"),
                };
                Frame { amt: Amt::Percent, pre, maintain_pre, head, after, suffix, lead }
            }
            Measure::Completions { training, agency, per_unit } => {
                let trained = self.trained_in(t, training);
                let trained = match t.counting.stage {
                    Stage::Completed => trained,
                    Stage::Sent => trained.replacen("được ", "được cử đi ", 1),
                };
                let times = t.counting.tally == Tally::PersonTimes;
                let after = match (times, group.is_empty()) {
                    // "2.000 lượt cán bộ, công chức được bồi dưỡng ..."
                    (true, true) => words(&["lượt cán bộ", &trained]),
                    (true, false) => words(&["lượt", &group, &trained]),
                    (false, true) => trained,
                    (false, false) => words(&[&format!("thuộc {group}"), &trained]),
                };
                let agency = agency.trim();
                let yearly = if t.counting.per_year && self.one_year(t).is_none() { "mỗi năm " } else { "" };
                let pre = match (*per_unit, agency.is_empty()) {
                    (true, true) => format!("{yearly}mỗi đơn vị có "),
                    (true, false) => format!("{yearly}mỗi đơn vị ({agency}) có "),
                    (false, true) => format!("{yearly}có "),
                    (false, false) => format!("{yearly}{agency} có "),
                };
                let at = match (*per_unit, agency.is_empty()) {
                    (_, true) if *per_unit => " ở mỗi đơn vị".to_string(),
                    (_, true) => String::new(),
                    (true, false) => format!(" ở mỗi đơn vị ({agency})"),
                    (false, false) => format!(" tại {agency}"),
                };
                let counted = if times { "số" } else { "số đồng chí" };
                let each_year = if yearly.is_empty() { "" } else { " mỗi năm" };
                Frame {
                    amt: if times { Amt::Plain } else { Amt::Persons },
                    maintain_pre: pre.clone(),
                    pre,
                    head: format!("{counted} {after}{at}{each_year}"),
                    after,
                    suffix: String::new(),
                    // A plan of one year: "Trong năm 2024, …" as its events read, not "Đến năm".
                    lead: self.one_year(t).map(|year| format!("Trong năm {year}")),
                }
            }
            Measure::Events { event, training } => {
                let (verb, noun) = match event {
                    EventKind::Class => ("tổ chức", "lớp bồi dưỡng"),
                    EventKind::DegreeClass => ("mở", "lớp đào tạo"),
                    EventKind::Delegation => ("cử", "đoàn tham gia bồi dưỡng tại nước ngoài"),
                    EventKind::Workshop => ("tổ chức", "hội thảo trao đổi chuyên môn"),
                };
                let training = training.trim();
                let about = if training.is_empty()
                    || (matches!(event, EventKind::Delegation) && fold(training).contains("nuoc ngoai"))
                {
                    String::new()
                } else if *event == EventKind::DegreeClass {
                    // "lớp đào tạo trung cấp lý luận chính trị" (the level, without "về").
                    let level = if fold(training).starts_with("dao tao ") {
                        training.splitn(3, ' ').nth(2).unwrap_or_default()
                    } else {
                        training
                    };
                    lower_first(level.trim())
                } else if *event == EventKind::Class && fold(training).starts_with("boi duong ") {
                    // "Bồi dưỡng kỹ năng …" read from the text: "lớp bồi dưỡng kỹ năng …", not
                    // "lớp bồi dưỡng về bồi dưỡng kỹ năng …".
                    training.splitn(3, ' ').nth(2).unwrap_or_default().trim().to_string()
                } else {
                    format!("về {}", lower_first(training))
                };
                let to = if group.is_empty() { String::new() } else { format!("cho {group}") };
                let after = words(&[noun, &about, &to]);
                match self.one_year(t) {
                    Some(year) => Frame {
                        amt: Amt::Plain,
                        pre: format!("{verb} "),
                        maintain_pre: format!("{verb} "),
                        head: format!("số {after} trong năm {year}"),
                        after,
                        suffix: String::new(),
                        lead: Some(format!("Trong năm {year}")),
                    },
                    None => Frame {
                        amt: Amt::Plain,
                        pre: format!("mỗi năm {verb} "),
                        maintain_pre: format!("mỗi năm {verb} "),
                        head: format!("số {after} mỗi năm"),
                        after,
                        suffix: String::new(),
                        lead: None,
                    },
                }
            }
        };
        self.sentence(t, &frame)
    }

    /// "được bồi dưỡng về A", or with several contents "được đào tạo, bồi dưỡng đủ các nội dung:
    /// a, b và c" / "ít nhất một trong các nội dung: a, b hoặc c".
    fn trained_in(&self, t: &Target, training: &str) -> String {
        if t.counting.contents.is_empty() {
            return trained_phrase(training);
        }
        let all: Vec<String> = std::iter::once(training)
            .chain(t.counting.contents.iter().map(String::as_str))
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(lower_first)
            .collect();
        match t.counting.combine {
            Combine::All => format!("được đào tạo, bồi dưỡng đủ các nội dung: {}", join_and(&all)),
            Combine::Any => format!("được đào tạo, bồi dưỡng ít nhất một trong các nội dung: {}", join_or(&all)),
        }
    }

    /// The year of a target whose period is one year (a plan for 2021): its annual counts are
    /// said "trong năm 2021", not "mỗi năm".
    fn one_year(&self, t: &Target) -> Option<u16> {
        super::score::target_period(self.d, t).filter(|p| p.from == p.to).map(|p| p.from)
    }

    fn since(&self, t: &Target) -> String {
        let start = self.d.start_date().map(|s| s.year);
        match (t.baseline.as_ref().and_then(|b| b.year), start) {
            (Some(y), Some(s)) if y + 1 < s => format!("so với năm {y}"),
            _ => "so với hiện nay".into(),
        }
    }

    fn increase(&self, t: &Target, x: f64, amt: Amt) -> String {
        let n = match amt {
            Amt::Percent => format!("{}%", format_stated(x)),
            Amt::Persons => format!("{} đồng chí", format_count(round_count(x))),
            Amt::Plain => format_count(round_count(x)),
        };
        format!("tăng {n} {}", self.since(t))
    }

    fn sentence(&self, t: &Target, f: &Frame) -> String {
        let ms = &t.milestones;
        let Some(first) = ms.first() else {
            return with_reports(format!("{}{} (theo dõi, chưa đặt mức)", cap_first(&f.head), f.suffix), t);
        };
        let same = ms.iter().all(|m| {
            m.comparator == first.comparator
                && m.value == first.value
                && m.upper == first.upper
                && m.increase == first.increase
        });
        if !same {
            let parts: Vec<String> = ms
                .iter()
                .map(|m| {
                    let body = match (m.value, m.increase) {
                        (Some(_), Some(inc)) => {
                            format!("{} ({})", amount(m, f.amt, true), self.increase(t, inc, f.amt))
                        }
                        (None, Some(inc)) => self.increase(t, inc, f.amt),
                        (None, None) if m.comparator == Comparator::Maintain => kept(m),
                        _ => amount(m, f.amt, true),
                    };
                    let body = if m.comparator == Comparator::Maintain { format!("duy trì {body}") } else { body };
                    format!("năm {}: {body}", m.year)
                })
                .collect();
            return format!("{}{}: {}", cap_first(&f.head), f.suffix, parts.join("; "));
        }
        let years: Vec<u16> = ms.iter().map(|m| m.year).collect();
        let lead = match (t.start_year, years.as_slice()) {
            (Some(from), [to]) if f.lead.is_none() && from < *to => format!("Từ năm {from} đến năm {to}"),
            _ => f.lead.clone().unwrap_or_else(|| by_years(&years)),
        };
        let m = first;
        if t.continuing && m.value.is_some() && m.comparator != Comparator::Maintain {
            // A continuing programme: no deadline to write.
            let since = t.start_year.map(|y| format!("Từ năm {y}, tiếp tục ")).unwrap_or_else(|| "Tiếp tục ".into());
            let amount = amount(m, f.amt, false);
            return format!("{since}{}{amount} {}{} (không có thời hạn)", f.pre, f.after, f.suffix);
        }
        if m.value.is_none() && m.increase.is_none() && m.comparator == Comparator::Maintain {
            return format!("Duy trì {} ở {} {}{}", f.head, kept(m), lower_first(&lead), f.suffix);
        }
        if m.value.is_none() {
            let inc = m.increase.map(|i| self.increase(t, i, f.amt)).unwrap_or_else(|| "chưa có mức".into());
            return format!("{lead}, {} {inc}{}", f.head, f.suffix);
        }
        let amount = amount(m, f.amt, false);
        let inc = m.increase.map(|i| format!(", {}", self.increase(t, i, f.amt))).unwrap_or_default();
        match m.comparator {
            Comparator::Maintain => {
                let until = match &f.lead {
                    Some(l) => format!(" ({})", lower_first(l)),
                    None => format!(" {}", lower_first(&by_years(&years))),
                };
                format!("Duy trì {}{amount} {}{}{until}{inc}", f.maintain_pre, f.after, f.suffix)
            }
            Comparator::AtLeast | Comparator::Above | Comparator::About => {
                format!("{lead}, {}{amount} {}{}{inc}", f.pre, f.after, f.suffix)
            }
        }
    }

    /// The generated sentence of a training need: "Đào tạo trình độ thạc sĩ cho ...: 35 đồng
    /// chí, mỗi năm cử 07 - 08 đồng chí".
    pub fn need(&self, n: &TrainingNeed) -> String {
        let what = match &n.criterion {
            Some(c) => need_phrase(c, self),
            None => "Đào tạo, bồi dưỡng".into(),
        };
        let group = n.group.as_deref().map(|g| format!(" cho {}", self.group_noun(g))).unwrap_or_default();
        let mut s = format!("{what}{group}");
        let mut tail = Vec::new();
        if let Some(p) = n.persons {
            tail.push(format!("{} đồng chí", format_count(p)));
        }
        match (n.per_year_min, n.per_year_max) {
            (Some(a), Some(b)) if a != b => {
                tail.push(format!("mỗi năm cử {} - {} đồng chí", format_count(a), format_count(b)))
            }
            (Some(a), _) | (None, Some(a)) => tail.push(format!("mỗi năm cử {} đồng chí", format_count(a))),
            (None, None) => {}
        }
        if !tail.is_empty() {
            s.push_str(": ");
            s.push_str(&tail.join(", "));
        }
        s
    }

    /// "các phòng cấp tỉnh, trừ ..." (with `each` = "các") or "mỗi sở, ban cấp tỉnh".
    fn units(&self, u: &UnitFilter, each: &str) -> String {
        let f = |id: &str| self.unit_name.and_then(|n| n(id));
        unit_phrase(u, each, &f)
    }

    /// A rule as a noun phrase, not capitalised ("cán bộ, công chức công tác tại ...").
    fn noun(&self, r: &GroupRule) -> String {
        match r {
            GroupRule::Everyone => "mọi cán bộ, công chức, viên chức".into(),
            GroupRule::Group { id } => self.group_noun(id),
            GroupRule::AnyOf { rules } => {
                if rules.is_empty() {
                    return "(chưa có điều kiện)".into();
                }
                join_or(&rules.iter().map(|x| self.noun(x)).collect::<Vec<_>>())
            }
            GroupRule::AllOf { rules } => {
                if rules.is_empty() {
                    return "(chưa có điều kiện)".into();
                }
                let head = rules
                    .iter()
                    .position(|x| matches!(x, GroupRule::Category { .. }))
                    .or_else(|| rules.iter().position(is_nounish))
                    .or(Some(0));
                let mut out = match head {
                    Some(h) => self.noun(&rules[h]),
                    None => "người".into(),
                };
                let quals: Vec<String> = rules
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != head)
                    .map(|(_, x)| self.qual(x))
                    .filter(|q| !q.is_empty())
                    .collect();
                if !quals.is_empty() {
                    let short_head = head.is_some_and(|h| {
                        matches!(
                            rules[h],
                            GroupRule::Category { .. }
                                | GroupRule::Membership { .. }
                                | GroupRule::Group { .. }
                                | GroupRule::Everyone
                        )
                    });
                    out.push_str(if short_head { " " } else { ", " });
                    out.push_str(&quals.join(", "));
                }
                out
            }
            GroupRule::Minus { base, except } if matches!(base.as_ref(), GroupRule::Everyone) => {
                if is_kinh(except) {
                    return "người dân tộc thiểu số".into();
                }
                format!("người {}", self.neg_qual(except))
            }
            GroupRule::Minus { base, except } if self.level_band(base, except).is_some() => {
                let (from, band) = self.level_band(base, except).unwrap_or_default();
                self.noun(base).replacen(&from, &band, 1)
            }
            GroupRule::Minus { .. } => {
                let mut excepts = Vec::new();
                let mut base = r;
                while let GroupRule::Minus { base: b, except } = base {
                    excepts.push(self.noun(except));
                    base = b;
                }
                excepts.reverse();
                let b = self.noun(base);
                if excepts.len() == 1 {
                    format!("{b}, trừ {}", excepts[0])
                } else {
                    format!("{b}, trừ: {}", excepts.join("; "))
                }
            }
            GroupRule::Position { title, leadership, unit } => {
                let unit = unit.as_ref().map(|u| self.units(u, "các"));
                let (standalone, with_unit) = match leadership {
                    Some(Leadership::Head) => ("cấp trưởng", "trưởng"),
                    Some(Leadership::Deputy) => ("cấp trưởng, cấp phó", "trưởng, phó"),
                    Some(Leadership::None) | None => ("", ""),
                };
                match title {
                    Some(t) => {
                        let mut s = title_phrase(t);
                        if !standalone.is_empty() {
                            s = format!("{s} ({standalone})");
                        }
                        if let Some(u) = unit {
                            s = format!("{s} tại {u}");
                        }
                        s
                    }
                    None => match (standalone.is_empty(), unit) {
                        (false, Some(u)) => format!("{with_unit} {u}"),
                        (false, None) => format!("người giữ chức vụ {standalone}"),
                        (true, Some(u)) => format!("người giữ chức vụ tại {u}"),
                        (true, None) => "người giữ chức vụ".into(),
                    },
                }
            }
            GroupRule::Membership { committee, level, term } => {
                let mut s = committee_phrase(*committee, *level);
                if let Some(t) = term {
                    let words: Vec<&str> = t.any_of.iter().map(|w| w.trim()).filter(|w| !w.is_empty()).collect();
                    if !words.is_empty() {
                        s = format!("{s} khóa {}", words.join(", "));
                    }
                }
                s
            }
            GroupRule::WorksIn { unit } => format!("người công tác tại {}", self.units(unit, "các")),
            GroupRule::Category { any_of } => {
                if any_of.is_empty() {
                    "(chưa chọn đối tượng)".into()
                } else {
                    any_of.iter().map(|c| category_noun(*c)).collect::<Vec<_>>().join(", ")
                }
            }
            GroupRule::Gender { gender } => match gender {
                Gender::Female => "cán bộ nữ".into(),
                Gender::Male => "cán bộ nam".into(),
            },
            GroupRule::Local => "người địa phương".into(),
            GroupRule::Ethnicity { any_of } => format!("người dân tộc {}", any_of.join(", ")),
            GroupRule::AgeBelow { .. }
            | GroupRule::AgeAtLeast { .. }
            | GroupRule::PlannedFor { .. }
            | GroupRule::Meets { .. }
            | GroupRule::Label { .. } => {
                format!("người {}", self.qual(r))
            }
            GroupRule::GradeAtLeast { .. } => format!("công chức {}", self.qual(r)),
        }
    }

    /// "cao đẳng trở lên, trừ thạc sĩ trở lên" as the documents write it: the phrase of the
    /// lower level in `base` and the levels from it up to below the excluded one ("có trình
    /// độ cao đẳng, đại học"); `None` unless `except` is a higher level of the same scale
    /// that `base` requires (alone or among all of its conditions).
    fn level_band(&self, base: &GroupRule, except: &GroupRule) -> Option<(String, String)> {
        let level = |r: &GroupRule| match r {
            GroupRule::Meets { criterion } => match criterion.as_ref() {
                c @ Criterion::Level { count_studying: false, .. } => {
                    c.level_rank().map(|(s, rank)| (c.clone(), s, rank))
                }
                _ => None,
            },
            _ => None,
        };
        let (_, scale, upper) = level(except)?;
        let lower = match base {
            GroupRule::AllOf { rules } => {
                let mut found = rules.iter().filter_map(&level).filter(|(_, s, _)| *s == scale);
                let one = found.next()?;
                found.next().is_none().then_some(one)?
            }
            other => level(other)?,
        };
        let (criterion, _, from) = lower;
        if from >= upper {
            return None;
        }
        let phrase = criterion_phrase(&criterion, self);
        let levels = scale.levels();
        let names: Vec<String> =
            levels[from as usize..upper as usize].iter().map(|(code, _)| level_name(scale, code).0).collect();
        let first = format!("{} trở lên", names.first()?);
        phrase.contains(&first).then(|| {
            let band = phrase.replacen(&first, &names.join(", "), 1);
            (phrase, band)
        })
    }

    /// The opposite qualifier ("dưới ngạch cán sự", "không giữ chức vụ ...").
    fn neg_qual(&self, r: &GroupRule) -> String {
        if is_kinh(r) {
            return "là người dân tộc thiểu số".into();
        }
        match r {
            GroupRule::GradeAtLeast { grade } => format!("dưới ngạch {}", lower_first(grade.label())),
            GroupRule::AgeBelow { years, reference_year } => {
                format!("từ {years} tuổi trở lên{}", reference(*reference_year))
            }
            GroupRule::AgeAtLeast { years, reference_year } => {
                format!("dưới {years} tuổi{}", reference(*reference_year))
            }
            _ => format!("không {}", self.qual(r)),
        }
    }

    /// A rule as a qualifier after a noun ("công tác tại ...", "dưới 45 tuổi").
    fn qual(&self, r: &GroupRule) -> String {
        match r {
            GroupRule::Everyone => String::new(),
            GroupRule::Minus { base, except } if matches!(base.as_ref(), GroupRule::Everyone) => self.neg_qual(except),
            GroupRule::Minus { base, except } if matches!(base.as_ref(), GroupRule::Meets { .. }) => {
                match self.level_band(base, except) {
                    Some((_, band)) => band,
                    None => format!("thuộc {}", self.noun(r)),
                }
            }
            GroupRule::Group { .. } | GroupRule::AnyOf { .. } | GroupRule::Minus { .. } => {
                format!("thuộc {}", self.noun(r))
            }
            GroupRule::AllOf { rules } => {
                rules.iter().map(|x| self.qual(x)).filter(|q| !q.is_empty()).collect::<Vec<_>>().join(", ")
            }
            GroupRule::Position { .. } => {
                let n = self.noun(r);
                match n.strip_prefix("người ") {
                    Some(rest) => rest.to_string(),
                    None => format!("là {n}"),
                }
            }
            GroupRule::Membership { .. } | GroupRule::Category { .. } | GroupRule::Ethnicity { .. } => {
                format!("là {}", self.noun(r))
            }
            GroupRule::WorksIn { unit } => format!("công tác tại {}", self.units(unit, "các")),
            GroupRule::AgeBelow { years, reference_year } => format!("dưới {years} tuổi{}", reference(*reference_year)),
            GroupRule::AgeAtLeast { years, reference_year } => {
                format!("từ {years} tuổi trở lên{}", reference(*reference_year))
            }
            GroupRule::GradeAtLeast { grade } => {
                let top = CivilGrade::ALL.last() == Some(grade);
                format!("từ ngạch {}{}", lower_first(grade.label()), if top { "" } else { " trở lên" })
            }
            GroupRule::PlannedFor { title } => match title {
                None => "trong diện quy hoạch".into(),
                Some(t) => format!(
                    "được quy hoạch chức danh {}",
                    t.any_of.iter().map(|w| w.trim()).collect::<Vec<_>>().join(" hoặc ")
                ),
            },
            GroupRule::Gender { gender } => match gender {
                Gender::Female => "là nữ".into(),
                Gender::Male => "là nam".into(),
            },
            GroupRule::Local => "là người địa phương".into(),
            GroupRule::Meets { criterion } => self.criteria(std::slice::from_ref(criterion.as_ref())),
            GroupRule::Label { name, value } => label_phrase(name, value),
        }
    }
}

/// Dân tộc Kinh alone: what is excluded from everyone to say "dân tộc thiểu số".
fn is_kinh(r: &GroupRule) -> bool {
    matches!(r, GroupRule::Ethnicity { any_of } if any_of.len() == 1 && fold(&any_of[0]) == "kinh")
}

/// A sentence of a target without a level, followed by what the document reports of it ("…;
/// theo báo cáo năm 2014: tăng 3,6% so với năm 2010"), so the document's figures are not lost
/// from the generated sentence.
fn with_reports(head: String, t: &Target) -> String {
    let reports = reports_phrase(t);
    if reports.is_empty() {
        head
    } else {
        format!("{head}; {reports}")
    }
}

fn is_nounish(r: &GroupRule) -> bool {
    match r {
        GroupRule::Everyone
        | GroupRule::Group { .. }
        | GroupRule::AnyOf { .. }
        | GroupRule::Minus { .. }
        | GroupRule::Position { .. }
        | GroupRule::Membership { .. }
        | GroupRule::Category { .. }
        | GroupRule::Ethnicity { .. } => true,
        GroupRule::AllOf { .. }
        | GroupRule::WorksIn { .. }
        | GroupRule::AgeBelow { .. }
        | GroupRule::AgeAtLeast { .. }
        | GroupRule::GradeAtLeast { .. }
        | GroupRule::PlannedFor { .. }
        | GroupRule::Gender { .. }
        | GroupRule::Local
        | GroupRule::Meets { .. }
        | GroupRule::Label { .. } => false,
    }
}

fn reference(y: Option<u16>) -> String {
    y.map(|y| format!(" (tính đến năm {y})")).unwrap_or_default()
}

/// "ít nhất 50%", "20-25%", "03 - 05 đồng chí", "trên 40%", "khoảng 145 đồng chí", "100%".
/// With `listing`, "ít nhất" is left out (the listing form: "năm 2026: 40%; năm 2030: 50%").
fn amount(m: &Milestone, amt: Amt, listing: bool) -> String {
    let num = |x: f64| match amt {
        Amt::Percent => format_stated(x),
        Amt::Persons | Amt::Plain => format_count(round_count(x)),
    };
    let Some(a) = m.value else { return String::new() };
    let body = match (m.upper, amt) {
        (Some(b), Amt::Percent) => format!("{}-{}%", num(a), num(b)),
        (Some(b), Amt::Persons) => format!("{} - {} đồng chí", num(a), num(b)),
        (Some(b), Amt::Plain) => format!("{} - {}", num(a), num(b)),
        (None, Amt::Percent) => format!("{}%", num(a)),
        (None, Amt::Persons) => format!("{} đồng chí", num(a)),
        (None, Amt::Plain) => num(a),
    };
    let head = match m.comparator {
        Comparator::AtLeast => {
            if listing || m.upper.is_some() || (amt == Amt::Percent && a >= 100.0) {
                ""
            } else {
                "ít nhất "
            }
        }
        Comparator::Above => "trên ",
        Comparator::About => "khoảng ",
        Comparator::Maintain => "",
    };
    format!("{head}{body}")
}

/// A "duy trì" milestone without a number: "mức đã đạt của chỉ tiêu “t_dh” (văn bản
/// 05-NQ/TU)", or "mức đã đạt" (of the previous milestone).
fn kept(m: &Milestone) -> String {
    match &m.reached {
        Some(r) if !r.directive.trim().is_empty() => {
            format!("mức đã đạt của chỉ tiêu “{}” (văn bản {})", r.target.trim(), r.directive.trim())
        }
        Some(r) => format!("mức đã đạt của chỉ tiêu “{}”", r.target.trim()),
        None => "mức đã đạt".into(),
    }
}

/// "Đến năm 2025", "Đến năm 2021 và năm 2026", "Đến các năm 2024, 2025 và 2026".
fn by_years(years: &[u16]) -> String {
    match years {
        [] => "Hiện nay".into(),
        [y] => format!("Đến năm {y}"),
        [a, b] => format!("Đến năm {a} và năm {b}"),
        _ => format!("Đến các năm {}", join_vi(&years.iter().map(u16::to_string).collect::<Vec<_>>())),
    }
}

/// "được bồi dưỡng ..." when the training names the activity, else "được đào tạo, bồi dưỡng về
/// ...".
fn trained_phrase(training: &str) -> String {
    let t = training.trim();
    if t.is_empty() {
        return "được đào tạo, bồi dưỡng".into();
    }
    let f = fold(t);
    if let Some(rest) = f.starts_with("duoc ").then(|| t.split_once(' ').map_or("", |x| x.1)) {
        return format!("được {}", lower_first(rest));
    }
    if f.starts_with("dao tao")
        || f.starts_with("boi duong")
        || f.starts_with("cap nhat")
        || f.starts_with("hoan thanh")
    {
        format!("được {}", lower_first(t))
    } else {
        format!("được đào tạo, bồi dưỡng về {}", lower_first(t))
    }
}

fn level_name(scale: Scale, code: &str) -> (String, bool) {
    let levels = scale.levels();
    // Cử nhân chính trị ranks with cao cấp: "cao cấp" already says the top of the scale.
    let top = levels.last().is_some_and(|(c, _)| *c == code) || (scale == Scale::Political && code == "cao_cap");
    let name = match levels.iter().find(|(c, _)| *c == code) {
        Some((_, label)) => {
            let short = match (scale, code) {
                (Scale::Political, "cao_cap") => "cao cấp",
                _ => label,
            };
            lower_first(short)
        }
        None => code.to_string(),
    };
    (name, top)
}

fn criterion_phrase(c: &Criterion, dd: &Describer) -> String {
    match c {
        Criterion::Level { scale, level, count_studying } => {
            let (name, top) = level_name(*scale, level);
            let up = if top { "" } else { " trở lên" };
            let mut s = match scale {
                Scale::Professional => format!("có trình độ {name}{up}"),
                Scale::Political => format!("có trình độ lý luận chính trị {name}{up}"),
                Scale::StateManagement => format!("đã qua bồi dưỡng quản lý nhà nước chương trình {name}{up}"),
                Scale::ForeignLanguage => format!("có trình độ ngoại ngữ {name}{up}"),
                Scale::InformationTechnology => format!("có trình độ tin học {name}{up}"),
                Scale::DefenceSecurity => format!("đã qua bồi dưỡng kiến thức quốc phòng - an ninh {name}{up}"),
            };
            if *count_studying {
                s.push_str(" (kể cả đang học)");
            }
            s
        }
        Criterion::MinorityLanguage => "sử dụng được tiếng dân tộc thiểu số tại địa bàn công tác".into(),
        Criterion::LaoLanguage => "sử dụng được tiếng Lào".into(),
        Criterion::Field { field } => {
            let w: Vec<&str> = field.any_of.iter().map(|w| w.trim()).filter(|w| !w.is_empty()).collect();
            format!("được đào tạo chuyên ngành {}", w.join(", "))
        }
        Criterion::Person { rule } => dd.qual(rule),
        Criterion::Standard { standard, above, scales, count_studying, planned } => {
            let mut s = String::from(if *above { "đạt trên chuẩn" } else { "đạt chuẩn" });
            if !scales.is_empty() {
                let names: Vec<String> = scales.iter().map(|x| lower_first(x.label())).collect();
                s.push_str(" về ");
                s.push_str(&join_and(&names));
            }
            s.push_str(" theo ");
            s.push_str(dd.d.standard(standard).map_or("quy định", |t| t.wording()));
            if *planned {
                s.push_str(" của chức danh quy hoạch");
            }
            if *count_studying {
                s.push_str(" (kể cả đang học)");
            }
            s
        }
    }
}

fn criteria_phrase(cs: &[Criterion], dd: &Describer) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in cs {
        let p = criterion_phrase(c, dd);
        let p = match parts.last() {
            Some(prev) if prev.starts_with("có trình độ ") && p.starts_with("có trình độ ") => {
                p["có ".len()..].to_string()
            }
            Some(prev) if prev.starts_with("đã qua bồi dưỡng ") && p.starts_with("đã qua bồi dưỡng ") => {
                p["đã qua ".len()..].to_string()
            }
            _ => p,
        };
        parts.push(p);
    }
    join_and(&parts)
}

/// "Đào tạo trình độ thạc sĩ", "Bồi dưỡng quản lý nhà nước chương trình chuyên viên".
fn need_phrase(c: &Criterion, d: &Describer) -> String {
    match c {
        Criterion::Level { scale, level, .. } => {
            let (name, _) = level_name(*scale, level);
            match scale {
                Scale::Professional => format!("Đào tạo trình độ {name}"),
                Scale::Political => format!("Đào tạo lý luận chính trị {name}"),
                Scale::StateManagement => format!("Bồi dưỡng quản lý nhà nước chương trình {name}"),
                Scale::ForeignLanguage => format!("Bồi dưỡng ngoại ngữ {name}"),
                Scale::InformationTechnology => format!("Bồi dưỡng tin học {name}"),
                Scale::DefenceSecurity => format!("Bồi dưỡng kiến thức quốc phòng - an ninh {name}"),
            }
        }
        Criterion::MinorityLanguage => "Bồi dưỡng tiếng dân tộc thiểu số".into(),
        Criterion::LaoLanguage => "Bồi dưỡng tiếng Lào".into(),
        Criterion::Field { .. } | Criterion::Person { .. } | Criterion::Standard { .. } => {
            format!("Đào tạo, bồi dưỡng để {}", d.criteria(std::slice::from_ref(c)))
        }
    }
}

fn committee_phrase(c: Committee, level: Option<GovLevel>) -> String {
    let place = |l: GovLevel| match l {
        GovLevel::Province => "tỉnh",
        GovLevel::District => "huyện",
        GovLevel::Commune => "xã",
    };
    let party = |l: GovLevel| match l {
        GovLevel::Province => "Tỉnh ủy",
        GovLevel::District => "Huyện ủy",
        GovLevel::Commune => "Đảng ủy xã",
    };
    match (c, level) {
        (Committee::ExecutiveCommittee, Some(l)) => format!("Ủy viên Ban Chấp hành Đảng bộ {}", place(l)),
        (Committee::ExecutiveCommittee, None) => "Ủy viên Ban Chấp hành Đảng bộ các cấp".into(),
        (Committee::StandingCommittee, Some(l)) => format!("Ủy viên Ban Thường vụ {}", party(l)),
        (Committee::StandingCommittee, None) => "Ủy viên Ban Thường vụ cấp ủy các cấp".into(),
        (Committee::InspectionCommittee, Some(l)) => format!("Ủy viên Ủy ban Kiểm tra {}", party(l)),
        (Committee::InspectionCommittee, None) => "Ủy viên Ủy ban Kiểm tra các cấp".into(),
        (Committee::PeoplesCouncil, Some(l)) => format!("Đại biểu HĐND {}", place(l)),
        (Committee::PeoplesCouncil, None) => "Đại biểu HĐND các cấp".into(),
    }
}

fn category_noun(c: Category) -> &'static str {
    match c {
        Category::Cadre => "cán bộ",
        Category::CivilServant => "công chức",
        Category::PublicEmployee => "viên chức",
        Category::PartTime => "người hoạt động không chuyên trách",
        Category::CouncilDelegate => "đại biểu HĐND",
        Category::Contract => "người làm việc theo hợp đồng",
    }
}

fn kind_noun(k: UnitKind) -> &'static str {
    match k {
        UnitKind::Party => "cơ quan Đảng",
        UnitKind::Government => "chính quyền",
        UnitKind::Front => "Mặt trận Tổ quốc",
        UnitKind::MassOrganisation => "đoàn thể",
        UnitKind::PublicService => "đơn vị sự nghiệp",
        UnitKind::Vertical => "ngành dọc",
    }
}

fn region_noun(r: Region) -> &'static str {
    match r {
        Region::Urban => "đô thị",
        Region::Lowland => "đồng bằng",
        Region::Mountain => "miền núi",
    }
}

fn level_noun(l: GovLevel) -> &'static str {
    match l {
        GovLevel::Province => "tỉnh",
        GovLevel::District => "huyện",
        GovLevel::Commune => "xã",
    }
}

fn quoted(words: &[String]) -> String {
    words.iter().map(|w| w.trim()).filter(|w| !w.is_empty()).map(|w| format!("“{w}”")).collect::<Vec<_>>().join(", ")
}

/// Single words ("Sở", "Ban", "Phòng") become the unit noun ("sở, ban").
fn simple_names(m: &TextMatch) -> Option<String> {
    let words: Vec<&str> = m.any_of.iter().map(|w| w.trim()).filter(|w| !w.is_empty()).collect();
    let simple = !words.is_empty()
        && m.how != MatchHow::Contains
        && m.none_of.is_empty()
        && words.iter().all(|w| !w.contains(' '));
    simple.then(|| words.iter().map(|w| lower_first(w)).collect::<Vec<_>>().join(", "))
}

fn name_clause(m: &TextMatch) -> String {
    let how = match m.how {
        MatchHow::Contains => "tên có chữ",
        MatchHow::StartsWith => "tên bắt đầu bằng",
        MatchHow::Equals => "tên là",
    };
    let mut s = format!("{how} {}", quoted(&m.any_of));
    if !m.none_of.is_empty() {
        s.push_str(&format!(" (trừ tên có {})", quoted(&m.none_of)));
    }
    s
}

fn unit_phrase(u: &UnitFilter, each: &str, names: &dyn Fn(&str) -> Option<String>) -> String {
    let simple = u.name.as_ref().and_then(simple_names);
    let mut s = format!("{each} {}", simple.clone().unwrap_or_else(|| "đơn vị".into()));
    if !u.levels.is_empty() {
        s.push_str(&format!(" cấp {}", u.levels.iter().map(|l| level_noun(*l)).collect::<Vec<_>>().join(", ")));
    }
    if !u.kinds.is_empty() {
        s.push_str(&format!(" thuộc khối {}", u.kinds.iter().map(|k| kind_noun(*k)).collect::<Vec<_>>().join(", ")));
    }
    if !u.regions.is_empty() {
        s.push_str(&format!(" vùng {}", u.regions.iter().map(|r| region_noun(*r)).collect::<Vec<_>>().join(", ")));
    }
    if let Some(w) = u.within.as_deref() {
        match names(w) {
            Some(n) => s.push_str(&format!(" thuộc {n}")),
            None => s.push_str(" thuộc đơn vị đã chọn"),
        }
    }
    let mut notes = Vec::new();
    if let (Some(n), None) = (&u.name, &simple) {
        notes.push(name_clause(n));
    }
    let mut excepts = Vec::new();
    if !u.exclude_kinds.is_empty() {
        excepts.push(format!("các {}", u.exclude_kinds.iter().map(|k| kind_noun(*k)).collect::<Vec<_>>().join(", ")));
    }
    if let Some(x) = &u.exclude_name {
        match simple_names(x) {
            Some(n) => excepts.push(format!("các {n}")),
            None => excepts.push(format!("đơn vị {}", name_clause(x))),
        }
    }
    if !excepts.is_empty() {
        notes.push(format!("trừ {}", excepts.join(", ")));
    }
    if !notes.is_empty() {
        s.push_str(&format!(" ({})", notes.join("; ")));
    }
    s
}

/// "có nhãn “Nhóm” là “1.3” hoặc “1.4”".
fn label_phrase(name: &str, value: &TextMatch) -> String {
    let how = match value.how {
        MatchHow::Equals => "là",
        MatchHow::Contains => "có chữ",
        MatchHow::StartsWith => "bắt đầu bằng",
    };
    let values: Vec<String> =
        value.any_of.iter().map(|w| w.trim()).filter(|w| !w.is_empty()).map(|w| format!("“{w}”")).collect();
    let mut s = format!("có nhãn “{}” {how} {}", name.trim(), values.join(" hoặc "));
    if !value.none_of.is_empty() {
        s.push_str(&format!(" (trừ giá trị có chữ {})", quoted(&value.none_of)));
    }
    s
}

fn title_phrase(t: &TextMatch) -> String {
    let words: Vec<String> = t.any_of.iter().map(|w| w.trim().to_string()).filter(|w| !w.is_empty()).collect();
    let mut s = match t.how {
        MatchHow::Contains => format!(
            "người giữ chức danh có chữ {}",
            words.iter().map(|w| format!("“{w}”")).collect::<Vec<_>>().join(" hoặc ")
        ),
        MatchHow::StartsWith | MatchHow::Equals => words.join(", "),
    };
    if !t.none_of.is_empty() {
        s.push_str(&format!(" (trừ chức danh có chữ {})", quoted(&t.none_of)));
    }
    s
}

/// Joins words with single spaces, skipping empty ones.
fn words(parts: &[&str]) -> String {
    parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

/// "a", "a và b", "a, b và c"; parts holding commas are joined with "; ".
fn join_vi(parts: &[String]) -> String {
    if parts.iter().any(|p| p.contains(',')) {
        return parts.join("; ");
    }
    join_and(parts)
}

/// "a", "a hoặc b", "a, b hoặc c" (a union: who is in any); parts holding commas are set
/// apart with "; ".
fn join_or(parts: &[String]) -> String {
    let sep = if parts.iter().any(|p| p.contains(',')) { "; " } else { ", " };
    match parts {
        [] => String::new(),
        [a] => a.clone(),
        [init @ .., last] => format!("{}{} hoặc {last}", init.join(sep), sep.trim_end().trim_end_matches(',')),
    }
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [a] => a.clone(),
        [init @ .., last] => format!("{} và {last}", init.join(", ")),
    }
}

/// Lowercases the first letter unless the first word is an acronym ("HĐND", "UBND").
pub fn lower_first(s: &str) -> String {
    let first_word = s.split_whitespace().next().unwrap_or("");
    let letters: Vec<char> = first_word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return s.to_string();
    }
    let mut it = s.chars();
    match it.next() {
        Some(c) => c.to_lowercase().chain(it).collect(),
        None => String::new(),
    }
}

/// Uppercases the first letter.
pub fn cap_first(s: &str) -> String {
    let mut it = s.chars();
    match it.next() {
        Some(c) => c.to_uppercase().chain(it).collect(),
        None => String::new(),
    }
}

/// A group name placed mid-sentence: common nouns lose their capital ("Công chức cấp tỉnh" →
/// "công chức cấp tỉnh"); titles keep theirs ("Ủy viên Ban Chấp hành ...").
fn decap(name: &str) -> String {
    const COMMON: &[&str] = &[
        "can bo",
        "cong chuc",
        "vien chuc",
        "nguoi",
        "lanh dao",
        "cac ",
        "nhung ",
        "toan ",
        "tat ca",
        "doi ngu",
        "giang vien",
        "hoc vien",
        "dai bieu",
        "chuc danh",
        "truong, pho",
        "moi ",
    ];
    let f = fold(name);
    let second_lower = name.split_whitespace().nth(1).and_then(|w| w.chars().next()).is_some_and(char::is_lowercase);
    if COMMON.iter().any(|c| f.starts_with(c)) || ((f.starts_with("truong ") || f.starts_with("pho ")) && second_lower)
    {
        lower_first(name)
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directive::target::{Reached, Reported, StatedBaseline};
    use crate::directive::{DirectiveKind, Period};

    fn d() -> Directive {
        let mut d = Directive::blank("d1".into(), DirectiveKind::Scheme);
        d.period = Some(Period { from: 2021, to: 2025 });
        d.groups = vec![
            Group {
                id: "bch".into(),
                name: "Ủy viên Ban Chấp hành Đảng bộ huyện".into(),
                rule: GroupRule::Membership {
                    committee: Committee::ExecutiveCommittee,
                    level: Some(GovLevel::District),
                    term: None,
                },
                stated_count: None,
                stated_bound: Default::default(),
                stated_by_year: Vec::new(),
                note: String::new(),
            },
            Group {
                id: "cc".into(),
                name: "Công chức".into(),
                rule: GroupRule::Category { any_of: vec![Category::CivilServant] },
                stated_count: None,
                stated_bound: Default::default(),
                stated_by_year: Vec::new(),
                note: String::new(),
            },
            Group {
                id: "ld".into(),
                name: "Lãnh đạo, quản lý cấp huyện".into(),
                rule: GroupRule::Everyone,
                stated_count: None,
                stated_bound: Default::default(),
                stated_by_year: Vec::new(),
                note: String::new(),
            },
        ];
        d
    }

    fn lvl(scale: Scale, level: &str, studying: bool) -> Criterion {
        Criterion::Level { scale, level: level.into(), count_studying: studying }
    }

    fn ms(year: u16, cmp: Comparator, value: Option<f64>, upper: Option<f64>, increase: Option<f64>) -> Milestone {
        Milestone { year, comparator: cmp, value, upper, increase, reached: None }
    }

    fn target(group: &str, measure: Measure, milestones: Vec<Milestone>) -> Target {
        Target {
            id: "t1".into(),
            sentence: String::new(),
            group: (!group.is_empty()).then(|| group.to_string()),
            measure,
            milestones,
            start_year: None,
            continuing: false,
            counting: Default::default(),
            baseline: None,
            reported: Vec::new(),
            tier_of: None,
            note: String::new(),
        }
    }

    #[test]
    fn share_at_least_with_studying() {
        let t = target(
            "bch",
            Measure::Share { criteria: vec![lvl(Scale::Professional, "thac_si", true)] },
            vec![ms(2025, Comparator::AtLeast, Some(50.0), None, None)],
        );
        assert_eq!(
            describe_target(&t, &d()),
            "Đến năm 2025, ít nhất 50% Ủy viên Ban Chấp hành Đảng bộ huyện có trình độ thạc sĩ trở lên (kể cả đang học)"
        );
    }

    #[test]
    fn share_with_increase_and_increase_only() {
        let mut t = target(
            "bch",
            Measure::Share { criteria: vec![lvl(Scale::Professional, "thac_si", false)] },
            vec![ms(2025, Comparator::AtLeast, Some(50.0), None, Some(17.0))],
        );
        assert_eq!(
            describe_target(&t, &d()),
            "Đến năm 2025, ít nhất 50% Ủy viên Ban Chấp hành Đảng bộ huyện có trình độ thạc sĩ trở lên, tăng 17% so với hiện nay"
        );
        t.milestones[0].value = None;
        t.baseline = Some(StatedBaseline {
            value: 33.3,
            bound: Default::default(),
            year: Some(2020),
            numerator: None,
            denominator: None,
        });
        assert_eq!(
            describe_target(&t, &d()),
            "Đến năm 2025, tỷ lệ Ủy viên Ban Chấp hành Đảng bộ huyện có trình độ thạc sĩ trở lên tăng 17% so với hiện nay"
        );
        t.baseline.as_mut().unwrap().year = Some(2010);
        assert!(describe_target(&t, &d()).ends_with("tăng 17% so với năm 2010"));
    }

    #[test]
    fn maintain_hundred_percent() {
        let t = target(
            "ld",
            Measure::Share { criteria: vec![lvl(Scale::Political, "cao_cap", false)] },
            vec![ms(2025, Comparator::Maintain, Some(100.0), None, None)],
        );
        assert_eq!(
            describe_target(&t, &d()),
            "Duy trì 100% lãnh đạo, quản lý cấp huyện có trình độ lý luận chính trị cao cấp đến năm 2025"
        );
    }

    #[test]
    fn ranges_above_about_and_compound() {
        let t = target(
            "cc",
            Measure::Share {
                criteria: vec![lvl(Scale::Professional, "dai_hoc", false), lvl(Scale::Political, "cao_cap", false)],
            },
            vec![ms(2020, Comparator::AtLeast, Some(20.0), Some(25.0), None)],
        );
        assert_eq!(
            describe_target(&t, &d()),
            "Đến năm 2020, 20-25% công chức có trình độ đại học trở lên và trình độ lý luận chính trị cao cấp"
        );
        let t = target(
            "cc",
            Measure::Share { criteria: vec![lvl(Scale::StateManagement, "chuyen_vien", false)] },
            vec![ms(2025, Comparator::Above, Some(40.0), None, None)],
        );
        assert_eq!(
            describe_target(&t, &d()),
            "Đến năm 2025, trên 40% công chức đã qua bồi dưỡng quản lý nhà nước chương trình chuyên viên trở lên"
        );
        let t = target(
            "cc",
            Measure::Share {
                criteria: vec![
                    lvl(Scale::InformationTechnology, "co_ban", false),
                    lvl(Scale::ForeignLanguage, "bac_2", false),
                ],
            },
            vec![ms(2025, Comparator::About, Some(33.3), None, None)],
        );
        assert_eq!(
            describe_target(&t, &d()),
            "Đến năm 2025, khoảng 33,3% công chức có trình độ tin học cơ bản trở lên và trình độ ngoại ngữ bậc 2 (A2) trở lên"
        );
    }

    #[test]
    fn several_deadlines() {
        let t = target(
            "ld",
            Measure::Share { criteria: vec![lvl(Scale::Professional, "thac_si", false)] },
            vec![
                ms(2026, Comparator::AtLeast, Some(40.0), None, None),
                ms(2030, Comparator::AtLeast, Some(50.0), None, None),
            ],
        );
        assert_eq!(
            describe_target(&t, &d()),
            "Tỷ lệ lãnh đạo, quản lý cấp huyện có trình độ thạc sĩ trở lên: năm 2026: 40%; năm 2030: 50%"
        );
    }

    #[test]
    fn per_unit_lao_language() {
        let units = UnitFilter { name: Some(TextMatch::starts_with(&["Sở"])), ..Default::default() };
        let t = target(
            "cc",
            Measure::PerUnit { units: Box::new(units), criteria: vec![Criterion::LaoLanguage] },
            vec![ms(2020, Comparator::AtLeast, Some(3.0), Some(5.0), None)],
        );
        assert_eq!(describe_target(&t, &d()), "Đến năm 2020, mỗi sở có 03 - 05 công chức sử dụng được tiếng Lào");
    }

    #[test]
    fn counts_and_monitoring() {
        let t = target(
            "bch",
            Measure::Count { criteria: vec![lvl(Scale::Professional, "tien_si", false)] },
            vec![ms(2025, Comparator::AtLeast, Some(7.0), None, None)],
        );
        assert_eq!(
            describe_target(&t, &d()),
            "Đến năm 2025, có ít nhất 07 đồng chí Ủy viên Ban Chấp hành Đảng bộ huyện có trình độ tiến sĩ"
        );
        let t = target("bch", Measure::Share { criteria: vec![lvl(Scale::Professional, "dai_hoc", false)] }, vec![]);
        assert_eq!(
            describe_target(&t, &d()),
            "Tỷ lệ Ủy viên Ban Chấp hành Đảng bộ huyện có trình độ đại học trở lên (theo dõi, chưa đặt mức)"
        );
    }

    #[test]
    fn record_based_kinds() {
        let t = target(
            "cc",
            Measure::Trained {
                training: "Bồi dưỡng cập nhật kiến thức, kỹ năng".into(), window: Window::Year
            },
            vec![ms(2020, Comparator::AtLeast, Some(60.0), None, None)],
        );
        assert_eq!(
            describe_target(&t, &d()),
            "Đến năm 2020, hằng năm có ít nhất 60% công chức được bồi dưỡng cập nhật kiến thức, kỹ năng"
        );
        let t = target(
            "cc",
            Measure::Trained {
                training: "Bồi dưỡng, cập nhật kiến thức".into(), window: Window::Years { years: 2 }
            },
            vec![ms(2020, Comparator::AtLeast, Some(100.0), None, None)],
        );
        assert_eq!(
            describe_target(&t, &d()),
            "Đến năm 2020, 100% công chức được bồi dưỡng, cập nhật kiến thức (ít nhất 1 lần trong 2 năm)"
        );
        let t = target(
            "cc",
            Measure::Trained {
                training: "Bồi dưỡng theo tiêu chuẩn chức danh nghề nghiệp".into(),
                window: Window::Period { from: 2016, to: 2020 },
            },
            vec![ms(2020, Comparator::AtLeast, Some(60.0), None, None)],
        );
        assert_eq!(
            describe_target(&t, &d()),
            "Giai đoạn 2016 - 2020, ít nhất 60% công chức được bồi dưỡng theo tiêu chuẩn chức danh nghề nghiệp"
        );
        let t = target(
            "",
            Measure::Completions {
                training: "Trung cấp lý luận chính trị - hành chính".into(),
                agency: String::new(),
                per_unit: false,
            },
            vec![ms(2021, Comparator::About, Some(460.0), None, None)],
        );
        assert_eq!(
            describe_target(&t, &d()),
            "Trong năm 2021, có khoảng 460 đồng chí được đào tạo, bồi dưỡng về trung cấp lý luận chính trị - hành chính"
        );
        let t = target(
            "cc",
            Measure::Completions {
                training: "Đào tạo sau đại học".into(),
                agency: "Sở Xây dựng".into(),
                per_unit: false,
            },
            vec![ms(2026, Comparator::AtLeast, Some(2.0), None, None)],
        );
        assert_eq!(
            describe_target(&t, &d()),
            "Đến năm 2026, Sở Xây dựng có ít nhất 02 đồng chí thuộc công chức được đào tạo sau đại học"
        );
        let t = target(
            "ld",
            Measure::Events { event: EventKind::Class, training: "Chuyển đổi số".into() },
            vec![
                ms(2024, Comparator::AtLeast, Some(1.0), None, None),
                ms(2025, Comparator::AtLeast, Some(1.0), None, None),
            ],
        );
        assert_eq!(
            describe_target(&t, &d()),
            "Đến năm 2024 và năm 2025, mỗi năm tổ chức ít nhất 01 lớp bồi dưỡng về chuyển đổi số cho lãnh đạo, quản lý cấp huyện"
        );
        let t = target(
            "ld",
            Measure::Events { event: EventKind::Class, training: "Bồi dưỡng kỹ năng lãnh đạo".into() },
            vec![ms(2025, Comparator::AtLeast, Some(2.0), None, None)],
        );
        assert_eq!(
            describe_target(&t, &d()),
            "Đến năm 2025, mỗi năm tổ chức ít nhất 02 lớp bồi dưỡng kỹ năng lãnh đạo cho lãnh đạo, quản lý cấp huyện"
        );
        let t = target("", Measure::Directional, vec![]);
        assert_eq!(describe_target(&t, &d()), "Chỉ tiêu định hướng (không chấm điểm)");
        // A plan for one year says "trong năm 2021", never "mỗi năm" or "hằng năm".
        let mut plan = d();
        plan.period = Some(Period { from: 2021, to: 2021 });
        let t = target(
            "ld",
            Measure::Events { event: EventKind::Class, training: "Chuyển đổi số".into() },
            vec![ms(2021, Comparator::AtLeast, Some(2.0), None, None)],
        );
        assert_eq!(
            describe_target(&t, &plan),
            "Trong năm 2021, tổ chức ít nhất 02 lớp bồi dưỡng về chuyển đổi số cho lãnh đạo, quản lý cấp huyện"
        );
        let t = target(
            "cc",
            Measure::Trained { training: "Bồi dưỡng cập nhật kiến thức".into(), window: Window::Year },
            vec![ms(2021, Comparator::AtLeast, Some(60.0), None, None)],
        );
        assert_eq!(
            describe_target(&t, &plan),
            "Trong năm 2021, có ít nhất 60% công chức được bồi dưỡng cập nhật kiến thức"
        );
        // Degree classes are "lớp đào tạo", not "lớp bồi dưỡng".
        let t = target(
            "",
            Measure::Events {
                event: EventKind::DegreeClass,
                training: "Đào tạo trung cấp lý luận chính trị - hành chính".into(),
            },
            vec![ms(2021, Comparator::AtLeast, Some(3.0), None, None)],
        );
        assert_eq!(
            describe_target(&t, &plan),
            "Trong năm 2021, mở ít nhất 03 lớp đào tạo trung cấp lý luận chính trị - hành chính"
        );
    }

    #[test]
    fn record_counting_kinds_in_the_documents_wording() {
        let completions =
            |training: &str| Measure::Completions { training: training.into(), agency: String::new(), per_unit: false };
        // Lượt.
        let mut t = target(
            "cc",
            completions("Bồi dưỡng kiến thức quốc phòng - an ninh"),
            vec![ms(2025, Comparator::About, Some(2000.0), None, None)],
        );
        t.counting.tally = Tally::PersonTimes;
        assert_eq!(
            describe_target(&t, &d()),
            "Đến năm 2025, có khoảng 2.000 lượt công chức được bồi dưỡng kiến thức quốc phòng - an ninh"
        );
        // Cử đi, mỗi năm.
        let mut t =
            target("", completions("Đào tạo thạc sĩ"), vec![ms(2025, Comparator::AtLeast, Some(7.0), None, None)]);
        t.counting.stage = Stage::Sent;
        t.counting.per_year = true;
        assert_eq!(
            describe_target(&t, &d()),
            "Đến năm 2025, mỗi năm có ít nhất 07 đồng chí được cử đi đào tạo thạc sĩ"
        );
        // Own start year; continuing.
        let mut t =
            target("", completions("Đào tạo thạc sĩ"), vec![ms(2025, Comparator::AtLeast, Some(200.0), None, None)]);
        t.start_year = Some(2018);
        assert_eq!(describe_target(&t, &d()), "Từ năm 2018 đến năm 2025, có ít nhất 200 đồng chí được đào tạo thạc sĩ");
        t.continuing = true;
        assert_eq!(
            describe_target(&t, &d()),
            "Từ năm 2018, tiếp tục có ít nhất 200 đồng chí được đào tạo thạc sĩ (không có thời hạn)"
        );
        // Several contents: all, any.
        let mut t = target(
            "cc",
            Measure::Trained {
                training: "Quốc phòng - an ninh".into(),
                window: Window::Period { from: 2021, to: 2025 },
            },
            vec![ms(2025, Comparator::AtLeast, Some(100.0), None, None)],
        );
        t.counting.contents = vec!["Tin học".into(), "Ngoại ngữ".into()];
        t.counting.combine = Combine::All;
        assert_eq!(
            describe_target(&t, &d()),
            "Giai đoạn 2021 - 2025, 100% công chức được đào tạo, bồi dưỡng đủ các nội dung: quốc phòng - an ninh, tin học và ngoại ngữ"
        );
        t.counting.combine = Combine::Any;
        assert!(describe_target(&t, &d())
            .ends_with("ít nhất một trong các nội dung: quốc phòng - an ninh, tin học hoặc ngoại ngữ"));
        // Duy trì mức đã đạt: of the previous milestone, of another directive's target.
        let mut t = target(
            "",
            completions("Đào tạo thạc sĩ"),
            vec![
                ms(2025, Comparator::Maintain, Some(3.0), None, None),
                ms(2030, Comparator::Maintain, None, None, None),
            ],
        );
        assert_eq!(
            describe_target(&t, &d()),
            "Số đồng chí được đào tạo thạc sĩ: năm 2025: duy trì 03 đồng chí; năm 2030: duy trì mức đã đạt"
        );
        t.milestones.remove(0);
        t.milestones[0].reached = Some(Reached { directive: "05-NQ/TU".into(), target: "t_ths".into() });
        assert_eq!(
            describe_target(&t, &d()),
            "Duy trì số đồng chí được đào tạo thạc sĩ ở mức đã đạt của chỉ tiêu “t_ths” (văn bản 05-NQ/TU) đến năm 2030"
        );
        let mut t = target(
            "ld",
            Measure::Events { event: EventKind::Delegation, training: "Bồi dưỡng tại nước ngoài".into() },
            vec![],
        );
        t.reported = vec![Reported { value: Some(2.0), ..Reported::of_year(2025) }];
        assert_eq!(
            describe_target(&t, &d()),
            "Số đoàn tham gia bồi dưỡng tại nước ngoài cho lãnh đạo, quản lý cấp huyện mỗi năm (theo dõi, chưa đặt mức); theo báo cáo năm 2025: 02 đoàn"
        );
        let mut t = target("", Measure::Directional, vec![]);
        t.reported = vec![Reported { change: Some(14.9), since_year: Some(2010), ..Reported::of_year(2014) }];
        assert_eq!(
            describe_target(&t, &d()),
            "Chỉ tiêu định hướng (không chấm điểm); theo báo cáo năm 2014: tăng 14,9% so với năm 2010"
        );
    }

    #[test]
    fn group_rules_in_words() {
        let dd = d();
        let r = GroupRule::Position {
            title: None,
            leadership: Some(Leadership::Deputy),
            unit: Some(UnitFilter {
                levels: vec![GovLevel::District],
                name: Some(TextMatch::starts_with(&["Phòng"])),
                ..Default::default()
            }),
        }
        .minus(GroupRule::Group { id: "bch".into() });
        assert_eq!(describe_rule(&r, &dd), "Trưởng, phó các phòng cấp huyện, trừ Ủy viên Ban Chấp hành Đảng bộ huyện");
        let r = GroupRule::AllOf {
            rules: vec![
                GroupRule::WorksIn { unit: UnitFilter { levels: vec![GovLevel::Commune], ..Default::default() } },
                GroupRule::Category { any_of: vec![Category::Cadre, Category::CivilServant] },
            ],
        };
        assert_eq!(describe_rule(&r, &dd), "Cán bộ, công chức công tác tại các đơn vị cấp xã");
        let r = GroupRule::AllOf {
            rules: vec![
                GroupRule::Category { any_of: vec![Category::CivilServant] },
                GroupRule::Position { title: None, leadership: Some(Leadership::Deputy), unit: None },
                GroupRule::AgeBelow { years: 40, reference_year: Some(2021) },
            ],
        };
        assert_eq!(
            describe_rule(&r, &dd),
            "Công chức giữ chức vụ cấp trưởng, cấp phó, dưới 40 tuổi (tính đến năm 2021)"
        );
        let r = GroupRule::AnyOf {
            rules: vec![GroupRule::Group { id: "bch".into() }, GroupRule::Group { id: "cc".into() }],
        };
        assert_eq!(describe_rule(&r, &dd), "Ủy viên Ban Chấp hành Đảng bộ huyện hoặc công chức");
        // "Or" is "hoặc", never "và" (which reads as both at once).
        let r = GroupRule::AnyOf {
            rules: vec![
                GroupRule::Gender { gender: Gender::Female },
                GroupRule::Local,
                GroupRule::Ethnicity { any_of: vec!["Mông".into()] },
            ],
        };
        assert_eq!(describe_rule(&r, &dd), "Cán bộ nữ, người địa phương hoặc người dân tộc Mông");
        let r = GroupRule::AnyOf {
            rules: vec![
                GroupRule::Position { title: None, leadership: Some(Leadership::Deputy), unit: None },
                GroupRule::Group { id: "cc".into() },
            ],
        };
        assert_eq!(describe_rule(&r, &dd), "Người giữ chức vụ cấp trưởng, cấp phó; hoặc công chức");
        let r = GroupRule::AllOf {
            rules: vec![
                GroupRule::Category { any_of: vec![Category::CivilServant] },
                GroupRule::AnyOf { rules: vec![GroupRule::Local, GroupRule::Gender { gender: Gender::Female }] },
            ],
        };
        assert_eq!(describe_rule(&r, &dd), "Công chức thuộc người địa phương hoặc cán bộ nữ");
        // Negation: "cao đẳng, đại học"; "dân tộc thiểu số".
        let band = GroupRule::Meets { criterion: Box::new(lvl(Scale::Professional, "cao_dang", false)) }
            .minus(GroupRule::Meets { criterion: Box::new(lvl(Scale::Professional, "thac_si", false)) });
        assert_eq!(describe_rule(&band, &dd), "Người có trình độ cao đẳng, đại học");
        let r = GroupRule::AllOf { rules: vec![GroupRule::Category { any_of: vec![Category::CivilServant] }, band] };
        assert_eq!(describe_rule(&r, &dd), "Công chức có trình độ cao đẳng, đại học");
        let minority = GroupRule::Everyone.minus(GroupRule::Ethnicity { any_of: vec!["Kinh".into()] });
        assert_eq!(describe_rule(&minority, &dd), "Người dân tộc thiểu số");
        let r = GroupRule::Position {
            title: None,
            leadership: Some(Leadership::Head),
            unit: Some(UnitFilter {
                levels: vec![GovLevel::District],
                exclude_kinds: vec![UnitKind::Vertical, UnitKind::PublicService],
                ..Default::default()
            }),
        };
        assert_eq!(describe_rule(&r, &dd), "Trưởng các đơn vị cấp huyện (trừ các ngành dọc, đơn vị sự nghiệp)");
        let r = GroupRule::Membership {
            committee: Committee::ExecutiveCommittee,
            level: Some(GovLevel::District),
            term: Some(TextMatch::contains(&["XXI"])),
        };
        assert_eq!(describe_rule(&r, &dd), "Ủy viên Ban Chấp hành Đảng bộ huyện khóa XXI");
        let r = GroupRule::AllOf {
            rules: vec![
                GroupRule::GradeAtLeast { grade: CivilGrade::Specialist },
                GroupRule::PlannedFor { title: None },
            ],
        };
        assert_eq!(describe_rule(&r, &dd), "Công chức từ ngạch chuyên viên trở lên, trong diện quy hoạch");
    }

    #[test]
    fn every_rule_variant_in_words() {
        let dd = d();
        let names = |id: &str| (id == "u1").then(|| "huyện Hoàng Su Phì".to_string());
        let w = Describer::new(&dd).with_unit_names(&names);
        let cases: Vec<(GroupRule, &str)> = vec![
            (GroupRule::Everyone, "Mọi cán bộ, công chức, viên chức"),
            (GroupRule::Local, "Người địa phương"),
            (GroupRule::Gender { gender: Gender::Female }, "Cán bộ nữ"),
            (GroupRule::Ethnicity { any_of: vec!["Kinh".into()] }, "Người dân tộc Kinh"),
            (GroupRule::AgeAtLeast { years: 50, reference_year: None }, "Người từ 50 tuổi trở lên"),
            (
                GroupRule::PlannedFor { title: Some(TextMatch::contains(&["Bí thư"])) },
                "Người được quy hoạch chức danh Bí thư",
            ),
            (
                GroupRule::Meets { criterion: Box::new(lvl(Scale::DefenceSecurity, "doi_tuong_2", false)) },
                "Người đã qua bồi dưỡng kiến thức quốc phòng - an ninh đối tượng 2 trở lên",
            ),
            (
                GroupRule::WorksIn {
                    unit: UnitFilter {
                        within: Some("u1".into()),
                        regions: vec![Region::Mountain],
                        ..Default::default()
                    },
                },
                "Người công tác tại các đơn vị vùng miền núi thuộc huyện Hoàng Su Phì",
            ),
            (
                GroupRule::Position {
                    title: Some(TextMatch::contains(&["Hiệu trưởng"])),
                    leadership: None,
                    unit: None,
                },
                "Người giữ chức danh có chữ “Hiệu trưởng”",
            ),
            (GroupRule::Everyone.minus(GroupRule::Local), "Người không là người địa phương"),
            (GroupRule::Group { id: "missing".into() }, "Nhóm “missing”"),
        ];
        for (r, want) in cases {
            assert_eq!(w.rule(&r), want);
        }
        assert_eq!(
            describe_criteria(&[
                Criterion::MinorityLanguage,
                Criterion::Field { field: TextMatch::contains(&["Y tế"]) }
            ]),
            "sử dụng được tiếng dân tộc thiểu số tại địa bàn công tác và được đào tạo chuyên ngành Y tế"
        );
    }

    #[test]
    fn needs_in_words() {
        let n = TrainingNeed {
            id: "n1".into(),
            sentence: String::new(),
            group: Some("ld".into()),
            criterion: Some(lvl(Scale::Professional, "thac_si", false)),
            persons: Some(35),
            per_year_min: Some(7),
            per_year_max: Some(8),
            targets: vec![],
        };
        assert_eq!(
            describe_need(&n, &d()),
            "Đào tạo trình độ thạc sĩ cho lãnh đạo, quản lý cấp huyện: 35 đồng chí, mỗi năm cử 07 - 08 đồng chí"
        );
    }

    /// Every target, need and group of every template gets a non-empty sentence that names its
    /// number and year where it has one.
    #[test]
    fn template_sentences_are_sensible() {
        for json in [
            include_str!("../../../../public/templates/000-quang-tri-37-kl-tu.json"),
            include_str!("../../../../public/templates/001-lai-chau-05-nq-tu.json"),
            include_str!("../../../../public/templates/002-hoang-su-phi-02-da-hu.json"),
            include_str!("../../../../public/templates/003-quang-ngai-ke-hoach-2021.json"),
            include_str!("../../../../public/templates/004-quang-nam-7328-da-ubnd.json"),
        ] {
            let d = Directive::from_json(json).unwrap();
            for t in d.targets() {
                let s = describe_target(t, &d);
                assert!(!s.is_empty() && !s.contains("  ") && !s.contains(" ,"), "{}: {s}", t.id);
                assert!(s.chars().next().unwrap().is_uppercase(), "{}: {s}", t.id);
                for m in &t.milestones {
                    assert!(s.contains(&m.year.to_string()), "{}: {s}", t.id);
                }
                if let Some(g) = &t.group {
                    assert!(!s.contains(&format!("“{g}”")), "{}: unknown group in {s}", t.id);
                }
            }
            for n in d.needs() {
                assert!(!describe_need(n, &d).is_empty());
            }
            for g in &d.groups {
                let s = describe_rule(&g.rule, &d);
                assert!(!s.is_empty() && !s.contains("  "), "{}: {s}", g.id);
            }
        }
        let d =
            Directive::from_json(include_str!("../../../../public/templates/002-hoang-su-phi-02-da-hu.json")).unwrap();
        let t = d.target("t_a_bch_ths").unwrap();
        assert_eq!(
            describe_target(t, &d),
            "Đến năm 2025, ít nhất 50% Ủy viên Ban chấp hành Đảng bộ Huyện đương chức khóa XXI có trình độ thạc sĩ trở lên (kể cả đang học), tăng 17% so với hiện nay"
        );
        let d = Directive::from_json(include_str!("../../../../public/templates/000-quang-tri-37-kl-tu.json")).unwrap();
        assert_eq!(
            describe_target(d.target("t_ban_sdh").unwrap(), &d),
            "Đến năm 2020, 20-25% cán bộ lãnh đạo, quản lý cấp ban và tương đương của các cơ quan Đảng, chính quyền, Mặt trận và các tổ chức chính trị - xã hội (cấp huyện) có trình độ thạc sĩ trở lên"
        );
        let d =
            Directive::from_json(include_str!("../../../../public/templates/004-quang-nam-7328-da-ubnd.json")).unwrap();
        assert_eq!(
            describe_target(d.target("t_b_sdh40").unwrap(), &d),
            "Đến năm 2030, ít nhất 40% 04 nhóm lãnh đạo, quản lý có trình độ thạc sĩ trở lên"
        );
    }
}
