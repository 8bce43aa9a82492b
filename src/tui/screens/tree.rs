//! The visible rows of one article's tree, cached: expanding or collapsing
//! splices the list instead of walking the tree again, so a frame never
//! walks a large tree (DESIGN.md measured 35–45 ms per re-walk at 1M nodes).

use crate::model::{Article, NodeIdx};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub node: NodeIdx,
    pub depth: u16,
}

/// Expansion state, visible rows, cursor and scroll of one article's tree.
#[derive(Debug, Clone, Default)]
pub struct TreeView {
    /// Indexed like the article's arena.
    pub expanded: Vec<bool>,
    pub rows: Vec<Row>,
    pub cursor: usize,
    pub offset: usize,
}

impl TreeView {
    /// A tree with the thesis and its direct reasons visible.
    pub fn new(a: &Article) -> TreeView {
        let mut t = TreeView {
            expanded: vec![false; a.nodes.len()],
            ..Default::default()
        };
        t.expanded[a.root as usize] = true;
        t.rebuild(a);
        t
    }

    /// Walks the whole tree once; for creation and expand/collapse-all only.
    pub fn rebuild(&mut self, a: &Article) {
        self.expanded.resize(a.nodes.len(), false);
        let keep = self.rows.get(self.cursor).map(|r| r.node);
        self.rows.clear();
        self.push_visible(a, a.root, 0, None);
        self.cursor = keep
            .and_then(|n| self.rows.iter().position(|r| r.node == n))
            .unwrap_or(0);
    }

    /// Appends (or inserts at `at`) the visible rows of a subtree, iteratively.
    fn push_visible(&mut self, a: &Article, from: NodeIdx, depth: u16, at: Option<usize>) -> usize {
        let mut out = Vec::new();
        let mut stack = vec![(from, depth)];
        while let Some((n, d)) = stack.pop() {
            out.push(Row { node: n, depth: d });
            if self.expanded[n as usize] {
                stack.extend(a.node(n).children().iter().rev().map(|&c| (c, d + 1)));
            }
        }
        let len = out.len();
        match at {
            Some(i) => {
                self.rows.splice(i..i, out);
            }
            None => self.rows.extend(out),
        }
        len
    }

    pub fn current(&self) -> Option<NodeIdx> {
        self.rows.get(self.cursor).map(|r| r.node)
    }

    pub fn is_expanded(&self, n: NodeIdx) -> bool {
        self.expanded.get(n as usize).copied().unwrap_or(false)
    }

    /// Expands the row's node, splicing its visible descendants in below it.
    pub fn expand(&mut self, a: &Article, row: usize) {
        let Some(r) = self.rows.get(row).copied() else {
            return;
        };
        if self.is_expanded(r.node) || a.node(r.node).children().is_empty() {
            return;
        }
        self.expanded[r.node as usize] = true;
        // Insert the children's subtrees (the row itself is already there).
        let mut at = row + 1;
        for &c in a.node(r.node).children() {
            at += self.push_visible(a, c, r.depth + 1, Some(at));
        }
    }

    /// Collapses the row's node, removing the rows below it that are deeper.
    pub fn collapse(&mut self, row: usize) {
        let Some(r) = self.rows.get(row).copied() else {
            return;
        };
        if !self.is_expanded(r.node) {
            return;
        }
        self.expanded[r.node as usize] = false;
        let end = self.rows[row + 1..]
            .iter()
            .position(|x| x.depth <= r.depth)
            .map_or(self.rows.len(), |p| row + 1 + p);
        self.rows.drain(row + 1..end);
        if self.cursor > row && self.cursor < end {
            self.cursor = row;
        } else if self.cursor >= end {
            self.cursor -= end - row - 1;
        }
    }

    pub fn set_all(&mut self, a: &Article, expanded: bool) {
        self.expanded.iter_mut().for_each(|e| *e = expanded);
        if let Some(e) = self.expanded.get_mut(a.root as usize) {
            *e = true;
        }
        self.rebuild(a);
    }

    /// Expands every ancestor of `node` and puts the cursor on it.
    pub fn reveal(&mut self, a: &Article, node: NodeIdx) {
        let hidden = a.ancestors(node).any(|p| !self.is_expanded(p));
        if hidden {
            for p in a.ancestors(node).collect::<Vec<_>>() {
                self.expanded[p as usize] = true;
            }
            self.rebuild(a);
        }
        if let Some(i) = self.rows.iter().position(|r| r.node == node) {
            self.cursor = i;
        }
    }

    /// Keeps the cursor inside a window of `height` rows.
    pub fn scroll_into_view(&mut self, height: usize) {
        let h = height.max(1);
        let max_off = self.rows.len().saturating_sub(h);
        self.offset = crate::tui::widgets::list::scroll_into_view(self.offset, self.cursor, h)
            .min(max_off)
            .min(self.cursor);
    }

    pub fn row_of(&self, node: NodeIdx) -> Option<usize> {
        self.rows.iter().position(|r| r.node == node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleMeta, Node, NodeFields};

    /// thesis(0) -> a(1) -> a1(2), a2(3); thesis -> b(4)
    fn article() -> Article {
        let n = |parent: Option<u32>, children: Vec<u32>| {
            Node::from(NodeFields {
                parent,
                children,
                ..Default::default()
            })
        };
        Article {
            meta: ArticleMeta::default(),
            nodes: vec![
                n(None, vec![1, 4]),
                n(Some(0), vec![2, 3]),
                n(Some(1), vec![]),
                n(Some(1), vec![]),
                n(Some(0), vec![]),
            ],
            root: 0,
        }
    }

    fn nodes(t: &TreeView) -> Vec<u32> {
        t.rows.iter().map(|r| r.node).collect()
    }

    // Splicing gives the same rows as a full walk would.
    #[test]
    fn expand_collapse_splice() {
        let a = article();
        let mut t = TreeView::new(&a);
        assert_eq!(nodes(&t), vec![0, 1, 4]);
        t.expand(&a, 1);
        assert_eq!(nodes(&t), vec![0, 1, 2, 3, 4]);
        assert_eq!(t.rows[2].depth, 2);
        let mut fresh = t.clone();
        fresh.rebuild(&a);
        assert_eq!(fresh.rows, t.rows);
        t.cursor = 3;
        t.collapse(1);
        assert_eq!(nodes(&t), vec![0, 1, 4]);
        assert_eq!(
            t.cursor, 1,
            "a cursor inside the collapsed subtree moves to its root"
        );
    }

    // Revealing a hidden node expands its ancestors and selects it.
    #[test]
    fn reveal_expands_ancestors() {
        let a = article();
        let mut t = TreeView::new(&a);
        t.collapse(0);
        assert_eq!(nodes(&t), vec![0]);
        t.reveal(&a, 3);
        assert_eq!(t.current(), Some(3));
        assert_eq!(nodes(&t), vec![0, 1, 2, 3, 4]);
    }

    // The window follows the cursor and never scrolls past the end.
    #[test]
    fn scrolling() {
        let a = article();
        let mut t = TreeView::new(&a);
        t.set_all(&a, true);
        t.cursor = 4;
        t.scroll_into_view(2);
        assert_eq!(t.offset, 3);
        t.cursor = 0;
        t.scroll_into_view(2);
        assert_eq!(t.offset, 0);
    }
}
