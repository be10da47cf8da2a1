//! The structured forms of the editor: a target (chỉ tiêu) and a group (nhóm đối tượng).
//! They hold the domain's drafts; `build` turns a draft into a rule or says, field by field,
//! what is wrong. Nothing is written to the directive until the draft builds. The group form
//! shows, as the rule is typed, how many people it takes and (on request) who.

use leptos::prelude::*;

use crate::store;
use crate::ui::app::AppState;
use crate::ui::directive_outline::Panel;
use crate::ui::widgets::error_summary;
use dtbd_domain::directive::draft::{scale_code, scale_from_code};
use dtbd_domain::directive::{
    Comparator, CriterionDraft, CriterionKind, Directive, EventKind, GroupDraft, MatchHow, MeasureKind, MilestoneDraft,
    TargetDraft, WindowKind,
};
use dtbd_domain::error::{message_for, messages_under};
use dtbd_domain::levels::Scale;
use dtbd_domain::model::{Category, CivilGrade, Committee, GovLevel, Leadership, Region, UnitKind};
use dtbd_domain::roster::FieldError;
use dtbd_view::group_form::{draft_matches, group_matches, label_choices, label_values, GroupMatches};

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

    view! {
        <fieldset class="panel" aria-label="Biểu mẫu chỉ tiêu">
            <legend>{if id.is_some() { "Sửa chỉ tiêu" } else { "Thêm chỉ tiêu" }}</legend>
            {error_summary(errs)}
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
                    {move || (0..criteria_count()).map(|i| criterion_row(form, errs, i)).collect_view()}
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
            </div>

            {move || shows("milestones").then(|| view! {
                <fieldset class="sub-panel">
                    <legend>{move || if form.with(|t| t.kind.is_percent()) { "Mốc và mức chỉ tiêu (%)" } else { "Mốc và mức chỉ tiêu (số người, số lớp)" }}</legend>
                    {move || (0..milestone_count()).map(|i| milestone_row(form, errs, i)).collect_view()}
                    <button type="button" class="btn small" on:click=move |_| form.update(|t| t.milestones.push(MilestoneDraft::default()))>"+ Thêm mốc"</button>
                </fieldset>
            })}

            {move || shows("baseline").then(|| view! {
                <div class="grid">
                    {text(form, errs, "t-baseline", "Số liệu gốc văn bản nêu (%)", "baseline_value", |t| &t.baseline_value, |t| &mut t.baseline_value)}
                    {text(form, errs, "t-baseline-year", "Năm của số liệu gốc", "baseline_year", |t| &t.baseline_year, |t| &mut t.baseline_year)}
                </div>
            })}

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

fn criterion_row(form: RwSignal<TargetDraft>, errs: RwSignal<Vec<FieldError>>, i: usize) -> impl IntoView {
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
            <button type="button" class="btn ghost" aria-label=format!("Bỏ tiêu chuẩn thứ {}", i + 1)
                on:click=move |_| form.update(|t| { if i < t.criteria.len() { t.criteria.remove(i); } })>"Bỏ"</button>
            {move || { let m = error(); (!m.is_empty()).then(|| view! { <p class="field-error" role="alert">{m}</p> }) }}
        </div>
    }
}

fn milestone_row(form: RwSignal<TargetDraft>, errs: RwSignal<Vec<FieldError>>, i: usize) -> impl IntoView {
    let get = move || form.with(|t| t.milestones.get(i).cloned().unwrap_or_default());
    let error = move || errs.with(|e| messages_under(e, &format!("milestones.{i}")));
    let input = move |what: &'static str,
                      label: &'static str,
                      pick: fn(&MilestoneDraft) -> &String,
                      put: fn(&mut MilestoneDraft) -> &mut String| {
        let id = format!("t-ms-{i}-{what}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type="text" prop:value=move || pick(&get()).clone()
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|t| if let Some(m) = t.milestones.get_mut(i) { *put(m) = v }) } />
            </div>
        }
    };
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

#[component]
pub fn GroupForm(draft: RwSignal<Directive>, panel: RwSignal<Option<Panel>>, id: Option<String>) -> impl IntoView {
    let existing = draft.with_untracked(|d| id.as_ref().and_then(|id| d.group(id).cloned()));
    let state = expect_context::<AppState>();
    let representable = existing.as_ref().is_none_or(|g| GroupDraft::from_group(g).is_some());
    let initial = existing.as_ref().and_then(GroupDraft::from_group).unwrap_or_else(|| GroupDraft {
        name: existing.as_ref().map(|g| g.name.clone()).unwrap_or_default(),
        ..GroupDraft::blank()
    });
    let form = RwSignal::new(initial);
    let errs: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    let editing = id.clone();
    let kept = existing.clone();

    let save = move |_| {
        let d = draft.get_untracked();
        let built = if representable {
            form.with_untracked(|g| g.build(&d))
        } else {
            // A template's rule the form cannot show: only the name changes.
            let mut g = kept.clone().expect("only existing groups can be unrepresentable");
            g.name = form.with_untracked(|f| f.name.trim().to_string());
            Ok(g)
        };
        match built {
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
    let own_id = id.clone().unwrap_or_default();
    let other_groups = move || {
        let own = own_id.clone();
        draft.with(|d| {
            d.groups.iter().filter(|g| g.id != own).map(|g| (g.id.clone(), g.name.clone())).collect::<Vec<_>>()
        })
    };
    let group_checks = move |legend: &'static str,
                             get: fn(&GroupDraft) -> &Vec<String>,
                             set: fn(&mut GroupDraft) -> &mut Vec<String>| {
        view! {
            <fieldset class="checks">
                <legend>{legend}</legend>
                {other_groups().into_iter().map(|(gid, name)| {
                    let (g1, g2) = (gid.clone(), gid);
                    view! {
                        <label class="check-label">
                            <input type="checkbox" prop:checked=move || form.with(|f| get(f).contains(&g1))
                                on:change=move |ev| { let on = event_target_checked(&ev); let g = g2.clone(); form.update(|f| { let l = set(f); l.retain(|x| *x != g); if on { l.push(g) } }) } />
                            " " {name}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        }
    };
    let preview = move || draft.with(|d| form.with(|f| f.describe(d)));
    // Who the rule takes, counted by the domain as the directive will count it.
    let this_year = store::today().year;
    let saved = existing.clone().filter(|_| !representable);
    let matches = Memo::new(move |_| {
        draft.with(|d| {
            state.roster.with(|r| match &saved {
                Some(g) => Some(group_matches(g, d, r, this_year)),
                None => form.with(|f| draft_matches(f, d, r, this_year)),
            })
        })
    });
    let labels = Memo::new(move |_| state.roster.with(label_choices));
    let label_input = move |id: &'static str,
                            list: &'static str,
                            label: &'static str,
                            key: &'static str,
                            get: fn(&GroupDraft) -> &String,
                            set: fn(&mut GroupDraft) -> &mut String,
                            options: Box<dyn Fn() -> Vec<String> + Send + Sync>| {
        let error = msg(errs, key);
        view! {
            <div class="field" class:invalid=move || error().is_some()>
                <label for=id>{label}</label>
                <input id=id type="text" list=list prop:value=move || form.with(|f| get(f).clone())
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| *set(f) = v) } />
                <datalist id=list>{move || options().into_iter().map(|o| view! { <option value=o></option> }).collect_view()}</datalist>
                {move || error().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
        }
    };

    view! {
        <fieldset class="panel" aria-label="Biểu mẫu nhóm đối tượng">
            <legend>{if id.is_some() { "Sửa nhóm đối tượng" } else { "Thêm nhóm đối tượng" }}</legend>
            {error_summary(errs)}
            <div class="grid">
                {text(form, errs, "g-name", "Tên nhóm (như văn bản viết)", "name", |g| &g.name, |g| &mut g.name)}
                {representable.then(|| text(form, errs, "g-stated", "Số người văn bản nêu", "stated_count", |g| &g.stated_count, |g| &mut g.stated_count))}
            </div>
            {(!representable).then(|| view! {
                <p class="hint">"Nhóm này lấy từ văn bản mẫu với quy tắc biểu mẫu không hiển thị được; chỉ sửa được tên. Muốn đổi quy tắc, hãy tạo nhóm mới."</p>
            })}
            {representable.then(|| view! {
                <div class="grid">
                    {text(form, errs, "g-titles", "Chức danh (cách nhau bằng dấu ;)", "titles", |g| &g.titles, |g| &mut g.titles)}
                    {select(form, "g-title-how", "Chức danh so khớp", how_options(), |g| how_code(g.title_how), |g, v| g.title_how = how_from(v))}
                    {select(form, "g-leadership", "Cấp lãnh đạo từ", opt("(không xét)", Leadership::ALL, Leadership::code, Leadership::label),
                        |g| g.leadership.map(|l| l.code().to_string()).unwrap_or_default(), |g, v| g.leadership = Leadership::from_code(v))}
                    {select(form, "g-committee", "Là ủy viên", opt("(không xét)", Committee::ALL, Committee::code, Committee::label),
                        |g| g.committee.map(|c| c.code().to_string()).unwrap_or_default(), |g, v| g.committee = Committee::from_code(v))}
                    {select(form, "g-committee-level", "Cấp của cấp ủy", opt("(mọi cấp)", GovLevel::ALL, GovLevel::code, GovLevel::label),
                        |g| g.committee_level.map(|c| c.code().to_string()).unwrap_or_default(), |g, v| g.committee_level = GovLevel::from_code(v))}
                    {text(form, errs, "g-age", "Dưới … tuổi", "age_below", |g| &g.age_below, |g| &mut g.age_below)}
                    {select(form, "g-grade", "Từ ngạch", opt("(không xét)", CivilGrade::ALL, CivilGrade::code, CivilGrade::label),
                        |g| g.grade_from.map(|c| c.code().to_string()).unwrap_or_default(), |g, v| g.grade_from = CivilGrade::from_code(v))}
                </div>
                {checks(form, "Đối tượng", Category::ALL, Category::label, |g: &GroupDraft| &g.categories, |g: &mut GroupDraft| &mut g.categories)}
                {checks(form, "Công tác ở đơn vị cấp", GovLevel::ALL, GovLevel::label, |g: &GroupDraft| &g.unit.levels, |g: &mut GroupDraft| &mut g.unit.levels)}
                {checks(form, "Thuộc loại đơn vị", UnitKind::ALL, UnitKind::label, |g: &GroupDraft| &g.unit.kinds, |g: &mut GroupDraft| &mut g.unit.kinds)}
                {checks(form, "Trừ loại đơn vị", UnitKind::ALL, UnitKind::label, |g: &GroupDraft| &g.unit.exclude_kinds, |g: &mut GroupDraft| &mut g.unit.exclude_kinds)}
                {checks(form, "Vùng", Region::ALL, Region::label, |g: &GroupDraft| &g.unit.regions, |g: &mut GroupDraft| &mut g.unit.regions)}
                <div class="field check">
                    <label>
                        <input type="checkbox" id="g-planned" prop:checked=move || form.with(|g| g.planned_for)
                            on:change=move |ev| { let on = event_target_checked(&ev); form.update(|g| g.planned_for = on) } />
                        " Trong quy hoạch"
                    </label>
                </div>
                {group_checks("Gồm các nhóm (hợp của các nhóm)", |g| &g.union_of, |g| &mut g.union_of)}
                {group_checks("Trừ những người thuộc nhóm", |g| &g.minus_groups, |g| &mut g.minus_groups)}
                <div class="grid">
                    {label_input("g-label-name", "g-label-names", "Nhãn (cột riêng của danh sách)", "label_name",
                        |g| &g.label_name, |g| &mut g.label_name,
                        Box::new(move || labels.with(|l| l.iter().map(|(name, _)| name.clone()).collect())))}
                    {label_input("g-label-values", "g-label-value-list", "Giá trị nhãn (cách nhau bằng dấu ;)", "label_values",
                        |g| &g.label_values, |g| &mut g.label_values,
                        Box::new(move || labels.with(|l| form.with(|f| label_values(l, &f.label_name)))))}
                    {select(form, "g-label-how", "Giá trị nhãn so khớp", how_options(), |g| how_code(g.label_how), |g, v| g.label_how = how_from(v))}
                </div>
                <div class="grid">
                    {select(form, "g-minus-committee", "Trừ những người là", opt("(không trừ)", Committee::ALL, Committee::code, Committee::label),
                        |g| g.minus_committee.map(|c| c.code().to_string()).unwrap_or_default(), |g, v| g.minus_committee = Committee::from_code(v))}
                    {select(form, "g-minus-level", "ở cấp", opt("(mọi cấp)", GovLevel::ALL, GovLevel::code, GovLevel::label),
                        |g| g.minus_committee_level.map(|c| c.code().to_string()).unwrap_or_default(), |g, v| g.minus_committee_level = GovLevel::from_code(v))}
                </div>
                <p class="hint" role="status">{move || preview().map(|p| format!("Nhóm này: {p}"))}</p>
            })}
            <MatchCount matches=matches/>
            <div class="actions">
                <button type="button" class="btn primary" on:click=save>"Lưu nhóm"</button>
                <button type="button" class="btn" on:click=move |_| panel.set(None)>"Hủy"</button>
            </div>
        </fieldset>
    }
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
