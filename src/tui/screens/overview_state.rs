//! The overview screen's state: every article by theme, the selected cell,
//! the scroll, and the node list below the matrix. Its keys are
//! `overview`'s, its drawing `overview_view`'s.

use crate::compare::Overview;
use crate::tui::widgets::list;

#[derive(Debug, Clone)]
pub struct OverviewState {
    pub ov: Overview,
    /// Selected article (index into `ov.articles`) and theme column.
    pub row: usize,
    pub col: usize,
    /// First article row and theme column shown.
    pub row_offset: usize,
    pub col_offset: usize,
    /// Whether the node list below the matrix has the keys.
    pub in_nodes: bool,
    pub node_sel: usize,
}

impl OverviewState {
    pub fn new(ov: Overview, row: usize) -> OverviewState {
        OverviewState {
            row: row.min(ov.articles.len().saturating_sub(1)),
            ov,
            col: 0,
            row_offset: 0,
            col_offset: 0,
            in_nodes: false,
            node_sel: 0,
        }
    }

    /// The selected cell's nodes, as (map, node).
    pub fn nodes(&self) -> Vec<(u32, u32)> {
        let Some(a) = self.ov.articles.get(self.row) else {
            return vec![];
        };
        a.cells
            .get(self.col)
            .map_or(vec![], |c| c.nodes.iter().map(|&n| (a.map, n)).collect())
    }

    /// Moves the cell (or the node selection) and keeps it in view in a
    /// matrix with `room` for (rows, columns).
    pub fn step(&mut self, rows: isize, cols: isize, room: (usize, usize)) {
        if self.in_nodes {
            let n = self.nodes().len();
            if n > 0 {
                self.node_sel = (self.node_sel as isize + rows).clamp(0, n as isize - 1) as usize;
            }
            return;
        }
        let nr = self.ov.articles.len();
        let nc = self.ov.themes.len();
        if nr == 0 || nc == 0 {
            return;
        }
        self.row = (self.row as isize + rows).clamp(0, nr as isize - 1) as usize;
        self.col = (self.col as isize + cols).clamp(0, nc as isize - 1) as usize;
        self.node_sel = 0;
        let (h, w) = room;
        self.row_offset = list::scroll_into_view(self.row_offset, self.row, h);
        self.col_offset = list::scroll_into_view(self.col_offset, self.col, w);
    }
}
