//! Fuzz target: a `.csv` picked on nhap-excel.html, through the functions the page calls
//! (`legacy_text::read_csv`, then the sheet's pipeline: header, mapping, reviews, units,
//! preview; `tests/support/hostile_inputs.rs`), against a small roster. Must never panic,
//! and a refusal must say something.
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
    let outcome = hostile_inputs::csv_door(roster())(data);
    assert!(!outcome.refused || outcome.messages.iter().any(|m| !m.trim().is_empty()), "a refusal without a message");
});
