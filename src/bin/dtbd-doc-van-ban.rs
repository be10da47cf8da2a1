//! `doc-van-ban.html`: Đọc văn bản, the reader and its review. Loaded only when the officer
//! reads a directive's text. See `ui::app::Bundle`.

#[cfg(target_arch = "wasm32")]
fn main() {
    dtbd::ui::start_reader();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dtbd runs in the browser: build it with `make run`.");
}
