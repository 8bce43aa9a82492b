//! Quoting from the source pane: `v` selects words of the article's text
//! (keys or mouse), Enter makes them the node's quote, `a` a new child's.
//! The quote is the source's own bytes, so the quote check passes.

use crate::common;

use common::{app_in, keys, scratch, screen};
use mizan::tui::app::{App, Overlay};
use mizan::tui::overlays::quote::selecting;

fn quote_of(app: &App, id: &str) -> Option<String> {
    let a = app.ws.corpus.article(0).unwrap();
    a.node(a.find(id).unwrap()).quote().map(str::to_owned)
}

fn problems_of(app: &App, id: &str) -> usize {
    let idx = app.ws.corpus.article(0).unwrap().find(id).unwrap();
    app.ws.cache[0].problems.get(&idx).map_or(0, Vec::len)
}

// On a node without a quote, `v` starts at the first word on screen; `w`
// and `j` extend; Enter sets the quote — verbatim, so no problem is flagged.
#[test]
fn select_words_and_set_the_quote() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j j");
    assert_eq!(quote_of(&a, "timeline"), None);
    keys(&mut a, "v");
    assert!(a.screen.browse().show_source, "v shows the source");
    assert!(screen(&a).contains("quoting 1 word "));
    keys(&mut a, "j w w");
    let sel = selecting(&a).unwrap();
    assert!(sel.word_count() > 3);
    keys(&mut a, "Enter");
    assert!(selecting(&a).is_none());
    let q = quote_of(&a, "timeline").expect("a quote");
    assert!(q.starts_with("مقال تجريبي عن الانسحاب"), "{q}");
    assert!(
        q.contains("قالت الولايات"),
        "j crossed to the next line: {q}"
    );
    assert_eq!(
        problems_of(&a, "timeline"),
        0,
        "a quote cut from the source is found in it"
    );
    assert!(
        a.flash
            .as_deref()
            .unwrap()
            .contains("quote `timeline` from the source")
    );
    keys(&mut a, "u");
    assert_eq!(quote_of(&a, "timeline"), None);
}

// On a node with a quote, the selection starts on it; `b` shrinks it and
// `o` moves the other end; Esc leaves everything as it was.
#[test]
fn selection_starts_on_the_existing_quote() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter v");
    let text = a.ws.cache[0].source.as_ref().unwrap().text.clone();
    let sel = selecting(&a).cloned().unwrap();
    assert_eq!(
        &text[sel.range()],
        "قالت الولايات المتحدة (2020) إن الانسحاب سيكتمل قريبا"
    );
    keys(&mut a, "b o w");
    let sel = selecting(&a).cloned().unwrap();
    assert_eq!(
        &text[sel.range()],
        "الولايات المتحدة (2020) إن الانسحاب سيكتمل"
    );
    keys(&mut a, "Esc");
    assert!(selecting(&a).is_none());
    assert!(a.ws.history.dirty_maps().is_empty());
}

// `a` while selecting opens the new-child form with the quote filled in.
#[test]
fn new_child_from_a_passage() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter v b");
    keys(&mut a, "a");
    assert!(matches!(a.overlays.last(), Some(Overlay::Form(_))));
    common::type_text(&mut a, "The US said it would finish");
    keys(&mut a, "Enter");
    let q = quote_of(&a, "the-us-said-it-would").expect("quote");
    assert_eq!(q, "قالت الولايات المتحدة (2020) إن الانسحاب سيكتمل");
}

// Dragging the mouse over the source text selects the words under it.
#[test]
fn mouse_drag_selects() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j j S");
    let r = a.view.areas.right;
    // The second line of text, from its right end (Arabic starts there)
    // leftwards.
    let (y, right) = (r.y + 2, r.x + r.width - 3);
    mizan::tui::update::mouse(&mut a, mizan::tui::update::Mouse::Click { x: right, y });
    mizan::tui::update::mouse(&mut a, mizan::tui::update::Mouse::Drag { x: right - 12, y });
    let sel = selecting(&a).cloned().clone().expect("a drag selects");
    let text = a.ws.cache[0].source.as_ref().unwrap().text.clone();
    let got = &text[sel.range()];
    assert!(got.starts_with("قالت"), "{got}");
    assert!(sel.word_count() >= 2, "{got}");
    keys(&mut a, "Enter");
    assert_eq!(quote_of(&a, "timeline").as_deref(), Some(got));
}

// `/` in the quote selection finds a passage (Arabic normalised: no hamza,
// no harakat needed) and starts the selection there; Enter quotes it.
#[test]
fn find_a_passage_to_quote() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j j v /");
    common::type_text(&mut a, "هزيمه isis");
    assert!(screen(&a).contains("find:"), "{}", screen(&a));
    keys(&mut a, "Enter");
    let sel = selecting(&a).expect("still selecting");
    assert_eq!(sel.word_count(), 2, "the match's words are selected");
    keys(&mut a, "Enter");
    assert_eq!(quote_of(&a, "timeline").as_deref(), Some("هزيمة ISIS"));
    // Not found: said, and the selection stays where it was.
    keys(&mut a, "v /");
    common::type_text(&mut a, "nowhere");
    keys(&mut a, "Enter");
    assert!(
        screen(&a).contains("is not in the source"),
        "{}",
        screen(&a)
    );
}
