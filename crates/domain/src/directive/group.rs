//! Nhóm đối tượng as data: rules over positions, memberships, units, category, age, rank,
//! planned-for and nhãn (the officer's own columns), with unions and exclusions; and their
//! evaluation into sets of cadres.
//!
//! Every text a rule compares (titles, unit names, terms, nhãn) is put in one normal form on
//! both sides, [`fold_title`]: marks and case folded, the usual abbreviations spelled out
//! (UBND, UBMTTQ, TNCS HCM ...), so a rule written from the document matches the officer's
//! own spelling.

use std::collections::HashMap;

use serde::de::Error;
use serde::{Deserialize, Serialize};

use super::index::{leadership_rank, Bits, RosterIndex, NONE};
use super::standard::{Ask, Outcome, Standard};
use super::target::Criterion;
use super::{Directive, Group};
use crate::levels::Scale;
use crate::model::{Category, CivilGrade, Committee, Gender, GovLevel, Leadership, Region, UnitKind};
use crate::tagged::{key, req, skip, tagged_deserialize};
use crate::text::{fold_title, title_parts};

crate::tagged::coded_enum! {
    /// How a text is compared (after folding case and marks on both sides); labels as the
    /// form's select lists them.
    #[derive(Default)]
    MatchHow {
        /// The text contains the words.
        #[default]
        Contains = "contains", "chứa các từ";
        /// The text starts with the words.
        StartsWith = "starts_with", "bắt đầu bằng";
        /// The text is exactly the words.
        Equals = "equals", "đúng bằng";
    }
}

/// So khớp chữ: matches when the text matches any of `any_of` and contains none of `none_of`.
/// Both sides are compared in the [`fold_title`] form: case, marks and the usual
/// abbreviations do not matter ("Phó Chủ tịch UBND" = "pho chu tich uy ban nhan dan"), and
/// "bắt đầu bằng" is also tried on each post a title lists after a comma ("Phó Bí thư Đảng
/// ủy, Chủ tịch HĐND xã" starts with "Chủ tịch HĐND").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TextMatch {
    /// Any of these.
    pub any_of: Vec<String>,
    /// How.
    #[serde(default)]
    pub how: MatchHow,
    /// Excluded words (contains).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub none_of: Vec<String>,
}

impl TextMatch {
    /// Matches texts containing any of `words`.
    pub fn contains(words: &[&str]) -> Self {
        TextMatch {
            any_of: words.iter().map(|w| w.to_string()).collect(),
            how: MatchHow::Contains,
            none_of: Vec::new(),
        }
    }

    /// Matches texts starting with any of `words`.
    pub fn starts_with(words: &[&str]) -> Self {
        TextMatch { how: MatchHow::StartsWith, ..Self::contains(words) }
    }

    /// Matches texts equal to any of `words`.
    pub fn equals(words: &[&str]) -> Self {
        TextMatch { how: MatchHow::Equals, ..Self::contains(words) }
    }

    /// The matcher with its needles in the [`fold_title`] form.
    pub fn compile(&self) -> CompiledMatch {
        CompiledMatch {
            any: self.any_of.iter().map(|w| fold_title(w)).filter(|w| !w.is_empty()).collect(),
            none: self.none_of.iter().map(|w| fold_title(w)).filter(|w| !w.is_empty()).collect(),
            how: self.how,
        }
    }

    /// True when `text` (as typed) matches.
    pub fn matches(&self, text: &str) -> bool {
        self.compile().matches_normal(&fold_title(text))
    }
}

/// A [`TextMatch`] with its needles in the [`fold_title`] form.
#[derive(Debug, Clone)]
pub struct CompiledMatch {
    any: Vec<String>,
    none: Vec<String>,
    how: MatchHow,
}

impl CompiledMatch {
    /// True when `t`, already in the [`fold_title`] form, matches.
    pub fn matches_normal(&self, t: &str) -> bool {
        let hit = self.any.iter().any(|w| match self.how {
            MatchHow::Contains => t.contains(w.as_str()),
            MatchHow::StartsWith => title_parts(t).any(|part| part.starts_with(w.as_str())),
            MatchHow::Equals => t == w,
        });
        hit && !self.none.iter().any(|w| t.contains(w.as_str()))
    }
}

/// Lọc đơn vị: which units. Empty lists mean "any".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UnitFilter {
    /// Cấp (any of).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<GovLevel>,
    /// Loại đơn vị (any of).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<UnitKind>,
    /// Loại đơn vị excluded ("trừ các đơn vị ngành dọc").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_kinds: Vec<UnitKind>,
    /// Vùng (any of).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<Region>,
    /// Tên đơn vị ("Sở ...", "Phòng ...", "UBND xã ...").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<TextMatch>,
    /// Tên đơn vị excluded (e.g. units whose name starts with "Phòng").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude_name: Option<TextMatch>,
    /// Only units in the subtree of this unit (a roster id, chosen in the editor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
}

impl UnitFilter {
    /// One flag per unit of the index.
    pub(crate) fn compile(&self, idx: &RosterIndex) -> Vec<bool> {
        let name = self.name.as_ref().map(TextMatch::compile);
        let exclude_name = self.exclude_name.as_ref().map(TextMatch::compile);
        let within = self.within.as_deref().map(|id| idx.unit_pos(id).unwrap_or(NONE));
        idx.units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                (self.levels.is_empty() || self.levels.contains(&u.level))
                    && (self.kinds.is_empty() || self.kinds.contains(&u.kind))
                    && !self.exclude_kinds.contains(&u.kind)
                    && (self.regions.is_empty() || self.regions.contains(&u.region))
                    && name.as_ref().is_none_or(|m| m.matches_normal(&idx.texts[u.name as usize]))
                    && !exclude_name.as_ref().is_some_and(|m| m.matches_normal(&idx.texts[u.name as usize]))
                    && within.is_none_or(|a| idx.within(i as u32, a))
            })
            .collect()
    }
}

/// Quy tắc nhóm: a rule over the roster. Rules compose with `any_of` (union), `all_of`
/// (intersection) and `minus` (exclusion: "trừ những đồng chí là Ủy viên BCH").
// `Deserialize` is written by hand below (one pass, no buffering; see [`crate::tagged`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum GroupRule {
    /// Mọi cán bộ (in the directive's scope).
    Everyone,
    /// Another group of the directive, by id.
    Group {
        /// Group id.
        id: String,
    },
    /// Hợp: in any of the rules.
    AnyOf {
        /// Rules.
        rules: Vec<GroupRule>,
    },
    /// Giao: in all of the rules.
    AllOf {
        /// Rules.
        rules: Vec<GroupRule>,
    },
    /// Trừ: in `base` and not in `except`.
    Minus {
        /// Base rule.
        base: Box<GroupRule>,
        /// Excluded.
        except: Box<GroupRule>,
    },
    /// Giữ chức vụ: holds at least one position meeting every given condition.
    Position {
        /// Chức danh.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<TextMatch>,
        /// Cấp lãnh đạo at least ("cấp phó trở lên" = pho).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        leadership: Option<Leadership>,
        /// The position's unit.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<UnitFilter>,
    },
    /// Ủy viên: member of a committee (at a level, in a term).
    Membership {
        /// Cơ quan.
        committee: Committee,
        /// Cấp.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        level: Option<GovLevel>,
        /// Nhiệm kỳ / khóa ("XXI").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        term: Option<TextMatch>,
    },
    /// Công tác tại: main unit matches.
    WorksIn {
        /// Which units.
        unit: UnitFilter,
    },
    /// Đối tượng (any of).
    Category {
        /// Categories.
        any_of: Vec<Category>,
    },
    /// Dưới N tuổi ("dưới 45 tuổi") in `reference_year`, or the scoring year.
    AgeBelow {
        /// N.
        years: u16,
        /// Năm tính tuổi.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference_year: Option<u16>,
    },
    /// Từ N tuổi trở lên.
    AgeAtLeast {
        /// N.
        years: u16,
        /// Năm tính tuổi.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference_year: Option<u16>,
    },
    /// Từ ngạch X trở lên.
    GradeAtLeast {
        /// Ngạch.
        grade: CivilGrade,
    },
    /// Trong quy hoạch (a position matching `title`, or any).
    PlannedFor {
        /// Chức danh quy hoạch.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<TextMatch>,
    },
    /// Giới tính.
    Gender {
        /// Giới tính.
        gender: Gender,
    },
    /// Người địa phương.
    Local,
    /// Dân tộc (any of, folded equality).
    Ethnicity {
        /// Dân tộc.
        any_of: Vec<String>,
    },
    /// Meets a criterion (e.g. "có trình độ thạc sĩ").
    Meets {
        /// Criterion.
        criterion: Box<Criterion>,
    },
    /// Nhãn: the cadre's own column `name` (a column of the officer's sheet kept as a label,
    /// e.g. "Nhóm") holds a value matching `value`. Names compare as titles do ("nhóm" =
    /// "Nhóm"); a cadre without that label is not in.
    Label {
        /// Tên nhãn (the column's name).
        name: String,
        /// Giá trị.
        value: TextMatch,
    },
}

tagged_deserialize!(GroupRule, "a group rule (an object with \"rule\")", |map| {
    let (mut rule, mut id, mut rules, mut base, mut except) = (None::<String>, None, None, None, None);
    let (mut title, mut leadership, mut unit, mut committee, mut level, mut term) =
        (None, None, None, None, None, None);
    let (mut any_of, mut years, mut reference_year, mut grade, mut gender, mut criterion) =
        (None::<Vec<String>>, None, None, None, None, None);
    let (mut name, mut value) = (None, None);
    while let Some(k) = key(&mut map)? {
        match k.as_str() {
            "rule" => rule = Some(map.next_value()?),
            "id" => id = Some(map.next_value()?),
            "rules" => rules = Some(map.next_value()?),
            "base" => base = Some(map.next_value()?),
            "except" => except = Some(map.next_value()?),
            "title" => title = map.next_value()?,
            "leadership" => leadership = map.next_value()?,
            "unit" => unit = map.next_value()?,
            "committee" => committee = Some(map.next_value()?),
            "level" => level = map.next_value()?,
            "term" => term = map.next_value()?,
            "any_of" => any_of = Some(map.next_value()?),
            "years" => years = Some(map.next_value()?),
            "reference_year" => reference_year = map.next_value()?,
            "grade" => grade = Some(map.next_value()?),
            "gender" => gender = Some(map.next_value()?),
            "criterion" => criterion = Some(map.next_value()?),
            "name" => name = Some(map.next_value()?),
            "value" => value = Some(map.next_value()?),
            _ => skip(&mut map)?,
        }
    }
    Ok(match req(rule, "rule")?.as_str() {
        "everyone" => GroupRule::Everyone,
        "group" => GroupRule::Group { id: req(id, "id")? },
        "any_of" => GroupRule::AnyOf { rules: req(rules, "rules")? },
        "all_of" => GroupRule::AllOf { rules: req(rules, "rules")? },
        "minus" => GroupRule::Minus { base: req(base, "base")?, except: req(except, "except")? },
        "position" => GroupRule::Position { title, leadership, unit },
        "membership" => GroupRule::Membership { committee: req(committee, "committee")?, level, term },
        "works_in" => GroupRule::WorksIn { unit: req(unit, "unit")? },
        "category" => GroupRule::Category {
            any_of: req(any_of, "any_of")?
                .iter()
                .map(|c| Category::from_code(c).ok_or_else(|| Error::unknown_variant(c, Category::CODES)))
                .collect::<Result<_, _>>()?,
        },
        "age_below" => GroupRule::AgeBelow { years: req(years, "years")?, reference_year },
        "age_at_least" => GroupRule::AgeAtLeast { years: req(years, "years")?, reference_year },
        "grade_at_least" => GroupRule::GradeAtLeast { grade: req(grade, "grade")? },
        "planned_for" => GroupRule::PlannedFor { title },
        "gender" => GroupRule::Gender { gender: req(gender, "gender")? },
        "local" => GroupRule::Local,
        "ethnicity" => GroupRule::Ethnicity { any_of: req(any_of, "any_of")? },
        "meets" => GroupRule::Meets { criterion: req(criterion, "criterion")? },
        "label" => GroupRule::Label { name: req(name, "name")?, value: req(value, "value")? },
        t => {
            // Worded as serde's own `unknown_variant`, which wants the codes alone.
            let codes: Vec<String> = GroupRule::CODES.iter().map(|(c, _)| format!("`{c}`")).collect();
            return Err(Error::custom(format!("unknown variant `{t}`, expected one of {}", codes.join(", "))));
        }
    })
});

impl GroupRule {
    /// The `"rule"` codes, one per kind of rule, with what each selects (the JSON Schema
    /// lists them).
    pub const CODES: &'static [(&'static str, &'static str)] = &[
        ("everyone", "mọi cán bộ trong phạm vi văn bản"),
        ("group", "một nhóm khác của văn bản: id"),
        ("any_of", "hợp các quy tắc: rules"),
        ("all_of", "giao các quy tắc: rules"),
        ("minus", "base trừ except"),
        ("position", "giữ chức vụ: title, leadership, unit"),
        ("membership", "ủy viên: committee, level, term"),
        ("works_in", "công tác tại đơn vị: unit"),
        ("category", "đối tượng: any_of"),
        ("age_below", "dưới N tuổi: years, reference_year"),
        ("age_at_least", "từ N tuổi trở lên: years, reference_year"),
        ("grade_at_least", "từ ngạch trở lên: grade"),
        ("planned_for", "trong quy hoạch: title"),
        ("gender", "giới tính: gender"),
        ("local", "người địa phương"),
        ("ethnicity", "dân tộc: any_of"),
        ("meets", "đạt tiêu chuẩn: criterion"),
        ("label", "nhãn (cột riêng của người dùng): name, value"),
    ];

    /// Ids of the groups this rule refers to.
    pub fn references(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.walk(&mut |r| {
            if let GroupRule::Group { id } = r {
                out.push(id.as_str());
            }
        });
        out
    }

    fn walk<'a>(&'a self, f: &mut impl FnMut(&'a GroupRule)) {
        f(self);
        match self {
            GroupRule::AnyOf { rules } | GroupRule::AllOf { rules } => rules.iter().for_each(|r| r.walk(f)),
            GroupRule::Minus { base, except } => {
                base.walk(f);
                except.walk(f);
            }
            GroupRule::Meets { criterion } => {
                if let Criterion::Person { rule } = criterion.as_ref() {
                    rule.walk(f);
                }
            }
            _ => {}
        }
    }

    /// Minus helper: `self` without `except`.
    pub fn minus(self, except: GroupRule) -> GroupRule {
        GroupRule::Minus { base: Box::new(self), except: Box::new(except) }
    }
}

/// Evaluates groups and criteria over an index, caching named groups and criteria.
pub(crate) struct Evaluator<'i, 'a> {
    pub idx: &'i RosterIndex<'a>,
    groups: HashMap<&'i str, &'i Group>,
    pub year: u16,
    scope: Option<Bits>,
    named: HashMap<String, Bits>,
    visiting: Vec<String>,
    criteria: HashMap<String, Bits>,
    /// The directive's standards tables, which [`Criterion::Standard`] names.
    standards: &'i [Standard],
    /// Per standard criterion (keyed as `criteria`): who has an applicable row.
    covered: HashMap<String, Bits>,
    /// Per standards table and "theo chức danh quy hoạch": whom each row covers.
    pub(crate) standard_rows: HashMap<(String, bool), std::rc::Rc<Vec<Bits>>>,
    /// Per (scale position, rank, counting studies): who holds at least that rank.
    pub(crate) holding: HashMap<(usize, u8, bool), Bits>,
}

impl<'i, 'a> Evaluator<'i, 'a> {
    pub fn new(idx: &'i RosterIndex<'a>, groups: &'i [Group], scope_unit: Option<&str>, year: u16) -> Self {
        Evaluator {
            idx,
            groups: groups.iter().map(|g| (g.id.as_str(), g)).collect(),
            year,
            scope: scope_unit.map(|u| idx.working_in(u)),
            named: HashMap::new(),
            visiting: Vec::new(),
            criteria: HashMap::new(),
            standards: &[],
            covered: HashMap::new(),
            standard_rows: HashMap::new(),
            holding: HashMap::new(),
        }
    }

    /// An evaluator over `d`'s groups, scope and standards tables.
    pub fn for_directive(idx: &'i RosterIndex<'a>, d: &'i Directive, year: u16) -> Self {
        Evaluator { standards: &d.standards, ..Self::new(idx, &d.groups, d.scope_unit_id.as_deref(), year) }
    }

    fn n(&self) -> usize {
        self.idx.len()
    }

    /// Members of the named group (empty when unknown or cyclic).
    pub fn group(&mut self, id: &str) -> Bits {
        if let Some(b) = self.named.get(id) {
            return b.clone();
        }
        let Some(g) = self.groups.get(id).copied() else {
            return Bits::empty(self.n());
        };
        if self.visiting.iter().any(|v| v == id) {
            return Bits::empty(self.n());
        }
        self.visiting.push(id.to_string());
        let mut b = self.rule(&g.rule);
        self.visiting.pop();
        if let Some(s) = &self.scope {
            b.and_with(s);
        }
        self.named.insert(id.to_string(), b.clone());
        b
    }

    /// Cadres for whom `f` holds, one word of the set at a time.
    pub(crate) fn filter(&self, f: impl Fn(usize) -> bool) -> Bits {
        let n = self.n();
        let mut b = Bits::empty(n);
        for (wi, w) in b.words_mut().iter_mut().enumerate() {
            let base = wi * 64;
            let mut x = 0u64;
            for i in base..(base + 64).min(n) {
                x |= u64::from(f(i)) << (i - base);
            }
            *w = x;
        }
        b
    }

    /// Members of a rule.
    pub fn rule(&mut self, r: &GroupRule) -> Bits {
        let idx = self.idx;
        match r {
            GroupRule::Everyone => {
                let mut b = Bits::full(self.n());
                if let Some(s) = &self.scope {
                    b.and_with(s);
                }
                b
            }
            GroupRule::Group { id } => self.group(id),
            GroupRule::AnyOf { rules } => {
                let mut b = Bits::empty(self.n());
                for x in rules {
                    let y = self.rule(x);
                    b.or_with(&y);
                }
                b
            }
            GroupRule::AllOf { rules } => {
                let mut b = Bits::full(self.n());
                for x in rules {
                    let y = self.rule(x);
                    b.and_with(&y);
                }
                b
            }
            GroupRule::Minus { base, except } => {
                let mut b = self.rule(base);
                let e = self.rule(except);
                b.minus_with(&e);
                b
            }
            GroupRule::Position { title, leadership, unit } => {
                let title_ok: Option<Vec<bool>> = title.as_ref().map(|t| {
                    let m = t.compile();
                    idx.texts.iter().map(|s| m.matches_normal(s)).collect()
                });
                let unit_ok = unit.as_ref().map(|u| u.compile(idx));
                let min = leadership.map_or(0, leadership_rank);
                let mut b = Bits::empty(self.n());
                for p in &idx.positions {
                    if p.lead >= min
                        && title_ok.as_ref().is_none_or(|t| t[p.title as usize])
                        && unit_ok.as_ref().is_none_or(|u| p.unit != NONE && u[p.unit as usize])
                    {
                        b.set(p.owner as usize);
                    }
                }
                b
            }
            GroupRule::Membership { committee, level, term } => {
                let term_ok: Option<Vec<bool>> = term.as_ref().map(|t| {
                    let m = t.compile();
                    idx.texts.iter().map(|s| m.matches_normal(s)).collect()
                });
                let mut b = Bits::empty(self.n());
                for (k, l, t, owner) in &idx.memberships {
                    if k == committee
                        && level.is_none_or(|x| x == *l)
                        && term_ok.as_ref().is_none_or(|o| o[*t as usize])
                    {
                        b.set(*owner as usize);
                    }
                }
                b
            }
            GroupRule::WorksIn { unit } => {
                let ok = unit.compile(idx);
                let mut b = Bits::empty(self.n());
                for (u, members) in idx.by_unit.iter().enumerate() {
                    if ok[u] {
                        members.iter().for_each(|&i| b.set(i as usize));
                    }
                }
                b
            }
            GroupRule::Category { any_of } => self.filter(|i| any_of.contains(&idx.category[i])),
            GroupRule::AgeBelow { years, reference_year } => {
                let y = i32::from(reference_year.unwrap_or(self.year));
                let n = i32::from(*years);
                self.filter(|i| y - i32::from(idx.birth[i]) < n)
            }
            GroupRule::AgeAtLeast { years, reference_year } => {
                let y = i32::from(reference_year.unwrap_or(self.year));
                let n = i32::from(*years);
                self.filter(|i| y - i32::from(idx.birth[i]) >= n)
            }
            GroupRule::GradeAtLeast { grade } => {
                let min = grade_rank(*grade) + 1;
                self.filter(|i| idx.grade[i] >= min)
            }
            GroupRule::PlannedFor { title } => match title {
                None => self.filter(|i| idx.planned_any[i]),
                Some(t) => {
                    let m = t.compile();
                    let ok: Vec<bool> = idx.texts.iter().map(|s| m.matches_normal(s)).collect();
                    let mut b = Bits::empty(self.n());
                    for (title, owner) in &idx.planned {
                        if ok[*title as usize] {
                            b.set(*owner as usize);
                        }
                    }
                    b
                }
            },
            GroupRule::Gender { gender } => self.filter(|i| idx.gender[i] == *gender),
            GroupRule::Local => self.filter(|i| idx.local[i]),
            GroupRule::Ethnicity { any_of } => {
                let wanted: Vec<String> = any_of.iter().map(|s| fold_title(s)).collect();
                idx.match_column(&idx.ethnicity, |t| wanted.iter().any(|w| w == t))
            }
            GroupRule::Meets { criterion } => self.criterion(criterion),
            GroupRule::Label { name, value } => {
                let name = fold_title(name);
                let m = value.compile();
                let mut b = Bits::empty(self.n());
                for l in &idx.labels {
                    if idx.texts[l.name as usize] == name && m.matches_normal(&idx.texts[l.value as usize]) {
                        b.set(l.owner as usize);
                    }
                }
                b
            }
        }
    }

    /// Cadres meeting a criterion (cached per criterion).
    pub fn criterion(&mut self, c: &Criterion) -> Bits {
        let key = serde_json::to_string(c).unwrap_or_default();
        if let Some(b) = self.criteria.get(&key) {
            return b.clone();
        }
        let idx = self.idx;
        let b = match c {
            Criterion::Level { scale, count_studying, .. } => match c.level_rank() {
                Some((_, rank)) => {
                    let s = scale_index(*scale);
                    let (held, st) = (&idx.held[s], &idx.studying[s]);
                    if *count_studying {
                        self.filter(|i| held[i] >= rank || st[i] >= rank)
                    } else {
                        self.filter(|i| held[i] >= rank)
                    }
                }
                None => Bits::empty(self.n()),
            },
            Criterion::MinorityLanguage => self.filter(|i| idx.minority[i]),
            Criterion::LaoLanguage => self.filter(|i| idx.lao[i]),
            Criterion::Field { field } => {
                let m = field.compile();
                idx.match_column(&idx.field, |t| m.matches_normal(t))
            }
            Criterion::Person { rule } => self.rule(rule),
            Criterion::Standard { standard, above, scales, count_studying, planned } => {
                let ask = Ask { above: *above, scales, count_studying: *count_studying, planned: *planned };
                let standards = self.standards;
                let table = standards.iter().find(|s| s.id == *standard);
                let outcome = match table {
                    Some(t) => self.standard(t, ask),
                    None => Outcome { meets: Bits::empty(self.n()), covered: Bits::empty(self.n()) },
                };
                self.covered.insert(key.clone(), outcome.covered);
                outcome.meets
            }
        };
        self.criteria.insert(key, b.clone());
        b
    }

    /// Cadres with no applicable standard for some standard criterion among `criteria`
    /// (no row of the named table covers them), or `None` when there is no such criterion.
    pub fn without_standard(&mut self, criteria: &[Criterion]) -> Option<Bits> {
        let mut out: Option<Bits> = None;
        for c in criteria.iter().filter(|c| matches!(c, Criterion::Standard { .. })) {
            self.criterion(c);
            let key = serde_json::to_string(c).unwrap_or_default();
            let mut missing = Bits::full(self.n());
            if let Some(covered) = self.covered.get(&key) {
                missing.minus_with(covered);
            }
            match &mut out {
                Some(o) => o.or_with(&missing),
                None => out = Some(missing),
            }
        }
        out
    }

    /// Cadres meeting every criterion (everyone when there is none).
    pub fn all_criteria(&mut self, cs: &[Criterion]) -> Bits {
        let mut b = Bits::full(self.n());
        for c in cs {
            let x = self.criterion(c);
            b.and_with(&x);
        }
        b
    }
}

/// The members of `group` in `year` as `directive` would count them with the group saved in
/// it: the directive's scope applies, and the groups it names are the directive's. What the
/// group form shows while the rule is being typed.
pub fn members_if_saved(directive: &Directive, idx: &RosterIndex, group: &Group, year: u16) -> Bits {
    let mut groups: Vec<Group> = directive.groups.iter().filter(|g| g.id != group.id).cloned().collect();
    groups.push(group.clone());
    Evaluator {
        standards: &directive.standards,
        ..Evaluator::new(idx, &groups, directive.scope_unit_id.as_deref(), year)
    }
    .group(&group.id)
}

/// Position of a scale in `Scale::ALL` (and in the per-cadre rank arrays).
pub fn scale_index(s: Scale) -> usize {
    Scale::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

pub(crate) fn grade_rank(g: CivilGrade) -> u8 {
    CivilGrade::ALL.iter().position(|x| *x == g).unwrap_or(0) as u8
}

#[cfg(test)]
mod tests;
