//! Issue 13 in the terminal UI: a reported claim is marked with its speaker
//! in the tree, the detail pane says who says it and which links come in,
//! the list shows an inferred stance as implicit, and `r` switches whether
//! compare counts reported claims.

use crate::common;

use std::fs;

use common::{fixtures, press, resize, screen};
use mizan::compare::{Verdict, Voices};
use mizan::model::NodeRef;
use mizan::tui::app::{App, Screen};
use mizan::tui::config::BidiChoice;
use mizan::tui::{Options, setup};

/// The fixture maps with alpha's `not-done` attributed to "US commanders"
/// and beta's stance an implicit lean.
fn app(dir: &tempfile::TempDir) -> App {
    let maps = dir.path().join("maps");
    fs::create_dir(&maps).unwrap();
    for f in ["motion.ron", "alpha.ron", "beta.ron"] {
        let mut text = fs::read_to_string(fixtures().join("maps").join(f)).unwrap();
        if f == "alpha.ron" {
            let at = "claim_ar: \"لم تتم هزيمة داعش بعد.\",\n";
            assert!(text.contains(at));
            text = text.replace(
                at,
                &format!("{at}                        voice: \"US commanders\",\n"),
            );
        }
        if f == "beta.ron" {
            text = text.replace(
                "stance: Anti,\n",
                "stance: Anti,\n    stance_basis: Implicit,\n",
            );
        }
        fs::write(maps.join(f), text).unwrap();
    }
    let opts = Options {
        maps_dir: maps,
        sources: Some(fixtures().join("sources")),
        config: Some(fixtures().join("no-such-config.ron")),
        bidi: Some(BidiChoice::Mizan),
    };
    let mut app = setup(&opts, &|_| None).expect("maps load");
    resize(&mut app, 120, 40);
    app
}

fn node(app: &App, address: &str) -> NodeRef {
    app.ws.corpus.resolve(address).expect(address)
}

// The tree row of a reported claim starts with its speaker; the list marks
// beta's stance as implicit; the detail pane says the claim is reported.
#[test]
fn reported_claim_is_marked_in_tree_list_and_detail() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir);
    press(&mut a, "Enter e");
    let target = node(&a, "alpha/not-done");
    mizan::tui::screens::browse::jump_to(&mut a, target);
    let s = screen(&a);
    assert!(s.contains("− ▼ ‹US commanders› ISIS is not yet"), "{s}");
    assert!(s.contains("(implicit)"), "{s}");
    assert!(s.contains("Reported claim, said by"), "{s}");
    // The list's info row: stance, then "(implicit)" (issue 14's list layout).
    assert!(s.contains("ANTI (implicit)"), "{s}");
}

// A link recorded only in alpha is seen from its target in beta.
#[test]
fn incoming_links_are_shown_on_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir);
    let target = node(&a, "beta/threat");
    mizan::tui::screens::browse::jump_to(&mut a, target);
    let s = screen(&a);
    assert!(s.contains("Linked from"), "{s}");
    assert!(s.contains("contradicts by alpha/done"), "{s}");
}

// On isis alpha's own claim is done (for) against beta's against: a clash;
// `r` counts the reported not-done (against) too: alpha splits, mixed; `r`
// again goes back.
#[test]
fn r_toggles_whether_reported_claims_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir);
    assert!(mizan::tui::screens::compare::open_compare(&mut a, 0, 1));
    let isis = |a: &App| match &a.screen {
        Screen::Compare(s, _) => {
            let row = s.cmp.rows.iter().find(|r| &*r.theme == "isis").unwrap();
            (s.cmp.voices, row.verdict)
        }
        _ => panic!("not on the compare screen"),
    };
    assert_eq!(isis(&a), (Voices::Own, Verdict::Clash));
    press(&mut a, "r");
    assert_eq!(isis(&a), (Voices::All, Verdict::Mixed));
    assert!(screen(&a).contains("(reported claims count)"));
    press(&mut a, "r");
    assert_eq!(isis(&a), (Voices::Own, Verdict::Clash));
}

fn node_of<'a>(app: &'a App, address: &str) -> &'a mizan::model::Node {
    let r = node(app, address);
    app.ws.corpus.article(r.map).unwrap().node(r.node)
}

// The node form's voice field picks a speaker the article already uses
// (typed in part), or takes a new name; the kind is a choice; both are one
// undoable edit of the node.
#[test]
fn node_form_sets_voice_and_kind() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir);
    // `done` (the first reason): edit, Tab from the English claim to the
    // voice field (eight fields on), pick "US commanders" by part of it.
    press(&mut a, "Enter j i");
    assert!(screen(&a).contains("Edit `done`"));
    press(&mut a, "Tab Tab Tab Tab Tab Tab Tab Tab C-p");
    let s = screen(&a);
    assert!(
        s.contains("(the author's own claim)") && s.contains("US commanders"),
        "{s}"
    );
    common::type_text(&mut a, "comm");
    press(&mut a, "Enter Tab Right Right Enter");
    let done = node_of(&a, "alpha/done");
    assert_eq!(done.voice(), Some("US commanders"));
    assert_eq!(done.kind, Some(mizan::model::ClaimKind::Prediction));
    // A new speaker is typed whole; the picker takes it as is.
    press(&mut a, "i Tab Tab Tab Tab Tab Tab Tab Tab Backspace C-p");
    common::type_text(&mut a, "critics");
    press(&mut a, "Enter Enter");
    assert_eq!(node_of(&a, "alpha/done").voice(), Some("critics"));
    // Undo takes the edit back whole.
    press(&mut a, "u");
    assert_eq!(node_of(&a, "alpha/done").voice(), Some("US commanders"));
}

// The article form sets the genre and says the stance is implicit.
#[test]
fn article_form_sets_genre_and_stance_basis() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir);
    press(&mut a, "Enter I");
    // From the English title, ten fields on: genre; then the stance basis.
    press(
        &mut a,
        "Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Right Right Tab Right Enter",
    );
    let m = &a.ws.corpus.article(0).unwrap().meta;
    assert_eq!(m.genre, Some(mizan::model::Genre::News));
    assert_eq!(m.stance_basis, mizan::model::StanceBasis::Implicit);
    assert!(screen(&a).contains("PRO (implicit)"), "{}", screen(&a));
}
