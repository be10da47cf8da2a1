//! The structured forms of the editor: a target (chỉ tiêu) and a group (nhóm đối tượng).
//! They hold the domain's drafts; `build` turns a draft into a rule or says, field by field,
//! what is wrong. Nothing is written to the directive until the draft builds. The group form
//! is a tree of conditions (every kind of rule the model holds, "và"/"hoặc" blocks, "trừ"
//! lists), and shows, as the rule is typed, how many people it takes and (on request) who.

use leptos::prelude::*;

use crate::store;
use crate::ui::app::AppState;
use crate::ui::directive_outline::Panel;
use crate::ui::widgets::error_summary;
use dtbd_domain::directive::describe::lower_first;
use dtbd_domain::directive::draft::{scale_code, scale_from_code};
use dtbd_domain::directive::group_draft::{path_key, path_label};
use dtbd_domain::directive::{
    describe_rule, Combine, Comparator, ConditionDraft, ConditionKind, CriterionDraft, CriterionKind, Directive,
    EventKind, GroupDraft, MatchHow, MeasureKind, MilestoneDraft, ReportDraft, Stage, Step, Tally, TargetDraft,
    WindowKind,
};
use dtbd_domain::directive::{ChangeUnit, Outcome};
use dtbd_domain::error::{message_for, messages_under};
use dtbd_domain::levels::Scale;
use dtbd_domain::model::{Category, CivilGrade, Committee, Gender, GovLevel, Leadership, Region, UnitKind};
use dtbd_domain::roster::{FieldError, Roster};
use dtbd_view::group_form::{draft_matches, label_choices, label_values, GroupMatches};

/// The message for `key` among `errs`.
fn msg(errs: RwSignal<Vec<FieldError>>, key: &'static str) -> impl Fn() -> Option<String> + Copy {
    move || errs.with(|e| message_for(e, key))
}

/// A labelled text input bound to one String field of a draft.
fn text<T: Send + Sync + 'static>(
    form: RwSignal<T>,
    errs: RwSignal<Vec<FieldError>>,
    id: &'static str,
    label: &'static str,
    key: &'static str,
    get: fn(&T) -> &String,
    set: fn(&mut T) -> &mut String,
) -> impl IntoView {
    let error = msg(errs, key);
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id>{label}</label>
            <input id=id type="text" prop:value=move || form.with(|f| get(f).clone())
                on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| *set(f) = v) } />
            {move || error().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </div>
    }
}

/// A select over `(code, label)` pairs bound to a draft by code.
fn select<T: Send + Sync + 'static>(
    form: RwSignal<T>,
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    get: fn(&T) -> String,
    set: fn(&mut T, &str),
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id prop:value=move || form.with(get) on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| set(f, &v)) }>
                {options.into_iter().map(|(code, name)| {
                    let c = code.clone();
                    view! { <option value=code selected=move || form.with(|f| get(f) == c)>{name}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// Checkboxes for a set of values held as a Vec in the draft.
fn checks<T: Send + Sync + 'static, V: Copy + PartialEq + Send + Sync + 'static>(
    form: RwSignal<T>,
    legend: &'static str,
    all: &'static [V],
    label: fn(V) -> &'static str,
    get: fn(&T) -> &Vec<V>,
    set: fn(&mut T) -> &mut Vec<V>,
) -> impl IntoView {
    view! {
        <fieldset class="checks">
            <legend>{legend}</legend>
            {all.iter().map(|v| {
                let v = *v;
                view! {
                    <label class="check-label">
                        <input type="checkbox"
                            prop:checked=move || form.with(|f| get(f).contains(&v))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                form.update(|f| {
                                    let list = set(f);
                                    list.retain(|x| *x != v);
                                    if on { list.push(v) }
                                })
                            } />
                        " " {label(v)}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

fn opt<V: Copy>(
    none: &str,
    all: &[V],
    code: fn(V) -> &'static str,
    label: fn(V) -> &'static str,
) -> Vec<(String, String)> {
    std::iter::once((String::new(), none.to_string()))
        .chain(all.iter().map(|v| (code(*v).to_string(), label(*v).to_string())))
        .collect()
}

fn how_options() -> Vec<(String, String)> {
    MatchHow::ALL.iter().map(|h| (h.code().to_string(), h.label().to_string())).collect()
}

fn how_code(h: MatchHow) -> String {
    h.code().into()
}

fn how_from(c: &str) -> MatchHow {
    MatchHow::from_code(c).unwrap_or_default()
}

#[component]
pub fn TargetForm(
    draft: RwSignal<Directive>,
    panel: RwSignal<Option<Panel>>,
    item: String,
    id: Option<String>,
) -> impl IntoView {
    let initial = draft.with_untracked(|d| {
        id.as_ref().and_then(|id| d.target(id)).map(TargetDraft::from_target).unwrap_or_else(|| TargetDraft::blank(d))
    });
    let form = RwSignal::new(initial);
    let errs: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    let shows = move |f: &'static str| form.with(|t| t.kind.fields().contains(&f));
    let generated = move || draft.with(|d| form.with(|t| t.generated_sentence(d)));
    let editing = id.clone();

    let save = move |_| {
        let d = draft.get_untracked();
        match form.with_untracked(|t| t.build(&d)) {
            Ok(target) => {
                let mut next = d;
                let done = match &editing {
                    Some(id) => next.replace_target(id, target).map(|_| ()),
                    None => next.add_target(&item, target).map(|_| ()),
                };
                match done {
                    Ok(()) => {
                        draft.set(next);
                        panel.set(None);
                    }
                    Err(m) => errs.set(vec![FieldError { field: String::new(), message: m }]),
                }
            }
            Err(e) => errs.set(e),
        }
    };

    let group_options = move || {
        draft.with(|d| {
            std::iter::once((String::new(), "(chọn nhóm)".to_string()))
                .chain(d.groups.iter().map(|g| (g.id.clone(), g.name.clone())))
                .collect::<Vec<_>>()
        })
    };
    let criteria_count = move || form.with(|t| t.criteria.len());
    let milestone_count = move || form.with(|t| t.milestones.len());
    let report_count = move || form.with(|t| t.reports.len());

    view! {
        <fieldset class="panel" aria-label="Biểu mẫu chỉ tiêu">
            <legend>{if id.is_some() { "Sửa chỉ tiêu" } else { "Thêm chỉ tiêu" }}</legend>
            {error_summary(errs, dtbd_view::form_fields::target)}
            <div class="grid">
                {select(form, "t-kind", "Loại chỉ tiêu",
                    MeasureKind::ALL.iter().map(|k| (k.code().to_string(), k.label().to_string())).collect(),
                    |t| t.kind.code().to_string(),
                    |t, v| if let Some(k) = MeasureKind::from_code(v) { t.kind = k })}
                {move || shows("group").then(|| {
                    let error = msg(errs, "group");
                    view! {
                        <div class="field" class:invalid=move || error().is_some()>
                            <label for="t-group">"Nhóm đối tượng"</label>
                            <select id="t-group" prop:value=move || form.with(|t| t.group.clone()) on:change=move |ev| { let v = event_target_value(&ev); form.update(|t| t.group = v) }>
                                {group_options().into_iter().map(|(gid, name)| {
                                    let g = gid.clone();
                                    view! { <option value=gid selected=move || form.with(|t| t.group == g)>{name}</option> }
                                }).collect_view()}
                            </select>
                            {move || error().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                        </div>
                    }
                })}
                {move || shows("comparator").then(|| select(form, "t-comparator", "So sánh",
                    Comparator::ALL.iter().map(|c| (c.code().to_string(), c.form_label().to_string())).collect(),
                    |t| t.comparator.code().to_string(),
                    |t, v| if let Some(c) = Comparator::from_code(v) { t.comparator = c }))}
            </div>

            {move || shows("criteria").then(|| view! {
                <fieldset class="sub-panel">
                    <legend>"Tiêu chuẩn (người đạt khi đáp ứng tất cả)"</legend>
                    {move || (0..criteria_count()).map(|i| criterion_row(draft, form, errs, i)).collect_view()}
                    <button type="button" class="btn small" on:click=move |_| form.update(|t| t.criteria.push(CriterionDraft::default()))>"+ Thêm tiêu chuẩn"</button>
                </fieldset>
            })}

            {move || shows("units").then(|| view! {
                <fieldset class="sub-panel">
                    <legend>"Đơn vị được tính (mỗi đơn vị)"</legend>
                    {checks(form, "Cấp", GovLevel::ALL, GovLevel::label, |t: &TargetDraft| &t.units.levels, |t: &mut TargetDraft| &mut t.units.levels)}
                    {checks(form, "Loại đơn vị", UnitKind::ALL, UnitKind::label, |t: &TargetDraft| &t.units.kinds, |t: &mut TargetDraft| &mut t.units.kinds)}
                    {text(form, errs, "t-unit-names", "Tên đơn vị bắt đầu bằng (cách nhau bằng dấu ;)", "units.names", |t| &t.units.names, |t| &mut t.units.names)}
                </fieldset>
            })}

            <div class="grid">
                {move || shows("training").then(|| text(form, errs, "t-training", "Chương trình đào tạo, bồi dưỡng", "training", |t| &t.training, |t| &mut t.training))}
                {move || shows("window").then(|| select(form, "t-window", "Khoảng thời gian",
                    WindowKind::ALL.iter().map(|w| (w.code().to_string(), w.label().to_string())).collect(),
                    |t| t.window.code().to_string(),
                    |t, v| if let Some(w) = WindowKind::from_code(v) { t.window = w }))}
                {move || shows("window").then(|| text(form, errs, "t-window-years", "Số năm (1 lần trong N năm)", "window_years", |t| &t.window_years, |t| &mut t.window_years))}
                {move || shows("agency").then(|| text(form, errs, "t-agency", "Cơ quan, ngành", "agency", |t| &t.agency, |t| &mut t.agency))}
                {move || shows("event").then(|| select(form, "t-event", "Loại hoạt động",
                    EventKind::ALL.iter().map(|e| (e.code().to_string(), e.label().to_string())).collect(),
                    |t| t.event.code().to_string(),
                    |t, v| if let Some(e) = EventKind::from_code(v) { t.event = e }))}
                {move || shows("contents").then(|| text(form, errs, "t-contents", "Các nội dung khác (cách nhau bằng dấu ;)", "contents", |t| &t.contents, |t| &mut t.contents))}
                {move || (shows("contents") && form.with(|t| !t.contents.trim().is_empty())).then(|| select(form, "t-combine", "Yêu cầu về các nội dung",
                    Combine::ALL.iter().map(|c| (c.code().to_string(), c.label().to_string())).collect(),
                    |t| t.combine.code().to_string(),
                    |t, v| if let Some(c) = Combine::from_code(v) { t.combine = c }))}
                {move || shows("tally").then(|| select(form, "t-tally", "Đếm theo",
                    Tally::ALL.iter().map(|c| (c.code().to_string(), c.label().to_string())).collect(),
                    |t| t.tally.code().to_string(),
                    |t, v| if let Some(c) = Tally::from_code(v) { t.tally = c }))}
                {move || shows("stage").then(|| select(form, "t-stage", "Tính khi",
                    Stage::ALL.iter().map(|c| (c.code().to_string(), c.label().to_string())).collect(),
                    |t| t.stage.code().to_string(),
                    |t, v| if let Some(c) = Stage::from_code(v) { t.stage = c }))}
                {move || shows("per_year").then(|| select(form, "t-per-year", "Chỉ tiêu áp dụng",
                    vec![("".into(), "Cả giai đoạn".into()), ("1".into(), "Mỗi năm".into())],
                    |t| if t.per_year { "1".into() } else { String::new() },
                    |t, v| t.per_year = v == "1"))}
                {move || shows("start_year").then(|| text(form, errs, "t-start-year", "Năm bắt đầu (khi chương trình có trước văn bản)", "start_year", |t| &t.start_year, |t| &mut t.start_year))}
                {move || shows("continuing").then(|| select(form, "t-continuing", "Thời hạn",
                    vec![("".into(), "Có thời hạn (theo các mốc)".into()), ("1".into(), "Tiếp tục, không có thời hạn".into())],
                    |t| if t.continuing { "1".into() } else { String::new() },
                    |t, v| t.continuing = v == "1"))}
            </div>

            {move || shows("milestones").then(|| view! {
                <fieldset class="sub-panel">
                    <legend>{move || if form.with(|t| t.kind.is_percent()) { "Mốc và mức chỉ tiêu (%)" } else { "Mốc và mức chỉ tiêu (số người, số lớp)" }}</legend>
                    {move || (0..milestone_count()).map(|i| milestone_row(form, errs, i)).collect_view()}
                    <button type="button" class="btn small" on:click=move |_| form.update(|t| t.milestones.push(MilestoneDraft::default()))>"+ Thêm mốc"</button>
                </fieldset>
            })}

            {move || (shows("reached") && form.with(|t| t.comparator == Comparator::Maintain)).then(|| view! {
                <div class="grid">
                    {text(form, errs, "t-reached-directive", "Duy trì mức đã đạt của văn bản (số ký hiệu; để trống nếu là văn bản này)", "reached_directive", |t| &t.reached_directive, |t| &mut t.reached_directive)}
                    {text(form, errs, "t-reached-target", "… chỉ tiêu (mã; để trống để giữ mức của mốc trước)", "reached_target", |t| &t.reached_target, |t| &mut t.reached_target)}
                </div>
            })}

            {move || shows("baseline").then(|| view! {
                <div class="grid">
                    {text(form, errs, "t-baseline", "Số liệu gốc văn bản nêu (%)", "baseline_value", |t| &t.baseline_value, |t| &mut t.baseline_value)}
                    {text(form, errs, "t-baseline-year", "Năm của số liệu gốc", "baseline_year", |t| &t.baseline_year, |t| &mut t.baseline_year)}
                </div>
            })}

            <fieldset class="sub-panel">
                <legend>"Kết quả theo báo cáo (số liệu văn bản nêu, ví dụ “gần 40”, “hơn 2.000”, “tăng 3,6 so với năm 2010”)"</legend>
                {move || (0..report_count()).map(|i| report_row(form, errs, i)).collect_view()}
                <button type="button" class="btn small" on:click=move |_| form.update(|t| t.reports.push(ReportDraft::default()))>"+ Thêm kết quả báo cáo"</button>
            </fieldset>

            <div class="field">
                <label for="t-sentence">"Câu chỉ tiêu (chép nguyên văn của văn bản, hoặc để trống để dùng câu tự động)"</label>
                <textarea id="t-sentence" rows="3" prop:value=move || form.with(|t| t.sentence.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|t| t.sentence = v) }></textarea>
                {move || generated().map(|g| {
                    let g2 = g.clone();
                    view! {
                        <p class="hint generated">"Câu tự động: " <em>{g}</em> " "
                            <button type="button" class="btn small" on:click=move |_| form.update(|t| t.sentence = g2.clone())>"Dùng câu này"</button>
                        </p>
                    }
                })}
            </div>
            {text(form, errs, "t-note", "Ghi chú", "note", |t| &t.note, |t| &mut t.note)}
            <div class="actions">
                <button type="button" class="btn primary" on:click=save>"Lưu chỉ tiêu"</button>
                <button type="button" class="btn" on:click=move |_| panel.set(None)>"Hủy"</button>
            </div>
        </fieldset>
    }
}

fn criterion_row(
    draft: RwSignal<Directive>,
    form: RwSignal<TargetDraft>,
    errs: RwSignal<Vec<FieldError>>,
    i: usize,
) -> impl IntoView {
    let get = move || form.with(|t| t.criteria.get(i).cloned().unwrap_or_default());
    let error = move || errs.with(|e| messages_under(e, &format!("criteria.{i}")));
    let level_options = move || get().scale.levels();
    view! {
        <div class="repeat-row" role="group" aria-label=format!("Tiêu chuẩn thứ {}", i + 1)>
            <div class="field">
                <label for=format!("t-crit-{i}-kind")>"Loại"</label>
                <select id=format!("t-crit-{i}-kind") on:change=move |ev| { let v = event_target_value(&ev); form.update(|t| if let (Some(c), Some(k)) = (t.criteria.get_mut(i), CriterionKind::from_code(&v)) { c.kind = k }) }>
                    {CriterionKind::ALL.iter().filter(|k| **k != CriterionKind::Person).map(|k| {
                        let k = *k;
                        view! { <option value=k.code() selected=move || get().kind == k>{k.label()}</option> }
                    }).collect_view()}
                </select>
            </div>
            {move || (get().kind == CriterionKind::Level).then(|| view! {
                <div class="field">
                    <label for=format!("t-crit-{i}-scale")>"Thang"</label>
                    <select id=format!("t-crit-{i}-scale") prop:value=move || scale_code(get().scale) on:change=move |ev| { let v = event_target_value(&ev); form.update(|t| if let (Some(c), Some(s)) = (t.criteria.get_mut(i), scale_from_code(&v)) { c.scale = s; c.level.clear(); }) }>
                        {Scale::ALL.iter().map(|s| {
                            let s = *s;
                            view! { <option value=scale_code(s) selected=move || get().scale == s>{s.label()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=format!("t-crit-{i}-level")>"Từ trình độ (trở lên)"</label>
                    <select id=format!("t-crit-{i}-level") prop:value=move || get().level on:change=move |ev| { let v = event_target_value(&ev); form.update(|t| if let Some(c) = t.criteria.get_mut(i) { c.level = v }) }>
                        <option value="" selected=move || get().level.is_empty()>"(chọn trình độ)"</option>
                        {move || level_options().into_iter().skip(1).map(|(code, label)| view! {
                            <option value=code selected=move || get().level == code>{label}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field check">
                    <label>
                        <input type="checkbox" id=format!("t-crit-{i}-studying") prop:checked=move || get().count_studying
                            on:change=move |ev| { let on = event_target_checked(&ev); form.update(|t| if let Some(c) = t.criteria.get_mut(i) { c.count_studying = on }) } />
                        " Tính cả người đang học"
                    </label>
                </div>
            })}
            {move || (get().kind == CriterionKind::Field).then(|| view! {
                <div class="field grow">
                    <label for=format!("t-crit-{i}-field")>"Chuyên ngành (cách nhau bằng dấu ;)"</label>
                    <input id=format!("t-crit-{i}-field") type="text" prop:value=move || get().field
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|t| if let Some(c) = t.criteria.get_mut(i) { c.field = v }) } />
                </div>
            })}
            {move || (get().kind == CriterionKind::Person).then(|| view! {
                <p class="hint">"Điều kiện cá nhân lấy từ văn bản mẫu, giữ nguyên khi lưu."</p>
            })}
            {move || (get().kind == CriterionKind::Standard).then(|| standard_fields(draft, form, i))}
            <button type="button" class="btn ghost" aria-label=format!("Bỏ tiêu chuẩn thứ {}", i + 1)
                on:click=move |_| form.update(|t| { if i < t.criteria.len() { t.criteria.remove(i); } })>"Bỏ"</button>
            {move || { let m = error(); (!m.is_empty()).then(|| view! { <p class="field-error" role="alert">{m}</p> }) }}
        </div>
    }
}

/// The fields of a "đạt chuẩn" criterion: which table, trên chuẩn, which scales, and whether
/// a study or a planned title counts.
fn standard_fields(draft: RwSignal<Directive>, form: RwSignal<TargetDraft>, i: usize) -> AnyView {
    let get = move || form.with(|t| t.criteria.get(i).cloned().unwrap_or_default());
    let flag = move |what: &'static str,
                     label: &'static str,
                     pick: fn(&CriterionDraft) -> bool,
                     put: fn(&mut CriterionDraft, bool)| {
        view! {
            <div class="field check">
                <label>
                    <input type="checkbox" id=format!("t-crit-{i}-{what}") prop:checked=move || pick(&get())
                        on:change=move |ev| { let on = event_target_checked(&ev); form.update(|t| if let Some(c) = t.criteria.get_mut(i) { put(c, on) }) } />
                    " " {label}
                </label>
            </div>
        }
    };
    view! {
        <div class="field">
            <label for=format!("t-crit-{i}-standard")>"Bảng tiêu chuẩn"</label>
            <select id=format!("t-crit-{i}-standard") prop:value=move || get().standard on:change=move |ev| { let v = event_target_value(&ev); form.update(|t| if let Some(c) = t.criteria.get_mut(i) { c.standard = v }) }>
                {move || draft.with(dtbd_view::standards::table_choices).into_iter().map(|(id, name)| {
                    let chosen = id.clone();
                    view! { <option value=id selected=move || get().standard == chosen>{name}</option> }
                }).collect_view()}
            </select>
        </div>
        {flag("above", "Trên chuẩn (cao hơn mức chuẩn một bậc)", |c| c.above, |c, on| c.above = on)}
        {flag("studying", "Tính cả người đang học", |c| c.count_studying, |c, on| c.count_studying = on)}
        {flag("planned", "Theo chức danh quy hoạch", |c| c.planned, |c, on| c.planned = on)}
        <fieldset class="checks">
            <legend>"Chỉ xét các thang (để trống: mọi thang bảng yêu cầu)"</legend>
            {Scale::ALL.iter().map(|s| {
                let scale = *s;
                view! {
                    <label class="check-label">
                        <input type="checkbox" prop:checked=move || get().scales.contains(&scale)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                form.update(|t| if let Some(c) = t.criteria.get_mut(i) {
                                    c.scales.retain(|x| *x != scale);
                                    if on { c.scales.push(scale) }
                                })
                            } />
                        " " {scale.label()}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
    .into_any()
}

/// A row of a repeated part of the target form (a milestone, a report): the list it is in.
struct Rows<R: 'static> {
    form: RwSignal<TargetDraft>,
    /// The row's position.
    i: usize,
    /// Prefix of the inputs' ids ("t-ms").
    id: &'static str,
    list: fn(&TargetDraft) -> &Vec<R>,
    list_mut: fn(&mut TargetDraft) -> &mut Vec<R>,
}

// Copy whatever the row type: only a signal, a position and function pointers are held.
impl<R> Clone for Rows<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R> Copy for Rows<R> {}

impl<R: Clone + Default + Send + Sync + 'static> Rows<R> {
    fn get(self) -> R {
        self.form.with(|t| (self.list)(t).get(self.i).cloned().unwrap_or_default())
    }

    /// A labelled text input bound to one field of the row.
    fn input(
        self,
        what: &'static str,
        label: &'static str,
        pick: fn(&R) -> &String,
        put: fn(&mut R) -> &mut String,
    ) -> impl IntoView {
        let id = format!("{}-{}-{what}", self.id, self.i);
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type="text" prop:value=move || pick(&self.get()).clone()
                    on:input=move |ev| { let v = event_target_value(&ev); self.form.update(|t| if let Some(r) = (self.list_mut)(t).get_mut(self.i) { *put(r) = v }) } />
            </div>
        }
    }
}

fn milestone_row(form: RwSignal<TargetDraft>, errs: RwSignal<Vec<FieldError>>, i: usize) -> impl IntoView {
    let error = move || errs.with(|e| messages_under(e, &format!("milestones.{i}")));
    let rows = Rows { form, i, id: "t-ms", list: |t| &t.milestones, list_mut: |t| &mut t.milestones };
    let input = move |what, label, pick, put| rows.input(what, label, pick, put);
    view! {
        <div class="repeat-row" role="group" aria-label=format!("Mốc thứ {}", i + 1)>
            {input("year", "Đến năm", |m| &m.year, |m| &mut m.year)}
            {input("value", "Mức (ví dụ 50 hoặc 20-25)", |m| &m.value, |m| &mut m.value)}
            {input("increase", "Hoặc tăng thêm so với hiện nay", |m| &m.increase, |m| &mut m.increase)}
            <button type="button" class="btn ghost" aria-label=format!("Bỏ mốc thứ {}", i + 1)
                on:click=move |_| form.update(|t| { if i < t.milestones.len() { t.milestones.remove(i); } })>"Bỏ"</button>
            {move || { let m = error(); (!m.is_empty()).then(|| view! { <p class="field-error" role="alert">{m}</p> }) }}
        </div>
    }
}

/// One year's reported results on the target form.
fn report_row(form: RwSignal<TargetDraft>, errs: RwSignal<Vec<FieldError>>, i: usize) -> impl IntoView {
    let error = move || errs.with(|e| messages_under(e, &format!("reports.{i}")));
    let rows = Rows { form, i, id: "t-rp", list: |t| &t.reports, list_mut: |t| &mut t.reports };
    let get = move || rows.get();
    let input = move |what, label, pick, put| rows.input(what, label, pick, put);
    let unit_id = format!("t-rp-{i}-unit");
    let outcome_id = format!("t-rp-{i}-outcome");
    view! {
        <div class="repeat-row" role="group" aria-label=format!("Kết quả báo cáo thứ {}", i + 1)>
            {input("year", "Năm báo cáo", |r| &r.year, |r| &mut r.year)}
            {input("value", "Đạt (ví dụ 69,5 hoặc gần 40)", |r| &r.value, |r| &mut r.value)}
            {input("numerator", "Tử số (141 của 141/203)", |r| &r.numerator, |r| &mut r.numerator)}
            {input("denominator", "Mẫu số (203)", |r| &r.denominator, |r| &mut r.denominator)}
            {input("change", "Tăng, giảm (ví dụ tăng 3,6 hoặc giảm 1,5)", |r| &r.change, |r| &mut r.change)}
            <div class="field">
                <label for=unit_id.clone()>"Đơn vị tăng, giảm"</label>
                <select id=unit_id prop:value=move || get().change_unit.code()
                    on:change=move |ev| { let v = event_target_value(&ev); form.update(|t| if let (Some(r), Some(u)) = (t.reports.get_mut(i), ChangeUnit::from_code(&v)) { r.change_unit = u }) }>
                    {ChangeUnit::ALL.iter().map(|u| {
                        let label = if *u == ChangeUnit::Points { "Điểm phần trăm (%)" } else { "Người" };
                        view! { <option value=u.code() selected=move || get().change_unit == *u>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            {input("since_year", "So với năm", |r| &r.since_year, |r| &mut r.since_year)}
            {input("of_quota", "Đạt … % so với chỉ tiêu", |r| &r.of_quota, |r| &mut r.of_quota)}
            <div class="field">
                <label for=outcome_id.clone()>"Kết quả bằng lời"</label>
                <select id=outcome_id prop:value=move || get().outcome.map(|o| o.code()).unwrap_or_default()
                    on:change=move |ev| { let v = event_target_value(&ev); form.update(|t| if let Some(r) = t.reports.get_mut(i) { r.outcome = Outcome::from_code(&v) }) }>
                    <option value="" selected=move || get().outcome.is_none()>"(không nêu)"</option>
                    {Outcome::ALL.iter().map(|o| view! { <option value=o.code() selected=move || get().outcome == Some(*o)>{o.label()}</option> }).collect_view()}
                </select>
            </div>
            <button type="button" class="btn ghost" aria-label=format!("Bỏ kết quả báo cáo thứ {}", i + 1)
                on:click=move |_| form.update(|t| { if i < t.reports.len() { t.reports.remove(i); } })>"Bỏ"</button>
            {move || { let m = error(); (!m.is_empty()).then(|| view! { <p class="field-error" role="alert">{m}</p> }) }}
        </div>
    }
}

#[component]
pub fn GroupForm(draft: RwSignal<Directive>, panel: RwSignal<Option<Panel>>, id: Option<String>) -> impl IntoView {
    let existing = draft.with_untracked(|d| id.as_ref().and_then(|id| d.group(id).cloned()));
    let state = expect_context::<AppState>();
    let initial = existing.as_ref().map(GroupDraft::from_group).unwrap_or_else(GroupDraft::blank);
    let form = RwSignal::new(initial);
    let errs: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    let editing = id.clone();

    let save = move |_| {
        let d = draft.get_untracked();
        match form.with_untracked(|g| g.build(&d)) {
            Ok(group) => {
                let mut next = d;
                let done = match &editing {
                    Some(id) => next.replace_group(id, group).map(|_| ()),
                    None => next.add_group(group).map(|_| ()),
                };
                match done {
                    Ok(()) => {
                        draft.set(next);
                        panel.set(None);
                    }
                    Err(m) => errs.set(vec![FieldError { field: String::new(), message: m }]),
                }
            }
            Err(e) => errs.set(e),
        }
    };
    let preview = move || draft.with(|d| form.with(|f| f.describe(d)));
    // Who the rule takes, counted by the domain as the directive will count it.
    let this_year = store::today().year;
    let matches =
        Memo::new(move |_| draft.with(|d| state.roster.with(|r| form.with(|f| draft_matches(f, d, r, this_year)))));
    let ctx = GroupCtx {
        form,
        errs,
        draft,
        roster: state.roster,
        own: StoredValue::new(id.clone().unwrap_or_default()),
        labels: Memo::new(move |_| state.roster.with(label_choices)),
    };

    view! {
        <fieldset class="panel" aria-label="Biểu mẫu nhóm đối tượng">
            <legend>{if id.is_some() { "Sửa nhóm đối tượng" } else { "Thêm nhóm đối tượng" }}</legend>
            {error_summary(errs, dtbd_view::form_fields::group)}
            <div class="grid">
                {text(form, errs, "g-name", "Tên nhóm (như văn bản viết)", "name", |g| &g.name, |g| &mut g.name)}
                {text(form, errs, "g-stated", "Số người văn bản nêu (ví dụ 42 hoặc khoảng 1.200)", "stated_count", |g| &g.stated_count, |g| &mut g.stated_count)}
                {text(form, errs, "g-stated-years", "Số người từng năm, nếu văn bản nêu (ví dụ 2024: 1.150; 2025: khoảng 1.200)", "stated_by_year", |g| &g.stated_by_year, |g| &mut g.stated_by_year)}
            </div>
            <fieldset class="sub-panel cond-root">
                <legend>"Người thuộc nhóm khi"</legend>
                {block_editor(ctx, Vec::new())}
            </fieldset>
            {text(form, errs, "g-note", "Ghi chú", "note", |g| &g.note, |g| &mut g.note)}
            <p class="hint" role="status">{move || preview().map(|p| format!("Nhóm này: {p}"))}</p>
            <MatchCount matches=matches/>
            <div class="actions">
                <button type="button" class="btn primary" on:click=save>"Lưu nhóm"</button>
                <button type="button" class="btn" on:click=move |_| panel.set(None)>"Hủy"</button>
            </div>
        </fieldset>
    }
}

/// What every part of the group form reads and writes.
#[derive(Clone, Copy)]
struct GroupCtx {
    form: RwSignal<GroupDraft>,
    errs: RwSignal<Vec<FieldError>>,
    draft: RwSignal<Directive>,
    roster: RwSignal<Roster>,
    own: StoredValue<String>,
    labels: Memo<Vec<(String, Vec<String>)>>,
}

/// One condition of the group form, by its path in the draft.
#[derive(Clone, Copy)]
struct At {
    ctx: GroupCtx,
    path: StoredValue<Vec<Step>>,
}

impl At {
    fn new(ctx: GroupCtx, path: Vec<Step>) -> Self {
        At { ctx, path: StoredValue::new(path) }
    }

    fn read<R: Default>(self, f: impl FnOnce(&ConditionDraft) -> R) -> R {
        self.ctx.form.with(|g| self.path.with_value(|p| g.rule.at(p).map(f).unwrap_or_default()))
    }

    fn write(self, f: impl FnOnce(&mut ConditionDraft)) {
        self.ctx.form.update(|g| {
            self.path.with_value(|p| g.rule.at_mut(p).map(f));
        });
    }

    fn child(self, step: Step) -> Vec<Step> {
        let mut p = self.path.get_value();
        p.push(step);
        p
    }

    /// The error key of one of its fields ("conditions.0.years").
    fn key(self, field: &str) -> String {
        let k = self.path.with_value(|p| path_key(p));
        if k.is_empty() {
            field.to_string()
        } else {
            format!("{k}.{field}")
        }
    }

    /// A unique element id for one of its fields.
    fn id(self, field: &str) -> String {
        format!("g-{}", self.key(field).replace('.', "-"))
    }

    fn error(self, field: &str) -> impl Fn() -> Option<String> + Copy {
        let key = StoredValue::new(self.key(field));
        let errs = self.ctx.errs;
        move || key.with_value(|k| errs.with(|e| message_for(e, k)))
    }
}

/// A block of conditions: all of them (or one of them), less the exclusions. At the root, a
/// select chooses all or one; a nested block's own card chooses it.
fn block_editor(ctx: GroupCtx, path: Vec<Step>) -> AnyView {
    let at = At::new(ctx, path);
    let root = at.path.with_value(|p| p.is_empty());
    let conditions = Memo::new(move |_| at.read(|c| c.conditions.len()));
    let excepts = Memo::new(move |_| at.read(|c| c.except.len()));
    let block_error = at.error("conditions");
    let combine_id = at.id("kind");
    view! {
        <div class="cond-block">
            {root.then(|| view! {
                <div class="field">
                    <label for=combine_id.clone()>"Gồm những người"</label>
                    <select id=combine_id on:change=move |ev| {
                        let any = event_target_value(&ev) == ConditionKind::AnyOf.code();
                        at.write(|c| c.kind = if any { ConditionKind::AnyOf } else { ConditionKind::AllOf });
                    }>
                        <option value=ConditionKind::AllOf.code() selected=move || at.read(|c| c.kind) != ConditionKind::AnyOf>"đủ tất cả các điều kiện dưới đây (và)"</option>
                        <option value=ConditionKind::AnyOf.code() selected=move || at.read(|c| c.kind) == ConditionKind::AnyOf>"ít nhất một điều kiện dưới đây (hoặc)"</option>
                    </select>
                </div>
            })}
            <ol class="cond-list">
                {move || (0..conditions.get()).map(|i| condition_card(ctx, at.child(Step::Condition(i)))).collect_view()}
            </ol>
            {move || (root && conditions.get() == 0).then(|| view! { <p class="hint">"Chưa có điều kiện: nhóm gồm mọi cán bộ trong phạm vi văn bản."</p> })}
            <button type="button" class="btn small" on:click=move |_| at.write(|c| c.conditions.push(ConditionDraft::default()))>"+ Thêm điều kiện"</button>
            {move || block_error().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <fieldset class="cond-except">
                <legend>"Trừ những người"</legend>
                <ol class="cond-list">
                    {move || (0..excepts.get()).map(|i| condition_card(ctx, at.child(Step::Except(i)))).collect_view()}
                </ol>
                <button type="button" class="btn small" on:click=move |_| at.write(|c| c.except.push(ConditionDraft::default()))>"+ Thêm điều kiện loại trừ"</button>
            </fieldset>
        </div>
    }
    .into_any()
}

/// One condition: its kind, its fields (or, for a block, its own conditions), and "Bỏ".
fn condition_card(ctx: GroupCtx, path: Vec<Step>) -> AnyView {
    let label = path_label(&path);
    let at = At::new(ctx, path);
    let kind = Memo::new(move |_| at.read(|c| c.kind));
    let kept = Memo::new(move |_| at.read(|c| c.kept.clone()));
    let kind_id = at.id("kind");
    let prefix = StoredValue::new(at.key(""));
    // Messages of this condition's own fields (a block's inner conditions show their own).
    let own_errors = move || {
        prefix.with_value(|k| {
            ctx.errs.with(|e| {
                e.iter()
                    .filter(|x| {
                        x.field
                            .strip_prefix(k.as_str())
                            .is_some_and(|rest| !rest.contains("conditions") && !rest.contains("except"))
                    })
                    .map(|x| x.message.clone())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        })
    };
    let remove_label = format!("Bỏ {}", lower_first(&label));
    let aria = label.clone();
    view! {
        <li class="cond-card" role="group" aria-label=aria>
            <div class="cond-head">
                <div class="field">
                    <label for=kind_id.clone()>{label}</label>
                    <select id=kind_id on:change=move |ev| {
                        if let Some(k) = ConditionKind::from_code(&event_target_value(&ev)) { at.write(|c| c.set_kind(k)) }
                    }>
                        {ConditionKind::ALL.iter().map(|k| {
                            let k = *k;
                            view! { <option value=k.code() selected=move || kind.get() == k>{k.label()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="button" class="btn ghost" aria-label=remove_label
                    on:click=move |_| ctx.form.update(|g| at.path.with_value(|p| g.rule.remove(p)))>"Bỏ"</button>
            </div>
            {move || match kept.get() {
                Some(rule) => {
                    let words = ctx.draft.with(|d| describe_rule(&rule, d));
                    view! {
                        <p class="hint">"Giữ nguyên theo văn bản mẫu: " <em>{words}</em> " "
                            <button type="button" class="btn small" on:click=move |_| at.write(|c| c.kept = None)>"Thay bằng điều kiện mới"</button>
                        </p>
                    }.into_any()
                }
                None => condition_fields(at, kind.get()),
            }}
            {move || { let m = own_errors(); (!m.is_empty()).then(|| view! { <p class="field-error" role="alert">{m}</p> }) }}
        </li>
    }
    .into_any()
}

/// The fields of one kind of condition.
fn condition_fields(at: At, kind: ConditionKind) -> AnyView {
    match kind {
        ConditionKind::Position => view! {
            <div class="grid">
                {cond_text(at, "text", "Chức danh (cách nhau bằng dấu ;, để trống = mọi chức danh)", |c| &c.text.words, |c| &mut c.text.words)}
                {cond_select(at, "how", "Chức danh so khớp", how_options(), |c| how_code(c.text.how), |c, v| c.text.how = how_from(v))}
                {cond_text(at, "except_words", "Trừ chức danh có chữ", |c| &c.text.except, |c| &mut c.text.except)}
                {cond_select(at, "leadership", "Cấp lãnh đạo từ", opt("(không xét)", Leadership::ALL, Leadership::code, Leadership::label),
                    |c| c.leadership.map(|l| l.code().to_string()).unwrap_or_default(), |c, v| c.leadership = Leadership::from_code(v))}
            </div>
            <details class="cond-unit" open=move || !at.read(|c| c.unit.is_empty())>
                <summary>"Đơn vị của chức vụ"</summary>
                {unit_fields(at)}
            </details>
        }
        .into_any(),
        ConditionKind::Membership => view! {
            <div class="grid">
                {cond_select(at, "committee", "Cơ quan", opt("(chọn cơ quan)", Committee::ALL, Committee::code, Committee::label),
                    |c| c.committee.map(|x| x.code().to_string()).unwrap_or_default(), |c, v| c.committee = Committee::from_code(v))}
                {cond_select(at, "level", "Cấp", opt("(mọi cấp)", GovLevel::ALL, GovLevel::code, GovLevel::label),
                    |c| c.level.map(|x| x.code().to_string()).unwrap_or_default(), |c, v| c.level = GovLevel::from_code(v))}
                {cond_text(at, "text", "Khóa, nhiệm kỳ (để trống = mọi khóa)", |c| &c.text.words, |c| &mut c.text.words)}
            </div>
        }
        .into_any(),
        ConditionKind::WorksIn => unit_fields(at).into_any(),
        ConditionKind::Category => cond_checks(at, "Đối tượng (một trong)", Category::ALL, Category::label, |c| &c.categories, |c| &mut c.categories).into_any(),
        ConditionKind::AgeBelow | ConditionKind::AgeAtLeast => view! {
            <div class="grid">
                {cond_text(at, "years", "Số tuổi", |c| &c.years, |c| &mut c.years)}
                {cond_text(at, "reference_year", "Tính đến năm (để trống = năm đang xét)", |c| &c.reference_year, |c| &mut c.reference_year)}
            </div>
        }
        .into_any(),
        ConditionKind::GradeAtLeast => cond_select(at, "grade", "Từ ngạch (trở lên)", opt("(chọn ngạch)", CivilGrade::ALL, CivilGrade::code, CivilGrade::label),
            |c| c.grade.map(|x| x.code().to_string()).unwrap_or_default(), |c, v| c.grade = CivilGrade::from_code(v)).into_any(),
        ConditionKind::PlannedFor => cond_text(at, "text", "Chức danh quy hoạch (để trống = mọi chức danh)", |c| &c.text.words, |c| &mut c.text.words).into_any(),
        ConditionKind::Gender => cond_select(at, "gender", "Giới tính", opt("(chọn)", Gender::ALL, Gender::code, Gender::label),
            |c| c.gender.map(|x| x.code().to_string()).unwrap_or_default(), |c, v| c.gender = Gender::from_code(v)).into_any(),
        ConditionKind::Local => view! { <p class="hint">"Người địa phương (theo danh sách cán bộ)."</p> }.into_any(),
        ConditionKind::Everyone => view! { <p class="hint">"Mọi cán bộ trong phạm vi văn bản."</p> }.into_any(),
        ConditionKind::Ethnicity => view! {
            {cond_text(at, "ethnicities", "Dân tộc (cách nhau bằng dấu ;)", |c| &c.ethnicities, |c| &mut c.ethnicities)}
            <p class="hint">"Người dân tộc thiểu số: thêm “Trừ những người” có dân tộc Kinh."</p>
        }
        .into_any(),
        ConditionKind::Meets => criterion_fields(at).into_any(),
        ConditionKind::Label => label_fields(at).into_any(),
        ConditionKind::Group => group_select(at).into_any(),
        ConditionKind::AllOf | ConditionKind::AnyOf => block_editor(at.ctx, at.path.get_value()),
    }
}

/// A text input bound to one String field of the condition.
fn cond_text(
    at: At,
    field: &'static str,
    label: &'static str,
    get: fn(&ConditionDraft) -> &String,
    set: fn(&mut ConditionDraft) -> &mut String,
) -> impl IntoView {
    let id = at.id(field);
    let error = at.error(field);
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            <input id=id type="text" prop:value=move || at.read(|c| get(c).clone())
                on:input=move |ev| { let v = event_target_value(&ev); at.write(|c| *set(c) = v) } />
        </div>
    }
}

/// A select over `(code, label)` pairs bound to the condition by code.
fn cond_select(
    at: At,
    field: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    get: fn(&ConditionDraft) -> String,
    set: fn(&mut ConditionDraft, &str),
) -> impl IntoView {
    let id = at.id(field);
    let error = at.error(field);
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            <select id=id on:change=move |ev| { let v = event_target_value(&ev); at.write(|c| set(c, &v)) }>
                {options.into_iter().map(|(code, name)| {
                    let c = code.clone();
                    view! { <option value=code selected=move || at.read(|x| get(x) == c)>{name}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// Checkboxes for a set of values of the condition.
fn cond_checks<V: Copy + PartialEq + Send + Sync + 'static>(
    at: At,
    legend: &'static str,
    all: &'static [V],
    label: fn(V) -> &'static str,
    get: fn(&ConditionDraft) -> &Vec<V>,
    set: fn(&mut ConditionDraft) -> &mut Vec<V>,
) -> impl IntoView {
    view! {
        <fieldset class="checks">
            <legend>{legend}</legend>
            {all.iter().map(|v| {
                let v = *v;
                view! {
                    <label class="check-label">
                        <input type="checkbox" prop:checked=move || at.read(|c| get(c).contains(&v))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                at.write(|c| { let list = set(c); list.retain(|x| *x != v); if on { list.push(v) } })
                            } />
                        " " {label(v)}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The unit of a position, or where a person works.
fn unit_fields(at: At) -> impl IntoView {
    let units = move || {
        at.ctx.roster.with(|r| {
            let mut all: Vec<(String, String)> = r.units.iter().map(|u| (u.id.clone(), u.name.clone())).collect();
            all.sort_by(|a, b| a.1.cmp(&b.1));
            std::iter::once((String::new(), "(mọi đơn vị)".to_string())).chain(all).collect::<Vec<_>>()
        })
    };
    view! {
        {cond_checks(at, "Cấp", GovLevel::ALL, GovLevel::label, |c| &c.unit.levels, |c| &mut c.unit.levels)}
        {cond_checks(at, "Loại đơn vị", UnitKind::ALL, UnitKind::label, |c| &c.unit.kinds, |c| &mut c.unit.kinds)}
        {cond_checks(at, "Trừ loại đơn vị", UnitKind::ALL, UnitKind::label, |c| &c.unit.exclude_kinds, |c| &mut c.unit.exclude_kinds)}
        {cond_checks(at, "Vùng", Region::ALL, Region::label, |c| &c.unit.regions, |c| &mut c.unit.regions)}
        <div class="grid">
            {cond_text(at, "unit.names", "Tên đơn vị (cách nhau bằng dấu ;)", |c| &c.unit.names, |c| &mut c.unit.names)}
            {cond_select(at, "unit.name_how", "Tên đơn vị so khớp", how_options(), |c| how_code(c.unit.name_how), |c, v| c.unit.name_how = how_from(v))}
            {cond_text(at, "unit.exclude_names", "Trừ đơn vị có tên", |c| &c.unit.exclude_names, |c| &mut c.unit.exclude_names)}
            {cond_select(at, "unit.exclude_name_how", "Tên đơn vị loại trừ so khớp", how_options(), |c| how_code(c.unit.exclude_name_how), |c, v| c.unit.exclude_name_how = how_from(v))}
            {move || cond_select(at, "unit.within", "Thuộc đơn vị", units(), |c| c.unit.within.clone(), |c, v| c.unit.within = v.to_string())}
        </div>
    }
}

/// A criterion as a condition: level on a scale, minority or Lao language, field of study.
fn criterion_fields(at: At) -> impl IntoView {
    let criterion = Memo::new(move |_| at.read(|c| Some(c.criterion.kind)));
    let scale = Memo::new(move |_| at.read(|c| Some(c.criterion.scale)));
    view! {
        <div class="grid">
            {cond_select(at, "criterion.kind", "Tiêu chuẩn",
                CriterionKind::ALL.iter().filter(|k| **k != CriterionKind::Person).map(|k| (k.code().to_string(), k.label().to_string())).collect(),
                |c| c.criterion.kind.code().to_string(), |c, v| if let Some(k) = CriterionKind::from_code(v) { c.criterion.kind = k })}
            {move || (criterion.get() == Some(CriterionKind::Level)).then(|| view! {
                {cond_select(at, "criterion.scale", "Thang",
                    Scale::ALL.iter().map(|s| (scale_code(*s).to_string(), s.label().to_string())).collect(),
                    |c| scale_code(c.criterion.scale).to_string(),
                    |c, v| if let Some(s) = scale_from_code(v) { c.criterion.scale = s; c.criterion.level.clear(); })}
                {move || scale.get().map(|s| cond_select(at, "criterion.level", "Từ trình độ (trở lên)",
                    std::iter::once((String::new(), "(chọn trình độ)".to_string()))
                        .chain(s.levels().into_iter().skip(1).map(|(code, label)| (code.to_string(), label.to_string())))
                        .collect(),
                    |c| c.criterion.level.clone(), |c, v| c.criterion.level = v.to_string()))}
                <div class="field check">
                    <label>
                        <input type="checkbox" id=at.id("criterion.count_studying") prop:checked=move || at.read(|c| c.criterion.count_studying)
                            on:change=move |ev| { let on = event_target_checked(&ev); at.write(|c| c.criterion.count_studying = on) } />
                        " Tính cả người đang học"
                    </label>
                </div>
            })}
            {move || (criterion.get() == Some(CriterionKind::Field)).then(||
                cond_text(at, "criterion.field", "Chuyên ngành (cách nhau bằng dấu ;)", |c| &c.criterion.field, |c| &mut c.criterion.field))}
            {move || (criterion.get() == Some(CriterionKind::Standard)).then(|| cond_standard_fields(at))}
        </div>
        <p class="hint">"Ví dụ “cao đẳng, đại học”: từ cao đẳng trở lên, và thêm “Trừ những người” có trình độ thạc sĩ trở lên."</p>
    }
}

/// "Đạt chuẩn" as a condition: which table of the directive, trên chuẩn, which scales, and
/// whether a study or a planned title counts.
fn cond_standard_fields(at: At) -> impl IntoView {
    let tables = move || {
        let choices = at.ctx.draft.with(dtbd_view::standards::table_choices);
        std::iter::once((String::new(), "(chọn bảng)".to_string())).chain(choices).collect::<Vec<_>>()
    };
    let flag = move |what: &'static str,
                     label: &'static str,
                     pick: fn(&ConditionDraft) -> bool,
                     put: fn(&mut ConditionDraft, bool)| {
        view! {
            <div class="field check">
                <label>
                    <input type="checkbox" id=at.id(what) prop:checked=move || at.read(pick)
                        on:change=move |ev| { let on = event_target_checked(&ev); at.write(|c| put(c, on)) } />
                    " " {label}
                </label>
            </div>
        }
    };
    view! {
        {move || cond_select(at, "criterion.standard", "Bảng tiêu chuẩn", tables(), |c| c.criterion.standard.clone(), |c, v| c.criterion.standard = v.to_string())}
        {flag("criterion.above", "Trên chuẩn (cao hơn mức chuẩn một bậc)", |c| c.criterion.above, |c, on| c.criterion.above = on)}
        {flag("criterion.studying", "Tính cả người đang học", |c| c.criterion.count_studying, |c, on| c.criterion.count_studying = on)}
        {flag("criterion.planned", "Theo chức danh quy hoạch", |c| c.criterion.planned, |c, on| c.criterion.planned = on)}
        {cond_checks(at, "Chỉ xét các thang (để trống: mọi thang bảng yêu cầu)", Scale::ALL, Scale::label, |c| &c.criterion.scales, |c| &mut c.criterion.scales)}
    }
}

/// A nhãn (a column of the officer's own sheet) and the values that select.
fn label_fields(at: At) -> impl IntoView {
    let labels = at.ctx.labels;
    let names_list = at.id("label_names");
    let values_list = at.id("label_values");
    let (name_id, value_id) = (at.id("label_name"), at.id("text"));
    view! {
        <div class="grid">
            <div class="field" class:invalid=move || at.error("label_name")().is_some()>
                <label for=name_id.clone()>"Nhãn (cột riêng của danh sách)"</label>
                <input id=name_id type="text" list=names_list.clone() prop:value=move || at.read(|c| c.label_name.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); at.write(|c| c.label_name = v) } />
                <datalist id=names_list>{move || labels.with(|l| l.iter().map(|(n, _)| view! { <option value=n.clone()></option> }).collect_view())}</datalist>
            </div>
            <div class="field" class:invalid=move || at.error("text")().is_some()>
                <label for=value_id.clone()>"Giá trị nhãn (cách nhau bằng dấu ;)"</label>
                <input id=value_id type="text" list=values_list.clone() prop:value=move || at.read(|c| c.text.words.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); at.write(|c| c.text.words = v) } />
                <datalist id=values_list>{move || {
                    let name = at.read(|c| c.label_name.clone());
                    labels.with(|l| label_values(l, &name)).into_iter().map(|o| view! { <option value=o></option> }).collect_view()
                }}</datalist>
            </div>
            {cond_select(at, "how", "Giá trị nhãn so khớp", how_options(), |c| how_code(c.text.how), |c, v| c.text.how = how_from(v))}
        </div>
    }
}

/// Another group of the directive (not this one).
fn group_select(at: At) -> impl IntoView {
    let options = move || {
        let own = at.ctx.own.get_value();
        at.ctx.draft.with(|d| {
            std::iter::once((String::new(), "(chọn nhóm)".to_string()))
                .chain(d.groups.iter().filter(|g| g.id != own).map(|g| (g.id.clone(), g.name.clone())))
                .collect::<Vec<_>>()
        })
    };
    move || cond_select(at, "group", "Nhóm", options(), |c| c.group.clone(), |c, v| c.group = v.to_string())
}

/// "Khớp 73 người" under the rule, and "Xem danh sách" opening the first names with their unit.
#[component]
fn MatchCount(matches: Memo<Option<GroupMatches>>) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <div class="group-matches" aria-live="polite">
            {move || matches.get().map(|m| {
                let some = m.count > 0;
                view! {
                    <p class="match-count">
                        <strong>{m.headline}</strong>
                        {some.then(|| view! {
                            " "
                            <button type="button" class="btn ghost" aria-expanded=move || open.get().to_string()
                                on:click=move |_| open.update(|o| *o = !*o)>
                                {move || if open.get() { "Ẩn danh sách" } else { "Xem danh sách" }}
                            </button>
                        })}
                    </p>
                    {(some && open.get()).then(|| view! {
                        <ul class="match-list">
                            {m.people.into_iter().map(|p| view! {
                                <li><span class="name">{p.name}</span><span class="sub">{format!(" — {}", p.unit)}</span></li>
                            }).collect_view()}
                        </ul>
                        {m.more.map(|more| view! { <p class="sub">{more}</p> })}
                    })}
                }
            })}
        </div>
    }
}
