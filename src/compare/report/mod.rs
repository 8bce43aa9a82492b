//! A [`Comparison`] rendered for the shell: plain text to read in a terminal,
//! Markdown to paste into a document, JSON for programs. Each returns a
//! `String`; printing is the CLI's business. Map text goes through
//! [`crate::text::sanitize::visible`] so a control character in a claim is
//! shown, never interpreted.

mod json;
mod markdown;
mod text;

pub use json::json;
pub use markdown::markdown;
pub use text::text;

use std::borrow::Cow;

use super::{Column, Comparison, PairLink, Row, Side, Verdict, Voices};
use crate::model::{Article, Bearing, Corpus};
use crate::text::sanitize::visible;

/// Which rows a report shows (the summary always counts them all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowFilter {
    #[default]
    All,
    /// Only rows whose verdict is a clash.
    Clashes,
}

impl RowFilter {
    pub fn keeps(self, row: &Row) -> bool {
        match self {
            RowFilter::All => true,
            RowFilter::Clashes => row.verdict == Verdict::Clash,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            RowFilter::All => "all",
            RowFilter::Clashes => "clashes",
        }
    }
}

/// The two articles of a comparison, and the corpus for labels. Building a
/// `Comparison` checked both are articles, so `None` here means the corpus
/// changed underneath; the reports then render an empty comparison.
struct Ctx<'a> {
    corpus: &'a Corpus,
    cmp: &'a Comparison,
    a: &'a Article,
    b: &'a Article,
}

impl<'a> Ctx<'a> {
    fn new(corpus: &'a Corpus, cmp: &'a Comparison) -> Option<Ctx<'a>> {
        Some(Ctx {
            corpus,
            cmp,
            a: corpus.article(cmp.a)?,
            b: corpus.article(cmp.b)?,
        })
    }

    fn article(&self, side: Side) -> &'a Article {
        match side {
            Side::A => self.a,
            Side::B => self.b,
        }
    }

    /// The theme's English label from the vocabulary, else its id.
    fn label(&self, row: &'a Row) -> Cow<'a, str> {
        let label = row
            .vocab
            .and_then(|i| self.corpus.motion.as_ref()?.themes.get(i as usize))
            .map_or(&*row.theme, |t| &*t.en);
        visible(label)
    }

    fn node_id(&self, side: Side, node: u32) -> Cow<'a, str> {
        visible(self.article(side).node(node).id())
    }

    fn claim(&self, side: Side, node: u32) -> Cow<'a, str> {
        visible(self.article(side).node(node).claim_en())
    }

    /// Who a reported claim is attributed to; `None` for the author's own.
    fn voice(&self, side: Side, node: u32) -> Option<Cow<'a, str>> {
        self.article(side).node(node).voice().map(visible)
    }

    fn stance(&self, side: Side) -> &'static str {
        self.article(side)
            .meta
            .stance
            .map_or("no stance", |s| s.name())
    }

    fn motion(&self) -> Option<Cow<'a, str>> {
        Some(visible(&self.corpus.motion.as_ref()?.question_en))
    }

    /// The theme ids of a link's shared rows (or of one end's rows).
    fn themes(&self, rows: &[u32]) -> Vec<&'a str> {
        rows.iter()
            .filter_map(|&r| self.cmp.rows.get(r as usize))
            .map(|r| &*r.theme)
            .collect()
    }

    fn rows(&self, filter: RowFilter) -> impl Iterator<Item = &'a Row> {
        self.cmp.rows.iter().filter(move |r| filter.keeps(r))
    }

    /// Links whose ends share no theme, so no row shows them.
    fn unplaced_links(&self) -> impl Iterator<Item = &'a PairLink> {
        self.cmp.links.iter().filter(|l| l.rows.is_empty())
    }
}

/// How a side's reported claims were treated, e.g. "1 reported claim, not
/// counted"; `None` when it has none.
fn reported_note(col: &Column, voices: Voices) -> Option<String> {
    let n = col.reported.total();
    (n > 0).then(|| {
        format!(
            "{n} reported claim{}, {}",
            if n == 1 { "" } else { "s" },
            if voices == Voices::Own {
                "not counted"
            } else {
                "counted"
            }
        )
    })
}

fn bearing_name(b: Option<Bearing>) -> &'static str {
    b.map_or("unknown", |b| b.name())
}

fn side_letter(side: Side) -> &'static str {
    match side {
        Side::A => "A",
        Side::B => "B",
    }
}
