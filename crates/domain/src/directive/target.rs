//! Chỉ tiêu (targets) and nhu cầu đào tạo (training needs), as data.
//!
//! A target is: the sentence as the document writes it, the group it speaks of, a
//! [`Measure`] (what is counted), and [`Milestone`]s (how much, by when). A target with no
//! milestone is directional: shown, measured when it can be, never scored.

use serde::{Deserialize, Serialize};

use super::group::{GroupRule, TextMatch, UnitFilter};
use crate::levels::Scale;
use crate::number::Bound;
use crate::tagged::{coded_enum, key, req, skip, tagged_deserialize};

/// Tiêu chí: one condition a person meets or not. Several criteria on one target mean
/// "all at once" (compound target: đại học + cao cấp LLCT + ngoại ngữ + tin học).
// `Deserialize` is written by hand below (one pass, no buffering; see [`crate::tagged`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "criterion", rename_all = "snake_case")]
pub enum Criterion {
    /// Trình độ: at or above `level` on `scale` ("thạc sĩ trở lên"); with `count_studying`,
    /// a study towards that level counts ("thạc sĩ hoặc đang học thạc sĩ").
    Level {
        /// Thang trình độ.
        scale: Scale,
        /// Level code on that scale ("thac_si", "cao_cap", "chuyen_vien_chinh", "bac_2").
        level: String,
        /// Tính cả người đang học.
        #[serde(default)]
        count_studying: bool,
    },
    /// Sử dụng được tiếng dân tộc thiểu số.
    MinorityLanguage,
    /// Sử dụng được tiếng Lào.
    LaoLanguage,
    /// Chuyên ngành đào tạo matches ("trình độ cao, chuyên sâu trong lĩnh vực của ngành").
    Field {
        /// Words of the field.
        field: TextMatch,
    },
    /// Any personal condition as a group rule (e.g. nữ, người địa phương, dưới 40 tuổi).
    Person {
        /// The rule.
        rule: Box<GroupRule>,
    },
    /// Đạt chuẩn: meets every row of the directive's standards table `standard` that covers
    /// the person ("đạt chuẩn theo quy định", "theo tiêu chuẩn chức danh"). A person no row
    /// covers does not meet it (see [`super::standard`]).
    Standard {
        /// Mã of a table in the directive's `standards`.
        standard: String,
        /// Trên chuẩn: one level above the required level on each scale.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        above: bool,
        /// Only these scales ("trên chuẩn về trình độ chuyên môn"); empty: every scale.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        scales: Vec<Scale>,
        /// Tính cả người đang học the required level.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        count_studying: bool,
        /// Theo chức danh quy hoạch: rows' chức danh compared with the titles the person is
        /// planned for, not the posts held ("đạt chuẩn chức danh quy hoạch").
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        planned: bool,
    },
}

tagged_deserialize!(Criterion, "a criterion (an object with \"criterion\")", |map| {
    let (mut criterion, mut scale, mut level, mut count_studying, mut field, mut rule) =
        (None::<CriterionKind>, None, None, None, None, None);
    let (mut standard, mut above, mut scales, mut planned) = (None, None, None, None);
    while let Some(k) = key(&mut map)? {
        match k.as_str() {
            "criterion" => criterion = Some(map.next_value()?),
            "scale" => scale = Some(map.next_value()?),
            "level" => level = Some(map.next_value()?),
            "count_studying" => count_studying = Some(map.next_value()?),
            "field" => field = Some(map.next_value()?),
            "rule" => rule = Some(map.next_value()?),
            "standard" => standard = Some(map.next_value()?),
            "above" => above = Some(map.next_value()?),
            "scales" => scales = Some(map.next_value()?),
            "planned" => planned = Some(map.next_value()?),
            _ => skip(&mut map)?,
        }
    }
    Ok(match req(criterion, "criterion")? {
        CriterionKind::Level => Criterion::Level {
            scale: req(scale, "scale")?,
            level: req(level, "level")?,
            count_studying: count_studying.unwrap_or_default(),
        },
        CriterionKind::MinorityLanguage => Criterion::MinorityLanguage,
        CriterionKind::LaoLanguage => Criterion::LaoLanguage,
        CriterionKind::Field => Criterion::Field { field: req(field, "field")? },
        CriterionKind::Person => Criterion::Person { rule: req(rule, "rule")? },
        CriterionKind::Standard => Criterion::Standard {
            standard: req(standard, "standard")?,
            above: above.unwrap_or_default(),
            scales: scales.unwrap_or_default(),
            count_studying: count_studying.unwrap_or_default(),
            planned: planned.unwrap_or_default(),
        },
    })
});

impl Criterion {
    /// Rank of the required level on its scale, if this is a level criterion with a known code.
    pub fn level_rank(&self) -> Option<(Scale, u8)> {
        match self {
            Criterion::Level { scale, level, .. } => {
                scale.levels().iter().position(|(c, _)| c == level).map(|r| (*scale, r as u8))
            }
            _ => None,
        }
    }

    /// Vietnamese label: "Trình độ chuyên môn: Thạc sĩ trở lên (tính cả đang học)".
    pub fn label(&self) -> String {
        match self {
            Criterion::Level { scale, level, count_studying } => {
                let name = scale.levels().into_iter().find(|(c, _)| c == level).map_or(level.as_str(), |(_, l)| l);
                let mut s = format!("{}: {} trở lên", scale.label(), name);
                if *count_studying {
                    s.push_str(" (tính cả đang học)");
                }
                s
            }
            Criterion::MinorityLanguage => "Sử dụng được tiếng dân tộc thiểu số".into(),
            Criterion::LaoLanguage => "Sử dụng được tiếng Lào".into(),
            Criterion::Field { field } => format!("Chuyên ngành: {}", field.any_of.join(", ")),
            Criterion::Person { .. } => "Điều kiện cá nhân".into(),
            Criterion::Standard { above, scales, .. } => {
                let mut s = String::from(if *above { "Trên chuẩn" } else { "Đạt chuẩn" });
                if !scales.is_empty() {
                    let names: Vec<&str> = scales.iter().map(|s| s.label()).collect();
                    s.push_str(" về ");
                    s.push_str(&names.join(", ").to_lowercase());
                }
                s
            }
        }
    }
}

/// Khoảng thời gian of a record-based target.
// `Deserialize` is written by hand below (one pass, no buffering; see [`crate::tagged`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "every", rename_all = "snake_case")]
pub enum Window {
    /// Hàng năm: within each calendar year.
    Year,
    /// Ít nhất 1 lần trong N năm.
    Years {
        /// N.
        years: u8,
    },
    /// Một lần trong nhiệm kỳ.
    Term,
    /// Trong giai đoạn from..=to.
    Period {
        /// Từ năm.
        from: u16,
        /// Đến năm.
        to: u16,
    },
}

tagged_deserialize!(Window, "a window (an object with \"every\")", |map| {
    let (mut every, mut years, mut from, mut to) = (None::<WindowKind>, None, None, None);
    while let Some(k) = key(&mut map)? {
        match k.as_str() {
            "every" => every = Some(map.next_value()?),
            "years" => years = Some(map.next_value()?),
            "from" => from = Some(map.next_value()?),
            "to" => to = Some(map.next_value()?),
            _ => skip(&mut map)?,
        }
    }
    Ok(match req(every, "every")? {
        WindowKind::Year => Window::Year,
        WindowKind::Years => Window::Years { years: req(years, "years")? },
        WindowKind::Term => Window::Term,
        WindowKind::Period => Window::Period { from: req(from, "from")?, to: req(to, "to")? },
    })
});

coded_enum! {
    /// Loại hoạt động counted by an events target (labels as the form lists them).
    #[derive(Default)]
    EventKind {
        /// Lớp bồi dưỡng (tập trung hoặc trực tuyến).
        #[default]
        Class = "class", "Lớp bồi dưỡng (tập trung hoặc trực tuyến)";
        /// Lớp đào tạo towards a level (trung cấp, cao cấp lý luận chính trị, đại học, thạc sĩ):
        /// the documents call these "lớp đào tạo", never "lớp bồi dưỡng".
        DegreeClass = "degree_class", "Lớp đào tạo (trung cấp, cao cấp lý luận chính trị, đại học, sau đại học)";
        /// Đoàn bồi dưỡng ở nước ngoài.
        Delegation = "delegation", "Đoàn bồi dưỡng ở nước ngoài";
        /// Hội thảo.
        Workshop = "workshop", "Hội thảo";
    }
}

impl EventKind {
    /// Vietnamese noun for counts ("lớp", "đoàn", "hội thảo").
    pub fn noun(self) -> &'static str {
        match self {
            EventKind::Class | EventKind::DegreeClass => "lớp",
            EventKind::Delegation => "đoàn",
            EventKind::Workshop => "hội thảo",
        }
    }
}

coded_enum! {
    /// Đếm theo: persons or person-times. Refresher plans count "lượt" (a person trained twice
    /// counts twice: "bồi dưỡng 2.000 lượt cán bộ"), degree plans count persons.
    #[derive(Default)]
    Tally {
        /// Số người (distinct persons).
        #[default]
        Persons = "persons", "Số người";
        /// Số lượt người (every completion or dispatch counts).
        PersonTimes = "person_times", "Số lượt người (học hai lần tính hai lượt)";
    }
}

coded_enum! {
    /// Tính khi: a quota of persons sent (cử đi) counts at the start of the study, a quota of
    /// completions (hoàn thành) at its end.
    #[derive(Default)]
    Stage {
        /// Hoàn thành khóa học.
        #[default]
        Completed = "completed", "Hoàn thành";
        /// Được cử đi học (đã nhập học).
        Sent = "sent", "Được cử đi học";
    }
}

coded_enum! {
    /// Several contents of one target: trained in any of them, or in all of them ("được bồi
    /// dưỡng đủ các nội dung A, B và C").
    #[derive(Default)]
    Combine {
        /// Một trong các nội dung.
        #[default]
        Any = "any", "Ít nhất một trong các nội dung";
        /// Đủ tất cả các nội dung.
        All = "all", "Đủ tất cả các nội dung";
    }
}

/// Cách đếm of a record-based target (trained, completions): what counts beyond the measure's
/// own training. Every field optional in JSON; the default is what targets counted before.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counting {
    /// Người or lượt (completions only).
    #[serde(default, skip_serializing_if = "is_default")]
    pub tally: Tally,
    /// Hoàn thành or cử đi (completions only).
    #[serde(default, skip_serializing_if = "is_default")]
    pub stage: Stage,
    /// Mỗi năm: the quota applies to each year of the target's period ("mỗi năm cử 07
    /// đồng chí"), counted like an annual target (completions only).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub per_year: bool,
    /// Further contents besides the measure's training ("A, B và C": here B and C).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contents: Vec<String>,
    /// Any or all of the contents.
    #[serde(default, skip_serializing_if = "is_default")]
    pub combine: Combine,
}

fn is_default<T: Default + PartialEq>(x: &T) -> bool {
    *x == T::default()
}

impl Counting {
    /// True when nothing differs from the default count (persons completing the training).
    pub fn is_default(&self) -> bool {
        is_default(self)
    }
}

coded_enum! {
    /// The kind of a [`Window`] (its `"every"` tag), as the form's select lists them.
    #[derive(Default)]
    WindowKind {
        /// Hằng năm.
        #[default]
        Year = "year", "Hằng năm";
        /// Ít nhất 1 lần trong N năm.
        Years = "years", "Ít nhất 1 lần trong N năm";
        /// Một lần trong nhiệm kỳ.
        Term = "term", "Ít nhất 1 lần trong nhiệm kỳ";
        /// Trong giai đoạn.
        Period = "period", "Trong giai đoạn";
    }
}

coded_enum! {
    /// Loại tiêu chí: the kind of a [`Criterion`] (its `"criterion"` tag), as a criterion row of
    /// the form lists them.
    #[derive(Default)]
    CriterionKind {
        /// Trình độ trên một thang.
        #[default]
        Level = "level", "Trình độ";
        /// Sử dụng được tiếng dân tộc thiểu số.
        MinorityLanguage = "minority_language", "Sử dụng được tiếng dân tộc thiểu số";
        /// Sử dụng được tiếng Lào.
        LaoLanguage = "lao_language", "Sử dụng được tiếng Lào";
        /// Chuyên ngành đào tạo.
        Field = "field", "Chuyên ngành đào tạo";
        /// Điều kiện cá nhân (kept from a template; not editable on the form).
        Person = "person", "Điều kiện cá nhân";
        /// Đạt chuẩn / trên chuẩn theo một bảng tiêu chuẩn của văn bản.
        Standard = "standard", "Đạt chuẩn theo bảng tiêu chuẩn";
    }
}

coded_enum! {
    /// Loại chỉ tiêu: the kind of a [`Measure`], its code the measure's `"kind"` tag, its label
    /// what the editor's select lists.
    #[derive(Default)]
    MeasureKind {
        /// Tỷ lệ đạt trình độ.
        #[default]
        Share = "share", "Tỷ lệ đạt trình độ";
        /// Số người đạt trình độ.
        Count = "count", "Số người đạt trình độ";
        /// Số người ở mỗi đơn vị.
        PerUnit = "per_unit", "Số người ở mỗi đơn vị";
        /// Tỷ lệ được đào tạo, bồi dưỡng trong kỳ.
        Trained = "trained", "Tỷ lệ được đào tạo, bồi dưỡng trong kỳ";
        /// Số người được cử / hoàn thành so với chỉ tiêu.
        Completions = "completions", "Số người được cử / hoàn thành so với chỉ tiêu";
        /// Số lớp, đoàn, hội thảo mỗi năm.
        Events = "events", "Số lớp, đoàn, hội thảo mỗi năm";
        /// Định hướng (không chấm).
        Directional = "directional", "Định hướng (không chấm)";
    }
}

impl MeasureKind {
    /// The kind of a measure.
    pub fn of(m: &Measure) -> Self {
        match m {
            Measure::Share { .. } => MeasureKind::Share,
            Measure::Count { .. } => MeasureKind::Count,
            Measure::PerUnit { .. } => MeasureKind::PerUnit,
            Measure::Trained { .. } => MeasureKind::Trained,
            Measure::Completions { .. } => MeasureKind::Completions,
            Measure::Events { .. } => MeasureKind::Events,
            Measure::Directional => MeasureKind::Directional,
        }
    }

    /// Which form fields this kind uses ("criteria", "units", "training", "window", "agency",
    /// "event", "milestones", "baseline", "start_year", "continuing", "tally", "stage",
    /// "per_year", "contents", "reached"), so the UI shows only those.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            MeasureKind::Share | MeasureKind::Count => {
                &["group", "criteria", "comparator", "milestones", "reached", "baseline", "tier_of"]
            }
            MeasureKind::PerUnit => &["group", "units", "criteria", "comparator", "milestones", "reached", "baseline"],
            MeasureKind::Trained => &[
                "group",
                "training",
                "contents",
                "window",
                "comparator",
                "milestones",
                "reached",
                "start_year",
                "continuing",
                "baseline",
                "tier_of",
            ],
            MeasureKind::Completions => &[
                "group",
                "training",
                "contents",
                "agency",
                "tally",
                "stage",
                "per_year",
                "comparator",
                "milestones",
                "reached",
                "start_year",
                "continuing",
            ],
            MeasureKind::Events => &[
                "group",
                "event",
                "training",
                "comparator",
                "milestones",
                "reached",
                "start_year",
                "continuing",
                "tier_of",
            ],
            MeasureKind::Directional => &["group"],
        }
    }

    /// True when amounts are percentages (0-100).
    pub fn is_percent(self) -> bool {
        matches!(self, MeasureKind::Share | MeasureKind::Trained)
    }
}

/// Đo lường: what a target counts.
// `Deserialize` is written by hand below (one pass, no buffering; see [`crate::tagged`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Measure {
    /// Tỷ lệ: share of the group meeting every criterion (amount in %).
    Share {
        /// Tiêu chí (all at once).
        criteria: Vec<Criterion>,
    },
    /// Số người: how many of the group meet every criterion (amount in persons).
    Count {
        /// Tiêu chí.
        criteria: Vec<Criterion>,
    },
    /// Mỗi đơn vị: in each unit matching `units`, how many group members working in its
    /// subtree meet every criterion ("mỗi sở có 03 - 05"; amount in persons per unit).
    PerUnit {
        /// Which units.
        units: Box<UnitFilter>,
        /// Tiêu chí.
        criteria: Vec<Criterion>,
    },
    /// Tỷ lệ được đào tạo, bồi dưỡng within a window ("hàng năm ít nhất 60%", "ít nhất 1 lần
    /// trong 2 năm"). Needs course records (amount in %).
    Trained {
        /// Nội dung đào tạo, bồi dưỡng.
        training: String,
        /// Khoảng thời gian.
        window: Window,
    },
    /// Số người hoàn thành / được cử đi within the target's period, against a quota
    /// ("194 thạc sỹ, đạt 97% so với mục tiêu"). Needs course records (amount in persons).
    Completions {
        /// Nội dung đào tạo.
        training: String,
        /// Cơ quan thực hiện, when the quota is assigned to one.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        agency: String,
        /// The quota is per agency or locality ("01 chỉ tiêu/ địa phương").
        #[serde(default)]
        per_unit: bool,
    },
    /// Số hoạt động mỗi năm (lớp, đoàn, hội thảo). Needs course records (amount in events).
    Events {
        /// Loại hoạt động.
        event: EventKind,
        /// Nội dung.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        training: String,
    },
    /// Định hướng: no number; shown, not scored.
    Directional,
}

tagged_deserialize!(Measure, "a measure (an object with \"kind\")", |map| {
    let (mut kind, mut criteria, mut units, mut training, mut window) = (None::<MeasureKind>, None, None, None, None);
    let (mut agency, mut per_unit, mut event) = (None, None, None);
    while let Some(k) = key(&mut map)? {
        match k.as_str() {
            "kind" => kind = Some(map.next_value()?),
            "criteria" => criteria = Some(map.next_value()?),
            "units" => units = Some(map.next_value()?),
            "training" => training = Some(map.next_value()?),
            "window" => window = Some(map.next_value()?),
            "agency" => agency = Some(map.next_value()?),
            "per_unit" => per_unit = Some(map.next_value()?),
            "event" => event = Some(map.next_value()?),
            _ => skip(&mut map)?,
        }
    }
    Ok(match req(kind, "kind")? {
        MeasureKind::Share => Measure::Share { criteria: req(criteria, "criteria")? },
        MeasureKind::Count => Measure::Count { criteria: req(criteria, "criteria")? },
        MeasureKind::PerUnit => Measure::PerUnit { units: req(units, "units")?, criteria: req(criteria, "criteria")? },
        MeasureKind::Trained => {
            Measure::Trained { training: req(training, "training")?, window: req(window, "window")? }
        }
        MeasureKind::Completions => Measure::Completions {
            training: req(training, "training")?,
            agency: agency.unwrap_or_default(),
            per_unit: per_unit.unwrap_or_default(),
        },
        MeasureKind::Events => Measure::Events { event: req(event, "event")?, training: training.unwrap_or_default() },
        MeasureKind::Directional => Measure::Directional,
    })
});

impl Measure {
    /// True when the measure is computed from the roster alone.
    pub fn from_roster(&self) -> bool {
        matches!(self, Measure::Share { .. } | Measure::Count { .. } | Measure::PerUnit { .. })
    }

    /// True when the measure needs course records (enrollments), which do not exist yet.
    pub fn needs_records(&self) -> bool {
        matches!(self, Measure::Trained { .. } | Measure::Completions { .. } | Measure::Events { .. })
    }

    /// Criteria of a roster measure.
    pub fn criteria(&self) -> &[Criterion] {
        match self {
            Measure::Share { criteria } | Measure::Count { criteria } | Measure::PerUnit { criteria, .. } => criteria,
            _ => &[],
        }
    }

    /// The kind of this measure.
    pub fn kind(&self) -> MeasureKind {
        MeasureKind::of(self)
    }

    /// Stable code of the kind (the `"kind"` tag).
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// Vietnamese name of the kind, for the editor.
    pub fn label(&self) -> &'static str {
        self.kind().label()
    }

    /// True when the amounts of this measure are percentages.
    pub fn is_percent(&self) -> bool {
        matches!(self, Measure::Share { .. } | Measure::Trained { .. })
    }
}

coded_enum! {
    /// So sánh. The label is the word placed before the number ("ít nhất 50%").
    #[derive(Default)]
    Comparator {
        /// Ít nhất / đạt / trở lên (≥).
        #[default]
        AtLeast = "at_least", "ít nhất";
        /// Trên (strictly above, >).
        Above = "above", "trên";
        /// Khoảng: met at 95% of the value or more.
        About = "about", "khoảng";
        /// Duy trì: keep at or above the value.
        Maintain = "maintain", "duy trì";
    }
}

impl Comparator {
    /// Label for the form's select ("Ít nhất (≥)").
    pub fn form_label(self) -> &'static str {
        match self {
            Comparator::AtLeast => "Ít nhất / trở lên (≥)",
            Comparator::Above => "Trên (>)",
            Comparator::About => "Khoảng (đạt từ 95%)",
            Comparator::Maintain => "Duy trì",
        }
    }
}

/// Mốc: how much by when. A target may have several (2020 and 2025; 2026 and 2030).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    /// Năm (met by 31 December of that year).
    pub year: u16,
    /// So sánh.
    #[serde(default)]
    pub comparator: Comparator,
    /// Mức (% or persons, by the measure). `None` with `increase` = relative to the baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Upper end of a range ("20-25%", "03 - 05").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    /// "Tăng X% so với hiện nay": the increase the document states, kept as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increase: Option<f64>,
    /// "Duy trì mức đã đạt" of another target (of this directive or another one): a "duy trì"
    /// milestone with no number takes that target's last amount, resolved at scoring
    /// ([`super::score::resolve_maintained`]). Without it, the previous milestone's amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reached: Option<Reached>,
}

/// Mức đã đạt: the target whose amount a "duy trì" milestone keeps.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Reached {
    /// Văn bản: its id or số ký hiệu ("05-NQ/TU"); empty = this directive.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub directive: String,
    /// Mã chỉ tiêu there.
    pub target: String,
}

/// Số liệu gốc the document states ("từ 17,8% năm 2020", "gần 40% năm 2020").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatedBaseline {
    /// Value (% or persons, as the measure).
    pub value: f64,
    /// How the value is written ("gần", "khoảng" …); exact when left out.
    #[serde(default, skip_serializing_if = "Bound::is_exact")]
    pub bound: Bound,
    /// Năm of the figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// Tử số, when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<u32>,
    /// Mẫu số, when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<u32>,
}

coded_enum! {
    /// Đơn vị của mức tăng: a review writes a change in percentage points of a share ("tăng
    /// 3,6%") or in persons ("tăng 120 đồng chí").
    #[derive(Default)]
    ChangeUnit {
        /// Điểm phần trăm.
        #[default]
        Points = "points", "%";
        /// Người.
        Persons = "persons", "đồng chí";
    }
}

impl ChangeUnit {
    /// True for the default (left out of JSON).
    pub fn is_points(&self) -> bool {
        *self == ChangeUnit::Points
    }
}

coded_enum! {
    /// Kết quả so với chỉ tiêu in words, when a review gives no number ("07 tiến sỹ, vượt chỉ
    /// tiêu"). The label is the document's phrase.
    Outcome {
        /// Vượt chỉ tiêu.
        Exceeded = "exceeded", "vượt chỉ tiêu";
        /// Đạt chỉ tiêu.
        Met = "met", "đạt chỉ tiêu";
        /// Chưa đạt chỉ tiêu.
        NotMet = "not_met", "chưa đạt chỉ tiêu";
    }
}

/// Kết quả đã báo cáo: a result a review reports ("tăng 3,6% so với năm 2010", "194 thạc sỹ,
/// đạt 97% so với mục tiêu", "141/203, 69,5%", "gần 40%", "07 tiến sỹ, vượt chỉ tiêu"). Kept as
/// the document writes it and shown beside the roster's own figure, never used to score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reported {
    /// Năm báo cáo.
    pub year: u16,
    /// Value reached (persons or %, as the measure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// How `value` is written ("gần 40%", "hơn 2.000"); exact when left out.
    #[serde(default, skip_serializing_if = "Bound::is_exact")]
    pub bound: Bound,
    /// Tử số: the count reached ("141" of "141/203").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<u32>,
    /// Mẫu số: the count it is out of ("203" of "141/203").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<u32>,
    /// Change since `since_year`, in `change_unit` (negative: "giảm").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<f64>,
    /// How `change` is written ("tăng gần 4%").
    #[serde(default, skip_serializing_if = "Bound::is_exact")]
    pub change_bound: Bound,
    /// Points of a share or persons.
    #[serde(default, skip_serializing_if = "ChangeUnit::is_points")]
    pub change_unit: ChangeUnit,
    /// Năm gốc of the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since_year: Option<u16>,
    /// Share of the quota reached, as stated (97).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of_quota: Option<f64>,
    /// The result in words when no number is given ("vượt chỉ tiêu").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

impl Reported {
    /// A report of `year` with nothing stated yet.
    pub fn of_year(year: u16) -> Reported {
        Reported {
            year,
            value: None,
            bound: Bound::Exact,
            numerator: None,
            denominator: None,
            change: None,
            change_bound: Bound::Exact,
            change_unit: ChangeUnit::Points,
            since_year: None,
            of_quota: None,
            outcome: None,
        }
    }
}

/// `"reported"` of a target: one report (the form every template written before had) or a
/// list of them, one per year reviewed; written back as one object when there is one.
mod reports {
    use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
    use serde::de::{Error, MapAccess, SeqAccess, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Reported;

    pub fn serialize<S: Serializer>(v: &[Reported], s: S) -> Result<S::Ok, S::Error> {
        match v {
            [one] => one.serialize(s),
            many => many.serialize(s),
        }
    }

    struct OneOrMany;

    impl<'de> Visitor<'de> for OneOrMany {
        type Value = Vec<Reported>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a report (an object with \"year\") or a list of them")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            Reported::deserialize(MapAccessDeserializer::new(map)).map(|r| vec![r])
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            Vec::<Reported>::deserialize(SeqAccessDeserializer::new(seq))
        }
        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Reported>, D::Error> {
        d.deserialize_any(OneOrMany)
    }
}

/// Chỉ tiêu.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Mã (unique in the directive).
    pub id: String,
    /// The sentence, verbatim from the document (or generated by the editor).
    pub sentence: String,
    /// Nhóm đối tượng (id of a directive group). Required for roster measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// What is counted.
    pub measure: Measure,
    /// Mốc. Empty = directional or monitoring only.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Năm bắt đầu of the target's own programme, when it began before the document ("từ năm
    /// 2018, đến năm 2025 đào tạo 200 thạc sĩ"): completions count from it. Else the
    /// directive's period (or its date) starts the target's period; see
    /// [`super::score::target_period`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_year: Option<u16>,
    /// Tiếp tục: a continuing programme without a deadline ("tiếp tục cử cán bộ đi đào tạo"):
    /// its milestones give amounts, never a date after which it is overdue; it is monitored.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub continuing: bool,
    /// Cách đếm of a record-based target (người or lượt, hoàn thành or cử đi, mỗi năm,
    /// several contents).
    #[serde(default, skip_serializing_if = "Counting::is_default")]
    pub counting: Counting,
    /// Số liệu gốc stated by the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<StatedBaseline>,
    /// Kết quả the document reports (reviews), one per year reviewed, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "reports")]
    pub reported: Vec<Reported>,
    /// For the second tier of a two-tier target ("100% ... trong đó 30% ..."): the first tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier_of: Option<String>,
    /// Ghi chú.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Target {
    /// The milestone that applies in `year`: the first not yet past, else the last.
    pub fn milestone_for(&self, year: u16) -> Option<(usize, &Milestone)> {
        let i = self.milestones.iter().position(|m| m.year >= year).or(self.milestones.len().checked_sub(1))?;
        Some((i, &self.milestones[i]))
    }

    /// Last deadline.
    pub fn last_year(&self) -> Option<u16> {
        self.milestones.iter().map(|m| m.year).max()
    }

    /// True when the target is scored (has a number and a roster measure).
    pub fn is_scored(&self) -> bool {
        !self.milestones.is_empty() && !matches!(self.measure, Measure::Directional)
    }
}

/// Nhu cầu đào tạo: "sau đại học: 35 đồng chí; mỗi năm cử 07 - 08 đồng chí".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingNeed {
    /// Mã (unique in the directive).
    pub id: String,
    /// The sentence, verbatim.
    pub sentence: String,
    /// Nhóm đối tượng the need is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The level trained towards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<Criterion>,
    /// Số người cần đào tạo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons: Option<u32>,
    /// Mỗi năm cử từ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_year_min: Option<u32>,
    /// Mỗi năm cử đến.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_year_max: Option<u32>,
    /// Targets this need serves (their gaps add up to the need the roster implies).
    #[serde(default)]
    pub targets: Vec<String>,
}
