//! One directive laid out like the document itself, every target scored live against the
//! roster: value, bar with the target and the straight-path marker, status, gap, and on tap
//! who counts and who does not.

use leptos::prelude::*;

use crate::ui::app::{AppState, Route};
use crate::ui::as_of::{as_of, AsOfField};
use crate::ui::widgets::NotFound;
use dtbd_domain::directive::score::target_members;
use dtbd_domain::directive::{
    Date, Directive, DirectiveScore, Item, RosterIndex, Section, Status, Target, TrainingNeed,
};
use dtbd_view::compare::Subject;
use dtbd_view::directive::{self as vm, css_percent, BarScale, Shown};
use dtbd_view::scoring::directive_score_among;

/// What a target's parts need besides its own data: the page's score, its date (tính đến
/// ngày) and the status filter's choice.
#[derive(Clone, Copy)]
struct Scored {
    score: Memo<Option<DirectiveScore>>,
    at: RwSignal<Date>,
    shown: Memo<Option<Shown>>,
}

impl Scored {
    /// Hidden by the status filter (`id` of a target, item or section, as `pick` reads it).
    fn hidden(self, id: String, pick: fn(&Shown) -> &std::collections::HashSet<String>) -> impl Fn() -> bool {
        move || self.shown.with(|sh| sh.as_ref().is_some_and(|sh| !pick(sh).contains(&id)))
    }
}

#[component]
pub fn DirectivePage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let at = as_of(&id);
    let directive = state.directive(id.clone());
    // Record-based targets score from the training records once they are loaded.
    let records = crate::ui::records::training(state);
    let score = Memo::new(move |_| {
        let at = at.get();
        directive.with(|d| {
            d.as_ref().map(|d| {
                state.directives.with(|all| {
                    state.roster.with(|r| records.with(|t| directive_score_among(d, all, r, t.as_ref(), at)))
                })
            })
        })
    });
    // Chips filter the targets by status; a second tap shows them all again.
    let filter = RwSignal::new(None::<Status>);
    let shown = Memo::new(move |_| {
        let f = filter.get()?;
        directive.with(|d| score.with(|s| Some(vm::shown(d.as_ref()?, s.as_ref()?, f))))
    });
    let scored = Scored { score, at, shown };

    move || {
        let Some(d) = directive.get() else {
            return view! { <NotFound what="văn bản" back=(Route::Directives, "Về danh sách văn bản")/> }.into_any();
        };
        let id = d.id.clone();
        let del_id = d.id.clone();
        let summary = move || {
            score.with(|s| {
                s.as_ref().map(|s| {
                    vm::status_summary(s)
                        .into_iter()
                        .map(|(st, text)| view! {
                            <button class=format!("chip status-{}", st.code()) aria-pressed=move || (filter.get() == Some(st)).to_string()
                                on:click=move |_| filter.update(|f| *f = vm::toggle_filter(*f, st))>{text}</button>
                        })
                        .collect_view()
                })
            })
        };
        let filter_note = move || {
            let f = filter.get()?;
            shown.with(|sh| {
                sh.as_ref().map(|sh| view! { <p class="filter-note" role="status">{vm::filter_note(f, sh)}</p> })
            })
        };
        view! {
            <section class="page directive-page">
                <div class="page-head no-print">
                    <a class="btn ghost" href=Route::Directives.href()>"← Văn bản"</a>
                    <span class="row-actions">
                        <a class="btn" href=Route::Status(id.clone()).href()>"Thực trạng"</a>
                        <a class="btn" href=Route::Progress(id.clone()).href()>"Báo cáo tiến độ"</a>
                        <a class="btn" href=Route::Monitor(id.clone()).href()>"So với mốc"</a>
                        <a class="btn" href=Route::Suggestions(id.clone()).href()>"Đề xuất cử đi học"</a>
                        <a class="btn" href=Route::EditDirective(id.clone()).href()>"Sửa văn bản"</a>
                        <button class="btn" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>"In"</button>
                        <button class="btn danger" on:click=move |_| { state.delete_directive(del_id.clone()); state.go(Route::Directives); }>"Xóa"</button>
                    </span>
                </div>
                <AsOfField directive_id=id.clone() date=at/>
                <DocumentHeader d=d.clone()/>
                <p class="score-date">{move || vm::score_date_line(at.get(), state.roster.with(|r| r.cadres.len()))}</p>
                <div class="chips summary" role="group" aria-label="Tóm tắt trạng thái, bấm để lọc">{summary}</div>
                {filter_note}
                <GroupsTable d=d.clone() score=score/>
                <div class="doc-body">
                    {d.sections.iter().map(|s| section_view(&d, s, 0, scored)).collect_view()}
                </div>
            </section>
        }
        .into_any()
    }
}

/// The header block of a Vietnamese official document: issuing body and number on the left,
/// motto and place-date on the right, kind and title centred.
#[component]
pub fn DocumentHeader(d: Directive) -> impl IntoView {
    let (motto, sub) = dtbd_domain::document::motto(&d.issuer);
    let place_date = vm::place_date(&d);
    view! {
        <header class="doc-header">
            <div class="doc-left">
                <p class="issuer">{d.issuer.clone()}</p>
                <p class="star">"*"</p>
                <p>{vm::number_line(&d)}</p>
            </div>
            <div class="doc-right">
                <p class="motto">{motto}</p>
                {(!sub.is_empty()).then(|| view! { <p class="motto-sub">{sub}</p> })}
                <p class="place-date">{place_date}</p>
            </div>
        </header>
        <h1 class="doc-kind">{d.kind.label().to_uppercase()}</h1>
        <p class="doc-title">{d.title.clone()}</p>
    }
}

#[component]
fn GroupsTable(d: Directive, score: Memo<Option<DirectiveScore>>) -> impl IntoView {
    if d.groups.is_empty() {
        return ().into_any();
    }
    let flags = vm::group_flags(&vm::flags(&d));
    view! {
        <details class="groups">
            <summary>{format!("Nhóm đối tượng ({})", dtbd_domain::number::grouped(d.groups.len()))}</summary>
            <table>
                <thead><tr><th>"Nhóm"</th><th>"Theo danh sách"</th><th>"Văn bản nêu"</th><th>"Đối chiếu"</th></tr></thead>
                <tbody>
                    {move || score.with(|s| vm::group_rows(&d, s.as_ref())).into_iter().map(|row| view! {
                        <tr>
                            <td>{row.name}</td>
                            <td class="num">{row.members}</td>
                            <td class="num">{row.stated}</td>
                            <td class="check">{row.check.unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!flags.is_empty()).then(|| view! {
                <ul class="checks">{flags.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
            })}
        </details>
    }
    .into_any()
}

fn section_view(d: &Directive, s: &Section, depth: usize, scored: Scored) -> AnyView {
    let heading = vm::numbered(&s.number, &s.heading);
    view! {
        <section class=format!("doc-section depth-{}", depth.min(3)) class:filtered-out=scored.hidden(s.id.clone(), |sh| &sh.sections)>
            {(!heading.is_empty()).then(|| view! { <h2 class="doc-heading">{heading}</h2> })}
            {(!s.text.is_empty()).then(|| view! { <p class="doc-text">{s.text.clone()}</p> })}
            {s.items.iter().map(|i| item_view(d, i, scored)).collect_view()}
            {s.sections.iter().map(|c| section_view(d, c, depth + 1, scored)).collect_view()}
        </section>
    }
    .into_any()
}

fn item_view(d: &Directive, i: &Item, scored: Scored) -> impl IntoView {
    let text = vm::numbered(&i.number, &i.text);
    let score = scored.score;
    let filtering = move || scored.shown.with(Option::is_some);
    view! {
        <div class="doc-item" class:filtered-out=scored.hidden(i.id.clone(), |sh| &sh.items)>
            {(!text.is_empty()).then(|| view! { <p class="doc-text">{text}</p> })}
            {i.targets.iter().map(|t| view! { <TargetCard d=d.clone() t=t.clone() scored=scored/> }).collect_view()}
            {i.needs.iter().map(|n| view! { <div class:filtered-out=filtering>{need_view(n, score)}</div> }).collect_view()}
            {(!i.note.is_empty()).then(|| view! { <p class="note">{i.note.clone()}</p> })}
        </div>
    }
}

#[component]
fn TargetCard(d: Directive, t: Target, scored: Scored) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Scored { score, at, .. } = scored;
    let flags = vm::flags(&d);
    let reported = vm::reported_line(&t);
    let t2 = t.clone();
    let open = RwSignal::new(false);
    let tid = t.id.clone();
    let this = Memo::new(move |_| score.with(|s| s.as_ref().and_then(|s| s.target(&tid).cloned())));
    let milestones = t.milestones.clone();
    let tid2 = t.id.clone();
    let compare_href =
        Route::Compare { directive: d.id.clone(), subject: Subject::Target(t.id.clone()), parent: None }.href();
    let members = move || {
        let at = at.get();
        state.roster.with(|r| {
            let idx = RosterIndex::build(r);
            target_members(&d, &idx, &tid2, at).map(|(yes, no)| vm::members(r, &yes, &no))
        })
    };
    view! {
        <article class="target" class:open=move || open.get() class:filtered-out=scored.hidden(t.id.clone(), |sh| &sh.targets)>
            <p class="sentence">{t.sentence.clone()}</p>
            {reported.map(|r| view! { <p class="reported">{r}</p> })}
            {move || this.get().map(|s| {
                let value = vm::value_label(&t2, &s);
                let checks = vm::target_checks(&t2, &s, at.get(), &flags);
                let goal = vm::goal_text(&milestones, &s);
                let bar = BarScale::of(&s);
                let gap = s.gap_text();
                let what_if = vm::what_if_text(&s);
                let standard_note = s.standard_note();
                let years = s.years_text();
                view! {
                    <div class="target-line">
                        <span class=format!("status status-{}", s.status.code())>{s.status.label()}</span>
                        <span class="value">{value}</span>
                        {goal.map(|g| view! { <span class="goal">{g}</span> })}
                        {(!gap.is_empty()).then(|| view! { <span class="gap">{gap}</span> })}
                        {s.reason.clone().map(|r| view! { <span class="reason">{r}</span> })}
                    </div>
                    {what_if.map(|w| view! { <p class="what-if">{w}</p> })}
                    {(!standard_note.is_empty()).then(|| view! { <p class="standard-note">{standard_note}</p> })}
                    {(!years.is_empty()).then(|| view! { <p class="years">{years}</p> })}
                    {checks.into_iter().map(|c| view! { <p class="check" role="note">{c}</p> }).collect_view()}
                    {bar.map(|b| view! {
                        <div class="bar" role="img" aria-label=format!("Giá trị {}", s.value_text())>
                            <div class=format!("fill status-{}", s.status.code()) style=("width", css_percent(b.value))></div>
                            {b.target.map(|x| view! { <div class="mark target-mark" title="Mục tiêu" style=("left", css_percent(x))></div> })}
                            {b.path.map(|x| view! { <div class="mark path-mark" title="Tiến độ cần đạt hôm nay" style=("left", css_percent(x))></div> })}
                        </div>
                    })}
                }
            })}
            <a class="btn small no-print" href=compare_href>"So sánh đơn vị"</a>
            {t.measure.from_roster().then(|| view! {
                <button class="btn small no-print" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                    {move || if open.get() { "Ẩn danh sách" } else { "Ai đạt, ai chưa đạt" }}
                </button>
            })}
            {move || open.get().then(|| members().map(|[(met, met_names), (not_met, not_met_names)]| view! {
                <div class="members">
                    <div>
                        <h3>{met}</h3>
                        <p>{met_names}</p>
                    </div>
                    <div>
                        <h3>{not_met}</h3>
                        <p>{not_met_names}</p>
                    </div>
                </div>
            }))}
        </article>
    }
}

fn need_view(n: &TrainingNeed, score: Memo<Option<DirectiveScore>>) -> impl IntoView {
    let nid = n.id.clone();
    let this = move || score.with(|s| s.as_ref().and_then(|s| s.needs.iter().find(|x| x.need_id == nid).cloned()));
    view! {
        <article class="need">
            <p class="sentence">{n.sentence.clone()}</p>
            {move || this().map(|s| view! { <p class="need-line">{vm::need_line(&s)}</p> })}
        </article>
    }
}
