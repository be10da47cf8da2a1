//! Sửa hàng loạt on the roster page: the people chosen, the panel's inputs for each kind of
//! change (codes and Vietnamese labels), what the change would do before it is applied ("Sẽ
//! đổi 37 người, 5 người đã đúng như vậy, 0 người không đổi được"), and the toasts after it
//! and after its undo. The change itself and its rules are `dtbd_domain::bulk`.

use std::collections::HashSet;

use dtbd_domain::bulk::{apply, BulkChange, BulkOutcome};
use dtbd_domain::levels::Scale;
use dtbd_domain::model::{Category, Committee, GovLevel, Id, Membership, Millis};
use dtbd_domain::number::grouped;
use dtbd_domain::roster::Roster;

use crate::unit_choices::unit_choices;

/// Refusals listed by name under the preview; the rest are counted.
pub const REFUSALS_LISTED: usize = 10;

/// The code of "Không còn đang học" among the levels of [`ChangeKind::Studying`].
const NOT_STUDYING: &str = "khong_hoc";

/// What the panel can change, in the order its first select lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Đơn vị công tác.
    Unit,
    /// Đối tượng.
    Category,
    /// Người địa phương.
    Local,
    /// Thêm ủy viên.
    Membership,
    /// Thêm chức vụ.
    Position,
    /// Trình độ đã đạt.
    Level,
    /// Đang học.
    Studying,
}

impl ChangeKind {
    /// Every kind, in the order the panel offers them.
    pub const ALL: [ChangeKind; 7] = [
        ChangeKind::Unit,
        ChangeKind::Category,
        ChangeKind::Local,
        ChangeKind::Membership,
        ChangeKind::Position,
        ChangeKind::Level,
        ChangeKind::Studying,
    ];

    /// The code the kind select holds.
    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::Unit => "don_vi",
            ChangeKind::Category => "doi_tuong",
            ChangeKind::Local => "dia_phuong",
            ChangeKind::Membership => "uy_vien",
            ChangeKind::Position => "chuc_vu",
            ChangeKind::Level => "trinh_do",
            ChangeKind::Studying => "dang_hoc",
        }
    }

    /// What the officer reads in the select.
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Unit => "Chuyển đơn vị công tác",
            ChangeKind::Category => "Đặt đối tượng",
            ChangeKind::Local => "Đặt người địa phương",
            ChangeKind::Membership => "Thêm ủy viên (BCH, BTV, UBKT, HĐND)",
            ChangeKind::Position => "Thêm chức vụ",
            ChangeKind::Level => "Đặt trình độ đã đạt",
            ChangeKind::Studying => "Đặt đang học",
        }
    }

    /// The kind with this code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The inputs this kind asks for, after the kind select.
    fn fields(self) -> &'static [Field] {
        match self {
            ChangeKind::Unit => &[Field::Unit],
            ChangeKind::Category => &[Field::Category],
            ChangeKind::Local => &[Field::Local],
            ChangeKind::Membership => &[Field::Committee, Field::CommitteeLevel, Field::Term],
            ChangeKind::Position => &[Field::PositionUnit, Field::Title],
            ChangeKind::Level => &[Field::Scale, Field::Level],
            ChangeKind::Studying => &[Field::Scale, Field::Level, Field::Until],
        }
    }
}

/// One input of the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Sửa gì.
    Kind,
    /// Đơn vị công tác mới.
    Unit,
    /// Đối tượng.
    Category,
    /// Người địa phương: có / không.
    Local,
    /// Cơ quan (BCH, BTV ...).
    Committee,
    /// Cấp of the committee.
    CommitteeLevel,
    /// Nhiệm kỳ.
    Term,
    /// Đơn vị of the position.
    PositionUnit,
    /// Chức danh.
    Title,
    /// Thang trình độ.
    Scale,
    /// The level on that scale.
    Level,
    /// Năm dự kiến hoàn thành.
    Until,
}

impl Field {
    const COUNT: usize = 12;

    /// The input's DOM id (its label points at it; the e2e tests find it by it).
    pub fn id(self) -> &'static str {
        match self {
            Field::Kind => "bulk-kind",
            Field::Unit => "bulk-unit",
            Field::Category => "bulk-category",
            Field::Local => "bulk-local",
            Field::Committee => "bulk-committee",
            Field::CommitteeLevel => "bulk-committee-level",
            Field::Term => "bulk-term",
            Field::PositionUnit => "bulk-position-unit",
            Field::Title => "bulk-title",
            Field::Scale => "bulk-scale",
            Field::Level => "bulk-level",
            Field::Until => "bulk-until",
        }
    }

    fn label(self, kind: Option<ChangeKind>) -> &'static str {
        match self {
            Field::Kind => "Sửa gì",
            Field::Unit => "Đơn vị công tác mới",
            Field::Category => "Đối tượng",
            Field::Local => "Người địa phương",
            Field::Committee => "Ủy viên",
            Field::CommitteeLevel => "Cấp",
            Field::Term => "Nhiệm kỳ (không bắt buộc)",
            Field::PositionUnit => "Đơn vị của chức vụ",
            Field::Title => "Chức danh",
            Field::Scale => "Thang trình độ",
            Field::Level if kind == Some(ChangeKind::Studying) => "Trình độ đang học",
            Field::Level => "Trình độ đã đạt",
            Field::Until => "Năm dự kiến hoàn thành (không bắt buộc)",
        }
    }
}

/// The panel's inputs as typed and picked: codes and text, turned into a [`BulkChange`] by
/// [`BulkDraft::change`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BulkDraft {
    values: [String; Field::COUNT],
}

impl BulkDraft {
    /// The value of one input.
    pub fn get(&self, field: Field) -> &str {
        &self.values[field as usize]
    }

    /// Sets one input. A new scale clears the level, which belonged to the old one.
    pub fn set(&mut self, field: Field, value: String) {
        if field == Field::Scale && value != self.get(Field::Scale) {
            self.values[Field::Level as usize].clear();
        }
        self.values[field as usize] = value;
    }

    fn kind(&self) -> Option<ChangeKind> {
        ChangeKind::from_code(self.get(Field::Kind))
    }

    /// The change the inputs describe, or what is still to be chosen or typed.
    pub fn change(&self, roster: &Roster) -> Result<BulkChange, &'static str> {
        let unit = |field| Some(self.get(field)).filter(|id| roster.unit(id).is_some()).map(str::to_string);
        let scale = Scale::from_code(self.get(Field::Scale));
        let level = Some(self.get(Field::Level)).filter(|l| !l.is_empty());
        Ok(match self.kind().ok_or("Chọn điều cần sửa.")? {
            ChangeKind::Unit => BulkChange::SetUnit(unit(Field::Unit).ok_or("Chọn đơn vị công tác mới.")?),
            ChangeKind::Category => {
                BulkChange::SetCategory(Category::from_code(self.get(Field::Category)).ok_or("Chọn đối tượng.")?)
            }
            ChangeKind::Local => match self.get(Field::Local) {
                "co" => BulkChange::SetLocal(true),
                "khong" => BulkChange::SetLocal(false),
                _ => return Err("Chọn có hoặc không."),
            },
            ChangeKind::Membership => BulkChange::AddMembership(Membership {
                committee: Committee::from_code(self.get(Field::Committee)).ok_or("Chọn ủy viên của cơ quan nào.")?,
                level: GovLevel::from_code(self.get(Field::CommitteeLevel)).ok_or("Chọn cấp.")?,
                term: self.get(Field::Term).trim().to_string(),
            }),
            ChangeKind::Position => {
                let unit = unit(Field::PositionUnit).ok_or("Chọn đơn vị của chức vụ.")?;
                if self.get(Field::Title).trim().is_empty() {
                    return Err("Nhập chức danh.");
                }
                BulkChange::add_position(unit, self.get(Field::Title))
            }
            ChangeKind::Level => BulkChange::SetLevel {
                scale: scale.ok_or("Chọn thang trình độ.")?,
                level: level.ok_or("Chọn trình độ.")?.to_string(),
            },
            ChangeKind::Studying => {
                let until = match self.get(Field::Until).trim() {
                    "" => None,
                    y => Some(y.parse().map_err(|_| "Năm dự kiến hoàn thành: phải là một năm gồm 4 chữ số.")?),
                };
                BulkChange::SetStudying {
                    scale: scale.ok_or("Chọn thang trình độ.")?,
                    level: match level.ok_or("Chọn trình độ đang học.")? {
                        NOT_STUDYING => None,
                        code => Some(code.to_string()),
                    },
                    until,
                }
            }
        })
    }
}

/// One input as the panel draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkField {
    /// Which input (its id and what [`BulkDraft::set`] takes).
    pub field: Field,
    /// Its label.
    pub label: &'static str,
    /// The `(code, label)` options of a select, the first one "— Chọn —" (empty code);
    /// `None` for a text input.
    pub options: Option<Vec<(String, String)>>,
}

/// The options of a select: "— Chọn —" (empty code), then `(code, label)` for each code.
/// Not generic, so one copy serves every list in the wasm.
fn choose(codes: &[&str], label: &dyn Fn(usize) -> String) -> Option<Vec<(String, String)>> {
    let mut options = vec![(String::new(), "— Chọn —".to_string())];
    options.extend(codes.iter().enumerate().map(|(i, code)| (code.to_string(), label(i))));
    Some(options)
}

/// The panel's inputs for `draft`: the kind select first, then those the kind asks for. They
/// change only with the kind and the scale, so typing in one redraws none.
pub fn fields(roster: &Roster, draft: &BulkDraft) -> Vec<BulkField> {
    let kind = draft.kind();
    let scale = Scale::from_code(draft.get(Field::Scale));
    std::iter::once(Field::Kind)
        .chain(kind.map_or(&[][..], ChangeKind::fields).iter().copied())
        .map(|field| BulkField {
            field,
            label: field.label(kind),
            options: match field {
                Field::Kind => choose(&ChangeKind::ALL.map(ChangeKind::code), &|i| ChangeKind::ALL[i].label().into()),
                Field::Unit | Field::PositionUnit => {
                    let units = unit_choices(roster);
                    let ids: Vec<&str> = units.iter().map(|(id, _)| id.as_str()).collect();
                    choose(&ids, &|i| units[i].1.clone())
                }
                Field::Category => choose(Category::CODES, &|i| Category::ALL[i].label().into()),
                Field::Local => choose(&["co", "khong"], &|i| ["Có", "Không"][i].into()),
                Field::Committee => choose(Committee::CODES, &|i| Committee::ALL[i].label().into()),
                Field::CommitteeLevel => choose(GovLevel::CODES, &|i| GovLevel::ALL[i].label().into()),
                Field::Scale => choose(Scale::CODES, &|i| Scale::ALL[i].label().into()),
                Field::Level => {
                    let mut levels = scale.map_or_else(Vec::new, Scale::levels);
                    if kind == Some(ChangeKind::Studying) {
                        levels.push((NOT_STUDYING, "Không còn đang học"));
                    }
                    let codes: Vec<&str> = levels.iter().map(|(code, _)| *code).collect();
                    choose(&codes, &|i| levels[i].1.into())
                }
                Field::Term | Field::Title | Field::Until => None,
            },
        })
        .collect()
}

/// What the panel says about `draft` applied to the people `selected` at `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkPanel {
    /// Who it applies to: the people chosen still on the roster (see [`chosen`]).
    pub ids: Vec<Id>,
    /// "Sửa hàng loạt (37 người)".
    pub title: String,
    /// "Sẽ đổi 37 người, 5 người đã đúng như vậy, 0 người không đổi được.", or what is still
    /// to be chosen.
    pub preview: String,
    /// One line "Name: why" for each of the first [`REFUSALS_LISTED`] people the change cannot
    /// be applied to, then "… và 12 người khác." (empty when none is refused).
    pub refused: String,
    /// True when applying would change someone.
    pub can_apply: bool,
}

/// The panel's preview for `draft` over the people `selected`.
pub fn panel(roster: &Roster, selected: &HashSet<Id>, draft: &BulkDraft, now: Millis) -> BulkPanel {
    let ids = chosen(roster, selected);
    let (preview, refused, can_apply) = match draft.change(roster) {
        Err(missing) => (missing.to_string(), String::new(), false),
        Ok(change) => {
            let out = apply(roster, &ids, &change, now);
            (preview_line(&out), refusal_lines(roster, &out).join("\n"), !out.changed.is_empty())
        }
    };
    BulkPanel { title: open_label(ids.len()), ids, preview, refused, can_apply }
}

/// "Sẽ đổi 37 người, 5 người đã đúng như vậy, 0 người không đổi được."
pub fn preview_line(out: &BulkOutcome) -> String {
    format!(
        "Sẽ đổi {} người, {} người đã đúng như vậy, {} người không đổi được.",
        grouped(out.changed.len()),
        grouped(out.unchanged),
        grouped(out.refused.len())
    )
}

fn refusal_lines(roster: &Roster, out: &BulkOutcome) -> Vec<String> {
    let mut lines: Vec<String> = out
        .refused
        .iter()
        .take(REFUSALS_LISTED)
        .map(|(id, why)| match roster.cadre(id) {
            Some(c) => format!("{}: {why}", c.full_name),
            None => why.clone(),
        })
        .collect();
    if out.refused.len() > REFUSALS_LISTED {
        lines.push(format!("… và {} người khác.", grouped(out.refused.len() - REFUSALS_LISTED)));
    }
    lines
}

/// What the change does, in a few words, for the toast.
pub fn describe(roster: &Roster, change: &BulkChange) -> String {
    let level_label = |scale: Scale, code: &str| {
        scale.levels().into_iter().find(|(c, _)| *c == code).map_or_else(|| code.to_string(), |(_, l)| l.to_string())
    };
    match change {
        BulkChange::SetUnit(id) => format!("đơn vị công tác: {}", roster.unit_name(id)),
        BulkChange::SetCategory(c) => format!("đối tượng: {}", c.label()),
        BulkChange::SetLocal(local) => format!("người địa phương: {}", if *local { "có" } else { "không" }),
        BulkChange::AddMembership(m) => {
            let term = if m.term.is_empty() { String::new() } else { format!(", nhiệm kỳ {}", m.term) };
            // "Cấp huyện" → "cấp huyện" by hand: `to_lowercase` would bring Unicode's case
            // tables into the main bundle (1,8 KB brotli) for one word.
            format!("thêm {} {}{term}", m.committee.label(), m.level.label().replacen("Cấp", "cấp", 1))
        }
        BulkChange::AddPosition(p) => format!("thêm chức vụ {} — {}", p.title, roster.unit_name(&p.unit_id)),
        BulkChange::SetLevel { scale, level } => format!("{}: {}", scale.label(), level_label(*scale, level)),
        BulkChange::SetStudying { scale, level: None, .. } => format!("{}: không còn đang học", scale.label()),
        BulkChange::SetStudying { scale, level: Some(level), until } => format!(
            "{}: đang học {}{}",
            scale.label(),
            level_label(*scale, level),
            until.map(|y| format!(", dự kiến xong năm {y}")).unwrap_or_default()
        ),
    }
}

/// The toast after a bulk edit was saved (it offers "Hoàn tác"): "Đã sửa 37 người (người địa
/// phương: có). 5 người đã đúng như vậy."
pub fn done_toast(roster: &Roster, change: &BulkChange, out: &BulkOutcome) -> String {
    let mut t = format!("Đã sửa {} người ({}).", grouped(out.changed.len()), describe(roster, change));
    if out.unchanged > 0 {
        t.push_str(&format!(" {} người đã đúng như vậy.", grouped(out.unchanged)));
    }
    if !out.refused.is_empty() {
        t.push_str(&format!(" {} người không đổi được.", grouped(out.refused.len())));
    }
    t
}

/// The toast after "Hoàn tác": "Đã hoàn tác: 37 người trở lại như trước."
pub fn undone_toast(out: &BulkOutcome) -> String {
    let mut t = format!("Đã hoàn tác: {} người trở lại như trước.", grouped(out.changed.len()));
    if !out.refused.is_empty() {
        t.push_str(&format!(
            " {} người không hoàn tác được vì đã được sửa lại hoặc đã xóa sau đó.",
            grouped(out.refused.len())
        ));
    }
    t
}

/// Why a bulk edit was not saved when another tab saved one of the people first.
pub const CONFLICT: &str =
    "Có người trong số đã chọn vừa được sửa ở một thẻ hoặc cửa sổ khác. Chưa lưu gì; danh sách đã được tải lại, hãy xem lại rồi làm lại.";

/// The people chosen who are still on the roster, in roster order: what a bulk edit applies to.
pub fn chosen(roster: &Roster, selected: &HashSet<Id>) -> Vec<Id> {
    roster.cadres.iter().filter(|c| selected.contains(&c.id)).map(|c| c.id.clone()).collect()
}

/// How many people chosen are still on the roster (the count [`chosen`] lists).
pub fn chosen_count(roster: &Roster, selected: &HashSet<Id>) -> usize {
    if selected.is_empty() {
        return 0;
    }
    roster.cadres.iter().filter(|c| selected.contains(&c.id)).count()
}

/// "Chọn tất cả đang hiện": adds the rows shown (positions in `roster.cadres`) to `selected`.
pub fn select_shown(selected: &mut HashSet<Id>, roster: &Roster, shown: &[usize]) {
    selected.extend(shown.iter().filter_map(|&i| roster.cadres.get(i)).map(|c| c.id.clone()));
}

/// The button that opens the panel: "Sửa hàng loạt (37 người)".
pub fn open_label(chosen: usize) -> String {
    format!("Sửa hàng loạt ({chosen} người)")
}

/// The people chosen, as kept between the roster page (`index.html`) and the bulk-edit page
/// (`can-bo.html`), which are two bundles: one id per line, in order, so the same choice
/// is the same text.
pub fn selection_text(selected: &HashSet<Id>) -> String {
    let mut ids: Vec<&str> = selected.iter().map(String::as_str).collect();
    ids.sort_unstable();
    ids.join("\n")
}

/// Reads [`selection_text`] back; blank lines (an empty choice) are no one.
pub fn parse_selection(text: &str) -> HashSet<Id> {
    text.lines().map(str::trim).filter(|id| !id.is_empty()).map(str::to_string).collect()
}

/// The checkbox of one row, for a screen reader: "Chọn Nguyễn Văn An".
pub fn row_check_label(full_name: &str) -> String {
    format!("Chọn {full_name}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dtbd_domain::model::{Cadre, Leadership};

    use crate::testing::hoang_su_phi_roster;

    fn draft(values: &[(Field, &str)]) -> BulkDraft {
        let mut d = BulkDraft::default();
        for (f, v) in values {
            d.set(*f, v.to_string());
        }
        d
    }

    fn first(r: &Roster, n: usize) -> HashSet<Id> {
        r.cadres.iter().take(n).map(|c| c.id.clone()).collect()
    }

    #[test]
    fn each_kind_asks_for_its_inputs_with_choices_from_the_model() {
        let r = hoang_su_phi_roster(3);
        let first = fields(&r, &BulkDraft::default());
        assert_eq!(first.len(), 1);
        let kinds = first[0].options.as_ref().unwrap();
        assert_eq!(kinds[0], (String::new(), "— Chọn —".into()));
        assert_eq!(kinds.len(), ChangeKind::ALL.len() + 1);
        let p = panel(&r, &HashSet::new(), &BulkDraft::default(), 1);
        assert_eq!((p.title.as_str(), p.preview.as_str()), ("Sửa hàng loạt (0 người)", "Chọn điều cần sửa."));
        assert!(!p.can_apply);

        let fields = |d: &BulkDraft| fields(&r, d);
        let m = fields(&draft(&[(Field::Kind, "uy_vien")]));
        let shown: Vec<Field> = m.iter().map(|f| f.field).collect();
        assert_eq!(shown, [Field::Kind, Field::Committee, Field::CommitteeLevel, Field::Term]);
        assert!(m[1].options.as_ref().unwrap().contains(&("bch".into(), "Ủy viên BCH Đảng bộ".into())));
        assert_eq!(m[2].options.as_ref().unwrap()[2], ("huyen".into(), "Cấp huyện".into()));
        assert_eq!(m[3].options, None, "the term is typed");

        let units = fields(&draft(&[(Field::Kind, "don_vi")]));
        assert_eq!(units[1].options.as_ref().unwrap().len(), r.units.len() + 1);

        let studying = fields(&draft(&[(Field::Kind, "dang_hoc"), (Field::Scale, "political")]));
        assert_eq!(studying[2].label, "Trình độ đang học");
        let levels = studying[2].options.as_ref().unwrap();
        assert_eq!(levels[1].0, "chua");
        assert_eq!(levels.last().unwrap(), &(NOT_STUDYING.to_string(), "Không còn đang học".to_string()));
        let held = fields(&draft(&[(Field::Kind, "trinh_do"), (Field::Scale, "political")]));
        assert!(held[2].options.as_ref().unwrap().iter().all(|(c, _)| c != NOT_STUDYING));
    }

    #[test]
    fn the_draft_says_what_is_missing_and_a_new_scale_clears_the_level() {
        let r = hoang_su_phi_roster(3);
        let mut d = draft(&[(Field::Kind, "trinh_do"), (Field::Scale, "professional")]);
        assert_eq!(d.change(&r), Err("Chọn trình độ."));
        d.set(Field::Level, "thac_si".into());
        assert_eq!(d.change(&r), Ok(BulkChange::SetLevel { scale: Scale::Professional, level: "thac_si".into() }));
        d.set(Field::Scale, "political".into());
        assert_eq!(d.get(Field::Level), "");

        let unit = r.units[1].id.clone();
        let mut p = draft(&[(Field::Kind, "chuc_vu"), (Field::PositionUnit, &unit)]);
        assert_eq!(p.change(&r), Err("Nhập chức danh."));
        p.set(Field::Title, " Phó Bí thư ".into());
        let Ok(BulkChange::AddPosition(pos)) = p.change(&r) else { panic!() };
        assert_eq!((pos.title.as_str(), pos.leadership), ("Phó Bí thư", Leadership::Deputy));
        assert_eq!(
            draft(&[(Field::Kind, "don_vi"), (Field::Unit, "nope")]).change(&r),
            Err("Chọn đơn vị công tác mới.")
        );

        let mut s = draft(&[(Field::Kind, "dang_hoc"), (Field::Scale, "political"), (Field::Level, NOT_STUDYING)]);
        assert_eq!(s.change(&r), Ok(BulkChange::SetStudying { scale: Scale::Political, level: None, until: None }));
        s.set(Field::Until, "20x6".into());
        assert_eq!(s.change(&r), Err("Năm dự kiến hoàn thành: phải là một năm gồm 4 chữ số."));
    }

    #[test]
    fn the_preview_counts_who_changes_who_is_already_right_and_who_is_refused() {
        let mut r = hoang_su_phi_roster(3);
        for c in r.cadres.iter_mut().take(5) {
            c.local = true;
        }
        let d = draft(&[(Field::Kind, "dia_phuong"), (Field::Local, "co")]);
        let chosen = first(&r, 42);
        let p = panel(&r, &chosen, &d, 1);
        assert_eq!(p.ids.len(), 42);
        assert_eq!(p.title, "Sửa hàng loạt (42 người)");
        let already = r.cadres[..42].iter().filter(|c| c.local).count();
        assert_eq!(
            p.preview,
            format!("Sẽ đổi {} người, {already} người đã đúng như vậy, 0 người không đổi được.", 42 - already)
        );
        assert!(p.can_apply && p.refused.is_empty());
        assert_eq!(chosen_count(&r, &chosen), 42);

        // Studying towards "chưa qua đào tạo" is below everyone's level: all refused, listed by name.
        let s = draft(&[(Field::Kind, "dang_hoc"), (Field::Scale, "professional"), (Field::Level, "chua")]);
        let p = panel(&r, &chosen, &s, 1);
        assert_eq!(p.preview, "Sẽ đổi 0 người, 0 người đã đúng như vậy, 42 người không đổi được.");
        assert!(!p.can_apply);
        let lines: Vec<&str> = p.refused.lines().collect();
        assert_eq!(lines.len(), REFUSALS_LISTED + 1);
        assert!(lines[0].starts_with(&format!("{}: Trình độ chuyên môn: trình độ đang học", r.cadres[0].full_name)));
        assert_eq!(lines[REFUSALS_LISTED], "… và 32 người khác.");
    }

    #[test]
    fn toasts_say_what_was_done_and_undone() {
        let r = hoang_su_phi_roster(3);
        let change = BulkChange::AddMembership(Membership {
            committee: Committee::ExecutiveCommittee,
            level: GovLevel::District,
            term: "2025-2030".into(),
        });
        let mut out =
            BulkOutcome { changed: vec![Cadre::blank("a".into(), "u".into()); 37], unchanged: 5, ..Default::default() };
        assert_eq!(
            done_toast(&r, &change, &out),
            "Đã sửa 37 người (thêm Ủy viên BCH Đảng bộ cấp huyện, nhiệm kỳ 2025-2030). 5 người đã đúng như vậy."
        );
        assert_eq!(undone_toast(&out), "Đã hoàn tác: 37 người trở lại như trước.");
        out.refused.push(("a".into(), "x".into()));
        assert!(undone_toast(&out).ends_with(" 1 người không hoàn tác được vì đã được sửa lại hoặc đã xóa sau đó."));
        let studying =
            BulkChange::SetStudying { scale: Scale::Political, level: Some("cao_cap".into()), until: Some(2026) };
        assert_eq!(describe(&r, &studying), "Lý luận chính trị: đang học Cao cấp, dự kiến xong năm 2026");
        assert_eq!(describe(&r, &BulkChange::SetLocal(true)), "người địa phương: có");
        assert_eq!(describe(&r, &BulkChange::SetCategory(Category::CivilServant)), "đối tượng: Công chức");
    }

    #[test]
    fn the_selection_keeps_who_is_shown_and_drops_who_is_gone() {
        let mut r = hoang_su_phi_roster(3);
        let mut selected = HashSet::new();
        select_shown(&mut selected, &r, &[4, 2, 2, 9]);
        assert_eq!(selected.len(), 3);
        assert_eq!(chosen(&r, &selected), vec![r.cadres[2].id.clone(), r.cadres[4].id.clone(), r.cadres[9].id.clone()]);
        r.cadres.remove(4);
        assert_eq!(chosen(&r, &selected).len(), 2);
        assert_eq!(chosen_count(&r, &selected), 2);
        assert_eq!(open_label(2), "Sửa hàng loạt (2 người)");
        assert_eq!(row_check_label("Lò Thị Mai"), "Chọn Lò Thị Mai");
    }

    #[test]
    fn a_selection_crosses_pages_unchanged() {
        let chosen: HashSet<Id> = ["hsp-c0002", "hsp-c0001", "ubnd-x 7"].iter().map(|s| s.to_string()).collect();
        let text = selection_text(&chosen);
        assert_eq!(text, "hsp-c0001\nhsp-c0002\nubnd-x 7");
        assert_eq!(parse_selection(&text), chosen);
        assert!(parse_selection("").is_empty());
        assert!(parse_selection("\n \n").is_empty());
    }
}
