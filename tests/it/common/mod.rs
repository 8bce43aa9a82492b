//! Shared helpers for UI tests: an app on the fixture maps, driven by key names.
#![allow(dead_code)]

pub mod tmux;

use std::path::PathBuf;

use mizan::tui::app::App;
use mizan::tui::config::BidiChoice;
use mizan::tui::effects::Effect;
use mizan::tui::key::KeyPress;
use mizan::tui::{Options, setup, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The app on tests/fixtures, with no user config and colours on.
pub fn app_with(bidi: BidiChoice, w: u16, h: u16) -> App {
    let opts = Options {
        maps_dir: fixtures().join("maps"),
        sources: Some(fixtures().join("sources")),
        config: Some(fixtures().join("no-such-config.ron")),
        bidi: Some(bidi),
    };
    let mut app = setup(&opts, &|_| None).expect("fixtures load");
    resize(&mut app, w, h);
    app
}

pub fn app() -> App {
    app_with(BidiChoice::Mizan, 120, 40)
}

pub fn resize(app: &mut App, w: u16, h: u16) {
    mizan::tui::screens::browse::relayout(app, Rect::new(0, 0, w, h));
    mizan::tui::screens::browse::selection_moved(app);
}

/// Presses keys given by name, separated by spaces (`"j j Tab g g"`),
/// without running the effects they ask for; returns those.
pub fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut out = Vec::new();
    for k in keys.split_whitespace() {
        let press = KeyPress::parse(k).unwrap_or_else(|e| panic!("{e}"));
        out.extend(update::key(app, press));
    }
    out
}

/// The screen as drawn, styles and all.
pub fn buffer(app: &App) -> ratatui::buffer::Buffer {
    let a = app.view.areas.screen;
    let mut term = Terminal::new(TestBackend::new(a.width, a.height)).expect("test backend");
    term.draw(|f| view::view(app, f)).expect("draw");
    term.backend().buffer().clone()
}

/// The rows of the screen whose cells carry `style`'s background or
/// modifiers somewhere (the rows a list shows as selected), as text.
pub fn rows_styled(app: &App, style: ratatui::style::Style) -> Vec<String> {
    let buf = buffer(app);
    let a = app.view.areas.screen;
    (0..a.height)
        .filter(|&y| {
            (0..a.width).any(|x| {
                let c = &buf[(x, y)];
                match style.bg {
                    Some(bg) => c.bg == bg,
                    None => c.modifier.contains(style.add_modifier),
                }
            })
        })
        .map(|y| {
            (0..a.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// The screen as text, one line per row (trailing spaces trimmed).
pub fn screen(app: &App) -> String {
    let buf = &buffer(app);
    let a = app.view.areas.screen;
    let mut out = String::new();
    for y in 0..a.height {
        let mut line = String::new();
        for x in 0..a.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Each map's check marks as text, sorted: what the browser shows of the
/// checks, to compare two apps or two moments.
pub fn marks(app: &App) -> Vec<Vec<String>> {
    app.ws
        .cache
        .iter()
        .map(|c| {
            let mut v: Vec<String> = c
                .problems
                .values()
                .flatten()
                .map(|d| d.to_string())
                .collect();
            v.sort();
            v
        })
        .collect()
}

/// The selected node's address, e.g. `alpha/done`.
pub fn at(app: &App) -> String {
    app.current()
        .and_then(|r| app.ws.corpus.address(r))
        .unwrap_or_default()
}

/// Types text into whatever has the keys (the search query), char by char.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let press = mizan::tui::key::KeyPress {
            code: mizan::tui::key::Code::Char(c),
            ctrl: false,
            alt: false,
        };
        let fx = update::key(app, press);
        mizan::tui::effects::run(app, fx);
    }
}

/// Runs the search to completion, as the loop would over several frames.
pub fn finish_search(app: &mut App) {
    mizan::tui::overlays::search::pump(app, true);
}

/// A copy of the fixture maps in a temporary directory, for tests that
/// edit and save: (maps dir, state dir, the guard that deletes them).
pub fn scratch() -> (PathBuf, PathBuf, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    let maps = tmp.path().join("maps");
    std::fs::create_dir(&maps).unwrap();
    for e in std::fs::read_dir(fixtures().join("maps")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), maps.join(e.file_name())).unwrap();
    }
    let state = tmp.path().join("state");
    (maps, state, tmp)
}

/// The app on a maps directory, with backups and recovery in `state`.
pub fn app_in(maps: &std::path::Path, state: &std::path::Path) -> App {
    let opts = Options {
        maps_dir: maps.to_path_buf(),
        sources: Some(fixtures().join("sources")),
        config: Some(fixtures().join("no-such-config.ron")),
        bidi: None,
    };
    let state = state.to_string_lossy().into_owned();
    let mut app = setup(&opts, &move |k| {
        (k == "MIZAN_STATE_DIR").then(|| state.clone())
    })
    .expect("fixtures load");
    resize(&mut app, 120, 40);
    app
}

/// Presses keys, running the effects after each one as the loop does.
pub fn keys(app: &mut App, k: &str) {
    for key in k.split_whitespace() {
        let fx = press(app, key);
        mizan::tui::effects::run(app, fx);
    }
}

/// The app on the fixtures as `NO_COLOR=1` starts it (monochrome palette).
pub fn app_mono(w: u16, h: u16) -> App {
    let opts = Options {
        maps_dir: fixtures().join("maps"),
        sources: Some(fixtures().join("sources")),
        config: Some(fixtures().join("no-such-config.ron")),
        bidi: Some(BidiChoice::Mizan),
    };
    let mut app = setup(&opts, &|k| (k == "NO_COLOR").then(|| "1".into())).expect("fixtures load");
    resize(&mut app, w, h);
    app
}

/// The rows lists show as selected (with the selection style and the `›` mark).
pub fn selected_rows(app: &App) -> Vec<String> {
    rows_styled(app, app.settings.palette.selection)
        .into_iter()
        .filter(|r| r.contains(mizan::tui::widgets::selection::MARK))
        .collect()
}

/// The selected row holding `text` (in whichever list); panics if none.
pub fn selected_with(app: &App, text: &str) -> String {
    let rows = selected_rows(app);
    rows.iter()
        .find(|r| r.contains(text))
        .cloned()
        .unwrap_or_else(|| panic!("no selected row with {text:?}: {rows:#?}\n{}", screen(app)))
}

/// The one row a list shows as selected; panics unless there is exactly one.
pub fn selected_row(app: &App) -> String {
    let rows = selected_rows(app);
    assert_eq!(rows.len(), 1, "{rows:#?}\n{}", screen(app));
    rows[0].clone()
}
