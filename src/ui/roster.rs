//! Danh sách cán bộ: search, filter by unit, open a record, and choose people for a bulk
//! edit (sửa hàng loạt, `ui::bulk_edit`): each row's checkbox, or every row shown.
//!
//! The list is virtual: rows have a fixed height and only those in view (plus a few either
//! side) are in the DOM, inside a scroll box whose inner height stands for every row, so
//! 30.000 cadres scroll as smoothly as 30. Search and filter update as the user types.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::store::prefs;
use crate::ui::app::{enter_demo, AppState, Route};
use crate::ui::collate::Collator;
use dtbd_domain::listing::row_window;
use dtbd_view::bulk::{chosen_count, open_label, parse_selection, row_check_label, select_shown, selection_text};
use dtbd_view::roster::{count_line, name_order, visible_rows};

/// The preference that carries the roster's choice from the main bundle to the bulk-edit
/// panel in `can-bo.html`.
pub const BULK_SELECTION: &str = "roster.selected";

/// Height of one row in CSS pixels, margin included (`.cadre-list.virtual li` in the
/// stylesheet says the same).
pub const ROW_H: usize = 124;

/// Rows that fit in the window (the scroll box is never taller than the window).
fn rows_in_view() -> usize {
    let h = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|v| v.as_f64()).unwrap_or(1200.0);
    (h as usize).div_ceil(ROW_H) + 1
}

/// The bulk-edit panel (`ui::bulk_edit::panel`), given to the roster only by `can-bo.html`.
pub type BulkPanel = fn(RwSignal<HashSet<String>>, RwSignal<bool>) -> AnyView;

/// The roster list. `bulk`: the panel of sửa hàng loạt, in `can-bo.html`; without it (the
/// main bundle) the button opens that page (`Route::BulkEdit`) with the people chosen.
/// `bulk_open`: the panel starts open (the page `Route::BulkEdit`).
#[component]
pub fn RosterPage(#[prop(optional)] bulk: Option<BulkPanel>, #[prop(optional)] bulk_open: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = RwSignal::new(prefs::get("roster.query").unwrap_or_default());
    let unit_filter = RwSignal::new(prefs::get("roster.unit").unwrap_or_default());
    let first_row = RwSignal::new(0usize);
    let in_view = rows_in_view();
    let scroller = NodeRef::<leptos::html::Div>::new();
    // A new search or filter starts at the top of the list.
    let to_top = move || {
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
        first_row.set(0);
    };

    // Order by Vietnamese name once per roster change, not per keystroke.
    let sorted = Memo::new(move |_| {
        let collator = Collator::vietnamese();
        state.roster.with(|r| name_order(r, &|x: &str, y: &str| collator.cmp(x, y)))
    });

    let visible = Memo::new(move |_| {
        let (q, unit) = (query.get(), unit_filter.get());
        let index = state.index.get();
        let hits: HashSet<&str> = index.0.find(&q).into_iter().collect();
        state.roster.with(|r| sorted.with(|order| visible_rows(r, order, &hits, &unit)))
    });

    let unit_options = move || state.roster.with(dtbd_view::unit_choices::unit_choices);

    // Sửa hàng loạt: the ids ticked (kept across searches, and across the trip to the
    // bulk-edit page in `can-bo.html`, so a second change goes to the same people).
    let selected = RwSignal::new(parse_selection(&prefs::get(BULK_SELECTION).unwrap_or_default()));
    Effect::new(move |_| selected.with(|s| prefs::set(BULK_SELECTION, &selection_text(s))));
    let bulk_open = RwSignal::new(bulk_open);
    let chosen = move || state.roster.with(|r| selected.with(|s| chosen_count(r, s)));

    let has_units = move || state.roster.with(|r| !r.units.is_empty());
    let total = move || state.roster.with(|r| r.cadres.len());

    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Danh sách cán bộ"</h1>
                <Show when=|| !crate::store::demo::active()>
                    <button class="btn ghost" on:click=|_| enter_demo()>"Xem dữ liệu mẫu"</button>
                </Show>
                <Show when=has_units>
                    <a class="btn" href=Route::QuickEntry.href()>"Nhập nhanh"</a>
                    <a class="btn primary" href=Route::NewCadre.href()>"+ Thêm cán bộ"</a>
                </Show>
            </div>
            <Show
                when=has_units
                fallback=|| view! {
                    <div class="empty">
                        <p>"Chưa có đơn vị nào. Mỗi cán bộ thuộc một đơn vị, hãy tạo đơn vị trước."</p>
                        <a class="btn primary" href=Route::Units.href()>"Tạo đơn vị"</a>
                    </div>
                }
            >
                <div class="filters">
                    <div class="field grow">
                        <label for="roster-search">"Tìm kiếm"</label>
                        <input
                            id="roster-search"
                            type="search"
                            placeholder="Tên, đơn vị, chức vụ (gõ không dấu cũng được)"
                            autocomplete="off"
                            prop:value=move || query.get()
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                prefs::set("roster.query", &v);
                                to_top();
                                query.set(v);
                            }
                        />
                    </div>
                    <div class="field">
                        <label for="roster-unit">"Đơn vị"</label>
                        <select
                            id="roster-unit"
                            prop:value=move || unit_filter.get()
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                prefs::set("roster.unit", &v);
                                to_top();
                                unit_filter.set(v);
                            }
                        >
                            <option value="" selected=move || unit_filter.get().is_empty()>"Tất cả đơn vị"</option>
                            {move || unit_options()
                                .into_iter()
                                .map(|(id, label)| {
                                    let i = id.clone();
                                    view! { <option value=id selected=move || unit_filter.get() == i>{label}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                </div>
                <p class="count" aria-live="polite">
                    {move || count_line(visible.with(Vec::len), total())}
                </p>
                <div class="bulk-bar">
                    <button type="button" class="btn" on:click=move |_| {
                        state.roster.with_untracked(|r| visible.with_untracked(|v| selected.update(|s| select_shown(s, r, v))))
                    }>"Chọn tất cả đang hiện"</button>
                    <button type="button" class="btn" disabled=move || chosen() == 0
                        on:click=move |_| selected.set(HashSet::new())>"Bỏ chọn"</button>
                    <button type="button" class="btn primary" disabled=move || chosen() == 0
                        on:click=move |_| match bulk {
                            Some(_) => bulk_open.set(true),
                            None => {
                                // Written now: the next page reads it as it loads.
                                selected.with_untracked(|s| prefs::set(BULK_SELECTION, &selection_text(s)));
                                state.go(Route::BulkEdit)
                            }
                        }>{move || open_label(chosen())}</button>
                </div>
                {bulk.map(|panel| view! {
                    <Show when=move || bulk_open.get() && chosen() != 0>{panel(selected, bulk_open)}</Show>
                })}
                <div
                    class="roster-scroll"
                    tabindex="0"
                    role="region"
                    aria-label="Danh sách cán bộ (cuộn để xem thêm)"
                    node_ref=scroller
                    on:scroll=move |_| {
                        if let Some(el) = scroller.get_untracked() {
                            let first = el.scroll_top().max(0) as usize / ROW_H;
                            if first != first_row.get_untracked() {
                                first_row.set(first);
                            }
                        }
                    }
                >
                <ul
                    class="cadre-list virtual"
                    // Through the CSSOM (style.setProperty), which the Content-Security-Policy
                    // allows; a style attribute would be refused.
                    style:height=move || format!("{}px", visible.with(Vec::len) * ROW_H)
                    style:padding-top=move || {
                        let (start, _) = row_window(first_row.get(), in_view, visible.with(Vec::len));
                        format!("{}px", start * ROW_H)
                    }
                >
                    {move || {
                        let (start, end) = row_window(first_row.get(), in_view, visible.with(Vec::len));
                        state.roster.with(|r| {
                            visible.with(|v| {
                                v[start..end]
                                    .iter()
                                    .map(|&i| {
                                        let c = &r.cadres[i];
                                        let href = Route::EditCadre(c.id.clone()).href();
                                        let position = c.positions.first().map(|p| p.title.clone()).unwrap_or_default();
                                        let unit = r.unit_name(&c.unit_id).to_string();
                                        let prof = dtbd_view::roster::qualification_text(&c.professional);
                                        let pol = dtbd_view::roster::qualification_text(&c.political);
                                        let qlnn = c.state_management.level.label();
                                        let id = c.id.clone();
                                        // Drawn again with the rows when the choice changes.
                                        let ticked = selected.with(|s| s.contains(&id));
                                        view! {
                                            <li class="selectable">
                                                <label class="row-check">
                                                    <input type="checkbox" aria-label=row_check_label(&c.full_name)
                                                        prop:checked=ticked
                                                        on:change=move |ev| {
                                                            let on = event_target_checked(&ev);
                                                            selected.update(|s| if on { s.insert(id.clone()); } else { s.remove(&id); });
                                                        } />
                                                </label>
                                                <a class="cadre-row" href=href>
                                                    <span class="name">{c.full_name.clone()}</span>
                                                    <span class="sub">{format!("{} · {} · {}", c.birth_year, c.gender.label(), c.category.label())}</span>
                                                    <span class="sub">{if position.is_empty() { unit } else { format!("{position} — {unit}") }}</span>
                                                    <span class="chips">
                                                        <span class="chip" title="Trình độ chuyên môn">"CM: " {prof}</span>
                                                        <span class="chip" title="Lý luận chính trị">"LLCT: " {pol}</span>
                                                        <span class="chip" title="Quản lý nhà nước">"QLNN: " {qlnn}</span>
                                                    </span>
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            })
                        })
                    }}
                </ul>
                </div>
                <Show when=move || total() == 0>
                    <p class="empty">"Chưa có cán bộ nào. Bấm \"Thêm cán bộ\" để bắt đầu."</p>
                </Show>
            </Show>
        </section>
    }
}
