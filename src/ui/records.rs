//! Hồ sơ đào tạo in memory: the training records, loaded once per page load by the bundles
//! that use them (`ke-hoach.html`, and `van-ban.html` for record-based scores), never by the
//! main bundle. Writes go through [`write_change`]: disk first, memory after success.

use std::cell::OnceCell;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ui::app::{db, AppState};
use dtbd_domain::training::{self, Change, TrainingRecords};

thread_local! {
    static TRAINING: OnceCell<ArcRwSignal<Option<TrainingRecords>>> = const { OnceCell::new() };
}

/// The training records (`None` while they load). The first call starts the load.
pub fn training(state: AppState) -> RwSignal<Option<TrainingRecords>> {
    TRAINING
        .with(|t| {
            t.get_or_init(|| {
                let s = ArcRwSignal::new(None);
                // Another tab wrote training records: read them again.
                let heard = s.clone();
                crate::store::broadcast::listen(move |w| {
                    if crate::store::TRAINING_STORES.iter().any(|s| w.touches(s)) {
                        let heard = heard.clone();
                        spawn_local(async move {
                            match db().load_training().await {
                                Ok(r) => heard.set(Some(r)),
                                Err(e) => state.fail(e.to_string()),
                            }
                        });
                    }
                });
                let target = s.clone();
                spawn_local(async move {
                    match db().load_training().await {
                        Ok(r) => target.set(Some(r)),
                        Err(e) => {
                            target.set(Some(TrainingRecords::default()));
                            state.fail(e.to_string());
                        }
                    }
                });
                s
            })
            .clone()
        })
        .into()
}

/// Writes a training operation's change in one transaction, then applies it to the roster
/// and the records in memory. False (and an error shown) when the write failed: then
/// nothing changed, on disk or in memory.
pub async fn write_change(state: AppState, recs: RwSignal<Option<TrainingRecords>>, change: &Change) -> bool {
    match db().apply_change(change).await {
        Ok(()) => {
            let mut roster = state.roster.get_untracked();
            let mut t = recs.get_untracked().unwrap_or_default();
            training::apply(change, &mut roster, &mut t);
            state.roster.set(roster);
            recs.set(Some(t));
            true
        }
        Err(e) => {
            state.fail(e.to_string());
            false
        }
    }
}
