//! Merge conflicts in the browser (issue 16). `mizan merge` keeps both
//! sides of a real conflict in the map; `mizan check` (and so the tree's
//! `!` mark and the detail pane) reports each. Here `M` on a node — or on
//! the thesis, for the article's own conflicts — asks about its first
//! conflict: take ours, take theirs, or take ours and edit the node. Each
//! answer is one edit, undone with `u`. And `H` shows the node's history
//! in git, as `mizan log` prints it.

use crate::merge::resolve::{Resolution, Take, resolve_meta, resolve_node};
use crate::model::edit::{Edit, move_to};
use crate::model::{Conflict, NodeIdx};
use crate::text::{BidiMode, truncated};
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::effect::Effect;
use crate::tui::keymap::Mode;
use crate::tui::overlays::ask_state::ConflictAt;
use crate::tui::overlays::ask_state::{Answer, Ask};
use crate::tui::overlays::form_state::Target;
use crate::tui::workspace::editing::{self, node_name};

/// `M`: asks how to resolve the selected node's first conflict (the
/// article's, on the thesis once the thesis has none).
pub fn ask(app: &mut App) {
    let Some(r) = app.current() else {
        return;
    };
    let Some(a) = app.ws.corpus.article(r.map) else {
        return;
    };
    let node = a.node(r.node);
    let (at, list, what) = if !node.conflicts().is_empty() {
        (Some(r.node), node.conflicts(), node_name(a, r.node))
    } else if r.node == a.root && !a.meta.conflicts.is_empty() {
        (None, &a.meta.conflicts[..], "the article".to_owned())
    } else {
        app.flash = Some(format!("{} has no merge conflict", node_name(a, r.node)));
        return;
    };
    let c = &list[0];
    let bidi = app.settings.bidi;
    let side = |v: &Option<Box<str>>| match v {
        Some(v) => truncated(v, 64, bidi).text(),
        None => "(none)".to_owned(),
    };
    let lines = vec![
        format!(
            "{what}: conflict 1 of {} — `{}` was changed on both sides.",
            list.len(),
            c.field
        ),
        format!("ours:   {}", side(&c.ours)),
        format!("theirs: {}", side(&c.theirs)),
        format!("{} undoes the choice.", app.key(Mode::Normal, Action::Undo)),
    ];
    let where_ = ConflictAt {
        map: r.map,
        node: at,
    };
    let take = |take| Answer::Resolve {
        at: where_,
        take,
        edit: false,
    };
    let mut q = Ask::new("Merge conflict", lines)
        .choice('o', "take ours", take(Take::Ours))
        .choice('t', "take theirs", take(Take::Theirs));
    if is_field(c) {
        q = q.choice(
            'e',
            "take ours, then edit",
            Answer::Resolve {
                at: where_,
                take: Take::Ours,
                edit: true,
            },
        );
    }
    app.overlays.push(Overlay::Ask(Box::new(q)));
}

/// A conflict about a field's value (not a deletion or a placement).
fn is_field(c: &Conflict) -> bool {
    !matches!(
        &*c.field,
        crate::model::conflict::NODE_DELETED | crate::model::conflict::NODE_PARENT
    )
}

/// Resolves the first conflict at `at` by taking one side, as one edit;
/// `edit` then opens the node's form (or the article's).
pub fn resolve(app: &mut App, at: ConflictAt, take: Take, edit: bool) {
    let Some(a) = app.ws.corpus.article(at.map) else {
        return;
    };
    let side = match take {
        Take::Ours => "ours",
        Take::Theirs => "theirs",
    };
    let Some(n) = at.node else {
        match resolve_meta(&a.meta, 0, take) {
            Ok(meta) => {
                let root = a.root;
                let name = format!("take {side} in the article's conflict");
                editing::apply(app, at.map, Edit::Meta(Box::new(meta)), name, root, root);
                if edit {
                    crate::tui::overlays::form::open_article(app);
                }
            }
            Err(e) => app.flash = Some(format!("cannot resolve: {e}")),
        }
        return;
    };
    let name = format!("take {side} in {}'s conflict", node_name(a, n));
    let edit_op = match resolve_node(a.node(n), 0, take) {
        Ok(Resolution::Fields(with)) => Edit::Content { node: n, with },
        Ok(Resolution::Delete) => {
            editing::delete(app, at.map, n);
            return;
        }
        Ok(Resolution::MoveUnder(with, parent)) => {
            let Some(p) = a.find(&parent) else {
                app.flash = Some(format!("cannot resolve: no node `{parent}` to move under"));
                return;
            };
            let end = a.node(p).children().len();
            Edit::Batch(vec![Edit::Content { node: n, with }, move_to(n, p, end)])
        }
        Err(e) => {
            app.flash = Some(format!("cannot resolve: {e}"));
            return;
        }
    };
    if editing::apply(app, at.map, edit_op, name, n, n) && edit {
        crate::tui::overlays::form::open_node(app, Target::Edit);
    }
}

/// `H`: asks for the selected node's history in git (git runs as an effect).
pub fn history(app: &mut App) {
    if let Some(r) = app.current() {
        app.out.push(Effect::NodeHistory {
            map: r.map,
            node: r.node,
        });
    }
}

/// The node's history in git, in a message.
pub fn show_history(app: &mut App, map: u32, node: NodeIdx) {
    let Some(a) = app.ws.corpus.article(map) else {
        return;
    };
    let id = a.node(node).id().to_string();
    let address = format!("{}/{id}", a.meta.id);
    let path = app.ws.corpus.maps[map as usize].path.clone();
    let lines = match crate::diff::history::node_history(&path, &id) {
        Ok(commits) if commits.is_empty() => {
            vec!["No commit changed this node (is the map in a git repository?).".to_owned()]
        }
        Ok(commits) => commits
            .iter()
            .flat_map(|c| {
                [
                    format!("{} {} {}  {}", c.short, c.date, c.author, c.subject),
                    format!("    {}", c.change),
                ]
            })
            .collect(),
        Err(e) => vec![format!("git: {e}")],
    };
    // Subjects and names may be Arabic: lay each line out for the terminal.
    let bidi = app.settings.bidi;
    let lines = lines
        .into_iter()
        .map(|l| match bidi {
            BidiMode::Mizan => truncated(&l, 200, bidi).text(),
            _ => l,
        })
        .collect();
    app.overlays
        .push(Overlay::message(format!("History of {address}"), lines));
}
