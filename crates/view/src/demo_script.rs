//! Trình diễn: the demo script a presenter taps through on a tablet, one step per tap, from
//! the roster to the printed report: the places (on their separate pages), each step's caption
//! and its buttons, as data. The shell (`src/ui/app.rs`) shows the step bar on every page while
//! the demo runs and keeps the step number across page loads.

use dtbd_domain::demo_plan::{DEMO_DIRECTIVE, DEMO_PLAN_ID};

/// Where a step shows: a page of the demo's data (the shell turns it into its route).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Danh sách cán bộ.
    Roster,
    /// A directive with every target scored.
    Directive(&'static str),
    /// Đề xuất cử đi học for a directive.
    Suggestions(&'static str),
    /// A plan with its course lines.
    Plan(&'static str),
    /// Báo cáo tiến độ of a directive, printable.
    Progress(&'static str),
}

/// One step: where it shows and what the audience is told there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// Where.
    pub place: Place,
    /// One line, read aloud or at a glance.
    pub caption: &'static str,
}

/// The story: who the cadres are → how the directive stands → who to send → the plan that
/// sends them → the report that goes up, printed.
pub const STEPS: [Step; 5] = [
    Step {
        place: Place::Roster, caption: "Danh sách cán bộ: trình độ, chức vụ, đơn vị của từng người."
    },
    Step {
        place: Place::Directive(DEMO_DIRECTIVE),
        caption: "Đề án 02-ĐA/HU: từng chỉ tiêu tính ngay trên danh sách. Bấm ô trạng thái để lọc.",
    },
    Step {
        place: Place::Suggestions(DEMO_DIRECTIVE), caption: "Ai cần cử đi học, học gì, năm nào để đạt chỉ tiêu."
    },
    Step {
        place: Place::Plan(DEMO_PLAN_ID), caption: "Kế hoạch năm 2021: người được cử, đang học, đã hoàn thành."
    },
    Step {
        place: Place::Progress(DEMO_DIRECTIVE), caption: "Báo cáo tiến độ đúng thể thức, in ra để trình ký."
    },
];

/// What the step bar shows at step `index` (0-based); none past the last step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepBar {
    /// "Bước 2/5".
    pub counter: String,
    /// The step's caption.
    pub caption: &'static str,
    /// The step a tap on the main button opens; none on the last step, where it ends the
    /// script.
    pub next: Option<usize>,
    /// The main button: "Tiếp" to the next step, "Kết thúc" on the last.
    pub next_label: &'static str,
    /// The last step prints the report it shows ("In báo cáo").
    pub prints: bool,
}

/// The bar at step `index`.
pub fn step_bar(index: usize) -> Option<StepBar> {
    let step = STEPS.get(index)?;
    let next = (index + 1 < STEPS.len()).then_some(index + 1);
    Some(StepBar {
        counter: format!("Bước {}/{}", index + 1, STEPS.len()),
        caption: step.caption,
        next,
        next_label: if next.is_some() { "Tiếp" } else { "Kết thúc" },
        prints: matches!(step.place, Place::Progress(_)),
    })
}

/// The step kept between page loads (its index as text), if it is one.
pub fn parse_step(kept: &str) -> Option<usize> {
    kept.trim().parse().ok().filter(|i| *i < STEPS.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_story_goes_roster_directive_who_to_send_plan_report() {
        let kinds: Vec<&str> = STEPS
            .iter()
            .map(|s| match s.place {
                Place::Roster => "roster",
                Place::Directive(_) => "directive",
                Place::Suggestions(_) => "suggestions",
                Place::Plan(_) => "plan",
                Place::Progress(_) => "progress",
            })
            .collect();
        assert_eq!(kinds, ["roster", "directive", "suggestions", "plan", "progress"]);
        // The directive and plan named are the demo's (its dataset's test checks they exist).
        assert_eq!(STEPS[1].place, Place::Directive("tpl-002"));
        assert_eq!(STEPS[3].place, Place::Plan("plan-003"));
    }

    #[test]
    fn each_tap_opens_the_next_step_and_the_last_ends_with_the_printout() {
        let mut index = 0;
        let mut seen = vec![];
        while let Some(bar) = step_bar(index) {
            seen.push(bar.counter.clone());
            assert_eq!(bar.caption, STEPS[index].caption);
            match bar.next {
                Some(next) => {
                    assert_eq!((next, bar.next_label, bar.prints), (index + 1, "Tiếp", false));
                    index = next;
                }
                None => {
                    assert_eq!((bar.next_label, bar.prints), ("Kết thúc", true));
                    break;
                }
            }
        }
        assert_eq!(seen, ["Bước 1/5", "Bước 2/5", "Bước 3/5", "Bước 4/5", "Bước 5/5"]);
        assert_eq!(step_bar(5), None);
    }

    /// A caption fits one line of the bar beside its buttons on a 768-px tablet (about 90
    /// characters of the bar's font at that width, counter included).
    #[test]
    fn captions_are_one_short_line() {
        for s in STEPS {
            let n = s.caption.chars().count();
            assert!((20..=85).contains(&n), "{n}: {}", s.caption);
            assert!(s.caption.ends_with('.'));
        }
    }

    #[test]
    fn a_kept_step_reads_back_and_anything_else_is_none() {
        for i in 0..STEPS.len() {
            assert_eq!(parse_step(&i.to_string()), Some(i));
        }
        for bad in ["", "5", "-1", "hai", "1.5"] {
            assert_eq!(parse_step(bad), None, "{bad}");
        }
    }
}
