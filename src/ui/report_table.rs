//! One [`Table`] on a page: caption, header, cells as a Vietnamese reader writes them, and
//! "Tải Excel" / "Tải CSV" buttons. Shared by every report page; the table itself comes from
//! the domain. The Excel file is written by the Excel worker (`store::xlsx`), loaded on the
//! first click: only the message to it is linked here.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store::{files, xlsx};
use dtbd_domain::table::{Cell, Table};
use dtbd_domain::tables::csv_name;

/// "Tải Excel (.xlsx)": one sheet, written by the worker; the error, if any, in `error`.
fn excel_button(table: Table, error: RwSignal<Option<String>>) -> impl IntoView {
    let busy = RwSignal::new(false);
    let table = StoredValue::new(table);
    let click = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let t = table.get_value();
        spawn_local(async move {
            let base = csv_name(&t);
            let base = base.trim_end_matches(".csv").to_string();
            let r = xlsx::download_xlsx(std::slice::from_ref(&t), &base).await;
            error.set(r.err().map(|e| e.0));
            busy.set(false);
        });
    };
    view! { <button class="btn ghost" disabled=move || busy.get() on:click=click>"Tải Excel (.xlsx)"</button> }
}

/// The table, with its CSV download.
#[component]
pub fn TableView(table: Table) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let csv_table = table.clone();
    let download = move |_| {
        let r = files::download_text(&csv_table.to_csv(), &csv_name(&csv_table), "text/csv;charset=utf-8");
        error.set(r.err().map(|e| e.0));
    };
    view! {
        <figure class="report-table">
            <figcaption>{table.title.clone()}</figcaption>
            <div class="table-scroll">
                <table class="cross-table">
                    <thead><tr>{table.header.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {table.rows.iter().map(|row| view! {
                            <tr>{row.iter().map(|c| {
                                let num = matches!(c, Cell::Int(_) | Cell::Number(_) | Cell::Percent { .. });
                                view! { <td class:num=num>{c.display()}</td> }
                            }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="no-print table-actions">
                {excel_button(table.clone(), error)}
                <button class="btn ghost" on:click=download>"Tải CSV"</button>
                {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
            </div>
        </figure>
    }
}

/// Just the "Tải CSV" button for a table shown some other way.
#[component]
pub fn CsvButton(table: Table, #[prop(optional, into)] label: Option<String>) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let label = label.unwrap_or_else(|| "Tải CSV".into());
    view! {
        <span class="no-print table-actions">
            {excel_button(table.clone(), error)}
            <button class="btn ghost" on:click=move |_| {
                let r = files::download_text(&table.to_csv(), &csv_name(&table), "text/csv;charset=utf-8");
                error.set(r.err().map(|e| e.0));
            }>{label}</button>
            {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
        </span>
    }
}
