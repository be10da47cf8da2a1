//! So sánh đơn vị: one target, need or thực trạng group of a directive for each child unit of
//! a parent, worst first, with a bar per unit; a tapped unit opens its own scores and people
//! under its line; printed on A4 with the report head, downloaded as Excel or CSV. Every
//! figure and text comes from `dtbd_view::compare`.

use leptos::prelude::*;

use crate::ui::app::{AppState, Route};
use crate::ui::as_of::{as_of, AsOfField};
use crate::ui::print::{load_head, ReportHeadForm, ReportHeader, Signature};
use crate::ui::table_export::TableExport;
use crate::ui::widgets::NotFound;
use dtbd_view::compare::{
    compare_page, default_parent, drill, parent_choices, subject_choices, ComparePage as Page, Drill, Inputs, Row,
    Subject,
};
use dtbd_view::directive::css_percent;

#[component]
pub fn ComparePage(id: String, subject: Subject, parent: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let head = load_head();
    let at = as_of(&id);
    let directive = state.directive(id.clone());
    let records = crate::ui::records::training(state);
    let parent_id = Memo::new(move |_| {
        parent
            .clone()
            .or_else(|| directive.with(|d| state.roster.with(|r| d.as_ref().and_then(|d| default_parent(d, r)))))
    });
    let subject_now = subject.clone();
    // Everything a comparison reads, tracked, handed to `f` as the view's inputs.
    let with_inputs = move |f: &mut dyn FnMut(Inputs) -> Option<()>| {
        let at = at.get();
        directive.with(|d| {
            let d = d.as_ref()?;
            state.directives.with(|others| {
                state.roster.with(|roster| {
                    records.with(|records| f(Inputs { directive: d, others, roster, records: records.as_ref(), at }))
                })
            })
        })
    };
    let page = Memo::new(move |_| {
        let parent = parent_id.get()?;
        let mut page = None;
        with_inputs(&mut |inputs| {
            crate::ui::app::mark("dtbd:compare-start");
            page = compare_page(inputs, &subject_now, &parent);
            crate::ui::app::mark("dtbd:compare-end");
            crate::ui::app::measure("dtbd:compare", "dtbd:compare-start", "dtbd:compare-end");
            Some(())
        });
        page
    });
    // The unit tapped, whose own scores and people open under its line.
    let opened = RwSignal::new(None::<String>);
    let subject_drill = subject.clone();
    let drilled = Memo::new(move |_| {
        let unit = opened.get()?;
        let mut opened_unit = None;
        with_inputs(&mut |inputs| {
            opened_unit = drill(inputs, &subject_drill, &unit);
            Some(())
        });
        opened_unit
    });
    let tables = Signal::derive(move || page.with(|p| p.iter().map(|p| p.table.clone()).collect::<Vec<_>>()));

    move || {
        let Some(d) = directive.get() else {
            return view! { <NotFound what="văn bản" back=(Route::Directives, "Về danh sách văn bản")/> }.into_any();
        };
        let directive_id = d.id.clone();
        let subjects = subject_choices(&d);
        let parents = state.roster.with(parent_choices);
        let current_subject = subject.path();
        let (id_for_subject, id_for_parent, id_for_rows) = (d.id.clone(), d.id.clone(), d.id.clone());
        let subject_for_parent = subject.clone();
        let subject_for_rows = subject.clone();
        let title = Signal::derive(move || {
            page.with(|p| p.as_ref().map(|p| format!("BÁO CÁO\n{}", p.title)).unwrap_or_default())
        });
        view! {
            <section class="page report-page compare-page">
                <div class="page-head no-print">
                    <a class="btn ghost" href=Route::Directive(directive_id.clone()).href()>"← Về văn bản"</a>
                    <span class="row-actions">
                        <a class="btn" href=Route::Status(directive_id.clone()).href()>"Thực trạng"</a>
                        <button class="btn" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>"In"</button>
                    </span>
                </div>
                <div class="no-print filters-block compare-choices">
                    <div class="field">
                        <label for="compare-subject">"So sánh theo"</label>
                        <select id="compare-subject" on:change=move |ev| {
                            if let Some(subject) = Subject::from_path(&event_target_value(&ev)) {
                                state.go(Route::Compare { directive: id_for_subject.clone(), subject, parent: parent_id.get_untracked() });
                            }
                        }>
                            {subjects.into_iter().map(|c| {
                                let selected = c.value == current_subject;
                                view! { <option value=c.value selected=selected>{c.label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="compare-parent">"Các đơn vị trực thuộc"</label>
                        <select id="compare-parent" on:change=move |ev| {
                            state.go(Route::Compare { directive: id_for_parent.clone(), subject: subject_for_parent.clone(), parent: Some(event_target_value(&ev)) });
                        }>
                            {parents.into_iter().map(|c| {
                                let value = c.value.clone();
                                view! { <option value=c.value selected=move || parent_id.get().as_deref() == Some(value.as_str())>{c.label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <AsOfField directive_id=d.id.clone() date=at/>
                <ReportHeadForm head=head date=at/>
                <ReportHeader head=head date=at title=title/>
                <p class="doc-title">{d.title.clone()}</p>
                {move || match page.get() {
                    None => view! { <p class="empty">"Chưa có đơn vị nào có đơn vị trực thuộc để so sánh."</p> }.into_any(),
                    Some(p) => table_view(p, opened, drilled, &id_for_rows, &subject_for_rows).into_any(),
                }}
                <Signature head=head/>
                <div class="no-print">
                    <TableExport tables=tables/>
                </div>
            </section>
        }
        .into_any()
    }
}

fn table_view(
    page: Page,
    opened: RwSignal<Option<String>>,
    drilled: Memo<Option<Drill>>,
    directive_id: &str,
    subject: &Subject,
) -> impl IntoView {
    let columns = page.header.len() + 1;
    let Page { summary, header, rows, .. } = page;
    view! {
        <p class="summary-line">{summary}</p>
        <p class="figure-note no-print">"Bấm vào tên một đơn vị để xem điểm riêng và danh sách người của đơn vị đó."</p>
        <div class="table-scroll">
            <table class="cross-table compare-table">
                <thead>
                    <tr>
                        {header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                        <th scope="col" class="bar-col">"Biểu đồ"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| row_view(row, columns, opened, drilled, directive_id, subject)).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn row_view(
    row: Row,
    columns: usize,
    opened: RwSignal<Option<String>>,
    drilled: Memo<Option<Drill>>,
    directive_id: &str,
    subject: &Subject,
) -> impl IntoView {
    let Row { unit_id, cells, status, bar, bar_label, has_children } = row;
    let status_class = status.map(|s| format!("chip status-{}", s.code()));
    let fill_class = format!("fill status-{}", status.map_or("dung_tien_do", |s| s.code()));
    let is_open = {
        let unit_id = unit_id.clone();
        move || unit_id.is_some() && opened.get() == unit_id
    };
    let deeper = unit_id.clone().filter(|_| has_children).map(|unit| {
        Route::Compare { directive: directive_id.to_string(), subject: subject.clone(), parent: Some(unit) }.href()
    });
    let mut cells = cells.into_iter();
    let name = cells.next().unwrap_or_default();
    let status_cell = 5;
    let unit_for_tap = unit_id.clone();
    let (open_class, open_aria) = (is_open.clone(), is_open.clone());
    view! {
        <tr class:whole=unit_id.is_none() class:open=open_class>
            <th scope="row">
                {match unit_for_tap {
                    Some(unit) => view! {
                        <button type="button" class="link-button" aria-expanded=move || open_aria().to_string()
                            on:click=move |_| opened.update(|o| *o = if o.as_deref() == Some(unit.as_str()) { None } else { Some(unit.clone()) })>{name}</button>
                    }.into_any(),
                    None => view! { <span>{name}</span> }.into_any(),
                }}
                {deeper.map(|href| view! { <a class="sub-link no-print" href=href>"Các đơn vị trực thuộc"</a> })}
            </th>
            {cells.enumerate().map(|(i, text)| {
                let class = if i + 1 == status_cell { status_class.clone() } else { None };
                view! { <td>{match class { Some(c) => view! { <span class=c>{text}</span> }.into_any(), None => text.into_any() }}</td> }
            }).collect_view()}
            <td class="bar-col">
                {bar.map(|b| view! {
                    <div class="bar" role="img" aria-label=bar_label.clone()>
                        <div class=fill_class.clone() style=("width", css_percent(b.value))></div>
                        {b.target.map(|x| view! { <div class="mark target-mark" title="Mục tiêu" style=("left", css_percent(x))></div> })}
                        {b.path.map(|x| view! { <div class="mark path-mark" title="Tiến độ cần đạt hôm nay" style=("left", css_percent(x))></div> })}
                    </div>
                })}
            </td>
        </tr>
        {move || is_open().then(|| view! {
            <tr class="drill no-print">
                <td colspan=columns.to_string()>{move || drilled.get().map(drill_view)}</td>
            </tr>
        })}
    }
}

fn drill_view(d: Drill) -> impl IntoView {
    let Drill { title, lines, people } = d;
    view! {
        <div class="drill-panel">
            <h3>{title}</h3>
            <ul class="drill-lines">
                {lines.into_iter().map(|l| view! {
                    <li class:current=l.current>
                        <span class=format!("chip status-{}", l.status.code())>{l.status.label()}</span>
                        " " <span class="drill-text">{l.text}</span>
                        " " <strong>{l.value}</strong>
                        {(!l.note.is_empty()).then(|| view! { <span class="gap">{format!(" — {}", l.note)}</span> })}
                    </li>
                }).collect_view()}
            </ul>
            <div class="members">
                {people.into_iter().map(|(heading, names)| view! {
                    <div>
                        <h3>{heading}</h3>
                        <p>{names}</p>
                    </div>
                }).collect_view()}
            </div>
        </div>
    }
}
