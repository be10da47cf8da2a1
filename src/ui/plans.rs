//! Kế hoạch đào tạo, bồi dưỡng (`ke-hoach.html`): the plans, one plan laid out like the
//! document (II. đào tạo, III. bồi dưỡng, IV. kinh phí) with quota vs đề cử vs đang học vs
//! hoàn thành per line, one course line (nominate in bulk, start, record results, undo), and
//! the dispatch statistics per year. What each page shows comes from `dtbd_view::plans`;
//! these components bind it to signals and the store.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store;
use crate::ui::app::{db, AppState, Route};
use crate::ui::records::{training, write_change};
use crate::ui::widgets::date_input;
use dtbd_domain::error::FieldError;
use dtbd_domain::model::Id;
use dtbd_domain::training::data::parse_plan_index;
use dtbd_domain::training::CourseLine;
use dtbd_domain::training::{Applied, TrainingRecords, Warning};
use dtbd_view::plans::{
    self, AggregateModel, BudgetDraft, LineOp, NewLineDraft, Nomination, OpInput, ShownTable, Templates,
};

fn loading() -> AnyView {
    view! { <p role="status">"Đang tải hồ sơ đào tạo…"</p> }.into_any()
}

/// Nạp mẫu: every file `plans/index.json` lists, validated by the domain, saved in one
/// transaction.
async fn load_templates(state: AppState, recs: RwSignal<Option<TrainingRecords>>) {
    let run = async {
        let index = parse_plan_index(&store::fetch_text("plans/index.json").await.map_err(|e| e.0)?)?;
        let mut t = Templates::default();
        let now = store::now();
        for entry in index {
            let text = store::fetch_text(&format!("plans/{}", entry.file)).await.map_err(|e| e.0)?;
            t.add_file(&entry, &text, now)?;
        }
        Ok::<_, String>(t)
    };
    let t = match run.await {
        Ok(t) => t,
        Err(e) => return state.fail(e),
    };
    if let Err(e) = db().put_plan_templates(&t.plans, &t.lines, &t.tables).await {
        return state.fail(e.to_string());
    }
    recs.update(|r| t.add_to(r.get_or_insert_with(Default::default)));
    state.say(t.loaded_text());
}

#[component]
pub fn PlansPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let recs = training(state);
    let busy = RwSignal::new(false);
    let use_templates = move |_| {
        busy.set(true);
        spawn_local(async move {
            load_templates(state, recs).await;
            busy.set(false);
        });
    };
    view! {
        <section class="page plans-page">
            <div class="page-head">
                <h1>"Kế hoạch đào tạo, bồi dưỡng"</h1>
                <span class="row-actions">
                    <a class="btn" href=Route::PlanStats.href()>"Thống kê cử đi học"</a>
                    <button class="btn" disabled=move || busy.get() on:click=use_templates>"Dùng mẫu kế hoạch"</button>
                </span>
            </div>
            {move || recs.with(|r| {
                let Some(r) = r else { return loading() };
                let m = plans::plans_page(r);
                if m.rows.is_empty() {
                    return view! {
                        <p class="empty">"Chưa có kế hoạch nào. Bấm \"Dùng mẫu kế hoạch\" để nạp Kế hoạch đào tạo, bồi dưỡng năm 2021 của Quảng Ngãi (kèm số liệu cử đi học 2010-2023 của Quảng Nam)."</p>
                    }.into_any();
                }
                view! {
                    <ul class="directive-list">
                        {m.rows.into_iter().map(|p| view! {
                            <li class="directive-row plan-row">
                                <a href=Route::Plan(p.id).href()>
                                    <span class="name">{p.title}</span>
                                    <span class="sub">{p.sub}</span>
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}

#[component]
pub fn PlanPage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let recs = training(state);
    move || {
        recs.with(|r| {
            let Some(r) = r else { return loading() };
            let Some(m) = plans::plan_page(r, &id) else {
                return view! {
                    <section class="page">
                        <h1>"Không tìm thấy kế hoạch"</h1>
                        <a class="btn" href=Route::Plans.href()>"Về danh sách kế hoạch"</a>
                    </section>
                }
                .into_any();
            };
            let tables = m.parts.into_iter().map(|part| view! {
                <h2 class="doc-heading">{part.title}</h2>
                <table class="status-table plan-lines">
                    <thead><tr>
                        <th>"Mục"</th><th>"Lớp / chương trình"</th><th>"Trình độ đạt được"</th><th>"Chỉ tiêu"</th>
                        <th>"Hình thức"</th><th>"Đợt"</th><th>"Kinh phí"</th>
                        <th>"Đề cử"</th><th>"Đang học"</th><th>"Hoàn thành"</th><th>"Ngoài kế hoạch"</th>
                    </tr></thead>
                    <tbody>
                        {part.lines.into_iter().map(|l| view! {
                            <tr class="line-row">
                                <td>{l.section}</td>
                                <td>
                                    <a href=Route::CourseLine(l.id).href()>{l.programme}</a>
                                    {(!l.carry_over.is_empty()).then(|| view! { " " <span class="chip carry-over">{l.carry_over}</span> })}
                                </td>
                                <td>{l.grants}</td>
                                <td>{l.quota}</td>
                                <td>{l.mode}</td>
                                <td>{l.round}</td>
                                <td class="num">{l.budget}</td>
                                <td class="num">{l.tally.nominated}</td>
                                <td class="num">{l.tally.studying}</td>
                                <td class="num">{l.tally.completed}</td>
                                <td class="num">{l.tally.out_of_plan}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }).collect_view();
            let budget = m.budget.map(|b| {
                view! {
                    <h2 class="doc-heading">"IV. Kinh phí"</h2>
                    <table class="status-table plan-budget">
                        <tbody>
                            {b.rows.into_iter().map(|(label, amount)| view! {
                                <tr><td>{label}</td><td class="num">{amount}</td></tr>
                            }).collect_view()}
                            {b.remainder.map(|rest| view! { <tr><td>"Còn lại"</td><td class="num">{rest}</td></tr> })}
                            <tr class="total"><th>"Tổng kinh phí"</th><th class="num">{b.total}</th></tr>
                        </tbody>
                    </table>
                    {b.basis.map(|basis| view! { <p class="note">{basis}</p> })}
                }
            });
            let funding = m.funding.map(|f| match f {
                Err(message) => view! { <p class="error-summary" role="alert">{message}</p> }.into_any(),
                Ok(f) => view! {
                    <h2 class="doc-heading">"Kinh phí theo nguồn"</h2>
                    <table class="status-table plan-funding">
                        <thead><tr><th>"Nguồn kinh phí"</th><th>"Theo kế hoạch"</th><th>"Cộng các lớp"</th></tr></thead>
                        <tbody>
                            {f.rows.into_iter().map(|r| view! {
                                <tr><td>{r.source}</td><td class="num">{r.plan}</td><td class="num">{r.lines}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    {f.subsidies.map(|text| view! { <p class="note">{text}</p> })}
                    <crate::ui::report_table::CsvButton table=f.table label="Tải CSV (kinh phí theo nguồn)"/>
                }.into_any(),
            });
            let plan_id = m.id.clone();
            view! {
                <section class="page plan-page">
                    <div class="page-head no-print">
                        <a class="btn ghost" href=Route::Plans.href()>"← Kế hoạch"</a>
                    </div>
                    <header class="doc-header">
                        <div class="doc-left"><p class="issuer">{m.issuer}</p><p>{m.number}</p></div>
                        <div class="doc-right"><p class="place-date">{m.date}</p></div>
                    </header>
                    <h1 class="doc-kind">"KẾ HOẠCH"</h1>
                    <p class="doc-title">{m.title}</p>
                    {m.note.map(|note| view! { <p class="note">{note}</p> })}
                    {tables}
                    {budget}
                    {funding}
                    <PlanBudgetForm plan_id=plan_id/>
                    <NewLineForm plan_id=m.id year=m.year/>
                </section>
            }
            .into_any()
        })
    }
}

/// Kinh phí as typed: the total (with "khoảng"), one row per part (name, source, amount),
/// "+ Thêm khoản", and the remainder. `prefix` keeps the ids of two forms apart.
fn budget_fields(budget: RwSignal<BudgetDraft>, prefix: &'static str) -> impl IntoView {
    let parts = move || budget.with(|b| b.parts.len());
    view! {
        <fieldset class="budget-fields">
            <legend>"Kinh phí"</legend>
            <div class="field"><label for=format!("{prefix}-total")>"Tổng kinh phí (đồng)"</label>
                <input id=format!("{prefix}-total") placeholder="khoảng 500 triệu" prop:value=move || budget.with(|b| b.total.clone())
                    on:input=move |ev| budget.update(|b| b.total = event_target_value(&ev))/></div>
            {move || (0..parts()).map(|i| view! {
                <div class="budget-part">
                    <div class="field"><label for=format!("{prefix}-name-{i}")>{format!("Khoản {}", i + 1)}</label>
                        <input id=format!("{prefix}-name-{i}") prop:value=move || budget.with(|b| b.parts.get(i).map(|p| p.name.clone()).unwrap_or_default())
                            on:input=move |ev| budget.update(|b| if let Some(p) = b.parts.get_mut(i) { p.name = event_target_value(&ev) })/></div>
                    <div class="field"><label for=format!("{prefix}-source-{i}")>"Nguồn kinh phí"</label>
                        <select id=format!("{prefix}-source-{i}") prop:value=move || budget.with(|b| b.parts.get(i).map(|p| p.source.clone()).unwrap_or_default())
                            on:change=move |ev| budget.update(|b| if let Some(p) = b.parts.get_mut(i) { p.source = event_target_value(&ev) })>
                            <option value="">"(không ghi nguồn)"</option>
                            {plans::funding_options().into_iter().map(|(code, label)| view! { <option value=code>{label}</option> }).collect_view()}
                        </select></div>
                    <div class="field"><label for=format!("{prefix}-amount-{i}")>"Số tiền (đồng)"</label>
                        <input id=format!("{prefix}-amount-{i}") prop:value=move || budget.with(|b| b.parts.get(i).map(|p| p.amount.clone()).unwrap_or_default())
                            on:input=move |ev| budget.update(|b| if let Some(p) = b.parts.get_mut(i) { p.amount = event_target_value(&ev) })/></div>
                    <button class="btn ghost" type="button" on:click=move |_| budget.update(|b| b.remove_part(i))>"Xóa khoản"</button>
                </div>
            }).collect_view()}
            <button class="btn" type="button" on:click=move |_| budget.update(BudgetDraft::add_part)>"+ Thêm khoản"</button>
            <div class="field"><label for=format!("{prefix}-rest")>"Còn lại (chưa phân bổ, đồng)"</label>
                <input id=format!("{prefix}-rest") prop:value=move || budget.with(|b| b.remainder.clone())
                    on:input=move |ev| budget.update(|b| b.remainder = event_target_value(&ev))/></div>
        </fieldset>
    }
}

/// "Sửa kinh phí": the plan's budget, its parts by funding source and its remainder; the
/// draft builds it, the domain refuses parts beyond the total.
#[component]
fn PlanBudgetForm(plan_id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let recs = training(state);
    let open = RwSignal::new(false);
    let budget = RwSignal::new(BudgetDraft::default());
    let errors: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    let pid = plan_id.clone();
    let toggle = move |_| {
        if !open.get_untracked() {
            let b = recs
                .with_untracked(|r| r.as_ref().and_then(|r| r.plan(&pid)).map(|p| BudgetDraft::from_budget(&p.budget)));
            budget.set(b.unwrap_or_default());
            errors.set(vec![]);
        }
        open.update(|o| *o = !*o);
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(p) = recs.with_untracked(|r| r.as_ref().and_then(|r| r.plan(&plan_id)).cloned()) else { return };
        let plan = match budget.with_untracked(|b| plans::plan_with_budget(&p, b, store::now())) {
            Ok(plan) => plan,
            Err(e) => return errors.set(e),
        };
        errors.set(vec![]);
        spawn_local(async move {
            match db().put_plans(std::slice::from_ref(&plan), &[], &[]).await {
                Ok(()) => {
                    recs.update(|r| {
                        if let Some(x) = r.as_mut().and_then(|r| r.plans.iter_mut().find(|x| x.id == plan.id)) {
                            *x = plan.clone();
                        }
                    });
                    open.set(false);
                    state.say(plans::PLAN_BUDGET_SAVED);
                }
                Err(e) => state.fail(e.to_string()),
            }
        });
    };
    view! {
        <div class="no-print">
            <button class="btn" on:click=toggle>"Sửa kinh phí"</button>
            {move || open.get().then(|| view! {
                <form class="panel plan-budget-form" novalidate on:submit=save.clone()>
                    {budget_fields(budget, "pb")}
                    {crate::ui::widgets::error_summary(errors, dtbd_view::form_fields::none)}
                    <button class="btn" type="submit">"Lưu kinh phí"</button>
                </form>
            })}
        </div>
    }
}

/// The course-line fields ("+ Thêm lớp" and "Sửa lớp"): what the plans write of a line.
fn line_fields(draft: RwSignal<NewLineDraft>, budget: RwSignal<BudgetDraft>, prefix: &'static str) -> impl IntoView {
    let id = move |name: &str| format!("{prefix}-{name}");
    view! {
        <div class="field"><label for=id("programme")>"Lớp / chương trình"</label>
            <input id=id("programme") prop:value=move || draft.with(|d| d.programme.clone())
                on:input=move |ev| draft.update(|d| d.programme = event_target_value(&ev))/></div>
        <div class="field"><label for=id("section")>"Mục trong kế hoạch"</label>
            <input id=id("section") placeholder="II.6" prop:value=move || draft.with(|d| d.section.clone())
                on:input=move |ev| draft.update(|d| d.section = event_target_value(&ev))/></div>
        <div class="field"><label for=id("kind")>"Loại"</label>
            <select id=id("kind") prop:value=move || draft.with(|d| d.kind.clone()) on:change=move |ev| draft.update(|d| d.kind = event_target_value(&ev))>
                {plans::kind_options().into_iter().map(|(code, label)| view! { <option value=code>{label}</option> }).collect_view()}
            </select></div>
        <div class="field"><label for=id("grants")>"Trình độ đạt được"</label>
            <select id=id("grants") prop:value=move || draft.with(|d| d.grant.clone()) on:change=move |ev| draft.update(|d| d.grant = event_target_value(&ev))>
                <option value="">"Không cấp trình độ"</option>
                {plans::grant_options().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select></div>
        <div class="field"><label for=id("quota")>"Chỉ tiêu (người)"</label>
            <input id=id("quota") inputmode="numeric" prop:value=move || draft.with(|d| d.quota.clone())
                on:input=move |ev| draft.update(|d| d.quota = event_target_value(&ev))/></div>
        <div class="field"><label for=id("mode")>"Hình thức"</label>
            <select id=id("mode") prop:value=move || draft.with(|d| d.attendance.clone()) on:change=move |ev| draft.update(|d| d.attendance = event_target_value(&ev))>
                <option value="">"(không ghi)"</option>
                {plans::attendance_options().into_iter().map(|(code, label)| view! { <option value=code>{label}</option> }).collect_view()}
            </select></div>
        <div class="field"><label for=id("round")>"Đợt phân bổ chỉ tiêu"</label>
            <input id=id("round") inputmode="numeric" placeholder="1" prop:value=move || draft.with(|d| d.round.clone())
                on:input=move |ev| draft.update(|d| d.round = event_target_value(&ev))/></div>
        <fieldset>
            <legend>"Lớp chuyển tiếp (mở năm này, kết thúc năm sau)"</legend>
            <div class="field"><label for=id("opened")>"Năm mở lớp"</label>
                <input id=id("opened") inputmode="numeric" prop:value=move || draft.with(|d| d.carry_opened.clone())
                    on:input=move |ev| draft.update(|d| d.carry_opened = event_target_value(&ev))/></div>
            <div class="field"><label for=id("finishes")>"Năm kết thúc"</label>
                <input id=id("finishes") inputmode="numeric" prop:value=move || draft.with(|d| d.carry_finishes.clone())
                    on:input=move |ev| draft.update(|d| d.carry_finishes = event_target_value(&ev))/></div>
        </fieldset>
        {budget_fields(budget, prefix)}
        <div class="field"><label for=id("subsidy")>"Hỗ trợ mỗi học viên (đồng)"</label>
            <input id=id("subsidy") prop:value=move || draft.with(|d| d.subsidy.clone())
                on:input=move |ev| draft.update(|d| d.subsidy = event_target_value(&ev))/></div>
    }
}

/// "+ Thêm lớp": a course line with the fields the plans write; the draft builds it, the
/// domain validates.
#[component]
fn NewLineForm(plan_id: String, year: Option<u16>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let recs = training(state);
    let open = RwSignal::new(false);
    let draft = RwSignal::new(NewLineDraft::default());
    let budget = RwSignal::new(BudgetDraft::default());
    let errors: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = NewLineDraft { budget: budget.get_untracked(), ..draft.get_untracked() };
        let line = match typed.to_course_line(&plan_id, year, store::new_id(), store::now()) {
            Ok(line) => line,
            Err(e) => return errors.set(e),
        };
        errors.set(vec![]);
        spawn_local(async move {
            match db().put_plans(&[], std::slice::from_ref(&line), &[]).await {
                Ok(()) => {
                    recs.update(|r| r.get_or_insert_with(Default::default).lines.push(line.clone()));
                    draft.update(|d| *d = d.next());
                    budget.set(BudgetDraft::default());
                    open.set(false);
                    state.say(plans::line_saved_text(&line));
                }
                Err(e) => state.fail(e.to_string()),
            }
        });
    };
    view! {
        <div class="no-print">
            <button class="btn" on:click=move |_| open.update(|o| *o = !*o)>"+ Thêm lớp"</button>
            {move || open.get().then(|| view! {
                <form class="panel new-line" novalidate on:submit=save.clone()>
                    {line_fields(draft, budget, "nl")}
                    {crate::ui::widgets::error_summary(errors, dtbd_view::form_fields::none)}
                    <button class="btn" type="submit">"Lưu lớp"</button>
                </form>
            })}
        </div>
    }
}

/// "Sửa lớp": the line's form filled with what is stored; saved as a newer version.
#[component]
fn EditLineForm(line: CourseLine) -> impl IntoView {
    let state = expect_context::<AppState>();
    let recs = training(state);
    let open = RwSignal::new(false);
    let draft = RwSignal::new(NewLineDraft::from_line(&line));
    let budget = RwSignal::new(NewLineDraft::from_line(&line).budget);
    let errors: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = NewLineDraft { budget: budget.get_untracked(), ..draft.get_untracked() };
        let edited = match typed.edit_line(&line, store::now()) {
            Ok(l) => l,
            Err(e) => return errors.set(e),
        };
        errors.set(vec![]);
        spawn_local(async move {
            match db().put_plans(&[], std::slice::from_ref(&edited), &[]).await {
                Ok(()) => {
                    recs.update(|r| {
                        if let Some(x) = r.as_mut().and_then(|r| r.lines.iter_mut().find(|x| x.id == edited.id)) {
                            *x = edited.clone();
                        }
                    });
                    open.set(false);
                    state.say(plans::line_edited_text(&edited));
                }
                Err(e) => state.fail(e.to_string()),
            }
        });
    };
    view! {
        <div class="no-print">
            <button class="btn" on:click=move |_| open.update(|o| *o = !*o)>"Sửa lớp"</button>
            {move || open.get().then(|| view! {
                <form class="panel edit-line" novalidate on:submit=save.clone()>
                    {line_fields(draft, budget, "el")}
                    {crate::ui::widgets::error_summary(errors, dtbd_view::form_fields::none)}
                    <button class="btn" type="submit">"Lưu lớp"</button>
                </form>
            })}
        </div>
    }
}

#[component]
pub fn LinePage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let recs = training(state);
    let lid = id.clone();
    let line = Memo::new(move |_| recs.with(|r| r.as_ref().map(|r| r.line(&lid).cloned())));
    let picked: RwSignal<HashSet<String>> = RwSignal::new(HashSet::new());
    let ticked: RwSignal<HashSet<String>> = RwSignal::new(HashSet::new());
    let query = RwSignal::new(String::new());
    let date = RwSignal::new(Some(store::today()));
    let last: RwSignal<Option<(String, Applied)>> = RwSignal::new(None);
    let warnings: RwSignal<Vec<Warning>> = RwSignal::new(Vec::new());

    let finish = move |applied: Applied, text: String| {
        spawn_local(async move {
            if write_change(state, recs, &applied.change).await {
                warnings.set(applied.warnings.clone());
                ticked.set(HashSet::new());
                picked.set(HashSet::new());
                last.set(Some((text, applied)));
            }
        });
    };
    let run = move |op: LineOp| {
        let Some(Some(l)) = line.get_untracked() else { return };
        let picked: Vec<Id> = picked.get_untracked().into_iter().collect();
        let ticked: Vec<Id> = ticked.get_untracked().into_iter().collect();
        let date = date.get_untracked().map(|d| d.to_string()).unwrap_or_default();
        let mut new_id = store::new_id;
        let result = state.roster.with_untracked(|roster| {
            recs.with_untracked(|r| {
                let empty = TrainingRecords::default();
                state.directives.with_untracked(|directives| {
                    let input = OpInput {
                        roster,
                        recs: r.as_ref().unwrap_or(&empty),
                        directives,
                        line: &l,
                        picked: &picked,
                        ticked: &ticked,
                        date: &date,
                        today: store::today(),
                        now: store::now(),
                    };
                    plans::run_op(op, &input, &mut new_id)
                })
            })
        });
        match result {
            Ok((applied, text)) => finish(applied, text),
            Err(e) => state.fail(e),
        }
    };
    // Đề xuất cử đi học: tick everyone a directive's suggestion list names (the officer
    // reviews the ticks before nominating).
    let from_directive = move |directive_id: String| {
        let lid = line.get_untracked().flatten().map(|l| l.id).unwrap_or_default();
        let suggested = state.directives.with_untracked(|all| {
            let d = all.iter().find(|d| d.id == directive_id)?;
            Some(state.roster.with_untracked(|ro| {
                recs.with_untracked(|t| {
                    let empty = TrainingRecords::default();
                    Nomination::new(ro, t.as_ref().unwrap_or(&empty), &lid).from_directive(d, store::today())
                })
            }))
        });
        let Some(s) = suggested else { return };
        picked.set(s.ids);
        state.say(s.text);
    };
    let undo = move |_| {
        let Some((_, applied)) = last.get_untracked() else { return };
        spawn_local(async move {
            let change = applied.undo(store::now());
            if write_change(state, recs, &change).await {
                last.set(None);
                warnings.set(vec![]);
                state.say("Đã hoàn tác.");
            }
        });
    };

    move || {
        let Some(l) = line.get() else { return loading() };
        let Some(l) = l else {
            return view! {
                <section class="page">
                    <h1>"Không tìm thấy lớp"</h1>
                    <a class="btn" href=Route::Plans.href()>"Về danh sách kế hoạch"</a>
                </section>
            }
            .into_any();
        };
        let head = plans::line_head(&l);
        let subsidy = {
            let l = l.clone();
            move || recs.with(|r| r.as_ref().and_then(|r| plans::subsidy_text(r, &l)))
        };
        let lid = l.id.clone();
        let tally = Memo::new(move |_| recs.with(|r| r.as_ref().map(|r| r.tally(&lid)).unwrap_or_default()));
        let lid = l.id.clone();
        let enrolled = move || {
            recs.with(|r| {
                let Some(r) = r else { return vec![] };
                state.roster.with(|ro| plans::enrollment_rows(ro, r, &lid))
            })
        };
        let lid = l.id.clone();
        let candidates = move || {
            let q = query.get();
            state.index.with(|i| {
                state.roster.with(|ro| {
                    recs.with(|t| {
                        let empty = TrainingRecords::default();
                        Nomination::new(ro, t.as_ref().unwrap_or(&empty), &lid).search(&i.0, &q)
                    })
                })
            })
        };
        view! {
            <section class="page line-page">
                <div class="page-head no-print">
                    <a class="btn ghost" href=Route::Plan(head.plan_id).href()>"← Về kế hoạch"</a>
                </div>
                <h1>{head.programme}</h1>
                <p class="sub">{head.sub}</p>
                {head.institutions.map(|text| view! { <p class="note">{text}</p> })}
                {head.audience.map(|text| view! { <details><summary>"Đối tượng"</summary><p>{text}</p></details> })}
                {head.conditions.map(|text| view! { <details><summary>"Điều kiện"</summary><p>{text}</p></details> })}
                {head.carry_over.map(|text| view! { <p class="note carry-over">{text}</p> })}
                {head.budget.map(|text| view! { <p class="note line-budget">{text}</p> })}
                {move || subsidy().map(|text| view! { <p class="note line-subsidy">{text}</p> })}
                <EditLineForm line=l.clone()/>
                <div class="chips summary line-tally">
                    {move || plans::tally_chips(&tally.get()).into_iter().map(|text| view! { <span class="chip">{text}</span> }).collect_view()}
                </div>
                {move || last.get().map(|(text, _)| view! {
                    <div class="undo-line" role="status">
                        <span>{text}</span>
                        <button class="btn" on:click=undo>"Hoàn tác"</button>
                    </div>
                })}
                {move || {
                    let w = plans::warning_texts(&warnings.get());
                    (!w.is_empty()).then(|| view! {
                        <ul class="warnings" role="alert">{w.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
                    })
                }}
                <h2>"Danh sách cử đi học"</h2>
                {move || {
                    let rows = enrolled();
                    if rows.is_empty() {
                        return view! { <p class="empty">"Chưa cử ai vào lớp này."</p> }.into_any();
                    }
                    view! {
                        <table class="status-table enrollments">
                            <thead><tr><th>"Chọn"</th><th>"Họ và tên"</th><th>"Đơn vị"</th><th>"Trạng thái"</th><th>"Ngày"</th></tr></thead>
                            <tbody>
                                {rows.into_iter().map(|e| {
                                    let eid = e.id.clone();
                                    let eid2 = e.id.clone();
                                    view! {
                                        <tr class="enrollment-row">
                                            <td><input type="checkbox" id=format!("en-{}", e.id) aria-label=e.select_label
                                                prop:checked=move || ticked.with(|t| t.contains(&eid))
                                                on:change=move |ev| { let on = event_target_checked(&ev); let id = eid2.clone(); ticked.update(|t| { if on { t.insert(id); } else { t.remove(&id); } }); }/></td>
                                            <td class="name">{e.name}</td>
                                            <td>{e.unit}</td>
                                            <td class="status">{e.status}{(!e.placement.is_empty()).then(|| view! { " " <span class="chip out-of-plan">{e.placement}</span> })}</td>
                                            <td>{e.date}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        <div class="actions no-print">
                            <label for="line-date">"Ngày"</label>
                            {date_input("line-date", move || date.get(), move |d| date.set(d), true)}
                            {LineOp::ON_ENROLLED.into_iter().map(|op| view! {
                                <button class="btn" on:click=move |_| run(op)>{op.label()}</button>
                            }).collect_view()}
                        </div>
                        <p class="hint">"Đánh dấu những người cần ghi, chọn ngày, rồi bấm thao tác. Khi lớp kết thúc: đánh dấu người hoàn thành, một ngày, bấm \"Hoàn thành\"; người còn lại ghi \"Không hoàn thành\" hoặc \"Rút\" (hoặc để nguyên nếu còn đang học)."</p>
                    }.into_any()
                }}
                <h2>"Đề cử thêm"</h2>
                <div class="field no-print">
                    <label for="from-directive">"Chọn theo đề xuất cử đi học của văn bản"</label>
                    <select id="from-directive" on:change=move |ev| { let v = event_target_value(&ev); if !v.is_empty() { from_directive(v); } }>
                        <option value="">"(không chọn)"</option>
                        {state.directives.with_untracked(|all| plans::directive_options(all)).into_iter().map(|(id, text)| view! {
                            <option value=id>{text}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field no-print">
                    <label for="nominate-search">"Tìm cán bộ"</label>
                    <input id="nominate-search" type="search" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
                </div>
                <ul class="cadre-list nominate-list">
                    {move || candidates().into_iter().map(|c| {
                        let a = c.id.clone();
                        let b = c.id;
                        view! {
                            <li>
                                <label>
                                    <input type="checkbox" prop:checked=move || picked.with(|p| p.contains(&a))
                                        on:change=move |ev| { let on = event_target_checked(&ev); let id = b.clone(); picked.update(|p| { if on { p.insert(id); } else { p.remove(&id); } }); }/>
                                    {format!(" {}", c.name)}
                                    <span class="sub">{format!(" · {}", c.unit)}</span>
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <button class="btn" on:click=move |_| run(LineOp::Nominate)>{move || plans::nominate_label(picked.with(|p| p.len()))}</button>
                <button class="btn" on:click=move |_| run(LineOp::NominateOutsidePlan)>{LineOp::NominateOutsidePlan.label()}</button>
                <p class="hint">"Học viên ngoài kế hoạch được đếm riêng, không tính vào chỉ tiêu của lớp."</p>
            </section>
        }
        .into_any()
    }
}

/// A [`ShownTable`]: the rows its CSV and XLSX buttons export, as the page writes them.
fn shown_table(class: &'static str, t: &ShownTable) -> impl IntoView {
    view! {
        <table class=class>
            <thead><tr>{t.table.header.iter().map(|h| view! { <th>{h.clone()}</th> }).collect_view()}</tr></thead>
            <tbody>
                {t.rows.iter().map(|row| view! {
                    <tr>{row.iter().map(|c| view! { <td class=c.class>{c.text.clone()}</td> }).collect_view()}</tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn StatsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let recs = training(state);
    let head = crate::ui::print::load_head();
    let date = crate::ui::print::today();
    move || {
        recs.with(|r| {
            let Some(r) = r else { return loading() };
            let m = plans::stats_page(r, store::current_year());
            view! {
                <section class="page stats-page">
                    <div class="page-head no-print">
                        <a class="btn ghost" href=Route::Plans.href()>"← Kế hoạch"</a>
                        <button class="btn" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>"In"</button>
                    </div>
                    <crate::ui::print::ReportHeadForm head=head date=date/>
                    <crate::ui::print::ReportHeader head=head date=date title="BÁO CÁO\nThống kê cử đi đào tạo, bồi dưỡng theo năm".to_string()/>
                    <h2>{m.own.table.title.clone()}</h2>
                    <p class="hint">"Cột \"nhập tay\": số liệu nhập tay trước khi dùng ứng dụng (tổng hợp, không gắn với từng cán bộ). Cột \"ứng dụng\": lượt cử đi học (đang học, hoàn thành, không hoàn thành) theo năm nhập học, từ từng hồ sơ cán bộ. Hai nguồn để riêng, không cộng vào nhau."</p>
                    {shown_table("status-table stats-own", &m.own)}
                    <crate::ui::report_table::CsvButton table=m.own.table label="Tải CSV (số lượt theo năm)"/>
                    <h2>{m.placed.table.title.clone()}</h2>
                    {shown_table("status-table stats-placed", &m.placed)}
                    <crate::ui::report_table::CsvButton table=m.placed.table label="Tải CSV (trong / ngoài kế hoạch)"/>
                    <crate::ui::chart::PlotView plot=m.chart/>
                    {if m.aggregates.is_empty() {
                        view! { <p class="empty">"Chưa có số liệu các năm trước. Bấm \"Dùng mẫu kế hoạch\" ở trang Kế hoạch để nạp số liệu 2010-2023 của Quảng Nam."</p> }.into_any()
                    } else {
                        m.aggregates.into_iter().map(aggregate_view).collect_view().into_any()
                    }}
                    <crate::ui::print::Signature head=head/>
                </section>
            }
            .into_any()
        })
    }
}

/// One historical table as printed, with the cán bộ, công chức / viên chức sums: shown and
/// exported from the same table.
fn aggregate_view(a: AggregateModel) -> impl IntoView {
    view! {
        <section class="aggregate">
            <h2>{a.shown.table.title.clone()}</h2>
            <crate::ui::report_table::CsvButton table=a.shown.table.clone()/>
            <p class="note aggregate-label">{a.label}</p>
            <div class="table-scroll">{shown_table("status-table stats-aggregate", &a.shown)}</div>
        </section>
    }
}
