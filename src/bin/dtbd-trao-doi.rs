//! `trao-doi.html`: the share bundle (xuất, nhập, bản sao lưu): snapshots by email.
//! Loaded only when the officer opens it. See `ui::app::Bundle`.

#[cfg(target_arch = "wasm32")]
fn main() {
    dtbd::ui::start_share();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dtbd runs in the browser: build it with `make run`.");
}
