use leptos::prelude::*;
use crate::domain::directive::Directive;
use crate::domain::roster::FieldError;
#[component]
pub fn Outline(draft: RwSignal<Directive>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let _ = (draft, errors);
}
