//! Matching one prepared query against index records, term by term.
//!
//! A term matches a word of a field in one of three ways, best first:
//! - **exact**: the term is a substring of the normalised text, best at a
//!   word start and as a whole word;
//! - **stem**: the word is the term's light stem plus clitics or endings
//!   (`text::stem`): «القصف» finds «للقصف», "troops" finds "troop";
//! - **fuzzy**: the term is a subsequence of one word that starts with the
//!   term's first two letters (three after ال), with few letters skipped:
//!   "withdrwl" finds "withdrawal". Fuzzy matching stays inside a word on
//!   purpose: a subsequence across a long quote matches nearly every node and
//!   ranks nothing (DESIGN.md, Performance).
//!
//! A term that matches nothing lowers a node's rank instead of excluding it:
//! a node's score is, in this order, whether every term matched, how much of
//! the query matched with each term weighted by its rarity (BM25's idf, from
//! how many nodes the term matches), then how well and how close together
//! the terms matched ([`compose`]). Filters stay strict.
//!
//! Each term is evaluated on its own ([`Prepared::term_in_segment`]):
//! matched against a segment's vocabulary, then its words' postings give
//! every node it matches with a cheap score (the kind of match, the field,
//! how early), so a keystroke re-evaluates only the word being typed (see
//! `rank` and `worker`). Only the best few nodes by cheap score are read
//! back from the corpus and matched in their text ([`Prepared::found`]) for
//! the final score and the highlights.

use fuzzy_matcher::skim::SkimMatcherV2;

use super::index::{Field, Index, NO_VOICE};
use super::query::Query;
use super::segment::{fields_of, unmeta};
pub use super::term::MatchKind;
pub(crate) use super::term::{Term, probe, vocab_matches, word_window};
use crate::model::{Corpus, NodeRef};
use crate::text::normalize::{Normalized, normalize_mapped};

/// A term's match in one field, in normalised bytes of that field.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    /// Quality of the match, its field's weight, a little for being early.
    pub cheap: i64,
    /// How much of the term this match counts for, in thousandths.
    pub credit: i64,
    pub kind: MatchKind,
    pub field: Field,
    /// Index of the field in [`NodeText::fields`], or `None` for a theme label.
    pub span: Option<u32>,
    pub pos: u32,
    pub len: u32,
}

/// A node's searchable fields read back from the corpus and normalised
/// (with where each normalised character came from), and its theme handles.
pub(crate) struct NodeText<'c> {
    pub fields: Vec<(Field, &'c str, Normalized)>,
    pub themes: Vec<u16>,
}

impl<'c> NodeText<'c> {
    /// `None` when the corpus no longer has the node.
    pub fn read(index: &Index, corpus: &'c Corpus, node: NodeRef) -> Option<NodeText<'c>> {
        let article = corpus.article(node.map)?;
        // The arena's size: `len()` walks the tree.
        if node.node as usize >= article.nodes.len() {
            return None;
        }
        let fields = fields_of(article, node.node)
            .into_iter()
            .map(|(f, text)| (f, text, normalize_mapped(text)))
            .collect();
        let themes = article
            .node(node.node)
            .themes()
            .filter_map(|t| index.theme_of.get(t).copied())
            .collect();
        Some(NodeText { fields, themes })
    }
}

/// A query made ready for one index: terms with their searchers and
/// weights, filters resolved to per-article and per-document flags, theme
/// labels matched once.
pub(crate) struct Prepared<'a> {
    pub index: &'a Index,
    pub terms: Vec<Term>,
    /// How many words the query has (lone letters included).
    pub typed: usize,
    /// Each term's share of the query by rarity (sums to 1); equal shares
    /// until [`Prepared::set_rarity`].
    weight: Vec<f64>,
    /// `theme_hits[term][theme]`: the term's best match in that theme's labels.
    theme_hits: Vec<Vec<Option<Found>>>,
    article_ok: Vec<bool>,
    /// `None` when there is no theme filter; else per segment a bit per
    /// document in one of the themes asked for.
    theme_ok: Option<Vec<Vec<u64>>>,
    /// `None` when there is no voice filter; else whether the author's own
    /// claims pass and, per distinct voice of the index, whether it does.
    voice_ok: Option<(bool, Vec<bool>)>,
    /// Claim kinds that pass; empty when there is no kind filter.
    kinds: Vec<crate::model::ClaimKind>,
    /// A query with a filter that cannot match (e.g. an unknown stance).
    nothing: bool,
    pub skim: SkimMatcherV2,
}

/// One term's result on one document, as a scan keeps it for every
/// document it matches: 12 bytes, since a million of them may be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TermHit {
    pub id: u32,
    /// The match's cheap score (`cheap`).
    pub cheap: i16,
    /// Thousandths of the term matched (at least 1).
    pub credit: u16,
    /// Where the match is in the node (field, then word), for proximity.
    pub pos: u16,
}

/// A term's match on a document packed so that a larger number is a better
/// match (credit, then cheap score), with its position in the low bits.
fn pack(credit: i64, cheap: i64, pos: u32) -> u64 {
    ((credit.clamp(1, 1000) as u64) << 48)
        | ((cheap.clamp(0, i16::MAX as i64) as u64) << 16)
        | u64::from(pos.min(u16::MAX as u32))
}

fn unpack(id: u32, v: u64) -> TermHit {
    TermHit {
        id,
        cheap: ((v >> 16) & 0x7fff) as i16,
        credit: (v >> 48) as u16,
        pos: v as u16,
    }
}

impl<'a> Prepared<'a> {
    pub fn new(index: &'a Index, query: &Query) -> Prepared<'a> {
        // A lone letter next to real words is a word being started: it would
        // match nearly every node and say nothing, so it waits for its
        // second letter (and counts as not matched).
        let longer = query.terms.iter().any(|t| t.chars().nth(1).is_some());
        let terms: Vec<Term> = query
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| !longer || t.chars().nth(1).is_some())
            .filter_map(|(i, t)| Term::new(t, i))
            .collect();
        let theme_hits = terms
            .iter()
            .map(|term| {
                (0..index.themes.len())
                    .map(|t| theme_match(index, t as u16, term))
                    .collect()
            })
            .collect();
        let article_ok = index
            .articles
            .iter()
            .map(|a| {
                (query.stances.is_empty() || a.stance.is_some_and(|s| query.stances.contains(&s)))
                    && (query.articles.is_empty() || query.articles.contains(&a.id_norm))
            })
            .collect();
        let theme_ok = (!query.themes.is_empty()).then(|| {
            let wanted: Vec<usize> = index
                .themes
                .iter()
                .enumerate()
                .filter(|(_, t)| query.themes.contains(&t.id_norm))
                .map(|(i, _)| i)
                .collect();
            index
                .segs
                .iter()
                .map(|seg| {
                    let mut bits = vec![0u64; seg.len().div_ceil(64)];
                    for &t in &wanted {
                        for &d in seg.theme_docs.get(t).map_or(&[][..], Vec::as_slice) {
                            bits[d as usize / 64] |= 1 << (d % 64);
                        }
                    }
                    bits
                })
                .collect()
        });
        let voice_ok = (!query.voices.is_empty()).then(|| {
            let passes = |v: Option<&str>| query.voices.iter().any(|f| f.accepts(v));
            (
                passes(None),
                index.voices.iter().map(|v| passes(Some(v))).collect(),
            )
        });
        Prepared {
            index,
            typed: query.terms.len(),
            weight: vec![1.0 / terms.len().max(1) as f64; terms.len()],
            terms,
            theme_hits,
            article_ok,
            theme_ok,
            voice_ok,
            kinds: query.kinds.clone(),
            nothing: !query.warnings.is_empty(),
            skim: SkimMatcherV2::default().respect_case(),
        }
    }

    /// Weighs the terms by rarity from how many live documents each matches
    /// (`df`): BM25's idf, normalised to sum to 1.
    pub fn set_rarity(&mut self, df: &[usize]) {
        let n = self.index.len() as f64;
        let idf: Vec<f64> = df
            .iter()
            .map(|&d| {
                let d = d as f64;
                (1.0 + (n - d + 0.5) / (d + 0.5)).ln()
            })
            .collect();
        let sum: f64 = idf.iter().sum();
        self.weight = if sum <= f64::EPSILON {
            vec![1.0 / idf.len().max(1) as f64; idf.len()]
        } else {
            idf.iter().map(|w| w / sum).collect()
        };
    }

    /// Whether the live document `id` passes the query's filters.
    pub fn passes(&self, id: u32) -> bool {
        let Some((k, local)) = self.index.locate(id) else {
            return false;
        };
        let seg = &self.index.segs[k];
        let i = local as usize;
        !self.nothing
            && self
                .article_ok
                .get(seg.docs[i].map as usize)
                .copied()
                .unwrap_or(false)
            && self
                .theme_ok
                .as_ref()
                .is_none_or(|bits| bits[k][i / 64] & (1 << (i % 64)) != 0)
            && self
                .voice_ok
                .as_ref()
                .is_none_or(|(own, ok)| match seg.voice[i] {
                    NO_VOICE => *own,
                    v => ok.get(v as usize).copied().unwrap_or(false),
                })
            && (self.kinds.is_empty() || seg.kind[i].is_some_and(|k| self.kinds.contains(&k)))
    }

    /// Whether the query has filters (else every live document passes).
    pub fn filtered(&self) -> bool {
        self.nothing
            || self.theme_ok.is_some()
            || self.voice_ok.is_some()
            || !self.kinds.is_empty()
            || self.article_ok.iter().any(|ok| !ok)
    }

    /// Term `term_ix` on segment `k`: every live document it matches, with
    /// its best match there, in id order.
    pub fn term_in_segment(&self, term_ix: usize, k: usize) -> Vec<TermHit> {
        let (start, seg, dead) = self.index.segment(k);
        let mut best = vec![0u64; seg.len()];
        let term = &self.terms[term_ix];
        match &term.pieces {
            None => words_into(seg, term, &mut best),
            // Every piece must be there; the weakest says how well.
            Some(pieces) if !pieces.is_empty() => {
                words_into(seg, &pieces[0], &mut best);
                for piece in &pieces[1..] {
                    let mut other = vec![0u64; seg.len()];
                    words_into(seg, piece, &mut other);
                    for (b, o) in best.iter_mut().zip(other) {
                        *b = if o == 0 { 0 } else { (*b).min(o) };
                    }
                }
            }
            Some(_) => {}
        }
        for (t, hit) in self.theme_hits[term_ix].iter().enumerate() {
            let (Some(f), Some(docs)) = (hit, seg.theme_docs.get(t)) else {
                continue;
            };
            let v = pack(f.credit, f.cheap, 0);
            for &d in docs {
                let b = &mut best[d as usize];
                *b = (*b).max(v);
            }
        }
        let mut out = Vec::new();
        for (i, &v) in best.iter().enumerate() {
            if v != 0 && dead[i / 64] & (1 << (i % 64)) == 0 {
                out.push(unpack(start + i as u32, v));
            }
        }
        out
    }

    /// A document's cheap score from its terms' hits (`None` for a term it
    /// lacks), or `None` when it matches no term.
    pub fn cheap_score(&self, hits: &[Option<TermHit>]) -> Option<i64> {
        let mut matched = 0;
        let mut coverage = 0.0;
        let mut quality = 0;
        let mut at: [u16; 8] = [0; 8];
        for (i, h) in hits.iter().enumerate() {
            let Some(h) = h else {
                continue;
            };
            if matched < at.len() {
                at[matched] = h.pos;
            }
            matched += 1;
            coverage += f64::from(h.credit) * self.weight[i];
            quality += i64::from(h.cheap);
        }
        if matched == 0 {
            return None;
        }
        let at = &mut at[..matched.min(8)];
        at.sort_unstable();
        let near = proximity(at.windows(2).map(|w| usize::from(w[1] - w[0])));
        Some(compose(
            matched == self.typed,
            coverage as i64,
            quality + near,
        ))
    }

    /// Each matching term's best match in the node's text, over every field
    /// and its themes' labels.
    pub fn found(&self, text: &NodeText) -> Vec<(usize, Found)> {
        self.terms
            .iter()
            .enumerate()
            .filter_map(|(i, t)| Some((i, self.best(text, i, t)?)))
            .collect()
    }

    fn best(&self, text: &NodeText, term_ix: usize, term: &Term) -> Option<Found> {
        let mut best: Option<Found> = None;
        let better = |f: &Found, b: &Option<Found>| {
            b.is_none_or(|b| (f.credit, f.cheap) > (b.credit, b.cheap))
        };
        for (k, (field, _, norm)) in text.fields.iter().enumerate() {
            if let (Some(m), _) = probe(&norm.text, term) {
                let f = Found {
                    cheap: cheap(m.quality, *field, m.pos),
                    credit: m.credit,
                    kind: m.kind,
                    field: *field,
                    span: Some(k as u32),
                    pos: m.pos as u32,
                    len: m.len as u32,
                };
                if better(&f, &best) {
                    best = Some(f);
                }
            }
        }
        for &t in &text.themes {
            if let Some(Some(f)) = self.theme_hits[term_ix].get(t as usize)
                && better(f, &best)
            {
                best = Some(*f);
            }
        }
        best
    }

    /// The final score of a node from its terms' best matches and their
    /// quality after skim scoring (`quality`).
    pub fn final_score(&self, found: &[(usize, Found)], quality: i64) -> i64 {
        let coverage: f64 = found
            .iter()
            .map(|(i, f)| f.credit as f64 * self.weight[*i])
            .sum();
        compose(
            !self.terms.is_empty() && found.len() == self.typed,
            coverage as i64,
            quality,
        )
    }
}

/// Adds the postings of the words a one-word term matches in `seg` to
/// `best` (by local document, the best packed match).
fn words_into(seg: &super::segment::Segment, term: &Term, best: &mut [u64]) {
    // A word's packed match depends only on the posting byte: 256 of them.
    let mut table = [0u64; 256];
    for (w, m) in vocab_matches(seg, term) {
        for (meta, v) in table.iter_mut().enumerate() {
            let (field, place) = unmeta(meta as u8);
            let cheap = m.quality + field.weight() - i64::from(place / 2).min(10);
            let pos = u32::from(field.ordinal()) * 1024 + u32::from(place) * 8;
            *v = pack(m.credit, cheap, pos);
        }
        for (doc, meta) in seg.postings(w) {
            let b = &mut best[doc as usize];
            *b = (*b).max(table[meta as usize]);
        }
    }
}

/// The score order: every term matched, then the rarity-weighted share of
/// the query matched (0–1000), then match quality (clamped so it never
/// outweighs a share).
fn compose(all: bool, coverage: i64, quality: i64) -> i64 {
    i64::from(all) * 1_000_000_000 + coverage.clamp(0, 1000) * 100_000 + quality.clamp(0, 99_999)
}

/// A bonus for matched terms close together, from the gaps between them
/// (in bytes; an Arabic letter is two).
pub(crate) fn proximity(gaps: impl Iterator<Item = usize>) -> i64 {
    gaps.map(|g| (40 - g as i64 / 4).max(0)).sum()
}

/// The scan's score of one match: its kind, its field, a little for being
/// early in the field.
fn cheap(quality: i64, field: Field, pos: usize) -> i64 {
    quality + field.weight() - (pos as i64 / 16).min(10)
}

fn theme_match(index: &Index, theme: u16, term: &Term) -> Option<Found> {
    let labels = index.themes[theme as usize].labels.as_ref()?;
    let fields = [Field::ThemeEn(theme), Field::ThemeAr(theme)];
    labels
        .iter()
        .zip(fields)
        .filter_map(|((_, norm), field)| {
            let m = probe(norm, term).0?;
            Some(Found {
                cheap: m.quality + field.weight(),
                credit: m.credit,
                kind: m.kind,
                field,
                span: None,
                pos: m.pos as u32,
                len: m.len as u32,
            })
        })
        .max_by_key(|f| (f.credit, f.cheap))
}
