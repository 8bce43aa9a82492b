//! Laying out one paragraph (a claim, a quote, a source paragraph) as the
//! cells a terminal should show: the public face of the display pipeline.
//!
//! The pipeline is DESIGN.md's "Arabic in a terminal": sanitise, take the
//! paragraph's direction from the whole paragraph, shape in logical order
//! (`shape`), wrap in logical order (`wrap`), then reorder each line into
//! visual order with mirrored brackets (`bidi`). Every [`Glyph`] remembers
//! the byte range of the original paragraph it stands for, so the UI can
//! highlight logical ranges (search hits, the selected quote) after the
//! visual permutation. This module draws nothing: the UI turns a
//! [`VisualLine`] into whatever its widgets need.

use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{bidi, shape, wrap};

/// Who shapes and reorders right-to-left text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BidiMode {
    /// mizan shapes Arabic and sends cells in visual order: for terminals
    /// that do neither (xterm, Alacritty, foot, Windows Terminal, tmux).
    #[default]
    Mizan,
    /// Cells go out in logical order, unshaped: for terminals that reorder
    /// and join by themselves (Konsole, mlterm, iTerm2, VTE under tmux).
    Terminal,
    /// Logical order, unshaped, every line left to right: for debugging
    /// and screen readers.
    Off,
}

impl BidiMode {
    /// Every mode with the name a config file or `--bidi` uses for it.
    pub const ALL: [(BidiMode, &'static str); 3] = [
        (BidiMode::Mizan, "mizan"),
        (BidiMode::Terminal, "terminal"),
        (BidiMode::Off, "off"),
    ];

    /// The name a config file or `--bidi` uses.
    pub fn name(self) -> &'static str {
        match self {
            BidiMode::Mizan => "mizan",
            BidiMode::Terminal => "terminal",
            BidiMode::Off => "off",
        }
    }
}

impl std::fmt::Display for BidiMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.name())
    }
}

/// A name that is not one of [`BidiMode::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown bidi mode `{0}` (expected mizan, terminal or off)")]
pub struct UnknownBidiMode(pub String);

impl FromStr for BidiMode {
    type Err = UnknownBidiMode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BidiMode::ALL
            .iter()
            .find(|(_, name)| *name == s)
            .map(|(mode, _)| *mode)
            .ok_or_else(|| UnknownBidiMode(s.to_owned()))
    }
}

/// What one or more terminal cells show, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Glyph {
    /// What to draw: one grapheme cluster (shaped and mirrored in
    /// [`BidiMode::Mizan`]), or the visible stand-in of a forbidden
    /// character such as `<U+202E>`. Never begins with a combining mark, so
    /// ratatui cannot drop a mark by starting a span with it.
    pub text: String,
    /// The byte range of the original paragraph this glyph stands for. A
    /// lam-alef ligature covers both letters and their marks.
    pub logical: Range<usize>,
    /// Terminal cells, measured as ratatui draws `text` ([`display_width`]).
    pub width: usize,
}

impl Glyph {
    /// Whether the glyph stands for any byte of `logical`, a range of the
    /// original paragraph (a search hit, the selected quote).
    pub fn overlaps(&self, logical: &Range<usize>) -> bool {
        self.logical.start < logical.end && logical.start < self.logical.end
    }
}

/// One row of a laid-out paragraph, its glyphs left to right on screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VisualLine {
    /// Left to right as drawn.
    pub glyphs: Vec<Glyph>,
    /// Cells taken, the sum of the glyphs' widths. Right-align with this,
    /// not with ratatui's `Line::width`, which measures a whole string at
    /// once and counts an unshaped `لا` as one cell where two are drawn.
    pub width: usize,
    /// The paragraph is right-to-left: the UI right-aligns the line.
    pub rtl: bool,
}

impl VisualLine {
    /// The line's text as drawn, left to right.
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }

    /// Neighbouring glyphs that get the same style, joined into one string
    /// each, left to right: the spans to draw. `style_of` usually asks
    /// [`Glyph::overlaps`] whether a glyph is in a highlighted logical
    /// range; a highlight split by reordering comes back as several runs.
    pub fn runs<S: PartialEq>(&self, style_of: impl Fn(&Glyph) -> S) -> Vec<(String, S)> {
        // The runs' glyphs first, then each string at its size: grown glyph
        // by glyph, reallocation was a tenth of a frame at 200×60.
        let mut spans: Vec<(std::ops::Range<usize>, usize, S)> = Vec::new();
        for (i, glyph) in self.glyphs.iter().enumerate() {
            let style = style_of(glyph);
            match spans.last_mut() {
                Some((glyphs, len, last)) if *last == style => {
                    glyphs.end = i + 1;
                    *len += glyph.text.len();
                }
                _ => spans.push((i..i + 1, glyph.text.len(), style)),
            }
        }
        spans
            .into_iter()
            .map(|(glyphs, len, style)| {
                let mut text = String::with_capacity(len);
                for g in &self.glyphs[glyphs] {
                    text.push_str(&g.text);
                }
                (text, style)
            })
            .collect()
    }
}

/// Lays out one paragraph for a column `width` cells wide.
///
/// A paragraph is one line of logical text: a newline is a forbidden
/// character and is shown as `␊`, so split text at newlines first.
///
/// Returns one [`VisualLine`] per screen row, top to bottom. An empty
/// paragraph gives one empty line (so an empty field still takes a row); a
/// width of 0 gives no lines, since nothing fits. Lines break at spaces;
/// the spaces at a break are not drawn and belong to no glyph (as with
/// ratatui's own word wrap). A word wider than the column is broken between
/// grapheme clusters. No line is wider than `width`, except that a single
/// two-cell glyph still gets a line of its own when `width` is 1.
pub fn layout(paragraph: &str, width: usize, mode: BidiMode) -> Vec<VisualLine> {
    // A huge paragraph (a 6 MB claim in a crafted map) is laid out only as
    // far as anyone reads on a screen, then says how much more there is:
    // shaping all of it took seconds and a gigabyte per key (issue 20,
    // item 10). The note's glyphs stand for no bytes, like `…`.
    if let Some((cut, _)) = paragraph.char_indices().nth(MAX_LAID_OUT_CHARS) {
        let mut lines = layout(&paragraph[..cut], width, mode);
        let more = paragraph[cut..].chars().count();
        for mut line in layout(&format!("… ({more} more characters)"), width, mode) {
            for g in &mut line.glyphs {
                g.logical = cut..cut;
            }
            lines.push(line);
        }
        return lines;
    }
    if width == 0 {
        return Vec::new();
    }
    let rtl = mode != BidiMode::Off && is_rtl(paragraph);
    let pieces = wrap::split_wider_than(shape::pieces(paragraph, mode == BidiMode::Mizan), width);
    let lines = wrap::wrap(&pieces, width);
    let ordered = match mode {
        BidiMode::Mizan => bidi::reorder(pieces, &lines, rtl),
        BidiMode::Terminal | BidiMode::Off => {
            let mut pieces = pieces.into_iter().enumerate().peekable();
            let mut in_line = |line: &Range<usize>| -> Vec<Glyph> {
                // Skip the spaces dropped at the break before the line.
                while pieces.next_if(|(k, _)| *k < line.start).is_some() {}
                std::iter::from_fn(|| pieces.next_if(|(k, _)| *k < line.end))
                    .map(|(_, p)| p.glyph)
                    .collect()
            };
            lines.iter().map(&mut in_line).collect()
        }
    };
    ordered
        .into_iter()
        .map(|glyphs: Vec<Glyph>| VisualLine {
            width: glyphs.iter().map(|g| g.width).sum(),
            glyphs,
            rtl,
        })
        .collect()
}

/// The paragraph in one row of `width` cells: its first line, with `…` at
/// the logical end (the left of a right-to-left line) when there is more.
/// For lists that show one row per item. The ellipsis glyph stands for no
/// bytes (an empty range where the line stops).
pub fn truncated(paragraph: &str, width: usize, mode: BidiMode) -> VisualLine {
    // One row never shows more than a few characters per cell (marks and
    // joiners take none): lay out only those.
    let enough = width.saturating_mul(8).saturating_add(16);
    let paragraph = match paragraph.char_indices().nth(enough) {
        Some((cut, _)) => &paragraph[..cut],
        None => paragraph,
    };
    let mut lines = layout(paragraph, width, mode);
    if lines.len() <= 1 || width < 2 {
        return lines.into_iter().next().unwrap_or_default();
    }
    // swap_remove(0) cannot fail: a width of 1 or more gives a line at least.
    let mut line = layout(paragraph, width - 1, mode).swap_remove(0);
    if line.width >= width {
        // A two-cell glyph alone in the narrower column: no room for `…`.
        return lines.swap_remove(0);
    }
    let end = line.glyphs.iter().map(|g| g.logical.end).max().unwrap_or(0);
    let ellipsis = Glyph {
        text: "…".to_owned(),
        logical: end..end,
        width: 1,
    };
    // In terminal mode the terminal reorders, so logical end is enough.
    if line.rtl && mode == BidiMode::Mizan {
        line.glyphs.insert(0, ellipsis);
    } else {
        line.glyphs.push(ellipsis);
    }
    line.width += 1;
    line
}

/// The most characters of one paragraph [`layout`] lays out (a screen's
/// worth many times over).
pub const MAX_LAID_OUT_CHARS: usize = 20_000;

/// Whether the paragraph runs right to left: its first strong character
/// (unicode-bidi's rules P2–P3) is right-to-left. Forbidden characters are
/// shown, not obeyed, so an RLM or an override does not count.
pub fn is_rtl(paragraph: &str) -> bool {
    bidi::is_rtl(paragraph)
}

/// The cells ratatui takes to draw `s`, exactly as ratatui 0.30's
/// `Buffer::set_stringn` and `Span::styled_graphemes` do it.
pub fn display_width(s: &str) -> usize {
    wrap::display_width(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Config files and `--bidi` name the modes in snake_case.
    #[test]
    fn modes_parse_by_name() {
        for (mode, name) in BidiMode::ALL {
            assert_eq!(name.parse::<BidiMode>(), Ok(mode));
            assert_eq!(mode.to_string(), name);
            let json = format!("\"{name}\"");
            assert_eq!(serde_json::from_str::<BidiMode>(&json).ok(), Some(mode));
        }
        assert!("Mizan".parse::<BidiMode>().is_err());
        assert_eq!(BidiMode::default(), BidiMode::Mizan);
    }

    // A logical highlight (the word ISIS) becomes one run in the middle of
    // the reversed line, between two unhighlighted runs.
    #[test]
    fn runs_split_where_the_style_changes() {
        let p = "هزيمة ISIS نهائيا.";
        let hit = 11..15;
        assert_eq!(&p[hit.clone()], "ISIS");
        let lines = layout(p, 80, BidiMode::Mizan);
        let runs = lines[0].runs(|g| g.overlaps(&hit));
        let styles: Vec<bool> = runs.iter().map(|(_, lit)| *lit).collect();
        assert_eq!(styles, [false, true, false]);
        assert_eq!(runs[1].0, "ISIS");
        let joined: String = runs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(joined, lines[0].text());
    }
}
