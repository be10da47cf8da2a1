//! The reader over whole short documents.

use super::*;
use crate::directive::Measure;

#[test]
fn a_short_resolution_reads_into_a_directive_that_validates() {
    let text = "TỈNH ỦY BẮC GIANG\nSố 12-NQ/TU\nBắc Giang, ngày 05 tháng 3 năm 2022\nNGHỊ QUYẾT\nvề đào tạo cán bộ giai đoạn 2022 - 2025\n\nI. MỤC TIÊU\n1. Đến năm 2025:\n- 80% cán bộ chủ chốt cấp xã có trình độ đại học trở lên;\n- Các hội, đoàn thể phát huy vai trò.\nII. TỔ CHỨC THỰC HIỆN\nCác cấp ủy triển khai.";
    let reading = read_text(text).unwrap();
    let d = &reading.directive;
    assert_eq!((d.kind, d.number.as_str()), (DirectiveKind::Resolution, "12-NQ/TU"));
    assert_eq!(d.period, Some(Period { from: 2022, to: 2025 }));
    assert_eq!(d.sections.iter().map(|s| s.number.as_str()).collect::<Vec<_>>(), ["I.", "II."]);
    let targets = d.targets();
    assert!(matches!(targets[0].measure, Measure::Share { .. }));
    assert_eq!(targets[0].milestones[0].year, 2025);
    assert_eq!(d.group(targets[0].group.as_deref().unwrap()).unwrap().name, "Cán bộ chủ chốt cấp xã");
    let span = reading.proposals.iter().find(|p| p.what == Proposed::Target(targets[0].id.clone())).unwrap();
    assert_eq!(&text[span.start..span.end], "80% cán bộ chủ chốt cấp xã có trình độ đại học trở lên");
    assert_eq!(d.validate(), vec![]);
}

#[test]
fn a_paste_beyond_the_limit_is_refused_in_vietnamese() {
    let text = "a".repeat(MAX_PASTED_TEXT_BYTES + 1);
    let message = read_text(&text).unwrap_err();
    assert!(message.contains("quá giới hạn 2.000.000 byte"), "{message}");
}

#[test]
fn docx_paragraphs_carry_their_numbering() {
    let paragraphs = [
        Paragraph { text: "MỤC TIÊU".into(), numbering: "I.".into() },
        Paragraph {
            text: "100% công chức cấp huyện có trình độ đại học.".into(), numbering: "-".into()
        },
    ];
    let reading = read_paragraphs(&paragraphs).unwrap();
    assert_eq!(reading.directive.sections[0].number, "I.");
    assert_eq!(reading.directive.targets().len(), 1);
}

#[test]
fn each_group_is_proposed_with_the_span_of_its_phrase() {
    let text = "I. MỤC TIÊU\n1. Đối với công chức cấp huyện:\n- 100% có trình độ đại học trở lên;\n- 70% cán bộ chủ chốt cấp xã có trình độ đại học.";
    let reading = read_text(text).unwrap();
    let d = &reading.directive;
    let spans: Vec<(&str, &str)> = reading
        .proposals
        .iter()
        .filter_map(|p| match &p.what {
            Proposed::Group(id) => Some((d.group(id).unwrap().name.as_str(), &text[p.start..p.end])),
            _ => None,
        })
        .collect();
    // The heading's group where the heading names it; the subject's where the clause does.
    assert_eq!(
        spans,
        [("Công chức cấp huyện", "công chức cấp huyện"), ("Cán bộ chủ chốt cấp xã", "cán bộ chủ chốt cấp xã")]
    );
    // Each group's proposal comes before the first target using it.
    let first_group = reading.proposals.iter().position(|p| matches!(p.what, Proposed::Group(_))).unwrap();
    let first_target = reading.proposals.iter().position(|p| matches!(p.what, Proposed::Target(_))).unwrap();
    assert!(first_group < first_target);
}

#[test]
fn a_clause_after_a_list_of_groups_is_for_their_union() {
    let text = "THÀNH ỦY CẦN THƠ\nSố 08-NQ/TU\nCần Thơ, ngày 10 tháng 4 năm 2021\nNGHỊ QUYẾT\nvề đào tạo cán bộ giai đoạn 2021 - 2025\n\nI. MỤC TIÊU\n- 60% Ủy viên Ban chấp hành Đảng bộ thành phố; 40% trưởng, phó phòng cấp huyện có trình độ thạc sĩ; 100% có trình độ cao cấp lý luận chính trị.";
    let reading = read_text(text).unwrap();
    let d = &reading.directive;
    let targets = d.targets();
    let union = d.group(targets[2].group.as_deref().unwrap()).unwrap();
    assert_eq!(union.name, "Các nhóm trên (cấp huyện)");
    let first = targets[0].group.clone().unwrap();
    let second = targets[1].group.clone().unwrap();
    assert_eq!(
        union.rule,
        GroupRule::AnyOf { rules: vec![GroupRule::Group { id: first }, GroupRule::Group { id: second }] }
    );
    assert_eq!(d.validate(), vec![]);
}

#[test]
fn a_goal_naming_in_other_words_the_people_a_report_heading_named_uses_that_group() {
    let text = "I. THỰC TRẠNG\n1. Chức danh trưởng, phó các phòng, ban huyện (20 cơ quan): Tổng số 50 đồng chí, nữ 8 đồng chí.\nII. MỤC TIÊU\nLựa chọn cán bộ nữ để bổ nhiệm vào các chức danh lãnh đạo các phòng, ban cấp huyện nâng tỷ lệ nữ từ 16% năm 2020 lên 30% vào năm 2025.";
    let reading = read_text(text).unwrap();
    let d = &reading.directive;
    let target = d.targets().into_iter().find(|t| t.sentence.contains("30%")).unwrap();
    let id = target.group.clone().unwrap();
    assert_eq!(d.group(&id).unwrap().name, "Trưởng, phó các phòng, ban huyện (20 cơ quan)");
    let proposal = reading.proposals.iter().find(|p| p.what == Proposed::Group(id.clone())).unwrap();
    assert_eq!(&text[proposal.start..proposal.end], "trưởng, phó các phòng, ban huyện (20 cơ quan)");
}
