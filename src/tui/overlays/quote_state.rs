//! A passage of the source being selected as a quote (`v`), as data: the
//! source's words, the selection's two ends, and the text being looked
//! for. The source pane draws it; its keys are `quote`'s.

use std::ops::Range;

use crate::tui::widgets::line_edit::LineEdit;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSelect {
    /// Byte ranges of the source's words, in order.
    pub words: Vec<Range<usize>>,
    pub anchor: usize,
    pub cursor: usize,
    /// The text being looked for (`/`), while it is typed.
    pub find: Option<LineEdit>,
}

impl QuoteSelect {
    /// The selected bytes of the source: first word's start to last word's end.
    pub fn range(&self) -> Range<usize> {
        let (a, b) = (self.anchor.min(self.cursor), self.anchor.max(self.cursor));
        match (self.words.get(a), self.words.get(b)) {
            (Some(x), Some(y)) => x.start..y.end,
            _ => 0..0,
        }
    }

    pub fn word_count(&self) -> usize {
        self.anchor.abs_diff(self.cursor) + 1
    }

    /// The word containing byte `at` (or the next one after it).
    pub fn word_at(&self, at: usize) -> usize {
        self.words
            .partition_point(|w| w.end <= at)
            .min(self.words.len().saturating_sub(1))
    }
}
