//! Merge conflicts in the browser (issue 16): a map `mizan merge` left with
//! conflicts loads, its nodes are marked, `M` takes ours or theirs (one
//! undoable edit each) or opens the form, and `H` shows the node's history.

use crate::common;

use common::{app_in, at, keys, scratch, screen};
use mizan::merge::merge_texts;
use mizan::model::Article;
use mizan::store::{canon, parse_article};
use mizan::tui::app::{App, Overlay};

/// Writes alpha.ron as a merge of two edits that conflict on `done`'s
/// English claim and on the article's English title.
fn conflicted(maps: &std::path::Path) {
    let path = maps.join("alpha.ron");
    let base = std::fs::read(&path).unwrap();
    let edit = |claim: &str, title: &str| -> String {
        let mut a: Article = parse_article(&path, &base).0.article.unwrap();
        let n = a.find("done").unwrap();
        a.node_mut(n).set_claim_en(claim);
        a.meta.title_en = title.into();
        canon::article_to_string(&a)
    };
    let ours = edit("OURS: done.", "Our title");
    let theirs = edit("THEIRS: done.", "Their title");
    let m = merge_texts(&base, ours.as_bytes(), theirs.as_bytes()).unwrap();
    assert_eq!(m.conflicts, 2);
    std::fs::write(&path, m.text).unwrap();
}

fn node(app: &App, id: &str) -> mizan::model::Node {
    let a = app.ws.corpus.article(0).unwrap();
    a.node(a.find(id).unwrap()).clone()
}

// M on a conflicted node asks; t takes theirs and drops the conflict; u
// brings ours and the conflict back.
#[test]
fn take_theirs_then_undo() {
    let (maps, state, _t) = scratch();
    conflicted(&maps);
    let mut app = app_in(&maps, &state);
    keys(&mut app, "Enter j");
    assert_eq!(at(&app), "alpha/done");
    // The detail pane, focused, is wide enough for the message on one line.
    keys(&mut app, "Tab");
    assert!(
        screen(&app).contains("unresolved merge conflict"),
        "the detail pane shows the problem:\n{}",
        screen(&app)
    );
    keys(&mut app, "S-Tab M");
    let Some(Overlay::Ask(q)) = app.overlays.last() else {
        panic!("M should ask");
    };
    assert!(
        q.lines.iter().any(|l| l.contains("THEIRS: done.")),
        "{:?}",
        q.lines
    );
    keys(&mut app, "t");
    let n = node(&app, "done");
    assert_eq!(n.claim_en(), "THEIRS: done.");
    assert!(n.conflicts().is_empty());
    assert!(app.ws.history.is_dirty(0));
    keys(&mut app, "u");
    let n = node(&app, "done");
    assert_eq!(n.claim_en(), "OURS: done.");
    assert_eq!(n.conflicts().len(), 1);
}

// e takes ours and opens the node's form; on the thesis, M reaches the
// article's conflict.
#[test]
fn edit_and_article_conflicts() {
    let (maps, state, _t) = scratch();
    conflicted(&maps);
    let mut app = app_in(&maps, &state);
    keys(&mut app, "Enter j M e");
    assert!(matches!(app.overlays.last(), Some(Overlay::Form(_))));
    assert!(node(&app, "done").conflicts().is_empty());
    keys(&mut app, "Esc k");
    assert_eq!(at(&app), "alpha/thesis");
    keys(&mut app, "M o");
    let a = app.ws.corpus.article(0).unwrap();
    assert!(a.meta.conflicts.is_empty());
    assert_eq!(&*a.meta.title_en, "Our title");
    keys(&mut app, "M");
    assert!(
        app.flash
            .as_deref()
            .unwrap_or("")
            .contains("no merge conflict")
    );
}

// H shows the node's history in a message (here: not a git repository).
#[test]
fn history_key_shows_a_message() {
    let (maps, state, _t) = scratch();
    let mut app = app_in(&maps, &state);
    keys(&mut app, "Enter j H");
    let Some(Overlay::Message(m)) = app.overlays.last() else {
        panic!("H should show a message");
    };
    assert_eq!(m.title, "History of alpha/done");
    assert!(!m.lines.is_empty());
}
