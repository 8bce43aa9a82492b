//! The compare screen's state: the comparison of two articles, the side
//! the selection moves on, the selection and the scroll, and how they
//! move. Its keys are `compare`'s, its drawing `compare_view`'s.

use ratatui::layout::Rect;

use crate::compare::{Comparison, Side, Verdict};
use crate::tui::widgets::list;

/// What the compare screen shows and where its selection is.
#[derive(Debug, Clone)]
pub struct CompareState {
    pub cmp: Comparison,
    /// The side the selection moves on.
    pub side: Side,
    /// Index into [`CompareState::items`].
    pub sel: usize,
    /// First body line shown.
    pub offset: usize,
    pub clashes_only: bool,
}

/// One selectable place: a row, and a node of the focused side on it (none
/// when that side says nothing on the theme).
pub type Item = (usize, Option<usize>);

impl CompareState {
    pub fn new(cmp: Comparison) -> CompareState {
        CompareState {
            cmp,
            side: Side::A,
            sel: 0,
            offset: 0,
            clashes_only: false,
        }
    }

    pub fn visible_rows(&self) -> impl Iterator<Item = usize> + '_ {
        self.cmp
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| !self.clashes_only || r.verdict == Verdict::Clash)
            .map(|(i, _)| i)
    }

    /// The selectable places on the focused side, top to bottom.
    pub fn items(&self) -> Vec<Item> {
        let mut out = Vec::new();
        for r in self.visible_rows() {
            let n = self.cmp.rows[r].side(self.side).entries.len();
            if n == 0 {
                out.push((r, None));
            }
            out.extend((0..n).map(|e| (r, Some(e))));
        }
        out
    }

    /// The item the selection is on, found without listing every item
    /// (the view asks for it each frame).
    pub fn selected_item(&self) -> Option<Item> {
        let mut left = self.sel;
        for r in self.visible_rows() {
            let n = self.cmp.rows[r].side(self.side).entries.len().max(1);
            if left < n {
                let has = !self.cmp.rows[r].side(self.side).entries.is_empty();
                return Some((r, has.then_some(left)));
            }
            left -= n;
        }
        None
    }

    /// Body lines each visible row takes: its heading, its longer side, its links.
    pub(crate) fn height(&self, r: usize) -> usize {
        let row = &self.cmp.rows[r];
        1 + row.a.entries.len().max(row.b.entries.len()).max(1) + row.links.len()
    }

    /// The body line an item is drawn on.
    fn line_of(&self, item: Item) -> usize {
        let mut line = 0;
        for r in self.visible_rows() {
            if r == item.0 {
                return line + 1 + item.1.unwrap_or(0);
            }
            line += self.height(r);
        }
        line
    }

    /// Moves the selection and scrolls so it stays in a body `height` lines tall.
    pub fn select(&mut self, by: isize, height: usize) {
        let items = self.items();
        if items.is_empty() {
            self.sel = 0;
            return;
        }
        self.sel = list::step(self.sel, by, items.len());
        let line = self.line_of(items[self.sel]);
        let h = height.max(1);
        self.offset = if line < self.offset + 1 {
            // Show the row's heading with its first node.
            line.saturating_sub(1 + items[self.sel].1.unwrap_or(0))
        } else {
            list::scroll_into_view(self.offset, line, h)
        };
    }

    /// Switches the focused side, staying on the same theme.
    pub fn switch_side(&mut self, height: usize) {
        let row = self.items().get(self.sel).map(|i| i.0);
        self.side = match self.side {
            Side::A => Side::B,
            Side::B => Side::A,
        };
        self.sel = self
            .items()
            .iter()
            .position(|i| Some(i.0) == row)
            .unwrap_or(0);
        self.select(0, height);
    }

    /// The map and node the selection is on.
    pub fn selected_node(&self) -> Option<(u32, u32)> {
        let (r, e) = self.selected_item()?;
        let entry = self.cmp.rows[r].side(self.side).entries.get(e?)?;
        let map = match self.side {
            Side::A => self.cmp.a,
            Side::B => self.cmp.b,
        };
        Some((map, entry.node))
    }
}

/// Lines the body has on a screen (for paging and keeping the selection in view).
pub fn body_height(screen: Rect) -> usize {
    screen.height.saturating_sub(7) as usize
}
