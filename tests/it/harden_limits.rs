//! Issue 20 in the UI's building blocks: pasting into a form field is
//! linear and bounded (item 8), a huge text is laid out only as far as a
//! screen shows (item 10), a config cannot lock the user in (item 12) and a
//! FIFO as the config is an error, not a hang (item 6).

use mizan::text::{BidiMode, layout, truncated};
use mizan::tui::action::Action;
use mizan::tui::key::Key;
use mizan::tui::keymap::{Keymap, Lookup, Mode, UserBinding};
use mizan::tui::widgets::form::{Field, Form, ID_MAX_CHARS, TEXT_MAX_CHARS};

// Item 8: a 1 MB paste is cut to the field's limit with a message, and
// typing into a full field says so instead of growing it.
#[test]
fn paste_is_cut_to_the_field_limit() {
    let mut f = Form::new(
        "t",
        vec![
            Field::text("id", "", ""),
            Field::text("claim (English)", "", ""),
        ],
    );
    let huge = "كلمة ".repeat(200_000);
    f.paste(&huge);
    assert_eq!(f.text(0).chars().count(), ID_MAX_CHARS);
    let msg = f.error.clone().unwrap_or_default();
    assert!(
        msg.contains("the paste was cut") && msg.contains("64"),
        "{msg}"
    );
    f.type_char('x');
    assert_eq!(f.text(0).chars().count(), ID_MAX_CHARS);
    assert!(f.error.as_deref().unwrap_or("").contains("at most 64"));
    f.handle(Action::FocusNext);
    f.paste(&huge);
    assert_eq!(f.text(1).chars().count(), TEXT_MAX_CHARS);
    // A paste that fits is whole, and clears the message.
    let mut g = Form::new("t", vec![Field::text("note", "", "")]);
    g.paste("short\nnote");
    assert_eq!(g.text(0), "short note");
    assert_eq!(g.error, None);
}

// Item 10: a 2-million-character claim is laid out up to the limit, with a
// line saying how much more there is; one row of it lays out a few cells'
// worth.
#[test]
fn huge_text_is_laid_out_only_as_far_as_shown() {
    let claim = "a".repeat(10) + &" word".repeat(400_000);
    let lines = layout(&claim, 40, BidiMode::Mizan);
    let shown: usize = lines
        .iter()
        .flat_map(|l| &l.glyphs)
        .map(|g| g.logical.len())
        .sum();
    assert!(shown <= mizan::text::layout::MAX_LAID_OUT_CHARS, "{shown}");
    let last = lines.last().unwrap().text();
    assert!(last.contains("more characters"), "{last}");
    let row = truncated(&claim, 30, BidiMode::Mizan);
    assert!(
        row.width <= 30 && row.text().ends_with('…'),
        "{}",
        row.text()
    );
    assert_eq!(row, truncated(&claim[..1000], 30, BidiMode::Mizan));
    // An ordinary claim is laid out whole, as before.
    let short = layout("short claim", 40, BidiMode::Mizan);
    assert_eq!(short.len(), 1);
    assert_eq!(short[0].text(), "short claim");
}

fn bind(mode: Mode, key: &str, action: Option<Action>) -> UserBinding {
    UserBinding {
        mode,
        key: Key::parse(key).unwrap(),
        action,
    }
}

/// The keymap a config makes at start-up, with its warnings.
fn keymap(user: &[UserBinding]) -> (Keymap, Vec<String>) {
    let mut km = Keymap::with_user(user);
    let warnings = km.lockout_fixed(user);
    (km, warnings)
}

fn quits(km: &Keymap, mode: Mode, key: &str) -> bool {
    let k = Key::parse(key).unwrap();
    km.lookup(mode, None, k.first) == Lookup::Action(Action::Quit)
}

// Item 12: rebinding q, C-c and Esc leaves C-c quitting (with a warning),
// and a key bound twice is reported.
#[test]
fn a_config_cannot_lock_the_user_in() {
    let user = [
        bind(Mode::Normal, "q", Some(Action::Help)),
        bind(Mode::Normal, "C-c", None),
        bind(Mode::Normal, "Esc", Some(Action::Help)),
        bind(Mode::Normal, "z", Some(Action::ExpandAll)),
        bind(Mode::Normal, "z", Some(Action::CollapseAll)),
    ];
    let (km, warnings) = keymap(&user);
    assert!(quits(&km, Mode::Normal, "C-c"));
    assert!(!quits(&km, Mode::Normal, "q"));
    let all = warnings.join("\n");
    assert!(all.contains("no key to quit in Normal mode"), "{all}");
    assert!(all.contains("binds `z` twice"), "{all}");
    // A config that keeps another way out is left as it is.
    let (km, warnings) = keymap(&[bind(Mode::Normal, "q", Some(Action::Help))]);
    assert!(quits(&km, Mode::Normal, "C-c") && !quits(&km, Mode::Normal, "q"));
    assert!(warnings.is_empty(), "{warnings:?}");
}

// Item 6: a FIFO as the config file is an error at once.
#[cfg(unix)]
#[test]
fn fifo_config_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("config.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let err = mizan::tui::config::load(&fifo).unwrap_err();
    assert!(err.contains("not a regular file"), "{err}");
}
