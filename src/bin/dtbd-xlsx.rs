//! `dtbd-xlsx`: the Excel worker's wasm, not a page. tools/build.sh builds it with cargo and
//! `wasm-bindgen --target no-modules`; `public/xlsx-worker.js` loads it inside a Web Worker
//! and answers `store::xlsx`'s messages. It alone links rust_xlsxwriter and calamine
//! (`dtbd::xlsx`), so the page bundles stay small.

#[cfg(target_arch = "wasm32")]
mod worker {
    use wasm_bindgen::prelude::*;

    /// Tables (JSON of `Vec<dtbd::domain::table::Table>`) to XLSX bytes.
    #[wasm_bindgen]
    pub fn write_xlsx(tables_json: &str) -> Result<Vec<u8>, JsValue> {
        let tables: Vec<dtbd::domain::table::Table> = serde_json::from_str(tables_json).map_err(|e| JsValue::from_str(&format!("bảng không hợp lệ ({e})")))?;
        dtbd::xlsx::write(&tables).map_err(|e| JsValue::from_str(&e))
    }

    /// XLSX bytes to the JSON of `Vec<dtbd::xlsx::Sheet>`.
    #[wasm_bindgen]
    pub fn read_xlsx(bytes: &[u8]) -> Result<String, JsValue> {
        let sheets = dtbd::xlsx::read(bytes).map_err(|e| JsValue::from_str(&e))?;
        Ok(serde_json::to_string(&sheets).expect("sheets always serialise"))
    }
}

fn main() {}
