//! Kế hoạch đào tạo, bồi dưỡng (`ke-hoach.html`): the plans, one plan laid out like the
//! document (II. đào tạo, III. bồi dưỡng, IV. kinh phí) with quota vs đề cử vs đang học vs
//! hoàn thành per line, one course line (nominate in bulk, start, record results, undo), and
//! the dispatch statistics per year.

use std::collections::{BTreeSet, HashSet};

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store;
use crate::ui::app::{db, AppState, Route};
use crate::ui::records::{training, write_change};
use dtbd_domain::directive::{format_count, format_thousands, suggest, Date, Group, RosterIndex};
use dtbd_domain::levels::Scale;
use dtbd_domain::model::RecordMeta;
use dtbd_domain::roster::FieldError;
use dtbd_domain::training::data::{check_line, load_plan_data, load_plan_file, parse_plan_index};
use dtbd_domain::training::{
    self, Applied, CountUnit, CourseLine, DispatchTable, EnrollmentStatus, Grant, Quota, StaffKind, TrainingKind,
    TrainingRecords, Warning,
};

fn loading() -> AnyView {
    view! { <p role="status">"Đang tải hồ sơ đào tạo…"</p> }.into_any()
}

fn money(n: u64) -> String {
    format!("{} đồng", format_thousands(n))
}

/// Nạp mẫu: every file `plans/index.json` lists, validated by the domain, saved in one
/// transaction.
async fn load_templates(state: AppState, recs: RwSignal<Option<TrainingRecords>>) {
    let run = async {
        let index = parse_plan_index(&store::fetch_text("plans/index.json").await.map_err(|e| e.0)?)?;
        let (mut plans, mut lines, mut tables) = (Vec::new(), Vec::new(), Vec::new());
        let now = store::now();
        for entry in index {
            let text = store::fetch_text(&format!("plans/{}", entry.file)).await.map_err(|e| e.0)?;
            let join = |e: Vec<FieldError>| e.into_iter().map(|x| x.message).collect::<Vec<_>>().join(" ");
            if entry.kind == "plan" {
                let f = load_plan_file(&text).map_err(join)?;
                let mut p = f.plan;
                p.meta = RecordMeta::next(None, now);
                plans.push(p);
                lines.extend(f.lines.into_iter().map(|mut l| {
                    l.meta = RecordMeta::next(None, now);
                    l
                }));
            } else {
                let (d, _notes) = load_plan_data(&text).map_err(join)?;
                tables.extend(d.tables);
            }
        }
        Ok::<_, String>((plans, lines, tables))
    };
    let (plans, lines, tables) = match run.await {
        Ok(x) => x,
        Err(e) => return state.fail(e),
    };
    if let Err(e) = db().put_plans(&plans, &lines, &tables).await {
        return state.fail(e.to_string());
    }
    recs.update(|r| {
        let r = r.get_or_insert_with(Default::default);
        for p in &plans {
            let ls: Vec<CourseLine> = lines.iter().filter(|l| l.plan_id == p.id).cloned().collect();
            r.add_plan_file(&training::PlanFile { format: String::new(), plan: p.clone(), lines: ls });
        }
        let ids: HashSet<&str> = tables.iter().map(|t| t.id.as_str()).collect();
        r.aggregates.retain(|t| !ids.contains(t.id.as_str()));
        r.aggregates.extend(tables.iter().cloned());
    });
    state.say(format!("Đã nạp {} kế hoạch mẫu ({} lớp) và {} bảng số liệu.", plans.len(), lines.len(), tables.len()));
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
                let plans: Vec<_> = r.plans.iter().filter(|p| !p.removed).collect();
                if plans.is_empty() {
                    return view! {
                        <p class="empty">"Chưa có kế hoạch nào. Bấm \"Dùng mẫu kế hoạch\" để nạp Kế hoạch đào tạo, bồi dưỡng năm 2021 của Quảng Ngãi (kèm số liệu cử đi học 2010-2023 của Quảng Nam)."</p>
                    }.into_any();
                }
                view! {
                    <ul class="directive-list">
                        {plans.into_iter().map(|p| {
                            let n = r.lines_of(&p.id).count();
                            let years = if p.from_year == p.to_year { format!("Năm {}", p.from_year) } else { format!("{} - {}", p.from_year, p.to_year) };
                            view! {
                                <li class="directive-row plan-row">
                                    <a href=Route::Plan(p.id.clone()).href()>
                                        <span class="name">{p.title.clone()}</span>
                                        <span class="sub">{format!("{} · {years} · {n} lớp / chương trình", p.issuer)}</span>
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}

/// "II.4" → "II"; a line without a section goes under II (đào tạo) or III (bồi dưỡng).
fn part_of(l: &CourseLine) -> String {
    let s = l.section.split('.').next().unwrap_or("").trim();
    if s.is_empty() {
        match l.kind {
            TrainingKind::Training => "II".into(),
            TrainingKind::Refresher => "III".into(),
        }
    } else {
        s.to_string()
    }
}

fn part_title(part: &str) -> String {
    match part {
        "II" => "II. Về công tác đào tạo".into(),
        "III" => "III. Về công tác bồi dưỡng".into(),
        other => format!("{other}. Các lớp khác"),
    }
}

#[component]
pub fn PlanPage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let recs = training(state);
    let pid = id.clone();
    move || {
        let pid = pid.clone();
        recs.with(|r| {
            let Some(r) = r else { return loading() };
            let Some(p) = r.plan(&pid).cloned() else {
                return view! {
                    <section class="page">
                        <h1>"Không tìm thấy kế hoạch"</h1>
                        <a class="btn" href=Route::Plans.href()>"Về danh sách kế hoạch"</a>
                    </section>
                }
                .into_any();
            };
            let lines: Vec<CourseLine> = r.lines_of(&p.id).cloned().collect();
            let mut parts: Vec<String> = Vec::new();
            for l in &lines {
                let k = part_of(l);
                if !parts.contains(&k) {
                    parts.push(k);
                }
            }
            let tables = parts.into_iter().map(|part| {
                let rows: Vec<&CourseLine> = lines.iter().filter(|l| part_of(l) == part).collect();
                view! {
                    <h2 class="doc-heading">{part_title(&part)}</h2>
                    <table class="status-table plan-lines">
                        <thead><tr>
                            <th>"Mục"</th><th>"Lớp / chương trình"</th><th>"Trình độ đạt được"</th><th>"Chỉ tiêu"</th>
                            <th>"Đề cử"</th><th>"Đang học"</th><th>"Hoàn thành"</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|l| {
                                let t = r.tally(&l.id);
                                view! {
                                    <tr class="line-row">
                                        <td>{l.section.clone()}</td>
                                        <td><a href=Route::CourseLine(l.id.clone()).href()>{l.programme.clone()}</a></td>
                                        <td>{l.grants.as_ref().map(|g| g.label()).unwrap_or_else(|| "Không cấp trình độ".into())}</td>
                                        <td>{l.quota.label()}</td>
                                        <td class="num">{t.nominated}</td>
                                        <td class="num">{t.studying}</td>
                                        <td class="num">{t.completed}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            }).collect_view();
            let b = p.budget.clone();
            let budget = (b.total.is_some() || !b.parts.is_empty()).then(|| view! {
                <h2 class="doc-heading">"IV. Kinh phí"</h2>
                <table class="status-table plan-budget">
                    <tbody>
                        {b.parts.iter().map(|x| view! {
                            <tr><td>{if x.label.is_empty() { x.funding.clone() } else { x.label.clone() }}</td><td class="num">{money(x.amount)}</td></tr>
                        }).collect_view()}
                        <tr class="total"><th>"Tổng kinh phí"</th><th class="num">{money(b.total.unwrap_or_else(|| b.parts_sum()))}</th></tr>
                    </tbody>
                </table>
                {(!b.basis.is_empty()).then(|| view! { <p class="note">{format!("Căn cứ: {}", b.basis)}</p> })}
            });
            let years = if p.from_year == p.to_year { format!("năm {}", p.from_year) } else { format!("{} - {}", p.from_year, p.to_year) };
            view! {
                <section class="page plan-page">
                    <div class="page-head no-print">
                        <a class="btn ghost" href=Route::Plans.href()>"← Kế hoạch"</a>
                    </div>
                    <header class="doc-header">
                        <div class="doc-left"><p class="issuer">{p.issuer.clone()}</p><p>{if p.number.is_empty() { String::new() } else { format!("Số {}", p.number) }}</p></div>
                        <div class="doc-right"><p class="place-date">{p.date.map(|d| d.long_vi()).unwrap_or_default()}</p></div>
                    </header>
                    <h1 class="doc-kind">"KẾ HOẠCH"</h1>
                    <p class="doc-title">{format!("{} ({years})", p.title)}</p>
                    {(!p.note.is_empty()).then(|| view! { <p class="note">{p.note.clone()}</p> })}
                    {tables}
                    {budget}
                    <NewLineForm plan_id=p.id.clone() year=(p.from_year == p.to_year).then_some(p.from_year)/>
                </section>
            }
            .into_any()
        })
    }
}

/// "+ Thêm lớp": a course line with the fields an officer needs first; the domain validates.
#[component]
fn NewLineForm(plan_id: String, year: Option<u16>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let recs = training(state);
    let open = RwSignal::new(false);
    let programme = RwSignal::new(String::new());
    let section = RwSignal::new(String::new());
    let kind = RwSignal::new("dao_tao".to_string());
    let grant = RwSignal::new(String::new());
    let quota = RwSignal::new(String::new());
    let errors: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    let grant_options: Vec<(String, String)> = Scale::ALL
        .iter()
        .enumerate()
        .flat_map(|(si, s)| {
            s.levels()
                .into_iter()
                .skip(1)
                .map(move |(code, label)| (format!("{si}:{code}"), format!("{}: {label}", s.label())))
        })
        .collect();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let grants = grant.get_untracked().split_once(':').and_then(|(s, l)| {
            s.parse::<usize>().ok().and_then(|i| Scale::ALL.get(i)).map(|s| Grant { scale: *s, level: l.to_string() })
        });
        let q = quota.get_untracked();
        let persons = q.trim().parse::<u32>().ok();
        if !q.trim().is_empty() && persons.is_none() {
            errors.set(vec![FieldError {
                field: "quota".into(), message: "Chỉ tiêu phải là một số người.".into()
            }]);
            return;
        }
        let line = CourseLine {
            id: store::new_id(),
            plan_id: plan_id.clone(),
            section: section.get_untracked().trim().to_string(),
            kind: TrainingKind::from_code(&kind.get_untracked()).unwrap_or(TrainingKind::Training),
            programme: programme.get_untracked().trim().to_string(),
            grants,
            attendance: None,
            abroad: false,
            event: Default::default(),
            institutions: vec![],
            audience: None,
            audience_text: String::new(),
            conditions: String::new(),
            quota: Quota { persons, on_demand: persons.is_none(), ..Quota::default() },
            directing_body: String::new(),
            organising_body: String::new(),
            time: String::new(),
            year,
            fields: vec![],
            sectors: vec![],
            block: None,
            classes_planned: None,
            classes_held: vec![],
            budget: None,
            targets: vec![],
            note: String::new(),
            removed: false,
            meta: RecordMeta::next(None, store::now()),
        };
        let e = check_line(&line);
        if !e.is_empty() {
            errors.set(e);
            return;
        }
        errors.set(vec![]);
        spawn_local(async move {
            match db().put_plans(&[], std::slice::from_ref(&line), &[]).await {
                Ok(()) => {
                    recs.update(|r| r.get_or_insert_with(Default::default).lines.push(line.clone()));
                    programme.set(String::new());
                    quota.set(String::new());
                    open.set(false);
                    state.say(format!("Đã thêm lớp \"{}\".", line.programme));
                }
                Err(e) => state.fail(e.to_string()),
            }
        });
    };
    view! {
        <div class="no-print">
            <button class="btn" on:click=move |_| open.update(|o| *o = !*o)>"+ Thêm lớp"</button>
            {move || open.get().then(|| {
                let grant_options = grant_options.clone();
                view! {
                    <form class="panel new-line" on:submit=save.clone()>
                        <div class="field"><label for="nl-programme">"Lớp / chương trình"</label>
                            <input id="nl-programme" prop:value=move || programme.get() on:input=move |ev| programme.set(event_target_value(&ev))/></div>
                        <div class="field"><label for="nl-section">"Mục trong kế hoạch"</label>
                            <input id="nl-section" placeholder="II.6" prop:value=move || section.get() on:input=move |ev| section.set(event_target_value(&ev))/></div>
                        <div class="field"><label for="nl-kind">"Loại"</label>
                            <select id="nl-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                                {TrainingKind::ALL.iter().map(|k| view! { <option value=k.code()>{k.label()}</option> }).collect_view()}
                            </select></div>
                        <div class="field"><label for="nl-grants">"Trình độ đạt được"</label>
                            <select id="nl-grants" on:change=move |ev| grant.set(event_target_value(&ev))>
                                <option value="">"Không cấp trình độ"</option>
                                {grant_options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                            </select></div>
                        <div class="field"><label for="nl-quota">"Chỉ tiêu (người)"</label>
                            <input id="nl-quota" inputmode="numeric" prop:value=move || quota.get() on:input=move |ev| quota.set(event_target_value(&ev))/></div>
                        {move || {
                            let e = errors.get();
                            (!e.is_empty()).then(|| view! { <ul class="error-summary" role="alert">{e.into_iter().map(|x| view! { <li>{x.message}</li> }).collect_view()}</ul> })
                        }}
                        <button class="btn" type="submit">"Lưu lớp"</button>
                    </form>
                }
            })}
        </div>
    }
}

/// The directive groups a line's audience rule may name: those of the plan's directives.
fn plan_groups(state: AppState, r: &TrainingRecords, line: &CourseLine) -> Vec<Group> {
    let ids = r.plan(&line.plan_id).map(|p| p.directive_ids.clone()).unwrap_or_default();
    state.directives.with_untracked(|all| {
        all.iter().filter(|d| ids.contains(&d.id)).flat_map(|d| d.groups.iter().cloned()).collect()
    })
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
    let date = RwSignal::new(store::today().to_string());
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
    let run = move |op: &'static str| {
        let Some(Some(l)) = line.get_untracked() else { return };
        let Some(on) = Date::parse(&date.get_untracked()) else { return state.fail("Ngày không hợp lệ.") };
        let ids: Vec<String> = ticked.get_untracked().into_iter().collect();
        let roster = state.roster.get_untracked();
        let r = recs.get_untracked().unwrap_or_default();
        let now = store::now();
        let mut new_id = store::new_id;
        let (result, verb) = match op {
            "nominate" => {
                let ids: Vec<String> = picked.get_untracked().into_iter().collect();
                if ids.is_empty() {
                    return state.fail("Chưa chọn cán bộ nào để đề cử.");
                }
                let groups = plan_groups(state, &r, &l);
                let n = ids.len();
                (
                    training::nominate(
                        &RosterIndex::build(&roster),
                        &groups,
                        &r,
                        &l.id,
                        &ids,
                        store::today(),
                        now,
                        &mut new_id,
                    ),
                    format!("Đã đề cử {n} người."),
                )
            }
            _ if ids.is_empty() => return state.fail("Chưa đánh dấu người nào trong danh sách cử đi học."),
            "start" => (
                training::start(&roster, &r, &ids, on, now, &mut new_id),
                format!("Đã ghi nhập học cho {} người.", ids.len()),
            ),
            "complete" => (
                training::complete(&roster, &r, &ids, on, "", now, &mut new_id),
                format!("Đã ghi hoàn thành cho {} người.", ids.len()),
            ),
            "fail" => (
                training::fail(&roster, &r, &ids, on, "", now, &mut new_id),
                format!("Đã ghi không hoàn thành cho {} người.", ids.len()),
            ),
            _ => (
                training::withdraw(&roster, &r, &ids, on, now, &mut new_id),
                format!("Đã ghi rút cho {} người.", ids.len()),
            ),
        };
        match result {
            Ok(a) => finish(a, verb),
            Err(e) => state.fail(e),
        }
    };
    // Đề xuất cử đi học: tick everyone a directive's suggestion list names (the officer
    // reviews the ticks before nominating).
    let from_directive = move |directive_id: String| {
        let Some(d) = state.directives.with_untracked(|all| all.iter().find(|d| d.id == directive_id).cloned()) else {
            return;
        };
        let today = store::today();
        let lid = line.get_untracked().flatten().map(|l| l.id).unwrap_or_default();
        let ids: HashSet<String> = state.roster.with_untracked(|r| {
            recs.with_untracked(|t| {
                let t = t.clone().unwrap_or_default();
                let open: HashSet<&str> =
                    t.enrollments_of(&lid).filter(|e| e.status.is_open()).map(|e| e.cadre_id.as_str()).collect();
                let idx = RosterIndex::build(r);
                let score = training::score_directive_with_records(&d, &idx, today, &t);
                suggest(&d, &idx, today, &score.targets)
                    .into_iter()
                    .flat_map(|b| b.people.into_iter().map(|p| p.cadre_id))
                    .filter(|id| !open.contains(id.as_str()))
                    .collect()
            })
        });
        let n = ids.len();
        picked.set(ids);
        state.say(format!(
            "Đã chọn {n} người theo danh sách đề xuất của văn bản {}: hãy xem lại trước khi đề cử.",
            d.number
        ));
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
        let lid = l.id.clone();
        let lid2 = l.id.clone();
        let tally = Memo::new(move |_| recs.with(|r| r.as_ref().map(|r| r.tally(&lid)).unwrap_or_default()));
        let enrolled = move || {
            recs.with(|r| {
                let Some(r) = r else { return vec![] };
                state.roster.with(|ro| {
                    r.enrollments_of(&lid2)
                        .map(|e| {
                            let (name, unit) = ro.cadre(&e.cadre_id).map_or((e.cadre_id.clone(), String::new()), |c| {
                                (c.full_name.clone(), ro.unit_name(&c.unit_id).to_string())
                            });
                            (e.clone(), name, unit)
                        })
                        .collect::<Vec<_>>()
                })
            })
        };
        let lid3 = l.id.clone();
        let candidates = move || {
            let q = query.get();
            let open: HashSet<String> = recs.with(|r| {
                r.as_ref().map_or(HashSet::new(), |r| {
                    r.enrollments_of(&lid3).filter(|e| e.status.is_open()).map(|e| e.cadre_id.clone()).collect()
                })
            });
            let found: Option<HashSet<String>> = (!q.trim().is_empty())
                .then(|| state.index.with(|i| i.0.find(&q).into_iter().map(str::to_string).collect()));
            state.roster.with(|ro| {
                ro.cadres
                    .iter()
                    .filter(|c| !open.contains(&c.id) && found.as_ref().is_none_or(|f| f.contains(&c.id)))
                    .take(200)
                    .map(|c| (c.id.clone(), c.full_name.clone(), ro.unit_name(&c.unit_id).to_string()))
                    .collect::<Vec<_>>()
            })
        };
        view! {
            <section class="page line-page">
                <div class="page-head no-print">
                    <a class="btn ghost" href=Route::Plan(l.plan_id.clone()).href()>"← Về kế hoạch"</a>
                </div>
                <h1>{l.programme.clone()}</h1>
                <p class="sub">{format!("{} · {} · {}", l.kind.label(), l.grants.as_ref().map(|g| g.label()).unwrap_or_else(|| "Không cấp trình độ".into()), l.quota.label())}</p>
                {(!l.institutions.is_empty()).then(|| view! { <p class="note">{format!("Cơ sở đào tạo: {}", l.institutions.join("; "))}</p> })}
                {(!l.audience_text.is_empty()).then(|| view! { <details><summary>"Đối tượng"</summary><p>{l.audience_text.clone()}</p></details> })}
                {(!l.conditions.is_empty()).then(|| view! { <details><summary>"Điều kiện"</summary><p>{l.conditions.clone()}</p></details> })}
                <div class="chips summary line-tally">
                    {move || {
                        let t = tally.get();
                        [("Đề cử", t.nominated), ("Đang học", t.studying), ("Hoàn thành", t.completed), ("Không hoàn thành", t.failed), ("Rút", t.withdrawn)]
                            .into_iter()
                            .map(|(k, n)| view! { <span class="chip">{format!("{k}: {}", format_count(n))}</span> })
                            .collect_view()
                    }}
                </div>
                {move || last.get().map(|(text, _)| view! {
                    <div class="undo-line" role="status">
                        <span>{text}</span>
                        <button class="btn" on:click=undo>"Hoàn tác"</button>
                    </div>
                })}
                {move || {
                    let w = warnings.get();
                    (!w.is_empty()).then(|| view! {
                        <ul class="warnings" role="alert">{w.into_iter().map(|x| view! { <li>{format!("Cảnh báo: {}", x.message)}</li> }).collect_view()}</ul>
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
                                {rows.into_iter().map(|(e, name, unit)| {
                                    let eid = e.id.clone();
                                    let eid2 = e.id.clone();
                                    let when = match e.status {
                                        EnrollmentStatus::Nominated => e.nominated_on,
                                        EnrollmentStatus::Studying => e.started_on,
                                        _ => e.ended_on,
                                    };
                                    view! {
                                        <tr class="enrollment-row">
                                            <td><input type="checkbox" id=format!("en-{}", e.id) aria-label=format!("Chọn {name}")
                                                prop:checked=move || ticked.with(|t| t.contains(&eid))
                                                on:change=move |ev| { let on = event_target_checked(&ev); let id = eid2.clone(); ticked.update(|t| { if on { t.insert(id); } else { t.remove(&id); } }); }/></td>
                                            <td class="name">{name.clone()}</td>
                                            <td>{unit}</td>
                                            <td class="status">{e.status.label()}</td>
                                            <td>{when.map(|d| d.short_vi()).unwrap_or_default()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        <div class="actions no-print">
                            <label for="line-date">"Ngày"</label>
                            <input id="line-date" type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
                            <button class="btn" on:click=move |_| run("start")>"Nhập học"</button>
                            <button class="btn" on:click=move |_| run("complete")>"Hoàn thành"</button>
                            <button class="btn" on:click=move |_| run("fail")>"Không hoàn thành"</button>
                            <button class="btn" on:click=move |_| run("withdraw")>"Rút"</button>
                        </div>
                        <p class="hint">"Đánh dấu những người cần ghi, chọn ngày, rồi bấm thao tác. Khi lớp kết thúc: đánh dấu người hoàn thành, một ngày, bấm \"Hoàn thành\"; người còn lại ghi \"Không hoàn thành\" hoặc \"Rút\" (hoặc để nguyên nếu còn đang học)."</p>
                    }.into_any()
                }}
                <h2>"Đề cử thêm"</h2>
                <div class="field no-print">
                    <label for="from-directive">"Chọn theo đề xuất cử đi học của văn bản"</label>
                    <select id="from-directive" on:change=move |ev| { let v = event_target_value(&ev); if !v.is_empty() { from_directive(v); } }>
                        <option value="">"(không chọn)"</option>
                        {state.directives.with_untracked(|all| all.iter().map(|d| view! {
                            <option value=d.id.clone()>{format!("{} {}", d.number, d.title)}</option>
                        }).collect_view())}
                    </select>
                </div>
                <div class="field no-print">
                    <label for="nominate-search">"Tìm cán bộ"</label>
                    <input id="nominate-search" type="search" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
                </div>
                <ul class="cadre-list nominate-list">
                    {move || candidates().into_iter().map(|(id, name, unit)| {
                        let a = id.clone();
                        let b = id.clone();
                        view! {
                            <li>
                                <label>
                                    <input type="checkbox" prop:checked=move || picked.with(|p| p.contains(&a))
                                        on:change=move |ev| { let on = event_target_checked(&ev); let id = b.clone(); picked.update(|p| { if on { p.insert(id); } else { p.remove(&id); } }); }/>
                                    {format!(" {name}")}
                                    <span class="sub">{format!(" · {unit}")}</span>
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <button class="btn" on:click=move |_| run("nominate")>{move || format!("Đề cử {} người", picked.with(|p| p.len()))}</button>
            </section>
        }
        .into_any()
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
            let mut years: BTreeSet<u16> = r.enrollments.iter().filter_map(|e| e.started_on.map(|d| d.year)).collect();
            years.insert(store::current_year());
            years.extend(r.aggregates.iter().flat_map(|t| t.rows.iter().map(|row| row.year)));
            let year_list: Vec<u16> = years.iter().copied().collect();
            let chart = dtbd_domain::chart::dispatch_plot(r, &year_list);
            let own_table = dtbd_domain::tables::dispatch_table(r, &year_list);
            let manual = |y: u16, k: TrainingKind| r.aggregate_total(y, k, CountUnit::Attendances).map(|n| format_thousands(n as u64)).unwrap_or_else(|| "-".into());
            let own = view! {
                <h2>"Số lượt cử đi theo năm"</h2>
                <p class="hint">"Cột \"nhập tay\": số liệu nhập tay trước khi dùng ứng dụng (tổng hợp, không gắn với từng cán bộ). Cột \"ứng dụng\": lượt cử đi học (đang học, hoàn thành, không hoàn thành) theo năm nhập học, từ từng hồ sơ cán bộ. Hai nguồn để riêng, không cộng vào nhau."</p>
                <table class="status-table stats-own">
                    <thead><tr>
                        <th>"Năm"</th><th>"Đào tạo: nhập tay"</th><th>"Đào tạo: ứng dụng"</th><th>"Bồi dưỡng: nhập tay"</th><th>"Bồi dưỡng: ứng dụng"</th>
                    </tr></thead>
                    <tbody>
                        {years.into_iter().rev().map(|y| {
                            let a = r.dispatches_in(y, Some(TrainingKind::Training));
                            let b = r.dispatches_in(y, Some(TrainingKind::Refresher));
                            view! { <tr>
                                <td>{y}</td>
                                <td class="num manual">{manual(y, TrainingKind::Training)}</td><td class="num">{format_thousands(a as u64)}</td>
                                <td class="num manual">{manual(y, TrainingKind::Refresher)}</td><td class="num">{format_thousands(b as u64)}</td>
                            </tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            };
            view! {
                <section class="page stats-page">
                    <div class="page-head no-print">
                        <a class="btn ghost" href=Route::Plans.href()>"← Kế hoạch"</a>
                        <button class="btn" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>"In"</button>
                    </div>
                    <crate::ui::print::ReportHeadForm head=head date=date/>
                    <crate::ui::print::ReportHeader head=head date=date title="BÁO CÁO\nThống kê cử đi đào tạo, bồi dưỡng theo năm".to_string()/>
                    {own}
                    <crate::ui::report_table::CsvButton table=own_table label="Tải CSV (số liệu ứng dụng)"/>
                    <crate::ui::chart::PlotView plot=chart/>
                    {if r.aggregates.is_empty() {
                        view! { <p class="empty">"Chưa có số liệu các năm trước. Bấm \"Dùng mẫu kế hoạch\" ở trang Kế hoạch để nạp số liệu 2010-2023 của Quảng Nam."</p> }.into_any()
                    } else {
                        r.aggregates.iter().map(aggregate_table).collect_view().into_any()
                    }}
                    <crate::ui::print::Signature head=head/>
                </section>
            }
            .into_any()
        })
    }
}

/// One historical table as printed, with the cán bộ-công chức / viên chức subtotals.
fn aggregate_table(t: &DispatchTable) -> impl IntoView {
    let staff = [StaffKind::CadreOrCivilServant, StaffKind::PublicEmployee];
    view! {
        <section class="aggregate">
            <h2>{t.title.clone()}</h2>
            <crate::ui::report_table::CsvButton table=dtbd_domain::tables::aggregate_table(t)/>
            <p class="note aggregate-label">{format!("Số liệu nhập tay trước khi dùng ứng dụng. {} Đơn vị: {}. {}", DispatchTable::LABEL, t.unit.label().to_lowercase(), t.source)}</p>
            <div class="table-scroll">
                <table class="status-table stats-aggregate">
                    <thead><tr>
                        <th>"Năm"</th>
                        {t.columns.iter().map(|c| view! { <th>{format!("{} ({})", c.label, c.staff.label())}</th> }).collect_view()}
                        {staff.iter().map(|s| view! { <th>{format!("Cộng {}", s.label())}</th> }).collect_view()}
                        <th>"Tổng"</th>
                    </tr></thead>
                    <tbody>
                        {t.rows.iter().map(|row| view! {
                            <tr>
                                <td>{row.year}</td>
                                {row.counts.iter().map(|n| view! { <td class="num">{format_thousands(*n as u64)}</td> }).collect_view()}
                                {staff.iter().map(|s| view! { <td class="num">{format_thousands(t.staff_total(row.year, *s) as u64)}</td> }).collect_view()}
                                <td class="num">{format_thousands(row.total as u64)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
