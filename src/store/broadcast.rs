//! Hai thẻ: every committed write is announced on a `BroadcastChannel`, so the other tabs and
//! bundles of the app (same origin) reload what changed. Nothing leaves the browser.

use wasm_bindgen::prelude::*;

/// Channel name, shared by every page of the app.
const CHANNEL: &str = "dtbd-writes";
/// Ids listed per message; a bigger write (an import) sends none, meaning "many".
const MAX_IDS: usize = 200;

thread_local! {
    static CHANNEL_OBJ: Option<web_sys::BroadcastChannel> = web_sys::BroadcastChannel::new(CHANNEL).ok();
}

/// What a committed write touched. On the channel as text: the store names joined by
/// commas, then one id per line (no serde: it would cost every bundle).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Object stores written ("cadres", "units", "directives", ...).
    pub stores: Vec<String>,
    /// Keys written, or empty when there were more than a few hundred.
    pub ids: Vec<String>,
}

impl Written {
    /// The message text.
    pub fn to_text(&self) -> String {
        let mut t = self.stores.join(",");
        for id in &self.ids {
            t.push('\n');
            t.push_str(id);
        }
        t
    }

    /// Reads a message text.
    pub fn from_text(t: &str) -> Written {
        let mut lines = t.split('\n');
        let stores = lines.next().unwrap_or("").split(',').filter(|s| !s.is_empty()).map(str::to_string).collect();
        Written { stores, ids: lines.map(str::to_string).collect() }
    }

    /// Whether the write touched `store`.
    pub fn touches(&self, store: &str) -> bool {
        self.stores.iter().any(|s| s == store)
    }
}

/// Tells the other pages of the app that a write committed.
pub fn announce<'a>(stores: &[&str], ids: impl Iterator<Item = &'a str>) {
    let mut ids: Vec<String> = ids.take(MAX_IDS + 1).map(str::to_string).collect();
    if ids.len() > MAX_IDS {
        ids.clear();
    }
    let w = Written { stores: stores.iter().map(|s| s.to_string()).collect(), ids };
    let text = w.to_text();
    CHANNEL_OBJ.with(|c| {
        if let Some(c) = c {
            let _ = c.post_message(&JsValue::from_str(&text));
        }
    });
}

/// Calls `f` for every write another page of the app announces (never for this page's own).
pub fn listen(f: impl Fn(Written) + 'static) {
    let cb = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        if let Some(t) = ev.data().as_string() {
            f(Written::from_text(&t));
        }
    });
    CHANNEL_OBJ.with(|c| {
        if let Some(c) = c {
            let _ = c.add_event_listener_with_callback("message", cb.as_ref().unchecked_ref());
        }
    });
    cb.forget();
}
