//! Đơn vị: the unit tree, with a form to add or edit one.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store;
use crate::ui::app::AppState;
use crate::ui::widgets::{code_select, conflict_actions, error_for, error_summary, field, options};
use dtbd_domain::model::{GovLevel, RecordMeta, Region, Unit, UnitKind};
use dtbd_domain::roster::FieldError;

fn blank_unit(parent_id: Option<String>) -> Unit {
    Unit {
        id: store::new_id(),
        name: String::new(),
        level: GovLevel::District,
        kind: UnitKind::Government,
        region: Region::Mountain,
        parent_id,
        meta: RecordMeta::default(),
    }
}

#[component]
pub fn UnitsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let draft = RwSignal::new(blank_unit(None));
    let editing = RwSignal::new(false);
    let errors: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());

    let reset = move || {
        draft.set(blank_unit(None));
        editing.set(false);
        errors.set(Vec::new());
    };

    let save_draft = move || {
        let u = draft.get_untracked();
        spawn_local(async move {
            match state.save_unit(u).await {
                Ok(saved) => {
                    state.say(format!("Đã lưu đơn vị {}.", saved.name));
                    reset();
                }
                Err(e) => errors.set(e),
            }
        });
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save_draft();
    };
    // Version conflict (another tab saved this unit first): take the stored unit, or save
    // mine as the next version of it.
    let reload = move || {
        let id = draft.with_untracked(|u| u.id.clone());
        match state.roster.with_untracked(|r| r.unit(&id).cloned()) {
            Some(u) => {
                draft.set(u);
                errors.set(Vec::new());
            }
            None => reset(),
        }
    };
    let overwrite = move || {
        let id = draft.with_untracked(|u| u.id.clone());
        let stored = state.roster.with_untracked(|r| r.unit(&id).cloned());
        draft.update(|u| dtbd_view::stamp::overwrite_stamp(u, stored.as_ref()));
        save_draft();
    };

    let parent_options = move || {
        let own = draft.with(|u| u.id.clone());
        state.roster.with(|r| {
            let below = r.subtree(&own);
            dtbd_view::unit_choices::UnitChoices {
                first: Some(("", "(không có — đơn vị cao nhất)")),
                except: Some(&below),
                ..Default::default()
            }
            .of(r)
        })
    };

    let rows = move || {
        state.roster.with(|r| {
            r.units_tree()
                .into_iter()
                .map(|(u, depth)| {
                    let members = r.cadres.iter().filter(|c| c.unit_id == u.id).count();
                    (u.clone(), depth, members)
                })
                .collect::<Vec<_>>()
        })
    };

    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Đơn vị"</h1>
            </div>
            <form class="unit-form" on:submit=save novalidate>
                <fieldset>
                    <legend>{move || if editing.get() { "Sửa đơn vị" } else { "Thêm đơn vị" }}</legend>
                    {error_summary(errors, dtbd_view::form_fields::unit)}
                    {conflict_actions(errors, reload, overwrite)}
                    <div class="grid">
                        {field("Tên đơn vị", "u-name", error_for(errors, "name"), view! {
                            <input id="u-name" type="text" placeholder="VD: UBND xã Nậm Ty"
                                prop:value=move || draft.with(|u| u.name.clone())
                                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|u| u.name = v) } />
                        })}
                        {field("Cấp", "u-level", || None, code_select("u-level",
                            options(GovLevel::ALL, GovLevel::code, GovLevel::label),
                            move || draft.with(|u| u.level.code().to_string()),
                            move |v| draft.update(|u| if let Some(x) = GovLevel::from_code(&v) { u.level = x })))}
                        {field("Loại đơn vị", "u-kind", || None, code_select("u-kind",
                            options(UnitKind::ALL, UnitKind::code, UnitKind::label),
                            move || draft.with(|u| u.kind.code().to_string()),
                            move |v| draft.update(|u| if let Some(x) = UnitKind::from_code(&v) { u.kind = x })))}
                        {field("Vùng", "u-region", || None, code_select("u-region",
                            options(Region::ALL, Region::code, Region::label),
                            move || draft.with(|u| u.region.code().to_string()),
                            move |v| draft.update(|u| if let Some(x) = Region::from_code(&v) { u.region = x })))}
                        {field("Đơn vị cấp trên", "u-parent", error_for(errors, "parent_id"), move || code_select("u-parent",
                            parent_options(),
                            move || draft.with(|u| u.parent_id.clone().unwrap_or_default()),
                            move |v| draft.update(|u| u.parent_id = (!v.is_empty()).then_some(v))))}
                    </div>
                    <div class="actions">
                        <button type="submit" class="btn primary">"Lưu đơn vị"</button>
                        <Show when=move || editing.get()>
                            <button type="button" class="btn" on:click=move |_| reset()>"Hủy sửa"</button>
                        </Show>
                    </div>
                </fieldset>
            </form>

            <ul class="unit-list">
                {move || rows().into_iter().map(|(u, depth, members)| {
                    let for_edit = u.clone();
                    let id = u.id.clone();
                    let child = u.id.clone();
                    view! {
                        <li style=("--depth", depth.to_string())>
                            <div class="unit-row">
                                <span class="name">{u.name.clone()}</span>
                                <span class="sub">{format!("{} · {} · {} · {members} cán bộ", u.level.label(), u.kind.label(), u.region.label())}</span>
                                <span class="row-actions">
                                    <button type="button" class="btn" aria-label=format!("Sửa {}", u.name)
                                        on:click=move |_| { draft.set(for_edit.clone()); editing.set(true); errors.set(Vec::new()); }>"Sửa"</button>
                                    <button type="button" class="btn" aria-label=format!("Thêm đơn vị trực thuộc {}", u.name)
                                        on:click=move |_| { draft.set(blank_unit(Some(child.clone()))); editing.set(false); errors.set(Vec::new()); }>"+ Trực thuộc"</button>
                                    <button type="button" class="btn danger" aria-label=format!("Xóa {}", u.name)
                                        on:click=move |_| state.delete_unit(id.clone())>"Xóa"</button>
                                </span>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
