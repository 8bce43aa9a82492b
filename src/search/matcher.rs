//! Matching one prepared query against index records.
//!
//! A term matches a field when it is a substring of the field's normalised
//! text, or else, fuzzily, when it is a subsequence of one word that starts
//! with the term's first letter ("withdrwl" finds "withdrawal"). Fuzzy
//! matching stays inside a word on purpose: a subsequence across a long quote
//! matches nearly every node and ranks nothing (DESIGN.md, Performance).
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
    first: char,
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
    /// A query with a filter that cannot match (e.g. an unknown stance).
    nothing: bool,
    pub skim: SkimMatcherV2,
}

impl<'a> Prepared<'a> {
    pub fn new(index: &'a Index, query: &Query) -> Prepared<'a> {
        let mut terms: Vec<Term> = query
            .terms
            .iter()
            .filter_map(|t| {
                Some(Term {
                    first: t.chars().next()?,
                    finder: Finder::new(t.as_bytes()).into_owned(),
                    text: t.clone(),
                })
            })
            .collect();
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
        Prepared {
            index,
            terms,
            theme_hits,
            article_ok,
            theme_ok,
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
    }

    /// The record's cheap score, or `None` when it does not match.
    pub fn cheap(&self, record: u32) -> Option<i64> {
        let r = &self.index.records[record as usize];
        if !self.passes_filters(r) {
            return None;
        }
        let mut total = 0;
        for (i, term) in self.terms.iter().enumerate() {
            total += self.best(r, i, term)?.cheap;
        }
        Some(total)
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
                let cheap = q + span.field.weight() - (pos as i64 / 16).min(10);
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
    let bytes = hay.as_bytes();
    if let Some(first) = term.finder.find(bytes) {
        let n = term.text.len();
        // Prefer an occurrence at a word start; look at a few, not all, so a
        // common short term in a long quote stays cheap.
        let start = if word_start(hay, first) {
            Some(first)
        } else {
            term.finder
                .find_iter(&bytes[first + 1..])
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
        return Some((pos, n, q));
    }
    fuzzy_in_word(hay, term)
}

/// The first word-start occurrence of the term's first letter whose word
/// holds the rest of the term in order.
fn fuzzy_in_word(hay: &str, term: &Term) -> Option<(usize, usize, i64)> {
    let mut buf = [0u8; 4];
    let first = term.first.encode_utf8(&mut buf);
    let rest = &term.text[first.len()..];
    if rest.is_empty() {
        return None;
    }
    for pos in memchr::memmem::find_iter(hay.as_bytes(), first.as_bytes()) {
        if !word_start(hay, pos) {
            continue;
        }
        let mut want = rest.chars().peekable();
        let mut end = pos + first.len();
        for (i, c) in hay[end..].char_indices() {
            if !is_word_char(c) {
                break;
            }
            if want.peek() == Some(&c) {
                want.next();
                end = pos + first.len() + i + c.len_utf8();
                if want.peek().is_none() {
                    break;
                }
            }
        }
        if want.peek().is_none() {
            let len = end - pos;
            let slack = (hay[pos..end].chars().count() - term.text.chars().count()) as i64;
            return Some((pos, len, FUZZY - slack.min(30)));
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
