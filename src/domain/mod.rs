//! The model and every computation. Pure Rust: no leptos, no web-sys, no IndexedDB.
//! Tested natively with `cargo test`.

pub mod directive;
pub mod demo;
pub mod demo_plan;
pub mod document;
pub mod levels;
pub mod listing;
pub mod model;
pub mod report;
pub mod roster;
pub mod snapshot;
pub mod table;
pub(crate) mod tagged;
pub mod text;
pub mod training;
