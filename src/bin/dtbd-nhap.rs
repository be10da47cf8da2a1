//! `nhap-excel.html`: the Excel/CSV bundle: import a roster from XLSX or CSV with column
//! mapping, level review, row errors and preview; export the roster as XLSX or CSV. The Excel
//! code itself runs in the worker (`store::xlsx`). See `ui::app::Bundle`.

#[cfg(target_arch = "wasm32")]
fn main() {
    dtbd::ui::start_excel();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dtbd runs in the browser: build it with `make run`.");
}
