//! Files in and out of the browser: reading a picked or dropped file (gunzipped when it is
//! gzip), gzip through the browser's `CompressionStream` (no crate), download through an
//! object URL, the Web Share API with a file, and the storage quota
//! (`navigator.storage.persist()` / `estimate()`).
//!
//! `CompressionStream`, `navigator.canShare` and `navigator.storage` are bound here by hand:
//! web-sys marks them unstable, and a missing API (older browser) must be a plain `Err`.

use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, FilePropertyBag};

use super::{logged, StoreError};

#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

}

#[wasm_bindgen]
extern "C" {
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;

    /// A `Blob` seen through the methods web-sys marks unstable.
    type AnyBlob;
    #[wasm_bindgen(method, js_name = stream)]
    fn stream(this: &AnyBlob) -> ByteStream;

    type ByteStream;
    #[wasm_bindgen(method, js_name = pipeThrough, catch)]
    fn pipe_through(this: &ByteStream, transform: &JsValue) -> Result<ByteStream, JsValue>;

    #[wasm_bindgen(js_name = Response)]
    type StreamResponse;
    #[wasm_bindgen(constructor)]
    fn from_stream(body: &ByteStream) -> StreamResponse;
    #[wasm_bindgen(method, js_name = arrayBuffer)]
    fn array_buffer(this: &StreamResponse) -> Promise;
    #[wasm_bindgen(method, js_name = blob)]
    fn blob(this: &StreamResponse) -> Promise;

    /// `navigator`, for `canShare` and `share` with files.
    type AnyNavigator;
    #[wasm_bindgen(method, js_name = canShare, catch)]
    fn can_share_data(this: &AnyNavigator, data: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(method, js_name = share, catch)]
    fn share_data(this: &AnyNavigator, data: &JsValue) -> Result<Promise, JsValue>;
}

/// Gzip magic bytes.
const GZIP: [u8; 2] = [0x1f, 0x8b];

fn js_text(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| format!("{e:?}"))
}

async fn await_bytes(p: Promise) -> Result<Vec<u8>, JsValue> {
    let buf = JsFuture::from(p).await?;
    Ok(Uint8Array::new(&buf).to_vec())
}

/// Reads a picked or dropped file; a gzip file (by its first bytes, whatever its name) is
/// decompressed with the browser's `DecompressionStream`.
pub async fn read_file(file: &File) -> Result<Vec<u8>, StoreError> {
    let bytes = await_bytes(file.array_buffer())
        .await
        .map_err(|e| logged(format!("Không đọc được tệp \"{}\".", file.name()), &js_text(&e)))?;
    if !bytes.starts_with(&GZIP) {
        return Ok(bytes);
    }
    let broken = |e: JsValue| {
        logged(format!("Tệp nén \"{}\" bị hỏng hoặc không trọn vẹn, không giải nén được.", file.name()), &js_text(&e))
    };
    let ds = DecompressionStream::new("gzip").map_err(|_| {
        StoreError("Trình duyệt này không giải nén được tệp .gz: hãy nhờ người gửi gửi tệp .json không nén.".into())
    })?;
    let stream = file.unchecked_ref::<AnyBlob>().stream().pipe_through(&ds).map_err(broken)?;
    await_bytes(StreamResponse::from_stream(&stream).array_buffer()).await.map_err(broken)
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
