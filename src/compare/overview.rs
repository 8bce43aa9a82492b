//! All articles at once: where each sits on the stance spectrum, and the
//! articles × themes matrix whose cells say whether an article argues for,
//! against or both on a theme, with counts and the nodes behind them.

use std::collections::HashMap;

use super::Tally;
use crate::model::{Article, Corpus, NodeIdx, Stance, bearing};

/// One article × theme cell: the tally and the nodes (in pre-order).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    pub tally: Tally,
    pub nodes: Vec<NodeIdx>,
}

/// One article's row of the matrix and its place on the spectrum.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRow {
    pub map: u32,
    pub stance: Option<Stance>,
    /// Every reachable node's bearing, counted.
    pub tally: Tally,
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
}

impl Overview {
    pub fn build(corpus: &Corpus) -> Overview {
        let mut themes: Vec<Box<str>> = corpus
            .motion
            .iter()
            .flat_map(|m| m.themes.iter().map(|t| t.id.clone()))
            .collect();
        let mut column: HashMap<Box<str>, u32> = themes
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        let vocab_len = themes.len();

        let mut articles: Vec<ArticleRow> = corpus
            .articles()
            .map(|(map, art)| article_row(map, art, &mut themes, &mut column))
            .collect();

        // Themes outside the vocabulary were appended in order of first use;
        // sort them by id and move every row's cells to match.
        if themes.len() > vocab_len {
            let mut extra: Vec<u32> = (vocab_len as u32..themes.len() as u32).collect();
            extra.sort_by(|&x, &y| themes[x as usize].cmp(&themes[y as usize]));
            let order: Vec<u32> = (0..vocab_len as u32).chain(extra).collect();
            themes = order.iter().map(|&i| themes[i as usize].clone()).collect();
            for row in &mut articles {
                row.cells.resize_with(order.len(), Cell::default);
                let mut old = std::mem::take(&mut row.cells);
                row.cells = order
                    .iter()
                    .map(|&i| std::mem::take(&mut old[i as usize]))
                    .collect();
            }
        } else {
            for row in &mut articles {
                row.cells.resize_with(themes.len(), Cell::default);
            }
        }

        let mut spectrum: Vec<u32> = (0..articles.len() as u32).collect();
        spectrum.sort_by(|&x, &y| {
            let (px, py) = (articles[x as usize].position, articles[y as usize].position);
            px.total_cmp(&py).then(x.cmp(&y))
        });
        Overview {
            themes,
            articles,
            spectrum,
        }
    }

    /// The column of a theme id.
    pub fn column(&self, theme: &str) -> Option<usize> {
        self.themes.iter().position(|t| &**t == theme)
    }
}

fn article_row(
    map: u32,
    art: &Article,
    themes: &mut Vec<Box<str>>,
    column: &mut HashMap<Box<str>, u32>,
) -> ArticleRow {
    let bearings = bearing::derive(art);
    let mut cells: Vec<Cell> = vec![Cell::default(); themes.len()];
    let mut tally = Tally::default();
    for idx in art.preorder() {
        let b = bearings.of(idx);
        tally.add(b);
        let node = art.node(idx);
        for (i, theme) in node.themes.iter().enumerate() {
            if node.themes[..i].contains(theme) {
                continue;
            }
            let col = match column.get(theme) {
                Some(&c) => c as usize,
                None => {
                    themes.push(theme.clone());
                    column.insert(theme.clone(), (themes.len() - 1) as u32);
                    themes.len() - 1
                }
            };
            if col >= cells.len() {
                cells.resize_with(col + 1, Cell::default);
            }
            cells[col].tally.add(b);
            cells[col].nodes.push(idx);
        }
    }
    ArticleRow {
        map,
        stance: art.meta.stance,
        tally,
        position: position(art.meta.stance, &tally),
        cells,
    }
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
