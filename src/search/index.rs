//! The search index: an inverted index of every searchable field of every
//! reachable node, in [`Segment`]s of a few ten thousand nodes. It holds no
//! text, only each segment's vocabulary of normalised words and their
//! posting lists (see `search::segment`), plus what the filters need; hits
//! read their text back from the corpus. Theme labels are kept once per
//! theme: a query matches them once and a node inherits the result through
//! its themes.
//!
//! Segments are built in parallel (reporting [`Progress`]) and shared behind
//! `Arc`s, so a copy of the index costs little. An edit
//! ([`Index::update_article`]) marks the article's documents dead and
//! rebuilds only the small open segment at the end from the corpus, with
//! the article's nodes in it: an update costs the size of the recent edits,
//! not of the corpus. A segment that is mostly dead is rebuilt from its live
//! nodes.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

pub(crate) use super::segment::{Builder, NO_VOICE, Segment};
use crate::model::{Corpus, NodeRef, Stance};
use crate::text::normalize::normalize_into;

/// Which text of a node a match is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    ClaimEn,
    ClaimAr,
    Quote,
    Note,
    /// The article's English title (searched on its thesis node).
    TitleEn,
    /// The article's title in its own language (searched on its thesis node).
    TitleOriginal,
    /// English label of the node's theme with this index in [`Index::theme_id`].
    ThemeEn(u16),
    /// Arabic label of the node's theme with this index.
    ThemeAr(u16),
}

impl Field {
    /// Stable name for output (`claim_en`, `theme_ar`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Field::ClaimEn => "claim_en",
            Field::ClaimAr => "claim_ar",
            Field::Quote => "quote",
            Field::Note => "note",
            Field::TitleEn => "title_en",
            Field::TitleOriginal => "title_original",
            Field::ThemeEn(_) => "theme_en",
            Field::ThemeAr(_) => "theme_ar",
        }
    }

    /// How much a match in this field says about the node: claims and titles
    /// are what a reader looks for; quotes and notes are long and match by
    /// accident more often; a theme label is shared by many nodes.
    pub(crate) fn weight(self) -> i64 {
        match self {
            Field::TitleEn | Field::TitleOriginal => 40,
            Field::ClaimEn | Field::ClaimAr => 30,
            Field::Quote => 10,
            Field::Note => 5,
            Field::ThemeEn(_) | Field::ThemeAr(_) => 0,
        }
    }

    /// The field's number in a posting byte (three bits; not themes).
    pub(crate) fn ordinal(self) -> u8 {
        match self {
            Field::ClaimEn => 0,
            Field::ClaimAr => 1,
            Field::Quote => 2,
            Field::Note => 3,
            Field::TitleEn => 4,
            Field::TitleOriginal => 5,
            Field::ThemeEn(_) => 6,
            Field::ThemeAr(_) => 7,
        }
    }

    /// The text field with this [`Field::ordinal`].
    pub(crate) fn from_ordinal(n: u8) -> Field {
        match n {
            0 => Field::ClaimEn,
            1 => Field::ClaimAr,
            2 => Field::Quote,
            3 => Field::Note,
            4 => Field::TitleEn,
            _ => Field::TitleOriginal,
        }
    }
}

/// Per-article data the filters need, by map index.
#[derive(Debug, Clone, Default)]
pub(crate) struct ArticleInfo {
    pub id_norm: String,
    pub stance: Option<Stance>,
}

/// A theme id used by some node, with its labels when the motion has them.
#[derive(Debug, Clone)]
pub(crate) struct ThemeInfo {
    pub id: Box<str>,
    pub id_norm: String,
    /// (English, Arabic) labels: original and normalised.
    pub labels: Option<[(Box<str>, String); 2]>,
}

/// How far a build has got, shared with the thread that shows it; also
/// how to ask a build to stop.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    cancel: AtomicBool,
}

impl Progress {
    /// Nodes indexed so far and nodes in all.
    pub fn nodes(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// Whole percent done, 0–100.
    pub fn percent(&self) -> u8 {
        let (done, total) = self.nodes();
        if total == 0 {
            return 0;
        }
        (done.min(total) * 100 / total) as u8
    }

    /// Asks the build to stop at its next article; it then returns what it has.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// A finished segment with the theme ids and voices it numbered itself.
type Built = (Segment, Vec<Box<str>>, Vec<Box<str>>);

/// Nodes per segment when building: several segments per core, so both
/// cores share a query's work, and a rebuild of a mostly dead one is cheap.
const SEGMENT_NODES: usize = 32_768;

/// Nodes the open segment (the one edits go to) takes before a new one is
/// started; rebuilding it is what an edit costs.
const OPEN_NODES: usize = 512;

/// The inverted index of a whole corpus, shared (behind an `Arc`) with the
/// search worker. Cloning it is cheap (segments are shared), which is how an
/// edit makes an updated index without stopping searches on the old one.
#[derive(Debug, Default, Clone)]
pub struct Index {
    pub(crate) segs: Vec<Arc<Segment>>,
    /// The first document id of each segment, and one past the last at the end.
    starts: Vec<u32>,
    /// Per segment, a bit per document: replaced or removed.
    dead: Vec<Vec<u64>>,
    dead_count: usize,
    /// Whether the last segment takes the nodes of updates.
    open: bool,
    pub(crate) articles: Vec<ArticleInfo>,
    pub(crate) themes: Vec<ThemeInfo>,
    pub(crate) theme_of: HashMap<Box<str>, u16>,
    /// Each distinct voice, normalised (for the `voice:` filter).
    pub(crate) voices: Vec<String>,
    voice_of: HashMap<Box<str>, u32>,
    /// The theme labels of the motion, by id, to label themes added later.
    labels: HashMap<Box<str>, [(Box<str>, String); 2]>,
}

impl Index {
    /// Indexes every reachable node of every article that parsed.
    pub fn build(corpus: &Corpus) -> Index {
        Index::build_with(corpus, &Progress::default())
    }

    /// Like [`Index::build`], on all cores, counting indexed nodes in
    /// `progress`; stops early (with a partial index) when it is cancelled.
    pub fn build_with(corpus: &Corpus, progress: &Progress) -> Index {
        let mut ix = Index {
            articles: vec![ArticleInfo::default(); corpus.maps.len()],
            ..Index::default()
        };
        if let Some(m) = &corpus.motion {
            for t in &m.themes {
                let mut en = String::new();
                let mut ar = String::new();
                normalize_into(&t.en, &mut en);
                normalize_into(&t.ar, &mut ar);
                ix.labels
                    .insert(t.id.clone(), [(t.en.clone(), en), (t.ar.clone(), ar)]);
            }
        }
        let mut groups: Vec<Vec<u32>> = vec![Vec::new()];
        let mut in_group = 0;
        let mut total = 0;
        for (map, article) in corpus.articles() {
            ix.articles[map as usize] = info(corpus, map);
            if in_group >= SEGMENT_NODES {
                groups.push(Vec::new());
                in_group = 0;
            }
            // Arena size, not `len()` (a walk of the tree): enough to
            // balance groups and count progress.
            in_group += article.nodes.len();
            total += article.nodes.len();
            if let Some(g) = groups.last_mut() {
                g.push(map);
            }
        }
        progress.total.store(total, Ordering::Relaxed);
        // Each segment is finished (vocabulary sorted, postings packed) on
        // the thread that built it; only handles are mapped after.
        let built: Vec<Built> = groups
            .par_iter()
            .map(|group| {
                let mut b = Builder::default();
                for &map in group {
                    if progress.cancelled() {
                        break;
                    }
                    if let Some(article) = corpus.article(map) {
                        for idx in article.preorder() {
                            b.push(map, article, idx);
                        }
                        progress
                            .done
                            .fetch_add(article.nodes.len(), Ordering::Relaxed);
                    }
                }
                b.finish()
            })
            .collect();
        for b in built {
            if b.0.len() > 0 {
                ix.adopt(b, ix.segs.len());
            }
        }
        ix
    }

    /// Adds a built segment as segment `at`, mapping its theme and voice
    /// handles to the index's.
    fn adopt(&mut self, (mut seg, names, voices): Built, at: usize) {
        let handles: Vec<u16> = names.iter().map(|n| self.theme(n)).collect();
        let mut theme_docs = vec![Vec::new(); self.themes.len()];
        for (local, docs) in seg.theme_docs.into_iter().enumerate() {
            theme_docs[handles[local] as usize] = docs;
        }
        seg.theme_docs = theme_docs;
        let handles: Vec<u32> = voices.iter().map(|v| self.voice(v)).collect();
        for v in &mut seg.voice {
            if *v != NO_VOICE {
                *v = handles[*v as usize];
            }
        }
        self.dead.insert(at, vec![0; seg.len().div_ceil(64)]);
        self.segs.insert(at, Arc::new(seg));
        self.renumber();
    }

    /// The handle of a voice, adding it (normalised) when new.
    fn voice(&mut self, v: &str) -> u32 {
        if let Some(&h) = self.voice_of.get(v) {
            return h;
        }
        let mut norm = String::new();
        normalize_into(v, &mut norm);
        self.voices.push(norm);
        let h = (self.voices.len() - 1) as u32;
        self.voice_of.insert(v.into(), h);
        h
    }

    /// The handle of a theme id, adding it to the table when new.
    fn theme(&mut self, id: &str) -> u16 {
        if let Some(&t) = self.theme_of.get(id) {
            return t;
        }
        let mut id_norm = String::new();
        normalize_into(id, &mut id_norm);
        self.themes.push(ThemeInfo {
            id: id.into(),
            id_norm,
            labels: self.labels.get(id).cloned(),
        });
        // Theme ids come from a small shared vocabulary; past 65,536
        // distinct ids handles would wrap.
        let t = (self.themes.len() - 1) as u16;
        self.theme_of.insert(id.into(), t);
        t
    }

    /// Recomputes segment starts after segments changed.
    fn renumber(&mut self) {
        self.starts.clear();
        let mut at = 0u32;
        for s in &self.segs {
            self.starts.push(at);
            at += s.len() as u32;
        }
        self.starts.push(at);
    }

    /// Re-indexes one article after an edit: its old documents are dropped
    /// and its reachable nodes indexed again, with its id and stance. A map
    /// that no longer holds an article (or never did) just loses its
    /// documents. Costs the article's size plus the open segment's (and now
    /// and then a rebuild of one mostly dead segment).
    pub fn update_article(&mut self, corpus: &Corpus, map: u32) {
        self.remove_article(map);
        let Some(article) = corpus.article(map) else {
            return;
        };
        if self.articles.len() <= map as usize {
            self.articles
                .resize(map as usize + 1, ArticleInfo::default());
        }
        self.articles[map as usize] = info(corpus, map);
        let nodes = article
            .preorder()
            .map(|node| NodeRef { map, node })
            .collect();
        self.reopen(corpus, nodes);
        self.compact(corpus);
    }

    /// Re-indexes one node (its text changed); its article's metadata and the
    /// other nodes keep their documents. A node that is no longer reachable
    /// from its article's root just loses its document.
    pub fn update_node(&mut self, corpus: &Corpus, node: NodeRef) {
        self.kill(|r| r == node, Some(node.map));
        let Some(article) = corpus.article(node.map) else {
            return;
        };
        if (node.node as usize) < article.nodes.len()
            && (node.node == article.root
                || article.ancestors(node.node).last() == Some(article.root))
        {
            self.reopen(corpus, vec![node]);
        }
    }

    /// Drops every document of one map's article (a map deleted or emptied).
    pub fn remove_article(&mut self, map: u32) {
        self.kill(|r| r.map == map, Some(map));
    }

    /// Marks the documents `which` accepts dead, looking only in segments
    /// that may hold `map`.
    fn kill(&mut self, which: impl Fn(NodeRef) -> bool, map: Option<u32>) {
        for (k, s) in self.segs.iter().enumerate() {
            if map.is_some_and(|m| !s.holds_map(m)) {
                continue;
            }
            let dead = &mut self.dead[k];
            for (i, &r) in s.docs.iter().enumerate() {
                if which(r) && dead[i / 64] & (1 << (i % 64)) == 0 {
                    dead[i / 64] |= 1 << (i % 64);
                    self.dead_count += 1;
                }
            }
        }
    }

    /// The live documents of segment `k`.
    fn live_docs(&self, k: usize) -> Vec<NodeRef> {
        let dead = &self.dead[k];
        self.segs[k]
            .docs
            .iter()
            .enumerate()
            .filter(|(i, _)| dead[i / 64] & (1 << (i % 64)) == 0)
            .map(|(_, &r)| r)
            .collect()
    }

    /// Removes segment `k`, forgetting its dead documents.
    fn drop_segment(&mut self, k: usize) {
        let bits = self.dead.remove(k);
        self.dead_count -= bits.iter().map(|w| w.count_ones() as usize).sum::<usize>();
        self.segs.remove(k);
    }

    /// Indexes `nodes` (read from the corpus) into the open segment,
    /// rebuilding it with its live documents, or into a new one when it is full.
    fn reopen(&mut self, corpus: &Corpus, nodes: Vec<NodeRef>) {
        let mut docs = Vec::new();
        if self.open && !self.segs.is_empty() {
            let k = self.segs.len() - 1;
            let live = self.live_docs(k);
            if live.len() + nodes.len() <= OPEN_NODES {
                self.drop_segment(k);
                docs = live;
            }
        }
        docs.extend(nodes);
        self.push_segment(corpus, &docs);
        self.open = true;
    }

    /// Builds a segment of `docs` (those still in the corpus) at the end.
    fn push_segment(&mut self, corpus: &Corpus, docs: &[NodeRef]) {
        let b = builder_of(corpus, docs);
        if b.len() > 0 {
            self.adopt(b.finish(), self.segs.len());
        } else {
            self.renumber();
        }
    }

    /// Rebuilds (from the corpus) a segment that is mostly dead, so updates
    /// do not grow the index without bound; the open segment stays last.
    /// Document ids after it change.
    fn compact(&mut self, corpus: &Corpus) {
        let end = self.segs.len().saturating_sub(usize::from(self.open));
        let dead = |d: &[u64]| d.iter().map(|w| w.count_ones() as usize).sum::<usize>();
        let Some(k) = (0..end).find(|&k| dead(&self.dead[k]) * 2 > self.segs[k].len()) else {
            return;
        };
        let live = self.live_docs(k);
        self.drop_segment(k);
        let b = builder_of(corpus, &live);
        if b.len() > 0 {
            self.adopt(b.finish(), k);
        } else {
            self.renumber();
        }
    }

    /// Number of indexed (live) nodes.
    pub fn len(&self) -> usize {
        self.slots() - self.dead_count
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of document ids, live or dead: the range a scan runs over.
    pub(crate) fn slots(&self) -> usize {
        self.starts.last().copied().unwrap_or(0) as usize
    }

    /// Segment `k`: its first id, itself, and its dead bits.
    pub(crate) fn segment(&self, k: usize) -> (u32, &Segment, &[u64]) {
        (self.starts[k], &self.segs[k], &self.dead[k])
    }

    /// The segment and local number of live document `id`.
    pub(crate) fn locate(&self, id: u32) -> Option<(usize, u32)> {
        let k = self.starts.partition_point(|&s| s <= id).checked_sub(1)?;
        let local = id - self.starts[k];
        let seg = self.segs.get(k)?;
        if local as usize >= seg.len()
            || self.dead[k][local as usize / 64] & (1 << (local % 64)) != 0
        {
            return None;
        }
        Some((k, local))
    }

    /// The node of live document `id`.
    pub(crate) fn node(&self, id: u32) -> Option<NodeRef> {
        let (k, local) = self.locate(id)?;
        Some(self.segs[k].docs[local as usize])
    }

    /// The id of the theme a [`Field::ThemeEn`]/[`Field::ThemeAr`] refers to.
    pub fn theme_id(&self, theme: u16) -> Option<&str> {
        self.themes.get(theme as usize).map(|t| &*t.id)
    }

    /// Bytes the index holds on the heap, roughly (for the benches).
    pub fn heap_bytes(&self) -> usize {
        self.segs.iter().map(|s| s.heap_bytes()).sum::<usize>()
            + self.dead.iter().map(|d| d.len() * 8).sum::<usize>()
            + self.articles.len() * std::mem::size_of::<ArticleInfo>()
    }
}

/// A segment builder holding `docs` (those still in the corpus).
fn builder_of(corpus: &Corpus, docs: &[NodeRef]) -> Builder {
    let mut b = Builder::default();
    for r in docs {
        if let Some(a) = corpus.article(r.map)
            && (r.node as usize) < a.nodes.len()
        {
            b.push(r.map, a, r.node);
        }
    }
    b
}

fn info(corpus: &Corpus, map: u32) -> ArticleInfo {
    let Some(article) = corpus.article(map) else {
        return ArticleInfo::default();
    };
    let mut id_norm = String::new();
    normalize_into(&article.meta.id, &mut id_norm);
    ArticleInfo {
        id_norm,
        stance: article.meta.stance,
    }
}
