//! Sổ theo dõi đào tạo, bồi dưỡng cán bộ: the web layer (the store and the Leptos pages).
//! See ARCHITECTURE.md for the crates below it and the invariants.

pub use dtbd_domain as domain;
pub use dtbd_view as view;
pub use dtbd_xlsx as xlsx;

#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
