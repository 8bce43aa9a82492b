//! Editing the maps from the browser: the actions that change an article,
//! undo and redo across the session, and what happens after every edit (the
//! tree, bearings, quotes and the same checks as `mizan check`, at once).
//! Writing files is not done here: saving is an effect (see `saving`).

use crate::model::bearing;
use crate::model::edit::{self, Edit};
use crate::model::{Article, Node, NodeFields, NodeIdx, validate};
use crate::store::sources::quote_ranges;
use crate::text::plural;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::effect::Effect;
use crate::tui::keymap::Mode;
use crate::tui::overlays::ask_state::{Answer, Ask};
use crate::tui::workspace::{Clip, file_problems};

/// The selected node of the selected article, with its article.
fn selected(app: &App) -> Option<(u32, &Article, NodeIdx)> {
    let r = app.current()?;
    Some((r.map, app.ws.corpus.article(r.map)?, r.node))
}

/// A node's name in messages: its id in backticks.
pub fn node_name(a: &Article, n: NodeIdx) -> String {
    format!("`{}`", a.node(n).id())
}

/// Applies an edit to a map, records it for undo and brings everything that
/// depends on the article up to date. Returns whether it applied; a refused
/// edit is said in the status bar and changes nothing.
pub fn apply(
    app: &mut App,
    map: u32,
    edit: Edit,
    name: String,
    select_after: NodeIdx,
    select_after_undo: NodeIdx,
) -> bool {
    let touched = Touched::by(&edit, app.ws.corpus.article(map));
    let Some(done) = app.ws.edit_map(map, edit) else {
        return false;
    };
    match done {
        Ok(inverse) => {
            app.ws
                .history
                .record(map, name.clone(), inverse, select_after_undo, select_after);
            refresh_after_edit(app, map, touched);
            show(app, map, select_after);
            app.flash = Some(name);
            true
        }
        Err(e) => {
            app.flash = Some(format!("cannot {name}: {e}"));
            false
        }
    }
}

/// Undoes (or redoes) the last step, wherever it was, and shows it.
pub fn undo(app: &mut App, is_undo: bool) {
    let step = if is_undo {
        app.ws.history.take_undo()
    } else {
        app.ws.history.take_redo()
    };
    let Some(step) = step else {
        app.flash = Some(
            if is_undo {
                "nothing to undo"
            } else {
                "nothing to redo"
            }
            .into(),
        );
        return;
    };
    let map = step.map;
    let touched = Touched::by(&step.edit, app.ws.corpus.article(map));
    let Some(done) = app.ws.edit_map(map, step.edit.clone()) else {
        app.ws.history.put_back(step, is_undo);
        return;
    };
    match done {
        Ok(back) => {
            let (name, select) = (step.name.clone(), step.select);
            if is_undo {
                app.ws.history.undone(step, back);
            } else {
                app.ws.history.redone(step, back);
            }
            refresh_after_edit(app, map, touched);
            show(app, map, select);
            app.flash = Some(format!("{}: {name}", if is_undo { "undo" } else { "redo" }));
        }
        Err(e) => {
            app.flash = Some(format!("cannot undo {}: {e}", step.name));
            app.ws.history.put_back(step, is_undo);
        }
    }
}

/// Everything derived from an article, after it was replaced (reloaded,
/// restored, new): see [`refresh_after_edit`]; every map is checked again.
pub fn refresh(app: &mut App, map: u32) {
    refresh_after_edit(
        app,
        map,
        Touched {
            every_map: true,
            renamed_from: None,
            text: true,
        },
    );
}

/// What an edit may have changed beyond its article's tree.
#[derive(Debug, Clone)]
pub struct Touched {
    /// Anything: every map is checked again (a map reloaded or restored).
    pub every_map: bool,
    /// The article's id, which was this: the maps linking to either id and
    /// the maps holding either are checked again too. Other metadata
    /// (title, date, stance…) is checked with the article alone. At a
    /// million nodes checking every map took half a second.
    pub renamed_from: Option<Box<str>>,
    /// Text or which nodes are in the tree: the search index is stale.
    /// Moving a node (`J`, `K`, `>`, `<`) changes neither, and the index
    /// addresses nodes by their stable arena index.
    pub text: bool,
}

impl Touched {
    /// What `edit` touches, applied to `before` (the article as it is).
    pub fn by(edit: &Edit, before: Option<&Article>) -> Touched {
        let is_move = matches!(edit, Edit::Batch(v) if matches!(
            v.as_slice(),
            [Edit::Detach { node: a }, Edit::Attach { node: b, .. }] if a == b
        ));
        Touched {
            every_map: before.is_none(),
            renamed_from: before
                .filter(|a| renames(edit, a.id()))
                .map(|a| a.id().into()),
            text: !is_move,
        }
    }
}

/// Whether an edit gives the article another id than `id`.
fn renames(edit: &Edit, id: &str) -> bool {
    match edit {
        Edit::Meta(m) => *m.id != *id,
        Edit::Batch(v) => v.iter().any(|e| renames(e, id)),
        _ => false,
    }
}

/// Everything derived from an article, after it changed: bearings, quote
/// positions, the tree's rows, problems, the search index and the recovery
/// snapshot. Only the edited map and the maps linking into it are checked
/// again (after a rename, those of both ids), unless the edit touched
/// every map: an edit costs the map's size, not the corpus's. "Linked
/// from" is already up to date (`Workspace::edit_map`, `Workspace::put_map`).
pub fn refresh_after_edit(app: &mut App, map: u32, touched: Touched) {
    let i = map as usize;
    // Only an article's id moves the index of ids; it is rebuilt over
    // every map (a duplicate id's first map wins), so not at every edit.
    if touched.every_map || touched.renamed_from.is_some() {
        std::sync::Arc::make_mut(&mut app.ws.corpus).reindex();
    }
    if let (Some(a), Some(c)) = (app.ws.corpus.article(map), app.ws.cache.get_mut(i)) {
        c.bearings = bearing::derive(a);
        if let Some(src) = c.source.as_mut() {
            src.quotes = quote_ranges(&src.text, a.nodes.iter().map(|n| n.quote().unwrap_or("")));
        }
        if let Some(t) = app.screen.browse_mut().trees.get_mut(&map) {
            t.rebuild(a);
        }
    }
    if touched.every_map {
        revalidate(app);
    } else {
        revalidate_maps(app, map, touched.renamed_from.as_deref());
    }
    // The index re-indexes the edited article; the rest is shared.
    if touched.text
        && let Some(engine) = app.ws.search.as_mut()
    {
        engine.edited(&app.ws.corpus, map);
    }
    app.out.push(Effect::SnapshotRecovery);
}

/// The same checks as `mizan check`, marked on the nodes.
pub fn revalidate(app: &mut App) {
    let diags = validate::validate(&app.ws.corpus, &app.ws.maps_dir, app.ws.sources.as_ref());
    for c in &mut app.ws.cache {
        c.problems.clear();
    }
    file_problems(&mut app.ws.cache, &app.ws.corpus, diags);
}

/// The checks again for one map and the maps whose links point into it.
/// After a rename from `old_id`, also the maps linking to the old id (their
/// links now dangle) and the maps whose article has the old or the new id
/// (which of them holds an id first, and which repeats it, may change).
fn revalidate_maps(app: &mut App, map: u32, old_id: Option<&str>) {
    let Some(a) = app.ws.corpus.article(map) else {
        return revalidate(app);
    };
    // Which maps link into it, from "linked from" rather than a scan of
    // every node (links from outside a tree are not checked either).
    let mut maps = vec![map];
    maps.extend(app.ws.incoming.maps_into(&a.meta.id));
    if let Some(old) = old_id {
        maps.extend(app.ws.incoming.maps_into(old));
        let ids = [old, a.id()];
        maps.extend(
            app.ws
                .corpus
                .articles()
                .filter(|(_, b)| ids.contains(&b.id()))
                .map(|(m, _)| m),
        );
    }
    maps.sort_unstable();
    maps.dedup();
    let mut diags = validate::validate_maps(&app.ws.corpus, app.ws.sources.as_ref(), &maps);
    // The one corpus-wide finding a map's own marks carry.
    diags.extend(
        maps.iter()
            .filter_map(|&m| validate::duplicate_article(&app.ws.corpus, m)),
    );
    for &m in &maps {
        if let Some(c) = app.ws.cache.get_mut(m as usize) {
            c.problems.clear();
        }
    }
    file_problems(&mut app.ws.cache, &app.ws.corpus, diags);
}

/// Selects a node in the browser (its article, expanded to it).
pub fn show(app: &mut App, map: u32, node: NodeIdx) {
    crate::tui::screens::navigate::select_map(app, map as usize);
    let attached = app
        .ws
        .corpus
        .article(map)
        .is_some_and(|a| node == a.root || a.ancestors(node).any(|p| p == a.root));
    if let (true, Some(a), Some(t)) = (
        attached,
        app.ws.corpus.article(map),
        app.screen.browse_mut().trees.get_mut(&map),
    ) {
        t.reveal(a, node);
    }
    crate::tui::screens::navigate::selection_moved(app);
}

pub fn ask_delete(app: &mut App) {
    let Some((map, a, n)) = selected(app) else {
        return;
    };
    if n == a.root {
        app.flash = Some(format!(
            "the thesis cannot be deleted (edit it with {})",
            app.key(Mode::Normal, Action::EditNode)
        ));
        return;
    }
    let below = a.preorder_from(n).count() - 1;
    // The claim's own full stop would end the question ("….?").
    let claim = a
        .node(n)
        .claim_en()
        .trim_end_matches(['.', '!', '?', '؟', '…', ' ']);
    let mut lines = vec![format!("Delete {} — {claim}?", node_name(a, n))];
    if below > 0 {
        let go = if below == 1 { "goes" } else { "go" };
        lines.push(format!(
            "{} below {go} with it.",
            plural::count(below, "node")
        ));
    }
    lines.push(format!(
        "{} undoes it.",
        app.key(Mode::Normal, Action::Undo)
    ));
    let ask = Ask::new("Delete", lines)
        .choice('y', "delete", Answer::Delete { map, node: n })
        .choice('n', "keep it", Answer::Cancel);
    app.overlays.push(Overlay::Ask(Box::new(ask)));
}

pub fn delete(app: &mut App, map: u32, node: NodeIdx) {
    let Some(a) = app.ws.corpus.article(map) else {
        return;
    };
    let Some(parent) = a.node(node).parent() else {
        return;
    };
    let name = format!("delete {}", node_name(a, node));
    apply(app, map, Edit::Detach { node }, name, parent, node);
}

/// `J` / `K`: swaps the node with its next or previous sibling.
pub fn move_among_siblings(app: &mut App, by: isize) {
    let Some((map, a, n)) = selected(app) else {
        return;
    };
    let Some(parent) = a.node(n).parent() else {
        app.flash = Some("the thesis has no siblings".into());
        return;
    };
    let sibs = a.node(parent).children();
    let Some(i) = sibs.iter().position(|&c| c == n) else {
        return;
    };
    let j = i as isize + by;
    if j < 0 || j as usize >= sibs.len() {
        app.flash = Some(format!(
            "already the {} sibling",
            if by < 0 { "first" } else { "last" }
        ));
        return;
    }
    let name = format!(
        "move {} {}",
        node_name(a, n),
        if by < 0 { "up" } else { "down" }
    );
    apply(app, map, edit::move_to(n, parent, j as usize), name, n, n);
}

/// `>`: the node becomes the last child of its previous sibling.
pub fn indent(app: &mut App) {
    let Some((map, a, n)) = selected(app) else {
        return;
    };
    let Some(parent) = a.node(n).parent() else {
        return;
    };
    let sibs = a.node(parent).children();
    let Some(i) = sibs.iter().position(|&c| c == n) else {
        return;
    };
    if i == 0 {
        app.flash = Some("no previous sibling to indent under".into());
        return;
    }
    let under = sibs[i - 1];
    let at = a.node(under).children().len();
    let name = format!("indent {} under {}", node_name(a, n), node_name(a, under));
    expand(app, map, under);
    apply(app, map, edit::move_to(n, under, at), name, n, n);
}

/// `<`: the node becomes the next sibling of its parent.
pub fn outdent(app: &mut App) {
    let Some((map, a, n)) = selected(app) else {
        return;
    };
    let Some(parent) = a.node(n).parent() else {
        return;
    };
    let Some(grand) = a.node(parent).parent() else {
        app.flash = Some("a reason of the thesis cannot go further out".into());
        return;
    };
    let at = a
        .node(grand)
        .children()
        .iter()
        .position(|&c| c == parent)
        .map_or(0, |i| i + 1);
    let name = format!("outdent {}", node_name(a, n));
    apply(app, map, edit::move_to(n, grand, at), name, n, n);
}

/// `X`: takes the subtree out (undoable) and keeps a copy to paste.
pub fn cut(app: &mut App) {
    let Some((map, a, n)) = selected(app) else {
        return;
    };
    if n == a.root {
        app.flash = Some("the thesis cannot be cut".into());
        return;
    }
    let order: Vec<NodeIdx> = a.preorder_from(n).collect();
    let clip = Clip {
        nodes: order.iter().map(|&x| a.node(x).clone()).collect(),
        parents: order
            .iter()
            .map(|&x| {
                let p = a.node(x).parent()?;
                order.iter().position(|&o| o == p).filter(|_| x != n)
            })
            .collect(),
    };
    let parent = a.node(n).parent().unwrap_or(a.root);
    let name = format!(
        "cut {} ({})",
        node_name(a, n),
        plural::count(order.len(), "node")
    );
    if apply(app, map, Edit::Detach { node: n }, name, parent, n) {
        app.ws.clipboard = Some(clip);
        app.flash = Some(format!(
            "cut {}: {} pastes {} under the selected node",
            plural::count(order.len(), "node"),
            app.key(Mode::Normal, Action::Paste),
            if order.len() == 1 { "it" } else { "them" }
        ));
    }
}

/// `p`: pastes a copy of the cut subtree as the last child of the selected
/// node, in this article or another. Ids that are taken get a suffix.
pub fn paste(app: &mut App) {
    let Some(clip) = app.ws.clipboard.clone() else {
        app.flash = Some(format!(
            "nothing cut yet ({} cuts a node)",
            app.key(Mode::Normal, Action::Cut)
        ));
        return;
    };
    let Some((map, a, under)) = selected(app) else {
        return;
    };
    let mut taken: std::collections::HashSet<Box<str>> =
        a.preorder().map(|x| a.node(x).id().into()).collect();
    let base = a.nodes.len() as NodeIdx;
    let mut edits = Vec::new();
    for (i, node) in clip.nodes.iter().enumerate() {
        let id = unique_id(node.id(), &taken);
        taken.insert(id.clone());
        edits.push(Edit::Create(Box::new(Node::from(NodeFields {
            id,
            ..node.to_fields()
        }))));
        let (parent, at) = match clip.parents[i] {
            Some(p) => (base + p as NodeIdx, usize::MAX),
            None => (under, usize::MAX),
        };
        edits.push(Edit::Attach {
            node: base + i as NodeIdx,
            parent,
            at,
        });
    }
    let name = format!(
        "paste {} under {}",
        plural::count(clip.nodes.len(), "node"),
        node_name(a, under)
    );
    expand(app, map, under);
    apply(app, map, Edit::Batch(edits), name, base, under);
}

/// Marks a node expanded, so what an edit puts under it shows.
pub fn expand(app: &mut App, map: u32, node: NodeIdx) {
    if let Some(t) = app.screen.browse_mut().trees.get_mut(&map) {
        if t.expanded.len() <= node as usize {
            t.expanded.resize(node as usize + 1, false);
        }
        t.expanded[node as usize] = true;
    }
}

/// `id`, or `id-2`, `id-3`, ... whichever is free.
pub fn unique_id(id: &str, taken: &std::collections::HashSet<Box<str>>) -> Box<str> {
    if !taken.contains(id) {
        return id.into();
    }
    (2..)
        .map(|k| format!("{id}-{k}"))
        .find(|c| !taken.contains(c.as_str()))
        .unwrap_or_default()
        .into()
}

/// `E`: the external editor on the file on disk. With unsaved edits in this
/// map, it asks to save first, since the editor sees only the disk.
pub fn open_editor(app: &mut App) {
    let map = app.map();
    if app.ws.history.is_dirty(map) {
        let ask = Ask::new(
            "Unsaved edits",
            vec!["The editor opens the file on disk, which does not have your edits yet.".into()],
        )
        .choice('s', "save, then open the editor", Answer::SaveAndEdit)
        .choice('c', "cancel", Answer::Cancel);
        app.overlays.push(Overlay::Ask(Box::new(ask)));
        return;
    }
    open_editor_now(app);
}

pub(crate) fn open_editor_now(app: &mut App) {
    let map = app.map();
    // At the node; in a map that did not load, at its error.
    let error_line = app
        .ws
        .corpus
        .maps
        .get(map as usize)
        .and_then(|m| m.error.as_ref())
        .map(|d| d.line);
    let line = app
        .current()
        .and_then(|r| {
            app.ws
                .corpus
                .maps
                .get(r.map as usize)
                .map(|m| m.pos(r.node).line)
        })
        .or(error_line)
        .unwrap_or(1)
        .max(1);
    app.out.push(Effect::OpenEditor { map, line });
}

pub fn map_file_name(app: &App, map: u32) -> String {
    app.ws.file_name(map)
}
