//! Fuzz target: a workbook picked on nhap-excel.html, through the Excel worker's reader
//! (`dtbd_xlsx::read`) and the sheet's pipeline (`tests/support/hostile_inputs.rs`), against a
//! small roster. Must never panic nor abort (a size claimed in the file is never trusted for
//! an allocation), and a refusal must say something.
#![no_main]

#[path = "../../tests/support/hostile_inputs.rs"]
mod hostile_inputs;

use std::sync::OnceLock;

use dtbd::domain::roster::Roster;
use libfuzzer_sys::fuzz_target;

fn roster() -> &'static Roster {
    static R: OnceLock<Roster> = OnceLock::new();
    R.get_or_init(hostile_inputs::sheet_roster)
}

fuzz_target!(|data: &[u8]| {
    let outcome = hostile_inputs::xlsx_door(roster())(data);
    assert!(!outcome.refused || outcome.messages.iter().any(|m| !m.trim().is_empty()), "a refusal without a message");
});
