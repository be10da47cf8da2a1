//! The model and every computation. Pure Rust: no leptos, no web-sys, no IndexedDB.
//! Tested natively with `cargo test`.

pub mod chart;
pub mod demo;
pub mod demo_plan;
pub mod directive;
pub mod document;
pub mod envelope;
pub mod error;
pub mod levels;
pub mod listing;
pub mod model;
pub mod monitor;
pub mod number;
pub mod progress;
pub mod report;
pub mod roster;
pub mod roster_import;
pub mod snapshot;
pub mod table;
pub mod tables;
pub(crate) mod tagged;
pub mod text;
pub mod training;
