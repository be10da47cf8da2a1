//! Small form pieces shared by the pages.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::app::Route;
use dtbd_domain::date::Date;
use dtbd_domain::roster::FieldError;

/// "Không tìm thấy …": the page shown for a record that is not (or no longer) there, with an
/// optional line saying why and a link back.
#[component]
pub fn NotFound(
    /// What was looked for ("văn bản", "cán bộ").
    what: &'static str,
    #[prop(optional)] note: Option<&'static str>,
    /// Where to go instead, and the link's text.
    #[prop(optional)]
    back: Option<(Route, &'static str)>,
) -> impl IntoView {
    view! {
        <section class="page">
            <h1>{format!("Không tìm thấy {what}")}</h1>
            {note.map(|n| view! { <p>{n}</p> })}
            {back.map(|(to, label)| view! { <a class="btn" href=to.href()>{label}</a> })}
        </section>
    }
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveRefused {
    /// The domain refused the record: each problem names its field, for the form to show.
    Invalid(Vec<FieldError>),
    /// The store failed to write it, and the error toast already says so.
    Reported,
}

/// The error message for `field`, if the last save attempt found one.
pub fn error_for(
    errors: RwSignal<Vec<FieldError>>,
    field: impl Into<String>,
) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
    let field: String = field.into();
    move || errors.with(|e| dtbd_domain::error::message_for(e, &field))
}

/// A select over `(code, label)` options; `current` gives the selected code and
/// `on_pick` receives the picked code. The select's `value` property follows `current`: an
/// option's `selected` attribute only sets what a select shows until the user has picked
/// once, so a form reset or another record opened would show the last pick while saving
/// the draft's value. The attribute stays for the first render, before the options exist.
pub fn code_select(
    id: impl Into<String>,
    options: Vec<(String, String)>,
    current: impl Fn() -> String + Copy + Send + Sync + 'static,
    on_pick: impl Fn(String) + Copy + 'static,
) -> impl IntoView {
    view! {
        <select id=id.into() prop:value=current on:change=move |ev| on_pick(event_target_value(&ev))>
            {options
                .into_iter()
                .map(|(code, label)| {
                    let c = code.clone();
                    view! { <option value=code selected=move || current() == c>{label}</option> }
                })
                .collect_view()}
        </select>
    }
}

/// A labelled block around one input, with its error under it.
pub fn field(
    label: &'static str,
    for_id: impl Into<String>,
    error: impl Fn() -> Option<String> + Clone + Send + Sync + 'static,
    input: impl IntoView,
) -> impl IntoView {
    let invalid = error.clone();
    view! {
        <div class="field" class:invalid=move || invalid().is_some()>
            <label for=for_id.into()>{label}</label>
            {input}
            {move || error().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </div>
    }
}

/// Options list of a labelled enum: `(code, label)` pairs.
pub fn options<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter().map(|v| (code(*v).to_string(), label(*v).to_string())).collect()
}

/// Moves the focus to the element `id`, scrolled to the middle of the screen (an input an
/// error names, the next cell of a table being typed in).
/// Whether the element was there to take the focus.
pub fn focus_element(id: &str) -> bool {
    match web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        Some(element) => {
            reveal(element);
            true
        }
        None => false,
    }
}

/// Scrolls the first element `selector` matches to the top of the screen: what an action
/// just drew below the fold (Đọc văn bản's review under its paste box).
pub fn bring_to_top(selector: &str) {
    let found = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(element) = found {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Start);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Scrolls `element` to the middle of the screen and gives it the focus.
fn reveal(element: web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// The list of problems at the top of a form after a refused save. The officer taps "Lưu"
/// at the bottom of a form as tall as three screens: when a save is refused the list scrolls
/// into view and takes focus, and each input an error names (`element_of` gives its id, see
/// `dtbd_view::form_fields`) is marked `aria-invalid` with the `input-invalid` class; each
/// listed problem with an input jumps to it. Every form that shows save errors uses this.
pub fn error_summary(errors: RwSignal<Vec<FieldError>>, element_of: fn(&str) -> Option<String>) -> impl IntoView {
    let anchor = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |marked: Option<Vec<String>>| {
        let ids: Vec<String> = errors.with(|e| e.iter().filter_map(|e| element_of(&e.field)).collect());
        let refused = errors.with(|e| !e.is_empty());
        let now = ids.clone();
        // After the list and the fields' own messages are drawn.
        request_animation_frame(move || {
            let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
            for id in marked.iter().flatten().filter(|id| !now.contains(id)) {
                if let Some(input) = document.get_element_by_id(id) {
                    let _ = input.remove_attribute("aria-invalid");
                    let _ = input.class_list().remove_1("input-invalid");
                }
            }
            for id in &now {
                if let Some(input) = document.get_element_by_id(id) {
                    let _ = input.set_attribute("aria-invalid", "true");
                    let _ = input.class_list().add_1("input-invalid");
                }
            }
            let summary = anchor.get_untracked().and_then(|a| a.first_element_child());
            if let (true, Some(summary)) = (refused, summary) {
                reveal(summary);
            }
        });
        ids
    });
    let jump = |id: String| {
        focus_element(&id);
    };
    view! {
        <div class="form-errors" node_ref=anchor>
            {move || {
                let e = errors.get();
                (!e.is_empty()).then(|| {
                    view! {
                        <div class="error-summary" role="alert" tabindex="-1">
                            <p>"Chưa lưu. Hãy sửa các mục sau:"</p>
                            <ul>{e.into_iter().map(|e| match element_of(&e.field) {
                                Some(id) => view! {
                                    <li><button type="button" class="link-button" on:click=move |_| jump(id.clone())>{e.message}</button></li>
                                }.into_any(),
                                None => view! { <li>{e.message}</li> }.into_any(),
                            }).collect_view()}</ul>
                        </div>
                    }
                })
            }}
        </div>
    }
}

/// After a refused save because another tab saved the record first (see
/// `domain::roster::CONFLICT_FIELD`): load the stored version, or overwrite it knowingly.
pub fn conflict_actions(
    errors: RwSignal<Vec<FieldError>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
    overwrite: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        errors.with(|e| e.iter().any(|e| e.field == dtbd_domain::roster::CONFLICT_FIELD)).then(|| view! {
            <div class="row-actions conflict-actions" role="group" aria-label="Xung đột phiên bản">
                <button type="button" class="btn" on:click=move |_| reload()>"Tải bản đang lưu"</button>
                <button type="button" class="btn danger" on:click=move |_| overwrite()>"Ghi đè bằng bản của tôi"</button>
            </div>
        })
    }
}

/// The app's one date input: a text field typed day first (dd/mm/yyyy, `Date::parse_vi`),
/// never `<input type=date>`, whose picker and display follow the browser's language (month
/// first in an English browser). `value` gives the date shown; `on_date` receives each date
/// read when the officer leaves the field or presses Enter (`None` when emptied and
/// `optional`); a text that is not a date stays in the field with the reason under it.
pub fn date_input(
    id: impl Into<String>,
    value: impl Fn() -> Option<Date> + Copy + Send + Sync + 'static,
    on_date: impl Fn(Option<Date>) + Copy + Send + Sync + 'static,
    optional: bool,
) -> impl IntoView {
    let id: String = id.into();
    let error_id = format!("{id}-date-error");
    let shown = move || value().map(Date::short_vi).unwrap_or_default();
    let typed = RwSignal::new(shown());
    let error = RwSignal::new(None::<String>);
    // A date set elsewhere (a form reset, "Hôm nay", another record) replaces what was typed.
    Effect::new(move |_| {
        typed.set(shown());
        error.set(None);
    });
    let read = move |text: String| {
        if optional && text.trim().is_empty() {
            error.set(None);
            return on_date(None);
        }
        match Date::parse_vi(&text) {
            Ok(date) => {
                error.set(None);
                typed.set(date.short_vi());
                on_date(Some(date));
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let described = error_id.clone();
    view! {
        <input id=id type="text" class="date-input" inputmode="numeric" autocomplete="off" placeholder="ngày/tháng/năm"
            aria-invalid=move || error.with(Option::is_some).then_some("true")
            aria-describedby=move || error.with(Option::is_some).then(|| described.clone())
            prop:value=move || typed.get()
            on:input=move |ev| typed.set(event_target_value(&ev))
            on:change=move |ev| read(event_target_value(&ev))/>
        {move || error.get().map(|m| view! { <p id=error_id.clone() class="field-error" role="alert">{m}</p> })}
    }
}

/// The app's one file picker: a button-styled `<label>` around a hidden `<input type=file>`
/// and the chosen file's name beside it ("Chưa chọn tệp" before), so no browser's own "Choose
/// File" / "No file chosen" reaches the screen. `on_pick` receives the change event, as the
/// input's own handler would; the label's text says what to pick.
pub fn file_button(
    id: &'static str,
    label: &'static str,
    accept: &'static str,
    on_pick: impl Fn(leptos::ev::Event) + 'static,
) -> impl IntoView {
    picker(id, label, accept, false, on_pick)
}

/// [`file_button`] picking any number of files at once; beside it, the one name or "20 tệp
/// (xa-a.json, …)".
pub fn files_button(
    id: &'static str,
    label: &'static str,
    accept: &'static str,
    on_pick: impl Fn(leptos::ev::Event) + 'static,
) -> impl IntoView {
    picker(id, label, accept, true, on_pick)
}

fn picker(
    id: &'static str,
    label: &'static str,
    accept: &'static str,
    multiple: bool,
    on_pick: impl Fn(leptos::ev::Event) + 'static,
) -> impl IntoView {
    let chosen = RwSignal::new(Vec::<String>::new());
    let pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let names =
            input.files().map(|files| (0..files.length()).filter_map(|i| files.get(i)).map(|f| f.name()).collect());
        chosen.set(names.unwrap_or_default());
        on_pick(ev);
    };
    view! {
        <span class="file-button">
            <input id=id class="file-input" type="file" accept=accept multiple=multiple on:change=pick/>
            <label class="btn" for=id>{label}</label>
            <span class="file-chosen" aria-live="polite">{move || chosen.with(|names| dtbd_view::batch_import::chosen_files(names))}</span>
        </span>
    }
}
