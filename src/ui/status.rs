//! Thực trạng: for the groups of a directive, the status table and the paragraph in the
//! document's own wording (seed 002 section I), with a copy button. Printable.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store;
use crate::ui::app::{AppState, Route};
use crate::ui::chart::PlotView;
use crate::ui::print::{load_head, today, ReportHeadForm, ReportHeader, Signature};
use crate::ui::report_table::TableView;
use dtbd_domain::report::{Part, StatusReport};
use dtbd_domain::tables::{status_table, GroupTable};
use dtbd_view::compare::Subject;
use dtbd_view::status::{
    all_groups, group_reports, group_table, opening_year, parse_report_year, reports_note, share_plot, table_note,
    toggle_group, year_shortcuts, YearChoice, REPORT_YEARS,
};

#[component]
pub fn StatusPage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let this_year = store::today().year;
    let head = load_head();
    let date = today();
    let merge = RwSignal::new(true);
    let directive = state.directive(id.clone());
    // The directive's own status year, or the year the officer last chose for it.
    let remembered = store::prefs::status_year(&id).as_deref().and_then(YearChoice::from_code);
    let year = RwSignal::new(
        directive.with_untracked(|d| d.as_ref().map_or(this_year, |d| opening_year(d, remembered, this_year))),
    );
    let key = StoredValue::new(id);
    let choose_year = move |y: u16| {
        year.set(y);
        key.with_value(|id| store::prefs::set_status_year(id, &YearChoice::of(y, this_year).code()));
    };
    let chosen: RwSignal<Vec<String>> =
        RwSignal::new(directive.with_untracked(|d| d.as_ref().map(all_groups).unwrap_or_default()));
    let reports = Memo::new(move |_| {
        let (year, merge, chosen) = (year.get(), merge.get(), chosen.get());
        directive.with(|d| {
            d.as_ref().map(|d| state.roster.with(|r| group_reports(d, r, &chosen, year, merge))).unwrap_or_default()
        })
    });

    let shares = Memo::new(move |_| {
        let (year, chosen) = (year.get(), chosen.get());
        directive.with(|d| d.as_ref().map(|d| state.roster.with(|r| share_plot(d, r, &chosen, year))))
    });
    let kind = RwSignal::new(GroupTable::Degree);
    let table = Memo::new(move |_| {
        let (kind, year, chosen) = (kind.get(), year.get(), chosen.get());
        directive.with(|d| d.as_ref().map(|d| state.roster.with(|r| group_table(kind, d, r, &chosen, year))))
    });

    move || {
        let Some(d) = directive.get() else {
            return view! { <crate::ui::widgets::NotFound what="văn bản"/> }.into_any();
        };
        let groups: Vec<(String, String)> = d.groups.iter().map(|g| (g.id.clone(), g.name.clone())).collect();
        view! {
            <section class="page status-page">
                <div class="page-head no-print">
                    <a class="btn ghost" href=Route::Directive(d.id.clone()).href()>"← Về văn bản"</a>
                    <a class="btn" href=Route::Monitor(d.id.clone()).href()>"So với mốc"</a>
                    <button class="btn" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>"In"</button>
                </div>
                <ReportHeadForm head=head date=date/>
                <ReportHeader head=head date=date title=Signal::derive(move || format!("BÁO CÁO\nThực trạng đội ngũ cán bộ năm {}", year.get()))/>
                <p class="doc-title">{d.title.clone()}</p>
                <div class="no-print filters-block">
                    <div class="field narrow">
                        <label for="status-year">"Tính tuổi theo năm"</label>
                        <input id="status-year" type="number" min=REPORT_YEARS.start().to_string() max=REPORT_YEARS.end().to_string() prop:value=move || year.get().to_string()
                            on:change=move |ev| { if let Some(y) = parse_report_year(&event_target_value(&ev)) { choose_year(y) } } />
                    </div>
                    <div class="row-actions">
                        {
                            let d = d.clone();
                            move || year_shortcuts(&d, year.get(), this_year).into_iter().map(|(label, y)| view! {
                                <button type="button" class="btn ghost" on:click=move |_| choose_year(y)>{label}</button>
                            }).collect_view()
                        }
                    </div>
                    <label class="check-label">
                        <input type="checkbox" prop:checked=move || merge.get() on:change=move |ev| merge.set(event_target_checked(&ev)) />
                        " Gộp người đang học vào trình độ đang học (như văn bản viết \"Thạc sĩ và đang học thạc sĩ\")"
                    </label>
                    <fieldset class="checks">
                        <legend>"Nhóm đối tượng"</legend>
                        <div class="row-actions">
                            <button type="button" class="btn ghost" on:click={
                                let all = all_groups(&d);
                                move |_| chosen.set(all.clone())
                            }>"Chọn tất cả nhóm"</button>
                            <button type="button" class="btn ghost" on:click=move |_| chosen.set(Vec::new())>"Bỏ chọn"</button>
                        </div>
                        {groups.into_iter().map(|(gid, name)| {
                            let compare = Route::Compare { directive: d.id.clone(), subject: Subject::Group(gid.clone()), parent: None }.href();
                            let (g1, g2) = (gid.clone(), gid);
                            view! {
                                <span class="group-choice">
                                    <label class="check-label">
                                        <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&g1))
                                            on:change=move |ev| { let on = event_target_checked(&ev); chosen.update(|c| toggle_group(c, &g2, on)) } />
                                        " " {name}
                                    </label>
                                    <a class="btn small ghost" href=compare>"So sánh đơn vị"</a>
                                </span>
                            }
                        }).collect_view()}
                    </fieldset>
                </div>
                {move || reports.get().into_iter().map(report_view).collect_view()}
                {move || reports.with(|r| !r.is_empty()).then(|| view! { <p class="figure-note">{reports_note(merge.get())}</p> })}
                <section class="status-group no-print">
                    {move || { let r = reports.get(); (!r.is_empty()).then(|| view! { <TableView table=status_table(&r, year.get())/> }) }}
                </section>
                <section class="status-group">
                    <h3>"Bảng thống kê theo nhóm"</h3>
                    <div class="field narrow no-print">
                        <label for="table-bands">"Thống kê theo"</label>
                        <select id="table-bands" prop:value=move || kind.get().code() on:change=move |ev| if let Some(b) = GroupTable::from_code(&event_target_value(&ev)) { kind.set(b) }>
                            {GroupTable::ALL.into_iter().map(|b| view! { <option value=b.code() selected=move || kind.get() == b>{b.label()}</option> }).collect_view()}
                        </select>
                    </div>
                    {move || table.get().map(|t| view! { <TableView table=t/> })}
                    {move || table_note(kind.get(), merge.get()).map(|note| view! { <p class="figure-note">{note}</p> })}
                </section>
                <section class="charts">
                    {move || shares.get().filter(|p| !p.rects.is_empty()).map(|p| view! { <PlotView plot=p/> })}
                </section>
                <Signature head=head/>
            </section>
        }
        .into_any()
    }
}

fn rows(title: &'static str, parts: &[Part]) -> impl IntoView {
    let n = parts.len().max(1);
    if parts.is_empty() {
        return view! { <tr><th scope="row">{title}</th><td colspan="3">"chưa có số liệu"</td></tr> }.into_any();
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            view! {
                <tr>
                    {(i == 0).then(|| view! { <th scope="rowgroup" rowspan=n.to_string()>{title}</th> })}
                    <td>{p.label.clone()}</td>
                    <td class="num">{format!("{:02}", p.count)}</td>
                    <td class="num">{p.share_text()}</td>
                </tr>
            }
        })
        .collect_view()
        .into_any()
}

fn report_view(r: StatusReport) -> impl IntoView {
    let text = r.paragraphs().join("\n");
    let copied = RwSignal::new(false);
    let copy_text = text.clone();
    view! {
        <section class="status-group">
            <h3>{format!("{} ({} đồng chí)", r.group_name, dtbd_domain::number::grouped(r.total))}</h3>
            <table class="status-table">
                <thead><tr><th>"Tiêu chí"</th><th></th><th>"Số lượng"</th><th>"Tỷ lệ"</th></tr></thead>
                <tbody>
                    {rows("Cơ cấu", &[r.locals.clone(), r.women.clone(), r.young.clone()])}
                    {rows("Chuyên môn", &r.professional)}
                    {rows("Lý luận chính trị", &r.political)}
                    {rows("Quản lý nhà nước", &r.state_management)}
                </tbody>
            </table>
            <div class="paragraph">
                {r.paragraphs().into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            </div>
            <button class="btn no-print" on:click=move |_| {
                let t = copy_text.clone();
                spawn_local(async move { copied.set(store::copy_to_clipboard(&t).await) });
            }>{move || if copied.get() { "Đã sao chép" } else { "Sao chép đoạn văn" }}</button>
            <textarea class="visually-hidden" readonly aria-label="Đoạn văn thực trạng">{text}</textarea>
        </section>
    }
}
