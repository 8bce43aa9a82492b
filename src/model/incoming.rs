//! Links seen from their target: for each node, the nodes of other articles
//! that link to it ("linked from"). A disagreement is recorded once, on one
//! side, but a reader of either article should see it; this index lets the
//! detail pane, exports and reports show it from both ends.
//!
//! Built in one pass over every link of the corpus, keyed by the target's
//! article and node id as written, so no link needs resolving. An edit of
//! one map is followed without a rebuild (issue 19: a rebuild costs the
//! corpus): [`Incoming::forget`] its links before the edit, then
//! [`Incoming::learn`] them after. Keyed by address as written, renaming a
//! node or an article moves no entry; only the renamed one's lookups change.

use std::collections::HashMap;

use super::edit::{Edit, EditError};
use super::{Article, Corpus, LinkKind, NodeRef};

/// One link into a node: the node that states it and what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IncomingLink {
    pub from: NodeRef,
    pub kind: LinkKind,
}

/// Every node's incoming links, in map order then pre-order of the source.
/// No list and no article's table is left empty, so two indexes of the same
/// links compare equal however they were made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

    /// Takes out every link stated by map `map`, whose article is (still)
    /// `article`: call before the map changes. Only the lists its links
    /// point into are visited; detached nodes are looked at too, which
    /// costs nothing wrong (their links were never learnt, so none match).
    pub fn forget(&mut self, map: u32, article: &Article) {
        for n in &article.nodes {
            for link in n.links() {
                let Some((aid, nid)) = link.target() else {
                    continue;
                };
                let Some(nodes) = self.by_target.get_mut(aid) else {
                    continue;
                };
                if let Some(list) = nodes.get_mut(nid) {
                    list.retain(|l| l.from.map != map);
                    if list.is_empty() {
                        nodes.remove(nid);
                    }
                }
                if nodes.is_empty() {
                    self.by_target.remove(aid);
                }
            }
        }
    }

    /// Puts in the links stated by map `map`, whose article is now
    /// `article`: call after it changed (and after [`Incoming::forget`] of
    /// what it was). Each goes after the links of the maps before it, so a
    /// list stays in map order then pre-order, as [`Incoming::build`] makes it.
    pub fn learn(&mut self, map: u32, article: &Article) {
        for idx in article.preorder() {
            for link in article.node(idx).links() {
                let Some((aid, nid)) = link.target() else {
                    continue;
                };
                // Looked up before inserted: most targets have a list
                // already, and `entry` would allocate their key each time.
                if !self.by_target.contains_key(aid) {
                    self.by_target.insert(aid.into(), HashMap::new());
                }
                let Some(nodes) = self.by_target.get_mut(aid) else {
                    continue;
                };
                if !nodes.contains_key(nid) {
                    nodes.insert(nid.into(), Vec::new());
                }
                let Some(list) = nodes.get_mut(nid) else {
                    continue;
                };
                let at = list.partition_point(|l| l.from.map <= map);
                list.insert(
                    at,
                    IncomingLink {
                        from: NodeRef { map, node: idx },
                        kind: link.kind,
                    },
                );
            }
        }
    }

    /// Applies `edit` to map `map`'s article, keeping the index in step:
    /// its links are taken out before and put back after, unless the edit
    /// cannot change them ([`Edit::touches_links`]): forgetting and
    /// learning a 5,000-node map's links was half of a text edit's time.
    pub fn apply(
        &mut self,
        map: u32,
        article: &mut Article,
        edit: Edit,
    ) -> Result<Edit, EditError> {
        if !edit.touches_links() {
            return article.apply(edit);
        }
        self.forget(map, article);
        let done = article.apply(edit);
        self.learn(map, article);
        done
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

    /// The maps with a link into the article `article_id` (from a node in
    /// their tree), each once, in map order: the maps whose checks an edit
    /// of that article may change.
    pub fn maps_into(&self, article_id: &str) -> Vec<u32> {
        let mut maps: Vec<u32> = self
            .by_target
            .get(article_id)
            .into_iter()
            .flat_map(|m| m.values().flatten().map(|l| l.from.map))
            .collect();
        maps.sort_unstable();
        maps.dedup();
        maps
    }
}

#[cfg(test)]
#[path = "incoming_tests.rs"]
mod tests;
