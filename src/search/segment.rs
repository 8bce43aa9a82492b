//! One segment of the search index: an inverted index of some nodes
//! (consecutive articles when the index is built, or the nodes of recent
//! edits). It keeps no text: only the distinct normalised words of its
//! nodes (its vocabulary) and, for each word, the nodes that contain it
//! (a posting list), so a query word is matched against the vocabulary and
//! the nodes come from the postings. The texts stay in the corpus; hits
//! read them back (see `search::rank`).
//!
//! A posting is a node (its segment-local number, delta-coded as a varint)
//! and one byte saying where the word first occurs in the node's best field
//! for it (the field, and the word's place in it up to 31): about two bytes
//! per distinct word of a node. Segments are shared behind `Arc`s between
//! copies of the index (see `search::index`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::index::Field;
use crate::model::{Article, ClaimKind, NodeRef};
use crate::text::normalize::{is_word_char, normalize_into};

/// A word's place in its field is kept up to this (five bits).
const MAX_POS: u8 = 31;

/// A multiply-rotate hash for the build's word table: its keys are short
/// words from the maps, not input an attacker chooses per lookup, and the
/// standard hasher's cost per token dominated the build.
#[derive(Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(23) ^ u64::from_le_bytes(b))
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

type Words = HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>>;

/// The searchable fields of node `idx` of `article`, in field order: the
/// article's titles on its thesis (root) node, then claims, quote and note.
/// Empty fields are left out.
pub(crate) fn fields_of(article: &Article, idx: u32) -> Vec<(Field, &str)> {
    let node = article.node(idx);
    let mut out = Vec::with_capacity(6);
    if idx == article.root {
        out.push((Field::TitleEn, &*article.meta.title_en));
        out.push((Field::TitleOriginal, &*article.meta.title_original));
    }
    out.push((Field::ClaimEn, node.claim_en()));
    out.push((Field::ClaimAr, node.claim_ar()));
    if let Some(q) = node.quote() {
        out.push((Field::Quote, q));
    }
    if let Some(n) = node.note() {
        out.push((Field::Note, n));
    }
    out.retain(|(_, t)| !t.is_empty());
    out
}

/// The words of normalised text: runs of word characters, in order.
pub(crate) fn words(norm: &str) -> impl Iterator<Item = &str> {
    norm.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// The posting byte for a word at place `pos` of `field`.
fn meta(field: Field, pos: usize) -> u8 {
    (field.ordinal() << 5) | (pos.min(MAX_POS as usize) as u8)
}

/// A posting byte's field and place.
pub(crate) fn unmeta(m: u8) -> (Field, u8) {
    (Field::from_ordinal(m >> 5), m & MAX_POS)
}

/// How good an occurrence is to keep as a node's posting for its word:
/// the field's weight, less a little for coming late in it.
fn meta_rank(m: u8) -> i64 {
    let (f, pos) = unmeta(m);
    f.weight() - i64::from(pos / 2).min(10)
}

/// Searchable nodes without their text: vocabulary and postings, and what
/// the filters need of each node.
#[derive(Debug, Clone, Default)]
pub(crate) struct Segment {
    /// The distinct words, sorted, each followed by `\n` (which no word
    /// contains, so a substring search over it never spans two words).
    pub vocab: String,
    /// Where each word starts in `vocab`, and `vocab.len()` at the end.
    word_at: Vec<u32>,
    /// Every word's postings, one list after another.
    post: Vec<u8>,
    /// Where each word's postings start in `post`, and the end.
    post_at: Vec<u32>,
    /// The node of each document (documents are numbered from 0).
    pub docs: Vec<NodeRef>,
    /// Voice handle of each document (`NO_VOICE` for the author's own).
    pub voice: Vec<u32>,
    pub kind: Vec<Option<ClaimKind>>,
    /// Documents of each theme handle, ascending.
    pub theme_docs: Vec<Vec<u32>>,
    /// The lowest and highest map index of its documents.
    pub maps: Option<(u32, u32)>,
}

pub(crate) const NO_VOICE: u32 = u32::MAX;

impl Segment {
    pub(crate) fn len(&self) -> usize {
        self.docs.len()
    }

    pub(crate) fn holds_map(&self, map: u32) -> bool {
        self.maps.is_some_and(|(lo, hi)| lo <= map && map <= hi)
    }

    /// Number of distinct words.
    #[cfg(test)]
    pub(crate) fn words(&self) -> usize {
        self.word_at.len().saturating_sub(1)
    }

    /// Word `w` of the vocabulary.
    pub(crate) fn word(&self, w: u32) -> &str {
        let (a, b) = (self.word_at[w as usize], self.word_at[w as usize + 1]);
        &self.vocab[a as usize..b as usize - 1]
    }

    /// The word a byte offset of `vocab` falls in, and where it starts.
    pub(crate) fn word_of(&self, at: usize) -> (u32, usize) {
        let w = self.word_at.partition_point(|&s| s as usize <= at) - 1;
        (w as u32, self.word_at[w] as usize)
    }

    /// The postings of word `w`: (document, posting byte), ascending.
    pub(crate) fn postings(&self, w: u32) -> Postings<'_> {
        let (a, b) = (self.post_at[w as usize], self.post_at[w as usize + 1]);
        Postings {
            bytes: &self.post[a as usize..b as usize],
            doc: 0,
        }
    }

    /// Bytes held, roughly (for the benches).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.vocab.len()
            + self.word_at.len() * 4
            + self.post.len()
            + self.post_at.len() * 4
            + self.docs.len() * std::mem::size_of::<NodeRef>()
            + self.voice.len() * 4
            + self.kind.len()
            + self
                .theme_docs
                .iter()
                .map(|d| d.len() * 4 + 24)
                .sum::<usize>()
    }
}

/// Decodes one posting list.
pub(crate) struct Postings<'a> {
    bytes: &'a [u8],
    doc: u32,
}

impl Iterator for Postings<'_> {
    type Item = (u32, u8);

    fn next(&mut self) -> Option<(u32, u8)> {
        let mut delta = 0u32;
        let mut shift = 0;
        loop {
            let (&b, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            delta |= u32::from(b & 0x7f) << shift;
            if b < 0x80 {
                break;
            }
            shift += 7;
        }
        let (&m, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        self.doc += delta;
        Some((self.doc, m))
    }
}

fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// One word's postings while a segment is built.
#[derive(Default)]
struct List {
    bytes: Vec<u8>,
    last: u32,
}

/// A segment being built, with the theme ids and voices it numbered
/// itself (the index maps them to its own handles, see `search::index`).
#[derive(Default)]
pub(crate) struct Builder {
    words: Words,
    lists: Vec<List>,
    seg: Segment,
    /// Local theme handle of each theme id met, and the ids in order.
    theme_of: HashMap<Box<str>, u16>,
    pub theme_names: Vec<Box<str>>,
    voice_of: HashMap<Box<str>, u32>,
    pub voice_names: Vec<Box<str>>,
    norm: String,
    /// (word, posting byte) of the document being added: one per word.
    occ: Vec<(u32, u8)>,
    /// Per word, the document it was last seen in and its place in `occ`.
    seen: Vec<(u32, u32)>,
}

impl Builder {
    /// Adds node `idx` of `article` (map `map`) as the next document.
    pub(crate) fn push(&mut self, map: u32, article: &Article, idx: u32) {
        let doc = self.seg.docs.len() as u32;
        self.occ.clear();
        for (field, text) in fields_of(article, idx) {
            self.norm.clear();
            normalize_into(text, &mut self.norm);
            for (pos, w) in words(&self.norm).enumerate() {
                let id = match self.words.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = self.lists.len() as u32;
                        self.words.insert(w.into(), id);
                        self.lists.push(List::default());
                        self.seen.push((u32::MAX, 0));
                        id
                    }
                };
                // One posting per word and document: its best occurrence.
                let m = meta(field, pos);
                let seen = &mut self.seen[id as usize];
                if seen.0 == doc {
                    let kept = &mut self.occ[seen.1 as usize].1;
                    if meta_rank(m) > meta_rank(*kept) {
                        *kept = m;
                    }
                } else {
                    *seen = (doc, self.occ.len() as u32);
                    self.occ.push((id, m));
                }
            }
        }
        for &(w, m) in &self.occ {
            let list = &mut self.lists[w as usize];
            push_varint(&mut list.bytes, doc - list.last);
            list.bytes.push(m);
            list.last = doc;
        }
        let node = article.node(idx);
        for id in node.themes() {
            let next = self.theme_names.len() as u16;
            let t = match self.theme_of.get(id) {
                Some(&t) => t,
                None => {
                    self.theme_of.insert(id.into(), next);
                    next
                }
            };
            if t == next {
                self.theme_names.push(id.into());
                self.seg.theme_docs.push(Vec::new());
            }
            let docs = &mut self.seg.theme_docs[t as usize];
            if docs.last() != Some(&doc) {
                docs.push(doc);
            }
        }
        let voice = match node.voice() {
            None => NO_VOICE,
            Some(v) => {
                let next = self.voice_names.len() as u32;
                let h = *self.voice_of.entry(v.into()).or_insert(next);
                if h == next {
                    self.voice_names.push(v.into());
                }
                h
            }
        };
        self.seg.voice.push(voice);
        self.seg.kind.push(node.kind);
        self.seg.docs.push(NodeRef { map, node: idx });
        self.seg.maps = Some(
            self.seg
                .maps
                .map_or((map, map), |(lo, hi)| (lo.min(map), hi.max(map))),
        );
    }

    pub(crate) fn len(&self) -> usize {
        self.seg.docs.len()
    }

    /// The segment, its vocabulary sorted, with the local theme and voice
    /// handles still in it.
    pub(crate) fn finish(mut self) -> (Segment, Vec<Box<str>>, Vec<Box<str>>) {
        let mut order: Vec<(Box<str>, u32)> = self.words.drain().collect();
        order.sort_unstable();
        let mut seg = self.seg;
        let total: usize = self.lists.iter().map(|l| l.bytes.len()).sum();
        seg.post = Vec::with_capacity(total);
        seg.vocab = String::with_capacity(order.iter().map(|(w, _)| w.len() + 1).sum());
        for (w, id) in &order {
            seg.word_at.push(seg.vocab.len() as u32);
            seg.vocab.push_str(w);
            seg.vocab.push('\n');
            seg.post_at.push(seg.post.len() as u32);
            seg.post
                .extend_from_slice(&std::mem::take(&mut self.lists[*id as usize].bytes));
        }
        seg.word_at.push(seg.vocab.len() as u32);
        seg.post_at.push(seg.post.len() as u32);
        (seg, self.theme_names, self.voice_names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Protects the posting format: every node a word is in comes back, in
    // order, with the field and place of its best occurrence.
    #[test]
    fn postings_round_trip() {
        let mut b = Builder::default();
        let mut article = Article {
            meta: crate::model::ArticleMeta::default(),
            nodes: Vec::new(),
            root: 0,
        };
        for (i, (en, ar)) in [
            ("forces leave Iraq", "القوات"),
            ("nothing here", ""),
            ("Iraq iraq IRAQ", "العراق"),
        ]
        .into_iter()
        .enumerate()
        {
            article
                .nodes
                .push(crate::model::Node::from(crate::model::NodeFields {
                    claim_en: en.into(),
                    claim_ar: ar.into(),
                    parent: (i > 0).then_some(0),
                    ..Default::default()
                }));
        }
        for _ in 0..200 {
            for i in 0..3 {
                b.push(0, &article, i);
            }
        }
        let (seg, _, _) = b.finish();
        let w = (0..seg.words() as u32)
            .find(|&w| seg.word(w) == "iraq")
            .unwrap_or_else(|| panic!("no iraq in {:?}", seg.vocab));
        let got: Vec<(u32, u8)> = seg.postings(w).collect();
        assert_eq!(got.len(), 400);
        assert_eq!(got[0], (0, meta(Field::ClaimEn, 2)));
        assert_eq!(got[1], (2, meta(Field::ClaimEn, 0)));
        assert_eq!(got[399].0, 599);
        assert_eq!(seg.word_of(seg.vocab.find("iraq").unwrap_or(0)).0, w);
    }
}
