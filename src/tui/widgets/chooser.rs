//! The chooser: a fuzzy-filtered list to pick from, over the form. Several
//! items for a node's Themes (marked with Tab), one for a Link's target.
//! Pure state and its drawing; keys are the keymap's `Mode::Search` rows.
//!
//! Link targets can be every node of a large corpus, so the filter runs on
//! each typed character in one pass over the items (over only the previous
//! matches when the query grew at its end), with the labels' search keys
//! made once, and drawing lays out only the rows in view. A corpus's nodes
//! are items made when shown ([`NodeItems`]), found through the search
//! index; the chooser opens before that index is built and answers a query
//! typed meanwhile once it is handed over ([`Chooser::set_index`]).

use std::collections::{BTreeSet, HashSet};
use std::rc::Rc;
use std::sync::Arc;

use rayon::prelude::*;

use crate::search::Index;
use crate::text::normalize::normalize;
use crate::tui::action::Action;
pub use crate::tui::widgets::chooser_nodes::NodeItems;
use crate::tui::widgets::line_edit::LineEdit;
use crate::tui::widgets::list;
use crate::tui::widgets::scorer::{Scorer, score};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chooser {
    pub title: String,
    items: Items,
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
    /// The search index finding [`Items::Nodes`] (every word must match,
    /// in any field, Arabic normalised): a few milliseconds over 100,000
    /// nodes, where fuzzy-scoring every label took over 100 ms a keystroke.
    /// `None` until it is built and handed over.
    index: Option<SharedIndex>,
    /// While a typed query waits for the index: how far its build got (%).
    pub indexing: Option<u8>,
    /// The matching thread of a large list (made at its first query, for
    /// nodes once the index is there).
    background: Option<Background>,
    /// The generation of the query the thread is answering; until then
    /// the previous matches show.
    pub waiting: Option<u64>,
}

/// Items from which matching runs on its own thread.
pub const BACKGROUND_FROM: usize = 5_000;

/// A chooser's matching thread, shared by its copies.
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

/// What a chooser chooses from.
#[derive(Clone)]
enum Items {
    /// (value, label shown), made up front.
    Owned(Vec<(String, String)>),
    /// A corpus's nodes, made when shown or chosen.
    Nodes(Arc<NodeItems>),
}

impl std::fmt::Debug for Items {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Items::Owned(v) => f.debug_tuple("Owned").field(v).finish(),
            Items::Nodes(n) => write!(f, "Nodes({} nodes)", n.len()),
        }
    }
}

impl PartialEq for Items {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Items::Owned(a), Items::Owned(b)) => a == b,
            (Items::Nodes(a), Items::Nodes(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Items {}

/// The search index as a chooser holds it: equal when it is the same one.
#[derive(Clone)]
struct SharedIndex(Arc<Index>);

impl std::fmt::Debug for SharedIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({} records)", self.0.len())
    }
}

impl PartialEq for SharedIndex {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedIndex {}

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
        Chooser::over(title, Items::Owned(items), multi, marked, None, query)
    }

    /// A single choice among the nodes of `nodes`, found through `index`
    /// (`None` while it is being built: until [`Chooser::set_index`] gives
    /// it, the list shows every node and a typed query waits).
    pub fn nodes(
        title: impl Into<String>,
        nodes: NodeItems,
        index: Option<Arc<Index>>,
        query: &str,
    ) -> Chooser {
        let items = Items::Nodes(Arc::new(nodes));
        let index = index.map(SharedIndex);
        Chooser::over(title, items, false, BTreeSet::new(), index, query)
    }

    fn over(
        title: impl Into<String>,
        items: Items,
        multi: bool,
        marked: BTreeSet<usize>,
        index: Option<SharedIndex>,
        query: &str,
    ) -> Chooser {
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
            index,
            indexing: None,
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

    /// Whether this chooser finds nodes and has no index to do it with yet.
    pub fn needs_index(&self) -> bool {
        matches!(self.items, Items::Nodes(_)) && self.index.is_none()
    }

    /// The search index, built: answers the query typed while it was not.
    pub fn set_index(&mut self, index: Arc<Index>) {
        self.index = Some(SharedIndex(index));
        if self.indexing.is_some() {
            self.refilter();
        }
    }

    /// How many items there are to choose from.
    pub fn len(&self) -> usize {
        match &self.items {
            Items::Owned(v) => v.len(),
            Items::Nodes(n) => n.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Matches the query against every label, best first (ties in item
    /// order); an empty query lists every item in order. Selects the first.
    pub fn refilter(&mut self) {
        let query = normalize(self.line.text.trim());
        // A newer query makes any answer still coming stale.
        self.waiting = None;
        self.indexing = None;
        let items = match &self.items {
            Items::Owned(v) => v,
            Items::Nodes(nodes) => {
                let nodes = Arc::clone(nodes);
                return self.find_nodes(&nodes, query);
            }
        };
        if query.is_empty() {
            self.filtered = (0..items.len()).collect();
        } else if items.len() >= BACKGROUND_FROM && self.keys.is_empty() {
            // Many labels: scored on their own thread (see `scorer`); the
            // selection moves to the top when the answer comes.
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
                (0..items.len()).collect()
            };
            if self.keys.len() != items.len() {
                self.keys = items
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

    /// Finds `query`'s nodes through the index, best first (many nodes: on
    /// the matching thread, as a one-letter query ranks nearly every node);
    /// without the index yet, the list stays as it is and the query waits.
    fn find_nodes(&mut self, nodes: &Arc<NodeItems>, query: String) {
        if query.is_empty() {
            self.filtered = (0..nodes.len()).collect();
        } else if let Some(SharedIndex(index)) = &self.index {
            let text = self.line.text.trim().to_string();
            if nodes.len() < BACKGROUND_FROM {
                self.filtered = find(index, nodes, &text);
            } else {
                let bg = self.background.get_or_insert_with(|| {
                    let (index, nodes) = (Arc::clone(index), Arc::clone(nodes));
                    Background(Scorer::spawn_with(move |text| find(&index, &nodes, &text)))
                });
                self.waiting = Some(bg.0.submit(text));
                self.answered = query;
                return;
            }
        } else {
            self.indexing = Some(0);
            self.answered = query;
            return;
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

    /// What Enter gives, for the query as typed (waiting for its matches;
    /// nothing while they wait for the index: whoever holds it hands it
    /// over first, see `overlays::choose`).
    fn done(&mut self) -> ChooseEvent {
        self.settle();
        if self.indexing.is_some() {
            return ChooseEvent::None;
        }
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

    /// Item `i`'s value (made now if it is a node).
    pub fn value(&self, i: usize) -> String {
        match &self.items {
            Items::Owned(v) => v.get(i).map(|(v, _)| v.clone()).unwrap_or_default(),
            Items::Nodes(n) => n.item(i).0,
        }
    }

    /// Item `i`'s label (made now if it is a node).
    pub fn label(&self, i: usize) -> std::borrow::Cow<'_, str> {
        match &self.items {
            Items::Owned(v) => v.get(i).map_or("", |(_, l)| l.as_str()).into(),
            Items::Nodes(n) => n.item(i).1.into(),
        }
    }

    fn select(&mut self, by: isize, rows: usize) {
        if self.filtered.is_empty() {
            return;
        }
        self.selected = list::step(self.selected, by, self.filtered.len());
        self.offset = list::scroll_into_view(self.offset, self.selected, rows);
    }
}

/// The items of `nodes` that `index` finds for query `text`, best first.
fn find(index: &Index, nodes: &NodeItems, text: &str) -> Vec<usize> {
    let query = crate::search::Query::parse(text);
    let hits = crate::search::nodes(index, &query, SEARCH_LIMIT);
    let mut seen = HashSet::new();
    hits.iter()
        .filter_map(|&n| nodes.item_of(n))
        .filter(|&i| seen.insert(i))
        .collect()
}

pub use crate::tui::widgets::chooser_view::{area, render, rows};

#[cfg(test)]
#[path = "chooser_tests.rs"]
mod tests;
