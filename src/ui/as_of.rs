//! Tính đến ngày: the date a directive's progress views (its page, its progress report, its
//! monitoring) score at. Today unless the officer typed another date, which is remembered for
//! that directive (`store::prefs::as_of`); the demo sets each of its documents' dates there.
//! A text field typed day first (dd/mm/yyyy): a date input would follow the browser's language.

use leptos::prelude::*;

use crate::store::{self, prefs};
use dtbd_domain::directive::Date;
use dtbd_view::scoring::read_as_of;

/// The date a directive's progress views open at: the remembered one, else today.
pub fn as_of(directive_id: &str) -> RwSignal<Date> {
    RwSignal::new(prefs::as_of(directive_id).unwrap_or_else(store::today))
}

/// The "Tính đến ngày" field: a date typed and confirmed (Enter or leaving the field) sets
/// `date` and is remembered; "Hôm nay" goes back to the calendar's date.
#[component]
pub fn AsOfField(directive_id: String, date: RwSignal<Date>) -> impl IntoView {
    let today = store::today();
    let typed = RwSignal::new(date.get_untracked().short_vi());
    let error = RwSignal::new(None::<String>);
    let id = StoredValue::new(directive_id);
    let apply = move |text: String| match read_as_of(&text, today) {
        Ok(at) => {
            id.with_value(|id| prefs::set_as_of(id, at));
            let at = at.unwrap_or(today);
            date.set(at);
            typed.set(at.short_vi());
            error.set(None);
        }
        Err(message) => error.set(Some(message)),
    };
    view! {
        <div class="as-of no-print">
            <label for="as-of">"Tính đến ngày"</label>
            <input id="as-of" type="text" autocomplete="off" placeholder="ngày/tháng/năm" size="10"
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || error.with(Option::is_some).then_some("as-of-error")
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev))
                on:change=move |ev| apply(event_target_value(&ev))/>
            {move || (date.get() != today).then(|| view! {
                <button class="btn small" on:click=move |_| apply(today.short_vi())>"Hôm nay"</button>
            })}
            {move || error.get().map(|m| view! { <p id="as-of-error" class="field-error" role="alert">{m}</p> })}
        </div>
    }
}
