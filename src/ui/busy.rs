//! Đang xử lý: the one progress panel of the two import pages (trao-doi.html, nhap-excel.html)
//! and the run it follows. A page starts a [`Run`] when a file is picked (or "Áp dụng",
//! "Nhập vào danh sách" pressed); the task calls [`Run::step`] between its steps, which shows
//! the step and gives the browser a turn, and [`Run::read_file`] reads the file with the bar
//! moving. "Hủy" puts back what the page showed before (the page's `on_cancel`) at once, and
//! the task stops at its next turn without touching a signal or the store.
//!
//! *Hủy and the write:* once [`Step::Writing`] is shown the button is gone and the panel says
//! why: the write is one IndexedDB transaction (`Db::apply_import`), all or nothing, and an
//! import can be undone afterwards, so aborting it half-way would buy nothing.
//!
//! The texts are `dtbd_view::busy`'s. Each step's time goes to the console (`console.info`)
//! so the longest time the page is blocked can be read in the browser.

use leptos::prelude::*;

use crate::store::files::{self, ReadStep};
use dtbd_view::busy::{Progress, Step, BAR_MAX};

/// Why a run stopped before its end.
#[derive(Debug)]
pub enum Halt {
    /// "Hủy" was pressed: the page already shows what it showed before; touch nothing.
    Cancelled,
    /// Refused, with the Vietnamese reason.
    Failed(String),
}

/// The panel's state, shared by a page and its tasks.
#[derive(Clone, Copy)]
pub struct Busy {
    shown: RwSignal<Option<Progress>>,
    /// The run under way; "Hủy" moves it on, so the cancelled task's token no longer matches.
    current: StoredValue<u64>,
    /// What "Hủy" puts back.
    on_cancel: StoredValue<Option<Box<dyn Fn()>>, LocalStorage>,
    /// When the step shown began (`performance.now()`), for the console.
    since: StoredValue<f64>,
}

impl Default for Busy {
    fn default() -> Busy {
        Busy {
            shown: RwSignal::new(None),
            current: StoredValue::new(0),
            on_cancel: StoredValue::new_local(None),
            since: StoredValue::new(0.0),
        }
    }
}

impl Busy {
    /// True while a run is shown (untracked).
    pub fn running(self) -> bool {
        self.shown.with_untracked(Option::is_some)
    }

    /// Starts a run over `file` at `step`; "Hủy" calls `on_cancel`, which puts back what the
    /// page showed before.
    pub fn start(self, file: &str, step: Step, on_cancel: impl Fn() + 'static) -> Run {
        self.current.update_value(|run| *run += 1);
        self.on_cancel.set_value(Some(Box::new(on_cancel)));
        self.since.set_value(files::now_ms());
        self.shown.set(Some(Progress::new(file, step)));
        Run { busy: self, id: self.current.get_value() }
    }

    /// "Hủy": offered until the write begins.
    fn cancel(self) {
        if !self.shown.with_untracked(|p| p.as_ref().is_some_and(Progress::cancellable)) {
            return;
        }
        self.log_step("Hủy");
        self.current.update_value(|run| *run += 1);
        self.shown.set(None);
        if let Some(put_back) = self.on_cancel.try_update_value(Option::take).flatten() {
            put_back();
        }
    }

    /// The step shown ends: how long it took, in the console.
    fn log_step(self, next: &str) {
        let now = files::now_ms();
        if let Some(p) = self.shown.get_untracked() {
            let text =
                format!("dtbd: {} {}: {:.0} ms (→ {next})", p.heading(), p.step.label(), now - self.since.get_value());
            web_sys::console::info_1(&text.into());
        }
        self.since.set_value(now);
    }
}

/// One run: a file from its pick to its preview, or a preview from "Áp dụng" to written.
#[derive(Clone, Copy)]
pub struct Run {
    busy: Busy,
    id: u64,
}

impl Run {
    /// False once "Hủy" was pressed (or another run began).
    pub fn live(self) -> bool {
        self.busy.current.try_get_value() == Some(self.id)
    }

    /// `Err(Halt::Cancelled)` once "Hủy" was pressed.
    pub fn check(self) -> Result<(), Halt> {
        if self.live() {
            Ok(())
        } else {
            Err(Halt::Cancelled)
        }
    }

    /// Shows `step` and gives the browser a turn (the panel painted, a tap on "Hủy" seen).
    /// From [`Step::Writing`] on, "Hủy" is gone and the run goes to its end.
    pub async fn step(self, step: Step) -> Result<(), Halt> {
        self.check()?;
        self.busy.log_step(step.label());
        self.busy.shown.update(|p| {
            if let Some(p) = p {
                *p = Progress::new(&p.file, step);
            }
        });
        files::yield_now().await;
        if step == Step::Writing {
            return Ok(());
        }
        self.check()
    }

    /// Reads the picked file (inflating a gzip through its budget) with the bar following.
    pub async fn read_file(self, file: &web_sys::File) -> Result<Vec<u8>, Halt> {
        self.step(Step::Reading).await?;
        let busy = self.busy;
        let mut shown_step = ReadStep::Reading;
        let mut progress = |at: ReadStep, done: u64, total: u64| {
            if !self.live() {
                return false;
            }
            let step = match at {
                ReadStep::Reading => Step::Reading,
                ReadStep::Inflating => Step::Inflating,
            };
            if at != shown_step {
                busy.log_step(step.label());
                shown_step = at;
            }
            busy.shown.update(|p| {
                if let Some(p) = p {
                    *p = Progress::new(&p.file, step).bytes(done, total);
                }
            });
            true
        };
        match files::read_file(file, &mut progress).await {
            Ok(Some(bytes)) => {
                self.check()?;
                Ok(bytes)
            }
            Ok(None) => Err(Halt::Cancelled),
            Err(e) => {
                self.check()?;
                Err(Halt::Failed(e.0))
            }
        }
    }

    /// The panel now names `file` (the next of the files picked together, or the batch).
    pub fn set_file(self, file: &str) {
        if self.live() {
            self.busy.shown.update(|p| {
                if let Some(p) = p {
                    p.file = file.to_string();
                }
            });
        }
    }

    /// The run is over: the panel goes (unless "Hủy" already took it).
    pub fn finish(self) {
        if self.live() {
            self.busy.log_step("xong");
            self.busy.shown.set(None);
            self.busy.on_cancel.set_value(None);
        }
    }
}

/// The panel: the file, the step in words, the bar, why "Hủy" is safe, and "Hủy" until the
/// write begins. Fixed at the bottom of the screen so it is seen wherever the officer
/// scrolled; its parts change in place, so a tap on "Hủy" is never lost to a redraw.
#[component]
pub fn BusyPanel(busy: Busy) -> impl IntoView {
    let open = Memo::new(move |_| busy.shown.with(Option::is_some));
    let cancellable = Memo::new(move |_| busy.shown.with(|p| p.as_ref().is_some_and(Progress::cancellable)));
    let read = move |f: fn(&Progress) -> String| move || busy.shown.with(|p| p.as_ref().map(f).unwrap_or_default());
    move || {
        open.get().then(|| {
            view! {
                <div class="busy-panel" role="status" aria-live="polite">
                    <p class="busy-file">{read(Progress::heading)}</p>
                    <p class="busy-step">{read(Progress::text)}</p>
                    <progress max=BAR_MAX value=move || busy.shown.with(|p| p.as_ref().and_then(Progress::bar))></progress>
                    <p class="hint">{read(|p| p.note().to_string())}</p>
                    {move || cancellable.get().then(|| view! {
                        <div class="actions">
                            <button type="button" class="btn" on:click=move |_| busy.cancel()>"Hủy"</button>
                        </div>
                    })}
                </div>
            }
        })
    }
}
