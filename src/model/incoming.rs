//! Links seen from their target: for each node, the nodes of other articles
//! that link to it ("linked from"). A disagreement is recorded once, on one
//! side, but a reader of either article should see it; this index lets the
//! detail pane, exports and reports show it from both ends.
//!
//! Built in one pass over every link of the corpus, keyed by the target's
//! article and node id as written, so no link needs resolving; a view builds
//! it once and again after an edit (an edit can add, drop or retarget links).

use std::collections::HashMap;

use super::{Corpus, LinkKind, NodeRef};

/// One link into a node: the node that states it and what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IncomingLink {
    pub from: NodeRef,
    pub kind: LinkKind,
}

/// Every node's incoming links, in map order then pre-order of the source.
#[derive(Debug, Clone, Default)]
pub struct Incoming {
    /// By target article id, then target node id.
    by_target: HashMap<Box<str>, HashMap<Box<str>, Vec<IncomingLink>>>,
}

impl Incoming {
    pub fn build(corpus: &Corpus) -> Incoming {
        let mut by_target: HashMap<Box<str>, HashMap<Box<str>, Vec<IncomingLink>>> = HashMap::new();
        for (map, a) in corpus.articles() {
            for idx in a.preorder() {
                for link in a.node(idx).links() {
                    let Some((aid, nid)) = link.target() else {
                        continue;
                    };
                    by_target
                        .entry(aid.into())
                        .or_default()
                        .entry(nid.into())
                        .or_default()
                        .push(IncomingLink {
                            from: NodeRef { map, node: idx },
                            kind: link.kind,
                        });
                }
            }
        }
        Incoming { by_target }
    }

    /// The links into `node` of `corpus` (the corpus the index was built from).
    pub fn to(&self, corpus: &Corpus, node: NodeRef) -> &[IncomingLink] {
        let Some(a) = corpus.article(node.map) else {
            return &[];
        };
        let Some(n) = a.nodes.get(node.node as usize) else {
            return &[];
        };
        self.by_target
            .get(a.id())
            .and_then(|m| m.get(n.id()))
            .map_or(&[], Vec::as_slice)
    }

    /// The links into `node_id` of the article `article_id`, by address.
    pub fn to_address(&self, article_id: &str, node_id: &str) -> &[IncomingLink] {
        self.by_target
            .get(article_id)
            .and_then(|m| m.get(node_id))
            .map_or(&[], Vec::as_slice)
    }

    /// How many links point into the article `article_id` altogether.
    pub fn into_article(&self, article_id: &str) -> usize {
        self.by_target
            .get(article_id)
            .map_or(0, |m| m.values().map(Vec::len).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, ArticleMeta, Link, MapEntry, Node, NodeFields};

    fn article(id: &str, links: &[(&str, LinkKind)]) -> MapEntry {
        let nodes = vec![
            Node::from(NodeFields {
                id: "thesis".into(),
                children: vec![1],
                ..Default::default()
            }),
            Node::from(NodeFields {
                id: "r".into(),
                parent: Some(0),
                links: links
                    .iter()
                    .map(|&(to, kind)| Link {
                        kind,
                        to: to.into(),
                    })
                    .collect(),
                ..Default::default()
            }),
        ];
        MapEntry {
            path: format!("{id}.ron").into(),
            article: Some(Article {
                meta: ArticleMeta {
                    id: id.into(),
                    ..Default::default()
                },
                nodes,
                root: 0,
            }),
            error: None,
            positions: Vec::new(),
            hash: 0,
        }
    }

    // A link recorded once, in `a`, is seen from its target in `b`; a
    // dangling link is indexed under its address and shows nowhere else.
    #[test]
    fn links_are_seen_from_their_target() {
        let corpus = Corpus::new(
            None,
            "motion.ron".into(),
            vec![
                article(
                    "a",
                    &[("b/r", LinkKind::Contradicts), ("b/gone", LinkKind::Agrees)],
                ),
                article("b", &[]),
                article("c", &[("b/r", LinkKind::Rebuts)]),
            ],
        );
        let ix = Incoming::build(&corpus);
        let into_r = ix.to(&corpus, NodeRef { map: 1, node: 1 });
        assert_eq!(
            into_r,
            [
                IncomingLink {
                    from: NodeRef { map: 0, node: 1 },
                    kind: LinkKind::Contradicts
                },
                IncomingLink {
                    from: NodeRef { map: 2, node: 1 },
                    kind: LinkKind::Rebuts
                },
            ]
        );
        assert!(ix.to(&corpus, NodeRef { map: 0, node: 1 }).is_empty());
        assert!(ix.to(&corpus, NodeRef { map: 1, node: 0 }).is_empty());
        assert_eq!(ix.to_address("b", "gone").len(), 1);
        assert_eq!(ix.into_article("b"), 3);
    }
}
