//! The three-way merge of one article map by node id.
//!
//! Every node is matched across base, ours and theirs by its id, and each of
//! its fields (the rows of `diff::fields`) and its parent are merged on their
//! own: what only one side changed is taken from that side, what both changed
//! alike is taken once, what they changed differently is a [`Conflict`] kept
//! on the node with both values (ours stays in the field). So edits to
//! different nodes, or to different fields of one node, a move on one side
//! and an edit on the other, and additions on both sides merge cleanly.
//!
//! A node one side deleted goes if the other side left it as it was; if the
//! other side changed it, or left a node under it, it stays, marked with a
//! `node` conflict (nothing is lost: taking the deletion is the curator's
//! call). Sibling order is merged by `order`.

use std::collections::{HashMap, HashSet};

use super::order::merge_order;
use crate::diff::fields::{ARTICLE_FIELDS, Field, NODE_FIELDS, Record};
use crate::model::conflict::{DELETED, KEPT, NODE_DELETED, NODE_PARENT};
use crate::model::{Article, Conflict, Node, NodeFields, NodeIdx};

/// A merged article and how many conflicts it holds.
#[derive(Debug, Clone)]
pub struct ArticleMerge {
    pub article: Article,
    pub conflicts: usize,
}

/// Why two articles cannot be merged node by node.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("the sides are different articles (`{0}` and `{1}`)")]
    DifferentArticles(String, String),
    #[error("the sides have different theses (`{0}` and `{1}`)")]
    DifferentThesis(String, String),
    #[error("the sides moved nodes under each other (`{0}`)")]
    Cycle(String),
}

/// One side's article with its nodes indexed by id.
struct Side<'a> {
    article: &'a Article,
    by_id: HashMap<&'a str, NodeIdx>,
}

impl<'a> Side<'a> {
    fn new(article: &'a Article) -> Side<'a> {
        let by_id = article
            .preorder()
            .map(|i| (article.node(i).id(), i))
            .collect();
        Side { article, by_id }
    }

    fn node(&self, id: &str) -> Option<&'a Node> {
        self.by_id.get(id).map(|&i| self.article.node(i))
    }

    fn parent(&self, id: &str) -> Option<&'a str> {
        let n = self.node(id)?;
        n.parent().map(|p| self.article.node(p).id())
    }

    fn children(&self, id: &str) -> Vec<&'a str> {
        self.node(id).map_or_else(Vec::new, |n| {
            n.children()
                .iter()
                .map(|&c| self.article.node(c).id())
                .collect()
        })
    }

    fn root(&self) -> &'a str {
        self.article.node(self.article.root).id()
    }
}

/// A node of the result while it is being decided.
struct Slot<'a> {
    node: Node,
    parent: Option<&'a str>,
    alive: bool,
    /// Set when one side deleted the node: the conflict to add if it must stay.
    deleted: Option<Conflict>,
}

/// Merges three versions of an article; `base` is `None` when both sides
/// added the file (every difference is then a conflict).
pub fn merge_article(
    base: Option<&Article>,
    ours: &Article,
    theirs: &Article,
) -> Result<ArticleMerge, MergeError> {
    if ours.meta.id != theirs.meta.id {
        return Err(MergeError::DifferentArticles(
            ours.meta.id.to_string(),
            theirs.meta.id.to_string(),
        ));
    }
    let (b, o, t) = (base.map(Side::new), Side::new(ours), Side::new(theirs));
    let root = o.root();
    if t.root() != root || b.as_ref().is_some_and(|b| b.root() != root) {
        return Err(MergeError::DifferentThesis(root.into(), t.root().into()));
    }
    let mut conflicts = 0;
    let mut meta = ours.meta.clone();
    meta.conflicts.clear();
    let mut meta_conflicts = merge_conflict_lists(
        base.map(|b| &b.meta.conflicts[..]),
        &ours.meta.conflicts,
        &theirs.meta.conflicts,
    );
    merge_fields(
        ARTICLE_FIELDS,
        base.map(|b| &b.meta),
        &ours.meta,
        &theirs.meta,
        &mut meta,
        &mut meta_conflicts,
    );
    conflicts += meta_conflicts.len();
    meta.conflicts = meta_conflicts;

    // Every id of either side, ours' pre-order first, then theirs' new ones.
    let mut order: Vec<&str> = ours.preorder().map(|i| ours.node(i).id()).collect();
    order.extend(
        theirs
            .preorder()
            .map(|i| theirs.node(i).id())
            .filter(|id| !o.by_id.contains_key(id)),
    );
    let mut slots: HashMap<&str, Slot> = HashMap::with_capacity(order.len());
    for &id in &order {
        let bn = b.as_ref().and_then(|b| b.node(id));
        let bp = b.as_ref().and_then(|b| b.parent(id));
        let slot = match (o.node(id), t.node(id)) {
            (Some(on), Some(tn)) => {
                let mut node = bare(on);
                let mut cs =
                    merge_conflict_lists(bn.map(|n| n.conflicts()), on.conflicts(), tn.conflicts());
                merge_fields(NODE_FIELDS, bn, on, tn, &mut node, &mut cs);
                let (op, tp) = (o.parent(id), t.parent(id));
                let parent = if op == tp || (bn.is_some() && tp == bp) {
                    op
                } else if bn.is_some() && op == bp {
                    tp
                } else {
                    cs.push(Conflict::new(NODE_PARENT, op, tp));
                    op
                };
                *node.conflicts_mut() = cs;
                Slot {
                    node,
                    parent,
                    alive: true,
                    deleted: None,
                }
            }
            (Some(n), None) => one_side(
                bn,
                bp,
                n,
                o.parent(id),
                Conflict::new(NODE_DELETED, Some(KEPT), Some(DELETED)),
            ),
            (None, Some(n)) => one_side(
                bn,
                bp,
                n,
                t.parent(id),
                Conflict::new(NODE_DELETED, Some(DELETED), Some(KEPT)),
            ),
            (None, None) => continue,
        };
        slots.insert(id, slot);
    }

    revive_parents(&order, &mut slots);
    break_cycles(&order, &mut slots, &o)?;

    // Children of each parent, in merged order.
    let mut under: HashMap<&str, HashSet<&str>> = HashMap::new();
    for &id in &order {
        if let Some(s) = slots.get(id).filter(|s| s.alive)
            && let Some(p) = s.parent
        {
            under.entry(p).or_default().insert(id);
        }
    }
    let mut article = Article {
        meta,
        nodes: Vec::with_capacity(order.len()),
        root: 0,
    };
    // Pre-order build: (id, parent index).
    let mut stack: Vec<(&str, Option<NodeIdx>)> = vec![(root, None)];
    while let Some((id, parent)) = stack.pop() {
        let Some(slot) = slots.remove(id) else {
            continue;
        };
        let idx = article.nodes.len() as NodeIdx;
        let mut node = slot.node;
        node.set_parent(parent);
        conflicts += node.conflicts().len();
        article.nodes.push(node);
        if let Some(p) = parent {
            article.nodes[p as usize].children_mut().push(idx);
        }
        if let Some(kids) = under.get(id) {
            let base_kids = b.as_ref().map_or_else(Vec::new, |b| b.children(id));
            let merged = merge_order(&base_kids, &o.children(id), &t.children(id), kids);
            stack.extend(merged.into_iter().rev().map(|c| (c, Some(idx))));
        }
    }
    Ok(ArticleMerge { article, conflicts })
}

/// A node only one side has: added there, or deleted by the other side.
fn one_side<'a>(
    base: Option<&Node>,
    base_parent: Option<&'a str>,
    node: &Node,
    parent: Option<&'a str>,
    if_kept: Conflict,
) -> Slot<'a> {
    let mut bare_node = bare(node);
    *bare_node.conflicts_mut() = node.conflicts().to_vec();
    let Some(base) = base else {
        return Slot {
            node: bare_node,
            parent,
            alive: true,
            deleted: None,
        };
    };
    let changed = parent != base_parent || NODE_FIELDS.iter().any(|f| !f.same(base, node));
    let mut slot = Slot {
        node: bare_node,
        parent,
        alive: false,
        deleted: Some(if_kept),
    };
    if changed {
        slot.revive();
    }
    slot
}

impl Slot<'_> {
    fn revive(&mut self) {
        self.alive = true;
        if let Some(c) = self.deleted.take() {
            self.node.conflicts_mut().push(c);
        }
    }
}

/// Keeps every node that a kept node sits under, marking the ones one side
/// had deleted.
fn revive_parents<'a>(order: &[&'a str], slots: &mut HashMap<&'a str, Slot<'a>>) {
    let mut work: Vec<&str> = order
        .iter()
        .copied()
        .filter(|id| slots.get(id).is_some_and(|s| s.alive))
        .collect();
    while let Some(id) = work.pop() {
        let Some(p) = slots.get(id).and_then(|s| s.parent) else {
            continue;
        };
        if let Some(ps) = slots.get_mut(p)
            && !ps.alive
        {
            ps.revive();
            work.push(p);
        }
    }
}

/// Parents taken from different sides can form a loop (ours put A under B,
/// theirs B under A): such nodes go back under their parent in ours, with a
/// `parent` conflict.
fn break_cycles<'a>(
    order: &[&'a str],
    slots: &mut HashMap<&'a str, Slot<'a>>,
    ours: &Side<'a>,
) -> Result<(), MergeError> {
    for _ in 0..4 {
        let Some(looped) = find_cycle(order, slots) else {
            return Ok(());
        };
        for id in looped {
            let op = ours.parent(id);
            if let Some(s) = slots.get_mut(id)
                && s.parent != op
            {
                let theirs = s.parent;
                s.parent = op;
                if !s.node.conflicts().iter().any(|c| &*c.field == NODE_PARENT) {
                    s.node
                        .conflicts_mut()
                        .push(Conflict::new(NODE_PARENT, op, theirs));
                }
            }
        }
    }
    match find_cycle(order, slots) {
        None => Ok(()),
        Some(ids) => Err(MergeError::Cycle(ids.first().copied().unwrap_or("").into())),
    }
}

/// The ids on one loop of parents, if any.
fn find_cycle<'a>(order: &[&'a str], slots: &HashMap<&'a str, Slot<'a>>) -> Option<Vec<&'a str>> {
    // 0 unvisited, 1 on the current path, 2 reaches the root.
    let mut state: HashMap<&str, u8> = HashMap::with_capacity(slots.len());
    for &start in order {
        if !slots.get(start).is_some_and(|s| s.alive) {
            continue;
        }
        let mut path = Vec::new();
        let mut cur = Some(start);
        while let Some(id) = cur {
            match state.get(id) {
                Some(2) => break,
                Some(_) => {
                    let from = path.iter().position(|p| *p == id).unwrap_or(0);
                    return Some(path[from..].to_vec());
                }
                None => {
                    state.insert(id, 1);
                    path.push(id);
                    cur = slots.get(id).and_then(|s| s.parent);
                }
            }
        }
        for id in path {
            state.insert(id, 2);
        }
    }
    None
}

/// A node's fields without its place in the tree or its conflicts.
fn bare(n: &Node) -> Node {
    Node::from(NodeFields {
        children: Vec::new(),
        parent: None,
        conflicts: Vec::new(),
        ..n.to_fields()
    })
}

/// Merges each field of `table`: one side's change is taken, equal changes
/// once, different changes become a conflict with ours kept in `out`.
fn merge_fields<T: Record>(
    table: &'static [Field<T>],
    base: Option<&T>,
    ours: &T,
    theirs: &T,
    out: &mut T,
    conflicts: &mut Vec<Conflict>,
) {
    for f in table {
        if f.same(ours, theirs) {
            continue;
        }
        match base {
            Some(b) if f.same(b, ours) => f.copy(out, theirs),
            Some(b) if f.same(b, theirs) => {}
            _ => conflicts.push(Conflict::new(
                f.name,
                f.get(ours).as_deref(),
                f.get(theirs).as_deref(),
            )),
        }
    }
}

/// Conflicts already in the sides (an earlier merge not yet resolved),
/// merged as a set: one a side resolved (it was in the base) stays resolved.
fn merge_conflict_lists(
    base: Option<&[Conflict]>,
    ours: &[Conflict],
    theirs: &[Conflict],
) -> Vec<Conflict> {
    let base = base.unwrap_or_default();
    let keep = |c: &Conflict, other: &[Conflict]| other.contains(c) || !base.contains(c);
    let mut out: Vec<Conflict> = ours.iter().filter(|c| keep(c, theirs)).cloned().collect();
    out.extend(
        theirs
            .iter()
            .filter(|c| !ours.contains(c) && keep(c, ours))
            .cloned(),
    );
    out
}
