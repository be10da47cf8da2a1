//! Biểu đồ: the geometry of the app's charts as plain shapes in SVG user units — lines,
//! rectangles, points and labels — computed here and drawn by a small component, so no chart
//! library is linked and the numbers are tested natively.
//!
//! - [`progress_plot`]: one target's progress against the straight path (lộ trình đều) from
//!   its baseline to its deadline, with today's value.
//! - [`bar_plot`]: grouped vertical bars (dispatches per year, app records beside aggregates).
//! - [`share_plot`]: one 100% stacked horizontal bar per group (shares by level).

use super::directive::score::format_number;
use super::directive::{AmountUnit, Date, TargetScore};

/// Width of every plot in SVG user units (it scales to the page).
pub const WIDTH: f64 = 640.0;

/// A straight line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
    /// CSS class ("axis", "path", "target", "grid").
    pub class: &'static str,
}

/// A rectangle (a bar or a legend swatch).
#[derive(Debug, Clone, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    /// CSS class ("series-0" ...).
    pub class: String,
    /// Tooltip ("2021: 120 lượt").
    pub title: String,
}

/// A dot with its tooltip.
#[derive(Debug, Clone, PartialEq)]
pub struct Dot {
    pub x: f64,
    pub y: f64,
    pub class: String,
    pub title: String,
}

/// Where a label is anchored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    /// The SVG `text-anchor` value.
    pub fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A label.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
    pub text: String,
    pub class: &'static str,
}

/// A whole chart: its size, its shapes, and a sentence that says what it shows (for screen
/// readers and the printed caption).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plot {
    pub width: f64,
    pub height: f64,
    pub title: String,
    pub summary: String,
    pub lines: Vec<Line>,
    pub rects: Vec<Rect>,
    pub dots: Vec<Dot>,
    pub labels: Vec<Label>,
}

const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

/// Maps `v` in `[lo, hi]` to `[a, b]`.
fn map(v: f64, lo: f64, hi: f64, a: f64, b: f64) -> f64 {
    if (hi - lo).abs() < f64::EPSILON {
        return a;
    }
    a + (v - lo) / (hi - lo) * (b - a)
}

/// A round upper bound for an axis: 1, 2, 2,5 or 5 times a power of ten, at least `v`.
pub fn nice_max(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * p).find(|x| *x >= v - 1e-9).unwrap_or(10.0 * p)
}

fn value_text(v: f64, unit: AmountUnit) -> String {
    match unit {
        AmountUnit::Percent => format!("{}%", format_number(v)),
        AmountUnit::Persons => format!("{} người", crate::number::grouped(v.round().max(0.0) as u64)),
        AmountUnit::PersonTimes => format!("{} lượt", crate::number::grouped(v.round().max(0.0) as u64)),
        AmountUnit::Events => crate::number::grouped(v.round().max(0.0) as u64),
    }
}

fn y_axis(p: &mut Plot, max: f64, height: f64, suffix: &str) {
    let bottom = height - BOTTOM;
    p.lines.push(Line { x1: LEFT, y1: TOP, x2: LEFT, y2: bottom, class: "axis" });
    p.lines.push(Line { x1: LEFT, y1: bottom, x2: p.width - RIGHT, y2: bottom, class: "axis" });
    for k in 0..=4 {
        let v = max * f64::from(k) / 4.0;
        let y = map(v, 0.0, max, bottom, TOP);
        if k > 0 {
            p.lines.push(Line { x1: LEFT, y1: y, x2: p.width - RIGHT, y2: y, class: "grid" });
        }
        p.labels.push(Label {
            x: LEFT - 6.0,
            y: y + 4.0,
            anchor: Anchor::End,
            text: format!("{}{suffix}", format_number(v)),
            class: "tick",
        });
    }
}

/// Progress of one target against the straight path from `start_year` (its baseline) to its
/// deadline, with the value at `at`. `None` when the target has no baseline, target, deadline
/// or current value to draw.
pub fn progress_plot(title: &str, s: &TargetScore, start_year: u16, at: Date) -> Option<Plot> {
    let (baseline, target, deadline, measured) = (s.baseline?, s.target?, s.deadline?, s.measured?);
    if deadline <= start_year || !s.status.is_judged() {
        return None;
    }
    let height = 220.0;
    let mut p = Plot { width: WIDTH, height, title: title.to_string(), ..Default::default() };
    let top_value = [baseline, target, measured, s.target_upper.unwrap_or(0.0)].into_iter().fold(0.0, f64::max);
    let max = if s.unit == AmountUnit::Percent && top_value <= 100.0 { 100.0 } else { nice_max(top_value * 1.1) };
    let suffix = if s.unit == AmountUnit::Percent { "%" } else { "" };
    y_axis(&mut p, max, height, suffix);
    let bottom = height - BOTTOM;
    let now = f64::from(at.year) + (f64::from(at.month) - 1.0) / 12.0 + f64::from(at.day) / 365.0;
    // "Đến năm 2025" is the end of 2025; a report after the deadline widens the axis to today.
    let (x0, x1) = (f64::from(start_year), (f64::from(deadline) + 1.0).max(now));
    let x = |year: f64| map(year, x0, x1, LEFT, WIDTH - RIGHT);
    let y = |v: f64| map(v.clamp(0.0, max), 0.0, max, bottom, TOP);
    for year in [start_year, deadline] {
        p.labels.push(Label {
            x: x(f64::from(year)),
            y: bottom + 16.0,
            anchor: Anchor::Middle,
            text: year.to_string(),
            class: "tick",
        });
    }
    p.lines.push(Line { x1: x(x0), y1: y(baseline), x2: x(f64::from(deadline) + 1.0), y2: y(target), class: "path" });
    p.lines.push(Line { x1: LEFT, y1: y(target), x2: WIDTH - RIGHT, y2: y(target), class: "target" });
    p.labels.push(Label {
        x: WIDTH - RIGHT,
        y: y(target) - 4.0,
        anchor: Anchor::End,
        text: format!("Mục tiêu {}", value_text(target, s.unit)),
        class: "note",
    });
    let now = now.clamp(x0, x1);
    p.lines.push(Line { x1: x(now), y1: TOP, x2: x(now), y2: bottom, class: "now" });
    // The label stays inside the plot whichever end today is near.
    let anchor = match (now - x0) / (x1 - x0) {
        f if f > 0.8 => Anchor::End,
        f if f < 0.2 => Anchor::Start,
        _ => Anchor::Middle,
    };
    p.labels.push(Label {
        x: x(now),
        y: bottom + 30.0,
        anchor,
        text: format!("nay ({})", at.short_vi()),
        class: "tick",
    });
    if let Some(e) = s.expected_now {
        p.dots.push(Dot {
            x: x(now),
            y: y(e),
            class: "expected".into(),
            title: format!("Theo lộ trình: {}", value_text(e, s.unit)),
        });
    }
    p.dots.push(Dot {
        x: x(now),
        y: y(measured),
        class: format!("measured status-{}", s.status.code()),
        title: format!("Hiện nay: {} ({})", value_text(measured, s.unit), s.status.label()),
    });
    p.summary = format!(
        "Từ {} năm {start_year} đến mục tiêu {} năm {deadline}; hiện nay {}{}; {}.",
        value_text(baseline, s.unit),
        value_text(target, s.unit),
        value_text(measured, s.unit),
        s.expected_now.map_or(String::new(), |e| format!(", theo lộ trình {}", value_text(e, s.unit))),
        s.status.label().to_lowercase()
    );
    Some(p)
}

/// Grouped vertical bars: one group per category (a year), one bar per series.
pub fn bar_plot(title: &str, categories: &[String], series: &[(String, Vec<f64>)], unit: &str) -> Plot {
    let height = 240.0;
    let mut p = Plot { width: WIDTH, height, title: title.to_string(), ..Default::default() };
    let top = series.iter().flat_map(|(_, v)| v.iter().copied()).fold(0.0, f64::max);
    let max = nice_max(top);
    y_axis(&mut p, max, height, "");
    let bottom = height - BOTTOM;
    let n = categories.len().max(1) as f64;
    let slot = (WIDTH - LEFT - RIGHT) / n;
    let k = series.len().max(1) as f64;
    let bar_w = (slot * 0.8 / k).max(1.0);
    for (i, cat) in categories.iter().enumerate() {
        let x0 = LEFT + slot * i as f64 + slot * 0.1;
        for (j, (name, values)) in series.iter().enumerate() {
            let v = values.get(i).copied().unwrap_or(0.0);
            let h = map(v, 0.0, max, 0.0, bottom - TOP);
            p.rects.push(Rect {
                x: x0 + bar_w * j as f64,
                y: bottom - h,
                w: bar_w,
                h,
                class: format!("series-{j}"),
                title: format!("{cat} - {name}: {} {unit}", format_number(v)),
            });
        }
        p.labels.push(Label {
            x: x0 + slot * 0.4,
            y: bottom + 16.0,
            anchor: Anchor::Middle,
            text: cat.clone(),
            class: "tick",
        });
    }
    legend(&mut p, series.iter().map(|(n, _)| n.clone()).collect());
    p.summary = series
        .iter()
        .map(|(name, v)| {
            format!(
                "{name}: {}",
                categories
                    .iter()
                    .zip(v)
                    .map(|(c, x)| format!("{c} {}", format_number(*x)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    p
}

fn legend(p: &mut Plot, names: Vec<String>) {
    let mut x = LEFT;
    let y = p.height - 10.0;
    for (j, name) in names.into_iter().enumerate() {
        p.rects.push(Rect { x, y: y - 9.0, w: 10.0, h: 10.0, class: format!("series-{j}"), title: name.clone() });
        let w = 18.0 + 6.5 * name.chars().count() as f64;
        p.labels.push(Label { x: x + 14.0, y, anchor: Anchor::Start, text: name, class: "legend" });
        x += w;
    }
}

/// One horizontal 100% bar per row, split by the shares (percent) of each part.
pub fn share_plot(title: &str, rows: &[(String, Vec<f64>)], parts: &[String]) -> Plot {
    let bar_h = 20.0;
    let gap = 14.0;
    let label_h = 14.0;
    let height = TOP + rows.len() as f64 * (bar_h + gap + label_h) + 30.0 + 8.0 * (parts.len() as f64 / 5.0).ceil();
    let mut p = Plot { width: WIDTH, height, title: title.to_string(), ..Default::default() };
    let (x0, x1) = (8.0, WIDTH - RIGHT);
    let mut y = TOP;
    for (name, shares) in rows {
        p.labels.push(Label { x: x0, y: y + 10.0, anchor: Anchor::Start, text: name.clone(), class: "row-label" });
        y += label_h;
        let mut x = x0;
        for (j, v) in shares.iter().enumerate() {
            let w = map(v.clamp(0.0, 100.0), 0.0, 100.0, 0.0, x1 - x0);
            if w > 0.0 {
                p.rects.push(Rect {
                    x,
                    y,
                    w,
                    h: bar_h,
                    class: format!("series-{j}"),
                    title: format!("{name} - {}: {}%", parts.get(j).map_or("", String::as_str), format_number(*v)),
                });
                if w > 34.0 {
                    p.labels.push(Label {
                        x: x + w / 2.0,
                        y: y + 14.0,
                        anchor: Anchor::Middle,
                        text: format!("{}%", format_number(*v)),
                        class: "in-bar",
                    });
                }
            }
            x += w;
        }
        y += bar_h + gap;
    }
    legend(&mut p, parts.to_vec());
    p.summary = rows
        .iter()
        .map(|(name, s)| {
            format!(
                "{name}: {}",
                parts.iter().zip(s).map(|(n, v)| format!("{n} {}%", format_number(*v))).collect::<Vec<_>>().join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    p
}

/// Lượt cử đi học per year: the app's own records (đào tạo, bồi dưỡng) beside the figures
/// entered for years before the app, never added together.
pub fn dispatch_plot(records: &super::training::TrainingRecords, years: &[u16]) -> Plot {
    use super::training::{CountUnit, TrainingKind};
    let cats: Vec<String> = years.iter().map(u16::to_string).collect();
    let mut series = Vec::new();
    for (kind, name) in [(TrainingKind::Training, "Đào tạo"), (TrainingKind::Refresher, "Bồi dưỡng")] {
        let manual: Vec<f64> = years
            .iter()
            .map(|y| records.aggregate_total(*y, kind, CountUnit::Attendances).unwrap_or(0) as f64)
            .collect();
        if manual.iter().any(|v| *v > 0.0) {
            series.push((format!("{name} (nhập tay)"), manual));
        }
        series.push((
            format!("{name} (ứng dụng)"),
            years.iter().map(|y| f64::from(records.dispatches_in(*y, Some(kind)))).collect(),
        ));
    }
    bar_plot("Lượt cử đi đào tạo, bồi dưỡng theo năm", &cats, &series, "lượt")
}

/// The shares of a [`CrossTab`]'s columns in each group, as [`share_plot`] bars; columns
/// nobody is in are left out.
pub fn cross_share_plot(title: &str, t: &super::report::CrossTab) -> Plot {
    let used: Vec<usize> = (0..t.columns.len()).filter(|i| t.total.counts[*i] > 0).collect();
    let rows: Vec<(String, Vec<f64>)> = t
        .rows
        .iter()
        .map(|r| {
            let total = f64::from(r.total.max(1));
            (
                format!("{} ({})", r.label, r.total),
                used.iter().map(|i| f64::from(r.counts[*i]) * 100.0 / total).collect(),
            )
        })
        .collect();
    let parts: Vec<String> = used.iter().map(|i| t.columns[*i].clone()).collect();
    share_plot(title, &rows, &parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directive::Status;

    #[test]
    fn cross_share_plot_leaves_out_empty_columns() {
        use crate::report::{CrossRow, CrossTab};
        let t = CrossTab {
            columns: vec!["Tiến sĩ".into(), "Thạc sĩ".into(), "Đại học".into()],
            rows: vec![CrossRow { label: "BCH".into(), counts: vec![0, 1, 3], total: 4 }],
            total: CrossRow { label: "TỔNG".into(), counts: vec![0, 1, 3], total: 4 },
        };
        let p = cross_share_plot("Trình độ", &t);
        assert!(p.summary.contains("BCH (4): Thạc sĩ 25%, Đại học 75%"), "{}", p.summary);
        assert!(!p.summary.contains("Tiến sĩ"));
    }

    #[test]
    fn a_report_after_the_deadline_keeps_today_inside_the_plot() {
        use crate::directive::Comparator;
        let s = TargetScore {
            target_id: "t".into(),
            kind: crate::directive::MeasureKind::Share,
            status: Status::Overdue,
            reason: None,
            unit: AmountUnit::Percent,
            value: None,
            measured: Some(20.0),
            group_size: Some(10),
            baseline: Some(30.0),
            baseline_source: None,
            increase: None,
            target: Some(50.0),
            target_upper: None,
            comparator: Comparator::AtLeast,
            deadline: Some(2025),
            expected_now: Some(50.0),
            required: None,
            gap_persons: 3,
            years_left: 0,
            per_year: 0,
            per_unit: Vec::new(),
            milestones: Vec::new(),
            what_if: None,
            what_if_met: None,
            from_records: false,
            without_standard: None,
            counted_year: None,
            years: Vec::new(),
            event: None,
        };
        let p = progress_plot("t", &s, 2021, Date::new(2026, 11, 22).unwrap()).unwrap();
        let now = p.lines.iter().find(|l| l.class == "now").unwrap();
        let path = p.lines.iter().find(|l| l.class == "path").unwrap();
        assert!(now.x1 > path.x2, "today (2026) lies right of the deadline (end of 2025)");
        assert!(now.x1 <= WIDTH - RIGHT + 1e-9);
        let label = p.labels.iter().find(|l| l.text.starts_with("nay")).unwrap();
        assert_eq!(label.anchor, Anchor::End);
        // 30% at 2021 rising to 50% at the end of 2025: the path ends at the target line.
        let target = p.lines.iter().find(|l| l.class == "target").unwrap();
        assert!((path.y2 - target.y1).abs() < 1e-9);
        assert!(path.y1 > path.y2, "higher values are drawn higher up");
    }

    #[test]
    fn nice_bounds() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(120.0), 200.0);
        assert_eq!(nice_max(230.0), 250.0);
        assert_eq!(nice_max(100.0), 100.0);
    }

    #[test]
    fn bars_are_proportional_and_share_a_baseline() {
        let cats = vec!["2021".to_string(), "2022".to_string()];
        let p = bar_plot(
            "Lượt cử đi học",
            &cats,
            &[("Đào tạo".into(), vec![50.0, 100.0]), ("Bồi dưỡng".into(), vec![25.0, 0.0])],
            "lượt",
        );
        let bars: Vec<&Rect> = p.rects.iter().filter(|r| r.w > 10.0 || r.h != 10.0).take(4).collect();
        assert_eq!(bars.len(), 4);
        let bottom = p.height - BOTTOM;
        for b in &bars {
            assert!((b.y + b.h - bottom).abs() < 1e-9, "{b:?}");
        }
        assert!((bars[2].h - 2.0 * bars[0].h).abs() < 1e-9, "100 is twice 50");
        assert!((bars[0].h - 2.0 * bars[1].h).abs() < 1e-9, "50 is twice 25");
        assert_eq!(bars[3].h, 0.0);
        assert!(p.summary.contains("Đào tạo: 2021 50, 2022 100"), "{}", p.summary);
    }

    #[test]
    fn share_bars_fill_the_width_in_proportion() {
        let p = share_plot("Trình độ", &[("BCH".into(), vec![25.0, 75.0])], &["Thạc sĩ".into(), "Đại học".into()]);
        let bars: Vec<&Rect> = p.rects.iter().filter(|r| r.h == 20.0).collect();
        assert_eq!(bars.len(), 2);
        assert!((bars[1].w - 3.0 * bars[0].w).abs() < 1e-9);
        assert!((bars[0].w + bars[1].w - (WIDTH - RIGHT - 8.0)).abs() < 1e-9);
        assert!((bars[1].x - (bars[0].x + bars[0].w)).abs() < 1e-9);
    }
}
