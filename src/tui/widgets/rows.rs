//! Drawing lines that are already laid out (one `Line` a row, never
//! re-wrapped) straight into the buffer, cell for cell as ratatui's
//! `Paragraph` without wrapping draws them, at a fraction of its cost.
//!
//! The panes drawn on every frame (the article list, the tree, the detail)
//! hand over 150 rows or more. `Paragraph` styles each grapheme into a
//! vector, then measures every grapheme three times while truncating and
//! drawing it; at 200×60 that was half of a frame (issue 19, item 6). Here
//! each grapheme is measured once and written where it goes.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use unicode_segmentation::UnicodeSegmentation;

/// Draws `lines` from the `skip`-th into `area`, one row each, cut at the
/// area's width; rows past the lines are left as they are. Left-aligned
/// only: the panes pad right-to-left rows themselves (`bidi_line`).
pub fn render(lines: &[Line<'_>], skip: usize, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    for (y, line) in (area.top()..area.bottom()).zip(lines.iter().skip(skip)) {
        let row = buf.index_of(area.left(), y);
        render_line(line, row, area.width, buf);
    }
}

/// One line into the cells from `row` (an index into `buf.content`), at
/// most `width` cells: the same cells `Paragraph` fills — a grapheme wider
/// than the whole row is skipped, the first one that no longer fits ends
/// the row, zero-width ones take no cell.
fn render_line(line: &Line<'_>, row: usize, width: u16, buf: &mut Buffer) {
    let max = width as usize;
    let mut used = 0usize;
    for span in &line.spans {
        let style = line.style.patch(span.style);
        // Each cluster, one cell wide when `narrow` (or one byte: printable
        // ASCII, controls being dropped before); false once the row is full.
        let mut put = |g: &str, narrow: bool| {
            let w = if narrow || g.len() == 1 {
                1
            } else {
                g.cell_width() as usize
            };
            if w > max {
                return true;
            }
            if used + w > max {
                return false;
            }
            if w > 0 {
                put_cell(buf, row + used, g, w, style);
                used += w;
            }
            true
        };
        // Cut char by char while `class` knows the chars: a fifth of a
        // frame went into Unicode's segmentation rules, for text that never
        // needs them. Each char is decoded and classed once.
        let mut rest: &str = &span.content;
        while let Some(cut) = next_cluster(rest) {
            let Some((len, narrow)) = cut else {
                // From the cluster with a char `class` does not know, the
                // rules; `Paragraph` drops graphemes with a control char.
                let mut drawn = rest
                    .graphemes(true)
                    .filter(|g| !g.contains(char::is_control));
                if !drawn.all(|g| put(g, false)) {
                    return;
                }
                break;
            };
            if !put(&rest[..len], narrow) {
                return;
            }
            rest = &rest[len..];
        }
    }
}

/// Writes the cluster `g`, `w` cells wide, at `at` (an index into
/// `buf.content`), and tells ratatui's diff what it needs to know.
///
/// The diff measures every cell of every frame again to step over wide
/// ones: for a shaped Arabic letter or a border that is a lookup in
/// Unicode's tables each time, half of the diff's cost. A one-cell cluster
/// of more than one byte says its width instead (`ForcedWidth`, which the
/// diff reads as it is). That path of the diff does not refresh the cells
/// a wide glyph covered when a narrower one replaces it, where a terminal
/// may leave the wide glyph's background; so the cells a wide glyph covers
/// are marked, and whatever is drawn there next frame differs from the
/// mark and is sent.
pub fn put_cell(buf: &mut Buffer, at: usize, g: &str, w: usize, style: Style) {
    let cell = &mut buf.content[at];
    cell.set_symbol(g).set_style(style);
    // Whatever the cell said before this frame's earlier drawing there.
    cell.set_diff_option(match w == 1 && g.len() > 1 {
        true => CellDiffOption::ForcedWidth(NonZeroU16::MIN),
        false => CellDiffOption::None,
    });
    for covered in buf
        .content
        .iter_mut()
        .skip(at + 1)
        .take(w.saturating_sub(1))
    {
        covered.set_diff_option(CellDiffOption::AlwaysUpdate);
    }
}

/// Whether every cell that states its width ([`put_cell`]) still holds a
/// glyph that wide. A wide glyph written later in the frame over such a
/// cell, without clearing it first (as the overlays do with `Clear`), would
/// keep the stated width, and the diff would send a blank over the wide
/// glyph's second half. The view checks this after each frame in debug
/// builds, so every UI test does.
pub fn widths_hold(buf: &Buffer) -> bool {
    buf.content.iter().all(|c| match c.diff_option {
        CellDiffOption::ForcedWidth(w) => c.symbol().cell_width() == w.get(),
        _ => true,
    })
}

/// The first grapheme cluster of `s` when `class` knows its chars and the
/// char after it: its length in bytes and whether it is one cell
/// (`narrow`); `Some(None)` when it needs Unicode's rules, `None` at the
/// end. A cluster is a char, then the marks after it.
fn next_cluster(s: &str) -> Option<Option<(usize, bool)>> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    let narrow = match class(first) {
        Class::Other => return Some(None),
        Class::Base => one_cell(first),
        Class::Mark => false,
    };
    for (i, c) in chars {
        match class(c) {
            Class::Base => return Some(Some((i, narrow))),
            Class::Mark => {}
            Class::Other => return Some(None),
        }
    }
    Some(Some((s.len(), narrow)))
}

/// Whether a cluster that begins with `c` (a `Base` char, then marks) is
/// one cell wide: Latin, Arabic letters and their shaped forms, dashes and
/// quotes, box drawing. Measuring each took a tenth of the drawing.
#[cfg(test)]
fn narrow(c: char) -> bool {
    one_cell(c) && class(c) == Class::Base
}

/// [`narrow`] for a char already known to be `Base`.
fn one_cell(c: char) -> bool {
    matches!(c as u32,
        0x20..=0x7e | 0xa0..=0x2ff | 0x620..=0x6d5 | 0x2010..=0x205e | 0x2500..=0x259f
        | 0xfb50..=0xfdcf | 0xfdf0..=0xfdff | 0xfe70..=0xfefc)
}

/// The grapheme clusters of a text whose every char `class` knows: each
/// `Base` char begins one, each `Mark` joins it.
#[cfg(test)]
struct Cut<'a>(&'a str);

#[cfg(test)]
impl<'a> Iterator for Cut<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let (len, _) = next_cluster(self.0)?.expect("a known char");
        let (cluster, rest) = self.0.split_at(len);
        self.0 = rest;
        Some(cluster)
    }
}

/// Where a char falls in grapheme segmentation, for the chars of the text
/// mizan draws most (Latin, Arabic letters, their shaped forms and marks,
/// dashes, quotes, arrows, box drawing, symbols).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Begins a cluster, and nothing before it joins it.
    Base,
    /// Joins the cluster before it (a combining mark: `Extend`).
    Mark,
    /// Anything else: its rules are left to `unicode-segmentation`.
    Other,
}

fn class(c: char) -> Class {
    // Most of what is drawn is printable ASCII: settled in one test.
    if (c as u32) < 0x80 {
        return if c >= ' ' && c != '\u{7f}' {
            Class::Base
        } else {
            Class::Other
        };
    }
    match c as u32 {
        // Latin; not the soft hyphen, a format char.
        0xa0..=0xac | 0xae..=0x2ff => Class::Base,
        // Arabic letters and digits; not the prepended number signs.
        0x620..=0x64a | 0x660..=0x66f | 0x671..=0x6d5 => Class::Base,
        // Punctuation, arrows, box drawing, shapes, dingbats.
        0x2010..=0x2027 | 0x2030..=0x205e | 0x2190..=0x21ff | 0x2500..=0x27bf => Class::Base,
        // Arabic presentation forms (the shaped letters); not the BOM.
        0xfb50..=0xfdcf | 0xfdf0..=0xfdff | 0xfe70..=0xfefc => Class::Base,
        // Combining diacritics and the Arabic vowel marks.
        0x300..=0x36f | 0x64b..=0x65f | 0x670 => Class::Mark,
        _ => Class::Other,
    }
}

/// A buffer without the diff's hints (`put_cell`), to compare with what
/// ratatui's widgets draw.
#[cfg(test)]
pub fn plain(mut buf: Buffer) -> Buffer {
    for cell in &mut buf.content {
        cell.set_diff_option(CellDiffOption::None);
    }
    buf
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
                assert_eq!(plain(got), want, "width {width}, skip {skip}");
            }
        }
    }
}

#[cfg(test)]
mod cluster_tests {
    use super::*;
    use proptest::prelude::*;

    /// Every char `class` knows.
    fn known() -> &'static [char] {
        static KNOWN: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
        KNOWN.get_or_init(|| {
            (0..0x11_0000u32)
                .filter_map(char::from_u32)
                .filter(|&c| class(c) != Class::Other)
                .collect()
        })
    }

    fn cut(s: &str) -> Vec<&str> {
        Cut(s).collect()
    }

    // Each known char before and after one of every kind it could meet
    // (a letter, an Arabic letter, its shaped form, each kind of mark, a
    // box-drawing char, a dingbat, itself) is cut where Unicode's rules cut.
    #[test]
    fn the_cut_is_unicodes_for_every_known_char() {
        let others = [
            'a', 'ب', 'ﺏ', '\u{301}', '\u{64e}', '\u{670}', '─', '✓', '…',
        ];
        for &c in known() {
            for o in others.iter().copied().chain([c]) {
                for s in [format!("{c}{o}"), format!("{o}{c}"), format!("{o}{c}{o}")] {
                    let want: Vec<&str> = s.graphemes(true).collect();
                    assert_eq!(cut(&s), want, "{s:?}");
                }
            }
        }
    }

    // A cluster `narrow` says is one cell is one cell as ratatui measures
    // it, with any of the marks after it.
    #[test]
    fn narrow_clusters_are_one_cell() {
        use ratatui::buffer::CellWidth;
        let marks = ["", "\u{301}", "\u{64e}", "\u{651}\u{64e}", "\u{670}"];
        for &c in known().iter().filter(|&&c| narrow(c)) {
            for m in marks {
                let g = format!("{c}{m}");
                assert_eq!(g.as_str().cell_width(), 1, "{g:?}");
            }
        }
    }

    proptest! {
        // Any run of known chars, marks wherever they fall.
        #[test]
        fn the_cut_is_unicodes_for_any_known_text(picks in prop::collection::vec(any::<prop::sample::Index>(), 0..40)) {
            let known = known();
            let s: String = picks.iter().map(|i| known[i.index(known.len())]).collect();
            let want: Vec<&str> = s.graphemes(true).collect();
            prop_assert_eq!(cut(&s), want);
        }

        // Lines no wider than the area come out of `Paragraph`'s word wrap
        // as they went in (the help and messages rely on it), spaces and all.
        #[test]
        fn lines_that_fit_are_what_wrapping_draws(
            picks in prop::collection::vec(prop::collection::vec(0usize..6, 0..30), 1..8),
            width in 1u16..40,
            scroll in 0usize..3,
        ) {
            use ratatui::widgets::{Paragraph, Widget, Wrap};
            let words = [" ", "  ", "word", "ﺏﺎﺑ", "日本", "\u{64e}"];
            let lines: Vec<Line> = picks
                .iter()
                .map(|p| Line::from(p.iter().map(|&i| words[i]).collect::<String>()))
                .filter(|l| l.width() <= width as usize)
                .collect();
            let area = Rect::new(0, 0, width, 5);
            let mut want = Buffer::empty(area);
            let mut got = want.clone();
            Paragraph::new(lines.clone())
                .wrap(Wrap { trim: false })
                .scroll((scroll as u16, 0))
                .render(area, &mut want);
            render(&lines, scroll, area, &mut got);
            prop_assert_eq!(plain(got), want);
        }

        // Drawn through both paths (a known span, an unknown one), a row is
        // what `Paragraph` draws.
        #[test]
        fn rows_of_any_text_are_what_paragraph_draws(
            picks in prop::collection::vec(any::<prop::sample::Index>(), 0..30),
            // Any char, or one that joins what is around it: a joiner, a
            // mark `class` does not know, a variation selector, a prepended
            // number sign, an emoji, a wide char, a control.
            odd in prop::collection::vec(prop_oneof![
                any::<char>(),
                prop::sample::select(vec!['\u{200d}', '\u{483}', '\u{fe0f}', '\u{600}', '😀', '日', '\t']),
            ], 0..4),
            width in 1u16..30,
        ) {
            use ratatui::widgets::{Paragraph, Widget};
            let known = known();
            let a: String = picks.iter().map(|i| known[i.index(known.len())]).collect();
            let b: String = odd.iter().collect::<String>() + &a;
            // The unknown chars in the middle: the rules take over from
            // the cluster they fall in (after a mark, say).
            let half = a.char_indices().nth(picks.len() / 2).map_or(a.len(), |(i, _)| i);
            let c = format!("{}{}{}", &a[..half], odd.iter().collect::<String>(), &a[half..]);
            let lines = vec![Line::from(a.clone()), Line::from(vec![a.into(), b.into()]), Line::from(c)];
            let area = Rect::new(0, 0, width, 3);
            let mut want = Buffer::empty(area);
            let mut got = want.clone();
            Paragraph::new(lines.clone()).render(area, &mut want);
            render(&lines, 0, area, &mut got);
            prop_assert_eq!(plain(got), want);
        }
    }
}

#[cfg(test)]
#[path = "rows_diff_tests.rs"]
mod diff_tests;
