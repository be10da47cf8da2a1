//! Entry point: mounts the app in the browser. Natively there is nothing to run.

#[cfg(target_arch = "wasm32")]
fn main() {
    dtbd::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dtbd runs in the browser: build it with `make run`.");
}
