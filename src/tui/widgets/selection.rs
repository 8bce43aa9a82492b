//! How every list shows its selected row, the same way everywhere: a `›` in
//! a one-cell gutter, which reads without colour (`NO_COLOR`, a plain screen
//! capture, a screen reader), and the palette's selection style on every span
//! of the row, padded to the list's width. Styling the spans, not the
//! `Line`, matters: a caller that copies a row's spans into a wider line
//! (the compare screen's two halves) keeps the selection (issue 14).

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::tui::palette::Palette;

/// The gutter mark of the selected row.
pub const MARK: &str = "›";

/// `line` as a list row `width` cells wide: gutter first, then the line;
/// when selected, marked and styled to its full width.
pub fn row(line: Line<'static>, selected: bool, width: u16, p: &Palette) -> Line<'static> {
    let mut spans = Vec::with_capacity(line.spans.len() + 2);
    spans.push(if selected {
        Span::styled(MARK, p.key)
    } else {
        Span::raw(" ")
    });
    spans.extend(line.spans.into_iter().map(|s| {
        let st = line.style.patch(s.style);
        Span::styled(s.content, st)
    }));
    let mut out = Line::from(spans);
    if selected {
        paint(&mut out, width, p.selection);
    }
    out
}

/// A continuation row of a selected item (a list item two rows tall):
/// a blank gutter, the selection style to the full width.
pub fn continued(line: Line<'static>, selected: bool, width: u16, p: &Palette) -> Line<'static> {
    let mut out = row(line, false, width, p);
    if selected {
        paint(&mut out, width, p.selection);
    }
    out
}

/// Patches every span with `sel` and pads the line to `width` in it.
fn paint(line: &mut Line<'static>, width: u16, sel: Style) {
    for s in &mut line.spans {
        s.style = s.style.patch(sel);
    }
    let w = line.width();
    if w < width as usize {
        line.spans
            .push(Span::styled(" ".repeat(width as usize - w), sel));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The selection lives on the spans, so copying them keeps it (the compare bug).
    #[test]
    fn selection_survives_copying_spans() {
        let p = Palette::colored();
        let l = row(Line::raw("claim"), true, 10, &p);
        let copied = Line::from(l.spans.clone());
        assert_eq!(copied.width(), 10);
        assert!(copied.spans.iter().all(|s| s.style.bg == p.selection.bg));
        assert_eq!(copied.spans[0].content, MARK);
    }

    // Without colour the mark and the reversed style still show the row.
    #[test]
    fn monochrome_rows_are_marked() {
        let p = Palette::monochrome();
        let sel = row(Line::raw("a"), true, 4, &p);
        let other = row(Line::raw("b"), false, 4, &p);
        assert!(sel.to_string().starts_with(MARK));
        assert!(other.to_string().starts_with(' '));
        assert!(
            sel.spans
                .iter()
                .all(|s| s.style.add_modifier == p.selection.add_modifier
                    || s.style.add_modifier.contains(p.selection.add_modifier))
        );
    }
}
