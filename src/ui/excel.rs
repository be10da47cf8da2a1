//! Nhập, xuất Excel: the roster to XLSX or CSV, and a roster file (XLSX or CSV) in, with the
//! sheet, the column mapping (remembered), the level review, row errors and a preview; nothing
//! is written until "Nhập vào danh sách", then everything in one transaction with a backup
//! that "Hoàn tác" puts back. The rules are `domain::roster_import`'s, what the page shows is
//! `dtbd_view::excel`'s; the Excel files are read and written by the worker (`store::xlsx`).

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store::{self, prefs, xlsx, Backup, BackupReason};
use crate::ui::app::{db, AppState};
use crate::ui::busy::{Busy, BusyPanel, Halt, Run};
use crate::ui::collate::Collator;
use crate::ui::legacy_note::{TextNote, TextNotes};
use crate::ui::share::restore_once;
use crate::ui::table_export::TableExport;
use crate::ui::widgets::file_button;
use dtbd_domain::model::{GovLevel, Unit, UnitKind};
use dtbd_domain::roster_import::{self as ri, Field, ImportSettings, UnitProposal};
use dtbd_view::busy::Step;
use dtbd_view::excel::{self as vm, Layout};
use dtbd_view::legacy_text;
use dtbd_view::table_export::roster_base;
use dtbd_view::unit_choices::unit_choices;
use dtbd_xlsx::Sheet;

/// Prefs key of the remembered mapping and level choices.
const SETTINGS_KEY: &str = "excel.import";

pub(crate) fn load_settings() -> ImportSettings {
    prefs::get(SETTINGS_KEY).and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default()
}

fn save_settings(s: &ImportSettings) {
    prefs::set(SETTINGS_KEY, &serde_json::to_string(s).expect("settings always serialise"));
}

/// The file being imported, read into sheets.
#[derive(Clone)]
struct Loaded {
    file: String,
    /// The sheets shown: converted to Unicode when their text was in an old font.
    sheets: Arc<Vec<Sheet>>,
    /// How its text was read, and the sheets as in the file for "Giữ nguyên".
    text: TextNote,
}

/// Reads a picked file: CSV (any encoding) in the page, XLSX and XLS through the worker; then
/// text typed in an old font (TCVN3, VNI) converted to Unicode. A step at a time with the
/// progress panel following; "Hủy" stops it between steps.
async fn read(run: Run, file: web_sys::File) -> Result<Loaded, Halt> {
    let name = file.name();
    let bytes = run.read_file(&file).await?;
    run.step(Step::ReadingSheets).await?;
    let (sheets, encoding, font) = if legacy_text::reads_as_csv(&name, &bytes) {
        let csv = legacy_text::read_csv(&name, &bytes).map_err(Halt::Failed)?;
        (vec![Sheet { name: "CSV".into(), rows: csv.rows }], csv.note, csv.font)
    } else {
        let sheets = xlsx::read(&name, &bytes).await.map_err(|e| Halt::Failed(e.0));
        run.check()?;
        (sheets?, None, None)
    };
    drop(bytes);
    if vm::all_empty(sheets.iter().map(|s| s.rows.as_slice())) {
        return Err(Halt::Failed(vm::no_rows(&name)));
    }
    run.step(Step::Converting).await?;
    let legacy = legacy_text::convert_legacy(sheets.iter().map(|s| s.rows.as_slice()), font);
    let (sheets, text) = TextNote::new(sheets, encoding, legacy);
    Ok(Loaded { file: name, sheets, text })
}

/// The import being prepared: the file, the choices, and what follows from them.
#[derive(Clone, Copy)]
struct Import {
    loaded: RwSignal<Option<Loaded>>,
    sheet: RwSignal<usize>,
    settings: RwSignal<ImportSettings>,
    mapping: RwSignal<Vec<Option<Field>>>,
    default_unit: RwSignal<String>,
    /// Đối tượng for new people when the sheet has no such column: chosen for each file.
    default_category: RwSignal<String>,
    /// The units the sheet names that the roster lacks, and the officer's edits of them.
    proposals: Memo<Vec<UnitProposal>>,
    unit_edits: RwSignal<vm::UnitEdits>,
    new_units: Memo<Vec<Unit>>,
    /// Doubtful rows read as another person.
    different: RwSignal<HashSet<usize>>,
    /// The sheet's rows, and where its header is.
    rows: Memo<Vec<Vec<String>>>,
    /// "Dòng tiêu đề": the header row the officer chose (None: the guess); back to the guess
    /// for each sheet read.
    header_row: RwSignal<Option<usize>>,
    layout: Memo<Layout>,
    busy: RwSignal<bool>,
    /// The progress panel of reading a file and of "Nhập vào danh sách".
    progress: Busy,
    /// The backup of the last import, for "Hoàn tác lần nhập này".
    last_backup: RwSignal<Option<Backup>>,
}

impl Import {
    fn new(state: AppState) -> Import {
        let loaded: RwSignal<Option<Loaded>> = RwSignal::new(None);
        let sheet = RwSignal::new(0usize);
        let rows = Memo::new(move |_| {
            loaded.with(|l| {
                l.as_ref().and_then(|l| l.sheets.get(sheet.get()).map(|s| s.rows.clone())).unwrap_or_default()
            })
        });
        let header_row: RwSignal<Option<usize>> = RwSignal::new(None);
        Effect::new(move |_| {
            rows.track();
            header_row.set(None);
        });
        let layout = Memo::new(move |_| rows.with(|r| header_row.with(|h| Layout::chosen(r, *h))));
        let mapping = RwSignal::new(Vec::new());
        let proposals = Memo::new(move |_| {
            state.roster.with(|roster| {
                rows.with(|r| layout.with(|l| mapping.with(|m| ri::propose_units(roster, l.data(r), m))))
            })
        });
        let unit_edits = RwSignal::new(vm::UnitEdits::new());
        let new_units = Memo::new(move |_| {
            state.roster.with(|roster| {
                proposals.with(|p| unit_edits.with(|e| vm::new_units(roster, p, e, &mut store::new_id, store::now())))
            })
        });
        Import {
            loaded,
            sheet,
            settings: RwSignal::new(load_settings()),
            mapping,
            default_unit: RwSignal::new(prefs::get("excel.unit").unwrap_or_default()),
            default_category: RwSignal::new(String::new()),
            proposals,
            unit_edits,
            new_units,
            different: RwSignal::new(HashSet::new()),
            rows,
            header_row,
            layout,
            busy: RwSignal::new(false),
            progress: Busy::default(),
            last_backup: RwSignal::new(None),
        }
    }

    /// `f` over the import as chosen now (tracked).
    fn request<R>(self, f: impl FnOnce(&vm::Request<'_>) -> R) -> R {
        let default_unit = self.default_unit.get();
        let default_category = self.default_category.get();
        self.rows.with(|rows| {
            self.layout.with(|layout| {
                self.mapping.with(|mapping| {
                    self.settings.with(|settings| {
                        self.new_units.with(|new_units| {
                            self.different.with(|different_people| {
                                f(&vm::Request {
                                    rows,
                                    layout,
                                    mapping,
                                    settings,
                                    default_unit: &default_unit,
                                    default_category: &default_category,
                                    new_units,
                                    different_people,
                                    now: store::now(),
                                })
                            })
                        })
                    })
                })
            })
        })
    }

    /// `text` of the Cấp ủy column reads as `code` ("" = back to the guess); remembered.
    fn choose_committee(self, text: String, code: String) {
        self.settings.update(|s| s.choose_committee(&text, &code));
        self.settings.with_untracked(save_settings);
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
    /// transaction with a backup of what it replaces. "Hủy" is offered until the write.
    fn confirm(self, state: AppState) {
        if self.busy.get_untracked() || self.progress.running() {
            return;
        }
        let Some(l) = self.loaded.get_untracked() else { return };
        self.busy.set(true);
        let run = self.progress.start(&l.file, Step::LoadingLocal, move || self.busy.set(false));
        spawn_local(async move {
            let result: Result<(String, Backup), Halt> = async {
                // Against what is stored now, not what the page last saw.
                run.step(Step::LoadingLocal).await?;
                let before = db().load_dataset().await.map_err(|e| Halt::Failed(e.0))?;
                run.step(Step::Comparing).await?;
                let p = untrack(|| self.request(|r| r.preview(&before.roster, &mut store::new_id)));
                let (roster, message) = vm::imported(&p, &before.roster).map_err(Halt::Failed)?;
                let mut after = before.clone();
                after.roster = roster;
                let backup = Backup::of(&before, BackupReason::Import, vm::backup_source(&l.file), "");
                // "Hủy" ends here: the write is one transaction, all or nothing, and can be undone.
                run.step(Step::Writing).await?;
                db().apply_import(&before, &after, &backup).await.map_err(|e| Halt::Failed(e.0))?;
                state.roster.set(after.roster);
                Ok((message, backup))
            }
            .await;
            match result {
                Ok((message, backup)) => {
                    run.finish();
                    state.say(message);
                    self.last_backup.set(Some(backup));
                    self.loaded.set(None);
                }
                Err(Halt::Failed(e)) => {
                    run.finish();
                    state.fail(e);
                }
                // The page already shows what it showed before.
                Err(Halt::Cancelled) => return,
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
            <TableExport tables=tables base=Signal::derive(move || state.roster.with(roster_base))/>
        </fieldset>
    }
}

/// "Nhập danh sách cán bộ": the file picker, the last import's undo, then the file read.
#[component]
fn ImportRoster() -> impl IntoView {
    let state = expect_context::<AppState>();
    let im = Import::new(state);
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
        if im.progress.running() || im.busy.get_untracked() {
            return;
        }
        // "Hủy" leaves the file shown before (if any) as it was, and its message.
        let previous_error = read_error.get_untracked();
        let run = im.progress.start(&file.name(), Step::Reading, move || read_error.set(previous_error.clone()));
        read_error.set(None);
        spawn_local(async move {
            let outcome = match read(run, file).await {
                // The preview is computed as the page draws it: the panel says so meanwhile.
                Ok(l) => run.step(Step::Showing).await.map(|()| l),
                Err(halt) => Err(halt),
            };
            match outcome {
                Ok(l) => {
                    run.finish();
                    im.sheet.set(vm::first_sheet(l.sheets.iter().map(|s| s.rows.as_slice())));
                    im.default_category.set(String::new());
                    im.unit_edits.set(vm::UnitEdits::new());
                    im.different.set(HashSet::new());
                    im.loaded.set(Some(l));
                    im.last_backup.set(None);
                }
                Err(Halt::Failed(e)) => {
                    run.finish();
                    im.loaded.set(None);
                    read_error.set(Some(e));
                }
                Err(Halt::Cancelled) => {}
            }
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
                {file_button("excel-file", "Chọn tệp (.xlsx, .xls hoặc .csv)", ".xlsx,.xls,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv", on_pick)}
                <p class="hint">"Tệp được đọc và xem trước; danh sách chưa thay đổi cho đến khi bấm \"Nhập vào danh sách\". Cán bộ đã có (cùng mã, hoặc cùng họ tên và năm sinh) được cập nhật."</p>
            </div>
            {move || read_error.get().map(|e| view! { <p class="error-summary" role="alert">{e}</p> })}
            {move || im.last_backup.get().map(|b| view! {
                <div class="actions">
                    <button type="button" class="btn" disabled=move || im.busy.get() on:click=move |_| undo(b.clone())>"Hoàn tác lần nhập này"</button>
                </div>
            })}
            {move || im.loaded.get().map(|l| view! { <LoadedFile l im/> })}
            <BusyPanel busy=im.progress/>
        </fieldset>
    }
}

/// A file read: its sheet and default unit, the mapping, the level review, the preview.
#[component]
fn LoadedFile(l: Loaded, im: Import) -> impl IntoView {
    let sheets: Vec<(usize, String)> = l.sheets.iter().enumerate().map(|(i, s)| (i, s.name.clone())).collect();
    let loaded = im.loaded;
    let switch = move || {
        loaded.update(|l| {
            if let Some(l) = l.as_mut() {
                if let Some((sheets, text)) = l.text.switched() {
                    l.sheets = sheets;
                    l.text = text;
                }
            }
        })
    };
    view! {
        <h3>{vm::file_heading(&l.file)}</h3>
        <TextNotes note=l.text.clone() switch/>
        <div class="grid">
            {(sheets.len() > 1).then(|| view! { <SheetPicker sheets sheet=im.sheet/> })}
            <DefaultUnit unit=im.default_unit/>
        </div>
        <p class="hint">{move || im.layout.with(Layout::hint)}</p>
        <h3>"Ghép cột"</h3>
        <MappingTable im/>
        <CategoryForFile im/>
        <NewUnits im/>
        <LevelReview im/>
        <CommitteeReview im/>
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

/// "Ghép cột": the header row (guessed, or chosen when the guess is wrong), then each column,
/// its first value, and the field it fills.
#[component]
fn MappingTable(im: Import) -> impl IntoView {
    let rows = move || im.rows.with(|r| im.layout.with(|l| im.mapping.with(|m| vm::mapping_rows(l, r, m))));
    let header_choices = move || im.rows.with(|r| im.layout.with(|l| vm::header_choices(r, l)));
    move || {
        view! {
            <div class="field">
                <label for="excel-header-row">"Dòng tiêu đề"</label>
                <select id="excel-header-row" on:change=move |ev| im.header_row.set(event_target_value(&ev).parse().ok())>
                    {header_choices().into_iter().map(|(at, label, selected)| view! { <option value=at.to_string() selected=selected>{label}</option> }).collect_view()}
                </select>
            </div>
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
    let review = Memo::new(move |_| {
        im.rows.with(|r| {
            im.layout.with(|l| {
                im.mapping.with(|m| im.settings.with(|s| vm::review(ri::level_review(l.data(r), m, s), &l.header)))
            })
        })
    });
    move || {
        review.get().map(|vm::Review { hint, rows, not_levels }| {
            view! {
                <h3>"Đối chiếu trình độ"</h3>
                {not_levels.into_iter().map(|note| view! { <p class="error-summary" role="alert">{note}</p> }).collect_view()}
                {(!rows.is_empty()).then(|| view! {
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
                                        <td>{review_select(v.aria_label(), current, v.levels.clone(), v.chosen,
                                            move |code| im.choose_level(field, text.clone(), code))}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
            }
        })
    }
}

/// A review row's reading: "— chưa rõ —" then each choice, the current one selected, and
/// "(đã chọn)" when the officer chose it rather than the app guessing.
fn review_select(
    aria: String,
    current: String,
    choices: Vec<(String, String)>,
    chosen: bool,
    on_pick: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <select aria-label=aria on:change=move |ev| on_pick(event_target_value(&ev))>
            <option value="" selected=current.is_empty()>"— chưa rõ —"</option>
            {choices.into_iter().map(|(code, label)| {
                let selected = current == code;
                view! { <option value=code selected=selected>{label}</option> }
            }).collect_view()}
        </select>
        {chosen.then_some(" (đã chọn)")}
    }
}

/// "Đối tượng cho người mới": asked when the sheet has no Đối tượng column; never a silent
/// default, so it starts unchosen for each file.
#[component]
fn CategoryForFile(im: Import) -> impl IntoView {
    let shown = move || !im.mapping.with(|m| m.contains(&Some(Field::Category)));
    move || {
        shown().then(|| {
            view! {
                <div class="field">
                    <label for="excel-category">"Đối tượng của người mới (tệp không có cột Đối tượng)"</label>
                    <select id="excel-category" prop:value=move || im.default_category.get()
                        on:change=move |ev| im.default_category.set(event_target_value(&ev))>
                        {vm::category_choices().into_iter().map(|(code, label)| {
                            view! { <option value=code selected=move || im.default_category.get() == code>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
            }
        })
    }
}

/// "Đơn vị mới": every unit the sheet names that the roster lacks, with the level and kind
/// read from its name, editable; created with the import.
#[component]
fn NewUnits(im: Import) -> impl IntoView {
    let state = expect_context::<AppState>();
    let table = Memo::new(move |_| {
        let proposals = im.proposals.with(|p| im.unit_edits.with(|e| vm::edited_proposals(p, e)));
        state.roster.with(|r| vm::unit_rows(&proposals, r))
    });
    let parent_error: RwSignal<Option<String>> = RwSignal::new(None);
    let names = Memo::new(move |_| im.proposals.with(|p| state.roster.with(|r| vm::parent_names(p, r))));
    move || {
        let (hint, rows) = table.get();
        (!rows.is_empty()).then(|| {
            view! {
                <h3>"Đơn vị mới"</h3>
                <p class="hint">{hint}</p>
                {move || parent_error.get().map(|e| view! { <p class="error-summary" role="alert">{e}</p> })}
                <datalist id="unit-names">
                    {move || names.get().into_iter().map(|n| view! { <option value=n/> }).collect_view()}
                </datalist>
                <table class="new-units">
                    <thead><tr><th>"Tên đơn vị"</th><th>"Số người"</th><th>"Cấp"</th><th>"Loại"</th><th>"Cấp trên"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|u| {
                            let (key_level, key_kind, key_parent) = (u.key.clone(), u.key.clone(), u.key.clone());
                            let (level, kind) = (u.level, u.kind);
                            view! {
                                <tr>
                                    <th scope="row">{u.name.clone()}</th>
                                    <td class="num">{u.rows.clone()}</td>
                                    <td>
                                        <select aria-label=format!("Cấp của {}", u.name) on:change=move |ev| {
                                            let chosen = GovLevel::from_code(&event_target_value(&ev)).unwrap_or(level);
                                            im.unit_edits.update(|e| e.entry(key_level.clone()).or_default().level = Some(chosen));
                                        }>
                                            {GovLevel::ALL.iter().map(|l| view! { <option value=l.code() selected=*l == level>{l.label()}</option> }).collect_view()}
                                        </select>
                                    </td>
                                    <td>
                                        <select aria-label=format!("Loại của {}", u.name) on:change=move |ev| {
                                            let chosen = UnitKind::from_code(&event_target_value(&ev)).unwrap_or(kind);
                                            im.unit_edits.update(|e| e.entry(key_kind.clone()).or_default().kind = Some(chosen));
                                        }>
                                            {UnitKind::ALL.iter().map(|k| view! { <option value=k.code() selected=*k == kind>{k.label()}</option> }).collect_view()}
                                        </select>
                                    </td>
                                    <td>
                                        <input type="text" list="unit-names" aria-label=format!("Cấp trên của {}", u.name)
                                            prop:value=u.parent.clone() on:change=move |ev| {
                                                let typed = event_target_value(&ev);
                                                let result = im.proposals.with_untracked(|p| state.roster.with_untracked(|r| {
                                                    let mut edits = im.unit_edits.get_untracked();
                                                    vm::edit_parent(&mut edits, &key_parent, &typed, p, r).map(|()| edits)
                                                }));
                                                match result {
                                                    Ok(edits) => { parent_error.set(None); im.unit_edits.set(edits); }
                                                    Err(e) => parent_error.set(Some(e)),
                                                }
                                            }/>
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

/// "Đối chiếu cấp ủy": each seat text of the Cấp ủy column and what it is read as.
#[component]
fn CommitteeReview(im: Import) -> impl IntoView {
    let review = Memo::new(move |_| {
        im.rows.with(|r| {
            im.layout.with(|l| im.mapping.with(|m| im.settings.with(|s| vm::committee_review(l.data(r), m, s))))
        })
    });
    move || {
        review.get().map(|(hint, rows)| {
            view! {
                <h3>"Đối chiếu cấp ủy"</h3>
                <p class="hint">{hint}</p>
                <table class="level-review">
                    <thead><tr><th>"Cách ghi trong tệp"</th><th>"Số dòng"</th><th>"Đọc là"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|v| {
                            let text = v.text.clone();
                            let current = v.current.clone();
                            view! {
                                <tr class:unknown=v.current.is_empty()>
                                    <td>{v.text.clone()}</td>
                                    <td class="num">{v.count}</td>
                                    <td>{review_select(v.aria_label(), current, v.choices.clone(), v.chosen,
                                        move |code| im.choose_committee(text.clone(), code))}</td>
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
            <DoubtfulPairs p=p.clone() im/>
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

/// Same name and year as someone of another unit: side by side, the officer decides.
#[component]
fn DoubtfulPairs(p: Arc<ri::Preview>, im: Import) -> impl IntoView {
    let state = expect_context::<AppState>();
    let preview = p.clone();
    let describe = move |row: usize| {
        preview.rows.iter().find(|r| r.row == row).map(|r| {
            let unit = im
                .new_units
                .with_untracked(|units| units.iter().find(|u| u.id == r.cadre.unit_id).map(|u| u.name.clone()));
            let unit = unit.unwrap_or_else(|| {
                state.roster.with_untracked(|roster| roster.unit_name(&r.cadre.unit_id).to_string())
            });
            format!("{} ({}), {}", r.cadre.full_name, r.cadre.birth_year, unit)
        })
    };
    let pairs = state.roster.with_untracked(|roster| vm::pair_rows(&p, roster, &describe));
    (!pairs.is_empty()).then(|| {
        view! {
            <h3>"Cùng họ tên và năm sinh ở đơn vị khác"</h3>
            <p class="hint">"Cùng một người đã chuyển đơn vị, hay hai người khác nhau? Mặc định là cùng một người."</p>
            <ul class="doubtful">
                {pairs.into_iter().map(|pair| {
                    let row = pair.row;
                    view! {
                        <li>
                            <span>{pair.incoming}</span>" ↔ "<span>{pair.existing}</span>
                            <label>
                                <input type="checkbox" prop:checked=!pair.same on:change=move |ev| {
                                    let other = event_target_checked(&ev);
                                    im.different.update(|d| { if other { d.insert(row); } else { d.remove(&row); } });
                                }/>
                                " Hai người khác nhau"
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}
