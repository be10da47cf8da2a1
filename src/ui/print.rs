//! Phần đầu và chữ ký of every printed report: issuing unit on the left, motto on the right,
//! place and date, then (after the body) the signature block. The officer fills the fields once
//! (a form hidden on paper); they are remembered on this device.

use leptos::prelude::*;

use crate::store::{self, prefs};
use crate::ui::widgets::date_input;
use dtbd_domain::directive::Date;
use dtbd_domain::document::ReportHead;

const PREF: &str = "report_head";

/// The remembered head, or a blank one.
pub fn load_head() -> RwSignal<ReportHead> {
    let head = prefs::get(PREF).and_then(|s| serde_json::from_str::<ReportHead>(&s).ok()).unwrap_or_default();
    let signal = RwSignal::new(head);
    Effect::new(move |_| {
        if let Ok(s) = serde_json::to_string(&signal.get()) {
            prefs::set(PREF, &s);
        }
    });
    signal
}

fn text_field(
    head: RwSignal<ReportHead>,
    id: &'static str,
    label: &'static str,
    get: fn(&ReportHead) -> &String,
    set: fn(&mut ReportHead, String),
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="text" prop:value=move || head.with(|h| get(h).clone())
                on:change=move |ev| { let v = event_target_value(&ev); head.update(|h| set(h, v)) } />
        </div>
    }
}

/// The fields of the head and signature (not printed).
#[component]
pub fn ReportHeadForm(head: RwSignal<ReportHead>, date: RwSignal<Date>) -> impl IntoView {
    view! {
        <details class="no-print report-head-form">
            <summary>"Phần đầu, ngày tháng và chữ ký khi in"</summary>
            <div class="form-grid">
                {text_field(head, "rh-parent", "Cơ quan cấp trên", |h| &h.parent, |h, v| h.parent = v)}
                {text_field(head, "rh-issuer", "Cơ quan ban hành", |h| &h.issuer, |h, v| h.issuer = v)}
                {text_field(head, "rh-number", "Số, ký hiệu", |h| &h.number, |h, v| h.number = v)}
                {text_field(head, "rh-place", "Địa danh", |h| &h.place, |h, v| h.place = v)}
                <div class="field">
                    <label for="rh-date">"Ngày"</label>
                    {date_input("rh-date", move || Some(date.get()), move |d| if let Some(d) = d { date.set(d) }, false)}
                </div>
                {text_field(head, "rh-signer-title", "Chức vụ người ký (dùng \" / \" để xuống dòng)", |h| &h.signer_title, |h, v| h.signer_title = v)}
                {text_field(head, "rh-signer-name", "Họ tên người ký", |h| &h.signer_name, |h, v| h.signer_name = v)}
                {text_field(head, "rh-recipients", "Nơi nhận (cách nhau bởi \";\")", |h| &h.recipients, |h, v| h.recipients = v)}
            </div>
        </details>
    }
}

/// The official header block, place-date line and title.
#[component]
pub fn ReportHeader(
    head: RwSignal<ReportHead>,
    date: RwSignal<Date>,
    #[prop(into)] title: Signal<String>,
) -> impl IntoView {
    view! {
        <header class="doc-header report-head">
            <div class="doc-left">
                <p class="parent">{move || head.with(|h| h.parent.to_uppercase())}</p>
                <p class="issuer">{move || head.with(|h| h.issuer.to_uppercase())}</p>
                <p class="star">"*"</p>
                <p>{move || head.with(ReportHead::number_line)}</p>
            </div>
            <div class="doc-right">
                <p class="motto">{move || head.with(|h| h.motto().0)}</p>
                <p class="motto-sub">{move || head.with(|h| h.motto().1)}</p>
                <p class="place-date">{move || head.with(|h| h.place_date(date.get()))}</p>
            </div>
        </header>
        <h1 class="doc-kind report-title">{move || title.get()}</h1>
    }
}

/// Nơi nhận on the left, the signature block on the right.
#[component]
pub fn Signature(head: RwSignal<ReportHead>) -> impl IntoView {
    view! {
        <footer class="signature-block">
            <div class="recipients">
                <p class="label">"Nơi nhận:"</p>
                {move || head.with(|h| h.recipients.split(';').map(str::trim).filter(|r| !r.is_empty()).map(|r| view! { <p>{format!("- {r};")}</p> }).collect_view())}
                <p>"- Lưu."</p>
            </div>
            <div class="signer">
                {move || head.with(|h| h.signer_title.split(" / ").map(str::trim).filter(|t| !t.is_empty()).map(|t| view! { <p class="signer-title">{t.to_uppercase()}</p> }).collect_view())}
                <p class="signer-space"></p>
                <p class="signer-name">{move || head.with(|h| h.signer_name.clone())}</p>
            </div>
        </footer>
    }
}

/// Today, as the default date of a report.
pub fn today() -> RwSignal<Date> {
    RwSignal::new(store::today())
}
