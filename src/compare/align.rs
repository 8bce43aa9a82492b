//! Two articles aligned by theme: one [`Row`] per theme either article
//! touches, each with both sides' nodes, tallies and the [`Verdict`], plus
//! the cross-article links between the two and the rows they join. The
//! rules are in the module doc of [`crate::compare`].

use std::collections::HashMap;

use thiserror::Error;

use super::{Tally, Verdict, VerdictCounts, Voices};
use crate::model::{Article, Bearing, Corpus, LinkKind, NodeIdx, bearing};

/// Which of the two compared articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    A,
    B,
}

/// One node on a row, with its bearing on the motion (`None`: unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub node: NodeIdx,
    pub bearing: Option<Bearing>,
    /// The node reports what someone other than the author says.
    pub reported: bool,
}

/// One article's nodes on a theme, in reading (pre-)order, and their tally.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Column {
    /// Every node on the theme, reported ones included.
    pub entries: Vec<Entry>,
    /// The nodes that count (see [`Voices`]): what the lean and verdict use.
    pub tally: Tally,
    /// The reported nodes, whether or not they count, to show apart.
    pub reported: Tally,
}

impl Column {
    fn push(&mut self, node: NodeIdx, bearing: Option<Bearing>, reported: bool, voices: Voices) {
        self.entries.push(Entry {
            node,
            bearing,
            reported,
        });
        if voices.counts(reported) {
            self.tally.add(bearing);
        }
        if reported {
            self.reported.add(bearing);
        }
    }

    pub fn contains(&self, node: NodeIdx) -> bool {
        self.entries.iter().any(|e| e.node == node)
    }
}

/// One theme, both sides, and how they stand to each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub theme: Box<str>,
    /// Position of the theme in the motion's vocabulary; `None` for a theme
    /// the vocabulary lacks (a validation error, still shown).
    pub vocab: Option<u32>,
    pub a: Column,
    pub b: Column,
    pub verdict: Verdict,
    /// Indices into [`Comparison::links`] of the links drawn on this row.
    pub links: Vec<u32>,
}

impl Row {
    pub fn side(&self, side: Side) -> &Column {
        match side {
            Side::A => &self.a,
            Side::B => &self.b,
        }
    }
}

/// A link between a node of A and a node of B, whichever way it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairLink {
    /// The article whose node states the link.
    pub from: Side,
    pub a_node: NodeIdx,
    pub b_node: NodeIdx,
    pub kind: LinkKind,
    /// Rows where both ends are listed (the themes the two nodes share).
    pub rows: Vec<u32>,
    /// Rows of each end, for a link whose ends share no theme.
    pub a_rows: Vec<u32>,
    pub b_rows: Vec<u32>,
}

impl PairLink {
    /// The link's (side, node) ends in the direction it points: from the
    /// node that states it to its target.
    pub fn ends(&self) -> ((Side, NodeIdx), (Side, NodeIdx)) {
        match self.from {
            Side::A => ((Side::A, self.a_node), (Side::B, self.b_node)),
            Side::B => ((Side::B, self.b_node), (Side::A, self.a_node)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CompareError {
    #[error("map {0} has no article (it did not parse)")]
    NoArticle(u32),
}

/// Articles A and B (map indices into the corpus) aligned by theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub a: u32,
    pub b: u32,
    /// Vocabulary order first, then themes outside it by id.
    pub rows: Vec<Row>,
    pub links: Vec<PairLink>,
    /// Whose claims the tallies and verdicts count.
    pub voices: Voices,
}

impl Comparison {
    /// The comparison of the authors' own claims ([`Voices::Own`]).
    pub fn build(corpus: &Corpus, a: u32, b: u32) -> Result<Comparison, CompareError> {
        Comparison::build_with(corpus, a, b, Voices::Own)
    }

    /// The comparison counting the claims `voices` says.
    pub fn build_with(
        corpus: &Corpus,
        a: u32,
        b: u32,
        voices: Voices,
    ) -> Result<Comparison, CompareError> {
        let art_a = corpus.article(a).ok_or(CompareError::NoArticle(a))?;
        let art_b = corpus.article(b).ok_or(CompareError::NoArticle(b))?;
        let vocab: HashMap<&str, u32> = corpus
            .motion
            .iter()
            .flat_map(|m| m.themes.iter())
            .enumerate()
            .map(|(i, t)| (&*t.id, i as u32))
            .collect();

        let mut slot_of: HashMap<&str, usize> = HashMap::new();
        let mut rows: Vec<Row> = Vec::new();
        for (side, art) in [(Side::A, art_a), (Side::B, art_b)] {
            let bearings = bearing::derive(art);
            for idx in art.preorder() {
                let node = art.node(idx);
                for (i, theme) in node.themes().enumerate() {
                    // A theme listed twice on one node is one node on the row.
                    if node.themes().take(i).any(|t| t == theme) {
                        continue;
                    }
                    let slot = *slot_of.entry(theme).or_insert_with(|| {
                        rows.push(Row {
                            theme: theme.into(),
                            vocab: vocab.get(theme).copied(),
                            a: Column::default(),
                            b: Column::default(),
                            verdict: Verdict::Agree,
                            links: Vec::new(),
                        });
                        rows.len() - 1
                    });
                    let row = &mut rows[slot];
                    let col = if side == Side::A {
                        &mut row.a
                    } else {
                        &mut row.b
                    };
                    col.push(idx, bearings.of(idx), node.is_reported(), voices);
                }
            }
        }
        rows.sort_by(|x, y| {
            (x.vocab.is_none(), x.vocab, &x.theme).cmp(&(y.vocab.is_none(), y.vocab, &y.theme))
        });
        for row in &mut rows {
            row.verdict = Verdict::of(&row.a.tally, &row.b.tally);
        }

        let mut cmp = Comparison {
            a,
            b,
            rows,
            links: Vec::new(),
            voices,
        };
        // An article does not link to itself (validation says so), and any
        // such link would not be "between two articles".
        if a != b {
            cmp.links = pair_links(art_a, art_b, &cmp.rows);
            for (i, link) in cmp.links.iter().enumerate() {
                for &r in &link.rows {
                    cmp.rows[r as usize].links.push(i as u32);
                }
            }
        }
        Ok(cmp)
    }

    /// How many rows got each verdict.
    pub fn counts(&self) -> VerdictCounts {
        let mut c = VerdictCounts::default();
        for r in &self.rows {
            c.add(r.verdict);
        }
        c
    }

    /// The rows that are clashes (the "clashes only" filter).
    pub fn clashes(&self) -> impl Iterator<Item = (usize, &Row)> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.verdict == Verdict::Clash)
    }
}

/// Links from A into B and from B into A, A's first, each in pre-order.
fn pair_links(art_a: &Article, art_b: &Article, rows: &[Row]) -> Vec<PairLink> {
    let row_of: HashMap<&str, u32> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (&*r.theme, i as u32))
        .collect();
    let rows_of = |art: &Article, idx: NodeIdx| -> Vec<u32> {
        let mut v: Vec<u32> = art
            .node(idx)
            .themes()
            .filter_map(|t| row_of.get(t).copied())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut out = Vec::new();
    for (from, src, dst) in [(Side::A, art_a, art_b), (Side::B, art_b, art_a)] {
        // Built only when a link points into the other article, so that a
        // pair with no links costs no id index.
        let mut ids: Option<HashMap<&str, NodeIdx>> = None;
        for idx in src.preorder() {
            for link in src.node(idx).links() {
                let Some((aid, nid)) = link.target() else {
                    continue;
                };
                if aid != dst.id() {
                    continue;
                }
                let ids = ids.get_or_insert_with(|| {
                    // The first node with an id wins, as in `Article::find`.
                    let mut m = HashMap::new();
                    for i in dst.preorder() {
                        m.entry(dst.node(i).id()).or_insert(i);
                    }
                    m
                });
                let Some(&target) = ids.get(nid) else {
                    continue;
                };
                let (a_node, b_node) = match from {
                    Side::A => (idx, target),
                    Side::B => (target, idx),
                };
                let a_rows = rows_of(art_a, a_node);
                let b_rows = rows_of(art_b, b_node);
                let rows = a_rows
                    .iter()
                    .copied()
                    .filter(|r| b_rows.contains(r))
                    .collect();
                out.push(PairLink {
                    from,
                    a_node,
                    b_node,
                    kind: link.kind,
                    rows,
                    a_rows,
                    b_rows,
                });
            }
        }
    }
    out
}
