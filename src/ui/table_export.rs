//! "Tải Excel" / "Tải CSV" for any table a page shows: the page hands its report as
//! `domain::table::Table`s (the shape every export speaks), this writes them through the
//! Excel worker (`store::xlsx`, loaded on first click) or as CSV. Only the message to the
//! worker is linked into the page's bundle, never the Excel code. The one export widget of
//! the app, with one error path: a failure is the error toast.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store::{self, xlsx};
use crate::ui::app::AppState;
use dtbd_domain::table::Table;
use dtbd_view::table_export::{exported_message, file_base, table_base, tables_in, Format};

/// Two buttons exporting `tables()` as `<base>.xlsx` (one sheet per table) or `<base>.csv`
/// (the first table; a CSV holds one). `base` defaults to the first table's folded title; the minute of the click is added to it;
/// `csv_label` replaces "Tải CSV". A download is confirmed in the toast, except `inline`: the
/// button pair beside a table in a report, small, left out of the printout, and quiet when the
/// download worked (the file is the answer; a toast would cover the report).
#[component]
pub fn TableExport(
    #[prop(into)] tables: Signal<Vec<Table>>,
    #[prop(optional, into)] base: Option<Signal<String>>,
    #[prop(optional, into)] csv_label: Option<String>,
    #[prop(optional)] inline: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let busy = RwSignal::new(false);
    let export = move |format: Format| {
        if busy.get_untracked() {
            return;
        }
        let all = tables.get_untracked();
        let list = tables_in(format, &all).to_vec();
        let Some(first) = list.first() else { return };
        let base =
            file_base(&base.map(|b| b.get_untracked()).unwrap_or_else(|| table_base(first)), store::local_moment());
        busy.set(true);
        spawn_local(async move {
            let done = match format {
                Format::Xlsx => xlsx::download_xlsx(&list, &base).await,
                Format::Csv => xlsx::download_csv(&list[0], &base),
            };
            match done {
                Ok(name) if !inline => state.say(exported_message(&name)),
                Ok(_) => {}
                Err(e) => state.fail(e.0),
            }
            busy.set(false);
        });
    };
    let (class, button) =
        if inline { ("no-print table-actions", "btn ghost") } else { ("actions table-export", "btn") };
    view! {
        <div class=class>
            <button type="button" class=button disabled=move || busy.get() on:click=move |_| export(Format::Xlsx)>"Tải Excel (.xlsx)"</button>
            <button type="button" class=button disabled=move || busy.get() on:click=move |_| export(Format::Csv)>{csv_label.unwrap_or_else(|| "Tải CSV".into())}</button>
        </div>
    }
}
