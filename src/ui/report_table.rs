//! One [`Table`] on a page: caption, header, cells as a Vietnamese reader writes them, and
//! the export buttons ([`TableExport`], the app's one). Shared by every report page; the table
//! itself comes from the domain.

use leptos::prelude::*;

use crate::ui::table_export::TableExport;
use dtbd_domain::table::{Cell, Table};

/// The table, with its downloads.
#[component]
pub fn TableView(table: Table) -> impl IntoView {
    let caption = table.title.clone();
    let header = table.header.clone();
    let rows = table.rows.clone();
    view! {
        <figure class="report-table">
            <figcaption>{caption}</figcaption>
            <div class="table-scroll">
                <table class="cross-table">
                    <thead><tr>{header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {rows.into_iter().map(|row| view! {
                            <tr>{row.into_iter().map(|c| {
                                let num = matches!(c, Cell::Int(_) | Cell::Number(_) | Cell::Percent { .. });
                                view! { <td class:num=num>{c.display()}</td> }
                            }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <TableExport tables=vec![table] inline=true/>
        </figure>
    }
}

/// Just the export buttons for a table shown some other way; `label` replaces "Tải CSV".
#[component]
pub fn CsvButton(table: Table, #[prop(optional, into)] label: Option<String>) -> impl IntoView {
    match label {
        Some(l) => view! { <TableExport tables=vec![table] csv_label=l inline=true/> }.into_any(),
        None => view! { <TableExport tables=vec![table] inline=true/> }.into_any(),
    }
}
