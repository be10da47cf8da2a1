//! `can-bo.html`: the cadre form, the units and the bulk edit. See `ui::app::Bundle::Cadres`.

#[cfg(target_arch = "wasm32")]
fn main() {
    dtbd::ui::start_cadres();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dtbd-can-bo runs in the browser: build it with `make run`.");
}
