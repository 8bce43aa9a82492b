//! The one scroll-into-view rule every list, tree and text pane uses: the
//! first row to show so that the selected row is among those in view,
//! moving the view as little as possible. A selection above the view
//! becomes its first row; one below, its last; one inside leaves it be.

/// The first row to show so that `selected` is among the `rows` rows shown
/// from it, starting from `offset` (a window of 0 rows counts as 1).
pub fn scroll_into_view(offset: usize, selected: usize, rows: usize) -> usize {
    let rows = rows.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    }
}

/// `v` moved by `by` within `0..len` (clamped; 0 when `len` is 0).
pub fn step(v: usize, by: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (v as isize).saturating_add(by).clamp(0, len as isize - 1) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    // Above the view: it starts there; below: it ends there; inside: no move.
    #[test]
    fn moves_the_view_as_little_as_possible() {
        assert_eq!(scroll_into_view(5, 2, 4), 2);
        assert_eq!(scroll_into_view(5, 9, 4), 6);
        assert_eq!(scroll_into_view(5, 8, 4), 5);
        assert_eq!(scroll_into_view(5, 5, 4), 5);
        assert_eq!(scroll_into_view(0, 3, 0), 3, "no room: the selection alone");
    }

    // Steps clamp at both ends and an empty list stays at 0.
    #[test]
    fn steps_clamp() {
        assert_eq!(step(2, 5, 4), 3);
        assert_eq!(step(2, -5, 4), 0);
        assert_eq!(step(2, isize::MAX / 2, 4), 3);
        assert_eq!(step(0, 1, 0), 0);
    }
}
