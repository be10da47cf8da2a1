//! Nhập nhanh: a table where the officer types cadres row after row, as in Excel. Tab or
//! Enter goes to the next cell (Enter on a row's last cell to the next row); the unit and đối
//! tượng are chosen once for the batch. A row is read and saved when the officer leaves it
//! (one transaction per cadre, through `AppState::save_cadre`), one row at a time in the order
//! left, so each is read against the roster as saved so far; a row that does not read keeps
//! what was typed, with the message beside each cell. Reading is `dtbd_view::quick_entry`'s.

use std::collections::VecDeque;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store;
use crate::ui::app::{AppState, Route};
use crate::ui::widgets::{code_select, options};
use dtbd_domain::model::Category;
use dtbd_view::quick_entry::{self as vm, Batch, CellError, COLUMNS};
use dtbd_view::unit_choices::UnitChoices;

/// Cells per row.
const WIDTH: usize = COLUMNS.len();

/// Where a typed row stands.
#[derive(Debug, Clone, PartialEq)]
enum RowState {
    /// Being typed, or not yet left.
    Typing,
    /// Left, waiting for the rows before it to be saved, or being saved.
    Saving,
    /// Saved: the cells as read back, and a note (a namesake elsewhere).
    Saved { shown: Vec<String>, note: Option<String> },
    /// Not saved: what is wrong, cell by cell.
    Invalid(Vec<CellError>),
}

/// One row of the table: a signal per cell (typing redraws nothing else) and its state.
#[derive(Clone, Copy)]
struct Row {
    cells: [RwSignal<String>; WIDTH],
    state: RwSignal<RowState>,
}

impl Row {
    fn new() -> Self {
        Row { cells: std::array::from_fn(|_| RwSignal::new(String::new())), state: RwSignal::new(RowState::Typing) }
    }

    fn typed(&self) -> Vec<String> {
        self.cells.iter().map(|c| c.get_untracked()).collect()
    }
}

fn cell_id(row: usize, col: usize) -> String {
    format!("q-{row}-{col}")
}

fn focus_cell(row: usize, col: usize) -> bool {
    crate::ui::widgets::focus_element(&cell_id(row, col))
}

#[component]
pub fn QuickEntryPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let settings = StoredValue::new(crate::ui::excel::load_settings());
    let unit_id = RwSignal::new(String::new());
    let category: RwSignal<Option<Category>> = RwSignal::new(None);
    let rows: RwSignal<Vec<Row>> = RwSignal::new((0..vm::FIRST_ROWS).map(|_| Row::new()).collect());
    let page_owner = StoredValue::new_local(Owner::current().unwrap_or_default());
    // The row the officer is in; leaving it saves it.
    let active: StoredValue<Option<usize>> = StoredValue::new(None);
    let queue: StoredValue<VecDeque<usize>> = StoredValue::new(VecDeque::new());
    let busy = StoredValue::new(false);
    // "Xong": back to the roster once every typed row is saved (none left to correct).
    let leave = StoredValue::new(false);
    let invalid_left = move || {
        rows.with_untracked(|all| all.iter().any(|r| r.state.with_untracked(|s| matches!(s, RowState::Invalid(_)))))
    };

    let problem = move || state.roster.with(|r| vm::batch_problem(r, &unit_id.get(), category.get()));

    // Saves the queued rows one after the other: each is read against the roster the save
    // before it left.
    let pump = move || {
        if busy.get_value() {
            return;
        }
        busy.set_value(true);
        spawn_local(async move {
            while let Some(index) = queue.try_update_value(VecDeque::pop_front).flatten() {
                let Some(row) = rows.with_untracked(|all| all.get(index).copied()) else { continue };
                let typed = row.typed();
                if vm::is_blank(&typed) {
                    row.state.set(RowState::Typing);
                    continue;
                }
                let unit = unit_id.get_untracked();
                let chosen = category.get_untracked();
                let problem = state.roster.with_untracked(|r| vm::batch_problem(r, &unit, chosen));
                let (None, Some(chosen)) = (problem, chosen) else {
                    let message = problem.unwrap_or_default().to_string();
                    row.state.set(RowState::Invalid(vec![CellError { column: 0, message }]));
                    continue;
                };
                let read = settings.with_value(|settings| {
                    let batch = Batch { unit_id: &unit, category: chosen, settings };
                    state.roster.with_untracked(|r| vm::read_row(r, &typed, &batch, store::now(), &mut store::new_id))
                });
                match read {
                    Err(errors) => row.state.set(RowState::Invalid(errors)),
                    Ok(read) => match state.save_cadre(read.cadre).await {
                        Ok(saved) => row.state.set(RowState::Saved { shown: vm::saved_cells(&saved), note: read.note }),
                        Err(errors) => row.state.set(RowState::Invalid(
                            errors.into_iter().map(|e| CellError { column: 0, message: e.message }).collect(),
                        )),
                    },
                }
            }
            busy.set_value(false);
            if leave.get_value() {
                leave.set_value(false);
                if invalid_left() {
                    state.say(vm::ROWS_LEFT);
                } else {
                    state.go(Route::Roster);
                }
            }
        });
    };
    let save_row = move |index: usize| {
        let Some(row) = rows.with_untracked(|all| all.get(index).copied()) else { return };
        let was = row.state.get_untracked();
        if !matches!(was, RowState::Typing | RowState::Invalid(_)) {
            return;
        }
        if vm::is_blank(&row.typed()) {
            // Emptied: nothing to save, nothing to correct.
            if was != RowState::Typing {
                row.state.set(RowState::Typing);
            }
            return;
        }
        row.state.set(RowState::Saving);
        queue.update_value(|q| q.push_back(index));
        pump();
    };
    let enter_row = move |index: usize| {
        let left = active.get_value().filter(|&was| was != index);
        active.set_value(Some(index));
        if let Some(was) = left {
            save_row(was);
        }
    };
    // A blank row is always waiting under the last one typed in.
    let grow = move |index: usize| {
        if rows.with_untracked(|all| index + 1 >= all.len()) {
            // Under the page's owner: created inside a cell's handler, the row's signals
            // would belong to that cell's view and die when it turns into the saved text
            // ("Tried to access a reactive value that has already been disposed").
            let row = page_owner.with_value(|owner| owner.with(Row::new));
            rows.update(|all| all.push(row));
        }
    };
    let save_all = move || {
        let count = rows.with_untracked(Vec::len);
        (0..count).for_each(save_row);
    };
    let done = move |_| {
        leave.set_value(true);
        save_all();
        // Nothing was queued: every row is saved already, or stays to be corrected.
        if !busy.get_value() {
            leave.set_value(false);
            if invalid_left() {
                state.say(vm::ROWS_LEFT);
            } else {
                state.go(Route::Roster);
            }
        }
    };

    let saved_count =
        move || rows.with(|all| all.iter().filter(|r| r.state.with(|s| matches!(s, RowState::Saved { .. }))).count());
    let invalid_count =
        move || rows.with(|all| all.iter().filter(|r| r.state.with(|s| matches!(s, RowState::Invalid(_)))).count());
    let unit_name = move || state.roster.with(|r| r.unit_name(&unit_id.get()).to_string());

    let cell = move |index: usize, row: Row, col: usize| {
        let field = COLUMNS[col];
        let error = Memo::new(move |_| {
            row.state.with(|s| match s {
                RowState::Invalid(errors) => {
                    errors.iter().filter(|e| e.column == col).map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ")
                }
                _ => String::new(),
            })
        });
        let shown = Memo::new(move |_| {
            row.state.with(|s| match s {
                RowState::Saved { shown, .. } => Some(shown.get(col).cloned().unwrap_or_default()),
                _ => None,
            })
        });
        let id = cell_id(index, col);
        let error_id = format!("{id}-loi");
        let value = row.cells[col];
        view! {
            <td class:invalid=move || !error.get().is_empty()>
                {move || match shown.get() {
                    Some(text) => view! { <span class="saved-cell">{text}</span> }.into_any(),
                    None => {
                        let error_id = error_id.clone();
                        view! {
                        <input id=id.clone() type="text" autocomplete="off"
                            class=("input-invalid", move || !error.get().is_empty())
                            inputmode=if col == 1 { "numeric" } else { "text" }
                            aria-label=vm::cell_label(field, index)
                            aria-invalid=move || (!error.get().is_empty()).then_some("true")
                            aria-describedby=move || (!error.get().is_empty()).then(|| error_id.clone())
                            placeholder=(index == 0).then(|| vm::placeholder(field))
                            prop:value=move || value.get()
                            on:focusin=move |_| enter_row(index)
                            on:input=move |ev| { value.set(event_target_value(&ev)); grow(index); }
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                if ev.key() == "Enter" {
                                    ev.prevent_default();
                                    if col + 1 < WIDTH {
                                        focus_cell(index, col + 1);
                                    } else {
                                        grow(index);
                                        // The next row exists once the list has drawn it.
                                        request_animation_frame(move || {
                                            focus_cell(index + 1, 0);
                                        });
                                    }
                                }
                            } />
                        }.into_any()
                    }
                }}
                {move || {
                    let message = error.get();
                    (!message.is_empty()).then(|| view! { <p class="field-error" id=format!("{}-loi", cell_id(index, col))>{message}</p> })
                }}
            </td>
        }
        .into_any()
    };

    // "Bỏ": a row the officer gives up (a person typed twice) is emptied.
    let drop_row = move |row: Row| {
        row.cells.iter().for_each(|c| c.set(String::new()));
        row.state.set(RowState::Typing);
    };
    let status = move |index: usize, row: Row| {
        move || match row.state.get() {
            RowState::Typing => view! { <span></span> }.into_any(),
            RowState::Saving => view! { <span class="sub">"Đang lưu…"</span> }.into_any(),
            RowState::Saved { note, .. } => view! {
                <span class="saved">"Đã lưu"</span>
                {note.map(|n| view! { <p class="hint">{n}</p> })}
            }
            .into_any(),
            RowState::Invalid(_) => view! {
                <span class="field-error">"Chưa lưu"</span>
                <button type="button" class="btn small ghost" aria-label=format!("Bỏ dòng {}", index + 1)
                    on:click=move |_| drop_row(row)>"Bỏ"</button>
            }
            .into_any(),
        }
    };

    view! {
        <section class="page quick-entry">
            <div class="page-head">
                <h1>"Nhập nhanh cán bộ"</h1>
                <a class="btn ghost" href=Route::Roster.href()>"Về danh sách"</a>
            </div>
            <p class="hint">
                "Mỗi người một dòng. Tab hoặc Enter sang ô sau; Enter ở ô cuối xuống dòng mới. "
                "Rời một dòng là dòng đó được lưu. Trình độ ghi như trong Excel: ĐH, Th.S, Cao cấp, TC, CVC, B1…"
            </p>
            <fieldset class="quick-batch">
                <legend>"Chung cho cả lượt nhập"</legend>
                <div class="grid">
                    <div class="field">
                        <label for="q-unit">"Đơn vị công tác"</label>
                        {move || code_select("q-unit",
                            state.roster.with(|r| UnitChoices { first: Some(("", "(chọn đơn vị)")), ..Default::default() }.of(r)),
                            move || unit_id.get(),
                            move |v| unit_id.set(v))}
                    </div>
                    <div class="field">
                        <label for="q-category">"Đối tượng"</label>
                        {code_select("q-category",
                            std::iter::once((String::new(), "(chọn đối tượng)".to_string()))
                                .chain(options(Category::ALL, Category::code, Category::label))
                                .collect(),
                            move || category.get().map(|c| c.code().to_string()).unwrap_or_default(),
                            move |v| category.set(Category::from_code(&v)))}
                    </div>
                </div>
                {move || problem().map(|p| view! { <p class="hint" role="status">{p}</p> })}
            </fieldset>
            <div class="table-scroll">
                <table class="quick-table">
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            {COLUMNS.iter().map(|f| view! { <th scope="col">{f.label()}</th> }).collect_view()}
                            <th scope="col">"Trạng thái"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || rows.get().into_iter().enumerate()
                            key=|(index, _)| *index
                            children=move |(index, row)| view! {
                                <tr class:saved-row=move || row.state.with(|s| matches!(s, RowState::Saved { .. }))>
                                    <td class="num">{index + 1}</td>
                                    {(0..WIDTH).map(|col| cell(index, row, col)).collect_view()}
                                    <td class="row-status">{status(index, row)}</td>
                                </tr>
                            }
                        />
                    </tbody>
                </table>
            </div>
            <p class="quick-total" role="status">{move || vm::batch_line(saved_count(), invalid_count(), &unit_name())}</p>
            <div class="actions">
                <button type="button" class="btn primary" on:click=move |_| save_all()>"Lưu các dòng đã gõ"</button>
                <button type="button" class="btn" on:click=done>"Xong, về danh sách"</button>
            </div>
        </section>
    }
}
