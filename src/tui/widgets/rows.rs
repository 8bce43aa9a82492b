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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};
    use ratatui::text::Span;
    use ratatui::widgets::{Paragraph, Widget};

    // Cell for cell what Paragraph draws, at widths that cut wide glyphs,
    // marks and ligatures at the edge, with control characters, empty spans,
    // line and span styles, and scrolling.
    #[test]
    fn draws_what_paragraph_draws() {
        let red = Style::new().fg(Color::Red);
        let lines: Vec<Line> = vec![
            Line::from("plain text that runs on past the edge of the row"),
            Line::from(vec![
                Span::styled("ab", red),
                Span::raw(""),
                Span::raw("日本語のテキスト"),
                Span::styled("x", red),
            ]),
            Line::from("e\u{301}te\u{301} إِنَّ ﻻ ﷲ 😀👍🏽 tab\there \u{7}bell"),
            Line::from(vec![Span::raw("\u{301}mark first"), Span::raw(" then")]).style(red),
            Line::default(),
            Line::from("ﺕﺎﺿﻭﺎﻔﻤﻟﺍ ﻥﺄﺑ ﺮﻳﺭﺎﻘﺘﻟﺍ (2020) ﺕﺩﺎﻓﺃ"),
            Line::from("w"),
        ];
        for width in [1u16, 2, 3, 5, 8, 13, 21, 40] {
            for skip in [0usize, 1, 3] {
                let area = Rect::new(1, 1, width, 5);
                let mut want = Buffer::empty(Rect::new(0, 0, width + 2, 7));
                let mut got = want.clone();
                Paragraph::new(lines.clone())
                    .scroll((skip as u16, 0))
                    .render(area, &mut want);
                render(&lines, skip, area, &mut got);
                assert_eq!(got, want, "width {width}, skip {skip}");
            }
        }
    }
}
