//! Browsing while the maps arrive (issue 19, item 1): the browser opens on
//! the catalog's list, an article can be opened as soon as its map has
//! come, what spans the corpus says it waits, and the checks' marks arrive
//! after the last map — the same marks a whole load gives. The loader's
//! events are handed over one by one here, so every step is deterministic;
//! `tmux::browse_while_loading` drives the real binary.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{finish_search, marks, press, resize, screen, type_text};
use mizan::store::background::{Assembly, Event, Loader};
use mizan::tui::app::App;
use mizan::tui::arrivals as arrival;
use mizan::tui::{Options, setup, setup_arriving};

fn opts(maps: &Path) -> Options {
    Options {
        maps_dir: maps.to_path_buf(),
        sources: None,
        config: Some("/nonexistent/config.ron".into()),
        bidi: None,
    }
}

/// Every event a loader sends for `maps`, in order.
fn events(maps: &Path) -> Vec<Event> {
    let loader = Loader::start(maps.to_path_buf(), None);
    let mut out = Vec::new();
    while let Some(e) = loader.next_timeout(Duration::from_secs(60)) {
        let last = matches!(e, Event::Finished);
        out.push(e);
        if last {
            break;
        }
    }
    out
}

/// Thirty generated maps of 8 nodes in `maps`, `file`'s first `from`
/// replaced by `to`.
fn thirty_maps_with(maps: &Path, file: &str, from: &str, to: &str) {
    mizan::synthetic::write_corpus(maps, 30, 8, 5).unwrap();
    let p = maps.join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    let changed = text.replacen(from, to, 1);
    assert_ne!(changed, text, "`{from}` is in {file}");
    std::fs::write(&p, changed).unwrap();
}

/// The browser at 120×40 on the loader's list and motion of `maps`, and
/// the events still to hand over (the maps, then the end).
fn arriving(maps: &Path) -> (App, std::vec::IntoIter<Event>) {
    let mut events = events(maps).into_iter();
    let mut asm = Assembly::default();
    asm.apply(events.next().unwrap()).unwrap(); // the list
    asm.apply(events.next().unwrap()).unwrap(); // the motion
    let mut app = setup_arriving(&opts(maps), &|_| None, asm, None).unwrap();
    resize(&mut app, 120, 40);
    (app, events)
}

/// Waits for the checks' thread (not a timing assertion: a generous bound
/// so that a broken thread fails the test instead of hanging it).
fn until_arrived(app: &mut App) {
    let start = Instant::now();
    while app.ws.arrival.is_some() {
        arrival::pump(app);
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "checks never ended"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

// The list is there before any map; the first article opens once its map
// has come, the next one says it is loading; search waits; after the last
// map and the checks, the marks are those of a whole load and search runs.
#[test]
fn browse_the_first_article_before_the_rest_has_loaded() {
    let tmp = tempfile::tempdir().unwrap();
    let maps = tmp.path();
    // A theme the motion does not know, so that the checks mark something.
    thirty_maps_with(
        maps,
        "gen-000003.ron",
        "themes: [\"",
        "themes: [\"no-such-theme\", \"",
    );
    let (mut app, mut events) = arriving(maps);
    let first_title = app
        .ws
        .arrival
        .as_ref()
        .unwrap()
        .meta(0)
        .unwrap()
        .id
        .to_string();

    let s = screen(&app);
    assert!(s.contains("30 articles"), "{s}");
    assert!(s.contains("loading maps 0 of 30"), "{s}");
    assert!(s.contains("loading…"), "the tree pane waits:\n{s}");
    assert!(app.tree().is_none());

    // The first map comes (the loader sends it first): its tree is there.
    let e = events.next().unwrap();
    assert!(matches!(e, Event::Loaded { index: 0, .. }));
    arrival::apply(&mut app, e);
    let s = screen(&app);
    assert!(s.contains(&format!("{first_title} · ")), "{s}");
    assert!(s.contains("loading maps 1 of 30"), "{s}");
    press(&mut app, "Enter j");
    let node = app
        .current()
        .expect("a node of the first article is selected");
    assert_eq!(node.map, 0);
    assert_ne!(node.node, app.ws.corpus.article(0).unwrap().root);

    // What spans the corpus waits, and says so.
    press(&mut app, "c");
    assert!(app.screen.is_browse());
    assert!(app.flash.as_deref().unwrap_or("").contains("waits"));
    press(&mut app, "i");
    assert!(app.overlays.is_empty(), "no editing while loading");
    // Search opens and takes what is typed (not read as commands: `c`
    // would compare, `i` edit), and waits to run it.
    let before = app.current();
    press(&mut app, "/");
    type_text(&mut app, "ci");
    let s = screen(&app);
    assert!(s.contains("/ ci"), "{s}");
    assert!(s.contains("waits until every map is in"), "{s}");
    assert!(app.ws.search.is_none(), "no index over a partial corpus");
    press(&mut app, "Esc");
    assert!(app.overlays.is_empty() && app.screen.is_browse());
    assert_eq!(app.current(), before);

    // The next article has not come: its tree pane says so.
    press(&mut app, "S-Tab j");
    assert_eq!(app.browse().selected, 1);
    let s = screen(&app);
    assert!(s.contains("loading…"), "{s}");

    // The rest comes; the selected article's tree opens as it does.
    for e in events.by_ref() {
        if matches!(e, Event::Finished) {
            arrival::apply(&mut app, e);
            break;
        }
        arrival::apply(&mut app, e);
    }
    assert!(app.tree().is_some());
    assert!(screen(&app).contains("checking maps"), "{}", screen(&app));
    until_arrived(&mut app);
    let s = screen(&app);
    assert!(!s.contains("loading") && !s.contains("checking"), "{s}");

    // The marks are those of a whole load.
    let whole = setup(&opts(maps), &|_| None).unwrap();
    assert_eq!(app.ws.corpus.maps.len(), whole.ws.corpus.maps.len());
    assert!(
        marks(&whole).iter().any(|v| !v.is_empty()),
        "a mark to compare"
    );
    assert_eq!(marks(&app), marks(&whole));
    assert_eq!(app.ws.corpus.map_of(&first_title), Some(0));
    // "Linked from" came from the checks' thread, over the whole corpus.
    assert!(app.ws.incoming != Default::default(), "links to show");
    assert!(app.ws.incoming == whole.ws.incoming);

    // Now search runs.
    press(&mut app, "/");
    assert!(!app.overlays.is_empty(), "search opens once all is in");
}

// A query typed while the maps arrive runs once they are all in, over the
// whole corpus: the hits include articles that had not come when it was
// typed.
#[test]
fn a_search_typed_while_loading_runs_once_every_map_is_in() {
    let tmp = tempfile::tempdir().unwrap();
    let maps = tmp.path();
    // A word only the last article has.
    thirty_maps_with(
        maps,
        "gen-000029.ron",
        "claim_en: \"",
        "claim_en: \"Zanzibarite ",
    );
    let (mut app, mut events) = arriving(maps);
    arrival::apply(&mut app, events.next().unwrap()); // the first map

    press(&mut app, "/");
    type_text(&mut app, "zanzibarite");
    assert!(!pump_once(&mut app), "nothing runs while maps arrive");
    assert!(screen(&app).contains("waits until every map is in"));
    for e in events.by_ref() {
        let last = matches!(e, Event::Finished);
        arrival::apply(&mut app, e);
        if last {
            break;
        }
    }
    until_arrived(&mut app);
    finish_search(&mut app);
    let s = screen(&app);
    assert!(s.contains("gen-000029/"), "the queued query ran:\n{s}");
    assert!(!s.contains("waits until"), "{s}");
}

/// One turn of the loop's search pump; whether it asks to come back soon.
fn pump_once(app: &mut App) -> bool {
    mizan::tui::overlays::search::pump(app, false)
}

// The real binary in tmux, its loader held back after the first map
// while a file exists (MIZAN_TEST_LOAD_HOLD): the list is up and the first
// article opens while the status bar counts maps loading; search says it
// waits; the last article says loading…; once the file is gone and every
// map is in and checked, search opens. Nothing here depends on timing.
#[test]
fn browse_while_loading_in_the_real_binary() {
    let Some(t) = crate::common::tmux::Tmux::start("arrival") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let maps = tmp.path().join("maps");
    mizan::synthetic::write_corpus(&maps, 40, 6, 3).unwrap();
    let first = mizan::store::catalog::Catalog::scan(&maps, None)
        .unwrap()
        .headers[0]
        .meta
        .clone()
        .unwrap()
        .id;
    let hold = tmp.path().join("hold");
    std::fs::write(&hold, "").unwrap();
    t.type_line(&format!(
        "MIZAN_TEST_LOAD_HOLD={} MIZAN_STATE_DIR={} {} --no-cache --maps {} --config /nonexistent/config.ron; echo \"[exit $?]\"",
        hold.display(),
        tmp.path().join("state").display(),
        env!("CARGO_BIN_EXE_mizan"),
        maps.display(),
    ));
    // The first map comes first: its tree is open while the rest waits.
    let s = t.wait_for(&format!("{first} · "));
    assert!(s.contains("40 articles"), "{s}");
    assert!(s.contains("loading maps 1 of 40"), "{s}");
    t.keys(&["Enter", "j"]);
    // Search opens and holds the query until every map is in.
    t.keys(&["/", "c", "i"]);
    let s = t.wait_for("waits until every map is in");
    assert!(s.contains("Search — ") && s.contains("/ ci"), "{s}");
    t.keys(&["Escape"]);
    t.keys(&["c"]);
    t.wait_for("this waits until every map is in");
    // The last article is still to come: its tree pane says so.
    t.keys(&["BTab", "G"]);
    let s = t.wait_for("╭ Tree ");
    assert!(
        s.contains("loading…") && s.contains("loading maps 1 of 40"),
        "{s}"
    );
    // Released: every map comes, is checked, and the progress goes.
    std::fs::remove_file(&hold).unwrap();
    let start = Instant::now();
    loop {
        let s = t.screen();
        if s.contains("40 articles") && !s.contains("loading maps") && !s.contains("checking maps")
        {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "never loaded:\n{s}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    t.keys(&["/"]);
    t.wait_for("Search — ");
    t.keys(&["Escape", "q"]);
    t.wait_for("[exit 0]");
}
