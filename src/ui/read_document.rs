//! Đọc văn bản (`doc-van-ban.html#/doc-van-ban`, a bundle of its own): a directive's text pasted or
//! opened from Word, read by the domain (`directive::reading`), and reviewed: the text with
//! each recognised span beside the proposals, each kept (Nhận), corrected in the editor (Sửa)
//! or left out (Bỏ). Nothing is written until "Lưu văn bản", which saves the accepted set as
//! an ordinary directive and, when the text is a kế hoạch đào tạo, bồi dưỡng, its plan and the
//! course lines kept, in one transaction. What the page shows is `dtbd_view::reading`'s.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store;
use crate::store::prefs::{hand_over, take_handed, Handed};
use crate::ui::app::{mark, measure, AppState, Route};
use crate::ui::directive_editor::NEW;
use crate::ui::widgets::{bring_to_top, file_button, focus_element, SaveRefused};
use dtbd_domain::directive::reading::accept::Unsaved;
use dtbd_domain::directive::reading::{Proposed, Reading};
use dtbd_domain::directive::RosterIndex;
use dtbd_domain::training::plan_reading::{accept_with_plan, read_text_with_plan, Accepted, ProposedPlan};
use dtbd_view::directives::saved_message;
use dtbd_view::reading::{review, review_facts, Decision, Decisions, ProposalRow, Segment};

/// The id of a proposal's row in the list, and of its span in the text.
fn row_id(index: usize) -> String {
    format!("de-xuat-{index}")
}

fn span_id(index: usize) -> String {
    format!("doan-{index}")
}

#[component]
pub fn ReadDocumentPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The review as it was left for the editor's "Sửa", when she comes back from it.
    let (kept_text, kept_decisions) =
        take_handed(Handed::Review).and_then(|handed| Decisions::taken_back(&handed)).unwrap_or_default();
    let area = NodeRef::<leptos::html::Textarea>::new();
    let reading: RwSignal<Option<Arc<Reading>>> = RwSignal::new(None);
    // The plan and course lines, when the text is a kế hoạch: set with `reading`, read with it.
    let proposed_plan: StoredValue<Arc<ProposedPlan>> = StoredValue::new(Arc::default());
    let decisions = RwSignal::new(Decisions::default());
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let unsaved: RwSignal<Vec<Unsaved>> = RwSignal::new(Vec::new());
    let chosen: RwSignal<Option<usize>> = RwSignal::new(None);
    let busy = RwSignal::new(false);

    // Keeps the review for a return from the editor.
    let remember = move || {
        let text = area.get_untracked().map(|a| a.value()).unwrap_or_default();
        hand_over(Handed::Review, &decisions.with_untracked(|d| d.hand_over(&text)));
    };
    let read = move |text: String, restored: Option<Decisions>| {
        mark("dtbd:read-start");
        let outcome = read_text_with_plan(&text);
        mark("dtbd:read-end");
        measure("dtbd:read-document", "dtbd:read-start", "dtbd:read-end");
        unsaved.set(Vec::new());
        chosen.set(None);
        match outcome {
            Ok((r, plan)) => {
                let fresh = Decisions::new(&r);
                decisions.set(restored.filter(|d| d.0.len() == fresh.0.len()).unwrap_or(fresh));
                error.set(None);
                proposed_plan.set_value(Arc::new(plan));
                reading.set(Some(Arc::new(r)));
                // The review opens below the paste box, out of sight on a tablet.
                request_animation_frame(|| bring_to_top(".review-bar"));
            }
            Err(message) => {
                reading.set(None);
                error.set(Some(message));
            }
        }
    };
    if !kept_text.is_empty() {
        read(kept_text.clone(), Some(kept_decisions));
    }

    let on_read = move |_| {
        let Some(text) = area.get_untracked().map(|a| a.value()) else { return };
        read(text, None);
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let name = file.name();
            let text = match store::files::read_file(&file, &mut |_, _, _| true).await {
                Ok(Some(bytes)) => store::xlsx::read_docx(&name, &bytes).await.map_err(|e| e.0),
                Ok(None) => Ok(String::new()),
                Err(e) => Err(e.0),
            };
            busy.set(false);
            match text {
                Ok(text) => {
                    if let Some(a) = area.get_untracked() {
                        a.set_value(&text);
                    }
                    read(text, None);
                }
                Err(message) => {
                    reading.set(None);
                    error.set(Some(message));
                }
            }
        });
    };

    // Counted once per reading and roster: each group's members, what each "Bỏ" takes.
    let facts = Memo::new(move |_| {
        reading.with(|r| {
            r.as_ref().map(|r| {
                let year = store::today().year;
                let facts = state.roster.with(|roster| review_facts(r, &RosterIndex::build(roster), year));
                facts.with_plan(proposed_plan.with_value(|p| ProposedPlan::clone(p)))
            })
        })
    });
    let model = Memo::new(move |_| {
        reading.with(|r| {
            let r = r.as_ref()?;
            facts.with(|f| decisions.with(|d| f.as_ref().map(|f| review(r, d, f))))
        })
    });

    let decide = move |index: usize, decision: Decision| {
        reading.with_untracked(|r| {
            if let Some(r) = r {
                decisions.update(|d| match decision {
                    Decision::Rejected => d.reject(r, index),
                    _ => d.accept(r, index),
                });
            }
        });
        unsaved.set(Vec::new());
    };
    let decide_all = move |decision: Decision| {
        reading.with_untracked(|r| {
            if let Some(r) = r {
                decisions.update(|d| d.all(r, decision));
            }
        });
        unsaved.set(Vec::new());
    };
    let correct = move |index: usize| {
        let draft = reading.with_untracked(|r| {
            r.as_ref().map(|r| decisions.with_untracked(|d| d.draft_with(r, index, store::new_id())))
        });
        if let Some(draft) = draft {
            remember();
            hand_over(Handed::Draft, &serde_json::to_string(&draft).expect("a directive always serialises"));
            let form = reading.with_untracked(|r| {
                r.as_ref().and_then(|r| match &r.proposals.get(index)?.what {
                    Proposed::Target(id) => Some(format!("target:{id}")),
                    Proposed::Group(id) => Some(format!("group:{id}")),
                    _ => None,
                })
            });
            if let Some(form) = form {
                hand_over(Handed::Open, &form);
            }
            state.go(Route::EditDirective(NEW.into()));
        }
    };
    let save = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some(outcome) = reading.with_untracked(|r| {
            r.as_ref().map(|r| {
                let kept = decisions.with_untracked(Decisions::kept);
                proposed_plan.with_value(|plan| accept_with_plan(r, plan, &kept, store::new_id(), store::new_id()))
            })
        }) else {
            return;
        };
        match outcome {
            Err(problems) => unsaved.set(problems),
            Ok(Accepted { directive, plan, lines }) => {
                busy.set(true);
                let with_plan = plan.as_ref().map(|_| lines.len());
                spawn_local(async move {
                    match state.save_directive_with_plans(directive, plan.into_iter().collect(), lines).await {
                        Ok(saved) => {
                            state.say(saved_message(&saved, with_plan));
                            state.go(Route::Directive(saved.id));
                        }
                        Err(SaveRefused::Invalid(errors)) => unsaved
                            .set(errors.into_iter().map(|e| Unsaved { proposal: None, message: e.message }).collect()),
                        Err(SaveRefused::Reported) => {}
                    }
                    busy.set(false);
                });
            }
        }
    };
    let show_row = move |index: usize| {
        chosen.set(Some(index));
        focus_element(&row_id(index));
    };
    let show_span = move |index: usize| {
        chosen.set(Some(index));
        focus_element(&span_id(index));
    };

    view! {
        <section class="page read-document">
            <div class="page-head">
                <h1>"Đọc văn bản"</h1>
                <a class="btn ghost" href=Route::Directives.href()>"Về danh sách văn bản"</a>
            </div>
            <p class="hint">"Dán toàn văn văn bản (từ Word, hoặc sao chép từ PDF) hoặc mở tệp Word, rồi bấm Đọc. Ứng dụng đề xuất thông tin văn bản, các mục, nhóm đối tượng, chỉ tiêu và nhu cầu đào tạo; chưa có gì được lưu cho đến khi bấm \"Lưu văn bản\"."</p>
            <div class="field">
                <label for="read-text">"Toàn văn văn bản"</label>
                <textarea id="read-text" class="read-paste" rows="12" node_ref=area prop:value=kept_text spellcheck="false"></textarea>
            </div>
            <div class="actions">
                {file_button("read-docx", "Mở tệp Word (.docx)", ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document", on_pick)}
                <button type="button" class="btn primary" disabled=move || busy.get() on:click=on_read>"Đọc"</button>
            </div>
            {move || busy.get().then(|| view! { <p role="status">"Đang đọc tệp…"</p> })}
            {move || error.get().map(|m| view! { <p class="error-summary" role="alert">{m}</p> })}
            // Drawn once per reading; a decision redraws only the rows and spans it changed.
            {move || reading.with(Option::is_some).then(|| view! {
                <div class="review-bar">
                    <p class="review-counts" role="status">{move || model.with(|m| m.as_ref().map(|m| m.counts.clone()))}</p>
                    <div class="actions">
                        <button type="button" class="btn" on:click=move |_| decide_all(Decision::Accepted)>"Nhận tất cả"</button>
                        <button type="button" class="btn" on:click=move |_| decide_all(Decision::Rejected)>"Bỏ tất cả"</button>
                        <button type="button" class="btn primary"
                            disabled=move || busy.get() || !model.with(|m| m.as_ref().is_some_and(|m| m.can_save))
                            on:click=save>"Lưu văn bản"</button>
                    </div>
                    {move || model.with(|m| m.as_ref().and_then(|m| m.save_note.clone())).map(|n| view! { <p class="hint">{n}</p> })}
                </div>
                {move || {
                    let problems = unsaved.get();
                    (!problems.is_empty()).then(|| view! {
                        <div class="error-summary" role="alert">
                            <p>"Chưa lưu được văn bản: hãy sửa hoặc bỏ các đề xuất sau."</p>
                            <ul>
                                {problems.into_iter().map(|u| view! {
                                    <li>
                                        {u.message}
                                        {u.proposal.map(|i| view! {
                                            " "
                                            <button type="button" class="link-button" on:click=move |_| show_row(i)>"Xem đề xuất"</button>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        </div>
                    })
                }}
                <div class="review">
                    <div class="review-text" aria-label="Văn bản đã đọc">
                        <For
                            each=move || model.with(|m| m.as_ref().map(|m| m.segments.clone()).unwrap_or_default().into_iter().enumerate())
                            key=|(at, s)| (*at, s.proposal, s.decision)
                            children=move |(_, s)| segment(s, chosen, show_row)
                        />
                    </div>
                    <ol class="review-list" aria-label="Các đề xuất">
                        <For
                            each=move || model.with(|m| m.as_ref().map(|m| m.rows.clone()).unwrap_or_default())
                            key=|row| (row.index, row.decision)
                            children=move |row| proposal_row(row, chosen, decide, correct, show_span)
                        />
                    </ol>
                </div>
            })}
        </section>
    }
}

/// A piece of the text: as text, or a recognised span that leads to its proposal.
fn segment(s: Segment, chosen: RwSignal<Option<usize>>, show_row: impl Fn(usize) + Copy + 'static) -> AnyView {
    match s.proposal {
        None => s.text.into_any(),
        Some(i) => view! {
            <button type="button" id=s.first.then(|| span_id(i)) class=format!("span decision-{}", s.decision.code())
                class:chosen=move || chosen.get() == Some(i)
                on:click=move |_| show_row(i)>{s.text}</button>
        }
        .into_any(),
    }
}

/// One proposal: what it is, where it came from, what it becomes, Nhận / Sửa / Bỏ.
fn proposal_row(
    row: ProposalRow,
    chosen: RwSignal<Option<usize>>,
    decide: impl Fn(usize, Decision) + Copy + 'static,
    correct: impl Fn(usize) + Copy + 'static,
    show_span: impl Fn(usize) + Copy + 'static,
) -> impl IntoView {
    let i = row.index;
    view! {
        <li id=row_id(i) tabindex="-1" class=format!("proposal decision-{}", row.decision.code())
            class:chosen=move || chosen.get() == Some(i)>
            <div class="proposal-head">
                <span class="chip">{row.kind}</span>
                <span class=format!("chip decision-{}", row.decision.code())>{row.decision.label()}</span>
                <button type="button" class="link-button" on:click=move |_| show_span(i)>"Xem trong văn bản"</button>
            </div>
            <p class="proposal-source"><span class="sub">"Câu gốc: "</span>{row.source}</p>
            <p class="proposal-generated"><span class="sub">"Sẽ thành: "</span>{row.generated}</p>
            {row.people.map(|p| view! { <p class="sub">{p}</p> })}
            {row.note.map(|n| view! { <p class="standard-note">{n}</p> })}
            {row.reject_note.map(|n| view! { <p class="hint">{n}</p> })}
            <div class="actions">
                <button type="button" class="btn" on:click=move |_| decide(i, Decision::Accepted)>"Nhận"</button>
                <button type="button" class="btn" on:click=move |_| correct(i)>"Sửa"</button>
                <button type="button" class="btn" on:click=move |_| decide(i, Decision::Rejected)>"Bỏ"</button>
            </div>
        </li>
    }
}
