//! One [`Table`] on a page: caption, header, cells as a Vietnamese reader writes them, and a
//! "Tải CSV" button. Shared by every report page; the table itself comes from the domain.

use leptos::prelude::*;

use crate::domain::table::{Cell, Table};
use crate::domain::tables::csv_name;
use crate::store::files;

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
            <button class="btn ghost" on:click=move |_| {
                let r = files::download_text(&table.to_csv(), &csv_name(&table), "text/csv;charset=utf-8");
                error.set(r.err().map(|e| e.0));
            }>{label}</button>
            {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
        </span>
    }
}
