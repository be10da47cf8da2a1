//! Sổ theo dõi đào tạo, bồi dưỡng cán bộ: see ARCHITECTURE.md for the map.

pub mod domain;
pub mod xlsx;

#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
