//! The chooser: a fuzzy-filtered list to pick from, over the form. Several
//! items for a node's Themes (marked with Tab), one for a Link's target.
//! Pure state and its drawing; keys are the keymap's `Mode::Search` rows.
//!
//! Link targets can be every node of a large corpus, so the filter runs on
//! each typed character in one pass over the items (over only the previous
//! matches when the query grew at its end), with the labels' search keys
//! made once, and drawing lays out only the rows in view.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;

use rayon::prelude::*;

use crate::model::NodeRef;
use crate::search::Index;
use crate::text::normalize::normalize;
use crate::tui::action::Action;
use crate::tui::widgets::line_edit::LineEdit;
use crate::tui::widgets::list;
use crate::tui::widgets::scorer::{Scorer, score};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chooser {
    pub title: String,
    /// (value, label shown).
    pub items: Vec<(String, String)>,
    pub multi: bool,
    /// Indices of marked items (multi mode).
    pub marked: BTreeSet<usize>,
    pub line: LineEdit,
    /// Indices of the items matching the query, best first.
    pub filtered: Vec<usize>,
    /// Index into `filtered`.
    pub selected: usize,
    /// First row of `filtered` in view.
    pub offset: usize,
    /// Each label's search key (Arabic letter forms and case folded, as
    /// search does), made at the first query rather than on every key
    /// (and never when the search index finds the items).
    keys: Vec<String>,
    /// The normalised query `filtered` answers.
    answered: String,
    /// Nodes are found through mizan's search instead of fuzzy labels.
    pub search: Option<NodeSearch>,
    /// The scoring thread of a large list (made at its first query).
    background: Option<Background>,
    /// The generation of the query the thread is answering; until then
    /// the previous matches show.
    pub waiting: Option<u64>,
}

/// Items from which fuzzy scoring runs on its own thread.
pub const BACKGROUND_FROM: usize = 5_000;

/// A chooser's scoring thread, shared by its copies.
#[derive(Clone)]
pub struct Background(Rc<Scorer>);

impl std::fmt::Debug for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Background")
    }
}

impl PartialEq for Background {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Background {}

/// Finding nodes through the search index (every word must match, in any
/// field, Arabic normalised): a few milliseconds over 100,000 nodes, where
/// fuzzy-scoring every label took over 100 ms a keystroke.
#[derive(Clone)]
pub struct NodeSearch {
    pub index: Arc<Index>,
    /// The item showing each node; nodes without one (the article being
    /// edited) are left out of the results.
    pub item_of: Arc<HashMap<NodeRef, usize>>,
    /// Makes the (value, label) of an item left empty: with 100,000 nodes,
    /// making every label up front cost more than the picker's budget, and
    /// only the rows shown and the one chosen are ever needed.
    pub make: Option<Arc<MakeItem>>,
}

/// An item's (value, label) from its index.
pub type MakeItem = dyn Fn(usize) -> (String, String) + Send + Sync;

impl std::fmt::Debug for NodeSearch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NodeSearch({} records)", self.index.len())
    }
}

impl PartialEq for NodeSearch {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.index, &other.index) && Arc::ptr_eq(&self.item_of, &other.item_of)
    }
}

impl Eq for NodeSearch {}

/// Hits asked of the search index per keystroke.
const SEARCH_LIMIT: usize = 2_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChooseEvent {
    None,
    Cancel,
    /// The chosen values: multi, every marked one in item order; single,
    /// the selected one.
    Done(Vec<String>),
}

impl Chooser {
    /// A chooser over `items` with `marked_values` marked (values not
    /// among the items are left out) and `query` typed.
    pub fn new(
        title: impl Into<String>,
        items: Vec<(String, String)>,
        multi: bool,
        marked_values: &[String],
        query: &str,
    ) -> Chooser {
        let wanted: HashSet<&str> = marked_values.iter().map(String::as_str).collect();
        let marked = items
            .iter()
            .enumerate()
            .filter(|(_, (v, _))| wanted.contains(v.as_str()))
            .map(|(i, _)| i)
            .collect();
        let mut c = Chooser {
            title: title.into(),
            items,
            multi,
            marked,
            line: LineEdit {
                text: query.to_owned(),
                cursor: query.len(),
            },
            filtered: Vec::new(),
            selected: 0,
            offset: 0,
            keys: Vec::new(),
            answered: String::new(),
            search: None,
            background: None,
            waiting: None,
        };
        c.refilter();
        c
    }

    /// Handles a key's action; `rows` is how many items are in view
    /// ([`rows`] of the screen), for paging and scrolling.
    pub fn handle(&mut self, action: Action, rows: usize) -> ChooseEvent {
        let page = rows.max(1) as isize;
        match action {
            Action::Close => return ChooseEvent::Cancel,
            Action::Accept => return self.done(),
            Action::Down => self.select(1, rows),
            Action::Up => self.select(-1, rows),
            Action::PageDown => self.select(page, rows),
            Action::PageUp => self.select(-page, rows),
            Action::Toggle if self.multi => {
                if let Some(&i) = self.filtered.get(self.selected)
                    && !self.marked.remove(&i)
                {
                    self.marked.insert(i);
                }
            }
            Action::Edit(e) if self.line.apply(e) => self.refilter(),
            _ => {}
        }
        ChooseEvent::None
    }

    /// A printable character typed into the query.
    pub fn type_char(&mut self, c: char) {
        self.line.insert(c);
        self.refilter();
    }

    /// Pasted text into the query (one line, see [`LineEdit::insert_str`]).
    pub fn paste(&mut self, s: &str) {
        if self.line.insert_str(s) {
            self.refilter();
        }
    }

    /// Matches the query against these texts instead of the labels (one
    /// per item; normalised here as the labels would be).
    pub fn with_keys(mut self, keys: Vec<String>) -> Chooser {
        self.keys = keys.iter().map(|k| normalize(k)).collect();
        self.answered.clear();
        self.refilter();
        self
    }

    /// Starts with `query` typed (the cursor after it), filtered.
    pub fn with_query(mut self, query: &str) -> Chooser {
        self.line = LineEdit {
            text: query.to_string(),
            cursor: query.len(),
        };
        self.refilter();
        self
    }

    /// Finds nodes through the search index from now on.
    pub fn with_search(mut self, search: NodeSearch) -> Chooser {
        self.search = Some(search);
        self.answered.clear();
        self.refilter();
        self
    }

    /// Matches the query against every label, best first (ties in item
    /// order); an empty query lists every item in order. Selects the first.
    pub fn refilter(&mut self) {
        let query = normalize(self.line.text.trim());
        // A newer query makes any answer still coming stale.
        self.waiting = None;
        if query.is_empty() {
            self.filtered = (0..self.items.len()).collect();
        } else if let Some(s) = &self.search {
            let hits = crate::search::nodes(
                &s.index,
                &crate::search::Query::parse(self.line.text.trim()),
                SEARCH_LIMIT,
            );
            let mut seen = HashSet::new();
            self.filtered = hits
                .iter()
                .filter_map(|n| s.item_of.get(n).copied())
                .filter(|&i| seen.insert(i))
                .collect();
        } else if self.items.len() >= BACKGROUND_FROM && self.keys.is_empty() {
            // Many labels: scored on their own thread (see `scorer`); the
            // selection moves to the top when the answer comes.
            let items = &self.items;
            let bg = self.background.get_or_insert_with(|| {
                Background(Scorer::spawn(
                    items.iter().map(|(_, l)| l.clone()).collect(),
                ))
            });
            self.waiting = Some(bg.0.submit(query.clone()));
            self.answered = query;
            return;
        } else {
            // A query that only grew at its end matches a subset of what
            // the shorter one did (fuzzy matching is matching a
            // subsequence), so typing narrows instead of starting over.
            let narrow = !self.answered.is_empty() && query.starts_with(&self.answered);
            let pool: Vec<usize> = if narrow {
                std::mem::take(&mut self.filtered)
            } else {
                (0..self.items.len()).collect()
            };
            if self.keys.len() != self.items.len() {
                self.keys = self
                    .items
                    .par_iter()
                    .map(|(_, label)| normalize(label))
                    .collect();
            }
            self.filtered = score(&self.keys, pool, &query);
        }
        self.answered = query;
        self.selected = 0;
        self.offset = 0;
    }

    /// Takes the scoring thread's answer if it has come; returns whether
    /// one is still awaited (the loop then polls again soon).
    pub fn poll(&mut self) -> bool {
        if let (Some(bg), Some(want)) = (&self.background, self.waiting)
            && let Some(matches) = bg.0.poll(want)
        {
            self.answer(matches);
        }
        self.waiting.is_some()
    }

    /// Waits for the scoring thread's answer to the newest query.
    pub fn settle(&mut self) {
        if let (Some(bg), Some(want)) = (&self.background, self.waiting)
            && let Some(matches) = bg.0.wait(want)
        {
            self.answer(matches);
        }
    }

    fn answer(&mut self, matches: Vec<usize>) {
        self.filtered = matches;
        self.waiting = None;
        self.selected = 0;
        self.offset = 0;
    }

    /// What Enter gives, for the query as typed (waiting for its matches).
    fn done(&mut self) -> ChooseEvent {
        self.settle();
        let value = |&i: &usize| self.value(i);
        if self.multi {
            ChooseEvent::Done(self.marked.iter().map(value).collect())
        } else {
            match self.filtered.get(self.selected) {
                Some(i) => ChooseEvent::Done(vec![value(i)]),
                None => ChooseEvent::None,
            }
        }
    }

    /// Item `i`'s value (made now if it was left to be made when needed).
    pub fn value(&self, i: usize) -> String {
        match (self.items.get(i), self.maker()) {
            (Some((v, _)), Some(make)) if v.is_empty() => make(i).0,
            (Some((v, _)), _) => v.clone(),
            (None, _) => String::new(),
        }
    }

    /// Item `i`'s label (made now if it was left to be made when needed).
    pub fn label(&self, i: usize) -> std::borrow::Cow<'_, str> {
        match (self.items.get(i), self.maker()) {
            (Some((_, l)), Some(make)) if l.is_empty() => make(i).1.into(),
            (Some((_, l)), _) => l.as_str().into(),
            (None, _) => "".into(),
        }
    }

    fn maker(&self) -> Option<&MakeItem> {
        self.search.as_ref()?.make.as_deref()
    }

    fn select(&mut self, by: isize, rows: usize) {
        if self.filtered.is_empty() {
            return;
        }
        self.selected = list::step(self.selected, by, self.filtered.len());
        self.offset = list::scroll_into_view(self.offset, self.selected, rows);
    }
}

pub use crate::tui::widgets::chooser_view::{area, render, rows};

#[cfg(test)]
#[path = "chooser_tests.rs"]
mod tests;
