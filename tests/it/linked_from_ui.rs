//! Issue 19: "linked from" follows each edit of a map instead of being
//! rebuilt over the corpus. Through the UI's edits, undo, redo and a map
//! added beside the others, the index the detail pane reads is at every
//! step the one a rebuild gives, and the pane shows it.

use crate::common;

use common::{app_in, keys, scratch, screen};
use mizan::model::edit::{Edit, NodeField};
use mizan::model::incoming::Incoming;
use mizan::model::{Link, LinkKind, MapEntry, NodeRef};
use mizan::tui::app::App;
use mizan::tui::workspace::{editing, saving};

fn node(app: &App, address: &str) -> NodeRef {
    app.ws.corpus.resolve(address).unwrap()
}

fn same_as_rebuilt(app: &App, step: &str) {
    assert!(
        app.ws.incoming == Incoming::build(&app.ws.corpus),
        "after {step}, linked from is not what a rebuild gives"
    );
}

fn set(app: &mut App, address: &str, field: NodeField) {
    let r = node(app, address);
    let edit = Edit::Set {
        node: r.node,
        field,
    };
    assert!(editing::apply(
        app,
        r.map,
        edit,
        "edit".into(),
        r.node,
        r.node
    ));
}

fn links(to: &[&str]) -> NodeField {
    NodeField::Links(
        to.iter()
            .map(|t| Link {
                kind: LinkKind::Rebuts,
                to: (*t).into(),
            })
            .collect(),
    )
}

// Links added, retargeted and dropped, a linked node renamed and deleted,
// an article renamed, a map added: each step, its undo and its redo leave
// "linked from" as a rebuild would, and the detail pane shows the new link.
#[test]
fn linked_from_follows_edits_undo_and_redo() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    same_as_rebuilt(&a, "loading");
    assert_eq!(a.ws.incoming.maps_into("beta"), [0]);

    set(&mut a, "beta/threat", links(&["alpha/done", "alpha/gone"]));
    same_as_rebuilt(&a, "adding links");
    let done = node(&a, "alpha/done");
    mizan::tui::screens::browse::jump_to(&mut a, done);
    let s = screen(&a);
    assert!(s.contains("rebuts by beta/threat"), "{s}");

    set(&mut a, "alpha/done", links(&["beta/thesis"]));
    same_as_rebuilt(&a, "retargeting a link");
    set(&mut a, "beta/threat", NodeField::Id("menace".into()));
    same_as_rebuilt(&a, "renaming a linked node");
    let mut meta = a.ws.corpus.article(1).unwrap().meta.clone();
    meta.id = "gamma".into();
    assert!(editing::apply(
        &mut a,
        1,
        Edit::Meta(Box::new(meta)),
        "rename".into(),
        0,
        0
    ));
    same_as_rebuilt(&a, "renaming an article");
    assert_eq!(a.ws.corpus.map_of("gamma"), Some(1));
    let menace = node(&a, "gamma/menace");
    assert!(editing::apply(
        &mut a,
        1,
        Edit::Detach { node: menace.node },
        "delete".into(),
        0,
        menace.node
    ));
    same_as_rebuilt(&a, "deleting a node with links");
    set(&mut a, "alpha/done", links(&[]));
    same_as_rebuilt(&a, "dropping links");

    for i in 0..6 {
        keys(&mut a, "u");
        same_as_rebuilt(&a, &format!("undo {i}"));
    }
    assert_eq!(a.ws.incoming.maps_into("beta"), [0], "all undone");
    for i in 0..6 {
        keys(&mut a, "C-r");
        same_as_rebuilt(&a, &format!("redo {i}"));
    }

    let mut new = a.ws.corpus.article(0).unwrap().clone();
    new.meta.id = "delta".into();
    let field = links(&["alpha/timeline"]);
    let node = new.find("done").unwrap();
    new.apply(Edit::Set { node, field }).unwrap();
    saving::add_unsaved(&mut a, MapEntry::in_memory(new));
    same_as_rebuilt(&a, "adding a map");
    assert!(a.ws.incoming.maps_into("alpha").contains(&2));
}
