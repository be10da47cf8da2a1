//! Theo dõi so với mốc: a group's figures now against a baseline (mốc) — frozen from the
//! roster at a date ("Chốt số liệu") or entered as aggregates for a year before the app — and
//! counts against quotas, in seed 001's words:
//!
//! "Trình độ chuyên môn đại học và sau đại học tăng 3,6%"; "đào tạo 194 thạc sĩ, đạt 97% so
//! với mục tiêu; 07 tiến sĩ, vượt chỉ tiêu".
//!
//! Pure values and sentences; storing baselines (IndexedDB, snapshots) is the store's job.

use super::directive::group::Evaluator;
use super::directive::{Date, Directive, RosterIndex};
use super::levels::{Political, Professional, StateManagement};
use super::model::{Cadre, Id, RecordMeta};
use crate::error::FieldError;
use crate::number::{round_count, tenths_percent_fixed};

/// The indicators a baseline keeps for each group: (code, words as seed 001 writes them).
pub const INDICATORS: [(&str, &str); 6] = [
    ("cm_dai_hoc", "Trình độ chuyên môn đại học và sau đại học"),
    ("cm_thac_si", "Trình độ chuyên môn thạc sĩ trở lên"),
    ("cm_trung_cap", "Trình độ chuyên môn từ trung cấp trở lên"),
    ("llct_cao_cap", "Lý luận chính trị cử nhân, cao cấp"),
    ("llct_trung_cap", "Lý luận chính trị từ trung cấp trở lên"),
    ("qlnn_cvc", "Quản lý nhà nước chuyên viên chính trở lên"),
];

fn indicator(code: &str, c: &Cadre) -> bool {
    match code {
        "cm_dai_hoc" => c.professional.level >= Professional::Bachelor,
        "cm_thac_si" => c.professional.level >= Professional::Master,
        "cm_trung_cap" => c.professional.level >= Professional::Intermediate,
        "llct_cao_cap" => c.political.level >= Political::Advanced,
        "llct_trung_cap" => c.political.level >= Political::Intermediate,
        "qlnn_cvc" => c.state_management.level >= StateManagement::Principal,
        _ => false,
    }
}

crate::tagged::coded_enum! {
    /// Where a baseline's figures come from.
    BaselineOrigin {
        /// Chốt số liệu: frozen from the roster on the date.
        Frozen = "frozen", "Chốt số liệu";
        /// Nhập tay: aggregate figures for a year before the app.
        Entered = "entered", "Nhập tay";
    }
}

/// One indicator's count in a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// Indicator code (see [`INDICATORS`]).
    pub code: String,
    /// Số người.
    pub count: u32,
}

/// A group's figures at the baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupFigures {
    /// Group id in the directive.
    pub group_id: String,
    /// Tên nhóm at the time.
    pub group_name: String,
    /// Tổng số.
    pub total: u32,
    /// Indicators.
    pub figures: Vec<Figure>,
}

impl GroupFigures {
    /// Share of `code` in tenths of a percent (rounded half up); `None` when unknown or empty.
    pub fn tenths(&self, code: &str) -> Option<i64> {
        let f = self.figures.iter().find(|f| f.code == code)?;
        crate::number::percent_tenths(f.count, self.total).map(|t| t as i64)
    }
}

/// Mốc số liệu: the figures of a directive's groups at a date.
///
/// JSON (stored and in snapshots): `{"id","directive_id","date":"YYYY-MM-DD","origin":
/// "frozen"|"entered","note"?,"groups":[{"group_id","group_name","total","figures":[{"code",
/// "count"}]}],"removed"?:true,"meta"?:{"version","updated_at"}}`. Read and written by hand
/// through `serde_json::Value` (see `wire` below): a derive would add its code to every
/// bundle per serializer, and the share bundle is at its size budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baseline {
    /// Mã.
    pub id: Id,
    /// Văn bản.
    pub directive_id: Id,
    /// Ngày chốt (31/12 of the year for entered figures).
    pub date: Date,
    /// Chốt hay nhập tay.
    pub origin: BaselineOrigin,
    /// Ghi chú ("Số liệu năm 2010 theo báo cáo của Ban Tổ chức").
    pub note: String,
    /// Các nhóm.
    pub groups: Vec<GroupFigures>,
    /// Đã xóa: a deletion is a newer version with this set (it travels in snapshots and is
    /// undone by a newer version without it), never an outright delete.
    pub removed: bool,
    /// Version and time.
    pub meta: RecordMeta,
}

mod wire {
    //! Baseline ⇄ `serde_json::Value`, by hand (one non-generic path; `Value`'s own serde
    //! impls are in every bundle already).
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::{json, Map, Value};

    use super::{Baseline, BaselineOrigin, Figure, GroupFigures};
    use crate::directive::Date;
    use crate::model::RecordMeta;

    fn to_value(b: &Baseline) -> Value {
        let groups: Vec<Value> = b
            .groups
            .iter()
            .map(|g| {
                let figures: Vec<Value> = g.figures.iter().map(|f| json!({"code": f.code, "count": f.count})).collect();
                json!({"group_id": g.group_id, "group_name": g.group_name, "total": g.total, "figures": figures})
            })
            .collect();
        let origin = b.origin.code();
        let mut v = json!({
            "id": b.id, "directive_id": b.directive_id, "date": b.date.to_string(), "origin": origin,
            "note": b.note, "groups": groups,
        });
        if b.removed {
            v["removed"] = Value::Bool(true);
        }
        v["meta"] = serde_json::to_value(&b.meta).expect("a meta always serialises");
        v
    }

    type R<T> = Result<T, String>;

    /// "invalid type for `k`, expected …" (serde's words, translated by the snapshot reader).
    fn bad(k: &str, expected: &str) -> String {
        let mut m = String::from("invalid type for `");
        m.push_str(k);
        m.push_str("`, expected ");
        m.push_str(expected);
        m
    }
    fn field<'a>(o: &'a Map<String, Value>, k: &str) -> R<&'a Value> {
        o.get(k).ok_or_else(|| {
            let mut m = String::from("missing field `");
            m.push_str(k);
            m.push('`');
            m
        })
    }
    fn obj<'a>(v: &'a Value, k: &str) -> R<&'a Map<String, Value>> {
        v.as_object().ok_or_else(|| bad(k, "a map"))
    }
    fn string(o: &Map<String, Value>, k: &str) -> R<String> {
        field(o, k)?.as_str().map(str::to_string).ok_or_else(|| bad(k, "a string"))
    }
    fn num(o: &Map<String, Value>, k: &str) -> R<u64> {
        field(o, k)?.as_u64().ok_or_else(|| bad(k, "u64"))
    }
    fn count(o: &Map<String, Value>, k: &str) -> R<u32> {
        u32::try_from(num(o, k)?).map_err(|_| bad(k, "u32"))
    }
    fn list<'a>(o: &'a Map<String, Value>, k: &str) -> R<&'a Vec<Value>> {
        field(o, k)?.as_array().ok_or_else(|| bad(k, "a sequence"))
    }

    fn from_value(v: &Value) -> R<Baseline> {
        let o = obj(v, "baseline")?;
        let date = Date::parse(&string(o, "date")?).ok_or_else(|| bad("date", "a date YYYY-MM-DD"))?;
        let origin =
            BaselineOrigin::from_code(&string(o, "origin")?).ok_or_else(|| bad("origin", "`frozen` or `entered`"))?;
        let mut groups = Vec::new();
        for g in list(o, "groups")? {
            let g = obj(g, "groups")?;
            let mut figures = Vec::new();
            for f in list(g, "figures")? {
                let f = obj(f, "figures")?;
                figures.push(Figure { code: string(f, "code")?, count: count(f, "count")? });
            }
            groups.push(GroupFigures {
                group_id: string(g, "group_id")?,
                group_name: string(g, "group_name")?,
                total: count(g, "total")?,
                figures,
            });
        }
        let meta = match o.get("meta") {
            None | Some(Value::Null) => RecordMeta::default(),
            Some(m) => {
                obj(m, "meta")?;
                <RecordMeta as serde::Deserialize>::deserialize(m).map_err(|e| e.to_string())?
            }
        };
        Ok(Baseline {
            id: string(o, "id")?,
            directive_id: string(o, "directive_id")?,
            date,
            origin,
            note: if o.contains_key("note") { string(o, "note")? } else { String::new() },
            groups,
            removed: match o.get("removed") {
                None => false,
                Some(b) => b.as_bool().ok_or_else(|| bad("removed", "a boolean"))?,
            },
            meta,
        })
    }

    impl Serialize for Baseline {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            to_value(self).serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Baseline {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            from_value(&Value::deserialize(d)?).map_err(D::Error::custom)
        }
    }
}

/// Chốt số liệu: the figures of `group_ids` of `d` on `date`, from the roster.
pub fn freeze(id: Id, d: &Directive, idx: &RosterIndex, group_ids: &[String], date: Date) -> Baseline {
    let mut ev = Evaluator::for_directive(idx, d, date.year);
    let groups = group_ids
        .iter()
        .filter_map(|gid| {
            let g = d.group(gid)?;
            let members: Vec<&Cadre> = ev.group(gid).iter().map(|i| &idx.roster.cadres[i]).collect();
            Some(GroupFigures {
                group_id: gid.clone(),
                group_name: g.name.clone(),
                total: members.len() as u32,
                figures: INDICATORS
                    .iter()
                    .map(|(code, _)| Figure {
                        code: code.to_string(),
                        count: members.iter().filter(|c| indicator(code, c)).count() as u32,
                    })
                    .collect(),
            })
        })
        .collect();
    Baseline {
        id,
        directive_id: d.id.clone(),
        date,
        origin: BaselineOrigin::Frozen,
        note: String::new(),
        groups,
        removed: false,
        meta: RecordMeta::default(),
    }
}

/// Checks a baseline: counts within the group total, known indicators. Each error's field is
/// `<group>.<indicator>` (the keys of the entered form); messages in Vietnamese name the group
/// and the indicator.
pub fn validate(b: &Baseline) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for g in &b.groups {
        for f in &g.figures {
            let field = format!("{}.{}", g.group_id, f.code);
            let Some((_, words)) = INDICATORS.iter().find(|(c, _)| *c == f.code) else {
                let message = format!("Nhóm \"{}\": chỉ số \"{}\" không có trong danh mục.", g.group_name, f.code);
                errors.push(FieldError::new(field, message));
                continue;
            };
            if f.count > g.total {
                let message = format!(
                    "Nhóm \"{}\": {} là {} người, nhiều hơn tổng số {} người.",
                    g.group_name,
                    words.to_lowercase(),
                    crate::number::grouped(f.count),
                    crate::number::grouped(g.total)
                );
                errors.push(FieldError::new(field, message));
            }
        }
    }
    errors
}

/// One group's row of the "Nhập số liệu năm trước" form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupDraft {
    /// Group id in the directive.
    pub group_id: String,
    /// Tổng số, as typed.
    pub total: String,
    /// (indicator code, count as typed); an empty count means "không có số liệu".
    pub counts: Vec<(String, String)>,
}

/// Reads the "Nhập số liệu năm trước" form into an entered baseline for `year`: every number
/// a whole number, every count within its group's total, at least one group with a total.
/// Errors name the field (`year`, `<group>.total`, `<group>.<code>`) and say what is wrong.
pub fn entered(
    id: Id,
    d: &Directive,
    year: &str,
    note: &str,
    rows: &[GroupDraft],
) -> Result<Baseline, Vec<FieldError>> {
    let mut errors = Vec::new();
    let year_n = year.trim().parse::<u16>().ok().filter(|y| (1945..=2100).contains(y));
    if year_n.is_none() {
        errors.push(FieldError::new("year", format!("Năm: \"{}\" không phải một năm (1945-2100).", year.trim())));
    }
    errors.extend(FieldError::too_long("note", "Ghi chú", note, super::roster::MAX_TEXT_CHARS));
    let mut groups = Vec::new();
    for r in rows {
        let Some(g) = d.group(&r.group_id) else { continue };
        let name = &g.name;
        let t = r.total.trim();
        let any_count = r.counts.iter().any(|(_, v)| !v.trim().is_empty());
        if t.is_empty() {
            if any_count {
                errors.push(FieldError::new(
                    format!("{}.total", r.group_id),
                    format!("Nhóm \"{name}\": cần nhập tổng số người."),
                ));
            }
            continue;
        }
        let Ok(total) = t.parse::<u32>() else {
            errors.push(FieldError::new(
                format!("{}.total", r.group_id),
                format!("Nhóm \"{name}\", tổng số: \"{t}\" không phải số người (số nguyên không âm)."),
            ));
            continue;
        };
        let mut figures = Vec::new();
        for (code, v) in &r.counts {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            let words = INDICATORS.iter().find(|(c, _)| c == code).map_or(code.as_str(), |(_, w)| *w);
            match v.parse::<u32>() {
                Ok(count) if count > total => errors.push(FieldError::new(
                    format!("{}.{code}", r.group_id),
                    format!(
                        "Nhóm \"{name}\", {}: {} người, nhiều hơn tổng số {} người.",
                        words.to_lowercase(),
                        crate::number::grouped(count),
                        crate::number::grouped(total)
                    ),
                )),
                Ok(count) => figures.push(Figure { code: code.clone(), count }),
                Err(_) => errors.push(FieldError::new(
                    format!("{}.{code}", r.group_id),
                    format!(
                        "Nhóm \"{name}\", {}: \"{v}\" không phải số người (số nguyên không âm).",
                        words.to_lowercase()
                    ),
                )),
            }
        }
        groups.push(GroupFigures { group_id: r.group_id.clone(), group_name: name.clone(), total, figures });
    }
    if groups.is_empty() && errors.is_empty() {
        errors.push(FieldError::new("groups", "Cần nhập số liệu của ít nhất một nhóm (tổng số người)."));
    }
    match year_n {
        Some(y) if errors.is_empty() => Ok(Baseline {
            id,
            directive_id: d.id.clone(),
            date: Date::end_of_year(y),
            origin: BaselineOrigin::Entered,
            note: note.trim().to_string(),
            groups,
            removed: false,
            meta: RecordMeta::default(),
        }),
        _ => Err(errors),
    }
}

/// A baseline's title in lists: "Chốt số liệu ngày 03/02/2026" or "Số liệu năm 2015 (nhập tay)".
pub fn title(b: &Baseline) -> String {
    match b.origin {
        BaselineOrigin::Frozen => format!("Chốt số liệu ngày {}", b.date.short_vi()),
        BaselineOrigin::Entered => format!("Số liệu năm {} (nhập tay)", b.date.year),
    }
}

/// The live baselines of a directive, newest date first.
pub fn of_directive<'a>(all: &'a [Baseline], directive_id: &str) -> Vec<&'a Baseline> {
    let mut v: Vec<&Baseline> = all.iter().filter(|b| b.directive_id == directive_id && !b.removed).collect();
    v.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    v
}

/// Counts against quotas for the directive's count targets with a number ("Số người" with a
/// milestone): "<sentence>: 194 người, đạt 97% so với mục tiêu" at `scores`' date.
pub fn quota_lines(d: &Directive, scores: &super::directive::DirectiveScore) -> Vec<String> {
    d.targets()
        .into_iter()
        .filter(|t| {
            matches!(t.measure, super::directive::Measure::Count { .. } | super::directive::Measure::Completions { .. })
        })
        .filter_map(|t| {
            let s = scores.targets.iter().find(|s| s.target_id == t.id)?;
            let (n, q) = (s.measured?, s.target?);
            (q >= 1.0).then(|| {
                format!(
                    "{}: {}",
                    t.sentence.trim_end_matches('.'),
                    against_quota(round_count(n), "người", round_count(q))
                )
            })
        })
        .collect()
}

/// A target the document reports results of, beside the roster's count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedLine {
    /// Target id.
    pub target_id: String,
    /// The target's sentence, as the document writes it.
    pub sentence: String,
    /// Theo báo cáo ("Năm 2014: 194 đồng chí, đạt 97% so với mục tiêu").
    pub reported: String,
    /// The same as a phrase ("theo báo cáo năm 2014: …").
    pub reported_phrase: String,
    /// Theo danh sách, at the scores' date ("14/42 = 33,3%", "chưa có dữ liệu").
    pub roster: String,
    /// A disagreement or parts that do not add up, in words.
    pub checks: Vec<String>,
}

impl ReportedLine {
    /// The line as copied with the paragraph: "<sentence>: theo báo cáo …; theo danh sách …".
    pub fn text(&self) -> String {
        let mut t = format!(
            "{}: {}; theo danh sách {}",
            self.sentence.trim_end_matches('.'),
            self.reported_phrase,
            self.roster
        );
        for c in &self.checks {
            t.push_str(". ");
            t.push_str(c.trim_end_matches('.'));
        }
        t.push('.');
        t
    }
}

/// Every target with reported results ("theo báo cáo"), beside what the roster counts at
/// `scores`' date ("theo danh sách"), with what they contradict.
pub fn reported_lines(d: &Directive, scores: &super::directive::DirectiveScore) -> Vec<ReportedLine> {
    use crate::directive::reported::{add_up_flags, against_roster, flags_of, reports_phrase, reports_text};
    let flags = add_up_flags(d);
    d.targets()
        .into_iter()
        .filter(|t| !t.reported.is_empty())
        .map(|t| {
            let s = scores.target(&t.id);
            let mut checks: Vec<String> = s.and_then(|s| against_roster(t, s, scores.at)).into_iter().collect();
            checks.extend(flags_of(&flags, &t.id));
            ReportedLine {
                target_id: t.id.clone(),
                sentence: t.sentence.trim().to_string(),
                reported: reports_text(t),
                reported_phrase: reports_phrase(t),
                roster: s.map_or_else(|| "chưa chấm".to_string(), |s| s.value_text()),
                checks,
            }
        })
        .collect()
}

/// "Trình độ chuyên môn đại học và sau đại học tăng 3,6%" for each indicator both sides know,
/// in percentage points of the group's share.
pub fn changes(now: &GroupFigures, base: &GroupFigures) -> Vec<String> {
    INDICATORS
        .iter()
        .filter_map(|(code, words)| {
            let (a, b) = (now.tenths(code)?, base.tenths(code)?);
            let d = a - b;
            Some(match d {
                0 => format!("{words} không thay đổi ({})", tenths_percent_fixed(a.abs())),
                d if d > 0 => format!("{words} tăng {}", tenths_percent_fixed(d)),
                d => format!("{words} giảm {}", tenths_percent_fixed(-d)),
            })
        })
        .collect()
}

/// The monitoring paragraph: each group of `now` found in `base`, with its changes, "so với
/// năm 2010" at the end as seed 001 writes it.
pub fn monitoring_paragraph(now: &Baseline, base: &Baseline) -> String {
    let parts: Vec<String> = now
        .groups
        .iter()
        .filter_map(|g| {
            let b = base.groups.iter().find(|x| x.group_id == g.group_id)?;
            let c = changes(g, b);
            (!c.is_empty()).then(|| format!("{}: {}", g.group_name, c.join("; ")))
        })
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    format!("{} so với năm {}.", parts.join(". "), base.date.year)
}

pub use crate::number::against_quota;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{hoang_su_phi, HOANG_SU_PHI_YEAR};
    use crate::roster::Roster;

    fn group(total: u32, figures: &[(&str, u32)]) -> GroupFigures {
        GroupFigures {
            group_id: "g".into(),
            group_name: "Cán bộ diện Tỉnh ủy quản lý".into(),
            total,
            figures: figures.iter().map(|(c, n)| Figure { code: c.to_string(), count: *n }).collect(),
        }
    }

    #[test]
    fn seed_001_increase_in_percentage_points() {
        // 2010: 850 of 1.000 (85,0%); now 886 of 1.000 (88,6%): "tăng 3,6%".
        let base = group(1000, &[("cm_dai_hoc", 850), ("llct_cao_cap", 400)]);
        let now = group(1000, &[("cm_dai_hoc", 886), ("llct_cao_cap", 430)]);
        assert_eq!(
            changes(&now, &base),
            ["Trình độ chuyên môn đại học và sau đại học tăng 3,6%", "Lý luận chính trị cử nhân, cao cấp tăng 3,0%"]
        );
        let fewer = group(1000, &[("cm_dai_hoc", 800), ("llct_cao_cap", 400)]);
        assert_eq!(
            changes(&fewer, &base),
            [
                "Trình độ chuyên môn đại học và sau đại học giảm 5,0%",
                "Lý luận chính trị cử nhân, cao cấp không thay đổi (40,0%)"
            ]
        );
    }

    #[test]
    fn freezing_the_demo_roster_and_comparing_with_an_entered_baseline() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../public/templates/002-hoang-su-phi-02-da-hu.json");
        let d = Directive::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
        let (units, cadres) = hoang_su_phi(1);
        let r = Roster { units, cadres };
        let at = Date::new(HOANG_SU_PHI_YEAR, 2, 3).unwrap();
        let now = freeze("m1".into(), &d, &RosterIndex::build(&r), &["g11".into(), "g13".into()], at);
        assert_eq!(now.groups.len(), 2);
        let g11 = &now.groups[0];
        assert_eq!(g11.total, 42);
        let count = |code: &str| g11.figures.iter().find(|f| f.code == code).unwrap().count;
        assert_eq!(count("cm_dai_hoc"), 42, "01 tiến sĩ + 13 thạc sĩ (some studying, holding đại học) + 28 đại học");
        assert_eq!(count("llct_cao_cap"), 33);
        assert_eq!(count("qlnn_cvc"), 20);
        // An entered 2015 baseline: 30 of 42 held cao cấp.
        let mut base = now.clone();
        base.origin = BaselineOrigin::Entered;
        base.date = Date::end_of_year(2015);
        base.groups.truncate(1);
        base.groups[0].figures = vec![Figure { code: "llct_cao_cap".into(), count: 30 }];
        assert!(validate(&base).is_empty());
        let p = monitoring_paragraph(&now, &base);
        assert_eq!(p, "Ủy viên Ban chấp hành Đảng bộ Huyện đương chức khóa XXI: Lý luận chính trị cử nhân, cao cấp tăng 7,2% so với năm 2015.");
        base.groups[0].figures[0].count = 50;
        assert_eq!(validate(&base).len(), 1);
        assert!(validate(&base)[0].message.contains("nhiều hơn tổng số 42 người"), "{:?}", validate(&base));
        assert_eq!(validate(&base)[0].field, "g11.llct_cao_cap");
        // Round trip as stored JSON.
        let json = serde_json::to_string(&now).unwrap();
        assert_eq!(serde_json::from_str::<Baseline>(&json).unwrap(), now);
        let mut gone = base.clone();
        gone.removed = true;
        gone.note = "Báo cáo năm 2015".into();
        let v = serde_json::to_value(&gone).unwrap();
        assert_eq!(v["origin"], "entered");
        assert_eq!(v["date"], "2015-12-31");
        assert_eq!(v["removed"], true);
        assert_eq!(v["groups"][0]["figures"][0], serde_json::json!({"code": "llct_cao_cap", "count": 50}));
        assert_eq!(serde_json::from_value::<Baseline>(v).unwrap(), gone);
        assert!(serde_json::to_value(&now).unwrap().get("removed").is_none(), "removed is written only when set");
        // Optional fields may be left out; wrong ones are named.
        let min =
            serde_json::json!({"id": "m", "directive_id": "d", "date": "2020-12-31", "origin": "frozen", "groups": []});
        let b: Baseline = serde_json::from_value(min).unwrap();
        assert!(b.note.is_empty() && !b.removed && b.meta == RecordMeta::default());
        let bad =
            serde_json::json!({"id": "m", "directive_id": "d", "date": "2020-13-31", "origin": "frozen", "groups": []});
        assert!(serde_json::from_value::<Baseline>(bad).unwrap_err().to_string().contains("`date`, expected a date"));
        let bad = serde_json::json!({"id": "m", "directive_id": "d", "date": "2020-12-31", "origin": "frozen", "groups": [{"group_id": "g", "group_name": "G", "total": -1, "figures": []}]});
        assert!(serde_json::from_value::<Baseline>(bad).unwrap_err().to_string().contains("`total`, expected u64"));
        let bad = serde_json::json!({"id": "m", "date": "2020-12-31", "origin": "frozen", "groups": []});
        assert!(serde_json::from_value::<Baseline>(bad)
            .unwrap_err()
            .to_string()
            .contains("missing field `directive_id`"));
    }

    #[test]
    fn reported_results_stand_beside_the_roster() {
        use crate::directive::score_directive;
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/templates/001-lai-chau-05-nq-tu.json");
        let d = Directive::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
        let s = score_directive(&d, &RosterIndex::build(&Roster::default()), Date::new(2015, 1, 15).unwrap());
        let lines = reported_lines(&d, &s);
        assert_eq!(lines.len(), 18, "every target of the review reports a figure");
        let ths = lines.iter().find(|l| l.target_id == "t_ths_200").unwrap();
        assert_eq!(ths.reported, "Năm 2014: 194 đồng chí, đạt 97% so với mục tiêu");
        assert_eq!(ths.roster, "chưa có dữ liệu");
        assert_eq!(
            ths.text(),
            "toàn tỉnh đào tạo 194 thạc sỹ, đạt 97% so với mục tiêu Nghị quyết: theo báo cáo năm 2014: 194 đồng chí, đạt 97% so với mục tiêu; theo danh sách chưa có dữ liệu."
        );
        let ts = lines.iter().find(|l| l.target_id == "t_ts").unwrap();
        assert!(ts.reported.ends_with("vượt chỉ tiêu"), "{}", ts.reported);
        // An empty roster: the share groups have no one, and a 2014 report is compared in January
        // 2015 only where something was measured.
        assert!(lines.iter().all(|l| l.checks.is_empty()), "{lines:?}");
    }

    #[test]
    fn quota_lines_speak_of_count_targets_with_a_number_only() {
        use crate::directive::score_directive;
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/templates/001-lai-chau-05-nq-tu.json");
        let d = Directive::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
        let r = Roster::default();
        let mut s = score_directive(&d, &RosterIndex::build(&r), Date::new(2015, 12, 31).unwrap());
        // Without course records the completions are not counted: no line.
        assert!(quota_lines(&d, &s).is_empty());
        let t = s.targets.iter_mut().find(|t| t.target_id == "t_ths_200").unwrap();
        assert_eq!(t.target, Some(200.0));
        t.measured = Some(194.0);
        assert_eq!(
            quota_lines(&d, &s),
            ["toàn tỉnh đào tạo 194 thạc sỹ, đạt 97% so với mục tiêu Nghị quyết: 194 người, đạt 97% so với mục tiêu"]
        );
        // Share targets never give a quota line, whatever their value.
        let share = d
            .targets()
            .into_iter()
            .find(|t| matches!(t.measure, crate::directive::Measure::Share { .. }))
            .unwrap()
            .id
            .clone();
        let t = s.targets.iter_mut().find(|t| t.target_id == share).unwrap();
        t.measured = Some(50.0);
        t.target = Some(60.0);
        assert_eq!(quota_lines(&d, &s).len(), 1);
    }
}
