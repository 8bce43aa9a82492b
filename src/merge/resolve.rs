//! Resolving one Conflict a merge left in a map: "take ours" or "take
//! theirs" turned into what the map must become, for the TUI (which makes
//! undoable edits of it) and for scripts. Pure: nothing here changes a map.

use crate::diff::fields::{ARTICLE_FIELDS, NODE_FIELDS, find};
use crate::model::conflict::{DELETED, NODE_DELETED, NODE_PARENT};
use crate::model::{ArticleMeta, Conflict, Node};

/// Which side's value a curator keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Take {
    Ours,
    Theirs,
}

impl Take {
    fn value(self, c: &Conflict) -> Option<&str> {
        match self {
            Take::Ours => c.ours.as_deref(),
            Take::Theirs => c.theirs.as_deref(),
        }
    }
}

/// What resolving a node's conflict asks of the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// The node's new fields (the chosen value set, the conflict gone);
    /// its place in the tree is unchanged.
    Fields(Box<Node>),
    /// Delete the node and its subtree (the deleting side was taken).
    Delete,
    /// The node's new fields, and move it under the node with this id (at
    /// the end of its children).
    MoveUnder(Box<Node>, String),
}

/// Resolves conflict `k` of `node` by taking one side.
pub fn resolve_node(node: &Node, k: usize, take: Take) -> Result<Resolution, String> {
    let c = node
        .conflicts()
        .get(k)
        .ok_or_else(|| format!("node `{}` has no conflict {k}", node.id()))?;
    let mut n = node.clone();
    n.conflicts_mut().remove(k);
    match &*c.field {
        NODE_DELETED => Ok(if take.value(c) == Some(DELETED) {
            Resolution::Delete
        } else {
            Resolution::Fields(Box::new(n))
        }),
        NODE_PARENT => {
            let ours_parent = c.ours.as_deref();
            match take.value(c) {
                // The node already sits under ours.
                p if p == ours_parent => Ok(Resolution::Fields(Box::new(n))),
                Some(p) => Ok(Resolution::MoveUnder(Box::new(n), p.to_owned())),
                None => Err("the other side has no parent to move to".into()),
            }
        }
        name => {
            let f = find(NODE_FIELDS, name).ok_or_else(|| format!("unknown field `{name}`"))?;
            f.set(&mut n, take.value(c))?;
            Ok(Resolution::Fields(Box::new(n)))
        }
    }
}

/// Resolves conflict `k` of an article's metadata by taking one side.
pub fn resolve_meta(meta: &ArticleMeta, k: usize, take: Take) -> Result<ArticleMeta, String> {
    let c = meta
        .conflicts
        .get(k)
        .ok_or_else(|| format!("the article has no conflict {k}"))?;
    let f = find(ARTICLE_FIELDS, &c.field).ok_or_else(|| format!("unknown field `{}`", c.field))?;
    let mut m = meta.clone();
    f.set(&mut m, take.value(c))?;
    m.conflicts.remove(k);
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeFields;
    use crate::model::{Relation, Stance};

    fn node(conflicts: Vec<Conflict>) -> Node {
        Node::from(NodeFields {
            id: "n".into(),
            claim_en: "Ours.".into(),
            relation: Some(Relation::Supports),
            themes: vec!["a".into()],
            conflicts,
            ..Default::default()
        })
    }

    // Taking a side sets that side's value, parsed back into the field, and
    // drops only that conflict.
    #[test]
    fn taking_a_side_sets_the_field() {
        let n = node(vec![
            Conflict::new("claim_en", Some("Ours."), Some("Theirs.")),
            Conflict::new("relation", Some("Supports"), Some("Opposes")),
            Conflict::new("themes", Some("a"), Some("b, c")),
        ]);
        let Resolution::Fields(t) = resolve_node(&n, 0, Take::Theirs).unwrap() else {
            panic!()
        };
        assert_eq!(t.claim_en(), "Theirs.");
        assert_eq!(t.conflicts(), &n.conflicts()[1..]);
        let Resolution::Fields(t) = resolve_node(&n, 1, Take::Theirs).unwrap() else {
            panic!()
        };
        assert_eq!(t.relation, Some(Relation::Opposes));
        let Resolution::Fields(t) = resolve_node(&n, 2, Take::Theirs).unwrap() else {
            panic!()
        };
        assert!(t.themes().eq(["b", "c"]));
        let Resolution::Fields(o) = resolve_node(&n, 0, Take::Ours).unwrap() else {
            panic!()
        };
        assert_eq!(o.claim_en(), "Ours.");
        assert_eq!(o.conflicts().len(), 2);
    }

    // Deletion and placement conflicts ask for a delete or a move.
    #[test]
    fn structural_conflicts_ask_for_structure() {
        let del = node(vec![Conflict::new("node", Some("kept"), Some("deleted"))]);
        assert_eq!(resolve_node(&del, 0, Take::Theirs), Ok(Resolution::Delete));
        assert!(matches!(
            resolve_node(&del, 0, Take::Ours),
            Ok(Resolution::Fields(n)) if n.conflicts().is_empty()
        ));
        let moved = node(vec![Conflict::new("parent", Some("p1"), Some("p2"))]);
        assert!(matches!(
            resolve_node(&moved, 0, Take::Theirs),
            Ok(Resolution::MoveUnder(_, p)) if p == "p2"
        ));
        assert!(resolve_node(&moved, 3, Take::Ours).is_err());
    }

    // Article conflicts resolve on the metadata.
    #[test]
    fn article_conflicts_resolve_on_the_metadata() {
        let meta = ArticleMeta {
            stance: Some(Stance::Pro),
            conflicts: vec![Conflict::new("stance", Some("Pro"), Some("Anti"))],
            ..Default::default()
        };
        let m = resolve_meta(&meta, 0, Take::Theirs).unwrap();
        assert_eq!(m.stance, Some(Stance::Anti));
        assert!(m.conflicts.is_empty());
    }
}
