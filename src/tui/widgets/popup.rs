//! Where a popup goes: centred on the screen, sized as a share of it with
//! a floor, never larger than the screen. One helper for every popup, so
//! they all centre the same way (the odd cell goes right and down), and
//! one that empties the popup's area before it is drawn.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;

/// A `w` × `h` rectangle centred on `screen` (clamped to it).
pub fn centered(screen: Rect, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(screen.width), h.min(screen.height));
    Rect {
        x: screen.x + (screen.width - w) / 2,
        y: screen.y + (screen.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A `w` × `h` rectangle centred across `screen` and set high: a third of
/// the room above it, two thirds below (the search, whose hits are read
/// from the top).
pub fn high(screen: Rect, w: u16, h: u16) -> Rect {
    let r = centered(screen, w, h);
    Rect {
        y: screen.y + (screen.height - r.height) / 3,
        ..r
    }
}

/// `w_pct` % × `h_pct` % of the screen, at least 20 × 5, centred.
pub fn centered_pct(screen: Rect, w_pct: u16, h_pct: u16) -> Rect {
    let w = (u32::from(screen.width) * u32::from(w_pct) / 100) as u16;
    let h = (u32::from(screen.height) * u32::from(h_pct) / 100) as u16;
    centered(screen, w.max(20), h.max(5))
}

/// Empties `area` before a popup is drawn on it: ratatui's `Clear`, a row
/// at a time. `Clear` finds each cell by its coordinates, column by column;
/// under the help at 200×60 that was a tenth of the frame.
pub fn clear(area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    for y in area.top()..area.bottom() {
        let row = buf.index_of(area.left(), y);
        buf.content[row..row + area.width as usize]
            .iter_mut()
            .for_each(Cell::reset);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // What `Clear` does, for areas inside, across and outside the buffer.
    #[test]
    fn clears_what_clear_clears() {
        use ratatui::style::{Color, Style};
        use ratatui::widgets::{Clear, Widget};
        let base = {
            let mut b = Buffer::with_lines(vec!["ﺏ 日本 some text to clear"; 6]);
            b.set_style(Rect::new(0, 1, 12, 3), Style::new().bg(Color::Red));
            b
        };
        for area in [
            Rect::new(0, 0, 0, 0),
            Rect::new(1, 1, 5, 3),
            Rect::new(0, 0, 30, 6),
            Rect::new(20, 4, 40, 40),
            Rect::new(100, 100, 3, 3),
        ] {
            let mut want = base.clone();
            Clear.render(area.intersection(want.area), &mut want);
            let mut got = base.clone();
            clear(area, &mut got);
            assert_eq!(got, want, "{area:?}");
        }
    }

    // Centred with the odd cell to the right and below; never off screen.
    #[test]
    fn centres_and_clamps() {
        let s = Rect::new(0, 0, 81, 25);
        assert_eq!(centered(s, 20, 5), Rect::new(30, 10, 20, 5));
        assert_eq!(centered(s, 200, 50), s);
        assert_eq!(high(s, 20, 7), Rect::new(30, 6, 20, 7));
        assert_eq!(
            centered_pct(Rect::new(0, 0, 10, 3), 80, 85),
            Rect::new(0, 0, 10, 3)
        );
        assert_eq!(
            centered_pct(Rect::new(0, 0, 100, 40), 50, 40),
            Rect::new(25, 12, 50, 16)
        );
    }
}
