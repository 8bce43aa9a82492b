//! Matching one prepared query against index records.
//!
//! A term matches a field when it is a substring of the field's normalised
//! text, or else, fuzzily, when it is a subsequence of one word that starts
//! with the term's first two letters (three after the article ال):
//! "withdrwl" finds "withdrawal", "الاسلميه" finds "الاسلاميه". Fuzzy
//! matching stays inside a word on purpose: a subsequence across a long quote
//! matches nearly every node and ranks nothing (DESIGN.md, Performance); the
//! anchor keeps the scan to a few places per field, where anchoring on one
//! letter would try every word of an Arabic quote (nearly all start with ا).
//!
//! Scanning gives each matching record a cheap score (match kind, word start,
//! field, position); only the best few are then scored with fuzzy-matcher's
//! skim algorithm on the words around the match, which also gives the
//! highlighted characters.

use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::Finder;

use super::index::{Field, Index, Record};
use super::query::Query;
use crate::text::normalize::is_word_char;

/// A term's best match in one field, in normalised bytes of that field.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    pub cheap: i64,
    pub field: Field,
    /// Global span index, or `None` for a theme label.
    pub span: Option<u32>,
    pub pos: u32,
    pub len: u32,
}

pub(crate) struct Term {
    pub text: String,
    finder: Finder<'static>,
    /// The first letters a fuzzy match must start a word with.
    anchor: Finder<'static>,
    anchor_len: usize,
}

impl Term {
    fn new(text: &str) -> Option<Term> {
        let letters = if text.starts_with("ال") { 3 } else { 2 };
        let anchor_len = text
            .char_indices()
            .nth(letters)
            .map_or(text.len(), |(i, _)| i);
        (!text.is_empty()).then(|| Term {
            text: text.to_owned(),
            finder: Finder::new(text.as_bytes()).into_owned(),
            anchor: Finder::new(&text.as_bytes()[..anchor_len]).into_owned(),
            anchor_len,
        })
    }
}

/// A query made ready for one index: terms with their searchers, filters
/// resolved to per-article and per-theme flags, theme labels matched once.
pub(crate) struct Prepared<'a> {
    pub index: &'a Index,
    pub terms: Vec<Term>,
    /// `theme_hits[term][theme]`: the term's best match in that theme's labels.
    theme_hits: Vec<Vec<Option<Found>>>,
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

impl<'a> Prepared<'a> {
    pub fn new(index: &'a Index, query: &Query) -> Prepared<'a> {
        let mut terms: Vec<Term> = query.terms.iter().filter_map(|t| Term::new(t)).collect();
        // Longest first: the most selective term rejects a record soonest.
        terms.sort_by(|a, b| b.text.len().cmp(&a.text.len()).then(a.text.cmp(&b.text)));
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

    fn passes_filters(&self, r: &Record) -> bool {
        !self.nothing
            && self.article_ok[r.article as usize]
            && self
                .theme_ok
                .as_ref()
                .is_none_or(|ok| self.index.record_themes(r).iter().any(|&t| ok[t as usize]))
            && self
                .voice_ok
                .as_ref()
                .is_none_or(|(own, ok)| match r.voice {
                    None => *own,
                    Some(v) => ok[v as usize],
                })
            && (self.kinds.is_empty() || r.kind.is_some_and(|k| self.kinds.contains(&k)))
    }

    /// The record's cheap score, or `None` when it does not match.
    pub fn cheap(&self, record: u32) -> Option<i64> {
        let r = &self.index.records[record as usize];
        if !self.passes_filters(r) {
            return None;
        }
        let mut total = 0;
        for (i, term) in self.terms.iter().enumerate() {
            total += self.first(r, i, term)?;
        }
        Some(total)
    }

    /// A quick estimate of the term's best match, for the scan: the first
    /// field (they are in weight order) with an exact match, else a theme
    /// label, else the first fuzzy match. A record's fields are contiguous in
    /// the index (separated by `\n`, which no term contains), so each kind of
    /// match is one search over the whole record, not one per field.
    fn first(&self, r: &Record, term_ix: usize, term: &Term) -> Option<i64> {
        let spans = self.index.record_spans(r);
        let (lo, hi) = match (spans.first(), spans.last()) {
            (Some(a), Some(b)) => (a.norm.start as usize, b.norm.end as usize),
            _ => (0, 0),
        };
        let hay = &self.index.norm[lo..hi];
        let in_span = |at: usize| {
            let at = (lo + at) as u32;
            spans.iter().find(|s| s.norm.start <= at && at < s.norm.end)
        };
        if let Some(at) = term.finder.find(hay.as_bytes())
            && let Some(span) = in_span(at)
        {
            let field_hay = self.index.norm_of(span);
            let (pos, _, q) = exact_from(field_hay, term, lo + at - span.norm.start as usize);
            return Some(cheap(q, span.field, pos));
        }
        let themes = self.index.record_themes(r).iter();
        if let Some(f) = themes
            .filter_map(|&t| self.theme_hits[term_ix][t as usize])
            .max_by_key(|f| f.cheap)
        {
            return Some(f.cheap);
        }
        let (at, _, q) = fuzzy_in_word(hay, term)?;
        let span = in_span(at)?;
        Some(cheap(q, span.field, lo + at - span.norm.start as usize))
    }

    /// Each term's best match in the record (only for records that match).
    pub fn found(&self, record: u32) -> Option<Vec<(usize, Found)>> {
        let r = &self.index.records[record as usize];
        self.terms
            .iter()
            .enumerate()
            .map(|(i, t)| Some((i, self.best(r, i, t)?)))
            .collect()
    }

    fn best(&self, r: &Record, term_ix: usize, term: &Term) -> Option<Found> {
        let mut best: Option<Found> = None;
        for (k, span) in self.index.record_spans(r).iter().enumerate() {
            let hay = self.index.norm_of(span);
            if let Some((pos, len, q)) = match_field(hay, term) {
                let cheap = cheap(q, span.field, pos);
                if best.is_none_or(|b| cheap > b.cheap) {
                    best = Some(Found {
                        cheap,
                        field: span.field,
                        span: Some(r.spans.start + k as u32),
                        pos: pos as u32,
                        len: len as u32,
                    });
                }
            }
        }
        for &t in self.index.record_themes(r) {
            if let Some(f) = self.theme_hits[term_ix][t as usize]
                && best.is_none_or(|b| f.cheap > b.cheap)
            {
                best = Some(f);
            }
        }
        best
    }
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
            let (pos, len, q) = match_field(norm, term)?;
            Some(Found {
                cheap: q + field.weight(),
                field,
                span: None,
                pos: pos as u32,
                len: len as u32,
            })
        })
        .max_by_key(|f| f.cheap)
}

/// How well a found match reads, before skim scoring: an exact substring
/// beats an in-word subsequence; starting (and ending) a word beats the
/// middle of one.
const EXACT: i64 = 100;
const WORD_START: i64 = 40;
const WHOLE_WORD: i64 = 20;
const FUZZY: i64 = 40;

/// The term's best match in one normalised field: (byte pos, byte len, quality).
pub(crate) fn match_field(hay: &str, term: &Term) -> Option<(usize, usize, i64)> {
    exact(hay, term).or_else(|| fuzzy_in_word(hay, term))
}

/// The term as a substring, preferring an occurrence at a word start.
fn exact(hay: &str, term: &Term) -> Option<(usize, usize, i64)> {
    let first = term.finder.find(hay.as_bytes())?;
    Some(exact_from(hay, term, first))
}

/// Like [`exact`], given where the term first occurs in `hay`.
fn exact_from(hay: &str, term: &Term, first: usize) -> (usize, usize, i64) {
    let n = term.text.len();
    // Prefer an occurrence at a word start; look at a few, not all, so a
    // common short term in a long quote stays cheap.
    let start = if word_start(hay, first) {
        Some(first)
    } else {
        term.finder
            .find_iter(&hay.as_bytes()[first + 1..])
            .take(8)
            .map(|p| p + first + 1)
            .find(|&p| word_start(hay, p))
    };
    let pos = start.unwrap_or(first);
    let mut q = EXACT;
    if start.is_some() {
        q += WORD_START;
        if !hay[pos + n..].chars().next().is_some_and(is_word_char) {
            q += WHOLE_WORD;
        }
    }
    (pos, n, q)
}

/// The first word-start occurrence of the term's anchor whose word holds
/// the rest of the term in order.
fn fuzzy_in_word(hay: &str, term: &Term) -> Option<(usize, usize, i64)> {
    let rest = &term.text[term.anchor_len..];
    if rest.is_empty() {
        // The whole term is its anchor: only an exact match would do.
        return None;
    }
    for pos in term.anchor.find_iter(hay.as_bytes()) {
        if !word_start(hay, pos) {
            continue;
        }
        let from = pos + term.anchor_len;
        let mut want = rest.chars().peekable();
        let mut end = from;
        for (i, c) in hay[from..].char_indices() {
            if !is_word_char(c) {
                break;
            }
            if want.peek() == Some(&c) {
                want.next();
                end = from + i + c.len_utf8();
                if want.peek().is_none() {
                    break;
                }
            }
        }
        if want.peek().is_none() {
            let slack = (hay[pos..end].chars().count() - term.text.chars().count()) as i64;
            return Some((pos, end - pos, FUZZY - slack.min(30)));
        }
    }
    None
}

/// Whether byte `pos` of `hay` starts a word: after a non-word character, or
/// after the Arabic article ال at a word start ("دوله" starts a word in
/// "الدوله").
pub(crate) fn word_start(hay: &str, pos: usize) -> bool {
    let before = &hay[..pos];
    match before.chars().next_back() {
        None => true,
        Some(c) if !is_word_char(c) => true,
        Some(_) => before
            .strip_suffix("ال")
            .is_some_and(|b| b.chars().next_back().is_none_or(|c| !is_word_char(c))),
    }
}

/// The byte range of the words around `pos..end` in `hay`, so skim sees the
/// whole word(s) a match sits in.
pub(crate) fn word_window(hay: &str, pos: usize, end: usize) -> (usize, usize) {
    let start = hay[..pos]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(pos, |(i, _)| i);
    let stop = hay[end..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(hay.len(), |(i, _)| end + i);
    (start, stop)
}
