//! Thêm / sửa cán bộ: every field of a cadre, validated by the domain on save.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store;
use crate::ui::app::{AppState, Route};
use crate::ui::widgets::{code_select, conflict_actions, error_for, error_summary, field, options};
use dtbd_domain::error::{message_for, messages_under};
use dtbd_domain::levels::{
    DefenceSecurity, ForeignLanguage, InformationTechnology, Level, Political, Professional, Qualification,
    StateManagement,
};
use dtbd_domain::model::{
    Cadre, Category, CivilGrade, Committee, Gender, GovLevel, Leadership, Membership, PlannedPosition, Position,
};
use dtbd_domain::roster::FieldError;

#[component]
pub fn CadreFormPage(id: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let existing = id.as_ref().and_then(|id| state.roster.with_untracked(|r| r.cadre(id).cloned()));
    if id.is_some() && existing.is_none() {
        return view! {
            <crate::ui::widgets::NotFound what="cán bộ" note="Bản ghi này không còn trong danh sách (có thể đã bị xóa)."
                back=(Route::Roster, "Về danh sách")/>
        }
        .into_any();
    }
    let is_new = existing.is_none();
    let first_unit =
        state.roster.with_untracked(|r| r.units_tree().first().map(|(u, _)| u.id.clone()).unwrap_or_default());
    // What the form opened, so a save over another tab's save merges field by field.
    let opened = RwSignal::new(existing.clone());
    let draft = RwSignal::new(existing.unwrap_or_else(|| Cadre::blank(store::new_id(), first_unit)));
    let gender_chosen = RwSignal::new(!is_new);
    let birth_year_text = RwSignal::new(draft.with_untracked(|c| c.birth_year.to_string()));
    let errors: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);

    let unit_options = move || state.roster.with(dtbd_view::unit_choices::unit_choices);

    let submit = move || {
        if saving.get_untracked() {
            return;
        }
        let mut c = draft.get_untracked();
        match birth_year_text.get_untracked().trim().parse::<u16>() {
            Ok(y) => c.birth_year = y,
            Err(_) => {
                errors.set(vec![FieldError {
                    field: "birth_year".into(),
                    message: "Năm sinh: phải là một năm gồm 4 chữ số, ví dụ 1985.".into(),
                }]);
                return;
            }
        }
        // No Giới tính chosen: refused with whatever else the domain finds, all listed at once.
        if let Some(refused) = dtbd_view::roster::gender_unchosen(gender_chosen.get_untracked()) {
            let others = state.roster.with_untracked(|r| r.validate_cadre(&c));
            errors.set(std::iter::once(refused).chain(others).collect());
            return;
        }
        saving.set(true);
        spawn_local(async move {
            match state.save_cadre_from(c, opened.get_untracked()).await {
                Ok(saved) => {
                    errors.set(Vec::new());
                    state.say(format!("Đã lưu cán bộ {}.", saved.full_name));
                    state.go(Route::Roster);
                }
                Err(e) => errors.set(e),
            }
            saving.set(false);
        });
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit();
    };
    // Version conflict: take the stored record (or, when it was deleted, nothing) ...
    let reload = move || {
        let id = draft.with_untracked(|c| c.id.clone());
        match state.roster.with_untracked(|r| r.cadre(&id).cloned()) {
            Some(c) => {
                birth_year_text.set(c.birth_year.to_string());
                opened.set(Some(c.clone()));
                draft.set(c);
                errors.set(Vec::new());
            }
            None => state.go(Route::Roster),
        }
    };
    // ... or save mine over it, as the next version of what is stored.
    let overwrite = move || {
        let id = draft.with_untracked(|c| c.id.clone());
        let stored = state.roster.with_untracked(|r| r.cadre(&id).cloned());
        // Mine over what is stored: the stored fields I did not change stay theirs.
        let mut mine = draft.get_untracked();
        if let Ok(y) = birth_year_text.get_untracked().trim().parse::<u16>() {
            mine.birth_year = y;
        }
        let merged = opened.with_untracked(|o| dtbd_view::stamp::overwrite_fields(o.as_ref(), &mine, stored.as_ref()));
        birth_year_text.set(merged.birth_year.to_string());
        draft.set(merged);
        opened.set(stored);
        submit();
    };

    let delete = move |_| {
        let id = draft.with_untracked(|c| c.id.clone());
        state.delete_cadre(id);
        state.go(Route::Roster);
    };

    // Text inputs bound to one String field of the draft.
    let text_input = move |id: &'static str, get: fn(&Cadre) -> &String, set: fn(&mut Cadre) -> &mut String| {
        view! {
            <input
                id=id
                type="text"
                prop:value=move || draft.with(|c| get(c).clone())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    draft.update(|c| *set(c) = v);
                }
            />
        }
    };

    view! {
        <section class="page">
            <div class="page-head">
                <h1>{if is_new { "Thêm cán bộ" } else { "Sửa thông tin cán bộ" }}</h1>
                <a class="btn ghost" href=Route::Roster.href()>"Về danh sách"</a>
            </div>
            <form class="cadre-form" on:submit=save novalidate>
                {error_summary(errors, dtbd_view::form_fields::cadre)}
                {conflict_actions(errors, reload, overwrite)}

                <fieldset>
                    <legend>"Thông tin chung"</legend>
                    <div class="grid">
                        {field("Họ và tên", "f-full_name", error_for(errors, "full_name"),
                            text_input("f-full_name", |c| &c.full_name, |c| &mut c.full_name))}
                        {move || state.roster.with(|r| draft.with(|c| dtbd_view::roster::duplicate_warning(r, c)))
                            .map(|w| view! { <p class="hint duplicate-warning" role="status">{w}</p> })}
                        {field("Năm sinh", "f-birth_year", error_for(errors, "birth_year"), view! {
                            <input id="f-birth_year" type="text" inputmode="numeric" maxlength="4"
                                prop:value=move || birth_year_text.get()
                                on:input=move |ev| birth_year_text.set(event_target_value(&ev)) />
                        })}
                        {field("Giới tính", "f-gender", error_for(errors, "gender"), move || code_select("f-gender",
                            dtbd_view::roster::gender_choices(gender_chosen.get()),
                            move || if gender_chosen.get() { draft.with(|c| c.gender.code().to_string()) } else { String::new() },
                            move |v| if let Some(g) = Gender::from_code(&v) { draft.update(|c| c.gender = g); gender_chosen.set(true) }))}
                        {field("Dân tộc", "f-ethnicity", error_for(errors, "ethnicity"),
                            text_input("f-ethnicity", |c| &c.ethnicity, |c| &mut c.ethnicity))}
                        {field("Đối tượng", "f-category", || None, code_select("f-category",
                            options(Category::ALL, Category::code, Category::label),
                            move || draft.with(|c| c.category.code().to_string()),
                            move |v| draft.update(|c| if let Some(x) = Category::from_code(&v) { c.category = x })))}
                        {field("Đơn vị công tác", "f-unit_id", error_for(errors, "unit_id"), move || code_select("f-unit_id",
                            unit_options(),
                            move || draft.with(|c| c.unit_id.clone()),
                            move |v| draft.update(|c| c.unit_id = v)))}
                        {field("Ngạch", "f-civil_grade", || None, code_select("f-civil_grade",
                            std::iter::once((String::new(), "(không / chưa xếp ngạch)".to_string()))
                                .chain(options(CivilGrade::ALL, CivilGrade::code, CivilGrade::label))
                                .collect(),
                            move || draft.with(|c| c.civil_grade.map(|g| g.code().to_string()).unwrap_or_default()),
                            move |v| draft.update(|c| c.civil_grade = CivilGrade::from_code(&v))))}
                        <div class="field check">
                            <label>
                                <input type="checkbox" id="f-local"
                                    prop:checked=move || draft.with(|c| c.local)
                                    on:change=move |ev| draft.update(|c| c.local = event_target_checked(&ev)) />
                                " Người địa phương"
                            </label>
                        </div>
                    </div>
                </fieldset>

                <PositionsEditor draft=draft errors=errors/>
                <MembershipsEditor draft=draft errors=errors/>
                <PlannedEditor draft=draft errors=errors/>

                <fieldset>
                    <legend>"Trình độ"</legend>
                    <p class="hint">"Mỗi thang có thể ghi trình độ đang học và năm dự kiến hoàn thành."</p>
                    {qualification_row::<Professional>(draft, errors, "professional", |c| &c.professional, |c| &mut c.professional)}
                    {field("Chuyên ngành đào tạo", "f-professional_field", error_for(errors, "professional_field"),
                        text_input("f-professional_field", |c| &c.professional_field, |c| &mut c.professional_field))}
                    {qualification_row::<Political>(draft, errors, "political", |c| &c.political, |c| &mut c.political)}
                    {qualification_row::<StateManagement>(draft, errors, "state_management", |c| &c.state_management, |c| &mut c.state_management)}
                    {qualification_row::<ForeignLanguage>(draft, errors, "foreign_language", |c| &c.foreign_language, |c| &mut c.foreign_language)}
                    {field("Ngoại ngữ (tên)", "f-foreign_language_name", || None,
                        text_input("f-foreign_language_name", |c| &c.foreign_language_name, |c| &mut c.foreign_language_name))}
                    {qualification_row::<InformationTechnology>(draft, errors, "it", |c| &c.it, |c| &mut c.it)}
                    {qualification_row::<DefenceSecurity>(draft, errors, "defence_security", |c| &c.defence_security, |c| &mut c.defence_security)}
                    <div class="grid">
                        {field("Tiếng dân tộc thiểu số sử dụng được", "f-minority_language", || None,
                            text_input("f-minority_language", |c| &c.minority_language, |c| &mut c.minority_language))}
                        <div class="field check">
                            <label>
                                <input type="checkbox" id="f-lao"
                                    prop:checked=move || draft.with(|c| c.lao_language)
                                    on:change=move |ev| draft.update(|c| c.lao_language = event_target_checked(&ev)) />
                                " Sử dụng được tiếng Lào"
                            </label>
                        </div>
                    </div>
                </fieldset>

                <fieldset>
                    <legend>"Ghi chú"</legend>
                    {field("Ghi chú", "f-note", error_for(errors, "note"), view! {
                        <textarea id="f-note" rows="3"
                            prop:value=move || draft.with(|c| c.note.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); draft.update(|c| c.note = v) }></textarea>
                    })}
                </fieldset>

                <div class="actions">
                    <button type="submit" class="btn primary" disabled=move || saving.get()>"Lưu"</button>
                    <a class="btn" href=Route::Roster.href()>"Hủy"</a>
                    {(!is_new).then(|| view! {
                        <button type="button" class="btn danger" on:click=delete>"Xóa cán bộ"</button>
                    })}
                </div>
            </form>
        </section>
    }
    .into_any()
}

/// One scale: level held, level being studied towards, expected year.
/// The level select's value for "the level held is unknown".
const UNKNOWN: &str = "?";

fn qualification_row<L: Level + Send + Sync>(
    draft: RwSignal<Cadre>,
    errors: RwSignal<Vec<FieldError>>,
    key: &'static str,
    get: fn(&Cadre) -> &Qualification<L>,
    set: fn(&mut Cadre) -> &mut Qualification<L>,
) -> impl IntoView {
    let label = L::SCALE.label();
    let level_id = format!("f-{key}");
    let studying_id = format!("f-{key}-studying");
    let until_id = format!("f-{key}-until");
    let levels = options(L::ALL, L::code, L::label);
    let studying_options: Vec<(String, String)> =
        std::iter::once((String::new(), "(không)".to_string())).chain(levels.iter().skip(1).cloned()).collect();
    // "Đang học thạc sĩ" with nothing said of the level held: unknown, not the lowest.
    let levels: Vec<(String, String)> = levels
        .into_iter()
        .chain(std::iter::once((UNKNOWN.to_string(), "Chưa rõ (chỉ biết đang học)".to_string())))
        .collect();
    view! {
        <div class="qual-row" role="group" aria-label=label>
            {field(label, level_id.clone(), || None, code_select(level_id, levels,
                move || draft.with(|c| if get(c).level_unknown { UNKNOWN.to_string() } else { get(c).level.code().to_string() }),
                move |v| draft.update(|c| {
                    let q = set(c);
                    q.level_unknown = v == UNKNOWN;
                    q.level = L::from_code(&v).unwrap_or_default();
                })))}
            {field("Đang học", studying_id.clone(), error_for(errors, format!("{key}.studying")), code_select(studying_id, studying_options,
                move || draft.with(|c| get(c).studying.map(|l| l.code().to_string()).unwrap_or_default()),
                move |v| draft.update(|c| {
                    let q = set(c);
                    q.studying = L::from_code(&v);
                    if q.studying.is_none() { q.studying_until = None; }
                })))}
            {field("Năm hoàn thành", until_id.clone(), error_for(errors, format!("{key}.studying_until")), view! {
                <input id=until_id type="text" inputmode="numeric" maxlength="4"
                    disabled=move || draft.with(|c| get(c).studying.is_none())
                    prop:value=move || draft.with(|c| get(c).studying_until.map(|y| y.to_string()).unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|c| set(c).studying_until = v.trim().parse().ok());
                    } />
            })}
        </div>
    }
}

#[component]
fn PositionsEditor(draft: RwSignal<Cadre>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let unit_options =
        move || state.roster.with(|r| dtbd_view::unit_choices::UnitChoices { flat: true, ..Default::default() }.of(r));
    let count = move || draft.with(|c| c.positions.len());
    view! {
        <fieldset>
            <legend>"Chức vụ (có thể giữ nhiều chức vụ)"</legend>
            {move || (0..count()).map(|i| {
                let err = move || errors.with(|e| messages_under(e, &format!("positions.{i}")));
                view! {
                    <div class="repeat-row" role="group" aria-label=format!("Chức vụ thứ {}", i + 1)>
                        <div class="field grow">
                            <label for=format!("f-pos-{i}-title")>"Chức danh"</label>
                            <input id=format!("f-pos-{i}-title") type="text" placeholder="VD: Phó Chủ tịch UBND xã"
                                prop:value=move || draft.with(|c| c.positions.get(i).map(|p| p.title.clone()).unwrap_or_default())
                                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|c| if let Some(p) = c.positions.get_mut(i) { p.title = v }) } />
                        </div>
                        <div class="field">
                            <label for=format!("f-pos-{i}-unit")>"Tại đơn vị"</label>
                            <select id=format!("f-pos-{i}-unit") prop:value=move || draft.with(|c| c.positions.get(i).map(|p| p.unit_id.clone()).unwrap_or_default()) on:change=move |ev| { let v = event_target_value(&ev); draft.update(|c| if let Some(p) = c.positions.get_mut(i) { p.unit_id = v }) }>
                                {unit_options().into_iter().map(|(id, name)| {
                                    let id2 = id.clone();
                                    view! { <option value=id selected=move || draft.with(|c| c.positions.get(i).is_some_and(|p| p.unit_id == id2))>{name}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for=format!("f-pos-{i}-lead")>"Cấp"</label>
                            <select id=format!("f-pos-{i}-lead") prop:value=move || draft.with(|c| c.positions.get(i).map(|p| p.leadership.code()).unwrap_or_default()) on:change=move |ev| { let v = event_target_value(&ev); draft.update(|c| if let (Some(p), Some(l)) = (c.positions.get_mut(i), Leadership::from_code(&v)) { p.leadership = l }) }>
                                {Leadership::ALL.iter().map(|l| {
                                    let l = *l;
                                    view! { <option value=l.code() selected=move || draft.with(|c| c.positions.get(i).is_some_and(|p| p.leadership == l))>{l.label()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <button type="button" class="btn ghost" aria-label=format!("Bỏ chức vụ thứ {}", i + 1)
                            on:click=move |_| draft.update(|c| { if i < c.positions.len() { c.positions.remove(i); } })>"Bỏ"</button>
                        {move || { let m = err(); (!m.is_empty()).then(|| view! { <p class="field-error" role="alert">{m}</p> }) }}
                    </div>
                }
            }).collect_view()}
            <button type="button" class="btn" on:click=move |_| draft.update(|c| {
                let unit_id = c.unit_id.clone();
                c.positions.push(Position { unit_id, title: String::new(), leadership: Leadership::None });
            })>"+ Thêm chức vụ"</button>
        </fieldset>
    }
}

#[component]
fn MembershipsEditor(draft: RwSignal<Cadre>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let count = move || draft.with(|c| c.memberships.len());
    view! {
        <fieldset>
            <legend>"Tham gia cấp ủy, HĐND"</legend>
            {move || (0..count()).map(|i| {
                let err = move || errors.with(|e| message_for(e, &format!("memberships.{i}")));
                view! {
                    <div class="repeat-row" role="group" aria-label=format!("Ủy viên thứ {}", i + 1)>
                        <div class="field">
                            <label for=format!("f-mem-{i}-c")>"Cơ quan"</label>
                            <select id=format!("f-mem-{i}-c") prop:value=move || draft.with(|c| c.memberships.get(i).map(|m| m.committee.code()).unwrap_or_default()) on:change=move |ev| { let v = event_target_value(&ev); draft.update(|c| if let (Some(m), Some(x)) = (c.memberships.get_mut(i), Committee::from_code(&v)) { m.committee = x }) }>
                                {Committee::ALL.iter().map(|x| { let x = *x; view! { <option value=x.code() selected=move || draft.with(|c| c.memberships.get(i).is_some_and(|m| m.committee == x))>{x.label()}</option> } }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for=format!("f-mem-{i}-l")>"Cấp"</label>
                            <select id=format!("f-mem-{i}-l") prop:value=move || draft.with(|c| c.memberships.get(i).map(|m| m.level.code()).unwrap_or_default()) on:change=move |ev| { let v = event_target_value(&ev); draft.update(|c| if let (Some(m), Some(x)) = (c.memberships.get_mut(i), GovLevel::from_code(&v)) { m.level = x }) }>
                                {GovLevel::ALL.iter().map(|x| { let x = *x; view! { <option value=x.code() selected=move || draft.with(|c| c.memberships.get(i).is_some_and(|m| m.level == x))>{x.label()}</option> } }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for=format!("f-mem-{i}-t")>"Nhiệm kỳ / khóa"</label>
                            <input id=format!("f-mem-{i}-t") type="text" placeholder="VD: XXI"
                                prop:value=move || draft.with(|c| c.memberships.get(i).map(|m| m.term.clone()).unwrap_or_default())
                                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|c| if let Some(m) = c.memberships.get_mut(i) { m.term = v }) } />
                        </div>
                        <button type="button" class="btn ghost" aria-label=format!("Bỏ dòng ủy viên thứ {}", i + 1)
                            on:click=move |_| draft.update(|c| { if i < c.memberships.len() { c.memberships.remove(i); } })>"Bỏ"</button>
                        {move || err().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    </div>
                }
            }).collect_view()}
            <button type="button" class="btn" on:click=move |_| draft.update(|c| {
                c.memberships.push(Membership { committee: Committee::ExecutiveCommittee, level: GovLevel::District, term: String::new() });
            })>"+ Thêm"</button>
        </fieldset>
    }
}

#[component]
fn PlannedEditor(draft: RwSignal<Cadre>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let count = move || draft.with(|c| c.planned_for.len());
    view! {
        <fieldset>
            <legend>"Quy hoạch"</legend>
            {move || (0..count()).map(|i| {
                let err = move || errors.with(|e| message_for(e, &format!("planned_for.{i}.title")));
                view! {
                    <div class="repeat-row" role="group" aria-label=format!("Quy hoạch thứ {}", i + 1)>
                        <div class="field grow">
                            <label for=format!("f-plan-{i}-title")>"Chức danh quy hoạch"</label>
                            <input id=format!("f-plan-{i}-title") type="text" placeholder="VD: Chủ tịch UBND huyện"
                                prop:value=move || draft.with(|c| c.planned_for.get(i).map(|p| p.title.clone()).unwrap_or_default())
                                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|c| if let Some(p) = c.planned_for.get_mut(i) { p.title = v }) } />
                        </div>
                        <div class="field">
                            <label for=format!("f-plan-{i}-term")>"Giai đoạn"</label>
                            <input id=format!("f-plan-{i}-term") type="text" placeholder="VD: 2025-2030"
                                prop:value=move || draft.with(|c| c.planned_for.get(i).map(|p| p.term.clone()).unwrap_or_default())
                                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|c| if let Some(p) = c.planned_for.get_mut(i) { p.term = v }) } />
                        </div>
                        <button type="button" class="btn ghost" aria-label=format!("Bỏ quy hoạch thứ {}", i + 1)
                            on:click=move |_| draft.update(|c| { if i < c.planned_for.len() { c.planned_for.remove(i); } })>"Bỏ"</button>
                        {move || err().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    </div>
                }
            }).collect_view()}
            <button type="button" class="btn" on:click=move |_| draft.update(|c| {
                c.planned_for.push(PlannedPosition { title: String::new(), term: String::new() });
            })>"+ Thêm quy hoạch"</button>
        </fieldset>
    }
}
