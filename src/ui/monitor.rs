//! Theo dõi so với mốc (`#/van-ban/<id>/moc`): "Chốt số liệu" at a date (every group of the
//! directive frozen from the roster), the figures of an earlier year typed in by hand, the list
//! of baselines (xóa with hoàn tác), and the monitoring paragraph comparing now against a chosen
//! baseline ("... tăng 3,6% so với năm 2015") with counts against quotas. Printable with the
//! report head and signature; the paragraph is copyable. Every rule is `domain::monitor`'s.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store;
use crate::ui::app::{db, AppState, Route};
use crate::ui::as_of::{as_of, AsOfField};
use crate::ui::print::{load_head, ReportHeadForm, ReportHeader, Signature};
use crate::ui::widgets::date_input;
use dtbd_domain::directive::RosterIndex;
use dtbd_domain::monitor::{self, Baseline, GroupDraft, INDICATORS};
use dtbd_domain::progress::{progress_checks, CHECKS_TITLE};
use dtbd_domain::roster::FieldError;
use dtbd_view::monitor::{self as vm, Paragraph};
use dtbd_view::scoring::directive_score;
use dtbd_view::stamp::stamp;

/// Writes `b` (stamped as the next version of the stored one), then puts it in memory; none
/// on a failed write.
async fn save(
    state: AppState,
    recs: RwSignal<Option<dtbd_domain::training::TrainingRecords>>,
    mut b: Baseline,
) -> Option<Baseline> {
    recs.with_untracked(|r| stamp(&mut b, r.as_ref().map_or(&[][..], |r| &r.baselines), store::now()));
    match db().put_baseline(&b).await {
        Ok(()) => {
            let saved = b.clone();
            recs.update(|r| {
                let r = r.get_or_insert_with(Default::default);
                r.baselines.retain(|x| x.id != saved.id);
                r.baselines.push(saved);
            });
            Some(b)
        }
        Err(e) => {
            state.fail(e.to_string());
            None
        }
    }
}

#[component]
pub fn MonitorPage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let head = load_head();
    let date = as_of(&id);
    let directive = state.directive(id.clone());
    let records = crate::ui::records::training(state);
    let key = id.clone();
    let baselines = Memo::new(move |_| {
        records.with(|r| {
            r.as_ref()
                .map(|r| monitor::of_directive(&r.baselines, &key).into_iter().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let chosen: RwSignal<Option<String>> = RwSignal::new(None);
    // The baseline compared against: the chosen one, else the newest.
    let base = Memo::new(move |_| baselines.with(|list| chosen.with(|c| vm::compared(list, c.as_deref()).cloned())));
    let freeze_at = RwSignal::new(store::today());
    let removed: RwSignal<Option<Baseline>> = RwSignal::new(None);
    let copied = RwSignal::new(false);

    // Now, frozen at the report date, against the chosen baseline.
    let paragraph = Memo::new(move |_| {
        let at = date.get();
        let b = base.get()?;
        directive.with(|d| {
            let d = d.as_ref()?;
            state.roster.with(|r| {
                let now = monitor::freeze("now".into(), d, &RosterIndex::build(r), &vm::group_ids(d), at);
                Some(monitor::monitoring_paragraph(&now, &b))
            })
        })
    });
    // Counts against quotas and the results the document reports, beside the roster's.
    let lines = Memo::new(move |_| {
        let at = date.get();
        directive.with(|d| {
            d.as_ref()
                .map(|d| {
                    state.roster.with(|r| {
                        let s = records.with(|t| directive_score(d, r, t.as_ref(), at));
                        (monitor::quota_lines(d, &s), monitor::reported_lines(d, &s), progress_checks(d, &s))
                    })
                })
                .unwrap_or_default()
        })
    });
    let quotas = Memo::new(move |_| lines.with(|l| l.0.clone()));
    let reported = Memo::new(move |_| lines.with(|l| l.1.clone()));
    let checks = Memo::new(move |_| lines.with(|l| l.2.clone()));

    let freeze = move |_| {
        let Some(d) = directive.get_untracked() else { return };
        let at = freeze_at.get_untracked();
        let groups = vm::group_ids(&d);
        let b =
            state.roster.with_untracked(|r| monitor::freeze(store::new_id(), &d, &RosterIndex::build(r), &groups, at));
        spawn_local(async move {
            if let Some(b) = save(state, records, b).await {
                chosen.set(Some(b.id.clone()));
                state.say(vm::frozen_message(at));
            }
        });
    };

    // Nhập số liệu năm trước: the form as typed.
    let year = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let rows: RwSignal<Vec<GroupDraft>> = RwSignal::new(Vec::new());
    let errors: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    let set_cell =
        move |gid: String, code: Option<&'static str>, v: String| rows.update(|rows| vm::set_cell(rows, &gid, code, v));
    let enter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = directive.get_untracked() else { return };
        match monitor::entered(store::new_id(), &d, &year.get_untracked(), &note.get_untracked(), &rows.get_untracked())
        {
            Err(e) => errors.set(e),
            Ok(b) => {
                errors.set(Vec::new());
                spawn_local(async move {
                    if let Some(b) = save(state, records, b).await {
                        chosen.set(Some(b.id.clone()));
                        state.say(vm::entered_message(b.date.year));
                    }
                });
            }
        }
    };
    let remove = move |b: Baseline| {
        spawn_local(async move {
            if let Some(g) = save(state, records, vm::with_removed(&b, true)).await {
                removed.set(Some(g));
            }
        });
    };
    let undo = move |_| {
        let Some(b) = removed.get_untracked().map(|b| vm::with_removed(&b, false)) else { return };
        spawn_local(async move {
            if save(state, records, b).await.is_some() {
                removed.set(None);
            }
        });
    };

    move || {
        let Some(d) = directive.get() else {
            return view! { <crate::ui::widgets::NotFound what="văn bản"/> }.into_any();
        };
        let groups: Vec<(String, String)> = d.groups.iter().map(|g| (g.id.clone(), g.name.clone())).collect();
        view! {
            <section class="page report-page monitor-page">
                <div class="page-head no-print">
                    <a class="btn ghost" href=Route::Directive(d.id.clone()).href()>"← Về văn bản"</a>
                    <span class="row-actions">
                        <a class="btn" href=Route::Status(d.id.clone()).href()>"Thực trạng"</a>
                        <button class="btn" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>"In"</button>
                    </span>
                </div>
                <AsOfField directive_id=d.id.clone() date=date/>
                <ReportHeadForm head=head date=date/>
                <ReportHeader head=head date=date title="BÁO CÁO\nKết quả so với mốc số liệu".to_string()/>
                <p class="doc-title">{d.title.clone()}</p>

                <section class="no-print monitor-freeze">
                    <h2>"Chốt số liệu"</h2>
                    <p class="hint">"Ghi lại số liệu của mọi nhóm đối tượng trong văn bản, tính từ danh sách cán bộ tại ngày chốt, để sau này so sánh."</p>
                    <div class="field narrow">
                        <label for="moc-ngay">"Ngày chốt"</label>
                        {date_input("moc-ngay", move || Some(freeze_at.get()), move |d| if let Some(d) = d { freeze_at.set(d) }, false)}
                    </div>
                    <button class="btn primary" on:click=freeze>"Chốt số liệu"</button>
                </section>

                <details class="no-print monitor-enter">
                    <summary>"Nhập số liệu năm trước (trước khi dùng ứng dụng)"</summary>
                    <form on:submit=enter novalidate>
                        <div class="form-grid">
                            <div class="field narrow">
                                <label for="moc-nam">"Năm"</label>
                                <input id="moc-nam" type="text" inputmode="numeric" prop:value=move || year.get() on:input=move |ev| year.set(event_target_value(&ev)) />
                            </div>
                            <div class="field">
                                <label for="moc-ghi-chu">"Ghi chú (nguồn số liệu)"</label>
                                <input id="moc-ghi-chu" type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
                            </div>
                        </div>
                        <div class="table-wrap">
                            <table class="monitor-entry">
                                <thead><tr>
                                    <th>"Nhóm đối tượng"</th><th>"Tổng số"</th>
                                    {INDICATORS.iter().map(|(_, w)| view! { <th>{*w}</th> }).collect_view()}
                                </tr></thead>
                                <tbody>
                                    {groups.iter().map(|(gid, name)| {
                                        let g = gid.clone();
                                        view! {
                                            <tr>
                                                <th scope="row">{name.clone()}</th>
                                                <td><input type="text" inputmode="numeric" size="5" aria-label=format!("{name}: Tổng số")
                                                    on:input=move |ev| set_cell(g.clone(), None, event_target_value(&ev)) /></td>
                                                {INDICATORS.iter().map(|(code, words)| {
                                                    let g = gid.clone();
                                                    let code: &'static str = code;
                                                    view! { <td><input type="text" inputmode="numeric" size="5" aria-label=format!("{name}: {words}")
                                                        on:input=move |ev| set_cell(g.clone(), Some(code), event_target_value(&ev)) /></td> }
                                                }).collect_view()}
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {crate::ui::widgets::error_summary(errors, dtbd_view::form_fields::none)}
                        <button type="submit" class="btn primary">"Lưu số liệu"</button>
                    </form>
                </details>

                <section class="no-print monitor-list">
                    <h2>"Các mốc số liệu"</h2>
                    {move || removed.get().map(|b| view! {
                        <p class="undo-line" role="status">{vm::removed_line(&b)}
                            <button class="btn ghost" on:click=undo>"Hoàn tác"</button></p>
                    })}
                    {move || {
                        let list = baselines.get();
                        if list.is_empty() {
                            return view! { <p class="hint">"Chưa có mốc số liệu: chốt số liệu hôm nay, hoặc nhập số liệu năm trước."</p> }.into_any();
                        }
                        let current = base.get().map(|b| b.id);
                        view! {
                            <ul class="baseline-list">
                                {list.into_iter().map(|b| {
                                    let id1 = b.id.clone();
                                    let b2 = b.clone();
                                    let (compare, delete) = vm::row_labels(&b);
                                    let title = monitor::title(&b);
                                    let is_current = current.as_deref() == Some(b.id.as_str());
                                    view! {
                                        <li class="baseline-row" class:current=is_current>
                                            <span class="name">{title}</span>
                                            {(!b.note.is_empty()).then(|| view! { <span class="hint">{format!(" — {}", b.note)}</span> })}
                                            <span class="row-actions">
                                                <button class="btn ghost" aria-pressed=is_current.to_string() on:click=move |_| chosen.set(Some(id1.clone()))>{compare}</button>
                                                <button class="btn danger" aria-label=delete on:click=move |_| remove(b2.clone())>"Xóa"</button>
                                            </span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                </section>

                <section class="monitor-result">
                    <h2>{move || base.with(|b| vm::result_heading(b.as_ref()))}</h2>
                    <p class="score-date">{move || vm::now_line(date.get(), state.roster.with(|r| r.cadres.len()))}</p>
                    <div class="paragraph monitor-paragraph">
                        {move || match Paragraph::of(paragraph.get()) {
                            Paragraph::Text(p) => view! { <p>{p}</p> }.into_any(),
                            hint => view! { <p class="hint">{hint.hint()}</p> }.into_any(),
                        }}
                    </div>
                    {move || { let q = quotas.get(); (!q.is_empty()).then(|| view! {
                        <h3>"So với chỉ tiêu"</h3>
                        <ul class="quota-lines">{q.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    }) }}
                    {move || { let lines = reported.get(); (!lines.is_empty()).then(|| view! {
                        <h3>"Theo báo cáo và theo danh sách"</h3>
                        <table class="reported-lines">
                            <thead><tr><th>"Chỉ tiêu"</th><th>"Theo báo cáo"</th><th>"Theo danh sách"</th><th>"Đối chiếu"</th></tr></thead>
                            <tbody>{lines.into_iter().map(|l| view! {
                                <tr>
                                    <td>{l.sentence}</td>
                                    <td>{l.reported}</td>
                                    <td>{l.roster}</td>
                                    <td>{l.checks.join(" ")}</td>
                                </tr>
                            }).collect_view()}</tbody>
                        </table>
                    }) }}
                    {move || { let c = checks.get(); (!c.is_empty()).then(|| view! {
                        <h3>{CHECKS_TITLE}</h3>
                        <ul class="checks">{c.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    }) }}
                    <button class="btn no-print" on:click=move |_| {
                        let t = vm::copy_all(paragraph.get_untracked().as_deref(), &quotas.get_untracked(), &reported.get_untracked(), &checks.get_untracked());
                        spawn_local(async move { copied.set(store::copy_to_clipboard(&t).await) });
                    }>{move || if copied.get() { "Đã sao chép" } else { "Sao chép đoạn văn" }}</button>
                </section>
                <Signature head=head/>
            </section>
        }
        .into_any()
    }
}
