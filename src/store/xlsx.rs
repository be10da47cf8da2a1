//! The Excel workers, from the page's side: `write` (tables → XLSX bytes) and `read` (XLSX
//! bytes → sheets of texts) post a message to a Web Worker running `dtbd-xlsx-write`
//! (rust_xlsxwriter) or `dtbd-xlsx-read` (calamine); see `src/bin/dtbd-xlsx-*.rs` and
//! `public/xlsx-worker.js`. Each worker starts on its first call, so no page bundle carries
//! the Excel code and a page that never exports never downloads it. Also: bytes → `File` for
//! download, and CSV files.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, FilePropertyBag, MessageEvent, Worker};

use super::{logged, StoreError};
use dtbd_domain::table::Table;
use dtbd_xlsx::Sheet;

/// The worker script, next to the pages; one worker per kind ("write", "read").
const WORKER_URL: &str = "./xlsx-worker.js";
/// MIME type of an XLSX workbook.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Pending = Rc<RefCell<HashMap<u32, (Function, Function)>>>;

struct Channel {
    worker: Worker,
    pending: Pending,
    next: u32,
}

thread_local! {
    static CHANNELS: RefCell<HashMap<&'static str, Channel>> = RefCell::new(HashMap::new());
}

fn text_of(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| "lỗi không rõ".into())
}

/// The worker's answer to a failed call: a string is `dtbd-xlsx`'s own Vietnamese message
/// (`dtbd_xlsx::read`, `write`), shown as it is; anything else (a worker that died, a browser
/// error object) is the browser's text, logged, and `message` is shown.
fn worker_failure(message: &str, e: &JsValue) -> StoreError {
    match e.as_string() {
        Some(ours) if !ours.is_empty() => StoreError(ours),
        _ => logged(message.into(), &text_of(e)),
    }
}

/// Ends the worker of `kind` when it is still `worker` (a wasm trap may leave its module
/// broken, "unreachable" on every later call): the calls still waiting on it fail, and the
/// next call starts a fresh worker.
fn end(kind: &'static str, worker: &Worker, pending: &Pending) {
    worker.terminate();
    CHANNELS.with(|c| {
        let mut channels = c.borrow_mut();
        if channels.get(kind).is_some_and(|ch| ch.worker == *worker) {
            channels.remove(kind);
        }
    });
    let waiting: Vec<_> = pending.borrow_mut().drain().collect();
    for (_, (_, reject)) in waiting {
        let _ = reject.call1(&JsValue::NULL, &js_sys::Error::new("the Excel worker was ended after a failure").into());
    }
}

fn start(kind: &'static str) -> Result<Channel, StoreError> {
    let worker = Worker::new(WORKER_URL).map_err(|e| {
        logged("Không khởi động được bộ xử lý Excel. Hãy tải lại trang rồi làm lại.".into(), &text_of(&e))
    })?;
    let pending: Pending = Rc::default();
    let on_message = {
        let pending = pending.clone();
        let worker = worker.clone();
        Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
            let data = ev.data();
            let id = Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()).unwrap_or(-1.0) as u32;
            let Some((resolve, reject)) = pending.borrow_mut().remove(&id) else { return };
            match Reflect::get(&data, &"err".into()) {
                Ok(err) if !err.is_undefined() => {
                    let _ = reject.call1(&JsValue::NULL, &err);
                    // Not dtbd-xlsx's own message: a trap or a module that did not load.
                    if err.as_string().is_none() {
                        end(kind, &worker, &pending);
                    }
                }
                _ => {
                    let _ =
                        resolve.call1(&JsValue::NULL, &Reflect::get(&data, &"ok".into()).unwrap_or(JsValue::UNDEFINED));
                }
            }
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // The script or its wasm failed to load (offline before it was ever cached, say): every
    // call waiting fails with a message, and the next call starts a new worker.
    let on_error = {
        let pending = pending.clone();
        let worker = worker.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            let waiting: Vec<_> = pending.borrow_mut().drain().collect();
            for (_, (_, reject)) in waiting {
                let _ = reject.call1(
                    &JsValue::NULL,
                    &JsValue::from_str(
                        "Không tải được bộ xử lý Excel (hãy mở ứng dụng khi có mạng một lần để máy lưu lại).",
                    ),
                );
            }
            end(kind, &worker, &pending);
        })
    };
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Ok(Channel { worker, pending, next: 0 })
}

/// Posts `payload` (and the file's `name`, for the worker's messages) to the worker of `kind`,
/// asking it for `op` ("sheets" or "docx" of the reading worker; "" for the writer).
async fn call(
    kind: &'static str,
    op: &str,
    payload: &JsValue,
    transfer: Option<&JsValue>,
    name: &str,
) -> Result<JsValue, JsValue> {
    let promise = CHANNELS.with(|c| -> Result<Promise, JsValue> {
        let mut channels = c.borrow_mut();
        if !channels.contains_key(kind) {
            channels.insert(kind, start(kind).map_err(|e| JsValue::from_str(&e.0))?);
        }
        let ch = channels.get_mut(kind).expect("started above");
        ch.next = ch.next.wrapping_add(1);
        let id = ch.next;
        let msg = Object::new();
        Reflect::set(&msg, &"id".into(), &JsValue::from(id))?;
        Reflect::set(&msg, &"kind".into(), &JsValue::from_str(kind))?;
        Reflect::set(&msg, &"op".into(), &JsValue::from_str(op))?;
        Reflect::set(&msg, &"payload".into(), payload)?;
        Reflect::set(&msg, &"name".into(), &JsValue::from_str(name))?;
        let pending = ch.pending.clone();
        let worker = ch.worker.clone();
        let mut posted: Result<(), JsValue> = Ok(());
        let p = Promise::new(&mut |resolve, reject| {
            pending.borrow_mut().insert(id, (resolve, reject));
            posted = match transfer {
                Some(t) => worker.post_message_with_transfer(&msg, &Array::of1(t)),
                None => worker.post_message(&msg),
            };
        });
        posted?;
        Ok(p)
    })?;
    JsFuture::from(promise).await
}

/// The workbook for `tables` (one sheet each), made by the Excel worker.
pub async fn write(tables: &[Table]) -> Result<Vec<u8>, StoreError> {
    let json = serde_json::to_string(tables).expect("tables always serialise");
    let out = call("write", "", &JsValue::from_str(&json), None, "")
        .await
        .map_err(|e| worker_failure("Không tạo được tệp Excel.", &e))?;
    Ok(Uint8Array::new(&out).to_vec())
}

/// Every sheet of workbook `name` (XLSX or XLS), read by the Excel worker. A worker that
/// failed without a message of its own (a wasm trap) is ended and the next file gets a fresh
/// one; the officer reads which file did not read, in Vietnamese.
pub async fn read(name: &str, bytes: &[u8]) -> Result<Vec<Sheet>, StoreError> {
    let array = Uint8Array::from(bytes);
    let buffer = array.buffer();
    let out = call("read", "sheets", &buffer, Some(&buffer), name).await.map_err(|e| {
        worker_failure(
            &format!(
                "Không đọc được tệp {name}: bộ xử lý Excel dừng giữa chừng (tệp quá lớn hoặc bị hỏng). \
                 Bộ xử lý đã được khởi động lại: hãy chọn tệp khác, hoặc mở tệp bằng Excel rồi lưu lại."
            ),
            &e,
        )
    })?;
    let json = out.as_string().unwrap_or_default();
    serde_json::from_str(&json)
        .map_err(|e| logged(format!("Không đọc được tệp {name}: bộ xử lý Excel trả về dữ liệu hỏng."), &e.to_string()))
}

/// The text of Word document `name` (.docx) as Word's "copy all" gives it
/// (`dtbd_xlsx::docx::text`), read by the reading worker, which links the zip and XML crates
/// already; no page bundle carries them.
pub async fn read_docx(name: &str, bytes: &[u8]) -> Result<String, StoreError> {
    let array = Uint8Array::from(bytes);
    let buffer = array.buffer();
    let out = call("read", "docx", &buffer, Some(&buffer), name).await.map_err(|e| {
        worker_failure(
            &format!(
                "Không đọc được tệp {name}: bộ đọc tệp dừng giữa chừng (tệp quá lớn hoặc bị hỏng). \
                 Hãy mở tệp bằng Word, sao chép toàn bộ nội dung rồi dán vào ô văn bản."
            ),
            &e,
        )
    })?;
    Ok(out.as_string().unwrap_or_default())
}

/// A file of `bytes` named `name`, for `files::download`.
pub fn file_of(bytes: &[u8], name: &str, mime: &str) -> Result<File, StoreError> {
    let fail = |e: JsValue| logged("Không tạo được tệp.".into(), &text_of(&e));
    let opts = BlobPropertyBag::new();
    opts.set_type(mime);
    let blob =
        Blob::new_with_u8_array_sequence_and_options(&Array::of1(&Uint8Array::from(bytes)), &opts).map_err(fail)?;
    let fopts = FilePropertyBag::new();
    fopts.set_type(mime);
    File::new_with_blob_sequence_and_options(&Array::of1(&blob), name, &fopts).map_err(fail)
}

/// Downloads `tables` as `<base>.xlsx`.
pub async fn download_xlsx(tables: &[Table], base: &str) -> Result<String, StoreError> {
    let bytes = write(tables).await?;
    let name = format!("{base}.xlsx");
    super::files::download(&file_of(&bytes, &name, XLSX_MIME)?)?;
    Ok(name)
}

/// Downloads one table as `<base>.csv` (UTF-8 with BOM, formulas neutralised: `Table::to_csv`).
pub fn download_csv(table: &Table, base: &str) -> Result<String, StoreError> {
    let name = format!("{base}.csv");
    super::files::download(&file_of(table.to_csv().as_bytes(), &name, "text/csv;charset=utf-8")?)?;
    Ok(name)
}
