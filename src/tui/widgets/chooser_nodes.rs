//! A chooser's items when they are a corpus's nodes (the link picker's
//! targets): only which node each item is, in pre-order article by
//! article, and the way back from a node to its item. Values and labels
//! are made from the corpus when a row is drawn or an item chosen.
//!
//! With 1,000,000 nodes, formatting every label up front or hashing every
//! node into a map took longer than a frame's budget and held a second copy
//! of every claim; two flat arrays of integers are built instead.

use std::sync::Arc;

use rayon::prelude::*;

use crate::model::{Article, Corpus, NodeIdx, NodeRef};

/// Marks a node (or a map) that shows no item.
const NONE: u32 = u32::MAX;

/// Every reachable node of a corpus but those of one map, as items.
pub struct NodeItems {
    corpus: Arc<Corpus>,
    /// The node each item shows.
    nodes: Vec<NodeRef>,
    /// Per map, where its nodes' entries start in `item_of` (`NONE`: the
    /// map shows no items).
    base: Vec<u32>,
    /// Per map's arena slot (from its `base`), the item showing that node
    /// (`NONE`: detached, so not shown).
    item_of: Vec<u32>,
}

impl NodeItems {
    /// The nodes of every article of `corpus` but map `except`, each
    /// article's in pre-order (the order they are written on disk).
    pub fn new(corpus: Arc<Corpus>, except: u32) -> NodeItems {
        // Walking a million nodes' trees is most of the picker's opening
        // (their arena is larger than the caches): one article per task,
        // on every core, before the search index's build takes them.
        let walked: Vec<(u32, usize, Vec<NodeIdx>)> = corpus
            .maps
            .par_iter()
            .enumerate()
            .filter(|&(m, _)| m as u32 != except)
            .filter_map(|(m, e)| {
                let a = e.article.as_ref()?;
                Some((m as u32, a.nodes.len(), a.preorder().collect()))
            })
            .collect();
        let count = walked.iter().map(|w| w.2.len()).sum();
        let slots = walked.iter().map(|w| w.1).sum();
        let mut nodes = Vec::with_capacity(count);
        let mut base = vec![NONE; corpus.maps.len()];
        let mut item_of = vec![NONE; slots];
        let mut start = 0usize;
        for (m, arena, order) in walked {
            // More than u32::MAX arena slots or nodes cannot be told apart
            // here; such a corpus would not fit in memory anyway.
            let (Ok(at), Ok(_)) = (
                u32::try_from(start),
                u32::try_from(nodes.len() + order.len()),
            ) else {
                break;
            };
            base[m as usize] = at;
            for n in order {
                item_of[start + n as usize] = nodes.len() as u32;
                nodes.push(NodeRef { map: m, node: n });
            }
            start += arena;
        }
        NodeItems {
            corpus,
            nodes,
            base,
            item_of,
        }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The item showing node `r`, if one does.
    pub fn item_of(&self, r: NodeRef) -> Option<usize> {
        let start = *self.base.get(r.map as usize)?;
        if start == NONE {
            return None;
        }
        // A node added since the items were made is past its map's slots
        // (or in the next map's): check the item is that node.
        let i = *self.item_of.get(start as usize + r.node as usize)?;
        (i != NONE && self.nodes.get(i as usize) == Some(&r)).then_some(i as usize)
    }

    /// Item `i`'s (value, label): `article/node`, and that with its claim.
    pub fn item(&self, i: usize) -> (String, String) {
        self.nodes
            .get(i)
            .and_then(|r| Some(link_item(self.corpus.article(r.map)?, r.node)))
            .unwrap_or_default()
    }
}

/// A link target's (value, label): `article/node` and that with its claim.
fn link_item(a: &Article, n: NodeIdx) -> (String, String) {
    let node = a.node(n);
    let (id, claim) = (node.id(), node.claim_en());
    let mut value = String::with_capacity(a.meta.id.len() + 1 + id.len());
    value.push_str(&a.meta.id);
    value.push('/');
    value.push_str(id);
    let mut label = String::with_capacity(value.len() + 5 + claim.len());
    label.push_str(&value);
    label.push_str(" — ");
    label.push_str(claim);
    (value, label)
}

#[cfg(test)]
#[path = "chooser_nodes_tests.rs"]
mod tests;
