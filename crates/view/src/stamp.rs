//! Version stamps: the `RecordMeta` a record is saved with (`domain::model::RecordMeta::next`
//! after the version stored now), the version a form opened, and the stamp a form takes to
//! overwrite what another tab saved. Pages call these; none bumps a version by hand.

use dtbd_domain::directive::Directive;
use dtbd_domain::model::{Cadre, Millis, RecordMeta, Unit};
use dtbd_domain::monitor::Baseline;
use dtbd_domain::training::{CourseLine, Plan};

/// A record saved with a version and a time.
pub trait Versioned {
    /// Mã.
    fn id(&self) -> &str;
    /// Its version and time.
    fn meta_mut(&mut self) -> &mut RecordMeta;
    /// Its version and time.
    fn meta(&self) -> &RecordMeta;
}

macro_rules! versioned {
    ($($t:ty),+) => {$(
        impl Versioned for $t {
            fn id(&self) -> &str {
                &self.id
            }
            fn meta_mut(&mut self) -> &mut RecordMeta {
                &mut self.meta
            }
            fn meta(&self) -> &RecordMeta {
                &self.meta
            }
        }
    )+};
}
versioned!(Directive, Baseline, Cadre, Unit, Plan, CourseLine);

/// Stamps `record` as saved at `now`: the version after the one `stored` holds under its id
/// (1 for a record not stored yet).
pub fn stamp<T: Versioned>(record: &mut T, stored: &[T], now: Millis) {
    let previous = stored.iter().find(|x| x.id() == record.id()).map(Versioned::meta);
    *record.meta_mut() = RecordMeta::next(previous, now);
}

/// The record as the form opened it: `saved` with the version before this save's bump.
pub fn as_opened<T: Versioned + Clone>(saved: &T) -> T {
    let mut opened = saved.clone();
    let meta = opened.meta_mut();
    meta.version = meta.version.saturating_sub(1);
    opened
}

/// "Ghi đè bằng bản của tôi": the draft takes the stored record's stamp (none when it was
/// deleted), so its save is the next version of what is stored.
pub fn overwrite_stamp<T: Versioned>(draft: &mut T, stored: Option<&T>) {
    *draft.meta_mut() = stored.map(|s| s.meta().clone()).unwrap_or_default();
}

/// "Ghi đè bằng bản của tôi" after a field conflict: my values for the fields I changed
/// since `opened`, the stored record's for the rest (another tab's corrections of other
/// fields are not undone), at the stored record's stamp so the save is its next version.
/// Without what the form opened, or when the record was deleted, the whole draft.
pub fn overwrite_fields<T>(opened: Option<&T>, draft: &T, stored: Option<&T>) -> T
where
    T: Versioned + Clone + serde::Serialize + serde::de::DeserializeOwned,
{
    use dtbd_domain::field_merge::{join, rebase, split, Pick};
    let mut out = draft.clone();
    if let (Some(o), Some(s)) = (opened, stored) {
        let ((base, _), (mine, _), (theirs, meta)) = (split(o), split(draft), split(s));
        if let Ok(fields) = rebase(&base, &mine, &theirs, |_| Some(Pick::Mine)) {
            if let Ok(merged) = join(&fields, &meta) {
                out = merged;
            }
        }
    }
    overwrite_stamp(&mut out, stored);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit_choices::tests::unit;

    fn at(version: u64, updated_at: Millis) -> RecordMeta {
        RecordMeta::at(version, updated_at)
    }

    #[test]
    fn a_new_record_is_version_1_at_now() {
        let mut u = unit("a", "A", None);
        u.meta = at(7, 1);
        stamp(&mut u, &[], 1_000);
        assert_eq!(u.meta, at(1, 1_000));
    }

    #[test]
    fn a_stored_record_moves_one_past_what_is_stored() {
        let mut stored = vec![unit("a", "A", None), unit("b", "B", None)];
        stored[1].meta = at(4, 10);
        // The draft's own version does not count: what is stored does.
        let mut b = unit("b", "B2", None);
        b.meta = at(2, 5);
        stamp(&mut b, &stored, 2_000);
        assert_eq!(b.meta, at(5, 2_000));
    }

    #[test]
    fn the_opened_version_is_one_before_the_save() {
        let mut u = unit("a", "A", None);
        u.meta = at(3, 9);
        assert_eq!(as_opened(&u).meta, at(2, 9));
        u.meta = at(0, 9);
        assert_eq!(as_opened(&u).meta.version, 0);
    }

    #[test]
    fn overwriting_after_a_field_conflict_keeps_the_other_tabs_other_fields() {
        let opened = unit("a", "Xã A", None);
        let mut stored = opened.clone();
        stored.name = "Xã A (tab khác)".into();
        stored.parent_id = Some("p".into());
        stored.meta = at(2, 20);
        let mut mine = opened.clone();
        mine.name = "Xã A (của tôi)".into();
        let out = overwrite_fields(Some(&opened), &mine, Some(&stored));
        assert_eq!(out.name, "Xã A (của tôi)", "mine for the field both changed");
        assert_eq!(out.parent_id.as_deref(), Some("p"), "theirs for the field only they changed");
        assert_eq!(out.meta, stored.meta);
        assert_eq!(overwrite_fields(None, &mine, Some(&stored)).parent_id, None, "no base: the whole draft");
    }

    #[test]
    fn overwriting_takes_the_stored_stamp_or_none() {
        let mut mine = unit("a", "Mine", None);
        mine.meta = at(2, 1);
        let mut theirs = unit("a", "Theirs", None);
        theirs.meta = at(5, 50);
        overwrite_stamp(&mut mine, Some(&theirs));
        assert_eq!(mine.meta, at(5, 50));
        overwrite_stamp(&mut mine, None);
        assert_eq!(mine.meta, RecordMeta::default());
    }
}
