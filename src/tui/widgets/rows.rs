//! Drawing lines that are already laid out (one `Line` a row, never
//! re-wrapped) straight into the buffer, cell for cell as ratatui's
//! `Paragraph` without wrapping draws them, at a fraction of its cost.
//!
//! The panes drawn on every frame (the article list, the tree, the detail)
//! hand over 150 rows or more. `Paragraph` styles each grapheme into a
//! vector, then measures every grapheme three times while truncating and
//! drawing it; at 200×60 that was half of a frame (issue 19, item 6). Here
//! each grapheme is measured once and written where it goes.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use unicode_segmentation::UnicodeSegmentation;

/// Draws `lines` from the `skip`-th into `area`, one row each, cut at the
/// area's width; rows past the lines are left as they are. Left-aligned
/// only: the panes pad right-to-left rows themselves (`bidi_line`).
pub fn render(lines: &[Line<'_>], skip: usize, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    for (y, line) in (area.top()..area.bottom()).zip(lines.iter().skip(skip)) {
        render_line(line, area.left(), y, area.width, buf);
    }
}

/// One line at (`x`, `y`), at most `width` cells: the same cells
/// `Paragraph` fills — a grapheme wider than the whole row is skipped, the
/// first one that no longer fits ends the row, zero-width ones take no cell.
fn render_line(line: &Line<'_>, x: u16, y: u16, width: u16, buf: &mut Buffer) {
    let max = width as usize;
    let mut used = 0usize;
    for span in &line.spans {
        let style = line.style.patch(span.style);
        for g in span.content.graphemes(true) {
            // `Paragraph` drops graphemes with a control character.
            if g.contains(char::is_control) {
                continue;
            }
            let w = g.cell_width() as usize;
            if w > max {
                continue;
            }
            if used + w > max {
                return;
            }
            if w == 0 {
                continue;
            }
            buf[Position::new(x + used as u16, y)]
                .set_symbol(g)
                .set_style(style);
            used += w;
        }
    }
}
