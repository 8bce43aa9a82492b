//! A pane's border and title, cell for cell what `Block::bordered()` with a
//! border type, a border style and one title draws, without its first step:
//! `Block` sets its style on every cell of the area it frames, even the
//! empty style. The panes of the browser, the overview and the debate
//! cover the whole screen, so at 200×60 that was 12,000 cells restyled to
//! no effect, a tenth of a frame with 1M nodes loaded (issue 19, item 6).

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{BorderType, Widget};

use crate::tui::widgets::rows;

/// A border of `kind` in `style` around an area, `title` on its top row
/// and `footer` on its bottom row (what `Block::title_bottom` draws).
pub struct Border<'a> {
    pub kind: BorderType,
    pub style: Style,
    pub title: Line<'a>,
    pub footer: Line<'a>,
}

impl<'a> Border<'a> {
    /// A pane's border: thick in `focus` when it has the focus, else
    /// rounded in `normal`.
    pub fn pane(focused: bool, focus: Style, normal: Style, title: impl Into<Line<'a>>) -> Self {
        let (kind, style) = match focused {
            true => (BorderType::Thick, focus),
            false => (BorderType::Rounded, normal),
        };
        Border {
            kind,
            style,
            title: title.into(),
            footer: Line::default(),
        }
    }

    /// The area inside the border.
    pub fn inner(&self, area: Rect) -> Rect {
        let x = area.x.saturating_add(1).min(area.right());
        let y = area.y.saturating_add(1).min(area.bottom());
        Rect {
            x,
            y,
            width: area.width.saturating_sub(2),
            height: area.height.saturating_sub(2),
        }
    }

    /// Draws the border and the title over `area` (what is inside is left
    /// as it is).
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let set = self.kind.to_border_set();
        let (left, top) = (area.left(), area.top());
        let (right, bottom) = (area.right() - 1, area.bottom() - 1);
        // Sides, then corners over them, in the order `Block` draws them:
        // when the area is one cell wide or high, the last one drawn wins.
        for y in top..=bottom {
            self.put(buf, left, y, set.vertical_left);
        }
        for x in left..=right {
            self.put(buf, x, top, set.horizontal_top);
        }
        for y in top..=bottom {
            self.put(buf, right, y, set.vertical_right);
        }
        for x in left..=right {
            self.put(buf, x, bottom, set.horizontal_bottom);
        }
        self.put(buf, right, bottom, set.bottom_right);
        self.put(buf, right, top, set.top_right);
        self.put(buf, left, bottom, set.bottom_left);
        self.put(buf, left, top, set.top_left);
        let room = area.width.saturating_sub(2);
        if room > 0 {
            for (line, y) in [(&self.title, top), (&self.footer, bottom)] {
                let width = line.width().min(room as usize) as u16;
                let under = Rect::new(left + 1, y, width, 1);
                // The title may hold wide glyphs: the cells it covers no
                // longer state a width (`rows::put_cell`).
                for x in under.left()..under.right() {
                    buf[(x, y)].set_diff_option(CellDiffOption::None);
                }
                line.render(under, buf);
            }
        }
    }

    /// A border glyph, one cell wide, stating its width to the diff.
    fn put(&self, buf: &mut Buffer, x: u16, y: u16, symbol: &str) {
        let at = buf.index_of(x, y);
        rows::put_cell(buf, at, symbol, 1, self.style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;
    use ratatui::widgets::Block;

    // What `Block` draws, over a buffer that already has text and styles in
    // it, at sizes down to one cell, with titles that fit, that are cut
    // (also in the middle of a wide or shaped Arabic glyph) and that are
    // styled by the line and by its spans.
    #[test]
    fn draws_what_block_draws() {
        let titles: Vec<Line> = vec![
            Line::default(),
            Line::from(" Articles "),
            Line::from(vec![
                Span::raw(" "),
                Span::styled("ﺕﺎﺿﻭﺎﻔﻤﻟﺍ 日本語 · 12", Style::new().fg(Color::Yellow)),
                Span::raw(" "),
            ]),
            Line::from(" a long title that runs past the border of the pane ")
                .style(Style::new().add_modifier(Modifier::BOLD)),
        ];
        let style = Style::new().fg(Color::Cyan).add_modifier(Modifier::DIM);
        for kind in [BorderType::Rounded, BorderType::Thick, BorderType::Plain] {
            for title in &titles {
                for (w, h) in [
                    (0, 0),
                    (1, 1),
                    (1, 4),
                    (4, 1),
                    (2, 2),
                    (3, 3),
                    (9, 5),
                    (40, 6),
                ] {
                    let area = Rect::new(1, 1, w, h);
                    let mut want = Buffer::with_lines(vec![
                        "xyz ﺏ 字 — filler text 0123456789 abc ok";
                        8
                    ]);
                    want.set_style(Rect::new(0, 0, 20, 4), Style::new().bg(Color::Blue));
                    let mut got = want.clone();
                    // Each title once on top and once as the footer of
                    // the next one's test.
                    let footer = titles
                        [(titles.iter().position(|t| t == title).unwrap_or(0) + 1) % titles.len()]
                    .clone();
                    Block::bordered()
                        .border_type(kind)
                        .border_style(style)
                        .title(title.clone())
                        .title_bottom(footer.clone())
                        .render(area, &mut want);
                    let border = Border {
                        kind,
                        style,
                        title: title.clone(),
                        footer,
                    };
                    border.render(area, &mut got);
                    assert!(rows::widths_hold(&got), "{kind:?} {w}×{h} {title:?}");
                    assert_eq!(rows::plain(got), want, "{kind:?} {w}×{h} {title:?}");
                    assert_eq!(border.inner(area), Block::bordered().inner(area));
                }
            }
        }
    }
}
