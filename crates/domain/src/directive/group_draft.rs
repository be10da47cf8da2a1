//! Biểu mẫu nhóm đối tượng: the group form as a tree of conditions, one kind of condition per
//! kind of [`GroupRule`], so that every rule the model holds is built in the form and every
//! template group opens in it and saves back unchanged.
//!
//! A block of conditions (the group itself, or a condition "đủ tất cả" / "một trong") takes
//! the people meeting all of its conditions, or any of them ("hoặc"), less those meeting any
//! of its exclusions ("trừ"): "cao đẳng trở lên, trừ thạc sĩ trở lên" is how the form writes
//! the documents' "cao đẳng, đại học". Blocks nest, so unions of unlike rules ("Ủy viên Ban
//! Thường vụ hoặc giữ chức danh …") are one group.
//!
//! Error keys are paths of the form: `conditions.0.years`, `except.1.conditions.0.text`.

use super::describe::describe_rule;
use super::draft::{join_words, parse_whole, parse_year, split_words, CriterionDraft, CriterionKind, UnitDraft};
use super::group::{members_if_saved, GroupRule, MatchHow, TextMatch};
use super::index::{Bits, RosterIndex};
use super::reported::{by_year_text, parse_by_year, stated_size_text};
use super::{Directive, Group};
use crate::error::FieldError;
use crate::model::{Category, CivilGrade, Committee, Gender, GovLevel, Leadership};
use crate::number::{parse_bounded, Bound};

crate::tagged::coded_enum! {
    /// Loại điều kiện of one row of the group form; one per kind of [`GroupRule`], in the order
    /// the form's select lists them (the common ones first).
    #[derive(Default)]
    ConditionKind {
        /// Giữ chức vụ (chức danh, cấp lãnh đạo, đơn vị của chức vụ).
        #[default]
        Position = "position", "Giữ chức vụ";
        /// Ủy viên cấp ủy, HĐND.
        Membership = "membership", "Là ủy viên (cấp ủy, HĐND)";
        /// Công tác tại đơn vị.
        WorksIn = "works_in", "Công tác tại đơn vị";
        /// Đối tượng.
        Category = "category", "Là đối tượng";
        /// Dưới N tuổi.
        AgeBelow = "age_below", "Dưới … tuổi";
        /// Từ N tuổi trở lên.
        AgeAtLeast = "age_at_least", "Từ … tuổi trở lên";
        /// Từ ngạch trở lên.
        GradeAtLeast = "grade_at_least", "Từ ngạch … trở lên";
        /// Trong quy hoạch.
        PlannedFor = "planned_for", "Trong diện quy hoạch";
        /// Giới tính.
        Gender = "gender", "Giới tính";
        /// Người địa phương.
        Local = "local", "Là người địa phương";
        /// Dân tộc.
        Ethnicity = "ethnicity", "Dân tộc";
        /// Đạt tiêu chuẩn (trình độ, tiếng dân tộc, chuyên ngành).
        Meets = "meets", "Có trình độ, tiêu chuẩn";
        /// Nhãn (cột riêng của danh sách).
        Label = "label", "Có nhãn (cột riêng)";
        /// Thuộc nhóm khác của văn bản.
        Group = "group", "Thuộc nhóm khác";
        /// Mọi cán bộ trong phạm vi văn bản.
        Everyone = "everyone", "Mọi cán bộ";
        /// Đủ tất cả các điều kiện con (giao).
        AllOf = "all_of", "Đủ tất cả các điều kiện con";
        /// Một trong các điều kiện con (hợp, "hoặc").
        AnyOf = "any_of", "Một trong các điều kiện con (hoặc)";
    }
}

impl ConditionKind {
    /// True for the kinds that hold conditions of their own.
    pub fn is_block(self) -> bool {
        matches!(self, ConditionKind::AllOf | ConditionKind::AnyOf)
    }
}

/// Chữ cần khớp on the form: the words (one per line or ";"), how they match, and the words
/// that must not appear ("chứa … nhưng không chứa …").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextDraft {
    /// Các từ.
    pub words: String,
    /// So khớp.
    pub how: MatchHow,
    /// Không chứa các từ.
    pub except: String,
}

impl TextDraft {
    fn from_match(m: &TextMatch) -> Self {
        TextDraft { words: join_words(&m.any_of), how: m.how, except: join_words(&m.none_of) }
    }

    fn with_how(how: MatchHow) -> Self {
        TextDraft { how, ..Default::default() }
    }

    /// The match; `None` when no word is typed.
    fn to_match(&self) -> Option<TextMatch> {
        let any_of = split_words(&self.words);
        (!any_of.is_empty()).then(|| TextMatch { any_of, how: self.how, none_of: split_words(&self.except) })
    }

    fn is_empty(&self) -> bool {
        split_words(&self.words).is_empty() && split_words(&self.except).is_empty()
    }
}

/// One step from a block to a condition inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The i-th condition.
    Condition(usize),
    /// The i-th exclusion (trừ).
    Except(usize),
}

/// Where a condition is in the form: the steps from the group's own block.
pub type ConditionPath = [Step];

/// The error key of a path ("conditions.0.except.1").
pub fn path_key(path: &ConditionPath) -> String {
    path.iter()
        .map(|s| match s {
            Step::Condition(i) => format!("conditions.{i}"),
            Step::Except(i) => format!("except.{i}"),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// How the form names a condition in messages: "Điều kiện 2", "Điều kiện 1.3", "Trừ 1",
/// "Điều kiện 2, trừ 1".
pub fn path_label(path: &ConditionPath) -> String {
    let mut out = String::from("Nhóm");
    for (n, step) in path.iter().enumerate() {
        out = match (n, step) {
            (0, Step::Condition(i)) => format!("Điều kiện {}", i + 1),
            (0, Step::Except(i)) => format!("Trừ {}", i + 1),
            (_, Step::Condition(i)) => format!("{out}.{}", i + 1),
            (_, Step::Except(i)) => format!("{out}, trừ {}", i + 1),
        };
    }
    out
}

/// One condition of the group form. Only the fields of its `kind` are read; the others keep
/// what was typed while the kind was being chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionDraft {
    /// Loại điều kiện.
    pub kind: ConditionKind,
    /// Nhóm (for `Group`): a group id of the directive.
    pub group: String,
    /// Chức danh (`Position`), khóa (`Membership`), chức danh quy hoạch (`PlannedFor`),
    /// giá trị nhãn (`Label`).
    pub text: TextDraft,
    /// Cấp lãnh đạo tối thiểu (`Position`).
    pub leadership: Option<Leadership>,
    /// Đơn vị: of the position (`Position`, optional) or where the person works (`WorksIn`).
    pub unit: UnitDraft,
    /// Cơ quan (`Membership`).
    pub committee: Option<Committee>,
    /// Cấp của cơ quan (`Membership`; none = any).
    pub level: Option<GovLevel>,
    /// Đối tượng (`Category`, any of).
    pub categories: Vec<Category>,
    /// Số tuổi (`AgeBelow`, `AgeAtLeast`).
    pub years: String,
    /// Năm tính tuổi (empty = the scoring year).
    pub reference_year: String,
    /// Ngạch (`GradeAtLeast`).
    pub grade: Option<CivilGrade>,
    /// Giới tính (`Gender`).
    pub gender: Option<Gender>,
    /// Dân tộc (`Ethnicity`; one per line or ";").
    pub ethnicities: String,
    /// Tiêu chuẩn (`Meets`).
    pub criterion: CriterionDraft,
    /// Tên nhãn (`Label`).
    pub label_name: String,
    /// Điều kiện con (`AllOf`, `AnyOf`).
    pub conditions: Vec<ConditionDraft>,
    /// Trừ những người (`AllOf`, `AnyOf`): each removes who meets it.
    pub except: Vec<ConditionDraft>,
    /// A rule kept exactly as the document gave it, when it uses what the form has no field
    /// for (excluded words inside a unit's name, a criterion's match mode); shown in words
    /// and saved unchanged, until replaced.
    pub kept: Option<GroupRule>,
}

impl Default for ConditionDraft {
    fn default() -> Self {
        ConditionDraft::new(ConditionKind::default())
    }
}

impl ConditionDraft {
    /// A fresh condition of `kind`: titles start with the words, label values compare whole.
    pub fn new(kind: ConditionKind) -> Self {
        ConditionDraft {
            kind,
            group: String::new(),
            text: TextDraft::with_how(match kind {
                ConditionKind::Label => MatchHow::Equals,
                ConditionKind::Position => MatchHow::StartsWith,
                _ => MatchHow::Contains,
            }),
            leadership: None,
            unit: UnitDraft::default(),
            committee: None,
            level: None,
            categories: Vec::new(),
            years: String::new(),
            reference_year: String::new(),
            grade: None,
            gender: None,
            ethnicities: String::new(),
            criterion: CriterionDraft::default(),
            label_name: String::new(),
            conditions: Vec::new(),
            except: Vec::new(),
            kept: None,
        }
    }

    /// Sets the kind, with the match mode that kind starts with when nothing is typed yet.
    pub fn set_kind(&mut self, kind: ConditionKind) {
        if self.text.is_empty() {
            self.text = ConditionDraft::new(kind).text;
        }
        self.kind = kind;
        self.kept = None;
    }

    /// The condition at `path` below this block.
    pub fn at(&self, path: &ConditionPath) -> Option<&ConditionDraft> {
        let Some((first, rest)) = path.split_first() else { return Some(self) };
        let child = match first {
            Step::Condition(i) => self.conditions.get(*i),
            Step::Except(i) => self.except.get(*i),
        }?;
        child.at(rest)
    }

    /// The condition at `path`, to change it.
    pub fn at_mut(&mut self, path: &ConditionPath) -> Option<&mut ConditionDraft> {
        let Some((first, rest)) = path.split_first() else { return Some(self) };
        let child = match first {
            Step::Condition(i) => self.conditions.get_mut(*i),
            Step::Except(i) => self.except.get_mut(*i),
        }?;
        child.at_mut(rest)
    }

    /// Removes the condition at `path` (not the block itself).
    pub fn remove(&mut self, path: &ConditionPath) {
        let Some((last, parent)) = path.split_last() else { return };
        if let Some(p) = self.at_mut(parent) {
            match last {
                Step::Condition(i) if *i < p.conditions.len() => {
                    p.conditions.remove(*i);
                }
                Step::Except(i) if *i < p.except.len() => {
                    p.except.remove(*i);
                }
                _ => {}
            }
        }
    }

    /// The form of a rule. Every rule has one; a part the form has no field for is kept as it
    /// is ([`ConditionDraft::kept`]), so building the form gives the rule back unchanged.
    pub fn from_rule(rule: &GroupRule) -> ConditionDraft {
        let draft = match rule {
            GroupRule::Minus { .. } => {
                let mut excepts = Vec::new();
                let mut base = rule;
                while let GroupRule::Minus { base: b, except } = base {
                    excepts.push(ConditionDraft::from_rule(except));
                    base = b;
                }
                excepts.reverse();
                let mut block = match base {
                    GroupRule::AllOf { .. } | GroupRule::AnyOf { .. } => ConditionDraft::from_rule(base),
                    GroupRule::Everyone => ConditionDraft::new(ConditionKind::AllOf),
                    other => ConditionDraft {
                        conditions: vec![ConditionDraft::from_rule(other)],
                        ..ConditionDraft::new(ConditionKind::AllOf)
                    },
                };
                block.except = excepts;
                block
            }
            GroupRule::AllOf { rules } | GroupRule::AnyOf { rules } => ConditionDraft {
                conditions: rules.iter().map(ConditionDraft::from_rule).collect(),
                ..ConditionDraft::new(if matches!(rule, GroupRule::AllOf { .. }) {
                    ConditionKind::AllOf
                } else {
                    ConditionKind::AnyOf
                })
            },
            leaf => ConditionDraft::leaf(leaf),
        };
        if draft.build(&[]).ok().as_ref() == Some(rule) {
            draft
        } else {
            ConditionDraft { kept: Some(rule.clone()), ..ConditionDraft::new(kind_of(rule)) }
        }
    }

    fn leaf(rule: &GroupRule) -> ConditionDraft {
        let mut d = ConditionDraft::new(kind_of(rule));
        match rule {
            GroupRule::Everyone
            | GroupRule::Local
            | GroupRule::AllOf { .. }
            | GroupRule::AnyOf { .. }
            | GroupRule::Minus { .. } => {}
            GroupRule::Group { id } => d.group = id.clone(),
            GroupRule::Position { title, leadership, unit } => {
                if let Some(t) = title {
                    d.text = TextDraft::from_match(t);
                }
                d.leadership = *leadership;
                if let Some(u) = unit {
                    d.unit = UnitDraft::from_filter(u).unwrap_or_default();
                }
            }
            GroupRule::Membership { committee, level, term } => {
                d.committee = Some(*committee);
                d.level = *level;
                if let Some(t) = term {
                    d.text = TextDraft::from_match(t);
                }
            }
            GroupRule::WorksIn { unit } => d.unit = UnitDraft::from_filter(unit).unwrap_or_default(),
            GroupRule::Category { any_of } => d.categories = any_of.clone(),
            GroupRule::AgeBelow { years, reference_year } | GroupRule::AgeAtLeast { years, reference_year } => {
                d.years = years.to_string();
                d.reference_year = reference_year.map(|y| y.to_string()).unwrap_or_default();
            }
            GroupRule::GradeAtLeast { grade } => d.grade = Some(*grade),
            GroupRule::PlannedFor { title } => {
                if let Some(t) = title {
                    d.text = TextDraft::from_match(t);
                }
            }
            GroupRule::Gender { gender } => d.gender = Some(*gender),
            GroupRule::Ethnicity { any_of } => d.ethnicities = join_words(any_of),
            GroupRule::Meets { criterion } => d.criterion = CriterionDraft::from_criterion(criterion),
            GroupRule::Label { name, value } => {
                d.label_name = name.clone();
                d.text = TextDraft::from_match(value);
            }
        }
        d
    }

    /// The rule of the condition at `path` (for error keys and labels), or every error found.
    pub fn build(&self, path: &ConditionPath) -> Result<GroupRule, Vec<FieldError>> {
        let mut errors = Vec::new();
        let rule = self.build_into(path, &mut errors);
        match rule {
            Some(r) if errors.is_empty() => Ok(r),
            _ => Err(errors),
        }
    }

    fn build_into(&self, path: &ConditionPath, e: &mut Vec<FieldError>) -> Option<GroupRule> {
        if let Some(k) = &self.kept {
            return Some(k.clone());
        }
        let key = path_key(path);
        let at = |field: &str| if key.is_empty() { field.to_string() } else { format!("{key}.{field}") };
        let label = path_label(path);
        let mut err = |field: &str, message: String| {
            e.push(FieldError::new(at(field), message));
        };
        Some(match self.kind {
            ConditionKind::AllOf | ConditionKind::AnyOf => {
                let mut child = path.to_vec();
                child.push(Step::Condition(0));
                let mut rules = Vec::new();
                for (i, c) in self.conditions.iter().enumerate() {
                    *child.last_mut()? = Step::Condition(i);
                    if let Some(r) = c.build_into(&child, e) {
                        rules.push(r);
                    }
                }
                let any = self.kind == ConditionKind::AnyOf;
                let mut rule = match rules.len() {
                    0 if any => {
                        e.push(FieldError::new(
                            at("conditions"),
                            format!("{label}: “một trong các điều kiện” cần ít nhất một điều kiện."),
                        ));
                        return None;
                    }
                    0 => GroupRule::Everyone,
                    1 => rules.remove(0),
                    _ if any => GroupRule::AnyOf { rules },
                    _ => GroupRule::AllOf { rules },
                };
                for (i, c) in self.except.iter().enumerate() {
                    *child.last_mut()? = Step::Except(i);
                    if let Some(x) = c.build_into(&child, e) {
                        rule = rule.minus(x);
                    }
                }
                rule
            }
            ConditionKind::Everyone => GroupRule::Everyone,
            ConditionKind::Local => GroupRule::Local,
            ConditionKind::Group => {
                let id = self.group.trim();
                if id.is_empty() {
                    err("group", format!("{label}: chọn nhóm."));
                    return None;
                }
                GroupRule::Group { id: id.to_string() }
            }
            ConditionKind::Position => {
                let unit = match self.unit.build(&at("unit")) {
                    Ok(u) => u,
                    Err(x) => {
                        e.extend(x);
                        return None;
                    }
                };
                GroupRule::Position { title: self.text.to_match(), leadership: self.leadership, unit }
            }
            ConditionKind::Membership => {
                let Some(committee) = self.committee else {
                    err("committee", format!("{label}: chọn cơ quan (BCH, BTV, UBKT, HĐND)."));
                    return None;
                };
                GroupRule::Membership { committee, level: self.level, term: self.text.to_match() }
            }
            ConditionKind::WorksIn => match self.unit.build(&at("unit")) {
                Ok(u) => GroupRule::WorksIn { unit: u.unwrap_or_default() },
                Err(x) => {
                    e.extend(x);
                    return None;
                }
            },
            ConditionKind::Category => {
                if self.categories.is_empty() {
                    err("categories", format!("{label}: chọn ít nhất một đối tượng (cán bộ, công chức, viên chức …)."));
                    return None;
                }
                GroupRule::Category { any_of: self.categories.clone() }
            }
            ConditionKind::AgeBelow | ConditionKind::AgeAtLeast => {
                let reference_year = if self.reference_year.trim().is_empty() {
                    None
                } else {
                    match parse_year(&self.reference_year) {
                        Ok(y) => Some(y),
                        Err(m) => {
                            err("reference_year", format!("{label}, năm tính tuổi: {m}"));
                            return None;
                        }
                    }
                };
                let Some(years) = parse_whole(&self.years).filter(|n| (18..=80).contains(n)) else {
                    err("years", format!("{label}: số tuổi phải từ 18 đến 80, ví dụ 45."));
                    return None;
                };
                let years = years as u16;
                if self.kind == ConditionKind::AgeBelow {
                    GroupRule::AgeBelow { years, reference_year }
                } else {
                    GroupRule::AgeAtLeast { years, reference_year }
                }
            }
            ConditionKind::GradeAtLeast => {
                let Some(grade) = self.grade else {
                    err("grade", format!("{label}: chọn ngạch."));
                    return None;
                };
                GroupRule::GradeAtLeast { grade }
            }
            ConditionKind::PlannedFor => GroupRule::PlannedFor { title: self.text.to_match() },
            ConditionKind::Gender => {
                let Some(gender) = self.gender else {
                    err("gender", format!("{label}: chọn nam hoặc nữ."));
                    return None;
                };
                GroupRule::Gender { gender }
            }
            ConditionKind::Ethnicity => {
                let any_of = split_words(&self.ethnicities);
                if any_of.is_empty() {
                    err("ethnicities", format!("{label}: nhập dân tộc, ví dụ Mông; Dao."));
                    return None;
                }
                GroupRule::Ethnicity { any_of }
            }
            ConditionKind::Meets => {
                let mut x = Vec::new();
                let c = self.criterion.build(&at("criterion"), &mut x);
                let failed = !x.is_empty();
                e.extend(x.into_iter().map(|f| FieldError::new(f.field, format!("{label}: {}", f.message))));
                if failed {
                    return None;
                }
                GroupRule::Meets { criterion: Box::new(c?) }
            }
            ConditionKind::Label => {
                let name = self.label_name.trim();
                if name.is_empty() {
                    err("label_name", format!("{label}: chọn tên nhãn (tên cột)."));
                    return None;
                }
                let Some(value) = self.text.to_match() else {
                    err("text", format!("{label}: nhập ít nhất một giá trị nhãn, ví dụ 1.3."));
                    return None;
                };
                GroupRule::Label { name: name.to_string(), value }
            }
        })
    }
}

/// The condition kind of a rule (a block for unions, intersections and exclusions).
fn kind_of(rule: &GroupRule) -> ConditionKind {
    match rule {
        GroupRule::Everyone => ConditionKind::Everyone,
        GroupRule::Group { .. } => ConditionKind::Group,
        GroupRule::AnyOf { .. } => ConditionKind::AnyOf,
        GroupRule::AllOf { .. } | GroupRule::Minus { .. } => ConditionKind::AllOf,
        GroupRule::Position { .. } => ConditionKind::Position,
        GroupRule::Membership { .. } => ConditionKind::Membership,
        GroupRule::WorksIn { .. } => ConditionKind::WorksIn,
        GroupRule::Category { .. } => ConditionKind::Category,
        GroupRule::AgeBelow { .. } => ConditionKind::AgeBelow,
        GroupRule::AgeAtLeast { .. } => ConditionKind::AgeAtLeast,
        GroupRule::GradeAtLeast { .. } => ConditionKind::GradeAtLeast,
        GroupRule::PlannedFor { .. } => ConditionKind::PlannedFor,
        GroupRule::Gender { .. } => ConditionKind::Gender,
        GroupRule::Local => ConditionKind::Local,
        GroupRule::Ethnicity { .. } => ConditionKind::Ethnicity,
        GroupRule::Meets { .. } => ConditionKind::Meets,
        GroupRule::Label { .. } => ConditionKind::Label,
    }
}

/// Biểu mẫu nhóm đối tượng: the group's name and stated size, and its rule as a block of
/// conditions ([`ConditionDraft`] of kind "đủ tất cả" or "một trong").
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDraft {
    /// Mã (kept when editing; empty = fresh at build).
    pub id: String,
    /// Tên nhóm as the document names it.
    pub name: String,
    /// Số người văn bản nêu, with its word when bounded ("42", "khoảng 1.200").
    pub stated_count: String,
    /// Số người từng năm ("2024: 1.150; 2025: khoảng 1.200").
    pub stated_by_year: String,
    /// Ghi chú.
    pub note: String,
    /// Người thuộc nhóm khi: the block of conditions.
    pub rule: ConditionDraft,
}

impl Default for GroupDraft {
    fn default() -> Self {
        GroupDraft::blank()
    }
}

impl GroupDraft {
    /// An empty form: no condition yet (everyone in the directive's scope).
    pub fn blank() -> GroupDraft {
        GroupDraft {
            id: String::new(),
            name: String::new(),
            stated_count: String::new(),
            stated_by_year: String::new(),
            note: String::new(),
            rule: ConditionDraft::new(ConditionKind::AllOf),
        }
    }

    /// A form holding `conditions`, all of which must hold.
    pub fn all_of(name: &str, conditions: Vec<ConditionDraft>) -> GroupDraft {
        GroupDraft {
            name: name.into(),
            rule: ConditionDraft { conditions, ..ConditionDraft::new(ConditionKind::AllOf) },
            ..GroupDraft::blank()
        }
    }

    /// The form of a group (every group has one: see [`ConditionDraft::from_rule`]).
    pub fn from_group(g: &Group) -> GroupDraft {
        let mut rule = ConditionDraft::from_rule(&g.rule);
        if !rule.kind.is_block() || rule.kept.is_some() {
            rule = ConditionDraft { conditions: vec![rule], ..ConditionDraft::new(ConditionKind::AllOf) };
        }
        GroupDraft {
            id: g.id.clone(),
            name: g.name.clone(),
            stated_count: g.stated_count.map(|n| stated_size_text(n, g.stated_bound)).unwrap_or_default(),
            stated_by_year: by_year_text(&g.stated_by_year),
            note: g.note.clone(),
            rule,
        }
    }

    /// The rule the form describes (without checking references).
    pub fn rule(&self) -> Result<GroupRule, Vec<FieldError>> {
        self.rule.build(&[])
    }

    /// True when some part of the rule is kept as the document gave it (the form shows it in
    /// words).
    pub fn keeps_any(&self) -> bool {
        fn walk(c: &ConditionDraft) -> bool {
            c.kept.is_some() || c.conditions.iter().any(walk) || c.except.iter().any(walk)
        }
        walk(&self.rule)
    }

    /// The rule in words, when the form builds.
    pub fn describe(&self, d: &Directive) -> Option<String> {
        self.rule().ok().map(|r| describe_rule(&r, d))
    }

    /// Who the rule takes in `year`, as `d` would count the group once saved (its scope, the
    /// groups it names), while the form is being filled; `None` while a field does not parse.
    pub fn members(&self, d: &Directive, idx: &RosterIndex, year: u16) -> Option<Bits> {
        let rule = self.rule().ok()?;
        let id = if self.id.trim().is_empty() { d.new_id("g") } else { self.id.trim().to_string() };
        let group = Group {
            id,
            name: String::new(),
            rule,
            stated_count: None,
            stated_bound: Bound::Exact,
            stated_by_year: Vec::new(),
            note: String::new(),
        };
        Some(members_if_saved(d, idx, &group, year))
    }

    /// Parses and checks the form against `d` (names, references, cycles).
    pub fn build(&self, d: &Directive) -> Result<Group, Vec<FieldError>> {
        let mut e = Vec::new();
        if self.name.trim().is_empty() {
            e.push(FieldError::new("name", "Tên nhóm: không được để trống."));
        }
        let id = if self.id.trim().is_empty() { d.new_id("g") } else { self.id.trim().to_string() };
        check_references(&self.rule, &mut Vec::new(), &id, d, &mut e);
        let (stated_bound, stated_count) = if self.stated_count.trim().is_empty() {
            (Bound::Exact, None)
        } else {
            match parse_bounded(&self.stated_count).filter(|(_, x)| x.fract() == 0.0 && *x <= f64::from(u32::MAX)) {
                Some((bound, n)) => (bound, Some(n as u32)),
                None => {
                    e.push(FieldError::new(
                        "stated_count",
                        "Số người theo văn bản: phải là số nguyên, có thể kèm “khoảng”, “gần”, “hơn”, “trên”, “dưới”, ví dụ 42 hoặc khoảng 1.200.",
                    ));
                    (Bound::Exact, None)
                }
            }
        };
        let stated_by_year = parse_by_year(&self.stated_by_year).unwrap_or_else(|m| {
            e.push(FieldError::new("stated_by_year", m));
            Vec::new()
        });
        let rule = match self.rule() {
            Ok(r) => Some(r),
            Err(x) => {
                e.extend(x);
                None
            }
        };
        if !e.is_empty() {
            return Err(e);
        }
        let g = Group {
            id: id.clone(),
            name: self.name.trim().into(),
            rule: rule.unwrap_or(GroupRule::Everyone),
            stated_count,
            stated_bound,
            stated_by_year,
            note: self.note.trim().into(),
        };
        // Cycles and the remaining rules, as the whole directive sees them.
        let mut copy = d.clone();
        let i = match copy.groups.iter().position(|x| x.id == id) {
            Some(i) => {
                copy.groups[i] = g.clone();
                i
            }
            None => {
                copy.groups.push(g.clone());
                copy.groups.len() - 1
            }
        };
        let prefix = format!("groups[{i}]");
        let rest: Vec<FieldError> = copy
            .validate()
            .into_iter()
            .filter(|x| x.field.starts_with(&prefix))
            .map(|x| FieldError::new("rule", x.message))
            .collect();
        if rest.is_empty() {
            Ok(g)
        } else {
            Err(rest)
        }
    }
}

/// Group references inside the form: to an existing group, not to the group itself.
fn check_references(c: &ConditionDraft, path: &mut Vec<Step>, own: &str, d: &Directive, e: &mut Vec<FieldError>) {
    if c.kept.is_none() && c.kind == ConditionKind::Group {
        let id = c.group.trim();
        let key = format!("{}.group", path_key(path));
        if id == own {
            e.push(FieldError::new(key, format!("{}: một nhóm không thể dựa vào chính nó.", path_label(path))));
        } else if !id.is_empty() && d.group(id).is_none() {
            e.push(FieldError::new(key, format!("{}: nhóm “{id}” không có trong văn bản.", path_label(path))));
        }
    }
    if c.kept.is_none() && c.kind.is_block() {
        for (i, x) in c.conditions.iter().enumerate() {
            path.push(Step::Condition(i));
            check_references(x, path, own, d, e);
            path.pop();
        }
        for (i, x) in c.except.iter().enumerate() {
            path.push(Step::Except(i));
            check_references(x, path, own, d, e);
            path.pop();
        }
    }
}

/// A criterion of the form as a group condition ("có trình độ thạc sĩ trở lên").
pub fn meets_level(scale: crate::levels::Scale, level: &str) -> ConditionDraft {
    ConditionDraft {
        criterion: CriterionDraft { kind: CriterionKind::Level, ..CriterionDraft::level(scale, level, false) },
        ..ConditionDraft::new(ConditionKind::Meets)
    }
}

#[cfg(test)]
mod tests;
