//! Leptos components, one file per page. Thin: they read signals, call the domain, and
//! hand writes to `src/store`. No target, share or level rule is computed here.

mod app;
mod cadre_form;
mod collate;
mod roster;
mod units;
mod widgets;

pub use app::start;
