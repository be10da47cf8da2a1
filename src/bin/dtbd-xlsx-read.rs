//! `dtbd-xlsx-read`: the wasm of the Excel reading worker, not a page (see
//! `dtbd-xlsx-write.rs`). `public/xlsx-worker.js` loads it and answers
//! `store::xlsx::read` and `store::xlsx::read_docx`. It alone links calamine and the .docx reader.

#[cfg(target_arch = "wasm32")]
mod worker {
    use wasm_bindgen::prelude::*;

    /// The bytes of XLSX or XLS (Excel 97-2003) file `name` to the JSON of
    /// `Vec<dtbd_xlsx::Sheet>`; the error, in Vietnamese, names the file.
    #[wasm_bindgen]
    pub fn run(name: &str, bytes: &[u8]) -> Result<String, JsValue> {
        let sheets = dtbd_xlsx::read(name, bytes).map_err(|e| JsValue::from_str(&e))?;
        Ok(serde_json::to_string(&sheets).expect("sheets always serialise"))
    }

    /// The bytes of Word document `name` (.docx) to its text as Word's "copy all" gives it
    /// (`dtbd_xlsx::docx::text`); the error, in Vietnamese, names the file.
    #[wasm_bindgen]
    pub fn docx(name: &str, bytes: &[u8]) -> Result<String, JsValue> {
        dtbd_xlsx::docx::text(name, bytes).map_err(|e| JsValue::from_str(&e))
    }
}

fn main() {}
