//! `ke-hoach.html`: the plans bundle (kế hoạch, lớp học, cử đi học, kết quả, thống kê).
//! Loaded only when the officer opens it. See `ui::app::Bundle`.

#[cfg(target_arch = "wasm32")]
fn main() {
    dtbd::ui::start_plans();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dtbd runs in the browser: build it with `make run`.");
}
