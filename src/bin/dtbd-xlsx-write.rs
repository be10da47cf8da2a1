//! `dtbd-xlsx-write`: the wasm of the Excel writing worker, not a page. tools/build.sh builds
//! it with cargo and `wasm-bindgen --target no-modules`; `public/xlsx-worker.js` loads
//! it in a Web Worker and answers `store::xlsx::write`. It alone links rust_xlsxwriter (and
//! `dtbd-xlsx-read` alone calamine), so no page bundle carries either and an export never
//! downloads the reader.

#[cfg(target_arch = "wasm32")]
mod worker {
    use wasm_bindgen::prelude::*;

    /// Tables (JSON of `Vec<dtbd_domain::table::Table>`) to XLSX bytes.
    #[wasm_bindgen]
    pub fn run(tables_json: &str) -> Result<Vec<u8>, JsValue> {
        let tables: Vec<dtbd_domain::table::Table> =
            serde_json::from_str(tables_json).map_err(|e| JsValue::from_str(&format!("bảng không hợp lệ ({e})")))?;
        dtbd_xlsx::write(&tables).map_err(|e| JsValue::from_str(&e))
    }
}

fn main() {}
