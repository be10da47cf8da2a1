//! Dữ liệu mẫu: loads the demo into its own database (never the user's) and opens it on the
//! Hoàng Su Phì status page. A bundle of its own (`du-lieu-mau.html`): the generator is used
//! once per demo and would weigh on every other bundle.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store::{self, prefs};
use crate::ui::app::{db, enter_demo, reload_at, Route};
use dtbd_domain::demo_plan::{demo_dataset, demo_roster, reading_date, DEMO_DIRECTIVE, DEMO_PLAN, DEMO_TEMPLATES};
use dtbd_domain::directive::Directive;
use dtbd_domain::training::load_plan_file;

async fn build() -> Result<dtbd_domain::snapshot::Dataset, String> {
    let mut directives: Vec<Directive> = Vec::new();
    for f in DEMO_TEMPLATES {
        let text = store::fetch_text(&format!("templates/{f}")).await.map_err(|e| e.to_string())?;
        let d = Directive::from_json(&text)
            .map_err(|e| format!("Mẫu {f} không hợp lệ: {}", e.first().map(|x| x.message.as_str()).unwrap_or("")))?;
        directives.push(d);
    }
    let text = store::fetch_text(&format!("plans/{DEMO_PLAN}")).await.map_err(|e| e.to_string())?;
    let plan = load_plan_file(&text)
        .map_err(|e| format!("Kế hoạch mẫu không hợp lệ: {}", e.first().map(|x| x.message.as_str()).unwrap_or("")))?;
    let roster = demo_roster();
    Ok(demo_dataset(roster, directives, &plan))
}

#[component]
pub fn DemoPage() -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    if !store::demo::active() {
        // Opened directly: switch databases first (a page load), then come back here.
        enter_demo();
    } else {
        spawn_local(async move {
            match build().await {
                Ok(data) => match db().replace_all(&data).await {
                    Ok(()) => {
                        // Each document opens on the day it was issued, not today: the
                        // demo's roster is the state it describes then (demo_plan::reading_date).
                        // The demo's own preferences: the officer's dates are kept apart.
                        for d in &data.directives {
                            prefs::set_as_of(&d.id, reading_date(d));
                        }
                        reload_at(Route::Status(DEMO_DIRECTIVE.into()))
                    }
                    Err(e) => error.set(Some(e.to_string())),
                },
                Err(msg) => error.set(Some(msg)),
            }
        });
    }
    view! {
        <section class="page">
            <h1>"Dữ liệu mẫu"</h1>
            {move || match error.get() {
                None => view! { <p role="status">"Đang tạo dữ liệu mẫu…"</p> }.into_any(),
                Some(msg) => view! {
                    <p class="field-error" role="alert">{format!("Không tạo được dữ liệu mẫu: {msg}. Dữ liệu thật không bị ảnh hưởng.")}</p>
                }.into_any(),
            }}
        </section>
    }
}
