//! What the search overlay shows, as data: the query, the hits, the
//! selection and scroll, and where the overlay goes on a screen. How keys
//! and the worker's answers change it is `search`'s.

use ratatui::layout::Rect;

use crate::search::Hit;
use crate::tui::widgets::{list, popup};

/// What the search overlay shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchState {
    pub line: crate::tui::widgets::line_edit::LineEdit,
    pub hits: Vec<Hit>,
    pub selected: usize,
    pub offset: usize,
    pub matched: usize,
    /// The generation the shown hits belong to, and the newest submitted.
    pub shown: u64,
    pub submitted: u64,
    pub done: bool,
    /// While the index is being built: how far, in percent.
    pub indexing: Option<u8>,
    /// A query typed while the maps were still arriving, to send once every
    /// map is in (a search over part of the corpus would miss the rest).
    pub pending: bool,
}

impl SearchState {
    pub fn query(&self) -> &str {
        &self.line.text
    }

    pub fn select(&mut self, by: isize, height: usize) {
        if self.hits.is_empty() {
            return;
        }
        self.selected = list::step(self.selected, by, self.hits.len());
        self.offset = list::scroll_into_view(self.offset, self.selected, height);
    }
}

/// Where the overlay goes on a screen.
pub fn area(screen: Rect) -> Rect {
    let w = (screen.width * 9 / 10).max(20).min(screen.width);
    let h = (screen.height * 8 / 10).max(5).min(screen.height);
    popup::high(screen, w, h)
}

/// Rows of hits the overlay has room for.
pub fn rows(screen: Rect) -> usize {
    area(screen).height.saturating_sub(4) as usize
}
