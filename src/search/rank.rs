//! Ranking: each term is evaluated on its own, segment by segment on all
//! cores, into the list of every document it matches with its cheap match
//! (so the other words' lists are reused while one word is typed); the
//! lists are then merged into scores, the best few by cheap score are kept,
//! and only those are read back from the corpus, matched in their text,
//! skim scored and highlighted. The score's order is the matcher's
//! ([`super::matcher`]): every word matched, the rarity-weighted share
//! matched, then quality and proximity.

use std::ops::Range;

use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use super::index::{Field, Index};
use super::matcher::{Found, MatchKind, NodeText, Prepared, TermHit, proximity, word_window};
use super::query::Query;
use crate::model::{Corpus, NodeRef};
use crate::text::normalize::normalize_mapped;

/// One matched field of a hit, with what to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldHit {
    pub field: Field,
    /// The field's text, as the corpus searched has it.
    pub text: Box<str>,
    /// Byte ranges in `text` to highlight: sorted, disjoint, on character
    /// boundaries, and never splitting a letter from its harakat.
    pub ranges: Vec<Range<usize>>,
}

/// A node that matches the query, or part of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub node: NodeRef,
    /// Higher is better; only comparable within one query.
    pub score: i64,
    /// The field that matched best: `field`, `text`, `ranges` as in [`FieldHit`].
    pub field: Field,
    pub text: Box<str>,
    pub ranges: Vec<Range<usize>>,
    /// Other fields in which other terms of the query matched.
    pub others: Vec<FieldHit>,
    /// How each word of the query ([`Query::terms`], in the order typed)
    /// matched this node; `None` for a word it lacks.
    pub terms: Vec<Option<MatchKind>>,
}

impl Hit {
    /// True when every word of the query matched.
    pub fn matches_all(&self) -> bool {
        self.terms.iter().all(Option::is_some)
    }
}

/// What combining the terms found: the best `keep` matching records as
/// (cheap score, record), best first, and how many records matched.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub top: Vec<(i64, u32)>,
    pub hits: usize,
}

/// Records per parallel task; small enough for both cores to share the work
/// and to notice cancellation quickly, large enough to amortise the task.
const CHUNK: usize = 4096;

/// Orders by score (descending), then index order, so ties rank the same in
/// every run and in every way of splitting the scan.
fn better(a: &(i64, u32), b: &(i64, u32)) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1))
}

fn keep_best(v: &mut Vec<(i64, u32)>, keep: usize) {
    if v.len() > keep {
        v.select_nth_unstable_by(keep, better);
        v.truncate(keep);
    }
    v.sort_unstable_by(better);
}

/// Evaluates term `term_ix` on every segment, on all cores: the documents
/// it matches, in id order. `None` when `cancelled` said so.
pub(crate) fn scan_term(
    p: &Prepared,
    term_ix: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<TermHit>> {
    let parts: Vec<Option<Vec<TermHit>>> = (0..p.index.segs.len())
        .into_par_iter()
        .map(|k| (!cancelled()).then(|| p.term_in_segment(term_ix, k)))
        .collect();
    let mut out = Vec::with_capacity(parts.iter().flatten().map(Vec::len).sum());
    for part in parts {
        out.extend(part?);
    }
    Some(out)
}

/// Merges the terms' candidate lists (each in id order) into scores on all
/// cores, applying the filters. With no terms, every record that passes the
/// filters is a hit.
pub(crate) fn combine(
    p: &Prepared,
    lists: &[&[TermHit]],
    keep: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Scan> {
    let slots = p.index.slots();
    let span = CHUNK * 4;
    let filtered = p.filtered();
    let parts: Vec<Option<Scan>> = (0..slots.div_ceil(span))
        .into_par_iter()
        .map(|c| {
            if cancelled() {
                return None;
            }
            let (lo, hi) = ((c * span) as u32, ((c + 1) * span).min(slots) as u32);
            let mut part = Scan::default();
            if lists.is_empty() {
                for id in lo..hi {
                    if p.passes(id) {
                        part.hits += 1;
                        part.top.push((0, id));
                    }
                }
                keep_best(&mut part.top, keep);
                return Some(part);
            }
            let mut cur: Vec<&[TermHit]> = lists
                .iter()
                .map(|l| {
                    let a = l.partition_point(|h| h.id < lo);
                    let b = l.partition_point(|h| h.id < hi);
                    &l[a..b]
                })
                .collect();
            let mut row: Vec<Option<TermHit>> = vec![None; lists.len()];
            // Once `keep` are kept, a score at or below the worst of them
            // cannot enter (ids rise, and ties go to the lower id).
            let mut floor = i64::MIN;
            while let Some(id) = cur.iter().filter_map(|l| l.first().map(|h| h.id)).min() {
                for (slot, l) in row.iter_mut().zip(cur.iter_mut()) {
                    *slot = match l.first() {
                        Some(h) if h.id == id => {
                            *l = &l[1..];
                            Some(*h)
                        }
                        _ => None,
                    };
                }
                if let Some(score) = p.cheap_score(&row)
                    && (!filtered || p.passes(id))
                {
                    part.hits += 1;
                    if score > floor {
                        part.top.push((score, id));
                    }
                    if part.top.len() >= 4 * keep.max(16) {
                        keep_best(&mut part.top, keep);
                        if keep > 0 && part.top.len() == keep {
                            floor = part.top[keep - 1].0;
                        }
                    }
                }
            }
            keep_best(&mut part.top, keep);
            Some(part)
        })
        .collect();
    let mut all = Scan::default();
    for part in parts {
        let part = part?;
        all.top.extend(part.top);
        all.hits += part.hits;
    }
    keep_best(&mut all.top, keep);
    Some(all)
}

/// How many live records matched each term.
pub(crate) fn df(lists: &[&[TermHit]]) -> Vec<usize> {
    lists.iter().map(|l| l.len()).collect()
}

/// How many records by cheap score get the full skim scoring for `limit` hits.
pub(crate) fn keep_for(limit: usize) -> usize {
    (limit * 2).max(64)
}

/// Reads the candidates' texts from `corpus`, scores them with skim and
/// highlights them, best `limit` first.
pub(crate) fn finish(p: &Prepared, corpus: &Corpus, top: &[(i64, u32)], limit: usize) -> Vec<Hit> {
    let mut hits: Vec<(i64, u32, Hit)> = top
        .par_iter()
        .filter_map(|&(cheap, id)| Some((cheap, id, hit(p, corpus, id)?)))
        .collect();
    hits.sort_by(|a, b| b.2.score.cmp(&a.2.score).then(a.1.cmp(&b.1)));
    hits.truncate(limit);
    hits.into_iter().map(|(_, _, h)| h).collect()
}

/// (field, its span, summed score, normalised byte ranges to highlight,
/// match positions for proximity).
type Group = (Field, Option<u32>, i64, Vec<Range<usize>>, Vec<usize>);

fn hit(p: &Prepared, corpus: &Corpus, id: u32) -> Option<Hit> {
    let node = p.index.node(id)?;
    let text = NodeText::read(p.index, corpus, node)?;
    if p.terms.is_empty() {
        // Filters only: show the first claim, nothing highlighted.
        let (field, orig, _) = text
            .fields
            .iter()
            .find(|f| matches!(f.0, Field::ClaimEn | Field::ClaimAr))?;
        return Some(Hit {
            node,
            score: 0,
            field: *field,
            text: (*orig).into(),
            ranges: Vec::new(),
            others: Vec::new(),
            terms: Vec::new(),
        });
    }
    let found = p.found(&text);
    if found.is_empty() {
        return None;
    }
    let mut terms = vec![None; p.typed];
    // The terms' matches grouped by field.
    let mut groups: Vec<Group> = Vec::new();
    for (term_ix, f) in &found {
        let term = &p.terms[*term_ix];
        terms[term.typed] = Some(f.kind);
        let (score, ranges) = skim_term(p.index, &text, &p.skim, &term.text, f);
        match groups.iter_mut().find(|g| g.0 == f.field) {
            Some(g) => {
                g.2 += score;
                g.3.extend(ranges);
                g.4.push(f.pos as usize);
            }
            None => groups.push((f.field, f.span, score, ranges, vec![f.pos as usize])),
        }
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.2));
    let near: i64 = groups
        .iter_mut()
        .map(|g| {
            g.4.sort_unstable();
            proximity(g.4.windows(2).map(|w| w[1] - w[0]))
        })
        .sum();
    let quality: i64 = groups.iter().map(|g| g.2).sum::<i64>() + near;
    let score = p.final_score(&found, quality);
    let mut fields = groups.into_iter().map(|(field, span, _, ranges, _)| {
        let ranges: Vec<Range<usize>> = match span.and_then(|s| text.fields.get(s as usize)) {
            Some((_, orig, map)) => {
                let r = ranges.into_iter().map(|r| map.original_range(r)).collect();
                return FieldHit {
                    field,
                    text: (*orig).into(),
                    ranges: merge(r),
                };
            }
            None => ranges,
        };
        let orig = label(p.index, field, false);
        let map = normalize_mapped(orig);
        FieldHit {
            field,
            text: orig.into(),
            ranges: merge(ranges.into_iter().map(|r| map.original_range(r)).collect()),
        }
    });
    let first = fields.next()?;
    Some(Hit {
        node,
        score,
        field: first.field,
        text: first.text,
        ranges: first.ranges,
        others: fields.collect(),
        terms,
    })
}

/// The skim score of a term on the words around its match, and the matched
/// characters as byte ranges of the normalised field.
fn skim_term(
    ix: &Index,
    text: &NodeText,
    skim: &SkimMatcherV2,
    term: &str,
    f: &Found,
) -> (i64, Vec<Range<usize>>) {
    let hay = match f.span.and_then(|s| text.fields.get(s as usize)) {
        Some((_, _, norm)) => norm.text.as_str(),
        None => label(ix, f.field, true),
    };
    let (pos, end) = (f.pos as usize, (f.pos + f.len) as usize);
    let whole = || (f.cheap, std::iter::once(pos..end).collect());
    if f.kind == MatchKind::Stem {
        // Another form of the word: highlight all of it.
        return whole();
    }
    let (ws, we) = word_window(hay, pos, end);
    let window = &hay[ws..we];
    let Some((score, chars)) = skim.fuzzy(window, term, true) else {
        return whole();
    };
    let offsets: Vec<(usize, char)> = window.char_indices().collect();
    let ranges = chars
        .iter()
        .filter_map(|&c| {
            offsets
                .get(c)
                .map(|&(b, ch)| ws + b..ws + b + ch.len_utf8())
        })
        .collect();
    (score + f.cheap, ranges)
}

/// A theme label, normalised or as written.
fn label(ix: &Index, field: Field, norm: bool) -> &str {
    let (theme, lang) = match field {
        Field::ThemeEn(t) => (t, 0),
        Field::ThemeAr(t) => (t, 1),
        _ => return "",
    };
    let Some(labels) = ix
        .themes
        .get(theme as usize)
        .and_then(|t| t.labels.as_ref())
    else {
        return "";
    };
    if norm {
        &labels[lang].1
    } else {
        &labels[lang].0
    }
}

/// Sorts ranges and joins overlapping or touching ones.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| !r.is_empty());
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Searches the whole index and returns the best `limit` hits, best first,
/// their texts read from `corpus` (the corpus the index was built or last
/// updated from). This is the ranking the worker sends and `mizan search`
/// prints. An empty query finds nothing (rather than every node).
pub fn search(index: &Index, corpus: &Corpus, query: &Query, limit: usize) -> Vec<Hit> {
    let never = || false;
    let Some((p, scan)) = rank(index, query, keep_for(limit), &never) else {
        return Vec::new();
    };
    finish(&p, corpus, &scan.top, limit)
}

/// The best `limit` nodes by the index alone (no text read back: the cheap
/// score), best first: for a picker that shows its own labels.
pub fn nodes(index: &Index, query: &Query, limit: usize) -> Vec<NodeRef> {
    let never = || false;
    rank(index, query, limit, &never)
        .map(|(_, scan)| {
            scan.top
                .iter()
                .filter_map(|&(_, id)| index.node(id))
                .collect()
        })
        .unwrap_or_default()
}

/// Every term's list, then the best `keep` documents by cheap score.
fn rank<'a>(
    index: &'a Index,
    query: &Query,
    keep: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<(Prepared<'a>, Scan)> {
    if query.is_empty() {
        return None;
    }
    let mut p = Prepared::new(index, query);
    let lists: Vec<Vec<TermHit>> = (0..p.terms.len())
        .map(|i| scan_term(&p, i, cancelled))
        .collect::<Option<_>>()?;
    let refs: Vec<&[TermHit]> = lists.iter().map(Vec::as_slice).collect();
    p.set_rarity(&df(&refs));
    let scan = combine(&p, &refs, keep, cancelled)?;
    Some((p, scan))
}
