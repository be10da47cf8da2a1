//! Trao đổi dữ liệu: export a snapshot (whole database or one unit's subtree) to download or
//! share; import one with validation, preview, per-record conflict choices and apply; undo
//! the last import; the backups list; storage usage. Every rule is the domain's
//! (`domain::snapshot`), every byte read or written the store's.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store::{self, crypto, files, prefs, Backup, BackupReason};
use crate::ui::app::{db, AppState, Route};
use dtbd_domain::envelope;
use dtbd_domain::snapshot::{
    self, export_reminder, Choice, Counts, Dataset, ExportScope, ExportedBy, Kind, Preview, RecordChange, Resolutions,
    Scope, SnapshotError, Status, MAX_SNAPSHOT_BYTES,
};

/// Changes listed in the preview besides the conflicts (which are all listed).
const LISTED_CHANGES: usize = 200;

/// A file read, checked and previewed, waiting for the user's choices.
struct Pending {
    file: String,
    /// What was stored when the file was checked, and the write generation then.
    local: Dataset,
    generation: Option<String>,
    sender: String,
    from: String,
    exported_at: i64,
    scope: String,
    incoming: Dataset,
    preview: Preview,
    warnings: Vec<String>,
    migrated_from: Option<u32>,
}

#[derive(Clone)]
enum Import {
    Idle,
    Busy(String),
    Failed {
        file: String,
        errors: Vec<String>,
    },
    Ready(Arc<Pending>),
    /// An encrypted file waiting for its passphrase (with the last attempt's error).
    Locked {
        file: String,
        bytes: Arc<Vec<u8>>,
        error: Option<String>,
    },
    Done {
        file: String,
        counts: Counts,
    },
}

fn mb(bytes: f64) -> String {
    let (n, unit) = if bytes >= 1e9 { (bytes / 1e9, "GB") } else { (bytes / 1e6, "MB") };
    format!("{n:.1} {unit}").replace('.', ",")
}

/// Reads, checks and previews a file against what this device holds.
async fn check_file(file: web_sys::File) -> Import {
    let name = file.name();
    let failed = |errors: Vec<String>| Import::Failed { file: file.name(), errors };
    // Refused before a byte is read.
    if file.size() > MAX_SNAPSHOT_BYTES as f64 {
        return failed(vec![
            SnapshotError::TooLarge { bytes: file.size() as usize, limit: MAX_SNAPSHOT_BYTES }.message()
        ]);
    }
    let bytes = match files::read_file(&file).await {
        Ok(b) => b,
        Err(e) => return failed(vec![e.0]),
    };
    if envelope::is_envelope(&bytes) {
        return Import::Locked { file: name, bytes: Arc::new(bytes), error: None };
    }
    check_bytes(name, bytes).await
}

/// Checks and previews a snapshot's bytes (read from a file, or decrypted).
async fn check_bytes(name: String, bytes: Vec<u8>) -> Import {
    let failed = |errors: Vec<String>| Import::Failed { file: name.clone(), errors };
    let generation = store::Db::generation();
    let local = match db().load_dataset().await {
        Ok(d) => d,
        Err(e) => return failed(vec![e.0]),
    };
    match snapshot::import_into(&bytes, &local.roster, &local.training) {
        Err(errors) => failed(errors.iter().map(SnapshotError::message).collect()),
        Ok(imported) => {
            let s = imported.snapshot;
            let scope = match &s.scope {
                Scope::All => "Toàn bộ dữ liệu".to_string(),
                Scope::Subtree { unit_name, .. } => format!("Đơn vị {unit_name} và các đơn vị trực thuộc"),
            };
            let (sender, from, exported_at) =
                (s.exported_by.sender.clone(), s.exported_by.unit_name.clone(), s.exported_at);
            let incoming = s.into_dataset();
            let preview = snapshot::preview(&local, &incoming);
            Import::Ready(Arc::new(Pending {
                file: name,
                local,
                generation,
                sender,
                from,
                exported_at,
                scope,
                incoming,
                preview,
                warnings: imported.warnings,
                migrated_from: imported.migrated_from,
            }))
        }
    }
}

/// Puts back the state a backup holds, backing up the current state first (so a restore
/// can be undone too). Memory changes only after the store succeeded.
async fn restore(state: AppState, b: Backup) -> Result<(), String> {
    let current = db().load_dataset().await.map_err(|e| e.0)?;
    let what = match b.reason {
        BackupReason::Import => {
            format!("bản sao lưu lúc {} (trước khi nhập {})", store::local_datetime(b.created_at), b.source)
        }
        BackupReason::Restore => format!("bản sao lưu lúc {}", store::local_datetime(b.created_at)),
    };
    let mine = Backup::of(&current, BackupReason::Restore, what, "");
    let restored = db().restore_backup(&b.id, &current, &mine).await.map_err(|e| e.0)?;
    state.roster.set(restored.roster);
    state.directives.set(restored.directives);
    Ok(())
}

fn counts_row(label: &'static str, c: Counts) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{label}</th>
            <td>{c.new}</td><td>{c.changed}</td><td>{c.unchanged}</td><td>{c.conflicts}</td>
            <td>{c.local_newer}</td><td>{c.deleted}</td><td>{c.deletion_skipped}</td>
        </tr>
    }
}

fn counts_table(p: &Preview) -> impl IntoView {
    let t = p.total();
    view! {
        <table class="counts">
            <thead><tr>
                <th scope="col">""</th>
                <th scope="col">{Status::New.label()}</th>
                <th scope="col">{Status::Changed.label()}</th>
                <th scope="col">{Status::Unchanged.label()}</th>
                <th scope="col">{Status::Conflict.label()}</th>
                <th scope="col">{Status::LocalNewer.label()}</th>
                <th scope="col">{Status::Deleted.label()}</th>
                <th scope="col">{Status::DeletionSkipped.label()}</th>
            </tr></thead>
            <tbody>
                {[Kind::Unit, Kind::Cadre, Kind::Directive, Kind::Plan, Kind::Line, Kind::Enrollment, Kind::History, Kind::Aggregate, Kind::Baseline]
                    .into_iter()
                    .map(|k| counts_row(k.label(), p.counts(k)))
                    .collect_view()}
            </tbody>
            <tfoot>
                <tr class="total">
                    <th scope="row">"Tổng"</th>
                    <td data-count="new">{t.new}</td><td data-count="changed">{t.changed}</td>
                    <td data-count="unchanged">{t.unchanged}</td><td data-count="conflicts">{t.conflicts}</td>
                    <td data-count="local_newer">{t.local_newer}</td><td data-count="deleted">{t.deleted}</td>
                    <td data-count="deletion_skipped">{t.deletion_skipped}</td>
                </tr>
            </tfoot>
        </table>
    }
}

fn change_view(c: &RecordChange, resolutions: RwSignal<Resolutions>) -> impl IntoView {
    let key = (c.kind, c.id.clone());
    let conflict = c.status == Status::Conflict;
    let name = if c.name.trim().is_empty() { c.id.clone() } else { c.name.clone() };
    let choice = {
        let key = key.clone();
        move || resolutions.with(|r| r.records.get(&key).copied().or(r.all))
    };
    let pick = move |ch: Choice| {
        let key = key.clone();
        move |_| {
            resolutions.update(|r| {
                r.records.insert(key.clone(), ch);
            })
        }
    };
    let (mine_c, mine_p, theirs_c, theirs_p) = (choice.clone(), choice.clone(), choice.clone(), choice);
    let diff = (!c.diff.is_empty()).then(|| {
        view! {
            <table class="diff">
                <thead><tr><th scope="col">"Trường"</th><th scope="col">"Của tôi"</th><th scope="col">"Của họ"</th></tr></thead>
                <tbody>
                    {c.diff.iter().map(|d| view! {
                        <tr><th scope="row">{d.label.clone()}</th><td>{d.mine.clone()}</td><td>{d.theirs.clone()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    });
    view! {
        <li class="change" class:conflict=conflict data-status=format!("{:?}", c.status)>
            <div class="change-head">
                <span class="chip">{c.kind.label()}</span>
                <span class="name">{name.clone()}</span>
                <span class="chip">{c.status.label()}</span>
            </div>
            {diff}
            {conflict.then(|| view! {
                <div class="row-actions" role="group" aria-label=format!("Chọn bản của {name}")>
                    <button type="button" class="btn small" class:primary=move || mine_c() == Some(Choice::KeepMine)
                        aria-pressed=move || if mine_p() == Some(Choice::KeepMine) { "true" } else { "false" }
                        on:click=pick(Choice::KeepMine)>"Giữ của tôi"</button>
                    <button type="button" class="btn small" class:primary=move || theirs_c() == Some(Choice::TakeTheirs)
                        aria-pressed=move || if theirs_p() == Some(Choice::TakeTheirs) { "true" } else { "false" }
                        on:click=pick(Choice::TakeTheirs)>"Lấy của họ"</button>
                </div>
            })}
        </li>
    }
}

#[component]
pub fn SharePage() -> impl IntoView {
    let state = expect_context::<AppState>();

    // --- Export ---
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

    let unit_options = move || {
        state.roster.with(|r| {
            std::iter::once((String::new(), "Toàn bộ dữ liệu".to_string()))
                .chain(r.units_tree().into_iter().map(|(u, depth)| {
                    (u.id.clone(), format!("{}{} (và trực thuộc)", "\u{00a0}\u{00a0}".repeat(depth), u.name))
                }))
                .collect::<Vec<_>>()
        })
    };

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
                let unit_id = scope.get_untracked();
                let who = sender.get_untracked().trim().to_string();
                prefs::set("sender", &who);
                let (export_scope, unit) = if unit_id.is_empty() {
                    let mut roots = data.roster.units.iter().filter(|u| u.parent_id.is_none());
                    let only = match (roots.next(), roots.next()) {
                        (Some(u), None) => Some(u),
                        _ => None,
                    };
                    (ExportScope::All, only)
                } else {
                    (ExportScope::Subtree(unit_id.clone()), data.roster.unit(&unit_id))
                };
                let by = ExportedBy {
                    unit_id: unit.map(|u| u.id.clone()),
                    unit_name: unit.map(|u| u.name.clone()).unwrap_or_default(),
                    sender: who,
                };
                let now = store::now();
                let snap = snapshot::export(&data, &export_scope, by, BTreeMap::new(), now)
                    .ok_or_else(|| "Không tìm thấy đơn vị đã chọn: hãy chọn lại phạm vi.".to_string())?;
                let d = store::today();
                let mut name = snapshot::file_name(&snap.exported_by.unit_name, d.year, d.month, d.day);
                let gz = can_gzip && gzip.get_untracked();
                if gz {
                    name.push_str(".gz");
                }
                let r = &snap.records;
                let what =
                    format!("{} đơn vị, {} cán bộ, {} văn bản", r.units.len(), r.cadres.len(), r.directives.len());
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
                let sealed = if secret.is_some() { ", đã mã hóa bằng mật khẩu" } else { "" };
                Ok(Some(format!("Đã xuất tệp {name} ({what}, {}{sealed}).", mb(file.size()))))
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

    // --- Import ---
    let import = RwSignal::new(Import::Idle);
    let resolutions = RwSignal::new(Resolutions::default());
    let over = RwSignal::new(false);
    let backups: RwSignal<Vec<Backup>> = RwSignal::new(Vec::new());
    let reload_backups = move || {
        spawn_local(async move {
            match db().backups().await {
                Ok(b) => backups.set(b),
                Err(e) => state.fail(e.0),
            }
        })
    };
    reload_backups();

    let start = move |file: web_sys::File| {
        if matches!(import.get_untracked(), Import::Busy(_)) {
            return;
        }
        import.set(Import::Busy(format!("Đang đọc và kiểm tra tệp {}…", file.name())));
        resolutions.set(Resolutions::default());
        spawn_local(async move {
            import.set(check_file(file).await);
        });
    };

    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(f) = input.files().and_then(|l| l.get(0)) {
            start(f);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        over.set(false);
        if let Some(f) = ev.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
            start(f);
        }
    };

    let apply = move |p: Arc<Pending>| {
        import.set(Import::Busy("Đang áp dụng…".into()));
        spawn_local(async move {
            let result: Result<Counts, String> = async {
                // What is stored now: read again only when something was written since the
                // preview (another tab, an edit).
                let fresh;
                let local = if p.generation.is_some() && store::Db::generation() == p.generation {
                    &p.local
                } else {
                    fresh = db().load_dataset().await.map_err(|e| e.0)?;
                    &fresh
                };
                let outcome = snapshot::merge(local, &p.incoming, &resolutions.get_untracked());
                if !outcome.unresolved.is_empty() {
                    return Err(format!(
                        "Còn {} xung đột chưa chọn: hãy chọn \"Giữ của tôi\" hoặc \"Lấy của họ\" cho từng bản ghi, hoặc dùng nút chọn tất cả.",
                        outcome.unresolved.len()
                    ));
                }
                let backup = Backup::of(local, BackupReason::Import, p.file.clone(), p.sender.clone());
                db().apply_import(local, &outcome.state, &backup).await.map_err(|e| e.0)?;
                let Dataset { roster, directives, .. } = outcome.state;
                state.roster.set(roster);
                state.directives.set(directives);
                Ok(outcome.summary.total())
            }
            .await;
            match result {
                Ok(counts) => {
                    import.set(Import::Done { file: p.file.clone(), counts });
                    reload_backups();
                }
                Err(e) => {
                    // Nothing was written: back to the preview, with the reason.
                    state.fail(e);
                    import.set(Import::Ready(p));
                }
            }
        });
    };

    let undoing = RwSignal::new(false);
    let undo_last = move |b: Backup| {
        if undoing.get_untracked() {
            return;
        }
        undoing.set(true);
        spawn_local(async move {
            match restore(state, b.clone()).await {
                Ok(()) => {
                    state.say(format!("Đã hoàn tác: dữ liệu trở về như trước khi nhập tệp {}.", b.source));
                    import.set(Import::Idle);
                    reload_backups();
                }
                Err(e) => state.fail(e),
            }
            undoing.set(false);
        });
    };
    let last_import = move || backups.with(|all| all.iter().find(|b| b.reason == BackupReason::Import).cloned());

    // --- Storage ---
    let usage: RwSignal<Option<files::Usage>> = RwSignal::new(None);
    spawn_local(async move {
        files::persist_once().await;
        usage.set(files::usage().await);
    });

    let unlock_pass = RwSignal::new(String::new());
    let unlock = move |file: String, bytes: Arc<Vec<u8>>| {
        let p = unlock_pass.get_untracked();
        import.set(Import::Busy(format!("Đang giải mã tệp {file}…")));
        spawn_local(async move {
            match crypto::decrypt(&bytes, &p).await {
                Ok(plain) => {
                    unlock_pass.set(String::new());
                    import.set(check_bytes(file, plain).await);
                }
                Err(e) => import.set(Import::Locked { file, bytes, error: Some(e.0) }),
            }
        });
    };
    let import_view = move || {
        match import.get() {
        Import::Idle => ().into_any(),
        Import::Locked { file, bytes, error } => {
            let f = file.clone();
            view! {
                <form class="unlock" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); unlock(f.clone(), bytes.clone()); }>
                    <p>{format!("Tệp {file} đã được mã hóa. Hãy nhập mật khẩu người gửi đã báo.")}</p>
                    {error.map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                    <div class="field">
                        <label for="share-unlock">"Mật khẩu của tệp"</label>
                        <input id="share-unlock" type="password" autocomplete="off" prop:value=move || unlock_pass.get() on:input=move |ev| unlock_pass.set(event_target_value(&ev)) />
                    </div>
                    <div class="actions">
                        <button type="submit" class="btn primary">"Mở tệp"</button>
                        <button type="button" class="btn ghost" on:click=move |_| import.set(Import::Idle)>"Bỏ qua"</button>
                    </div>
                </form>
            }
            .into_any()
        }
        Import::Busy(msg) => view! { <p role="status" class="hint">{msg}</p> }.into_any(),
        Import::Failed { file, errors } => view! {
            <div class="error-summary" role="alert">
                <p>{format!("Không nhập được tệp {file}. Dữ liệu trên máy không thay đổi.")}</p>
                <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
        Import::Done { file, counts } => view! {
            <p role="status" class="done">{format!(
                "Đã nhập tệp {file}: {} mới, {} thay đổi, {} xung đột đã giải quyết, {} bị xóa. Dữ liệu trước khi nhập đã được sao lưu.",
                counts.new, counts.changed, counts.conflicts, counts.deleted
            )}</p>
        }
        .into_any(),
        Import::Ready(p) => {
            let conflicts: Vec<RecordChange> = p.preview.conflicts().cloned().collect();
            let others: Vec<RecordChange> = p.preview.changes.iter().filter(|c| c.status != Status::Conflict).cloned().collect();
            let more = others.len().saturating_sub(LISTED_CHANGES);
            let n_conflicts = conflicts.len();
            let for_apply = p.clone();
            view! {
                <div class="preview">
                    <h3>{format!("Xem trước: {}", p.file)}</h3>
                    <p class="sub">{format!(
                        "{}{}{} · xuất lúc {}{}",
                        p.scope,
                        if p.from.is_empty() { String::new() } else { format!(" · từ {}", p.from) },
                        if p.sender.is_empty() { String::new() } else { format!(" · người gửi: {}", p.sender) },
                        store::local_datetime(p.exported_at),
                        p.migrated_from.map(|v| format!(" · tệp định dạng cũ (phiên bản {v}) đã được nâng cấp")).unwrap_or_default(),
                    )}</p>
                    {(!p.warnings.is_empty()).then(|| view! {
                        <ul class="warnings">{p.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
                    })}
                    {counts_table(&p.preview)}
                    {(n_conflicts > 0).then(|| view! {
                        <h4>{format!("Xung đột ({n_conflicts}): cùng một bản ghi được sửa khác nhau ở hai nơi")}</h4>
                        <div class="actions">
                            <button type="button" class="btn" on:click=move |_| resolutions.set(Resolutions::all_theirs())>"Lấy tất cả của họ"</button>
                            <button type="button" class="btn" on:click=move |_| resolutions.set(Resolutions::all_mine())>"Giữ tất cả của tôi"</button>
                        </div>
                        <ul class="changes">{conflicts.iter().map(|c| change_view(c, resolutions)).collect_view()}</ul>
                    })}
                    {(!others.is_empty()).then(|| view! {
                        <h4>"Các thay đổi khác"</h4>
                        <ul class="changes">{others.iter().take(LISTED_CHANGES).map(|c| change_view(c, resolutions)).collect_view()}</ul>
                        {(more > 0).then(|| view! { <p class="hint">{format!("… và {more} bản ghi khác.")}</p> })}
                    })}
                    <div class="actions">
                        <button type="button" class="btn primary" on:click=move |_| apply(for_apply.clone())>"Áp dụng"</button>
                        <button type="button" class="btn" on:click=move |_| import.set(Import::Idle)>"Hủy"</button>
                    </div>
                </div>
            }
            .into_any()
        }
    }
    };

    view! {
        <section class="page share">
            <div class="page-head">
                <h1>"Trao đổi dữ liệu"</h1>
                <a class="btn" href=Route::Backups.href()>"Bản sao lưu"</a>
            </div>
            {move || state.reminder.get().map(|d| view! {
                <p class="reminder" role="note">{format!("Đã {d} ngày chưa xuất dữ liệu. Hãy xuất một tệp để gửi cấp trên và để dự phòng khi máy hỏng.")}</p>
            })}

            <fieldset>
                <legend>"Xuất dữ liệu"</legend>
                <p class="hint">{move || match last_export.get() {
                    Some(t) => format!("Lần xuất gần nhất: {}.", store::local_datetime(t)),
                    None => "Máy này chưa xuất dữ liệu lần nào.".to_string(),
                }}</p>
                <div class="grid">
                    <div class="field">
                        <label for="share-scope">"Phạm vi"</label>
                        <select id="share-scope" on:change=move |ev| scope.set(event_target_value(&ev))>
                            {move || unit_options().into_iter().map(|(id, label)| {
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
                            let d = event_target_value(&ev).trim().parse::<u32>().unwrap_or(prefs::DEFAULT_REMINDER_DAYS).min(365);
                            prefs::set_reminder_days(d);
                            days.set(d);
                            state.reminder.set(export_reminder(prefs::reminder_since(), store::now(), d));
                        } />
                </div>
            </fieldset>

            <fieldset>
                <legend>"Nhập dữ liệu"</legend>
                <div class="drop-zone" class:over=move || over.get()
                    on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); over.set(true); }
                    on:dragleave=move |_| over.set(false)
                    on:drop=on_drop>
                    <label for="share-file">"Chọn tệp dữ liệu (.json hoặc .json.gz)"</label>
                    <input id="share-file" type="file" accept=".json,.gz,application/json,application/gzip" on:change=on_pick />
                    <p class="hint">{format!("hoặc kéo thả tệp vào đây. Tệp được kiểm tra và xem trước, chưa có gì thay đổi cho đến khi bấm \"Áp dụng\". Tối đa {} MB.", MAX_SNAPSHOT_BYTES / 1_048_576)}</p>
                </div>
                {import_view}
            </fieldset>

            <fieldset>
                <legend>"Hoàn tác và bản sao lưu"</legend>
                {move || match last_import() {
                    Some(b) => {
                        let text = format!("Trở về dữ liệu như trước khi nhập tệp {} (lúc {}).", b.source, store::local_datetime(b.created_at));
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
                <p class="hint storage">{move || match usage.get() {
                    Some(u) => format!(
                        "Bộ nhớ trình duyệt: đang dùng {} trên {} được phép.{}",
                        mb(u.used),
                        mb(u.quota),
                        if u.persisted { " Trình duyệt đã cho phép lưu lâu dài (không tự xóa khi máy thiếu chỗ)." } else { " Trình duyệt chưa cho phép lưu lâu dài: hãy xuất dữ liệu thường xuyên." }
                    ),
                    None => String::new(),
                }}</p>
            </fieldset>
        </section>
    }
}

#[component]
pub fn BackupsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let backups: RwSignal<Option<Vec<Backup>>> = RwSignal::new(None);
    let reload = move || {
        spawn_local(async move {
            match db().backups().await {
                Ok(b) => backups.set(Some(b)),
                Err(e) => state.fail(e.0),
            }
        })
    };
    reload();
    let busy = RwSignal::new(false);
    let restore_one = move |b: Backup| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match restore(state, b.clone()).await {
                Ok(()) => {
                    state.say(format!(
                        "Đã khôi phục bản sao lưu lúc {}. Dữ liệu trước đó cũng đã được sao lưu.",
                        store::local_datetime(b.created_at)
                    ));
                    reload();
                }
                Err(e) => state.fail(e),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="page share">
            <div class="page-head">
                <h1>"Bản sao lưu"</h1>
                <a class="btn" href=Route::Share.href()>"Trao đổi dữ liệu"</a>
            </div>
            <p class="hint">{format!(
                "Trước mỗi lần nhập tệp hoặc khôi phục, dữ liệu trên máy được tự động sao lưu. Máy giữ {} bản gần nhất.",
                store::BACKUPS_KEPT
            )}</p>
            {move || match backups.get() {
                None => view! { <p role="status" class="hint">"Đang tải…"</p> }.into_any(),
                Some(list) if list.is_empty() => view! { <p class="empty">"Chưa có bản sao lưu nào."</p> }.into_any(),
                Some(list) => view! {
                    <ul class="unit-list backups">
                        {list.into_iter().map(|b| {
                            let when = store::local_datetime(b.created_at);
                            let what = match b.reason {
                                BackupReason::Import => format!(
                                    "Trước khi nhập tệp {}{}",
                                    b.source,
                                    if b.sender.is_empty() { String::new() } else { format!(" (người gửi: {})", b.sender) }
                                ),
                                BackupReason::Restore => format!("Trước khi khôi phục {}", b.source),
                            };
                            let counts = format!("{} đơn vị · {} cán bộ · {} văn bản · {} bản ghi đã xóa · {} bản ghi đào tạo", b.units, b.cadres, b.directives, b.tombstones, b.training);
                            let label = format!("Khôi phục bản sao lưu lúc {when}");
                            view! {
                                <li class="unit-row backup-row">
                                    <span class="name">{when}</span>
                                    <span class="sub">{what}<br/>{counts}</span>
                                    <span class="row-actions">
                                        <button type="button" class="btn" aria-label=label disabled=move || busy.get()
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
