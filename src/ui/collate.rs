//! Vietnamese collation from the browser (`Intl.Collator('vi')`), handed to the domain's
//! name-order rule. The browser knows the alphabet (a ă â b c d đ e ê ...) and tone order;
//! we do not keep a hand-made table.

use std::cmp::Ordering;

use js_sys::{Array, Function, Intl, Object};
use wasm_bindgen::JsValue;

/// A comparator over strings in Vietnamese alphabetical order.
pub struct Collator {
    compare: Function,
}

impl Collator {
    /// A collator for Vietnamese.
    pub fn vietnamese() -> Self {
        let locales = Array::of1(&JsValue::from_str("vi"));
        let collator = Intl::Collator::new(&locales, &Object::new());
        Self { compare: collator.compare() }
    }

    /// Compares two strings.
    pub fn cmp(&self, a: &str, b: &str) -> Ordering {
        let r = self
            .compare
            .call2(&JsValue::NULL, &JsValue::from_str(a), &JsValue::from_str(b))
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        r.partial_cmp(&0.0).unwrap_or(Ordering::Equal)
    }
}
