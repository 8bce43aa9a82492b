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
mod tests {
    use super::*;
    use crate::text::BidiMode;
    use crate::tui::action::TextEdit;
    use crate::tui::palette::Palette;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    fn themes() -> Vec<(String, String)> {
        [
            ("iran", "Iran's influence"),
            ("isis", "isis"),
            ("sov", "distant issues of sovereignty"),
            ("state", "الدولة الإسلامية"),
            ("cost", "cost of the war"),
        ]
        .iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect()
    }

    fn labels(c: &Chooser) -> Vec<&str> {
        c.filtered.iter().map(|&i| c.items[i].1.as_str()).collect()
    }

    fn typed(c: &mut Chooser, s: &str) {
        s.chars().for_each(|ch| c.type_char(ch));
    }

    // An empty query lists everything in order; a query keeps only the
    // labels holding it as a subsequence, the tighter match first.
    #[test]
    fn filters_best_first() {
        let mut c = Chooser::new("Themes", themes(), true, &[], "");
        assert_eq!(c.filtered, [0, 1, 2, 3, 4]);
        typed(&mut c, "isis");
        assert_eq!(labels(&c), ["isis", "distant issues of sovereignty"]);
        typed(&mut c, "x");
        assert!(c.filtered.is_empty());
        c.handle(Action::Edit(TextEdit::DeleteBack), 10);
        assert_eq!(c.filtered.len(), 2, "deleting widens again");
        c.handle(Action::Edit(TextEdit::DeleteToStart), 10);
        assert_eq!(c.filtered.len(), 5);
        c.paste("cost\nof");
        assert_eq!(
            labels(&c),
            ["cost of the war"],
            "a pasted query filters too"
        );
    }

    // Arabic is matched on search keys: a query without hamza or ta
    // marbuta finds the spelled-out label; Latin ignores case.
    #[test]
    fn arabic_and_case_folded() {
        let c = Chooser::new("Themes", themes(), true, &[], "الاسلاميه");
        assert_eq!(labels(&c), ["الدولة الإسلامية"]);
        let c = Chooser::new("Themes", themes(), true, &[], "IRAN");
        assert_eq!(labels(&c), ["Iran's influence"]);
    }

    // Marks come from the values given (unknown ones dropped), Tab toggles
    // the selected row, and Done gives the marked values in item order.
    #[test]
    fn marks_and_done_in_item_order() {
        let given = ["cost".to_string(), "gone".to_string(), "iran".to_string()];
        let mut c = Chooser::new("Themes", themes(), true, &given, "");
        assert_eq!(c.marked, BTreeSet::from([0, 4]));
        typed(&mut c, "isis");
        c.handle(Action::Toggle, 10);
        c.handle(Action::Down, 10);
        c.handle(Action::Toggle, 10);
        c.handle(Action::Toggle, 10);
        assert_eq!(
            c.handle(Action::Accept, 10),
            ChooseEvent::Done(vec!["iran".into(), "isis".into(), "cost".into()])
        );
        c.marked.clear();
        assert_eq!(c.handle(Action::Accept, 10), ChooseEvent::Done(Vec::new()));
        assert_eq!(c.handle(Action::Close, 10), ChooseEvent::Cancel);
    }

    // A single chooser gives the selected row; Tab does nothing there, and
    // Enter with nothing matching gives nothing.
    #[test]
    fn single_gives_the_selected() {
        let mut c = Chooser::new("Link to", themes(), false, &[], "");
        c.handle(Action::Down, 10);
        c.handle(Action::Toggle, 10);
        assert!(c.marked.is_empty());
        c.handle(Action::Down, 10);
        assert_eq!(
            c.handle(Action::Accept, 10),
            ChooseEvent::Done(vec!["sov".into()])
        );
        typed(&mut c, "zzz");
        assert_eq!(c.handle(Action::Accept, 10), ChooseEvent::None);
    }

    // Moving stops at both ends and scrolls to keep the selection among
    // the rows in view.
    #[test]
    fn moves_and_scrolls() {
        let mut c = Chooser::new("Themes", themes(), true, &[], "");
        c.handle(Action::Up, 2);
        assert_eq!((c.selected, c.offset), (0, 0));
        c.handle(Action::PageDown, 2);
        assert_eq!((c.selected, c.offset), (2, 1));
        c.handle(Action::PageDown, 2);
        c.handle(Action::Down, 2);
        assert_eq!((c.selected, c.offset), (4, 3));
        c.handle(Action::PageUp, 2);
        assert_eq!((c.selected, c.offset), (2, 2));
        typed(&mut c, "c");
        assert_eq!(
            (c.selected, c.offset),
            (0, 0),
            "a new query starts at the top"
        );
    }

    fn generated(n: usize) -> Vec<(String, String)> {
        let words = [
            "talks", "troops", "iraq", "withdraw", "plan", "isis", "base", "cost",
        ];
        (0..n)
            .map(|i| {
                let label = format!(
                    "article-{}/node-{} {} {} {}",
                    i % 97,
                    i,
                    words[i % 8],
                    words[(i / 8) % 8],
                    words[(i / 64) % 8]
                );
                (format!("a/{i}"), label)
            })
            .collect()
    }

    // Narrowing as the query grows gives exactly what filtering from
    // scratch gives, order included.
    #[test]
    fn narrowing_equals_filtering_afresh() {
        let mut c = Chooser::new("Link to", generated(3000), false, &[], "");
        let mut query = String::new();
        for ch in "1 trp  w".chars() {
            c.type_char(ch);
            query.push(ch);
            let fresh = Chooser::new("Link to", generated(3000), false, &[], &query);
            assert_eq!(c.filtered, fresh.filtered, "query {query:?}");
        }
        assert!(!c.filtered.is_empty());
    }

    // 100,000 link targets: each typed character filters in one pass (a
    // quadratic filter would take hours here, not seconds), and the result
    // holds only labels matching the query.
    #[test]
    fn hundred_thousand_items() {
        let start = std::time::Instant::now();
        let mut c = Chooser::new("Link to", generated(100_000), false, &[], "");
        typed(&mut c, "wdrw");
        // Scored on its own thread: the matches come when it answers.
        c.settle();
        assert!(c.waiting.is_none());
        assert!(!c.filtered.is_empty());
        assert!(c.filtered.len() < 100_000);
        assert!(labels(&c).iter().all(|l| l.contains("withdraw")));
        assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());
    }

    // A large list is matched on its own thread: typing returns with the
    // matches still to come, the answer kept is the newest query's (equal
    // to scoring afresh), and Enter waits for it before choosing.
    #[test]
    fn large_lists_match_in_the_background() {
        use crate::tui::widgets::scorer::score;
        let items = generated(BACKGROUND_FROM + 100);
        let keys: Vec<String> = items.iter().map(|(_, l)| normalize(l)).collect();
        let afresh = |q: &str| score(&keys, (0..keys.len()).collect(), &normalize(q));
        let mut c = Chooser::new("Link to", items.clone(), false, &[], "");
        typed(&mut c, "wdrw");
        assert!(c.waiting.is_some(), "typing does not wait for the matches");
        c.settle();
        assert_eq!(c.filtered, afresh("wdrw"));
        typed(&mut c, " t");
        let want = afresh("wdrw t");
        assert!(!want.is_empty());
        assert_eq!(
            c.handle(Action::Accept, 10),
            ChooseEvent::Done(vec![items[want[0]].0.clone()])
        );
        assert_eq!(c.filtered, want);
    }

    fn draw(c: &Chooser, w: u16, h: u16) -> (Buffer, Option<(u16, u16)>) {
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
        let mut cursor = None;
        let p = Palette::colored();
        let km = crate::tui::keymap::Keymap::default_map();
        term.draw(|f| cursor = render(c, &p, BidiMode::Mizan, &km, f.area(), f.buffer_mut()))
            .expect("draw");
        (term.backend().buffer().clone(), cursor)
    }

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
    }

    // The query with the cursor after it, marks, the selected row in the
    // selection style, and an Arabic label drawn shaped.
    #[test]
    fn draws_query_marks_and_selection() {
        let given = ["cost".to_string()];
        let mut c = Chooser::new("Themes", themes(), true, &given, "");
        typed(&mut c, "o");
        let (buf, cursor) = draw(&c, 80, 24);
        let rows: Vec<String> = (0..24).map(|y| row(&buf, y)).collect();
        let at = |s: &str| rows.iter().position(|r| r.contains(s));
        let q = at("> o").expect("query line");
        let (x, y) = cursor.expect("cursor in the query");
        assert_eq!(y as usize, q);
        assert_eq!(buf[(x - 1, y)].symbol(), "o");
        let first = labels(&c)[0];
        assert_ne!(first, "cost of the war");
        let selected = at(&format!("[ ] {first}")).expect("the first match");
        let marked = at("[x] cost of the war").expect("the marked row");
        assert_eq!(selected, q + 2, "first match on the first row");
        let bg = Palette::colored().selection.bg.unwrap_or_default();
        assert_eq!(buf[(x, selected as u16)].bg, bg, "first match selected");
        assert_ne!(buf[(x, marked as u16)].bg, bg);
        assert!(at("2/5 · 1 marked · Tab marks · Enter done · Esc cancels").is_some());

        let c = Chooser::new("Themes", themes(), false, &[], "الدولة");
        let (buf, _) = draw(&c, 80, 24);
        let text: String = (0..24).map(|y| row(&buf, y)).collect();
        // The shaped final ta marbuta of الدولة (U+FE94).
        assert!(text.contains('\u{FE94}'), "{text}");
    }

    // Only the rows in view are drawn: the selection far down the list is
    // on screen, scrolled to.
    #[test]
    fn draws_the_selection_when_scrolled() {
        let mut c = Chooser::new("Link to", generated(1000), false, &[], "");
        c.handle(Action::PageDown, 500);
        c.handle(Action::Down, 500);
        let (buf, _) = draw(&c, 80, 24);
        let text: String = (0..24).map(|y| row(&buf, y)).collect();
        assert!(text.contains("node-501 "), "{text}");
    }

    // Tiny and empty screens draw without panicking.
    #[test]
    fn tiny_areas() {
        let c = Chooser::new("Themes", themes(), true, &[], "is");
        for (w, h) in [(10, 5), (1, 1), (2, 2), (30, 3), (80, 4)] {
            let (_, cursor) = draw(&c, w, h);
            if let Some((x, y)) = cursor {
                assert!(x < w && y < h, "{w}x{h}: {x},{y}");
            }
        }
        let mut buf = Buffer::empty(Rect::new(0, 0, 0, 0));
        let p = Palette::monochrome();
        let km = crate::tui::keymap::Keymap::default_map();
        assert_eq!(
            render(&c, &p, BidiMode::Mizan, &km, buf.area, &mut buf),
            None
        );
    }
}
