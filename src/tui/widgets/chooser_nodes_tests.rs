//! Tests of the link picker's node items, and of the chooser over them
//! opening before its search index is built.

use std::sync::Arc;

use super::*;
use crate::model::MapEntry;
use crate::search::Index;
use crate::text::BidiMode;
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::palette::Palette;
use crate::tui::widgets::chooser::{ChooseEvent, Chooser, render};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Three generated articles; in the second the thesis's children are
/// reversed (pre-order is no longer arena order), in the third its last
/// child is detached (in the arena, reachable from nowhere).
fn corpus() -> Arc<Corpus> {
    let (motion, mut arts) = crate::synthetic::generate(3, 12, 7);
    let root = arts[1].root;
    let mut kids = arts[1].node_mut(root).children_mut();
    kids.reverse();
    drop(kids);
    let root = arts[2].root;
    let mut kids = arts[2].node_mut(root).children_mut();
    kids.pop();
    drop(kids);
    let maps = arts.into_iter().map(MapEntry::in_memory).collect();
    Arc::new(Corpus::new(Some(motion), "motion.ron".into(), maps))
}

/// The nodes under `n` in pre-order, walked here rather than with
/// `Article::preorder`.
fn walk(a: &Article, n: NodeIdx, out: &mut Vec<NodeIdx>) {
    out.push(n);
    for &c in a.node(n).children() {
        walk(a, c, out);
    }
}

/// (value, label) of every node of every map but `except`, as the link
/// picker listed them when it made every item up front.
fn listed(c: &Corpus, except: u32) -> Vec<(NodeRef, String, String)> {
    let mut out = Vec::new();
    for (m, a) in c.articles().filter(|&(m, _)| m != except) {
        let mut order = Vec::new();
        walk(a, a.root, &mut order);
        for n in order {
            let value = format!("{}/{}", a.meta.id, a.node(n).id());
            let label = format!("{value} — {}", a.node(n).claim_en());
            out.push((NodeRef { map: m, node: n }, value, label));
        }
    }
    out
}

// The items are the other articles' reachable nodes, article by article in
// pre-order, with the values and labels the picker showed before; each
// node finds its item back, and nodes without one (the edited map's, a
// detached one, one past the arena) find none.
#[test]
fn items_are_the_other_articles_nodes_in_preorder() {
    let c = corpus();
    let want = listed(&c, 0);
    let items = NodeItems::new(Arc::clone(&c), 0);
    assert_eq!(items.len(), want.len());
    assert!(want.len() < 24, "the detached subtree is left out");
    for (i, (r, value, label)) in want.iter().enumerate() {
        assert_eq!(items.item(i), (value.clone(), label.clone()), "item {i}");
        assert_eq!(items.item_of(*r), Some(i), "{r:?}");
    }
    let edited = c.article(0).unwrap();
    assert!(
        edited
            .preorder()
            .all(|n| items.item_of(NodeRef { map: 0, node: n }).is_none())
    );
    let third = c.article(2).unwrap();
    let reachable: Vec<NodeIdx> = third.preorder().collect();
    let detached = (0..third.nodes.len() as NodeIdx).find(|n| !reachable.contains(n));
    let detached = detached.expect("a detached node");
    assert_eq!(
        items.item_of(NodeRef {
            map: 2,
            node: detached
        }),
        None
    );
    assert_eq!(
        items.item_of(NodeRef {
            map: 1,
            node: 10_000
        }),
        None
    );
    assert_eq!(items.item_of(NodeRef { map: 9, node: 0 }), None);
    assert_eq!(items.item(items.len()), (String::new(), String::new()));
}

fn draw(c: &Chooser) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, 100, 20));
    let km = Keymap::default_map();
    render(
        c,
        &Palette::colored(),
        BidiMode::Mizan,
        &km,
        buf.area,
        &mut buf,
    );
    buf
}

fn text(buf: &Buffer) -> String {
    let a = buf.area;
    (0..a.height)
        .map(|y| {
            (0..a.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

fn typed(c: &mut Chooser, s: &str) {
    s.chars().for_each(|ch| c.type_char(ch));
}

// Opened before the search index is built, the link picker lists every node
// in order with its count at once; a query typed meanwhile waits (the list
// stays, "indexing" says why, Enter chooses nothing), and once the index is
// handed over it shows exactly the matches of a picker that had the index
// from the start, and Enter chooses the best.
#[test]
fn opens_before_the_index_and_answers_once_given_it() {
    let c = corpus();
    let want = listed(&c, 0);
    let mut early = Chooser::nodes("Link to", NodeItems::new(Arc::clone(&c), 0), None, "");
    assert!(early.needs_index());
    assert_eq!(early.filtered, (0..want.len()).collect::<Vec<_>>());
    let screen = text(&draw(&early));
    // Rows show the start of each label (long claims are cut).
    let row = |k: usize| {
        format!(
            "{} — {}",
            want[k].1,
            &want[k].2[want[k].1.len() + 5..][..10]
        )
    };
    assert!(screen.contains(&row(0)), "{screen}");
    assert!(screen.contains(&row(1)), "{screen}");
    assert!(
        screen.contains(&format!(" {0}/{0}", want.len())),
        "{screen}"
    );
    assert!(!screen.contains("indexing"), "{screen}");

    let query = want[5].2.split(" — ").nth(1).unwrap().to_string();
    typed(&mut early, &query);
    assert_eq!(early.indexing, Some(0));
    assert_eq!(
        early.filtered.len(),
        want.len(),
        "the list stays until the index"
    );
    assert!(text(&draw(&early)).contains("indexing 0%"));
    assert_eq!(early.handle(Action::Accept, 10), ChooseEvent::None);

    let index = Arc::new(Index::build(&c));
    let from_start = Chooser::nodes(
        "Link to",
        NodeItems::new(Arc::clone(&c), 0),
        Some(Arc::clone(&index)),
        &query,
    );
    early.set_index(index);
    assert!(!early.needs_index());
    assert_eq!(early.indexing, None);
    assert_eq!(
        from_start.filtered.first(),
        Some(&5),
        "its own claim finds it first"
    );
    assert_eq!(early.filtered, from_start.filtered);
    assert!(!text(&draw(&early)).contains("indexing"));
    let best = from_start.filtered[0];
    assert_eq!(
        early.handle(Action::Accept, 10),
        ChooseEvent::Done(vec![want[best].1.clone()])
    );
}

// Handing over the index with no query typed keeps the list and the
// selection where they were.
#[test]
fn index_given_without_a_query_keeps_the_selection() {
    let c = corpus();
    let mut p = Chooser::nodes("Link to", NodeItems::new(Arc::clone(&c), 1), None, "");
    p.handle(Action::Down, 10);
    p.handle(Action::Down, 10);
    p.set_index(Arc::new(Index::build(&c)));
    assert_eq!(p.selected, 2);
    assert_eq!(p.filtered.len(), listed(&c, 1).len());
    assert_eq!(
        p.handle(Action::Accept, 10),
        ChooseEvent::Done(vec![listed(&c, 1)[2].1.clone()])
    );
}

// Many nodes are found on the picker's own thread: typing returns with the
// matches to come, the answer kept is the newest query's (the index's own
// ranking, as items), and Enter waits for it before choosing.
#[test]
fn many_nodes_are_found_in_the_background() {
    use crate::tui::widgets::chooser::BACKGROUND_FROM;
    let (motion, arts) = crate::synthetic::generate(3, BACKGROUND_FROM / 2, 7);
    let maps = arts.into_iter().map(MapEntry::in_memory).collect();
    let c = Arc::new(Corpus::new(Some(motion), "motion.ron".into(), maps));
    let index = Arc::new(Index::build(&c));
    let items = NodeItems::new(Arc::clone(&c), 0);
    assert!(items.len() >= BACKGROUND_FROM);
    let want = |q: &str| -> Vec<usize> {
        let hits = crate::search::nodes(&index, &crate::search::Query::parse(q), 2_000);
        hits.iter().filter_map(|&r| items.item_of(r)).collect()
    };
    let mut p = Chooser::nodes(
        "Link to",
        NodeItems::new(Arc::clone(&c), 0),
        Some(Arc::clone(&index)),
        "",
    );
    typed(&mut p, "troops w");
    assert!(p.waiting.is_some(), "typing does not wait for the matches");
    p.settle();
    assert_eq!(p.filtered, want("troops w"));
    typed(&mut p, "ashington");
    let best = want("troops washington");
    assert!(!best.is_empty() && best != want("troops w"));
    assert_eq!(
        p.handle(Action::Accept, 10),
        ChooseEvent::Done(vec![items.item(best[0]).0])
    );
    assert_eq!(p.filtered, best);
}
