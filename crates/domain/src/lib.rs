//! The model and every computation. Pure Rust: no leptos, no web-sys, no IndexedDB.
//! Tested natively with `cargo test`.
//!
//! The modules are a stack of layers, listed here in reading order, lowest layer first. A
//! module may use modules of its own layer or of an earlier one, never of a later one, and no
//! two modules may use each other, even through others: `tests/layers.rs` checks both.
//!
//! **Base**: what every rule stands on.
//! - [`text`]: diacritic-insensitive folding for search and Vietnamese name order, because
//!   officers type "nguyen van duc" for "Nguyễn Văn Đức".
//! - [`number`]: half-up rounding in exact integers and Vietnamese number text ("33,3%",
//!   "11.147.406.000", "07 đồng chí", "đạt 97% so với mục tiêu"), so every page, report and
//!   export writes a figure the same way.
//! - [`date`]: the calendar date and its day arithmetic, for deadlines, straight paths and
//!   spreadsheet date serials.
//! - [`error`]: `FieldError` (field + Vietnamese message), the one shape every validation
//!   returns, serde's messages in Vietnamese for a file that does not read, and the keys a
//!   file holds that its format does not (refused on the files that come in).
//! - [`limits`]: giới hạn, how much of anything a file or a form may hold, in one place, so
//!   no input freezes a page, exhausts its memory or wraps a number.
//! - [`tagged`]: `coded_enum!`, the one way to declare an enum of stable codes, and the
//!   hand-written `Deserialize` of tagged enums, to keep stored codes fixed and wasm small.
//! - [`levels`]: the ordered qualification scales and a person's standing on one, the
//!   vocabulary every target speaks.
//! - [`model`]: units, cadres and their parts, the records the officer keeps.
//! - [`field_merge`]: two versions of one record combined field by field (stamps of who
//!   changed what), so two officers' corrections of different fields both survive.
//! - [`roster`]: the rules across those records (validation, save with version, delete to a
//!   tombstone, restore, the unit tree, search), so a form and an import refuse the same things.
//! - [`table`]: `Table`/`Cell`, the one shape every exported report takes, and its CSV.
//! - [`listing`]: which rows of a long list to draw, so 30.000 cadres cost what 20 do.
//! - [`document`]: official-document conventions (motto, report head) for printouts.
//! - [`legacy_font`]: Vietnamese typed in the old font encodings (TCVN3, VNI) found in
//!   spreadsheets, detected per sheet and converted to Unicode.
//! - [`encoding`]: a CSV file's bytes to text (UTF-8, UTF-16, Windows-1258, an old font's
//!   bytes), and a workbook told by its first bytes.
//! - [`inflate`]: a gzip file inflated a step at a time through a budget of output bytes, so
//!   a small "gzip bomb" stops at the limit instead of filling the memory.
//!
//! **Directive**: the documents the officer answers to.
//! - [`directive`]: văn bản chỉ đạo as data (groups, targets, needs) and the engine that
//!   scores every target against the roster at a date and says who to send next.
//!
//! **Reports, training, monitoring**: what the scores turn into.
//! - [`report`]: thực trạng of a group and its paragraph in the documents' wording.
//! - [`tables`]: every report as a `Table`, so pages, CSV and XLSX show the same cells.
//! - [`progress`]: báo cáo tiến độ, every target with value, status and gap.
//! - [`chart`]: chart geometry in SVG units, drawn by the pages without a chart library.
//! - [`compare`]: so sánh đơn vị, a target, need or group figured for each child unit.
//! - [`training`]: plans, course lines, enrollments and history, and the record-based targets
//!   they feed.
//! - [`monitor`]: mốc số liệu (baselines) and the changes and quota lines measured against
//!   them.
//!
//! **Exchange**: data leaving and entering the device.
//! - [`snapshot`]: the JSON snapshot exchanged by email: checksum, migrations, validation
//!   before any write, preview and merge.
//! - [`envelope`]: the encrypted snapshot file's envelope and passphrase rules.
//! - [`roster_import`]: the roster from Excel/CSV (column guesses, level review, row errors,
//!   preview) and back out as a `Table`.
//!
//! **Edits**: one change made to many records at once.
//! - [`bulk`]: sửa hàng loạt, one change (unit, đối tượng, ủy viên, chức vụ, a level, đang
//!   học) applied to the cadres chosen, validated as a form save is, and its undo.
//!
//! **Demo**: generated data, never the user's.
//! - [`fixtures`]: a seeded roster of any size, for benches and tests.
//! - [`demo`]: seeded rosters that reproduce the seed documents' figures.
//! - [`demo_plan`]: dữ liệu mẫu, the whole demo dataset built with the app's own operations.

// Base (the modules of each layer in alphabetical order; the reading order is above).
pub mod date;
pub mod document;
pub mod encoding;
pub mod error;
pub mod field_merge;
pub mod inflate;
pub mod legacy_font;
pub mod levels;
pub mod limits;
pub mod listing;
pub mod model;
pub mod number;
pub mod roster;
pub mod table;
pub(crate) mod tagged;
pub mod text;

// Directive.
pub mod directive;

// Reports, training, monitoring.
pub mod chart;
pub mod compare;
pub mod monitor;
pub mod progress;
pub mod report;
pub mod tables;
pub mod training;

// Exchange.
pub mod envelope;
pub mod roster_import;
pub mod snapshot;

// Edits.
pub mod bulk;

// Demo.
pub mod demo;
pub mod demo_plan;
pub mod fixtures;
