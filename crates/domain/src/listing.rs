//! Long lists drawn in part (danh sách dài): which rows of a virtual list to draw. Pure
//! arithmetic, here so it is tested natively; the roster page draws only these rows.

/// Rows drawn above and below the visible ones, so a fast fling shows no blank.
pub const OVERSCAN: usize = 8;

/// The rows to draw, `start..end` of `len`, when the first row in view is `first` and
/// `in_view` rows fit: never past the end, never empty when the list is not.
pub fn row_window(first: usize, in_view: usize, len: usize) -> (usize, usize) {
    let first = first.min(len.saturating_sub(1));
    let start = first.saturating_sub(OVERSCAN);
    let end = (first + in_view + OVERSCAN).min(len);
    (start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::row_window;

    #[test]
    fn the_window_covers_the_view_and_stays_in_bounds() {
        assert_eq!(row_window(0, 10, 30_000), (0, 18));
        assert_eq!(row_window(100, 10, 30_000), (92, 118));
        assert_eq!(row_window(29_995, 10, 30_000), (29_987, 30_000));
        // Scrolled further than a shortened list (a search narrowed it): the tail shows.
        assert_eq!(row_window(50, 10, 5), (0, 5));
        assert_eq!(row_window(0, 10, 0), (0, 0));
    }
}
