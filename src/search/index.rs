//! The search index: every searchable field of every reachable node,
//! normalised once and packed into a few large strings, so a keystroke
//! costs substring scans over contiguous memory, not allocations.
//!
//! A node's record holds its claims (English and Arabic), quote and note; the
//! thesis (root) node's record also holds the article's titles. Theme labels
//! are kept once per theme, not copied into every record: a query matches
//! them once per theme and a node inherits the result through its theme ids.
//! The original texts are kept too, so hits carry the text their highlight
//! ranges point into even after the corpus has been edited.
//!
//! Records live in [`Part`]s of a few thousand nodes, each behind an `Arc`:
//! the parts are built in parallel (reporting [`Progress`]), and an edit
//! ([`Index::update_article`]) marks the article's old records dead and
//! appends new ones to a small open part, so an updated copy of the index
//! shares every untouched part with the old one and costs the size of the
//! article, not of the corpus. A part that is mostly dead is compacted.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

pub(crate) use super::part::{Part, Record};
use crate::model::{Article, Corpus, NodeRef, Stance};
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

/// A part built by one task, with the theme ids and voices it numbered
/// itself, and whether it ran out of offsets.
type Built = (Part, Vec<Box<str>>, Vec<Box<str>>, bool);

/// Nodes per part when building: enough parts for both cores and for cheap
/// compaction, few enough that finding a record's part stays cheap.
const PART_NODES: usize = 8192;

/// Normalised haystacks of a whole corpus, shared (behind an `Arc`) with
/// the search worker. Cloning it is cheap (parts are shared), which is how
/// an edit makes an updated index without stopping searches on the old one.
#[derive(Debug, Default, Clone)]
pub struct Index {
    pub(crate) parts: Vec<Arc<Part>>,
    /// The first record id of each part, and one past the last id at the end.
    starts: Vec<u32>,
    /// Bit per record id: the record was replaced or removed.
    dead: Vec<u64>,
    dead_count: usize,
    /// Whether the last part takes the records of updates.
    open: bool,
    pub(crate) articles: Vec<ArticleInfo>,
    pub(crate) themes: Vec<ThemeInfo>,
    theme_of: HashMap<Box<str>, u16>,
    /// Each distinct voice, normalised (for the `voice:` filter).
    pub(crate) voices: Vec<String>,
    voice_of: HashMap<Box<str>, u32>,
    /// The theme labels of the motion, by id, to label themes added later.
    labels: HashMap<Box<str>, [(Box<str>, String); 2]>,
    /// True when an article had more text than one part's 32-bit offsets
    /// address (4 GiB); its nodes past that point are not indexed.
    pub truncated: bool,
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
        let mut groups: Vec<Vec<(u32, &Article)>> = vec![Vec::new()];
        let mut in_group = 0;
        let mut total = 0;
        for (map, article) in corpus.articles() {
            ix.articles[map as usize] = info(article);
            if in_group >= PART_NODES {
                groups.push(Vec::new());
                in_group = 0;
            }
            in_group += article.len();
            total += article.len();
            if let Some(g) = groups.last_mut() {
                g.push((map, article));
            }
        }
        progress.total.store(total, Ordering::Relaxed);
        // Each part numbers the themes it meets itself; they are mapped to
        // the index's handles once all parts are built.
        let built: Vec<Built> = groups
            .par_iter()
            .map(|group| {
                let mut part = Part::default();
                let mut local: HashMap<Box<str>, u16> = HashMap::new();
                let mut names: Vec<Box<str>> = Vec::new();
                let mut local_voices: HashMap<Box<str>, u32> = HashMap::new();
                let mut voices: Vec<Box<str>> = Vec::new();
                let mut truncated = false;
                for &(map, article) in group {
                    if progress.cancelled() {
                        break;
                    }
                    let mut theme = |id: &str| {
                        *local.entry(id.into()).or_insert_with(|| {
                            names.push(id.into());
                            // Theme ids come from a small shared vocabulary;
                            // past 65,536 distinct ids handles would wrap.
                            (names.len() - 1) as u16
                        })
                    };
                    let mut voice = |v: &str| {
                        *local_voices.entry(v.into()).or_insert_with(|| {
                            voices.push(v.into());
                            (voices.len() - 1) as u32
                        })
                    };
                    for idx in article.preorder() {
                        if !part.push(map, article, idx, &mut theme, &mut voice) {
                            truncated = true;
                            break;
                        }
                    }
                    progress.done.fetch_add(article.len(), Ordering::Relaxed);
                }
                (part, names, voices, truncated)
            })
            .collect();
        for (mut part, names, voices, truncated) in built {
            ix.truncated |= truncated;
            let handles: Vec<u16> = names.iter().map(|n| ix.theme(n)).collect();
            for t in &mut part.node_themes {
                *t = handles[*t as usize];
            }
            let handles: Vec<u32> = voices.iter().map(|v| ix.voice(v)).collect();
            for r in &mut part.records {
                r.voice = r.voice.map(|v| handles[v as usize]);
            }
            if !part.records.is_empty() {
                ix.parts.push(Arc::new(part));
            }
        }
        ix.renumber();
        ix
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
        let t = (self.themes.len() - 1) as u16;
        self.theme_of.insert(id.into(), t);
        t
    }

    /// Recomputes part starts and the dead bits after parts changed.
    fn renumber(&mut self) {
        self.starts.clear();
        let mut at = 0u32;
        for p in &self.parts {
            self.starts.push(at);
            at += p.records.len() as u32;
        }
        self.starts.push(at);
        self.dead = vec![0; (at as usize).div_ceil(64)];
        self.dead_count = 0;
    }

    /// Re-indexes one article after an edit: its old records are dropped
    /// and its reachable nodes indexed again, with its id and stance. A map
    /// that no longer holds an article (or never did) just loses its records.
    /// Costs the article's size (plus, now and then, compacting one part).
    pub fn update_article(&mut self, corpus: &Corpus, map: u32) {
        self.remove_article(map);
        let Some(article) = corpus.article(map) else {
            return;
        };
        if self.articles.len() <= map as usize {
            self.articles
                .resize(map as usize + 1, ArticleInfo::default());
        }
        self.articles[map as usize] = info(article);
        self.append(map, article, article.preorder().collect());
    }

    /// Re-indexes one node (its text changed); its article's metadata and the
    /// other nodes keep their records. A node that is no longer reachable
    /// from its article's root just loses its record.
    pub fn update_node(&mut self, corpus: &Corpus, node: NodeRef) {
        self.kill(|r| r.node == node, Some(node.map));
        let Some(article) = corpus.article(node.map) else {
            return;
        };
        if (node.node as usize) < article.len()
            && (node.node == article.root
                || article.ancestors(node.node).last() == Some(article.root))
        {
            self.append(node.map, article, vec![node.node]);
        }
    }

    /// Drops every record of one map's article (a map deleted or emptied).
    pub fn remove_article(&mut self, map: u32) {
        self.kill(|r| r.node.map == map, Some(map));
        self.compact();
    }

    /// Marks the records `which` accepts dead, looking only in parts that
    /// may hold `map`.
    fn kill(&mut self, which: impl Fn(&Record) -> bool, map: Option<u32>) {
        for (k, p) in self.parts.iter().enumerate() {
            if map.is_some_and(|m| !p.holds_map(m)) {
                continue;
            }
            for (i, r) in p.records.iter().enumerate() {
                let id = self.starts[k] as usize + i;
                if which(r) && self.dead[id / 64] & (1 << (id % 64)) == 0 {
                    self.dead[id / 64] |= 1 << (id % 64);
                    self.dead_count += 1;
                }
            }
        }
    }

    /// Indexes `nodes` of an article into the open part.
    fn append(&mut self, map: u32, article: &Article, nodes: Vec<u32>) {
        if !self.open
            || self
                .parts
                .last()
                .is_none_or(|p| p.records.len() >= PART_NODES)
        {
            self.parts.push(Arc::new(Part::default()));
            self.open = true;
        }
        let mut names: Vec<Box<str>> = Vec::new();
        let mut voices: Vec<Box<str>> = Vec::new();
        let mut part = self
            .parts
            .pop()
            .map(Arc::unwrap_or_clone)
            .unwrap_or_default();
        let before = part.node_themes.len();
        let first = part.records.len();
        for idx in nodes {
            let mut theme = |id: &str| {
                names.push(id.into());
                0
            };
            let mut voice = |v: &str| {
                voices.push(v.into());
                (voices.len() - 1) as u32
            };
            if !part.push(map, article, idx, &mut theme, &mut voice) {
                self.truncated = true;
                break;
            }
        }
        for (t, name) in part.node_themes[before..].iter_mut().zip(&names) {
            *t = self.theme(name);
        }
        for r in &mut part.records[first..] {
            r.voice = r.voice.map(|v| self.voice(&voices[v as usize]));
        }
        self.parts.push(Arc::new(part));
        self.refresh_starts();
    }

    /// Recomputes starts after the last part grew, keeping the dead bits.
    fn refresh_starts(&mut self) {
        self.starts.clear();
        let mut at = 0u32;
        for p in &self.parts {
            self.starts.push(at);
            at += p.records.len() as u32;
        }
        self.starts.push(at);
        self.dead.resize((at as usize).div_ceil(64), 0);
    }

    /// Rewrites parts that are mostly dead, so updates do not grow the index
    /// without bound. Record ids change.
    fn compact(&mut self) {
        let mut changed = false;
        let mut live: Vec<Vec<bool>> = Vec::with_capacity(self.parts.len());
        for (k, p) in self.parts.iter().enumerate() {
            let start = self.starts[k] as usize;
            live.push(
                (0..p.records.len())
                    .map(|i| !self.is_dead_id(start + i))
                    .collect(),
            );
        }
        let mut parts = Vec::with_capacity(self.parts.len());
        let mut keep_dead: Vec<bool> = Vec::new();
        for (p, alive) in self.parts.iter().zip(&live) {
            let n_live = alive.iter().filter(|a| **a).count();
            if n_live * 2 < p.records.len() {
                changed = true;
                if n_live > 0 {
                    parts.push(Arc::new(p.compacted(|i| alive[i])));
                    keep_dead.extend(std::iter::repeat_n(false, n_live));
                }
            } else {
                parts.push(Arc::clone(p));
                keep_dead.extend(alive.iter().map(|a| !a));
            }
        }
        if !changed {
            return;
        }
        self.parts = parts;
        // The open part may have been rewritten; new updates start a new one.
        self.open = false;
        self.renumber();
        for (id, d) in keep_dead.into_iter().enumerate() {
            if d {
                self.dead[id / 64] |= 1 << (id % 64);
                self.dead_count += 1;
            }
        }
    }

    fn is_dead_id(&self, id: usize) -> bool {
        self.dead
            .get(id / 64)
            .is_some_and(|w| w & (1 << (id % 64)) != 0)
    }

    /// Number of indexed (live) nodes.
    pub fn len(&self) -> usize {
        self.slots() - self.dead_count
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of record ids, live or dead: the range a scan runs over.
    pub(crate) fn slots(&self) -> usize {
        self.starts.last().copied().unwrap_or(0) as usize
    }

    /// The record with this id, or `None` when it is dead.
    pub(crate) fn record(&self, id: u32) -> Option<(&Part, &Record)> {
        if self.is_dead_id(id as usize) {
            return None;
        }
        let k = self.starts.partition_point(|&s| s <= id).checked_sub(1)?;
        let p = self.parts.get(k)?;
        Some((p, p.records.get((id - self.starts[k]) as usize)?))
    }

    /// The id of the theme a [`Field::ThemeEn`]/[`Field::ThemeAr`] refers to.
    pub fn theme_id(&self, theme: u16) -> Option<&str> {
        self.themes.get(theme as usize).map(|t| &*t.id)
    }
}

fn info(article: &Article) -> ArticleInfo {
    let mut id_norm = String::new();
    normalize_into(&article.meta.id, &mut id_norm);
    ArticleInfo {
        id_norm,
        stance: article.meta.stance,
    }
}
