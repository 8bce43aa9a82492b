//! Edits of an article as values: each applies to the arena and returns its
//! inverse, so undo is applying the inverse and redo is applying the inverse
//! of that. Structural edits are made of two primitives, [`Edit::Detach`] and
//! [`Edit::Attach`], so moving, indenting, deleting and pasting share one
//! well-tested mechanism. Groundwork for the editing issue: the UI, forms
//! and saving on top of it are not built yet.

use thiserror::Error;

use super::{Article, ArticleMeta, Bearing, ClaimKind, Link, Node, NodeIdx, Relation};

/// A field of a node and its new value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeField {
    Id(Box<str>),
    ClaimEn(Box<str>),
    ClaimAr(Box<str>),
    /// Who asserts the claim; `None` for the author's own.
    Voice(Option<Box<str>>),
    Kind(Option<ClaimKind>),
    Relation(Option<Relation>),
    Bearing(Option<Bearing>),
    Quote(Option<Box<str>>),
    Themes(Vec<Box<str>>),
    Links(Vec<Link>),
    Note(Option<Box<str>>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Sets one field of a node.
    Set { node: NodeIdx, field: NodeField },
    /// Replaces the article's metadata (title, stance, rationale, ...).
    Meta(Box<ArticleMeta>),
    /// Replaces every field of a node but its place in the tree (its parent
    /// and children are kept): resolving a merge conflict, which sets a
    /// field and drops the conflict in one step.
    Content { node: NodeIdx, with: Box<Node> },
    /// Adds a detached node at the end of the arena (its parent and children
    /// are ignored). Its inverse is `Destroy`.
    Create(Box<Node>),
    /// Removes the last arena node, which must be detached.
    Destroy { node: NodeIdx },
    /// Takes a node (and its subtree) out of its parent's children.
    Detach { node: NodeIdx },
    /// Puts a detached node under `parent` at position `at`.
    Attach {
        node: NodeIdx,
        parent: NodeIdx,
        at: usize,
    },
    /// Several edits applied in order, undone in reverse.
    Batch(Vec<Edit>),
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("node {0} does not exist")]
    NoNode(NodeIdx),
    #[error("the thesis cannot be moved or deleted")]
    Root,
    #[error("node {0} is not attached")]
    NotAttached(NodeIdx),
    #[error("node {0} is already attached")]
    Attached(NodeIdx),
    #[error("a node cannot be put under itself or its own descendant")]
    Cycle,
    #[error("only the last, detached node can be destroyed")]
    NotLast,
}

/// Sets a text field of a node and returns its old value.
fn replace_text(
    n: &mut Node,
    get: fn(&Node) -> &str,
    set: fn(&mut Node, &str),
    v: Box<str>,
) -> Box<str> {
    let old = get(n).into();
    set(n, &v);
    old
}

impl Edit {
    /// Whether applying it may change which links the article states, or
    /// their order: a node's links, a node replaced, the tree's shape.
    /// Texts, ids, themes and the metadata do not ("linked from" is keyed
    /// by address as written, see `Incoming`).
    pub fn touches_links(&self) -> bool {
        match self {
            Edit::Set { field, .. } => matches!(field, NodeField::Links(_)),
            Edit::Meta(_) => false,
            Edit::Batch(edits) => edits.iter().any(Edit::touches_links),
            _ => true,
        }
    }
}

impl Article {
    /// Applies an edit and returns its inverse. On error nothing changed
    /// (a batch that fails part-way is rolled back).
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        match edit {
            Edit::Set { node, field } => {
                let n = self
                    .nodes
                    .get_mut(node as usize)
                    .ok_or(EditError::NoNode(node))?;
                let old = match field {
                    NodeField::Id(v) => NodeField::Id(replace_text(n, Node::id, Node::set_id, v)),
                    NodeField::ClaimEn(v) => {
                        NodeField::ClaimEn(replace_text(n, Node::claim_en, Node::set_claim_en, v))
                    }
                    NodeField::ClaimAr(v) => {
                        NodeField::ClaimAr(replace_text(n, Node::claim_ar, Node::set_claim_ar, v))
                    }
                    NodeField::Voice(v) => {
                        let old = n.voice().map(Into::into);
                        n.set_voice(v.as_deref());
                        NodeField::Voice(old)
                    }
                    NodeField::Kind(v) => NodeField::Kind(std::mem::replace(&mut n.kind, v)),
                    NodeField::Relation(v) => {
                        NodeField::Relation(std::mem::replace(&mut n.relation, v))
                    }
                    NodeField::Bearing(v) => {
                        NodeField::Bearing(std::mem::replace(&mut n.bearing, v))
                    }
                    NodeField::Quote(v) => {
                        let old = n.quote().map(Into::into);
                        n.set_quote(v.as_deref());
                        NodeField::Quote(old)
                    }
                    NodeField::Themes(v) => {
                        let old = n.themes().map(Into::into).collect();
                        n.set_themes(&v);
                        NodeField::Themes(old)
                    }
                    NodeField::Links(v) => NodeField::Links(std::mem::replace(n.links_mut(), v)),
                    NodeField::Note(v) => {
                        let old = n.note().map(Into::into);
                        n.set_note(v.as_deref());
                        NodeField::Note(old)
                    }
                };
                Ok(Edit::Set { node, field: old })
            }
            Edit::Content { node, with } => {
                let n = self
                    .nodes
                    .get_mut(node as usize)
                    .ok_or(EditError::NoNode(node))?;
                let mut new = *with;
                new.set_parent(n.parent());
                new.set_children(n.children().to_vec());
                let mut old = std::mem::replace(n, new);
                old.set_children(Vec::new());
                old.set_parent(None);
                Ok(Edit::Content {
                    node,
                    with: Box::new(old),
                })
            }
            Edit::Meta(meta) => Ok(Edit::Meta(Box::new(std::mem::replace(
                &mut self.meta,
                *meta,
            )))),
            Edit::Create(node) => {
                let idx = self.nodes.len() as NodeIdx;
                let mut node = *node;
                node.set_parent(None);
                *node.children_mut() = Vec::new();
                self.nodes.push(node);
                Ok(Edit::Destroy { node: idx })
            }
            Edit::Destroy { node } => {
                let last = self
                    .nodes
                    .len()
                    .checked_sub(1)
                    .ok_or(EditError::NoNode(node))?;
                if node as usize != last
                    || self.is_attached(node)
                    || !self.nodes[last].children().is_empty()
                {
                    return Err(EditError::NotLast);
                }
                let n = self.nodes.pop().ok_or(EditError::NoNode(node))?;
                Ok(Edit::Create(Box::new(n)))
            }
            Edit::Detach { node } => {
                self.check(node)?;
                if node == self.root {
                    return Err(EditError::Root);
                }
                let parent = self
                    .node(node)
                    .parent()
                    .ok_or(EditError::NotAttached(node))?;
                let at = self
                    .node(parent)
                    .children()
                    .iter()
                    .position(|&c| c == node)
                    .ok_or(EditError::NotAttached(node))?;
                self.nodes[parent as usize].children_mut().remove(at);
                self.nodes[node as usize].set_parent(None);
                Ok(Edit::Attach { node, parent, at })
            }
            Edit::Attach { node, parent, at } => {
                self.check(node)?;
                self.check(parent)?;
                if self.is_attached(node) {
                    return Err(EditError::Attached(node));
                }
                // Attaching under a node of its own (detached) subtree would
                // make a cycle: walk up from the new parent.
                if parent == node || self.ancestors(parent).any(|a| a == node) {
                    return Err(EditError::Cycle);
                }
                let mut siblings = self.nodes[parent as usize].children_mut();
                let at = at.min(siblings.len());
                siblings.insert(at, node);
                drop(siblings);
                self.nodes[node as usize].set_parent(Some(parent));
                Ok(Edit::Detach { node })
            }
            Edit::Batch(edits) => {
                let mut undo = Vec::with_capacity(edits.len());
                for e in edits {
                    match self.apply(e) {
                        Ok(inv) => undo.push(inv),
                        Err(err) => {
                            for inv in undo.into_iter().rev() {
                                // Applying an inverse of an edit that just
                                // succeeded cannot fail.
                                let _ = self.apply(inv);
                            }
                            return Err(err);
                        }
                    }
                }
                undo.reverse();
                Ok(Edit::Batch(undo))
            }
        }
    }

    fn check(&self, node: NodeIdx) -> Result<(), EditError> {
        if (node as usize) < self.nodes.len() {
            Ok(())
        } else {
            Err(EditError::NoNode(node))
        }
    }

    /// Whether a node is in the tree (the thesis, or has a parent).
    fn is_attached(&self, node: NodeIdx) -> bool {
        node == self.root || self.node(node).parent().is_some()
    }
}

/// Adds `node` as a child of `parent` at `at` (the end when past it).
pub fn add_child(a: &Article, parent: NodeIdx, at: usize, node: Node) -> Edit {
    let idx = a.nodes.len() as NodeIdx;
    Edit::Batch(vec![
        Edit::Create(Box::new(node)),
        Edit::Attach {
            node: idx,
            parent,
            at,
        },
    ])
}

/// Moves `node` under `parent` at `at`: move up/down, indent, outdent, paste.
pub fn move_to(node: NodeIdx, parent: NodeIdx, at: usize) -> Edit {
    Edit::Batch(vec![
        Edit::Detach { node },
        Edit::Attach { node, parent, at },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeFields;
    use crate::store::{canon, parse_article};
    use proptest::prelude::*;

    fn article() -> Article {
        crate::synthetic::generate(1, 30, 11).1.remove(0)
    }

    /// One random edit that makes sense for the article as it is now.
    fn pick(a: &Article, r: &[u32; 4]) -> Edit {
        let live: Vec<NodeIdx> = a.preorder().collect();
        let node = live[r[0] as usize % live.len()];
        let other = live[r[1] as usize % live.len()];
        match r[2] % 9 {
            0 => Edit::Set {
                node,
                field: NodeField::ClaimAr(format!("ادعاء {}", r[3]).into()),
            },
            1 => Edit::Set {
                node,
                field: NodeField::Quote(r[3].is_multiple_of(2).then(|| "نص مقتبس".into())),
            },
            2 => add_child(
                a,
                other,
                r[3] as usize % 4,
                Node::from(NodeFields {
                    id: format!("new-{}", a.nodes.len()).into(),
                    claim_en: "A new claim.".into(),
                    claim_ar: "ادعاء جديد.".into(),
                    relation: Some(Relation::Opposes),
                    themes: vec!["isis".into()],
                    ..Default::default()
                }),
            ),
            3 => move_to(node, other, r[3] as usize % 3),
            7 => Edit::Content {
                node,
                with: Box::new(Node::from(NodeFields {
                    claim_en: format!("Resolved {}.", r[3]).into(),
                    conflicts: vec![crate::model::Conflict::new("note", Some("a"), None)],
                    ..a.node(node).to_fields()
                })),
            },
            4 => Edit::Detach { node },
            // Edits that break rules: a taken id, an empty claim.
            5 if r[3].is_multiple_of(3) => Edit::Set {
                node,
                field: NodeField::Id(a.node(other).id().into()),
            },
            5 if r[3] % 3 == 1 => Edit::Set {
                node,
                field: NodeField::ClaimEn("".into()),
            },
            // Who says it and what sort of claim: set, changed or cleared.
            6 if r[3].is_multiple_of(4) => Edit::Set {
                node,
                field: NodeField::Voice(r[3].is_multiple_of(8).then(|| "US officials".into())),
            },
            6 if r[3] % 4 == 1 => Edit::Set {
                node,
                field: NodeField::Kind(ClaimKind::ALL.get(r[3] as usize / 4 % 5).copied()),
            },
            _ => Edit::Set {
                node,
                field: NodeField::Themes(vec!["iran".into(), "isis".into()]),
            },
        }
    }

    proptest! {
        // Random edits (some refused, like moving a node under itself), then
        // undoing every applied one in reverse, give back the original file
        // byte for byte; after each edit the map still writes and reads back equal.
        #[test]
        fn undo_all_restores_the_file(seq in proptest::collection::vec(any::<[u32; 4]>(), 1..40)) {
            let mut a = article();
            let before = canon::article_to_string(&a);
            let mut undo = Vec::new();
            for r in &seq {
                let edit = pick(&a, r);
                let snapshot = canon::article_to_string(&a);
                match a.apply(edit) {
                    Ok(inv) => undo.push(inv),
                    // A refused edit changes nothing.
                    Err(_) => prop_assert_eq!(&canon::article_to_string(&a), &snapshot),
                }
                let text = canon::article_to_string(&a);
                let (entry, _) = parse_article("x.ron".as_ref(), text.as_bytes());
                let back = entry.article.expect("an edited map parses");
                prop_assert_eq!(canon::article_to_string(&back), text);
            }
            while let Some(inv) = undo.pop() {
                a.apply(inv).expect("an inverse applies");
            }
            prop_assert_eq!(canon::article_to_string(&a), before);
        }
    }

    proptest! {
        // After any sequence of edits the map is valid or the checks flag
        // what is wrong, on the node: every duplicated id and every empty
        // claim in the tree has its diagnostic, and nothing is reported
        // about nodes no longer in the tree.
        #[test]
        fn edits_keep_the_map_valid_or_flagged(seq in proptest::collection::vec(any::<[u32; 4]>(), 1..30)) {
            let (motion, mut arts) = crate::synthetic::generate(1, 30, 11);
            let mut a = arts.remove(0);
            for r in &seq {
                let edit = pick(&a, r);
                let _ = a.apply(edit);
            }
            let live: Vec<NodeIdx> = a.preorder().collect();
            let entry = crate::model::MapEntry {
                path: "x.ron".into(),
                article: Some(a.clone()),
                error: None,
                positions: Vec::new(),
                hash: 0,
            };
            let corpus = crate::model::Corpus::new(Some(motion), "motion.ron".into(), vec![entry]);
            let diags = crate::model::validate::validate(&corpus, "maps".as_ref(), None);
            let flagged = |n: NodeIdx, code: &str| {
                diags.iter().any(|d| d.code == code && d.node.is_some_and(|r| r.node == n))
            };
            for &n in &live {
                let id = a.node(n).id();
                let twins = live.iter().filter(|&&m| a.node(m).id() == id).count();
                if twins > 1 {
                    let any_twin_flagged = live
                        .iter()
                        .filter(|&&m| a.node(m).id() == id)
                        .any(|&m| flagged(m, "duplicate-id"));
                    prop_assert!(any_twin_flagged, "duplicate id `{}` not flagged", id);
                }
                if a.node(n).claim_en().trim().is_empty() {
                    prop_assert!(flagged(n, "empty-claim"), "empty claim of `{}` not flagged", id);
                }
            }
            for d in &diags {
                if let Some(r) = d.node {
                    prop_assert!(live.contains(&r.node), "{} is about a node not in the tree", d.code);
                }
            }
        }
    }

    // Redo is the inverse of the inverse.
    #[test]
    fn redo_after_undo() {
        let mut a = article();
        let child = a.node(a.root).children()[0];
        let edit = move_to(child, a.root, 99);
        let inv = a.apply(edit).unwrap();
        let moved = canon::article_to_string(&a);
        let redo = a.apply(inv).unwrap();
        a.apply(redo).unwrap();
        assert_eq!(canon::article_to_string(&a), moved);
        assert_eq!(*a.node(a.root).children().last().unwrap(), child);
    }

    // The thesis cannot be detached, and nothing goes under its own subtree.
    #[test]
    fn refusals() {
        let mut a = article();
        assert_eq!(a.apply(Edit::Detach { node: a.root }), Err(EditError::Root));
        let child = a.node(a.root).children()[0];
        assert_eq!(a.apply(move_to(a.root, child, 0)), Err(EditError::Root));
        let before = canon::article_to_string(&a);
        if let Some(&grand) = a.node(child).children().first() {
            assert_eq!(a.apply(move_to(child, grand, 0)), Err(EditError::Cycle));
        }
        assert_eq!(
            canon::article_to_string(&a),
            before,
            "a refused batch is rolled back"
        );
    }
}
