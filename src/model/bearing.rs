//! A node's bearing on the motion: does accepting the claim argue for the
//! motion, against it, or neither?
//!
//! The tree decides it where it can: the thesis bears as the article's stance
//! does, a supporting child bears like its parent and an opposing child the
//! other way. Under a thesis that bears neither way (a mixed or neutral article)
//! the tree decides nothing, so those nodes must state their bearing.

use serde::{Deserialize, Serialize};

use super::{Article, NodeIdx, Relation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Bearing {
    For,
    Against,
    Neither,
}

impl Bearing {
    pub fn name(self) -> &'static str {
        match self {
            Bearing::For => "for",
            Bearing::Against => "against",
            Bearing::Neither => "neither",
        }
    }

    /// The opposite bearing; `Neither` has none.
    pub fn flip(self) -> Bearing {
        match self {
            Bearing::For => Bearing::Against,
            Bearing::Against => Bearing::For,
            Bearing::Neither => Bearing::Neither,
        }
    }

    /// What a child with `relation` to a parent bearing `self` bears, if the
    /// tree decides it.
    pub fn through(self, relation: Relation) -> Option<Bearing> {
        match (self, relation) {
            (Bearing::Neither, _) => None,
            (b, Relation::Supports) => Some(b),
            (b, Relation::Opposes) => Some(b.flip()),
        }
    }
}

/// Bearings of every node of an article, indexed like its arena.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bearings {
    /// The effective bearing: stated, else derived; `None` when neither.
    pub effective: Vec<Option<Bearing>>,
    /// What the tree alone would give, ignoring the node's own statement.
    pub derived: Vec<Option<Bearing>>,
}

impl Bearings {
    pub fn of(&self, idx: NodeIdx) -> Option<Bearing> {
        self.effective.get(idx as usize).copied().flatten()
    }
}

/// Computes every reachable node's bearing in one pre-order pass.
pub fn derive(article: &Article) -> Bearings {
    let n = article.nodes.len();
    let mut out = Bearings {
        effective: vec![None; n],
        derived: vec![None; n],
    };
    for idx in article.preorder() {
        let node = article.node(idx);
        let derived = match node.parent() {
            None => article.meta.stance.map(|s| s.thesis_bearing()),
            Some(p) => match (out.effective[p as usize], node.relation) {
                (Some(pb), Some(rel)) => pb.through(rel),
                _ => None,
            },
        };
        out.derived[idx as usize] = derived;
        out.effective[idx as usize] = node.bearing.or(derived);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleMeta, Node, NodeFields, Stance};

    fn article(stance: Stance, nodes: Vec<Node>) -> Article {
        Article {
            meta: ArticleMeta {
                stance: Some(stance),
                ..Default::default()
            },
            nodes,
            root: 0,
        }
    }

    fn node(parent: Option<u32>, rel: Option<Relation>, children: Vec<u32>) -> Node {
        Node::from(NodeFields {
            parent,
            relation: rel,
            children,
            ..Default::default()
        })
    }

    // The tree decides bearings under a pro thesis, flipping at each objection.
    #[test]
    fn derives_through_supports_and_opposes() {
        let a = article(
            Stance::Pro,
            vec![
                node(None, None, vec![1]),
                node(Some(0), Some(Relation::Opposes), vec![2]),
                node(Some(1), Some(Relation::Opposes), vec![]),
            ],
        );
        let b = derive(&a);
        assert_eq!(
            b.effective,
            vec![
                Some(Bearing::For),
                Some(Bearing::Against),
                Some(Bearing::For)
            ]
        );
    }

    // Under a mixed thesis nothing is derived; a stated bearing then propagates.
    #[test]
    fn mixed_needs_stated_bearing() {
        let mut nodes = vec![
            node(None, None, vec![1, 2]),
            node(Some(0), Some(Relation::Supports), vec![3]),
            node(Some(0), Some(Relation::Supports), vec![]),
            node(Some(1), Some(Relation::Opposes), vec![]),
        ];
        nodes[1].bearing = Some(Bearing::Against);
        let b = derive(&article(Stance::Mixed, nodes));
        assert_eq!(b.of(0), Some(Bearing::Neither));
        assert_eq!(b.of(1), Some(Bearing::Against));
        assert_eq!(b.of(2), None);
        assert_eq!(b.of(3), Some(Bearing::For));
        assert_eq!(b.derived[1], None);
    }
}
