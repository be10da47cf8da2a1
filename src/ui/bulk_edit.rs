//! Sửa hàng loạt: the panel over the people chosen on the roster page of `can-bo.html` (what
//! to change, its value, how many it would change), the write of every changed cadre in one transaction,
//! and "Hoàn tác" in the toast. What the panel shows is `dtbd_view::bulk`; the change and its
//! undo are `dtbd_domain::bulk`.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store::{self, SaveError};
use crate::ui::app::{db, AppState, Toast, Undo};
use crate::ui::widgets::code_select;
use dtbd_domain::bulk::{self, BulkChange, BulkOutcome};
use dtbd_domain::model::Id;
use dtbd_view::bulk::{self as vm, BulkDraft, BulkField, Field};

/// Writes `out.changed` in one transaction, then puts them in memory. On a version conflict
/// (another tab saved one of them first) nothing is written: the roster is read again and
/// the error says so. Returns whether the write landed.
async fn write(state: AppState, out: &BulkOutcome) -> bool {
    match db().put_cadres_checked(&out.changed, &[]).await {
        Ok(_) => {
            state.roster.update(|r| out.write_into(r));
            true
        }
        Err(SaveError::Conflict(_) | SaveError::Fields(..)) => {
            match db().load_roster().await {
                Ok(r) => {
                    state.roster.set(r);
                    state.fail(vm::CONFLICT);
                }
                Err(e) => state.fail(e.to_string()),
            }
            false
        }
        Err(SaveError::Store(e)) => {
            state.fail(e.to_string());
            false
        }
    }
}

/// Applies `change` to the cadres `ids` and offers its undo in the toast.
async fn apply(state: AppState, ids: Vec<Id>, change: BulkChange) {
    let out = state.roster.with_untracked(|r| bulk::apply(r, &ids, &change, store::now()));
    if write(state, &out).await {
        let text = state.roster.with_untracked(|r| vm::done_toast(r, &change, &out));
        let done = Arc::new(out);
        let undo = Undo::new(move |state| {
            let done = done.clone();
            spawn_local(async move {
                let out = state.roster.with_untracked(|r| bulk::undo(r, &done, store::now()));
                if write(state, &out).await {
                    state.say(vm::undone_toast(&out));
                }
            });
        });
        state.toast.set(Some(Toast { text, error: false, undo: Some(undo) }));
    }
}

/// One input of the panel: a select over its options, or a text box.
fn input(f: BulkField, draft: RwSignal<BulkDraft>) -> impl IntoView {
    let field = f.field;
    let value = move || draft.with(|d| d.get(field).to_string());
    let set = move |v: String| draft.update(|d| d.set(field, v));
    view! {
        <div class="field">
            <label for=field.id()>{f.label}</label>
            {match f.options {
                Some(options) => code_select(field.id(), options, value, set).into_any(),
                None => view! {
                    <input id=field.id() type="text" autocomplete="off"
                        inputmode=(field == Field::Until).then_some("numeric")
                        prop:value=value on:input=move |ev| set(event_target_value(&ev)) />
                }
                .into_any(),
            }}
        </div>
    }
}

/// The panel over the people `selected`; `open` false closes it.
#[component]
pub fn BulkEditPanel(selected: RwSignal<HashSet<Id>>, open: RwSignal<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let draft = RwSignal::new(BulkDraft::default());
    let busy = RwSignal::new(false);
    let model =
        Memo::new(move |_| state.roster.with(|r| selected.with(|s| draft.with(|d| vm::panel(r, s, d, store::now())))));
    // Only a new set of inputs redraws them: typing keeps the focus.
    let fields = Memo::new(move |_| state.roster.with(|r| draft.with(|d| vm::fields(r, d))));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let change = state.roster.with_untracked(|r| draft.with_untracked(|d| d.change(r)));
        let (Ok(change), false) = (change, busy.get_untracked()) else { return };
        busy.set(true);
        spawn_local(async move {
            apply(state, model.with_untracked(|m| m.ids.clone()), change).await;
            busy.set(false);
        });
    };

    view! {
        <form class="bulk-panel panel" aria-labelledby="bulk-title" novalidate on:submit=submit>
            <h2 id="bulk-title">{move || model.with(|m| m.title.clone())}</h2>
            <div class="form-grid">{move || fields.get().into_iter().map(|f| input(f, draft)).collect_view()}</div>
            <p class="bulk-preview" aria-live="polite">{move || model.with(|m| m.preview.clone())}</p>
            <p class="bulk-refused">{move || model.with(|m| m.refused.clone())}</p>
            <div class="actions">
                <button type="submit" class="btn primary" disabled=move || busy.get() || !model.with(|m| m.can_apply)>
                    "Áp dụng"
                </button>
                <button type="button" class="btn" on:click=move |_| open.set(false)>"Đóng"</button>
            </div>
        </form>
    }
}

/// The panel as `ui::roster::RosterPage` takes it in `can-bo.html` (the main bundle passes
/// none and links none of this code).
pub fn panel(selected: RwSignal<HashSet<Id>>, open: RwSignal<bool>) -> AnyView {
    view! { <BulkEditPanel selected=selected open=open/> }.into_any()
}
