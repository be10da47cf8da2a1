//! Rules a directive must meet before it is saved or loaded as a template. Each error names
//! where it is (a path such as `sections[2].items[0].targets[1].milestones[0].value`) and says
//! what is wrong in Vietnamese, naming the section number and target as the document does.

use std::collections::{HashMap, HashSet};

use super::group::{GroupRule, TextMatch, UnitFilter};
use super::reported::{add_up_flags, FlagKind};
use super::standard::Standard;
use super::target::{ChangeUnit, Combine, Criterion, Measure, Stage, Tally, Target, TrainingNeed, Window};
use super::{Directive, Section};
use crate::error::FieldError;
use crate::number::{format_count, format_percent, format_stated, percent_tenths};

struct V<'d> {
    errors: Vec<FieldError>,
    ids: HashSet<&'d str>,
    groups: HashSet<&'d str>,
    targets: HashSet<&'d str>,
    /// Ids of the directive's standards tables.
    standards: HashSet<&'d str>,
}

impl<'d> V<'d> {
    /// Nothing checked yet, the directive's standards tables known by id.
    fn new(d: &'d Directive) -> Self {
        V {
            errors: Vec::new(),
            ids: HashSet::new(),
            groups: HashSet::new(),
            targets: HashSet::new(),
            standards: d.standards.iter().map(|s| s.id.as_str()).collect(),
        }
    }

    fn err(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }

    fn id(&mut self, path: &str, id: &'d str, what: &str) {
        if id.trim().is_empty() {
            self.err(format!("{path}.id"), format!("{what}: thiếu mã."));
        } else if !self.ids.insert(id) {
            self.err(format!("{path}.id"), format!("{what}: mã \"{id}\" bị trùng."));
        }
    }
}

fn valid_year(y: u16) -> bool {
    (1945..=2100).contains(&y)
}

pub(super) fn validate(d: &Directive) -> Vec<FieldError> {
    let mut v = V::new(d);
    if d.id.trim().is_empty() {
        v.err("id", "Văn bản: thiếu mã.");
    }
    if d.issuer.trim().is_empty() {
        v.err("issuer", "Cơ quan ban hành: không được để trống.");
    }
    if d.title.trim().is_empty() {
        v.err("title", "Trích yếu: không được để trống.");
    }
    if let Some(p) = d.period {
        if !valid_year(p.from) || !valid_year(p.to) || p.from > p.to {
            v.err(
                "period",
                format!(
                    "Giai đoạn {}-{}: năm không hợp lệ (năm đầu phải không lớn hơn năm cuối, trong khoảng 1945-2100).",
                    p.from, p.to
                ),
            );
        }
    }
    if let Some(dt) = d.date {
        if !valid_year(dt.year) {
            v.err("date", format!("Ngày ban hành: năm {} không hợp lệ.", dt.year));
        }
    }

    // Groups: ids, references, cycles.
    for g in &d.groups {
        v.groups.insert(g.id.as_str());
    }
    for (i, g) in d.groups.iter().enumerate() {
        let path = format!("groups[{i}]");
        v.id(&path, &g.id, &format!("Nhóm đối tượng thứ {}", i + 1));
        if g.name.trim().is_empty() {
            v.err(format!("{path}.name"), format!("Nhóm \"{}\": chưa có tên.", g.id));
        }
        let label = format!("Nhóm \"{}\"", if g.name.is_empty() { &g.id } else { &g.name });
        rule(&mut v, &format!("{path}.rule"), &label, &g.rule);
        let mut years = HashSet::new();
        for (k, size) in g.stated_by_year.iter().enumerate() {
            if !valid_year(size.year) || !years.insert(size.year) {
                v.err(
                    format!("{path}.stated_by_year[{k}]"),
                    format!("{label}: số người năm {} không hợp lệ hoặc nhập hai lần.", size.year),
                );
            }
        }
    }
    let by_id: HashMap<&str, &GroupRule> = d.groups.iter().map(|g| (g.id.as_str(), &g.rule)).collect();
    for (i, g) in d.groups.iter().enumerate() {
        if let Some(cycle) = find_cycle(&g.id, &by_id) {
            v.err(
                format!("groups[{i}].rule"),
                format!("Nhóm \"{}\": định nghĩa vòng tròn ({}).", g.name, cycle.join(" → ")),
            );
        }
    }

    for (i, table) in d.standards.iter().enumerate() {
        standard(&mut v, &format!("standards[{i}]"), i, table, &d.standards[..i]);
    }

    // Targets first (so needs can refer to any target), then sections.
    for t in d.targets() {
        v.targets.insert(t.id.as_str());
    }
    let period = d.period;
    let start_year = d.start_date().map(|x| x.year);
    for (i, s) in d.sections.iter().enumerate() {
        section(&mut v, &format!("sections[{i}]"), s, period, start_year);
    }
    // Parts within their totals (a group's stated size, reported counts of its parts).
    for f in add_up_flags(d).into_iter().filter(|f| f.kind == FlagKind::PartOverWhole) {
        let field = match f.target_ids.first() {
            Some(t) => format!("targets.{t}.reported"),
            None => {
                let whole = f.group_ids.first().and_then(|g| d.groups.iter().position(|x| &x.id == g)).unwrap_or(0);
                format!("groups[{whole}].stated_count")
            }
        };
        v.err(field, f.message);
    }
    v.errors
}

fn find_cycle<'a>(start: &'a str, by_id: &HashMap<&'a str, &'a GroupRule>) -> Option<Vec<String>> {
    fn dfs<'a>(
        id: &'a str,
        start: &str,
        by_id: &HashMap<&'a str, &'a GroupRule>,
        path: &mut Vec<&'a str>,
        seen: &mut HashSet<&'a str>,
    ) -> bool {
        let Some(r) = by_id.get(id) else { return false };
        for next in r.references() {
            if next == start {
                path.push(next);
                return true;
            }
            if seen.insert(next) {
                path.push(next);
                if dfs(next, start, by_id, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start];
    let mut seen = HashSet::new();
    dfs(start, start, by_id, &mut path, &mut seen).then(|| path.into_iter().map(String::from).collect())
}

fn text_match(v: &mut V, path: &str, label: &str, m: &TextMatch) {
    if m.any_of.iter().all(|w| w.trim().is_empty()) {
        v.err(path.to_string(), format!("{label}: chưa nhập từ cần khớp."));
    }
}

fn unit_filter(v: &mut V, path: &str, label: &str, u: &UnitFilter) {
    if let Some(n) = &u.name {
        text_match(v, &format!("{path}.name"), &format!("{label}, tên đơn vị"), n);
    }
    if let Some(n) = &u.exclude_name {
        text_match(v, &format!("{path}.exclude_name"), &format!("{label}, tên đơn vị loại trừ"), n);
    }
    if u.kinds.iter().any(|k| u.exclude_kinds.contains(k)) {
        v.err(format!("{path}.exclude_kinds"), format!("{label}: một loại đơn vị vừa được chọn vừa bị loại trừ."));
    }
    if u.within.as_deref().is_some_and(|w| w.trim().is_empty()) {
        v.err(format!("{path}.within"), format!("{label}: chưa chọn đơn vị gốc."));
    }
}

fn rule(v: &mut V, path: &str, label: &str, r: &GroupRule) {
    match r {
        GroupRule::Everyone | GroupRule::Local => {}
        GroupRule::Group { id } => {
            if !v.groups.contains(id.as_str()) {
                v.err(path.to_string(), format!("{label}: tham chiếu nhóm \"{id}\" không tồn tại."));
            }
        }
        GroupRule::AnyOf { rules } | GroupRule::AllOf { rules } => {
            if rules.is_empty() {
                v.err(path.to_string(), format!("{label}: phép hợp/giao chưa có điều kiện nào."));
            }
            for (i, x) in rules.iter().enumerate() {
                rule(v, &format!("{path}.rules[{i}]"), label, x);
            }
        }
        GroupRule::Minus { base, except } => {
            rule(v, &format!("{path}.base"), label, base);
            rule(v, &format!("{path}.except"), label, except);
        }
        GroupRule::Position { title, unit, .. } => {
            if let Some(t) = title {
                text_match(v, &format!("{path}.title"), &format!("{label}, chức danh"), t);
            }
            if let Some(u) = unit {
                unit_filter(v, &format!("{path}.unit"), label, u);
            }
        }
        GroupRule::Membership { term, .. } => {
            if let Some(t) = term {
                text_match(v, &format!("{path}.term"), &format!("{label}, nhiệm kỳ"), t);
            }
        }
        GroupRule::WorksIn { unit } => unit_filter(v, &format!("{path}.unit"), label, unit),
        GroupRule::Category { any_of } => {
            if any_of.is_empty() {
                v.err(path.to_string(), format!("{label}: chưa chọn đối tượng (cán bộ, công chức, viên chức ...)."));
            }
        }
        GroupRule::AgeBelow { years, reference_year } | GroupRule::AgeAtLeast { years, reference_year } => {
            if !(18..=80).contains(years) {
                v.err(format!("{path}.years"), format!("{label}: tuổi {years} không hợp lệ (18-80)."));
            }
            if reference_year.is_some_and(|y| !valid_year(y)) {
                v.err(format!("{path}.reference_year"), format!("{label}: năm tính tuổi không hợp lệ."));
            }
        }
        GroupRule::GradeAtLeast { .. } | GroupRule::Gender { .. } => {}
        GroupRule::PlannedFor { title } => {
            if let Some(t) = title {
                text_match(v, &format!("{path}.title"), &format!("{label}, chức danh quy hoạch"), t);
            }
        }
        GroupRule::Ethnicity { any_of } => {
            if any_of.iter().all(|w| w.trim().is_empty()) {
                v.err(path.to_string(), format!("{label}: chưa nhập dân tộc."));
            }
        }
        GroupRule::Meets { criterion } => crit(v, &format!("{path}.criterion"), label, criterion),
        GroupRule::Label { name, value } => {
            if name.trim().is_empty() {
                v.err(format!("{path}.name"), format!("{label}: chưa chọn tên nhãn."));
            }
            text_match(v, &format!("{path}.value"), &format!("{label}, giá trị nhãn"), value);
        }
    }
}

fn crit(v: &mut V, path: &str, label: &str, c: &Criterion) {
    match c {
        Criterion::Level { scale, level, .. } => {
            if c.level_rank().is_none() {
                let codes: Vec<&str> = scale.levels().into_iter().map(|(c, _)| c).collect();
                v.err(
                    format!("{path}.level"),
                    format!(
                        "{label}: trình độ \"{level}\" không có trên thang {} (các mức: {}).",
                        scale.label(),
                        codes.join(", ")
                    ),
                );
            }
        }
        Criterion::Field { field } => text_match(v, &format!("{path}.field"), &format!("{label}, chuyên ngành"), field),
        Criterion::Person { rule: r } => rule(v, &format!("{path}.rule"), label, r),
        Criterion::MinorityLanguage | Criterion::LaoLanguage => {}
        Criterion::Standard { standard, .. } => {
            if standard.trim().is_empty() {
                v.err(format!("{path}.standard"), format!("{label}: chưa chọn bảng tiêu chuẩn."));
            } else if !v.standards.contains(standard.as_str()) {
                v.err(
                    format!("{path}.standard"),
                    format!("{label}: bảng tiêu chuẩn \"{standard}\" không có trong văn bản (thêm bảng ở mục Bảng tiêu chuẩn hoặc chọn bảng khác)."),
                );
            }
        }
    }
}

/// A standards table: its id and name, and each row's citation and requirements.
fn standard(v: &mut V, path: &str, i: usize, table: &Standard, before: &[Standard]) {
    let label = match table.name.trim() {
        "" => format!("Bảng tiêu chuẩn thứ {}", i + 1),
        name => format!("Bảng tiêu chuẩn \"{name}\""),
    };
    if table.id.trim().is_empty() {
        v.err(format!("{path}.id"), format!("{label}: thiếu mã."));
    } else if before.iter().any(|b| b.id == table.id) {
        v.err(format!("{path}.id"), format!("{label}: mã \"{}\" bị trùng với một bảng khác.", table.id));
    }
    if table.name.trim().is_empty() {
        v.err(format!("{path}.name"), format!("{label}: chưa có tên."));
    }
    if table.rows.is_empty() {
        v.err(format!("{path}.rows"), format!("{label}: chưa có dòng tiêu chuẩn nào."));
    }
    for (r, row) in table.rows.iter().enumerate() {
        let rp = format!("{path}.rows[{r}]");
        let rl = format!("{label}, dòng {}", r + 1);
        if row.citation.document.trim().is_empty() {
            v.err(
                format!("{rp}.citation.document"),
                format!("{rl}: chưa ghi căn cứ (số hiệu văn bản quy định tiêu chuẩn)."),
            );
        }
        if row.requires.is_empty() {
            v.err(format!("{rp}.requires"), format!("{rl}: chưa có yêu cầu trình độ nào."));
        }
        if let Some(t) = &row.position {
            text_match(v, &format!("{rp}.position"), &format!("{rl}, chức danh"), t);
        }
        for (k, req) in row.requires.iter().enumerate() {
            if req.rank().is_none() {
                let codes: Vec<&str> = req.scale.levels().into_iter().map(|(c, _)| c).collect();
                v.err(
                    format!("{rp}.requires[{k}].level"),
                    format!(
                        "{rl}: trình độ \"{}\" không có trên thang {} (các mức: {}).",
                        req.level,
                        req.scale.label(),
                        codes.join(", ")
                    ),
                );
            }
            if row.requires[..k].iter().any(|x| x.scale == req.scale) {
                v.err(
                    format!("{rp}.requires[{k}].scale"),
                    format!("{rl}: thang {} được yêu cầu hai lần.", req.scale.label()),
                );
            }
        }
    }
}

fn section<'d>(v: &mut V<'d>, path: &str, s: &'d Section, period: Option<super::Period>, start: Option<u16>) {
    let name = if s.number.is_empty() { s.heading.clone() } else { format!("{} {}", s.number, s.heading) };
    let label = format!("Mục \"{}\"", name.trim());
    v.id(path, &s.id, &label);
    if s.number.trim().is_empty() && s.heading.trim().is_empty() && s.text.trim().is_empty() && s.items.is_empty() {
        v.err(format!("{path}.heading"), format!("{label}: mục trống (không có số, tiêu đề, lời văn hay ý nào)."));
    }
    for (i, it) in s.items.iter().enumerate() {
        let ip = format!("{path}.items[{i}]");
        v.id(&ip, &it.id, &format!("{label}, ý thứ {}", i + 1));
        for (j, t) in it.targets.iter().enumerate() {
            target(v, &format!("{ip}.targets[{j}]"), &label, t, period, start);
        }
        for (j, n) in it.needs.iter().enumerate() {
            need(v, &format!("{ip}.needs[{j}]"), &label, n);
        }
    }
    for (i, c) in s.sections.iter().enumerate() {
        section(v, &format!("{path}.sections[{i}]"), c, period, start);
    }
}

fn target<'d>(
    v: &mut V<'d>,
    path: &str,
    section: &str,
    t: &'d Target,
    _period: Option<super::Period>,
    start: Option<u16>,
) {
    let label = format!("{section}, chỉ tiêu \"{}\"", short(&t.sentence, &t.id));
    v.id(path, &t.id, &label);
    if t.sentence.trim().is_empty() {
        v.err(format!("{path}.sentence"), format!("{label}: chưa có câu chỉ tiêu."));
    }
    match &t.group {
        Some(g) if !v.groups.contains(g.as_str()) => {
            v.err(format!("{path}.group"), format!("{label}: nhóm đối tượng \"{g}\" không tồn tại."));
        }
        None if t.measure.from_roster() => {
            v.err(format!("{path}.group"), format!("{label}: chưa chọn nhóm đối tượng."));
        }
        // A share trained is a share of a group: without one it can never be scored.
        None if matches!(t.measure, Measure::Trained { .. }) => v.err(
            format!("{path}.group"),
            format!("{label}: chưa chọn nhóm đối tượng (tỷ lệ được đào tạo, bồi dưỡng tính trên số người của nhóm)."),
        ),
        _ => {}
    }
    counting(v, path, &label, t);
    let percent = t.measure.is_percent();
    match &t.measure {
        Measure::Share { criteria } | Measure::Count { criteria } => {
            if criteria.is_empty() {
                v.err(format!("{path}.measure.criteria"), format!("{label}: chưa có tiêu chí (trình độ, điều kiện)."));
            }
            for (i, c) in criteria.iter().enumerate() {
                crit(v, &format!("{path}.measure.criteria[{i}]"), &label, c);
            }
        }
        Measure::PerUnit { units, criteria } => {
            unit_filter(v, &format!("{path}.measure.units"), &label, units);
            for (i, c) in criteria.iter().enumerate() {
                crit(v, &format!("{path}.measure.criteria[{i}]"), &label, c);
            }
        }
        Measure::Trained { training, window } => {
            if training.trim().is_empty() {
                v.err(format!("{path}.measure.training"), format!("{label}: chưa nhập nội dung đào tạo, bồi dưỡng."));
            }
            match window {
                Window::Years { years } if *years == 0 => {
                    v.err(format!("{path}.measure.window"), format!("{label}: số năm của chu kỳ phải lớn hơn 0."));
                }
                Window::Period { from, to } if from > to || !valid_year(*from) || !valid_year(*to) => {
                    v.err(format!("{path}.measure.window"), format!("{label}: giai đoạn {from}-{to} không hợp lệ."));
                }
                _ => {}
            }
        }
        Measure::Completions { training, .. } | Measure::Events { training, .. } => {
            if training.trim().is_empty() && matches!(t.measure, Measure::Completions { .. }) {
                v.err(format!("{path}.measure.training"), format!("{label}: chưa nhập nội dung đào tạo."));
            }
        }
        Measure::Directional => {
            if !t.milestones.is_empty() {
                v.err(format!("{path}.milestones"), format!("{label}: chỉ tiêu định hướng không có mức số."));
            }
        }
    }
    let mut last = 0u16;
    for (i, m) in t.milestones.iter().enumerate() {
        let mp = format!("{path}.milestones[{i}]");
        if !valid_year(m.year) {
            v.err(format!("{mp}.year"), format!("{label}: năm {} không hợp lệ.", m.year));
        } else if start.is_some_and(|s| m.year < s) {
            v.err(format!("{mp}.year"), format!("{label}: mốc năm {} trước ngày ban hành văn bản.", m.year));
        }
        if m.year <= last {
            v.err(format!("{mp}.year"), format!("{label}: các mốc phải theo thứ tự năm tăng dần, không trùng."));
        }
        last = m.year;
        if let Some(r) = &m.reached {
            if r.target.trim().is_empty() {
                v.err(
                    format!("{mp}.reached.target"),
                    format!("{label}: chưa nhập mã chỉ tiêu có mức đã đạt để duy trì."),
                );
            } else if r.target.trim() == t.id {
                v.err(
                    format!("{mp}.reached.target"),
                    format!("{label}: không thể duy trì mức của chính chỉ tiêu này."),
                );
            }
            if m.comparator != super::Comparator::Maintain {
                v.err(
                    format!("{mp}.reached"),
                    format!("{label}: \"mức đã đạt\" chỉ dùng với cách so sánh \"duy trì\"."),
                );
            }
        }
        // "Duy trì" without a number keeps the previous milestone's amount, or the named one's.
        let keeps = m.comparator == super::Comparator::Maintain && (i > 0 || m.reached.is_some());
        match (m.value, m.increase) {
            (None, None) if keeps => {}
            (None, None) => v.err(format!("{mp}.value"), format!("{label}: mốc năm {} chưa có mức.", m.year)),
            (None, Some(_)) if t.baseline.is_none() => v.err(
                format!("{mp}.baseline"),
                format!("{label}: chỉ tiêu \"tăng so với hiện nay\" cần số liệu gốc của văn bản."),
            ),
            _ => {}
        }
        for (what, x) in [("value", m.value), ("upper", m.upper)] {
            if let Some(x) = x {
                if !x.is_finite() || x < 0.0 || (percent && x > 100.0) {
                    let range = if percent { " (0-100%)" } else { " (không âm)" };
                    v.err(format!("{mp}.{what}"), format!("{label}: mức {x} không hợp lệ{range}."));
                }
            }
        }
        if let (Some(a), Some(b)) = (m.value, m.upper) {
            if b < a {
                v.err(format!("{mp}.upper"), format!("{label}: cận trên {b} nhỏ hơn cận dưới {a}."));
            }
        }
    }
    if let Some(tier) = &t.tier_of {
        if !v.targets.contains(tier.as_str()) {
            v.err(format!("{path}.tier_of"), format!("{label}: chỉ tiêu bậc trên \"{tier}\" không tồn tại."));
        }
    }
    if let Some(b) = &t.baseline {
        if !b.value.is_finite() || b.value < 0.0 || (percent && b.value > 100.0) {
            v.err(format!("{path}.baseline.value"), format!("{label}: số liệu gốc {} không hợp lệ.", b.value));
        }
        if let (Some(n), Some(d)) = (b.numerator, b.denominator) {
            if n > d {
                v.err(
                    format!("{path}.baseline.numerator"),
                    format!("{label}: số liệu gốc {n}/{d}, tử số lớn hơn mẫu số."),
                );
            }
        }
    }
    reports(v, path, &label, t);
}

/// The results a target reports: a year each (once), shares 0-100%, a numerator within its
/// denominator and agreeing with the share stated beside it, a base year before the report.
fn reports(v: &mut V, path: &str, label: &str, t: &Target) {
    let percent = t.measure.is_percent();
    let mut years = HashSet::new();
    for (i, r) in t.reported.iter().enumerate() {
        let rp = format!("{path}.reported[{i}]");
        let what = format!("{label}: kết quả báo cáo năm {}", r.year);
        if !valid_year(r.year) {
            v.err(format!("{rp}.year"), format!("{label}: năm báo cáo {} không hợp lệ (1945-2100).", r.year));
        } else if !years.insert(r.year) {
            v.err(format!("{rp}.year"), format!("{what} nhập hai lần."));
        }
        if let Some(x) = r.value {
            if !x.is_finite() || x < 0.0 {
                v.err(format!("{rp}.value"), format!("{what}: kết quả {} không hợp lệ (không âm).", format_stated(x)));
            } else if percent && x > 100.0 {
                v.err(format!("{rp}.value"), format!("{what}: tỷ lệ {}% không hợp lệ (0-100%).", format_stated(x)));
            }
        }
        if let Some(c) = r.change {
            let points = r.change_unit == ChangeUnit::Points;
            if !c.is_finite() || (points && c.abs() > 100.0) {
                v.err(
                    format!("{rp}.change"),
                    format!("{what}: mức tăng, giảm {}% không hợp lệ (tối đa 100 điểm phần trăm).", format_stated(c)),
                );
            }
        }
        if r.of_quota.is_some_and(|q| !q.is_finite() || q < 0.0) {
            v.err(format!("{rp}.of_quota"), format!("{what}: tỷ lệ so với chỉ tiêu phải là số không âm."));
        }
        if let (Some(n), Some(d)) = (r.numerator, r.denominator) {
            if n > d {
                v.err(
                    format!("{rp}.numerator"),
                    format!("{what}: tử số {} lớn hơn mẫu số {}.", format_count(n), format_count(d)),
                );
            } else if let (Some(x), true, Some(share)) = (r.value, percent, percent_tenths(n, d)) {
                let computed = share as f64 / 10.0;
                if !r.bound.admits(x, computed, 0.1) {
                    v.err(
                        format!("{rp}.value"),
                        format!(
                            "{what}: {}/{} là {}, không phải {}.",
                            format_count(n),
                            format_count(d),
                            format_percent(computed),
                            r.bound.write(&format!("{}%", format_stated(x)))
                        ),
                    );
                }
            }
        }
        if let Some(y) = r.since_year {
            if !valid_year(y) || y >= r.year {
                v.err(format!("{rp}.since_year"), format!("{what}: năm so sánh {y} phải trước năm báo cáo."));
            }
        }
    }
}

fn need<'d>(v: &mut V<'d>, path: &str, section: &str, n: &'d TrainingNeed) {
    let label = format!("{section}, nhu cầu \"{}\"", short(&n.sentence, &n.id));
    v.id(path, &n.id, &label);
    if n.sentence.trim().is_empty() {
        v.err(format!("{path}.sentence"), format!("{label}: chưa có câu nhu cầu."));
    }
    if let Some(g) = &n.group {
        if !v.groups.contains(g.as_str()) {
            v.err(format!("{path}.group"), format!("{label}: nhóm đối tượng \"{g}\" không tồn tại."));
        }
    }
    if let Some(c) = &n.criterion {
        crit(v, &format!("{path}.criterion"), &label, c);
    }
    if let (Some(a), Some(b)) = (n.per_year_min, n.per_year_max) {
        if b < a {
            v.err(
                format!("{path}.per_year_max"),
                format!("{label}: số người mỗi năm \"đến\" ({b}) nhỏ hơn \"từ\" ({a})."),
            );
        }
    }
    for t in &n.targets {
        if !v.targets.contains(t.as_str()) {
            v.err(format!("{path}.targets"), format!("{label}: chỉ tiêu \"{t}\" không tồn tại."));
        }
    }
}

fn short(s: &str, fallback: &str) -> String {
    let s = s.trim();
    if s.is_empty() {
        return fallback.to_string();
    }
    let mut out: String = s.chars().take(50).collect();
    if s.chars().count() > 50 {
        out.push('…');
    }
    out
}

/// The rules of one standards table as if it stood in `d` in place of table `editing` (or
/// after its tables when new). Paths are relative to the table ("rows[1].citation.document").
pub(super) fn check_standard(d: &Directive, table: &Standard, editing: Option<&str>) -> Vec<FieldError> {
    let mut v = V {
        errors: Vec::new(),
        ids: HashSet::new(),
        groups: HashSet::new(),
        targets: HashSet::new(),
        standards: HashSet::new(),
    };
    let others: Vec<Standard> = d.standards.iter().filter(|s| Some(s.id.as_str()) != editing).cloned().collect();
    let at = editing.and_then(|id| d.standards.iter().position(|s| s.id == id)).unwrap_or(d.standards.len());
    standard(&mut v, "", at, table, &others);
    v.errors
}

/// The rules of one target against directive `d` (its groups and targets), as if it stood in
/// `d`. Paths are relative to the target ("milestones[0].year").
pub(super) fn check_target(d: &Directive, t: &Target) -> Vec<FieldError> {
    let mut v = V::new(d);
    for g in &d.groups {
        v.groups.insert(g.id.as_str());
    }
    for x in d.targets() {
        v.targets.insert(x.id.as_str());
    }
    let start_year = d.start_date().map(|x| x.year);
    target(&mut v, "", "Chỉ tiêu", t, d.period, start_year);
    v.errors
}

/// How a record-based target counts: each option only on the kinds it applies to, a start
/// year before the first deadline.
fn counting(v: &mut V<'_>, path: &str, label: &str, t: &Target) {
    let c = &t.counting;
    let completions = matches!(t.measure, Measure::Completions { .. });
    let person_based = completions || matches!(t.measure, Measure::Trained { .. });
    let mut only = |on: bool, field: &str, what: &str, kinds: &str| {
        if on {
            v.err(format!("{path}.counting.{field}"), format!("{label}: {what} chỉ dùng cho chỉ tiêu {kinds}."));
        }
    };
    let quota = "số người được cử / hoàn thành";
    only(c.tally != Tally::Persons && !completions, "tally", "đếm theo lượt", quota);
    only(c.stage != Stage::Completed && !completions, "stage", "tính khi được cử đi", quota);
    only(c.per_year && !completions, "per_year", "chỉ tiêu mỗi năm", quota);
    let both = "tỷ lệ được đào tạo, bồi dưỡng hoặc số người được cử / hoàn thành";
    only(!c.contents.is_empty() && !person_based, "contents", "nhiều nội dung", both);
    only(c.combine != Combine::Any && c.contents.is_empty(), "combine", "\"đủ các nội dung\"", "có từ hai nội dung");
    let records = "tính từ hồ sơ đào tạo (được đào tạo, hoàn thành, số lớp)";
    only(t.continuing && !t.measure.needs_records(), "continuing", "chương trình tiếp tục", records);
    only(t.start_year.is_some() && !t.measure.needs_records(), "start_year", "năm bắt đầu riêng", records);
    if c.tally == Tally::PersonTimes && c.combine == Combine::All && !c.contents.is_empty() {
        v.err(
            format!("{path}.counting.tally"),
            format!("{label}: đếm theo lượt không dùng cùng \"đủ các nội dung\" (mỗi người chỉ đạt hoặc không)."),
        );
    }
    if c.contents.iter().any(|x| x.trim().is_empty()) {
        v.err(format!("{path}.counting.contents"), format!("{label}: có nội dung để trống."));
    }
    if let (Some(start), Some(first)) = (t.start_year, t.milestones.first()) {
        if !valid_year(start) || start > first.year {
            v.err(
                format!("{path}.start_year"),
                format!("{label}: năm bắt đầu {start} phải là năm hợp lệ, không sau mốc đầu tiên ({}).", first.year),
            );
        }
    }
}
