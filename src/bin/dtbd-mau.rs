//! `du-lieu-mau.html`: dữ liệu mẫu: generates the demo dataset and loads it into the demo's
//! own database, then opens it in `van-ban.html`. See `ui::app::Bundle`.

#[cfg(target_arch = "wasm32")]
fn main() {
    dtbd::ui::start_demo();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dtbd runs in the browser: build it with `make run`.");
}
