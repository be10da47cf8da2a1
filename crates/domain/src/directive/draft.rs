//! Biểu mẫu: flat drafts behind the editor's forms. The UI renders one input per field and
//! calls `build`, which parses what the officer typed and returns the rule or a list of
//! [`FieldError`]s whose `field` is the form key ("value", "milestones.1.year",
//! "criteria.0.level") and whose message names the field as the form labels it.
//!
//! Numbers are typed as text: "50", "33,3", "20-25", "03 - 05". Lists of words (chức danh, tên
//! đơn vị, chuyên ngành) are typed one per line or separated by ";".

use super::describe::{describe_target, Describer};
use super::group::{GroupRule, MatchHow, TextMatch, UnitFilter};
use super::reported::ReportDraft;
use super::target::{
    Comparator, Counting, Criterion, EventKind, Measure, Milestone, Reached, StatedBaseline, Target, TrainingNeed,
    Window,
};
use super::{validate, Directive};
use crate::error::FieldError;
use crate::levels::Scale;
use crate::model::{GovLevel, Region, UnitKind};
use crate::number::{parse_bounded, Bound};

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

pub(super) fn join_words(w: &[String]) -> String {
    w.join("; ")
}

pub use super::group_draft::{ConditionDraft, ConditionKind, GroupDraft, Step, TextDraft};
pub use super::target::{Combine, CriterionKind, MeasureKind, Stage, Tally, WindowKind};
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

pub(super) fn parse_year(s: &str) -> Result<u16, &'static str> {
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

pub(super) fn parse_whole(s: &str) -> Option<u32> {
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

    pub(super) fn from_criterion(c: &Criterion) -> Self {
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

    pub(super) fn build(&self, key: &str, errors: &mut Vec<FieldError>) -> Option<Criterion> {
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
    /// Năm bắt đầu of the target's own programme ("2018"; empty = the directive's period).
    pub start_year: String,
    /// Tiếp tục, không có thời hạn.
    pub continuing: bool,
    /// Đếm theo người or lượt.
    pub tally: Tally,
    /// Tính khi hoàn thành or khi được cử đi.
    pub stage: Stage,
    /// Chỉ tiêu mỗi năm.
    pub per_year: bool,
    /// Các nội dung khác, one per line or separated by ";" ("Quốc phòng - an ninh; Tin học").
    pub contents: String,
    /// Một trong hay đủ các nội dung.
    pub combine: Combine,
    /// "Duy trì mức đã đạt" of: văn bản (id or số ký hiệu; empty = this one).
    pub reached_directive: String,
    /// "Duy trì mức đã đạt" of: mã chỉ tiêu (empty = the previous milestone's amount).
    pub reached_target: String,
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
    /// Kết quả theo báo cáo, one row per year reported (blank rows are ignored).
    pub reports: Vec<ReportDraft>,
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
            start_year: t.start_year.map(|y| y.to_string()).unwrap_or_default(),
            continuing: t.continuing,
            tally: t.counting.tally,
            stage: t.counting.stage,
            per_year: t.counting.per_year,
            contents: t.counting.contents.join("; "),
            combine: t.counting.combine,
            reached_directive: t
                .milestones
                .iter()
                .find_map(|m| m.reached.as_ref())
                .map(|r| r.directive.clone())
                .unwrap_or_default(),
            reached_target: t
                .milestones
                .iter()
                .find_map(|m| m.reached.as_ref())
                .map(|r| r.target.clone())
                .unwrap_or_default(),
            note: t.note.clone(),
            reports: t.reported.iter().map(ReportDraft::from_reported).collect(),
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
            d.baseline_value = b.bound.write(&num_text(b.value));
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

        // Group: a roster measure counts in it, a trained share divides by it.
        let group = self.group.trim();
        if group.is_empty() {
            if roster {
                e.push(FieldError::new("group", "Nhóm đối tượng: chưa chọn nhóm."));
            } else if kind == MeasureKind::Trained {
                e.push(FieldError::new(
                    "group",
                    "Nhóm đối tượng: chưa chọn nhóm (tỷ lệ được đào tạo, bồi dưỡng tính trên số người của nhóm).",
                ));
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
                // "Duy trì" without a number keeps the amount reached: of another target when one is
                // named, else of the previous milestone.
                let keeps = self.comparator == Comparator::Maintain
                    && m.value.trim().is_empty()
                    && m.increase.trim().is_empty()
                    && (!milestones.is_empty() || !self.reached_target.trim().is_empty());
                let reached = (keeps && !self.reached_target.trim().is_empty()).then(|| Reached {
                    directive: self.reached_directive.trim().to_string(),
                    target: self.reached_target.trim().to_string(),
                });
                if m.value.trim().is_empty() && increase.is_none() && m.increase.trim().is_empty() && !keeps {
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
                milestones.push(Milestone { year, comparator: self.comparator, value, upper, increase, reached });
            }
        }

        // Own start year.
        let start_year = if self.start_year.trim().is_empty() {
            None
        } else {
            match parse_year(&self.start_year) {
                Ok(y) => Some(y),
                Err(m) => {
                    e.push(FieldError::new("start_year", format!("Năm bắt đầu: {m}")));
                    None
                }
            }
        };

        // Results the document reports.
        let mut reported = Vec::new();
        for (i, r) in self.reports.iter().enumerate().filter(|(_, r)| !r.is_blank()) {
            match r.build(i) {
                Ok(r) => reported.push(r),
                Err(x) => e.extend(x),
            }
        }
        reported.sort_by_key(|r| r.year);

        // How records count (kinds that do not use a field keep its default).
        let fields = kind.fields();
        let counting = Counting {
            tally: if fields.contains(&"tally") { self.tally } else { Tally::default() },
            stage: if fields.contains(&"stage") { self.stage } else { Stage::default() },
            per_year: fields.contains(&"per_year") && self.per_year,
            contents: if fields.contains(&"contents") {
                self.contents.split([';', '\n']).map(str::trim).filter(|c| !c.is_empty()).map(String::from).collect()
            } else {
                Vec::new()
            },
            combine: if fields.contains(&"contents") { self.combine } else { Combine::default() },
        };
        let start_year = start_year.filter(|_| fields.contains(&"start_year"));
        let continuing = fields.contains(&"continuing") && self.continuing;

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
            start_year,
            continuing,
            counting,
            baseline,
            reported,
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
        let mut bound = Bound::Exact;
        let value = if self.baseline_value.trim().is_empty() {
            e.push(FieldError::new("baseline_value", "Số liệu gốc: chưa nhập giá trị, ví dụ 33,3."));
            None
        } else {
            let read = parse_bounded(&self.baseline_value);
            bound = read.map_or(Bound::Exact, |(b, _)| b);
            let v = read.map(|(_, x)| x);
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
        Some(StatedBaseline { value: value?, bound, year, numerator, denominator })
    }
}

/// "milestones[0].year" → "milestones.0.year"; "measure.criteria[1].level" → "criteria.1.level".
fn form_key(path: &str) -> String {
    let p = path.trim_start_matches('.').replace('[', ".").replace(']', "");
    let p = p.strip_prefix("measure.").unwrap_or(&p);
    let p = p.strip_prefix("counting.").unwrap_or(p).to_string();
    // The directive's "reported[i]" are the form's report rows "reports.i".
    let p = p.strip_prefix("reported.").map_or(p.clone(), |rest| format!("reports.{rest}"));
    match p.as_str() {
        "baseline.value" => "baseline_value".into(),
        "measure.window" | "window" => "window".into(),
        _ => p,
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
        t.baseline = Some(StatedBaseline {
            value: 17.85,
            bound: Default::default(),
            year: Some(2020),
            numerator: None,
            denominator: None,
        });
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

        // A share trained with no group could never be scored: refused on the group field.
        let mut f = TargetDraft::blank(&d);
        f.kind = MeasureKind::Trained;
        f.training = "Bồi dưỡng kiến thức quốc phòng".into();
        f.milestones[0].value = "100".into();
        f.group = String::new();
        let e = f.build(&d).unwrap_err();
        assert_eq!(fields(&e), vec!["group"]);
        assert!(e[0].message.starts_with("Nhóm đối tượng: chưa chọn nhóm"), "{}", e[0].message);
        f.group = "g11".into();
        let t = f.build(&d).unwrap();
        let mut held = d.clone();
        fn first_item(sections: &mut [crate::directive::Section]) -> Option<&mut crate::directive::Item> {
            sections.iter_mut().find_map(|s| {
                if s.items.is_empty() {
                    first_item(&mut s.sections)
                } else {
                    s.items.first_mut()
                }
            })
        }
        first_item(&mut held.sections).unwrap().targets.push(Target { group: None, ..t });
        let e = held.validate();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].field.ends_with(".group") && e[0].message.contains("chưa chọn nhóm đối tượng"), "{e:?}");
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
    fn counting_start_year_continuing_and_maintain_from_the_form() {
        let d = t002();
        let mut f = TargetDraft::blank(&d);
        f.kind = MeasureKind::Completions;
        f.training = "Bồi dưỡng kiến thức quốc phòng - an ninh".into();
        f.contents = "Tin học;\n Ngoại ngữ ; ".into();
        f.tally = Tally::PersonTimes;
        f.stage = Stage::Sent;
        f.per_year = true;
        f.start_year = "2019".into();
        f.continuing = true;
        f.milestones[0].value = "1.200".into();
        let t = f.build(&d).unwrap();
        let expected = Counting {
            tally: Tally::PersonTimes,
            stage: Stage::Sent,
            per_year: true,
            contents: vec!["Tin học".into(), "Ngoại ngữ".into()],
            combine: Combine::Any,
        };
        assert_eq!((&t.counting, t.start_year, t.continuing), (&expected, Some(2019), true));
        // Read back unchanged.
        assert_eq!(TargetDraft::from_target(&t).build(&d).unwrap(), t);
        // A share has none of these: the kind's fields decide what is kept.
        f.kind = MeasureKind::Share;
        f.group = d.groups[0].id.clone();
        f.criteria = vec![CriterionDraft::level(Scale::Professional, "thac_si", false)];
        f.milestones[0].value = "50".into();
        let t = f.build(&d).unwrap();
        assert!(t.counting.is_default() && t.start_year.is_none() && !t.continuing);
        // A start year after the first deadline is refused, on its field.
        let mut f = TargetDraft::from_target(&t);
        f.kind = MeasureKind::Completions;
        f.training = "Đào tạo thạc sĩ".into();
        f.start_year = "2030".into();
        let e = f.build(&d).unwrap_err();
        assert!(e.iter().any(|x| x.field == "start_year" && x.message.contains("không sau mốc đầu tiên")), "{e:?}");
        // "Duy trì" with no number: the previous milestone's, or another target's.
        let mut f = TargetDraft::from_target(&t);
        f.comparator = Comparator::Maintain;
        f.milestones.push(MilestoneDraft { year: "2030".into(), ..Default::default() });
        let t2 = f.build(&d).unwrap();
        assert_eq!((t2.milestones[1].value, &t2.milestones[1].reached), (None, &None));
        f.milestones.remove(0);
        let e = f.build(&d).unwrap_err();
        assert!(e.iter().any(|x| x.field == "milestones.0.value"), "{e:?}");
        f.reached_directive = "05-NQ/TU".into();
        f.reached_target = "t_ths".into();
        let t3 = f.build(&d).unwrap();
        assert_eq!(t3.milestones[0].reached, Some(Reached { directive: "05-NQ/TU".into(), target: "t_ths".into() }));
        assert_eq!(TargetDraft::from_target(&t3).reached_target, "t_ths");
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
