//! Báo cáo tiến độ: every target of a directive in the document's sections, with value,
//! target, status and gap, the progress charts, the official head and the signature; printable
//! on A4 and downloadable as CSV.

use leptos::prelude::*;

use crate::ui::app::{AppState, Route};
use crate::ui::as_of::{as_of, AsOfField};
use crate::ui::chart::PlotView;
use crate::ui::print::{load_head, ReportHeadForm, ReportHeader, Signature};
use crate::ui::report_table::TableView;
use dtbd_domain::progress::{
    progress_checks, progress_plots, progress_report, progress_summary, progress_table, CHECKS_TITLE, ROW_COLUMNS,
};
use dtbd_view::progress::{heading_class, report_title, row_label};
use dtbd_view::scoring::directive_score;

#[component]
pub fn ProgressPage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let head = load_head();
    // The report's date is the date it scores at (tính đến ngày).
    let date = as_of(&id);
    let directive = state.directive(id.clone());
    let records = crate::ui::records::training(state);
    let score = Memo::new(move |_| {
        let at = date.get();
        directive.with(|d| {
            d.as_ref().map(|d| state.roster.with(|r| records.with(|t| directive_score(d, r, t.as_ref(), at))))
        })
    });
    let charts = RwSignal::new(true);

    move || {
        let Some(d) = directive.get() else {
            return view! { <crate::ui::widgets::NotFound what="văn bản"/> }.into_any();
        };
        let title = report_title(&d);
        let subtitle = d.title.clone();
        let d2 = d.clone();
        let d3 = d.clone();
        let d4 = d.clone();
        let d5 = d.clone();
        view! {
            <section class="page report-page progress-page">
                <div class="page-head no-print">
                    <a class="btn ghost" href=Route::Directive(d.id.clone()).href()>"← Về văn bản"</a>
                    <span class="row-actions">
                        <label class="check-label"><input type="checkbox" prop:checked=move || charts.get() on:change=move |ev| charts.set(event_target_checked(&ev))/>" In kèm biểu đồ"</label>
                        <button class="btn" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>"In"</button>
                    </span>
                </div>
                <AsOfField directive_id=d.id.clone() date=date/>
                <ReportHeadForm head=head date=date/>
                <ReportHeader head=head date=date title=title/>
                <p class="doc-title">{subtitle}</p>
                <p class="score-date">{move || format!("Số liệu tính đến {}, trên danh sách {} cán bộ.", date.get().short_vi(), state.roster.with(|r| dtbd_domain::number::grouped(r.cadres.len())))}</p>
                <p class="summary-line">{move || score.with(|s| s.as_ref().map(progress_summary))}</p>
                {move || score.with(|s| s.as_ref().map(|s| progress_report(&d2, s))).unwrap_or_default().into_iter().map(|sec| {
                    let heading = heading_class(sec.depth);
                    view! {
                        <section class="progress-section">
                            <p class=format!("section-title {heading}")>{sec.title}</p>
                            {(!sec.rows.is_empty()).then(|| view! {
                                <table class="progress-table">
                                    <thead><tr><th>"Chỉ tiêu"</th>{ROW_COLUMNS.iter().map(|c| view! { <th>{*c}</th> }).collect_view()}</tr></thead>
                                    <tbody>
                                        {sec.rows.into_iter().map(|r| {
                                            let [value, reported, target, status, gap, check] = r.cells();
                                            view! {
                                                <tr>
                                                    <td>{row_label(&r)}</td>
                                                    <td>{value}</td>
                                                    <td>{reported}</td>
                                                    <td>{target}</td>
                                                    <td><span class=format!("chip status-{}", r.status.code())>{status}</span></td>
                                                    <td>{gap}</td>
                                                    <td>{check}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            })}
                        </section>
                    }
                }).collect_view()}
                {move || {
                    let checks = score.with(|s| s.as_ref().map(|s| progress_checks(&d5, s))).unwrap_or_default();
                    (!checks.is_empty()).then(|| view! {
                        <section class="progress-section progress-checks">
                            <p class="section-title h3">{CHECKS_TITLE}</p>
                            <ul>{checks.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                        </section>
                    })
                }}
                <section class="charts" class:no-print=move || !charts.get()>
                    <h3>"Tiến độ so với lộ trình"</h3>
                    {move || score.with(|s| s.as_ref().map(|s| progress_plots(&d3, s, date.get()))).unwrap_or_default().into_iter().map(|p| view! { <PlotView plot=p/> }).collect_view()}
                </section>
                <Signature head=head/>
                <div class="no-print">
                    {move || score.with(|s| s.as_ref().map(|s| view! { <TableView table=progress_table(&d4, s)/> }))}
                </div>
            </section>
        }
        .into_any()
    }
}
