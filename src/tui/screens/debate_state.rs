//! The debate screen's state: the arguments for and against across the
//! articles, the filters, each column's selection, and the timeline when
//! it is shown instead. Its keys are `debate`'s, its drawing
//! `debate_view`'s and `timeline_view`'s.

use std::cell::Cell;

use crate::compare::debate::{Debate, Filter, article_span};
use crate::compare::timeline::Timeline;
use crate::model::{ClusterBearing, Corpus, NodeRef};

/// The two columns.
pub const SIDES: [ClusterBearing; 2] = [ClusterBearing::For, ClusterBearing::Against];

#[derive(Debug, Clone)]
pub struct DebateState {
    pub debate: Debate,
    /// The motion's theme ids and the years articles are dated in, which
    /// the filters cycle through.
    pub themes: Vec<Box<str>>,
    pub years: Vec<i32>,
    pub filter: Filter,
    /// Each column's arguments under the filter, in rank order.
    pub lists: [Vec<u32>; 2],
    /// Which column has the keys (0 for, 1 against) and each one's selection.
    pub side: usize,
    pub sel: [usize; 2],
    /// Whether the selected argument's nodes have the keys, and which one.
    pub in_members: bool,
    pub member_sel: usize,
    /// Showing the timeline instead of the two columns (`T`).
    pub timeline: Option<Timeline>,
    /// The timeline's first shown line (`j`/`k` scroll it), and the last
    /// first line the latest frame allowed (its height decides, so the view
    /// writes it and the keys clamp against it).
    pub timeline_top: u16,
    pub timeline_max: Cell<u16>,
}

impl DebateState {
    pub fn new(corpus: &Corpus) -> DebateState {
        let themes = corpus
            .motion
            .iter()
            .flat_map(|m| m.themes.iter().map(|t| t.id.clone()))
            .collect();
        let mut years: Vec<i32> = corpus
            .articles()
            .filter_map(|(_, a)| Some(article_span(a)?.year))
            .collect();
        years.sort_unstable();
        years.dedup();
        let mut s = DebateState {
            debate: Debate::build(corpus),
            themes,
            years,
            filter: Filter::default(),
            lists: [Vec::new(), Vec::new()],
            side: 0,
            sel: [0, 0],
            in_members: false,
            member_sel: 0,
            timeline: None,
            timeline_top: 0,
            timeline_max: Cell::new(0),
        };
        s.refilter(corpus);
        s
    }

    pub fn refilter(&mut self, corpus: &Corpus) {
        for (i, side) in SIDES.into_iter().enumerate() {
            self.lists[i] = self.debate.side(corpus, side, &self.filter);
            self.sel[i] = self.sel[i].min(self.lists[i].len().saturating_sub(1));
        }
        self.in_members = false;
        self.member_sel = 0;
    }

    /// The selected argument of the focused column.
    pub fn selected(&self) -> Option<u32> {
        self.lists[self.side].get(self.sel[self.side]).copied()
    }

    /// The node Enter opens: the selected member, else the argument's
    /// representative claim.
    pub fn target(&self) -> Option<NodeRef> {
        let c = self.selected()?;
        if self.in_members {
            return self.debate.members(c).get(self.member_sel).map(|m| m.node);
        }
        self.debate.info(c).map(|i| i.representative)
    }

    pub fn step(&mut self, by: isize) {
        if self.in_members {
            let n = self.selected().map_or(0, |c| self.debate.members(c).len());
            if n > 0 {
                self.member_sel = (self.member_sel as isize + by).clamp(0, n as isize - 1) as usize;
            }
            return;
        }
        let n = self.lists[self.side].len();
        if n > 0 {
            let s = &mut self.sel[self.side];
            *s = (*s as isize + by).clamp(0, n as isize - 1) as usize;
        }
    }

    /// The next value of a filter: none → the first → … → the last → none.
    pub fn cycle<T: Clone + PartialEq>(current: &Option<T>, values: &[T]) -> Option<T> {
        match current {
            None => values.first().cloned(),
            Some(v) => {
                let i = values.iter().position(|x| x == v)?;
                values.get(i + 1).cloned()
            }
        }
    }
}
