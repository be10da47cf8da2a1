//! Dữ liệu mẫu: which database every page opens. The demo lives in a database of its own
//! ([`DEMO_DB_NAME`](super::DEMO_DB_NAME)), chosen at open time by a localStorage flag that
//! every bundle reads, so the user's data is never touched or mixed with it.

use super::prefs;
use gloo_storage::{LocalStorage, Storage};

const FLAG: &str = "demo";

/// True while the pages show the demo.
pub fn active() -> bool {
    prefs::get(FLAG).as_deref() == Some("1")
}

/// Switches to the demo database (takes effect at the next page load).
pub fn enter() {
    forget_filters();
    prefs::set(FLAG, "1");
}

/// Back to the user's database (at the next page load).
pub fn leave() {
    forget_filters();
    set_script_step(None);
    LocalStorage::delete(format!("dtbd.{FLAG}"));
}

const SCRIPT_STEP: &str = "demo.script_step";

/// The step of the demo script (trình diễn) shown now, kept across the page loads between its
/// steps' pages; none when the script is not running.
pub fn script_step() -> Option<usize> {
    prefs::get(SCRIPT_STEP).and_then(|kept| dtbd_view::demo_script::parse_step(&kept))
}

/// Sets [`script_step`]; `None` ends the script.
pub fn set_script_step(step: Option<usize>) {
    match step {
        Some(step) => prefs::set(SCRIPT_STEP, &step.to_string()),
        None => LocalStorage::delete(format!("dtbd.{SCRIPT_STEP}")),
    }
}

/// The roster's remembered search and unit filter name the other database's records.
fn forget_filters() {
    for key in ["roster.query", "roster.unit"] {
        LocalStorage::delete(format!("dtbd.{key}"));
    }
}

/// The database the pages open now.
pub fn db_name() -> &'static str {
    if active() {
        super::DEMO_DB_NAME
    } else {
        super::DB_NAME
    }
}
