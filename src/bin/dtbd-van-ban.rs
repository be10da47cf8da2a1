//! `van-ban.html`: the directives bundle (văn bản, chỉ tiêu, đề xuất cử đi học, trình soạn).
//! Loaded only when the officer opens it. See `ui::app::Bundle`.

#[cfg(target_arch = "wasm32")]
fn main() {
    dtbd::ui::start_directives();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dtbd runs in the browser: build it with `make run`.");
}
