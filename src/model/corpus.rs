//! The loaded set of maps: the motion and every article map, including the
//! ones that failed to parse, so that a broken map is shown with its error
//! instead of disappearing.

use std::collections::HashMap;
use std::path::PathBuf;

use super::{Article, Diagnostic, Motion, NodeIdx};

/// Where a node sits in the file it came from (1-based), for diagnostics and
/// for opening an editor at the node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// One article map file: the parsed article, or why it could not be parsed.
#[derive(Debug, Clone)]
pub struct MapEntry {
    pub path: PathBuf,
    pub article: Option<Article>,
    /// Why the file did not parse (only when `article` is `None`).
    pub error: Option<Diagnostic>,
    /// Position of each arena node's `id` in the file, indexed like the arena;
    /// `Pos::default()` where unknown (a node added in the UI).
    pub positions: Vec<Pos>,
    /// Hash of the bytes the map was read from (0: not read from a file), so
    /// a save can tell that the file changed on disk since (see `store::disk`).
    pub hash: u64,
}

impl MapEntry {
    /// A map held only in memory (generated, or made in a test): named
    /// `<id>.ron`, with no file positions and no file hash.
    pub fn in_memory(article: Article) -> MapEntry {
        MapEntry {
            path: format!("{}.ron", article.meta.id).into(),
            article: Some(article),
            error: None,
            positions: Vec::new(),
            hash: 0,
        }
    }

    pub fn pos(&self, idx: NodeIdx) -> Pos {
        self.positions
            .get(idx as usize)
            .copied()
            .unwrap_or_default()
    }
}

/// A global handle to a node: which map, which node of its arena.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeRef {
    pub map: u32,
    pub node: NodeIdx,
}

#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub motion: Option<Motion>,
    /// Where the motion came from (for diagnostics).
    pub motion_path: PathBuf,
    /// Article maps in file-name order.
    pub maps: Vec<MapEntry>,
    /// Findings made while reading files that are not a map's fatal error:
    /// a motion file that did not parse, a byte-order mark, ...
    pub load_diagnostics: Vec<Diagnostic>,
    by_id: HashMap<Box<str>, u32>,
}

impl Corpus {
    pub fn new(motion: Option<Motion>, motion_path: PathBuf, maps: Vec<MapEntry>) -> Corpus {
        let mut corpus = Corpus {
            motion,
            motion_path,
            maps,
            load_diagnostics: Vec::new(),
            by_id: HashMap::new(),
        };
        corpus.reindex();
        corpus
    }

    /// A corpus of articles held only in memory, each a
    /// [`MapEntry::in_memory`], with the motion named `motion.ron`.
    pub fn of_articles(motion: Option<Motion>, articles: Vec<Article>) -> Corpus {
        let maps = articles.into_iter().map(MapEntry::in_memory).collect();
        Corpus::new(motion, "motion.ron".into(), maps)
    }

    /// Rebuilds the id index; call after adding, removing or renaming an article.
    /// The first map with an id wins (a duplicate id is a diagnostic).
    pub fn reindex(&mut self) {
        self.by_id.clear();
        for (i, m) in self.maps.iter().enumerate() {
            if let Some(a) = &m.article {
                self.by_id.entry(a.meta.id.clone()).or_insert(i as u32);
            }
        }
    }

    /// Puts a map that has just loaded in its slot (a browser shows the
    /// corpus while the rest still loads), its article findable by id at
    /// once; `reindex` once all have come makes the first map with an id
    /// win, as when loaded together.
    pub fn fill(&mut self, map: u32, entry: MapEntry) {
        let Some(slot) = self.maps.get_mut(map as usize) else {
            return;
        };
        if let Some(a) = &entry.article {
            self.by_id.entry(a.meta.id.clone()).or_insert(map);
        }
        *slot = entry;
    }

    pub fn article(&self, map: u32) -> Option<&Article> {
        self.maps.get(map as usize)?.article.as_ref()
    }

    pub fn map_of(&self, article_id: &str) -> Option<u32> {
        self.by_id.get(article_id).copied()
    }

    /// Resolves `article-id/node-id`.
    pub fn resolve(&self, address: &str) -> Option<NodeRef> {
        let (aid, nid) = address.split_once('/')?;
        let map = self.map_of(aid)?;
        let node = self.article(map)?.find(nid)?;
        Some(NodeRef { map, node })
    }

    /// The `article-id/node-id` address of a node.
    pub fn address(&self, r: NodeRef) -> Option<String> {
        let a = self.article(r.map)?;
        Some(format!("{}/{}", a.meta.id, a.node(r.node).id()))
    }

    /// Articles that parsed, with their map index.
    pub fn articles(&self) -> impl Iterator<Item = (u32, &Article)> {
        self.maps
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.article.as_ref().map(|a| (i as u32, a)))
    }

    /// Total reachable nodes over all articles.
    pub fn node_count(&self) -> usize {
        self.articles().map(|(_, a)| a.len()).sum()
    }
}
