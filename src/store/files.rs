//! Files in and out of the browser: reading a picked or dropped file a chunk at a time
//! (inflated through a budget when it is gzip, `domain::inflate`), the page's turns to the
//! browser during long work ([`yield_now`], [`Pace`]), gzip out through the browser's
//! `CompressionStream` (no crate), download through an object URL, the Web Share API with a
//! file, and the storage quota (`navigator.storage.persist()` / `estimate()`).
//!
//! `CompressionStream`, a stream's reader, `navigator.canShare` and `navigator.storage` are
//! bound here by hand: web-sys marks them unstable, and a missing API (older browser) must be
//! a plain `Err`.
//!
//! *Why gzip is not inflated by the browser's `DecompressionStream`:* it hands back the whole
//! output before anyone counts it; a 1 MB gzip bomb became a gigabyte of heap. The Rust
//! inflater stops at the budget (`limits::MAX_FILE_BYTES`), a step at a time, with the page
//! given a turn between steps.

use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, FilePropertyBag};

use dtbd_domain::inflate::{self, Gunzip};
use dtbd_domain::limits::{MAX_FILE_BYTES, YIELD_EVERY_MS};

use super::{logged, StoreError};

#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

}

#[wasm_bindgen]
extern "C" {
    /// A `Blob` seen through the methods web-sys marks unstable.
    type AnyBlob;
    #[wasm_bindgen(method, js_name = stream)]
    fn stream(this: &AnyBlob) -> ByteStream;

    type ByteStream;
    #[wasm_bindgen(method, js_name = pipeThrough, catch)]
    fn pipe_through(this: &ByteStream, transform: &JsValue) -> Result<ByteStream, JsValue>;
    #[wasm_bindgen(method, js_name = getReader, catch)]
    fn get_reader(this: &ByteStream) -> Result<StreamReader, JsValue>;

    /// A `ReadableStreamDefaultReader`: the chunks as they come.
    type StreamReader;
    #[wasm_bindgen(method)]
    fn read(this: &StreamReader) -> Promise;
    #[wasm_bindgen(method)]
    fn cancel(this: &StreamReader) -> Promise;

    #[wasm_bindgen(js_name = Response)]
    type StreamResponse;
    #[wasm_bindgen(constructor)]
    fn from_stream(body: &ByteStream) -> StreamResponse;
    #[wasm_bindgen(method, js_name = blob)]
    fn blob(this: &StreamResponse) -> Promise;

    /// `navigator`, for `canShare` and `share` with files.
    type AnyNavigator;
    #[wasm_bindgen(method, js_name = canShare, catch)]
    fn can_share_data(this: &AnyNavigator, data: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(method, js_name = share, catch)]
    fn share_data(this: &AnyNavigator, data: &JsValue) -> Result<Promise, JsValue>;
}

fn js_text(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Milliseconds on the page's monotonic clock (`performance.now()`).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_default()
}

/// Gives the browser a turn: the rest runs in a later task (`setTimeout` 0), after the page
/// is painted and taps (Hủy) are handled. A resolved promise would not do: its continuation
/// runs before either.
pub async fn yield_now() {
    let turn = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        } else {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(turn).await;
}

/// A long loop's clock: [`Pace::breathe`] gives the browser a turn once half of
/// `limits::YIELD_EVERY_MS` has passed since the last, so with steps of a few milliseconds
/// the page never goes longer than the limit without one.
pub struct Pace {
    since: f64,
}

impl Default for Pace {
    fn default() -> Pace {
        Pace { since: now_ms() }
    }
}

impl Pace {
    /// Yields when the time has come.
    pub async fn breathe(&mut self) {
        if now_ms() - self.since >= (YIELD_EVERY_MS / 2) as f64 {
            yield_now().await;
            self.since = now_ms();
        }
    }
}

/// Where [`read_file`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadStep {
    /// Reading the file's bytes (done and total in bytes).
    Reading,
    /// Inflating a gzip file (done and total in compressed bytes).
    Inflating,
}

/// Reads a picked or dropped file a chunk at a time, then, when it is gzip (by its first
/// bytes, whatever its name), inflates it through `limits::MAX_FILE_BYTES` of output. The
/// page gets a turn at least every `limits::YIELD_EVERY_MS`; `progress` is told how far it
/// is and answers false to stop (Hủy): then `Ok(None)`, nothing kept. Every refusal is
/// Vietnamese and names the file; the browser's own words go to the console.
pub async fn read_file(
    file: &File,
    progress: &mut dyn FnMut(ReadStep, u64, u64) -> bool,
) -> Result<Option<Vec<u8>>, StoreError> {
    let name = file.name();
    let size = file.size() as u64;
    if size > MAX_FILE_BYTES as u64 {
        return Err(StoreError(inflate::file_too_large(&name, size)));
    }
    let unreadable = |e: &JsValue| logged(inflate::unreadable(&name), &js_text(e));
    let reader = file.unchecked_ref::<AnyBlob>().stream().get_reader().map_err(|e| unreadable(&e))?;
    let mut bytes: Vec<u8> = Vec::with_capacity(size as usize);
    let mut pace = Pace::default();
    loop {
        if !progress(ReadStep::Reading, bytes.len() as u64, size) {
            let _ = reader.cancel();
            return Ok(None);
        }
        let chunk = JsFuture::from(reader.read()).await.map_err(|e| unreadable(&e))?;
        if Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            break;
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into()).map_err(|e| unreadable(&e))?.unchecked_into();
        let (start, length) = (bytes.len(), value.length() as usize);
        if start + length > MAX_FILE_BYTES {
            // The file grew after it was picked.
            let _ = reader.cancel();
            return Err(StoreError(inflate::file_too_large(&name, (start + length) as u64)));
        }
        bytes.resize(start + length, 0);
        value.copy_to(&mut bytes[start..]);
        pace.breathe().await;
    }
    if !inflate::is_gzip(&bytes) {
        return Ok(Some(bytes));
    }
    let mut inflating = Gunzip::new(&bytes, MAX_FILE_BYTES);
    loop {
        if !progress(ReadStep::Inflating, inflating.consumed() as u64, inflating.compressed() as u64) {
            return Ok(None);
        }
        match inflating.step(inflate::STEP_BYTES) {
            Ok(true) => break,
            Ok(false) => pace.breathe().await,
            Err(e) => return Err(logged(e.message(&name), e.detail())),
        }
    }
    Ok(Some(inflating.finish()))
}

/// True when this browser can gzip (`CompressionStream`).
pub fn can_gzip() -> bool {
    CompressionStream::new("gzip").is_ok()
}

/// The file to send: `text` as `name`, gzipped when `gzip` (the caller's name ends in `.gz`).
pub async fn make_file(text: &str, name: &str, gzip: bool) -> Result<File, StoreError> {
    let fail = |e: JsValue| logged("Không tạo được tệp.".into(), &js_text(&e));
    let opts = BlobPropertyBag::new();
    opts.set_type("application/json");
    let plain = Blob::new_with_str_sequence_and_options(&Array::of1(&JsValue::from_str(text)), &opts).map_err(fail)?;
    let (body, mime): (Blob, &str) = if gzip {
        let cs = CompressionStream::new("gzip")
            .map_err(|_| StoreError("Trình duyệt này không nén được tệp: hãy bỏ chọn \"Nén\".".into()))?;
        let stream = plain.unchecked_ref::<AnyBlob>().stream().pipe_through(&cs).map_err(fail)?;
        let blob = JsFuture::from(StreamResponse::from_stream(&stream).blob()).await.map_err(fail)?;
        (blob.unchecked_into(), "application/gzip")
    } else {
        (plain, "application/json")
    };
    let fopts = FilePropertyBag::new();
    fopts.set_type(mime);
    File::new_with_blob_sequence_and_options(&Array::of1(&body), name, &fopts).map_err(fail)
}

/// Saves `text` as a file `name` of type `mime` (a report's CSV) to the device's downloads.
pub fn download_text(text: &str, name: &str, mime: &str) -> Result<(), StoreError> {
    let fail = |e: JsValue| logged("Không tạo được tệp.".into(), &js_text(&e));
    let fopts = FilePropertyBag::new();
    fopts.set_type(mime);
    let file =
        File::new_with_str_sequence_and_options(&Array::of1(&JsValue::from_str(text)), name, &fopts).map_err(fail)?;
    download(&file)
}

/// Saves `file` to the device's downloads through an object URL.
pub fn download(file: &File) -> Result<(), StoreError> {
    let fail = |e: JsValue| logged("Không tải tệp về được.".into(), &js_text(&e));
    let window = web_sys::window().ok_or_else(|| StoreError("Không có cửa sổ trình duyệt.".into()))?;
    let document = window.document().ok_or_else(|| StoreError("Không có trang.".into()))?;
    let url = web_sys::Url::create_object_url_with_blob(file).map_err(fail)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(&file.name());
    a.set_attribute("hidden", "").map_err(fail)?;
    let body = document.body().ok_or_else(|| StoreError("Không có trang.".into()))?;
    body.append_child(&a).map_err(fail)?;
    a.click();
    a.remove();
    // Revoke later: the download reads the URL after this task.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    Ok(())
}

fn share_data(file: &File) -> JsValue {
    let data = js_sys::Object::new();
    let _ = Reflect::set(&data, &"files".into(), &Array::of1(file));
    let _ = Reflect::set(&data, &"title".into(), &JsValue::from_str(&file.name()));
    data.into()
}

/// True when the Web Share API can send a file of this kind (tablets and phones).
pub fn can_share_files() -> bool {
    let Some(w) = web_sys::window() else { return false };
    let Ok(probe) = File::new_with_str_sequence(&Array::of1(&"{}".into()), "dtbd.json") else { return false };
    w.navigator().unchecked_ref::<AnyNavigator>().can_share_data(&share_data(&probe)).unwrap_or(false)
}

/// Hands `file` to the Web Share API (the mail app, messaging ...). `Ok(false)` when the
/// user cancelled.
pub async fn share(file: &File) -> Result<bool, StoreError> {
    let fail = |e: &JsValue| logged("Không chia sẻ được tệp.".into(), &js_text(e));
    let w = web_sys::window().ok_or_else(|| StoreError("Không có cửa sổ trình duyệt.".into()))?;
    let p = w.navigator().unchecked_ref::<AnyNavigator>().share_data(&share_data(file)).map_err(|e| fail(&e))?;
    match JsFuture::from(p).await {
        Ok(_) => Ok(true),
        Err(e)
            if Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).as_deref() == Some("AbortError") =>
        {
            Ok(false)
        }
        Err(e) => Err(fail(&e)),
    }
}

/// Dung lượng: bytes used and the quota, when the browser says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usage {
    /// Đang dùng.
    pub used: f64,
    /// Giới hạn.
    pub quota: f64,
    /// True when the browser keeps the data even under storage pressure.
    pub persisted: bool,
}

fn storage_manager() -> Option<JsValue> {
    let nav = web_sys::window()?.navigator();
    Reflect::get(&nav, &"storage".into()).ok().filter(|s| !s.is_undefined())
}

async fn call(target: &JsValue, method: &str) -> Option<JsValue> {
    let f: js_sys::Function = Reflect::get(target, &method.into()).ok()?.dyn_into().ok()?;
    let p: Promise = f.call0(target).ok()?.dyn_into().ok()?;
    JsFuture::from(p).await.ok()
}

/// Asks once per device for persistent storage (`navigator.storage.persist()`): the browser
/// then does not evict the data when the disk runs low. Later calls only ask whether it is.
pub async fn persist_once() -> bool {
    let Some(sm) = storage_manager() else { return false };
    let method = if super::prefs::get("persist_asked").is_some() { "persisted" } else { "persist" };
    super::prefs::set("persist_asked", "1");
    call(&sm, method).await.and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Usage and quota (`navigator.storage.estimate()`), `None` when the browser does not say.
pub async fn usage() -> Option<Usage> {
    let sm = storage_manager()?;
    let persisted = call(&sm, "persisted").await.and_then(|v| v.as_bool()).unwrap_or(false);
    let e = call(&sm, "estimate").await?;
    let num = |k: &str| Reflect::get(&e, &k.into()).ok().and_then(|v| v.as_f64());
    Some(Usage { used: num("usage")?, quota: num("quota")?, persisted })
}
