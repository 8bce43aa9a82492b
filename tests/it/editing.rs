//! Editing through the UI's `update`, on a copy of the fixture maps in a
//! temporary directory: structural edits, undo/redo, saving, conflicts,
//! backups and recovery. The forms are covered in `tests/forms.rs`.

use crate::common;

use std::fs;

use common::{app_in, at, keys, marks, scratch, screen};
use mizan::model::edit::{Edit, NodeField};
use mizan::tui::app::{App, Overlay};
use mizan::tui::workspace::editing;

fn children(app: &App, map: u32, node: &str) -> Vec<String> {
    let a = app.ws.corpus.article(map).unwrap();
    let n = a.find(node).unwrap();
    a.node(n)
        .children()
        .iter()
        .map(|&c| a.node(c).id().to_string())
        .collect()
}

// J/K move among siblings, > and < indent and outdent; each step is undone
// in reverse with u and redone with C-r, and the status bar names it.
#[test]
fn move_indent_outdent_undo_redo() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j");
    assert_eq!(at(&a), "alpha/done");
    keys(&mut a, "J");
    assert_eq!(children(&a, 0, "thesis"), ["timeline", "done"]);
    assert_eq!(at(&a), "alpha/done", "the moved node stays selected");
    keys(&mut a, "K");
    assert_eq!(children(&a, 0, "thesis"), ["done", "timeline"]);
    keys(&mut a, "j");
    assert_eq!(at(&a), "alpha/timeline");
    keys(&mut a, ">");
    assert_eq!(children(&a, 0, "done"), ["not-done", "timeline"]);
    assert!(a.ws.history.is_dirty(0));
    keys(&mut a, "<");
    assert_eq!(children(&a, 0, "thesis"), ["done", "timeline"]);
    keys(&mut a, "u");
    assert_eq!(a.flash.as_deref(), Some("undo: outdent `timeline`"));
    assert_eq!(children(&a, 0, "done"), ["not-done", "timeline"]);
    keys(&mut a, "u u u");
    assert_eq!(children(&a, 0, "thesis"), ["done", "timeline"]);
    assert!(
        !a.ws.history.is_dirty(0),
        "undoing everything is clean again"
    );
    keys(&mut a, "u");
    assert_eq!(a.flash.as_deref(), Some("nothing to undo"));
    keys(&mut a, "C-r C-r");
    assert_eq!(children(&a, 0, "thesis"), ["done", "timeline"]);
    keys(&mut a, "C-r");
    assert_eq!(children(&a, 0, "done"), ["not-done", "timeline"]);
    assert!(screen(&a).contains("[+] 1 unsaved"));
}

// d asks first; n keeps the node, y deletes it with its subtree; u brings it back.
#[test]
fn delete_asks_and_undoes() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j d");
    assert!(matches!(a.overlays.last(), Some(Overlay::Ask(_))));
    let s = screen(&a);
    assert!(s.contains("1 node below goes with it."), "{s}");
    keys(&mut a, "n");
    assert_eq!(children(&a, 0, "thesis"), ["done", "timeline"]);
    keys(&mut a, "d y");
    assert_eq!(children(&a, 0, "thesis"), ["timeline"]);
    assert_eq!(at(&a), "alpha/thesis");
    keys(&mut a, "u");
    assert_eq!(children(&a, 0, "thesis"), ["done", "timeline"]);
    assert_eq!(at(&a), "alpha/done");
    keys(&mut a, "g g d");
    assert!(a.overlays.is_empty(), "the thesis is not deleted");
}

// X cuts a subtree, p pastes a copy under a node of another article; ids
// taken there get a suffix; undo takes it back out in both.
#[test]
fn cut_and_paste_between_articles() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j X");
    assert_eq!(children(&a, 0, "thesis"), ["timeline"]);
    // To beta's tree, its thesis.
    keys(&mut a, "Tab Tab j Enter p");
    let beta = a.ws.corpus.article(1).unwrap();
    assert_eq!(beta.meta.id.as_ref(), "beta");
    let pasted = children(&a, 1, "thesis");
    assert_eq!(pasted.last().map(String::as_str), Some("done"));
    assert_eq!(children(&a, 1, "done"), ["not-done"]);
    assert_eq!(a.ws.history.dirty_maps(), vec![0, 1]);
    keys(&mut a, "u u");
    assert!(a.ws.history.dirty_maps().is_empty());
    assert_eq!(children(&a, 0, "thesis"), ["done", "timeline"]);
}

// C-s writes canonical RON (only the edited map), keeps a backup of the old
// file in the state directory, and loading the file gives the edited map.
#[test]
fn save_writes_the_edited_map_only() {
    let (maps, state, _t) = scratch();
    let before_beta = fs::read(maps.join("beta.ron")).unwrap();
    let before_alpha = fs::read_to_string(maps.join("alpha.ron")).unwrap();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j J C-s");
    assert_eq!(a.flash.as_deref(), Some("saved alpha.ron"));
    assert!(a.ws.history.dirty_maps().is_empty());
    assert_eq!(fs::read(maps.join("beta.ron")).unwrap(), before_beta);
    let corpus = mizan::store::load_dir(&maps).unwrap();
    let alpha = corpus.article(0).unwrap();
    let ids: Vec<&str> = alpha
        .node(alpha.root)
        .children()
        .iter()
        .map(|&c| alpha.node(c).id())
        .collect();
    assert_eq!(ids, ["timeline", "done"]);
    let backups = mizan::store::backup::list(&maps.join("alpha.ron"), &state);
    assert_eq!(backups.len(), 1);
    assert_eq!(fs::read_to_string(&backups[0]).unwrap(), before_alpha);
    // Nothing to save now; no file is touched.
    keys(&mut a, "C-s");
    assert_eq!(a.flash.as_deref(), Some("nothing to save"));
}

// A file changed behind mizan's back is not overwritten: saving asks, and
// cancel, overwrite, reload and keep-both do what they say.
#[test]
fn conflict_is_never_a_silent_overwrite() {
    let (maps, state, _t) = scratch();
    let path = maps.join("alpha.ron");
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j J");
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replace("A timeline was agreed.", "Changed elsewhere.");
    fs::write(&path, &theirs).unwrap();
    keys(&mut a, "C-s");
    assert!(screen(&a).contains("changed on disk since mizan read it"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        theirs,
        "nothing written before an answer"
    );
    keys(&mut a, "c");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    assert!(a.ws.history.is_dirty(0));
    // Keep both: ours as a new map, theirs loaded in place.
    keys(&mut a, "C-s k");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    let mine = maps.join("alpha-mine.ron");
    let text = fs::read_to_string(&mine).unwrap();
    assert!(text.contains("id: \"alpha-mine\""));
    assert!(!text.contains("Changed elsewhere."));
    assert!(a.ws.history.dirty_maps().is_empty());
    let reloaded = a.ws.corpus.article(0).unwrap();
    assert_eq!(
        reloaded.node(reloaded.find("timeline").unwrap()).claim_en(),
        "Changed elsewhere."
    );
    // Overwrite, after another change on disk.
    keys(&mut a, "Tab Tab g g Enter j J");
    fs::write(&path, theirs.replace("Changed elsewhere.", "Again.")).unwrap();
    keys(&mut a, "C-s o");
    let now = fs::read_to_string(&path).unwrap();
    assert!(now.contains("Changed elsewhere.") && !now.contains("Again."));
    // Reload drops ours.
    keys(&mut a, "J");
    fs::write(&path, &theirs).unwrap();
    keys(&mut a, "C-s r");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    assert!(!a.ws.history.is_dirty(0));
}

// Quitting with unsaved edits asks; cancel stays, save-and-quit saves.
#[test]
fn quit_with_unsaved_edits_asks() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j J q");
    assert!(a.ws.quit.is_none());
    assert!(screen(&a).contains("Unsaved edits in alpha.ron."));
    keys(&mut a, "c");
    assert!(a.ws.quit.is_none());
    keys(&mut a, "q s");
    assert!(a.ws.quit.is_some());
    assert!(
        fs::read_to_string(maps.join("alpha.ron"))
            .unwrap()
            .find("\"timeline\"")
            < fs::read_to_string(maps.join("alpha.ron"))
                .unwrap()
                .find("\"done\"")
    );
    let mut b = app_in(&maps, &state);
    keys(&mut b, "Enter j J q d");
    assert!(b.ws.quit == Some(mizan::tui::workspace::Quit::Discarding));
}

// A recovery file is offered at the next start; restoring puts the edits
// back as unsaved; the file is then gone.
#[test]
fn recovery_is_offered_and_restored() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j J");
    let r = mizan::tui::workspace::saving::recovery_of(&a).expect("unsaved edits");
    mizan::store::recovery::write(&state, &r).unwrap();
    drop(a);
    let mut b = app_in(&maps, &state);
    assert!(screen(&b).contains("Unsaved edits recovered"));
    keys(&mut b, "r");
    assert_eq!(children(&b, 0, "thesis"), ["timeline", "done"]);
    assert!(b.ws.history.is_dirty(0));
    assert!(
        mizan::store::recovery::read(&state, &maps)
            .unwrap()
            .is_none()
    );
    let mut c = app_in(&maps, &state);
    assert!(c.overlays.is_empty());
    keys(&mut c, "q");
    assert!(c.ws.quit.is_some());
}

// After each edit only the edited map and the maps linking into it are
// checked again; what they show is what a full check finds. Deleting a
// link's target flags the link in the other article at once.
#[test]
fn checks_after_edits_match_a_full_check() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    let full = |a: &mut App| {
        let mut now: Vec<Vec<(u32, String)>> = Vec::new();
        for c in &a.ws.cache {
            let mut v: Vec<(u32, String)> = c
                .problems
                .iter()
                .flat_map(|(n, ds)| ds.iter().map(move |d| (*n, d.message.clone())))
                .collect();
            v.sort();
            now.push(v);
        }
        now
    };
    let check = |a: &mut App| {
        let incremental = full(a);
        mizan::tui::workspace::editing::revalidate(a);
        assert_eq!(
            incremental,
            full(a),
            "incremental checks differ from a full run"
        );
    };
    let link_problem = |a: &App| {
        let alpha = a.ws.corpus.article(0).unwrap();
        let done = alpha.find("done").unwrap();
        a.ws.cache[0]
            .problems
            .get(&done)
            .is_some_and(|p| p.iter().any(|d| d.message.contains("beta/threat")))
    };
    assert!(!link_problem(&a));
    // Delete beta/threat, which alpha/done links to.
    keys(&mut a, "j Enter j d y");
    assert!(
        link_problem(&a),
        "the dangling link is flagged in alpha at once"
    );
    check(&mut a);
    keys(&mut a, "u");
    assert!(!link_problem(&a));
    check(&mut a);
    keys(&mut a, "J > < X g g p");
    check(&mut a);
}

// A map whose article id another map has first keeps its duplicate-id
// mark through edits of its nodes and of its other metadata, which are
// checked with the map alone; renaming it away clears the mark, and back
// brings it again. At every step the marks are those of a full check.
#[test]
fn a_duplicate_id_stays_marked_through_edits_checked_alone() {
    let (maps, state, _t) = scratch();
    // `zeta.ron` sorts after the others: the copy is the duplicate.
    fs::copy(maps.join("alpha.ron"), maps.join("zeta.ron")).unwrap();
    let mut a = app_in(&maps, &state);
    let zeta =
        a.ws.corpus
            .maps
            .iter()
            .position(|m| m.path.ends_with("zeta.ron"))
            .unwrap() as u32;
    let duplicate = |a: &App| {
        a.ws.cache[zeta as usize]
            .problems
            .values()
            .flatten()
            .any(|d| d.code == "duplicate-article")
    };
    let same_as_full = |a: &mut App, step: &str| {
        let incremental = marks(a);
        mizan::tui::workspace::editing::revalidate(a);
        assert_eq!(incremental, marks(a), "after {step}");
    };
    assert!(duplicate(&a));
    let root = a.ws.corpus.article(zeta).unwrap().root;
    let edit = |a: &mut App, e: Edit| {
        assert!(editing::apply(a, zeta, e, "edit".into(), root, root));
    };
    edit(
        &mut a,
        Edit::Set {
            node: root,
            field: NodeField::ClaimEn("Changed.".into()),
        },
    );
    assert!(duplicate(&a), "a node edit keeps the mark");
    same_as_full(&mut a, "a node edit");
    let mut meta = a.ws.corpus.article(zeta).unwrap().meta.clone();
    meta.title_en = "Another title".into();
    edit(&mut a, Edit::Meta(Box::new(meta.clone())));
    assert!(duplicate(&a), "a title edit keeps the mark");
    same_as_full(&mut a, "a title edit");
    meta.id = "zeta".into();
    edit(&mut a, Edit::Meta(Box::new(meta.clone())));
    assert!(!duplicate(&a), "its own id: no mark");
    same_as_full(&mut a, "a rename");
    keys(&mut a, "u");
    assert!(duplicate(&a), "undone: the mark is back");
    same_as_full(&mut a, "undoing the rename");
    let rename = |a: &mut App, map: u32, id: &str| {
        let art = a.ws.corpus.article(map).unwrap();
        let (root, mut meta) = (art.root, art.meta.clone());
        meta.id = id.into();
        let e = Edit::Meta(Box::new(meta));
        assert!(editing::apply(a, map, e, "rename".into(), root, root));
    };
    // Renaming the first `alpha` away: the copy holds the id first now,
    // so its mark goes.
    let alpha = a.ws.corpus.map_of("alpha").unwrap();
    assert_ne!(alpha, zeta);
    rename(&mut a, alpha, "omega");
    assert_eq!(a.ws.corpus.map_of("alpha"), Some(zeta));
    assert!(!duplicate(&a), "the copy holds the id now");
    same_as_full(&mut a, "renaming the first holder");
    keys(&mut a, "u");
    assert!(duplicate(&a));
    same_as_full(&mut a, "undoing that");
    // With the copy renamed away, a link from beta into alpha dangles once
    // alpha is renamed: beta is checked again too.
    let threat = a.ws.corpus.resolve("beta/threat").unwrap();
    let links = NodeField::Links(vec![mizan::model::Link {
        kind: mizan::model::LinkKind::Rebuts,
        to: "alpha/done".into(),
    }]);
    let e = Edit::Set {
        node: threat.node,
        field: links,
    };
    assert!(editing::apply(
        &mut a,
        threat.map,
        e,
        "link".into(),
        threat.node,
        threat.node
    ));
    rename(&mut a, zeta, "zeta");
    same_as_full(&mut a, "linking into alpha");
    let dangling = |a: &App| {
        a.ws.cache[threat.map as usize]
            .problems
            .values()
            .flatten()
            .any(|d| d.message.contains("alpha/done"))
    };
    assert!(!dangling(&a));
    rename(&mut a, alpha, "omega");
    assert!(dangling(&a), "the link into the old id is flagged at once");
    same_as_full(&mut a, "renaming the linked article");
}

// A map that no longer parses after an outside edit (what `E` reloads) is
// reported with file:line:column, and the map shows its error.
#[test]
fn reloading_a_broken_map_reports_where() {
    let (maps, state, _t) = scratch();
    let path = maps.join("alpha.ron");
    let mut a = app_in(&maps, &state);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("claim_ar: \"المهمة", "claim_arr: \"المهمة"),
    )
    .unwrap();
    mizan::tui::workspace::saving::reload(&mut a, 0);
    let s = screen(&a);
    let line = text
        .lines()
        .position(|l| l.contains("claim_ar: \"المهمة"))
        .unwrap()
        + 1;
    assert!(s.contains(&format!("alpha.ron:{line}:")), "{s}");
    assert!(s.contains("claim_arr"), "{s}");
    assert!(a.ws.corpus.article(0).is_none());
    assert!(a.ws.corpus.maps[0].error.is_some());
}

// `E` on a map that did not load opens the editor at its error's line.
#[test]
fn editor_opens_a_broken_map_at_its_error() {
    let (maps, state, _t) = scratch();
    let path = maps.join("alpha.ron");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("claim_ar: \"المهمة", "claim_arr: \"المهمة"),
    )
    .unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("claim_ar: \"المهمة"))
        .unwrap() as u32
        + 1;
    let mut a = app_in(&maps, &state);
    let fx = common::press(&mut a, "E");
    assert_eq!(
        fx,
        vec![mizan::tui::effects::Effect::OpenEditor { map: 0, line }]
    );
    let req = mizan::tui::effects::run(&mut a, fx).expect("an editor to run");
    assert_eq!((req.path, req.line), (path, line));
}

// "Later" moves the recovery file aside: not offered again, and a later
// crash's recovery file cannot overwrite it.
#[test]
fn recovery_kept_for_later_is_moved_aside() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j J");
    let r = mizan::tui::workspace::saving::recovery_of(&a).expect("unsaved edits");
    mizan::store::recovery::write(&state, &r).unwrap();
    let mut b = app_in(&maps, &state);
    keys(&mut b, "l");
    assert!(
        b.flash.as_deref().unwrap().contains("-kept-"),
        "{:?}",
        b.flash
    );
    assert!(
        mizan::store::recovery::read(&state, &maps)
            .unwrap()
            .is_none()
    );
    let kept: Vec<_> = fs::read_dir(state.join("recovery"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 1);
    let text = fs::read_to_string(&kept[0]).unwrap();
    assert!(text.contains("alpha.ron"));
    assert!(
        app_in(&maps, &state).overlays.is_empty(),
        "not offered again"
    );
}

// Moving nodes keeps the search index (text and tree membership are
// unchanged, nodes keep their arena index) and a hit still opens the
// moved node; deleting a node re-indexes its article (issue 15: updated,
// not dropped), so no hit leads to it.
#[test]
fn search_index_survives_edits() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "/");
    common::type_text(&mut a, "timeline");
    common::finish_search(&mut a);
    keys(&mut a, "Esc");
    assert!(a.ws.search.is_some(), "the first search builds the index");
    keys(&mut a, "Enter j j > K");
    assert!(a.ws.search.is_some(), "moves keep it");
    keys(&mut a, "/");
    common::type_text(&mut a, "timeline agreed");
    common::finish_search(&mut a);
    keys(&mut a, "Enter");
    assert_eq!(at(&a), "alpha/timeline");
    keys(&mut a, "d y");
    assert!(a.ws.search.is_some(), "a deletion keeps it, updated");
    keys(&mut a, "/");
    common::type_text(&mut a, "timeline agreed");
    common::finish_search(&mut a);
    let Some(Overlay::Search(s)) = a.overlays.last() else {
        panic!("no search overlay");
    };
    let found: Vec<String> = s
        .hits
        .iter()
        .filter_map(|h| a.ws.corpus.address(h.node))
        .collect();
    assert!(!found.contains(&"alpha/timeline".to_string()), "{found:?}");
}

// A map changed on disk while a node form is open is reloaded only after
// the form closes, so the form never edits a node of another version.
#[test]
fn disk_changes_wait_for_the_form() {
    let (maps, state, _t) = scratch();
    let path = maps.join("alpha.ron");
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j i");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("A timeline was agreed.", "Changed elsewhere."),
    )
    .unwrap();
    a.ws.disk_changes.push(path.clone());
    mizan::tui::workspace::saving::apply_disk_changes(&mut a);
    let t = a.ws.corpus.article(0).unwrap();
    assert_eq!(
        t.node(t.find("timeline").unwrap()).claim_en(),
        "A timeline was agreed."
    );
    keys(&mut a, "Esc");
    mizan::tui::workspace::saving::apply_disk_changes(&mut a);
    let t = a.ws.corpus.article(0).unwrap();
    assert_eq!(
        t.node(t.find("timeline").unwrap()).claim_en(),
        "Changed elsewhere."
    );
    assert!(a.flash.as_deref().unwrap().contains("reloaded alpha.ron"));
}
