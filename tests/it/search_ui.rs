//! The `/` overlay driven by keys: typing, editing the query, results, and
//! the jump to a hit.

use crate::common;

use common::{app, at, finish_search, press, screen, type_text};
use mizan::tui::app::Overlay;

fn query(a: &mizan::tui::app::App) -> String {
    match a.overlays.last() {
        Some(Overlay::Search(s)) => s.query().to_string(),
        _ => panic!("search is not open"),
    }
}

fn hits(a: &mizan::tui::app::App) -> Vec<String> {
    match a.overlays.last() {
        Some(Overlay::Search(s)) => s
            .hits
            .iter()
            .map(|h| a.ws.corpus.address(h.node).unwrap())
            .collect(),
        _ => panic!("search is not open"),
    }
}

// An Arabic query without ta marbuta finds the node, and Enter reveals it in its tree.
#[test]
fn arabic_query_jumps_to_hidden_node() {
    let mut a = app();
    press(&mut a, "Enter z");
    assert!(
        a.tree().unwrap().row_of(2).is_none(),
        "alpha/not-done starts hidden"
    );
    press(&mut a, "/");
    type_text(&mut a, "هزيمه");
    finish_search(&mut a);
    assert_eq!(hits(&a)[0], "alpha/not-done");
    let s = screen(&a);
    assert!(s.contains("alpha/not-done"), "{s}");
    press(&mut a, "Enter");
    assert!(a.overlays.is_empty());
    assert_eq!(at(&a), "alpha/not-done");
    press(&mut a, "C-o");
    assert_eq!(
        at(&a),
        "alpha/thesis",
        "the jump list takes you back to where you were"
    );
}

// The query line edits like a shell line.
#[test]
fn query_editing() {
    let mut a = app();
    press(&mut a, "/");
    type_text(&mut a, "isis threat");
    press(&mut a, "C-w");
    assert_eq!(query(&a), "isis ");
    press(&mut a, "Backspace Home");
    type_text(&mut a, "x");
    assert_eq!(query(&a), "xisis");
    press(&mut a, "End C-u");
    assert_eq!(query(&a), "");
    type_text(&mut a, "jk");
    assert_eq!(
        query(&a),
        "jk",
        "j and k type into the query instead of moving"
    );
    press(&mut a, "Esc");
    assert!(a.overlays.is_empty());
}

// Filters narrow results; Down/C-p move the selection.
#[test]
fn filters_and_selection() {
    let mut a = app();
    press(&mut a, "/");
    type_text(&mut a, "isis");
    finish_search(&mut a);
    let all = hits(&a);
    assert!(
        all.contains(&"beta/threat".to_string()) && all.contains(&"alpha/not-done".to_string()),
        "{all:?}"
    );
    type_text(&mut a, " stance:anti");
    finish_search(&mut a);
    assert!(
        hits(&a).iter().all(|h| h.starts_with("beta/")),
        "{:?}",
        hits(&a)
    );
    press(&mut a, "C-u");
    type_text(&mut a, "isis");
    finish_search(&mut a);
    press(&mut a, "Down");
    let Some(Overlay::Search(s)) = a.overlays.last() else {
        panic!()
    };
    assert_eq!(s.selected, 1);
    press(&mut a, "C-p C-p");
    let Some(Overlay::Search(s)) = a.overlays.last() else {
        panic!()
    };
    assert_eq!(s.selected, 0);
}

// Issue 15: on a big corpus the first `/` opens at once and says how far the
// index is ("indexing… N%") instead of freezing while it is built on the
// worker's thread; the query typed meanwhile is answered once it is ready.
#[test]
fn first_search_does_not_wait_for_the_index() {
    use std::sync::Arc;
    let mut a = app();
    let (motion, articles) = mizan::synthetic::generate(400, 50, 5);
    let corpus = mizan::model::Corpus::of_articles(Some(motion), articles);
    a.ws.corpus = Arc::new(corpus);
    press(&mut a, "/");
    type_text(&mut a, "withdrawal");
    let busy = mizan::tui::overlays::search::pump(&mut a, false);
    let Some(Overlay::Search(s)) = a.overlays.last() else {
        panic!("search is not open");
    };
    assert!(busy, "the loop is told to poll again");
    assert!(s.indexing.is_some(), "20,000 nodes are not indexed yet");
    finish_search(&mut a);
    let Some(Overlay::Search(s)) = a.overlays.last() else {
        panic!("search is not open");
    };
    assert_eq!(s.indexing, None);
    assert!(!s.hits.is_empty());
}
