//! Leptos components, one file per page. Thin: they read signals, call the domain, and
//! hand writes to `src/store`. No target, share or level rule is computed here.

mod app;
mod as_of;
mod bulk_edit;
mod busy;
mod cadre_form;
mod chart;
mod collate;
mod compare;
mod demo;
mod demo_script;
mod directive;
mod directive_editor;
mod directive_forms;
mod directive_outline;
mod directive_standards;
mod directives;
mod excel;
mod legacy_note;
mod monitor;
mod plans;
mod print;
mod progress;
mod quick_entry;
mod read_document;
mod records;
mod report_table;
mod roster;
mod share;
mod status;
mod submissions;
mod suggestions;
pub(crate) mod table_export;
mod units;
mod widgets;

use leptos::prelude::*;

use app::{Bundle, Route};

/// `index.html`: the roster list alone (the main bundle; see `Bundle::Roster`).
pub fn start_roster() {
    app::start(
        Bundle::Roster,
        |route| {
            Some(match route {
                Route::Roster => view! { <roster::RosterPage/> }.into_any(),
                _ => return None,
            })
        },
        app::no_directives,
    );
}

/// `can-bo.html`: the cadre form, the units and the bulk edit: what writes the roster; and
/// the roster list again, so the officer comes back to it without leaving the page.
pub fn start_cadres() {
    app::start(
        Bundle::Cadres,
        |route| {
            Some(match route {
                Route::Roster => view! { <roster::RosterPage bulk=bulk_edit::panel/> }.into_any(),
                Route::BulkEdit => view! { <roster::RosterPage bulk=bulk_edit::panel bulk_open=true/> }.into_any(),
                Route::NewCadre => view! { <cadre_form::CadreFormPage id=None/> }.into_any(),
                Route::EditCadre(id) => view! { <cadre_form::CadreFormPage id=Some(id.clone())/> }.into_any(),
                Route::Units => view! { <units::UnitsPage/> }.into_any(),
                _ => return None,
            })
        },
        app::no_directives,
    );
}

/// `van-ban.html`: directives, their scores, who to send, and the directive editor.
pub fn start_directives() {
    app::start(
        Bundle::Directives,
        |route| {
            Some(match route {
                Route::Directives => view! { <directives::DirectivesPage/> }.into_any(),
                Route::Directive(id) => view! { <directive::DirectivePage id=id.clone()/> }.into_any(),
                Route::Suggestions(id) => view! { <suggestions::SuggestionsPage id=id.clone()/> }.into_any(),
                Route::Status(id) => view! { <status::StatusPage id=id.clone()/> }.into_any(),
                Route::Progress(id) => view! { <progress::ProgressPage id=id.clone()/> }.into_any(),
                Route::Monitor(id) => view! { <monitor::MonitorPage id=id.clone()/> }.into_any(),
                Route::Compare { directive, subject, parent } => view! {
                    <compare::ComparePage id=directive.clone() subject=subject.clone() parent=parent.clone()/>
                }
                .into_any(),
                _ => return None,
            })
        },
        app::all_directives,
    );
}

/// `sua-van-ban.html`: the directive editor, a bundle of its own because its forms are
/// heavy and an officer opens it rarely (once per directive typed in or corrected).
pub fn start_editor() {
    app::start(
        Bundle::Editor,
        |route| {
            Some(match route {
                Route::EditDirective(id) => view! { <directive_editor::DirectiveEditorPage id=id.clone()/> }.into_any(),
                _ => return None,
            })
        },
        app::all_directives,
    );
}

/// `doc-van-ban.html`: Đọc văn bản, a directive's or a plan's text read into proposals to
/// review; its "Sửa" hands the draft to the editor's page.
pub fn start_reader() {
    app::start(
        Bundle::Reader,
        |route| {
            Some(match route {
                Route::ReadDocument => view! { <read_document::ReadDocumentPage/> }.into_any(),
                _ => return None,
            })
        },
        app::all_directives,
    );
}

/// `trao-doi.html`: export, import with preview and merge, backups. The snapshot code
/// (checksum, validation, merge) lives only in this bundle.
pub fn start_share() {
    app::start(
        Bundle::Share,
        |route| {
            Some(match route {
                Route::Share => view! { <share::SharePage/> }.into_any(),
                Route::Backups => view! { <share::BackupsPage/> }.into_any(),
                Route::Submissions => view! { <submissions::SubmissionsPage/> }.into_any(),
                _ => return None,
            })
        },
        app::all_directives,
    );
}

/// `ke-hoach.html`: plans, course lines, nominations and results, dispatch statistics. The
/// training operations live only here (and the record-based scoring in `van-ban.html`).
pub fn start_plans() {
    app::start(
        Bundle::Plans,
        |route| {
            Some(match route {
                Route::Plans => view! { <plans::PlansPage/> }.into_any(),
                Route::Plan(id) => view! { <plans::PlanPage id=id.clone()/> }.into_any(),
                Route::CourseLine(id) => view! { <plans::LinePage id=id.clone()/> }.into_any(),
                Route::PlanStats => view! { <plans::StatsPage/> }.into_any(),
                _ => return None,
            })
        },
        app::all_directives,
    );
}

/// `nhap-excel.html`: the roster to XLSX/CSV and a roster file in (mapping, level review, row
/// errors, preview, one transaction with undo), and nhập nhanh (cadres typed row after row,
/// read as the import reads a row). The XLSX code runs in the Excel worker.
pub fn start_excel() {
    app::start(
        Bundle::Excel,
        |route| {
            Some(match route {
                Route::Excel => view! { <excel::ExcelPage/> }.into_any(),
                Route::QuickEntry => view! { <quick_entry::QuickEntryPage/> }.into_any(),
                _ => return None,
            })
        },
        app::no_directives,
    );
}

/// `du-lieu-mau.html`: dữ liệu mẫu. The demo generator (rosters matching seeds 002 and 004,
/// the 2021 plan in progress) is linked here only.
pub fn start_demo() {
    app::start(
        Bundle::Demo,
        |route| {
            Some(match route {
                Route::Demo => view! { <demo::DemoPage/> }.into_any(),
                _ => return None,
            })
        },
        app::no_directives,
    );
}
