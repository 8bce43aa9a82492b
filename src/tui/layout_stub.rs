//! TEMPORARY stand-in for `text::layout` (being written on the `text` branch):
//! wraps in logical order without shaping or reordering. Replaced on merge.

use std::ops::Range;

use serde::Deserialize;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum BidiMode {
    #[default]
    Mizan,
    Terminal,
    Off,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glyph {
    pub text: String,
    pub logical: Range<usize>,
    pub width: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VisualLine {
    pub glyphs: Vec<Glyph>,
    pub width: usize,
    pub rtl: bool,
}

pub fn is_rtl(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| ('\u{0590}'..='\u{08FF}').contains(&c))
}

pub fn layout(paragraph: &str, width: usize, mode: BidiMode) -> Vec<VisualLine> {
    let rtl = mode != BidiMode::Off && is_rtl(paragraph);
    let mut lines = vec![VisualLine {
        rtl,
        ..Default::default()
    }];
    for (i, g) in paragraph.grapheme_indices(true) {
        let w = g.width();
        let cur = lines.last_mut().expect("lines is never empty");
        if cur.width + w > width.max(1) && cur.width > 0 {
            lines.push(VisualLine {
                rtl,
                ..Default::default()
            });
        }
        let cur = lines.last_mut().expect("lines is never empty");
        cur.glyphs.push(Glyph {
            text: g.to_string(),
            logical: i..i + g.len(),
            width: w,
        });
        cur.width += w;
    }
    lines
}
