//! From laid-out text (`text::layout`, visual order) to ratatui lines, with
//! highlights given as logical byte ranges mapped through each glyph.

use std::ops::Range;

use ratatui::layout::Alignment;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::layout_stub::{self as layout, BidiMode, VisualLine};

/// One visual line as a ratatui line. `offset` is added to glyph ranges
/// before `highlight` sees them (for text laid out a paragraph at a time).
pub fn to_line(
    vl: &VisualLine,
    base: Style,
    offset: usize,
    highlight: &dyn Fn(Range<usize>) -> Option<Style>,
) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut cur = String::new();
    let mut cur_style = base;
    for g in &vl.glyphs {
        let r = g.logical.start + offset..g.logical.end + offset;
        let style = highlight(r).map_or(base, |h| base.patch(h));
        if style != cur_style && !cur.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut cur), cur_style));
        }
        cur_style = style;
        cur.push_str(&g.text);
    }
    if !cur.is_empty() {
        spans.push(Span::styled(cur, cur_style));
    }
    let line = Line::from(spans);
    if vl.rtl {
        line.alignment(Alignment::Right)
    } else {
        line
    }
}

/// A block of text (paragraphs separated by `\n`) as lines `width` wide.
pub fn text_lines(s: &str, width: u16, mode: BidiMode, style: Style) -> Vec<Line<'static>> {
    let none = |_: Range<usize>| None;
    s.split('\n')
        .flat_map(|para| {
            let vls = layout::layout(para, width as usize, mode);
            if vls.is_empty() {
                vec![Line::default()]
            } else {
                vls.iter().map(|vl| to_line(vl, style, 0, &none)).collect()
            }
        })
        .collect()
}

/// The first visual line of `s` fitted in `width` cells, with `…` marking
/// the cut at the logical end (the left end for right-to-left text).
pub fn one_line(s: &str, width: u16, mode: BidiMode, style: Style) -> Line<'static> {
    if width == 0 {
        return Line::default();
    }
    let first = s.split('\n').next().unwrap_or("");
    let vls = layout::layout(first, width.saturating_sub(1).max(1) as usize, mode);
    let Some(vl) = vls.first() else {
        return Line::default();
    };
    let mut line = to_line(vl, style, 0, &|_| None);
    if vls.len() > 1 || s.contains('\n') {
        if vl.rtl {
            line.spans.insert(0, Span::styled("…", style));
        } else {
            line.spans.push(Span::styled("…", style));
        }
    }
    line.alignment = None;
    line
}
