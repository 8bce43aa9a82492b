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
//! Each term is evaluated on its own ([`Prepared::eval`]), so a keystroke
//! re-evaluates only the word being typed (see `rank` and `worker`). Besides
//! its match, a term notes whether a record *could* match a longer form of
//! it (the record contains the term's stem, or a fuzzy candidate): those
//! records are what the next keystroke on that word narrows to.

use fuzzy_matcher::skim::SkimMatcherV2;

use super::index::{Field, Index, Part, Record};
use super::query::Query;
pub use super::term::MatchKind;
pub(crate) use super::term::{Term, grows_from, probe, word_window};

/// A term's match in one field, in normalised bytes of that field.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    /// Quality of the match, its field's weight, a little for being early.
    pub cheap: i64,
    /// How much of the term this match counts for, in thousandths.
    pub credit: i64,
    pub kind: MatchKind,
    pub field: Field,
    /// Span index in the record's part, or `None` for a theme label.
    pub span: Option<u32>,
    pub pos: u32,
    pub len: u32,
}

/// A query made ready for one index: terms with their searchers and
/// weights, filters resolved to per-article and per-theme flags, theme
/// labels matched once.
pub(crate) struct Prepared<'a> {
    pub index: &'a Index,
    pub terms: Vec<Term>,
    /// How many words the query has (lone letters included).
    pub typed: usize,
    /// Each term's share of the query by rarity (sums to 1); equal shares
    /// until [`Prepared::set_rarity`].
    weight: Vec<f64>,
    /// `theme_hits[term][theme]`: the term's best match in that theme's
    /// labels, and whether a label is a candidate for it.
    theme_hits: Vec<Vec<(Option<Found>, bool)>>,
    article_ok: Vec<bool>,
    /// `None` when there is no theme filter.
    theme_ok: Option<Vec<bool>>,
    /// `None` when there is no voice filter; else whether the author's own
    /// claims pass and, per distinct voice of the index, whether it does.
    voice_ok: Option<(bool, Vec<bool>)>,
    /// Claim kinds that pass; empty when there is no kind filter.
    kinds: Vec<crate::model::ClaimKind>,
    /// A query with a filter that cannot match (e.g. an unknown stance).
    nothing: bool,
    pub skim: SkimMatcherV2,
}

/// One term's result on one record, as a scan keeps it for every
/// candidate: 12 bytes, since a million of them may be kept per term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TermHit {
    pub id: u32,
    /// The match's cheap score (`cheap`), or 0 for a candidate only.
    pub cheap: i16,
    /// Thousandths of the term matched; 0: a candidate that does not match.
    pub credit: u16,
    /// Byte position of the match in the record's text (saturated), for
    /// proximity.
    pub pos: u16,
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
            index
                .themes
                .iter()
                .map(|t| query.themes.contains(&t.id_norm))
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

    /// Weighs the terms by rarity from how many live records each matches
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

    fn passes_filters(&self, part: &Part, r: &Record) -> bool {
        !self.nothing
            && self
                .article_ok
                .get(r.node.map as usize)
                .copied()
                .unwrap_or(false)
            && self
                .theme_ok
                .as_ref()
                .is_none_or(|ok| part.record_themes(r).iter().any(|&t| ok[t as usize]))
            && self
                .voice_ok
                .as_ref()
                .is_none_or(|(own, ok)| match r.voice {
                    None => *own,
                    Some(v) => ok[v as usize],
                })
            && (self.kinds.is_empty() || r.kind.is_some_and(|k| self.kinds.contains(&k)))
    }

    /// Whether the live record `id` passes the query's filters.
    pub fn passes(&self, id: u32) -> bool {
        self.index
            .record(id)
            .is_some_and(|(part, r)| self.passes_filters(part, r))
    }

    /// Whether the query has filters (else every live record passes).
    pub fn filtered(&self) -> bool {
        self.nothing
            || self.theme_ok.is_some()
            || self.voice_ok.is_some()
            || !self.kinds.is_empty()
            || self.article_ok.iter().any(|ok| !ok)
    }

    /// Term `term_ix` on record `id`: `None` when the record is dead or no
    /// candidate for the term (it cannot match it nor any longer form).
    pub fn eval(&self, term_ix: usize, id: u32) -> Option<TermHit> {
        let (part, r) = self.index.record(id)?;
        let (m, loose) = self.term_in_record(part, r, term_ix, &self.terms[term_ix]);
        match m {
            Some((cheap, credit, pos)) => Some(TermHit {
                id,
                cheap: cheap.clamp(0, i16::MAX as i64) as i16,
                credit: credit.clamp(1, 1000) as u16,
                pos: pos.min(u16::MAX as u32) as u16,
            }),
            None => loose.then_some(TermHit {
                id,
                cheap: 0,
                credit: 0,
                pos: 0,
            }),
        }
    }

    /// A record's cheap score from its terms' hits (`None` for a term it
    /// lacks), or `None` when it matches no term.
    pub fn cheap_score(&self, hits: &[Option<TermHit>]) -> Option<i64> {
        let mut matched = 0;
        let mut coverage = 0.0;
        let mut quality = 0;
        let mut at: [u16; 8] = [0; 8];
        for (i, h) in hits.iter().enumerate() {
            let Some(h) = h.filter(|h| h.credit > 0) else {
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

    /// A quick estimate of the term's best match in the record: (cheap
    /// score, credit, byte position in the record's text), and whether the
    /// record is a candidate for it. A record's fields are contiguous in
    /// its part (separated by `\n`, which no term contains), so each kind of
    /// match is one search over the whole record, not one per field.
    fn term_in_record(
        &self,
        part: &Part,
        r: &Record,
        term_ix: usize,
        term: &Term,
    ) -> (Option<(i64, i64, u32)>, bool) {
        let spans = part.record_spans(r);
        let (lo, hi) = match (spans.first(), spans.last()) {
            (Some(a), Some(b)) => (a.norm.start as usize, b.norm.end as usize),
            _ => (0, 0),
        };
        let hay = &part.norm[lo..hi];
        let (m, mut loose) = probe(hay, term);
        let theme = part
            .record_themes(r)
            .iter()
            .filter_map(|&t| {
                let (f, l) = self.theme_hits[term_ix][t as usize];
                loose |= l;
                f
            })
            .max_by_key(|f| (f.credit, f.cheap));
        let text = m.and_then(|m| {
            let at = (lo + m.pos) as u32;
            let span = spans
                .iter()
                .find(|s| s.norm.start <= at && at < s.norm.end)?;
            let pos = m.pos + lo - span.norm.start as usize;
            Some((cheap(m.quality, span.field, pos), m.credit, m.pos as u32))
        });
        let best = match (text, theme) {
            (Some(t), Some(f)) if (f.credit, f.cheap) > (t.1, t.0) => Some((f.cheap, f.credit, 0)),
            (Some(t), _) => Some(t),
            (None, Some(f)) => Some((f.cheap, f.credit, 0)),
            (None, None) => None,
        };
        (best, loose)
    }

    /// Each matching term's best match in the record, over every field.
    pub fn found(&self, part: &Part, r: &Record) -> Vec<(usize, Found)> {
        self.terms
            .iter()
            .enumerate()
            .filter_map(|(i, t)| Some((i, self.best(part, r, i, t)?)))
            .collect()
    }

    fn best(&self, part: &Part, r: &Record, term_ix: usize, term: &Term) -> Option<Found> {
        let mut best: Option<Found> = None;
        let better = |f: &Found, b: &Option<Found>| {
            b.is_none_or(|b| (f.credit, f.cheap) > (b.credit, b.cheap))
        };
        for (k, span) in part.record_spans(r).iter().enumerate() {
            let hay = part.norm_of(span);
            if let (Some(m), _) = probe(hay, term) {
                let f = Found {
                    cheap: cheap(m.quality, span.field, m.pos),
                    credit: m.credit,
                    kind: m.kind,
                    field: span.field,
                    span: Some(r.spans.start + k as u32),
                    pos: m.pos as u32,
                    len: m.len as u32,
                };
                if better(&f, &best) {
                    best = Some(f);
                }
            }
        }
        for &t in part.record_themes(r) {
            if let (Some(f), _) = self.theme_hits[term_ix][t as usize]
                && better(&f, &best)
            {
                best = Some(f);
            }
        }
        best
    }

    /// The final score of a record from its terms' best matches and their
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

fn theme_match(index: &Index, theme: u16, term: &Term) -> (Option<Found>, bool) {
    let Some(labels) = index.themes[theme as usize].labels.as_ref() else {
        return (None, false);
    };
    let fields = [Field::ThemeEn(theme), Field::ThemeAr(theme)];
    let mut loose = false;
    let best = labels
        .iter()
        .zip(fields)
        .filter_map(|((_, norm), field)| {
            let (m, l) = probe(norm, term);
            loose |= l;
            let m = m?;
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
        .max_by_key(|f| (f.credit, f.cheap));
    (best, loose)
}
