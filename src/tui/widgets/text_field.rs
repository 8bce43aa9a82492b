//! A [`LineEdit`] laid out for drawing: its text wrapped (and, for Arabic,
//! shaped and reordered) over a few rows, and the cell where the terminal
//! cursor goes. The form's text fields and the chooser's query line share
//! it; the editing itself is `line_edit`'s.

use ratatui::style::Style;
use ratatui::text::Line;
use unicode_bidi::BidiClass;

use crate::text::{self, BidiMode, Glyph, VisualLine};
use crate::tui::widgets::bidi_line::to_line;
use crate::tui::widgets::line_edit::LineEdit;

/// The one input line every prompt draws with (the search line, the
/// pickers' queries, the chooser's): `prompt`, then the text laid out like
/// any other text — Arabic shaped and right to left, as in the forms — on
/// row `area`. Returns where the terminal cursor goes.
pub fn input_line(
    prompt: &str,
    line: &LineEdit,
    area: ratatui::layout::Rect,
    bidi: BidiMode,
    prompt_style: Style,
    buf: &mut ratatui::buffer::Buffer,
) -> Option<(u16, u16)> {
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let prompt_w = (text::display_width(prompt) as u16).min(area.width);
    ratatui::text::Span::styled(prompt.to_string(), prompt_style)
        .render(Rect::new(area.x, area.y, prompt_w, 1), buf);
    let query_w = area.width - prompt_w;
    let q = text_field(line, query_w, bidi, 1, true, Style::new());
    if let Some(l) = q.lines.into_iter().next() {
        l.render(Rect::new(area.x + prompt_w, area.y, query_w, 1), buf);
    }
    q.cursor.map(|(x, _)| (area.x + prompt_w + x, area.y))
}

/// A text input laid out for drawing: the rows in view and the cursor's
/// (column, row) among them.
pub struct TextRows {
    pub lines: Vec<Line<'static>>,
    pub cursor: Option<(u16, u16)>,
}

/// Lays out `line` in `width` cells, at most `max_rows` rows. With
/// `follow`, the rows scroll so the cursor's row shows; without, they start
/// at the top and there is no cursor.
///
/// The text is wrapped one cell narrower than `width`, so that a cursor
/// after the last character has a cell of its own at either end of the row.
pub fn text_field(
    line: &LineEdit,
    width: u16,
    bidi: BidiMode,
    max_rows: usize,
    follow: bool,
    style: Style,
) -> TextRows {
    if width == 0 || max_rows == 0 {
        return TextRows {
            lines: Vec::new(),
            cursor: None,
        };
    }
    let mut laid = text::layout(&line.text, (width as usize - 1).max(1), bidi);
    if laid.is_empty() {
        laid.push(VisualLine::default());
    }
    // Where the terminal reorders, a right-to-left row still goes out in
    // logical order, its end on the right: keep the last cell for the
    // cursor there, as the narrower wrap keeps the first one in visual order.
    let align = if bidi == BidiMode::Mizan {
        width
    } else {
        width - 1
    };
    let (col, row) = cursor_cell(&laid, line.cursor, bidi, align);
    let col = col.min(width as usize - 1) as u16;
    let top = if follow {
        row.saturating_sub(max_rows - 1)
    } else {
        0
    };
    let none = |_| None;
    let lines = laid
        .iter()
        .skip(top)
        .take(max_rows)
        .map(|vl| to_line(vl, true, align, style, 0, &none))
        .collect();
    TextRows {
        lines,
        cursor: follow.then_some((col, (row - top) as u16)),
    }
}

/// The column and row of the cursor at logical byte `cursor` among laid-out
/// lines drawn `width` wide (right-to-left lines right-aligned, as
/// `to_line` pads them). The column may be `width` (after a full line).
///
/// A terminal cursor covers a cell, so it goes on the glyph it stands
/// before, as in any editor: typing pushes that glyph along. In visual order
/// (`BidiMode::Mizan`) a right-to-left glyph is pushed leftwards, so the
/// cursor takes the glyph's rightmost cell, the edge where the new letter
/// appears; a left-to-right glyph its leftmost. After the last glyph of a
/// line (the end of the text, or the spaces dropped at a wrap) it goes on
/// the cell beyond that glyph's trailing edge: left of it when it is
/// right-to-left. Moving forward through Arabic thus moves the cursor left.
/// Other modes send cells in logical order (a terminal that reorders places
/// the cursor itself), so there every glyph is treated as left-to-right.
fn cursor_cell(lines: &[VisualLine], cursor: usize, bidi: BidiMode, width: u16) -> (usize, usize) {
    let visual = bidi == BidiMode::Mizan;
    let pad = |vl: &VisualLine| {
        if vl.rtl {
            (width as usize).saturating_sub(vl.width)
        } else {
            0
        }
    };
    // The glyph that holds the cursor's byte.
    for (row, vl) in lines.iter().enumerate() {
        let mut x = pad(vl);
        for g in &vl.glyphs {
            if g.logical.contains(&cursor) {
                let col = if visual && glyph_rtl(g, vl.rtl) {
                    x + g.width.saturating_sub(1)
                } else {
                    x
                };
                return (col, row);
            }
            x += g.width;
        }
    }
    // Else the cursor is after some glyph: at the end of the last line that
    // starts at or before it (the spaces at a wrap belong to no line).
    let row = lines
        .iter()
        .rposition(|vl| vl.glyphs.iter().any(|g| g.logical.start <= cursor))
        .unwrap_or(0);
    let Some(vl) = lines.get(row) else {
        return (0, 0);
    };
    let mut x = pad(vl);
    let mut after: Option<(usize, &Glyph)> = None;
    for g in &vl.glyphs {
        if after.is_none_or(|(_, a)| g.logical.end > a.logical.end) {
            after = Some((x, g));
        }
        x += g.width;
    }
    let col = match after {
        Some((x, g)) if visual && glyph_rtl(g, vl.rtl) => x.saturating_sub(1),
        Some((x, g)) => x + g.width,
        // An empty line: where its text would start.
        None if visual && vl.rtl => (width as usize).saturating_sub(1),
        None => 0,
    };
    (col, row)
}

/// Whether a glyph reads right to left: by its first strongly directed
/// character (Arabic letters, shaped or not, against Latin), or, for
/// spaces, punctuation and digits, by the paragraph around it.
fn glyph_rtl(g: &Glyph, paragraph_rtl: bool) -> bool {
    for c in g.text.chars() {
        match unicode_bidi::bidi_class(c) {
            BidiClass::R | BidiClass::AL => return true,
            BidiClass::L => return false,
            _ => {}
        }
    }
    paragraph_rtl
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLAIM: &str = "انسحاب القوات";

    fn at(text: &str, cursor: usize) -> LineEdit {
        LineEdit {
            text: text.into(),
            cursor,
        }
    }

    /// The cursor's column at every position from the start to the end.
    fn columns(text: &str, bidi: BidiMode, width: u16) -> Vec<u16> {
        let mut l = at(text, 0);
        let mut out = Vec::new();
        loop {
            let t = text_field(&l, width, bidi, 3, true, Style::new());
            let (x, y) = t.cursor.expect("a followed field has a cursor");
            assert_eq!(y, 0, "one row at this width");
            out.push(x);
            if l.cursor == l.text.len() {
                return out;
            }
            l.right();
        }
    }

    // Mizan reverses Arabic: each step forward puts the cursor one cell
    // further left, from the first letter's cell at the right edge to the
    // cell left of the last letter.
    #[test]
    fn arabic_cursor_moves_left() {
        let cols = columns(CLAIM, BidiMode::Mizan, 40);
        assert_eq!(cols.len(), CLAIM.chars().count() + 1);
        assert_eq!(cols[0], 39, "on the first letter, right-aligned");
        assert!(cols.windows(2).all(|w| w[1] + 1 == w[0]), "{cols:?}");
        assert_eq!(*cols.last().unwrap_or(&0), 39 - 13);
    }

    // English runs the other way, and so does Arabic where the terminal
    // reorders or nobody does: the cursor counts logical cells.
    #[test]
    fn logical_cursor_moves_right() {
        let english = columns("the talks", BidiMode::Mizan, 40);
        assert_eq!(english, (0..=9).collect::<Vec<u16>>());
        let off = columns(CLAIM, BidiMode::Off, 40);
        assert_eq!(off, (0..=13).collect::<Vec<u16>>());
        // Terminal mode right-aligns the line like the rest of mizan does.
        let term = columns(CLAIM, BidiMode::Terminal, 40);
        assert_eq!(term, (26..=39).collect::<Vec<u16>>());
    }

    // A lam-alef ligature is one glyph for two letters: the cursor stays on
    // it between them, and never moves right on the way through.
    #[test]
    fn ligature_holds_the_cursor() {
        let cols = columns("لا شك", BidiMode::Mizan, 20);
        assert_eq!(cols[0], cols[1], "{cols:?}");
        assert!(cols.windows(2).all(|w| w[1] <= w[0]), "{cols:?}");
    }

    // Latin inside an Arabic line reads left to right: stepping through
    // "ISIS" moves the cursor right across its cells.
    #[test]
    fn latin_run_in_arabic() {
        let p = "هزيمة ISIS نهائيا";
        let i = p.find("ISIS").unwrap_or(0);
        let laid = text::layout(p, 39, BidiMode::Mizan);
        let (a, _) = cursor_cell(&laid, i, BidiMode::Mizan, 40);
        let (b, _) = cursor_cell(&laid, i + 1, BidiMode::Mizan, 40);
        assert_eq!(b, a + 1);
        let row = laid[0].text();
        let left = 40 - laid[0].width;
        let at_a: String = row.chars().skip(a - left).take(4).collect();
        assert_eq!(at_a, "ISIS");
    }

    // A long field wraps; with the cursor at the end it scrolls to show the
    // cursor's row as the third, and without focus it shows the start.
    #[test]
    fn long_text_scrolls_to_the_cursor() {
        let text = "one two three four five six seven eight nine ten";
        let l = at(text, text.len());
        let t = text_field(&l, 10, BidiMode::Mizan, 3, true, Style::new());
        assert_eq!(t.lines.len(), 3);
        assert_eq!(t.cursor.map(|c| c.1), Some(2));
        assert!(t.lines[2].to_string().contains("ten"));
        let t = text_field(&l, 10, BidiMode::Mizan, 3, false, Style::new());
        assert!(t.lines[0].to_string().starts_with("one"));
        assert_eq!(t.cursor, None);
    }

    // The cursor on the space where a line wrapped sits at the end of the
    // line before, not on the next line.
    #[test]
    fn cursor_at_a_wrap() {
        let l = at("aaaa bbbb", 4);
        let t = text_field(&l, 6, BidiMode::Mizan, 3, true, Style::new());
        assert_eq!(t.lines.len(), 2);
        assert_eq!(t.cursor, Some((4, 0)));
    }
}
