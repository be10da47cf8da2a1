//! The view-model layer: what each page, its printout and its CSV/XLSX show, as plain data
//! computed from domain values, and the form drafts pages edit. No browser crate: every
//! function here is tested natively. Components in the web crate bind signals to these
//! values and compute nothing themselves.

pub mod directives;
pub mod plans;
pub mod directive;
pub mod share;
pub mod stamp;
pub mod table_export;
pub mod unit_choices;
pub mod suggestions;
pub mod status;
pub mod progress;
pub mod scoring;
pub mod roster;
#[cfg(test)]
mod testing;
