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
use memchr::memmem::Finder;

use super::index::{Field, Index, Part, Record};
use super::query::Query;
use crate::text::normalize::is_word_char;
use crate::text::stem::{stem, stem_form_at, stem_range};

/// How a query word matched a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchKind {
    /// Another word that merely starts with the term's first letters,
    /// with a few letters skipped (a typo).
    Fuzzy,
    /// The same stem with other clitics or endings.
    Stem,
    /// The word as typed (after normalising).
    Exact,
}

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

/// A match inside one haystack: (byte pos, byte len, quality, credit, kind).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Match {
    pub pos: usize,
    pub len: usize,
    pub quality: i64,
    pub credit: i64,
    pub kind: MatchKind,
}

pub(crate) struct Term {
    pub text: String,
    /// Position of the term in [`Query::terms`].
    pub typed: usize,
    chars: usize,
    finder: Finder<'static>,
    /// The term's light stem, where it starts in the term, and its finder;
    /// `None` for numbers and words too short to stem.
    stem: Option<(String, usize, Finder<'static>)>,
    /// The first letters a fuzzy match must start a word with.
    anchor: Finder<'static>,
    anchor_len: usize,
}

/// Whether a term is matched by its stem too: a word (not a number) whose
/// stem keeps enough letters to mean something.
fn stem_usable(text: &str) -> bool {
    let s = stem(text);
    let min = if s.is_ascii() { 3 } else { 2 };
    text.chars().all(is_word_char)
        && !text.bytes().all(|b| b.is_ascii_digit())
        && s.chars().count() >= min
}

/// What a record must contain to be a candidate for a term: its stem when
/// it is matched by stem, else the term itself (see [`Query::narrows`]).
pub(crate) fn candidate_key(text: &str) -> &str {
    if stem_usable(text) { stem(text) } else { text }
}

/// Whether term `t` grew at its end from `p` keeping what a candidate for
/// `p` must contain, so every candidate for `t` is one for `p`.
pub(crate) fn grows_from(t: &str, p: &str) -> bool {
    t.starts_with(p) && candidate_key(t).contains(candidate_key(p))
}

impl Term {
    fn new(text: &str, typed: usize) -> Option<Term> {
        if text.is_empty() {
            return None;
        }
        let letters = if text.starts_with("ال") { 3 } else { 2 };
        let anchor_len = text
            .char_indices()
            .nth(letters)
            .map_or(text.len(), |(i, _)| i);
        let stem = stem_usable(text).then(|| {
            let r = stem_range(text);
            let s = &text[r.clone()];
            (
                s.to_owned(),
                r.start,
                Finder::new(s.as_bytes()).into_owned(),
            )
        });
        Some(Term {
            text: text.to_owned(),
            typed,
            chars: text.chars().count(),
            finder: Finder::new(text.as_bytes()).into_owned(),
            stem,
            anchor: Finder::new(&text.as_bytes()[..anchor_len]).into_owned(),
            anchor_len,
        })
    }
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

/// Match qualities before skim scoring: a whole word beats a word start,
/// which beats the same stem, which beats the middle of a word, which
/// beats a fuzzy match.
const EXACT: i64 = 100;
const WORD_START: i64 = 40;
const WHOLE_WORD: i64 = 20;
const STEM: i64 = 120;
const FUZZY: i64 = 40;

/// Credits (thousandths of a term) by kind of match.
const CREDIT_WORD: i64 = 1000;
const CREDIT_STEM: i64 = 900;
const CREDIT_INSIDE: i64 = 600;

/// Occurrences of a stem looked at per haystack: enough for the forms of a
/// word in one node, few enough that a common stem stays cheap.
const OCCURRENCES: usize = 8;

/// The term's best match in a normalised haystack, and whether the
/// haystack is a candidate for the term (see the module docs).
pub(crate) fn probe(hay: &str, t: &Term) -> (Option<Match>, bool) {
    let mut best: Option<Match> = None;
    let mut loose = false;
    let bytes = hay.as_bytes();
    // As typed first: one fast search, and a word-start match is as good
    // as it gets, so most records stop here.
    if let Some(first) = t.finder.find(bytes) {
        loose = true;
        if let Some(m) = exact_from(hay, t, first) {
            if m.credit == CREDIT_WORD {
                return (Some(m), true);
            }
            best = Some(m);
        }
    }
    // When the stem is the whole term, its occurrences are the term's: none
    // found above means none here.
    let stem = t
        .stem
        .as_ref()
        .filter(|(s, _, _)| loose || s.len() < t.text.len());
    if let Some((s, _, finder)) = stem {
        for (k, occ) in finder.find_iter(bytes).enumerate() {
            loose = true;
            if k >= OCCURRENCES {
                break;
            }
            if let Some(w) = stem_form_at(hay, occ, s) {
                if best.is_none_or(|b| CREDIT_STEM > b.credit) {
                    best = Some(Match {
                        pos: w.start,
                        len: w.len(),
                        quality: STEM,
                        credit: CREDIT_STEM,
                        kind: MatchKind::Stem,
                    });
                }
                break;
            }
        }
    }
    if best.is_none()
        && let Some((pos, len, slack)) = fuzzy_in_word(hay, t)
    {
        loose = true;
        // A typo skips a letter or two; "come" in "commitment" is no match.
        if slack <= (t.chars / 4).max(1) {
            best = Some(Match {
                pos,
                len,
                quality: FUZZY - slack as i64,
                credit: (700 - 150 * slack as i64).max(300),
                kind: MatchKind::Fuzzy,
            });
        }
    }
    (best, loose)
}

/// The exact match at byte `pos`, or `None` when it is inside a word and
/// the term is too short for that to mean anything ("us" in "because").
fn exact_at(hay: &str, t: &Term, pos: usize) -> Option<Match> {
    let mut quality = EXACT;
    let mut credit = CREDIT_INSIDE;
    if word_start(hay, pos) {
        quality += WORD_START;
        credit = CREDIT_WORD;
        if !hay[pos + t.text.len()..]
            .chars()
            .next()
            .is_some_and(is_word_char)
        {
            quality += WHOLE_WORD;
        }
    } else if t.chars < 3 {
        return None;
    }
    Some(Match {
        pos,
        len: t.text.len(),
        quality,
        credit,
        kind: MatchKind::Exact,
    })
}

/// The term as a substring, given where it first occurs in `hay`,
/// preferring an occurrence at a word start.
fn exact_from(hay: &str, t: &Term, first: usize) -> Option<Match> {
    // Look at a few occurrences, not all, so a common short term in a long
    // quote stays cheap.
    let start = if word_start(hay, first) {
        Some(first)
    } else {
        t.finder
            .find_iter(&hay.as_bytes()[first + 1..])
            .take(8)
            .map(|p| p + first + 1)
            .find(|&p| word_start(hay, p))
    };
    exact_at(hay, t, start.unwrap_or(first))
}

/// The first word-start occurrence of the term's anchor whose word holds
/// the rest of the term in order: (byte pos, byte len, letters skipped).
fn fuzzy_in_word(hay: &str, term: &Term) -> Option<(usize, usize, usize)> {
    let rest = &term.text[term.anchor_len..];
    if rest.is_empty() {
        // The whole term is its anchor: only an exact match would do.
        return None;
    }
    // A few word starts are enough for a typo in one node, and the same
    // few are looked at for every longer term with this anchor, which keeps
    // narrowing sound.
    let starts = term
        .anchor
        .find_iter(hay.as_bytes())
        .filter(|&pos| word_start(hay, pos))
        .take(16);
    for pos in starts {
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
            let slack = hay[pos..end].chars().count() - term.chars;
            return Some((pos, end - pos, slack));
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
