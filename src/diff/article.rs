//! The structural diff of two versions of one article, by node id: which
//! nodes were added or removed, which moved (to another parent, or out of
//! order among siblings both versions have), which fields changed, with the
//! old and new text, and which metadata fields changed.

use std::collections::HashMap;

use serde::Serialize;

use super::fields::{ARTICLE_FIELDS, Field, NODE_FIELDS, Record};
use crate::model::{Article, Node, NodeIdx};

/// One field's old and new value (`None`: absent on that side).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Where a node sits: its parent's id (none for the thesis) and its
/// position among the parent's children (0-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub parent: Option<String>,
    pub position: usize,
}

/// What happened to one node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum NodeChange {
    Added {
        id: String,
        at: Place,
        claim_en: String,
    },
    Removed {
        id: String,
        from: Place,
        claim_en: String,
    },
    /// Moved, edited, or both.
    Changed {
        id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        moved: Option<Move>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        fields: Vec<FieldChange>,
    },
}

impl NodeChange {
    pub fn id(&self) -> &str {
        match self {
            NodeChange::Added { id, .. }
            | NodeChange::Removed { id, .. }
            | NodeChange::Changed { id, .. } => id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    pub from: Place,
    pub to: Place,
}

/// The changes between two versions of an article.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ArticleChanges {
    /// Metadata: title, stance, rationale, dates, ...
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<NodeChange>,
}

impl ArticleChanges {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.nodes.is_empty()
    }
}

/// The fields of `table` whose values differ between `old` and `new`.
pub fn changed_fields<T: Record>(table: &'static [Field<T>], old: &T, new: &T) -> Vec<FieldChange> {
    table
        .iter()
        .filter(|f| !f.same(old, new))
        .map(|f| FieldChange {
            field: f.name,
            old: f.get(old).map(|c| c.into_owned()),
            new: f.get(new).map(|c| c.into_owned()),
        })
        .collect()
}

fn parent_of<'a>(a: &'a Article, n: &Node) -> Option<&'a str> {
    n.parent().map(|p| a.node(p).id())
}

/// Ids of the reachable nodes, to their arena index.
fn index(a: &Article) -> HashMap<&str, NodeIdx> {
    a.preorder().map(|i| (a.node(i).id(), i)).collect()
}

fn place(a: &Article, idx: NodeIdx) -> Place {
    match a.node(idx).parent() {
        None => Place {
            parent: None,
            position: 0,
        },
        Some(p) => Place {
            parent: Some(a.node(p).id().to_string()),
            position: a
                .node(p)
                .children()
                .iter()
                .position(|&c| c == idx)
                .unwrap_or(0),
        },
    }
}

/// The changes from `old` to `new`: nodes in `new`'s pre-order (added,
/// moved, edited), then removed nodes in `old`'s.
pub fn diff_article(old: &Article, new: &Article) -> ArticleChanges {
    let (oi, ni) = (index(old), index(new));
    let reordered = reordered(old, new, &oi, &ni);
    let mut nodes = Vec::new();
    for idx in new.preorder() {
        let n = new.node(idx);
        let Some(&o) = oi.get(n.id()) else {
            nodes.push(NodeChange::Added {
                id: n.id().to_string(),
                at: place(new, idx),
                claim_en: n.claim_en().to_string(),
            });
            continue;
        };
        let on = old.node(o);
        let moved = (parent_of(old, on) != parent_of(new, n) || reordered.contains_key(n.id()))
            .then(|| Move {
                from: place(old, o),
                to: place(new, idx),
            });
        let fields = changed_fields(NODE_FIELDS, on, n);
        if moved.is_some() || !fields.is_empty() {
            nodes.push(NodeChange::Changed {
                id: n.id().to_string(),
                moved,
                fields,
            });
        }
    }
    for idx in old.preorder() {
        let n = old.node(idx);
        if !ni.contains_key(n.id()) {
            nodes.push(NodeChange::Removed {
                id: n.id().to_string(),
                from: place(old, idx),
                claim_en: n.claim_en().to_string(),
            });
        }
    }
    ArticleChanges {
        fields: changed_fields(ARTICLE_FIELDS, &old.meta, &new.meta),
        nodes,
    }
}

/// Nodes that kept their parent but changed their order among the siblings
/// both versions have: those outside a longest run in the old order (so
/// one node moved up is one move, not every sibling it passed).
fn reordered<'a>(
    old: &'a Article,
    new: &'a Article,
    oi: &HashMap<&str, NodeIdx>,
    ni: &HashMap<&str, NodeIdx>,
) -> HashMap<&'a str, ()> {
    let mut out = HashMap::new();
    for idx in new.preorder() {
        let n = new.node(idx);
        let Some(&o) = oi.get(n.id()) else {
            continue;
        };
        let on = old.node(o);
        if on.children().len() < 2 || n.children().len() < 2 {
            continue;
        }
        // Old positions of the children that stayed under this parent, in new order.
        let old_pos: HashMap<&str, usize> = on
            .children()
            .iter()
            .enumerate()
            .map(|(k, &c)| (old.node(c).id(), k))
            .collect();
        let seq: Vec<(&str, usize)> = n
            .children()
            .iter()
            .map(|&c| new.node(c).id())
            .filter_map(|id| old_pos.get(id).map(|&k| (id, k)))
            .filter(|(id, _)| ni.contains_key(id))
            .collect();
        let keep = longest_increasing(&seq.iter().map(|s| s.1).collect::<Vec<_>>());
        for (k, (id, _)) in seq.iter().enumerate() {
            if !keep[k] {
                out.insert(*id, ());
            }
        }
    }
    out
}

/// Which items are on one longest strictly increasing subsequence.
pub(crate) fn longest_increasing(xs: &[usize]) -> Vec<bool> {
    // Patience sorting: tails[k] = index of the smallest tail of a run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; xs.len()];
    for (i, &x) in xs.iter().enumerate() {
        let k = tails.partition_point(|&t| xs[t] < x);
        prev[i] = k.checked_sub(1).map(|j| tails[j]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut on = vec![false; xs.len()];
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        on[i] = true;
        cur = prev[i];
    }
    on
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::{Edit, NodeField, move_to};

    fn article() -> Article {
        crate::synthetic::generate(1, 40, 9).1.remove(0)
    }

    // An unchanged article has no changes.
    #[test]
    fn equal_articles_have_no_changes() {
        let a = article();
        assert!(diff_article(&a, &a.clone()).is_empty());
    }

    // An edit shows as the one field with its old and new text.
    #[test]
    fn an_edit_is_one_field_with_both_texts() {
        let a = article();
        let mut b = a.clone();
        let n = b.find("n5").unwrap();
        b.apply(Edit::Set {
            node: n,
            field: NodeField::ClaimAr("نص جديد".into()),
        })
        .unwrap();
        let d = diff_article(&a, &b);
        assert_eq!(d.nodes.len(), 1);
        let NodeChange::Changed { id, moved, fields } = &d.nodes[0] else {
            panic!("{:?}", d.nodes[0]);
        };
        assert_eq!((id.as_str(), moved), ("n5", &None));
        assert_eq!(fields[0].field, "claim_ar");
        assert_eq!(fields[0].old.as_deref(), Some(a.node(n).claim_ar()));
        assert_eq!(fields[0].new.as_deref(), Some("نص جديد"));
    }

    // Moving a subtree is one move of its root, not a removal and additions.
    #[test]
    fn a_moved_subtree_is_one_move() {
        let a = article();
        let mut b = a.clone();
        let kids = b.node(b.root).children().to_vec();
        let (first, last) = (kids[0], *kids.last().unwrap());
        b.apply(move_to(last, first, 0)).unwrap();
        let d = diff_article(&a, &b);
        assert_eq!(d.nodes.len(), 1, "{:#?}", d.nodes);
        let NodeChange::Changed {
            id, moved: Some(m), ..
        } = &d.nodes[0]
        else {
            panic!("{:?}", d.nodes[0]);
        };
        assert_eq!(id.as_str(), a.node(last).id());
        assert_eq!(m.to.parent.as_deref(), Some(a.node(first).id()));
        assert_eq!(m.to.position, 0);
        assert_eq!(m.from.parent.as_deref(), Some("n0"));
    }

    // Swapping two siblings reports one of them moved, not every sibling.
    #[test]
    fn a_reorder_is_reported_minimally() {
        let a = article();
        let mut b = a.clone();
        let root = b.root;
        let kids = b.node(root).children().to_vec();
        b.apply(move_to(kids[2], root, 0)).unwrap();
        let d = diff_article(&a, &b);
        let ids: Vec<&str> = d.nodes.iter().map(NodeChange::id).collect();
        assert_eq!(ids, [a.node(kids[2]).id()]);
    }

    #[test]
    fn longest_increasing_marks_one_run() {
        assert_eq!(longest_increasing(&[2, 0, 1, 3]), [false, true, true, true]);
        assert_eq!(longest_increasing(&[]), Vec::<bool>::new());
    }
}
