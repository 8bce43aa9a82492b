//! The paragraph's direction, and each wrapped line put into visual order.
//!
//! unicode-bidi resolves the levels (once for the whole paragraph, with the
//! paragraph's own level, so a line starting with "ISIS" stays in an RTL
//! paragraph) and rule L1 per line. The rest is done here on glyphs, which
//! unicode-bidi's `reorder_line` does not do: reversing by glyph (rule L2
//! on grapheme clusters, so harakat stay on their letter, which is rule L3's
//! intent) and mirroring brackets at odd levels (rule L4).

use std::ops::Range;

use unicode_bidi::{BidiInfo, Direction, Level, ParagraphBidiInfo};

use super::layout::Glyph;
use super::sanitize;
use super::shape::Piece;

/// Stands for a stand-in (`<U+202E>`) in the text given to unicode-bidi,
/// so its Latin letters and digits do not act on their neighbours.
const NEUTRAL: char = '\u{FFFC}';

/// First strong character of the paragraph (rules P2–P3), ignoring the
/// forbidden characters: they are shown, not obeyed.
pub(crate) fn is_rtl(paragraph: &str) -> bool {
    let direction = if sanitize::has_forbidden(paragraph) {
        let obeyed: String = paragraph
            .chars()
            .filter(|&c| !sanitize::is_forbidden(c))
            .collect();
        unicode_bidi::get_base_direction(obeyed.as_str())
    } else {
        unicode_bidi::get_base_direction(paragraph)
    };
    direction == Direction::Rtl
}

/// Each line of `pieces` (ranges from `wrap`) in visual order, left to
/// right, with brackets mirrored in right-to-left runs.
pub(crate) fn reorder(pieces: Vec<Piece>, lines: &[Range<usize>], rtl: bool) -> Vec<Vec<Glyph>> {
    // Byte offset of each piece in the text unicode-bidi sees.
    let mut offsets = Vec::with_capacity(pieces.len() + 1);
    let mut text = String::with_capacity(pieces.iter().map(|p| p.glyph.text.len()).sum());
    for p in &pieces {
        offsets.push(text.len());
        if p.verbatim {
            text.push(NEUTRAL);
        } else {
            text.push_str(&p.glyph.text);
        }
    }
    offsets.push(text.len());
    let level = if rtl { Level::rtl() } else { Level::ltr() };
    let info = ParagraphBidiInfo::new(&text, Some(level));
    let mut pieces: Vec<Option<Piece>> = pieces.into_iter().map(Some).collect();

    lines
        .iter()
        .map(|line| {
            let mut line_pieces = pieces[line.clone()].iter_mut().filter_map(Option::take);
            if !rtl && !info.has_rtl() {
                return line_pieces.map(|p| p.glyph).collect();
            }
            let levels = info.reordered_levels(offsets[line.start]..offsets[line.end]);
            let mut line_pieces: Vec<(Level, Piece)> = line
                .clone()
                // An empty glyph has no byte of its own to take a level from.
                .map(|k| levels.get(offsets[k]).copied().unwrap_or(level))
                .zip(&mut line_pieces)
                .collect();
            let glyph_levels: Vec<Level> = line_pieces.iter().map(|(l, _)| *l).collect();
            BidiInfo::reorder_visual(&glyph_levels)
                .into_iter()
                .map(|k| {
                    let (level, p) = &mut line_pieces[k];
                    let glyph = std::mem::take(&mut p.glyph);
                    if level.is_rtl() && !p.verbatim {
                        mirrored(glyph)
                    } else {
                        glyph
                    }
                })
                .collect()
        })
        .collect()
}

/// Rule L4: a mirrored character at an odd level is drawn as its mirror
/// image (`(` as `)`, `«` as `»`).
fn mirrored(mut glyph: Glyph) -> Glyph {
    let mut chars = glyph.text.chars();
    if let Some(mirror) = chars.next().and_then(unicode_bidi_mirroring::get_mirrored) {
        let mut text = String::with_capacity(glyph.text.len());
        text.push(mirror);
        text.push_str(chars.as_str());
        glyph.text = text;
    }
    glyph
}
