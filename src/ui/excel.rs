//! Nhập, xuất Excel: the roster to XLSX or CSV, and a roster file (XLSX or CSV) in, with the
//! sheet, the column mapping (remembered), the level review, row errors and a preview; nothing
//! is written until "Nhập vào danh sách", then everything in one transaction with a backup
//! that "Hoàn tác" puts back. The rules are `domain::roster_import`'s, what the page shows is
//! `dtbd_view::excel`'s; the Excel files are read and written by the worker (`store::xlsx`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store::{self, files, prefs, xlsx, Backup, BackupReason};
use crate::ui::app::{db, AppState};
use crate::ui::collate::Collator;
use crate::ui::share::restore_once;
use crate::ui::table_export::TableExport;
use dtbd_domain::roster_import::{self as ri, Field, ImportSettings};
use dtbd_view::excel::{self as vm, Layout};
use dtbd_view::table_export::roster_base;
use dtbd_view::unit_choices::unit_choices;
use dtbd_xlsx::Sheet;

/// Prefs key of the remembered mapping and level choices.
const SETTINGS_KEY: &str = "excel.import";

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
    let sheets = if vm::is_csv(&name) {
        let text = String::from_utf8(bytes).map_err(|_| vm::not_utf8(&name))?;
        vec![Sheet { name: "CSV".into(), rows: ri::parse_csv(&text) }]
    } else {
        xlsx::read(&bytes).await.map_err(|e| e.0)?
    };
    if vm::all_empty(sheets.iter().map(|s| s.rows.as_slice())) {
        return Err(vm::no_rows(&name));
    }
    Ok(Loaded { file: name, sheets: Arc::new(sheets) })
}

/// The import being prepared: the file, the choices, and what follows from them.
#[derive(Clone, Copy)]
struct Import {
    loaded: RwSignal<Option<Loaded>>,
    sheet: RwSignal<usize>,
    settings: RwSignal<ImportSettings>,
    mapping: RwSignal<Vec<Option<Field>>>,
    default_unit: RwSignal<String>,
    /// The sheet's rows, and where its header is.
    rows: Memo<Vec<Vec<String>>>,
    layout: Memo<Layout>,
    busy: RwSignal<bool>,
    /// The backup of the last import, for "Hoàn tác lần nhập này".
    last_backup: RwSignal<Option<Backup>>,
}

impl Import {
    fn new() -> Import {
        let loaded: RwSignal<Option<Loaded>> = RwSignal::new(None);
        let sheet = RwSignal::new(0usize);
        let rows = Memo::new(move |_| {
            loaded.with(|l| {
                l.as_ref().and_then(|l| l.sheets.get(sheet.get()).map(|s| s.rows.clone())).unwrap_or_default()
            })
        });
        Import {
            loaded,
            sheet,
            settings: RwSignal::new(load_settings()),
            mapping: RwSignal::new(Vec::new()),
            default_unit: RwSignal::new(prefs::get("excel.unit").unwrap_or_default()),
            rows,
            layout: Memo::new(move |_| rows.with(|r| Layout::of(r))),
            busy: RwSignal::new(false),
            last_backup: RwSignal::new(None),
        }
    }

    /// `f` over the import as chosen now (tracked).
    fn request<R>(self, f: impl FnOnce(&vm::Request<'_>) -> R) -> R {
        let default_unit = self.default_unit.get();
        self.rows.with(|rows| {
            self.layout.with(|layout| {
                self.mapping.with(|mapping| {
                    self.settings.with(|settings| {
                        f(&vm::Request {
                            rows,
                            layout,
                            mapping,
                            settings,
                            default_unit: &default_unit,
                            now: store::now(),
                        })
                    })
                })
            })
        })
    }

    /// Column `col` fills the field coded `code`; the choice is remembered for its header.
    fn set_column(self, col: usize, code: String) {
        let mut field = None;
        self.mapping.update(|m| field = vm::assign_column(m, col, &code));
        let h = self.layout.with_untracked(|l| l.header.get(col).cloned().unwrap_or_default());
        self.settings.update(|s| s.remember_column(&h, field));
        self.settings.with_untracked(save_settings);
    }

    /// `text` in `field`'s column reads as level `code` ("" = forget); remembered.
    fn choose_level(self, field: Field, text: String, code: String) {
        self.settings.update(|s| vm::choose_level(s, field, &text, &code));
        self.settings.with_untracked(save_settings);
    }

    /// "Nhập vào danh sách": the preview again against what is stored now, written in one
    /// transaction with a backup of what it replaces.
    fn confirm(self, state: AppState) {
        if self.busy.get_untracked() {
            return;
        }
        let Some(l) = self.loaded.get_untracked() else { return };
        self.busy.set(true);
        spawn_local(async move {
            let result: Result<(String, Backup), String> = async {
                // Against what is stored now, not what the page last saw.
                let before = db().load_dataset().await.map_err(|e| e.0)?;
                let p = untrack(|| self.request(|r| r.preview(&before.roster, &mut store::new_id)));
                let (roster, message) = vm::imported(&p, &before.roster)?;
                let mut after = before.clone();
                after.roster = roster;
                let backup = Backup::of(&before, BackupReason::Import, vm::backup_source(&l.file), "");
                db().apply_import(&before, &after, &backup).await.map_err(|e| e.0)?;
                state.roster.set(after.roster);
                Ok((message, backup))
            }
            .await;
            match result {
                Ok((message, backup)) => {
                    state.say(message);
                    self.last_backup.set(Some(backup));
                    self.loaded.set(None);
                }
                Err(e) => state.fail(e),
            }
            self.busy.set(false);
        });
    }
}

#[component]
pub fn ExcelPage() -> impl IntoView {
    view! {
        <section class="page excel">
            <div class="page-head"><h1>"Nhập, xuất Excel"</h1></div>
            <ExportRoster/>
            <ImportRoster/>
        </section>
    }
}

/// "Xuất danh sách cán bộ": the table is built when a button is pressed, not on every roster
/// change.
#[component]
fn ExportRoster() -> impl IntoView {
    let state = expect_context::<AppState>();
    let tables = Signal::derive(move || {
        let collator = Collator::vietnamese();
        vec![state.roster.with(|r| vm::roster_table(r, &|x, y| collator.cmp(x, y)))]
    });
    view! {
        <fieldset>
            <legend>"Xuất danh sách cán bộ"</legend>
            <p class="hint">{move || vm::export_hint(state.roster.with(|r| r.cadres.len()))}</p>
            <TableExport tables=tables base=roster_base(store::today())/>
        </fieldset>
    }
}

/// "Nhập danh sách cán bộ": the file picker, the last import's undo, then the file read.
#[component]
fn ImportRoster() -> impl IntoView {
    let state = expect_context::<AppState>();
    let im = Import::new();
    let reading = RwSignal::new(false);
    let read_error: RwSignal<Option<String>> = RwSignal::new(None);
    // A new sheet (or file) gets the guessed (or remembered) mapping.
    let header = Memo::new(move |_| im.layout.with(|l| l.header.clone()));
    Effect::new(move |_| {
        let h = header.get();
        im.mapping.set(ri::guess_mapping(&h, &im.settings.get_untracked()));
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
                    im.sheet.set(vm::first_sheet(l.sheets.iter().map(|s| s.rows.as_slice())));
                    im.loaded.set(Some(l));
                    im.last_backup.set(None);
                }
                Err(e) => {
                    im.loaded.set(None);
                    read_error.set(Some(e));
                }
            }
            reading.set(false);
        });
    };
    let undo = move |b: Backup| {
        restore_once(state, im.busy, b, move |b| {
            state.say(vm::undone_message(&b.source));
            im.last_backup.set(None);
        })
    };

    view! {
        <fieldset>
            <legend>"Nhập danh sách cán bộ từ Excel hoặc CSV"</legend>
            <div class="field">
                <label for="excel-file">"Chọn tệp (.xlsx hoặc .csv)"</label>
                <input id="excel-file" type="file" accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" on:change=on_pick />
                <p class="hint">"Tệp được đọc và xem trước; danh sách chưa thay đổi cho đến khi bấm \"Nhập vào danh sách\". Cán bộ đã có (cùng mã, hoặc cùng họ tên và năm sinh) được cập nhật."</p>
            </div>
            {move || reading.get().then(|| view! { <p role="status" class="hint">"Đang đọc tệp…"</p> })}
            {move || read_error.get().map(|e| view! { <p class="error-summary" role="alert">{e}</p> })}
            {move || im.last_backup.get().map(|b| view! {
                <div class="actions">
                    <button type="button" class="btn" disabled=move || im.busy.get() on:click=move |_| undo(b.clone())>"Hoàn tác lần nhập này"</button>
                </div>
            })}
            {move || im.loaded.get().map(|l| view! { <LoadedFile l im/> })}
        </fieldset>
    }
}

/// A file read: its sheet and default unit, the mapping, the level review, the preview.
#[component]
fn LoadedFile(l: Loaded, im: Import) -> impl IntoView {
    let sheets: Vec<(usize, String)> = l.sheets.iter().enumerate().map(|(i, s)| (i, s.name.clone())).collect();
    view! {
        <h3>{vm::file_heading(&l.file)}</h3>
        <div class="grid">
            {(sheets.len() > 1).then(|| view! { <SheetPicker sheets sheet=im.sheet/> })}
            <DefaultUnit unit=im.default_unit/>
        </div>
        <p class="hint">{move || im.layout.with(Layout::hint)}</p>
        <h3>"Ghép cột"</h3>
        <MappingTable im/>
        <LevelReview im/>
        <PreviewPanel im/>
    }
}

#[component]
fn SheetPicker(sheets: Vec<(usize, String)>, sheet: RwSignal<usize>) -> impl IntoView {
    view! {
        <div class="field">
            <label for="excel-sheet">"Trang tính"</label>
            <select id="excel-sheet" prop:value=move || sheet.get().to_string() on:change=move |ev| sheet.set(event_target_value(&ev).parse().unwrap_or(0))>
                {sheets.into_iter().map(|(i, name)| {
                    view! { <option value=i.to_string() selected=move || sheet.get() == i>{name}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// The unit given to rows that name none (remembered in prefs).
#[component]
fn DefaultUnit(unit: RwSignal<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="field">
            <label for="excel-unit">"Đơn vị cho dòng không ghi đơn vị"</label>
            <select id="excel-unit" prop:value=move || unit.get() on:change=move |ev| {
                let v = event_target_value(&ev);
                prefs::set("excel.unit", &v);
                unit.set(v);
            }>
                <option value="" selected=move || unit.get().is_empty()>"— Không có (báo lỗi) —"</option>
                {move || state.roster.with(unit_choices).into_iter().map(|(id, label)| {
                    let sel = id.clone();
                    view! { <option value=id selected=move || unit.get() == sel>{label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// "Ghép cột": each column, its first value, and the field it fills.
#[component]
fn MappingTable(im: Import) -> impl IntoView {
    let rows = move || im.rows.with(|r| im.layout.with(|l| im.mapping.with(|m| vm::mapping_rows(l, r, m))));
    move || {
        view! {
            <table class="mapping">
                <thead><tr><th>"Cột trong tệp"</th><th>"Dòng đầu tiên"</th><th>"Ghép vào"</th></tr></thead>
                <tbody>
                    {rows().into_iter().enumerate().map(|(col, row)| { let aria = row.aria_label(); view! {
                        <tr>
                            <th scope="row">{row.label.clone()}</th>
                            <td>{row.sample.clone()}</td>
                            <td>
                                <select aria-label=aria on:change=move |ev| im.set_column(col, event_target_value(&ev))>
                                    {row.choices.into_iter().map(|(v, l, s)| view! { <option value=v selected=s>{l}</option> }).collect_view()}
                                </select>
                            </td>
                        </tr>
                    } }).collect_view()}
                </tbody>
            </table>
        }
    }
}

/// "Đối chiếu trình độ": each text of a level column and the level it is read as.
#[component]
fn LevelReview(im: Import) -> impl IntoView {
    let review =
        Memo::new(move |_| {
            vm::review(im.rows.with(|r| {
                im.layout.with(|l| im.mapping.with(|m| im.settings.with(|s| ri::level_review(l.data(r), m, s))))
            }))
        });
    move || {
        review.get().map(|(hint, rows)| {
            view! {
                <h3>"Đối chiếu trình độ"</h3>
                <p class="hint">{hint}</p>
                <table class="level-review">
                    <thead><tr><th>"Cột"</th><th>"Cách ghi trong tệp"</th><th>"Số dòng"</th><th>"Trình độ"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|v| {
                            let (field, text) = (v.field, v.text.clone());
                            let current = v.current.clone();
                            view! {
                                <tr class:unknown=v.unknown()>
                                    <td>{v.field.label()}</td>
                                    <td>{v.text.clone()}</td>
                                    <td class="num">{v.count}</td>
                                    <td>
                                        <select aria-label=v.aria_label()
                                            on:change=move |ev| im.choose_level(field, text.clone(), event_target_value(&ev))>
                                            <option value="" selected=current.is_empty()>"— chưa rõ —"</option>
                                            {v.levels.iter().map(|&(code, label)| {
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
    }
}

/// "Xem trước": the counts, row errors, the changes, "Nhập vào danh sách"; or the fields no
/// column fills yet.
#[component]
fn PreviewPanel(im: Import) -> impl IntoView {
    let state = expect_context::<AppState>();
    let missing = Memo::new(move |_| im.request(|r| r.missing()));
    let preview = Memo::new(move |_| {
        if !missing.with(Vec::is_empty) || im.loaded.with(Option::is_none) {
            return None;
        }
        Some(Arc::new(state.roster.with(|roster| im.request(|r| r.preview(roster, &mut store::new_id)))))
    });
    move || {
        if let Some(message) = missing.with(|m| vm::missing_message(m)) {
            return view! { <p class="error-summary" role="alert">{message}</p> }.into_any();
        }
        let Some(p) = preview.get() else { return ().into_any() };
        let vm::Summary { counts, errors_intro, errors, more_errors, changes, can_apply, apply_label } =
            vm::summary(&p);
        view! {
            <h3>"Xem trước"</h3>
            <p class="import-counts" role="status">{counts}</p>
            {(!errors.is_empty()).then(|| view! {
                <div class="error-summary" role="alert">
                    <p>{errors_intro}</p>
                    <ul class="row-errors">{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                    {more_errors.map(|m| view! { <p>{m}</p> })}
                </div>
            })}
            {(!changes.is_empty()).then(|| view! {
                <ul class="changes">{changes.into_iter().map(|(t, w)| view! { <li>{t}" — "<strong>{w}</strong></li> }).collect_view()}</ul>
            })}
            <div class="actions">
                <button type="button" class="btn primary" disabled=move || im.busy.get() || !can_apply on:click=move |_| im.confirm(state)>
                    {apply_label}
                </button>
                <button type="button" class="btn" on:click=move |_| im.loaded.set(None)>"Hủy"</button>
            </div>
        }
        .into_any()
    }
}
