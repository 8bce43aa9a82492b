//! All articles at once: where each sits on the stance spectrum, and the
//! articles × themes matrix whose cells say whether an article argues for,
//! against or both on a theme, with counts and the nodes behind them.

use rayon::prelude::*;

use super::{Tally, Voices};
use crate::model::{Article, Bearing, Corpus, NodeIdx, Stance};

/// One article × theme cell: the tally and the nodes (in pre-order).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    /// The nodes that count (see [`Voices`]); the cell's mark.
    pub tally: Tally,
    /// The reported nodes, counted or not, to show apart.
    pub reported: Tally,
    /// Every node on the theme, reported ones included.
    pub nodes: Vec<NodeIdx>,
}

/// One article's row of the matrix and its place on the spectrum.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRow {
    pub map: u32,
    pub stance: Option<Stance>,
    /// The bearings of the reachable nodes that count (see [`Voices`]).
    pub tally: Tally,
    /// The bearings of the reachable reported nodes, counted or not.
    pub reported: Tally,
    /// Place on the spectrum, -1 (anti) … 0 (mixed/neutral) … +1 (pro).
    /// The stance picks the band (anti [-1, -⅓], mixed, neutral or unknown
    /// [-⅓, ⅓], pro [⅓, 1]); the balance of the article's own for and
    /// against nodes places it within the band. The stance is the curator's
    /// judgement and comes first: a pro article that states many objections
    /// is still pro.
    pub position: f32,
    /// One cell per [`Overview::themes`] column.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overview {
    /// The matrix's columns: the motion's vocabulary in order, then themes
    /// used by some node but missing from it (a validation error), by id.
    pub themes: Vec<Box<str>>,
    /// One row per parsed article, in map order.
    pub articles: Vec<ArticleRow>,
    /// Indices into `articles`, from anti to pro.
    pub spectrum: Vec<u32>,
    /// Whose claims the tallies count.
    pub voices: Voices,
}

impl Overview {
    /// Articles are tallied in parallel (the work is independent per
    /// article, and a million nodes is beyond the 200 ms budget on one core).
    pub fn build(corpus: &Corpus) -> Overview {
        Overview::build_with(corpus, Voices::Own)
    }

    /// The overview counting the claims `voices` says.
    pub fn build_with(corpus: &Corpus, voices: Voices) -> Overview {
        let ids: Vec<&str> = corpus
            .motion
            .iter()
            .flat_map(|m| m.themes.iter().map(|t| &*t.id))
            .collect();
        let vocab = Vocab::new(&ids);
        let arts: Vec<(u32, &Article)> = corpus.articles().collect();
        let tallied: Vec<(ArticleRow, Extra)> = arts
            .par_iter()
            .map(|&(map, art)| article_row(map, art, &vocab, voices))
            .collect();

        // Themes outside the vocabulary become columns after it, by id.
        let mut extra: Vec<Box<str>> = tallied
            .iter()
            .flat_map(|(_, ex)| ex.iter().map(|(t, _)| t.clone()))
            .collect();
        extra.sort_unstable();
        extra.dedup();
        let themes: Vec<Box<str>> = ids
            .iter()
            .map(|&t| t.into())
            .chain(extra.iter().cloned())
            .collect();
        let articles: Vec<ArticleRow> = tallied
            .into_iter()
            .map(|(mut row, ex)| {
                row.cells.resize_with(themes.len(), Cell::default);
                for (theme, cell) in ex {
                    if let Ok(i) = extra.binary_search(&theme) {
                        row.cells[ids.len() + i] = cell;
                    }
                }
                row
            })
            .collect();

        let mut ov = Overview {
            themes,
            articles,
            spectrum: Vec::new(),
            voices,
        };
        ov.sort_spectrum();
        ov
    }

    /// Recomputes one article's row after it was edited — a millisecond for
    /// 5,000 nodes, where a full build of a large corpus takes hundreds — so
    /// a view can build the overview once after loading and keep it current.
    /// Falls back to a full build when the article is new, no longer parses,
    /// or uses a theme that has no column yet. (A theme column no article
    /// uses any more stays, empty, until the next full build; so does a
    /// changed motion, which needs a full build.)
    pub fn refresh(&mut self, corpus: &Corpus, map: u32) {
        let row = self.articles.iter().position(|r| r.map == map);
        let (Some(row), Some(art)) = (row, corpus.article(map)) else {
            *self = Overview::build_with(corpus, self.voices);
            return;
        };
        let columns: Vec<&str> = self.themes.iter().map(|t| &**t).collect();
        let (fresh, extra) = article_row(map, art, &Vocab::new(&columns), self.voices);
        if !extra.is_empty() {
            *self = Overview::build_with(corpus, self.voices);
            return;
        }
        self.articles[row] = fresh;
        self.sort_spectrum();
    }

    fn sort_spectrum(&mut self) {
        let articles = &self.articles;
        self.spectrum = (0..articles.len() as u32).collect();
        self.spectrum.sort_by(|&x, &y| {
            let (px, py) = (articles[x as usize].position, articles[y as usize].position);
            px.total_cmp(&py).then(x.cmp(&y))
        });
    }

    /// The column of a theme id.
    pub fn column(&self, theme: &str) -> Option<usize> {
        self.themes.iter().position(|t| &**t == theme)
    }
}

/// An article's cells of themes outside the vocabulary, by theme id.
type Extra = Vec<(Box<str>, Cell)>;

/// The vocabulary's ids bucketed by length: finding a node's theme is then
/// (nearly always) one string comparison. On a million nodes a linear scan
/// of `==` cost about as much as the rest of the overview together, and
/// SipHash is no cheaper for strings this short.
struct Vocab<'a> {
    by_len: Vec<Vec<(&'a str, u32)>>,
    len: usize,
}

impl<'a> Vocab<'a> {
    /// Ids longer than this share the last bucket.
    const MAX_LEN: usize = 48;

    fn new(ids: &[&'a str]) -> Vocab<'a> {
        let mut by_len = vec![Vec::new(); Self::MAX_LEN + 1];
        for (i, id) in ids.iter().enumerate() {
            by_len[id.len().min(Self::MAX_LEN)].push((*id, i as u32));
        }
        Vocab {
            by_len,
            len: ids.len(),
        }
    }

    fn find(&self, theme: &str) -> Option<usize> {
        self.by_len[theme.len().min(Self::MAX_LEN)]
            .iter()
            .find(|(id, _)| *id == theme)
            .map(|&(_, i)| i as usize)
    }
}

/// One article's row over the vocabulary's columns, and the cells of themes
/// outside it.
fn article_row(map: u32, art: &Article, vocab: &Vocab, voices: Voices) -> (ArticleRow, Extra) {
    let mut cells: Vec<Cell> = vec![Cell::default(); vocab.len];
    let mut extra: Vec<(Box<str>, Cell)> = Vec::new();
    let mut tally = Tally::default();
    let mut reported_tally = Tally::default();
    // The bearings are worked out in this same walk instead of calling
    // `bearing::derive` first: a second walk of a million nodes costs about
    // as much as everything else here. `same_bearings_as_derive` pins it.
    let mut effective: Vec<Option<Bearing>> = vec![None; art.nodes.len()];
    for idx in art.preorder() {
        let node = art.node(idx);
        let derived = match node.parent() {
            None => art.meta.stance.map(|s| s.thesis_bearing()),
            Some(p) => match (effective[p as usize], node.relation) {
                (Some(pb), Some(rel)) => pb.through(rel),
                _ => None,
            },
        };
        let b = node.bearing.or(derived);
        effective[idx as usize] = b;
        let reported = node.is_reported();
        let counts = voices.counts(reported);
        if counts {
            tally.add(b);
        }
        if reported {
            reported_tally.add(b);
        }
        for theme in node.themes() {
            let cell = match vocab.find(theme) {
                Some(c) => &mut cells[c],
                None => match extra.iter().position(|(t, _)| &**t == theme) {
                    Some(e) => &mut extra[e].1,
                    None => {
                        extra.push((theme.into(), Cell::default()));
                        let last = extra.len() - 1;
                        &mut extra[last].1
                    }
                },
            };
            // A theme listed twice on a node: its cell already ends with it.
            if cell.nodes.last() == Some(&idx) {
                continue;
            }
            if counts {
                cell.tally.add(b);
            }
            if reported {
                cell.reported.add(b);
            }
            cell.nodes.push(idx);
        }
    }
    let row = ArticleRow {
        map,
        stance: art.meta.stance,
        tally,
        reported: reported_tally,
        position: position(art.meta.stance, &tally),
        cells,
    };
    (row, extra)
}

/// See [`ArticleRow::position`].
fn position(stance: Option<Stance>, tally: &Tally) -> f32 {
    let centre = match stance {
        Some(Stance::Anti) => -2.0 / 3.0,
        Some(Stance::Pro) => 2.0 / 3.0,
        Some(Stance::Mixed | Stance::Neutral) | None => 0.0,
    };
    let leaning = tally.for_ + tally.against;
    let balance = if leaning == 0 {
        0.0
    } else {
        (tally.for_ as f32 - tally.against as f32) / leaning as f32
    };
    centre + balance / 3.0
}
