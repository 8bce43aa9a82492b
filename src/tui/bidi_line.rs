//! From laid-out text (`text::layout`, visual order) to ratatui lines, with
//! highlights given as logical byte ranges mapped through each glyph.
//! Right-to-left lines are right-aligned by padding with the line's own
//! measured width: ratatui's alignment measures an unshaped `لا` as one cell
//! where the terminal draws two.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::text::{self, BidiMode, VisualLine};

/// One visual line as a ratatui line, padded on the left to `width` cells
/// when it is right-to-left. `offset` is added to glyph ranges before
/// `highlight` sees them (for text laid out a paragraph at a time).
pub fn to_line(
    vl: &VisualLine,
    width: u16,
    base: Style,
    offset: usize,
    highlight: &dyn Fn(Range<usize>) -> Option<Style>,
) -> Line<'static> {
    let runs = vl.runs(|g| highlight(g.logical.start + offset..g.logical.end + offset));
    let mut spans: Vec<Span<'static>> = Vec::with_capacity(runs.len() + 1);
    if vl.rtl {
        let pad = (width as usize).saturating_sub(vl.width);
        if pad > 0 {
            spans.push(Span::raw(" ".repeat(pad)));
        }
    }
    spans.extend(
        runs.into_iter()
            .map(|(s, h)| Span::styled(s, h.map_or(base, |h| base.patch(h)))),
    );
    Line::from(spans)
}

/// A block of text (paragraphs separated by `\n`) as lines `width` wide.
pub fn text_lines(s: &str, width: u16, mode: BidiMode, style: Style) -> Vec<Line<'static>> {
    let none = |_: Range<usize>| None;
    s.split('\n')
        .flat_map(|para| {
            let vls = text::layout(para, width as usize, mode);
            if vls.is_empty() {
                vec![Line::default()]
            } else {
                vls.iter()
                    .map(|vl| to_line(vl, width, style, 0, &none))
                    .collect()
            }
        })
        .collect()
}

/// The start of `s` on one row of `width` cells, `…` where it goes on.
/// Not right-aligned: rows of a list or tree read from their left edge.
pub fn one_line(s: &str, width: u16, mode: BidiMode, style: Style) -> Line<'static> {
    let first = s.split('\n').next().unwrap_or("");
    let vl = text::truncated(first, width as usize, mode);
    let vl = VisualLine { rtl: false, ..vl };
    to_line(&vl, width, style, 0, &|_| None)
}
