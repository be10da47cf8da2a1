//! Small preferences kept in localStorage (not records: they do not travel in snapshots),
//! and what a page hands to the page of another bundle it opens, in sessionStorage (this tab
//! only): each bundle is its own wasm, so nothing in memory survives the step.

use dtbd_domain::directive::Date;
use gloo_storage::{LocalStorage, SessionStorage, Storage};

/// What one page hands to the next.
#[derive(Debug, Clone, Copy)]
pub enum Handed {
    /// The message just said ("Đã lưu …" before the directive page opens).
    Message,
    /// Đọc văn bản's "Sửa": the draft directive the editor opens on (JSON).
    Draft,
    /// Đọc văn bản's text and decisions, kept while the officer corrects a proposal in the
    /// editor, so coming back finds her review as she left it.
    Review,
    /// Đọc văn bản's "Sửa" on a target or a group: the editor's form to open on the draft
    /// ("target:ID", "group:ID"), so she lands on what she asked to correct.
    Open,
}

impl Handed {
    fn key(self) -> &'static str {
        match self {
            Handed::Message => "dtbd.message",
            Handed::Draft => "dtbd.draft",
            Handed::Review => "dtbd.review",
            Handed::Open => "dtbd.open",
        }
    }
}

/// Keeps `value` for the next page to take; a failure (a 2 MB text over a full quota) is
/// ignored: what is handed over is a convenience, the data is in IndexedDB.
pub fn hand_over(what: Handed, value: &str) {
    let _ = SessionStorage::set(what.key(), value);
}

/// What the page before handed over, once.
pub fn take_handed(what: Handed) -> Option<String> {
    let value = SessionStorage::get(what.key()).ok();
    SessionStorage::delete(what.key());
    value
}

/// Reads a preference.
pub fn get(key: &str) -> Option<String> {
    LocalStorage::get(format!("dtbd.{key}")).ok()
}

/// Writes a preference; a failure (private mode, full) is ignored: preferences are
/// conveniences, never data.
pub fn set(key: &str, value: &str) {
    let _ = LocalStorage::set(format!("dtbd.{key}"), value);
}

/// Default of [`reminder_days`].
pub const DEFAULT_REMINDER_DAYS: u32 = 7;

/// Lần xuất gần nhất (ms), if this device ever exported.
pub fn last_export() -> Option<i64> {
    get("last_export").and_then(|v| v.parse().ok())
}

/// Since when the export reminder counts: the last export, or the first use of the app
/// on this device (recorded by the first call), so a new user is not reminded at once.
pub fn reminder_since() -> i64 {
    if let Some(t) = last_export().or_else(|| get("first_use").and_then(|v| v.parse().ok())) {
        return t;
    }
    let t = super::now();
    set("first_use", &t.to_string());
    t
}

/// Records an export.
pub fn set_last_export(ms: i64) {
    set("last_export", &ms.to_string());
}

/// Nhắc xuất dữ liệu sau bao nhiêu ngày (0: không nhắc).
pub fn reminder_days() -> u32 {
    get("reminder_days").and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_REMINDER_DAYS)
}

/// Sets [`reminder_days`].
pub fn set_reminder_days(days: u32) {
    set("reminder_days", &days.to_string());
}

/// The year the officer chose for a directive's Thực trạng, as `dtbd_view::status::YearChoice`
/// codes it ("nam_nay" or a year); per directive, so each opens where it was left.
pub fn status_year(directive_id: &str) -> Option<String> {
    get(&format!("status_year.{directive_id}"))
}

/// Remembers [`status_year`].
pub fn set_status_year(directive_id: &str, choice: &str) {
    set(&format!("status_year.{directive_id}"), choice);
}

/// The key of a directive's [`as_of`]: per database too, so the dates the demo sets never
/// reach the officer's own directives (and leaving the demo leaves them behind).
fn as_of_key(directive_id: &str) -> String {
    format!("as_of.{}.{directive_id}", super::demo::db_name())
}

/// Tính đến ngày the officer chose for a directive's progress views (the directive page, its
/// progress report, its monitoring); none means today.
pub fn as_of(directive_id: &str) -> Option<Date> {
    get(&as_of_key(directive_id)).and_then(|v| Date::parse(&v))
}

/// Remembers [`as_of`]; `None` forgets it (back to today).
pub fn set_as_of(directive_id: &str, at: Option<Date>) {
    match at {
        Some(at) => set(&as_of_key(directive_id), &at.to_string()),
        None => LocalStorage::delete(format!("dtbd.{}", as_of_key(directive_id))),
    }
}

/// Người sửa on this device, written into the stamp of every field a save changes: the
/// device's random id (made on first use, never shown) and the sender the share page
/// remembers ("Người gửi"; empty before the first export).
pub fn author() -> dtbd_domain::field_merge::Author {
    let device = get("device").unwrap_or_else(|| {
        let id = super::new_id();
        set("device", &id);
        id
    });
    let name = get("sender").map(|s| s.trim().to_string()).unwrap_or_default();
    dtbd_domain::field_merge::Author { device, name }
}
