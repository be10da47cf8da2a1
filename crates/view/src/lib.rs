//! The view-model layer: what each page, its printout and its CSV/XLSX show, as plain data
//! computed from domain values, and the form drafts pages edit. No browser crate: every
//! function here is tested natively. Components in the web crate bind signals to these
//! values and compute nothing themselves.
//!
//! One module per page or family of pages, in the order an officer meets them:
//! - [`roster`]: the roster's name order, search and unit filter, count line; [`bulk`]:
//!   sửa hàng loạt (the people chosen, the panel's inputs, the preview and the toasts);
//!   [`unit_choices`]: every unit `<select>`; [`stamp`]: versions a save writes;
//! - [`directives`]: the directives list; [`directive`]: one directive with its targets
//!   scored ([`scoring`]: scored with or without the training records); [`group_form`]: who
//!   a group rule takes while the editor's form is filled; [`standards`]: the directive's
//!   bảng tiêu chuẩn in the editor; [`suggestions`]:
//!   đề xuất cử đi học; [`status`]: thực trạng; [`progress`]: báo cáo tiến độ; [`monitor`]:
//!   so với mốc; [`compare`]: so sánh đơn vị, one target or group by child unit;
//!   [`reading`]: đọc văn bản, the review of a directive's text read into proposals;
//! - [`plans`]: plans, course lines, nominations and results, dispatch statistics;
//! - [`share`]: export, import preview and merge choices, backups; [`excel`]: the roster to
//!   and from Excel ([`legacy_text`]: a file's encoding and old-font text, converted);
//!   [`quick_entry`]: nhập nhanh, cadres typed row after row;
//!   [`table_export`]: what every "Tải Excel" / "Tải CSV" button writes; [`busy`]: the
//!   progress panel both import pages show while a file is read, checked and written;
//! - [`form_fields`]: the input each form's save error points at;
//! - [`demo_script`]: trình diễn, the demo's five steps from the roster to the printed report.

pub mod batch_import;
pub mod bulk;
pub mod busy;
pub mod compare;
pub mod demo_script;
pub mod directive;
pub mod directives;
pub mod excel;
pub mod form_fields;
pub mod group_form;
pub mod legacy_text;
pub mod monitor;
pub mod plans;
pub mod progress;
pub mod quick_entry;
pub mod reading;
pub mod roster;
pub mod scoring;
pub mod share;
pub mod stamp;
pub mod standards;
pub mod status;
pub mod submissions;
pub mod suggestions;
pub mod table_export;
pub mod unit_choices;

#[cfg(test)]
mod testing;
