//! Văn bản chỉ đạo: the user's directives with their progress at a glance, and the built-in
//! templates (fetched on demand from `templates/`, never compiled into the bundle).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store;
use crate::ui::app::{mark, measure, AppState, Route};
use crate::ui::widgets::SaveRefused;
use dtbd_domain::directive::{parse_template_index, score_directive, Directive, RosterIndex, TemplateEntry};
use dtbd_view::directives::{directive_rows, template_row, DirectiveRow, TemplateRow};

/// Fetches one template and checks it with the domain.
async fn load_template(entry: &TemplateEntry) -> Result<Directive, String> {
    let text = store::fetch_text(&format!("templates/{}", entry.file)).await.map_err(|e| e.to_string())?;
    Directive::from_json(&text).map_err(|errors| {
        let first: Vec<String> = errors.into_iter().take(3).map(|e| e.message).collect();
        format!("Mẫu \"{}\" không hợp lệ: {}", entry.number, first.join(" "))
    })
}

#[component]
pub fn DirectivesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The catalogue of templates: none while it loads, then the list or why it failed.
    let templates: RwSignal<Option<Result<Vec<TemplateEntry>, String>>> = RwSignal::new(None);
    spawn_local(async move {
        let loaded = match store::fetch_text("templates/index.json").await {
            Ok(text) => parse_template_index(&text),
            Err(e) => Err(e.to_string()),
        };
        templates.set(Some(loaded));
    });
    let busy = RwSignal::new(false);

    let use_template = move |entry: TemplateEntry| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match load_template(&entry).await {
                Ok(t) => match state.save_directive(t.copy_as(store::new_id())).await {
                    Ok(saved) => {
                        state.say(format!("Đã thêm {} {} từ mẫu.", saved.kind.label(), saved.number));
                        state.go(Route::Directive(saved.id));
                    }
                    Err(SaveRefused::Invalid(errors)) if !errors.is_empty() => state.fail(errors[0].message.clone()),
                    Err(_) => {}
                },
                Err(msg) => state.fail(msg),
            }
            busy.set(false);
        });
    };

    // Progress at a glance: how many targets have each status, per directive.
    let summaries = Memo::new(move |_| {
        let today = store::today();
        state.roster.with(|r| {
            mark("dtbd:index-start");
            let idx = RosterIndex::build(r);
            mark("dtbd:index-end");
            measure("dtbd:index-roster", "dtbd:index-start", "dtbd:index-end");
            state.directives.with(|all| {
                mark("dtbd:score-start");
                let scores: Vec<_> =
                    all.iter().map(|d| score_directive(d, &idx, store::prefs::as_of(&d.id).unwrap_or(today))).collect();
                mark("dtbd:score-end");
                measure("dtbd:score-all", "dtbd:score-start", "dtbd:score-end");
                directive_rows(all, &scores, today)
            })
        })
    });

    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Văn bản chỉ đạo và chỉ tiêu"</h1>
                <div class="actions">
                    <a class="btn" href=Route::EditDirective("moi".into()).href()>"+ Nhập văn bản mới"</a>
                    <a class="btn" href=Route::ReadDocument.href()>"Đọc văn bản"</a>
                </div>
            </div>
            <h2>"Văn bản đang theo dõi"</h2>
            <Show
                when=move || summaries.with(|s| !s.is_empty())
                fallback=|| view! { <p class="empty">"Chưa có văn bản nào. Chọn một mẫu có sẵn bên dưới, hoặc nhập văn bản mới."</p> }
            >
                <ul class="directive-list">
                    {move || summaries.get().into_iter().map(|DirectiveRow { id, name, title, counts, as_of }| view! {
                        <li>
                            <a class="directive-row" href=Route::Directive(id).href()>
                                <span class="name">{name}</span>
                                <span class="sub">{title}</span>
                                {(!as_of.is_empty()).then(|| view! { <span class="sub">{as_of}</span> })}
                                <span class="chips">
                                    {counts.into_iter().map(|(s, n)| view! {
                                        <span class=format!("chip status-{}", s.code())>{format!("{}: {n}", s.label())}</span>
                                    }).collect_view()}
                                </span>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            </Show>

            <h2>"Mẫu có sẵn"</h2>
            <p class="hint">"Các văn bản mẫu đã được số hóa đầy đủ chỉ tiêu. Dùng mẫu sẽ tạo một bản sao để theo dõi và chỉnh sửa."</p>
            {move || match templates.get() {
                None => view! { <p role="status">"Đang tải danh mục mẫu…"</p> }.into_any(),
                Some(Err(msg)) => view! { <p class="field-error" role="alert">{msg}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="directive-list">
                        {list.into_iter().map(|entry| {
                            let TemplateRow { label, sub, button_label: aria } = template_row(&entry);
                            view! {
                                <li class="template-row">
                                    <div>
                                        <span class="name">{label}</span>
                                        <span class="sub">{sub}</span>
                                    </div>
                                    <button class="btn primary" aria-label=aria disabled=move || busy.get()
                                        on:click=move |_| use_template(entry.clone())>"Dùng mẫu"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}
