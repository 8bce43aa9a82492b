//! One query word (a [`Term`]) and how it matches: against a segment's
//! vocabulary ([`vocab_matches`]: which indexed words it finds, and how),
//! and in one normalised text ([`probe`], for the few best nodes, whose
//! texts are read back to score and highlight them). Either way as typed,
//! by its light stem, or fuzzily inside one word (the kinds and their order
//! are described in `search::matcher`).

use memchr::memmem::Finder;

use super::segment::{Segment, words};
use crate::text::normalize::is_word_char;
use crate::text::stem::{stem, stem_form, stem_form_at, stem_range};

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
    /// The words of a term that is not one word (`iran's`, `(2014)`): what
    /// is looked up in the vocabulary instead of the term; `None` for a word.
    pub pieces: Option<Vec<Term>>,
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

impl Term {
    pub(crate) fn new(text: &str, typed: usize) -> Option<Term> {
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
            pieces: (!text.chars().all(is_word_char))
                .then(|| words(text).filter_map(|w| Term::new(w, typed)).collect()),
        })
    }
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
        best = fuzzy_match(pos, len, slack, t);
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
    starts
        .filter_map(|pos| fuzzy_at(hay, pos, term).map(|(len, slack)| (pos, len, slack)))
        .next()
}

/// Whether the word of `hay` whose letters from byte `pos` on are the
/// term's anchor holds the rest of the term in order: (byte len from
/// `pos`, letters skipped).
fn fuzzy_at(hay: &str, pos: usize, term: &Term) -> Option<(usize, usize)> {
    let rest = &term.text[term.anchor_len..];
    let from = pos + term.anchor_len;
    let mut want = rest.chars().peekable();
    let mut end = from;
    for (i, c) in hay.get(from..)?.char_indices() {
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
    if want.peek().is_some() {
        return None;
    }
    let slack = hay[pos..end].chars().count() - term.chars;
    Some((end - pos, slack))
}

/// A fuzzy match with `slack` letters skipped, if few enough: a typo skips
/// a letter or two; "come" in "commitment" is no match.
fn fuzzy_match(pos: usize, len: usize, slack: usize, t: &Term) -> Option<Match> {
    (slack <= (t.chars / 4).max(1)).then(|| Match {
        pos,
        len,
        quality: FUZZY - slack as i64,
        credit: (700 - 150 * slack as i64).max(300),
        kind: MatchKind::Fuzzy,
    })
}

/// Whether `at` starts a word inside one vocabulary word (which starts at
/// `start`): at its start, or after its article ال.
fn starts_word(vocab: &str, start: usize, at: usize) -> bool {
    at == start || (at == start + "ال".len() && vocab[start..].starts_with("ال"))
}

/// The indexed words of a segment that a one-word term matches, and how
/// (the best way for each word), in vocabulary order. A term that is not
/// one word is matched through its [`Term::pieces`] by the caller.
pub(crate) fn vocab_matches(seg: &Segment, t: &Term) -> Vec<(u32, Match)> {
    let vocab = seg.vocab.as_str();
    let bytes = vocab.as_bytes();
    let mut out: Vec<(u32, Match)> = Vec::new();
    let mut last: Option<u32> = None;
    for at in t.finder.find_iter(bytes) {
        // Only word starts count for a short term: skip the rest before
        // finding their word.
        let short = t.chars < 3;
        if short && at > 0 && bytes[at - 1] != b'\n' && !vocab[..at].ends_with("ال") {
            continue;
        }
        let (w, start) = seg.word_of(at);
        let quality = if starts_word(vocab, start, at) {
            let whole = bytes.get(at + t.text.len()) == Some(&b'\n');
            EXACT + WORD_START + if whole { WHOLE_WORD } else { 0 }
        } else if short {
            continue;
        } else {
            EXACT
        };
        let credit = if quality > EXACT {
            CREDIT_WORD
        } else {
            CREDIT_INSIDE
        };
        if last == Some(w) && out.last().is_some_and(|(_, m)| m.credit >= credit) {
            continue;
        }
        last = Some(w);
        out.push((
            w,
            Match {
                pos: at - start,
                len: t.text.len(),
                quality,
                credit,
                kind: MatchKind::Exact,
            },
        ));
    }
    if let Some((s, _, finder)) = &t.stem {
        for at in finder.find_iter(bytes) {
            let (w, start) = seg.word_of(at);
            let word = seg.word(w);
            if stem_form(word, at - start, s) {
                out.push((
                    w,
                    Match {
                        pos: 0,
                        len: word.len(),
                        quality: STEM,
                        credit: CREDIT_STEM,
                        kind: MatchKind::Stem,
                    },
                ));
            }
        }
    }
    if t.anchor_len < t.text.len() {
        for at in t.anchor.find_iter(bytes) {
            let (w, start) = seg.word_of(at);
            if !starts_word(vocab, start, at) {
                continue;
            }
            let word = seg.word(w);
            if let Some((len, slack)) = fuzzy_at(word, at - start, t)
                && let Some(m) = fuzzy_match(at - start, len, slack, t)
            {
                out.push((w, m));
            }
        }
    }
    // The best match of each word: by credit, then quality.
    out.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then((b.1.credit, b.1.quality).cmp(&(a.1.credit, a.1.quality)))
    });
    out.dedup_by_key(|m| m.0);
    out
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
