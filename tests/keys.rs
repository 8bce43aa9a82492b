//! The UI driven by key names, asserting state: `update` without a terminal.

mod common;

use common::{app, at, press};
use mizan::tui::app::{Focus, Lang, Overlay};

// Opening an article focuses its tree on the thesis; j/k walk the rows.
#[test]
fn open_article_and_walk() {
    let mut a = app();
    assert_eq!(a.focus, Focus::Articles);
    press(&mut a, "Enter");
    assert_eq!(a.focus, Focus::Tree);
    assert_eq!(at(&a), "alpha/thesis");
    press(&mut a, "j");
    assert_eq!(at(&a), "alpha/done");
    press(&mut a, "j j j");
    assert_eq!(at(&a), "alpha/timeline", "stops at the last row");
    press(&mut a, "g g");
    assert_eq!(at(&a), "alpha/thesis");
    press(&mut a, "G");
    assert_eq!(at(&a), "alpha/timeline");
}

// l expands then descends; h goes back up, then collapses.
#[test]
fn expand_collapse_with_h_l() {
    let mut a = app();
    press(&mut a, "Enter j");
    let rows = |a: &mizan::tui::app::App| a.tree().unwrap().rows.len();
    assert_eq!(rows(&a), 3);
    press(&mut a, "l");
    assert_eq!(rows(&a), 4, "expanding `done` shows its objection");
    press(&mut a, "l");
    assert_eq!(at(&a), "alpha/not-done");
    press(&mut a, "h");
    assert_eq!(at(&a), "alpha/done");
    press(&mut a, "h");
    assert_eq!(rows(&a), 3, "h on an expanded node collapses it");
    press(&mut a, "e");
    assert_eq!(rows(&a), 4);
    press(&mut a, "z");
    assert_eq!(
        rows(&a),
        3,
        "collapse all leaves the thesis and its reasons"
    );
}

// Siblings and parent moves.
#[test]
fn siblings_and_parent() {
    let mut a = app();
    press(&mut a, "Enter j ]");
    assert_eq!(at(&a), "alpha/timeline");
    press(&mut a, "[");
    assert_eq!(at(&a), "alpha/done");
    press(&mut a, "Backspace");
    assert_eq!(at(&a), "alpha/thesis");
}

// Following a link jumps into the other article; C-o and A-Right go back and forth.
#[test]
fn follow_link_and_jump_list() {
    let mut a = app();
    press(&mut a, "Enter j f");
    assert_eq!(at(&a), "beta/threat");
    assert_eq!(a.selected, 1, "the article list follows the jump");
    press(&mut a, "f");
    assert_eq!(
        at(&a),
        "alpha/not-done",
        "beta/threat agrees with alpha/not-done"
    );
    press(&mut a, "C-o");
    assert_eq!(at(&a), "beta/threat");
    press(&mut a, "C-o");
    assert_eq!(at(&a), "alpha/done");
    press(&mut a, "A-Right");
    assert_eq!(at(&a), "beta/threat");
    press(&mut a, "C-o C-o");
    assert!(a.flash.as_deref().unwrap_or("").contains("no earlier jump"));
}

// A link followed into a collapsed subtree reveals it.
#[test]
fn link_target_is_revealed() {
    let mut a = app();
    press(&mut a, "Enter z");
    assert!(
        a.tree().unwrap().row_of(2).is_none(),
        "alpha/not-done is hidden"
    );
    press(&mut a, "S-Tab j Enter j f");
    assert_eq!(at(&a), "alpha/not-done");
    assert_eq!(a.focus, Focus::Tree);
}

// L switches the claim language; S shows the source only where there is one.
#[test]
fn language_and_source_toggles() {
    let mut a = app();
    press(&mut a, "L");
    assert_eq!(a.lang, Lang::Ar);
    press(&mut a, "S");
    assert!(a.show_source);
    press(&mut a, "j");
    assert_eq!(a.selected, 1);
    assert!(!a.show_source, "beta has no source text");
    press(&mut a, "S");
    assert!(!a.show_source);
    assert!(a.flash.as_deref().unwrap_or("").contains("no source text"));
}

// ? opens the help over everything; Esc closes it; q quits only outside overlays.
#[test]
fn help_overlay_and_quit() {
    let mut a = app();
    press(&mut a, "?");
    assert!(matches!(a.overlays.last(), Some(Overlay::Help { .. })));
    press(&mut a, "j j");
    assert!(matches!(
        a.overlays.last(),
        Some(Overlay::Help { scroll: 2 })
    ));
    press(&mut a, "Esc");
    assert!(a.overlays.is_empty());
    assert!(!a.should_quit);
    press(&mut a, "q");
    assert!(a.should_quit);
}

// Tab and S-Tab cycle the panes.
#[test]
fn focus_cycles() {
    let mut a = app();
    press(&mut a, "Tab");
    assert_eq!(a.focus, Focus::Tree);
    press(&mut a, "Tab");
    assert_eq!(a.focus, Focus::Detail);
    press(&mut a, "Tab");
    assert_eq!(a.focus, Focus::Articles);
    press(&mut a, "S-Tab");
    assert_eq!(a.focus, Focus::Detail);
}

// Moving the selection scrolls the source pane to the node's quote.
#[test]
fn source_follows_selection() {
    let mut a = common::app_with(mizan::tui::config::BidiChoice::Mizan, 120, 6 + 2 + 1);
    press(&mut a, "Enter S e");
    press(&mut a, "j j");
    assert_eq!(at(&a), "alpha/not-done");
    assert!(
        a.source_scroll > 0,
        "the quote on line 3 is scrolled into a 6-line pane"
    );
}
