//! Bảng tiêu chuẩn of the directive being edited: each table's rows (whom they cover, what
//! they require, the regulation cited), and a form to add or change a table. The form holds
//! the domain's `StandardDraft`; nothing reaches the directive until it builds.

use leptos::prelude::*;

use dtbd_domain::directive::{Directive, MatchHow, StandardDraft, StandardRowDraft};
use dtbd_domain::error::{message_for, messages_under};
use dtbd_domain::levels::Scale;
use dtbd_domain::model::{Category, CivilGrade, GovLevel};
use dtbd_domain::roster::FieldError;
use dtbd_view::standards::{requirement_choices, tables};

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
    let shown = Memo::new(move |_| draft.with(tables));
    view! {
        <fieldset class="standards">
            <legend>"Bảng tiêu chuẩn"</legend>
            <p class="hint">"Chỉ tiêu “đạt chuẩn theo quy định”, “trên chuẩn” được chấm theo các bảng này. Mỗi dòng ghi căn cứ: số hiệu văn bản, điều, khoản."</p>
            {move || problem.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            {move || shown.get().into_iter().map(|t| {
                let (edit_id, delete_id) = (t.id.clone(), t.id.clone());
                view! {
                    <article class="standard-table">
                        <h3>{t.name}</h3>
                        <p class="hint">"Câu chỉ tiêu: “" {t.phrase} "”. " {t.users}</p>
                        <table class="data">
                            <thead><tr><th>"Áp dụng cho"</th><th>"Yêu cầu"</th><th>"Căn cứ"</th></tr></thead>
                            <tbody>
                                {t.rows.into_iter().map(|r| view! {
                                    <tr>
                                        <td>{r.covers}</td>
                                        <td>{r.requires}</td>
                                        <td>{r.citation} {(!r.note.is_empty()).then(|| view! { <br/><span class="note">{r.note}</span> })}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        <div class="actions">
                            <button type="button" class="btn small" on:click=move |_| { problem.set(None); editing.set(Editing::Table(edit_id.clone())) }>"Sửa bảng"</button>
                            <button type="button" class="btn small danger" on:click=move |_| {
                                let mut d = draft.get_untracked();
                                match d.delete_standard(&delete_id) {
                                    Ok(_) => { draft.set(d); problem.set(None); }
                                    Err(m) => problem.set(Some(m)),
                                }
                            }>"Xóa bảng"</button>
                        </div>
                    </article>
                }
            }).collect_view()}
            {move || match editing.get() {
                Editing::Closed => view! {
                    <button type="button" class="btn small" on:click=move |_| { problem.set(None); editing.set(Editing::New) }>"+ Thêm bảng tiêu chuẩn"</button>
                }.into_any(),
                Editing::New => view! { <StandardForm draft=draft editing=editing id=None/> }.into_any(),
                Editing::Table(id) => view! { <StandardForm draft=draft editing=editing id=Some(id)/> }.into_any(),
            }}
        </fieldset>
    }
}

#[component]
fn StandardForm(draft: RwSignal<Directive>, editing: RwSignal<Editing>, id: Option<String>) -> impl IntoView {
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
    let name_error = move || errs.with(|e| message_for(e, "name"));
    let rows = move || form.with(|f| f.rows.len());
    view! {
        <fieldset class="panel" aria-label="Biểu mẫu bảng tiêu chuẩn">
            <legend>{if editing.get_untracked() == Editing::New { "Thêm bảng tiêu chuẩn" } else { "Sửa bảng tiêu chuẩn" }}</legend>
            {error_summary(errs)}
            <div class="grid">
                <div class="field" class:invalid=move || name_error().is_some()>
                    <label for="st-name">"Tên bảng"</label>
                    <input id="st-name" type="text" prop:value=move || form.with(|f| f.name.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.name = v) } />
                    {move || name_error().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
                <div class="field">
                    <label for="st-wording">"Văn bản gọi là (sau chữ “theo”; để trống: “quy định”)"</label>
                    <input id="st-wording" type="text" placeholder="tiêu chuẩn chức danh" prop:value=move || form.with(|f| f.wording.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.wording = v) } />
                </div>
            </div>
            {move || (0..rows()).map(|i| row_form(form, errs, i)).collect_view()}
            <button type="button" class="btn small" on:click=move |_| form.update(|f| f.rows.push(StandardRowDraft::default()))>"+ Thêm dòng"</button>
            <div class="actions">
                <button type="button" class="btn primary" on:click=save>"Lưu bảng"</button>
                <button type="button" class="btn" on:click=move |_| editing.set(Editing::Closed)>"Hủy"</button>
            </div>
        </fieldset>
    }
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
) -> impl IntoView {
    view! {
        <fieldset class="checks">
            <legend>{legend}</legend>
            {all.iter().map(|v| {
                let v = *v;
                view! {
                    <label class="check-label">
                        <input type="checkbox"
                            prop:checked=move || form.with(|f| f.rows.get(i).is_some_and(|r| read(r).contains(&v)))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                form.update(|f| if let Some(r) = f.rows.get_mut(i) {
                                    let values = list(r);
                                    values.retain(|x| *x != v);
                                    if on { values.push(v) }
                                })
                            } />
                        " " {label(v)}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

fn row_form(form: RwSignal<StandardDraft>, errs: RwSignal<Vec<FieldError>>, i: usize) -> impl IntoView {
    let get = move || form.with(|f| f.rows.get(i).cloned().unwrap_or_default());
    let error = move || errs.with(|e| messages_under(e, &format!("rows.{i}")));
    let text = move |what: &'static str,
                     label: &'static str,
                     pick: fn(&StandardRowDraft) -> &String,
                     put: fn(&mut StandardRowDraft) -> &mut String| {
        let id = format!("st-{i}-{what}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type="text" prop:value=move || pick(&get()).clone()
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| if let Some(r) = f.rows.get_mut(i) { *put(r) = v }) } />
            </div>
        }
    };
    view! {
        <fieldset class="sub-panel" aria-label=format!("Dòng {}", i + 1)>
            <legend>{format!("Dòng {}", i + 1)}</legend>
            {row_checks(form, i, "Đối tượng (để trống: mọi đối tượng)", Category::ALL, Category::label, |r: &StandardRowDraft| &r.categories, |r: &mut StandardRowDraft| &mut r.categories)}
            {row_checks(form, i, "Cấp (để trống: mọi cấp)", GovLevel::ALL, GovLevel::label, |r: &StandardRowDraft| &r.levels, |r: &mut StandardRowDraft| &mut r.levels)}
            {row_checks(form, i, "Ngạch (để trống: mọi ngạch)", CivilGrade::ALL, CivilGrade::label, |r: &StandardRowDraft| &r.grades, |r: &mut StandardRowDraft| &mut r.grades)}
            <div class="grid">
                {text("positions", "Chức danh (cách nhau bằng dấu ;, để trống: mọi chức danh)", |r| &r.positions, |r| &mut r.positions)}
                <div class="field">
                    <label for=format!("st-{i}-how")>"So khớp chức danh"</label>
                    <select id=format!("st-{i}-how") on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| if let Some(r) = f.rows.get_mut(i) { r.position_how = MatchHow::from_code(&v).unwrap_or_default() }) }>
                        {MatchHow::ALL.iter().map(|h| {
                            let h = *h;
                            view! { <option value=h.code() selected=move || get().position_how == h>{h.label()}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="grid">
                {Scale::ALL.iter().enumerate().map(|(s, scale)| view! {
                    <div class="field">
                        <label for=format!("st-{i}-req-{s}")>{format!("{}: từ", scale.label())}</label>
                        <select id=format!("st-{i}-req-{s}") on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| if let Some(r) = f.rows.get_mut(i) { r.requires[s] = v }) }>
                            {requirement_choices(*scale).into_iter().map(|(code, label)| {
                                let chosen = code.clone();
                                view! { <option value=code selected=move || get().requires[s] == chosen>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                }).collect_view()}
            </div>
            <div class="grid">
                {text("document", "Căn cứ: số hiệu văn bản", |r| &r.document, |r| &mut r.document)}
                {text("article", "Điều, khoản", |r| &r.article, |r| &mut r.article)}
                {text("note", "Ghi chú", |r| &r.note, |r| &mut r.note)}
            </div>
            <button type="button" class="btn ghost" aria-label=format!("Bỏ dòng {}", i + 1)
                on:click=move |_| form.update(|f| { if i < f.rows.len() { f.rows.remove(i); } })>"Bỏ dòng"</button>
            {move || { let m = error(); (!m.is_empty()).then(|| view! { <p class="field-error" role="alert">{m}</p> }) }}
        </fieldset>
    }
}
