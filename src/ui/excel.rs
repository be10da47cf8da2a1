//! Nhập, xuất Excel: the roster to XLSX or CSV, and a roster file (XLSX or CSV) in, with the
//! sheet, the column mapping (remembered), the level review, row errors and a preview; nothing
//! is written until "Nhập vào danh sách", then everything in one transaction with a backup
//! that "Hoàn tác" puts back. The rules are `domain::roster_import`'s; the Excel files are
//! read and written by the worker (`store::xlsx`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store::{self, files, prefs, xlsx, Backup, BackupReason};
use crate::ui::app::{db, AppState};
use crate::ui::collate::Collator;
use crate::ui::table_export::TableExport;
use dtbd_domain::model::Cadre;
use dtbd_domain::roster_import::{self as ri, Field, ImportRequest, ImportSettings, Outcome};
use dtbd_domain::text::compare_names;
use dtbd_xlsx::Sheet;

/// Prefs key of the remembered mapping and level choices.
const SETTINGS_KEY: &str = "excel.import";
/// Rows of errors and of the preview drawn at most.
const LISTED: usize = 200;

fn load_settings() -> ImportSettings {
    prefs::get(SETTINGS_KEY).and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default()
}

fn save_settings(s: &ImportSettings) {
    prefs::set(SETTINGS_KEY, &serde_json::to_string(s).expect("settings always serialise"));
}

/// The file being imported, read into sheets.
#[derive(Clone)]
struct Loaded {
    file: String,
    sheets: Arc<Vec<Sheet>>,
}

/// Reads a picked file: CSV (UTF-8) in the page, XLSX through the worker.
async fn read(file: web_sys::File) -> Result<Loaded, String> {
    let name = file.name();
    let bytes = files::read_file(&file).await.map_err(|e| e.0)?;
    let lower = name.to_lowercase();
    let sheets = if lower.ends_with(".csv") || lower.ends_with(".txt") {
        let text = String::from_utf8(bytes).map_err(|_| {
            format!("Tệp {name} không phải CSV UTF-8. Trong Excel, chọn Lưu thành (Save As) kiểu \"CSV UTF-8 (Comma delimited)\" rồi chọn lại tệp.")
        })?;
        vec![Sheet { name: "CSV".into(), rows: ri::parse_csv(&text) }]
    } else {
        xlsx::read(&bytes).await.map_err(|e| e.0)?
    };
    if sheets.iter().all(|s| s.rows.is_empty()) {
        return Err(format!("Tệp {name} không có dòng nào."));
    }
    Ok(Loaded { file: name, sheets: Arc::new(sheets) })
}

/// Puts back the state before the import (backing up the current state first).
async fn undo(state: AppState, b: Backup) -> Result<(), String> {
    let current = db().load_dataset().await.map_err(|e| e.0)?;
    let mine = Backup::of(
        &current,
        BackupReason::Restore,
        format!("bản sao lưu lúc {} (trước khi nhập {})", store::local_datetime(b.created_at), b.source),
        "",
    );
    let restored = db().restore_backup(&b.id, &current, &mine).await.map_err(|e| e.0)?;
    state.roster.set(restored.roster);
    Ok(())
}

#[component]
pub fn ExcelPage() -> impl IntoView {
    let state = expect_context::<AppState>();

    // --- Export: the table is built when a button is pressed, not on every roster change ---
    let roster_tables = Signal::derive(move || {
        let collator = Collator::vietnamese();
        vec![state.roster.with(|r| {
            let mut order: Vec<&Cadre> = r.cadres.iter().collect();
            order.sort_by(|a, b| compare_names(&a.full_name, &b.full_name, &|x, y| collator.cmp(x, y)));
            ri::roster_table(r, &order)
        })]
    });
    let today = store::today();
    let export_base = format!("danh-sach-can-bo-{:04}-{:02}-{:02}", today.year, today.month, today.day);

    // --- Import ---
    let loaded: RwSignal<Option<Loaded>> = RwSignal::new(None);
    let reading = RwSignal::new(false);
    let read_error: RwSignal<Option<String>> = RwSignal::new(None);
    let sheet = RwSignal::new(0usize);
    let settings = RwSignal::new(load_settings());
    let mapping: RwSignal<Vec<Option<Field>>> = RwSignal::new(Vec::new());
    let default_unit = RwSignal::new(prefs::get("excel.unit").unwrap_or_default());
    let last_backup: RwSignal<Option<Backup>> = RwSignal::new(None);
    let busy = RwSignal::new(false);

    // The sheet's rows, the header row's index.
    let rows = Memo::new(move |_| {
        loaded.with(|l| l.as_ref().and_then(|l| l.sheets.get(sheet.get()).map(|s| s.rows.clone())).unwrap_or_default())
    });
    let header_at = Memo::new(move |_| rows.with(|r| ri::find_header(r)));
    let header = Memo::new(move |_| {
        rows.with(|r| {
            let width = r.iter().map(Vec::len).max().unwrap_or(0);
            let mut h = header_at.get().and_then(|i| r.get(i).cloned()).unwrap_or_default();
            h.resize(width, String::new());
            h
        })
    });
    // A new sheet (or file) gets the guessed (or remembered) mapping.
    Effect::new(move |_| {
        let h = header.get();
        mapping.set(ri::guess_mapping(&h, &settings.get_untracked()));
    });

    let default_unit_opt = move || Some(default_unit.get()).filter(|u| !u.is_empty());
    let missing = Memo::new(move |_| mapping.with(|m| ri::missing_fields(m, default_unit_opt().as_deref())));
    let review = Memo::new(move |_| {
        let start = header_at.get().map_or(0, |i| i + 1);
        rows.with(|r| mapping.with(|m| settings.with(|s| ri::level_review(r.get(start..).unwrap_or(&[]), m, s))))
    });
    let preview = Memo::new(move |_| {
        if !missing.get().is_empty() || loaded.with(Option::is_none) {
            return None;
        }
        let start = header_at.get().map_or(0, |i| i + 1);
        let unit = default_unit_opt();
        let p = rows.with(|r| {
            header.with(|h| {
                mapping.with(|m| {
                    settings.with(|s| {
                        state.roster.with(|roster| {
                            let req = ImportRequest {
                                header: h,
                                rows: r.get(start..).unwrap_or(&[]),
                                first_row: start + 1,
                                mapping: m,
                                settings: s,
                                default_unit: unit.as_deref(),
                                now: store::now(),
                            };
                            ri::preview(roster, &req, &mut store::new_id)
                        })
                    })
                })
            })
        });
        Some(Arc::new(p))
    });

    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        reading.set(true);
        read_error.set(None);
        spawn_local(async move {
            match read(file).await {
                Ok(l) => {
                    let first = l.sheets.iter().position(|s| !s.rows.is_empty()).unwrap_or(0);
                    sheet.set(first);
                    loaded.set(Some(l));
                    last_backup.set(None);
                }
                Err(e) => {
                    loaded.set(None);
                    read_error.set(Some(e));
                }
            }
            reading.set(false);
        });
    };

    let set_column = move |col: usize, code: String| {
        let f = Field::from_code(&code);
        mapping.update(|m| {
            for (i, slot) in m.iter_mut().enumerate() {
                if i != col && f.is_some() && *slot == f {
                    *slot = None;
                }
            }
            if let Some(slot) = m.get_mut(col) {
                *slot = f;
            }
        });
        let h = header.with_untracked(|h| h.get(col).cloned().unwrap_or_default());
        settings.update(|s| s.remember_column(&h, f));
        settings.with_untracked(save_settings);
    };

    let choose_level = move |field: Field, text: String, code: String| {
        settings.update(|s| {
            if code.is_empty() {
                s.levels.remove(&format!("{}|{}", field.code(), ri::normalise(&text)));
            } else {
                s.choose_level(field, &text, &code);
            }
        });
        settings.with_untracked(save_settings);
    };

    let confirm = move || {
        if busy.get_untracked() {
            return;
        }
        let Some(l) = loaded.get_untracked() else { return };
        busy.set(true);
        spawn_local(async move {
            let result: Result<(usize, usize, usize, Backup), String> = async {
                // Against what is stored now, not what the page last saw.
                let before = db().load_dataset().await.map_err(|e| e.0)?;
                let start = header_at.get_untracked().map_or(0, |i| i + 1);
                let unit = default_unit_opt();
                let p = rows.with_untracked(|r| {
                    header.with_untracked(|h| {
                        mapping.with_untracked(|m| {
                            settings.with_untracked(|s| {
                                let req = ImportRequest {
                                    header: h,
                                    rows: r.get(start..).unwrap_or(&[]),
                                    first_row: start + 1,
                                    mapping: m,
                                    settings: s,
                                    default_unit: unit.as_deref(),
                                    now: store::now(),
                                };
                                ri::preview(&before.roster, &req, &mut store::new_id)
                            })
                        })
                    })
                });
                let (new, updated, unchanged) = p.counts();
                if new + updated == 0 {
                    return Err("Không có cán bộ nào mới hay thay đổi: không có gì để nhập.".into());
                }
                let mut after = before.clone();
                after.roster = p.apply(&before.roster);
                let backup = Backup::of(&before, BackupReason::Import, format!("{} (Excel)", l.file), "");
                db().apply_import(&before, &after, &backup).await.map_err(|e| e.0)?;
                state.roster.set(after.roster);
                Ok((new, updated, unchanged, backup))
            }
            .await;
            match result {
                Ok((new, updated, unchanged, backup)) => {
                    state.say(format!("Đã nhập: {new} cán bộ mới, {updated} cập nhật, {unchanged} không đổi. Dữ liệu trước khi nhập đã được sao lưu."));
                    last_backup.set(Some(backup));
                    loaded.set(None);
                }
                Err(e) => state.fail(e),
            }
            busy.set(false);
        });
    };

    let undo_import = move |b: Backup| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match undo(state, b.clone()).await {
                Ok(()) => {
                    state.say(format!("Đã hoàn tác: danh sách trở về như trước khi nhập {}.", b.source));
                    last_backup.set(None);
                }
                Err(e) => state.fail(e),
            }
            busy.set(false);
        });
    };

    let field_options = |selected: Option<Field>| {
        std::iter::once(("".to_string(), "— Bỏ qua —".to_string(), selected.is_none()))
            .chain(Field::ALL.iter().map(move |f| (f.code().to_string(), f.label().to_string(), selected == Some(*f))))
            .map(|(v, l, s)| view! { <option value=v selected=s>{l}</option> })
            .collect_view()
    };

    let mapping_view = move || {
        let h = header.get();
        let start = header_at.get().map_or(0, |i| i + 1);
        let sample: Vec<String> = rows.with(|r| r.get(start).cloned().unwrap_or_default());
        let m = mapping.get();
        view! {
            <table class="mapping">
                <thead><tr><th>"Cột trong tệp"</th><th>"Dòng đầu tiên"</th><th>"Ghép vào"</th></tr></thead>
                <tbody>
                    {h.into_iter().enumerate().map(|(col, name)| {
                        let label = if name.trim().is_empty() { format!("Cột {}", col + 1) } else { name.clone() };
                        let selected = m.get(col).copied().flatten();
                        view! {
                            <tr>
                                <th scope="row">{label.clone()}</th>
                                <td>{sample.get(col).cloned().unwrap_or_default()}</td>
                                <td>
                                    <select aria-label=format!("Ghép cột {label}") on:change=move |ev| set_column(col, event_target_value(&ev))>
                                        {field_options(selected)}
                                    </select>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
    };

    let review_view = move || {
        let values = review.get();
        (!values.is_empty()).then(|| {
            let unknown = values.iter().filter(|v| v.level.is_none()).count();
            view! {
                <h3>"Đối chiếu trình độ"</h3>
                <p class="hint">{if unknown > 0 {
                    format!("{unknown} cách ghi chưa rõ là trình độ nào: hãy chọn. Lựa chọn được ghi nhớ cho lần nhập sau.")
                } else {
                    "Mọi cách ghi trình độ đã được nhận ra; kiểm tra lại và sửa nếu cần.".to_string()
                }}</p>
                <table class="level-review">
                    <thead><tr><th>"Cột"</th><th>"Cách ghi trong tệp"</th><th>"Số dòng"</th><th>"Trình độ"</th></tr></thead>
                    <tbody>
                        {values.into_iter().map(|v| {
                            let scale = v.field.scale().expect("level columns only");
                            let (field, text) = (v.field, v.text.clone());
                            let current = v.level.clone().unwrap_or_default();
                            view! {
                                <tr class:unknown=v.level.is_none()>
                                    <td>{v.field.label()}</td>
                                    <td>{v.text.clone()}</td>
                                    <td class="num">{v.count}</td>
                                    <td>
                                        <select aria-label=format!("Trình độ {} cho “{}”", v.field.label(), v.text)
                                            on:change=move |ev| choose_level(field, text.clone(), event_target_value(&ev))>
                                            <option value="" selected=current.is_empty()>"— chưa rõ —"</option>
                                            {scale.levels().into_iter().map(|(code, label)| {
                                                view! { <option value=code selected=current == code>{label}</option> }
                                            }).collect_view()}
                                        </select>
                                        {v.chosen.then_some(" (đã chọn)")}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }
        })
    };

    let preview_view = move || {
        let miss = missing.get();
        if !miss.is_empty() {
            let names: Vec<&str> = miss.iter().map(|f| f.label()).collect();
            return view! {
                <p class="error-summary" role="alert">{format!("Chưa có cột cho: {}. Hãy ghép cột ở bảng trên{}.", names.join(", "), if miss.contains(&Field::Unit) { " (hoặc chọn đơn vị mặc định)" } else { "" })}</p>
            }
            .into_any();
        }
        let Some(p) = preview.get() else { return ().into_any() };
        let (new, updated, unchanged) = p.counts();
        let bad = p.bad_rows();
        let errors: Vec<String> = p.errors.iter().take(LISTED).map(ToString::to_string).collect();
        let more_errors = p.errors.len().saturating_sub(LISTED);
        let changes: Vec<(String, String)> = p
            .rows
            .iter()
            .filter(|r| r.outcome != Outcome::Unchanged)
            .take(LISTED)
            .map(|r| {
                let what = match &r.outcome {
                    Outcome::New => "mới",
                    _ => "cập nhật",
                };
                (format!("Dòng {}: {} ({})", r.row, r.cadre.full_name, r.cadre.birth_year), what.to_string())
            })
            .collect();
        let can_apply = new + updated > 0;
        view! {
            <h3>"Xem trước"</h3>
            <p class="import-counts" role="status">{format!("{new} cán bộ mới, {updated} cập nhật, {unchanged} không đổi, {bad} dòng lỗi.")}</p>
            {(!errors.is_empty()).then(|| view! {
                <div class="error-summary" role="alert">
                    <p>{format!("{bad} dòng có lỗi sẽ không được nhập. Sửa tệp, sửa cách ghép cột hoặc chọn trình độ ở trên:")}</p>
                    <ul class="row-errors">{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                    {(more_errors > 0).then(|| view! { <p>{format!("… và {more_errors} lỗi khác.")}</p> })}
                </div>
            })}
            {(!changes.is_empty()).then(|| view! {
                <ul class="changes">{changes.into_iter().map(|(t, w)| view! { <li>{t}" — "<strong>{w}</strong></li> }).collect_view()}</ul>
            })}
            <div class="actions">
                <button type="button" class="btn primary" disabled=move || busy.get() || !can_apply on:click=move |_| confirm()>
                    {if bad > 0 { format!("Nhập vào danh sách (bỏ qua {bad} dòng lỗi)") } else { "Nhập vào danh sách".to_string() }}
                </button>
                <button type="button" class="btn" on:click=move |_| loaded.set(None)>"Hủy"</button>
            </div>
        }
        .into_any()
    };

    let unit_options = move || {
        state.roster.with(dtbd_view::unit_choices::unit_choices)
    };

    view! {
        <section class="page excel">
            <div class="page-head"><h1>"Nhập, xuất Excel"</h1></div>

            <fieldset>
                <legend>"Xuất danh sách cán bộ"</legend>
                <p class="hint">{move || format!("{} cán bộ, xếp theo tên. Tệp CSV mở được bằng Excel (UTF-8, giữ đúng tiếng Việt).", state.roster.with(|r| r.cadres.len()))}</p>
                <TableExport tables=roster_tables base=export_base/>
            </fieldset>

            <fieldset>
                <legend>"Nhập danh sách cán bộ từ Excel hoặc CSV"</legend>
                <div class="field">
                    <label for="excel-file">"Chọn tệp (.xlsx hoặc .csv)"</label>
                    <input id="excel-file" type="file" accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" on:change=on_pick />
                    <p class="hint">"Tệp được đọc và xem trước; danh sách chưa thay đổi cho đến khi bấm \"Nhập vào danh sách\". Cán bộ đã có (cùng mã, hoặc cùng họ tên và năm sinh) được cập nhật."</p>
                </div>
                {move || reading.get().then(|| view! { <p role="status" class="hint">"Đang đọc tệp…"</p> })}
                {move || read_error.get().map(|e| view! { <p class="error-summary" role="alert">{e}</p> })}
                {move || last_backup.get().map(|b| view! {
                    <div class="actions">
                        <button type="button" class="btn" disabled=move || busy.get() on:click=move |_| undo_import(b.clone())>"Hoàn tác lần nhập này"</button>
                    </div>
                })}
                {move || loaded.get().map(|l| {
                    let sheets: Vec<(usize, String)> = l.sheets.iter().enumerate().map(|(i, s)| (i, s.name.clone())).collect();
                    view! {
                        <h3>{format!("Tệp {}", l.file)}</h3>
                        <div class="grid">
                            {(sheets.len() > 1).then(|| view! {
                                <div class="field">
                                    <label for="excel-sheet">"Trang tính"</label>
                                    <select id="excel-sheet" on:change=move |ev| sheet.set(event_target_value(&ev).parse().unwrap_or(0))>
                                        {sheets.iter().map(|(i, name)| {
                                            let i = *i;
                                            view! { <option value=i.to_string() selected=move || sheet.get() == i>{name.clone()}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                            })}
                            <div class="field">
                                <label for="excel-unit">"Đơn vị cho dòng không ghi đơn vị"</label>
                                <select id="excel-unit" on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    prefs::set("excel.unit", &v);
                                    default_unit.set(v);
                                }>
                                    <option value="" selected=move || default_unit.get().is_empty()>"— Không có (báo lỗi) —"</option>
                                    {move || unit_options().into_iter().map(|(id, label)| {
                                        let sel = id.clone();
                                        view! { <option value=id selected=move || default_unit.get() == sel>{label}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                        </div>
                        <p class="hint">{move || header_at.get().map(|i| format!("Tên cột ở dòng {}; dữ liệu từ dòng {}.", i + 1, i + 2)).unwrap_or_default()}</p>
                        <h3>"Ghép cột"</h3>
                        {mapping_view}
                        {review_view}
                        {preview_view}
                    }
                })}
            </fieldset>
        </section>
    }
}
