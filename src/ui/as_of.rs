//! Tính đến ngày: the date a directive's progress views (its page, its progress report, its
//! monitoring) score at. Today unless the officer typed another date, which is remembered for
//! that directive (`store::prefs::as_of`); the demo sets each of its documents' dates there.
//! Typed day first in the app's one date field (`widgets::date_input`).

use leptos::prelude::*;

use crate::store::{self, prefs};
use crate::ui::widgets::date_input;
use dtbd_domain::directive::Date;
use dtbd_view::scoring::as_of_kept;

/// The date a directive's progress views open at: the remembered one, else today.
pub fn as_of(directive_id: &str) -> RwSignal<Date> {
    RwSignal::new(prefs::as_of(directive_id).unwrap_or_else(store::today))
}

/// The "Tính đến ngày" field: a date typed and confirmed (Enter or leaving the field) sets
/// `date` and is remembered; "Hôm nay" goes back to the calendar's date.
#[component]
pub fn AsOfField(directive_id: String, date: RwSignal<Date>) -> impl IntoView {
    let today = store::today();
    let id = StoredValue::new(directive_id);
    let apply = move |at: Date| {
        id.with_value(|id| prefs::set_as_of(id, as_of_kept(at, today)));
        date.set(at);
    };
    view! {
        <div class="as-of no-print">
            <label for="as-of">"Tính đến ngày"</label>
            {date_input("as-of", move || Some(date.get()), move |at| at.into_iter().for_each(apply), false)}
            {move || (date.get() != today).then(|| view! {
                <button class="btn small" on:click=move |_| apply(today)>"Hôm nay"</button>
            })}
        </div>
    }
}
