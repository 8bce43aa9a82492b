//! Whole screens drawn with ratatui's TestBackend and compared with reviewed
//! snapshots (insta). Regenerate with `INSTA_UPDATE=always cargo test --test it screens::`
//! and review the diff before committing.

use crate::common;

use common::{app, app_with, press, resize, screen};
use mizan::tui::config::BidiChoice;

// The browser as it opens: list with badges, tree, thesis details.
#[test]
fn opening_screen_120x40() {
    let a = app();
    insta::assert_snapshot!(screen(&a));
}

// A node with a link selected in the detail pane, at 80×24.
#[test]
fn detail_with_link_80x24() {
    let mut a = app_with(BidiChoice::Mizan, 80, 24);
    press(&mut a, "Enter j Tab");
    insta::assert_snapshot!(screen(&a));
}

// Arabic claims in the tree and the source pane with the quote highlighted.
#[test]
fn arabic_tree_and_source() {
    let mut a = app();
    press(&mut a, "Enter e L S j j");
    insta::assert_snapshot!(screen(&a));
}

// The help overlay, generated from the keymap.
#[test]
fn help_overlay() {
    let mut a = app();
    press(&mut a, "?");
    insta::assert_snapshot!(screen(&a));
}

// No size panics; tiny sizes say to enlarge the terminal.
#[test]
fn any_size_draws() {
    let mut a = app();
    for (w, h) in [(1, 1), (20, 5), (39, 30), (300, 100), (40, 8), (2, 50)] {
        resize(&mut a, w, h);
        press(&mut a, "Enter e j S L ?");
        let s = screen(&a);
        if w < 40 || h < 8 {
            // Too narrow for the word itself: only drawing without a panic counts.
            assert!(s.contains("enlarge") || w < 8, "{w}x{h}:\n{s}");
        }
        press(&mut a, "Esc");
    }
    for (w, h) in [(1, 1), (20, 5), (300, 100)] {
        resize(&mut a, w, h);
        insta::assert_snapshot!(format!("size_{w}x{h}"), screen(&a));
    }
}

// NO_COLOR gives a palette without colours, yet the badges still read.
#[test]
fn no_color_keeps_glyphs() {
    let opts = mizan::tui::Options {
        maps_dir: common::fixtures().join("maps"),
        sources: None,
        config: Some(common::fixtures().join("none.ron")),
        bidi: Some(BidiChoice::Off),
    };
    let mut a = mizan::tui::setup(&opts, &|k| (k == "NO_COLOR").then(|| "1".into())).unwrap();
    resize(&mut a, 100, 20);
    assert_eq!(
        a.settings.palette,
        mizan::tui::palette::Palette::monochrome()
    );
    let s = screen(&a);
    assert!(s.contains("▲ Alpha") && s.contains("PRO ·"), "{s}");
    assert!(s.contains("▼ Beta") && s.contains("ANTI"), "{s}");
}

// An Arabic claim with a parenthesised year, asserted cell by cell against a
// visual order worked out by hand: the letters reversed and joined (qaf
// initial U+FED7, alef final U+FE8E, lam isolated U+FEDD; beh initial U+FE91,
// alef final, yeh initial U+FEF3, dal final U+FEAA, noon isolated U+FEE5),
// the number left to right, and the brackets reading `(2020)` at the left.
#[test]
fn arabic_cells_in_visual_order() {
    let (_dir, mut a) = beta_with("يجب أن تبقى القوات الأمريكية.", "قال بايدن (2020)");
    press(&mut a, "Enter");
    let s = screen(&a);
    let want = "(2020) \u{FEE5}\u{FEAA}\u{FEF3}\u{FE8E}\u{FE91} \u{FEDD}\u{FE8E}\u{FED7}";
    let row = s
        .lines()
        .find(|l| l.contains("(2020)"))
        .unwrap_or_else(|| panic!("{s}"));
    // The detail pane right-aligns the line against its right border.
    assert!(row.ends_with(&format!("{want}│")), "{row:?}\n{s}");
}

// An escape sequence inside a map's text is drawn as visible characters.
#[test]
fn escapes_in_maps_are_shown_harmlessly() {
    let (_dir, a) = beta_with("US forces should stay.", "Stay\\u{1b}[2J here.");
    let s = screen(&a);
    assert!(s.contains("Stay␛[2J here."), "{s}");
    assert!(!s.contains('\u{1b}'));
}

/// The app at 120×40 on the fixture motion and a copy of beta.ron with
/// `from` replaced by `to`; the temp dir is returned to keep it alive.
fn beta_with(from: &str, to: &str) -> (tempfile::TempDir, mizan::tui::app::App) {
    let dir = tempfile::tempdir().unwrap();
    let maps = dir.path();
    std::fs::copy(
        common::fixtures().join("maps/motion.ron"),
        maps.join("motion.ron"),
    )
    .unwrap();
    let beta = std::fs::read_to_string(common::fixtures().join("maps/beta.ron")).unwrap();
    std::fs::write(maps.join("beta.ron"), beta.replace(from, to)).unwrap();
    let opts = mizan::tui::Options {
        maps_dir: maps.to_path_buf(),
        sources: None,
        config: Some(maps.join("none.ron")),
        bidi: Some(BidiChoice::Mizan),
    };
    let mut a = mizan::tui::setup(&opts, &|_| None).unwrap();
    resize(&mut a, 120, 40);
    (dir, a)
}
