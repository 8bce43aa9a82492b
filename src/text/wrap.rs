//! Measuring as ratatui draws, and wrapping glyphs in logical order.
//!
//! Wrapping happens before reordering (a line's visual order depends on
//! which words are on it) and measures each glyph as ratatui will draw it:
//! an unshaped `لا` is one cell to `unicode-width` as a string but two
//! cells on screen, one per grapheme.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::shape::Piece;

/// The cells ratatui 0.30 takes to draw `s`: graphemes holding a control
/// character are skipped (`Span::styled_graphemes`), each other grapheme
/// takes its `CellWidth::cell_width` (one for a single byte, else its
/// `unicode-width`, plus one per halfwidth katakana sound mark), and
/// zero-width graphemes are dropped (`Buffer::set_stringn`).
pub(crate) fn display_width(s: &str) -> usize {
    s.graphemes(true)
        .filter(|g| !g.contains(char::is_control))
        .map(cell_width)
        .sum()
}

fn cell_width(grapheme: &str) -> usize {
    if grapheme.len() == 1 {
        return 1;
    }
    let sound_marks = grapheme
        .chars()
        .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
        .count();
    // ratatui keeps widths in a u16 and saturates; no grapheme gets near.
    grapheme.width() + sound_marks
}

/// Where a line may break: a glyph of breaking spaces (Unicode's space
/// separators less the no-break ones U+00A0, U+2007, U+202F). Line and
/// paragraph separators are not spaces to wrap at.
fn is_break(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| {
            matches!(c, ' ' | '\u{1680}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}'
                | '\u{205F}' | '\u{3000}')
        })
}

/// Splits every multi-grapheme glyph wider than `width` (a long stand-in
/// such as `<U+202E>` in a narrow column) into one glyph per grapheme, each
/// standing for the same logical bytes, so that wrapping can break it.
pub(crate) fn split_wider_than(pieces: Vec<Piece>, width: usize) -> Vec<Piece> {
    if pieces.iter().all(|p| p.glyph.width <= width) {
        return pieces;
    }
    let mut out = Vec::with_capacity(pieces.len() + 8);
    for p in pieces {
        if p.glyph.width <= width || p.glyph.text.graphemes(true).nth(1).is_none() {
            out.push(p);
            continue;
        }
        let first = out.len();
        for g in p.glyph.text.graphemes(true) {
            let width = display_width(g);
            let has_part = out.len() > first;
            match out.last_mut() {
                // A zero-width grapheme (a mark after a BOM) stays on the
                // part before it, so no part starts with it.
                Some(last) if width == 0 && has_part => last.glyph.text.push_str(g),
                _ => {
                    let mut part = p.clone();
                    part.glyph.text = g.to_owned();
                    part.glyph.width = width;
                    out.push(part);
                }
            }
        }
    }
    out
}

/// Greedy word wrap of glyphs in logical order into lines at most `width`
/// cells wide (`width` ≥ 1), as ranges of `pieces`. The spaces at a break
/// are on no line; a word wider than `width` is broken between glyphs; an
/// empty paragraph gives one empty line.
pub(crate) fn wrap(pieces: &[Piece], width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    // The current line: its first glyph, end (exclusive) and width.
    let mut start = 0;
    let mut end = 0;
    let mut used = 0;
    let mut i = 0;
    while i < pieces.len() {
        let spaces = i;
        while i < pieces.len() && is_break(&pieces[i].glyph.text) {
            i += 1;
        }
        let word = i;
        while i < pieces.len() && !is_break(&pieces[i].glyph.text) {
            i += 1;
        }
        let spaces_width: usize = pieces[spaces..word].iter().map(|p| p.glyph.width).sum();
        let word_width: usize = pieces[word..i].iter().map(|p| p.glyph.width).sum();
        if spaces == 0 {
            // Leading spaces are indentation, kept like part of the word.
            (start, end, used) = place(pieces, 0..i, width, &mut lines, (0, 0, 0));
        } else if used + spaces_width + word_width <= width {
            end = i;
            used += spaces_width + word_width;
        } else if word == i {
            // Trailing spaces that do not fit are a break with nothing after.
            break;
        } else {
            lines.push(start..end);
            (start, end, used) = place(pieces, word..i, width, &mut lines, (word, word, 0));
        }
    }
    lines.push(start..end);
    lines
}

/// Puts `word` on the current line `(start, end, used)`, which it is known
/// to start or to fit, breaking it between glyphs when it is wider than
/// `width`; returns the new current line.
fn place(
    pieces: &[Piece],
    word: Range<usize>,
    width: usize,
    lines: &mut Vec<Range<usize>>,
    (mut start, mut end, mut used): (usize, usize, usize),
) -> (usize, usize, usize) {
    for k in word {
        let w = pieces[k].glyph.width;
        if used + w > width && end > start {
            lines.push(start..end);
            (start, used) = (k, 0);
        }
        end = k + 1;
        used += w;
    }
    (start, end, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The widths ratatui's own tests and the DESIGN.md finding rely on.
    #[test]
    fn widths_as_ratatui_draws() {
        assert_eq!(display_width(""), 0);
        assert_eq!(display_width("test"), 4);
        // Unshaped lam + alef: one cell to unicode-width as a string, two drawn.
        assert_eq!("لا".width(), 1);
        assert_eq!(display_width("لا"), 2);
        // The ligature is a single cell.
        assert_eq!(display_width("\u{FEFB}"), 1);
        // A harakah adds nothing to its letter.
        assert_eq!(display_width("إنَّ"), 2);
        // Wide CJK and an emoji with VS16 take two cells.
        assert_eq!(display_width("中"), 2);
        assert_eq!(display_width("🦀"), 2);
        // Controls are not drawn.
        assert_eq!(display_width("a\u{7}b"), 2);
    }
}
