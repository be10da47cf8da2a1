//! Biểu mẫu: flat drafts behind the editor's forms. The UI renders one input per field and
//! calls `build`, which parses what the officer typed and returns the rule or a list of
//! [`FieldError`]s whose `field` is the form key ("value", "milestones.1.year",
//! "criteria.0.level") and whose message names the field as the form labels it.
//!
//! Numbers are typed as text: "50", "33,3", "20-25", "03 - 05". Lists of words (chức danh, tên
//! đơn vị, chuyên ngành) are typed one per line or separated by ";".

use super::describe::{describe_rule, describe_target, Describer};
use super::group::{members_if_saved, GroupRule, MatchHow, TextMatch, UnitFilter};
use super::index::{Bits, RosterIndex};
use super::target::{
    Comparator, Criterion, EventKind, Measure, Milestone, Reported, StatedBaseline, Target, TrainingNeed, Window,
};
use super::{validate, Directive, Group};
use crate::error::FieldError;
use crate::levels::Scale;
use crate::model::{Category, CivilGrade, Committee, GovLevel, Leadership, Region, UnitKind};

/// Code of a scale for form values ("professional", "political" ...): [`Scale::code`].
pub fn scale_code(s: Scale) -> &'static str {
    s.code()
}

/// The scale with this form code: [`Scale::from_code`].
pub fn scale_from_code(c: &str) -> Option<Scale> {
    Scale::from_code(c)
}

/// Splits a typed list: one per line or separated by ";".
pub fn split_words(s: &str) -> Vec<String> {
    s.split(['\n', ';']).map(str::trim).filter(|w| !w.is_empty()).map(String::from).collect()
}

fn join_words(w: &[String]) -> String {
    w.join("; ")
}

pub use super::target::{CriterionKind, MeasureKind, WindowKind};
pub use crate::number::parse_number;

/// Parses "50" or a range "20-25", "03 - 05", "20–25%", "2 đến 3".
pub fn parse_amount(s: &str) -> Option<(f64, Option<f64>)> {
    let t = s.trim().replace(['–', '—'], "-").replace("đến", "-");
    let t = t.trim();
    match t.split_once('-') {
        Some((a, b)) if !a.trim().is_empty() => Some((parse_number(a)?, Some(parse_number(b)?))),
        Some(_) => None,
        None => Some((parse_number(t)?, None)),
    }
}

fn parse_year(s: &str) -> Result<u16, &'static str> {
    let t = s.trim();
    if t.len() != 4 || !t.chars().all(|c| c.is_ascii_digit()) {
        return Err("phải là năm có 4 chữ số, ví dụ 2025.");
    }
    let y: u16 = t.parse().map_err(|_| "phải là năm có 4 chữ số, ví dụ 2025.")?;
    if (1945..=2100).contains(&y) {
        Ok(y)
    } else {
        Err("phải trong khoảng 1945 - 2100.")
    }
}

fn parse_whole(s: &str) -> Option<u32> {
    let t = s.trim();
    (!t.is_empty() && t.chars().all(|c| c.is_ascii_digit())).then(|| t.parse().ok()).flatten()
}

/// A number back into its field exactly as it was typed (47,26 stays 47,26: opening a target
/// and saving it unchanged must not change the document).
fn num_text(x: f64) -> String {
    crate::number::float_text(x)
}

fn opt_num_text(x: Option<f64>) -> String {
    x.map(num_text).unwrap_or_default()
}

/// Lọc đơn vị on a form: checkboxes for levels, kinds and regions, typed names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitDraft {
    /// Cấp (any of; none = any).
    pub levels: Vec<GovLevel>,
    /// Loại đơn vị (any of).
    pub kinds: Vec<UnitKind>,
    /// Loại đơn vị loại trừ.
    pub exclude_kinds: Vec<UnitKind>,
    /// Vùng.
    pub regions: Vec<Region>,
    /// Tên đơn vị (typed, one per line or ";").
    pub names: String,
    /// How names match.
    pub name_how: MatchHow,
    /// Tên đơn vị loại trừ.
    pub exclude_names: String,
    /// How excluded names match.
    pub exclude_name_how: MatchHow,
    /// Thuộc đơn vị (roster id, chosen from the unit tree); empty = any.
    pub within: String,
}

impl UnitDraft {
    /// The draft of a filter; `None` when it uses what the form cannot show (excluded words
    /// inside a name match).
    pub fn from_filter(u: &UnitFilter) -> Option<UnitDraft> {
        if u.name.as_ref().is_some_and(|m| !m.none_of.is_empty())
            || u.exclude_name.as_ref().is_some_and(|m| !m.none_of.is_empty())
        {
            return None;
        }
        Some(UnitDraft {
            levels: u.levels.clone(),
            kinds: u.kinds.clone(),
            exclude_kinds: u.exclude_kinds.clone(),
            regions: u.regions.clone(),
            names: u.name.as_ref().map(|m| join_words(&m.any_of)).unwrap_or_default(),
            name_how: u.name.as_ref().map_or(MatchHow::StartsWith, |m| m.how),
            exclude_names: u.exclude_name.as_ref().map(|m| join_words(&m.any_of)).unwrap_or_default(),
            exclude_name_how: u.exclude_name.as_ref().map_or(MatchHow::StartsWith, |m| m.how),
            within: u.within.clone().unwrap_or_default(),
        })
    }

    /// True when nothing is chosen.
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
            && self.kinds.is_empty()
            && self.exclude_kinds.is_empty()
            && self.regions.is_empty()
            && split_words(&self.names).is_empty()
            && split_words(&self.exclude_names).is_empty()
            && self.within.trim().is_empty()
    }

    /// The filter (None when empty). `key` prefixes error fields ("units").
    pub fn build(&self, key: &str) -> Result<Option<UnitFilter>, Vec<FieldError>> {
        if self.is_empty() {
            return Ok(None);
        }
        if self.kinds.iter().any(|k| self.exclude_kinds.contains(k)) {
            return Err(vec![FieldError::new(
                format!("{key}.exclude_kinds"),
                "Loại đơn vị loại trừ: một loại vừa được chọn vừa bị loại trừ.",
            )]);
        }
        let tm = |s: &str, how: MatchHow| {
            let w = split_words(s);
            (!w.is_empty()).then_some(TextMatch { any_of: w, how, none_of: Vec::new() })
        };
        Ok(Some(UnitFilter {
            levels: self.levels.clone(),
            kinds: self.kinds.clone(),
            exclude_kinds: self.exclude_kinds.clone(),
            regions: self.regions.clone(),
            name: tm(&self.names, self.name_how),
            exclude_name: tm(&self.exclude_names, self.exclude_name_how),
            within: (!self.within.trim().is_empty()).then(|| self.within.trim().to_string()),
        }))
    }
}

/// One criterion row of the target form.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionDraft {
    /// Loại tiêu chí.
    pub kind: CriterionKind,
    /// Thang trình độ (for `Level`).
    pub scale: Scale,
    /// Level code on the scale ("thac_si"); see `scale.levels()` for the options.
    pub level: String,
    /// Tính cả người đang học.
    pub count_studying: bool,
    /// Chuyên ngành (for `Field`), one per line or ";".
    pub field: String,
    /// The personal condition kept from the document (for `Person`), shown in words.
    pub person: Option<GroupRule>,
    /// Mã of the directive's standards table (for `Standard`).
    pub standard: String,
    /// Trên chuẩn (for `Standard`).
    pub above: bool,
    /// Only these scales (for `Standard`; empty: every scale the table requires).
    pub scales: Vec<Scale>,
    /// Theo chức danh quy hoạch (for `Standard`).
    pub planned: bool,
}

impl Default for CriterionDraft {
    fn default() -> Self {
        CriterionDraft {
            kind: CriterionKind::Level,
            scale: Scale::Professional,
            level: String::new(),
            count_studying: false,
            field: String::new(),
            person: None,
            standard: String::new(),
            above: false,
            scales: Vec::new(),
            planned: false,
        }
    }
}

impl CriterionDraft {
    /// A level row: "trình độ <level> trở lên".
    pub fn level(scale: Scale, level: &str, count_studying: bool) -> Self {
        CriterionDraft { kind: CriterionKind::Level, scale, level: level.into(), count_studying, ..Default::default() }
    }

    fn from_criterion(c: &Criterion) -> Self {
        match c {
            Criterion::Level { scale, level, count_studying } => CriterionDraft::level(*scale, level, *count_studying),
            Criterion::MinorityLanguage => {
                CriterionDraft { kind: CriterionKind::MinorityLanguage, ..Default::default() }
            }
            Criterion::LaoLanguage => CriterionDraft { kind: CriterionKind::LaoLanguage, ..Default::default() },
            Criterion::Field { field } => {
                CriterionDraft { kind: CriterionKind::Field, field: join_words(&field.any_of), ..Default::default() }
            }
            Criterion::Person { rule } => CriterionDraft {
                kind: CriterionKind::Person,
                person: Some(rule.as_ref().clone()),
                ..Default::default()
            },
            Criterion::Standard { standard, above, scales, count_studying, planned } => CriterionDraft {
                kind: CriterionKind::Standard,
                standard: standard.clone(),
                above: *above,
                scales: scales.clone(),
                count_studying: *count_studying,
                planned: *planned,
                ..Default::default()
            },
        }
    }

    fn build(&self, key: &str, errors: &mut Vec<FieldError>) -> Option<Criterion> {
        match self.kind {
            CriterionKind::Level => {
                let code = self.level.trim();
                if code.is_empty() {
                    errors.push(FieldError::new(format!("{key}.level"), "Trình độ: chưa chọn mức trình độ."));
                    return None;
                }
                if !self.scale.levels().iter().any(|(c, _)| *c == code) {
                    errors.push(FieldError::new(
                        format!("{key}.level"),
                        format!("Trình độ: “{code}” không có trên thang {}.", self.scale.label()),
                    ));
                    return None;
                }
                Some(Criterion::Level { scale: self.scale, level: code.into(), count_studying: self.count_studying })
            }
            CriterionKind::MinorityLanguage => Some(Criterion::MinorityLanguage),
            CriterionKind::LaoLanguage => Some(Criterion::LaoLanguage),
            CriterionKind::Field => {
                let w = split_words(&self.field);
                if w.is_empty() {
                    errors.push(FieldError::new(format!("{key}.field"), "Chuyên ngành: chưa nhập chuyên ngành."));
                    return None;
                }
                Some(Criterion::Field { field: TextMatch { any_of: w, how: MatchHow::Contains, none_of: Vec::new() } })
            }
            CriterionKind::Person => {
                match &self.person {
                    Some(r) => Some(Criterion::Person { rule: Box::new(r.clone()) }),
                    None => {
                        errors.push(FieldError::new(format!("{key}.kind"), "Điều kiện cá nhân: chỉ giữ được từ văn bản mẫu; hãy tạo một nhóm đối tượng cho điều kiện này."));
                        None
                    }
                }
            }
            CriterionKind::Standard => {
                let standard = self.standard.trim();
                if standard.is_empty() {
                    errors.push(FieldError::new(
                        format!("{key}.standard"),
                        "Đạt chuẩn: chưa chọn bảng tiêu chuẩn (thêm bảng ở mục Bảng tiêu chuẩn của văn bản).",
                    ));
                    return None;
                }
                let mut scales: Vec<Scale> = Vec::new();
                for s in &self.scales {
                    if !scales.contains(s) {
                        scales.push(*s);
                    }
                }
                Some(Criterion::Standard {
                    standard: standard.into(),
                    above: self.above,
                    scales,
                    count_studying: self.count_studying,
                    planned: self.planned,
                })
            }
        }
    }
}

/// Một mốc on the form: năm, mức ("50" or "20-25"), cận trên, mức tăng so với hiện nay.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MilestoneDraft {
    /// Năm ("2025").
    pub year: String,
    /// Mức ("50", "33,3", or a range "20-25").
    pub value: String,
    /// Cận trên ("25"), when the range is not typed in `value`.
    pub upper: String,
    /// Tăng ... so với hiện nay ("17").
    pub increase: String,
}

impl MilestoneDraft {
    fn is_blank(&self) -> bool {
        self.year.trim().is_empty()
            && self.value.trim().is_empty()
            && self.upper.trim().is_empty()
            && self.increase.trim().is_empty()
    }
}

/// Biểu mẫu chỉ tiêu: every field of the structured target form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TargetDraft {
    /// Mã (kept when editing; empty = a fresh id at build).
    pub id: String,
    /// Câu chỉ tiêu as the document writes it; empty = the generated sentence.
    pub sentence: String,
    /// Loại chỉ tiêu.
    pub kind: MeasureKind,
    /// Nhóm đối tượng (group id; empty = none).
    pub group: String,
    /// Tiêu chí (all at once).
    pub criteria: Vec<CriterionDraft>,
    /// Đơn vị (for "mỗi đơn vị").
    pub units: UnitDraft,
    /// Nội dung đào tạo, bồi dưỡng.
    pub training: String,
    /// Khoảng thời gian.
    pub window: WindowKind,
    /// N of "1 lần trong N năm".
    pub window_years: String,
    /// Giai đoạn từ năm.
    pub window_from: String,
    /// Giai đoạn đến năm.
    pub window_to: String,
    /// Cơ quan thực hiện.
    pub agency: String,
    /// Chỉ tiêu tính cho mỗi đơn vị, địa phương.
    pub per_unit_quota: bool,
    /// Loại hoạt động.
    pub event: EventKind,
    /// So sánh (for every milestone).
    pub comparator: Comparator,
    /// Các mốc (blank rows are ignored).
    pub milestones: Vec<MilestoneDraft>,
    /// Số liệu gốc.
    pub baseline_value: String,
    /// Năm của số liệu gốc.
    pub baseline_year: String,
    /// Tử số gốc.
    pub baseline_numerator: String,
    /// Mẫu số gốc.
    pub baseline_denominator: String,
    /// Chỉ tiêu bậc trên (target id; empty = none).
    pub tier_of: String,
    /// Ghi chú.
    pub note: String,
    /// Kết quả đã báo cáo, kept as is (not on the form).
    pub reported: Option<Reported>,
    /// Remarks for the officer about what the form changed when it read the target.
    pub notes: Vec<String>,
}

impl TargetDraft {
    /// A new target's form: share of the directive's first group at a level, one deadline row
    /// at the end of the directive's period.
    pub fn blank(d: &Directive) -> TargetDraft {
        TargetDraft {
            group: d.groups.first().map(|g| g.id.clone()).unwrap_or_default(),
            criteria: vec![CriterionDraft::level(Scale::Professional, "", false)],
            milestones: vec![MilestoneDraft {
                year: d.period.map(|p| p.to.to_string()).unwrap_or_default(),
                ..Default::default()
            }],
            window_years: "2".into(),
            ..Default::default()
        }
    }

    /// The form of an existing target. Nothing is lost except when its milestones use
    /// different comparators (the first one is kept; `notes` says so).
    pub fn from_target(t: &Target) -> TargetDraft {
        let mut d = TargetDraft {
            id: t.id.clone(),
            sentence: t.sentence.clone(),
            kind: MeasureKind::of(&t.measure),
            group: t.group.clone().unwrap_or_default(),
            criteria: t.measure.criteria().iter().map(CriterionDraft::from_criterion).collect(),
            comparator: t.milestones.first().map(|m| m.comparator).unwrap_or_default(),
            milestones: t
                .milestones
                .iter()
                .map(|m| MilestoneDraft {
                    year: m.year.to_string(),
                    value: opt_num_text(m.value),
                    upper: opt_num_text(m.upper),
                    increase: opt_num_text(m.increase),
                })
                .collect(),
            tier_of: t.tier_of.clone().unwrap_or_default(),
            note: t.note.clone(),
            reported: t.reported.clone(),
            window_years: "2".into(),
            ..Default::default()
        };
        if t.milestones.iter().any(|m| m.comparator != d.comparator) {
            d.notes.push(format!(
                "Các mốc dùng cách so sánh khác nhau; khi lưu, mọi mốc sẽ dùng “{}”.",
                d.comparator.label()
            ));
        }
        if let Some(b) = &t.baseline {
            d.baseline_value = num_text(b.value);
            d.baseline_year = b.year.map(|y| y.to_string()).unwrap_or_default();
            d.baseline_numerator = b.numerator.map(|y| y.to_string()).unwrap_or_default();
            d.baseline_denominator = b.denominator.map(|y| y.to_string()).unwrap_or_default();
        }
        match &t.measure {
            Measure::PerUnit { units, .. } => match UnitDraft::from_filter(units) {
                Some(u) => d.units = u,
                None => d.notes.push("Điều kiện đơn vị có từ loại trừ trong tên, biểu mẫu không hiển thị được; khi lưu sẽ bỏ điều kiện này.".into()),
            },
            Measure::Trained { training, window } => {
                d.training = training.clone();
                match *window {
                    Window::Year => d.window = WindowKind::Year,
                    Window::Years { years } => {
                        d.window = WindowKind::Years;
                        d.window_years = years.to_string();
                    }
                    Window::Term => d.window = WindowKind::Term,
                    Window::Period { from, to } => {
                        d.window = WindowKind::Period;
                        d.window_from = from.to_string();
                        d.window_to = to.to_string();
                    }
                }
            }
            Measure::Completions { training, agency, per_unit } => {
                d.training = training.clone();
                d.agency = agency.clone();
                d.per_unit_quota = *per_unit;
            }
            Measure::Events { event, training } => {
                d.event = *event;
                d.training = training.clone();
            }
            Measure::Share { .. } | Measure::Count { .. } | Measure::Directional => {}
        }
        d
    }

    /// The sentence generated from the form as it stands, when it builds.
    pub fn generated_sentence(&self, d: &Directive) -> Option<String> {
        let mut x = self.clone();
        x.sentence = String::new();
        x.build(d).ok().map(|t| t.sentence)
    }

    /// Parses and checks the form. On success the target is ready for
    /// [`Directive::add_target`] or [`Directive::replace_target`]; its sentence is the typed one,
    /// or the generated one when none was typed.
    pub fn build(&self, d: &Directive) -> Result<Target, Vec<FieldError>> {
        let mut e = Vec::new();
        let kind = self.kind;
        let percent = kind.is_percent();
        let roster = matches!(kind, MeasureKind::Share | MeasureKind::Count | MeasureKind::PerUnit);

        // Group.
        let group = self.group.trim();
        if group.is_empty() {
            if roster {
                e.push(FieldError::new("group", "Nhóm đối tượng: chưa chọn nhóm."));
            }
        } else if d.group(group).is_none() {
            e.push(FieldError::new("group", format!("Nhóm đối tượng: nhóm “{group}” không có trong văn bản.")));
        }

        // Criteria.
        let mut criteria = Vec::new();
        if roster {
            for (i, c) in self.criteria.iter().enumerate() {
                if let Some(c) = c.build(&format!("criteria.{i}"), &mut e) {
                    criteria.push(c);
                }
            }
            if self.criteria.is_empty() && kind != MeasureKind::PerUnit {
                e.push(FieldError::new(
                    "criteria",
                    "Tiêu chí: cần ít nhất một tiêu chí, ví dụ trình độ thạc sĩ trở lên.",
                ));
            }
        }

        // Measure.
        let training = self.training.trim().to_string();
        let measure = match kind {
            MeasureKind::Share => Measure::Share { criteria },
            MeasureKind::Count => Measure::Count { criteria },
            MeasureKind::PerUnit => match self.units.build("units") {
                Ok(u) => Measure::PerUnit { units: Box::new(u.unwrap_or_default()), criteria },
                Err(x) => {
                    e.extend(x);
                    Measure::PerUnit { units: Box::default(), criteria }
                }
            },
            MeasureKind::Trained => {
                if training.is_empty() {
                    e.push(FieldError::new("training", "Nội dung đào tạo, bồi dưỡng: không được để trống."));
                }
                let window = match self.window {
                    WindowKind::Year => Window::Year,
                    WindowKind::Term => Window::Term,
                    WindowKind::Years => match parse_whole(&self.window_years).filter(|n| (1..=20).contains(n)) {
                        Some(n) => Window::Years { years: n as u8 },
                        None => {
                            e.push(FieldError::new("window_years", "Chu kỳ: phải là số năm từ 1 đến 20, ví dụ 2."));
                            Window::Year
                        }
                    },
                    WindowKind::Period => {
                        let from = parse_year(&self.window_from)
                            .map_err(|m| e.push(FieldError::new("window_from", format!("Giai đoạn từ năm: {m}"))))
                            .ok();
                        let to = parse_year(&self.window_to)
                            .map_err(|m| e.push(FieldError::new("window_to", format!("Giai đoạn đến năm: {m}"))))
                            .ok();
                        match (from, to) {
                            (Some(a), Some(b)) if a <= b => Window::Period { from: a, to: b },
                            (Some(_), Some(_)) => {
                                e.push(FieldError::new(
                                    "window_to",
                                    "Giai đoạn đến năm: phải không trước năm bắt đầu.",
                                ));
                                Window::Year
                            }
                            _ => Window::Year,
                        }
                    }
                };
                Measure::Trained { training: training.clone(), window }
            }
            MeasureKind::Completions => {
                if training.is_empty() {
                    e.push(FieldError::new("training", "Nội dung đào tạo: không được để trống."));
                }
                Measure::Completions {
                    training: training.clone(),
                    agency: self.agency.trim().into(),
                    per_unit: self.per_unit_quota,
                }
            }
            MeasureKind::Events => Measure::Events { event: self.event, training: training.clone() },
            MeasureKind::Directional => Measure::Directional,
        };

        // Baseline.
        let baseline = self.build_baseline(percent, &mut e);

        // Milestones.
        let rows: Vec<(usize, &MilestoneDraft)> =
            self.milestones.iter().enumerate().filter(|(_, m)| !m.is_blank()).collect();
        let mut milestones = Vec::new();
        if kind == MeasureKind::Directional {
            if !rows.is_empty() {
                e.push(FieldError::new(
                    "milestones",
                    "Mốc: chỉ tiêu định hướng không có mức số; xóa các mốc hoặc chọn loại chỉ tiêu khác.",
                ));
            }
        } else {
            let start = d.start_date().map(|s| s.year);
            let mut last: Option<u16> = None;
            for (i, m) in rows {
                let key = |f: &str| format!("milestones.{i}.{f}");
                let year = match parse_year(&m.year) {
                    Ok(y) => {
                        if let Some(s) = start.filter(|s| y < *s) {
                            e.push(FieldError::new(
                                key("year"),
                                format!("Năm: không được trước năm ban hành văn bản ({s})."),
                            ));
                        } else if last.is_some_and(|l| y <= l) {
                            e.push(FieldError::new(
                                key("year"),
                                "Năm: các mốc phải theo thứ tự năm tăng dần, không trùng nhau.",
                            ));
                        }
                        last = Some(y);
                        y
                    }
                    Err(msg) => {
                        e.push(FieldError::new(key("year"), format!("Năm: {msg}")));
                        0
                    }
                };
                let (mut value, mut upper) = (None, None);
                if !m.value.trim().is_empty() {
                    match parse_amount(&m.value) {
                        Some((a, b)) => {
                            value = Some(a);
                            upper = b;
                        }
                        None => e.push(FieldError::new(key("value"), "Mức chỉ tiêu: phải là số, ví dụ 50 hoặc 20-25.")),
                    }
                }
                if !m.upper.trim().is_empty() {
                    if upper.is_some() {
                        e.push(FieldError::new(
                            key("upper"),
                            "Cận trên: đã nhập khoảng ở ô Mức chỉ tiêu, để trống ô này.",
                        ));
                    } else {
                        match parse_number(&m.upper) {
                            Some(b) => upper = Some(b),
                            None => e.push(FieldError::new(key("upper"), "Cận trên: phải là số, ví dụ 25.")),
                        }
                    }
                }
                let increase = if m.increase.trim().is_empty() {
                    None
                } else {
                    let x = parse_number(&m.increase);
                    if x.is_none() {
                        e.push(FieldError::new(key("increase"), "Mức tăng: phải là số, ví dụ 17."));
                    }
                    x
                };
                if m.value.trim().is_empty() && increase.is_none() && m.increase.trim().is_empty() {
                    e.push(FieldError::new(key("value"), "Mức chỉ tiêu: chưa nhập, ví dụ 50 hoặc 20-25."));
                }
                if value.is_none() && upper.is_some() && m.value.trim().is_empty() {
                    e.push(FieldError::new(key("value"), "Mức chỉ tiêu: nhập cận dưới trước cận trên."));
                }
                if percent {
                    if value.is_some_and(|x| x > 100.0) {
                        e.push(FieldError::new(key("value"), "Mức chỉ tiêu: tỷ lệ phải từ 0 đến 100%."));
                    }
                    if upper.is_some_and(|x| x > 100.0) {
                        e.push(FieldError::new(key("upper"), "Cận trên: tỷ lệ phải từ 0 đến 100%."));
                    }
                }
                if let (Some(a), Some(b)) = (value, upper) {
                    if b < a {
                        e.push(FieldError::new(
                            key("upper"),
                            format!("Cận trên: phải không nhỏ hơn mức chỉ tiêu ({}).", num_text(a)),
                        ));
                    }
                }
                if value.is_none()
                    && increase.is_some()
                    && baseline.is_none()
                    && !e.iter().any(|x| x.field == "baseline_value")
                {
                    e.push(FieldError::new(
                        "baseline_value",
                        "Số liệu gốc: chỉ tiêu “tăng so với hiện nay” cần số liệu gốc của văn bản, ví dụ 33,3.",
                    ));
                }
                milestones.push(Milestone { year, comparator: self.comparator, value, upper, increase });
            }
        }

        // Tier.
        let tier = self.tier_of.trim();
        if !tier.is_empty() {
            if tier == self.id.trim() {
                e.push(FieldError::new("tier_of", "Chỉ tiêu bậc trên: không thể là chính chỉ tiêu này."));
            } else if d.target(tier).is_none() {
                e.push(FieldError::new("tier_of", format!("Chỉ tiêu bậc trên: “{tier}” không có trong văn bản.")));
            }
        }

        if !e.is_empty() {
            return Err(e);
        }
        let mut t = Target {
            id: if self.id.trim().is_empty() { d.new_id("t") } else { self.id.trim().to_string() },
            sentence: self.sentence.trim().to_string(),
            group: (!group.is_empty()).then(|| group.to_string()),
            measure,
            milestones,
            baseline,
            reported: self.reported.clone(),
            tier_of: (!tier.is_empty()).then(|| tier.to_string()),
            note: self.note.trim().to_string(),
        };
        if t.sentence.is_empty() {
            t.sentence = describe_target(&t, d);
        }
        let rest: Vec<FieldError> =
            validate::check_target(d, &t).into_iter().map(|x| FieldError::new(form_key(&x.field), x.message)).collect();
        if rest.is_empty() {
            Ok(t)
        } else {
            Err(rest)
        }
    }

    fn build_baseline(&self, percent: bool, e: &mut Vec<FieldError>) -> Option<StatedBaseline> {
        let any = [&self.baseline_value, &self.baseline_year, &self.baseline_numerator, &self.baseline_denominator]
            .iter()
            .any(|s| !s.trim().is_empty());
        if !any {
            return None;
        }
        let value = if self.baseline_value.trim().is_empty() {
            e.push(FieldError::new("baseline_value", "Số liệu gốc: chưa nhập giá trị, ví dụ 33,3."));
            None
        } else {
            let v = parse_number(&self.baseline_value);
            match v {
                None => e.push(FieldError::new("baseline_value", "Số liệu gốc: phải là số, ví dụ 33,3.")),
                Some(x) if percent && x > 100.0 => {
                    e.push(FieldError::new("baseline_value", "Số liệu gốc: tỷ lệ phải từ 0 đến 100%."))
                }
                _ => {}
            }
            v
        };
        let year = if self.baseline_year.trim().is_empty() {
            None
        } else {
            parse_year(&self.baseline_year)
                .map_err(|m| e.push(FieldError::new("baseline_year", format!("Năm của số liệu gốc: {m}"))))
                .ok()
        };
        let whole = |s: &str, key: &str, label: &str, e: &mut Vec<FieldError>| {
            if s.trim().is_empty() {
                return None;
            }
            let x = parse_whole(s);
            if x.is_none() {
                e.push(FieldError::new(key, format!("{label}: phải là số nguyên, ví dụ 14.")));
            }
            x
        };
        let numerator = whole(&self.baseline_numerator, "baseline_numerator", "Tử số", e);
        let denominator = whole(&self.baseline_denominator, "baseline_denominator", "Mẫu số", e);
        if let (Some(a), Some(b)) = (numerator, denominator) {
            if a > b {
                e.push(FieldError::new("baseline_numerator", "Tử số: không được lớn hơn mẫu số."));
            }
        }
        Some(StatedBaseline { value: value?, year, numerator, denominator })
    }
}

/// "milestones[0].year" → "milestones.0.year"; "measure.criteria[1].level" → "criteria.1.level".
fn form_key(path: &str) -> String {
    let p = path.trim_start_matches('.').replace('[', ".").replace(']', "");
    let p = p.strip_prefix("measure.").unwrap_or(&p).to_string();
    match p.as_str() {
        "baseline.value" => "baseline_value".into(),
        "measure.window" | "window" => "window".into(),
        _ => p,
    }
}

/// Biểu mẫu nhóm đối tượng: the common shapes of a group on one flat form. Every filled
/// condition must hold at once (giao); "gồm các nhóm" makes the union of other groups; "trừ"
/// removes groups and committee members. A group "A hoặc B" of two different kinds of rule
/// is made as two groups A and B and a third that includes both.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GroupDraft {
    /// Mã (kept when editing; empty = fresh at build).
    pub id: String,
    /// Tên nhóm as the document names it.
    pub name: String,
    /// Số người văn bản nêu ("42").
    pub stated_count: String,
    /// Ghi chú.
    pub note: String,
    /// Gồm các nhóm (union; group ids).
    pub union_of: Vec<String>,
    /// Chức danh (one per line or ";").
    pub titles: String,
    /// How titles match.
    pub title_how: MatchHow,
    /// Cấp lãnh đạo tối thiểu (Cấp phó = trưởng và phó; Cấp trưởng = trưởng).
    pub leadership: Option<Leadership>,
    /// Ủy viên cơ quan.
    pub committee: Option<Committee>,
    /// Cấp của cơ quan.
    pub committee_level: Option<GovLevel>,
    /// Nhiệm kỳ / khóa ("XXI").
    pub term: String,
    /// How the term matches (kept from templates; the form offers Contains).
    pub term_how: MatchHow,
    /// Đơn vị: of the position when a position condition is set, else where the person works.
    pub unit: UnitDraft,
    /// Đối tượng (any of).
    pub categories: Vec<Category>,
    /// Dưới N tuổi.
    pub age_below: String,
    /// Năm tính tuổi (empty = the scoring year).
    pub age_reference_year: String,
    /// Từ ngạch ... trở lên.
    pub grade_from: Option<CivilGrade>,
    /// Trong quy hoạch.
    pub planned_for: bool,
    /// Chức danh quy hoạch (empty = any).
    pub planned_title: String,
    /// Trừ các nhóm (group ids).
    pub minus_groups: Vec<String>,
    /// Trừ những đồng chí là ủy viên cơ quan này.
    pub minus_committee: Option<Committee>,
    /// Cấp of the excluded committee.
    pub minus_committee_level: Option<GovLevel>,
    /// Khóa of the excluded committee.
    pub minus_term: String,
    /// How the excluded term matches.
    pub minus_term_how: MatchHow,
    /// Nhãn: the name of the officer's own column to select by ("Nhóm"); empty = not used.
    pub label_name: String,
    /// Giá trị nhãn (one per line or ";").
    pub label_values: String,
    /// How label values match ([`GroupDraft::blank`] sets "đúng bằng").
    pub label_how: MatchHow,
}

fn tm(words: &str, how: MatchHow) -> Option<TextMatch> {
    let w = split_words(words);
    (!w.is_empty()).then_some(TextMatch { any_of: w, how, none_of: Vec::new() })
}

/// Normal form for comparing rules: unions and intersections as sorted sets, exclusion chains
/// with sorted exclusions.
fn canon(r: &GroupRule) -> GroupRule {
    let key = |r: &GroupRule| serde_json::to_string(r).unwrap_or_default();
    match r {
        GroupRule::AnyOf { rules } | GroupRule::AllOf { rules } => {
            let mut xs: Vec<GroupRule> = rules.iter().map(canon).collect();
            xs.sort_by_key(key);
            if matches!(r, GroupRule::AnyOf { .. }) {
                GroupRule::AnyOf { rules: xs }
            } else {
                GroupRule::AllOf { rules: xs }
            }
        }
        GroupRule::Minus { .. } => {
            let mut excepts = Vec::new();
            let mut base = r;
            while let GroupRule::Minus { base: b, except } = base {
                excepts.push(canon(except));
                base = b;
            }
            excepts.sort_by_key(key);
            excepts.into_iter().fold(canon(base), |acc, e| acc.minus(e))
        }
        other => other.clone(),
    }
}

impl GroupDraft {
    /// An empty form: label values compare whole ("1.3" is not "11.3").
    pub fn blank() -> GroupDraft {
        GroupDraft { label_how: MatchHow::Equals, ..Default::default() }
    }

    /// The form of a group; `None` when its rule has a shape the form cannot show (the editor
    /// then shows the rule in words and offers to replace it).
    pub fn from_group(g: &Group) -> Option<GroupDraft> {
        let mut d = Self::from_rule(&g.rule)?;
        d.id = g.id.clone();
        d.name = g.name.clone();
        d.stated_count = g.stated_count.map(|n| n.to_string()).unwrap_or_default();
        d.note = g.note.clone();
        Some(d)
    }

    /// The form fields of a rule; `None` when the form cannot represent it exactly (checked by
    /// building it back).
    pub fn from_rule(rule: &GroupRule) -> Option<GroupDraft> {
        let mut d = GroupDraft { title_how: MatchHow::StartsWith, ..Self::blank() };
        let mut r = rule;
        while let GroupRule::Minus { base, except } = r {
            match except.as_ref() {
                GroupRule::Group { id } => d.minus_groups.insert(0, id.clone()),
                GroupRule::Membership { committee, level, term } if d.minus_committee.is_none() => {
                    d.minus_committee = Some(*committee);
                    d.minus_committee_level = *level;
                    if let Some(t) = term {
                        if !t.none_of.is_empty() {
                            return None;
                        }
                        d.minus_term = join_words(&t.any_of);
                        d.minus_term_how = t.how;
                    }
                }
                _ => return None,
            }
            r = base;
        }
        let conds: Vec<&GroupRule> = match r {
            GroupRule::AllOf { rules } => rules.iter().collect(),
            GroupRule::Everyone => Vec::new(),
            other => vec![other],
        };
        let (mut pos_unit, mut works_unit) = (false, false);
        for c in conds {
            match c {
                GroupRule::Group { id } if d.union_of.is_empty() => d.union_of = vec![id.clone()],
                GroupRule::AnyOf { rules } if d.union_of.is_empty() => {
                    for x in rules {
                        match x {
                            GroupRule::Group { id } => d.union_of.push(id.clone()),
                            _ => return None,
                        }
                    }
                }
                GroupRule::Position { title, leadership, unit }
                    if d.titles.is_empty() && d.leadership.is_none() && !pos_unit =>
                {
                    if title.is_none() && leadership.is_none() {
                        return None;
                    }
                    if let Some(t) = title {
                        if !t.none_of.is_empty() {
                            return None;
                        }
                        d.titles = join_words(&t.any_of);
                        d.title_how = t.how;
                    }
                    d.leadership = *leadership;
                    if let Some(u) = unit {
                        if works_unit {
                            return None;
                        }
                        d.unit = UnitDraft::from_filter(u)?;
                        pos_unit = true;
                    }
                }
                GroupRule::Membership { committee, level, term } if d.committee.is_none() => {
                    d.committee = Some(*committee);
                    d.committee_level = *level;
                    if let Some(t) = term {
                        if !t.none_of.is_empty() {
                            return None;
                        }
                        d.term = join_words(&t.any_of);
                        d.term_how = t.how;
                    }
                }
                GroupRule::WorksIn { unit } if !pos_unit && !works_unit => {
                    d.unit = UnitDraft::from_filter(unit)?;
                    works_unit = true;
                }
                GroupRule::Category { any_of } if d.categories.is_empty() => d.categories = any_of.clone(),
                GroupRule::AgeBelow { years, reference_year } if d.age_below.is_empty() => {
                    d.age_below = years.to_string();
                    d.age_reference_year = reference_year.map(|y| y.to_string()).unwrap_or_default();
                }
                GroupRule::GradeAtLeast { grade } if d.grade_from.is_none() => d.grade_from = Some(*grade),
                GroupRule::PlannedFor { title } if !d.planned_for => {
                    d.planned_for = true;
                    if let Some(t) = title {
                        d.planned_title = join_words(&t.any_of);
                    }
                }
                GroupRule::Label { name, value } if d.label_name.is_empty() && value.none_of.is_empty() => {
                    d.label_name = name.clone();
                    d.label_values = join_words(&value.any_of);
                    d.label_how = value.how;
                }
                _ => return None,
            }
        }
        // A position with no unit beside a works-in unit would move the unit onto the position.
        if works_unit && (!d.titles.is_empty() || d.leadership.is_some()) {
            return None;
        }
        let back = d.rule().ok()?;
        (canon(&back) == canon(rule)).then_some(d)
    }

    /// The rule the form describes (without checking references).
    fn rule(&self) -> Result<GroupRule, Vec<FieldError>> {
        let mut e = Vec::new();
        let mut conds = Vec::new();
        match self.union_of.len() {
            0 => {}
            1 => conds.push(GroupRule::Group { id: self.union_of[0].clone() }),
            _ => conds.push(GroupRule::AnyOf {
                rules: self.union_of.iter().map(|id| GroupRule::Group { id: id.clone() }).collect(),
            }),
        }
        let unit = match self.unit.build("unit") {
            Ok(u) => u,
            Err(x) => {
                e.extend(x);
                None
            }
        };
        let title = tm(&self.titles, self.title_how);
        let position = title.is_some() || self.leadership.is_some();
        if position {
            conds.push(GroupRule::Position { title, leadership: self.leadership, unit: unit.clone() });
        }
        match self.committee {
            Some(c) => conds.push(GroupRule::Membership {
                committee: c,
                level: self.committee_level,
                term: tm(&self.term, self.term_how),
            }),
            None => {
                if !self.term.trim().is_empty() || self.committee_level.is_some() {
                    e.push(FieldError::new(
                        "committee",
                        "Ủy viên: chọn cơ quan (BCH, BTV, UBKT, HĐND) trước khi chọn cấp hoặc khóa.",
                    ));
                }
            }
        }
        if !position {
            if let Some(u) = unit {
                conds.push(GroupRule::WorksIn { unit: u });
            }
        }
        if !self.categories.is_empty() {
            conds.push(GroupRule::Category { any_of: self.categories.clone() });
        }
        if !self.age_below.trim().is_empty() {
            let reference_year = if self.age_reference_year.trim().is_empty() {
                None
            } else {
                parse_year(&self.age_reference_year)
                    .map_err(|m| e.push(FieldError::new("age_reference_year", format!("Năm tính tuổi: {m}"))))
                    .ok()
            };
            match parse_whole(&self.age_below).filter(|n| (18..=80).contains(n)) {
                Some(n) => conds.push(GroupRule::AgeBelow { years: n as u16, reference_year }),
                None => e.push(FieldError::new("age_below", "Dưới ... tuổi: phải là số tuổi từ 18 đến 80, ví dụ 45.")),
            }
        } else if !self.age_reference_year.trim().is_empty() {
            e.push(FieldError::new("age_below", "Dưới ... tuổi: nhập số tuổi, ví dụ 45."));
        }
        if let Some(g) = self.grade_from {
            conds.push(GroupRule::GradeAtLeast { grade: g });
        }
        if self.planned_for || !self.planned_title.trim().is_empty() {
            conds.push(GroupRule::PlannedFor { title: tm(&self.planned_title, MatchHow::Contains) });
        }
        match (self.label_name.trim(), tm(&self.label_values, self.label_how)) {
            ("", None) => {}
            ("", Some(_)) => {
                e.push(FieldError::new("label_name", "Nhãn: chọn tên nhãn (tên cột) trước khi nhập giá trị."))
            }
            (_, None) => e.push(FieldError::new("label_values", "Giá trị nhãn: nhập ít nhất một giá trị, ví dụ 1.3.")),
            (name, Some(value)) => conds.push(GroupRule::Label { name: name.to_string(), value }),
        }
        let mut rule = match conds.len() {
            0 => GroupRule::Everyone,
            1 => conds.remove(0),
            _ => GroupRule::AllOf { rules: conds },
        };
        for g in &self.minus_groups {
            rule = rule.minus(GroupRule::Group { id: g.clone() });
        }
        match self.minus_committee {
            Some(c) => {
                rule = rule.minus(GroupRule::Membership {
                    committee: c,
                    level: self.minus_committee_level,
                    term: tm(&self.minus_term, self.minus_term_how),
                })
            }
            None => {
                if !self.minus_term.trim().is_empty() || self.minus_committee_level.is_some() {
                    e.push(FieldError::new(
                        "minus_committee",
                        "Trừ ủy viên: chọn cơ quan trước khi chọn cấp hoặc khóa.",
                    ));
                }
            }
        }
        if e.is_empty() {
            Ok(rule)
        } else {
            Err(e)
        }
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
        let group = Group { id, name: String::new(), rule, stated_count: None, note: String::new() };
        Some(members_if_saved(d, idx, &group, year))
    }

    /// Parses and checks the form against `d` (names, references, cycles).
    pub fn build(&self, d: &Directive) -> Result<Group, Vec<FieldError>> {
        let mut e = Vec::new();
        if self.name.trim().is_empty() {
            e.push(FieldError::new("name", "Tên nhóm: không được để trống."));
        }
        let id = if self.id.trim().is_empty() { d.new_id("g") } else { self.id.trim().to_string() };
        for (key, label, list) in
            [("union_of", "Gồm các nhóm", &self.union_of), ("minus_groups", "Trừ các nhóm", &self.minus_groups)]
        {
            for g in list {
                if *g == id {
                    e.push(FieldError::new(key, format!("{label}: một nhóm không thể dựa vào chính nó.")));
                } else if d.group(g).is_none() {
                    e.push(FieldError::new(key, format!("{label}: nhóm “{g}” không có trong văn bản.")));
                }
            }
        }
        let stated_count = if self.stated_count.trim().is_empty() {
            None
        } else {
            let n = parse_whole(&self.stated_count);
            if n.is_none() {
                e.push(FieldError::new("stated_count", "Số người theo văn bản: phải là số nguyên, ví dụ 42."));
            }
            n
        };
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
            .map(|x| FieldError::new(if x.message.contains("vòng tròn") { "union_of" } else { "rule" }, x.message))
            .collect();
        if rest.is_empty() {
            Ok(g)
        } else {
            Err(rest)
        }
    }
}

/// Biểu mẫu nhu cầu đào tạo: "sau đại học: 35 đồng chí; mỗi năm cử 07 - 08 đồng chí".
#[derive(Debug, Clone, PartialEq)]
pub struct NeedDraft {
    /// Mã (empty = fresh at build).
    pub id: String,
    /// Câu as the document writes it; empty = generated.
    pub sentence: String,
    /// Nhóm đối tượng (group id; empty = none).
    pub group: String,
    /// Thang trình độ.
    pub scale: Scale,
    /// Level code (empty = no level).
    pub level: String,
    /// Số người ("35").
    pub persons: String,
    /// Mỗi năm cử ("07 - 08" or "2").
    pub per_year: String,
    /// Chỉ tiêu the need serves (target ids).
    pub targets: Vec<String>,
}

impl Default for NeedDraft {
    fn default() -> Self {
        NeedDraft {
            id: String::new(),
            sentence: String::new(),
            group: String::new(),
            scale: Scale::Professional,
            level: String::new(),
            persons: String::new(),
            per_year: String::new(),
            targets: Vec::new(),
        }
    }
}

impl NeedDraft {
    /// The form of a need (a need whose criterion is not a level keeps none: `None` then).
    pub fn from_need(n: &TrainingNeed) -> Option<NeedDraft> {
        let (scale, level) = match &n.criterion {
            None => (Scale::Professional, String::new()),
            Some(Criterion::Level { scale, level, .. }) => (*scale, level.clone()),
            Some(_) => return None,
        };
        let per_year = match (n.per_year_min, n.per_year_max) {
            (Some(a), Some(b)) if a != b => format!("{a} - {b}"),
            (Some(a), _) | (None, Some(a)) => a.to_string(),
            (None, None) => String::new(),
        };
        Some(NeedDraft {
            id: n.id.clone(),
            sentence: n.sentence.clone(),
            group: n.group.clone().unwrap_or_default(),
            scale,
            level,
            persons: n.persons.map(|p| p.to_string()).unwrap_or_default(),
            per_year,
            targets: n.targets.clone(),
        })
    }

    /// Parses and checks the form.
    pub fn build(&self, d: &Directive) -> Result<TrainingNeed, Vec<FieldError>> {
        let mut e = Vec::new();
        let group = self.group.trim();
        if !group.is_empty() && d.group(group).is_none() {
            e.push(FieldError::new("group", format!("Nhóm đối tượng: nhóm “{group}” không có trong văn bản.")));
        }
        let criterion = CriterionDraft::level(self.scale, &self.level, false);
        let criterion = if self.level.trim().is_empty() { None } else { criterion.build("criterion", &mut e) };
        let persons = if self.persons.trim().is_empty() {
            None
        } else {
            let p = parse_whole(&self.persons);
            if p.is_none() {
                e.push(FieldError::new("persons", "Số người: phải là số nguyên, ví dụ 35."));
            }
            p
        };
        let (mut min, mut max) = (None, None);
        if !self.per_year.trim().is_empty() {
            match parse_amount(&self.per_year) {
                Some((a, b)) if a.fract() == 0.0 && b.is_none_or(|b| b.fract() == 0.0) => {
                    min = Some(a as u32);
                    max = Some(b.unwrap_or(a) as u32);
                    if b.is_some_and(|b| b < a) {
                        e.push(FieldError::new(
                            "per_year",
                            "Mỗi năm cử: số sau phải không nhỏ hơn số trước, ví dụ 07 - 08.",
                        ));
                    }
                }
                _ => e.push(FieldError::new("per_year", "Mỗi năm cử: phải là số hoặc khoảng, ví dụ 7 hoặc 07 - 08.")),
            }
        }
        for t in &self.targets {
            if d.target(t).is_none() {
                e.push(FieldError::new("targets", format!("Chỉ tiêu liên quan: “{t}” không có trong văn bản.")));
            }
        }
        if !e.is_empty() {
            return Err(e);
        }
        let mut n = TrainingNeed {
            id: if self.id.trim().is_empty() { d.new_id("nc") } else { self.id.trim().into() },
            sentence: self.sentence.trim().into(),
            group: (!group.is_empty()).then(|| group.to_string()),
            criterion,
            persons,
            per_year_min: min,
            per_year_max: max,
            targets: self.targets.clone(),
        };
        if n.sentence.is_empty() {
            n.sentence = Describer::new(d).need(&n);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directive::DirectiveKind;

    fn t002() -> Directive {
        Directive::from_json(include_str!("../../../../public/templates/002-hoang-su-phi-02-da-hu.json")).unwrap()
    }

    fn all_templates() -> Vec<Directive> {
        [
            include_str!("../../../../public/templates/000-quang-tri-37-kl-tu.json"),
            include_str!("../../../../public/templates/001-lai-chau-05-nq-tu.json"),
            include_str!("../../../../public/templates/002-hoang-su-phi-02-da-hu.json"),
            include_str!("../../../../public/templates/003-quang-ngai-ke-hoach-2021.json"),
            include_str!("../../../../public/templates/004-quang-nam-7328-da-ubnd.json"),
        ]
        .iter()
        .map(|j| Directive::from_json(j).unwrap())
        .collect()
    }

    fn fields(e: &[FieldError]) -> Vec<&str> {
        e.iter().map(|x| x.field.as_str()).collect()
    }

    #[test]
    fn numbers_and_ranges_parse_as_typed() {
        assert_eq!(parse_amount("50"), Some((50.0, None)));
        assert_eq!(parse_amount("33,3%"), Some((33.3, None)));
        assert_eq!(parse_amount("20-25"), Some((20.0, Some(25.0))));
        assert_eq!(parse_amount("03 - 05"), Some((3.0, Some(5.0))));
        assert_eq!(parse_amount("2 đến 3"), Some((2.0, Some(3.0))));
        assert_eq!(parse_amount("20–25%"), Some((20.0, Some(25.0))));
        assert_eq!(parse_amount("-5"), None);
        assert_eq!(parse_amount("năm mươi"), None);
        assert_eq!(split_words("Sở; Ban\nPhòng ;"), vec!["Sở", "Ban", "Phòng"]);
    }

    #[test]
    fn every_template_target_round_trips_through_the_form() {
        for d in all_templates() {
            for t in d.targets() {
                let draft = TargetDraft::from_target(t);
                assert!(draft.notes.is_empty(), "{}: {:?}", t.id, draft.notes);
                let back = draft.build(&d).unwrap_or_else(|e| panic!("{} {}: {e:?}", d.source, t.id));
                assert_eq!(&back, t, "{}", t.id);
            }
            for n in d.needs() {
                let draft = NeedDraft::from_need(n).unwrap();
                assert_eq!(&draft.build(&d).unwrap(), n);
            }
        }
    }

    /// Opening a target and saving it unchanged keeps every figure as typed: 47,26% stays
    /// 47,26 (the form once wrote 47,3 back) and 1.200 persons stays 1.200.
    #[test]
    fn figures_keep_their_precision_through_the_form() {
        let d = t002();
        let mut t =
            d.targets().into_iter().find(|t| t.measure.is_percent() && !t.milestones.is_empty()).unwrap().clone();
        t.milestones[0].value = Some(47.26);
        t.milestones[0].upper = None;
        t.baseline = Some(StatedBaseline { value: 17.85, year: Some(2020), numerator: None, denominator: None });
        let draft = TargetDraft::from_target(&t);
        assert_eq!(draft.milestones[0].value, "47,26");
        let back = draft.build(&d).unwrap();
        assert_eq!(back.milestones[0].value, Some(47.26));
        assert_eq!(back.baseline.as_ref().map(|b| b.value), Some(17.85));
        assert_eq!(back, t);
    }

    #[test]
    fn a_new_target_from_the_form() {
        let d = t002();
        let mut f = TargetDraft::blank(&d);
        assert_eq!(f.milestones[0].year, "2025");
        f.group = "g11".into();
        f.criteria[0] = CriterionDraft::level(Scale::Professional, "thac_si", true);
        f.milestones[0].value = "50".into();
        let t = f.build(&d).unwrap();
        assert!(!d.ids().contains(t.id.as_str()));
        assert_eq!(
            t.sentence,
            "Đến năm 2025, ít nhất 50% Ủy viên Ban chấp hành Đảng bộ Huyện đương chức khóa XXI có trình độ thạc sĩ trở lên (kể cả đang học)"
        );
        assert_eq!(f.generated_sentence(&d).as_deref(), Some(t.sentence.as_str()));
        f.sentence = "50% có trình độ thạc sĩ".into();
        assert_eq!(f.build(&d).unwrap().sentence, "50% có trình độ thạc sĩ");
        // Several deadlines, a range typed in one box.
        f.milestones = vec![
            MilestoneDraft { year: "2023".into(), value: "20-25".into(), ..Default::default() },
            MilestoneDraft::default(),
            MilestoneDraft { year: "2025".into(), value: "40".into(), upper: "45".into(), ..Default::default() },
        ];
        let t = f.build(&d).unwrap();
        assert_eq!(t.milestones.len(), 2);
        assert_eq!((t.milestones[0].value, t.milestones[0].upper), (Some(20.0), Some(25.0)));
        assert_eq!((t.milestones[1].value, t.milestones[1].upper), (Some(40.0), Some(45.0)));
    }

    #[test]
    fn form_errors_name_their_fields() {
        let d = t002();
        let mut f = TargetDraft::blank(&d);
        f.group = String::new();
        f.criteria[0].level = String::new();
        f.milestones = vec![
            MilestoneDraft { year: "2025".into(), value: "năm mươi".into(), ..Default::default() },
            MilestoneDraft { year: "25".into(), value: "120".into(), ..Default::default() },
            MilestoneDraft { year: "2024".into(), value: "30".into(), upper: "20".into(), ..Default::default() },
            MilestoneDraft { year: "2019".into(), increase: "x".into(), ..Default::default() },
        ];
        let e = f.build(&d).unwrap_err();
        let keys = fields(&e);
        for k in [
            "group",
            "criteria.0.level",
            "milestones.0.value",
            "milestones.1.year",
            "milestones.1.value",
            "milestones.2.year",
            "milestones.2.upper",
            "milestones.3.year",
            "milestones.3.increase",
        ] {
            assert!(keys.contains(&k), "{k} missing in {e:#?}");
        }
        let msg = &e.iter().find(|x| x.field == "milestones.0.value").unwrap().message;
        assert_eq!(msg, "Mức chỉ tiêu: phải là số, ví dụ 50 hoặc 20-25.");
        assert!(e.iter().any(|x| x.message.contains("trước năm ban hành văn bản (2021)")));

        // An increase with no value needs the document's baseline.
        let mut f = TargetDraft::blank(&d);
        f.group = "g11".into();
        f.criteria[0] = CriterionDraft::level(Scale::Political, "cao_cap", false);
        f.milestones[0].increase = "17".into();
        assert_eq!(fields(&f.build(&d).unwrap_err()), vec!["baseline_value"]);
        f.baseline_value = "33,3".into();
        f.baseline_numerator = "50".into();
        f.baseline_denominator = "42".into();
        assert_eq!(fields(&f.build(&d).unwrap_err()), vec!["baseline_numerator"]);
        f.baseline_numerator = "14".into();
        let t = f.build(&d).unwrap();
        assert!(t.sentence.contains("tăng 17% so với hiện nay"), "{}", t.sentence);

        // Directional targets carry no number; record kinds need their content.
        let mut f = TargetDraft::blank(&d);
        f.kind = MeasureKind::Directional;
        f.milestones[0].value = "10".into();
        assert_eq!(fields(&f.build(&d).unwrap_err()), vec!["milestones"]);
        let mut f = TargetDraft::blank(&d);
        f.kind = MeasureKind::Trained;
        f.window = WindowKind::Period;
        f.window_from = "2026".into();
        f.window_to = "2024".into();
        f.milestones[0].value = "60".into();
        assert_eq!(fields(&f.build(&d).unwrap_err()), vec!["training", "window_to"]);
        f.tier_of = "khong_co".into();
        assert!(fields(&f.build(&d).unwrap_err()).contains(&"tier_of"));
    }

    #[test]
    fn record_and_per_unit_kinds_build() {
        let d = t002();
        let mut f = TargetDraft::blank(&d);
        f.kind = MeasureKind::PerUnit;
        f.group = "g14".into();
        f.criteria = vec![CriterionDraft { kind: CriterionKind::LaoLanguage, ..Default::default() }];
        f.units = UnitDraft { names: "Phòng".into(), name_how: MatchHow::StartsWith, ..Default::default() };
        f.milestones[0].value = "03 - 05".into();
        let t = f.build(&d).unwrap();
        assert_eq!(t.sentence, "Đến năm 2025, mỗi phòng có 03 - 05 công chức các cơ quan, ban, ngành, đoàn thể huyện không giữ chức vụ lãnh đạo sử dụng được tiếng Lào");
        let mut f = TargetDraft::blank(&d);
        f.kind = MeasureKind::Events;
        f.event = EventKind::Workshop;
        f.training = "Chuyển đổi số".into();
        f.comparator = Comparator::About;
        f.milestones[0].value = "2".into();
        let t = f.build(&d).unwrap();
        assert_eq!(t.measure, Measure::Events { event: EventKind::Workshop, training: "Chuyển đổi số".into() });
        assert_eq!(t.milestones[0].comparator, Comparator::About);
        assert_eq!(MeasureKind::from_code("per_unit"), Some(MeasureKind::PerUnit));
        assert!(MeasureKind::Trained.fields().contains(&"window"));
        for c in Comparator::ALL {
            assert_eq!(Comparator::from_code(c.code()), Some(*c));
            assert_eq!(serde_json::to_string(c).unwrap(), format!("\"{}\"", c.code()));
        }
        for k in EventKind::ALL {
            assert_eq!(serde_json::to_string(k).unwrap(), format!("\"{}\"", k.code()));
        }
        for &s in Scale::ALL {
            assert_eq!(scale_from_code(scale_code(s)), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", scale_code(s)));
        }
    }

    #[test]
    fn template_groups_the_form_can_show_round_trip() {
        let mut shown = 0;
        let mut total = 0;
        for d in all_templates() {
            for g in &d.groups {
                total += 1;
                if let Some(draft) = GroupDraft::from_group(g) {
                    shown += 1;
                    let back = draft.build(&d).unwrap_or_else(|e| panic!("{}: {e:?}", g.id));
                    assert_eq!(canon(&back.rule), canon(&g.rule), "{}", g.id);
                    assert_eq!(
                        (back.id.as_str(), back.name.as_str(), back.stated_count),
                        (g.id.as_str(), g.name.as_str(), g.stated_count)
                    );
                }
            }
        }
        // Unions of unlike rules (A or B) and nested exclusions are the only ones left out.
        assert!(shown * 10 >= total * 8, "{shown}/{total}");
        let d = t002();
        for id in ["g11", "g13", "g13_t", "g23", "g24", "g3", "g_huyen_all"] {
            assert!(GroupDraft::from_group(d.group(id).unwrap()).is_some(), "{id}");
        }
        let f = GroupDraft::from_group(d.group("g13_t").unwrap()).unwrap();
        assert_eq!(f.minus_groups, Vec::<String>::new());
        assert_eq!(f.union_of, vec!["g13"]);
        assert_eq!(f.minus_committee, Some(Committee::ExecutiveCommittee));
    }

    #[test]
    fn a_new_group_from_the_form() {
        let d = t002();
        let f = GroupDraft {
            name: "Trưởng, phó phòng dưới 45 tuổi".into(),
            leadership: Some(Leadership::Deputy),
            unit: UnitDraft {
                levels: vec![GovLevel::District],
                names: "Phòng".into(),
                name_how: MatchHow::StartsWith,
                ..Default::default()
            },
            age_below: "45".into(),
            minus_groups: vec!["g11".into()],
            ..Default::default()
        };
        let g = f.build(&d).unwrap();
        assert_eq!(
            g.rule,
            GroupRule::AllOf {
                rules: vec![
                    GroupRule::Position {
                        title: None,
                        leadership: Some(Leadership::Deputy),
                        unit: Some(UnitFilter {
                            levels: vec![GovLevel::District],
                            name: Some(TextMatch::starts_with(&["Phòng"])),
                            ..Default::default()
                        })
                    },
                    GroupRule::AgeBelow { years: 45, reference_year: None },
                ]
            }
            .minus(GroupRule::Group { id: "g11".into() })
        );
        assert_eq!(f.describe(&d).unwrap(), "Trưởng, phó các phòng cấp huyện, dưới 45 tuổi, trừ Ủy viên Ban chấp hành Đảng bộ Huyện đương chức khóa XXI");
        assert!(!d.ids().contains(g.id.as_str()));
        let mut dd = d.clone();
        let id = dd.add_group(g).unwrap();
        assert!(dd.group(&id).is_some());

        // Errors: name, age, missing groups, a cycle.
        let bad = GroupDraft { age_below: "200".into(), union_of: vec!["nope".into()], ..Default::default() };
        let e = bad.build(&d).unwrap_err();
        assert_eq!(fields(&e), vec!["name", "union_of", "age_below"]);
        let mut cyc = GroupDraft::from_group(d.group("g11").unwrap()).unwrap();
        cyc.committee = None;
        cyc.committee_level = None;
        cyc.union_of = vec!["g_huyen_all".into()];
        let e = cyc.build(&d).unwrap_err();
        assert_eq!(fields(&e), vec!["union_of"], "{e:?}");
        assert!(e[0].message.contains("vòng tròn"));
    }

    #[test]
    fn needs_from_the_form() {
        let d = t002();
        let f = NeedDraft {
            group: "g11".into(),
            scale: Scale::Political,
            level: "cao_cap".into(),
            persons: "22".into(),
            per_year: "04 - 05".into(),
            ..Default::default()
        };
        let n = f.build(&d).unwrap();
        assert_eq!((n.per_year_min, n.per_year_max, n.persons), (Some(4), Some(5), Some(22)));
        assert_eq!(n.sentence, "Đào tạo lý luận chính trị cao cấp cho Ủy viên Ban chấp hành Đảng bộ Huyện đương chức khóa XXI: 22 đồng chí, mỗi năm cử 04 - 05 đồng chí");
        let bad = NeedDraft {
            persons: "ba mươi".into(),
            per_year: "8-7".into(),
            targets: vec!["x".into()],
            ..Default::default()
        };
        assert_eq!(fields(&bad.build(&d).unwrap_err()), vec!["persons", "per_year", "targets"]);
        let blank = Directive::blank("b".into(), DirectiveKind::Plan);
        assert!(TargetDraft::blank(&blank).milestones[0].year.is_empty());
    }
}
