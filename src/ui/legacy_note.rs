//! The notes under a file read by the Excel import page: the CSV's encoding, and the old font
//! (TCVN3, VNI) its text was converted from, with "Giữ nguyên" to import the text exactly as
//! it is in the file and "Chuyển sang Unicode" to convert it again. What they say is
//! `dtbd_view::legacy_text`'s; the page swaps the sheets it shows.

use std::sync::Arc;

use leptos::prelude::*;

use dtbd_view::legacy_text::{self as vm, LegacyText};
use dtbd_xlsx::Sheet;

/// How a file's text was read, and the other version of its sheets.
#[derive(Clone, Default)]
pub(crate) struct TextNote {
    /// "Tệp CSV bảng mã …", when not UTF-8.
    encoding: Option<String>,
    /// The old font's text: both versions of the sheets, and which one is shown.
    legacy: Option<Arc<Versions>>,
    kept: bool,
}

struct Versions {
    note: String,
    kept_note: String,
    original: Arc<Vec<Sheet>>,
    converted: Arc<Vec<Sheet>>,
}

impl TextNote {
    /// The sheets to show (converted, when some were in an old font) and their note.
    pub(crate) fn new(
        sheets: Vec<Sheet>,
        encoding: Option<String>,
        legacy: Option<LegacyText>,
    ) -> (Arc<Vec<Sheet>>, TextNote) {
        let Some(legacy) = legacy else {
            return (Arc::new(sheets), TextNote { encoding, legacy: None, kept: false });
        };
        let converted: Vec<Sheet> = sheets
            .iter()
            .zip(&legacy.sheets)
            .map(|(s, rows)| Sheet { name: s.name.clone(), rows: rows.clone().unwrap_or_else(|| s.rows.clone()) })
            .collect();
        let converted = Arc::new(converted);
        let versions =
            Versions { note: legacy.note(), kept_note: legacy.kept_note(), original: Arc::new(sheets), converted };
        (versions.converted.clone(), TextNote { encoding, legacy: Some(Arc::new(versions)), kept: false })
    }

    /// The other version: the sheets as in the file, or converted again.
    pub(crate) fn switched(&self) -> Option<(Arc<Vec<Sheet>>, TextNote)> {
        let v = self.legacy.as_ref()?;
        let kept = !self.kept;
        let sheets = if kept { v.original.clone() } else { v.converted.clone() };
        Some((sheets, TextNote { kept, ..self.clone() }))
    }
}

/// The notes, and the button that switches between the file's text and the converted one.
#[component]
pub(crate) fn TextNotes(note: TextNote, switch: impl Fn() + Copy + Send + 'static) -> impl IntoView {
    let legacy = note.legacy.as_ref().map(|v| {
        let (text, label) = if note.kept { (v.kept_note.clone(), vm::CONVERT) } else { (v.note.clone(), vm::KEEP) };
        view! {
            <p class="hint legacy-note" role="status">{text}" "
                <button type="button" class="btn" on:click=move |_| switch()>{label}</button>
            </p>
        }
    });
    view! {
        {note.encoding.map(|e| view! { <p class="hint" role="status">{e}</p> })}
        {legacy}
    }
}
