//! What a section is for, from its heading, and whether a sentence reports the present rather
//! than sets a target. A directive's first part (thực trạng, tình hình thực hiện) is full of
//! figures — "Thạc sĩ 13 đồng chí, chiếm 31%" — that look like targets to the figure reader
//! but are the roster as it stood; read as targets they were 113 of 162 proposals on one
//! scheme, each a "Bỏ" for the officer. A goals heading that also names the tasks
//! ("Phương hướng, mục tiêu, nhiệm vụ, giải pháp") hands its goals to the "Mục tiêu"
//! section under it, not to "Nhiệm vụ và giải pháp", whose sentences are work to do, not
//! directional targets.
//!
//! Everything here reads [`crate::text::fold`]ed text.

/// What a section heading says the section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Heading {
    /// Mục tiêu: its sentences are targets, a sentence without a figure directional. ("Chỉ
    /// tiêu" is not enough: "Giao chỉ tiêu cử đào tạo" heads a table of quotas, not goals.)
    pub goals: bool,
    /// Thực trạng, tình hình, kết quả, đánh giá: its figures report what is.
    pub status: bool,
    /// Something else named beside or instead of goals (phương hướng, nhiệm vụ, giải pháp, tổ
    /// chức thực hiện, nhu cầu, kinh phí, mục tiêu chung): not a goals section of its own.
    pub other: bool,
}

/// Words of a heading that make its section a report of the present.
const STATUS: [&str; 7] = ["thuc trang", "tinh hinh", "ket qua", "danh gia", "uu diem", "han che", "so ket"];

/// Words of a heading that name something other than targets.
const OTHER: [&str; 9] = [
    "phuong huong",
    "nhiem vu",
    "giai phap",
    "to chuc thuc hien",
    "nhu cau",
    "kinh phi",
    "muc tieu chung",
    "muc dich",
    "yeu cau",
];

impl Heading {
    pub fn read(folded: &str) -> Self {
        Heading {
            goals: folded.contains("muc tieu"),
            status: STATUS.iter().any(|w| folded.contains(w)),
            other: OTHER.iter().any(|w| folded.contains(w)),
        }
    }

    /// Whether the section is a goals section, given whether its parent is: its own heading
    /// names goals and nothing else, or it inherits goals and names nothing else.
    pub fn is_goals(self, parent_goals: bool) -> bool {
        (self.goals || parent_goals) && !self.other && !self.status
    }

    /// Whether the section reports the present, given whether its parent does.
    pub fn is_status(self, parent_status: bool) -> bool {
        !self.goals && (self.status || parent_status)
    }
}

/// Words that make a figure a report: "chiếm" (a share of what is), "đến nay", "hiện có",
/// "chưa qua", a count with "có" or "tổng số" before it.
pub fn reports_the_present(folded_clause: &str) -> bool {
    if aims(folded_clause) {
        return false;
    }
    if ["chiem", "den nay", "hien co", "hien nay co", "chua qua", "tong so"].iter().any(|w| folded_clause.contains(w)) {
        return true;
    }
    // "có 13 đồng chí", "có 79 đ/c", "có 13/13 đồng chí".
    folded_clause.match_indices("co ").any(|(at, _)| {
        let after = &folded_clause[at + 3..];
        let digits = after.chars().take_while(|c| c.is_ascii_digit() || *c == '/' || *c == '.').count();
        digits > 0 && {
            let rest = after[digits..].trim_start();
            rest.starts_with("dong chi") || rest.starts_with("d/c") || rest.starts_with("nguoi")
        }
    })
}

/// Words that set a target whatever the section: "phấn đấu", "mục tiêu", "đến năm", "bảo đảm".
pub fn aims(folded_clause: &str) -> bool {
    ["phan dau", "muc tieu", "den nam", "bao dam", "dam bao", "phai dat"].iter().any(|w| folded_clause.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    #[test]
    fn a_heading_naming_goals_beside_tasks_is_not_itself_a_goals_section() {
        let both = Heading::read(&fold("II. PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ, GIẢI PHÁP"));
        assert!(!both.is_goals(false));
        let goals = Heading::read(&fold("2. Mục tiêu"));
        assert!(goals.is_goals(false));
        // Under a goals heading: "Phấn đấu đến năm 2020" inherits; tasks and needs do not.
        assert!(Heading::read(&fold("2.1. Phấn đấu đến năm 2020")).is_goals(true));
        assert!(!Heading::read(&fold("3. Nhiệm vụ và giải pháp chủ yếu")).is_goals(true));
        assert!(!Heading::read(&fold("* Nhu cầu đào tạo:")).is_goals(true));
        assert!(!Heading::read(&fold("1. Mục tiêu chung")).is_goals(true));
    }

    #[test]
    fn status_headings_and_what_they_pass_down() {
        let status = Heading::read(&fold("I. Đánh giá thực trạng đội ngũ cán bộ của huyện"));
        assert!(status.is_status(false) && !status.is_goals(false));
        assert!(Heading::read(&fold("1.1. Ban Thường vụ Huyện ủy")).is_status(true));
        assert!(!Heading::read(&fold("III. Mục tiêu đào tạo giai đoạn 2021-2025")).is_status(true));
        assert!(!Heading::read(&fold("1. Ban Thường vụ Thị ủy")).is_status(false));
    }

    #[test]
    fn figures_of_the_present_are_reports_and_aims_are_not() {
        for report in [
            "Thạc sĩ và đang học thạc sĩ 13 đồng chí, chiếm 31%",
            "Ban Thường vụ Thị ủy: có 11 đồng chí,",
            "Cán bộ là nữ có 79 đ/c chiếm 22%",
            "Trình độ cao cấp lý luận chính trị: có 13/13 đồng chí",
            "Tổng số 145 đồng chí",
            "trình độ lý luận chính trị cao cấp, cử nhân từ 20% đến nay đạt 33%.",
            "Chưa qua bồi dưỡng 82 đồng chí",
        ] {
            assert!(reports_the_present(&fold(report)), "{report}");
        }
        for aim in [
            "Phấn đấu đến năm 2025 cán bộ nữ chiếm 30%",
            "100% có trình độ đại học",
            "Bảo đảm 100% cán bộ chủ chốt có trình độ trung cấp lý luận chính trị trở lên",
            "mỗi năm cử 07 - 08 đồng chí đi đào tạo",
        ] {
            assert!(!reports_the_present(&fold(aim)), "{aim}");
        }
    }
}
