//! "Tải Excel" / "Tải CSV" for any table a page shows: the page hands its report as
//! `domain::table::Table`s (the shape every export speaks), this writes them through the
//! Excel worker (`store::xlsx`, loaded on first click) or as CSV. Only the message to the
//! worker is linked into the page's bundle, never the Excel code.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store::xlsx;
use crate::ui::app::AppState;
use dtbd_domain::table::Table;

/// Two buttons exporting `tables()` as `<base>.xlsx` (one sheet per table) or `<base>.csv`
/// (the first table; a CSV holds one).
#[component]
pub fn TableExport(#[prop(into)] tables: Signal<Vec<Table>>, #[prop(into)] base: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let busy = RwSignal::new(false);
    let base = StoredValue::new(base);
    let export = move |as_xlsx: bool| {
        if busy.get_untracked() {
            return;
        }
        let list = tables.get_untracked();
        if list.is_empty() {
            return;
        }
        busy.set(true);
        let base = base.get_value();
        spawn_local(async move {
            let done =
                if as_xlsx { xlsx::download_xlsx(&list, &base).await } else { xlsx::download_csv(&list[0], &base) };
            match done {
                Ok(name) => state.say(format!("Đã xuất tệp {name}.")),
                Err(e) => state.fail(e.0),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="actions table-export">
            <button type="button" class="btn" disabled=move || busy.get() on:click=move |_| export(true)>"Tải Excel (.xlsx)"</button>
            <button type="button" class="btn" disabled=move || busy.get() on:click=move |_| export(false)>"Tải CSV"</button>
        </div>
    }
}
