//! Trình diễn: "Bắt đầu trình diễn" on the demo banner, then a small bar fixed at the bottom of
//! every page with the step's caption and one button to the next step, across the separate
//! pages (`dtbd_view::demo_script` holds the steps). The step is kept in localStorage, so the
//! page each tap loads knows where the script stands.

use leptos::prelude::*;

use crate::store;
use crate::ui::app::{AppState, Route};
use dtbd_view::demo_script::{step_bar, Place, STEPS};

fn route(place: Place) -> Route {
    match place {
        Place::Roster => Route::Roster,
        Place::Directive(id) => Route::Directive(id.into()),
        Place::Suggestions(id) => Route::Suggestions(id.into()),
        Place::Plan(id) => Route::Plan(id.into()),
        Place::Progress(id) => Route::Progress(id.into()),
    }
}

/// Shows step `index`: keeps it, then opens its page (loading that page's bundle if another
/// owns it); the bar of a page already open follows `step`.
fn show(state: AppState, step: RwSignal<Option<usize>>, index: usize) {
    store::demo::set_script_step(Some(index));
    step.set(Some(index));
    state.go(route(STEPS[index].place));
}

/// The start button (on the demo banner) and, while the script runs, the step bar.
#[component]
pub fn DemoScript() -> impl IntoView {
    let state = expect_context::<AppState>();
    let step = RwSignal::new(store::demo::script_step());
    let end = move || {
        store::demo::set_script_step(None);
        step.set(None);
    };
    view! {
        {move || step.get().is_none().then(|| view! {
            <button class="btn small primary" on:click=move |_| show(state, step, 0)>"Bắt đầu trình diễn"</button>
        })}
        {move || step.get().and_then(step_bar).map(|bar| {
            let next = bar.next;
            view! {
                <div class="script-bar no-print" role="region" aria-label="Trình diễn">
                    <p class="script-caption"><strong>{bar.counter}</strong>" "{bar.caption}</p>
                    {bar.prints.then(|| view! {
                        <button class="btn small" on:click=|_| { let _ = web_sys::window().map(|w| w.print()); }>"In báo cáo"</button>
                    })}
                    <button class="btn small primary" on:click=move |_| match next {
                        Some(index) => show(state, step, index),
                        None => end(),
                    }>{bar.next_label}</button>
                    {next.is_some().then(|| view! {
                        <button class="btn small ghost" aria-label="Dừng trình diễn" on:click=move |_| end()>"✕"</button>
                    })}
                </div>
            }
        })}
    }
}
