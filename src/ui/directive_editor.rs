//! Sửa văn bản: the header, the groups, and the section tree with its targets and needs.
//! Every change goes through the domain's editing operations on a draft; "Lưu" validates the
//! whole directive in the domain and writes it in one transaction.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store;
use dtbd_domain::directive::{Directive, DirectiveKind, Period};
use dtbd_domain::roster::FieldError;

use crate::ui::app::{AppState, Route};
use crate::ui::directive_outline::Panel;
use crate::ui::widgets::{code_select, date_input, error_for, error_summary, field, options, SaveRefused};

/// The id in the editor's URL that starts a new directive.
pub const NEW: &str = "moi";

thread_local! {
    /// The draft Đọc văn bản's "Sửa" handed over, and the form to open on it ("target:ID",
    /// "group:ID"), taken once when this page loads.
    static DRAFT: std::cell::OnceCell<Option<(Directive, Option<String>)>> = const { std::cell::OnceCell::new() };
}

/// The directive Đọc văn bản's "Sửa" opened the editor on, instead of a blank one. Taken from
/// the hand-over once per page and then kept: the shell may draw the editor's route more than
/// once (a signal it reads settles after the first draw), and a draft gone after the first
/// draw left the second a blank directive, which was then saved in its place.
fn pending_draft() -> Option<(Directive, Option<String>)> {
    DRAFT.with(|d| {
        d.get_or_init(|| {
            // Not `Directive::from_json`: a draft is handed over to be completed, and that
            // refuses what does not validate yet (a header left out), leaving a blank one.
            let draft = store::prefs::take_handed(store::prefs::Handed::Draft)
                .and_then(|json| serde_json::from_str::<Directive>(&json).ok());
            let open = store::prefs::take_handed(store::prefs::Handed::Open);
            draft.map(|d| (d, open))
        })
        .clone()
    })
}

/// The form "target:ID" or "group:ID" names on `draft`, when the draft holds it.
fn form_to_open(draft: &Directive, open: &str) -> Option<Panel> {
    match open.split_once(':')? {
        ("target", id) => Some(Panel::Target { item: draft.item_of_target(id)?.id.clone(), id: Some(id.to_string()) }),
        ("group", id) => draft.group(id).map(|_| Panel::Group { id: Some(id.to_string()) }),
        _ => None,
    }
}

#[component]
pub fn DirectiveEditorPage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    // "moi": a new directive, kept in memory until its first valid save; the draft of Đọc
    // văn bản's "Sửa" when it opened the editor.
    let handed = if id == NEW { pending_draft() } else { None };
    let open = handed.as_ref().and_then(|(d, open)| form_to_open(d, open.as_deref()?));
    let found = if id == NEW {
        Some(handed.map(|(d, _)| d).unwrap_or_else(|| Directive::blank(store::new_id(), DirectiveKind::Resolution)))
    } else {
        state.directives.with_untracked(|all| all.iter().find(|d| d.id == id).cloned())
    };
    let Some(existing) = found else {
        return view! { <crate::ui::widgets::NotFound what="văn bản" back=(Route::Directives, "Về danh sách văn bản")/> }
            .into_any();
    };
    let draft = RwSignal::new(existing);
    let errors: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        spawn_local(async move {
            match state.save_directive(d).await {
                Ok(saved) => {
                    errors.set(Vec::new());
                    state.say(dtbd_view::directives::saved_message(&saved, None));
                    state.go(Route::Directive(saved.id));
                }
                Err(SaveRefused::Invalid(e)) => errors.set(e),
                Err(SaveRefused::Reported) => errors.set(Vec::new()),
            }
        });
    };

    let text = move |id: &'static str, get: fn(&Directive) -> &String, set: fn(&mut Directive) -> &mut String| {
        view! {
            <input id=id type="text"
                prop:value=move || draft.with(|d| get(d).clone())
                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| *set(d) = v) } />
        }
    };
    let year = move |id: &'static str, get: fn(&Directive) -> Option<u16>, set: fn(&mut Directive, Option<u16>)| {
        view! {
            <input id=id type="text" inputmode="numeric" maxlength="4"
                prop:value=move || draft.with(|d| get(d).map(|y| y.to_string()).unwrap_or_default())
                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| set(d, v.trim().parse().ok())) } />
        }
    };
    let unit_options = move || {
        state.roster.with(|r| {
            dtbd_view::unit_choices::UnitChoices { first: Some(("", "(toàn bộ danh sách)")), ..Default::default() }
                .of(r)
        })
    };

    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Sửa văn bản"</h1>
                <a class="btn ghost" href=move || Route::Directive(draft.with(|d| d.id.clone())).href()>"Về văn bản"</a>
            </div>
            <form on:submit=save novalidate>
                {error_summary(errors, dtbd_view::form_fields::directive)}
                <fieldset>
                    <legend>"Thông tin văn bản"</legend>
                    <div class="grid">
                        {field("Loại văn bản", "d-kind", || None, code_select("d-kind",
                            options(DirectiveKind::ALL, DirectiveKind::code, DirectiveKind::label),
                            move || draft.with(|d| d.kind.code().to_string()),
                            move |v| draft.update(|d| if let Some(k) = DirectiveKind::from_code(&v) { d.kind = k })))}
                        {field("Số, ký hiệu", "d-number", error_for(errors, "number"), text("d-number", |d| &d.number, |d| &mut d.number))}
                        {field("Ngày ban hành", "d-date", error_for(errors, "date"), view! {
                            {date_input("d-date", move || draft.with(|d| d.date), move |date| draft.update(|d| d.date = date), true)}
                        })}
                        {field("Cơ quan ban hành", "d-issuer", error_for(errors, "issuer"), text("d-issuer", |d| &d.issuer, |d| &mut d.issuer))}
                        {field("Tập thể quyết định (nếu khác)", "d-authority", || None, text("d-authority", |d| &d.authority, |d| &mut d.authority))}
                        {field("Địa danh", "d-place", || None, text("d-place", |d| &d.place, |d| &mut d.place))}
                        {field("Giai đoạn từ năm", "d-from", error_for(errors, "period"), year("d-from",
                            |d| d.period.map(|p| p.from),
                            |d, y| d.period = match (y, d.period) { (Some(from), Some(p)) => Some(Period { from, to: p.to }), (Some(from), None) => Some(Period { from, to: from }), (None, _) => None }))}
                        {field("Đến năm", "d-to", || None, year("d-to",
                            |d| d.period.map(|p| p.to),
                            |d, y| if let (Some(to), Some(p)) = (y, d.period.as_mut()) { p.to = to }))}
                        {field("Phạm vi (lời văn)", "d-scope", || None, text("d-scope", |d| &d.scope, |d| &mut d.scope))}
                        {field("Chỉ tính cán bộ thuộc đơn vị", "d-scope-unit", error_for(errors, "scope_unit_id"), move || code_select("d-scope-unit",
                            unit_options(),
                            move || draft.with(|d| d.scope_unit_id.clone().unwrap_or_default()),
                            move |v| draft.update(|d| d.scope_unit_id = (!v.is_empty()).then_some(v))))}
                    </div>
                    {field("Trích yếu", "d-title", error_for(errors, "title"), view! {
                        <textarea id="d-title" rows="2"
                            prop:value=move || draft.with(|d| d.title.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.title = v) }></textarea>
                    })}
                </fieldset>
                <crate::ui::directive_standards::StandardsSection draft=draft/>
                <crate::ui::directive_outline::Outline draft=draft errors=errors open=open/>
                <div class="actions">
                    <button type="submit" class="btn primary">"Lưu văn bản"</button>
                    <a class="btn" href=move || Route::Directive(draft.with(|d| d.id.clone())).href()>"Hủy"</a>
                </div>
            </form>
        </section>
    }
    .into_any()
}
