//! A search query as typed: free-text terms plus filters (`stance:pro`,
//! `theme:<id>`, `article:<id>`). Terms are kept normalised (see
//! `text::normalize`), so matching never re-normalises a query.

use super::matcher::grows_from;
use crate::model::Stance;
use crate::text::normalize::normalize;

/// A parsed query. Terms rank nodes (a node matching more of them, and the
/// rarer ones, ranks higher; see `search::matcher`) but none is required;
/// filters are: filters of one kind are alternatives (OR), kinds combine
/// with AND.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Normalised free-text terms, in the order typed.
    pub terms: Vec<String>,
    pub stances: Vec<Stance>,
    /// Theme ids, normalised.
    pub themes: Vec<String>,
    /// Article ids, normalised.
    pub articles: Vec<String>,
    /// Filters that could not be understood, e.g. `stance:maybe`. A query
    /// with any matches nothing (ignoring the filter would show results the
    /// user excluded); the caller may show why.
    pub warnings: Vec<String>,
}

impl Query {
    /// Parses a query. Words of the form `key:value` with a known key are
    /// filters; any other word (`foo:bar`, a bare `stance:`) is a term.
    pub fn parse(input: &str) -> Query {
        let mut q = Query::default();
        for word in input.split_whitespace() {
            let Some((key, value)) = word.split_once(':').filter(|(_, v)| !v.is_empty()) else {
                q.push_term(word);
                continue;
            };
            match key {
                "stance" => match Stance::parse(&value.to_lowercase()) {
                    Some(s) => q.stances.push(s),
                    None => {
                        q.warnings.push(format!(
                            "unknown stance `{value}` (expected pro, anti, mixed or neutral)"
                        ));
                    }
                },
                "theme" => q.themes.push(normalize(value)),
                "article" => q.articles.push(normalize(value)),
                _ => q.push_term(word),
            }
        }
        q
    }

    fn push_term(&mut self, word: &str) {
        let t = normalize(word);
        // Hyphenated words are their parts, as in the text's words: `hit and
        // run` and `hit-and-run` find each other.
        for part in t.split(['-', '\u{2010}', '\u{2011}', '\u{2013}', '\u{2014}']) {
            // A word of nothing but harakat normalises to nothing: it must
            // not become a term that every text "contains".
            let part = part.trim();
            if !part.is_empty() {
                self.terms.push(part.to_owned());
            }
        }
    }

    /// True when the query has neither terms nor filters.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
            && self.stances.is_empty()
            && self.themes.is_empty()
            && self.articles.is_empty()
            && self.warnings.is_empty()
    }

    /// True when every node that may match this query was a candidate of
    /// `prev`, so a search may start from `prev`'s candidates instead of the
    /// whole index: same filters, and every term of ours grew at its end
    /// from a term of `prev` whose light stem ours still contains. A
    /// candidate is a node containing a term's stem, or a word that starts
    /// with its first letters (see `search::matcher`), and both keep holding
    /// for the shorter term. A new term is not a narrowing: it may match
    /// nodes that matched nothing before.
    pub fn narrows(&self, prev: &Query) -> bool {
        self.stances == prev.stances
            && self.themes == prev.themes
            && self.articles == prev.articles
            && self.warnings == prev.warnings
            && self
                .terms
                .iter()
                .all(|t| prev.terms.iter().any(|p| grows_from(t, p)))
    }
}
