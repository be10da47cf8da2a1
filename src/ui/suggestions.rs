//! Đề xuất cử đi học: for one directive, who to send, year by year, so every gap closes by
//! its deadline. Printable.

use leptos::prelude::*;

use crate::store;
use crate::ui::app::{AppState, Route};
use crate::ui::directive::DocumentHeader;
use dtbd_view::suggestions::{suggestion_batches, SuggestionBatch};

#[component]
pub fn SuggestionsPage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = store::today();
    let directive = state.directive(id.clone());
    let batches: Memo<Vec<SuggestionBatch>> = Memo::new(move |_| {
        directive
            .with(|d| d.as_ref().map(|d| state.roster.with(|r| suggestion_batches(d, r, today))).unwrap_or_default())
    });

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
                <DocumentHeader d=d.clone()/>
                <h2 class="print-title">"DANH SÁCH ĐỀ XUẤT CỬ ĐI ĐÀO TẠO, BỒI DƯỠNG"</h2>
                <p class="hint">"Thứ tự ưu tiên: người đang học trước, rồi người thiếu ít bậc nhất, người trong quy hoạch, người trẻ hơn. Mỗi người chỉ xuất hiện một lần, kèm mọi chỉ tiêu mà họ giúp hoàn thành."</p>
                {move || {
                    let all = batches.get();
                    if all.is_empty() {
                        return view! { <p class="empty">"Không có chỉ tiêu nào còn thiếu người có thể bù bằng danh sách hiện tại."</p> }.into_any();
                    }
                    all.into_iter().map(|batch| view! {
                        <section class="batch">
                            <h3>{batch.title}</h3>
                            <table class="suggest-table">
                                <thead><tr><th>"TT"</th><th>"Họ và tên"</th><th>"Đơn vị"</th><th>"Cần đào tạo, bồi dưỡng"</th><th>"Để đạt chỉ tiêu"</th></tr></thead>
                                <tbody>
                                    {batch.rows.into_iter().map(|row| view! {
                                        <tr>
                                            <td class="num">{row.number}</td>
                                            <td>{row.full_name}</td>
                                            <td>{row.unit}</td>
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
