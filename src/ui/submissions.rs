//! Tình hình gửi số liệu: which of the units reporting to the officer's unit sent their file
//! this period, from the receipts the exchange page keeps of every file applied, and the
//! reminder to paste into an email. Everything shown is `dtbd_view::submissions`'s.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store::{self, prefs};
use crate::ui::app::{db, AppState, Route};
use crate::ui::widgets::{code_select, field};
use dtbd_domain::snapshot::Receipt;
use dtbd_view::submissions::{self as vm, Period};

/// Preferences: the unit and the period chosen last.
const PARENT_KEY: &str = "submissions-parent";
const PERIOD_KEY: &str = "submissions-period";

#[component]
pub fn SubmissionsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let receipts: RwSignal<Option<Vec<Receipt>>> = RwSignal::new(None);
    spawn_local(async move {
        match db().load_dataset().await {
            Ok(data) => receipts.set(Some(data.receipts)),
            Err(e) => state.fail(e.0),
        }
    });
    let choices = Memo::new(move |_| state.roster.with(vm::parent_choices));
    let chosen = RwSignal::new(prefs::get(PARENT_KEY).unwrap_or_default());
    // The unit chosen, else the first unit with reporting units (the district itself).
    let parent = Memo::new(move |_| {
        let wanted = chosen.get();
        choices.with(|list| {
            list.iter()
                .find(|(id, _)| *id == wanted)
                .or_else(|| list.first())
                .map(|(id, _)| id.clone())
                .unwrap_or_default()
        })
    });
    let period = RwSignal::new(prefs::get(PERIOD_KEY).and_then(|c| Period::from_code(&c)).unwrap_or_default());
    let today = store::today();
    let page = Memo::new(move |_| {
        let parent_id = parent.get();
        let period = period.get();
        receipts.with(|r| {
            r.as_ref().map(|receipts| {
                state.roster.with(|roster| vm::submissions(roster, receipts, &parent_id, period, today))
            })
        })
    });
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let text = page.with_untracked(|p| p.as_ref().map(|p| p.reminder.clone()).unwrap_or_default());
        spawn_local(async move { copied.set(store::copy_to_clipboard(&text).await) });
    };
    let period_options: Vec<(String, String)> =
        Period::ALL.iter().map(|p| (p.code().to_string(), p.label().to_string())).collect();

    view! {
        <section class="page share">
            <div class="page-head">
                <h1>"Tình hình gửi số liệu"</h1>
                <a class="btn" href=Route::Share.href()>"Trao đổi dữ liệu"</a>
            </div>
            <p class="hint">"Mỗi lần nhập tệp, máy ghi lại đơn vị gửi, người gửi, ngày gửi (ngày xuất tệp), ngày nhận và ngày của số liệu trong tệp. Đơn vị chưa gửi trong kỳ là đơn vị chưa có tệp xuất từ đầu kỳ đến nay."</p>
            <div class="grid">
                {field("Đơn vị nhận số liệu", "sub-parent", || None, move || code_select("sub-parent",
                    choices.get(),
                    move || parent.get(),
                    move |v| { prefs::set(PARENT_KEY, &v); chosen.set(v) }))}
                {field("Kỳ báo cáo", "sub-period", || None, code_select("sub-period",
                    period_options,
                    move || period.get().code().to_string(),
                    move |v| if let Some(p) = Period::from_code(&v) { prefs::set(PERIOD_KEY, p.code()); period.set(p) }))}
            </div>
            {move || match page.get() {
                None => view! { <p role="status" class="hint">"Đang tải…"</p> }.into_any(),
                Some(p) => {
                    let reminder = p.reminder.clone();
                    view! {
                        <p class="summary" role="status">{p.summary.clone()}</p>
                        <div class="table-scroll">
                            <table class="submissions">
                                <thead><tr>
                                    <th scope="col">"Đơn vị"</th><th scope="col">"Gửi ngày"</th><th scope="col">"Nhận ngày"</th>
                                    <th scope="col">"Số liệu đến ngày"</th><th scope="col">"Người gửi"</th>
                                    <th scope="col">"Tệp"</th><th scope="col">"Tình trạng"</th>
                                </tr></thead>
                                <tbody>
                                    {p.rows.into_iter().map(|r| view! {
                                        <tr class:overdue=r.overdue>
                                            <th scope="row">{r.unit}</th><td>{r.sent}</td><td>{r.received}</td><td>{r.data_date}</td>
                                            <td>{r.sender}</td><td>{r.file}</td><td>{r.state}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {(!reminder.is_empty()).then(|| view! {
                            <div class="field">
                                <label for="sub-reminder">"Nội dung nhắc"</label>
                                <textarea id="sub-reminder" rows="12" readonly prop:value=reminder></textarea>
                            </div>
                            <div class="actions">
                                <button type="button" class="btn" on:click=copy>"Sao chép nội dung nhắc"</button>
                                {move || copied.get().then(|| view! { <span role="status" class="done">"Đã sao chép."</span> })}
                            </div>
                        })}
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
