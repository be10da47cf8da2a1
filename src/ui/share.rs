//! Trao đổi dữ liệu: export a snapshot (whole database or one unit's subtree) to download or
//! share; import one file or many at once (a district's communes) with validation, one
//! preview, the decisions on records from outside a file's subtree, per-record conflict
//! choices and apply; undo the last import; the backups list; storage usage. Every rule is the domain's
//! (`domain::snapshot`), every text and list the view model's (`dtbd_view::share`), every byte
//! read or written the store's. The components only bind them.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store::{self, crypto, files, prefs, Backup, BackupReason};
use crate::ui::app::{db, AppState, Route};
use crate::ui::busy::{Busy, BusyPanel, Halt, Run};
use crate::ui::widgets::files_button;
use dtbd_domain::envelope::{self, Sealed};
use dtbd_domain::model::Millis;
use dtbd_domain::snapshot::batch::{self, BatchFile, Checked, Choices, Combined, Refused};
use dtbd_domain::snapshot::{
    self, export_reminder, Choice, Counts, Dataset, Preview, RecordChange, Resolutions, Status,
};
use dtbd_domain::snapshot::{SnapshotError, MAX_SNAPSHOT_BYTES};
use dtbd_view::batch_import as batch_vm;
use dtbd_view::busy::Step;
use dtbd_view::share as vm;

/// Files picked together, read, checked, combined into one incoming set and previewed,
/// waiting for the officer's choices (a single file is a batch of one).
struct Pending {
    /// The files that passed their check, in the order picked.
    files: Vec<BatchFile>,
    /// The files refused, with why; shown in the files table and not imported.
    refused: Vec<Refused>,
    /// Their warnings, each naming its file.
    warnings: Vec<String>,
    /// The oldest schema version among the files, when one was upgraded.
    migrated_from: Option<u32>,
    /// What was stored when the files were checked, and the write generation then.
    local: Dataset,
    generation: Option<String>,
    /// When the files were received (their records' provenance and receipts say so).
    received_at: Millis,
    /// Outside records taken, copies kept between two files.
    choices: Choices,
    combined: Combined,
    preview: Preview,
}

impl Pending {
    fn names(&self) -> Vec<String> {
        self.files.iter().map(|f| f.name.clone()).collect()
    }

    /// Who sent, for the backup's list: one sender, or "" for many.
    fn sender(&self) -> String {
        match self.files.as_slice() {
            [one] => one.snapshot.exported_by.sender.clone(),
            _ => String::new(),
        }
    }
}

/// Encrypted files waiting for the one passphrase, with the files already checked.
struct Waiting {
    locked: Vec<(String, Sealed)>,
    checked: Vec<Checked>,
    refused: Vec<Refused>,
}

#[derive(Clone)]
enum Import {
    Idle,
    /// A run under way: the progress panel shows it (`ui::busy`).
    Busy,
    /// Nothing to import: every file picked was refused.
    Failed {
        picked: usize,
        errors: Vec<String>,
    },
    Ready(Arc<Pending>),
    /// Encrypted files waiting for their passphrase (with the last attempt's error); each
    /// envelope was checked whole when the files were picked.
    Locked {
        waiting: Arc<Waiting>,
        error: Option<String>,
    },
    Done {
        names: Vec<String>,
        counts: Counts,
    },
}

/// The backups list, newest first: `None` while it loads, then the list or why it could not
/// be read. A signal filled by a task rather than a `LocalResource`, whose async machinery
/// cost this bundle 13 KB brotli for one list (measured).
#[derive(Clone, Copy)]
struct Backups(RwSignal<Option<Result<Vec<Backup>, String>>>);

impl Backups {
    fn get(self) -> Option<Result<Vec<Backup>, String>> {
        self.0.get()
    }

    /// Reads the list again (after an import, a restore or a deletion).
    fn refetch(self) {
        spawn_local(async move { self.0.set(Some(db().backups().await.map_err(|e| e.0))) });
    }
}

fn load_backups() -> Backups {
    let backups = Backups(RwSignal::new(None));
    backups.refetch();
    backups
}

/// A backup as the view model knows it; `when` is its time, written by the caller.
fn facts<'a>(b: &'a Backup, when: &'a str) -> vm::BackupFacts<'a> {
    vm::BackupFacts {
        reason: match b.reason {
            BackupReason::Import => vm::BackupOf::Import,
            BackupReason::Restore => vm::BackupOf::Restore,
        },
        when,
        source: &b.source,
        sender: &b.sender,
        counts: [b.units, b.cadres, b.directives, b.tombstones, b.training],
    }
}

/// The panel's file line while file `index` of `count` is read.
fn file_label(name: &str, index: usize, count: usize) -> String {
    if count == 1 {
        name.to_string()
    } else {
        format!("{name} ({}/{count})", index + 1)
    }
}

/// Reads and checks every file picked against what this device holds, one at a time with the
/// panel following; encrypted files wait for one passphrase, asked once for all of them
/// (each envelope checked whole first). Then the batch is combined and previewed.
async fn check_files(run: Run, picked: Vec<web_sys::File>) -> Result<Import, Halt> {
    // What this device holds, read once, when the first file needs it: a file is read before
    // anything else happens, so "Hủy" is offered from the first step on.
    let mut held: Option<(Dataset, Option<String>)> = None;
    let (mut checked, mut refused, mut locked) = (Vec::new(), Vec::new(), Vec::new());
    let count = picked.len();
    for (index, file) in picked.into_iter().enumerate() {
        let name = file.name();
        run.set_file(&file_label(&name, index, count));
        // Refused before a byte is read.
        if file.size() > MAX_SNAPSHOT_BYTES as f64 {
            let too_large = SnapshotError::TooLarge { bytes: file.size() as usize, limit: MAX_SNAPSHOT_BYTES };
            refused.push(batch::refused(&name, &too_large));
            continue;
        }
        let bytes = match run.read_file(&file).await {
            Ok(bytes) => bytes,
            Err(Halt::Failed(why)) => {
                refused.push(Refused { file: name.clone(), messages: vec![batch::about_file(&name, &why)] });
                continue;
            }
            Err(cancelled) => return Err(cancelled),
        };
        match envelope::open(&bytes) {
            Some(Ok(sealed)) => locked.push((name, sealed)),
            Some(Err(broken)) => {
                refused.push(Refused { file: name.clone(), messages: vec![batch::about_file(&name, &broken)] })
            }
            None => {
                if held.is_none() {
                    held = Some(load_local(run).await?);
                }
                let Some((local, _)) = held.as_ref() else { unreachable!("read just above") };
                run.step(Step::Checking).await?;
                match batch::check(&name, &bytes, local) {
                    Ok(ok) => checked.push(ok),
                    Err(no) => refused.push(no),
                }
            }
        }
    }
    if !locked.is_empty() {
        return Ok(Import::Locked { waiting: Arc::new(Waiting { locked, checked, refused }), error: None });
    }
    let (local, generation) = match held {
        Some(h) => h,
        None => load_local(run).await?,
    };
    combine_files(run, count, checked, refused, local, generation).await
}

/// What this device holds now, and the write generation it was read at.
async fn load_local(run: Run) -> Result<(Dataset, Option<String>), Halt> {
    run.step(Step::LoadingLocal).await?;
    let generation = store::Db::generation();
    let local = db().load_dataset().await.map_err(|e| Halt::Failed(e.0))?;
    Ok((local, generation))
}

/// Combines the checked files into one incoming set and previews it against `local`.
async fn combine_files(
    run: Run,
    picked: usize,
    checked: Vec<Checked>,
    refused: Vec<Refused>,
    local: Dataset,
    generation: Option<String>,
) -> Result<Import, Halt> {
    if checked.is_empty() {
        let errors = refused.into_iter().flat_map(|r| r.messages).collect();
        return Ok(Import::Failed { picked, errors });
    }
    run.set_file(&batch_vm::batch_label(&checked.iter().map(|c| c.file.name.clone()).collect::<Vec<_>>()));
    run.step(Step::Comparing).await?;
    let migrated_from = checked.iter().filter_map(|c| c.migrated_from).min();
    let warnings = checked.iter().flat_map(|c| c.warnings.iter().cloned()).collect();
    let files: Vec<BatchFile> = checked.into_iter().map(|c| c.file).collect();
    let received_at = store::now();
    let choices = Choices::default();
    let combined = batch::combine(&files, &local, received_at, &choices);
    let preview = snapshot::preview(&local, &combined.incoming);
    run.step(Step::Showing).await?;
    let pending =
        Pending { files, refused, warnings, migrated_from, local, generation, received_at, choices, combined, preview };
    Ok(Import::Ready(Arc::new(pending)))
}

/// The same batch with other choices: combined and previewed again (a record taken from
/// outside a file's subtree changes what the merge would do).
async fn rechoose(run: Run, p: &Pending, choices: Choices) -> Result<Import, Halt> {
    run.step(Step::Comparing).await?;
    let combined = batch::combine(&p.files, &p.local, p.received_at, &choices);
    let preview = snapshot::preview(&p.local, &combined.incoming);
    run.step(Step::Showing).await?;
    Ok(Import::Ready(Arc::new(Pending {
        files: p.files.clone(),
        refused: p.refused.clone(),
        warnings: p.warnings.clone(),
        migrated_from: p.migrated_from,
        local: p.local.clone(),
        generation: p.generation.clone(),
        received_at: p.received_at,
        choices,
        combined,
        preview,
    })))
}

/// A run's end on the page: its result shown, or a refusal; after "Hủy" nothing (the page
/// already shows what it showed before).
fn settle(run: Run, import: RwSignal<Import>, picked: usize, outcome: Result<Import, Halt>) {
    match outcome {
        Ok(next) => {
            run.finish();
            import.set(next);
        }
        Err(Halt::Failed(e)) => {
            run.finish();
            import.set(Import::Failed { picked, errors: vec![e] });
        }
        Err(Halt::Cancelled) => {}
    }
}

/// Merges the previewed batch with the officer's choices and writes the result with a backup
/// of what it replaces, in one transaction; memory follows only after the write.
async fn apply(state: AppState, run: Run, p: &Pending, choices: &Resolutions) -> Result<Counts, Halt> {
    // What is stored now: read again only when something was written since the preview
    // (another tab, an edit); the batch is then combined again over it.
    let fresh;
    let recombined;
    let (local, incoming) = if p.generation.is_some() && store::Db::generation() == p.generation {
        (&p.local, &p.combined.incoming)
    } else {
        run.step(Step::LoadingLocal).await?;
        fresh = db().load_dataset().await.map_err(|e| Halt::Failed(e.0))?;
        recombined = batch::combine(&p.files, &fresh, p.received_at, &p.choices);
        (&fresh, &recombined.incoming)
    };
    run.step(Step::Merging).await?;
    let outcome = vm::merge_resolved(local, incoming, choices).map_err(Halt::Failed)?;
    let backup = Backup::of(local, BackupReason::Import, batch_vm::batch_label(&p.names()), p.sender());
    // "Hủy" ends here: the write is one transaction, all or nothing, and can be undone.
    run.step(Step::Writing).await?;
    db().apply_import(local, &outcome.state, &backup).await.map_err(|e| Halt::Failed(e.0))?;
    let Dataset { roster, directives, .. } = outcome.state;
    state.roster.set(roster);
    state.directives.set(directives);
    Ok(outcome.summary.total())
}

/// Khôi phục: puts back the state a backup holds, backing up the current state first (so a
/// restore can be undone too). Memory changes only after the store succeeded. The one restore
/// of the app: the backups list, "Hoàn tác lần nhập cuối" and the Excel page's undo.
async fn restore(state: AppState, b: &Backup) -> Result<(), String> {
    let current = db().load_dataset().await.map_err(|e| e.0)?;
    let when = store::local_datetime(b.created_at);
    let mine = Backup::of(&current, BackupReason::Restore, facts(b, &when).restore_source(), "");
    let restored = db().restore_backup(&b.id, &current, &mine).await.map_err(|e| e.0)?;
    state.roster.set(restored.roster);
    state.directives.set(restored.directives);
    Ok(())
}

/// Restores `b` unless a restore is under way (`busy`), then `done`; a failure is reported.
pub(crate) fn restore_once(state: AppState, busy: RwSignal<bool>, b: Backup, done: impl FnOnce(&Backup) + 'static) {
    if busy.get_untracked() {
        return;
    }
    busy.set(true);
    spawn_local(async move {
        match restore(state, &b).await {
            Ok(()) => done(&b),
            Err(e) => state.fail(e),
        }
        busy.set(false);
    });
}

#[component]
pub fn SharePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let import = RwSignal::new(Import::Idle);
    let backups = load_backups();
    Effect::new(move |_| {
        if let Some(Err(e)) = backups.get() {
            state.fail(e);
        }
    });
    view! {
        <section class="page share">
            <div class="page-head">
                <h1>"Trao đổi dữ liệu"</h1>
                <a class="btn" href=Route::Submissions.href()>"Tình hình gửi số liệu"</a>
                <a class="btn" href=Route::Backups.href()>"Bản sao lưu"</a>
            </div>
            {move || state.reminder.get().map(|d| view! { <p class="reminder" role="note">{vm::reminder_text(d)}</p> })}
            <ExportForm/>
            <ImportForm import=import backups=backups/>
            <UndoAndStorage import=import backups=backups/>
        </section>
    }
}

/// "Xuất dữ liệu": scope, sender, compression, passphrase, download or share, the reminder.
#[component]
fn ExportForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let scope = RwSignal::new(String::new());
    let sender = RwSignal::new(prefs::get("sender").unwrap_or_default());
    let can_gzip = files::can_gzip();
    let gzip = RwSignal::new(false);
    let can_share = files::can_share_files();
    let exporting = RwSignal::new(false);
    let exported: RwSignal<Option<String>> = RwSignal::new(None);
    let last_export = RwSignal::new(prefs::last_export());
    let days = RwSignal::new(prefs::reminder_days());
    let encrypt = RwSignal::new(false);
    let pass = RwSignal::new(String::new());
    let pass2 = RwSignal::new(String::new());

    let export = move |share: bool| {
        if exporting.get_untracked() {
            return;
        }
        let secret = encrypt.get_untracked().then(|| pass.get_untracked());
        if let Some(p) = &secret {
            if let Err(msg) = envelope::check_passphrase(p, &pass2.get_untracked()) {
                return state.fail(msg);
            }
        }
        exporting.set(true);
        exported.set(None);
        spawn_local(async move {
            let result: Result<Option<String>, String> = async {
                let data = db().load_dataset().await.map_err(|e| e.0)?;
                let (what, by) = vm::export_target(&data.roster, &scope.get_untracked(), &sender.get_untracked());
                prefs::set("sender", &by.sender);
                let now = store::now();
                let snap = snapshot::export(&data, &what, by, BTreeMap::new(), now)
                    .ok_or_else(|| vm::UNIT_GONE.to_string())?;
                let gz = can_gzip && gzip.get_untracked();
                let name = vm::export_file_name(&snap.exported_by, store::local_moment(), gz);
                let json = snap.to_json();
                let text = match &secret {
                    Some(p) => crypto::encrypt(json.as_bytes(), p).await.map_err(|e| e.0)?,
                    None => json,
                };
                let file = files::make_file(&text, &name, gz).await.map_err(|e| e.0)?;
                if share {
                    if !files::share(&file).await.map_err(|e| e.0)? {
                        return Ok(None);
                    }
                } else {
                    files::download(&file).map_err(|e| e.0)?;
                }
                prefs::set_last_export(now);
                last_export.set(Some(now));
                state.reminder.set(None);
                Ok(Some(vm::exported_message(&name, &snap.records, file.size(), secret.is_some())))
            }
            .await;
            match result {
                Ok(Some(msg)) => exported.set(Some(msg)),
                Ok(None) => {}
                Err(e) => state.fail(e),
            }
            exporting.set(false);
        });
    };

    view! {
        <fieldset>
            <legend>"Xuất dữ liệu"</legend>
            <p class="hint">{move || vm::last_export_hint(last_export.get().map(store::local_datetime).as_deref())}</p>
            <div class="grid">
                <div class="field">
                    <label for="share-scope">"Phạm vi"</label>
                    <select id="share-scope" prop:value=move || scope.get() on:change=move |ev| scope.set(event_target_value(&ev))>
                        {move || state.roster.with(vm::scope_choices).into_iter().map(|(id, label)| {
                            let sel = id.clone();
                            view! { <option value=id selected=move || scope.get() == sel>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="share-sender">"Người gửi"</label>
                    <input id="share-sender" type="text" placeholder="Họ tên, số điện thoại"
                        prop:value=move || sender.get() on:input=move |ev| sender.set(event_target_value(&ev)) />
                </div>
                {can_gzip.then(|| view! {
                    <div class="field check">
                        <label><input type="checkbox" prop:checked=move || gzip.get() on:change=move |ev| gzip.set(event_target_checked(&ev)) />"Nén tệp (.json.gz, nhỏ hơn khoảng 10 lần)"</label>
                    </div>
                })}
                <div class="field check">
                    <label><input id="share-encrypt" type="checkbox" prop:checked=move || encrypt.get() on:change=move |ev| encrypt.set(event_target_checked(&ev)) />"Mã hóa tệp bằng mật khẩu"</label>
                </div>
            </div>
            {move || encrypt.get().then(|| view! {
                <div class="grid">
                    <div class="field">
                        <label for="share-pass">"Mật khẩu (ít nhất 8 ký tự)"</label>
                        <input id="share-pass" type="password" autocomplete="new-password" prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for="share-pass2">"Nhập lại mật khẩu"</label>
                        <input id="share-pass2" type="password" autocomplete="new-password" prop:value=move || pass2.get() on:input=move |ev| pass2.set(event_target_value(&ev)) />
                    </div>
                    <p class="hint">"Người nhận cần đúng mật khẩu này để mở tệp; hãy báo mật khẩu qua kênh khác (điện thoại), không gửi kèm tệp. Quên mật khẩu thì không mở được tệp."</p>
                </div>
            })}
            <div class="actions">
                <button type="button" class="btn primary" disabled=move || exporting.get() on:click=move |_| export(false)>"Tải tệp về"</button>
                {can_share.then(|| view! {
                    <button type="button" class="btn" disabled=move || exporting.get() on:click=move |_| export(true)>"Gửi qua ứng dụng khác…"</button>
                })}
            </div>
            {move || exported.get().map(|m| view! { <p role="status" class="done">{m}</p> })}
            <div class="field narrow">
                <label for="share-days">"Nhắc xuất dữ liệu sau (ngày, 0 là không nhắc)"</label>
                <input id="share-days" type="number" min="0" max="365" inputmode="numeric"
                    prop:value=move || days.get().to_string()
                    on:change=move |ev| {
                        let d = vm::reminder_days(&event_target_value(&ev), prefs::DEFAULT_REMINDER_DAYS);
                        prefs::set_reminder_days(d);
                        days.set(d);
                        state.reminder.set(export_reminder(prefs::reminder_since(), store::now(), d));
                    } />
            </div>
        </fieldset>
    }
}

/// "Nhập dữ liệu": the drop zone (one file or many), then what became of the files picked.
#[component]
fn ImportForm(import: RwSignal<Import>, backups: Backups) -> impl IntoView {
    let resolutions = RwSignal::new(Resolutions::default());
    let over = RwSignal::new(false);
    let unlock_pass = RwSignal::new(String::new());
    let busy = Busy::default();

    let start = move |picked: Vec<web_sys::File>| {
        if busy.running() || picked.is_empty() {
            return;
        }
        // "Hủy" puts back what the page showed, the choices made included.
        let (previous, chosen) = (import.get_untracked(), resolutions.get_untracked());
        let count = picked.len();
        let first = file_label(&picked[0].name(), 0, count);
        let run = busy.start(&first, Step::Reading, move || {
            import.set(previous.clone());
            resolutions.set(chosen.clone());
        });
        import.set(Import::Busy);
        resolutions.set(Resolutions::default());
        spawn_local(async move {
            let outcome = check_files(run, picked).await;
            settle(run, import, count, outcome);
        });
    };
    let all = |list: Option<web_sys::FileList>| -> Vec<web_sys::File> {
        list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default()
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        start(all(input.files()));
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        over.set(false);
        start(all(ev.data_transfer().and_then(|d| d.files())));
    };

    view! {
        <fieldset>
            <legend>"Nhập dữ liệu"</legend>
            <div class="drop-zone" class:over=move || over.get()
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); over.set(true); }
                on:dragleave=move |_| over.set(false)
                on:drop=on_drop>
                {files_button("share-file", "Chọn tệp dữ liệu (.json hoặc .json.gz, chọn được nhiều tệp)", ".json,.gz,application/json,application/gzip", on_pick)}
                <p class="hint">{vm::drop_hint()}</p>
            </div>
            {move || match import.get() {
                Import::Idle | Import::Busy => ().into_any(),
                Import::Locked { waiting, error } => {
                    view! { <UnlockForm waiting error pass=unlock_pass import busy/> }.into_any()
                }
                Import::Failed { picked, errors } => view! {
                    <div class="error-summary" role="alert">
                        <p>{batch_vm::all_refused(picked)}</p>
                        <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                    </div>
                }
                .into_any(),
                Import::Done { names, counts } => {
                    view! { <p role="status" class="done">{batch_vm::imported_message(&names, counts)}</p> }.into_any()
                }
                Import::Ready(p) => view! { <PreviewPanel p import resolutions backups busy/> }.into_any(),
            }}
            <BusyPanel busy/>
        </fieldset>
    }
}

/// Encrypted files: one passphrase for all of them, then the check of what they hold. A
/// file the passphrase does not open is left out with its reason when others opened.
#[component]
fn UnlockForm(
    waiting: Arc<Waiting>,
    error: Option<String>,
    pass: RwSignal<String>,
    import: RwSignal<Import>,
    busy: Busy,
) -> impl IntoView {
    let names: Vec<String> = waiting.locked.iter().map(|(n, _)| n.clone()).collect();
    let prompt = batch_vm::locked_files_message(&names);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.running() {
            return;
        }
        let (waiting, passphrase) = (waiting.clone(), pass.get_untracked());
        let locked = Import::Locked { waiting: waiting.clone(), error: None };
        let first = waiting.locked.first().map(|(n, _)| n.clone()).unwrap_or_default();
        let run = busy.start(&first, Step::Decrypting, move || import.set(locked.clone()));
        import.set(Import::Busy);
        let picked = waiting.locked.len() + waiting.checked.len() + waiting.refused.len();
        spawn_local(async move {
            let outcome = unlock(run, &waiting, &passphrase).await;
            if run.live() && !matches!(outcome, Ok(Import::Locked { .. })) {
                pass.set(String::new());
            }
            settle(run, import, picked, outcome);
        });
    };
    view! {
        <form class="unlock" novalidate on:submit=submit>
            <p>{prompt}</p>
            {error.map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <div class="field">
                <label for="share-unlock">"Mật khẩu của tệp"</label>
                <input id="share-unlock" type="password" autocomplete="off" prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev)) />
            </div>
            <div class="actions">
                <button type="submit" class="btn primary">"Mở tệp"</button>
                <button type="button" class="btn ghost" on:click=move |_| import.set(Import::Idle)>"Bỏ qua"</button>
            </div>
        </form>
    }
}

/// Decrypts every waiting file with `passphrase` and checks what opened; the batch then goes
/// on with the files already checked. When the passphrase opens none, the form asks again.
async fn unlock(run: Run, waiting: &Waiting, passphrase: &str) -> Result<Import, Halt> {
    let (local, generation) = load_local(run).await?;
    let (mut checked, mut refused) = (waiting.checked.clone(), waiting.refused.clone());
    let mut not_opened = Vec::new();
    let count = waiting.locked.len();
    for (index, (name, sealed)) in waiting.locked.iter().enumerate() {
        run.set_file(&file_label(name, index, count));
        run.step(Step::Decrypting).await?;
        match crypto::decrypt(sealed, passphrase).await {
            Ok(plain) => {
                run.step(Step::Checking).await?;
                match batch::check(name, &plain, &local) {
                    Ok(ok) => checked.push(ok),
                    Err(no) => refused.push(no),
                }
            }
            Err(e) => not_opened.push((name.clone(), e.0)),
        }
    }
    run.check()?;
    if not_opened.len() == count {
        let error = not_opened.into_iter().next().map(|(_, why)| why);
        let again = Waiting {
            locked: waiting.locked.clone(),
            checked: waiting.checked.clone(),
            refused: waiting.refused.clone(),
        };
        return Ok(Import::Locked { waiting: Arc::new(again), error });
    }
    refused.extend(
        not_opened
            .into_iter()
            .map(|(name, why)| Refused { messages: vec![batch_vm::not_opened(&name, &why)], file: name }),
    );
    let picked = count + waiting.checked.len() + waiting.refused.len();
    combine_files(run, picked, checked, refused, local, generation).await
}

/// "Xem trước": the files, the counts, the records from outside a file's subtree and those two
/// files changed differently (each with its choice), the conflicts with this device, the
/// other changes, "Áp dụng".
#[component]
fn PreviewPanel(
    p: Arc<Pending>,
    import: RwSignal<Import>,
    resolutions: RwSignal<Resolutions>,
    backups: Backups,
    busy: Busy,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lists = vm::ChangeLists::of(&p.preview);
    let heading = lists.conflicts_heading();
    let more = lists.more_line();
    let vm::ChangeLists { conflicts, others, .. } = lists;
    let rows = batch_vm::file_rows(&p.files, &p.combined, &p.refused, &store::local_datetime);
    let outside = batch_vm::outside_rows(&p.combined);
    let between = batch_vm::between_rows(&p.files, &p.combined);
    let single = (p.files.len() == 1 && p.refused.is_empty())
        .then(|| vm::file_facts(&p.files[0].name, &p.files[0].snapshot, p.migrated_from));
    let title = match &single {
        Some(facts) => facts.title(),
        None => batch_vm::preview_title(p.files.len(), p.refused.len()),
    };
    let sub = single.as_ref().map(|facts| facts.sub(&store::local_datetime(facts.exported_at)));
    let sender = single.as_ref().map(|f| f.sender.clone()).unwrap_or_default();
    // A choice between files or on an outside record: the batch is combined again.
    let rechoose_with = {
        let p = p.clone();
        move |choices: Choices| {
            if busy.running() {
                return;
            }
            let p = p.clone();
            let ready = Import::Ready(p.clone());
            let run =
                busy.start(&batch_vm::batch_label(&p.names()), Step::Comparing, move || import.set(ready.clone()));
            spawn_local(async move {
                let outcome = rechoose(run, &p, choices).await;
                settle(run, import, p.files.len(), outcome);
            });
        }
    };
    let on_apply = {
        let p = p.clone();
        move |_| {
            if busy.running() {
                return;
            }
            let p = p.clone();
            let ready = Import::Ready(p.clone());
            let run = busy.start(&batch_vm::batch_label(&p.names()), Step::Merging, move || import.set(ready.clone()));
            import.set(Import::Busy);
            spawn_local(async move {
                match apply(state, run, &p, &resolutions.get_untracked()).await {
                    Ok(counts) => {
                        run.finish();
                        import.set(Import::Done { names: p.names(), counts });
                        backups.refetch();
                    }
                    Err(Halt::Failed(e)) => {
                        // Nothing was written: back to the preview, with the reason.
                        run.finish();
                        state.fail(e);
                        import.set(Import::Ready(p));
                    }
                    Err(Halt::Cancelled) => {}
                }
            });
        }
    };
    let outside_view = (!outside.is_empty()).then(|| {
        let heading = batch_vm::outside_heading(&outside);
        let choices = p.choices.clone();
        let rechoose_with = rechoose_with.clone();
        view! {
            <h4>{heading}</h4>
            <ul class="changes outside">
                {outside.into_iter().map(|row| {
                    let (taken, along) = (row.taken, row.along);
                    let toggle = {
                        let (choices, rechoose_with, row) = (choices.clone(), rechoose_with.clone(), row.clone());
                        move |take: bool| {
                            let mut next = choices.clone();
                            let key = (row.file, row.kind, row.id.clone());
                            if take { next.taken.insert(key); } else { next.taken.remove(&key); }
                            rechoose_with(next)
                        }
                    };
                    let (take, leave) = (toggle.clone(), toggle);
                    view! {
                        <li class="change">
                            <div class="change-head"><span class="name">{row.name.clone()}</span></div>
                            <p class="sub">{row.why.clone()}</p>
                            {if along {
                                view! { <p class="hint">"Được lấy kèm vì một bản ghi đã chọn lấy cần đến."</p> }.into_any()
                            } else {
                                view! {
                                    <div class="row-actions" role="group" aria-label=format!("Chọn cho {}", row.name)>
                                        <button type="button" class="btn small" class:primary=!taken aria-pressed=if taken { "false" } else { "true" }
                                            on:click=move |_| if taken { leave(false) }>"Không lấy"</button>
                                        <button type="button" class="btn small" class:primary=taken aria-pressed=if taken { "true" } else { "false" }
                                            on:click=move |_| if !taken { take(true) }>"Lấy bản này"</button>
                                    </div>
                                }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    });
    let between_view = (!between.is_empty()).then(|| {
        let heading = batch_vm::between_heading(&between);
        let choices = p.choices.clone();
        view! {
            <h4>{heading}</h4>
            <ul class="changes between">
                {between.into_iter().map(|row| {
                    let buttons = row.files.clone().into_iter().map(|(file, name)| {
                        let kept = row.kept == Some(file);
                        let (mut next, rechoose_with) = (choices.clone(), rechoose_with.clone());
                        next.kept.insert((row.kind, row.id.clone()), file);
                        view! {
                            <button type="button" class="btn small" class:primary=kept aria-pressed=if kept { "true" } else { "false" }
                                on:click=move |_| rechoose_with(next.clone())>{format!("Giữ bản của {name}")}</button>
                        }
                    }).collect_view();
                    view! {
                        <li class="change conflict">
                            <div class="change-head"><span class="name">{row.name.clone()}</span></div>
                            <table class="diff">
                                <thead><tr><th scope="col">"Trường"</th><th scope="col">{row.files[0].1.clone()}</th><th scope="col">{row.files[1].1.clone()}</th></tr></thead>
                                <tbody>{row.fields.into_iter().map(|(label, first, second)| view! {
                                    <tr><th scope="row">{label}</th><td>{first}</td><td>{second}</td></tr>
                                }).collect_view()}</tbody>
                            </table>
                            <div class="row-actions" role="group" aria-label=format!("Chọn bản của {}", row.name)>{buttons}</div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <div class="preview">
            <h3>{title}</h3>
            {sub.map(|s| view! { <p class="sub">{s}</p> })}
            {single.is_none().then(|| view! { <FilesTable rows/> })}
            {(!p.warnings.is_empty()).then(|| view! {
                <ul class="warnings">{p.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
            })}
            <CountsTable t=vm::counts_table(&p.preview)/>
            {outside_view}
            {between_view}
            {(!conflicts.is_empty()).then(|| view! {
                <h4>{heading}</h4>
                <div class="actions">
                    <button type="button" class="btn" on:click=move |_| resolutions.set(Resolutions::all_theirs())>"Lấy tất cả của họ"</button>
                    <button type="button" class="btn" on:click=move |_| resolutions.set(Resolutions::all_mine())>"Giữ tất cả của tôi"</button>
                </div>
                <ul class="changes">{conflicts.into_iter().map(|c| view! { <ChangeItem c resolutions sender=sender.clone()/> }).collect_view()}</ul>
            })}
            {(!others.is_empty()).then(|| view! {
                <h4>"Các thay đổi khác"</h4>
                <ul class="changes">{others.into_iter().map(|c| view! { <ChangeItem c resolutions sender=String::new()/> }).collect_view()}</ul>
                {more.map(|m| view! { <p class="hint">{m}</p> })}
            })}
            <div class="actions">
                <button type="button" class="btn primary" on:click=on_apply>"Áp dụng"</button>
                <button type="button" class="btn" on:click=move |_| import.set(Import::Idle)>"Hủy"</button>
            </div>
        </div>
    }
}

/// The files of a batch: each with its unit, sender, time, records and what became of it.
#[component]
fn FilesTable(rows: Vec<batch_vm::FileRow>) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="batch-files">
                <thead><tr>
                    <th scope="col">"Tệp"</th><th scope="col">"Đơn vị gửi"</th><th scope="col">"Người gửi"</th>
                    <th scope="col">"Gửi lúc"</th><th scope="col">"Nội dung"</th><th scope="col">"Kết quả"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr class:refused=r.refused>
                            <th scope="row">{r.file}</th><td>{r.unit}</td><td>{r.sender}</td>
                            <td>{r.sent}</td><td>{r.records}</td><td>{r.state}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Counts per kind and status, with the totals the tests read (`data-count`).
#[component]
fn CountsTable(t: vm::CountsTable) -> impl IntoView {
    view! {
        <table class="counts">
            <thead><tr>
                <th scope="col">""</th>
                {vm::COUNT_COLUMNS.iter().map(|(s, _)| view! { <th scope="col">{s.label()}</th> }).collect_view()}
            </tr></thead>
            <tbody>
                {t.rows.into_iter().map(|(label, cells)| view! {
                    <tr>
                        <th scope="row">{label}</th>
                        {cells.into_iter().map(|n| view! { <td>{n}</td> }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
            <tfoot>
                <tr class="total">
                    <th scope="row">"Tổng"</th>
                    {vm::COUNT_COLUMNS.iter().zip(t.total).map(|((_, code), n)| view! { <td data-count=*code>{n}</td> }).collect_view()}
                </tr>
            </tfoot>
        </table>
    }
}

/// One changed record: kind, name, status, field differences, and for a conflict one
/// question per field both sides changed (both values, who changed each when, the choice
/// for that field alone); the fields only one side changed merge without a question.
#[component]
fn ChangeItem(c: RecordChange, resolutions: RwSignal<Resolutions>, sender: String) -> impl IntoView {
    let (kind, id) = (c.kind, c.id.clone());
    let conflict = c.status == Status::Conflict;
    let name = vm::change_name(&c);
    let questions = vm::questions(&c, &sender, &store::local_datetime);
    let record_id = c.id.clone();
    let chosen = Memo::new(move |_| resolutions.with(|r| vm::choice_for(r, kind, &id)));
    let pick = move |ch: Choice| {
        let id = c.id.clone();
        move |_| {
            resolutions.update(|r| {
                r.records.insert((kind, id.clone()), ch);
            })
        }
    };
    let (mine, theirs) = (pick(Choice::KeepMine), pick(Choice::TakeTheirs));
    let merged: Vec<_> = c.diff.iter().filter(|d| !d.asked).cloned().collect();
    let diff = (!merged.is_empty()).then(|| {
        let caption = if conflict { "Các trường chỉ một bên sửa (tự gộp, không cần chọn)" } else { "Các trường thay đổi" };
        view! {
            <table class="diff">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">"Trường"</th><th scope="col">"Của tôi"</th><th scope="col">"Của họ"</th></tr></thead>
                <tbody>
                    {merged.into_iter().map(|d| view! {
                        <tr><th scope="row">{d.label}</th><td>{d.mine}</td><td>{d.theirs}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    });
    let is = move |ch: Choice| move || chosen.get() == Some(ch);
    let pressed = move |ch: Choice| move || if chosen.get() == Some(ch) { "true" } else { "false" };
    let asked = !questions.is_empty();
    let question_views = questions
        .into_iter()
        .map(|q| {
            let (qid, field) = (record_id.clone(), q.field.clone());
            let choice = Memo::new(move |_| resolutions.with(|r| vm::field_choice(r, kind, &qid, &field)));
            let set = {
                let (qid, field) = (record_id.clone(), q.field.clone());
                move |ch: Choice| {
                    let (qid, field) = (qid.clone(), field.clone());
                    move |_| resolutions.update(|r| {
                        r.fields.insert((kind, qid.clone(), field.clone()), ch);
                    })
                }
            };
            let is_q = move |ch: Choice| move || choice.get() == Some(ch);
            let pressed_q = move |ch: Choice| move || if choice.get() == Some(ch) { "true" } else { "false" };
            view! {
                <fieldset class="question">
                    <legend>{format!("Cả hai bên đã sửa: {}", q.label)}</legend>
                    <p class="mine"><strong>"Của tôi: "</strong>{q.mine}<span class="sub">{format!(" ({})", q.mine_by)}</span></p>
                    <p class="theirs"><strong>"Của họ: "</strong>{q.theirs}<span class="sub">{format!(" ({})", q.theirs_by)}</span></p>
                    <div class="row-actions" role="group" aria-label=format!("Chọn {} của {}", q.label, name)>
                        <button type="button" class="btn small" class:primary=is_q(Choice::KeepMine)
                            aria-pressed=pressed_q(Choice::KeepMine) on:click=set(Choice::KeepMine)>"Giữ của tôi"</button>
                        <button type="button" class="btn small" class:primary=is_q(Choice::TakeTheirs)
                            aria-pressed=pressed_q(Choice::TakeTheirs) on:click=set(Choice::TakeTheirs)>"Lấy của họ"</button>
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <li class="change" class:conflict=conflict data-status=format!("{:?}", c.status)>
            <div class="change-head">
                <span class="chip">{c.kind.label()}</span>
                <span class="name">{name.clone()}</span>
                <span class="chip">{c.status.label()}</span>
            </div>
            {question_views}
            {diff}
            {(conflict && !asked).then(|| view! {
                <div class="row-actions" role="group" aria-label=format!("Chọn bản của {name}")>
                    <button type="button" class="btn small" class:primary=is(Choice::KeepMine)
                        aria-pressed=pressed(Choice::KeepMine) on:click=mine>"Giữ của tôi"</button>
                    <button type="button" class="btn small" class:primary=is(Choice::TakeTheirs)
                        aria-pressed=pressed(Choice::TakeTheirs) on:click=theirs>"Lấy của họ"</button>
                </div>
            })}
        </li>
    }
}

/// "Hoàn tác và bản sao lưu": undo the last import, and how much storage is used.
#[component]
fn UndoAndStorage(import: RwSignal<Import>, backups: Backups) -> impl IntoView {
    let state = expect_context::<AppState>();
    let undoing = RwSignal::new(false);
    let undo_last = move |b: Backup| {
        restore_once(state, undoing, b, move |b| {
            state.say(vm::undone_message(&b.source));
            import.set(Import::Idle);
            backups.refetch();
        })
    };
    let last_import = move || {
        backups.get().and_then(|r| r.ok()).and_then(|all| all.into_iter().find(|b| b.reason == BackupReason::Import))
    };
    let usage: RwSignal<Option<files::Usage>> = RwSignal::new(None);
    spawn_local(async move {
        files::persist_once().await;
        usage.set(files::usage().await);
    });
    view! {
        <fieldset>
            <legend>"Hoàn tác và bản sao lưu"</legend>
            {move || match last_import() {
                Some(b) => {
                    let text = vm::undo_hint(&b.source, &store::local_datetime(b.created_at));
                    view! {
                        <p class="hint">{text}</p>
                        <div class="actions">
                            <button type="button" class="btn" disabled=move || undoing.get() on:click=move |_| undo_last(b.clone())>"Hoàn tác lần nhập cuối"</button>
                            <a class="btn ghost" href=Route::Backups.href()>"Xem tất cả bản sao lưu"</a>
                        </div>
                    }
                    .into_any()
                }
                None => view! { <p class="hint">"Chưa nhập tệp nào: chưa có gì để hoàn tác."</p> }.into_any(),
            }}
            <p class="hint storage">{move || usage.get().map(|u| vm::storage_hint(u.used, u.quota, u.persisted)).unwrap_or_default()}</p>
        </fieldset>
    }
}

#[component]
pub fn BackupsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let backups = load_backups();
    Effect::new(move |_| {
        if let Some(Err(e)) = backups.get() {
            state.fail(e);
        }
    });
    let busy = RwSignal::new(false);
    let restore_one = move |b: Backup| {
        restore_once(state, busy, b, move |b| {
            state.say(vm::restored_message(&store::local_datetime(b.created_at)));
            backups.refetch();
        })
    };

    view! {
        <section class="page share">
            <div class="page-head">
                <h1>"Bản sao lưu"</h1>
                <a class="btn" href=Route::Share.href()>"Trao đổi dữ liệu"</a>
            </div>
            <p class="hint">{vm::backups_hint(store::BACKUPS_KEPT)}</p>
            {move || match backups.get() {
                None => view! { <p role="status" class="hint">"Đang tải…"</p> }.into_any(),
                Some(Err(_)) => ().into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="empty">"Chưa có bản sao lưu nào."</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="unit-list backups">
                        {list.into_iter().map(|b| {
                            let when = store::local_datetime(b.created_at);
                            let row = facts(&b, &when).row();
                            view! {
                                <li class="unit-row backup-row">
                                    <span class="name">{when}</span>
                                    <span class="sub">{row.what}<br/>{row.counts}</span>
                                    <span class="row-actions">
                                        <button type="button" class="btn" aria-label=row.button_label disabled=move || busy.get()
                                            on:click=move |_| restore_one(b.clone())>"Khôi phục"</button>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </section>
    }
}
