//! Đề xuất cử đi học: for one directive, who to send so every gap closes by its deadline,
//! narrowed to one batch by four filters; the page, the printout and the export hold only that
//! batch (the view model's `SuggestionList::page`).

use leptos::prelude::*;

use crate::ui::app::{AppState, Route};
use crate::ui::as_of::{as_of, AsOfField};
use crate::ui::directive::DocumentHeader;
use crate::ui::table_export::TableExport;
use crate::ui::widgets::code_select;
use dtbd_view::suggestions::{SuggestionChoices, SuggestionFilter, SuggestionList, SuggestionPage};

#[component]
pub fn SuggestionsPage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Who to send so the gaps as of the directive's tính đến ngày close (the years follow it).
    let at = as_of(&id);
    let directive = state.directive(id.clone());
    let list: Memo<SuggestionList> = Memo::new(move |_| {
        let at = at.get();
        directive
            .with(|d| d.as_ref().map(|d| state.roster.with(|r| SuggestionList::build(d, r, at))).unwrap_or_default())
    });
    let filter = RwSignal::new(SuggestionFilter::default());
    let page: Memo<SuggestionPage> =
        Memo::new(move |_| list.with(|l| filter.with(|f| state.roster.with(|r| l.page(f, r)))));
    let choices: Memo<SuggestionChoices> = Memo::new(move |_| list.with(|l| state.roster.with(|r| l.choices(r))));
    let tables = Signal::derive(move || vec![page.with(|p| p.table.clone())]);
    let base = Signal::derive(move || page.with(|p| p.file_base.clone()));
    let choose = move |label: &'static str,
                       id: &'static str,
                       options: fn(&SuggestionChoices) -> Vec<(String, String)>,
                       get: fn(&SuggestionFilter) -> String,
                       set: fn(&mut SuggestionFilter, String)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                {move || code_select(id, choices.with(options), move || filter.with(get), move |v| filter.update(|f| set(f, v)))}
            </div>
        }
    };

    move || {
        let Some(d) = directive.get() else {
            return view! { <crate::ui::widgets::NotFound what="văn bản"/> }.into_any();
        };
        view! {
            <section class="page suggestions-page">
                <div class="page-head no-print">
                    <a class="btn ghost" href=Route::Directive(d.id.clone()).href()>"← Về văn bản"</a>
                    <span class="row-actions">
                        <a class="btn" href=Route::Plans.href()>"Cử vào lớp theo kế hoạch"</a>
                        <button class="btn" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>"In danh sách"</button>
                    </span>
                </div>
                <AsOfField directive_id=d.id.clone() date=at/>
                <DocumentHeader d=d.clone()/>
                <h2 class="print-title">"DANH SÁCH ĐỀ XUẤT CỬ ĐI ĐÀO TẠO, BỒI DƯỠNG"</h2>
                <p class="print-subtitle">{move || page.with(|p| p.chosen.clone())}</p>
                <p class="hint no-print">"Thứ tự ưu tiên: người đang học trước, rồi người thiếu ít bậc nhất, người trong quy hoạch, người trẻ hơn. Mỗi người chỉ xuất hiện một lần, dưới chỉ tiêu đầu tiên mà họ giúp hoàn thành (hoặc chỉ tiêu đã chọn), kèm mọi chỉ tiêu đó."</p>
                {move || (!list.with(SuggestionList::is_empty)).then(|| view! {
                    <div class="filters suggestion-filters no-print" role="group" aria-label="Chọn đợt đề xuất">
                        {choose("Chỉ tiêu", "sg-target", |c| c.targets.clone(), |f| f.target.clone(), |f, v| f.target = v)}
                        {choose("Đơn vị", "sg-unit", |c| c.units.clone(), |f| f.unit.clone(), |f, v| f.unit = v)}
                        {choose("Năm cử đi", "sg-year", |c| c.years.clone(), |f| f.year.clone(), |f, v| f.year = v)}
                        {choose("Nội dung cần học", "sg-need", |c| c.needs.clone(), |f| f.need.clone(), |f, v| f.need = v)}
                    </div>
                    <p class="summary no-print" role="status">{move || page.with(|p| p.summary.clone())}</p>
                    <div class="no-print"><TableExport tables=tables base=base/></div>
                })}
                {move || {
                    if list.with(SuggestionList::is_empty) {
                        return view! { <p class="empty">"Không có chỉ tiêu nào còn thiếu người có thể bù bằng danh sách hiện tại."</p> }.into_any();
                    }
                    let groups = page.with(|p| p.groups.clone());
                    if groups.is_empty() {
                        return view! { <p class="empty">"Không có ai trong đợt đã chọn. Hãy bỏ bớt điều kiện lọc."</p> }.into_any();
                    }
                    groups.into_iter().map(|group| view! {
                        <section class="batch">
                            <h3>{group.title}</h3>
                            <p class="target-sentence">{group.sentence}</p>
                            <table class="suggest-table">
                                <thead><tr><th>"TT"</th><th>"Họ và tên"</th><th>"Đơn vị"</th><th>"Năm"</th><th>"Cần đào tạo, bồi dưỡng"</th><th>"Để đạt chỉ tiêu"</th></tr></thead>
                                <tbody>
                                    {group.rows.into_iter().map(|row| view! {
                                        <tr>
                                            <td class="num">{row.number}</td>
                                            <td>{row.full_name}</td>
                                            <td>{row.unit}</td>
                                            <td class="num">{row.year.to_string()}</td>
                                            <td>{row.needs}{row.studying.then_some(" (đang học)")}</td>
                                            <td><ul class="reasons">{row.targets.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                    }).collect_view().into_any()
                }}
            </section>
        }
        .into_any()
    }
}
