//! Small browser services: the clock (today, now, the year, local times), random record
//! ids, files shipped with the app (fetched, kept offline by the service worker), the
//! clipboard.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use dtbd_domain::date::{Date, Moment};

use super::StoreError;

/// Fetches a file shipped with the app (a path relative to the page, e.g.
/// `templates/index.json`). The service worker keeps it for offline use.
pub async fn fetch_text(path: &str) -> Result<String, StoreError> {
    let fail = |e: wasm_bindgen::JsValue| {
        super::logged(format!("Không tải được \"{path}\". Hãy kết nối mạng một lần để tải mẫu."), &format!("{e:?}"))
    };
    let window = web_sys::window().ok_or_else(|| StoreError("Không có cửa sổ trình duyệt.".into()))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(path)).await.map_err(fail)?.unchecked_into();
    if !response.ok() {
        return Err(StoreError(format!("Không tải được \"{path}\" (mã lỗi {}).", response.status())));
    }
    let text = JsFuture::from(response.text().map_err(fail)?).await.map_err(fail)?;
    text.as_string().ok_or_else(|| StoreError(format!("\"{path}\" không phải văn bản.")))
}

/// Puts `text` on the clipboard (the user pastes it into a report). Says whether it worked.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    JsFuture::from(window.navigator().clipboard().write_text(text)).await.is_ok()
}

/// Today's date from the browser clock (local time).
pub fn today() -> Date {
    let d = js_sys::Date::new_0();
    Date { year: d.get_full_year() as u16, month: d.get_month() as u8 + 1, day: d.get_date() as u8 }
}

/// This minute on the browser clock (local time): an export's file name.
pub fn local_moment() -> Moment {
    let d = js_sys::Date::new_0();
    Moment {
        date: Date { year: d.get_full_year() as u16, month: d.get_month() as u8 + 1, day: d.get_date() as u8 },
        hour: d.get_hours() as u8,
        minute: d.get_minutes() as u8,
    }
}

/// A fresh random record id (UUID v4).
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Milliseconds since the epoch, from the browser clock.
pub fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// Current calendar year, from the browser clock.
pub fn current_year() -> u16 {
    js_sys::Date::new_0().get_full_year() as u16
}

/// Local date and time of a moment, "22/11/2026 14:05" (browser time zone).
pub fn local_datetime(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}
