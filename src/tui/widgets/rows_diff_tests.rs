//! What a terminal shows after ratatui's diff of two frames drawn by
//! `rows::render`: the same as the second frame, although the cells carry
//! hints that change the diff's path (`put_cell`).
//!
//! The terminal here is the one ratatui's diff works around: a wide glyph
//! whose first cell is written over leaves its other cells blank in its
//! own style, so a background shows until those cells are written again.

use proptest::prelude::*;
use ratatui::buffer::{Buffer, Cell, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::render;

/// One cell as the terminal holds it: a glyph and its style, or covered
/// by the wide glyph to its left.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    Glyph(String, Style),
    Covered,
}

struct Terminal {
    width: usize,
    cells: Vec<Shown>,
}

impl Terminal {
    fn new(area: Rect) -> Self {
        Terminal {
            width: area.width as usize,
            cells: vec![Shown::Glyph(" ".into(), Style::new()); area.area() as usize],
        }
    }

    /// The glyph that starts at or covers `i`, and its width.
    fn glyph_at(&self, i: usize) -> (usize, usize) {
        let row = i - i % self.width;
        let mut start = i;
        while start > row && self.cells[start] == Shown::Covered {
            start -= 1;
        }
        let mut end = start + 1;
        while end < row + self.width && self.cells[end] == Shown::Covered {
            end += 1;
        }
        (start, end - start)
    }

    /// Breaks the glyph at or over `i`, written over from `from`: each of
    /// its cells goes blank, in the glyph's style when its first cell is
    /// the one written over (the case ratatui's diff works around), else
    /// in no style.
    fn break_at(&mut self, i: usize, from: usize) {
        let (start, width) = self.glyph_at(i);
        if width == 1 {
            return;
        }
        let style = match &self.cells[start] {
            Shown::Glyph(_, style) if start == from => *style,
            _ => Style::new().fg(Color::Reset).bg(Color::Reset),
        };
        for c in &mut self.cells[start..start + width] {
            *c = Shown::Glyph(" ".into(), style);
        }
    }

    fn write(&mut self, x: u16, y: u16, cell: &Cell) {
        let i = y as usize * self.width + x as usize;
        let w = (cell.symbol().cell_width() as usize).max(1);
        let end = (i + w).min(i - i % self.width + self.width);
        for k in i..end {
            self.break_at(k, i);
        }
        self.cells[i] = Shown::Glyph(cell.symbol().to_owned(), cell.style());
        for c in &mut self.cells[i + 1..end] {
            *c = Shown::Covered;
        }
    }

    /// Applies the diff from `prev` to `next`.
    fn apply(&mut self, prev: &Buffer, next: &Buffer) {
        for (x, y, cell) in prev.diff(next) {
            self.write(x, y, cell);
        }
    }
}

/// How a cell looks: a blank's foreground and invisible modifiers do not
/// show.
fn looks(shown: &Shown) -> Option<(String, Style)> {
    match shown {
        Shown::Covered => None,
        Shown::Glyph(s, style) if s == " " => {
            let seen = Modifier::REVERSED | Modifier::UNDERLINED | Modifier::CROSSED_OUT;
            let mut blank = Style::new().bg(style.bg.unwrap_or(Color::Reset));
            blank.add_modifier = style.add_modifier & seen;
            Some((s.clone(), blank))
        }
        Shown::Glyph(s, style) => Some((s.clone(), *style)),
    }
}

/// What `buf` should look like on a terminal that started blank.
fn intended(buf: &Buffer) -> Vec<Option<(String, Style)>> {
    let mut t = Terminal::new(buf.area);
    t.apply(&Buffer::empty(buf.area), buf);
    t.cells.iter().map(looks).collect()
}

fn frame(lines: &[Line<'static>], area: Rect, ours: bool) -> Buffer {
    let mut buf = Buffer::empty(area);
    if ours {
        render(lines, 0, area, &mut buf);
    } else {
        Paragraph::new(lines.to_vec()).render(area, &mut buf);
    }
    buf
}

/// Rows of words: wide, Arabic (shaped), Latin, with marks, blank, each
/// span plain, on a background, or reversed.
fn rows() -> impl Strategy<Value = Vec<Line<'static>>> {
    let words = ["日本", "ﺏﺎﺑ", "word", "e\u{301}", " ", "  ", "😀", "─│"];
    let styles = [
        Style::new(),
        Style::new().bg(Color::Blue),
        Style::new().add_modifier(Modifier::REVERSED),
    ];
    let span =
        (0..words.len(), 0..styles.len()).prop_map(move |(w, s)| Span::styled(words[w], styles[s]));
    prop::collection::vec(prop::collection::vec(span, 0..6).prop_map(Line::from), 0..4)
}

proptest! {
    // Frame after frame, the terminal shows what the frame holds; and the
    // terminal model is fair: it says the same of ratatui's own drawing.
    #[test]
    fn the_terminal_shows_each_frame(frames in prop::collection::vec(rows(), 2..4), width in 2u16..14) {
        let area = Rect::new(0, 0, width, 3);
        for ours in [false, true] {
            let mut term = Terminal::new(area);
            let mut prev = Buffer::empty(area);
            for lines in &frames {
                let next = frame(lines, area, ours);
                term.apply(&prev, &next);
                let shown: Vec<_> = term.cells.iter().map(looks).collect();
                prop_assert_eq!(shown, intended(&next), "ours: {}", ours);
                prev = next;
            }
        }
    }
}

// The case the marks are for: a wide glyph on a background, then a
// narrow one in its place and nothing after it. The diff's path for a
// narrow glyph with a stated width does not send the blank; the mark on
// the covered cell does.
#[test]
fn a_wide_glyph_on_a_background_leaves_nothing_behind() {
    let area = Rect::new(0, 0, 4, 1);
    let blue = Style::new().bg(Color::Blue);
    let first = frame(&[Line::from(Span::styled("日", blue))], area, true);
    let second = frame(&[Line::from("ﺏ")], area, true);
    let mut term = Terminal::new(area);
    term.apply(&Buffer::empty(area), &first);
    term.apply(&first, &second);
    let shown: Vec<_> = term.cells.iter().map(looks).collect();
    assert_eq!(shown, intended(&second));
    assert_eq!(shown[1], Some((" ".into(), Style::new().bg(Color::Reset))));
}

// The check the view makes in debug builds finds a wide glyph written over
// a cell whose width was stated, and passes once the cell is cleared first.
#[test]
fn a_wide_glyph_over_a_stated_width_is_found() {
    let area = Rect::new(0, 0, 4, 1);
    let mut buf = frame(&[Line::from("ﺏﺏ")], area, true);
    assert!(super::widths_hold(&buf));
    let mut over = buf.clone();
    over.set_string(0, 0, "日", Style::new());
    assert!(!super::widths_hold(&over));
    // Drawn over by rows itself, the cell says what it holds now.
    let mut redrawn = buf.clone();
    render(&[Line::from("日")], 0, area, &mut redrawn);
    assert!(super::widths_hold(&redrawn));
    ratatui::widgets::Clear.render(Rect::new(0, 0, 2, 1), &mut buf);
    buf.set_string(0, 0, "日", Style::new());
    assert!(super::widths_hold(&buf));
}
