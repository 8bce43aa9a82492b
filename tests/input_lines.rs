//! Every input line lays out what is typed like any other text (issue 14):
//! Arabic typed into the search line or the article picker is shaped and
//! right to left, as in the forms, not separate letters left to right.

mod common;

use common::{app, press, screen, type_text};
use mizan::text::{BidiMode, layout};

/// How the pipeline draws `s` (shaped, visual order).
fn drawn(s: &str) -> String {
    layout(s, 80, BidiMode::Mizan)[0].text()
}

// The search line shows an Arabic query joined and right to left.
#[test]
fn search_line_shapes_arabic() {
    let mut a = app();
    press(&mut a, "/");
    type_text(&mut a, "داعش");
    let s = screen(&a);
    assert_ne!(drawn("داعش"), "داعش");
    assert!(s.contains(&drawn("داعش")), "{s}");
    assert!(!s.contains("داعش"), "raw letters on screen:\n{s}");
}

// The compare picker's query does the same.
#[test]
fn article_picker_shapes_arabic() {
    let mut a = app();
    press(&mut a, "c");
    type_text(&mut a, "بيتا");
    let s = screen(&a);
    assert!(s.contains(&drawn("بيتا")), "{s}");
}
