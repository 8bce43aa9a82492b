//! The UI driven by key names, asserting state: `update` without a terminal.

use crate::common;

use common::{app, at, press};
use mizan::tui::app::{Focus, Lang, Overlay};
use mizan::tui::effects::Effect;
use mizan::tui::workspace::Quit;

// Opening an article focuses its tree on the thesis; j/k walk the rows.
#[test]
fn open_article_and_walk() {
    let mut a = app();
    assert_eq!(a.screen.browse().focus, Focus::Articles);
    press(&mut a, "Enter");
    assert_eq!(a.screen.browse().focus, Focus::Tree);
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
    assert_eq!(
        a.screen.browse().selected,
        1,
        "the article list follows the jump"
    );
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
    assert_eq!(a.screen.browse().focus, Focus::Tree);
}

// L switches the claim language; S shows the source only where there is one.
#[test]
fn language_and_source_toggles() {
    let mut a = app();
    press(&mut a, "L");
    assert_eq!(a.settings.lang, Lang::Ar);
    press(&mut a, "S");
    assert!(a.screen.browse().show_source);
    press(&mut a, "j");
    assert_eq!(a.screen.browse().selected, 1);
    assert!(!a.screen.browse().show_source, "beta has no source text");
    press(&mut a, "S");
    assert!(!a.screen.browse().show_source);
    assert!(a.flash.as_deref().unwrap_or("").contains("no source text"));
}

// ? opens the help over everything; Esc closes it; q quits only outside overlays.
#[test]
fn help_overlay_and_quit() {
    let mut a = app();
    press(&mut a, "?");
    assert!(matches!(a.overlays.last(), Some(Overlay::Help(_))));
    press(&mut a, "j j");
    assert!(matches!(
        a.overlays.last(),
        Some(Overlay::Help(h)) if h.scroll == 2
    ));
    assert!(press(&mut a, "Esc").is_empty());
    assert!(a.overlays.is_empty());
    // Quitting is an effect `update` returns for the loop to run.
    assert_eq!(press(&mut a, "q"), vec![Effect::Quit(Quit::Keeping)]);
}

// Tab and S-Tab cycle the panes.
#[test]
fn focus_cycles() {
    let mut a = app();
    press(&mut a, "Tab");
    assert_eq!(a.screen.browse().focus, Focus::Tree);
    press(&mut a, "Tab");
    assert_eq!(a.screen.browse().focus, Focus::Detail);
    press(&mut a, "Tab");
    assert_eq!(a.screen.browse().focus, Focus::Articles);
    press(&mut a, "S-Tab");
    assert_eq!(a.screen.browse().focus, Focus::Detail);
}

// Moving the selection scrolls the source pane to the node's quote.
#[test]
fn source_follows_selection() {
    let mut a = common::app_with(mizan::tui::config::BidiChoice::Mizan, 120, 6 + 2 + 1);
    press(&mut a, "Enter S e");
    press(&mut a, "j j");
    assert_eq!(at(&a), "alpha/not-done");
    assert!(
        a.screen.browse().source_scroll > 0,
        "the quote on line 3 is scrolled into a 6-line pane"
    );
}

// A click selects the article or tree row under it; the wheel scrolls the pane under it.
#[test]
fn mouse_click_and_wheel() {
    use mizan::tui::update::{Mouse, mouse};
    let mut a = app();
    let list = a.view.areas.list;
    // Articles take two rows each: the second article starts on the list's third row.
    mouse(
        &mut a,
        Mouse::Click {
            x: list.x + 3,
            y: list.y + 3,
        },
    );
    assert_eq!(a.screen.browse().selected, 1);
    assert_eq!(a.screen.browse().focus, Focus::Articles);
    mouse(
        &mut a,
        Mouse::Click {
            x: list.x + 3,
            y: list.y + 1,
        },
    );
    assert_eq!(a.screen.browse().selected, 0);
    let tree = a.view.areas.tree;
    mouse(
        &mut a,
        Mouse::Click {
            x: tree.x + 5,
            y: tree.y + 2,
        },
    );
    assert_eq!(a.screen.browse().focus, Focus::Tree);
    assert_eq!(at(&a), "alpha/done");
    mouse(
        &mut a,
        Mouse::ScrollDown {
            x: tree.x + 5,
            y: tree.y + 2,
        },
    );
    assert_eq!(
        at(&a),
        "alpha/timeline",
        "the wheel moves by three rows, clamped"
    );
}

// A broken config is shown with file:line:col, and mizan runs on the defaults.
#[test]
fn bad_config_warns_and_uses_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.ron");
    std::fs::write(&cfg, "Config(\n    bidi: sideways,\n)\n").unwrap();
    let opts = mizan::tui::Options {
        maps_dir: common::fixtures().join("maps"),
        sources: None,
        config: Some(cfg.clone()),
        bidi: None,
    };
    let a = mizan::tui::setup(&opts, &|_| None).unwrap();
    let Some(Overlay::Message(m)) = a.overlays.last() else {
        panic!("no warning overlay")
    };
    let lines = &m.lines;
    assert!(
        lines[0].starts_with(&format!("{}:2:11: ", cfg.display())),
        "{lines:?}"
    );
    assert_eq!(
        a.settings.bidi,
        mizan::text::BidiMode::Mizan,
        "defaults apply"
    );
}

// Keys from the config file rebind actions.
#[test]
fn config_rebinds_keys() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.ron");
    std::fs::write(
        &cfg,
        "Config(keys: [(mode: normal, key: \"C-n\", action: down)], bidi: off)",
    )
    .unwrap();
    let opts = mizan::tui::Options {
        maps_dir: common::fixtures().join("maps"),
        sources: None,
        config: Some(cfg),
        bidi: None,
    };
    let mut a = mizan::tui::setup(&opts, &|_| None).unwrap();
    assert!(a.overlays.is_empty());
    common::resize(&mut a, 120, 40);
    press(&mut a, "C-n");
    assert_eq!(a.screen.browse().selected, 1);
    assert_eq!(a.settings.bidi, mizan::text::BidiMode::Off);
}

// The status bar, popup titles and footers name keys from the keymap: a
// rebound key is shown as bound, and an unbound one is not offered.
#[test]
fn hints_follow_the_keymap() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.ron");
    let text = "Config(keys: [\n  (mode: normal, key: \"/\"),\n  (mode: normal, key: \"F2\", action: search),\n  (mode: search, key: \"Esc\"),\n  (mode: search, key: \"C-g\", action: close),\n])\n";
    std::fs::write(&cfg, text).unwrap();
    let opts = mizan::tui::Options {
        maps_dir: common::fixtures().join("maps"),
        sources: None,
        config: Some(cfg),
        bidi: None,
    };
    let mut a = mizan::tui::setup(&opts, &|_| None).unwrap();
    assert!(a.overlays.is_empty(), "the config is fine");
    common::resize(&mut a, 120, 40);
    let s = common::screen(&a);
    let status = s.lines().last().unwrap_or("");
    assert!(status.contains("F2 search"), "{status}");
    assert!(!status.contains("/ search"), "{status}");
    press(&mut a, "/");
    assert!(a.overlays.is_empty(), "/ is unbound");
    press(&mut a, "F2");
    assert!(
        common::screen(&a).contains("Search — Enter opens, C-g closes"),
        "{}",
        common::screen(&a)
    );
    press(&mut a, "C-g");
    assert!(a.overlays.is_empty(), "C-g closes the search");
}

// x asks for a format and writes the article there, saying where.
#[test]
fn export_from_the_ui() {
    let mut a = app();
    let dir = tempfile::tempdir().unwrap();
    a.settings.export_dir = dir.path().to_path_buf();
    press(&mut a, "x");
    assert!(matches!(a.overlays.last(), Some(Overlay::Export(_))));
    let fx = press(&mut a, "j j j Enter");
    mizan::tui::effects::run(&mut a, fx);
    let path = dir.path().join("alpha.md");
    let text = std::fs::read_to_string(&path).expect("the Markdown export was written");
    assert!(text.contains("Alpha: withdraw soon"));
    assert!(
        a.flash
            .as_deref()
            .unwrap_or("")
            .contains(&path.display().to_string())
    );
}
