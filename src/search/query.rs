//! A search query as typed: free-text terms plus filters (`stance:pro`,
//! `theme:<id>`, `article:<id>`, `voice:<speaker>`, `kind:<kind>`). Terms
//! are kept normalised (see `text::normalize`), so matching never
//! re-normalises a query.

use crate::model::{ClaimKind, Stance};
use crate::text::normalize::normalize;

/// A `voice:` filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoiceFilter {
    /// `voice:own` (or `voice:author`): the author's own claims.
    Own,
    /// `voice:reported` (or `voice:any`): claims with any voice.
    Reported,
    /// Any other value: a voice containing this text, normalised (spaces in
    /// a name are typed as `_` or `-`: `voice:us_officials`).
    Speaker(String),
}

impl VoiceFilter {
    /// Whether a node with this (normalised) voice passes.
    pub fn accepts(&self, voice_norm: Option<&str>) -> bool {
        match (self, voice_norm) {
            (VoiceFilter::Own, v) => v.is_none(),
            (VoiceFilter::Reported, v) => v.is_some(),
            (VoiceFilter::Speaker(s), Some(v)) => v.contains(s.as_str()),
            (VoiceFilter::Speaker(_), None) => false,
        }
    }
}

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
    /// Whose claims: `voice:own`, `voice:reported`, or part of a speaker's name.
    pub voices: Vec<VoiceFilter>,
    /// `kind:fact` and the like.
    pub kinds: Vec<ClaimKind>,
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
                "voice" => q.voices.push(match value.to_lowercase().as_str() {
                    "own" | "author" => VoiceFilter::Own,
                    "reported" | "any" => VoiceFilter::Reported,
                    _ => VoiceFilter::Speaker(normalize(&value.replace(['_', '-'], " "))),
                }),
                "kind" => match ClaimKind::parse(value) {
                    Some(k) => q.kinds.push(k),
                    None => q.warnings.push(format!(
                        "unknown kind `{value}` (expected fact, prediction, evaluation or proposal)"
                    )),
                },
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
            && self.voices.is_empty()
            && self.kinds.is_empty()
            && self.warnings.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, ArticleMeta, Corpus, MapEntry, Node, NodeFields};
    use crate::search::{Index, search};

    /// thesis (own), n1 "US officials" prediction, n2 own fact, n3
    /// "Iraqi officials" evaluation.
    fn corpus() -> Corpus {
        let node = |id: &str, voice: Option<&str>, kind: Option<ClaimKind>| {
            Node::from(NodeFields {
                id: id.into(),
                claim_en: "withdrawal of forces".into(),
                claim_ar: "انسحاب القوات".into(),
                voice: voice.map(Into::into),
                kind,
                parent: (id != "thesis").then_some(0),
                ..Default::default()
            })
        };
        let mut nodes = vec![
            node("thesis", None, Some(ClaimKind::Proposal)),
            node("n1", Some("US officials"), Some(ClaimKind::Prediction)),
            node("n2", None, Some(ClaimKind::Fact)),
            node(
                "n3",
                Some("المسؤولون العراقيون"),
                Some(ClaimKind::Evaluation),
            ),
        ];
        *nodes[0].children_mut() = vec![1, 2, 3];
        let entry = MapEntry {
            path: "a.ron".into(),
            article: Some(Article {
                meta: ArticleMeta {
                    id: "a".into(),
                    ..Default::default()
                },
                nodes,
                root: 0,
            }),
            error: None,
            positions: Vec::new(),
            hash: 0,
        };
        Corpus::new(None, "motion.ron".into(), vec![entry])
    }

    fn ids(q: &str) -> Vec<String> {
        let c = corpus();
        let ix = Index::build(&c);
        let mut v: Vec<String> = search(&ix, &c, &Query::parse(q), 20)
            .iter()
            .filter_map(|h| c.address(h.node))
            .collect();
        v.sort();
        v
    }

    // `voice:` selects the author's own claims, reported ones, or a speaker
    // by part of the name (Arabic normalised); several are alternatives.
    #[test]
    fn voice_filter() {
        assert_eq!(ids("voice:own"), ["a/n2", "a/thesis"]);
        assert_eq!(ids("withdrawal voice:reported"), ["a/n1", "a/n3"]);
        assert_eq!(ids("voice:us_officials"), ["a/n1"]);
        assert_eq!(ids("voice:officials"), ["a/n1"]);
        assert_eq!(ids("voice:المسئولون"), Vec::<String>::new());
        assert_eq!(ids("voice:العراقيون"), ["a/n3"]);
        assert_eq!(ids("voice:own voice:US"), ["a/n1", "a/n2", "a/thesis"]);
    }

    // `kind:` selects claim kinds; an unknown kind warns and matches nothing.
    #[test]
    fn kind_filter() {
        assert_eq!(ids("kind:fact"), ["a/n2"]);
        assert_eq!(ids("kind:prediction kind:Proposal"), ["a/n1", "a/thesis"]);
        assert_eq!(ids("kind:prediction voice:own"), Vec::<String>::new());
        let q = Query::parse("kind:rumour");
        assert_eq!(q.warnings.len(), 1);
        assert!(ids("kind:rumour").is_empty());
    }
}
