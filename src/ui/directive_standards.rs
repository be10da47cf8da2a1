//! Bảng tiêu chuẩn of the directive being edited: each table's rows (whom they cover, what
//! they require, the regulation cited), and a form to add or change a table. The form holds
//! the domain's `StandardDraft`; nothing reaches the directive until it builds.

use std::sync::Arc;

use leptos::prelude::*;

use dtbd_domain::directive::{Directive, MatchHow, StandardDraft, StandardRowDraft};
use dtbd_domain::error::messages_under;
use dtbd_domain::levels::Scale;
use dtbd_domain::model::{Category, CivilGrade, GovLevel};
use dtbd_domain::roster::FieldError;
use dtbd_view::standards::{requirement_choices, tables, TableView};

use crate::ui::widgets::error_summary;

/// Which table the form edits: none open, a new one, or the table with this id.
#[derive(Debug, Clone, PartialEq)]
enum Editing {
    Closed,
    New,
    Table(String),
}

#[component]
pub fn StandardsSection(draft: RwSignal<Directive>) -> impl IntoView {
    let editing = RwSignal::new(Editing::Closed);
    let problem: RwSignal<Option<String>> = RwSignal::new(None);
    view! {
        <fieldset class="standards">
            <legend>"Bảng tiêu chuẩn"</legend>
            <p class="hint">"Chỉ tiêu “đạt chuẩn theo quy định”, “trên chuẩn” được chấm theo các bảng này. Mỗi dòng ghi căn cứ: số hiệu văn bản, điều, khoản."</p>
            {move || problem.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            {move || draft.with(tables).into_iter().map(|t| table_card(draft, editing, problem, t)).collect::<Vec<_>>()}
            {move || match editing.get() {
                Editing::Closed => view! {
                    <button type="button" class="btn small" on:click=move |_| { problem.set(None); editing.set(Editing::New) }>"+ Thêm bảng tiêu chuẩn"</button>
                }.into_any(),
                Editing::New => standard_form(draft, editing, None),
                Editing::Table(id) => standard_form(draft, editing, Some(id)),
            }}
        </fieldset>
    }
}

/// One table: its name, how targets say it, who uses it, its rows, and its buttons.
fn table_card(
    draft: RwSignal<Directive>,
    editing: RwSignal<Editing>,
    problem: RwSignal<Option<String>>,
    t: TableView,
) -> AnyView {
    let (edit_id, delete_id) = (t.id.clone(), t.id);
    let rows: Vec<AnyView> = t
        .rows
        .into_iter()
        .map(|r| {
            view! { <li><strong>{r.covers}</strong> ": " {r.requires} ". Căn cứ: " {r.citation} " " {r.note}</li> }
                .into_any()
        })
        .collect();
    view! {
        <article class="standard-table">
            <h3>{t.name}</h3>
            <p class="hint">"Câu chỉ tiêu: “" {t.phrase} "”. " {t.users}</p>
            <ul>{rows}</ul>
            <button type="button" class="btn small" on:click=move |_| { problem.set(None); editing.set(Editing::Table(edit_id.clone())) }>"Sửa bảng"</button>
            " "
            <button type="button" class="btn small danger" on:click=move |_| {
                let mut d = draft.get_untracked();
                match d.delete_standard(&delete_id) {
                    Ok(_) => { draft.set(d); problem.set(None); }
                    Err(m) => problem.set(Some(m)),
                }
            }>"Xóa bảng"</button>
        </article>
    }
    .into_any()
}

/// The form of table `id`, or of a new table.
fn standard_form(draft: RwSignal<Directive>, editing: RwSignal<Editing>, id: Option<String>) -> AnyView {
    let title = if id.is_some() { "Sửa bảng tiêu chuẩn" } else { "Thêm bảng tiêu chuẩn" };
    let initial = draft.with_untracked(|d| {
        id.as_deref()
            .and_then(|id| d.standard(id))
            .map(StandardDraft::from_standard)
            .unwrap_or_else(StandardDraft::blank)
    });
    let form = RwSignal::new(initial);
    let errs: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    let save = move |_| {
        let mut d = draft.get_untracked();
        match form.with_untracked(|f| f.build(&d, id.as_deref())) {
            Ok(table) => {
                d.put_standard(table);
                draft.set(d);
                editing.set(Editing::Closed);
            }
            Err(e) => errs.set(e),
        }
    };
    view! {
        <fieldset class="panel" aria-label="Biểu mẫu bảng tiêu chuẩn">
            <legend>{title}</legend>
            {error_summary(errs, dtbd_view::form_fields::none)}
            <div class="grid">
                {text_field(form, "st-name".into(), "Tên bảng".into(), Arc::new(|f| f.name.clone()), Arc::new(|f, v| f.name = v))}
                {text_field(form, "st-wording".into(), "Văn bản gọi là (sau chữ “theo”; để trống: “quy định”)".into(), Arc::new(|f| f.wording.clone()), Arc::new(|f, v| f.wording = v))}
            </div>
            {move || (0..form.with(|f| f.rows.len())).map(|i| row_form(form, errs, i)).collect::<Vec<_>>()}
            <button type="button" class="btn small" on:click=move |_| form.update(|f| f.rows.push(StandardRowDraft::default()))>"+ Thêm dòng"</button>
            <div class="actions">
                <button type="button" class="btn primary" on:click=save>"Lưu bảng"</button>
                <button type="button" class="btn" on:click=move |_| editing.set(Editing::Closed)>"Hủy"</button>
            </div>
        </fieldset>
    }
    .into_any()
}

/// Reads one value of the table form.
type Read<T> = Arc<dyn Fn(&StandardDraft) -> T + Send + Sync>;
/// Writes one value of the table form.
type Write<T> = Arc<dyn Fn(&mut StandardDraft, T) + Send + Sync>;

// The inputs of the table form take their accessors as trait objects: one copy of each
// input's code serves every field (the editor bundle pays for each distinct view type).

/// A labelled text input.
fn text_field(
    form: RwSignal<StandardDraft>,
    id: String,
    label: String,
    read: Read<String>,
    write: Write<String>,
) -> AnyView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type="text" prop:value=move || form.with(|f| read(f))
                on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| write(f, v)) } />
        </div>
    }
    .into_any()
}

/// A labelled select over (code, label) pairs.
fn select_field(
    form: RwSignal<StandardDraft>,
    id: String,
    label: String,
    options: Vec<(String, String)>,
    read: Read<String>,
    write: Write<String>,
) -> AnyView {
    let chosen = read.clone();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id prop:value=move || form.with(|f| chosen(f))
                on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| write(f, v)) }>
                {options.into_iter().map(|(code, name)| {
                    let (read, this) = (read.clone(), code.clone());
                    view! { <option value=code selected=move || form.with(|f| read(f) == this)>{name}</option> }
                }).collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// A checkbox with its label.
fn check_field(form: RwSignal<StandardDraft>, label: &'static str, read: Read<bool>, write: Write<bool>) -> AnyView {
    view! {
        <label class="check-label">
            <input type="checkbox" prop:checked=move || form.with(|f| read(f))
                on:change=move |ev| { let on = event_target_checked(&ev); form.update(|f| write(f, on)) } />
            " " {label}
        </label>
    }
    .into_any()
}

/// Checkboxes over `all`, bound to one list of row `i`.
fn row_checks<V: Copy + PartialEq + Send + Sync + 'static>(
    form: RwSignal<StandardDraft>,
    i: usize,
    legend: &'static str,
    all: &'static [V],
    label: fn(V) -> &'static str,
    read: fn(&StandardRowDraft) -> &Vec<V>,
    list: fn(&mut StandardRowDraft) -> &mut Vec<V>,
) -> AnyView {
    let boxes: Vec<AnyView> = all
        .iter()
        .map(|&v| {
            check_field(
                form,
                label(v),
                Arc::new(move |f| f.rows.get(i).is_some_and(|r| read(r).contains(&v))),
                Arc::new(move |f, on| {
                    if let Some(r) = f.rows.get_mut(i) {
                        let values = list(r);
                        values.retain(|x| *x != v);
                        if on {
                            values.push(v)
                        }
                    }
                }),
            )
        })
        .collect();
    view! { <fieldset class="checks"><legend>{legend}</legend>{boxes}</fieldset> }.into_any()
}

/// Reads a text of row `i`.
fn row_text(i: usize, pick: fn(&StandardRowDraft) -> &String) -> Read<String> {
    Arc::new(move |f| f.rows.get(i).map(|r| pick(r).clone()).unwrap_or_default())
}

/// Writes a text of row `i`.
fn row_write(i: usize, put: fn(&mut StandardRowDraft, String)) -> Write<String> {
    Arc::new(move |f, v| {
        if let Some(r) = f.rows.get_mut(i) {
            put(r, v)
        }
    })
}

fn row_form(form: RwSignal<StandardDraft>, errs: RwSignal<Vec<FieldError>>, i: usize) -> AnyView {
    let error = move || errs.with(|e| messages_under(e, &format!("rows.{i}")));
    let how_options = MatchHow::ALL.iter().map(|h| (h.code().to_string(), h.label().to_string())).collect();
    let requirements: Vec<AnyView> = Scale::ALL
        .iter()
        .enumerate()
        .map(|(s, scale)| {
            select_field(
                form,
                format!("st-{i}-req-{s}"),
                format!("{}: từ", scale.label()),
                requirement_choices(*scale),
                Arc::new(move |f| f.rows.get(i).map(|r| r.requires[s].clone()).unwrap_or_default()),
                Arc::new(move |f, v| {
                    if let Some(r) = f.rows.get_mut(i) {
                        r.requires[s] = v
                    }
                }),
            )
        })
        .collect();
    view! {
        <fieldset class="sub-panel" aria-label=format!("Dòng {}", i + 1)>
            <legend>{format!("Dòng {}", i + 1)}</legend>
            {row_checks(form, i, "Đối tượng (để trống: mọi đối tượng)", Category::ALL, Category::label, |r: &StandardRowDraft| &r.categories, |r: &mut StandardRowDraft| &mut r.categories)}
            {row_checks(form, i, "Cấp (để trống: mọi cấp)", GovLevel::ALL, GovLevel::label, |r: &StandardRowDraft| &r.levels, |r: &mut StandardRowDraft| &mut r.levels)}
            {row_checks(form, i, "Ngạch (để trống: mọi ngạch)", CivilGrade::ALL, CivilGrade::label, |r: &StandardRowDraft| &r.grades, |r: &mut StandardRowDraft| &mut r.grades)}
            <div class="grid">
                {text_field(form, format!("st-{i}-positions"), "Chức danh (cách nhau bằng dấu ;, để trống: mọi chức danh)".into(),
                    row_text(i, |r| &r.positions), row_write(i, |r, v| r.positions = v))}
                {select_field(form, format!("st-{i}-how"), "So khớp chức danh".into(), how_options,
                    Arc::new(move |f| f.rows.get(i).map(|r| r.position_how.code().to_string()).unwrap_or_default()),
                    row_write(i, |r, v| r.position_how = MatchHow::from_code(&v).unwrap_or_default()))}
            </div>
            <div class="grid">{requirements}</div>
            <div class="grid">
                {text_field(form, format!("st-{i}-document"), "Căn cứ: số hiệu văn bản".into(), row_text(i, |r| &r.document), row_write(i, |r, v| r.document = v))}
                {text_field(form, format!("st-{i}-article"), "Điều, khoản".into(), row_text(i, |r| &r.article), row_write(i, |r, v| r.article = v))}
                {text_field(form, format!("st-{i}-note"), "Ghi chú".into(), row_text(i, |r| &r.note), row_write(i, |r, v| r.note = v))}
            </div>
            <button type="button" class="btn ghost" aria-label=format!("Bỏ dòng {}", i + 1)
                on:click=move |_| form.update(|f| { if i < f.rows.len() { f.rows.remove(i); } })>"Bỏ dòng"</button>
            {move || { let m = error(); (!m.is_empty()).then(|| view! { <p class="field-error" role="alert">{m}</p> }) }}
        </fieldset>
    }
    .into_any()
}
