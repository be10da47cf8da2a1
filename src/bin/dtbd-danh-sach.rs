//! `index.html`: the roster list, the main bundle. See `ui::app::Bundle`.

#[cfg(target_arch = "wasm32")]
fn main() {
    dtbd::ui::start_roster();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dtbd-danh-sach runs in the browser: build it with `make run`.");
}
