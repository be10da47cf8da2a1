//! The editable body of a directive: groups (nhóm đối tượng) and the section tree with its
//! items, targets and needs. Every change is a domain editing operation on the draft; the
//! forms hold the domain's drafts (`TargetDraft`, `GroupDraft`) and `build` them, so rules and
//! messages come from the domain.

use leptos::prelude::*;

use crate::ui::directive_forms::{GroupForm, TargetForm};
use dtbd_domain::directive::{Describer, Direction, Directive, Removed};
use dtbd_domain::roster::FieldError;

/// One editing operation of the outline: applied to a copy of the draft, it may remove a
/// part (kept for undo) or be refused with a message.
type EditOp = Box<dyn FnOnce(&mut Directive) -> Result<Option<Removed>, String>>;

/// One row of the outline, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Row {
    Section(String, usize),
    Item(String, usize),
    /// Target id, its item's id, depth.
    Target(String, String, usize),
    Need(String, usize),
}

fn rows(d: &Directive) -> Vec<Row> {
    fn walk(s: &dtbd_domain::directive::Section, depth: usize, out: &mut Vec<Row>) {
        out.push(Row::Section(s.id.clone(), depth));
        for i in &s.items {
            out.push(Row::Item(i.id.clone(), depth + 1));
            out.extend(i.targets.iter().map(|t| Row::Target(t.id.clone(), i.id.clone(), depth + 2)));
            out.extend(i.needs.iter().map(|n| Row::Need(n.id.clone(), depth + 2)));
        }
        for c in &s.sections {
            walk(c, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    for s in &d.sections {
        walk(s, 0, &mut out);
    }
    out
}

/// What the form panel edits.
#[derive(Debug, Clone, PartialEq)]
pub enum Panel {
    /// A target: the item it belongs to, the id when replacing.
    Target { item: String, id: Option<String> },
    /// A group, the id when replacing.
    Group { id: Option<String> },
}

#[component]
pub fn Outline(
    draft: RwSignal<Directive>,
    errors: RwSignal<Vec<FieldError>>,
    /// A form open from the start (Đọc văn bản's "Sửa" on a target or a group), brought into view.
    #[prop(optional_no_strip)]
    open: Option<Panel>,
) -> impl IntoView {
    let _ = errors;
    let removed: RwSignal<Option<Removed>> = RwSignal::new(None);
    let problem: RwSignal<Option<String>> = RwSignal::new(None);
    if open.is_some() {
        request_animation_frame(|| crate::ui::widgets::bring_to_top("fieldset.panel"));
    }
    let panel: RwSignal<Option<Panel>> = RwSignal::new(open);
    let structure = Memo::new(move |_| draft.with(rows));
    let groups = Memo::new(move |_| {
        draft.with(|d| {
            let describe = Describer::new(d);
            d.groups.iter().map(|g| (g.id.clone(), g.name.clone(), describe.group(g))).collect::<Vec<_>>()
        })
    });

    // Runs an editing operation; a refusal is shown, a removal can be undone.
    let apply = move |op: EditOp| {
        let mut d = draft.get_untracked();
        match op(&mut d) {
            Ok(r) => {
                draft.set(d);
                problem.set(None);
                if r.is_some() {
                    removed.set(r);
                }
            }
            Err(msg) => problem.set(Some(msg)),
        }
    };
    let undo = move |_| {
        if let Some(r) = removed.get_untracked() {
            apply(Box::new(move |d| d.restore(r).map(|_| None)));
            removed.set(None);
        }
    };

    let row_view = move |row: Row| -> AnyView {
        match row {
            Row::Section(id, depth) => section_row(draft, apply, panel, id, depth).into_any(),
            Row::Item(id, depth) => item_row(draft, apply, panel, id, depth).into_any(),
            Row::Target(id, item, depth) => {
                let sentence = {
                    let id = id.clone();
                    move || draft.with(|d| d.target(&id).map(|t| t.sentence.clone()).unwrap_or_default())
                };
                let (edit_id, up, down, del) = (id.clone(), id.clone(), id.clone(), id.clone());
                view! {
                    <div class="outline-row target-row" style=("--depth", depth.to_string())>
                        <span class="row-kind">"Chỉ tiêu"</span>
                        <span class="row-text">{sentence}</span>
                        <span class="row-actions">
                            <button type="button" class="btn small" on:click=move |_| panel.set(Some(Panel::Target { item: item.clone(), id: Some(edit_id.clone()) }))>"Sửa"</button>
                            <button type="button" class="btn small" aria-label="Chuyển lên" on:click=move |_| { let id = up.clone(); apply(Box::new(move |d| d.move_target(&id, Direction::Up).map(|_| None))) }>"↑"</button>
                            <button type="button" class="btn small" aria-label="Chuyển xuống" on:click=move |_| { let id = down.clone(); apply(Box::new(move |d| d.move_target(&id, Direction::Down).map(|_| None))) }>"↓"</button>
                            <button type="button" class="btn small danger" on:click=move |_| { let id = del.clone(); apply(Box::new(move |d| d.delete_target(&id).map(Some))) }>"Xóa"</button>
                        </span>
                    </div>
                }
                .into_any()
            }
            Row::Need(id, depth) => {
                let sentence = {
                    let id = id.clone();
                    move || draft.with(|d| d.need(&id).map(|n| n.sentence.clone()).unwrap_or_default())
                };
                view! {
                    <div class="outline-row need-row" style=("--depth", depth.to_string())>
                        <span class="row-kind">"Nhu cầu"</span>
                        <span class="row-text">{sentence}</span>
                        <span class="row-actions">
                            <button type="button" class="btn small danger" on:click=move |_| { let id = id.clone(); apply(Box::new(move |d| d.delete_need(&id).map(Some))) }>"Xóa"</button>
                        </span>
                    </div>
                }
                .into_any()
            }
        }
    };

    view! {
        {move || problem.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        {move || removed.get().map(|r| view! {
            <p class="undo-line" role="status">{r.label()} " "
                <button type="button" class="btn small" on:click=undo>"Hoàn tác"</button>
            </p>
        })}
        <fieldset>
            <legend>"Nhóm đối tượng"</legend>
            <p class="hint">"Mỗi chỉ tiêu nói về một nhóm. Một người có thể thuộc nhiều nhóm."</p>
            <ul class="group-list">
                {move || groups.get().into_iter().map(|(id, name, words)| {
                    let (edit, del) = (id.clone(), id.clone());
                    view! {
                        <li class="outline-row">
                            <span class="row-text"><strong>{name}</strong><br/><span class="sub">{words}</span></span>
                            <span class="row-actions">
                                <button type="button" class="btn small" on:click=move |_| panel.set(Some(Panel::Group { id: Some(edit.clone()) }))>"Sửa"</button>
                                <button type="button" class="btn small danger" on:click=move |_| { let id = del.clone(); apply(Box::new(move |d| d.delete_group(&id).map(Some))) }>"Xóa"</button>
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <button type="button" class="btn" on:click=move |_| panel.set(Some(Panel::Group { id: None }))>"+ Thêm nhóm"</button>
        </fieldset>

        {move || panel.get().map(|p| match p {
            Panel::Target { item, id } => view! { <TargetForm draft=draft panel=panel item=item id=id/> }.into_any(),
            Panel::Group { id } => view! { <GroupForm draft=draft panel=panel id=id/> }.into_any(),
        })}

        <fieldset>
            <legend>"Nội dung văn bản (giữ đúng số thứ tự của văn bản)"</legend>
            <div class="outline">
                {move || structure.get().into_iter().map(row_view).collect_view()}
            </div>
            <button type="button" class="btn" on:click=move |_| apply(Box::new(|d| {
                let number = d.suggest_section_number(None, d.sections.last().map(|s| s.id.as_str()));
                let after = d.sections.last().map(|s| s.id.clone());
                d.add_section(None, after.as_deref(), &number, "").map(|_| None)
            }))>"+ Thêm mục lớn"</button>
        </fieldset>
    }
}

fn section_row(
    draft: RwSignal<Directive>,
    apply: impl Fn(EditOp) + Copy + 'static,
    panel: RwSignal<Option<Panel>>,
    id: String,
    depth: usize,
) -> impl IntoView {
    let _ = panel;
    let get = {
        let id = id.clone();
        move || {
            draft.with(|d| {
                d.section(&id).map(|s| (s.number.clone(), s.heading.clone(), s.text.clone())).unwrap_or_default()
            })
        }
    };
    let set = {
        let id = id.clone();
        move |which: u8, v: String| {
            let id = id.clone();
            apply(Box::new(move |d| {
                let (mut n, mut h, mut t) =
                    d.section(&id).map(|s| (s.number.clone(), s.heading.clone(), s.text.clone())).unwrap_or_default();
                match which {
                    0 => n = v,
                    1 => h = v,
                    _ => t = v,
                }
                d.update_section(&id, &n, &h, &t).map(|_| None)
            }))
        }
    };
    let (g0, g1, g2) = (get.clone(), get.clone(), get);
    let (s0, s1, s2) = (set.clone(), set.clone(), set);
    let (up, down, del, child, item) = (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
    view! {
        <div class="outline-row section-row" style=("--depth", depth.to_string())>
            <input class="num-input" type="text" aria-label="Số thứ tự mục" prop:value=move || g0().0 on:change=move |ev| s0(0, event_target_value(&ev)) />
            <input class="grow-input" type="text" aria-label="Tên mục" placeholder="Tên mục" prop:value=move || g1().1 on:change=move |ev| s1(1, event_target_value(&ev)) />
            <span class="row-actions">
                <button type="button" class="btn small" aria-label="Chuyển mục lên" on:click=move |_| { let id = up.clone(); apply(Box::new(move |d| d.move_section(&id, Direction::Up).map(|_| None))) }>"↑"</button>
                <button type="button" class="btn small" aria-label="Chuyển mục xuống" on:click=move |_| { let id = down.clone(); apply(Box::new(move |d| d.move_section(&id, Direction::Down).map(|_| None))) }>"↓"</button>
                <button type="button" class="btn small" on:click=move |_| { let id = child.clone(); apply(Box::new(move |d| {
                    let last = d.section(&id).and_then(|s| s.sections.last()).map(|s| s.id.clone());
                    let number = d.suggest_section_number(Some(&id), last.as_deref());
                    d.add_section(Some(&id), last.as_deref(), &number, "").map(|_| None)
                })) }>"+ Mục con"</button>
                <button type="button" class="btn small" on:click=move |_| { let id = item.clone(); apply(Box::new(move |d| {
                    let last = d.section(&id).and_then(|s| s.items.last()).map(|i| i.id.clone());
                    d.add_item(&id, last.as_deref(), "-", "").map(|_| None)
                })) }>"+ Đoạn"</button>
                <button type="button" class="btn small danger" on:click=move |_| { let id = del.clone(); apply(Box::new(move |d| d.delete_section(&id).map(Some))) }>"Xóa mục"</button>
            </span>
            <textarea class="row-textarea" rows="2" aria-label="Lời văn của mục" placeholder="Lời văn của mục (nếu có)" prop:value=move || g2().2 on:change=move |ev| s2(2, event_target_value(&ev))></textarea>
        </div>
    }
}

fn item_row(
    draft: RwSignal<Directive>,
    apply: impl Fn(EditOp) + Copy + 'static,
    panel: RwSignal<Option<Panel>>,
    id: String,
    depth: usize,
) -> impl IntoView {
    let get = {
        let id = id.clone();
        move || {
            draft.with(|d| d.item(&id).map(|i| (i.number.clone(), i.text.clone(), i.note.clone())).unwrap_or_default())
        }
    };
    let set = {
        let id = id.clone();
        move |which: u8, v: String| {
            let id = id.clone();
            apply(Box::new(move |d| {
                let (mut n, mut t, note) =
                    d.item(&id).map(|i| (i.number.clone(), i.text.clone(), i.note.clone())).unwrap_or_default();
                if which == 0 {
                    n = v
                } else {
                    t = v
                }
                d.update_item(&id, &n, &t, &note).map(|_| None)
            }))
        }
    };
    let (g0, g1) = (get.clone(), get);
    let (s0, s1) = (set.clone(), set);
    let (up, down, del, add) = (id.clone(), id.clone(), id.clone(), id.clone());
    view! {
        <div class="outline-row item-row" style=("--depth", depth.to_string())>
            <input class="num-input" type="text" aria-label="Dấu đầu dòng" prop:value=move || g0().0 on:change=move |ev| s0(0, event_target_value(&ev)) />
            <textarea class="row-textarea grow-input" rows="2" aria-label="Lời văn của đoạn" placeholder="Lời văn của đoạn, chép nguyên văn" prop:value=move || g1().1 on:change=move |ev| s1(1, event_target_value(&ev))></textarea>
            <span class="row-actions">
                <button type="button" class="btn small primary" on:click=move |_| panel.set(Some(Panel::Target { item: add.clone(), id: None }))>"+ Chỉ tiêu"</button>
                <button type="button" class="btn small" aria-label="Chuyển đoạn lên" on:click=move |_| { let id = up.clone(); apply(Box::new(move |d| d.move_item(&id, Direction::Up).map(|_| None))) }>"↑"</button>
                <button type="button" class="btn small" aria-label="Chuyển đoạn xuống" on:click=move |_| { let id = down.clone(); apply(Box::new(move |d| d.move_item(&id, Direction::Down).map(|_| None))) }>"↓"</button>
                <button type="button" class="btn small danger" on:click=move |_| { let id = del.clone(); apply(Box::new(move |d| d.delete_item(&id).map(Some))) }>"Xóa đoạn"</button>
            </span>
        </div>
    }
}
